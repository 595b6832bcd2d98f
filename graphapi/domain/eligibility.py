"""Which tiers a person qualifies for: three-valued, cited, never guessing.

Each criterion is checked against the profile and comes out as one of:

- MET / UNMET — decided from the profile;
- UNKNOWN — a profile field would decide it but is empty (`missing` names it);
- TO_CONFIRM — only the office can settle it: the profile meets what is read and the rest is
  not read (取得正高级职称**并**担任骨干职务: 正高 is read, 担任骨干职务 is not,
  `Criterion.unread`); or what is read fails but the condition may be met in a way the reading
  does not capture (具有中级**或执业医师资格**, `Criterion.unread_alternatives`), or an age is
  above a usual limit (一般在55周岁以下) that the office may waive. It never makes a tier
  ELIGIBLE, and never INELIGIBLE; only the first kind brings a tier within reach;
- REVIEW — nothing in a profile can decide it: conduct and health (遵纪守法、身体健康),
  positions held, school quality, recommendations, tax paid (凭完税证明), unlinked names, and
  the catch-alls (其他相当于上述层次的…, `discretionary`) which only the 主管部门 may recognise.

A tier is then
- ELIGIBLE when a core criterion (核心条件, any one suffices) is MET — or, for a tier whose
  conditions are all basic, when they are — and every basic condition (基本条件) is MET, and no
  exclusion (不得参加 …) applies. REVIEW conditions never qualify a person (a core REVIEW
  criterion is not counted as met) and never disqualify one (a basic REVIEW condition is
  listed in the explanation for the office to verify, as it does for every applicant);
- INELIGIBLE when a decided condition fails: a basic condition is UNMET, an exclusion
  applies, no core criterion can be met, or the program does not apply where the person works;
- NEEDS_INFO otherwise: the result hinges on UNKNOWN conditions, whose fields `missing` lists,
  or on TO_CONFIRM ones, which the explanation names for the office (`missing` is empty for
  decided tiers, where no field would change the result).

Region: a program applies when its region contains the person's (官渡区 lies in 昆明市 and
云南省); national programs and programs without a region apply everywhere. A person who names
a wider region than the program's (昆明市 for a 官渡区 program) may or may not work there: the
region is asked for, not answered no.

Team tiers (`Tier.for_team`, applicants are teams) are not assessed for a person unless
`include_team` is set: their conditions speak of the team, not of the person.

By default the result holds the tiers "within reach": some core criterion matched (or is to
be confirmed, or is undecided only because a grade, rank or year of an award the person holds
is missing), or, for all-basic tiers, none failed and at least one matched; tiers of programs
that do not apply are left out. `include_ineligible` returns every tier.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from graphapi.domain import explain
from graphapi.domain.knowledge import Knowledge
from graphapi.domain.model import (
    LEVEL_ORDER,
    Criterion,
    CriterionKind,
    CriterionRole,
    Degree,
    EligibilityStatus,
    Employment,
    Level,
    ProfessionalRank,
    Program,
    Relaxation,
    Tier,
)
from graphapi.domain.profile import (
    AwardHolding,
    EntityRelations,
    ProfileField,
    TalentProfile,
)
from graphapi.domain.regions import RegionTree

POVERTY_OR_BORDER_COUNTY = "POVERTY_OR_BORDER_COUNTY"  # Relaxation.condition: 贫困县、边境县
DOCTORATE = "DOCTORATE"  # Relaxation.condition: 具有博士学位的
_FIELD_ORDER = {field: index for index, field in enumerate(ProfileField)}
_MODALITIES = frozenset({CriterionKind.EMPLOYMENT, CriterionKind.RESIDENCE})
_STATUS_ORDER = {
    EligibilityStatus.ELIGIBLE: 0,
    EligibilityStatus.NEEDS_INFO: 1,
    EligibilityStatus.INELIGIBLE: 2,
}


class Outcome(StrEnum):
    MET = "MET"
    UNMET = "UNMET"
    UNKNOWN = "UNKNOWN"
    TO_CONFIRM = "TO_CONFIRM"
    REVIEW = "REVIEW"


# How decided outcomes combine: alternatives (any one suffices) take the best, conditions that
# are all required take the worst. REVIEW is neither and is left out of both.
_BEST_FIRST = (Outcome.MET, Outcome.TO_CONFIRM, Outcome.UNKNOWN, Outcome.UNMET)
_WORST_FIRST = (Outcome.UNMET, Outcome.UNKNOWN, Outcome.TO_CONFIRM, Outcome.MET)


@dataclass(frozen=True, slots=True)
class CriterionCheck:
    """One criterion checked against the profile."""

    criterion: Criterion
    outcome: Outcome
    reason: str = ""  # Chinese, what in the profile decided it
    missing: tuple[str, ...] = ()
    touched: bool = False  # the person holds an award the criterion names (grade/rank undecided)
    relaxations: tuple[Relaxation, ...] = ()  # relaxations the reason rests on
    # TO_CONFIRM although what is read fails: only a waiver of a usual limit, or a way of
    # meeting it that the reading does not capture, could still meet it.
    read_fails: bool = False

    @property
    def leans_met(self) -> bool:
        """The profile meets what is read of the criterion (MET, or TO_CONFIRM for its unread rest)."""
        return self.outcome is Outcome.MET or (self.outcome is Outcome.TO_CONFIRM and not self.read_fails)


@dataclass(frozen=True, slots=True)
class TierAssessment:
    tier: Tier
    program: Program | None
    status: EligibilityStatus
    matched: list[Criterion]
    unmet: list[Criterion]
    missing: list[str]  # ProfileField values
    explanation: str
    citations: list[str]  # provision ids
    pending: list[Criterion] = field(default_factory=list)  # UNKNOWN or REVIEW criteria
    applicable: bool = True  # the program applies where the person works (or it is unknown)
    in_reach: bool = False
    checks: tuple[CriterionCheck, ...] = ()


def assess(
    profile: TalentProfile,
    knowledge: Knowledge,
    relations: EntityRelations,
    regions: RegionTree,
    include_ineligible: bool = False,
    *,
    include_team: bool = False,
    as_of_year: int | None = None,
) -> list[TierAssessment]:
    """Assess every tier in `knowledge` for `profile`; see the module docstring."""
    person = _Person.of(profile, relations, as_of_year or datetime.date.today().year)
    results: list[TierAssessment] = []
    # Only tiers within reach are returned by default: skip those that cannot be (an index of
    # what each tier's deciding criteria need), which keeps the work proportional to the answer.
    tiers = knowledge.tiers if include_ineligible else knowledge.tiers_within_reach_of(person.holds())
    for tier in tiers:
        if tier.for_team and not include_team:
            continue
        program = knowledge.program_of_tier(tier)
        assessment = _assess_tier(person, knowledge, regions, program, tier, include_ineligible)
        if assessment is not None:
            results.append(assessment)
    results.sort(key=_order)
    return results


def _order(assessment: TierAssessment) -> tuple:
    level = (assessment.program.level if assessment.program else None) or assessment.tier.level
    return (
        _STATUS_ORDER[assessment.status],
        -LEVEL_ORDER.get(level, 0) if level else 0,
        assessment.tier.program_id,
        assessment.tier.rank,
        assessment.tier.id,
    )


# --- the person, with titles and awards expanded once ---------------------------------------


@dataclass(frozen=True, slots=True)
class _Person:
    profile: TalentProfile
    titles: frozenset[str]  # held titles, their SAME_AS closure and classes
    title_sources: dict[str, frozenset[str]]  # entered title id -> what it expands to
    award_classes: tuple[frozenset[str], ...]  # per profile.awards entry; empty when unresolved
    as_of_year: int

    @classmethod
    def of(cls, profile: TalentProfile, relations: EntityRelations, as_of_year: int) -> _Person:
        sources = {
            title_id: frozenset(relations.equivalent_titles(title_id) | {title_id})
            for title_id in profile.title_ids
        }
        titles = frozenset().union(*sources.values()) if sources else frozenset()
        awards = tuple(
            frozenset(relations.award_classes(a.award_id) | {a.award_id}) if a.award_id else frozenset()
            for a in profile.awards
        )
        return cls(profile, titles, sources, awards, as_of_year)

    def holds(self) -> set[str]:
        """Title and award ids (expanded) and the names of the profile fields filled in."""
        profile = self.profile
        fields = {
            ProfileField.AGE: profile.age,
            ProfileField.DEGREE: profile.degree,
            ProfileField.PROFESSIONAL_RANK: profile.professional_rank,
            ProfileField.EMPLOYMENT: profile.employment,
            ProfileField.SALARY: profile.annual_salary,
        }
        return set(self.titles.union(*self.award_classes)) | {f for f, v in fields.items() if v is not None}

    def titles_matching(self, wanted: Iterable[str]) -> list[str]:
        """Entered names of the held titles that satisfy any of `wanted`."""
        wanted = set(wanted)
        return [
            self.profile.title_name(title_id)
            for title_id, expanded in self.title_sources.items()
            if expanded & wanted
        ]


# --- applicability by region ---------------------------------------------------------------


class _Where(StrEnum):
    APPLIES = "APPLIES"
    ELSEWHERE = "ELSEWHERE"
    PERSON_UNKNOWN = "PERSON_UNKNOWN"
    PROGRAM_UNKNOWN = "PROGRAM_UNKNOWN"


def _where(program: Program | None, profile: TalentProfile, regions: RegionTree) -> _Where:
    if program is None or not program.region or program.level in (Level.NATIONAL, Level.INTERNATIONAL):
        return _Where.APPLIES
    program_region = regions.find(program.region)
    if program_region is None:
        return _Where.PROGRAM_UNKNOWN
    if program_region.parent_id is None:  # the whole country
        return _Where.APPLIES
    if profile.region_id is None or regions.get(profile.region_id) is None:
        return _Where.PERSON_UNKNOWN
    if regions.contains(program_region.id, profile.region_id):
        return _Where.APPLIES
    if regions.contains(profile.region_id, program_region.id):  # 昆明市 given, a 官渡区 program
        return _Where.PERSON_UNKNOWN
    return _Where.ELSEWHERE


# --- one tier ------------------------------------------------------------------------------


def _assess_tier(
    person: _Person,
    knowledge: Knowledge,
    regions: RegionTree,
    program: Program | None,
    tier: Tier,
    include_ineligible: bool = True,
) -> TierAssessment | None:
    """The tier's assessment, or None when it is not asked for (not in reach or not applicable
    while `include_ineligible` is off): explanations are the costly part, so only the tiers
    returned get one."""
    relaxations = knowledge.relaxations_of(tier.id)
    checks = tuple(
        _check(person, criterion, relaxations, knowledge) for criterion in knowledge.criteria_of(tier.id)
    )
    core = [c for c in checks if c.criterion.role is CriterionRole.CORE]
    basic = [c for c in checks if c.criterion.role is CriterionRole.BASIC]
    exclusions = [c for c in checks if c.criterion.role is CriterionRole.EXCLUSION]
    where = _where(program, person.profile, regions)

    # Core criteria that only the office can judge (业绩、任职) neither qualify nor disqualify; a tier
    # whose every core criterion is such is left to review (NEEDS_INFO, nothing missing).
    only_review = bool(core) and all(c.outcome is Outcome.REVIEW for c in core)
    core_state = _any_of(core) if core and not only_review else None
    basic_state = _all_of(basic)
    if where is _Where.PERSON_UNKNOWN and basic_state in (Outcome.MET, Outcome.TO_CONFIRM):
        basic_state = Outcome.UNKNOWN
    exclusion_state = _any_of(exclusions) if exclusions else Outcome.UNMET

    decided_no = (
        where is _Where.ELSEWHERE
        or exclusion_state is Outcome.MET
        or basic_state is Outcome.UNMET
        or core_state is Outcome.UNMET
    )
    has_conditions = bool(core) or any(c.outcome is not Outcome.REVIEW for c in basic)
    if decided_no:
        status = EligibilityStatus.INELIGIBLE
    elif (
        has_conditions
        and not only_review
        and core_state in (None, Outcome.MET)
        and basic_state is Outcome.MET
        and exclusion_state is Outcome.UNMET
    ):
        status = EligibilityStatus.ELIGIBLE
    else:
        status = EligibilityStatus.NEEDS_INFO

    missing: set[str] = set()
    if status is EligibilityStatus.NEEDS_INFO:
        for check in basic + exclusions:
            if check.outcome is Outcome.UNKNOWN:
                missing.update(check.missing)
        if core_state in (Outcome.UNKNOWN, Outcome.TO_CONFIRM):  # a field could still make one MET
            for check in core:
                if check.outcome is Outcome.UNKNOWN:
                    missing.update(check.missing)
        if where is _Where.PERSON_UNKNOWN:
            missing.add(ProfileField.REGION)

    if core:
        in_reach = any(c.leans_met or (c.outcome is Outcome.UNKNOWN and c.touched) for c in core)
    else:
        # How a person is employed (全职/柔性) is asked of every applicant: meeting only that
        # does not bring a tier within reach.
        in_reach = basic_state is not Outcome.UNMET and any(
            c.leans_met and c.criterion.kind not in _MODALITIES for c in basic
        )
    if not include_ineligible and not (in_reach and where is not _Where.ELSEWHERE):
        return None

    ordered_missing = sorted(missing, key=lambda f: _FIELD_ORDER.get(f, len(_FIELD_ORDER)))
    explanation, cited = _explain(
        person, knowledge, program, tier, status, where, core, basic, exclusions, ordered_missing
    )
    matched = [
        c for c in checks if c.outcome is Outcome.MET and c.criterion.role is not CriterionRole.EXCLUSION
    ]
    if where is _Where.ELSEWHERE:
        matched = []  # nothing matches where the program does not apply (在官渡区全职工作 …)
    # Alternatives not taken are not failures: unmet core criteria count only when none is met.
    unmet = [
        c
        for c in checks
        if (c.outcome is Outcome.UNMET and c.criterion.role is CriterionRole.BASIC)
        or (
            c.outcome is Outcome.UNMET
            and c.criterion.role is CriterionRole.CORE
            and core_state is not Outcome.MET
        )
        or (c.outcome is Outcome.MET and c.criterion.role is CriterionRole.EXCLUSION)
    ]
    if where is _Where.ELSEWHERE:
        unmet = []
    if where is not _Where.ELSEWHERE:
        cited = list(dict.fromkeys([*cited, *(c.criterion.cited_in for c in matched + unmet)]))
    return TierAssessment(
        tier=tier,
        program=program,
        status=status,
        matched=[c.criterion for c in matched],
        unmet=[c.criterion for c in unmet],
        missing=ordered_missing,
        explanation=explanation,
        citations=cited,
        pending=[
            c.criterion
            for c in checks
            if c.outcome in (Outcome.UNKNOWN, Outcome.TO_CONFIRM, Outcome.REVIEW) and where is not _Where.ELSEWHERE
        ],
        applicable=where is not _Where.ELSEWHERE,
        in_reach=in_reach,
        checks=checks,
    )


def _any_of(checks: list[CriterionCheck]) -> Outcome:
    """Alternatives (符合下列条件之一): met by one; unknown if one might be; REVIEW never counts."""
    outcomes = {c.outcome for c in checks}
    return next((o for o in _BEST_FIRST if o in outcomes), Outcome.UNMET)


def _all_of(checks: list[CriterionCheck]) -> Outcome:
    """Conditions all required: REVIEW ones are left to the office's review (not blocking)."""
    return _worst({c.outcome for c in checks})


def _worst(outcomes: set[Outcome]) -> Outcome:
    return next((o for o in _WORST_FIRST if o in outcomes), Outcome.MET)


# --- one criterion -------------------------------------------------------------------------


@dataclass(slots=True)
class _Part:
    outcome: Outcome
    reason: str = ""
    missing: tuple[str, ...] = ()
    touched: bool = False
    relaxations: tuple[Relaxation, ...] = ()
    read_fails: bool = False  # see CriterionCheck.read_fails


def _check(
    person: _Person, criterion: Criterion, relaxations: list[Relaxation], knowledge: Knowledge
) -> CriterionCheck:
    if criterion.discretionary:
        return CriterionCheck(criterion, Outcome.REVIEW)
    parts: list[_Part] = []
    if criterion.title_ids or criterion.awards:
        parts.append(_holdings(person, criterion))
    if criterion.max_age is not None or criterion.age_limits:
        parts.append(_age(person, criterion, relaxations, knowledge))
    if criterion.min_degree is not None or criterion.min_professional_rank is not None:
        parts.append(_education(person, criterion, relaxations, knowledge))
    if criterion.employment:
        parts.append(_employment(person.profile, criterion))
    if criterion.kind is CriterionKind.SALARY:
        parts.append(_salary(person.profile, criterion))
    # TAX (近三年纳税额…): a figure of the employer's, proven by tax receipts: left to review.
    if not parts:
        return CriterionCheck(criterion, Outcome.REVIEW)
    # Different kinds of reading inside one criterion are all required (年龄…且具有博士学位).
    outcome = _worst({p.outcome for p in parts})
    relevant = [p for p in parts if p.outcome is outcome]
    reasons = [p.reason for p in relevant if p.reason]
    read_fails = any(p.read_fails for p in relevant)
    if outcome is Outcome.MET and criterion.unread:
        outcome = Outcome.TO_CONFIRM
        reasons.append(explain.unread_note(criterion.unread))
    elif outcome is Outcome.UNMET and criterion.unread_alternatives:
        # 具有中级或执业医师资格, read as 中级职称: the licence may still meet it.
        outcome, read_fails = Outcome.TO_CONFIRM, True
        reasons.append(explain.other_ways_note(criterion.unread_alternatives))
    return CriterionCheck(
        criterion,
        outcome,
        "；".join(reasons),
        tuple(dict.fromkeys(f for p in relevant for f in p.missing)),
        any(p.touched for p in parts),
        tuple(r for p in parts for r in p.relaxations),
        read_fails=read_fails,
    )


def _salary(profile: TalentProfile, criterion: Criterion) -> _Part:
    """年薪…以上 / 超过…: read as at least the amount (the threshold itself is rarely met exactly)."""
    salary = profile.annual_salary
    if salary is None:
        return _Part(Outcome.UNKNOWN, "未填写年薪", (ProfileField.SALARY,))
    if criterion.min_amount is None:  # 达到当地平均工资6倍: the office knows the year's figure
        return _Part(Outcome.TO_CONFIRM, explain.salary_to_confirm(salary))
    if salary >= criterion.min_amount:
        return _Part(Outcome.MET, explain.salary_reaches(salary, criterion.min_amount))
    return _Part(Outcome.UNMET, explain.salary_below(salary, criterion.min_amount))


def _normal_grade(grade: str) -> str:
    """一等奖 / 一等 / 1等奖 -> 一等."""
    grade = "".join(grade.split()).removesuffix("奖")
    return grade.translate(str.maketrans("123", "一二三"))


def _holdings(person: _Person, criterion: Criterion) -> _Part:
    """Titles (through SAME_AS and classes) or awards (with grade, rank and year limits)."""
    # Titles carry no year: a window (近五年入选) on a title criterion is left to the review.
    titles = person.titles_matching(criterion.title_ids)
    if titles:
        return _Part(Outcome.MET, f"所填称号{explain.listing(explain.quoted(t) for t in titles)}属于该条所列")
    missing: set[str] = set()
    failures: list[str] = []
    touched = False
    for holding, classes in zip(person.profile.awards, person.award_classes, strict=True):
        if not classes:
            continue
        for requirement in criterion.awards:
            if not classes & set(requirement.award_ids):
                continue
            touched = True
            unknown, failed = _award_limits(
                person, criterion, requirement.grades, requirement.max_rank, holding
            )
            described = explain.award_holding(holding.name, holding.grade, holding.rank)
            if failed:
                failures.append(f"所填{described}{failed}")
            elif unknown:
                missing.update(unknown)
            else:
                return _Part(Outcome.MET, f"所填{described}", touched=True)
    if missing:
        return _Part(
            Outcome.UNKNOWN,
            f"所填奖项属于该条所列，但未填写{explain.field_names(sorted(missing, key=_FIELD_ORDER.get))}",
            tuple(sorted(missing, key=_FIELD_ORDER.get)),
            touched=True,
        )
    if failures:
        return _Part(Outcome.UNMET, "；".join(dict.fromkeys(failures)), touched=touched)
    return _Part(Outcome.UNMET, "未持有该条所列称号或奖项")


def _award_limits(
    person: _Person,
    criterion: Criterion,
    grades: tuple[str, ...],
    max_rank: int | None,
    holding: AwardHolding,
) -> tuple[list[str], str]:
    """(fields that would decide it, why it fails) for one holding against one requirement."""
    unknown: list[str] = []
    failed: list[str] = []
    if grades:
        if holding.grade is None:
            unknown.append(ProfileField.AWARD_GRADE)
        elif _normal_grade(holding.grade) not in {_normal_grade(g) for g in grades}:
            failed.append(f"，该条要求{explain.listing(grades)}")
    if max_rank is not None:
        if holding.rank is None:
            unknown.append(ProfileField.AWARD_RANK)
        elif holding.rank > max_rank:
            failed.append(f"，该条要求排名前{max_rank}位")
    if criterion.within_years is not None:
        # 近五年: from (this year − 5) on, as application notices count it (近五年（2019年以来）).
        if holding.year is None:
            unknown.append(ProfileField.AWARD_YEAR)
        elif holding.year < person.as_of_year - criterion.within_years:
            failed.append(f"，获奖年份{holding.year}年不在近{criterion.within_years}年内")
    return unknown, "".join(failed)


def _age(person: _Person, criterion: Criterion, relaxations: list[Relaxation], knowledge: Knowledge) -> _Part:
    """…周岁以下 includes the number itself: 《民法典》第一千二百五十九条 (“以上”“以下”“以内”
    包括本数), the usual reading of 以下 in Chinese law; 不超过55周岁 reads the same.

    Limits per employment mode or gender (刚性50／柔性65) decide when the profile says which
    applies, or when every limit that may apply gives the same answer; otherwise the field is
    asked for."""
    exempt = person.titles_matching(criterion.age_exempt_title_ids)
    if exempt:
        return _Part(Outcome.MET, explain.age_exempt(explain.listing(explain.quoted(t) for t in exempt)))
    age = person.profile.age
    if age is None:
        return _Part(Outcome.UNKNOWN, "未填写年龄", (ProfileField.AGE,))
    if not criterion.age_limits:
        assert criterion.max_age is not None
        return _age_against(person, criterion, criterion.max_age, relaxations, knowledge)
    profile = person.profile
    candidates = [
        limit
        for limit in criterion.age_limits
        if (limit.employment is None or profile.employment in (None, limit.employment))
        and (limit.gender is None or profile.gender in (None, limit.gender))
    ] or list(criterion.age_limits)
    parts = [_age_against(person, criterion, limit.max_age, relaxations, knowledge) for limit in candidates]
    if len({p.outcome for p in parts}) == 1:
        return parts[0]
    asked = tuple(
        field
        for field, varies in (
            (ProfileField.EMPLOYMENT, len({limit.employment for limit in candidates}) > 1),
            (ProfileField.GENDER, len({limit.gender for limit in candidates}) > 1),
        )
        if varies
    )
    return _Part(Outcome.UNKNOWN, explain.age_limits_differ(age, candidates, asked), asked)


def _age_against(
    person: _Person, criterion: Criterion, limit: int, relaxations: list[Relaxation], knowledge: Knowledge
) -> _Part:
    age = person.profile.age
    assert age is not None
    if age <= limit:
        return _Part(Outcome.MET, explain.age_within(age, limit))
    part = _age_relaxed(person, limit, relaxations, knowledge)
    if part.outcome is Outcome.UNMET and criterion.age_is_usual:
        # 一般在…以下: the office may admit an older applicant (破格), so it is not a bar.
        return _Part(
            Outcome.TO_CONFIRM, explain.age_above_usual(age, limit), relaxations=part.relaxations, read_fails=True
        )
    return part


def _age_relaxed(person: _Person, limit: int, relaxations: list[Relaxation], knowledge: Knowledge) -> _Part:
    """An age above `limit`: met only through a relaxation (放宽条件) the profile qualifies for."""
    age = person.profile.age
    assert age is not None
    reason = explain.age_exceeds(age, limit)
    relaxing = [r for r in relaxations if r.age_years > 0]
    if not relaxing:
        return _Part(Outcome.UNMET, reason)
    relaxation = max(relaxing, key=lambda r: r.age_years)
    reference = knowledge.reference(relaxation.cited_in)
    if age > limit + relaxation.age_years:
        return _Part(
            Outcome.UNMET,
            f"{reason}；{explain.relaxation_insufficient(reference, relaxation.age_years, limit)}",
            relaxations=(relaxation,),
        )
    return _relaxed(
        person.profile,
        relaxation,
        reason,
        explain.relaxation_applied(reference, relaxation.age_years, limit),
        explain.relaxation_possible(reference, relaxation.age_years, limit),
    )


def _relaxation_holds(profile: TalentProfile, condition: str) -> tuple[bool | None, ProfileField | None]:
    """Whether the profile meets a relaxation's condition, and the field that would decide it."""
    if condition == POVERTY_OR_BORDER_COUNTY:  # 到贫困县、边境县工作的
        return profile.poverty_or_border_county, ProfileField.POVERTY_OR_BORDER_COUNTY
    if condition == DOCTORATE:  # 具有博士学位的放宽至…
        known = profile.degree is not None
        return (profile.degree is Degree.DOCTORATE if known else None), ProfileField.DEGREE
    return None, None


def _relaxed(
    profile: TalentProfile, relaxation: Relaxation, failing: str, applied: str, possible: str
) -> _Part:
    """The outcome of a condition that only a relaxation (放宽条件) can meet."""
    holds, field = _relaxation_holds(profile, relaxation.condition)
    if field is None:
        # A relaxation on a condition the profile cannot state: the office decides.
        return _Part(Outcome.UNMET, f"{failing}；可能适用放宽条件，需主管部门认定", relaxations=(relaxation,))
    if holds is True:
        return _Part(Outcome.MET, f"{failing}，{applied}", relaxations=(relaxation,))
    if holds is None:
        return _Part(Outcome.UNKNOWN, f"{failing}；{possible}", (field,), relaxations=(relaxation,))
    return _Part(Outcome.UNMET, failing)


def _education(
    person: _Person, criterion: Criterion, relaxations: list[Relaxation], knowledge: Knowledge
) -> _Part:
    """Degree, 职称, or either of them (EDUCATION: 硕士以上学位或副高以上职称)."""
    parts: list[_Part] = []
    profile = person.profile
    if criterion.min_degree is not None:
        wanted = explain.DEGREE_NAMES[criterion.min_degree]
        if profile.degree is None:
            # a 专科 floor is a 学历 (a diploma), the others a 学位
            asked = "学历" if criterion.min_degree is Degree.ASSOCIATE else "学位"
            parts.append(_Part(Outcome.UNKNOWN, f"未填写{asked}", (ProfileField.DEGREE,)))
        elif profile.degree >= criterion.min_degree:
            parts.append(_Part(Outcome.MET, f"具有{explain.DEGREE_NAMES[profile.degree]}"))
        else:
            parts.append(
                _Part(Outcome.UNMET, f"所填{explain.DEGREE_NAMES[profile.degree]}，低于{wanted}")
            )
    if criterion.min_professional_rank is not None:
        parts.append(_rank(profile, criterion.min_professional_rank, relaxations, knowledge))
    outcomes = {p.outcome for p in parts}
    if Outcome.MET in outcomes:  # either one suffices
        return next(p for p in parts if p.outcome is Outcome.MET)
    unknown = [p for p in parts if p.outcome is Outcome.UNKNOWN]
    if unknown:
        return _Part(
            Outcome.UNKNOWN,
            "；".join(p.reason for p in unknown),
            tuple(f for p in unknown for f in p.missing),
            relaxations=tuple(r for p in unknown for r in p.relaxations),
        )
    return _Part(
        Outcome.UNMET,
        "；".join(p.reason for p in parts),
        relaxations=tuple(r for p in parts for r in p.relaxations),
    )


def _rank(
    profile: TalentProfile, minimum: ProfessionalRank, relaxations: list[Relaxation], knowledge: Knowledge
) -> _Part:
    wanted = explain.RANK_NAMES[int(minimum)]
    if profile.professional_rank is None:
        return _Part(Outcome.UNKNOWN, "未填写职称", (ProfileField.PROFESSIONAL_RANK,))
    held = explain.RANK_NAMES[int(profile.professional_rank)]
    if profile.professional_rank >= minimum:
        return _Part(Outcome.MET, f"具有{held}")
    failing = f"所填{held}，低于{wanted}"
    relaxing = [r for r in relaxations if r.professional_rank_steps > 0]
    if not relaxing:
        return _Part(Outcome.UNMET, failing)
    relaxation = max(relaxing, key=lambda r: r.professional_rank_steps)
    lowered = ProfessionalRank(max(0, int(minimum) - relaxation.professional_rank_steps))
    if profile.professional_rank < lowered:
        return _Part(Outcome.UNMET, failing)
    reference = knowledge.reference(relaxation.cited_in)
    steps = relaxation.professional_rank_steps
    return _relaxed(
        profile,
        relaxation,
        failing,
        explain.rank_relaxation_applied(reference, steps, explain.RANK_NAMES[int(lowered)]),
        explain.rank_relaxation_possible(reference, steps),
    )


def _employment(profile: TalentProfile, criterion: Criterion) -> _Part:
    modes = set(criterion.employment)
    if modes >= set(Employment):
        return _Part(Outcome.MET, "全职或柔性引进均可")
    names = {Employment.FULL_TIME: "全职", Employment.FLEXIBLE: "柔性引进"}
    wanted = "或".join(names[m] for m in Employment if m in modes)
    if profile.employment is None:
        return _Part(Outcome.UNKNOWN, f"该条要求{wanted}，未填写工作方式", (ProfileField.EMPLOYMENT,))
    if profile.employment in modes:
        return _Part(Outcome.MET, f"工作方式为{names[profile.employment]}")
    return _Part(Outcome.UNMET, f"工作方式为{names[profile.employment]}，该条要求{wanted}")


# --- explanation ---------------------------------------------------------------------------

_WORST = {Outcome.UNMET: 0, Outcome.UNKNOWN: 1, Outcome.TO_CONFIRM: 2, Outcome.MET: 3}
_SAID = {Outcome.UNMET: "unmet", Outcome.UNKNOWN: "unknown", Outcome.TO_CONFIRM: "to_confirm", Outcome.MET: "met"}


def _by_provision(checks: Iterable[CriterionCheck]) -> list[list[CriterionCheck]]:
    """Checks of one condition as written (a compound basic condition split by kind) together."""
    groups: dict[tuple[str, str], list[CriterionCheck]] = {}
    for check in checks:
        if check.outcome is not Outcome.REVIEW:
            groups.setdefault((check.criterion.cited_in, check.criterion.text), []).append(check)
    return list(groups.values())


def _explain(
    person: _Person,
    knowledge: Knowledge,
    program: Program | None,
    tier: Tier,
    status: EligibilityStatus,
    where: _Where,
    core: list[CriterionCheck],
    basic: list[CriterionCheck],
    exclusions: list[CriterionCheck],
    missing: list[str],
) -> tuple[str, list[str]]:
    cited: list[str] = [tier.cited_in]
    if where is _Where.ELSEWHERE:
        assert program is not None and program.region
        return explain.sentences([explain.not_applicable(program.region)]), [program.cited_in, tier.cited_in]

    lines: list[str] = [explain.tier_headline(status, explain.tier_label(program, tier))]

    def say(group: list[CriterionCheck], outcome: str | None = None) -> None:
        criterion = group[0].criterion
        worst = min((c.outcome for c in group), key=_WORST.__getitem__)
        outcome = outcome or _SAID[worst]
        reason = "；".join(dict.fromkeys(c.reason for c in group if c.reason))
        lines.append(
            explain.criterion_sentence(
                knowledge.reference(criterion.cited_in), criterion.text, outcome, reason
            )
        )
        cited.append(criterion.cited_in)
        cited.extend(r.cited_in for c in group for r in c.relaxations)

    if not core and not basic:
        lines.append(explain.no_conditions())
    met_core = [c for c in core if c.outcome is Outcome.MET]
    # What qualifies the person: one met core criterion is enough to say so; all when ineligible,
    # so that the office sees what matched before what failed.
    for group in _by_provision(met_core if status is EligibilityStatus.INELIGIBLE else met_core[:1]):
        say(group)
    if core and not met_core:
        undecided = [c for c in core if c.outcome is Outcome.UNKNOWN]
        to_confirm = [c for c in core if c.outcome is Outcome.TO_CONFIRM]
        for group in _by_provision(to_confirm if status is EligibilityStatus.INELIGIBLE else to_confirm[:1]):
            say(group)
        if status is EligibilityStatus.NEEDS_INFO:
            touched = [c for c in undecided if c.touched] or undecided
            for group in _by_provision(touched):
                say(group)
        for group in _by_provision(c for c in core if c.outcome is Outcome.UNMET and c.touched):
            say(group)
        failed = [c.criterion.cited_in for c in core if c.outcome is Outcome.UNMET and not c.touched]
        if failed and not undecided:  # "none of them" only when every core criterion is decided
            lines.append(explain.no_core_met(explain.common_reference(knowledge, failed)))
            cited.extend(failed)

    for group in _by_provision(exclusions):
        if any(c.outcome is Outcome.MET for c in group):
            say(group, "excluded")
        elif status is EligibilityStatus.NEEDS_INFO and any(c.outcome is Outcome.UNKNOWN for c in group):
            say(group)
    for group in _by_provision(basic):
        outcomes = {c.outcome for c in group}
        if status is EligibilityStatus.INELIGIBLE:
            if Outcome.UNMET in outcomes:
                say([c for c in group if c.outcome is Outcome.UNMET])
        elif status is EligibilityStatus.NEEDS_INFO:
            if Outcome.UNKNOWN in outcomes or Outcome.TO_CONFIRM in outcomes:
                say(group)
        else:
            say(group)

    if where is _Where.PERSON_UNKNOWN and program is not None:
        known = person.profile.region_id is not None  # then it is wider than the program's
        lines.append(
            explain.region_unknown(person.profile.region_name, program.region or "", wider=known)
        )
        cited.append(program.cited_in)
    if where is _Where.PROGRAM_UNKNOWN and program is not None:
        lines.append(explain.program_region_unknown(program.region or ""))

    if not met_core:
        reviewed = [
            c.criterion.cited_in
            for c in core
            if c.outcome is Outcome.REVIEW and not c.criterion.discretionary
        ]
        if reviewed:
            lines.append(explain.review_core_note(explain.common_reference(knowledge, reviewed)))
            cited.extend(reviewed)
        for check in core:
            if check.outcome is Outcome.REVIEW and check.criterion.discretionary:
                lines.append(
                    explain.discretionary_note(
                        knowledge.reference(check.criterion.cited_in), check.criterion.text
                    )
                )
                cited.append(check.criterion.cited_in)
    if status is not EligibilityStatus.INELIGIBLE:
        for check in basic:
            if check.outcome is Outcome.REVIEW:
                lines.append(
                    explain.review_note(knowledge.reference(check.criterion.cited_in), check.criterion.text)
                )
                cited.append(check.criterion.cited_in)
        review_exclusions = [c.criterion.cited_in for c in exclusions if c.outcome is Outcome.REVIEW]
        if review_exclusions:
            lines.append(
                f"另需审核确认不存在{explain.common_reference(knowledge, review_exclusions)}所列不得申报的情形"
            )
            cited.extend(review_exclusions)

    lines.append(explain.missing_note(missing))
    lines.append(explain.unrecognised("称号", person.profile.unresolved_titles))
    lines.append(explain.unrecognised("奖项", (a.name for a in person.profile.awards if a.award_id is None)))
    cited = list(dict.fromkeys(cited))
    titles = [c.title for c in (knowledge.citation(pid) for pid in cited) if c]
    return explain.abbreviate(explain.sentences(lines), titles), cited
