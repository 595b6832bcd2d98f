"""The pipeline's per-document reports: a document whose text no longer fits a reviewed curation
entry is refused with the policy, the provision and the entry named, and the others load; a
run of many documents (written several per round trip) reports each in file order; reading in
a worker process loads what reading in a thread does, and survives the worker dying."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.base import GraphStore
from ingest.documents import parse_file
from ingest.facts.curation import load as curation_entries
from ingest.pipeline import ingest_paths
from tests.conftest import graph_counts
from tests.ingest.support import CORPUS, PREFIXES, corpus_path
from tests.store.conftest import TEST_QUERIES
from tests.store.support import dump


@pytest.fixture
async def own_dump_store(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[GraphStore]:
    """An empty store of its own, with the dump queries."""
    store = open_store(Settings(graph_uri=str(tmp_path_factory.mktemp("pipeline") / "g.rdb")), query_dirs=[TEST_QUERIES])
    await store.open()
    yield store
    await store.close()


def curated_file():
    """A corpus file, a curation entry whose phrase it states verbatim, and its text."""
    for prefix in PREFIXES:
        path = corpus_path(prefix)
        text = path.read_text(encoding="utf-8")
        ids = {p.id for policy in parse_file(path).policies for p in policy.provisions}
        for entry in curation_entries():
            if entry.provision in ids and len(entry.phrase) > 4 and text.count(entry.phrase) == 1:
                return path, entry, text
    pytest.skip("no curation entry quotes a corpus file verbatim")


async def test_a_stale_curation_entry_is_reported_in_the_words_of_the_policy(empty_store, tmp_path):
    path, entry, text = curated_file()
    middle = len(entry.phrase) // 2
    edited = entry.phrase[:middle] + "另行" + entry.phrase[middle:]  # a later edition's wording
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / path.name).write_text(text.replace(entry.phrase, edited), encoding="utf-8")
    other = corpus_path("003" if path.name[:3] != "003" else "002")
    (folder / other.name).write_bytes(other.read_bytes())

    results = await ingest_paths(empty_store, [folder])
    by_name = {r.path.name: r for r in results}
    assert by_name[other.name].ok
    failed = by_name[path.name]
    assert failed.summary is None
    policy = next(p.policy for p in parse_file(path).policies if entry.provision.startswith(p.policy.id + "/"))
    assert failed.error.startswith(f"the text of 《{policy.title}》 ({policy.id}) differs from the edition")
    assert f"no longer contains “{entry.phrase}” ({entry.source})" in failed.error
    assert "第" in failed.error.split("reviewed on: ", 1)[1].split(" (", 1)[0]  # 第七条第（二）项
    assert "CurationError" not in failed.error and "extraction failed" not in failed.error
    counts = await graph_counts(empty_store)
    assert counts[("node", "Policy")] >= 1  # the other one loaded


async def test_results_come_in_file_order_with_failures_in_place(empty_store, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "001_z_empty.txt").write_bytes(b"")
    (folder / "002_z_copy.txt").write_bytes(corpus_path("002").read_bytes())
    seen = []
    results = await ingest_paths(empty_store, [folder], on_done=seen.append)
    names = [r.path.name for r in results]
    assert names == sorted(p.name for p in folder.iterdir())
    assert sorted(r.path.name for r in seen) == sorted(names)
    failed = {r.path.name: r.error for r in results if not r.ok}
    assert set(failed) == {"001_z_empty.txt", "002_z_copy.txt"}
    assert "already loaded from 002_" in failed["002_z_copy.txt"]
    provisions = sum(r.summary.provisions for r in results if r.summary)
    assert (await graph_counts(empty_store))[("node", "Provision")] == provisions


def generated(folder, scale: int):
    from bench.generate import write_corpus

    return write_corpus(folder, scale)


async def test_reading_in_a_worker_process_loads_what_a_thread_loads(own_dump_store, tmp_path, monkeypatch):
    import ingest.pipeline as pipeline

    folder = tmp_path / "generated"
    manifest = generated(folder, 6)  # 30 documents: read in a worker process
    assert manifest.documents >= pipeline.PROCESS_FROM

    results = await ingest_paths(own_dump_store, [folder])
    by_process = await dump(own_dump_store)
    errors = [r.error for r in results]

    await own_dump_store.reset()
    monkeypatch.setattr(pipeline, "PROCESS_FROM", 10_000)  # the same files in a thread
    threaded = await ingest_paths(own_dump_store, [folder])
    assert [r.error for r in threaded] == errors
    assert await dump(own_dump_store) == by_process
    loaded = [r for r in results if r.ok]
    assert sum(r.summary.provisions for r in loaded) == sum(
        f["provisions"] for f, r in zip(manifest.files, results, strict=True) if r.ok
    )


async def test_a_worker_process_that_dies_is_replaced_by_a_thread(own_dump_store, tmp_path):
    import psutil

    folder = tmp_path / "generated"
    manifest = generated(folder, 6)
    killed: list[int] = []

    def kill_the_worker(result) -> None:
        if killed:
            return
        for server in psutil.Process().children(recursive=True):
            if "forkserver" in " ".join(server.cmdline()):
                for worker in server.children():  # the reading process, forked by the server
                    worker.kill()
                    killed.append(worker.pid)

    results = await ingest_paths(own_dump_store, [folder], on_done=kill_the_worker)
    assert killed
    assert len(results) == manifest.documents
    assert all(r.ok or "already" in r.error for r in results), [r.error for r in results if not r.ok]
