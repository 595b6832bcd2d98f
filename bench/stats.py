"""Small pure helpers: percentiles of timings, and the targets the figures are held to."""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation between closest ranks."""
    if not samples:
        raise ValueError("no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0..100")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True, slots=True)
class Timing:
    """Latencies of one request, in milliseconds."""

    count: int
    median: float
    p90: float
    p99: float
    mean: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Timing:
        ms = [s * 1000 for s in seconds]
        return cls(len(ms), statistics.median(ms), percentile(ms, 90), percentile(ms, 99), statistics.fmean(ms))


def ratio(numerator: float, denominator: float) -> float:
    if denominator <= 0:
        raise ValueError(f"cannot divide by {denominator}")
    return numerator / denominator


@dataclass(frozen=True, slots=True)
class Target:
    figure: str
    op: Literal["<=", ">="]
    bound: float
    unit: str = ""

    def met(self, value: float) -> bool:
        return value <= self.bound if self.op == "<=" else value >= self.bound

    def describe(self) -> str:
        return f"{self.op} {self.bound:g}{(' ' + self.unit) if self.unit else ''}"


TARGETS = (
    Target("qualifying_vs_typename_latency_ratio", "<=", 2.0),
    Target("max_store_round_trips_per_operation", "<=", 2),
    Target("scale_latency_ratio_largest_vs_1x", "<=", 3.0),
    Target("dedup_claims_per_second", ">=", 20_000, "claims/s"),
    Target("ingest_provisions_per_second", ">=", 2_000, "provisions/s"),
)


def verdicts(figures: Mapping[str, object], targets: Sequence[Target] = TARGETS) -> dict[str, bool | None]:
    """Each target's figure: met (True), missed (False) or not measured (None)."""
    result: dict[str, bool | None] = {}
    for target in targets:
        value = figures.get(target.figure)
        result[target.figure] = target.met(float(value)) if isinstance(value, int | float) else None
    return result
