"""kg.store: loading article graphs into Oxigraph, querying, exporting, reopening."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import fixtures_rdf as fx
from kg import rdf
from kg.store import QueryResult, Store, StoreError, open_store
from kg.vocab import KG, PROV, RDF, SKOS, actor_iri, graph_iri


@pytest.fixture
def store():
    """Both fixture articles and a run record, in memory."""
    with fx.loaded_store() as loaded:
        yield loaded


def quad_count(store: Store) -> int:
    return store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0]


# --- writing -----------------------------------------------------------------------------------

def test_replace_article_twice_keeps_one_copy(store: Store) -> None:
    before = quad_count(store)
    store.replace_article(rdf.extraction_graph(fx.t1_extraction()))
    store.replace_article(rdf.extraction_graph(fx.t1_extraction()))
    assert quad_count(store) == before
    assert store.counts()["articles"] == 2


def test_replace_article_drops_what_the_old_version_said(store: Store) -> None:
    store.replace_article(rdf.extraction_graph(fx.meeting_extraction()))
    assert not store.query("ASK { ?x kg:condemned ?y . ?x skos:prefLabel 'Mira Kessel'@en }").boolean
    assert store.query("ASK { GRAPH ?g { ?c a schema:Claim } }").boolean  # t2's claim is still there


def test_replace_article_needs_a_named_graph() -> None:
    with Store(None) as store, pytest.raises(StoreError):
        store.replace_article(Graph())


def test_default_graph_holds_the_run_record(store: Store) -> None:
    result = store.query("SELECT ?run WHERE { ?run a prov:Activity }")
    assert len(result.rows) == 1
    named = store.query("ASK { GRAPH ?g { ?run a prov:Activity } }")
    assert named.boolean is False


def test_counts(store: Store) -> None:
    counts = store.counts()
    assert {k: counts[k] for k in ("articles", "actors", "met", "phoned", "condemned", "asserts")} == {
        "articles": 2, "actors": 6, "met": 2, "phoned": 1, "condemned": 2, "asserts": 2}
    assert counts["graphs"] == 2 and counts["quads"] == len(store)


# --- querying ----------------------------------------------------------------------------------

def test_select_gives_python_values(store: Store) -> None:
    result = store.query("""
        SELECT ?event ?confidence ?place WHERE {
          ?event sem:eventType kg:Meeting ; kg:confidence ?confidence .
          OPTIONAL { ?event kg:placeName ?place }
        } ORDER BY ?event""")
    assert result.columns == ["event", "confidence", "place"]
    assert result.rows == [
        ("https://w3id.org/kg-news/id/met/t1/1", 0.9, "Oslo"),
        ("https://w3id.org/kg-news/id/met/t2/1", 0.9, "Bergen"),
    ]
    count = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a sem:Actor }")
    assert count.rows == [(6,)] and isinstance(count.rows[0][0], int)


def test_query_sees_every_article_without_graph_clause(store: Store) -> None:
    result = store.query("SELECT DISTINCT ?a WHERE { ?a kg:met ?b }")
    assert {row[0] for row in result.rows} == {actor_iri("mira kessel"), actor_iri("tomas rundt")}


def test_unbound_values_are_none(store: Store) -> None:
    result = store.query("SELECT ?x ?nothing WHERE { ?x a schema:NewsArticle "
                         "OPTIONAL { ?x kg:noSuchProperty ?nothing } }")
    assert all(row[1] is None for row in result.rows) and len(result.rows) == 2


def test_ask(store: Store) -> None:
    assert store.query("ASK { ?a kg:phoned ?b }").boolean is True
    assert store.query("ASK { ?a kg:phoned ?a }").boolean is False


def test_construct_gives_an_rdflib_graph(store: Store) -> None:
    result = store.query("CONSTRUCT { ?a kg:met ?b } WHERE { ?a kg:met ?b }")
    assert isinstance(result.graph, Graph) and len(result.graph) == 2
    kessel, rundt = URIRef(actor_iri("mira kessel")), URIRef(actor_iri("tomas rundt"))
    assert (kessel, KG.met, rundt) in result.graph
    assert result.columns == ["subject", "predicate", "object"] and len(result.rows) == 2


def test_query_prefixes_override_the_defaults(store: Store) -> None:
    result = store.query("PREFIX kg: <https://example.org/other#> ASK { ?a kg:met ?b }")
    assert result.boolean is False


@pytest.mark.parametrize("sparql", ["SELEC ?x WHERE { ?x ?p ?o }",
                                    "SELECT ?x WHERE {\n ?x nope:p ?o \n}",
                                    "SELECT ?x WHERE { ?x ?p ?o "])
def test_invalid_sparql_raises_one_line_store_error(store: Store, sparql: str) -> None:
    with pytest.raises(StoreError) as caught:
        store.query(sparql)
    message = str(caught.value)
    assert message.startswith("invalid SPARQL") and "\n" not in message


# --- shipped queries ---------------------------------------------------------------------------

SHIPPED = {
    "met.rq": (["actor1", "actor2", "articles", "meetings"],
               [("Mira Kessel", "Tomas Rundt", 2, 2)]),
    "condemned.rq": (["agent", "target", "article", "sentence"], [
        ("Mira Kessel", "the attack on the harbour", "t1", "Kessel condemned the attack on the harbour."),
        ("dock workers", "the closure of the port", "t2", "Dock workers condemned the closure of the port."),
    ]),
    "claims.rq": (["article", "speaker", "claim"], [
        ("t1", "Tomas Rundt", "Talks will continue next month"),
        ("t2", "", "The harbour will reopen in May"),
    ]),
}


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_query(store: Store, name: str) -> None:
    text = (fx.QUERIES / name).read_text(encoding="utf-8")
    assert text.startswith(f"# {name}:"), "each query opens with a comment saying what it answers"
    result = store.query(text)
    assert (result.columns, result.rows) == SHIPPED[name]


def test_every_shipped_query_is_tested() -> None:
    assert {p.name for p in fx.QUERIES.glob("*.rq")} == set(SHIPPED)


def test_met_query_counts_one_meeting_per_article() -> None:
    with Store(None) as store:
        store.replace_article(rdf.extraction_graph(fx.t1_extraction()))
        assert store.query((fx.QUERIES / "met.rq").read_text()).rows == [
            ("Mira Kessel", "Tomas Rundt", 1, 1)]


# --- result formats ----------------------------------------------------------------------------

def test_result_formats() -> None:
    result = QueryResult(columns=["name", "n"], rows=[("a\nb", 1), ("long" * 30, None)])
    table = result.to_table(max_width=20).splitlines()
    assert table[0].split() == ["name", "n"] and table[2].startswith("a b")
    assert len(table[3]) <= 20 + 2 + 1 and table[-1] == "(2 rows)"
    assert list(csv.reader(io.StringIO(result.to_csv()))) == [["name", "n"], ["a\nb", "1"], ["long" * 30, ""]]
    assert json.loads(result.to_json())["rows"][0] == {"name": "a\nb", "n": 1}
    ask = QueryResult(boolean=True)
    assert ask.to_table() == "true" and json.loads(ask.to_json()) == {"boolean": True}


# --- export ------------------------------------------------------------------------------------

def test_export_ttl_merges_all_graphs(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    store.export(path, "ttl")
    text = path.read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/kg-news/ns#>" in text
    merged = Graph().parse(path, format="turtle")
    kessel = URIRef(actor_iri("mira kessel"))
    assert (kessel, SKOS.prefLabel, Literal("Mira Kessel", lang="en")) in merged
    assert (None, RDF.type, PROV.Activity) in merged
    distinct = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
                           "{ { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }").rows[0][0]
    assert len(merged) == distinct


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
def test_export_trig_round_trips_every_graph(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    store.export(path, "trig")
    dataset = Dataset().parse(path, format="trig")
    for extraction in fx.extractions():
        expected = rdf.extraction_graph(extraction)
        assert isomorphic(dataset.graph(URIRef(graph_iri(extraction.article.id))), expected)
    assert (None, RDF.type, PROV.Activity) in dataset.default_graph


@pytest.mark.parametrize("fmt", ["trig", "ttl", "nq", "nt"])
def test_export_does_not_depend_on_loading_order(tmp_path: Path, fmt: str) -> None:
    """Same content, same bytes: exports are sorted, whatever order articles were stored in."""
    outputs = []
    for order in (fx.extractions(), fx.extractions()[::-1]):
        with Store(None) as store:
            for extraction in order:
                store.replace_article(rdf.extraction_graph(extraction))
            store.export(tmp_path / f"{len(outputs)}.{fmt}", fmt)
        outputs.append((tmp_path / f"{len(outputs)}.{fmt}").read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000


def test_export_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        store.export(tmp_path / "x.xml", "rdfxml")


# --- on disk -----------------------------------------------------------------------------------

def test_on_disk_store_reopens_with_its_data(tmp_path: Path) -> None:
    fx.loaded_store(tmp_path / "out" / "store").close()
    with open_store(tmp_path / "out") as reopened:  # a build folder holding store/
        assert reopened.counts()["articles"] == 2
    with open_store(tmp_path / "out" / "store") as reopened:  # the store folder itself
        assert len(reopened.query((fx.QUERIES / "claims.rq").read_text()).rows) == 2


def test_open_store_on_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kg store") as caught:
        open_store(tmp_path / "nowhere")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "nowhere").exists()


def test_store_open_twice_raises_store_error(tmp_path: Path) -> None:
    with Store(tmp_path / "store"), pytest.raises(StoreError, match="cannot open store"):
        Store(tmp_path / "store")


def test_closed_store_refuses_queries() -> None:
    store = Store(None)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.query("ASK { ?s ?p ?o }")
