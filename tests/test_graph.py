"""kg.graph: the NetworkX projection of a store (fixture articles and the seeds), its filters,
and its exports for graph tools (GraphML, GEXF, CSV), also through `kg export-graph`."""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import fixtures_rdf as fx
from kg import rdf
from kg.cli import main
from kg.graph import export_graph, find_actor, projection, simple_graph
from kg.pipeline import build
from kg.records import ArticleExtraction, Statement
from kg.store import Store, open_store
from kg.vocab import actor_iri, graph_iri, statement_iri

KESSEL, RUNDT, STAN, DOCKERS = (actor_iri(a.key) for a in (fx.KESSEL, fx.RUNDT, fx.STAN, fx.DOCKERS))
T1_TARGET, T2_TARGET = statement_iri("t1", "target", 1), statement_iri("t2", "target", 1)
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MEETING_T1 = "Velmarian Foreign Minister Mira Kessel met Prime Minister Tomas Rundt in Oslo on Monday."
MEETING_T2 = "Tomas Rundt met Mira Kessel again in Bergen on Friday."


@pytest.fixture(scope="module")
def store():
    """Both fixture articles in memory (t1's events dated 2024-03-11; t2's undated, its article 2024-03-15)."""
    with fx.loaded_store() as opened:
        yield opened


@pytest.fixture(scope="module")
def graph(store: Store) -> nx.MultiDiGraph:
    return projection(store)


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus built into a fresh folder (its outputs left out)."""
    out = tmp_path_factory.mktemp("seeds-graph")
    build([str(SEEDS)], out, lambda problem: None, validate=False, outputs=())
    return out


@pytest.fixture(scope="module")
def seeds(seeds_out: Path) -> nx.MultiDiGraph:
    """The default projection of the demo corpus."""
    with open_store(seeds_out) as opened:
        return projection(opened)


def edges_by_label(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    """relation, source label, target label -> edge data."""
    return {(d["relation"], graph.nodes[u]["label"], graph.nodes[v]["label"]): d for u, v, d in graph.edges(data=True)}


# --- the seeds ---------------------------------------------------------------------------------

def test_seeds_mirzoyan_met_blinken_in_four_articles(seeds: nx.MultiDiGraph) -> None:
    mirzoyan, blinken = actor_iri("ararat mirzoyan"), actor_iri("antony blinken")
    assert seeds.nodes[mirzoyan] == {"label": "Ararat Mirzoyan", "kind": "person", "country": "Armenia"}
    assert seeds.nodes[blinken]["kind"] == "person" and seeds.nodes[blinken]["country"] == "United States"
    edge = seeds.edges[min(mirzoyan, blinken), max(mirzoyan, blinken), "met"]
    assert edge["articles"] == 4 and edge["events"] >= 4 and not edge["directed"]
    assert len(edge["evidence"]) == len(edge["evidence_articles"]) >= 4
    assert len(set(edge["evidence_articles"])) == 4
    assert all("Mirzoyan" in s or "Blinken" in s or "Armenian" in s for s in edge["evidence"])


def test_seeds_meetings_agree_with_the_shipped_met_query(seeds: nx.MultiDiGraph) -> None:
    """The projection counts the same articles per pair as queries/met.rq (tests/test_seeds.py)."""
    met = {(frozenset((a.split()[-1], b.split()[-1])), d["articles"])
           for (relation, a, b), d in edges_by_label(seeds).items() if relation == "met"}
    assert met == {
        (frozenset({"Blinken", "Mirzoyan"}), 4), (frozenset({"Mirzoyan", "Bayramov"}), 2),
        (frozenset({"Blinken", "Bayramov"}), 2), (frozenset({"Aliyev", "Pashinyan"}), 1),
        (frozenset({"Mirzoyan", "Danfried"}), 1), (frozenset({"Bayramov", "Danfried"}), 1),
    }
    assert seeds.graph["corpus_articles"] == 5 and seeds.graph["first"] is None  # the seeds carry no dates


# --- nodes and edges ---------------------------------------------------------------------------

def test_met_pair_seen_in_two_articles(graph: nx.MultiDiGraph) -> None:
    source, target = sorted((KESSEL, RUNDT))
    assert graph.number_of_edges(source, target) == 1 and graph.number_of_edges(target, source) == 0
    edge = graph.edges[source, target, "met"]
    assert edge == {"relation": "met", "directed": False, "events": 2, "articles": 2,
                    "event_ids": [statement_iri("t1", "met", 1), statement_iri("t2", "met", 1)],
                    "event_dates": ["2024-03-11", "2024-03-15"], "first": "2024-03-11", "last": "2024-03-15", "dates": ["2024-03-11", "2024-03-15"],
                    "yearless_dates": [], "evidence": [MEETING_T1, MEETING_T2], "evidence_articles": ["t1", "t2"]}


def test_nodes_have_label_kind_and_country(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes[KESSEL] == {"label": "Mira Kessel", "kind": "person", "country": "Velmaria"}
    assert graph.nodes[RUNDT] == {"label": "Tomas Rundt", "kind": "person", "country": ""}
    assert graph.nodes[DOCKERS] == {"label": "dock workers", "kind": "group", "country": ""}
    assert graph.nodes[T1_TARGET] == {"label": "the attack on the harbour", "kind": "target", "country": ""}
    assert actor_iri("velmaria") not in graph  # mentioned, but in no relation


def test_edges_by_relation(graph: nx.MultiDiGraph) -> None:
    assert sorted(edges_by_label(graph)) == [
        ("condemned", "Mira Kessel", "the attack on the harbour"),
        ("condemned", "dock workers", "the closure of the port"),
        ("met", "Mira Kessel", "Tomas Rundt"),
        ("phoned", "Ivo Stan", "Tomas Rundt"),
    ]
    condemned = graph.edges[KESSEL, T1_TARGET, "condemned"]
    assert condemned["evidence"] == ["Kessel condemned the attack on the harbour."] and condemned["directed"]


def test_graph_attributes_describe_corpus_and_dates(graph: nx.MultiDiGraph) -> None:
    assert graph.graph["corpus_articles"] == 2
    assert (graph.graph["first"], graph.graph["last"], graph.graph["filters"]) == ("2024-03-11", "2024-03-15", "")
    assert graph.graph["articles"]["t1"] == {"title": "Kessel and Rundt meet in Oslo", "date": "2024-03-11",
                                             "url": "https://news.example.org/t1"}


def test_projection_of_chosen_relations(store: Store) -> None:
    met_only = projection(store, ["met"])
    claims = projection(store, ["asserts"])
    with pytest.raises(ValueError, match="unknown relation"):
        projection(store, ["hugged"])
    assert {d["relation"] for _, _, d in met_only.edges(data=True)} == {"met"}
    assert list(claims.edges(keys=True)) == [(RUNDT, statement_iri("t1", "asserts", 1), "asserts")]
    assert claims.nodes[statement_iri("t1", "asserts", 1)]["kind"] == "claim"
    assert met_only.graph["filters"] == "relations met"


def test_projection_of_an_empty_store() -> None:
    with Store(None) as empty:
        assert projection(empty).number_of_nodes() == 0


def test_events_of_corpus_level_graphs_are_not_counted_again() -> None:
    """A node typed as a meeting outside the article graphs (as cross-article resolution
    writes) must not add an event to the pair."""
    with fx.loaded_store() as opened:
        opened.update(f"""INSERT DATA {{ GRAPH <https://w3id.org/kg-news/id/corpus/resolution> {{
            <https://w3id.org/kg-news/id/event/x> a sem:Event ; sem:eventType kg:Meeting ;
                sem:hasActor <{KESSEL}>, <{RUNDT}> ; schema:subjectOf <https://w3id.org/kg-news/id/article/t1> }} }}""")
        edge = projection(opened).edges[min(KESSEL, RUNDT), max(KESSEL, RUNDT), "met"]
    assert edge["events"] == 2 and edge["articles"] == 2


@pytest.mark.parametrize("extra, kind", [
    ({"t2": "schema:Organization"}, "person"),  # Kessel is a Person in both articles, an Organization in one
    ({"t1": "schema:Organization", "t2": "schema:Country"}, "person"),
    ({"t1": "kg:Group"}, "group"),
    ({"t2": "kg:Group", "t1": "schema:Country"}, "group"),
])
def test_an_actor_typed_several_ways_is_drawn_as_the_most_specific_kind(extra: dict[str, str], kind: str) -> None:
    with fx.loaded_store() as opened:
        for article, rdf_type in extra.items():
            opened.update(f"INSERT DATA {{ GRAPH <{graph_iri(article)}> {{ <{KESSEL}> a {rdf_type} }} }}")
        assert projection(opened).nodes[KESSEL]["kind"] == kind


def test_a_condemned_actor_is_the_edge_s_actor_node(tmp_path: Path) -> None:
    """"Kenya condemned Russia": the condemnation ends at Russia's actor node, not at a phrase node."""
    source = tmp_path / "a.txt"
    source.write_text("Kenya condemned Russia on Monday.\n", encoding="utf-8")
    build([str(source)], tmp_path / "out", lambda problem: None)
    with open_store(tmp_path / "out") as opened:
        graph = projection(opened)
    edge = [(graph.nodes[u], graph.nodes[v]) for u, v, d in graph.edges(data=True) if d["relation"] == "condemned"]
    assert [(a["label"], b["label"], b["kind"]) for a, b in edge] == [("Kenya", "Russia", "country")]


# --- filters -----------------------------------------------------------------------------------

def test_date_range_keeps_the_events_dated_within(store: Store) -> None:
    later = projection(store, since="2024-03-12")
    edge = later.edges[min(KESSEL, RUNDT), max(KESSEL, RUNDT), "met"]
    assert (edge["events"], edge["articles"], edge["evidence"]) == (1, 1, [MEETING_T2])
    assert T1_TARGET not in later and later.graph["filters"] == "from 2024-03-12"
    earlier = projection(store, until="2024-03-11")
    assert sorted(edges_by_label(earlier)) == [("condemned", "Mira Kessel", "the attack on the harbour"),
                                               ("met", "Mira Kessel", "Tomas Rundt")]
    assert projection(store, since="2024-03", until="2024").number_of_edges() == 4  # a month, a year
    assert projection(store, since="2025").number_of_edges() == 0
    with pytest.raises(ValueError, match="not an ISO date"):
        projection(store, since="March 2024")


def test_minimum_article_count(store: Store) -> None:
    assert sorted(edges_by_label(projection(store, min_articles=2))) == [("met", "Mira Kessel", "Tomas Rundt")]


def test_relations_among_chosen_actors(store: Store) -> None:
    among = projection(store, actors=["Kessel", "tomas rundt"])
    assert sorted(edges_by_label(among)) == [("condemned", "Mira Kessel", "the attack on the harbour"),
                                             ("met", "Mira Kessel", "Tomas Rundt")]


def test_ego_network_at_depth(store: Store) -> None:
    one = projection(store, ego="Ivo Stan")
    assert set(one) == {STAN, RUNDT} and one.graph["ego"] == STAN
    assert one.graph["filters"] == "1 step around Ivo Stan"
    assert set(projection(store, ego="Stan", depth=2)) == {STAN, RUNDT, KESSEL}
    assert set(projection(store, ego="Stan", depth=3)) == {STAN, RUNDT, KESSEL, T1_TARGET}
    alone = projection(store, ego="Northern Alliance")  # an actor in no relation: itself only
    assert list(alone.nodes) == [actor_iri("northern alliance")] and alone.number_of_edges() == 0


def test_find_actor_by_iri_label_alias_or_part(store: Store) -> None:
    assert find_actor(store, KESSEL) == KESSEL
    assert find_actor(store, "MIRA  KESSEL") == KESSEL
    assert find_actor(store, "Míra Kessel") == KESSEL  # accents aside, as kg:nameKey keys names
    assert find_actor(store, "kessel") == KESSEL  # a label (and a key)
    assert find_actor(store, "Ivo") == STAN  # a word of a name, and no label
    assert find_actor(store, "Foreign Minister Kessel") == KESSEL
    assert find_actor(store, "rund") == RUNDT
    with pytest.raises(ValueError, match="several actors"):
        find_actor(store, "i")
    with pytest.raises(ValueError, match="no actor is called"):
        find_actor(store, "Nobody")


def test_simple_graph_sums_parallel_relations() -> None:
    multi = nx.MultiDiGraph()
    multi.add_edge("a", "b", key="met", relation="met", events=3, articles=2)
    multi.add_edge("b", "a", key="phoned", relation="phoned", events=1, articles=1)
    simple = simple_graph(multi)
    assert simple.edges["a", "b"] == {"events": 4, "articles": 3}


# --- exports -----------------------------------------------------------------------------------

GEXF = "{http://www.gexf.net/1.2draft}"


def gexf_edges(path: Path) -> tuple[dict[str, str], list[dict]]:
    """A GEXF file read with ElementTree, as networkx cannot read a mixed graph: the <graph>
    element's attributes, and per edge its XML attributes, attribute values (by title) and spells."""
    graph = ET.parse(path).getroot().find(f"{GEXF}graph")
    titles = {a.get("id"): a.get("title") for a in graph.iter(f"{GEXF}attribute")}
    edges = [{**edge.attrib, **{titles[v.get("for")]: v.get("value") for v in edge.iter(f"{GEXF}attvalue")},
              "spells": [(s.get("start"), s.get("end")) for s in edge.iter(f"{GEXF}spell")]}
             for edge in graph.iter(f"{GEXF}edge")]
    return dict(graph.attrib), edges


def xml_edge_ids(path: Path, namespace: str) -> list[str]:
    return [edge.get("id") for edge in ET.parse(path).getroot().iter(f"{{{namespace}}}edge")]


def test_graphml_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    [path] = export_graph(graph, tmp_path / "actors.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.nodes[KESSEL] == {"label": "Mira Kessel", "kind": "person", "country": "Velmaria"}
    [(key, edge)] = [(k, d) for k, d in back[min(KESSEL, RUNDT)][max(KESSEL, RUNDT)].items() if d["relation"] == "met"]
    assert key.startswith("met-") and json.loads(edge["evidence"]) == [MEETING_T1, MEETING_T2]
    assert edge["weight"] == 2 and edge["articles"] == 2 and edge["first"] == "2024-03-11"
    assert back.number_of_edges() == graph.number_of_edges()


def test_graphml_of_the_seeds_has_unique_edge_ids_and_every_relation(seeds: nx.MultiDiGraph,
                                                                     tmp_path: Path) -> None:
    """Gephi refuses a GraphML file whose edge ids repeat (they were the relation names); networkx
    reads every edge back, keyed by its id, with its relation."""
    [path] = export_graph(seeds, tmp_path / "seeds.graphml")
    ids = xml_edge_ids(path, "http://graphml.graphdrawing.org/xmlns")
    assert len(ids) == seeds.number_of_edges() > 3 and len(set(ids)) == len(ids)
    back = nx.read_graphml(path, force_multigraph=True)
    assert sorted(k for _, _, k in back.edges(keys=True)) == sorted(ids)
    assert sorted((u, v, d["relation"]) for u, v, d in back.edges(data=True)) == \
        sorted((u, v, d["relation"]) for u, v, d in seeds.edges(data=True))
    assert all(k.startswith(d["relation"] + "-") for _, _, k, d in back.edges(keys=True, data=True))


def test_edge_ids_are_stable_across_exports_and_filters(store: Store, graph: nx.MultiDiGraph,
                                                        tmp_path: Path) -> None:
    """Same store, same ids: in GraphML and GEXF alike, and for an edge a filtered export keeps."""
    [graphml] = export_graph(graph, tmp_path / "all.graphml")
    [gexf] = export_graph(graph, tmp_path / "all.gexf")
    [met_only] = export_graph(projection(store, ["met"]), tmp_path / "met.graphml")
    ids = xml_edge_ids(graphml, "http://graphml.graphdrawing.org/xmlns")
    assert ids == [edge["id"] for edge in gexf_edges(gexf)[1]] and len(set(ids)) == len(ids) == 4
    [met_id] = xml_edge_ids(met_only, "http://graphml.graphdrawing.org/xmlns")
    assert met_id in ids and met_id.startswith("met-")
    export_graph(graph, tmp_path / "again.graphml")
    assert (tmp_path / "again.graphml").read_bytes() == graphml.read_bytes()


def test_gexf_is_read_back_and_repeatable(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    [first] = export_graph(graph, tmp_path / "a.gexf")
    [second] = export_graph(graph, tmp_path / "b.xml", format="gexf")
    assert first.read_bytes() == second.read_bytes() and b"lastmodifieddate" not in first.read_bytes()
    _, edges = gexf_edges(first)
    assert len(edges) == 4 and {e["relation"] for e in edges} == {"met", "phoned", "condemned"}
    assert all(e["label"] == e["kind"] == e["relation"] for e in edges) and "networkx_key" not in edges[0]


def test_gexf_of_the_seeds_reads_back_undirected_with_networkx(seeds: nx.MultiDiGraph, tmp_path: Path) -> None:
    """The seeds' default projection is meetings and calls only: one undirected GEXF graph."""
    [path] = export_graph(seeds, tmp_path / "seeds.gexf")
    back = nx.read_gexf(path)
    assert not back.is_directed() and back.number_of_edges() == seeds.number_of_edges()
    assert sorted((frozenset((u, v)), d["relation"]) for u, v, d in back.edges(data=True)) == \
        sorted((frozenset((u, v)), d["relation"]) for u, v, d in seeds.edges(data=True))
    ids = [d["id"] for _, _, d in back.edges(data=True)]
    assert len(set(ids)) == len(ids)


def test_gexf_edges_say_their_own_direction(store: Store, tmp_path: Path) -> None:
    """met and phoned are symmetric, condemned and asserts are not: each edge says which, and the
    graph names no default (Gephi refuses an edge that goes against the default)."""
    [path] = export_graph(projection(store, ["met", "phoned", "condemned", "asserts"]), tmp_path / "all.gexf")
    graph, edges = gexf_edges(path)
    assert "defaultedgetype" not in graph
    assert {(e["relation"], e["type"]) for e in edges} == {
        ("met", "undirected"), ("phoned", "undirected"), ("condemned", "directed"), ("asserts", "directed")}
    [directed] = export_graph(projection(store, ["condemned"]), tmp_path / "condemned.gexf")
    back = nx.read_gexf(directed)  # one direction only: networkx reads it
    assert back.is_directed() and {d["relation"] for _, _, d in back.edges(data=True)} == {"condemned"}


def test_gexf_dates_are_spells_on_gephi_s_timeline(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    """Dated events are time values (t1's own date, t2's article date), not just strings."""
    [path] = export_graph(graph, tmp_path / "dated.gexf")
    attributes, edges = gexf_edges(path)
    assert (attributes["mode"], attributes["timeformat"]) == ("dynamic", "date")
    met = next(e for e in edges if e["relation"] == "met")
    assert met["spells"] == [("2024-03-11", "2024-03-11"), ("2024-03-15", "2024-03-15")]
    assert met["first"] == "2024-03-11" and json.loads(met["dates"]) == ["2024-03-11", "2024-03-15"]


def test_gexf_spells_of_months_years_and_undated_events(tmp_path: Path) -> None:
    """A month or a year is the span of its days; spans that overlap are one spell; an edge with
    no dated event has no spell; a date without a year is text only."""
    multi = nx.MultiDiGraph()
    multi.add_edge("a", "b", key="met", relation="met", directed=False, articles=3,
                   dates=["2023-05-01", "2024", "2024-02", "2024-02-10"], yearless_dates=[])
    multi.add_edge("a", "c", key="condemned", relation="condemned", directed=True, articles=1,
                   dates=[], yearless_dates=["--06-27"])
    multi.add_edge("b", "c", key="phoned", relation="phoned", directed=False, articles=1,
                   dates=["2024-02"], yearless_dates=[])
    [path] = export_graph(multi, tmp_path / "spans.gexf")
    _, edges = gexf_edges(path)
    by_relation = {e["relation"]: e for e in edges}
    assert by_relation["met"]["spells"] == [("2023-05-01", "2023-05-01"), ("2024-01-01", "2024-12-31")]
    assert by_relation["phoned"]["spells"] == [("2024-02-01", "2024-02-29")]
    assert by_relation["condemned"]["spells"] == [] and json.loads(by_relation["condemned"]["yearless_dates"]) == \
        ["--06-27"]


def test_undated_gexf_is_static(seeds: nx.MultiDiGraph, tmp_path: Path) -> None:
    [path] = export_graph(seeds, tmp_path / "seeds.gexf")  # the seeds carry no dates
    attributes, edges = gexf_edges(path)
    assert attributes["mode"] == "static" and "timeformat" not in attributes
    assert all(not e["spells"] for e in edges)


def test_a_date_without_a_year_is_kept_as_text(tmp_path: Path) -> None:
    """An undated article's "June 27" is "--06-27": it dates nothing (no spell in GEXF), but is
    not lost either."""
    text = "Mira Kessel met Tomas Rundt in Oslo on June 27."
    extraction = ArticleExtraction(fx.article("t9", text, "Undated", None), (fx.KESSEL, fx.RUNDT), (
        Statement("t9", "met", (fx.KESSEL, fx.RUNDT), fx.sentence(text, "met"), confidence=0.9,
                  rule="met-verb", date="--06-27"),))
    with Store(None) as opened:
        opened.replace_article(rdf.extraction_graph(extraction))
        graph = projection(opened)
    [(_, _, edge)] = graph.edges(data=True)
    assert edge["yearless_dates"] == ["--06-27"] and edge["dates"] == [] and edge["first"] is None
    [path] = export_graph(graph, tmp_path / "yearless.gexf")
    attributes, [written] = gexf_edges(path)
    assert written["spells"] == [] and attributes["mode"] == "static"
    assert json.loads(written["yearless_dates"]) == ["--06-27"]
    edges_path, _ = export_graph(graph, tmp_path / "yearless.csv")
    with edges_path.open(encoding="utf-8") as text_file:
        [row] = list(csv.DictReader(text_file))
    assert json.loads(row["yearless_dates"]) == ["--06-27"] and row["first"] == ""


def test_csv_edges_and_nodes(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    edges_path, nodes_path = export_graph(graph, tmp_path / "actors.csv")
    assert nodes_path == tmp_path / "actors.nodes.csv"
    with edges_path.open(encoding="utf-8") as text:
        edges = list(csv.DictReader(text))
    with nodes_path.open(encoding="utf-8") as text:
        nodes = {row["id"]: row for row in csv.DictReader(text)}
    met = next(row for row in edges if row["relation"] == "met")
    assert (met["source_label"], met["target_label"], met["articles"], met["directed"]) == \
        ("Mira Kessel", "Tomas Rundt", "2", "False")
    assert json.loads(met["evidence_articles"]) == ["t1", "t2"]
    assert len(edges) == 4 and nodes[KESSEL]["country"] == "Velmaria" and nodes[KESSEL]["degree"] == "2"


def test_unknown_graph_format_is_refused(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graphml, gexf, csv"):
        export_graph(graph, tmp_path / "actors.dot")


def test_kg_export_graph_command(tmp_path: Path) -> None:
    fx.loaded_store(tmp_path / "out" / "store").close()
    result = CliRunner().invoke(main, ["export-graph", str(tmp_path / "out"), "-o", str(tmp_path / "g.graphml"),
                                       "--relation", "met", "--min-articles", "2"])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote: {tmp_path / 'g.graphml'}\n"
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert back.number_of_edges() == 1
    csv_run = CliRunner().invoke(main, ["export-graph", str(tmp_path / "out"), "-o", str(tmp_path / "g.txt"),
                                        "--format", "csv"])
    assert csv_run.exit_code == 0 and (tmp_path / "g.nodes.csv").exists()
    bad = CliRunner().invoke(main, ["export-graph", str(tmp_path / "out"), "-o", str(tmp_path / "g.dot")])
    assert bad.exit_code != 0 and "cannot export the graph" in bad.output
    nobody = CliRunner().invoke(main, ["export-graph", str(tmp_path / "out"), "-o", str(tmp_path / "g.csv"),
                                       "--actor", "Nobody"])
    assert nobody.exit_code != 0 and "no actor is called 'Nobody'" in nobody.output


@pytest.mark.parametrize("max_nodes, kept", [(50, 50), (3, 3), (1000, 201)], ids=["cut", "tiny", "whole"])
def test_overview_keeps_the_most_connected_nodes(max_nodes: int, kept: int) -> None:
    """A hub with 200 spokes and a triangle: the overview keeps the best connected first, with
    the edges among what it keeps, and says in its filters what it left out."""
    import networkx as nx

    from kg.graph import overview

    graph = nx.MultiDiGraph(filters="")
    for i in range(200):
        graph.add_edge("hub", f"spoke{i:03}", key="met", articles=1 + (i < 2))
    graph.add_edge("spoke000", "spoke001", key="met", articles=1)
    shown = overview(graph, max_nodes)
    assert shown.number_of_nodes() == kept
    if kept == 201:
        assert shown is graph
        return
    assert "hub" in shown and (kept < 3 or {"spoke000", "spoke001"} <= set(shown))
    assert all(graph.has_edge(a, b) for a, b in shown.edges()) and shown.has_edge("hub", "spoke000")
    assert shown.graph["filters"] == f"the {max_nodes:,} most connected of 201 nodes"


T3_TEXT = "Ivo Stan met the Northern Alliance in Riga on March 20. Mira Kessel condemned her own remarks."


def _with_t3(store: Store) -> None:
    """A third article: a meeting of Stan and the alliance, and Kessel condemning herself (a loop)."""
    statements = (
        Statement("t3", "met", (fx.STAN, fx.ALLIANCE), fx.sentence(T3_TEXT, "met"), confidence=0.9,
                  rule="met-verb", date="2024-03-20", place="Riga"),
        Statement("t3", "condemned", (fx.KESSEL,), fx.sentence(T3_TEXT, "condemned"),
                  target=fx.span(T3_TEXT, "her own remarks"), target_actors=(fx.KESSEL,), confidence=0.8,
                  rule="condemn-verb"),
    )
    extraction = ArticleExtraction(fx.article("t3", T3_TEXT, "Stan in Riga", "2024-03-21"),
                                   (fx.STAN, fx.ALLIANCE, fx.KESSEL), statements)
    store.replace_article(rdf.extraction_graph(extraction))


def _described(graph: nx.MultiDiGraph) -> tuple:
    """A projection's nodes, edges and graph attributes (its articles: those its edges cite), for
    comparing two of them."""
    cited = {a for _, _, d in graph.edges(data=True) for a in d["evidence_articles"]}
    attributes = {**graph.graph, "articles": {a: v for a, v in graph.graph.get("articles", {}).items() if a in cited}}
    return (sorted(graph.nodes(data=True)),
            sorted((u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True)), attributes)


@pytest.mark.parametrize("max_nodes", [1, 2, 3, 4, 5, 6, 7, 300])
@pytest.mark.parametrize("more, resolved", [((), False), ((), True), ((_with_t3,), False), ((_with_t3,), True)],
                         ids=["fixtures", "resolved", "with-t3", "with-t3-resolved"])
def test_overview_projection_is_the_overview_of_the_projection(more: tuple, resolved: bool, max_nodes: int) -> None:
    """Ties of neighbours and articles broken by label, a kept node none of whose edges is kept,
    condemned targets, a loop (counted twice, as networkx counts it), consolidated reports."""
    from kg.graph import overview, overview_projection
    from kg.resolve import Registry, resolve

    with fx.loaded_store() as opened:
        for add in more:
            add(opened)
        if resolved:
            resolve(opened, Registry())
        expected = overview(projection(opened), max_nodes)
        assert _described(overview_projection(opened, max_nodes)) == _described(expected)
    assert expected.number_of_nodes() == min(max_nodes, 7 if more else 6)


@pytest.mark.parametrize("max_nodes", [1, 3, 300])
@pytest.mark.parametrize("more, resolved", [((), False), ((), True), ((_with_t3,), True)],
                         ids=["fixtures", "resolved", "with-t3-resolved"])
def test_an_overview_from_rows_kept_between_builds_is_the_one_read_afresh(tmp_path: Path, more: tuple, resolved: bool,
                                                                           max_nodes: int) -> None:
    """Rows kept in a file (`kg.overview_rows`) give the overview the store gives: when the file
    is written, when it is read back, and once an article graph was added and resolved."""
    from kg.graph import overview_projection
    from kg.resolve import Registry, resolve

    rows = tmp_path / "rows.json"
    with fx.loaded_store() as opened:
        if resolved:
            resolve(opened, Registry())
        for add in more:
            overview_projection(opened, max_nodes, rows)  # kept before the graph is added
            add(opened)
            resolve(opened, Registry())
        expected = _described(overview_projection(opened, max_nodes))
        assert _described(overview_projection(opened, max_nodes, rows)) == expected
        assert rows.exists()
        assert _described(overview_projection(opened, max_nodes, rows)) == expected


def test_rows_read_graph_by_graph_are_those_read_from_all_graphs(seeds_out: Path) -> None:
    """The overview reads the graphs a build changed one by one (each named in its queries): the
    rows of each are those the reads of the whole store give it."""
    from kg.graph import DEFAULT_RELATIONS, _graph_rows

    with open_store(seeds_out) as opened:
        everything = _graph_rows(opened, DEFAULT_RELATIONS, None)
        some = sorted(everything)[:3]
        assert len(some) == 3 and any(everything[graph].events for graph in some)
        assert _graph_rows(opened, DEFAULT_RELATIONS, some) == {graph: everything[graph] for graph in some}


@pytest.mark.parametrize("max_nodes", [1, 3, 5, 300])
def test_overview_projection_of_the_seeds(seeds_out: Path, max_nodes: int) -> None:
    from kg.graph import overview, overview_projection

    with open_store(seeds_out) as opened:
        assert _described(overview_projection(opened, max_nodes)) == _described(overview(projection(opened), max_nodes))


#: what `kg.graph._country_mentions` reads, as one query: every (actor, name of its country, graph).
ONE_QUERY_COUNTRIES = """SELECT DISTINCT ?node ?country ?g WHERE { GRAPH ?g { ?node kg:affiliation ?c }
  FILTER EXISTS { ?c a schema:Country } { ?c skos:prefLabel ?country } UNION { ?c rdfs:label ?country } }"""


def test_country_mentions_are_those_of_one_query() -> None:
    """The countries are read in two steps (affiliations, then each country's names once); the
    rows are those one join gives, a second country of the same name included."""
    from kg.graph import _country_mentions

    twin = replace(fx.VELMARIA, key="velmaria republic")  # another country, also named "Velmaria"
    kessel = replace(fx.KESSEL, affiliation="velmaria republic")
    extra = replace(fx.t2_extraction(), article=replace(fx.t2_extraction().article, id="t3"),
                    actors=(twin, kessel, fx.VELMARIA, fx.STAN), statements=())
    with fx.loaded_store() as store:
        store.replace_article(rdf.extraction_graph(extra))
        expected = set(store.query(ONE_QUERY_COUNTRIES).rows)
        nodes = {str(row[0]) for row in expected}
        assert len(nodes) >= 2 and len(expected) >= 4
        assert _country_mentions(store, nodes) == expected
