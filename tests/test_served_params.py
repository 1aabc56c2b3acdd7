"""Parameters bind the same way against `kg serve` as in the embedded store: every shipped query,
with normal values (read from the store) and hostile ones, gives the same columns and rows
through a served store as embedded; and a subquery with LIMIT sees the parameter before its
LIMIT, as Oxigraph's substitution has it (a VALUES block after the WHERE clause did not).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import fixtures_rdf as fx
from kg.store import RemoteStore, Store
from test_store_remote import free_port, needs_oxigraph, stop, wait_until_up

#: the parameter each shipped query takes (None: none).
PARAMETER = {"met.rq": None, "corroboration.rq": None, "condemned.rq": "actor", "claims.rq": "speaker",
             "actor_profile.rq": "name"}
HOSTILE = ['say "hi" }', "a } } DROP ALL ; #", "line one\nline two # DROP ALL", "back\\slash \\u0022 é",
           "' ; DELETE WHERE { ?s ?p ?o } #", "} SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #", "",
           "?name", "<https://example.org/x>", "https://example.org/x", 42, 0.5, "\u202e\x00bidi"]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory):
    """The embedded store (read-only) and `kg serve` on the same folder, resolved fixture articles."""
    out = tmp_path_factory.mktemp("served-params") / "out"
    fx.loaded_store(out / "store", resolved=True).close()
    url = f"http://127.0.0.1:{free_port()}"
    process = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "serve", str(out),
                                "--bind", url[7:]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url, process)
        with Store(out / "store", read_only=True) as local, RemoteStore(url) as remote:
            yield local, remote
    finally:
        stop(process)


def test_every_shipped_query_is_covered() -> None:
    assert set(PARAMETER) == {p.name for p in fx.QUERIES.glob("*.rq")}


def _values(local: Store, name: str) -> list:
    """Normal values of the query's parameter (the store's labels) and the hostile ones."""
    labels = [row[0] for row in local.query("SELECT DISTINCT ?v WHERE { ?a skos:prefLabel ?v } ORDER BY ?v").rows]
    return labels + [label.lower() for label in labels] + HOSTILE


@needs_oxigraph
@pytest.mark.parametrize("name", sorted(PARAMETER))
def test_shipped_queries_answer_the_same_served_and_embedded(stores: tuple[Store, RemoteStore], name: str) -> None:
    local, remote = stores
    text = (fx.QUERIES / name).read_text(encoding="utf-8")
    parameter = PARAMETER[name]
    cases = [{}] + ([{parameter: value} for value in _values(local, name)] if parameter else [])
    answered = 0
    for params in cases:
        expected, answer = local.query(text, params), remote.query(text, params)
        assert (answer.columns, answer.rows) == (expected.columns, expected.rows), params
        answered += bool(answer.rows)
    assert answered or name == "corroboration.rq"  # the comparison saw rows, not only empty answers


@needs_oxigraph
def test_a_subquery_with_limit_sees_the_parameter_first(stores: tuple[Store, RemoteStore]) -> None:
    local, remote = stores
    sparql = ("SELECT ?label ?who WHERE { { SELECT ?label ?who WHERE { ?who skos:prefLabel ?label } "
              "ORDER BY ?label LIMIT 1 } }")
    last = local.query("SELECT ?a WHERE { ?a skos:prefLabel ?v } ORDER BY DESC(?v) LIMIT 1").rows[0][0]
    expected = local.query(sparql, {"who": last})  # (an IRI: labels are language-tagged, a bare string matches none)
    assert expected.rows  # substitution reaches inside the subquery, before its LIMIT
    assert remote.query(sparql, {"who": last}).rows == expected.rows


@needs_oxigraph
def test_a_subquery_that_does_not_project_the_parameter_keeps_its_own_variable(
        stores: tuple[Store, RemoteStore]) -> None:
    local, remote = stores
    sparql = ("SELECT ?label ?n WHERE { ?x skos:prefLabel ?label "
              "{ SELECT (COUNT(?label) AS ?n) WHERE { ?y skos:prefLabel ?label } } } ORDER BY ?label")
    some = local.query("SELECT ?v WHERE { ?a skos:prefLabel ?v } ORDER BY ?v LIMIT 1").rows[0][0]
    assert remote.query(sparql, {"label": some}).rows == local.query(sparql, {"label": some}).rows
