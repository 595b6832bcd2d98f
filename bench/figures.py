"""bench/results/: latest.json (a flat object of named figures), summary.md and PNG plots."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.stats import TARGETS, Target, verdicts

RESULTS = Path(__file__).resolve().parent / "results"

Figures = dict[str, Any]


def scale_key(name: str, scale: int) -> str:
    """Per-scale figures are flat keys: qualifying_median_ms_100x."""
    return f"{name}_{scale}x"


def per_scale(figures: Mapping[str, Any], name: str, scales: Sequence[int]) -> list[float | None]:
    return [figures.get(scale_key(name, s)) for s in scales]


def write_json(figures: Mapping[str, Any], directory: Path = RESULTS) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "latest.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(dict(figures), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        if abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.2f}" if abs(value) >= 1 else f"{value:.3f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


_STATUS = {True: "met", False: "**MISSED**", None: "not measured"}

_PER_SCALE_ROWS = (
    ("documents", "documents"),
    ("policies", "policies"),
    ("provisions", "provisions"),
    ("tiers", "tiers in the store"),
    ("headline_tiers", "tiers in the headline answer"),
    ("ingest_seconds", "ingest time (s)"),
    ("ingest_provisions_per_second", "ingest (provisions/s)"),
    ("typename_median_ms", "`{ __typename }` median (ms)"),
    ("qualifying_median_ms", "qualifyingTiers median (ms)"),
    ("qualifying_p99_ms", "qualifyingTiers p99 (ms)"),
    ("qualifying_vs_typename_latency_ratio", "ratio qualifyingTiers / __typename"),
    ("qualifying_computed_median_ms", "qualifyingTiers, a new request each time: median (ms)"),
    ("qualifying_computed_p99_ms", "… p99 (ms)"),
    ("qualifying_computed_vs_typename_latency_ratio", "… ratio to __typename"),
    ("max_store_round_trips", "max store round trips (seen by the store)"),
    ("max_store_round_trips_reported", "max store round trips (extensions.storeRoundTrips)"),
    *(
        (f"round_trips_{name}", f"round trips: {name} (store / API)")
        for name in ("qualifyingTiers", "checkDuplicateEnjoyment", "bestPackage", "policies", "policyWithProvisions", "search")
    ),
    ("throughput_seconds", "wrk run (s)"),
    ("throughput_requests", "qualifyingTiers answers in the wrk run"),
    ("throughput_rps", "qualifyingTiers req/s at 64 connections"),
    ("throughput_p50_ms", "… p50 (ms)"),
    ("throughput_p99_ms", "… p99 (ms)"),
    ("throughput_errors", "… errors"),
    ("throughput_computed_rps", "qualifyingTiers, new each time, req/s at 64 connections"),
    ("throughput_computed_p50_ms", "… p50 (ms)"),
    ("throughput_computed_p99_ms", "… p99 (ms)"),
    ("throughput_computed_errors", "… errors"),
    ("typename_throughput_rps", "`{ __typename }` req/s at 64 connections"),
    ("dedup_claims_per_second", "checkDuplicateEnjoyment, 100 000 claims (claims/s)"),
    ("server_rss_mb", "server RSS (MB)"),
    ("store_rss_mb", "store (redis-server) RSS (MB)"),
    ("store_used_memory_mb", "store used_memory (MB)"),
)


def summary_markdown(figures: Mapping[str, Any], scales: Sequence[int], notes: Sequence[str] = (), targets: Sequence[Target] = TARGETS) -> str:
    """The Markdown summary: targets with their status, then every figure per scale."""
    status = verdicts(figures, targets)
    lines = [
        "# Benchmark results",
        "",
        f"Produced by `{figures.get('command', 'make bench')}` on {figures.get('machine', 'this machine')}, "
        f"{figures.get('finished_at', '')}; mode {figures.get('mode', '?')}, scales {', '.join(f'{s}×' for s in scales)}.",
        "",
        "## Targets",
        "",
        "| figure | value | target | status |",
        "|---|---:|---|---|",
    ]
    for target in targets:
        lines.append(
            f"| `{target.figure}` | {_fmt(figures.get(target.figure))} | {target.describe()} | {_STATUS[status[target.figure]]} |"
        )
    lines += [
        "",
        "## Other figures",
        "",
        "| figure | value |",
        "|---|---:|",
    ]
    for name in (
        "qualifying_computed_vs_typename_latency_ratio",
        "scale_computed_latency_ratio_largest_vs_1x",
        "cold_start_seconds",
        "cold_start_empty_store_seconds",
        "bench_seconds",
    ):
        if name in figures:
            lines.append(f"| `{name}` | {_fmt(figures[name])} |")
    lines += ["", "## Per scale", "", "| | " + " | ".join(f"{s}×" for s in scales) + " |", "|---|" + "---:|" * len(scales)]
    for key, label in _PER_SCALE_ROWS:
        values = per_scale(figures, key, scales)
        if key.startswith("round_trips_"):
            reported = per_scale(figures, key + "_reported", scales)
            values = [f"{_fmt(v)} / {_fmt(r)}" if v is not None else None for v, r in zip(values, reported, strict=True)]
        if any(v is not None for v in values):
            lines.append(f"| {label} | " + " | ".join(_fmt(v) for v in values) + " |")
    lines += ["", "Profiles and the causes of the misses: [findings.md](findings.md) (`python -m bench.profile` writes `profiles/`).",
              "", "![latency](latency.png)", "", "![throughput](throughput.png)", "", "![resources](resources.png)", ""]
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    return "\n".join(lines)


def write_summary(figures: Mapping[str, Any], scales: Sequence[int], notes: Sequence[str] = (), directory: Path = RESULTS) -> Path:
    path = directory / "summary.md"
    path.write_text(summary_markdown(figures, scales, notes), encoding="utf-8")
    return path


def write_plots(figures: Mapping[str, Any], scales: Sequence[int], directory: Path = RESULTS) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")  # files only, no screen
    import matplotlib.pyplot as plt

    labels = [f"{s}×" for s in scales]
    written: list[Path] = []

    def series(ax, name: str, label: str, marker: str = "o") -> None:
        values = per_scale(figures, name, scales)
        points = [(x, v) for x, v in zip(labels, values, strict=True) if v is not None]
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], marker=marker, label=label)

    def legend(*axes) -> None:
        for ax in axes:
            if ax.get_legend_handles_labels()[0]:
                ax.legend()

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    series(left, "qualifying_median_ms", "qualifyingTiers median")
    series(left, "qualifying_p99_ms", "qualifyingTiers p99", "^")
    series(left, "typename_median_ms", "{ __typename } median", "s")
    left.set_yscale("log")
    left.set_ylabel("ms (log)")
    left.set_xlabel("corpus scale")
    left.set_title("Sequential HTTP latency")
    series(right, "qualifying_vs_typename_latency_ratio", "qualifyingTiers / __typename")
    right.axhline(2.0, color="red", linestyle="--", label="target 2.0")
    right.set_yscale("log")
    right.set_title("Latency over the framework floor")
    right.set_xlabel("corpus scale")
    legend(left, right)
    fig.tight_layout()
    written.append(_save(fig, directory / "latency.png"))

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    series(left, "throughput_rps", "qualifyingTiers")
    series(left, "typename_throughput_rps", "{ __typename }", "s")
    left.set_yscale("log")
    left.set_ylabel("requests/s (log)")
    left.set_title("Throughput at 64 connections (wrk)")
    series(right, "throughput_p50_ms", "p50")
    series(right, "throughput_p99_ms", "p99", "^")
    right.set_yscale("log")
    right.set_ylabel("ms (log)")
    right.set_title("qualifyingTiers latency under load")
    for ax in (left, right):
        ax.set_xlabel("corpus scale")
    legend(left, right)
    fig.tight_layout()
    written.append(_save(fig, directory / "throughput.png"))

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    series(left, "server_rss_mb", "server RSS")
    series(left, "store_rss_mb", "store (redis-server) RSS", "s")
    left.set_ylabel("MB")
    left.set_title("Memory")
    series(right, "ingest_provisions_per_second", "ingest")
    right.axhline(2000, color="red", linestyle="--", label="target 2 000")
    right.set_ylabel("provisions/s")
    right.set_title("Ingest throughput (embedded store)")
    for ax in (left, right):
        ax.set_xlabel("corpus scale")
    legend(left, right)
    fig.tight_layout()
    written.append(_save(fig, directory / "resources.png"))
    return written


def _save(fig, path: Path) -> Path:
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path
