"""Conditions read faithfully: what a reading leaves out (`Criterion.unread`), usual and
per-mode or per-gender age limits, service time, and core alternatives that no reading covers.

The texts below are written for these tests (other districts, other wording than the corpus);
the corpus cases the reasoning depends on are checked at the end.
"""

from __future__ import annotations

from functools import cache

import pytest

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import AgeLimit, CriterionKind, CriterionRole, Employment, Facts, Gender, ProfessionalRank
from graphapi.domain.regions import default_regions
from ingest.documents import parse_text
from ingest.facts import extract
from ingest.facts.linking import Linker
from ingest.facts.unread import left_unread
from tests.extract.test_corpus import corpus

BASIC, CORE = CriterionRole.BASIC, CriterionRole.CORE

# 富民县: a catalogue whose classes carry compound conditions, ages per mode and per gender.
FUMIN = """富民县引进高层次人才认定目录

一、A类人才（领军人才）
刚性引进的年龄一般不超过55周岁、柔性引进的年龄一般不超过65周岁，并符合下列条件之一：
1.取得正高级专业技术职称并担任省级以上重点实验室主任；
2.在县内重点产业企业担任总经理职务，且上年度年薪不低于150万元；
3.国家杰出青年科学基金获得者，或者在县内企业连续主持研发工作满3年并取得发明专利；
4.取得博士学位后有3年以上海外科研工作经历。
二、B类人才（骨干人才）
首次在富民县全职工作，男性不超过60周岁、女性不超过55周岁，且符合下列所有条件：
1.具有硕士以上学位；
2.柔性引进的，每年在富民县累计工作不少于90天；
3.与用人单位签订不少于3年的聘用合同。
"""


@cache
def fumin() -> Facts:
    return extract(parse_text(FUMIN, "fumin_catalogue.txt"), EntityResolver.default(), default_regions())


def _tier(facts: Facts, code: str) -> str:
    return next(t.id for t in facts.tiers if t.code == code)


def _criteria(facts: Facts, code: str, role: CriterionRole | None = None):
    tier = _tier(facts, code)
    return [c for c in facts.criteria if c.tier_id == tier and (role is None or c.role is role)]


def _one(criteria, fragment: str):
    (found,) = [c for c in criteria if fragment in c.text]
    return found


def test_ages_per_employment_mode_are_kept_apart_not_collapsed():
    (age,) = [c for c in _criteria(fumin(), "A", BASIC) if c.kind is CriterionKind.AGE]
    assert age.age_limits == (AgeLimit(55, employment=Employment.FULL_TIME), AgeLimit(65, employment=Employment.FLEXIBLE))
    assert age.max_age == 65 and age.age_is_usual  # 一般不超过: a usual limit


def test_ages_per_gender_are_kept_apart_and_a_hard_limit_is_not_usual():
    (age,) = [c for c in _criteria(fumin(), "B", BASIC) if c.kind is CriterionKind.AGE]
    assert age.age_limits == (AgeLimit(60, gender=Gender.MALE), AgeLimit(55, gender=Gender.FEMALE))
    assert age.max_age == 60 and not age.age_is_usual


def test_a_conjunct_the_reading_does_not_cover_is_left_unread():
    core = _criteria(fumin(), "A", CORE)
    rank = _one(core, "正高级")
    assert rank.min_professional_rank is ProfessionalRank.SENIOR
    assert rank.unread == ("担任省级以上重点实验室主任",)
    salary = _one(core, "年薪")
    assert (salary.kind, salary.min_amount) == (CriterionKind.SALARY, 1_500_000)
    assert salary.unread == ("在县内重点产业企业担任总经理职务",)
    after_degree = _one(core, "博士学位后")
    assert after_degree.unread == ("有3年以上海外科研工作经历",)


def test_a_core_alternative_no_reading_covers_becomes_a_criterion_of_its_own():
    """…获得者，或者在县内企业连续主持研发工作满3年…: a person who meets the second is not failed by
    the title the first names."""
    core = _criteria(fumin(), "A", CORE)
    title = next(c for c in core if c.title_ids == ("title:nsfc-distinguished-young",))
    assert title.unread == ()
    (apart,) = [c for c in core if c.text.startswith("在县内企业连续主持研发工作")]
    assert (apart.role, apart.title_ids, apart.unread) == (CORE, (), ())


def test_an_employment_mode_read_leaves_first_time_unread_and_service_time_is_read():
    basic = _criteria(fumin(), "B", BASIC)
    mode = next(c for c in basic if c.kind is CriterionKind.EMPLOYMENT and c.employment == (Employment.FULL_TIME,))
    assert mode.unread == ("首次在富民县全职工作",)
    days = next(c for c in basic if c.min_service_days_per_year is not None)
    assert days.min_service_days_per_year == 90
    degree = next(c for c in basic if c.kind is CriterionKind.DEGREE)
    assert degree.unread == ()  # fully read: nothing to confirm


def test_criteria_without_a_structured_reading_have_nothing_left_unread():
    contract = _one(_criteria(fumin(), "B", BASIC), "聘用合同")
    assert contract.kind is CriterionKind.OTHER and contract.unread == ()


@pytest.mark.parametrize(
    ("text", "role", "unread", "other_ways", "apart"),
    [
        # Another way of meeting it, not a further condition: failing what is read fails nothing.
        ("具有博士学位或副高以上职称或持有国家发明专利", CORE, (), ("或持有国家发明专利",), ()),
        ("具有中级或执业医师资格", BASIC, (), ("或执业医师资格",), ()),
        ("“双一流”建设高校全日制硕士研究生", BASIC, ("“双一流”建设高校全日制硕士研究生",), (), ()),
        ("省部级科学技术进步奖二等奖或三等奖前三名完成人", CORE, (), (), ()),  # grades are part of the reading
        ("中国工程院院士，或获得相应国际奖项的专家", CORE, (), (), ("或获得相应国际奖项的专家",)),
        # In a basic condition an alternative nothing reads stays with it, as another way.
        ("在本县全职工作，或在本县自主开办创业企业", BASIC, (), ("或在本县自主开办创业企业",), ()),
        ("在申报前2年内从市外全职引进的在职人员", BASIC, ("在申报前2年内从市外全职引进",), (), ()),
        # Who the person must be, around an age, a degree or a 职称: a condition the reading
        # does not hold, unless a generic noun (人才, 毕业生) or a title says it.
        ("返聘男65周岁、女60周岁以下的退休乡村医生", BASIC, ("退休乡村医生",), (), ()),
        ("对县级医院具有副高级职称的", BASIC, ("县级医院",), (), ()),
        ("在市外取得博士学位", CORE, ("在市外",), (), ()),
        ("上年度年薪不低于80万元的企业高级管理人员", CORE, ("企业高级管理人员",), (), ()),
        ("具有博士学位的专家人才", CORE, (), (), ()),
        ("30周岁以下全日制硕士研究生", BASIC, (), (), ()),
        ("40周岁以下的国家优秀青年科学基金获得者", CORE, (), (), ()),
        ("年龄一般不超过45周岁（具有博士学位的放宽至50周岁）", BASIC, (), (), ()),  # the aside relaxes
        ("核心成员中具有硕士学位的不少于3名", BASIC, (), (), ()),  # a team's make-up, not a person
        # 和 joins another class (another way); 或 inside what qualifies the class, another way too
        ("应届硕士毕业生和已出站的博士后研究人员", CORE, ("应届",), ("已出站的博士后研究人员",), ()),
        ("首次在本县全职工作或自主创办企业的全日制硕士毕业生", BASIC, ("首次在本县全职工作",), ("或自主创办企业",), ()),
    ],
)
def test_what_is_left_unread(text, role, unread, other_ways, apart):
    found = left_unread(text, Linker(EntityResolver.default()), split_alternatives=role is CORE)
    assert found.unread == unread
    assert found.other_ways == other_ways
    assert tuple(a.text for a in found.alternatives) == apart


# 晋宁区: a lead-in and an item each split by kind (a mode and a degree; an age and a 职称).
JINNING = """晋宁区引进人才认定目录

一、A类人才（紧缺人才）
首次在晋宁区全职工作或自主创办企业的全日制硕士毕业生，且符合下列所有条件：
1.年龄在40周岁及以下具有中级以上职称的乡镇卫生院医生；
2.与用人单位签订不少于3年的聘用合同。
二、B类人才（青年人才）
年龄不超过35周岁，且符合下列条件之一：
1.具有博士学位；
2.国家优秀青年科学基金获得者。
"""


def test_a_condition_split_by_kind_keeps_each_unread_part_with_the_reading_it_qualifies():
    """首次…全职工作 and 或自主创办企业 qualify the mode, not the degree (a graduate who set up a
    firm may meet the mode, never the degree); who the class is (乡镇卫生院医生) is to confirm once."""
    facts = extract(parse_text(JINNING, "jinning_catalogue.txt"), EntityResolver.default(), default_regions())
    basic = {c.kind: c for c in facts.criteria if "首次" in c.text}
    employment, degree = basic[CriterionKind.EMPLOYMENT], basic[CriterionKind.DEGREE]
    assert (employment.unread, employment.unread_alternatives) == (("首次在晋宁区全职工作",), ("或自主创办企业",))
    assert (degree.unread, degree.unread_alternatives) == ((), ())
    item = {c.kind: c for c in facts.criteria if "乡镇卫生院医生" in c.text}
    assert item[CriterionKind.AGE].unread == ()
    assert item[CriterionKind.PROFESSIONAL_RANK].unread == ("乡镇卫生院医生",)


# --- the corpus cases the reasoning depends on ----------------------------------------------


def _corpus_criteria(doc: str, fragment: str):
    return [c for c in corpus()[doc].criteria if fragment in c.text]


@pytest.mark.parametrize(
    ("doc", "fragment", "unread"),
    [
        ("001", "取得正高级职称并在相应行业担任", "在相应行业担任管理、技术项目骨干职务"),  # 官渡 D(4)
        ("001", "现年薪超过200万元", "担任法定代表人或首席执行官"),  # 官渡 C(9)
        ("001", "现年薪超过100万元", "担任法定代表人或首席执行官"),  # 官渡 D(5)
        ("001", "QS排名前100位", "QS排名前100位"),  # 官渡 E类 school quality
        ("004", "取得博士学位后有", "有2年以上国内外知名高校"),  # 云南 青年人才
        ("004", "主持过国家重大产业技术研究项目", "主持过国家重大产业技术研究项目"),  # 云南 产业人才
        ("004", "从省外全职引进（调入）", "从省外全职引进"),  # 须为…从省外全职引进（调入）
        ("002", "以下退休名师、名校长", "退休名师、名校长"),  # 东川: who, after the ages
        ("002", "副高级及以上职称的卫生专业技术人员", "卫生专业技术人员"),  # 东川: who, after the 职称
        ("002", "学位“双证”", "机关事业干部"),  # 东川: 激励机关事业干部学历提升, whom the heading names
        ("004", "急需紧缺应届博士", "应届"),  # 云南 青年 (5)
    ],
)
def test_corpus_conditions_keep_what_their_reading_leaves_out(doc, fragment, unread):
    found = _corpus_criteria(doc, fragment)
    assert found and all(any(unread in part for part in c.unread) for c in found), [(c.text, c.unread) for c in found]


def test_corpus_ages_per_mode_and_per_gender():
    (team,) = [c for c in _corpus_criteria("001", "刚性引进团队带头人") if c.kind is CriterionKind.AGE]
    assert team.age_limits == (AgeLimit(50, employment=Employment.FULL_TIME), AgeLimit(65, employment=Employment.FLEXIBLE))
    (retired,) = _corpus_criteria("002", "男63周岁、女58周岁以下")
    assert retired.age_limits == (AgeLimit(63, gender=Gender.MALE), AgeLimit(58, gender=Gender.FEMALE))
    assert {c.age_is_usual for c in corpus()["001"].criteria if c.kind is CriterionKind.AGE} == {True}  # 一般在…以下


def test_corpus_service_time():
    assert {c.min_service_days_per_year for c in _corpus_criteria("002", "累计工作时间超过60天")} == {60}
    assert {c.min_service_months for c in _corpus_criteria("001", "累计服务不少于3个月")} == {3}


def test_guandu_c7_postdoc_station_is_an_alternative_of_its_own():
    gd = corpus()["001"]
    c7 = [c for c in gd.criteria if c.cited_in.endswith("annex_1__sec_3__subitem_7")]
    assert {c.title_ids for c in c7} == {("title:china-postdoc-science-fund",), ()}
    station = next(c for c in c7 if not c.title_ids)
    assert station.role is CORE and station.text.startswith("在官渡区企事业单位设立的博士后工作站")
