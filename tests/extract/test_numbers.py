"""Numbers as policies write them: amounts in yuan, lists, percentages, windows and ages."""

from __future__ import annotations

import pytest

from ingest.facts import numbers


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("给予100万元", [1_000_000]),
        ("给予0.5万元的一次性补助", [5_000]),
        ("每人每月1000元", [1_000]),
        ("最高三十万元", [300_000]),
        ("总额2亿元", [200_000_000]),
        ("分别给予50、20、5万元", [500_000, 200_000, 50_000]),
    ],
)
def test_amounts_are_in_yuan(text, yuan):
    assert [m.yuan for m in numbers.amounts(text)] == yuan


def test_amount_lists_keep_written_lists_together():
    text = "按20万元/人、10万元/人、5万元/人的标准给予一次性奖励，最高不超过30万元"
    assert [[m.yuan for m in lst] for lst in numbers.amount_lists(text)] == [[200_000, 100_000, 50_000], [300_000]]


def test_percentages_lists_and_fractions():
    assert numbers.percent_lists("不超过购房总价的80%、50%、30%，每年支付20%") == [[0.8, 0.5, 0.3], [0.2]]
    assert numbers.percents("每年发放三分之一")[0][0] == pytest.approx(1 / 3)
    assert numbers.percents("百分之二十")[0][0] == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        ("年龄一般在55周岁以下", [55]),
        ("一般年龄不超过65周岁", [65]),
        ("引进40周岁及以下博士", [40]),
        ("男63周岁、女58周岁以下", [58, 63]),
        ("年龄可放宽至50周岁", []),  # a relaxation, not a limit
    ],
)
def test_age_limits(text, limits):
    assert sorted(numbers.age_limits(text)) == sorted(limits)


@pytest.mark.parametrize(("text", "years"), [("近五年曾担任", 5), ("近两年内取得", 2), ("近3年", 3), ("近三年（自然年）", 3), ("五年内", None)])
def test_windows(text, years):
    assert numbers.within_years(text) == years
