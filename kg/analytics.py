"""Analytics of a relationship projection (see kg.graph): what `kg stats` prints.

Counts, the most central actors (degree: how many others an actor is related to; weighted
degree: the articles behind those relations; betweenness: how often it lies on the shortest
path between two others), communities (Louvain, seeded, with their modularity) and the
busiest pairs.  Everything is computed on the undirected simple graph under the projection
(parallel relations of one pair merged, their events and articles summed), and ranked with
ties broken by label, so the same graph always gives the same report.

`date_coverage` says how much of a projection is dated (n of m events, and their range): the
statistics, the figures' titles and the interactive page all state it, so that one year-only
date among 75 undated events never reads as "2013 to 2013".
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import networkx as nx

from kg.graph import simple_graph

__all__ = ["GraphStats", "graph_stats", "DateCoverage", "date_coverage"]

#: node kinds that are not actors (the objects of condemned and asserts).
_NOT_ACTORS = {"target", "claim"}
_SEED = 42
#: above this many nodes, betweenness is estimated from this many seeded sample sources.
_BETWEENNESS_SAMPLE = 1000


@dataclass(frozen=True)
class DateCoverage:
    """How many of a projection's events are dated, and the range of those dates (ISO text)."""

    dated: int
    events: int
    first: str | None
    last: str | None

    def text(self) -> str:
        """"2024-03-11 to 2024-03-15" when every event is dated, "12 of 75 events dated, 2023-01
        to 2023-05" when some are, "none of 75 events dated" when none is ("no events": none at all)."""
        if not self.events:
            return "no events"
        if not self.dated:
            return f"none of {self.events} event{'s' * (self.events != 1)} dated"
        span = self.first if self.last == self.first else f"{self.first} to {self.last}"
        return span if self.dated == self.events else f"{self.dated} of {self.events} events dated, {span}"


def date_coverage(graph: nx.MultiDiGraph) -> DateCoverage:
    """The dated share of `graph`'s events and the earliest and latest of their dates, read from
    the edges themselves (what is drawn): each event once however many edges it is on (by its
    IRI in `event_ids`, dated by `event_dates`: a meeting of three is one event on three edges);
    on an edge without them, its `events`, of which `dates` are dated."""
    by_id: dict[str, str | None] = {}
    events, dates = 0, []
    for _, _, data in graph.edges(data=True):
        if "event_dates" in data:
            by_id.update(zip(data["event_ids"], data["event_dates"]))
        else:
            events += int(data.get("events", 1))
            dates += data.get("dates") or []
    dates = sorted(dates + [d for d in by_id.values() if d])
    return DateCoverage(len(dates), events + len(by_id), dates[0] if dates else None, dates[-1] if dates else None)


@dataclass
class GraphStats:
    """The report: counts, rankings (label, value), communities (labels) and busiest pairs."""

    actors: int = 0
    other_nodes: int = 0
    edges: dict[str, int] = field(default_factory=dict)  # relation -> related pairs (one edge each)
    events: dict[str, int] = field(default_factory=dict)  # relation -> happenings (consolidated events)
    corpus_articles: int | None = None
    cited_articles: int = 0
    first: str | None = None
    last: str | None = None
    dated_events: int = 0
    all_events: int = 0
    degree: list[tuple[str, int]] = field(default_factory=list)
    weighted_degree: list[tuple[str, int]] = field(default_factory=list)
    betweenness: list[tuple[str, float]] = field(default_factory=list)
    communities: list[list[str]] = field(default_factory=list)
    modularity: float | None = None
    pairs: list[dict] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as text for a terminal."""
        relations = ", ".join(f"{r} {n}" for r, n in self.edges.items()) or "none"
        happenings = ", ".join(f"{r} {n}" for r, n in self.events.items()) or "none"
        dates = DateCoverage(self.dated_events, self.all_events, self.first, self.last).text()
        out = [f"actors in these relations: {self.actors}"
               + (f" (and {self.other_nodes} targets or claims)" if self.other_nodes else ""),
               f"pairs (two nodes a relation links, counted per relation): {sum(self.edges.values())} ({relations})",
               f"events (one per happening, however many articles tell it): {happenings}",
               f"articles: {self.cited_articles} cited" + (f" of {self.corpus_articles} in the store"
                                                          if self.corpus_articles is not None else ""),
               f"dates: {dates}"]
        for title, ranking, fmt in (("degree (actors related to)", self.degree, "{}"),
                                    ("weighted degree (articles)", self.weighted_degree, "{}"),
                                    ("betweenness", self.betweenness, "{:.3f}")):
            out += ["", f"most central by {title}:"]
            out += [f"  {fmt.format(value):>7}  {label}" for label, value in ranking] or ["  (none)"]
        quality = f", modularity {self.modularity:.3f}" if self.modularity is not None else ""
        out += ["", f"communities (Louvain{quality}):"]
        out += [f"  {i}. ({len(c)}) {', '.join(c[:8])}{', …' if len(c) > 8 else ''}"
                for i, c in enumerate(self.communities, 1)] or ["  (none)"]
        out += ["", "busiest pairs:"]
        out += [f"  {p['events']:>3} events, {p['articles']:>3} articles  {p['a']} – {p['b']}  ({p['relations']})"
                for p in self.pairs] or ["  (none)"]
        return out

    def to_json(self) -> str:
        """The report as JSON (the same fields as the dataclass)."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


def graph_stats(graph: nx.MultiDiGraph, top: int = 10) -> GraphStats:
    """The report on `graph`, with `top` entries per ranking, community list and pair list."""
    simple = simple_graph(graph)
    label = {n: str(graph.nodes[n].get("label", n)) for n in graph.nodes}
    actors = [n for n in sorted(graph.nodes) if graph.nodes[n].get("kind") not in _NOT_ACTORS]
    coverage = date_coverage(graph)
    stats = GraphStats(actors=len(actors), other_nodes=graph.number_of_nodes() - len(actors),
                       corpus_articles=graph.graph.get("corpus_articles"), first=coverage.first,
                       last=coverage.last, dated_events=coverage.dated, all_events=coverage.events)
    happenings: dict[str, set[str]] = {}
    for _, _, key, data in sorted(graph.edges(keys=True, data=True)):
        relation = data.get("relation", key)
        stats.edges[relation] = stats.edges.get(relation, 0) + 1
        happenings.setdefault(relation, set()).update(data.get("event_ids", ()))
    stats.edges = dict(sorted(stats.edges.items()))
    stats.events = {relation: len(ids) for relation, ids in sorted(happenings.items())}
    stats.cited_articles = len({a for _, _, d in graph.edges(data=True) for a in d.get("evidence_articles", [])})

    def ranking(values: dict[str, float]) -> list[tuple[str, float]]:
        chosen = sorted(actors, key=lambda n: (-values[n], label[n], n))[:top]
        return [(label[n], values[n]) for n in chosen]

    stats.degree = ranking(dict(simple.degree()))
    stats.weighted_degree = ranking(dict(simple.degree(weight="articles")))
    sample = _BETWEENNESS_SAMPLE if len(simple) > _BETWEENNESS_SAMPLE else None
    stats.betweenness = [(n, round(v, 4)) for n, v in
                         ranking(nx.betweenness_centrality(simple, k=sample, seed=_SEED))]
    if simple.number_of_edges():
        found = nx.community.louvain_communities(simple, weight="articles", seed=_SEED)
        stats.modularity = round(nx.community.modularity(simple, found, weight="articles"), 4)
        members = [sorted(c, key=lambda n: (-simple.degree(n), label[n], n)) for c in found if len(c) > 1]
        members.sort(key=lambda c: (-len(c), label[c[0]]))
        stats.communities = [[label[n] for n in c] for c in members[:top]]
    stats.pairs = _busiest_pairs(graph, label, top)
    return stats


def _busiest_pairs(graph: nx.MultiDiGraph, label: dict[str, str], top: int) -> list[dict]:
    """The pairs with most events (then articles, then labels), each relation's share listed.

    Articles of a pair are the distinct articles quoted as evidence of any of its relations
    (so an article that reports a meeting and a call counts once)."""
    pairs: dict[tuple[str, str], dict] = {}
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        a, b = sorted((source, target), key=lambda n: (label[n], n))
        pair = pairs.setdefault((a, b), {"a": label[a], "b": label[b], "events": 0, "sources": set(), "parts": []})
        pair["events"] += data.get("events", 1)
        pair["sources"] |= set(data.get("evidence_articles", []))
        pair["parts"].append(f"{data.get('relation', key)} {data.get('events', 1)}")
    ranked = sorted(pairs.values(), key=lambda p: (-p["events"], -len(p["sources"]), p["a"], p["b"]))[:top]
    return [{"a": p["a"], "b": p["b"], "events": p["events"], "articles": len(p["sources"]),
             "relations": ", ".join(p["parts"])} for p in ranked]
