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
  高校, QS排名前100位); for an employment mode, where from, since when and for the first
  time (在申报起始日前2年内**从省外**全职引进; **首次**在官渡区全职工作); and who the person
  must be, written around an age, a degree or a 职称 (…58周岁以下**退休名师、名校长**; 对**乡镇
  基层医疗卫生机构**具有中级职称), unless a generic noun (人才, 毕业生) or a title says it.

Each part is bound to the reading it qualifies (`LeftUnread.bound`): a condition split by kind
(首次在官渡区全职工作或自主开办创业企业的全日制博士、硕士毕业生: a mode and a degree) keeps
首次… and 或自主开办创业企业 with the mode, never with the degree.

A core item's whole alternatives that are not read at all (获得…资助的出站博士后，**或者在…博士
后工作站出站并留…工作满1年**) are returned apart: the caller makes them criteria of their own,
so that the reading of the others never fails someone who meets them. Each part is returned as
written. A condition with no structured reading at all has nothing "left out": it goes to the
office's review whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
# Who the person must be, written around an age, a degree or a 职称 (see `_who`). After the last
# of them, the words that complete it (…以上学历的, …及以上职称的, 研究生):
_COMPLETES = re.compile(
    r"^(?:及以上|以上|及以下|以下|以内|（含）|\(含\)|研究生|毕业生|(?:学历|学位)(?:[、和与及](?:学历|学位))?"
    r"|“双证”|双证|专业技术职称|专业技术资格|职称|资格|的|\s)+"
)
# before the first degree or 职称, the verbs that open a class (对…具有, 引进…取得):
_OPENS = re.compile(
    r"^(?:对于|对|针对|面向全国|面向|引进|招募|返聘|回引|选拔|聘请|一般|原则上|通常|(?:应当|应|须|必须)(?=具|取|获|拥|持|有)|具有|具备|取得|获得|拥有|持有)+"
)
_HAS = re.compile(r"[、，,]?(?:具有|具备|取得|获得|拥有|持有|相当于)+$")
# 核心成员中具有博士学位的不少于2名: the make-up of a team, not who one person is
_HEADCOUNT = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*名(?![师校医家])")
# a person named by nothing the reading does not hold: 人才, 毕业生, 专业技术人员, 全日制…研究生
_GENERIC_WHO = re.compile(
    r"^(?:各类|各领域|优秀|高层次|高端|急需紧缺|急需|紧缺|拔尖|青年|领军|骨干|创新|创业|专业技术|专业|科技|高素质"
    r"|全日制|普通高等学校|普通高校|高校|大学|在职|年龄|一般|原则上|在|为|是|等)*(?:人才|人员|人选|专家|毕业生|研究生|学生|对象|者|人)*$"
)
_JOINED = re.compile(r"^(?:以及|及|和|与)")
_PERSON = re.compile(r"(?:人员|人才|者|专家|博士后|研究生|毕业生)$")


# What a reading is of (readings.reading_spans), and of a name linked: a part left unread is bound
# to the reading it qualifies, so that a condition split by kind keeps it on the right criterion.
TITLE = "title"


@dataclass(frozen=True, slots=True)
class LeftUnread:
    """What is left unread of one condition, and its core alternatives not read at all."""

    unread: tuple[str, ...]  # conditions to meet besides what is read (Criterion.unread)
    alternatives: tuple[Span, ...]  # offsets in the text given
    other_ways: tuple[str, ...] = ()  # alternatives to what is read (Criterion.unread_alternatives)
    # part -> the reading it qualifies (readings.AGE, EDUCATION, EMPLOYMENT, AMOUNT, TITLE), or
    # None for a condition of its own (…并担任骨干职务)
    bound: tuple[tuple[str, str | None], ...] = ()

    def of(self, reading: str | None, first: bool, held: set[str | None]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(unread, other ways) for the criterion of one reading of a condition split by kind
        (`held`: the readings of all of them); the first of them takes what belongs to no
        reading held (…并担任骨干职务 beside an age and a degree)."""
        bound = dict(self.bound)

        def mine(part: str) -> bool:
            of = bound.get(part)
            return of == reading or (first and of not in held)

        return tuple(u for u in self.unread if mine(u)), tuple(w for w in self.other_ways if mine(w))


@dataclass(slots=True)
class _Found:
    unread: list[tuple[str, str | None]] = field(default_factory=list)
    ways: list[tuple[str, str | None]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Readings:
    spans: list[tuple[str, int, int]]  # (reading, start, end)

    def read(self, part: Span) -> bool:
        return bool(self.of(part))

    def of(self, part: Span) -> list[str]:
        """The readings `part` holds, in order."""
        return [kind for kind, start, end in self.spans if start < part.end and part.start < end]


def left_unread(text: str, linker: Linker, split_alternatives: bool) -> LeftUnread:
    """The parts of `text` its structured reading does not cover; with `split_alternatives`
    (a core item: any one alternative suffices), whole alternatives not read are returned
    apart instead of as unread parts."""
    found = _Readings(_read_spans(text, linker))
    alternatives = _alternatives(text)
    if not any(found.read(alt) for alt in alternatives):
        return LeftUnread((), ())
    apart: list[Span] = []
    parts = _Found()
    for alt in alternatives:
        if found.read(alt):
            _unread_in(text, alt, found, parts)
        elif not _is_filler(alt.text):
            if split_alternatives:
                apart.append(alt)
            else:
                parts.ways.append((shown(alt.text, keep_or=True), None))
    unread, ways = _once(parts.unread), _once(parts.ways)
    return LeftUnread(tuple(unread), tuple(apart), tuple(ways), tuple({**ways, **unread}.items()))


def _once(found: list[tuple[str, str | None]]) -> dict[str, str | None]:
    """Each part once, in order, bound where it was first found."""
    bound: dict[str, str | None] = {}
    for part, reading in found:
        if part and part not in bound:
            bound[part] = reading
    return bound


def _read_spans(text: str, linker: Linker) -> list[tuple[str, int, int]]:
    spans = readings.reading_spans(text)
    mentions = linker.mentions(text)
    spans += [(TITLE, m.start, m.end) for m in mentions]
    if any(m.kind == "award" for m in mentions):  # …二等奖或三等奖前三名完成人: grades and ranks of the awards
        spans += [(TITLE, *m.span()) for m in _GRADE_OR_RANK.finditer(text)]
    return sorted(spans, key=lambda s: s[1])


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


def _unread_in(text: str, alternative: Span, found: _Readings, parts: _Found) -> None:
    """Into `parts`: the clauses and conjuncts of a read alternative that are not read, and its
    inner alternatives that are not read, each bound to the reading it qualifies."""
    for clause in readings.split(text, "，,；;。", alternative.start, alternative.end):
        if _is_filler(clause.text):
            continue
        if not found.read(clause):
            parts.unread.append((shown(clause.text), None))
            continue
        if any(_school_of_degree(c.text) for c in _pieces(text, clause, _CONJUNCTION)):
            # “双一流”建设高校…博士、硕士研究生学历: the degree is read, which school is for the office
            parts.unread.append((shown(clause.text), readings.EDUCATION))
            continue
        for conjunct in _pieces(text, clause, _CONJUNCTION):
            if not found.read(conjunct):
                if not _is_filler(conjunct.text):
                    parts.unread.append((shown(conjunct.text), None))
                continue
            _ways_in(text, conjunct, found, parts)
            _who(conjunct, found, parts)


def _ways_in(text: str, conjunct: Span, found: _Readings, parts: _Found) -> None:
    """The inner alternatives of a read conjunct (具有中级**或执业医师资格**), bound to the reading
    of the alternative they stand beside; and, for an employment mode read, where from, since
    when and for the first time."""
    pieces = _pieces(text, conjunct, _OR)
    beside: str | None = None  # the reading of the last read alternative (else of the next one)
    for index, part in enumerate(pieces):
        kinds = found.of(part)
        if not kinds:
            if not _is_filler(part.text):
                near = beside or next((k[0] for k in (found.of(p) for p in pieces[index + 1 :]) if k), None)
                parts.ways.append((shown(part.text, keep_or=True), near))
            continue
        modifier = _modifier_way(part, found) if index else None
        if modifier is not None and beside is not None and beside not in found.of(modifier[1]):
            # 首次在官渡区全职工作**或自主开办创业企业**的全日制博士、硕士毕业生: 或 joins what
            # qualifies the graduates, another way of meeting the employment mode
            parts.ways.append((modifier[0], beside))
        beside = kinds[0]
        if readings.EMPLOYMENT in kinds:
            for pattern in (_ORIGIN, _FIRST_TIME):
                match = pattern.search(part.text)
                if match:
                    parts.unread.append((match.group(0).strip(), readings.EMPLOYMENT))


def _modifier_way(part: Span, found: _Readings) -> tuple[str, Span] | None:
    """或X的<what is read>, X not read: (X as written, the rest of the part)."""
    des = readings.top_level(part.text, "的")
    if not des:
        return None
    at = des[0]
    before = Span(part.text[:at], part.start, part.start + at)
    rest = Span(part.text[at + 1 :], part.start + at + 1, part.end)
    if found.read(before) or not found.read(rest) or _is_filler(before.text):
        return None
    return shown(before.text, keep_or=True), rest


def _who(part: Span, found: _Readings, parts: _Found) -> None:
    """Who the person must be where the reading holds only how old or how qualified: what
    qualifies a first degree or 职称 (对**乡镇基层医疗卫生机构**具有中级职称; **在省外**取得博士
    学位) and the head after the last age, degree or 职称 (…58周岁以下**退休名师、名校长**; 本科以上
    学历的**机关、事业单位人员**, 年薪…以上的**企业高级管理人员**); a head joined by 和/及 is another class (应届博士**和省外已出站
    的博士后研究人员**), another way. A generic noun (人才, 毕业生) or a title read says nothing more."""
    text = readings.blank_asides(part.text)  # （具有博士学位的放宽至40周岁） relaxes, it names no one
    # …年薪不低于80万元的**企业高级管理人员**: a salary read names no one either (a tax is the firm's)
    describe = (readings.AGE, readings.EDUCATION, readings.AMOUNT) if readings.is_salary(text) else (readings.AGE, readings.EDUCATION)
    spans = [s for s in readings.reading_spans(text) if s[0] in describe]
    if not spans or _HEADCOUNT.search(text):
        return
    first_kind, first, _ = spans[0]
    if first_kind == readings.EDUCATION:  # 年龄在…, 男性…周岁 say no more
        before = _HAS.sub("", _OPENS.sub("", readings.without_subject(text[:first]))).strip(" 的，,、")
        at = text.find(before) if before else -1
        if at >= 0 and _says_who(before) and not found.read(Span(before, part.start + at, part.start + at + len(before))):
            parts.unread.append((before, readings.EDUCATION))
    last_kind, _, last = spans[-1]
    tail = text[last:].rstrip()
    completes = _COMPLETES.match(tail)
    skip = completes.end() if completes else 0
    head = shown(tail[skip:], keep_or=True).removesuffix("的")
    start = part.start + last + skip
    joined = _JOINED.match(head)
    if joined:
        other = head[joined.end() :]
        if _PERSON.search(other) and not found.read(Span(other, start + joined.end(), start + len(head))):
            parts.ways.append((other, last_kind))
    elif head and head[0] not in "、，,或等" and _says_who(head) and not found.read(Span(head, start, start + len(head))):
        parts.unread.append((head, last_kind))


def _says_who(text: str) -> bool:
    core = readings.without_asides(re.sub(r"“[^”]*”", "", text)).strip(" 　，,、的")
    return len(core) >= 2 and not _GENERIC_WHO.match(core)


def _school_of_degree(text: str) -> bool:
    return bool(readings.SCHOOL_QUALITY.search(text)) and readings.degree_in(text) is not None


def _pieces(text: str, span: Span, marks: re.Pattern[str]) -> list[Span]:
    """`span` cut before each of `marks` (after it for 取得…学位后), outside brackets and quotes."""
    cuts = [span.start]
    for match in marks.finditer(text, span.start, span.end):
        if match.start() == span.start or readings.open_depth(text[span.start : match.start()]):
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


