"""The interactive view: a relationship projection (see kg.graph) as one self-contained HTML page.

The page holds its data (nodes at the positions of `kg.draw.layout`, edges with their
evidence, dates and articles, the cited articles with their URLs) as JSON and draws it with
plain JavaScript into inline SVG.  What an analyst asks of it, "who, with whom, when":

- a search box finds an actor by any of its labels (`graph.graph["aliases"]`; case, accents
  and spacing aside, a word or a part of one), centres it and highlights it;
- clicking an actor highlights its neighbourhood and lists its relations in the side panel,
  each with its dates and articles (linked to their URLs); clicking a partner moves there;
- a date range (two sliders over the dates of the dated events) and a switch for the undated
  ones, whose number is said: the page never pretends undated events have a date;
- relation tick boxes; hovering (or tapping) an edge shows its evidence sentences;
- nodes can be dragged; drag the background to pan, wheel or +/- to zoom;
- labels are drawn in screen space: their size grows a little with the zoom, the most
  important actors (`kg.draw.label_ranking`) are labelled first, one that would overlap a
  more important label waits until zooming in makes room, and every label is kept inside the
  drawing area (never cut at an edge); a condemnation target shows its phrase on hover.

Speed: labels are placed once per animation frame and only the ones on screen are touched, so
a page of 2,000 actors pans and zooms smoothly (`scripts/docs_screenshots.py --frames` and
tests/test_html.py measure the frame time).  Nothing is fetched when it is viewed (no CDN, no
fonts, no images), and its Content-Security-Policy forbids the browser to fetch anything at
all; article URLs appear only as links a reader may follow.  Data is inserted with
`textContent`, never as markup, so article text cannot inject script.  Same graph, same bytes.
"""
from __future__ import annotations

import html
import json
import math
from pathlib import Path

import networkx as nx

from kg.analytics import date_coverage
from kg.draw import KIND_COLOURS, LABEL_MEASURE, RELATION_STYLES, TOP_LABELS, default_title, label_ranking, layout
from kg.graph import date_bounds

__all__ = ["write_html", "page"]

_DASHES = {"solid": "", "dashed": "7 4", "dotted": "2 3", "dashdot": "7 3 2 3"}
_UNIT = 120.0  # pixels per layout unit
_SHORT_PHRASE = 40  # characters of a target's or claim's phrase drawn as its label
Positions = dict[str, tuple[float, float]]


def write_html(graph: nx.MultiDiGraph, path: str | Path, title: str | None = None, top: int = TOP_LABELS,
               positions: Positions | None = None) -> Path:
    """Write the interactive page of `graph` to `path` and return the path (see `page`)."""
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"cannot write the interactive view to {target.name}: use a .html file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")  # renamed into place: never a half-written page
    try:
        partial.write_text(page(graph, title, top, positions), encoding="utf-8")
        partial.replace(target)
    except BaseException:  # a full disk: no half-written page left
        partial.unlink(missing_ok=True)
        raise
    return target


def page(graph: nx.MultiDiGraph, title: str | None = None, top: int = TOP_LABELS,
         positions: Positions | None = None) -> str:
    """The HTML page of `graph`; `title` None means `kg.draw.default_title`; the `top` first of
    `kg.draw.label_ranking` are labelled from the start, the others when zoomed in, hovered or
    selected.  `positions` (node -> layout coordinates) replaces `kg.draw.layout`'s, for a
    caller that has them already (or a test that needs no real layout)."""
    heading = default_title(graph) if title is None else title
    data = json.dumps(_data(graph, top, positions), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    data = data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return (_TEMPLATE.replace("__TITLE__", html.escape(heading.replace("\n", " "))).replace("__DATA__", data))


def _data(graph: nx.MultiDiGraph, top: int, positions: Positions | None) -> dict:
    """What the page's script reads: nodes with pixel positions, edges, articles, dates, styles."""
    nodes = sorted(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    if positions is None:
        positions = layout(graph) if nodes else {}
    rank = {node: i for i, node in enumerate(label_ranking(graph))}
    article_ids = sorted({a for _, _, d in graph.edges(data=True) for a in d.get("evidence_articles", [])})
    article_index = {a: i for i, a in enumerate(article_ids)}
    out_nodes = [_node(graph, n, positions[n], rank[n], rank[n] < top) for n in nodes]
    edges = [_edge(data, index[s], index[t], key, bend, article_index) for s, t, key, data, bend in _bent(graph)]
    relations = sorted({e["relation"] for e in edges})
    styles = {r: {"colour": RELATION_STYLES.get(r, ("#7f7f7f", "dashdot"))[0],
                  "dash": _DASHES[RELATION_STYLES.get(r, ("", "dashdot"))[1]]} for r in relations}
    coverage = date_coverage(graph)
    articles = graph.graph.get("articles", {})
    return {"nodes": out_nodes, "edges": edges, "relations": styles, "kinds": KIND_COLOURS,
            "days": sorted({day for e in edges for span in e["spans"] for day in span}),
            "coverage": {"dated": coverage.dated, "events": coverage.events, "text": coverage.text()},
            "measure": LABEL_MEASURE,
            "articles": [{"id": a, **articles.get(a, {"title": "", "date": "", "url": ""})} for a in article_ids]}


def _node(graph: nx.MultiDiGraph, node: str, position: tuple[float, float], rank: int, major: bool) -> dict:
    """One node for the page: its label (a target's or claim's phrase cut short as `short`), the
    other names the search box knows it by, kind, country, degree, pixel position and radius."""
    attributes, degree = graph.nodes[node], graph.degree(node)
    label = " ".join(str(attributes.get("label", node)).split())
    short = label if len(label) <= _SHORT_PHRASE else label[: _SHORT_PHRASE - 1] + "\u2026"
    return {"label": label, "short": short, "aliases": graph.graph.get("aliases", {}).get(node, []),
            "kind": attributes.get("kind", "actor"), "country": attributes.get("country", ""), "degree": degree,
            "x": round(position[0] * _UNIT, 1), "y": round(-position[1] * _UNIT, 1),
            "r": round(7 + 2.5 * math.sqrt(min(degree, 30)), 1), "major": major, "rank": rank,
            "ego": node == graph.graph.get("ego")}


def _bent(graph: nx.MultiDiGraph):  # noqa: ANN202 (an iterator of edge tuples)
    """(source, target, key, data, bend) of each edge, sorted: parallel relations of one pair
    bend apart (0, 0.2, -0.2, 0.4, ...)."""
    by_pair: dict[frozenset, int] = {}
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        nth = by_pair.get(frozenset((source, target)), 0)
        by_pair[frozenset((source, target))] = nth + 1
        yield source, target, key, data, (nth + 1) // 2 * 0.2 * (1 if nth % 2 else -1)


def _edge(data: dict, source: int, target: int, key: str, bend: float, article_index: dict[str, int]) -> dict:
    """One edge for the page: relation, counts, date range, each dated event's first and last
    day (`spans`, what the date filter tests), how many events are undated, its distinct
    articles and its evidence sentences (each with its article)."""
    dates = list(data.get("dates", []))
    sources = list(dict.fromkeys(data.get("evidence_articles", [])))
    return {"s": source, "t": target, "relation": data.get("relation", key), "directed": bool(data.get("directed", True)),
            "events": data.get("events", 1), "articles": data.get("articles", 1), "first": data.get("first"),
            "last": data.get("last"), "spans": [list(date_bounds(d)) for d in dates],
            "undated": max(0, int(data.get("events", 1)) - len(dates)), "bend": bend,
            "sources": [article_index[a] for a in sources],
            "evidence": [[sentence, article_index[article]] for sentence, article
                         in zip(data.get("evidence", []), data.get("evidence_articles", []))]}


_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }
  body { display: grid; grid-template: auto 1fr / minmax(0, 1fr) 24rem; height: 100vh; }
  header { grid-column: 1 / 3; padding: .4rem 1rem; border-bottom: 1px solid #ddd; display: flex;
           flex-wrap: wrap; gap: .3rem 1.2rem; align-items: center; }
  h1 { font-size: 1.05rem; margin: 0; flex-basis: 100%; }
  label.relation, label.undated { cursor: pointer; white-space: nowrap; }
  .swatch { display: inline-block; width: 1.6em; height: 0; border-top: 3px solid; vertical-align: middle; margin: 0 .3em; }
  button { font: inherit; min-width: 2rem; }
  #search { font: inherit; width: 14rem; }
  #found { color: #666; }
  #dates { white-space: nowrap; } #dates input[type=range] { width: 8rem; vertical-align: middle; }
  #when { font-variant-numeric: tabular-nums; }
  .hint { color: #666; }
  main { position: relative; overflow: hidden; min-width: 0; }
  #graph { position: absolute; cursor: grab; background: #fff; touch-action: none; transform-origin: 0 0; will-change: transform; }
  #graph.dragging { cursor: grabbing; }
  aside { border-left: 1px solid #ddd; padding: .5rem 1rem; overflow-y: auto; }
  aside h2 { font-size: 1rem; margin: .3rem 0; }
  aside ol, aside ul { padding-left: 1.2rem; } aside li { margin-bottom: .6rem; }
  aside ul.sources { padding-left: 1rem; margin: .2rem 0; } aside ul.sources li { margin: 0; }
  aside q { display: block; } aside cite { color: #555; font-size: .9em; }
  aside button.partner { font-weight: 600; border: none; background: none; padding: 0; color: #0645ad; cursor: pointer; min-width: 0; }
  aside .off { color: #999; }
  .edge path.line { fill: none; vector-effect: non-scaling-stroke; } .edge path.hit { fill: none; stroke: transparent; stroke-width: 12px; cursor: pointer; }
  .edge.active path.line { stroke-opacity: 1; filter: drop-shadow(0 0 2px #000); }
  .node circle { stroke: #444; stroke-width: 1px; cursor: pointer; vector-effect: non-scaling-stroke;
                 r: calc(var(--r) * var(--grow, 1) * 1px); } .node.ego circle { stroke: #000; stroke-width: 3px; }
  .node.selected circle { stroke: #000; stroke-width: 3px; }
  .faded { opacity: .15; }
  svg.focus .node:not(.near), svg.focus .edge:not(.near), svg.focus text.label:not(.near) { opacity: .1; }
  text.label { display: none; paint-order: stroke; stroke: #fff; stroke-width: 3px; fill: #111; pointer-events: none;
               dominant-baseline: hanging; text-anchor: middle; }
  text.label.on { display: inline; } text.label.near { font-weight: 600; }
  #tip { position: absolute; display: none; pointer-events: none; background: #fffffff0; border: 1px solid #bbb;
         border-radius: 3px; padding: .2rem .4rem; max-width: 22rem; font-size: .9em; box-shadow: 0 1px 3px #0003; }
</style>
</head>
<body>
<header>
  <h1 id="title">__TITLE__</h1>
  <span><input id="search" type="search" list="names" placeholder="find an actor" aria-label="find an actor">
  <datalist id="names"></datalist> <span id="found"></span></span>
  <span id="filters"></span>
  <span id="dates"></span>
  <span id="kinds"></span>
  <span><button id="zoom-in" title="zoom in">+</button> <button id="zoom-out" title="zoom out">&minus;</button>
  <button id="fit" title="show everything">fit</button></span>
  <span class="hint" id="hint"></span>
</header>
<main><svg id="graph" role="img" aria-label="relationship diagram"><g id="viewport"><g id="edges"></g><g id="nodes"></g></g><g id="labels"></g></svg>
<div id="tip" role="tooltip"></div></main>
<aside id="details"></aside>
<script id="kg-data" type="application/json">__DATA__</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("kg-data").textContent);
const svg = document.getElementById("graph"), NS = svg.namespaceURI;
const viewport = document.getElementById("viewport"), details = document.getElementById("details");
const labelLayer = document.getElementById("labels"), tip = document.getElementById("tip");
const main = document.querySelector("main");
const view = {x: 0, y: 0, k: 1};
const hidden = new Set();                                        // relations ticked off
const dates = {lo: 0, hi: Math.max(0, data.days.length - 1), undated: true};
let selected = null;                                             // the index of the actor clicked or found
const incident = data.nodes.map(() => []);
data.edges.forEach((e, i) => { incident[e.s].push(i); if (e.t !== e.s) incident[e.t].push(i); });
const visible = data.edges.map(() => true);

function el(name, attrs, parent) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}
function html(name, text, parent) {
  const node = document.createElement(name);
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const fold = s => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();

// Arrow heads, one per relation colour.
const defs = el("defs", {}, svg);
for (const [relation, style] of Object.entries(data.relations)) {
  const marker = el("marker", {id: "arrow-" + relation, viewBox: "0 0 10 10", refX: 9, refY: 5,
                               markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse"}, defs);
  el("path", {d: "M0,0 L10,5 L0,10 z", fill: style.colour}, marker);
}

// Edges: a quadratic curve (parallel relations of a pair bend apart), ends pulled back to the circles.
function curve(edge) {
  const a = data.nodes[edge.s], b = data.nodes[edge.t];
  const dx = b.x - a.x, dy = b.y - a.y;
  const cx = (a.x + b.x) / 2 - dy * edge.bend, cy = (a.y + b.y) / 2 + dx * edge.bend;
  const pull = (p, r) => { const ux = cx - p.x, uy = cy - p.y, d = Math.hypot(ux, uy) || 1;
                           return [p.x + ux / d * r, p.y + uy / d * r]; };
  const [x1, y1] = pull(a, a.r), [x2, y2] = pull(b, b.r + (edge.directed ? 2 : 0));
  return `M${x1},${y1} Q${cx},${cy} ${x2},${y2}`;
}
const edgeLayer = document.getElementById("edges");
const edgeShapes = data.edges.map((edge, i) => {
  const style = data.relations[edge.relation], d = curve(edge);
  const group = el("g", {class: "edge", "data-relation": edge.relation, "data-index": i}, edgeLayer);
  const line = el("path", {class: "line", d, stroke: style.colour, "stroke-opacity": 0.75,
                           "stroke-width": 1 + Math.min(4, Math.log2(Math.max(edge.articles, 1)))}, group);
  if (style.dash) line.setAttribute("stroke-dasharray", style.dash);
  if (edge.directed) line.setAttribute("marker-end", `url(#arrow-${edge.relation})`);
  const hit = el("path", {class: "hit", d}, group);
  group.addEventListener("mouseenter", () => { if (selected === null) showEdge(i); });
  group.addEventListener("click", () => showEdge(i));
  return {group, line, hit};
});

// Nodes (in the zoomed viewport) and their labels (in screen space, placed by placeLabels).
const nodeLayer = document.getElementById("nodes");
const nodeShapes = data.nodes.map((node, i) => {
  const group = el("g", {class: "node" + (node.ego ? " ego" : ""), "data-index": i}, nodeLayer);
  const circle = el("circle", {cx: node.x, cy: node.y, r: node.r, fill: data.kinds[node.kind] || "#ddd"}, group);
  circle.style.setProperty("--r", node.r);
  const label = el("text", {class: "label" + (node.major ? "" : " minor"), "data-index": i}, labelLayer);
  label.textContent = node.short;
  group.addEventListener("pointerenter", event => hover(i, event));
  group.addEventListener("pointerleave", () => hover(null));
  group.addEventListener("pointerdown", event => grabNode(i, event));
  return {group, circle, label, shown: false, x: null, y: null};
});

// --- labels: screen-sized, most important first, none over another, none cut at an edge ------
const byRank = data.nodes.map((_, i) => i).sort((a, b) => data.nodes[a].rank - data.nodes[b].rank);
const measure = document.createElement("canvas").getContext("2d");
measure.font = "12px system-ui, sans-serif";
const widths = data.nodes.map(n => measure.measureText(n.short).width + 6);
let hovered = null, framed = false, grow = 1;
const ZOOMED = 1.8;  // beyond this zoom the labels grow no more
function fontSize() { return Math.max(11, Math.min(16, 12 + 2 * Math.log2(view.k))); }
// Zoomed out, circles shrink less than the drawing (a whole corpus is no field of specks).
function growth() { return Math.pow(Math.max(1, 0.9 / view.k), 0.7); }
function placeLabels() {
  const box = area(), size = fontSize(), grid = new Map(), CELL = 80;
  labelLayer.style.fontSize = size + "px";
  const forced = new Set([hovered, selected].filter(i => i !== null));
  if (selected !== null) incident[selected].forEach(e => { if (visible[e]) { forced.add(data.edges[e].s); forced.add(data.edges[e].t); } });
  const order = [...forced, ...byRank.filter(i => !forced.has(i))];
  const clashes = r => {
    for (let gx = Math.floor(r[0] / CELL); gx <= Math.floor(r[2] / CELL); gx++)
      for (let gy = Math.floor(r[1] / CELL); gy <= Math.floor(r[3] / CELL); gy++)
        for (const o of grid.get(gx + "," + gy) || []) if (r[0] < o[2] && o[0] < r[2] && r[1] < o[3] && o[1] < r[3]) return true;
    return false;
  };
  const take = r => {
    for (let gx = Math.floor(r[0] / CELL); gx <= Math.floor(r[2] / CELL); gx++)
      for (let gy = Math.floor(r[1] / CELL); gy <= Math.floor(r[3] / CELL); gy++) {
        const key = gx + "," + gy; if (!grid.has(key)) grid.set(key, []); grid.get(key).push(r);
      }
  };
  for (const i of order) {
    const node = data.nodes[i], shape = nodeShapes[i];
    const sx = node.x * view.k + view.x, sy = node.y * view.k + view.y, sr = node.r * view.k * grow;
    let show = sx > -sr && sx < box.width + sr && sy > -sr && sy < box.height + sr;   // (major ones come first)
    if (show) {
      const w = Math.min(widths[i] * size / 12, box.width - 4), h = size * 1.3;
      const x = Math.min(Math.max(sx, w / 2 + 2), box.width - w / 2 - 2);   // kept inside, left and right
      let y = sy + sr + 2;
      if (y + h > box.height - 2) y = sy - sr - 2 - h;                      // no room below: above
      y = Math.min(Math.max(y, 2), box.height - h - 2);
      const rect = [x - w / 2, y, x + w / 2, y + h];
      show = forced.has(i) || !clashes(rect);
      if (show) {
        take(rect);
        if (shape.x !== x || shape.y !== y) {
          shape.label.setAttribute("x", x + margin.x); shape.label.setAttribute("y", y + margin.y); shape.x = x; shape.y = y;
        }
      }
    }
    if (show !== shape.shown) { shape.label.classList.toggle("on", show); shape.shown = show; }
  }
}

// --- pan, zoom, fit ------------------------------------------------------------------------------
// The SVG reaches half a screen past each side of the visible area (`margin`) and is drawn at
// the view `drawn`.  While a gesture lasts (a drag, a burst of wheel turns) each frame only moves
// and scales the SVG element as a whole (a CSS transform: the compositor's work, however many
// actors), and the drawing is redone at the final view when the gesture ends (`settle`).
let margin = {x: 0, y: 0}, drawn = {x: 0, y: 0, k: 1}, gesture = false, wheelEnd = null;
const area = () => main.getBoundingClientRect();
function sizeCanvas() {
  const box = area();
  margin = {x: Math.round(box.width / 2), y: Math.round(box.height / 2)};
  Object.assign(svg.style, {left: -margin.x + "px", top: -margin.y + "px",
                            width: box.width + 2 * margin.x + "px", height: box.height + 2 * margin.y + "px"});
}
function shift() {
  const s = view.k / drawn.k;
  svg.style.transform = `translate(${view.x + margin.x - s * (drawn.x + margin.x)}px,${view.y + margin.y - s * (drawn.y + margin.y)}px) scale(${s})`;
}
function redraw() {
  framed = false;
  if (gesture) return shift();
  svg.style.transform = "";
  drawn = {...view};
  viewport.setAttribute("transform", `translate(${view.x + margin.x},${view.y + margin.y}) scale(${view.k})`);
  if (growth() !== grow) { grow = growth(); svg.style.setProperty("--grow", grow); }
  svg.classList.toggle("zoomed", view.k > ZOOMED);
  placeLabels();
}
function apply() { if (!framed) { framed = true; requestAnimationFrame(redraw); } }
function settle() { gesture = false; redraw(); }
function zoomAt(factor, px, py) {
  const k = Math.min(20, Math.max(0.05, view.k * factor));
  view.x = px - (px - view.x) * k / view.k; view.y = py - (py - view.y) * k / view.k; view.k = k;
  gesture ? apply() : redraw();
}
function fit() {
  const box = area();
  if (!data.nodes.length) return redraw();
  const xs = data.nodes.map(n => n.x), ys = data.nodes.map(n => n.y);
  const x0 = Math.min(...xs) - 40, x1 = Math.max(...xs) + 40, y0 = Math.min(...ys) - 40, y1 = Math.max(...ys) + 60;
  view.k = Math.min(2, box.width / (x1 - x0), box.height / (y1 - y0));
  view.x = (box.width - (x1 - x0) * view.k) / 2 - x0 * view.k;
  view.y = (box.height - (y1 - y0) * view.k) / 2 - y0 * view.k;
  redraw();
}
function centreOn(i) {
  const box = area(), node = data.nodes[i];
  view.k = Math.max(view.k, 1.2);
  view.x = box.width / 2 - node.x * view.k; view.y = box.height / 2 - node.y * view.k;
  redraw();
}
svg.addEventListener("wheel", event => {
  event.preventDefault();
  const box = area();
  gesture = true; clearTimeout(wheelEnd); wheelEnd = setTimeout(settle, 150);
  zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
}, {passive: false});
let drag = null;  // {node: index or null, x, y, moved}
svg.addEventListener("pointerdown", event => {
  if (drag || event.target.closest(".edge")) return;
  drag = {node: null, x: event.clientX - view.x, y: event.clientY - view.y, x0: event.clientX, y0: event.clientY, moved: false};
  svg.classList.add("dragging"); svg.setPointerCapture(event.pointerId);
});
function grabNode(i, event) {
  event.stopPropagation();
  drag = {node: i, x0: event.clientX, y0: event.clientY, moved: false};
  svg.setPointerCapture(event.pointerId);
}
svg.addEventListener("pointermove", event => {
  if (!drag) return;
  drag.moved = drag.moved || Math.hypot(event.clientX - drag.x0, event.clientY - drag.y0) > 3;
  if (!drag.moved) return;
  if (drag.node === null) { gesture = true; view.x = event.clientX - drag.x; view.y = event.clientY - drag.y; apply(); return; }
  const node = data.nodes[drag.node], box = area();       // a node dragged: its edges follow
  node.x = (event.clientX - box.left - view.x) / view.k; node.y = (event.clientY - box.top - view.y) / view.k;
  nodeShapes[drag.node].circle.setAttribute("cx", node.x); nodeShapes[drag.node].circle.setAttribute("cy", node.y);
  for (const e of incident[drag.node]) { const d = curve(data.edges[e]); edgeShapes[e].line.setAttribute("d", d); edgeShapes[e].hit.setAttribute("d", d); }
  hover(null); apply();
});
svg.addEventListener("pointerup", () => {
  if (drag && !drag.moved) drag.node === null ? select(null) : select(drag.node);
  if (drag && drag.moved && drag.node === null) settle();
  drag = null; svg.classList.remove("dragging");
});
const middle = () => { const b = area(); return [b.width / 2, b.height / 2]; };
document.getElementById("zoom-in").addEventListener("click", () => zoomAt(1.4, ...middle()));
document.getElementById("zoom-out").addEventListener("click", () => zoomAt(1 / 1.4, ...middle()));
document.getElementById("fit").addEventListener("click", fit);
window.addEventListener("resize", () => { sizeCanvas(); fit(); });
document.addEventListener("keydown", event => { if (event.key === "Escape") select(null); });

// --- hover: the full name (a condemnation target's phrase) by the pointer ---------------------
function hover(i, event) {
  hovered = i;
  if (i === null || drag) { tip.style.display = "none"; apply(); return; }
  const node = data.nodes[i], box = area();
  const what = node.kind === "target" ? "condemned: " : node.kind === "claim" ? "claim: " : "";
  tip.textContent = what + node.label + (node.kind === "target" || node.kind === "claim" ? "" :
    ` (${[node.kind, node.country].filter(Boolean).join(", ")}; ${plural(node.degree, "relation")})`);
  tip.style.display = "block";
  tip.style.left = Math.min(event.clientX - box.left + 12, box.width - tip.offsetWidth - 4) + "px";
  tip.style.top = Math.min(event.clientY - box.top + 14, box.height - tip.offsetHeight - 4) + "px";
  apply();
}

// --- the side panel ---------------------------------------------------------------------------
const VERBS = {met: "met", phoned: "phoned", condemned: "condemned", asserts: "claimed"};
function edgeTitle(edge) {
  const target = data.nodes[edge.t], quoted = ["target", "claim"].includes(target.kind);
  return `${data.nodes[edge.s].label} ${VERBS[edge.relation] || edge.relation} ${quoted ? "\u201C" + target.label + "\u201D" : target.label}`;
}
function span(edge) {
  const dated = edge.events - edge.undated;
  if (!edge.first) return "undated";
  const range = edge.first === edge.last ? edge.first : `${edge.first} to ${edge.last}`;
  return edge.undated ? `${range} (${dated} of ${edge.events} dated)` : range;
}
function counts(edge) { return `${plural(edge.events, "event")} in ${plural(edge.articles, "article")}, ${span(edge)}`; }
function cite(a, parent) {
  const article = data.articles[a];
  const c = html("cite", (article.title || article.id) + (article.date ? ` (${article.date})` : ""), parent);
  c.title = article.id;
  if (/^https?:[/][/]/i.test(article.url)) {
    c.append(" ");
    const link = html("a", "source", c);
    link.href = article.url; link.rel = "noopener noreferrer"; link.target = "_blank";
  }
  return c;
}
function intro() {
  details.replaceChildren();
  html("p", "Find an actor with the search box, or click one: its relations are listed here, with their dates and articles. Hover an edge for the sentences it was read from.", details);
  html("p", `Dates: ${data.coverage.text}.`, details).className = "hint";
  html("p", `Labelled first: the actors with most ${data.measure}; the others as room allows (zoom in).`, details).className = "hint";
}
function showEdge(i) {
  document.querySelectorAll(".edge.active").forEach(g => g.classList.remove("active"));
  edgeShapes[i].group.classList.add("active");
  const edge = data.edges[i];
  details.replaceChildren();
  if (selected !== null) {
    const back = html("button", `\u2190 ${data.nodes[selected].label}`, details);
    back.className = "partner"; back.addEventListener("click", () => showNode(selected));
  }
  html("h2", edgeTitle(edge), details);
  html("p", counts(edge), details);
  const list = html("ol", undefined, details);
  list.className = "evidence";
  for (const [sentence, a] of edge.evidence) {
    const item = html("li", undefined, list);
    html("q", sentence, item);
    cite(a, item);
  }
}
function showNode(i) {
  const node = data.nodes[i];
  details.replaceChildren();
  html("h2", node.label, details);
  html("p", [node.kind, node.country].filter(Boolean).join(", "), details);
  if (node.aliases.length) html("p", "also: " + node.aliases.join("; "), details).className = "hint";
  const partners = new Set(incident[i].map(e => data.edges[e].s === i ? data.edges[e].t : data.edges[e].s));
  html("p", `${plural(incident[i].length, "relation")} with ${plural(partners.size, "other")}:`, details);
  const list = html("ul", undefined, details);
  list.className = "relations";
  const order = [...incident[i]].sort((a, b) => data.edges[b].events - data.edges[a].events ||
    data.nodes[other(a, i)].label.localeCompare(data.nodes[other(b, i)].label));
  for (const e of order) {
    const edge = data.edges[e], item = html("li", undefined, list), partner = other(e, i);
    if (!visible[e]) item.className = "off";
    const verb = VERBS[edge.relation] || edge.relation;
    const phrase = edge.s === i ? `${verb} ` : `${data.nodes[edge.s].label} ${verb} `;
    item.append(edge.s === i ? phrase : "");
    const who = html("button", ["target", "claim"].includes(data.nodes[partner].kind) ? `\u201C${data.nodes[partner].label}\u201D`
                                                                                       : data.nodes[partner].label, item);
    who.className = "partner"; who.addEventListener("click", () => select(partner, true));
    if (edge.s !== i) item.append(` ${verb} ${node.label}`);
    item.append(`: ${counts(edge)}${visible[e] ? "" : " (hidden by the filters)"} `);
    const evidence = html("button", "sentences", item);
    evidence.addEventListener("click", () => showEdge(e));
    const sources = html("ul", undefined, item);
    sources.className = "sources";
    for (const a of edge.sources) cite(a, html("li", undefined, sources));
  }
}
function other(e, i) { return data.edges[e].s === i ? data.edges[e].t : data.edges[e].s; }

// Selecting an actor: its neighbourhood stays, the rest fades; its relations go to the panel.
function select(i, centre) {
  document.querySelectorAll(".near, .selected").forEach(x => x.classList.remove("near", "selected"));
  selected = i;
  svg.classList.toggle("focus", i !== null);
  if (i === null) { intro(); apply(); return; }
  nodeShapes[i].group.classList.add("near", "selected"); nodeShapes[i].label.classList.add("near");
  for (const e of incident[i]) {
    if (!visible[e]) continue;
    edgeShapes[e].group.classList.add("near");
    for (const n of [data.edges[e].s, data.edges[e].t]) { nodeShapes[n].group.classList.add("near"); nodeShapes[n].label.classList.add("near"); }
  }
  showNode(i);
  centre ? centreOn(i) : apply();
}

// --- search: any label or alias, case, accents and spacing aside ------------------------------
const names = data.nodes.map(n => [n.label, ...n.aliases].map(fold));
const datalist = document.getElementById("names");
for (const name of [...new Set(data.nodes.flatMap(n => [n.label, ...n.aliases]))].sort()) html("option", undefined, datalist).value = name;
function find(text) {
  const wanted = fold(text);
  let best = null;
  if (wanted) names.forEach((labels, i) => {
    const score = Math.min(...labels.map(l => l === wanted ? 0 : l.startsWith(wanted) || l.includes(" " + wanted) ? 1 : l.includes(wanted) ? 2 : 9));
    if (score < 9 && (best === null || score < best[0] || (score === best[0] && data.nodes[i].rank < data.nodes[best[1]].rank))) best = [score, i];
  });
  return best && best[1];
}
const search = document.getElementById("search"), found = document.getElementById("found");
function searched() {
  const i = find(search.value);
  found.textContent = !search.value.trim() ? "" : i === null ? `no actor is called \u201C${search.value.trim()}\u201D` : "";
  if (i !== null) select(i, true);
}
search.addEventListener("change", searched);
search.addEventListener("keydown", event => { if (event.key === "Enter") searched(); });

// --- legend and filters -----------------------------------------------------------------------
for (const kind of [...new Set(data.nodes.map(n => n.kind))].sort()) {
  const item = html("span", undefined, document.getElementById("kinds"));
  const dot = html("span", "\u25CF", item);
  dot.style.color = data.kinds[kind] || "#ddd"; dot.style.fontSize = "1.3em";
  item.append(` ${kind} `);
}
for (const [relation, style] of Object.entries(data.relations)) {
  const count = data.edges.filter(e => e.relation === relation).length;
  const label = html("label", undefined, document.getElementById("filters"));
  label.className = "relation";
  const box = html("input", undefined, label);
  box.type = "checkbox"; box.checked = true; box.value = relation; box.id = "show-" + relation;
  const swatch = html("span", undefined, label);
  swatch.className = "swatch"; swatch.style.borderColor = style.colour;
  if (style.dash) swatch.style.borderTopStyle = "dashed";
  label.append(`${relation} (${count})`);
  box.addEventListener("change", () => { box.checked ? hidden.delete(relation) : hidden.add(relation); refilter(); });
}
// Dates: two sliders over the days the dated events cover; the undated events are a switch of their own.
const undatedEvents = data.coverage.events - data.coverage.dated, dateBar = document.getElementById("dates");
if (data.days.length) {
  dateBar.append("dates ");
  for (const end of ["lo", "hi"]) {
    const slider = html("input", undefined, dateBar);
    slider.type = "range"; slider.id = "date-" + end; slider.min = 0; slider.max = data.days.length - 1;
    slider.value = dates[end]; slider.setAttribute("aria-label", end === "lo" ? "from" : "until");
    slider.addEventListener("input", () => {
      dates[end] = +slider.value;
      if (dates.lo > dates.hi) { const o = document.getElementById(end === "lo" ? "date-hi" : "date-lo"); dates[end === "lo" ? "hi" : "lo"] = dates[end]; o.value = dates[end]; }
      refilter();
    });
  }
  html("span", "", dateBar).id = "when";
  dateBar.append(" \u00B7");
}
html("span", ` ${data.coverage.dated} of ${plural(data.coverage.events, "event")} dated`, dateBar).id = "coverage";
if (undatedEvents) {
  const label = html("label", undefined, dateBar), box = html("input", undefined, label);
  label.className = "undated"; box.type = "checkbox"; box.checked = true; box.id = "show-undated";
  label.append(`${undatedEvents} undated`);
  box.addEventListener("change", () => { dates.undated = box.checked; refilter(); });
}
function inDates(edge) {
  if (!data.days.length) return dates.undated || !edge.undated;
  const from = data.days[dates.lo], until = data.days[dates.hi];
  return edge.spans.some(([first, last]) => last >= from && first <= until) || (dates.undated && edge.undated > 0);
}
function refilter() {
  const seen = new Set();
  data.edges.forEach((edge, i) => {
    visible[i] = !hidden.has(edge.relation) && inDates(edge);
    edgeShapes[i].group.style.display = visible[i] ? "" : "none";
    if (visible[i]) { seen.add(edge.s); seen.add(edge.t); }
  });
  nodeShapes.forEach((shape, i) => {
    const faded = data.edges.length > 0 && !seen.has(i);
    shape.group.classList.toggle("faded", faded); shape.label.classList.toggle("faded", faded);
  });
  if (data.days.length) document.getElementById("when").textContent = ` ${data.days[dates.lo]} to ${data.days[dates.hi]}`;
  if (selected !== null) select(selected); else apply();
}
document.getElementById("hint").textContent = "drag to pan, wheel to zoom, click an actor for its relations; Esc clears";

if (!data.nodes.length) el("text", {x: "50%", y: "50%", "text-anchor": "middle", fill: "#555"}, svg).textContent = "no relations found";
// Frame times while `steps` frames each pan and zoom a little, as a drag would (ms between
// animation frames), and the time the drawing at the final view then takes (`settle`: from the
// gesture's end to the next frame): what tests/test_html.py and scripts/docs_screenshots.py
// report, never assert.
function measureFrames(steps) {
  return new Promise(done => {
    const times = [], box = area();
    let n = 0;
    gesture = true;
    const step = now => {
      times.push(now);
      if (n++ === steps) {
        const started = performance.now();
        settle();
        return requestAnimationFrame(end => done({frames: times.slice(1).map((t, i) => t - times[i]), settle: end - started}));
      }
      view.x += n % 40 < 20 ? 6 : -6;
      zoomAt(n % 60 < 30 ? 1.03 : 1 / 1.03, box.width / 2, box.height / 2);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}
window.kgView = {view, apply, redraw, zoomAt, fit, select, find, measureFrames};   // for scripted checks
sizeCanvas();
intro();
refilter();
fit();
</script>
</body>
</html>
"""
