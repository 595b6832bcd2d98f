"""One source document -> its policies and their provisions.

A document holds one policy, or a cover notice (通知 with 文号, addressees, signature) and the
instruments it issues, each a policy of its own that inherits the notice's 文号, issuer and
date. The pipeline: clean lines -> mark form annexes -> normalise -> rejoin broken sentences
-> split into policies -> front matter, provisions, metadata, references.

A document cut off before its end (a download or copy that stopped) is judged by how its
running text (form annexes aside) ends:
- refused, as truncated, when the evidence is clear: the bytes end in the middle of a
  character (ingest.sources), the last sentence ends on a comma or 顿号 (“…分5年发放，”), or it
  leaves a bracket or quote open (“…详见《关于”) — no sentence of a policy ends so;
- loaded with a warning when the last line merely lacks a full stop and is no heading, title,
  signature or date: converters drop final punctuation, and “…自印发之日起施行” is whole.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from graphapi.domain.model import (
    ParsedDocument,
    ParsedPolicy,
    Policy,
    PolicyReference,
    ProvisionKind,
    ReferenceKind,
)
from graphapi.domain.regions import default_regions
from ingest import ids, metadata, repair
from ingest.errors import DocumentError
from ingest.provisions import (
    Line,
    build_provisions,
    is_instrument_title,
    mark_form_annexes,
    match_marker,
    starts_first_unit,
)
from ingest.sources import DEFAULT_MAX_BYTES, read_source, too_large


def parse_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Parse the document at `path` (.txt in UTF-8/GB18030/GBK, .docx, .html)."""
    path = Path(path)

    def parse() -> ParsedDocument:
        source = read_source(path, max_bytes=max_bytes)
        return _parse(source.text, path.name, source.sha256)

    return _guarded(parse)


def parse_text(text: str, source_file: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Parse a document already decoded to text; its sha256 is that of the UTF-8 text."""
    if not isinstance(text, str):
        raise DocumentError(f"expected text, got {type(text).__name__}")
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise DocumentError(f"the text contains an invalid character at position {error.start}") from None
    if len(encoded) > max_bytes:
        raise DocumentError(too_large(len(encoded), max_bytes))
    if not text.strip():
        raise DocumentError("the document is empty")
    if "\x00" in text:
        raise DocumentError("the text contains NUL characters: it is binary data, not a document")
    sha256 = hashlib.sha256(encoded).hexdigest()
    return _guarded(lambda: _parse(text, source_file, sha256))


def _guarded(parse: Callable[[], ParsedDocument]) -> ParsedDocument:
    try:
        return parse()
    except DocumentError:
        raise
    except Exception as error:  # the contract: hostile input yields DocumentError, never a crash
        raise DocumentError(f"the document could not be parsed ({type(error).__name__}: {error})"[:300]) from error


# --- pipeline -------------------------------------------------------------------------------


def _parse(text: str, source_file: str, sha256: str) -> ParsedDocument:
    lines, warnings = _logical_lines(text)
    if not lines:
        raise DocumentError("the document has no text once page numbers and conversion markers are removed")
    segments = _split(lines)
    parsed = _policies(segments, source_file, sha256, metadata.numbers_by_title([line.text for line in lines]))
    if not any(p.provisions for p in parsed):
        title = segments[0].front.title
        raise DocumentError(
            f"no provisions found: the document has a title ({title}) but no text under it"
            if title
            else "no provisions found in the document"
        )
    warnings += _truncation_warnings(lines)  # raises when the text is clearly cut off
    return ParsedDocument(source_file=source_file, source_sha256=sha256, policies=parsed, warnings=warnings)


def _logical_lines(text: str) -> tuple[list[Line], list[str]]:
    warnings: list[str] = []
    cleaned: list[str] = []
    for raw in text.splitlines():
        line = repair.strip_markers(raw)
        if repair.is_page_number(line) or repair.is_decoration(line):
            line = ""
        cleaned.append(line)
    simplified = repair.simplify(cleaned)
    lines = mark_form_annexes([Line(i + 1, s, c) for i, (s, c) in enumerate(zip(simplified, cleaned, strict=True))])
    normalised: list[Line] = []
    for line in lines:
        if line.verbatim:
            normalised.append(replace(line, text=repair.normalize_punctuation(repair.collapse_cells(line.text)),
                                      original=repair.collapse_cells(line.original)))
        else:
            # Only the simplified text is repaired; the original keeps the source's spacing
            # (“2023年 月 日” is a date left blank to fill in), runs of blanks made one.
            normalised.append(replace(line, text=repair.normalize_punctuation(repair.normalize_spacing(line.text)),
                                      original=repair.collapse_cells(line.original)))
        if "\ufffd" in line.text:
            warnings.append(f"line {line.number} contains undecodable characters (�)")
        elif line.text.strip() and not any(ch.isalnum() for ch in line.text):
            warnings.append(f"line {line.number} has no words (“{line.text.strip()[:20]}”); kept as a paragraph")
    joined, merge_warnings = repair.join_broken_lines(normalised)
    return joined, warnings + merge_warnings


@dataclass(slots=True)
class _Segment:
    front: metadata.FrontMatter
    body: list[Line]
    notice: bool = False  # the cover notice of a document that issues instruments


def _split(lines: list[Line]) -> list[_Segment]:
    """The notice and the instruments it issues, or the single policy of the document."""
    front = metadata.read_front_matter(lines)
    if not metadata.is_issuing_notice(front.title):
        return [_Segment(front, lines[front.end :])]
    starts = _instrument_starts(lines, front)
    if not starts:
        return [_Segment(front, lines[front.end :])]
    notice = _Segment(front, lines[front.end : starts[0]], notice=True)
    instruments: list[_Segment] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        own = metadata.read_front_matter(lines, start, end)
        instruments.append(_Segment(own, lines[own.end : end]))
    if len(instruments) > 1:
        # Annexes after the last instrument serve all of them: they belong to the notice.
        last = instruments[-1]
        at = _first_annex(last.body)
        if at is not None:
            notice.body += last.body[at:]
            del last.body[at:]
    return [notice, *instruments]


def _instrument_starts(lines: Sequence[Line], front: metadata.FrontMatter) -> list[int]:
    """Title lines that open an instrument: followed by its 第一条/第一章/一、, named in the
    notice (《…》 in its title or body), or the first title after the notice's signature date."""
    announced = {metadata.normalize_title(c.title) for c in metadata.citations_in(front.title or "") if c.title}
    starts: list[int] = []
    closed = False  # past the notice's date line or its （此件公开发布）
    for i in range(front.end, len(lines)):
        line = lines[i]
        if line.verbatim:
            continue
        text = line.text.strip()
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        if following and is_instrument_title(text) and (
            starts_first_unit(following)
            or metadata.normalize_title(text) in announced
            or (closed and not starts and match_marker(following) is None and not is_instrument_title(following))
        ):
            starts.append(i)
        elif not starts:
            closed = closed or metadata.date_line(text) is not None or text.startswith(("（此件", "(此件"))
            announced.update(metadata.normalize_title(c.title) for c in metadata.citations_in(text) if c.title)
    return starts


def _first_annex(lines: Sequence[Line]) -> int | None:
    """Where the annexes begin: an annex label standing alone or heading a form."""
    for i, line in enumerate(lines):
        marker = match_marker(line.text)
        is_annex = marker is not None and marker.kind is ProvisionKind.ANNEX
        if is_annex and (not marker.rest or (i + 1 < len(lines) and lines[i + 1].verbatim)):
            return i
    return None


# --- policies -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Facts:
    """Metadata of one policy before its id exists."""

    title: str
    doc_number: str | None
    issuer: str | None
    issued_on: str | None
    draft: bool
    warnings: list[str]


def _policies(
    segments: list[_Segment], source_file: str, sha256: str, known_numbers: dict[str, str]
) -> list[ParsedPolicy]:
    regions = default_regions()
    facts = _facts(segments)
    places = [metadata.region_of(regions, f.title, f.issuer) for f in facts]
    policy_ids = ids.unique(
        ids.policy_id(f.title, place.name if place else None, _year(f)) for f, place in zip(facts, places, strict=True)
    )
    instrument_titles = tuple(f.title for f, s in zip(facts, segments, strict=True) if not s.notice)

    parsed: list[ParsedPolicy] = []
    for segment, fact, place, policy_id in zip(segments, facts, places, policy_ids, strict=True):
        tree = build_provisions(segment.body, policy_id)
        validity, years = metadata.validity_in([p.text for p in tree.provisions if p.kind is not ProvisionKind.ANNEX])
        policy = Policy(
            id=policy_id,
            title=fact.title,
            doc_number=fact.doc_number,
            issuer=fact.issuer,
            issued_on=fact.issued_on,
            status=metadata.status_of(fact.title, fact.draft, validity, bool(fact.doc_number or fact.issued_on)),
            validity=validity,
            validity_years=years,
            level=place.level if place else None,
            region=place.name if place else None,
            source_file=source_file,
            source_sha256=sha256,
        )
        own = metadata.OwnNames(
            title=fact.title,
            doc_number=fact.doc_number,
            annex_titles=tuple(tree.annex_titles),
            promulgated=instrument_titles if segment.notice else (),
        )
        references = metadata.references_in(tree.provisions, own, known_numbers)
        parsed.append(ParsedPolicy(policy, tree.provisions, references, fact.warnings + tree.warnings))

    _link_siblings(parsed)
    if segments[0].notice:
        _add_promulgations(parsed[0], parsed[1:])
    return parsed


def _link_siblings(parsed: Sequence[ParsedPolicy]) -> None:
    """A citation of another policy of the same document names a known target."""
    by_title = {p.policy.title: p.policy.id for p in parsed}
    for policy in parsed:
        policy.references = [
            replace(r, target_id=by_title[r.title])
            if r.target_id is None and r.title in by_title and by_title[r.title] != policy.policy.id
            else r
            for r in policy.references
        ]


def _facts(segments: Sequence[_Segment]) -> list[_Facts]:
    """Title, 文号, issuer and date of each policy; instruments take what they lack from the
    notice that issues them."""
    facts: list[_Facts] = []
    for segment in segments:
        signature = metadata.find_signature(segment.body)
        issuers = list(signature.issuers)
        header = segment.front.header_issuer
        if header and not any(header in issuer for issuer in issuers):
            issuers.insert(0, header)  # the letterhead (…文件) names an issuer too
        fact = _Facts(
            segment.front.title or _fallback_title(segment.body),
            segment.front.doc_number,
            "、".join(issuers) or None,
            signature.issued_on,
            segment.front.draft,
            [] if segment.front.title else ["no title line found; the first words of the text stand in for it"],
        )
        if facts and segments[0].notice:
            notice = facts[0]
            fact.doc_number = fact.doc_number or notice.doc_number
            fact.issuer = fact.issuer or notice.issuer
            fact.issued_on = fact.issued_on or notice.issued_on
        facts.append(fact)
    return facts


def _year(fact: _Facts) -> int | None:
    if fact.issued_on:
        return int(fact.issued_on[:4])
    return metadata.doc_number_year(fact.doc_number)


def _fallback_title(body: Sequence[Line]) -> str:
    for line in body:
        text = line.text.strip()
        if text:
            marker = match_marker(text)
            text = marker.rest if marker is not None and marker.rest else text
            for stop in "。；：，":
                text = text.split(stop)[0]
            return text[:60]
    return "untitled"


def _add_promulgations(notice: ParsedPolicy, instruments: Sequence[ParsedPolicy]) -> None:
    """The notice PROMULGATES each instrument, cited in the provision that names or issues it."""
    issuing = next((p.id for p in notice.provisions if any(w in p.text for w in ("印发", "转发", "发布", "下发"))), None)
    for instrument in instruments:
        title = instrument.policy.title
        naming = next((p.id for p in notice.provisions if title in p.text), None)
        fallback = notice.provisions[0].id if notice.provisions else None
        cited_in = naming or issuing or fallback
        if cited_in is None:  # a notice without a single line of text has nothing to cite
            continue
        notice.references.append(
            PolicyReference(
                kind=ReferenceKind.PROMULGATES,
                cited_in=cited_in,
                title=title,
                doc_number=instrument.policy.doc_number,
                target_id=instrument.policy.id,
            )
        )


_GOES_ON = frozenset("，、,")  # a sentence continues after these
_LAST_SENTENCE = re.compile(r"[^。；！？;!?]*$")


def _truncation_warnings(lines: Sequence[Line]) -> list[str]:
    """How the running text ends (see the module docstring): DocumentError when it is clearly
    cut off mid-sentence, a warning when it may be, nothing when it ends a sentence."""
    body = [line for line in lines if not line.verbatim]
    if not body:
        return []
    last = body[-1]
    text = last.text.strip()
    if repair.ends_sentence(text) or (repair.is_heading_line(text) and match_marker(text) is None):
        return []
    shown = f"line {last.number} (“…{text[-20:]}”)"
    if text[-1] in _GOES_ON:
        raise DocumentError(
            f"the text stops mid-sentence at {shown}, after a “{text[-1]}”: the file is truncated; "
            "load the complete document"
        )
    tail = _LAST_SENTENCE.search(text)[0]  # always matches, perhaps empty
    if repair.unclosed(tail):
        raise DocumentError(
            f"the text stops mid-sentence at {shown}, inside brackets or quotes it opened: the "
            "file is truncated; load the complete document"
        )
    return [f"the text ends mid-sentence at {shown}; the file may be truncated"]
