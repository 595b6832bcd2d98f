"""The reasoning operations: qualifyingTiers, checkDuplicateEnjoyment, bestPackage.

Resolvers validate and resolve the input (names -> entity ids), fetch the relevant facts in two
store round trips (graphapi.api.facts), call the pure domain functions, and map the results to
GraphQL types. No reasoning happens here.
"""

from __future__ import annotations

import strawberry

from graphapi.api import enums, facts
from graphapi.api.errors import bad_input
from graphapi.api.inputs import (
    MAX_AMOUNT,
    MAX_CLAIMS,
    MAX_NAME,
    BenefitClaimInput,
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
    person: str
    rule: StackingRule
    verdict: Verdict
    claims: list[BenefitClaim]
    kept: BenefitClaim | None
    set_aside: list[BenefitClaim]
    difference: float | None = strawberry.field(description="TOP_UP: the difference still to pay")
    disputed: bool = strawberry.field(description="Another rule allows what this one restricts")
    explanation: str
    citation_id: strawberry.Private[str]

    @strawberry.field
    def citation(self, info: Ctx) -> Provision:
        return citation_of(info, self.citation_id)


@strawberry.type(description="Two claims of one person that no stacking rule covers")
class UncoveredPair:
    person: str
    claims: list[BenefitClaim]
    explanation: str


@strawberry.type(description="Rules that disagree about the same two claims; reported, not resolved")
class RuleConflict:
    person: str
    claims: list[BenefitClaim]
    rules: list[StackingRule]
    explanation: str
    citation_ids: strawberry.Private[list[str]]

    @strawberry.field
    def citations(self, info: Ctx) -> list[Provision]:
        return provisions_of(info, self.citation_ids)


@strawberry.type
class DuplicateReport:
    checked_claims: int
    conflicts: list[Conflict]
    uncovered: list[UncoveredPair]
    rule_conflicts: list[RuleConflict]


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
    citation_id: strawberry.Private[str]

    @classmethod
    def of(cls, item: package.PackageItem) -> PackageItem:
        return cls(
            benefit=Benefit.of(item.benefit),
            amount=item.amount.value,
            detail=AmountDetail.of(item.amount),
            reason=item.reason,
            citation_id=item.citation,
        )

    @strawberry.field
    def citation(self, info: Ctx) -> Provision:
        return citation_of(info, self.citation_id)


@strawberry.type
class BenefitPackage:
    items: list[PackageItem]
    set_aside: list[PackageItem]
    total_max_amount: float
    explanation: str
    tiers: list[TierMatch] = strawberry.field(description="The tiers the package rests on")
    could_add: list[TierMatch] = strawberry.field(description="Tiers that need more information")
    conflicts: list[Conflict]


def _claims(claims: tuple[Claim, ...]) -> list[BenefitClaim]:
    return [BenefitClaim.of(c) for c in claims]


def _conflict(conflict: stacking.Conflict) -> Conflict:
    return Conflict(
        person=conflict.person,
        rule=StackingRule.of(conflict.rule),
        verdict=conflict.verdict,
        claims=_claims(conflict.claims),
        kept=BenefitClaim.of(conflict.kept) if conflict.kept else None,
        set_aside=_claims(conflict.set_aside),
        difference=conflict.difference,
        disputed=conflict.disputed,
        explanation=conflict.explanation,
        citation_id=conflict.citation,
    )


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


async def check_duplicate_enjoyment(info: Ctx, claims: list[BenefitClaimInput]) -> DuplicateReport:
    if len(claims) > MAX_CLAIMS:
        raise bad_input(f"at most {MAX_CLAIMS} claims per call, got {len(claims)}", argument="claims")
    domain_claims = []
    for index, claim in enumerate(claims):
        person = claim.person.strip()
        if not person or len(person) > MAX_NAME:
            raise bad_input(f"claims[{index}].person must be 1 to {MAX_NAME} characters", argument="claims")
        bounded(claim.amount, f"claims[{index}].amount", 0, MAX_AMOUNT)
        if len(claim.benefit_id) > MAX_NAME:
            raise bad_input(f"claims[{index}].benefitId is longer than {MAX_NAME} characters", argument="claims")
        domain_claims.append(Claim(person=person, benefit_id=str(claim.benefit_id), amount=claim.amount))
    knowledge = await facts.for_benefits(info.context, (c.benefit_id for c in domain_claims))
    try:
        report = stacking.check(domain_claims, knowledge, info.context.regions)
    except stacking.UnknownBenefits as exc:
        named = ", ".join(exc.ids[:10]) + (f" and {len(exc.ids) - 10} more" if len(exc.ids) > 10 else "")
        raise bad_input(f"unknown benefit ids: {named}", argument="claims", ids=exc.ids[:10]) from None
    except stacking.InvalidClaims as exc:
        raise bad_input(str(exc), argument="claims") from None
    return DuplicateReport(
        checked_claims=report.checked_claims,
        conflicts=[_conflict(c) for c in report.conflicts],
        uncovered=[
            UncoveredPair(person=u.person, claims=_claims(u.claims), explanation=u.explanation)
            for u in report.uncovered
        ],
        rule_conflicts=[
            RuleConflict(
                person=r.person,
                claims=_claims(r.claims),
                rules=[StackingRule.of(rule) for rule in r.rules],
                explanation=r.explanation,
                citation_ids=list(r.citations),
            )
            for r in report.rule_conflicts
        ],
    )


async def best_package(info: Ctx, profile: TalentProfileInput) -> BenefitPackage:
    person = to_profile(info, profile)
    knowledge = await facts.for_regions(info.context, applicable_regions(info, person))
    ctx = info.context
    result = package.best_package(person, knowledge, ctx.entities, ctx.regions)
    return BenefitPackage(
        items=[PackageItem.of(i) for i in result.items],
        set_aside=[PackageItem.of(i) for i in result.set_aside],
        total_max_amount=result.total_max_amount,
        explanation=result.explanation,
        tiers=[TierMatch.of(a) for a in result.tiers],
        could_add=[TierMatch.of(a) for a in result.could_add],
        conflicts=[_conflict(c) for c in result.conflicts],
    )
