"""What holds for every document: citations that contain the wording, unique and stable ids,
references that resolve, and extraction that does not depend on the run."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import Facts, ParsedDocument
from graphapi.domain.regions import default_regions
from ingest.documents import parse_file
from ingest.facts import extract
from ingest.facts.ids import kind_of
from tests.extract.samples import SAMPLES, parsed

ROOT = Path(__file__).resolve().parents[2]
PATHS = sorted((ROOT / "data" / "policies").glob("*.txt")) + sorted((ROOT / "tests" / "extract" / "texts").glob("*.txt"))


@cache
def document(name: str) -> ParsedDocument:
    if name in SAMPLES:
        return parsed(name)
    return parse_file(next(p for p in PATHS if p.name == name))


def run(name: str) -> Facts:
    return extract(document(name), EntityResolver.default(), default_regions())


NAMES = [p.name for p in PATHS] + list(SAMPLES)


@pytest.fixture(scope="module", params=NAMES)
def case(request):
    return document(request.param), run(request.param)


def test_every_fact_cites_a_provision_that_contains_its_wording(case):
    doc, facts = case
    text = {p.id: p.text for policy in doc.policies for p in policy.provisions}
    for fact in [*facts.criteria, *facts.benefits, *facts.stacking_rules, *facts.relaxations]:
        assert fact.cited_in in text, fact.id
        assert fact.text and fact.text in text[fact.cited_in], (fact.id, fact.text)
    for fact in [*facts.programs, *facts.tiers, *facts.successions, *facts.equivalences]:
        assert fact.cited_in in text
    for mention in facts.unlinked:
        assert mention.text in text[mention.cited_in]


def test_ids_are_unique_and_say_what_they_are(case):
    _, facts = case
    groups = {
        "program": facts.programs,
        "tier": facts.tiers,
        "criterion": facts.criteria,
        "relaxation": facts.relaxations,
        "benefit": facts.benefits,
        "rule": facts.stacking_rules,
    }
    every = [f.id for group in groups.values() for f in group]
    assert len(every) == len(set(every))
    for kind, group in groups.items():
        assert all(kind_of(f.id) == kind for f in group)


def test_references_resolve(case):
    _, facts = case
    programs = {p.id for p in facts.programs}
    tiers = {t.id for t in facts.tiers}
    benefits = {b.id for b in facts.benefits}
    assert all(t.program_id in programs for t in facts.tiers)
    assert all(f.tier_id in tiers for f in [*facts.criteria, *facts.benefits, *facts.relaxations])
    known = {"program": programs, "tier": tiers, "benefit": benefits}
    for rule in facts.stacking_rules:
        assert rule.governs, rule.id
        assert all(target in known[kind_of(target)] for target in rule.governs)
    for succession in facts.successions:
        assert succession.to_id in tiers | programs
    mentioned = {(u.text, u.cited_in) for u in facts.unlinked}
    for criterion in facts.criteria:
        assert all((text, criterion.cited_in) in mentioned for text in criterion.unlinked_mentions)


def test_tier_ranks_are_a_sequence(case):
    _, facts = case
    for program in facts.programs:
        ranks = sorted(t.rank for t in facts.tiers if t.program_id == program.id)
        assert ranks == list(range(1, len(ranks) + 1))


@pytest.mark.parametrize("name", NAMES)
def test_two_runs_give_the_same_facts(name):
    assert run(name) == run(name)
    fresh = parse_file(next(p for p in PATHS if p.name == name)) if name not in SAMPLES else document(name)
    assert extract(fresh, EntityResolver.default(), default_regions()) == run(name)
