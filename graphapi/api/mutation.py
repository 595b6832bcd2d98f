"""The Mutation root: operations that write, each behind an API key role (graphapi.api.auth)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graphapi.api import facts
from graphapi.api.auth import RequireRole
from graphapi.api.errors import bad_input
from graphapi.api.types import Ctx
from ingest.pipeline import ingest_text

MAX_NAME = 200


@strawberry.type(description="What ingestDocument loaded")
class IngestSummary:
    document: str
    policies: int
    provisions: int
    programs: int
    tiers: int
    criteria: int
    benefits: int
    rules: int
    warnings: list[str]


def _document_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise bad_input("name must not be empty", argument="name")
    if len(name) > MAX_NAME:
        raise bad_input(f"name is {len(name)} characters long; the limit is {MAX_NAME}", argument="name")
    if "/" in name or "\\" in name or not name.isprintable():
        raise bad_input("name is a file name: no slashes and no control characters", argument="name")
    return name


@strawberry.type
class Mutation:
    @strawberry.mutation(
        permission_classes=[RequireRole],
        description=(
            "Parse, extract and load one policy document (plain text, as published), as the "
            "ingest CLI does: all of it or nothing. A document of the same name is replaced. "
            "Needs an API key with role editor or admin."
        ),
    )
    async def ingest_document(
        self,
        info: Ctx,
        name: Annotated[str, strawberry.argument(description="The document's file name, e.g. 官渡区人才办法.txt")],
        text: Annotated[str, strawberry.argument(description="The whole text of the document")],
    ) -> IngestSummary:
        ctx = info.context
        result = await ingest_text(ctx.store, _document_name(name), text, ctx.entities, ctx.regions)
        facts.invalidate(ctx.store)  # answers must reflect the new graph at once
        if result.summary is None:
            raise bad_input(f"the document {name.strip()!r} was not loaded: {result.error}", argument="text")
        summary = result.summary
        return IngestSummary(
            document=summary.document,
            policies=summary.policies,
            provisions=summary.provisions,
            programs=summary.programs,
            tiers=summary.tiers,
            criteria=summary.criteria,
            benefits=summary.benefits,
            rules=summary.rules,
            warnings=list(result.warnings),
        )
