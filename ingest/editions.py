"""Editions of a program's rules: which of two documents defining one program holds its facts.

Program and tier ids come from the program's name and region, so a district's 实施办法 revised
in a later year defines the ids its earlier edition defined. Real series say which edition
applies: the new one repeals the old (原《…》（文号）同时废止). The facts of a program (its tiers
and their criteria, relaxations, benefits and stacking rules) belong to the edition in force:

- a document that repeals the edition holding the program's facts takes them over (that
  edition's policy and provisions stay, with the REPEALS link, as history);
- a document repealed by an issued edition of the program loads its policy and provisions
  but not its facts for that program (the newer edition's apply);
- a draft (征求意见稿) repeals nothing yet: a draft repealing the edition in force loads without
  its facts for the program, and an issued edition a draft would repeal takes the program back
  from that draft.

Anything else two documents both define stays a conflict (ingest.load.OwnershipConflict).
Pure: it decides from what the loader read (`cypher/load_context.cypher`), with no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from graphapi.domain.model import Facts, PolicyStatus

DRAFT = PolicyStatus.DRAFT.value


@dataclass(frozen=True, slots=True)
class Edition:
    """A policy in the graph that establishes or governs a program."""

    policy_id: str
    program_id: str
    title: str | None
    doc_number: str | None
    status: str | None
    document_key: str | None

    @property
    def draft(self) -> bool:
        return self.status == DRAFT

    @property
    def named(self) -> str:
        number = f"（{self.doc_number}）" if self.doc_number else ""
        return f"《{self.title or self.policy_id}》{number}"


@dataclass(frozen=True, slots=True)
class Repealed:
    """A REPEALS link in the graph into a policy (or placeholder) this document's names match:
    the id, 文号 and title key of its target, and the id of the policy repealing it."""

    target_id: str
    doc_number: str | None
    title_key: str | None
    placeholder: bool  # the target is not loaded: only its names say which policy it is
    by_id: str


@dataclass(frozen=True, slots=True)
class OwnPolicy:
    """A policy of the document being loaded, with the ids its REPEALS references resolve to."""

    id: str
    title: str
    doc_number: str | None
    title_key: str | None
    draft: bool
    repeals: frozenset[str] = frozenset()

    def is_named_by(self, repealed: Repealed) -> bool:
        """Whether a repealed target is this policy: its id, or, for a placeholder, its 文号 or
        its title where the 文号 do not disagree (two editions often share a title, never a 文号)."""
        if repealed.target_id == self.id:
            return True
        if not repealed.placeholder:
            return False  # a policy of another id
        if repealed.doc_number and repealed.doc_number == self.doc_number and not self.draft:
            return True
        return (
            repealed.title_key is not None
            and repealed.title_key == self.title_key
            and title_may_name(repealed.doc_number, self.doc_number, self.draft)
        )


def title_may_name(cited_number: str | None, number: str | None, draft: bool) -> bool:
    """Whether a citation by title, giving `cited_number` as its 文号 (or none), may name a
    policy of that title whose 文号 is `number`: the 文号 agree (equal, or one of them not known;
    two editions of a series often share a title, never a 文号), and a cited 文号 never names a
    draft, which is not issued."""
    return (cited_number is None or number is None or cited_number == number) and not (cited_number and draft)


@dataclass(frozen=True, slots=True)
class Contest:
    """One program both the document and another file (`owner`) define."""

    owner: str  # document key of the file holding the program's facts
    program_id: str
    program_name: str | None


@dataclass(frozen=True, slots=True)
class Settled:
    """A contested program settled, and the warning saying how."""

    contest: Contest
    warning: str


@dataclass(slots=True)
class Outcome:
    """What the loader does about the programs it shares with other files."""

    superseded: list[Settled] = field(default_factory=list)  # their owner's facts give way
    yielded: list[Settled] = field(default_factory=list)  # this document's facts give way
    unresolved: list[Contest] = field(default_factory=list)  # still a conflict


def settle(
    document_key: str,
    own: Sequence[OwnPolicy],
    contests: Iterable[Contest],
    editions: Iterable[Edition],
    repealed: Iterable[Repealed],
) -> Outcome:
    """Decide each contested program (see the module docstring)."""
    by_program: dict[str, list[Edition]] = {}
    for edition in editions:
        by_program.setdefault(edition.program_id, []).append(edition)
    repeals_of_own = [(policy, link) for link in repealed for policy in own if policy.is_named_by(link)]
    outcome = Outcome()
    for contest in contests:
        of_program = {e.policy_id: e for e in by_program.get(contest.program_id, ())}
        held = {i: e for i, e in of_program.items() if e.document_key == contest.owner}
        program = _program(contest)
        # This document repeals the edition holding the program.
        takes: list[str] = []
        stands_down: list[str] = []
        for policy in own:
            for target in sorted(policy.repeals & held.keys()):
                old = held[target]
                if policy.draft:
                    stands_down.append(
                        f"《{policy.title}》 is a draft (征求意见稿), which repeals nothing yet: {program} keeps the "
                        f"rules of {old.named} ({contest.owner}); the draft's own rules for it are not loaded"
                    )
                else:
                    takes.append(
                        f"《{policy.title}》 repeals {old.named} ({contest.owner}) and takes its place: {program} now "
                        "has the new edition's tiers, criteria and benefits; the old edition's policy and "
                        "provisions stay, as history"
                    )
        # An edition of the program in the graph repeals this document.
        for policy, link in repeals_of_own:
            by = of_program.get(link.by_id)
            if by is None or by.document_key == document_key:
                continue
            if not by.draft:
                stands_down.append(
                    f"《{policy.title}》 is repealed by {by.named}, loaded from {by.document_key}: its rules for "
                    f"{program} are not loaded; the newer edition's apply"
                )
            elif by.document_key == contest.owner and not policy.draft:
                takes.append(
                    f"《{policy.title}》 takes {program} back from the draft (征求意见稿) {by.named} "
                    f"({contest.owner}), which would repeal it but repeals nothing yet"
                )
        if takes and not stands_down:
            outcome.superseded.append(Settled(contest, takes[0]))
        elif stands_down and not takes:
            outcome.yielded.append(Settled(contest, stands_down[0]))
        else:  # neither repeals the other, or each would (a contradiction): refused
            outcome.unresolved.append(contest)
    return outcome


def _program(contest: Contest) -> str:
    return f"program {contest.program_name} ({contest.program_id})" if contest.program_name else f"program {contest.program_id}"


def under(program_id: str, fact_id: str) -> bool:
    """Whether a fact id (tier, criterion, benefit …) is the program's or one of its parts'
    (ingest.facts.ids: a tier id is `<program id>/<code>`, its facts' ids extend it)."""
    return fact_id == program_id or fact_id.startswith(program_id + "/")


def without(facts: Facts, programs: Collection[str]) -> Facts:
    """The facts less those of the given programs (the tiers, their criteria, relaxations and
    benefits, the stacking rules governing any of them, their equivalences and successions)."""

    def gone(fact_id: str) -> bool:
        return any(under(program, fact_id) for program in programs)

    return replace(
        facts,
        programs=[p for p in facts.programs if not gone(p.id)],
        tiers=[t for t in facts.tiers if not gone(t.id)],
        criteria=[c for c in facts.criteria if not gone(c.tier_id)],
        relaxations=[r for r in facts.relaxations if not gone(r.tier_id)],
        benefits=[b for b in facts.benefits if not gone(b.tier_id)],
        stacking_rules=[r for r in facts.stacking_rules if not any(gone(g) for g in r.governs)],
        equivalences=[e for e in facts.equivalences if not gone(e.to_id if e.from_id.startswith("title") else e.from_id)],
        successions=[s for s in facts.successions if not gone(s.to_id)],
    )
