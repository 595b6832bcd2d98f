"""Every Cypher file Neo4j runs passes Neo4j's own linter (tools/cypher-lint/lint.mjs): the
shared files, the Neo4j ones and the store tests' ones. Any error diagnostic fails."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINTER = ROOT / "tools" / "cypher-lint" / "lint.mjs"
PACKAGE = ROOT / "tools" / "cypher-lint" / "node_modules" / "@neo4j-cypher" / "language-support"
QUERY_DIRS = (ROOT / "cypher", ROOT / "tests" / "store" / "cypher")
TARGETS = sorted(
    path
    for directory in QUERY_DIRS
    for pattern in ("*.cypher", "neo4j/*.cypher")
    for path in directory.glob(pattern)
)


def run_linter(paths: list[Path]) -> tuple[int, dict[str, Any]]:
    if not PACKAGE.is_dir():
        pytest.fail("the Cypher linter is not installed: run `make lint-node`")
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js to lint the Cypher files")
    done = subprocess.run([node, str(LINTER), *map(str, paths)], capture_output=True, text=True, timeout=600)
    if done.returncode not in (0, 1):
        pytest.fail(f"the Cypher linter failed (exit {done.returncode}): {done.stderr.strip()}")
    return done.returncode, json.loads(done.stdout)


def shown(file: str) -> str:
    path = Path(file)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else file


def diagnostics(report: dict[str, Any], severity: str) -> dict[str, list[str]]:
    """file -> `file:line:column: message` for each diagnostic of `severity`."""
    return {
        entry["file"]: [
            f"{shown(entry['file'])}:{d['line']}:{d['column']}: {d['message']}"
            for d in entry["diagnostics"]
            if d["severity"] == severity
        ]
        for entry in report["files"]
    }


@pytest.fixture(scope="module")
def errors_by_file() -> dict[str, list[str]]:
    _, report = run_linter(TARGETS)
    assert {entry["file"] for entry in report["files"]} == set(map(str, TARGETS))
    return diagnostics(report, "error")


def test_the_linted_set_holds_the_shared_and_neo4j_files() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in TARGETS}
    assert "cypher/neo4j/schema.cypher" in names
    assert "cypher/neo4j/search_provisions.cypher" in names
    assert not any("/falkordb/" in name for name in names)


@pytest.mark.parametrize("path", TARGETS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_file_passes_neo4j_linter(errors_by_file: dict[str, list[str]], path: Path) -> None:
    errors = errors_by_file[str(path)]
    assert not errors, "Neo4j's linter reports:\n" + "\n".join(errors)


def test_the_linter_catches_undeclared_parameters_unknown_names_and_bad_headers(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text(
        "// Uses what does not exist.\n// @param declared: 1\n"
        "MATCH (n:Policy)\nWHERE n.x = $declared AND n.y = $undeclared\n"
        "CALL db.idx.fulltext.queryNodes('Provision', 'x') YIELD node\n"
        "RETURN frobnicate(n) AS a, apoc.text.join(['a'], ',') AS b\n",
        encoding="utf-8",
    )
    good = tmp_path / "good.cypher"
    good.write_text(
        '// Fine.\n// @param id: "x"\nMATCH (n:Policy {id: $id}) RETURN n {.*} AS policy\n', encoding="utf-8"
    )
    header = tmp_path / "header.cypher"
    header.write_text("// Bad example.\n// @param id: not-json\nRETURN $id AS id\n", encoding="utf-8")
    status, report = run_linter([bad, good, header])
    assert status == 1
    found = diagnostics(report, "error")
    assert found[str(good)] == []
    messages = "\n".join(found[str(bad)])
    assert "bad.cypher:4:" in messages and "$undeclared is not defined" in messages
    assert "Function frobnicate is not present" in messages
    assert "apoc.text.join" in messages  # no plugins in the neo4j:5 community image
    assert "Procedure db.idx.fulltext.queryNodes is not present" in messages  # FalkorDB's, not Neo4j's
    assert "$declared" not in messages
    assert any(":2:1: the example of $id is not JSON" in message for message in found[str(header)])
