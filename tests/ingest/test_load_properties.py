"""Properties of load_document on mutated corpus documents (lines deleted, repeated, swapped,
cut, inserted; see test_properties.py), checked on full dumps of the graph: reloading a document
leaves the identical graph, and a second document never duplicates an id — it loads beside the
first, changing nothing the first owns, or it is refused and changes nothing at all."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from hypothesis import HealthCheck, given, settings

from graphapi.config import Settings
from graphapi.domain import model
from graphapi.domain.entities import EntityResolver
from graphapi.domain.regions import default_regions
from graphapi.store import open_store
from graphapi.store.base import GraphStore
from ingest.documents import parse_text
from ingest.errors import DocumentError
from ingest.facts import extract
from ingest.load import OwnershipConflict, load_document, load_entities
from tests.ingest.test_properties import mutated_documents
from tests.store.conftest import TEST_QUERIES
from tests.store.support import dump, duplicate_ids

RESOLVER = EntityResolver.default()
REGIONS = default_regions()
PROPERTY_SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
async def graph(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[GraphStore]:
    store = open_store(
        Settings(graph_uri=str(tmp_path_factory.mktemp("load-properties") / "graph.rdb")), query_dirs=[TEST_QUERIES]
    )
    await store.open()
    yield store
    await store.close()


def parsed(text: str, name: str) -> tuple[model.ParsedDocument, model.Facts] | None:
    """The document and its facts; None when the parser refuses it (a named DocumentError)."""
    try:
        doc = parse_text(text, name)
    except DocumentError:
        return None
    try:
        facts = extract(doc, RESOLVER, REGIONS)
    except Exception:  # noqa: BLE001 - a mutation may upset a curation entry: load the provisions alone
        facts = model.Facts()
    return doc, facts


async def fresh(store: GraphStore) -> None:
    await store.reset()
    await load_entities(store, RESOLVER.catalog, REGIONS)


def owned_by(state: tuple, document: str) -> list[str]:
    nodes, _ = state
    return sorted(node for node in nodes if json.loads(node)[1].get("documentKey") == document)


@given(text=mutated_documents())
@PROPERTY_SETTINGS
async def test_reloading_a_document_leaves_the_identical_graph(graph, text):
    read = parsed(text, "mutated.txt")
    if read is None:
        return
    await fresh(graph)
    await load_document(graph, *read, REGIONS)
    first = await dump(graph)
    await load_document(graph, *read, REGIONS)
    assert await dump(graph) == first
    assert duplicate_ids(first[0]) == []


@given(first_text=mutated_documents(), second_text=mutated_documents())
@PROPERTY_SETTINGS
async def test_a_second_document_never_duplicates_an_id(graph, first_text, second_text):
    first, second = parsed(first_text, "first.txt"), parsed(second_text, "second.txt")
    if first is None or second is None:
        return
    await fresh(graph)
    await load_document(graph, *first, REGIONS)
    before = await dump(graph)
    try:
        await load_document(graph, *second, REGIONS)
    except OwnershipConflict as conflict:
        assert conflict.owners == ["first.txt"]
        assert await dump(graph) == before
        return
    after = await dump(graph)
    assert duplicate_ids(after[0]) == []
    assert owned_by(after, "first.txt") == owned_by(before, "first.txt")
