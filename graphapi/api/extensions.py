"""Schema extensions: error codes and masking, round-trip reporting."""

from __future__ import annotations

from collections.abc import Iterator

import structlog
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from graphapi.api.errors import ApiError, ErrorCode, with_code
from graphapi.logging import request_id
from graphapi.store.base import StoreUnavailable, round_trips

log = structlog.get_logger("graphapi")

# Messages of strawberry's and graphql-core's limiters, which carry no code of their own.
_COMPLEXITY_MARKERS = (
    "exceeds maximum operation depth",
    "aliases found",
    "token count",
    "tokens",
)


def _code_error(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, ApiError):
        return with_code(error, original.code, original.message, **original.details)
    if isinstance(original, StoreUnavailable):
        return with_code(
            error, ErrorCode.STORE_UNAVAILABLE, f"The graph store is unavailable: {original}"
        )
    if original is None:
        # Parse, validation and variable-coercion errors describe the client's own document.
        if error.extensions and error.extensions.get("code"):
            return error
        code = (
            ErrorCode.QUERY_TOO_COMPLEX
            if any(marker in error.message for marker in _COMPLEXITY_MARKERS)
            else ErrorCode.BAD_USER_INPUT
        )
        return with_code(error, code)
    rid = request_id.get()
    log.error(
        "internal_error",
        request_id=rid,
        path=error.path,
        error=repr(original),
        exc_info=(type(original), original, original.__traceback__),
    )
    return with_code(error, ErrorCode.INTERNAL, f"Internal error (request id {rid})", requestId=rid)


class ErrorCodes(SchemaExtension):
    """Give every error an `extensions.code`; mask internal ones behind the request id."""

    def on_operation(self) -> Iterator[None]:
        yield
        # Parse and validation failures land here too: strawberry stores every result,
        # early or not, on the execution context before this hook resumes.
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [_code_error(e) for e in result.errors]


class RoundTrips(SchemaExtension):
    """Count store round trips of the operation and report them in `extensions` (debug only)."""

    def on_operation(self) -> Iterator[None]:
        token = round_trips.set(0)
        try:
            yield
        finally:
            self._count = round_trips.get()
            round_trips.reset(token)

    def get_results(self) -> dict[str, int]:
        return {"storeRoundTrips": getattr(self, "_count", round_trips.get())}
