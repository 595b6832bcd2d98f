"""The Query root: thin resolvers that validate input, call a loader, the store or the domain."""

from __future__ import annotations

import strawberry

from graphapi.api import enums
from graphapi.api import reasoning
from graphapi.api.errors import bad_input
from graphapi.api.types import (
    Award,
    Ctx,
    PageInfo,
    Policy,
    PolicyConnection,
    PolicyEdge,
    Program,
    Provision,
    SearchHit,
    Tier,
    Title,
    TitleMatch,
    decode_cursor,
    encode_cursor,
)
from graphapi.domain import model
from graphapi.domain.snippets import make_snippet
from graphapi.domain.text import to_simplified
from graphapi.store.mapping import from_props

MAX_PAGE = 100
MAX_SEARCH_TEXT = 200
MAX_NAME = 200


def page_size(first: int | None, default: int = 20) -> int:
    """`first` as asked (null means the default), refused outside 0..MAX_PAGE."""
    if first is None:
        return default
    if not 0 <= first <= MAX_PAGE:
        raise bad_input(f"first must be between 0 and {MAX_PAGE}, got {first}", argument="first")
    return first


def short_text(value: str, argument: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise bad_input(f"{argument} must not be empty", argument=argument)
    if len(value) > limit:
        raise bad_input(
            f"{argument} is {len(value)} characters long; the limit is {limit}", argument=argument
        )
    return value


@strawberry.input
class PolicyFilter:
    level: enums.Level | None = None
    region: str | None = strawberry.field(
        default=None, description="A region name; policies of regions inside it are included"
    )
    status: enums.PolicyStatus | None = None
    include_placeholders: bool = strawberry.field(
        default=False, description="Also list documents that are cited but not loaded"
    )


@strawberry.type
class Query:
    @strawberry.field(description="Policies ordered by id, a page at a time")
    async def policies(
        self,
        info: Ctx,
        first: int | None = 20,
        after: str | None = None,
        filter: PolicyFilter | None = None,
    ) -> PolicyConnection:
        first = page_size(first)
        after_id = ""
        if after:
            after_id = decode_cursor(after) or ""
            if not after_id:
                raise bad_input("after is not a cursor returned by this API", argument="after")
        regions = None
        if filter and filter.region:
            name = short_text(filter.region, "filter.region", MAX_NAME)
            region = info.context.regions.locate(to_simplified(name))
            if region is None:
                raise bad_input(f"unknown region {name!r}", argument="filter.region")
            regions = [r.name for r in info.context.regions.within(region.id)]
        (row,) = await info.context.store.read(
            "policies_page",
            level=filter.level.value if filter and filter.level else None,
            regions=regions,
            status=filter.status.value if filter and filter.status else None,
            includePlaceholders=bool(filter and filter.include_placeholders),
            after=after_id,
            first=first + 1,
        )
        records = [from_props(model.Policy, props) for props in row["page"]]
        for record in records:
            info.context.loaders.policy.prime(record.id, record)
        edges = [PolicyEdge(cursor=encode_cursor(r.id), node=Policy.of(r)) for r in records[:first]]
        return PolicyConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(records) > first,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=row["total"],
        )

    @strawberry.field
    async def policy(self, info: Ctx, id: strawberry.ID) -> Policy | None:
        return Policy.maybe(await info.context.loaders.policy.load(str(id)))

    @strawberry.field
    async def provision(self, info: Ctx, id: strawberry.ID) -> Provision | None:
        record = await info.context.loaders.provision.load(str(id))
        return Provision.of(record) if record else None

    @strawberry.field(
        description="Every program, or with `region` those that apply there (its own, the regions around it, national)"
    )
    async def programs(self, info: Ctx, region: str | None = None) -> list[Program]:
        regions = None
        if region is not None:
            name = short_text(region, "region", MAX_NAME)
            found = info.context.regions.locate(to_simplified(name))
            if found is None:
                raise bad_input(f"unknown region {name!r}", argument="region")
            regions = [r.name for r in info.context.regions.ancestors(found.id)]
        rows = await info.context.store.read("programs_all", regions=regions)
        records = [from_props(model.Program, row["n"]) for row in rows]
        for record in records:
            info.context.loaders.program.prime(record.id, record)
        return [Program.of(r) for r in records]

    @strawberry.field
    async def tier(self, info: Ctx, id: strawberry.ID) -> Tier | None:
        return Tier.maybe(await info.context.loaders.tier.load(str(id)))

    @strawberry.field(description="Canonical titles, fuzzy-matched when `search` is given")
    def titles(self, info: Ctx, search: str | None = None, first: int | None = 20) -> list[Title]:
        first = page_size(first)
        entities = info.context.entities
        if search is None:
            titles = sorted(entities.catalog.titles.values(), key=lambda t: t.id)
            return [Title.of(t) for t in titles if not t.is_class][:first]
        text = short_text(search, "search", MAX_NAME)
        return [Title.of(m.entity) for m in entities.search_titles(text, first)]

    @strawberry.field(description="The canonical title a name refers to (any script, alias or abbreviation)")
    def resolve_title(self, info: Ctx, name: str) -> TitleMatch | None:
        match = info.context.entities.resolve_title(short_text(name, "name", MAX_NAME))
        if match is None:
            return None
        return TitleMatch(title=Title.of(match.entity), score=match.score, matched_alias=match.matched_alias)

    @strawberry.field
    def awards(self, info: Ctx) -> list[Award]:
        awards = sorted(info.context.entities.catalog.awards.values(), key=lambda a: a.id)
        return [Award.of(a) for a in awards]

    @strawberry.field(description="Full-text search over provision text (any script), with snippets")
    async def search(self, info: Ctx, text: str, first: int | None = 20) -> list[SearchHit]:
        first = page_size(first)
        phrase = to_simplified(short_text(text, "text", MAX_SEARCH_TEXT))
        store = info.context.store
        rows = await store.read("search_provisions", query=store.fulltext_query(phrase), first=first)
        return [
            SearchHit(
                kind=model.ProvisionKind(row["kind"]),
                id=strawberry.ID(row["id"]),
                label=row["label"],
                snippet=make_snippet(row["text"], phrase),
                score=float(row["score"]),
                policy_id=strawberry.ID(row["policyId"]),
            )
            for row in rows
        ]

    qualifying_tiers: list[reasoning.TierMatch] = strawberry.field(
        resolver=reasoning.qualifying_tiers,
        description="How the profile stands for each tier (by default the tiers where a core criterion matched)",
    )
    check_duplicate_enjoyment: reasoning.DuplicateReport = strawberry.field(
        resolver=reasoning.check_duplicate_enjoyment,
        description="Apply the no-stacking rules (不重复享受、从高从优) to each person's claims",
    )
    best_package: reasoning.BenefitPackage = strawberry.field(
        resolver=reasoning.best_package,
        description="Every benefit the profile can lawfully receive, stacking rules applied",
    )
