"""The reasoning operations: qualifyingTiers, checkDuplicateEnjoyment, bestPackage.

Resolvers validate and resolve the input (names -> entity ids), fetch the relevant facts in two
store round trips (graphapi.api.facts), call the pure domain functions, and map the results to
GraphQL types. No reasoning happens here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import strawberry

from graphapi.api import enums, facts
from graphapi.api.errors import bad_input
from graphapi.api.inputs import (
    MAX_AMOUNT,
    MAX_CLAIMS,
    MAX_NAME,
    BenefitClaimInput,
    ClaimBatchInput,
    TalentProfileInput,
    applicable_regions,
    bounded,
    to_profile,
)
from graphapi.api.loaders import then
from graphapi.api.types import (
    Benefit,
    Criterion,
    Ctx,
    Provision,
    StackingRule,
    Tier,
    citation_of,
    provisions_of,
)
from graphapi.domain import eligibility, package, stacking
from graphapi.domain.amounts import Amount
from graphapi.domain.profile import Claim

Verdict = strawberry.enum(stacking.Verdict, description="What a stacking rule decided")
Purpose = strawberry.enum(
    package.Purpose,
    name="BenefitPurpose",
    description="What a package item's money is for: PERSONAL_CASH 本人现金待遇, FUNDING 项目、工作室、团队经费, "
    "FINANCING 金融机构的金融支持, SERVICE 非现金待遇",
)


# --- output -----------------------------------------------------------------------------------


@strawberry.type(description="How one tier stands for the profile")
class TierMatch:
    tier: Tier
    status: enums.EligibilityStatus
    matched: list[Criterion]
    unmet: list[Criterion]
    pending: list[Criterion] = strawberry.field(
        description="Criteria the profile cannot decide, or that need the talent office's review"
    )
    missing: list[str] = strawberry.field(description="Profile fields that would decide it")
    applicable: bool = strawberry.field(description="The program applies where the person works")
    explanation: str
    citation_ids: strawberry.Private[list[str]]

    @classmethod
    def of(cls, assessment: eligibility.TierAssessment) -> TierMatch:
        return cls(
            tier=Tier.of(assessment.tier),
            status=assessment.status,
            matched=[Criterion.of(c) for c in assessment.matched],
            unmet=[Criterion.of(c) for c in assessment.unmet],
            pending=[Criterion.of(c) for c in assessment.pending],
            missing=list(assessment.missing),
            applicable=assessment.applicable,
            explanation=assessment.explanation,
            citation_ids=list(assessment.citations),
        )

    @strawberry.field
    def citations(self, info: Ctx) -> list[Provision]:
        return provisions_of(info, self.citation_ids)


@strawberry.type
class BenefitClaim:
    person: str
    amount: float | None
    benefit_id: strawberry.Private[str]

    @classmethod
    def of(cls, claim: Claim) -> BenefitClaim:
        return cls(person=claim.person, amount=claim.amount, benefit_id=claim.benefit_id)

    @strawberry.field
    def benefit(self, info: Ctx) -> Benefit:
        # Claims were checked against the known benefits: the record is there.
        return then(info.context.loaders.benefit.get(self.benefit_id), Benefit.of)


@strawberry.type(description="What one stacking rule decides about some of a person's claims")
class Conflict:
    source: strawberry.Private[stacking.Conflict]

    @strawberry.field
    def person(self) -> str:
        return self.source.person

    @strawberry.field
    def rule(self) -> StackingRule:
        return StackingRule.of(self.source.rule)

    @strawberry.field
    def verdict(self) -> Verdict:
        return self.source.verdict

    @strawberry.field
    def claims(self) -> list[BenefitClaim]:
        return _claims(self.source.claims)

    @strawberry.field
    def kept(self) -> BenefitClaim | None:
        kept = self.source.kept
        return BenefitClaim.of(kept) if kept else None

    @strawberry.field
    def set_aside(self) -> list[BenefitClaim]:
        return _claims(self.source.set_aside)

    @strawberry.field(description="TOP_UP: the difference still to pay")
    def difference(self) -> float | None:
        return self.source.difference

    @strawberry.field(description="Another rule says otherwise about these claims (see ruleConflicts)")
    def disputed(self) -> bool:
        return self.source.disputed

    @strawberry.field(
        description="General rules of the same policy that give way to this more specific one here "
        "(特别规定优于一般规定)"
    )
    def prevails_over(self) -> list[StackingRule]:
        return [StackingRule.of(rule) for rule in self.source.prevails_over]

    @strawberry.field
    def explanation(self) -> str:
        return self.source.explanation

    @strawberry.field
    def citation(self, info: Ctx) -> Provision:
        return citation_of(info, self.source.citation)


@strawberry.type(description="Two claims of one person that no stacking rule covers")
class UncoveredPair:
    source: strawberry.Private[stacking.UncoveredPair]

    @strawberry.field
    def person(self) -> str:
        return self.source.person

    @strawberry.field
    def claims(self) -> list[BenefitClaim]:
        return _claims(self.source.claims)

    @strawberry.field
    def explanation(self) -> str:
        return self.source.explanation


@strawberry.type(description="Rules that disagree about the same two claims; reported, not resolved")
class RuleConflict:
    source: strawberry.Private[stacking.RuleConflict]

    @strawberry.field
    def person(self) -> str:
        return self.source.person

    @strawberry.field
    def claims(self) -> list[BenefitClaim]:
        return _claims(self.source.claims)

    @strawberry.field
    def rules(self) -> list[StackingRule]:
        return [StackingRule.of(rule) for rule in self.source.rules]

    @strawberry.field
    def explanation(self) -> str:
        return self.source.explanation

    @strawberry.field
    def citations(self, info: Ctx) -> list[Provision]:
        return provisions_of(info, self.source.citations)


@strawberry.type(description="A claimed amount above what the benefit can pay")
class ClaimOverCap:
    source: strawberry.Private[stacking.OverCap]

    @strawberry.field
    def person(self) -> str:
        return self.source.person

    @strawberry.field
    def claim(self) -> BenefitClaim:
        return BenefitClaim.of(self.source.claim)

    @strawberry.field(description="Yuan the benefit pays at most (per year when perYear)")
    def cap(self) -> float:
        return self.source.cap

    @strawberry.field(description="Yuan claimed beyond the cap")
    def excess(self) -> float:
        return self.source.excess

    @strawberry.field(description="A yearly benefit whose text states no duration: the cap is one year's")
    def per_year(self) -> bool:
        return self.source.per_year

    @strawberry.field
    def explanation(self) -> str:
        return self.source.explanation

    @strawberry.field
    def citation(self, info: Ctx) -> Provision:
        return citation_of(info, self.source.citation)


@strawberry.type
class VerdictCount:
    verdict: Verdict
    count: int


@strawberry.type(description="Counts over the whole report, whatever page is asked for")
class DuplicateSummary:
    persons: int = strawberry.field(description="Distinct persons among the claims")
    persons_with_conflicts: int = strawberry.field(description="Persons with a claim set aside, barred or topped up")
    conflicts: int
    by_verdict: list[VerdictCount]
    claims_set_aside: int = strawberry.field(description="Claims set aside or refused (SET_ASIDE, VIOLATION)")
    uncovered: int
    rule_conflicts: int
    over_cap: int


@strawberry.type(
    description="The decisions on a batch of claims. Lists take `first` and `offset` (positions in the "
    "whole list; `summary` gives the sizes), so that large batches can be read a page at a time"
)
class DuplicateReport:
    checked_claims: int
    report: strawberry.Private[stacking.DuplicateReport]

    @strawberry.field
    def summary(self) -> DuplicateSummary:
        summary = self.report.summary()
        return DuplicateSummary(
            persons=summary.persons,
            persons_with_conflicts=summary.persons_with_conflicts,
            conflicts=summary.conflicts,
            by_verdict=[VerdictCount(verdict=v, count=n) for v, n in summary.by_verdict.items()],
            claims_set_aside=summary.claims_set_aside,
            uncovered=summary.uncovered,
            rule_conflicts=summary.rule_conflicts,
            over_cap=summary.over_cap,
        )

    @strawberry.field
    def conflicts(self, first: int | None = None, offset: int | None = 0) -> list[Conflict]:
        return [Conflict(source=c) for c in _page(self.report.conflicts, first, offset)]

    @strawberry.field
    def uncovered(self, first: int | None = None, offset: int | None = 0) -> list[UncoveredPair]:
        return [UncoveredPair(source=u) for u in _page(self.report.uncovered, first, offset)]

    @strawberry.field
    def rule_conflicts(self, first: int | None = None, offset: int | None = 0) -> list[RuleConflict]:
        return [RuleConflict(source=r) for r in _page(self.report.rule_conflicts, first, offset)]

    @strawberry.field(description="Claims whose amount is above what the benefit can pay")
    def over_cap(self, first: int | None = None, offset: int | None = 0) -> list[ClaimOverCap]:
        return [ClaimOverCap(source=o) for o in _page(self.report.over_cap, first, offset)]


@strawberry.type(description="One instalment of a scheduled payment")
class Installment:
    number: int
    share: float
    amount: float


@strawberry.type(description="How an amount was computed")
class AmountDetail:
    total: float | None
    per_period: float | None
    period: enums.Period
    periods: int | None
    open_ended: bool = strawberry.field(description="Yearly amount with no duration in the text")
    ceiling: float | None = strawberry.field(description="The cap in force (price share or maximum)")
    capped_by_price: bool
    schedule: list[Installment]
    note: str

    @classmethod
    def of(cls, amount: Amount) -> AmountDetail:
        return cls(
            total=amount.total,
            per_period=amount.per_period,
            period=amount.period,
            periods=amount.periods,
            open_ended=amount.open_ended,
            ceiling=amount.ceiling,
            capped_by_price=amount.capped_by_price,
            schedule=[Installment(number=i.number, share=i.share, amount=i.amount) for i in amount.schedule],
            note=amount.note,
        )


@strawberry.type
class PackageItem:
    benefit: Benefit
    amount: float = strawberry.field(description="Yuan this item pays at most (0 for services)")
    detail: AmountDetail
    reason: str
    purpose: Purpose
    condition: str | None = strawberry.field(
        description="A later event the item depends on, as written (5年服务期满后, 考核优秀); "
        "such items count in conditionalTotal"
    )
    citation_id: strawberry.Private[str]

    @classmethod
    def of(cls, item: package.PackageItem) -> PackageItem:
        return cls(
            benefit=Benefit.of(item.benefit),
            amount=item.amount.value,
            detail=AmountDetail.of(item.amount),
            reason=item.reason,
            purpose=item.purpose,
            condition=item.condition,
            citation_id=item.citation,
        )

    @strawberry.field
    def citation(self, info: Ctx) -> Provision:
        return citation_of(info, self.citation_id)


@strawberry.type
class BenefitPackage:
    items: list[PackageItem]
    set_aside: list[PackageItem]
    total_max_amount: float = strawberry.field(
        description="Sum of the items' maximum amounts of every purpose: personal cash, project and team "
        "funding, financing and conditional items together; the *Total fields split it (they add up to it)"
    )
    personal_cash_total: float = strawberry.field(
        description="Paid to the person (购房津贴, 生活补贴, 奖励, 岗位津贴), not depending on a later event"
    )
    funding_total: float = strawberry.field(
        description="Project, studio and team funding (项目经费, 科学家工作室): spent on the work, not paid to the person"
    )
    financing_total: float = strawberry.field(
        description="Financing arranged with financial institutions (金融支持): loans or investment, not a subsidy"
    )
    conditional_total: float = strawberry.field(
        description="Items that depend on a later event (5年服务期满后, 考核优秀), whatever their purpose"
    )
    explanation: str
    tiers: list[TierMatch] = strawberry.field(description="The tiers the package rests on")
    could_add: list[TierMatch] = strawberry.field(description="Tiers that need more information")
    conflicts: list[Conflict]
    uncovered: list[UncoveredPair] = strawberry.field(
        description="Pairs of items no stacking rule covers: both are counted, for the office to confirm"
    )
    rule_conflicts: list[RuleConflict] = strawberry.field(
        description="Rules that disagree about two items; the restricting one was applied"
    )


def _claims(claims: tuple[Claim, ...]) -> list[BenefitClaim]:
    return [BenefitClaim.of(c) for c in claims]


def _conflict(conflict: stacking.Conflict) -> Conflict:
    return Conflict(source=conflict)


def _page[T](items: list[T], first: int | None, offset: int | None) -> list[T]:
    """items[offset : offset + first]; all from offset when first is null."""
    start = offset or 0
    if start < 0:
        raise bad_input(f"offset must not be negative, got {start}", argument="offset")
    if first is None:
        return items[start:]
    if first < 0:
        raise bad_input(f"first must not be negative, got {first}", argument="first")
    return items[start : start + first]


# --- resolvers --------------------------------------------------------------------------------


async def qualifying_tiers(
    info: Ctx, profile: TalentProfileInput, include_ineligible: bool | None = False
) -> list[TierMatch]:
    include_ineligible = bool(include_ineligible)
    person = to_profile(info, profile)
    regions = None if include_ineligible else applicable_regions(info, person)
    knowledge = await facts.for_regions(info.context, regions)
    ctx = info.context
    assessments = eligibility.assess(person, knowledge, ctx.entities, ctx.regions, include_ineligible)
    return [TierMatch.of(a) for a in assessments]


async def check_duplicate_enjoyment(
    info: Ctx,
    claims: list[BenefitClaimInput] = [],  # noqa: B006 - the GraphQL default; strawberry copies it per request
    batch: ClaimBatchInput | None = None,
) -> DuplicateReport:
    if claims and batch is not None:
        raise bad_input("give the claims either as `claims` or as `batch`, not both", argument="batch")
    domain_claims = _batch_claims(batch) if batch is not None else _object_claims(claims)
    knowledge = await facts.for_benefits(info.context, {c.benefit_id for c in domain_claims})
    argument = "batch" if batch is not None else "claims"
    try:
        with _collector_paused():
            report = stacking.check(domain_claims, knowledge, info.context.regions)
    except stacking.UnknownBenefits as exc:
        named = ", ".join(exc.ids[:10]) + (f" and {len(exc.ids) - 10} more" if len(exc.ids) > 10 else "")
        raise bad_input(f"unknown benefit ids: {named}", argument=argument, ids=exc.ids[:10]) from None
    except stacking.InvalidClaims as exc:
        raise bad_input(str(exc), argument=argument) from None
    return DuplicateReport(checked_claims=report.checked_claims, report=report)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a check. The check keeps nearly everything it
    allocates (the report), so the collector would only rescan a growing heap again and again:
    measured, 40 % of the time of a 100 000-claim check. Nothing there forms cycles worth
    collecting early."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _object_claims(claims: list[BenefitClaimInput]) -> list[Claim]:
    """The claims of the objects, checked as columns; errors name them as `claims[i].person`."""
    return _column_claims(
        [claim.person for claim in claims],
        [claim.benefit_id for claim in claims],
        [claim.amount for claim in claims],
        argument="claims",
        name="claims[{index}].{field}",
    )


def _batch_claims(batch: ClaimBatchInput) -> list[Claim]:
    """The claims of the columns; errors name them as `batch.persons[i]`."""
    persons, benefit_ids = batch.persons, batch.benefit_ids
    count = len(persons)
    amounts = batch.amounts if batch.amounts is not None else [None] * count
    if len(benefit_ids) != count or len(amounts) != count:
        raise bad_input(
            f"batch columns differ in length: {count} persons, {len(benefit_ids)} benefitIds, "
            f"{len(amounts)} amounts",
            argument="batch",
        )
    return _column_claims(persons, benefit_ids, amounts, argument="batch", name="batch.{field}s[{index}]")


def _column_claims(
    persons: list[str],
    benefit_ids: list[str],
    amounts: list[float | None],
    *,
    argument: str,
    name: str,
) -> list[Claim]:
    """Claims from columns of equal length, checked column by column. `name` formats one value's
    place in the input from its `field` (person, benefitId, amount) and `index`."""
    count = len(persons)
    if count > MAX_CLAIMS:
        raise bad_input(f"at most {MAX_CLAIMS} claims per call, got {count}", argument=argument)
    persons = [person.strip() for person in persons]
    if not all(0 < len(person) <= MAX_NAME for person in persons):
        index = next(i for i, person in enumerate(persons) if not 0 < len(person) <= MAX_NAME)
        where = name.format(field="person", index=index)
        raise bad_input(f"{where} must be 1 to {MAX_NAME} characters", argument=argument)
    if count and max(map(len, benefit_ids)) > MAX_NAME:
        index = next(i for i, benefit_id in enumerate(benefit_ids) if len(benefit_id) > MAX_NAME)
        where = name.format(field="benefitId", index=index)
        raise bad_input(f"{where} is longer than {MAX_NAME} characters", argument=argument)
    for index, amount in enumerate(amounts):
        if amount is not None and not 0 <= amount <= MAX_AMOUNT:
            bounded(amount, name.format(field="amount", index=index), 0, MAX_AMOUNT)
    return list(map(Claim, persons, benefit_ids, amounts))


async def best_package(info: Ctx, profile: TalentProfileInput) -> BenefitPackage:
    person = to_profile(info, profile)
    knowledge = await facts.for_regions(info.context, applicable_regions(info, person))
    ctx = info.context
    result = package.best_package(person, knowledge, ctx.entities, ctx.regions)
    totals = result.totals
    return BenefitPackage(
        items=[PackageItem.of(i) for i in result.items],
        set_aside=[PackageItem.of(i) for i in result.set_aside],
        total_max_amount=result.total_max_amount,
        personal_cash_total=totals.personal_cash,
        funding_total=totals.funding,
        financing_total=totals.financing,
        conditional_total=totals.conditional,
        explanation=result.explanation,
        tiers=[TierMatch.of(a) for a in result.tiers],
        could_add=[TierMatch.of(a) for a in result.could_add],
        conflicts=[_conflict(c) for c in result.conflicts],
        uncovered=[UncoveredPair(source=u) for u in result.uncovered],
        rule_conflicts=[RuleConflict(source=r) for r in result.rule_conflicts],
    )
