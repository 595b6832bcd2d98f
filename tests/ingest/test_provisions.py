"""Markers, numerals and the provision tree, on small texts."""

from __future__ import annotations

import pytest

from graphapi.domain.model import ProvisionKind
from ingest.provisions import (
    Line,
    build_provisions,
    is_instrument_title,
    mark_form_annexes,
    match_marker,
    parse_number,
    starts_first_unit,
)

K = ProvisionKind


def lines(*texts: str) -> list[Line]:
    return [Line(number, text, text) for number, text in enumerate(texts, start=1)]


def tree(*texts: str):
    result = build_provisions(lines(*texts), "p")
    return {p.id.removeprefix("p/"): p for p in result.provisions}, result


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十二", 22), ("一百零五", 105), ("两", 2), ("12", 12), ("１２", 12),
     ("二〇二二", 2022), ("二零一八", 2018)],
)
def test_parse_number(numeral, value):
    assert parse_number(numeral) == value


def test_parse_number_rejects_words():
    assert parse_number("总则") is None and parse_number("") is None


@pytest.mark.parametrize(
    ("text", "kind", "style", "label", "number", "rest"),
    [
        ("第十一条  经考核审定后", K.ARTICLE, "article", "第十一条", 11, "经考核审定后"),
        ("第一條 為進一步加強", K.ARTICLE, "article", "第一条", 1, "為進一步加強"),
        ("第3条本办法自印发之日起施行。", K.ARTICLE, "article", "第3条", 3, "本办法自印发之日起施行。"),
        ("第三条中国（云南）自由贸易试验区", K.ARTICLE, "article", "第三条", 3, "中国（云南）自由贸易试验区"),
        ("第2章  引进对象和分类", K.CHAPTER, "chapter", "第2章", 2, "引进对象和分类"),
        ("第一章 總則", K.CHAPTER, "chapter", "第一章", 1, "總則"),
        ("第二节 申报", K.CHAPTER, "subchapter", "第二节", 2, "申报"),
        ("一、A类（国际顶尖人才）", K.SECTION, "section", "一、", 1, "A类（国际顶尖人才）"),
        ("十四、附则", K.SECTION, "section", "十四、", 14, "附则"),
        ("（十二）职称评定。", K.ITEM, "item", "（十二）", 12, "职称评定。"),
        ("(三) 放宽条件。", K.ITEM, "item", "（三）", 3, "放宽条件。"),
        ("1.考核优秀的", K.SUBITEM, "subitem", "1.", 1, "考核优秀的"),
        ("2、单位推荐", K.SUBITEM, "subitem", "2、", 2, "单位推荐"),
        ("3．市委人才办组织评审", K.SUBITEM, "subitem", "3．", 3, "市委人才办组织评审"),
        ("1. 5 年最低服务年限内", K.SUBITEM, "subitem", "1.", 1, "5 年最低服务年限内"),
        ("（1）因个人原因辞职", K.POINT, "point", "（1）", 1, "因个人原因辞职"),
        ("(5) 拥有核心技术", K.POINT, "point", "（5）", 5, "拥有核心技术"),
        ("② 办理签证", K.POINT, "circled", "②", 2, "办理签证"),
        ("附件：官渡高层次人才（团队）分类认定目录", K.ANNEX, "annex", "附件", None, "官渡高层次人才（团队）分类认定目录"),
        ("附件 1", K.ANNEX, "annex", "附件1", 1, ""),
        ("附件2", K.ANNEX, "annex", "附件2", 2, ""),
        ("附件：", K.ANNEX, "annex", "附件", None, ""),
    ],
)
def test_markers(text, kind, style, label, number, rest):
    marker = match_marker(text)
    assert marker is not None
    assert (marker.kind, marker.style, marker.label, marker.number, marker.rest) == (kind, style, label, number, rest)


@pytest.mark.parametrize(
    "text",
    ["第三章、第四章政策支持", "第五条规定的程序", "第八条第二款所列情形", "1.5倍", "6个专项实施细则印发给你们",
     "2018年6月5日", "附件材料", "一是昆明市", "（此件公开发布）", "“第一章 总则”中", "凭证在"],
)
def test_not_markers(text):
    assert match_marker(text) is None


def test_instrument_titles():
    assert is_instrument_title("云南省千人计划“高层次人才”专项实施细则（试行）")
    assert is_instrument_title("关于实施人才振兴计划促进东川高质量发展的意见（试行）")
    assert not is_instrument_title("每年度申报评审具体要求另行通知，请结合实际认真贯彻执行")
    assert not is_instrument_title("官渡高层次人才（团队）分类认定目录")
    assert starts_first_unit("第一条 为规范管理") and starts_first_unit("一、总体要求")
    assert not starts_first_unit("第二条 为规范管理")


# --- nesting --------------------------------------------------------------------------------


def test_list_styles_nest_by_order_of_appearance():
    provisions, _ = tree(
        "第一章 总则",
        "第一条 有下列情形的：",
        "（一）第一项；",
        "1.第一目；",
        "（1）第一点；",
        "（2）第二点；",
        "2.第二目；",
        "（二）第二项。",
        "第二条 正文。",
        "第二章 附则",
        "第三条 施行。",
    )
    assert list(provisions) == [
        "chp_1", "chp_1__art_1", "chp_1__art_1__item_1", "chp_1__art_1__item_1__subitem_1",
        "chp_1__art_1__item_1__subitem_1__point_1", "chp_1__art_1__item_1__subitem_1__point_2",
        "chp_1__art_1__item_1__subitem_2", "chp_1__art_1__item_2", "chp_1__art_2", "chp_2", "chp_2__art_3",
    ]
    assert provisions["chp_1__art_1__item_2"].parent_id == "p/chp_1__art_1"


def test_styles_nest_in_whatever_order_a_document_uses_them():
    provisions, _ = tree("1.第一目", "（一）目下的项", "2.第二目")
    assert list(provisions) == ["subitem_1", "subitem_1__item_1", "subitem_2"]


def test_paragraphs_of_an_article_are_numbered_from_two():
    provisions, _ = tree("第七条 已成为人才的，不再参加选拔。", "任职期间的领导干部不参加选拔。", "候选人连续被推荐3次未入选的，暂停1次。")
    assert list(provisions) == ["art_7", "art_7__para_2", "art_7__para_3"]
    assert provisions["art_7"].text == "已成为人才的，不再参加选拔。"
    assert provisions["art_7__para_2"].number == 2


def test_paragraphs_under_a_titled_unit_are_numbered_from_one():
    provisions, _ = tree("一、起草背景", "第一段。", "第二段。", "（一）刚柔相济招引人才", "正文。")
    assert provisions["sec_1"].heading == "起草背景"
    assert list(provisions) == ["sec_1", "sec_1__para_1", "sec_1__para_2", "sec_1__item_1", "sec_1__item_1__para_1"]


def test_a_label_standing_alone_takes_the_next_paragraph_as_text():
    provisions, _ = tree("第六条", "根据目录认定人才。", "经同意可调整。")
    assert provisions["art_6"].text == "根据目录认定人才。"
    assert list(provisions) == ["art_6", "art_6__para_2"]


def test_chapter_title_on_the_next_line():
    provisions, _ = tree("第一章", "总则", "第一条 正文。")
    assert provisions["chp_1"].heading == "总则"
    assert list(provisions) == ["chp_1", "chp_1__art_1"]


def test_duplicated_and_skipped_numbers_keep_every_text_and_warn():
    provisions, result = tree("第一条 甲。", "第二条 乙。", "第二条 丙。", "第五条 丁。")
    assert list(provisions) == ["art_1", "art_2", "art_2-2", "art_5"]
    assert provisions["art_2-2"].text == "丙。"
    assert any("第二条 appears twice" in w for w in result.warnings)
    assert any("skips from 第二条 to 第五条" in w and "3–4 missing" in w for w in result.warnings)


def test_note_closes_the_lists_and_belongs_to_the_annex():
    provisions, _ = tree("附件", "分类目录", "一、A类", "1.院士；", "注：同时符合多个类别的，按最高类别认定。")
    assert provisions["annex_1"].heading == "分类目录"
    assert "annex_1__para_1" in provisions
    assert provisions["annex_1__para_1"].text.startswith("注：")


def test_attachment_list_is_a_paragraph_and_the_annex_follows():
    provisions, result = tree("第三条 本办法自印发之日起施行。", "附件：分类目录", "附件：", "分类目录", "一、A类")
    assert provisions["para_1"].text == "附件：分类目录"
    assert provisions["annex_1"].heading == "分类目录"
    assert list(provisions) == ["art_3", "para_1", "annex_1", "annex_1__sec_1"]
    assert result.annex_titles == ["分类目录"]


def test_numbered_attachment_list_lines_stay_with_the_list():
    provisions, _ = tree("正文。", "附件：1.申请表", "2.汇总表", "附件1", "申请表", "姓名\t性别")
    assert [p.text for p in provisions.values() if p.parent_id is None] == ["正文。", "附件：1.申请表", "2.汇总表", "申请表"]


# --- form annexes ---------------------------------------------------------------------------


def test_form_annex_by_title_is_verbatim():
    marked = mark_form_annexes(lines("第一条 正文。", "附件1", "", "人才申报书", "一、基本情况", "1. 姓名", "附件2", "目录", "一、A类"))
    assert [line.verbatim for line in marked] == [False, False, False, False, True, True, False, False, False]


def test_form_annex_by_table_rows_is_verbatim():
    marked = mark_form_annexes(lines("附件", "人员情况", "姓名\t性别", "单位\t职务", "一、说明"))
    assert [line.verbatim for line in marked] == [False, False, True, True, True]


def test_structured_annex_is_not_verbatim():
    marked = mark_form_annexes(lines("附件：", "分类认定目录", "一、A类", "1.院士；"))
    assert not any(line.verbatim for line in marked)


def test_form_annex_stops_at_the_next_instrument():
    marked = mark_form_annexes(lines("附件", "登记表", "姓名\t性别", "某某管理办法", "第一条 为规范管理，制定本办法。"))
    assert [line.verbatim for line in marked] == [False, False, True, False, False]


def test_form_lines_become_paragraphs_of_the_annex():
    marked = mark_form_annexes(lines("附件1", "人才申报书", "一、基本情况", "1. 姓名"))
    provisions = {p.id.removeprefix("p/"): p for p in build_provisions(marked, "p").provisions}
    assert list(provisions) == ["annex_1", "annex_1__para_1", "annex_1__para_2"]
    assert provisions["annex_1__para_1"].text == "一、基本情况"
