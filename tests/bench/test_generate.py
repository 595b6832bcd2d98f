"""The synthetic corpus generator: deterministic, and every document parses with the real
parser into exactly the policies, articles and provisions it was written with; programs get
editions over the years, each repealing the one before by title and 文号, so that the programs
in force per region and kind stay few while the documents grow; and every document ingests."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import pairwise

import pytest

from bench import generate
from graphapi.config import Settings
from graphapi.domain.model import PolicyStatus, ProvisionKind, ReferenceKind
from graphapi.domain.text import to_simplified
from graphapi.store import open_store
from ingest.documents import parse_file, parse_text
from ingest.pipeline import ingest_paths, source_files
from tests.store.conftest import TEST_QUERIES
from tests.store.support import dump


def test_cn_numerals() -> None:
    assert [generate.cn(n) for n in (1, 9, 10, 11, 20, 22, 99)] == ["一", "九", "十", "十一", "二十", "二十二", "九十九"]
    with pytest.raises(ValueError):
        generate.cn(0)


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    first = list(generate.documents(2, seed=11))
    again = list(generate.documents(2, seed=11))
    other = list(generate.documents(2, seed=12))
    assert first == again
    assert [d.text for d in first] != [d.text for d in other]


def test_a_smaller_scale_is_the_start_of_a_larger_one() -> None:
    small = list(generate.documents(1))
    large = list(generate.documents(3))
    assert len(small) == generate.DOCUMENTS_PER_UNIT and len(large) == 3 * generate.DOCUMENTS_PER_UNIT
    assert large[: len(small)] == small


def test_scale_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(generate.documents(0))


@pytest.fixture(scope="module")
def corpus() -> list[generate.Document]:
    return list(generate.documents(8, seed=3))


def test_every_document_parses_into_what_was_written(corpus: list[generate.Document]) -> None:
    ids: Counter[str] = Counter()
    for doc in corpus:
        parsed = parse_text(doc.text, doc.name)
        provisions = [p for policy in parsed.policies for p in policy.provisions]
        articles = sum(1 for p in provisions if p.kind is ProvisionKind.ARTICLE)
        found = generate.Expected(len(parsed.policies), articles, len(provisions))
        assert found == doc.expected, doc.name
        ids.update(policy.policy.id for policy in parsed.policies)
        # Every policy is dated (issue date or 文号), so ids of successive years never collide.
        assert all(policy.policy.issued_on or policy.policy.doc_number for policy in parsed.policies[:1]), doc.name
    assert [i for i, n in ids.items() if n > 1] == []


def test_the_kinds_of_the_genre_are_all_there(corpus: list[generate.Document]) -> None:
    kinds = Counter(doc.kind for doc in corpus)
    assert set(kinds) == set(generate.KINDS)
    first = corpus[: generate.DOCUMENTS_PER_UNIT]
    assert [(d.kind, d.region) for d in first] == [(k, r) for k, r, _, _ in generate.FIRST_UNIT]
    notice = next(d for d in first if d.kind == "notice")
    assert notice.expected.policies == 7  # the notice and the six 细则 it issues


def test_measures_carry_tiers_amounts_and_stacking_clauses(corpus: list[generate.Document]) -> None:
    text = corpus[0].text
    for phrase in ("A类（国际顶尖人才）", "符合下列条件之一", "国家科学技术进步奖", "二等奖", "其他相当于上述层次的",
                   "购房津贴", "每年支付", "岗位津贴", "从高从优", "不重复享受", "补差发放", "周岁以下"):
        assert phrase in text, phrase
    rules = corpus[3].text
    for phrase in ("基本条件", "核心条件", "放宽条件", "二等奖排名前", "一次性工作生活补贴", "不再重复享受"):
        assert phrase in rules, phrase


def test_traditional_documents_are_traditional_with_half_width_punctuation(corpus: list[generate.Document]) -> None:
    doc = next(d for d in corpus if d.kind == "traditional")
    assert "實施辦法" in doc.text and "第一條" in doc.text
    assert "，" not in doc.text and "," in doc.text
    parsed = parse_text(doc.text, doc.name)
    assert parsed.policies[0].policy.title == to_simplified(parsed.policies[0].policy.title)
    assert parsed.policies[0].policy.region == doc.region


def test_regions_are_real_and_vary(corpus: list[generate.Document]) -> None:
    for doc in corpus:
        parsed = parse_text(doc.text, doc.name)
        assert parsed.policies[-1].policy.region == doc.region, doc.name
    assert len({d.region for d in corpus}) > 10
    assert len({d.year for d in corpus}) > 5


def test_write_corpus_writes_files_and_a_manifest(tmp_path) -> None:
    (tmp_path / "stale.txt").write_text("left from an earlier run", encoding="utf-8")
    manifest = generate.write_corpus(tmp_path, 1, seed=5)
    files = sorted(tmp_path.glob("*.txt"))
    assert [f.name for f in files] == sorted(f["name"] for f in manifest.files)
    assert manifest.documents == 5 and manifest.policies == 12
    stored = json.loads((tmp_path / generate.MANIFEST).read_text(encoding="utf-8"))
    assert stored["provisions"] == manifest.provisions == sum(f["provisions"] for f in manifest.files)
    parsed = [parse_file(f) for f in files]
    assert sum(len(p.provisions) for d in parsed for p in d.policies) == manifest.provisions
    assert generate.read_manifest(tmp_path) == manifest


def test_cli_writes_the_corpus(tmp_path) -> None:
    lines: list[str] = []
    assert generate.main([str(tmp_path / "out"), "--scale", "1"], echo=lines.append) == 0
    assert "5 documents, 12 policies" in lines[0]


# --- editions -------------------------------------------------------------------------------


def by_series(docs: list[generate.Document]) -> dict[str, list[generate.Document]]:
    series: dict[str, list[generate.Document]] = defaultdict(list)
    for doc in docs:
        if doc.series:
            series[doc.series].append(doc)
    return series


@pytest.fixture(scope="module")
def editions() -> list[generate.Document]:
    return list(generate.documents(30))


def test_editions_go_back_in_time_each_repealing_the_one_before(editions) -> None:
    series = by_series(editions)
    assert {docs[0].kind for docs in series.values() if len(docs) >= 2} == generate.WITH_EDITIONS
    assert max(len(docs) for docs in series.values()) >= 4
    for docs in series.values():
        # Written newest first, a year apart at least, and only the newest may be a draft.
        assert [d.edition for d in docs] == list(range(len(docs)))
        years = [d.year for d in docs]
        assert years == sorted(set(years), reverse=True), docs[0].series
        assert not any(d.draft for d in docs[1:]), docs[0].series
        for newer, older in pairwise(docs):
            repealed = {
                (r.title, r.doc_number)
                for policy in parse_text(newer.text, newer.name).policies
                for r in policy.references
                if r.kind is ReferenceKind.REPEALS
            }
            # The older edition as it names itself (its instrument, not a cover notice): by title
            # and 文号; by title alone only where the first unit's 实施办法 names its 暂行办法.
            named = [
                p.policy
                for p in parse_text(older.text, older.name).policies
                if (p.policy.title, p.policy.doc_number) in repealed
                or (p.policy.title, None) in repealed and newer.name < f"{generate.DOCUMENTS_PER_UNIT:05d}"
            ]
            assert len(named) == 1, (newer.name, older.name)
            assert named[0].doc_number and named[0].status is not PolicyStatus.DRAFT, older.name


def test_a_draft_is_only_ever_the_newest_edition(editions) -> None:
    drafts = [d for d in editions if d.draft]
    assert drafts and all(d.edition == 0 for d in drafts)
    assert any(len(docs) > 1 and docs[0].draft for docs in by_series(editions).values())
    for doc in drafts:
        (status,) = {p.policy.status for p in parse_text(doc.text, doc.name).policies}
        assert status is PolicyStatus.DRAFT, doc.name


def test_programs_in_force_stay_few_as_the_documents_grow() -> None:
    def per_region(docs: list[generate.Document]) -> tuple[int, int]:
        """The most documents and the most programs (series, or notes) of one kind in one region."""
        documents: Counter[tuple[str, str]] = Counter((d.kind, d.region) for d in docs)
        programs = Counter((d.kind, d.region) for d in {(d.kind, d.region, d.series or d.name): d for d in docs}.values())
        return max(documents.values()), max(programs.values())

    small = list(generate.documents(20))
    large = list(generate.documents(400))
    small_docs, _ = per_region(small)
    large_docs, large_programs = per_region(large)
    assert large_docs >= 5 * small_docs
    assert large_programs <= 3
    notes = Counter(d.region for d in large if d.kind == "explanatory")
    assert max(notes.values()) <= generate.EXPLANATORY_PER_CITY


async def test_every_document_of_a_corpus_with_editions_ingests_in_either_order(tmp_path, editions) -> None:
    corpus = tmp_path / "corpus"
    generate.write_corpus(corpus, 30)
    files = source_files([corpus])
    store = open_store(Settings(graph_uri=str(tmp_path / "graph.rdb")), query_dirs=[TEST_QUERIES])
    await store.open()
    try:
        results = await ingest_paths(store, files)
        assert [(r.path.name, r.error) for r in results if not r.ok] == []
        assert any("is repealed by" in w for r in results for w in r.warnings)
        # Each program is held by the newest issued edition of its series (a draft alone: by it).
        holders = {row["n"]["documentKey"] for row in await store.read("programs_all", regions=None)}
        forward = await dump(store)
        # Oldest first, each edition takes the program over from the one it repeals: the same graph.
        await store.reset()
        results = await ingest_paths(store, files[::-1])
        assert [(r.path.name, r.error) for r in results if not r.ok] == []
        assert any("takes its place" in w for r in results for w in r.warnings)
        assert await dump(store) == forward
    finally:
        await store.close()
    for docs in by_series(editions).values():
        newest = next((d for d in docs if not d.draft), docs[0])
        assert [d.name for d in docs if d.name in holders] == [newest.name], docs[0].series
