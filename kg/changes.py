"""What changed since the last resolution, and which actors it reaches: the scope of an
incremental resolution (`kg.resolve.resolve`).

Resolution leaves a record in its graph of what it resolved (`kg:resolvedHash`,
`kg:resolvedActor`, `kg:claimKey` and `kg:resolvedIn` on each article graph's IRI, `kg:registryDigest` on the resolution graph
itself) and an index of the actors' names (`kg:partitionKey`, see `kg.names.partition_keys`).
The next resolution compares the article graphs' content hashes with that record: the graphs
added, changed or gone are the change, and everything resolution derives is decided again only
where it can differ:

* **merges and ambiguities** for the actors whose names share a partition key with an actor of
  a changed graph (before or after the change), and so on until no new actor is reached: two
  names that share no key are never compared (`plan_merges`), so these are decided as a
  resolution over the whole corpus would decide them;
* **events, pair summaries, conflicts and labels** of the actors of the changed graphs and of
  those whose merge changed (`Scope.touched`, filled in by `resolve`);
* **claims** of the graphs whose claims changed or whose speakers a merge or removal renames,
  with every claim elsewhere of the same speaker and words (the only ones they can contradict),
  found by the claim keys (`kg:claimKey`) the last resolution recorded on each graph.

A changed registry, or a store with no record (made by an older kg), is resolved whole; so is
any store after `kg query --update`, which may change anything without changing a hash.
Everything here reads the store through its indexes (VALUES lists of IRIs or keys), never the
whole store into Python, except the one hash per article graph.
"""
from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from .names import key_partners, partition_keys
from .store import GraphStore, answers, rows_for_each, side_by_side, value_chunks
from .vocab import ID, RESOLUTION_GRAPH

__all__ = ["Scope", "changed_scope", "graph_hashes", "registry_digest", "unhashed_graphs"]

@dataclass
class Scope:
    """What an incremental resolution decides again."""

    graphs: set[str]  # article graphs added, changed or gone since the last resolution
    seeds: set[str]  # the actors those graphs name, or named before the change
    actors: set[str] = field(default_factory=set)  # the seeds and every actor their names reach
    touched: set[str] = field(default_factory=set)  # actors whose events and labels are redone
    unhashed: set[str] = field(default_factory=set)  # article graphs with no content hash: to extract again

    @property
    def is_empty(self) -> bool:
        return not self.graphs


#: What the resolution graph's records hold, for an incremental resolution to start from: a
#: store whose resolution recorded less (made by an older kg) is resolved whole once.
#: 2: article graphs' claim keys (`kg:claimKey`); 3: their tokens, new at each recording (`kg:resolvedIn`).
RESOLUTION_FORMAT = 3


def registry_digest(turtle_graph) -> str:  # noqa: ANN001 (an rdflib Graph)
    """A digest of the registry's statements, order apart, and of `RESOLUTION_FORMAT`: another
    registry, or records of another format, is a resolution of the whole corpus."""
    lines = sorted(" ".join(term.n3() for term in triple) for triple in turtle_graph)
    lines.append(f"resolution format {RESOLUTION_FORMAT}")
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


_HASHES = f"""SELECT ?g ?hash WHERE {{ GRAPH ?g {{ ?doc kg:contentHash ?hash }}
  FILTER(STRSTARTS(STR(?g), "{ID["graph/"]}")) }}"""
_GRAPHS = f"""SELECT ?g WHERE {{ GRAPH ?g {{ ?doc a schema:NewsArticle }} FILTER(STRSTARTS(STR(?g), "{ID["graph/"]}")) }}"""
_RESOLVED = f"""SELECT ?g ?hash WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?g kg:resolvedHash ?hash }} }}"""
_DIGEST = f"""SELECT ?digest WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ <{RESOLUTION_GRAPH}> kg:registryDigest ?digest }} }}"""


def graph_hashes(store: GraphStore) -> dict[str, str]:
    """Article graph IRI -> the content hash it holds (of the article it was extracted from)."""
    return {str(g): str(h) for g, h in store.query(_HASHES).rows}


def unhashed_graphs(store: GraphStore) -> set[str]:
    """The article graphs that hold no content hash: those a resolution wanted extracted again
    (`kg.resolve.merge_operations`) when the extraction did not follow (a build stopped before
    it, an article that failed)."""
    graphs, hashes = side_by_side(lambda: store.query(_GRAPHS), lambda: graph_hashes(store))
    return {str(g) for (g,) in graphs.rows} - hashes.keys()


def changed_scope(store: GraphStore, digest: str, rewritten: Iterable[str] = ()) -> Scope | None:
    """The article graphs added, changed or gone since the last resolution (and those the caller
    says it wrote again: a graph extracted again from the same content keeps its hash) and the
    actors they name (now, and as the last resolution recorded them), closed over shared name
    keys; None when the corpus must be resolved whole (another registry, or no record of a
    resolution)."""
    recorded = store.query(_DIGEST).rows
    if not recorded or str(recorded[0][0]) != digest:
        return None
    graphs_now, hashes, recorded_hashes = side_by_side(lambda: store.query(_GRAPHS), lambda: graph_hashes(store),
                                                       lambda: store.query(_RESOLVED))
    now: dict[str, str | None] = {str(g): None for (g,) in graphs_now.rows}
    now.update(hashes)
    resolved = {str(g): str(h) for g, h in recorded_hashes.rows}
    graphs = {g for g in now.keys() | resolved.keys() if now.get(g) is None or now.get(g) != resolved.get(g)}
    graphs |= set(rewritten)
    scope = Scope(graphs, set(), unhashed={g for g, h in now.items() if h is None})
    if not graphs:
        return scope
    recorded_actors, actors_now = side_by_side(lambda: _recorded_actors(store, graphs), lambda: _actors_in(store, graphs))
    scope.seeds = recorded_actors | actors_now
    scope.actors = reach(store, scope.seeds)
    return scope


_RECORDED_ACTORS = f"""SELECT DISTINCT ?a WHERE {{ {{values}} GRAPH <{RESOLUTION_GRAPH}> {{ ?g kg:resolvedActor ?a }} }}"""
_ACTORS_IN = "SELECT DISTINCT ?a WHERE { {values} GRAPH ?g { ?a a sem:Actor } }"


def _recorded_actors(store: GraphStore, graphs: Collection[str]) -> set[str]:
    return {str(a) for (a,) in rows_for_each(store, _RECORDED_ACTORS, "g", graphs)}


def _actors_in(store: GraphStore, graphs: Collection[str]) -> set[str]:
    return {str(a) for (a,) in rows_for_each(store, _ACTORS_IN, "g", graphs)}


def reach(store: GraphStore, seeds: set[str]) -> set[str]:
    """`seeds` and every actor a merge decision about them may involve: the actors sharing a
    partition key with one of them (by the index the last resolution wrote, and by their names
    now), and the other end of their merge records; repeated until nothing new is reached."""
    reached: set[str] = set()
    frontier = set(seeds)
    while frontier:
        reached |= frontier
        keys = key_partners(_keys_of(store, frontier))
        with_keys, partners = side_by_side(lambda: _actors_with_keys(store, keys), lambda: _merge_partners(store, frontier))
        found = with_keys | partners
        frontier = found - reached
    return reached


#: an actor's partition keys in the index, its names now (with its kind) and the names merged into it
_KEYS_OF = f"""SELECT DISTINCT ?key ?label ?kind WHERE {{ {{values}}
  {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?a kg:partitionKey ?key }} }}
  UNION {{ GRAPH ?g {{ ?a a sem:Actor, ?type ; rdfs:label|skos:altLabel ?label }}
           FILTER(STRSTARTS(STR(?g), "{ID["graph/"]}") && ?type IN (schema:Person, schema:Organization))
           BIND(REPLACE(STR(?type), "^.*[/#]", "") AS ?kind) }}
  UNION {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?m kg:mergedFrom|kg:mergedInto ?a ; kg:mergedLabel ?label
                                         OPTIONAL {{ ?m kg:mergedKind ?kind }} }} }} }}"""


def _keys_of(store: GraphStore, actors: Collection[str]) -> set[str]:
    """The partition keys of `actors`: those the index holds, and those of their names now and of
    the names merged away into them."""
    keys: set[str] = set()
    for key, label, kind in rows_for_each(store, _KEYS_OF, "a", actors):
        if key is not None:
            keys.add(str(key))
        if label is not None:
            keys |= partition_keys(str(label), str(kind) if kind else "Person")
    return keys


def _actors_with_keys(store: GraphStore, keys: Collection[str]) -> set[str]:
    queries = (f"""SELECT DISTINCT ?a WHERE {{ VALUES ?key {{ {' '.join(_literal(k) for k in chunk)} }}
            GRAPH <{RESOLUTION_GRAPH}> {{ ?a kg:partitionKey ?key }} }}""" for chunk in value_chunks(keys))
    return {str(a) for answer in answers(store, queries) for (a,) in answer.rows}


_MERGE_PARTNERS = f"""SELECT ?x ?y WHERE {{ {{values}}
  GRAPH <{RESOLUTION_GRAPH}> {{ {{ ?m kg:mergedFrom ?x ; kg:mergedInto ?y }} UNION {{ ?m kg:mergedInto ?x ; kg:mergedFrom ?y }} }} }}"""


def _merge_partners(store: GraphStore, actors: Collection[str]) -> set[str]:
    return {str(y) for _, y in rows_for_each(store, _MERGE_PARTNERS, "x", actors)}


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
