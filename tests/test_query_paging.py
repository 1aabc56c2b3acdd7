"""Paging a query's answer: `GraphStore.query(..., limit=, offset=)`, the `limit` and `offset`
parameters, `kg query --limit/--offset`, and the listings that take them (`kg actors`,
`kg conflicts`, the shipped .rq files, which stop at a page of 100 rows)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import fixtures_rdf as fx
from kg.cli import main
from kg.store import Store, StoreError

NUMBERS = "SELECT ?n WHERE { ?s <urn:x:n> ?n } ORDER BY ?n"


@pytest.fixture(scope="module")
def numbered():
    """An in-memory store holding the numbers 0 to 19."""
    with Store(None) as store:
        store.update("INSERT DATA { " + " ".join(f"<urn:x:{n}> <urn:x:n> {n} ." for n in range(20)) + " }")
        yield store


@pytest.mark.parametrize("query, limit, offset, expected", [
    (NUMBERS, None, None, list(range(20))),
    (NUMBERS, 3, None, [0, 1, 2]),
    (NUMBERS, 3, 5, [5, 6, 7]),
    (NUMBERS, None, 17, [17, 18, 19]),
    (NUMBERS, 0, 18, [18, 19]),
    (NUMBERS + " LIMIT 4", None, None, [0, 1, 2, 3]),
    (NUMBERS + " LIMIT 4", None, 4, [4, 5, 6, 7]),  # the query's page size, the next page
    (NUMBERS + " LIMIT 4", 2, None, [0, 1]),  # replaced, not combined
    (NUMBERS + " LIMIT 4", 0, None, list(range(20))),  # 0: no limit
    (NUMBERS + " OFFSET 2 LIMIT 2", None, 0, [0, 1]),
    (NUMBERS + " LIMIT 2 # LIMIT 9 in a comment", None, 2, [2, 3]),
    (NUMBERS + ' LIMIT 2 VALUES ?n { 1 2 3 4 "LIMIT 5" }', None, 1, [2, 3]),
    ("SELECT ?n WHERE { { SELECT ?n WHERE { ?s <urn:x:n> ?n } ORDER BY DESC(?n) LIMIT 5 } } ORDER BY ?n",
     2, 1, [16, 17]),  # a subquery's LIMIT is its own
    ("SELECT ?n WHERE { ?s <urn:x:n> ?n FILTER (?n < 3) } ORDER BY ?n", 10, 0, [0, 1, 2]),
])
def test_limit_and_offset_replace_the_querys_own(numbered: Store, query: str, limit: int | None,
                                                 offset: int | None, expected: list[int]) -> None:
    assert [row[0] for row in numbered.query(query, limit=limit, offset=offset).rows] == expected


@pytest.mark.parametrize("params, expected", [
    ({"limit": 2}, [0, 1]),
    ({"limit": 2, "offset": 10}, [10, 11]),
    ({"offset": 19}, [19]),
])
def test_limit_and_offset_parameters_page_a_query_without_such_variables(
        numbered: Store, params: dict, expected: list[int]) -> None:
    assert [row[0] for row in numbered.query(NUMBERS, params).rows] == expected


def test_a_limit_variable_of_the_query_is_bound_not_paged(numbered: Store) -> None:
    rows = numbered.query("SELECT ?n ?limit WHERE { ?s <urn:x:n> ?n FILTER (?n < ?limit) } ORDER BY ?n",
                          {"limit": 2}).rows
    assert rows == [(0, 2), (1, 2)]


@pytest.mark.parametrize("params, keywords", [
    ({"limit": -1}, {}), ({"offset": "ten"}, {}), ({"limit": 2.5}, {}), ({}, {"limit": -1}), ({}, {"offset": True}),
])
def test_a_page_is_whole_rows(numbered: Store, params: dict, keywords: dict) -> None:
    with pytest.raises(StoreError, match="whole rows"):
        numbered.query(NUMBERS, params, **keywords)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder holding the resolved fixture articles."""
    folder = tmp_path_factory.mktemp("paging") / "out"
    fx.loaded_store(folder / "store", resolved=True).close()
    return folder


@pytest.mark.parametrize("args, rows", [
    (["query", "{out}", "{queries}/claims.rq", "--format", "csv"],
     ["speaker,claim,article", ",The harbour will reopen in May,t2", "Tomas Rundt,Talks will continue next month,t1"]),
    (["query", "{out}", "{queries}/claims.rq", "--format", "csv", "--limit", "1"],
     ["speaker,claim,article", ",The harbour will reopen in May,t2"]),
    (["query", "{out}", "{queries}/claims.rq", "--format", "csv", "--offset", "1"],
     ["speaker,claim,article", "Tomas Rundt,Talks will continue next month,t1"]),
    (["query", "{out}", "{queries}/claims.rq", "--format", "csv", "--param", "offset=1"],
     ["speaker,claim,article", "Tomas Rundt,Talks will continue next month,t1"]),
    (["query", "{out}", "{queries}/met.rq", "--format", "csv", "--offset", "1"],
     ["actor1,actor2,articles,meetings,first,last"]),
])
def test_queries_page_on_the_command_line(out: Path, args: list[str], rows: list[str]) -> None:
    result = CliRunner().invoke(main, [a.format(out=out, queries=fx.QUERIES) for a in args])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == rows


@pytest.mark.parametrize("command, page, expected", [
    ("actors", ["--limit", "2"], slice(0, 2)),
    ("actors", ["--offset", "3"], slice(3, None)),
    ("actors", ["--offset", "1", "--limit", "2"], slice(1, 3)),
    ("actors", ["--limit", "0"], slice(0, None)),
    ("conflicts", ["--offset", "5"], slice(5, None)),
])
def test_listing_commands_page(out: Path, command: str, page: list[str], expected: slice) -> None:
    def first_cells(argv: list[str]) -> list[str]:
        result = CliRunner().invoke(main, argv)
        assert result.exit_code == 0, result.output
        return [line.split("  ")[0] for line in result.stdout.splitlines()[2:-1]]  # header, rule ... count
    assert first_cells([command, str(out), *page]) == first_cells([command, str(out)])[expected]


def test_an_update_takes_no_page(out: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(out), "DELETE WHERE { ?s <urn:x:none> ?o }", "--update",
                                       "--limit", "1"])
    assert result.exit_code != 0 and "--limit" in result.stderr
