"""An app over the embedded store holding the ingested corpus, and a client that speaks GraphQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from graphapi.app import create_app
from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.base import GraphStore
from ingest.pipeline import ingest_paths
from tests.conftest import CORPUS


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def post(self, query: str, variables: dict[str, Any] | None = None, **headers: str) -> dict:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
        assert response.status_code in (200, 400), response.text
        return response.json()

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict:
        """The data of a query that must succeed."""
        body = await self.post(query, variables)
        assert not body.get("errors"), body.get("errors")
        return body["data"]

    async def error(self, query: str, variables: dict[str, Any] | None = None) -> dict:
        """The first error of a query that must fail."""
        body = await self.post(query, variables)
        assert body.get("errors"), body
        return body["errors"][0]


@pytest.fixture(scope="session")
async def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[GraphStore]:
    settings = Settings(graph_uri=str(tmp_path_factory.mktemp("api") / "corpus.rdb"))
    store = open_store(settings)
    await store.open()
    results = await ingest_paths(store, [CORPUS])
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    yield store
    await store.close()


@pytest.fixture(scope="session")
async def app(corpus_store: GraphStore):
    application = create_app(Settings(graph_uri="unused.rdb", debug=True), store=corpus_store)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
async def client(app) -> AsyncIterator[GraphQLClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield GraphQLClient(http)
