"""Schema extensions: error codes and masking, checks on the raw input (text that is not text,
variables too large to convert), round-trip reporting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import structlog
from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    StringValueNode,
    Visitor,
    visit,
)
from strawberry.extensions import SchemaExtension

from graphapi.api.errors import ApiError, ErrorCode, with_code
from graphapi.api.limits import MAX_LIST_ITEMS, MAX_VARIABLE_VALUES
from graphapi.logging import request_id
from graphapi.store.base import RoundTripCounter, StoreUnavailable, round_trips

log = structlog.get_logger("graphapi")

# graphql-core's own limits (tokens, nesting, introspection depth), which carry no code;
# graphapi.api.limits codes its own.
_COMPLEXITY_MARKERS = ("tokens. Parsing aborted", "nested too deeply", "Maximum introspection depth exceeded")
# graphql-core's suggestions (" Did you mean 'awards'?"): with introspection off they would
# spell out the schema one typo at a time. Suggested names are GraphQL names: no "?" in them.
_SUGGESTION = re.compile(r" Did you mean [^?]*\?")


def code_error(error: GraphQLError, *, hide_suggestions: bool = False) -> GraphQLError:
    """`error` with its `extensions.code`; anything unexpected becomes INTERNAL (logged, masked).
    With `hide_suggestions`, graphql-core's "Did you mean …?" is cut from the client's errors."""
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
        message = _SUGGESTION.sub("", error.message) if hide_suggestions else error.message
        return with_code(error, code, message)
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
    """Give every error an `extensions.code`; mask internal ones behind the request id; with
    `hide_suggestions` (introspection off), leave graphql-core's suggestions out."""

    def __init__(self, *, hide_suggestions: bool = False) -> None:
        super().__init__()
        self.hide_suggestions = hide_suggestions

    def on_operation(self) -> Iterator[None]:
        yield
        # Parse and validation failures land here too: strawberry stores every result,
        # early or not, on the execution context before this hook resumes.
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [code_error(e, hide_suggestions=self.hide_suggestions) for e in result.errors]


# A lone surrogate cannot be encoded as UTF-8 (JSON can carry one: "\ud800").
_SURROGATE = re.compile("[\ud800-\udfff]")


def _text_problem(value: str) -> str | None:
    if "\x00" in value:
        return "contains a NUL character (U+0000)"
    if not value.isascii() and _SURROGATE.search(value):
        return "contains a lone surrogate (not valid Unicode text)"
    return None


class _TooManyValues(Exception):
    pass


class _Variables:
    """One walk over the raw variables (JSON values), counting them and checking their text.
    A problem comes with the path to it, built only once one is found."""

    def __init__(self) -> None:
        self.values = 0

    def count(self, values: int) -> None:
        self.values += values
        if self.values > MAX_VARIABLE_VALUES:
            raise _TooManyValues

    def problem(self, value: Any) -> tuple[str, list[str]] | None:
        self.count(1)
        kind = type(value)
        if kind is str:
            text = _text_problem(value)
            return (text, []) if text else None
        if kind is list:
            return self._list(value)
        if kind is dict:
            for key, item in value.items():
                if (found := self.problem(item)) is not None:
                    found[1].append(f".{key}")
                    return found
        return None

    def _list(self, items: list[Any]) -> tuple[str, list[str]] | None:
        if len(items) > MAX_LIST_ITEMS:
            return (f"holds {len(items)} items; a list may hold at most {MAX_LIST_ITEMS}", [])
        try:  # a column of strings (ClaimBatchInput) is checked at once
            joined = "".join(items)
        except TypeError:
            pass
        else:
            if _text_problem(joined) is None:
                self.count(len(items))
                return None
        for index, item in enumerate(items):
            if (found := self.problem(item)) is not None:
                found[1].append(f"[{index}]")
                return found
        return None


def _problem_in_variables(variables: dict[str, Any] | None) -> str | None:
    walk = _Variables()
    try:
        for name, value in (variables or {}).items():
            if (found := walk.problem(value)) is not None:
                problem, path = found
                return f"variable ${name}{''.join(reversed(path))} {problem}"
    except _TooManyValues:
        return f"the variables hold more than {MAX_VARIABLE_VALUES} values, the most one operation may send"
    except RecursionError:
        return "the variables are nested too deeply"
    return None


class _Strings(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.problem: str | None = None

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        if self.problem is None and (problem := _text_problem(node.value)):
            self.problem = f"a string in the query {problem}"


def _problem_in_document(query: str | None, document: DocumentNode | None) -> str | None:
    if document is None:
        return None
    # Only a \u escape can put into a string what the text itself does not hold: without one,
    # a text free of NULs and surrogates has only such strings, and the walk (0.1-0.5 ms, on
    # every request) is not needed.
    if query is not None and "\\u" not in query and _text_problem(query) is None:
        return None
    strings = _Strings()
    visit(document, strings)
    return strings.problem


class RefuseBadInput(SchemaExtension):
    """Checks on the raw input, before graphql-core and strawberry convert any of it.

    Every string must be text: no NUL character (FalkorDB reads its parameters up to the
    first one) and no lone surrogate (no store can encode it). Checked once, here, for every
    field, so that no resolver can forget it. The variables are counted too: a list of more
    than MAX_LIST_ITEMS items, or more than MAX_VARIABLE_VALUES values in all, is refused
    before converting it costs seconds."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        problem = _problem_in_document(context.query, context.graphql_document) or _problem_in_variables(
            context.variables
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
        # The HTTP view starts the operation's counter (it also tracks waits on the store);
        # an operation run without the view gets one here.
        counter = round_trips.get()
        if counter is not None:
            self._counter = counter
            yield
            return
        self._counter = RoundTripCounter()
        token = round_trips.set(self._counter)
        try:
            yield
        finally:
            round_trips.reset(token)

    def get_results(self) -> dict[str, int]:
        return {"storeRoundTrips": self._counter.count}
