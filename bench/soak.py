"""Soak: mixed load at a fixed rate against a local uvicorn server for N minutes.

    make soak                                 # the same as:
    python -m bench.soak                      # 10 minutes at 20 requests/s
    python -m bench.soak --minutes 1 --rate 40

The script ingests the bundled corpus into a fresh store, starts the server on it (as `make
serve` does, with an editor API key), and sends a mix of every kind of operation: browsing,
search, the reasoning questions, small duplicate checks, requests that must be refused
(BAD_USER_INPUT), /healthz, and a re-ingest of a corpus document over the API once a minute.
Requests leave on schedule whatever the answers' pace (open loop).

An error is anything but the expected answer: a transport failure, a 5xx, an error code where
none was expected (or another code than expected), or an answer that differs from the first
answer to the same request (search hits compared without their scores). Server RSS is sampled every 5 s; its growth is measured from the
end of the warm-up (the first tenth of the run, at most a minute) to the end, after the last
answers came back; the trend (least squares over the samples after warm-up) is reported too.
Both processes are sampled: the uvicorn server and the embedded store's redis-server (found
through the store's registry file; a restarted store is a new process, counted in `pids`),
and the store's own count of the memory it holds (INFO used_memory), which tells a growing
dataset from an allocator that keeps freed pages. `second_half_growth_pct` says whether the
growth goes on or levels off.

Writes bench/results/soak.json; exits 1 unless errors == 0 and the RSS growth of both the
server and the store is <= 10 %.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench import workload
from bench.server import ROOT, Server, rss_bytes, serve, used_memory
from bench.stats import percentile
from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.falkordb import registered_server
from ingest.pipeline import ingest_paths

CORPUS = ROOT / "data" / "policies"
RESULTS = ROOT / "bench" / "results" / "soak.json"
MAX_GROWTH = 0.10
MAX_IN_FLIGHT = 64

TITLES = ("杰青", "長江學者特聘教授", "两院院士", "万人计划", "春城计划入选者", "国家杰出青年基金")
PHRASES = ("购房津贴", "岗位津贴", "一次性工作生活补贴", "前三名完成人", "不重复享受", "培养经费")
PROFILES = (
    workload.HEADLINE_PROFILE,
    {"titles": ["杰青"], "age": 58, "region": "官渡区", "employment": "FULL_TIME"},
    {"titles": ["中国科学院院士"], "region": "东川区", "degree": "DOCTORATE"},
    {"awards": [{"name": "国家自然科学奖", "grade": "一等奖", "rank": 1}], "region": "深圳市", "age": 50},
)
TITLES_QUERY = "query($s: String!) { titles(search: $s, first: 10) { id name aliases } }"
RESOLVE_QUERY = "query($n: String!) { resolveTitle(name: $n) { score matchedAlias title { id name } } }"
PROGRAMS_QUERY = "{ programs { id name level region tiers { id code name rank } } awards { id name grades } }"
INGEST_QUERY = """mutation($name: String!, $text: String!) {
  ingestDocument(name: $name, text: $text) { document policies provisions tiers benefits rules warnings }
}"""
# Requests that must be refused, with the code they must carry.
REFUSED = (
    ({"query": "{ policies(first: 101) { totalCount } }"}, "BAD_USER_INPUT"),
    ({"query": workload.QUALIFYING_TIERS, "variables": {"profile": {"age": -3}}}, "BAD_USER_INPUT"),
    ({"query": workload.QUALIFYING_TIERS, "variables": {"profile": {"degree": "PHD"}}}, "BAD_USER_INPUT"),
    ({"query": 'query { policy(id: "x") { id } a1: awards { id } ' + " ".join(f"a{i}: awards {{ id }}" for i in range(2, 33)) + " }"}, "QUERY_TOO_COMPLEX"),
)


@dataclass(slots=True)
class Request:
    kind: str
    body: dict[str, Any] | None  # None: GET /healthz
    expect_code: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return json.dumps([self.kind, self.body], sort_keys=True, ensure_ascii=False)


@dataclass(slots=True)
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    first_answers: dict[str, Any] = field(default_factory=dict)
    sent: int = 0
    late: int = 0

    def error(self, kind: str, message: str) -> None:
        self.errors[kind] += 1
        if len(self.samples) < 20:
            self.samples.append(f"{kind}: {message[:300]}")


class Mix:
    """Chooses the next request; the weights are rough shares of a front-end's traffic."""

    def __init__(self, policy_ids: list[str], provision_ids: list[str], benefit_groups: list[list[str]], key: str):
        self.rng = random.Random(11)
        self.policy_ids = policy_ids
        self.provision_ids = provision_ids
        self.claim_batches = [workload.claims_batch(benefit_groups, n, seed=n) for n in (4, 12, 40)]
        self.auth = {"authorization": f"Bearer {key}"}
        self.choices = [
            (15, self.policies), (10, self.policy), (5, self.provision), (15, self.search),
            (8, self.titles), (8, self.resolve), (10, self.tiers), (5, self.package),
            (8, self.dedup), (4, self.programs), (6, self.refused), (2, self.health),
        ]
        self.weights = [w for w, _ in self.choices]

    def next(self) -> Request:
        (make,) = self.rng.choices([c for _, c in self.choices], weights=self.weights)
        return make()

    def policies(self) -> Request:
        return Request("policies", {"query": workload.POLICIES})

    def policy(self) -> Request:
        return Request("policy", {"query": workload.POLICY_WITH_PROVISIONS, "variables": {"id": self.rng.choice(self.policy_ids)}})

    def provision(self) -> Request:
        query = "query($id: ID!) { provision(id: $id) { id kind label text parent { id } children { id label } policy { id } } }"
        return Request("provision", {"query": query, "variables": {"id": self.rng.choice(self.provision_ids)}})

    def search(self) -> Request:
        return Request("search", {"query": workload.SEARCH, "variables": {"text": self.rng.choice(PHRASES)}})

    def titles(self) -> Request:
        return Request("titles", {"query": TITLES_QUERY, "variables": {"s": self.rng.choice(TITLES)}})

    def resolve(self) -> Request:
        return Request("resolveTitle", {"query": RESOLVE_QUERY, "variables": {"n": self.rng.choice(TITLES)}})

    def tiers(self) -> Request:
        return Request("qualifyingTiers", {"query": workload.QUALIFYING_TIERS, "variables": {"profile": self.rng.choice(PROFILES)}})

    def package(self) -> Request:
        profile = {**self.rng.choice(PROFILES), "housePrice": 3_000_000}
        return Request("bestPackage", {"query": workload.BEST_PACKAGE, "variables": {"profile": profile}})

    def dedup(self) -> Request:
        claims = self.rng.choice(self.claim_batches)
        return Request("checkDuplicateEnjoyment", {"query": workload.CHECK_DUPLICATES, "variables": {"claims": claims}})

    def programs(self) -> Request:
        return Request("programs", {"query": PROGRAMS_QUERY})

    def refused(self) -> Request:
        body, code = self.rng.choice(REFUSED)
        return Request("refused", body, expect_code=code)

    def health(self) -> Request:
        return Request("healthz", None)

    def ingest(self, name: str, text: str) -> Request:
        return Request("ingestDocument", {"query": INGEST_QUERY, "variables": {"name": name, "text": text}}, headers=self.auth)


async def send(client: httpx.AsyncClient, request: Request, tally: Tally, limit: asyncio.Semaphore) -> None:
    async with limit:
        started = time.perf_counter()
        try:
            if request.body is None:
                response = await client.get("/healthz")
            else:
                response = await client.post("/graphql", json=request.body, headers=request.headers)
        except httpx.HTTPError as error:
            tally.error(request.kind, f"{type(error).__name__}: {error}")
            return
        tally.latencies[request.kind].append(time.perf_counter() - started)
    check(request, response, tally)


def check(request: Request, response: httpx.Response, tally: Tally) -> None:
    if response.status_code >= 500 or (request.body is None and response.status_code != 200):
        tally.error(request.kind, f"HTTP {response.status_code}: {response.text}")
        return
    body = response.json()
    codes = [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]
    if request.expect_code is not None:
        if codes != [request.expect_code]:
            tally.error(request.kind, f"expected {request.expect_code}, got {codes}: {response.text}")
        return
    if codes:
        tally.error(request.kind, f"unexpected errors {codes}: {response.text}")
        return
    answer = body.get("data", body)
    if request.kind == "search":
        # Full-text scores follow the index's statistics, which a re-ingest moves (the hits and
        # their order do not): compare what was found, not how it was scored.
        answer = [{k: v for k, v in hit.items() if k != "score"} for hit in answer["search"]]
    first = tally.first_answers.setdefault(request.key, answer)
    if answer != first:
        tally.error(request.kind, f"the answer changed: {json.dumps(answer, ensure_ascii=False)[:200]}")


async def prepare(graph: Path) -> None:
    store = open_store(Settings(graph_uri=str(graph)))
    await store.open()
    try:
        results = await ingest_paths(store, [CORPUS])
        failed = [f"{r.path.name}: {r.error}" for r in results if not r.ok]
        if failed:
            raise SystemExit("the corpus did not load: " + "; ".join(failed))
    finally:
        await store.close()


async def identifiers(client: httpx.AsyncClient) -> tuple[list[str], list[str], list[list[str]]]:
    policies = (await client.post("/graphql", json={"query": "{ policies(first: 100) { edges { node { id provisions { id } } } } }"})).json()
    nodes = [edge["node"] for edge in policies["data"]["policies"]["edges"]]
    benefits = (await client.post("/graphql", json={"query": workload.BENEFITS})).json()
    return (
        [n["id"] for n in nodes],
        [p["id"] for n in nodes for p in n["provisions"]],
        workload.benefit_ids_by_tier(benefits["data"]),
    )


@dataclass(slots=True)
class Samples:
    """RSS of one process over the run: (seconds since start, bytes), and the pids seen."""

    points: list[tuple[float, int]] = field(default_factory=list)
    pids: list[int] = field(default_factory=list)
    used: list[tuple[float, int]] = field(default_factory=list)  # the store's used_memory

    def add(self, at: float, pid: int, used: int | None = None) -> None:
        value = rss_bytes(pid)
        if value is None:
            return
        if not self.pids or self.pids[-1] != pid:
            self.pids.append(pid)
        self.points.append((at, value))
        if used is not None:
            self.used.append((at, used))

    def report(self, warmup: float) -> dict[str, Any]:
        if not self.points:
            return {"pids": self.pids, "error": "never sampled"}
        steady = [(at, value) for at, value in self.points if at >= warmup] or self.points[-1:]
        baseline, final = steady[0][1], self.points[-1][1]
        middle = steady[len(steady) // 2][1]
        slope = statistics.linear_regression([a for a, _ in steady], [v for _, v in steady]).slope if len(steady) > 2 else 0.0
        report = {
            "pids": self.pids,
            "start_mb": round(self.points[0][1] / 2**20, 1),
            "baseline_mb": round(baseline / 2**20, 1),
            "final_mb": round(final / 2**20, 1),
            "max_mb": round(max(v for _, v in self.points) / 2**20, 1),
            "growth_pct": round(100 * (final - baseline) / baseline, 2),
            "second_half_growth_pct": round(100 * (final - middle) / middle, 2),
            "trend_mb_per_10_min": round(slope * 600 / 2**20, 2),
            "samples_mb": [(round(at), round(v / 2**20, 1)) for at, v in self.points],
        }
        if self.used:
            used_steady = [v for at, v in self.used if at >= warmup] or [self.used[-1][1]]
            report["used_memory_mb"] = {
                "baseline": round(used_steady[0] / 2**20, 1),
                "final": round(self.used[-1][1] / 2**20, 1),
                "max": round(max(v for _, v in self.used) / 2**20, 1),
            }
        return report


async def run_load(server: Server, graph: Path, key: str, seconds: float, rate: float) -> dict[str, Any]:
    tally = Tally()
    limit = asyncio.Semaphore(MAX_IN_FLIGHT)
    document = min(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size)
    warmup = min(60.0, seconds / 10)
    sample_every = min(5.0, max(0.5, seconds / 20))
    server_rss, store_rss = Samples(), Samples()

    def sample(at: float) -> None:
        # Blocking (psutil, redis INFO, the registry file): run in a thread, off the event loop
        # that paces the load.
        server_rss.add(at, server.process.pid)
        if (store := registered_server(graph)) is not None:
            pid, socket = store
            store_rss.add(at, pid, used_memory(socket))

    timeout = httpx.Timeout(60.0)
    async with httpx.AsyncClient(base_url=server.url, timeout=timeout, limits=httpx.Limits(max_connections=MAX_IN_FLIGHT)) as client:
        mix = Mix(*await identifiers(client), key=key)
        ingest = mix.ingest(document.name, document.read_text(encoding="utf-8"))
        tasks: set[asyncio.Task[None]] = set()
        started = time.perf_counter()
        next_ingest = started + 5.0
        next_sample = started
        i = 0
        while (now := time.perf_counter()) - started < seconds:
            if now >= next_sample:
                await asyncio.to_thread(sample, now - started)
                next_sample += sample_every
            request = mix.next()
            if now >= next_ingest:
                request, next_ingest = ingest, next_ingest + 60.0
            if limit.locked():
                tally.late += 1
            task = asyncio.create_task(send(client, request, tally, limit))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            tally.sent += 1
            i += 1
            await asyncio.sleep(max(0.0, started + i / rate - time.perf_counter()))
        if tasks:
            await asyncio.wait(tasks, timeout=120)
        await asyncio.to_thread(sample, time.perf_counter() - started)
    all_latencies = [x for values in tally.latencies.values() for x in values]
    return {
        "requests": tally.sent,
        "answered": len(all_latencies),
        "errors": sum(tally.errors.values()),
        "errors_by_kind": dict(tally.errors),
        "error_samples": tally.samples,
        "sent_while_saturated": tally.late,
        "latency_ms": {
            kind: summary(values) for kind, values in sorted({**tally.latencies, "all": all_latencies}.items())
        },
        "rss": {
            "warmup_s": warmup,
            "sample_every_s": sample_every,
            "server": server_rss.report(warmup),
            "store": store_rss.report(warmup),
        },
    }


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}

    def ms(seconds: float) -> float:
        return round(1000 * seconds, 1)

    return {"count": len(values), "p50": ms(percentile(values, 50)), "p95": ms(percentile(values, 95)),
            "p99": ms(percentile(values, 99)), "max": ms(max(values)), "mean": ms(statistics.fmean(values))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=20.0, help="requests per second")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.minutes <= 0 or args.rate <= 0:
        parser.error("--minutes and --rate must be positive")
    key = secrets.token_urlsafe(24)
    started = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix="soak-") as work:
        graph = Path(work) / "soak.rdb"
        asyncio.run(prepare(graph))
        # The server reads its API keys from the environment, as in production.
        os.environ["API_KEYS"] = f"{key}:editor"
        try:
            with serve(graph) as server:
                report = asyncio.run(run_load(server, graph, key, args.minutes * 60, args.rate))
        finally:
            os.environ.pop("API_KEYS", None)
    report = {
        "started": started,
        "finished": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "minutes": args.minutes,
        "rate_per_s": args.rate,
        "python": sys.version.split()[0],
        **report,
        "passed": report["errors"] == 0 and all(
            report["rss"][process].get("growth_pct", float("inf")) <= 100 * MAX_GROWTH for process in ("server", "store")
        ),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    growth = {p: {k: v for k, v in report["rss"][p].items() if k != "samples_mb"} for p in ("server", "store")}
    print(json.dumps({k: report[k] for k in ("requests", "errors", "passed")} | {"rss": growth}, ensure_ascii=False))
    with contextlib.suppress(Exception):
        print(f"written to {args.out.relative_to(ROOT)}")
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
