"""The ingest pipeline for a set of files: text -> provisions -> facts -> graph.

Each document is read, parsed and extracted completely before anything is written, and then
written atomically (`ingest.load.Loader`, several documents per round trip): a document that
fails at any step is reported with the reason and changes nothing, and the others still load.

Reading, parsing and extraction run a few documents ahead of the writes, so that the store
writes document i while document i + 1 is read: in a worker process when there are many files
(the GIL would otherwise serialise reading with the loader's own work), in a worker thread for a
few (a process takes about a second to start).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from graphapi.domain.entities import EntityResolver
from graphapi.domain.knowledge import Citation
from graphapi.domain.model import Facts, ParsedDocument, Policy
from graphapi.domain.regions import RegionTree, default_regions
from graphapi.store.base import GraphStore, StoreError, StoreUnavailable
from ingest.documents import parse_file, parse_text
from ingest.errors import DocumentError
from ingest.facts import extract
from ingest.facts.curation import CurationError
from ingest.facts.curation import load as curation_entries
from ingest.load import Loader, LoadSummary, Outcome, load_entities

log = logging.getLogger(__name__)

SUFFIXES = frozenset({".txt", ".docx", ".html", ".htm"})
READ_AHEAD = 3
"""Documents read and extracted ahead of the one being written."""
PROCESS_FROM = 24
"""Files from which reading runs in a worker process rather than a thread."""


@dataclass(slots=True)
class DocumentResult:
    path: Path
    summary: LoadSummary | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class _Read:
    """A document parsed and extracted, or the reason it could not be."""

    doc: ParsedDocument | None = None
    facts: Facts | None = None
    error: str | None = None


def source_files(paths: Iterable[Path]) -> list[Path]:
    """The files to ingest: files as given, directories searched for policy documents."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def curation_message(doc: ParsedDocument, error: CurationError) -> str:
    """A curation entry that no longer fits the document, in the words of whoever loads it:
    which policy's text differs, where, and what to do. (The entry is found by the name its
    errors start with, e.g. "criteria.yaml entry 1: …".)"""
    message = str(error)
    entry = next((e for e in curation_entries() if message.startswith(f"{e.source}: ")), None)
    located = _locate(doc, entry.provision) if entry is not None else None
    if entry is None or located is None:
        return f"the curation files (data/curation) do not fit this document: {message}"
    policy, where = located
    if entry.phrase not in message:
        problem = f"{entry.source} no longer fits {where} ({entry.provision}): {message.removeprefix(entry.source + ': ')}"
    else:
        problem = f"{where} ({entry.provision}) no longer contains “{entry.phrase}” ({entry.source})"
    return (
        f"the text of 《{policy.title}》 ({policy.id}) differs from the edition the curation file "
        f"was reviewed on: {problem}. Check the fact that entry records against this text, then "
        "update or remove it in data/curation"
    )


def _locate(doc: ParsedDocument, provision_id: str) -> tuple[Policy, str] | None:
    """The policy holding a provision and the provision's place in it (第七条第（二）项)."""
    for parsed in doc.policies:
        by_id = {p.id: p for p in parsed.provisions}
        chain = []
        current = by_id.get(provision_id)
        while current is not None:
            chain.insert(0, current)
            current = by_id.get(current.parent_id) if current.parent_id else None
        if chain:
            return parsed.policy, Citation.from_chain(chain, parsed.policy.title).location() or provision_id
    return None


def read_document(path: Path, resolver: EntityResolver, regions: RegionTree) -> _Read:
    """Parse and extract one file (blocking; run in a worker thread)."""
    try:
        doc = parse_file(path)
    except DocumentError as error:
        return _Read(error=str(error))
    return _extract(doc, resolver, regions)


def _extract(doc: ParsedDocument, resolver: EntityResolver, regions: RegionTree) -> _Read:
    try:
        return _Read(doc, extract(doc, resolver, regions))
    except CurationError as error:
        return _Read(error=curation_message(doc, error))
    except Exception as error:  # noqa: BLE001 - a rule crashing on one document must not stop the run
        return _Read(error=f"extraction failed: {type(error).__name__}: {error}")


def _read_with_defaults(path: Path) -> _Read:
    """read_document with the bundled resolver and regions (built once per process: in a
    worker process, once there)."""
    return read_document(path, EntityResolver.default(), default_regions())


def _reader(files: int) -> Executor:
    if files < PROCESS_FROM:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-read")
    # forkserver: a fork of this process could inherit a lock another thread holds.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ingest.pipeline"])
    return ProcessPoolExecutor(max_workers=1, mp_context=context)


async def _read_ahead(files: list[Path]) -> AsyncIterator[tuple[int, _Read]]:
    """(index, read document) in file order, reading up to READ_AHEAD documents ahead in one
    worker (one: the store needs the other core), with the bundled resolver and regions. A
    worker process that dies (killed, out of memory) is replaced by a thread."""
    loop = asyncio.get_running_loop()
    executor = _reader(len(files))
    pending: deque[tuple[int, Path, asyncio.Future[_Read]]] = deque()

    def in_thread() -> None:
        nonlocal executor
        if isinstance(executor, ProcessPoolExecutor):
            log.warning("the ingest worker process died; reading on in a thread")
            executor.shutdown(wait=False, cancel_futures=True)
            executor = _reader(0)

    def submit(path: Path) -> asyncio.Future[_Read]:
        try:
            return loop.run_in_executor(executor, _read_with_defaults, path)
        except BrokenProcessPool:
            in_thread()
            return loop.run_in_executor(executor, _read_with_defaults, path)

    try:
        for index, path in enumerate(files):
            pending.append((index, path, submit(path)))
            while len(pending) > READ_AHEAD or (pending and index == len(files) - 1):
                done, done_path, future = pending.popleft()
                try:
                    read = await future
                except BrokenProcessPool:
                    in_thread()
                    pending = deque((i, p, submit(p)) for i, p, _ in pending)
                    read = await submit(done_path)
                yield done, read
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _result(path: Path, outcome: Outcome[int]) -> DocumentResult:
    if outcome.summary is None:
        return DocumentResult(path, error=outcome.error)
    return DocumentResult(path, summary=outcome.summary, warnings=outcome.summary.warnings)


async def ingest_paths(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    on_done: Callable[[DocumentResult], None] = lambda result: None,
    replace: bool = False,
) -> list[DocumentResult]:
    """Load every document under `paths`; one result per file, in file order. With `replace`,
    a document whose policies another file loaded replaces that file's content (see ingest.load)."""
    resolver = EntityResolver.default()
    regions = default_regions()
    await load_entities(store, resolver.catalog, regions)
    files = source_files(paths)
    loader: Loader[int] = Loader(store, regions, replace=replace)
    results: dict[int, DocumentResult] = {}

    def report(outcomes: list[Outcome[int]]) -> None:
        for outcome in outcomes:
            results[outcome.tag] = _result(files[outcome.tag], outcome)
            on_done(results[outcome.tag])

    async for index, read in _read_ahead(files):
        if read.doc is None or read.facts is None:
            report([Outcome(index, error=read.error)])
        else:
            report(await loader.add(read.doc, read.facts, index))
    report(await loader.finish())
    return [results[i] for i in range(len(files))]


async def ingest_text(
    store: GraphStore,
    name: str,
    text: str,
    resolver: EntityResolver,
    regions: RegionTree,
    *,
    replace: bool = False,
) -> DocumentResult:
    """One document given as text under the file name `name` (the API's ingestDocument): the
    steps `ingest_paths` takes for one file, entities included."""
    path = Path(name)
    try:
        doc = await asyncio.to_thread(parse_text, text, name)
    except DocumentError as error:
        return DocumentResult(path, error=str(error))
    # In worker threads, so that a server ingesting a document keeps answering meanwhile.
    read = await asyncio.to_thread(_extract, doc, resolver, regions)
    if read.doc is None or read.facts is None:
        return DocumentResult(path, error=read.error)
    loader: Loader[int] = Loader(store, regions, replace=replace)
    try:
        await load_entities(store, resolver.catalog, regions)
        outcomes = await loader.add(read.doc, read.facts, 0) + await loader.finish()
    except StoreUnavailable:
        raise
    except StoreError as error:
        return DocumentResult(path, error=f"the store refused the document: {error}")
    return _result(path, outcomes[-1])


def failures(results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
    return (r for r in results if not r.ok)
