"""Per-request DataLoaders: every relationship the schema follows is one batched query per level.

Each loader names a query in cypher/ that takes `$ids` and returns `key` (the id asked for) and
`n` (a property map). Loaders are created per request so that nothing leaks between users.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from strawberry.dataloader import DataLoader

from graphapi.domain import model
from graphapi.store.base import GraphStore
from graphapi.store.mapping import from_props

R = TypeVar("R")


def _one_each(store: GraphStore, query: str, cls: type[R]) -> DataLoader[str, R | None]:
    async def batch(ids: Sequence[str]) -> list[R | None]:
        rows = await store.read(query, ids=list(ids))
        found = {row["key"]: from_props(cls, row["n"]) for row in rows}
        return [found.get(i) for i in ids]

    return DataLoader(batch)


def _many_each(store: GraphStore, query: str, cls: type[R]) -> DataLoader[str, list[R]]:
    """Rows come back in the order the query sorts them; that order is kept per key."""

    async def batch(ids: Sequence[str]) -> list[list[R]]:
        rows = await store.read(query, ids=list(ids))
        grouped: dict[str, list[R]] = defaultdict(list)
        for row in rows:
            grouped[row["key"]].append(from_props(cls, row["n"]))
        return [grouped.get(i, []) for i in ids]

    return DataLoader(batch)


@dataclass(slots=True)
class Loaders:
    policy: DataLoader[str, model.Policy | None]
    provision: DataLoader[str, model.Provision | None]
    provisions_of_policy: DataLoader[str, list[model.Provision]]
    children: DataLoader[str, list[model.Provision]]
    program: DataLoader[str, model.Program | None]
    programs_of_policy: DataLoader[str, list[model.Program]]
    tier: DataLoader[str, model.Tier | None]
    tiers_of_program: DataLoader[str, list[model.Tier]]
    criteria_of_tier: DataLoader[str, list[model.Criterion]]
    benefits_of_tier: DataLoader[str, list[model.Benefit]]
    relaxations_of_tier: DataLoader[str, list[model.Relaxation]]
    benefit: DataLoader[str, model.Benefit | None]
    rule: DataLoader[str, model.StackingRule | None]

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
