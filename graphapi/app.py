"""The ASGI application: GraphQL (with GraphiQL) at /graphql and a health check at /healthz."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.asgi import GraphQL

from graphapi.api.context import Context
from graphapi.api.schema import build_schema
from graphapi.config import Settings, get_settings
from graphapi.domain.entities import EntityResolver
from graphapi.domain.regions import default_regions
from graphapi.logging import configure as configure_logging
from graphapi.logging import request_id
from graphapi.store import open_store
from graphapi.store.base import GraphStore, StoreUnavailable


class GraphQLApp(GraphQL):
    def __init__(self, app_state: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.app_state = app_state

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        state = self.app_state
        return Context.create(state.store, state.entities, state.regions)


class RequestIdMiddleware:
    """Tag each request with an id (the client's X-Request-ID or a new one), echo it in the
    response, and make it available to the log lines written while serving it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id", "")
        rid = given[:64] if given.isascii() and given.isprintable() and given else uuid.uuid4().hex

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["x-request-id"] = rid
            await send(message)

        token = request_id.set(rid)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id.reset(token)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> Starlette:
    """Build the app. `store` lets tests hand in an opened store; otherwise one is opened from
    the settings at start-up and closed at shutdown."""
    settings = settings or get_settings()
    configure_logging()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store or open_store(settings)
        if owned:
            await app.state.store.open()
        app.state.entities = EntityResolver.default()
        app.state.regions = default_regions()
        try:
            yield
        finally:
            if owned:
                await app.state.store.close()

    async def healthz(request: Request) -> JSONResponse:
        store_: GraphStore = request.app.state.store
        try:
            await store_.ping()
        except StoreUnavailable as exc:
            return JSONResponse(
                {"status": "unavailable", "backend": store_.backend, "reason": str(exc)}, status_code=503
            )
        return JSONResponse({"status": "ok", "backend": store_.backend})

    app = Starlette(routes=[Route("/healthz", healthz)], lifespan=lifespan)
    graphql = GraphQLApp(app.state, schema=build_schema(debug=settings.debug), graphql_ide="graphiql")
    app.add_route("/graphql", graphql, methods=["GET", "POST"])

    app.add_middleware(RequestIdMiddleware)
    return app
