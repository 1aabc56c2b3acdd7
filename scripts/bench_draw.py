"""Time the relationship diagram, the HTML view and the analytics of a large random projection.

    .venv/bin/python scripts/bench_draw.py [ACTORS] [EDGES]     (default 500 actors, 1000 edges)

Prints seconds per step (layout, figure with label placement, PNG, SVG, HTML, stats) and
checks that no two labels of the top-N actors overlap, measured by the renderer.  Timing is
kept out of the test suite on purpose: tests assert what is drawn, this script how fast.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from kg.analytics import graph_stats
from kg.draw import TOP_LABELS, layout, relationship_figure, save_figure
from kg.html import write_html

RELATIONS = ("met", "met", "met", "phoned", "condemned")


def synthetic(actors: int, edges: int, seed: int = 7) -> nx.MultiDiGraph:
    """A projection-like graph: a scale-free backbone (a few hubs, many small actors)."""
    rng = random.Random(seed)
    backbone = nx.barabasi_albert_graph(actors, max(1, edges // actors), seed=seed)
    graph = nx.MultiDiGraph(corpus_articles=actors * 2, first="2023-01-02", last="2024-06-30", filters="")
    for i in range(actors):
        graph.add_node(f"a{i:04d}", label=f"Actor {i} {rng.choice(['Minister', 'Council', 'Agency'])}",
                       kind=rng.choice(["person", "organization", "country"]), country="")
    for u, v in sorted(backbone.edges()):
        relation = rng.choice(RELATIONS)
        articles = 1 + int(rng.expovariate(0.5))
        graph.add_edge(f"a{u:04d}", f"a{v:04d}", key=relation, relation=relation, directed=relation == "condemned",
                       events=articles, articles=articles, first=None, last=None, dates=[],
                       evidence=[f"Actor {u} and Actor {v} ({relation})."], evidence_articles=[f"art{u}"])
    return graph


def main() -> None:
    actors = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    edges = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    graph = synthetic(actors, edges)
    print(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} edges, top {TOP_LABELS} labelled")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        steps = {
            "layout": lambda: layout(graph),
            "figure": lambda: relationship_figure(graph),  # layout again, drawing, label placement
        }
        figure = None
        for name, step in steps.items():
            started = time.perf_counter()
            result = step()
            print(f"{name:16s} {time.perf_counter() - started:6.2f} s")
            figure = result if name == "figure" else figure
        for suffix in (".png", ".svg"):
            started = time.perf_counter()
            save_figure(figure, out / f"big{suffix}")
            print(f"save {suffix:11s} {time.perf_counter() - started:6.2f} s  "
                  f"({(out / f'big{suffix}').stat().st_size // 1024} KiB)")
        started = time.perf_counter()
        write_html(graph, out / "big.html")
        print(f"{'html':16s} {time.perf_counter() - started:6.2f} s")
        started = time.perf_counter()
        graph_stats(graph)
        print(f"{'stats':16s} {time.perf_counter() - started:6.2f} s")
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # lays the annotations out where they are drawn
    boxes = [Text.get_window_extent(t, canvas.get_renderer()) for t in figure.axes[0].texts]
    clashes = sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    print(f"labels drawn: {len(boxes)}, overlapping label pairs: {clashes}")


if __name__ == "__main__":
    main()
