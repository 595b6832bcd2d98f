"""GraphQL object types (DESIGN §5). Each wraps a plain record; relationships go through the
request's DataLoaders so that one level of nesting costs one batched store query.

Relationship resolvers are plain `def`s returning `then(loader.get(key), convert)`: the value
itself when the request already holds the record (reasoning operations fetch their whole
subgraph up front), else an awaitable that graphql-core awaits. The annotations name the
GraphQL type either way."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import strawberry
from strawberry import Info

from graphapi.api import enums
from graphapi.api.loaders import then
from graphapi.domain import model
from graphapi.domain.amounts import instalment_unit

if TYPE_CHECKING:
    from graphapi.api.context import Context

    Ctx = Info[Context, None]
else:
    Ctx = Info


def _ids(values: tuple[str, ...]) -> list[strawberry.ID]:
    return [strawberry.ID(v) for v in values]


# --- documents ------------------------------------------------------------------------------


@strawberry.type(description="One provision: 章, 条, 款, 项, 目, an annex …")
class Provision:
    id: strawberry.ID
    kind: enums.ProvisionKind
    label: str | None
    number: int | None
    heading: str | None
    text: str = strawberry.field(description="Simplified Chinese, repaired; this provision's own text")
    original_text: str = strawberry.field(description="As in the source, before conversion")
    ordinal: int
    policy_id: strawberry.Private[str]
    parent_id: strawberry.Private[str | None]

    @classmethod
    def of(cls, record: model.Provision) -> Provision:
        return cls(
            id=strawberry.ID(record.id),
            kind=record.kind,
            label=record.label,
            number=record.number,
            heading=record.heading,
            text=record.text,
            original_text=record.original_text,
            ordinal=record.ordinal,
            policy_id=record.policy_id,
            parent_id=record.parent_id,
        )

    @classmethod
    def maybe(cls, record: model.Provision | None) -> Provision | None:
        return cls.of(record) if record else None

    @classmethod
    def each(cls, records: Iterable[model.Provision | None]) -> list[Provision]:
        return [cls.of(r) for r in records if r is not None]

    @strawberry.field
    def policy(self, info: Ctx) -> Policy | None:
        return then(info.context.loaders.policy.get(self.policy_id), Policy.maybe)

    @strawberry.field
    def parent(self, info: Ctx) -> Provision | None:
        if self.parent_id is None:
            return None
        return then(info.context.loaders.provision.get(self.parent_id), Provision.maybe)

    @strawberry.field
    def children(self, info: Ctx) -> list[Provision]:
        return then(info.context.loaders.children.get(str(self.id)), Provision.each)


@strawberry.type(description="A policy document (实施办法, 细则, 意见, 通知 …)")
class Policy:
    id: strawberry.ID
    title: str
    doc_number: str | None = strawberry.field(description="文号")
    issuer: str | None
    issued_on: str | None = strawberry.field(description="ISO date")
    status: enums.PolicyStatus | None
    validity: str | None
    validity_years: int | None
    level: enums.Level | None
    region: str | None
    source_file: str | None
    source_sha256: str | None
    placeholder: bool = strawberry.field(description="Cited by a loaded policy but not loaded itself")

    @classmethod
    def of(cls, record: model.Policy) -> Policy:
        return cls(
            id=strawberry.ID(record.id),
            title=record.title,
            doc_number=record.doc_number,
            issuer=record.issuer,
            issued_on=record.issued_on,
            status=record.status,
            validity=record.validity,
            validity_years=record.validity_years,
            level=record.level,
            region=record.region,
            source_file=record.source_file,
            source_sha256=record.source_sha256,
            placeholder=record.placeholder,
        )

    @classmethod
    def maybe(cls, record: model.Policy | None) -> Policy | None:
        return cls.of(record) if record else None

    @strawberry.field(description="Every provision in document order, flattened; optionally of one kind")
    def provisions(self, info: Ctx, kind: enums.ProvisionKind | None = None) -> list[Provision]:
        return then(
            info.context.loaders.parts_of_policy.get(str(self.id)),
            lambda parts: [Provision.of(r) for r in parts.provisions if kind is None or r.kind == kind],
        )

    @strawberry.field
    def programs(self, info: Ctx) -> list[Program]:
        return then(info.context.loaders.parts_of_policy.get(str(self.id)), lambda parts: Program.each(parts.programs))

    @strawberry.field(description="Policies this one cites, repeals (废止), amends or promulgates (印发)")
    def references(self, info: Ctx, kind: enums.ReferenceKind | None = None) -> list[PolicyLink]:
        return self._links(info, outgoing=True, kind=kind)

    @strawberry.field(description="Policies that cite, repeal, amend or promulgate this one")
    def referenced_by(self, info: Ctx, kind: enums.ReferenceKind | None = None) -> list[PolicyLink]:
        return self._links(info, outgoing=False, kind=kind)

    def _links(self, info: Ctx, *, outgoing: bool, kind: enums.ReferenceKind | None) -> list[PolicyLink]:
        return then(
            info.context.loaders.links_of_policy.get(str(self.id)),
            lambda links: [
                PolicyLink(kind=link.kind, policy=Policy.of(link.other), cited_in=link.cited_in)
                for link in links
                if link.outgoing is outgoing and (kind is None or link.kind == kind)
            ],
        )


@strawberry.type(description="A link between two policies, and the provision that states it")
class PolicyLink:
    kind: enums.ReferenceKind
    policy: Policy = strawberry.field(description="The policy at the other end")
    cited_in: strawberry.Private[str | None]

    @strawberry.field(description="Where the link is stated (in the citing, repealing … policy)")
    def citation(self, info: Ctx) -> Provision | None:
        if self.cited_in is None:
            return None
        return then(info.context.loaders.provision.get(self.cited_in), Provision.maybe)


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class PolicyEdge:
    cursor: str
    node: Policy


@strawberry.type
class PolicyConnection:
    edges: list[PolicyEdge]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[Policy]:
        return [edge.node for edge in self.edges]


def encode_cursor(policy_id: str) -> str:
    return base64.urlsafe_b64encode(f"policy:{policy_id}".encode()).decode()


def decode_cursor(cursor: str) -> str | None:
    """The policy id inside a cursor, or None when the cursor is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, UnicodeError):
        return None
    kind, _, policy_id = raw.partition(":")
    return policy_id if kind == "policy" and policy_id else None


# --- entities -------------------------------------------------------------------------------


@strawberry.type(description="A talent title or program selection (中国科学院院士, 杰青 …)")
class Title:
    id: strawberry.ID
    name: str
    aliases: list[str]
    level: enums.Level | None
    grantor: str | None
    category: str | None
    is_class: bool

    @classmethod
    def of(cls, record: model.Title) -> Title:
        return cls(
            id=strawberry.ID(record.id),
            name=record.name,
            aliases=list(record.aliases),
            level=record.level,
            grantor=record.grantor,
            category=record.category,
            is_class=record.is_class,
        )

    @strawberry.field(description="Titles that name the same thing (SAME_AS), and classes it belongs to")
    def equivalents(self, info: Ctx) -> list[Title]:
        entities = info.context.entities
        ids = sorted(entities.equivalent_titles(str(self.id)) - {str(self.id)})
        return [Title.of(entities.catalog.titles[i]) for i in ids if i in entities.catalog.titles]


@strawberry.type
class TitleMatch:
    title: Title
    score: float
    matched_alias: str


@strawberry.type(description="An award (国家科学技术进步奖) or an award class (省部级科学技术奖)")
class Award:
    id: strawberry.ID
    name: str
    aliases: list[str]
    level: enums.Level | None
    grantor: str | None
    grades: list[str]
    is_class: bool
    member_of: list[strawberry.ID]

    @classmethod
    def of(cls, record: model.Award) -> Award:
        return cls(
            id=strawberry.ID(record.id),
            name=record.name,
            aliases=list(record.aliases),
            level=record.level,
            grantor=record.grantor,
            grades=list(record.grades),
            is_class=record.is_class,
            member_of=_ids(record.member_of),
        )


# --- facts ----------------------------------------------------------------------------------


def _cited(provision_id: str) -> Callable[[model.Provision | None], Provision]:
    def convert(record: model.Provision | None) -> Provision:
        if record is None:  # the loader writes facts and provisions together; this means corruption
            raise LookupError(f"provision {provision_id} cited by a fact is missing")
        return Provision.of(record)

    return convert


def citation_of(info: Ctx, provision_id: str) -> Provision:
    """The provision a fact cites (a plain value when the request holds it already)."""
    return then(info.context.loaders.provision.get(provision_id), _cited(provision_id))


def provisions_of(info: Ctx, provision_ids: Sequence[str]) -> list[Provision]:
    """The provisions with these ids that exist, in the order given."""
    return then(info.context.loaders.provision.get_many(provision_ids), Provision.each)


@strawberry.type
class AwardRequirement:
    awards: list[Award]
    grades: list[str] = strawberry.field(description="Acceptable grades; empty means any grade")
    max_rank: int | None = strawberry.field(description="前三名完成人 -> 3; null means any rank")


@strawberry.type(description="An age limit for one employment mode or gender (刚性50／柔性65; 男63／女58)")
class AgeLimit:
    max_age: int
    employment: enums.Employment | None
    gender: enums.Gender | None


@strawberry.type(description="One condition as written, with its structured reading")
class Criterion:
    id: strawberry.ID
    role: enums.CriterionRole
    kind: enums.CriterionKind
    text: str
    discretionary: bool
    max_age: int | None
    min_degree: enums.Degree | None
    min_professional_rank: enums.ProfessionalRank | None
    employment: list[enums.Employment]
    within_years: int | None
    min_amount: float | None
    unlinked_mentions: list[str]
    unread: list[str] = strawberry.field(
        description="Conditions in the text the structured reading does not capture: left to the office's review"
    )
    unread_alternatives: list[str] = strawberry.field(
        description="Other ways of meeting it the structured reading does not capture (或执业医师资格)"
    )
    age_is_usual: bool = strawberry.field(description="一般在…周岁以下: a usual limit the office may waive")
    age_limits: list[AgeLimit] = strawberry.field(description="Age limits per employment mode or gender")
    min_service_days_per_year: int | None = strawberry.field(description="每年在岗不少于…天")
    min_service_months: int | None = strawberry.field(description="累计工作不少于…个月")
    record: strawberry.Private[model.Criterion]

    @classmethod
    def of(cls, record: model.Criterion) -> Criterion:
        return cls(
            id=strawberry.ID(record.id),
            role=record.role,
            kind=record.kind,
            text=record.text,
            discretionary=record.discretionary,
            max_age=record.max_age,
            min_degree=record.min_degree,
            min_professional_rank=record.min_professional_rank,
            employment=list(record.employment),
            within_years=record.within_years,
            min_amount=record.min_amount,
            unlinked_mentions=list(record.unlinked_mentions),
            unread=list(record.unread),
            unread_alternatives=list(record.unread_alternatives),
            age_is_usual=record.age_is_usual,
            age_limits=[AgeLimit(max_age=a.max_age, employment=a.employment, gender=a.gender) for a in record.age_limits],
            min_service_days_per_year=record.min_service_days_per_year,
            min_service_months=record.min_service_months,
            record=record,
        )

    @strawberry.field
    def titles(self, info: Ctx) -> list[Title]:
        catalog = info.context.entities.catalog
        return [Title.of(catalog.titles[i]) for i in self.record.title_ids if i in catalog.titles]

    @strawberry.field
    def age_exempt_titles(self, info: Ctx) -> list[Title]:
        catalog = info.context.entities.catalog
        return [
            Title.of(catalog.titles[i]) for i in self.record.age_exempt_title_ids if i in catalog.titles
        ]

    @strawberry.field
    def awards(self, info: Ctx) -> list[AwardRequirement]:
        catalog = info.context.entities.catalog
        return [
            AwardRequirement(
                awards=[Award.of(catalog.awards[i]) for i in req.award_ids if i in catalog.awards],
                grades=list(req.grades),
                max_rank=req.max_rank,
            )
            for req in self.record.awards
        ]

    @strawberry.field
    def citation(self, info: Ctx) -> Provision:
        return citation_of(info, self.record.cited_in)


@strawberry.type(description="放宽条件: e.g. 到贫困县、边境县工作的，年龄条件放宽2岁")
class Relaxation:
    id: strawberry.ID
    text: str
    condition: str
    age_years: int
    professional_rank_steps: int
    service_years_reduction: int
    cited_in: strawberry.Private[str]

    @classmethod
    def of(cls, record: model.Relaxation) -> Relaxation:
        return cls(
            id=strawberry.ID(record.id),
            text=record.text,
            condition=record.condition,
            age_years=record.age_years,
            professional_rank_steps=record.professional_rank_steps,
            service_years_reduction=record.service_years_reduction,
            cited_in=record.cited_in,
        )

    @strawberry.field
    def citation(self, info: Ctx) -> Provision:
        return citation_of(info, self.cited_in)


@strawberry.type
class FunderShare:
    funder: str
    share: float


def describe_schedule(record: model.Benefit) -> str | None:
    """How the benefit is paid, in the words a talent office uses (分5年支付，每年支付20%; 分2期支付，
    每期支付50% where the text pays by stage, not by the year)."""
    parts: list[str] = []
    if record.installments:
        unit = instalment_unit(record)
        parts.append(f"分{record.installments}{unit}支付")
        if record.installment_share:
            parts.append(f"每{unit}支付{record.installment_share * 100:g}%")
    elif record.period == model.Period.YEARLY:
        parts.append(f"每年发放，共{record.years}年" if record.years else "每年发放")
    elif record.period == model.Period.MONTHLY:
        parts.append(f"每月发放，共{record.years}年" if record.years else "每月发放")
    elif record.period == model.Period.ONE_OFF and (record.amount_max or record.amount_min):
        parts.append("一次性发放")
    return "，".join(parts) or None


@strawberry.type(description="A benefit a tier entitles to (购房津贴, 岗位津贴, 培养经费 …)")
class Benefit:
    id: strawberry.ID
    kind: enums.BenefitKind
    name: str
    text: str
    amount_max: float | None = strawberry.field(description="Yuan per period (万元 × 10 000)")
    amount_min: float | None
    period: enums.Period
    years: int | None
    cap_ratio: float | None = strawberry.field(description="Cap as a share of `capBasis` (0.8)")
    cap_basis: str | None = strawberry.field(description="What the cap is a share of: 购房总价 (default), 项目实际投入 …")
    installments: int | None
    installment_share: float | None
    recipient: enums.Recipient
    funders: list[FunderShare]
    conditions: list[str]
    employment: list[enums.Employment]
    schedule: str | None = strawberry.field(description="How it is paid, e.g. 分5年支付，每年支付20%")
    record: strawberry.Private[model.Benefit]

    @classmethod
    def of(cls, record: model.Benefit) -> Benefit:
        return cls(
            id=strawberry.ID(record.id),
            kind=record.kind,
            name=record.name,
            text=record.text,
            amount_max=record.amount_max,
            amount_min=record.amount_min,
            period=record.period,
            years=record.years,
            cap_ratio=record.cap_ratio,
            cap_basis=record.cap_basis or (model.HOUSE_PRICE if record.cap_ratio is not None else None),
            installments=record.installments,
            installment_share=record.installment_share,
            recipient=record.recipient,
            funders=[FunderShare(funder=f.funder, share=f.share) for f in record.funders],
            conditions=list(record.conditions),
            employment=list(record.employment),
            schedule=describe_schedule(record),
            record=record,
        )

    @strawberry.field
    def tier(self, info: Ctx) -> Tier | None:
        return then(info.context.loaders.tier.get(self.record.tier_id), Tier.maybe)

    @strawberry.field
    def citation(self, info: Ctx) -> Provision:
        return citation_of(info, self.record.cited_in)


@strawberry.type(description="A class inside a program (官渡 A类 国际顶尖人才; one 专项 of 云南千人计划)")
class Tier:
    id: strawberry.ID
    code: str
    name: str
    rank: int = strawberry.field(description="1 = highest inside its program")
    level: enums.Level | None
    for_team: bool
    record: strawberry.Private[model.Tier]

    @classmethod
    def of(cls, record: model.Tier) -> Tier:
        return cls(
            id=strawberry.ID(record.id),
            code=record.code,
            name=record.name,
            rank=record.rank,
            level=record.level,
            for_team=record.for_team,
            record=record,
        )

    @classmethod
    def maybe(cls, record: model.Tier | None) -> Tier | None:
        return cls.of(record) if record else None

    @strawberry.field
    def program(self, info: Ctx) -> Program | None:
        return then(info.context.loaders.program.get(self.record.program_id), Program.maybe)

    @strawberry.field(description="All criteria; `role` tells basic (all required) from core (any one)")
    def criteria(self, info: Ctx, role: enums.CriterionRole | None = None) -> list[Criterion]:
        return then(
            info.context.loaders.criteria_of_tier.get(str(self.id)),
            lambda records: [Criterion.of(r) for r in records if role is None or r.role == role],
        )

    @strawberry.field
    def relaxations(self, info: Ctx) -> list[Relaxation]:
        return then(
            info.context.loaders.relaxations_of_tier.get(str(self.id)),
            lambda records: [Relaxation.of(r) for r in records],
        )

    @strawberry.field
    def benefits(self, info: Ctx) -> list[Benefit]:
        return then(
            info.context.loaders.benefits_of_tier.get(str(self.id)),
            lambda records: [Benefit.of(r) for r in records],
        )

    @strawberry.field(description="The provisions that define the tier and its criteria, in order")
    def citations(self, info: Ctx) -> list[Provision]:
        def cited(criteria: list[model.Criterion]) -> list[Provision]:
            ids = list(dict.fromkeys([self.record.cited_in, *(c.cited_in for c in criteria)]))
            return then(
                provisions_of(info, ids),
                lambda provisions: sorted(provisions, key=lambda p: (p.policy_id, p.ordinal)),
            )

        return then(info.context.loaders.criteria_of_tier.get(str(self.id)), cited)

    @strawberry.field
    def confers_title(self, info: Ctx) -> Title | None:
        titles = info.context.entities.catalog.titles
        title_id = self.record.confers_title_id
        return Title.of(titles[title_id]) if title_id in titles else None


@strawberry.type(description="A talent program (官渡高层次人才（团队）, 云南省“千人计划” …)")
class Program:
    id: strawberry.ID
    name: str
    level: enums.Level | None
    region: str | None
    aliases: list[str]
    record: strawberry.Private[model.Program]

    @classmethod
    def of(cls, record: model.Program) -> Program:
        return cls(
            id=strawberry.ID(record.id),
            name=record.name,
            level=record.level,
            region=record.region,
            aliases=list(record.aliases),
            record=record,
        )

    @classmethod
    def maybe(cls, record: model.Program | None) -> Program | None:
        return cls.of(record) if record else None

    @classmethod
    def each(cls, records: Iterable[model.Program]) -> list[Program]:
        return [cls.of(r) for r in records]

    @strawberry.field
    def policy(self, info: Ctx) -> Policy | None:
        return then(info.context.loaders.policy.get(self.record.policy_id), Policy.maybe)

    @strawberry.field
    def tiers(self, info: Ctx) -> list[Tier]:
        return then(
            info.context.loaders.tiers_of_program.get(str(self.id)), lambda records: [Tier.of(r) for r in records]
        )

    @strawberry.field
    def citation(self, info: Ctx) -> Provision:
        return citation_of(info, self.record.cited_in)


@strawberry.type(description="A no-stacking (or explicit stacking) rule")
class StackingRule:
    id: strawberry.ID
    kind: enums.StackingKind
    text: str
    scope: str | None
    governs: list[strawberry.ID]
    record: strawberry.Private[model.StackingRule]

    @classmethod
    def of(cls, record: model.StackingRule) -> StackingRule:
        return cls(
            id=strawberry.ID(record.id),
            kind=record.kind,
            text=record.text,
            scope=record.scope,
            governs=_ids(record.governs),
            record=record,
        )

    @strawberry.field
    def citation(self, info: Ctx) -> Provision:
        return citation_of(info, self.record.cited_in)


@strawberry.type
class SearchHit:
    kind: enums.ProvisionKind
    id: strawberry.ID
    label: str | None
    snippet: str
    score: float
    policy_id: strawberry.ID


