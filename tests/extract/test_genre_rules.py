"""Rules of the genre that the held-out set (tests/extract/test_heldout.py) showed missing, each
shown here on a text of its own (other counties, other amounts and wording than that set):
titles beside a mode, ages per mode in two clauses, a team named by its full name, an amount
range, the noun of what is paid over the measure's heading, a share of a basis written without
不超过, a service after ；naming its own subject, 可按规定享受…其他待遇, a non-cash grant after the
cash one, a measure for "the talents brought in", the head of a class after its age and degree,
whom a measure's heading names, the full-time class beside a 柔性 one."""

from __future__ import annotations

from functools import cache

from graphapi.domain.eligibility import assess
from graphapi.domain.entities import EntityResolver
from graphapi.domain.knowledge import Knowledge
from graphapi.domain.model import (
    AgeLimit,
    BenefitKind,
    CriterionKind,
    Degree,
    EligibilityStatus,
    Employment,
    Facts,
    ProfessionalRank,
    Recipient,
    StackingKind,
)
from graphapi.domain.profile import TalentProfile
from graphapi.domain.regions import default_regions
from ingest.documents import parse_text
from ingest.facts import extract

WAN = 10_000

XUNDIAN_MEASURES = """关于加快寻甸县人才集聚的若干措施

一、引进人才
（一）引进高端人才

对全职引进的中国工程院院士，给予300万元安家补贴，分3年发放。

（二）引进青年人才

面向全国引进35周岁及以下博士研究生，签订5年服务协议的，给予每人20万元生活补助，并提供2年免费人才公寓。

（三）柔性引进专家

通过顾问指导方式柔性引进具有正高级职称的专家，每年在寻甸县服务不少于30天的，按每人每年最高6万元给予工作补助。

二、培养人才
（四）返聘退休教师

返聘60周岁以下的退休中小学高级教师到乡村学校任教，每月给予3000元补贴。

三、保障措施
（五）购房补贴

全职引进的人才在县内首次购房的，按购房总价的10%给予补贴，最高不超过20万元。
"""

LUQUAN_CATALOGUE = """禄劝县高层次人才支持办法

第一条 为引进高层次人才，制定本办法。
第二条 入选人才享受以下支持：
（一）项目资助。入选人才承担的研发项目，按项目实际投入的40%给予资助，A类最高不超过100万元，B类最高不超过50万元。
（二）创业团队资助。对认定的青年创业团队，根据评审结果给予20万元至80万元项目资助。
（三）服务保障。A类人才子女入学由县教育体育局统筹安排；入选人才可申请入住县人才公寓。
第三条 入选人才在享受本办法待遇的同时，可按有关规定享受用人单位的其他待遇。
第四条 本办法自印发之日起施行。

附件

禄劝县高层次人才认定目录

一、A类（领军人才）
刚性引进的年龄一般不超过50周岁，柔性引进的年龄一般不超过60周岁，且具备下列条件之一：
1.国家杰出青年科学基金获得者；
2.其他相当于上述层次的领军人才。
二、B类（骨干人才）
年龄不超过40周岁，且具备下列条件之一：
1.国家优秀青年科学基金获得者。
三、青年创业团队
团队由1名带头人和2名以上核心成员组成。
"""


# 石林县: measures whose heading names whom they are for, a rigid class beside a 柔性 one, and
# classes whose head noun (乡镇卫生院医生, 退休农技人员) says who they are.
SHILIN_MEASURES = """中共石林县委办公室 石林县人民政府办公室
关于加强基层人才队伍建设的若干措施

一、引进人才
（一）刚柔并济引进高端人才

引进具有正高级职称的专业技术人才，签订不少于5年聘用合同的，给予每人最高30万元安家补贴。柔性引进具有博士学位的专家，每年在石林县服务不少于40天的，给予每人每年最高5万元工作补助。

二、培育人才
（二）激励乡村教师提升学历

对取得硕士研究生学历、学位的，给予1万元一次性奖励；取得大学本科学历、学士学位的，给予3000元一次性奖励。

（三）稳定基层医疗卫生队伍

对具有中级职称的乡镇卫生院医生，每人每月给予800元岗位补贴。

（四）返聘退休人员

返聘男性63周岁以下、女性58周岁以下的退休农技人员到村服务，给予每人每月2000元补贴。
"""


@cache
def facts(name: str) -> Facts:
    text = {"xundian": XUNDIAN_MEASURES, "luquan": LUQUAN_CATALOGUE, "shilin": SHILIN_MEASURES}[name]
    return extract(parse_text(text, f"{name}.txt"), EntityResolver.default(), default_regions())


def tier(f: Facts, fragment: str):
    return next(t for t in f.tiers if fragment in t.name or t.code == fragment)


def benefits(f: Facts, fragment: str, kind: BenefitKind | None = None):
    t = tier(f, fragment)
    return [b for b in f.benefits if b.tier_id == t.id and (kind is None or b.kind is kind)]


def criteria(f: Facts, fragment: str):
    t = tier(f, fragment)
    return [c for c in f.criteria if c.tier_id == t.id]


# --- measures ----------------------------------------------------------------------------------


def test_titles_named_beside_a_mode_are_a_condition_too():
    """对全职引进的中国工程院院士: the mode and the title, both."""
    found = {(c.kind, c.employment, c.title_ids) for c in criteria(facts("xundian"), "院士")}
    assert (CriterionKind.EMPLOYMENT, (Employment.FULL_TIME,), ()) in found
    assert (CriterionKind.TITLE, (), ("title:cae-academician",)) in found


def test_a_non_cash_grant_after_the_cash_one_is_a_benefit():
    kinds = {(b.kind, b.amount_max) for b in benefits(facts("xundian"), "博士")}
    assert (BenefitKind.LIVING_ALLOWANCE, 20 * WAN) in kinds
    assert any(kind is BenefitKind.SERVICE and amount is None for kind, amount in kinds)


def test_a_measure_for_the_talents_brought_in_goes_to_the_classes_brought_in_full_time():
    """全职引进的人才…首次购房的: not a class of its own; the 院士 and the 博士 (brought in, not
    柔性), not the 柔性 expert nor the rehired retired teacher."""
    f = facts("xundian")
    assert not any("购房" in t.name for t in f.tiers)
    housing = {tier_name: [(b.amount_max, b.cap_ratio) for b in f.benefits if b.tier_id == t.id and b.cited_in.endswith("item_5__para_1")]
               for t in f.tiers for tier_name in [t.name]}
    got = {name: values for name, values in housing.items() if values}
    assert sorted(got) == sorted(t.name for t in f.tiers if "院士" in t.name or "博士" in t.name)
    assert set(v for values in got.values() for v in values) == {(20 * WAN, 0.1)}
    assert all("首次购房" in "".join(b.conditions) for b in f.benefits if b.cited_in.endswith("item_5__para_1"))


def test_the_class_named_after_its_age_is_left_for_the_office_on_the_age():
    """返聘60周岁以下的**退休中小学高级教师到乡村学校任教**: who the class is, not read, stays with
    the age (the reasoning never counts it met on the age alone), not a criterion of its own."""
    found = criteria(facts("xundian"), "退休")
    (age,) = [c for c in found if c.kind is CriterionKind.AGE]
    assert age.max_age == 60 and age.unread == ("退休中小学高级教师到乡村学校任教",)
    assert not any(c.text == "退休中小学高级教师到乡村学校任教" for c in found)


def test_whom_a_measures_heading_names_is_left_for_the_office():
    """激励**乡村教师**提升学历: 对取得硕士研究生学历、学位的 — any master is no rural teacher."""
    f = facts("shilin")
    for fragment in ("硕士", "本科"):
        read = [c for c in criteria(f, fragment) if c.min_degree is not None]
        assert read and all(c.unread == ("乡村教师",) for c in read), [(c.text, c.unread) for c in read]
    # a heading naming a class the criteria define (引进高端人才) or no people adds nothing
    assert all("高端人才" not in c.unread for c in f.criteria)


def test_the_head_noun_after_a_rank_or_an_age_is_left_for_the_office():
    f = facts("shilin")
    (rank,) = [c for c in criteria(f, "中级") if c.kind is CriterionKind.PROFESSIONAL_RANK]
    assert rank.unread == ("乡镇卫生院医生",)
    (age,) = [c for c in criteria(f, "退休") if c.kind is CriterionKind.AGE]
    assert age.unread == ("退休农技人员到村服务",)


def test_the_class_beside_a_flexible_one_is_brought_in_full_time():
    """刚柔并济…: 引进…签订…聘用合同的 (刚性) beside 柔性引进…的: the first is for full-time staff."""
    f = facts("shilin")
    modes = {t.name: {c.employment for c in f.criteria if c.tier_id == t.id and c.employment} for t in f.tiers if "引进" in t.name}
    assert sorted(modes.values(), key=str) == [{(Employment.FLEXIBLE,)}, {(Employment.FULL_TIME,)}], modes


def test_those_conditions_keep_a_profile_that_meets_only_the_reading_from_eligible():
    """A 30-year-old master with 中级职称, working full time in 石林县, who is no rural teacher
    nor doctor: nothing is ELIGIBLE on the degree or the 职称 alone; a flexible expert is not
    eligible for the full-time class."""
    knowledge = Knowledge.from_facts(facts("shilin"))
    resolver, regions = EntityResolver.default(), default_regions()

    def status(profile: TalentProfile) -> dict[str, EligibilityStatus]:
        return {a.tier.name: a.status for a in assess(profile, knowledge, resolver, regions, True, as_of_year=2024)}

    master = TalentProfile(
        age=30, degree=Degree.MASTER, professional_rank=ProfessionalRank.INTERMEDIATE,
        employment=Employment.FULL_TIME, region_id="region:km-shilinyizuzizhi",
    )
    assert EligibilityStatus.ELIGIBLE not in status(master).values(), status(master)
    expert = TalentProfile(
        age=50, degree=Degree.DOCTORATE, professional_rank=ProfessionalRank.SENIOR,
        employment=Employment.FLEXIBLE, region_id="region:km-shilinyizuzizhi",
    )
    got = status(expert)
    assert [name for name, s in got.items() if s is EligibilityStatus.ELIGIBLE] == [t.name for t in facts("shilin").tiers if "柔性" in t.name], got


def test_flexible_service_days_are_read():
    assert {c.min_service_days_per_year for c in criteria(facts("xundian"), "柔性") if c.min_service_days_per_year} == {30}


# --- an 办法 with a catalogue ------------------------------------------------------------------


def test_limits_per_mode_written_in_two_clauses_are_one_age_condition():
    (age,) = [c for c in criteria(facts("luquan"), "A") if c.kind is CriterionKind.AGE]
    assert age.age_limits == (AgeLimit(50, employment=Employment.FULL_TIME), AgeLimit(60, employment=Employment.FLEXIBLE))
    assert (age.max_age, age.age_is_usual) == (60, True)


def test_a_share_of_a_basis_without_a_ceiling_word_is_a_cap():
    """按项目实际投入的40%给予资助，A类最高不超过100万元."""
    found = {(b.amount_max, b.cap_ratio, b.cap_basis) for b in benefits(facts("luquan"), "A", BenefitKind.PROJECT_FUNDING)}
    assert found == {(100 * WAN, 0.4, "项目实际投入")}


def test_a_team_named_by_its_full_name_gets_its_range_and_the_noun_of_what_is_paid():
    """创业团队资助。对认定的青年创业团队，…给予20万元至80万元项目资助: the team only; a range; 项目资助."""
    f = facts("luquan")
    team = tier(f, "TEAM")
    paid = [b for b in f.benefits if b.cited_in.endswith("art_2__item_2")]
    assert {b.tier_id for b in paid} == {team.id}
    assert {(b.kind, b.amount_min, b.amount_max, b.recipient) for b in paid} == {
        (BenefitKind.PROJECT_FUNDING, 20 * WAN, 80 * WAN, Recipient.TEAM)}


def test_a_service_after_a_semicolon_naming_its_own_subject_goes_to_them():
    """A类人才子女入学…；入选人才可申请入住县人才公寓: the first for A, the second for every class."""
    f = facts("luquan")
    services = [b for b in f.benefits if b.cited_in.endswith("art_2__item_3") and b.kind is BenefitKind.SERVICE]
    by_tier = {t.code: sorted(b.name for b in services if b.tier_id == t.id) for t in f.tiers}
    assert len(by_tier["A"]) == 2 and len(by_tier["B"]) == 1 and len(by_tier["TEAM"]) == 1
    assert all("公寓" in names[-1] or "公寓" in names[0] for names in by_tier.values())


def test_stacking_with_the_employers_other_benefits():
    (rule,) = [r for r in facts("luquan").stacking_rules if r.cited_in.endswith("art_3")]
    assert rule.kind is StackingKind.STACKABLE
