"""The interactive view: a relationship projection (see kg.graph) as one self-contained HTML page.

The page holds its data (nodes at the positions of `kg.draw.layout`, edges with their
evidence, the cited articles) as JSON and draws it with about 200 lines of plain JavaScript
into inline SVG: drag to pan, wheel or buttons to zoom, hover (or tap) an edge for its
evidence sentences and source articles, hover a node for its relations, tick boxes to show
or hide each relation.  Nothing is fetched when it is viewed (no CDN, no fonts, no images),
and its Content-Security-Policy forbids the browser to fetch anything at all; article URLs
appear only as links a reader may follow.  Data is inserted with `textContent`, never as
markup, so article text cannot inject script.  Same graph, same bytes.
"""
from __future__ import annotations

import html
import json
import math
from pathlib import Path

import networkx as nx

from kg.draw import KIND_COLOURS, RELATION_STYLES, TOP_LABELS, default_title, layout, ranked_nodes

__all__ = ["write_html", "page"]

_DASHES = {"solid": "", "dashed": "7 4", "dotted": "2 3", "dashdot": "7 3 2 3"}
_UNIT = 120.0  # pixels per layout unit


def write_html(graph: nx.MultiDiGraph, path: str | Path, title: str | None = None, top: int = TOP_LABELS) -> Path:
    """Write the interactive page of `graph` to `path` and return the path (see `page`)."""
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"cannot write the interactive view to {target.name}: use a .html file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")  # renamed into place: never a half-written page
    try:
        partial.write_text(page(graph, title, top), encoding="utf-8")
        partial.replace(target)
    except BaseException:  # a full disk: no half-written page left
        partial.unlink(missing_ok=True)
        raise
    return target


def page(graph: nx.MultiDiGraph, title: str | None = None, top: int = TOP_LABELS) -> str:
    """The HTML page of `graph`; `title` None means `kg.draw.default_title`; the `top` most
    connected nodes are labelled from the start, the others when zoomed in or hovered."""
    heading = default_title(graph) if title is None else title
    data = json.dumps(_data(graph, top), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    data = data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return (_TEMPLATE.replace("__TITLE__", html.escape(heading.replace("\n", " "))).replace("__DATA__", data))


def _data(graph: nx.MultiDiGraph, top: int) -> dict:
    """What the page's script reads: nodes with pixel positions, edges, articles, styles."""
    nodes = sorted(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    positions = layout(graph) if nodes else {}
    rank = {node: i for i, node in enumerate(ranked_nodes(graph))}
    articles = graph.graph.get("articles", {})
    article_ids = sorted({a for _, _, d in graph.edges(data=True) for a in d.get("evidence_articles", [])})
    article_index = {a: i for i, a in enumerate(article_ids)}
    degree = dict(graph.degree())
    out_nodes = [{"label": str(graph.nodes[n].get("label", n)), "kind": graph.nodes[n].get("kind", "actor"),
                  "country": graph.nodes[n].get("country", ""), "degree": degree[n],
                  "x": round(positions[n][0] * _UNIT, 1), "y": round(-positions[n][1] * _UNIT, 1),
                  "r": round(7 + 2.5 * math.sqrt(min(degree[n], 30)), 1), "major": rank[n] < top, "rank": rank[n],
                  "ego": n == graph.graph.get("ego")} for n in nodes]
    by_pair: dict[frozenset, int] = {}
    edges = []
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        nth = by_pair.get(frozenset((source, target)), 0)
        by_pair[frozenset((source, target))] = nth + 1
        bend = (nth + 1) // 2 * 0.2 * (1 if nth % 2 else -1)
        edges.append({"s": index[source], "t": index[target], "relation": data.get("relation", key),
                      "directed": bool(data.get("directed", True)), "events": data.get("events", 1),
                      "articles": data.get("articles", 1), "first": data.get("first"), "last": data.get("last"),
                      "bend": bend, "evidence": [[sentence, article_index[article]] for sentence, article
                                                 in zip(data.get("evidence", []), data.get("evidence_articles", []))]})
    relations = sorted({e["relation"] for e in edges})
    styles = {r: {"colour": RELATION_STYLES.get(r, ("#7f7f7f", "dashdot"))[0],
                  "dash": _DASHES[RELATION_STYLES.get(r, ("", "dashdot"))[1]]} for r in relations}
    return {"nodes": out_nodes, "edges": edges, "relations": styles, "kinds": KIND_COLOURS,
            "articles": [{"id": a, **articles.get(a, {"title": "", "date": "", "url": ""})} for a in article_ids]}


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }
  body { display: grid; grid-template: auto 1fr / 1fr 24rem; height: 100vh; }
  header { grid-column: 1 / 3; padding: .5rem 1rem; border-bottom: 1px solid #ddd; display: flex;
           flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; }
  h1 { font-size: 1.05rem; margin: 0; flex-basis: 100%; }
  label.relation { cursor: pointer; white-space: nowrap; }
  .swatch { display: inline-block; width: 1.6em; height: 0; border-top: 3px solid; vertical-align: middle; margin: 0 .3em; }
  button { font: inherit; min-width: 2rem; }
  #graph { width: 100%; height: 100%; cursor: grab; background: #fff; touch-action: none; }
  #graph.dragging { cursor: grabbing; }
  aside { border-left: 1px solid #ddd; padding: .5rem 1rem; overflow-y: auto; }
  aside h2 { font-size: 1rem; margin: .3rem 0; }
  aside ol { padding-left: 1.2rem; } aside li { margin-bottom: .6rem; }
  aside q { display: block; } aside cite { color: #555; font-size: .9em; }
  .edge path.line { fill: none; } .edge path.hit { fill: none; stroke: transparent; stroke-width: 12px; cursor: pointer; }
  .edge.active path.line { stroke-opacity: 1; filter: drop-shadow(0 0 2px #000); }
  .node circle { stroke: #444; stroke-width: 1px; cursor: pointer; } .node.ego circle { stroke: #000; stroke-width: 3px; }
  .faded { opacity: .15; }
  text.label { paint-order: stroke; stroke: #fff; stroke-width: 3px; fill: #111; pointer-events: none; }
  text.label.minor, text.label.crowded { display: none; }
  svg.zoomed text.label.minor:not(.crowded), text.label.shown { display: inline; }
</style>
</head>
<body>
<header>
  <h1 id="title">__TITLE__</h1>
  <span id="filters"></span>
  <span id="kinds"></span>
  <span><button id="zoom-in" title="zoom in">+</button> <button id="zoom-out" title="zoom out">&minus;</button>
  <button id="fit" title="show everything">fit</button></span>
  <span style="color:#666">drag to pan, wheel to zoom, hover an edge for its evidence</span>
</header>
<svg id="graph" role="img" aria-label="relationship diagram"><g id="viewport"><g id="edges"></g><g id="nodes"></g><g id="labels"></g></g></svg>
<aside id="details"><p>Hover an edge to see the sentences it was read from and their articles; hover an actor to see its relations.</p></aside>
<script id="kg-data" type="application/json">__DATA__</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("kg-data").textContent);
const svg = document.getElementById("graph"), NS = svg.namespaceURI;
const viewport = document.getElementById("viewport"), details = document.getElementById("details");
const view = {x: 0, y: 0, k: 1};
const hidden = new Set();

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

// Arrow heads, one per relation colour.
const defs = el("defs", {}, svg);
for (const [relation, style] of Object.entries(data.relations)) {
  const marker = el("marker", {id: "arrow-" + relation, viewBox: "0 0 10 10", refX: 9, refY: 5,
                               markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse"}, defs);
  el("path", {d: "M0,0 L10,5 L0,10 z", fill: style.colour}, marker);
}

// Edges: a quadratic curve (parallel relations of a pair bend apart), ends pulled back to the circles.
data.edges.forEach((edge, i) => {
  const a = data.nodes[edge.s], b = data.nodes[edge.t], style = data.relations[edge.relation];
  const dx = b.x - a.x, dy = b.y - a.y, length = Math.hypot(dx, dy) || 1;
  const cx = (a.x + b.x) / 2 - dy * edge.bend, cy = (a.y + b.y) / 2 + dx * edge.bend;
  const pull = (p, r) => { const ux = cx - p.x, uy = cy - p.y, d = Math.hypot(ux, uy) || 1;
                           return [p.x + ux / d * r, p.y + uy / d * r]; };
  const [x1, y1] = pull(a, a.r), [x2, y2] = pull(b, b.r + (edge.directed ? 2 : 0));
  const d = `M${x1},${y1} Q${cx},${cy} ${x2},${y2}`;
  const group = el("g", {class: "edge", "data-relation": edge.relation, "data-index": i}, document.getElementById("edges"));
  const line = el("path", {class: "line", d, stroke: style.colour, "stroke-opacity": 0.75,
                           "stroke-width": 1 + Math.min(4, Math.log2(Math.max(edge.articles, 1)))}, group);
  if (style.dash) line.setAttribute("stroke-dasharray", style.dash);
  if (edge.directed) line.setAttribute("marker-end", `url(#arrow-${edge.relation})`);
  el("path", {class: "hit", d}, group);
  group.addEventListener("mouseenter", () => showEdge(i, group));
  group.addEventListener("click", () => showEdge(i, group));
});

// Nodes and labels.
data.nodes.forEach((node, i) => {
  const group = el("g", {class: "node" + (node.ego ? " ego" : ""), "data-index": i}, document.getElementById("nodes"));
  el("circle", {cx: node.x, cy: node.y, r: node.r, fill: data.kinds[node.kind] || "#ddd"}, group);
  el("title", {}, group).textContent = node.label;
  const label = el("text", {class: "label" + (node.major ? "" : " minor"), x: node.x, y: node.y + node.r + 13,
                            "text-anchor": "middle", "dominant-baseline": "hanging", "data-index": i},
                   document.getElementById("labels"));
  label.textContent = node.label;
  group.addEventListener("mouseenter", () => showNode(i));
  group.addEventListener("mouseleave", () => { label.classList.remove("shown"); });
});

// Labels keep their size on screen; one that would overlap a label of a more connected actor
// is left out until zooming in makes room (the hovered actor's label always shows).
const labels = [...document.querySelectorAll("text.label")].sort((a, b) =>
  data.nodes[a.dataset.index].rank - data.nodes[b.dataset.index].rank);
const measure = document.createElement("canvas").getContext("2d");
measure.font = "12px system-ui, sans-serif";
const widths = new Map(labels.map(t => [t, measure.measureText(t.textContent).width + 4]));
function declutter() {
  const box = svg.getBoundingClientRect(), taken = [];
  for (const label of labels) {
    const node = data.nodes[label.dataset.index];
    label.setAttribute("y", node.y + node.r + 3 / view.k);
    if (!node.major && view.k <= 1.8) continue;
    const x = node.x * view.k + view.x, y = (node.y + node.r) * view.k + view.y + 3, w = widths.get(label);
    const rect = [x - w / 2, y, x + w / 2, y + 15];
    const off = rect[2] < 0 || rect[0] > box.width || rect[3] < 0 || rect[1] > box.height;
    const clash = !off && taken.some(o => rect[0] < o[2] && o[0] < rect[2] && rect[1] < o[3] && o[1] < rect[3]);
    label.classList.toggle("crowded", clash);
    if (!off && !clash) taken.push(rect);
  }
}

function edgeTitle(edge) {
  const verb = {met: "met", phoned: "phoned", condemned: "condemned", asserts: "claimed"}[edge.relation] || edge.relation;
  return `${data.nodes[edge.s].label} ${verb} ${data.nodes[edge.t].label}`;
}
function span(edge) {
  if (!edge.first) return "undated";
  return edge.first === edge.last ? edge.first : `${edge.first} to ${edge.last}`;
}
function showEdge(i, group) {
  document.querySelectorAll(".edge.active").forEach(g => g.classList.remove("active"));
  group.classList.add("active");
  const edge = data.edges[i];
  details.replaceChildren();
  html("h2", edgeTitle(edge), details);
  html("p", `${edge.events} event${edge.events === 1 ? "" : "s"} in ${edge.articles} article${edge.articles === 1 ? "" : "s"}, ${span(edge)}`, details);
  const list = html("ol", undefined, details);
  list.className = "evidence";
  for (const [sentence, a] of edge.evidence) {
    const item = html("li", undefined, list), article = data.articles[a];
    html("q", sentence, item);
    const cite = html("cite", (article.title || article.id) + (article.date ? ` (${article.date})` : ""), item);
    cite.title = article.id;
    if (/^https?:[/][/]/i.test(article.url)) {
      cite.append(" ");
      const link = html("a", "source", cite);
      link.href = article.url; link.rel = "noopener noreferrer"; link.target = "_blank";
    }
  }
}
function showNode(i) {
  const node = data.nodes[i];
  document.querySelector(`text.label[data-index="${i}"]`).classList.add("shown");
  details.replaceChildren();
  html("h2", node.label, details);
  html("p", [node.kind, node.country].filter(Boolean).join(", "), details);
  const list = html("ul", undefined, details);
  data.edges.forEach(edge => {
    if ((edge.s === i || edge.t === i) && !hidden.has(edge.relation))
      html("li", `${edgeTitle(edge)} (${edge.articles} article${edge.articles === 1 ? "" : "s"})`, list);
  });
}

// Legend of node colours, for the kinds present.
for (const kind of [...new Set(data.nodes.map(n => n.kind))].sort()) {
  const item = html("span", undefined, document.getElementById("kinds"));
  const dot = html("span", "\u25CF", item);
  dot.style.color = data.kinds[kind] || "#ddd"; dot.style.fontSize = "1.3em";
  item.append(` ${kind} `);
}

// Relation filter: hide a relation's edges; actors left without a visible edge fade.
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
function refilter() {
  const seen = new Set();
  document.querySelectorAll(".edge").forEach(group => {
    const edge = data.edges[+group.dataset.index], show = !hidden.has(edge.relation);
    group.style.display = show ? "" : "none";
    if (show) { seen.add(edge.s); seen.add(edge.t); }
  });
  document.querySelectorAll(".node, text.label").forEach(node => {
    node.classList.toggle("faded", data.edges.length > 0 && !seen.has(+node.dataset.index));
  });
}

// Pan and zoom: the viewport group carries translate(x, y) scale(k).
function apply() {
  viewport.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
  document.getElementById("labels").style.fontSize = (12 / view.k) + "px";
  svg.classList.toggle("zoomed", view.k > 1.8);
  declutter();
}
function zoomAt(factor, px, py) {
  const k = Math.min(20, Math.max(0.05, view.k * factor));
  view.x = px - (px - view.x) * k / view.k; view.y = py - (py - view.y) * k / view.k; view.k = k;
  apply();
}
function fit() {
  const box = svg.getBoundingClientRect();
  if (!data.nodes.length) return apply();
  const xs = data.nodes.map(n => n.x), ys = data.nodes.map(n => n.y);
  const x0 = Math.min(...xs) - 60, x1 = Math.max(...xs) + 60, y0 = Math.min(...ys) - 40, y1 = Math.max(...ys) + 60;
  view.k = Math.min(2, box.width / (x1 - x0), box.height / (y1 - y0));
  view.x = (box.width - (x1 - x0) * view.k) / 2 - x0 * view.k;
  view.y = (box.height - (y1 - y0) * view.k) / 2 - y0 * view.k;
  apply();
}
svg.addEventListener("wheel", event => {
  event.preventDefault();
  const box = svg.getBoundingClientRect();
  zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
}, {passive: false});
let drag = null;
svg.addEventListener("pointerdown", event => {
  if (event.target.closest(".node, .edge")) return;
  drag = {x: event.clientX - view.x, y: event.clientY - view.y};
  svg.classList.add("dragging"); svg.setPointerCapture(event.pointerId);
});
svg.addEventListener("pointermove", event => {
  if (!drag) return;
  view.x = event.clientX - drag.x; view.y = event.clientY - drag.y; apply();
});
svg.addEventListener("pointerup", () => { drag = null; svg.classList.remove("dragging"); });
const centre = () => { const b = svg.getBoundingClientRect(); return [b.width / 2, b.height / 2]; };
document.getElementById("zoom-in").addEventListener("click", () => zoomAt(1.4, ...centre()));
document.getElementById("zoom-out").addEventListener("click", () => zoomAt(1 / 1.4, ...centre()));
document.getElementById("fit").addEventListener("click", fit);
window.addEventListener("resize", fit);
if (!data.nodes.length) el("text", {x: "50%", y: "50%", "text-anchor": "middle", fill: "#555"}, svg).textContent = "no relations found";
fit();
</script>
</body>
</html>
"""
