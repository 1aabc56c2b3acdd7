"""kg.jsonld: compact JSON-LD with kg's prefixes as an inline @context, read back by rdflib and
Oxigraph as the same quads (blank nodes, language tags, datatypes, named graphs included)."""
from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.jsonld import jsonld_text, write_jsonld
from kg.vocab import ID, KG, PREFIXES, SCHEMA, jsonld_context

XSD = "http://www.w3.org/2001/XMLSchema#"

NQUADS = f"""\
<{ID}graph/t1> <http://www.w3.org/ns/prov#wasDerivedFrom> <{ID}article/t1> .
<{ID}actor/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Person> <{ID}graph/t1> .
<{ID}actor/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SCHEMA}Person> <{ID}graph/t1> .
<{ID}actor/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "Mira \\"M\\" Kessel"@en <{ID}graph/t1> .
<{ID}actor/a> <http://www.w3.org/2004/02/skos/core#altLabel> "Кессель"@ru <{ID}graph/t1> .
<{ID}actor/a> <{KG}affiliation> _:shared <{ID}graph/t1> .
<{ID}actor/a> <{KG}count> "05"^^<{XSD}integer> <{ID}graph/t1> .
<{ID}actor/a> <{KG}when> "--06-27"^^<{XSD}gMonthDay> <{ID}graph/t1> .
<{ID}actor/a> <{KG}note> "plain, with\\na line break" <{ID}graph/t1> .
<{ID}actor/a> <{KG}seeAlso> <https://example.org/elsewhere> <{ID}graph/t1> .
<{ID}actor/a> <{KG}seeAlso> <{SCHEMA}> <{ID}graph/t1> .
<{ID}actor/a> <{KG}seeAlso> <{ID}//odd> <{ID}graph/t1> .
_:shared <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> _:kind <{ID}graph/t2> .
_:shared <https://example.org/p> "x"^^<https://example.org/type> _:graph .
"""


def written(nquads: str = NQUADS) -> bytes:
    """`nquads` grouped by graph (default first, then by name), sorted, as kg's JSON-LD."""
    quads = sorted(ox.parse(nquads.encode("utf-8"), ox.RdfFormat.N_QUADS), key=str)
    names = sorted({q.graph_name for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}, key=str)
    buffer = io.BytesIO()
    write_jsonld(buffer, [(None, [q.triple for q in quads if isinstance(q.graph_name, ox.DefaultGraph)])]
                 + [(name, [q.triple for q in quads if q.graph_name == name]) for name in names])
    return buffer.getvalue()


def test_context_is_inline_and_names_every_prefix() -> None:
    document = json.loads(written())
    assert document["@context"] == jsonld_context() == {p: str(ns) for p, ns in PREFIXES.items()}
    assert {"kg", "sem", "schema", "skos", "prov", "nif", "dct", "xsd", "rdf", "rdfs", "owl"} <= \
        set(document["@context"])
    assert set(document) == {"@context", "@graph"}


def test_terms_are_compact_iris() -> None:
    document = json.loads(written())
    [graph_node, t1, *_] = document["@graph"]
    assert graph_node == {"@id": "kgid:graph/t1", "prov:wasDerivedFrom": {"@id": "kgid:article/t1"}}
    [actor] = t1["@graph"]
    assert actor["@id"] == "kgid:actor/a" and actor["@type"] == ["schema:Person", "kg:Person"]
    assert actor["kg:count"] == {"@value": "05", "@type": "xsd:integer"}
    assert actor["skos:prefLabel"] == {"@value": 'Mira "M" Kessel', "@language": "en"}
    assert actor["kg:note"] == "plain, with\na line break"
    # whole IRIs where no prefix fits, or where the compact IRI would not read back
    assert actor["kg:seeAlso"] == [{"@id": "https://example.org/elsewhere"}, {"@id": "https://schema.org/"},
                                   {"@id": f"{ID}//odd"}]


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
def test_rdflib_reads_back_the_same_dataset() -> None:
    expected, back = Dataset(), Dataset()
    expected.parse(data=NQUADS, format="nquads")
    back.parse(data=written(), format="json-ld")
    def named(dataset: Dataset) -> list[str]:  # graphs named by an IRI, and the default one
        return sorted(str(g.identifier) for g in dataset.graphs() if len(g) and isinstance(g.identifier, URIRef))

    assert named(back) == named(expected) and len(named(expected)) == 3
    for name in named(expected):
        assert isomorphic(back.graph(URIRef(name)), expected.graph(URIRef(name))), name
    # blank nodes name one node across the document, graphs included
    merged_expected, merged_back = Graph(), Graph()
    for source, target in ((expected, merged_expected), (back, merged_back)):
        for s, p, o, _ in source.quads():
            target.add((s, p, o))
    assert len(merged_back) == len(merged_expected) == 14 and isomorphic(merged_back, merged_expected)


def test_oxigraph_reads_back_the_same_quads() -> None:
    without_blank_nodes = "".join(line + "\n" for line in NQUADS.splitlines() if "_:" not in line)
    assert set(ox.parse(written(without_blank_nodes), ox.RdfFormat.JSON_LD)) == \
        set(ox.parse(without_blank_nodes.encode("utf-8"), ox.RdfFormat.N_QUADS))
    assert len(list(ox.parse(written(), ox.RdfFormat.JSON_LD))) == len(NQUADS.splitlines())


def test_same_content_same_bytes_and_an_empty_dataset() -> None:
    assert written() == written("\n".join(reversed(NQUADS.splitlines())) + "\n")
    assert json.loads(written("")) == {"@context": jsonld_context(), "@graph": []}


def test_an_iri_whose_scheme_is_a_prefix_cannot_be_written() -> None:
    with pytest.raises(ValueError, match="cannot hold the IRI <kg:odd>"):
        written(f"<kg:odd> <{KG}p> <{KG}o> .\n")


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
def test_jsonld_text_of_an_rdflib_graph() -> None:
    graph = Graph()
    graph.add((URIRef(f"{ID}actor/b"), KG.met, URIRef(f"{ID}actor/a")))
    graph.add((URIRef(f"{ID}actor/a"), KG.met, URIRef(f"{ID}actor/b")))
    text = jsonld_text(graph)
    assert json.loads(text)["@graph"] == [{"@id": "kgid:actor/a", "kg:met": {"@id": "kgid:actor/b"}},
                                          {"@id": "kgid:actor/b", "kg:met": {"@id": "kgid:actor/a"}}]
    assert isomorphic(Graph().parse(data=text, format="json-ld"), graph)
