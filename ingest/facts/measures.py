"""Policy-style measures (意见, 若干措施: 一、… （一）…) -> programs, tiers, criteria, benefits.

Such a policy has no classification catalogue: each item (（一）刚柔相济招引高层次人才) states who
is supported and with what, sentence by sentence. An item with at least one grant becomes a
program; each grant sentence names its beneficiaries, who become a tier:

- 对X的，给予… / 针对X，…给予… — X is the tier (对获评“东川头雁人才”的，给予表扬奖励);
- 引进X，或Y；…签订5年以上合同，区级财政给予… — X and Y are core alternatives of one tier, the
  clauses that bind them (签订…合同, 每年…工作时间超过60天) basic conditions;
- a distribution (…博士研究生，…硕士研究生，…本科紧缺人才，…分别给予每人25万元、10万元、5万元)
  gives one tier per class, paired in order with the amounts;
- 学历提升: 对取得博士…的，给予3万元…；取得硕士…的，给予2万元… — one tier per ；-part; a part
  that names no one new (…；服务期内每月分别给予…; …；服务期满考核合格的，一次性给予…) grants
  again to the tiers before it;
- classes one measure defines (分为第一层次（顶尖人才）、…; `classes`) are tiers of their own, ranked
  first, and a grant naming them (全职引进的第一、二、三层次人才; 全职引进的高层次人才…按以下标准：
  1.第一层次人才最高150万元…) is paid to them; so are the services a measure names them for;
- 每年遴选“X”…，入选者…。对入选者给予… — the tier is X, the clauses about 入选者 its conditions.

Tiers of one program are ranked by what they are granted (the better-paid class first), since
the text gives them no codes. A program is named by the quoted name of its item (“雁归东川”), the
title its grant rewards (获评“东川头雁人才”), else its item heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import HOUSE_PRICE, BenefitKind, CriterionKind, Employment, Provision, ProvisionKind, Recipient
from graphapi.domain.regions import RegionTree
from ingest.facts import benefits as benefit_rules
from ingest.facts import numbers, readings
from ingest.facts.benefits import BenefitDraft, amount_range, benefit_amounts, caps_in, is_service_part, kind_of, terms
from ingest.facts.classes import DefinedClasses, defined_classes, names_people
from ingest.facts.criteria import BASIC, CORE, CriteriaReader, CriterionDraft
from ingest.facts.linking import Linker
from ingest.facts.plan import Plan, TierRef
from ingest.facts.programs import ProgramDraft, TierDraft, place_of, program_name_from_title
from ingest.facts.readings import Span
from ingest.facts.tree import DocumentView, PolicyView

_GRANT = re.compile(r"给予|配套|开通|发放|奖励(?!资金)|资助(?=\d)")
_SERVICE = re.compile(r"绿色通道|优先服务|服务保障|表扬")
_TO_WHOM = re.compile(r"^(?:对于|对|针对)")
_STARTERS = re.compile(r"^(?:或|或者)?(?:引进|招募|返聘|回引|面向|选派|聘请)|(?:引进|招募|返聘|回引|聘请)(?=[^，。；]{2})")
_BINDING = re.compile(r"签订|服务期|累计工作|工作时间|聘用为|合同|协议|(?:工作|服务)[^，。；]{0,4}不少于")
_AGENCY = re.compile(r"^(?:由|经|根据|按照|按|区级|市级|县级|用人单位|所在单位|开通|确保)")
_CLASS_WORD = re.compile(r"博士|硕士|本科|专科|研究生|初级|中级|副高|正高|高级|[A-Z]类|[一二三四五六七八九十]级")
_LEADING = re.compile(
    r"^(?:或者|或|对于|对|针对|面向[^，。；]{0,6}?(?=引进|招募|回引)|引进|招募、返聘|招募|返聘|回引|获评为|获评|荣获|取得|获得|具有|成功申报为|申报为|注册为|纳入|分别获得|分别)+"
)
_AGE_PHRASE = re.compile(rf"(?:年龄在)?(?:各地区)?(?:(?:[男女]性?)?{numbers.NUMBER}\s*周岁(?:及以下|以下|以内)?[、，]?)+")
_HEADING_OBJECT = re.compile(r"^.*(?:招引|引进|培育|回引|激励|促进|推进|加快|建立|鼓励|深化|实施|推动)")
_QUOTED = re.compile(r"“([^“”]{2,20})”")
# Whom a measure is for, named in its heading (激励**机关事业干部**学历提升, 关爱**乡村教师**):
# after the verbs, a group of people by post or sector, not a class the criteria define
# (高层次人才, 紧缺专业人才, 青年人才).
_HEADING_VERBS = re.compile(
    r"^(?:进一步|全面|大力|坚持|建立健全|建立|健全|完善|加强|加快|加大|促进|推进|推动|激励|鼓励|支持|实施|深化|强化|培育|培养"
    r"|招引|引进|回引|集聚|关爱|关心|吸引|优化|提升|打造|做好|落实|返聘|招募|壮大|稳定|保障|引导|服务)+"
)
_GROUP = re.compile(
    r"^(?P<who>[^，。；、“”（）]{1,10}?(?:干部|教师|医生|医师|医务人员|校长|职工|工作人员|公务员|农民|工匠|人才|人员|专家))"
)
_DEFINED_GROUP = re.compile(
    r"^(?:各类|优秀|高层次|高端|顶尖|领军|急需紧缺|急需|紧缺|拔尖|青年|骨干|创新|创业|专业技术|专业|科技|产业|高素质|本土|外来|海外|乡土)*"
    r"(?:人才|人员|专家)$"
)
# 关于实施人才振兴计划促进东川高质量发展的意见: the program a policy of measures names.
_PROGRAM_WORD = re.compile(
    r"(?:^|实施|推进|打造|开展|启动)(?P<name>“[^“”]{2,12}”(?:人才)?(?:计划|工程)|[^，。；“”《》\s]{0,8}?(?:人才[^，。；“”《》\s]{0,4}?计划|英才计划|人才工程))"
)
_QUOTED_PROGRAM = re.compile(r"(?P<name>“[^“”]{2,12}”(?:人才)?(?:计划|工程))")
_TITLE_VERBS = re.compile(r"^(?:进一步|全面)?(?:加强|加快|支持|促进|推进|实施|深化|做好|强化|完善|打造|开展|启动)+")
_BACK_REFERENCE = re.compile(r"^(?:对于|对)?(?:本措施|上述|以上)?(?P<mode>全职|柔性|刚性)?引进(?:的)?(?:各类|上述|以上)?人才(?!计划)")
_INTRODUCED = re.compile(r"引进|回引")
_BARE_NOUNS = frozenset({"补贴", "补助", "资助", "奖补"})
_HOUSING = re.compile(r"购房|购买[^，。；]{0,6}住房|安家")
_PROVIDES = re.compile(r"^(?:并|同时|另)?(?:免费)?提供")
_PEOPLE = re.compile(r"(?:人员|人才|人选|专家|者|带头人|医生|教师)的?$")
_LIST_VERB = re.compile(r"^(?:建立|设立|组建|建设|创建|打造|依托)")
# A beneficiary that is an organisation: the target clause ends with one (…的劳务合作社, …建设的).
_ORGANIZATION = re.compile(r"(?:企业|单位|合作社|机构|医院|学校|小院|大院|基地|平台|建设)的?$")
# 人力资源服务机构、社会组织等引荐第一、二层次人才到保山全职工作的: a reward for bringing people in
_REFERRAL = re.compile(r"引荐|荐才|推荐[^，。；]{0,10}(?:人才|专家)|中介|猎头")
# 对入选者给予… / 对培养对象…: the selected, whom the measure names where it selects them
_SELECTED = re.compile(rf"^(?:对于|对)?(?:{readings.SELECTED})$")
_SELECTED_SAID = re.compile(rf"(?:{readings.SELECTED})(?=[^，。；]{{2}})")  # 入选者一般在50周岁以下
_SELECTS = re.compile(r"(?:遴选|选拔|评选|选树|认定)(?:出)?(?:一批)?“(?P<name>[^“”]{2,16})”")
_DEGREE_CLASS = re.compile(r"(?:博士研究生|硕士研究生|博士后|本科毕业生)$")
# 给予购房补贴 / 给予住房、生活补贴: the benefit a grant names (a list and amounts inside it
# included); 给予一次性生活补贴5万元: the one it names before an amount, the noun alone
_GIVEN = re.compile(rf"给予(?P<noun>[^，。；：:]{{0,10}}?{benefit_rules.BENEFIT_NOUN})")
_GIVEN_PAID = re.compile(rf"给予(?P<noun>[^，。；、\d]{{0,10}}?{benefit_rules.BENEFIT_NOUN})(?=\d|[^，。；]{{0,4}}\d)")
# where a non-cash grant's beneficiaries end and what they get begins
# (benefits' grant wording, what is arranged for them, or their family: 配偶就业、子女入学…优先安排)
_SERVICE_VERB = re.compile(rf"{benefit_rules.SERVICE_ASKED}|由[^，。；]{{0,16}}(?:安排|办理|解决)|配偶|子女|家属")


@dataclass(slots=True)
class _Grant:
    """One grant: who (targets) gets what (the grant clauses), in one body provision."""

    provision: Provision
    part: Span  # offsets in the provision text
    targets: list[Span]  # one per tier (several for a distribution)
    alternatives: list[Span]  # core alternatives of a single target
    binding: list[Span]  # basic conditions shared by its tiers
    grant: Span  # from the grant clause to the end of the part
    amounts: list[float]  # per target for a distribution, else the amounts granted
    flexible: Span | None = None  # the clause that says 柔性
    # 全职引进的人才…购房的: the grant is for classes brought in by the other measures (the mode
    # they must have come in, or "" for any), not a class of its own
    refers_back: str | None = None
    per_tier: bool = False  # the amounts are one per tier, in order (…分别给予…20万元、5万元)
    classes: list[TierDraft] = field(default_factory=list)  # classes another measure defines, if it names them
    continues: _Grant | None = None  # …；服务期满考核合格的，一次性给予2万元奖励: for the same tiers
    lead: Span | None = None  # 对全职引进到…工作的45周岁以下博士、35周岁以下硕士: said of every class
    context: str = ""  # a sub-item's measure: the terms are stated around it (分5年发放; 按房价的30%)
    noun: str | None = None  # a sub-item's benefit, named by its measure (按以下标准给予购房补贴：)
    selected: str | None = None  # 每年遴选“X”…，对入选者给予…: the tier is X
    described: Span | None = None  # 入选者一般在50周岁以下，具有…: the conditions of the selected

    @property
    def terms_text(self) -> str:
        return self.context or self.part.text


@dataclass(slots=True)
class _Unit:
    item: Provision
    heading: str
    grants: list[_Grant] = field(default_factory=list)
    tier_of: list[list[TierDraft]] = field(default_factory=list)  # per grant, its tiers


@dataclass(slots=True)
class Measured:
    criteria: list[CriterionDraft] = field(default_factory=list)
    benefits: list[BenefitDraft] = field(default_factory=list)


class MeasureReader:
    def __init__(self, doc: DocumentView, resolver: EntityResolver, regions: RegionTree, taken: set[str]) -> None:
        self.doc = doc
        self.resolver = resolver
        self.regions = regions
        self.taken = taken
        self.units: list[_Unit] = []
        self.classes: dict[str, DefinedClasses] = {}  # policy id -> the classes one of its measures defines

    # --- programs ------------------------------------------------------------------------------

    def programs(self) -> list[ProgramDraft]:
        """One program per policy that grants support measure by measure: the policy's own (东川区
        人才振兴计划, 宜良县乡村振兴人才引育), whose tiers are the beneficiaries of every measure."""
        drafts: list[ProgramDraft] = []
        for view in self.doc.policies:
            if view.policy.id in self.taken:
                continue
            items = [p for p in view.provisions if p.kind is ProvisionKind.ITEM and not view.in_annex(p)]
            if not items:
                items = [p for p in view.provisions if p.kind is ProvisionKind.SECTION and not view.in_annex(p)]
            classes = defined_classes(items)
            if classes is not None:
                self.classes[view.policy.id] = classes
            units = [unit for unit in (self._unit(view, item, classes) for item in items) if unit.grants]
            if units:
                drafts.append(self._program(view, units, classes))
                self.units += units
        return drafts

    def _unit(self, view: PolicyView, item: Provision, classes: DefinedClasses | None) -> _Unit:
        heading = (item.heading or item.text).strip()
        unit = _Unit(item, heading)
        bodies = [item] + [c for c in view.children(item) if c.kind is ProvisionKind.PARAGRAPH]
        for body in bodies:
            text = body.text if body is not item or not item.heading else body.text[len(item.heading) :]
            offset = len(body.text) - len(text)
            for sentence in readings.split(text, "。"):
                previous: _Grant | None = None
                for part in self._parts(sentence):
                    span = Span(part.text, offset + part.start, offset + part.end)
                    grant = self._grant(body, span, classes)
                    if previous is not None and (grant is None or not grant.classes and not names_people(grant.targets[0])):
                        # …；服务期内每月分别给予生活补贴3000元、1500元 / …；服务期满考核合格的，一次性给予…
                        grant = _continued(previous, body, span) or grant
                    if grant is not None:
                        unit.grants.append(grant)
                        previous = grant
        unit.grants = [g for grant in unit.grants for g in self._by_subitem(view, item, grant, classes)]
        for grant in unit.grants:
            _selected(item, grant)
        return unit

    def _by_subitem(self, view: PolicyView, item: Provision, grant: _Grant, classes: DefinedClasses | None) -> list[_Grant]:
        """按以下标准给予购房补贴：1.第一层次人才最高150万元；2.… — a grant per sub-item, to whom it
        names, with the measure's benefit and the terms stated around the list (分5年发放)."""
        subitems = [p for p in view.subtree(item) if p.kind is ProvisionKind.SUBITEM]
        if grant.amounts or not subitems or not re.search(r"(?:以下|下列|如下)标准|[：:]$", grant.part.text):
            return [grant]
        named = _GIVEN.search(grant.grant.text)
        around = [p.text for p in view.subtree(item) if p.kind is ProvisionKind.PARAGRAPH]
        context = "。".join([grant.part.text.rstrip("：:"), *around])
        grants: list[_Grant] = []
        for subitem in subitems:
            moneys = benefit_amounts(subitem.text)
            if not moneys:
                continue
            written = subitem.text.rstrip("。；; ")
            whole = Span(written, 0, len(written))
            before = re.sub(r"(?:最高|给予|可获|每人|为|[，,])+$", "", subitem.text[: moneys[0].start])
            target = Span(before, 0, len(before))
            found = classes.named(subitem.text) if classes else None
            if found is None and not names_people(target):
                continue
            grants.append(
                _Grant(
                    provision=subitem,
                    part=whole,
                    targets=[target],
                    alternatives=[],
                    binding=[],
                    grant=whole,
                    amounts=[moneys[0].yuan],
                    classes=found.tiers if found else [],
                    context=context,
                    noun=named.group("noun") if named else None,
                )
            )
        return grants or [grant]

    @staticmethod
    def _parts(sentence: Span) -> list[Span]:
        """A sentence whose ；-parts each grant an amount (学历提升) is several grants."""
        parts = readings.split(sentence.text, "；;")
        if len(parts) > 1 and sum(bool(benefit_amounts(p.text)) for p in parts) > 1:
            return [Span(p.text, sentence.start + p.start, sentence.start + p.end) for p in parts]
        return [sentence]

    def _grant(self, provision: Provision, part: Span, classes: DefinedClasses | None = None) -> _Grant | None:
        text = part.text
        clauses = readings.split(text, "，；,;")
        index = next(
            (
                i
                for i, clause in enumerate(clauses)
                if _GRANT.search(clause.text)
                and (benefit_amounts(text[clause.start :]) or _SERVICE.search(text[clause.start :]) or re.search(benefit_rules.BENEFIT_NOUN, clause.text))
            ),
            None,
        )
        if index is None:
            return None
        grant_clause = clauses[index]
        head_end = grant_clause.start + _GRANT.search(grant_clause.text).start()
        # 对分别获得初级、中级、高级社会工作师证的人员分别给予…: the target opens the grant clause.
        before = [c for c in clauses[:index]]
        head = text[grant_clause.start : head_end]
        if _TO_WHOM.match(head):
            before.append(Span(head.rstrip("，, 分别"), grant_clause.start, grant_clause.start + len(head.rstrip("，, 分别"))))
        grant = Span(text[grant_clause.start :], grant_clause.start, len(text))
        moneys = benefit_amounts(grant.text)
        lists = numbers.amount_lists(grant.text)
        distribution = "分别" in text and any(len(lst) >= 2 for lst in lists)
        flexible = next((c for c in clauses[: index + 1] if "柔性" in c.text), None)
        to_whom = [i for i, c in enumerate(before) if _TO_WHOM.match(c.text)]
        targets: list[Span] = []
        alternatives: list[Span] = []
        binding: list[Span] = []
        if to_whom:
            first = to_whom[-1]
            chosen = [c for c in before[first:] if not _AGENCY.match(c.text) and not c.text.endswith("的") or c is before[first]]
            joined = Span(text[chosen[0].start : chosen[-1].end], chosen[0].start, chosen[-1].end)
            targets = [joined]
        else:
            started = False
            for clause in before:
                if _BINDING.search(clause.text) and started:
                    binding.append(clause)
                elif _STARTERS.search(clause.text) or (started and not _AGENCY.match(clause.text) and not clause.text.endswith("的")):
                    started = True
                    alternatives.append(clause)
                elif distribution and _CLASS_WORD.search(clause.text) and not _BINDING.search(clause.text):
                    started = True
                    alternatives.append(clause)
            if not alternatives and before and before[-1].text.endswith("的") and not _AGENCY.match(before[-1].text):
                alternatives = [before[-1]]  # 取得硕士研究生学历、学位“双证”的，给予2万元…
            if not alternatives and distribution:
                # 建立科技小院、专家大院等产学研新平台，…每年分别配套工作经费20万元、10万元: the
                # list before the grant names the classes the amounts go to, in order
                size = max(len(lst) for lst in lists)
                listed = next((c for c in reversed(before) if len(_listed_items(c)) == size), None)
                alternatives = [listed] if listed else []
            targets = [Span(text[alternatives[0].start : alternatives[-1].end], alternatives[0].start, alternatives[-1].end)] if alternatives else []
        if not targets:
            return None
        amounts = [m.yuan for m in moneys]
        named = classes.named(targets[0].text) if classes and len(targets) == 1 else None
        if named is not None:
            # 全职引进的第一、二、三层次人才，每月分别给予8000元、5000元、3000元: the classes another
            # measure defines, each with its amount (or each with all of them)
            listed = next((lst for lst in lists if len(lst) == len(named.tiers)), None)
            shift = part.start
            return _Grant(
                provision=provision,
                part=part,
                targets=[_shifted(targets[0], shift)],
                alternatives=[],
                binding=[],
                grant=_shifted(grant, shift),
                amounts=[m.yuan for m in listed] if listed and len(named.tiers) > 1 else amounts,
                per_tier=bool(listed) and len(named.tiers) > 1,
                classes=named.tiers,
            )
        lead: Span | None = None
        if distribution:
            size = max(len(lst) for lst in lists)
            listed = next(lst for lst in lists if len(lst) == size)
            items = self._distributed(text, targets[0], alternatives, size)
            if items is None:
                return None
            targets, alternatives = items, []
            amounts = [m.yuan for m in listed]
            lead, targets[0] = _shared_lead(targets[0])
        shift = part.start
        back = _BACK_REFERENCE.match(targets[0].text) if len(targets) == 1 else None
        return _Grant(
            provision=provision,
            part=part,
            targets=[_shifted(t, shift) for t in targets],
            alternatives=[_shifted(a, shift) for a in alternatives],
            binding=[_shifted(b, shift) for b in binding],
            grant=_shifted(grant, shift),
            amounts=amounts,
            flexible=_shifted(flexible, shift) if flexible and not back else None,
            refers_back=(back.group("mode") or "") if back else None,
            per_tier=distribution,
            lead=_shifted(lead, shift) if lead else None,
        )

    @staticmethod
    def _distributed(text: str, target: Span, alternatives: list[Span], size: int) -> list[Span] | None:
        """The classes a distribution pairs with its amounts: N target clauses naming a class, or
        an N-item list inside the target (初级、中级、高级社会工作师证; 建立科技小院、专家大院等…)."""
        classed = [a for a in alternatives if _CLASS_WORD.search(a.text)]
        if len(classed) == size:
            return classed
        items = _listed_items(target)
        if len(items) == size and re.search(r"等[^，。；、]*$", target.text):
            return items
        pieces = readings.split(target.text, "、")
        if len(pieces) == size:
            return [Span(p.text, target.start + p.start, target.start + p.end) for p in pieces]
        # 35周岁及以下全日制博士研究生、30周岁及以下全日制硕士研究生，以及“双一流”建设高校本科毕业生
        parts: list[Span] = []
        for piece in readings.split(target.text, "、，,"):
            joined = re.match(r"^(?:以及|及|和|或)", piece.text)
            start = piece.start + (joined.end() if joined else 0)
            parts.append(Span(target.text[start : piece.end], target.start + start, target.start + piece.end))
        classed = [p for p in parts if _CLASS_WORD.search(p.text)]
        return classed if len(classed) == size else None

    def _program(self, view: PolicyView, units: list[_Unit], classes: DefinedClasses | None) -> ProgramDraft:
        tiers = [*(classes.tiers if classes else []), *(tier for unit in units for tier in self._tiers(unit))]
        _unique_names(tiers)
        name = policy_program_name(view.policy.title, view.policy.region)
        region, level = place_of(name, view.policy, self.regions)
        return ProgramDraft(
            name=name,
            policy_id=view.policy.id,
            cited_in=self._established_in(view, name) or units[0].grants[0].provision.id,
            layout="measures",
            region=region,
            level=level,
            roots=[unit.item.id for unit in units],
            policies=[view.policy.id],  # a clause outside every item (就高原则) speaks of all of them
            tiers=tiers,
        )

    @staticmethod
    def _established_in(view: PolicyView, name: str) -> str | None:
        """The provision that names the program (实施人才振兴计划…), if one does."""
        core = _PROGRAM_WORD.search(name) or _QUOTED_PROGRAM.search(name)  # 保山市“永昌英才”计划: “永昌英才”计划
        wanted = core.group("name") if core else name
        for provision in view.provisions:
            if wanted in provision.text:
                return provision.id
        return None

    def _tiers(self, unit: _Unit) -> list[TierDraft]:
        """One tier per beneficiary of each grant of a measure."""
        flexible_unit = any(g.flexible for g in unit.grants)
        tiers_per_grant: list[list[TierDraft]] = []
        for grant in unit.grants:
            tiers: list[TierDraft] = []
            if grant.refers_back is not None or grant.classes or grant.continues is not None:
                tiers_per_grant.append(tiers)  # paid to tiers of their own elsewhere
                continue
            distribution = len(grant.targets) > 1
            shared = _shared_suffix([t.text for t in grant.targets]) if distribution else ""
            for index, target in enumerate(grant.targets):
                name = grant.selected or _target_name(target.text, shared if index < len(grant.targets) - 1 else "", distribution)
                if not distribution and (grant.alternatives or not name):
                    obj = _HEADING_OBJECT.sub("", unit.heading) or unit.heading
                    if flexible_unit:
                        name = f"{obj}（{'柔性' if grant.flexible else '刚性'}引进）"
                    elif not name or len(grant.alternatives) > 1:
                        quoted = _QUOTED.search(unit.heading)
                        name = quoted.group(1) if quoted else obj
                amount = grant.amounts[index] if distribution and index < len(grant.amounts) else max(grant.amounts, default=0.0)
                quoted_title = _QUOTED.search(target.text)
                title = self.resolver.resolve_title(quoted_title.group(1)) if quoted_title else None
                said = " ".join([grant.lead.text if grant.lead else "", target.text, *(a.text for a in grant.alternatives), unit.heading])
                core = _DEGREE_CLASS.search(name)  # 全日制博士研究生 is written 博士研究生 too
                tiers.append(
                    TierDraft(
                        name=name,
                        cited_in=grant.provision.id,
                        title_id=title.entity.id if title else None,
                        short_names=tuple(dict.fromkeys([name, *([core.group(0)] if core else [])])),
                        for_team=bool(re.search(r"团队$", name)),
                        amount=amount,
                        introduced=bool(_INTRODUCED.search(said)),
                        mode=Employment.FLEXIBLE if grant.flexible or "柔性" in said else (
                            Employment.FULL_TIME if re.search(r"全职|刚性", said) else None
                        ),
                    )
                )
            tiers_per_grant.append(tiers)
        unit.tier_of = tiers_per_grant
        return [t for tiers in tiers_per_grant for t in tiers]

    # --- criteria and benefits -------------------------------------------------------------------

    def facts(self, plan: Plan, linker: Linker) -> Measured:
        measured = Measured()
        reader = CriteriaReader(self.doc, plan, linker)
        by_draft = {id(r.draft): r for r in plan.refs if r.layout == "measures"}
        for unit in self.units:
            for grant, tiers in zip(unit.grants, unit.tier_of, strict=True):
                paid = self._paid_to(unit, grant, by_draft)
                for index, ref in enumerate(paid):
                    measured.benefits += self._benefits(ref, grant, index, len(paid))
                for index, tier in enumerate(tiers):
                    ref = by_draft.get(id(tier))
                    if ref is None:
                        continue
                    mark = len(reader.criteria)
                    self._criteria(reader, ref, grant, index)
                    if grant.flexible is None and any(g.flexible for g in unit.grants):
                        self._rigid(reader, ref, unit, reader.criteria[mark:])
                    _for_whom(unit.heading, [c for c in reader.criteria[mark:] if c.ref is ref])
                    measured.benefits += self._benefits(ref, grant, index, len(tiers))
                if grant.refers_back is not None:
                    for ref in self._brought_in(plan, grant):
                        measured.benefits += self._benefits(ref, grant, 0, 1)
        measured.benefits += self._services(plan, by_draft)
        measured.criteria = reader.criteria
        return measured

    def _paid_to(self, unit: _Unit, grant: _Grant, by_draft: dict[int, TierRef]) -> list[TierRef]:
        """The tiers a grant is paid to that are not its own: the classes it names, or those of
        the grant it continues."""
        if grant.continues is not None:
            first = grant.continues
            if first.classes:
                drafts = first.classes
            else:
                drafts = next((tiers for g, tiers in zip(unit.grants, unit.tier_of, strict=True) if g is first), [])
        else:
            drafts = grant.classes
        return [by_draft[id(d)] for d in drafts if id(d) in by_draft]

    def _services(self, plan: Plan, by_draft: dict[int, TierRef]) -> list[BenefitDraft]:
        """Non-cash grants of the measures to tiers already known (高层次人才配偶就业、子女入学…优先
        安排; 第一、二层次人才可享受…绿色通道服务; 全职引进的博士研究生可申请入住…): no new tier."""
        granted = [(g.provision.id, g.part.start, g.part.end) for unit in self.units for g in unit.grants]
        drafts: list[BenefitDraft] = []
        for view in self.doc.policies:
            refs = [r for r in plan.refs if r.layout == "measures" and r.program.policy_id == view.policy.id]
            if not refs:
                continue
            classes = self.classes.get(view.policy.id)
            own = [r for r in refs if not classes or r.draft not in classes.tiers]
            for provision in view.provisions:
                if provision.kind not in (ProvisionKind.ITEM, ProvisionKind.PARAGRAPH) or view.in_annex(provision):
                    continue
                for sentence in readings.split(provision.text, "。"):
                    for part in readings.split(provision.text, "；;", sentence.start, sentence.end):
                        if any(pid == provision.id and start < part.end and part.start < end for pid, start, end in granted):
                            continue  # read as a grant already
                        drafts += self._service(provision, part, classes, own, plan, by_draft)
        return drafts

    def _service(
        self,
        provision: Provision,
        part: Span,
        classes: DefinedClasses | None,
        own: list[TierRef],
        plan: Plan,
        by_draft: dict[int, TierRef],
    ) -> list[BenefitDraft]:
        text = part.text
        verb = _SERVICE_VERB.search(text)
        if not text or not is_service_part(text) or verb is None:
            return []
        found = classes.named(text) if classes else None
        refs: list[TierRef] = []
        end = 0
        if found is not None and found.start < verb.start():
            refs = [by_draft[id(t)] for t in found.tiers if id(t) in by_draft]
            end = found.end
        else:
            mentioned = [m for m in plan.named_tiers(text, own) if m.start < verb.start()]
            if mentioned:
                refs = list(dict.fromkeys(r for m in mentioned for r in m.refs))
                end = mentioned[-1].end
        if not refs:
            return []
        first = readings.split(text[end:], "，,")[0].text if text[end:].strip("，, ") else text
        label = benefit_rules.without_verbs(re.sub(r"^(?:人才|人员|的)+", "", first))[:20] or first[:20]
        common = terms(text)
        return [
            BenefitDraft(
                ref=ref,
                kind=kind_of(label, text) or BenefitKind.SERVICE,
                name=label,
                text=text.strip("。；; "),
                cited_in=provision.id,
                order=(*self.doc.order(provision.id), part.start),
                period=common.period,
                years=common.years,
                conditions=common.conditions,
                employment=common.employment,
                statement=text,
            )
            for ref in refs
        ]

    def _brought_in(self, plan: Plan, grant: _Grant) -> list[TierRef]:
        """The classes of the same policy that its measures bring in (引进), in the mode the grant
        names (全职引进的人才: not those brought in 柔性)."""
        policy = self.doc.by_provision[grant.provision.id].policy.id
        refs = [r for r in plan.refs if r.layout == "measures" and r.program.policy_id == policy and r.draft.introduced]
        if grant.refers_back in ("全职", "刚性"):
            return [r for r in refs if r.draft.mode is not Employment.FLEXIBLE]
        if grant.refers_back == "柔性":
            return [r for r in refs if r.draft.mode is Employment.FLEXIBLE]
        return refs

    def _criteria(self, reader: CriteriaReader, ref: TierRef, grant: _Grant, index: int) -> None:
        provision = grant.provision
        if grant.lead is not None:
            reader.basic_conditions(provision, grant.lead, [ref])
        if grant.described is not None:
            reader.basic_conditions(provision, grant.described, [ref])
        elif len(grant.targets) > 1 or not grant.alternatives:
            bound, target = _bound_before(grant.targets[index])
            if bound is not None:
                reader.basic_conditions(provision, bound, [ref])
            facts = readings.read(target.text)
            specific = [r for r in facts.readings if r.kind is not CriterionKind.OTHER and r.kind is not CriterionKind.POSITION]
            if specific:
                reader.basic_conditions(provision, target, [ref])
            else:
                whole = grant.targets if len(grant.targets) > 1 else [target]
                # 初级、中级、高级社会工作师证: one class alone says little; cite the whole list
                span = Span(provision.text[whole[0].start : whole[-1].end], whole[0].start, whole[-1].end)
                reader.add(reader.core_criterion(ref, CORE, provision, _described(span)))
        else:
            readable = [a for a in grant.alternatives if not _plain(a.text, reader.linker)]
            for alternative in readable or grant.alternatives[:1]:
                facts = readings.read(alternative.text)
                kinds = {r.kind for r in facts.readings}
                if CriterionKind.AGE in kinds:
                    reader.basic_conditions(provision, alternative, [ref])
                else:
                    reader.add(reader.core_criterion(ref, CORE, provision, _described(alternative)))
        for binding in grant.binding:
            reader.basic_conditions(provision, binding, [ref])
        if grant.flexible is not None:
            reader.add(
                CriterionDraft(
                    ref=ref,
                    role=BASIC,
                    kind=CriterionKind.EMPLOYMENT,
                    text=grant.flexible.text,
                    cited_in=provision.id,
                    order=(*self.doc.order(provision.id), grant.flexible.start),
                    employment=(Employment.FLEXIBLE,),
                )
            )

    def _rigid(self, reader: CriteriaReader, ref: TierRef, unit: _Unit, added: list[CriterionDraft]) -> None:
        """刚柔相济招引高层次人才: beside a grant for those brought in 柔性, the measure's other grants
        are for those brought in full time (the tier is named 刚性引进), unless they say a mode."""
        if any(c.employment for c in added if c.ref is ref):
            return
        reader.add(
            CriterionDraft(
                ref=ref,
                role=BASIC,
                kind=CriterionKind.EMPLOYMENT,
                text=unit.heading,
                cited_in=unit.item.id,
                order=self.doc.order(unit.item.id),
                employment=(Employment.FULL_TIME,),
            )
        )

    def _benefits(self, ref: TierRef, grant: _Grant, index: int, count: int) -> list[BenefitDraft]:
        provision = grant.provision
        text = grant.grant.text
        distribution = grant.per_tier and len(grant.amounts) == count
        moneys = benefit_amounts(text)
        given = _GIVEN_PAID.search(text)
        noun = grant.noun or (benefit_rules.noun_after(text, moneys[-1].end) if moneys else None) or (given.group("noun") if given else None)
        names = [noun] if noun else _service_names(text)
        if moneys and noun:
            names += [n for n in _services_after(text, moneys[-1].end) if n not in names]  # …，并提供3年免费创业场地
        caps = caps_in(grant.terms_text)
        common = terms(grant.terms_text)
        target = grant.targets[min(index, len(grant.targets) - 1)].text
        clauses = readings.split(target, "，,")
        # 针对东川本土各行业企业，取得一定科研成果…的: the organisation may open the target or close it
        # (…的创业人员 ends with people: not an organisation)
        last = readings.without_asides(clauses[-1].text)
        organization = bool(_ORGANIZATION.search(last)) or (
            not _PEOPLE.search(last) and bool(_ORGANIZATION.search(readings.without_asides(clauses[0].text)))
        )
        recipient = Recipient.TEAM if re.search(r"团队$", target) else Recipient.EMPLOYER if organization else None
        drafts: list[BenefitDraft] = []
        for number, name in enumerate(names or ["补贴"]):
            kind = kind_of(name, "") or (BenefitKind.OTHER if moneys or "奖励" in name else BenefitKind.SERVICE)
            if kind is BenefitKind.OTHER and _REFERRAL.search(target):
                kind = BenefitKind.RECRUITER_REWARD  # 对…机构引荐…人才的，每成功引荐1人给予5万元奖励
            if name in _BARE_NOUNS and _HOUSING.search(grant.part.text):
                kind = BenefitKind.HOUSING_SUBSIDY  # 在县内首次购房的，按购房总价的10%给予补贴
            draft = BenefitDraft(
                ref=ref,
                kind=kind,
                name=name,
                text=grant.part.text.strip("。；; "),
                cited_in=provision.id,
                order=(*self.doc.order(provision.id), grant.part.start, number),
                period=common.period,
                years=common.years,
                installments=common.installments,
                installment_share=common.installment_share,
                recipient=recipient or benefit_rules.recipient_of(kind, text, ref),
                funders=common.funders,
                conditions=common.conditions,
                employment=(Employment.FLEXIBLE,) if grant.flexible else common.employment,
                statement=grant.part.text,
            )
            span = amount_range(text)
            if moneys and number == 0:
                if distribution:
                    draft.amount_max = grant.amounts[index] if index < len(grant.amounts) else None
                elif grant.amounts and len(moneys) == 1 and grant.context:
                    draft.amount_max = grant.amounts[0]  # a sub-item's own amount
                elif span is not None:  # 50万元至200万元: decided at selection
                    draft.amount_min, draft.amount_max = span
                elif len(moneys) >= 2 and "最低" in text:
                    draft.amount_min, draft.amount_max = min(m.yuan for m in moneys), max(m.yuan for m in moneys)
                else:
                    draft.amount_max = max(m.yuan for m in moneys)
                if caps is not None:  # 按购房总价的20%给予购房补贴，最高不超过30万元
                    values, basis = caps
                    share = values[index] if distribution and len(values) == count else values[0] if len(values) == 1 else None
                    if share is not None and (basis != HOUSE_PRICE or kind is BenefitKind.HOUSING_SUBSIDY):
                        draft.cap_ratio, draft.cap_basis = share, basis
            elif number > 0:
                draft.kind = kind_of(name, "") or BenefitKind.SERVICE
            drafts.append(draft)
        return drafts


# --- helpers -------------------------------------------------------------------------------------


def _continued(previous: _Grant, provision: Provision, part: Span) -> _Grant | None:
    """A part after ；that grants again without naming anyone new (…；服务期内每月分别给予生活补贴
    3000元、1500元; …；服务期满考核合格的，一次性给予2万元奖励): for the same tiers, in the same order."""
    clauses = readings.split(part.text, "，；,;")
    at = next((c for c in clauses if _GRANT.search(c.text)), None)
    moneys = benefit_amounts(part.text)
    if at is None or not moneys or previous.provision is not provision:
        return None
    lists = numbers.amount_lists(part.text[at.start :])
    longest = max(lists, key=len) if lists else []
    first = previous.continues or previous
    return _Grant(
        provision=provision,
        part=part,
        targets=first.targets,
        alternatives=[],
        binding=[],
        grant=Span(part.text[at.start :], part.start + at.start, part.end),
        amounts=[m.yuan for m in longest] if len(longest) >= 2 else [m.yuan for m in moneys],
        flexible=first.flexible,
        per_tier=len(longest) >= 2 and "分别" in part.text,
        continues=first,
    )


def _selected(item: Provision, grant: _Grant) -> None:
    """每年遴选“永昌英才”不超过30名，入选者一般在50周岁以下，具有…。对入选者给予…: a grant to "the
    selected" is for whom the measure selects; the clauses about 入选者 are their conditions."""
    if len(grant.targets) != 1 or not _SELECTED.match(grant.targets[0].text) or grant.provision is not item:
        return
    chosen = _SELECTS.search(item.text)
    if chosen is None:
        return
    grant.selected = chosen.group("name")
    for sentence in readings.split(item.text, "。"):
        if sentence.start <= grant.part.start < sentence.end + 1:
            continue
        said = _SELECTED_SAID.search(sentence.text)
        if said:
            start = sentence.start + said.start()
            grant.described = Span(item.text[start : sentence.end], start, sentence.end)
            return


def _bound_before(target: Span) -> tuple[Span | None, Span]:
    """对到乡镇工作并签订5年以上服务协议的全日制本科以上毕业生: what binds the class (到乡镇工作并签订
    …协议), written before the class it binds, is a condition of its own — (that condition, the class)."""
    opens = re.match(r"^(?:对于|对|针对)?", target.text)
    start = opens.end() if opens else 0
    des = readings.top_level(target.text, "的")
    cut = des[-1] if des else None
    if cut is None or cut <= start:
        return None, target
    before, after = target.text[start:cut], target.text[cut + 1 :]
    said = readings.read(before).readings
    if not _BINDING.search(before) or any(r.kind is not CriterionKind.OTHER for r in said):
        return None, target
    if all(r.kind is CriterionKind.OTHER for r in readings.read(after).readings):
        return None, target
    return Span(before, target.start + start, target.start + cut), Span(after, target.start + cut + 1, target.end)


def _shared_lead(first: Span) -> tuple[Span | None, Span]:
    """对全职引进到市属企事业单位工作的45周岁以下博士研究生、35周岁以下硕士研究生: the words before
    the first class that say how all of them come (a mode read), or a clause of their own that
    says what all of them hold — (the lead, the first class)."""
    body = re.match(r"^(?:对于|对|针对)?", first.text)
    start = body.end() if body else 0
    # 对取得大学专科以上学历后，注册为助理全科医师、执业医师的…: a clause before the one the list
    # opens in says what all of the classes hold
    comma = max(first.text.rfind("，"), first.text.rfind(","))
    if comma > start and any(
        r.kind not in (CriterionKind.OTHER, CriterionKind.POSITION) for r in readings.read(first.text[start:comma]).readings
    ):
        return Span(first.text[start:comma], first.start + start, first.start + comma), Span(
            first.text[comma + 1 :], first.start + comma + 1, first.end
        )
    ages = numbers.age_spans(first.text)
    classed = _CLASS_WORD.search(first.text, start)
    stop = min([a for _, a, _ in ages] + ([classed.start()] if classed else []), default=None)
    if stop is None:
        return None, first
    cut = first.text.rfind("的", start, stop)
    if cut <= start:
        return None, first
    lead = first.text[start : cut + 1]
    if all(r.kind in (CriterionKind.OTHER, CriterionKind.POSITION) for r in readings.read(lead).readings):
        return None, first
    return Span(lead, first.start + start, first.start + cut + 1), Span(first.text[cut + 1 :], first.start + cut + 1, first.end)


def policy_program_name(title: str, region: str | None) -> str:
    """The program a policy of measures sets up: the 计划 its title names (关于实施人才振兴计划促进
    东川高质量发展的意见 -> 东川区人才振兴计划), else what the title is about (关于加强乡村振兴人才引育的
    若干措施 -> 宜良县乡村振兴人才引育), with the policy's region in front when it names none."""
    title = re.sub(r"^.*?关于", "", program_name_from_title(title)).rstrip("的")  # no issuer, no 关于
    named = _PROGRAM_WORD.search(title)
    name = _TITLE_VERBS.sub("", named.group("name") if named else title) or title
    if region and not re.search(r"[省市州县区]", name[:4]) and region.rstrip("省市州县区") not in name:
        name = region + name
    return name


def heading_group(heading: str) -> str | None:
    """The group of people a measure's heading names, when a post or sector (激励机关事业干部学历
    提升 -> 机关事业干部), not a class its criteria define (刚柔相济招引高层次人才)."""
    found = _GROUP.match(_HEADING_VERBS.sub("", re.sub(r"^.*?(?:招引|引进|回引)", "", heading)))
    if found is None or _DEFINED_GROUP.match(found.group("who")):
        return None
    return found.group("who")


def _for_whom(heading: str, criteria: list[CriterionDraft]) -> None:
    """对取得博士研究生学历、学位“双证”的 under 激励机关事业干部学历提升: whom the heading names is a
    condition the criteria do not read; it is left for the office on the criterion read (the
    first basic one, else each core one not to confirm already), unless the criteria say who
    (a title held) or a basic one is to confirm already (退休名师、名校长 left unread)."""
    group = heading_group(heading)
    read = [c for c in criteria if c.has_reading and not c.discretionary]
    if group is None or any(group in c.text or c.kind in (CriterionKind.TITLE, CriterionKind.AWARD) for c in criteria):
        return
    basic = [c for c in read if c.role is BASIC]
    if any(c.unread for c in basic):
        return  # a basic condition is to confirm already: the tier is never met on its reading
    for criterion in basic[:1] or [c for c in read if not c.unread]:
        criterion.unread = (*(criterion.unread or ()), group)


def _services_after(text: str, start: int) -> list[str]:
    """Non-cash grants written after the cash one: …，并提供3年免费创业场地."""
    names: list[str] = []
    for clause in readings.split(text[start:], "，,；;"):
        match = _PROVIDES.match(clause.text)
        if match and not numbers.amounts(clause.text):
            names.append(clause.text[match.end() :].strip("。 "))
    return [n for n in names if len(n) >= 2]


def _listed_items(clause: Span) -> list[Span]:
    """建立科技小院、专家大院等产学研新平台 -> 科技小院, 专家大院: the items of a list that 等
    closes, without the verb before them."""
    closed = re.search(r"等[^，。；、]*$", clause.text)
    if closed is None:
        return []
    body = clause.text[: closed.start()]
    verb = _LIST_VERB.match(body)
    offset = verb.end() if verb else 0
    return [
        Span(p.text, clause.start + p.start, clause.start + p.end)
        for p in readings.split(body, "、", start=offset)
    ]


def _shifted(span: Span, shift: int) -> Span:
    return Span(span.text, span.start + shift, span.end + shift)


def _described(span: Span) -> Span:
    """A target without the verb that introduces it (引进…, 或…)."""
    match = re.match(r"^(?:或者|或|对于|对|针对|引进)+", span.text)
    if not match:
        return span
    return Span(span.text[match.end() :], span.start + match.end(), span.end)


def _plain(text: str, linker: Linker) -> bool:
    facts = readings.read(text)
    return (
        not facts.discretionary
        and all(r.kind is CriterionKind.OTHER for r in facts.readings)
        and linker.link(text).empty
        and not linker.link(text).unlinked
        and not re.search(r"人才|人员|者|专家|带头人", text)
    )


def _target_name(text: str, suffix: str, distributed: bool = False) -> str:
    """The class a target names: 取得博士研究生学历、学位“双证” / 退休名师、名校长 / 东川头雁人才."""
    quoted = _QUOTED.search(text)
    if quoted and re.search(r"获评|荣获|入选", text):
        return quoted.group(1)
    name = readings.split(text, "，,")[-1].text if distributed else readings.split(text, "，,")[0].text
    for _ in range(3):
        name = _LEADING.sub("", name)
        name = _AGE_PHRASE.sub("", name)
    name = re.sub(r"^.*?(?:具有|注册为|取得|获得)", "", name) if re.search(r"具有|注册为", name) else name
    name = re.sub(r"(?:的人员|的)$", "", name)
    if distributed and "的" in name:
        # 副高级及以上职称的卫生专业技术人员 -> the class; 全职引进到…工作的全日制博士研究生 -> the class
        pieces = name.split("的")
        name = next((p for p in reversed(pieces) if _CLASS_WORD.search(p)), pieces[0])
    return (name + suffix).strip("，, ").removeprefix("的")[:30]


def _shared_suffix(texts: list[str]) -> str:
    """初级、中级、高级社会工作师证: the words the last class shares with the others."""
    if len(texts) < 2:
        return ""
    lengths = {len(_LEADING.sub("", t)) for t in texts[:-1]}
    if len(lengths) != 1:
        return ""
    size = lengths.pop()
    last = _LEADING.sub("", texts[-1])
    if len(last) <= size + 1 or size > 3:
        return ""
    return re.sub(r"(?:的人员|的.*)$", "", last[size:])


def _service_names(text: str) -> list[str]:
    """给予表扬奖励，并在…方面优先服务保障 -> 表扬奖励, 优先服务保障."""
    names: list[str] = []
    for clause in readings.split(text, "，,；;"):
        match = re.search(rf"[^，。；、]{{0,8}}(?:{benefit_rules.BENEFIT_NOUN}|服务保障|绿色通道”?|服务)", clause.text)
        if match:
            phrase = re.sub(r"^.*(?:给予|开通|提供|方面|并在|并)", "", match.group(0)).strip("，, ")
            if phrase:
                names.append(phrase)
    return names


def _unique_names(tiers: list[TierDraft]) -> None:
    seen: dict[str, int] = {}
    for tier in tiers:
        count = seen.get(tier.name, 0)
        seen[tier.name] = count + 1
        if count:
            tier.name = f"{tier.name}（{count + 1}）"
            tier.short_names = (tier.name,)
