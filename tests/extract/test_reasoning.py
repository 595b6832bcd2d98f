"""The reasoning run on extracted facts (not hand-written ones): the headline questions."""

from __future__ import annotations

from functools import cache

from graphapi.domain.eligibility import assess
from graphapi.domain.entities import EntityResolver
from graphapi.domain.knowledge import Knowledge
from graphapi.domain.model import BenefitKind, Degree, EligibilityStatus, ProfessionalRank
from graphapi.domain.profile import AwardHolding, Claim, TalentProfile
from graphapi.domain.regions import default_regions
from graphapi.domain.stacking import Verdict, check
from tests.extract.test_corpus import corpus

GUANDU = "region:km-guandu"


@cache
def knowledge() -> Knowledge:
    return Knowledge.from_facts(*corpus().values())


def winner(rank: int, **extra) -> TalentProfile:
    award = AwardHolding("award:national-sci-tech-progress", "国家科学技术进步奖", "二等奖", rank)
    return TalentProfile(awards=(award,), age=50, region_id=GUANDU, **extra)


def assessed(profile: TalentProfile, **options):
    resolver = EntityResolver.default()
    return {a.tier.id: a for a in assess(profile, knowledge(), resolver, default_regions(), as_of_year=2024, **options)}


def guandu(code: str) -> str:
    return next(t.id for t in corpus()["001"].tiers if t.code == code)


def test_national_second_prize_rank_two_is_eligible_for_guandu_b():
    b = assessed(winner(2))[guandu("B")]
    assert b.status is EligibilityStatus.ELIGIBLE
    assert any(c.cited_in.endswith("annex_1__sec_2__subitem_1") for c in b.matched)


def test_rank_five_is_not():
    assert guandu("B") not in assessed(winner(5))
    b = assessed(winner(5), include_ineligible=True)[guandu("B")]
    assert b.status is EligibilityStatus.INELIGIBLE


def test_yunnan_high_level_needs_degree_rank_and_employment():
    hlt = next(t.id for t in corpus()["004"].tiers if t.name == "“高层次人才”专项")
    result = assessed(winner(2))[hlt]
    assert result.status is EligibilityStatus.NEEDS_INFO
    assert set(result.missing) == {"degree", "professionalRank", "employment"}
    full = winner(2, degree=Degree.DOCTORATE, professional_rank=ProfessionalRank.ASSOCIATE_SENIOR)
    assert assessed(full)[hlt].status is EligibilityStatus.NEEDS_INFO  # 全职引进 still to be said


def test_housing_and_post_allowance_are_not_both_paid():
    gd = corpus()["001"]
    a = guandu("A")
    housing = next(b for b in gd.benefits if b.tier_id == a and b.kind is BenefitKind.HOUSING_SUBSIDY)
    post = next(b for b in gd.benefits if b.tier_id == a and b.kind is BenefitKind.POST_ALLOWANCE)
    report = check([Claim("张三", housing.id), Claim("张三", post.id)], knowledge(), default_regions())
    (conflict,) = [c for c in report.conflicts if c.verdict is Verdict.SET_ASIDE]
    assert conflict.kept.benefit_id == housing.id  # 800万元 over 35万元 a year


def test_a_college_diploma_meets_a_college_floor_and_less_does_not():
    from graphapi.domain.explain import DEGREE_NAMES
    from tests.extract.samples import facts

    f = facts("mengzi_rural_health.txt")
    rural = Knowledge.from_facts(f)
    doctor = next(t.id for t in f.tiers if t.name.endswith("执业医师资格"))

    def status(degree):
        profile = TalentProfile(degree=degree, region_id=f.programs[0].region)
        results = assess(profile, rural, EntityResolver.default(), default_regions(), as_of_year=2026, include_ineligible=True)
        return {a.tier.id: a for a in results}[doctor]

    below = status(Degree.OTHER)
    assert below.status is EligibilityStatus.INELIGIBLE
    assert f"低于{DEGREE_NAMES[Degree.ASSOCIATE]}" in below.explanation
    for enough in (Degree.ASSOCIATE, Degree.BACHELOR):
        # met on the degree; the licence is left for the office
        assert status(enough).status is EligibilityStatus.NEEDS_INFO
        assert status(enough).missing == []
    assert [m.value for m in status(None).missing] == ["degree"]
    assert "未填写学历" in status(None).explanation
