"""Reviewed facts for what the rules cannot read reliably (data/curation/*.yaml).

Each entry names the provision that states the fact and a phrase quoted from it:

    - provision: gd-zcgccrcyj/chp_3__art_7__item_2
      phrase: 每年在官渡区累计服务不少于3个月
      why: …
      criterion: {tiers: [A, B], role: BASIC, kind: EMPLOYMENT}

An entry applies to the document that holds its provision; when that provision no longer
contains the phrase, extraction stops with `CurationError` naming both, so that a curated fact
never outlives the wording it was read from. Supported facts: `criterion`
(text = the phrase; fields role, kind, employment, within_years, max_age,
min_service_days_per_year, min_service_months) and `equivalence` (title id -> tier code).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graphapi.domain.model import (
    Criterion,
    CriterionKind,
    CriterionRole,
    Employment,
    Equivalence,
    Facts,
)
from ingest.facts import ids
from ingest.facts.plan import Plan
from ingest.facts.tree import DocumentView

CURATION_DIR = Path(__file__).resolve().parents[2] / "data" / "curation"
_FACTS = ("criterion", "equivalence")


class CurationError(ValueError):
    """A curation entry is malformed or its phrase is gone from its provision."""


@dataclass(frozen=True, slots=True)
class Entry:
    provision: str
    phrase: str
    why: str
    fact: str  # criterion | equivalence
    fields: dict[str, Any] = field(default_factory=dict)
    source: str = ""


def load(directory: Path = CURATION_DIR) -> tuple[Entry, ...]:
    return _load(directory)


@cache
def _load(directory: Path) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            rows = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []
        except (OSError, yaml.YAMLError) as error:
            raise CurationError(f"cannot read curation file {path.name}: {error}") from error
        if not isinstance(rows, list):
            raise CurationError(f"{path.name}: expected a list of entries")
        for number, row in enumerate(rows, start=1):
            where = f"{path.name} entry {number}"
            if not isinstance(row, dict) or not row.get("provision") or not row.get("phrase"):
                raise CurationError(f"{where}: every entry needs a provision id and a phrase")
            facts = [name for name in _FACTS if name in row]
            if len(facts) != 1:
                raise CurationError(f"{where}: give exactly one of {', '.join(_FACTS)}")
            entries.append(
                Entry(row["provision"], row["phrase"], row.get("why", ""), facts[0], dict(row[facts[0]] or {}), where)
            )
    return tuple(entries)


def apply_curation(facts: Facts, doc: DocumentView, plan: Plan, entries: tuple[Entry, ...] | None = None) -> None:
    """Add the curated facts whose provision is in this document."""
    for entry in load() if entries is None else entries:
        provision = doc.provision(entry.provision)
        if provision is None:
            continue
        if entry.phrase not in provision.text:
            raise CurationError(
                f"{entry.source}: provision {entry.provision} no longer contains the curated phrase “{entry.phrase}”"
            )
        view = doc.by_provision[entry.provision]
        in_scope = plan.tiers_for(view, provision)
        codes = entry.fields.get("tiers")
        refs = [r for r in in_scope if codes is None or r.tier.code in codes]
        if codes and len(refs) != len(codes):
            missing = sorted(set(codes) - {r.tier.code for r in refs})
            raise CurationError(f"{entry.source}: no tier {', '.join(missing)} in scope of {entry.provision}")
        if entry.fact == "criterion":
            for ref in refs:
                facts.criteria.append(_criterion(entry, ref.tier.id, facts))
        else:
            title_id = entry.fields.get("title")
            if not title_id:
                raise CurationError(f"{entry.source}: an equivalence needs a title id")
            facts.equivalences += [Equivalence(title_id, ref.tier.id, entry.provision) for ref in refs]


def _criterion(entry: Entry, tier_id: str, facts: Facts) -> Criterion:
    fields = entry.fields
    try:
        role = CriterionRole(fields.get("role", "BASIC"))
        kind = CriterionKind(fields.get("kind", "OTHER"))
        modes = tuple(Employment(m) for m in fields.get("employment", ()))
    except ValueError as error:
        raise CurationError(f"{entry.source}: {error}") from error
    number = 1 + sum(1 for c in facts.criteria if c.tier_id == tier_id)
    return Criterion(
        id=ids.criterion_id(tier_id, number),
        tier_id=tier_id,
        role=role,
        kind=kind,
        text=entry.phrase,
        cited_in=entry.provision,
        employment=modes,
        within_years=fields.get("within_years"),
        max_age=fields.get("max_age"),
        min_service_days_per_year=fields.get("min_service_days_per_year"),
        min_service_months=fields.get("min_service_months"),
    )
