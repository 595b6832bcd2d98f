"""An app over the ingested corpus with API keys, and stores of their own for tests that write."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from graphapi.app import create_app
from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.base import GraphStore
from ingest.pipeline import ingest_paths
from tests.api.conftest import GraphQLClient
from tests.conftest import CORPUS

EDITOR_KEY = "editor-key-7f3a9c1e5b2d4f60"
ADMIN_KEY = "admin-key-2b8e6d0a4c9f1e37"
API_KEYS = ((EDITOR_KEY, "editor"), (ADMIN_KEY, "admin"))
TEXTS = Path(__file__).parent / "texts"


async def corpus_in(path: Path) -> GraphStore:
    """An opened embedded store at `path` holding the ingested corpus."""
    store = open_store(Settings(graph_uri=str(path)))
    await store.open()
    results = await ingest_paths(store, [CORPUS])
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return store


@contextlib.asynccontextmanager
async def serving(settings: Settings, store: GraphStore | None = None) -> AsyncIterator[GraphQLClient]:
    """The app (started: lifespan run) and a client speaking to it in-process."""
    app = create_app(settings, store=store)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as http:
            yield GraphQLClient(http)


@pytest.fixture(scope="session")
async def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[GraphStore]:
    """The corpus, read only: tests that write get a store of their own."""
    store = await corpus_in(tmp_path_factory.mktemp("hardening") / "corpus.rdb")
    yield store
    await store.close()


@pytest.fixture(scope="session")
async def client(corpus_store: GraphStore) -> AsyncIterator[GraphQLClient]:
    settings = Settings(graph_uri="unused.rdb", api_keys=API_KEYS)
    async with serving(settings, corpus_store) as graphql:
        yield graphql
