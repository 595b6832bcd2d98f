"""What a resolver can reach: the store, this request's loaders, the entity resolver, regions."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphapi.api.loaders import Loaders
from graphapi.api.notices import Notice
from graphapi.domain.entities import EntityResolver
from graphapi.domain.regions import RegionTree
from graphapi.store.base import GraphStore


@dataclass(slots=True)
class Context:
    store: GraphStore
    loaders: Loaders
    entities: EntityResolver
    regions: RegionTree
    role: str | None = None  # from the API key, when one was presented
    notices: list[Notice] = field(default_factory=list)  # see graphapi.api.notices

    @classmethod
    def create(
        cls, store: GraphStore, entities: EntityResolver, regions: RegionTree, role: str | None = None
    ) -> Context:
        return cls(store, Loaders.create(store), entities, regions, role)
