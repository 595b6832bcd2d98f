"""Schema extensions: error codes and masking, text checks on the input, round-trip reporting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import structlog
from graphql import DocumentNode, ExecutionResult, GraphQLError, StringValueNode, Visitor, visit
from strawberry.extensions import SchemaExtension

from graphapi.api.errors import ApiError, ErrorCode, with_code
from graphapi.logging import request_id
from graphapi.store.base import RoundTripCounter, StoreUnavailable, round_trips

log = structlog.get_logger("graphapi")

# graphql-core's own limits (tokens, nesting), which carry no code; graphapi.api.limits codes its own.
_COMPLEXITY_MARKERS = ("tokens. Parsing aborted", "nested too deeply")


def code_error(error: GraphQLError) -> GraphQLError:
    """`error` with its `extensions.code`; anything unexpected becomes INTERNAL (logged, masked)."""
    original = error.original_error
    if isinstance(original, ApiError):
        return with_code(error, original.code, original.message, **original.details)
    if isinstance(original, StoreUnavailable):
        return with_code(
            error, ErrorCode.STORE_UNAVAILABLE, f"The graph store is unavailable: {original}"
        )
    if error.extensions and error.extensions.get("code"):
        return error
    # Parse, validation and variable-coercion errors describe the client's own request: they
    # have no field path. (A variable's value is refused with graphql-core's own GraphQLError,
    # e.g. an Int beyond 32 bits or an unknown enum value, kept as the original.)
    if error.path is None and (
        original is None or isinstance(original, GraphQLError) or error.message.startswith("Variable '$")
    ):
        code = (
            ErrorCode.QUERY_TOO_COMPLEX
            if any(marker in error.message for marker in _COMPLEXITY_MARKERS)
            else ErrorCode.BAD_USER_INPUT
        )
        return with_code(error, code)
    rid = request_id.get()
    # No original: graphql-core's own complaint about a result (a null for a non-null field).
    trace = {"exc_info": (type(original), original, original.__traceback__)} if original else {}
    log.error(
        "internal_error",
        request_id=rid,
        path=error.path,
        error=repr(original) if original else error.message,
        **trace,
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
            result.errors = [code_error(e) for e in result.errors]


# A lone surrogate cannot be encoded as UTF-8 (JSON can carry one: "\ud800").
_SURROGATE = re.compile("[\ud800-\udfff]")


def _text_problem(value: str) -> str | None:
    if "\x00" in value:
        return "contains a NUL character (U+0000)"
    if not value.isascii() and _SURROGATE.search(value):
        return "contains a lone surrogate (not valid Unicode text)"
    return None


def _problem_in_value(value: Any, where: str) -> str | None:
    if isinstance(value, str):
        problem = _text_problem(value)
        return f"{where} {problem}" if problem else None
    if isinstance(value, dict):
        items = value.items()
        return next((p for k, v in items if (p := _problem_in_value(v, f"{where}.{k}"))), None)
    if isinstance(value, list):
        return next((p for i, v in enumerate(value) if (p := _problem_in_value(v, f"{where}[{i}]"))), None)
    return None


class _Strings(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.problem: str | None = None

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        if self.problem is None and (problem := _text_problem(node.value)):
            self.problem = f"a string in the query {problem}"


def _problem_in_document(document: DocumentNode | None) -> str | None:
    if document is None:
        return None
    strings = _Strings()
    visit(document, strings)
    return strings.problem


class RefuseBrokenText(SchemaExtension):
    """Every string argument must be text: no NUL character (FalkorDB reads its parameters up
    to the first one) and no lone surrogate (no store can encode it). Checked once, here, for
    every field, so that no resolver can forget it."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        problem = _problem_in_document(context.graphql_document) or next(
            (p for name, v in (context.variables or {}).items() if (p := _problem_in_value(v, f"variable ${name}"))),
            None,
        )
        if problem is not None:
            # A result set before execution stands in for it (strawberry skips executing).
            context.result = ExecutionResult(
                data=None,
                errors=[GraphQLError(problem[0].upper() + problem[1:], extensions={"code": ErrorCode.BAD_USER_INPUT.value})],
            )
        yield


class RoundTrips(SchemaExtension):
    """Count store round trips of the operation and report them in `extensions` (debug only)."""

    def on_operation(self) -> Iterator[None]:
        self._counter = RoundTripCounter()
        token = round_trips.set(self._counter)
        try:
            yield
        finally:
            round_trips.reset(token)

    def get_results(self) -> dict[str, int]:
        return {"storeRoundTrips": self._counter.count}
