"""What a build left in its store, in a form two builds can be compared by (tests only).

Every named graph (the article graphs and the resolution graph) is kept as it is, but for the
token resolution records on each article graph (`kg:resolvedIn`, which two stores built in different batches do not share); the default
graph, which holds the build record, is kept with every run IRI made one and the run's start and
end times dropped, since two builds never start at the same instant.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.store import open_store
from kg.vocab import ID, KG, PROV

RUN = URIRef(str(ID["run/any"]))
_RUN_PREFIX = str(ID["run/"])
_TIMES = {PROV.startedAtTime, PROV.endedAtTime}


def snapshot(export: Path) -> dict[str, Graph]:
    """Graph name -> graph, of a TriG or N-Quads export of a whole store ("default" for the default graph)."""
    dataset = Dataset()
    dataset.parse(export, format="trig" if export.suffix == ".trig" else "nquads")
    graphs: dict[str, Graph] = {}
    for graph in dataset.graphs():
        name = str(graph.identifier)
        if name == "urn:x-rdflib:default":
            graphs["default"] = _without_run_times(graph)
        elif len(graph):
            graphs[name] = _without_run_tokens(graph)
    return graphs


def differences(mine: dict[str, Graph], theirs: dict[str, Graph]) -> list[str]:
    """How two snapshots differ, one line per graph (empty when they are the same up to blank nodes)."""
    lines = [f"only in the first: {name}" for name in sorted(mine.keys() - theirs.keys())]
    lines += [f"only in the second: {name}" for name in sorted(theirs.keys() - mine.keys())]
    for name in sorted(mine.keys() & theirs.keys()):
        if not isomorphic(mine[name], theirs[name]):
            _, first, second = graph_diff(to_isomorphic(mine[name]), to_isomorphic(theirs[name]))
            lines.append(f"{name}: first has {sorted(first)[:3]}, second has {sorted(second)[:3]}")
    return lines


def merged_articles(store_location: Path | str, merged_from: str | None = None) -> list[str]:
    """Ids of the article graphs a cross-article merge rewrote (its record's kg:appliedIn), sorted;
    only those of the merge of the actor `merged_from` when given."""
    source = f"; kg:mergedFrom <{merged_from}>" if merged_from else ""
    with open_store(store_location) as store:
        rows = store.query(f"SELECT DISTINCT ?id WHERE {{ GRAPH ?r {{ ?m a kg:Merge ; kg:appliedIn ?g {source} }} "
                           "GRAPH ?g { ?a a schema:NewsArticle ; schema:identifier ?id } }").rows
    return sorted(str(article_id) for (article_id,) in rows)


def _without_run_tokens(graph: Graph) -> Graph:
    kept = Graph()
    for triple in graph.triples((None, None, None)):
        if triple[1] != KG.resolvedIn:
            kept.add(triple)
    return kept


def _without_run_times(graph: Graph) -> Graph:
    normalised = Graph()
    for s, p, o in graph:
        if p not in _TIMES:
            normalised.add((_run(s), p, _run(o)))
    return normalised


def _run(term):
    return RUN if isinstance(term, URIRef) and str(term).startswith(_RUN_PREFIX) else term
