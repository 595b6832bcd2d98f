"""Neo4j 5 through the official async driver: the production store.

Reads run in read transactions and writes in write transactions (`execute_query` with the
routing set accordingly; the driver retries transient failures for a few seconds). The driver
owns the connection pool and reconnects by itself, so the adapter holds no connection state:
once the server is back, the next call succeeds. The schema (cypher/neo4j/schema.cypher) is
ensured by `open()` and, if the server was away then, before the first call that reaches it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase, RoutingControl
from neo4j.exceptions import (
    AuthError,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath

from graphapi.store import fulltext
from graphapi.store.base import Row, StoreError, StoreUnavailable, plain, round_trip
from graphapi.store.queries import SCHEMA, Queries, load_queries

_ELEMENTS = (Node, Relationship, GraphPath)
_UNAVAILABLE_CODES = frozenset({"Neo.ClientError.Database.DatabaseNotFound"})
# Fail fast while the server is away, rather than retrying for the driver's default 30 s.
_DRIVER_CONFIG: dict[str, Any] = {
    "connection_timeout": 5.0,
    "connection_acquisition_timeout": 10.0,
    "max_transaction_retry_time": 2.0,
}


class Neo4jStore:
    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        auth: tuple[str, str] | None = None,
        database: str | None = None,
        query_dirs: Sequence[Path] = (),
    ) -> None:
        self.uri = uri
        self.database = database
        self.queries: Queries = load_queries(self.backend, query_dirs)
        self._auth = auth
        self._driver: AsyncDriver | None = None
        self._schema_ready = False

    async def open(self) -> None:
        """Create the driver and ensure the schema. Raises StoreUnavailable when the server
        cannot be reached; the store stays usable and catches up once it can."""
        if self._driver is None:
            self._driver = AsyncGraphDatabase.driver(self.uri, auth=self._auth, **_DRIVER_CONFIG)
        await self._ensure_schema()

    async def close(self) -> None:
        driver, self._driver = self._driver, None
        self._schema_ready = False
        if driver is not None:
            await driver.close()

    async def ping(self) -> None:
        driver = self._require_driver()
        with round_trip(), self._translate("ping"):
            await driver.verify_connectivity()

    async def read(self, query: str, /, **params: Any) -> list[Row]:
        records = await self._execute(query, self.queries[query].text, params, RoutingControl.READ)
        return [
            {key: plain(query, key, value, _ELEMENTS) for key, value in record.items()} for record in records
        ]

    async def write(self, query: str, /, **params: Any) -> None:
        await self._execute(query, self.queries[query].text, params, RoutingControl.WRITE)

    async def reset(self) -> None:
        # CALL … IN TRANSACTIONS needs an auto-commit transaction, hence a session of its own.
        driver = self._require_driver()
        await self._ensure_schema()
        with round_trip(), self._translate("reset"):
            async with driver.session(database=self.database) as session:
                result = await session.run(self.queries["reset"].text)
                await result.consume()

    def fulltext_query(self, text: str) -> str:
        return fulltext.lucene_query(text)

    def index_terms(self, text: str) -> str | None:
        return None  # the cjk analyzer indexes Provision.text itself

    # --- plumbing -------------------------------------------------------------------------

    async def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        driver = self._require_driver()
        for statement in self.queries[SCHEMA].statements:
            with round_trip(), self._translate(SCHEMA):
                await driver.execute_query(statement, routing_=RoutingControl.WRITE, database_=self.database)
        self._schema_ready = True

    async def _execute(
        self, name: str, statement: str, params: dict[str, Any], routing: RoutingControl
    ) -> Any:
        driver = self._require_driver()
        await self._ensure_schema()
        with round_trip(), self._translate(name):
            result = await driver.execute_query(statement, params, routing_=routing, database_=self.database)
        return result.records

    def _require_driver(self) -> AsyncDriver:
        if self._driver is None:
            raise StoreUnavailable("the Neo4j store is not open")
        return self._driver

    @contextlib.contextmanager
    def _translate(self, name: str) -> Iterator[None]:
        """Driver errors -> StoreUnavailable (server away, credentials refused) or StoreError."""
        try:
            yield
        except (ServiceUnavailable, SessionExpired, DatabaseUnavailable, OSError) as error:
            raise StoreUnavailable(f"Neo4j at {self.uri} is unreachable: {error}") from error
        except ConnectionAcquisitionTimeoutError as error:
            raise StoreUnavailable(
                f"Neo4j at {self.uri} is overloaded: no free connection: {error}"
            ) from error
        except AuthError as error:
            raise StoreUnavailable(f"Neo4j at {self.uri} refused the credentials: {error}") from error
        except Neo4jError as error:
            if error.code in _UNAVAILABLE_CODES:
                raise StoreUnavailable(f"Neo4j at {self.uri}: {error.message}") from error
            raise StoreError(f"query {name!r} failed: {error.message or error}") from error
        except DriverError as error:
            raise StoreError(f"query {name!r} failed: {error}") from error
        except (TypeError, ValueError) as error:  # a parameter the driver cannot encode
            raise StoreError(f"query {name!r}: bad parameter: {error}") from error
