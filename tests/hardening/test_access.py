"""Access: reads are public; ingestDocument needs an API key with role editor or admin; CORS
only for the allowed origins; introspection and GraphiQL can be switched off."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graphapi.api.auth import InvalidKey, KeyRing, presented_key
from graphapi.config import Settings, SettingsError
from graphapi.store.base import GraphStore
from ingest.documents import parse_file
from tests.api.conftest import GraphQLClient
from tests.conftest import graph_counts
from tests.hardening.conftest import (
    ADMIN_KEY,
    API_KEYS,
    EDITOR_KEY,
    TEXTS,
    corpus_in,
    serving,
)

READER_KEY = "reader-key-5d1c0b9e8a7f6e54"
INGEST = """mutation($name: String!, $text: String!) {
  ingestDocument(name: $name, text: $text) {
    document policies provisions programs tiers criteria benefits rules warnings
  }
}"""
CHENGGONG = TEXTS / "chenggong_talent_measures.txt"


def bearer(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


# --- settings -------------------------------------------------------------------------------


def test_api_keys_from_the_environment_and_a_file(tmp_path: Path):
    keys = tmp_path / "keys"
    keys.write_text(f"# issued 2024-05\n{ADMIN_KEY}:admin\n\n{READER_KEY} : reader\n", encoding="utf-8")
    settings = Settings.from_env({"API_KEYS": f" {EDITOR_KEY}:editor ,", "API_KEYS_FILE": str(keys)})
    assert dict(settings.api_keys) == {EDITOR_KEY: "editor", ADMIN_KEY: "admin", READER_KEY: "reader"}
    assert EDITOR_KEY not in repr(settings)  # keys stay out of logs


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"API_KEYS": f"{EDITOR_KEY}:owner"}, "API_KEYS: unknown role 'owner'; use one of reader, editor, admin"),
        ({"API_KEYS": EDITOR_KEY}, "API_KEYS: expected key:role"),
        ({"API_KEYS": "short:editor"}, "at least 16 printable ASCII characters"),
        ({"API_KEYS": f"{EDITOR_KEY}:editor,{EDITOR_KEY}:admin"}, "the same key is given two roles"),
        ({"API_KEYS_FILE": "/no/such/keys"}, "API_KEYS_FILE='/no/such/keys' cannot be read"),
        ({"REQUEST_TIMEOUT": "soon"}, "REQUEST_TIMEOUT='soon' is not a number of seconds"),
        ({"REQUEST_TIMEOUT": "nan"}, "REQUEST_TIMEOUT=nan is out of range"),
        ({"MAX_BODY_BYTES": "10"}, "MAX_BODY_BYTES=10 is out of range"),
        ({"INTROSPECTION": "maybe"}, "INTROSPECTION='maybe' is not a boolean"),
    ],
)
def test_bad_settings_are_named(environ, message):
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(environ)
    assert message in str(raised.value)
    assert EDITOR_KEY not in str(raised.value)


def test_production_switches_and_cors_origins():
    settings = Settings.from_env(
        {
            "INTROSPECTION": "off",
            "GRAPHIQL": "0",
            "CORS_ORIGINS": "https://rcb.example.gov.cn, https://hr.example.com",
            "REQUEST_TIMEOUT": "2.5",
            "MAX_BODY_BYTES": "65536",
        }
    )
    assert not settings.introspection and not settings.graphiql
    assert settings.cors_origins == ("https://rcb.example.gov.cn", "https://hr.example.com")
    assert settings.request_timeout == 2.5 and settings.max_body_bytes == 65536
    defaults = Settings.from_env({})
    assert defaults.introspection and defaults.graphiql and defaults.cors_origins == () and defaults.api_keys == ()


def test_key_ring():
    ring = KeyRing(API_KEYS)
    assert ring.role_of(EDITOR_KEY) == "editor" and ring.role_of(ADMIN_KEY) == "admin"
    for wrong in (EDITOR_KEY[:-1], EDITOR_KEY + "x", "", ADMIN_KEY.upper()):
        with pytest.raises(InvalidKey):
            ring.role_of(wrong)
    assert presented_key(None) is None
    assert presented_key(f"Bearer {EDITOR_KEY}") == EDITOR_KEY
    assert presented_key(f"bearer   {EDITOR_KEY} ") == EDITOR_KEY
    for malformed in (f"Basic {EDITOR_KEY}", "Bearer", EDITOR_KEY):
        with pytest.raises(InvalidKey):
            presented_key(malformed)


# --- keys over HTTP ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
async def writable(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[tuple[GraphStore, GraphQLClient]]:
    """A store of its own holding the corpus, and a client for an app with three keys."""
    store = await corpus_in(tmp_path_factory.mktemp("writable") / "corpus.rdb")
    settings = Settings(graph_uri="unused.rdb", api_keys=(*API_KEYS, (READER_KEY, "reader")))
    async with serving(settings, store) as client:
        yield store, client
    await store.close()


async def test_reads_need_no_key(writable):
    _, client = writable
    data = await client.data("{ policies(first: 1) { totalCount } }")
    assert data["policies"]["totalCount"] == 12


async def test_writing_without_a_key_is_unauthenticated(writable):
    store, client = writable
    before = await graph_counts(store)
    error = await client.error(INGEST, {"name": "a.txt", "text": CHENGGONG.read_text()})
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "ingestDocument writes to the graph: send an API key with role admin or editor" in error["message"]
    assert await graph_counts(store) == before


async def test_an_invalid_key_is_refused_even_for_reads(writable):
    _, client = writable
    for headers in (bearer("not-a-key-0000000000"), bearer(EDITOR_KEY + "0"), {"authorization": "Basic abc"}):
        response = await client.http.post("/graphql", json={"query": "{ awards { id } }"}, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        (error,) = response.json()["errors"]
        assert error["extensions"]["code"] == "UNAUTHENTICATED"
        assert error["message"].startswith("The API key is not valid")


async def test_a_reader_key_may_not_write(writable):
    store, client = writable
    before = await graph_counts(store)
    body = await client.post(INGEST, {"name": "a.txt", "text": CHENGGONG.read_text()}, **bearer(READER_KEY))
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["message"] == "ingestDocument needs role admin or editor; this API key has role reader"
    assert await graph_counts(store) == before


@pytest.mark.parametrize("key", [EDITOR_KEY, ADMIN_KEY], ids=["editor", "admin"])
async def test_an_editor_or_admin_ingests_a_document_all_of_it(writable, key):
    store, client = writable
    expected = parse_file(CHENGGONG)
    (policy,) = expected.policies
    body = await client.post(INGEST, {"name": CHENGGONG.name, "text": CHENGGONG.read_text()}, **bearer(key))
    assert not body.get("errors"), body
    summary = body["data"]["ingestDocument"]
    assert summary["document"] == CHENGGONG.name
    assert (summary["policies"], summary["provisions"]) == (1, len(policy.provisions))
    assert (summary["tiers"], summary["benefits"], summary["rules"]) == (2, 2, 1)
    loaded = await client.data(
        "query($id: ID!) { policy(id: $id) { title provisions { id } programs { tiers { code } } } }",
        {"id": policy.policy.id},
    )
    assert loaded["policy"]["title"] == "昆明市呈贡区引进高层次人才暂行办法"
    assert [p["id"] for p in loaded["policy"]["provisions"]] == [p.id for p in policy.provisions]
    assert sorted(t["code"] for t in loaded["policy"]["programs"][0]["tiers"]) == ["A", "B"]
    # Loading the same document again changes nothing (a document of the same name is replaced).
    once = await graph_counts(store)
    again = await client.post(INGEST, {"name": CHENGGONG.name, "text": CHENGGONG.read_text()}, **bearer(key))
    assert again["data"]["ingestDocument"] == summary
    assert await graph_counts(store) == once


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("empty.txt", "   \n", "the document is empty"),
        ("nul.txt", "第一条 本办法\u0000", "NUL character"),
        ("title-only.txt", "某某区人才办法\n", "no provisions found"),
        ("../../etc/passwd", "第一条  为吸引人才，制定本办法。", "name is a file name: no slashes"),
        ("", "第一条  为吸引人才，制定本办法。", "name must not be empty"),
        ("长" * 201, "第一条  为吸引人才，制定本办法。", "name is 201 characters long"),
    ],
)
async def test_a_bad_document_is_refused_by_name_and_changes_nothing(writable, name, text, expected):
    store, client = writable
    before = await graph_counts(store)
    body = await client.post(INGEST, {"name": name, "text": text}, **bearer(EDITOR_KEY))
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert expected in error["message"]
    assert await graph_counts(store) == before


# --- CORS, introspection, GraphiQL ----------------------------------------------------------


async def test_cors_only_for_allowed_origins(corpus_store: GraphStore):
    allowed = "https://rcb.example.gov.cn"
    settings = Settings(graph_uri="unused.rdb", cors_origins=(allowed,))
    async with serving(settings, corpus_store) as client:
        preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
        ok = await client.http.options("/graphql", headers={"origin": allowed, **preflight})
        assert ok.status_code == 200
        assert ok.headers["access-control-allow-origin"] == allowed
        refused = await client.http.options("/graphql", headers={"origin": "https://evil.example", **preflight})
        assert refused.status_code == 403
        assert refused.headers["content-type"] == "application/json"
        assert "access-control-allow-origin" not in refused.headers
        assert refused.headers["x-request-id"]
        (error,) = refused.json()["errors"]
        assert error["extensions"]["code"] == "FORBIDDEN"
        assert error["message"] == "CORS preflight refused: origin https://evil.example is not allowed (CORS_ORIGINS)"
        method = await client.http.options(
            "/graphql", headers={"origin": allowed, "access-control-request-method": "DELETE"}
        )
        assert method.status_code == 403
        assert "method DELETE is not allowed (only GET, POST" in method.json()["errors"][0]["message"]
        header = await client.http.options(
            "/graphql",
            headers={"origin": allowed, "access-control-request-method": "POST", "access-control-request-headers": "x-evil"},
        )
        assert header.json()["errors"][0]["message"] == "CORS preflight refused: headers x-evil are not allowed"
        simple = await client.http.post("/graphql", json={"query": "{ awards { id } }"}, headers={"origin": allowed})
        assert simple.headers["access-control-allow-origin"] == allowed
        assert "x-request-id" in simple.headers["access-control-expose-headers"]
        other = await client.http.post("/graphql", json={"query": "{ awards { id } }"}, headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


async def test_no_cors_by_default(client):
    response = await client.http.post(
        "/graphql", json={"query": "{ awards { id } }"}, headers={"origin": "https://rcb.example.gov.cn"}
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


async def test_introspection_and_graphiql_can_be_switched_off(corpus_store: GraphStore, client):
    introspect = "{ __schema { queryType { name } } }"
    assert (await client.data(introspect))["__schema"]["queryType"]["name"] == "Query"
    assert (await client.http.get("/graphql", headers={"accept": "text/html"})).status_code == 200
    settings = Settings(graph_uri="unused.rdb", introspection=False, graphiql=False)
    async with serving(settings, corpus_store) as production:
        error = await production.error(introspect)
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "introspection" in error["message"].lower()
        assert (await production.data("{ awards { id } }"))["awards"]
        ide = await production.http.get("/graphql", headers={"accept": "text/html"})
        assert ide.status_code == 404
        assert ide.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


PROFILE_QUERY = "query($p: TalentProfileInput!) { bestPackage(profile: $p) { totalMaxAmount } }"


@pytest.mark.parametrize(
    ("query", "variables", "named", "suggested"),
    [
        ("{ awrds { id } }", None, "Cannot query field 'awrds'", "'awards'"),
        ("{ policies(frist: 1) { totalCount } }", None, "Unknown argument 'frist'", "'first'"),
        ("query($p: TalentProfileInpt!) { bestPackage(profile: $p) { totalMaxAmount } }", {"p": {}},
         "Unknown type 'TalentProfileInpt'", "'TalentProfileInput'"),
        (PROFILE_QUERY, {"p": {"degree": "DOCTORTE"}}, "Value 'DOCTORTE' does not exist", "'DOCTORATE'"),
        (PROFILE_QUERY, {"p": {"agee": 3}}, "unknown field 'agee'", "'age'"),
        ("{ bestPackage(profile: {degree: DOCTORTE}) { totalMaxAmount } }", None,
         "Value 'DOCTORTE' does not exist", "'DOCTORATE'"),
    ],
)
async def test_with_introspection_off_errors_suggest_no_names(corpus_store: GraphStore, client, query, variables, named, suggested):
    # Suggestions would spell out the schema one typo at a time.
    helpful = await client.error(query, variables)
    assert named in helpful["message"] and f"Did you mean {suggested}" in helpful["message"].replace("the enum value ", "")
    settings = Settings(graph_uri="unused.rdb", introspection=False)
    async with serving(settings, corpus_store) as production:
        error = await production.error(query, variables)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert named in error["message"]
    assert "Did you mean" not in error["message"] and suggested not in error["message"]
