"""Answers to read-only operations, kept while the graph does not change (a response cache).

Every answer of this API is a function of the request and the graph: the same query with the
same variables over the same graph version gives the same answer (reasoning that depends on
the date — 近五年 windows — is keyed by the year too). So a repeated question is answered from
memory, without parsing, validation, a store round trip or the per-field work of graphql-core,
which is what an answer of a few hundred fields costs (measured: 4 ms for the headline
qualifyingTiers at 1×, 0.05 ms from here).

What is kept: the `data` and `extensions` of queries (never mutations) that succeeded without
an error, up to `max_entries` answers and `max_bytes` of their JSON, least recently used out
first; not bulk calls (variables over MAX_VARIABLES_CHARACTERS), which do not repeat. Freshness is the fact cache's (graphapi.api.facts): entries carry the graph version they
were computed on and are dropped when it moves, and a hit past `CHECK_SECONDS` starts the same
background version check. A debug answer from here reports `storeRoundTrips: 0`, which is
true.
"""

from __future__ import annotations

import datetime
import json
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import GraphQLError, OperationType, get_operation_ast, parse
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from graphapi.api import facts
from graphapi.store.base import GraphStore

MAX_QUERY_CHARACTERS = 20_000  # longer texts are not worth keeping (nor parsing twice)
# Questions repeat; bulk calls (100 000 claims) do not, and their keys would be megabytes.
MAX_VARIABLES_CHARACTERS = 16_000
MAX_ANSWER_BYTES = 1_000_000  # an answer larger than this is computed each time
# Variables holding more values than this are a bulk call: left out before they are serialised.
MAX_VARIABLE_VALUES = 2_000

Key = tuple[str, str | None, str]


@dataclass(frozen=True, slots=True)
class _Entry:
    version: Any
    year: int
    data: Any
    extensions: dict[str, Any] | None
    size: int


@lru_cache(maxsize=512)
def _is_query(query: str, operation_name: str | None) -> bool:
    try:
        operation = get_operation_ast(parse(query), operation_name)
    except GraphQLError:
        return False  # not parsed here: the normal path reports it
    return operation is not None and operation.operation is OperationType.QUERY


class ResponseCache:
    def __init__(self, max_entries: int = 1024, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._bytes = 0

    def key(self, request: GraphQLRequestData) -> Key | None:
        """What a request's answer is kept under; None for what is never kept. Computed once
        per request, for `get` and then `put`."""
        query = request.query
        if self.max_entries == 0 or not query or len(query) > MAX_QUERY_CHARACTERS or request.extensions:
            return None
        if not _is_query(query, request.operation_name) or not _few_values(request.variables):
            return None
        try:
            variables = json.dumps(request.variables or {}, sort_keys=True, ensure_ascii=False)
        except (TypeError, ValueError):
            return None
        if len(variables) > MAX_VARIABLES_CHARACTERS:
            return None
        return (query, request.operation_name, variables)

    def get(self, store: GraphStore, key: Key | None, *, debug: bool) -> ExecutionResult | None:
        """The kept answer to the request of this key over the current graph, or None."""
        if key is None:
            return None
        entry = self._entries.get(key)
        if entry is None:
            return None
        current = facts.cache_of(store)
        if entry.version != current.version or entry.year != datetime.date.today().year:
            self._drop(key)
            return None
        current.revalidate(store)  # past CHECK_SECONDS: look for a newer graph in the background
        self._entries.move_to_end(key)
        extensions = dict(entry.extensions or {})
        if debug:
            extensions["storeRoundTrips"] = 0
        return ExecutionResult(data=entry.data, errors=None, extensions=extensions or None)

    def version_now(self, store: GraphStore) -> Any:
        return facts.cache_of(store).version

    def put(self, store: GraphStore, key: Key | None, result: ExecutionResult, version: Any) -> None:
        """Keep a successful answer computed on graph `version` (the version when it began)."""
        if key is None or result.errors or result.data is None or version is None:
            return
        if facts.cache_of(store).version != version:  # the graph moved while it was computed
            return
        size = len(json.dumps(result.data, ensure_ascii=False))
        if size > MAX_ANSWER_BYTES:
            return
        extensions = {k: v for k, v in (result.extensions or {}).items() if k != "storeRoundTrips"}
        self._drop(key)
        self._entries[key] = _Entry(version, datetime.date.today().year, result.data, extensions or None, size)
        self._bytes += size
        while self._entries and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
            self._drop(next(iter(self._entries)))

    def _drop(self, key: Key) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry.size

    def __len__(self) -> int:
        return len(self._entries)


def _few_values(variables: Any) -> bool:
    """Whether `variables` hold at most MAX_VARIABLE_VALUES values, counted without serialising
    them: 100 000 claims stop the count at the first list."""
    budget = MAX_VARIABLE_VALUES
    pending = [variables]
    while pending:
        value = pending.pop()
        if isinstance(value, dict | list):
            budget -= len(value)
            if budget < 0:
                return False
            pending.extend(value.values() if isinstance(value, dict) else value)
    return True
