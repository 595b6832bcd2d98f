"""Duplicate enjoyment (重复享受): apply the stacking rules to each person's claims.

A rule *covers* a claim directly when it governs the claim's benefit, tier or program. Some
rules also *reach* claims under other programs, as their wording says:

- HIGHEST_ONLY (从高从优、不重复享受) and BAR (培养期内不得再申请…) reach the other programs
  named by their scope — its levels (国家级、省级和市级; 市级及以下) and benefit kinds
  (人才培养类专项资助 -> TRAINING_FUNDS), read by `read_scope`; without a scope they reach nothing
  beyond what they govern (a BAR also reaches what its `prior` names);
- STACKABLE (可同时享受…其它政策待遇) reaches the other programs within its scope, or all of them
  when it governs a program or tier and states no scope;
- NOT_AGAIN (已享受…不再重复享受) pairs the claims it governs with those named in `prior`.
With a `RegionTree`, a reached program must also lie in the same line of regions as the
covered one (国家 ⊃ 云南省 ⊃ 昆明市 ⊃ 官渡区; 深圳市 is not in 官渡区's line).

How each kind decides a person's covered claims:

- HIGHEST_ONLY: claims of the same benefit kind (the same treatment twice) are reduced to the
  most favourable; different benefits of one tier are granted together and are not compared;
  non-cash SERVICE benefits are only compared with themselves (the kind is too coarse);
- EXCLUSIVE (A与B不重复享受): claims on different sides of the rule (its governed benefit
  kinds, or its governed tiers/programs) are reduced to the most favourable;
- NOT_AGAIN and BAR: the later claim is a violation and is set aside;
- TOP_UP (补差发放): the same benefit kind under a lower and a higher tier of one program pays
  the difference;
- STACKABLE: the pair is allowed.

Most favourable = highest amount (the claim's amount, else the benefit's computed amount),
then higher level, then higher tier, then input order. Pairs of a person's claims under
different tiers that no rule addresses are reported as `uncovered`, and pairs on which one rule
allows what another restricts as `rule_conflicts` — neither is resolved by invention.

Work is linear in the number of claims: rules are found through `Knowledge.rules_governing`
(indexed by governed id), amounts are computed once per benefit, and pairs are only formed
inside one person's claims.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from graphapi.domain import explain
from graphapi.domain.amounts import Amount, compute
from graphapi.domain.knowledge import Knowledge
from graphapi.domain.model import (
    LEVEL_ORDER,
    Benefit,
    BenefitKind,
    Level,
    Program,
    StackingKind,
    StackingRule,
    Tier,
)
from graphapi.domain.profile import Claim
from graphapi.domain.regions import RegionTree

MAX_CLAIMS_PER_PERSON = 200
"""Uncovered pairs grow with the square of one person's claims; beyond this it is bad input."""


class UnknownBenefits(LookupError):
    """Claims name benefit ids that are not known."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = sorted(set(ids))
        super().__init__(f"unknown benefit ids: {', '.join(self.ids)}")


class InvalidClaims(ValueError):
    """Claims that cannot be checked as given (negative amounts, too many for one person)."""


class Verdict(StrEnum):
    SET_ASIDE = "SET_ASIDE"  # HIGHEST_ONLY / EXCLUSIVE: the most favourable is kept
    VIOLATION = "VIOLATION"  # NOT_AGAIN / BAR
    TOP_UP = "TOP_UP"  # only the difference is paid
    ALLOWED = "ALLOWED"  # STACKABLE


@dataclass(frozen=True, slots=True)
class Conflict:
    """What one rule decides about some of one person's claims."""

    person: str
    rule: StackingRule
    verdict: Verdict
    claims: tuple[Claim, ...]  # the claims the decision is about
    kept: Claim | None
    set_aside: tuple[Claim, ...]
    explanation: str
    citation: str  # provision id
    difference: float | None = None  # TOP_UP: what remains to be paid
    disputed: bool = False  # another rule allows what this one restricts (see rule_conflicts)


@dataclass(frozen=True, slots=True)
class UncoveredPair:
    person: str
    claims: tuple[Claim, Claim]
    explanation: str  # 未找到适用的不重复享受规定


@dataclass(frozen=True, slots=True)
class RuleConflict:
    person: str
    claims: tuple[Claim, Claim]
    rules: tuple[StackingRule, ...]
    explanation: str
    citations: tuple[str, ...]


@dataclass(slots=True)
class DuplicateReport:
    checked_claims: int
    conflicts: list[Conflict] = field(default_factory=list)
    uncovered: list[UncoveredPair] = field(default_factory=list)
    rule_conflicts: list[RuleConflict] = field(default_factory=list)


# --- scope -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scope:
    levels: frozenset[Level] | None  # None: any level
    kinds: frozenset[BenefitKind] | None  # None: any kind


_LEVEL_WORDS = (
    ("国家级", Level.NATIONAL),
    ("省部级", Level.PROVINCIAL),
    ("省级", Level.PROVINCIAL),
    ("州市级", Level.MUNICIPAL),
    ("市级", Level.MUNICIPAL),
    ("区县级", Level.DISTRICT),
    ("县区级", Level.DISTRICT),
    ("区级", Level.DISTRICT),
    ("县级", Level.DISTRICT),
)
_KIND_WORDS = (
    (re.compile(r"培养[^，。；、]{0,8}(资助|经费|支持)"), BenefitKind.TRAINING_FUNDS),
    (re.compile(r"项目(经费|资助)|科研经费"), BenefitKind.PROJECT_FUNDING),
    (re.compile(r"购房|住房补贴|安家"), BenefitKind.HOUSING_SUBSIDY),
    (re.compile(r"生活补贴|生活补助"), BenefitKind.LIVING_ALLOWANCE),
    (re.compile(r"岗位津贴"), BenefitKind.POST_ALLOWANCE),
    (re.compile(r"培育奖励|入选奖励"), BenefitKind.SELECTION_BONUS),
    (re.compile(r"引才奖励|伯乐"), BenefitKind.RECRUITER_REWARD),
    (re.compile(r"创业(支持|资助|补贴)"), BenefitKind.STARTUP_SUPPORT),
)


def read_scope(text: str | None) -> Scope:
    """The levels and benefit kinds a scope as written speaks of.

    国家级、省级和市级重点人才工程 -> {NATIONAL, PROVINCIAL, MUNICIPAL}, any kind;
    市级及以下其他人才培养类专项资助 -> {MUNICIPAL, DISTRICT}, {TRAINING_FUNDS}.
    """
    if not text:
        return Scope(None, None)
    levels: set[Level] = set()
    taken = [False] * len(text)
    for word, level in _LEVEL_WORDS:
        for match in re.finditer(word, text):
            if any(taken[match.start() : match.end()]):
                continue
            for i in range(match.start(), match.end()):
                taken[i] = True
            after = text[match.end() : match.end() + 3]
            order = LEVEL_ORDER[level]
            if after.startswith(("及以下", "以下")):
                levels.update(lv for lv, o in LEVEL_ORDER.items() if o <= order)
            elif after.startswith(("及以上", "以上")):
                levels.update(lv for lv, o in LEVEL_ORDER.items() if o >= order)
            else:
                levels.add(level)
    kinds = {kind for pattern, kind in _KIND_WORDS if pattern.search(text)}
    return Scope(frozenset(levels) or None, frozenset(kinds) or None)


# --- claims with what they refer to ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Referent:
    """What a benefit id refers to, looked up once per benefit."""

    benefit: Benefit
    tier: Tier | None
    program: Program | None
    amount: Amount
    ids: tuple[str, ...]  # benefit, tier and program ids: what a rule may govern
    rules: tuple[tuple[StackingRule, str], ...]  # rules governing one of `ids`, with the id they name
    level: int  # LEVEL_ORDER of the tier (else the program)
    tier_id: str
    program_id: str | None


@dataclass(frozen=True, slots=True)
class _Entry:
    index: int  # position in the input
    claim: Claim
    referent: _Referent
    value: float  # the amount compared: the claim's, else the computed one

    @property
    def benefit(self) -> Benefit:
        return self.referent.benefit

    @property
    def tier(self) -> Tier | None:
        return self.referent.tier

    @property
    def program(self) -> Program | None:
        return self.referent.program

    @property
    def amount(self) -> Amount:
        return self.referent.amount

    @property
    def ids(self) -> tuple[str, ...]:
        return self.referent.ids

    @property
    def level(self) -> int:
        return self.referent.level

    @property
    def tier_id(self) -> str:
        return self.referent.tier_id

    @property
    def program_id(self) -> str | None:
        return self.referent.program_id


def _favourable(entry: _Entry) -> tuple:
    return (-entry.value, -entry.level, entry.tier.rank if entry.tier else 0, entry.index)


class _Resolver:
    """Everything needed to decide one person's claims; amounts are cached across persons."""

    def __init__(
        self, knowledge: Knowledge, regions: RegionTree | None, amounts: Mapping[str, Amount]
    ) -> None:
        self.knowledge = knowledge
        self.regions = regions
        self._amounts = amounts
        self._referents: dict[str, _Referent] = {}
        self._scopes: dict[str, Scope] = {}
        self._related: dict[tuple[str, str], bool] = {}
        self._labels: dict[tuple[str, bool], str] = {}

    def entry(self, index: int, claim: Claim) -> _Entry:
        referent = self._referents.get(claim.benefit_id)
        if referent is None:
            referent = self._referents[claim.benefit_id] = self._refer(claim.benefit_id)
        value = claim.amount if claim.amount is not None else referent.amount.value
        return _Entry(index, claim, referent, value)

    def _refer(self, benefit_id: str) -> _Referent:
        benefit = self.knowledge.benefit(benefit_id)
        assert benefit is not None
        amount = self._amounts.get(benefit_id) or compute(benefit)
        tier = self.knowledge.tier_of_benefit(benefit)
        program = self.knowledge.program_of_tier(tier) if tier else None
        ids = tuple(i for i in (benefit.id, tier and tier.id, program and program.id) if i)
        rules: dict[str, tuple[StackingRule, str]] = {}
        for target in ids:  # the most specific id first: benefit, then tier, then program
            for rule in self.knowledge.rules_governing(target):
                rules.setdefault(rule.id, (rule, target))
        level = (tier.level if tier else None) or (program.level if program else None)
        return _Referent(
            benefit,
            tier,
            program,
            amount,
            ids,
            tuple(rules.values()),
            LEVEL_ORDER.get(level, 0) if level else 0,
            tier.id if tier else benefit.tier_id,
            program.id if program else None,
        )

    def label(self, benefit: Benefit, qualified: bool) -> str:
        key = (benefit.id, qualified)
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = explain.benefit_label(self.knowledge, benefit, qualified=qualified)
        return label

    def scope(self, rule: StackingRule) -> Scope:
        scope = self._scopes.get(rule.id)
        if scope is None:
            scope = self._scopes[rule.id] = read_scope(rule.scope)
        return scope

    def related(self, first: Program | None, second: Program | None) -> bool:
        """Both programs lie in one line of regions (one contains the other), or we cannot tell."""
        if self.regions is None or first is None or second is None:
            return True
        key = (first.id, second.id)
        known = self._related.get(key)
        if known is None:
            known = self._related[key] = self._in_line(first, second)
        return known

    def _in_line(self, first: Program, second: Program) -> bool:
        assert self.regions is not None
        found = []
        for program in (first, second):
            if not program.region or program.level in (Level.NATIONAL, Level.INTERNATIONAL):
                return True
            region = self.regions.find(program.region)
            if region is None:
                return True
            found.append(region.id)
        return self.regions.contains(found[0], found[1]) or self.regions.contains(found[1], found[0])


# --- the check ---------------------------------------------------------------------------------


def check(
    claims: Sequence[Claim],
    knowledge: Knowledge,
    regions: RegionTree | None = None,
    amounts: Mapping[str, Amount] | None = None,
) -> DuplicateReport:
    """Apply every stacking rule to each person's claims; see the module docstring.

    `amounts` (by benefit id) replaces the computed amount of a benefit, e.g. a housing subsidy
    already capped by the person's house price; a claim's own amount still comes first.
    """
    unknown = [c.benefit_id for c in claims if knowledge.benefit(c.benefit_id) is None]
    if unknown:
        raise UnknownBenefits(unknown)
    negative = [c for c in claims if c.amount is not None and c.amount < 0]
    if negative:
        raise InvalidClaims(
            f"claim amounts must not be negative: {negative[0].person} / {negative[0].benefit_id} "
            f"has {negative[0].amount}"
        )
    by_person: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        by_person[claim.person].append(index)
    crowded = [(p, len(ix)) for p, ix in by_person.items() if len(ix) > MAX_CLAIMS_PER_PERSON]
    if crowded:
        person, count = crowded[0]
        raise InvalidClaims(
            f"person {person!r} has {count} claims; at most {MAX_CLAIMS_PER_PERSON} per person can be checked"
        )

    resolver = _Resolver(knowledge, regions, amounts or {})
    report = DuplicateReport(checked_claims=len(claims))
    # What the rules decide depends only on the sequence of (benefit, amount) a person claims, so
    # persons with the same sequence share one decision (batches repeat a few patterns).
    decided: dict[tuple[tuple[str, float | None], ...], _Decided] = {}
    for person, indexes in by_person.items():
        if len(indexes) < 2:
            continue  # a rule decides between claims: one claim alone has nothing to compare
        own = [claims[i] for i in indexes]
        signature = tuple((c.benefit_id, c.amount) for c in own)
        decision = decided.get(signature)
        if decision is None:
            entries = [resolver.entry(position, claim) for position, claim in enumerate(own)]
            decision = decided[signature] = _decide(entries, resolver)
        decision.report(person, own, report)
    return report


@dataclass(frozen=True, slots=True)
class _Found:
    """A Conflict with claims given by their position among one person's claims."""

    rule: StackingRule
    verdict: Verdict
    claims: tuple[int, ...]
    kept: int | None
    set_aside: tuple[int, ...]
    explanation: str
    difference: float | None = None
    disputed: bool = False


@dataclass(slots=True)
class _Decided:
    conflicts: list[_Found] = field(default_factory=list)
    uncovered: list[tuple[int, int, str]] = field(default_factory=list)
    rule_conflicts: list[tuple[int, int, tuple[StackingRule, ...], str]] = field(default_factory=list)

    def report(self, person: str, claims: list[Claim], report: DuplicateReport) -> None:
        for found in self.conflicts:
            report.conflicts.append(
                Conflict(
                    person,
                    found.rule,
                    found.verdict,
                    tuple(claims[i] for i in found.claims),
                    None if found.kept is None else claims[found.kept],
                    tuple(claims[i] for i in found.set_aside),
                    found.explanation,
                    found.rule.cited_in,
                    found.difference,
                    found.disputed,
                )
            )
        for first, second, explanation in self.uncovered:
            report.uncovered.append(UncoveredPair(person, (claims[first], claims[second]), explanation))
        for first, second, rules, explanation in self.rule_conflicts:
            citations = tuple(dict.fromkeys(rule.cited_in for rule in rules))
            report.rule_conflicts.append(
                RuleConflict(person, (claims[first], claims[second]), rules, explanation, citations)
            )


_ALLOW, _RESTRICT, _TOP_UP = "allow", "restrict", "top_up"  # what a rule says about a pair
_VERDICT_WORDS = {_ALLOW: "规定可同时享受", _RESTRICT: "规定不重复享受", _TOP_UP: "规定补差发放"}


def _decide(entries: list[_Entry], resolver: _Resolver) -> _Decided:
    """Apply every rule that governs one of the entries; entries' indexes are their positions."""
    knowledge = resolver.knowledge
    direct: dict[str, list[_Entry]] = {}  # rule id -> entries it governs, in input order
    matched_by: dict[tuple[str, int], str] = {}  # (rule id, entry index) -> governed id it matched
    rules: dict[str, StackingRule] = {}
    for entry in entries:
        for rule, target in entry.referent.rules:
            rules.setdefault(rule.id, rule)
            matched_by[(rule.id, entry.index)] = target
            direct.setdefault(rule.id, []).append(entry)

    verdicts: dict[tuple[int, int], list[tuple[StackingRule, str]]] = defaultdict(list)
    decisions: list[_Decision] = []
    for rule_id in sorted(rules):
        rule = rules[rule_id]
        governed = direct[rule_id]
        others = [e for e in entries if (rule_id, e.index) not in matched_by]
        for decision in _DECIDERS[rule.kind](rule, governed, others, resolver, matched_by):
            decisions.append(decision)
            _, pairs, verdict = decision
            for first, second in pairs:
                verdicts[_pair(first, second)].append((rule, verdict))

    decided = _Decided()
    disputed: set[tuple[int, int]] = set()
    for pair, said in verdicts.items():
        kinds = {verdict for _, verdict in said}
        if _ALLOW not in kinds or not kinds - {_ALLOW}:
            continue
        disputed.add(pair)
        involved = list({rule.id: (rule, verdict) for rule, verdict in said}.values())
        names = _names(resolver, [entries[pair[0]], entries[pair[1]]])
        text = explain.rule_conflict(
            names[0],
            names[1],
            [knowledge.reference(rule.cited_in) for rule, _ in involved],
            [_VERDICT_WORDS[verdict] for _, verdict in involved],
        )
        decided.rule_conflicts.append((pair[0], pair[1], tuple(rule for rule, _ in involved), text))
    for found, pairs, verdict in decisions:
        if verdict != _ALLOW and any(_pair(a, b) in disputed for a, b in pairs):
            found = replace(
                found,
                disputed=True,
                explanation=explain.sentences([found.explanation, explain.disputed_note()]),
            )
        decided.conflicts.append(found)

    for a, first in enumerate(entries):
        for second in entries[a + 1 :]:
            same_benefit = first.benefit.id == second.benefit.id
            if first.tier_id == second.tier_id and not same_benefit:
                continue  # one tier's benefits are granted together
            if _pair(first, second) in verdicts:
                continue
            names = _names(resolver, [first, second])
            same_program = first.program_id is not None and first.program_id == second.program_id
            text = explain.uncovered(names[0], names[1], same_program=same_program, same_benefit=same_benefit)
            decided.uncovered.append((first.index, second.index, text))
    return decided


def _pair(first: _Entry, second: _Entry) -> tuple[int, int]:
    return (first.index, second.index) if first.index < second.index else (second.index, first.index)


def _names(resolver: _Resolver, entries: Sequence[_Entry]) -> list[str]:
    """Benefit names, with their tier when the entries span tiers."""
    qualified = len({e.tier_id for e in entries}) > 1
    return [resolver.label(e.benefit, qualified) for e in entries]


def _described(resolver: _Resolver, entries: Sequence[_Entry], all_entries: Sequence[_Entry]) -> list[str]:
    names = _names(resolver, all_entries)
    position = {e.index: i for i, e in enumerate(all_entries)}
    out = []
    for entry in entries:
        claimed = entry.claim.amount
        own = claimed is not None and abs(claimed - entry.amount.value) > 0.005
        amount = explain.yuan(claimed) if own else explain.amount_phrase(entry.amount)
        out.append(f"{names[position[entry.index]]}（{amount}）")
    return out


def _why(kept: _Entry, others: Sequence[_Entry]) -> str:
    higher_amount = all(kept.value > other.value for other in others)
    higher_level = all(kept.value >= o.value and kept.level > o.level for o in others)
    return explain.why_kept(higher_amount, higher_level)


# --- deciders, one per rule kind ----------------------------------------------------------------

_Decision = tuple[_Found, list[tuple[_Entry, _Entry]], str]


def _reach(
    rule: StackingRule,
    governed: list[_Entry],
    others: list[_Entry],
    resolver: _Resolver,
    *,
    default_all: bool,
) -> list[_Entry]:
    """Claims under other programs that the rule's scope (or prior) speaks of."""
    prior = set(rule.prior)
    scope = resolver.scope(rule)
    has_scope = rule.scope is not None and rule.scope.strip() != ""
    governed_programs = {e.program_id for e in governed}
    reached = []
    for entry in others:
        if prior and prior & set(entry.ids):
            reached.append(entry)
            continue
        if not has_scope and not default_all:
            continue
        if entry.program_id in governed_programs:
            continue
        level = (entry.program.level if entry.program else None) or (entry.tier.level if entry.tier else None)
        if scope.levels is not None and level not in scope.levels:
            continue
        if scope.kinds is not None and entry.benefit.kind not in scope.kinds:
            continue
        if not any(resolver.related(entry.program, g.program) for g in governed):
            continue
        reached.append(entry)
    return reached


def _same_treatment(first: _Entry, second: _Entry) -> bool:
    """The same benefit kind twice (for SERVICE: the same benefit); one tier's different benefits are not compared."""
    if first.benefit.id == second.benefit.id:
        return True
    if first.benefit.kind is not second.benefit.kind or first.benefit.kind is BenefitKind.SERVICE:
        return False
    return first.tier_id != second.tier_id


def _keep_best(
    rule: StackingRule,
    covered: list[_Entry],
    conflicts: Callable[[_Entry, _Entry], bool],
    resolver: _Resolver,
    verdict: Verdict = Verdict.SET_ASIDE,
) -> list[_Decision]:
    """Keep the most favourable; set aside what conflicts with a kept claim."""
    kept: list[_Entry] = []
    set_aside: dict[int, list[_Entry]] = defaultdict(list)
    for entry in sorted(covered, key=_favourable):
        blocker = next((k for k in kept if conflicts(k, entry)), None)
        if blocker is None:
            kept.append(entry)
        else:
            set_aside[blocker.index].append(entry)
    decisions = []
    knowledge = resolver.knowledge
    reference = knowledge.reference(rule.cited_in)
    for winner in kept:
        losers = set_aside.get(winner.index)
        if not losers:
            continue
        involved = [winner, *losers]
        kept_text = _described(resolver, [winner], involved)[0]
        if verdict is Verdict.VIOLATION:
            text = explain.violation(reference, rule.text, kept_text, _names(resolver, involved)[1:])
        else:
            text = explain.kept_and_set_aside(
                reference, rule.text, kept_text, _why(winner, losers), _names(resolver, involved)[1:]
            )
        decisions.append(
            (
                _Found(
                    rule,
                    verdict,
                    tuple(e.index for e in involved),
                    winner.index,
                    tuple(e.index for e in losers),
                    text,
                ),
                [(winner, loser) for loser in losers] + _pairs_among(losers, conflicts),
                _RESTRICT,
            )
        )
    return decisions


def _pairs_among(
    entries: list[_Entry], conflicts: Callable[[_Entry, _Entry], bool]
) -> list[tuple[_Entry, _Entry]]:
    return [(a, b) for i, a in enumerate(entries) for b in entries[i + 1 :] if conflicts(a, b)]


def _highest_only(rule, governed, others, resolver, matched_by) -> list[_Decision]:
    covered = governed + _reach(rule, governed, others, resolver, default_all=False)
    own = {e.index for e in governed}

    # A rule decides about what it governs: two claims it merely reaches are not its business.
    def conflicts(a: _Entry, b: _Entry) -> bool:
        return (a.index in own or b.index in own) and _same_treatment(a, b)

    return _keep_best(rule, covered, conflicts, resolver)


def _exclusive(rule, governed, others, resolver, matched_by) -> list[_Decision]:
    knowledge = resolver.knowledge
    governed_benefits = [knowledge.benefit(g) for g in rule.governs]
    one_kind = len({b.kind for b in governed_benefits if b is not None}) == 1 and all(governed_benefits)

    def side(entry: _Entry) -> str:
        target = matched_by[(rule.id, entry.index)]
        if target == entry.benefit.id:
            return f"benefit:{target}" if one_kind else f"kind:{entry.benefit.kind}"
        return f"id:{target}"

    sides = {e.index: side(e) for e in governed}
    return _keep_best(rule, governed, lambda a, b: sides[a.index] != sides[b.index], resolver)


def _not_again(rule, governed, others, resolver, matched_by) -> list[_Decision]:
    prior_ids = set(rule.prior)
    earlier = [e for e in others if prior_ids & set(e.ids)]
    if not prior_ids:
        return _keep_best(rule, governed, _same_treatment, resolver, Verdict.VIOLATION)
    if not earlier or not governed:
        return []
    knowledge = resolver.knowledge
    kept = min(earlier, key=_favourable)
    involved = [kept, *governed]
    kept_text = _described(resolver, [kept], involved)[0]
    text = explain.violation(
        knowledge.reference(rule.cited_in), rule.text, kept_text, _names(resolver, involved)[1:]
    )
    found = _Found(
        rule,
        Verdict.VIOLATION,
        tuple(e.index for e in involved),
        kept.index,
        tuple(e.index for e in governed),
        text,
    )
    return [(found, [(p, g) for p in earlier for g in governed], _RESTRICT)]


def _bar(rule, governed, others, resolver, matched_by) -> list[_Decision]:
    barred = _reach(rule, governed, others, resolver, default_all=False)
    if not barred or not governed:
        return []
    knowledge = resolver.knowledge
    kept = min(governed, key=_favourable)
    involved = [kept, *barred]
    kept_text = _names(resolver, involved)[0]
    text = explain.bar_violation(
        knowledge.reference(rule.cited_in), rule.text, kept_text, _names(resolver, involved)[1:]
    )
    found = _Found(
        rule,
        Verdict.VIOLATION,
        tuple(e.index for e in involved),
        kept.index,
        tuple(e.index for e in barred),
        text,
    )
    return [(found, [(g, b) for g in governed for b in barred], _RESTRICT)]


def _top_up(rule, governed, others, resolver, matched_by) -> list[_Decision]:
    groups: dict[tuple[str | None, BenefitKind], list[_Entry]] = defaultdict(list)
    for entry in governed:
        if entry.benefit.kind is not BenefitKind.SERVICE:
            groups[(entry.program_id, entry.benefit.kind)].append(entry)
    knowledge = resolver.knowledge
    decisions = []
    for group in groups.values():
        if len({e.tier_id for e in group}) < 2:
            continue
        higher = min(group, key=lambda e: (e.tier.rank if e.tier else 0, *_favourable(e)))
        lower = [e for e in group if e.tier_id != higher.tier_id]
        already = max(e.value for e in lower)
        difference = max(0.0, round(higher.value - already, 2))
        involved = [higher, *lower]
        names = _described(resolver, involved, involved)
        text = explain.top_up(
            knowledge.reference(rule.cited_in), rule.text, names[0], explain.listing(names[1:]), difference
        )
        found = _Found(
            rule,
            Verdict.TOP_UP,
            tuple(e.index for e in involved),
            higher.index,
            tuple(e.index for e in lower),
            text,
            difference,
        )
        decisions.append((found, [(higher, e) for e in lower], _TOP_UP))
    return decisions


def _stackable(rule, governed, others, resolver, matched_by) -> list[_Decision]:
    broad = any(matched_by[(rule.id, e.index)] != e.benefit.id for e in governed)
    reached = _reach(rule, governed, others, resolver, default_all=broad)
    pairs = [(g, r) for g in governed for r in reached]
    by_benefit = [e for e in governed if matched_by[(rule.id, e.index)] == e.benefit.id]
    pairs += [
        (a, b)
        for i, a in enumerate(by_benefit)
        for b in by_benefit[i + 1 :]
        if a.benefit.id != b.benefit.id and a.tier_id != b.tier_id
    ]
    if not pairs:
        return []
    knowledge = resolver.knowledge
    involved = list({e.index: e for pair in pairs for e in pair}.values())
    text = explain.allowed(knowledge.reference(rule.cited_in), rule.text, _names(resolver, involved))
    found = _Found(rule, Verdict.ALLOWED, tuple(e.index for e in involved), None, (), text)
    return [(found, pairs, _ALLOW)]


_DECIDERS: dict[StackingKind, Callable[..., list[_Decision]]] = {
    StackingKind.HIGHEST_ONLY: _highest_only,
    StackingKind.EXCLUSIVE: _exclusive,
    StackingKind.NOT_AGAIN: _not_again,
    StackingKind.BAR: _bar,
    StackingKind.TOP_UP: _top_up,
    StackingKind.STACKABLE: _stackable,
}
