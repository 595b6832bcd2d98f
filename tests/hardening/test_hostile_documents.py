"""Hostile documents through the real `ingest` CLI into a store already holding the corpus:
each bad one is named in the summary with its reason, the damaged-but-readable ones load whole
with warnings, and nothing already stored is lost or duplicated (a full dump of the graph is
compared, not counts)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.base import GraphStore
from ingest.documents import parse_file
from tests.conftest import CORPUS, ROOT, graph_counts
from tests.hardening.conftest import TEXTS, corpus_in
from tests.store.conftest import TEST_QUERIES
from tests.store.support import dump, duplicate_ids

INGEST = Path(sys.executable).with_name("ingest")
GOOD = (TEXTS / "chenggong_talent_measures.txt").read_text(encoding="utf-8")

# Files the parser must refuse, and the words of the reason the summary gives.
GUANDU = next(CORPUS.glob("001_*.txt"))
REFUSED = {
    "empty.txt": "the document is empty",
    "binary.txt": "binary",
    "picture.txt": "PNG image",
    "huge.txt": "larger than the limit",
    "mixed_encodings.txt": "mixed encodings",
    "truncated.txt": "stops mid-sentence",
    "cut_mid_character.txt": "ends mid-character (truncated?)",
    "cut_mid_character_gbk.txt": "ends mid-character (truncated?)",
    "copy_of_guandu.txt": f"already loaded from {GUANDU.name}",
    "guandu_gb18030.txt": f"already loaded from {GUANDU.name}",
}
# Damaged but readable: loaded whole, with a warning naming the damage.
WARNED = {
    "no_final_stop.txt": "the file may be truncated",
    "duplicated_articles.txt": "appears twice",
    "skipped_articles.txt": "article numbering skips",
}


def variant(region: str) -> str:
    """The good document as another district would publish it (a policy of its own)."""
    return GOOD.replace("呈贡区", region)


def write_hostile(folder: Path) -> list[Path]:
    folder.mkdir()
    files = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 64,
        "picture.txt": b"\x89PNG\r\n\x1a\n" + bytes(2048),
        "mixed_encodings.txt": variant("西山区")[:300].encode("utf-8") + variant("西山区")[300:].encode("gb18030"),
        "truncated.txt": variant("晋宁区")[: variant("晋宁区").index("每年发放20%")].encode("utf-8"),
        "cut_mid_character.txt": variant("石林县").encode("utf-8")[:-2],
        "cut_mid_character_gbk.txt": variant("宜良县").rstrip().encode("gb18030")[:-1],
        "no_final_stop.txt": variant("嵩明县").rstrip().removesuffix("。").encode("utf-8"),
        "copy_of_guandu.txt": GUANDU.read_bytes(),
        "guandu_gb18030.txt": GUANDU.read_text(encoding="utf-8").encode("gb18030"),
        "duplicated_articles.txt": variant("安宁市").replace("第六条", "第五条").encode("utf-8"),
        "skipped_articles.txt": variant("富民县").replace("第七条", "第九条").replace("第八条", "第十条").encode("utf-8"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as huge:  # 50 MB of plausible text
        line = ("第一条  " + "为吸引和集聚高层次人才，" * 40 + "\n").encode("utf-8")
        while huge.tell() < 50 * 1024 * 1024:
            huge.write(line)
    return sorted(folder.iterdir())


def run_ingest(graph: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRAPH_URI": str(graph), "COLUMNS": "400"}  # wide: reasons unwrapped
    return subprocess.run(
        [str(INGEST), *map(str, files), "--warnings"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
async def loaded(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[tuple[Path, GraphStore]]:
    folder = tmp_path_factory.mktemp("hostile")
    graph = folder / "graph" / "corpus.rdb"
    await (await corpus_in(graph)).close()
    store = open_store(Settings(graph_uri=str(graph)), query_dirs=[TEST_QUERIES])  # with dump queries
    await store.open()
    yield folder, store
    await store.close()


def missing(before: tuple, after: tuple) -> list[str]:
    """Nodes and edges of the dump `before` that `after` lacks or holds changed."""
    return sorted(key for old, new in zip(before, after, strict=True) for key in (old - new))


async def test_hostile_documents_are_reported_and_nothing_stored_is_lost(loaded):
    folder, store = loaded
    graph = Path(store.path)  # type: ignore[attr-defined]
    files = write_hostile(folder / "docs")
    before = await graph_counts(store)
    before_dump = await dump(store)

    result = run_ingest(graph, files)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output  # some documents failed; the others loaded
    lines = output.splitlines()
    for name, reason in REFUSED.items():
        row = next(line for line in lines if name in line and "failed:" in line)
        assert reason in row, row
    for name, warning in WARNED.items():
        assert any(f"warning {name}: " in line and warning in line for line in lines), (name, output)
        assert not any(name in line and "failed:" in line for line in lines)

    after = await graph_counts(store)
    lost = {key: (before[key], after.get(key, 0)) for key in before if after.get(key, 0) < before[key]}
    assert not lost, lost
    # What the corpus had is there unchanged, once: the loaded documents only added their own.
    after_dump = await dump(store)
    assert missing(before_dump, after_dump) == []
    assert duplicate_ids(after_dump[0]) == []
    loaded_docs = [parse_file(folder / "docs" / name) for name in WARNED]
    added = Counter(
        {
            ("node", "Policy"): sum(len(doc.policies) for doc in loaded_docs),
            ("node", "Provision"): sum(len(p.provisions) for doc in loaded_docs for p in doc.policies),
        }
    )
    for key, count in added.items():
        assert after[key] - before.get(key, 0) == count, key  # each loaded whole, once

    # The same run again: the refused ones are refused again, the loaded ones replace themselves.
    again = run_ingest(graph, files)
    assert again.returncode == 1
    assert await dump(store) == after_dump


async def test_only_bad_documents_change_nothing(loaded):
    folder, store = loaded
    graph = Path(store.path)  # type: ignore[attr-defined]
    bad = folder / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "latin1.txt").write_bytes("Règlement: aucun article".encode("latin-1") + bytes([0xFF, 0xFE, 0x00]))
    before = await dump(store)
    result = run_ingest(graph, sorted(bad.iterdir()))
    assert result.returncode == 1
    assert (result.stdout + result.stderr).count("failed:") == 2
    assert await dump(store) == before
