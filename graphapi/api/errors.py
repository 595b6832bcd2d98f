"""Error codes of the API (`extensions.code`) and how exceptions become them.

Resolvers raise `ApiError` (or the domain/store exceptions mapped below). Anything else is an
internal error: its message is masked as INTERNAL with the request id, and the original is
logged under that id so an operator can find it.

The codes are DESIGN §5's list plus TIMEOUT (the contract may be extended): `ErrorCode.MEANINGS`
says what each means, and the schema's description (schema.graphql) lists them for clients.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from graphql import GraphQLError


class ErrorCode(StrEnum):
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    STORE_UNAVAILABLE = "STORE_UNAVAILABLE"
    TIMEOUT = "TIMEOUT"  # beyond DESIGN §5's list
    INTERNAL = "INTERNAL"


MEANINGS: dict[ErrorCode, str] = {
    ErrorCode.BAD_USER_INPUT: "the request is malformed or an argument is out of range; the message names it",
    ErrorCode.NOT_FOUND: "no such path or page (an unknown id gives null, not an error)",
    ErrorCode.UNAUTHENTICATED: "the field writes and no API key was sent, or the key is not valid",
    ErrorCode.FORBIDDEN: "the API key's role may not do this, or the browser origin is not allowed (CORS)",
    ErrorCode.QUERY_TOO_COMPLEX: "too deep, too many aliases or tokens, or a result too large; ask for less",
    ErrorCode.STORE_UNAVAILABLE: "the graph store is away or did not answer in time; retry later",
    ErrorCode.TIMEOUT: "the operation took longer than the server's REQUEST_TIMEOUT and was stopped",
    ErrorCode.INTERNAL: "a fault of the server; the message gives the request id to report",
}

CODES_DESCRIPTION = "Every error carries extensions.code:\n" + "\n".join(
    f"- {code.value}: {meaning}" for code, meaning in MEANINGS.items()
)


class ApiError(Exception):
    """An error whose message is meant for the client."""

    def __init__(self, code: ErrorCode, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


def bad_input(message: str, **details: Any) -> ApiError:
    return ApiError(ErrorCode.BAD_USER_INPUT, message, **details)


def not_found(message: str, **details: Any) -> ApiError:
    return ApiError(ErrorCode.NOT_FOUND, message, **details)


def with_code(error: GraphQLError, code: ErrorCode, message: str | None = None, **details: Any) -> GraphQLError:
    """A copy of `error` carrying `code` (and optionally a new message) in its extensions."""
    return GraphQLError(
        message if message is not None else error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions={**(error.extensions or {}), **details, "code": code.value},
    )
