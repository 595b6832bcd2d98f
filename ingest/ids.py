"""Stable, readable ids built from what a document says, never from where its file lies.

A policy id joins the region code (pinyin initials of the region name without its suffix:
官渡区 -> gd), the year (issue date or 文号) and a slug of pinyin initials of the title's
distinctive part: 云南省千人计划“高层次人才”专项实施细则（试行）, 2018 -> yn-2018-qrjhgccrc.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from graphapi.domain.regions import RegionTree, default_regions
from ingest.metadata import doc_number_year, doc_numbers_in, normalize_title, region_of

SLUG_LIMIT = 20
"""Longer slugs keep their first 16 and last 4 letters (the end names the genre: 通知, 说明)."""

_REGION_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|自治旗|省|市|区|县|州|盟|旗)$")
_AREA_WORDS = ("自由贸易试验区", "自贸试验区", "经济技术开发区", "高新技术产业开发区", "开发区", "高新区", "新区", "试验区", "示范区", "片区")
_WRAPPER_SUFFIXES = (
    "的通知", "通知", "实施办法", "实施细则", "实施意见", "实施方案", "管理办法", "办法", "细则", "意见",
    "规定", "方案", "若干措施", "措施", "若干政策", "专项", "的",
)
_GROUP = re.compile(r"[（(][^（）()]*[）)]")
_QUOTES = re.compile(r"[《》〈〉“”‘’\"'「」『』]")


def initials(text: str) -> str:
    """Pinyin initials of the Chinese characters, ASCII letters and digits kept, lowercase."""
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda chars: [c for c in chars if c.isascii() and c.isalnum()])
    return "".join(letters).lower()


def region_code(name: str, regions: RegionTree | None = None) -> str:
    """gd for 官渡区, yn for 云南省, hh for 红河哈尼族彝族自治州 (via its alias 红河州)."""
    regions = regions or default_regions()
    region = regions.find(name)
    candidates = [name, *(region.aliases if region else ())]
    plain = next((c for c in candidates if "族" not in c and len(c) >= 2), name)
    base = _REGION_SUFFIX.sub("", plain) or plain
    return initials(base)


@cache
def _region_names() -> tuple[str, ...]:
    names = {n for region in default_regions() for n in (region.name, *region.aliases) if len(n) >= 2}
    return tuple(sorted(names, key=len, reverse=True))


def distinctive_part(title: str) -> str:
    """The words that tell a title apart: no issuer or region prefix, no 关于/印发 wrapper,
    no （试行）, no 实施办法/细则/专项 ending; a notice keeps its 通知."""
    text = _QUOTES.sub("", normalize_title(title))
    is_notice = text.endswith("通知")
    for wrapper in ("关于", "印发", "转发"):
        if wrapper in text:
            text = text[text.index(wrapper) + len(wrapper) :]
            break
    text = text.replace("印发", "").replace("转发", "")
    while (stripped := _GROUP.sub("", text)) != text:
        text = stripped
    for name in _region_names():
        text = text.replace(name, "")
    for word in _AREA_WORDS:
        text = text.replace(word, "")
    changed = True
    while changed:
        changed = False
        for suffix in _WRAPPER_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                changed = True
    return text + ("通知" if is_notice else "")


def title_slug(title: str) -> str:
    slug = initials(distinctive_part(title)) or initials(title)
    return slug if len(slug) <= SLUG_LIMIT else slug[:16] + slug[-4:]


def policy_id(title: str, region: str | None, year: int | None) -> str:
    """e.g. yn-2018-qrjhgccrc; a region-less, undated document gets only its slug."""
    parts = [region_code(region) if region else None, str(year) if year else None, title_slug(title) or "policy"]
    return "-".join(part for part in parts if part)


def reference_target_id(title: str | None, doc_number: str | None) -> str:
    """The id a cited document gets as a placeholder: the policy id its title, region and
    文号 year give, or, cited by 文号 alone, e.g. kkg-2019-2 for 昆科规〔2019〕2号."""
    if title:
        region = region_of(default_regions(), normalize_title(title))
        return policy_id(title, region.name if region else None, doc_number_year(doc_number))
    if doc_number:
        numbers = doc_numbers_in(doc_number)
        if numbers:
            m = re.match(r"^(.*?)(?:〔(\d{4})〕|第)(\d+)号$", numbers[0].text)
            if m:
                return "-".join(part for part in (initials(m[1]), m[2], m[3]) if part)
        return initials(doc_number) or "document"
    raise ValueError("a reference needs a title or a doc number")


def unique(ids: Iterable[str]) -> list[str]:
    """The ids in order, a repeated one suffixed -2, -3, … deterministically."""
    seen: dict[str, int] = {}
    result: list[str] = []
    taken = set()
    for id_ in ids:
        candidate = id_
        count = seen.get(id_, 1)
        while candidate in taken:
            count += 1
            candidate = f"{id_}-{count}"
        seen[id_] = count
        taken.add(candidate)
        result.append(candidate)
    return result
