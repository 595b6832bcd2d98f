"""Readings of one condition clause."""

from __future__ import annotations

from graphapi.domain.model import CriterionKind, Degree, Employment, ProfessionalRank
from ingest.facts import readings


def kinds(text):
    return [r.kind for r in readings.read(text).readings]


def test_degree_and_rank_as_alternatives_make_education():
    (reading,) = readings.read("具有硕士以上学位或副高以上专业技术职称").readings
    assert reading.kind is CriterionKind.EDUCATION
    assert reading.min_degree is Degree.MASTER and reading.min_professional_rank is ProfessionalRank.ASSOCIATE_SENIOR


def test_lowest_degree_listed_is_the_floor():
    assert readings.degree_in("全日制博士、硕士毕业生") is Degree.MASTER
    assert readings.degree_in("博士研究生学历") is Degree.DOCTORATE
    assert readings.degree_in("出站博士后") is None  # a post, not a degree


def test_college_diploma_is_a_degree_level_only_beside_its_context():
    assert readings.degree_in("取得大学专科以上学历") is Degree.ASSOCIATE
    assert readings.degree_in("大专及以上学历") is Degree.ASSOCIATE
    assert readings.degree_in("本科或大专学历") is Degree.ASSOCIATE  # the lowest listed
    assert readings.degree_in("纳入省级重点学科（专科）建设的") is None  # a medical specialty
    assert readings.degree_in("新获批省级临床重点专科的") is None


def test_rank_words_need_their_context():
    assert readings.rank_in("中级或执业医师资格") is ProfessionalRank.INTERMEDIATE
    assert readings.rank_in("初级、中级、高级社会工作师证") is None
    assert readings.rank_in("相当于副教授以上专业技术职称") is ProfessionalRank.ASSOCIATE_SENIOR


def test_employment_modes():
    assert readings.employment_in("在官渡区全职工作或柔性引进") == (Employment.FULL_TIME, Employment.FLEXIBLE)
    assert readings.employment_in("首次在某区全职工作") == (Employment.FULL_TIME,)


def test_age_with_exemption_and_relaxing_aside():
    (age,) = readings.read("一般在55周岁以下（院士除外）").readings
    assert age.max_age == 55 and age.age_exempt == ("院士",)
    # the aside relaxes the age; it does not require a 职称
    assert kinds("年龄一般不超过45周岁（取得正高级职称的，年龄可放宽至50周岁）") == [CriterionKind.AGE]


def test_thresholds_and_catch_alls():
    (salary,) = readings.read("担任首席技术官职务，且现年薪超过200万元").readings
    assert salary.kind is CriterionKind.SALARY and salary.min_amount == 2_000_000
    assert readings.read("近三年年纳税额连续超过3000万元").readings[0].min_amount == 30_000_000
    assert readings.is_catch_all("其他相当于上述层次的国内领军人才")
    assert readings.is_no_condition("年龄不限") and readings.is_no_condition("不限国籍、户籍")


def test_split_keeps_brackets_whole():
    pieces = [s.text for s in readings.split("一般在55周岁以下（院士除外，特殊人才可放宽），具有博士学位")]
    assert pieces == ["一般在55周岁以下（院士除外，特殊人才可放宽）", "具有博士学位"]


def test_top_level_skips_every_kind_of_bracket_and_quote():
    # a 的 inside 《》 or “” belongs to a name, not to the clause
    assert readings.top_level("入选《人才的意见》博士的", "的") == [11]
    assert readings.top_level("“青年的”人才（含的）的", "的") == [11]
    assert readings.open_depth("入选《人才") == 1 and readings.open_depth("入选《人才》") == 0
