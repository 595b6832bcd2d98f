"""The strawberry schema and the extensions that guard it."""

from __future__ import annotations

import strawberry
from strawberry.extensions import (
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from graphapi.api.errors import CODES_DESCRIPTION
from graphapi.api.extensions import ErrorCodes, RefuseBadInput, RoundTrips
from graphapi.api.limits import bounded_executor, operation_limits
from graphapi.api.mutation import Mutation
from graphapi.api.notices import Notices
from graphapi.api.query import Query

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 2000
# Fields one operation may resolve: the work of resolving them is CPU time during which the
# server answers nobody else (a hostile nesting of provisions held it 1.5 s for 100 000 fields).
# Largest legitimate pages measured (fields in the answer): every provision of every policy
# with every field, their programs and tiers: 7 300 on the bundled corpus, 36 300 for 100
# policies of the 100x generated corpus; qualifyingTiers(includeIneligible) there: 16 300; the
# DuplicateBatch example on 1 000 claims: 15 000. Larger duplicate reports are read by pages
# (conflicts(first:, offset:)).
MAX_FIELDS = 50_000
# Fields whose cost grows with their input (100 000 claims, a whole document): one per operation,
# so that aliases cannot multiply it.
SINGLE_USE = ("checkDuplicateEnjoyment", "ingestDocument")


class Schema(strawberry.Schema):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._schema.description = CODES_DESCRIPTION  # strawberry takes no schema description

    def process_errors(self, errors, execution_context=None) -> None:
        """Errors are coded, masked and logged (once, with the request id) by ErrorCodes."""


def build_schema(*, debug: bool = False, introspection: bool = True) -> strawberry.Schema:
    extensions = [
        lambda: ErrorCodes(hide_suggestions=not introspection),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        operation_limits(max_depth=MAX_DEPTH, max_aliases=MAX_ALIASES, single_use=SINGLE_USE),
        RefuseBadInput,
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
