"""Support measures -> benefits: kind, amounts in yuan, caps, schedules, funders, recipient,
conditions and the tiers they go to.

A benefit is stated by an item of a 待遇 / 支持政策 list (（一）购房津贴。…, 2. 科学家工作室支持。…)
or by any sentence that grants an amount (给予…万元…补贴). Lists of tiers and lists of amounts
pair up in order (A、B、C类人才…分别补贴最高不超过800万元、400万元、150万元); one amount after
a list of tiers goes to each of them; a statement naming no tier goes to every tier in scope.
其中，引进“两院”在职院士200万元 is a variant for the holders of a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphapi.domain.model import (
    HOUSE_PRICE,
    Benefit,
    BenefitKind,
    Employment,
    FunderShare,
    Period,
    Provision,
    ProvisionKind,
    Recipient,
)
from ingest.facts import numbers, readings
from ingest.facts.linking import Linker
from ingest.facts.numbers import Money
from ingest.facts.plan import Plan, TierRef
from ingest.facts.programs import head_text
from ingest.facts.tree import DocumentView, PolicyView

CONTEXT = re.compile(r"待遇|支持政策|支持措施|政策支持|扶持政策|经费资助|激励措施|保障措施|(?:以下|下列)(?:支持|政策|扶持)")
_SKIP_CONTEXT = re.compile(r"条件|退出机制|监督管理|程序|评审|不得|取消")
_GENERIC_NAMES = re.compile(r"^(?:其他)?(?:主要)?(?:支持政策|经费资助|政策支持|经费支持|资金支持|待遇|支持措施|政策待遇)$")
_HEADING = re.compile(r"^(?P<name>[^，。；：:0-9０-９%“”《》]{2,14})[。：:](?=.)")
_LIST_KINDS = (ProvisionKind.ITEM, ProvisionKind.SUBITEM, ProvisionKind.POINT)
BENEFIT_NOUN = r"(?:补贴|津贴|奖励|奖补资金|奖补|资助|补助|扶持资金|资金|经费支持|经费补助|经费|支持|公寓|奖金|待遇)"
_NOUN_AFTER = re.compile(rf"^(?:\s*/\s*[人年月户])*\s*(?:的)?(?P<noun>[^，。；、（(\d]{{0,14}}?{BENEFIT_NOUN})")
GRANT = re.compile(r"给予|补贴|奖励|奖补|资助|补助|拨付|发放|享受|支持|配套|分为")
_THRESHOLD_BEFORE = re.compile(r"(?:融资|收入|纳税|年薪|投入|总额|资金|营业|销售|产值|估值|注册资本)[^，。；]{0,8}$")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:及以上|以上|以下|左右)")
_STACKING_WORDS = re.compile(r"不重复|补差|从高|从优|其它政策待遇|其他政策待遇|不再|不得再")
_OBLIGATION = re.compile(r"^[^，。；]{0,10}(?:单位|依托单位)[^，。；]{0,10}(?:原则上)?应(?:当)?安排")
_LEVELS = re.compile(r"分为(?P<list>[^。；]{2,60}?)(?:[\d一二三四五六七八九十]+\s*个)?\s*(?:档次|档|等级)")
_YEARLY = re.compile(rf"每(?:人)?(?:每)?年(?:度)?[^，。；%]{{0,10}}?{numbers.NUMBER}\s*(?:万元|元)|{numbers.NUMBER}\s*(?:万元|元)[^，。；]{{0,8}}/\s*年")
_MONTHLY = re.compile(rf"每(?:人)?(?:每)?月[^，。；%]{{0,10}}?{numbers.NUMBER}\s*(?:万元|元)|{numbers.NUMBER}\s*(?:万元|元)\s*/\s*(?:人\s*/\s*)?月")
# How long a benefit is paid: 连续发放3年 / 连续补助不超过3年 / 补助期限不超过3年 / 发放期限不超过5年 /
# （每人每年…，）最长不超过2年 — not 分3年 (a schedule), 3年内 (a window) nor a service term (服务期5年).
_YEARS = re.compile(
    r"(?:连续(?:发放|支持|资助|给予|补助|补贴|享受)?|(?:发放|补助|补贴|资助|支持|享受|免租)期限?|期限|最长|(?:^|(?<=[，,；;]))(?=不超过))"
    r"\s*(?:不超过|不超|最长|最多|为|可达)?\s*(?P<n>\d+|[一二三四五六七八九十])\s*(?:个)?年(?!内|以上|以下|后|及)"
)
_INSTALLMENTS = re.compile(r"分\s*(?P<n>\d+|[一二三四五六七八九十])\s*(?:年|次|期)\s*(?:支付|发放|拨付|兑现|到位)")
_SHARE = re.compile(
    r"每(?:年|次|期)(?:支付|发放|拨付|兑现)\s*(?P<p>\d+(?:\.\d+)?\s*[%％]|[一二三四五六七八九十]分之[一二三四五六七八九十])"
    r"|按\s*(?P<q>\d+(?:\.\d+)?)\s*[%％]\s*(?:逐年|分年)"
)
_PERCENT_LIST = r"(?P<list>\d[^，。；]*?[%％](?:\s*[、，和及]\s*\d+(?:\.\d+)?\s*[%％])*)"
# A share of the house price (购房总价的80%, 房屋总价的30%) …
_HOUSE_CAP = re.compile(rf"(?:购房|房价|房款|(?:房屋|住房)(?:总价|价款|总额))[^，。；]{{0,6}}?的?\s*{_PERCENT_LIST}")
# … or of another basis a ceiling names (按不超过项目实际投入的50%).
_OTHER_CAP = re.compile(rf"(?:不超过|不高于|不得超过|最高为?|按照?)(?!不)(?P<basis>[^，。；\d%％]{{2,12}}?)的\s*{_PERCENT_LIST}")
_FUNDER_PAIR = re.compile(r"由(?P<a>[^，。；由]{2,10}?)和(?P<b>[^，。；]{2,10}?)(?:按照?|按)?各(?:承担|负担)?\s*(?P<p>\d+(?:\.\d+)?)\s*[%％]")
_FUNDER_RATIO = re.compile(
    r"由(?P<a>[^，。；由]{2,10}?)和(?P<b>[^，。；]{2,10}?)按(?:照)?\s*(?P<x>\d+)\s*[:：∶]\s*(?P<y>\d+)\s*(?:的)?比例"
)
_FUNDER_ONE = re.compile(r"(?P<a>(?:区|县|市|州|省)级财政)(?:给予|安排|承担|负担)")
_CONDITIONS = (
    re.compile(r"(?:经)?(?:年度|期满)?考核(?:结果)?(?:为|评为|被评为|达到)?(?:合格|优秀|称职)(?:及以上|以上)?(?:后(?:发放|拨付|兑现))?"),
    # 年度考核不合格的，次年停发: paid only while the yearly review is passed
    re.compile(r"(?:年度|期满|中期)?考核(?:结果)?(?:为)?不合格的?[，,]?[^，。；]{0,6}?(?:停发|停止发放|暂停发放|不予发放|停止拨付)"),
    re.compile(r"(?:中期|期满|年度)评估合格后(?:拨付|发放)?"),
    re.compile(r"工作实绩突出"),
    re.compile(r"通过立项程序"),
    re.compile(r"经评审(?:认定)?(?:择优)?"),
    re.compile(r"\d+年服务期满后"),
    re.compile(r"全职在[^，。；]{1,10}工作"),
    re.compile(r"(?:在本[区县市]内)?新购房"),
    re.compile(r"(?:在[^，。；]{1,6}?)?首次购(?:买)?(?:商品)?(?:住)?房"),
)
_KINDS = (
    (re.compile(r"引才奖励|引才伯乐|伯乐|推荐[^，。]{0,10}奖励"), BenefitKind.RECRUITER_REWARD),
    (re.compile(r"购房|安家|住房补贴|租房补贴|租赁补贴"), BenefitKind.HOUSING_SUBSIDY),
    # 工作津贴: paid yearly for working in the post over the support term, like a 岗位津贴
    (re.compile(r"岗位津贴|岗位补贴|工作津贴"), BenefitKind.POST_ALLOWANCE),
    # 期满奖励 (支持期满考核优秀的，再给予…奖励): like 培育奖励, a reward for what the person achieved
    # under the program, not a subsidy towards costs
    (re.compile(r"培育奖励|入选奖励|期满奖励|考核奖励|绩效奖励|期满[^，。；]{0,10}优秀[^。；]{0,12}奖励"), BenefitKind.SELECTION_BONUS),
    (re.compile(r"培养经费|培养资助|培养(?:政策)?待遇|培养支持"), BenefitKind.TRAINING_FUNDS),
    (re.compile(r"创业"), BenefitKind.STARTUP_SUPPORT),
    (re.compile(r"工作补助|工作补贴"), BenefitKind.LIVING_ALLOWANCE),
    (re.compile(r"项目|金融支持|工作室|科研经费|工作经费|经费补助|经费支持"), BenefitKind.PROJECT_FUNDING),
    (re.compile(r"生活补贴|生活补助|生活津贴"), BenefitKind.LIVING_ALLOWANCE),
    (
        re.compile(
            r"公寓|人才住房|入住|入学|入读|就学|就业|随迁|随调|就医|户籍|户口|体检|医疗保障|社会保障|绿色通道|服务|签证|职称|研修|访学|联系专家"
            r"|疗养|注册登记|优先|安置|贷"
        ),
        BenefitKind.SERVICE,
    ),
)
_EMPLOYER = re.compile(r"给予其?(?:企业|用人单位|依托单位|单位)|(?:的|等)(?:企业|单位|合作社|机构|医院|学校)[，,]")
_TO_EMPLOYER = re.compile(r"给予(?:其)?(?:用人单位|引进单位|依托单位)|^对[^，。；]{0,30}(?:的)?(?:用人单位|引进单位)[，,]")
_TEAM = re.compile(r"^团队|团队申报|柔性引进团队|奖励[^，。；]{0,6}团队")
_VARIANT = re.compile(r"其中[，,]")
# …；入选人才可申请入住人才公寓: a part that names whom it is for
_OWN_SUBJECT = re.compile(rf"^(?:{readings.SELECTED}|引进人才|各类人才|上述人才|以上人才)")
_VERBS = re.compile(r"^.*(?:给予|申请|享受|提供|获得|申报|予以|办理|列为|发放)")
# Headings of articles that grant (住房保障, 服务保障, 生活待遇) besides those naming a benefit.
_BENEFIT_HEADING = re.compile(r"(?<!经费|资金|组织|财政|工作)(?:保障|待遇|服务)$")
# A non-cash grant: what the person may apply for or enjoy, or is arranged first for them.
SERVICE_ASKED = r"可(?:以)?(?:按规定)?(?:申请|享受|入住|优先)|优先(?:安排|办理|保障|解决)"
_SERVICE_GRANT = re.compile(rf"{SERVICE_ASKED}|免(?:费|收|租)")
_TO_ORGANIZATION = re.compile(r"^其?(?:用人单位|依托单位|引进单位|所在单位)(?=.{2})")


@dataclass(slots=True)
class BenefitDraft:
    ref: TierRef
    kind: BenefitKind
    name: str
    text: str
    cited_in: str
    order: tuple
    amount_max: float | None = None
    amount_min: float | None = None
    period: Period = Period.ONE_OFF
    years: int | None = None
    cap_ratio: float | None = None
    cap_basis: str | None = None
    installments: int | None = None
    installment_share: float | None = None
    recipient: Recipient = Recipient.PERSON
    funders: tuple[FunderShare, ...] = ()
    conditions: tuple[str, ...] = ()
    employment: tuple[Employment, ...] = ()
    amount_levels: tuple[float, ...] = ()
    requires_title_ids: tuple[str, ...] = ()
    unlinked: tuple[tuple[str, str], ...] = ()
    statement: str = ""  # the statement it was read from (rules match their wording against it)

    def record(self, benefit_id: str) -> Benefit:
        return Benefit(
            id=benefit_id,
            tier_id=self.ref.tier.id,
            kind=self.kind,
            name=self.name,
            text=self.text,
            cited_in=self.cited_in,
            amount_max=self.amount_max,
            amount_min=self.amount_min,
            period=self.period,
            years=self.years,
            cap_ratio=self.cap_ratio,
            cap_basis=self.cap_basis,
            installments=self.installments,
            installment_share=self.installment_share,
            recipient=self.recipient,
            funders=self.funders,
            conditions=self.conditions,
            employment=self.employment,
            amount_levels=self.amount_levels,
            requires_title_ids=self.requires_title_ids,
        )


# --- terms shared by every way of stating a benefit ------------------------------------------------


@dataclass(slots=True)
class Terms:
    period: Period = Period.ONE_OFF
    years: int | None = None
    installments: int | None = None
    installment_share: float | None = None
    funders: tuple[FunderShare, ...] = ()
    conditions: tuple[str, ...] = ()
    employment: tuple[Employment, ...] = ()


def terms(text: str) -> Terms:
    """Period, duration, schedule, funders, conditions and employment limits of a statement."""
    found = Terms()
    if _MONTHLY.search(text):
        found.period = Period.MONTHLY
    elif _YEARLY.search(text):
        found.period = Period.YEARLY
    years = _YEARS.search(text)
    if years:
        found.years = numbers.to_int(years.group("n"))
    count = _INSTALLMENTS.search(text)
    share = _SHARE.search(text)
    if share:
        raw = share.group("p") or share.group("q")
        values = numbers.percents(raw if "%" in raw or "％" in raw or "分之" in raw else raw + "%")
        found.installment_share = values[0][0] if values else None
    if count:
        found.installments = numbers.to_int(count.group("n"))
    elif found.installment_share:
        found.installments = round(1 / found.installment_share)
    if found.installments is None and "剩余" in text:
        shares = [value for value, _, _ in numbers.percents(text)]
        if len(shares) >= 2 and abs(sum(shares) - 1) < 1e-6:
            found.installments = len(shares)
            found.installment_share = shares[0] if len(set(shares)) == 1 else None
    pair = _FUNDER_PAIR.search(text)
    ratio = _FUNDER_RATIO.search(text)
    if ratio and int(ratio.group("x")) + int(ratio.group("y")) > 0:
        x, y = int(ratio.group("x")), int(ratio.group("y"))
        found.funders = (FunderShare(ratio.group("a").strip(), x / (x + y)), FunderShare(ratio.group("b").strip(), y / (x + y)))
    elif pair:
        share_each = float(pair.group("p")) / 100
        found.funders = (FunderShare(pair.group("a").strip(), share_each), FunderShare(pair.group("b").strip(), share_each))
    else:
        one = _FUNDER_ONE.search(text)
        if one:
            found.funders = (FunderShare(one.group("a"), 1.0),)
    conditions: list[str] = []
    for pattern in _CONDITIONS:
        for match in pattern.finditer(text):
            phrase = match.group(0)
            if phrase and not any(phrase in c for c in conditions):
                conditions.append(phrase)
    found.conditions = tuple(conditions)
    found.employment = readings.employment_in(text) if re.search(r"全职|刚性|柔性", text) else ()
    return found


def kind_of(name: str, text: str = "") -> BenefitKind | None:
    if name in ("补贴", "生活补贴"):
        return BenefitKind.LIVING_ALLOWANCE  # 给予每人每年…补贴: a subsidy to live on
    for source in (name, text):
        for pattern, kind in _KINDS:
            if source and pattern.search(source):
                return kind
    return None


def benefit_amounts(text: str) -> list[Money]:
    """Amounts a statement grants: not thresholds (融资500万元以上, 年薪超过…)."""
    granted: list[Money] = []
    for money in numbers.amounts(text):
        before = text[max(0, money.start - 12) : money.start]
        after = text[money.end : money.end + 4]
        if _THRESHOLD_BEFORE.search(before) or _THRESHOLD_AFTER.match(after):
            continue
        granted.append(money)
    return granted


def without_verbs(text: str) -> str:
    """可享受医疗保健绿色通道服务 -> 医疗保健绿色通道服务: what is granted, not the verb granting it."""
    return _VERBS.sub("", text).strip()


def noun_after(text: str, position: int) -> str | None:
    match = _NOUN_AFTER.match(text[position:])
    return _VERBS.sub("", match.group("noun")).strip() or None if match else None


def heading_name(text: str) -> tuple[str | None, str]:
    """(名称, the rest) for an item written 购房津贴。…; generic headings (经费资助) give no name."""
    match = _HEADING.match(text)
    if not match or GRANT.search(match.group("name")) and not kind_of(match.group("name")):
        return None, text
    name = match.group("name").strip()
    rest = text[match.end() :]
    return (None if _GENERIC_NAMES.match(name) else name), rest


def recipient_of(kind: BenefitKind, statement: str, ref: TierRef) -> Recipient:
    third_party = re.search(r"第三方|伯乐|中介|猎头", statement)
    if kind is BenefitKind.RECRUITER_REWARD and not third_party and _TO_EMPLOYER.search(statement):
        return Recipient.EMPLOYER  # 给予用人单位一次性引才奖励 / 对成功引进…的用人单位，…给予引才奖励
    if kind is BenefitKind.RECRUITER_REWARD or re.search(r"第三方成功引进|伯乐", statement):
        return Recipient.RECRUITER
    if ref.tier.for_team or _TEAM.search(statement):
        return Recipient.TEAM
    if _EMPLOYER.search(statement):
        return Recipient.EMPLOYER
    return Recipient.PERSON


# --- the reader ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class BenefitReader:
    doc: DocumentView
    plan: Plan
    linker: Linker
    drafts: list[BenefitDraft] = field(default_factory=list)

    def read(self) -> None:
        for view in self.doc.policies:
            for provision in view.provisions:
                if view.is_form(provision) or self.plan.in_tier_root(view, provision):
                    continue
                refs = [r for r in self.plan.tiers_for(view, provision) if r.layout != "measures"]
                if refs and not self._skipped(view, provision):
                    self._provision(view, provision, refs)

    def _skipped(self, view: PolicyView, provision: Provision) -> bool:
        heads = [head_text(a)[:16] for a in view.ancestors(provision)] + [head_text(provision)[:8]]
        return any(_SKIP_CONTEXT.search(h) for h in heads)

    def _in_context(self, view: PolicyView, provision: Provision) -> bool:
        if provision.kind is ProvisionKind.ARTICLE:
            # 第十三条 服务保障。… / 第十五条 住房保障。…: an article headed by what it grants
            name, _ = heading_name(provision.text.strip())
            return name is not None and bool(_BENEFIT_HEADING.search(name) or kind_of(name))
        if provision.kind not in (*_LIST_KINDS, ProvisionKind.PARAGRAPH):
            return False
        return any(CONTEXT.search(head_text(a)[:40]) for a in view.ancestors(provision)) or bool(
            CONTEXT.search(head_text(provision)[:8])
        )

    def _provision(self, view: PolicyView, provision: Provision, refs: list[TierRef]) -> None:
        text = provision.text.strip()
        if not text or re.fullmatch(r"《[^《》]+》[^，。；]{0,12}[。；]?", text):
            return
        name, body = heading_name(text)
        context = self._in_context(view, provision)
        has_children = any(c.kind in _LIST_KINDS or c.kind is ProvisionKind.PARAGRAPH for c in view.children(provision))
        statements = self._statements(body)
        produced = False
        for index, statement in enumerate(statements):
            if _STACKING_WORDS.search(statement.text) and not benefit_amounts(statement.text):
                continue
            if _OBLIGATION.search(statement.text):
                continue
            moneys = benefit_amounts(statement.text)
            if moneys and (GRANT.search(statement.text) or name):
                self._granted(provision, statement, name, moneys, refs, _continued(statements, index))
                produced = True
            elif context and not has_children and not produced and (name or kind_of("", statement.text)):
                if provision.kind is ProvisionKind.ARTICLE and not is_service_part(statement.text):
                    continue  # an article says more than it grants: only what reads as a grant
                self._service(provision, statement, name, refs)
                produced = True
            elif context and not has_children and self._own_service(statement.text, refs):
                # …优先办理。A类、B类人才可申请入住市人才公寓: a further grant naming whom it is for
                self._service(provision, statement, self._noun(statement.text) or name, refs)
        if context and not produced and not has_children and name and provision.kind is not ProvisionKind.ARTICLE:
            self._service(provision, readings.Span(text, 0, len(text)), name, refs)

    def _own_service(self, text: str, refs: list[TierRef]) -> bool:
        """A non-cash grant that names its own beneficiaries first (A类、B类人才可申请…; 入选人才可…)."""
        if benefit_amounts(text) or not is_service_part(text):
            return False
        named = self.plan.named_tiers(text[:16], refs)
        return bool(_OWN_SUBJECT.match(text) or (named and named[0].start == 0))

    @staticmethod
    def _statements(body: str) -> list[readings.Span]:
        """Sentences; a sentence whose ；-parts each grant an amount is several statements, and a
        non-cash ；-part beside a cash one (可申请入住区人才住房；未入住的，按月发放租房补贴…) is one of its own."""
        result: list[readings.Span] = []
        for sentence in readings.split(body, "。"):
            parts = readings.split(sentence.text, "；;")
            cash = [bool(benefit_amounts(p.text)) for p in parts]
            if len(parts) > 1 and sum(cash) > 1 and not _VARIANT.search(sentence.text):
                result += [readings.Span(p.text, sentence.start + p.start, sentence.start + p.end) for p in parts]
            elif len(parts) > 1 and any(cash) and any(not c and is_service_part(p.text) for p, c in zip(parts, cash, strict=True)):
                pending: list[readings.Span] = []
                for part, has_cash in zip(parts, cash, strict=True):
                    if not has_cash and is_service_part(part.text):
                        result.append(readings.Span(part.text, sentence.start + part.start, sentence.start + part.end))
                    else:
                        pending.append(part)
                if pending:
                    start, end = pending[0].start, pending[-1].end
                    result.append(readings.Span(sentence.text[start:end], sentence.start + start, sentence.start + end))
            else:
                result.append(sentence)
        return result

    # -- cash benefits --

    def _granted(
        self,
        provision: Provision,
        statement: readings.Span,
        name: str | None,
        moneys: list[Money],
        refs: list[TierRef],
        continued: str = "",
    ) -> None:
        text = statement.text
        variant = _VARIANT.search(text)
        base_text = text[: variant.start()] if variant else text
        base = [m for m in moneys if m.end <= len(base_text)]
        if not base:
            return
        paid = noun_after(base_text, base[-1].end)
        noun = paid or self._noun(base_text)
        if name and noun and name in noun:
            name = noun  # 工作生活补贴。给予100万元一次性工作生活补贴: the fuller name
        mentioned = self.plan.named_tiers(base_text, refs)
        noun = _without_tier_names(noun, refs)
        label = name if name and (kind_of(name) or not noun) else (noun or name or "补贴")
        if name and paid and kind_of(paid) and kind_of(name) and kind_of(paid) is not kind_of(name):
            label = paid  # 创新创业团队资助。…给予50万元至300万元项目资助: what is paid, not the measure's title
        kind = kind_of(label, base_text) or BenefitKind.OTHER
        if kind is BenefitKind.SERVICE:  # 未入住的，按月发放租房补贴…: money paid is no service
            kind = kind_of(label) if kind_of(label) not in (None, BenefitKind.SERVICE) else BenefitKind.OTHER
        common = terms(text + "。" + continued if continued else text)
        common.period = terms(text).period
        levels = _LEVELS.search(base_text)
        assignments = self._assign(base_text, base, mentioned, refs)
        caps = self._caps(base_text, mentioned, refs)
        span = amount_range(base_text)
        for ref, amounts in assignments:
            draft = self._draft(ref, kind, label, provision, statement, common)
            if span and amounts and amounts[0] in span:  # 50万元至300万元: decided at selection
                draft.amount_min, draft.amount_max = span
            elif levels and len(base) >= 2:
                values = tuple(m.yuan for m in base)
                draft.amount_levels = values
                draft.amount_min, draft.amount_max = min(values), max(values)
            elif len(amounts) >= 2 and re.search(r"最低", base_text):
                draft.amount_min, draft.amount_max = min(amounts), max(amounts)
            elif amounts:
                draft.amount_max = amounts[0]
            cap = caps.get(ref.tier.id)
            if cap is not None and (cap[1] != HOUSE_PRICE or kind is BenefitKind.HOUSING_SUBSIDY):
                draft.cap_ratio, draft.cap_basis = cap
            self.drafts.append(draft)
        if variant:
            self._variants(provision, statement, text[variant.end() :], variant.end(), kind, label, refs, common)

    def _assign(
        self, text: str, moneys: list[Money], mentioned: list, refs: list[TierRef]
    ) -> list[tuple[TierRef, list[float]]]:
        """Which tier gets which amount: lists of tiers pair with the amount list after them."""
        lists = [lst for lst in _lists(moneys, text)]
        mentioned = _merged(mentioned, text)
        if not mentioned:
            values = [m.yuan for m in moneys]
            if len(lists) == 1 and len(lists[0]) == len(refs) and len(refs) > 1 and "分别" in text:
                return [(ref, [m.yuan]) for ref, m in zip(refs, lists[0], strict=True)]
            return [(ref, values) for ref in refs]
        result: list[tuple[TierRef, list[float]]] = []
        for index, mention in enumerate(mentioned):
            stop = mentioned[index + 1].start if index + 1 < len(mentioned) else len(text)
            after = [lst for lst in lists if lst[0].start >= mention.end and (lst[0].start < stop or len(mentioned) == 1)]
            chosen = next((lst for lst in after if len(lst) == len(mention.refs)), None)
            if chosen is None and not after and len(mention.refs) > 1 and "分别" in text:
                # 按每人每年30万元、15万元的标准分别给予X、Y…: the list may come before the tiers
                start = mentioned[index - 1].end if index else 0
                before = [lst for lst in lists if start <= lst[0].start and lst[-1].end <= mention.start]
                chosen = next((lst for lst in reversed(before) if len(lst) == len(mention.refs)), None)
            if chosen is not None:
                result += [(ref, [m.yuan]) for ref, m in zip(mention.refs, chosen, strict=True)]
                continue
            single = next((lst for lst in after if len(lst) == 1), None)
            result += [(ref, [single[0].yuan] if single else []) for ref in mention.refs]
        seen: set[str] = set()
        return [(r, a) for r, a in result if not (r.tier.id in seen or seen.add(r.tier.id))]

    def _caps(self, text: str, mentioned: list, refs: list[TierRef]) -> dict[str, tuple[float, str]]:
        """补贴最高不超过购房总价的80%、50%、30% -> (a share, of what) per tier; 按不超过项目实际投入的50%
        is a share of the project's investment."""
        found = caps_in(text)
        if found is None:
            return {}
        values, basis = found
        targets = [r for m in mentioned for r in m.refs] or refs
        if len(values) == len(targets):
            return {r.tier.id: (v, basis) for r, v in zip(targets, values, strict=True)}
        if len(values) == 1:
            return {r.tier.id: (values[0], basis) for r in targets}
        return {}

    def _variants(
        self,
        provision: Provision,
        statement: readings.Span,
        zone: str,
        offset: int,
        kind: BenefitKind,
        label: str,
        refs: list[TierRef],
        common: Terms,
    ) -> None:
        """其中，引进“两院”在职院士200万元；国家“千人计划”专家按…同等配套 — one benefit per title."""
        for part in readings.split(zone, "；;，,"):
            linked = self.linker.link(part.text)
            if not linked.title_ids and not linked.unlinked:
                continue
            moneys = benefit_amounts(part.text)
            for ref in refs:
                draft = self._draft(ref, kind, label, provision, statement, common)
                draft.text = part.text.strip("。；")
                draft.amount_max = moneys[0].yuan if moneys else None
                draft.requires_title_ids = tuple(linked.title_ids)
                draft.unlinked = tuple(linked.unlinked)
                draft.order = (*draft.order[:-1], statement.start + offset + part.start)
                self.drafts.append(draft)

    # -- non-cash benefits --

    def _service(self, provision: Provision, statement: readings.Span, name: str | None, refs: list[TierRef]) -> None:
        """One non-cash benefit per tier the statement names (else every tier in scope); a part
        after ；that names its own subject (…；入选人才可申请入住人才公寓) is a service of its own."""
        parts = readings.split(statement.text, "；;")
        own = [p for p in parts[1:] if _OWN_SUBJECT.match(p.text) or self.plan.named_tiers(p.text[:12], refs)]
        if own:
            first_end = own[0].start
            head = readings.Span(statement.text[:first_end].rstrip("；; "), statement.start, statement.start + first_end)
            self._one_service(provision, head, name, refs)
            for part in own:
                end = next((o.start for o in own if o.start > part.start), len(statement.text))
                body = statement.text[part.start : end].rstrip("；; ")
                label = self._noun(body) or name
                self._one_service(provision, readings.Span(body, statement.start + part.start, statement.start + end), label, refs)
            return
        self._one_service(provision, statement, name, refs)

    def _one_service(self, provision: Provision, statement: readings.Span, name: str | None, refs: list[TierRef]) -> None:
        text = statement.text
        first = readings.split(text)[0].text
        label = name or self._noun(text) or (_VERBS.sub("", re.sub(r"[《》]", "", first)) or first)[:20]
        kind = kind_of(label, text) or BenefitKind.SERVICE
        mentioned = self.plan.named_tiers(text, refs)
        targets = list(dict.fromkeys(r for m in mentioned for r in m.refs)) or refs
        common = terms(text)
        for ref in targets:
            self.drafts.append(self._draft(ref, kind, label, provision, statement, common))

    def _noun(self, text: str) -> str | None:
        """The benefit a clause names: the words before its last 补贴/资助/待遇…, after its verb."""
        matches = list(re.finditer(BENEFIT_NOUN, text))
        if not matches:
            return None
        end = matches[-1].end()
        start = max(text.rfind(mark, 0, end) for mark in "，。；、,;") + 1
        phrase = _TO_ORGANIZATION.sub("", _VERBS.sub("", text[start:end]))  # 给予用人单位一次性引才奖励
        phrase = re.sub(rf"^.*?{numbers.NUMBER}\s*(?:万元|元)(?:/[人年月])*的?", "", phrase)
        phrase = phrase.strip("的 ")
        phrase = re.sub(r"^.*?(?:[A-Z]|[一二三四五六七八九十])(?:类|层次|档)(?:人才)?", "", phrase) or phrase
        if "的" in phrase and not kind_of(phrase.rsplit("的", 1)[0]):
            phrase = phrase.rsplit("的", 1)[1]  # 一次最多1年的国内外…研修访学资助 -> the benefit itself
        return phrase[-20:] or None

    def _draft(
        self, ref: TierRef, kind: BenefitKind, label: str, provision: Provision, statement: readings.Span, common: Terms
    ) -> BenefitDraft:
        text = statement.text.strip("。；; ")
        start = provision.text.find(text)
        return BenefitDraft(
            ref=ref,
            kind=kind,
            name=label,
            text=text,
            cited_in=provision.id,
            order=(*self.doc.order(provision.id), max(start, 0)),
            period=common.period,
            years=common.years,
            installments=common.installments,
            installment_share=common.installment_share,
            recipient=recipient_of(kind, text, ref),
            funders=common.funders,
            conditions=common.conditions,
            employment=common.employment,
            statement=text,
        )


_RANGE = re.compile(
    rf"(?P<low>{numbers.NUMBER})\s*(?P<unit>万元|元)?\s*(?:至|到|—|－|~|～|-)\s*(?P<high>{numbers.NUMBER})\s*(?P<unit2>万元|元)"
)


def amount_range(text: str) -> tuple[float, float] | None:
    """50万元至300万元 / 10—50万元 -> (500 000, 3 000 000): an amount between two bounds."""
    match = _RANGE.search(text)
    if match is None:
        return None
    unit = 10_000 if match.group("unit2") == "万元" else 1
    low_unit = 10_000 if (match.group("unit") or match.group("unit2")) == "万元" else 1
    low, high = numbers.to_number(match.group("low")), numbers.to_number(match.group("high"))
    if low is None or high is None or low * low_unit >= high * unit:
        return None
    return low * low_unit, high * unit


def caps_in(text: str) -> tuple[list[float], str] | None:
    """The shares a statement caps a benefit at, and of what: 不超过购房总价的80%、50% -> ([0.8, 0.5],
    HOUSE_PRICE); 按项目实际投入的30%给予资助 -> ([0.3], 项目实际投入)."""
    match = _HOUSE_CAP.search(text)
    basis = HOUSE_PRICE
    if match is None:
        match = _OTHER_CAP.search(text)
        if match is None:
            return None
        basis = match.group("basis").strip()
    return [v for v, _, _ in numbers.percents(match.group("list"))], basis


def is_service_part(text: str) -> bool:
    """A non-cash grant: a service word and grant wording (可申请入住人才公寓, 子女入学优先安排)."""
    return kind_of("", text) is BenefitKind.SERVICE and bool(_SERVICE_GRANT.search(text))


def _merged(mentioned: list, text: str) -> list:
    """第一类、第二类、第三类人才: names joined by 、 are one list."""
    merged: list = []
    for mention in mentioned:
        if merged and re.fullmatch(r"\s*[、，,和及与或]\s*", text[merged[-1].end : mention.start]):
            last = merged[-1]
            merged[-1] = type(last)(last.refs + [r for r in mention.refs if r not in last.refs], last.start, mention.end)
        else:
            merged.append(mention)
    return merged


def _continued(statements: list[readings.Span], index: int) -> str:
    """The sentences after a statement that add to it (由…各50%保障) rather than grant anew."""
    following: list[str] = []
    for statement in statements[index + 1 :]:
        if benefit_amounts(statement.text):
            break
        following.append(statement.text)
    return "。".join(following)


def _lists(moneys: list[Money], text: str) -> list[list[Money]]:
    """The amount lists among the granted amounts (800万元、400万元、150万元 is one)."""
    chosen = {(m.start, m.end) for m in moneys}
    return [
        [m for m in lst if (m.start, m.end) in chosen]
        for lst in numbers.amount_lists(text)
        if any((m.start, m.end) in chosen for m in lst)
    ]


def _without_tier_names(noun: str | None, refs: list[TierRef]) -> str | None:
    """…分别给予领军型、青年型特聘专家工作津贴: the benefit is the 工作津贴, not the tier before it."""
    if not noun:
        return noun
    names = sorted({n for r in refs for n in (r.tier.name, *r.draft.short_names) if len(n) >= 2}, key=len, reverse=True)
    for name in names:
        if noun.startswith(name) and len(noun) > len(name) + 1:
            return noun[len(name) :].lstrip("的")
    return noun
