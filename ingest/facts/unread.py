"""What a condition's structured reading leaves out (`Criterion.unread`), and the alternatives
of a core item that it does not read at all.

A condition is read in parts: alternatives (…，或…), each a run of clauses (…，且…), each
clause a conjunction (…并…; 取得…学位后…), each conjunct possibly inner alternatives (…或…).
A part is read when something in it is: a title or award named (linked or not), with its
grade and rank, an age limit, a degree or 职称, an employment mode, an amount of salary or tax,
a service time. What is not read:

- a clause with none of those: 取得正高级职称**并在相应行业担任骨干职务**;
  担任法定代表人或首席执行官职务，**且**现年薪超过200万元 leaves the post unread;
- an inner alternative with none of them: 具有博士学位或副高及以上职称**或拥有专利…**;
- in a clause that is read, what the reading cannot hold: the school of a degree (“双一流”建设
  高校, QS排名前100位) and, for an employment mode, where from, since when and for the first
  time (在申报起始日前2年内**从省外**全职引进; **首次**在官渡区全职工作).

A core item's whole alternatives that are not read at all (获得…资助的出站博士后，**或者在…博士
后工作站出站并留…工作满1年**) are returned apart: the caller makes them criteria of their own,
so that the reading of the others never fails someone who meets them. Each part is returned as
written. A condition with no structured reading at all has nothing "left out": it goes to the
office's review whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from ingest.facts import readings
from ingest.facts.linking import Linker
from ingest.facts.readings import Span

# Clause-level conjunctions: …并在…, …且现年薪…, …同时…; 取得博士学位后有…经历.
_CONJUNCTION = re.compile(r"并且|(?<!合)并(?![列购重入称])|(?<![而并])且|同时(?=[^，。；]{2})|(?<=学位|学历|职称|资格)后(?=[^，。；]{2})")
_LEADING = re.compile(r"^(?:并且|并|且|同时|以及|或者|或|其中|还须|还应)+")
_OR = re.compile(r"或者|或(?!相当|其他|其它)")
# 国内外顶尖人才。主要包括…: an item's heading names the item, it is not a condition.
_HEADING = re.compile(r"^[^，。；：:（）()“”]{2,16}[。：:](?=.)")
_HEAD_NOUN = re.compile(r"(?:的|之)?(?:人才|人员|团队|专家|对象|毕业生|研究人员)$")
_FILLER = re.compile(r"^(?:其中之一|之一|等|的|者|主要包括|包括|具有|具备|其他)?$")
_OPENS_ALTERNATIVE = re.compile(r"^(?:或者|或)(?!相当)")
_GRADE_OR_RANK = re.compile(r"[特一二三四123](?:[、，,或和及与][特一二三四123])*等奖?(?:及以上|以上)?|前\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:名|位)|第一完成人")
# An employment mode read, with where from / since when / first time left out.
_ORIGIN = re.compile(
    r"(?:在[^，。；、在]{0,12}?\d+\s*年内)?从[^，。；]{1,10}?(?:以外|外)[^，。；]{0,10}?(?:引进|调入|引入|回引|来)(?:（调入）|\(调入\))?"
)
_FIRST_TIME = re.compile(r"首次[^，。；或]{2,24}")


@dataclass(frozen=True, slots=True)
class LeftUnread:
    """What is left unread of one condition, and its core alternatives not read at all."""

    unread: tuple[str, ...]  # conditions to meet besides what is read (Criterion.unread)
    alternatives: tuple[Span, ...]  # offsets in the text given
    other_ways: tuple[str, ...] = ()  # alternatives to what is read (Criterion.unread_alternatives)


def left_unread(text: str, linker: Linker, split_alternatives: bool) -> LeftUnread:
    """The parts of `text` its structured reading does not cover; with `split_alternatives`
    (a core item: any one alternative suffices), whole alternatives not read are returned
    apart instead of as unread parts."""
    spans = _read_spans(text, linker)

    def read(part: Span) -> bool:
        return any(start < part.end and part.start < end for start, end in spans)

    alternatives = _alternatives(text)
    if not any(read(alt) for alt in alternatives):
        return LeftUnread((), ())
    apart: list[Span] = []
    unread: list[str] = []
    other_ways: list[str] = []
    for alt in alternatives:
        if read(alt):
            conditions, ways = _unread_in(text, alt, read)
            unread += conditions
            other_ways += ways
        elif not _is_filler(alt.text):
            if split_alternatives:
                apart.append(alt)
            else:
                other_ways.append(shown(alt.text, keep_or=True))
    return LeftUnread(
        tuple(dict.fromkeys(u for u in unread if u)),
        tuple(apart),
        tuple(dict.fromkeys(w for w in other_ways if w)),
    )


def _read_spans(text: str, linker: Linker) -> list[tuple[int, int]]:
    spans = readings.read_spans(text)
    mentions = linker.mentions(text)
    spans += [(m.start, m.end) for m in mentions]
    if any(m.kind == "award" for m in mentions):  # …二等奖或三等奖前三名完成人: grades and ranks of the awards
        spans += [m.span() for m in _GRADE_OR_RANK.finditer(text)]
    return spans


def _alternatives(text: str) -> list[Span]:
    """Top-level alternatives: clauses that open with 或 (…获得者，或…获得者) start a new one."""
    heading = _HEADING.match(text)
    offset = heading.end() if heading else 0
    clauses = readings.split(text, "，,；;。", start=offset)
    groups: list[list[Span]] = []
    for clause in clauses:
        if groups and not _OPENS_ALTERNATIVE.match(clause.text):
            groups[-1].append(clause)
        else:
            groups.append([clause])
    return [Span(text[g[0].start : g[-1].end], g[0].start, g[-1].end) for g in groups]


def _unread_in(text: str, alternative: Span, read: Callable[[Span], bool]) -> tuple[list[str], list[str]]:
    """(the clauses and conjuncts of a read alternative that are not read, its inner
    alternatives that are not read)."""
    unread: list[str] = []
    other_ways: list[str] = []
    for clause in readings.split(text, "，,；;。", alternative.start, alternative.end):
        if _is_filler(clause.text):
            continue
        if not read(clause):
            unread.append(shown(clause.text))
            continue
        if any(_school_of_degree(c.text) for c in _pieces(text, clause, _CONJUNCTION)):
            # “双一流”建设高校…博士、硕士研究生学历: the degree is read, which school is for the office
            unread.append(shown(clause.text))
            continue
        for conjunct in _pieces(text, clause, _CONJUNCTION):
            if not read(conjunct):
                if not _is_filler(conjunct.text):
                    unread.append(shown(conjunct.text))
                continue
            for part in _pieces(text, conjunct, _OR):
                if not read(part):
                    if not _is_filler(part.text):
                        other_ways.append(shown(part.text, keep_or=True))
                    continue
                if readings.employment_in(part.text):
                    for pattern in (_ORIGIN, _FIRST_TIME):
                        match = pattern.search(part.text)
                        if match:
                            unread.append(match.group(0).strip())
    return unread, other_ways


def _school_of_degree(text: str) -> bool:
    return bool(readings.SCHOOL_QUALITY.search(text)) and readings.degree_in(text) is not None


def _pieces(text: str, span: Span, marks: re.Pattern[str]) -> list[Span]:
    """`span` cut before each of `marks` (after it for 取得…学位后), outside brackets and quotes."""
    cuts = [span.start]
    for match in marks.finditer(text, span.start, span.end):
        if match.start() == span.start or _depth(text[span.start : match.start()]):
            continue
        cuts.append(match.end() if match.group(0) == "后" else match.start())
    cuts.append(span.end)
    return [Span(text[a:b], a, b) for a, b in pairwise(cuts) if text[a:b].strip()]


def _is_filler(text: str) -> bool:
    core = _LEADING.sub("", text.strip(" 　。；;，,：:"))
    core = _HEAD_NOUN.sub("", core)
    return bool(_FILLER.match(core)) or len(core) < 2


def shown(text: str, keep_or: bool = False) -> str:
    """A part as written, without the joiners and punctuation around it."""
    text = text.strip(" 　。；;，,：:")
    if not keep_or:
        text = _LEADING.sub("", text)
    return text


def _depth(text: str) -> int:
    """How many brackets or quotes are still open at the end of `text`."""
    depth = 0
    for char in text:
        if char in "（(“‘《":
            depth += 1
        elif char in "）)”’》":
            depth = max(depth - 1, 0)
    return depth
