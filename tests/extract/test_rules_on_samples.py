"""Criteria, benefits and stacking rules read from texts of the genre written for these tests
(tests/extract/samples.py): another district's catalogue, classes inside an article, a 专项 rule
in traditional characters, measures of an 意见."""

from __future__ import annotations

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import (
    AwardRequirement,
    BenefitKind,
    CriterionKind,
    CriterionRole,
    Degree,
    Employment,
    FunderShare,
    Period,
    ProfessionalRank,
    Recipient,
    StackingKind,
)
from graphapi.domain.regions import default_regions
from ingest.documents import parse_text
from ingest.facts import extract
from tests.extract.samples import CHENGGONG, facts

WAN = 10_000
PROGRESS = "award:national-sci-tech-progress"
PROVINCIAL_PROGRESS = "award-class:provincial-sci-tech-progress"


def tier_of(f, code):
    return next(t for t in f.tiers if t.code == code)


def criteria_of(f, code, role=None):
    tier = tier_of(f, code)
    return [c for c in f.criteria if c.tier_id == tier.id and (role is None or c.role is role)]


def benefits_of(f, code, kind):
    tier = tier_of(f, code)
    return [b for b in f.benefits if b.tier_id == tier.id and b.kind is kind]


# --- criteria -----------------------------------------------------------------------------------


def test_catalogue_rank_limit_of_five():
    f = facts("chenggong.txt")
    awards = [a for c in criteria_of(f, "B", CriterionRole.CORE) for a in c.awards]
    assert AwardRequirement((PROGRESS,), ("二等奖",), 5) in awards


def test_grade_specific_ranks_in_a_catalogue():
    f = facts("chenggong.txt")
    (item,) = [c for c in criteria_of(f, "A", CriterionRole.CORE) if c.kind is CriterionKind.AWARD]
    assert item.awards == (
        AwardRequirement(("award:national-natural-science",), ("一等奖",), 5),
        AwardRequirement(("award:national-natural-science",), ("二等奖",), 3),
    )


def test_lead_in_clauses_and_team_conditions():
    f = facts("chenggong.txt")
    basic = {c.kind: c for c in criteria_of(f, "B", CriterionRole.BASIC)}
    assert basic[CriterionKind.AGE].max_age == 58
    assert basic[CriterionKind.EMPLOYMENT].employment == (Employment.FULL_TIME, Employment.FLEXIBLE)
    assert [c.min_amount for c in criteria_of(f, "C") if c.kind is CriterionKind.SALARY] == [150 * WAN]
    assert [c.within_years for c in criteria_of(f, "B") if c.kind is CriterionKind.POSITION] == [5]
    team = criteria_of(f, "TEAM")
    assert all(c.role is CriterionRole.BASIC for c in team)  # 符合下列所有条件
    assert [c.min_degree for c in team if c.min_degree] == [Degree.DOCTORATE]


def test_classes_inside_an_article():
    f = facts("xishan.txt")
    (age,) = [c for c in criteria_of(f, "L1", CriterionRole.BASIC) if c.kind is CriterionKind.AGE]
    assert (age.max_age, age.age_exempt_title_ids) == (50, ("title-class:academician",))
    assert [c.awards for c in criteria_of(f, "L1", CriterionRole.CORE) if c.awards] == [(AwardRequirement((PROGRESS,), (), 5),)]
    (education,) = [c for c in criteria_of(f, "L2") if c.kind is CriterionKind.EDUCATION]
    assert (education.min_degree, education.min_professional_rank) == (Degree.MASTER, ProfessionalRank.ASSOCIATE_SENIOR)
    third = [a for c in criteria_of(f, "L3", CriterionRole.CORE) for a in c.awards]
    assert third == [AwardRequirement((PROVINCIAL_PROGRESS,), ("一等奖", "二等奖", "三等奖"), 3)]
    assert len(criteria_of(f, "L2", CriterionRole.EXCLUSION)) == 2  # 不得申报 applies to every class
    assert sum(c.discretionary for c in criteria_of(f, "L2")) == 1


def test_traditional_rule_reads_like_simplified():
    f = facts("dali_traditional.txt")
    (code,) = {t.code for t in f.tiers}
    basic = {c.kind: c for c in criteria_of(f, code, CriterionRole.BASIC)}
    assert basic[CriterionKind.AGE].max_age == 35 and basic[CriterionKind.DEGREE].min_degree is Degree.DOCTORATE
    assert basic[CriterionKind.EMPLOYMENT].employment == (Employment.FULL_TIME,)  # 须为在大理州全职工作的人员
    core = criteria_of(f, code, CriterionRole.CORE)
    assert [c.title_ids for c in core if c.title_ids] == [("title:nsfc-excellent-young",)]
    assert [c.awards for c in core if c.awards] == [(AwardRequirement(("award:national-tech-invention",), ("二等奖",), 4),)]
    assert [c.text for c in criteria_of(f, code, CriterionRole.EXCLUSION)] == ["公务员不能申报"]
    (relaxation,) = f.relaxations
    assert (relaxation.condition, relaxation.age_years) == ("POVERTY_OR_BORDER_COUNTY", 3)


def test_measures_classes_get_their_own_conditions():
    f = facts("jinning_measures.txt")
    doctor = next(t for t in f.tiers if "博士" in t.name)
    conditions = {c.kind: c for c in f.criteria if c.tier_id == doctor.id}
    assert conditions[CriterionKind.AGE].max_age == 38 and conditions[CriterionKind.DEGREE].min_degree is Degree.DOCTORATE
    assert any("服务协议" in c.text for c in f.criteria if c.tier_id == doctor.id)
    expert = next(t for t in f.tiers if "柔性" in t.name)
    modes = [c.employment for c in f.criteria if c.tier_id == expert.id and c.kind is CriterionKind.EMPLOYMENT and c.employment]
    assert modes == [(Employment.FLEXIBLE,)]


# --- benefits -----------------------------------------------------------------------------------


def test_distributed_amounts_caps_and_schedule():
    f = facts("chenggong.txt")
    housing = {code: benefits_of(f, code, BenefitKind.HOUSING_SUBSIDY)[0] for code in "ABC"}
    assert {code: b.amount_max for code, b in housing.items()} == {"A": 300 * WAN, "B": 150 * WAN, "C": 60 * WAN}
    a = housing["A"]
    assert (a.cap_ratio, a.installments, a.installment_share) == (0.6, 4, 0.25)
    assert a.funders == (FunderShare("区级财政", 0.5), FunderShare("用人单位", 0.5))
    assert a.employment == (Employment.FULL_TIME,)
    reward = benefits_of(f, "B", BenefitKind.RECRUITER_REWARD)[0]
    assert (reward.amount_max, reward.recipient) == (8 * WAN, Recipient.RECRUITER)
    assert not benefits_of(f, "C", BenefitKind.RECRUITER_REWARD)  # only A类、B类 are named
    assert [b.kind for b in f.benefits if b.name == "健康体检"] == [BenefitKind.SERVICE] * 2


def test_yearly_benefit_with_a_duration_and_thirds():
    f = facts("xishan.txt")
    post = benefits_of(f, "L2", BenefitKind.POST_ALLOWANCE)[0]
    assert (post.amount_max, post.period, post.years) == (5 * WAN, Period.YEARLY, 3)
    home = benefits_of(f, "L3", BenefitKind.HOUSING_SUBSIDY)[0]
    assert (home.amount_max, home.cap_ratio, home.installments) == (10 * WAN, 0.5, 3)
    assert abs(home.installment_share - 1 / 3) < 1e-9
    assert not [b for b in f.benefits if b.name == "子女入学" and b.tier_id == tier_of(f, "L3").id]


def test_title_limited_variant():
    f = facts("dali_traditional.txt")
    living = [b for b in f.benefits if b.kind is BenefitKind.LIVING_ALLOWANCE]
    assert {(b.amount_max, b.requires_title_ids) for b in living} == {(30 * WAN, ()), (50 * WAN, ("title:cas-academician",))}


def test_measure_benefits():
    f = facts("jinning_measures.txt")
    amounts = sorted((b.amount_max, b.period, b.installments) for b in f.benefits)
    assert amounts == [(6 * WAN, Period.ONE_OFF, 3), (8 * WAN, Period.YEARLY, None), (18 * WAN, Period.ONE_OFF, 3)]
    (flexible,) = [b for b in f.benefits if b.period is Period.YEARLY]
    assert flexible.employment == (Employment.FLEXIBLE,)


# --- stacking rules -----------------------------------------------------------------------------


def test_rules_of_a_district_policy():
    f = facts("xishan.txt")
    rules = {r.kind: r for r in f.stacking_rules}
    kinds = {b.id: b.kind for b in f.benefits}
    assert {kinds[g] for g in rules[StackingKind.NOT_AGAIN].governs} == {BenefitKind.HOUSING_SUBSIDY}
    assert rules[StackingKind.NOT_AGAIN].prior == ("区内其他人才政策安家补贴",)
    assert {kinds[g] for g in rules[StackingKind.HIGHEST_ONLY].governs} == {BenefitKind.POST_ALLOWANCE}
    assert rules[StackingKind.HIGHEST_ONLY].scope == "省级、市级人才计划"
    assert rules[StackingKind.TOP_UP].governs == (f.programs[0].id,)


def test_rules_in_traditional_script():
    f = facts("dali_traditional.txt")
    rules = {r.kind: r for r in f.stacking_rules}
    assert {b.kind for b in f.benefits if b.id in rules[StackingKind.NOT_AGAIN].governs} == {BenefitKind.LIVING_ALLOWANCE}
    # a 专项 rule's own clause governs its 专项 (the tier), not the whole program
    assert (rules[StackingKind.BAR].scope, rules[StackingKind.BAR].governs) == ("州级其他人才专项资助", (f.tiers[0].id,))
    (succession,) = f.successions
    assert succession.to_id == f.tiers[0].id and "青年人才" in (succession.from_name or "")


def test_highest_only_without_named_benefits_governs_the_program():
    f = facts("chenggong.txt")
    (rule,) = f.stacking_rules
    assert (rule.kind, rule.governs) == (StackingKind.HIGHEST_ONLY, (f.programs[0].id,))


def test_equivalence_stated_by_the_text():
    text = CHENGGONG.replace("第五条 本办法自发布之日起施行。", "第五条 国家杰出青年科学基金获得者，视同A类人才认定。\n第六条 本办法自发布之日起施行。")
    f = extract(parse_text(text, "chenggong_equivalence.txt"), EntityResolver.default(), default_regions())
    (equivalence,) = f.equivalences
    assert equivalence.from_id == "title:nsfc-distinguished-young"
    assert equivalence.to_id == tier_of(f, "A").id and equivalence.cited_in.endswith("/art_5")
