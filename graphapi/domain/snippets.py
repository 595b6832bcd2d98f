"""Search-hit snippets: a short window of a provision's text around the first match.

Matches are marked with 【 and 】, the brackets Chinese text uses to set words apart: they read
naturally in plain text, need no HTML escaping in any client, and do not occur in the policy
texts. Cut ends are shown with …. Matching follows the search itself (graphapi.store.fulltext):
the query's phrases, compared after NFKC and lower-casing, so ＡＢ finds ab.
"""

from __future__ import annotations

import re

from graphapi.store.fulltext import normalize, phrases

MARK_OPEN, MARK_CLOSE = "【", "】"
ELLIPSIS = "…"
DEFAULT_WIDTH = 60  # characters of text shown, marks and ellipses not counted


def make_snippet(text: str, query: str, width: int = DEFAULT_WIDTH) -> str:
    """`width` characters of `text` (whitespace collapsed) around the first match of any phrase
    of `query`, every match inside marked; the opening of the text when nothing matches."""
    text = " ".join(text.split())
    spans = _matches(text, phrases(query))
    if not spans:
        return _cut(text, 0, min(len(text), width), [])
    first_start, first_end = spans[0]
    room = max(width - (first_end - first_start), 0)
    start = max(0, min(first_start - room // 2, len(text) - width))
    end = min(len(text), max(start + width, first_end))
    return _cut(text, start, end, [span for span in spans if start <= span[0] and span[1] <= end])


def _matches(text: str, wanted: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of `text` holding a phrase, leftmost first, longest phrase first at
    equal starts."""
    if not wanted:
        return []
    # Map each character of the normalised text back to the original one it came from, since
    # NFKC may change lengths (ﬁ -> fi).
    normalized, origin = [], []
    for index, char in enumerate(text):
        for piece in normalize(char):
            normalized.append(piece)
            origin.append(index)
    pattern = re.compile("|".join(re.escape(p) for p in sorted(wanted, key=len, reverse=True)))
    return [(origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer("".join(normalized))]


def _cut(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    parts = [ELLIPSIS] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        parts += [text[position:span_start], MARK_OPEN, text[span_start:span_end], MARK_CLOSE]
        position = span_end
    parts.append(text[position:end])
    if end < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts)
