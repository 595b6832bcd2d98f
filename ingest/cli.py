"""`ingest PATH…`: load policy documents into the graph, with a progress bar and a summary.

Exit status: 0 when every document loaded, 1 when any failed (the others still load),
2 when the store could not be used at all.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphapi.config import Settings, SettingsError
from graphapi.store import open_store
from graphapi.store.base import StoreError, StoreUnavailable
from ingest.pipeline import DocumentResult, failures, ingest_paths, source_files

app = typer.Typer(add_completion=False, help=__doc__)
console = Console(stderr=True)


def _summary(results: list[DocumentResult]) -> Table:
    table = Table(title="Ingest summary", show_footer=True)
    columns = ("policies", "provisions", "programs", "tiers", "criteria", "benefits", "rules")
    table.add_column("document", footer="total")
    totals = {c: sum(getattr(r.summary, c) for r in results if r.summary) for c in columns}
    for column in columns:
        table.add_column(column, justify="right", footer=str(totals[column]))
    table.add_column("warnings", justify="right", footer=str(sum(len(r.warnings) for r in results)))
    table.add_column("status")
    for result in results:
        counts = [str(getattr(result.summary, c)) if result.summary else "-" for c in columns]
        status = "[green]loaded[/]" if result.ok else f"[red]failed:[/] {result.error}"
        table.add_row(result.path.name, *counts, str(len(result.warnings)), status)
    return table


async def _run(settings: Settings, paths: list[Path], reset: bool, if_empty: bool, show_warnings: bool) -> int:
    store = open_store(settings)
    try:
        await store.open()
        if reset:
            await store.reset()
        if if_empty:
            (row,) = await store.read("count_policies")
            if row["policies"]:
                console.print(f"The store already holds {row['policies']} policies; nothing to ingest.")
                return 0
        files = source_files(paths)
        if not files:
            console.print("[red]No policy documents found[/] in " + ", ".join(map(str, paths)))
            return 1
        progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, transient=True,
        )
        with progress:
            task = progress.add_task("Ingesting", total=len(files))

            def advance(result: DocumentResult) -> None:
                progress.update(task, advance=1, description=f"Ingesting {result.path.name}")

            results = await ingest_paths(store, files, on_done=advance)
        console.print(_summary(results))
        if show_warnings:
            for result in results:
                for warning in result.warnings:
                    console.print(f"[yellow]warning[/] {result.path.name}: {warning}")
        return 1 if any(True for _ in failures(results)) else 0
    except StoreUnavailable as exc:
        console.print(f"[red]The graph store is unavailable:[/] {exc}")
        return 2
    except StoreError as exc:
        console.print(f"[red]The graph store failed:[/] {exc}")
        return 2
    finally:
        await store.close()


@app.command()
def main(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories of policy documents", exists=True)],
    graph_uri: Annotated[
        str | None,
        typer.Option(help="Store to load into: a file path (embedded FalkorDB) or bolt://… (Neo4j)"),
    ] = None,
    reset: Annotated[bool, typer.Option(help="Empty the store first")] = False,
    if_empty: Annotated[bool, typer.Option(help="Do nothing when the store already holds policies")] = False,
    warnings: Annotated[bool, typer.Option("--warnings", help="List every warning")] = False,
) -> None:
    """Parse, extract and load each document; a document that fails changes nothing."""
    environ = dict(os.environ) if graph_uri is None else {**os.environ, "GRAPH_URI": graph_uri}
    try:
        settings = Settings.from_env(environ)
    except SettingsError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    raise typer.Exit(asyncio.run(_run(settings, paths, reset, if_empty, warnings)))

