"""`make bench`: generate corpora at each scale, ingest them, serve them over HTTP, measure.

    make bench                  # scales 1×, 100×, 1000×
    BENCH_QUICK=1 make bench    # scales 1×, 100×, shorter runs (≤ 3 minutes on 2 cores)
    BENCH_SCALES=1,10 make bench

Everything lives under var/bench/ (gitignored): the corpora, one fresh embedded store per scale,
the store `make run` is timed on. Results go to bench/results/: latest.json, summary.md, PNGs.
Each figure is measured in the same run as what it is compared with.
"""

from __future__ import annotations

import asyncio
import datetime
import os
import platform
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psutil

from bench import figures as out
from bench import generate, workload, wrk
from bench.server import ROOT, Server, rss_bytes, serve, time_make_run, used_memory
from bench.stats import TARGETS, Timing, ratio, verdicts
from graphapi.config import Settings
from graphapi.store import open_store
from graphapi.store.falkordb import registered_server
from ingest.pipeline import ingest_paths

WORK = ROOT / "var" / "bench"
DEDUP_CLAIMS = 100_000


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    scales: tuple[int, ...]
    latency_samples: int
    latency_budget: float  # seconds per scale for sequential samples (at least MIN_SAMPLES)
    load_seconds: int
    load_seconds_max: int
    dedup_runs: int

    @classmethod
    def from_env(cls, env: dict[str, str]) -> Mode:
        quick = env.get("BENCH_QUICK", "").strip().lower() in {"1", "true", "yes", "on"}
        mode = cls("quick", (1, 100), 150, 10.0, 4, 6, 1) if quick else cls("full", (1, 100, 1000), 400, 90.0, 15, 60, 3)
        if scales := env.get("BENCH_SCALES", "").strip():
            try:
                chosen = tuple(sorted({int(s) for s in scales.split(",")}))
            except ValueError:
                raise SystemExit(f"BENCH_SCALES={scales!r}: give scales as integers, e.g. 1,100") from None
            if not chosen or chosen[0] != 1:
                raise SystemExit(f"BENCH_SCALES={scales!r} must include 1 (every ratio is taken against 1×)")
            mode = Mode(mode.name, chosen, *(getattr(mode, f) for f in ("latency_samples", "latency_budget", "load_seconds", "load_seconds_max", "dedup_runs")))
        return mode


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def post(client: httpx.Client, url: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(url, json=body)
    response.raise_for_status()
    answer = response.json()
    if answer.get("errors"):
        raise RuntimeError(f"the request failed: {answer['errors'][0].get('message')}")
    return answer


MIN_SAMPLES = 15


Bodies = dict | Callable[[int], dict]  # one request, or the n-th of a series of new ones


def interleaved_latency(
    url: str, *bodies: Bodies, samples: int, budget: float, warmup: int = 20
) -> list[list[float]]:
    """Sequential latencies of the requests, alternated so that drift hits all alike; `samples`
    rounds, or fewer (at least MIN_SAMPLES) when they take longer than `budget` s."""
    times: list[list[float]] = [[] for _ in bodies]
    at = lambda body, n: body(n) if callable(body) else body  # noqa: E731 - a local shorthand
    with httpx.Client(timeout=600) as client:
        warm_until = time.perf_counter() + budget / 10
        for n in range(warmup):
            for body in bodies:
                post(client, url, at(body, -1 - n))
            if time.perf_counter() > warm_until:
                break
        deadline = time.perf_counter() + budget
        for n in range(samples):
            if len(times[0]) >= MIN_SAMPLES and time.perf_counter() > deadline:
                break
            for body, series in zip(bodies, times, strict=True):
                request = at(body, n)
                started = time.perf_counter()
                post(client, url, request)
                series.append(time.perf_counter() - started)
    return times


def settle(url: str, timeout: float = 120.0) -> None:
    """Wait until the server has drained the requests a load run left queued: a measurement
    that follows must not pay for them."""
    deadline = time.perf_counter() + timeout
    with httpx.Client(timeout=timeout) as client:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            post(client, url, workload.TYPENAME)
            if time.perf_counter() - started < 0.05:
                return
            time.sleep(0.2)


class StoreCounter:
    """Graph queries the store server has answered, read from its own statistics (redis INFO
    commandstats): a count of round trips that does not depend on the API counting itself."""

    def __init__(self, store: Any) -> None:
        self._client = getattr(getattr(store, "_db", None), "client", None)

    @property
    def available(self) -> bool:
        return self._client is not None

    async def graph_calls(self) -> int:
        info = await self._client.info("commandstats")
        return sum(int(v.get("calls", 0)) for k, v in info.items() if k.lower().startswith("cmdstat_graph."))


async def round_trips(url: str, operations: dict[str, dict], counter: StoreCounter) -> dict[str, tuple[int, int | None]]:
    """Per operation: the round trips the API reports (extensions.storeRoundTrips, DEBUG=1) and
    the graph queries the store server saw during the request."""
    counts: dict[str, tuple[int, int | None]] = {}
    async with httpx.AsyncClient(timeout=600) as client:
        for name, body in operations.items():
            before = await counter.graph_calls() if counter.available else None
            response = await client.post(url, json=body)
            response.raise_for_status()
            answer = response.json()
            if answer.get("errors"):
                raise RuntimeError(f"{name} failed: {answer['errors'][0].get('message')}")
            seen = (await counter.graph_calls()) - before if before is not None else None
            reported = (answer.get("extensions") or {}).get("storeRoundTrips")
            if reported is None:
                raise RuntimeError("no extensions.storeRoundTrips in the answer: is DEBUG=1 honoured?")
            counts[name] = (int(reported), seen)
    return counts


def dedup_rate(url: str, claims: list[dict], runs: int) -> float:
    body = workload.dedup_bulk_body(claims)
    rates = []
    with httpx.Client(timeout=600) as client:
        # One claim per benefit of the batch first: the facts of the claimed benefits are fetched
        # once per graph version, so the figure is the check itself, as a server that has been
        # answering does it.
        warm = {c["benefitId"]: c for c in claims}
        post(client, url, workload.dedup_bulk_body(list(warm.values())))
        for _ in range(runs):
            started = time.perf_counter()
            answer = post(client, url, body)
            elapsed = time.perf_counter() - started
            checked = answer["data"]["checkDuplicateEnjoyment"]["checkedClaims"]
            if checked != len(claims):
                raise RuntimeError(f"checkDuplicateEnjoyment checked {checked} of {len(claims)} claims")
            rates.append(len(claims) / elapsed)
    return statistics.median(rates)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}"


async def measure_scale(scale: int, mode: Mode, figures: dict[str, Any]) -> None:
    key = lambda name: out.scale_key(name, scale)  # noqa: E731 - a local shorthand
    corpus = WORK / f"corpus-{scale}x"
    started = time.perf_counter()
    manifest = await asyncio.to_thread(generate.write_corpus, corpus, scale)
    log(f"{scale}×: generated {manifest.documents} documents, {manifest.policies} policies, "
        f"{manifest.provisions} provisions in {time.perf_counter() - started:.1f} s")
    figures[key("documents")] = manifest.documents
    figures[key("policies")] = manifest.policies

    store_dir = WORK / f"store-{scale}x"
    shutil.rmtree(store_dir, ignore_errors=True)
    graph = store_dir / "talent.rdb"
    store = open_store(Settings(graph_uri=str(graph)))
    await store.open()
    try:
        started = time.perf_counter()
        results = await ingest_paths(store, [corpus])
        elapsed = time.perf_counter() - started
        failed = [r for r in results if not r.ok]
        provisions = sum(r.summary.provisions for r in results if r.summary)
        tiers = sum(r.summary.tiers for r in results if r.summary)
        figures[key("provisions")] = provisions
        figures[key("tiers")] = tiers
        figures[key("ingest_seconds")] = elapsed
        figures[key("ingest_provisions_per_second")] = provisions / elapsed
        figures[key("ingest_failed_documents")] = len(failed)
        log(f"{scale}×: ingested {provisions} provisions, {tiers} tiers in {elapsed:.1f} s "
            f"({provisions / elapsed:.0f}/s), {len(failed)} documents failed")
        for result in failed[:3]:
            log(f"  failed {result.path.name}: {result.error}")

        try:
            with serve(graph, stop_timeout=5.0) as server:
                await asyncio.to_thread(measure_http, server, scale, mode, figures)
        except Exception as error:  # noqa: BLE001 - a failing scale is a result: record it, go on
            figures[key("error")] = f"{type(error).__name__}: {error}"[:300]
            log(f"{scale}×: the HTTP measurements failed: {figures[key('error')]}")
        counter = StoreCounter(store)
        if (found := registered_server(graph)) is not None:
            pid, socket = found
            if (rss := rss_bytes(pid)) is not None:
                figures[key("store_rss_mb")] = rss / 2**20
            if (used := await asyncio.to_thread(used_memory, socket)) is not None:
                figures[key("store_used_memory_mb")] = used / 2**20
        try:
            with serve(graph, debug=True) as server:
                operations = await asyncio.to_thread(example_operations, server)
                counts = await round_trips(server.graphql, operations, counter)
        except Exception as error:  # noqa: BLE001
            figures[key("round_trips_error")] = f"{type(error).__name__}: {error}"[:300]
            log(f"{scale}×: counting round trips failed: {figures[key('round_trips_error')]}")
            return
        reported = max(r for r, _ in counts.values())
        seen = [s for _, s in counts.values() if s is not None]
        figures[key("max_store_round_trips_reported")] = reported
        # The figure is what the store saw when it could be read, else what the API reports.
        figures[key("max_store_round_trips")] = max(seen) if seen else reported
        for name, (by_api, by_store) in counts.items():
            figures[key(f"round_trips_{name}")] = by_store if by_store is not None else by_api
            figures[key(f"round_trips_{name}_reported")] = by_api
        log(f"{scale}×: store round trips (reported by the API, seen by the store) {counts}")
    finally:
        await store.close()


def measure_http(server: Server, scale: int, mode: Mode, figures: dict[str, Any]) -> None:
    key = lambda name: out.scale_key(name, scale)  # noqa: E731
    try:
        q, computed = headline_latency(server, scale, mode, figures)
    except Exception as error:  # noqa: BLE001 - recorded; the other measurements still run
        figures[key("error")] = f"qualifyingTiers: {type(error).__name__}: {error}"[:300]
        log(f"{scale}×: {figures[key('error')]}")
        q = computed = None
    if (rss := rss_bytes(server.process.pid)) is not None:
        figures[key("server_rss_mb")] = rss / 2**20

    if scale == mode.scales[-1] or mode.name == "full":
        try:
            with httpx.Client(timeout=600) as client:
                groups = workload.benefit_ids_by_tier(post(client, server.graphql, {"query": workload.BENEFITS})["data"])
            claims = workload.claims_batch(groups, DEDUP_CLAIMS)
            rate = dedup_rate(server.graphql, claims, mode.dedup_runs)
            figures[key("dedup_claims_per_second")] = rate
            log(f"{scale}×: checkDuplicateEnjoyment {DEDUP_CLAIMS} claims: {rate:.0f} claims/s")
        except Exception as error:  # noqa: BLE001
            figures[key("dedup_error")] = f"{type(error).__name__}: {error}"[:300]
            log(f"{scale}×: checkDuplicateEnjoyment failed: {figures[key('dedup_error')]}")

    if q is None or computed is None:
        return
    # Last on this server: the requests still queued when wrk stops are not waited for.
    # Long enough for each connection to see a few answers, within the mode's bound.
    for name, body, vary, timing in (
        ("throughput", workload.HEADLINE, False, q),
        ("throughput_computed", workload.HEADLINE_UNSEEN_TEMPLATE, True, computed),
    ):
        seconds = int(min(mode.load_seconds_max, max(mode.load_seconds, 3 * 64 * timing.median / 1000)))
        load = wrk.run(server.graphql, body, seconds=seconds, vary=vary)
        figures[key(f"{name}_seconds")] = seconds
        figures[key(f"{name}_requests")] = load.requests
        figures[key(f"{name}_rps")] = load.requests_per_second
        figures[key(f"{name}_p50_ms")] = load.p50_ms
        figures[key(f"{name}_p99_ms")] = load.p99_ms
        figures[key(f"{name}_errors")] = load.errors
        if (rss := rss_bytes(server.process.pid)) is not None:
            figures[key("server_rss_mb")] = rss / 2**20
        log(f"{scale}×: wrk 64 connections, {seconds} s: qualifyingTiers{' (new each time)' if vary else ''} "
            f"{load.requests_per_second:.1f} req/s ({load.requests} answers, p50 {load.p50_ms:.1f} ms, "
            f"p99 {load.p99_ms:.1f} ms, {load.errors} errors)")
        settle(server.graphql)


def headline_latency(server: Server, scale: int, mode: Mode, figures: dict[str, Any]) -> tuple[Timing, Timing]:
    """(the headline asked again, the headline as a new request each time)."""
    key = lambda name: out.scale_key(name, scale)  # noqa: E731
    with httpx.Client(timeout=600) as client:
        answer = post(client, server.graphql, workload.HEADLINE)
        figures[key("headline_tiers")] = len(answer["data"]["qualifyingTiers"])
    # The headline as asked again (answered from the response cache) and as a new request each
    # time (computed: parse, validation, reasoning, serialisation), beside the framework floor.
    headline, unseen, typename = interleaved_latency(
        server.graphql, workload.HEADLINE, workload.headline_unseen, workload.TYPENAME,
        samples=mode.latency_samples, budget=mode.latency_budget,
    )
    q, u, t = Timing.of(headline), Timing.of(unseen), Timing.of(typename)
    figures[key("qualifying_median_ms")] = q.median
    figures[key("qualifying_p99_ms")] = q.p99
    figures[key("qualifying_computed_median_ms")] = u.median
    figures[key("qualifying_computed_p99_ms")] = u.p99
    figures[key("typename_median_ms")] = t.median
    figures[key("qualifying_vs_typename_latency_ratio")] = ratio(q.median, t.median)
    figures[key("qualifying_computed_vs_typename_latency_ratio")] = ratio(u.median, t.median)
    log(f"{scale}×: qualifyingTiers median {q.median:.2f} ms (p99 {q.p99:.2f}), computed each time {u.median:.2f} ms, "
        f"__typename {t.median:.2f} ms, {figures[key('headline_tiers')]} tiers in the answer")
    floor = wrk.run(server.graphql, workload.TYPENAME, seconds=mode.load_seconds)
    figures[key("typename_throughput_rps")] = floor.requests_per_second
    settle(server.graphql)
    log(f"{scale}×: wrk 64 connections: __typename {floor.requests_per_second:.0f} req/s")
    return q, u


def example_operations(server: Server) -> dict[str, dict]:
    """The example operations, with a policy that establishes a program and real benefit ids."""
    with httpx.Client(timeout=600) as client:
        programs = post(client, server.graphql, {"query": "{ programs { policy { id } } }"})["data"]["programs"]
        policy_id = next(p["policy"]["id"] for p in programs if p.get("policy"))
        groups = workload.benefit_ids_by_tier(post(client, server.graphql, {"query": workload.BENEFITS})["data"])
    benefit_ids = [b for group in groups[:3] for b in group]
    return workload.example_operations(policy_id, benefit_ids)


def cold_start(figures: dict[str, Any]) -> None:
    """`make run` on this (installed) checkout: first on an empty store, which it fills with
    the bundled corpus, then again on the store that run left: the cold start."""
    store = WORK / "coldstart" / "talent.rdb"
    shutil.rmtree(store.parent, ignore_errors=True)
    figures["cold_start_empty_store_seconds"] = time_make_run(store)
    figures["cold_start_seconds"] = time_make_run(store)
    log(f"make run: {figures['cold_start_seconds']:.2f} s to a healthy server on a loaded store "
        f"({figures['cold_start_empty_store_seconds']:.2f} s when it first ingests the corpus)")


def headline_figures(figures: dict[str, Any], scales: tuple[int, ...]) -> None:
    """The named figures, from the per-scale measurements of this run."""
    first, largest = scales[0], scales[-1]
    get = lambda name, scale: figures.get(out.scale_key(name, scale))  # noqa: E731
    figures["largest_scale"] = largest
    if get("qualifying_vs_typename_latency_ratio", first) is not None:
        figures["qualifying_vs_typename_latency_ratio"] = get("qualifying_vs_typename_latency_ratio", first)
    trips = [v for s in scales if (v := get("max_store_round_trips", s)) is not None]
    if trips:
        figures["max_store_round_trips_per_operation"] = max(trips)
    measured = [s for s in scales if get("qualifying_median_ms", s) is not None]
    if get("qualifying_median_ms", first) and len(measured) > 1:
        # When the largest scale failed, the ratio is taken at the largest that answered and
        # the failure is stated next to it (see notes_for).
        figures["scale_latency_ratio_measured_at"] = measured[-1]
        figures["scale_latency_ratio_largest_vs_1x"] = ratio(get("qualifying_median_ms", measured[-1]), get("qualifying_median_ms", first))
        if get("qualifying_computed_median_ms", first) and get("qualifying_computed_median_ms", measured[-1]):
            figures["scale_computed_latency_ratio_largest_vs_1x"] = ratio(
                get("qualifying_computed_median_ms", measured[-1]), get("qualifying_computed_median_ms", first)
            )
    if get("qualifying_computed_vs_typename_latency_ratio", first) is not None:
        figures["qualifying_computed_vs_typename_latency_ratio"] = get("qualifying_computed_vs_typename_latency_ratio", first)
    for name in ("dedup_claims_per_second", "ingest_provisions_per_second"):
        measured = [v for s in scales if (v := get(name, s)) is not None]
        if measured:
            figures[name] = get(name, largest) if get(name, largest) is not None else measured[-1]


def notes_for(figures: dict[str, Any], scales: tuple[int, ...]) -> list[str]:
    notes = []
    status = verdicts(figures)
    for target in TARGETS:
        if status[target.figure] is False:
            notes.append(f"`{target.figure}` = {figures[target.figure]:.2f} misses its target ({target.describe()}).")
    first, largest = scales[0], scales[-1]
    grow = [figures.get(out.scale_key("headline_tiers", s)) for s in (first, largest)]
    if all(grow):
        notes.append(
            f"The headline answer holds {grow[0]} tiers at {first}× and {grow[1]} at {largest}×: "
            "more programs of 官渡区, 昆明市 and 云南省 (and national ones) apply as the corpus grows."
        )
    for scale in scales:
        for name in ("error", "dedup_error", "round_trips_error"):
            if error := figures.get(out.scale_key(name, scale)):
                notes.append(f"At {scale}× the measurements stopped with: {error}")
    at = figures.get("scale_latency_ratio_measured_at")
    if at is not None and at != largest:
        notes.append(
            f"`scale_latency_ratio_largest_vs_1x` is taken at {at}×, the largest scale where qualifyingTiers answered: "
            f"at {largest}× it did not answer at all, which misses the target whatever the ratio says."
        )
    failed = sum(figures.get(out.scale_key("ingest_failed_documents", s)) or 0 for s in scales)
    if failed:
        notes.append(f"{failed} generated documents failed to ingest (see the log).")
    notes.append("`qualifying_vs_typename_latency_ratio` is taken at 1× (the corpus-sized store); the per-scale table gives it at every scale.")
    notes.append("`dedup_claims_per_second` and `ingest_provisions_per_second` are taken at the largest scale.")
    return notes


async def run(mode: Mode, *, on_figure: Callable[[dict[str, Any]], None] = lambda f: None) -> dict[str, Any]:
    WORK.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {
        "mode": mode.name,
        "command": ("BENCH_QUICK=1 " if mode.name == "quick" else "") + "make bench",
        "machine": machine(),
        "started_at": datetime.datetime.now().isoformat(timespec="seconds"),
    }
    for scale in mode.scales:
        await measure_scale(scale, mode, figures)
        on_figure(figures)
    await asyncio.to_thread(cold_start, figures)
    headline_figures(figures, mode.scales)
    figures["finished_at"] = datetime.datetime.now().isoformat(timespec="seconds")
    return figures


def main() -> int:
    mode = Mode.from_env(dict(os.environ))
    started = time.perf_counter()
    log(f"mode {mode.name}: scales {', '.join(f'{s}×' for s in mode.scales)}")
    figures = asyncio.run(run(mode))
    figures["bench_seconds"] = time.perf_counter() - started
    out.write_json(figures)
    out.write_summary(figures, mode.scales, notes_for(figures, mode.scales))
    out.write_plots(figures, mode.scales)
    log(f"done in {figures['bench_seconds']:.0f} s: bench/results/latest.json, summary.md, *.png")
    for target, met in verdicts(figures).items():
        log(f"  {target} = {figures.get(target)!r}: {'met' if met else 'MISSED' if met is False else 'not measured'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
