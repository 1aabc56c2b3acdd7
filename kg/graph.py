"""The graph stage: a NetworkX projection of the store, one edge per relation and actor pair.

Built from the store through SPARQL (not from extraction records), so it shows exactly what
the knowledge graph says, whichever way it was filled.  Nodes are keyed by IRI and carry
`label` and `kind` ("person", "organization", "country", "group", "actor", "target",
"claim"); edges are keyed by relation and carry `relation`, `events` (how many event or claim
nodes support the edge), `articles` (how many distinct articles) and `evidence` (the distinct
source sentences, in article and text order).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.rdf import ACTOR_CLASSES
from kg.records import ASSERTS, CONDEMNED, MET, PHONED, RELATIONS
from kg.store import Store

__all__ = ["projection", "DEFAULT_RELATIONS", "SYMMETRIC"]

#: relations projected when none are asked for: those between actors (claims are opt-in).
DEFAULT_RELATIONS = (MET, PHONED, CONDEMNED)
#: relations with no direction: one edge per unordered pair, from the smaller IRI.
SYMMETRIC = frozenset({MET, PHONED})

_EVIDENCE = """
  OPTIONAL { ?event prov:wasDerivedFrom ?span .
             ?span a nif:Sentence ; nif:anchorOf ?sentence ; nif:beginIndex ?begin }"""
_CONTACT = """?event sem:eventType {type} ; sem:hasActor ?source, ?target ; schema:subjectOf ?article .
  FILTER (STR(?source) < STR(?target))"""
#: per relation, the WHERE body binding ?source ?target ?targetLabel ?event ?article.
_PATTERNS = {
    MET: _CONTACT.format(type="kg:Meeting"),
    PHONED: _CONTACT.format(type="kg:PhoneCall"),
    CONDEMNED: """?event sem:eventType kg:Condemnation ; schema:agent ?source ; schema:object ?target ;
         schema:subjectOf ?article .
  OPTIONAL { ?target skos:prefLabel ?targetLabel }""",
    ASSERTS: """?event a schema:Claim ; schema:author ?source ; schema:text ?targetLabel ;
         schema:appearance ?article .
  BIND (?event AS ?target)""",
}
_TARGET_KIND = {CONDEMNED: "target", ASSERTS: "claim"}

_ACTOR_LABELS = """SELECT ?node ?label (COUNT(DISTINCT ?g) AS ?n)
WHERE { GRAPH ?g { ?node a sem:Actor ; skos:prefLabel ?label } } GROUP BY ?node ?label"""
_KINDS = {str(cls): kind for kind, cls in ACTOR_CLASSES.items()}
# Only the kind classes: joining two type triples over the union of all graphs would multiply
# every actor's rows by the number of articles that mention it, squared.
_ACTOR_TYPES = ("SELECT DISTINCT ?node ?type WHERE { VALUES ?type { "
                + " ".join(f"<{iri}>" for iri in sorted(_KINDS)) + " } ?node a ?type }")


@dataclass
class _Edge:
    """What is known about one (relation, source, target) edge while rows are read."""

    events: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)


def projection(store: Store, relations: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The relations of `store` as a MultiDiGraph (see the module docstring for attributes).

    `relations` defaults to met, phoned and condemned; "asserts" adds speaker -> claim edges.
    """
    chosen = _check(relations)
    graph = nx.MultiDiGraph()
    edges: dict[tuple[str, str, str], _Edge] = {}
    extra_labels: dict[str, tuple[str, str]] = {}
    for relation in chosen:
        for source, target, target_label, event, article, sentence in _rows(store, relation):
            edge = edges.setdefault((relation, source, target), _Edge())
            edge.events.add(event)
            edge.articles.add(article)
            if sentence is not None and sentence not in edge.evidence:
                edge.evidence.append(sentence)
            if relation in _TARGET_KIND:
                extra_labels[target] = (target_label or target, _TARGET_KIND[relation])
    actors = {node for _, s, t in edges for node in (s, t)} - set(extra_labels)
    _add_actor_nodes(graph, store, actors)
    for node, (label, kind) in sorted(extra_labels.items()):
        graph.add_node(node, label=label, kind=kind)
    for (relation, source, target), edge in sorted(edges.items()):
        graph.add_edge(source, target, key=relation, relation=relation, events=len(edge.events),
                       articles=len(edge.articles), evidence=edge.evidence)
    return graph


def _check(relations: Iterable[str] | None) -> list[str]:
    """The relations to project, validated; ValueError names the known ones."""
    chosen = list(DEFAULT_RELATIONS if relations is None else dict.fromkeys(relations))
    unknown = [r for r in chosen if r not in RELATIONS]
    if unknown:
        raise ValueError(f"unknown relation(s) {', '.join(unknown)} (known: {', '.join(RELATIONS)})")
    return chosen


def _rows(store: Store, relation: str) -> list[tuple]:
    """(source, target, target label, event, article, sentence) for every supporting node."""
    query = (f"SELECT DISTINCT ?source ?target ?targetLabel ?event ?article ?sentence ?begin\n"
             f"WHERE {{\n  {_PATTERNS[relation]}{_EVIDENCE}\n}} ORDER BY ?article ?begin ?event")
    return [row[:6] for row in store.query(query).rows]


def _add_actor_nodes(graph: nx.MultiDiGraph, store: Store, nodes: set[str]) -> None:
    """Actor nodes with their kind and their label, the one most articles use (ties: smallest)."""
    labels: dict[str, tuple[int, str]] = {}
    for node, label, count in store.query(_ACTOR_LABELS).rows:
        best = labels.get(node)
        if node in nodes and (best is None or (-count, label) < (-best[0], best[1])):
            labels[node] = (count, label)
    kinds: dict[str, str] = {}
    for node, rdf_type in store.query(_ACTOR_TYPES).rows:
        if node in nodes and rdf_type in _KINDS:
            kinds[node] = _KINDS[rdf_type]
    for node in sorted(nodes):
        graph.add_node(node, label=labels.get(node, (0, node))[1], kind=kinds.get(node, "actor"))
