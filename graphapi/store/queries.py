"""Named Cypher queries, one `.cypher` file each, loaded once at start-up.

Layout: shared files in `cypher/*.cypher` (the Cypher subset both backends run), backend
files in `cypher/<backend>/*.cypher` (DDL, full-text search, anything that differs). A name
may not be both shared and backend-specific. Extra directories (tests use one) have the same
layout.

Every file starts with comment lines:

    // One-line description of what the query does.
    // @param id: "gd-2023-talent"
    // @param first: 20

one `@param` per parameter with a JSON example value (the examples are what Neo4j's linter
is told is declared and what FalkorDB's planner is given). Further comment lines may follow
the description. A parameter used but not declared, or declared but unused, is an error.
`schema.cypher` holds several statements separated by `;`; every other file holds one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphapi.store.base import StoreError

CYPHER_DIR = Path(__file__).resolve().parents[2] / "cypher"
BACKENDS = ("falkordb", "neo4j")
SCHEMA = "schema"  # the one multi-statement file name

_PARAM_LINE = re.compile(r"@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)")
# Parts of Cypher text in which a `$` is not a parameter, and `;` does not end a statement.
_SKIPPED = re.compile(
    r"""//[^\n]*              # line comment
      | /\*.*?\*/             # block comment
      | '(?:[^'\\]|\\.)*'     # single-quoted string
      | "(?:[^"\\]|\\.)*"     # double-quoted string
      | `[^`]*`               # quoted identifier
    """,
    re.VERBOSE | re.DOTALL,
)
_PARAM_USE = re.compile(r"\$(?:([A-Za-z_][A-Za-z0-9_]*)|`([^`]+)`)")


class QueryFileError(StoreError):
    """One or more query files are malformed; `problems` lists each with its file."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("bad query files:\n  " + "\n  ".join(self.problems))


class UnknownQuery(StoreError, KeyError):
    """No query file has that name. A KeyError too, so that `in` and `.get` work on Queries."""

    __str__ = Exception.__str__  # KeyError's would quote the message


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    path: Path
    description: str
    params: Mapping[str, Any]  # declared name -> example value
    statements: tuple[str, ...]  # the file minus its header; one, except for schema files

    @property
    def text(self) -> str:
        """The single statement of a query file."""
        if len(self.statements) != 1:
            raise StoreError(f"{self.name} holds {len(self.statements)} statements; run .statements")
        return self.statements[0]


class Queries(Mapping[str, Query]):
    """The queries one backend runs, by name."""

    def __init__(self, backend: str, queries: Mapping[str, Query]) -> None:
        self.backend = backend
        self._queries = dict(queries)

    def __getitem__(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise UnknownQuery(f"unknown query {name!r}: no cypher file named {name}.cypher") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._queries)

    def __len__(self) -> int:
        return len(self._queries)


def load_queries(backend: str, extra_dirs: Sequence[Path] = (), *, root: Path = CYPHER_DIR) -> Queries:
    """Read every shared and `backend` file under `root` and `extra_dirs`; raise QueryFileError
    listing every problem found."""
    if backend not in BACKENDS:
        raise StoreError(f"unknown backend {backend!r}: expected one of {', '.join(BACKENDS)}")
    directories = (root, *extra_dirs)
    shared = [path for directory in directories for path in sorted(directory.glob("*.cypher"))]
    shared_by_name = {path.stem: path for path in shared}
    problems: list[str] = []
    for other in BACKENDS:  # checked for every backend, so the clash shows whichever one runs
        for directory in directories:
            for path in sorted((directory / other).glob("*.cypher")):
                if path.stem in shared_by_name:
                    problems.append(
                        f"{path}: name {path.stem!r} is also a shared query ({shared_by_name[path.stem]})"
                    )
    specific = [
        path
        for directory in directories
        for path in sorted((directory / backend).glob("*.cypher"))
        if path.stem not in shared_by_name  # reported above
    ]
    found: dict[str, Query] = {}
    for path in (*shared, *specific):
        try:
            query = parse_query_file(path)
        except QueryFileError as error:
            problems.extend(error.problems)
            continue
        if query.name in found:  # the same name in two directories
            problems.append(f"{path}: name {query.name!r} is also defined by {found[query.name].path}")
            continue
        found[query.name] = query
    if problems:
        raise QueryFileError(problems)
    return Queries(backend, found)


def parse_query_file(path: Path) -> Query:
    """Parse one file: header (description, @param lines), statements; check parameter use."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryFileError([f"{path}: cannot read: {error}"]) from None
    problems: list[str] = []
    header, body_start = _header_lines(source)
    description = header[0] if header and not header[0].startswith("@") else ""
    if not description:
        problems.append(f"{path}: the first line must be a `// description` comment")
    params: dict[str, Any] = {}
    for line in header:
        if not line.startswith("@"):
            continue
        match = _PARAM_LINE.fullmatch(line)
        if match is None:
            problems.append(f"{path}: bad header tag {line!r}; expected `// @param <name>: <JSON example>`")
            continue
        name, example = match.groups()
        if name in params:
            problems.append(f"{path}: parameter ${name} is declared twice")
        try:
            params[name] = json.loads(example)
        except json.JSONDecodeError as error:
            problems.append(f"{path}: the example of ${name} is not JSON ({error.msg}): {example!r}")
    statements = split_statements(source[body_start:])
    if not statements:
        problems.append(f"{path}: no Cypher statement after the header")
    elif len(statements) > 1 and path.stem != SCHEMA:
        problems.append(
            f"{path}: {len(statements)} statements separated by ';'; only {SCHEMA}.cypher may hold several"
        )
    used = parameters_used(source[body_start:])
    for name in sorted(used - params.keys()):
        problems.append(
            f"{path}: parameter ${name} is used but not declared (add `// @param {name}: <JSON example>`)"
        )
    for name in sorted(params.keys() - used):
        problems.append(f"{path}: parameter ${name} is declared but not used")
    if problems:
        raise QueryFileError(problems)
    return Query(path.stem, path, description, params, tuple(statements))


def _header_lines(source: str) -> tuple[list[str], int]:
    """The leading `//` comment lines (text after `//`, stripped) and where the body starts."""
    header: list[str] = []
    offset = 0
    for line in source.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("//"):
            header.append(stripped[2:].strip())
        elif stripped:
            break
        offset += len(line)
    return header, offset


def _code_only(cypher: str) -> str:
    """`cypher` with comments, strings and quoted identifiers blanked out (same length)."""
    return _SKIPPED.sub(lambda match: " " * len(match.group()), cypher)


def split_statements(cypher: str) -> list[str]:
    """Statements separated by `;` outside strings and comments, stripped, empty ones dropped."""
    code = _code_only(cypher)
    statements, start = [], 0
    for index, char in enumerate(code):
        if char == ";":
            statements.append(cypher[start:index])
            start = index + 1
    statements.append(cypher[start:])
    return [s.strip() for s in statements if _code_only(s).strip()]


def parameters_used(cypher: str) -> set[str]:
    # Strings and comments are blanked first, but `$` inside a quoted identifier ($`a b`) is a
    # parameter: match those on the original text at the positions the blanking kept.
    names: set[str] = set()
    code = _code_only(cypher)
    for match in _PARAM_USE.finditer(cypher):
        if code[match.start()] == "$":
            names.add(match.group(1) or match.group(2))
    return names
