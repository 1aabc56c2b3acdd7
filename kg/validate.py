"""The validate stage: the store checked against the SHACL shapes in `ontology/shapes.ttl`.

Two views are checked, because a user reads both: each article's named graph on its own (what
extraction wrote), and the union of all graphs (what a query's default graph and the merged
export `graph.ttl` show). Each article graph is checked one at a time, which keeps memory flat.
The union is checked where it can differ from its parts, so that it never has to be loaded
whole: nodes shared between graphs are actors (one IRI per name across articles), and the
only graph that adds to them is resolution's, so the union check is (1) the resolution graph
with the types its nodes have in the article graphs, through the same shapes, and (2) one
query for actors that carry several `skos:prefLabel`s in one language across all graphs
(SKOS allows one), whichever graphs they come from.

Speed: pyshacl runs a SHACL-SPARQL constraint once per focus node and re-parses the query
each time with rdflib (about 35 ms a span, over half a second an article). So the shapes'
`sh:sparql` constraints are switched off for pyshacl and each one is run here instead, once per
graph, in Oxigraph, with `$this` left unbound and the answers kept only for the shape's focus
nodes. That is the same query text with the same meaning for constraints whose WHERE clause
binds `$this` in a plain graph pattern, as kg's anchor check does (`tests/test_validate.py`
checks that pyshacl on the unmodified shapes agrees).

The rest is core SHACL. pyshacl took about 150 ms an article graph for it, over a third of
what an article costs a build, so `kg.shacl` compiles the core shapes into one SPARQL query, run
in the same Oxigraph store as the SPARQL constraints (a few milliseconds). A node shape the
compiler does not understand is left to pyshacl, so nothing goes unchecked;
`tests/test_shacl.py` checks that the compiled query and pyshacl find the same violations.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.shacl import Compiled, compile_shapes
from kg.vocab import ID, KG, PREFIXES, RESOLUTION_GRAPH, SKOS

if TYPE_CHECKING:
    from kg.rdf import GraphQuads
    from kg.store import Store

__all__ = ["Violation", "ValidationReport", "SHAPES_PATH", "load_shapes", "validate_graph", "validate_quads",
           "validate_batch", "validate_store", "validate_union", "UNION", "core_violations", "pyshacl_violations", "split_shapes"]

#: the shapes file, read from the source tree.
SHAPES_PATH = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
#: IRIs of article named graphs start with this.
_ARTICLE_GRAPHS = str(ID["graph/"])
_TRUE = Literal(True)
#: how a violation of the union view names its graph in reports.
UNION = "union"


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result: which node broke which shape, and how."""

    focus: str  # the node that does not conform (IRI, or _:id for a blank node)
    path: str | None  # the property concerned, when the shape names one
    message: str
    shape: str | None  # the named node shape that caught it (kg:...Shape)
    graph: str | None  # the article named graph it came from


@dataclass
class ValidationReport:
    """What a validation run found: conforms iff no violations."""

    conforms: bool
    violations: list[Violation]
    graphs_checked: int

    def lines(self) -> list[str]:
        """One human line per violation: `<graph> <focus> <path>: <message>` (path as a prefixed name)."""
        return [" ".join(x for x in (v.graph or "-", v.focus, _short(v.path)) if x) + f": {v.message}"
                for v in self.violations]


@dataclass(frozen=True)
class _SparqlCheck:
    """A SHACL-SPARQL constraint run by `_sparql_violations` rather than by pyshacl."""

    shape: URIRef
    classes: frozenset[Node]  # the shape's sh:targetClass values
    query: str  # PREFIX lines from sh:prefixes + the sh:select text
    message: str
    constraint: Node  # the sh:sparql node, deactivated in the shapes pyshacl gets


@cache
def load_shapes() -> Graph:
    """The SHACL shapes of `ontology/shapes.ttl`, parsed once (shared: do not modify)."""
    if not SHAPES_PATH.is_file():
        raise FileNotFoundError(f"SHACL shapes not found at {SHAPES_PATH} "
                                f"(kg.validate reads ontology/shapes.ttl from the kg source tree)")
    return Graph().parse(SHAPES_PATH, format="turtle")


@cache
def _prepared() -> tuple[Graph, tuple[_SparqlCheck, ...]]:
    """The shapes with their sh:sparql constraints deactivated, and those constraints to run here."""
    shapes = load_shapes()
    checks = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        if (constraint, SH.deactivated, _TRUE) in shapes:
            continue
        if any(shapes.value(shape, p) is not None
               for p in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)):
            raise ValueError(f"{shape}: a shape with sh:sparql may only use sh:targetClass here")
        declarations = (d for p in shapes.objects(constraint, SH.prefixes) for d in shapes.objects(p, SH.declare))
        prologue = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
                           for d in declarations)
        checks.append(_SparqlCheck(shape, frozenset(shapes.objects(shape, SH.targetClass)),
                                   prologue + str(shapes.value(constraint, SH.select)),
                                   str(shapes.value(constraint, SH.message) or "SPARQL constraint failed"), constraint))
    return _deactivated(shapes, {check.constraint for check in checks}), tuple(checks)


@cache
def _compiled() -> tuple[Compiled, Graph | None]:
    """`split_shapes` of the shapes file, once."""
    return split_shapes(_prepared()[0])


def split_shapes(shapes: Graph) -> tuple[Compiled, Graph | None]:
    """`shapes` compiled to SPARQL (`kg.shacl`), and a copy for pyshacl with every compiled node
    shape deactivated (None when the compiler took them all)."""
    compiled = compile_shapes(shapes)
    if not compiled.uncompiled:
        return compiled, None
    return compiled, _deactivated(shapes, set(shapes.subjects(SH.targetClass, None)) - compiled.uncompiled)


def _deactivated(shapes: Graph, nodes: set[Node]) -> Graph:
    """A copy of `shapes` with each of `nodes` (shapes or constraints) switched off for pyshacl."""
    copy = Graph()
    copy += shapes
    for node in nodes:
        copy.add((node, SH.deactivated, _TRUE))
    return copy


def validate_graph(graph: Graph) -> ValidationReport:
    """Check one article's named graph (what `kg build` produces per article) against the shapes."""
    name = str(graph.identifier) if isinstance(graph.identifier, URIRef) else None
    violations = _one_graph_violations(graph, name)
    return ValidationReport(not violations, violations, 1)


def validate_quads(quads: GraphQuads) -> ValidationReport:
    """`validate_graph` of an article graph given as its quads (`kg.rdf.extraction_quads`), with
    no rdflib graph made unless a shape is left to pyshacl."""
    return validate_batch([quads])[0]


def validate_batch(graphs: Sequence[GraphQuads]) -> list[ValidationReport]:
    """`validate_quads` of each of `graphs`, checked together, as a build checks each batch of
    articles: one store holds them all as named graphs (see `_named_graph_violations`). Graphs
    that share a name are checked one at a time."""
    names = [graph.name for graph in graphs]
    if len(set(names)) < len(names):
        return [validate_batch([graph])[0] for graph in graphs]
    store = ox.Store()
    for graph in graphs:
        store.load(graph.nquads, ox.RdfFormat.N_QUADS)
    found = _named_graph_violations(store, {name: name for name in names}, lambda name: _rdflib_graph(store, name))
    return [ValidationReport(not found[name], found[name], 1) for name in names]


def _one_graph_violations(graph: Graph, name: str | None, sparql: bool = True) -> list[Violation]:
    """`_named_graph_violations` of one rdflib graph, reported under `name` (the graph itself is
    what pyshacl reads, if a shape is left to it)."""
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES, to_graph=_CHECKED)
    return _named_graph_violations(store, {_CHECKED.value: name}, lambda _: graph, sparql)[_CHECKED.value]


#: the named graph an rdflib graph is checked in (`_one_graph_violations`).
_CHECKED = ox.NamedNode("urn:x-kg:checked-graph")


def _named_graph_violations(store: ox.Store, reported: Mapping[str, str | None], graph_of: Callable[[str], Graph],
                            sparql: bool = True) -> dict[str, list[Violation]]:
    """For each named graph of `store` (its IRI -> the name its violations report, in `reported`),
    the violations it has on its own, distinct and sorted: the compiled core shapes, run once,
    inside each graph (parsing that query costs more than running it on one article); pyshacl
    on `graph_of(IRI)` for any node shape the compiler left; when `sparql`, the SPARQL
    constraints with each graph as the default graph."""
    compiled, leftover = _compiled()
    _, checks = _prepared()
    found: dict[str, list[Violation]] = {iri: [] for iri in reported}
    if compiled.query:
        subclasses = store.query(f"ASK {{ GRAPH ?g {{ ?s <{RDFS.subClassOf}> ?o }} }}")
        query = compiled.in_each_graph(compiled.query if subclasses else compiled.query_without_subclasses)
        for solution in store.query(query):
            unit, iri = compiled.units[int(solution["unit"].value)], solution["graph"].value
            found[iri].append(Violation(_oxigraph_text(solution["this"]), str(unit.path) if unit.path else None,
                                        unit.message, str(unit.shape), reported[iri]))
    for iri, name in reported.items():
        if leftover is not None:
            found[iri] += pyshacl_violations(graph_of(iri), name, leftover)
        if sparql and checks:
            found[iri] += _sparql_violations(store, name, checks, ox.NamedNode(iri))
    return {iri: _distinct(violations) for iri, violations in found.items()}


def _rdflib_graph(store: ox.Store, name: str) -> Graph:
    """The triples of one named graph of `store` as an rdflib graph (for pyshacl)."""
    from kg.rdf import rdflib_term  # kg.rdf builds what this module checks: imported where needed

    triples = Graph()
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        triples.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
    return triples


def validate_store(store: Store) -> ValidationReport:
    """Check every article named graph of `store`, one graph at a time, then their union
    (`validate_union`). `graphs_checked` counts the article graphs.

    Each graph is fetched with a CONSTRUCT through the public Store API, so memory holds one
    article at a time plus the violations found. The default graph (build records) has no shapes.
    """
    names = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } "
                        f"FILTER(STRSTARTS(STR(?g), \"{_ARTICLE_GRAPHS}\")) }} ORDER BY ?g").rows
    violations: list[Violation] = []
    for (name,) in names:
        result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        violations += _one_graph_violations(result.graph if result.graph is not None else Graph(), str(name))
    violations += validate_union(store).violations
    return ValidationReport(not violations, violations, len(names))


#: the resolution graph, and the rdf:type each node it mentions has in any graph.
_RESOLUTION_VIEW = f"""CONSTRUCT {{ ?s ?p ?o . ?node a ?type }} WHERE {{
  {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?s ?p ?o }} }}
  UNION
  {{ {{ SELECT DISTINCT ?node WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ {{ ?node ?p1 ?o1 }} UNION {{ ?s1 ?p1 ?node }} }}
                                    FILTER(isIRI(?node)) }} }}
     GRAPH ?g {{ ?node a ?type }} }}
}}"""
#: actors with more than one preferred label in one language across all graphs.
_PREFERRED_LABELS = """SELECT ?actor ?lang (COUNT(DISTINCT ?label) AS ?n)
  (GROUP_CONCAT(DISTINCT STR(?label); separator=" | ") AS ?labels)
WHERE { GRAPH ?g { ?actor skos:prefLabel ?label } GRAPH ?h { ?actor a sem:Actor } FILTER(LANG(?label) != "") }
GROUP BY ?actor (LANG(?label) AS ?lang) HAVING (COUNT(DISTINCT ?label) > 1) ORDER BY ?actor"""


def validate_union(store: Store) -> ValidationReport:
    """Check the union of `store`'s graphs where it can differ from the article graphs (see the
    module's docstring): resolution's nodes through the shapes, and one preferred label per
    language per actor. Violations name the graph `UNION`."""
    result = store.query(_RESOLUTION_VIEW)
    view = result.graph if result.graph is not None else Graph()
    own = {str(s) for s, p in view.subject_predicates() if p != RDF.type}  # resolution's own statements
    violations = [replace(v, graph=UNION) for v in _one_graph_violations(view, UNION) if v.focus in own]
    for actor, lang, _, labels in store.query(_PREFERRED_LABELS).rows:
        violations.append(Violation(str(actor), str(SKOS.prefLabel),
                                    f"actor has several skos:prefLabel in language {lang!r} across graphs: "
                                    + " | ".join(sorted(str(labels).split(" | "))),
                                    str(KG.ActorShape), UNION))
    violations = sorted(set(violations), key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(not violations, violations, 1)


def _distinct(found: list[Violation]) -> list[Violation]:
    """`found` sorted, each once: identical results (e.g. two bad values of one property) would
    print identical lines."""
    return sorted(set(found), key=lambda v: (v.graph or "", v.focus, v.path or "", v.message))


def core_violations(graph: Graph, name: str | None = None) -> list[Violation]:
    """The core shapes' results for one graph: the compiled query's, and pyshacl's for any node
    shape it left over (no SPARQL constraint)."""
    return _one_graph_violations(graph, name, sparql=False)


def pyshacl_violations(graph: Graph, name: str | None, shapes: Graph | None = None) -> list[Violation]:
    """pyshacl's core-SHACL results for one graph, against `shapes` (default: every shape, with
    the SPARQL constraints switched off). The compiled check's reference (`tests/test_shacl.py`)."""
    import pyshacl  # only for shapes kg.shacl does not compile, and as the tests' reference

    shapes = shapes if shapes is not None else _prepared()[0]
    # inplace: no rules and no inference, so pyshacl never writes to the graph; spares a copy.
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, advanced=True, inference="none", inplace=True)
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(result, SH.sourceShape)
        parent = shapes.value(predicate=SH.property, object=shape) if shape is not None else None
        found.append(Violation(_text(results.value(result, SH.focusNode)) or "",
                               _text(results.value(result, SH.resultPath)),
                               str(results.value(result, SH.resultMessage) or "does not conform"),
                               _text(parent if parent is not None else shape),  # a property shape's node shape
                               name))
    return found


def _sparql_violations(store: ox.Store, name: str | None, checks: tuple[_SparqlCheck, ...],
                       graph: ox.NamedNode) -> list[Violation]:
    """Run each SPARQL constraint once over the named graph `graph` of `store` (as the default
    graph); keep answers about focus nodes (instances of the shape's target classes or of their
    subclasses)."""
    found = []
    for check in checks:
        classes = " ".join(f"<{c}>" for c in sorted(check.classes))
        focus = {str(row["n"].value) for row in store.query(
            f"SELECT DISTINCT ?n WHERE {{ VALUES ?c {{ {classes} }} ?n a/<{RDFS.subClassOf}>* ?c }}",
            default_graph=graph)}
        for solution in store.query(check.query, default_graph=graph):
            this, path = solution["this"], solution["path"]
            if this is not None and this.value in focus:
                found.append(Violation(this.value, path.value if path is not None else None,
                                       check.message, str(check.shape), name))
    return found


def _oxigraph_text(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """An Oxigraph term as `_text` writes an rdflib one: an IRI as itself, a blank node as `_:id`."""
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _text(term: Node | None) -> str | None:
    """An RDF term as a string: an IRI as itself, a blank node as `_:id`."""
    if term is None:
        return None
    return str(term) if isinstance(term, URIRef) else term.n3()


def _short(iri: str | None) -> str | None:
    """An IRI as a kg prefixed name when one fits (`prov:wasDerivedFrom`), else unchanged."""
    if iri is None:
        return None
    for prefix, namespace in PREFIXES.items():
        rest = iri.removeprefix(str(namespace))
        if prefix != "kgid" and rest != iri and rest.replace("_", "a").isalnum():
            return f"{prefix}:{rest}"
    return iri
