"""Settings from the environment: defaults, the two backends, clear errors naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphapi.config import Settings, SettingsError, _flag, _int
from graphapi.store import open_store
from graphapi.store.falkordb import FalkorDBStore
from graphapi.store.neo4j import Neo4jStore


def test_defaults_to_the_embedded_store_under_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert settings.backend == "falkordb"
    assert settings.graph_path == tmp_path.resolve() / "var" / "graph" / "talent.rdb"
    assert settings.graph_name == "talent"
    assert settings.neo4j_auth is None


def test_relative_paths_are_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({"GRAPH_URI": "data/store.rdb", "GRAPH_NAME": "test-graph_1"})
    assert settings.graph_path == tmp_path.resolve() / "data" / "store.rdb"
    assert settings.graph_name == "test-graph_1"


@pytest.mark.parametrize(
    "uri", ["bolt://localhost:7687", "neo4j://db.example:7687", "neo4j+s://x.databases.neo4j.io"]
)
def test_bolt_and_neo4j_uris_choose_neo4j(uri: str) -> None:
    settings = Settings.from_env(
        {
            "GRAPH_URI": uri,
            "NEO4J_USER": "reader",
            "NEO4J_PASSWORD": "s3cret/with/slashes",
            "NEO4J_DATABASE": "talent",
        }
    )
    assert settings.backend == "neo4j"
    assert settings.neo4j_auth == ("reader", "s3cret/with/slashes")
    assert settings.neo4j_database == "talent"
    with pytest.raises(SettingsError, match="not a file path"):
        _ = settings.graph_path


def test_neo4j_auth_variable() -> None:
    assert Settings.from_env({"NEO4J_AUTH": "neo4j/pa/ss"}).neo4j_auth == ("neo4j", "pa/ss")
    assert Settings.from_env({"NEO4J_AUTH": "none"}).neo4j_auth is None
    assert Settings.from_env({"NEO4J_PASSWORD": "pw"}).neo4j_auth == ("neo4j", "pw")
    # the explicit pair wins over NEO4J_AUTH
    assert Settings.from_env({"NEO4J_AUTH": "a/b", "NEO4J_PASSWORD": "pw"}).neo4j_auth == ("neo4j", "pw")


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"GRAPH_URI": "http://localhost:7474"}, "GRAPH_URI"),
        ({"GRAPH_URI": "bolt://"}, "GRAPH_URI"),
        ({"GRAPH_URI": "bolt://localhost:port"}, "GRAPH_URI"),
        ({"GRAPH_URI": "var/graph/"}, "GRAPH_URI"),
        ({"GRAPH_NAME": "talent graph"}, "GRAPH_NAME"),
        ({"GRAPH_NAME": "x" * 65}, "GRAPH_NAME"),
        ({"NEO4J_AUTH": "neo4j"}, "NEO4J_AUTH"),
        ({"NEO4J_AUTH": "/password"}, "NEO4J_AUTH"),
        ({"NEO4J_USER": "someone"}, "NEO4J_USER"),
        ({"NEO4J_USER": "a", "NEO4J_AUTH": "b/pw"}, "NEO4J_USER"),
    ],
)
def test_invalid_values_name_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env(env)


def test_an_existing_directory_is_not_a_store_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="directory"):
        Settings.from_env({"GRAPH_URI": str(tmp_path)})


def test_readers_for_settings_to_come() -> None:
    env = {"DEBUG": "Yes", "QUIET": "off", "LIMIT": "100", "BAD_FLAG": "maybe", "BAD_INT": "ten"}
    assert _flag(env, "DEBUG", False) is True
    assert _flag(env, "QUIET", True) is False
    assert _flag(env, "UNSET", True) is True
    assert _int(env, "LIMIT", 20, minimum=1, maximum=100) == 100
    assert _int(env, "UNSET", 20, minimum=1, maximum=100) == 20
    with pytest.raises(SettingsError, match="BAD_FLAG"):
        _flag(env, "BAD_FLAG", False)
    with pytest.raises(SettingsError, match="BAD_INT"):
        _int(env, "BAD_INT", 1, minimum=0, maximum=10)
    with pytest.raises(SettingsError, match=r"LIMIT=100 is out of range \[1, 50\]"):
        _int(env, "LIMIT", 1, minimum=1, maximum=50)


def test_open_store_picks_the_adapter(tmp_path: Path) -> None:
    embedded = open_store(Settings(graph_uri=str(tmp_path / "g.rdb"), graph_name="other"))
    assert isinstance(embedded, FalkorDBStore)
    assert embedded.path == tmp_path / "g.rdb"
    assert embedded.graph_name == "other"
    server = open_store(Settings.from_env({"GRAPH_URI": "bolt://localhost:7687", "NEO4J_AUTH": "neo4j/pw"}))
    assert isinstance(server, Neo4jStore)
    assert server.backend == "neo4j"
