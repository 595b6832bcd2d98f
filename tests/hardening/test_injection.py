"""Injection-shaped strings in every string argument of every field (found by walking the
schema, so a new field is covered without editing this test): the graph is unchanged and no
error is INTERNAL. User input reaches Cypher only as parameters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import graphql
import pytest

from graphapi.config import Settings
from graphapi.schema_export import sdl
from tests.conftest import graph_counts
from tests.hardening.conftest import API_KEYS, EDITOR_KEY, TEXTS, corpus_in, serving
from tests.store.support import HOSTILE

SCHEMA = graphql.build_schema(sdl())
PAYLOADS = [
    *HOSTILE,
    '"}) MATCH (n) DETACH DELETE n //',
    "x\"}) RETURN 1 UNION MATCH (n) SET n.id = 'pwned' RETURN 1 //",
    '\\" RETURN 1 //',
    '\\\\"}) DETACH DELETE n //',
    "') CALL db.idx.fulltext.drop('Provision') //",
    "` MATCH (n) DETACH DELETE n //",
    "{id: 'x'}) DETACH DELETE n",
    "CYPHER ids=[] MATCH (n) DETACH DELETE n",
    "$ids",
    "*",
    "%s%s%s%n",
    "{{7*7}}",
    "../../../../etc/passwd",
    "program:gd-gccrc/A#b01' OR '1'='1",
    "购房津贴\"); MATCH (p:Policy) DETACH DELETE p; //",
]
_BENIGN = {"Int": 1, "Float": 1.0, "Boolean": False}


class _Target:
    """Marks where the payload goes while an argument value is built."""


def string_positions(type_: graphql.GraphQLInputType, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    named = graphql.get_named_type(type_)
    if isinstance(named, graphql.GraphQLScalarType) and named.name in ("String", "ID"):
        yield path
    elif isinstance(named, graphql.GraphQLInputObjectType):
        for name, field in named.fields.items():
            yield from string_positions(field.type, (*path, name))


def value(type_: graphql.GraphQLInputType, target: tuple[str, ...] | None, payload: str) -> Any:
    """A value of `type_` with `payload` at the `target` path (None: a benign value), filling
    only what is required elsewhere."""
    nullable = graphql.get_nullable_type(type_)
    if isinstance(nullable, graphql.GraphQLList):
        return [value(nullable.of_type, target, payload)]
    if isinstance(nullable, graphql.GraphQLInputObjectType):
        result = {}
        for name, field in nullable.fields.items():
            if target and target[0] == name:
                result[name] = value(field.type, target[1:], payload)
            elif graphql.is_required_input_field(field):
                result[name] = value(field.type, None, payload)
        return result
    if isinstance(nullable, graphql.GraphQLEnumType):
        return next(iter(nullable.values))
    if nullable.name in ("String", "ID"):
        return payload if target == () else "人才"
    return _BENIGN[nullable.name]


def cases() -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """(operation type, field, argument, path inside it) for every string position."""
    for root in (SCHEMA.query_type, SCHEMA.mutation_type):
        assert root is not None
        for field_name, field in root.fields.items():
            for arg_name, arg in field.args.items():
                for path in string_positions(arg.type):
                    yield root.name.lower(), field_name, arg_name, path


def operation(kind: str, field_name: str, arg_name: str, path: tuple[str, ...], payload: str) -> tuple[str, dict]:
    root = SCHEMA.mutation_type if kind == "mutation" else SCHEMA.query_type
    assert root is not None
    field = root.fields[field_name]
    variables = {}
    declarations = []
    arguments = []
    for name, arg in field.args.items():
        if name == arg_name:
            variables[name] = value(arg.type, path, payload)
        elif graphql.is_required_argument(arg):
            variables[name] = value(arg.type, None, payload)
        else:
            continue
        declarations.append(f"${name}: {arg.type}")
        arguments.append(f"{name}: ${name}")
    named = graphql.get_named_type(field.type)
    selection = " { __typename }" if isinstance(named, (graphql.GraphQLObjectType,)) else ""
    query = f"{kind}({', '.join(declarations)}) {{ {field_name}({', '.join(arguments)}){selection} }}"
    return query, variables


def test_every_string_argument_is_covered():
    fields = {(kind, field) for kind, field, _, _ in cases()}
    with_strings = {
        (root.name.lower(), name)
        for root in (SCHEMA.query_type, SCHEMA.mutation_type)
        if root
        for name, field in root.fields.items()
        if any(True for arg in field.args.values() for _ in string_positions(arg.type))
    }
    assert fields == with_strings
    assert {"search", "policy", "titles", "checkDuplicateEnjoyment", "ingestDocument"} <= {f for _, f in fields}
    # only root fields take strings; a nested one would need a path to reach it
    for type_ in SCHEMA.type_map.values():
        if isinstance(type_, graphql.GraphQLObjectType) and type_ not in (SCHEMA.query_type, SCHEMA.mutation_type):
            for field in type_.fields.values():
                assert not any(True for arg in field.args.values() for _ in string_positions(arg.type))


def _ids(part: Any) -> str:
    return ".".join(part) if isinstance(part, tuple) else str(part)


def _check(body: dict, payload: str) -> None:
    for error in body.get("errors") or []:
        assert error["extensions"]["code"] not in ("INTERNAL", None), (payload, error)
        assert "Traceback" not in error["message"]


@pytest.mark.parametrize(
    ("kind", "field", "argument", "path"), [c for c in cases() if c[0] == "query"], ids=_ids
)
async def test_injection_shaped_strings_in_queries_change_nothing(corpus_store, client, kind, field, argument, path):
    before = await graph_counts(corpus_store)
    for payload in PAYLOADS:
        query, variables = operation(kind, field, argument, path, payload)
        _check(await client.post(query, variables), payload)
    assert await graph_counts(corpus_store) == before


@pytest.mark.parametrize(
    ("kind", "field", "argument", "path"), [c for c in cases() if c[0] == "mutation"], ids=_ids
)
async def test_injection_shaped_strings_in_mutations_lose_nothing(tmp_path, kind, field, argument, path):
    """A write may add what it was asked to load, never more, and never remove anything."""
    store = await corpus_in(tmp_path / "mutations.rdb")
    try:
        before = await graph_counts(store)
        loaded = 0
        async with serving(Settings(graph_uri="unused.rdb", api_keys=API_KEYS), store) as client:
            for payload in PAYLOADS:
                query, variables = operation(kind, field, argument, path, payload)
                body = await client.post(query, variables, authorization=f"Bearer {EDITOR_KEY}")
                _check(body, payload)
                loaded += bool(body.get("data"))
        after = await graph_counts(store)
        assert all(after.get(key, 0) >= count for key, count in before.items())
        assert after[("node", "Policy")] == before[("node", "Policy")] + loaded
    finally:
        await store.close()


async def test_a_document_name_shaped_like_an_injection_is_stored_as_written(tmp_path):
    store = await corpus_in(tmp_path / "names.rdb")
    name = "呈贡\"}) MATCH (n) DETACH DELETE n; '; DROP -- .txt"
    text = (TEXTS / "chenggong_talent_measures.txt").read_text(encoding="utf-8")
    try:
        before = await graph_counts(store)
        async with serving(Settings(graph_uri="unused.rdb", api_keys=API_KEYS), store) as client:
            body = await client.post(
                "mutation($n: String!, $t: String!) { ingestDocument(name: $n, text: $t) { document policies } }",
                {"n": name, "t": text},
                authorization=f"Bearer {EDITOR_KEY}",
            )
            assert body["data"]["ingestDocument"] == {"document": name, "policies": 1}
            stored = await client.data('{ policy(id: "cg-yjgccrczx") { sourceFile } }')
            assert stored["policy"]["sourceFile"] == name
        after = await graph_counts(store)
        assert all(after[key] >= count for key, count in before.items())  # nothing deleted
        assert after[("node", "Policy")] == before[("node", "Policy")] + 1
    finally:
        await store.close()
