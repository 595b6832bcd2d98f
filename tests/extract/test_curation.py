"""Curated facts (data/curation) stay tied to the wording they were read from."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphapi.domain.entities import EntityResolver
from graphapi.domain.regions import default_regions
from ingest.documents import parse_file
from ingest.facts import curation, extract
from ingest.facts.plan import Plan
from ingest.facts.programs import ProgramReader
from ingest.facts.tree import DocumentView
from tests.extract.test_corpus import CORPUS, corpus


def corpus_provisions() -> dict[str, str]:
    return {p.id: p.text for path in CORPUS.glob("*.txt") for policy in parse_file(path).policies for p in policy.provisions}


def test_every_curated_phrase_is_still_in_its_provision():
    entries = curation.load()
    assert entries, "the curation files hold no entry"
    text = corpus_provisions()
    for entry in entries:
        assert entry.provision in text, f"{entry.source}: {entry.provision} is not a corpus provision"
        assert entry.phrase in text[entry.provision], f"{entry.source}: “{entry.phrase}” is gone from {entry.provision}"
        assert entry.why.strip(), f"{entry.source}: say why the rules cannot read it"


def test_curated_criteria_are_extracted_with_their_citation():
    entry = curation.load()[0]
    gd = corpus()["001"]
    curated = [c for c in gd.criteria if c.cited_in == entry.provision and c.text == entry.phrase]
    assert {c.tier_id.split("/")[-1] for c in curated} == set(entry.fields["tiers"])


def test_a_phrase_that_is_gone_stops_extraction():
    entry = replace(curation.load()[0], phrase="每年在官渡区累计服务不少于6个月")
    doc = parse_file(next(CORPUS.glob("001_*.txt")))
    view = DocumentView.of(doc)
    resolver, regions = EntityResolver.default(), default_regions()
    plan = Plan(view, ProgramReader(view, resolver, regions).read(), regions)
    facts = extract(doc, resolver, regions)
    with pytest.raises(curation.CurationError, match="no longer contains the curated phrase"):
        curation.apply_curation(facts, view, plan, (entry,))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- phrase: x\n  criterion: {}\n", "provision id and a phrase"),
        ("- provision: a/b\n  phrase: x\n", "exactly one of"),
        ("provision: a/b\n", "a list of entries"),
        ("- [unclosed\n", "cannot read curation file"),
    ],
)
def test_malformed_curation_files_are_named(tmp_path, content, message):
    (tmp_path / "bad.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(curation.CurationError, match=message):
        curation.load(tmp_path)
