"""What the rules read from the five corpus documents (the facts the brief asks for)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import (
    AwardRequirement,
    BenefitKind,
    CriterionKind,
    CriterionRole,
    Degree,
    Employment,
    Facts,
    FunderShare,
    Period,
    ProfessionalRank,
    Recipient,
    StackingKind,
)
from graphapi.domain.regions import default_regions
from ingest.documents import parse_file
from ingest.facts import extract

CORPUS = Path(__file__).resolve().parents[2] / "data" / "policies"
WAN = 10_000
BASIC, CORE, EXCLUSION = CriterionRole.BASIC, CriterionRole.CORE, CriterionRole.EXCLUSION


@cache
def corpus() -> dict[str, Facts]:
    resolver, regions = EntityResolver.default(), default_regions()
    return {path.name[:3]: extract(parse_file(path), resolver, regions) for path in sorted(CORPUS.glob("*.txt"))}


def tier(facts: Facts, fragment: str):
    return next(t for t in facts.tiers if fragment in t.name or t.code == fragment)


def criteria(facts: Facts, fragment: str, role=None):
    t = tier(facts, fragment)
    return [c for c in facts.criteria if c.tier_id == t.id and (role is None or c.role is role)]


def benefits(facts: Facts, fragment: str, kind: BenefitKind):
    t = tier(facts, fragment)
    return [b for b in facts.benefits if b.tier_id == t.id and b.kind is kind]


# --- 官渡 (001) --------------------------------------------------------------------------------


def test_guandu_b_second_prize_top_three():
    gd = corpus()["001"]
    (award,) = [c for c in criteria(gd, "B", CORE) if c.cited_in.endswith("sec_2__subitem_1")]
    assert award.kind is CriterionKind.AWARD
    assert award.awards == (AwardRequirement((
        "award:national-natural-science", "award:national-tech-invention", "award:national-sci-tech-progress"), ("二等奖",), 3),)


def test_guandu_lead_ins_are_basic_conditions():
    gd = corpus()["001"]
    b = {c.kind: c for c in criteria(gd, "B", BASIC) if "sec_2" in c.cited_in}
    assert b[CriterionKind.AGE].max_age == 60
    assert b[CriterionKind.EMPLOYMENT].employment == (Employment.FULL_TIME, Employment.FLEXIBLE)
    e = {c.kind: c for c in criteria(gd, "E", BASIC) if "sec_5__para" in c.cited_in}
    assert e[CriterionKind.DEGREE].min_degree is Degree.MASTER and e[CriterionKind.AGE].max_age == 40


def test_guandu_catch_alls_thresholds_and_positions():
    gd = corpus()["001"]
    c = criteria(gd, "C", CORE)
    assert sum(x.discretionary for x in c) == 1
    assert {x.min_amount for x in c if x.kind is CriterionKind.SALARY} == {2_000_000}
    assert [(x.min_amount, x.within_years) for x in c if x.kind is CriterionKind.TAX] == [(30_000_000, 3)]
    assert [x.within_years for x in criteria(gd, "A", CORE) if x.kind is CriterionKind.POSITION] == [5, 5]


def test_guandu_exclusions_apply_to_every_class():
    gd = corpus()["001"]
    for code in ("A", "B", "C", "D", "E", "TEAM"):
        assert [c.cited_in.split("__")[-1] for c in criteria(gd, code, EXCLUSION)] == ["item_1", "item_2", "item_3", "item_4"]


def test_guandu_housing_subsidy():
    gd = corpus()["001"]
    (housing,) = benefits(gd, "B", BenefitKind.HOUSING_SUBSIDY)
    assert (housing.amount_max, housing.cap_ratio, housing.installments, housing.installment_share) == (400 * WAN, 0.5, 5, 0.2)
    assert housing.funders == (FunderShare("区级财政", 0.5), FunderShare("用人单位", 0.5))
    assert housing.employment == (Employment.FULL_TIME,) and "年度考核合格后发放" in housing.conditions
    assert not benefits(gd, "D", BenefitKind.HOUSING_SUBSIDY)


def test_guandu_distributed_amounts():
    gd = corpus()["001"]
    project = {t: benefits(gd, t, BenefitKind.PROJECT_FUNDING)[0].amount_max for t in "ABCDE"}
    assert project == {"A": 200 * WAN, "B": 100 * WAN, "C": 100 * WAN, "D": 100 * WAN, "E": 30 * WAN}
    recruiter = benefits(gd, "D", BenefitKind.RECRUITER_REWARD)[0]
    assert (recruiter.amount_max, recruiter.recipient) == (2 * WAN, Recipient.RECRUITER)
    post = benefits(gd, "A", BenefitKind.POST_ALLOWANCE)[0]
    assert (post.amount_max, post.period, post.conditions[0]) == (35 * WAN, Period.YEARLY, "考核优秀")


def test_guandu_rules():
    gd = corpus()["001"]
    rules = {r.kind: r for r in gd.stacking_rules}
    assert set(rules) == {StackingKind.HIGHEST_ONLY, StackingKind.EXCLUSIVE, StackingKind.TOP_UP, StackingKind.STACKABLE}
    bonus = {b.id for b in gd.benefits if b.kind is BenefitKind.SELECTION_BONUS}
    assert set(rules[StackingKind.HIGHEST_ONLY].governs) == bonus and len(bonus) == 3
    assert rules[StackingKind.HIGHEST_ONLY].scope == "国家级、省级和市级重点人才工程和重点人才项目"
    exclusive = {b.kind for b in gd.benefits if b.id in rules[StackingKind.EXCLUSIVE].governs}
    assert exclusive == {BenefitKind.HOUSING_SUBSIDY, BenefitKind.POST_ALLOWANCE}
    assert len(rules[StackingKind.EXCLUSIVE].governs) == 7  # housing A–C, post allowance A–D
    assert rules[StackingKind.TOP_UP].governs == (gd.programs[0].id,)


# --- 云南省“千人计划” (004) ------------------------------------------------------------------------


def test_yunnan_six_special_projects():
    yn = corpus()["004"]
    assert [t.name for t in sorted(yn.tiers, key=lambda t: t.rank)] == [
        "“高层次人才”专项", "“高端外国专家”专项", "“人文社会科学人才”专项", "“产业人才”专项", "“青年人才”专项", "“高层次创新创业团队”专项"]
    assert tier(yn, "高层次人才").confers_title_id == "title:yunnan-thousand-talents-high-level"
    assert tier(yn, "团队").for_team
    assert yn.programs[0].policy_id == "yn-2018-qrjh6gtz"  # the notice that issues the 细则


def test_yunnan_basic_condition_split_by_kind():
    yn = corpus()["004"]
    basic = [c for c in criteria(yn, "“高层次人才”", BASIC) if c.cited_in.endswith("item_1__subitem_1")]
    by_kind = {c.kind: c for c in basic}
    assert by_kind[CriterionKind.AGE].max_age == 55
    assert by_kind[CriterionKind.AGE].age_exempt_title_ids == ("title-class:academician",)
    assert by_kind[CriterionKind.DEGREE].min_degree is Degree.DOCTORATE
    assert by_kind[CriterionKind.PROFESSIONAL_RANK].min_professional_rank is ProfessionalRank.ASSOCIATE_SENIOR


def test_yunnan_relaxations_and_exclusions():
    yn = corpus()["004"]
    hlt = tier(yn, "“高层次人才”")
    (relaxation,) = [r for r in yn.relaxations if r.tier_id == hlt.id]
    assert (relaxation.condition, relaxation.age_years, relaxation.professional_rank_steps, relaxation.service_years_reduction) == (
        "POVERTY_OR_BORDER_COUNTY", 2, 1, 1)
    youth = criteria(yn, "青年人才", EXCLUSION)
    assert sum(c.cited_in.split("/")[-1].startswith("art_4__item_4") for c in youth) == 3
    assert all(c.min_degree is None for c in youth)  # who is excluded, not a reading that excludes doctors


def test_yunnan_living_allowance_and_its_title_variant():
    yn = corpus()["004"]
    living = benefits(yn, "“高层次人才”", BenefitKind.LIVING_ALLOWANCE)
    assert {(b.amount_max, b.requires_title_ids) for b in living} >= {(100 * WAN, ()), (200 * WAN, ("title-class:academician",))}
    (rule,) = [r for r in yn.stacking_rules if r.cited_in.endswith("qrjhgccrc/art_7")]
    assert rule.kind is StackingKind.NOT_AGAIN and set(rule.governs) == {b.id for b in living}
    assert rule.prior  # what was already enjoyed: 云南省院士创新团队 …


def test_yunnan_team_funds_not_supported_twice():
    yn = corpus()["004"]
    (rule,) = [r for r in yn.stacking_rules if "团队培养经费不再重复支持" in r.text]
    assert rule.kind is StackingKind.NOT_AGAIN
    assert [b.kind for b in yn.benefits if b.id in rule.governs] == [BenefitKind.TRAINING_FUNDS]


def test_yunnan_successions_from_the_abolished_yunling_projects():
    yn = corpus()["004"]
    to = {s.to_id: s.from_name for s in yn.successions}
    assert to[tier(yn, "“高层次人才”").id] == "云岭英才计划“云岭高层次人才”专项"
    assert len(yn.successions) == 4 and all(s.from_id.startswith("program:") for s in yn.successions)


# --- 深圳 (003) --------------------------------------------------------------------------------


def test_shenzhen_training_funds_levels_and_payment():
    sz = corpus()["003"]
    (funds,) = benefits(sz, "培养对象", BenefitKind.TRAINING_FUNDS)
    assert funds.amount_levels == (1000 * WAN, 1500 * WAN, 2000 * WAN)
    assert (funds.amount_min, funds.amount_max, funds.installments, funds.installment_share) == (1000 * WAN, 2000 * WAN, 2, 0.5)


def test_shenzhen_conditions_exclusions_and_bar():
    sz = corpus()["003"]
    basic = {c.kind: c for c in criteria(sz, "培养对象", BASIC)}
    assert basic[CriterionKind.AGE].max_age == 55 and basic[CriterionKind.EMPLOYMENT].employment == (Employment.FULL_TIME,)
    exclusions = criteria(sz, "培养对象", EXCLUSION)
    strategic = next(c for c in exclusions if c.cited_in.endswith("chp_2__art_7"))
    assert {"title:cas-academician", "title:cae-academician", "title:shenzhen-outstanding-talent-trainee"} <= set(strategic.title_ids)
    assert sum(c.cited_in.startswith("sz-jcrcpy/chp_2__art_8__item") for c in exclusions) == 7
    (bar,) = sz.stacking_rules
    assert (bar.kind, bar.scope) == (StackingKind.BAR, "市级及以下其他人才培养类专项资助")


# --- 昆明 (000) and 东川 (002) -------------------------------------------------------------------


def test_kunming_note_tiers_and_route():
    km = corpus()["000"]
    assert {t.confers_title_id for t in km.tiers} == {"title:kunming-academic-leader", "title:kunming-academic-leader-reserve"}
    core = criteria(km, "带头人", CORE)
    assert {c.kind for c in core} == {CriterionKind.SALARY, CriterionKind.TITLE, CriterionKind.OTHER}
    assert {c.within_years for c in core} == {3, 2, None}
    assert not criteria(km, "后备人选", CORE)  # the route (认定赛道) is for 带头人
    assert all(any(c.kind is CriterionKind.RESIDENCE for c in criteria(km, t.name, BASIC)) for t in km.tiers)


def test_dongchuan_measures():
    dc = corpus()["002"]
    rigid = tier(dc, "刚性")
    (living,) = [b for b in dc.benefits if b.tier_id == rigid.id]
    assert (living.amount_max, living.installments, living.installment_share) == (50 * WAN, 5, 0.2)
    flexible = tier(dc, "柔性")
    (allowance,) = [b for b in dc.benefits if b.tier_id == flexible.id]
    assert (allowance.amount_min, allowance.amount_max, allowance.period) == (2 * WAN, 30 * WAN, Period.YEARLY)
    scarce = {tier(dc, name).id for name in ("博士研究生", "全日制硕士研究生", "大学本科")}
    amounts = sorted(b.amount_max for b in dc.benefits if b.tier_id in scarce)
    assert amounts == [5 * WAN, 10 * WAN, 25 * WAN]
    retired = tier(dc, "退休名师")
    assert [c.max_age for c in dc.criteria if c.tier_id == retired.id and c.max_age] == [63]
    assert [b.period for b in dc.benefits if b.tier_id == retired.id] == [Period.YEARLY]
    social = sorted(b.amount_max for b in dc.benefits if "社会工作师" in tier_name(dc, b.tier_id))
    assert social == [2000, 4000, 6000]
    doctors = sorted(b.amount_max for b in dc.benefits if b.period is Period.MONTHLY)
    assert doctors == [1000, 1500]
    assert tier(dc, "东川头雁人才").confers_title_id == "title:dongchuan-lead-goose"


def tier_name(facts: Facts, tier_id: str) -> str:
    return next(t.name for t in facts.tiers if t.id == tier_id)
