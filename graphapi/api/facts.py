"""The facts an operation reasons over, fetched in at most two round trips and kept while the
graph does not change.

Fetching: one query for the facts (with the graph's version), one for the provisions they
cite. The decoded records are cached per store and reused until the graph's version changes:
every load writes a new version (cypher/load_document.cypher), and a cache older than
`CHECK_SECONDS` asks for it again (one small round trip) before answering from memory. A load
through this process calls `invalidate` and is seen at once; one by another process (the
ingest CLI) within `CHECK_SECONDS`.

Each request still gets its own `Knowledge` priming its own DataLoaders, so nested fields (tier,
program, policy, citations) cost no further round trip.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graphapi.api.context import Context
from graphapi.api.loaders import Loaders
from graphapi.domain import model
from graphapi.domain.knowledge import Citation, Knowledge
from graphapi.store.base import GraphStore
from graphapi.store.mapping import from_props

Row = dict[str, Any]
CHECK_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Cited:
    provision: model.Provision
    policy: model.Policy
    citation: Citation


@dataclass(slots=True)
class Slice:
    """Decoded fact records of some tiers (all their facts, or only some benefits)."""

    programs: dict[str, model.Program] = field(default_factory=dict)
    tiers: dict[str, model.Tier] = field(default_factory=dict)
    criteria: dict[str, model.Criterion] = field(default_factory=dict)
    relaxations: dict[str, model.Relaxation] = field(default_factory=dict)
    benefits: dict[str, model.Benefit] = field(default_factory=dict)
    rules: dict[str, model.StackingRule] = field(default_factory=dict)

    def add_row(self, row: Row) -> None:
        program = from_props(model.Program, row["program"])
        tier = from_props(model.Tier, row["tier"])
        self.programs[program.id] = program
        self.tiers[tier.id] = tier
        for props in row["criteria"]:
            self.criteria[props["id"]] = from_props(model.Criterion, props)
        for props in row["relaxations"]:
            self.relaxations[props["id"]] = from_props(model.Relaxation, props)
        for props in row["benefits"]:
            self.benefits[props["id"]] = from_props(model.Benefit, props)
        for props in row["rules"]:
            self.rules[props["id"]] = from_props(model.StackingRule, props)

    def merge(self, other: Slice) -> None:
        for name in ("programs", "tiers", "criteria", "relaxations", "benefits", "rules"):
            getattr(self, name).update(getattr(other, name))

    def cited_ids(self) -> set[str]:
        records: list[Any] = [
            *self.programs.values(), *self.tiers.values(), *self.criteria.values(),
            *self.relaxations.values(), *self.benefits.values(), *self.rules.values(),
        ]
        return {record.cited_in for record in records}


@dataclass(slots=True)
class FactCache:
    """Decoded facts of one store, valid for one graph version."""

    version: Any = None
    checked_at: float = float("-inf")
    by_regions: dict[tuple[str, ...] | None, Slice] = field(default_factory=dict)
    by_benefit: dict[str, Slice] = field(default_factory=dict)
    cited: dict[str, Cited] = field(default_factory=dict)

    def observe(self, version: Any) -> None:
        """Record the graph's version as just read; forget everything if it moved."""
        if version != self.version:
            self.version = version
            self.by_regions.clear()
            self.by_benefit.clear()
            self.cited.clear()
        self.checked_at = time.monotonic()

    @property
    def stale(self) -> bool:
        return time.monotonic() - self.checked_at > CHECK_SECONDS


_caches: weakref.WeakKeyDictionary[GraphStore, FactCache] = weakref.WeakKeyDictionary()


def cache_of(store: GraphStore) -> FactCache:
    cache = _caches.get(store)
    if cache is None:
        cache = _caches[store] = FactCache()
    return cache


def invalidate(store: GraphStore) -> None:
    """Forget cached facts now (this process has just changed the graph)."""
    _caches.pop(store, None)


async def _check(ctx: Context, cache: FactCache) -> None:
    if cache.stale:
        (row,) = await ctx.store.read("graph_version")
        cache.observe(row["version"])


async def for_regions(ctx: Context, region_names: Iterable[str] | None) -> Knowledge:
    """Programs that apply in the given regions (None: every program), with all their facts."""
    key = tuple(sorted(set(region_names))) if region_names is not None else None
    cache = cache_of(ctx.store)
    if key in cache.by_regions:
        await _check(ctx, cache)
    found = cache.by_regions.get(key)
    if found is None:
        rows = await ctx.store.read("knowledge_by_regions", regions=list(key) if key is not None else None)
        _observe_rows(cache, rows)
        found = Slice()
        for row in rows:
            found.add_row(row)
        await _cite(ctx, cache, found.cited_ids())
        cache.by_regions[key] = found
    return _knowledge(ctx, cache, found, complete_tiers=True)


async def for_benefits(ctx: Context, benefit_ids: Iterable[str]) -> Knowledge:
    """The given benefits with their tiers, programs and the rules governing them."""
    wanted = set(benefit_ids)
    cache = cache_of(ctx.store)
    if wanted & cache.by_benefit.keys():
        await _check(ctx, cache)
    missing = sorted(wanted - cache.by_benefit.keys())
    if missing:
        rows = await ctx.store.read("knowledge_by_benefits", ids=missing)
        _observe_rows(cache, rows)
        fetched: list[Slice] = []
        for row in rows:
            part = Slice()
            part.add_row(row)
            fetched.append(part)
            for benefit_id in part.benefits:
                cache.by_benefit[benefit_id] = part
        await _cite(ctx, cache, set().union(*(part.cited_ids() for part in fetched)))
    combined = Slice()
    for benefit_id in wanted:
        part = cache.by_benefit.get(benefit_id)
        if part is not None:
            combined.merge(part)
    combined.benefits = {i: b for i, b in combined.benefits.items() if i in wanted}
    return _knowledge(ctx, cache, combined, complete_tiers=False)


def _observe_rows(cache: FactCache, rows: list[Row]) -> None:
    if rows:
        cache.observe(rows[0]["version"])


async def _cite(ctx: Context, cache: FactCache, provision_ids: set[str]) -> None:
    missing = sorted(provision_ids - cache.cited.keys())
    if not missing:
        return
    for row in await ctx.store.read("citations_by_ids", ids=missing):
        provision = from_props(model.Provision, row["n"])
        policy = from_props(model.Policy, row["policy"])
        labels = tuple(row["n"].get("citationLabels") or ())
        cache.cited[provision.id] = Cited(
            provision, policy, Citation(provision.id, policy.id, policy.title, labels)
        )


def _knowledge(ctx: Context, cache: FactCache, facts: Slice, *, complete_tiers: bool) -> Knowledge:
    cited = {i: cache.cited[i] for i in facts.cited_ids() if i in cache.cited}
    _prime(ctx.loaders, facts, cited, complete_tiers=complete_tiers)
    return Knowledge(
        programs=facts.programs.values(),
        tiers=facts.tiers.values(),
        criteria=facts.criteria.values(),
        relaxations=facts.relaxations.values(),
        benefits=facts.benefits.values(),
        stacking_rules=facts.rules.values(),
        citations={i: c.citation for i, c in cited.items()},
    )


def _prime(loaders: Loaders, facts: Slice, cited: dict[str, Cited], *, complete_tiers: bool) -> None:
    loaders.provision.prime_many({i: c.provision for i, c in cited.items()})
    loaders.policy.prime_many({c.policy.id: c.policy for c in cited.values()})
    loaders.program.prime_many(facts.programs)
    loaders.tier.prime_many(facts.tiers)
    loaders.benefit.prime_many(facts.benefits)
    loaders.rule.prime_many(facts.rules)
    if complete_tiers:  # every fact of these tiers was fetched, so the lists are whole
        for loader, records in (
            (loaders.criteria_of_tier, facts.criteria.values()),
            (loaders.benefits_of_tier, facts.benefits.values()),
            (loaders.relaxations_of_tier, facts.relaxations.values()),
        ):
            by_tier: dict[str, list[Any]] = {tier_id: [] for tier_id in facts.tiers}
            for record in sorted(records, key=lambda r: r.id):
                by_tier[record.tier_id].append(record)
            loader.prime_many(by_tier)
