"""Texts of the genre written for these tests, which the parser rules were not tuned on."""

from __future__ import annotations

import pytest

from graphapi.domain.model import Level, PolicyStatus, ProvisionKind, ReferenceKind
from ingest.documents import parse_file, parse_text
from ingest.errors import DocumentError
from tests.ingest.support import (
    TEXTS,
    by_path,
    children,
    kinds,
    lost_lines,
    provision_words,
    source_words,
)


def parse(name: str):
    return parse_file(TEXTS / name)


def test_district_measures_with_chapters_and_annex_catalogue():
    document = parse("wuhua_youth_measures.txt")
    (policy,) = document.policies
    meta = policy.policy
    assert meta.title == "昆明市五华区支持青年科技人才创新创业的实施办法（试行）"
    assert (meta.status, meta.validity, meta.validity_years) == (PolicyStatus.DRAFT, "有效期3年", 3)
    assert (meta.region, meta.level, meta.doc_number, meta.issuer, meta.issued_on) == ("五华区", Level.DISTRICT, None, None, None)
    assert meta.id == "wh-zcqnkjrccxcy"
    assert kinds(policy) == {
        "CHAPTER": 5, "ARTICLE": 11, "PARAGRAPH": 6, "ITEM": 8, "SUBITEM": 9, "POINT": 2, "ANNEX": 1, "SECTION": 3
    }
    assert [c.heading for c in children(policy, None) if c.kind is ProvisionKind.CHAPTER] == [
        "总则", "支持对象和认定", "支持措施", "管理与服务", "附则"
    ]
    assert by_path(policy, "chp_2__art_4__item_3").label == "（三）"  # written "(三)"
    assert [p.label for p in children(policy, "chp_3__art_6__item_2__subitem_3")] == ["（1）", "（2）"]
    # repairs: a sentence broken over a blank line, a repeated fragment, page numbers, ★
    assert by_path(policy, "chp_3__art_6__item_3").text.endswith("最长不超过3年；已购房的，按照购房价格的10%给予最高20万元购房补贴。")
    assert by_path(policy, "chp_4__art_8").text == "用人单位应当加强对青年科技人才的服务管理，建立跟踪联系制度，定期听取人才意见建议。"
    assert any("repeats the end of line" in w for w in document.warnings)
    # the attachment list, then the catalogue with its own sections
    assert by_path(policy, "para_1").text == "附件：五华区青年科技人才分类目录"
    assert by_path(policy, "annex_1").heading == "五华区青年科技人才分类目录"
    assert [s.heading for s in children(policy, "annex_1") if s.kind is ProvisionKind.SECTION] == ["A类人才", "B类人才", "C类人才"]
    assert children(policy, "annex_1")[-1].text.startswith("注：")
    assert [(r.kind, r.title, r.doc_number) for r in policy.references] == [
        (ReferenceKind.CITES, "昆明市“春城计划”实施办法", "昆办发〔2021〕12号"),
        (ReferenceKind.REPEALS, "五华区青年人才引进暂行办法", "五办发〔2019〕8号"),
    ]
    source = (TEXTS / "wuhua_youth_measures.txt").read_text(encoding="utf-8")
    assert lost_lines(source, document) == []
    assert provision_words(document) <= source_words(source)


def test_notice_issuing_two_rules():
    document = parse("qujing_notice_two_rules.txt")
    notice, identification, green_card = document.policies
    shared = dict(doc_number="曲人才发〔2021〕3号", issuer="中共曲靖市委人才工作领导小组", issued_on="2021-03-08",
                  region="曲靖市", level=Level.MUNICIPAL)
    for policy in document.policies:
        for field, value in shared.items():
            assert getattr(policy.policy, field) == value
    assert identification.policy.title == "曲靖市高层次人才认定实施细则"
    assert green_card.policy.title == "曲靖市人才服务绿卡管理细则"
    assert [p.policy.status for p in document.policies] == [PolicyStatus.IN_FORCE, PolicyStatus.IN_FORCE, PolicyStatus.TRIAL]
    assert (green_card.policy.validity, green_card.policy.validity_years) == ("试行两年", 2)  # not the card's 有效期为3年
    assert [sum(p.kind is ProvisionKind.ARTICLE for p in r.provisions) for r in (identification, green_card)] == [4, 4]
    assert [r.target_id for r in notice.references if r.kind is ReferenceKind.PROMULGATES] == [
        identification.policy.id, green_card.policy.id
    ]
    # The form after the last rule serves both: it belongs to the notice, kept as paragraphs.
    (annex,) = [p for p in notice.provisions if p.kind is ProvisionKind.ANNEX]
    assert annex.heading == "曲靖市人才服务绿卡申请表"
    assert [p.text for p in children(notice, "annex_1")] == ["姓名 性别 出生年月", "工作单位 职务职称", "申请人签字：_____"]
    assert not any(p.kind is ProvisionKind.ANNEX for p in green_card.provisions)
    assert [(r.kind, r.title, r.target_id) for r in identification.references] == [
        (ReferenceKind.CITES, "曲靖市人才发展促进条例", None)  # outside the document: the loader resolves it
    ]
    assert [(r.kind, r.target_id) for r in green_card.references] == [
        (ReferenceKind.CITES, identification.policy.id)  # a sibling in the same document is known
    ]
    assert lost_lines((TEXTS / "qujing_notice_two_rules.txt").read_text(encoding="utf-8"), document) == []


def test_gbk_encoded_opinion():
    document = parse("xishan_health_gbk.txt")
    (policy,) = document.policies
    assert policy.policy.title == "昆明市西山区关于加强基层卫生人才队伍建设的实施意见"
    assert (policy.policy.region, policy.policy.level, policy.policy.status) == ("西山区", Level.DISTRICT, None)
    assert kinds(policy) == {"PARAGRAPH": 3, "SECTION": 3, "ITEM": 3, "SUBITEM": 2}
    assert [p.label for p in children(policy, "sec_2__item_3")] == ["1.", "2."]
    assert not any("页" in p.text for p in policy.provisions)
    source = (TEXTS / "xishan_health_gbk.txt").read_bytes().decode("gbk")
    assert lost_lines(source, document) == []


def test_skipped_and_duplicated_article_numbers_are_warnings():
    (policy,) = parse("numbering_errors.txt").policies
    assert [p.id.split("/")[1] for p in policy.provisions if p.kind is ProvisionKind.ARTICLE] == [
        "chp_1__art_1", "chp_1__art_2", "chp_1__art_2-2", "chp_1__art_4", "chp_2__art_6"
    ]
    assert len(policy.warnings) == 3
    assert "第二条 appears twice" in policy.warnings[0]
    assert "number 3 missing" in policy.warnings[1] and "number 5 missing" in policy.warnings[2]


def test_text_truncated_mid_article_without_clear_evidence_is_a_warning():
    # It ends on “给予”: plainly unfinished to a reader, but a last line without its full stop is
    # common in converted files, so only a warning (see ingest/documents.py).
    document = parse("truncated_mid_article.txt")
    (policy,) = document.policies
    assert by_path(policy, "art_2").text.endswith("出站后留在宝安区工作的，给予")  # kept, not dropped
    (warning,) = document.warnings
    assert "ends mid-sentence" in warning and "truncated" in warning
    assert policy.policy.region == "宝安区"


@pytest.mark.parametrize(
    ("ending", "evidence"),
    [
        ("出站后留在宝安区工作的，", "after a “，”"),
        ("按照《宝安区博士后", "inside brackets or quotes"),
        ("给予一次性补贴（每人", "inside brackets or quotes"),
        ("支持博士后、", "after a “、”"),
    ],
)
def test_text_clearly_cut_mid_sentence_is_refused(ending, evidence):
    text = "深圳市宝安区博士后人才资助办法\n\n第一条 为加强博士后人才队伍建设，制定本办法。\n第二条 " + ending
    with pytest.raises(DocumentError) as refused:
        parse_text(text, "cut.txt")
    assert "stops mid-sentence at line 4" in refused.value.reason
    assert evidence in refused.value.reason and "truncated" in refused.value.reason


@pytest.mark.parametrize(
    "ending",
    ["本办法自印发之日起施行", "本办法自印发之日起施行。", "（此件公开发布）", "2023年 月 日", "特此通知。"],
)
def test_texts_that_end_whole_are_not_called_truncated(ending):
    text = "深圳市宝安区博士后人才资助办法\n\n第一条 为加强博士后人才队伍建设，制定本办法。\n" + ending
    document = parse_text(text, "whole.txt")
    assert [w for w in document.warnings if "truncated" in w] == []
