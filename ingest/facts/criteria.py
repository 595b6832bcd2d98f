"""Conditions -> criteria and relaxations.

Where conditions are written:
- a lead-in and a list: 在官渡区全职工作，年龄一般在55周岁以下，且符合下列条件之一的人才： — the
  lead-in's clauses are basic conditions, the list is core (…之一) or basic (所有条件, 基本条件);
- headed items of a 细则: （一）基本条件 / （二）核心条件。…之一 / （三）放宽条件 / （四）不纳入申报范围的情形;
- exclusions: 有下列情形之一的，不得参加选拔： with its list, or one sentence
  (已成为…或入选过…的，不再参加…选拔; 公务员…不能申报) — they apply to every tier in scope;
- who may apply: 申报…，须为… / 选拔对象须为… (basic), and routes 可直接通过“认定赛道”申报带头人
  whose subjects are core alternatives of that tier.

A basic condition naming several kinds (55周岁以下，具有博士学位，副高以上职称) becomes one
criterion per kind, all citing the provision. A core item is one criterion (its alternatives
are the titles and awards it names). Every criterion cites the most specific provision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from graphapi.domain.model import (
    AgeLimit,
    AwardRequirement,
    CriterionKind,
    CriterionRole,
    Degree,
    Employment,
    ProfessionalRank,
    Provision,
    ProvisionKind,
)
from ingest.facts import numbers, readings, unread
from ingest.facts.linking import Linked, Linker, resolve_loose
from ingest.facts.plan import Plan, TierRef
from ingest.facts.programs import head_text, lead_role
from ingest.facts.readings import Span
from ingest.facts.stacking import is_bar
from ingest.facts.tree import DocumentView, PolicyView

BASIC, CORE, EXCLUSION = CriterionRole.BASIC, CriterionRole.CORE, CriterionRole.EXCLUSION
_LIST_KINDS = (ProvisionKind.ITEM, ProvisionKind.SUBITEM, ProvisionKind.POINT)
_INTRODUCER = re.compile(r"(?:[，,]\s*)?(?:且|并且|并|同时|还须|还应当|还应|还需|须|应当)?\s*(?:同时)?(?:符合|具备|满足)(?:下列|以下|如下).*$")
_CONNECTIVE = re.compile(r"^(?:其中|同时|另外|并且|此外)$")
_BESIDES = re.compile(r"^(?:除[^，。]{0,30}外|在(?:符合|具备|满足)[^，。]{0,12}(?:的基础上|的同时|之外|外))$")
# 申报领军型特聘专家的，年龄…，并符合下列条件之一: who the lead-in speaks of, not a condition.
_APPLICANT = re.compile(r"^(?:申报|申请|报名|参评)[^，。；]{2,24}的$")
# …工作人员不适用本办法: a scope sentence that leaves people out is an exclusion too.
_EXCLUSION_LEAD = re.compile(
    r"不在[^，。；]{0,12}之列|不得(?:参加|申报|申请)|不能申报|不予(?:受理|认定|推荐)|不[纳列]入[^，。；]{0,6}范围|不(?:再)?参加[^，。；]{0,16}选拔"
    r"|不适用(?:于)?本(?:办法|细则|规定|措施|意见|方案)"
)
_REVOCATION = re.compile(r"取消|终止|退出|收回|缴回|退还|撤销")
# 用人单位不得… binds the employer; 参照公务员法管理单位的工作人员不得申报 excludes people.
_PENALTY = re.compile(r"弄虚作假|骗取|违反|失信|追究|\d+年内不得|终身不得|单位[^，。；的]{0,8}不得")
_WHO_MAY_APPLY = re.compile(
    r"^(?:申报|申请)[^，。；]{0,30}[，,]\s*(?:须为|应为|必须是|应当是)"
    r"|(?:申报|申请|选拔|认定|推荐)[^，。；]{0,4}(?:人|对象|人才|人员)(?:须为|应为|应当为|必须为|应当|须|必须)"
)
# 申报…应当提交下列材料: what to hand in, not who may apply
_MATERIALS = re.compile(r"(?:提交|提供|报送|填写|填报|附)[^，。；]{0,10}(?:材料|资料|证明|证件|表)")
_PERSON_SHOULD = re.compile(r"^[^，。；]{0,12}(?:人才|人员|申报人|对象)[^，。；]{0,8}?(?:应当|应|须|必须)(?!.*(?:参加|履行|负责|签订|提交))")
_ROUTE = re.compile(r"(?:可|可以)(?:直接)?(?:通过[^，。；]{0,12})?申报(?P<tier>[^，。；、]{2,12})")
_RELAXATION_WORDS = re.compile(r"(?:放宽|提高)[至到]?\s*\d+\s*周?岁|(?:降低|放宽)\s*(?:\d+|[一二三])\s*[档级]|减少\s*\d+\s*年|放宽条件")
_RELAXED_AGE = re.compile(r"年龄[^，。；]{0,6}放宽\s*(?P<n>\d+|[一二三四五])\s*岁")
# 年龄可放宽至53周岁 / 年龄上限可提高至45周岁 / (in an age clause's aside) 具有博士学位的放宽至40周岁
_RELAXED_AGE_TO = re.compile(r"(?:放宽|提高|延长)[至到]\s*(?P<n>\d+)\s*周?岁")
_RELAXED_RANK = re.compile(r"职称[^，。；]{0,8}(?:降低|放宽)\s*(?P<n>\d+|[一二三四五])\s*[档级]")
_RELAXED_SERVICE = re.compile(r"(?:工作|服务)(?:时限|年限|期限)[^，。；]{0,6}减少\s*(?P<n>\d+|[一二三四五])\s*年")
_CONDITION_TAGS = (
    (re.compile(r"贫困县|边境县|贫困地区|边境地区|脱贫县"), "POVERTY_OR_BORDER_COUNTY"),
    (re.compile(r"艰苦边远|基层|县（市、区）及以下|乡镇"), "REMOTE_OR_GRASSROOTS"),
    (re.compile(r"博士(?!后)"), "DOCTORATE"),  # 具有博士学位的放宽至40周岁
)


@dataclass(slots=True)
class CriterionDraft:
    ref: TierRef
    role: CriterionRole
    kind: CriterionKind
    text: str
    cited_in: str
    order: tuple
    discretionary: bool = False
    title_ids: tuple[str, ...] = ()
    awards: tuple[AwardRequirement, ...] = ()
    max_age: int | None = None
    age_exempt_title_ids: tuple[str, ...] = ()
    min_degree: Degree | None = None
    min_professional_rank: ProfessionalRank | None = None
    employment: tuple[Employment, ...] = ()
    within_years: int | None = None
    min_amount: float | None = None
    unlinked: tuple[tuple[str, str], ...] = ()
    unread: tuple[str, ...] | None = None  # None: not worked out yet (see `unread`)
    unread_alternatives: tuple[str, ...] = ()
    age_is_usual: bool = False
    age_limits: tuple[AgeLimit, ...] = ()
    min_service_days_per_year: int | None = None
    min_service_months: int | None = None

    @property
    def has_reading(self) -> bool:
        """Whether anything of it is read in a structured way (otherwise it is for review as a whole)."""
        return bool(
            self.title_ids
            or self.awards
            or self.max_age is not None
            or self.min_degree is not None
            or self.min_professional_rank is not None
            or self.employment
            or self.min_amount is not None
            or self.min_service_days_per_year is not None
            or self.min_service_months is not None
        )


@dataclass(slots=True)
class RelaxationDraft:
    ref: TierRef
    text: str
    cited_in: str
    condition: str
    age_years: int
    professional_rank_steps: int
    service_years_reduction: int
    order: tuple


@dataclass(slots=True)
class CriteriaReader:
    doc: DocumentView
    plan: Plan
    linker: Linker
    criteria: list[CriterionDraft] = field(default_factory=list)
    relaxations: list[RelaxationDraft] = field(default_factory=list)
    _done: set[str] = field(default_factory=set)  # provisions already read as conditions
    _relaxations_after: list = field(default_factory=list)  # asides read once the limits are known

    def read(self) -> None:
        for view in self.doc.policies:
            for provision in view.provisions:
                if view.is_form(provision) or provision.id in self._done:
                    continue
                refs = [r for r in self.plan.tiers_for(view, provision) if r.layout != "measures"]
                if not refs:
                    continue
                self._provision(view, provision, refs)
        for provision, refs, text in self._relaxations_after:
            self._relaxation(provision, refs, text)

    # --- dispatch ------------------------------------------------------------------------------

    def _provision(self, view: PolicyView, provision: Provision, refs: list[TierRef]) -> None:
        text = provision.text
        head = head_text(provision)
        children = [c for c in view.children(provision) if c.kind in _LIST_KINDS]
        tier_root = any(r.draft.root == provision.id for r in refs)
        if tier_root:
            self._tier_block(view, provision, refs)
            return
        # A lead-in (…，特别优秀的可放宽至50周岁，并具备下列条件之一：) or an aside (…35周岁以下
        # （具有博士学位的放宽至40周岁）) qualifies a condition and is read with it.
        lead_in = bool(children) and text.rstrip().endswith(("：", ":"))
        if head.startswith("放宽条件") or (not lead_in and is_relaxation(readings.without_asides(text))):
            self._relaxation(provision, refs)
            return
        if head.startswith("基本条件"):
            self._list(view, provision, children, refs, BASIC, rest=_after_heading(text, "基本条件"))
            return
        if head.startswith("核心条件"):
            self._list(view, provision, children, refs, CORE, rest=_after_heading(text, "核心条件"))
            return
        if re.search(r"不[纳列]入", head) and "范围" in head:
            self._exclusion_list(provision, children, refs)
            return
        sentences = readings.sentences(text)
        if children and text.rstrip().endswith(("：", ":")) and sentences:
            last = sentences[-1].text
            named = [r for m in self.plan.named_tiers(last, refs) for r in m.refs]
            if named and lead_role(last):  # …符合下列条件之一的，认定为第二类人才：
                refs = list(dict.fromkeys(named))
            if is_exclusion(last):
                for sentence in sentences[:-1]:  # 应遵纪守法，诚实守信…: a basic condition before the list
                    if _PERSON_SHOULD.search(sentence.text):
                        self.basic_conditions(provision, sentence, refs)
                self._exclusion_list(provision, children, refs)
                return
            role = lead_role(last)
            if role:
                self._list(view, provision, children, refs, CORE if role == "CORE" else BASIC, rest=text)
                return
        for sentence in sentences:
            if is_exclusion(sentence.text):
                self._exclusion_sentence(provision, sentence, refs)
            elif (
                _WHO_MAY_APPLY.search(sentence.text)
                and not _PENALTY.search(sentence.text)
                and not _REVOCATION.search(sentence.text)
                and not _MATERIALS.search(sentence.text)
            ):
                self._who_may_apply(provision, sentence, refs)
            route = _ROUTE.search(sentence.text)
            if route and self.plan.layouts.get(refs[0].program.id) == "note":
                self._route(provision, sentence, route, refs)

    # --- tier headings (catalogues) ------------------------------------------------------------

    def _tier_block(self, view: PolicyView, heading: Provision, refs: list[TierRef]) -> None:
        ref = next(r for r in refs if r.draft.root == heading.id)
        children = view.children(heading)
        items = [c for c in children if c.kind in _LIST_KINDS]
        lead: tuple[Provision, str] | None = None
        rest = heading.text[len(ref.draft.name) :] if heading.text.startswith(ref.draft.name) else ""
        rest = rest.lstrip("：:。 ")
        if rest and heading.heading is None:
            lead = (heading, rest)
        else:
            paragraph = next((c for c in children if c.kind is ProvisionKind.PARAGRAPH and c not in items), None)
            if paragraph is not None and children.index(paragraph) <= 1:
                lead = (paragraph, paragraph.text)
                self._done.add(paragraph.id)
        role = lead_role(lead[1]) if lead else None
        if lead is not None:
            provision, text = lead
            start = provision.text.find(text)
            self.basic_conditions(provision, Span(text, start, start + len(text)), [ref])
        self._items(view, items, [ref], CORE if role == "CORE" else BASIC)

    # --- lists ---------------------------------------------------------------------------------

    def _list(
        self, view: PolicyView, provision: Provision, items: list[Provision], refs: list[TierRef], role: CriterionRole, rest: str
    ) -> None:
        start = provision.text.find(rest) if rest else -1
        if rest and start >= 0:
            self.basic_conditions(provision, Span(rest, start, start + len(rest)), refs)
        self._items(view, items, refs, role)

    def _items(self, view: PolicyView, items: list[Provision], refs: list[TierRef], role: CriterionRole) -> None:
        for item in items:
            self._done.add(item.id)
            for nested in view.subtree(item):
                self._done.add(nested.id)  # (1)…(5) under a basic item speak of a member, not the tier
            text = item.text.strip()
            if not text or _is_reference_only(text):
                continue
            span = Span(text, 0, len(text))
            if role is BASIC:
                self.basic_conditions(item, span, refs)
            else:
                for ref in refs:
                    self.add(self.core_criterion(ref, role, item, span))

    def core_criterion(self, ref: TierRef, role: CriterionRole, provision: Provision, span: Span) -> CriterionDraft:
        """One criterion for a whole item (its alternatives are the names it lists)."""
        text = span.text.strip("。；;，, ")
        linked = self.linker.link(text)
        facts = readings.read(text)
        parts = facts.readings
        kind = _core_kind(text, linked, parts, facts.discretionary)
        draft = CriterionDraft(
            ref=ref,
            role=role,
            kind=kind,
            text=text,
            cited_in=provision.id,
            order=(*self.doc.order(provision.id), span.start),
            discretionary=facts.discretionary and linked.empty,
            title_ids=tuple(linked.title_ids),
            awards=tuple(linked.awards),
            within_years=facts.within_years,
            unlinked=tuple(linked.unlinked),
        )
        for part in parts:
            draft = _merge(draft, part, self.linker)
        return draft

    def basic_conditions(self, provision: Provision, span: Span, refs: list[TierRef]) -> None:
        """A basic condition, split into one criterion per kind (consecutive plain clauses merge)."""
        intro = _INTRODUCER.search(span.text)
        body = span.text[: intro.start()] if intro else span.text
        # …至少有1名核心成员须具备下列条件之一: what precedes an introducer inside a clause is its subject.
        cut_subject = intro is not None and intro.start() > 0 and span.text[intro.start()] not in "，,"
        pieces: list[Span] = []
        for piece in readings.split(body):
            if is_relaxation(readings.without_asides(piece.text)):
                # 特别优秀的可放宽至50周岁: read once the limits it relaxes are known
                self._relaxations_after.append((provision, refs, piece.text))
                continue
            if any(p.match(piece.text) for p in (_BESIDES, _CONNECTIVE, _APPLICANT)) or readings.is_no_condition(piece.text):
                continue
            if pieces and piece.text.startswith("或"):  # …学历，或…学历: alternatives of one condition
                pieces[-1] = Span(body[pieces[-1].start : piece.end], pieces[-1].start, piece.end)
            else:
                pieces.append(piece)
        merged: list[tuple[Span, list[readings.Reading], Linked, readings.ClauseFacts]] = []
        for piece in pieces:
            piece = Span(piece.text, span.start + piece.start, span.start + piece.end)
            facts = readings.read(piece.text)
            linked = self.linker.link(piece.text)
            plain = len(facts.readings) == 1 and facts.readings[0].kind is CriterionKind.OTHER and linked.empty
            if plain and merged and _is_plain(merged[-1]) and piece.start - merged[-1][0].end <= 1:
                previous = merged[-1][0]
                whole = provision.text[previous.start : piece.end]
                merged[-1] = (Span(whole, previous.start, piece.end), merged[-1][1], merged[-1][2], merged[-1][3])
                continue
            merged.append((piece, facts.readings, linked, facts))
        if cut_subject and merged and _is_plain(merged[-1]) and merged[-1][0].end == span.start + len(body):
            merged.pop()
        merged = self._joined_ages(provision, merged)
        for piece, _, _, _ in merged:
            aside = re.search(r"[（(]([^（）()]*放宽至[^（）()]*)[）)]", piece.text)
            if aside:  # 年龄一般不超过45周岁（取得正高级职称的，年龄可放宽至50周岁）
                pending = (provision, refs, aside.group(1))
                self._relaxations_after.append(pending)
        for piece, parts, linked, facts in merged:
            if facts.discretionary and linked.empty:
                parts = [readings.Reading(CriterionKind.OTHER)]
            if not self.linker.link(readings.without_asides(piece.text)).empty and all(p.kind is not CriterionKind.OTHER for p in parts):
                # 对全职引进的两院院士: the titles are a condition beside the mode, not part of it
                parts = [*parts, readings.Reading(CriterionKind.OTHER)]
            age_bound = any(p.kind is CriterionKind.AGE for p in parts)
            drafts: list[CriterionDraft] = []
            for part in parts:
                if part.kind is CriterionKind.EMPLOYMENT and age_bound:
                    continue  # 刚性引进…50周岁以下、柔性引进…65周岁以下: the modes qualify the ages
                kind = part.kind
                if kind is CriterionKind.OTHER and not linked.empty:
                    kind = CriterionKind.AWARD if linked.first_kind == "award" else CriterionKind.TITLE
                for ref in refs:
                    draft = CriterionDraft(
                        ref=ref,
                        role=BASIC,
                        kind=kind,
                        text=piece.text.strip("。；;，, "),
                        cited_in=provision.id,
                        order=(*self.doc.order(provision.id), piece.start, len(self.criteria) + len(drafts)),
                        discretionary=facts.discretionary and linked.empty,
                        within_years=facts.within_years,
                    )
                    if kind in (CriterionKind.TITLE, CriterionKind.AWARD):
                        draft.title_ids, draft.awards = tuple(linked.title_ids), tuple(linked.awards)
                        draft.unlinked = tuple(linked.unlinked)
                    drafts.append(_merge(draft, part, self.linker))
            for ref in refs:
                self._share_unread([d for d in drafts if d.ref is ref])
            for draft in drafts:
                self.add(draft)

    def _joined_ages(self, provision: Provision, merged: list) -> list:
        """刚性引进的年龄一般不超过55周岁，柔性引进的年龄一般不超过65周岁: limits for different modes
        (or genders) written in consecutive clauses are one age condition."""
        joined: list = []
        for entry in merged:
            if joined and _qualified_age(joined[-1]) and _qualified_age(entry):
                previous = joined[-1][0]
                whole = Span(provision.text[previous.start : entry[0].end], previous.start, entry[0].end)
                facts = readings.read(whole.text)
                joined[-1] = (whole, facts.readings, self.linker.link(whole.text), facts)
                continue
            joined.append(entry)
        return joined

    # --- exclusions ----------------------------------------------------------------------------

    def _exclusion_list(self, provision: Provision, items: list[Provision], refs: list[TierRef]) -> None:
        for item in items:
            self._done.add(item.id)
            text = item.text.strip()
            if text:
                for ref in refs:
                    draft = self.core_criterion(ref, EXCLUSION, item, Span(text, 0, len(text)))
                    if draft is not None:
                        draft.discretionary = False
                    if draft is not None and draft.kind not in (CriterionKind.TITLE, CriterionKind.AWARD):
                        # 取得博士学位后直接留在云南省工作的人员: the degree describes who is excluded;
                        # as a reading it would exclude every doctor.
                        draft = replace(_without_readings(draft), kind=readings.general_kind(text))
                    self.add(draft)

    def _exclusion_sentence(self, provision: Provision, sentence: Span, refs: list[TierRef]) -> None:
        """已成为战略科学家级人才或入选过培养对象的，不再参加…选拔 / 公务员…不能申报."""
        found = _EXCLUSION_LEAD.search(sentence.text)
        assert found is not None
        condition = re.sub(r"的$", "", sentence.text[: found.start()].rstrip("，, "))
        linked = self.linker.link(condition)
        self._tier_names(linked, condition)
        kind = _core_kind(condition, linked, [], False)
        for ref in refs:
            self.add(
                CriterionDraft(
                    ref=ref,
                    role=EXCLUSION,
                    kind=kind,
                    text=sentence.text.strip("。；; "),
                    cited_in=provision.id,
                    order=(*self.doc.order(provision.id), sentence.start),
                    title_ids=tuple(linked.title_ids),
                    awards=tuple(linked.awards),
                    unlinked=tuple(linked.unlinked),
                )
            )

    def _who_may_apply(self, provision: Provision, sentence: Span, refs: list[TierRef]) -> None:
        """申报…，须为…的在职在岗人员，或… — one basic condition (its 或 are alternatives)."""
        must = re.search(r"须为|应为|必须是|应当是|应当为|必须为|应当|必须|须", sentence.text)
        if must is None:
            return
        text = sentence.text[must.start() :].strip("。；; ")
        text = re.split(r"[，,](?=鼓励|支持|欢迎|提倡)", text)[0]
        modes = readings.employment_in(text)
        if modes:
            kind = CriterionKind.EMPLOYMENT
        else:
            kind = readings.general_kind(text)
            kind = kind if kind is CriterionKind.RESIDENCE else CriterionKind.OTHER
        for ref in refs:
            self.add(
                CriterionDraft(
                    ref=ref,
                    role=BASIC,
                    kind=kind,
                    text=text,
                    cited_in=provision.id,
                    order=(*self.doc.order(provision.id), sentence.start + must.start()),
                    employment=modes,
                )
            )

    def _tier_names(self, linked: Linked, text: str) -> None:
        """入选过培养对象: a tier's name stands for the title selection into it confers."""
        for ref in self.plan.refs:
            for name in ref.draft.short_names:
                if len(name) >= 3 and name in text and ref.tier.confers_title_id and ref.tier.confers_title_id not in linked.title_ids:
                    linked.title_ids.append(ref.tier.confers_title_id)

    # --- routes (explanatory notes) ------------------------------------------------------------

    def _route(self, provision: Provision, sentence: Span, route: re.Match[str], refs: list[TierRef]) -> None:
        """…的企业核心技术人才，…的人才以及…推荐的人才，无需…可直接通过“认定赛道”申报带头人."""
        wanted = route.group("tier")
        targets = [r for r in refs if any(name.endswith(wanted) or wanted.endswith(name) for name in r.draft.short_names)]
        if not targets:
            return
        head = sentence.text[: route.start()]
        pieces = [p for p in readings.split(head, "，；") if re.search(r"(?:人才|人员|者)$", p.text)]
        alternatives: list[Span] = []
        for piece in pieces:
            parts = re.split(r"(?<=人才|人员)(?:以及|及|和|或)", piece.text)
            offset = piece.start
            for part in parts:
                at = piece.text.find(part, offset - piece.start)
                alternatives.append(Span(part, sentence.start + piece.start + at, sentence.start + piece.start + at + len(part)))
                offset = piece.start + at + len(part)
        for alternative in alternatives:
            text = re.sub(r"^(?:在[^，]{0,10}上|为[^，]{0,20})", "", alternative.text)
            for ref in targets:
                self.add(self.core_criterion(ref, CORE, provision, Span(text, alternative.start, alternative.end)))

    # --- relaxations ---------------------------------------------------------------------------

    def _relaxation(self, provision: Provision, refs: list[TierRef], text: str | None = None) -> None:
        text = text or _after_heading(provision.text, "放宽条件") or provision.text
        age = _RELAXED_AGE.search(text)
        age_to = _RELAXED_AGE_TO.search(text)
        rank = _RELAXED_RANK.search(text)
        service = _RELAXED_SERVICE.search(text)
        if not (age or age_to or rank or service):
            return
        condition = next((tag for pattern, tag in _CONDITION_TAGS if pattern.search(text)), "OTHER")
        # 申报青年拔尖人才的年龄可放宽至45周岁: a relaxation naming a class is for that class only
        named = [r for m in self.plan.named_tiers(text, refs) for r in m.refs]
        for ref in list(dict.fromkeys(named)) or refs:
            years = numbers.to_int(age.group("n")) or 0 if age else 0
            if age_to:  # 年龄可放宽至53周岁: above the tier's own limit
                limits = [c.max_age for c in self.criteria if c.ref is ref and c.max_age is not None]
                years = max(0, (numbers.to_int(age_to.group("n")) or 0) - max(limits)) if limits else 0
            self.relaxations.append(
                RelaxationDraft(
                    ref=ref,
                    text=text.strip("。 "),
                    cited_in=provision.id,
                    condition=condition,
                    age_years=years,
                    professional_rank_steps=numbers.to_int(rank.group("n")) or 0 if rank else 0,
                    service_years_reduction=numbers.to_int(service.group("n")) or 0 if service else 0,
                    order=self.doc.order(provision.id),
                )
            )

    def add(self, draft: CriterionDraft | None) -> None:
        if draft is None or not draft.text:
            return
        apart: list[CriterionDraft] = []
        if draft.unread is None:
            apart = self._left_unread(draft)
        self.criteria.append(draft)
        self.criteria += apart

    def _share_unread(self, drafts: list[CriterionDraft]) -> None:
        """One condition as written split by kind (年龄在40周岁及以下大学本科以上学历的机关、事业
        单位人员: an age and a degree): each part left unread goes to the criterion of the reading
        it qualifies (首次…全职工作 to the mode), what qualifies none of them to the first, once."""
        readers = [d for d in drafts if d.has_reading and not d.discretionary]
        for draft in drafts:
            draft.unread = ()
        if not readers:
            return
        found = unread.left_unread(readers[0].text, self.linker, split_alternatives=False)
        held = {_reading_of(d.kind) for d in readers}
        for index, draft in enumerate(readers):
            draft.unread, draft.unread_alternatives = found.of(_reading_of(draft.kind), index == 0, held)

    def _left_unread(self, draft: CriterionDraft) -> list[CriterionDraft]:
        """Fill `draft.unread`; a core item's alternatives that are not read at all become core
        criteria of their own (获得…资助的出站博士后，或者在…博士后工作站出站…), so that the reading
        of the others never fails someone who meets them."""
        draft.unread = ()
        if not draft.has_reading or draft.discretionary:
            return []
        text = draft.text
        if draft.role is EXCLUSION:  # what the exclusion applies to, not the exclusion itself
            lead = _EXCLUSION_LEAD.search(text)
            text = text[: lead.start()] if lead else text
        found = unread.left_unread(text, self.linker, split_alternatives=draft.role is CORE)
        draft.unread = found.unread
        draft.unread_alternatives = found.other_ways
        apart: list[CriterionDraft] = []
        for alternative in found.alternatives:
            written = unread.shown(alternative.text)
            apart.append(
                CriterionDraft(
                    ref=draft.ref,
                    role=draft.role,
                    kind=readings.general_kind(written),
                    text=written,
                    cited_in=draft.cited_in,
                    order=(*draft.order, alternative.start),
                    discretionary=readings.is_catch_all(written),
                    within_years=numbers.within_years(written),
                    unread=(),
                )
            )
        return apart


# --- helpers -------------------------------------------------------------------------------------


def is_relaxation(text: str) -> bool:
    """年龄条件放宽2岁 / 年龄上限可提高至45周岁 / 职称要求可放宽一级."""
    return bool(_RELAXATION_WORDS.search(text)) and bool(
        _RELAXED_AGE.search(text) or _RELAXED_AGE_TO.search(text) or _RELAXED_RANK.search(text)
    )


def is_exclusion(text: str) -> bool:
    """不得参加选拔 / 不在…之列 / 不能申报 — not a revocation (取消…) or a penalty (…年内不得…)."""
    return (
        bool(_EXCLUSION_LEAD.search(text))
        and not _REVOCATION.search(text)
        and not _PENALTY.search(text)
        and not is_bar(text)  # 入选人才在支持期内不得申报…项目: a stacking rule
    )


def _after_heading(text: str, heading: str) -> str:
    rest = text[len(heading) :] if text.startswith(heading) else ""
    return rest.lstrip("。：:；;， ")


def _is_reference_only(text: str) -> bool:
    """《…》规定的其他支持政策: points elsewhere, states nothing."""
    return bool(re.fullmatch(r"《[^《》]+》[^，。；]{0,12}[。；]?", text))


def _qualified_age(entry: tuple) -> bool:
    """A clause that is an age limit for one mode or gender only (刚性引进的…55周岁以下)."""
    span, parts, _, _ = entry
    kinds = {p.kind for p in parts}
    return (
        CriterionKind.AGE in kinds
        and kinds <= {CriterionKind.AGE, CriterionKind.EMPLOYMENT}
        and (CriterionKind.EMPLOYMENT in kinds or bool(re.search(r"[男女]", span.text)))
    )


def _is_plain(entry: tuple) -> bool:
    _, parts, linked, facts = entry
    return len(parts) == 1 and parts[0].kind is CriterionKind.OTHER and linked.empty and not facts.discretionary


def _core_kind(text: str, linked: Linked, parts: list[readings.Reading], discretionary: bool) -> CriterionKind:
    """One kind for a core item: thresholds first, then the names it lists, then the rest."""
    kinds = [p.kind for p in parts]
    if discretionary and linked.empty:
        return CriterionKind.OTHER
    for kind in (CriterionKind.SALARY, CriterionKind.TAX):
        if kind in kinds:
            return kind
    if linked.title_ids or linked.awards:
        return CriterionKind.AWARD if linked.first_kind == "award" else CriterionKind.TITLE
    for kind in (CriterionKind.EDUCATION, CriterionKind.DEGREE, CriterionKind.PROFESSIONAL_RANK):
        if kind in kinds:
            return kind
    general = readings.general_kind(text)
    if general is CriterionKind.POSITION:
        return general
    if linked.unlinked:
        return CriterionKind.AWARD if linked.first_kind == "award" else CriterionKind.TITLE
    for kind in (CriterionKind.AGE, CriterionKind.EMPLOYMENT):
        if kind in kinds:
            return kind
    return general


def _merge(draft: CriterionDraft, part: readings.Reading, linker: Linker) -> CriterionDraft:
    """Copy a reading's structured parts onto the criterion of its kind."""
    if part.kind is CriterionKind.AGE and draft.kind is CriterionKind.AGE:
        exempt = tuple(t for t in (resolve_loose(linker.resolver, name) for name in part.age_exempt) if t)
        return replace(
            draft, max_age=part.max_age, age_exempt_title_ids=exempt, age_limits=part.age_limits, age_is_usual=part.age_is_usual
        )
    if part.kind in (CriterionKind.DEGREE, CriterionKind.PROFESSIONAL_RANK, CriterionKind.EDUCATION) and draft.kind in (
        CriterionKind.DEGREE,
        CriterionKind.PROFESSIONAL_RANK,
        CriterionKind.EDUCATION,
    ):
        return replace(draft, min_degree=part.min_degree, min_professional_rank=part.min_professional_rank)
    if part.kind is CriterionKind.EMPLOYMENT and draft.kind is CriterionKind.EMPLOYMENT:
        return replace(
            draft,
            employment=part.employment,
            min_service_days_per_year=part.min_service_days_per_year,
            min_service_months=part.min_service_months,
        )
    if part.kind in (CriterionKind.SALARY, CriterionKind.TAX) and draft.kind is part.kind:
        return replace(draft, min_amount=part.min_amount)
    return draft


def _reading_of(kind: CriterionKind) -> str | None:
    """The reading (readings.reading_spans, unread.TITLE) a criterion of `kind` holds."""
    return {
        CriterionKind.AGE: readings.AGE,
        CriterionKind.DEGREE: readings.EDUCATION,
        CriterionKind.PROFESSIONAL_RANK: readings.EDUCATION,
        CriterionKind.EDUCATION: readings.EDUCATION,
        CriterionKind.EMPLOYMENT: readings.EMPLOYMENT,
        CriterionKind.SALARY: readings.AMOUNT,
        CriterionKind.TAX: readings.AMOUNT,
        CriterionKind.TITLE: unread.TITLE,
        CriterionKind.AWARD: unread.TITLE,
    }.get(kind)


def _without_readings(draft: CriterionDraft) -> CriterionDraft:
    return replace(
        draft,
        max_age=None,
        age_limits=(),
        age_is_usual=False,
        min_degree=None,
        min_professional_rank=None,
        employment=(),
        min_amount=None,
        min_service_days_per_year=None,
        min_service_months=None,
    )

