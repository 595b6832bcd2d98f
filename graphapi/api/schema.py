"""The strawberry schema and the extensions that guard it."""

from __future__ import annotations

import strawberry
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from graphapi.api.extensions import ErrorCodes, RoundTrips
from graphapi.api.query import Query

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 2000


class Schema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        """Errors are coded, masked and logged (once, with the request id) by ErrorCodes."""


def build_schema(*, debug: bool = False) -> strawberry.Schema:
    extensions = [
        ErrorCodes,
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
    ]
    if debug:
        extensions.append(RoundTrips)
    return Schema(query=Query, extensions=extensions, config=StrawberryConfig(auto_camel_case=True))


schema = build_schema()
