"""The strawberry schema and the extensions that guard it."""

from __future__ import annotations

import strawberry
from strawberry.extensions import DisableIntrospection, MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig

from graphapi.api.extensions import ErrorCodes, RefuseBrokenText, RoundTrips
from graphapi.api.limits import bounded_executor, operation_limits
from graphapi.api.mutation import Mutation
from graphapi.api.notices import Notices
from graphapi.api.query import Query

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 2000
# Fields one operation may resolve. Measured on a hostile nesting of provisions: 100 000 fields
# take 8 s and 350 MB; the corpus's largest page (every provision of 100 policies) takes 2 000.
MAX_FIELDS = 100_000
# Fields whose cost grows with their input (100 000 claims, a whole document): one per operation,
# so that aliases cannot multiply it.
SINGLE_USE = ("checkDuplicateEnjoyment", "ingestDocument")


class Schema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        """Errors are coded, masked and logged (once, with the request id) by ErrorCodes."""


def build_schema(*, debug: bool = False, introspection: bool = True) -> strawberry.Schema:
    extensions = [
        ErrorCodes,
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        operation_limits(max_depth=MAX_DEPTH, max_aliases=MAX_ALIASES, single_use=SINGLE_USE),
        RefuseBrokenText,
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        Notices,
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    if debug:
        extensions.append(RoundTrips)
    return Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        execution_context_class=bounded_executor(MAX_FIELDS),
        config=StrawberryConfig(auto_camel_case=True),
    )


schema = build_schema()
