"""Stacking wording -> stacking rules, linked to what they govern.

- EXCLUSIVE  A与B不重复享受 — every benefit named A or B in the program(s) in scope;
- NOT_AGAIN  已享受过X的，Y不再重复享受/支持 — the benefits named Y; `prior` names X;
- HIGHEST_ONLY 从高从优、不重复享受 — the benefits of the statement it closes (or those it names),
  else the program; `scope` is what it speaks of (同时入选 国家级、省级和市级重点人才工程…);
- TOP_UP   补差发放 / 按差额补发 — the benefits it names (培养经费按差额补足), else the program (or
  the tier whose text it is in);
- STACKABLE 可同时享受 / 可按…享受其它政策待遇 — the program; `scope` as written;
- BAR      培养期内…不得再申请… — the program; `scope` is what may not be applied for, to the end
  of its clause (市级其他人才工程的安家补贴和工作津贴).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphapi.domain.model import Program, StackingKind
from graphapi.domain.regions import RegionTree
from ingest.facts import ids, readings
from ingest.facts.benefits import BenefitDraft, kind_of
from ingest.facts.linking import Linker
from ingest.facts.plan import Plan, TierRef
from ingest.facts.tree import DocumentView

_EXCLUSIVE = re.compile(
    r"(?P<a>[^，。；、与和]{2,12}?)(?:与|和|及)(?P<b>[^，。；、与和]{2,12}?)(?:不重复享受|不得重复享受|不同时享受|不得同时享受|不能同时享受|不可兼得|只能享受其一|择一享受)"
)
_NOT_AGAIN = re.compile(r"不再(?:重复)?(?:享受|支持|给予|发放|资助)|不重复支持")
_HIGHEST = re.compile(r"从高|从优|就高|择优享受|按最高")
_NO_STACK = re.compile(r"不重复享受|不重复发放|不重复计算|不得重复享受|不重复支持")
_TOP_UP = re.compile(r"补差(?:发放|兑现)?|差额补(?:发|足|齐)|按差额|补足差额")
_STACKABLE = re.compile(
    r"可(?:以)?同时享受|(?:同时|并)[^，。；]{0,6}可(?:按|以)?[^，。；]{0,20}享受[^，。；]{0,10}其[它他][^，。；]{0,8}(?:政策|待遇)"
    r"|可按[^，。；]{0,20}享受[^，。；]{0,10}其[它他]"  # 可按规定享受所在单位的其他待遇
)
_BAR = re.compile(r"不得(?:再)?(?:申请|申报|享受)[^，。；]{0,24}(?:资助|支持|项目|待遇|补贴|津贴|经费|奖励|专项)")
_BAR_PERIOD = re.compile(r"(?:培养|支持|服务|资助|聘)期(?:内|间)")
_SELECTED = re.compile(rf"^(?:{readings.SELECTED})")
_QUOTED = re.compile(r"“([^“”]{2,30})”")
_SCOPE_SAME_TIME = re.compile(r"同时(?:入选|享受|获得|符合)(?P<scope>[^，。；]{2,40}?)的")


def is_bar(text: str) -> bool:
    """培养期内不得再申请…资助 / 入选者不得申报…项目: what those selected may not apply for
    elsewhere (a stacking rule), not who may not apply here (an exclusion)."""
    return bool(_BAR.search(text)) and bool(_BAR_PERIOD.search(text) or _SELECTED.match(text))


@dataclass(slots=True)
class RuleDraft:
    kind: StackingKind
    text: str
    cited_in: str
    order: tuple
    governs: list = field(default_factory=list)  # BenefitDraft | TierRef | program id
    scope: str | None = None
    prior: tuple[str, ...] = ()
    unlinked: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class RuleReader:
    doc: DocumentView
    plan: Plan
    linker: Linker
    benefits: list[BenefitDraft]
    regions: RegionTree
    drafts: list[RuleDraft] = field(default_factory=list)

    def read(self) -> None:
        for view in self.doc.policies:
            for provision in view.provisions:
                if view.is_form(provision):
                    continue
                refs = self.plan.tiers_for(view, provision)
                if not refs:
                    continue
                for sentence in readings.sentences(provision.text):
                    self._sentence(provision.id, sentence, refs)

    def _sentence(self, cited_in: str, sentence: readings.Span, refs: list[TierRef]) -> None:
        text = sentence.text
        order = (*self.doc.order(cited_in), sentence.start)
        programs = list(dict.fromkeys(r.program.id for r in refs))
        exclusive = _EXCLUSIVE.search(text)
        if exclusive:
            clause = next(p for p in readings.split(text, "，,") if exclusive.group(0) in p.text or p.text in exclusive.group(0))
            names = [re.sub(r"^.*[，,]", "", exclusive.group(g)).strip() for g in ("a", "b")]
            governed = [b for b in self._in_programs(programs) if any(self._names(b, n) for n in names)]
            self._add(StackingKind.EXCLUSIVE, clause.text, cited_in, order, governed or programs)
            return
        not_again = _NOT_AGAIN.search(text)
        if not_again and ("重复" in not_again.group(0) or re.search(r"已|前|曾|过", text[: not_again.start()])):
            self._not_again(cited_in, text, not_again, order, refs, programs)
            return
        if _NO_STACK.search(text) and (_HIGHEST.search(text) or not re.search(r"与|和", text[: _NO_STACK.search(text).start()][-14:])):
            self._highest(cited_in, text, order, refs, programs)
            return
        if _HIGHEST.search(text) and re.search(r"享受|发放|执行", text) and re.search(r"同时|重复|多项", text):
            self._highest(cited_in, text, order, refs, programs)
            return
        if _TOP_UP.search(text):
            named = [b for b in self._named_benefits(text, programs) if b.ref in refs]
            self._add(StackingKind.TOP_UP, text, cited_in, order, named or self._owners(cited_in, refs, programs))
            return
        stackable = _STACKABLE.search(text)
        if stackable:
            scope = re.sub(r"^.*?(?:可按|可以按|可同时享受|可以同时享受)", "", text[stackable.start() :]).strip("。 ") or None
            self._add(StackingKind.STACKABLE, text, cited_in, order, self._owners(cited_in, refs, programs), scope=scope)
            return
        bar = _BAR.search(text)
        if bar and is_bar(text):
            scope = re.sub(r"^不得(?:再)?(?:申请|申报|享受)", "", bar.group(0) + re.match(r"[^，。；]*", text[bar.end() :]).group(0))
            period = _BAR_PERIOD.search(text)
            clause = text[period.start() :] if period and period.start() < bar.start() else text
            self._add(StackingKind.BAR, clause.strip("。 "), cited_in, order, self._owners(cited_in, refs, programs), scope=scope)

    # --- kinds ---------------------------------------------------------------------------------

    def _highest(self, cited_in: str, text: str, order: tuple, refs: list[TierRef], programs: list[str]) -> None:
        same = _SCOPE_SAME_TIME.search(text)
        scope = same.group("scope") if same else None
        named = self._named_benefits(text, programs)
        governed = named or [b for b in self.benefits if b.cited_in == cited_in]
        self._add(StackingKind.HIGHEST_ONLY, text, cited_in, order, governed or self._owners(cited_in, refs, programs), scope=scope)

    def _not_again(
        self, cited_in: str, text: str, found: re.Match[str], order: tuple, refs: list[TierRef], programs: list[str]
    ) -> None:
        before, after = text[: found.start()], text[found.end() :]
        obj = re.sub(r"^.*?(?:规定的|所列的|的)", "", after).strip("。 ") or None
        if not obj or not kind_of(obj):
            tail = re.split(r"[，,]", before)[-1]
            obj = tail.strip() or obj
        scoped = [b for b in self.benefits if b.ref in refs]
        governed = [b for b in scoped if obj and self._names(b, obj)]
        if not governed and obj and kind_of(obj):
            governed = [b for b in scoped if b.kind is kind_of(obj)]
        condition = before
        prior = self._prior(condition, refs)
        targets = governed or list(dict.fromkeys(refs))
        top_up = _TOP_UP.search(after)
        if top_up is None:
            self._add(StackingKind.NOT_AGAIN, text, cited_in, order, targets, prior=prior)
            return
        # …不再享受本办法奖励补贴，但可按差额补足: the difference is paid on the same benefits
        cut = found.end() + max(after.rfind(mark, 0, top_up.start()) for mark in "，,；;")
        if cut < found.end():
            cut = found.end() + top_up.start()
        self._add(StackingKind.NOT_AGAIN, text[:cut], cited_in, order, targets, prior=prior)
        self._add(StackingKind.TOP_UP, text[cut:].lstrip("，,；; "), cited_in, (*order, 1), targets)

    def _prior(self, condition: str, refs: list[TierRef]) -> tuple[str, ...]:
        """What was already enjoyed: programs named in quotes (“云南省创新团队”), else the words."""
        own = {n for r in refs for n in (r.program.name, r.tier.name, *r.draft.short_names)}
        program = refs[0].program if refs else None
        names = [q for q in _QUOTED.findall(condition) if not any(q in o or o in q for o in own if len(o) >= 2)]
        if names:
            return tuple(dict.fromkeys(self._program_id(name, program) for name in names))
        enjoyed = re.search(r"(?:已|曾)(?:经)?享受(?:过)?(?P<what>[^，。；]{2,30}?)的?$", condition.rstrip("，, 的"))
        return (enjoyed.group("what"),) if enjoyed else ()

    def _program_id(self, name: str, program: Program | None) -> str:
        regions = self.regions
        named = regions.mentioned_in(name)
        region = named[0].name if named else (program.region if program else None)
        return ids.program_id(name, region, regions)

    # --- helpers -------------------------------------------------------------------------------

    def _owners(self, cited_in: str, refs: list[TierRef], programs: list[str]) -> list:
        view = self.doc.by_provision[cited_in]
        provision = view.by_id[cited_in]
        if self.plan.in_tier_root(view, provision) or (len(refs) == 1 and refs[0].draft.policy_id):
            return list(refs)
        return list(programs)

    def _in_programs(self, programs: list[str]) -> list[BenefitDraft]:
        return [b for b in self.benefits if b.ref.program.id in programs]

    def _named_benefits(self, text: str, programs: list[str]) -> list[BenefitDraft]:
        names = {b.name for b in self._in_programs(programs) if len(b.name) >= 2}
        hits = [n for n in names if n in text]
        return [b for b in self._in_programs(programs) if b.name in hits]

    @staticmethod
    def _names(benefit: BenefitDraft, name: str) -> bool:
        name = name.strip("“”的 ")
        return bool(name) and (name in benefit.name or benefit.name in name)

    def _add(
        self,
        kind: StackingKind,
        text: str,
        cited_in: str,
        order: tuple,
        governs: list,
        scope: str | None = None,
        prior: tuple[str, ...] = (),
    ) -> None:
        text = text.strip("。；; ")
        # 同时入选省级及以上青年人才计划的 / 入选“珠源英才”计划更高层次专项的: names a rule speaks of
        # that no entity matches are reported like those of a condition.
        unlinked = tuple(self.linker.link(text).unlinked)
        self.drafts.append(RuleDraft(kind, text, cited_in, order, list(governs), scope, prior, unlinked))
