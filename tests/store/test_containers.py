"""docker-compose.yml and the Dockerfile, checked without Docker (none runs on the build
machines): the YAML parses, the services are wired to each other, and what the API container
is given is what the settings read."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from graphapi.config import Settings

ROOT = Path(__file__).resolve().parents[2]
_INTERPOLATION = re.compile(r"\$\{(\w+)(?::([-?])([^}]*))?\}")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}, enough to read the file as Compose
    would with `env`; a missing required variable raises with Compose's message."""

    def replace(match: re.Match[str]) -> str:
        name, kind, argument = match.groups()
        if env.get(name):
            return env[name]
        if kind == "?":
            raise LookupError(f"{name}: {argument}")
        return argument if kind == "-" else ""

    return _INTERPOLATION.sub(replace, value.replace("$$", "\0")).replace("\0", "$")


def test_neo4j_service(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5") and "enterprise" not in neo4j["image"]
    assert (
        interpolate(neo4j["environment"]["NEO4J_AUTH"], {"NEO4J_PASSWORD": "long-enough"})
        == "neo4j/long-enough"
    )
    assert (
        interpolate(neo4j["environment"]["NEO4J_AUTH"], {"NEO4J_USER": "u", "NEO4J_PASSWORD": "p" * 8})
        == f"u/{'p' * 8}"
    )
    with pytest.raises(LookupError, match="NEO4J_PASSWORD"):
        interpolate(neo4j["environment"]["NEO4J_AUTH"], {})
    volume, target = neo4j["volumes"][0].split(":")
    assert target == "/data" and volume in compose["volumes"]  # a named volume keeps the graph
    test = neo4j["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL" and "cypher-shell" in test[1]


def test_api_service_is_wired_to_neo4j(compose: dict[str, Any]) -> None:
    api = compose["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = {
        name: interpolate(str(value), {"NEO4J_PASSWORD": "long-enough"})
        for name, value in api["environment"].items()
    }
    settings = Settings.from_env(env)
    assert settings.backend == "neo4j"
    assert settings.graph_uri == "bolt://neo4j:7687"  # the service name is the host
    assert settings.neo4j_auth == ("neo4j", "long-enough")
    ports = {interpolate(port, {}).rsplit(":", 1)[1] for port in api["ports"]}
    assert ports == {"8000"}
    assert "/healthz" in " ".join(api["healthcheck"]["test"])


def dockerfile() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def test_dockerfile_builds_the_api_image() -> None:
    instructions = dockerfile()
    assert instructions[0] == ("FROM", "python:3.13-slim")
    for source in (args.split()[:-1] for op, args in instructions if op == "COPY"):
        for path in source:
            assert (ROOT / path).exists(), f"COPY {path}: not in the repository"
    assert any(op == "RUN" and "pip install" in args for op, args in instructions)
    assert any(op == "USER" for op, args in instructions)
    (command,) = [args for op, args in instructions if op == "CMD"]
    shell = yaml.safe_load(command)  # the exec form is a JSON array
    assert shell[:2] == ["sh", "-c"]
    steps = [shlex.split(step) for step in shell[2].split("&&")]
    assert steps[0] == ["ingest", "data/policies", "--if-empty"]
    assert steps[1][:4] == ["exec", "uvicorn", "graphapi.app:create_app", "--factory"]
    assert steps[1][steps[1].index("--host") + 1] == "0.0.0.0"


def test_dockerignore_keeps_local_state_out() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "var", ".git", "node_modules"} <= set(ignored)
    copied = {args.split()[0] for op, args in dockerfile() if op == "COPY"}
    assert not copied & set(ignored)
