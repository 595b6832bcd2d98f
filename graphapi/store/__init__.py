"""Graph store adapters behind one async interface (see base.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from graphapi.config import Settings
from graphapi.store.base import GraphStore


def open_store(settings: Settings, *, query_dirs: Sequence[Path] = ()) -> GraphStore:
    """The adapter GRAPH_URI names: a file path -> embedded FalkorDB, bolt:// or neo4j:// ->
    Neo4j. Call `await store.open()` before use and `await store.close()` after.
    `query_dirs` adds directories of query files laid out like cypher/ (tests use one)."""
    # Imported here: each adapter pulls in its driver, and a process needs only one.
    if settings.backend == "neo4j":
        from graphapi.store.neo4j import Neo4jStore

        return Neo4jStore(
            settings.graph_uri,
            auth=settings.neo4j_auth,
            database=settings.neo4j_database,
            query_dirs=query_dirs,
        )
    from graphapi.store.falkordb import FalkorDBStore

    return FalkorDBStore(settings.graph_path, settings.graph_name, query_dirs=query_dirs)
