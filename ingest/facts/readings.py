"""What one condition clause says: age, degree, 职称, employment mode, salary and tax
thresholds, windows (近五年), and which kind of condition it is.

A clause is a stretch of a provision between top-level commas or semicolons
(一般在55周岁以下（院士除外），具有博士学位，副高以上专业技术职称 has three). The readings are
plain words of the genre; nothing here knows a particular document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphapi.domain.model import AgeLimit, CriterionKind, Degree, Employment, Gender, ProfessionalRank
from ingest.facts import numbers

_OPENERS = "（(“‘《〈「『["
_CLOSERS = "）)”’》〉」』]"


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int  # offsets in the provision text
    end: int


def open_depth(text: str) -> int:
    """How many brackets or quotes are still open at the end of `text`."""
    depth = 0
    for char in text:
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
    return depth


def top_level(text: str, chars: str) -> list[int]:
    """Where `chars` stand in `text` outside brackets and quotes."""
    found: list[int] = []
    depth = 0
    for i, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        elif depth == 0 and char in chars:
            found.append(i)
    return found


def split(text: str, marks: str = "，；。,;", start: int = 0, end: int | None = None) -> list[Span]:
    """Top-level pieces of `text[start:end]` between `marks` (brackets and quotes kept whole)."""
    end = len(text) if end is None else end
    pieces: list[Span] = []
    depth = 0
    begin = start
    for i in range(start, end):
        char = text[i]
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        elif depth == 0 and char in marks:
            pieces.append(Span(text[begin:i], begin, i))
            begin = i + 1
    pieces.append(Span(text[begin:end], begin, end))
    return [_trimmed(p) for p in pieces if p.text.strip(" 　：:")]


def _trimmed(span: Span) -> Span:
    text = span.text
    left = len(text) - len(text.lstrip(" 　：:"))
    right = len(text.rstrip(" 　：:"))
    return Span(text[left:right], span.start + left, span.start + right)


def sentences(text: str) -> list[Span]:
    return split(text, "。；;")


# --- words of the genre ------------------------------------------------------------------------

# 博士后 is a post, not a degree; 研究生 alone is a master's level unless 博士 precedes it.
# 专科 is a level only beside 学历 (the context below): 重点学科（专科） is a medical specialty.
_DEGREE = re.compile(r"博士(?!后)|硕士|(?<!博士)(?<!硕士)研究生|本科|学士|专科|大专")
_DEGREE_OF = {
    "博士": Degree.DOCTORATE,
    "硕士": Degree.MASTER,
    "研究生": Degree.MASTER,
    "本科": Degree.BACHELOR,
    "学士": Degree.BACHELOR,
    "专科": Degree.ASSOCIATE,
    "大专": Degree.ASSOCIATE,
}
_DEGREE_CONTEXT = re.compile(r"学位|学历|毕业生|研究生|博士|硕士|本科")
_RANK = re.compile(
    r"(?P<senior>正高级?)|(?P<associate>副高级?|副教授|副研究员|副主任医师|高级(?=职称|专业技术职称))"
    r"|(?P<middle>中级)(?=[^，。；、]{0,8}(?:职称|资格|专业技术))|(?P<junior>初级)(?=[^，。；、]{0,6}(?:职称|专业技术))"
)
# 入选者, 培养对象: "the selected", as a program's rules name those selection admitted
SELECTED = r"入选者|入选人才|入选人员|入选对象|培养对象"
SCHOOL_QUALITY = re.compile(r"双一流|世界一流|QS|985|211|重点高校|重点大学|知名高校|名校|师范院校|直属|世界排名|(?:大学|高校)排名")
_FULL_TIME = re.compile(r"全职|刚性")
_FLEXIBLE = re.compile(r"柔性|兼职|挂职")
_SERVICE_TIME = re.compile(r"累计(?:工作|服务)|工作时间|服务时间|在岗时间|(?:工作|服务)(?:不少于|超过|满)")
# 每年在东川累计工作时间超过60天 / 每年在宜良服务不少于30天: days a year. 超过 is read as at
# least, as thresholds of money are (the number itself is rarely met exactly).
_DAYS_A_YEAR = re.compile(rf"每年[^，。；]{{0,24}}?(?:超过|不少于|不低于|达到|满|累计)\s*(?P<n>{numbers.NUMBER})\s*(?:个)?(?:工作)?(?:天|日)")
# 每年在官渡区累计服务不少于3个月 / 累计工作不少于3个月: months of service
_MONTHS = re.compile(rf"(?:超过|不少于|不低于|达到|满)\s*(?P<n>{numbers.NUMBER})\s*个月(?!内)")
_SERVICE_CONTEXT = re.compile(r"工作|服务|在岗|驻")
# 连续缴纳社会保险满6个月: months of contributions, not of service
_NOT_SERVICE = re.compile(r"社会保险|社保|公积金|缴纳|缴存")
# 一般在55周岁以下 / 原则上不超过45周岁: a usual limit the office may waive
_USUAL = re.compile(r"一般|原则上|通常")
_MODE_BEFORE = ((re.compile(r"刚性|全职"), Employment.FULL_TIME), (re.compile(r"柔性|兼职"), Employment.FLEXIBLE))
_GENDER_BEFORE = re.compile(r"(?P<g>男|女)(?:性)?(?:年龄)?(?:在)?\s*$")
_SALARY = re.compile(r"年薪|薪酬|年收入|工资收入|税前收入")
# 纳税额…, 缴纳工资薪金个人所得税10万元以上
_TAX = re.compile(r"纳税|个人所得税|缴税")
_POSITION = re.compile(r"担任|主持|领衔|领导过|带领过|负责人|首席|法定代表人|带头人|主任|高管|职务")
_RESIDENCE = re.compile(r"行政区域内|域内|户籍|注册、备案|驻[滇川黔]|辖区内")
_CONDUCT = re.compile(r"遵纪守法|遵守|品德|道德|身体健康|热爱祖国|拥护|爱国|学风|诚实守信")
_CATCH_ALL = re.compile(
    r"^(?:其他|其它)|相当于上述|具有相当|同等水平|急需紧缺的其他|其他急需紧缺|其他[^，。]{0,16}人才$"
    r"|^(?:或)?(?:获得|取得)?相应(?:奖项|层次|水平|称号)"  # 或获得相应奖项的人员: the office decides which
)
_SUBJECT_SHOULD = re.compile(r"^[^，。；]{1,8}?(?:原则上)?(?:应当|应|须|必须)(?=具有|具备|有|掌握)")
_MAKE_UP = re.compile(r"由[^，。；]{0,20}组成")
_NO_CONDITION = re.compile(r"^(?:不限|不受)|^[^，。；]{0,4}不限$")
_ASIDE = re.compile(r"[（(][^（）()]*[）)]")
_EXEMPTION = re.compile(r"[（(]([^（）()]{1,20}?)(?:除外|不受年龄限制|不受此限|可适当放宽)[）)]")
_THRESHOLD = re.compile(r"超过|达到|以上|不低于|不少于")


@dataclass(frozen=True, slots=True)
class Reading:
    """One kind of condition read from a clause, with its structured parts."""

    kind: CriterionKind
    max_age: int | None = None  # the largest limit when there are several
    age_exempt: tuple[str, ...] = ()  # names written in （…除外）
    age_limits: tuple[AgeLimit, ...] = ()  # per employment mode or gender (刚性50／柔性65; 男63／女58)
    age_is_usual: bool = False  # 一般在55周岁以下
    min_service_days_per_year: int | None = None
    min_service_months: int | None = None
    min_degree: Degree | None = None
    min_professional_rank: ProfessionalRank | None = None
    employment: tuple[Employment, ...] = ()
    min_amount: float | None = None


@dataclass(slots=True)
class ClauseFacts:
    readings: list[Reading] = field(default_factory=list)
    within_years: int | None = None
    discretionary: bool = False


def degree_in(text: str) -> Degree | None:
    """The lowest degree a clause accepts: 博士、硕士毕业生 -> MASTER; 本科以上学历 -> BACHELOR."""
    if not _DEGREE_CONTEXT.search(text):
        return None
    found = [_DEGREE_OF[m.group(0)] for m in _DEGREE.finditer(text)]
    return min(found) if found else None


def rank_in(text: str) -> ProfessionalRank | None:
    """The lowest 职称 a clause accepts: 副高以上 -> ASSOCIATE_SENIOR."""
    found: list[ProfessionalRank] = []
    for match in _RANK.finditer(text):
        if match.group("senior"):
            found.append(ProfessionalRank.SENIOR)
        elif match.group("associate"):
            found.append(ProfessionalRank.ASSOCIATE_SENIOR)
        elif match.group("middle"):
            found.append(ProfessionalRank.INTERMEDIATE)
        elif match.group("junior"):
            found.append(ProfessionalRank.JUNIOR)
    return min(found) if found else None


def employment_in(text: str) -> tuple[Employment, ...]:
    modes = []
    if _FULL_TIME.search(text):
        modes.append(Employment.FULL_TIME)
    if _FLEXIBLE.search(text):
        modes.append(Employment.FLEXIBLE)
    return tuple(modes)


def is_catch_all(text: str) -> bool:
    """其他相当于上述层次的… and other catch-alls that only the office can recognise."""
    return bool(_CATCH_ALL.search(text.strip("。；;，, ")))


def is_no_condition(text: str) -> bool:
    """不限国籍、户籍: says what is not required."""
    return bool(_NO_CONDITION.match(text))


def without_asides(text: str) -> str:
    """The text without its （…） asides."""
    return _ASIDE.sub("", text)


def blank_asides(text: str) -> str:
    """The text with its （…） asides blanked out, offsets kept."""
    return _ASIDE.sub(lambda m: " " * len(m.group(0)), text)


def without_subject(text: str) -> str:
    """带头人应具有… -> 具有…: the subject a clause opens with names whom it speaks of."""
    return _SUBJECT_SHOULD.sub("", text)


def exemptions(text: str) -> tuple[str, ...]:
    """（院士除外）, （两院院士不受年龄限制） -> the names exempted."""
    return tuple(m.group(1).strip() for m in _EXEMPTION.finditer(text))


def is_threshold(text: str) -> bool:
    """A salary or tax clause (年薪超过…, 纳税额…)."""
    return bool(_SALARY.search(text) or _TAX.search(text))


def is_salary(text: str) -> bool:
    """A salary clause (年薪不低于80万元), not a tax one."""
    return bool(_SALARY.search(text))


def threshold_amount(text: str) -> float | None:
    """The amount a salary or tax clause must exceed (年薪超过200万元 -> 2 000 000)."""
    for money in numbers.amounts(text):
        before = text[max(0, money.start - 6) : money.start]
        after = text[money.end : money.end + 4]
        if _THRESHOLD.search(before) or _THRESHOLD.search(after):
            return money.yuan
    found = numbers.amounts(text)
    return found[0].yuan if found else None


def read(text: str) -> ClauseFacts:
    """Every kind of condition in one clause (a compound clause gives several readings)."""
    facts = ClauseFacts(within_years=numbers.within_years(text), discretionary=is_catch_all(text))
    readings = facts.readings
    exempt = exemptions(text)
    text = without_asides(text)  # （取得正高级职称的，年龄可放宽至50周岁） qualifies, it does not require
    ages = age_reading(text, exempt)
    if ages is not None:
        readings.append(ages)
    if _SALARY.search(text):
        readings.append(Reading(CriterionKind.SALARY, min_amount=threshold_amount(text)))
    elif _TAX.search(text):
        readings.append(Reading(CriterionKind.TAX, min_amount=threshold_amount(text)))
    education = _education(text)
    if education is not None:
        readings.append(education)
    modes = employment_in(text)
    days, months = service_time(text)
    if modes:
        readings.append(Reading(CriterionKind.EMPLOYMENT, employment=modes, min_service_days_per_year=days, min_service_months=months))
    elif (_SERVICE_TIME.search(text) or days or months) and not readings:
        readings.append(Reading(CriterionKind.EMPLOYMENT, min_service_days_per_year=days, min_service_months=months))
    if not readings:
        readings.append(Reading(general_kind(text)))
    return facts


# What a structured reading is of: where each span of `reading_spans` belongs.
AGE, EDUCATION, EMPLOYMENT, AMOUNT = "age", "education", "employment", "amount"


def reading_spans(text: str) -> list[tuple[str, int, int]]:
    """Where `text` says something a structured reading holds, with what each is of (AGE,
    EDUCATION, EMPLOYMENT, AMOUNT), in order: an age limit, a degree or 职称 (not the school:
    “双一流”高校 is for the office to check), an employment mode, a salary or tax threshold, a
    service time. Offsets in `text`; asides count too (their readings are exemptions and
    relaxations)."""
    spans = [(AGE, start, end) for _, start, end in numbers.age_spans(text)]
    if degree_in(text) is not None:
        spans += [(EDUCATION, *m.span()) for m in _DEGREE.finditer(text)]
    if rank_in(text) is not None:
        spans += [(EDUCATION, *m.span()) for m in _RANK.finditer(text)]
    spans += [(EMPLOYMENT, *m.span()) for pattern in (_FULL_TIME, _FLEXIBLE, _DAYS_A_YEAR) for m in pattern.finditer(text)]
    spans += [(EMPLOYMENT, *m.span()) for m in _service_months(text)]
    if is_threshold(text):
        spans += [(AMOUNT, m.start, m.end) for m in numbers.amounts(text)]
    return sorted(spans, key=lambda s: s[1])


def age_reading(text: str, exempt: tuple[str, ...] = ()) -> Reading | None:
    """The age limits of a clause (asides removed): one per employment mode or gender where the
    clause sets several (刚性引进…50周岁以下、柔性引进…65周岁以下; 男63周岁、女58周岁以下), the
    largest as `max_age`; usual (一般在…以下) when the clause says so."""
    spans = numbers.age_spans(text)
    if not spans:
        return None
    limits: list[AgeLimit] = []
    previous = 0
    for value, start, end in spans:
        before = text[previous:start]
        mode = next((m for pattern, m in _MODE_BEFORE if pattern.search(before)), None)
        gender = _GENDER_BEFORE.search(before)
        limits.append(
            AgeLimit(value, employment=mode, gender=(Gender.MALE if gender.group("g") == "男" else Gender.FEMALE) if gender else None)
        )
        previous = end
    # 刚性引进的…45周岁以下，柔性引进的…55周岁以下: limits per mode (or gender) need two of them; a
    # mode written beside the only limit (对全职引进的45周岁以下博士) is a condition of its own
    qualified = (
        len(limits) >= 2
        and any(limit.employment or limit.gender for limit in limits)
        and len({(l.employment, l.gender) for l in limits}) == len(limits)
    )
    usual = bool(_USUAL.search(text[: spans[-1][1]]))
    return Reading(
        CriterionKind.AGE,
        max_age=max(value for value, _, _ in spans),
        age_exempt=exempt,
        age_limits=tuple(limits) if qualified else (),
        age_is_usual=usual,
    )


def service_time(text: str) -> tuple[int | None, int | None]:
    """(days a year, months) of service a clause requires: 每年…超过60天 -> (60, None);
    每年在官渡区累计服务不少于3个月 -> (None, 3)."""
    days = _DAYS_A_YEAR.search(text)
    months = next(iter(_service_months(text)), None)
    return (
        numbers.to_int(days.group("n")) if days else None,
        numbers.to_int(months.group("n")) if months else None,
    )


def _service_months(text: str) -> list[re.Match[str]]:
    """不少于3个月 where its own clause speaks of work or service (每年在官渡区累计服务不少于3个月),
    not of contributions (且在福田区连续缴纳社会保险满6个月)."""
    found: list[re.Match[str]] = []
    for match in _MONTHS.finditer(text):
        clause = re.split(r"[，,；;。]", text[: match.start()])[-1]
        if _SERVICE_CONTEXT.search(clause) and not _NOT_SERVICE.search(clause):
            found.append(match)
    return found


def general_kind(text: str) -> CriterionKind:
    """The kind of a clause with no structured reading. The subject a clause opens with
    (带头人应具有…) and a team's make-up (由1名带头人和…组成) name no post the person holds."""
    text = without_subject(text)
    if _POSITION.search(text) and not _CONDUCT.search(text) and not _MAKE_UP.search(text):
        return CriterionKind.POSITION
    if _RESIDENCE.search(text):
        return CriterionKind.RESIDENCE
    return CriterionKind.OTHER


def _education(text: str) -> Reading | None:
    """Degree, 职称, or either (硕士以上学位或副高以上职称); school quality makes it EDUCATION
    without a reading (a degree from a listed school cannot be checked from a profile)."""
    degree = degree_in(text)
    if SCHOOL_QUALITY.search(text) and _DEGREE_CONTEXT.search(text):
        # “双一流”高校本科: the degree is a floor; which school is for the office to check
        return Reading(CriterionKind.EDUCATION, min_degree=degree)
    rank = rank_in(text)
    if degree is None and rank is None:
        return None
    if degree is not None and rank is not None:
        return Reading(CriterionKind.EDUCATION, min_degree=degree, min_professional_rank=rank)
    if degree is not None:
        return Reading(CriterionKind.DEGREE, min_degree=degree)
    return Reading(CriterionKind.PROFESSIONAL_RANK, min_professional_rank=rank)
