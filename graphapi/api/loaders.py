"""Per-request DataLoaders: every relationship the schema follows is one batched query per level.

Each loader names a query in cypher/ that takes `$ids` and returns `key` (the id asked for) and
`n` (a property map). Loaders are created per request so that nothing leaks between users.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Generic, TypeVar

from strawberry.dataloader import DataLoader

from graphapi.domain import model
from graphapi.store.base import GraphStore
from graphapi.store.mapping import from_props

R = TypeVar("R")
V = TypeVar("V")


class Loader(Generic[V]):
    """A DataLoader that also answers at once what the request already knows.

    Reasoning operations fetch whole subgraphs up front and hand them over with `know` (the
    mapping is kept, not copied: a cached mapping costs nothing to hand over) or `prime_many`;
    values a batch has loaded are known too. `get` returns a known value itself, so that a
    field over it resolves synchronously: an awaitable per field is what makes graphql-core
    slow on large answers."""

    __slots__ = ("_known", "_shared", "_loader")

    def __init__(self, loader: DataLoader[str, V]) -> None:
        self._loader = loader
        self._known: dict[str, V] = {}
        self._shared: list[Mapping[str, V]] = []

    def _lookup(self, key: str) -> V | _Missing:
        if key in self._known:
            return self._known[key]
        for values in self._shared:
            if key in values:
                return values[key]
        return MISSING

    def get(self, key: str) -> V | Awaitable[V]:
        """The value itself when known, else an awaitable of it (batched with the others)."""
        found = self._lookup(key)
        return self.load(key) if found is MISSING else found

    def get_many(self, keys: Sequence[str]) -> list[V] | Awaitable[list[V]]:
        found = [self._lookup(key) for key in keys]
        return self.load_many(keys) if MISSING in found else found  # type: ignore[return-value]

    async def load(self, key: str) -> V:
        found = self._lookup(key)
        if found is not MISSING:
            return found
        value = await self._loader.load(key)
        self._known[key] = value
        return value

    async def load_many(self, keys: Sequence[str]) -> list[V]:
        found = [self._lookup(key) for key in keys]
        if MISSING not in found:
            return found  # type: ignore[return-value]
        values = list(await self._loader.load_many(keys))
        self._known.update(zip(keys, values, strict=True))
        return values

    def prime(self, key: str, value: V) -> None:
        self._known[key] = value

    def prime_many(self, values: Mapping[str, V]) -> None:
        self._known.update(values)

    def know(self, values: Mapping[str, V]) -> None:
        """Values to answer from, kept by reference: the caller must not change them."""
        self._shared.append(values)


class _Missing:
    __slots__ = ()


MISSING = _Missing()


def then(value: V | Awaitable[V], convert: Callable[[V], R]) -> R | Awaitable[R]:
    """`convert(value)` now when the value is there, else an awaitable of it.

    Resolvers return this from plain `def`s: graphql-core awaits an awaitable result of a
    synchronous resolver, and resolves everything else without a task."""
    if inspect.isawaitable(value):

        async def later() -> R:
            return convert(await value)

        return later()
    return convert(value)  # type: ignore[arg-type]


def _one_each(store: GraphStore, query: str, cls: type[R]) -> Loader[R | None]:
    async def batch(ids: Sequence[str]) -> list[R | None]:
        rows = await store.read(query, ids=list(ids))
        found = {row["key"]: from_props(cls, row["n"]) for row in rows}
        return [found.get(i) for i in ids]

    return Loader(DataLoader(batch))


def _many_each(store: GraphStore, query: str, cls: type[R]) -> Loader[list[R]]:
    """Rows come back in the order the query sorts them; that order is kept per key."""

    async def batch(ids: Sequence[str]) -> list[list[R]]:
        rows = await store.read(query, ids=list(ids))
        grouped: dict[str, list[R]] = defaultdict(list)
        for row in rows:
            grouped[row["key"]].append(from_props(cls, row["n"]))
        return [grouped.get(i, []) for i in ids]

    return Loader(DataLoader(batch))


@dataclass(frozen=True, slots=True)
class PolicyParts:
    """Every provision of a policy in document order, and the programs it establishes or governs."""

    provisions: list[model.Provision]
    programs: list[model.Program]


def _parts_each(store: GraphStore, loaders: Loaders) -> Loader[PolicyParts]:
    """One query for a policy's provisions, programs and their tiers; what it brings is handed to
    the other loaders too, so that `parent`, `children`, `tiers` below cost no round trip."""

    async def batch(ids: Sequence[str]) -> list[PolicyParts]:
        found: dict[str, PolicyParts] = {}
        for row in await store.read("parts_by_policies", ids=list(ids)):
            provisions = [from_props(model.Provision, props) for props in row["provisions"]]
            programs: list[model.Program] = []
            for entry in row["programs"]:
                if entry["program"] is None:  # OPTIONAL MATCH found none
                    continue
                program = from_props(model.Program, entry["program"])
                tiers = sorted((from_props(model.Tier, t) for t in entry["tiers"]), key=lambda t: (t.rank, t.id))
                programs.append(program)
                loaders.tiers_of_program.prime(program.id, tiers)
                loaders.tier.prime_many({t.id: t for t in tiers})
            loaders.program.prime_many({p.id: p for p in programs})
            # Every provision of the policy is here, so each one's list of children is whole.
            children: dict[str, list[model.Provision]] = {p.id: [] for p in provisions}
            for provision in provisions:
                if provision.parent_id in children:
                    children[provision.parent_id].append(provision)
            loaders.provision.prime_many({p.id: p for p in provisions})
            loaders.children.prime_many(children)
            found[row["key"]] = PolicyParts(provisions, programs)
        return [found.get(i, PolicyParts([], [])) for i in ids]

    return Loader(DataLoader(batch))


@dataclass(frozen=True, slots=True)
class PolicyLink:
    """A link from or to a policy: what kind, the policy at the other end, where it is stated."""

    kind: model.ReferenceKind
    outgoing: bool  # this policy cites, repeals, amends or promulgates the other one
    other: model.Policy
    cited_in: str | None


def _links_each(store: GraphStore, loaders: Loaders) -> Loader[list[PolicyLink]]:
    async def batch(ids: Sequence[str]) -> list[list[PolicyLink]]:
        grouped: dict[str, list[PolicyLink]] = defaultdict(list)
        for row in await store.read("links_by_policies", ids=list(ids)):
            other = from_props(model.Policy, row["n"])
            loaders.policy.prime(other.id, other)
            grouped[row["key"]].append(
                PolicyLink(model.ReferenceKind(row["kind"]), bool(row["outgoing"]), other, row["citedIn"])
            )
        return [grouped.get(i, []) for i in ids]

    return Loader(DataLoader(batch))


@dataclass(slots=True)
class Loaders:
    policy: Loader[model.Policy | None]
    provision: Loader[model.Provision | None]
    children: Loader[list[model.Provision]]
    program: Loader[model.Program | None]
    tier: Loader[model.Tier | None]
    tiers_of_program: Loader[list[model.Tier]]
    criteria_of_tier: Loader[list[model.Criterion]]
    benefits_of_tier: Loader[list[model.Benefit]]
    relaxations_of_tier: Loader[list[model.Relaxation]]
    benefit: Loader[model.Benefit | None]
    rule: Loader[model.StackingRule | None]
    # These two prime the others, so they are made last.
    parts_of_policy: Loader[PolicyParts] = field(init=False)
    links_of_policy: Loader[list[PolicyLink]] = field(init=False)

    @classmethod
    def create(cls, store: GraphStore) -> Loaders:
        one = partial(_one_each, store)
        many = partial(_many_each, store)
        loaders = cls(
            policy=one("policies_by_ids", model.Policy),
            provision=one("provisions_by_ids", model.Provision),
            children=many("provisions_by_parents", model.Provision),
            program=one("programs_by_ids", model.Program),
            tier=one("tiers_by_ids", model.Tier),
            tiers_of_program=many("tiers_by_programs", model.Tier),
            criteria_of_tier=many("criteria_by_tiers", model.Criterion),
            benefits_of_tier=many("benefits_by_tiers", model.Benefit),
            relaxations_of_tier=many("relaxations_by_tiers", model.Relaxation),
            benefit=one("benefits_by_ids", model.Benefit),
            rule=one("rules_by_ids", model.StackingRule),
        )
        loaders.parts_of_policy = _parts_each(store, loaders)
        loaders.links_of_policy = _links_each(store, loaders)
        return loaders
