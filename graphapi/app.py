"""The ASGI application: GraphQL at /graphql (GraphiQL unless switched off) and /healthz.

Around the GraphQL view, from the outside in: a request id on every response and log line
(with a last-resort INTERNAL answer), CORS for the allowed origins, the request body limit.
The view adds the per-operation timeout, the API key's role, and GraphQL-shaped errors for
requests that never reach GraphQL (bad JSON, wrong method or content type, invalid key,
a refused CORS preflight).

An operation that runs out of time while the store keeps it waiting (a store that hangs)
is answered STORE_UNAVAILABLE, as /healthz says 503; one that runs out of time otherwise is
answered TIMEOUT.

The store may be away when the app starts: the app starts anyway, answers 503 and
STORE_UNAVAILABLE with the reason, and keeps trying to open the store until it can.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import structlog
from cross_web import HTTPException
from graphql import GraphQLError
from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as RoutingError
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from graphapi.api import facts
from graphapi.api.auth import InvalidKey, KeyRing, presented_key
from graphapi.api.context import Context
from graphapi.api.errors import ErrorCode
from graphapi.api.extensions import code_error
from graphapi.api.limits import Deadline, deadline, timeout_error
from graphapi.api.responses import ResponseCache
from graphapi.api.schema import build_schema
from graphapi.config import Settings, SettingsError, get_settings
from graphapi.domain.entities import EntityResolver
from graphapi.domain.regions import default_regions
from graphapi.logging import client_request_id, request_id
from graphapi.logging import configure as configure_logging
from graphapi.store import open_store
from graphapi.store.base import (
    GraphStore,
    RoundTripCounter,
    Row,
    StoreError,
    StoreUnavailable,
    round_trips,
)

log = structlog.get_logger("graphapi")

_CODES_BY_STATUS = {
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    408: ErrorCode.TIMEOUT,
    500: ErrorCode.INTERNAL,
}


def did_not_answer(seconds: float) -> str:
    """Why the store is taken for unavailable when it is silent (/healthz and operations alike)."""
    return f"the store did not answer within {seconds:g} s"


def error_response(status: int, message: str, headers: dict[str, str] | None = None, **details: Any) -> JSONResponse:
    """A refusal outside GraphQL execution, shaped like a GraphQL response."""
    code = _CODES_BY_STATUS.get(status, ErrorCode.BAD_USER_INPUT)
    error = {"message": message, "extensions": {**details, "code": code.value}}
    return JSONResponse({"data": None, "errors": [error]}, status_code=status, headers=headers)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class GraphQLApp(GraphQL):
    def __init__(
        self,
        app_state: Any,
        *,
        keys: KeyRing,
        timeout: float,
        hide_suggestions: bool,
        responses: ResponseCache,
        debug: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.app_state = app_state
        self.keys = keys
        self.timeout = timeout
        self.hide_suggestions = hide_suggestions
        self.responses = responses
        self.debug = debug

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            response = await self.run(Request(scope, receive=receive))
        except HTTPException as error:
            headers = {"www-authenticate": "Bearer"} if error.status_code == 401 else None
            response = error_response(error.status_code, error.reason, headers)
        await response(scope, receive, send)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            value = json.loads(data, parse_constant=_no_constants)
        except RecursionError:
            raise HTTPException(400, "The request's JSON is nested too deeply") from None
        except ValueError as error:  # JSONDecodeError and UnicodeDecodeError among them
            raise HTTPException(400, f"The request is not valid JSON: {error}") from None
        if not isinstance(value, (dict, list)):
            raise HTTPException(400, 'The request must be a JSON object: {"query": "…", "variables": {…}}')
        return value

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        try:
            key = presented_key(request.headers.get("authorization"))
            role = self.keys.role_of(key) if key is not None else None
        except InvalidKey:
            raise HTTPException(401, "The API key is not valid (send Authorization: Bearer <key>)") from None
        state = self.app_state
        return Context.create(state.store, state.entities, state.regions, role=role)

    async def execute_single(  # type: ignore[override]
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Any,
        context: Context,
        root_value: Any,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        store = context.store
        key = self.responses.key(request_data)
        kept = self.responses.get(store, key, debug=self.debug)
        if kept is not None:
            return kept
        version = self.responses.version_now(store)
        result = await self._execute(request, request_adapter, sub_response, context, root_value, request_data)
        # The version now, if the operation was the first to read the graph's.
        self.responses.put(store, key, result, version if version is not None else self.responses.version_now(store))
        return result

    async def _execute(self, *args: Any) -> ExecutionResult:
        # The deadline twice: asyncio's cancels the operation while it awaits (the store, a
        # loader); the executor reads the ContextVar to stop resolving, which is CPU work that
        # a cancellation cannot interrupt.
        timer = asyncio.timeout(self.timeout)
        counter = RoundTripCounter()
        counting = round_trips.set(counter)
        limiting = deadline.set(Deadline.after(self.timeout))
        try:
            async with timer:
                return await super().execute_single(*args)
        except TimeoutError:
            if not timer.expired():
                raise
        finally:
            deadline.reset(limiting)
            round_trips.reset(counting)
        waited = counter.longest_wait()
        # Most of the time spent waiting for one answer: the store, not the operation, is slow.
        if waited >= self.timeout / 2:
            log.warning("store_timeout", seconds=self.timeout, waited=round(waited, 3))
            message = f"The graph store is unavailable: {did_not_answer(self.timeout)}"
            error = GraphQLError(message, extensions={"code": ErrorCode.STORE_UNAVAILABLE.value})
        else:
            log.warning("timeout", seconds=self.timeout)
            error = timeout_error(self.timeout)
        return ExecutionResult(data=None, errors=[error])

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:  # type: ignore[override]
        # ErrorCodes has coded every error of an operation; this catches any that escaped it
        # (an exception strawberry turned into an error outside the operation hooks).
        if result.errors:
            result.errors = [code_error(error, hide_suggestions=self.hide_suggestions) for error in result.errors]
        return await super().process_result(request, result)


class RequestIdMiddleware:
    """Tag each request with a new id of the server's own, the `request_id` of every log line
    written while serving it. A client's X-Request-ID is echoed in the response and logged
    beside it as `client_request_id`, never in its place: a client cannot write its lines
    under another request's id. Without one, the response carries the server's id. An
    exception nothing else caught is logged under the id and answered as INTERNAL, never as
    a trace."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id", "")
        client = given[:64] if given.isascii() and given.isprintable() and given else None
        rid = uuid.uuid4().hex
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message)["x-request-id"] = client or rid
            await send(message)

        token = request_id.set(rid)
        client_token = client_request_id.set(client)
        try:
            await self.app(scope, receive, send_with_id)
        except Exception as error:
            log.error("internal_error", error=repr(error), exc_info=error)
            if started:
                raise
            response = error_response(500, f"Internal error (request id {rid})", requestId=rid)
            await response(scope, receive, send_with_id)
        finally:
            client_request_id.reset(client_token)
            request_id.reset(token)


class CorsMiddleware(CORSMiddleware):
    """starlette's CORS, with a refused preflight answered like the app's other refusals: a
    GraphQL-shaped 403 FORBIDDEN naming what was refused (starlette's is text/plain 400)."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        refused = []
        if not self.is_allowed_origin(request_headers["origin"]):
            refused.append(f"origin {request_headers['origin']} is not allowed (CORS_ORIGINS)")
        if request_headers["access-control-request-method"] not in self.allow_methods:
            refused.append(
                f"method {request_headers['access-control-request-method']} is not allowed "
                f"(only {', '.join(self.allow_methods)})"
            )
        asked = [h.strip() for h in request_headers.get("access-control-request-headers", "").lower().split(",")]
        if not self.allow_all_headers and (unknown := [h for h in asked if h and h not in self.allow_headers]):
            refused.append(f"headers {', '.join(unknown)} are not allowed")
        if request_headers.get("access-control-request-private-network") and not self.allow_private_network:
            refused.append("private network access is not allowed")
        return error_response(403, "CORS preflight refused: " + "; ".join(refused or ["not allowed"]))


class BodyLimitMiddleware:
    """Refuse a request body larger than `limit` bytes with 413, before the app reads it: by
    its Content-Length, or while it streams in (chunked). A body that takes longer than
    `timeout` seconds to arrive gets 408: a slow client cannot hold the server."""

    def __init__(self, app: ASGIApp, limit: int, timeout: float) -> None:
        self.app = app
        self.limit = limit
        self.timeout = timeout

    def _too_large(self, size: int | None) -> Response:
        told = f"is {size} bytes" if size is not None else "exceeded it while it streamed in"
        return error_response(
            413,
            f"The request body is limited to {self.limit} bytes (MAX_BODY_BYTES) and {told}",
            limit=self.limit,
        )

    async def _read(self, receive: Receive) -> bytes | Response | None:
        """The whole body, a refusal, or None when the client went away."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return self._too_large(None)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await self._too_large(int(declared))(scope, receive, send)
            return
        try:
            async with asyncio.timeout(self.timeout):
                body = await self._read(receive)
        except TimeoutError:
            body = error_response(408, f"The request body did not arrive within {self.timeout:g} s (REQUEST_TIMEOUT)")
        if body is None:
            return
        if isinstance(body, Response):
            await body(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class PendingStore:
    """Stands in for a store that could not be opened yet: every call that would reach it
    raises StoreUnavailable with the reason; the pure helpers are the real store's."""

    def __init__(self, store: GraphStore, reason: str) -> None:
        self.store = store
        self.backend = store.backend
        self.reason = reason

    async def ping(self) -> None:
        raise StoreUnavailable(self.reason)

    async def read(self, query: str, /, **params: Any) -> list[Row]:
        raise StoreUnavailable(self.reason)

    async def write(self, query: str, /, **params: Any) -> None:
        raise StoreUnavailable(self.reason)

    async def reset(self) -> None:
        raise StoreUnavailable(self.reason)

    def fulltext_query(self, text: str) -> str:
        return self.store.fulltext_query(text)

    def index_terms(self, text: str) -> str | None:
        return self.store.index_terms(text)


async def _try_open(store: GraphStore) -> str | None:
    """Open the store; on failure, close it again (so that open() can be retried) and return why."""
    try:
        await store.open()
        return None
    except StoreError as error:
        with contextlib.suppress(Exception):
            await store.close()
        return str(error)


async def _open_when_back(state: Any, store: GraphStore, pending: PendingStore) -> None:
    delay = 0.2
    while True:
        await asyncio.sleep(delay)
        reason = await _try_open(store)
        if reason is None:
            state.store = store
            log.info("store_available", backend=store.backend)
            return
        pending.reason = f"{reason} (retrying every {delay:g} s)"
        delay = min(delay * 2, 5.0)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> Starlette:
    """Build the app. `store` lets tests hand in an opened store; otherwise one is opened from
    the settings at start-up (or as soon as it can be) and closed at shutdown."""
    configure_logging()
    try:
        settings = settings or get_settings()
    except SettingsError as error:
        raise SystemExit(f"Configuration error: {error}") from None

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.entities = EntityResolver.default()
        app.state.regions = default_regions()
        # What start-up loaded (the gazetteer, regions, modules) lives as long as the process:
        # kept out of the collector's generations, a full collection does not rescan it, which a
        # large request (100 000 claims) triggers again and again.
        gc.freeze()
        if store is not None:
            # facts cached by an earlier app on this store may be stale: it was not watching
            facts.invalidate(store)
            app.state.store = store
            yield
            return
        owned = open_store(settings)
        opener: asyncio.Task[None] | None = None
        reason = await _try_open(owned)
        if reason is None:
            app.state.store = owned
        else:
            log.warning("store_unavailable_at_start", backend=owned.backend, reason=reason)
            pending = PendingStore(owned, f"{reason} (retrying)")
            app.state.store = pending
            opener = asyncio.create_task(_open_when_back(app.state, owned, pending))
        try:
            yield
        finally:
            if opener is not None:
                opener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await opener
            await owned.close()

    async def healthz(request: Request) -> JSONResponse:
        store_: GraphStore = request.app.state.store
        try:
            async with asyncio.timeout(settings.request_timeout):
                await store_.ping()
        except StoreUnavailable as exc:
            reason = str(exc)
        except TimeoutError:
            reason = did_not_answer(settings.request_timeout)
        else:
            return JSONResponse({"status": "ok", "backend": store_.backend})
        return JSONResponse({"status": "unavailable", "backend": store_.backend, "reason": reason}, status_code=503)

    async def routing_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RoutingError)
        return error_response(exc.status_code, f"{exc.detail}: {request.method} {request.url.path}")

    app = Starlette(
        routes=[Route("/healthz", healthz, methods=["GET"])],
        lifespan=lifespan,
        exception_handlers={RoutingError: routing_error},
    )
    graphql = GraphQLApp(
        app.state,
        keys=KeyRing(settings.api_keys),
        timeout=settings.request_timeout,
        hide_suggestions=not settings.introspection,
        responses=ResponseCache(settings.response_cache),
        debug=settings.debug,
        schema=build_schema(debug=settings.debug, introspection=settings.introspection),
        graphql_ide="graphiql" if settings.graphiql else None,
    )
    app.router.routes.append(Route("/graphql", graphql))  # the view answers other methods with 405

    # Added innermost first: the request id wraps everything, CORS headers reach refusals too.
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes, timeout=settings.request_timeout)
    if settings.cors_origins:
        app.add_middleware(
            CorsMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type", "x-request-id"],
            expose_headers=["x-request-id"],
            max_age=600,
        )
    app.add_middleware(RequestIdMiddleware)
    return app
