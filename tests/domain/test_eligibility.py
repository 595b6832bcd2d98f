"""Eligibility per tier: three-valued, cited, over hand-built facts of the corpus and of an unseen policy."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphapi.domain.eligibility import TierAssessment, assess
from graphapi.domain.knowledge import Knowledge
from graphapi.domain.model import (
    Criterion,
    CriterionKind,
    CriterionRole,
    Degree,
    EligibilityStatus,
    Employment,
    Level,
    ProfessionalRank,
    Program,
    Tier,
)
from graphapi.domain.profile import AwardHolding, TalentProfile
from graphapi.domain.regions import default_regions
from tests.domain.facts_fixtures import (
    CAS,
    CHANGJIANG_CHAIR,
    CHANGJIANG_YOUNG,
    DC_FLEX,
    NAT_PROGRESS,
    NSFC_YOUNG,
    SZ_TIER,
    YN_HLT_TIER,
    YN_PROGRESS,
    YN_TEAM_TIER,
    all_knowledge,
    gd_tier,
    relations,
    xs_tier,
)

ELIGIBLE, INELIGIBLE, NEEDS_INFO = (
    EligibilityStatus.ELIGIBLE,
    EligibilityStatus.INELIGIBLE,
    EligibilityStatus.NEEDS_INFO,
)
GUANDU = "region:km-guandu"
YN_HLT_POLICY = "《云南省千人计划“高层次人才”专项实施细则（试行）》"


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return all_knowledge()


def run(knowledge: Knowledge, profile: TalentProfile, **options) -> dict[str, TierAssessment]:
    results = assess(profile, knowledge, relations(), default_regions(), as_of_year=2024, **options)
    return {a.tier.id: a for a in results}


def criterion_ids(criteria: list[Criterion]) -> set[str]:
    return {c.id for c in criteria}


def second_prize(rank: int | None, grade: str | None = "二等奖") -> AwardHolding:
    return AwardHolding(NAT_PROGRESS, "国家科学技术进步奖", grade, rank, 2020)


def winner(rank: int | None = 2, **fields) -> TalentProfile:
    base = dict(awards=(second_prize(rank),), age=50, employment=Employment.FULL_TIME, region_id=GUANDU)
    return TalentProfile(**{**base, **fields})


def jieqing(age: int, **fields) -> TalentProfile:
    base = dict(title_ids=(NSFC_YOUNG,), title_names={NSFC_YOUNG: "杰青"}, age=age, region_id=GUANDU)
    return TalentProfile(**{**base, **fields})


# --- the national second prize ---------------------------------------------------------------


def test_second_prize_rank_two_is_guandu_b_via_its_second_prize_item(knowledge):
    results = run(knowledge, winner(rank=2))
    b = results[gd_tier("B")]
    assert b.status is ELIGIBLE
    assert "crit:gd-b-1" in criterion_ids(b.matched)
    assert b.missing == []
    assert "gd-2023-talent/annex_1__sec_2__subitem_1" in b.citations
    assert "附件《官渡高层次人才（团队）分类认定目录》二、B类第1项" in b.explanation
    assert "排名第2位" in b.explanation


def test_second_prize_rank_two_needs_degree_and_rank_for_yunnan(knowledge):
    hlt = run(knowledge, winner(rank=2))[YN_HLT_TIER]
    assert hlt.status is NEEDS_INFO
    assert "crit:yn-hlt-3" in criterion_ids(hlt.matched)
    assert hlt.missing == ["degree", "professionalRank"]
    assert hlt.unmet == []
    assert "第四条第（二）项第3目" in hlt.explanation
    assert "请补充学位和职称" in hlt.explanation


def test_second_prize_with_degree_and_rank_is_eligible_for_yunnan(knowledge):
    profile = winner(rank=2, degree=Degree.DOCTORATE, professional_rank=ProfessionalRank.ASSOCIATE_SENIOR)
    assert run(knowledge, profile)[YN_HLT_TIER].status is ELIGIBLE


def test_second_prize_rank_five_is_not_guandu_b(knowledge):
    profile = winner(rank=5)
    assert gd_tier("B") not in run(knowledge, profile)
    b = run(knowledge, profile, include_ineligible=True)[gd_tier("B")]
    assert b.status is INELIGIBLE
    assert "crit:gd-b-1" in criterion_ids(b.unmet)
    assert "排名第5位" in b.explanation and "前3位" in b.explanation
    assert b.missing == []
    # 云南 takes 二等奖 only up to 前三位 as well
    assert run(knowledge, profile, include_ineligible=True)[YN_HLT_TIER].status is INELIGIBLE


def test_second_prize_without_rank_needs_the_rank(knowledge):
    b = run(knowledge, winner(rank=None))[gd_tier("B")]
    assert b.status is NEEDS_INFO
    assert b.missing == ["awards.rank"]


def test_award_without_grade_needs_the_grade(knowledge):
    profile = TalentProfile(awards=(second_prize(2, grade=None),), age=50, region_id=GUANDU)
    hlt = run(knowledge, profile)[YN_HLT_TIER]
    assert hlt.status is NEEDS_INFO
    assert "awards.grade" in hlt.missing


def test_first_prize_rank_five_meets_yunnan_top_six_but_not_guandu_a(knowledge):
    profile = winner(rank=5, awards=(AwardHolding(NAT_PROGRESS, "国家科学技术进步奖", "一等奖", 5),))
    results = run(knowledge, profile, include_ineligible=True)
    assert "crit:yn-hlt-3" in criterion_ids(results[YN_HLT_TIER].matched)
    assert "crit:gd-a-3" in criterion_ids(results[gd_tier("A")].unmet)


# --- titles, ages, exemptions and relaxations ---------------------------------------------------


def test_jieqing_aged_58_fits_guandu_b_and_needs_an_exception_for_yunnan(knowledge):
    results = run(knowledge, jieqing(58, degree=Degree.DOCTORATE, professional_rank=ProfessionalRank.SENIOR))
    assert results[gd_tier("B")].status is ELIGIBLE
    hlt = results[YN_HLT_TIER]  # listed by default: a core criterion matched
    # 一般在55周岁以下: a usual limit, not a bar. Above it (and beyond the 2-year relaxation) only
    # the office can admit the person, so it is neither a yes nor a no.
    assert hlt.status is NEEDS_INFO
    assert "crit:yn-hlt-2" in criterion_ids(hlt.matched)  # “国家杰出青年基金” ≡ 杰青 through SAME_AS
    assert "crit:yn-hlt-age" in criterion_ids(hlt.pending)
    assert "crit:yn-hlt-age" not in criterion_ids(hlt.matched + hlt.unmet)
    assert "超过该条一般在55周岁以下的要求，能否破格由主管部门认定" in hlt.explanation
    assert hlt.missing == []  # no profile field would decide it: the office does


def test_a_hard_age_limit_is_a_bar(knowledge):
    """不超过50周岁 (no 一般): above it the tier is out of reach, and says why."""
    award = AwardHolding(NAT_PROGRESS, "国家科学技术进步奖", "二等奖", 3, 2022)
    profile = TalentProfile(awards=(award,), age=51, region_id="region:km-xishan")
    tier = run(knowledge, profile, include_ineligible=True)[xs_tier(1)]
    assert tier.status is INELIGIBLE
    assert "crit:xs-1-age" in criterion_ids(tier.unmet)
    assert "超过50周岁的限制" in tier.explanation
    at_limit = TalentProfile(awards=(award,), age=50, region_id="region:km-xishan")
    assert run(knowledge, at_limit)[xs_tier(1)].status is ELIGIBLE


def test_academician_is_exempt_from_the_age_limit(knowledge):
    academician = TalentProfile(
        title_ids=(CAS,), title_names={CAS: "中国科学院院士"}, age=70, region_id=GUANDU
    )
    hlt = run(knowledge, academician)[YN_HLT_TIER]
    assert hlt.status is NEEDS_INFO  # age lifted (院士除外); degree and 职称 still unknown
    assert "crit:yn-hlt-age" in criterion_ids(hlt.matched)
    assert hlt.missing == ["degree", "professionalRank"]
    assert "不受年龄限制" in hlt.explanation
    # the same age without the exempt title is above the usual limit: an exception for the office
    other = run(knowledge, jieqing(70))[YN_HLT_TIER]
    assert "crit:yn-hlt-age" not in criterion_ids(other.matched)
    assert "能否破格由主管部门认定" in other.explanation


def test_age_limit_includes_the_number_itself(knowledge):
    assert run(knowledge, jieqing(60))[gd_tier("B")].status is ELIGIBLE
    above = run(knowledge, jieqing(61))[gd_tier("B")]
    assert above.status is NEEDS_INFO  # 一般在60周岁以下
    assert "超过该条一般在60周岁以下的要求" in above.explanation


def test_age_relaxation_applies_in_poverty_or_border_counties(knowledge):
    qualified = dict(degree=Degree.DOCTORATE, professional_rank=ProfessionalRank.SENIOR)
    relaxed = run(knowledge, jieqing(56, poverty_or_border_county=True, **qualified))[YN_HLT_TIER]
    assert relaxed.status is ELIGIBLE
    assert "yn-2018-qrjh-hlt/art_4__item_3" in relaxed.citations
    assert "放宽2岁至57周岁" in relaxed.explanation

    unknown = run(knowledge, jieqing(56, **qualified))[YN_HLT_TIER]
    assert unknown.status is NEEDS_INFO
    assert unknown.missing == ["povertyOrBorderCounty"]

    elsewhere = run(knowledge, jieqing(56, poverty_or_border_county=False, **qualified))[YN_HLT_TIER]
    assert elsewhere.status is NEEDS_INFO and elsewhere.missing == []
    assert "能否破格由主管部门认定" in elsewhere.explanation


def test_relaxation_flag_is_not_asked_when_it_would_not_change_the_result(knowledge):
    hlt = run(knowledge, jieqing(58, degree=Degree.DOCTORATE, professional_rank=ProfessionalRank.SENIOR))[
        YN_HLT_TIER
    ]
    assert hlt.status is NEEDS_INFO  # above even the relaxed limit: only an exception is left
    assert "povertyOrBorderCounty" not in hlt.missing


def test_rank_relaxation_lowers_the_professional_rank_by_one_step(knowledge):
    profile = dict(degree=Degree.DOCTORATE, professional_rank=ProfessionalRank.INTERMEDIATE)
    assert (
        run(knowledge, jieqing(50, poverty_or_border_county=True, **profile))[YN_HLT_TIER].status is ELIGIBLE
    )
    assert run(knowledge, jieqing(50, **profile))[YN_HLT_TIER].missing == ["povertyOrBorderCounty"]
    junior = dict(degree=Degree.DOCTORATE, professional_rank=ProfessionalRank.JUNIOR)
    assert (
        run(knowledge, jieqing(50, poverty_or_border_county=True, **junior))[YN_HLT_TIER].status is INELIGIBLE
    )


def test_traditional_title_after_resolution_matches_like_the_simplified_one(knowledge):
    def profile(name: str) -> TalentProfile:
        return TalentProfile(
            title_ids=(CHANGJIANG_CHAIR,),
            title_names={CHANGJIANG_CHAIR: name},
            employment=Employment.FLEXIBLE,
            region_id=GUANDU,
        )

    traditional = run(knowledge, profile("長江學者特聘教授"))
    simplified = run(knowledge, profile("长江学者特聘教授"))
    assert {k: v.status for k, v in traditional.items()} == {k: v.status for k, v in simplified.items()}
    a = traditional[gd_tier("A")]
    assert a.status is ELIGIBLE and "crit:gd-a-4" in criterion_ids(a.matched)
    assert "長江學者特聘教授" in a.explanation


def test_title_classes_count_for_the_class(knowledge):
    young = TalentProfile(title_ids=(CHANGJIANG_YOUNG,), age=40, region_id=GUANDU)
    b = run(knowledge, young)[gd_tier("B")]
    assert {"crit:gd-b-2", "crit:gd-b-5"} <= criterion_ids(b.matched)  # 入选“长江学者奖励计划” (class)
    assert "crit:yn-hlt-2" in criterion_ids(run(knowledge, young)[YN_HLT_TIER].matched)


def test_unrecognised_award_is_named_not_a_crash(knowledge):
    profile = TalentProfile(
        awards=(AwardHolding(None, "火星科学奖", "一等奖", 1),),
        unresolved_titles=("星际院士",),
        age=45,
        region_id=GUANDU,
    )
    assert run(knowledge, profile) == {}
    a = run(knowledge, profile, include_ineligible=True)[gd_tier("A")]
    assert a.status is INELIGIBLE
    assert "“火星科学奖”未能识别" in a.explanation
    assert "“星际院士”未能识别" in a.explanation


# --- award classes ------------------------------------------------------------------------------


def test_provincial_award_counts_as_its_class(knowledge):
    first = AwardHolding(YN_PROGRESS, "云南省科学技术进步奖", "一等奖", 2)
    profile = TalentProfile(awards=(first,), age=50, employment=Employment.FULL_TIME, region_id=GUANDU)
    c = run(knowledge, profile)[gd_tier("C")]
    assert c.status is ELIGIBLE and "crit:gd-c-1" in criterion_ids(c.matched)

    second = AwardHolding(YN_PROGRESS, "云南省科学技术进步奖", "二等奖", 3)
    results = run(
        knowledge, TalentProfile(awards=(second,), age=50, employment=Employment.FULL_TIME, region_id=GUANDU)
    )
    assert results[gd_tier("D")].status is ELIGIBLE
    assert gd_tier("C") not in results


# --- conditions the profile cannot decide ----------------------------------------------------------


def test_catch_all_is_never_matched_and_says_the_office_may_recognise_it(knowledge):
    profile = TalentProfile(age=45, employment=Employment.FULL_TIME, region_id=GUANDU)
    a = run(knowledge, profile, include_ineligible=True)[gd_tier("A")]
    assert a.status is INELIGIBLE
    assert "crit:gd-a-8" not in criterion_ids(a.matched)
    assert "crit:gd-a-8" in criterion_ids(a.pending)
    assert "主管部门" in a.explanation and "其他相当于上述层次的国际顶尖人才" in a.explanation


def test_a_salary_threshold_is_asked_for_and_decides_and_tax_is_left_to_review(knowledge):
    profile = TalentProfile(age=45, employment=Employment.FULL_TIME, region_id=GUANDU)
    results = run(knowledge, profile, include_ineligible=True)
    assert results[gd_tier("C")].status is NEEDS_INFO
    assert results[gd_tier("C")].missing == ["annualSalary"]
    d = results[gd_tier("D")]
    assert "crit:gd-d-6" in criterion_ids(d.pending)  # 纳税额: proven by tax receipts, not a profile field
    assert d.missing == []
    assert gd_tier("C") not in run(knowledge, profile)  # not within reach: nothing the person holds matched

    # 年薪 above 200万元 meets what can be read; the 法定代表人/CEO role is for the office to confirm.
    paid = TalentProfile(age=45, employment=Employment.FULL_TIME, region_id=GUANDU, annual_salary=250 * 10_000)
    c = run(knowledge, paid)[gd_tier("C")]
    assert c.status is NEEDS_INFO and c.missing == []
    assert "crit:gd-c-9" in criterion_ids(c.pending) and "crit:gd-c-9" not in criterion_ids(c.matched)
    assert "初步符合" in c.explanation and "另需主管部门审核确认“在符合我区重点产业发展方向的企业中担任法定代表人" in c.explanation
    low = TalentProfile(age=45, employment=Employment.FULL_TIME, region_id=GUANDU, annual_salary=150 * 10_000)
    assert gd_tier("C") not in run(knowledge, low)
    assert "crit:gd-c-9" in criterion_ids(run(knowledge, low, include_ineligible=True)[gd_tier("C")].unmet)


def test_employment_mode_decides_or_is_asked_for(knowledge):
    first = AwardHolding(YN_PROGRESS, "云南省科学技术进步奖", "一等奖", 1)
    unknown = run(knowledge, TalentProfile(awards=(first,), age=50, region_id=GUANDU))[gd_tier("C")]
    assert unknown.status is NEEDS_INFO and unknown.missing == ["employment"]
    flexible = TalentProfile(awards=(first,), age=50, employment=Employment.FLEXIBLE, region_id=GUANDU)
    assert run(knowledge, flexible)[gd_tier("C")].status is INELIGIBLE  # 在官渡区全职工作
    # B accepts 全职 or 柔性: no need to ask
    assert run(knowledge, jieqing(50))[gd_tier("B")].missing == []


def test_degree_or_rank_criterion_is_met_by_either(knowledge):
    region = "region:km-dongchuan"
    by_rank = TalentProfile(
        professional_rank=ProfessionalRank.ASSOCIATE_SENIOR, employment=Employment.FLEXIBLE, region_id=region
    )
    assert run(knowledge, by_rank)[DC_FLEX].status is ELIGIBLE
    by_degree = TalentProfile(degree=Degree.DOCTORATE, employment=Employment.FLEXIBLE, region_id=region)
    assert run(knowledge, by_degree)[DC_FLEX].status is ELIGIBLE
    neither = TalentProfile(
        degree=Degree.MASTER,
        professional_rank=ProfessionalRank.INTERMEDIATE,
        employment=Employment.FLEXIBLE,
        region_id=region,
    )
    assert run(knowledge, neither, include_ineligible=True)[DC_FLEX].status is INELIGIBLE
    rank_unknown = TalentProfile(degree=Degree.MASTER, employment=Employment.FLEXIBLE, region_id=region)
    flex = run(knowledge, rank_unknown, include_ineligible=True)[DC_FLEX]
    assert flex.status is NEEDS_INFO  # 硕士 is not enough, but 副高 would be
    assert flex.missing == ["professionalRank"]


def test_tier_of_basic_conditions_only_is_eligible_when_they_all_hold(knowledge):
    graduate = TalentProfile(age=30, degree=Degree.MASTER, employment=Employment.FULL_TIME, region_id=GUANDU)
    e = run(knowledge, graduate)[gd_tier("E")]
    assert e.status is ELIGIBLE
    assert "由主管部门审核认定" in e.explanation  # 单位推荐 and “双一流” are for the office to verify
    older = run(knowledge, TalentProfile(age=45, degree=Degree.MASTER, region_id=GUANDU))[gd_tier("E")]
    assert older.status is NEEDS_INFO and "超过该条一般在40周岁以下的要求" in older.explanation
    # Above a usual age limit and nothing else known: not within reach.
    assert gd_tier("E") not in run(knowledge, TalentProfile(age=45, region_id=GUANDU))


def test_exclusion_by_title(knowledge):
    academician = TalentProfile(
        title_ids=(CAS,), age=50, employment=Employment.FULL_TIME, region_id="region:sz-nanshan"
    )
    sz = run(knowledge, academician, include_ineligible=True)[SZ_TIER]
    assert sz.status is INELIGIBLE
    assert "crit:sz-x" in criterion_ids(sz.unmet)
    assert "属于" in sz.explanation and "第七条" in sz.explanation


# --- region -------------------------------------------------------------------------------------


def test_programs_of_other_regions_are_left_out_or_said_not_to_apply(knowledge):
    profile = jieqing(50, employment=Employment.FULL_TIME)
    assert SZ_TIER not in run(knowledge, profile)
    sz = run(knowledge, profile, include_ineligible=True)[SZ_TIER]
    assert sz.status is INELIGIBLE and not sz.applicable
    assert sz.explanation == "不适用：该计划仅适用于深圳市。"


def test_programs_of_enclosing_regions_apply(knowledge):
    # 官渡区 ⊂ 昆明市 ⊂ 云南省: the provincial program applies; 西山区's does not
    results = run(knowledge, winner(rank=2), include_ineligible=True)
    assert results[YN_HLT_TIER].applicable
    assert not results[xs_tier(1)].applicable


def test_unknown_region_is_asked_for(knowledge):
    profile = jieqing(50, region_id=None, region_name="火星区")
    b = run(knowledge, profile)[gd_tier("B")]
    assert b.status is NEEDS_INFO
    assert b.missing == ["region"]
    assert "“火星区”未能识别" in b.explanation


def test_national_programs_apply_everywhere():
    program = Program("prog:nat", "国家某人才计划", "nat-policy", "nat-policy/art_1", Level.NATIONAL, None)
    tier = Tier("tier:nat", "prog:nat", "ONE", "入选者", 1, "nat-policy/art_2", Level.NATIONAL)
    criterion = Criterion(
        "crit:nat",
        "tier:nat",
        CriterionRole.CORE,
        CriterionKind.TITLE,
        "杰青",
        "nat-policy/art_3",
        title_ids=(NSFC_YOUNG,),
    )
    knowledge = Knowledge(programs=[program], tiers=[tier], criteria=[criterion])
    for region in ("region:sz-nanshan", "region:km-guandu"):
        assert run(knowledge, jieqing(50, region_id=region))["tier:nat"].status is ELIGIBLE


# --- result shape ---------------------------------------------------------------------------------


def test_team_tiers_are_assessed_only_when_asked(knowledge):
    profile = winner(rank=2)
    assert YN_TEAM_TIER not in run(knowledge, profile, include_ineligible=True)
    assert gd_tier("TEAM") not in run(knowledge, profile, include_ineligible=True)
    assert YN_TEAM_TIER in run(knowledge, profile, include_ineligible=True, include_team=True)


def test_results_are_ordered_by_status_then_level_then_rank(knowledge):
    results = assess(
        winner(rank=2), knowledge, relations(), default_regions(), include_ineligible=True, as_of_year=2024
    )
    order = {ELIGIBLE: 0, NEEDS_INFO: 1, INELIGIBLE: 2}
    statuses = [order[a.status] for a in results]
    assert statuses == sorted(statuses)
    eligible = [a for a in results if a.status is ELIGIBLE]
    assert eligible[0].tier.id == gd_tier("B")
    needs = [a.tier.id for a in results if a.status is NEEDS_INFO]
    assert needs[0] == YN_HLT_TIER  # provincial before district


def test_unseen_policy_with_its_own_rank_limits():
    knowledge = all_knowledge()
    award = AwardHolding(YN_PROGRESS, "云南省科学技术进步奖", "二等奖", 4)
    profile = TalentProfile(
        awards=(award,),
        age=44,
        degree=Degree.MASTER,
        employment=Employment.FULL_TIME,
        region_id="region:km-xishan",
    )
    results = run(knowledge, profile, include_ineligible=True)
    assert results[xs_tier(2)].status is ELIGIBLE  # 一、二等奖（排名前五位）
    assert results[xs_tier(3)].status is INELIGIBLE  # 三等奖以上（排名前三位）: rank 4
    assert results[xs_tier(1)].status is INELIGIBLE  # national award needed
    assert "《西山区高层次人才分类认定及支持办法（试行）》" in results[xs_tier(2)].explanation
    assert not results[gd_tier("D")].applicable


def test_bad_profile_values_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="age"):
        TalentProfile(age=-3)
    with pytest.raises(ValueError, match="rank"):
        AwardHolding(NAT_PROGRESS, "国家科学技术进步奖", "二等奖", 0)
    with pytest.raises(ValueError, match="house price"):
        TalentProfile(house_price=0)


def test_every_assessment_cites_its_tier_and_what_it_relied_on(knowledge):
    for assessment in assess(
        jieqing(56), knowledge, relations(), default_regions(), include_ineligible=True, as_of_year=2024
    ):
        assert assessment.tier.cited_in in assessment.citations
        for criterion in assessment.matched + assessment.unmet:
            if assessment.applicable:
                assert criterion.cited_in in assessment.citations, (assessment.tier.id, criterion.id)
    assert YN_HLT_POLICY in run(knowledge, jieqing(56))[YN_HLT_TIER].explanation


def test_tier_whose_core_conditions_only_the_office_can_judge_is_left_to_review(knowledge):
    # 深圳 第六条: 主持过国家级重大科研任务… — achievements a profile cannot state
    profile = TalentProfile(age=50, employment=Employment.FULL_TIME, region_id="region:sz-nanshan")
    assert SZ_TIER not in run(knowledge, profile)
    sz = run(knowledge, profile, include_ineligible=True)[SZ_TIER]
    assert sz.status is NEEDS_INFO
    assert sz.missing == []
    assert "由主管部门审核认定" in sz.explanation and "第六条第（一）项" in sz.explanation


def test_a_policy_named_twice_is_then_called_by_its_short_name(knowledge):
    explanation = run(knowledge, winner(rank=2))[gd_tier("B")].explanation
    assert explanation.count("（以下简称《办法》）") == 1
    assert "《办法》附件《官渡高层次人才（团队）分类认定目录》二、B类" in explanation


def test_a_doctorate_relaxation_is_decided_by_the_degree():
    # 年龄一般在35周岁以下（具有博士学位的放宽至40周岁）
    from graphapi.domain.model import Relaxation

    program = Program("program:x", "某区青年人才", "x-2024", "x-2024/art_3", Level.DISTRICT, "官渡区")
    tier = Tier("program:x/A", "program:x", "A", "青年人才", 1, "x-2024/art_3")
    criteria = [
        Criterion("program:x/A#c01", tier.id, CriterionRole.CORE, CriterionKind.TITLE, "杰青", "x-2024/art_3",
                  title_ids=(NSFC_YOUNG,)),
        Criterion("program:x/A#c02", tier.id, CriterionRole.BASIC, CriterionKind.AGE, "35周岁以下", "x-2024/art_3",
                  max_age=35),
    ]
    relaxation = Relaxation("program:x/A#r01", tier.id, "具有博士学位的放宽至40周岁", "x-2024/art_3",
                            "DOCTORATE", age_years=5)
    knowledge = Knowledge(programs=[program], tiers=[tier], criteria=criteria, relaxations=[relaxation])

    def status(**fields):
        profile = TalentProfile(title_ids=(NSFC_YOUNG,), age=38, region_id=GUANDU, **fields)
        (result,) = assess(profile, knowledge, relations(), default_regions(), include_ineligible=True)
        return result

    assert status(degree=Degree.DOCTORATE).status is ELIGIBLE
    assert status(degree=Degree.MASTER).status is INELIGIBLE
    unknown = status()
    assert unknown.status is NEEDS_INFO and unknown.missing == ["degree"]


# --- readings that cover part of a condition, limits per mode or gender, wider regions ----------

_POLICY, _ART = "y-2025", "y-2025/art_4"
_PROGRAM = Program("program:y", "某区拔尖人才", _POLICY, _ART, Level.DISTRICT, "官渡区")
_TIER = Tier("program:y/A", "program:y", "A", "拔尖人才", 1, _ART)


def _one_tier(*criteria: Criterion) -> Knowledge:
    return Knowledge(programs=[_PROGRAM], tiers=[_TIER], criteria=list(criteria))


def _criterion(n: int, role: CriterionRole, kind: CriterionKind, text: str, **reading) -> Criterion:
    return Criterion(f"program:y/A#c{n:02d}", _TIER.id, role, kind, text, f"{_ART}__item_{n}", **reading)


def _assess(knowledge: Knowledge, **fields) -> TierAssessment | None:
    profile = TalentProfile(**{"region_id": GUANDU, **fields})
    found = assess(profile, knowledge, relations(), default_regions(), as_of_year=2025)
    return found[0] if found else None


def test_a_compound_condition_read_in_part_is_never_met_on_that_part_alone():
    """取得正高级职称并在相应行业担任骨干职务: 正高 is read, the post is not."""
    core = _criterion(
        1, CriterionRole.CORE, CriterionKind.PROFESSIONAL_RANK, "取得正高级职称并在相应行业担任骨干职务",
        min_professional_rank=ProfessionalRank.SENIOR, unread=("在相应行业担任骨干职务",),
    )
    knowledge = _one_tier(core)
    senior = _assess(knowledge, professional_rank=ProfessionalRank.SENIOR)
    assert senior is not None  # within reach: what can be read is met
    assert senior.status is NEEDS_INFO and senior.missing == []
    assert senior.matched == [] and senior.pending == [core]
    assert "初步符合" in senior.explanation and "另需主管部门审核确认“在相应行业担任骨干职务”" in senior.explanation
    assert _assess(knowledge, professional_rank=ProfessionalRank.ASSOCIATE_SENIOR) is None  # the read part fails
    # The same condition fully read is met outright.
    full = _one_tier(replace(core, unread=()))
    assert _assess(full, professional_rank=ProfessionalRank.SENIOR).status is ELIGIBLE


def test_a_basic_condition_read_in_part_keeps_the_tier_from_eligible():
    knowledge = _one_tier(
        _criterion(1, CriterionRole.CORE, CriterionKind.TITLE, "国家杰出青年科学基金获得者", title_ids=(NSFC_YOUNG,)),
        _criterion(
            2, CriterionRole.BASIC, CriterionKind.DEGREE, "取得博士学位后有2年以上科研工作经历",
            min_degree=Degree.DOCTORATE, unread=("取得博士学位后有2年以上科研工作经历",),
        ),
    )
    result = _assess(knowledge, title_ids=(NSFC_YOUNG,), degree=Degree.DOCTORATE)
    assert result.status is NEEDS_INFO and result.missing == []
    assert "2年以上科研工作经历" in result.explanation
    assert _assess(knowledge, title_ids=(NSFC_YOUNG,), degree=Degree.MASTER).status is INELIGIBLE  # decided


def test_age_limits_per_employment_mode_decide_when_the_mode_is_known_or_does_not_matter():
    """刚性引进团队带头人年龄一般在50周岁以下、柔性引进的65周岁以下."""
    from graphapi.domain.model import AgeLimit

    knowledge = _one_tier(
        _criterion(1, CriterionRole.CORE, CriterionKind.TITLE, "两院院士", title_ids=("title-class:academician",)),
        _criterion(
            2, CriterionRole.BASIC, CriterionKind.AGE, "刚性引进的50周岁以下、柔性引进的65周岁以下", max_age=65,
            age_limits=(AgeLimit(50, employment=Employment.FULL_TIME), AgeLimit(65, employment=Employment.FLEXIBLE)),
        ),
    )
    held = dict(title_ids=(CAS,))
    assert _assess(knowledge, age=58, employment=Employment.FLEXIBLE, **held).status is ELIGIBLE
    assert _assess(knowledge, age=58, employment=Employment.FULL_TIME, **held) is not None
    full_time = assess(
        TalentProfile(age=58, employment=Employment.FULL_TIME, region_id=GUANDU, **held),
        knowledge, relations(), default_regions(), include_ineligible=True,
    )[0]
    assert full_time.status is INELIGIBLE and "超过50周岁的限制" in full_time.explanation
    unknown = _assess(knowledge, age=58, **held)
    assert unknown.status is NEEDS_INFO and unknown.missing == ["employment"]
    assert "全职（刚性）引进的50周岁以下、柔性引进的65周岁以下" in unknown.explanation
    assert _assess(knowledge, age=45, **held).status is ELIGIBLE  # within every limit: no need to ask


def test_age_limits_per_gender_ask_for_the_gender_only_when_it_decides():
    """招募男63周岁、女58周岁以下退休名师."""
    from graphapi.domain.model import AgeLimit, Gender

    knowledge = _one_tier(
        _criterion(1, CriterionRole.CORE, CriterionKind.PROFESSIONAL_RANK, "退休名师（正高级职称）",
                   min_professional_rank=ProfessionalRank.SENIOR),
        _criterion(2, CriterionRole.BASIC, CriterionKind.AGE, "男63周岁、女58周岁以下", max_age=63,
                   age_limits=(AgeLimit(63, gender=Gender.MALE), AgeLimit(58, gender=Gender.FEMALE))),
    )
    senior = dict(professional_rank=ProfessionalRank.SENIOR)
    assert _assess(knowledge, age=60, gender=Gender.MALE, **senior).status is ELIGIBLE
    assert _assess(knowledge, age=57, **senior).status is ELIGIBLE
    asked = _assess(knowledge, age=60, **senior)
    assert asked.status is NEEDS_INFO and asked.missing == ["gender"]


def test_a_wider_region_than_the_programs_is_asked_about_not_refused():
    knowledge = _one_tier(
        _criterion(1, CriterionRole.CORE, CriterionKind.TITLE, "国家杰出青年科学基金获得者", title_ids=(NSFC_YOUNG,)),
    )
    kunming = default_regions().find("昆明市")
    result = _assess(knowledge, title_ids=(NSFC_YOUNG,), region_id=kunming.id, region_name="昆明市")
    assert result.status is NEEDS_INFO and result.missing == ["region"]
    assert "所填工作地区“昆明市”范围大于官渡区" in result.explanation
    shenzhen = default_regions().find("深圳市")
    (elsewhere,) = assess(
        TalentProfile(title_ids=(NSFC_YOUNG,), region_id=shenzhen.id), knowledge, relations(), default_regions(),
        include_ineligible=True,
    )
    assert elsewhere.status is INELIGIBLE and not elsewhere.applicable
    assert elsewhere.matched == [] and elsewhere.unmet == []  # nothing is met where the program does not apply


def test_meeting_only_the_employment_mode_does_not_bring_a_tier_within_reach():
    knowledge = _one_tier(
        _criterion(1, CriterionRole.BASIC, CriterionKind.EMPLOYMENT, "在官渡区全职工作", employment=(Employment.FULL_TIME,)),
        _criterion(2, CriterionRole.BASIC, CriterionKind.DEGREE, "具有博士学位", min_degree=Degree.DOCTORATE),
    )
    assert _assess(knowledge, employment=Employment.FULL_TIME) is None
    assert _assess(knowledge, employment=Employment.FULL_TIME, degree=Degree.DOCTORATE).status is ELIGIBLE


def test_another_way_the_reading_does_not_capture_keeps_a_failed_condition_open():
    """具有中级或执业医师资格: read as 中级职称; a doctor with a licence but 初级职称 may still qualify."""
    basic = _criterion(
        1, CriterionRole.BASIC, CriterionKind.PROFESSIONAL_RANK, "具有中级或执业医师资格",
        min_professional_rank=ProfessionalRank.INTERMEDIATE, unread_alternatives=("或执业医师资格",),
    )
    core = _criterion(2, CriterionRole.CORE, CriterionKind.DEGREE, "具有硕士学位", min_degree=Degree.MASTER)
    knowledge = _one_tier(basic, core)
    junior = _assess(knowledge, degree=Degree.MASTER, professional_rank=ProfessionalRank.JUNIOR)
    assert junior.status is NEEDS_INFO and junior.missing == []
    assert junior.unmet == [] and basic in junior.pending
    assert "但该条也可凭“执业医师资格”符合，需主管部门审核确认" in junior.explanation
    # Met as read, the other way does not matter.
    assert _assess(knowledge, degree=Degree.MASTER, professional_rank=ProfessionalRank.INTERMEDIATE).status is ELIGIBLE
    # As a core criterion failed as read it brings nothing within reach.
    only_core = _one_tier(replace(basic, role=CriterionRole.CORE))
    assert _assess(only_core, professional_rank=ProfessionalRank.JUNIOR) is None
