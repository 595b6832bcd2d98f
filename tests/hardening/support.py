"""The API as a real uvicorn process, with its log captured: for what only a real server shows
(the structured log, start-up with the store away, HTTP framing)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.server import HOST, free_port, stop
from tests.conftest import ROOT


@dataclass(slots=True)
class RunningServer:
    url: str
    log: Path

    def log_lines(self) -> list[dict]:
        """The JSON lines the server wrote to stderr so far."""
        lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]


@contextlib.contextmanager
def uvicorn(env: Mapping[str, str], log: Path, timeout: float = 60.0) -> Iterator[RunningServer]:
    """uvicorn serving the app with `env` added to the environment, until /healthz answers
    (200 or 503: a server whose store is away is up too)."""
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", "graphapi.app:create_app", "--factory",
        "--host", HOST, "--port", str(port), "--no-access-log",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=output, stderr=output)
    url = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {process.returncode}:\n{log.read_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/healthz", timeout=5).status_code in (200, 503):
                    break
            if time.monotonic() > deadline:
                raise TimeoutError(f"uvicorn did not answer /healthz within {timeout:.0f} s:\n{log.read_text()}")
            time.sleep(0.05)
        yield RunningServer(url, log)
    finally:
        stop(process)
