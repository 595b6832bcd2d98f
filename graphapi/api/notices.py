"""Notices: what the API could not use of a request that still succeeded (a title or award name
it did not recognise, a region it does not know), returned under `extensions.notices` so that
an answer is never silently narrower than the question. Resolvers add them to the context."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from strawberry.extensions import SchemaExtension


@dataclass(frozen=True, slots=True)
class Notice:
    code: str  # UNRECOGNISED_TITLE, UNRECOGNISED_AWARD, UNKNOWN_REGION
    message: str
    argument: str  # where in the input, e.g. profile.awards[0].name
    suggestions: list[str] = field(default_factory=list)


class Notices(SchemaExtension):
    """Adds the request's notices to the response's `extensions`."""

    def on_operation(self) -> Iterator[None]:
        yield

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        notices = getattr(context, "notices", None)
        return {"notices": [asdict(n) for n in notices]} if notices else {}
