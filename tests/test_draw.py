"""kg.draw: relationship diagrams, ego diagrams and timelines (PNG, SVG, PDF), and `kg draw`.

Figures are checked for what they hold (labels, arrows, markers, legend) and measured with
the Agg renderer: no two labels overlap, and a label covers no labelled node, even among 500
random actors.  How fast that is drawn is measured by scripts/bench_draw.py, not here.
"""
from __future__ import annotations

import random
from pathlib import Path

import matplotlib
import networkx as nx
import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

import fixtures_rdf as fx
from kg.cli import main
from kg.draw import (
    default_title, draw_relationships, draw_timeline, label_ranking, layout, relationship_figure, timeline_figure,
)
from kg.draw import _pushed_inside
from kg.graph import projection
from kg.vocab import actor_iri

LABELS = ("Mira Kessel", "Tomas Rundt", "Ivo Stan", "dock workers", "the attack on the harbour",
          "the closure of the port")


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    """The default projection of the fixture store."""
    with fx.loaded_store() as store:
        return projection(store)


def random_graph(actors: int, edges: int, seed: int = 3) -> nx.MultiDiGraph:
    """A projection-like graph of `actors` with a few hubs (preferential attachment)."""
    rng = random.Random(seed)
    backbone = nx.barabasi_albert_graph(actors, max(1, edges // actors), seed=seed)
    graph = nx.MultiDiGraph(corpus_articles=900, first="2023-01-01", last="2024-12-31", filters="")
    for i in range(actors):
        graph.add_node(f"n{i:03d}", label=f"Actor {i} of the {rng.choice(['Council', 'Ministry', 'Union'])}",
                       kind=rng.choice(["person", "organization", "country"]), country="")
    for u, v in sorted(backbone.edges()):
        relation = rng.choice(["met", "met", "phoned", "condemned"])
        graph.add_edge(f"n{u:03d}", f"n{v:03d}", key=relation, relation=relation, events=1,
                       articles=1 + rng.randrange(5), directed=relation == "condemned")
    return graph


def label_boxes(figure: Figure) -> dict[str, object]:
    """Each node label's text box in display pixels, from the Agg renderer."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    return {t.get_text(): Text.get_window_extent(t, renderer) for t in figure.axes[0].texts}


def node_discs(figure: Figure) -> tuple[np.ndarray, np.ndarray]:
    """Centres (pixels) and radii (pixels) of the node markers."""
    nodes = next(c for c in figure.axes[0].collections if isinstance(c, PathCollection))
    centres = figure.axes[0].transData.transform(nodes.get_offsets())
    return centres, np.sqrt(nodes.get_sizes()) / 2 * figure.dpi / 72


def covers(box, centre: np.ndarray, radius: float) -> bool:
    """Whether a box overlaps a disc."""
    dx = max(box.x0 - centre[0], 0, centre[0] - box.x1)
    dy = max(box.y0 - centre[1], 0, centre[1] - box.y1)
    return dx * dx + dy * dy < radius * radius


def overlapping_pairs(boxes: list) -> list[tuple[int, int]]:
    return [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i < j and a.overlaps(b)]


# --- the relationship diagram ------------------------------------------------------------------

def test_draw_png(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = draw_relationships(graph, tmp_path / "relations.png", title="Fixture relations")
    assert path == tmp_path / "relations.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000


def test_draw_svg_keeps_labels_as_text(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    svg = draw_relationships(graph, tmp_path / "relations.svg").read_text(encoding="utf-8")
    assert svg.count("<text") >= len(LABELS) and len(svg) > 10_000
    for label in (*LABELS, "met", "phoned", "condemned", "Actors and their relations in 2 articles",
                  "2024-03-11 to 2024-03-15"):
        assert label in svg, label


def test_figure_holds_every_part(graph: nx.MultiDiGraph) -> None:
    figure = relationship_figure(graph)
    axes = figure.axes[0]
    assert sorted(t.get_text() for t in axes.texts) == sorted(LABELS)
    assert len([p for p in axes.patches if isinstance(p, FancyArrowPatch)]) == graph.number_of_edges()
    nodes = next(c for c in axes.collections if isinstance(c, PathCollection))
    assert len(nodes.get_offsets()) == graph.number_of_nodes()
    sizes = dict(zip(sorted(graph.nodes), nodes.get_sizes()))
    kessel, stan = actor_iri("mira kessel"), actor_iri("ivo stan")
    assert sizes[kessel] > sizes[stan]  # degree 2 against 1
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend == ["condemned", "met", "phoned", "group", "person", "target", "1 article", "2 articles"]
    assert axes.get_title() == "Actors and their relations in 2 articles, 2024-03-11 to 2024-03-15"


def test_edge_styles_and_widths_follow_relation_and_articles(graph: nx.MultiDiGraph) -> None:
    arrows = [p for p in relationship_figure(graph).axes[0].patches if isinstance(p, FancyArrowPatch)]
    styles = {(matplotlib.colors.to_hex(p.get_edgecolor()), p.get_linestyle(), p.get_linewidth()) for p in arrows}
    assert styles == {("#1f77b4", "solid", 2.0),       # met, 2 articles
                      ("#2ca02c", "dashed", 1.0),      # phoned
                      ("#d62728", "solid", 1.0)}       # condemned (twice)


def test_labels_overlap_neither_nodes_nor_each_other(graph: nx.MultiDiGraph) -> None:
    figure = relationship_figure(graph)
    boxes = list(label_boxes(figure).values())
    centres, radii = node_discs(figure)
    assert not overlapping_pairs(boxes)
    assert not [(b, c) for b in boxes for c, r in zip(centres, radii) if covers(b, c, r)]


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


def test_parallel_edges_of_one_pair_bend_apart(tmp_path: Path) -> None:
    pair = nx.MultiDiGraph()
    pair.add_node("a", label="Alpha", kind="person")
    pair.add_node("b", label="Beta", kind="country")
    pair.add_edge("a", "b", key="met", relation="met", events=3, articles=2)
    pair.add_edge("a", "b", key="phoned", relation="phoned", events=1, articles=1)
    arrows = [p for p in relationship_figure(pair).axes[0].patches if isinstance(p, FancyArrowPatch)]
    assert sorted(p.get_connectionstyle().rad for p in arrows) == [-0.0, 0.2]
    assert draw_relationships(pair, tmp_path / "pair.png").stat().st_size > 10_000


def test_unknown_suffix_is_refused(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=".png, .svg or .pdf"):
        draw_relationships(graph, tmp_path / "relations.gif")


def test_drawing_leaves_matplotlib_settings_alone(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    before = dict(matplotlib.rcParams)
    draw_relationships(graph, tmp_path / "relations.svg")
    assert dict(matplotlib.rcParams) == before


# --- hundreds of actors ------------------------------------------------------------------------

def test_500_actors_label_only_the_top_ones_without_overlap(tmp_path: Path) -> None:
    big = random_graph(500, 1000)
    figure = relationship_figure(big, top=30)
    boxes = label_boxes(figure)
    top = [big.nodes[n]["label"] for n in label_ranking(big)[:30]]
    assert sorted(boxes) == sorted(top)
    assert not overlapping_pairs(list(boxes.values()))
    centres, radii = node_discs(figure)
    labelled = [i for i, n in enumerate(sorted(big.nodes)) if big.nodes[n]["label"] in boxes]
    assert not [(t, i) for t, b in boxes.items() for i in labelled if covers(b, centres[i], radii[i])]
    assert np.count_nonzero(radii < 5) >= 400  # the others are dots
    assert figure.axes[0].collections and len(figure.axes[0].collections) <= 5  # edges as line collections
    png = draw_relationships(big, tmp_path / "big.png", top=30)
    assert png.stat().st_size > 200_000


def star_and_clique() -> nx.MultiDiGraph:
    """A person who met five leaders, a company in a clique of four, a country with three
    partners, and a target condemned by all the leaders (more articles than anyone)."""
    graph = nx.MultiDiGraph(corpus_articles=10)
    graph.add_node("putin", label="Putin", kind="person")
    graph.add_node("harbour", label="the attack", kind="target")
    graph.add_node("ruritania", label="Ruritania", kind="country")
    for i in range(5):
        graph.add_node(f"l{i}", label=f"Leader {i}", kind="person")
        graph.add_edge("putin", f"l{i}", key="met", relation="met", events=1, articles=1)
        graph.add_edge(f"l{i}", "harbour", key="condemned", relation="condemned", events=1, articles=9)
    for i in range(1, 4):
        graph.add_edge("ruritania", f"l{i}", key="phoned", relation="phoned", events=1, articles=1)
    clique = ["microsoft", "c1", "c2", "c3"]
    for i, node in enumerate(clique):
        graph.add_node(node, label="Microsoft" if i == 0 else f"Firm {i}", kind="organization")
        for other in clique[:i]:
            graph.add_edge(other, node, key="met", relation="met", events=1, articles=1)
    return graph


@pytest.mark.parametrize("before, after", [
    ("Putin", "Microsoft"),        # five partners against three
    ("Microsoft", "Ruritania"),    # three partners each: an organisation's count double, a country's not
    ("Leader 4", "the attack"),    # a target comes after every actor, whatever its articles
], ids=["partners", "kind", "targets-last"])
def test_label_ranking_favours_people_and_organisations_with_many_partners(before: str, after: str) -> None:
    graph = star_and_clique()
    order = [graph.nodes[n]["label"] for n in label_ranking(graph)]
    assert order.index(before) < order.index(after)


def test_the_top_ten_are_labelled_inside_the_figure_and_the_legend_says_by_what() -> None:
    graph = star_and_clique()
    figure = relationship_figure(graph, top=10)
    boxes = label_boxes(figure)
    assert sorted(boxes) == sorted(graph.nodes[n]["label"] for n in label_ranking(graph)[:10])
    frame = figure.axes[0].get_window_extent()
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes.values())
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert "labels: the 10 first by\ndistinct partners\n(people and organisations\ncount double)" in legend


def test_a_crowded_figure_still_labels_its_top_ten_inside_the_axes() -> None:
    """Labels as long as the cut allows on a dense graph: no free spot for many of them, and
    yet each of the top ten is drawn, inside the axes."""
    dense = random_graph(40, 400, seed=5)
    for node in dense:
        dense.nodes[node]["label"] = f"{node} Ministry of Foreign"
    figure = relationship_figure(dense, top=40)
    boxes = label_boxes(figure)
    frame = figure.axes[0].get_window_extent()
    short = [t.get_text() for t in figure.axes[0].texts]
    assert len(short) == 40 and len(set(short)) == 40
    assert all(frame.x0 - 0.5 <= b.x0 and b.x1 <= frame.x1 + 0.5 and frame.y0 - 0.5 <= b.y0 and b.y1 <= frame.y1 + 0.5
               for b in boxes.values())


@pytest.mark.parametrize(("box", "moved"), [
    ((-10, 40, 20, 60), (10, 0)),     # out at the left: moved right by as much
    ((80, 40, 120, 60), (-20, 0)),    # out at the right: moved left
    ((40, 90, 60, 130), (0, -30)),    # out at the top: moved down
    ((40, -5, 60, 15), (0, 5)),       # out at the bottom: moved up
    ((-10, 40, 150, 60), (10, 0)),    # wider than the frame: its left edge kept
    ((40, -10, 60, 150), (0, -50)),   # taller than the frame: its top edge kept
    ((10, 10, 30, 30), (0, 0)),       # inside: not moved
])
def test_a_label_with_no_spot_inside_is_pushed_in_by_the_least(box: tuple, moved: tuple) -> None:
    """The last resort of the label placement: a label box (pixels) that fits nowhere inside the
    axes is shifted by the least that brings it in (points = pixels * 0.5 here)."""
    frame = Bbox.from_extents(0, 0, 100, 100)
    spot = _pushed_inside(((1.0, 2.0), "center", "top", False), box, frame, 0.5)
    assert spot == ((1.0 + moved[0] * 0.5, 2.0 + moved[1] * 0.5), "center", "top", True)


def test_layout_is_deterministic() -> None:
    big = random_graph(200, 400)
    assert layout(big) == layout(big)
    assert layout(random_graph(200, 400)) == layout(big)


# --- ego diagram -------------------------------------------------------------------------------

def test_ego_diagram_puts_the_actor_in_the_middle(tmp_path: Path) -> None:
    with fx.loaded_store() as store:
        ego = projection(store, ego="Rundt", depth=2)
    rundt = actor_iri("tomas rundt")
    positions = layout(ego)
    assert positions[rundt] == (0.0, 0.0)
    distance = {n: round(float(np.hypot(*positions[n])), 6) for n in ego}
    assert distance[actor_iri("mira kessel")] == distance[actor_iri("ivo stan")] < max(distance.values())
    figure = relationship_figure(ego)
    assert figure.axes[0].get_title().startswith("Relations of Tomas Rundt in 2 articles")
    assert "2 steps around Rundt" in figure.axes[0].get_title()
    nodes = next(c for c in figure.axes[0].collections if isinstance(c, PathCollection))
    widths = dict(zip(sorted(ego.nodes), nodes.get_linewidths()))
    assert widths[rundt] > widths[actor_iri("ivo stan")]
    assert draw_relationships(ego, tmp_path / "ego.png").stat().st_size > 20_000


# --- timeline ----------------------------------------------------------------------------------

def test_timeline_of_events_per_pair(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    figure = timeline_figure(graph)
    axes = figure.axes[0]
    rows = [t.get_text() for t in axes.get_yticklabels()]
    assert rows[0] == "Mira Kessel – Tomas Rundt"  # most events first
    assert "Mira Kessel → the attack on the harbour" in rows and len(rows) == 4
    assert len(axes.collections) == 5  # one marker per pair, relation and day
    assert axes.get_title() == "Events per actor pair in 2 articles, 2024-03-11 to 2024-03-15"
    svg = draw_timeline(graph, tmp_path / "timeline.svg").read_text(encoding="utf-8")
    assert "Ivo Stan – Tomas Rundt" in svg and len(svg) > 10_000
    assert draw_timeline(graph, tmp_path / "timeline.png").stat().st_size > 20_000


def test_timeline_of_undated_events_says_so() -> None:
    undated = nx.MultiDiGraph(corpus_articles=1, first=None, last=None)
    undated.add_node("a", label="A")
    undated.add_node("b", label="B")
    undated.add_edge("a", "b", key="met", relation="met", directed=False, events=2, articles=1, dates=[])
    axes = timeline_figure(undated).axes[0]
    assert [t.get_text() for t in axes.texts] == ["no dated events"]
    assert axes.get_title() == "Events per actor pair in 1 article, none of 2 events dated"
    assert default_title(undated) == "Actors and their relations in 1 article, none of 2 events dated"


@pytest.mark.parametrize("dates, ticks", [
    (["2024-03-11"], r"\d{4}-\d\d-\d\d"),                          # one day: day ticks, never hours
    (["2024-03-11", "2024-03-15", "2024-03-12"], r"\d{4}-\d\d-\d\d"),
    (["2023-01-05", "2023-05-20", "2023-03"], r"\d{4}-\d\d"),       # months
    (["2013", "2019-06-01", "2024-10-15"], r"\d{4}"),                 # years
], ids=["one-day", "days", "months", "years"])
def test_timeline_axis_follows_the_dates(dates: list[str], ticks: str) -> None:
    import re

    pair = nx.MultiDiGraph(corpus_articles=3)
    pair.add_node("a", label="A")
    pair.add_node("b", label="B")
    pair.add_edge("a", "b", key="met", relation="met", directed=False, events=len(dates) + 2, articles=1,
                  dates=sorted(dates))
    figure = timeline_figure(pair)
    FigureCanvasAgg(figure).draw()
    axes = figure.axes[0]
    labels = [t.get_text() for t in axes.get_xticklabels() if t.get_text()]
    assert labels and all(re.fullmatch(ticks, label) for label in labels), labels
    assert len(labels) <= 12
    assert axes.get_title().endswith(f"\n(2 of {len(dates) + 2} events have no date and are not shown)")
    assert f"{len(dates)} of {len(dates) + 2} events dated" in axes.get_title()


# --- kg draw -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("draw") / "out"
    fx.loaded_store(folder / "store").close()
    return folder


def kg(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_kg_draw_writes_figure_and_page(out: Path, tmp_path: Path) -> None:
    result = kg("draw", out, "-o", tmp_path / "a.svg", "--html", tmp_path / "a.html", "--title", "Harbour")
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote: {tmp_path / 'a.svg'}\nwrote: {tmp_path / 'a.html'}\n"
    assert ">Harbour<" in (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "Mira Kessel" in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_kg_draw_ego_timeline_and_filters(out: Path, tmp_path: Path) -> None:
    assert kg("draw", out, "-o", tmp_path / "ego.png", "--actor", "Kessel", "--depth", "2").exit_code == 0
    assert kg("draw", out, "-o", tmp_path / "t.pdf", "--timeline", "--since", "2024-03-12").exit_code == 0
    assert kg("draw", out, "-o", tmp_path / "m.png", "--relation", "met", "--min-articles", "2",
              "--among", "Kessel", "--among", "Rundt", "--top", "1").exit_code == 0
    for name in ("ego.png", "t.pdf", "m.png"):
        assert (tmp_path / name).stat().st_size > 5_000


def test_kg_draw_errors_are_one_line(out: Path, tmp_path: Path) -> None:
    nothing = kg("draw", out)
    assert nothing.exit_code == 2 and "give -o FILE.png|svg|pdf, --html FILE.html, or both" in nothing.output
    gif = kg("draw", out, "-o", tmp_path / "a.gif")
    assert gif.exit_code == 1 and "use a .png, .svg or .pdf file name" in gif.output
    nobody = kg("draw", out, "-o", tmp_path / "a.png", "--actor", "Nobody")
    assert nobody.exit_code == 1 and "no actor is called 'Nobody'" in nobody.output
    date = kg("draw", out, "-o", tmp_path / "a.png", "--since", "yesterday")
    assert date.exit_code == 1 and "not an ISO date" in date.output
