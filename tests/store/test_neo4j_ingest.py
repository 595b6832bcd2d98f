"""The corpus through the real pipeline into Neo4j: it loads, loads again to the identical
graph, refuses a copy under another name, and what the API reads (policies_page,
parts_by_policies / provisions_by_ids, the full-text search) answers from it.

Opt-in, like test_conformance.py: it runs when NEO4J_URI is set and WIPES that database (point
it at a throwaway server, e.g. the one docker-compose.yml starts); it is skipped otherwise.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graphapi.store import open_store
from graphapi.store.base import GraphStore
from graphapi.store.fulltext import normalize
from ingest.documents import parse_file
from ingest.pipeline import ingest_paths
from tests.conftest import CORPUS
from tests.store.conftest import TEST_QUERIES, store_settings
from tests.store.support import dump, duplicate_ids

pytestmark = pytest.mark.neo4j

DOCUMENTS = {path.name: parse_file(path) for path in sorted(CORPUS.glob("*.txt"))}
POLICIES = [parsed for doc in DOCUMENTS.values() for parsed in doc.policies]
# Phrases as written in the corpus (simplified, as the API searches): from the 官渡 办法, the
# 深圳 办法 (traditional in the source) and the 云南 细则.
PHRASES = ("购房津贴", "杰出人才培养", "一次性工作生活补贴", "国家杰出青年科学基金")


@pytest.fixture(scope="module")
async def neo4j(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[GraphStore]:
    settings = store_settings("neo4j", tmp_path_factory.mktemp("neo4j-ingest"))  # skips without NEO4J_URI
    store = open_store(settings, query_dirs=[TEST_QUERIES])
    await store.open()
    await store.reset()
    results = await ingest_paths(store, [CORPUS])
    assert [r.error for r in results if not r.ok] == []
    yield store
    await store.reset()
    await store.close()


async def test_the_corpus_loads_whole_and_reloads_to_the_identical_graph(neo4j: GraphStore) -> None:
    first = await dump(neo4j)
    nodes = [json.loads(node) for node in first[0]]
    provisions = [props for label, props in nodes if label == "Provision"]
    assert len(provisions) == sum(len(p.provisions) for p in POLICIES)
    assert all("searchTerms" not in props for props in provisions)  # Neo4j indexes the text itself
    assert duplicate_ids(first[0]) == []

    results = await ingest_paths(neo4j, [CORPUS])
    assert all(r.ok for r in results)
    assert await dump(neo4j) == first


async def test_a_renamed_copy_is_refused_and_changes_nothing(neo4j: GraphStore, tmp_path: Path) -> None:
    original = next(CORPUS.glob("001_*.txt"))
    copy = tmp_path / "guandu_copy.txt"
    shutil.copy(original, copy)
    before = await dump(neo4j)
    (result,) = await ingest_paths(neo4j, [copy])
    assert not result.ok and f"already loaded from {original.name}" in result.error
    assert await dump(neo4j) == before


async def test_policies_page(neo4j: GraphStore) -> None:
    loaded = sorted(p.policy.id for p in POLICIES)
    (row,) = await neo4j.read(
        "policies_page", level=None, regions=None, status=None, includePlaceholders=False, after="", first=100
    )
    assert row["total"] == len(loaded)
    assert [p["id"] for p in row["page"]] == loaded
    (second,) = await neo4j.read(
        "policies_page", level=None, regions=None, status=None, includePlaceholders=False, after=loaded[4], first=3
    )
    assert [p["id"] for p in second["page"]] == loaded[5:8]
    (with_placeholders,) = await neo4j.read(
        "policies_page", level=None, regions=None, status=None, includePlaceholders=True, after="", first=100
    )
    assert with_placeholders["total"] > len(loaded)  # the cited documents not loaded
    guandu = next(p.policy for p in POLICIES if p.policy.region == "官渡区")
    (district,) = await neo4j.read(
        "policies_page", level="DISTRICT", regions=["官渡区"], status=None, includePlaceholders=False, after="", first=10
    )
    assert [p["id"] for p in district["page"]] == [guandu.id]
    assert district["page"][0]["title"] == guandu.title


async def test_provisions_by_policies_and_by_ids(neo4j: GraphStore) -> None:
    ids = [p.policy.id for p in POLICIES]
    rows = await neo4j.read("parts_by_policies", ids=ids)
    for parsed in POLICIES:
        (mine,) = [row["provisions"] for row in rows if row["key"] == parsed.policy.id]
        assert [n["id"] for n in mine] == [p.id for p in parsed.provisions]  # document order
        assert [n["text"] for n in mine] == [p.text for p in parsed.provisions]
    some = [parsed.provisions[len(parsed.provisions) // 2].id for parsed in POLICIES]
    by_id = {row["key"]: row["n"] for row in await neo4j.read("provisions_by_ids", ids=[*some, "no/such"])}
    assert set(by_id) == set(some)
    listed = {n["id"]: n for row in rows for n in row["provisions"]}
    assert all(by_id[i] == listed[i] for i in some)


@pytest.mark.parametrize("phrase", PHRASES)
async def test_full_text_search_finds_exactly_the_provisions_holding_a_phrase(neo4j: GraphStore, phrase: str) -> None:
    expected = {p.id for parsed in POLICIES for p in parsed.provisions if phrase in normalize(p.text)}
    assert expected, phrase  # the phrase is in the corpus
    rows = await neo4j.read("search_provisions", query=neo4j.fulltext_query(phrase), first=500)
    assert {row["id"] for row in rows} == expected
    assert all(row["score"] > 0 and row["policyId"] == row["id"].split("/", 1)[0] for row in rows)
