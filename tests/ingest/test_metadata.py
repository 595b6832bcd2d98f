"""Titles, 文号, signatures, status, validity, region and references."""

from __future__ import annotations

import pytest

from graphapi.domain.model import (
    Level,
    PolicyStatus,
    Provision,
    ProvisionKind,
    ReferenceKind,
)
from graphapi.domain.regions import default_regions
from ingest.metadata import (
    OwnNames,
    citations_in,
    date_line,
    doc_number_line,
    doc_numbers_in,
    find_signature,
    is_issuing_notice,
    normalize_title,
    read_front_matter,
    references_in,
    region_of,
    status_of,
    validity_in,
)
from ingest.provisions import Line


def lines(*texts: str) -> list[Line]:
    return [Line(number, text, text) for number, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("东发〔2022〕26号", "东发〔2022〕26号"),
        ("云党人才〔2018〕4号", "云党人才〔2018〕4号"),
        ("五办发[2019]8号", "五办发〔2019〕8号"),
        ("曲人才发［2021］3号", "曲人才发〔2021〕3号"),
        ("云政发【2020】 15号", "云政发〔2020〕15号"),
        ("昆明市人民政府令第142号", "昆明市人民政府令第142号"),
    ],
)
def test_doc_number_lines(text, expected):
    number = doc_number_line(text)
    assert number is not None and number.text == expected


def test_doc_numbers_inside_text():
    text = "根据《实施办法》（云厅字〔2018〕11号）和（昆科规〔2019〕2号），自2018年起施行"
    assert [n.text for n in doc_numbers_in(text)] == ["云厅字〔2018〕11号", "昆科规〔2019〕2号"]
    assert doc_number_line("根据云厅字〔2018〕11号") is None
    assert doc_numbers_in("2018年6月5日") == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2022年10月14日", "2022-10-14"), ("2018年6月5日", "2018-06-05"), ("二〇二一年三月八日", "2021-03-08"),
     ("2023年 月 日", None), ("2023年2月30日", None), ("本办法自2023年1月1日起施行", None)],
)
def test_date_lines(text, iso):
    assert date_line(text) == iso


def test_signature_lines_above_the_date():
    signature = find_signature(lines("现印发给你们。", "中共昆明市东川区委", "昆明市东川区人民政府", "2022年10月14日", "（此件公开发布）"))
    assert signature.issuers == ("中共昆明市东川区委", "昆明市东川区人民政府")
    assert signature.issued_on == "2022-10-14"
    assert find_signature(lines("第一条 正文。", "本办法自2023年 月 日起施行。")).issued_on is None


def test_front_matter_of_a_notice():
    front = read_front_matter(lines(
        "云南省人才工作领导小组文件", "云党人才〔2018〕4号", "云南省人才工作领导小组关于印发某某细则的通知", "各州、市党委："
    ))
    assert (front.header_issuer, front.doc_number, front.title, front.end) == (
        "云南省人才工作领导小组", "云党人才〔2018〕4号", "云南省人才工作领导小组关于印发某某细则的通知", 3
    )
    assert is_issuing_notice(front.title)


def test_front_matter_with_draft_marker_line():
    front = read_front_matter(lines("深圳市杰出人才培养专项实施办法", "(征求意见稿)", "第一章 总则"))
    assert (front.title, front.draft, front.end) == ("深圳市杰出人才培养专项实施办法", True, 2)


def test_normalize_title():
    assert normalize_title("深圳市杰出人才培養專項實施辦法(征求意見稿)") == "深圳市杰出人才培养专项实施办法"
    assert normalize_title("云南省千人计划“高层次人才”专项 实施细则(试行)") == "云南省千人计划“高层次人才”专项实施细则（试行）"


def test_issuing_notice():
    assert is_issuing_notice("中共某区委印发《关于实施人才计划的意见（试行）》的通知")
    assert not is_issuing_notice("关于做好2023年人才申报工作的通知")
    assert not is_issuing_notice("某某实施办法")
    assert not is_issuing_notice(None)


@pytest.mark.parametrize(
    ("title", "draft", "validity", "issued", "status"),
    [
        ("某某实施办法（试行）", True, "试行五年", False, PolicyStatus.DRAFT),  # 征求意见稿 beats 试行
        ("某某实施办法（试行）（征求意见稿）", False, None, False, PolicyStatus.DRAFT),
        ("某某实施细则（试行）", False, None, True, PolicyStatus.TRIAL),
        ("某某管理办法", False, "试行两年", True, PolicyStatus.TRIAL),
        ("某某印发《某某意见（试行）》的通知", False, None, True, PolicyStatus.IN_FORCE),
        ("某某管理办法", False, "有效期5年", True, PolicyStatus.IN_FORCE),
        ("关于某某细则的编制说明", False, None, False, None),
    ],
)
def test_status(title, draft, validity, issued, status):
    assert status_of(title, draft, validity, issued) == status


def test_validity_is_read_from_the_sentence_about_the_policy():
    assert validity_in(["本办法自印发之日起施行，试行五年。以往规定不一致的，按本办法执行。"]) == ("试行五年", 5)
    assert validity_in(["本办法自2023年 月 日起施行，有效期5年。"]) == ("有效期5年", 5)
    assert validity_in(["本细则自2021年1月1日起施行，有效期至2025年12月31日。"]) == ("有效期至2025年12月31日", None)
    assert validity_in(["人才服务绿卡有效期为3年，期满后可以续期。"]) == (None, None)


def test_region_is_the_most_specific_one_named():
    regions = default_regions()
    guandu = region_of(regions, "中国（云南）自由贸易试验区昆明片区（官渡区）支持高层次人才（团队）引进的实施办法（试行）")
    assert (guandu.name, guandu.level) == ("官渡区", Level.DISTRICT)
    assert region_of(regions, "关于实施人才振兴计划的意见", "中共昆明市东川区委").name == "东川区"
    assert region_of(regions, "云南省千人计划“高层次人才”专项实施细则（试行）").name == "云南省"
    assert region_of(regions, "人才公寓管理办法", None) is None


# --- references -----------------------------------------------------------------------------


def provision(text: str, path: str = "art_1") -> Provision:
    return Provision(f"p/{path}", "p", ProvisionKind.ARTICLE, "第一条", 1, text, text, 0)


def refs(*texts: str, own: OwnNames | None = None):
    provisions = [provision(text, f"art_{i}") for i, text in enumerate(texts, start=1)]
    own = own or OwnNames(title="西山区人才引进实施办法（试行）", doc_number="西发〔2020〕1号", annex_titles=("西山区人才分类目录",))
    return [(r.kind, r.title, r.doc_number) for r in references_in(provisions, own)]


def test_citations_with_nested_titles_and_doc_numbers():
    found = citations_in("为贯彻落实《关于印发〈云南省“千人计划”实施办法（试行）〉的通知》（云厅字〔2018〕11号），经同意")
    assert [(c.title, c.doc_number) for c in found] == [("关于印发〈云南省“千人计划”实施办法（试行）〉的通知", "云厅字〔2018〕11号")]


def test_cites_and_repeals():
    assert refs(
        "根据《昆明市人才发展条例》（昆明市人民代表大会常务委员会令第3号）制定。",
        "《云岭英才计划专项实施办法（试行）》（云科发〔2017〕74号）废止，已入选人才自动转入。",
        "本办法施行之日起，同时废止《西山区人才暂行办法》。",
        "按照云人社发〔2017〕118号文件执行。",
    ) == [
        (ReferenceKind.CITES, "昆明市人才发展条例", "昆明市人民代表大会常务委员会令第3号"),
        (ReferenceKind.REPEALS, "云岭英才计划专项实施办法（试行）", "云科发〔2017〕74号"),
        (ReferenceKind.REPEALS, "西山区人才暂行办法", None),
        (ReferenceKind.CITES, None, "云人社发〔2017〕118号"),
    ]


def test_self_references_and_non_instruments_are_left_out():
    assert refs(
        "根据《西山区人才分类目录》（见附件，以下简称《目录》）认定。",  # own annex, alias
        "按《目录》执行。",
        "《西山区人才引进实施办法（试行）》由区委人才办解释。",  # own title
        "填写《云南省“千人计划”申报书》，申报《绿色通道服务证》。",  # forms and cards
        "按《云南省千人计划xxx专项实施细则（试行）》规定。",  # templates
        "参照《某某单位人才管理办法》执行。",
        "本办法文号为西发〔2020〕1号。",  # own 文号
    ) == []


def test_a_repeated_title_takes_its_known_doc_number():
    provisions = [provision("享受《云南省“千人计划”实施办法（试行）》政策支持。")]
    own = OwnNames(title="青年人才专项实施细则", doc_number=None)
    (reference,) = references_in(provisions, own, {"云南省“千人计划”实施办法（试行）": "云厅字〔2018〕11号"})
    assert (reference.doc_number, reference.target_id) == ("云厅字〔2018〕11号", None)


def test_an_empty_title_names_nothing():
    # Found by the load property (tests/ingest/test_load_properties.py): 《》 in a policy with a
    # 文号 became a reference with neither title nor 文号, which nothing can be loaded for.
    provisions = [provision("根据《》和《 》的规定，制定本细则。")]
    assert references_in(provisions, OwnNames(title="某区人才细则", doc_number="某发〔2020〕1号")) == []
