"""The harness's pure parts: statistics, targets, the wrk report, the claims batch, the summary."""

from __future__ import annotations

import json

import pytest

from bench import figures, workload, wrk
from bench.run import Mode, headline_figures
from bench.stats import Target, Timing, percentile, ratio, verdicts

WRK_REPORT = """Running 5s test @ http://127.0.0.1:8000/graphql
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    40.12ms    5.01ms  90.00ms   88.00%
    Req/Sec     1.60k   100.00     1.80k    70.00%
  Latency Distribution
     50%   39.50ms
     75%   42.00ms
     90%   45.00ms
     99%    1.20s
  7985 requests in 5.00s, 3.10MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1597.00
Transfer/sec:    635.00KB
"""


def test_percentile_interpolates() -> None:
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5], 99) == 5
    assert percentile([10, 0], 100) == 10
    with pytest.raises(ValueError):
        percentile([], 50)


def test_timing_is_in_milliseconds() -> None:
    timing = Timing.of([0.001, 0.002, 0.003])
    assert timing.median == pytest.approx(2.0) and timing.count == 3


def test_ratio_refuses_a_zero_floor() -> None:
    assert ratio(3, 2) == 1.5
    with pytest.raises(ValueError):
        ratio(1, 0)


def test_targets_say_met_missed_or_not_measured() -> None:
    targets = (Target("a", "<=", 2.0), Target("b", ">=", 10), Target("c", "<=", 1))
    assert verdicts({"a": 2.0, "b": 9.5}, targets) == {"a": True, "b": False, "c": None}


def test_wrk_report_is_read() -> None:
    result = wrk.parse_output(WRK_REPORT)
    assert result == wrk.LoadResult(7985, 1597.0, 39.5, 1200.0, 7)


def test_wrk_report_that_is_not_one_is_refused() -> None:
    with pytest.raises(ValueError, match="not a wrk"):
        wrk.parse_output("connection refused")


def test_wrk_script_posts_the_body_as_json() -> None:
    script = wrk.lua_script(workload.HEADLINE)
    body_literal = script.split("wrk.body = ", 1)[1].strip()
    assert json.loads(json.loads(body_literal)) == workload.HEADLINE
    assert 'wrk.method = "POST"' in script


def test_claims_batch_is_deterministic_and_sized() -> None:
    groups = [["b1", "b2", "b3"], ["c1"], ["d1", "d2"]]
    claims = workload.claims_batch(groups, 1000)
    assert claims == workload.claims_batch(groups, 1000)
    assert len(claims) == 1000
    by_person: dict[str, list[str]] = {}
    for claim in claims:
        by_person.setdefault(claim["person"], []).append(claim["benefitId"])
    assert all(len(set(ids)) == len(ids) for ids in by_person.values())  # no claim twice
    assert max(len(ids) for ids in by_person.values()) <= 4
    with pytest.raises(ValueError, match="no benefits"):
        workload.claims_batch([], 10)


def test_benefit_ids_by_tier() -> None:
    data = {"programs": [{"id": "p", "tiers": [{"id": "t1", "benefits": [{"id": "x"}]}, {"id": "t2", "benefits": []}]}]}
    assert workload.benefit_ids_by_tier(data) == [["x"]]


def test_mode_from_env() -> None:
    assert Mode.from_env({}).scales == (1, 100, 1000)
    assert Mode.from_env({"BENCH_QUICK": "1"}).scales == (1, 100)
    assert Mode.from_env({"BENCH_SCALES": "10,1"}).scales == (1, 10)
    with pytest.raises(SystemExit, match="must include 1"):
        Mode.from_env({"BENCH_SCALES": "10"})


def test_headline_figures_compare_largest_with_first() -> None:
    values = {
        "qualifying_median_ms_1x": 4.0, "qualifying_median_ms_100x": 10.0,
        "qualifying_vs_typename_latency_ratio_1x": 3.0,
        "max_store_round_trips_1x": 2, "max_store_round_trips_100x": 3,
        "dedup_claims_per_second_100x": 30_000.0,
        "ingest_provisions_per_second_1x": 900.0, "ingest_provisions_per_second_100x": 2500.0,
    }
    headline_figures(values, (1, 100))
    assert values["scale_latency_ratio_largest_vs_1x"] == 2.5
    assert values["max_store_round_trips_per_operation"] == 3
    assert values["qualifying_vs_typename_latency_ratio"] == 3.0
    assert values["ingest_provisions_per_second"] == 2500.0
    assert values["dedup_claims_per_second"] == 30_000.0


def test_summary_marks_misses_and_lists_scales(tmp_path) -> None:
    values = {"qualifying_vs_typename_latency_ratio": 5.0, "dedup_claims_per_second": 25_000.0,
              "qualifying_median_ms_1x": 3.0, "qualifying_median_ms_100x": 9.0, "mode": "quick"}
    text = figures.summary_markdown(values, (1, 100), ["a note"])
    assert "| `qualifying_vs_typename_latency_ratio` | 5.00 | <= 2 | **MISSED** |" in text
    assert "| `dedup_claims_per_second` | 25,000 | >= 20000 claims/s | met |" in text
    assert "| qualifyingTiers median (ms) | 3.00 | 9.00 |" in text
    assert "not measured" in text and "- a note" in text
    path = figures.write_json(values, tmp_path)
    assert json.loads(path.read_text()) == values


def test_plots_are_written(tmp_path) -> None:
    # matplotlib comes with the bench extras (`make bench`), not with `make test`.
    pytest.importorskip("matplotlib")
    values = {"qualifying_median_ms_1x": 3.0, "qualifying_median_ms_100x": 9.0, "server_rss_mb_1x": 100.0}
    plots = figures.write_plots(values, (1, 100), tmp_path)
    assert [p.name for p in plots] == ["latency.png", "throughput.png", "resources.png"]
    assert all(p.stat().st_size > 1000 for p in plots)


def test_wrk_script_can_make_every_request_new() -> None:
    script = wrk.lua_script(workload.HEADLINE_UNSEEN_TEMPLATE, vary=True)
    assert "request = function()" in script and "tostring(counter)" in script
    assert str(wrk.VARYING) not in script  # replaced by the counter
    with pytest.raises(ValueError, match="no 987654321"):
        wrk.lua_script(workload.HEADLINE, vary=True)


def test_the_unseen_headline_differs_each_time_but_asks_the_same() -> None:
    first, second = workload.headline_unseen(1), workload.headline_unseen(2)
    assert first != second and first["query"] == workload.HEADLINE["query"]
    assert {k: v for k, v in first["variables"]["profile"].items() if k != "housePrice"} == workload.HEADLINE_PROFILE
