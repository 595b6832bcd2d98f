"""Per-request DataLoaders: every relationship the schema follows is one batched query per level.

Each loader names a query in cypher/ that takes `$ids` and returns `key` (the id asked for) and
`n` (a property map). Loaders are created per request so that nothing leaks between users.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
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
    """A DataLoader with a plain dict of values already known to the request.

    Reasoning operations fetch whole subgraphs up front and hand every record over with
    `prime_many`; a dict update costs far less than priming a DataLoader, which makes a future
    per key, and known values are returned without scheduling a batch."""

    __slots__ = ("_known", "_loader")

    def __init__(self, loader: DataLoader[str, V]) -> None:
        self._loader = loader
        self._known: dict[str, V] = {}

    async def load(self, key: str) -> V:
        if key in self._known:
            return self._known[key]
        return await self._loader.load(key)

    async def load_many(self, keys: Sequence[str]) -> list[V]:
        if all(key in self._known for key in keys):
            return [self._known[key] for key in keys]
        return list(await self._loader.load_many(keys))

    def prime(self, key: str, value: V) -> None:
        self._known[key] = value

    def prime_many(self, values: dict[str, V]) -> None:
        self._known.update(values)


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
