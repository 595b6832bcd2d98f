"""Numbers as policies write them: amounts (50万元, 0.5万元, 1000元/人, 三十万元), lists of
amounts (800万元、400万元、150万元), percentages (80%, 百分之二十, 三分之一), counts of years
(近五年, 分5年) and ages (55周岁以下). All amounts come back in yuan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.provisions import parse_number

CN_DIGITS = "零〇一二两三四五六七八九十百千"
NUMBER = rf"(?:\d+(?:\.\d+)?|[{CN_DIGITS}]+)"
_UNITS = {"亿元": 100_000_000, "万元": 10_000, "千元": 1_000, "元": 1}
_AMOUNT = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>亿元|万元|千元|元)")
# A bare number in a list whose last member carries the unit: 50、20、5万元.
_BARE_LIST = re.compile(rf"(?P<num>{NUMBER})\s*(?=[、，,和及与]\s*{NUMBER}\s*(?:亿元|万元|千元|元|[、，,和及与]))")
_LIST_JOINER = re.compile(r"^\s*(?:/\s*[人年月户个项次])*\s*(?:[、，,]|和|及|与|以及)\s*$")
_PERCENT = re.compile(rf"(?P<num>\d+(?:\.\d+)?)\s*[%％]|百分之(?P<cn>[{CN_DIGITS}]+)")
_FRACTION = re.compile(rf"(?P<den>[{CN_DIGITS}\d]+)分之(?P<num>[{CN_DIGITS}\d]+)")
_WITHIN_YEARS = re.compile(r"近\s*(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?:个)?(?:自然)?年")
_AGE = re.compile(
    rf"(?P<n>\d+|[{CN_DIGITS}]+)\s*周?岁\s*(?:（含）|\(含\))?\s*(?:及以下|以下|以内)"
    rf"|不(?:超过|满|高于|大于)\s*(?P<m>\d+|[{CN_DIGITS}]+)\s*周?岁"
)


@dataclass(frozen=True, slots=True)
class Money:
    yuan: float
    start: int
    end: int


def to_number(text: str) -> float | None:
    """12, 12.5, 十二 -> a number; None when it is not one."""
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        value = parse_number(text)
        return float(value) if value is not None else None


def to_int(text: str) -> int | None:
    value = to_number(text)
    return int(value) if value is not None and value == int(value) else None


def amounts(text: str) -> list[Money]:
    """Every amount of money in `text`, in order, in yuan; bare numbers listed before an amount
    (50、20、5万元) take its unit."""
    found: list[Money] = []
    for match in _AMOUNT.finditer(text):
        value = to_number(match.group("num"))
        if value is not None:
            found.append(Money(value * _UNITS[match.group("unit")], match.start(), match.end()))
    covered = [(m.start, m.end) for m in found]
    for match in _BARE_LIST.finditer(text):
        if any(a <= match.start() < b for a, b in covered):
            continue
        unit_holder = next((m for m in found if m.start > match.start()), None)
        value = to_number(match.group("num"))
        if unit_holder is None or value is None:
            continue
        unit = _AMOUNT.match(text, unit_holder.start)
        if unit is None or not _chained(text, match.end(), unit_holder.start):
            continue
        found.append(Money(value * _UNITS[unit.group("unit")], match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def _chained(text: str, start: int, end: int) -> bool:
    """Only list joiners and bare numbers lie between `start` and `end`."""
    between = re.sub(NUMBER, "", text[start:end])
    return all(ch in "、，,和及与 " for ch in between)


def amount_lists(text: str) -> list[list[Money]]:
    """Amounts grouped into the lists the text writes: 800万元、400万元、150万元 is one list of
    three; amounts separated by other words are lists of one."""
    lists: list[list[Money]] = []
    for money in amounts(text):
        if lists and _LIST_JOINER.match(text[lists[-1][-1].end : money.start]):
            lists[-1].append(money)
        else:
            lists.append([money])
    return lists


def percents(text: str) -> list[tuple[float, int, int]]:
    """(fraction, start, end) for 80%, 百分之二十 and 三分之一, in order."""
    found: list[tuple[float, int, int]] = []
    for match in _PERCENT.finditer(text):
        raw = match.group("num") or match.group("cn")
        value = to_number(raw)
        if value is not None:
            found.append((value / 100, match.start(), match.end()))
    for match in _FRACTION.finditer(text):
        numerator, denominator = to_number(match.group("num")), to_number(match.group("den"))
        if numerator and denominator:
            found.append((numerator / denominator, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def percent_lists(text: str) -> list[list[float]]:
    """Percentages grouped into written lists: 80%、50%、30% is one list of three."""
    lists: list[list[tuple[float, int, int]]] = []
    for item in percents(text):
        if lists and _LIST_JOINER.match(text[lists[-1][-1][2] : item[1]]):
            lists[-1].append(item)
        else:
            lists.append([item])
    return [[value for value, _, _ in group] for group in lists]


def within_years(text: str) -> int | None:
    """近五年 / 近3年 / 近两年内 -> the window in years."""
    match = _WITHIN_YEARS.search(text)
    return to_int(match.group("n")) if match else None


def age_limits(text: str) -> list[int]:
    """Upper age limits written in `text`: 55周岁以下, 40周岁及以下, 不超过65周岁, 男63周岁、女58周岁以下."""
    return [value for value, _, _ in age_spans(text)]


def age_spans(text: str) -> list[tuple[int, int, int]]:
    """(limit, start, end) of each upper age limit in `text`, in order."""
    found: list[tuple[int, int, int]] = []
    for match in _AGE.finditer(text):
        value = to_int(match.group("n") or match.group("m"))
        if value is not None:
            found.append((value, match.start(), match.end()))
    # 男63周岁、女58周岁以下: the first number shares the 以下 of the second.
    for match in _SHARED_AGE.finditer(text):
        value = int(match.group(1))
        if not any(start <= match.start(1) < end for _, start, end in found):
            found.append((value, match.start(1), match.end(1) + 2))
    return sorted(found, key=lambda item: item[1])


_SHARED_AGE = re.compile(r"(\d+)\s*周岁\s*[、，和及]\s*[男女]?\s*(?:性)?\s*\d+\s*周岁\s*(?:及以下|以下)")
