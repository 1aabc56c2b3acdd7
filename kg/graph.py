"""The graph stage: a NetworkX projection of the store, one edge per relation and actor pair.

Built from the store through SPARQL (not from extraction records), so it shows exactly what
the knowledge graph says, whichever way it was filled.

Nodes are keyed by IRI and carry `label`, `kind` (the actor's type: "person", "organization",
"country", "group" or "actor"; "target" and "claim" for the objects of condemned and asserts)
and `country` (the country an actor is affiliated with, a country's own name, or "").
Edges are keyed by relation and carry `relation`, `directed` (False for met and phoned, which
are stored once per pair, from the smaller IRI), `events` (how many happenings support
the edge: cross-article resolution's consolidated events, so that one meeting told by several
articles counts once; for asserts, claim nodes), `event_ids` (their IRIs, sorted), `event_dates`
(the date of each of them, parallel to `event_ids`, None when undated: a meeting of three
actors is one event on three edges, counted once by `kg.analytics.date_coverage`), `articles`
(how many distinct articles), `first` and `last` (the earliest and latest event date, ISO, or
None), `dates` (each dated event's date, sorted), `yearless_dates` (the dates events give
without a year, "--06-27" or "--09", sorted: no timeline can place them), `evidence` (the
source sentences, in article and text order) and `evidence_articles` (the id of the article
each sentence is from, parallel to `evidence`).

An event's date is its own (`sem:hasTimeStamp`, a claim's `schema:dateCreated`) or else the
date of the article that reports it; a month or a year stands for all its days.  A date without
a year (what an undated article gives) dates nothing: it is kept in `yearless_dates` only.

`graph.graph` describes the projection: `corpus_articles` (articles in the store),
`articles` (id -> title, date, url of each article an edge cites), `first`/`last` (date range
of the projected events), `filters` (the filters applied, in words, "" for none), `aliases`
(actor node -> its other labels and aliases, sorted: what the interactive page's search box
finds an actor by) and, for an ego network, `ego` (the IRI of the actor it is centred on).
"""
from __future__ import annotations

import calendar
import csv
import datetime
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import networkx as nx

from kg.names import name_key
from kg.overview_rows import GraphRows, kept_graph_rows
from kg.rdf import ACTOR_CLASSES, is_yearless
from kg.records import ASSERTS, CONDEMNED, MET, PHONED, RELATIONS
from kg.store import GraphStore, answers, rows_for_each, side_by_side
from kg.vocab import ID, RESOLUTION_GRAPH

__all__ = ["projection", "overview", "overview_projection", "ranked_nodes", "simple_graph", "export_graph", "GRAPH_FORMATS", "find_actor", "date_bounds", "DEFAULT_RELATIONS", "SYMMETRIC"]

#: relations projected when none are asked for: those between actors (claims are opt-in).
DEFAULT_RELATIONS = (MET, PHONED, CONDEMNED)
#: relations with no direction: one edge per unordered pair, from the smaller IRI.
SYMMETRIC = frozenset({MET, PHONED})
#: the file formats `export_graph` writes.
GRAPH_FORMATS = ("graphml", "gexf", "csv")

#: the source sentences of the events `{values}` binds: read apart from the events, for those
#: events only (an OPTIONAL joining them in made Oxigraph read every sentence of the store once
#: per relation: ~40 s a relation at 10,000 articles, against a few seconds both ways now).
#: (Inside the event's own graph: over the union of all graphs, each row was checked for copies
#: in other graphs, 2.5 times the time at 10,000 articles.)
_SENTENCES = """SELECT ?g ?event ?sentence ?begin WHERE { {values} GRAPH ?g {
  ?event prov:wasDerivedFrom ?span . ?span nif:anchorOf ?sentence ; nif:beginIndex ?begin ; a nif:Sentence } }"""
_GRAPHS = str(ID["graph/"])
#: the happening an article's event is a report of (cross-article resolution's consolidated
#: event), so that a meeting told by three articles counts as one event, as everywhere else.
_HAPPENINGS = f"SELECT ?event ?consolidated WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?consolidated kg:reportedAs ?event }} }}"
#: each article graph's article, with its identifier and publication date.
_ARTICLE_ID_AND_DATE = f"""SELECT ?g ?article ?articleId ?published WHERE {{ GRAPH ?g {{ ?article a schema:NewsArticle
  OPTIONAL {{ ?article schema:identifier ?articleId }} OPTIONAL {{ ?article schema:datePublished ?published }} }}
  FILTER (STRSTARTS(STR(?g), "{_GRAPHS}")) }}"""


def _in_article(body: str) -> str:
    """A WHERE body whose event is typed, and read, inside an article graph: corpus-level graphs
    (such as cross-article resolution) may hold event-like nodes of their own, which would count
    twice; and an event's facts are in its article's graph, where Oxigraph reads them a quarter
    faster than over the union of all graphs (43,000 events at 10,000 articles: 6.8 s -> 5.1 s)."""
    return f'GRAPH ?g {{ {body} }}\n  FILTER (STRSTARTS(STR(?g), "{_GRAPHS}"))'


_CONTACT = """?event sem:hasActor ?source, ?target ; schema:subjectOf ?article .
  FILTER (STR(?source) < STR(?target))
  OPTIONAL { ?event sem:hasTimeStamp|kg:yearlessDate ?stamp }"""
#: per relation, the pattern, inside one graph, binding ?source ?target ?targetLabel ?event ?article ?stamp
_EVENTS_IN_GRAPH = {
    MET: f"?event sem:eventType kg:Meeting .\n  {_CONTACT}",
    PHONED: f"?event sem:eventType kg:PhoneCall .\n  {_CONTACT}",
    CONDEMNED: """?event sem:eventType kg:Condemnation .\n  ?event schema:agent ?source ;
         schema:object ?targetNode ; schema:subjectOf ?article .
  OPTIONAL { ?targetNode kg:targetActor ?targetActor }
  BIND (COALESCE(?targetActor, ?targetNode) AS ?target)
  OPTIONAL { ?targetNode skos:prefLabel ?phrase FILTER (!BOUND(?targetActor)) }
  BIND (?phrase AS ?targetLabel)
  OPTIONAL { ?event sem:hasTimeStamp|kg:yearlessDate ?stamp }""",
    ASSERTS: """?event a schema:Claim .\n  ?event schema:author ?source ; schema:text ?targetLabel ;
         schema:appearance ?article .
  BIND (?event AS ?target)
  OPTIONAL { ?event schema:dateCreated|kg:yearlessDate ?stamp }""",
}
#: per relation, the WHERE body binding those and ?g, the article graph
_PATTERNS = {relation: _in_article(body) for relation, body in _EVENTS_IN_GRAPH.items()}
_TARGET_KIND = {CONDEMNED: "target", ASSERTS: "claim"}

# The reads of actors' attributes take the actors in a `{values}` block (`rows_for_each`): plain
# patterns, counted in Python, since Oxigraph reads a GROUP BY's whole pattern before it joins
# the block.
#: each graph in which ?node is an actor with the label ?label.
_LABEL_MENTIONS = "SELECT DISTINCT ?node ?label ?g WHERE { {values} GRAPH ?g { ?node a sem:Actor ; rdfs:label ?label } }"
_CANONICAL_LABELS = f"SELECT ?node ?label WHERE {{ {{values}} GRAPH <{RESOLUTION_GRAPH}> {{ ?node skos:prefLabel ?label }} }}"
#: ?node's labels and aliases, ?node being an actor.  Not `?node a sem:Actor ; skos:prefLabel|...`:
#: over the union of all graphs that join multiplies an actor's rows by its articles, squared
#: (35 s against 9 s for every actor's names at 10,000 articles).
_NAMES_OF_ACTOR = """{ ?node skos:prefLabel ?label } UNION { ?node rdfs:label ?label } UNION { ?node skos:altLabel ?label }
  FILTER EXISTS { ?node a sem:Actor }"""
_ACTOR_NAMES = f"SELECT DISTINCT ?node ?label WHERE {{ {{values}} {_NAMES_OF_ACTOR} }}"
_KINDS = {str(cls): kind for kind, cls in ACTOR_CLASSES.items()}
#: The kind a node is drawn as when the articles type it several ways (a name some articles take
#: for an organization): the most specific of them, a group before a person before an
#: organization before a country, whatever order the store returns them in.
_KIND_PRECEDENCE = {str(ACTOR_CLASSES[kind]): rank for rank, kind in enumerate(("country", "organization", "person", "group"))}
# Only the kind classes: joining two type triples over the union of all graphs would multiply
# every actor's rows by the number of articles that mention it, squared; and asked whether
# it holds (EXISTS), not matched, so that a country's type is not read from each of its articles.
_ACTOR_TYPES = ("SELECT ?node ?type WHERE { {values} VALUES ?type { "
                + " ".join(f"<{iri}>" for iri in sorted(_KINDS)) + " } FILTER EXISTS { ?node a ?type } }")
#: each graph in which ?node is affiliated with ?country; whether that is a country, and its names,
#: are read apart, once per country (`_COUNTRY_NAMES`): a country is typed and named in every
#: article that names it, and joined here those names multiplied every affiliation by the
#: country's articles (and its type was checked again for each).
_AFFILIATIONS = """SELECT DISTINCT ?node ?country ?g WHERE { {values} GRAPH ?g { ?node kg:affiliation ?country } }"""
_COUNTRY_NAMES = """SELECT DISTINCT ?country ?name WHERE { {values} FILTER EXISTS { ?country a schema:Country }
  { ?country skos:prefLabel ?name } UNION { ?country rdfs:label ?name } }"""
_CORPUS_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"
_ARTICLES = """SELECT DISTINCT ?article ?id ?title ?date ?url WHERE { ?article a schema:NewsArticle .
  OPTIONAL { ?article schema:identifier ?id } OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article schema:datePublished ?date } OPTIONAL { ?article schema:url ?url } }"""


@dataclass
class _Edge:
    """What is known about one (relation, source, target) edge while rows are read."""

    events: dict[str, str | None] = field(default_factory=dict)  # event -> its date
    yearless: set[str] = field(default_factory=set)  # "--06-27": the dates given without a year
    articles: set[str] = field(default_factory=set)
    evidence: dict[tuple[str, str], None] = field(default_factory=dict)  # (article, sentence), ordered


def projection(store: GraphStore, relations: Iterable[str] | None = None, *,
               since: str | None = None, until: str | None = None, min_articles: int = 1,
               actors: Iterable[str] = (), ego: str | None = None, depth: int = 1) -> nx.MultiDiGraph:
    """The relations of `store` as a MultiDiGraph (see the module docstring for attributes).

    `relations` defaults to met, phoned and condemned; "asserts" adds speaker -> claim edges.
    Filters, applied in this order: `since`/`until` (ISO dates, inclusive) keep the events
    dated within the range (undated events are dropped once either is given); `min_articles`
    keeps the edges that many articles support; `actors` (names or IRIs, see `find_actor`)
    keeps only the relations among those actors (and their condemned targets or claims);
    `ego` keeps the actor so named and everything within `depth` edges of it.
    Unknown relations, bad dates and names that match no actor raise ValueError.
    """
    chosen = _check(relations)
    window = (_bound(since, 0) if since else None, _bound(until, 1) if until else None)
    edges, extra = _read_edges(store, chosen, window)
    edges = {k: e for k, e in edges.items() if len(e.articles) >= min_articles}
    wanted = {find_actor(store, name) for name in actors}
    if wanted:
        edges = {(r, s, t): e for (r, s, t), e in edges.items() if s in wanted and (t in wanted or t in extra)}
    graph = _assemble(store, edges, extra)
    if ego is not None:
        centre = find_actor(store, ego)
        if centre not in graph:
            _add_actor_nodes(graph, store, {centre})
        reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=depth)
        graph = nx.MultiDiGraph(graph.subgraph(sorted(reach)))
        graph.graph["ego"] = centre
    graph.graph.update(_describe(store, graph, chosen, since, until, min_articles, list(actors), ego, depth))
    return graph


def _read_edges(store: GraphStore, relations: Iterable[str], window: tuple[str | None, str | None],
                among: Collection[str] | None = None, read: Mapping[str, list[tuple]] | None = None,
                sentences: Mapping[str, list[tuple[int, str]]] | None = None,
                ) -> tuple[dict[tuple[str, str, str], _Edge], dict[str, tuple[str, str]]]:
    """The edges of `relations` whose events fall in `window`, and the target or claim nodes
    they end in (node -> its label and kind); only those whose both ends are `among`, if given.
    `read`: relation -> its `_event_rows`, and `sentences` (`_sentences`) of all their events,
    when already read."""
    edges: dict[tuple[str, str, str], _Edge] = {}
    extra: dict[str, tuple[str, str]] = {}
    relations = list(relations)
    read = read if read is not None else _event_rows(store, relations)
    for relation in relations:
        found = read[relation]
        for source, target, target_label, event, article, sentence, stamp, published in _rows(store, found, among, sentences):
            when = _date(stamp) or _date(published)
            if not _within(when, window) or (among is not None and target not in among):
                continue
            edge = edges.setdefault((relation, source, target), _Edge())
            edge.events.setdefault(event, when)
            if stamp is not None and is_yearless(str(stamp)):
                edge.yearless.add(str(stamp))
            edge.articles.add(article)
            if sentence is not None:
                edge.evidence.setdefault((article, sentence))
            if relation in _TARGET_KIND and target_label is not None:  # (a condemned actor is an actor node)
                extra[target] = (target_label, _TARGET_KIND[relation])
    return edges, extra


def overview_projection(store: GraphStore, max_nodes: int, rows_file: Path | None = None) -> nx.MultiDiGraph:
    """`overview(projection(store), max_nodes)` (the same nodes and edges), reading only what it
    draws: the nodes are ranked from the relations' events (each pair's articles and each
    event's date, no evidence: the sentences are what costs), and only the edges among the
    `max_nodes` kept are projected, with their sentences, so that a build never holds the
    projection of the whole store.  In `graph.graph`, `first` and `last` are the whole
    projection's, as in `overview` (an event told twice in one article with two dates is dated
    by the earlier, where `projection` takes the one told first), and `articles` are those the
    kept edges cite.  A store of at most `max_nodes` nodes gives `projection(store)`.
    `rows_file`: a file that keeps what is read of each article graph between builds
    (`kg.overview_rows`), so that only the graphs changed since are read again."""
    if rows_file is None:
        read, sentences = _event_rows(store, DEFAULT_RELATIONS), None
    else:
        graphs = kept_graph_rows(store, rows_file, _ROWS_MADE_BY, lambda only: _graph_rows(store, DEFAULT_RELATIONS, only))
        read, sentences = _event_rows(store, DEFAULT_RELATIONS, graphs), _all_sentences(graphs)
    pairs, dates, target_labels = _pair_summary(read)
    ends = {node for _, source, target in pairs for node in (source, target)}
    if len(ends) <= max_nodes:
        return projection(store)
    labels = {**_actor_labels(store, ends - set(target_labels)), **target_labels}
    kept = set(_ranked(pairs, {node: str(labels.get(node, node)) for node in ends})[:max_nodes])
    targets = {t: (label, _TARGET_KIND[CONDEMNED]) for t, label in target_labels.items()}
    (edges, _), attributes = side_by_side(lambda: _read_edges(store, DEFAULT_RELATIONS, (None, None), among=kept,
                                                              read=read, sentences=sentences),
                                          lambda: _node_attributes(store, kept, targets))
    graph = _assemble(store, edges, {}, attributes)
    graph.graph.update(_describe(store, graph, list(DEFAULT_RELATIONS), None, None, 1, [], None, 1))
    graph.graph.update(first=dates[0] if dates else None, last=dates[-1] if dates else None,
                       filters=f"the {max_nodes:,} most connected of {len(ends):,} nodes")
    return graph


def _pair_summary(read: Mapping[str, list[tuple]]) -> tuple[dict[tuple[str, str, str], set[str]], list[str], dict[str, str]]:
    """What ranks the nodes of the default projection and dates it, from its relations'
    `_event_rows` (`read`): (relation, source, target) -> the articles of that edge; the dates
    of its events, sorted, each dated as `projection` dates it (by its report in the first
    article, in the order `_rows` reads them); each condemned target node's label (the
    greatest, should it have several)."""
    pairs: dict[tuple[str, str, str], set[str]] = {}
    first_told: dict[tuple[str, str, str, str], tuple[tuple[str, bool, str], str | None]] = {}
    target_labels: dict[str, str] = {}
    for relation, rows in read.items():
        for source, target, label, happening, _, article, _, stamp, published in rows:
            pairs.setdefault((relation, source, target), set()).add(str(article))
            when = _date(stamp) or _date(published)
            order, key = (str(article), when is None, when or ""), (relation, source, target, str(happening))
            if key not in first_told or order < first_told[key][0]:
                first_told[key] = (order, when)
            if relation in _TARGET_KIND and label is not None:
                target_labels[target] = max(label, target_labels.get(target, label))
    return pairs, sorted(when for _, when in first_told.values() if when), target_labels


def _ranked(pairs: dict[tuple[str, str, str], set[str]], labels: Mapping[str, str]) -> list[str]:
    """The nodes of `pairs` in `ranked_nodes` order (by neighbours, then the articles of their
    edges, then label), counted as networkx counts them in `simple_graph` (a loop: twice)."""
    neighbours: dict[str, set[str]] = {}
    weight: dict[str, int] = {}
    for (_, source, target), articles in pairs.items():
        neighbours.setdefault(source, set()).add(target)
        neighbours.setdefault(target, set()).add(source)
        weight[source] = weight.get(source, 0) + len(articles)
        weight[target] = weight.get(target, 0) + len(articles)

    def degree(node: str) -> int:
        return len(neighbours[node]) + (node in neighbours[node])

    return sorted(neighbours, key=lambda n: (-degree(n), -weight[n], labels[n], n))


def simple_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph under a projection: one edge per related pair, with the
    `events` and `articles` of its relations summed (for layouts, centrality, communities)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        old = simple.get_edge_data(source, target, {"events": 0, "articles": 0})
        simple.add_edge(source, target, events=old["events"] + data.get("events", 1),
                        articles=old["articles"] + data.get("articles", 1))
    return simple


def ranked_nodes(graph: nx.MultiDiGraph) -> list[str]:
    """Nodes from most to least important: an ego network's centre first, then by number of
    neighbours, articles of their edges, and label."""
    simple = simple_graph(graph)
    centre = graph.graph.get("ego")
    weight = dict(simple.degree(weight="articles"))
    return sorted(graph.nodes, key=lambda n: (n != centre, -simple.degree(n), -weight[n],
                                              str(graph.nodes[n].get("label", n)), n))


def overview(graph: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """`graph` itself when it has at most `max_nodes` nodes; otherwise its `max_nodes` most
    important nodes (`ranked_nodes`: by neighbours, then by articles of their edges) and the
    edges among them, with "the N most connected of M" added to its filters. A build draws this:
    a diagram of thousands of actors is unreadable and costs minutes and gigabytes to lay out,
    while the whole graph stays a query, `kg draw` or `kg export-graph` away."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    shown = graph.subgraph(ranked_nodes(graph)[:max_nodes]).copy()
    shown.graph["aliases"] = {n: names for n, names in graph.graph.get("aliases", {}).items() if n in shown}
    note = f"the {max_nodes:,} most connected of {graph.number_of_nodes():,} nodes"
    shown.graph["filters"] = "; ".join(part for part in (graph.graph.get("filters", ""), note) if part)
    return shown


def export_graph(graph: nx.MultiDiGraph, path: str | Path, format: str | None = None) -> list[Path]:  # noqa: A002
    """Write a projection for graph tools and return the files written.

    "graphml" (Cytoscape, Gephi, yEd), "gexf" (Gephi) or "csv" (pandas, spreadsheets; the edge
    table at `path` and the node table beside it as `<stem>.nodes.csv`); by default the format
    `path`'s suffix names.  Lists (`evidence`, `evidence_articles`, `dates`, `yearless_dates`) and
    the graph's `articles` are written as JSON text, a missing date as "", and each edge gets
    `weight` = its article count.  The same graph always gives the same bytes.

    GraphML and GEXF edges have unique ids, the same in both and in every export of the same
    store, whatever the filters: the relation and a digest of relation and ends ("met-1f0c...",
    see `_edge_id`); the relation stays the `relation` attribute (networkx reads the id back as
    the edge key).  GEXF also gives each edge its own `type` (met and phoned "undirected",
    condemned and asserts "directed"; `defaultedgetype` is left out when both occur, as Gephi
    then keeps both), its relation as `label` and as `kind` (GEXF 1.3's edge kind, which Gephi
    reads in any version: parallel edges of different kinds are kept apart, not merged), and
    each dated event's day, month or year as a spell
    (timeformat "date", mode "dynamic": Gephi's timeline); undated events have no spell and
    year-less dates stay text (`yearless_dates`).  networkx's `read_gexf` refuses a graph with
    both directed and undirected edges (a documented limit): read the GraphML there instead.
    """
    target = Path(path)
    fmt = (format or target.suffix).lower().lstrip(".")
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"cannot export the graph as {fmt or target.name!r}: use {', '.join(GRAPH_FORMATS)} "
                         f"(or a file named .graphml, .gexf or .csv)")
    target.parent.mkdir(parents=True, exist_ok=True)
    flat = nx.MultiDiGraph(**{k: _flat(v) for k, v in sorted(graph.graph.items())})
    for node, data in sorted(graph.nodes(data=True)):
        flat.add_node(node, **{k: _flat(v) for k, v in data.items()})
    taken: set[str] = set()
    spells: dict[str, list[tuple[str, str]]] = {}
    for source, target_node, key, data in sorted(graph.edges(keys=True, data=True)):
        ident = _edge_id(data.get("relation", key), source, target_node, taken)
        spells[ident] = _spells(data.get("dates") or [])
        flat.add_edge(source, target_node, key=ident, weight=data.get("articles", 1),
                      **{k: _flat(v) for k, v in data.items()})
    if fmt == "graphml":
        nx.write_graphml(flat, target, encoding="utf-8")
        return [target]
    if fmt == "gexf":
        target.write_bytes(_gexf(flat, spells))
        return [target]
    nodes = target.with_name(target.stem + ".nodes.csv")
    _write_csv(target, ["source", "target", "source_label", "target_label", "relation", "directed", "events",
                        "articles", "first", "last", "dates", "evidence", "evidence_articles", "yearless_dates"],
               ([s, t, flat.nodes[s].get("label", s), flat.nodes[t].get("label", t), d["relation"], d["directed"],
                 d["events"], d["articles"], d["first"], d["last"], d["dates"], d["evidence"], d["evidence_articles"],
                 d.get("yearless_dates", "[]")]
                for s, t, d in flat.edges(data=True)))
    _write_csv(nodes, ["id", "label", "kind", "country", "degree"],
               ([n, d.get("label", n), d.get("kind", ""), d.get("country", ""), flat.degree(n)]
                for n, d in flat.nodes(data=True)))
    return [target, nodes]


def _edge_id(relation: str, source: str, target: str, taken: set[str]) -> str:
    """A GraphML/GEXF edge id: the relation and 16 hex digits of the SHA-256 of relation, source
    and target, so that an edge keeps its id from one export to the next (as the projection has
    one edge per relation and ordered pair, the digest alone tells edges apart; a clash, which
    would take billions of edges, gets "-2", "-3"... in edge order).  Added to `taken`."""
    digest = hashlib.sha256(f"{relation}\n{source}\n{target}".encode("utf-8")).hexdigest()[:16]
    ident, n = f"{relation}-{digest}", 1
    while ident in taken:
        n += 1
        ident = f"{relation}-{digest}-{n}"
    taken.add(ident)
    return ident


def _gexf(flat: nx.MultiDiGraph, spells: dict[str, list[tuple[str, str]]]) -> bytes:
    """`flat` (keyed by edge id) as GEXF 1.2 bytes, with what networkx's writer does not do by
    itself: each edge's `type` and `kind`, its `spells` (by edge id; see `export_graph`), no
    `networkx_key` column (the edge id is the key) and no write date (every export would differ)."""
    from networkx.readwrite.gexf import GEXFWriter

    gexf = nx.MultiDiGraph()
    gexf.add_nodes_from(flat.nodes(data=True))
    directions, kinds = set(), {}
    for source, target, ident, data in flat.edges(keys=True, data=True):
        relation = str(data.get("relation", ident))
        direction = "directed" if data.get("directed", relation not in SYMMETRIC) else "undirected"
        directions.add(direction)
        kinds[ident] = relation
        extra = {"id": ident, "label": relation, "type": direction}
        if spells.get(ident):
            extra["spells"] = spells[ident]
        gexf.add_edge(source, target, key=ident, **{**data, **extra})
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(gexf)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    element = writer.xml.find("graph")
    if len(directions) == 1:
        element.set("defaultedgetype", directions.pop())
    elif directions:  # Gephi refuses an edge that goes against the default; each edge says its own
        del element.attrib["defaultedgetype"]
    drop = {a.get("id") for a in element.iter("attribute") if a.get("title") == "networkx_key"}
    for attributes in element.findall("attributes"):
        for declared in [a for a in attributes if a.get("id") in drop]:
            attributes.remove(declared)
    for edge in element.iter("edge"):
        edge.set("kind", kinds[edge.get("id")])
        for values in edge.findall("attvalues"):
            for value in [v for v in values if v.get("for") in drop]:
                values.remove(value)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _spells(dates: Iterable[str]) -> list[tuple[str, str]]:
    """GEXF spells (first day, last day) covering `dates` (ISO days, months, years): one per
    date, sorted, overlapping ones merged into one; what is no ISO date gets none."""
    bounds = sorted({b for b in (_days(d) for d in dates) if b is not None})
    merged: list[tuple[str, str]] = []
    for first, last in bounds:
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _days(value: str) -> tuple[str, str] | None:
    """The first and last day of an ISO day, month or year (`date_bounds`), as real dates; None
    for anything else ("2024-02-30", "2024-13", year 0, a timestamp)."""
    if re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value) is None:
        return None
    try:
        first, last = date_bounds(value)
        datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    except ValueError:
        return None
    return first, last


def _flat(value: object) -> object:
    """An attribute value graph files can hold: lists and dicts as JSON text, None as ""."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _write_csv(path: Path, header: list[str], rows: Iterable[list]) -> None:
    """RFC 4180 CSV with a header line, UTF-8, "\n" line ends."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def find_actor(store: GraphStore, name: str) -> str:
    """The IRI of the actor `name` designates: an IRI, a label or alias (case, accents and spacing
    aside), or a unique part of one ("Blinken", "rund").  ValueError when nothing matches or
    several actors do.

    The actors under the name's key (`kg:nameKey`: each name and word resolution indexed) are
    read first, through the store's index; only when none of them fits (a part of a word, a label
    resolution did not index, a store resolved by an older kg, a name no actor has) are every
    actor's labels read."""
    if _URL.match(name) and store.query(_IS_ACTOR, {"node": name}).rows:
        return name
    wanted = name_key(name)
    for read in (lambda: _names_under_key(store, wanted), lambda: _every_actor_name(store)):
        names = read()
        for test in (lambda label: label == wanted, lambda label: wanted in label):
            found = sorted(node for node, labels in names.items() if any(test(label) for label in labels))
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise ValueError(f"{name!r} matches several actors: {', '.join(found)}")
    raise ValueError(f"no actor is called {name!r}")


_URL = re.compile(r"https?://", re.IGNORECASE)
_IS_ACTOR = "SELECT ?node WHERE { ?node a sem:Actor } LIMIT 1"
_NAMES_UNDER_KEY = f"""SELECT DISTINCT ?key ?node ?label WHERE {{
  GRAPH <{RESOLUTION_GRAPH}> {{ ?node kg:nameKey ?key }}
  {_NAMES_OF_ACTOR} }}"""


def _names_under_key(store: GraphStore, key: str) -> dict[str, set[str]]:
    """The actors `key` is a `kg:nameKey` of, each with its labels as `name_key` folds them."""
    names: dict[str, set[str]] = {}
    for _, node, label in store.query(_NAMES_UNDER_KEY, {"key": key}).rows if key else ():
        names.setdefault(str(node), set()).add(name_key(str(label)))
    return names


def _every_actor_name(store: GraphStore) -> dict[str, set[str]]:
    """Every actor with its labels as `name_key` folds them: one pass over every label."""
    names: dict[str, set[str]] = {}
    for node, label in store.query(_ACTOR_NAMES.replace("{values}", "")).rows:
        names.setdefault(str(node), set()).add(name_key(str(label)))
    return names


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day an ISO date, month ("2022-09": to "2022-09-30") or year stands
    for, as ISO dates (a timestamp: its day)."""
    day = value[:10]
    if len(day) == 10:
        return day, day
    if len(day) == 7:
        year, month = int(day[:4]), int(day[5:])
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 and year >= 1 else 31
        return day + "-01", f"{day}-{last:02d}"
    if len(day) == 4:
        return day + "-01-01", day + "-12-31"
    raise ValueError(f"not an ISO date: {value!r} (write YYYY-MM-DD, YYYY-MM or YYYY)")


def _bound(value: str, end: int) -> str:
    """A --since (end=0) or --until (end=1) bound as an ISO day; ValueError when malformed."""
    if not (value[:4].isdigit() and all(p.isdigit() for p in value.split("-"))):
        raise ValueError(f"not an ISO date: {value!r} (write YYYY-MM-DD, YYYY-MM or YYYY)")
    return date_bounds(value)[end]


def _date(value: object) -> str | None:
    """An RDF date value (xsd:date, gYearMonth, gYear, dateTime) as its ISO text, or None."""
    if value is None:
        return None
    text = str(value)[:10]
    return text if text[:4].isdigit() else None


def _within(when: str | None, window: tuple[str | None, str | None]) -> bool:
    """Whether an event dated `when` may fall in [since, until] (no window: always)."""
    since, until = window
    if since is None and until is None:
        return True
    if when is None:
        return False
    first, last = date_bounds(when)
    return (since is None or last >= since) and (until is None or first <= until)


def _check(relations: Iterable[str] | None) -> list[str]:
    """The relations to project, validated; ValueError names the known ones."""
    chosen = list(DEFAULT_RELATIONS if relations is None else dict.fromkeys(relations))
    unknown = [r for r in chosen if r not in RELATIONS]
    if unknown:
        raise ValueError(f"unknown relation(s) {', '.join(unknown)} (known: {', '.join(RELATIONS)})")
    return chosen


def _events_query(relation: str) -> str:
    """The (graph, source, target, target label, event, article, own date) rows of `relation`'s events."""
    return f"SELECT DISTINCT ?g ?source ?target ?targetLabel ?event ?article ?stamp\nWHERE {{\n  {_PATTERNS[relation]}\n}}"


def _events_in_graph(graph: str, relations: Iterable[str]) -> str:
    """The (relation, source, target, target label, event, article, own date) rows of the events
    of `relations` in the one `graph`: named in the query, not bound by a VALUES block, which
    Oxigraph joins after it has read the pattern in every graph (100 graphs: 3 s a relation at
    10,000 articles, against a few milliseconds each named)."""
    return ("SELECT DISTINCT ?relation ?source ?target ?targetLabel ?event ?article ?stamp WHERE {\n  "
            + "\n  UNION ".join(f'{{ GRAPH <{graph}> {{ {_EVENTS_IN_GRAPH[relation]} }} BIND ("{relation}" AS ?relation) }}'
                                for relation in relations) + "\n}")


#: each article of the one graph <{graph}>, with its identifier and publication date
_ARTICLE_IN_GRAPH = """SELECT ?article ?articleId ?published WHERE { GRAPH <{graph}> { ?article a schema:NewsArticle
  OPTIONAL { ?article schema:identifier ?articleId } OPTIONAL { ?article schema:datePublished ?published } } }"""
#: what the rows kept between builds (`kg.overview_rows`) are read by: rows kept by other queries are read again
_ROWS_MADE_BY = hashlib.sha256("\n".join([*(_events_query(r) for r in DEFAULT_RELATIONS), _events_in_graph("", DEFAULT_RELATIONS),
                                           _ARTICLE_ID_AND_DATE, _ARTICLE_IN_GRAPH, _SENTENCES]).encode("utf-8")).hexdigest()


def _event_rows(store: GraphStore, relations: Iterable[str], graphs: Mapping[str, GraphRows] | None = None,
                ) -> dict[str, list[tuple]]:
    """Relation -> the (source, target, target label, happening, event, article, article's
    identifier, own date, article date) rows of its events, without their sentences, each once:
    one query per relation, read side by side (`answers`) with the happenings and the
    articles' identifiers and dates, which are joined in here: as OPTIONALs of each relation's
    query they doubled its time (16,500 meetings at 10,000 articles: 3.1 s against 1.6 s).
    `graphs`: each article graph's rows (`_graph_rows`), already read: only the happenings are."""
    relations = list(relations)
    if graphs is None:
        *answered, reported, articles = answers(store, [*map(_events_query, relations), _HAPPENINGS, _ARTICLE_ID_AND_DATE])
        found, described_rows = [answer.rows for answer in answered], articles.rows
    else:
        reported = store.query(_HAPPENINGS)
        found = [[(graph, *row) for graph, kept in graphs.items() for row in kept.events.get(relation, ())]
                 for relation in relations]
        described_rows = [(graph, *row) for graph, kept in graphs.items() for row in kept.articles]
    happenings: dict[object, list[object]] = {}
    for event, consolidated in reported.rows:
        happenings.setdefault(event, []).append(consolidated)
    described: dict[tuple[object, object], list[tuple[object, object]]] = {}
    for graph, article, identifier, published in described_rows:
        described.setdefault((graph, article), []).append((identifier, published))
    rows = {}
    for relation, answer in zip(relations, found):
        rows[relation] = list(dict.fromkeys(
            (source, target, label, happening, event, article, identifier, stamp, published)
            for graph, source, target, label, event, article, stamp in answer
            for happening in happenings.get(event, (event,))
            for identifier, published in described.get((graph, article), ((None, None),))))
    return rows


def _graph_rows(store: GraphStore, relations: Iterable[str], only: Collection[str] | None) -> dict[str, GraphRows]:
    """Article graph -> what `_event_rows` reads of it, and the sentences of its events, for the
    graphs `only` (None: all)."""
    relations = list(relations)
    graphs: dict[str, GraphRows] = {}
    if only is None:
        *found, articles = [answer.rows for answer in answers(store, [*map(_events_query, relations), _ARTICLE_ID_AND_DATE])]
        for relation, rows in zip(relations, found):
            for graph, *row in rows:
                graphs.setdefault(graph, GraphRows()).events.setdefault(relation, []).append(tuple(row))
        for graph, *row in articles:
            graphs.setdefault(graph, GraphRows()).articles.append(tuple(row))
    else:
        ordered = sorted(only)
        queries = (query for graph in ordered for query in (_events_in_graph(graph, relations),
                                                            _ARTICLE_IN_GRAPH.replace("{graph}", graph)))
        read = answers(store, queries)
        for graph in ordered:
            kept = graphs.setdefault(graph, GraphRows())
            for relation, *row in next(read).rows:
                kept.events.setdefault(relation, []).append(tuple(row))
            kept.articles = [tuple(row) for row in next(read).rows]
    events = {row[3] for kept in graphs.values() for rows in kept.events.values() for row in rows}
    for graph, event, sentence, begin in rows_for_each(store, _SENTENCES, "event", events):
        graphs.setdefault(graph, GraphRows()).sentences.setdefault(event, []).append((int(begin), sentence))
    return graphs


def _all_sentences(graphs: Mapping[str, GraphRows]) -> dict[str, list[tuple[int, str]]]:
    """`_sentences` of every event of `graphs` (`_graph_rows`)."""
    sentences: dict[str, list[tuple[int, str]]] = {}
    for kept in graphs.values():
        for event, told in kept.sentences.items():
            sentences.setdefault(event, []).extend(told)
    return sentences


def _rows(store: GraphStore, found: list[tuple], sources: Collection[str] | None = None,
          sentences: Mapping[str, list[tuple[int, str]]] | None = None) -> list[tuple]:
    """(source, target, target label, happening, article id, sentence, own date, article date)
    rows of the events `found` (`_event_rows`), one per source sentence of an event (None
    without one), in article and text order; only those whose source is one of `sources`, if
    given. `sentences`: the `_sentences` of every event found, when already read."""
    found = [row for row in found if sources is None or row[0] in sources]
    if sentences is None:
        sentences = _sentences(store, {row[4] for row in found})
    rows: dict[tuple, None] = {}
    for source, target, label, happening, event, article, aid, stamp, published in found:
        for begin, sentence in sentences.get(event, ((None, None),)):
            rows.setdefault((article, begin, happening, source, target, label, aid, sentence, stamp, published))
    ordered = sorted(rows, key=lambda row: (str(row[0]), row[1] is not None, row[1] or 0, *map(_sort_key, row[2:])))
    return [(s, t, label, happening, _article_id(article, aid), sentence, stamp, published)
            for article, _, happening, s, t, label, aid, sentence, stamp, published in ordered]


def _sentences(store: GraphStore, events: Collection[object]) -> dict[object, list[tuple[int, str]]]:
    """event -> the (begin offset, text) of each source sentence it was derived from."""
    found: dict[object, list[tuple[int, str]]] = {}
    for _, event, sentence, begin in rows_for_each(store, _SENTENCES, "event", events):
        found.setdefault(event, []).append((int(begin), sentence))
    return found


def _sort_key(value: object) -> tuple[bool, str]:
    """An order for optional values: unbound first (as SPARQL's ORDER BY), then by text."""
    return value is not None, "" if value is None else str(value)


def _article_id(article: object, identifier: object) -> str:
    """An article's id: its schema:identifier, else the last segment of its IRI."""
    return str(identifier) if identifier is not None else unquote(str(article).rsplit("/", 1)[-1])


def _assemble(store: GraphStore, edges: dict[tuple[str, str, str], _Edge], extra: dict[str, tuple[str, str]],
              nodes: Mapping[str, dict] | None = None) -> nx.MultiDiGraph:
    """The graph of the kept edges: actor nodes, target/claim nodes (`extra`: node -> label and
    kind), then the edges, all sorted.  The nodes are the edges' ends, or `nodes` (node ->
    attributes) when given."""
    graph = nx.MultiDiGraph()
    if nodes is None:
        nodes = _node_attributes(store, {node for _, s, t in edges for node in (s, t)}, extra)
    graph.add_nodes_from(nodes.items())
    for (relation, source, target), edge in sorted(edges.items(), key=lambda item: item[0][1:] + item[0][:1]):
        dates = sorted(d for d in edge.events.values() if d)
        graph.add_edge(source, target, key=relation, relation=relation, directed=relation not in SYMMETRIC,
                       events=len(edge.events), event_ids=sorted(edge.events),
                       event_dates=[edge.events[event] for event in sorted(edge.events)], articles=len(edge.articles),
                       first=dates[0] if dates else None, last=dates[-1] if dates else None, dates=dates,
                       yearless_dates=sorted(edge.yearless), evidence=[s for _, s in edge.evidence],
                       evidence_articles=[a for a, _ in edge.evidence])
    return graph


def _add_actor_nodes(graph: nx.MultiDiGraph, store: GraphStore, nodes: set[str]) -> None:
    """Actor nodes with kind, country and label (see `_actor_attributes`), sorted."""
    graph.add_nodes_from(_actor_attributes(store, nodes).items())


def _node_attributes(store: GraphStore, nodes: set[str], extra: Mapping[str, tuple[str, str]]) -> dict[str, dict]:
    """node -> its attributes, for `nodes`: the actors sorted, then the target and claim nodes of
    `extra` (node -> label and kind) sorted."""
    attributes = _actor_attributes(store, nodes - set(extra))
    for node in sorted(nodes & set(extra)):
        attributes[node] = {"label": extra[node][0], "kind": extra[node][1], "country": ""}
    return attributes


def _actor_attributes(store: GraphStore, nodes: set[str]) -> dict[str, dict]:
    """Actor node -> kind, country and label, sorted by node (see `_actor_labels`; the country
    most articles give, ties to the smallest)."""
    labels, mentions, types = side_by_side(lambda: _actor_labels(store, nodes), lambda: _country_mentions(store, nodes),
                                           lambda: rows_for_each(store, _ACTOR_TYPES, "node", nodes))
    countries = _most_used(mentions)
    kinds: dict[str, str] = {}
    for node, rdf_type in sorted(types, key=lambda row: _KIND_PRECEDENCE.get(row[1], -1)):
        if rdf_type in _KINDS:
            kinds[node] = _KINDS[rdf_type]  # (the last, by precedence, wins)
    attributes = {}
    for node in sorted(nodes):
        kind = kinds.get(node, "actor")
        label = labels.get(node, node)
        attributes[node] = {"label": label, "kind": kind,
                            "country": label if kind == "country" else countries.get(node, "")}
    return attributes


def _country_mentions(store: GraphStore, nodes: Collection[str]) -> set[tuple]:
    """(node, a name of its country, graph) for each graph in which an actor of `nodes` is
    affiliated with a country, and each name the store gives that country (once: two countries
    of one name count once in a graph)."""
    affiliations = rows_for_each(store, _AFFILIATIONS, "node", nodes)
    names: dict[object, list[object]] = {}
    for country, name in rows_for_each(store, _COUNTRY_NAMES, "country", {c for _, c, _ in affiliations}):
        names.setdefault(country, []).append(name)
    return {(node, name, graph) for node, country, graph in affiliations for name in names.get(country, ())}


def _actor_labels(store: GraphStore, nodes: Collection[str]) -> dict[str, str]:
    """Actor node -> its canonical label from cross-article resolution, else the label most
    articles use (ties to the smallest); nodes with no label are left out."""
    labels = dict(rows_for_each(store, _CANONICAL_LABELS, "node", nodes))
    labels.update(_most_used(rows_for_each(store, _LABEL_MENTIONS, "node", [n for n in nodes if n not in labels])))
    return labels


def _most_used(rows: Iterable[tuple]) -> dict[str, str]:
    """node -> the value found in the most graphs, from (node, value, graph) rows; ties: smallest."""
    best: dict[str, tuple[int, str]] = {}
    for (node, value), count in Counter((node, str(value)) for node, value, _ in rows).items():
        if node not in best or (-count, value) < best[node]:
            best[node] = (-count, value)
    return {node: value for node, (_, value) in best.items()}


def _describe(store: GraphStore, graph: nx.MultiDiGraph, relations: list[str], since: str | None,
              until: str | None, min_articles: int, actors: list[str], ego: str | None,
              depth: int) -> dict:
    """Graph-level attributes: the corpus, the cited articles, the date range and the filters."""
    cited = {a for _, _, d in graph.edges(data=True) for a in d["evidence_articles"]}
    listed, counted, aliases = side_by_side(lambda: store.query(_ARTICLES), lambda: store.query(_CORPUS_ARTICLES),
                                            lambda: _aliases(store, graph))
    articles = {}
    for iri, identifier, title, published, url in listed.rows:
        article = _article_id(iri, identifier)
        if article in cited:
            articles[article] = {"title": str(title or ""), "date": _date(published) or "", "url": str(url or "")}
    dates = sorted(d for _, _, data in graph.edges(data=True) for d in data["dates"])
    filters = [f"relations {', '.join(relations)}"] if list(relations) != list(DEFAULT_RELATIONS) else []
    filters += [f"from {since}"] * bool(since) + [f"until {until}"] * bool(until)
    filters += [f"at least {min_articles} articles"] * (min_articles > 1)
    filters += [f"among {', '.join(actors)}"] * bool(actors)
    filters += [f"{depth} step{'s' * (depth != 1)} around {ego}"] * (ego is not None)
    return {"corpus_articles": int(counted.rows[0][0]), "articles": dict(sorted(articles.items())),
            "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
            "filters": "; ".join(filters), "aliases": aliases}


def _aliases(store: GraphStore, graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Actor node of `graph` -> its labels and aliases other than its node label, sorted (nodes
    with none left out): the names an analyst may type to find it."""
    names: dict[str, set[str]] = {}
    for node, label in rows_for_each(store, _ACTOR_NAMES, "node", graph.nodes):
        node = str(node)
        if str(label) != graph.nodes[node].get("label"):
            names.setdefault(node, set()).add(" ".join(str(label).split()))
    return {node: sorted(labels) for node, labels in sorted(names.items())}
