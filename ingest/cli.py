"""`ingest PATH…`: load policy documents into the graph, with a progress bar and a summary.

Exit status: 0 when every document loaded, 1 when any failed (the others still load),
2 when the store could not be used at all.

A document whose policies another file already loaded (a renamed or re-encoded copy, another
edition under a new file name) is refused, naming that file; `--replace` loads it in that
file's place, dropping everything the other file had loaded.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphapi.config import Settings, SettingsError
from graphapi.store import open_store
from graphapi.store.base import StoreError, StoreUnavailable
from ingest.pipeline import DocumentResult, failures, ingest_paths, source_files

app = typer.Typer(add_completion=False, help=__doc__)
console = Console(stderr=True)


_COLUMNS = ("policies", "provisions", "programs", "tiers", "criteria", "benefits", "rules", "warnings")
_SHORT = dict(zip(_COLUMNS, ("pol.", "prov.", "prog.", "tiers", "crit.", "ben.", "rules", "warn."), strict=True))


def _summary(results: list[DocumentResult], width: int) -> Table:
    """Counts per document, status first. Why a document failed is printed under the table
    (`_failures`), where it wraps at any width instead of being cut to a column; in a narrow
    terminal the headers are abbreviated and long file names wrap, so that nothing is cropped."""
    table = Table(
        title="Ingest summary", show_footer=True, box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True
    )
    header = (lambda name: name) if width >= 120 else _SHORT.__getitem__
    table.add_column("document", footer="total", overflow="fold", min_width=12)
    table.add_column("status", no_wrap=True)
    for column in _COLUMNS:
        if column == "warnings":
            total = sum(len(r.warnings) for r in results)
        else:
            total = sum(getattr(r.summary, column) for r in results if r.summary)
        table.add_column(header(column), justify="right", footer=str(total), no_wrap=True)
    for result in results:
        counts = [str(getattr(result.summary, c)) if result.summary else "-" for c in _COLUMNS[:-1]]
        status = "[green]loaded[/]" if result.ok else "[red]failed[/]"
        table.add_row(result.path.name, status, *counts, str(len(result.warnings)))
    return table


def _failures(results: list[DocumentResult]) -> None:
    for result in failures(results):
        console.print(f"[red]failed:[/] {result.path.name}: {result.error}", highlight=False)


async def _run(
    settings: Settings, paths: list[Path], *, reset: bool, if_empty: bool, replace: bool, show_warnings: bool
) -> int:
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

            results = await ingest_paths(store, files, on_done=advance, replace=replace)
        console.print(_summary(results, console.width))
        _failures(results)
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
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Load a document whose policies another file loaded in that file's place "
            "(dropping everything the other file had loaded)",
        ),
    ] = False,
    warnings: Annotated[bool, typer.Option("--warnings", help="List every warning")] = False,
) -> None:
    """Parse, extract and load each document; a document that fails changes nothing."""
    environ = dict(os.environ) if graph_uri is None else {**os.environ, "GRAPH_URI": graph_uri}
    try:
        settings = Settings.from_env(environ)
    except SettingsError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    status = asyncio.run(
        _run(settings, paths, reset=reset, if_empty=if_empty, replace=replace, show_warnings=warnings)
    )
    raise typer.Exit(status)

