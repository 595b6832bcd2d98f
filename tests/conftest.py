"""Fixtures shared across test folders: an embedded store per test session, emptied per test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.base import GraphStore

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "policies"


@pytest.fixture(scope="session")
async def session_store(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[GraphStore]:
    settings = Settings(graph_uri=str(tmp_path_factory.mktemp("graph") / "test.rdb"))
    store = open_store(settings)
    await store.open()
    yield store
    await store.close()


@pytest.fixture
async def empty_store(session_store: GraphStore) -> GraphStore:
    await session_store.reset()
    return session_store


async def graph_counts(store: GraphStore) -> dict[tuple[str, str], int]:
    """Nodes per label and relationships per type, to compare two states of a graph."""
    return {(row["what"], row["name"]): row["count"] for row in await store.read("graph_counts")}
