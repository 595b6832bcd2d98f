"""Measured extraction quality on the corpus and on texts the extractor's rules were not written
for (tests/extract/texts). `pytest tests/extract/test_quality.py -s` prints precision and recall
per fact kind; `python -m tests.extract.quality --details` lists every miss.

Floors. Each floor is a measured figure rounded down to the next 0.05: a change that loses
facts fails here. They are raised when the extractor improves and never lowered to let a
regression pass. Kinds with too few gold facts to give a stable ratio (relaxation, rule,
succession) are checked by the specific facts below instead of a ratio.

What is scored. "Optional" gold entries absorb the extracted facts that match them (counted
neither way). The corpus gold used to leave much of the output unscored that way: of what the
extractor returned, 5 of 14 programs, 23 of 39 tiers, 177 of 218 criteria and 51 of 130 benefits
were scored. The gold was tightened from the texts (services each class is granted, the
measures of 东川 for in-service staff, doctors, social workers, rural leaders, enterprises and
platforms as tiers, conduct and membership conditions, the ages of each mode and gender in one
criterion, what a reading leaves unread): now 5 of 5 programs, 41 of 41 tiers, 221 of 224
criteria and 131 of 132 benefits are scored (tests/extract/quality.py --details lists the rest).
Measured then (corpus, `pytest tests/extract/test_quality.py -s`): criterion 219/221/221
(0.99/0.99), benefit 131/131/132 (1.00/0.99), every other kind 1.00/1.00.

Programs of the unseen texts were 0.50/0.75 (宜良's 若干措施 came out as one program per
measure: the extractor named a program after each item heading). A policy of measures now sets
up one program, named by the 计划 its title names or what the title is about, with every
measure's beneficiaries as its tiers (ingest/facts/measures.py): 1.00/1.00, floored below.
"""

from __future__ import annotations

from functools import cache

import pytest

from graphapi.domain.model import HOUSE_PRICE, BenefitKind, CriterionRole, Facts, StackingKind
from tests.extract.gold import CORPUS_GOLD_DIR, UNSEEN_GOLD_DIR, Gold, load_dir
from tests.extract.quality import QualityReport, below_floors, extract, printed, run, tiers_by_key

pytest.importorskip("ingest.facts", reason="the extractor (ingest.facts) is not there yet")

WAN = 10_000

# kind -> (precision floor, recall floor); first measured figures rounded down to 0.05.
CORPUS_FLOORS = {
    "program": (1.00, 1.00),
    "tier": (0.95, 0.95),
    "criterion": (0.95, 0.95),
    "award requirement": (0.95, 0.95),
    "title requirement": (0.95, 0.95),
    "benefit": (0.95, 0.95),
    # first 0.90/0.90; raised when 官渡's 按不超过项目实际投入的50% was read as a cap (cap_basis)
    "benefit amount": (1.00, 1.00),
}
# Unseen texts: first measured far lower (classes defined one per article, 认定为第一类人才, were
# not split into tiers; an 意见's degree tiers were not read). The extractor's author then read
# these texts and closed those gaps with general rules, so they are no longer a blind measure;
# the floors are raised to the figures measured after that, to keep the gain. The held-out
# measure is tests/extract/test_heldout.py.
UNSEEN_FLOORS = {
    "program": (1.00, 1.00),  # was 0.50/0.75: one program per policy of measures, not per item
    "tier": (0.95, 0.95),
    "criterion": (0.95, 0.95),
    "award requirement": (0.95, 0.95),
    "title requirement": (0.95, 0.95),
    "benefit": (0.95, 0.95),
    "benefit amount": (0.95, 0.95),
}


@cache
def corpus() -> QualityReport:
    return run(load_dir(CORPUS_GOLD_DIR), "corpus (data/policies)")


@cache
def unseen() -> QualityReport:
    return run(load_dir(UNSEEN_GOLD_DIR), "unseen texts (tests/extract/texts)")


@cache
def _golds() -> dict[str, Gold]:
    return {g.source.name: g for g in load_dir(CORPUS_GOLD_DIR) + load_dir(UNSEEN_GOLD_DIR)}


@cache
def facts_of(name: str) -> tuple[Facts, Gold]:
    gold = _golds()[name]
    return extract(gold.source), gold


def _check_floors(report: QualityReport, floors: dict[str, tuple[float, float]]) -> None:
    low = below_floors(printed(report), floors)
    assert low == [], "below the floor:\n" + "\n".join(low) + "\n(details: python -m tests.extract.quality --details)"


def test_corpus_precision_and_recall_per_kind():
    _check_floors(corpus(), CORPUS_FLOORS)


def test_unseen_texts_precision_and_recall_per_kind():
    _check_floors(unseen(), UNSEEN_FLOORS)


# --- the facts that matter most, each on the corpus and on an unseen text --------------------


def _tier(name: str, key: str):
    facts, gold = facts_of(name)
    tiers = tiers_by_key(facts, gold)
    assert key in tiers, f"{name}: no extracted tier is {key} ({[t.name for t in facts.tiers]})"
    return facts, tiers[key]


def _award_reading(name: str, key: str, award_id: str) -> set[tuple[str, int | None]]:
    """(grade, max_rank) pairs the tier's core criteria accept for `award_id`."""
    facts, tier = _tier(name, key)
    return {
        (grade, requirement.max_rank)
        for c in facts.criteria
        if c.tier_id == tier.id and c.role is CriterionRole.CORE
        for requirement in c.awards
        if award_id in requirement.award_ids
        for grade in requirement.grades
    }


def _benefits(name: str, key: str, kinds: set[BenefitKind]):
    facts, tier = _tier(name, key)
    return [b for b in facts.benefits if b.tier_id == tier.id and b.kind in kinds]


@pytest.mark.parametrize(
    ("name", "key", "award_id", "expected"),
    [
        # 官渡 B类: 国家自然科学奖、技术发明奖、科学技术进步奖其中之一的二等奖前三名完成人
        ("001_c5b96d9a7a45bd6a.txt", "B", "award:national-sci-tech-progress", {("二等奖", 3)}),
        ("001_c5b96d9a7a45bd6a.txt", "B", "award:national-tech-invention", {("二等奖", 3)}),
        # 云南 高层次人才: 一等奖排名前六位，二等奖排名前三位
        ("004_163a54ca670e2e06.txt", "HLT", "award:national-natural-science", {("一等奖", 6), ("二等奖", 3)}),
        # 盘龙 B类: 国家科学技术进步奖二等奖排名前五位; A类: 一等奖第一完成人 / 特等奖前三名
        ("panlong_catalogue.txt", "B", "award:national-sci-tech-progress", {("二等奖", 5)}),
        ("panlong_catalogue.txt", "A", "award:national-tech-invention", {("一等奖", 1)}),
        ("panlong_catalogue.txt", "A", "award:national-sci-tech-progress", {("特等奖", 3)}),
        # 玉溪: 二等奖及以上奖项前五名
        ("yuxi_special_rules.txt", "LEADER", "award:national-tech-invention", {("特等奖", 5), ("一等奖", 5), ("二等奖", 5)}),
        # 香洲 (traditional): 國家科學技術進步獎二等獎前三名 / 廣東省科學技術獎一等獎前兩名
        ("xiangzhou_traditional.txt", "T2", "award:national-sci-tech-progress", {("二等奖", 3)}),
        ("xiangzhou_traditional.txt", "T2", "award-class:guangdong-sci-tech", {("一等奖", 2)}),
    ],
)
def test_award_conditions_keep_their_grade_and_rank(name, key, award_id, expected):
    assert _award_reading(name, key, award_id) == expected


@pytest.mark.parametrize(
    ("name", "key", "kinds", "expected"),
    [
        # 官渡 A类 购房津贴: ≤ 80% of the price, ≤ 800万元, 分5年支付、每年20%
        ("001_c5b96d9a7a45bd6a.txt", "A", {BenefitKind.HOUSING_SUBSIDY}, (800 * WAN, 0.8, 5, 0.2)),
        ("001_c5b96d9a7a45bd6a.txt", "C", {BenefitKind.HOUSING_SUBSIDY}, (150 * WAN, 0.3, 5, 0.2)),
        # 官渡 项目支持: 按不超过项目实际投入的50%, A类最高不超过200万元
        ("001_c5b96d9a7a45bd6a.txt", "A", {BenefitKind.PROJECT_FUNDING}, (200 * WAN, 0.5, None, None)),
        # 香洲 第一類 購房補貼: ≤ 購房款50%, ≤ 200萬元
        ("xiangzhou_traditional.txt", "T1", {BenefitKind.HOUSING_SUBSIDY}, (200 * WAN, 0.5, None, None)),
        # 玉溪 安家补贴 80万元, 分4年、每年25%
        ("yuxi_special_rules.txt", "LEADER", {BenefitKind.LIVING_ALLOWANCE, BenefitKind.HOUSING_SUBSIDY}, (80 * WAN, None, 4, 0.25)),
    ],
)
def test_capped_and_scheduled_amounts(name, key, kinds, expected):
    readings = {(b.amount_max, b.cap_ratio, b.installments, b.installment_share) for b in _benefits(name, key, kinds)}
    assert readings == {expected}


def test_caps_say_what_they_are_a_share_of():
    """A house-price cap is for the reasoning to apply to a price; a cap on the project's
    investment is not (graphapi.domain.amounts)."""
    (housing,) = _benefits("001_c5b96d9a7a45bd6a.txt", "B", {BenefitKind.HOUSING_SUBSIDY})
    (project,) = _benefits("001_c5b96d9a7a45bd6a.txt", "B", {BenefitKind.PROJECT_FUNDING})
    assert (housing.cap_basis, project.cap_basis) == (HOUSE_PRICE, "项目实际投入")


def test_per_year_amounts_are_yearly():
    (post,) = _benefits("001_c5b96d9a7a45bd6a.txt", "A", {BenefitKind.POST_ALLOWANCE})
    assert (post.amount_max, post.period.value) == (35 * WAN, "YEARLY")
    (post,) = _benefits("yuxi_special_rules.txt", "LEADER", {BenefitKind.POST_ALLOWANCE})
    assert (post.amount_max, post.period.value, post.years) == (12 * WAN, "YEARLY", 3)


def test_funding_levels_of_shenzhen_are_one_benefit_with_three_levels():
    (funds,) = _benefits("003_0c6a2394af8b1e2c.txt", "TRAINEE", {BenefitKind.TRAINING_FUNDS})
    assert sorted(funds.amount_levels) == [1000 * WAN, 1500 * WAN, 2000 * WAN]
    assert (funds.amount_min, funds.amount_max, funds.installments, funds.installment_share) == (1000 * WAN, 2000 * WAN, 2, 0.5)


def _rule_kinds(name: str, article: str) -> set[StackingKind]:
    facts, _ = facts_of(name)
    return {r.kind for r in facts.stacking_rules if r.cited_in.split("/", 1)[1].startswith(article)}


@pytest.mark.parametrize(
    ("name", "article", "expected"),
    [
        ("001_c5b96d9a7a45bd6a.txt", "chp_5__art_17__item_4", {StackingKind.EXCLUSIVE}),  # 购房津贴与岗位津贴不重复享受
        ("001_c5b96d9a7a45bd6a.txt", "chp_4__art_12", {StackingKind.TOP_UP}),  # 补差发放
        ("003_0c6a2394af8b1e2c.txt", "chp_4__art_16", {StackingKind.BAR}),  # 培养期内不得再申请
        # 玉溪 第七条: 从高从优不重复享受 / 不再享受…安家补贴 / 按差额补足, in one paragraph
        ("yuxi_special_rules.txt", "art_7", {StackingKind.HIGHEST_ONLY, StackingKind.NOT_AGAIN, StackingKind.TOP_UP}),
        # 香洲 第十條 (traditional): 不得再申請… / 按就高原則發放，不重複享受
        ("xiangzhou_traditional.txt", "chp_4__art_10", {StackingKind.BAR, StackingKind.HIGHEST_ONLY}),
    ],
)
def test_stacking_clauses(name, article, expected):
    kinds = _rule_kinds(name, article)
    if StackingKind.HIGHEST_ONLY in expected and StackingKind.EXCLUSIVE in kinds:
        kinds = (kinds - {StackingKind.EXCLUSIVE}) | {StackingKind.HIGHEST_ONLY}  # 就高 read as EXCLUSIVE is accepted
    assert kinds == expected


@pytest.mark.parametrize(
    ("name", "key", "fragment"),
    [
        ("004_163a54ca670e2e06.txt", "HLT", "云岭高层次人才"),
        ("004_163a54ca670e2e06.txt", "TEAM", "云岭高层次创新创业团队"),
        ("yuxi_special_rules.txt", "LEADER", "产业领军人才"),
    ],
)
def test_successions_of_abolished_programs(name, key, fragment):
    facts, tier = _tier(name, key)
    predecessors = [s.from_name or s.from_id for s in facts.successions if s.to_id == tier.id]
    assert any(fragment in (p or "") for p in predecessors), predecessors


@pytest.mark.parametrize(
    ("name", "key", "age_years", "rank_steps"),
    [
        ("004_163a54ca670e2e06.txt", "HLT", 2, 1),  # 年龄条件放宽2岁，职称条件降低1档
        ("004_163a54ca670e2e06.txt", "YOUTH", 2, 0),
        ("yuxi_special_rules.txt", "LEADER", 3, 1),  # 年龄可放宽至53周岁 (from 50), 职称条件可降低一档
    ],
)
def test_relaxations(name, key, age_years, rank_steps):
    facts, tier = _tier(name, key)
    readings = {(r.age_years, r.professional_rank_steps) for r in facts.relaxations if r.tier_id == tier.id}
    assert readings == {(age_years, rank_steps)}


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("001_c5b96d9a7a45bd6a.txt", ["A", "B", "C", "D", "E", "TEAM"]),
        ("002_ca49c62e2c675c2a.txt", ["HIGH", "FLEX", "PHD", "MASTER", "BACHELOR", "RETIRED"]),
        ("004_163a54ca670e2e06.txt", ["HLT", "FOREIGN", "HUMANITIES", "INDUSTRY", "YOUTH", "TEAM"]),
        ("000_17106ccd7d97b057.txt", ["LEADER", "RESERVE"]),
        ("panlong_catalogue.txt", ["A", "B", "C", "D"]),
        ("xiangzhou_traditional.txt", ["T1", "T2", "T3"]),  # 認定為第一類人才: a class per article
        ("yiliang_rural_measures.txt", ["PHD", "MASTER", "BACHELOR", "FLEX"]),  # tiers by degree in one sentence
    ],
)
def test_every_class_is_a_tier(name, keys):
    facts, gold = facts_of(name)
    found = tiers_by_key(facts, gold)
    assert [key for key in keys if key not in found] == [], [t.name for t in facts.tiers]


def test_degree_tiers_carry_their_own_age_and_amount():
    """东川（二）and 宜良（一）: 40/35周岁 博士/硕士, 25/10/5万元 — one sentence, three tiers."""
    for name, expected in (
        ("002_ca49c62e2c675c2a.txt", {"PHD": (40, 25 * WAN), "MASTER": (35, 10 * WAN), "BACHELOR": (None, 5 * WAN)}),
        ("yiliang_rural_measures.txt", {"PHD": (35, 20 * WAN), "MASTER": (30, 8 * WAN), "BACHELOR": (None, 3 * WAN)}),
    ):
        facts, gold = facts_of(name)
        tiers = tiers_by_key(facts, gold)
        for key, (age, amount) in expected.items():
            assert key in tiers, f"{name}: no tier {key}"
            ages = {c.max_age for c in facts.criteria if c.tier_id == tiers[key].id and c.max_age is not None}
            amounts = {b.amount_max for b in facts.benefits if b.tier_id == tiers[key].id and b.amount_max}
            assert (ages, amounts) == ({age} if age else set(), {amount}), (name, key)
