"""Plain data of the talent-policy graph: documents, provisions and the facts read from them.

This module is the contract between the pipeline stages: the parser produces `Policy` and
`Provision`, extraction produces the fact records below, the loader writes them to the graph,
and the reasoning in `graphapi.domain` reads the same records back. No I/O here.

Every fact carries `cited_in`: the id of the provision whose text states it.
Amounts are in yuan (万元 × 10 000).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


# --- enumerations -------------------------------------------------------------------------


class Level(StrEnum):
    """Administrative level of a policy, program, title or award."""

    INTERNATIONAL = "INTERNATIONAL"  # 诺贝尔奖, 发达国家院士
    NATIONAL = "NATIONAL"  # 国家级
    PROVINCIAL = "PROVINCIAL"  # 省部级 / 省级
    MUNICIPAL = "MUNICIPAL"  # 市级
    DISTRICT = "DISTRICT"  # 区县级


LEVEL_ORDER: dict[Level, int] = {
    Level.INTERNATIONAL: 5,
    Level.NATIONAL: 4,
    Level.PROVINCIAL: 3,
    Level.MUNICIPAL: 2,
    Level.DISTRICT: 1,
}
"""Higher is more senior; used to break ties under 从高从优."""


class PolicyStatus(StrEnum):
    DRAFT = "DRAFT"  # 征求意见稿
    TRIAL = "TRIAL"  # 试行
    IN_FORCE = "IN_FORCE"
    REPEALED = "REPEALED"  # 废止


class ProvisionKind(StrEnum):
    """Numbering levels of 立法法 and of policy-style documents.

    Id segments (Akoma Ntoso style, joined by ``__``): CHAPTER ``chp_N`` (编/章/节, 第X章),
    SECTION ``sec_N`` (一、), ARTICLE ``art_N`` (条, 第X条), PARAGRAPH ``para_N`` (款,
    unnumbered), ITEM ``item_N`` (项, （一）), SUBITEM ``subitem_N`` (目, 1.),
    POINT ``point_N`` ((1) under a sub-item), ANNEX ``annex_N`` (附件).
    """

    CHAPTER = "CHAPTER"
    SECTION = "SECTION"
    ARTICLE = "ARTICLE"
    PARAGRAPH = "PARAGRAPH"
    ITEM = "ITEM"
    SUBITEM = "SUBITEM"
    POINT = "POINT"
    ANNEX = "ANNEX"


class ReferenceKind(StrEnum):
    CITES = "CITES"
    AMENDS = "AMENDS"
    REPEALS = "REPEALS"  # 废止
    PROMULGATES = "PROMULGATES"  # a notice (通知) that issues the instrument (印发)


class CriterionRole(StrEnum):
    BASIC = "BASIC"  # 基本条件: all required  -> (Tier)-[:REQUIRES_ALL]->(Criterion)
    CORE = "CORE"  # 核心条件 / 符合下列条件之一: any one suffices -> [:QUALIFIES_BY]
    EXCLUSION = "EXCLUSION"  # 不得参加 / 不在引进之列 / 不纳入申报范围 -> [:EXCLUDES]


class CriterionKind(StrEnum):
    TITLE = "TITLE"
    AWARD = "AWARD"
    POSITION = "POSITION"
    DEGREE = "DEGREE"
    PROFESSIONAL_RANK = "PROFESSIONAL_RANK"  # 职称
    EDUCATION = "EDUCATION"  # degree OR 职称 (硕士以上学位或副高以上职称), or school quality
    AGE = "AGE"
    EMPLOYMENT = "EMPLOYMENT"
    SALARY = "SALARY"
    TAX = "TAX"
    RESIDENCE = "RESIDENCE"
    OTHER = "OTHER"


class Degree(IntEnum):
    """Highest degree; ordered so that comparisons read naturally."""

    OTHER = 0
    ASSOCIATE = 1  # 专科 / 大专 (a college diploma, 学历 without a 学位)
    BACHELOR = 2  # 本科 / 学士
    MASTER = 3  # 硕士
    DOCTORATE = 4  # 博士


class ProfessionalRank(IntEnum):
    """职称, ordered."""

    NONE = 0
    JUNIOR = 1  # 初级
    INTERMEDIATE = 2  # 中级
    ASSOCIATE_SENIOR = 3  # 副高
    SENIOR = 4  # 正高


class Employment(StrEnum):
    FULL_TIME = "FULL_TIME"  # 全职 / 刚性引进
    FLEXIBLE = "FLEXIBLE"  # 柔性引进


class Gender(StrEnum):
    """Only where a condition depends on it (退休年龄: 男63周岁、女58周岁)."""

    MALE = "MALE"  # 男
    FEMALE = "FEMALE"  # 女


class BenefitKind(StrEnum):
    HOUSING_SUBSIDY = "HOUSING_SUBSIDY"  # 购房津贴
    LIVING_ALLOWANCE = "LIVING_ALLOWANCE"  # 生活补贴 / 一次性工作生活补贴
    SELECTION_BONUS = "SELECTION_BONUS"  # 培育奖励
    RECRUITER_REWARD = "RECRUITER_REWARD"  # 引才奖励 / 引才伯乐
    POST_ALLOWANCE = "POST_ALLOWANCE"  # 岗位津贴
    PROJECT_FUNDING = "PROJECT_FUNDING"  # 项目经费 / 金融支持
    TRAINING_FUNDS = "TRAINING_FUNDS"  # 培养经费
    STARTUP_SUPPORT = "STARTUP_SUPPORT"  # 创业支持
    SERVICE = "SERVICE"  # non-cash: 人才公寓, 子女入学, 绿色通道 …
    OTHER = "OTHER"


class Period(StrEnum):
    ONE_OFF = "ONE_OFF"  # 一次性
    YEARLY = "YEARLY"  # 每年
    MONTHLY = "MONTHLY"  # 每月


class Recipient(StrEnum):
    PERSON = "PERSON"
    EMPLOYER = "EMPLOYER"  # 用人单位 / 依托单位
    RECRUITER = "RECRUITER"  # 引才单位 / 第三方 / 引才伯乐
    TEAM = "TEAM"


class StackingKind(StrEnum):
    HIGHEST_ONLY = "HIGHEST_ONLY"  # 从高从优、不重复享受
    EXCLUSIVE = "EXCLUSIVE"  # A与B不重复享受
    NOT_AGAIN = "NOT_AGAIN"  # 已享受…不再重复享受/支持
    TOP_UP = "TOP_UP"  # 补差发放
    STACKABLE = "STACKABLE"  # 可同时享受…其它政策待遇
    BAR = "BAR"  # 培养期内不得再申请…


class EligibilityStatus(StrEnum):
    ELIGIBLE = "ELIGIBLE"
    INELIGIBLE = "INELIGIBLE"
    NEEDS_INFO = "NEEDS_INFO"


# --- documents ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Policy:
    """One legal instrument. A source file may hold several (a notice and what it issues)."""

    id: str  # stable and readable, e.g. "gd-2023-zcgccrc"
    title: str
    doc_number: str | None = None  # 文号, e.g. 东发〔2022〕26号
    issuer: str | None = None
    issued_on: str | None = None  # ISO date, e.g. "2022-10-14"
    status: PolicyStatus | None = None
    validity: str | None = None  # as written: 试行五年, 有效期5年
    validity_years: int | None = None
    level: Level | None = None
    region: str | None = None  # canonical region name, e.g. 官渡区
    source_file: str | None = None
    source_sha256: str | None = None
    placeholder: bool = False  # cited but not loaded


@dataclass(frozen=True, slots=True)
class PolicyReference:
    """A policy cited (or amended, repealed, promulgated) by a provision of another."""

    kind: ReferenceKind
    cited_in: str  # provision id
    title: str | None = None  # 《…》 without the brackets
    doc_number: str | None = None
    target_id: str | None = None  # set when the target is known (loaded or placeholder id)


@dataclass(frozen=True, slots=True)
class Provision:
    id: str  # f"{policy_id}/{path}", path like "chp_4__art_11__item_1"
    policy_id: str
    kind: ProvisionKind
    label: str | None  # 第十一条, （一）, 1., 一、, 附件1
    number: int | None  # 11 for 第十一条
    text: str  # simplified Chinese, repaired; this provision's own text (children excluded)
    original_text: str  # as in the source (after structural repair, before opencc)
    ordinal: int  # document order inside the policy, from 0
    parent_id: str | None = None  # None for top-level provisions
    heading: str | None = None  # e.g. 总则 for 第一章 总则


@dataclass(slots=True)
class ParsedPolicy:
    policy: Policy
    provisions: list[Provision]
    references: list[PolicyReference] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ParsedDocument:
    """Everything read from one source file. Loaded atomically: all of it or nothing."""

    source_file: str
    source_sha256: str
    policies: list[ParsedPolicy]
    warnings: list[str] = field(default_factory=list)


# --- entities -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Region:
    id: str  # e.g. "region:guandu"
    name: str  # 官渡区
    level: Level
    parent_id: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Title:
    """A talent title or program selection a person holds (中国科学院院士, 国家杰出青年科学基金获得者)."""

    id: str  # e.g. "title:cas-academician"
    name: str
    aliases: tuple[str, ...] = ()
    level: Level | None = None
    grantor: str | None = None
    category: str | None = None  # e.g. ACADEMICIAN, PROGRAM_SELECTION, HONOR
    same_as: tuple[str, ...] = ()  # other Title ids naming the same thing
    member_of: tuple[str, ...] = ()  # title-class ids (e.g. "两院院士" covers both academies)
    is_class: bool = False


@dataclass(frozen=True, slots=True)
class Award:
    """An award (国家科学技术进步奖) or an award class (省部级科学技术奖) that covers awards."""

    id: str  # e.g. "award:national-sci-tech-progress", "award-class:provincial-sci-tech"
    name: str
    aliases: tuple[str, ...] = ()
    level: Level | None = None
    grantor: str | None = None
    grades: tuple[str, ...] = ()  # 特等奖, 一等奖, 二等奖, 三等奖
    member_of: tuple[str, ...] = ()  # award-class ids this award belongs to
    is_class: bool = False


# --- facts ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Program:
    """A talent program a policy establishes or governs (官渡高层次人才（团队）, 云南省“千人计划”)."""

    id: str
    name: str
    policy_id: str
    cited_in: str
    level: Level | None = None
    region: str | None = None  # canonical region name
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Tier:
    """A class inside a program (官渡 A类 国际顶尖人才; one 专项 of 云南千人计划)."""

    id: str
    program_id: str
    code: str  # "A", "B", "TEAM", or a slug for single-tier programs
    name: str
    rank: int  # 1 = highest inside its program
    cited_in: str
    level: Level | None = None
    confers_title_id: str | None = None  # selection into the tier confers this Title
    for_team: bool = False  # applicants are teams, not persons


@dataclass(frozen=True, slots=True)
class AwardRequirement:
    """One acceptable award holding: any of `award_ids` (awards or award classes),
    in one of `grades` (empty: any grade, 获得者), ranked at most `max_rank` (None: any)."""

    award_ids: tuple[str, ...]
    grades: tuple[str, ...] = ()
    max_rank: int | None = None


@dataclass(frozen=True, slots=True)
class AgeLimit:
    """An age limit that holds for one employment mode or one gender only
    (刚性引进的50周岁以下、柔性引进的65周岁以下; 男性63周岁、女性58周岁以下)."""

    max_age: int  # inclusive
    employment: Employment | None = None
    gender: Gender | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    """One condition as written, with its structured reading.

    Within one criterion the structured parts are alternatives where the text says 或/之一
    (any title in `title_ids`, any requirement in `awards`); a criterion with both
    `min_degree` and `min_professional_rank` (kind EDUCATION) is met by either.
    A compound basic condition ("55周岁以下，具有博士学位，副高以上职称") is split into one
    criterion per kind, all citing the same provision.
    """

    id: str
    tier_id: str
    role: CriterionRole
    kind: CriterionKind
    text: str
    cited_in: str
    discretionary: bool = False  # catch-alls: 其他相当于上述层次的…
    title_ids: tuple[str, ...] = ()
    awards: tuple[AwardRequirement, ...] = ()
    max_age: int | None = None  # 一般在55周岁以下 -> 55 (inclusive)
    age_exempt_title_ids: tuple[str, ...] = ()  # 院士除外
    min_degree: Degree | None = None
    min_professional_rank: ProfessionalRank | None = None
    employment: tuple[Employment, ...] = ()  # acceptable modes
    within_years: int | None = None  # 近五年 -> 5
    min_amount: float | None = None  # salary / tax thresholds, yuan
    unlinked_mentions: tuple[str, ...] = ()  # names read in the text that no entity matched
    # Conditions in the text that the structured reading above does not capture, each as
    # written ("取得正高级职称并在相应行业担任骨干职务" read as 正高 leaves
    # "在相应行业担任骨干职务"). The reasoning never counts such a criterion as met on its
    # structured part alone: what is left goes to the office's review.
    unread: tuple[str, ...] = ()
    # Other ways of meeting it that the reading does not capture ("具有中级或执业医师资格" read as
    # 中级职称 leaves "执业医师资格"): failing what is read does not fail the criterion then.
    unread_alternatives: tuple[str, ...] = ()
    age_is_usual: bool = False  # 一般在55周岁以下: a usual limit the office may waive, not a bar
    age_limits: tuple[AgeLimit, ...] = ()  # per mode or gender; max_age is then the largest
    min_service_days_per_year: int | None = None  # 每年在本地工作不少于60天
    min_service_months: int | None = None  # 累计工作不少于3个月


@dataclass(frozen=True, slots=True)
class Relaxation:
    """放宽条件: e.g. 到贫困县、边境县工作的，年龄条件放宽2岁，职称条件降低1档."""

    id: str
    tier_id: str
    text: str
    cited_in: str
    condition: str  # machine tag, e.g. "POVERTY_OR_BORDER_COUNTY"
    age_years: int = 0
    professional_rank_steps: int = 0
    service_years_reduction: int = 0


@dataclass(frozen=True, slots=True)
class FunderShare:
    funder: str  # 区级财政, 用人单位
    share: float  # 0.5


HOUSE_PRICE = "购房总价"
"""`Benefit.cap_basis` of a cap on the house price (购房总价/房款/房屋总价的80%); a cap_ratio
without a cap_basis is read as one too."""


@dataclass(frozen=True, slots=True)
class Benefit:
    id: str
    tier_id: str
    kind: BenefitKind
    name: str
    text: str
    cited_in: str
    amount_max: float | None = None  # per period, yuan
    amount_min: float | None = None
    period: Period = Period.ONE_OFF
    years: int | None = None  # how many periods the text grants (每年 × years)
    cap_ratio: float | None = None  # ≤ 80 % of the house price -> 0.8
    cap_basis: str | None = None  # what cap_ratio is a share of: HOUSE_PRICE, or as written (项目实际投入)
    installments: int | None = None  # 分5年支付 -> 5
    installment_share: float | None = None  # 每年支付20% -> 0.2
    recipient: Recipient = Recipient.PERSON
    funders: tuple[FunderShare, ...] = ()
    conditions: tuple[str, ...] = ()  # 考核优秀, 年度考核合格后发放, 全职在官渡区工作
    employment: tuple[Employment, ...] = ()  # modes it is limited to (全职); empty: any
    amount_levels: tuple[float, ...] = ()  # 档次: 1000万元、1500万元、2000万元 (decided at selection)
    requires_title_ids: tuple[str, ...] = ()  # only for holders of one of these (引进“两院”在职院士 200万元)


@dataclass(frozen=True, slots=True)
class StackingRule:
    """A no-stacking (or explicit stacking) rule and what it governs."""

    id: str
    kind: StackingKind
    text: str
    cited_in: str
    policy_id: str
    governs: tuple[str, ...] = ()  # ids of Benefit | Tier | Program
    scope: str | None = None  # scope as written, e.g. 国家级、省级和市级重点人才工程
    prior: tuple[str, ...] = ()  # NOT_AGAIN/BAR: ids (or names) of what was already enjoyed


@dataclass(frozen=True, slots=True)
class Succession:
    """云岭英才计划 专项 -> 云南省千人计划 专项: 已入选人才自动转入."""

    from_id: str  # Program | Tier id (may be a placeholder program)
    to_id: str
    cited_in: str
    from_name: str | None = None


@dataclass(frozen=True, slots=True)
class Equivalence:
    """(Title|Tier)-[:EQUIVALENT_TO]->(Tier): 相当于."""

    from_id: str
    to_id: str
    cited_in: str


@dataclass(frozen=True, slots=True)
class UnlinkedMention:
    text: str
    cited_in: str
    kind: str  # "title" | "award"


@dataclass(slots=True)
class Facts:
    """Everything extracted from the policies of one source document."""

    programs: list[Program] = field(default_factory=list)
    tiers: list[Tier] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    relaxations: list[Relaxation] = field(default_factory=list)
    benefits: list[Benefit] = field(default_factory=list)
    stacking_rules: list[StackingRule] = field(default_factory=list)
    successions: list[Succession] = field(default_factory=list)
    equivalences: list[Equivalence] = field(default_factory=list)
    unlinked: list[UnlinkedMention] = field(default_factory=list)
