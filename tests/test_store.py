"""kg.store: loading article graphs into Oxigraph, querying with parameters, updating, removing,
exporting, reopening.  The shipped queries are tested in test_queries.py, the remote store in
test_store_remote.py."""
from __future__ import annotations

import csv
import io
import json
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import fixtures_rdf as fx
from kg import rdf
from kg.store import (
    QueryResult, SparqlSyntaxError, Store, StoreError, UpdateRefused, _bindings, _with_values, is_update, open_store,
    parse_param,
)
from kg.vocab import KG, PREFIXES, PROV, RDF, RDFS, SKOS, actor_iri, graph_iri


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
    assert store.counts().articles == 2


def test_replace_article_drops_what_the_old_version_said(store: Store) -> None:
    store.replace_article(rdf.extraction_graph(fx.meeting_extraction()))
    assert not store.query("ASK { ?x kg:condemned ?y . ?x rdfs:label 'Mira Kessel'@en }").boolean
    assert store.query("ASK { GRAPH ?g { ?c a schema:Claim } }").boolean  # t2's claim is still there


@pytest.mark.parametrize("chunk", [1, 7, 10_000], ids=["a triple a time", "chunks of 7", "one chunk"])
@pytest.mark.parametrize("on_disk", [False, True], ids=["in memory", "on disk"])
def test_a_graph_writer_adds_what_replace_article_stores(chunk: int, on_disk: bool, tmp_path: Path) -> None:
    """`GraphWriter` (a graph too large for one rdflib Graph, written a chunk at a time) leaves the
    same quads as one `replace_article` of the graph, whatever its chunk: none lost at a chunk's
    end or at the last, partial one; and adds to what the graph already holds."""
    graph = rdf.extraction_graph(fx.t1_extraction())
    name = str(graph.identifier)
    with Store(None) as expected, Store(tmp_path / "store" if on_disk else None) as written:
        expected.replace_article(graph)
        written.update(f"INSERT DATA {{ GRAPH <{name}> {{ <urn:x> <urn:p> 'kept' }} }}")
        with written.writer(name, chunk) as out:
            for triple in graph:
                out.add(triple)
        assert out.written == len(graph)
        written.update(f"DELETE DATA {{ GRAPH <{name}> {{ <urn:x> <urn:p> 'kept' }} }}")
        assert _dataset(written) == _dataset(expected)


def test_a_graph_writer_left_by_an_error_writes_no_partial_chunk() -> None:
    """An error inside the `with` leaves the chunks already written, not the pending rest."""
    graph = rdf.extraction_graph(fx.t1_extraction())
    with Store(None) as written:
        with pytest.raises(RuntimeError), written.writer(str(graph.identifier), 5) as out:
            for number, triple in enumerate(graph, 1):
                out.add(triple)
                if number == 12:
                    raise RuntimeError("stop")
        assert len(written) == 10


def _dataset(store: Store) -> set[ox.Quad]:
    return set(store._dataset())


@pytest.mark.parametrize("first", [[], [f"INSERT DATA {{ <{graph_iri('t1')}> kg:readFrom \"t1.txt\" }}"]],
                         ids=["alone", "with updates first"])
def test_graphs_loaded_as_quads_equal_graphs_written_with_sparql(first: list[str]) -> None:
    """`replace_graphs` (quads loaded by Oxigraph, the build's way) leaves the very quads that
    `replace_article` (one SPARQL update) does: article graphs hold no blank nodes to rename."""
    graphs = [rdf.extraction_graph(e) for e in fx.extractions()]
    assert not any(isinstance(term, BNode) for graph in graphs for triple in graph for term in triple)
    with Store(None) as sparql, Store(None) as quads:
        for graph in graphs:
            sparql.replace_article(graph, first=first)
            quads.replace_graphs([rdf.graph_quads(graph)], first=first)
        assert _dataset(quads) == _dataset(sparql)
        quads.replace_graphs([rdf.graph_quads(graphs[0])])  # again: the old graph is dropped, not added to
        assert _dataset(quads) == _dataset(sparql)


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
    assert (counts.articles, counts.actors, counts.claims) == (2, 6, 2)
    assert {r: n for r, n in counts.reports.items() if n} == {"met": 2, "phoned": 1, "condemned": 2}
    assert not any(counts.events.values()) and not any(counts.pairs.values())  # no resolution in this store
    assert counts.graphs == 2 and counts.quads == len(store)


# --- querying ----------------------------------------------------------------------------------

def test_select_gives_python_values(store: Store) -> None:
    result = store.query("""
        SELECT ?event ?confidence ?place WHERE {
          ?event sem:eventType kg:Meeting ; kg:confidence ?confidence .
          OPTIONAL { ?event sem:hasPlace/rdfs:label ?place }
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


@pytest.mark.parametrize("sparql, where", [("SELEC ?x WHERE { ?x ?p ?o }", "line 1, column 1"),
                                           ("SELECT ?x WHERE {\n ?x nope:p ?o \n}", "line 2, column 5"),
                                           ("SELECT ?x WHERE { ?x ?p ?o ", "line 1, column 27")])
def test_invalid_sparql_raises_one_line_store_error(store: Store, sparql: str, where: str) -> None:
    with pytest.raises(SparqlSyntaxError) as caught:
        store.query(sparql)
    message = str(caught.value)
    assert message.startswith(f"SPARQL syntax error at {where}: ") and "\n" not in message


# --- updates -----------------------------------------------------------------------------------

def test_update_writes(store: Store) -> None:
    before = len(store)
    store.update("INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> kg:met <https://example.org/b> } }")
    assert len(store) == before + 1
    store.update("DELETE WHERE { GRAPH ?g { ?a kg:met <https://example.org/b> } }")
    assert len(store) == before


@pytest.mark.parametrize("sparql", ["INSERT DATA { <a> }", "DROP", "SELECT * WHERE { ?s ?p ?o }"])
def test_invalid_update_raises_one_line_store_error(store: Store, sparql: str) -> None:
    with pytest.raises(SparqlSyntaxError) as caught:
        store.update(sparql)
    assert str(caught.value).startswith("SPARQL update syntax error at line 1, column ") and "\n" not in str(caught.value)


@pytest.mark.parametrize("sparql", [
    "DROP ALL",
    "CLEAR DEFAULT ;",
    "DELETE WHERE { ?s kg:met ?o }",
    "PREFIX ex: <https://example.org/>\nINSERT DATA { ex:a ex:b ex:c }",
    "# a comment first\nBASE <https://example.org/> DELETE DATA { <a> <b> <c> }",
    "LOAD <http://127.0.0.1:9/never-fetched.ttl>",
])
def test_query_refuses_updates_and_runs_nothing(store: Store, sparql: str) -> None:
    before = len(store)
    with pytest.raises(UpdateRefused, match="this is a SPARQL update"):
        store.query(sparql)
    assert len(store) == before


@pytest.mark.parametrize("sparql, expected", [
    ("DROP ALL", True),
    ("WITH <https://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
    ("LOAD SILENT <http://127.0.0.1:9/x.ttl> INTO GRAPH <https://example.org/g>", True),
    ("SELECT * WHERE { ?s ?p ?o }", False),
    ("INSERT DATA {", False),
    ("CLEAR", False),
    ("DROP ALL ; SELEKT", False),
    ("SELEKT nothing", False),
])
def test_is_update(sparql: str, expected: bool) -> None:
    assert is_update(sparql) is expected


# --- parameters --------------------------------------------------------------------------------

NASTY = ['say "hi" }', "a } } DROP ALL ; #", "line one\nline two # DROP ALL", "back\\slash \\u0022 é",
         "' ; DELETE WHERE { ?s ?p ?o } #"]


@pytest.mark.parametrize("value", NASTY)
def test_parameter_values_are_only_data(store: Store, value: str) -> None:
    store.update(f"INSERT DATA {{ GRAPH <https://example.org/g> {{ <https://example.org/x> skos:prefLabel {json.dumps(value)} }} }}")
    before = len(store)
    result = store.query("SELECT ?who ?label WHERE { ?who skos:prefLabel ?label }", {"label": value})
    assert result.rows == [("https://example.org/x", value)]
    echoed = store.query("SELECT ?v WHERE { }", {"v": value})
    assert echoed.rows == [(value,)]
    assert len(store) == before and store.counts().articles == 2


def test_parameter_types(store: Store) -> None:
    kessel = actor_iri("mira kessel")
    by_iri = store.query("SELECT DISTINCT ?who ?label WHERE { ?who rdfs:label ?label }", {"who": kessel})
    assert by_iri.rows == [(kessel, "Mira Kessel")]
    by_decimal = store.query("SELECT ?event ?c WHERE { ?event sem:eventType kg:Meeting ; kg:confidence ?c }",
                             {"c": 0.9})
    assert len(by_decimal.rows) == 2
    by_integer = store.query("SELECT DISTINCT ?begin ?text WHERE { ?s nif:beginIndex ?begin ; nif:anchorOf ?text }",
                             {"begin": 0})
    assert {row[1][:9] for row in by_integer.rows} == {"Velmarian", "Tomas Run"}
    as_string = store.query("SELECT ?who ?label WHERE { ?who rdfs:label ?label }", {"label": "Mira Kessel"})
    assert as_string.rows == []  # a plain string is not the label "Mira Kessel"@en
    assert store.query("SELECT ?x WHERE { }", {"?x": 3}).rows == [(3,)]  # "?name" works too


@pytest.mark.parametrize("params, message", [
    ({"bad name": "x"}, "not a SPARQL variable name"),
    ({"x": ["list"]}, "cannot bind a list"),
    ({"x": "http://exa mple.org/"}, None),
    ({"nothere": "x"}, "query failed"),
])
def test_bad_parameters_raise_store_error(store: Store, params: dict, message: str | None) -> None:
    if message is None:  # a value with a space is no IRI: it is bound as a string instead
        assert store.query("SELECT ?x WHERE { }", params).rows == [("http://exa mple.org/",)]
        return
    with pytest.raises(StoreError, match=message) as caught:
        store.query("SELECT ?x WHERE { ?x ?p ?o }", params)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text, expected", [
    ("n=3", ("n", 3)), ("x=-0.5", ("x", -0.5)), ("x=1e3", ("x", 1000.0)), ("name=Mira Kessel", ("name", "Mira Kessel")),
    ("?v=a=b", ("v", "a=b")), ("empty=", ("empty", "")), ("iri=https://example.org/x", ("iri", "https://example.org/x")),
])
def test_parse_param(text: str, expected: tuple) -> None:
    assert parse_param(text) == expected


@pytest.mark.parametrize("text", ["novalue", "=3", " =x"])
def test_parse_param_needs_a_name_and_a_value(text: str) -> None:
    with pytest.raises(StoreError, match="NAME=VALUE"):
        parse_param(text)


@pytest.mark.parametrize("sparql", [
    "SELECT ?who ?label WHERE { ?who rdfs:label ?label }",
    "SELECT ?who (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?who rdfs:label ?label } } GROUP BY ?who",
    '# a { comment }\nPREFIX ex: <https://example.org/x#> SELECT ?who ?label WHERE { ?who rdfs:label ?label '
    'FILTER (?label != "}" && ?label != \'\'\'{\'\'\') } ORDER BY ?label',
    "SELECT * { ?who rdfs:label ?label { SELECT ?who WHERE { ?who a sem:Actor } } }",
])
def test_values_placement_binds_like_substitution(store: Store, sparql: str) -> None:
    """What a remote store sends (a VALUES block closing the WHERE clause) answers as Oxigraph's
    own substitution does."""
    params = {"who": actor_iri("dock workers")}
    expected = store.query(sparql, params).rows
    assert expected and store.query(_with_values(sparql, _bindings(params))).rows == expected


def test_values_placement_in_ask_and_construct(store: Store) -> None:
    bindings = _bindings({"who": actor_iri("dock workers")})
    assert store.query(_with_values("ASK { ?who kg:met ?b }", bindings)).boolean is False
    assert store.query(_with_values("ASK { ?who rdfs:label ?l }", bindings)).boolean is True
    construct = store.query(_with_values("CONSTRUCT { ?who a ?t } WHERE { ?who a ?t }", bindings))
    assert {row[2] for row in construct.rows} == {"http://semanticweb.cs.vu.nl/2009/11/sem/Actor",
                                                  "https://w3id.org/kg-news/ns#Group"}


@pytest.mark.parametrize("sparql", ["DESCRIBE <https://example.org/x>",
                                    "CONSTRUCT WHERE { ?s ?p ?o }"])
def test_values_placement_needs_a_where_group(sparql: str) -> None:
    with pytest.raises(StoreError, match="parameters|WHERE"):
        _with_values(sparql, _bindings({"x": 1}))


# --- removing ----------------------------------------------------------------------------------

def test_remove_article(store: Store) -> None:
    assert store.article_ids() == ["t1", "t2"]
    assert store.remove_article("t1") is True
    assert store.article_ids() == ["t2"]
    assert store.remove_article("t1") is False
    assert not store.query(f"ASK {{ <{graph_iri('t1')}> ?p ?o }}").boolean  # its build record too
    assert store.query(f"ASK {{ <{graph_iri('t2')}> ?p ?o }}").boolean
    assert store.counts().articles == 1


def test_article_ids_are_read_back_from_graph_names() -> None:
    with Store(None) as store:
        store.update(f"INSERT DATA {{ GRAPH <{graph_iri('a b/c%d')}> {{ <https://example.org/s> <https://example.org/p> 1 }} }}")
        store.update("INSERT DATA { GRAPH <https://example.org/other> { <https://example.org/s> <https://example.org/p> 1 } }")
        assert store.article_ids() == ["a b/c%d"]
        assert store.remove_article("a b/c%d") and store.article_ids() == []


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


def test_w3c_result_formats(store: Store) -> None:
    result = store.query("""SELECT ?who ?label ?n ?nothing WHERE {
        ?who rdfs:label ?label . FILTER (?label = "Mira Kessel"@en) BIND (2 AS ?n) } LIMIT 1""")
    kessel = actor_iri("mira kessel")
    assert result.to_tsv() == f'?who\t?label\t?n\t?nothing\n<{kessel}>\t"Mira Kessel"@en\t' \
                              '"2"^^<http://www.w3.org/2001/XMLSchema#integer>\t\n'
    assert json.loads(result.to_sparql_json()) == {
        "head": {"vars": ["who", "label", "n", "nothing"]},
        "results": {"bindings": [{
            "who": {"type": "uri", "value": kessel},
            "label": {"type": "literal", "value": "Mira Kessel", "xml:lang": "en"},
            "n": {"type": "literal", "value": "2", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
        }]},
    }
    assert json.loads(store.query("ASK { ?a kg:met ?b }").to_sparql_json()) == {"head": {}, "boolean": True}


def test_w3c_formats_of_a_hand_made_result() -> None:
    result = QueryResult(columns=["s", "n", "x"], rows=[("https://example.org/a", 1.5, "tab\there\nnewline")])
    line = result.to_tsv().splitlines()[1]
    assert line == '<https://example.org/a>\t"1.5"^^<http://www.w3.org/2001/XMLSchema#decimal>\t"tab\\there\\nnewline"'
    binding = json.loads(result.to_sparql_json())["results"]["bindings"][0]
    assert binding["s"] == {"type": "uri", "value": "https://example.org/a"}
    assert binding["x"] == {"type": "literal", "value": "tab\there\nnewline"}
    assert QueryResult(boolean=False).to_tsv() == "boolean\nfalse\n"


# --- export ------------------------------------------------------------------------------------

def test_export_ttl_merges_all_graphs(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    store.export(path, "ttl")
    text = path.read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/kg-news/ns#>" in text
    merged = Graph().parse(path, format="turtle")
    kessel = URIRef(actor_iri("mira kessel"))
    assert (kessel, RDFS.label, Literal("Mira Kessel", lang="en")) in merged
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


@pytest.mark.parametrize("fmt", ["trig", "ttl", "nq", "nt", "jsonld"])
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


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
def test_export_jsonld_keeps_every_graph(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.jsonld"
    store.export(path)  # the format from the suffix
    dataset = Dataset().parse(path, format="json-ld")
    for extraction in fx.extractions():
        expected = rdf.extraction_graph(extraction)
        assert isomorphic(dataset.graph(URIRef(graph_iri(extraction.article.id))), expected)


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
def test_export_jsonld_is_compact_and_round_trips(store: Store, tmp_path: Path) -> None:
    """Compact JSON-LD with kg's prefixes inline (nothing to fetch) that parses back, with
    rdflib as with Oxigraph, to the dataset the N-Quads export holds, graph by graph."""
    store.export(tmp_path / "graph.jsonld")
    store.export(tmp_path / "graph.nq")
    document = json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    assert any(node.get("@id", "").startswith("kgid:graph/") and "@graph" in node for node in document["@graph"])
    back, expected = Dataset(), Dataset()
    back.parse(tmp_path / "graph.jsonld", format="json-ld")
    expected.parse(tmp_path / "graph.nq", format="nquads")
    names = sorted(str(g.identifier) for g in expected.graphs() if len(g))
    assert sorted(str(g.identifier) for g in back.graphs() if len(g)) == names and len(names) == 3
    for name in names:
        assert isomorphic(back.graph(URIRef(name)), expected.graph(URIRef(name))), name
    assert set(ox.parse(path=tmp_path / "graph.jsonld", format=ox.RdfFormat.JSON_LD)) == \
        set(ox.parse(path=tmp_path / "graph.nq", format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("name, fmt, first", [("g.nq", None, "<"), ("g.nt", None, "<"), ("g.ttl", None, "@prefix"),
                                              ("g.trig", None, "@prefix"), ("g.out", "nquads", "<")])
def test_export_format_from_suffix_or_name(store: Store, tmp_path: Path, name: str, fmt: str | None,
                                           first: str) -> None:
    store.export(tmp_path / name, fmt)
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(first)
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_export_needs_a_known_suffix_or_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot tell the export format"):
        store.export(tmp_path / "graph.xml")


def test_failed_export_leaves_no_file(store: Store, tmp_path: Path) -> None:
    (tmp_path / "taken.ttl").mkdir()
    with pytest.raises(StoreError, match="cannot export") as caught:
        store.export(tmp_path / "taken.ttl")
    assert "\n" not in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["taken.ttl"]


# --- on disk -----------------------------------------------------------------------------------

def test_on_disk_store_reopens_with_its_data(tmp_path: Path) -> None:
    fx.loaded_store(tmp_path / "out" / "store").close()
    with open_store(tmp_path / "out") as reopened:  # a build folder holding store/
        assert reopened.counts().articles == 2
    with open_store(tmp_path / "out" / "store") as reopened:  # the store folder itself
        assert len(reopened.query((fx.QUERIES / "claims.rq").read_text()).rows) == 2


def test_open_store_on_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kg store") as caught:
        open_store(tmp_path / "nowhere")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "nowhere").exists()


def test_store_open_twice_raises_store_error(tmp_path: Path) -> None:
    with Store(tmp_path / "store"), pytest.raises(StoreError, match=r"store .* is in use by .*pid \d+"):
        Store(tmp_path / "store")


def test_closed_store_refuses_queries() -> None:
    store = Store(None)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.query("ASK { ?s ?p ?o }")


def test_store_is_never_a_url() -> None:
    with pytest.raises(StoreError, match="is a URL"):
        Store("http://127.0.0.1:7878")


def test_open_store_on_an_unreachable_url() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError, match="cannot reach") as caught:
        open_store(f"http://127.0.0.1:{port}")
    assert "\n" not in str(caught.value)
