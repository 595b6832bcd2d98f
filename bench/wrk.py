"""Throughput under load with wrk (Debian package `wrk`, installed by `make bench`).

wrk is a C load generator: at 64 connections it costs far less CPU than the server it loads,
which matters on a 2-core machine where a Python load tool would compete with the server.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_PERCENTILE = re.compile(r"^\s*(50|75|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", re.MULTILINE)
_NON_2XX = re.compile(r"^\s*Non-2xx or 3xx responses:\s+(\d+)", re.MULTILINE)
_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


class LoadToolMissing(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class LoadResult:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx responses and socket errors


def parse_output(text: str) -> LoadResult:
    """Read wrk's report (run with --latency)."""
    rate = _RATE.search(text)
    total = _TOTAL.search(text)
    percentiles = {int(m[1]): float(m[2]) * _UNITS[m[3]] for m in _PERCENTILE.finditer(text)}
    if rate is None or total is None or 50 not in percentiles or 99 not in percentiles:
        raise ValueError(f"not a wrk --latency report:\n{text[:500]}")
    errors = int(m[1]) if (m := _NON_2XX.search(text)) else 0
    if m := _ERRORS.search(text):
        errors += sum(int(g) for g in m.groups())
    return LoadResult(int(total[1]), float(rate[1]), percentiles[50], percentiles[99], errors)


VARYING = 987_654_321  # a number in a body that `lua_script(…, vary=True)` makes new per request


def _lua_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string literal is a Lua one (no \u escapes)


def lua_script(body: dict[str, Any], *, vary: bool = False) -> str:
    """A wrk script that POSTs `body` as JSON; with `vary`, the number VARYING in it becomes a new
    number for every request, so that no two requests are the same."""
    text = json.dumps(body, ensure_ascii=False)
    head = 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
    if not vary:
        return head + f"wrk.body = {_lua_string(text)}\n"
    before, marker, after = text.partition(str(VARYING))
    if not marker:
        raise ValueError(f"the body holds no {VARYING} to vary")
    return head + (
        "local counter = 0\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        f"  local body = {_lua_string(before)} .. tostring(counter) .. {_lua_string(after)}\n"
        "  return wrk.format(nil, nil, nil, body)\n"
        "end\n"
    )


def run(
    url: str, body: dict[str, Any], *, connections: int = 64, seconds: int = 10, threads: int = 1, vary: bool = False
) -> LoadResult:
    executable = shutil.which("wrk")
    if executable is None:
        raise LoadToolMissing("wrk is not installed: `make bench` installs it (apt-get install wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "post.lua"
        script.write_text(lua_script(body, vary=vary), encoding="utf-8")
        completed = subprocess.run(
            [executable, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency", "-s", str(script), url],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=False,
        )
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()[:300]}")
    return parse_output(completed.stdout)
