"""Chinese wording: citations as a talent office writes them, amounts in 万元, short names."""

from __future__ import annotations

import pytest

from graphapi.domain import explain
from graphapi.domain.knowledge import Citation, Knowledge, chinese_numeral
from graphapi.domain.model import Provision, ProvisionKind
from tests.domain.facts_fixtures import GD, GD_ANNEX, GD_TITLE, YN_HLT, YN_HLT_TITLE

GD_FULL = f"《{GD_TITLE}》"


def cite(*labels: str, title: str = GD_TITLE) -> Citation:
    return Citation("p", GD, title, labels)


@pytest.mark.parametrize(
    ("labels", "location"),
    [
        (("第四章", "第十七条", "（四）", "1."), "第十七条第（四）项第1目"),
        (("第四章", "第十一条", "（五）"), "第十一条第（五）项"),
        (("第四章",), "第四章"),
        (("第四章", "第十二条"), "第十二条"),
        (("第十六条", "第二款"), "第十六条第二款"),
        (("第五章", "第十七条", "（四）", "4.", "（1）"), "第十七条第（四）项第4目（1）"),
        (("第四条", "(二)", "3."), "第四条第（二）项第3目"),  # half-width brackets as in 004
        (
            (GD_ANNEX, "一、A类（国际顶尖人才）", "3."),
            "附件《官渡高层次人才（团队）分类认定目录》一、A类第3项",
        ),
        (("一、实施高层次紧缺人才招引计划", "（一）"), "第一部分第（一）项"),
    ],
)
def test_location_follows_office_conventions(labels, location):
    assert cite(*labels).location() == location


def test_reference_names_the_policy_without_conversion_spaces():
    citation = Citation("p", YN_HLT, YN_HLT_TITLE, ("第四条", "（二）", "3."))
    assert citation.reference() == "《云南省千人计划“高层次人才”专项实施细则（试行）》第四条第（二）项第3目"
    assert str(citation) == citation.reference()
    assert Citation("p", "x", "《某办法》", ("第一条",)).reference() == "《某办法》第一条"


def test_citation_from_the_provision_chain():
    def provision(pid, kind, label, number=None, heading=None, parent=None):
        return Provision(f"{GD}/{pid}", GD, kind, label, number, "", "", 0, parent, heading)

    annex = provision("annex_1", ProvisionKind.ANNEX, "附件", heading="官渡高层次人才（团队）分类认定目录")
    section = provision("annex_1__sec_1", ProvisionKind.SECTION, "一、", 1, "A类（国际顶尖人才）")
    subitem = provision("annex_1__sec_1__subitem_3", ProvisionKind.SUBITEM, "3.", 3)
    citation = Citation.from_chain([annex, section, subitem], GD_TITLE)
    assert citation.provision_id == f"{GD}/annex_1__sec_1__subitem_3"
    assert citation.reference() == f"{GD_FULL}附件《官渡高层次人才（团队）分类认定目录》一、A类第3项"

    article = provision("art_16", ProvisionKind.ARTICLE, "第十六条", 16)
    paragraph = provision("art_16__para_2", ProvisionKind.PARAGRAPH, None, 2)
    assert Citation.from_chain([article, paragraph], GD_TITLE).location() == "第十六条第二款"
    with pytest.raises(ValueError):
        Citation.from_chain([], GD_TITLE)


def test_missing_citation_falls_back_to_the_provision_id():
    assert Knowledge().reference("gd/art_99") == "条款〔gd/art_99〕"


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (128, "一百二十八"),
    ],
)
def test_chinese_numerals(number, text):
    assert chinese_numeral(number) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (350_000, "35万元"),
        (8_000_000, "800万元"),
        (25_000, "2.5万元"),
        (12_000, "1.2万元"),
        (1_000, "1000元"),
        (5_000, "5000元"),
        (987_653.6, "987653.6元"),
        (0, "0元"),
    ],
)
def test_amounts_in_wan_where_round(amount, text):
    assert explain.yuan(amount) == text


def test_abbreviation_after_the_first_full_mention():
    text = f"符合{GD_FULL}附件一。不符合{GD_FULL}第八条。"
    assert (
        explain.abbreviate(text, [GD_TITLE])
        == f"符合{GD_FULL}（以下简称《办法》）附件一。不符合《办法》第八条。"
    )
    once = f"符合{GD_FULL}附件一。"
    assert explain.abbreviate(once, [GD_TITLE]) == once
    other = "某某区人才引进实施办法"
    both = f"{GD_FULL}第一条、{GD_FULL}第二条、《{other}》第三条、《{other}》第四条"
    # one short name is never given to two policies: the second keeps its full title
    assert explain.abbreviate(both, [GD_TITLE, other]) == (
        f"{GD_FULL}（以下简称《办法》）第一条、《办法》第二条、《{other}》第三条、《{other}》第四条"
    )


def test_common_reference_of_items_of_one_section():
    section = (GD_ANNEX, "一、A类（国际顶尖人才）")
    knowledge = Knowledge(
        citations={
            f"{GD}/a{n}": Citation(f"{GD}/a{n}", GD, GD_TITLE, (*section, f"{n}.")) for n in (1, 2, 3, 4, 7)
        }
        | {f"{GD}/art8": Citation(f"{GD}/art8", GD, GD_TITLE, ("第三章", "第八条"))}
    )
    annex_a = f"{GD_FULL}附件《官渡高层次人才（团队）分类认定目录》一、A类"
    assert (
        explain.common_reference(knowledge, [f"{GD}/a{n}" for n in (4, 1, 2, 3, 7)])
        == f"{annex_a}第1至4、7项"
    )
    assert explain.common_reference(knowledge, [f"{GD}/a1", f"{GD}/a2"]) == f"{annex_a}第1、2项"
    assert explain.common_reference(knowledge, [f"{GD}/a1"]) == f"{annex_a}第1项"
    assert (
        explain.common_reference(knowledge, [f"{GD}/a1", f"{GD}/art8"]) == f"{annex_a}第1项和{GD_FULL}第八条"
    )


def test_common_reference_of_items_of_one_article():
    article = ("第三章", "第八条")
    knowledge = Knowledge(
        citations={
            f"{GD}/i{n}": Citation(f"{GD}/i{n}", GD, GD_TITLE, (*article, f"（{c}）"))
            for n, c in ((1, "一"), (2, "二"), (3, "三"), (4, "四"), (6, "六"))
        }
    )
    assert explain.common_reference(knowledge, [f"{GD}/i{n}" for n in (1, 2, 3, 4)]) == f"{GD_FULL}第八条第（一）至（四）项"
    assert explain.common_reference(knowledge, [f"{GD}/i1", f"{GD}/i6"]) == f"{GD_FULL}第八条第（一）、（六）项"


def test_the_set_aside_sentence():
    reference = cite("第五章", "第十七条", "（四）", "1.").reference()
    sentence = explain.kept_and_set_aside(
        reference, "购房津贴与岗位津贴不重复享受。", "岗位津贴（每年35万元）", "金额较高", ["购房津贴"]
    )
    assert sentence == (
        f"根据{GD_FULL}第十七条第（四）项第1目，购房津贴与岗位津贴不重复享受，"
        "保留金额较高的岗位津贴（每年35万元），购房津贴不予发放。"
    )


def test_sentences_and_listing():
    assert explain.sentences(["甲", "乙。", "", "丙"]) == "甲。乙。丙。"
    assert explain.listing(["学位", "职称"]) == "学位和职称"
    assert explain.listing(["年龄", "学位", "职称"]) == "年龄、学位和职称"
    assert (
        explain.field_names(["awards.rank", "povertyOrBorderCounty"])
        == "完成人排名和是否在贫困县、边境县工作"
    )
