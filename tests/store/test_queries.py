"""The query-file loader: headers, parameters, statements, names."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphapi.store.base import StoreError
from graphapi.store.queries import BACKENDS, QueryFileError, load_queries, parse_query_file, split_statements
from tests.store.conftest import TEST_QUERIES


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_project_query_file_loads(backend: str) -> None:
    queries = load_queries(backend, [TEST_QUERIES])
    assert {"schema", "search_provisions", "reset"} <= set(queries)
    assert all(query.description for query in queries.values())
    assert queries["search_provisions"].params.keys() == {"query", "first"}


def test_header_and_statement(tmp_path: Path) -> None:
    query = parse_query_file(
        write(
            tmp_path / "policy.cypher",
            "// One policy by id.\n// Why: comment lines may follow the description.\n"
            '// @param id: "gd-2023"\n// @param filter: {"levels": ["DISTRICT"], "first": 20}\n\n'
            "MATCH (n:Policy {id: $id})\nWHERE n.level IN $filter.levels\nRETURN n {.*} AS policy\n",
        )
    )
    assert query.name == "policy"
    assert query.description == "One policy by id."
    assert query.params == {"id": "gd-2023", "filter": {"levels": ["DISTRICT"], "first": 20}}
    assert query.text.startswith("MATCH (n:Policy {id: $id})")
    assert "@param" not in query.text


def test_undeclared_and_unused_parameters_are_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bad.cypher", "// Bad.\n// @param unused: 1\nMATCH (n {id: $missing}) RETURN n.id AS id\n"
    )
    with pytest.raises(QueryFileError) as raised:
        parse_query_file(path)
    problems = "\n".join(raised.value.problems)
    assert "$missing is used but not declared" in problems
    assert "$unused is declared but not used" in problems
    assert str(path) in problems


def test_dollars_in_strings_and_comments_are_not_parameters(tmp_path: Path) -> None:
    query = parse_query_file(
        write(
            tmp_path / "prices.cypher",
            "// Prices.\n// @param id: 1\nMATCH (n {id: $id}) // not $this\n"
            "/* nor $that; */ RETURN '$1; and \\'$2\\'' AS a, \"$3\" AS b, $`id` AS c\n",
        )
    )
    assert query.params == {"id": 1}
    assert len(query.statements) == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("MATCH (n) RETURN n.id AS id\n", "description"),
        ("// @param id: 1\nRETURN $id AS id\n", "description"),
        ("// Bad JSON.\n// @param id: 'single quotes'\nRETURN $id AS id\n", "not JSON"),
        ("// Bad tag.\n// @parm id: 1\nRETURN 1 AS one\n", "bad header tag"),
        ("// Twice.\n// @param id: 1\n// @param id: 2\nRETURN $id AS id\n", "declared twice"),
        ("// Empty.\n", "no Cypher statement"),
        ("// Two.\nRETURN 1 AS one;\nRETURN 2 AS two\n", "only schema.cypher"),
    ],
)
def test_malformed_files_are_reported(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(QueryFileError, match=problem):
        parse_query_file(write(tmp_path / "query.cypher", text))


def test_schema_files_hold_several_statements(tmp_path: Path) -> None:
    query = parse_query_file(
        write(
            tmp_path / "schema.cypher",
            "// DDL.\nCREATE INDEX FOR (n:A) ON (n.id);\n// why\nCREATE INDEX FOR (n:B) ON (n.id);\n",
        )
    )
    assert query.statements == (
        "CREATE INDEX FOR (n:A) ON (n.id)",
        "// why\nCREATE INDEX FOR (n:B) ON (n.id)",
    )
    with pytest.raises(StoreError, match="2 statements"):
        _ = query.text


def test_split_statements_ignores_semicolons_in_strings() -> None:
    assert split_statements("RETURN 'a;b' AS x; RETURN \"c;d\" AS y; // end;\n") == [
        "RETURN 'a;b' AS x",
        'RETURN "c;d" AS y',
    ]


def test_shared_and_backend_files_are_merged(tmp_path: Path) -> None:
    write(tmp_path / "shared.cypher", "// Shared.\nRETURN 1 AS one\n")
    write(tmp_path / "falkordb" / "special.cypher", "// FalkorDB only.\nRETURN 2 AS two\n")
    write(tmp_path / "neo4j" / "special.cypher", "// Neo4j only.\nRETURN 3 AS three\n")
    falkordb = load_queries("falkordb", root=tmp_path)
    assert set(falkordb) == {"shared", "special"}
    assert falkordb["special"].description == "FalkorDB only."
    assert load_queries("neo4j", root=tmp_path)["special"].description == "Neo4j only."


def test_a_name_cannot_be_shared_and_backend_specific(tmp_path: Path) -> None:
    write(tmp_path / "search.cypher", "// Shared.\nRETURN 1 AS one\n")
    write(tmp_path / "neo4j" / "search.cypher", "// Neo4j.\nRETURN 2 AS two\n")
    for backend in BACKENDS:  # reported whichever backend loads
        with pytest.raises(QueryFileError, match="'search' is also a shared query"):
            load_queries(backend, root=tmp_path)


def test_a_name_cannot_come_from_two_directories(tmp_path: Path) -> None:
    write(tmp_path / "main" / "items.cypher", "// Main.\nRETURN 1 AS one\n")
    write(tmp_path / "extra" / "items.cypher", "// Extra.\nRETURN 2 AS two\n")
    with pytest.raises(QueryFileError, match="'items' is also defined by"):
        load_queries("falkordb", [tmp_path / "extra"], root=tmp_path / "main")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    write(tmp_path / "a.cypher", "RETURN 1 AS one\n")
    write(tmp_path / "b.cypher", "// B.\nRETURN $b AS b\n")
    with pytest.raises(QueryFileError) as raised:
        load_queries("falkordb", root=tmp_path)
    assert len(raised.value.problems) == 2


def test_unknown_names_are_refused_by_name(tmp_path: Path) -> None:
    write(tmp_path / "known.cypher", "// Known.\nRETURN 1 AS one\n")
    queries = load_queries("falkordb", root=tmp_path)
    with pytest.raises(StoreError, match=r"^unknown query 'unknown': no cypher file named unknown\.cypher$"):
        queries["unknown"]
    assert "unknown" not in queries and "known" in queries
    assert queries.get("unknown") is None
    with pytest.raises(StoreError, match="unknown backend"):
        load_queries("sqlite", root=tmp_path)
