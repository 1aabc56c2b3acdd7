"""kg.graph and kg.draw: the NetworkX projection of a store, and its picture."""
from __future__ import annotations

from pathlib import Path

import matplotlib
import networkx as nx
import pytest

import fixtures_rdf as fx
from kg.draw import draw_relationships
from kg.graph import projection
from kg.store import Store
from kg.vocab import actor_iri, statement_iri

KESSEL, RUNDT, STAN, DOCKERS = (actor_iri(a.key) for a in (fx.KESSEL, fx.RUNDT, fx.STAN, fx.DOCKERS))


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    """The default projection of the fixture store."""
    with fx.loaded_store() as store:
        return projection(store)


# --- projection --------------------------------------------------------------------------------

def test_met_pair_seen_in_two_articles(graph: nx.MultiDiGraph) -> None:
    source, target = sorted((KESSEL, RUNDT))
    assert graph.number_of_edges(source, target) == 1 and graph.number_of_edges(target, source) == 0
    edge = graph.edges[source, target, "met"]
    assert edge["relation"] == "met" and edge["events"] == 2 and edge["articles"] == 2
    assert edge["evidence"] == [
        "Velmarian Foreign Minister Mira Kessel met Prime Minister Tomas Rundt in Oslo on Monday.",
        "Tomas Rundt met Mira Kessel again in Bergen on Friday.",
    ]


def test_nodes_have_label_and_kind(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes[KESSEL] == {"label": "Mira Kessel", "kind": "person"}
    assert graph.nodes[DOCKERS] == {"label": "dock workers", "kind": "group"}
    target = statement_iri("t1", "target", 1)
    assert graph.nodes[target] == {"label": "the attack on the harbour", "kind": "target"}
    assert actor_iri("velmaria") not in graph  # mentioned, but in no relation


def test_edges_by_relation(graph: nx.MultiDiGraph) -> None:
    edges = sorted((d["relation"], graph.nodes[u]["label"], graph.nodes[v]["label"])
                   for u, v, d in graph.edges(data=True))
    assert edges == [
        ("condemned", "Mira Kessel", "the attack on the harbour"),
        ("condemned", "dock workers", "the closure of the port"),
        ("met", "Mira Kessel", "Tomas Rundt"),
        ("phoned", "Ivo Stan", "Tomas Rundt"),
    ]
    condemned = graph.edges[KESSEL, statement_iri("t1", "target", 1), "condemned"]
    assert condemned["evidence"] == ["Kessel condemned the attack on the harbour."]


def test_projection_of_chosen_relations() -> None:
    with fx.loaded_store() as store:
        met_only = projection(store, ["met"])
        claims = projection(store, ["asserts"])
        with pytest.raises(ValueError, match="unknown relation"):
            projection(store, ["hugged"])
    assert {d["relation"] for _, _, d in met_only.edges(data=True)} == {"met"}
    assert list(claims.edges(keys=True)) == [(RUNDT, statement_iri("t1", "asserts", 1), "asserts")]
    assert claims.nodes[statement_iri("t1", "asserts", 1)]["kind"] == "claim"


def test_projection_of_an_empty_store() -> None:
    with Store(None) as store:
        assert projection(store).number_of_nodes() == 0


# --- drawing -----------------------------------------------------------------------------------

def test_draw_png(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = draw_relationships(graph, tmp_path / "relations.png", title="Fixture relations")
    assert path == tmp_path / "relations.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000


def test_draw_svg_keeps_labels_as_text(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = draw_relationships(graph, tmp_path / "relations.svg", title="Fixture relations")
    svg = path.read_text(encoding="utf-8")
    for label in ("Mira Kessel", "Tomas Rundt", "Ivo Stan", "dock workers", "the attack on the harbour",
                  "met", "phoned", "condemned", "Fixture relations"):
        assert label in svg, label


def test_drawing_is_repeatable(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    first = draw_relationships(graph, tmp_path / "a.svg").read_bytes()
    second = draw_relationships(graph, tmp_path / "b.svg").read_bytes()
    assert first == second


def test_draw_pdf(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = draw_relationships(graph, tmp_path / "sub" / "relations.pdf")
    assert path.read_bytes()[:5] == b"%PDF-" and path.stat().st_size > 5_000


def test_empty_graph_still_gives_a_figure(tmp_path: Path) -> None:
    png = draw_relationships(nx.MultiDiGraph(), tmp_path / "empty.png")
    assert png.stat().st_size > 1_000
    svg = draw_relationships(nx.MultiDiGraph(), tmp_path / "empty.svg").read_text(encoding="utf-8")
    assert "no relations found" in svg


def test_parallel_edges_of_one_pair(tmp_path: Path) -> None:
    pair = nx.MultiDiGraph()
    pair.add_node("a", label="Alpha", kind="person")
    pair.add_node("b", label="Beta", kind="country")
    pair.add_edge("a", "b", key="met", relation="met", events=3)
    pair.add_edge("a", "b", key="phoned", relation="phoned", events=1)
    assert draw_relationships(pair, tmp_path / "pair.png").stat().st_size > 10_000


def test_unknown_suffix_is_refused(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=".png, .svg or .pdf"):
        draw_relationships(graph, tmp_path / "relations.gif")


def test_drawing_leaves_matplotlib_settings_alone(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    before = dict(matplotlib.rcParams)
    draw_relationships(graph, tmp_path / "relations.svg")
    assert dict(matplotlib.rcParams) == before
