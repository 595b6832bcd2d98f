"""The reasoning operations: qualifyingTiers, checkDuplicateEnjoyment, bestPackage.

Resolvers validate and resolve the input (names -> entity ids), fetch the relevant facts in two
store round trips (graphapi.api.facts), call the pure domain functions, and map the results to
GraphQL types. No reasoning happens here.
"""

from __future__ import annotations

import datetime

import strawberry

from graphapi.api import enums, facts
from graphapi.api.errors import bad_input
from graphapi.api.types import Benefit, Criterion, Ctx, Provision, StackingRule, Tier
from graphapi.domain import eligibility, package, stacking
from graphapi.domain.amounts import Amount
from graphapi.domain.profile import AwardHolding, Claim, TalentProfile
from graphapi.domain.text import to_simplified

Verdict = strawberry.enum(stacking.Verdict, description="What a stacking rule decided")

GRADES = ("特等奖", "一等奖", "二等奖", "三等奖")
_GRADE_DIGITS = {"特": "特", "0": "特", "1": "一", "2": "二", "3": "三", "一": "一", "二": "二", "三": "三"}
MAX_LIST = 50
MAX_NAME = 200
MAX_CLAIMS = 200_000
MAX_AMOUNT = 1e11  # yuan: a thousand times the largest amount in any policy read so far


# --- input ------------------------------------------------------------------------------------


@strawberry.input(description="One award the person holds")
class AwardInput:
    name: str = strawberry.field(description="Any script, e.g. 国家科学技术进步奖")
    grade: str | None = strawberry.field(default=None, description="特等奖, 一等奖, 二等奖 or 三等奖")
    rank: int | None = strawberry.field(default=None, description="Completer rank (完成人排名), 1 = first")
    year: int | None = None


@strawberry.input(description="What is known about a person; leave unknown fields out")
class TalentProfileInput:
    titles: list[str] | None = strawberry.field(
        default=None, description='Free text, any script: "杰青", "長江學者特聘教授"'
    )
    awards: list[AwardInput] | None = None
    age: int | None = None
    degree: enums.Degree | None = None
    professional_rank: enums.ProfessionalRank | None = None
    employment: enums.Employment | None = None
    region: str | None = strawberry.field(default=None, description='Where the person works, e.g. "官渡区"')
    house_price: float | None = strawberry.field(default=None, description="Yuan, for capped housing subsidies")
    poverty_or_border_county: bool | None = strawberry.field(
        default=None, description="Works in a 贫困县/边境县 (放宽条件 may apply)"
    )


@strawberry.input(description="A person's claim to a benefit")
class BenefitClaimInput:
    person: str
    benefit_id: strawberry.ID
    amount: float | None = strawberry.field(default=None, description="Yuan; omitted: the computed amount")


def _name(value: str, argument: str) -> str:
    value = to_simplified(value.strip())
    if not value:
        raise bad_input(f"{argument} must not be empty", argument=argument)
    if len(value) > MAX_NAME:
        raise bad_input(f"{argument} is {len(value)} characters long; the limit is {MAX_NAME}", argument=argument)
    return value


def _grade(value: str | None, argument: str) -> str | None:
    if value is None:
        return None
    text = to_simplified(value.strip()).removesuffix("奖").removesuffix("等")
    grade = f"{_GRADE_DIGITS[text]}等奖" if text in _GRADE_DIGITS else None
    if grade not in GRADES:
        shown = value if len(value) <= 20 else f"{value[:20]}…"
        raise bad_input(f"{argument} {shown!r} is not a grade; use one of {'、'.join(GRADES)}", argument=argument)
    return grade


def _bounded(value: float | int | None, argument: str, low: float, high: float) -> None:
    if value is not None and not low <= value <= high:
        raise bad_input(f"{argument} must be between {low:g} and {high:g}, got {value:g}", argument=argument)


def to_profile(ctx: Ctx, data: TalentProfileInput) -> TalentProfile:
    entities = ctx.context.entities
    titles, awards = data.titles or [], data.awards or []
    if len(titles) > MAX_LIST or len(awards) > MAX_LIST:
        raise bad_input(f"at most {MAX_LIST} titles and {MAX_LIST} awards", argument="profile")
    _bounded(data.age, "profile.age", 0, 130)
    _bounded(data.house_price, "profile.housePrice", 1, MAX_AMOUNT)
    title_ids: list[str] = []
    title_names: dict[str, str] = {}
    unresolved: list[str] = []
    for index, raw in enumerate(titles):
        name = _name(raw, f"profile.titles[{index}]")
        match = entities.resolve_title(name)
        if match is None:
            unresolved.append(raw.strip())
        else:
            title_ids.append(match.entity.id)
            title_names.setdefault(match.entity.id, raw.strip())
    holdings: list[AwardHolding] = []
    this_year = datetime.date.today().year
    for index, award in enumerate(awards):
        where = f"profile.awards[{index}]"
        name = _name(award.name, f"{where}.name")
        _bounded(award.rank, f"{where}.rank", 1, 1000)
        _bounded(award.year, f"{where}.year", 1900, this_year + 1)
        match = entities.resolve_award(name)
        holdings.append(
            AwardHolding(
                award_id=match.entity.id if match else None,
                name=award.name.strip(),
                grade=_grade(award.grade, f"{where}.grade"),
                rank=award.rank,
                year=award.year,
            )
        )
    region_id = region_name = None
    if data.region is not None:
        region_name = _name(data.region, "profile.region")
        region = ctx.context.regions.find(region_name)
        region_id = region.id if region else None
    return TalentProfile(
        title_ids=tuple(dict.fromkeys(title_ids)),
        title_names=title_names,
        unresolved_titles=tuple(unresolved),
        awards=tuple(holdings),
        age=data.age,
        degree=data.degree,
        professional_rank=data.professional_rank,
        employment=data.employment,
        region_id=region_id,
        region_name=region_name,
        house_price=data.house_price,
        poverty_or_border_county=data.poverty_or_border_county,
    )


def _applicable_regions(ctx: Ctx, profile: TalentProfile) -> list[str] | None:
    """Names of the regions whose programs can apply; None (all) when the region is unknown."""
    if profile.region_id is None:
        return None
    return [region.name for region in ctx.context.regions.ancestors(profile.region_id)]


# --- output -----------------------------------------------------------------------------------


async def _provisions(ctx: Ctx, ids: list[str]) -> list[Provision]:
    records = await ctx.context.loaders.provision.load_many(ids)
    return [Provision.of(r) for r in records if r is not None]


async def _provision(ctx: Ctx, provision_id: str) -> Provision:
    (provision,) = await _provisions(ctx, [provision_id])
    return provision


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
    async def citations(self, info: Ctx) -> list[Provision]:
        return await _provisions(info, self.citation_ids)


@strawberry.type
class BenefitClaim:
    person: str
    amount: float | None
    benefit_id: strawberry.Private[str]

    @classmethod
    def of(cls, claim: Claim) -> BenefitClaim:
        return cls(person=claim.person, amount=claim.amount, benefit_id=claim.benefit_id)

    @strawberry.field
    async def benefit(self, info: Ctx) -> Benefit:
        record = await info.context.loaders.benefit.load(self.benefit_id)
        assert record is not None  # claims were checked against the known benefits
        return Benefit.of(record)


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
    async def citation(self, info: Ctx) -> Provision:
        return await _provision(info, self.citation_id)


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
    async def citations(self, info: Ctx) -> list[Provision]:
        return await _provisions(info, self.citation_ids)


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
    async def citation(self, info: Ctx) -> Provision:
        return await _provision(info, self.citation_id)


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
    regions = None if include_ineligible else _applicable_regions(info, person)
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
        _bounded(claim.amount, f"claims[{index}].amount", 0, MAX_AMOUNT)
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
    knowledge = await facts.for_regions(info.context, _applicable_regions(info, person))
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
