"""Gazetteer, resolver guards, equivalences and the mention finder (DESIGN §3 traps included)."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphapi.domain.entities import (
    AWARDS_FILE,
    Catalog,
    EntityResolver,
    GazetteerError,
    UnknownEntityError,
    core_name,
)
from graphapi.domain.model import Level, Title
from graphapi.domain.text import normalize

CORPUS = Path(__file__).resolve().parents[2] / "data" / "policies"


@pytest.fixture(scope="module")
def resolver() -> EntityResolver:
    return EntityResolver.default()


@pytest.fixture(scope="module")
def loose() -> tuple[EntityResolver, EntityResolver]:
    """A low threshold with and without guards: what the guards alone refuse."""
    catalog = Catalog.from_yaml()
    return EntityResolver(catalog, threshold=80), EntityResolver(catalog, threshold=80, guards=False)


def title_id(resolver: EntityResolver, name: str) -> str | None:
    match = resolver.resolve_title(name)
    return match.entity.id if match else None


def award_id(resolver: EntityResolver, name: str) -> str | None:
    match = resolver.resolve_award(name)
    return match.entity.id if match else None


# --- the gazetteer data -----------------------------------------------------------------------


def test_catalog_loads_titles_awards_and_classes() -> None:
    catalog = Catalog.from_yaml()
    assert Catalog.from_yaml() is catalog  # read once
    assert len(catalog.titles) >= 80 and len(catalog.awards) >= 50
    assert catalog.titles["title-class:academician"].is_class
    assert catalog.awards["award-class:provincial-sci-tech"].is_class
    assert catalog.awards["award:national-sci-tech-progress"].grades == ("特等奖", "一等奖", "二等奖")
    assert catalog.titles["title:cas-academician"].level is Level.NATIONAL
    assert catalog.kind_of("award:fields") == "award"
    with pytest.raises(UnknownEntityError, match="no title or award has id 'title:nobody'"):
        catalog.kind_of("title:nobody")


def test_aliases_name_no_region_the_entity_does_not_belong_to(resolver: EntityResolver) -> None:
    """A national entity's alias names no province; a regional one's names only its own region."""
    scope = resolver.discriminator.scope
    catalog = resolver.catalog
    for entity in (*catalog.titles.values(), *catalog.awards.values()):
        home = {
            c for c in scope(normalize(f"{entity.name}、{entity.grantor or ''}")) if c.startswith("region:")
        }
        for alias in entity.aliases:
            named = {c for c in scope(normalize(alias)) if c.startswith("region:")}
            if entity.level in (Level.NATIONAL, Level.INTERNATIONAL):
                assert not named, f"{entity.id}: alias {alias} names {named}"
            else:
                assert named <= home, f"{entity.id}: alias {alias} names {named}, name and grantor {home}"


def test_every_corpus_title_and_award_is_linked(resolver: EntityResolver) -> None:
    linked: set[str] = set()
    for path in sorted(CORPUS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            linked |= {m.entity.id for m in resolver.find_mentions(paragraph) if m.entity}
    required = {
        # 001 分类认定目录
        "title:cas-academician", "title:cae-academician", "title:cass-member", "award-class:nobel",
        "award:turing", "award:fields", "award:national-highest-sci-tech", "award:national-natural-science",
        "award:national-tech-invention", "award:national-sci-tech-progress", "title:ten-thousand-talents-outstanding",
        "title:cheung-kong-distinguished-professor", "award:worldskills", "award:china-young-scientist",
        "award:china-youth-sci-tech", "title:national-young-expert", "title:nsfc-excellent-young",
        "title:cas-hundred-talents", "title-class:cheung-kong-scholar", "title:national-skill-master-studio-lead",
        "award:china-skills", "title:national-outstanding-professional", "title:national-technical-expert",
        "title:ten-thousand-talents-innovation-leader", "title:ten-thousand-talents-social-science-leader",
        "title:cheung-kong-young-scholar", "title:nsfc-distinguished-young", "award-class:provincial-natural-science",
        "award-class:provincial-tech-invention", "award-class:provincial-sci-tech-progress",
        "award-class:provincial-outstanding-contribution", "title-class:provincial-young-expert",
        "title-class:provincial-distinguished-young", "title-class:provincial-chief-skill-master-studio-lead",
        "title-class:provincial-outstanding-skill-talent", "title-class:provincial-outstanding-professional",
        "title-class:provincial-technical-expert", "award:national-vocational-skills-competition",
        "title:xingdian-talents", "title:china-postdoc-science-fund", "title:ten-thousand-talents-teaching-master",
        "title:ten-thousand-talents-young-top", "title:cpd-four-batches", "title:chuncheng-program",
        "title:guandu-high-level-talent",
        # 000, 002, 003
        "title:kunming-academic-leader", "title:kunming-academic-leader-reserve", "title:state-council-special-allowance",
        "title:dongchuan-lead-goose", "title-class:pengcheng-talents", "title:shenzhen-outstanding-talent-trainee",
        "title-class:academician", "title:developed-country-academician", "award-class:national-sci-tech",
        "title:highly-cited-researcher",
        # 004
        "title-class:yunnan-thousand-talents", "title:yunnan-thousand-talents-high-level",
        "title:yunnan-thousand-talents-foreign-expert", "title:yunnan-thousand-talents-humanities",
        "title:yunnan-thousand-talents-industry", "title:yunnan-thousand-talents-youth",
        "title:yunnan-thousand-talents-team", "title:national-thousand-talents", "title-class:national-ten-thousand-talents",
        "title:national-talents-project", "award:national-intl-cooperation", "title:yunnan-overseas-high-level",
        "title:yunnan-high-end-sci-tech", "title-class:yunnan-ten-thousand-talents", "title:foreign-work-permit-a",
        "award:china-government-friendship", "award:yunnan-caiyun", "title:yunnan-ten-thousand-talents-sci-tech-leader",
        "title:yunling-scholar",
    }  # fmt: skip
    assert required - linked == set()


# --- catalog errors name the problem ------------------------------------------------------------


def write(tmp_path: Path, titles: str, awards: str = "[]") -> tuple[Path, Path]:
    (tmp_path / "titles.yaml").write_text(titles, encoding="utf-8")
    (tmp_path / "awards.yaml").write_text(awards, encoding="utf-8")
    return tmp_path / "titles.yaml", tmp_path / "awards.yaml"


@pytest.mark.parametrize(
    ("titles", "message"),
    [
        ("- {id: 'title:a', name: 甲}\n- {id: 'title:a', name: 乙}", "duplicate id 'title:a'"),
        (
            "- {id: 'title:a', name: 甲, member_of: ['title-class:none']}",
            "member_of 'title-class:none' is not a title class",
        ),
        (
            "- {id: 'title:a', name: 甲, same_as: ['title:b']}\n- {id: 'title:b', name: 乙}",
            "same_as 'title:b' is not listed back",
        ),
        ("- {id: 'title:a', name: 甲, levle: NATIONAL}", "unknown field(s) ['levle']"),
        ("- {id: 'title:a', name: 甲, level: GALACTIC}", "unknown level 'GALACTIC'"),
        ("- {id: 'title:a', name: 甲, is_class: true}", "id starts with 'title-class:'"),
        ("- {id: 'title:a', name: 甲, succeeded_by: ['title:b']}", "succeeded_by: 'title:b' is not a title"),
        ("- {name: 甲}", "every record needs id and name"),
        ("id: title:a", "expected a list of records"),
        ("- [unclosed", "cannot read gazetteer file"),
    ],
)
def test_bad_gazetteer_data_is_reported(tmp_path: Path, titles: str, message: str) -> None:
    with pytest.raises(GazetteerError) as error:
        Catalog.from_yaml(*write(tmp_path, titles))
    assert message in str(error.value)


def test_an_alias_naming_two_entities_is_reported(tmp_path: Path) -> None:
    catalog = Catalog.from_yaml(
        *write(
            tmp_path,
            "- {id: 'title:a', name: 甲计划, aliases: [乙计划]}\n- {id: 'title:b', name: “乙计划”入选者}",
        )
    )
    with pytest.raises(GazetteerError, match="names both title:a and title:b"):
        EntityResolver(catalog)


def test_missing_gazetteer_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="cannot read gazetteer file"):
        Catalog.from_yaml(tmp_path / "none.yaml", AWARDS_FILE)


# --- resolving names --------------------------------------------------------------------------------


def test_core_name_strips_holder_words_and_grades() -> None:
    assert core_name("获得国家杰出青年科学基金项目资助") == "国家杰出青年科学基金"
    assert core_name("国家科学技术进步奖二等奖") == "国家科学技术进步奖"
    assert core_name("享受国务院政府特殊津贴人员") == "国务院政府特殊津贴"
    assert core_name("全国职业技能大赛三等奖以上奖项") == "全国职业技能大赛"
    assert core_name("后备人选") == "后备人选"  # 人选 distinguishes 后备人选 and stays


def test_exact_alias_scores_100_and_reports_the_alias(resolver: EntityResolver) -> None:
    match = resolver.resolve_title("“国家杰出青年基金”获得者")
    assert match is not None
    assert (match.entity.id, match.score, match.matched_alias) == (
        "title:nsfc-distinguished-young",
        100.0,
        "国家杰出青年基金",
    )


def test_fuzzy_match_scores_below_100(resolver: EntityResolver) -> None:
    match = resolver.resolve_title("长江学者特聘叫授")
    assert match is not None and match.entity.id == "title:cheung-kong-distinguished-professor"
    assert resolver.threshold <= match.score < 100


def test_bad_names(resolver: EntityResolver) -> None:
    assert resolver.resolve_title("") is None
    assert resolver.resolve_award(" “” ") is None
    with pytest.raises(ValueError, match="at most 200 characters"):
        resolver.resolve_title("院士" * 101)
    with pytest.raises(TypeError, match="must be text, not int"):
        resolver.resolve_title(42)  # type: ignore[arg-type]


def test_near_equal_candidates_of_two_entities_are_refused() -> None:
    catalog = Catalog([Title("title:a", "甲乙丙丁戊计划"), Title("title:b", "甲乙丙丁己计划")], [])
    resolver = EntityResolver(catalog, threshold=80)
    assert resolver.resolve_title("甲乙丙丁庚计划") is None  # as close to both: ambiguous
    alone = EntityResolver(Catalog([Title("title:a", "甲乙丙丁戊计划")], []), threshold=80)
    assert title_id(alone, "甲乙丙丁庚计划") == "title:a"


# --- DESIGN §3 traps ---------------------------------------------------------------------------------


def test_national_thousand_talents_is_not_yunnan_thousand_talents(resolver: EntityResolver) -> None:
    national = {
        title_id(resolver, n)
        for n in ("国家“千人计划”", "千人计划", "国家千人计划入选者", "海外高层次人才引进计划")
    }
    yunnan = {title_id(resolver, n) for n in ("云南省“千人计划”", "云南千人计划", "云南省千人计划入选者")}
    assert national == {"title:national-thousand-talents"}
    assert yunnan == {"title-class:yunnan-thousand-talents"}
    assert title_id(resolver, "云南省海外高层次人才引进计划") == "title:yunnan-overseas-high-level"
    assert title_id(resolver, "贵州省千人计划") is None
    assert "title:national-thousand-talents" not in resolver.equivalent_titles(
        "title:yunnan-thousand-talents-high-level"
    )


def test_national_and_provincial_awards_differ(resolver: EntityResolver) -> None:
    assert award_id(resolver, "国家自然科学奖") == "award:national-natural-science"
    assert award_id(resolver, "云南省自然科学奖") == "award:yunnan-natural-science"
    assert award_id(resolver, "省部级自然科学奖") == "award-class:provincial-natural-science"
    assert award_id(resolver, "自然科学奖") is None  # no level named: not for the linker to guess
    assert award_id(resolver, "湖南省自然科学奖") is None  # not in the gazetteer: not Yunnan's either


def test_distinguished_young_scholars_fund_names_are_one_entity(resolver: EntityResolver) -> None:
    names = (
        "国家杰出青年科学基金",
        "“国家杰出青年基金”获得者",
        "杰青",
        "國家傑出青年科學基金獲得者",
        "国家自然科学基金杰出青年科学基金项目",
    )
    assert {title_id(resolver, n) for n in names} == {"title:nsfc-distinguished-young"}
    assert title_id(resolver, "国家优秀青年科学基金") == "title:nsfc-excellent-young"


def test_two_academies_means_either(resolver: EntityResolver) -> None:
    assert title_id(resolver, "两院院士") == "title-class:academician"
    assert title_id(resolver, "“两院”在职院士") == "title-class:academician"
    for member in ("title:cas-academician", "title:cae-academician"):
        assert "title-class:academician" in resolver.equivalent_titles(member)
    # Holding "两院院士" does not say which academy.
    assert resolver.equivalent_titles("title-class:academician") == {"title-class:academician"}
    assert "title-class:academician" not in resolver.equivalent_titles("title:cass-member")


def test_traditional_text_links_like_simplified(resolver: EntityResolver) -> None:
    simplified = "中国科学院院士、国家杰出青年科学基金获得者、“长江学者奖励计划”特聘教授或云南省科学技术进步奖一等奖获得者"
    traditional = "中國科學院院士、國家傑出青年科學基金獲得者、“長江學者獎勵計劃”特聘教授或雲南省科學技術進步獎一等獎獲得者"
    ids = [m.entity.id for m in resolver.find_mentions(simplified) if m.entity]
    assert ids == [m.entity.id for m in resolver.find_mentions(traditional) if m.entity]
    assert ids == [
        "title:cas-academician",
        "title:nsfc-distinguished-young",
        "title:cheung-kong-distinguished-professor",
        "award:yunnan-sci-tech-progress",
    ]


def test_grade_is_not_part_of_the_award_name(resolver: EntityResolver) -> None:
    match = resolver.resolve_award("国家科学技术进步奖二等奖")
    assert match is not None and match.entity.id == "award:national-sci-tech-progress"
    assert "二等奖" in match.entity.grades


# --- each guard ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "alias", "group"),
    [
        ("云南省自然科学奖", "国家自然科学奖", "scope"),
        ("云南省千人计划", "国家千人计划", "scope"),
        ("省级技术能手", "全国技术能手", "scope"),
        ("发达国家科学院院士", "中国科学院院士", "scope"),
        ("中国工程院院士", "中国科学院院士", "academy"),
        ("两院院士", "中国科学院院士", "academy"),
        ("中国社会科学院学部委员", "中国科学院学部委员", "academy"),
        ("中国社会科学院院士", "中国社会科学院学部委员", "academic-rank"),
        ("国家百人计划", "国家千人计划", "program-size"),
        ("中科院千人计划", "中科院百人计划", "program-size"),
        ("国家青年科技创新领军人才", "中青年科技创新领军人才", "age-band"),
        ("国家优秀青年科学基金", "国家杰出青年科学基金", "fund-grade"),
        ("长江学者讲座教授", "长江学者特聘教授", "chair"),
        ("长江学者青年学者", "长江学者特聘教授", "chair"),
        ("国家万人计划教学名师", "国家万人计划青年拔尖人才", "talent-role"),
        ("云南省千人计划青年人才", "云南省千人计划产业人才", "track"),
        ("昆明市中青年学术和技术后备人选", "昆明市中青年学术和技术带头人", "succession-rank"),
        ("国家科学技术进步奖", "国家技术发明奖", "award-field"),
        ("中国青年科技奖", "中国青年科学家奖", "young-award"),
        ("诺贝尔化学奖", "诺贝尔物理学奖", "discipline"),
        ("外国人来华工作许可证b类", "外国人来华工作许可证a类", "permit-class"),
        ("中国科学院院士候选人", "中国科学院院士", "standing"),
        ("国家杰出青年科学基金委员会", "国家杰出青年科学基金", "standing"),
        ("全国职业院校技能大赛", "全国职业技能大赛", "contest"),
        ("省级首席技能大师工作室领衔人", "省级技能大师工作室领衔人", "skills"),
    ],
)
def test_each_guard_names_its_difference(resolver: EntityResolver, name: str, alias: str, group: str) -> None:
    conflicts = resolver.discriminator.conflicts
    assert group in conflicts(name, alias)
    assert conflicts(name, name) == [] and conflicts(alias, alias) == []


@pytest.mark.parametrize(
    ("kind", "name", "wrong"),
    [
        ("award", "湖南省自然科学奖", "award:yunnan-natural-science"),  # another province
        ("award", "国家哲学社会科学优秀成果奖", "award-class:provincial-social-science"),  # 国家 vs 省部级
        ("award", "四川省科学技术奖", "award:sichuan-sci-tech-progress"),  # umbrella vs one field
        ("award", "全国职业院校技能大赛", "award:national-vocational-skills-competition"),
        ("title", "中国社会科学院院士", "title:cas-academician"),
        ("title", "中科院千人计划", "title:cas-hundred-talents"),
        ("title", "国家万人计划名医", "title-class:national-ten-thousand-talents"),
        ("title", "国家青年科技创新领军人才", "title:most-young-innovation-leader"),
        ("title", "外国人来华工作许可证B类", "title:foreign-work-permit-a"),
        ("title", "中国工程院外籍院士", "title:cae-academician"),
        ("title", "中国科学院院士候选人", "title:cas-academician"),
        ("title", "国家杰出青年科学基金委员会", "title:nsfc-distinguished-young"),
        ("title", "省级技能大师工作室领衔人", "title-class:provincial-chief-skill-master-studio-lead"),
        ("title", "天府万人计划", "title-class:national-ten-thousand-talents"),
    ],
)
def test_guards_refuse_near_names_the_score_alone_would_accept(
    loose: tuple[EntityResolver, EntityResolver], kind: str, name: str, wrong: str
) -> None:
    guarded, unguarded = loose
    resolve = "resolve_title" if kind == "title" else "resolve_award"
    without_guards = getattr(unguarded, resolve)(name)
    assert without_guards is not None and without_guards.entity.id == wrong  # the trap is real
    with_guards = getattr(guarded, resolve)(name)
    assert with_guards is None or with_guards.entity.id != wrong


def test_a_class_is_not_matched_by_a_longer_name(loose: tuple[EntityResolver, EntityResolver]) -> None:
    guarded, _ = loose
    # 国家科学技术近步奖 is a misspelt member, not the class 国家科学技术奖(励).
    assert award_id(guarded, "国家科学技术近步奖") != "award-class:national-sci-tech"
    # A shortened class name still finds the class.
    assert award_id(guarded, "省部级科技进步一等奖") == "award-class:provincial-sci-tech-progress"


def test_role_words_decide_between_siblings(resolver: EntityResolver) -> None:
    assert title_id(resolver, "长江学者特聘教授") == "title:cheung-kong-distinguished-professor"
    assert title_id(resolver, "长江学者讲座教授") == "title:cheung-kong-chair-professor"
    assert title_id(resolver, "长江学者青年学者") == "title:cheung-kong-young-scholar"
    assert (
        title_id(resolver, "长江学者讲座教受") == "title:cheung-kong-chair-professor"
    )  # typo outside the role word
    assert title_id(resolver, "昆明市中青年学术和技术后备人选") == "title:kunming-academic-leader-reserve"
    assert title_id(resolver, "昆明市中青年学术和技术带头人") == "title:kunming-academic-leader"


# --- equivalences ---------------------------------------------------------------------------------------


def test_equivalent_titles_follow_same_as_classes_and_successions(resolver: EntityResolver) -> None:
    assert resolver.equivalent_titles("title:foreign-work-permit-a") == {
        "title:foreign-work-permit-a",
        "title:foreign-high-end-talent-a",
    }
    # 云岭英才计划 专项 holders were transferred to 云南省千人计划 专项 (已入选人才自动转入).
    assert resolver.equivalent_titles("title:yunling-high-level") >= {
        "title:yunling-high-level",
        "title-class:yunling-talents",
        "title:yunnan-thousand-talents-high-level",
        "title-class:yunnan-thousand-talents",
    }
    assert "title:yunling-high-level" not in resolver.equivalent_titles(
        "title:yunnan-thousand-talents-high-level"
    )
    assert resolver.equivalent_titles("title:ten-thousand-talents-young-top") == {
        "title:ten-thousand-talents-young-top",
        "title-class:national-ten-thousand-talents",
    }
    with pytest.raises(UnknownEntityError, match="no title has id 'title:nobody'"):
        resolver.equivalent_titles("title:nobody")


def test_award_classes(resolver: EntityResolver) -> None:
    assert resolver.award_classes("award:yunnan-sci-tech-progress") == {
        "award-class:yunnan-sci-tech",
        "award-class:provincial-sci-tech-progress",
        "award-class:provincial-sci-tech",
    }
    assert resolver.award_classes("award:moe-natural-science") == {
        "award-class:moe-sci-tech",
        "award-class:provincial-natural-science",
        "award-class:provincial-sci-tech",
    }
    assert resolver.award_classes("award:national-sci-tech-progress") == {"award-class:national-sci-tech"}
    assert resolver.award_classes("award:fields") == set()
    with pytest.raises(UnknownEntityError, match="no award has id"):
        resolver.award_classes("title:cas-academician")


# --- search ------------------------------------------------------------------------------------------------


def test_search_titles_ranks_and_limits(resolver: EntityResolver) -> None:
    hits = resolver.search_titles("长江学者", limit=4)
    assert hits[0].entity.id == "title-class:cheung-kong-scholar" and hits[0].score == 100
    assert {hit.entity.id for hit in hits} == {
        "title-class:cheung-kong-scholar",
        "title:cheung-kong-distinguished-professor",
        "title:cheung-kong-chair-professor",
        "title:cheung-kong-young-scholar",
    }
    assert [h.entity.id for h in resolver.search_titles("長江學者", limit=4)] == [h.entity.id for h in hits]
    assert len({h.entity.id for h in resolver.search_titles("院士", limit=50)}) == len(
        resolver.search_titles("院士", limit=50)
    )
    assert resolver.search_titles("   ") == []
    with pytest.raises(ValueError, match="limit must be at least 1"):
        resolver.search_titles("院士", limit=0)


# --- mentions in new texts (not from the corpus) --------------------------------------------------------------

SHENZHEN_CATALOGUE = """深圳市南山区高层次人才分类认定目录（测试文本）
一、A类人才
1.中国科学院、中国工程院院士；
2.国家自然科学奖、技术发明奖一等奖前三名完成人；
3.广东省科学技术突出贡献奖获得者；
二、B类人才
1.广东省自然科学奖、技术发明奖、科技进步奖一等奖排名前三位完成人；
2.“长江学者奖励计划”讲座教授、青年学者；
3.广东省“珠江人才计划”入选者；
4.获得广东省友谊奖的外国专家；
5.入选南山区领航人才计划的人才。"""


def test_mentions_of_another_regions_catalogue(resolver: EntityResolver) -> None:
    mentions = resolver.find_mentions(SHENZHEN_CATALOGUE)
    for mention in mentions:
        assert SHENZHEN_CATALOGUE[mention.start : mention.end] == mention.text
    linked = [(m.text, m.entity.id) for m in mentions if m.entity]
    assert linked == [
        ("中国科学院", "title:cas-academician"),  # 中国科学院、中国工程院院士: the suffix is shared
        ("中国工程院院士", "title:cae-academician"),
        ("国家自然科学奖", "award:national-natural-science"),
        ("技术发明奖", "award:national-tech-invention"),  # the prefix 国家 is shared
        ("广东省科学技术突出贡献奖获得者", "award:guangdong-outstanding-contribution"),
        ("广东省自然科学奖", "award:guangdong-natural-science"),
        ("技术发明奖", "award:guangdong-tech-invention"),
        ("科技进步奖", "award:guangdong-sci-tech-progress"),
        ("“长江学者奖励计划”讲座教授", "title:cheung-kong-chair-professor"),
        ("青年学者", "title:cheung-kong-young-scholar"),
        ("广东省“珠江人才计划”入选者", "title:guangdong-pearl-river"),
    ]
    unlinked = {m.name for m in mentions if m.match is None}
    # 广东省友谊奖 is not 中国政府友谊奖; an unknown district program is reported, not dropped.
    assert unlinked == {"广东省友谊奖", "南山区领航人才计划"}


def test_mentions_skip_document_titles_and_keep_regions_apart(resolver: EntityResolver) -> None:
    text = "根据《国家杰出青年科学基金项目管理办法》，引进国家“千人计划”专家、云南省“千人计划”入选者和国家杰出青年科学基金获得者。"
    found = [(m.text, m.entity.id if m.entity else None) for m in resolver.find_mentions(text)]
    assert found == [
        ("国家“千人计划”专家", "title:national-thousand-talents"),
        ("云南省“千人计划”入选者", "title-class:yunnan-thousand-talents"),
        ("国家杰出青年科学基金获得者", "title:nsfc-distinguished-young"),
    ]


def test_region_prefix_joins_the_name(resolver: EntityResolver) -> None:
    assert [m.entity.id if m.entity else None for m in resolver.find_mentions("获评广东省友谊奖")] == [None]
    implied = resolver.find_mentions("昆明市官渡高层次人才（团队）入选者")
    assert [(m.text, m.entity.id if m.entity else None) for m in implied] == [
        ("昆明市官渡高层次人才（团队）入选者", "title:guandu-high-level-talent")
    ]
    # 在滇 means "in Yunnan": a one-character region name does not qualify the title.
    assert [m.entity.id for m in resolver.find_mentions("在滇“两院”院士") if m.entity] == [
        "title-class:academician"
    ]


def test_unlinked_lookalikes_are_reported_not_dropped(resolver: EntityResolver) -> None:
    text = "近三年获得蓝海英才计划入选者称号，或获得星河科技奖一等奖，可给予奖励。"
    unlinked = [(m.name, m.kind) for m in resolver.find_mentions(text) if m.match is None]
    assert unlinked == [("蓝海英才计划", "title"), ("星河科技奖", "award")]


def test_no_mentions_in_plain_text(resolver: EntityResolver) -> None:
    assert resolver.find_mentions("") == []
    assert resolver.find_mentions("给予表扬奖励，每年安排培育奖励资金，考核优秀的发放奖金。") == []


POLICY_ALPHABET = "国家省市级人才计划入选者获得奖一二等科学技术进步自然院士长江学者特聘教授云南千万百“”（）《》、，。或和及 \n\t"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=POLICY_ALPHABET, max_size=300) | st.text(max_size=300))
def test_mentions_always_cite_the_source_exactly(text: str) -> None:
    for mention in EntityResolver.default().find_mentions(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.kind in ("title", "award")
