"""Helpers shared by the parser tests: corpus paths, kind counts, the no-text-lost check."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import opencc

from graphapi.domain.model import ParsedDocument, ParsedPolicy, PolicyStatus
from ingest.documents import parse_file

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "policies"
TEXTS = Path(__file__).parent / "texts"
PREFIXES = ("000", "001", "002", "003", "004")


def corpus_path(prefix: str) -> Path:
    return next(CORPUS.glob(f"{prefix}_*.txt"))


@cache
def parsed_corpus(prefix: str) -> ParsedDocument:
    return parse_file(corpus_path(prefix))


def kinds(policy: ParsedPolicy) -> dict[str, int]:
    return dict(Counter(p.kind.value for p in policy.provisions))


def by_path(policy: ParsedPolicy, path: str):
    wanted = f"{policy.policy.id}/{path}"
    return next(p for p in policy.provisions if p.id == wanted)


def children(policy: ParsedPolicy, parent_path: str | None):
    parent_id = f"{policy.policy.id}/{parent_path}" if parent_path else None
    return [p for p in policy.provisions if p.parent_id == parent_id]


def signature(document: ParsedDocument):
    """Everything about the provisions that must not depend on the file format."""
    return [
        (p.id, p.kind, p.label, p.number, p.text, p.original_text, p.parent_id, p.heading)
        for policy in document.policies
        for p in policy.provisions
    ]


# --- no text lost ---------------------------------------------------------------------------
# Written independently of the parser's own repair code: a source line is accounted for when
# its letters and digits (after t2s) appear inside one provision's label and original text, or inside
# what the parser consumed as metadata (title, 文号, issuer; a header line "…文件"; a
# 征求意见稿 marker). Bookmarks, HTML residue and page-number lines are not text.

_T2S = opencc.OpenCC("t2s")
_MARKERS = re.compile(r"\[bookmark:[^\]]*\]|<[^<>]+>")
_PAGE = re.compile(r"^\s*(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d{1,4}\s*页.*)\s*$")


def words(text: str) -> str:
    return "".join(ch for ch in _T2S.convert(text) if ch.isalnum())


def lost_lines(source: str, document: ParsedDocument) -> list[str]:
    provisions = "|".join(
        words(f"{p.label or ''}{p.original_text}") for policy in document.policies for p in policy.provisions
    )
    consumed = "|".join(
        words(f"{pp.policy.title}|{pp.policy.doc_number or ''}|{pp.policy.issuer or ''}") for pp in document.policies
    )
    draft = any(pp.policy.status is PolicyStatus.DRAFT for pp in document.policies)
    lost = []
    for raw in source.splitlines():
        line = _MARKERS.sub("", raw)
        if _PAGE.match(line):
            continue
        text = words(line)
        if not text or text in provisions:
            continue
        bare = text.removesuffix("文件").replace("征求意见稿", "")
        if text in consumed or (bare and bare in consumed) or (not bare and draft):
            continue
        lost.append(raw)
    return lost


def provision_words(document: ParsedDocument) -> int:
    return sum(
        len(words(f"{p.label or ''}{p.original_text}")) for policy in document.policies for p in policy.provisions
    )


def source_words(source: str) -> int:
    return sum(len(words(_MARKERS.sub("", line))) for line in source.splitlines())
