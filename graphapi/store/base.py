"""The one small async interface both graph backends implement.

Queries are never written inline: callers name a file of `cypher/` (see `graphapi.store.queries`)
and pass parameters. User input only ever reaches Cypher as parameters.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any, Protocol

Row = dict[str, Any]


class StoreError(Exception):
    """A query failed for a reason that is not the store being away."""


class StoreUnavailable(StoreError):
    """The store cannot be reached (process dead, server down, connection refused)."""


class RoundTripCounter:
    """Round trips of one operation, and the calls still waiting for the store's answer. A
    mutable object rather than an int in the ContextVar: DataLoader batches run in tasks of
    their own, which see the operation's counter but whose ContextVar assignments would not
    reach it."""

    __slots__ = ("_tokens", "_unanswered", "count")

    def __init__(self) -> None:
        self.count = 0
        self._unanswered: dict[int, float] = {}  # token -> time.monotonic() when sent
        self._tokens = itertools.count()

    @contextlib.contextmanager
    def waiting(self) -> Iterator[None]:
        """Around one store call. A call cancelled before its answer came (the operation ran out
        of time) stays unanswered: that is what `longest_wait` reports."""
        token = next(self._tokens)
        self._unanswered[token] = time.monotonic()
        try:
            yield
        except asyncio.CancelledError:
            raise
        except BaseException:
            del self._unanswered[token]
            raise
        del self._unanswered[token]

    def longest_wait(self) -> float:
        """Seconds the oldest call still without an answer has waited (0 when none)."""
        if not self._unanswered:
            return 0.0
        return time.monotonic() - min(self._unanswered.values())


# The GraphQL layer starts a counter per operation and reports it in `extensions` when
# debugging is on; adapters mark every call that reaches the store with `round_trip()`.
round_trips: ContextVar[RoundTripCounter | None] = ContextVar("round_trips", default=None)


def start_counting() -> RoundTripCounter:
    """A fresh counter for the current context (and the tasks it starts from now on)."""
    counter = RoundTripCounter()
    round_trips.set(counter)
    return counter


@contextlib.contextmanager
def round_trip() -> Iterator[None]:
    """Around one call that reaches the store: counted on the operation's counter, and its wait
    recorded, so that an operation which ran out of time can tell whether the store kept it
    waiting."""
    counter = round_trips.get()
    if counter is None:
        yield
        return
    counter.count += 1
    with counter.waiting():
        yield


def plain(query: str, column: str, value: Any, elements: tuple[type, ...]) -> Any:
    """A returned value as plain dicts and lists. Graph elements (the driver's node,
    relationship and path types, `elements`) are refused: queries return maps such as
    `n {.*}`, which both backends give alike."""
    if isinstance(value, elements):
        raise StoreError(
            f"query {query!r} returns a graph element in column {column!r}: return a map, e.g. n {{.*}}"
        )
    if isinstance(value, dict):
        return {key: plain(query, column, item, elements) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(query, column, item, elements) for item in value]
    return value


class GraphStore(Protocol):
    backend: str  # "falkordb" | "neo4j"

    async def open(self) -> None:
        """Connect (start the embedded server) and ensure indexes and constraints exist."""

    async def close(self) -> None: ...

    async def ping(self) -> None:
        """Raise StoreUnavailable with the reason when the store does not answer."""

    async def read(self, query: str, /, **params: Any) -> list[Row]:
        """Run the named read query; one round trip; rows as plain dicts.

        `query` is positional-only so that a Cypher parameter may be called $query too."""

    async def write(self, query: str, /, **params: Any) -> None:
        """Run the named write query atomically; one round trip."""

    def fulltext_query(self, text: str) -> str:
        """Turn user text into this backend's full-text query string (phrase semantics).

        Returns '' when the text holds nothing searchable (only punctuation or spaces): the
        caller then has no hits and must not run the search query.
        """

    def index_terms(self, text: str) -> str | None:
        """The value the loader stores in a Provision's `searchTerms` so that `fulltext_query`
        finds it (FalkorDB: character bigrams, see graphapi.store.fulltext), or None when the
        backend indexes `text` itself (Neo4j)."""

    async def reset(self) -> None:
        """Delete every node and relationship (keeps indexes)."""
