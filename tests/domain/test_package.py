"""The best lawful package: one tier per program, own benefits, computed amounts, stacking applied."""

from __future__ import annotations

import pytest

from graphapi.domain.knowledge import Knowledge
from graphapi.domain.model import (
    Degree,
    EligibilityStatus,
    Employment,
    ProfessionalRank,
)
from graphapi.domain.package import Purpose, best_package
from graphapi.domain.profile import AwardHolding, TalentProfile
from graphapi.domain.regions import default_regions
from tests.domain.facts_fixtures import (
    NAT_PROGRESS,
    NSFC_YOUNG,
    YN_HLT_TIER,
    YN_PROGRESS,
    all_knowledge,
    gd_benefit,
    gd_tier,
    relations,
)

WAN = 10_000
GUANDU = "region:km-guandu"


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return all_knowledge()


def package(knowledge: Knowledge, profile: TalentProfile):
    return best_package(profile, knowledge, relations(), default_regions(), as_of_year=2024)


def winner(**fields) -> TalentProfile:
    base = {
        "awards": (AwardHolding(NAT_PROGRESS, "国家科学技术进步奖", "二等奖", 2),),
        "age": 50,
        "degree": Degree.DOCTORATE,
        "professional_rank": ProfessionalRank.SENIOR,
        "employment": Employment.FULL_TIME,
        "region_id": GUANDU,
    }
    return TalentProfile(**{**base, **fields})


def by_benefit(items) -> dict[str, object]:
    return {item.benefit.id: item for item in items}


def test_package_for_a_second_prize_winner_in_guandu_with_a_house_price(knowledge):
    result = package(knowledge, winner(house_price=500 * WAN))
    items = by_benefit(result.items)
    assert {t.tier.id for t in result.tiers} == {gd_tier("B"), YN_HLT_TIER}
    assert items[gd_benefit("housing", "B")].value == 250 * WAN  # 50% × 500万 < 400万
    assert items["benefit:yn-hlt-living"].value == 100 * WAN
    assert items[gd_benefit("apartment", "B")].value == 0  # non-cash service, listed
    assert result.total_max_amount == pytest.approx(sum(item.value for item in result.items))
    set_aside = by_benefit(result.set_aside)
    assert "引才单位" in set_aside[gd_benefit("recruiter", "B")].reason
    post = set_aside[gd_benefit("post", "B")]
    assert "购房津贴与岗位津贴不重复享受，保留金额较高的购房津贴" in post.reason
    assert "第十七条第（四）项第1目" in post.reason
    assert "合计最高" in result.explanation


def test_a_small_house_keeps_the_post_allowance_instead(knowledge):
    result = package(knowledge, winner(house_price=40 * WAN))  # 50% × 40万 = 20万 < 25万 a year
    assert gd_benefit("post", "B") in by_benefit(result.items)
    housing = by_benefit(result.set_aside)[gd_benefit("housing", "B")]
    assert "保留金额较高的岗位津贴（每年25万元），购房津贴不予发放" in housing.reason
    assert "按年发放且文件未规定年限的待遇按一年计" in result.explanation


def test_without_a_house_price_the_housing_maximum_is_the_ceiling(knowledge):
    items = by_benefit(package(knowledge, winner()).items)
    assert items[gd_benefit("housing", "B")].value == 400 * WAN
    assert "未提供购房总价" in items[gd_benefit("housing", "B")].reason


def test_one_tier_per_program_the_highest_ranked(knowledge):
    # 杰青 (B类 第5项) and a 云南省科学技术进步奖一等奖 (C类 第1项): recognised as B only
    profile = TalentProfile(
        title_ids=(NSFC_YOUNG,),
        awards=(AwardHolding(YN_PROGRESS, "云南省科学技术进步奖", "一等奖", 1),),
        age=50,
        employment=Employment.FULL_TIME,
        region_id=GUANDU,
    )
    result = package(knowledge, profile)
    guandu = [t for t in result.tiers if t.tier.program_id == "prog:gd-talent"]
    assert [t.tier.id for t in guandu] == [gd_tier("B")]
    assert not any(item.tier.id == gd_tier("C") for item in result.items + result.set_aside)
    assert "同一计划只认定一个类别，不再按C类（省级杰出人才）重复计算" in result.explanation


def test_benefits_limited_to_full_time_are_set_aside_for_flexible_work(knowledge):
    result = package(knowledge, winner(employment=Employment.FLEXIBLE))
    set_aside = by_benefit(result.set_aside)
    assert "仅限全职人才享受，与所填工作方式不符" in set_aside[gd_benefit("housing", "B")].reason
    assert gd_benefit("post", "B") in set_aside
    assert gd_benefit("project", "B") in by_benefit(result.items)  # not limited to 全职


def test_needs_info_tiers_are_named_as_what_could_be_added(knowledge):
    result = package(knowledge, winner(degree=None, professional_rank=None))
    assert [a.tier.id for a in result.could_add] == [YN_HLT_TIER]
    assert all(a.status is EligibilityStatus.NEEDS_INFO for a in result.could_add)
    assert "benefit:yn-hlt-living" not in by_benefit(result.items)
    assert "如补充学位和职称，还可能符合云南省“千人计划”“高层次人才”专项" in result.explanation


def test_nothing_eligible_gives_an_empty_package_that_says_so(knowledge):
    result = package(knowledge, TalentProfile(age=30, region_id=GUANDU))
    assert result.items == [] and result.total_max_amount == 0
    assert "未找到符合条件的人才类别" in result.explanation


def test_package_in_an_unseen_policy(knowledge):
    award = AwardHolding(YN_PROGRESS, "云南省科学技术进步奖", "二等奖", 4)
    profile = TalentProfile(
        awards=(award,),
        age=44,
        degree=Degree.MASTER,
        employment=Employment.FULL_TIME,
        region_id="region:km-xishan",
        house_price=50 * WAN,
    )
    items = by_benefit(package(knowledge, profile).items)
    assert items["benefit:xs-home-2"].value == 25 * WAN  # 50% × 50万 < 30万
    assert len(items["benefit:xs-home-2"].amount.schedule) == 3
    assert items["benefit:xs-post-2"].value == 15 * WAN  # 每年5万元 × 3年


def test_the_total_says_what_it_is_made_of(knowledge):
    result = package(knowledge, winner(house_price=500 * WAN))
    totals = result.totals
    assert totals.total == pytest.approx(sum(item.value for item in result.items))
    assert totals.personal_cash + totals.funding + totals.financing + totals.conditional == totals.total
    assert totals.personal_cash == 350 * WAN  # 购房津贴250万 + 一次性工作生活补贴100万
    assert totals.funding == 500 * WAN  # 项目经费支持, spent on the project
    assert totals.financing == 100 * WAN  # 鼓励金融机构…给予金融支持
    items = by_benefit(result.items)
    financing = items[gd_benefit("project", "B")]
    assert financing.purpose is Purpose.FINANCING and "不是财政补贴" in financing.reason
    assert items["benefit:yn-hlt-project"].purpose is Purpose.FUNDING
    assert "发给本人的现金待遇最高350万元" in result.explanation
    assert "用于项目、工作室或团队的经费最高500万元" in result.explanation
    assert "金融支持最高100万元" in result.explanation


def test_items_that_depend_on_a_later_event_are_counted_apart(knowledge):
    result = package(knowledge, winner(house_price=40 * WAN))
    post = by_benefit(result.items)[gd_benefit("post", "B")]
    assert post.condition == "考核优秀" and post.purpose is Purpose.PERSONAL_CASH
    assert result.totals.conditional == 25 * WAN
    assert result.totals.personal_cash == 100 * WAN  # the 岗位津贴 is not counted as certain income
    assert "须满足后续条件方可获得的最高25万元（岗位津贴须考核优秀）" in result.explanation


def test_the_guandu_selection_bonus_gives_way_to_the_yunnan_one_off_allowance(knowledge):
    # 第十一条（五）: also selected into 云南省“千人计划”, the higher award is kept; 第十三条 is the
    # general rule and gives way
    result = package(knowledge, winner(house_price=500 * WAN))
    bonus = by_benefit(result.set_aside)[gd_benefit("bonus", "B")]
    assert "保留金额较高的云南省“千人计划”“高层次人才”专项一次性工作生活补贴（100万元）" in bonus.reason
    assert "第十三条关于可同时享受其他待遇的规定属一般规定" in bonus.reason
    assert "benefit:yn-hlt-living" in by_benefit(result.items)
    assert result.rule_conflicts == []


def test_a_benefit_limited_to_a_title_replaces_the_general_one_for_its_holders():
    """引进“两院”在职院士的，给予200万元一次性工作生活补贴 beside 100万元 for the others."""
    from graphapi.domain.model import (
        Benefit,
        BenefitKind,
        Criterion,
        CriterionKind,
        CriterionRole,
        Level,
        Program,
        Tier,
    )
    from tests.domain.facts_fixtures import CAS

    program = Program("program:y", "某省高层次人才专项", "y-2025", "y-2025/art_3", Level.PROVINCIAL, "云南省")
    tier = Tier("program:y/A", program.id, "A", "高层次人才", 1, "y-2025/art_3")
    criterion = Criterion(
        "program:y/A#c01", tier.id, CriterionRole.CORE, CriterionKind.TITLE, "两院院士", "y-2025/art_3",
        title_ids=("title-class:academician",),
    )
    general = Benefit("program:y/A#b01", tier.id, BenefitKind.LIVING_ALLOWANCE, "一次性工作生活补贴",
                      "给予100万元一次性工作生活补贴", "y-2025/art_5", amount_max=100 * WAN)
    academician = Benefit("program:y/A#b02", tier.id, BenefitKind.LIVING_ALLOWANCE, "一次性工作生活补贴",
                          "引进“两院”在职院士的，给予200万元一次性工作生活补贴", "y-2025/art_5",
                          amount_max=200 * WAN, requires_title_ids=("title-class:academician",))
    knowledge = Knowledge(programs=[program], tiers=[tier], criteria=[criterion], benefits=[general, academician])
    profile = TalentProfile(title_ids=(CAS,), title_names={CAS: "中国科学院院士"}, region_id="region:kunming")
    result = package(knowledge, profile)
    assert [(i.benefit.id, i.amount.value) for i in result.items] == [(academician.id, 200 * WAN)]
    assert [i.benefit.id for i in result.set_aside] == [general.id]
    assert result.total_max_amount == 200 * WAN
