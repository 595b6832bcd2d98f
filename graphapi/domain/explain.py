"""Chinese wording of the reasoning, as a talent office writes it, naming each provision.

Only phrasing lives here: the decisions are taken in eligibility, amounts, stacking and
package, which call these functions to say what they decided. Every sentence that rests on a
provision names it through `Knowledge.reference` (《标题》第十七条第（四）项第1目).
Amounts are written in 万元 where they are round (35万元, 2.5万元), otherwise in 元.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from graphapi.domain.model import (
    AgeLimit,
    Benefit,
    Degree,
    EligibilityStatus,
    Employment,
    Gender,
    Period,
    Program,
    Recipient,
    Tier,
)
from graphapi.domain.profile import ProfileField

from graphapi.domain.knowledge import Citation, chinese_numeral

if TYPE_CHECKING:
    from graphapi.domain.amounts import Amount
    from graphapi.domain.knowledge import Knowledge


FIELD_NAMES: dict[str, str] = {
    ProfileField.AGE: "年龄",
    ProfileField.DEGREE: "学位",
    ProfileField.PROFESSIONAL_RANK: "职称",
    ProfileField.EMPLOYMENT: "工作方式（全职或柔性）",
    ProfileField.REGION: "工作地区",
    ProfileField.TITLES: "人才称号",
    ProfileField.AWARD_GRADE: "获奖等级",
    ProfileField.AWARD_RANK: "完成人排名",
    ProfileField.AWARD_YEAR: "获奖年份",
    ProfileField.POVERTY_OR_BORDER_COUNTY: "是否在贫困县、边境县工作",
    ProfileField.GENDER: "性别",
    ProfileField.SALARY: "年薪",
}

STATUS_NAMES: dict[EligibilityStatus, str] = {
    EligibilityStatus.ELIGIBLE: "符合条件",
    EligibilityStatus.NEEDS_INFO: "需补充信息",
    EligibilityStatus.INELIGIBLE: "不符合条件",
}

RECIPIENT_NAMES: dict[Recipient, str] = {
    Recipient.PERSON: "本人",
    Recipient.EMPLOYER: "用人单位",
    Recipient.RECRUITER: "引才单位或推荐方",
    Recipient.TEAM: "团队",
}

EMPLOYMENT_NAMES = {Employment.FULL_TIME: "全职（刚性）引进的", Employment.FLEXIBLE: "柔性引进的"}
GENDER_NAMES = {Gender.MALE: "男性", Gender.FEMALE: "女性"}

DEGREE_NAMES = {
    Degree.OTHER: "其他学历",
    Degree.ASSOCIATE: "大学专科学历",
    Degree.BACHELOR: "学士学位",
    Degree.MASTER: "硕士学位",
    Degree.DOCTORATE: "博士学位",
}
RANK_NAMES = {0: "无职称", 1: "初级职称", 2: "中级职称", 3: "副高级职称", 4: "正高级职称"}


# --- numbers -----------------------------------------------------------------------------


def _trim(number: float) -> str:
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def yuan(amount: float) -> str:
    """350000 -> 35万元; 25000 -> 2.5万元; 1000 -> 1000元; 987653.6 -> 987653.6元."""
    if abs(amount) >= 10_000 and round(amount) % 100 == 0 and abs(amount - round(amount)) < 1e-6:
        return f"{_trim(amount / 10_000)}万元"
    return f"{_trim(amount)}元"


def percent(share: float) -> str:
    return f"{_trim(share * 100)}%"


def sentences(parts: Iterable[str]) -> str:
    """Join clauses into sentences, each ending in a full stop."""
    out = []
    for part in parts:
        part = part.strip()
        if part:
            out.append(part if part.endswith(("。", "！", "？")) else part + "。")
    return "".join(out)


def listing(items: Iterable[str]) -> str:
    """A、B和C."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


def quoted(text: str) -> str:
    text = text.strip().rstrip("；;。，,")
    return f"“{text}”"


# --- names of things -----------------------------------------------------------------------


def tier_label(program: Program | None, tier: Tier) -> str:
    """官渡高层次人才（团队）B类（国内领军人才）; the tier name alone when it already names the program."""
    if program is None or tier.name.startswith(program.name):
        return tier.name
    return f"{program.name}{tier.name}"


def benefit_label(knowledge: Knowledge, benefit: Benefit, *, qualified: bool = True) -> str:
    """购房津贴, or with its tier when claims span tiers: 官渡…B类购房津贴."""
    if not qualified:
        return benefit.name
    tier = knowledge.tier_of_benefit(benefit)
    if tier is None:
        return benefit.name
    return f"{tier_label(knowledge.program_of_tier(tier), tier)}{benefit.name}"


def amount_phrase(amount: Amount) -> str:
    """每年35万元 / 800万元，分5年支付 / 50万元 / 非现金待遇."""
    if not amount.cash:
        return "非现金待遇"
    if amount.total is None:
        return "金额未定"
    if amount.open_ended and amount.per_period is not None:
        if amount.period is Period.MONTHLY:
            return f"每月{yuan(amount.per_period)}"
        return f"每年{yuan(amount.per_period)}"
    if len(amount.schedule) > 1:
        return f"{yuan(amount.total)}，分{len(amount.schedule)}{amount.schedule_unit}支付"
    return yuan(amount.total)


def field_names(fields: Iterable[str]) -> str:
    return listing(FIELD_NAMES.get(field, field) for field in fields)


# --- references --------------------------------------------------------------------------------

_SHORT_NAME = re.compile(r"(办法|细则|意见|规定|条例|方案|通知|决定|目录)(（试行）)?$")


def abbreviate(text: str, titles: Iterable[str]) -> str:
    """Name a policy in full once, then by its short name, as official texts do:
    《…实施办法（试行）》（以下简称《办法》）…《办法》第十七条. Titles cited once stay in full,
    and a short name already in use (two 细则 in one text) is not given twice."""
    taken: set[str] = set()
    for title in sorted(set(titles), key=len, reverse=True):
        full = f"《{title}》"
        match = _SHORT_NAME.search(title)
        if text.count(full) < 2 or match is None:
            continue
        short = f"《{match.group(1)}》"
        if short in taken or short in text:
            continue
        taken.add(short)
        head = text.index(full) + len(full)
        text = text[:head] + f"（以下简称{short}）" + text[head:].replace(full, short)
    return text


_NUMBERED = re.compile(r"^第(\d+)([项目])$")


def common_reference(knowledge: Knowledge, provision_ids: Iterable[str]) -> str:
    """One reference for several provisions of one policy: 一、A类第1项 … 第4项 ->
    《…》附件《…》一、A类第1至4项; entries under different parents -> each of them."""
    ids = list(dict.fromkeys(provision_ids))
    citations = [knowledge.citation(i) for i in ids]
    if len(ids) > 1 and all(citations) and len({c.policy_id for c in citations}) == 1:
        parent = citations[0].labels[:-1]
        if parent and all(c.labels[:-1] == parent for c in citations):
            first = citations[0]
            head = Citation(first.provision_id, first.policy_id, first.policy_title, parent)
            tails = [
                Citation(c.provision_id, c.policy_id, c.policy_title, c.labels).location() for c in citations
            ]
            cut = len(head.location())
            numbered = [_NUMBERED.match(tail[cut:]) for tail in tails]
            if all(numbered) and len({m.group(2) for m in numbered}) == 1:
                numbers = sorted({int(m.group(1)) for m in numbered})
                return f"{head.reference()}第{_number_runs(numbers)}{numbered[0].group(2)}"
            items = [_ITEM.match(tail[cut:]) for tail in tails]
            if all(items):  # 第八条第（一）项 … 第（四）项 -> 第八条第（一）至（四）项
                numbers = sorted({_CHINESE_DIGITS[m.group(1)] for m in items})
                return f"{head.reference()}第{_number_runs(numbers, lambda n: f'（{chinese_numeral(n)}）')}项"
    return listing(knowledge.reference(i) for i in ids)


_ITEM = re.compile(r"^第（([一二三四五六七八九十]+)）项$")
_CHINESE_DIGITS = {chinese_numeral(n): n for n in range(1, 100)}


def _number_runs(numbers: list[int], shown: Callable[[int], str] = str) -> str:
    """[1, 2, 3, 4, 7] -> 1至4、7."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return "、".join(
        f"{shown(r[0])}至{shown(r[-1])}" if len(r) > 2 else "、".join(map(shown, r)) for r in runs
    )


# --- eligibility ---------------------------------------------------------------------------

AGE_RULE_NOTE = "“以下”包括本数"


def age_within(age: int, max_age: int) -> str:
    return f"年龄{age}周岁，未超过{max_age}周岁（{AGE_RULE_NOTE}）"


def age_exceeds(age: int, max_age: int) -> str:
    return f"年龄{age}周岁，超过{max_age}周岁的限制"


def age_above_usual(age: int, max_age: int) -> str:
    return f"年龄{age}周岁，超过该条一般在{max_age}周岁以下的要求，能否破格由主管部门认定"


def age_limits_differ(age: int, limits: Iterable[AgeLimit], asked: Iterable[str]) -> str:
    described = "、".join(
        f"{EMPLOYMENT_NAMES.get(limit.employment, '') if limit.employment else ''}"
        f"{GENDER_NAMES.get(limit.gender, '') if limit.gender else ''}{limit.max_age}周岁以下"
        for limit in limits
    )
    return f"年龄{age}周岁；该条年龄要求为{described}，请补充{field_names(asked)}"


def salary_reaches(salary: float, minimum: float) -> str:
    return f"年薪{yuan(salary)}，达到该条{yuan(minimum)}的标准"


def salary_below(salary: float, minimum: float) -> str:
    return f"年薪{yuan(salary)}，低于该条{yuan(minimum)}的标准"


def salary_to_confirm(salary: float) -> str:
    return f"所填年薪{yuan(salary)}，是否达到该条标准需按当年统计数据核定"


def other_ways_note(parts: Iterable[str]) -> str:
    """Ways of meeting a condition the reading does not capture (或执业医师资格 …)."""
    ways = listing(quoted(p.removeprefix("或者").removeprefix("或")) for p in parts)
    return f"但该条也可凭{ways}符合，需主管部门审核确认"


def unread_note(parts: Iterable[str]) -> str:
    """What of a compound condition only the office can confirm (担任骨干职务 …)."""
    return f"另需主管部门审核确认{listing(quoted(p) for p in parts)}"


def age_exempt(title_names: str) -> str:
    return f"持有{title_names}，不受年龄限制"


def relaxation_applied(reference: str, years: int, max_age: int) -> str:
    return f"依据{reference}的放宽条件，年龄条件放宽{years}岁至{max_age + years}周岁"


def relaxation_possible(reference: str, years: int, max_age: int) -> str:
    return (
        f"若在贫困县、边境县工作，依据{reference}年龄条件可放宽{years}岁至{max_age + years}周岁，"
        "请说明是否在贫困县、边境县工作"
    )


def relaxation_insufficient(reference: str, years: int, max_age: int) -> str:
    return f"即使适用{reference}的放宽条件（放宽{years}岁至{max_age + years}周岁）仍不符合"


def award_holding(name: str, grade: str | None, rank: int | None) -> str:
    text = f"{name}{grade or ''}"
    if rank is not None:
        text += f"（排名第{rank}位）"
    return text


def unrecognised(kind: str, names: Iterable[str]) -> str:
    names = list(names)
    if not names:
        return ""
    return f"所填{kind}{listing(quoted(n) for n in names)}未能识别，未参与判断，请核对名称"


def criterion_sentence(reference: str, text: str, outcome: str, reason: str) -> str:
    """符合《…》第X条“条件原文”：reason."""
    if outcome == "excluded":
        sentence = f"属于{reference}{quoted(text)}所列情形"
    else:
        lead = {"met": "符合", "unmet": "不符合", "unknown": "尚无法判断是否符合", "to_confirm": "初步符合"}[outcome]
        sentence = f"{lead}{reference}{quoted(text)}"
    return f"{sentence}：{reason}" if reason else sentence


def no_core_met(reference: str) -> str:
    return f"所填称号、奖项等不符合{reference}所列条件"


def rank_relaxation_applied(reference: str, steps: int, lowered: str) -> str:
    return f"依据{reference}的放宽条件，职称条件降低{steps}档至{lowered}"


def rank_relaxation_possible(reference: str, steps: int) -> str:
    return f"若在贫困县、边境县工作，依据{reference}职称条件可降低{steps}档，请说明是否在贫困县、边境县工作"


def no_conditions() -> str:
    return "未读取到该类别的认定条件，需由主管部门认定"


def region_unknown(entered: str | None, program_region: str, *, wider: bool = False) -> str:
    """The person's region is missing, not recognised, or wider than the program's (昆明市 for 官渡区)."""
    if wider:
        return f"所填工作地区{quoted(entered or '')}范围大于{program_region}，该计划仅适用于{program_region}，请说明是否在{program_region}工作"
    said = f"所填工作地区{quoted(entered)}未能识别" if entered else "未填写工作地区"
    return f"{said}，该计划仅适用于{program_region}"


def program_region_unknown(program_region: str) -> str:
    return f"该计划的适用地区{quoted(program_region)}未能定位，需主管部门确认"


def review_core_note(reference: str) -> str:
    return f"{reference}所列任职、业绩等条件无法根据所填信息判断，如符合可由主管部门审核认定"


def discretionary_note(reference: str, text: str) -> str:
    return f"{reference}{quoted(text)}为兜底条款，由主管部门认定是否相当，本系统不自动认定"


def review_note(reference: str, text: str) -> str:
    return f"{reference}{quoted(text)}无法根据所填信息判断，由主管部门审核认定"


def not_applicable(region_names: str) -> str:
    return f"不适用：该计划仅适用于{region_names}"


def tier_headline(status: EligibilityStatus, label: str) -> str:
    return f"{STATUS_NAMES[status]}：{label}"


def missing_note(fields: Iterable[str]) -> str:
    fields = list(fields)
    return f"请补充{field_names(fields)}后再判断" if fields else ""


# --- stacking ------------------------------------------------------------------------------


def rule_gist(text: str) -> str:
    """The rule as written, without its closing punctuation."""
    return text.strip().rstrip("。；;，,")


def why_kept(higher_amount: bool, higher_level: bool) -> str:
    if higher_amount:
        return "金额较高"
    return "金额相同、层级较高" if higher_level else "金额和层级相同、排序在前"


def kept_and_set_aside(reference: str, rule_text: str, kept: str, why: str, set_aside: list[str]) -> str:
    """根据《…》第十七条第（四）项第1目，购房津贴与岗位津贴不重复享受，保留金额较高的岗位津贴（每年35万元），购房津贴不予发放。"""
    return sentences(
        [f"根据{reference}，{rule_gist(rule_text)}，保留{why}的{kept}，{listing(set_aside)}不予发放"]
    )


def violation(reference: str, rule_text: str, kept: str, set_aside: list[str]) -> str:
    return sentences(
        [f"根据{reference}，{rule_gist(rule_text)}：已享受{kept}，{listing(set_aside)}不得重复享受，不予发放"]
    )


def bar_violation(reference: str, rule_text: str, kept: str, set_aside: list[str]) -> str:
    return sentences(
        [f"根据{reference}，{rule_gist(rule_text)}：享受{kept}期间，{listing(set_aside)}不得申请，不予发放"]
    )


def top_up(reference: str, rule_text: str, higher: str, lower: str, difference: float) -> str:
    if difference <= 0:
        return sentences(
            [f"根据{reference}，{rule_gist(rule_text)}：{higher}不高于已享受的{lower}，无需补差"]
        )
    return sentences(
        [f"根据{reference}，{rule_gist(rule_text)}：已享受{lower}，按{higher}补差发放{yuan(difference)}"]
    )


def allowed(reference: str, rule_text: str, claims: list[str]) -> str:
    return sentences([f"根据{reference}，{rule_gist(rule_text)}：{listing(claims)}可同时享受"])


def uncovered(first: str, second: str, same_program: bool, same_benefit: bool) -> str:
    if same_benefit:
        return sentences([f"同一待遇{first}重复申报，未找到适用的不重复享受规定，请核实"])
    text = f"{first}与{second}：未找到适用的不重复享受规定，请由主管部门核实"
    if same_program:
        text += "（同一计划一般只认定一个类别）"
    return sentences([text])


def rule_conflict(first: str, second: str, references: list[str], verdicts: list[str]) -> str:
    pairs = "；".join(f"{ref}{verdict}" for ref, verdict in zip(references, verdicts, strict=True))
    return sentences([f"{first}与{second}适用的规定相互冲突：{pairs}。本系统不作裁定，请由主管部门裁定"])


def specific_prevails(general: list[str], general_allows: bool) -> str:
    """The general rule that gave way to a specific one of the same policy (特别规定优于一般规定)."""
    said = "可同时享受其他待遇" if general_allows else "不重复享受"
    applied = "上述特别规定" if general_allows else "上述可同时享受的特别规定"
    return f"{listing(general)}关于{said}的规定属一般规定，依照特别规定优于一般规定的原则，此处适用{applied}"


def disputed_by(references: list[str], verdicts: list[str]) -> str:
    """Another rule says otherwise about the same claims: 另《…》第十二条规定补差发放…"""
    others = "；".join(f"{ref}{verdict}" for ref, verdict in zip(references, verdicts, strict=True))
    return f"另{others}，规定之间对此存在冲突，需由主管部门裁定"


def over_cap(reference: str, benefit_name: str, claimed: float, cap: float, per_year: bool) -> str:
    """申报购房津贴9000万元，超过《…》第十一条第（一）项规定的最高800万元…"""
    if per_year:
        return sentences(
            [
                f"申报{benefit_name}{yuan(claimed)}，超过{reference}规定的每年{yuan(cap)}",
                f"文件未规定发放年限，如为多年合计请核实；比较时按每年{yuan(cap)}计",
            ]
        )
    return sentences(
        [
            f"申报{benefit_name}{yuan(claimed)}，超过{reference}规定的最高{yuan(cap)}，超出{yuan(claimed - cap)}",
            f"超出部分不得发放，比较时按{yuan(cap)}计，请核实申报金额",
        ]
    )


# --- package -------------------------------------------------------------------------------


def one_tier_per_program(program_name: str, chosen: str, others: list[str], reference: str = "") -> str:
    text = f"{program_name}按{chosen}计算"
    if reference:
        text += f"（认定条件见{reference}）"
    if others:
        text += f"（同一计划只认定一个类别，不再按{listing(others)}重复计算）"
    return text


_PURPOSE_NOTES = {
    "FUNDING": "该项为项目、工作室或团队经费，用于相关工作，不发给个人",
    "FINANCING": "该项为金融机构提供的金融支持（融资），不是财政补贴，不发给个人",
}


def purpose_note(purpose: str) -> str:
    """What a package item's money is for, when it is not the person's own (package.Purpose)."""
    return _PURPOSE_NOTES.get(purpose, "")


def package_totals(
    count: int,
    total: float,
    personal: float,
    funding: float,
    financing: float,
    conditional: float,
    conditions: list[str],
) -> str:
    """可享受18项待遇，各项金额上限合计最高2830万元，其中：发给本人的现金待遇最高580万元；…"""
    head = f"可享受{count}项待遇，各项金额上限合计最高{yuan(total)}"
    if funding == financing == conditional == 0:
        return f"{head}，均为发给本人的现金待遇"
    parts = [f"发给本人的现金待遇最高{yuan(personal)}"]
    if funding:
        parts.append(f"用于项目、工作室或团队的经费最高{yuan(funding)}（不发给个人）")
    if financing:
        parts.append(f"由金融机构提供的金融支持最高{yuan(financing)}（属融资，不是补贴）")
    if conditional:
        which = f"（{listing(conditions)}）" if conditions else ""
        parts.append(f"须满足后续条件方可获得的最高{yuan(conditional)}{which}")
    return f"{head}，其中：{'；'.join(parts)}"


def recipient_set_aside(benefit_name: str, recipient: Recipient) -> str:
    return f"{benefit_name}发放给{RECIPIENT_NAMES[recipient]}，不属于本人待遇"


def title_set_aside(benefit_name: str, wording: str) -> str:
    return f"{benefit_name}“{wording}”仅限所列人员享受，所填称号不符"


def variant_replaces(benefit_name: str, amount: str, wording: str) -> str:
    return f"已按“{wording}”的标准（{amount}）计列{benefit_name}，不再按一般标准重复计列"


def employment_set_aside(benefit_name: str, modes: str, known: bool) -> str:
    if known:
        return f"{benefit_name}仅限{modes}人才享受，与所填工作方式不符"
    return f"{benefit_name}仅限{modes}人才享受，所填信息未说明工作方式"


def could_add(label: str, fields: Iterable[str]) -> str:
    return (
        f"如补充{field_names(fields)}，还可能符合{label}"
        if fields
        else f"还可能符合{label}（需主管部门审核）"
    )
