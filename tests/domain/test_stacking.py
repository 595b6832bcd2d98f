"""Duplicate enjoyment: each stacking rule kind, uncovered pairs, rule conflicts, bad input, scale."""

from __future__ import annotations

import pytest

from graphapi.domain.knowledge import Knowledge
from graphapi.domain.model import (
    Benefit,
    BenefitKind,
    Facts,
    Level,
    Program,
    StackingKind,
    Tier,
)
from graphapi.domain.profile import Claim
from graphapi.domain.regions import default_regions
from graphapi.domain.stacking import (
    MAX_CLAIMS_PER_PERSON,
    InvalidClaims,
    UnknownBenefits,
    Verdict,
    check,
    read_scope,
)
from tests.domain.facts_fixtures import (
    GD_PROGRAM,
    all_knowledge,
    corpus_facts,
    gd_benefit,
    unseen_facts,
)

WAN = 10_000


def _program_with(
    benefit_id: str, kind: BenefitKind, amount: float, level: Level, region: str | None, name: str
) -> Facts:
    program_id, tier_id = f"prog:{benefit_id}", f"tier:{benefit_id}"
    return Facts(
        programs=[
            Program(program_id, name, f"policy:{benefit_id}", f"policy:{benefit_id}/art_1", level, region)
        ],
        tiers=[Tier(tier_id, program_id, "ONE", "入选者", 1, f"policy:{benefit_id}/art_2", level)],
        benefits=[
            Benefit(
                benefit_id,
                tier_id,
                kind,
                name + "奖励" if kind is BenefitKind.SELECTION_BONUS else "培养经费",
                "",
                f"policy:{benefit_id}/art_3",
                amount_max=amount,
            )
        ],
    )


NATIONAL_BONUS = "benefit:national-bonus"  # a national key talent program's 入选奖励
KUNMING_BONUS = "benefit:kunming-bonus"  # 昆明市 (municipal, encloses 官渡区)
SHENZHEN_BONUS = "benefit:shenzhen-bonus"  # 深圳市 (municipal, not 官渡区's line)
NANSHAN_TRAINING = "benefit:nanshan-training"  # 深圳市南山区 人才培养资助 (inside 深圳)
KUNMING_TRAINING = "benefit:kunming-training"  # 昆明市 人才培养资助 (not inside 深圳)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    facts, citations = corpus_facts()
    unseen, unseen_citations = unseen_facts()
    extra = [
        _program_with(
            NATIONAL_BONUS, BenefitKind.SELECTION_BONUS, 100 * WAN, Level.NATIONAL, None, "国家重点人才工程"
        ),
        _program_with(
            KUNMING_BONUS, BenefitKind.SELECTION_BONUS, 20 * WAN, Level.MUNICIPAL, "昆明市", "春城计划"
        ),
        _program_with(
            SHENZHEN_BONUS, BenefitKind.SELECTION_BONUS, 30 * WAN, Level.MUNICIPAL, "深圳市", "鹏城英才计划"
        ),
        _program_with(
            NANSHAN_TRAINING,
            BenefitKind.TRAINING_FUNDS,
            50 * WAN,
            Level.DISTRICT,
            "南山区",
            "南山区人才培养专项",
        ),
        _program_with(
            KUNMING_TRAINING,
            BenefitKind.TRAINING_FUNDS,
            50 * WAN,
            Level.MUNICIPAL,
            "昆明市",
            "昆明市人才培养专项",
        ),
    ]
    return Knowledge.from_facts(*facts, unseen, *extra, citations={**citations, **unseen_citations})


def run(knowledge: Knowledge, *claims: Claim):
    return check(list(claims), knowledge, default_regions())


def ids(claims) -> list[str]:
    return [c.benefit_id for c in claims]


# --- EXCLUSIVE ---------------------------------------------------------------------------------


def test_exclusive_keeps_the_higher_amount_and_says_so_citing_the_provision(knowledge):
    report = run(
        knowledge, Claim("张三", gd_benefit("housing", "A"), 30 * WAN), Claim("张三", gd_benefit("post", "A"))
    )
    [conflict] = report.conflicts
    assert conflict.rule.kind is StackingKind.EXCLUSIVE and conflict.verdict is Verdict.SET_ASIDE
    assert conflict.kept.benefit_id == gd_benefit("post", "A")
    assert ids(conflict.set_aside) == [gd_benefit("housing", "A")]
    assert conflict.citation == "gd-2023-talent/chp_5__art_17__item_4__subitem_1"
    assert conflict.explanation == (
        "根据《中国（云南）自由贸易试验区昆明片区（官渡区）支持高层次人才（团队）引进的实施办法（试行）》第十七条第（四）项第1目，"
        "购房津贴与岗位津贴不重复享受，保留金额较高的岗位津贴（每年35万元），购房津贴不予发放。"
    )
    assert report.uncovered == [] and report.rule_conflicts == []


def test_exclusive_uses_the_computed_amount_when_the_claim_has_none(knowledge):
    report = run(knowledge, Claim("张三", gd_benefit("housing", "A")), Claim("张三", gd_benefit("post", "A")))
    assert report.conflicts[0].kept.benefit_id == gd_benefit("housing", "A")  # 800万 > 35万 a year


def test_exclusive_does_not_compare_claims_on_the_same_side(knowledge):
    # two 岗位津贴 are not what 购房津贴与岗位津贴不重复享受 speaks of
    report = run(knowledge, Claim("张三", gd_benefit("post", "B")), Claim("张三", gd_benefit("post", "C")))
    assert all(c.rule.kind is not StackingKind.EXCLUSIVE for c in report.conflicts)


# --- HIGHEST_ONLY ------------------------------------------------------------------------------


def test_highest_only_reaches_programs_of_the_levels_in_its_scope(knowledge):
    report = run(knowledge, Claim("李四", gd_benefit("bonus", "B")), Claim("李四", NATIONAL_BONUS))
    [highest] = [c for c in report.conflicts if c.rule.kind is StackingKind.HIGHEST_ONLY]
    assert highest.kept.benefit_id == NATIONAL_BONUS  # 100万 > 20万
    assert ids(highest.set_aside) == [gd_benefit("bonus", "B")]
    assert "从高从优不重复享受" in highest.explanation and "第十一条第（五）项" in highest.explanation


def test_highest_only_and_stackable_disagree_and_it_is_reported(knowledge):
    # 第十一条（五） sets the lower 培育奖励 aside; 第十三条 says other policies may be enjoyed too.
    report = run(knowledge, Claim("李四", gd_benefit("bonus", "B")), Claim("李四", NATIONAL_BONUS))
    [disagreement] = report.rule_conflicts
    assert {r.kind for r in disagreement.rules} == {StackingKind.HIGHEST_ONLY, StackingKind.STACKABLE}
    assert "第十一条第（五）项" in disagreement.explanation and "第十三条" in disagreement.explanation
    assert "请由主管部门裁定" in disagreement.explanation
    [highest] = [c for c in report.conflicts if c.rule.kind is StackingKind.HIGHEST_ONLY]
    assert highest.disputed
    assert report.uncovered == []


def test_highest_only_decides_only_about_what_it_governs(knowledge):
    # 官渡's rule sets its own 培育奖励 aside for the national one, but does not rule on 春城计划's
    report = run(
        knowledge,
        Claim("李四", gd_benefit("bonus", "B")),
        Claim("李四", NATIONAL_BONUS),
        Claim("李四", KUNMING_BONUS),
    )
    [highest] = [c for c in report.conflicts if c.rule.kind is StackingKind.HIGHEST_ONLY]
    assert highest.kept.benefit_id == NATIONAL_BONUS
    assert ids(highest.set_aside) == [gd_benefit("bonus", "B")]
    [pair] = report.uncovered
    assert set(ids(pair.claims)) == {NATIONAL_BONUS, KUNMING_BONUS}


def test_highest_only_breaks_amount_ties_by_level(knowledge):
    report = run(
        knowledge, Claim("李四", gd_benefit("bonus", "B")), Claim("李四", KUNMING_BONUS)
    )  # 20万 each
    [highest] = [c for c in report.conflicts if c.rule.kind is StackingKind.HIGHEST_ONLY]
    assert highest.kept.benefit_id == KUNMING_BONUS  # 市级 over 区县级
    assert "金额相同、层级较高" in highest.explanation


def test_highest_only_does_not_reach_programs_outside_the_regional_line(knowledge):
    report = run(knowledge, Claim("李四", gd_benefit("bonus", "B")), Claim("李四", SHENZHEN_BONUS))
    assert report.conflicts == []
    [pair] = report.uncovered
    assert "未找到适用的不重复享受规定" in pair.explanation


def test_highest_only_in_an_unseen_policy_with_a_scope_without_national(knowledge):
    report = run(knowledge, Claim("孙八", "benefit:xs-post-1"), Claim("孙八", "benefit:xs-post-3"))
    [highest] = [c for c in report.conflicts if c.rule.kind is StackingKind.HIGHEST_ONLY]
    assert highest.kept.benefit_id == "benefit:xs-post-1"
    assert "《西山区高层次人才分类认定及支持办法（试行）》第十一条第一款" in highest.explanation


# --- NOT_AGAIN and BAR ---------------------------------------------------------------------------


def test_not_again_flags_the_benefit_already_enjoyed_elsewhere(knowledge):
    report = run(
        knowledge, Claim("赵六", "benefit:yn-hlt-living"), Claim("赵六", "benefit:yn-academician-team-funds")
    )
    [violation] = report.conflicts
    assert violation.verdict is Verdict.VIOLATION
    assert ids(violation.set_aside) == ["benefit:yn-hlt-living"]
    assert violation.kept.benefit_id == "benefit:yn-academician-team-funds"
    assert "第七条" in violation.explanation and "不予发放" in violation.explanation


def test_not_again_for_team_training_funds(knowledge):
    report = run(
        knowledge,
        Claim("某团队", "benefit:yn-team-training"),
        Claim("某团队", "benefit:yn-innovation-team-funds"),
    )
    [violation] = report.conflicts
    assert ids(violation.set_aside) == ["benefit:yn-team-training"]
    assert "团队培养经费不再重复支持" in violation.explanation


def test_not_again_without_the_earlier_benefit_is_silent(knowledge):
    assert run(knowledge, Claim("赵六", "benefit:yn-hlt-living")).conflicts == []


def test_not_again_in_an_unseen_policy(knowledge):
    report = run(knowledge, Claim("周九", "benefit:xs-home-2"), Claim("周九", "benefit:dc-high-living"))
    [violation] = report.conflicts
    assert violation.rule.id == "rule:xs-not-again"
    assert ids(violation.set_aside) == ["benefit:xs-home-2"]


def test_bar_flags_lower_level_training_funds_in_its_own_city(knowledge):
    report = run(knowledge, Claim("吴十", "benefit:sz-training"), Claim("吴十", NANSHAN_TRAINING))
    [violation] = report.conflicts
    assert violation.rule.kind is StackingKind.BAR and violation.verdict is Verdict.VIOLATION
    assert violation.kept.benefit_id == "benefit:sz-training"
    assert ids(violation.set_aside) == [NANSHAN_TRAINING]
    assert "第十六条" in violation.explanation and "不得申请" in violation.explanation


def test_bar_does_not_reach_other_cities_or_other_kinds(knowledge):
    report = run(
        knowledge,
        Claim("吴十", "benefit:sz-training"),
        Claim("吴十", KUNMING_TRAINING),
        Claim("吴十", "benefit:dc-high-living"),
    )
    assert report.conflicts == []
    assert len(report.uncovered) == 3


# --- TOP_UP --------------------------------------------------------------------------------------


def test_top_up_pays_the_difference_to_the_higher_tier(knowledge):
    report = run(knowledge, Claim("李四", gd_benefit("bonus", "C")), Claim("李四", gd_benefit("bonus", "B")))
    [top_up] = [c for c in report.conflicts if c.verdict is Verdict.TOP_UP]
    assert top_up.kept.benefit_id == gd_benefit("bonus", "B")
    assert ids(top_up.set_aside) == [gd_benefit("bonus", "C")]
    assert top_up.difference == 15 * WAN  # 20万 − 5万
    assert "补差发放15万元" in top_up.explanation and "第十二条" in top_up.explanation


def test_top_up_uses_the_amounts_claimed(knowledge):
    report = run(
        knowledge, Claim("李四", "benefit:xs-post-3", 6 * WAN), Claim("李四", "benefit:xs-post-2", 15 * WAN)
    )
    [top_up] = [c for c in report.conflicts if c.verdict is Verdict.TOP_UP]
    assert top_up.difference == 9 * WAN


def test_top_up_never_pays_a_negative_difference(knowledge):
    report = run(
        knowledge, Claim("李四", gd_benefit("bonus", "C"), 30 * WAN), Claim("李四", gd_benefit("bonus", "B"))
    )
    [top_up] = [c for c in report.conflicts if c.verdict is Verdict.TOP_UP]
    assert top_up.difference == 0
    assert "无需补差" in top_up.explanation


# --- STACKABLE and uncovered pairs ------------------------------------------------------------------


def test_stackable_reports_the_pair_as_allowed(knowledge):
    report = run(knowledge, Claim("钱七", gd_benefit("bonus", "B")), Claim("钱七", "benefit:yn-hlt-living"))
    [allowed] = report.conflicts
    assert allowed.verdict is Verdict.ALLOWED and allowed.kept is None and allowed.set_aside == ()
    assert set(ids(allowed.claims)) == {gd_benefit("bonus", "B"), "benefit:yn-hlt-living"}
    assert "可同时享受" in allowed.explanation and "第十三条" in allowed.explanation
    assert report.uncovered == []


def test_claims_under_two_programs_that_no_rule_links_are_reported_as_such(knowledge):
    report = run(knowledge, Claim("王五", "benefit:yn-hlt-living"), Claim("王五", "benefit:dc-high-living"))
    assert report.conflicts == []
    [pair] = report.uncovered
    assert pair.person == "王五"
    assert set(ids(pair.claims)) == {"benefit:yn-hlt-living", "benefit:dc-high-living"}
    assert "未找到适用的不重复享受规定" in pair.explanation


def test_benefits_of_one_tier_are_granted_together(knowledge):
    report = run(
        knowledge, Claim("张三", gd_benefit("bonus", "B")), Claim("张三", gd_benefit("project", "B"))
    )
    assert report.uncovered == [] and report.conflicts == []


def test_the_same_benefit_claimed_twice_without_a_rule_is_reported(knowledge):
    report = run(knowledge, Claim("张三", "benefit:dc-high-living"), Claim("张三", "benefit:dc-high-living"))
    [pair] = report.uncovered
    assert "重复申报" in pair.explanation


def test_claims_are_grouped_by_person(knowledge):
    report = run(knowledge, Claim("甲", gd_benefit("housing", "A")), Claim("乙", gd_benefit("post", "A")))
    assert report.conflicts == [] and report.uncovered == []
    assert report.checked_claims == 2


# --- bad input -------------------------------------------------------------------------------------


def test_unknown_benefit_ids_are_named(knowledge):
    with pytest.raises(UnknownBenefits) as error:
        run(
            knowledge,
            Claim("甲", "benefit:nope"),
            Claim("乙", "benefit:also-nope"),
            Claim("丙", "benefit:nope"),
        )
    assert error.value.ids == ["benefit:also-nope", "benefit:nope"]
    assert "benefit:also-nope" in str(error.value)


def test_negative_amounts_and_crowded_persons_are_refused(knowledge):
    with pytest.raises(InvalidClaims, match="negative"):
        run(knowledge, Claim("甲", gd_benefit("post", "A"), -1))
    crowd = [Claim("甲", gd_benefit("post", "A"))] * (MAX_CLAIMS_PER_PERSON + 1)
    with pytest.raises(InvalidClaims, match="甲"):
        check(crowd, knowledge)


# --- scope and index ---------------------------------------------------------------------------------


def test_scope_reading():
    assert read_scope("国家级、省级和市级重点人才工程和重点人才项目").levels == {
        Level.NATIONAL,
        Level.PROVINCIAL,
        Level.MUNICIPAL,
    }
    assert read_scope("国家级、省级和市级重点人才工程和重点人才项目").kinds is None
    scope = read_scope("市级及以下其他人才培养类专项资助")
    assert scope.levels == {Level.MUNICIPAL, Level.DISTRICT}
    assert scope.kinds == {BenefitKind.TRAINING_FUNDS}
    assert read_scope("省部级以上人才项目经费").levels == {
        Level.PROVINCIAL,
        Level.NATIONAL,
        Level.INTERNATIONAL,
    }
    assert read_scope("省部级以上人才项目经费").kinds == {BenefitKind.PROJECT_FUNDING}
    assert read_scope(None).levels is None and read_scope("其它政策待遇").levels is None


def test_rules_are_indexed_by_what_they_govern():
    knowledge = all_knowledge()
    assert [r.id for r in knowledge.rules_governing(gd_benefit("housing", "B"))] == ["rule:gd-housing-post"]
    assert {r.id for r in knowledge.rules_governing(GD_PROGRAM)} == {"rule:gd-topup", "rule:gd-stackable"}
    assert knowledge.rules_governing("benefit:dc-high-living") == []


# --- scale -----------------------------------------------------------------------------------------


def test_one_hundred_thousand_claims(knowledge):
    patterns = [
        # (claims, conflicts, uncovered, rule conflicts)
        ([Claim("", gd_benefit("housing", "A"), 30 * WAN), Claim("", gd_benefit("post", "A"))], 1, 0, 0),
        (
            [Claim("", gd_benefit("bonus", "C")), Claim("", gd_benefit("bonus", "B"))],
            2,
            0,
            0,
        ),  # HIGHEST_ONLY, TOP_UP
        ([Claim("", "benefit:yn-hlt-living"), Claim("", "benefit:dc-high-living")], 0, 1, 0),
        ([Claim("", "benefit:yn-hlt-living"), Claim("", "benefit:yn-academician-team-funds")], 1, 0, 0),
        (
            [Claim("", gd_benefit("bonus", "B")), Claim("", NATIONAL_BONUS)],
            2,
            0,
            1,
        ),  # HIGHEST_ONLY, STACKABLE
    ]
    claims: list[Claim] = []
    persons = 50_000
    for n in range(persons):
        template = patterns[n % len(patterns)][0]
        claims += [Claim(f"p{n}", c.benefit_id, c.amount) for c in template]
    assert len(claims) == 100_000

    report = check(claims, knowledge, default_regions())

    per_pattern = persons // len(patterns)
    assert report.checked_claims == 100_000
    assert len(report.conflicts) == per_pattern * sum(p[1] for p in patterns)
    assert len(report.uncovered) == per_pattern * sum(p[2] for p in patterns)
    assert len(report.rule_conflicts) == per_pattern * sum(p[3] for p in patterns)
    kept = {c.kept.benefit_id for c in report.conflicts if c.person == "p0"}
    assert kept == {gd_benefit("post", "A")}
    set_aside = [
        c
        for c in report.conflicts
        if c.verdict is Verdict.SET_ASIDE and c.rule.kind is StackingKind.EXCLUSIVE
    ]
    assert len(set_aside) == per_pattern and all(
        ids(c.set_aside) == [gd_benefit("housing", "A")] for c in set_aside
    )
