"""`ingest PATH…` through typer's CliRunner: --graph-uri, --reset, --replace, and a summary
that shows every status and every reason in full at 80 columns."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from rich.cells import cell_len
from typer.testing import CliRunner, Result

from graphapi.config import Settings
from graphapi.store import open_store
from ingest.cli import app
from tests.ingest.support import corpus_path

GUANDU, DONGCHUAN, SHENZHEN = corpus_path("001"), corpus_path("002"), corpus_path("003")


async def ingest(*args: str | Path, columns: int = 80, graph: Path | None = None) -> Result:
    env = {"COLUMNS": str(columns), "GRAPH_URI": str(graph) if graph else "unused/by/these/tests.rdb"}
    return await asyncio.to_thread(CliRunner().invoke, app, [str(a) for a in args], env=env)


async def policies_in(graph: Path) -> int:
    store = open_store(Settings(graph_uri=str(graph)))
    await store.open()
    try:
        (row,) = await store.read("count_policies")
        return row["policies"]
    finally:
        await store.close()


def flat(text: str) -> str:
    return "".join(text.split())


async def test_graph_uri_names_the_store(tmp_path):
    chosen, default = tmp_path / "chosen" / "graph.rdb", tmp_path / "default" / "graph.rdb"
    result = await ingest(SHENZHEN, "--graph-uri", chosen, graph=default)
    assert result.exit_code == 0, result.output
    assert chosen.parent.is_dir() and not default.parent.exists()
    assert await policies_in(chosen) == 1


async def test_reset_empties_the_store_first(tmp_path):
    graph = tmp_path / "graph.rdb"
    assert (await ingest(GUANDU, DONGCHUAN, graph=graph)).exit_code == 0
    loaded = await policies_in(graph)
    assert (await ingest(SHENZHEN, graph=graph)).exit_code == 0
    assert await policies_in(graph) == loaded + 1

    result = await ingest(SHENZHEN, "--reset", graph=graph)
    assert result.exit_code == 0, result.output
    assert await policies_in(graph) == 1


async def test_a_copy_is_refused_with_the_way_out_and_loads_with_replace(tmp_path):
    graph = tmp_path / "graph.rdb"
    copy = tmp_path / "docs" / "guandu_copy.txt"
    copy.parent.mkdir()
    shutil.copy(GUANDU, copy)
    assert (await ingest(GUANDU, graph=graph)).exit_code == 0

    refused = await ingest(copy, graph=graph)
    assert refused.exit_code == 1
    reason = flat(refused.output.split("failed:", 1)[1])
    assert flat("guandu_copy.txt: policy 《") in reason
    assert flat(f"is already loaded from {GUANDU.name}; nothing was changed") in reason
    assert flat("or run ingest with --replace") in reason

    replaced = await ingest(copy, "--replace", "--warnings", graph=graph)
    assert replaced.exit_code == 0, replaced.output
    assert flat(f"warning guandu_copy.txt: replaced everything {GUANDU.name} had loaded") in flat(replaced.output)


async def test_at_80_columns_every_status_and_reason_shows_in_full(tmp_path):
    graph = tmp_path / "graph.rdb"
    docs = tmp_path / "docs"
    docs.mkdir()
    names = {
        "a_policy_file_with_a_rather_long_name_2024.txt": GUANDU.read_bytes(),
        "an_empty_file_of_some_office.txt": b"",
        "cut_off.txt": GUANDU.read_bytes().rstrip()[:-1],  # into the final 。
    }
    for name, data in names.items():
        (docs / name).write_bytes(data)
    result = await ingest(docs, graph=graph, columns=80)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), max(lines, key=cell_len)
    table = lines[: next(i for i, line in enumerate(lines) if line.startswith("failed:"))]
    header = next(line for line in table if "document" in line and "status" in line)
    status_at = header.index("status")
    assert flat("\n".join(table)).count("loaded") == 1 and flat("\n".join(table)).count("failed") == 2
    first_column = "".join(line[:status_at].strip() for line in table[table.index(header) + 2 :])
    for name in names:
        assert name in first_column  # long names wrap, never cut
    output = flat(result.output)
    assert flat("an_empty_file_of_some_office.txt: the document is empty") in output
    assert flat("cut_off.txt: the file ends mid-character (truncated?)") in output
