"""The store goes away: the embedded server killed for real (SIGKILL) or hung (SIGSTOP), Neo4j
unreachable, a store that cannot be opened at start-up. The API says STORE_UNAVAILABLE and
/healthz 503 with the reason, keeps serving what needs no store, and recovers by itself once
the store is back."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from pathlib import Path

import httpx

from graphapi.config import Settings
from tests.api.conftest import GraphQLClient
from tests.hardening.conftest import corpus_in, serving
from tests.hardening.support import uvicorn

POLICIES = "{ policies(first: 100) { totalCount edges { node { id title } } } }"
SEARCH = '{ search(text: "购房津贴", first: 5) { id } }'


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def healthz(client: GraphQLClient) -> httpx.Response:
    return await client.http.get("/healthz")


async def wait_healthy(client: GraphQLClient, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (response := await healthz(client)).status_code != 200:
        assert loop.time() < deadline, f"still unhealthy after {timeout:.0f} s: {response.json()}"
        await asyncio.sleep(0.1)


async def test_embedded_server_killed_then_unavailable_then_back(tmp_path: Path):
    graph = tmp_path / "outage.rdb"
    await (await corpus_in(graph)).close()
    async with serving(Settings(graph_uri=str(graph))) as client:
        store = client.http._transport.app.state.store  # type: ignore[attr-defined]
        before = await client.data(POLICIES)
        found = await client.data(SEARCH)
        assert before["policies"]["totalCount"] == 12 and found["search"]

        os.kill(store.server_pid, signal.SIGKILL)
        down = await healthz(client)  # the first call after the kill finds the server gone
        assert down.status_code == 503
        assert down.json()["status"] == "unavailable"
        assert "not running" in down.json()["reason"]
        await wait_healthy(client)
        assert await client.data(POLICIES) == before

        old_pid = store.server_pid
        os.kill(old_pid, signal.SIGKILL)
        error = await client.error(POLICIES)
        assert error["extensions"]["code"] == "STORE_UNAVAILABLE"
        assert error["message"].startswith("The graph store is unavailable: ")
        assert (await client.data("{ awards { id } }"))["awards"]  # what needs no store still answers
        await wait_healthy(client)
        assert store.server_pid != old_pid
        assert await client.data(POLICIES) == before
        # The restarted server rebuilds its full-text index in the background: for a few
        # milliseconds search finds nothing (an adapter matter, reported), then the same hits.
        deadline = asyncio.get_running_loop().time() + 5
        while (again := await client.data(SEARCH)) != found and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
        assert again == found


async def test_embedded_server_hung_then_unavailable_then_back(tmp_path: Path):
    graph = tmp_path / "hung.rdb"
    await (await corpus_in(graph)).close()
    async with serving(Settings(graph_uri=str(graph), request_timeout=0.5)) as client:
        store = client.http._transport.app.state.store  # type: ignore[attr-defined]
        before = await client.data(POLICIES)
        os.kill(store.server_pid, signal.SIGSTOP)  # alive, but answers nothing
        try:
            error = await client.error(POLICIES)
            down = await healthz(client)
            awards = await client.data("{ awards { id } }")
        finally:
            os.kill(store.server_pid, signal.SIGCONT)
        assert error["extensions"]["code"] == "STORE_UNAVAILABLE"
        assert error["message"] == "The graph store is unavailable: the store did not answer within 0.5 s"
        assert down.status_code == 503
        assert down.json()["reason"] == "the store did not answer within 0.5 s"
        assert awards["awards"]  # what needs no store still answers
        await wait_healthy(client)
        assert await client.data(POLICIES) == before


async def test_neo4j_unreachable_at_start_up():
    settings = Settings(graph_uri=f"bolt://127.0.0.1:{closed_port()}")
    async with serving(settings) as client:
        down = await healthz(client)
        assert down.status_code == 503
        body = down.json()
        assert body["backend"] == "neo4j"
        assert "unreachable" in body["reason"] and "retrying" in body["reason"]
        error = await client.error(POLICIES)
        assert error["extensions"]["code"] == "STORE_UNAVAILABLE"
        assert "Neo4j at bolt://127.0.0.1" in error["message"]
        assert (await client.data('{ resolveTitle(name: "杰青") { title { id } } }'))["resolveTitle"]


async def test_a_store_that_cannot_open_at_start_up_is_used_once_it_can(tmp_path: Path):
    blocker = tmp_path / "graph"
    blocker.write_text("a file where the store's directory should be")
    graph = blocker / "talent.rdb"
    async with serving(Settings(graph_uri=str(graph))) as client:
        down = await healthz(client)
        assert down.status_code == 503
        assert "cannot start the embedded FalkorDB server" in down.json()["reason"]
        assert (await client.error(POLICIES))["extensions"]["code"] == "STORE_UNAVAILABLE"

        blocker.unlink()  # the operator fixes it; the app notices by itself
        store = await corpus_in(graph)
        try:
            await wait_healthy(client)
            assert (await client.data(POLICIES))["policies"]["totalCount"] == 12
        finally:
            await store.close()


def test_uvicorn_starts_while_the_store_is_away(tmp_path: Path):
    env = {"GRAPH_URI": f"bolt://127.0.0.1:{closed_port()}"}
    with uvicorn(env, tmp_path / "server.log") as server:
        health = httpx.get(f"{server.url}/healthz", timeout=10)
        answer = httpx.post(f"{server.url}/graphql", json={"query": POLICIES}, timeout=30)
        logged = server.log_lines()
    assert health.status_code == 503
    assert answer.status_code == 200
    assert answer.json()["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"
    assert any(line.get("event") == "store_unavailable_at_start" for line in logged)
