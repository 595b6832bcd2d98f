"""Amounts are computed from a benefit's reading: caps, schedules, periods, funders."""

from __future__ import annotations

import pytest

from graphapi.domain.amounts import compute
from graphapi.domain.model import HOUSE_PRICE, Benefit, BenefitKind, Period, Recipient
from tests.domain.facts_fixtures import all_knowledge, gd_benefit

WAN = 10_000


@pytest.fixture(scope="module")
def benefits():
    knowledge = all_knowledge()
    return knowledge.benefit


def test_housing_cap_is_eighty_percent_of_the_price_when_lower_than_the_maximum(benefits):
    amount = compute(benefits(gd_benefit("housing", "A")), house_price=500 * WAN)
    assert amount.total == 400 * WAN  # min(0.8 × 500万, 800万)
    assert amount.ceiling == 400 * WAN and amount.capped_by_price
    assert "按购房总价500万元计，80%为400万元，应发400万元" in amount.note


def test_housing_cap_is_the_maximum_when_the_price_share_is_higher(benefits):
    amount = compute(benefits(gd_benefit("housing", "A")), house_price=2000 * WAN)
    assert amount.total == 800 * WAN  # 0.8 × 2000万 = 1600万 > 800万
    assert not amount.capped_by_price


def test_housing_without_a_price_says_the_cap_applies_and_uses_the_maximum(benefits):
    amount = compute(benefits(gd_benefit("housing", "B")))
    assert amount.total == 400 * WAN
    assert amount.ceiling == 400 * WAN
    assert "最高不超过购房总价的50%" in amount.note and "未提供购房总价，按最高额400万元计" in amount.note


def test_five_instalments_of_twenty_percent(benefits):
    amount = compute(benefits(gd_benefit("housing", "A")), house_price=300 * WAN)
    assert amount.total == 240 * WAN
    assert [(i.number, i.share, i.amount) for i in amount.schedule] == [
        (n, 0.2, 48 * WAN) for n in range(1, 6)
    ]
    assert amount.schedule_unit == "年"
    assert "分5年支付，每年支付20%（48万元）" in amount.note


def test_funders_split_the_total(benefits):
    amount = compute(benefits(gd_benefit("housing", "A")), house_price=300 * WAN)
    assert [(f.funder, f.amount) for f in amount.funders] == [
        ("区级财政", 120 * WAN),
        ("用人单位", 120 * WAN),
    ]
    assert "由区级财政和用人单位各承担50%（各120万元）" in amount.note


def test_thirds_add_up_to_the_total_exactly(benefits):
    amount = compute(benefits("benefit:xs-home-1"), house_price=100 * WAN)  # 50% of 100万 = 50万 < 60万
    assert amount.total == 50 * WAN
    assert len(amount.schedule) == 3
    assert round(sum(i.amount for i in amount.schedule), 2) == 50 * WAN


def test_yearly_amount_times_the_years_the_text_grants(benefits):
    amount = compute(benefits("benefit:xs-post-1"))  # 每年10万元，连续发放3年
    assert amount.total == 30 * WAN
    assert amount.periods == 3 and not amount.open_ended
    assert [i.amount for i in amount.schedule] == [10 * WAN] * 3
    assert "共3年，合计30万元" in amount.note


def test_yearly_amount_without_a_duration_stays_per_year(benefits):
    amount = compute(benefits(gd_benefit("post", "A")))  # 每年35万元, no years in the text
    assert amount.total == 35 * WAN
    assert amount.open_ended and amount.periods is None and amount.schedule == ()
    assert "文件未规定发放年限，金额按每年计" in amount.note


def test_range_uses_the_maximum(benefits):
    amount = compute(benefits("benefit:dc-flex-allowance"))  # 每人每年最低2万元，最高30万元
    assert amount.total == 30 * WAN
    assert "标准为2万元至30万元，按最高额计" in amount.note


def test_two_payments_are_worded_as_instalments_not_years(benefits):
    amount = compute(benefits("benefit:sz-training"))  # 签订后拨付50%，中期评估合格后拨付50%
    assert amount.total == 2000 * WAN
    assert [i.amount for i in amount.schedule] == [1000 * WAN, 1000 * WAN]
    assert "分2期支付" in amount.note


def test_monthly_amounts_are_given_per_year():
    benefit = Benefit(
        "b:m",
        "t",
        BenefitKind.LIVING_ALLOWANCE,
        "生活补助",
        "每人每月1000元",
        "p",
        amount_max=1000,
        period=Period.MONTHLY,
    )
    amount = compute(benefit)
    assert amount.total == 12_000 and amount.open_ended
    assert "每月1000元，即每年1.2万元" in amount.note


def test_service_is_non_cash_and_unknown_amounts_stay_unknown(benefits):
    service = compute(benefits(gd_benefit("apartment", "B")))
    assert service.total == 0 and not service.cash
    unknown = compute(benefits("benefit:yn-team-training"))
    assert unknown.total is None and unknown.value == 0
    assert "文件未规定金额" in unknown.note


def test_recipient_is_said(benefits):
    amount = compute(benefits(gd_benefit("recruiter", "A")))
    assert amount.recipient is Recipient.RECRUITER
    assert "发放对象为引才单位或推荐方" in amount.note


def test_bad_house_price_is_refused(benefits):
    with pytest.raises(ValueError, match="house price"):
        compute(benefits(gd_benefit("housing", "A")), house_price=-1)


def test_cap_on_another_basis_ignores_the_house_price():
    """按不超过项目实际投入的50%，最高不超过150万元: the house price says nothing about it."""
    funding = Benefit(
        "benefit:x-project",
        "program:x/A",
        BenefitKind.PROJECT_FUNDING,
        "项目资助",
        "按不超过项目实际投入的50%给予资助，最高不超过150万元",
        "x/art_5",
        amount_max=150 * WAN,
        cap_ratio=0.5,
        cap_basis="项目实际投入",
    )
    amount = compute(funding, house_price=100 * WAN)
    assert amount.total == 150 * WAN and amount.ceiling == 150 * WAN and not amount.capped_by_price
    assert "最高不超过项目实际投入的50%" in amount.note and "购房总价" not in amount.note


def test_cap_on_the_house_price_by_its_basis():
    housing = Benefit(
        "benefit:x-home",
        "program:x/A",
        BenefitKind.HOUSING_SUBSIDY,
        "购房补贴",
        "给予最高30万元购房补贴，且不超过房屋总价的30%",
        "x/art_6",
        amount_max=30 * WAN,
        cap_ratio=0.3,
        cap_basis=HOUSE_PRICE,
    )
    assert compute(housing, house_price=50 * WAN).total == 15 * WAN  # min(0.3 × 50万, 30万)
