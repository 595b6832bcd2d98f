"""The soak harness (bench/soak.py, `make soak`) run for a few seconds at a low rate: the full
10-minute soak is a benchmark, not a test; this checks that the harness works end to end."""

from __future__ import annotations

import json
from pathlib import Path

from bench import soak


def test_a_short_soak_answers_everything_and_samples_both_processes(tmp_path: Path):
    out = tmp_path / "soak.json"
    soak.main(["--minutes", "0.05", "--rate", "5", "--out", str(out)])  # 3 s, 15 requests
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["requests"] == 15
    assert report["answered"] == 15
    assert report["errors"] == 0, report["error_samples"]
    assert report["latency_ms"]["all"]["count"] == 15
    server, store = report["rss"]["server"], report["rss"]["store"]
    # Two processes, each sampled from start to end: the server and the store's redis-server.
    assert server["pids"] and store["pids"] and set(server["pids"]).isdisjoint(store["pids"])
    for process in (server, store):
        assert len(process["samples_mb"]) >= 3
        assert process["final_mb"] > 0 and "growth_pct" in process
    assert 0 < store["used_memory_mb"]["final"] <= store["final_mb"]  # the store's own count, too
    # A few seconds say nothing of growth: `passed` is the 10-minute run's verdict.
    assert report["passed"] == (
        report["errors"] == 0 and server["growth_pct"] <= 10 and store["growth_pct"] <= 10
    )
