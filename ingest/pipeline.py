"""The ingest pipeline for a set of files: text -> provisions -> facts -> graph.

Each document is read, parsed and extracted completely before anything is written, and then
written in one atomic query: a document that fails at any step is reported with the reason and
changes nothing, and the others still load.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import ParsedDocument
from graphapi.domain.regions import RegionTree, default_regions
from graphapi.store.base import GraphStore, StoreError, StoreUnavailable
from ingest.documents import parse_file, parse_text
from ingest.errors import DocumentError
from ingest.facts import extract
from ingest.load import LoadSummary, load_document, load_entities

SUFFIXES = frozenset({".txt", ".docx", ".html", ".htm"})


@dataclass(slots=True)
class DocumentResult:
    path: Path
    summary: LoadSummary | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def source_files(paths: Iterable[Path]) -> list[Path]:
    """The files to ingest: files as given, directories searched for policy documents."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


async def ingest_file(
    store: GraphStore, path: Path, resolver: EntityResolver, regions: RegionTree
) -> DocumentResult:
    try:
        doc = await asyncio.to_thread(parse_file, path)
    except DocumentError as exc:
        return DocumentResult(path, error=str(exc))
    return await _extract_and_load(store, path, doc, resolver, regions)


async def ingest_text(
    store: GraphStore, name: str, text: str, resolver: EntityResolver, regions: RegionTree
) -> DocumentResult:
    """One document given as text under the file name `name` (the API's ingestDocument): the
    steps `ingest_paths` takes for one file, entities included."""
    path = Path(name)
    try:
        doc = await asyncio.to_thread(parse_text, text, name)
    except DocumentError as exc:
        return DocumentResult(path, error=str(exc))
    return await _extract_and_load(store, path, doc, resolver, regions, with_entities=True)


async def _extract_and_load(
    store: GraphStore,
    path: Path,
    doc: ParsedDocument,
    resolver: EntityResolver,
    regions: RegionTree,
    *,
    with_entities: bool = False,
) -> DocumentResult:
    # Parsing and extraction run in worker threads, so that a server ingesting a document
    # (ingestDocument) keeps answering meanwhile.
    try:
        facts = await asyncio.to_thread(extract, doc, resolver, regions)
    except Exception as exc:  # noqa: BLE001 - a rule crashing on one document must not stop the run
        return DocumentResult(path, error=f"extraction failed: {type(exc).__name__}: {exc}")
    try:
        if with_entities:
            await load_entities(store, resolver.catalog, regions)
        summary = await load_document(store, doc, facts, regions)
    except StoreUnavailable:
        raise  # nothing else can load either; the caller reports it once
    except StoreError as exc:
        return DocumentResult(path, error=f"the store refused the document: {exc}")
    return DocumentResult(path, summary=summary, warnings=summary.warnings)


async def ingest_paths(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    on_done: Callable[[DocumentResult], None] = lambda result: None,
) -> list[DocumentResult]:
    resolver = EntityResolver.default()
    regions = default_regions()
    await load_entities(store, resolver.catalog, regions)
    results = []
    for path in source_files(paths):
        result = await ingest_file(store, path, resolver, regions)
        on_done(result)
        results.append(result)
    return results


def failures(results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
    return (r for r in results if not r.ok)
