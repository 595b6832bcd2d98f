"""How much a benefit pays, computed from its reading rather than copied.

- caps: 补贴最高不超过购房总价的80%，最高不超过800万元 -> min(0.8 × price, 8 000 000); without a
  price the cap still applies and the maximum is the ceiling; a cap on another basis (按不超过项目
  实际投入的50%) is stated, never computed from the house price;
- schedules: 分5年支付，每年支付20% -> five instalments of 20 %;
- periods: 每年35万元 × the years the text grants; where it grants none, the amount is per year
  and the note says so (a duration is never invented); 每月 amounts are also given per year;
- funders: 由区级财政和用人单位按照各50%保障 -> each funder's share of the total;
- ranges: 最低2万元，最高30万元 -> the maximum (what the package can at most pay).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphapi.domain.explain import RECIPIENT_NAMES, percent, sentences, yuan
from graphapi.domain.model import HOUSE_PRICE, Benefit, BenefitKind, Period, Recipient

_YEARLY_WORDING = re.compile(r"分\s*[\d一二三四五六七八九十]+\s*年|每年|逐年")


def instalment_unit(benefit: Benefit) -> str:
    """年 when the text pays by the year (分5年, 每年, 逐年), else 期 (签约时50%，中期评估后50%)."""
    return "年" if _YEARLY_WORDING.search(benefit.text or "") else "期"


@dataclass(frozen=True, slots=True)
class Installment:
    number: int  # 1-based
    share: float
    amount: float


@dataclass(frozen=True, slots=True)
class FunderAmount:
    funder: str
    share: float
    amount: float | None


@dataclass(frozen=True, slots=True)
class Amount:
    """A benefit's amount in yuan, and how it was reached (`note`, in Chinese).

    `total` is what the benefit pays over the periods the text grants; for a yearly (or
    monthly) benefit whose text gives no duration it is one year's amount and `open_ended`
    is set. None when the text states no amount. Non-cash benefits (`cash` False) are 0.
    """

    benefit_id: str
    total: float | None
    per_period: float | None
    period: Period
    periods: int | None  # how many periods are paid; None when open-ended
    open_ended: bool
    schedule: tuple[Installment, ...]
    schedule_unit: str  # 年 or 期, as the text words the instalments
    ceiling: float | None  # the cap in force (min of price share and maximum), when capped
    capped_by_price: bool  # the price share was lower than the maximum
    funders: tuple[FunderAmount, ...]
    recipient: Recipient
    cash: bool
    note: str

    @property
    def value(self) -> float:
        """The amount to compare and add up: `total`, 0 when unknown or non-cash."""
        return self.total or 0.0


def _split(total: float, shares: list[float]) -> list[float]:
    """Amounts for each share, rounded to the fen, the last absorbing the rounding."""
    amounts = [round(total * share, 2) for share in shares]
    if amounts and abs(sum(shares) - 1) < 1e-9:
        amounts[-1] = round(total - sum(amounts[:-1]), 2)
    return amounts


def compute(benefit: Benefit, house_price: float | None = None) -> Amount:
    """The amount of `benefit`, capped by `house_price` where the benefit has a cap ratio."""
    if house_price is not None and house_price <= 0:
        raise ValueError(f"house price must be positive, got {house_price}")
    if benefit.kind is BenefitKind.SERVICE:
        return Amount(
            benefit.id,
            0.0,
            0.0,
            benefit.period,
            None,
            False,
            (),
            "期",
            None,
            False,
            (),
            benefit.recipient,
            False,
            "非现金待遇（服务保障），不计金额。",
        )

    notes: list[str] = []
    per_period = benefit.amount_max
    if benefit.amount_min is not None and per_period is not None and benefit.amount_min < per_period:
        notes.append(f"标准为{yuan(benefit.amount_min)}至{yuan(per_period)}，按最高额计")

    ceiling: float | None = None
    capped_by_price = False
    if benefit.cap_ratio is not None and benefit.cap_basis not in (None, HOUSE_PRICE):
        # 按不超过项目实际投入的50%: the profile has no such figure, so the maximum is the ceiling
        limit = f"最高不超过{benefit.cap_basis}的{percent(benefit.cap_ratio)}"
        if per_period is not None:
            ceiling = per_period
            notes.append(f"{limit}且不超过{yuan(per_period)}，按最高额计")
        else:
            notes.append(f"{limit}，无法计算金额")
    elif benefit.cap_ratio is not None:
        limit = f"最高不超过购房总价的{percent(benefit.cap_ratio)}"
        if per_period is not None:
            limit += f"且不超过{yuan(per_period)}"
        if house_price is not None:
            price_share = round(benefit.cap_ratio * house_price, 2)
            ceiling = price_share if per_period is None else min(price_share, per_period)
            capped_by_price = per_period is None or price_share < per_period
            notes.append(
                f"{limit}；按购房总价{yuan(house_price)}计，{percent(benefit.cap_ratio)}为"
                f"{yuan(price_share)}，应发{yuan(ceiling)}"
            )
            per_period = ceiling
        elif per_period is not None:
            ceiling = per_period
            notes.append(f"{limit}；未提供购房总价，按最高额{yuan(per_period)}计")
        else:
            notes.append(f"{limit}；未提供购房总价，无法计算金额")

    if per_period is None:
        notes.append("文件未规定金额")
        return Amount(
            benefit.id,
            None,
            None,
            benefit.period,
            None,
            False,
            (),
            "期",
            ceiling,
            capped_by_price,
            tuple(FunderAmount(f.funder, f.share, None) for f in benefit.funders),
            benefit.recipient,
            True,
            sentences(notes),
        )

    unit = instalment_unit(benefit)
    open_ended = False
    periods: int | None
    schedule: tuple[Installment, ...]
    if benefit.period is Period.ONE_OFF:
        total, periods = per_period, 1
        schedule = _instalments(benefit, total, notes, unit)
    else:
        per_year = per_period * 12 if benefit.period is Period.MONTHLY else per_period
        if benefit.period is Period.MONTHLY:
            notes.append(f"每月{yuan(per_period)}，即每年{yuan(per_year)}")
        if benefit.years:
            total, periods, unit = per_year * benefit.years, benefit.years, "年"
            schedule = tuple(Installment(n, 1 / benefit.years, per_year) for n in range(1, benefit.years + 1))
            notes.append(f"每年{yuan(per_year)}，共{benefit.years}年，合计{yuan(total)}")
        else:
            total, periods, open_ended, schedule = per_year, None, True, ()
            notes.append(f"每年{yuan(per_year)}；文件未规定发放年限，金额按每年计")

    if not notes:
        notes.append(f"金额为{yuan(total)}")
    funders = _funders(benefit, total, notes, open_ended)
    if benefit.recipient is not Recipient.PERSON:
        notes.append(f"发放对象为{RECIPIENT_NAMES[benefit.recipient]}")
    return Amount(
        benefit.id,
        total,
        per_period,
        benefit.period,
        periods,
        open_ended,
        schedule,
        unit,
        ceiling,
        capped_by_price,
        funders,
        benefit.recipient,
        True,
        sentences(notes),
    )


def _instalments(benefit: Benefit, total: float, notes: list[str], unit: str) -> tuple[Installment, ...]:
    count, share = benefit.installments, benefit.installment_share
    if count is None and share:
        count = round(1 / share)
    if count is None or count <= 1:
        return (Installment(1, 1.0, total),)
    shares = [share or 1 / count] * count
    amounts = _split(total, shares)
    each = f"，每{unit}支付{percent(shares[0])}（{yuan(amounts[0])}）" if len(set(amounts)) == 1 else ""
    notes.append(f"分{count}{unit}支付{each}")
    if abs(sum(shares) - 1) > 1e-9:
        notes.append(f"各{unit}比例合计{percent(sum(shares))}，与总额不一致，按文件比例计")
    return tuple(Installment(n, s, a) for n, (s, a) in enumerate(zip(shares, amounts, strict=True), 1))


def _funders(benefit: Benefit, total: float, notes: list[str], open_ended: bool) -> tuple[FunderAmount, ...]:
    if not benefit.funders:
        return ()
    amounts = _split(total, [f.share for f in benefit.funders])
    per = "每年" if open_ended else ""
    shares = {f.share for f in benefit.funders}
    if len(shares) == 1 and len(benefit.funders) > 1:
        names = "和".join(f.funder for f in benefit.funders)
        notes.append(f"由{names}各承担{percent(benefit.funders[0].share)}（{per}各{yuan(amounts[0])}）")
    else:
        parts = [
            f"{f.funder}承担{percent(f.share)}（{per}{yuan(a)}）"
            for f, a in zip(benefit.funders, amounts, strict=True)
        ]
        notes.append("由" + "、".join(parts))
    return tuple(FunderAmount(f.funder, f.share, a) for f, a in zip(benefit.funders, amounts, strict=True))
