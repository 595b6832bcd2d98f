"""Loading parsed documents into the graph: idempotent, atomic per document, citations linked."""

from __future__ import annotations

import pytest

from graphapi.domain import model
from graphapi.domain.entities import EntityResolver
from graphapi.domain.regions import default_regions
from graphapi.store.base import StoreError
from ingest.documents import parse_file, parse_text
from ingest.load import document_params, load_document, load_entities
from tests.conftest import CORPUS, graph_counts

NO_FACTS = model.Facts()


def corpus_docs() -> list[model.ParsedDocument]:
    return [parse_file(path) for path in sorted(CORPUS.glob("*.txt"))]


async def load_all(store, docs) -> None:
    regions = default_regions()
    await load_entities(store, EntityResolver.default().catalog, regions)
    for doc in docs:
        await load_document(store, doc, NO_FACTS, regions)


async def test_loading_twice_leaves_identical_counts(empty_store):
    docs = corpus_docs()
    await load_all(empty_store, docs)
    first = await graph_counts(empty_store)
    await load_all(empty_store, docs)
    assert await graph_counts(empty_store) == first
    provisions = sum(len(p.provisions) for d in docs for p in d.policies)
    assert first[("node", "Provision")] == provisions
    assert first[("relationship", "HAS_PART")] == provisions


async def test_every_provision_is_reachable_from_its_policy_in_order(empty_store):
    docs = corpus_docs()
    await load_all(empty_store, docs)
    for parsed in (p for d in docs for p in d.policies):
        (row,) = await empty_store.read("parts_by_policies", ids=[parsed.policy.id])
        assert [n["id"] for n in row["provisions"]] == [p.id for p in parsed.provisions]


async def test_citation_labels_are_stored_for_rendering(empty_store):
    (doc,) = [d for d in corpus_docs() if d.source_file.startswith("001")]
    await load_all(empty_store, [doc])
    (housing,) = [p for p in doc.policies[0].provisions if p.text.startswith("购房津贴")]
    (row,) = await empty_store.read("provisions_by_ids", ids=[housing.id])
    assert row["n"]["citationLabels"][-2:] == ["第十一条", "（一）"]


async def matching(store, **keys) -> list[dict]:
    """The policies the loader finds by 文号 or title (the `match` rows of load_context)."""
    rows = await store.read(
        "load_context", policyIds=[], programIds=[], tierIds=[], editionProgramIds=[], ownDocNumbers=[], ownTitleKeys=[], **keys
    )
    return [row for row in rows if row["kind"] == "match"]


async def test_a_cited_document_is_a_placeholder_until_it_is_loaded(empty_store):
    (note,) = [d for d in corpus_docs() if d.source_file.startswith("000")]
    await load_all(empty_store, [note])
    rows = await matching(empty_store, docNumbers=["昆科规〔2019〕2号"], titleKeys=[])
    (placeholder,) = rows
    assert placeholder["placeholder"] is True

    # The cited 实施细则 arrives later: the placeholder gives way and the CITES edge follows.
    cited = parse_text(
        "昆明市中青年学术和技术带头人及后备人选选拔培养考核实施细则\n"
        "第一条 为做好带头人选拔培养工作，制定本细则。\n第二条 本细则自发布之日起施行。\n",
        "kunming-rules.txt",
    )
    await load_document(empty_store, cited, NO_FACTS, default_regions())
    rows = await matching(empty_store, docNumbers=[], titleKeys=["昆明市中青年学术和技术带头人及后备人选选拔培养考核实施细则"])
    assert [r["placeholder"] for r in rows] == [False]
    counts = await graph_counts(empty_store)
    assert counts[("relationship", "CITES")] == 3  # 142号, the 细则 (now real), the 工作机制


async def test_a_failing_write_changes_nothing(empty_store, monkeypatch):
    docs = corpus_docs()
    await load_all(empty_store, docs[:2])
    before = await graph_counts(empty_store)

    import ingest.load as load_module

    original = load_module.document_params

    def broken(*args, **kwargs):
        params = original(*args, **kwargs)
        # A provision row the store cannot hold (a map value) fails the write midway.
        params["provisions"][-1]["text"] = {"not": "a string"}
        return params

    monkeypatch.setattr(load_module, "document_params", broken)
    with pytest.raises(StoreError):
        await load_document(empty_store, docs[2], NO_FACTS, default_regions())
    assert await graph_counts(empty_store) == before


async def test_reloading_a_shorter_version_removes_what_it_no_longer_has(empty_store):
    text = "某区人才引进办法（试行）\n第一条 为引进人才，制定本办法。\n第二条 入选者给予奖励。\n第三条 本办法自印发之日起施行。\n"
    await load_document(empty_store, parse_text(text, "x.txt"), NO_FACTS, default_regions())
    shorter = text.replace("第二条 入选者给予奖励。\n第三条", "第二条")
    await load_document(empty_store, parse_text(shorter, "x.txt"), NO_FACTS, default_regions())
    counts = await graph_counts(empty_store)
    assert counts[("node", "Provision")] == 2


def test_params_use_the_store_terms_and_policy_ids():
    (doc,) = [d for d in corpus_docs() if d.source_file.startswith("003")]
    params = document_params(doc, NO_FACTS, regions=default_regions(), index_terms=lambda t: t[:2])
    assert params["policyIds"] == [doc.policies[0].policy.id]
    assert all(row["searchTerms"] == row["text"][:2] for row in params["provisions"])
    assert params["policyRegions"] == [{"from": doc.policies[0].policy.id, "to": "region:shenzhen"}]


async def test_a_bad_document_in_a_batch_fails_alone_and_changes_nothing(empty_store, monkeypatch):
    from ingest.load import Loader

    docs = corpus_docs()
    regions = default_regions()
    await load_entities(empty_store, EntityResolver.default().catalog, regions)
    await load_document(empty_store, docs[0], NO_FACTS, regions)
    before = await graph_counts(empty_store)

    import ingest.load as load_module

    original = load_module.document_params
    bad = docs[2].source_file

    def broken(doc, *args, **kwargs):
        params = original(doc, *args, **kwargs)
        if doc.source_file == bad:  # a value the store cannot hold fails the write midway
            params["provisions"][-1]["text"] = {"not": "a string"}
        return params

    monkeypatch.setattr(load_module, "document_params", broken)
    loader: Loader[str] = Loader(empty_store, regions, batch_documents=10)
    outcomes = []
    for doc in docs[1:]:
        outcomes += await loader.add(doc, NO_FACTS, doc.source_file)
    outcomes += await loader.finish()
    assert [o.tag for o in outcomes] == [d.source_file for d in docs[1:]]  # in order, each once
    failed = {o.tag: o.error for o in outcomes if o.error}
    assert list(failed) == [bad] and failed[bad].startswith("the store refused the document")

    after = await graph_counts(empty_store)
    loaded = [d for d in docs[1:] if d.source_file != bad]
    provisions = sum(len(p.provisions) for d in [docs[0], *loaded] for p in d.policies)
    assert after[("node", "Provision")] == provisions
    assert after[("node", "Provision")] - before[("node", "Provision")] == provisions - sum(
        len(p.provisions) for p in docs[0].policies
    )
