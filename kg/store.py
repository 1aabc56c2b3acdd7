"""The store stage: article graphs kept in an Oxigraph store, queried with SPARQL, exported.

Oxigraph rather than rdflib holds the corpus because its SPARQL engine is orders of magnitude
faster on named graphs.  Every query sees the union of all graphs as its default graph
(`use_default_graph_as_union`), so users need not write `GRAPH ?g { }`; `GRAPH ?g` still
works to ask which article said something.  kg's prefixes are predeclared; a query's own
PREFIX lines take precedence over them.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.rdf import new_graph
from kg.records import ASSERTS, CONDEMNED, MET, PHONED
from kg.vocab import PREFIXES

__all__ = ["Store", "StoreError", "QueryResult", "open_store", "STORE_DIR"]

#: name of the store folder inside a build output folder.
STORE_DIR = "store"

_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
# Oxigraph writes `kgid:article\/t1\#char\=0\,88` for kg's instance IRIs (valid, unreadable),
# so exports spell those out in full.
_EXPORT_PREFIXES = {p: ns for p, ns in _PREFIXES.items() if p != "kgid"}
#: export format name -> (merge all graphs into one?, Oxigraph format)
_EXPORTS = {
    "trig": (False, ox.RdfFormat.TRIG), "nq": (False, ox.RdfFormat.N_QUADS),
    "nquads": (False, ox.RdfFormat.N_QUADS), "ttl": (True, ox.RdfFormat.TURTLE),
    "turtle": (True, ox.RdfFormat.TURTLE), "nt": (True, ox.RdfFormat.N_TRIPLES),
    "ntriples": (True, ox.RdfFormat.N_TRIPLES),
}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_FLOAT_TYPES = {_XSD + t for t in ("decimal", "double", "float")}


class StoreError(Exception):
    """A store that cannot be opened, written or queried; the message is one line for the user."""


Value = str | int | float | bool | None


@dataclass
class QueryResult:
    """The answer to one SPARQL query, as plain Python values.

    SELECT fills `columns` and `rows` (IRIs and literals as str, numbers as int/float,
    unbound as None); ASK sets `boolean`; CONSTRUCT/DESCRIBE set `graph` and list its triples
    as rows of (subject, predicate, object).
    """

    columns: list[str] = field(default_factory=list)
    rows: list[tuple[Value, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def to_table(self, max_width: int | None = 60) -> str:
        """Aligned plain text for a terminal; cells longer than `max_width` are cut with '…'."""
        if self.boolean is not None:
            return "true" if self.boolean else "false"
        cells = [[_cell(v, max_width) for v in row] for row in self.rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(self.columns)]
        numeric = [all(isinstance(r[i], (int, float)) or r[i] is None for r in self.rows)
                   for i in range(len(self.columns))]

        def line(values: list[str]) -> str:
            return "  ".join(v.rjust(w) if n else v.ljust(w)
                             for v, w, n in zip(values, widths, numeric)).rstrip()

        out = [line(self.columns), line(["-" * w for w in widths])]
        out += [line(r) for r in cells]
        out.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(out)

    def to_csv(self) -> str:
        """RFC 4180 CSV with a header line; unbound values are empty cells."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if self.boolean is not None:
            writer.writerows([["boolean"], ["true" if self.boolean else "false"]])
        else:
            writer.writerow(self.columns)
            writer.writerows([["" if v is None else v for v in row] for row in self.rows])
        return buffer.getvalue()

    def to_json(self) -> str:
        """`{"columns": [...], "rows": [{column: value}, ...]}`, or `{"boolean": b}` for ASK."""
        if self.boolean is not None:
            return json.dumps({"boolean": self.boolean})
        rows = [dict(zip(self.columns, row)) for row in self.rows]
        return json.dumps({"columns": self.columns, "rows": rows}, ensure_ascii=False, indent=2)


class Store:
    """kg's RDF store: one named graph per article plus a default graph of build records."""

    def __init__(self, path: str | Path | None) -> None:
        """Open (creating it if needed) the on-disk store at `path`, or an in-memory one if None."""
        self.path = Path(path) if path is not None else None
        try:
            if self.path is not None:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store: ox.Store | None = ox.Store(str(self.path))
            else:
                self._store = ox.Store()
        except OSError as error:
            raise StoreError(f"cannot open store at {self.path}: {_one_line(error)}") from None

    # --- writing ---------------------------------------------------------------------------

    def replace_article(self, graph: Graph) -> None:
        """Drop the named graph `graph.identifier` and load `graph` in its place, atomically.

        One SPARQL update does both, and Oxigraph applies an update in a single transaction,
        so a reader never sees the article half-replaced and a rebuild never duplicates it.
        """
        if not isinstance(graph.identifier, URIRef):
            raise StoreError("an article graph needs an IRI as its identifier")
        name = f"<{graph.identifier}>"
        self._update(f"DROP SILENT GRAPH {name} ;\n"
                     f"INSERT DATA {{ GRAPH {name} {{\n{_ntriples(graph)}}} }}")

    def add_default(self, graph: Graph) -> None:
        """Add the triples of `graph` to the default graph (build records, ontology, ...)."""
        self._update(f"INSERT DATA {{\n{_ntriples(graph)}}}")

    def _update(self, update: str) -> None:
        """Run one SPARQL update; store failures become StoreError."""
        try:
            self._live().update(update)
        except (SyntaxError, OSError, ValueError) as error:
            raise StoreError(f"cannot write to the store: {_one_line(error)}") from None

    # --- reading ---------------------------------------------------------------------------

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of all graphs; invalid SPARQL raises StoreError."""
        try:
            answer = self._live().query(sparql, prefixes=_PREFIXES, use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult(boolean=bool(answer))
            if isinstance(answer, ox.QuerySolutions):
                columns = [v.value for v in answer.variables]
                rows = [tuple(_python(s[c]) for c in columns) for s in answer]
                return QueryResult(columns=columns, rows=rows)
            return _graph_result(list(answer))
        except SyntaxError as error:
            raise StoreError(f"invalid SPARQL: {_one_line(error)}") from None
        except (OSError, ValueError, TypeError) as error:
            raise StoreError(f"query failed: {_one_line(error)}") from None

    def counts(self) -> dict[str, int]:
        """How much the store holds: articles, actors, statements per relation, graphs, quads."""
        patterns = {
            "articles": "?x a schema:NewsArticle",
            "actors": "?x a sem:Actor",
            MET: "?x sem:eventType kg:Meeting",
            PHONED: "?x sem:eventType kg:PhoneCall",
            CONDEMNED: "?x sem:eventType kg:Condemnation",
            ASSERTS: "?x a schema:Claim",
        }
        result = {name: int(self.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {p} }}").rows[0][0])
                  for name, p in patterns.items()}
        store = self._live()
        result["graphs"] = sum(1 for _ in store.named_graphs())
        result["quads"] = len(store)
        return result

    def __len__(self) -> int:
        """Number of quads in the store."""
        return len(self._live())

    # --- export ----------------------------------------------------------------------------

    def export(self, path: str | Path, format: str) -> None:  # noqa: A002 (API name)
        """Write the store to `path`: "trig" (every graph) or "ttl" (all graphs merged into one).

        "nq" and "nt" are the line-based equivalents.  Output is sorted, so the same content
        (blank node labels apart) always exports to the same bytes.
        """
        fmt = format.lower().lstrip(".")
        target = Path(path)
        if fmt not in _EXPORTS:
            raise StoreError(f"unknown export format {format!r} (use trig, ttl, nq or nt)")
        merged, rdf_format = _EXPORTS[fmt]
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            lines = self._sorted_lines(merged)
            if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES):
                target.write_bytes(lines)
                return
            source = ox.RdfFormat.N_TRIPLES if merged else ox.RdfFormat.N_QUADS
            statements = ox.parse(lines, source)
            if merged:
                statements = (quad.triple for quad in statements)
            ox.serialize(statements, str(target), rdf_format, prefixes=_EXPORT_PREFIXES)
        except (OSError, ValueError) as error:
            raise StoreError(f"cannot export to {target}: {_one_line(error)}") from None

    def _sorted_lines(self, merged: bool) -> bytes:
        """The store as sorted N-Quads, or, if `merged`, its distinct triples as sorted N-Triples.

        Oxigraph writes a triple the same way whichever graph holds it, so a set of lines
        merges graphs, and sorting groups each graph's and subject's statements for the
        TriG/Turtle writers; all of it stays far faster than a SPARQL DISTINCT ... ORDER BY.
        """
        store = self._live()
        named = sorted(store.named_graphs(), key=str)
        if merged:
            lines = {line for graph in [ox.DefaultGraph(), *named] for line in _triple_lines(store, graph)}
            return b"".join(line + b"\n" for line in sorted(lines))
        out = [line + b"\n" for line in sorted(_triple_lines(store, ox.DefaultGraph()))]
        for graph in named:
            name = str(graph).encode("utf-8")
            out += [line[:-1] + name + b" .\n" for line in sorted(_triple_lines(store, graph))]
        return b"".join(out)

    # --- lifetime --------------------------------------------------------------------------

    def _live(self) -> ox.Store:
        """The open Oxigraph store; StoreError once closed."""
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    def close(self) -> None:
        """Flush to disk and release the store (an on-disk store is locked while open)."""
        if self._store is not None:
            if self.path is not None:
                self._store.flush()
            self._store = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def open_store(path: str | Path) -> Store:
    """Open an existing store: `path` is the store folder or a build folder holding `store/`.

    Never creates one: a missing or empty folder raises StoreError telling the user to build.
    """
    folder = Path(path)
    if (folder / STORE_DIR).is_dir():
        folder = folder / STORE_DIR
    if not (folder / "CURRENT").is_file():  # every Oxigraph (RocksDB) store has one
        raise StoreError(f"no kg store at {path} (give a store folder or a build folder "
                         f"with {STORE_DIR}/ in it; run `kg build` first)")
    return Store(folder)


# --- helpers ---------------------------------------------------------------------------------

def _triple_lines(store: ox.Store, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> set[bytes]:
    """The triples of one graph of `store` as N-Triples lines (each ending in " .", no newline)."""
    return set(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).splitlines()) - {b""}


def _ntriples(graph: Graph) -> str:
    """The graph as N-Triples, which is also valid inside SPARQL `INSERT DATA`."""
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def _python(term: Any) -> Value:
    """A query solution term as a plain Python value (see QueryResult)."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
            if datatype == _XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            pass
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def _graph_result(triples: list[ox.Triple]) -> QueryResult:
    """A CONSTRUCT/DESCRIBE answer as an rdflib Graph plus one row per triple."""
    graph = new_graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                format="nt")
    rows = [tuple(_python(t) for t in (tr.subject, tr.predicate, tr.object)) for tr in triples]
    return QueryResult(columns=["subject", "predicate", "object"], rows=rows, graph=graph)


def _cell(value: Value, max_width: int | None) -> str:
    """One table cell: on one line, cut to `max_width`."""
    text = "" if value is None else " ".join(str(value).split())
    if max_width is not None and len(text) > max_width:
        text = text[: max_width - 1] + "…"
    return text


def _one_line(error: BaseException) -> str:
    """An exception message squeezed onto one line."""
    return " ".join(str(error).split()) or type(error).__name__
