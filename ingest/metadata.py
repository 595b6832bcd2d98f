"""What a policy says about itself: title, 文号, issuer, date, status, validity, region, and
the other instruments it cites or repeals. Only what the text states; nothing is invented."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from graphapi.domain.model import (
    PolicyReference,
    PolicyStatus,
    Provision,
    ReferenceKind,
    Region,
)
from graphapi.domain.regions import RegionTree
from ingest.provisions import CN_NUMERALS, Line, match_marker, parse_number
from ingest.repair import normalize_punctuation, normalize_spacing, simplify

_CJK = "\u4e00-\u9fff"

# --- 文号 (document numbers) ------------------------------------------------------------------

_DOC_NUMBER = re.compile(
    rf"(?<![{_CJK}])(?P<org>[{_CJK}]{{1,8}})\s*[〔\[［【(（]\s*(?P<year>(?:19|20)\d{{2}})\s*[〕\]］】)）]"
    rf"\s*第?\s*(?P<no>\d{{1,5}})\s*号"
)
_DECREE_NUMBER = re.compile(rf"(?<![{_CJK}])(?P<org>[{_CJK}]{{2,14}}令)\s*第\s*(?P<no>\d{{1,5}})\s*号")


@dataclass(frozen=True, slots=True)
class DocNumber:
    text: str  # normalised: 东发〔2022〕26号, 昆明市人民政府令第142号
    year: int | None
    start: int
    end: int


# Words that lead into a 文号 in running text and are not part of it: 按照云人社发〔2017〕118号.
_LEAD_IN = re.compile(r"^.*(根据|按照|依据|依照|参照|执行|落实|贯彻|结合|详见|文号为|文号|印发|转发|[和及与或、])")


def doc_numbers_in(text: str) -> list[DocNumber]:
    """文号 in `text`, brackets normalised to 〔〕: 东发[2022]26号 -> 东发〔2022〕26号."""
    found: list[DocNumber] = []
    for m in _DOC_NUMBER.finditer(text):
        org, start = _without_lead_in(m["org"], m.start())
        if org:
            found.append(DocNumber(f"{org}〔{m['year']}〕{m['no']}号", int(m["year"]), start, m.end()))
    for m in _DECREE_NUMBER.finditer(text):
        org, start = _without_lead_in(m["org"], m.start())
        if len(org) > 1:
            found.append(DocNumber(f"{org}第{m['no']}号", None, start, m.end()))
    return sorted(found, key=lambda number: number.start)


def _without_lead_in(org: str, start: int) -> tuple[str, int]:
    m = _LEAD_IN.match(org)
    return (org[m.end() :], start + m.end()) if m else (org, start)


def doc_number_line(text: str) -> DocNumber | None:
    """The 文号 when `text` is nothing else (the line under a document's header)."""
    numbers = doc_numbers_in(text.strip())
    if len(numbers) == 1 and numbers[0].start == 0 and numbers[0].end == len(text.strip()):
        return numbers[0]
    return None


def doc_number_year(doc_number: str | None) -> int | None:
    if not doc_number:
        return None
    numbers = doc_numbers_in(doc_number)
    return numbers[0].year if numbers else None


# --- titles ---------------------------------------------------------------------------------

_DRAFT = re.compile(r"征求意见稿|送审稿|讨论稿|草案|征求意见")
_DRAFT_MARKER = re.compile(r"[（(]\s*(征求意见稿|送审稿|讨论稿|草案|征求意见)\s*[）)]|(征求意见稿|送审稿|讨论稿)$")
_STATUS_LINE = re.compile(r"^[（(]?\s*(征求意见稿|送审稿|讨论稿|草案|征求意见)\s*[）)]?$")
_HEADER_LINE = re.compile(rf"^(?P<org>[{_CJK}（）()]{{2,40}}?)文件$")


def normalize_title(title: str) -> str:
    """The form every title takes, in a loaded policy and in a citation alike: simplified
    characters, full-width punctuation, no spaces, no 征求意见稿 marker (（试行） stays)."""
    title = normalize_punctuation(normalize_spacing(simplify([title])[0]))
    return _DRAFT_MARKER.sub("", title).strip()


def _is_title_line(text: str) -> bool:
    text = text.strip()
    return (
        0 < len(text) <= 120
        and not re.search(r"[。；！？]", text)
        and not text.endswith(("：", ":"))
        and match_marker(text) is None
        and date_line(text) is None
    )


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The lines above a policy's body: header (…文件), 文号, title, 征求意见稿 marker."""

    title: str | None
    header_issuer: str | None
    doc_number: str | None
    draft: bool
    end: int  # index of the first body line


def read_front_matter(lines: Sequence[Line], start: int = 0, stop: int | None = None) -> FrontMatter:
    stop = len(lines) if stop is None else stop
    title_parts: list[str] = []
    header: str | None = None
    doc_number: str | None = None
    draft = False
    index = start
    while index < stop:
        line = lines[index]
        text = line.text.strip()
        if line.verbatim:
            break
        if not title_parts and header is None and (m := _HEADER_LINE.match(text)):
            header = m["org"]
        elif doc_number is None and (number := doc_number_line(text)) is not None:
            doc_number = number.text
        elif _STATUS_LINE.match(text):
            draft = True
        elif len(title_parts) < 3 and _is_title_line(text):
            title_parts.append(text)
        else:
            break
        index += 1
    raw_title = "".join(title_parts)
    if raw_title and _DRAFT_MARKER.search(raw_title):
        draft = True
    title = normalize_title(raw_title) if raw_title else None
    return FrontMatter(title or None, header, doc_number, draft, index)


def is_issuing_notice(title: str | None) -> bool:
    """A cover notice (通知) that issues other instruments: 关于印发《…》的通知."""
    if not title:
        return False
    outside = re.sub(r"《[^》]*》", "", title)
    return outside.endswith("通知") and re.search(r"印发|转发|颁发|发布|下发", outside) is not None


# --- signature: issuer and date -------------------------------------------------------------

_DATE_LINE = re.compile(
    rf"^(?P<y>\d{{4}}|[{CN_NUMERALS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*日$"
)
_ORG_LINE = re.compile(
    rf"^[{_CJK}（）·]{{2,40}}(委员会|人民政府|政府|党委|党组|委|领导小组|小组|办公室|办公厅|厅|局|部|院|会|中心|办|处|署|室)$"
)


def date_line(text: str) -> str | None:
    """ISO date when `text` is only a complete date (2022年10月14日, 二〇二二年十月十四日).
    "2023年 月 日" is incomplete and gives None."""
    m = _DATE_LINE.match(text.strip())
    if m is None:
        return None
    year, month, day = parse_number(m["y"]), parse_number(m["m"]), parse_number(m["d"])
    if year is None or month is None or day is None:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Signature:
    issuers: tuple[str, ...]
    issued_on: str | None


def find_signature(lines: Sequence[Line]) -> Signature:
    """The organisations signing above a date line, and that date. The first date line with
    signatories above it wins; otherwise a date line closing the text."""
    dated = [(i, iso) for i, line in enumerate(lines) if not line.verbatim and (iso := date_line(line.text))]
    for index, iso in dated:
        issuers: list[str] = []
        j = index - 1
        while j >= 0 and len(issuers) < 4 and _ORG_LINE.match(lines[j].text.strip()):
            issuers.insert(0, lines[j].text.strip())
            j -= 1
        if issuers:
            return Signature(tuple(issuers), iso)
    body = [i for i, line in enumerate(lines) if not line.verbatim]
    if dated and body and dated[-1][0] in body[-3:]:
        return Signature((), dated[-1][1])
    return Signature((), None)


# --- status and validity --------------------------------------------------------------------

_VALIDITY = re.compile(
    rf"(?:试行期?为?|有效期为?)\s*(?P<n>\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*年"
    rf"|有效期至\s*\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日"
)


_SELF = re.compile(r"施行|本(办法|细则|意见|规定|条例|方案|措施|决定|规则|通知|政策|制度)")


def validity_in(texts: Sequence[str]) -> tuple[str | None, int | None]:
    """Validity as written (试行五年, 有效期5年, 有效期至2025年12月31日) and its years, read
    from a sentence about the policy itself (本办法…施行), not one about a card or a contract."""
    for text in texts:
        for sentence in re.split(r"(?<=[。；！？])", text):
            m = _VALIDITY.search(sentence)
            if m is not None and _SELF.search(sentence):
                years = parse_number(m["n"]) if m["n"] else None
                return re.sub(r"\s", "", m.group(0)), years
    return None, None


def status_of(title: str, draft: bool, validity: str | None, issued: bool) -> PolicyStatus | None:
    """征求意见稿 -> DRAFT (even when 试行 is there too); 试行 -> TRIAL; issued -> IN_FORCE."""
    own = re.sub(r"《[^》]*》", "", title)  # a notice issuing 《…（试行）》 is not itself on trial
    if draft or _DRAFT.search(own):
        return PolicyStatus.DRAFT
    if "试行" in own or (validity or "").startswith("试行"):
        return PolicyStatus.TRIAL
    if issued:
        return PolicyStatus.IN_FORCE
    return None


def region_of(regions: RegionTree, *texts: str | None) -> Region | None:
    """The most specific region the texts (title, issuer) name; the first named among equals."""
    best: Region | None = None
    best_depth = -1
    for text in texts:
        for region in regions.mentioned_in(text or ""):
            depth = len(regions.ancestors(region.id))
            if depth > best_depth:
                best, best_depth = region, depth
    return best


# --- references -----------------------------------------------------------------------------

_NOT_INSTRUMENT = re.compile(
    r"(申报书|申请书|承诺书|任务书|协议书|合同书|合同|协议|请示|报告|函|证|卡|表|书|册)$"
)
_PLACEHOLDER = re.compile(r"xxx|×××|XXX|ＸＸＸ|某某", re.IGNORECASE)
_REPEAL_AFTER = re.compile(r"^\s*[，,]?\s*(同时|予以|即行|一并)?\s*废止")
_REPEAL_BEFORE = re.compile(r"废止\s*$")
_TRAILING_GROUPS = re.compile(r"(（[^（）]*）)+$")


@dataclass(frozen=True, slots=True)
class Citation:
    title: str | None
    doc_number: str | None
    start: int
    end: int


def citations_in(text: str) -> list[Citation]:
    """《title》 (with nested 〈〉), an attached （文号）, and bare 文号, in order."""
    found: list[Citation] = []
    covered: list[tuple[int, int]] = []
    position = 0
    while (start := text.find("《", position)) != -1:
        end = _closing(text, start)
        if end is None:
            break
        title = text[start + 1 : end]
        stop = end + 1
        doc_number = None
        m = re.match(r"\s*[（(]([^（）()]{2,40})[）)]", text[stop:])
        if m is not None:
            number = doc_number_line(m[1])
            if number is not None:
                doc_number = number.text
                stop += m.end()
        found.append(Citation(title, doc_number, start, stop))
        covered.append((start, stop))
        position = end + 1
    for number in doc_numbers_in(text):
        if not any(a <= number.start < b for a, b in covered):
            found.append(Citation(None, number.text, number.start, number.end))
    return sorted(found, key=lambda citation: citation.start)


def _closing(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "《":
            depth += 1
        elif text[i] == "》":
            depth -= 1
            if depth == 0:
                return i
    return None


def _core(title: str) -> str:
    """A title without its trailing （试行）/（征求意见稿） and quotes, for self-reference checks."""
    return re.sub(r"[“”\"'‘’]", "", _TRAILING_GROUPS.sub("", title))


@dataclass(frozen=True, slots=True)
class OwnNames:
    """What a policy calls itself or its own parts, which it does not cite."""

    title: str
    doc_number: str | None
    annex_titles: tuple[str, ...] = ()
    promulgated: tuple[str, ...] = ()  # titles of instruments a notice issues


def numbers_by_title(texts: Sequence[str]) -> dict[str, str]:
    """The 文号 each cited title carries where the text gives one: a later citation of the
    same title without its 文号 names the same document."""
    numbers: dict[str, str] = {}
    for text in texts:
        for citation in citations_in(text):
            if citation.title and citation.doc_number:
                numbers.setdefault(normalize_title(citation.title), citation.doc_number)
    return numbers


def references_in(
    provisions: Sequence[Provision], own: OwnNames, known_numbers: dict[str, str] | None = None
) -> list[PolicyReference]:
    """CITES/REPEALS links for the instruments the provisions name by 《title》 and/or 文号.

    Left out: aliases (以下简称《目录》), the policy's own title, its annexes, the instruments
    a notice issues (PROMULGATES covers them), and things that are not instruments
    (申报书, 服务证, forms, templates with xxx). A title cited without its 文号 gets the one
    `known_numbers` records for it. `target_id` stays None: the target is not known here
    (the loader matches 文号 and title, or makes a placeholder with ids.reference_target_id)."""
    known_numbers = known_numbers or {}
    aliases: set[str] = set()
    own_core = _core(own.title)
    excluded = {_core(normalize_title(t)) for t in (*own.annex_titles, *own.promulgated)}
    references: list[PolicyReference] = []
    seen: set[tuple] = set()
    for provision in provisions:
        text = provision.text
        for citation in citations_in(text):
            title = normalize_title(citation.title) if citation.title else None
            if title is not None:
                core = _core(title)
                if text[max(0, citation.start - 4) : citation.start].endswith(("简称", "称")):
                    aliases.add(core)
                    continue
                if (
                    not core
                    or core in aliases
                    or core in excluded
                    or _PLACEHOLDER.search(core)
                    or _NOT_INSTRUMENT.search(core)
                    or (citation.doc_number is None and core in own_core)
                ):
                    continue
            elif citation.doc_number is None or citation.doc_number == own.doc_number:
                continue  # an empty 《》 names nothing; its own 文号 is not a citation
            doc_number = citation.doc_number or (known_numbers.get(title) if title else None)
            repeals = _REPEAL_AFTER.match(text[citation.end :]) or _REPEAL_BEFORE.search(text[: citation.start])
            kind = ReferenceKind.REPEALS if repeals else ReferenceKind.CITES
            key = (kind, provision.id, title, doc_number)
            if key in seen:
                continue
            seen.add(key)
            references.append(
                PolicyReference(kind=kind, cited_in=provision.id, title=title, doc_number=doc_number)
            )
    return references
