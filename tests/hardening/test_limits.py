"""Limits on what one request may cost: depth, aliases (fragments included), tokens, page size,
single-use fields, resolved fields, body size and time. Each refusal is clear and coded."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
import pytest
from graphql import build_schema, execute, parse
from starlette.responses import JSONResponse

from graphapi.api.inputs import MAX_CLAIMS
from graphapi.api.limits import (
    CHECK_EVERY,
    MAX_VARIABLE_VALUES,
    Deadline,
    bounded_executor,
    deadline,
)
from graphapi.api.schema import MAX_ALIASES, MAX_DEPTH, MAX_FIELDS, MAX_TOKENS
from graphapi.app import BodyLimitMiddleware
from graphapi.config import DEFAULT_MAX_BODY_BYTES, Settings
from graphapi.store.base import GraphStore, RoundTripCounter, round_trip
from tests.hardening.conftest import serving


def nested_titles(levels: int) -> str:
    """`titles { equivalents { … { id } } }`: `levels` levels of fields with selections."""
    inner = "id"
    for _ in range(levels - 1):
        inner = f"equivalents {{ {inner} }}"
    return f"{{ titles(first: 1) {{ {inner} }} }}"


async def test_depth_limit(client):
    assert "titles" in await client.data(nested_titles(MAX_DEPTH))
    error = await client.error(nested_titles(MAX_DEPTH + 1))
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert f"{MAX_DEPTH + 1} levels deep; the limit is {MAX_DEPTH}" in error["message"]


async def test_depth_counts_through_fragments(client):
    inner = nested_titles(MAX_DEPTH).removeprefix("{ ").removesuffix(" }")
    query = f"query Deep {{ ...Titles }} fragment Titles on Query {{ {inner} }}"
    assert "titles" in await client.data(query)
    deeper = nested_titles(MAX_DEPTH + 1).removeprefix("{ ").removesuffix(" }")
    error = await client.error(f"query Deep {{ ...Titles }} fragment Titles on Query {{ {deeper} }}")
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["message"].startswith("'Deep' is")


def aliased_awards(count: int) -> str:
    return " ".join(f"a{i}: awards {{ id }}" for i in range(count))


async def test_alias_limit(client):
    data = await client.data(f"{{ {aliased_awards(MAX_ALIASES)} }}")
    assert len(data) == MAX_ALIASES
    error = await client.error(f"{{ {aliased_awards(MAX_ALIASES + 1)} }}")
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert f"{MAX_ALIASES + 1} aliases" in error["message"]


async def test_fragment_spreads_cannot_hide_aliases(client):
    # Each fragment holds few aliases; spread many times they add up past the limit.
    query = (
        "{ ...A ...A ...A ...B }"
        f" fragment A on Query {{ {aliased_awards(10)} }}"
        " fragment B on Query { ... on Query { x: programs { id } } }"
    )
    error = await client.error(query)
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "31 aliases (fragments included)" in error["message"]


async def test_fragments_that_double_at_each_level_are_measured_in_linear_time(client):
    # Twenty fragments, each spreading the next twice: 2^20 aliases when expanded. strawberry's
    # own limiters walked every expansion (12 s for this query); the limit must answer at once.
    levels = 20
    fragments = [f"fragment F{levels} on Query {{ a: awards {{ id }} }}"]
    fragments += [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    query = "{ ...F0 } " + " ".join(fragments)
    started = time.perf_counter()
    error = await client.error(query)
    elapsed = time.perf_counter() - started
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert f"{2**levels} aliases" in error["message"]
    assert elapsed < 2.0, f"measuring the fragments took {elapsed:.1f} s"


async def test_deep_introspection_is_too_complex(client):
    error = await client.error("{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }")
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["message"] == "Maximum introspection depth exceeded"


async def test_token_limit(client):
    fields = " ".join("id" for _ in range(MAX_TOKENS))
    error = await client.error(f"{{ awards {{ {fields} }} }}")
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert f"more than {MAX_TOKENS} tokens" in error["message"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("{ policies(first: %d) { totalCount } }", "policies"),
        ("{ titles(first: %d) { id } }", "titles"),
        ('{ titles(search: "人才", first: %d) { id } }', "titles"),
        ('{ search(text: "购房", first: %d) { id } }', "search"),
    ],
)
async def test_page_size_is_at_most_100(client, query, field):
    assert field in await client.data(query % 100)
    for first in (101, 100_000, -1):
        error = await client.error(query % first)
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["message"] == f"first must be between 0 and 100, got {first}"


async def test_expensive_fields_may_appear_once_per_operation(client):
    query = """query($c: [BenefitClaimInput!]!) {
        one: checkDuplicateEnjoyment(claims: $c) { checkedClaims }
        two: checkDuplicateEnjoyment(claims: $c) { checkedClaims } }"""
    error = await client.error(query, {"c": []})
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "checkDuplicateEnjoyment 2 times" in error["message"]
    single = "query($c: [BenefitClaimInput!]!) { checkDuplicateEnjoyment(claims: $c) { checkedClaims } }"
    assert (await client.data(single, {"c": []}))["checkDuplicateEnjoyment"]["checkedClaims"] == 0


async def test_results_that_multiply_level_after_level_are_stopped(client):
    # Within the depth limit, yet each children/parent round multiplies the result: unbounded,
    # this grew the server past 20 GB. The field budget answers instead, promptly.
    query = """{ policies(first: 100) { edges { node { provisions { children { parent { children {
        parent { children { parent { children { id text } } } } } } } } } } } }"""
    started = time.perf_counter()
    error = await client.error(query)
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert f"more than {MAX_FIELDS} fields" in error["message"]
    assert time.perf_counter() - started < 60
    # and the largest ordinary page still works: every provision with every field
    page = await client.data(
        """{ policies(first: 100) { edges { node { id title docNumber issuer issuedOn status level region
        provisions { id kind label text parent { id } children { id } }
        programs { id name level region tiers { id code name rank } } } } } }"""
    )
    assert sum(len(e["node"]["provisions"]) for e in page["policies"]["edges"]) > 800


class Node:
    """A tree without end, ten children a node: resolving it is CPU work alone."""

    calls = 0

    def __init__(self, number: int = 0) -> None:
        self.id = number

    def children(self, info: Any) -> list[Node]:
        Node.calls += 1
        return [Node(self.id * 10 + i) for i in range(10)]


TREE = build_schema("type Query { root: Node } type Node { id: Int children: [Node] }")
DEEP = parse("{ root { children { children { children { children { children { children { id } } } } } } } }")
SHALLOW = parse("{ root { children { children { id } } } }")


def run_tree(max_fields: int, until: Deadline | None, document: Any = DEEP) -> Any:
    Node.calls = 0
    token = deadline.set(until)
    try:
        return execute(TREE, document, {"root": Node()}, executor_class=bounded_executor(max_fields))
    finally:
        deadline.reset(token)


def test_the_executor_stops_at_its_field_budget():
    result = run_tree(500, None)
    assert result.data is None
    (error,) = result.errors
    assert error.extensions == {"code": "QUERY_TOO_COMPLEX"}
    assert "more than 500 fields" in error.message
    assert Node.calls <= 500  # resolving stopped there, it did not run on to the end


def test_the_executor_stops_at_the_deadline_which_a_timeout_cannot_interrupt():
    # Resolving is CPU work: asyncio's timeout cannot cancel it, the executor must look itself.
    result = run_tree(10**9, Deadline(at=time.monotonic() - 1, seconds=0.5))
    assert result.data is None
    (error,) = result.errors
    assert error.extensions == {"code": "TIMEOUT"}
    assert error.message == "The operation took longer than 0.5 s (REQUEST_TIMEOUT) and was stopped"
    assert Node.calls <= CHECK_EVERY
    within = run_tree(10**9, Deadline.after(3600), SHALLOW)
    assert within.errors is None
    assert [c["id"] for c in within.data["root"]["children"][3]["children"]] == list(range(30, 40))


# --- request body --------------------------------------------------------------------------


async def test_a_hundred_thousand_claims_fit_the_default_body_limit(client):
    """The largest legitimate request: checkDuplicateEnjoyment on 100 000 claims with the
    longest benefit ids of the corpus, 18-digit person ids and amounts."""
    data = await client.data("{ programs { tiers { benefits { id } } } }")
    ids = sorted((b["id"] for p in data["programs"] for t in p["tiers"] for b in t["benefits"]), key=len)
    longest = ids[-4:]
    claims = [
        {"person": f"53011119{i // 4:010d}", "benefitId": longest[i % 4], "amount": 1_000_000.0}
        for i in range(100_000)
    ]
    query = "query($c: [BenefitClaimInput!]!) { checkDuplicateEnjoyment(claims: $c) { checkedClaims } }"
    body = json.dumps({"query": query, "variables": {"c": claims}}, ensure_ascii=False).encode()
    assert 5_000_000 < len(body) < DEFAULT_MAX_BODY_BYTES

    async def echo(scope: Any, receive: Any, send: Any) -> None:
        size = 0
        while True:
            message = await receive()
            size += len(message.get("body", b""))
            if not message.get("more_body"):
                break
        await JSONResponse({"received": size})(scope, receive, send)

    guarded = BodyLimitMiddleware(echo, limit=DEFAULT_MAX_BODY_BYTES, timeout=60)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=guarded), base_url="http://t") as http:
        response = await http.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert response.json() == {"received": len(body)}


async def test_a_body_over_the_limit_gets_413_with_a_graphql_error(corpus_store: GraphStore):
    settings = Settings(graph_uri="unused.rdb", max_body_bytes=4096)
    async with serving(settings, corpus_store) as client:
        small = await client.http.post("/graphql", json={"query": "{ awards { id } }"})
        assert small.status_code == 200
        padding = "x" * 5000
        big = await client.http.post("/graphql", json={"query": "{ awards { id } }", "variables": {"p": padding}})
        assert big.status_code == 413
        error = big.json()["errors"][0]
        assert error["extensions"] == {"limit": 4096, "code": "BAD_USER_INPUT"}
        length = big.request.headers["content-length"]
        assert error["message"] == f"The request body is limited to 4096 bytes (MAX_BODY_BYTES) and is {length} bytes"
        assert big.headers["x-request-id"]

        async def chunks():  # no Content-Length: refused while it streams in
            for _ in range(10):
                yield b" " * 1000

        streamed = await client.http.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        assert streamed.json()["errors"][0]["message"] == (
            "The request body is limited to 4096 bytes (MAX_BODY_BYTES) and exceeded it while it streamed in"
        )


# --- time ----------------------------------------------------------------------------------


class SlowStore:
    """The corpus store, answering reads only after `delay` seconds (a store under load)."""

    def __init__(self, store: GraphStore, delay: float) -> None:
        self.store = store
        self.delay = delay
        self.backend = store.backend

    async def read(self, query: str, /, **params: Any) -> list[dict]:
        with round_trip():  # as an adapter marks its calls: the delay is the store's
            await asyncio.sleep(self.delay)
        return await self.store.read(query, **params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


async def test_a_slow_operation_becomes_a_timeout_error(corpus_store: GraphStore):
    # Three reads one after the other, each answered in 0.2 s: the store answers, the
    # operation as a whole takes too long.
    settings = Settings(graph_uri="unused.rdb", request_timeout=0.5)
    query = "{ policies(first: 1) { edges { node { id programs { tiers { benefits { id } } } } } } }"
    async with serving(settings, SlowStore(corpus_store, delay=0.2)) as client:  # type: ignore[arg-type]
        error = await client.error(query)
        assert error["extensions"]["code"] == "TIMEOUT"
        assert error["message"] == "The operation took longer than 0.5 s (REQUEST_TIMEOUT) and was stopped"
        assert (await client.data("{ awards { id } }"))["awards"]
    assert await corpus_store.read("count_policies")


async def test_an_operation_the_store_keeps_waiting_is_store_unavailable(corpus_store: GraphStore):
    settings = Settings(graph_uri="unused.rdb", request_timeout=0.5)
    async with serving(settings, SlowStore(corpus_store, delay=30)) as client:  # type: ignore[arg-type]
        started = time.perf_counter()
        error = await client.error("{ programs { id } }")
        elapsed = time.perf_counter() - started
        assert error["extensions"]["code"] == "STORE_UNAVAILABLE"
        assert error["message"] == "The graph store is unavailable: the store did not answer within 0.5 s"
        assert elapsed < 5
        # what needs no store still answers, and the store is unharmed
        assert (await client.data("{ awards { id } }"))["awards"]
    assert await corpus_store.read("count_policies")


async def test_a_store_call_cancelled_before_its_answer_stays_unanswered():
    counter = RoundTripCounter()

    async def call(delay: float) -> None:
        with counter.waiting():
            await asyncio.sleep(delay)

    await call(0)
    assert counter.longest_wait() == 0.0
    with pytest.raises(ValueError), counter.waiting():
        raise ValueError("the store refused the query: an answer, not a wait")
    assert counter.longest_wait() == 0.0
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.05):
            await call(10)
    assert counter.longest_wait() >= 0.05


# --- variables, before conversion -----------------------------------------------------------

CLAIMS_QUERY = "query($c: [BenefitClaimInput!]!) { checkDuplicateEnjoyment(claims: $c) { checkedClaims } }"
BATCH_QUERY = "query($b: ClaimBatchInput!) { checkDuplicateEnjoyment(batch: $b) { checkedClaims } }"


@pytest.mark.parametrize(
    ("query", "variables", "expected"),
    [
        (CLAIMS_QUERY, {"c": [{"person": "甲", "benefitId": "b"}] * (MAX_CLAIMS + 1)},
         f"Variable $c holds {MAX_CLAIMS + 1} items; a list may hold at most {MAX_CLAIMS}"),
        (BATCH_QUERY, {"b": {"persons": ["甲"] * (MAX_CLAIMS + 1), "benefitIds": ["b"] * (MAX_CLAIMS + 1)}},
         f"Variable $b.persons holds {MAX_CLAIMS + 1} items; a list may hold at most {MAX_CLAIMS}"),
        (BATCH_QUERY, {"b": {"persons": ["甲"], "benefitIds": ["b"], "amounts": [1.0] * (MAX_CLAIMS + 1)}},
         f"Variable $b.amounts holds {MAX_CLAIMS + 1} items"),
        # within the list limit, past the values an operation may send
        (BATCH_QUERY, {"b": {"persons": ["甲"] * MAX_CLAIMS, "benefitIds": ["b"] * MAX_CLAIMS,
                             "amounts": [1.0] * MAX_CLAIMS}, **{x: [0] * MAX_CLAIMS for x in "xyz"}},
         f"The variables hold more than {MAX_VARIABLE_VALUES} values"),
        (BATCH_QUERY, {"b": {"persons": ["甲", "乙\u0000"], "benefitIds": ["b", "c"]}},
         "Variable $b.persons[1] contains a NUL character"),
    ],
    ids=["claims", "batch-persons", "batch-amounts", "values", "nul-in-a-column"],
)
async def test_oversized_variables_are_refused_before_they_are_converted(client, query, variables, expected):
    # The refusal names the variable as sent (the resolver would say "claims per call" only
    # after seconds of converting every claim).
    error = await client.error(query, variables)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert expected in error["message"]


async def test_a_body_that_trickles_in_gets_408(corpus_store: GraphStore):
    settings = Settings(graph_uri="unused.rdb", request_timeout=0.5)
    async with serving(settings, corpus_store) as client:

        async def trickle():
            yield b'{"query": '
            await asyncio.sleep(5)
            yield b'"{ awards { id } }"}'

        started = time.perf_counter()
        response = await client.http.post("/graphql", content=trickle(), headers={"content-type": "application/json"})
        assert response.status_code == 408
        assert response.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
        assert time.perf_counter() - started < 3


class HungStore(SlowStore):
    async def ping(self) -> None:
        await asyncio.sleep(self.delay)


async def test_a_store_that_does_not_answer_makes_healthz_503(corpus_store: GraphStore):
    settings = Settings(graph_uri="unused.rdb", request_timeout=0.3)
    async with serving(settings, HungStore(corpus_store, delay=30)) as client:  # type: ignore[arg-type]
        response = await client.http.get("/healthz")
        assert response.status_code == 503
        assert response.json()["reason"] == "the store did not answer within 0.3 s"
        # an operation that waits on it is told the same
        error = await client.error("{ programs { id } }")
        assert error["extensions"]["code"] == "STORE_UNAVAILABLE"
        assert error["message"] == "The graph store is unavailable: the store did not answer within 0.3 s"
