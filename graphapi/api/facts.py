"""The facts an operation reasons over: fetched in at most two store round trips, then kept in
memory while the graph does not change.

Fetching: one query for the facts (its rows carry the graph's version), one for the provisions
they cite. Both are decoded once and cached per store; a region chain's `Knowledge` is built
once too and shared by every request that asks about it (it is read-only).

Freshness: every load writes a new graph version (cypher/load_document.cypher). A load through
this process calls `invalidate` and is seen at once. A load by another process (the ingest CLI)
is noticed by a version check that runs in the background once the cache is older than
`CHECK_SECONDS` (stale-while-revalidate): the request that notices it is answered from memory
and costs no round trip, and the requests after the check see the new graph.

Each request still gets its own DataLoaders; they are handed the cached records by reference
(`Loader.know`), so nested fields (tier, program, policy, citations) cost no further round trip
and nothing is copied per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import structlog

from graphapi.api.context import Context
from graphapi.api.loaders import Loaders
from graphapi.domain import model
from graphapi.domain.knowledge import Citation, Knowledge
from graphapi.store.base import GraphStore, StoreError, round_trips
from graphapi.store.mapping import from_props

Row = dict[str, Any]
CHECK_SECONDS = 2.0

log = structlog.get_logger("graphapi")


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


@dataclass(frozen=True, slots=True)
class Prepared:
    """What requests share about a slice: its Knowledge and the mappings their loaders answer from."""

    knowledge: Knowledge
    provisions: Mapping[str, model.Provision]
    policies: Mapping[str, model.Policy]
    by_tier: Mapping[str, Mapping[str, list[Any]]]  # loader name -> tier id -> records

    @classmethod
    def of(cls, facts: Slice, cited: Mapping[str, Cited], *, complete_tiers: bool) -> Prepared:
        mine = {i: cited[i] for i in facts.cited_ids() if i in cited}
        by_tier: dict[str, dict[str, list[Any]]] = {}
        if complete_tiers:  # every fact of these tiers was fetched, so the lists are whole
            for name, records in (
                ("criteria_of_tier", facts.criteria.values()),
                ("benefits_of_tier", facts.benefits.values()),
                ("relaxations_of_tier", facts.relaxations.values()),
            ):
                grouped: dict[str, list[Any]] = {tier_id: [] for tier_id in facts.tiers}
                for record in sorted(records, key=lambda r: r.id):
                    grouped[record.tier_id].append(record)
                by_tier[name] = grouped
        knowledge = Knowledge(
            programs=facts.programs.values(),
            tiers=facts.tiers.values(),
            criteria=facts.criteria.values(),
            relaxations=facts.relaxations.values(),
            benefits=facts.benefits.values(),
            stacking_rules=facts.rules.values(),
            citations={i: c.citation for i, c in mine.items()},
        )
        return cls(
            knowledge,
            {i: c.provision for i, c in mine.items()},
            {c.policy.id: c.policy for c in mine.values()},
            by_tier,
        )

    def hand_to(self, loaders: Loaders, facts: Slice) -> None:
        loaders.provision.know(self.provisions)
        loaders.policy.know(self.policies)
        loaders.program.know(facts.programs)
        loaders.tier.know(facts.tiers)
        loaders.benefit.know(facts.benefits)
        loaders.rule.know(facts.rules)
        for name, grouped in self.by_tier.items():
            getattr(loaders, name).know(grouped)


@dataclass(slots=True)
class FactCache:
    """Decoded facts of one store, valid for one graph version."""

    version: Any = None
    checked_at: float = float("-inf")
    by_regions: dict[tuple[str, ...] | None, tuple[Slice, Prepared]] = field(default_factory=dict)
    by_benefit: dict[str, Slice] = field(default_factory=dict)
    cited: dict[str, Cited] = field(default_factory=dict)
    checking: asyncio.Task[None] | None = None

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

    def revalidate(self, store: GraphStore) -> None:
        """Check the graph's version in the background (once at a time) when the cache is stale."""
        if not self.stale or (self.checking is not None and not self.checking.done()):
            return
        self.checking = asyncio.get_running_loop().create_task(self._check(store))

    async def _check(self, store: GraphStore) -> None:
        round_trips.set(None)  # this task's own context: not a round trip of the request that began it
        try:
            (row,) = await store.read("graph_version")
        except StoreError as error:  # the next request that needs the store will say so
            log.warning("graph_version_check_failed", error=str(error))
            return
        self.observe(row["version"])


_caches: weakref.WeakKeyDictionary[GraphStore, FactCache] = weakref.WeakKeyDictionary()


def cache_of(store: GraphStore) -> FactCache:
    cache = _caches.get(store)
    if cache is None:
        cache = _caches[store] = FactCache()
    return cache


def invalidate(store: GraphStore) -> None:
    """Forget cached facts now (this process has just changed the graph)."""
    cache = _caches.pop(store, None)
    if cache is not None and cache.checking is not None:
        with contextlib.suppress(RuntimeError):  # no running loop: nothing to cancel
            cache.checking.cancel()


async def for_regions(ctx: Context, region_names: Iterable[str] | None) -> Knowledge:
    """Programs that apply in the given regions (None: every program), with all their facts."""
    key = tuple(sorted(set(region_names))) if region_names is not None else None
    cache = cache_of(ctx.store)
    found = cache.by_regions.get(key)
    if found is None:
        rows = await ctx.store.read("knowledge_by_regions", regions=list(key) if key is not None else None)
        _observe_rows(cache, rows)
        facts = Slice()
        for row in rows:
            facts.add_row(row)
        await _cite(ctx, cache, facts.cited_ids())
        found = cache.by_regions[key] = (facts, Prepared.of(facts, cache.cited, complete_tiers=True))
    else:
        cache.revalidate(ctx.store)
    facts, prepared = found
    prepared.hand_to(ctx.loaders, facts)
    return prepared.knowledge


async def for_benefits(ctx: Context, benefit_ids: Iterable[str]) -> Knowledge:
    """The given benefits with their tiers, programs and the rules governing them."""
    wanted = set(benefit_ids)
    cache = cache_of(ctx.store)
    if wanted <= cache.by_benefit.keys():
        cache.revalidate(ctx.store)
    else:
        # All of them, not only the missing ones: if the graph changed, the rows' version empties
        # the cache, and what was cached must not be asked for again in a third round trip.
        rows = await ctx.store.read("knowledge_by_benefits", ids=sorted(wanted))
        _observe_rows(cache, rows)
        parts: list[Slice] = []
        for row in rows:
            part = Slice()
            part.add_row(row)
            parts.append(part)
            for benefit_id in part.benefits:
                cache.by_benefit[benefit_id] = part
        await _cite(ctx, cache, set().union(*(part.cited_ids() for part in parts)))
    combined = Slice()
    for benefit_id in wanted:
        part = cache.by_benefit.get(benefit_id)
        if part is not None:
            combined.merge(part)
    combined.benefits = {i: b for i, b in combined.benefits.items() if i in wanted}
    prepared = Prepared.of(combined, cache.cited, complete_tiers=False)
    prepared.hand_to(ctx.loaders, combined)
    return prepared.knowledge


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
