"""Programs and tiers from each layout of the genre, on texts the rules were not written for."""

from __future__ import annotations

import pytest

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import Level
from graphapi.domain.regions import default_regions
from ingest.documents import parse_text
from ingest.facts import extract
from tests.extract.samples import facts

LISTED = """石林县高层次人才认定办法
第一条 本办法所称高层次人才分为甲类（杰出人才）、乙类（优秀人才）两个类别。
第二条 符合下列条件之一的，认定为甲类人才：
（一）中国工程院院士；
（二）其他相当于上述层次的杰出人才。
第三条 年龄不超过45周岁，且符合下列条件之一的，认定为乙类人才：
（一）国家优秀青年科学基金获得者。
第四条 本办法自印发之日起施行。
"""

NOTE = """关于《安宁市青年科技人才及后备人选选拔办法》的编制说明

一、背景
安宁市青年科技人才及后备人选选拔工作已开展多年，选拔对象须为在安宁市行政区域内注册的企业的在职人员。
"""


def run(text: str, name: str):
    return extract(parse_text(text, name), EntityResolver.default(), default_regions())


def tiers(f):
    return [(t.code, t.name, t.rank, t.for_team) for t in sorted(f.tiers, key=lambda t: t.rank)]


def test_catalogue_annex_sections_are_ranked_tiers_with_a_team():
    f = facts("chenggong.txt")
    (program,) = f.programs
    assert (program.name, program.level, program.region) == ("呈贡区高层次人才", Level.DISTRICT, "呈贡区")
    assert tiers(f) == [("A", "A类（杰出人才）", 1, False), ("B", "B类（领军人才）", 2, False), ("C", "C类（拔尖人才）", 3, False), ("TEAM", "创新团队", 4, True)]
    assert {t.cited_in.split("/")[-1] for t in f.tiers} == {"annex_1__sec_1", "annex_1__sec_2", "annex_1__sec_3", "annex_1__sec_4"}


def test_classes_headed_inside_an_article():
    f = facts("xishan.txt")
    assert [t.name for t in sorted(f.tiers, key=lambda t: t.rank)] == ["第一层次（领军人才）", "第二层次（拔尖人才）", "第三层次（骨干人才）"]
    assert f.programs[0].name == "西山区高层次人才"


def test_special_project_rule_in_traditional_script():
    f = facts("dali_traditional.txt")
    (program,) = f.programs
    assert program.name == "大理州“苍洱英才”计划" and program.region == "大理白族自治州"
    (tier,) = f.tiers
    assert tier.name == "“青年英才”专项" and tier.cited_in.endswith("/art_2")


def test_classes_listed_in_one_article_and_conditioned_in_others():
    f = run(LISTED, "shilin.txt")
    assert [(t.code, t.name) for t in sorted(f.tiers, key=lambda t: t.rank)] == [("L1", "甲类（杰出人才）"), ("L2", "乙类（优秀人才）")]
    by_tier = {t.id: t for t in f.tiers}
    ages = [(by_tier[c.tier_id].rank, c.max_age) for c in f.criteria if c.max_age]
    assert ages == [(2, 45)]  # 认定为乙类人才 narrows the lead-in to that class


def test_explanatory_note_names_the_program_and_its_tiers():
    f = run(NOTE, "anning_note.txt")
    (program,) = f.programs
    assert program.name == "安宁市青年科技人才及后备人选"
    assert any(c.kind.value == "RESIDENCE" and c.text.startswith("须为在安宁市") for c in f.criteria)


OTHER_NOTE = """关于《曲靖市青年科技英才及后备人选选拔管理办法》的编制说明

一、起草背景
曲靖市青年科技英才及后备人选选拔工作自2016年起实施，现对办法作修订。
"""


def test_an_explanatory_note_reads_its_classes_from_the_wording():
    """带头人 / 后备人选 come from the program's name, whether or not the gazetteer knows them."""
    f = run(OTHER_NOTE, "qujing_note.txt")
    (program,) = f.programs
    assert program.name == "曲靖市青年科技英才及后备人选"
    assert [t.name for t in sorted(f.tiers, key=lambda t: t.rank)] == ["青年科技英才", "后备人选"]
    assert all(t.confers_title_id is None for t in f.tiers)  # no such titles in the gazetteer


def test_a_joiner_inside_a_class_name_does_not_split_it():
    """昆明市中青年学术和技术带头人及后备人选: 和 joins two words of one name, 及 two classes."""
    km = run(NOTE.replace("安宁市青年科技人才", "昆明市中青年学术和技术带头人"), "km_note.txt")
    assert [t.name for t in sorted(km.tiers, key=lambda t: t.rank)] == ["中青年学术和技术带头人", "后备人选"]
    assert [t.confers_title_id for t in sorted(km.tiers, key=lambda t: t.rank)] == [
        "title:kunming-academic-leader", "title:kunming-academic-leader-reserve"]


def test_measures_are_one_program_whose_beneficiaries_are_tiers():
    """关于加快晋宁区人才发展的若干措施: the policy's program; each measure's classes are its tiers."""
    f = facts("jinning_measures.txt")
    (program,) = f.programs
    assert (program.name, program.region, program.level) == ("晋宁区人才发展", "晋宁区", Level.DISTRICT)
    doctor = next(t for t in f.tiers if "博士" in t.name)
    master = next(t for t in f.tiers if "硕士" in t.name)
    expert = next(t for t in f.tiers if "专家" in t.name)
    assert doctor.rank < master.rank  # the better-paid class first
    assert {doctor.program_id, master.program_id, expert.program_id} == {program.id}


def test_a_program_a_title_of_measures_names_is_the_program():
    """关于实施人才振兴计划…的意见 sets up the 人才振兴计划; its region goes in front."""
    from ingest.facts.measures import policy_program_name

    assert policy_program_name("关于实施人才振兴计划促进东川高质量发展的意见（试行）", "东川区") == "东川区人才振兴计划"
    assert policy_program_name("中共某县委办公室某县人民政府办公室关于加强乡村振兴人才引育的若干措施", "宜良县") == "宜良县乡村振兴人才引育"
    assert policy_program_name("关于加快晋宁区人才发展的若干措施", "晋宁区") == "晋宁区人才发展"


def test_corpus_programs():
    from tests.extract.test_corpus import corpus

    found = {p.name: (p.level, p.region) for f in corpus().values() for p in f.programs}
    assert found["官渡高层次人才（团队）"] == (Level.DISTRICT, "官渡区")
    assert found["云南省“千人计划”"] == (Level.PROVINCIAL, "云南省")
    assert found["深圳市杰出人才培养专项"] == (Level.MUNICIPAL, "深圳市")
    assert found["昆明市中青年学术和技术带头人及后备人选"] == (Level.MUNICIPAL, "昆明市")
    assert found["东川区人才振兴计划"] == (Level.DISTRICT, "东川区")
    dongchuan = {t.name for t in corpus()["002"].tiers}
    assert {"雁归东川", "东川头雁人才"} <= dongchuan


@pytest.mark.parametrize(
    ("name", "policy_region", "expected"),
    [
        ("“滇池英才”产业人才（团队）", "呈贡区", "呈贡区"),  # 滇 names 云南省; the district's own program
        ("盘龙区高层次人才", "昆明市", "盘龙区"),  # a city's policy for one of its districts
        ("云南省“千人计划”", "云南省", "云南省"),
        ("“滇池英才”产业人才（团队）", "海口市", "海口市"),  # a policy establishes its own region's programs
        ("云南省“兴滇英才”计划", None, "云南省"),  # no region of its own: the name's
        ("某某人才计划", None, None),
    ],
)
def test_a_program_belongs_to_the_most_specific_of_its_name_and_its_policy(name, policy_region, expected):
    from graphapi.domain.model import Policy
    from graphapi.domain.regions import default_regions
    from ingest.facts.programs import place_of

    region, _ = place_of(name, Policy("p", "某办法", region=policy_region), default_regions())
    assert (region.name if region else None) == expected
