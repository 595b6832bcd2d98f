"""`extract PATH… [--report]`: read policy documents and show the facts extracted from them,
without touching the graph. Directories are searched for policy documents.

Exit status: 0 when every document was read (unlinked mentions are reported, not failures),
1 when a document could not be read or a curated fact no longer matches its provision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graphapi.domain.entities import EntityResolver
from graphapi.domain.regions import default_regions
from ingest.documents import parse_file
from ingest.errors import DocumentError
from ingest.facts import extract
from ingest.facts.curation import CurationError
from ingest.pipeline import source_files
from ingest.report import Counts, print_report, summary_table

app = typer.Typer(add_completion=False, help=__doc__)


@app.command()
def main(
    paths: Annotated[list[Path], typer.Argument(help="Policy documents or directories holding them.")],
    report: Annotated[bool, typer.Option("--report", help="Show every extracted fact and unlinked mention.")] = False,
) -> None:
    console = Console()
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        console.print(f"[red]No such file or directory:[/] {', '.join(missing)}")
        raise typer.Exit(1)
    files = source_files(paths)
    if not files:
        console.print("[red]No policy documents found[/] in " + ", ".join(map(str, paths)))
        raise typer.Exit(1)
    resolver = EntityResolver.default()
    regions = default_regions()
    rows: list[tuple[str, Counts | None, str | None]] = []
    for path in files:
        try:
            facts = extract(parse_file(path), resolver, regions)
        except (DocumentError, CurationError) as error:
            rows.append((path.name, None, str(error)))
            continue
        rows.append((path.name, Counts.of(facts), None))
        if report:
            print_report(console, path.name, facts)
    console.print(summary_table(rows))
    raise typer.Exit(1 if any(error for _, _, error in rows) else 0)
