"""The Neo4j adapter where no server is needed: an unreachable server is StoreUnavailable, with
the reason, on every call (nothing broken is cached). The behaviour against a live server is
in test_conformance.py (NEO4J_URI)."""

from __future__ import annotations

import socket

import pytest

from graphapi.store.base import StoreUnavailable
from graphapi.store.neo4j import Neo4jStore


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


async def test_unreachable_server_is_unavailable_with_the_reason() -> None:
    store = Neo4jStore(f"bolt://127.0.0.1:{closed_port()}", auth=("neo4j", "pw"))
    with pytest.raises(StoreUnavailable, match="unreachable"):
        await store.open()
    try:
        for _ in range(2):  # every call tries again rather than replaying a stored failure
            with pytest.raises(StoreUnavailable, match=r"127\.0\.0\.1"):
                await store.ping()
        with pytest.raises(StoreUnavailable, match="unreachable"):
            await store.read("search_provisions", query='"购房津贴"', first=5)
    finally:
        await store.close()
    with pytest.raises(StoreUnavailable, match="not open"):
        await store.ping()


def test_index_terms_and_query_strings() -> None:
    store = Neo4jStore("bolt://localhost:7687")
    assert store.index_terms("购房津贴") is None
    assert store.fulltext_query("购房津贴，津") == '"购房津贴" AND (津* OR *津)'
