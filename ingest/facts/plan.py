"""The programs and tiers of a document with their ids, and which tiers a provision speaks of.

A provision inside a tier's own subtree (a catalogue section, a 专项 rule) speaks of that tier;
any other provision of a policy that governs a program speaks of all the program's tiers
(第八条 有下列情况者不在本办法引进之列 applies to every class). Lists in the text (A、B、C类,
第一、二层次) narrow that down; `named_tiers` reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphapi.domain.model import Program, Provision, Tier
from graphapi.domain.regions import RegionTree
from ingest.facts import ids
from ingest.facts.programs import ProgramDraft, TierDraft
from ingest.facts.tree import DocumentView, PolicyView

_CN = "一二三四五六七八九十甲乙丙丁戊己"
# A、B、C类 / （A类、B类） / 新入选A、B、C的: a letter list counts when a 类 follows or it lists several.
_LETTER_LIST = re.compile(r"(?<![A-Za-z])([A-Z](?:\s*类)?(?:\s*[、，,和及与或]\s*[A-Z](?:\s*类)?)*)(?:\s*类)?(?![A-Za-z])")
_NUMERAL_LIST = re.compile(rf"第?([{_CN}](?:\s*[、，,和及与或]\s*第?[{_CN}])*)\s*(?:类|层次|档)")


@dataclass(frozen=True, slots=True, eq=False)  # one per tier: identity is equality
class TierRef:
    tier: Tier
    draft: TierDraft
    program: Program
    layout: str


@dataclass(slots=True)
class Mentioned:
    """Tiers a stretch of text names, with where the naming ends (amounts follow it)."""

    refs: list[TierRef]
    start: int
    end: int


class Plan:
    def __init__(self, doc: DocumentView, drafts: list[ProgramDraft], regions: RegionTree) -> None:
        self.doc = doc
        self.programs: list[Program] = []
        self.refs: list[TierRef] = []
        self.by_program: dict[str, list[TierRef]] = {}
        self._roots: dict[str, list[TierRef]] = {}
        self._by_policy: dict[str, list[TierRef]] = {}
        self._program_roots: dict[str, list[TierRef]] = {}
        self.layouts: dict[str, str] = {}
        for draft in drafts:
            self._add(draft, regions)

    def _add(self, draft: ProgramDraft, regions: RegionTree) -> None:
        program_id = ids.program_id(draft.name, draft.region.name if draft.region else None, regions)
        program = Program(
            id=program_id,
            name=draft.name,
            policy_id=draft.policy_id,
            cited_in=draft.cited_in,
            level=draft.level,
            region=draft.region.name if draft.region else None,
        )
        existing = self.by_program.get(program_id)
        if existing is None:
            self.programs.append(program)
            self.layouts[program_id] = draft.layout
        order = list(range(len(draft.tiers)))
        if draft.layout == "measures":
            # classes a measure defines (第一层次…) first, in their order; the others have no codes:
            # the better-paid class ranks higher
            order.sort(key=lambda i: (draft.tiers[i].code is None, 0 if draft.tiers[i].code else -draft.tiers[i].amount, i))
        rank_of = {index: rank for rank, index in enumerate(order, start=1)}
        codes = ids.tier_codes([t.short_names[0] if t.short_names else t.name for t in draft.tiers], [t.code for t in draft.tiers])
        refs = self.by_program.setdefault(program_id, [])
        offset = len(refs)
        for index, (tier_draft, code) in enumerate(zip(draft.tiers, codes, strict=True)):
            tier = Tier(
                id=ids.tier_id(program_id, code),
                program_id=program_id,
                code=code,
                name=tier_draft.name,
                rank=offset + rank_of[index],
                cited_in=tier_draft.cited_in,
                level=draft.level,
                confers_title_id=tier_draft.title_id,
                for_team=tier_draft.for_team,
            )
            if any(r.tier.id == tier.id for r in refs):
                continue
            ref = TierRef(tier, tier_draft, program, draft.layout)
            refs.append(ref)
            self.refs.append(ref)
            if tier_draft.root:
                self._roots.setdefault(tier_draft.root, []).append(ref)
            if tier_draft.policy_id:
                self._by_policy.setdefault(tier_draft.policy_id, []).append(ref)
        for root in draft.roots:
            self._program_roots.setdefault(root, []).extend(r for r in refs if r not in self._program_roots.get(root, []))
        for policy_id in draft.policies:
            if policy_id in {r.draft.policy_id for r in refs}:
                continue
            bucket = self._by_policy.setdefault(policy_id, [])
            bucket.extend(r for r in refs if r not in bucket and not r.draft.policy_id)

    @property
    def tiers(self) -> list[Tier]:
        return [ref.tier for ref in self.refs]

    def tiers_for(self, view: PolicyView, provision: Provision) -> list[TierRef]:
        """The tiers a provision speaks of, before any list in its text narrows them."""
        for node in (provision, *view.ancestors(provision)):
            if node.id in self._roots:
                return self._roots[node.id]
            if node.id in self._program_roots:
                return self._program_roots[node.id]
        return [r for r in self._by_policy.get(view.policy.id, []) if r.draft.root is None or r.layout == "catalogue"]

    def in_tier_root(self, view: PolicyView, provision: Provision) -> bool:
        return any(node.id in self._roots for node in (provision, *view.ancestors(provision)))

    def named_tiers(self, text: str, refs: list[TierRef]) -> list[Mentioned]:
        """Lists of tiers written in `text` (A、B、C类人才; 第一、二、三层次; 团队), in order."""
        by_label: dict[str, TierRef] = {}
        for ref in refs:
            for label in ref.draft.labels:
                by_label.setdefault(label, ref)
        found: list[Mentioned] = []
        for match in _LETTER_LIST.finditer(text):
            letters = re.findall(r"[A-Z]", match.group(1))
            if len(letters) < 2 and "类" not in match.group(0):
                continue
            chosen = [by_label[letter] for letter in letters if letter in by_label]
            if chosen:
                found.append(Mentioned(chosen, match.start(), match.end()))
        for match in _NUMERAL_LIST.finditer(text):
            chosen = [by_label[ch] for ch in re.findall(rf"[{_CN}]", match.group(1)) if ch in by_label]
            if chosen:
                found.append(Mentioned(chosen, match.start(), match.end()))
        for ref in refs:
            # a tier's own full name names it too (对认定的创新创业团队); a bare 团队 also names the
            # members of any class (引进人才、团队成员): not a narrowing.
            full = (ref.tier.name,) if len(ref.tier.name) >= 4 and ref.tier.name not in ref.draft.short_names else ()
            for name in (*full, *ref.draft.short_names):  # the longer name first: one mention per place
                if name in by_label or len(name) < 2 or name == "团队":
                    continue
                at = text.find(name)
                if at != -1 and not any(m.start < at + len(name) and at < m.end for m in found):
                    found.append(Mentioned([ref], at, at + len(name)))
        return sorted(found, key=lambda m: m.start)
