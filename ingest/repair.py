"""Repairs for texts converted from Word and PDF: conversion markers, page numbers, spacing,
punctuation, traditional characters, and sentences broken across lines.

Each function is pure and works on one line or a list of lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ingest.provisions import FULL_WIDTH_DIGITS, Line, is_instrument_title, match_marker

# --- markers and noise lines ----------------------------------------------------------------

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]", re.IGNORECASE)
_CHECKBOX = re.compile(r"<input\b[^<>]*\bcheckbox\b[^<>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:p|span|div|br|input|b|i|u|s|strong|em|font|a|td|tr|th|table|tbody|thead|li|ul|ol|h[1-6]|sup|sub)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~·\s]*\d{1,4}[-—–－~·\s]*"  # 3, - 3 -, —3—
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第3页, 第3页 共10页
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/10
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_DECORATION = re.compile(r"^[\s★☆●○■◆◇▲△▼▽※＊*·•…—–\-_=~#＃]+$")


def strip_markers(line: str) -> str:
    """Remove conversion markers: [bookmark: _GoBack], stray HTML tags (a checkbox becomes □)."""
    line = _BOOKMARK.sub("", line)
    line = _CHECKBOX.sub("□", line)
    return _HTML_TAG.sub("", line)


def is_page_number(line: str) -> bool:
    """A line that is only a page number: 3, - 3 -, 第3页, 第3页 共10页, 3/10."""
    line = line.strip()
    if not line or len(line) > 24:  # page-number lines are short; skip the rest cheaply
        return False
    return _PAGE_NUMBER.match(line.translate(FULL_WIDTH_DIGITS)) is not None


def is_decoration(line: str) -> bool:
    """A line of symbols only (★, ——, ***), left by the layout of the original."""
    return bool(line.strip()) and _DECORATION.match(line) is not None


# --- spacing, punctuation, characters -------------------------------------------------------

_WIDE = "\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’—…·"
_WIDE_CHAR = re.compile(f"[{_WIDE}]")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_SPACE_BESIDE_WIDE = re.compile(f"(?<=[{_WIDE}]) (?=\\S)|(?<=\\S) (?=[{_WIDE}])")


def normalize_spacing(line: str) -> str:
    """Collapse spaces (full-width ones too) and drop those beside Chinese characters, which
    conversions scatter through the text: "第一章 总  则" -> "第一章总则", "在 55 周岁" -> "在55周岁"."""
    line = _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()
    return _SPACE_BESIDE_WIDE.sub("", line)


def collapse_cells(line: str) -> str:
    """A line kept as written (a form row, or the original text of any line): cells (tabs) and
    runs of blanks become one space, invisible characters go, the ends are trimmed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_WIDTH = re.compile(r"[,;:!?()]")


def _wide(ch: str) -> bool:
    return bool(ch) and _WIDE_CHAR.match(ch) is not None


def normalize_punctuation(line: str) -> str:
    """Half-width punctuation beside Chinese characters to full-width: "(一)" -> "（一）",
    "工作,根据" -> "工作，根据"; "1:1" and "1,000" stay."""
    if _HALF_WIDTH.search(line) is None:
        return line
    chars = list(line)
    for i, ch in enumerate(chars):
        full = _HALF_TO_FULL.get(ch)
        if full is None:
            continue
        before = line[i - 1] if i > 0 else ""
        after = line[i + 1] if i + 1 < len(line) else ""
        if ch == ":":
            convert = _wide(before) or (_wide(after) and not before.isdigit())
        elif ch == ",":
            convert = (_wide(before) or _wide(after)) and not (before.isdigit() and after.isdigit())
        else:
            convert = _wide(before) or _wide(after)
        if convert:
            chars[i] = full
    return "".join(chars)


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def simplify(lines: Sequence[str]) -> list[str]:
    """Traditional characters to simplified (opencc t2s), one converter call for all lines."""
    if not lines:
        return []
    converted = _t2s().convert("\n".join(lines)).split("\n")
    if len(converted) != len(lines):  # never seen; convert line by line rather than misalign
        return [_t2s().convert(line) for line in lines]
    return converted


# --- sentences broken across lines ----------------------------------------------------------

SENTENCE_END = set("。；！？：…;!?:")
_QUOTE_CLOSERS = set("”’》〉」』\"'")
_GROUP_OPENERS = {"）": "（", ")": "(", "〕": "〔", "】": "【", "]": "["}
_CONTINUATION_START = set("的地得之、，。；：！？）》〉”’」』】〕,.;:!?)")
_CLAUSE = re.compile(r"[，。；：！？,;:!?]")
_PAIRS = (("（", "）"), ("(", ")"), ("《", "》"), ("〈", "〉"), ("“", "”"), ("〔", "〕"), ("【", "】"))


def ends_sentence(text: str) -> bool:
    """True when `text` ends a sentence: 。；！？： possibly followed by closing quotes, or by a
    parenthetical after a full stop ("…。（责任单位：区人社局）"), or is wholly parenthetical."""
    text = text.rstrip()
    while text:
        last = text[-1]
        if last in _QUOTE_CLOSERS:
            text = text[:-1].rstrip()
            continue
        if last in _GROUP_OPENERS:
            start = _matching_open(text)
            if start is None:
                text = text[:-1].rstrip()
                continue
            if start == 0:
                return True
            if text[start - 1] in SENTENCE_END:
                return True
            text = text[:start].rstrip()
            continue
        return last in SENTENCE_END
    return False


def _matching_open(text: str) -> int | None:
    closer = text[-1]
    opener = _GROUP_OPENERS[closer]
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch == closer or (closer in "）)" and ch in "）)"):
            depth += 1
        elif ch == opener or (opener in "（(" and ch in "（("):
            depth -= 1
            if depth == 0:
                return i
    return None


def unclosed(text: str, pairs=_PAIRS) -> bool:
    """True when a bracket or quote opened in `text` is not closed in it."""
    return any(text.count(open_) > text.count(close) for open_, close in pairs)


# A title's closing edition or status tag: （2024年版）, （2023年修订）, （试行）.
_EDITION_TAG = re.compile(r"[（(]\s*(?:\d{4}\s*年\s*(?:修订|修正)?\s*版?|试行|暂行|修订|修正|征求意见稿|送审稿|草案)\s*[）)]$")


def is_heading_line(text: str) -> bool:
    """A line that stands on its own although it has no full stop: a heading (起草背景, （一）
    基本条件), a title (…实施细则（试行）, …分类认定目录（2024年版）), a signature or date line."""
    marker = match_marker(text)
    body = marker.rest if marker is not None else text.strip()
    if _CLAUSE.search(body) or unclosed(body):
        return False
    return len(body) <= 20 or is_instrument_title(body) or _EDITION_TAG.search(body) is not None


def should_join(previous: Line, following: Line, across_blank: bool) -> bool:
    """Whether `following` continues the sentence `previous` left unfinished.

    A line that does not end a sentence and is not a heading joins the next non-blank line
    unless that line starts a structural unit. Without a blank line between them only an
    unclosed 《 title forces a join (the line break is then the converter's)."""
    if previous.verbatim or following.verbatim:
        return False
    before, after = previous.text.strip(), following.text.strip()
    if not before or not after or ends_sentence(before) or match_marker(after) is not None:
        return False
    if not across_blank:
        return unclosed(before, (("《", "》"), ("〈", "〉")))
    if after[0] in _CONTINUATION_START:
        return True
    return not is_heading_line(before)


_FRAGMENT = re.compile(r"^([^，、；。：\s]{1,4})[，、；]")


def repeated_fragment(previous: str, following: str) -> int:
    """Length of a fragment that `following` repeats from the end of `previous`.

    Converters sometimes cut a sentence and repeat its last characters on the next line:
    "…人才队伍建设。" / "设，努力取得…". The following line then starts with a short
    fragment and a comma, which no sentence does, and the fragment ends the previous line."""
    previous, following = previous.rstrip(), following.lstrip()
    if not previous or previous[-1] not in "。；！？" or match_marker(following) is not None:
        return 0
    m = _FRAGMENT.match(following)
    if m is None or not previous[:-1].endswith(m[1]):
        return 0
    return len(m[1])


def join_broken_lines(lines: Sequence[Line]) -> tuple[list[Line], list[str]]:
    """Logical lines: blank lines dropped, broken sentences rejoined, repeated fragments
    merged. Returns the lines and a warning for each merged fragment."""
    result: list[Line] = []
    warnings: list[str] = []
    across_blank = False
    for line in lines:
        if not line.text.strip():
            across_blank = True
            continue
        if result and not (result[-1].verbatim or line.verbatim):
            previous = result[-1]
            size = repeated_fragment(previous.text, line.text)
            if size:
                result[-1] = _merge_fragment(previous, line, size)
                warnings.append(
                    f"line {line.number}: “{line.text[:size]}” repeats the end of line {previous.number}; "
                    "the repeated fragment was merged"
                )
                across_blank = False
                continue
            if should_join(previous, line, across_blank):
                result[-1] = Line(previous.number, previous.text + line.text.strip(), previous.original + line.original.strip())
                across_blank = False
                continue
        result.append(line)
        across_blank = False
    return result, warnings


def _merge_fragment(previous: Line, following: Line, size: int) -> Line:
    text = previous.text.rstrip()[:-1] + following.text.lstrip()[size:]
    before, after = previous.original.rstrip(), following.original.lstrip()
    if before and before[-1] in "。；！？.;!?" and before[:-1].endswith(after[:size]):
        original = before[:-1] + after[size:]
    else:  # the source wording differs (traditional text): keep both parts whole
        original = before + after
    return Line(previous.number, text, original)
