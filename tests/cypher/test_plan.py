"""Every query FalkorDB runs plans on embedded FalkorDB (GRAPH.EXPLAIN with the declared
example parameters): the shared files, the FalkorDB ones and the store tests' ones. The schema
file is executed instead (DDL cannot be explained), by opening the store."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graphapi.store.base import StoreError
from graphapi.store.falkordb import FalkorDBStore
from graphapi.store.queries import CYPHER_DIR, SCHEMA, load_queries
from tests.store.conftest import TEST_QUERIES

QUERIES = load_queries("falkordb", [TEST_QUERIES])
PLANNED = sorted(name for name in QUERIES if name != SCHEMA)
SHARED = sorted(path for directory in (CYPHER_DIR, TEST_QUERIES) for path in directory.glob("*.cypher"))
LABELS = [
    "Award",
    "Benefit",
    "Criterion",
    "Organization",
    "Policy",
    "Program",
    "Provision",
    "Region",
    "Relaxation",
    "StackingRule",
    "Tier",
    "Title",
]


@pytest.fixture(scope="module")
async def planner(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FalkorDBStore]:
    store = FalkorDBStore(tmp_path_factory.mktemp("plan") / "plan.rdb", query_dirs=[TEST_QUERIES])
    await store.open()  # runs every statement of cypher/falkordb/schema.cypher
    yield store
    await store.close()


def test_every_shared_and_falkordb_file_is_planned() -> None:
    files = {query.path for name, query in QUERIES.items() if name in PLANNED}
    assert set(SHARED) <= files
    assert {path for path in (CYPHER_DIR / "falkordb").glob("*.cypher") if path.stem != SCHEMA} <= files


@pytest.mark.parametrize("name", PLANNED)
async def test_query_plans_on_falkordb(planner: FalkorDBStore, name: str) -> None:
    plan = await planner.explain(name)  # raises StoreError naming the query when it cannot plan
    assert plan.strip()


async def test_planning_catches_what_falkordb_cannot_run(tmp_path: Path) -> None:
    gaps = tmp_path / "gaps"
    gaps.mkdir()
    (gaps / "regex.cypher").write_text(
        "// Regex.\nMATCH (n:Policy) WHERE n.id =~ 'gd.*' RETURN n.id AS id\n", encoding="utf-8"
    )
    (gaps / "subquery.cypher").write_text(
        "// Subquery.\nMATCH (n:Policy) WHERE EXISTS { MATCH (n)-[:CITES]->() } RETURN n.id AS id\n",
        encoding="utf-8",
    )
    store = FalkorDBStore(tmp_path / "gaps.rdb", query_dirs=[gaps])
    await store.open()
    try:
        with pytest.raises(StoreError, match=r"'regex'.*=~"):
            await store.explain("regex")
        with pytest.raises(StoreError, match="'subquery'"):
            await store.explain("subquery")
    finally:
        await store.close()


async def test_schema_statements_ran(planner: FalkorDBStore) -> None:
    indexes = {row["label"]: row for row in await planner.read("falkordb_indexes")}
    assert sorted(indexes) == LABELS
    for label in LABELS:
        assert "id" in indexes[label]["properties"]
    assert "FULLTEXT" in indexes["Provision"]["types"]["searchTerms"]


@pytest.mark.parametrize("path", SHARED, ids=lambda path: path.name)
def test_shared_file_avoids_exists_on_a_pattern(path: Path) -> None:
    # FalkorDB 4.22 plans RETURN exists((a)-[:R]->()) and answers true for every row; write
    # WHERE (a)-[:R]->() or size([(a)-[:R]->(x) | x]) > 0 instead (DESIGN §6).
    assert not re.search(r"\bexists\s*\(\s*\(", path.read_text(encoding="utf-8"), re.IGNORECASE)
