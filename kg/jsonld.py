"""Compact JSON-LD of kg's RDF, with its @context inline, written a graph at a time.

Oxigraph's JSON-LD writer gives expanded JSON-LD (full IRIs, no @context) and rdflib's
compaction holds the whole dataset and writes it in no stable order, so kg writes its own:

    {
      "@context": {
        "kg": "https://w3id.org/kg-news/ns#",
        ...
      },
      "@graph": [
        {"@id": "kgid:graph/t1", "prov:wasDerivedFrom": {"@id": "kgid:article/t1"}},
        {"@id": "kgid:graph/t1", "@graph": [
          {"@id": "kgid:actor/mira-kessel", "@type": "kg:Person", "skos:prefLabel": {"@value": ...}},
          ...
        ]}
      ]
    }

The @context maps kg's prefixes (`kg.vocab.PREFIXES`) and nothing else: no remote context
is fetched by a reader, and every term is a compact IRI ("schema:headline").  The default
graph's node objects come first, then one object per named graph holding its nodes in
"@graph".  A literal keeps its lexical form: a string is a JSON string, a language-tagged
one has "@language", any other datatype "@type" (numbers are never JSON numbers, whose
reading could change their form).  Blank nodes keep their labels ("_:..."), which name the
same node across the document, as in N-Quads.  One node object per line; nodes in the order
their triples come, which callers sort, so the same content gives the same bytes.

Parsed back (rdflib's `Dataset.parse(format="json-ld")`, Oxigraph), the document gives the
same quads.  RDF-star quoted triples have no JSON-LD form: they raise ValueError.
"""
from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable, Iterable
from typing import BinaryIO, Union

import pyoxigraph as ox
from rdflib import Graph

from kg.vocab import jsonld_context

__all__ = ["write_jsonld", "jsonld_text"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_GraphName = Union[ox.NamedNode, ox.BlankNode, None]


def write_jsonld(out: BinaryIO, graphs: Iterable[tuple[_GraphName, Iterable[ox.Triple]]]) -> None:
    """Write `graphs` ((name or None for the default graph, its triples), in order) to `out`
    as one compact JSON-LD document (see the module docstring); each graph is held whole while
    it is written, and only one at a time."""
    context = jsonld_context()
    compact = _compactor(context)
    prefixes = ",".join(f"\n    {_dumps(p)}: {_dumps(ns)}" for p, ns in context.items())
    out.write(f'{{\n  "@context": {{{prefixes}\n  }},\n  "@graph": ['.encode("utf-8"))
    written = 0
    for name, triples in graphs:
        nodes = _nodes(triples, compact)
        if not nodes:
            continue
        if name is None:
            for node in nodes:
                out.write(f"{',' * bool(written)}\n    {_dumps(node)}".encode("utf-8"))
                written += 1
            continue
        out.write(f'{"," * bool(written)}\n    {{"@id": {_dumps(_node_id(name, compact))}, "@graph": ['
                  .encode("utf-8"))
        out.write(",".join(f"\n      {_dumps(node)}" for node in nodes).encode("utf-8"))
        out.write(b"\n    ]}")
        written += 1
    out.write(b"\n  ]\n}\n" if written else b"]\n}\n")


def jsonld_text(graph: Graph) -> str:
    """An rdflib graph (a CONSTRUCT or DESCRIBE answer) as a compact JSON-LD document, its
    triples sorted."""
    lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").splitlines()) - {b""})
    buffer = io.BytesIO()
    write_jsonld(buffer, [(None, (quad.triple for quad in ox.parse(b"\n".join(lines), ox.RdfFormat.N_TRIPLES)))])
    return buffer.getvalue().decode("utf-8")


def _compactor(context: dict[str, str]) -> Callable[[str], str]:
    """A function giving an IRI as a compact IRI ("kg:met") where a namespace of `context`
    fits (the longest), else whole."""
    prefixes = sorted(((ns, p) for p, ns in context.items()), key=lambda item: -len(item[0]))

    @functools.lru_cache(maxsize=65536)
    def compact(iri: str) -> str:
        for namespace, prefix in prefixes:
            suffix = iri[len(namespace):]
            # an empty suffix, or one starting "//", would not be read back as a compact IRI
            if iri.startswith(namespace) and suffix and not suffix.startswith("//"):
                return f"{prefix}:{suffix}"
        if iri.split(":", 1)[0] in context:  # a whole IRI "kg:x" would be read as a compact one
            raise ValueError(f"JSON-LD with kg's @context cannot hold the IRI <{iri}>")
        return iri

    return compact


def _nodes(triples: Iterable[ox.Triple], compact: Callable[[str], str]) -> list[dict]:
    """Node objects, one per subject in order of first appearance: "@id", "@type" (the rdf:type
    IRIs), then the other properties in triple order; one value alone, several as a list."""
    nodes: dict[str, dict] = {}
    last, node = None, {}
    for triple in triples:
        if triple.subject != last:  # sorted triples come subject by subject
            last, subject = triple.subject, _node_id(triple.subject, compact)
            node = nodes.setdefault(subject, {"@id": subject})
        predicate, obj = triple.predicate.value, triple.object
        if predicate == _RDF_TYPE and isinstance(obj, ox.NamedNode):
            key, value = "@type", compact(obj.value)
        else:
            key, value = compact(predicate), _value(obj, compact)
        if key not in node:
            node[key] = value
        elif isinstance(node[key], list):
            node[key].append(value)
        else:
            node[key] = [node[key], value]
    return [{k: node[k] for k in sorted(node, key=lambda k: (k != "@id", k != "@type"))} for node in nodes.values()]


def _node_id(term: ox.NamedNode | ox.BlankNode | ox.Triple, compact: Callable[[str], str]) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    raise ValueError(f"JSON-LD cannot hold the quoted triple {term}")


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, compact: Callable[[str], str]) -> object:
    """An object as JSON-LD: {"@id"} for a node, a string, or {"@value", "@language"/"@type"}."""
    if not isinstance(term, ox.Literal):
        return {"@id": _node_id(term, compact)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == _XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": compact(term.datatype.value)}


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
