"""kg.analytics and `kg stats`: counts, centrality, communities and busiest pairs of a projection."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import fixtures_rdf as fx
from kg.analytics import DateCoverage, date_coverage, graph_stats
from kg.cli import main
from kg.graph import projection


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    with fx.loaded_store() as store:
        return projection(store)


def two_cliques() -> nx.MultiDiGraph:
    """Two triangles of met edges joined by one call: two communities, a bridge between them."""
    graph = nx.MultiDiGraph()
    for name in "abcxyz":
        graph.add_node(name, label=name.upper(), kind="person")
    for u, v in ("ab", "bc", "ac", "xy", "yz", "xz"):
        graph.add_edge(u, v, key="met", relation="met", events=2, articles=2, evidence_articles=["p", "q"])
    graph.add_edge("c", "x", key="phoned", relation="phoned", events=1, articles=1, evidence_articles=["r"])
    return graph


def test_counts(graph: nx.MultiDiGraph) -> None:
    stats = graph_stats(graph)
    assert (stats.actors, stats.other_nodes) == (4, 2)
    assert stats.edges == {"condemned": 2, "met": 1, "phoned": 1}
    assert (stats.corpus_articles, stats.cited_articles) == (2, 2)
    assert (stats.first, stats.last) == ("2024-03-11", "2024-03-15")


def test_centrality_rankings(graph: nx.MultiDiGraph) -> None:
    stats = graph_stats(graph, top=2)
    assert stats.degree == [("Mira Kessel", 2), ("Tomas Rundt", 2)]  # ties by label; targets are no actors
    assert stats.weighted_degree == [("Mira Kessel", 3), ("Tomas Rundt", 3)]
    assert [label for label, _ in stats.betweenness] == ["Mira Kessel", "Tomas Rundt"]
    assert all(value > 0 for _, value in stats.betweenness)


def test_communities_and_bridge() -> None:
    stats = graph_stats(two_cliques())
    assert sorted(sorted(c) for c in stats.communities) == [["A", "B", "C"], ["X", "Y", "Z"]]
    assert stats.modularity is not None and stats.modularity > 0.3
    assert {label for label, _ in stats.betweenness[:2]} == {"C", "X"}


def test_busiest_pairs(graph: nx.MultiDiGraph) -> None:
    first = graph_stats(graph).pairs[0]
    assert first == {"a": "Mira Kessel", "b": "Tomas Rundt", "events": 2, "articles": 2, "relations": "met 2"}
    both = nx.MultiDiGraph()
    both.add_node("a", label="A")
    both.add_node("b", label="B")
    both.add_edge("a", "b", key="met", relation="met", events=2, articles=1, evidence_articles=["p"])
    both.add_edge("b", "a", key="phoned", relation="phoned", events=1, articles=1, evidence_articles=["p"])
    assert graph_stats(both).pairs == [{"a": "A", "b": "B", "events": 3, "articles": 1,
                                        "relations": "met 2, phoned 1"}]  # one article, counted once


def test_report_text_and_json(graph: nx.MultiDiGraph) -> None:
    stats = graph_stats(graph)
    text = "\n".join(stats.lines())
    for part in ("actors in these relations: 4 (and 2 targets or claims)",
                 "pairs (two nodes a relation links, counted per relation): 4 (condemned 2, met 1, phoned 1)",
                 "events (one per happening, however many articles tell it): condemned 2, met 2, phoned 1",
                 "articles: 2 cited of 2 in the store", "dates: 2024-03-11 to 2024-03-15",
                 "most central by betweenness:", "communities (Louvain, modularity",
                 "2 events,   2 articles  Mira Kessel – Tomas Rundt  (met 2)"):
        assert part in text, part
    assert json.loads(stats.to_json())["degree"][0] == ["Mira Kessel", 2]
    assert graph_stats(graph).lines() == stats.lines()  # seeded: the same report every time


def test_empty_graph() -> None:
    stats = graph_stats(nx.MultiDiGraph())
    assert stats.actors == 0 and stats.communities == [] and stats.modularity is None
    assert "  (none)" in stats.lines()


def test_kg_stats_command(tmp_path: Path) -> None:
    fx.loaded_store(tmp_path / "out" / "store").close()
    result = CliRunner().invoke(main, ["stats", str(tmp_path / "out"), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("actors in these relations: 4 (and 2 targets or claims)\n")
    assert "Mira Kessel – Tomas Rundt" in result.output
    as_json = CliRunner().invoke(main, ["stats", str(tmp_path / "out"), "--format", "json", "--relation", "met"])
    assert json.loads(as_json.output)["edges"] == {"met": 1}
    missing = CliRunner().invoke(main, ["stats", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "no kg store" in missing.output


@pytest.mark.parametrize("dates, events, expected", [
    ([["2024-03-11"], ["2024-03-15"]], [1, 1], "2024-03-11 to 2024-03-15"),
    ([["2013"], []], [1, 74], "1 of 75 events dated, 2013"),
    ([["2023-01", "2023-05-02"], []], [2, 10], "2 of 12 events dated, 2023-01 to 2023-05-02"),
    ([[], []], [1, 2], "none of 3 events dated"),
    ([], [], "no events"),
], ids=["all-dated", "one-year-only", "some-dated", "none-dated", "empty"])
def test_date_coverage_states_how_many_events_are_dated(dates: list, events: list, expected: str) -> None:
    """One year-only date among 75 events is not "2013 to 2013": the share dated is said."""
    graph = nx.MultiDiGraph()
    for i, (when, count) in enumerate(zip(dates, events)):
        graph.add_edge(f"a{i}", f"b{i}", key="met", relation="met", events=count, dates=when)
    assert date_coverage(graph).text() == expected
    assert f"dates: {expected}" in graph_stats(graph).lines()


def test_an_event_on_several_edges_is_counted_once() -> None:
    """A meeting of three is one event on three edges: "1 of 2 events dated", not "3 of 4"."""
    graph = nx.MultiDiGraph()
    for a, b in (("x", "y"), ("x", "z"), ("y", "z")):
        graph.add_edge(a, b, key="met", relation="met", events=1, event_ids=["m1"], event_dates=["2024-05"],
                       dates=["2024-05"])
    graph.add_edge("x", "y", key="phoned", relation="phoned", events=1, event_ids=["p1"], event_dates=[None], dates=[])
    assert date_coverage(graph) == DateCoverage(1, 2, "2024-05", "2024-05")
    assert date_coverage(graph).text() == "1 of 2 events dated, 2024-05"
