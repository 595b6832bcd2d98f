"""The response cache: a repeated question over an unchanged graph is answered from memory,
and nothing is answered from memory that the graph or the request could have changed."""

from __future__ import annotations

import datetime

from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from graphapi.api import facts
from graphapi.api import responses
from graphapi.api.responses import ResponseCache

HEADLINE = """query($profile: TalentProfileInput!) {
  qualifyingTiers(profile: $profile) { status tier { id } explanation citations { id } } }"""
PROFILE = {"awards": [{"name": "国家科学技术进步奖", "grade": "二等奖", "rank": 2}], "region": "官渡区"}


async def test_a_repeated_question_costs_no_round_trip_and_gives_the_same_answer(client):
    first = await client.post(HEADLINE, {"profile": {**PROFILE, "age": 47}})
    second = await client.post(HEADLINE, {"profile": {**PROFILE, "age": 47}})
    assert not first.get("errors") and second["data"] == first["data"]
    assert second["extensions"]["storeRoundTrips"] == 0
    other = await client.post(HEADLINE, {"profile": {**PROFILE, "age": 48}})  # other variables: computed
    assert other["extensions"]["storeRoundTrips"] <= 2 and other["data"]["qualifyingTiers"]


async def test_a_load_through_the_api_is_seen_by_the_next_question(client, app):
    await client.post(HEADLINE, {"profile": {**PROFILE, "age": 49}})
    facts.invalidate(app.state.store)  # what ingestDocument does after a load
    again = await client.post(HEADLINE, {"profile": {**PROFILE, "age": 49}})
    assert again["extensions"]["storeRoundTrips"] >= 1  # computed again, not from memory


async def test_errors_are_never_kept(client):
    bad = {"profile": {**PROFILE, "age": -1}}
    assert (await client.post(HEADLINE, bad))["errors"]
    assert (await client.post(HEADLINE, bad))["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


# --- the cache alone ---------------------------------------------------------------------------


class _Store:
    """Stands in for a store: the cache only asks the fact cache for its graph version."""


def _request(query: str = "{ programs { id } }", **variables) -> GraphQLRequestData:
    return GraphQLRequestData(query=query, variables=variables, operation_name=None, extensions=None)


def _answer(data) -> ExecutionResult:
    return ExecutionResult(data=data, errors=None, extensions={"storeRoundTrips": 2, "notices": ["n"]})


def test_answers_are_kept_per_graph_version_and_request():
    store = _Store()
    facts.cache_of(store).observe("v1")
    cache = ResponseCache()
    cache.put(store, cache.key(_request()), _answer({"a": 1}), "v1")
    kept = cache.get(store, cache.key(_request()), debug=True)
    assert kept.data == {"a": 1} and kept.extensions == {"notices": ["n"], "storeRoundTrips": 0}
    assert cache.get(store, cache.key(_request(x=1)), debug=False) is None  # other variables
    facts.cache_of(store).observe("v2")  # the graph moved
    assert cache.get(store, cache.key(_request()), debug=False) is None and len(cache) == 0


def test_what_is_never_kept():
    store = _Store()
    facts.cache_of(store).observe("v1")
    cache = ResponseCache()
    mutation = _request('mutation { ingestDocument(name: "a.txt", text: "x") { document } }')
    cache.put(store, cache.key(mutation), _answer({"ingestDocument": {}}), "v1")
    failed = ExecutionResult(data=None, errors=[ValueError("no")], extensions=None)
    cache.put(store, cache.key(_request("{ policies { totalCount } }")), failed, "v1")
    cache.put(store, cache.key(_request("{ awards { id } }")), _answer({"awards": []}), "v0")  # began on another graph
    cache.put(store, cache.key(_request("{ titles { id } }")), _answer({"titles": []}), None)  # graph not read yet
    bulk = _request("query($ids: [ID!]) { programs { id } }", ids=["x" * 20] * 1000)  # does not repeat
    cache.put(store, cache.key(bulk), _answer({"programs": []}), "v1")
    assert len(cache) == 0
    off = ResponseCache(max_entries=0)
    assert off.get(store, off.key(_request()), debug=False) is None


def test_the_least_recently_used_go_first():
    store = _Store()
    facts.cache_of(store).observe("v1")
    cache = ResponseCache(max_entries=2)
    for n in range(3):
        cache.put(store, cache.key(_request(n=n)), _answer({"n": n}), "v1")
    assert cache.get(store, cache.key(_request(n=0)), debug=False) is None
    assert cache.get(store, cache.key(_request(n=2)), debug=False).data == {"n": 2}
    small = ResponseCache(max_bytes=20)
    small.put(store, small.key(_request()), _answer({"text": "x" * 30}), "v1")
    assert len(small) == 0


def test_answers_of_another_year_are_computed_again(monkeypatch):
    store = _Store()
    facts.cache_of(store).observe("v1")
    cache = ResponseCache()
    cache.put(store, cache.key(_request()), _answer({"a": 1}), "v1")

    real = datetime.date

    class NextYear(real):
        @classmethod
        def today(cls):
            return real(real.today().year + 1, 1, 1)

    monkeypatch.setattr("graphapi.api.responses.datetime.date", NextYear)
    assert cache.get(store, cache.key(_request()), debug=False) is None


def test_a_bulk_call_is_left_out_before_it_is_serialised(monkeypatch):
    cache = ResponseCache()
    claims = [{"person": f"p{n}", "benefitId": "b"} for n in range(100_000)]
    monkeypatch.setattr(responses.json, "dumps", _refuse)
    assert cache.key(_request("query($c: [ClaimInput!]) { policies { totalCount } }", c=claims)) is None


def _refuse(*args, **kwargs):
    raise AssertionError("the variables of a bulk call were serialised")
