"""Synthetic corpora of the genre: talent-policy documents of many regions and years.

    .venv/bin/python -m bench.generate OUT_DIR --scale 100 [--seed N]

A scale of N writes 5 × N documents. The first five mirror the bundled corpus (a district
实施办法 with its 分类认定目录, a district 意见 under its cover notice, a municipal 办法 in
traditional characters, a provincial notice issuing six 细则, a municipal 编制说明): 12
policies and about 460 provisions (the bundled corpus has 870, a hundred of them form fields).
The rest are drawn at random (seeded) from the same five kinds, with notices issuing one or
two 细则, over the regions of data/gazetteer/regions.yaml and the years 2000–2025: 100× is
636 policies and 31 500 provisions, 1000× 6 779 policies and 360 000 provisions (seed 20240601).

Districts × years: a program of a region gets editions. Its first document is its newest
edition (2019–2025, a 征求意见稿 at times); later documents of that kind and region are its
older editions, a year or two apart, each with its own 文号 and repealed by the one after it
(原《…》（文号）同时废止, as real texts say), so that ingest keeps the newest issued edition's
rules in force (ingest.editions). Only when a program's editions reach 2000 does its region
get another program of the kind: at 1000× a region has one to five programs of a kind in
force (three 实施办法 on average), at 100× one or two. A 编制说明 repeals nothing and so has no editions: each city gets
two at most, and the documents drawn beyond that are of the other kinds.

Every document is built as numbered lines whose provisions are counted as they are written,
so `Expected` says what the parser must find. Document `i` depends only on the seed and on
documents before it: the 1× corpus is the start of the 100× one, which is the start of 1000×.
Wording varies (synonymous phrasings, amounts, age limits, award ranks, conditions drawn from
pools) and the texts carry the scars of converted files: [bookmark] markers, 第2章 next to 第三章,
page numbers on their own lines, a sentence broken across a blank line.

No real person is named: programs are invented brands (“金沙英才”) in real regions.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path

import opencc

from graphapi.domain.model import Level, Region
from graphapi.domain.regions import default_regions
from ingest.ids import region_code

DEFAULT_SEED = 20240601
DOCUMENTS_PER_UNIT = 5
YEARS = range(2000, 2026)
MANIFEST = "manifest.json"

Rng = random.Random


# --- numerals -------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def cn(number: int) -> str:
    """Chinese numeral of 1..99 as policies write it: 三, 十一, 二十二."""
    if not 0 < number < 100:
        raise ValueError(f"{number} is outside 1..99")
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


# --- the document writer --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Expected:
    """What the parser must find in a document."""

    policies: int
    articles: int
    provisions: int


@dataclass(slots=True)
class Writer:
    """Lines of one document, numbered as they are written, with the provisions they make.

    Numbering restarts per policy (articles, chapters, sections) and per unit (items under an
    article or section, sub-items under an item). Blank lines, page numbers and front matter
    make no provision."""

    lines: list[str] = field(default_factory=list)
    policies: int = 0
    articles: int = 0
    provisions: int = 0
    _chapter: int = 0
    _article: int = 0
    _section: int = 0
    _item: int = 0
    _subitem: int = 0

    def policy(self, *front: str) -> None:
        """Start a policy: its front matter (title, 文号, 征求意见稿 marker) makes no provision."""
        self.policies += 1
        self._chapter = self._article = self._section = self._item = self._subitem = 0
        self.blank()
        self.lines.extend(front)
        self.blank()

    def blank(self) -> None:
        self.lines.append("")

    def page_number(self, number: int) -> None:
        self.lines += ["", f"- {number} -", ""]

    def _count(self, line: str) -> None:
        self.lines.append(line)
        self.provisions += 1

    def chapter(self, heading: str, *, arabic: bool = False) -> None:
        self._chapter += 1
        number = str(self._chapter) if arabic else cn(self._chapter)
        self._count(f"第{number}章 {heading}")

    def article(self, text: str, *, prefix: str = "") -> None:
        self._article += 1
        self._item = self._subitem = 0
        self.articles += 1
        self._count(f"{prefix}第{cn(self._article)}条  {text}")

    def broken_article(self, text: str, at: int) -> None:
        """An article whose sentence the conversion broke across a blank line: one provision."""
        self._article += 1
        self._item = self._subitem = 0
        self.articles += 1
        self._count(f"第{cn(self._article)}条 {text[:at]}")
        self.lines += ["", text[at:]]

    def section(self, text: str, *, reset_items: bool = True) -> None:
        self._section += 1
        self._subitem = 0
        if reset_items:
            self._item = 0
        self._count(f"{cn(self._section)}、{text}")

    def item(self, text: str) -> None:
        self._item += 1
        self._subitem = 0
        self._count(f"（{cn(self._item)}）{text}")

    def subitem(self, text: str) -> None:
        self._subitem += 1
        self._count(f"{self._subitem}.{text}")

    def point(self, number: int, text: str) -> None:
        self._count(f"（{number}）{text}")

    def paragraph(self, text: str) -> None:
        self._count(text)

    def annex(self, title: str) -> None:
        """附件 standing alone, its title on the next line: one provision."""
        self._section = 0
        self._count("附件")
        self.lines.append(title)

    def items(self, texts: Sequence[str]) -> None:
        for text in texts:
            self.item(text)

    def subitems(self, texts: Sequence[str]) -> None:
        for text in texts:
            self.subitem(text)

    def text(self) -> str:
        return "\n".join(self.lines).strip("\n") + "\n"

    def expected(self) -> Expected:
        return Expected(self.policies, self.articles, self.provisions)


# --- vocabulary -----------------------------------------------------------------------------

BRANDS = (
    "金沙", "滇池", "翠湖", "星火", "领航", "启明", "青蓝", "沃土", "银杏", "长风", "明珠", "远航",
    "磐石", "晨曦", "凌云", "澜湄", "朝阳", "栋梁", "聚英", "新苗", "玉兰", "松涛", "云帆", "丹桂",
)
THEMES = (
    "高层次人才", "青年人才", "产业人才", "技能人才", "创新创业人才", "卫生健康人才", "教育人才",
    "乡村振兴人才", "文化旅游人才", "数字经济人才",
)
SPECIALS = (
    ("高层次人才", "省科技厅"),
    ("高端外国专家", "省外专局"),
    ("人文社会科学人才", "省委宣传部"),
    ("产业人才", "省工业和信息化厅"),
    ("青年人才", "省人力资源社会保障厅"),
    ("高层次创新创业团队", "省科技厅"),
    ("卫生健康人才", "省卫生健康委"),
    ("教育人才", "省教育厅"),
    ("乡村振兴人才", "省农业农村厅"),
)
GRADE_RANKS = (("前三名", 3), ("排名前三位", 3), ("前五名", 5), ("前二名", 2))
SCALE_FACTORS = (0.5, 0.6, 0.8, 1.0, 1.0, 1.2, 1.5)


def wan(amount: float) -> str:
    """An amount in 万元 as written: 800, 2.5."""
    return f"{amount:g}"


def scaled(rng: Rng, *amounts: float) -> list[float]:
    factor = rng.choice(SCALE_FACTORS)
    return [max(0.5, round(a * factor * 2) / 2) for a in amounts]


def short_name(region: Region) -> str:
    """官渡 for 官渡区, 石林 for 石林彝族自治县: the name a program carries."""
    plain = next((a for a in region.aliases if "族" not in a and len(a) >= 2), None)
    if plain:
        return plain
    base = re.sub(r"(自治县|自治州|省|市|区|县)$", "", region.name)
    return base[:2] if "族" in base else base


def date_of(rng: Rng, year: int) -> str:
    return f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


# --- document kinds -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Edition:
    """An edition of a program's rules as the next edition cites it when it repeals it:
    原《title》（文号）同时废止. `number` None: cited by its title alone."""

    title: str
    number: str | None
    year: int


@dataclass(frozen=True, slots=True)
class Plan:
    """What one document is about."""

    kind: str
    region: Region
    parent: Region | None  # the city of a district
    year: int
    brand: str
    theme: str
    draft: bool
    variant: int  # picks among wording variants and scars
    number: str | None = None  # this edition's 文号 (None: the kind's own, or none)
    title: str | None = None  # this edition's title (None: the kind's usual one)
    previous: Edition | None = None  # the older edition it repeals
    specials: tuple[tuple[str, str], ...] = ()  # notice: the 专项 it issues (empty: drawn)
    repeal_form: int = 0  # picks the wording of the repeal clause


def repeal_clause(previous: Edition | None, form: int = 0, own: str = "本办法") -> str:
    """The sentence repealing the older edition, as real texts write it."""
    if previous is None:
        return ""
    if previous.number is None:
        return f"《{previous.title}》同时废止。"
    cited = f"《{previous.title}》（{previous.number}）"
    return f"自{own}施行之日起，{cited}废止。" if form % 2 else f"原{cited}同时废止。"


def measures_title(plan: Plan) -> str:
    return plan.title or f"{plan.region.name}支持“{plan.brand}英才”{plan.theme}（团队）引进的实施办法（试行）"


def opinions_title(plan: Plan) -> str:
    short = short_name(plan.region)
    return plan.title or f"关于实施“{plan.brand}”{plan.theme}振兴计划促进{short}高质量发展的意见（试行）"


def traditional_title(plan: Plan) -> str:
    return plan.title or f"{plan.region.name}“{plan.brand}”杰出人才培养专项实施办法"


def notice_title(plan: Plan, count: int) -> str:
    province = plan.region.name
    return f"{province}人才工作领导小组关于印发{province}“{plan.brand}计划”{count}个专项实施细则的通知"


def measures(rng: Rng, plan: Plan) -> Writer:
    """A 实施办法 with 第X章/第X条 and a 分类认定目录 annex of A–E classes and teams."""
    w = Writer()
    place, short = plan.region.name, short_name(plan.region)
    program = f"“{plan.brand}英才”{plan.theme}（团队）"
    title = measures_title(plan)
    catalogue = f"{program}分类认定目录"
    office = "区委人才办" if plan.region.level is Level.DISTRICT else "市委人才办"
    finance = "区级财政" if plan.region.level is Level.DISTRICT else "市级财政"
    if plan.draft or plan.number is None:
        w.policy(title, *(["（征求意见稿）"] if plan.draft else []))
    else:
        # Not 中共…委人才工作领导小组文件: a header line over 20 characters reads as a broken sentence.
        w.policy(f"{place}人才工作领导小组文件", "", plan.number, "", title)
    w.chapter("总  则" if plan.variant % 2 else "总则")
    w.article(
        rng.choice(
            (
                f"为贯彻落实中央人才工作会议精神，激发人才创新创造活力，高质量推进{short}人才强区建设，特制定本办法。",
                f"为深入实施新时代人才强{short[:1]}战略，加快集聚{plan.theme}，结合{place}实际，制定本办法。",
                f"为进一步做好{plan.theme}引进工作，推动{place}经济社会高质量发展，特制定本办法。",
            )
        ),
    )
    w.article(
        "坚持党管人才、统分结合、示范引领、重点支持的原则，优化整合人才引育项目，改革创新人才发现、培养、使用、评价、激励机制。",
        prefix="[bookmark: _GoBack]" if plan.variant % 3 == 0 else "",
    )
    w.article(
        f"本办法在{place}委人才工作领导小组（以下简称“领导小组”）领导下，由{place}委人才工作领导小组办公室"
        f"（以下简称“{office}”）牵头，会同相关单位组织实施。"
    )
    w.chapter("引进对象和分类", arabic=plan.variant % 4 == 1)
    w.article(f"本办法所指人才引进，是指从{place}以外引进，共分为两类。")
    w.items(
        (
            f"事业单位引进人才：适用于{place}属事业单位引进紧缺、急需人才（编内、编外）。",
            f"企业引进人才：适用于在{place}范围内从事合法生产经营活动的企业或组织在上述单位中工作的人才。",
        )
    )
    w.article(
        f"根据《{catalogue}》（见附件，以下简称《目录》）和有关规定认定的国际顶尖人才、国内领军人才、省级杰出人才、"
        "市级拔尖人才、青年优秀人才（分别用A类、B类、C类、D类、E类代指）以及高层次创新创业团队，《目录》采取动态更新管理。"
    )
    if plan.variant % 5 == 2:
        w.page_number(rng.randint(2, 9))
    w.chapter("引进方式及程序")
    w.article("引进高层次人才（团队）实行刚性引进和柔性引进两种方式。")
    w.items(
        (
            f"刚性引进。将户口、人事关系和注册纳税地等转入{place}，引进人才为申报起始日前2年内从区外全职引进（调入）的在职在岗人员。",
            f"柔性引进。不改变人才与所属单位人事关系，原则上按协议及合同约定每年在{place}累计服务不少于{rng.choice((2, 3, 4))}个月。",
        )
    )
    w.article("引进的人才（团队）应遵纪守法，诚实守信，身体健康，具有良好的职业道德。有下列情况者不在本办法引进之列：")
    w.items(("受过司法机关刑事处罚的；", "处于党纪、政纪处分所规定的限制期内的；", "涉嫌违纪违法正在接受调查尚未做出结论的；", "有其他不宜引进情形的。"))
    w.chapter("政策待遇及支持措施")
    house = scaled(rng, 800, 400, 150)
    shares = rng.choice(((80, 50, 30), (70, 50, 30), (60, 40, 30)))
    years = rng.choice((5, 5, 4, 3))
    finance_sentence = rng.choice(
        (f"由{finance}和用人单位按照各50%保障。", f"所需资金由{finance}全额保障。", f"由{finance}承担60%、用人单位承担40%。")
    )
    w.article(f"经考核审定后，{program}入选者可享受以下相关待遇及支持措施。")
    w.item(
        f"购房津贴。全职在{place}工作的新引进人才，在本区内新购房的A、B、C类人才，按照补贴最高不超过购房总价的"
        f"{shares[0]}%、{shares[1]}%、{shares[2]}%，分别补贴最高不超过{wan(house[0])}万元、{wan(house[1])}万元、"
        f"{wan(house[2])}万元的购房津贴，分{years}年支付，在年度考核合格后发放，每年支付{100 // years}%。{finance_sentence}"
    )
    w.item(f"人才公寓。在{place}内无住房的，可以申请租住人才公寓并享受租金补贴。")
    funding = scaled(rng, 200, 100, 30)
    w.item(
        f"项目支持。作为项目负责人主持开展落地{place}的关键核心技术攻关项目，可按不超过项目实际投入的50%给予A类最高不超过"
        f"{wan(funding[0])}万元金融支持，B、C、D类人才最高不超过{wan(funding[1])}万元金融支持，E类人才最高不超过"
        f"{wan(funding[2])}万元的金融支持，原则上每个项目只可申请该支持措施一次。"
    )
    bonus = scaled(rng, 50, 20, 5)
    w.item(
        f"培育奖励。对在支持期内新入选A、B、C的{program}入选者，分别给予{wan(bonus[0])}万元、{wan(bonus[1])}万元、"
        f"{wan(bonus[2])}万元奖励。"
        + rng.choice(
            (
                "同时入选国家级、省级和市级重点人才工程和重点人才项目的，按从高从优不重复享受的原则执行。",
                "同时符合本地区其他人才政策的，按照从高从优、不重复享受的原则执行。",
            )
        )
    )
    reward = scaled(rng, 20, 10, 5, 2, 1)
    w.item(
        "引才奖励。企事业用人单位或发挥关键作用的第三方成功引进高层次人才（A类、B类、C类、D类、E类），可按"
        + "、".join(f"{wan(r)}万元/人" for r in reward)
        + f"的标准给予一次性奖励，最高不超过{wan(reward[0] * 1.5)}万元。"
    )
    w.item(f"医疗保障。A、B、C、D类引进人才在{place}工作期间，每年为其提供一次健康体检服务，享受看病就诊人才绿色通道服务。")
    w.item("子女入学与配偶就业安置。引进A、B、C、D类人才，未成年子女可统筹安排就读，配偶可按照双向选择的原则进行对口安置。")
    w.item("户籍办理。引进人才、团队成员户口迁来的，其配偶、未婚子女及父母的户口可随本人迁移，由公安机关依法办理。")
    w.item("社会保障。引进人才及其配偶、子女可按规定参加各项社会保险并享受社会保障待遇。")
    w.item("企业注册登记。办理企业注册登记时享受绿色通道服务，即时受理、限时办结。")
    w.item("职称评定。工作期间表现突出的，可优先提拔使用或推荐申报职称。")
    w.article(f"{program}入选者支持期内，达到比原先认定类别更高层次认定条件的人员，其相关待遇及支持措施可补差发放。")
    w.article(f"{program}入选者，在享受本办法规定待遇的同时，可按各行业或用人单位规定享受其它政策待遇。")
    w.chapter("考核管理与保障")
    w.article("建立目标管理和动态管理制度：")
    w.item("制定考核评价细则。各用人单位拟定本单位高层次人才（团队）考核评价细则，报" + office + "备案。")
    w.item("考核结果兑现。")
    post = scaled(rng, 35, 25, 8, 4)
    w.subitems(
        (
            f"考核优秀的，全职在{place}工作的A、B、C、D类人才，除享受本办法规定的年度政策待遇以外，还分别给予每年"
            + "、".join(f"{wan(p)}万元" for p in post)
            + "的岗位津贴，"
            + rng.choice(("购房津贴与岗位津贴不重复享受。", "岗位津贴与购房津贴不得重复享受。")),
            "考核称职（合格）的，享受本办法规定的年度政策待遇。",
            "考核为不称职（不合格）的，取消享受本办法规定的政策待遇。",
            "存在下列情形的退还本办法规定的待遇：",
        )
    )
    for number, text in enumerate(
        ("因个人原因辞职辞聘调离的，终止享受支持政策待遇；", "采取不正当手段成为引才对象的；", "有违纪违规行为造成恶劣影响或重大损失的；", "连续两年考核不称职（不合格）的。"),
        start=1,
    ):
        w.point(number, text)
    w.article(f"{program}入选者应积极参加有关部门举办的人才活动，原则上每年至少参加一次。")
    w.article("对行业主管单位，年底由领导小组重点针对人才（团队）引进政策执行情况、使用情况、培养情况进行考核。")
    w.article(f"经费保障。人才引进、政策待遇所需资金列入{finance}预算，按上年度评审认定情况如实核拨。")
    w.chapter("附  则" if plan.variant % 2 else "附则")
    w.article("各行业主管单位要在一个月之内，根据本办法出台配套政策，报领导小组备案。")
    w.article(f"本办法由{office}负责具体解释工作。")
    w.article(f"本办法自印发之日起施行，试行{cn(years)}年。{repeal_clause(plan.previous, plan.repeal_form)}")
    w.paragraph(f"中共{place}委人才工作领导小组")
    w.paragraph(date_of(rng, plan.year))
    w.blank()
    w.paragraph(f"附件：{catalogue}")  # the attachment list: one paragraph, not the annex
    w.blank()
    _catalogue(rng, w, plan, catalogue)
    return w


def _award_condition(rng: Rng, scope: str, grades: str) -> str:
    rank, _ = rng.choice(GRADE_RANKS)
    if scope == "国家":
        return rng.choice(
            (
                f"国家自然科学奖、技术发明奖、科学技术进步奖其中之一的{grades}{rank}完成人",
                f"国家自然科学奖、国家技术发明奖、国家科学技术进步奖{grades}{rank}完成人",
            )
        )
    return f"省部级自然科学奖、技术发明奖、科学技术进步奖其中之一的{grades}{rank}完成人"


def _catalogue(rng: Rng, w: Writer, plan: Plan, catalogue: str) -> None:
    place = plan.region.name
    w.annex(catalogue)
    w.paragraph(
        f"{catalogue[:-6]}入选者按不同标准分为A类（国际顶尖人才）、B类（国内领军人才）、C类（省级杰出人才）、"
        "D类（市级拔尖人才）、E类（青年优秀人才）和高层次创新创业团队六个类别。"
    )
    any_of = rng.choice(("且符合下列条件之一的人才：", "并符合下列条件之一："))
    ages = rng.choice(((60, 55, 55, 40), (58, 55, 50, 35), (60, 50, 45, 40)))
    classes: list[tuple[str, str, list[str]]] = [
        (
            "A类（国际顶尖人才）",
            f"在{place}全职工作或柔性引进，{any_of}",
            [
                "中国科学院院士、中国工程院院士、中国社会科学院学部委员其中之一；",
                "诺贝尔奖、图灵奖、菲尔兹奖等世界顶级科学技术奖项获得者，或国家最高科学技术奖获得者；",
                "国家自然科学奖或技术发明奖一等奖前三名完成人，或国家科学技术进步奖特等奖、一等奖前三名完成人；",
                "国家高层次人才特殊支持计划杰出人才获得者和“长江学者奖励计划”特聘教授；",
                "世界技能大赛一等奖获得者；",
                "近五年曾担任国家实验室或国家研究中心的主任或副主任；",
            ],
        ),
        (
            "B类（国内领军人才）",
            f"在{place}全职工作或柔性引进，年龄一般在{ages[0]}周岁以下，{any_of}",
            [
                _award_condition(rng, "国家", "二等奖") + "；",
                "中国青年科学家奖或中国青年科技奖获得者，或国家级有突出贡献的中青年专家，或获得过国家优秀青年科学基金项目资助；",
                "“国家高层次人才特殊支持计划”科技创新领军人才、哲学社会科学领军人才，“长江学者奖励计划”青年学者、国家杰出青年科学基金获得者；",
                "国家级技能大师工作室领衔人，或中华技能大奖获得者，或全国技术能手获得者；",
                "近五年曾担任国家重点实验室、国家工程研究中心其中之一的主任或负责人；",
            ],
        ),
        (
            "C类（省级杰出人才）",
            f"在{place}全职工作，年龄一般在{ages[1]}周岁以下，{any_of}",
            [
                _award_condition(rng, "省部级", "一等奖") + "，或省部级科学技术突出贡献奖获得者；",
                "省部级有突出贡献的中青年专家，或获得省部级杰出青年科学基金项目资助；",
                "获得中国博士后科学基金资助的出站博士后；",
                f"在重点产业企业中担任法定代表人或首席技术官职务，且现年薪超过{rng.choice((150, 200, 300))}万元；",
                f"近三年年纳税额{place}实得部分连续超过{rng.choice((2000, 3000, 5000))}万元的企业法定代表人；",
            ],
        ),
        (
            "D类（市级拔尖人才）",
            f"首次在{place}全职工作，年龄一般在{ages[2]}周岁以下，{any_of}",
            [
                _award_condition(rng, "省部级", "二等奖或三等奖") + "；",
                "出站博士后；",
                "取得正高级职称并在相应行业担任管理、技术项目骨干职务；",
                f"在重点产业企业中担任高管职务，且现年薪超过{rng.choice((80, 100, 120))}万元；",
            ],
        ),
    ]
    names = ("国际顶尖人才", "国内领军人才", "省级杰出人才", "市级拔尖人才")
    for (heading, lead, pool), name in zip(classes, names, strict=True):
        w.section(heading)
        w.paragraph(lead)
        keep = sorted(rng.sample(range(len(pool)), k=max(3, len(pool) - rng.randint(0, 2))))
        # The headline conditions (award ranks) always stay: they are what the benchmark asks.
        if 0 not in keep and heading.startswith(("B", "C", "D")):
            keep = [0, *keep]
        w.subitems([pool[i] for i in keep] + [f"其他相当于上述层次的{name}。"])
    w.section("E类（青年优秀人才）")
    w.paragraph(
        f"首次在{place}全职工作或自主开办创业企业的全日制博士、硕士毕业生，年龄一般在{ages[3]}周岁以下，且符合下列所有条件："
    )
    w.subitems(("所在单位推荐且所属行业符合重点产业发展方向；", "入选时已在近两年内取得“双一流”建设高校博士、硕士研究生学历。"))
    if plan.variant % 2 == 0:
        w.section("高层次创新创业团队（以下简称团队）")
        w.paragraph(
            f"在{place}全职工作或自主开办创业企业的团队，带头人年龄一般在{rng.choice((50, 55))}周岁以下，并且符合下列所有条件："
        )
        w.subitems(("团队应由1名带头人和2名以上核心成员组成；", "带头人一般应具有博士研究生学历或副高级以上职称；", f"引进后连续在{place}创新创业不少于5年。"))
        w.paragraph("注：团队人才层次，由领导小组根据带头人及核心成员的相应条件进行综合定级，享受相关政策待遇。")


def opinions(rng: Rng, plan: Plan) -> Writer:
    """A district 意见 (一、 sections, （一） items numbered through) under its cover notice."""
    w = Writer()
    district, city = plan.region.name, plan.parent.name if plan.parent else ""
    short = short_name(plan.region)
    title = opinions_title(plan)
    committee, government = f"中共{city}{district}委", f"{city}{district}人民政府"
    number = plan.number or f"{short[:1]}发〔{plan.year}〕{rng.randint(1, 60)}号"
    w.policy(f"{committee}文件", "", number, "★", f"{committee}  {government}印发《{title}》的通知")
    w.paragraph("各乡镇（街道）党（工）委和人民政府（办事处），各部委办局，各人民团体：")
    w.paragraph(f"《{title}》已经区委、区政府研究同意，现印发给你们，请结合实际认真贯彻落实。")
    w.paragraph(committee)
    w.paragraph(government)
    w.paragraph(date_of(rng, plan.year))
    w.paragraph("（此件公开发布）")
    w.policy(title)
    w.paragraph(
        f"为深入贯彻落实新时代人才工作新理念新战略新举措，创新完善人才培育引进工作机制，为{short}建设提供坚强的人才保证。现结合实际，制定如下实施意见。"
    )
    living = scaled(rng, 50, 25, 10, 5)
    share = rng.choice((20, 25))
    sections = [
        (
            "实施高层次紧缺人才招引计划",
            [
                (
                    "刚柔相济招引高层次人才",
                    f"聚焦重点产业和重点领域，引进省级及以上人才计划入选者，或具有正高级职称专业技术人才，签订5年以上合同，"
                    f"区级财政给予每人最高{wan(living[0])}万元的生活补贴，经考核合格每年按{share}%逐年发放。"
                    f"实行柔性引才机制，每年在{short}累计工作时间超过60天，工作实绩突出的，给予每人每年最低2万元，最高{wan(living[1])}万元补贴。",
                ),
                (
                    "分类定岗招引紧缺人才",
                    f"引进40周岁及以下全日制博士研究生，35周岁及以下全日制硕士研究生，签订服务协议不少于5年，区级财政分别给予每人"
                    f"{wan(living[1])}万元、{wan(living[2])}万元、{wan(living[3])}万元生活补贴，经考核合格每年按{share}%逐年发放。",
                ),
            ],
        ),
        (
            "实施专业技术人才培育计划",
            [
                (
                    "激励学历提升",
                    "对取得博士研究生学历、学位“双证”的，给予3万元的一次性补助；取得硕士研究生学历、学位“双证”的，给予2万元的一次性补助。",
                ),
                (
                    "支持申报上级人才项目",
                    f"新入选国家级、省级、市级人才项目的，分别给予{wan(living[0])}万元、{wan(living[2])}万元、{wan(living[3])}万元奖励，"
                    + rng.choice(("按从高从优原则不重复享受。", "同一人才同时符合多项奖励的，按最高标准执行，不重复享受。")),
                ),
            ],
        ),
        (
            "实施产业振兴人才激励计划",
            [
                ("加快引才育才赋能乡村振兴", "对成功申报为市级以上示范家庭农场、农民专业合作社的带头人，给予最高30万元的一次性产业奖补资金。"),
                ("推动人才共享", "由区委、区政府牵头到国内和省市院校举办人才招聘会，帮助企业引进急需紧缺人才。"),
            ],
        ),
        (
            "优化人才服务保障",
            [
                ("完善人才安居保障", "已享受本意见生活补贴的人才，不再重复享受区内其他同类住房补贴；符合条件的可申请人才公寓。"),
                ("强化组织领导", "区委人才工作领导小组统筹协调，各责任单位按职责抓好落实，所需资金列入区级财政预算。"),
            ],
        ),
    ]
    for heading, entries in sections[: 3 + plan.variant % 2]:
        w.section(heading, reset_items=False)
        for item_heading, text in entries:
            w.item(item_heading)
            w.paragraph(text + "（责任单位：区委人才办、区人社局）")
    if plan.previous is not None:
        w.paragraph("本意见自印发之日起施行。" + repeal_clause(plan.previous, plan.repeal_form, own="本意见"))
    return w


def traditional(rng: Rng, plan: Plan) -> Writer:
    """A municipal 培养专项办法, written here in simplified and converted to traditional."""
    w = Writer()
    city = plan.region.name
    program = f"{city}“{plan.brand}”杰出人才培养专项"
    if plan.draft:
        w.policy(traditional_title(plan), "（征求意见稿）")
    else:
        w.policy(f"{city}人力资源保障局文件", "", plan.number, "", traditional_title(plan))
    w.chapter("总则")
    w.article(f"为进一步加强{plan.theme}培养工作，根据有关人才工作条例，结合实际，制定本办法。")
    w.article(f"市政府实施{program}，每2年遴选不超过{rng.choice((10, 15, 20))}名具有成为战略科学家潜质的培养对象进行重点培养。")
    w.article(f"设立{program}联席委员会，负责审议并决定有关事项，联席委员会办公室设在市人力资源保障局。")
    w.chapter("选拔条件")
    age = rng.choice((50, 55, 58))
    w.article(f"培养对象应当已在{city}全职工作，不限国籍、户籍，且同时符合下列基本条件：")
    w.items(("拥护党的领导，遵纪守法；", "严守学术、道德规范，具有强烈的事业心；", f"身体健康，年龄一般不超过{age}周岁。"))
    w.article("除符合本办法前条规定条件外，培养对象还应当符合下列条件之一：")
    w.items(
        (
            _award_condition(rng, "国家", rng.choice(("一等奖", "二等奖"))) + "；",
            "主持过国家级重大科研任务、重大科技基础设施建设和重大工程；",
            "领导过国家级科技创新平台或重点学科建设；",
            "国家杰出青年科学基金获得者或“长江学者奖励计划”特聘教授；",
            "在攻克关键共性技术、前沿引领技术上有重大贡献。",
        )
    )
    w.article("已成为战略科学家级人才或入选过培养对象的，不再参加选拔。")
    w.article("有下列情形之一的，不得参加选拔：")
    w.items(("依法被判处刑罚的；", "正在接受司法调查、纪律审查尚未做出结论的；", "因品德失范、学术不端等问题受到处理的；", "其他不宜参加选拔的情形。"))
    w.chapter("选拔程序")
    w.article("选拔工作按照以下程序进行：")
    w.items(("具有推荐资格的单位或个人进行推荐；", "市人力资源保障部门开展材料审查；", "开展同行专家通信评审、会议评审；", "联席委员会审议批准后公布最终名单。"))
    w.article("下列单位、个人在每个选拔年度可推荐1名候选人：")
    w.items(("中国科学院院士、中国工程院院士；", "本市的高等院校、公立科研机构；", "在科技创新领域发挥关键核心作用的骨干企业。"))
    w.chapter("培养及服务监督")
    w.article(
        "培养对象的培养期为5年，培养期内应当在本市全职工作，且不得再申请市级及以下其他人才培养类专项资助。"
    )
    levels = scaled(rng, 1000, 1500, 2000)
    w.article(
        f"培养经费分为{wan(levels[0])}万元、{wan(levels[1])}万元、{wan(levels[2])}万元3个档次。培养协议签订后拨付培养经费的50%，剩余50%在中期评估合格后拨付。"
    )
    w.article("培养对象在培养期内取得战略科学家级人才业绩的，可自行决定是否终止培养协议。")
    w.article("培养对象所在用人单位应对培养对象开展中期、期满评估，评估结果分为合格、基本合格和不合格。")
    w.article("培养对象在培养期内有以下情形之一的，直接终止项目并退回未使用经费：")
    w.items(("以不正当手段影响评估结果的；", "无正当理由拒不参加评估的；", "已离职且不在本市工作的；", "截留、挤占、挪用项目经费等严重违反财经纪律的。"))
    w.article(f"{program}实行诚信承诺制，培养对象和所在单位应当对其提供材料的真实性作出承诺。")
    w.chapter("附则")
    w.article(
        f"本办法自{plan.year}年{rng.randint(1, 12)}月1日起施行，有效期{rng.choice((3, 5))}年。"
        + repeal_clause(plan.previous, plan.repeal_form)
    )
    w.paragraph(f"{city}人力资源保障局")
    w.paragraph(date_of(rng, plan.year))
    return w


def notice(rng: Rng, plan: Plan, count: int) -> Writer:
    """A provincial notice issuing `count` 细则 (基本条件/核心条件/放宽条件, support, exit)."""
    w = Writer()
    province, short = plan.region.name, short_name(plan.region)
    scheme = f"“{plan.brand}计划”"
    if plan.specials:
        specials = list(plan.specials)
    else:
        specials = rng.sample(SPECIALS, k=count) if count < len(SPECIALS) else list(SPECIALS)
    parent_number = f"{short[:1]}厅字〔{plan.year}〕{rng.randint(1, 30)}号"
    w.policy(
        f"{province}人才工作领导小组文件",
        "",
        plan.number or f"{short[:1]}党人才〔{plan.year}〕{rng.randint(1, 20)}号",
        "",
        notice_title(plan, count),
    )
    w.paragraph("各州、市党委和人民政府，省委和省级国家机关各部委办厅局，各人民团体，省属各企事业单位：")
    w.paragraph(
        f"为贯彻落实《{province}{scheme}实施办法（试行）》（{parent_number}），经省人才工作领导小组同意，现将{province}{scheme}"
        + "、".join(s for s, _ in specials)
        + f"{count}个专项实施细则印发给你们，请结合实际认真贯彻执行。"
        + repeal_clause(plan.previous, plan.repeal_form, own="本通知")
    )
    w.paragraph(f"{province}人才工作领导小组")
    w.paragraph(date_of(rng, plan.year))
    for special, department in specials:
        _rules(rng, w, plan, special, department, parent_number)
    return w


def _rules(rng: Rng, w: Writer, plan: Plan, special: str, department: str, parent_number: str) -> None:
    province = plan.region.name
    name = f"{province}{plan.brand}计划“{special}”"
    parent = f"《{province}“{plan.brand}计划”实施办法（试行）》"
    w.policy(f"{name}专项 实施细则（试行）")
    w.article(f"为规范和加强{name}引进和服务管理工作，根据{parent}（{parent_number}），制定本细则。")
    w.article(f"{name}专项在省人才工作领导小组领导下，由{department}牵头组织实施。")
    w.article(f"{name}，通过个人申报、单位审核推荐、{department}组织审查评审、省人才工作领导小组审定的程序产生。")
    w.broken_article(
        f"申报{name}，须为{province}域内高校、科研机构、企事业单位在申报起始日前2年内从省外全职引进（调入）的在职在岗人员。公务员及参照公务员法管理人员不能申报。",
        at=rng.randint(30, 45),
    )
    age = rng.choice((45, 50, 55))
    w.item("基本条件")
    w.subitems(
        (
            f"一般在 {age} 周岁以下（院士除外），具有博士学位，副高以上专业技术职称。",
            "热爱祖国，遵纪守法，有良好的思想品德、科学道德、职业道德和严谨务实学风。",
        )
    )
    w.item("核心条件。除基本条件外，还须符合下列条件之一：")
    first, second = rng.choice(((6, 3), (5, 3), (3, 2)))
    w.subitems(
        (
            "国内外顶尖人才。主要包括“两院”在职院士、发达国家在职院士。",
            "国家级重大人才项目入选者。主要包括“长江学者奖励计划”入选者；“国家杰出青年基金”获得者；“百千万人才工程”国家级人选。",
            f"国家级重大科技奖项获得者。国家最高科学技术奖，国家自然科学奖、国家技术发明奖、国家科学技术进步奖等获得者（一等奖排名前{cn(first)}位，二等奖排名前{cn(second)}位）。",
            "在某一领域（学科）具有领先地位，取得同行公认重大成果，具有成长为杰出科学家潜力。",
        )
    )
    w.item(
        f"放宽条件。到{province}贫困县、边境县行政区域内工作的，年龄条件放宽 {rng.choice((2, 3))} 岁，职称条件降低 1 档，入选后在申报县连续、全职工作时限减少 1 年。"
    )
    w.article(f"申报程序。{name}每年申报一次，时间为 4 月 1 日至 6 月 30 日。")
    w.item(f"申报。根据年度申报通知，申报人填写《{province}{plan.brand}计划申报书》，向所在单位申请。")
    w.paragraph("申报人需提交的证明材料：学历学位、职称证书，任职材料；主要成果或证明材料，获省部级以上奖励证书；其他证明创新水平的附件材料。")
    w.item("审核。申报人所在单位及省直主管部门对申报材料和证明材料审核。")
    w.paragraph("所在单位隶属州市的，由州市主管部门审核并签署意见；所在单位隶属不明的，按属地原则审核并签署意见。")
    w.paragraph(f"{department}会同有关部门进行资格审查，合格者提交评审。")
    w.item(f"评审。{department}组织专家评审委员会，采取材料审查、答辩质疑等形式进行综合评审。")
    w.item(f"审定。{department}根据专家评审委员会建议，研究提出拟入选名单，报省人才工作领导小组审定。")
    w.item(f"公告。省人才工作领导小组审定人选，向社会公告5个工作日，经公告无异议，{department}发文公布入选名单。")
    living, funding = scaled(rng, 100, 500)
    w.article(
        "已享受国家级同类人才项目一次性工作生活补贴的，不再重复享受本细则规定的一次性工作生活补贴，可补差发放。"
    )
    w.article(f"支持政策。{name}，享受{parent}第三章、第四章政策支持。")
    w.item("经费资助")
    w.subitems(
        (
            f"工作生活补贴。给予 {wan(living)} 万元一次性工作生活补贴，其中，引进“两院”在职院士 {wan(living * 2)} 万元。",
            f"项目经费支持。入选人才申报省级科技计划项目，通过立项程序后，最高给予 {wan(funding)} 万元项目经费支持，所在单位原则上不低于 1:1 配套。",
        )
    )
    w.item("主要支持政策")
    w.subitems(
        (
            "5 年最低服务年限内，可申请一次最多 1 年的国内外发达地区研修访学资助。",
            "评聘副高以上专业技术职称，不受所在单位职称总数和结构比例限制。",
            "直接列为省委联系专家，定期组织国情省情研修考察、健康体检、休假疗养及有关活动。",
            "符合条件的可申报绿色通道服务证，配偶、子女入职事业单位可按照规定以考核直聘方式办理。",
            "5年服务期满后，可继续申报项目，通过立项程序的最高给予项目经费支持。",
            f"{parent}规定的其他支持政策。",
        )
    )
    w.article("监督管理")
    w.items(
        (
            "申报人和所在单位对申报材料真实性负责，对弄虚作假、骗取套取经费的，一经发现取消相关待遇。",
            f"入选{name}后，必须连续、全职在{province}工作不少于5年。",
            f"{department}负责专项综合管理，定期或不定期开展随访服务，帮助协调解决工作中遇到的困难和问题。",
            "参加评审工作的专家及相关工作人员有弄虚作假等违规违纪违法行为的，由相关部门按规定追究责任。",
        )
    )
    w.paragraph("审核推荐单位不按标准审核或把关不严造成重大工作失误的，取消本单位当年推荐资格。")
    w.article(f"退出机制。{name}有下列情形之一的，取消称号，按原渠道缴回所有财政支持经费。")
    w.items(("违反职业道德，学术不端造成不良社会影响。", "工作不满5年，因个人原因未按规定履行合同。", "触犯国家法律法规。", f"其他原因不宜再作为{name}。"))
    repeal = ""
    if plan.variant % 2 == 0:
        repeal = f"《{province}“{plan.brand}”{special}专项实施办法（试行）》废止，已入选人才自动转入{name}专项。"
    w.article(f"本细则自印发之日起施行，由{department}解释。{repeal}")


def explanatory(rng: Rng, plan: Plan) -> Writer:
    """A 编制说明 of a municipal 实施细则: sections 一、 with items, citing earlier instruments."""
    w = Writer()
    city = plan.region.name
    subject = f"{city}“{plan.brand}”{plan.theme}选拔培养考核实施细则"
    earlier = f"{short_name(plan.region)[:1]}科规〔{max(YEARS.start, plan.year - 4)}〕{rng.randint(1, 9)}号"
    w.policy(f"关于《{subject}》的编制说明")
    w.paragraph(f"根据相关要求，现将《{subject}》的编制情况说明如下：")
    w.section("起草背景")
    w.paragraph(
        f"{city}{plan.theme}选拔培养工作已选拔出多批次人才。现行政策为《{subject}》（{earlier}），实施过程中发现有部分内容已不能适应新形势下人才工作要求，需要进一步修订完善。"
    )
    w.section("起草过程")
    w.paragraph(f"组建起草小组。{plan.year}年{rng.randint(1, 6)}月，由市科技局牵头组成起草组，对修订工作开展研究。")
    w.paragraph("开展调研起草。起草组广泛调研领导小组成员单位、各县（区）、企业、高校院所，听取各类人才意见建议。")
    w.paragraph("广泛征求意见。面向社会发布征求意见稿，同时征求领导小组成员单位意见。")
    w.section("主要内容")
    w.items(
        (
            f"明确选拔条件。带头人一般在{rng.choice((45, 50, 55))}周岁以下，后备人选一般在{rng.choice((35, 40))}周岁以下。",
            f"明确培养经费。带头人给予{wan(scaled(rng, 10)[0])}万元培养经费，后备人选给予{wan(scaled(rng, 5)[0])}万元培养经费。",
            "明确不重复享受。已入选省级同类人才项目的，不再重复享受本细则培养经费。",
            "强化考核管理。实行年度考核和期满考核。",
        )
    )
    w.section("需要说明的问题")
    w.paragraph("本细则与省级同类人才项目做好衔接，入选省级项目的按从高从优原则执行。")
    w.paragraph(f"{city}科学技术局")
    w.paragraph(date_of(rng, plan.year))
    return w


# --- the corpus -----------------------------------------------------------------------------

# Kinds whose program is named by the brand alone (云南省“新苗计划”, 沈阳市“玉兰”杰出人才培养专项);
# the others name it by brand and theme.
NAMED_BY_BRAND = frozenset({"notice", "traditional"})
KINDS: dict[str, tuple[float, tuple[Level, ...]]] = {
    # kind: (weight after the first unit, levels of the regions that issue it)
    "measures": (0.40, (Level.DISTRICT, Level.MUNICIPAL)),
    "opinions": (0.10, (Level.DISTRICT,)),
    "traditional": (0.15, (Level.MUNICIPAL,)),
    "notice": (0.10, (Level.PROVINCIAL,)),
    "explanatory": (0.25, (Level.MUNICIPAL,)),
}

# The first unit mirrors the bundled corpus: kind, region, year, 细则 in the notice.
FIRST_UNIT = (
    ("measures", "官渡区", 2023, 0),
    ("opinions", "东川区", 2022, 0),
    ("traditional", "深圳市", 2023, 0),
    ("notice", "云南省", 2018, 6),
    ("explanatory", "昆明市", 2023, 0),
)


@dataclass(frozen=True, slots=True)
class Document:
    name: str  # file name
    kind: str
    region: str
    year: int
    text: str
    expected: Expected
    series: str = ""  # the program whose edition this is: kind:region code:brand[:theme]
    edition: int = 0  # 0 for the newest edition of its series, 1 for the one it repeals, …
    draft: bool = False  # a 征求意见稿 (only ever the newest edition of a series)


# Kinds whose programs get editions over the years, and those whose newest edition may be a
# draft (征求意见稿). A 编制说明 repeals nothing, so its programs cannot have editions: a city
# explains at most EXPLANATORY_PER_CITY of its 细则, and further notes are drawn as other kinds.
WITH_EDITIONS = frozenset({"measures", "opinions", "traditional", "notice"})
DRAFTED = frozenset({"measures", "traditional"})
EXPLANATORY_PER_CITY = 2
NEWEST_YEARS = range(2019, YEARS.stop)
"""The year of a program's newest edition; the older ones go back to YEARS.start."""
EDITION_GAPS = (1, 1, 2, 2)
"""Years between two editions."""
NUMBER_FROM = 100
"""Planned 文号 count from here per issuer and year, above the ones the writers draw (≤ 60)."""
OLDER_TITLES = {
    "measures": ("实施办法（试行）", "实施办法", "暂行办法"),
    "opinions": ("意见（试行）", "意见", "实施意见"),
    "traditional": ("实施办法", "实施办法（试行）"),
}
NUMBER_ISSUERS = {"measures": "人才发", "opinions": "发", "traditional": "人社规", "notice": "党人才"}


@dataclass(slots=True)
class Series:
    """The editions of one program of one region, written newest first: each repeals the next
    one (its predecessor), naming it by title and 文号, as real texts do."""

    name: str
    kind: str
    region: Region
    brand: str
    theme: str
    specials: tuple[tuple[str, str], ...] = ()
    older: Edition | None = None  # the edition still to write, as the oldest written cites it
    written: int = 0
    cited_by_title: str | None = None  # the title of an edition cited without its 文号


@cache
def _regions_by_level() -> dict[Level, list[Region]]:
    regions = default_regions()
    grouped: dict[Level, list[Region]] = {}
    for region in sorted(regions, key=lambda r: r.id):
        # A district must sit under a city so that its 意见 can name both.
        if region.level is Level.DISTRICT and not region.parent_id:
            continue
        grouped.setdefault(region.level, []).append(region)
    return grouped


def _write(rng: Rng, plan: Plan, count: int) -> Writer:
    if plan.kind == "measures":
        return measures(rng, plan)
    if plan.kind == "opinions":
        return opinions(rng, plan)
    if plan.kind == "traditional":
        return traditional(rng, plan)
    if plan.kind == "notice":
        return notice(rng, plan, count)
    return explanatory(rng, plan)


_HALF_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})


@cache
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Traditional characters and half-width punctuation, as the converted drafts have them."""
    return _to_traditional().convert(text).translate(_HALF_WIDTH)


class _Corpus:
    """What the documents written so far leave for the next: the series of each kind and
    region, the titles and 文号 taken, how many 编制说明 each city has."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.regions = default_regions()
        self.grouped = _regions_by_level()
        self.series: dict[tuple[str, str], list[Series]] = {}
        self.used: set[tuple[str, ...]] = set()
        self.numbers: dict[tuple[str, int], int] = {}
        self.notes: dict[str, int] = {}

    def code(self, region: Region) -> str:
        return region_code(region.name, self.regions)

    def issuing(self, kind: str) -> list[Region]:
        return [r for level in KINDS[kind][1] for r in self.grouped.get(level, [])]

    def number(self, kind: str, region: Region, year: int) -> str:
        """A 文号 no other document has: 官人才发〔2020〕101号."""
        issuer = f"{short_name(region)[:1]}{NUMBER_ISSUERS[kind]}"
        count = self.numbers.get((issuer, year), NUMBER_FROM) + 1
        self.numbers[(issuer, year)] = count
        return f"{issuer}〔{year}〕{count}号"

    def older(self, rng: Rng, kind: str, plan: Plan, title: str | None = None, avoid: str | None = None) -> Edition | None:
        """The edition before `plan`'s (its title, 文号 and year), or None when it would be
        older than YEARS. Titles vary between editions as real ones do (（试行）, 暂行办法),
        but never to `avoid`, a title some edition is cited by alone (no 文号 would tell the
        two apart); a notice keeps its title, which only its 文号 tells apart."""
        year = plan.year - rng.choice(EDITION_GAPS)
        if year < YEARS.start:
            return None
        if title is None and kind == "notice":
            title = notice_title(plan, len(plan.specials))
        elif title is None:
            usual = {"measures": measures_title, "opinions": opinions_title, "traditional": traditional_title}[kind]
            stem = usual(replace(plan, title=None)).removesuffix("（试行）").removesuffix("实施办法").removesuffix("意见")
            title = rng.choice([stem + ending for ending in OLDER_TITLES[kind] if stem + ending != avoid])
        return Edition(title, self.number(kind, plan.region, year), year)

    def extendable(self, kind: str, region: Region) -> list[Series]:
        return [s for s in self.series.get((kind, self.code(region)), []) if s.older is not None]

    def place_note(self, rng: Rng, region: Region) -> tuple[str, Region]:
        """Where a 编制说明 drawn for `region` goes: there, another city with room, or, when
        every city has its notes, another kind."""
        cities = [region, *sorted(self.issuing("explanatory"), key=lambda r: rng.random())]
        for city in cities:
            if self.notes.get(self.code(city), 0) < EXPLANATORY_PER_CITY:
                return "explanatory", city
        kinds = [k for k in KINDS if k != "explanatory"]
        kind = rng.choices(kinds, [KINDS[k][0] for k in kinds])[0]
        return kind, rng.choice(self.issuing(kind))

    def new_name(self, rng: Rng, kind: str, region: Region, first_unit: bool) -> tuple[Region, str, str]:
        """An unused brand (and theme) for a new program: two documents naming one program
        are editions of it, so a new series must not reuse a name (see NAMED_BY_BRAND)."""
        for attempt in range(1000):
            if attempt and attempt % 50 == 0 and not first_unit:
                # every brand of this region is taken: another region of the same level
                region = rng.choice(self.issuing(kind))
            brand, theme = rng.choice(BRANDS), rng.choice(THEMES)
            key = (kind, self.code(region), brand, "" if kind in NAMED_BY_BRAND else theme)
            if key not in self.used:
                self.used.add(key)
                return region, brand, theme
        raise RuntimeError(f"no unused title left for {kind} in {region.name}")

    def start(self, kind: str, region: Region, brand: str, theme: str, specials: tuple = ()) -> Series:
        name = ":".join((kind, self.code(region), brand, *(() if kind in NAMED_BY_BRAND else (theme,))))
        series = Series(name, kind, region, brand, theme, specials)
        self.series.setdefault((kind, self.code(region)), []).append(series)
        return series

    def parent(self, region: Region) -> Region | None:
        return self.regions.get(region.parent_id) if region.parent_id else None

    def plan(self, index: int, rng: Rng) -> tuple[Plan, int, Series | None]:
        """The plan of document `index` (drawn from `rng`, which then writes its text), the 细则
        count of a notice, and its series (None for a 编制说明)."""
        editions = random.Random(f"{self.seed}:{index}:editions")  # what editions draw, apart
        if index < len(FIRST_UNIT):
            return self._first(rng, editions, index)
        kind = rng.choices(list(KINDS), [w for w, _ in KINDS.values()])[0]
        region = rng.choice(self.issuing(kind))
        count = rng.choice((1, 2))
        if kind == "explanatory":
            kind, region = self.place_note(editions, region)
        if kind == "explanatory":
            region, brand, theme = self.new_name(rng, kind, region, first_unit=False)
            self.notes[self.code(region)] = self.notes.get(self.code(region), 0) + 1
            plan = Plan(kind, region, self.parent(region), rng.choice(YEARS), brand, theme, False, rng.randrange(60))
            return plan, count, None
        open_series = self.extendable(kind, region)
        if open_series:  # the next older edition of a program of this region
            series = editions.choice(open_series)
            edition = series.older
            assert edition is not None
            plan = Plan(
                kind, series.region, self.parent(series.region), edition.year, series.brand, series.theme,
                draft=False, variant=rng.randrange(60), title=edition.title, specials=series.specials,
                # cited by title alone (the first unit's 暂行办法), it has a 文号 of its own all the same
                number=edition.number or self.number(kind, series.region, edition.year),
                repeal_form=editions.randrange(2),
            )
            series.older = self.older(editions, kind, plan, avoid=series.cited_by_title)
            return replace(plan, previous=series.older), len(series.specials), series
        # A new program of this region: its newest edition, recent; the older ones follow.
        region, brand, theme = self.new_name(rng, kind, region, first_unit=False)
        draft = rng.random() < 0.4 and kind in DRAFTED
        year = editions.choice(NEWEST_YEARS)
        specials = tuple(editions.sample(SPECIALS, k=count)) if kind == "notice" else ()
        plan = Plan(
            kind, region, self.parent(region), year, brand, theme, draft, rng.randrange(60),
            number=None if draft else self.number(kind, region, year), specials=specials,
            repeal_form=editions.randrange(2),
        )
        series = self.start(kind, region, brand, theme, specials)
        series.older = self.older(editions, kind, plan)
        return replace(plan, previous=series.older), count, series

    def _first(self, rng: Rng, editions: Rng, index: int) -> tuple[Plan, int, Series | None]:
        """The first unit, as it always was; its 实施办法 names a 暂行办法 it repeals, which
        larger scales write as the older edition."""
        kind, name, year, count = FIRST_UNIT[index]
        region = self.regions.find(name)
        assert region is not None, name
        region, brand, theme = self.new_name(rng, kind, region, first_unit=True)
        # 003, which the 办法 in traditional characters mirrors, is a 征求意见稿.
        draft = (rng.random() < 0.4 and kind in DRAFTED) or kind == "traditional"
        plan = Plan(kind, region, self.parent(region), year, brand, theme, draft=draft, variant=rng.randrange(60))
        if kind == "explanatory":
            self.notes[self.code(region)] = self.notes.get(self.code(region), 0) + 1
            return plan, count, None
        series = self.start(kind, region, brand, theme)
        if kind == "measures" and plan.year > YEARS.start and plan.variant % 3 != 1:
            title = f"{region.name}支持“{brand}英才”{theme}（团队）引进的暂行办法"
            edition = self.older(editions, kind, plan, title=title)
            series.older = Edition(title, None, edition.year) if edition else None
            series.cited_by_title = title
        return replace(plan, previous=series.older), count, series


def documents(scale: int, seed: int = DEFAULT_SEED) -> Iterator[Document]:
    """The 5 × `scale` documents of the corpus at this scale, in order. A program of a region
    gets editions over the years: the first document of a series is its newest edition, and
    later documents of that kind and region write its older editions, each repealed by the
    one before it, until YEARS run out; only then does the region get another program of the
    kind. So the programs in force per region and kind stay few while the documents grow."""
    if scale < 1:
        raise ValueError(f"scale must be at least 1, got {scale}")
    corpus = _Corpus(seed)
    for index in range(DOCUMENTS_PER_UNIT * scale):
        rng = random.Random(f"{seed}:{index}")
        plan, count, series = corpus.plan(index, rng)
        writer = _write(rng, plan, count)
        text = writer.text()
        if plan.kind == "traditional":
            text = to_traditional(text)
        name = f"{index:05d}_{plan.kind}_{corpus.code(plan.region)}_{plan.year}.txt"
        edition = 0
        if series is not None:
            edition, series.written = series.written, series.written + 1
        yield Document(
            name, plan.kind, plan.region.name, plan.year, text, writer.expected(),
            series.name if series else "", edition, plan.draft,
        )


@dataclass(frozen=True, slots=True)
class Manifest:
    scale: int
    seed: int
    documents: int
    policies: int
    articles: int
    provisions: int
    bytes: int
    files: list[dict] = field(repr=False)


def write_corpus(directory: Path, scale: int, seed: int = DEFAULT_SEED) -> Manifest:
    """Write the corpus into `directory` (created; files of an earlier run replaced) with a
    manifest of what each document must parse into."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.txt"):
        old.unlink()
    files: list[dict] = []
    size = 0
    for doc in documents(scale, seed):
        data = doc.text.encode("utf-8")
        (directory / doc.name).write_bytes(data)
        size += len(data)
        files.append(
            {
                "name": doc.name, "kind": doc.kind, "region": doc.region, "year": doc.year,
                "series": doc.series, "edition": doc.edition, "draft": doc.draft, **asdict(doc.expected),
            }
        )
    manifest = Manifest(
        scale=scale,
        seed=seed,
        documents=len(files),
        policies=sum(f["policies"] for f in files),
        articles=sum(f["articles"] for f in files),
        provisions=sum(f["provisions"] for f in files),
        bytes=size,
        files=files,
    )
    (directory / MANIFEST).write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def read_manifest(directory: Path) -> Manifest | None:
    path = directory / MANIFEST
    if not path.exists():
        return None
    return Manifest(**json.loads(path.read_text(encoding="utf-8")))


def main(argv: Sequence[str] | None = None, echo: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--scale", type=int, default=1, help="multiple of the corpus (5 documents each)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    manifest = write_corpus(args.directory, args.scale, args.seed)
    echo(
        f"{manifest.documents} documents, {manifest.policies} policies, {manifest.provisions} provisions "
        f"({manifest.bytes / 1e6:.1f} MB) in {args.directory}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
