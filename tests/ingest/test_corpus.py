"""The five corpus documents: counts, metadata, repairs and ids, pinned after reading them."""

from __future__ import annotations

import pytest

from graphapi.domain.model import Level, PolicyStatus, ProvisionKind, ReferenceKind
from ingest.documents import parse_file
from ingest.ids import reference_target_id
from tests.ingest.support import (
    PREFIXES,
    by_path,
    children,
    corpus_path,
    kinds,
    lost_lines,
    parsed_corpus,
    provision_words,
    source_words,
)

# Counts per provision kind, one dict per policy, in document order.
KIND_COUNTS = {
    "000": [{"PARAGRAPH": 22, "SECTION": 4, "ITEM": 6}],
    "001": [
        {"CHAPTER": 6, "ARTICLE": 22, "ITEM": 31, "PARAGRAPH": 10, "SUBITEM": 44, "POINT": 5, "ANNEX": 1, "SECTION": 6}
    ],
    "002": [{"PARAGRAPH": 6}, {"PARAGRAPH": 15, "SECTION": 6, "ITEM": 14}],
    "003": [{"CHAPTER": 5, "ARTICLE": 28, "PARAGRAPH": 14, "ITEM": 37}],
    "004": [
        {"PARAGRAPH": 280, "ANNEX": 2},
        {"ARTICLE": 11, "ITEM": 18, "SUBITEM": 16, "PARAGRAPH": 9},
        {"ARTICLE": 10, "ITEM": 17, "SUBITEM": 12, "PARAGRAPH": 6},
        {"ARTICLE": 10, "ITEM": 18, "SUBITEM": 11, "PARAGRAPH": 8},
        {"ARTICLE": 10, "ITEM": 18, "SUBITEM": 19, "PARAGRAPH": 8},
        {"ARTICLE": 10, "ITEM": 19, "SUBITEM": 17, "PARAGRAPH": 7},
        {"ARTICLE": 11, "ITEM": 17, "SUBITEM": 9, "POINT": 5, "PARAGRAPH": 10},
    ],
}

YUNNAN_NOTICE = dict(
    doc_number="云党人才〔2018〕4号", issuer="云南省人才工作领导小组", issued_on="2018-06-05",
    level=Level.PROVINCIAL, region="云南省",
)
DONGCHUAN = dict(
    doc_number="东发〔2022〕26号", issuer="中共昆明市东川区委、昆明市东川区人民政府", issued_on="2022-10-14",
    level=Level.DISTRICT, region="东川区",
)
METADATA = {
    "000": [
        dict(title="关于《昆明市中青年学术和技术带头人及后备人选选拔培养考核实施细则》的编制说明",
             doc_number=None, issuer=None, issued_on=None, status=None, validity=None,
             level=Level.MUNICIPAL, region="昆明市"),
    ],
    "001": [
        dict(title="中国（云南）自由贸易试验区昆明片区（官渡区）支持高层次人才（团队）引进的实施办法（试行）",
             doc_number=None, issuer=None, issued_on=None, status=PolicyStatus.DRAFT, validity="试行五年",
             validity_years=5, level=Level.DISTRICT, region="官渡区"),
    ],
    "002": [
        dict(title="中共昆明市东川区委昆明市东川区人民政府印发《关于实施人才振兴计划促进东川高质量发展的意见（试行）》的通知",
             status=PolicyStatus.IN_FORCE, **DONGCHUAN),
        dict(title="关于实施人才振兴计划促进东川高质量发展的意见（试行）", status=PolicyStatus.TRIAL, **DONGCHUAN),
    ],
    "003": [
        dict(title="深圳市杰出人才培养专项实施办法", doc_number=None, issuer=None, issued_on=None,
             status=PolicyStatus.DRAFT, validity="有效期5年", validity_years=5, level=Level.MUNICIPAL, region="深圳市"),
    ],
    "004": [
        dict(title="云南省人才工作领导小组关于印发云南省“千人计划”（高层次人才引进）6个专项实施细则的通知",
             status=PolicyStatus.IN_FORCE, **YUNNAN_NOTICE),
        *(
            dict(title=f"云南省千人计划“{name}”专项实施细则（试行）", status=PolicyStatus.TRIAL, validity=None, **YUNNAN_NOTICE)
            for name in ("高层次人才", "高端外国专家", "人文社会科学人才", "产业人才", "青年人才", "高层次创新创业团队")
        ),
    ],
}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_kind_counts_per_policy(prefix):
    document = parsed_corpus(prefix)
    assert [kinds(policy) for policy in document.policies] == KIND_COUNTS[prefix]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_metadata(prefix):
    document = parsed_corpus(prefix)
    assert len(document.policies) == len(METADATA[prefix])
    for policy, expected in zip(document.policies, METADATA[prefix], strict=True):
        for field, value in expected.items():
            assert getattr(policy.policy, field) == value, (policy.policy.id, field)
        assert policy.policy.source_file == corpus_path(prefix).name
        assert policy.policy.source_sha256 == document.source_sha256


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_text_is_lost(prefix):
    source = corpus_path(prefix).read_text(encoding="utf-8")
    document = parsed_corpus(prefix)
    assert lost_lines(source, document) == []
    # …and none is duplicated: provisions hold no more letters than the source.
    assert provision_words(document) <= source_words(source)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_ids_are_unique_and_stable(prefix):
    first, second = parsed_corpus(prefix), parse_file(corpus_path(prefix))
    ids = [p.id for policy in first.policies for p in policy.provisions]
    assert len(ids) == len(set(ids))
    assert ids == [p.id for policy in second.policies for p in policy.provisions]
    policy_ids = [policy.policy.id for policy in first.policies]
    assert len(policy_ids) == len(set(policy_ids))
    assert policy_ids == [policy.policy.id for policy in second.policies]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_tree_is_consistent(prefix):
    for policy in parsed_corpus(prefix).policies:
        seen: set[str] = set()
        for ordinal, provision in enumerate(policy.provisions):
            assert provision.ordinal == ordinal
            assert provision.policy_id == policy.policy.id
            assert provision.id.startswith(policy.policy.id + "/")
            assert provision.parent_id is None or provision.parent_id in seen  # parents come first
            assert provision.text.strip()
            seen.add(provision.id)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_conversion_markers_survive(prefix):
    for policy in parsed_corpus(prefix).policies:
        for provision in policy.provisions:
            assert "[bookmark" not in provision.text
            assert "<p" not in provision.text and "<input" not in provision.text
            assert provision.text not in {"3", "4", "★"}


# --- 000 编制说明 -----------------------------------------------------------------------------


def test_000_sections_items_and_citations():
    (note,) = parsed_corpus("000").policies
    sections = [p for p in note.provisions if p.kind is ProvisionKind.SECTION]
    assert [(s.label, s.heading) for s in sections] == [
        ("一、", "起草背景"), ("二、", "起草过程"), ("三、", "起草内容"), ("四、", "特色亮点")
    ]
    assert [p.label for p in children(note, "sec_3") if p.kind is ProvisionKind.ITEM] == ["（四）", "（五）"]
    assert [p.label for p in children(note, "sec_4") if p.kind is ProvisionKind.ITEM] == ["（一）", "（二）", "（三）", "（四）"]
    assert by_path(note, "sec_4__item_1__para_1").text.startswith("在选拔范围上")
    # Headings without numbers stay paragraphs, not joined to the text after them.
    assert by_path(note, "sec_3__para_2").text == "明确了各层级的职能职责"
    cited = {(r.kind, r.title, r.doc_number) for r in note.references}
    assert (ReferenceKind.CITES, "昆明市中青年学术和技术带头人及后备人选选拔培养考核办法", "昆明市人民政府令第142号") in cited
    assert (ReferenceKind.CITES, "昆明市中青年学术和技术带头人及后备人选选拔培养考核实施细则", "昆科规〔2019〕2号") in cited
    # Not cited: the alias 《实施细则》, the 细则 the note explains (its own title), a 请示.
    assert all(r.doc_number or "实施细则" not in (r.title or "") for r in note.references)
    assert not any("请示" in (r.title or "") for r in note.references)


# --- 001 官渡 ---------------------------------------------------------------------------------


def test_001_chapters_articles_and_annex_structure():
    (policy,) = parsed_corpus("001").policies
    chapters = children(policy, None)
    assert [(c.label, c.heading) for c in chapters if c.kind is ProvisionKind.CHAPTER] == [
        ("第一章", "总则"), ("第2章", "引进对象和分类"), ("第三章", "引进方式及程序"),
        ("第四章", "政策待遇及支持措施"), ("第五章", "考核管理与保障"), ("第六章", "附则"),
    ]
    articles = [p for p in policy.provisions if p.kind is ProvisionKind.ARTICLE]
    assert [a.number for a in articles] == list(range(1, 23))
    assert by_path(policy, "chp_1__art_2").text.startswith("坚持党管人才")  # behind a [bookmark]
    assert by_path(policy, "chp_2__art_5__item_2__para_2").text.startswith("引进范围重点在总部经济")

    # 附件：… right after 第二十二条 lists the attachment; the annex itself follows.
    listing = by_path(policy, "para_1")
    assert listing.parent_id is None and listing.text == "附件：官渡高层次人才（团队）分类认定目录"
    annex = by_path(policy, "annex_1")
    assert annex.heading == "官渡高层次人才（团队）分类认定目录"
    sections = [p for p in children(policy, "annex_1") if p.kind is ProvisionKind.SECTION]
    assert [s.heading for s in sections] == [
        "A类（国际顶尖人才）", "B类（国内领军人才）", "C类（省级杰出人才）", "D类（市级拔尖人才）",
        "E类（青年优秀人才）", "高层次创新创业团队（以下简称团队）",
    ]
    for number, subitems in enumerate([8, 7, 11, 7, 2, 5], start=1):
        parts = children(policy, f"annex_1__sec_{number}")
        assert parts[0].kind is ProvisionKind.PARAGRAPH and parts[0].text.startswith(("在官渡区", "首次在官渡区"))
        assert [p.number for p in parts if p.kind is ProvisionKind.SUBITEM] == list(range(1, subitems + 1))
    note = children(policy, "annex_1")[-1]
    assert note.kind is ProvisionKind.PARAGRAPH and note.text.startswith("注：")


def test_001_subitems_and_points_of_article_17():
    (policy,) = parsed_corpus("001").policies
    subitems = children(policy, "chp_5__art_17__item_4")
    assert [s.label for s in subitems] == ["1.", "2.", "3.", "4."]
    points = children(policy, "chp_5__art_17__item_4__subitem_4")
    assert [p.label for p in points] == ["（1）", "（2）", "（3）", "（4）", "（5）"]
    assert all(p.kind is ProvisionKind.POINT for p in points)


def test_001_references_leave_out_own_annex_and_alias():
    (policy,) = parsed_corpus("001").policies
    assert [(r.kind, r.title) for r in policy.references] == [(ReferenceKind.CITES, "官渡区人才公寓管理办法（试行）")]


# --- 002 东川 ---------------------------------------------------------------------------------


def test_002_notice_issues_the_opinion():
    notice, opinion = parsed_corpus("002").policies
    (promulgates,) = [r for r in notice.references if r.kind is ReferenceKind.PROMULGATES]
    assert promulgates.target_id == opinion.policy.id
    assert promulgates.cited_in == f"{notice.policy.id}/para_2"
    assert [p.text for p in notice.provisions][-3:] == ["昆明市东川区人民政府", "2022年10月14日", "（此件公开发布）"]


def test_002_items_numbered_across_sections_with_paragraphs():
    _, opinion = parsed_corpus("002").policies
    items = [p for p in opinion.provisions if p.kind is ProvisionKind.ITEM]
    assert [i.number for i in items] == list(range(1, 15))
    assert by_path(opinion, "sec_3__item_7").heading == "加快引才育才赋能乡村振兴"
    for item in items:
        (paragraph,) = [p for p in opinion.provisions if p.parent_id == item.id]
        assert paragraph.kind is ProvisionKind.PARAGRAPH and paragraph.id.endswith("__para_1")
    assert by_path(opinion, "para_1").text.startswith("为深入学习贯彻")


# --- 003 深圳 ---------------------------------------------------------------------------------


def test_003_traditional_text_is_simplified_with_original_kept():
    (policy,) = parsed_corpus("003").policies
    first = by_path(policy, "chp_1__art_1")
    assert first.text.startswith("为进一步加强杰出人才培养专项工作，根据《深圳经济特区人才工作条例》")
    assert first.original_text.startswith("為進一步加強杰出人才培養專項工作,根據《深圳經濟特區人才工作條例》")
    item = by_path(policy, "chp_2__art_5__item_1")
    assert (item.label, item.text) == ("（一）", "拥护党的领导，遵纪守法；")
    assert item.original_text == "擁護黨的領導,遵紀守法;"
    assert by_path(policy, "chp_1__art_2__para_2").text.startswith("本办法中战略科学家级人才指：中国科学院")
    assert [p.id.split("/")[1] for p in children(policy, "chp_2__art_7")] == ["chp_2__art_7__para_2", "chp_2__art_7__para_3"]


# --- 004 云南 ---------------------------------------------------------------------------------


def test_004_six_rules_each_from_their_own_first_article():
    notice, *rules = parsed_corpus("004").policies
    assert [sum(p.kind is ProvisionKind.ARTICLE for p in r.provisions) for r in rules] == [11, 10, 10, 10, 10, 11]
    for rule in rules:
        assert rule.provisions[0].label == "第一条"
        assert not any(p.kind in {ProvisionKind.ANNEX, ProvisionKind.SECTION} for p in rule.provisions)
    promulgated = [r.target_id for r in notice.references if r.kind is ReferenceKind.PROMULGATES]
    assert promulgated == [r.policy.id for r in rules]
    assert rules[0].policy.id == "yn-2018-qrjhgccrc"


def test_004_items_with_half_width_parentheses_and_points():
    _, high, *_, team = parsed_corpus("004").policies
    items = children(high, "art_4")
    assert [(i.label, i.heading) for i in items] == [("（一）", "基本条件"), ("（二）", None), ("（三）", None)]
    assert items[1].text.startswith("核心条件。") and items[2].text.startswith("放宽条件。")
    assert [s.label for s in children(high, "art_4__item_2")] == ["1.", "2.", "3.", "4.", "5."]
    points = children(team, "art_4__item_1__subitem_1")
    assert [p.label for p in points] == ["（1）", "（2）", "（3）", "（4）", "（5）"]


def test_004_application_forms_are_annexes_of_the_notice():
    notice, *_ = parsed_corpus("004").policies
    annexes = [p for p in notice.provisions if p.kind is ProvisionKind.ANNEX]
    assert [(a.label, a.heading) for a in annexes] == [("附件1", "云南省“千人计划”申报书"), ("附件2", "云南省“千人计划”申报书")]
    form = children(notice, "annex_1")
    assert {p.kind for p in form} == {ProvisionKind.PARAGRAPH}
    assert "一、申报人（团队负责人）基本情况 照片" in [p.text for p in form]
    assert "姓名 性别 出生年月" in [p.text for p in form]


def test_004_repairs():
    notice, high, foreign, humanities, industry, *_ = parsed_corpus("004").policies
    assert "凭证在云南省内机场" in by_path(high, "art_8__item_2__subitem_4").text
    assert by_path(high, "art_10").text.startswith("退出机制。云南省千人计划“高层次人才”有下列情形之一")
    assert "“人文社会科学人才”专项，享受" in by_path(humanities, "art_7").text
    assert "报省人力资源社会保障厅汇总审核后" in by_path(industry, "art_6__para_2").text
    assert "高层次创新创业团队6个专项实施细则印发给你们" in by_path(notice, "para_2").text
    repeated = by_path(foreign, "art_8__item_2").text
    assert repeated.endswith("人才队伍建设，努力取得重大标志性成果。")
    assert not any(p.text.startswith("设，") for p in foreign.provisions)
    assert any("repeats the end of line" in w for w in parsed_corpus("004").warnings)


def test_004_references():
    notice, high, foreign, humanities, industry, youth, team = parsed_corpus("004").policies
    repealed = [(r.title, r.doc_number) for p in (high, foreign, youth, team) for r in p.references if r.kind is ReferenceKind.REPEALS]
    assert repealed == [
        ("云岭英才计划“云岭高层次人才”专项实施办法（试行）", "云科发〔2017〕74号"),
        ("云岭英才计划“高端外国专家”专项（试行）", "云外专〔2017〕161号"),
        ("云岭英才计划“云岭青年人才”专项实施办法（试行）", "云人社发〔2017〕118号"),
        ("云岭英才计划“云岭高层次创新创业团队”专项实施办法（试行）", "云科发〔2017〕75号"),
    ]
    assert not any(r.kind is ReferenceKind.REPEALS for r in humanities.references + industry.references)
    (cited,) = [r for r in notice.references if r.kind is ReferenceKind.CITES]
    assert cited.doc_number == "云厅字〔2018〕11号" and cited.cited_in == f"{notice.policy.id}/para_2"
    everything = [r for p in (notice, high, foreign, humanities, industry, youth, team) for r in p.references]
    assert not any(t in (r.title or "") for r in everything for t in ("申报书", "服务证", "xxx"))
    # Targets outside the document are left to the loader; every citation of one document
    # carries the same 文号, so its placeholder id is the same whether or not a citation repeats it.
    assert all(r.target_id is None for r in everything if r.kind is not ReferenceKind.PROMULGATES)
    cited = [r for r in everything if r.title == "云南省“千人计划”实施办法（试行）"]
    assert len(cited) == 18  # 第一条, 支持政策 and its last sub-item in each of the six
    assert {reference_target_id(r.title, r.doc_number) for r in cited} == {"yn-2018-qrjh"}
