"""The facts the reasoning reads, indexed once: programs, tiers, criteria, benefits, rules.

The API fetches the facts relevant to an operation from the graph, builds one `Knowledge`
and hands it to eligibility, amounts, stacking and package. Every lookup here is a dict
access, so the reasoning never scans all facts per claim or per tier.

`Citation` renders the reference a talent office writes for a provision:
《政策标题》第十七条第（四）项第1目 — see `Citation.reference` for the conventions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from graphapi.domain.profile import ProfileField
from graphapi.domain.model import (
    Benefit,
    Criterion,
    CriterionKind,
    CriterionRole,
    Employment,
    Equivalence,
    Facts,
    Program,
    Provision,
    ProvisionKind,
    Relaxation,
    StackingRule,
    Succession,
    Tier,
)

_NUMERAL = "一二三四五六七八九十百零〇两"
_CHAPTER = re.compile(rf"^第[{_NUMERAL}\d]+[编章节]")
_ARTICLE = re.compile(rf"^第[{_NUMERAL}\d]+条$")
_PARAGRAPH = re.compile(rf"^第[{_NUMERAL}\d]+款$")
_ITEM = re.compile(rf"^[（(]\s*([{_NUMERAL}]+)\s*[)）]$")
_SUBITEM = re.compile(r"^(\d+)\s*[.．、]?$")
_POINT = re.compile(r"^[（(]\s*(\d+)\s*[)）]$")
_SECTION = re.compile(rf"^([{_NUMERAL}]+)\s*、\s*(.*)$")
_GLOSS = re.compile(r"[（(][^（）()]*[)）]$")  # trailing gloss: A类（国际顶尖人才） -> A类
# Spaces inside Chinese titles are conversion scars (“高层次人才”专项 实施细则).
_SPACE_NEAR_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def chinese_numeral(number: int) -> str:
    """1 -> 一, 12 -> 十二, 21 -> 二十一, 105 -> 一百零五 (as article numbers are written)."""
    digits = "零一二三四五六七八九"
    if number < 0:
        raise ValueError(f"no Chinese numeral for {number}")
    if number < 10:
        return digits[number]
    if number < 20:
        return "十" + (digits[number % 10] if number % 10 else "")
    if number < 100:
        tens, ones = divmod(number, 10)
        return digits[tens] + "十" + (digits[ones] if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        if rest == 0:
            return digits[hundreds] + "百"
        middle = "零" if rest < 10 else ""
        tail = chinese_numeral(rest) if rest >= 20 or rest < 10 else "一" + chinese_numeral(rest)
        return digits[hundreds] + "百" + middle + tail
    return str(number)


def clean_title(title: str) -> str:
    """Strip 《》 and conversion spaces: 《…专项 实施细则》 -> …专项实施细则."""
    title = _SPACE_NEAR_CJK.sub("", title.strip())
    if title.startswith("《") and title.endswith("》"):
        title = title[1:-1]
    return title


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a fact is written: the provision, its policy and the labels from the top down.

    `labels` run from the top-level provision to the cited one, as the parser labels them,
    e.g. ("第四章", "第十七条", "（四）", "1.") or, in an annex,
    ("附件《官渡高层次人才（团队）分类认定目录》", "一、A类", "3.").
    """

    provision_id: str
    policy_id: str
    policy_title: str
    labels: tuple[str, ...] = ()

    @classmethod
    def from_chain(cls, chain: Sequence[Provision], policy_title: str) -> Citation:
        """Build from the provisions on the path from the top-level one to the cited one.

        Annexes are labelled with their heading (附件《目录》), annex sections with their
        label and short heading (一、A类), paragraphs without a label by their number (第二款).
        """
        if not chain:
            raise ValueError("a citation needs at least one provision")
        labels: list[str] = []
        for provision in chain:
            label = (provision.label or "").strip()
            heading = (provision.heading or "").strip()
            if provision.kind is ProvisionKind.ANNEX:
                title = clean_title(heading) if heading else ""
                labels.append(f"附件《{title}》" if title else (label or "附件"))
            elif provision.kind is ProvisionKind.SECTION and heading and not label.endswith(heading):
                labels.append(f"{label.rstrip('、')}、{heading}" if label else heading)
            elif provision.kind is ProvisionKind.PARAGRAPH and not label:
                if provision.number:
                    labels.append(f"第{chinese_numeral(provision.number)}款")
            elif label:
                labels.append(label)
        last = chain[-1]
        return cls(last.id, last.policy_id, policy_title, tuple(labels))

    @property
    def title(self) -> str:
        return clean_title(self.policy_title)

    def location(self) -> str:
        """The provision's place inside its policy: 第十七条第（四）项第1目.

        Conventions (《立法技术规范（试行）》 and common office usage):
        - chapters (第四章) are left out when an article follows, since articles are
          numbered through the whole instrument;
        - items are written 第（四）项, sub-items under an item 第1目;
        - a numbered entry directly under an article or an annex section (the lists of a
          分类认定目录) is written 第3项;
        - sections (一、) of a policy-style document are 第一部分, but inside an annex they
          keep their label and short heading (一、A类), as the annex itself is cited;
        - anything else (（1） under a sub-item) is appended as written.
        """
        parts: list[str] = []
        previous = ""  # kind of the last rendered label
        in_annex = False
        labels = [label.strip() for label in self.labels if label and label.strip()]
        for index, label in enumerate(labels):
            later = labels[index + 1 :]
            if label.startswith("附件"):
                in_annex = True
                parts.append(label.rstrip("：:"))
                previous = "annex"
            elif _CHAPTER.match(label):
                if not any(_ARTICLE.match(other) for other in later):
                    parts.append(label.split()[0])
                    previous = "chapter"
            elif _ARTICLE.match(label) or _PARAGRAPH.match(label):
                parts.append(label)
                previous = "article"
            elif match := _ITEM.match(label):
                parts.append(f"第（{match.group(1)}）项")
                previous = "item"
            elif match := _SUBITEM.match(label):
                unit = "目" if previous == "item" else "项"
                parts.append(f"第{match.group(1)}{unit}")
                previous = "subitem"
            elif match := _POINT.match(label):
                parts.append(f"（{match.group(1)}）")
                previous = "point"
            elif match := _SECTION.match(label):
                numeral, heading = match.groups()
                if in_annex:
                    parts.append(f"{numeral}、{_GLOSS.sub('', heading).strip() or heading}")
                else:
                    parts.append(f"第{numeral}部分")
                previous = "section"
            else:
                parts.append(label)
                previous = "other"
        return "".join(parts)

    def reference(self) -> str:
        """《政策标题》 followed by the location, e.g.
        《中国（云南）自由贸易试验区昆明片区（官渡区）支持高层次人才（团队）引进的实施办法（试行）》第十七条第（四）项第1目."""
        return f"《{self.title}》{self.location()}"

    def __str__(self) -> str:
        return self.reference()


def _by_key[T](items: Iterable[T], key) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return dict(grouped)


_MODALITIES = frozenset({CriterionKind.EMPLOYMENT, CriterionKind.RESIDENCE})


def _needs(criterion: Criterion) -> frozenset[str] | None:
    """What a profile must hold for the criterion to be met (or within reach): some of these
    entity ids or profile fields (ProfileField values). None: anyone may meet it; empty: nobody
    can (nothing structured was read, or a catch-all only the office recognises).

    Every structured part of a criterion must be met, so the needs of any one part will do;
    the first part the reasoning checks is taken (see eligibility._check)."""
    if criterion.discretionary:
        return frozenset()
    if criterion.title_ids or criterion.awards:
        return frozenset((*criterion.title_ids, *(i for r in criterion.awards for i in r.award_ids)))
    if criterion.max_age is not None or criterion.age_limits:
        return frozenset((ProfileField.AGE, *criterion.age_exempt_title_ids))
    if criterion.min_degree is not None or criterion.min_professional_rank is not None:
        return frozenset((ProfileField.DEGREE, ProfileField.PROFESSIONAL_RANK))
    if criterion.employment:
        return None if set(criterion.employment) >= set(Employment) else frozenset((ProfileField.EMPLOYMENT,))
    if criterion.kind is CriterionKind.SALARY:
        return frozenset((ProfileField.SALARY,))
    return frozenset()


def _reach_index(
    tiers: Mapping[str, Tier], criteria_by_tier: Mapping[str, list[Criterion]]
) -> tuple[frozenset[str], dict[str, set[str]]]:
    """(tiers anyone may be within reach of, need -> tiers that need it).

    A tier is within reach when a core criterion leans met (or, without core criteria, a basic
    one other than the employment mode): see eligibility._assess_tier."""
    always: set[str] = set()
    by_need: dict[str, set[str]] = defaultdict(set)
    for tier_id in tiers:
        criteria = criteria_by_tier.get(tier_id, [])
        core = [c for c in criteria if c.role is CriterionRole.CORE]
        deciding = core or [c for c in criteria if c.role is CriterionRole.BASIC and c.kind not in _MODALITIES]
        needs = [_needs(c) for c in deciding]
        if any(n is None for n in needs):
            always.add(tier_id)
            continue
        for need in frozenset().union(*needs):
            by_need[need].add(tier_id)
    return frozenset(always), dict(by_need)


class Knowledge:
    """Fact records indexed for the reasoning; read-only once built."""

    def __init__(
        self,
        *,
        programs: Iterable[Program] = (),
        tiers: Iterable[Tier] = (),
        criteria: Iterable[Criterion] = (),
        relaxations: Iterable[Relaxation] = (),
        benefits: Iterable[Benefit] = (),
        stacking_rules: Iterable[StackingRule] = (),
        equivalences: Iterable[Equivalence] = (),
        successions: Iterable[Succession] = (),
        citations: Mapping[str, Citation] | None = None,
    ) -> None:
        self._programs = {program.id: program for program in programs}
        self._tiers = {tier.id: tier for tier in tiers}
        self._benefits = {benefit.id: benefit for benefit in benefits}
        self._rules = {rule.id: rule for rule in stacking_rules}
        self.citations: dict[str, Citation] = dict(citations or {})
        self._references: dict[str, str] = {}  # rendered once: explanations repeat them
        self.equivalences = list(equivalences)
        self.successions = list(successions)

        self._tiers_by_program = {
            program_id: sorted(tiers, key=lambda tier: (tier.rank, tier.id))
            for program_id, tiers in _by_key(self._tiers.values(), lambda t: t.program_id).items()
        }
        self._criteria_by_tier = _by_key(criteria, lambda c: c.tier_id)
        self._relaxations_by_tier = _by_key(relaxations, lambda r: r.tier_id)
        self._benefits_by_tier = _by_key(self._benefits.values(), lambda b: b.tier_id)
        governed: dict[str, list[StackingRule]] = defaultdict(list)
        for rule in self._rules.values():
            for target in dict.fromkeys(rule.governs):
                governed[target].append(rule)
        self._rules_by_target = dict(governed)

    @classmethod
    def from_facts(cls, *facts: Facts, citations: Mapping[str, Citation] | None = None) -> Knowledge:
        """Merge the facts of several documents (e.g. everything the API fetched)."""
        return cls(
            programs=[p for f in facts for p in f.programs],
            tiers=[t for f in facts for t in f.tiers],
            criteria=[c for f in facts for c in f.criteria],
            relaxations=[r for f in facts for r in f.relaxations],
            benefits=[b for f in facts for b in f.benefits],
            stacking_rules=[s for f in facts for s in f.stacking_rules],
            equivalences=[e for f in facts for e in f.equivalences],
            successions=[s for f in facts for s in f.successions],
            citations=citations,
        )

    # --- records by id -----------------------------------------------------------------

    @property
    def programs(self) -> list[Program]:
        return list(self._programs.values())

    @property
    def tiers(self) -> list[Tier]:
        return list(self._tiers.values())

    @property
    def benefits(self) -> list[Benefit]:
        return list(self._benefits.values())

    @property
    def stacking_rules(self) -> list[StackingRule]:
        return list(self._rules.values())

    def program(self, program_id: str) -> Program | None:
        return self._programs.get(program_id)

    def tier(self, tier_id: str) -> Tier | None:
        return self._tiers.get(tier_id)

    def benefit(self, benefit_id: str) -> Benefit | None:
        return self._benefits.get(benefit_id)

    # --- relations ---------------------------------------------------------------------

    def tiers_of(self, program_id: str) -> list[Tier]:
        """Tiers of a program, highest (rank 1) first."""
        return self._tiers_by_program.get(program_id, [])

    @cached_property
    def _reach(self) -> tuple[frozenset[str], dict[str, set[str]]]:
        # built on first use: the Knowledge of a duplicate check never asks
        return _reach_index(self._tiers, self._criteria_by_tier)

    def tiers_within_reach_of(self, held: Iterable[str]) -> list[Tier]:
        """The tiers a person can be within reach of, given what the profile holds: the titles
        and awards (ids, their equivalents and classes included) and the names of the profile
        fields that are filled in (ProfileField). Assessing just these gives the same
        within-reach answer as assessing every tier; it keeps the work proportional to the answer."""
        always_assessed, tiers_by_need = self._reach
        wanted = set(always_assessed)
        for need in held:
            wanted.update(tiers_by_need.get(need, ()))
        return [tier for tier_id, tier in self._tiers.items() if tier_id in wanted]

    def criteria_of(self, tier_id: str) -> list[Criterion]:
        return self._criteria_by_tier.get(tier_id, [])

    def relaxations_of(self, tier_id: str) -> list[Relaxation]:
        return self._relaxations_by_tier.get(tier_id, [])

    def benefits_of(self, tier_id: str) -> list[Benefit]:
        return self._benefits_by_tier.get(tier_id, [])

    def rules_governing(self, target_id: str) -> list[StackingRule]:
        """Stacking rules whose `governs` names this benefit, tier or program id."""
        return self._rules_by_target.get(target_id, [])

    def program_of_tier(self, tier: Tier) -> Program | None:
        return self._programs.get(tier.program_id)

    def tier_of_benefit(self, benefit: Benefit) -> Tier | None:
        return self._tiers.get(benefit.tier_id)

    def program_of_benefit(self, benefit: Benefit) -> Program | None:
        tier = self._tiers.get(benefit.tier_id)
        return self._programs.get(tier.program_id) if tier else None

    def policy_of_benefit(self, benefit: Benefit) -> str | None:
        program = self.program_of_benefit(benefit)
        return program.policy_id if program else None

    # --- citations ---------------------------------------------------------------------

    def citation(self, provision_id: str) -> Citation | None:
        return self.citations.get(provision_id)

    def reference(self, provision_id: str) -> str:
        """The rendered reference, or the bare provision id when no citation was supplied."""
        rendered = self._references.get(provision_id)
        if rendered is None:
            citation = self.citations.get(provision_id)
            rendered = citation.reference() if citation else f"条款〔{provision_id}〕"
            self._references[provision_id] = rendered
        return rendered
