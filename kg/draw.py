"""The draw stage: a relationship projection (see kg.graph) as a PNG, SVG or PDF figure.

Uses a bare matplotlib `Figure` (no pyplot figure, no backend switch), so drawing never
changes matplotlib state that other code relies on.  The layout is a seeded spring layout
over nodes and edges in sorted order: the same graph always gives the same picture.
"""
from __future__ import annotations

import math
from pathlib import Path

import matplotlib
import networkx as nx
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

__all__ = ["draw_relationships", "RELATION_STYLES", "KIND_COLOURS"]

#: colour, line style and arrow of each relation's edges.
RELATION_STYLES = {
    "met": ("#1f77b4", "solid", "-"),
    "phoned": ("#2ca02c", "dashed", "-"),
    "condemned": ("#d62728", "solid", "-|>"),
    "asserts": ("#9467bd", "dotted", "-|>"),
}
_OTHER_STYLE = ("#7f7f7f", "dashdot", "-|>")
#: node colour by kind.
KIND_COLOURS = {
    "person": "#aec7e8",
    "organization": "#ffbb78",
    "country": "#98df8a",
    "group": "#c5b0d5",
    "actor": "#dbdb8d",
    "target": "#ff9896",
    "claim": "#e7e7e7",
}
_FORMATS = {".png", ".svg", ".pdf"}
_SEED = 42
_MAX_LABEL = 28


def draw_relationships(graph: nx.MultiDiGraph, path: str | Path, title: str = "") -> Path:
    """Draw `graph` to `path` (format from the suffix: .png, .svg or .pdf) and return the path.

    Node size grows with degree; edges are coloured and styled by relation, wider for more
    events, with a legend; an empty graph gives a figure saying "no relations found".
    """
    target = Path(path)
    if target.suffix.lower() not in _FORMATS:
        raise ValueError(f"cannot draw to {target.name}: use a .png, .svg or .pdf file name")
    empty = graph.number_of_edges() == 0
    positions = {} if empty else _layout(graph)
    figure = Figure(figsize=_figure_size(positions), layout="constrained")
    axes = figure.add_subplot()
    axes.set_axis_off()
    if title:
        axes.set_title(title, fontsize=14)
    if empty:
        axes.text(0.5, 0.5, "no relations found", ha="center", va="center", fontsize=16,
                  color="#555555", transform=axes.transAxes)
    else:
        _draw(graph, positions, axes)
    target.parent.mkdir(parents=True, exist_ok=True)
    _save(figure, target)
    return target


def _figure_size(positions: dict) -> tuple[float, float]:
    """Inches for the figure: shaped like the layout, about 2 in per edge length, capped, plus a legend."""
    if not positions:
        return (8.0, 5.0)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    width, height = max(xs) - min(xs) + 1.5, max(ys) - min(ys) + 1.0
    inches = min(2.0, 28.0 / max(width, height))  # per layout unit (about one edge length)
    return (max(5.0, width * inches) + 2.5, max(4.0, height * inches))


def _draw(graph: nx.MultiDiGraph, positions: dict, axes: Axes) -> None:
    """Nodes, edges, labels and legend of a non-empty graph on `axes`."""
    nodes = sorted(graph.nodes)
    shrink = 1.0 if len(nodes) <= 30 else 0.6 if len(nodes) <= 100 else 0.4
    sizes = [shrink * (300 + 250 * min(graph.degree(n), 12)) for n in nodes]
    colours = [KIND_COLOURS.get(graph.nodes[n].get("kind", "actor"), "#dddddd") for n in nodes]
    nx.draw_networkx_nodes(graph, positions, nodelist=nodes, node_size=sizes, node_color=colours,
                           edgecolors="#444444", linewidths=0.8, ax=axes)
    _draw_edges(graph, positions, nodes, sizes, axes)
    _draw_labels(graph, positions, nodes, sizes, axes)
    axes.margins(x=0.15, y=0.1)
    _legend(graph, axes)


def _draw_labels(graph: nx.MultiDiGraph, positions: dict, nodes: list[str], sizes: list[float],
                 axes: Axes) -> None:
    """Each node's label just below it, on a light box, so edges stay visible at the node."""
    font = 10 if len(nodes) <= 30 else 8 if len(nodes) <= 80 else 6
    for node, size in zip(nodes, sizes):
        label = _short(str(graph.nodes[node].get("label", node)))
        axes.annotate(label, xy=tuple(positions[node]), xytext=(0, -(math.sqrt(size) / 2 + 2)),
                      textcoords="offset points", ha="center", va="top", fontsize=font,
                      bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8})


def _layout(graph: nx.MultiDiGraph) -> dict:
    """Seeded spring layout of each connected component, components packed in rows.

    Laying out components apart keeps a small pair from being flung to a corner by the
    repulsion of a large cluster; sorting nodes, edges and components makes it repeatable.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        weight = simple.get_edge_data(source, target, {"weight": 0})["weight"]
        simple.add_edge(source, target, weight=weight + data.get("events", 1))
    components = sorted((sorted(c) for c in nx.connected_components(simple)),
                        key=lambda c: (-len(c), c[0]))
    boxes = [2 * _radius(len(c)) + 1.5 for c in components]
    limit = max(max(boxes), 1.6 * math.sqrt(sum(b * b for b in boxes)))
    positions: dict = {}
    x = y = row = 0.0
    for component, box in zip(components, boxes):
        if x > 0 and x + box > limit:
            x, y, row = 0.0, y - row, 0.0
        centre = (x + box / 2, y - box / 2)
        positions.update(_component_layout(simple.subgraph(component), centre))
        x, row = x + box, max(row, box)
    return positions


def _radius(size: int) -> float:
    """Half the width of a component's layout: area grows with its node count."""
    return 0.75 * math.sqrt(size)


def _component_layout(component: nx.Graph, centre: tuple[float, float]) -> dict:
    """Spring layout of one connected component around `centre`."""
    nodes = list(component)
    if len(nodes) == 1:
        return {nodes[0]: centre}
    if len(nodes) == 2:  # a spring layout would put a lone pair on a random diagonal
        return {nodes[0]: (centre[0] - 0.6, centre[1]), nodes[1]: (centre[0] + 0.6, centre[1])}
    # method="force" keeps large graphs off the SciPy-only sparse solver.
    return nx.spring_layout(component, seed=_SEED, iterations=200, method="force",
                            scale=_radius(len(component)), center=centre)


def _draw_edges(graph: nx.MultiDiGraph, positions: dict, nodes: list[str], sizes: list[float],
                axes: Axes) -> None:
    """Edges grouped by relation and curvature; parallel edges of one pair bend apart."""
    bends = _bends(graph)
    groups: dict[tuple[str, float], list[tuple[str, str, dict]]] = {}
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        relation = data.get("relation", key)
        groups.setdefault((relation, bends[(source, target, key)]), []).append((source, target, data))
    for (relation, bend), edges in sorted(groups.items()):
        colour, style, arrow = RELATION_STYLES.get(relation, _OTHER_STYLE)
        drawn = nx.DiGraph()
        drawn.add_nodes_from(nodes)
        drawn.add_edges_from((s, t) for s, t, _ in edges)
        widths = [1.0 + min(2.5, math.log2(max(d.get("events", 1), 1))) for _, _, d in edges]
        nx.draw_networkx_edges(drawn, positions, edgelist=[(s, t) for s, t, _ in edges], ax=axes,
                               nodelist=nodes, node_size=sizes, width=widths, edge_color=colour,
                               style=style, arrows=True, arrowstyle=arrow, arrowsize=14,
                               connectionstyle=f"arc3,rad={bend}", alpha=0.85)


def _bends(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], float]:
    """Curvature of each edge: 0 for the first edge between two nodes, then 0.2, -0.2, 0.4, ..."""
    by_pair: dict[frozenset, list[tuple[str, str, str]]] = {}
    for source, target, key in sorted(graph.edges(keys=True)):
        by_pair.setdefault(frozenset((source, target)), []).append((source, target, key))
    bends = {}
    for edges in by_pair.values():
        for i, edge in enumerate(edges):
            step = (i + 1) // 2 * 0.2
            bends[edge] = step if i % 2 else -step
    return bends


def _legend(graph: nx.MultiDiGraph, axes: Axes) -> None:
    """One legend entry per relation drawn and per node kind present."""
    relations = sorted({d.get("relation", k) for _, _, k, d in graph.edges(keys=True, data=True)})
    kinds = sorted({graph.nodes[n].get("kind", "actor") for n in graph.nodes})
    handles = [Line2D([], [], color=RELATION_STYLES.get(r, _OTHER_STYLE)[0], linewidth=2,
                      linestyle=RELATION_STYLES.get(r, _OTHER_STYLE)[1], label=r) for r in relations]
    handles += [Line2D([], [], marker="o", linestyle="", markersize=10, markeredgecolor="#444444",
                       markerfacecolor=KIND_COLOURS.get(k, "#dddddd"), label=k) for k in kinds]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                fontsize=10)


def _short(label: str) -> str:
    """A node label cut to a readable length."""
    label = " ".join(label.split())
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1] + "…"


def _save(figure: Figure, target: Path) -> None:
    """Save with text kept as text in SVG and no timestamps, so reruns give identical files."""
    suffix = target.suffix.lower()
    metadata = {".svg": {"Date": None}, ".pdf": {"CreationDate": None, "ModDate": None}}.get(suffix, {})
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg"}):
        figure.savefig(target, dpi=150, metadata=metadata, facecolor="white")
