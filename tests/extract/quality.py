"""Measured extraction quality: extracted `model.Facts` against gold facts, per fact kind.

    python -m tests.extract.quality            # corpus, unseen and held-out texts, one table each
    python -m tests.extract.quality --details  # and every miss and every spurious fact

Gold facts (tests/extract/gold.py, schema in data/gold/README.md) are matched on natural keys,
never on the ids the extractor mints. What counts as a match, per kind:

- program: the extracted name (or an alias) contains one of the gold name fragments; strict
  also when the gold states them: level, region.
- tier: same document, and the extracted name contains a gold fragment (and none of its
  `not_match` fragments) or the codes are equal (官渡 A…E); strict also: rank and code where
  the gold states them, for_team. Extracted tiers matched to an optional gold tier are set
  aside together with everything attached to them.
- criterion: same gold tier, role and kind in the gold's accepted ones, and every structured
  field the gold states agrees (max_age, min_degree, min_professional_rank, employment,
  within_years, min_amount, age_exempt_title_ids, min_service_days_per_year,
  min_service_months; always: discretionary, age_is_usual, age_limits, and unread — each gold
  fragment in a part left unread, none when the gold names none). Text is not compared.
- award requirement: one atom per (award id, grade) a criterion accepts: same tier, role,
  award (any of the gold alternatives), grade (None when the text names no grade); strict
  also max_rank. Grouping into AwardRequirement records does not matter.
- title requirement: one atom per title id a criterion accepts: same tier, role, title.
- relaxation: same tier; strict: age_years, professional_rank_steps, service_years_reduction.
- benefit: same tier and kind. benefit amount: a matched benefit whose money is right:
  amount_max, amount_min, cap_ratio, installments, installment_share, amount_levels, period,
  recipient (and years, requires_title_ids, employment where the gold states them); counted
  over gold benefits that have an amount and extracted benefits that have one.
- rule: kind accepted and cited in the gold's provision (or its parent or child).
  rule governs: also the set of things governed, as natural keys (program; tier; benefit kind
  at a tier), equals one the gold accepts.
- succession: the successor is the gold tier (or the program) and the predecessor's name
  contains every gold fragment.

Assignment is one-to-one and greedy: strict matches first (preferring the gold's provision),
then identity-only matches ("found": the fact was seen but a field is wrong). An optional gold
fact absorbs every extracted fact that matches it and is cited at its provision (optional
programs and tiers match by name or by citation); absorbed facts count neither way. Precision is
TP / (TP + FP), recall TP / gold; `found` is identity recall; `cited` is the share of found
pairs cited in the gold's provision or its parent or child.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from graphapi.domain.entities import Catalog
from graphapi.domain.model import (
    Benefit,
    Criterion,
    Facts,
    ParsedDocument,
    Program,
    StackingRule,
    Succession,
    Tier,
)
from graphapi.domain.text import normalize
from tests.extract.gold import (
    CORPUS_GOLD_DIR,
    UNSEEN_GOLD_DIR,
    Expect,
    Gold,
    GoldAwardAtom,
    GoldBenefit,
    GoldCriterion,
    GoldProgram,
    GoldRule,
    GoldSuccession,
    GoldTier,
    GoldTitleAtom,
    GovernedKey,
    load_dir,
)

KINDS = (
    "program",
    "tier",
    "criterion",
    "award requirement",
    "title requirement",
    "relaxation",
    "benefit",
    "benefit amount",
    "rule",
    "rule governs",
    "succession",
)

IGNORED = "<optional>"  # tier key of extracted tiers matched to an optional gold tier

G = TypeVar("G")
E = TypeVar("E")


# --- scores ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Score:
    kind: str
    gold: int = 0  # required gold facts
    extracted: int = 0  # extracted facts counted (those matching optional gold are not)
    tp: int = 0
    found: int = 0  # gold facts matched on identity (a field may be wrong)
    cited: int = 0  # found pairs cited where the gold says

    @property
    def fp(self) -> int:
        return self.extracted - self.tp

    @property
    def fn(self) -> int:
        return self.gold - self.tp

    @property
    def precision(self) -> float | None:
        return self.tp / self.extracted if self.extracted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def found_recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def cited_share(self) -> float | None:
        return self.cited / self.found if self.found else None

    def __add__(self, other: Score) -> Score:
        return Score(
            self.kind,
            self.gold + other.gold,
            self.extracted + other.extracted,
            self.tp + other.tp,
            self.found + other.found,
            self.cited + other.cited,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "extracted": self.extracted,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "found": self.found_recall,
            "cited": self.cited_share,
        }


@dataclass(slots=True)
class DocumentReport:
    document: str
    scores: dict[str, Score]
    misses: dict[str, list[str]] = field(default_factory=dict)  # gold facts not matched strictly
    spurious: dict[str, list[str]] = field(default_factory=dict)  # extracted facts not matched
    error: str | None = None  # the extractor failed: scored as if it extracted nothing


@dataclass(slots=True)
class QualityReport:
    label: str
    documents: list[DocumentReport]

    def totals(self) -> dict[str, Score]:
        totals = {kind: Score(kind) for kind in KINDS}
        for document in self.documents:
            for kind, score in document.scores.items():
                totals[kind] = totals[kind] + score
        return totals

    def as_dict(self) -> dict[str, Any]:
        """The numbers, for a benchmark to record."""
        return {
            "label": self.label,
            "totals": {kind: score.as_dict() for kind, score in self.totals().items()},
            "documents": {
                d.document: {kind: score.as_dict() for kind, score in d.scores.items()} for d in self.documents
            },
        }

    @property
    def errors(self) -> dict[str, str]:
        return {d.document: d.error for d in self.documents if d.error}

    def table(self) -> str:
        table = format_table(self.label, self.totals())
        failures = [f"extraction FAILED on {name}: {error}" for name, error in self.errors.items()]
        return "\n".join([table, *failures])

    def details(self) -> str:
        lines: list[str] = []
        for document in self.documents:
            lines.append(f"== {document.document}")
            for kind in KINDS:
                for title, items in (("missed", document.misses.get(kind)), ("spurious", document.spurious.get(kind))):
                    for item in items or ():
                        lines.append(f"  {kind:<18} {title:<8} {item}")
        return "\n".join(lines)


def _ratio(value: float | None) -> str:
    return "    —" if value is None else f"{value:5.2f}"


def format_table(label: str, scores: Mapping[str, Score]) -> str:
    header = f"{'kind':<18} {'gold':>5} {'extr':>5} {'TP':>5} {'FP':>5} {'FN':>5}  {'prec':>5} {'recall':>6} {'found':>5} {'cited':>5}"
    lines = [f"extraction quality: {label}", header, "-" * len(header)]
    for kind in KINDS:
        s = scores[kind]
        lines.append(
            f"{kind:<18} {s.gold:>5} {s.extracted:>5} {s.tp:>5} {s.fp:>5} {s.fn:>5}  "
            f"{_ratio(s.precision)} {_ratio(s.recall):>6} {_ratio(s.found_recall)} {_ratio(s.cited_share)}"
        )
    return "\n".join(lines)


# --- one-to-one assignment ------------------------------------------------------------------


@dataclass(slots=True)
class Outcome(Generic[G, E]):
    strict: list[tuple[G, E]]
    loose: list[tuple[G, E]]  # identity matched, a compared field differs
    absorbed: list[tuple[G, E]]  # matched an optional gold fact: not counted
    missed: list[G]  # required gold facts without a strict match
    spurious: list[E]  # counted extracted facts without a strict match
    required: int


def assign(
    golds: Sequence[G],
    extracted: Sequence[E],
    identity: Callable[[G, E], bool],
    strict: Callable[[G, E], bool],
    cited: Callable[[G, E], bool],
    strength: Callable[[G, E], int] = lambda g, e: 0,
    optional_cited: bool = True,
) -> Outcome[G, E]:
    """Pair gold and extracted facts; with `optional_cited`, an optional gold fact only takes
    extracted facts cited at its provision (it describes one reading of one provision)."""
    free = set(range(len(extracted)))
    required = [g for g in golds if not getattr(g, "optional", False)]
    optional = [g for g in golds if getattr(g, "optional", False)]

    def greedy(candidates: list[G], test: Callable[[G, E], bool], many: bool = False) -> tuple[list[tuple[G, E]], list[G]]:
        """Best pairs first; each extracted fact used once, each gold fact once unless `many`."""
        pairs = sorted(
            (-strength(g, extracted[ei]), not cited(g, extracted[ei]), gi, ei)
            for gi, g in enumerate(candidates)
            for ei in free
            if test(g, extracted[ei])
        )
        used: set[int] = set()
        matched: list[tuple[G, E]] = []
        for _, _, gi, ei in pairs:
            if (gi in used and not many) or ei not in free:
                continue
            used.add(gi)
            free.discard(ei)
            matched.append((candidates[gi], extracted[ei]))
        return matched, [g for gi, g in enumerate(candidates) if gi not in used]

    # An optional gold fact absorbs every extracted fact that matches it: a reader who counts a
    # measure may well split it in several facts, and none of them is counted either way.
    def local(test: Callable[[G, E], bool]) -> Callable[[G, E], bool]:
        return (lambda g, e: test(g, e) and cited(g, e)) if optional_cited else test

    strict_pairs, unmatched = greedy(required, strict)
    absorbed, _ = greedy(optional, local(strict), many=True)
    loose_pairs, _ = greedy(unmatched, identity)
    absorbed_loose, _ = greedy(optional, local(identity), many=True)
    loose_extracted = {id(e) for _, e in loose_pairs}
    strictly_matched = {id(g) for g, _ in strict_pairs}
    spurious = [e for i, e in enumerate(extracted) if i in free or id(e) in loose_extracted]
    return Outcome(
        strict=strict_pairs,
        loose=loose_pairs,
        absorbed=absorbed + absorbed_loose,
        missed=[g for g in required if id(g) not in strictly_matched],
        spurious=spurious,
        required=len(required),
    )


def _score(kind: str, outcome: Outcome, cited: Callable[[Any, Any], bool]) -> Score:
    found = outcome.strict + outcome.loose
    return Score(
        kind,
        gold=outcome.required,
        extracted=len(outcome.strict) + len(outcome.spurious),
        tp=len(outcome.strict),
        found=len(found),
        cited=sum(1 for g, e in found if cited(g, e)),
    )


# --- citations ------------------------------------------------------------------------------


def _parent(provision_id: str) -> str | None:
    policy, _, path = provision_id.partition("/")
    return f"{policy}/{path.rsplit('__', 1)[0]}" if "__" in path else None


def cite_ok(gold_cites: Iterable[str], extracted: str | None) -> bool:
    """Cited in the gold's provision, its parent or a child of it."""
    if not extracted:
        return False
    return any(c == extracted or _parent(c) == extracted or _parent(extracted) == c for c in gold_cites)


def _value(record: Any, name: str) -> Any:
    # The gold's `unread` names what is left unread of either sort: conditions besides what is
    # read (Criterion.unread) and other ways of meeting it (Criterion.unread_alternatives).
    if name == "unread" and isinstance(record, Criterion):
        return (*record.unread, *record.unread_alternatives)
    return getattr(record, name, None)


def _fields_ok(expected: Mapping[str, Expect], record: Any) -> bool:
    return all(expect.ok(_value(record, name)) for name, expect in expected.items())


def _field_diffs(expected: Mapping[str, Expect], record: Any) -> str:
    diffs = [
        f"{name}={_value(record, name)!r} (gold {expect})"
        for name, expect in expected.items()
        if not expect.ok(_value(record, name))
    ]
    return ", ".join(diffs)


# --- views of extracted facts with natural keys ---------------------------------------------


@dataclass(frozen=True, slots=True)
class _Keyed:
    record: Any
    tier: str | None  # gold tier key, IGNORED, or None when the tier matched no gold tier


@dataclass(frozen=True, slots=True)
class _AwardAtom:
    tier: str | None
    role: str
    award_id: str
    grade: str | None
    max_rank: int | None
    cited_in: str
    text: str


@dataclass(frozen=True, slots=True)
class _TitleAtom:
    tier: str | None
    role: str
    title_id: str
    cited_in: str
    text: str


@dataclass(frozen=True, slots=True)
class _Rule:
    record: StackingRule
    governs: frozenset[GovernedKey]


@dataclass(frozen=True, slots=True)
class _Succession:
    record: Succession
    to: str | None
    from_key: str


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- evaluation of one document -------------------------------------------------------------


def evaluate(facts: Facts, gold: Gold) -> DocumentReport:
    report = DocumentReport(gold.name, {})

    def record(kind: str, outcome: Outcome, cited: Callable[[Any, Any], bool],
               show_gold: Callable[[Any], str], show_extracted: Callable[[Any], str]) -> None:
        report.scores[kind] = _score(kind, outcome, cited)
        loose = {id(g): e for g, e in outcome.loose}
        report.misses[kind] = [
            show_gold(g) + (f"  <- found as {show_extracted(loose[id(g)])}" if id(g) in loose else "")
            for g in outcome.missed
        ]
        report.spurious[kind] = [show_extracted(e) for e in outcome.spurious if not any(e is le for le in loose.values())]

    # programs
    program_ids = {p.id for p in facts.programs}
    programs = assign(
        gold.programs,
        facts.programs,
        identity=_program_identity,
        strict=lambda g, e: _program_identity(g, e) and _fields_ok(g.fields, e),
        cited=lambda g, e: True,
        strength=lambda g, e: _longest(g.match, _program_names(e)),
        optional_cited=False,
    )
    record("program", programs, lambda g, e: True,
           lambda g: f"{g.name} {_expectations_text(g.fields)}",
           lambda e: f"{e.name} level={e.level and e.level.value} region={e.region}")

    # tiers
    tiers = match_tiers(facts, gold)
    record("tier", tiers, lambda g, e: cite_ok(g.cited_in, e.cited_in),
           lambda g: f"{g.key} {g.name}", lambda e: f"{e.code} {e.name} (rank {e.rank})")
    tier_key: dict[str, str] = {}
    for g, e in tiers.strict + tiers.loose:
        tier_key[e.id] = g.key
    for _, e in tiers.absorbed:
        tier_key[e.id] = IGNORED

    def keyed(records: Iterable[Any]) -> list[_Keyed]:
        views = [_Keyed(r, tier_key.get(r.tier_id)) for r in records]
        return [v for v in views if v.tier != IGNORED]

    # criteria and their award / title atoms
    criteria = keyed(facts.criteria)
    crit_outcome = assign(
        gold.criteria,
        criteria,
        identity=_criterion_identity,
        strict=lambda g, e: _criterion_identity(g, e) and _fields_ok(g.fields, e.record),
        cited=lambda g, e: cite_ok(g.cited_in, e.record.cited_in),
    )
    record("criterion", crit_outcome, lambda g, e: cite_ok(g.cited_in, e.record.cited_in),
           _show_gold_criterion, _show_criterion)

    award_atoms = [
        _AwardAtom(v.tier, v.record.role.value, award_id, grade, req.max_rank, v.record.cited_in, v.record.text)
        for v in criteria
        for req in v.record.awards
        for award_id in req.award_ids
        for grade in (req.grades or (None,))
    ]
    awards = assign(
        gold.award_atoms,
        award_atoms,
        identity=_award_identity,
        strict=lambda g, e: _award_identity(g, e) and g.max_rank.ok(e.max_rank),
        cited=lambda g, e: cite_ok(g.cited_in, e.cited_in),
    )
    record("award requirement", awards, lambda g, e: cite_ok(g.cited_in, e.cited_in),
           lambda g: f"{g.tier} {'/'.join(sorted(g.roles))} {'|'.join(sorted(g.award_ids))} {g.grade or '(any grade)'} rank≤{g.max_rank}",
           lambda e: f"{e.tier} {e.role} {e.award_id} {e.grade or '(any grade)'} rank≤{e.max_rank} @ {_short(e.text, 30)}")

    title_atoms = [
        _TitleAtom(v.tier, v.record.role.value, title_id, v.record.cited_in, v.record.text)
        for v in criteria
        for title_id in v.record.title_ids
    ]
    titles = assign(
        gold.title_atoms,
        title_atoms,
        identity=_title_identity,
        strict=_title_identity,
        cited=lambda g, e: cite_ok(g.cited_in, e.cited_in),
    )
    record("title requirement", titles, lambda g, e: cite_ok(g.cited_in, e.cited_in),
           lambda g: f"{g.tier} {'/'.join(sorted(g.roles))} {'|'.join(sorted(g.title_ids))}",
           lambda e: f"{e.tier} {e.role} {e.title_id} @ {_short(e.text, 30)}")

    # relaxations
    relaxations = assign(
        gold.relaxations,
        keyed(facts.relaxations),
        identity=lambda g, e: g.tier == e.tier,
        strict=lambda g, e: g.tier == e.tier and _fields_ok(g.fields, e.record),
        cited=lambda g, e: cite_ok(g.cited_in, e.record.cited_in),
    )
    record("relaxation", relaxations, lambda g, e: cite_ok(g.cited_in, e.record.cited_in),
           lambda g: f"{g.tier} {_expectations_text(g.fields)}",
           lambda e: f"{e.tier} age+{e.record.age_years} rank-{e.record.professional_rank_steps} service-{e.record.service_years_reduction}")

    # benefits: found = the benefit; strict = its money
    benefit_views = keyed(facts.benefits)
    benefits = assign(
        gold.benefits,
        benefit_views,
        identity=_benefit_identity,
        strict=lambda g, e: _benefit_identity(g, e) and _fields_ok(g.fields, e.record),
        cited=lambda g, e: cite_ok(g.cited_in, e.record.cited_in),
    )
    benefit_cited = lambda g, e: cite_ok(g.cited_in, e.record.cited_in)  # noqa: E731
    identity_outcome = Outcome(benefits.strict + benefits.loose, [], benefits.absorbed,
                               [g for g in benefits.missed if not any(g is lg for lg, _ in benefits.loose)],
                               [e for e in benefits.spurious if not any(e is le for _, le in benefits.loose)],
                               benefits.required)
    record("benefit", identity_outcome, benefit_cited, _show_gold_benefit, _show_benefit)
    report.scores["benefit amount"] = _amount_score(benefits, benefit_cited)
    report.misses["benefit amount"] = [
        _show_gold_benefit(g) + (f"  <- found as {_show_benefit(e)}" if e is not None else "")
        for g, e in _amount_misses(benefits)
    ]
    report.spurious["benefit amount"] = []

    # stacking rules
    benefit_keys = {
        v.record.id: ("benefit", v.record.kind.value, v.tier or "?") for v in (_Keyed(b, tier_key.get(b.tier_id)) for b in facts.benefits)
    }
    tier_ids = {t.id: ("tier", tier_key.get(t.id, "?")) for t in facts.tiers}

    def governed(item: str) -> GovernedKey:
        if item in program_ids:
            return ("program",)
        return benefit_keys.get(item) or tier_ids.get(item) or ("unknown", item)

    rules = [_Rule(r, frozenset(governed(item) for item in r.governs)) for r in facts.stacking_rules]
    rule_outcome = assign(
        gold.rules,
        rules,
        identity=_rule_identity,
        strict=lambda g, e: _rule_identity(g, e) and (not g.governs or e.governs in g.governs),
        cited=lambda g, e: True,
    )
    rule_identity_outcome = Outcome(rule_outcome.strict + rule_outcome.loose, [], rule_outcome.absorbed,
                                    [g for g in rule_outcome.missed if not any(g is lg for lg, _ in rule_outcome.loose)],
                                    [e for e in rule_outcome.spurious if not any(e is le for _, le in rule_outcome.loose)],
                                    rule_outcome.required)
    record("rule", rule_identity_outcome, lambda g, e: True, _show_gold_rule, _show_rule)
    record("rule governs", rule_outcome, lambda g, e: True, _show_gold_rule, _show_rule)

    # successions
    successions = [
        _Succession(
            s,
            "program" if s.to_id in program_ids else tier_key.get(s.to_id),
            normalize(f"{s.from_name or ''}{s.from_id}"),
        )
        for s in facts.successions
    ]
    succession_outcome = assign(
        gold.successions,
        successions,
        identity=_succession_identity,
        strict=_succession_identity,
        cited=lambda g, e: cite_ok(g.cited_in, e.record.cited_in),
    )
    record("succession", succession_outcome, lambda g, e: cite_ok(g.cited_in, e.record.cited_in),
           lambda g: f"{'+'.join(g.from_match)} -> {g.to}",
           lambda e: f"{e.record.from_name or e.record.from_id} -> {e.to or e.record.to_id}")
    return report


def match_tiers(facts: Facts, gold: Gold) -> Outcome[GoldTier, Tier]:
    return assign(
        gold.tiers,
        facts.tiers,
        identity=_tier_identity,
        strict=lambda g, e: _tier_identity(g, e) and _fields_ok(g.fields, e),
        cited=lambda g, e: cite_ok(g.cited_in, e.cited_in),
        strength=_tier_strength,
        optional_cited=False,
    )


def tiers_by_key(facts: Facts, gold: Gold) -> dict[str, Tier]:
    """The extracted tier matched (on identity) to each gold tier key."""
    outcome = match_tiers(facts, gold)
    return {g.key: e for g, e in outcome.strict + outcome.loose}


# --- identity tests -------------------------------------------------------------------------


def _program_names(program: Program) -> list[str]:
    return [normalize(name) for name in (program.name, *program.aliases)]


def _longest(fragments: Iterable[str], names: Iterable[str]) -> int:
    return max((len(f) for f in fragments for n in names if f in n), default=0)


def _program_identity(g: GoldProgram, e: Program) -> bool:
    if g.optional and cite_ok(g.cited_in, e.cited_in):
        return True  # an optional measure, whatever the extractor named it
    return _longest(g.match, _program_names(e)) > 0


def _tier_identity(g: GoldTier, e: Tier) -> bool:
    if g.optional and cite_ok(g.cited_in, e.cited_in):
        return True
    name = normalize(e.name)
    if any(fragment in name for fragment in g.not_match):
        return False
    return (g.code is not None and e.code == g.code) or any(fragment in name for fragment in g.match)


def _tier_strength(g: GoldTier, e: Tier) -> int:
    return (100 if g.code is not None and e.code == g.code else 0) + _longest(g.match, [normalize(e.name)])


def _criterion_identity(g: GoldCriterion, e: _Keyed) -> bool:
    c: Criterion = e.record
    return e.tier == g.tier and c.role.value in g.roles and c.kind.value in g.kinds


def _award_identity(g: GoldAwardAtom, e: _AwardAtom) -> bool:
    return e.tier == g.tier and e.role in g.roles and e.award_id in g.award_ids and e.grade == g.grade


def _title_identity(g: GoldTitleAtom, e: _TitleAtom) -> bool:
    return e.tier == g.tier and e.role in g.roles and e.title_id in g.title_ids


def _benefit_identity(g: GoldBenefit, e: _Keyed) -> bool:
    b: Benefit = e.record
    return e.tier == g.tier and b.kind.value in g.kinds


def _rule_identity(g: GoldRule, e: _Rule) -> bool:
    return e.record.kind.value in g.kinds and cite_ok(g.cited_in, e.record.cited_in)


def _succession_identity(g: GoldSuccession, e: _Succession) -> bool:
    return e.to == g.to and all(fragment in e.from_key for fragment in g.from_match)


# --- benefit amounts ------------------------------------------------------------------------


def _has_amount(benefit: Benefit) -> bool:
    return benefit.amount_max is not None or benefit.amount_min is not None or bool(benefit.amount_levels)


def _amount_score(outcome: Outcome, cited: Callable[[Any, Any], bool]) -> Score:
    """Gold benefits with money vs extracted benefits with money; TP = strict pairs of those."""
    tp_pairs = [(g, e) for g, e in outcome.strict if g.has_amount]
    counted_extracted = [e for _, e in outcome.strict if _has_amount(e.record)] + [
        e for e in outcome.spurious if _has_amount(e.record)
    ]
    found = [(g, e) for g, e in outcome.strict + outcome.loose if g.has_amount]
    return Score(
        "benefit amount",
        gold=sum(1 for g in _required(outcome) if g.has_amount),
        extracted=len(counted_extracted),
        tp=len(tp_pairs),
        found=len(found),
        cited=sum(1 for g, e in found if cited(g, e)),
    )


def _required(outcome: Outcome) -> list[Any]:
    return [g for g, _ in outcome.strict] + list(outcome.missed)


def _amount_misses(outcome: Outcome) -> list[tuple[GoldBenefit, _Keyed | None]]:
    loose = {id(g): e for g, e in outcome.loose}
    return [(g, loose.get(id(g))) for g in outcome.missed if g.has_amount]


# --- descriptions for the details listing ---------------------------------------------------


def _expectations_text(expected: Mapping[str, Expect]) -> str:
    return " ".join(f"{name}={expect}" for name, expect in expected.items() if expect.accepted != (None,))


def _show_gold_criterion(g: GoldCriterion) -> str:
    return (f"{g.tier} {'/'.join(sorted(g.roles))} {'/'.join(sorted(g.kinds))} "
            f"{_expectations_text(g.fields)} @ {g.cited_in[0].split('/', 1)[1]}: {_short(g.text)}")


def _show_criterion(e: _Keyed) -> str:
    c: Criterion = e.record
    readings = {
        f.name: getattr(c, f.name)
        for f in fields(c)
        if f.name in ("max_age", "min_degree", "min_professional_rank", "employment", "within_years",
                      "min_amount", "discretionary", "age_is_usual", "age_limits", "min_service_days_per_year",
                      "min_service_months", "unread", "unread_alternatives")
        and getattr(c, f.name) not in (None, (), False)
    }
    shown = " ".join(f"{k}={v.name if hasattr(v, 'name') and not isinstance(v, tuple) else v}" for k, v in readings.items())
    return f"{e.tier} {c.role.value} {c.kind.value} {shown} @ {c.cited_in.split('/', 1)[-1]}: {_short(c.text)}"


def _show_gold_benefit(g: GoldBenefit) -> str:
    return f"{g.tier} {'/'.join(sorted(g.kinds))} {_expectations_text(g.fields)} @ {g.cited_in[0].split('/', 1)[1]}"


def _show_benefit(e: _Keyed) -> str:
    b: Benefit = e.record
    money = {
        name: getattr(b, name)
        for name in ("amount_max", "amount_min", "cap_ratio", "installments", "installment_share", "amount_levels")
        if getattr(b, name) not in (None, ())
    }
    money_text = " ".join(f"{k}={v}" for k, v in money.items())
    return (f"{e.tier} {b.kind.value} {money_text} period={b.period.value} recipient={b.recipient.value} "
            f"@ {b.cited_in.split('/', 1)[-1]}: {_short(b.name, 20)}")


def _show_gold_rule(g: GoldRule) -> str:
    governs = " | ".join("{" + ", ".join("/".join(k) for k in sorted(alt)) + "}" for alt in g.governs)
    return f"{'/'.join(sorted(g.kinds))} @ {g.cited_in[0].split('/', 1)[1]} governs {governs or '(not compared)'}"


def _show_rule(e: _Rule) -> str:
    governs = ", ".join("/".join(k) for k in sorted(e.governs))
    return f"{e.record.kind.value} @ {e.record.cited_in.split('/', 1)[-1]} governs {{{governs}}}: {_short(e.record.text, 30)}"


# --- running the extractor ------------------------------------------------------------------


def parse(path: Path) -> ParsedDocument:
    from ingest.documents import parse_file

    return parse_file(path)


@cache
def _context() -> tuple[Any, Any]:
    from graphapi.domain.entities import EntityResolver
    from graphapi.domain.regions import default_regions

    return EntityResolver.default(), default_regions()


def extract(path: Path) -> Facts:
    """Run the extractor on one document (imported lazily: it is developed separately)."""
    from ingest.facts import extract as extract_facts

    resolver, regions = _context()
    return extract_facts(parse(path), resolver, regions)


def evaluate_document(gold: Gold) -> DocumentReport:
    """Extract the gold's document and score it; a failing extractor scores as empty facts."""
    try:
        facts = extract(gold.source)
    except Exception as error:  # noqa: BLE001 - reported per document, the others still run
        report = evaluate(Facts(), gold)
        report.error = f"{type(error).__name__}: {error}"
        return report
    return evaluate(facts, gold)


def run(golds: Sequence[Gold], label: str) -> QualityReport:
    return QualityReport(label, [evaluate_document(gold) for gold in golds])


def printed(report: QualityReport) -> QualityReport:
    """The report, its table printed (seen with `pytest -s`); fails when the extractor did."""
    print()
    print(report.table())
    assert report.errors == {}, f"the extractor failed: {report.errors}"
    return report


def below_floors(report: QualityReport, floors: Mapping[str, tuple[float, float]]) -> list[str]:
    """The kinds whose precision or recall is under its (precision, recall) floor."""
    totals = report.totals()
    return [
        f"{kind}: precision {_ratio(s.precision)} < {p} or recall {_ratio(s.recall)} < {r}"
        for kind, (p, r) in floors.items()
        if (s := totals[kind]).precision is None or s.precision < p or s.recall is None or s.recall < r
    ]


def below_counts(report: QualityReport, figures: Mapping[str, tuple[int, int, int]]) -> list[str]:
    """The kinds below figures kept as (TP, extracted, gold) counts; the gold must be the same."""
    totals = report.totals()
    low = []
    for kind, (tp, extracted, gold) in figures.items():
        s = totals[kind]
        if s.gold != gold:
            low.append(f"{kind}: the gold has {s.gold} facts, the figures were measured on {gold}")
            continue
        if s.tp < tp:  # recall: the gold is the same, so fewer true positives is lower recall
            low.append(f"{kind}: recall {s.tp}/{s.gold} < {tp}/{gold}")
        # precision; where nothing was extracted (succession), anything extracted is spurious
        floor = tp / extracted if extracted else 1.0
        if s.extracted and s.tp / s.extracted < floor:
            low.append(f"{kind}: precision {s.tp}/{s.extracted} < {tp}/{extracted or 0}")
    return low


class TextSet:
    """Test-only documents of the genre: `directory`/texts/*.txt, their gold in `directory`/gold.
    Extraction runs once per set and document, however many tests ask."""

    def __init__(self, directory: Path, label: str) -> None:
        self.directory = directory
        self.label = label

    @cached_property
    def golds(self) -> dict[str, Gold]:
        return {g.source.name: g for g in load_dir(self.directory / "gold")}

    @cached_property
    def report(self) -> QualityReport:
        return run(list(self.golds.values()), self.label)

    @cached_property
    def _facts(self) -> dict[str, Facts]:
        return {}

    def facts_of(self, name: str) -> Facts:
        if name not in self._facts:
            self._facts[name] = extract(self.golds[name].source)
        return self._facts[name]

    def gold_problems(self) -> list[str]:
        """Texts without gold (or gold without its text), gold citing provisions the parser does
        not give, and gold naming entities the gazetteer does not have."""
        texts = sorted(p.name for p in (self.directory / "texts").glob("*.txt"))
        problems = [] if sorted(self.golds) == texts else [f"texts {texts} but gold for {sorted(self.golds)}"]
        catalog = Catalog.from_yaml()
        for gold in self.golds.values():
            provisions = {p.id for policy in parse(gold.source).policies for p in policy.provisions}
            problems += [f"{gold.name}: no provision {i}" for i in sorted(gold.provision_ids - provisions)]
            problems += [f"{gold.name}: no entity {i}" for i in sorted(gold.entity_ids) if catalog.get(i) is None]
        return problems

    def printed_report(self) -> QualityReport:
        return printed(self.report)


def corpus_report() -> QualityReport:
    return run(load_dir(CORPUS_GOLD_DIR), "corpus (data/policies, gold in data/gold)")


def unseen_report() -> QualityReport:
    return run(load_dir(UNSEEN_GOLD_DIR), "unseen texts (tests/extract/texts, gold in tests/extract/gold_unseen)")


def heldout_report() -> QualityReport:
    return run(load_dir(UNSEEN_GOLD_DIR.parent / "heldout" / "gold"), "held-out texts (tests/extract/heldout)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision and recall of fact extraction against gold facts.")
    parser.add_argument("--details", action="store_true", help="list every missed and every spurious fact")
    args = parser.parse_args(argv)
    for report in (corpus_report(), unseen_report(), heldout_report()):
        print(report.table())
        if args.details:
            print(report.details())
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
