"""The one small async interface both graph backends implement.

Queries are never written inline: callers name a file of `cypher/` (see `graphapi.store.queries`)
and pass parameters. User input only ever reaches Cypher as parameters.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any, Protocol

Row = dict[str, Any]


class StoreError(Exception):
    """A query failed for a reason that is not the store being away."""


class StoreUnavailable(StoreError):
    """The store cannot be reached (process dead, server down, connection refused)."""


# Round trips of the current operation. The GraphQL layer resets it per request and reports
# it in `extensions` when debugging is on; adapters add one per call that reaches the store.
round_trips: ContextVar[int] = ContextVar("round_trips", default=0)


def count_round_trip() -> None:
    round_trips.set(round_trips.get() + 1)


class GraphStore(Protocol):
    backend: str  # "falkordb" | "neo4j"

    async def open(self) -> None:
        """Connect (start the embedded server) and ensure indexes and constraints exist."""

    async def close(self) -> None: ...

    async def ping(self) -> None:
        """Raise StoreUnavailable with the reason when the store does not answer."""

    async def read(self, query: str, **params: Any) -> list[Row]:
        """Run the named read query; one round trip; rows as plain dicts."""

    async def write(self, query: str, **params: Any) -> None:
        """Run the named write query atomically; one round trip."""

    def fulltext_query(self, text: str) -> str:
        """Turn user text into this backend's full-text query string (phrase semantics)."""

    async def reset(self) -> None:
        """Delete every node and relationship (keeps indexes)."""
