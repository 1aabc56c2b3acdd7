"""A structural check, in plain rdflib, of the OWL 2 DL rules kg's ontology must keep (for
tests/test_ontology.py; a reasoner accepting a file does not prove it is OWL 2 DL).

The rules, from the OWL 2 structural specification (section 5.8.1, typing constraints) and its
mapping to RDF graphs, as far as they concern a vocabulary like kg's:

* every property used is declared exactly one of owl:ObjectProperty, owl:DatatypeProperty or
  owl:AnnotationProperty (rdfs:label, rdfs:comment, owl:versionInfo, ... are built-in annotation
  properties); an object property takes IRIs, a data property literals;
* a subproperty axiom never crosses those kinds;
* the domain and range of an annotation property are IRIs only (annotation axioms, with no
  logical meaning); an object property's domain and range, and a data property's domain, are
  declared classes; a data property's range is a datatype of the OWL 2 datatype map;
* every class used (typing an individual, in a subclass axiom, a domain or a range) is declared
  owl:Class, and no IRI is both a class and a datatype;
* nothing of the reserved vocabulary (rdf:, rdfs:, owl:, xsd:) is declared or used as a class or
  property of one's own.

`problems(ontology)` checks an ontology; `data_problems(ontology, data)` checks that data only uses
the classes and properties the ontology declares, each property with the kind of value its kind
takes.
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.vocab import PREFIXES

_RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD))
OBJECT, DATA, ANNOTATION = "object property", "data property", "annotation property"
_KINDS = {OWL.ObjectProperty: OBJECT, OWL.DatatypeProperty: DATA, OWL.AnnotationProperty: ANNOTATION}
#: properties OWL 2 declares as annotation properties itself
BUILT_IN_ANNOTATIONS = frozenset({
    RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo, OWL.deprecated,
    OWL.priorVersion, OWL.backwardCompatibleWith, OWL.incompatibleWith,
})
#: the reserved predicates that build axioms (not properties of the ontology's own)
_AXIOM_PREDICATES = frozenset({
    RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.equivalentClass,
    OWL.equivalentProperty, OWL.inverseOf, OWL.disjointWith, OWL.sameAs, OWL.differentFrom,
    OWL.versionIRI, OWL.imports, OWL.propertyDisjointWith, OWL.onProperty, OWL.someValuesFrom,
    OWL.allValuesFrom, OWL.hasValue, OWL.unionOf, OWL.intersectionOf, OWL.complementOf, OWL.oneOf,
    RDF.first, RDF.rest,
})
#: what rdf:type may name besides a declared class: OWL's own kinds of entity and axiom
_META_CLASSES = frozenset({
    OWL.Ontology, OWL.Class, RDFS.Datatype, OWL.ObjectProperty, OWL.DatatypeProperty,
    OWL.AnnotationProperty, OWL.NamedIndividual, OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
    OWL.SymmetricProperty, OWL.AsymmetricProperty, OWL.TransitiveProperty, OWL.ReflexiveProperty,
    OWL.IrreflexiveProperty, OWL.Restriction, OWL.AllDifferent, OWL.AllDisjointClasses, OWL.Axiom,
})
_PROPERTY_CHARACTERISTICS = {
    OWL.FunctionalProperty: (OBJECT, DATA), OWL.InverseFunctionalProperty: (OBJECT,),
    OWL.SymmetricProperty: (OBJECT,), OWL.AsymmetricProperty: (OBJECT,), OWL.TransitiveProperty: (OBJECT,),
    OWL.ReflexiveProperty: (OBJECT,), OWL.IrreflexiveProperty: (OBJECT,),
}
_OWL2_XSD = ("decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int "
             "short byte unsignedLong unsignedInt unsignedShort unsignedByte double float string "
             "normalizedString token language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI "
             "dateTime dateTimeStamp").split()
#: the OWL 2 datatype map (OWL 2 structural specification, section 4): xsd:date, xsd:gYear, ... are not in it
OWL2_DATATYPES = frozenset({RDF.PlainLiteral, RDF.XMLLiteral, RDFS.Literal, OWL.real, OWL.rational}
                           | {XSD[name] for name in _OWL2_XSD})
_RDF_LANGSTRING = RDF.langString  # what a language-tagged literal is in RDF 1.1: OWL 2's rdf:PlainLiteral


_NAMES = Graph(bind_namespaces="none")
for _prefix, _namespace in PREFIXES.items():
    _NAMES.bind(_prefix, _namespace)


def _name(term: object) -> str:
    """A term as Turtle writes it, with kg's prefixes."""
    return term.n3(_NAMES.namespace_manager) if isinstance(term, (URIRef, Literal)) else str(term)


def _reserved(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(_RESERVED)


def property_kinds(ontology: Graph) -> dict[URIRef, set[str]]:
    """Each property the ontology declares (and each built-in annotation property): its kinds."""
    kinds: dict[URIRef, set[str]] = {p: {ANNOTATION} for p in BUILT_IN_ANNOTATIONS}
    for declaration, kind in _KINDS.items():
        for prop in ontology.subjects(RDF.type, declaration):
            kinds.setdefault(prop, set()).add(kind)
    return kinds


def declared_classes(ontology: Graph) -> set[URIRef]:
    return set(ontology.subjects(RDF.type, OWL.Class)) | {OWL.Thing, OWL.Nothing}


def problems(ontology: Graph) -> list[str]:
    """What in `ontology` breaks the OWL 2 DL rules above, one line each (none: it keeps them)."""
    found: list[str] = []
    kinds = property_kinds(ontology)
    classes = declared_classes(ontology)
    datatypes = set(ontology.subjects(RDF.type, RDFS.Datatype))

    def kind(prop: object) -> str | None:
        return next(iter(kinds[prop])) if len(kinds.get(prop, ())) == 1 else None

    for prop, declared in sorted(kinds.items()):
        if len(declared) > 1:
            found.append(f"{_name(prop)} is declared both {' and '.join(sorted(declared))}")
        if _reserved(prop) and prop not in BUILT_IN_ANNOTATIONS:
            found.append(f"{_name(prop)}, reserved vocabulary, is declared a property")
    for term in sorted(classes & datatypes):
        found.append(f"{_name(term)} is declared both a class and a datatype")
    for term in sorted(classes - {OWL.Thing, OWL.Nothing}):
        if _reserved(term):
            found.append(f"{_name(term)}, reserved vocabulary, is declared a class")
    for meta in (RDFS.Class, RDF.Property):
        for term in sorted(ontology.subjects(RDF.type, meta)):
            if term not in classes and term not in kinds:
                found.append(f"{_name(term)} is only an {_name(meta)}: OWL 2 DL needs it declared as a class or property")

    def need_class(term: object, where: str) -> None:
        if isinstance(term, BNode):
            return  # a class expression: checked where it is built (kg's ontology has none)
        if term not in classes:
            found.append(f"{_name(term)} is used as a class ({where}) but not declared owl:Class")

    found += _usage_problems(ontology, ontology, check_datatypes=True)
    for s, p, o in sorted(ontology):
        if p == RDF.type:
            if o in _PROPERTY_CHARACTERISTICS and kind(s) not in _PROPERTY_CHARACTERISTICS[o]:
                found.append(f"{_name(s)} is an {_name(o)} but not an "
                             f"{' or '.join(_PROPERTY_CHARACTERISTICS[o])}")
            elif o not in _META_CLASSES and o not in (RDFS.Class, RDF.Property):
                need_class(o, f"the type of {_name(s)}")
        elif p in (RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith):
            need_class(s, f"{_name(p)}")
            need_class(o, f"{_name(p)}")
        elif p in (RDFS.subPropertyOf, OWL.equivalentProperty, OWL.inverseOf, OWL.propertyDisjointWith):
            if kind(s) is None or kind(o) is None:
                undeclared = [_name(t) for t in (s, o) if kind(t) is None]
                found.append(f"{_name(s)} {_name(p)} {_name(o)}: {', '.join(undeclared)} not declared one kind of property")
            elif kind(s) != kind(o):
                found.append(f"{_name(s)} {_name(p)} {_name(o)} crosses kinds: {kind(s)} under {kind(o)}")
            elif p == OWL.inverseOf and kind(s) != OBJECT:
                found.append(f"{_name(s)} owl:inverseOf {_name(o)}: only object properties have inverses")
            elif p in (OWL.equivalentProperty, OWL.propertyDisjointWith) and kind(s) == ANNOTATION:
                found.append(f"{_name(s)} {_name(p)} {_name(o)}: annotation properties have no such axiom")
        elif p in (RDFS.domain, RDFS.range):
            k = kind(s)
            if k is None:
                found.append(f"{_name(s)} has an {_name(p)} but is not declared one kind of property")
            elif k == ANNOTATION:
                if not isinstance(o, URIRef):
                    found.append(f"{_name(s)} {_name(p)}: an annotation property's domain or range is an IRI only")
            elif p == RDFS.range and k == DATA:
                if o not in OWL2_DATATYPES and o not in datatypes:
                    hint = " (use rdf:PlainLiteral, OWL 2's name for it)" if o == _RDF_LANGSTRING else ""
                    found.append(f"{_name(s)} rdfs:range {_name(o)}: not a datatype of the OWL 2 datatype map{hint}")
            else:
                need_class(o, f"the {_name(p)} of {_name(s)}")
    return sorted(set(found))


def _usage_problems(ontology: Graph, data: Iterable[tuple], *, check_datatypes: bool) -> list[str]:
    """Properties of `data` that `ontology` does not declare as one kind, or whose values are not
    of that kind (an IRI for an object property, a literal for a data property)."""
    found = []
    kinds = property_kinds(ontology)
    for s, p, o, *_ in data:
        if p in _AXIOM_PREDICATES:
            continue
        declared = kinds.get(p, set())
        if _reserved(p) and p not in BUILT_IN_ANNOTATIONS:
            found.append(f"{_name(p)}, reserved vocabulary, is used as a property")
        elif not declared:
            found.append(f"{_name(p)} is used but not declared owl:ObjectProperty, owl:DatatypeProperty "
                         f"or owl:AnnotationProperty")
        elif len(declared) == 1:
            kind = next(iter(declared))
            if kind == OBJECT and isinstance(o, Literal):
                found.append(f"{_name(p)}, an object property, has a literal value: {_name(o)}")
            elif kind == DATA and not isinstance(o, Literal):
                found.append(f"{_name(p)}, a data property, has a non-literal value: {_name(o)}")
            elif kind == DATA and check_datatypes and o.datatype is not None and o.datatype not in OWL2_DATATYPES:
                found.append(f"{_name(p)} has a value of {_name(o.datatype)}, not of the OWL 2 datatype map")
    return found


def data_problems(ontology: Graph, data: Iterable[tuple]) -> list[str]:
    """What in `data` (triples or quads) uses a class or property `ontology` does not declare, or a
    property with the wrong kind of value. Dates are not checked against the OWL 2 datatype map:
    kg types them as precisely as the text gives them (xsd:date, xsd:gYear, ...), which OWL 2
    reasoners do not interpret."""
    triples = list(data)
    found = _usage_problems(ontology, triples, check_datatypes=False)
    classes = declared_classes(ontology)
    for s, p, o, *_ in triples:
        if p == RDF.type and o not in classes:
            found.append(f"{_name(o)} types data but is not declared owl:Class")
    return sorted(set(found))


__all__ = ["problems", "data_problems", "property_kinds", "declared_classes", "OWL2_DATATYPES",
           "BUILT_IN_ANNOTATIONS", "OBJECT", "DATA", "ANNOTATION"]
