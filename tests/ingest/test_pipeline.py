"""The pipeline's per-document reports: a document whose text no longer fits a reviewed curation
entry is refused with the policy, the provision and the entry named, and the others load; a
run of many documents (written several per round trip) reports each in file order."""

from __future__ import annotations

import pytest

from ingest.documents import parse_file
from ingest.facts.curation import load as curation_entries
from ingest.pipeline import ingest_paths
from tests.conftest import graph_counts
from tests.ingest.support import CORPUS, PREFIXES, corpus_path


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
