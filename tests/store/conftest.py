"""Stores for the store tests: embedded FalkorDB always, Neo4j when NEO4J_URI is set.

The Neo4j run wipes the database it points at (every test starts from `reset()`): point
NEO4J_URI at a throwaway server, e.g. the one docker-compose.yml starts. Credentials come from
NEO4J_USER / NEO4J_PASSWORD or NEO4J_AUTH, the database from NEO4J_DATABASE.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.base import GraphStore

TEST_QUERIES = Path(__file__).parent / "cypher"
NEO4J_SKIP = "NEO4J_URI not set: Neo4j conformance run skipped"


def store_settings(backend: str, tmp_path: Path) -> Settings:
    if backend == "neo4j":
        uri = os.environ.get("NEO4J_URI")
        if not uri:
            pytest.skip(NEO4J_SKIP)
        return Settings.from_env({**os.environ, "GRAPH_URI": uri})
    return Settings(graph_uri=str(tmp_path / "graph" / "conformance.rdb"))


@pytest.fixture(scope="session", params=["falkordb", "neo4j"])
async def shared_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[GraphStore]:
    settings = store_settings(request.param, tmp_path_factory.mktemp(request.param))
    store = open_store(settings, query_dirs=[TEST_QUERIES])
    await store.open()
    yield store
    await store.reset()
    await store.close()


@pytest.fixture
async def store(shared_store: GraphStore) -> GraphStore:
    """A store emptied for the test."""
    await shared_store.reset()
    return shared_store
