"""Editions of one program's rules (ingest.editions): a district's 实施办法 revised in a later
year defines the same program and tier ids as the edition it repeals. The newer issued edition
holds the program's facts whichever is loaded first; the older stays as history; a draft
(征求意见稿) repeals nothing yet; two editions neither of which repeals the other conflict.
Compared on full graph dumps, and on what qualifyingTiers answers over GraphQL.

The texts (tests/ingest/texts/editions) were written for these tests: 晋宁区's 实施办法 of 2019
(晋人才发〔2019〕3号, tiers A–C), its 2023 revision (晋人才发〔2023〕11号, tiers A–B, new ages,
ranks and amounts, 原《…（试行）》（晋人才发〔2019〕3号）同时废止), a 2025 征求意见稿 repealing
the 2023 edition, a 2021 text of the program that repeals nothing, and a notice repealing the
2019 edition alone.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from graphapi.app import create_app
from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.base import GraphStore
from ingest import editions
from ingest.pipeline import ingest_paths
from tests.ingest.support import TEXTS
from tests.store.conftest import TEST_QUERIES
from tests.store.support import dump, duplicate_ids

EDITIONS = TEXTS / "editions"
OLD = EDITIONS / "jinning_2019.txt"
NEW = EDITIONS / "jinning_2023.txt"
DRAFT = EDITIONS / "jinning_2025_draft.txt"
UNRELATED = EDITIONS / "jinning_2021_no_repeal.txt"
REPEAL_NOTICE = EDITIONS / "jinning_2024_repeal_notice.txt"
PROGRAM = "program:jn-gccrc"
OLD_POLICY, NEW_POLICY, DRAFT_POLICY = "jn-2019-gccrcyjpy", "jn-2023-gccrcyjpy", "jn-gccrcyjpy"


@pytest.fixture(scope="module")
async def store(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[GraphStore]:
    opened = open_store(
        Settings(graph_uri=str(tmp_path_factory.mktemp("editions") / "graph.rdb")), query_dirs=[TEST_QUERIES]
    )
    await opened.open()
    yield opened
    await opened.close()


def nodes_of(state: tuple) -> list[tuple[str, dict]]:
    return [tuple(json.loads(node)) for node in state[0]]


def edges_of(state: tuple) -> list[list]:
    return [json.loads(edge) for edge in state[1]]


async def load(store: GraphStore, *paths: Path, one_run: bool = False) -> list:
    """Load the files in this order, in one ingest run or one run each."""
    if one_run:
        return await ingest_paths(store, list(paths))
    return [result for path in paths for result in await ingest_paths(store, [path])]


async def state_after(store: GraphStore, *paths: Path, one_run: bool = False) -> tuple[tuple, list]:
    await store.reset()
    results = await load(store, *paths, one_run=one_run)
    return await dump(store), results


def facts_under_program(state: tuple) -> list[dict]:
    """Tiers, criteria, relaxations, benefits and stacking rules of the program."""
    return [
        props
        for label, props in nodes_of(state)
        if label in {"Tier", "Criterion", "Relaxation", "Benefit"} and editions.under(PROGRAM, props["id"])
        or label == "StackingRule" and any(editions.under(PROGRAM, g) for g in props.get("governs", []))
    ]


# --- a new edition and the one it repeals -----------------------------------------------------


@pytest.mark.parametrize("one_run", [False, True], ids=["separate-runs", "one-run"])
async def test_the_new_edition_takes_over_the_program_and_the_old_stays_as_history(store, one_run):
    state, (old, new) = await state_after(store, OLD, NEW, one_run=one_run)
    assert old.ok and new.ok, (old.error, new.error)
    (warning,) = [w for w in new.warnings if "takes its place" in w]
    assert "《晋宁区高层次人才引进培养实施办法（试行）》（晋人才发〔2019〕3号） (jinning_2019.txt)" in warning
    assert PROGRAM in warning

    nodes = nodes_of(state)
    assert duplicate_ids(state[0]) == [] and all(n == 1 for n in state[1].values())
    # Every fact of the program is the new edition's: tier C, which it dropped, is gone.
    facts = facts_under_program(state)
    assert facts and {p["documentKey"] for p in facts} == {NEW.name}
    assert sorted(p["code"] for p in facts if "code" in p) == ["A", "B"]
    (program,) = [p for label, p in nodes if label == "Program"]
    assert (program["documentKey"], program["policyId"]) == (NEW.name, NEW_POLICY)
    # The old edition stays browsable: its policy, every provision, the REPEALS link, and the
    # ESTABLISHES link that is its history.
    policies = {p["id"]: p for label, p in nodes if label == "Policy"}
    assert policies[OLD_POLICY]["documentKey"] == OLD.name and not policies[OLD_POLICY]["placeholder"]
    assert sum(1 for label, p in nodes if label == "Provision" and p["documentKey"] == OLD.name) > 20
    links = {(e[1], e[2], e[5]) for e in edges_of(state)}
    assert {(NEW_POLICY, "REPEALS", OLD_POLICY), (OLD_POLICY, "ESTABLISHES", PROGRAM), (NEW_POLICY, "ESTABLISHES", PROGRAM)} <= links
    assert not [p for label, p in nodes if label == "Policy" and p.get("placeholder")]


@pytest.mark.parametrize("one_run", [False, True], ids=["separate-runs", "one-run"])
async def test_the_old_edition_loaded_after_the_new_one_gives_the_same_graph(store, one_run):
    forward, _ = await state_after(store, OLD, NEW)
    backward, (new, old) = await state_after(store, NEW, OLD, one_run=one_run)
    assert new.ok and old.ok, (new.error, old.error)
    assert old.summary.tiers == old.summary.criteria == old.summary.benefits == 0
    (warning,) = [w for w in old.warnings if "is repealed by" in w]
    assert "《晋宁区高层次人才引进培养实施办法》（晋人才发〔2023〕11号）, loaded from jinning_2023.txt" in warning
    assert backward == forward


async def test_reingesting_the_editions_changes_nothing(store):
    first, _ = await state_after(store, OLD, NEW)
    for order in ([OLD, NEW], [NEW, OLD]):
        results = await ingest_paths(store, order)
        assert all(r.ok for r in results), [r.error for r in results]
        assert await dump(store) == first


VARIANTS = {
    # Editions of a series often keep their title: the 文号 tells them apart.
    "same-title": lambda text: text.replace("\n晋宁区高层次人才引进培养实施办法\n", "\n晋宁区高层次人才引进培养实施办法（试行）\n"),
    # Cited by its 文号 under a shorter title: the placeholder's id is not the old edition's.
    "shorter-title": lambda text: text.replace("原《晋宁区高层次人才", "原《高层次人才"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
async def test_the_repealed_edition_is_found_by_its_number(store, tmp_path, variant):
    new = tmp_path / NEW.name
    new.write_text(VARIANTS[variant](NEW.read_text(encoding="utf-8")), encoding="utf-8")
    assert new.read_text(encoding="utf-8") != NEW.read_text(encoding="utf-8")
    forward, results = await state_after(store, OLD, new)
    assert all(r.ok for r in results), [r.error for r in results]
    assert {p["documentKey"] for p in facts_under_program(forward)} == {new.name}
    assert (NEW_POLICY, "REPEALS", OLD_POLICY) in {(e[1], e[2], e[5]) for e in edges_of(forward)}
    backward, results = await state_after(store, new, OLD)
    assert all(r.ok for r in results), [r.error for r in results]
    assert backward == forward


# --- drafts and editions that repeal nothing --------------------------------------------------


async def test_a_draft_repealing_the_edition_in_force_loads_without_taking_over(store):
    in_force, _ = await state_after(store, OLD, NEW)
    state, results = await state_after(store, OLD, NEW, DRAFT)
    assert all(r.ok for r in results), [r.error for r in results]
    (warning,) = [w for w in results[-1].warnings if "征求意见稿" in w]
    assert "repeals nothing yet" in warning and "jinning_2023.txt" in warning
    # The program keeps the 2023 edition's facts; the draft is there to read, with its link.
    assert facts_under_program(state) == facts_under_program(in_force)
    policies = {p["id"]: p for label, p in nodes_of(state) if label == "Policy"}
    assert policies[DRAFT_POLICY]["status"] == "DRAFT"
    assert (DRAFT_POLICY, "REPEALS", NEW_POLICY) in {(e[1], e[2], e[5]) for e in edges_of(state)}
    # Loaded first, the draft gives the program back to the edition it would repeal.
    for order in ([DRAFT, NEW, OLD], [NEW, DRAFT, OLD]):
        again, results = await state_after(store, *order)
        assert all(r.ok for r in results), [r.error for r in results]
        assert again == state, [p.name for p in order]


@pytest.mark.parametrize("order", [(OLD, UNRELATED), (UNRELATED, OLD), (OLD, DRAFT)], ids=["after", "before", "draft"])
async def test_an_edition_that_does_not_repeal_the_other_is_refused(store, order):
    first, second = order
    before, _ = await state_after(store, first)
    (result,) = await ingest_paths(store, [second])
    assert not result.ok
    assert f"program 晋宁区高层次人才 ({PROGRAM}) is already defined by {first.name}" in result.error
    assert "neither repeals the other" in result.error and "--replace" in result.error
    assert await dump(store) == before


# --- what the reasoning sees ------------------------------------------------------------------

HEADLINE = """
query($profile: TalentProfileInput!) {
  qualifyingTiers(profile: $profile, includeIneligible: true) {
    status
    tier { id code criteria { text } benefits { name amountMax } }
    citations { policy { id } }
  }
}"""
# A national 国家科学技术进步奖 二等奖 winner ranked third, 52, full time in 晋宁区: B of the 2023
# edition (55周岁以下, 二等奖前三名); not B of 2019 (50周岁以下, 二等奖前二名).
PROFILE = {
    "awards": [{"name": "国家科学技术进步奖", "grade": "二等奖", "rank": 3}],
    "region": "晋宁区",
    "age": 52,
    "employment": "FULL_TIME",
}


async def qualifying(store: GraphStore) -> dict[str, dict]:
    app = create_app(Settings(graph_uri="unused.rdb", debug=True), store=store)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            response = await http.post("/graphql", json={"query": HEADLINE, "variables": {"profile": PROFILE}})
    body = response.json()
    assert not body.get("errors"), body["errors"]
    return {match["tier"]["id"]: match for match in body["data"]["qualifyingTiers"]}


async def programs_in(store: GraphStore, region: str | None) -> list[str]:
    app = create_app(Settings(graph_uri="unused.rdb"), store=store)
    query = "query($region: String) { programs(region: $region) { id } }"
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            body = (await http.post("/graphql", json={"query": query, "variables": {"region": region}})).json()
    assert not body.get("errors"), body["errors"]
    return [p["id"] for p in body["data"]["programs"]]


async def test_qualifying_tiers_use_the_new_editions_criteria_and_amounts_only(store):
    await state_after(store, OLD)
    old = await qualifying(store)
    assert old[f"{PROGRAM}/B"]["status"] == "INELIGIBLE" and f"{PROGRAM}/C" in old

    for order in ([OLD, NEW, DRAFT], [DRAFT, NEW, OLD]):
        await state_after(store, *order)
        matches = await qualifying(store)
        assert sorted(matches) == [f"{PROGRAM}/A", f"{PROGRAM}/B"]
        b = matches[f"{PROGRAM}/B"]
        assert b["status"] == "ELIGIBLE"
        texts = {c["text"] for c in b["tier"]["criteria"]}
        assert {"年龄一般在55周岁以下", "国家科学技术进步奖二等奖前三名完成人"} <= texts
        assert not texts & {"年龄一般在50周岁以下", "国家科学技术进步奖二等奖前二名完成人", "年龄一般在58周岁以下"}
        amounts = sorted((x["name"], x["amountMax"]) for x in b["tier"]["benefits"])
        assert amounts == [("一次性生活补贴", 200_000.0), ("购房津贴", 1_500_000.0)]
        assert {c["policy"]["id"] for m in matches.values() for c in m["citations"]} == {NEW_POLICY}


async def test_a_program_is_left_out_only_when_every_edition_is_repealed(store, tmp_path):
    await state_after(store, OLD, REPEAL_NOTICE)
    assert await qualifying(store) == {}  # its only edition is repealed
    assert PROGRAM not in await programs_in(store, "晋宁区")  # nor listed as applying there
    assert PROGRAM in await programs_in(store, None)  # but still a program of the graph (history)

    draft = tmp_path / "repeal_draft.txt"
    draft.write_text(REPEAL_NOTICE.read_text(encoding="utf-8").replace("\n晋政办发〔2024〕2号\n", "\n（征求意见稿）\n"), encoding="utf-8")
    await state_after(store, OLD, draft)
    assert f"{PROGRAM}/B" in await qualifying(store)  # a draft repeals nothing yet

    await state_after(store, OLD, NEW, REPEAL_NOTICE)
    assert sorted(await qualifying(store)) == [f"{PROGRAM}/A", f"{PROGRAM}/B"]  # 2023 still applies
    assert PROGRAM in await programs_in(store, "晋宁区")


# --- the decision alone -----------------------------------------------------------------------


def own(policy_id: str, *, draft: bool = False, repeals: tuple[str, ...] = (), number: str | None = None) -> editions.OwnPolicy:
    return editions.OwnPolicy(policy_id, f"《{policy_id}》", number, f"title-{policy_id}", draft, frozenset(repeals))


def edition(policy_id: str, key: str, status: str = "IN_FORCE") -> editions.Edition:
    return editions.Edition(policy_id, "program:x", policy_id, None, status, key)


CONTEST = editions.Contest("old.txt", "program:x", "某计划")


def test_settle_decides_each_contested_program():
    held = [edition("old", "old.txt")]
    assert editions.settle("new.txt", [own("new", repeals=("old",))], [CONTEST], held, []).superseded
    assert editions.settle("new.txt", [own("new", draft=True, repeals=("old",))], [CONTEST], held, []).yielded
    assert editions.settle("new.txt", [own("new")], [CONTEST], held, []).unresolved == [CONTEST]
    # Repealed by an issued edition in the graph (by id, or a placeholder by its 文号).
    link = editions.Repealed("ref:x", "某发〔2019〕1号", None, True, "old")
    assert editions.settle("new.txt", [own("new", number="某发〔2019〕1号")], [CONTEST], held, [link]).yielded
    assert editions.settle("new.txt", [own("new", number="某发〔2020〕1号")], [CONTEST], held, [link]).unresolved
    # A real policy of another id is not this one, whatever its title.
    other = editions.Repealed("other", None, "title-new", False, "old")
    assert editions.settle("new.txt", [own("new")], [CONTEST], held, [other]).unresolved
    # Each repealing the other contradicts: refused.
    both = editions.Repealed("new", None, None, False, "old")
    assert editions.settle("new.txt", [own("new", repeals=("old",))], [CONTEST], held, [both]).unresolved
    # A draft holding the program gives it back to the issued edition it would repeal.
    draft_held = [edition("old", "old.txt", "DRAFT")]
    assert editions.settle("new.txt", [own("new")], [CONTEST], draft_held, [both]).superseded
