"""Every error carries a code; bad input is named, internal errors are masked behind a request
id that leads to the full story in the structured log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import GraphQLError

from graphapi.api.errors import ErrorCode
from graphapi.api.extensions import code_error
from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.base import GraphStore
from tests.hardening.conftest import serving
from tests.hardening.support import uvicorn

QUERIES = Path(__file__).parent / "cypher"
LONG = "长" * 100_000

TIERS = "query($p: TalentProfileInput!) { qualifyingTiers(profile: $p) { status } }"
PACKAGE = "query($p: TalentProfileInput!) { bestPackage(profile: $p) { totalMaxAmount } }"
CLAIMS = "query($c: [BenefitClaimInput!]!) { checkDuplicateEnjoyment(claims: $c) { checkedClaims } }"
AWARD = "国家科学技术进步奖"


async def test_internal_errors_are_masked_and_logged_with_the_request_id(tmp_path: Path):
    # A policy stored with a status the model does not know: reading it is a server-side fault.
    graph = tmp_path / "broken.rdb"
    store = open_store(Settings(graph_uri=str(graph)), query_dirs=[QUERIES])
    await store.open()
    broken = {"query": '{ policy(id: "broken-policy") { id title status } }'}
    try:
        await store.write("hardening_put_policy", id="broken-policy", title="损坏的政策", status="NO_SUCH_STATUS")
        with uvicorn({"GRAPH_URI": str(graph)}, tmp_path / "server.log") as server:
            response = httpx.post(f"{server.url}/graphql", json=broken, headers={"x-request-id": "trace-me-0001"})
            # Another client sends the same id: its lines must not pass for the first one's.
            forged = httpx.post(f"{server.url}/graphql", json=broken, headers={"x-request-id": "trace-me-0001"})
            anonymous = httpx.post(f"{server.url}/graphql", json=broken)
            logged = server.log_lines()
    finally:
        await store.close()
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "trace-me-0001"  # the client's id, echoed
    (error,) = response.json()["errors"]
    server_id = error["extensions"]["requestId"]
    assert server_id != "trace-me-0001" and len(server_id) == 32
    assert error["message"] == f"Internal error (request id {server_id})"
    assert error["extensions"] == {"requestId": server_id, "code": "INTERNAL"}
    for leak in ("Traceback", "NO_SUCH_STATUS", "ValueError", ".py"):
        assert leak not in response.text
    entries = [line for line in logged if line.get("event") == "internal_error"]
    assert len(entries) == 3
    entry = entries[0]
    assert entry["request_id"] == server_id
    assert entry["client_request_id"] == "trace-me-0001"
    assert entry["level"] == "error"
    assert entry["path"] == ["policy"]
    assert "NO_SUCH_STATUS" in entry["exception"] and "Traceback" in entry["exception"]
    # The second request has an id of its own; the third, with none given, is told the server's.
    forged_id = forged.json()["errors"][0]["extensions"]["requestId"]
    assert forged_id != server_id and entries[1]["request_id"] == forged_id
    assert entries[1]["client_request_id"] == "trace-me-0001"
    anonymous_id = anonymous.json()["errors"][0]["extensions"]["requestId"]
    assert anonymous.headers["x-request-id"] == anonymous_id == entries[2]["request_id"]
    assert "client_request_id" not in entries[2]


@pytest.mark.parametrize(
    ("query", "variables", "expected"),
    [
        (TIERS, {"p": {"age": -1}}, "profile.age must be between 0 and 130, got -1"),
        (TIERS, {"p": {"age": 131}}, "profile.age must be between 0 and 130, got 131"),
        (TIERS, {"p": {"age": 2**31}}, "Int cannot represent non 32-bit signed integer value"),
        (PACKAGE, {"p": {"age": 10**12}}, "Int cannot represent non 32-bit signed integer value"),
        (TIERS, {"p": {"awards": [{"name": AWARD, "rank": 0}]}}, "profile.awards[0].rank must be between 1 and 1000"),
        (TIERS, {"p": {"awards": [{"name": AWARD, "rank": -3}]}}, "profile.awards[0].rank must be between 1 and 1000"),
        (TIERS, {"p": {"awards": [{"name": AWARD, "year": 1066}]}}, "profile.awards[0].year must be between 1900"),
        (TIERS, {"p": {"awards": [{"name": AWARD, "grade": "五等奖"}]}}, "profile.awards[0].grade '五等奖' is not a grade"),
        (TIERS, {"p": {"awards": [{"name": AWARD, "grade": LONG}]}}, "is not a grade"),
        (TIERS, {"p": {"awards": [{"name": "  "}]}}, "profile.awards[0].name must not be empty"),
        (TIERS, {"p": {"degree": "PHD"}}, "Value 'PHD' does not exist in 'Degree' enum"),
        (TIERS, {"p": {"employment": "part_time"}}, "does not exist in 'Employment' enum"),
        (TIERS, {"p": {"professionalRank": 3}}, "ProfessionalRank"),
        (TIERS, {"p": {"housePrice": 1e300}}, "profile.housePrice must be between 1 and 1e+11"),
        (TIERS, {"p": {"housePrice": -1}}, "profile.housePrice must be between 1 and 1e+11"),
        (TIERS, {"p": {"titles": [LONG]}}, "profile.titles[0] is 100000 characters long; the limit is 200"),
        (TIERS, {"p": {"region": LONG}}, "profile.region is 100000 characters long; the limit is 200"),
        (TIERS, {"p": {"awards": [{"name": LONG}]}}, "profile.awards[0].name is 100000 characters long"),
        (TIERS, {"p": {"titles": ["杰青"] * 51}}, "at most 50 titles and 50 awards"),
        (CLAIMS, {"c": [{"person": "张三", "benefitId": "x", "amount": 1e300}]}, "claims[0].amount must be between 0 and 1e+11"),
        (CLAIMS, {"c": [{"person": "张三", "benefitId": "x", "amount": -1}]}, "claims[0].amount must be between 0 and 1e+11"),
        (CLAIMS, {"c": [{"person": "", "benefitId": "x"}]}, "claims[0].person must be 1 to 200 characters"),
        (CLAIMS, {"c": [{"person": LONG, "benefitId": "x"}]}, "claims[0].person must be 1 to 200 characters"),
        (CLAIMS, {"c": [{"person": "张三", "benefitId": LONG}]}, "claims[0].benefitId is longer than 200 characters"),
        (CLAIMS, {"c": [{"person": "张三", "benefitId": "program:no-such/A#b01"}]}, "unknown benefit ids: program:no-such/A#b01"),
        (CLAIMS, {"c": [{"person": "张三"}]}, "to include required field 'benefitId'"),
        ('query($t: String!) { search(text: $t) { id } }', {"t": LONG}, "text is 100000 characters long; the limit is 200"),
        ('query($t: String!) { search(text: $t) { id } }', {"t": "   "}, "text must not be empty"),
        ('query($t: String) { titles(search: $t) { id } }', {"t": LONG}, "search is 100000 characters long"),
        ('query($t: String!) { resolveTitle(name: $t) { score } }', {"t": LONG}, "name is 100000 characters long"),
        ('query($r: String) { policies(filter: {region: $r}) { totalCount } }', {"r": LONG}, "filter.region is 100000"),
        ('query($r: String) { policies(filter: {region: $r}) { totalCount } }', {"r": "火星"}, "unknown region '火星'"),
        ('query($a: String) { policies(after: $a) { totalCount } }', {"a": LONG}, "after is not a cursor"),
        ("{ policies(filter: {level: GALACTIC}) { totalCount } }", None, "Value 'GALACTIC' does not exist in 'Level' enum"),
        ('{ policy(id: "x") { provisions(kind: VERSE) { id } } }', None, "'VERSE' does not exist in 'ProvisionKind' enum"),
        ('{ tier(id: "x") { criteria(role: SOMETIMES) { id } } }', None, "'SOMETIMES' does not exist"),
        ("{ awards { nosuchfield } }", None, "Cannot query field 'nosuchfield' on type 'Award'"),
        ("{ awards { id }", None, "Syntax Error"),
    ],
)
async def test_bad_input_is_refused_by_name(client, query, variables, expected):
    body = await client.post(query, variables)
    assert body.get("data") is None or all(v is None for v in body["data"].values())
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert expected in error["message"]
    assert len(error["message"]) < 400  # a 100 000-character input is named, not echoed


@pytest.mark.parametrize("value", ["x\u0000y", "\ud800 lone surrogate"], ids=["nul", "surrogate"])
@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query($v: ID!) { policy(id: $v) { id } }", lambda v: {"v": v}),
        ("query($v: String!) { search(text: $v) { id } }", lambda v: {"v": v}),
        (CLAIMS, lambda v: {"c": [{"person": "张三", "benefitId": v}]}),
        (TIERS, lambda v: {"p": {"titles": ["杰青", v]}}),
    ],
)
async def test_strings_that_are_not_text_are_refused(client, query, variables, value):
    # Sent as JSON escapes (\u0000, \ud800), as a hostile client would.
    payload = json.dumps({"query": query, "variables": variables(value)})
    response = await client.http.post("/graphql", content=payload, headers={"content-type": "application/json"})
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "NUL character" in error["message"] or "lone surrogate" in error["message"]


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ('"a\\u0000b"', "A string in the query contains a NUL character"),  # a GraphQL escape
        ('"a\\u{0}b"', "A string in the query contains a NUL character"),
        ('"a\u0000b"', "A string in the query contains a NUL character"),  # the character, JSON-escaped
        ('"""a\u0000b"""', "A string in the query contains a NUL character"),  # a block string
        ('"a\ud800b"', "Invalid character within String: U+D800"),  # the parser refuses these itself
        ('"a\\uD800b"', "Invalid Unicode escape sequence"),
    ],
)
async def test_a_nul_or_a_lone_surrogate_in_a_query_literal_is_refused(client, literal, expected):
    # Checked on every request; a query without a \u escape is checked on its text alone.
    query = f"{{ policy(id: {literal}) {{ id }} }}"
    payload = json.dumps({"query": query})
    response = await client.http.post("/graphql", content=payload, headers={"content-type": "application/json"})
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert expected in error["message"]


async def test_escapes_that_are_text_pass_the_check(client):
    data = await client.data('{ policy(id: "\\u5b98\\u6e21\\u533a") { id } search(text: "\\u8d2d\\u623f") { id } }')
    assert data["policy"] is None and data["search"]


@pytest.mark.parametrize("field", ["policy", "provision", "tier"])
@pytest.mark.parametrize("value", ["no-such-id", LONG, "'; MATCH (n) DETACH DELETE n //"])
async def test_unknown_ids_give_null(client, field, value):
    data = await client.data(f"query($id: ID!) {{ {field}(id: $id) {{ id }} }}", {"id": value})
    assert data == {field: None}


async def test_an_unknown_title_gives_null(client):
    assert await client.data('{ resolveTitle(name: "银河系荣誉公民") { score } }') == {"resolveTitle": None}


@pytest.mark.parametrize(
    ("content", "content_type", "status", "expected"),
    [
        (b'{"query": ', "application/json", 400, "not valid JSON"),
        (b'{"query": "{ awards { id } }"}\xff', "application/json", 400, "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", 400, "nested too deeply"),
        (b'{"query": "{ awards { id } }", "variables": {"x": NaN}}', "application/json", 400, "NaN is not a JSON number"),
        (b"42", "application/json", 400, "must be a JSON object"),
        (b'[{"query": "{ awards { id } }"}]', "application/json", 400, "Batching is not enabled"),
        (b"{}", "application/json", 400, "No GraphQL query found"),
        (b"query=x", "text/plain", 400, "Unsupported content type"),
    ],
)
async def test_malformed_requests_get_graphql_shaped_errors(client, content, content_type, status, expected):
    response = await client.http.post("/graphql", content=content, headers={"content-type": content_type})
    assert response.status_code == status
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert expected in error["message"]


async def test_wrong_methods_and_paths_get_graphql_shaped_errors(client):
    put = await client.http.put("/graphql", content=b"{}")
    assert put.status_code == 405
    assert put.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    missing = await client.http.get("/nowhere")
    assert missing.status_code == 404
    assert missing.json()["errors"][0] == {
        "message": "Not Found: GET /nowhere",
        "extensions": {"code": "NOT_FOUND"},
    }
    mutation_by_get = await client.http.get("/graphql", params={"query": 'mutation { ingestDocument(name: "a", text: "b") { policies } }'})
    assert mutation_by_get.status_code == 400
    assert "mutations are not allowed when using GET" in mutation_by_get.json()["errors"][0]["message"]


class FaultyStore:
    """The corpus store with a bug: ping raises something no layer expects."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.backend = store.backend

    async def ping(self) -> None:
        raise RuntimeError("bug in a store adapter: /srv/secret/path")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


async def test_an_exception_nothing_caught_is_an_internal_json_error(corpus_store: GraphStore):
    async with serving(Settings(graph_uri="unused.rdb"), FaultyStore(corpus_store)) as client:  # type: ignore[arg-type]
        response = await client.http.get("/healthz", headers={"x-request-id": "last-resort-1"})
        assert response.status_code == 500
        assert response.headers["x-request-id"] == "last-resort-1"
        (error,) = response.json()["errors"]
        server_id = error["extensions"]["requestId"]
        assert server_id != "last-resort-1"
        assert error == {
            "message": f"Internal error (request id {server_id})",
            "extensions": {"requestId": server_id, "code": "INTERNAL"},
        }
        assert "secret" not in response.text
        assert (await client.data("{ awards { id } }"))["awards"]  # and the app carries on


async def test_the_error_codes_are_described_in_the_schema(client):
    description = (await client.data("{ __schema { description } }"))["__schema"]["description"]
    for code in ErrorCode:
        assert f"- {code.value}: " in description
    assert "REQUEST_TIMEOUT" in description


def test_a_graphql_core_complaint_without_an_original_is_internal():
    # e.g. "Cannot return null for non-nullable field": a fault of ours, not of the request
    error = GraphQLError("Cannot return null for non-nullable field Query.programs.", path=["programs"])
    coded = code_error(error)
    assert coded.extensions["code"] == "INTERNAL"
    assert coded.message.startswith("Internal error (request id ")
    request = code_error(GraphQLError("Syntax Error: Expected Name, found <EOF>."))
    assert request.extensions["code"] == "BAD_USER_INPUT"
