"""The API as a real uvicorn process on a loopback port, `make run` timed from start to a
healthy, loaded server, and the memory the server and the store's redis-server hold."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import redis

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass(slots=True)
class Server:
    process: subprocess.Popen
    url: str

    @property
    def graphql(self) -> str:
        return f"{self.url}/graphql"


def rss_bytes(pid: int) -> int | None:
    """Resident memory of process `pid`; None when there is no such process (any longer)."""
    try:
        return psutil.Process(pid).memory_info().rss
    except psutil.Error:
        return None


def used_memory(socket: str) -> int | None:
    """INFO used_memory of the redis-server on unix socket `socket`: the bytes its data and
    buffers take, whatever the RSS; None when it does not answer."""
    try:
        with redis.Redis(unix_socket_path=socket, socket_timeout=2) as client:
            return int(client.info("memory")["used_memory"])
    except (redis.RedisError, OSError, KeyError, ValueError):
        return None


def wait_healthy(url: str, process: subprocess.Popen, timeout: float) -> float:
    """Seconds until GET /healthz answers 200; raises if the process dies or time runs out."""
    started = time.perf_counter()
    deadline = started + timeout
    with httpx.Client(timeout=2.0) as client:
        while time.perf_counter() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with status {process.returncode} before answering /healthz")
            with contextlib.suppress(httpx.HTTPError):
                if client.get(f"{url}/healthz").status_code == 200:
                    return time.perf_counter() - started
            time.sleep(0.02)
    raise TimeoutError(f"{url}/healthz did not answer 200 within {timeout:.0f} s")


def stop(process: subprocess.Popen, *, group: bool = False, timeout: float = 30.0) -> None:
    """Ask the process (or its whole process group, which we created) to shut down cleanly."""
    if process.poll() is not None:
        return
    send = (lambda sig: os.killpg(process.pid, sig)) if group else process.send_signal
    with contextlib.suppress(ProcessLookupError):
        send(signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            send(signal.SIGKILL)
        process.wait(timeout=10)


@contextlib.contextmanager
def serve(graph_uri: Path, *, debug: bool = False, timeout: float = 300.0, stop_timeout: float = 30.0) -> Iterator[Server]:
    """uvicorn serving the store at `graph_uri`, as `make serve` runs it."""
    port = free_port()
    env = {**os.environ, "GRAPH_URI": str(graph_uri), "DEBUG": "1" if debug else "0"}
    command = [
        sys.executable, "-m", "uvicorn", "graphapi.app:create_app", "--factory",
        "--host", HOST, "--port", str(port), "--no-access-log", "--log-level", "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://{HOST}:{port}"
    try:
        wait_healthy(url, process, timeout)
        yield Server(process, url)
    finally:
        stop(process, timeout=stop_timeout)


def time_make_run(graph_uri: Path, env: Mapping[str, str] | None = None, timeout: float = 600.0) -> float:
    """Seconds from `make run` until /healthz answers 200 and the store holds policies."""
    port = free_port()
    environment = {**os.environ, **(env or {}), "GRAPH_URI": str(graph_uri)}
    started = time.perf_counter()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"PORT={port}", f"HOST={HOST}"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped as a whole below
    )
    url = f"http://{HOST}:{port}"
    try:
        wait_healthy(url, process, timeout)
        elapsed = time.perf_counter() - started
        answer = httpx.post(f"{url}/graphql", json={"query": "{ policies(first: 1) { totalCount } }"}, timeout=30)
        total = answer.json()["data"]["policies"]["totalCount"]
        if not total:
            raise RuntimeError("make run answered /healthz but its store holds no policies")
        return elapsed
    finally:
        stop(process, group=True)
