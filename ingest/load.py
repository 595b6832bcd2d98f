"""Facts -> graph: turn parsed documents and their facts into the parameters of
`cypher/load_document.cypher`, and run it. Each document is all of it or nothing.

Building the parameters is pure (`document_params`) and tested on its own. Before a document
is written the loader asks the store who owns the policies, programs and tiers it would write,
and which policies its citations name (`cypher/load_context.cypher`, one round trip). Ids come
from what the text says (a policy id from its title, a program id from its name), so a renamed
or re-encoded copy of a loaded file has the ids of the original, and another edition of a
program's rules has its program's. Editions settle themselves where one repeals the other
(ingest.editions): the newer issued edition's facts replace the older's in the same write, or
the older loads without them. Anything else is refused with `OwnershipConflict`, naming what
is taken and the file that loaded it, unless the caller asks to replace that file
(`replace=True`, `ingest --replace`): then everything the owning file loaded is dropped in the
same write. Nothing is ever half-changed; the stores' unique constraints on `id` back this up.

`Loader` writes several documents per round trip (one query over all their rows). A document
that depends on one still waiting (it cites it, shares an id or a file name with it, or
replaces another file) is written after the batch ahead of it; when a batch fails, each of its
documents is written on its own, so that a bad one is reported alone and changes nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from graphapi.domain import model
from graphapi.domain.entities import Catalog
from graphapi.domain.knowledge import Citation
from graphapi.domain.regions import RegionTree
from graphapi.domain.text import normalize
from graphapi.store.base import GraphStore, StoreError, StoreUnavailable
from graphapi.store.mapping import to_props
from ingest import editions
from ingest.facts.ids import kind_of
from ingest.ids import reference_target_id

Row = dict[str, Any]
Tag = TypeVar("Tag")

BATCH_DOCUMENTS = 16
"""Documents written per round trip at most. Measured on the generated 100x corpus (one run,
embedded store): 1 per trip ~1500-1650 provisions/s, 4 ~2100/s, 16 ~2600-2750/s, 32 ~2200/s."""

BATCH_ROWS = 4000
"""Rows (provisions and facts) per round trip at most, so that one query stays small."""


@dataclass(frozen=True, slots=True)
class KnownPolicy:
    """A policy already in the graph that this document may cite or make real."""

    id: str
    doc_number: str | None
    title_key: str | None
    placeholder: bool
    document_key: str | None
    draft: bool = False  # a 征求意见稿: never what a cited 文号 names


@dataclass(slots=True)
class LoadSummary:
    document: str
    policies: int = 0
    provisions: int = 0
    programs: int = 0
    tiers: int = 0
    criteria: int = 0
    benefits: int = 0
    rules: int = 0
    warnings: list[str] = field(default_factory=list)


def new_version() -> str:
    """A fresh graph version, written by every load so that fact caches refresh."""
    return uuid.uuid4().hex


@lru_cache(maxsize=8192)
def title_key(title: str | None) -> str | None:
    """The key a title is matched by (normalised: width, case, script). Cached: a load asks
    for the same titles many times (its policies', those it cites)."""
    return normalize(title) if title else None


def _edges(pairs: Iterable[tuple[str, str]], **extra: Any) -> list[Row]:
    return [{"from": a, "to": b, **extra} for a, b in pairs]


@dataclass(slots=True)
class _Index:
    """Policies by title key and by 文号, in the order given."""

    by_title: dict[str, list[KnownPolicy]] = field(default_factory=dict)
    by_number: dict[str, list[KnownPolicy]] = field(default_factory=dict)

    def add(self, policy: KnownPolicy) -> None:
        if policy.title_key:
            self.by_title.setdefault(policy.title_key, []).append(policy)
        if policy.doc_number:
            self.by_number.setdefault(policy.doc_number, []).append(policy)

    def by_number_of(self, doc_number: str | None) -> KnownPolicy | None:
        found = self.by_number.get(doc_number or "")
        return found[0] if found else None

    def find(self, key: str | None, doc_number: str | None, *, strict: bool = False) -> KnownPolicy | None:
        """The policy 《title》（文号） names: the one with both; else the one with the 文号
        (the title first, as one 文号 can carry several instruments: a notice issuing six 细则);
        else one with the title whose 文号 is not known, but never a draft for a cited 文号 (a
        draft, not issued, has none). `strict` leaves out that last guess: for the document's
        own policies, whose 文号 are known."""
        titled = self.by_title.get(key or "", ())
        exact = next((p for p in titled if p.doc_number == doc_number), None)
        if exact is not None:
            return exact
        numbered = self.by_number_of(doc_number)
        if numbered is not None or (strict and doc_number):
            return numbered
        # A draft has no 文号 because it was not issued: a cited 文号 never names it.
        return next((p for p in titled if editions.title_may_name(doc_number, p.doc_number, p.draft)), None)


def _index(policies: Iterable[KnownPolicy]) -> _Index:
    index = _Index()
    for policy in policies:
        index.add(policy)
    return index


def _local_index(doc: model.ParsedDocument) -> _Index:
    return _index(
        KnownPolicy(p.policy.id, p.policy.doc_number, title_key(p.policy.title), False, doc.source_file)
        for p in doc.policies
    )


def _made_real(doc: model.ParsedDocument, known: Iterable[KnownPolicy]) -> dict[str, list[str]]:
    """The placeholders each policy of the document makes real, by policy id: the policy whose
    title names a placeholder (where the 文号 agree, and never a draft for a cited 文号), else
    the first whose 文号 does. A placeholder with a policy's id is merged into it instead."""
    policies = [p.policy for p in doc.policies]
    own_ids = {p.id for p in policies}
    found: dict[str, list[str]] = {p.id: [] for p in policies}
    for placeholder in known:
        if not placeholder.placeholder or placeholder.id in own_ids:
            continue
        titled = (
            p
            for p in policies
            if placeholder.title_key
            and title_key(p.title) == placeholder.title_key
            and editions.title_may_name(placeholder.doc_number, p.doc_number, p.status is model.PolicyStatus.DRAFT)
        )
        numbered = (p for p in policies if placeholder.doc_number and p.doc_number == placeholder.doc_number)
        real = next(titled, None) or next(numbered, None)
        if real is not None and placeholder.id not in found[real.id]:
            found[real.id].append(placeholder.id)
    return found


def _citable(known: Iterable[KnownPolicy], made_real: dict[str, list[str]]) -> _Index:
    """The known policies a citation of the document may name: not the placeholders its own
    policies make real or merge into (those are the document itself, and its own policies
    answer for them: see `_local_index`)."""
    gone = {*made_real, *(placeholder for placeholders in made_real.values() for placeholder in placeholders)}
    return _index(p for p in known if p.id not in gone)


def _resolve_reference(ref: model.PolicyReference, local: _Index, known: _Index) -> tuple[str, bool]:
    """The target id of a reference and whether it still needs a placeholder node."""
    if ref.target_id:
        return ref.target_id, False
    key = title_key(ref.title)
    hit = local.find(key, ref.doc_number, strict=True)
    if hit is not None:
        return hit.id, False
    hit = known.find(key, ref.doc_number)
    if hit is not None:
        return hit.id, hit.placeholder
    return reference_target_id(ref.title, ref.doc_number), True


def document_params(
    doc: model.ParsedDocument,
    facts: model.Facts,
    *,
    regions: RegionTree,
    known: Iterable[KnownPolicy] = (),
    index_terms: Callable[[str], str | None] = lambda text: None,
    yielded: frozenset[str] = frozenset(),
    superseded: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Parameters of load_document.cypher for this document. `yielded`: programs whose facts
    another edition holds (this document writes none of them); `superseded`: (document key,
    program id) pairs whose facts this document takes over (see ingest.editions)."""
    key = doc.source_file
    owned: dict[str, Any] = {"documentKey": key}
    known = list(known)
    local = _local_index(doc)
    policies = [p.policy for p in doc.policies]
    policy_ids = {p.id for p in policies}
    made_real = _made_real(doc, known)
    known_index = _citable(known, made_real)

    params: dict[str, Any] = {name: [] for name in _LIST_PARAMS}
    params["documentKeys"] = [key]
    params["policyIds"] = sorted(policy_ids)

    for policy in policies:
        props = {**to_props(policy), **owned, "titleKey": title_key(policy.title), "placeholder": False}
        params["policies"].append({"id": policy.id, "props": props})
        region = regions.find(policy.region) if policy.region else None
        if region is not None:
            params["policyRegions"].append({"from": policy.id, "to": region.id})
        # Placeholders this policy makes real (a citing document was loaded first).
        for placeholder in made_real.get(policy.id, ()):
            params["redirects"].append({"placeholder": placeholder, "real": policy.id})

    placeholders: dict[str, Row] = {}
    for parsed in doc.policies:
        for ref in parsed.references:
            target, needs_placeholder = _resolve_reference(ref, local, known_index)
            if needs_placeholder and target not in policy_ids:
                placeholders.setdefault(
                    target,
                    {
                        "id": target,
                        "props": {
                            "id": target,
                            "title": ref.title or ref.doc_number or target,
                            "docNumber": ref.doc_number,
                            "titleKey": title_key(ref.title),
                            "placeholder": True,
                        },
                    },
                )
            edge = {"from": parsed.policy.id, "to": target, "citedIn": ref.cited_in}
            params[_REFERENCE_PARAM[ref.kind]].append(edge)
    params["placeholders"] = [
        {"id": row["id"], "props": {k: v for k, v in row["props"].items() if v is not None}}
        for row in placeholders.values()
    ]

    for parsed in doc.policies:
        chains: dict[str, list[model.Provision]] = {}
        for provision in parsed.provisions:
            chain = [*chains.get(provision.parent_id or "", []), provision]
            chains[provision.id] = chain
            # Rendered once here so that answers can cite 《…》第十七条第（四）项 without a walk.
            labels = Citation.from_chain(chain, parsed.policy.title).labels
            row = {**to_props(provision), **owned, "citationLabels": list(labels)}
            terms = index_terms(provision.text)
            if terms is not None:
                row["searchTerms"] = terms
            params["provisions"].append(row)
            if provision.parent_id is None:
                params["policyParts"].append({"from": provision.policy_id, "to": provision.id})
            else:
                params["provisionParts"].append({"from": provision.parent_id, "to": provision.id})

    # An edition giving way to another (`yielded`, see ingest.editions) writes no facts for
    # those programs, but still says it establishes or governs them: that is its history.
    _policy_links(facts, params)
    written = editions.without(facts, yielded) if yielded else facts
    _facts_params(written, params, owned, regions)
    params["programIds"] = sorted(p.id for p in written.programs)
    params["tierIds"] = sorted(t.id for t in written.tiers)
    params["superseded"] = [{"documentKey": owner, "programId": program} for owner, program in superseded]
    return params


def _policy_links(facts: model.Facts, params: dict[str, Any]) -> None:
    """ESTABLISHES, and GOVERNS from a policy that defines tiers of a program it does not
    establish."""
    for program in facts.programs:
        params["establishes"].append(
            {"from": program.policy_id, "to": program.id, "citedIn": program.cited_in}
        )
    programs = {p.id: p for p in facts.programs}
    governs: set[tuple[str, str]] = set()
    for tier in facts.tiers:
        defining_policy = tier.cited_in.split("/", 1)[0]
        program = programs.get(tier.program_id)
        if program is None or program.policy_id != defining_policy:
            governs.add((defining_policy, tier.program_id))
    params["policyGoverns"] = _edges(sorted(governs))
    # Placeholders of the programs succeeded (their nodes hold no facts of this document).
    known_programs = {p.id for p in facts.programs}
    for succession in facts.successions:
        if succession.from_id not in known_programs:
            params["placeholderPrograms"].append(
                {
                    "id": succession.from_id,
                    "props": {
                        "id": succession.from_id,
                        "name": succession.from_name or succession.from_id,
                        "placeholder": True,
                    },
                }
            )


def _facts_params(facts: model.Facts, params: dict[str, Any], owned: Row, regions: RegionTree) -> None:
    for program in facts.programs:
        params["programs"].append({"id": program.id, "props": {**to_props(program), **owned}})
        region = regions.find(program.region) if program.region else None
        if region is not None:
            params["programRegions"].append({"from": program.id, "to": region.id})
    for tier in facts.tiers:
        params["tiers"].append({"id": tier.id, "props": {**to_props(tier), **owned}})
        params["hasTier"].append({"from": tier.program_id, "to": tier.id})
    role_param = {
        model.CriterionRole.BASIC: "requiresAll",
        model.CriterionRole.CORE: "qualifiesBy",
        model.CriterionRole.EXCLUSION: "excludes",
    }
    for criterion in facts.criteria:
        params["criteria"].append({**to_props(criterion), **owned})
        params[role_param[criterion.role]].append({"from": criterion.tier_id, "to": criterion.id})
        params["criterionTitles"] += _edges((criterion.id, t) for t in criterion.title_ids)
        for alternative, requirement in enumerate(criterion.awards):
            for award_id in requirement.award_ids:
                params["criterionAwards"].append(
                    {
                        "from": criterion.id,
                        "to": award_id,
                        "grades": list(requirement.grades),
                        "maxRank": requirement.max_rank,
                        "alternative": alternative,
                    }
                )
    for relaxation in facts.relaxations:
        params["relaxations"].append({**to_props(relaxation), **owned})
        params["hasRelaxation"].append({"from": relaxation.tier_id, "to": relaxation.id})
    for benefit in facts.benefits:
        params["benefits"].append({**to_props(benefit), **owned})
        params["entitles"].append({"from": benefit.tier_id, "to": benefit.id})
    governs_param = {"benefit": "governsBenefit", "tier": "governsTier", "program": "governsProgram"}
    for rule in facts.stacking_rules:
        params["rules"].append({**to_props(rule), **owned})
        for governed in rule.governs:
            params[governs_param[kind_of(governed)]].append({"from": rule.id, "to": governed})
    for eq in facts.equivalences:
        if eq.from_id.startswith("title"):  # the edge starts at a shared entity: it says whose it is
            params["titleEquivalences"].append(
                {"from": eq.from_id, "to": eq.to_id, "citedIn": eq.cited_in, **owned}
            )
        else:
            params["tierEquivalences"].append({"from": eq.from_id, "to": eq.to_id, "citedIn": eq.cited_in})
    for succession in facts.successions:
        # The newer program or tier SUCCEEDS the older one (云岭英才计划 专项 -> 千人计划 专项).
        target = "tierSuccessions" if kind_of(succession.to_id) == "tier" else "programSuccessions"
        params[target].append(
            {"from": succession.to_id, "to": succession.from_id, "citedIn": succession.cited_in}
        )


_REFERENCE_PARAM = {
    model.ReferenceKind.CITES: "cites",
    model.ReferenceKind.REPEALS: "repeals",
    model.ReferenceKind.AMENDS: "amends",
    model.ReferenceKind.PROMULGATES: "promulgates",
}

_LIST_PARAMS = (
    "policies placeholders redirects policyRegions provisions policyParts provisionParts cites "
    "repeals amends promulgates programs placeholderPrograms establishes programRegions tiers "
    "hasTier criteria requiresAll qualifiesBy excludes criterionTitles criterionAwards "
    "relaxations hasRelaxation benefits entitles rules governsBenefit governsTier governsProgram "
    "titleEquivalences tierEquivalences programSuccessions tierSuccessions policyGoverns superseded"
).split()


Name = tuple[str, str]  # ("number", 文号) or ("title", title key): what policies are found by


def _names(doc: model.ParsedDocument) -> tuple[set[Name], set[Name]]:
    """The 文号 and title keys this document's policies go by, and those it cites."""
    own: set[Name] = set()
    cited: set[Name] = set()
    for parsed in doc.policies:
        own |= _named_by(parsed.policy.doc_number, title_key(parsed.policy.title))
        for ref in parsed.references:
            cited |= _named_by(ref.doc_number, title_key(ref.title))
    return own, cited


def _named_by(doc_number: str | None, key: str | None) -> set[Name]:
    return {name for name in (("number", doc_number), ("title", key)) if name[1]}


def known_policies(rows: Iterable[Row], doc: model.ParsedDocument, replaced: Iterable[str] = ()) -> list[KnownPolicy]:
    """Policies in the graph (`match` rows of load_context.cypher) this document cites, or whose
    placeholders it makes real. The policies of the document itself and of those it replaces
    are about to go: they do not count."""
    going = {doc.source_file, *replaced}
    return [
        KnownPolicy(
            id=row["id"],
            doc_number=row["docNumber"],
            title_key=row["titleKey"],
            placeholder=bool(row["placeholder"]),
            document_key=row["documentKey"],
            draft=row["status"] == model.PolicyStatus.DRAFT.value,
        )
        for row in rows
        if row["placeholder"] or row["documentKey"] not in going
    ]


# --- ownership ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claim:
    """A policy, program or tier this document would write that another file already loaded."""

    label: str  # Policy | Program | Tier
    id: str
    name: str | None
    owner: str  # the key (file name) of the document that loaded it
    program_id: str | None = None  # the program, or the tier's program; None for a policy


class OwnershipConflict(Exception):
    """The document would take over nodes another file loaded: a renamed, re-encoded or edited
    copy of that file, or another document that happens to name the same policy or program."""

    def __init__(self, document: str, claims: Sequence[Claim]) -> None:
        self.document = document
        self.claims = tuple(claims)
        super().__init__(conflict_message(self.claims))

    @property
    def owners(self) -> list[str]:
        return sorted({claim.owner for claim in self.claims})


_WHAT = {"Policy": "policy", "Program": "program", "Tier": "tier"}


def _named(claim: Claim) -> str:
    if claim.label == "Policy":
        return f"policy 《{claim.name}》 ({claim.id})" if claim.name else f"policy {claim.id}"
    return f"{_WHAT[claim.label]} {claim.name} ({claim.id})" if claim.name else f"{_WHAT[claim.label]} {claim.id}"


def conflict_message(claims: Sequence[Claim]) -> str:
    """Which policies (else programs, else tiers) are loaded from which file, and how to
    replace that file. A copy of a file shares its policies; another document that only
    shares programs or tiers (another edition of a program's rules) is not that file, so
    loading it under that file's name is not offered."""
    by_owner: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_owner[claim.owner].append(claim)
    parts = []
    for owner, owned in sorted(by_owner.items()):
        for label in ("Policy", "Program", "Tier"):
            named = [c for c in owned if c.label == label]
            if named:
                break
        shown = ", ".join(_named(c) for c in named[:2])
        more = f" and {len(named) - 2} more" if len(named) > 2 else ""
        verb = "is" if len(named) == 1 else "are"
        if label == "Policy":
            parts.append(f"{shown}{more} {verb} already loaded from {owner}")
        else:
            parts.append(
                f"{shown}{more} {verb} already defined by {owner}, which another document loaded; "
                "neither repeals the other as a later edition does"
            )
    owners = sorted(by_owner)
    files = " and ".join(owners)
    copy = len(owners) == 1 and any(c.label == "Policy" for c in claims)
    rename = f"load this file under the name {owners[0]}, or " if copy else ""
    return (
        f"{'; '.join(parts)}; nothing was changed. To replace everything {files} loaded with this "
        f"document, {rename}run ingest with --replace"
    )


def _claimed_ids(doc: model.ParsedDocument, facts: model.Facts) -> dict[str, list[str]]:
    """The ids a document merges (the rest of its ids hang under these: provisions and rules
    under its policies, criteria, relaxations and benefits under its tiers)."""
    return {
        "policyIds": sorted({p.policy.id for p in doc.policies}),
        "programIds": sorted({p.id for p in facts.programs}),
        "tierIds": sorted({t.id for t in facts.tiers}),
    }


@dataclass(frozen=True, slots=True)
class Context:
    """What load_context.cypher says about a document before it is written."""

    claims: list[Claim]  # nodes it would write that another file loaded, in the document's order
    matches: list[Row]  # policies its 文号 and titles match (`match` rows)
    editions: list[editions.Edition]  # policies establishing or governing its programs
    repealed: list[editions.Repealed]  # REPEALS links into policies its names match


def _edition_programs(facts: model.Facts) -> list[str]:
    return sorted({p.id for p in facts.programs} | {t.program_id for t in facts.tiers})


async def load_context(store: GraphStore, doc: model.ParsedDocument, facts: model.Facts) -> Context:
    """One round trip: what the document would take from other files, and what it needs to
    link its citations and to settle editions (ingest.editions)."""
    own, cited = _names(doc)
    rows = await store.read(
        "load_context",
        **_claimed_ids(doc, facts),
        editionProgramIds=_edition_programs(facts),
        docNumbers=sorted(value for kind, value in own | cited if kind == "number"),
        titleKeys=sorted(value for kind, value in own | cited if kind == "title"),
        ownDocNumbers=sorted(value for kind, value in own if kind == "number"),
        ownTitleKeys=sorted(value for kind, value in own if kind == "title"),
    )
    order = {
        node_id: i
        for i, node_id in enumerate(
            [p.policy.id for p in doc.policies] + [p.id for p in facts.programs] + [t.id for t in facts.tiers]
        )
    }
    claims = [
        Claim(row["label"], row["id"], row["name"], row["documentKey"], row["programId"])
        for row in rows
        if row["kind"] == "owner" and row["documentKey"] != doc.source_file
    ]
    claims.sort(key=lambda claim: order.get(claim.id, len(order)))
    found = {
        editions.Edition(row["id"], row["programId"], row["name"], row["docNumber"], row["status"], row["documentKey"])
        for row in rows
        if row["kind"] == "edition"
    }
    repealed = [
        editions.Repealed(row["id"], row["docNumber"], row["titleKey"], bool(row["placeholder"]), row["byId"])
        for row in rows
        if row["kind"] == "repeal"
    ]
    return Context(
        claims,
        [row for row in rows if row["kind"] == "match"],
        sorted(found, key=lambda e: (e.program_id, e.policy_id)),
        repealed,
    )


def own_policies(doc: model.ParsedDocument, known: Iterable[KnownPolicy]) -> list[editions.OwnPolicy]:
    """The document's policies as ingest.editions sees them, with what their REPEALS resolve to."""
    known = list(known)
    local, index = _local_index(doc), _citable(known, _made_real(doc, known))
    return [
        editions.OwnPolicy(
            id=parsed.policy.id,
            title=parsed.policy.title,
            doc_number=parsed.policy.doc_number,
            title_key=title_key(parsed.policy.title),
            draft=parsed.policy.status is model.PolicyStatus.DRAFT,
            repeals=frozenset(
                _resolve_reference(ref, local, index)[0]
                for ref in parsed.references
                if ref.kind is model.ReferenceKind.REPEALS
            ),
        )
        for parsed in doc.policies
    ]


@dataclass(frozen=True, slots=True)
class _Settled:
    """Claims still in conflict, and what the document does about the programs it shares."""

    conflicts: list[Claim]
    superseded: list[tuple[str, str]]  # (document key, program id) whose facts it takes over
    yielded: frozenset[str]  # programs whose facts it leaves to another edition
    warnings: list[str]


def settle_claims(doc: model.ParsedDocument, facts: model.Facts, context: Context, *, replace: bool) -> _Settled:
    """Settle the programs and tiers this document shares with other files by their editions;
    what is left conflicts (a copy of a file, with its policies, always does). With `replace`,
    the files conflicting are replaced whole, and nothing of theirs is settled."""
    names = {p.id: p.name for p in facts.programs}
    copies = {c.owner for c in context.claims if c.label == "Policy"}
    contests = {
        (c.owner, c.program_id): editions.Contest(c.owner, c.program_id, names.get(c.program_id))
        for c in context.claims
        if c.owner not in copies and c.program_id
    }
    outcome = editions.settle(
        doc.source_file,
        own_policies(doc, known_policies(context.matches, doc)),
        contests.values(),
        context.editions,
        context.repealed,
    )
    unresolved = {(c.owner, c.program_id) for c in outcome.unresolved}
    conflicts = [
        c for c in context.claims if c.owner in copies or not c.program_id or (c.owner, c.program_id) in unresolved
    ]
    replaced = {c.owner for c in conflicts} if replace else set()
    superseded = [s for s in outcome.superseded if s.contest.owner not in replaced]
    yielded = [s for s in outcome.yielded if s.contest.owner not in replaced]
    return _Settled(
        conflicts,
        [(s.contest.owner, s.contest.program_id) for s in superseded],
        frozenset(s.contest.program_id for s in yielded),
        [s.warning for s in (*superseded, *yielded)],
    )


# --- writing ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Prepared(Generic[Tag]):
    """One document ready to write: its parameters and what its summary will say."""

    tag: Tag
    params: dict[str, Any]
    summary: LoadSummary
    provides: set[Name]  # 文号 and titles of the policies and placeholders it writes
    cites: set[Name]  # 文号 and titles it cites
    ids: set[str]  # policy, program, tier and placeholder ids it merges
    replaces: tuple[str, ...] = ()

    @property
    def rows(self) -> int:
        return sum(len(v) for v in self.params.values() if isinstance(v, list))


@dataclass(slots=True)
class Outcome(Generic[Tag]):
    """What became of one document given to a Loader: loaded (summary) or not (error)."""

    tag: Tag
    summary: LoadSummary | None = None
    error: str | None = None


async def _prepare(
    store: GraphStore,
    doc: model.ParsedDocument,
    facts: model.Facts,
    regions: RegionTree,
    tag: Tag,
    *,
    replace: bool,
) -> _Prepared[Tag]:
    context = await load_context(store, doc, facts)
    settled = settle_claims(doc, facts, context, replace=replace)
    if settled.conflicts and not replace:
        raise OwnershipConflict(doc.source_file, settled.conflicts)
    replaced = tuple(sorted({c.owner for c in settled.conflicts}))
    known = known_policies(context.matches, doc, replaced)
    params = document_params(
        doc,
        facts,
        regions=regions,
        known=known,
        index_terms=store.index_terms,
        yielded=settled.yielded,
        superseded=settled.superseded,
    )
    params["documentKeys"] = [doc.source_file, *replaced]
    summary = LoadSummary(
        document=doc.source_file,
        policies=len(doc.policies),
        provisions=len(params["provisions"]),
        programs=len(params["programs"]),
        tiers=len(params["tiers"]),
        criteria=len(params["criteria"]),
        benefits=len(params["benefits"]),
        rules=len(params["rules"]),
        warnings=[
            *doc.warnings,
            *(w for p in doc.policies for w in p.warnings),
            *(f"replaced everything {owner} had loaded" for owner in replaced),
            *settled.warnings,
        ],
    )
    ids = {i for v in _claimed_ids(doc, facts).values() for i in v}
    own, cited = _names(doc)
    for row in params["placeholders"]:
        ids.add(row["id"])
        own |= _named_by(row["props"].get("docNumber"), row["props"].get("titleKey"))
    return _Prepared(tag, params, summary, own, cited, ids, replaced)


def merge_params(batch: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The parameters of several documents' load_document.cypher as one (their rows never
    share an id: the Loader keeps documents that would apart)."""
    if len(batch) == 1:
        return batch[0]
    return {name: [item for params in batch for item in params[name]] for name in batch[0]}


async def _write(store: GraphStore, batch: Sequence[_Prepared[Any]]) -> None:
    await store.write("load_document", version=new_version(), **merge_params([p.params for p in batch]))


async def load_document(
    store: GraphStore,
    doc: model.ParsedDocument,
    facts: model.Facts,
    regions: RegionTree,
    *,
    replace: bool = False,
) -> LoadSummary:
    """Write one document now. Raises OwnershipConflict (see the module docstring) or StoreError."""
    prepared = await _prepare(store, doc, facts, regions, None, replace=replace)
    await _write(store, [prepared])
    return prepared.summary


class Loader(Generic[Tag]):
    """Writes documents several per round trip, each all or nothing.

    `add` returns the outcomes of the documents written (or refused) meanwhile, in the order
    they were added, and `finish` those still waiting. `tag` is the caller's name for a document.
    """

    def __init__(
        self,
        store: GraphStore,
        regions: RegionTree,
        *,
        replace: bool = False,
        batch_documents: int = BATCH_DOCUMENTS,
        batch_rows: int = BATCH_ROWS,
    ) -> None:
        self.store = store
        self.regions = regions
        self.replace = replace
        self.batch_documents = max(1, batch_documents)
        self.batch_rows = batch_rows
        self._waiting: list[_Prepared[Tag] | Outcome[Tag]] = []
        # What the documents waiting write and cite, to tell which document depends on them.
        self._provided: set[Name] = set()
        self._cited: set[Name] = set()
        self._ids: set[str] = set()
        self._files: set[str] = set()

    async def add(self, doc: model.ParsedDocument, facts: model.Facts, tag: Tag) -> list[Outcome[Tag]]:
        done: list[Outcome[Tag]] = []
        if self._depends_on_waiting(doc, facts):
            done += await self.finish()  # what it cites, replaces or shares must be in the store
        try:
            prepared = await _prepare(self.store, doc, facts, self.regions, tag, replace=self.replace)
        except OwnershipConflict as conflict:
            self._waiting.append(Outcome(tag, error=str(conflict)))
            return done
        except StoreUnavailable:
            raise
        except StoreError as error:
            self._waiting.append(Outcome(tag, error=f"the store refused the document: {error}"))
            return done
        if prepared.replaces:
            done += await self.finish()
            self._wait(doc, prepared)
            return done + await self.finish()  # written alone, as it drops other files
        self._wait(doc, prepared)
        documents = [p for p in self._waiting if isinstance(p, _Prepared)]
        if len(documents) >= self.batch_documents or sum(p.rows for p in documents) >= self.batch_rows:
            done += await self.finish()
        return done

    async def finish(self) -> list[Outcome[Tag]]:
        """Write what is waiting; the outcome of every document added so far."""
        waiting, self._waiting = self._waiting, []
        for seen in (self._provided, self._cited, self._ids, self._files):
            seen.clear()
        batch = [p for p in waiting if isinstance(p, _Prepared)]
        failed: dict[int, str] = {}
        if batch:
            try:
                await _write(self.store, batch)
            except StoreUnavailable:
                raise  # nothing else can load either; the caller reports it once
            except StoreError as error:
                if len(batch) == 1:
                    failed[id(batch[0])] = f"the store refused the document: {error}"
                else:  # the batch changed nothing: write each alone to find the bad one
                    for prepared in batch:
                        try:
                            await _write(self.store, [prepared])
                        except StoreUnavailable:
                            raise
                        except StoreError as alone:
                            failed[id(prepared)] = f"the store refused the document: {alone}"
        outcomes: list[Outcome[Tag]] = []
        for item in waiting:
            if isinstance(item, Outcome):
                outcomes.append(item)
            elif id(item) in failed:
                outcomes.append(Outcome(item.tag, error=failed[id(item)]))
            else:
                outcomes.append(Outcome(item.tag, summary=item.summary))
        return outcomes

    def _depends_on_waiting(self, doc: model.ParsedDocument, facts: model.Facts) -> bool:
        """Whether writing `doc` in the batch waiting would differ from writing it after it: it
        shares a file name or an id with a waiting document, cites a policy or placeholder one
        writes, or makes real a policy one cites (a placeholder that would vanish under it)."""
        if not self._waiting:
            return False
        ids = {i for v in _claimed_ids(doc, facts).values() for i in v}
        own, cited = _names(doc)
        return (
            doc.source_file in self._files
            or not self._ids.isdisjoint(ids)
            or not self._provided.isdisjoint(own | cited)
            or not self._cited.isdisjoint(own)
        )

    def _wait(self, doc: model.ParsedDocument, prepared: _Prepared[Tag]) -> None:
        self._waiting.append(prepared)
        self._provided |= prepared.provides
        self._cited |= prepared.cites
        self._ids |= prepared.ids
        self._files.add(doc.source_file)


def entity_params(catalog: Catalog, regions: RegionTree) -> dict[str, Any]:
    """Parameters of load_entities.cypher."""
    titles = list(catalog.titles.values())
    awards = list(catalog.awards.values())
    return {
        "titles": [{"id": t.id, "props": to_props(t)} for t in titles],
        "awards": [{"id": a.id, "props": to_props(a)} for a in awards],
        "regions": [{"id": r.id, "props": to_props(r)} for r in regions],
        "titleSameAs": _edges((t.id, other) for t in titles for other in t.same_as),
        "titleMemberOf": _edges((t.id, cls) for t in titles for cls in t.member_of),
        "awardMemberOf": _edges((a.id, cls) for a in awards for cls in a.member_of),
        "regionParts": _edges((r.id, r.parent_id) for r in regions if r.parent_id),
    }


async def load_entities(store: GraphStore, catalog: Catalog, regions: RegionTree) -> None:
    await store.write("load_entities", version=new_version(), **entity_params(catalog, regions))
