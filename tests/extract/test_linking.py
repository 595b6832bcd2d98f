"""Titles and awards in conditions: grades and completer ranks are part of the condition."""

from __future__ import annotations

from functools import cache

import pytest

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import AwardRequirement, Provision, ProvisionKind
from ingest.facts.linking import Linker, grade_specs, resolve_loose

NATURAL, INVENTION, PROGRESS = "award:national-natural-science", "award:national-tech-invention", "award:national-sci-tech-progress"
SUPREME, COOPERATION = "award:national-highest-sci-tech", "award:national-intl-cooperation"
PROVINCIAL_PROGRESS = "award-class:provincial-sci-tech-progress"


@cache
def linker() -> Linker:
    return Linker(EntityResolver.default())


def awards(text):
    return linker().link(text).awards


def test_names_joined_by_or_share_the_grade_written_after_them():
    assert awards("国家自然科学奖或技术发明奖一等奖前三名完成人，或国家科学技术进步奖特等奖、一等奖前三名完成人") == [
        AwardRequirement((NATURAL, INVENTION), ("一等奖",), 3),
        AwardRequirement((PROGRESS,), ("特等奖", "一等奖"), 3),
    ]


def test_grade_specific_ranks_become_separate_requirements():
    found = awards("国家最高科学技术奖，国家自然科学奖、国家科学技术进步奖、国际科学技术合作奖等获得者（一等奖排名前六位，二等奖排名前三位）")
    assert AwardRequirement((SUPREME, COOPERATION)) in found  # awards without grades are never held to one
    assert AwardRequirement((NATURAL, PROGRESS), ("一等奖",), 6) in found
    assert AwardRequirement((NATURAL, PROGRESS), ("二等奖",), 3) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国家科学技术进步奖二等奖排名前五位", [AwardRequirement((PROGRESS,), ("二等奖",), 5)]),
        ("獲得國家科學技術進步獎二等獎（排名前五位）", [AwardRequirement((PROGRESS,), ("二等奖",), 5)]),
        ("获省部级科学技术进步奖三等奖以上（排名前三位）", [AwardRequirement((PROVINCIAL_PROGRESS,), ("一等奖", "二等奖", "三等奖"), 3)]),
        ("国家科学技术进步奖一等奖以上", [AwardRequirement((PROGRESS,), ("特等奖", "一等奖"))]),
        ("国家技术发明奖二等奖第一完成人", [AwardRequirement((INVENTION,), ("二等奖",), 1)]),
        ("国家科学技术进步奖获奖者（排名前五位）", [AwardRequirement((PROGRESS,), (), 5)]),
    ],
)
def test_award_conditions(text, expected):
    assert awards(text) == expected


def test_grade_specs_read_pairs_in_order():
    assert grade_specs("一等奖排名前六位，二等奖排名前三位") == [(("一等奖",), 6), (("二等奖",), 3)]
    assert grade_specs("二等奖或三等奖前三名完成人") == [(("二等奖", "三等奖"), 3)]
    assert grade_specs("获得者") == []


def test_titles_and_unlinked_mentions():
    linked = linker().link("诺贝尔奖获得者，或欧美发达国家最高层次科技奖获得者；中国科学院院士、中国工程院院士")
    assert linked.title_ids == ["title:cas-academician", "title:cae-academician"]
    assert ("欧美发达国家最高层次科技奖获得者", "award") in linked.unlinked


def test_national_and_yunnan_thousand_talents_stay_apart():
    assert linker().link("国家“千人计划”入选者").title_ids == ["title:national-thousand-talents"]
    assert "title:national-thousand-talents" not in linker().link("云南省“千人计划”入选者").title_ids


def _provision(text: str, provision_id: str = "x-2024/art_3") -> Provision:
    return Provision(provision_id, "x-2024", ProvisionKind.ARTICLE, "第三条", 3, text, text, 0)


def test_definitions_stand_for_what_they_list():
    local = Linker(EntityResolver.default())
    local.learn_definitions([_provision("本办法中战略科学家级人才指：中国科学院、中国工程院院士；国家最高科学技术奖获得者。")])
    linked = local.link("已成为战略科学家级人才的")
    assert {"title:cas-academician", "title:cae-academician"} <= set(linked.title_ids)
    assert AwardRequirement((SUPREME,)) in linked.awards
    assert local.unlinked == []


def test_unlinked_names_of_a_definition_are_reported_at_the_definition():
    local = Linker(EntityResolver.default())
    local.learn_definitions([_provision("本细则所称顶尖人才指：中国工程院院士；“雪域英才”计划入选者；苍山科学奖获得者。")])
    assert {(m.text, m.cited_in) for m in local.unlinked} >= {("苍山科学奖获得者", "x-2024/art_3")}
    assert "title:cae-academician" in local.link("顶尖人才").title_ids


def test_items_listed_after_a_title_are_mentions_too():
    """…“长江学者奖励计划”特聘教授、特设岗位人才 / 入选X计划或“Y”计划: an item of a list of titles
    that links to nothing is reported, not lost."""
    linked = linker().link("“长江学者奖励计划”特聘教授、讲习岗位人才")
    assert linked.title_ids == ["title:cheung-kong-distinguished-professor"]
    assert ("讲习岗位人才", "title") in linked.unlinked
    assert [t for t, _ in linker().link("入选省级及以上青年人才计划或“金沙英才”计划的").unlinked] == [
        "省级及以上青年人才计划", "“金沙英才”计划"]


def test_a_group_of_people_is_not_the_program_named_after_them():
    """海外高层次人才 are people from abroad, not 海外高层次人才引进计划 (national 千人计划)."""
    resolver = EntityResolver.default()
    assert resolver.resolve_title("海外高层次人才") is None
    assert resolver.resolve_title("引进的海外高层次人才获得者") is None
    assert resolver.resolve_title("海外高层次人才引进计划").entity.id == "title:national-thousand-talents"
    assert resolver.resolve_title("兴滇英才").entity.id == "title:xingdian-talents"  # a program's own name


def test_experts_of_a_program_hold_its_title():
    resolver = EntityResolver.default()
    assert resolver.resolve_title("千人计划专家").entity.id == "title:national-thousand-talents"
    assert resolver.resolve_title("“千人计划”专家").entity.id == "title:national-thousand-talents"


def test_short_exempt_names_resolve_to_the_class():
    assert resolve_loose(EntityResolver.default(), "院士") == "title-class:academician"


# --- unlinked mentions are reported wherever they are read ------------------------------------


def _unlinked(name: str) -> set[tuple[str, str]]:
    from tests.extract.test_corpus import corpus

    return {(m.text, m.cited_in.split("/", 1)[1]) for m in corpus()[name].unlinked}


def test_unlinked_names_in_a_definition_are_reported():
    """003 第三条: 诺贝尔奖获得者（物理、化学、生理或医学、经济学奖）."""
    assert ("经济学奖", "chp_1__art_2__para_2") in _unlinked("003")


def test_a_bare_item_of_a_title_list_is_a_mention():
    """官渡 A(4): …“长江学者奖励计划”特聘教授、特设岗位人才."""
    assert ("特设岗位人才", "annex_1__sec_1__subitem_4") in _unlinked("001")


def test_names_in_stacking_rules_are_reported():
    from ingest.documents import parse_text
    from graphapi.domain.regions import default_regions
    from ingest.facts import extract

    text = """红河州青年科技人才培养专项实施细则
第一条 培养对象应当符合下列基本条件：
（一）具有博士学位；
（二）年龄不超过40周岁。
第二条 入选人才享受每人50万元培养经费。
第三条 入选人才同时入选省级及以上青年科技人才计划的，培养经费按就高原则给予，不重复享受。支持期内入选“红河英才”计划更高层次专项的，培养经费按差额补足。
"""
    facts = extract(parse_text(text, "honghe.txt"), EntityResolver.default(), default_regions())
    names = {m.text for m in facts.unlinked}
    assert {"省级及以上青年科技人才计划", "“红河英才”计划"} <= names, names
    assert all(any(m.text == n for r in facts.stacking_rules for m in facts.unlinked if m.cited_in == r.cited_in) for n in names)
