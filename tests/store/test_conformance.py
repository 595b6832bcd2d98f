"""One behaviour, both backends: every test here runs against embedded FalkorDB and, when
NEO4J_URI is set, against Neo4j (see conftest.py)."""

from __future__ import annotations

import os
import signal

import pytest

from graphapi.store.base import GraphStore, StoreError, StoreUnavailable, start_counting
from tests.store.support import (
    HOSTILE,
    PHRASE_HITS,
    PROVISIONS,
    expected_keys,
    hit_keys,
    load_provisions,
    search,
    wait_until_up,
)

# --- values in and out --------------------------------------------------------------------


async def test_nested_parameters_and_chinese_text_round_trip(store: GraphStore) -> None:
    value = {
        "名称": "一次性工作生活补贴",
        "amounts": [1, 2.5, -3, None, True, False],
        "quotes": "“国家杰出青年基金”\"'\\`$x",
        "nested": {"list": [{"k": "v"}, [], {}], "繁體": "傑出青年"},
        "empty": "",
    }
    rows = await store.read("conformance_echo", value=value)
    assert rows == [{"value": value}]


async def test_written_items_come_back_as_maps(store: GraphStore) -> None:
    items = [
        {"id": "item-1", "name": "购房津贴", "tags": ["官渡区", "A类"], "note": None},
        {"id": "item-2", "name": "岗位津贴", "tags": [], "note": "每年35万元"},
    ]
    await store.write("conformance_put_items", items=items)
    (row,) = await store.read("conformance_get_item", id="item-1")
    assert row == {"item": {"id": "item-1", "name": "购房津贴", "tags": ["官渡区", "A类"]}}
    (row,) = await store.read("conformance_get_item", id="item-2")
    assert row["item"]["note"] == "每年35万元"


async def test_nulls(store: GraphStore) -> None:
    assert await store.read("conformance_optional_item", id="missing") == [{"name": None, "nothing": None}]
    assert await store.read("conformance_get_item", id="missing") == []
    await store.write(
        "conformance_put_items", items=[{"id": "nameless", "name": None, "tags": None, "note": None}]
    )
    assert await store.read("conformance_item_names") == [{"id": "nameless", "name": None}]


async def test_graph_elements_are_refused(store: GraphStore) -> None:
    await store.write(
        "conformance_put_items", items=[{"id": "item-1", "name": "x", "tags": [], "note": None}]
    )
    with pytest.raises(StoreError, match="return a map"):
        await store.read("conformance_raw_node")


async def test_unknown_query_is_named(store: GraphStore) -> None:
    with pytest.raises(StoreError, match="no_such_query"):
        await store.read("no_such_query")


# --- writes -------------------------------------------------------------------------------


async def test_failing_write_leaves_nothing_behind(store: GraphStore) -> None:
    items = [{"id": "first", "divisor": 1}, {"id": "second", "divisor": 2}, {"id": "bad", "divisor": 0}]
    with pytest.raises(StoreError) as raised:
        await store.write("conformance_failing_write", items=items)
    assert not isinstance(raised.value, StoreUnavailable)
    assert await store.read("conformance_item_names") == []


async def test_read_refuses_to_write(store: GraphStore) -> None:
    with pytest.raises(StoreError):
        await store.read(
            "conformance_put_items", items=[{"id": "sneaky", "name": "x", "tags": [], "note": None}]
        )
    assert await store.read("conformance_item_names") == []


async def test_reset_empties_the_graph_and_keeps_the_index(store: GraphStore) -> None:
    await load_provisions(store)
    await store.write(
        "conformance_put_items", items=[{"id": "item-1", "name": "x", "tags": [], "note": None}]
    )
    assert (await store.read("conformance_count_nodes"))[0]["nodes"] == len(PROVISIONS) + 2
    await store.reset()
    assert (await store.read("conformance_count_nodes"))[0]["nodes"] == 0
    assert await search(store, "购房津贴") == []
    await load_provisions(store)  # the full-text index still exists and picks new nodes up
    assert hit_keys(await search(store, "购房津贴")) == {"housing"}


# --- full-text search ---------------------------------------------------------------------


@pytest.mark.parametrize(("phrase", "key"), PHRASE_HITS.items())
async def test_phrase_search_hits_the_phrase_not_the_words_apart(
    store: GraphStore, phrase: str, key: str
) -> None:
    await load_provisions(store)
    rows = await search(store, phrase)
    assert hit_keys(rows) == {key}
    (row,) = rows
    assert row["id"] == f"test-policy/{key}"
    assert row["text"] == PROVISIONS[key]
    assert row["kind"] == "ARTICLE"
    assert row["label"].startswith("第")
    assert row["policyId"] == "test-policy"
    assert row["score"] > 0


async def test_every_phrase_of_the_query_must_match(store: GraphStore) -> None:
    await load_provisions(store)
    assert hit_keys(await search(store, "购房 津贴")) == {"housing", "housing-apart"}
    assert hit_keys(await search(store, "购房津贴，80%")) == {"housing"}
    assert hit_keys(await search(store, "购房津贴 生活补贴")) == set()


async def test_phrase_does_not_match_across_punctuation(store: GraphStore) -> None:
    await load_provisions(store, {"split": "给予购房。津贴另计。", "whole": "给予购房津贴。"})
    assert {row["id"] for row in await search(store, "购房津贴")} == {"test-policy/whole"}


async def test_single_characters(store: GraphStore) -> None:
    await load_provisions(store)
    assert hit_keys(await search(store, "津")) == {"housing", "housing-apart"}
    assert hit_keys(await search(store, "贴")) == {
        "housing",
        "housing-apart",
        "living",
        "living-apart",
    }  # ends runs too
    assert hit_keys(await search(store, "杰")) == {"fund", "fund-apart"}
    assert await search(store, "龘") == []


async def test_search_honours_first_and_orders_by_score(store: GraphStore) -> None:
    await load_provisions(store)
    rows = await search(store, "补贴", first=2)
    assert len(rows) == 2
    assert rows[0]["score"] >= rows[1]["score"]


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_search_text_never_breaks_the_query(store: GraphStore, text: str) -> None:
    await load_provisions(store)
    assert hit_keys(await search(store, text)) == expected_keys(text)
    assert (await store.read("conformance_count_nodes"))[0]["nodes"] == len(PROVISIONS) + 1


async def test_a_second_node_with_an_id_is_refused_and_the_write_changes_nothing(store: GraphStore) -> None:
    # Uniqueness of `id` per label: Neo4j constraints, FalkorDB GRAPH.CONSTRAINT (see the adapters).
    await load_provisions(store, {"first": "购房津贴。"})
    before = await store.read("dump_nodes")
    duplicate = [
        {"id": "test-policy/new", "kind": "ARTICLE", "label": "第二条", "text": "另一条。", "searchTerms": None},
        {"id": "test-policy/first", "kind": "ARTICLE", "label": "第一条", "text": "重复。", "searchTerms": None},
    ]
    with pytest.raises(StoreError) as raised:
        await store.write("conformance_put_provisions", policyId="test-policy", provisions=duplicate)
    assert not isinstance(raised.value, StoreUnavailable)
    assert "conformance_put_provisions" in str(raised.value)
    assert await store.read("dump_nodes") == before


async def test_hostile_strings_are_stored_verbatim(store: GraphStore) -> None:
    items = [{"id": f"h{i}", "name": text, "tags": [text], "note": None} for i, text in enumerate(HOSTILE)]
    await store.write("conformance_put_items", items=items)
    rows = await store.read("conformance_item_names")
    assert {row["id"]: row["name"] for row in rows} == {item["id"]: item["name"] for item in items}


# --- health and accounting ----------------------------------------------------------------


async def test_ping(store: GraphStore) -> None:
    await store.ping()


async def test_each_call_that_reaches_the_store_counts_one_round_trip(store: GraphStore) -> None:
    counter = start_counting()
    await store.read("conformance_item_names")
    assert counter.count == 1
    await store.write("conformance_put_items", items=[{"id": "a", "name": "x", "tags": [], "note": None}])
    assert counter.count == 2
    with pytest.raises(StoreError):
        await store.write("conformance_failing_write", items=[{"id": "b", "divisor": 0}])
    assert counter.count == 3
    with pytest.raises(StoreError):
        await store.read("no_such_query")
    assert counter.count == 3  # never reached the store
    await search(store, "购房津贴")
    assert counter.count == 4


async def test_embedded_server_killed_then_unavailable_then_back_with_data_intact(store: GraphStore) -> None:
    if store.backend != "falkordb":
        pytest.skip("kill -9 applies to the embedded server; Neo4j outages are in test_neo4j.py")
    await load_provisions(store)
    items = [
        {"id": f"item-{i:02}", "name": f"第{i}项补贴", "tags": ["官渡区"], "note": None} for i in range(50)
    ]
    await store.write("conformance_put_items", items=items)  # the last write before the kill
    old_pid = store.server_pid
    assert old_pid is not None

    os.kill(old_pid, signal.SIGKILL)
    with pytest.raises(StoreUnavailable, match=f"pid {old_pid}.*not running"):
        await store.read("conformance_item_names")
    with pytest.raises(StoreUnavailable, match="not running"):
        await store.ping()  # reports the reason while the server is down

    await wait_until_up(store)
    assert store.server_pid not in (None, old_pid)
    assert [row["id"] for row in await store.read("conformance_item_names")] == [item["id"] for item in items]
    assert hit_keys(await search(store, "购房津贴")) == {"housing"}
    await store.write("conformance_put_items", items=[{"id": "after", "name": "x", "tags": [], "note": None}])
    assert len(await store.read("conformance_item_names")) == len(items) + 1
