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

- HIGHEST_ONLY: a governed claim is compared with the comparable claims it reaches under other
  programs — the same benefit kind, or two one-off rewards for being selected (培育奖励 and a
  一次性工作生活补贴 are both what 同时入选 pays) — and only the most favourable is kept. A rule
  with a scope (同时入选国家级、省级…的) speaks of other programs: it does not compare the tiers
  of one program, which is what moving up a tier (TOP_UP) is about. Without a scope it compares
  the claims it governs among themselves: the same benefit kind under different tiers. Different
  benefits of one tier are granted together; non-cash SERVICE benefits only match themselves;
- EXCLUSIVE (A与B不重复享受): claims on different sides of the rule (its governed benefit
  kinds, or its governed tiers/programs) are reduced to the most favourable;
- NOT_AGAIN and BAR: the later claim is a violation and is set aside;
- TOP_UP (补差发放): the same benefit kind under a lower and a higher tier of one program pays
  the difference;
- STACKABLE: the pair is allowed.

When rules disagree about a pair: where one allows and another restricts and both are of one
policy, the more specific rule of that policy applies (特别规定优于一般规定: a rule naming the benefit over one
naming its tier, over one naming its program) and the decision says which general rule gave way
(`prevails_over`). Any other disagreement — rules of different policies, equally specific rules,
a restriction against a top-up — is reported as a `RuleConflict` and both decisions are marked
`disputed`: it is not resolved by invention. Pairs of a person's claims under different tiers
that no rule addresses are reported as `uncovered`.

Most favourable = highest amount (the claim's amount, at most the benefit's cap, else the
benefit's computed amount), then higher level, then higher tier, then input order. A claimed
amount above what the benefit can pay is reported in `over_cap`.

Work is linear in the number of claims: what a benefit refers to and which rules govern it are
computed once per benefit, a rule's scope once per rule, and whether a rule reaches a claim is a
few constant-time tests on those; pairs are only formed inside one person's claims, and persons
claiming the same sequence share one decision.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
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
    Period,
    Program,
    Recipient,
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


RESTRICTING = frozenset({Verdict.SET_ASIDE, Verdict.VIOLATION, Verdict.TOP_UP})
"""Verdicts that keep a claim from being paid in full."""
REFUSING = frozenset({Verdict.SET_ASIDE, Verdict.VIOLATION})
"""Verdicts that set claims aside or refuse them (a top-up still pays the difference)."""


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
    disputed: bool = False  # another rule says otherwise about these claims (see rule_conflicts)
    prevails_over: tuple[StackingRule, ...] = ()  # general rules this specific one sets aside here


@dataclass(frozen=True, slots=True)
class UncoveredPair:
    person: str
    claims: tuple[Claim, Claim]
    names: tuple[str, str]  # the benefits as the explanation names them
    same_program: bool = False

    @property
    def explanation(self) -> str:
        """未找到适用的不重复享受规定… (worded when asked: a batch can hold a great many pairs)."""
        same_benefit = self.claims[0].benefit_id == self.claims[1].benefit_id
        return explain.uncovered(*self.names, same_program=self.same_program, same_benefit=same_benefit)


@dataclass(frozen=True, slots=True)
class RuleConflict:
    person: str
    claims: tuple[Claim, Claim]
    rules: tuple[StackingRule, ...]
    explanation: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OverCap:
    """A claimed amount above what the benefit can pay (its cap, or its stated amount)."""

    person: str
    claim: Claim
    cap: float  # yuan; per year when `per_year`
    per_year: bool  # a yearly benefit whose text states no duration: the cap is one year's
    explanation: str
    citation: str  # provision id of the benefit

    @property
    def excess(self) -> float:
        return round((self.claim.amount or 0.0) - self.cap, 2)


@dataclass(slots=True)
class DuplicateReport:
    checked_claims: int
    conflicts: list[Conflict] = field(default_factory=list)
    uncovered: list[UncoveredPair] = field(default_factory=list)
    rule_conflicts: list[RuleConflict] = field(default_factory=list)
    over_cap: list[OverCap] = field(default_factory=list)
    persons: int = 0  # distinct persons among the claims

    def summary(self) -> Summary:
        verdicts = Counter(c.verdict for c in self.conflicts)
        return Summary(
            persons=self.persons,
            persons_with_conflicts=len({c.person for c in self.conflicts if c.verdict in RESTRICTING}),
            conflicts=len(self.conflicts),
            by_verdict={v: verdicts[v] for v in Verdict if verdicts[v]},
            claims_set_aside=sum(len(c.set_aside) for c in self.conflicts if c.verdict in REFUSING),
            uncovered=len(self.uncovered),
            rule_conflicts=len(self.rule_conflicts),
            over_cap=len(self.over_cap),
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts over a whole report."""

    persons: int  # distinct persons among the claims
    persons_with_conflicts: int  # persons with a claim set aside, barred or topped up (RESTRICTING)
    conflicts: int
    by_verdict: Mapping[Verdict, int]  # in Verdict order; verdicts that occur
    claims_set_aside: int  # claims set aside or refused (REFUSING)
    uncovered: int
    rule_conflicts: int
    over_cap: int


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


def _has_scope(rule: StackingRule) -> bool:
    """The rule states a scope (同时入选国家级、省级…的): it speaks of other programs."""
    return bool(rule.scope and rule.scope.strip())


# --- claims with what they refer to ------------------------------------------------------------

# How specifically a rule names a claim (特别规定优于一般规定): by its benefit, tier or program.
_BENEFIT, _TIER, _PROGRAM = 3, 2, 1


@dataclass(frozen=True, slots=True)
class _Referent:
    """What a benefit id refers to, looked up once per benefit."""

    benefit: Benefit
    tier: Tier | None
    program: Program | None
    amount: Amount
    ids: tuple[str, ...]  # benefit, tier and program ids: what a rule may govern
    rules: tuple[tuple[StackingRule, str, int], ...]  # governing rules, the id they name, how specifically
    level: int  # LEVEL_ORDER of the tier (else the program)
    program_level: Level | None  # the program's level (else the tier's): what a scope names
    rank: int  # the tier's rank (0 without a tier)
    tier_id: str
    program_id: str | None
    cap: float | None  # the most one claim can ask (None: the text states no amount)
    selection_reward: bool  # a one-off personal reward for being selected (培育奖励, 一次性补贴)
    line: tuple[str, frozenset[str]] | None  # the program's region and those enclosing it; None: any
    name: str  # the benefit's name, and with its program and tier:
    full_name: str


@dataclass(frozen=True, slots=True)
class _Entry:
    index: int  # position among the person's claims
    claim: Claim
    referent: _Referent
    value: float  # the amount compared: the claim's (at most the cap), else the computed one


def _favourable(entry: _Entry) -> tuple:
    return (-entry.value, -entry.referent.level, entry.referent.rank, entry.index)


def _selection_reward(benefit: Benefit) -> bool:
    if benefit.recipient is not Recipient.PERSON:
        return False
    return benefit.kind is BenefitKind.SELECTION_BONUS or (
        benefit.kind is BenefitKind.LIVING_ALLOWANCE and benefit.period is Period.ONE_OFF
    )


# What `_reach` decides about one claim, independently of the other claims of the person:
_NOT, _ALWAYS, _IF_RELATED = 0, 1, 2


class _Resolver:
    """Everything needed to decide one person's claims, computed once per benefit or rule."""

    def __init__(
        self, knowledge: Knowledge, regions: RegionTree | None, amounts: Mapping[str, Amount]
    ) -> None:
        self.knowledge = knowledge
        self.regions = regions
        self._amounts = amounts
        self._referents: dict[str, _Referent] = {}
        self._scopes: dict[str, Scope] = {}
        self._lines: dict[str, tuple[str, frozenset[str]] | None] = {}

    def referent(self, benefit_id: str) -> _Referent:
        referent = self._referents.get(benefit_id)
        if referent is None:
            referent = self._referents[benefit_id] = self._refer(benefit_id)
        return referent

    def entry(self, index: int, claim: Claim) -> _Entry:
        referent = self.referent(claim.benefit_id)
        amount = claim.amount
        if amount is None:
            value = referent.amount.value
        else:
            value = amount if referent.cap is None or amount <= referent.cap else referent.cap
        return _Entry(index, claim, referent, value)

    def _refer(self, benefit_id: str) -> _Referent:
        benefit = self.knowledge.benefit(benefit_id)
        assert benefit is not None
        amount = self._amounts.get(benefit_id) or compute(benefit)
        tier = self.knowledge.tier_of_benefit(benefit)
        program = self.knowledge.program_of_tier(tier) if tier else None
        named = ((benefit.id, _BENEFIT), (tier and tier.id, _TIER), (program and program.id, _PROGRAM))
        ids = tuple(i for i, _ in named if i)
        rules: dict[str, tuple[StackingRule, str, int]] = {}
        for target, specificity in named:  # the most specific id first: benefit, then tier, then program
            if target:
                for rule in self.knowledge.rules_governing(target):
                    rules.setdefault(rule.id, (rule, target, specificity))
        level = (tier.level if tier else None) or (program.level if program else None)
        cap = amount.total if amount.cash and amount.total is not None else None
        full_name = explain.benefit_label(self.knowledge, benefit, qualified=True)
        return _Referent(
            benefit,
            tier,
            program,
            amount,
            ids,
            tuple(rules.values()),
            LEVEL_ORDER.get(level, 0) if level else 0,
            (program.level if program else None) or (tier.level if tier else None),
            tier.rank if tier else 0,
            tier.id if tier else benefit.tier_id,
            program.id if program else None,
            cap,
            _selection_reward(benefit),
            self._line(program) if program else None,
            benefit.name,
            full_name,
        )

    def scope(self, rule: StackingRule) -> Scope:
        scope = self._scopes.get(rule.id)
        if scope is None:
            scope = self._scopes[rule.id] = read_scope(rule.scope)
        return scope

    def reach(self, rule: StackingRule, referent: _Referent, default_all: bool) -> int:
        """What `_reach` decides about one claim, whatever the person's other claims."""
        if rule.prior and any(target in referent.ids for target in rule.prior):
            return _ALWAYS
        if not default_all and not _has_scope(rule):
            return _NOT
        scope = self.scope(rule)
        if scope.levels is not None and referent.program_level not in scope.levels:
            return _NOT
        if scope.kinds is not None and referent.benefit.kind not in scope.kinds:
            return _NOT
        return _IF_RELATED

    def _line(self, program: Program) -> tuple[str, frozenset[str]] | None:
        """The program's region and the regions enclosing it; None for national programs or
        regions we cannot place (they relate to everything)."""
        if program.id in self._lines:
            return self._lines[program.id]
        line = None
        if self.regions is not None and program.region and program.level not in (Level.NATIONAL, Level.INTERNATIONAL):
            region = self.regions.find(program.region)
            if region is not None:
                line = (region.id, frozenset(r.id for r in self.regions.ancestors(region.id)))
        self._lines[program.id] = line
        return line


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
    amounts = amounts or {}
    benefit = knowledge.benefit
    unknown = [c.benefit_id for c in claims if benefit(c.benefit_id) is None]
    if unknown:
        raise UnknownBenefits(unknown)
    negative = next((c for c in claims if c.amount is not None and c.amount < 0), None)
    if negative is not None:
        raise InvalidClaims(
            f"claim amounts must not be negative: {negative.person} / {negative.benefit_id} "
            f"has {negative.amount}"
        )
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_person[claim.person].append(claim)
    crowded = next(((p, len(own)) for p, own in by_person.items() if len(own) > MAX_CLAIMS_PER_PERSON), None)
    if crowded:
        person, count = crowded
        raise InvalidClaims(
            f"person {person!r} has {count} claims; at most {MAX_CLAIMS_PER_PERSON} per person can be checked"
        )

    resolver = _Resolver(knowledge, regions, amounts)
    report = DuplicateReport(checked_claims=len(claims), persons=len(by_person))
    for claim in claims:
        if claim.amount is not None:
            referent = resolver.referent(claim.benefit_id)
            if referent.cap is not None and claim.amount > referent.cap + 0.005:
                report.over_cap.append(_over_cap(resolver, claim, referent))
    # What the rules decide depends only on the sequence of (benefit, amount) a person claims, so
    # persons with the same sequence share one decision (batches repeat a few patterns).
    decided: dict[tuple[tuple[str, float | None], ...], _Decided] = {}
    for person, own in by_person.items():
        if len(own) < 2:
            continue  # a rule decides between claims: one claim alone has nothing to compare
        signature = tuple((c.benefit_id, c.amount) for c in own)
        decision = decided.get(signature)
        if decision is None:
            entries = [resolver.entry(position, claim) for position, claim in enumerate(own)]
            decision = decided[signature] = _decide(entries, resolver)
        decision.report(person, own, report)
    return report


def _over_cap(resolver: _Resolver, claim: Claim, referent: _Referent) -> OverCap:
    assert claim.amount is not None and referent.cap is not None
    benefit = referent.benefit
    text = explain.over_cap(
        resolver.knowledge.reference(benefit.cited_in),
        referent.full_name,
        claim.amount,
        referent.cap,
        per_year=referent.amount.open_ended,
    )
    return OverCap(claim.person, claim, referent.cap, referent.amount.open_ended, text, benefit.cited_in)


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
    prevails_over: tuple[StackingRule, ...] = ()


@dataclass(slots=True)
class _Decided:
    conflicts: list[_Found] = field(default_factory=list)
    uncovered: list[tuple[int, int, tuple[str, str], bool]] = field(default_factory=list)
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
                    found.prevails_over,
                )
            )
        for first, second, names, same_program in self.uncovered:
            report.uncovered.append(UncoveredPair(person, (claims[first], claims[second]), names, same_program))
        for first, second, rules, explanation in self.rule_conflicts:
            citations = tuple(dict.fromkeys(rule.cited_in for rule in rules))
            report.rule_conflicts.append(
                RuleConflict(person, (claims[first], claims[second]), rules, explanation, citations)
            )


_ALLOW, _RESTRICT, _TOP_UP = "allow", "restrict", "top_up"  # what a rule says about a pair
_VERDICT_WORDS = {_ALLOW: "规定可同时享受", _RESTRICT: "规定不重复享受", _TOP_UP: "规定补差发放"}

_Pair = tuple[int, int]
_Decision = tuple[_Found, list[tuple[_Entry, _Entry]], str]
_Said = dict[_Pair, dict[str, tuple[StackingRule, str, int]]]  # pair -> rule id -> rule, verdict, specificity


def _decide(entries: list[_Entry], resolver: _Resolver) -> _Decided:
    """Apply every rule that governs one of the entries; entries' indexes are their positions."""
    governed: dict[str, list[_Entry]] = {}  # rule id -> entries it governs, in input order
    matched: dict[tuple[str, int], tuple[str, int]] = {}  # (rule id, entry) -> (governed id, specificity)
    rules: dict[str, StackingRule] = {}
    for entry in entries:
        for rule, target, specificity in entry.referent.rules:
            rules[rule.id] = rule
            matched[(rule.id, entry.index)] = (target, specificity)
            governed.setdefault(rule.id, []).append(entry)
    if not rules:
        return _only_uncovered(entries, {})

    def run(rule_id: str, excluded: frozenset[_Pair] = frozenset()) -> list[_Decision]:
        rule = rules[rule_id]
        others = [e for e in entries if (rule_id, e.index) not in matched]
        return _DECIDERS[rule.kind](rule, governed[rule_id], others, resolver, matched, excluded)

    decisions = {rule_id: run(rule_id) for rule_id in sorted(rules)}
    said, mixed = _what_is_said(decisions, matched)
    gave_way: dict[str, dict[_Pair, list[StackingRule]]] = {}
    if mixed:
        excluded, gave_way = _specific_over_general(said, mixed)
        if excluded:
            for rule_id, pairs in excluded.items():
                decisions[rule_id] = run(rule_id, frozenset(pairs))
            said, mixed = _what_is_said(decisions, matched)

    decided = _only_uncovered(entries, said)
    disputed: dict[_Pair, list[tuple[StackingRule, str]]] = {}
    for pair in sorted(mixed):
        involved = [(rule, verdict) for rule, verdict, _ in said[pair].values()]
        disputed[pair] = involved
        names = _names([entries[pair[0]], entries[pair[1]]])
        text = explain.rule_conflict(
            names[0],
            names[1],
            [resolver.knowledge.reference(rule.cited_in) for rule, _ in involved],
            [_VERDICT_WORDS[verdict] for _, verdict in involved],
        )
        decided.rule_conflicts.append((pair[0], pair[1], tuple(rule for rule, _ in involved), text))
    for rule_id, found_here in decisions.items():
        won = gave_way.get(rule_id)
        for found, pairs, verdict in found_here:
            if won or disputed:
                found = _annotated(resolver, found, verdict, {_pair(a, b) for a, b in pairs}, won or {}, disputed)
            decided.conflicts.append(found)
    return decided


def _what_is_said(
    decisions: Mapping[str, list[_Decision]], matched: Mapping[tuple[str, int], tuple[str, int]]
) -> tuple[_Said, set[_Pair]]:
    """What each rule says about each pair, and the pairs on which rules say different things."""
    said: _Said = {}
    mixed: set[_Pair] = set()
    none = ("", 0)
    for rule_id, found_here in decisions.items():
        for found, pairs, verdict in found_here:
            for first, second in pairs:
                pair = _pair(first, second)
                specificity = max(
                    matched.get((rule_id, first.index), none)[1], matched.get((rule_id, second.index), none)[1]
                )
                what = said.get(pair)
                if what is None:
                    said[pair] = {rule_id: (found.rule, verdict, specificity)}
                    continue
                if rule_id not in what:
                    if any(other != verdict for _, other, _ in what.values()):
                        mixed.add(pair)
                    what[rule_id] = (found.rule, verdict, specificity)
    return said, mixed


def _specific_over_general(
    said: _Said, mixed: set[_Pair]
) -> tuple[dict[str, set[_Pair]], dict[str, dict[_Pair, list[StackingRule]]]]:
    """特别规定优于一般规定: where rules of one policy allow and restrict the same pair, the more
    specific applies. Returns the pairs each general rule is to be decided without, and for each
    specific rule the general ones that gave way on each pair."""
    excluded: dict[str, set[_Pair]] = defaultdict(set)
    gave_way: dict[str, dict[_Pair, list[StackingRule]]] = defaultdict(dict)
    for pair in mixed:
        by_policy: dict[str, list[tuple[StackingRule, str, int]]] = defaultdict(list)
        for rule, verdict, specificity in said[pair].values():
            if verdict in (_ALLOW, _RESTRICT):
                by_policy[rule.policy_id].append((rule, verdict, specificity))
        for involved in by_policy.values():
            if len({v for _, v, _ in involved}) < 2:
                continue
            top = max(s for _, _, s in involved)
            winners = {v for _, v, s in involved if s == top}
            if len(winners) != 1:
                continue  # equally specific: a conflict for the office
            general = [r for r, v, _ in involved if v not in winners]
            for rule, verdict, _ in involved:
                if verdict in winners:
                    gave_way[rule.id][pair] = general
                else:
                    excluded[rule.id].add(pair)
    return excluded, gave_way


def _annotated(
    resolver: _Resolver,
    found: _Found,
    verdict: str,
    keys: set[_Pair],
    won: Mapping[_Pair, list[StackingRule]],
    disputed: Mapping[_Pair, list[tuple[StackingRule, str]]],
) -> _Found:
    """The decision with the general rules it prevailed over, and marked disputed where another
    rule says otherwise about its pairs."""
    over = {r.id: r for key in keys & won.keys() for r in won[key]}
    if over:
        general = list(over.values())
        found = replace(
            found,
            prevails_over=tuple(general),
            explanation=_with_note(resolver, found, _general_gives_way(resolver, general, verdict), general),
        )
    others = {
        other.id: (other, other_verdict)
        for key in keys & disputed.keys()
        for other, other_verdict in disputed[key]
        if other.id != found.rule.id
    }
    if others and verdict != _ALLOW:
        found = replace(
            found,
            disputed=True,
            explanation=_with_note(
                resolver, found, _disputed_by(resolver, list(others.values())), [r for r, _ in others.values()]
            ),
        )
    return found


def _with_note(resolver: _Resolver, found: _Found, note: str, others: list[StackingRule]) -> str:
    """The decision's explanation and a note naming other rules, each policy named in full once."""
    titles = [
        citation.title
        for rule in (found.rule, *others)
        if (citation := resolver.knowledge.citation(rule.cited_in)) is not None
    ]
    return explain.abbreviate(explain.sentences([found.explanation, note]), titles)


def _general_gives_way(resolver: _Resolver, general: list[StackingRule], verdict: str) -> str:
    references = [resolver.knowledge.reference(rule.cited_in) for rule in general]
    return explain.specific_prevails(references, general_allows=verdict != _ALLOW)


def _disputed_by(resolver: _Resolver, others: list[tuple[StackingRule, str]]) -> str:
    references = [resolver.knowledge.reference(rule.cited_in) for rule, _ in others]
    return explain.disputed_by(references, [_VERDICT_WORDS[verdict] for _, verdict in others])


def _only_uncovered(entries: list[_Entry], said: _Said) -> _Decided:
    decided = _Decided()
    for a, first in enumerate(entries):
        one = first.referent
        for second in entries[a + 1 :]:
            other = second.referent
            if one.tier_id == other.tier_id and one is not other:
                continue  # one tier's benefits are granted together
            if (first.index, second.index) in said:
                continue
            if one.tier_id == other.tier_id:
                names = (one.name, other.name)
            else:
                names = (one.full_name, other.full_name)
            same_program = one.program_id is not None and one.program_id == other.program_id
            decided.uncovered.append((first.index, second.index, names, same_program))
    return decided


def _pair(first: _Entry, second: _Entry) -> _Pair:
    return (first.index, second.index) if first.index < second.index else (second.index, first.index)


def _names(entries: Sequence[_Entry]) -> list[str]:
    """Benefit names, with their tier when the entries span tiers."""
    if len({e.referent.tier_id for e in entries}) > 1:
        return [e.referent.full_name for e in entries]
    return [e.referent.name for e in entries]


def _described(resolver: _Resolver, entries: Sequence[_Entry], all_entries: Sequence[_Entry]) -> list[str]:
    names = _names(all_entries)
    position = {e.index: i for i, e in enumerate(all_entries)}
    out = []
    for entry in entries:
        claimed = entry.claim.amount
        if claimed is not None and claimed - entry.value > 0.005:  # above the cap: counted at the cap
            amount = f"申报{explain.yuan(claimed)}，按上限{explain.yuan(entry.value)}计"
        elif claimed is not None and abs(claimed - entry.referent.amount.value) > 0.005:
            amount = explain.yuan(claimed)
        else:
            amount = explain.amount_phrase(entry.referent.amount)
        out.append(f"{names[position[entry.index]]}（{amount}）")
    return out


def _why(kept: _Entry, others: Sequence[_Entry]) -> str:
    higher_amount = all(kept.value > other.value for other in others)
    higher_level = all(kept.value >= o.value and kept.referent.level > o.referent.level for o in others)
    return explain.why_kept(higher_amount, higher_level)


# --- deciders, one per rule kind ----------------------------------------------------------------

def _reach(
    rule: StackingRule,
    governed: list[_Entry],
    others: list[_Entry],
    resolver: _Resolver,
    *,
    default_all: bool,
) -> list[_Entry]:
    """Claims under other programs that the rule's scope (or prior) speaks of."""
    reached = []
    lines: dict[str | None, tuple[str, frozenset[str]] | None] | None = None
    for entry in others:
        referent = entry.referent
        how = resolver.reach(rule, referent, default_all)
        if how == _NOT:
            continue
        if how == _IF_RELATED:
            if lines is None:
                lines = {e.referent.program_id: e.referent.line for e in governed}
            if referent.program_id in lines:
                continue
            line = referent.line
            if line is not None and not any(
                other is None or line[0] in other[1] or other[0] in line[1] for other in lines.values()
            ):
                continue  # not in the same line of regions as any governed claim
        reached.append(entry)
    return reached


def _same_treatment(first: _Entry, second: _Entry) -> bool:
    """The same benefit kind twice (for SERVICE: the same benefit); one tier's different benefits are not compared."""
    one, other = first.referent, second.referent
    if one is other:
        return True
    if one.benefit.kind is not other.benefit.kind or one.benefit.kind is BenefitKind.SERVICE:
        return False
    return one.tier_id != other.tier_id


def _comparable(first: _Entry, second: _Entry) -> bool:
    """Claims under different programs that are the same treatment twice: the same benefit kind
    (not a service, not an unread kind), or two one-off rewards for being selected."""
    one, other = first.referent, second.referent
    if one is other:
        return True
    kind = one.benefit.kind
    if kind is other.benefit.kind and kind not in (BenefitKind.SERVICE, BenefitKind.OTHER):
        return True
    return one.selection_reward and other.selection_reward


def _keep_best(
    rule: StackingRule,
    covered: list[_Entry],
    conflicts: Callable[[_Entry, _Entry], bool],
    resolver: _Resolver,
    excluded: frozenset[_Pair],
    verdict: Verdict = Verdict.SET_ASIDE,
) -> list[_Decision]:
    """Keep the most favourable; set aside what conflicts with a kept claim."""
    if excluded:
        bare = conflicts

        def conflicts(a: _Entry, b: _Entry) -> bool:
            return _pair(a, b) not in excluded and bare(a, b)

    kept: list[_Entry] = []
    set_aside: dict[int, list[_Entry]] = defaultdict(list)
    pairs: dict[int, list[tuple[_Entry, _Entry]]] = defaultdict(list)
    for entry in sorted(covered, key=_favourable):
        blockers = [k for k in kept if conflicts(k, entry)]
        if not blockers:
            kept.append(entry)
            continue
        set_aside[blockers[0].index].append(entry)
        pairs[blockers[0].index] += [(k, entry) for k in blockers]
    decisions = []
    reference = resolver.knowledge.reference(rule.cited_in)
    for winner in kept:
        losers = set_aside.get(winner.index)
        if not losers:
            continue
        involved = [winner, *losers]
        kept_text = _described(resolver, [winner], involved)[0]
        if verdict is Verdict.VIOLATION:
            text = explain.violation(reference, rule.text, kept_text, _names(involved)[1:])
        else:
            text = explain.kept_and_set_aside(
                reference, rule.text, kept_text, _why(winner, losers), _names(involved)[1:]
            )
        found = _Found(
            rule, verdict, tuple(e.index for e in involved), winner.index, tuple(e.index for e in losers), text
        )
        decisions.append((found, pairs[winner.index] + _pairs_among(losers, conflicts), _RESTRICT))
    return decisions


def _pairs_among(
    entries: list[_Entry], conflicts: Callable[[_Entry, _Entry], bool]
) -> list[tuple[_Entry, _Entry]]:
    return [(a, b) for i, a in enumerate(entries) for b in entries[i + 1 :] if conflicts(a, b)]


def _highest_only(rule, governed, others, resolver, matched, excluded) -> list[_Decision]:
    covered = governed + _reach(rule, governed, others, resolver, default_all=False)
    own = {e.index for e in governed}
    # 同时入选…的: a scope speaks of other programs, not of the tiers of one program
    about_other_programs = _has_scope(rule)

    # A rule decides about what it governs: two claims it merely reaches are not its business.
    def conflicts(a: _Entry, b: _Entry) -> bool:
        if a.index not in own and b.index not in own:
            return False
        program = a.referent.program_id
        if program is None or program != b.referent.program_id:
            return _comparable(a, b)
        if about_other_programs:
            return a.referent is b.referent  # only the same benefit claimed twice
        return _same_treatment(a, b)

    return _keep_best(rule, covered, conflicts, resolver, excluded)


def _exclusive(rule, governed, others, resolver, matched, excluded) -> list[_Decision]:
    knowledge = resolver.knowledge
    governed_benefits = [knowledge.benefit(g) for g in rule.governs]
    one_kind = len({b.kind for b in governed_benefits if b is not None}) == 1 and all(governed_benefits)

    def side(entry: _Entry) -> str:
        target = matched[(rule.id, entry.index)][0]
        if target == entry.referent.benefit.id:
            return f"benefit:{target}" if one_kind else f"kind:{entry.referent.benefit.kind}"
        return f"id:{target}"

    sides = {e.index: side(e) for e in governed}
    return _keep_best(rule, governed, lambda a, b: sides[a.index] != sides[b.index], resolver, excluded)


def _not_again(rule, governed, others, resolver, matched, excluded) -> list[_Decision]:
    prior_ids = set(rule.prior)
    if not prior_ids:
        return _keep_best(rule, governed, _same_treatment, resolver, excluded, Verdict.VIOLATION)
    earlier = [e for e in others if prior_ids & set(e.referent.ids)]
    pairs = [(p, g) for p in earlier for g in governed if _pair(p, g) not in excluded]
    if not pairs:
        return []
    earlier = list({p.index: p for p, _ in pairs}.values())
    later = list({g.index: g for _, g in pairs}.values())
    kept = min(earlier, key=_favourable)
    involved = [kept, *later]
    kept_text = _described(resolver, [kept], involved)[0]
    text = explain.violation(
        resolver.knowledge.reference(rule.cited_in), rule.text, kept_text, _names(involved)[1:]
    )
    found = _Found(
        rule, Verdict.VIOLATION, tuple(e.index for e in involved), kept.index, tuple(e.index for e in later), text
    )
    return [(found, pairs, _RESTRICT)]


def _bar(rule, governed, others, resolver, matched, excluded) -> list[_Decision]:
    reached = _reach(rule, governed, others, resolver, default_all=False)
    pairs = [(g, b) for g in governed for b in reached if _pair(g, b) not in excluded]
    if not pairs:
        return []
    barred = list({b.index: b for _, b in pairs}.values())
    kept = min({g.index: g for g, _ in pairs}.values(), key=_favourable)
    involved = [kept, *barred]
    text = explain.bar_violation(
        resolver.knowledge.reference(rule.cited_in), rule.text, _names(involved)[0], _names(involved)[1:]
    )
    found = _Found(
        rule, Verdict.VIOLATION, tuple(e.index for e in involved), kept.index, tuple(e.index for e in barred), text
    )
    return [(found, pairs, _RESTRICT)]


def _top_up(rule, governed, others, resolver, matched, excluded) -> list[_Decision]:
    groups: dict[tuple[str | None, BenefitKind], list[_Entry]] = defaultdict(list)
    for entry in governed:
        kind = entry.referent.benefit.kind
        if kind is not BenefitKind.SERVICE:
            groups[(entry.referent.program_id, kind)].append(entry)
    decisions = []
    for group in groups.values():
        if len(group) < 2 or len({e.referent.tier_id for e in group}) < 2:
            continue
        higher = min(group, key=lambda e: (e.referent.rank, *_favourable(e)))
        lower = [
            e for e in group if e.referent.tier_id != higher.referent.tier_id and _pair(higher, e) not in excluded
        ]
        if not lower:
            continue
        already = max(e.value for e in lower)
        difference = max(0.0, round(higher.value - already, 2))
        involved = [higher, *lower]
        names = _described(resolver, involved, involved)
        text = explain.top_up(
            resolver.knowledge.reference(rule.cited_in), rule.text, names[0], explain.listing(names[1:]), difference
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


def _stackable(rule, governed, others, resolver, matched, excluded) -> list[_Decision]:
    by_benefit = [e for e in governed if matched[(rule.id, e.index)][1] == _BENEFIT]
    broad = len(by_benefit) < len(governed)  # it names a tier or a program
    reached = _reach(rule, governed, others, resolver, default_all=broad)
    pairs = [(g, r) for g in governed for r in reached]
    pairs += [
        (a, b)
        for i, a in enumerate(by_benefit)
        for b in by_benefit[i + 1 :]
        if a.referent is not b.referent and a.referent.tier_id != b.referent.tier_id
    ]
    if excluded:
        pairs = [(a, b) for a, b in pairs if _pair(a, b) not in excluded]
    if not pairs:
        return []
    involved = list({e.index: e for pair in pairs for e in pair}.values())
    text = explain.allowed(resolver.knowledge.reference(rule.cited_in), rule.text, _names(involved))
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
