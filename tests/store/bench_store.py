"""Embedded-store measurements (not a test: speed belongs in benchmarks, not in assertions).

    .venv/bin/python -m tests.store.bench_store

Reports: start-up time (new file, and reopening a loaded one), 10 000 single-row writes sent in
UNWIND batches, the cost of one small write (fsync per write), full-text search latency over
about 1 000 provisions cut from the bundled corpus, and recovery after kill -9 of the server.
"""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import tempfile
import time
from pathlib import Path

from graphapi.store.falkordb import FalkorDBStore
from tests.store.conftest import TEST_QUERIES
from tests.store.support import wait_until_up

CORPUS = Path(__file__).resolve().parents[2] / "data" / "policies"
SEARCHES = [
    "购房津贴",
    "一次性工作生活补贴",
    "前三名完成人",
    "国家杰出青年基金",
    "人才",
    "津",
    "经费资助 配套",
    "博士后",
]


def corpus_lines() -> list[str]:
    lines = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines += [
            line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) >= 8
        ]
    return lines


def rows(store: FalkorDBStore, texts: list[str], prefix: str) -> list[dict]:
    return [
        {
            "id": f"{prefix}/{i}",
            "kind": "PARAGRAPH",
            "label": None,
            "text": text,
            "searchTerms": store.index_terms(text),
        }
        for i, text in enumerate(texts)
    ]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


async def main() -> None:
    path = Path(tempfile.mkdtemp()) / "bench" / "talent.rdb"
    store = FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    started = time.perf_counter()
    await store.open()
    print(f"start-up, new file (server + schema): {ms(time.perf_counter() - started)}")

    batch = [
        {"id": f"w{i}", "kind": "PARAGRAPH", "label": None, "text": "第十条", "searchTerms": None}
        for i in range(10_000)
    ]
    for size in (1_000, 10_000):
        await store.reset()
        started = time.perf_counter()
        for first in range(0, len(batch), size):
            await store.write(
                "conformance_put_provisions", policyId="bench", provisions=batch[first : first + size]
            )
        print(f"10 000 single-row writes, UNWIND batches of {size}: {ms(time.perf_counter() - started)}")
    await store.reset()
    one = [{"id": "x", "kind": "PARAGRAPH", "label": None, "text": "第十条", "searchTerms": None}]
    started = time.perf_counter()
    for i in range(200):
        one[0]["id"] = f"single-{i}"
        await store.write("conformance_put_provisions", policyId="bench", provisions=one)
    mean = (time.perf_counter() - started) / 200
    print(f"one small write (AOF fsync on every write), mean of 200: {ms(mean)}")

    await store.reset()
    texts = corpus_lines()
    texts = (texts * (1000 // len(texts) + 1))[:1000]
    await store.write("conformance_put_provisions", policyId="bench", provisions=rows(store, texts, "p"))
    for text in SEARCHES:
        query = store.fulltext_query(text)
        timings, hits = [], 0
        for _ in range(50):
            started = time.perf_counter()
            hits = len(await store.read("search_provisions", query=query, first=20))
            timings.append(time.perf_counter() - started)
        timings.sort()
        median, p95 = statistics.median(timings), timings[47]
        print(f"search {text!r} over 1 000 provisions ({hits} hits): median {ms(median)}, p95 {ms(p95)}")

    await store.write(
        "conformance_put_items", items=[{"id": "last", "name": "最后写入", "tags": [], "note": None}]
    )
    os.kill(store.server_pid, signal.SIGKILL)
    started = time.perf_counter()
    try:
        await store.ping()
    except Exception as error:  # expected: the server is gone
        print(f"after kill -9: {type(error).__name__}: {error}")
    await wait_until_up(store)
    count = (await store.read("conformance_count_nodes"))[0]["nodes"]
    last = await store.read("conformance_get_item", id="last")
    back = time.perf_counter() - started
    print(f"back after kill -9 in {ms(back)}; nodes {count} (expected 1 002), last write kept: {bool(last)}")
    await store.close()

    started = time.perf_counter()
    reopened = FalkorDBStore(path, query_dirs=[TEST_QUERIES])
    await reopened.open()
    print(f"start-up, reopening the file with 1 002 nodes: {ms(time.perf_counter() - started)}")
    await reopened.close()


if __name__ == "__main__":
    asyncio.run(main())
