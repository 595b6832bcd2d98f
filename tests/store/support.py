"""Test data and helpers shared by the store tests: provisions and search strings, loading and
searching them, waiting for a store to come back."""

from __future__ import annotations

import asyncio
import json
from collections import Counter

from graphapi.store.base import GraphStore, StoreUnavailable
from graphapi.store.fulltext import normalize, phrases

# Provisions written for these tests in the genre of the corpus: each phrase searched below
# occurs in one of them as written, and in another only as separate words.
PROVISIONS = {
    "housing": "（一）购房津贴。全职引进的A类人才在本区首次购房的，按购房总价的80%给予补贴。",
    "housing-apart": "在本区购房并全职工作满三年的，另按月发放岗位津贴。",
    "living": "入选者给予50万元一次性工作生活补贴，分两年发放。",
    "living-apart": "一次性发放安家费；工作满五年的，给予生活补贴。",
    "award": "获得国家科学技术进步奖一等奖的前三名完成人。",
    "award-apart": "排名前三名的项目主要完成人，可申报本计划。",
    "fund": "“国家杰出青年基金”获得者，视同入选本计划。",
    "fund-apart": "国家自然科学基金委员会资助的杰出青年项目负责人。",
}
PHRASE_HITS = {
    "购房津贴": "housing",
    "一次性工作生活补贴": "living",
    "前三名完成人": "award",
    "国家杰出青年基金": "fund",
}
HOSTILE = [
    "。，“”()[]|-@*~\"'",
    '购房津贴"',
    '"购房津贴',
    "购房-津贴",
    "-购房津贴",
    "购房|岗位",
    "@text:购房",
    "购房*",
    "~购房",
    "(购房",
    "[1 TO 2]",
    "{购房}",
    "购房%%",
    "购房\\津贴",
    "'; MATCH (n) DETACH DELETE n //",
    '") RETURN 1 UNION MATCH (n) DETACH DELETE n //',
    "1' OR '1'='1",
    "'; DROP TABLE provisions; --",
    "$query",
    "\\",
    "",
    "   ",
    "津贴\n\t岗位",
]


async def load_provisions(store: GraphStore, texts: dict[str, str] = PROVISIONS) -> None:
    rows = [
        {
            "id": f"test-policy/{key}",
            "kind": "ARTICLE",
            "label": f"第{number}条",
            "text": text,
            "searchTerms": store.index_terms(text),
        }
        for number, (key, text) in enumerate(texts.items(), start=1)
    ]
    await store.write("conformance_put_provisions", policyId="test-policy", provisions=rows)


async def search(store: GraphStore, text: str, first: int = 20) -> list[dict]:
    return await store.read("search_provisions", query=store.fulltext_query(text), first=first)


def hit_keys(rows: list[dict]) -> set[str]:
    return {row["id"].removeprefix("test-policy/") for row in rows}


def expected_keys(text: str) -> set[str]:
    wanted = phrases(text)
    if not wanted:
        return set()
    return {key for key, body in PROVISIONS.items() if all(p in normalize(body) for p in wanted)}


async def wait_until_up(store: GraphStore, timeout: float = 20.0) -> None:
    """Ping until the store answers (it restarts itself after its server died)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            await store.ping()
            return
        except StoreUnavailable:
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.05)


# --- whole-graph dumps ----------------------------------------------------------------------
# Loaded from tests/store/cypher (open the store with query_dirs=[TEST_QUERIES]).


def _canonical(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


async def dump(store: GraphStore, *, skip: tuple[str, ...] = ("GraphMeta",)) -> tuple[Counter, Counter]:
    """Every node (label, properties) and relationship (ends, type, properties) of the graph, as
    multisets, so that two states compare in full: a duplicated node or edge shows as a count of
    2. `skip` leaves out labels that change on every write (the graph version)."""
    nodes = Counter(
        _canonical([row["label"], row["props"]])
        for row in await store.read("dump_nodes")
        if row["label"] not in skip
    )
    edges = Counter(
        _canonical([row["fromLabel"], row["fromId"], row["type"], row["props"], row["toLabel"], row["toId"]])
        for row in await store.read("dump_edges")
        if row["fromLabel"] not in skip and row["toLabel"] not in skip
    )
    return nodes, edges


def duplicate_ids(nodes: Counter) -> list[tuple[str, str]]:
    """(label, id) pairs that more than one node of a dump carries."""
    ids = Counter()
    for node, count in nodes.items():
        label, props = json.loads(node)
        ids[(label, props.get("id"))] += count
    return sorted(key for key, count in ids.items() if count > 1)
