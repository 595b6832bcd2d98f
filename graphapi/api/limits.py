"""What one operation may ask for: its depth, aliases and single-use fields (validation
rules, checked before anything runs), the size of its variables (checked before they are
converted), and the number of fields it resolves and the time it takes (checked while it runs).

strawberry's QueryDepthLimiter and MaxAliasesLimiter follow fragment spreads (so fragments
cannot hide aliases), but they walk a fragment again at every spread: a document of twenty
fragments that each spread the next one twice takes them 2^20 steps (measured: an 830-byte
query held the event loop for 12 s). These rules measure each fragment once and reuse the
figure, so their cost is linear in the document. Refusals carry QUERY_TOO_COMPLEX.

Depth alone does not bound a result: `provision { children { parent { children … } } }` stays
within twelve levels yet multiplies at each one (measured: one such 150-byte query grew the
server to 23 GB). `bounded_executor` counts the fields an operation resolves and, past the
budget, stops resolving and answers QUERY_TOO_COMPLEX instead of a partial result. Resolving
is CPU work that an asyncio timeout cannot interrupt, so the executor also watches the
operation's deadline itself (every CHECK_EVERY fields) and answers TIMEOUT once it has passed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)
from graphql.pyutils import Undefined
from strawberry.extensions import AddValidationRules
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graphapi.api.errors import ErrorCode
from graphapi.api.inputs import MAX_CLAIMS

# Variables are counted before graphql-core and strawberry convert them (converting 250 000
# claim objects took 6 s before the resolver could refuse them). The largest legitimate
# variables are one call's claims: MAX_CLAIMS objects of up to four values each (the object,
# person, benefitId, amount), or three columns of MAX_CLAIMS values (ClaimBatchInput).
MAX_LIST_ITEMS = MAX_CLAIMS
MAX_VARIABLE_VALUES = 5 * MAX_CLAIMS
# How often (in fields resolved) the executor looks at the clock: often enough to stop within
# a few milliseconds of the deadline, rarely enough to cost nothing measurable.
CHECK_EVERY = 256


@dataclass(frozen=True, slots=True)
class Deadline:
    """When the current operation must be done (time.monotonic()), and its REQUEST_TIMEOUT."""

    at: float
    seconds: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds, seconds)

    def passed(self) -> bool:
        return time.monotonic() >= self.at


# Set by the HTTP view around each operation; the executor stops resolving once it has passed.
deadline: ContextVar[Deadline | None] = ContextVar("deadline", default=None)


def timeout_error(seconds: float) -> GraphQLError:
    message = f"The operation took longer than {seconds:g} s (REQUEST_TIMEOUT) and was stopped"
    return GraphQLError(message, extensions={"code": ErrorCode.TIMEOUT.value})


@dataclass(frozen=True, slots=True)
class Measure:
    """What a selection set holds, fragments expanded."""

    depth: int  # nesting of fields with selections below this one (introspection not counted)
    aliases: int
    uses: tuple[tuple[str, int], ...]  # (field name, times) for the single-use fields


def _too_complex(message: str, node: OperationDefinitionNode) -> GraphQLError:
    return GraphQLError(message, [node], extensions={"code": ErrorCode.QUERY_TOO_COMPLEX.value})


class _Measurer:
    def __init__(self, context: ValidationContext, single_use: frozenset[str]) -> None:
        self.fragments = {
            d.name.value: d for d in context.document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.single_use = single_use
        self.done: dict[str, Measure] = {}
        self.active: set[str] = set()  # fragments being measured: a cycle (reported elsewhere) counts 0

    def fragment(self, name: str) -> Measure:
        if name in self.done:
            return self.done[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.active:  # unknown or cyclic: other rules report it
            return Measure(0, 0, ())
        self.active.add(name)
        try:
            measure = self.selection_set(definition.selection_set)
        finally:
            self.active.discard(name)
        self.done[name] = measure
        return measure

    def selection_set(self, selection_set: SelectionSetNode | None) -> Measure:
        depth = aliases = 0
        uses: dict[str, int] = {}

        def add(measure: Measure, extra_depth: int = 0) -> None:
            nonlocal depth, aliases
            depth = max(depth, measure.depth + extra_depth)
            aliases += measure.aliases
            for name, count in measure.uses:
                uses[name] = uses.get(name, 0) + count

        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                name = selection.name.value
                aliases += selection.alias is not None
                if name in self.single_use:
                    uses[name] = uses.get(name, 0) + 1
                if name.startswith("__"):  # introspection: bounded by the token limit instead
                    continue
                if selection.selection_set is not None:
                    add(self.selection_set(selection.selection_set), extra_depth=1)
            elif isinstance(selection, InlineFragmentNode):
                add(self.selection_set(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                add(self.fragment(selection.name.value))
        return Measure(depth, aliases, tuple(sorted(uses.items())))


def operation_limits(
    *, max_depth: int, max_aliases: int, single_use: Iterable[str] = ()
) -> Callable[[], AddValidationRules]:
    """A factory of the strawberry extension refusing operations deeper than `max_depth`, with
    more than `max_aliases` aliases, or naming a `single_use` field more than once.

    The rule class is made once, here: strawberry's ValidationCache keys its entries by the
    rules too, so a class made per request would miss the cache every time (measured: 8 ms of
    validation on `{ __typename }`)."""
    once = frozenset(single_use)

    class OperationLimits(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            measurer = _Measurer(context, once)
            for definition in context.document.definitions:
                if not isinstance(definition, OperationDefinitionNode):
                    continue
                name = f"'{definition.name.value}'" if definition.name else "The operation"
                measure = measurer.selection_set(definition.selection_set)
                if measure.depth > max_depth:
                    context.report_error(
                        _too_complex(f"{name} is {measure.depth} levels deep; the limit is {max_depth}", definition)
                    )
                if measure.aliases > max_aliases:
                    context.report_error(
                        _too_complex(
                            f"{name} uses {measure.aliases} aliases (fragments included); the limit is {max_aliases}",
                            definition,
                        )
                    )
                for field, count in measure.uses:
                    if count > 1:
                        context.report_error(
                            _too_complex(
                                f"{name} asks for {field} {count} times; it may appear once per operation",
                                definition,
                            )
                        )

    return lambda: AddValidationRules([OperationLimits])


def bounded_executor(max_fields: int) -> type[StrawberryGraphQLCoreExecutionContext]:
    """An executor class (strawberry's `execution_context_class`) that resolves at most
    `max_fields` fields per operation and stops at the operation's `deadline`."""

    class BoundedExecutor(StrawberryGraphQLCoreExecutionContext):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fields_resolved = 0
            self.deadline = deadline.get()
            self.stopped: GraphQLError | None = None  # why resolving stopped, once it has

        def execute_field(self, *args: Any, **kwargs: Any) -> Any:
            # Once stopped every field is skipped (Undefined leaves it out); the result is
            # replaced by the refusal below.
            if self.stopped is not None:
                return Undefined
            self.fields_resolved += 1
            if self.fields_resolved > max_fields:
                self.stopped = GraphQLError(
                    f"The result would hold more than {max_fields} fields; ask for fewer levels "
                    "or smaller pages (first:)",
                    extensions={"code": ErrorCode.QUERY_TOO_COMPLEX.value},
                )
                return Undefined
            if self.fields_resolved % CHECK_EVERY == 0 and self.deadline is not None and self.deadline.passed():
                self.stopped = timeout_error(self.deadline.seconds)
                return Undefined
            return super().execute_field(*args, **kwargs)

        def execute_operation(self, *args: Any, **kwargs: Any) -> Any:
            result = super().execute_operation(*args, **kwargs)
            if self.is_awaitable(result):

                async def checked() -> Any:
                    return self._checked(await result)

                return checked()
            return self._checked(result)

        def _checked(self, result: Any) -> Any:
            if self.stopped is None:
                return result
            return ExecutionResult(data=None, errors=[self.stopped])

    return BoundedExecutor
