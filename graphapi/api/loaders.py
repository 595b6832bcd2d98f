"""Per-request DataLoaders: every relationship the schema follows is one batched query per level.

Each loader names a query in cypher/ that takes `$ids` and returns `key` (the id asked for) and
`n` (a property map). Loaders are created per request so that nothing leaks between users.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
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


@dataclass(slots=True)
class Loaders:
    policy: Loader[model.Policy | None]
    provision: Loader[model.Provision | None]
    provisions_of_policy: Loader[list[model.Provision]]
    children: Loader[list[model.Provision]]
    program: Loader[model.Program | None]
    programs_of_policy: Loader[list[model.Program]]
    tier: Loader[model.Tier | None]
    tiers_of_program: Loader[list[model.Tier]]
    criteria_of_tier: Loader[list[model.Criterion]]
    benefits_of_tier: Loader[list[model.Benefit]]
    relaxations_of_tier: Loader[list[model.Relaxation]]
    benefit: Loader[model.Benefit | None]
    rule: Loader[model.StackingRule | None]

    @classmethod
    def create(cls, store: GraphStore) -> Loaders:
        one = partial(_one_each, store)
        many = partial(_many_each, store)
        return cls(
            policy=one("policies_by_ids", model.Policy),
            provision=one("provisions_by_ids", model.Provision),
            provisions_of_policy=many("provisions_by_policies", model.Provision),
            children=many("provisions_by_parents", model.Provision),
            program=one("programs_by_ids", model.Program),
            programs_of_policy=many("programs_by_policies", model.Program),
            tier=one("tiers_by_ids", model.Tier),
            tiers_of_program=many("tiers_by_programs", model.Tier),
            criteria_of_tier=many("criteria_by_tiers", model.Criterion),
            benefits_of_tier=many("benefits_by_tiers", model.Benefit),
            relaxations_of_tier=many("relaxations_by_tiers", model.Relaxation),
            benefit=one("benefits_by_ids", model.Benefit),
            rule=one("rules_by_ids", model.StackingRule),
        )
