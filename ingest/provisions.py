"""Numbering markers of policy texts and the provision tree built from them.

Two numbering systems meet in talent policies. 立法法 numbering: 编/章/节 (chapters) and 条
(articles, 第X条) have a fixed rank, 款 (paragraphs) are unnumbered. Policy-style lists —
一、 sections, （一） items, 1. sub-items, （1） points — nest by order of appearance: a style
seen for the first time nests under the open unit, a style already open closes the deeper ones.
附件 (annexes) stand beside the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from graphapi.domain.model import Provision, ProvisionKind

# --- numerals -------------------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@lru_cache(maxsize=4096)
def parse_number(numeral: str) -> int | None:
    """12 for "12", "１２", "十二"; 2022 for "二〇二二"; None when it is not a numeral."""
    numeral = numeral.strip().translate(FULL_WIDTH_DIGITS)
    if not numeral:
        return None
    if numeral.isascii() and numeral.isdigit():
        return int(numeral)
    if not any(ch in _CN_UNITS for ch in numeral):  # positional: 二〇二二
        digits = [_CN_DIGITS.get(ch) for ch in numeral]
        return None if None in digits else int("".join(str(d) for d in digits))
    total, current = 0, 0
    for ch in numeral:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


# --- markers --------------------------------------------------------------------------------

CN_NUMERALS = "零〇○一二三四五六七八九十百千两"
_NUM = rf"[{CN_NUMERALS}0-9０-９]+"
_CHAPTER = re.compile(rf"^第\s*({_NUM})\s*([编編章节節])\s*(.*)$")
_ARTICLE = re.compile(rf"^第\s*({_NUM})\s*[条條]\s*(.*)$")
_SECTION = re.compile(rf"^([{CN_NUMERALS}]{{1,4}})\s*[、.．]\s*(.*)$")
_ITEM = re.compile(rf"^[（(]\s*([{CN_NUMERALS}]{{1,4}})\s*[）)]\s*(.*)$")
_POINT = re.compile(r"^[（(]\s*([0-9０-９]{1,3})\s*[）)]\s*(.*)$")
_SUBITEM = re.compile(r"^([0-9０-９]{1,3})\s*([.．、])(?![0-9０-９])\s*(.*)$")
_CIRCLED = re.compile(r"^([①-⑳])\s*(.*)$")
_ANNEX = re.compile(r"^附\s*件(?=$|[\s　：:0-9０-９一二三四五六七八九十])\s*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})?\s*[：:]?\s*(.*)$")

# Text right after "第X条"/"第X章" that shows a cross-reference, not a heading: 第五条规定的…
_REFERENCE_AFTER_LABEL = re.compile(rf"^(规定|所列|所称|所述|所指|的|之|第{_NUM}[款项条章节]|[、，,]|[和或及与至]第)")

_CHAPTER_STYLES = {"编": "part", "編": "part", "章": "chapter", "节": "subchapter", "節": "subchapter"}

FIXED_RANK = {"annex": 0, "part": 1, "chapter": 2, "subchapter": 3, "article": 4}
"""立法法 levels; a unit of one of these styles closes every open unit of equal or lower rank."""

SEGMENT = {
    ProvisionKind.CHAPTER: "chp",
    ProvisionKind.SECTION: "sec",
    ProvisionKind.ARTICLE: "art",
    ProvisionKind.PARAGRAPH: "para",
    ProvisionKind.ITEM: "item",
    ProvisionKind.SUBITEM: "subitem",
    ProvisionKind.POINT: "point",
    ProvisionKind.ANNEX: "annex",
}


@dataclass(frozen=True, slots=True)
class Marker:
    """The numbering label at the start of a line and the text after it."""

    kind: ProvisionKind
    style: str  # chapter, article, section, item, subitem, point, circled, annex, …
    label: str  # 第十一条, （一）, 1., 一、, 附件1
    number: int | None
    rest: str


@lru_cache(maxsize=8192)  # every stage asks about the same lines; markers are immutable
def match_marker(text: str) -> Marker | None:
    """The structural label starting `text` (full-width or half-width, simplified or
    traditional), or None for an unnumbered line."""
    text = text.strip()
    if not text:
        return None
    first = text[0]
    if first == "第":
        return _chapter_or_article(text)
    if first in "（(":
        if m := _ITEM.match(text):
            return Marker(ProvisionKind.ITEM, "item", f"（{m[1]}）", parse_number(m[1]), m[2].strip())
        if m := _POINT.match(text):
            return Marker(ProvisionKind.POINT, "point", f"（{m[1]}）", parse_number(m[1]), m[2].strip())
        return None
    if first == "附":
        if m := _ANNEX.match(text):
            number = parse_number(m[1]) if m[1] else None
            return Marker(ProvisionKind.ANNEX, "annex", "附件" + (m[1] or ""), number, m[2].strip())
        return None
    if first in "0123456789０１２３４５６７８９":
        if m := _SUBITEM.match(text):
            return Marker(ProvisionKind.SUBITEM, "subitem", m[1] + m[2], parse_number(m[1]), m[3].strip())
        return None
    if first in CN_NUMERALS:
        if m := _SECTION.match(text):
            return Marker(ProvisionKind.SECTION, "section", f"{m[1]}、", parse_number(m[1]), m[2].strip())
        return None
    if m := _CIRCLED.match(text):
        return Marker(ProvisionKind.POINT, "circled", m[1], ord(m[1]) - ord("①") + 1, m[2].strip())
    return None


def _chapter_or_article(text: str) -> Marker | None:
    if m := _ARTICLE.match(text):
        rest = m[2].strip()
        if _REFERENCE_AFTER_LABEL.match(rest):
            return None
        numeral = re.sub(r"\s", "", m[1])
        return Marker(ProvisionKind.ARTICLE, "article", f"第{numeral}条", parse_number(numeral), rest)
    if m := _CHAPTER.match(text):
        rest = m[3].strip()
        # A chapter line is a heading; a sentence that starts with 第三章 is not one.
        if _REFERENCE_AFTER_LABEL.match(rest) or "。" in rest or len(rest) > 40:
            return None
        numeral = re.sub(r"\s", "", m[1])
        unit = {"編": "编", "節": "节"}.get(m[2], m[2])
        return Marker(ProvisionKind.CHAPTER, _CHAPTER_STYLES[m[2]], f"第{numeral}{unit}", parse_number(numeral), rest)
    return None


def is_title_text(text: str, max_length: int = 30) -> bool:
    """A short line that names its unit rather than saying something: 总则, 基本条件,
    A类（国际顶尖人才）. Paragraphs under such a unit are numbered from 1."""
    text = text.strip()
    return 0 < len(text) <= max_length and "。" not in text and not text.endswith(tuple("；：，、;:,"))


_INSTRUMENT_TITLE = re.compile(
    r"(办法|细则|意见|规定|条例|方案|决定|规则|措施|通知|通告|公告|规划|纲要|指引|指南|政策|制度|说明|决议)"
    r"(（(试行|暂行|修订|修正|征求意见稿|送审稿|草案)）)*$"
)
_CLAUSE_PUNCTUATION = re.compile(r"[，。；：！？,;:!?]")


def is_instrument_title(text: str) -> bool:
    """A line that names an instrument: ends with 办法/细则/意见/… (optionally （试行）) and is
    not a sentence."""
    text = text.strip()
    return (
        6 <= len(text) <= 80
        and _INSTRUMENT_TITLE.search(text) is not None
        and _CLAUSE_PUNCTUATION.search(text) is None
        and match_marker(text) is None
    )


def starts_first_unit(text: str) -> bool:
    """第一条, 第一章 or 一、: where the body of an instrument begins."""
    marker = match_marker(text)
    return (
        marker is not None
        and marker.number == 1
        and marker.style in {"article", "chapter", "part", "section"}
    )


# --- lines ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One logical line of a document: `text` is repaired, simplified and punctuated;
    `original` is repaired but keeps the source's characters. `verbatim` lines (form
    annexes) are kept as written, never joined or structured."""

    number: int  # 1-based line number in the source
    text: str
    original: str
    verbatim: bool = False


_FORM_TITLE = re.compile(
    r"(申报书|申请书|承诺书|任务书|协议书|合同书|登记表|申请表|推荐表|审批表|汇总表|一览表|情况表|信息表|统计表|样表|表格|表)"
    r"(（[^（）]*）)?$"
)
_TABLE_CELL = re.compile(r"\t|_{3,}|□|☐|<input")


def is_table_line(text: str) -> bool:
    return _TABLE_CELL.search(text) is not None


def mark_form_annexes(lines: Sequence[Line]) -> list[Line]:
    """Flag the body of each form annex (申报书, 登记表, or mostly table rows) verbatim.

    Forms are kept as paragraphs line by line: their numbering (一、基本情况, 1. 团队名称)
    labels fields, not provisions."""
    result = list(lines)
    lists = _attachment_lists(result)
    annexes = [i for i, line in enumerate(result) if _is_annex_line(line) and i not in lists]
    for position, start in enumerate(annexes):
        end = annexes[position + 1] if position + 1 < len(annexes) else len(result)
        end = min(end, _next_instrument(result, start + 1, end))
        marker = match_marker(result[start].text)
        assert marker is not None
        body_start = start + 1
        title = marker.rest
        if not title:
            title_at = _next_non_blank(result, start + 1, end)
            if title_at is not None:
                title = result[title_at].text.strip()
                body_start = title_at + 1
        body = [line for line in result[body_start:end] if line.text.strip()]
        tables = sum(1 for line in body if is_table_line(line.text))
        if _FORM_TITLE.search(title) or (body and tables >= 0.3 * len(body)):
            for i in range(body_start, end):
                result[i] = replace(result[i], verbatim=True)
    return result


def _is_annex_line(line: Line) -> bool:
    marker = match_marker(line.text)
    return marker is not None and marker.kind is ProvisionKind.ANNEX


def _next_non_blank(lines: Sequence[Line], start: int, end: int) -> int | None:
    for i in range(start, end):
        if lines[i].text.strip():
            return i
    return None


def _next_instrument(lines: Sequence[Line], start: int, end: int) -> int:
    for i in range(start, end):
        if is_instrument_title(lines[i].text):
            following = _next_non_blank(lines, i + 1, end)
            if following is not None and starts_first_unit(lines[following].text):
                return i
    return end


# --- the provision tree ---------------------------------------------------------------------

_NOTE = re.compile(r"^(注|备注|说明)\s*[：:]")


@dataclass(slots=True)
class _Node:
    kind: ProvisionKind
    style: str
    label: str | None
    number: int | None
    path: str
    text: str
    original: str
    heading: str | None
    parent: _Node | None
    ordinal: int
    line: int
    next_paragraph: int = 1
    used_segments: set[str] = field(default_factory=set)


@dataclass(slots=True)
class ProvisionTree:
    provisions: list[Provision]
    warnings: list[str]
    annex_titles: list[str]


def build_provisions(lines: Sequence[Line], policy_id: str) -> ProvisionTree:
    """The provisions of one policy from its body lines, in document order."""
    return _Builder(policy_id).build(lines)


class _Builder:
    def __init__(self, policy_id: str) -> None:
        self.policy_id = policy_id
        self.nodes: list[_Node] = []
        self.stack: list[_Node] = []
        self.root_segments: set[str] = set()
        self.root_next_paragraph = 1
        self.warnings: list[str] = []

    def build(self, lines: Sequence[Line]) -> ProvisionTree:
        lists = _attachment_lists(lines)
        skip: set[int] = set()
        in_attachment_list = False
        for index, line in enumerate(lines):
            if index in skip or not line.text.strip():
                continue
            if line.verbatim:
                self._paragraph(line, self._annex_or_top())
                continue
            marker = match_marker(line.text)
            if in_attachment_list and marker is not None and marker.kind is ProvisionKind.SUBITEM:
                self._paragraph(line, None)
                continue
            in_attachment_list = False
            if marker is None:
                if _NOTE.match(line.text):  # 注：… speaks for the whole annex or article
                    self._close_lists()
                self._paragraph(line, self.stack[-1] if self.stack else None)
            elif marker.kind is ProvisionKind.ANNEX and index in lists:
                self.stack.clear()
                self._paragraph(line, None)
                in_attachment_list = True
            else:
                title_at = self._title_line(lines, index, marker)
                if title_at is not None:
                    skip.add(title_at)
                self._unit(line, marker, lines[title_at] if title_at is not None else None)
        self._check_numbering()
        annex_titles = [node.heading for node in self.nodes if node.kind is ProvisionKind.ANNEX and node.heading]
        return ProvisionTree(self._provisions(), self.warnings, annex_titles)

    # units

    def _unit(self, line: Line, marker: Marker, title_line: Line | None) -> None:
        rank = FIXED_RANK.get(marker.style)
        if rank is not None:
            while self.stack and FIXED_RANK.get(self.stack[-1].style, 99) >= rank:
                self.stack.pop()
        else:
            for depth in range(len(self.stack) - 1, -1, -1):
                open_style = self.stack[depth].style
                if open_style in FIXED_RANK:
                    break
                if open_style == marker.style:
                    del self.stack[depth:]
                    break
        parent = self.stack[-1] if self.stack else None
        original_marker = match_marker(line.original)
        text, original = marker.rest, original_marker.rest if original_marker else line.original.strip()
        if title_line is not None:
            text, original = title_line.text.strip(), title_line.original.strip()
        titled = marker.kind in {ProvisionKind.CHAPTER, ProvisionKind.ANNEX} or is_title_text(text)
        heading = text if titled and text else None
        node = self._add(marker.kind, marker.style, marker.label, marker.number, text, original, heading, parent, line.number)
        # 款 numbering: the unit's own text is its first paragraph unless it is only a title.
        node.next_paragraph = 1 if heading is not None or not text else 2
        self.stack.append(node)

    def _title_line(self, lines: Sequence[Line], index: int, marker: Marker) -> int | None:
        """A chapter or annex whose label stands alone takes its title from the next line."""
        if marker.rest or marker.kind not in {ProvisionKind.CHAPTER, ProvisionKind.ANNEX}:
            return None
        following = _next_non_blank(lines, index + 1, len(lines))
        if following is None:
            return None
        candidate = lines[following]
        limit = 20 if marker.kind is ProvisionKind.CHAPTER else 60
        if match_marker(candidate.text) is None and is_title_text(candidate.text, limit):
            return following
        return None

    def _paragraph(self, line: Line, parent: _Node | None) -> None:
        text, original = line.text.strip(), line.original.strip()
        if parent is not None and not parent.text:  # a label standing alone: 第六条 / text
            parent.text, parent.original = text, original
            parent.next_paragraph = 2
            return
        if parent is None:
            number = self.root_next_paragraph
            self.root_next_paragraph += 1
        else:
            number = parent.next_paragraph
            parent.next_paragraph += 1
        self._add(ProvisionKind.PARAGRAPH, "paragraph", None, number, text, original, None, parent, line.number)

    def _close_lists(self) -> None:
        while self.stack and self.stack[-1].style not in FIXED_RANK:
            self.stack.pop()

    def _annex_or_top(self) -> _Node | None:
        for node in reversed(self.stack):
            if node.kind is ProvisionKind.ANNEX:
                return node
        return self.stack[-1] if self.stack else None

    def _add(self, kind, style, label, number, text, original, heading, parent, line_number) -> _Node:
        used = parent.used_segments if parent is not None else self.root_segments
        name = SEGMENT[kind]
        if number is None:  # an unnumbered annex counts among its siblings
            number_in_path = sum(1 for s in used if s.startswith(name + "_")) + 1
        else:
            number_in_path = number
        base = segment = f"{name}_{number_in_path}"
        copy = 1
        while segment in used:  # duplicated numbers (two 第五条) still get distinct ids
            copy += 1
            segment = f"{base}-{copy}"
        used.add(segment)
        path = f"{parent.path}__{segment}" if parent is not None else segment
        node = _Node(kind, style, label, number, path, text, original, heading, parent, len(self.nodes), line_number)
        self.nodes.append(node)
        return node

    # checks

    def _check_numbering(self) -> None:
        articles = [node for node in self.nodes if node.kind is ProvisionKind.ARTICLE]
        self._check_sequence(articles, "article")
        chapters_by_parent: dict[int, list[_Node]] = {}
        for node in self.nodes:
            if node.kind is ProvisionKind.CHAPTER:
                chapters_by_parent.setdefault(id(node.parent), []).append(node)
        for chapters in chapters_by_parent.values():
            self._check_sequence(chapters, "chapter")

    def _check_sequence(self, nodes: Iterable[_Node], what: str) -> None:
        previous: _Node | None = None
        for node in nodes:
            if node.number is None:
                continue
            expected = previous.number + 1 if previous is not None and previous.number is not None else 1
            if node.number == expected:
                pass
            elif previous is not None and node.number == previous.number:
                self.warnings.append(
                    f"{what} {node.label} appears twice (lines {previous.line} and {node.line}); both are kept"
                )
            elif node.number > expected:
                missing = expected if node.number == expected + 1 else f"{expected}–{node.number - 1}"
                self.warnings.append(
                    f"{what} numbering skips from {previous.label if previous else 'the start'} to "
                    f"{node.label} at line {node.line} (number {missing} missing)"
                )
            else:
                self.warnings.append(
                    f"{what} {node.label} at line {node.line} comes after {previous.label if previous else ''}: "
                    "numbers go backwards"
                )
            previous = node

    # output

    def _provisions(self) -> list[Provision]:
        return [
            Provision(
                id=f"{self.policy_id}/{node.path}",
                policy_id=self.policy_id,
                kind=node.kind,
                label=node.label,
                number=node.number,
                text=node.text,
                original_text=node.original,
                ordinal=node.ordinal,
                parent_id=f"{self.policy_id}/{node.parent.path}" if node.parent is not None else None,
                heading=node.heading,
            )
            for node in self.nodes
        ]


def _attachment_lists(lines: Sequence[Line]) -> set[int]:
    """Annex lines that only list the attachments (附件：官渡…目录) because the annex itself,
    with the same number, comes later."""
    annexes: list[tuple[int, Marker]] = []
    for index, line in enumerate(lines):
        if line.verbatim:
            continue
        marker = match_marker(line.text)
        if marker is not None and marker.kind is ProvisionKind.ANNEX:
            annexes.append((index, marker))
    lists: set[int] = set()
    for position, (index, marker) in enumerate(annexes):
        if not marker.rest:
            continue
        if re.match(r"^1\s*[.．、]", marker.rest) or any(later.number == marker.number for _, later in annexes[position + 1 :]):
            lists.add(index)
    return lists
