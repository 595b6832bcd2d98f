"""Fact records built by hand, as the extractor is meant to produce them.

Two sets:
- `corpus_facts()`: read from the wording of data/policies (官渡 001 第十一、十二、十三、十七条 and
  its 分类认定目录; 云南 004 高层次人才 第四、七、八条 and 团队 第八条; 深圳 003 第五–八、十六、
  十七条; 东川 002 (一)(九)), with the citations a talent office would write;
- `unseen_facts()`: a district policy written for these tests only (西山区, not in the corpus),
  with other wording of the same genre: ranks 前五位, 分3年, a yearly benefit with a duration,
  a HIGHEST_ONLY scope without 国家级, a NOT_AGAIN naming what was already enjoyed.

`GazetteerRelations` is a small real `EntityRelations` over model.Title / model.Award records:
SAME_AS closure (symmetric, transitive) plus the classes each member belongs to. Entity ids follow
data/gazetteer (titles.yaml, awards.yaml) where it has the entity.
"""

from __future__ import annotations

from collections import deque

from graphapi.domain.knowledge import Citation, Knowledge
from graphapi.domain.model import (
    Award,
    AwardRequirement,
    Benefit,
    BenefitKind,
    Criterion,
    CriterionKind,
    CriterionRole,
    Degree,
    Employment,
    Facts,
    FunderShare,
    Level,
    Period,
    ProfessionalRank,
    Program,
    Recipient,
    Relaxation,
    StackingKind,
    StackingRule,
    Tier,
    Title,
)

BASIC, CORE, EXCLUSION = CriterionRole.BASIC, CriterionRole.CORE, CriterionRole.EXCLUSION
ANY_MODE = (Employment.FULL_TIME, Employment.FLEXIBLE)
FULL_TIME = (Employment.FULL_TIME,)
WAN = 10_000

# --- entities --------------------------------------------------------------------------------

ACADEMICIAN = "title-class:academician"  # 两院院士
CAS = "title:cas-academician"
CAE = "title:cae-academician"
NSFC_YOUNG = "title:nsfc-distinguished-young"  # 国家杰出青年科学基金获得者
NSFC_YOUNG_FUND = "title:nsfc-distinguished-young-fund"  # “国家杰出青年基金”获得者 (云南's wording)
CHANGJIANG = "title-class:cheung-kong-scholar"  # “长江学者奖励计划”入选者
CHANGJIANG_CHAIR = "title:cheung-kong-distinguished-professor"  # 特聘教授
CHANGJIANG_YOUNG = "title:cheung-kong-young-scholar"  # 青年学者
NATIONAL_THOUSAND = "title:national-thousand-talents"  # 国家“千人计划” (not 云南省“千人计划”)
YN_THOUSAND_HLT = "title:yunnan-thousand-talents-high-level"  # 云南省千人计划“高层次人才”
WANREN = "title-class:national-ten-thousand-talents"  # 万人计划 ≡ 国家高层次人才特殊支持计划
WANREN_OUTSTANDING = "title:ten-thousand-talents-outstanding"
WANREN_LEADER = "title:ten-thousand-talents-innovation-leader"
XINGDIAN = "title:xingdian-talents"  # 云南省“兴滇英才”计划入选者
CHUNCHENG = "title:chuncheng-program"  # “春城计划”入选者

NAT_NATURAL = "award:national-natural-science"
NAT_INVENTION = "award:national-tech-invention"
NAT_PROGRESS = "award:national-sci-tech-progress"
NAT_SUPREME = "award:national-highest-sci-tech"
INTL_COOP = "award:national-intl-cooperation"
PROV_NATURAL = "award-class:provincial-natural-science"  # 省部级自然科学奖
PROV_INVENTION = "award-class:provincial-tech-invention"
PROV_PROGRESS = "award-class:provincial-sci-tech-progress"  # 省部级科学技术进步奖
YN_PROGRESS = "award:yunnan-sci-tech-progress"  # 云南省科学技术进步奖 ∈ 省部级科学技术进步奖
NATIONAL_AWARDS = "award-class:national-sci-tech"


def titles() -> list[Title]:
    return [
        Title(ACADEMICIAN, "两院院士", ("两院院士",), Level.NATIONAL, is_class=True),
        Title(CAS, "中国科学院院士", ("中科院院士",), Level.NATIONAL, member_of=(ACADEMICIAN,)),
        Title(CAE, "中国工程院院士", ("工程院院士",), Level.NATIONAL, member_of=(ACADEMICIAN,)),
        Title(NSFC_YOUNG, "国家杰出青年科学基金获得者", ("杰青",), Level.NATIONAL),
        Title(NSFC_YOUNG_FUND, "“国家杰出青年基金”获得者", (), Level.NATIONAL, same_as=(NSFC_YOUNG,)),
        Title(CHANGJIANG, "“长江学者奖励计划”入选者", (), Level.NATIONAL, is_class=True),
        Title(
            CHANGJIANG_CHAIR,
            "“长江学者奖励计划”特聘教授",
            ("长江学者特聘教授",),
            Level.NATIONAL,
            member_of=(CHANGJIANG,),
        ),
        Title(CHANGJIANG_YOUNG, "“长江学者奖励计划”青年学者", (), Level.NATIONAL, member_of=(CHANGJIANG,)),
        Title(NATIONAL_THOUSAND, "国家“千人计划”入选者", (), Level.NATIONAL),
        Title(YN_THOUSAND_HLT, "云南省千人计划“高层次人才”", (), Level.PROVINCIAL),
        Title(WANREN, "国家高层次人才特殊支持计划入选者", ("万人计划",), Level.NATIONAL, is_class=True),
        Title(
            WANREN_OUTSTANDING, "国家高层次人才特殊支持计划杰出人才", (), Level.NATIONAL, member_of=(WANREN,)
        ),
        Title(
            WANREN_LEADER,
            "国家高层次人才特殊支持计划科技创新领军人才",
            (),
            Level.NATIONAL,
            member_of=(WANREN,),
        ),
        Title(XINGDIAN, "云南省“兴滇英才”计划入选者", (), Level.PROVINCIAL),
        Title(CHUNCHENG, "“春城计划”入选者", (), Level.MUNICIPAL),
    ]


def awards() -> list[Award]:
    grades = ("一等奖", "二等奖")
    return [
        Award(NATIONAL_AWARDS, "国家科学技术奖", (), Level.NATIONAL, is_class=True),
        Award(NAT_NATURAL, "国家自然科学奖", (), Level.NATIONAL, grades=grades, member_of=(NATIONAL_AWARDS,)),
        Award(
            NAT_INVENTION, "国家技术发明奖", (), Level.NATIONAL, grades=grades, member_of=(NATIONAL_AWARDS,)
        ),
        Award(
            NAT_PROGRESS,
            "国家科学技术进步奖",
            ("国家科技进步奖",),
            Level.NATIONAL,
            grades=("特等奖", *grades),
            member_of=(NATIONAL_AWARDS,),
        ),
        Award(NAT_SUPREME, "国家最高科学技术奖", (), Level.NATIONAL),
        Award(INTL_COOP, "中华人民共和国国际科学技术合作奖", (), Level.NATIONAL),
        Award(PROV_NATURAL, "省部级自然科学奖", (), Level.PROVINCIAL, is_class=True),
        Award(PROV_INVENTION, "省部级技术发明奖", (), Level.PROVINCIAL, is_class=True),
        Award(PROV_PROGRESS, "省部级科学技术进步奖", (), Level.PROVINCIAL, is_class=True),
        Award(
            YN_PROGRESS,
            "云南省科学技术进步奖",
            (),
            Level.PROVINCIAL,
            grades=("一等奖", "二等奖", "三等奖"),
            member_of=(PROV_PROGRESS,),
        ),
    ]


class GazetteerRelations:
    """EntityRelations over Title and Award records: SAME_AS closure and class membership."""

    def __init__(self, title_records: list[Title], award_records: list[Award]) -> None:
        self._titles = {t.id: t for t in title_records}
        self._awards = {a.id: a for a in award_records}
        self._same_as: dict[str, set[str]] = {t.id: set() for t in title_records}
        for title in title_records:
            for other in title.same_as:
                self._same_as.setdefault(title.id, set()).add(other)
                self._same_as.setdefault(other, set()).add(title.id)

    def equivalent_titles(self, title_id: str) -> set[str]:
        seen = {title_id}
        queue = deque([title_id])
        while queue:
            for other in self._same_as.get(queue.popleft(), ()):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        return seen | self._classes(seen, self._titles)

    def award_classes(self, award_id: str) -> set[str]:
        return {award_id} | self._classes({award_id}, self._awards)

    @staticmethod
    def _classes(ids: set[str], records: dict) -> set[str]:
        classes: set[str] = set()
        queue = deque(ids)
        while queue:
            record = records.get(queue.popleft())
            for parent in record.member_of if record else ():
                if parent not in classes:
                    classes.add(parent)
                    queue.append(parent)
        return classes


def relations() -> GazetteerRelations:
    return GazetteerRelations(titles(), awards())


# --- 官渡 (001) ------------------------------------------------------------------------------

GD = "gd-2023-talent"
GD_TITLE = "中国（云南）自由贸易试验区昆明片区（官渡区）支持高层次人才（团队）引进的实施办法（试行）"
GD_ANNEX = "附件《官渡高层次人才（团队）分类认定目录》"
GD_PROGRAM = "prog:gd-talent"
GD_SECTIONS = {
    "A": ("一、A类", 1),
    "B": ("二、B类", 2),
    "C": ("三、C类", 3),
    "D": ("四、D类", 4),
    "E": ("五、E类", 5),
    "TEAM": ("六、高层次创新创业团队", 6),
}


def gd_tier(code: str) -> str:
    return f"tier:gd-{code.lower()}"


def gd_benefit(kind: str, code: str) -> str:
    return f"benefit:gd-{kind}-{code.lower()}"


def _gd_cite(path: str) -> str:
    return f"{GD}/{path}"


def _gd_facts() -> tuple[Facts, dict[str, Citation]]:
    cites: dict[str, Citation] = {}

    def cite(path: str, *labels: str) -> str:
        pid = _gd_cite(path)
        cites[pid] = Citation(pid, GD, GD_TITLE, labels)
        return pid

    def annex(code: str, item: int | None = None) -> str:
        section, number = GD_SECTIONS[code]
        path = f"annex_1__sec_{number}" + (f"__subitem_{item}" if item else "")
        return cite(path, GD_ANNEX, section, *((f"{item}.",) if item else ()))

    facts = Facts()
    facts.programs.append(
        Program(
            GD_PROGRAM,
            "官渡高层次人才（团队）",
            GD,
            cite("chp_2__art_6", "第2章", "第六条"),
            Level.DISTRICT,
            "官渡区",
        )
    )
    names = {
        "A": "A类（国际顶尖人才）",
        "B": "B类（国内领军人才）",
        "C": "C类（省级杰出人才）",
        "D": "D类（市级拔尖人才）",
        "E": "E类（青年优秀人才）",
        "TEAM": "高层次创新创业团队",
    }
    for code, name in names.items():
        facts.tiers.append(
            Tier(
                gd_tier(code),
                GD_PROGRAM,
                code,
                name,
                GD_SECTIONS[code][1],
                annex(code),
                Level.DISTRICT,
                for_team=code == "TEAM",
            )
        )

    art8 = cite("chp_3__art_8__item_1", "第三章", "第八条", "（一）")

    def crit(code: str, n: str, role, kind, text: str, item: int | None = None, **reading) -> None:
        cited = art8 if role is EXCLUSION else annex(code, item)
        facts.criteria.append(
            Criterion(f"crit:gd-{code.lower()}-{n}", gd_tier(code), role, kind, text, cited, **reading)
        )

    # A类（国际顶尖人才）
    crit("A", "mode", BASIC, CriterionKind.EMPLOYMENT, "在官渡区全职工作或柔性引进", employment=ANY_MODE)
    crit(
        "A",
        "1",
        CORE,
        CriterionKind.TITLE,
        "中国科学院院士、中国工程院院士、中国社会科学院学部委员其中之一",
        1,
        title_ids=(CAS, CAE),
    )
    crit(
        "A",
        "2",
        CORE,
        CriterionKind.AWARD,
        "诺贝尔奖、图灵奖、菲尔兹奖等世界顶级科学技术奖项获得者，或国家最高科学技术奖获得者",
        2,
        awards=(AwardRequirement((NAT_SUPREME,)),),
    )
    crit(
        "A",
        "3",
        CORE,
        CriterionKind.AWARD,
        "国家自然科学奖或技术发明奖一等奖前三名完成人，或国家科学技术进步奖特等奖、一等奖前三名完成人",
        3,
        awards=(
            AwardRequirement((NAT_NATURAL, NAT_INVENTION), ("一等奖",), 3),
            AwardRequirement((NAT_PROGRESS,), ("特等奖", "一等奖"), 3),
        ),
    )
    crit(
        "A",
        "4",
        CORE,
        CriterionKind.TITLE,
        "国家高层次人才特殊支持计划杰出人才获得者和“长江学者奖励计划”特聘教授、特设岗位人才",
        4,
        title_ids=(WANREN_OUTSTANDING, CHANGJIANG_CHAIR),
    )
    crit(
        "A",
        "6",
        CORE,
        CriterionKind.POSITION,
        "近五年曾担任国家实验室或国家研究中心的主任或副主任",
        6,
        within_years=5,
    )
    crit("A", "8", CORE, CriterionKind.OTHER, "其他相当于上述层次的国际顶尖人才", 8, discretionary=True)
    crit("A", "x1", EXCLUSION, CriterionKind.OTHER, "受过司法机关刑事处罚的")
    # B类（国内领军人才）
    crit("B", "mode", BASIC, CriterionKind.EMPLOYMENT, "在官渡区全职工作或柔性引进", employment=ANY_MODE)
    crit("B", "age", BASIC, CriterionKind.AGE, "年龄一般在60周岁以下", max_age=60, age_is_usual=True)
    crit(
        "B",
        "1",
        CORE,
        CriterionKind.AWARD,
        "国家自然科学奖、技术发明奖、科学技术进步奖其中之一的二等奖前三名完成人",
        1,
        awards=(AwardRequirement((NAT_NATURAL, NAT_INVENTION, NAT_PROGRESS), ("二等奖",), 3),),
    )
    crit("B", "2", CORE, CriterionKind.TITLE, "入选“长江学者奖励计划”", 2, title_ids=(CHANGJIANG,))
    crit(
        "B",
        "4",
        CORE,
        CriterionKind.POSITION,
        "近五年曾担任国家重点实验室、国家工程研究中心…其中之一的主任或负责人",
        4,
        within_years=5,
    )
    crit(
        "B",
        "5",
        CORE,
        CriterionKind.TITLE,
        "“国家高层次人才特殊支持计划”科技创新领军人才、哲学社会科学领军人才，“长江学者奖励计划”青年学者、国家杰出青年科学基金获得者",
        5,
        title_ids=(WANREN_LEADER, CHANGJIANG_YOUNG, NSFC_YOUNG),
    )
    crit("B", "7", CORE, CriterionKind.OTHER, "其他相当于上述层次的国内领军人才", 7, discretionary=True)
    crit("B", "x1", EXCLUSION, CriterionKind.OTHER, "受过司法机关刑事处罚的")
    # C类（省级杰出人才）
    crit("C", "mode", BASIC, CriterionKind.EMPLOYMENT, "在官渡区全职工作", employment=FULL_TIME)
    crit("C", "age", BASIC, CriterionKind.AGE, "年龄一般在55周岁以下", max_age=55, age_is_usual=True)
    crit(
        "C",
        "1",
        CORE,
        CriterionKind.AWARD,
        "省部级自然科学奖、技术发明奖、科学技术进步奖其中之一的一等奖前三名完成人",
        1,
        awards=(AwardRequirement((PROV_NATURAL, PROV_INVENTION, PROV_PROGRESS), ("一等奖",), 3),),
    )
    crit("C", "4", CORE, CriterionKind.TITLE, "云南省“兴滇英才”计划入选者", 4, title_ids=(XINGDIAN,))
    crit(
        "C",
        "9",
        CORE,
        CriterionKind.SALARY,
        "在符合我区重点产业发展方向的企业中担任法定代表人或首席执行官…职务，且现年薪超过200万元",
        9,
        min_amount=200 * WAN,
        unread=("在符合我区重点产业发展方向的企业中担任法定代表人或首席执行官…职务",),
    )
    crit("C", "11", CORE, CriterionKind.OTHER, "其他相当于上述层次的省级杰出人才", 11, discretionary=True)
    # D类（市级拔尖人才）
    crit("D", "mode", BASIC, CriterionKind.EMPLOYMENT, "首次在官渡区全职工作", employment=FULL_TIME)
    crit("D", "age", BASIC, CriterionKind.AGE, "年龄一般在55周岁以下", max_age=55, age_is_usual=True)
    crit(
        "D",
        "1",
        CORE,
        CriterionKind.AWARD,
        "省部级自然科学奖、技术发明奖、科学技术进步奖其中之一的二等奖或三等奖前三名完成人",
        1,
        awards=(AwardRequirement((PROV_NATURAL, PROV_INVENTION, PROV_PROGRESS), ("二等奖", "三等奖"), 3),),
    )
    crit("D", "3", CORE, CriterionKind.TITLE, "“春城计划”入选者", 3, title_ids=(CHUNCHENG,))
    crit(
        "D",
        "6",
        CORE,
        CriterionKind.TAX,
        "近三年年纳税额官渡区实得部分连续超过1000万元的企业法定代表人",
        6,
        min_amount=1000 * WAN,
        within_years=3,
    )
    crit("D", "7", CORE, CriterionKind.OTHER, "其他相当于上述层次的市级拔尖人才", 7, discretionary=True)
    # E类（青年优秀人才）: 符合下列所有条件 — every condition is basic
    crit(
        "E",
        "mode",
        BASIC,
        CriterionKind.EMPLOYMENT,
        "首次在官渡区全职工作或自主开办创业企业",
        employment=FULL_TIME,
    )
    crit("E", "age", BASIC, CriterionKind.AGE, "年龄一般在40周岁以下", max_age=40, age_is_usual=True)
    crit("E", "degree", BASIC, CriterionKind.DEGREE, "全日制博士、硕士毕业生", min_degree=Degree.MASTER)
    crit("E", "1", BASIC, CriterionKind.OTHER, "所在单位推荐且所属行业符合官渡区重点产业发展方向", 1)
    crit(
        "E",
        "2",
        BASIC,
        CriterionKind.EDUCATION,
        "入选时已在近两年内取得教育部最新发布的“双一流”建设高校和学科博士、硕士研究生学历…",
        2,
    )
    # 团队
    crit("TEAM", "1", BASIC, CriterionKind.OTHER, "团队应由1名带头人和2名以上核心成员组成。", 1)

    # 第十一条 待遇
    item1 = cite("chp_4__art_11__item_1", "第四章", "第十一条", "（一）")
    housing_text = (
        "全职在官渡区工作的新引进人才，在本区内新购房的A、B、C类人才，按照补贴最高不超过购房总价的80%、50%、30%，"
        "分别补贴最高不超过800万元、400万元、150万元的购房津贴，分5年支付，在年度考核合格后发放，每年支付20%。"
        "由区级财政和用人单位按照各50%保障"
    )
    for code, ratio, top in (("A", 0.8, 800), ("B", 0.5, 400), ("C", 0.3, 150)):
        facts.benefits.append(
            Benefit(
                gd_benefit("housing", code),
                gd_tier(code),
                BenefitKind.HOUSING_SUBSIDY,
                "购房津贴",
                housing_text,
                item1,
                amount_max=top * WAN,
                cap_ratio=ratio,
                installments=5,
                installment_share=0.2,
                funders=(FunderShare("区级财政", 0.5), FunderShare("用人单位", 0.5)),
                conditions=("年度考核合格后发放",),
                employment=FULL_TIME,
            )
        )
    item2 = cite("chp_4__art_11__item_2", "第四章", "第十一条", "（二）")
    item3 = cite("chp_4__art_11__item_3", "第四章", "第十一条", "（三）")
    item5 = cite("chp_4__art_11__item_5", "第四章", "第十一条", "（五）")
    item6 = cite("chp_4__art_11__item_6", "第四章", "第十一条", "（六）")
    for code in ("A", "B", "C", "D", "E"):
        facts.benefits.append(
            Benefit(
                gd_benefit("apartment", code),
                gd_tier(code),
                BenefitKind.SERVICE,
                "人才公寓",
                "在昆明市主城区内无住房的，可以…申请租住人才公寓并享受租金补贴",
                item2,
            )
        )
    for code, top in (("A", 200), ("B", 100), ("C", 100), ("D", 100), ("E", 30)):
        facts.benefits.append(
            Benefit(
                gd_benefit("project", code),
                gd_tier(code),
                BenefitKind.PROJECT_FUNDING,
                "项目金融支持",
                "给予A类最高不超过200万元金融支持，B、C、D类人才最高不超过100万元金融支持，E类人才最高不超过30万元的金融支持",
                item3,
                amount_max=top * WAN,
            )
        )
    for code, top in (("A", 50), ("B", 20), ("C", 5)):
        facts.benefits.append(
            Benefit(
                gd_benefit("bonus", code),
                gd_tier(code),
                BenefitKind.SELECTION_BONUS,
                "培育奖励",
                "对在支持期内新入选A、B、C的官渡高层次人才（团队）入选者，分别给予50万元、20万元、5万元奖励",
                item5,
                amount_max=top * WAN,
            )
        )
    for code, top in (("A", 20), ("B", 10), ("C", 5), ("D", 2), ("E", 1)):
        facts.benefits.append(
            Benefit(
                gd_benefit("recruiter", code),
                gd_tier(code),
                BenefitKind.RECRUITER_REWARD,
                "引才奖励",
                "企事业用人单位或发挥关键作用的第三方成功引进、推荐高层次人才…给予一次性奖励",
                item6,
                amount_max=top * WAN,
                recipient=Recipient.RECRUITER,
            )
        )
    post = cite("chp_5__art_17__item_4__subitem_1", "第五章", "第十七条", "（四）", "1.")
    for code, top in (("A", 35), ("B", 25), ("C", 8), ("D", 4)):
        facts.benefits.append(
            Benefit(
                gd_benefit("post", code),
                gd_tier(code),
                BenefitKind.POST_ALLOWANCE,
                "岗位津贴",
                "考核优秀的，全职在官渡区工作的A、B、C、D类人才，…还分别给予每年35万元、25万元、8万元、4万元的岗位津贴",
                post,
                amount_max=top * WAN,
                period=Period.YEARLY,
                conditions=("考核优秀",),
                employment=FULL_TIME,
            )
        )

    bonus_ids = tuple(gd_benefit("bonus", c) for c in "ABC")
    facts.stacking_rules += [
        StackingRule(
            "rule:gd-highest",
            StackingKind.HIGHEST_ONLY,
            "同时入选国家级、省级和市级重点人才工程和重点人才项目的，按从高从优不重复享受的原则执行",
            item5,
            GD,
            governs=bonus_ids,
            scope="国家级、省级和市级重点人才工程和重点人才项目",
        ),
        StackingRule(
            "rule:gd-housing-post",
            StackingKind.EXCLUSIVE,
            "购房津贴与岗位津贴不重复享受",
            post,
            GD,
            governs=tuple(gd_benefit("housing", c) for c in "ABC")
            + tuple(gd_benefit("post", c) for c in "ABCD"),
        ),
        StackingRule(
            "rule:gd-topup",
            StackingKind.TOP_UP,
            "支持期内，达到比原先认定类别更高层次认定条件的人员，其相关待遇及支持措施可补差发放",
            cite("chp_4__art_12", "第四章", "第十二条"),
            GD,
            governs=(GD_PROGRAM,),
        ),
        StackingRule(
            "rule:gd-stackable",
            StackingKind.STACKABLE,
            "在享受本办法规定待遇的同时，可按各行业或用人单位规定享受其它政策待遇",
            cite("chp_4__art_13", "第四章", "第十三条"),
            GD,
            governs=(GD_PROGRAM,),
            scope="各行业或用人单位规定的其它政策待遇",
        ),
    ]
    return facts, cites


# --- 云南省“千人计划” (004) -------------------------------------------------------------------

YN_NOTICE = "yn-2018-qrjh"
YN_HLT = "yn-2018-qrjh-hlt"
YN_HLT_TITLE = "云南省千人计划“高层次人才”专项 实施细则（试行）"  # spaces as in the source
YN_TEAM = "yn-2018-qrjh-team"
YN_TEAM_TITLE = "云南省千人计划“高层次创新创业团队” 专项实施细则（试行）"
YN_PROGRAM = "prog:yn-qrjh"
YN_HLT_TIER = "tier:yn-qrjh-hlt"
YN_TEAM_TIER = "tier:yn-qrjh-team"
YN_ACADEMICIAN_TEAM = "prog:yn-academician-team"  # 云南省院士创新团队 (cited, placeholder program)
YN_INNOVATION_TEAM = "prog:yn-innovation-team"  # 云南省创新团队 (cited, placeholder program)


def _yn_facts() -> tuple[Facts, dict[str, Citation]]:
    cites: dict[str, Citation] = {}

    def cite(policy: str, title: str, path: str, *labels: str) -> str:
        pid = f"{policy}/{path}"
        cites[pid] = Citation(pid, policy, title, labels)
        return pid

    def hlt(path: str, *labels: str) -> str:
        return cite(YN_HLT, YN_HLT_TITLE, path, *labels)

    facts = Facts()
    facts.programs += [
        Program(
            YN_PROGRAM, "云南省“千人计划”", YN_NOTICE, hlt("art_1", "第一条"), Level.PROVINCIAL, "云南省"
        ),
        Program(
            YN_ACADEMICIAN_TEAM,
            "云南省院士创新团队",
            YN_NOTICE,
            hlt("art_7", "第七条"),
            Level.PROVINCIAL,
            "云南省",
        ),
        Program(
            YN_INNOVATION_TEAM,
            "云南省创新团队",
            YN_NOTICE,
            cite(YN_TEAM, YN_TEAM_TITLE, "art_8__item_2__subitem_3", "第八条", "（二）", "3."),
            Level.PROVINCIAL,
            "云南省",
        ),
    ]
    facts.tiers += [
        Tier(
            YN_HLT_TIER,
            YN_PROGRAM,
            "HLT",
            "“高层次人才”专项",
            1,
            hlt("art_4", "第四条"),
            Level.PROVINCIAL,
            confers_title_id=YN_THOUSAND_HLT,
        ),
        Tier(
            YN_TEAM_TIER,
            YN_PROGRAM,
            "TEAM",
            "“高层次创新创业团队”专项",
            6,
            cite(YN_TEAM, YN_TEAM_TITLE, "art_4", "第四条"),
            Level.PROVINCIAL,
            for_team=True,
        ),
        Tier(
            "tier:yn-academician-team",
            YN_ACADEMICIAN_TEAM,
            "TEAM",
            "云南省院士创新团队",
            1,
            hlt("art_7", "第七条"),
            Level.PROVINCIAL,
            for_team=True,
        ),
        Tier(
            "tier:yn-innovation-team",
            YN_INNOVATION_TEAM,
            "TEAM",
            "云南省创新团队",
            1,
            f"{YN_TEAM}/art_8__item_2__subitem_3",
            Level.PROVINCIAL,
            for_team=True,
        ),
    ]
    basic1 = hlt("art_4__item_1__subitem_1", "第四条", "（一）", "1.")
    text1 = "一般在55周岁以下（院士除外），具有博士学位，副高以上专业技术职称"
    facts.criteria += [
        Criterion(
            "crit:yn-hlt-age",
            YN_HLT_TIER,
            BASIC,
            CriterionKind.AGE,
            text1,
            basic1,
            max_age=55,
            age_is_usual=True,
            age_exempt_title_ids=(ACADEMICIAN,),
        ),
        Criterion(
            "crit:yn-hlt-degree",
            YN_HLT_TIER,
            BASIC,
            CriterionKind.DEGREE,
            text1,
            basic1,
            min_degree=Degree.DOCTORATE,
        ),
        Criterion(
            "crit:yn-hlt-rank",
            YN_HLT_TIER,
            BASIC,
            CriterionKind.PROFESSIONAL_RANK,
            text1,
            basic1,
            min_professional_rank=ProfessionalRank.ASSOCIATE_SENIOR,
        ),
        Criterion(
            "crit:yn-hlt-conduct",
            YN_HLT_TIER,
            BASIC,
            CriterionKind.OTHER,
            "热爱祖国，遵纪守法，有良好的思想品德、科学道德、职业道德和严谨务实学风",
            hlt("art_4__item_1__subitem_2", "第四条", "（一）", "2."),
        ),
        Criterion(
            "crit:yn-hlt-1",
            YN_HLT_TIER,
            CORE,
            CriterionKind.TITLE,
            "国内外顶尖人才。主要包括“两院”在职院士、发达国家在职院士",
            hlt("art_4__item_2__subitem_1", "第四条", "（二）", "1."),
            title_ids=(ACADEMICIAN,),
        ),
        Criterion(
            "crit:yn-hlt-2",
            YN_HLT_TIER,
            CORE,
            CriterionKind.TITLE,
            "国家级重大人才项目入选者。主要包括国家“千人计划”“万人计划（杰出人才、科技创新领军人才、哲学社会科学领军人才）”"
            "“长江学者奖励计划”入选者；“国家杰出青年基金”获得者；“百千万人才工程”国家级人选",
            hlt("art_4__item_2__subitem_2", "第四条", "（二）", "2."),
            title_ids=(NATIONAL_THOUSAND, WANREN, CHANGJIANG, NSFC_YOUNG_FUND),
        ),
        Criterion(
            "crit:yn-hlt-3",
            YN_HLT_TIER,
            CORE,
            CriterionKind.AWARD,
            "国家级重大科技奖项获得者。国家最高科学技术奖，国家自然科学奖、国家技术发明奖、国家科学技术进步奖、"
            "国际科学技术合作奖等获得者（一等奖排名前六位，二等奖排名前三位）",
            hlt("art_4__item_2__subitem_3", "第四条", "（二）", "3."),
            awards=(
                AwardRequirement((NAT_SUPREME, INTL_COOP)),
                AwardRequirement((NAT_NATURAL, NAT_INVENTION, NAT_PROGRESS), ("一等奖",), 6),
                AwardRequirement((NAT_NATURAL, NAT_INVENTION, NAT_PROGRESS), ("二等奖",), 3),
            ),
        ),
        Criterion(
            "crit:yn-hlt-4",
            YN_HLT_TIER,
            CORE,
            CriterionKind.POSITION,
            "在国外著名高校、科研机构或医疗卫生机构担任相当于教授职务…的专业技术人才和经营管理人才",
            hlt("art_4__item_2__subitem_4", "第四条", "（二）", "4."),
        ),
        Criterion(
            "crit:yn-hlt-5",
            YN_HLT_TIER,
            CORE,
            CriterionKind.OTHER,
            "在某一领域（学科）具有领先地位，研究工作处于国内外领先水平，取得同行公认重大成果…",
            hlt("art_4__item_2__subitem_5", "第四条", "（二）", "5."),
            discretionary=True,
        ),
        Criterion(
            "crit:yn-team-1",
            YN_TEAM_TIER,
            BASIC,
            CriterionKind.OTHER,
            "拥有5名以上核心成员。",
            f"{YN_TEAM}/art_4",
        ),
    ]
    facts.relaxations.append(
        Relaxation(
            "relax:yn-hlt",
            YN_HLT_TIER,
            "到云南省贫困县、边境县…行政区域内工作的，年龄条件放宽2岁，职称条件降低1档，入选后在申报县连续、全职工作时限减少1年",
            hlt("art_4__item_3", "第四条", "（三）"),
            "POVERTY_OR_BORDER_COUNTY",
            age_years=2,
            professional_rank_steps=1,
            service_years_reduction=1,
        )
    )
    living = hlt("art_8__item_1__subitem_1", "第八条", "（一）", "1.")
    facts.benefits += [
        Benefit(
            "benefit:yn-hlt-living",
            YN_HLT_TIER,
            BenefitKind.LIVING_ALLOWANCE,
            "一次性工作生活补贴",
            "给予100万元一次性工作生活补贴，其中，引进“两院”在职院士200万元",
            living,
            amount_max=100 * WAN,
        ),
        Benefit(
            "benefit:yn-hlt-project",
            YN_HLT_TIER,
            BenefitKind.PROJECT_FUNDING,
            "项目经费支持",
            "入选人才申报省级科技计划项目，通过立项程序后，最高给予500万元项目经费支持",
            hlt("art_8__item_1__subitem_3", "第八条", "（一）", "3."),
            amount_max=500 * WAN,
        ),
        Benefit(
            "benefit:yn-hlt-green",
            YN_HLT_TIER,
            BenefitKind.SERVICE,
            "绿色通道服务",
            "符合《云南省引进高层次人才绿色通道服务办法》条件的可申报《绿色通道服务证》，享有27项服务",
            hlt("art_8__item_2__subitem_4", "第八条", "（二）", "4."),
        ),
        Benefit(
            "benefit:yn-academician-team-funds",
            "tier:yn-academician-team",
            BenefitKind.TRAINING_FUNDS,
            "院士创新团队经费",
            "云南省院士创新团队",
            hlt("art_7", "第七条"),
        ),
        Benefit(
            "benefit:yn-team-training",
            YN_TEAM_TIER,
            BenefitKind.TRAINING_FUNDS,
            "团队培养经费",
            "享受“云南省创新团队”相关培养政策待遇",
            f"{YN_TEAM}/art_8__item_2__subitem_3",
        ),
        Benefit(
            "benefit:yn-innovation-team-funds",
            "tier:yn-innovation-team",
            BenefitKind.TRAINING_FUNDS,
            "云南省创新团队经费支持",
            "云南省创新团队经费支持",
            f"{YN_TEAM}/art_8__item_2__subitem_3",
        ),
    ]
    facts.stacking_rules += [
        StackingRule(
            "rule:yn-hlt-not-again",
            StackingKind.NOT_AGAIN,
            "符合云南省千人计划“高层次人才”专项条件的，…不再重复享受本细则第八条规定的一次性工作生活补贴",
            hlt("art_7", "第七条"),
            YN_HLT,
            governs=("benefit:yn-hlt-living",),
            prior=(YN_ACADEMICIAN_TEAM,),
        ),
        StackingRule(
            "rule:yn-team-not-again",
            StackingKind.NOT_AGAIN,
            "入选云南省千人计划“高层次创新创业团队”前已经享受过“云南省创新团队”经费支持的，团队培养经费不再重复支持",
            f"{YN_TEAM}/art_8__item_2__subitem_3",
            YN_TEAM,
            governs=("benefit:yn-team-training",),
            prior=(YN_INNOVATION_TEAM,),
        ),
    ]
    return facts, cites


# --- 深圳 (003) ------------------------------------------------------------------------------

SZ = "sz-2023-outstanding"
SZ_TITLE = "深圳市杰出人才培养专项实施办法"
SZ_PROGRAM = "prog:sz-outstanding"
SZ_TIER = "tier:sz-outstanding"


def _sz_facts() -> tuple[Facts, dict[str, Citation]]:
    cites: dict[str, Citation] = {}

    def cite(path: str, *labels: str) -> str:
        pid = f"{SZ}/{path}"
        cites[pid] = Citation(pid, SZ, SZ_TITLE, labels)
        return pid

    facts = Facts()
    facts.programs.append(
        Program(
            SZ_PROGRAM,
            "深圳市杰出人才培养专项",
            SZ,
            cite("chp_1__art_2", "第一章", "第二条"),
            Level.MUNICIPAL,
            "深圳市",
        )
    )
    facts.tiers.append(
        Tier(
            SZ_TIER,
            SZ_PROGRAM,
            "TRAINEE",
            "杰出人才培养对象",
            1,
            cite("chp_2__art_5", "第二章", "第五条"),
            Level.MUNICIPAL,
        )
    )
    art5 = "chp_2__art_5"
    facts.criteria += [
        Criterion(
            "crit:sz-mode",
            SZ_TIER,
            BASIC,
            CriterionKind.EMPLOYMENT,
            "培养对象应当已在深圳全职工作",
            f"{SZ}/{art5}",
            employment=FULL_TIME,
        ),
        Criterion(
            "crit:sz-age",
            SZ_TIER,
            BASIC,
            CriterionKind.AGE,
            "身体健康，年龄一般不超过55周岁",
            cite(f"{art5}__item_3", "第二章", "第五条", "（三）"),
            max_age=55,
            age_is_usual=True,
        ),
        Criterion(
            "crit:sz-1",
            SZ_TIER,
            CORE,
            CriterionKind.POSITION,
            "主持过国家级重大科研任务、重大科技基础设施建设和重大工程",
            cite("chp_2__art_6__item_1", "第二章", "第六条", "（一）"),
        ),
        Criterion(
            "crit:sz-x",
            SZ_TIER,
            EXCLUSION,
            CriterionKind.TITLE,
            "已成为战略科学家级人才或入选过培养对象的，不再参加",
            cite("chp_2__art_7", "第二章", "第七条"),
            title_ids=(ACADEMICIAN,),
            awards=(AwardRequirement((NAT_SUPREME,)),),
        ),
    ]
    facts.benefits.append(
        Benefit(
            "benefit:sz-training",
            SZ_TIER,
            BenefitKind.TRAINING_FUNDS,
            "培养经费",
            "培养经费分为1000万元、1500万元、2000万元3个档次。…培养协议签订后拨付培养经费的50%，剩余50%在中期评估合格后拨付",
            cite("chp_4__art_17", "第四章", "第十七条"),
            amount_min=1000 * WAN,
            amount_max=2000 * WAN,
            installments=2,
            installment_share=0.5,
        )
    )
    facts.stacking_rules.append(
        StackingRule(
            "rule:sz-bar",
            StackingKind.BAR,
            "培养期内…不得再申请市级及以下其他人才培养类专项资助",
            cite("chp_4__art_16", "第四章", "第十六条"),
            SZ,
            governs=(SZ_PROGRAM,),
            scope="市级及以下其他人才培养类专项资助",
        )
    )
    return facts, cites


# --- 东川 (002) ------------------------------------------------------------------------------

DC = "dc-2022-talent"
DC_TITLE = "关于实施人才振兴计划促进东川高质量发展的意见（试行）"
DC_PROGRAM = "prog:dc-talent"
DC_HIGH = "tier:dc-high-level"
DC_FLEX = "tier:dc-flexible"
DC_RETIRED = "tier:dc-retired-teacher"


def _dc_facts() -> tuple[Facts, dict[str, Citation]]:
    cites: dict[str, Citation] = {}

    def cite(path: str, *labels: str) -> str:
        pid = f"{DC}/{path}"
        cites[pid] = Citation(pid, DC, DC_TITLE, labels)
        return pid

    item1 = cite("sec_1__item_1", "一、实施高层次紧缺人才招引计划", "（一）")
    item9 = cite("sec_4__item_9", "四、实施公共事业人才提振支持计划", "（九）")
    facts = Facts()
    facts.programs.append(
        Program(
            DC_PROGRAM,
            "东川区人才振兴计划",
            DC,
            cite("sec_1", "一、实施高层次紧缺人才招引计划"),
            Level.DISTRICT,
            "东川区",
        )
    )
    facts.tiers += [
        Tier(DC_HIGH, DC_PROGRAM, "HIGH", "高层次人才（刚性引进）", 1, item1, Level.DISTRICT),
        Tier(DC_FLEX, DC_PROGRAM, "FLEX", "柔性引进人才", 2, item1, Level.DISTRICT),
        Tier(DC_RETIRED, DC_PROGRAM, "RETIRED", "退休名师、名校长", 3, item9, Level.DISTRICT),
    ]
    facts.criteria += [
        Criterion(
            "crit:dc-high-1",
            DC_HIGH,
            CORE,
            CriterionKind.TITLE,
            "省级及以上人才计划入选者",
            item1,
            title_ids=(XINGDIAN, YN_THOUSAND_HLT, WANREN, CHANGJIANG, NATIONAL_THOUSAND),
        ),
        Criterion(
            "crit:dc-high-2",
            DC_HIGH,
            CORE,
            CriterionKind.PROFESSIONAL_RANK,
            "具有正高级职称专业技术人才",
            item1,
            min_professional_rank=ProfessionalRank.SENIOR,
        ),
        Criterion("crit:dc-high-contract", DC_HIGH, BASIC, CriterionKind.OTHER, "签订5年以上合同", item1),
        Criterion(
            "crit:dc-flex-1",
            DC_FLEX,
            CORE,
            CriterionKind.EDUCATION,
            "博士研究生、副高及以上职称、高级技师",
            item1,
            min_degree=Degree.DOCTORATE,
            min_professional_rank=ProfessionalRank.ASSOCIATE_SENIOR,
        ),
        Criterion(
            "crit:dc-flex-mode",
            DC_FLEX,
            BASIC,
            CriterionKind.EMPLOYMENT,
            "通过兼职挂职、项目合作、科技服务等方式（柔性引才）",
            item1,
            employment=(Employment.FLEXIBLE,),
        ),
        Criterion(
            "crit:dc-retired-age",
            DC_RETIRED,
            BASIC,
            CriterionKind.AGE,
            "男63周岁以下退休名师、名校长",
            item9,
            max_age=63,
        ),
    ]
    facts.benefits += [
        Benefit(
            "benefit:dc-high-living",
            DC_HIGH,
            BenefitKind.LIVING_ALLOWANCE,
            "生活补贴",
            "签订5年以上合同，区级财政给予每人最高50万元的生活补贴，经考核合格每年按20%逐年发放",
            item1,
            amount_max=50 * WAN,
            installments=5,
            installment_share=0.2,
            funders=(FunderShare("区级财政", 1.0),),
            conditions=("经考核合格",),
        ),
        Benefit(
            "benefit:dc-flex-allowance",
            DC_FLEX,
            BenefitKind.LIVING_ALLOWANCE,
            "柔性引才补贴",
            "每年在东川累计工作时间超过60天，工作实绩突出的，给予每人每年最低2万元，最高30万元补贴",
            item1,
            amount_min=2 * WAN,
            amount_max=30 * WAN,
            period=Period.YEARLY,
            employment=(Employment.FLEXIBLE,),
        ),
        Benefit(
            "benefit:dc-retired-living",
            DC_RETIRED,
            BenefitKind.LIVING_ALLOWANCE,
            "生活补贴",
            "聘用后区级给予最高不超过20万元生活补贴/年/人",
            item9,
            amount_max=20 * WAN,
            period=Period.YEARLY,
        ),
    ]
    return facts, cites


def corpus_facts() -> tuple[list[Facts], dict[str, Citation]]:
    parts = [_gd_facts(), _yn_facts(), _sz_facts(), _dc_facts()]
    citations: dict[str, Citation] = {}
    for _, cites in parts:
        citations.update(cites)
    return [facts for facts, _ in parts], citations


def corpus_knowledge() -> Knowledge:
    facts, citations = corpus_facts()
    return Knowledge.from_facts(*facts, citations=citations)


# --- 西山区: a policy of the genre written for these tests only --------------------------------

XS = "xs-2024-talent"
XS_TITLE = "西山区高层次人才分类认定及支持办法（试行）"
XS_PROGRAM = "prog:xs-talent"


def xs_tier(n: int) -> str:
    return f"tier:xs-{n}"


def unseen_facts() -> tuple[Facts, dict[str, Citation]]:
    """第三条 第一层次（领军人才）/第二层次（拔尖人才）/第三层次（骨干人才）; 第八–十一条 待遇与不重复享受."""
    cites: dict[str, Citation] = {}

    def cite(path: str, *labels: str) -> str:
        pid = f"{XS}/{path}"
        cites[pid] = Citation(pid, XS, XS_TITLE, labels)
        return pid

    facts = Facts()
    facts.programs.append(
        Program(XS_PROGRAM, "西山区高层次人才", XS, cite("art_2", "第二条"), Level.DISTRICT, "西山区")
    )
    for n, name in ((1, "第一层次（领军人才）"), (2, "第二层次（拔尖人才）"), (3, "第三层次（骨干人才）")):
        facts.tiers.append(
            Tier(
                xs_tier(n),
                XS_PROGRAM,
                f"L{n}",
                name,
                n,
                cite(f"art_3__item_{n}", "第三条", f"（{'一二三'[n - 1]}）"),
                Level.DISTRICT,
            )
        )
    facts.criteria += [
        # （一）第一层次：年龄不超过50周岁（两院院士不受年龄限制），且具备下列条件之一：
        # 1.国家科学技术进步奖获奖者（排名前五位）；2.两院院士
        Criterion(
            "crit:xs-1-age",
            xs_tier(1),
            BASIC,
            CriterionKind.AGE,
            "年龄不超过50周岁（两院院士不受年龄限制）",
            f"{XS}/art_3__item_1",
            max_age=50,
            age_exempt_title_ids=(ACADEMICIAN,),
        ),
        Criterion(
            "crit:xs-1-award",
            xs_tier(1),
            CORE,
            CriterionKind.AWARD,
            "国家科学技术进步奖获奖者（排名前五位）",
            cite("art_3__item_1__subitem_1", "第三条", "（一）", "1."),
            awards=(AwardRequirement((NAT_PROGRESS,), (), 5),),
        ),
        Criterion(
            "crit:xs-1-title",
            xs_tier(1),
            CORE,
            CriterionKind.TITLE,
            "两院院士",
            cite("art_3__item_1__subitem_2", "第三条", "（一）", "2."),
            title_ids=(ACADEMICIAN,),
        ),
        # （二）第二层次：45周岁以下，具有硕士以上学位或副高以上职称，且获省部级科学技术进步奖一、二等奖（排名前五位）
        Criterion(
            "crit:xs-2-age",
            xs_tier(2),
            BASIC,
            CriterionKind.AGE,
            "45周岁以下",
            f"{XS}/art_3__item_2",
            max_age=45,
        ),
        Criterion(
            "crit:xs-2-edu",
            xs_tier(2),
            BASIC,
            CriterionKind.EDUCATION,
            "具有硕士以上学位或副高以上职称",
            f"{XS}/art_3__item_2",
            min_degree=Degree.MASTER,
            min_professional_rank=ProfessionalRank.ASSOCIATE_SENIOR,
        ),
        Criterion(
            "crit:xs-2-award",
            xs_tier(2),
            CORE,
            CriterionKind.AWARD,
            "获省部级科学技术进步奖一、二等奖（排名前五位）",
            cite("art_3__item_2__subitem_1", "第三条", "（二）", "1."),
            awards=(AwardRequirement((PROV_PROGRESS,), ("一等奖", "二等奖"), 5),),
        ),
        # （三）第三层次：在西山区全职工作，获省部级科学技术进步奖三等奖以上（排名前三位）
        Criterion(
            "crit:xs-3-mode",
            xs_tier(3),
            BASIC,
            CriterionKind.EMPLOYMENT,
            "在西山区全职工作",
            f"{XS}/art_3__item_3",
            employment=FULL_TIME,
        ),
        Criterion(
            "crit:xs-3-award",
            xs_tier(3),
            CORE,
            CriterionKind.AWARD,
            "获省部级科学技术进步奖三等奖以上（排名前三位）",
            cite("art_3__item_3__subitem_1", "第三条", "（三）", "1."),
            awards=(AwardRequirement((PROV_PROGRESS,), ("一等奖", "二等奖", "三等奖"), 3),),
        ),
    ]
    art8 = cite("art_8", "第八条")
    art9 = cite("art_9", "第九条")
    for n, home, post in ((1, 60, 10), (2, 30, 5), (3, 10, 2)):
        facts.benefits += [
            Benefit(
                f"benefit:xs-home-{n}",
                xs_tier(n),
                BenefitKind.HOUSING_SUBSIDY,
                "安家补贴",
                "第一、二、三层次人才分别给予最高60万元、30万元、10万元安家补贴，且不超过购房款的50%，分3年发放，每年发放三分之一",
                art8,
                amount_max=home * WAN,
                cap_ratio=0.5,
                installments=3,
                installment_share=1 / 3,
            ),
            Benefit(
                f"benefit:xs-post-{n}",
                xs_tier(n),
                BenefitKind.POST_ALLOWANCE,
                "岗位补贴",
                "分别给予每年10万元、5万元、2万元岗位补贴，连续发放3年",
                art9,
                amount_max=post * WAN,
                period=Period.YEARLY,
                years=3,
            ),
        ]
    facts.stacking_rules += [
        # 第十条 已享受过区内其他人才政策安家补贴的，不再重复享受本办法安家补贴。
        StackingRule(
            "rule:xs-not-again",
            StackingKind.NOT_AGAIN,
            "已享受过东川区人才政策生活补贴的，不再重复享受本办法安家补贴",
            cite("art_10", "第十条"),
            XS,
            governs=tuple(f"benefit:xs-home-{n}" for n in (1, 2, 3)),
            prior=(DC_PROGRAM,),
        ),
        # 第十一条 同时入选省级、市级人才计划的，岗位补贴从高享受，不重复发放；晋升层次的，按差额补发。
        StackingRule(
            "rule:xs-highest",
            StackingKind.HIGHEST_ONLY,
            "同时入选省级、市级人才计划的，岗位补贴从高享受，不重复发放",
            cite("art_11__para_1", "第十一条", "第一款"),
            XS,
            governs=tuple(f"benefit:xs-post-{n}" for n in (1, 2, 3)),
            scope="省级、市级人才计划",
        ),
        StackingRule(
            "rule:xs-topup",
            StackingKind.TOP_UP,
            "晋升层次的，按差额补发",
            cite("art_11__para_2", "第十一条", "第二款"),
            XS,
            governs=(XS_PROGRAM,),
        ),
    ]
    return facts, cites


def all_knowledge() -> Knowledge:
    """The corpus facts and the unseen policy together."""
    facts, citations = corpus_facts()
    extra, extra_cites = unseen_facts()
    return Knowledge.from_facts(*facts, extra, citations={**citations, **extra_cites})
