"""The synthetic corpus generator: deterministic, and every document parses with the real
parser into exactly the policies, articles and provisions it was written with."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from bench import generate
from graphapi.domain.model import ProvisionKind
from graphapi.domain.text import to_simplified
from ingest.documents import parse_file, parse_text


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
