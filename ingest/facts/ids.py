"""Ids of extracted facts, built from what the text says so that two runs (and two documents
naming the same program) agree. The loader reads fact kinds back from these shapes:

    Program       program:<region code>-<slug>      program:gd-gccrc  (官渡高层次人才（团队）)
    Tier          <program id>/<code>               program:gd-gccrc/A
    Criterion     <tier id>#c<NN>                   program:gd-gccrc/A#c03
    Relaxation    <tier id>#r<NN>
    Benefit       <tier id>#b<NN>
    StackingRule  <policy id>#s<NN>                 gd-zcgccrcyj#s01

NN is zero-padded and counts in text order within the tier (or policy).
"""

from __future__ import annotations

import re
from typing import Literal

from graphapi.domain.regions import RegionTree
from ingest.ids import initials, region_code, unique

FactKind = Literal["program", "tier", "criterion", "relaxation", "benefit", "rule"]

PROGRAM_PREFIX = "program:"
SLUG_LIMIT = 20  # like policy slugs: longer ones keep their first 16 and last 4 letters
_GROUPS = re.compile(r"[（(][^（）()]*[）)]")
_MARKS = re.compile(r"[“”\"'‘’《》〈〉「」『』\s]")
_SUFFIX = re.compile(r"#([crbs])(\d+)$")
_SUFFIX_KINDS: dict[str, FactKind] = {"c": "criterion", "r": "relaxation", "b": "benefit", "s": "rule"}


def slug(name: str, regions: RegionTree | None = None, limit: int = SLUG_LIMIT, glosses: bool = False) -> str:
    """Pinyin initials of the words that tell a name apart: no quotes, no （…） glosses and,
    when `regions` is given, no region names (官渡高层次人才（团队） -> gccrc)."""
    text = _MARKS.sub("", name)
    while not glosses and (stripped := _GROUPS.sub("", text)) != text:
        text = stripped
    if regions is not None:
        for region in regions.mentioned_in(text):
            for written in sorted((region.name, *region.aliases), key=len, reverse=True):
                text = text.replace(written, "")
    letters = initials(text) or initials(name) or "x"
    return letters if len(letters) <= limit else letters[: limit - 4] + letters[-4:]


def program_id(name: str, region: str | None, regions: RegionTree) -> str:
    """program:yn-qrjh for 云南省“千人计划”; the region code is left out when no region is known."""
    code = region_code(region, regions) if region else ""
    body = slug(name, regions)
    return f"{PROGRAM_PREFIX}{code}-{body}" if code else f"{PROGRAM_PREFIX}{body}"


def tier_id(program: str, code: str) -> str:
    return f"{program}/{code}"


def criterion_id(tier: str, number: int) -> str:
    return f"{tier}#c{number:02d}"


def relaxation_id(tier: str, number: int) -> str:
    return f"{tier}#r{number:02d}"


def benefit_id(tier: str, number: int) -> str:
    return f"{tier}#b{number:02d}"


def rule_id(policy_id: str, number: int) -> str:
    return f"{policy_id}#s{number:02d}"


def tier_codes(names: list[str], given: list[str | None]) -> list[str]:
    """Codes for the tiers of one program: the code the text gives (A, TEAM) or a slug of the
    tier's name, made unique in order (a repeated one gets -2, -3 …)."""
    return unique(code or slug(name, limit=12, glosses=True) for name, code in zip(names, given, strict=True))


def kind_of(fact_id: str) -> FactKind:
    """What kind of fact an id names, from its shape alone."""
    match = _SUFFIX.search(fact_id)
    if match:
        return _SUFFIX_KINDS[match.group(1)]
    if fact_id.startswith(PROGRAM_PREFIX):
        return "tier" if "/" in fact_id else "program"
    raise ValueError(f"not a fact id: {fact_id!r}")
