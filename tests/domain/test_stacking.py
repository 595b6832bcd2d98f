"""Duplicate enjoyment: each stacking rule kind, uncovered pairs, rule conflicts, bad input, scale."""

from __future__ import annotations

import pytest

from graphapi.domain.knowledge import Knowledge
from graphapi.domain.model import (
    Benefit,
    BenefitKind,
    Facts,
    Level,
    Period,
    Program,
    StackingKind,
    StackingRule,
    Tier,
)
from graphapi.domain.profile import Claim
from graphapi.domain.regions import default_regions
from graphapi.domain.stacking import (
    MAX_CLAIMS_PER_PERSON,
    Conflict,
    DuplicateReport,
    InvalidClaims,
    UncoveredPair,
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
    benefit_id: str,
    kind: BenefitKind,
    amount: float,
    level: Level,
    region: str | None,
    name: str,
    *,
    period: Period = Period.ONE_OFF,
    rules: tuple[StackingRule, ...] = (),
) -> Facts:
    program_id, tier_id = f"prog:{benefit_id}", f"tier:{benefit_id}"
    benefit_names = {
        BenefitKind.SELECTION_BONUS: "奖励",
        BenefitKind.POST_ALLOWANCE: "岗位补贴",
        BenefitKind.LIVING_ALLOWANCE: "生活补贴",
    }
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
                name + benefit_names.get(kind, "培养经费"),
                "",
                f"policy:{benefit_id}/art_3",
                amount_max=amount,
                period=period,
            )
        ],
        stacking_rules=list(rules),
    )


NATIONAL_BONUS = "benefit:national-bonus"  # a national key talent program's 入选奖励
KUNMING_BONUS = "benefit:kunming-bonus"  # 昆明市 (municipal, encloses 官渡区)
SHENZHEN_BONUS = "benefit:shenzhen-bonus"  # 深圳市 (municipal, not 官渡区's line)
NANSHAN_TRAINING = "benefit:nanshan-training"  # 深圳市南山区 人才培养资助 (inside 深圳)
KUNMING_TRAINING = "benefit:kunming-training"  # 昆明市 人才培养资助 (not inside 深圳)
YUNNAN_POST = "benefit:yunnan-post"  # a provincial program's yearly 岗位补贴 (西山区's line)
NATIONAL_LIVING = "benefit:national-living"  # a national program that says local benefits stack


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
        _program_with(
            YUNNAN_POST,
            BenefitKind.POST_ALLOWANCE,
            8 * WAN,
            Level.PROVINCIAL,
            "云南省",
            "云南省产业人才专项",
            period=Period.YEARLY,
        ),
        _program_with(
            NATIONAL_LIVING,
            BenefitKind.LIVING_ALLOWANCE,
            150 * WAN,
            Level.NATIONAL,
            None,
            "国家青年人才计划",
            rules=(
                StackingRule(
                    "rule:national-stackable",
                    StackingKind.STACKABLE,
                    "入选者可同时享受地方人才政策待遇",
                    f"policy:{NATIONAL_LIVING}/art_9",
                    f"policy:{NATIONAL_LIVING}",
                    governs=(f"prog:{NATIONAL_LIVING}",),
                ),
            ),
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


def test_the_specific_rule_prevails_over_the_general_one_of_the_same_policy(knowledge):
    # 第十一条（五） names the 培育奖励; 第十三条 (other policies' benefits may be enjoyed too) names
    # the whole program: 特别规定优于一般规定, so the lower reward is set aside and no conflict remains.
    report = run(knowledge, Claim("李四", gd_benefit("bonus", "B")), Claim("李四", NATIONAL_BONUS))
    [highest] = report.conflicts
    assert highest.rule.kind is StackingKind.HIGHEST_ONLY and not highest.disputed
    assert [r.id for r in highest.prevails_over] == ["rule:gd-stackable"]
    assert "第十三条关于可同时享受其他待遇的规定属一般规定" in highest.explanation
    assert "特别规定优于一般规定" in highest.explanation
    assert report.rule_conflicts == [] and report.uncovered == []


def test_rules_of_different_policies_that_disagree_are_reported_not_resolved(knowledge):
    # 官渡 keeps the higher of its 培育奖励 and another program's one-off award; the national
    # program says its awards stack with local ones. Policies of different issuers are not ranked.
    report = run(knowledge, Claim("李四", gd_benefit("bonus", "B")), Claim("李四", NATIONAL_LIVING))
    [disagreement] = report.rule_conflicts
    assert {r.id for r in disagreement.rules} == {"rule:gd-highest", "rule:national-stackable"}
    assert "第十一条第（五）项规定不重复享受" in disagreement.explanation
    assert "请由主管部门裁定" in disagreement.explanation
    [highest] = [c for c in report.conflicts if c.rule.kind is StackingKind.HIGHEST_ONLY]
    assert highest.disputed and highest.kept.benefit_id == NATIONAL_LIVING
    assert [r.id for r in highest.prevails_over] == ["rule:gd-stackable"]  # 官渡's own general rule
    [allowed] = [c for c in report.conflicts if c.verdict is Verdict.ALLOWED]
    assert allowed.rule.id == "rule:national-stackable"


def test_guandu_selection_bonus_and_the_yunnan_one_off_allowance_are_not_both_paid(knowledge):
    # The case 第十一条（五） is about: also selected into 云南省“千人计划” (a provincial key
    # talent program), whose one-off 工作生活补贴 is the award for that selection.
    report = run(knowledge, Claim("钱七", gd_benefit("bonus", "B")), Claim("钱七", "benefit:yn-hlt-living"))
    [highest] = report.conflicts
    assert highest.verdict is Verdict.SET_ASIDE
    assert highest.kept.benefit_id == "benefit:yn-hlt-living"  # 100万 > 20万
    assert ids(highest.set_aside) == [gd_benefit("bonus", "B")]
    assert "从高从优不重复享受" in highest.explanation and "第十一条第（五）项" in highest.explanation
    assert report.rule_conflicts == [] and report.uncovered == []


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


def test_highest_only_in_an_unseen_policy_compares_the_programs_of_its_scope(knowledge):
    # 同时入选省级、市级人才计划的，岗位补贴从高享受: 西山's 岗位补贴 against a provincial one
    report = run(knowledge, Claim("孙八", "benefit:xs-post-1"), Claim("孙八", YUNNAN_POST))
    [highest] = [c for c in report.conflicts if c.rule.kind is StackingKind.HIGHEST_ONLY]
    assert highest.kept.benefit_id == "benefit:xs-post-1"  # 每年10万元 × 3年 > 每年8万元
    assert ids(highest.set_aside) == [YUNNAN_POST]
    assert "《西山区高层次人才分类认定及支持办法（试行）》第十一条第一款" in highest.explanation
    assert report.uncovered == []


def test_highest_only_with_a_scope_leaves_one_programs_tiers_to_the_top_up(knowledge):
    # 西山 第十一条: 同时入选… is about other programs; 晋升层次的，按差额补发 is about its own tiers
    report = run(knowledge, Claim("孙八", "benefit:xs-post-3"), Claim("孙八", "benefit:xs-post-1"))
    [top_up] = report.conflicts
    assert top_up.verdict is Verdict.TOP_UP and top_up.rule.id == "rule:xs-topup"
    assert top_up.difference == 24 * WAN  # 30万 − 6万
    assert report.rule_conflicts == []


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
        knowledge, Claim("李四", gd_benefit("bonus", "C"), 5 * WAN), Claim("李四", gd_benefit("bonus", "B"), 4 * WAN)
    )
    [top_up] = [c for c in report.conflicts if c.verdict is Verdict.TOP_UP]
    assert top_up.difference == 0
    assert "无需补差" in top_up.explanation


def test_moving_up_within_guandu_is_a_top_up_not_highest_only(knowledge):
    # A and C 培育奖励 of one program: 第十二条 补差发放; 第十一条（五） is about other programs
    report = run(knowledge, Claim("王五", gd_benefit("bonus", "C")), Claim("王五", gd_benefit("bonus", "A")))
    [top_up] = report.conflicts
    assert top_up.verdict is Verdict.TOP_UP and top_up.kept.benefit_id == gd_benefit("bonus", "A")
    assert top_up.difference == 45 * WAN
    assert report.rule_conflicts == [] and report.uncovered == []


# --- STACKABLE and uncovered pairs ------------------------------------------------------------------


def test_stackable_reports_the_pair_as_allowed(knowledge):
    # project money is not the same treatment as a 培育奖励: 第十三条 lets both be enjoyed
    report = run(knowledge, Claim("钱七", gd_benefit("bonus", "B")), Claim("钱七", "benefit:yn-hlt-project"))
    [allowed] = report.conflicts
    assert allowed.verdict is Verdict.ALLOWED and allowed.kept is None and allowed.set_aside == ()
    assert set(ids(allowed.claims)) == {gd_benefit("bonus", "B"), "benefit:yn-hlt-project"}
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


# --- rules that disagree ----------------------------------------------------------------------


def _chenggong(*rules: StackingRule) -> Knowledge:
    """A district policy written for these tests (呈贡区, not in the corpus): two tiers, each with
    a yearly 岗位补贴, and the rules given."""
    policy, program = "cg-2025-talent", "prog:cg-talent"
    facts = Facts(
        programs=[Program(program, "呈贡区高层次人才", policy, f"{policy}/art_2", Level.DISTRICT, "呈贡区")],
        tiers=[
            Tier(f"tier:cg-{n}", program, f"L{n}", name, n, f"{policy}/art_3", Level.DISTRICT)
            for n, name in ((1, "第一层次"), (2, "第二层次"))
        ],
        benefits=[
            Benefit(
                f"benefit:cg-post-{n}",
                f"tier:cg-{n}",
                BenefitKind.POST_ALLOWANCE,
                "岗位补贴",
                "第一、二层次人才分别给予每年12万元、6万元岗位补贴",
                f"{policy}/art_6",
                amount_max=amount * WAN,
                period=Period.YEARLY,
                years=2,
            )
            for n, amount in ((1, 12), (2, 6))
        ],
        stacking_rules=list(rules),
    )
    return Knowledge.from_facts(facts)


def _cg_rule(rule_id: str, kind: StackingKind, text: str, article: int, governs: tuple[str, ...]) -> StackingRule:
    return StackingRule(rule_id, kind, text, f"cg-2025-talent/art_{article}", "cg-2025-talent", governs=governs)


CG_POSTS = ("benefit:cg-post-1", "benefit:cg-post-2")


def test_a_restriction_against_a_top_up_on_the_same_pair_is_reported():
    knowledge = _chenggong(
        _cg_rule("rule:cg-highest", StackingKind.HIGHEST_ONLY, "岗位补贴从高享受，不重复发放", 7, CG_POSTS),
        _cg_rule("rule:cg-topup", StackingKind.TOP_UP, "晋升层次的，按差额补发", 8, ("prog:cg-talent",)),
    )
    report = run(knowledge, Claim("郑一", "benefit:cg-post-2"), Claim("郑一", "benefit:cg-post-1"))
    [disagreement] = report.rule_conflicts
    assert {r.id for r in disagreement.rules} == {"rule:cg-highest", "rule:cg-topup"}
    assert "规定不重复享受" in disagreement.explanation and "规定补差发放" in disagreement.explanation
    by_kind = {c.verdict: c for c in report.conflicts}
    assert set(by_kind) == {Verdict.SET_ASIDE, Verdict.TOP_UP}
    assert all(c.disputed for c in report.conflicts)
    assert "需由主管部门裁定" in by_kind[Verdict.TOP_UP].explanation
    assert by_kind[Verdict.TOP_UP].difference == 12 * WAN  # 24万 − 12万


def test_a_specific_allowance_prevails_over_a_general_restriction_of_the_same_policy():
    knowledge = _chenggong(
        _cg_rule("rule:cg-highest", StackingKind.HIGHEST_ONLY, "本办法待遇从高享受，不重复发放", 7, ("prog:cg-talent",)),
        _cg_rule("rule:cg-both", StackingKind.STACKABLE, "第一、二层次岗位补贴可同时享受", 9, CG_POSTS),
    )
    report = run(knowledge, Claim("郑一", "benefit:cg-post-2"), Claim("郑一", "benefit:cg-post-1"))
    [allowed] = report.conflicts
    assert allowed.verdict is Verdict.ALLOWED
    assert [r.id for r in allowed.prevails_over] == ["rule:cg-highest"]
    assert "关于不重复享受的规定属一般规定" in allowed.explanation
    assert report.rule_conflicts == []


def test_equally_specific_rules_of_one_policy_that_disagree_are_reported():
    knowledge = _chenggong(
        _cg_rule("rule:cg-highest", StackingKind.HIGHEST_ONLY, "岗位补贴从高享受，不重复发放", 7, CG_POSTS),
        _cg_rule("rule:cg-both", StackingKind.STACKABLE, "第一、二层次岗位补贴可同时享受", 9, CG_POSTS),
    )
    report = run(knowledge, Claim("郑一", "benefit:cg-post-2"), Claim("郑一", "benefit:cg-post-1"))
    [disagreement] = report.rule_conflicts
    assert {r.id for r in disagreement.rules} == {"rule:cg-highest", "rule:cg-both"}
    [restricting] = [c for c in report.conflicts if c.verdict is Verdict.SET_ASIDE]
    assert restricting.disputed and restricting.prevails_over == ()


# --- amounts above the cap ----------------------------------------------------------------------


def test_a_claim_above_the_cap_is_reported_and_compared_at_the_cap(knowledge):
    report = run(
        knowledge,
        Claim("张三", gd_benefit("housing", "A"), 9000 * WAN),
        Claim("李四", gd_benefit("bonus", "C"), 30 * WAN),
        Claim("李四", gd_benefit("bonus", "B")),
    )
    housing, bonus = report.over_cap
    assert housing.person == "张三" and housing.cap == 800 * WAN and housing.excess == 8200 * WAN
    assert not housing.per_year
    assert "A类" in housing.explanation  # the benefit is named with its tier
    assert "9000万元" in housing.explanation and "最高800万元" in housing.explanation
    assert "第十一条第（一）项" in housing.explanation and "超出8200万元" in housing.explanation
    assert bonus.cap == 5 * WAN
    [top_up] = [c for c in report.conflicts if c.verdict is Verdict.TOP_UP]
    assert top_up.difference == 15 * WAN  # the 30万 asked for C counts as its 5万 cap
    assert "申报30万元，按上限5万元计" in top_up.explanation


def test_a_yearly_claim_above_one_years_amount_is_reported_as_such(knowledge):
    report = run(knowledge, Claim("张三", gd_benefit("post", "A"), 70 * WAN))
    [over] = report.over_cap
    assert over.per_year and over.cap == 35 * WAN
    assert "每年35万元" in over.explanation and "如为多年合计请核实" in over.explanation


def test_claims_within_the_cap_or_without_an_amount_are_not_reported(knowledge):
    report = run(
        knowledge,
        Claim("张三", gd_benefit("housing", "A"), 800 * WAN),
        Claim("张三", gd_benefit("post", "A")),
        Claim("张三", "benefit:yn-academician-team-funds", 1e9),  # the text states no amount
    )
    assert report.over_cap == []


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


# --- summary -------------------------------------------------------------------------------------


def _decision(person: str, verdict: Verdict, *benefit_ids: str) -> Conflict:
    """A decision keeping the first claim and setting aside the others (none when ALLOWED)."""
    claims = tuple(Claim(person, benefit_id) for benefit_id in benefit_ids)
    rule = StackingRule(f"rule:{verdict}", StackingKind.HIGHEST_ONLY, "不重复享受", "policy:p/art_1", "policy:p")
    if verdict is Verdict.ALLOWED:
        return Conflict(person, rule, verdict, claims, None, (), "", rule.cited_in)
    return Conflict(person, rule, verdict, claims, claims[0], claims[1:], "", rule.cited_in)


def test_the_summary_counts_the_whole_report():
    report = DuplicateReport(
        checked_claims=14,
        persons=6,
        conflicts=[
            _decision("丙", Verdict.ALLOWED, "b:1", "b:2"),  # allowed: neither restricts nor sets aside
            _decision("乙", Verdict.TOP_UP, "b:1", "b:2"),  # restricts, but pays the difference
            _decision("甲", Verdict.VIOLATION, "b:4", "b:5"),
            _decision("甲", Verdict.SET_ASIDE, "b:1", "b:2", "b:3"),  # two set aside
            _decision("戊", Verdict.SET_ASIDE, "b:1", "b:2"),
        ],
        uncovered=[UncoveredPair("丁", (Claim("丁", "b:1"), Claim("丁", "b:6")), ("一", "六"))],
    )
    summary = report.summary()
    assert summary.persons == 6
    assert summary.persons_with_conflicts == 3  # 甲, 乙 and 戊
    assert summary.conflicts == 5
    assert list(summary.by_verdict.items()) == [
        (Verdict.SET_ASIDE, 2),
        (Verdict.VIOLATION, 1),
        (Verdict.TOP_UP, 1),
        (Verdict.ALLOWED, 1),
    ]
    assert summary.claims_set_aside == 4  # 2 + 1 + 1: the top-up's lower claim is not set aside
    assert (summary.uncovered, summary.rule_conflicts, summary.over_cap) == (1, 0, 0)


def test_the_summary_of_a_report_without_decisions_names_no_verdict():
    summary = DuplicateReport(checked_claims=1, persons=1).summary()
    assert summary.by_verdict == {}
    assert (summary.persons_with_conflicts, summary.conflicts, summary.claims_set_aside) == (0, 0, 0)


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
        # (claims, conflicts, uncovered, rule conflicts, amounts over the cap)
        ([Claim("", gd_benefit("housing", "A"), 30 * WAN), Claim("", gd_benefit("post", "A"))], 1, 0, 0, 0),
        ([Claim("", gd_benefit("bonus", "C")), Claim("", gd_benefit("bonus", "B"))], 1, 0, 0, 0),  # TOP_UP
        ([Claim("", "benefit:yn-hlt-living", 9000 * WAN), Claim("", "benefit:dc-high-living")], 0, 1, 0, 1),
        ([Claim("", "benefit:yn-hlt-living"), Claim("", "benefit:yn-academician-team-funds")], 1, 0, 0, 0),
        # HIGHEST_ONLY (disputed) and the national STACKABLE
        ([Claim("", gd_benefit("bonus", "B")), Claim("", NATIONAL_LIVING)], 2, 0, 1, 0),
    ]
    claims: list[Claim] = []
    persons = 50_000
    for n in range(persons):
        template = patterns[n % len(patterns)][0]
        claims += [Claim(f"p{n}", c.benefit_id, c.amount) for c in template]
    assert len(claims) == 100_000

    report = check(claims, knowledge, default_regions())

    per_pattern = persons // len(patterns)
    assert report.checked_claims == 100_000 and report.persons == persons
    assert len(report.conflicts) == per_pattern * sum(p[1] for p in patterns)
    assert len(report.uncovered) == per_pattern * sum(p[2] for p in patterns)
    assert len(report.rule_conflicts) == per_pattern * sum(p[3] for p in patterns)
    assert len(report.over_cap) == per_pattern * sum(p[4] for p in patterns)
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
