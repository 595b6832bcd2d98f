"""Assessing only the tiers the reach index names gives the same default answer as assessing
every tier and keeping those within reach (the index only saves work)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graphapi.domain.eligibility import assess
from graphapi.domain.entities import EntityResolver
from graphapi.domain.knowledge import Knowledge
from graphapi.domain.model import Degree, Employment, Gender, ProfessionalRank
from graphapi.domain.profile import AwardHolding, TalentProfile
from graphapi.domain.regions import default_regions
from tests.domain.facts_fixtures import all_knowledge, awards, relations, titles
from tests.extract.test_corpus import corpus

KNOWLEDGE = all_knowledge()
TITLE_IDS = sorted(t.id for t in titles())
AWARD_IDS = sorted(a.id for a in awards())
REGIONS = ["region:km-guandu", "region:km-dongchuan", "region:km-xishan", "region:sz-nanshan", None]



def holdings(award_ids: list[str]) -> st.SearchStrategy[AwardHolding]:
    return st.builds(
        AwardHolding,
        award_id=st.sampled_from(award_ids),
        name=st.just("奖"),
        grade=st.sampled_from([None, "特等奖", "一等奖", "二等奖", "三等奖"]),
        rank=st.one_of(st.none(), st.integers(1, 12)),
        year=st.one_of(st.none(), st.integers(2010, 2025)),
    )

profiles = st.builds(
    TalentProfile,
    title_ids=st.lists(st.sampled_from(TITLE_IDS), max_size=3, unique=True).map(tuple),
    awards=st.lists(holdings(AWARD_IDS), max_size=2).map(tuple),
    age=st.one_of(st.none(), st.integers(20, 75)),
    degree=st.one_of(st.none(), st.sampled_from(Degree)),
    professional_rank=st.one_of(st.none(), st.sampled_from(ProfessionalRank)),
    employment=st.one_of(st.none(), st.sampled_from(Employment)),
    region_id=st.sampled_from(REGIONS),
    poverty_or_border_county=st.one_of(st.none(), st.booleans()),
    gender=st.one_of(st.none(), st.sampled_from(Gender)),
    annual_salary=st.one_of(st.none(), st.floats(0, 5e6)),
)


@settings(max_examples=300, deadline=None)
@given(profiles)
def test_the_reach_index_changes_no_default_answer(profile):
    options = dict(as_of_year=2025)
    indexed = assess(profile, KNOWLEDGE, relations(), default_regions(), **options)
    every = assess(profile, KNOWLEDGE, relations(), default_regions(), include_ineligible=True, **options)
    within_reach = [a for a in every if a.in_reach and a.applicable]
    assert [(a.tier.id, a.status, a.explanation) for a in indexed] == [
        (a.tier.id, a.status, a.explanation) for a in within_reach
    ]


# The facts the extractor reads from the corpus: real criterion shapes, not only hand-made ones.
EXTRACTED = Knowledge.from_facts(*corpus().values())
RESOLVER = EntityResolver.default()
CATALOG_TITLES = sorted(RESOLVER.catalog.titles)
CATALOG_AWARDS = sorted(RESOLVER.catalog.awards)

catalog_profiles = st.builds(
    TalentProfile,
    title_ids=st.lists(st.sampled_from(CATALOG_TITLES), max_size=3, unique=True).map(tuple),
    awards=st.lists(holdings(CATALOG_AWARDS), max_size=2).map(tuple),
    age=st.one_of(st.none(), st.integers(20, 75)),
    degree=st.one_of(st.none(), st.sampled_from(Degree)),
    professional_rank=st.one_of(st.none(), st.sampled_from(ProfessionalRank)),
    employment=st.one_of(st.none(), st.sampled_from(Employment)),
    region_id=st.sampled_from(["region:km-guandu", "region:km-dongchuan", "region:kunming", None]),
    gender=st.one_of(st.none(), st.sampled_from(Gender)),
    annual_salary=st.one_of(st.none(), st.floats(0, 5e6)),
)


@settings(max_examples=200, deadline=None)
@given(catalog_profiles)
def test_the_reach_index_changes_no_default_answer_on_extracted_facts(profile):
    indexed = assess(profile, EXTRACTED, RESOLVER, default_regions(), as_of_year=2025)
    every = assess(profile, EXTRACTED, RESOLVER, default_regions(), include_ineligible=True, as_of_year=2025)
    assert [a.tier.id for a in indexed] == [a.tier.id for a in every if a.in_reach and a.applicable]
