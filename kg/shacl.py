"""Core SHACL shapes compiled to SPARQL, so that a graph is checked by Oxigraph in one query.

Why: pyshacl walks every focus node and value in Python over an rdflib graph, about 150 ms for
one article graph of 660 triples, over a third of the CPU an article costs a build. The same
checks written as one SPARQL query run in Oxigraph in a few milliseconds.

What it compiles: a node shape with `sh:targetClass` (instances of the class or of its
subclasses, through the graph's own `rdfs:subClassOf`) and one `sh:message`. Its property shapes
(`sh:path` a single IRI) and its own node-level constraints become *units*: a focus node
violates a unit when some constraint of that unit fails. Constraint components understood:
`sh:class`, `sh:datatype`, `sh:in`, `sh:hasValue`, `sh:pattern` (with `sh:flags`),
`sh:minInclusive`, `sh:maxInclusive`, `sh:minCount`, `sh:maxCount`, `sh:uniqueLang`,
`sh:equals`, `sh:lessThan`, `sh:or`, `sh:not`, `sh:qualifiedValueShape` with
`sh:qualifiedMinCount`, nested to any depth. Anything else (another component, a path
expression, several messages, a shape without a message) makes `compile_shapes` leave that node
shape out and name it in `Compiled.uncompiled`, so the caller checks it another way (kg.validate
hands it to pyshacl): nothing is silently unchecked.

What a unit reports is what kg.validate keeps of a pyshacl result: the focus node, the property
path (none for a node-level unit), the unit's `sh:message` and the node shape. pyshacl gives one
result per failing component and value; kg keeps one per (focus, path, message, shape), and so
does this. `tests/test_shacl.py` checks that both engines find the same on the demo articles'
graphs and on many broken copies of them.

Each check is an expression that never raises a SPARQL error (EXISTS, sameTerm, COALESCE
around comparisons), because an error inside FILTER would read as "conforms". SHACL's
non-comparable values and ill-formed numbers are violations, as in pyshacl.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import count, combinations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

__all__ = ["Unit", "Compiled", "Unsupported", "compile_shapes"]

#: predicates of a shape that describe it and are no constraint.
_DESCRIPTIVE = {RDF.type, RDFS.comment, RDFS.label, SH.message, SH.name, SH.description, SH.order, SH.group,
                SH.property, SH.targetClass, SH.severity, SH.declare, SH.sparql, SH.path, SH.flags,
                SH.qualifiedMinCount, SH.deactivated}
#: constraint components that test each value node on its own.
_VALUE_COMPONENTS = {SH["class"], SH.datatype, SH["in"], SH.pattern, SH.minInclusive, SH.maxInclusive,
                     SH["or"], SH["not"]}
#: constraint components that test a property's set of values.
_SET_COMPONENTS = {SH.minCount, SH.maxCount, SH.uniqueLang, SH.equals, SH.lessThan, SH.hasValue,
                   SH.qualifiedValueShape}
#: how the query reads "is an instance of": typed with the class or one of its subclasses.
_INSTANCE_OF = f" a/<{RDFS.subClassOf}>* "
#: datatypes whose lexical form must also parse, as pyshacl checks.
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short, XSD.byte,
            XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger,
            XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}


class Unsupported(ValueError):
    """A shape uses SHACL this compiler does not translate."""


@dataclass(frozen=True)
class Unit:
    """One reportable check: a property shape of a node shape, or the node shape's own constraints."""

    shape: URIRef  # the node shape (named in reports)
    path: URIRef | None  # the property shape's path; None for node-level constraints
    message: str


@dataclass(frozen=True)
class Compiled:
    """The shapes as one SPARQL query, and what it could not take.

    The query's solutions bind `?this` (a focus node) and `?unit` (an integer, the index of the
    violated unit in `units`). `query_without_subclasses` is the same for a graph that has no
    `rdfs:subClassOf` statement, where an instance is what is typed so (a third faster)."""

    query: str
    units: tuple[Unit, ...]
    uncompiled: frozenset[URIRef]  # node shapes left to another validator

    @cached_property  # (asked for each graph validated: replaced once)
    def query_without_subclasses(self) -> str:
        return self.query.replace(_INSTANCE_OF, " a ")

    def in_each_graph(self, query: str) -> str:
        """`query` (`self.query` or `query_without_subclasses`) evaluated inside each named graph of
        a store on its own, as if that graph were a store's only graph, the graph bound to
        `?graph`: one query checks many graphs (`kg.validate.validate_batch`)."""
        if not query.startswith(_HEAD):
            raise ValueError("not a query of this compiler")
        return f"SELECT DISTINCT ?graph ?this ?unit WHERE {{ GRAPH ?graph {{\n{query[len(_HEAD):]} }}"


#: how the compiled query begins (its branches bind ?this, ?unit and variables of their own, never ?graph).
_HEAD = "SELECT DISTINCT ?this ?unit WHERE {\n"


def compile_shapes(shapes: Graph) -> Compiled:
    """Compile every node shape of `shapes` that targets classes (see the module docstring)."""
    units: list[Unit] = []
    branches: list[str] = []
    uncompiled: set[URIRef] = set()
    for shape in sorted(set(shapes.subjects(SH.targetClass, None))):
        try:
            compiled = list(_node_shape_units(shapes, shape))
        except Unsupported:
            uncompiled.add(shape)
            continue
        classes = " ".join(_term(c) for c in sorted(shapes.objects(shape, SH.targetClass)))
        for unit, conforms in compiled:
            branches.append(f"{{ VALUES ?class {{ {classes} }} ?this{_INSTANCE_OF}?class .\n"
                            f"  FILTER(!({conforms}))\n  BIND({len(units)} AS ?unit) }}")
            units.append(unit)
    query = _HEAD + "\nUNION\n".join(branches) + "\n}" if branches else ""
    return Compiled(query, tuple(units), frozenset(uncompiled))


def _node_shape_units(shapes: Graph, shape: URIRef) -> Iterator[tuple[Unit, str]]:
    """(unit, SPARQL expression true when ?this conforms to it) for a node shape."""
    _check_known(shapes, shape, node_shape=True)
    names = _Names()
    own = _value_constraints(shapes, shape, "?this", names)
    if own:
        yield Unit(shape, None, _message(shapes, shape)), " && ".join(own)
    for prop in shapes.objects(shape, SH.property):
        _check_known(shapes, prop)
        yield Unit(shape, _path(shapes, prop), _message(shapes, prop)), _property_conforms(shapes, prop, "?this",
                                                                                          names)


def _check_known(shapes: Graph, shape: Node, node_shape: bool | None = None) -> None:
    """Raise `Unsupported` for any predicate of `shape` this compiler does not understand (a
    constraint on a set of values only counts in a property shape)."""
    if node_shape is None:
        node_shape = (shape, SH.path, None) not in shapes
    known = _DESCRIPTIVE | _VALUE_COMPONENTS | (set() if node_shape else _SET_COMPONENTS)
    for predicate in shapes.predicates(shape, None):
        if predicate not in known:
            raise Unsupported(f"{shape}: {predicate}")
        if predicate == SH.sparql and any((c, SH.deactivated, Literal(True)) not in shapes
                                          for c in shapes.objects(shape, SH.sparql)):
            raise Unsupported(f"{shape}: an active sh:sparql constraint")
        if predicate == SH.severity and shapes.value(shape, SH.severity) != SH.Violation:
            raise Unsupported(f"{shape}: a severity other than sh:Violation")
        if predicate == SH.deactivated and shapes.value(shape, SH.deactivated) == Literal(True):
            raise Unsupported(f"{shape}: deactivated")


def _message(shapes: Graph, shape: Node) -> str:
    messages = list(shapes.objects(shape, SH.message))
    if len(messages) != 1:
        raise Unsupported(f"{shape}: needs exactly one sh:message")
    return str(messages[0])


def _path(shapes: Graph, shape: Node) -> URIRef:
    path = shapes.value(shape, SH.path)
    if not isinstance(path, URIRef):
        raise Unsupported(f"{shape}: only a single IRI is understood as sh:path")
    return path


def _shape_conforms(shapes: Graph, shape: Node, var: str, names: _Names) -> str:
    """An expression true when the node in `var` conforms to `shape` (node or property shape)."""
    _check_known(shapes, shape)
    if (shape, SH.path, None) in shapes:
        return _property_conforms(shapes, shape, var, names)
    return " && ".join(_value_constraints(shapes, shape, var, names)) or "true"


def _property_conforms(shapes: Graph, prop: Node, focus: str, names: _Names) -> str:
    """An expression true when the node in `focus` conforms to the property shape `prop`."""
    path = _term(_path(shapes, prop))
    checks = [_set_constraint(shapes, prop, predicate, value, focus, path, names)
              for predicate, value in shapes.predicate_objects(prop) if predicate in _SET_COMPONENTS]
    value = names.new()
    each = _value_constraints(shapes, prop, value, names)
    if each:
        checks.append(f"NOT EXISTS {{ {focus} {path} {value} FILTER(!({' && '.join(each)})) }}")
    return " && ".join(f"({c})" for c in checks) or "true"


def _set_constraint(shapes: Graph, prop: Node, component: URIRef, parameter: Node, focus: str, path: str,
                    names: _Names) -> str:
    """One constraint on the set of values of `path` from `focus`."""
    if component in (SH.minCount, SH.maxCount):
        at_least = int(parameter) if component == SH.minCount else int(parameter) + 1
        if at_least <= 0:
            return "true"
        values = [names.new() for _ in range(at_least)]
        distinct = " && ".join(f"!sameTerm({a}, {b})" for a, b in combinations(values, 2))
        exists = ("EXISTS { " + " ".join(f"{focus} {path} {v} ." for v in values)
                  + (f" FILTER({distinct})" if distinct else "") + " }")
        return exists if component == SH.minCount else f"!{exists}"
    if component == SH.uniqueLang:
        if parameter != Literal(True):
            return "true"
        a, b = names.new(), names.new()
        return (f"NOT EXISTS {{ {focus} {path} {a} . {focus} {path} {b} FILTER(!sameTerm({a}, {b}) "
                f"&& LANG({a}) != \"\" && LCASE(LANG({a})) = LCASE(LANG({b}))) }}")
    if component == SH.hasValue:
        return f"EXISTS {{ {focus} {path} {_term(parameter)} }}"
    if component == SH.equals:
        a = names.new()
        other = _term(parameter)
        return (f"NOT EXISTS {{ {focus} {path} {a} FILTER NOT EXISTS {{ {focus} {other} {a} }} }} && "
                f"NOT EXISTS {{ {focus} {other} {a} FILTER NOT EXISTS {{ {focus} {path} {a} }} }}")
    if component == SH.lessThan:
        a, b = names.new(), names.new()
        return (f"NOT EXISTS {{ {focus} {path} {a} . {focus} {_term(parameter)} {b} "
                f"FILTER(!COALESCE({a} < {b}, false)) }}")
    if component == SH.qualifiedValueShape:
        return _qualified(shapes, prop, parameter, focus, path, names)
    raise Unsupported(str(component))


def _qualified(shapes: Graph, prop: Node, inner: Node, focus: str, path: str, names: _Names) -> str:
    """sh:qualifiedValueShape with sh:qualifiedMinCount (at most 1 is compiled)."""
    if shapes.value(prop, SH.qualifiedMaxCount) is not None or shapes.value(prop, SH.qualifiedValueShapesDisjoint):
        raise Unsupported(f"{prop}: qualifiedMaxCount or qualifiedValueShapesDisjoint")
    least = int(shapes.value(prop, SH.qualifiedMinCount) or 0)
    if least > 1:
        raise Unsupported(f"{prop}: qualifiedMinCount above 1")
    if least == 0:
        return "true"
    value = names.new()
    return f"EXISTS {{ {focus} {path} {value} FILTER({_shape_conforms(shapes, inner, value, names)}) }}"


def _value_constraints(shapes: Graph, shape: Node, var: str, names: _Names) -> list[str]:
    """Expressions true when the node in `var` meets each value-type constraint of `shape`."""
    found = []
    for component, parameter in sorted(shapes.predicate_objects(shape)):
        if component not in _VALUE_COMPONENTS:
            continue
        if component == SH["class"]:
            found.append(f"EXISTS {{ {var}{_INSTANCE_OF}{_term(parameter)} }}")
        elif component == SH.datatype:
            found.append(_datatype(var, parameter))
        elif component == SH["in"]:
            members = Collection(shapes, parameter)
            found.append("(" + (" || ".join(f"sameTerm({var}, {_term(m)})" for m in members) or "false") + ")")
        elif component == SH.pattern:
            flags = shapes.value(shape, SH.flags)
            regex = f"REGEX(STR({var}), {_term(parameter)}" + (f", {_term(flags)})" if flags else ")")
            found.append(f"(!isBlank({var}) && COALESCE({regex}, false))")
        elif component in (SH.minInclusive, SH.maxInclusive):
            compare = ">=" if component == SH.minInclusive else "<="
            found.append(f"COALESCE({var} {compare} {_term(parameter)}, false)")
        elif component == SH["or"]:
            alternatives = [_shape_conforms(shapes, s, var, names) for s in Collection(shapes, parameter)]
            found.append("(" + (" || ".join(f"({a})" for a in alternatives) or "false") + ")")
        elif component == SH["not"]:
            found.append(f"!({_shape_conforms(shapes, parameter, var, names)})")
    return found


def _datatype(var: str, datatype: Node) -> str:
    if not isinstance(datatype, URIRef):
        raise Unsupported(f"sh:datatype {datatype}")
    check = f"(isLiteral({var}) && sameTerm(DATATYPE({var}), {_term(datatype)})"
    return check + (f" && isNumeric({var}))" if datatype in _NUMERIC else ")")


def _term(node: Node) -> str:
    """A term as SPARQL text."""
    if isinstance(node, BNode):
        raise Unsupported("a blank node as a constraint's value")
    return node.n3()


class _Names:
    """Fresh SPARQL variable names within one node shape's expressions."""

    def __init__(self) -> None:
        self._next = count()

    def new(self) -> str:
        return f"?v{next(self._next)}"
