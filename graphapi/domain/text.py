"""Text normalisation for comparing names: one key function used wherever two names meet.

`normalize("“長江學者”特聘教授")` and `normalize("长江学者特聘教授")` give the same key: the text is
converted to simplified script (OpenCC t2s), width-folded (NFKC: full-width Ａ（） become A() ),
case-folded, stripped of quotes, book-title marks, parentheses and whitespace, and its
square brackets folded to one kind (〔2018〕, 【2018】, ［2018］ all become [2018]).

`normalize_with_offsets` returns, with the key, where each of its characters came from in the
input, so that a match found in the key can be cited in the original text.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import opencc

# Removed from keys: they decorate a name without changing what it names. Half-width forms
# are listed because NFKC runs first (（ -> ( , ＂ -> ").
_DROPPED = frozenset(
    "\"'“”‘’「」『』《》〈〉()（）"  # quotes, book-title marks, parentheses (content kept)
    "·•・"  # middle dots
)
# 〔〕 (doc numbers, 云党人才〔2018〕4号) and 【】 fold to the ASCII pair NFKC makes of ［］.
_BRACKETS = {"〔": "[", "〕": "]", "【": "[", "】": "]", "〖": "[", "〗": "]"}


@cache
def _converter() -> opencc.OpenCC:
    # Built once per process: every call site shares it.
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese (OpenCC t2s); other characters are left alone."""
    return _converter().convert(text)


def normalize(text: str) -> str:
    """The comparison key of a name (see the module docstring)."""
    return normalize_with_offsets(text)[0]


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The key of `text` and, for each character of the key, its index in `text`."""
    # NFKC first (width, compatibility ideographs), character by character to keep offsets.
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKC", char).casefold():
            folded.append(part)
            origins.append(index)
    width_folded = "".join(folded)
    simplified = to_simplified(width_folded)
    if len(simplified) != len(width_folded):
        # OpenCC converts phrase by phrase; should a phrase ever change length, convert
        # character by character instead so that offsets stay exact.
        simplified = "".join(_simplified_char(char) for char in width_folded)
    key: list[str] = []
    offsets: list[int] = []
    for char, origin in zip(simplified, origins, strict=True):
        char = _BRACKETS.get(char, char)
        if char in _DROPPED or char.isspace():
            continue
        key.append(char)
        offsets.append(origin)
    return "".join(key), offsets


def _simplified_char(char: str) -> str:
    converted = to_simplified(char)
    return converted if len(converted) == 1 else char
