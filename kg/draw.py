"""The draw stage: a relationship projection (see kg.graph) as a PNG, SVG or PDF figure.

Three pictures: the relationship diagram (`draw_relationships`), the same centred on one
actor when the projection is an ego network (`graph.graph["ego"]`, see `kg.graph`), and a
timeline of events per actor pair (`draw_timeline`).

Uses bare matplotlib `Figure`s (no pyplot, no backend switch), so drawing never changes
matplotlib state that other code relies on.  Layouts are seeded and nodes and edges are
visited in sorted order: the same graph always gives the same picture.  Only the `top`
most important nodes get a label (`label_ranking`: distinct partners, people and
organisations favoured; the legend says so), the others are dots, and each label is put
where the renderer says it stays inside the axes and overlaps no node and no other label, so
a graph of hundreds of actors stays readable; a label that finds no free spot still goes in
(inside the axes, where it covers least), so no top actor is ever left unlabelled.  Titles
state the date coverage (`kg.analytics.date_coverage`: "12 of 75 events dated, 2023-01 to
2023-05"), and the timeline bins its events by day, month or year, as their span asks.  Every text is plain text (`PLAIN_TEXT`): a "$" in a label is a dollar sign,
never the start of math markup.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import matplotlib
import matplotlib.dates as mdates
import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

from kg.analytics import date_coverage
from kg.graph import date_bounds, ranked_nodes, simple_graph

__all__ = ["draw_relationships", "draw_timeline", "relationship_figure", "timeline_figure", "layout",
           "ranked_nodes", "label_ranking", "LABEL_MEASURE", "default_title", "save_figure", "RELATION_STYLES", "KIND_COLOURS", "TOP_LABELS"]

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
#: how many nodes get a label by default (the first of `label_ranking`).
TOP_LABELS = 30
#: how much each partner of a node of this kind counts when choosing whom to label: people and
#: organisations are whom an analyst looks for first, countries, groups and unknown kinds count
#: half; condemnation targets and claims are labelled after every actor.
_PARTNER_WEIGHT = {"person": 1.0, "organization": 1.0, "country": 0.5, "group": 0.5, "actor": 0.5}
_NOT_ACTORS = frozenset({"target", "claim"})
#: what `label_ranking` measures, in the words the legend and the page use.
LABEL_MEASURE = "distinct partners (people and organisations count double)"
_FORMATS = {".png", ".svg", ".pdf"}
_SEED = 42
_MAX_LABEL = 28
#: matplotlib settings under which every figure is built and saved: labels come from articles, and
#: with math markup on, "$...$" in one ("a $5bn deal") makes matplotlib's math parser raise, so no
#: picture could be drawn of any store holding that article. (Tick labels are made when a figure
#: is saved, so saving needs the setting too.)
PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}
_CURVED_EDGES = 300  # above this many edges, edges are straight lines without arrows (fast)


# --- public entry points -----------------------------------------------------------------------

def _plain_text(make: Callable[..., Figure]) -> Callable[..., Figure]:
    """`make` run under `PLAIN_TEXT`: the texts of the figure it builds are never math markup."""
    @functools.wraps(make)
    def plain(*args, **kwargs) -> Figure:  # noqa: ANN002, ANN003
        with matplotlib.rc_context(PLAIN_TEXT):
            return make(*args, **kwargs)
    return plain


def draw_relationships(graph: nx.MultiDiGraph, path: str | Path, title: str | None = None,
                       top: int = TOP_LABELS) -> Path:
    """Draw `graph` to `path` (format from the suffix: .png, .svg or .pdf) and return the path.

    See `relationship_figure` for what is drawn; `title` None means `default_title(graph)`.
    """
    target = _checked(path)
    return save_figure(relationship_figure(graph, title, top), target)


def draw_timeline(graph: nx.MultiDiGraph, path: str | Path, title: str | None = None,
                  pairs: int = 20) -> Path:
    """Draw the events of `graph` over time, one row per actor pair, to `path`; see `timeline_figure`."""
    target = _checked(path)
    return save_figure(timeline_figure(graph, title, pairs), target)


@_plain_text
def relationship_figure(graph: nx.MultiDiGraph, title: str | None = None, top: int = TOP_LABELS) -> Figure:
    """The relationship diagram of `graph` as a Figure.

    Node size grows with degree, colour shows the kind; edges are coloured and styled by
    relation and wider for more articles; the `top` most connected nodes (an ego network's
    centre first) are labelled, without overlapping labelled nodes or each other, and the
    others drawn as dots; a legend explains colours, styles and widths.  An ego network (`graph.graph["ego"]`) is drawn in
    rings around its centre.  An empty graph gives a figure saying "no relations found".
    """
    empty = graph.number_of_edges() == 0 and graph.number_of_nodes() <= 1
    positions = {} if empty else layout(graph)
    figure = Figure(figsize=_figure_size(positions), layout="constrained")
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_title(default_title(graph) if title is None else title, fontsize=14 if len(positions) <= 100 else 20)
    if empty:
        axes.text(0.5, 0.5, "no relations found", ha="center", va="center", fontsize=16,
                  color="#555555", transform=axes.transAxes)
        return figure
    nodes = sorted(graph.nodes)
    labelled = label_ranking(graph)[:top]
    sizes = _node_sizes(graph, nodes, set(labelled))
    colours = [KIND_COLOURS.get(graph.nodes[n].get("kind", "actor"), "#dddddd") for n in nodes]
    centre = graph.graph.get("ego")
    nx.draw_networkx_nodes(graph, positions, nodelist=nodes, node_size=sizes, node_color=colours,
                           edgecolors=["#000000" if n == centre else "#444444" for n in nodes],
                           linewidths=[2.5 if n == centre else 0.8 for n in nodes], ax=axes)
    _draw_edges(graph, positions, nodes, sizes, axes)
    _frame(axes, positions)
    _legend(graph, axes, labelled=len(labelled) if len(labelled) < len(nodes) else 0)
    figure.draw_without_rendering()  # runs the constrained layout: axes and legend find their place,
    figure.set_layout_engine("none")  # then stay put while the labels are placed.
    _place_labels(graph, positions, dict(zip(nodes, sizes)), labelled, axes)
    return figure


@_plain_text
def timeline_figure(graph: nx.MultiDiGraph, title: str | None = None, pairs: int = 20) -> Figure:
    """Events per actor pair over time: one row per pair (the `pairs` with most dated events),
    one marker per relation and day, month or year with events (`_time_unit`: the bin the span
    of the dates asks for, named under the axis), coloured by relation, larger for more events.

    Undated events cannot be placed; how many were left out is said under the title.
    """
    rows: dict[str, list[tuple[str, str]]] = {}
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        arrow = " → " if data.get("directed", True) else " – "
        pair = _short(graph.nodes[source].get("label", source)) + arrow + _short(graph.nodes[target].get("label", target))
        rows.setdefault(pair, []).extend((data["relation"], d) for d in data.get("dates", []))
    ranked = sorted((pair for pair in rows if rows[pair]), key=lambda p: (-len(rows[p]), p))[:pairs]
    figure = Figure(figsize=(11.0, max(3.5, 1.2 + 0.4 * len(ranked))), layout="constrained")
    axes = figure.add_subplot()
    heading = default_title(graph, "Events per actor pair") if title is None else title
    coverage = date_coverage(graph)  # each event once, as the title counts them
    undated = coverage.events - coverage.dated  # (none dated: "no dated events" in the middle says it)
    axes.set_title(heading + (f"\n({undated} of {coverage.events} events have no date and are not shown)"
                              if undated and coverage.dated else ""), fontsize=13)
    if not ranked:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "no dated events", ha="center", va="center", fontsize=16, color="#555555",
                  transform=axes.transAxes)
        return figure
    unit = _time_unit([date.fromisoformat(date_bounds(day)[0]) for pair in ranked for _, day in rows[pair]])
    bins = []
    for row, pair in enumerate(ranked):
        counts: dict[tuple[str, date], int] = {}
        for relation, day in rows[pair]:
            when = _bin_start(date.fromisoformat(date_bounds(day)[0]), unit)
            counts[(relation, when)] = counts.get((relation, when), 0) + 1
        for (relation, when), count in sorted(counts.items()):
            bins.append(when)
            axes.scatter([when], [row], s=40 + 40 * min(count, 6), alpha=0.85, zorder=3,
                         color=RELATION_STYLES.get(relation, _OTHER_STYLE)[0], edgecolors="#333333", linewidths=0.5)
    _time_axis(axes, min(bins), max(bins), unit)
    axes.set_yticks(range(len(ranked)), ranked)
    axes.set_ylim(len(ranked) - 0.5, -0.5)
    axes.grid(axis="x", color="#dddddd")
    axes.spines[["top", "right"]].set_visible(False)
    _legend(graph, axes, kinds=False)
    return figure


def label_ranking(graph: nx.MultiDiGraph) -> list[str]:
    """Nodes in the order they earn a label: an ego network's centre first, then by distinct
    partners (the other actors a node met, phoned, condemned or was condemned by; targets and
    claims are no partners), each counted by the node's kind (`_PARTNER_WEIGHT`: people and
    organisations double), then actors before targets and claims, then by articles, then label.
    So the person who met eight leaders is labelled before the company in one busy clique of
    four, and a condemnation target never takes the label of an actor."""
    simple = simple_graph(graph)
    centre = graph.graph.get("ego")
    kind = {n: graph.nodes[n].get("kind", "actor") for n in graph.nodes}
    articles = dict(simple.degree(weight="articles"))

    def score(node: str) -> float:
        partners = sum(1 for other in simple[node] if other != node and kind[other] not in _NOT_ACTORS)
        return partners * _PARTNER_WEIGHT.get(kind[node], 0.0 if kind[node] in _NOT_ACTORS else 0.5)

    return sorted(graph.nodes, key=lambda n: (n != centre, -score(n), kind[n] in _NOT_ACTORS, -articles[n],
                                              str(graph.nodes[n].get("label", n)), n))


#: the timeline's bins, from the coarsest, with the span of dates (days) from which each is used.
_UNITS = (("year", 3 * 365), ("month", 92), ("day", 0))


def _time_unit(days: list[date]) -> str:
    """"year" for dates spread over three years or more, "month" over three months, else "day":
    a few dozen bins at most across the axis, never hour ticks around one date."""
    span = (max(days) - min(days)).days
    return next(unit for unit, least in _UNITS if span >= least)


def _bin_start(day: date, unit: str) -> date:
    """The first day of the day, month or year `day` falls in."""
    return date(day.year, 1, 1) if unit == "year" else day.replace(day=1) if unit == "month" else day


def _time_axis(axes: Axes, first: date, last: date, unit: str) -> None:
    """An x axis of whole days, months or years from the bin of `first` to that of `last`, half a
    bin of margin either side, at most about ten ticks, each named as precisely as its unit."""
    if unit == "year":
        years = last.year - first.year + 1
        locator, fmt = mdates.YearLocator(base=max(1, math.ceil(years / 10))), "%Y"
        margin = timedelta(days=183)
    elif unit == "month":
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        locator = mdates.MonthLocator(interval=next(k for k in (1, 2, 3, 6, 12, 24) if months / k <= 10))
        fmt, margin = "%Y-%m", timedelta(days=16)
    else:
        days = (last - first).days + 1
        locator = mdates.DayLocator(interval=next(k for k in (1, 2, 3, 7, 14, 30) if days / k <= 10))
        fmt, margin = "%Y-%m-%d", timedelta(days=1 if days > 4 else 3)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.DateFormatter(fmt))
    axes.set_xlim(first - margin, last + margin)
    axes.set_xlabel(f"events per {unit} (a larger marker: more events)", fontsize=10, color="#555555")


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Node positions: rings around the centre of an ego network, else a seeded spring layout
    of each connected component, components packed in rows (a small pair is not flung to a
    corner by the repulsion of a large cluster).  Deterministic."""
    simple = simple_graph(graph)
    centre = graph.graph.get("ego")
    if centre in simple:
        return _rings(simple, centre)
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    boxes = [2 * _radius(len(c)) + 1.5 for c in components]
    limit = max(max(boxes), 1.6 * math.sqrt(sum(b * b for b in boxes)))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for component, box in zip(components, boxes):
        if x > 0 and x + box > limit:
            x, y, row = 0.0, y - row, 0.0
        centre_xy = (x + box / 2, y - box / 2)
        positions.update(_component_layout(simple.subgraph(component), centre_xy))
        x, row = x + box, max(row, box)
    return positions


def default_title(graph: nx.MultiDiGraph, what: str | None = None) -> str:
    """"<what> in <corpus> articles, <date coverage>", and the filters on a second line; the
    coverage (`kg.analytics.DateCoverage.text`) is "<first> to <last>" when every event is
    dated, else how many are ("12 of 75 events dated, 2023-01 to 2023-05")."""
    meta = graph.graph
    ego = meta.get("ego")
    if what is None:
        what = f"Relations of {graph.nodes[ego]['label']}" if ego in graph else "Actors and their relations"
    corpus = meta.get("corpus_articles")
    where = f" in {corpus} article{'s' * (corpus != 1)}" if corpus is not None else ""
    when = f", {date_coverage(graph).text()}" if graph.number_of_edges() else ""
    filters = meta.get("filters", "")
    return f"{what}{where}{when}" + (f"\n({filters})" if filters else "")


def save_figure(figure: Figure, path: str | Path) -> Path:
    """Save with text kept as text in SVG and no timestamps, so reruns give identical files."""
    target = _checked(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    suffix = target.suffix.lower()
    metadata = {".svg": {"Date": None}, ".pdf": {"CreationDate": None, "ModDate": None}}.get(suffix, {})
    partial = target.with_name(f".{target.name}.part")  # renamed into place: never a half-written figure
    try:
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg", **PLAIN_TEXT}):
            figure.savefig(partial, dpi=150, metadata=metadata, facecolor="white", format=suffix.lstrip("."))
        partial.replace(target)
    except BaseException:  # a full disk, or a figure that fails to draw: no half-written file left
        partial.unlink(missing_ok=True)
        raise
    return target


# --- layout ------------------------------------------------------------------------------------

def _radius(size: int) -> float:
    """Half the width of a component's layout: area grows with its node count."""
    return 0.75 * math.sqrt(size)


def _component_layout(component: nx.Graph, centre: tuple[float, float]) -> dict:
    """Spring layout of one connected component around `centre`."""
    nodes = sorted(component)
    if len(nodes) == 1:
        return {nodes[0]: centre}
    if len(nodes) == 2:  # a spring layout would put a lone pair on a random diagonal
        return {nodes[0]: (centre[0] - 0.6, centre[1]), nodes[1]: (centre[0] + 0.6, centre[1])}
    found = _spring(component, nodes, iterations=200 if len(nodes) <= 200 else 120)
    span = np.abs(found - found.mean(axis=0)).max() or 1.0
    found = (found - found.mean(axis=0)) / span * _radius(len(nodes)) + np.array(centre)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, found)}


def _spring(component: nx.Graph, nodes: list[str], iterations: int) -> np.ndarray:
    """Fruchterman-Reingold force layout in plain NumPy, from seeded random positions.

    NetworkX's own spring layout needs SciPy from 500 nodes on; this is the same dense
    algorithm (O(n²) memory and time per step: fine for a few thousand nodes).  Edges pull
    harder the more events they carry, on a log scale so that one busy pair does not collapse.
    """
    index = {node: i for i, node in enumerate(nodes)}
    pull = np.zeros((len(nodes), len(nodes)))
    for u, v, data in component.edges(data=True):
        pull[index[u], index[v]] = pull[index[v], index[u]] = 1.0 + math.log2(max(data.get("events", 1), 1))
    position = np.random.default_rng(_SEED).random((len(nodes), 2))
    k = 1.0 / math.sqrt(len(nodes))  # the ideal edge length in the unit square
    step = 0.1
    for _ in range(iterations):
        delta = position[:, None, :] - position[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = k * k / distance**2 - pull * distance / k
        move = np.einsum("ijk,ij->ik", delta, force)
        length = np.maximum(np.linalg.norm(move, axis=-1), 0.01)
        position += move * (step / length)[:, None]
        step -= 0.1 / (iterations + 1)
    return position


def _rings(simple: nx.Graph, centre: str) -> dict[str, tuple[float, float]]:
    """The centre at the origin, nodes at distance k on ring k; a ring is ordered by where its
    neighbours sit on the ring inside it, so that edges between rings cross little."""
    distance = nx.single_source_shortest_path_length(simple, centre)
    positions = {centre: (0.0, 0.0)}
    angles = {centre: 0.0}
    radius = 0.0
    for k in range(1, max(distance.values(), default=0) + 1):
        ring = [n for n in sorted(simple) if distance.get(n) == k]
        ring.sort(key=lambda n: (min(angles[m] for m in simple[n] if distance.get(m) == k - 1), n))
        radius = max(radius + 1.6, 0.9 * len(ring) / (2 * math.pi))
        for i, node in enumerate(ring):
            angle = 2 * math.pi * i / len(ring) + (math.pi / 2 if k == 1 else 0.3 * k)
            angles[node] = (angle - math.pi / 2) % (2 * math.pi)
            positions[node] = (radius * math.cos(angle), radius * math.sin(angle))
    for i, node in enumerate(n for n in sorted(simple) if n not in positions):  # unreachable: outside
        positions[node] = (radius + 1.6, 1.0 * i)
    return positions


def _figure_size(positions: dict) -> tuple[float, float]:
    """Inches for the figure: shaped like the layout, about 2 in per edge length, capped, plus a legend."""
    if not positions:
        return (8.0, 5.0)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    width, height = max(xs) - min(xs) + 1.5, max(ys) - min(ys) + 1.0
    inches = min(2.0, 24.0 / max(width, height))  # per layout unit (about one edge length)
    return (max(5.0, width * inches) + 2.5, max(4.0, height * inches) + 0.6)


def _frame(axes: Axes, positions: dict) -> None:
    """Fixed data limits around the nodes, with room for labels at the edges."""
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    dx, dy = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    axes.set_xlim(min(xs) - 0.12 * dx - 0.4, max(xs) + 0.12 * dx + 0.4)
    axes.set_ylim(min(ys) - 0.08 * dy - 0.4, max(ys) + 0.08 * dy + 0.4)


# --- nodes, edges, labels, legend --------------------------------------------------------------

def _node_sizes(graph: nx.MultiDiGraph, nodes: list[str], labelled: set[str]) -> list[float]:
    """Marker areas (points²) growing with degree, smaller all round in larger graphs; nodes
    without a label are small dots (still a little larger with degree)."""
    scale = 1.0 if len(nodes) <= 30 else 0.6 if len(nodes) <= 100 else 0.25
    return [scale * (300 + 250 * min(graph.degree(n), 12)) if n in labelled else 12 + 3 * min(graph.degree(n), 12)
            for n in nodes]


def _draw_edges(graph: nx.MultiDiGraph, positions: dict, nodes: list[str], sizes: list[float],
                axes: Axes) -> None:
    """Edges by relation: width by articles; curved arrows (parallel edges of a pair bend
    apart) in small graphs, straight lines in one collection per relation in large ones."""
    edges = sorted(graph.edges(keys=True, data=True))
    if len(edges) > _CURVED_EDGES:
        for relation in sorted({d.get("relation", k) for _, _, k, d in edges}):
            chosen = [(s, t, d) for s, t, k, d in edges if d.get("relation", k) == relation]
            colour, style, _ = RELATION_STYLES.get(relation, _OTHER_STYLE)
            axes.add_collection(LineCollection(
                [(positions[s], positions[t]) for s, t, _ in chosen], colors=colour, linestyles=style,
                linewidths=[_width(d) * 0.6 for _, _, d in chosen], alpha=0.35, zorder=0.5))
        return
    bends = _bends(graph)
    groups: dict[tuple[str, float], list[tuple[str, str, dict]]] = {}
    for source, target, key, data in edges:
        relation = data.get("relation", key)
        groups.setdefault((relation, bends[(source, target, key)]), []).append((source, target, data))
    for (relation, bend), chosen in sorted(groups.items()):
        colour, style, arrow = RELATION_STYLES.get(relation, _OTHER_STYLE)
        drawn = nx.DiGraph()
        drawn.add_nodes_from(nodes)
        drawn.add_edges_from((s, t) for s, t, _ in chosen)
        nx.draw_networkx_edges(drawn, positions, edgelist=[(s, t) for s, t, _ in chosen], ax=axes,
                               nodelist=nodes, node_size=sizes, width=[_width(d) for _, _, d in chosen],
                               edge_color=colour, style=style, arrows=True, arrowstyle=arrow, arrowsize=14,
                               connectionstyle=f"arc3,rad={bend}", alpha=0.85)


def _width(data: dict) -> float:
    """Line width (points) of an edge: 1 for one article, +1 per doubling, at most 5."""
    return 1.0 + min(4.0, math.log2(max(int(data.get("articles", 1)), 1)))


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


def _place_labels(graph: nx.MultiDiGraph, positions: dict, sizes: dict[str, float], labelled: list[str],
                  axes: Axes) -> None:
    """Label each of `labelled`, most important first, at the first of a ring of candidate
    spots (below, above, right, left, diagonals; then farther out, with a leader line) where
    the renderer's bounding box stays in the axes and overlaps no node and no label already
    placed.  Otherwise the spot inside the axes that overlaps fewest labels, then covers fewest
    labelled nodes, then fewest dots, is taken; and if no spot at all fits in the axes, the
    spot below is pushed inside: every label of `labelled` is drawn, none is cut at an edge."""
    figure = axes.get_figure()
    renderer = FigureCanvasAgg(figure).get_renderer()
    order = sorted(positions)
    centres = axes.transData.transform(np.array([positions[n] for n in order], dtype=float))
    radii = np.array([math.sqrt(sizes[n]) / 2 * figure.dpi / 72.0 for n in order]) + 1.0
    major = np.array([n in set(labelled) for n in order])
    frame = axes.get_window_extent(renderer)
    font = 10 if len(positions) <= 30 else 9 if len(positions) <= 100 else 8
    style = {"textcoords": "offset points", "fontsize": font, "zorder": 4,
             "bbox": {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}}
    placed: list[tuple[float, float, float, float]] = []
    for node in labelled:
        text, radius = _short(str(graph.nodes[node].get("label", node))), math.sqrt(sizes[node]) / 2
        probe = axes.annotate(text, xy=positions[node], xytext=(0, 0), **style)
        best: tuple[tuple[int, tuple[int, int]], tuple, tuple] | None = None
        for spot in _spots(radius):
            corners = _probe_box(probe, spot, renderer)
            if not (frame.x0 <= corners[0] and corners[2] <= frame.x1 and frame.y0 <= corners[1]
                    and corners[3] <= frame.y1):
                continue
            cost = (sum(_overlap(corners, other) for other in placed), _disc_hits(corners, centres, radii, major))
            if best is None or cost < best[0]:
                best = (cost, spot, corners)
            if cost == (0, (0, 0)):
                break
        if best is None:  # no spot fits in the axes (a label wider than the space left): pushed inside
            spot = _pushed_inside(next(_spots(radius)), _probe_box(probe, next(_spots(radius)), renderer),
                                  frame, 72.0 / figure.dpi)
            best = ((0, (0, 0)), spot, _probe_box(probe, spot, renderer))
        probe.remove()
        (offset, ha, va, far), corners = best[1], best[2]
        leader = {"arrowstyle": "-", "color": "#888888", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 2}
        axes.annotate(text, xy=positions[node], xytext=offset, ha=ha, va=va, gid="node-label",
                      arrowprops=leader if far else None, **style)
        placed.append(corners)


def _probe_box(probe: Annotation, spot: tuple, renderer: object) -> tuple[float, float, float, float]:
    """The pixel box (x0, y0, x1, y1, 2 px of padding) of the label `probe` put at `spot`."""
    probe.set_position(spot[0])
    probe.set_horizontalalignment(spot[1])
    probe.set_verticalalignment(spot[2])
    box = probe.get_window_extent(renderer).padded(2.0)
    return (box.x0, box.y0, box.x1, box.y1)


def _pushed_inside(spot: tuple, corners: tuple[float, float, float, float], frame: object,
                   points_per_pixel: float) -> tuple:
    """`spot` moved by as little as brings the label box `corners` inside `frame` (pixels),
    its left or top edge kept when the label is larger than the frame."""
    dx = max(frame.x0 - corners[0], min(0.0, frame.x1 - corners[2]))
    dy = min(frame.y1 - corners[3], max(0.0, frame.y0 - corners[1]))
    (x, y), ha, va, _ = spot
    return (x + dx * points_per_pixel, y + dy * points_per_pixel), ha, va, True


def _spots(radius: float) -> Iterator[tuple[tuple[float, float], str, str, bool]]:
    """Candidate label spots around a node of `radius` points: (offset in points, horizontal
    and vertical alignment, whether it is far enough to need a leader line)."""
    directions = [((0, -1), "center", "top"), ((0, 1), "center", "bottom"), ((1, 0), "left", "center"),
                  ((-1, 0), "right", "center"), ((1, -1), "left", "top"), ((-1, -1), "right", "top"),
                  ((1, 1), "left", "bottom"), ((-1, 1), "right", "bottom")]
    for ring, gap in enumerate((4.0, 14.0, 26.0, 42.0, 62.0)):
        for (dx, dy), ha, va in directions:
            reach = radius + gap
            scale = 0.75 if dx and dy else 1.0
            yield (dx * reach * scale, dy * reach * scale), ha, va, ring > 0


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two (x0, y0, x1, y1) boxes overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _disc_hits(box: tuple[float, float, float, float], centres: np.ndarray, radii: np.ndarray,
               major: np.ndarray) -> tuple[int, int]:
    """How many labelled node discs, and how many dots, the box touches (pixel coordinates)."""
    dx = np.maximum(np.maximum(box[0] - centres[:, 0], 0.0), centres[:, 0] - box[2])
    dy = np.maximum(np.maximum(box[1] - centres[:, 1], 0.0), centres[:, 1] - box[3])
    touched = dx * dx + dy * dy < radii * radii
    return int(np.count_nonzero(touched & major)), int(np.count_nonzero(touched & ~major))


def _legend(graph: nx.MultiDiGraph, axes: Axes, kinds: bool = True, labelled: int = 0) -> None:
    """One legend entry per relation drawn (and per node kind present), the width scale, and
    (when `labelled` nodes got a label) which ones: the measure `label_ranking` ranks by."""
    relations = sorted({d.get("relation", k) for _, _, k, d in graph.edges(keys=True, data=True)})
    handles = [Line2D([], [], color=RELATION_STYLES.get(r, _OTHER_STYLE)[0], linewidth=2,
                      linestyle=RELATION_STYLES.get(r, _OTHER_STYLE)[1], label=r) for r in relations]
    if kinds:
        present = sorted({graph.nodes[n].get("kind", "actor") for n in graph.nodes})
        handles += [Line2D([], [], marker="o", linestyle="", markersize=10, markeredgecolor="#444444",
                           markerfacecolor=KIND_COLOURS.get(k, "#dddddd"), label=k) for k in present]
        most = max((int(d.get("articles", 1)) for _, _, d in graph.edges(data=True)), default=1)
        handles += [Line2D([], [], color="#555555", linewidth=_width({"articles": n}),
                           label=f"{n} article{'s' * (n != 1)}") for n in sorted({1, most})]
    if labelled:
        handles.append(Line2D([], [], linestyle="", label=f"labels: the {labelled} first by\n"
                              + LABEL_MEASURE.replace(" (", "\n(").replace("organisations ", "organisations\n")))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10)


def _short(label: str) -> str:
    """A node label cut to a readable length."""
    label = " ".join(label.split())
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1] + "…"


def _checked(path: str | Path) -> Path:
    """`path` as a Path, if its suffix is a format kg draws; ValueError otherwise."""
    target = Path(path)
    if target.suffix.lower() not in _FORMATS:
        raise ValueError(f"cannot draw to {target.name}: use a .png, .svg or .pdf file name")
    return target
