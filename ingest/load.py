"""Facts -> graph: turn one parsed document and its facts into the parameters of
`cypher/load_document.cypher`, and run it. One document, one write: all of it or nothing.

Building the parameters is pure (`document_params`) and tested on its own; `load_document`
adds the two store round trips (find the policies it cites or replaces, then write).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graphapi.domain import model
from graphapi.domain.entities import Catalog
from graphapi.domain.knowledge import Citation
from graphapi.domain.regions import RegionTree
from graphapi.domain.text import normalize
from graphapi.store.base import GraphStore
from graphapi.store.mapping import to_props
from ingest.facts.ids import kind_of
from ingest.ids import reference_target_id

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class KnownPolicy:
    """A policy already in the graph that this document may cite or make real."""

    id: str
    doc_number: str | None
    title_key: str | None
    placeholder: bool
    document_key: str | None


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


def title_key(title: str | None) -> str | None:
    return normalize(title) if title else None


def _edges(pairs: Iterable[tuple[str, str]], **extra: Any) -> list[Row]:
    return [{"from": a, "to": b, **extra} for a, b in pairs]


def _resolve_reference(
    ref: model.PolicyReference,
    local: dict[str, str],
    known: dict[str, KnownPolicy],
) -> tuple[str, bool]:
    """The target id of a reference and whether it still needs a placeholder node."""
    if ref.target_id:
        return ref.target_id, False
    # Title before 文号: one 文号 can carry several instruments (a notice issuing six 细则).
    keys = [k for k in (title_key(ref.title), ref.doc_number) if k]
    for key in keys:
        if key in local:
            return local[key], False
    for key in keys:
        hit = known.get(key)
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
) -> dict[str, Any]:
    """Parameters of load_document.cypher for this document."""
    key = doc.source_file
    owned: dict[str, Any] = {"documentKey": key}
    known_by_key: dict[str, KnownPolicy] = {}
    for policy in known:
        for k in (policy.doc_number, policy.title_key):
            if k:
                known_by_key.setdefault(k, policy)

    policies = [p.policy for p in doc.policies]
    local: dict[str, str] = {}
    for policy in policies:
        for k in (title_key(policy.title), policy.doc_number):
            if k:
                local.setdefault(k, policy.id)
    policy_ids = {p.id for p in policies}

    params: dict[str, Any] = {name: [] for name in _LIST_PARAMS}
    params["documentKey"] = key
    params["policyIds"] = sorted(policy_ids)

    for policy in policies:
        props = {**to_props(policy), **owned, "titleKey": title_key(policy.title), "placeholder": False}
        params["policies"].append({"id": policy.id, "props": props})
        region = regions.find(policy.region) if policy.region else None
        if region is not None:
            params["policyRegions"].append({"from": policy.id, "to": region.id})
        # Placeholders this policy makes real (a citing document was loaded first).
        for k in (policy.doc_number, title_key(policy.title)):
            hit = known_by_key.get(k) if k else None
            if hit is not None and hit.placeholder and hit.id != policy.id:
                params["redirects"].append({"placeholder": hit.id, "real": policy.id})

    placeholders: dict[str, Row] = {}
    for parsed in doc.policies:
        for ref in parsed.references:
            target, needs_placeholder = _resolve_reference(ref, local, known_by_key)
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

    _facts_params(facts, params, owned, regions)
    params["programIds"] = sorted(p.id for p in facts.programs)
    params["tierIds"] = sorted(t.id for t in facts.tiers)
    return params


def _facts_params(facts: model.Facts, params: dict[str, Any], owned: Row, regions: RegionTree) -> None:
    for program in facts.programs:
        params["programs"].append({"id": program.id, "props": {**to_props(program), **owned}})
        params["establishes"].append(
            {"from": program.policy_id, "to": program.id, "citedIn": program.cited_in}
        )
        region = regions.find(program.region) if program.region else None
        if region is not None:
            params["programRegions"].append({"from": program.id, "to": region.id})
    programs = {p.id: p for p in facts.programs}
    governs: set[tuple[str, str]] = set()
    for tier in facts.tiers:
        params["tiers"].append({"id": tier.id, "props": {**to_props(tier), **owned}})
        params["hasTier"].append({"from": tier.program_id, "to": tier.id})
        # A policy that defines tiers of a program it does not establish governs it.
        defining_policy = tier.cited_in.split("/", 1)[0]
        program = programs.get(tier.program_id)
        if program is None or program.policy_id != defining_policy:
            governs.add((defining_policy, tier.program_id))
    params["policyGoverns"] = _edges(sorted(governs))
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
        target = "titleEquivalences" if eq.from_id.startswith("title") else "tierEquivalences"
        params[target].append({"from": eq.from_id, "to": eq.to_id, "citedIn": eq.cited_in})
    known_programs = {p.id for p in facts.programs}
    for succession in facts.successions:
        # The newer program or tier SUCCEEDS the older one (云岭英才计划 专项 -> 千人计划 专项).
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
    "titleEquivalences tierEquivalences programSuccessions tierSuccessions policyGoverns"
).split()


async def known_policies(store: GraphStore, doc: model.ParsedDocument) -> list[KnownPolicy]:
    """Policies in the graph this document cites, or whose placeholders it makes real."""
    doc_numbers: set[str] = set()
    titles: set[str] = set()
    for parsed in doc.policies:
        for k in (parsed.policy.doc_number,):
            if k:
                doc_numbers.add(k)
        if parsed.policy.title:
            titles.add(normalize(parsed.policy.title))
        for ref in parsed.references:
            if ref.doc_number:
                doc_numbers.add(ref.doc_number)
            if ref.title:
                titles.add(normalize(ref.title))
    if not doc_numbers and not titles:
        return []
    rows = await store.read("match_policies", docNumbers=sorted(doc_numbers), titleKeys=sorted(titles))
    return [
        KnownPolicy(
            id=row["id"],
            doc_number=row["docNumber"],
            title_key=row["titleKey"],
            placeholder=bool(row["placeholder"]),
            document_key=row["documentKey"],
        )
        for row in rows
        # Only other documents' policies count: this document's own are about to be replaced.
        if row["documentKey"] != doc.source_file or row["placeholder"]
    ]


async def load_document(store: GraphStore, doc: model.ParsedDocument, facts: model.Facts, regions: RegionTree) -> LoadSummary:
    known = await known_policies(store, doc)
    params = document_params(doc, facts, regions=regions, known=known, index_terms=store.index_terms)
    await store.write("load_document", version=new_version(), **params)
    return LoadSummary(
        document=doc.source_file,
        policies=len(doc.policies),
        provisions=len(params["provisions"]),
        programs=len(facts.programs),
        tiers=len(facts.tiers),
        criteria=len(facts.criteria),
        benefits=len(facts.benefits),
        rules=len(facts.stacking_rules),
        warnings=[*doc.warnings, *(w for p in doc.policies for w in p.warnings)],
    )


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
