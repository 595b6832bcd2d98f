"""Who owns what the graph holds: a document whose policies another file loaded (a renamed,
re-encoded or shortened copy) is refused, naming the policy and that file, and changes nothing;
`replace` takes the owner's place explicitly. Compared on full dumps of the graph (every node
with its properties, every edge), not on counts."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.base import GraphStore
from ingest.documents import parse_file
from ingest.pipeline import ingest_paths
from tests.ingest.support import CORPUS, corpus_path
from tests.store.conftest import TEST_QUERIES
from tests.store.support import dump, duplicate_ids

GUANDU = corpus_path("001")  # one policy, with its 分类认定目录
YUNNAN = corpus_path("004")  # a notice issuing six 细则: seven policies


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def before_line(path: Path, start: str) -> str:
    """The text of `path` up to (not including) the first line starting with `start`: a copy
    cut cleanly after a whole article."""
    kept = lines(path)
    return "\n".join(kept[: next(i for i, line in enumerate(kept) if line.startswith(start))]) + "\n"


VARIANTS = {
    "renamed": (GUANDU, lambda: GUANDU.read_bytes()),
    "gb18030": (GUANDU, lambda: GUANDU.read_text(encoding="utf-8").encode("gb18030")),
    "shortened": (GUANDU, lambda: before_line(GUANDU, "六、高层次创新创业团队").encode("utf-8")),
    "notice-renamed": (YUNNAN, lambda: YUNNAN.read_bytes()),
    "notice-shortened": (YUNNAN, lambda: before_line(YUNNAN, "云南省千人计划“人文社会科学人才”专项").encode("utf-8")),
}


@pytest.fixture(scope="module")
async def own_store(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[GraphStore]:
    store = open_store(
        Settings(graph_uri=str(tmp_path_factory.mktemp("ownership") / "graph.rdb")), query_dirs=[TEST_QUERIES]
    )
    await store.open()
    yield store
    await store.close()


@pytest.fixture
async def corpus(own_store: GraphStore) -> GraphStore:
    """The store holding exactly the corpus."""
    await own_store.reset()
    results = await ingest_paths(own_store, [CORPUS])
    assert all(r.ok for r in results), [r.error for r in results]
    return own_store


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("variant", sorted(VARIANTS))
async def test_a_copy_under_another_name_is_refused_and_changes_nothing(corpus, tmp_path, variant):
    original, data = VARIANTS[variant]
    copy = write(tmp_path / "copies", f"{variant}.txt", data())
    before = await dump(corpus)

    (result,) = await ingest_paths(corpus, [copy])
    assert not result.ok and result.summary is None
    first = parse_file(original).policies[0].policy
    assert f"《{first.title}》 ({first.id})" in result.error
    assert f"already loaded from {original.name}" in result.error
    assert f"under the name {original.name}" in result.error and "--replace" in result.error
    assert await dump(corpus) == before


async def test_the_owner_itself_reloads_as_before(corpus):
    before = await dump(corpus)
    results = await ingest_paths(corpus, [GUANDU, YUNNAN])
    assert all(r.ok for r in results)
    assert await dump(corpus) == before


async def test_two_copies_in_one_run_load_once(own_store, tmp_path):
    await own_store.reset()
    await ingest_paths(own_store, [GUANDU])
    alone = await dump(own_store)

    await own_store.reset()
    copy = write(tmp_path / "run", "zz_copy.txt", GUANDU.read_bytes())
    first, second = await ingest_paths(own_store, [GUANDU, copy])
    assert first.ok
    assert f"already loaded from {GUANDU.name}" in second.error
    assert await dump(own_store) == alone


def renamed(state: tuple, old: str, new: str) -> tuple:
    """A dump with one document key (file name) written as another."""
    return tuple(type(part)({key.replace(json.dumps(old)[1:-1], new): n for key, n in part.items()}) for part in state)


async def test_replace_takes_the_owners_place_and_gives_it_back(corpus, tmp_path):
    before = await dump(corpus)
    copy = write(tmp_path / "replacing", "guandu_2024.txt", GUANDU.read_bytes())

    (result,) = await ingest_paths(corpus, [copy], replace=True)
    assert result.ok, result.error
    assert f"replaced everything {GUANDU.name} had loaded" in result.warnings
    # The same graph, now owned by the new file (same bytes: same sha256).
    assert await dump(corpus) == renamed(before, GUANDU.name, copy.name)

    (back,) = await ingest_paths(corpus, [GUANDU], replace=True)
    assert back.ok
    assert await dump(corpus) == before


async def test_replacing_a_file_by_part_of_it_drops_the_rest_of_it(corpus, tmp_path):
    _, data = VARIANTS["notice-shortened"]
    part = write(tmp_path / "part", "yunnan_part.txt", data())
    kept = {p.policy.id for p in parse_file(part).policies}
    gone = {p.policy.id for p in parse_file(YUNNAN).policies} - kept
    assert kept and gone

    (result,) = await ingest_paths(corpus, [part], replace=True)
    assert result.ok, result.error
    nodes, _ = await dump(corpus)
    props = [json.loads(node)[1] for node in nodes]
    assert not [p for p in props if p.get("documentKey") == YUNNAN.name]
    policies = {p["id"]: p for p in props if "titleKey" in p}
    assert all(policies[i].get("documentKey") == part.name for i in kept)
    assert all(i not in policies or policies[i].get("placeholder") for i in gone)
    assert duplicate_ids(nodes) == []


def test_the_message_tells_a_copy_from_another_edition():
    from ingest.load import Claim, conflict_message

    copy = conflict_message(
        [
            Claim("Policy", "gd-2023-a", "甲办法", "a.txt"),
            Claim("Policy", "gd-2023-b", "乙细则", "a.txt"),
            Claim("Policy", "gd-2023-c", "丙细则", "a.txt"),
            Claim("Program", "program:gd-x", "某计划", "a.txt"),
        ]
    )
    assert copy.startswith("policy 《甲办法》 (gd-2023-a), policy 《乙细则》 (gd-2023-b) and 1 more are already loaded from a.txt")
    assert copy.endswith("load this file under the name a.txt, or run ingest with --replace")

    edition = conflict_message([Claim("Program", "program:yn-xm", "云南省“新苗计划”", "2022.txt")])
    assert edition.startswith("program 云南省“新苗计划” (program:yn-xm) is already defined by 2022.txt")
    assert "under the name" not in edition and edition.endswith("run ingest with --replace")

    two = conflict_message([Claim("Tier", "t/A", "A类", "x.txt"), Claim("Policy", "p", None, "y.txt")])
    assert "tier A类 (t/A) is already defined by x.txt" in two and "policy p is already loaded from y.txt" in two
    assert "everything x.txt and y.txt loaded" in two and "under the name" not in two
