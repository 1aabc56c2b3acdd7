"""The store stage: article graphs kept in an RDF store, queried with SPARQL, exported.

Two stores answer the same interface (`GraphStore`): `Store`, an embedded Oxigraph store in a
folder (or in memory), and `RemoteStore`, any SPARQL 1.1 endpoint reached over HTTP with the
standard library (made for `oxigraph serve`, which `kg serve` starts).  `open_store(location)`
picks one: an http(s) URL gives a RemoteStore, anything else a Store; `Store(...)` itself is
only ever local.

Oxigraph rather than rdflib holds the corpus because its SPARQL engine is orders of magnitude
faster on named graphs.  Every query sees the union of all graphs as its default graph, so
users need not write `GRAPH ?g { }`; `GRAPH ?g` still works to ask which article said
something.  Locally that is `use_default_graph_as_union`; remotely the request carries
Oxigraph's `union-default-graph` parameter (and `kg serve` starts the server with
`--union-default-graph`, so that other clients see the same).  kg's prefixes are predeclared;
a query's own PREFIX lines take precedence over them.

Query parameters are bound without pasting text into the query: locally by Oxigraph's
`substitutions` (a parameter must then be a variable the query SELECTs); remotely, where the
protocol has no such thing, as `VALUES` blocks of terms Oxigraph itself serialises, closing
every group where the variable is the query's (see `_with_values`), so that both give the
same answers, subqueries with LIMIT included.

Time limit: `query(..., timeout=SECONDS)` stops a runaway query (a cross join, an aggregate
over one) and raises `QueryTimeout`.  Oxigraph's embedded engine cannot be interrupted (no
timeout option; it evaluates outside the GIL and ignores signals), so a local query with a
time limit runs in a child process, to which the store folder is handed for the time of the
query, and which is killed when time is up: the query never writes, so the store is unchanged.
Remotely the limit is a deadline on the HTTP exchange, and `kg serve` also gives the server
its own (`--timeout-s`).
"""
from __future__ import annotations

import contextlib
import ctypes
import csv
import functools
import hashlib
import heapq
import io
import itertools
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO, Any, NoReturn, Self, TypeVar, Union
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg import syntax
from kg.jsonld import write_jsonld
from kg.lock import StoreBusy, StoreLock
from kg.rdf import EVENT_TYPES, GraphQuads, new_graph, triples_quads
from kg.records import CONDEMNED, MET, PHONED
from kg.vocab import ID, KG, PREFIXES, RESOLUTION_GRAPH, graph_iri

__all__ = [
    "GraphStore", "Store", "RemoteStore", "StoreCounts", "StoreError", "SparqlSyntaxError", "UpdateRefused",
    "QueryTimeout", "QueryResult", "open_store", "store_folder", "is_update", "parse_param", "serve_command", "serve",
    "oxigraph_executable", "EXPORT_FORMATS", "STORE_DIR", "QUERY_TIMEOUT", "UNLIMITED",
]

#: name of the store folder inside a build output folder.
STORE_DIR = "store"
#: default time limit of one query, in seconds, for `kg query` and `kg serve`.
QUERY_TIMEOUT = 30.0
#: a query time limit this long (about 11 days) or longer, `math.inf` included, is no limit.
UNLIMITED = 1_000_000.0

_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
#: the same prefixes as one line of SPARQL, for endpoints that cannot be told them otherwise.
_PROLOGUE = " ".join(f"PREFIX {p}: <{ns}>" for p, ns in _PREFIXES.items()) + "\n"
# Oxigraph writes `kgid:article\/t1\#char\=0\,88` for kg's instance IRIs (valid, unreadable),
# so exports spell those out in full.
_EXPORT_PREFIXES = {p: ns for p, ns in _PREFIXES.items() if p != "kgid"}
#: export format name -> (merge all graphs into one?, Oxigraph format)
_EXPORTS = {
    "trig": (False, ox.RdfFormat.TRIG), "nq": (False, ox.RdfFormat.N_QUADS),
    "nquads": (False, ox.RdfFormat.N_QUADS), "jsonld": (False, ox.RdfFormat.JSON_LD),
    "json-ld": (False, ox.RdfFormat.JSON_LD), "ttl": (True, ox.RdfFormat.TURTLE),
    "turtle": (True, ox.RdfFormat.TURTLE), "nt": (True, ox.RdfFormat.N_TRIPLES),
    "ntriples": (True, ox.RdfFormat.N_TRIPLES),
}
#: every export format name `export` accepts.
EXPORT_FORMATS = tuple(_EXPORTS)
#: file suffix -> export format, for `export(path)` without a format.
_SUFFIXES = {".trig": "trig", ".nq": "nq", ".jsonld": "jsonld", ".json": "jsonld",
             ".ttl": "ttl", ".nt": "nt"}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_FLOAT_TYPES = {_XSD + t for t in ("decimal", "double", "float")}
_URL = re.compile(r"https?://", re.IGNORECASE)
_ABSOLUTE_IRI = re.compile(r"https?://\S+\Z", re.IGNORECASE)
_INTEGER = re.compile(r"[+-]?\d+\Z")
_FLOAT = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+(?=[eE]))([eE][+-]?\d+)?\Z")
_BIND = re.compile(r"(\[[^\]\s]+\]|[^\s:\[\]]+):\d{1,5}\Z")
_GRAPH_PREFIX = str(ID["graph/"])
#: how every build record's IRI begins (`kg.vocab.run_iri`), as it is written in N-Triples.
_RUN_IRI = f"<{ID['run/']}".encode("utf-8")


#: the event types counted, by the relation name commands show them with (met, phoned and
#: condemned first; then what kg read but does not take for a meeting: planned meetings...).
_COUNTED_RELATIONS = (MET, PHONED, CONDEMNED, *(r for r in EVENT_TYPES if r not in (MET, PHONED, CONDEMNED)))
_RELATION_OF_TYPE = {str(event_type): relation for relation, event_type in EVENT_TYPES.items()}


@dataclass(frozen=True)
class StoreCounts:
    """What a store holds, counted one way for every command that reports a number.

    * an article: an article graph; an actor: a distinct actor IRI of the article graphs, after
      cross-article resolution has merged names (one row of `kg actors`);
    * a claim: a schema:Claim of an article;
    * an event (`events`): one happening, however many articles tell it: a consolidated event
      of cross-article resolution (the meetings `met.rq` counts);
    * a report (`reports`): one article's account of an event (what extraction read);
    * a pair (`pairs`): two actors who took part in at least one event of the type together
      (one row of `met.rq`; a meeting of three is three pairs); condemnations have no pairs.
    """

    articles: int = 0
    actors: int = 0
    claims: int = 0
    events: dict[str, int] = field(default_factory=dict)
    reports: dict[str, int] = field(default_factory=dict)
    pairs: dict[str, int] = field(default_factory=dict)
    graphs: int = 0
    quads: int = 0

    def lines(self) -> list[str]:
        """The counts for a person, each line saying what it counts."""
        def per_relation(values: dict[str, int], pairs: bool = False) -> str:
            shown = [f"{relation} {n}" + (f" in {self.pairs[relation]} pairs" if pairs and self.pairs.get(relation)
                                          else "")
                     for relation, n in values.items() if n]
            return ", ".join(shown) or "none"
        return [
            f"store: {self.articles} articles, {self.actors} actors, {self.claims} claims",
            f"events (one per happening, however many articles tell it): {per_relation(self.events, pairs=True)}",
            f"reports (each article's own account of an event): {per_relation(self.reports)}",
        ]


class StoreError(Exception):
    """A store that cannot be opened, written or queried; the message is one line for the user."""


class UpdateRefused(StoreError):
    """`query` was given a SPARQL update: run it with `update` instead."""


class QueryTimeout(StoreError):
    """A query ran past its time limit and was stopped; the store is unchanged and usable."""

    def __init__(self, seconds: float | None) -> None:
        """`seconds`: the limit that was passed; None when a server stopped the query at its own."""
        super().__init__(f"query stopped: it ran longer than {seconds:g} s" if seconds is not None
                         else "query stopped by the server: it ran longer than the server's time limit")
        self.seconds = seconds


class SparqlSyntaxError(StoreError):
    """SPARQL text that does not parse: `line` and `column` (1-based, in the text as given; None
    when the store named no place) and `detail`, what is wrong there (see `kg.syntax`)."""

    def __init__(self, detail: str, line: int | None = None, column: int | None = None, *,
                 update: bool = False) -> None:
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"SPARQL {'update ' if update else ''}syntax error{where}: {detail}")
        self.detail, self.line, self.column, self.update = detail, line, column, update


class _Invalid(Exception):
    """Internal: the store rejected the SPARQL text itself (a syntax error); `message` is the
    store's own (Oxigraph's "error at LINE:COLUMN: expected ..."), which `_syntax_error` turns
    into the place and cause a person can use."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _syntax_error(sparql: str, error: _Invalid, *, update: bool) -> SparqlSyntaxError:
    """The SparqlSyntaxError of `sparql`, refused with `error`: where it really is and what."""
    found = syntax.locate(sparql, error.message, update=update, prefixes=_PREFIXES)
    return SparqlSyntaxError(found.detail, found.line, found.column, update=update)


Value = Union[str, int, float, bool, None]
#: a query parameter's value (see `GraphStore.query`).
ParamValue = Union[str, int, float]
_Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]


@dataclass
class QueryResult:
    """The answer to one SPARQL query, as plain Python values.

    SELECT fills `columns` and `rows` (IRIs and literals as str, numbers as int/float,
    unbound as None); ASK sets `boolean`; CONSTRUCT/DESCRIBE set `graph` and list its triples
    as rows of (subject, predicate, object).  `terms` keeps the RDF terms behind `rows`, so
    that the W3C result formats (`to_tsv`, `to_sparql_json`) can tell an IRI from a string.
    """

    columns: list[str] = field(default_factory=list)
    rows: list[tuple[Value, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    terms: list[tuple[_Term | None, ...]] = field(default_factory=list, repr=False, compare=False)

    def page(self, limit: int | None = None, offset: int = 0) -> QueryResult:
        """The rows from `offset` on, at most `limit` of them (None or 0: all): a page of a
        listing whose query the caller cannot page itself (`GraphStore.query` pages in the engine)."""
        end = offset + limit if limit else None
        return replace(self, rows=self.rows[offset:end], terms=self.terms[offset:end])

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
        """RFC 4180 CSV with a header line (the W3C SPARQL CSV results); unbound is empty."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if self.boolean is not None:
            writer.writerows([["boolean"], ["true" if self.boolean else "false"]])
        else:
            writer.writerow(self.columns)
            writer.writerows([["" if v is None else v for v in row] for row in self.rows])
        return buffer.getvalue()

    def to_tsv(self) -> str:
        """W3C SPARQL 1.1 TSV results: `?column` headers, cells as N-Triples terms, unbound empty.

        Unlike CSV it keeps IRIs (`<...>`), language tags and datatypes; tabs and newlines in
        literals are escaped, so every row is one line.  ASK gives "boolean" then true/false.
        """
        if self.boolean is not None:
            return f"boolean\n{'true' if self.boolean else 'false'}\n"
        lines = ["\t".join(f"?{c}" for c in self.columns)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in self._term_rows()]
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """`{"columns": [...], "rows": [{column: value}, ...]}`, or `{"boolean": b}` for ASK."""
        if self.boolean is not None:
            return json.dumps({"boolean": self.boolean})
        rows = [dict(zip(self.columns, row)) for row in self.rows]
        return json.dumps({"columns": self.columns, "rows": rows}, ensure_ascii=False, indent=2)

    def to_sparql_json(self) -> str:
        """W3C SPARQL 1.1 Query Results JSON: `{"head": {"vars": [...]}, "results": {"bindings": [...]}}`.

        ASK gives `{"head": {}, "boolean": b}`; unbound variables are left out of a binding.
        """
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [{c: _json_term(t) for c, t in zip(self.columns, row) if t is not None}
                    for row in self._term_rows()]
        return json.dumps({"head": {"vars": self.columns}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=2)

    def _term_rows(self) -> list[tuple[_Term | None, ...]]:
        """The RDF terms of the rows; for a result built by hand, guessed from the values."""
        if self.terms or not self.rows:
            return self.terms
        return [tuple(_value_term(v) for v in row) for row in self.rows]


class GraphStore(ABC):
    """What kg does with an RDF store: one named graph per article plus a default graph of
    build records.  `Store` keeps it in-process, `RemoteStore` behind a SPARQL endpoint."""

    # --- what each kind of store provides ----------------------------------------------------

    @abstractmethod
    def _answer(self, sparql: str, bindings: dict[ox.Variable, _Term],
                timeout: float | None = None) -> QueryResult:
        """Run a query over the union of all graphs; `_Invalid` if the text does not parse,
        `QueryTimeout` if it runs longer than `timeout` seconds (None: no limit)."""

    @abstractmethod
    def _execute(self, update: str) -> None:
        """Run a SPARQL update; `_Invalid` if the text does not parse."""

    @abstractmethod
    def _dataset(self) -> ox.Store:
        """The whole dataset as an Oxigraph store (the store itself, or a fetched copy)."""

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads in the store."""

    @abstractmethod
    def close(self) -> None:
        """Release the store; further calls raise StoreError."""

    def compact(self) -> None:
        """Ready the store for reading after many writes (see `Store.compact`); nothing for a store
        behind an endpoint, whose server manages its own files."""

    # --- querying ----------------------------------------------------------------------------

    def query(self, sparql: str, params: Mapping[str, ParamValue] | None = None, *,
              timeout: float | None = None, limit: int | None = None, offset: int | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs, binding `params` to its variables.

        `limit` and `offset` page the answer: they replace the query's own outermost LIMIT and
        OFFSET (`limit=0`, `offset=0`: none), so that the shipped listings, which stop at a page
        of `LIMIT 100`, give their next page with `offset=100`; only the page is turned into
        Python values.  A parameter named `limit` or `offset` that is no variable of the query
        pages the same way (`--param limit=50`: a listing's header names them among its
        parameters).  Pages are stable when the query's order leaves no ties, as the shipped
        listings' does (an ORDER BY, or sorted subqueries read in order: see claims.rq).

        A parameter value that is an absolute http(s) IRI binds an IRI, an int an
        xsd:integer, a float an xsd:decimal (kg's numbers are decimals), anything else a
        plain string; values are never spliced into the query text, so quotes, braces or
        `DROP ALL` in a value are only ever data.  In a `Store` a parameter must be a variable
        the query SELECTs (Oxigraph's rule for substitutions).  Invalid SPARQL raises
        SparqlSyntaxError (a StoreError) naming the line and column; an update raises
        UpdateRefused (queries never write).

        `timeout=math.inf` (or any limit of `UNLIMITED` seconds or more) means no limit, but
        the query still runs where Ctrl-C stops it: a `Store` runs it in a child process too.
        With `timeout` (seconds), a query still running after that long is stopped and
        QueryTimeout raised; the store stays as it was and usable.  In a `Store` such a query
        runs in a child process (about 50 ms more), so kg's own queries go without one.
        """
        if timeout is not None and not timeout > 0:
            raise StoreError(f"a query timeout must be a positive number of seconds, not {timeout!r}")
        if timeout is not None and timeout >= UNLIMITED:
            timeout = math.inf
        params, paging = _paging_params(sparql, params or {})
        limit, offset = paging.get("limit", limit), paging.get("offset", offset)
        if limit is not None or offset is not None:
            sparql = _paged(sparql, limit, offset)
        bindings = _bindings(params)
        try:
            return _in_query_order(sparql, self._answer(sparql, bindings, timeout))
        except _Invalid as error:
            if not sparql.strip():  # an empty text is a valid update, but no query
                raise SparqlSyntaxError("the query is empty", 1, 1) from None
            if is_update(sparql):
                raise UpdateRefused("this is a SPARQL update, not a query") from None
            raise _syntax_error(sparql, error, update=False) from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (in one transaction on Oxigraph); bad syntax raises
        SparqlSyntaxError (a StoreError) naming the line and column."""
        try:
            self._execute(sparql)
        except _Invalid as error:
            raise _syntax_error(sparql, error, update=True) from None

    def article_ids(self) -> list[str]:
        """The identifiers of the articles the store holds a graph for, sorted."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows
        return sorted(unquote(str(g)[len(_GRAPH_PREFIX):]) for (g,) in rows
                      if str(g).startswith(_GRAPH_PREFIX))

    def counts(self) -> StoreCounts:
        """How much the store holds, by the definitions every command reports with
        (`StoreCounts`): the build summary, `kg stats` and `met.rq` agree because they count alike."""
        def number(pattern: str) -> str:
            return f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}"

        def by_type(pattern: str) -> str:
            return f"SELECT ?type (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }} GROUP BY ?type"

        def per_relation(rows: list[tuple]) -> dict[str, int]:
            found = {_RELATION_OF_TYPE.get(str(t)): int(n) for t, n in rows}
            return {relation: found.get(relation, 0) for relation in _COUNTED_RELATIONS}

        in_articles = f'FILTER(STRSTARTS(STR(?g), "{_GRAPH_PREFIX}"))'
        resolution = f"<{RESOLUTION_GRAPH}>"
        queries = [
            number(f"GRAPH ?g {{ ?x a schema:NewsArticle }} {in_articles}"),
            number(f"GRAPH ?g {{ ?x a sem:Actor }} {in_articles}"),
            number(f"GRAPH ?g {{ ?x a schema:Claim }} {in_articles}"),
            number("GRAPH ?x { }"),
            by_type(f"GRAPH {resolution} {{ ?x a kg:ConsolidatedEvent ; sem:eventType ?type }}"),
            by_type(f"GRAPH ?g {{ ?x a sem:Event ; sem:eventType ?type }} {in_articles}"),
            by_type(f"GRAPH {resolution} {{ ?x a kg:PairSummary ; kg:ofEventType ?type }}"),
        ]
        counted, quads = side_by_side(lambda: [answer.rows for answer in answers(self, queries)], lambda: len(self))
        articles, actors, claims, graphs, events, reports, pairs = counted
        return StoreCounts(
            articles=int(articles[0][0]), actors=int(actors[0][0]), claims=int(claims[0][0]),
            events=per_relation(events), reports=per_relation(reports), pairs=per_relation(pairs),
            graphs=int(graphs[0][0]), quads=quads,
        )

    # --- writing -----------------------------------------------------------------------------

    def replace_article(self, graph: Graph, first: Sequence[str] = ()) -> None:
        """Drop the named graph `graph.identifier` and load `graph` in its place, atomically;
        the update operations `first`, if any, run before, in the same transaction.

        One SPARQL update does it all, and Oxigraph applies an update in a single transaction,
        so a reader never sees the article half-replaced, a rebuild never duplicates it, and a
        killed process leaves all of it or none.
        """
        if not isinstance(graph.identifier, URIRef):
            raise StoreError("an article graph needs an IRI as its identifier")
        name = _iri(str(graph.identifier))
        before = "".join(f"{operation} ;\n" for operation in first)
        self.update(f"{before}DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{_ntriples(graph)}}} }}")

    def replace_graphs(self, graphs: Sequence[GraphQuads], first: Sequence[str] = ()) -> None:
        """Run the update operations `first`, drop each named graph of `graphs` and load its
        quads in its place: article graphs built elsewhere (`kg.rdf.extraction_quads`), stored as
        `replace_article` stores one, in one SPARQL update."""
        operations = [*first]
        for graph in graphs:
            name = _iri(graph.name)
            operations += [f"DROP SILENT GRAPH {name}", f"INSERT DATA {{ GRAPH {name} {{\n{_as_triples(graph)}}} }}"]
        self.update(" ;\n".join(operations))

    def add_quads(self, graph: GraphQuads) -> None:
        """Add the quads of one named graph to what the store holds (one transaction)."""
        self.update(f"INSERT DATA {{ GRAPH {_iri(graph.name)} {{\n{_as_triples(graph)}}} }}")

    def flush(self) -> None:
        """Write what the store holds in memory to its files (nothing to do for most stores)."""

    def writer(self, name: str, chunk: int | None = None) -> GraphWriter:
        """A `GraphWriter` adding triples to the named graph `name`, `chunk` (by default
        `WRITER_CHUNK`) at a time."""
        return GraphWriter(self, name, chunk or WRITER_CHUNK)

    def add_default(self, graph: Graph) -> None:
        """Add the triples of `graph` to the default graph (build records, ontology, ...)."""
        self.update(f"INSERT DATA {{\n{_ntriples(graph)}}}")

    def remove_article(self, article_id: str) -> bool:
        """Drop the named graph of `article_id`, and what the default graph says about it (its
        build record); True if the store held that graph."""
        name = graph_iri(article_id)
        if not self.query("SELECT ?g WHERE { GRAPH ?g { } }", {"g": name}).rows:
            return False
        self.update(f"DROP SILENT GRAPH {_iri(name)} ;\nDELETE WHERE {{ {_iri(name)} ?p ?o }}")
        return True

    def change_graph(self, graph: Graph, first: Sequence[str] = ()) -> None:
        """Run the update operations `first`, then add `graph`'s triples to the named graph
        `graph.identifier`, in one transaction: a change of a graph that is not replaced whole
        (an incremental resolution's), all written or none."""
        if not isinstance(graph.identifier, URIRef):
            raise StoreError("a named graph needs an IRI as its identifier")
        name = _iri(str(graph.identifier))
        self.update("".join(f"{operation} ;\n" for operation in first)
                    + f"INSERT DATA {{ GRAPH {name} {{\n{_ntriples(graph)}}} }}")

    # --- export ------------------------------------------------------------------------------

    def export(self, path: str | Path, format: str | None = None) -> str | None:  # noqa: A002 (API name)
        """Write the store to `path` in `format`, by default the one its suffix names.

        "trig", "nq" (N-Quads) and "jsonld" keep every graph; "ttl" and "nt" (N-Triples) merge
        all graphs into one.  JSON-LD is compact, with an inline @context of kg's prefixes (no
        remote context to fetch), and parses back to the same quads (`kg.jsonld`).  Output is
        sorted, so the same content (blank node labels apart) always exports to the same bytes;
        it goes to a temporary file renamed at the end, so a failed export never leaves half a
        file.  Returns the store's `fingerprint`, taken on the way from what was read.
        """
        return self.export_many([(path, format)])

    def export_many(self, targets: Sequence[tuple[str | Path, str | None]]) -> str | None:
        """`export` to each (path, format) of `targets`, reading the store once: at most one
        format that keeps every graph and one that merges them (a build's graph.trig and
        graph.ttl: reading the store is most of an export's time, 140 s of 225 s for TriG at
        10,000 articles). Each file is written whole or not at all, as by `export`."""
        files = [(Path(path), _export_format(Path(path), format)) for path, format in targets]
        partials = [target.with_name(f".{target.name}.part") for target, _ in files]  # hidden, as draw.py's
        try:
            with contextlib.ExitStack() as opened:
                for target, _ in files:
                    target.parent.mkdir(parents=True, exist_ok=True)
                outs = [opened.enter_context(partial.open("wb")) for partial in partials]
                fingerprint = _write_exports(self._dataset(), [(out, fmt) for out, (_, fmt) in zip(outs, files)])
            for partial, (target, _) in zip(partials, files):
                partial.replace(target)
        except (OSError, ValueError, SyntaxError) as error:
            for partial in partials:
                partial.unlink(missing_ok=True)
            names = " and ".join(str(target) for target, _ in files)
            raise StoreError(f"cannot export to {names}: {_one_line(error)}") from None
        return fingerprint

    def fingerprint(self) -> str:
        """A digest of what the store holds but its build records: every named graph (the
        articles' and the resolution graph) and the default graph's statements that name no
        build.  Any write changes it (a removal, an update, a correction) but the record each
        build adds of itself, so a build that changed nothing else keeps it: what the outputs
        made from the store need to be written again (`kg.pipeline`).  Costs one dump of the
        store (no sort), in bounded memory, which an export does anyway (`export` returns it);
        the same store gives the same digest as long as Oxigraph keeps it in the same order, and
        otherwise only a needless rewrite follows."""
        dataset, fingerprint = self._dataset(), _Fingerprint()
        for graph in _graphs(dataset):
            for _ in fingerprint.read(dataset, graph, None):
                pass
        return fingerprint.hexdigest()

    # --- lifetime ----------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            self.close()
        except StoreError:
            if error is None:  # else the error on its way out says more than a close it caused to fail
                raise


#: Flush an on-disk store to its files after this many characters of updates. Oxigraph keeps
#: what is written in memory until a flush, so a long build without one grows by about half a
#: megabyte per article (a 10,000-article build reached 9 GB); flushing every 16 MB keeps the
#: memory of a build flat (measured over 3,000 graphs of 600 triples: 1.4 GB and growing, against
#: a flat 220 MB).
FLUSH_EVERY_CHARS = 16_000_000

#: IRIs per VALUES block. Oxigraph 0.5 starts from a VALUES block of up to about a thousand rows
#: and looks each one up in its indexes; from some larger size on, it starts from the query's
#: patterns instead (`?claim a schema:Claim`: every claim of the store) and joins the block
#: last. Measured on 10,000 articles, 1,436 actors: their claims in 31.5 s by blocks of 2,000,
#: 5.0 s by blocks of 500; their label uses 14.7 s against 1.4 s.
VALUES_CHUNK = 500


def value_chunks(items: Iterable[T], size: int = VALUES_CHUNK) -> Iterator[list[T]]:
    """`items` sorted, in lists of at most `size`: the rows of one VALUES block each."""
    return batched(sorted(items), size)


def values(variable: str, iris: Iterable[str] | None) -> str:
    """`VALUES ?variable { <a> <b> }` for a query restricted to `iris`, or "" (no restriction)."""
    if iris is None:
        return ""
    return f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in sorted(iris))} }}"


def rows_for_each(store: GraphStore, query: str, variable: str, iris: Iterable[object]) -> list[tuple]:
    """The rows of `query` for the `iris` only: its `{values}` is replaced by a VALUES block
    binding ?`variable` to them, by `value_chunks`.  Oxigraph then starts from the IRIs,
    through its indexes: for a plain pattern (no GROUP BY, whose whole pattern it reads
    first), that is milliseconds where the whole store is tens of seconds.  The chunks are
    read side by side (`answers`), their rows kept in chunk order."""
    chunks = value_chunks({str(iri) for iri in iris})
    return [row for answer in answers(store, (query.replace("{values}", values(variable, chunk)) for chunk in chunks))
            for row in answer.rows]


#: malloc arenas glibc may make, set when kg.store is imported (glibc fixes the limit when the
#: process's second arena is made, so later is too late). glibc gives each new thread an arena of
#: its own, up to eight per core, and keeps in it what a query freed there: with the read threads
#: (`answers`), a batch of 100 articles into 10,950 peaked at 1,081 MB instead of 715 MB. With
#: two arenas: 757 MB, as fast (one arena: 702 MB, but the threads wait for each other's
#: allocations and the reads are as slow as one at a time). Elsewhere than glibc, nothing.
MALLOC_ARENAS = 2


def _limit_malloc_arenas(arenas: int) -> None:
    """`mallopt(M_ARENA_MAX, arenas)` where the C library is glibc."""
    try:
        ctypes.CDLL("libc.so.6").mallopt(ctypes.c_int(-8), ctypes.c_int(arenas))  # -8: M_ARENA_MAX (malloc.h)
    except (OSError, AttributeError):
        pass


_limit_malloc_arenas(MALLOC_ARENAS)

#: Queries `answers` runs at once: Oxigraph evaluates a query without holding Python's lock, so
#: the reads that follow a build (resolution's, the overview's), which leave the other cores idle
#: one query at a time, use them.
READ_THREADS = max(1, min(4, os.cpu_count() or 1))


def answers(store: GraphStore, queries: Iterable[str]) -> Iterator[QueryResult]:
    """The answers to `queries`, in their order, up to `READ_THREADS` of them evaluated at once
    (each its own read: the store must not change meanwhile, as during a build's reads).  An
    error or Ctrl-C stops the queries not yet started."""
    return _in_threads((functools.partial(store.query, query) for query in queries), READ_THREADS)


def side_by_side(*calls: Callable[[], Any]) -> list[Any]:
    """The results of `calls` (each reading the store, which must not change meanwhile), run at
    once in threads, as `answers` runs queries: for reads that do not depend on one another."""
    return list(_in_threads(calls, len(calls)))


def _in_threads(calls: Iterable[Callable[[], T]], threads: int) -> Iterator[T]:
    """The results of `calls`, in their order, up to `threads` of them running at once (none in
    a thread of its own when there is only one, or `READ_THREADS` is 1); at most one result
    more than that is held.  An error or Ctrl-C cancels the calls not yet started."""
    calls = iter(calls)
    ahead = list(itertools.islice(calls, 2))
    if len(ahead) < 2 or READ_THREADS == 1:
        yield from (call() for call in itertools.chain(ahead, calls))
        return
    pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="kg-read")
    try:
        pending = [pool.submit(call) for call in ahead]
        for call in calls:
            pending.append(pool.submit(call))
            if len(pending) > threads:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


#: Triples a `GraphWriter` writes per transaction: 50,000 (about 10 MB of N-Quads) keep a write's
#: memory small against the 100 MB or so Python holds around it, and the transactions few.
WRITER_CHUNK = 50_000


class GraphWriter:
    """Adds rdflib triples to one named graph of a store, `chunk` triples per transaction: a graph
    too large to build whole in memory (the resolution graph of a whole corpus, where an rdflib
    `Graph` costs about 2 kB a triple) is written in bounded memory. Not atomic as a whole: the
    caller makes a half-written graph recognisable (kg's resolution writes its completion
    record last). Has `add` as an rdflib `Graph` has, so code that fills a graph fills this."""

    def __init__(self, store: GraphStore, name: str, chunk: int) -> None:
        self.store, self.name, self.chunk = store, name, chunk
        self.written = 0
        self._pending: list[tuple] = []

    def add(self, triple: tuple) -> None:
        self._pending.append(triple)
        if len(self._pending) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        """Write the triples added since the last flush."""
        if self._pending:
            self.store.add_quads(triples_quads(self.name, self._pending))
            self.written += len(self._pending)
            self._pending = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None:
            self.flush()


class Store(GraphStore):
    """kg's embedded store: an Oxigraph store in a folder (locked while open) or in memory."""

    def __init__(self, path: str | Path | None, *, read_only: bool = False, lock_wait: float = 0.0) -> None:
        """Open (creating it if needed) the on-disk store at `path`, or an in-memory one if None.

        An on-disk store is locked first (`kg.lock`): exclusively to write, shared with
        `read_only` (which neither creates the folder nor writes to it).  A store held by
        another process in a conflicting way is waited for `lock_wait` seconds, then refused
        with StoreError naming that process (a server, a build).
        """
        if isinstance(path, str) and _URL.match(path):
            raise StoreError(f"{path} is a URL: open it with open_store() or RemoteStore()")
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._lock: StoreLock | None = None
        if self.path is not None:
            try:
                if not read_only:
                    self.path.mkdir(parents=True, exist_ok=True)
                self._lock = StoreLock(self.path, exclusive=not read_only, wait=lock_wait).acquire()
            except StoreBusy as busy:
                raise StoreError(str(busy)) from None
            except OSError as error:
                raise StoreError(f"cannot open store at {self.path}: {_one_line(error)}") from None
        try:
            self._store: ox.Store | None = self._open()
        except StoreError:
            self._release_lock()
            raise
        self._unflushed = 0  # characters of updates written since the last flush

    def _open(self) -> ox.Store:
        """Oxigraph's store: the folder (locked while open) or a new in-memory one."""
        try:
            if self.path is None:
                return ox.Store()
            return ox.Store.read_only(str(self.path)) if self.read_only else ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(f"cannot open store at {self.path}: {_one_line(error)}") from None

    def _release_lock(self) -> None:
        """Give up kg's lock on the folder (see `kg.lock`)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _answer(self, sparql: str, bindings: dict[ox.Variable, _Term],
                timeout: float | None = None) -> QueryResult:
        """Oxigraph's own query, with kg's prefixes, the union default graph and substitutions;
        with a `timeout`, in a child process (`_answer_in_child`)."""
        if timeout is not None:
            return self._answer_in_child(sparql, bindings, timeout)
        try:
            return _result(self._live().query(sparql, prefixes=_PREFIXES, use_default_graph_as_union=True,
                                              substitutions=bindings or None))
        except SyntaxError as error:
            raise _Invalid(str(error)) from None
        except (OSError, ValueError, TypeError, RuntimeError) as error:
            raise StoreError(f"query failed: {_one_line(error)}") from None

    def _answer_in_child(self, sparql: str, bindings: dict[ox.Variable, _Term], timeout: float) -> QueryResult:
        """Run the query in a child Python that is killed after `timeout` seconds.

        A store folder is handed over for the time of the query: this process flushes and
        closes its handle, the child opens the folder as the only process that has it (a
        read-only open beside a live writer is undefined in RocksDB: its compactions delete
        files under the reader), and this process opens it again once the child is gone, killed
        or not; the query itself never writes.  kg's lock on the folder (`kg.lock`) stays with this
        process all along, so no other writer gets in between.  An in-memory store's quads are sent on the
        child's stdin instead.  The answer comes back in the SPARQL JSON results format
        (N-Triples for CONSTRUCT/DESCRIBE), written to a temporary file rather than a pipe so that
        a runaway stream of results costs disk until the deadline, not memory, and is read with
        the same code as a RemoteStore's answer.
        """
        job = {"location": None if self.path is None else str(self.path), "read_only": self.read_only,
               "query": sparql,
               "prefixes": _PREFIXES, "alarm": 0 if math.isinf(timeout) else int(timeout) + 5,
               "substitutions": {v.value: str(t) for v, t in bindings.items()}}
        data = json.dumps(job).encode("utf-8") + b"\n"
        if self.path is None:
            data += self._live().dump(format=ox.RdfFormat.N_QUADS)
        else:
            handle = self._live()
            if not self.read_only:
                handle.flush()
            if sys.getrefcount(handle) <= 3:  # self._store, this name, the call's argument: no one else
                self._store = None
            del handle  # the last reference, if so: RocksDB closes and unlocks the folder
        try:
            with tempfile.TemporaryFile() as answer, tempfile.TemporaryFile() as errors:
                try:
                    child = subprocess.Popen([sys.executable, "-c", _CHILD_QUERY], stdin=subprocess.PIPE,
                                             stdout=answer, stderr=errors)
                except OSError as error:
                    raise StoreError(f"cannot start a query process: {_one_line(error)}") from None
                with child:  # closes its stdin and reaps it on the way out
                    try:
                        child.communicate(data, timeout=None if math.isinf(timeout) else timeout)
                    except subprocess.TimeoutExpired:
                        raise QueryTimeout(timeout) from None
                    finally:  # timed out, interrupted (Ctrl-C) or done: never leave the child running
                        if child.poll() is None:
                            child.kill()
                errors.seek(0)
                answer.seek(0)
                return _child_answer(child.returncode, answer, errors.read())
        finally:
            if self.path is not None and self._store is None:
                self._store = self._open()

    def replace_graphs(self, graphs: Sequence[GraphQuads], first: Sequence[str] = ()) -> None:
        """Run the update operations `first`, drop each named graph of `graphs` and load its quads
        in its place, with Oxigraph's own loader: no SPARQL text to write or parse for the quads.

        Two transactions: the first runs `first` and drops the graphs, the second loads them
        all (Oxigraph has no transaction that spans an update and a load). A graph is never
        half written; a process killed between the two leaves the graphs absent, which the
        next build, finding no content hash for them, extracts again."""
        drops = [f"DROP SILENT GRAPH {_iri(graph.name)}" for graph in graphs]
        if first or drops:
            self.update(" ;\n".join([*first, *drops]))
        if graphs:
            self._load(b"".join(graph.nquads for graph in graphs))

    def add_quads(self, graph: GraphQuads) -> None:
        """Add the quads of one named graph with Oxigraph's loader (one transaction)."""
        self._load(graph.nquads)

    def _load(self, nquads: bytes) -> None:
        """Add N-Quads to the store in one transaction (see `_execute` on flushing)."""
        self._writable()
        try:
            self._live().load(nquads, format=ox.RdfFormat.N_QUADS)
            self._written(len(nquads))
        except (OSError, ValueError, SyntaxError, RuntimeError) as error:
            raise StoreError(f"cannot write to the store: {_one_line(error)}") from None

    def _execute(self, update: str) -> None:
        """Oxigraph's own update, with kg's prefixes predeclared; an on-disk store is flushed
        every `FLUSH_EVERY_CHARS` of updates (see there)."""
        self._writable()
        try:
            self._live().update(update, prefixes=_PREFIXES)
            self._written(len(update))
        except SyntaxError as error:
            raise _Invalid(str(error)) from None
        except (OSError, ValueError, RuntimeError) as error:
            raise StoreError(f"cannot write to the store: {_one_line(error)}") from None

    def flush(self) -> None:
        """Flush an on-disk store's memory tables to its files: after an update that deletes much
        and writes little text (which `FLUSH_EVERY_CHARS` does not see), RocksDB otherwise holds
        the deletions in memory (600 MB for the 1.1 million quads of a 10,000-article resolution)."""
        if self.path is not None and not self.read_only:
            self._live().flush()
            self._unflushed = 0

    def _writable(self) -> None:
        """StoreError unless the store was opened to write."""
        if self.read_only:
            raise StoreError(f"cannot write to the store at {self.path}: it was opened read-only")

    def _written(self, size: int) -> None:
        """Count `size` characters (or bytes) just written, and flush an on-disk store to its files
        every `FLUSH_EVERY_CHARS` of them."""
        self._unflushed += size
        if self.path is not None and self._unflushed >= FLUSH_EVERY_CHARS:
            self._live().flush()
            self._unflushed = 0

    def _dataset(self) -> ox.Store:
        return self._live()

    def compact(self) -> None:
        """Compact the store's files (RocksDB's full compaction, Oxigraph's `optimize`) after a
        build that wrote many graphs: on 2,000 synthetic articles it took 7 s (0.4% of the build),
        and a scan of every claim ran 35% faster after it (5.0 s against 7.8 s)."""
        if self.path is not None and not self.read_only:
            try:
                self._live().optimize()
            except OSError as error:
                raise StoreError(f"cannot compact the store at {self.path}: {_one_line(error)}") from None

    def __len__(self) -> int:
        return len(self._live())

    def _live(self) -> ox.Store:
        """The open Oxigraph store; StoreError once closed."""
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    def close(self) -> None:
        """Flush to disk and release the store (an on-disk store is locked while open)."""
        try:
            if self._store is not None:
                store, self._store = self._store, None  # released even if the flush fails (a full disk)
                if self.path is not None and not self.read_only:
                    try:
                        store.flush()
                    except OSError as error:
                        raise StoreError(f"cannot flush the store at {self.path}: {_one_line(error)}") from None
        finally:
            self._release_lock()


class RemoteStore(GraphStore):
    """A store behind a SPARQL 1.1 endpoint, spoken to with the SPARQL protocol over HTTP.

    `url` is the server's base: queries go to `url/query` and updates to `url/update`, as
    `oxigraph serve` has them; other servers take `query_url`/`update_url`.  Queries ask
    for the union default graph with Oxigraph's `union-default-graph` request parameter
    (`union_default_graph=False` leaves it out for servers that would choke on it; there,
    write `GRAPH ?g { }` as the shipped queries do).  Nothing is held open: `close` only
    stops further use.
    """

    _ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"

    def __init__(self, url: str, *, query_url: str | None = None, update_url: str | None = None,
                 union_default_graph: bool = True, timeout: float = 300.0) -> None:
        """Point at the endpoint; nothing is sent until the first call (see `ping`)."""
        self.url = url.rstrip("/")
        self.query_url = query_url or f"{self.url}/query"
        self.update_url = update_url or f"{self.url}/update"
        self.union_default_graph = union_default_graph
        self.timeout = timeout
        self._closed = False
        # A proxy from the environment must not see requests to this very machine.
        local = urlsplit(self.query_url).hostname in ("localhost", "127.0.0.1", "::1")
        self._opener = urllib.request.build_opener(*([urllib.request.ProxyHandler({})] if local else []))

    def ping(self) -> None:
        """Check that the endpoint answers queries; StoreError if not."""
        self._answer("ASK { }", {})

    def _answer(self, sparql: str, bindings: dict[ox.Variable, _Term],
                timeout: float | None = None) -> QueryResult:
        """POST the query; SPARQL JSON results and N-Triples graphs are parsed by Oxigraph.

        With a `timeout`, the whole exchange has that deadline: each socket wait is bounded by
        it and the answer is read in pieces, checking the clock in between, so that neither a
        silent server nor one streaming a runaway result holds the caller; hanging up makes
        Oxigraph stop streaming.  An answer cut short by the server's own time limit (Oxigraph
        then ends the body with "The SPARQL operation has been cancelled") is a QueryTimeout too.
        """
        if timeout is not None and math.isinf(timeout):
            timeout = None
        try:
            text = _PROLOGUE + (_with_values(sparql, bindings) if bindings else sparql)
        except StoreError:  # no place for the parameters: is it because the query does not parse?
            found = syntax.error_inside(sparql, prefixes=_PREFIXES)
            if found is None:
                raise
            raise SparqlSyntaxError(found.detail, found.line, found.column) from None
        union = ("&" if "?" in self.query_url else "?") + "union-default-graph"
        url = self.query_url + (union if self.union_default_graph else "")
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._post(url, text, "application/sparql-query", timeout) as response:
            kind = response.headers.get_content_type()
            body = _read_until(response, deadline, timeout)
            try:
                if kind == "application/sparql-results+json":
                    return _result(ox.parse_query_results(body, ox.QueryResultsFormat.JSON))
                if kind == "application/n-triples":
                    return _result(ox.parse(body, ox.RdfFormat.N_TRIPLES))
            except (SyntaxError, ValueError, OSError) as error:
                if _SERVER_CANCELLED in body[-256:]:
                    raise QueryTimeout(None) from None
                raise StoreError(f"unreadable answer from {url}: {_one_line(error)}") from None
        raise StoreError(f"unexpected answer from {url}: {kind}")

    def _execute(self, update: str) -> None:
        with self._post(self.update_url, _PROLOGUE + update, "application/sparql-update"):
            pass

    def _dataset(self) -> ox.Store:
        """A copy of the whole dataset in memory, fetched with one SELECT (any endpoint can)."""
        copy = ox.Store()
        result = self._answer(_ALL_QUADS.format(projection="?s ?p ?o ?g"), {})
        copy.extend(ox.Quad(s, p, o, ox.DefaultGraph() if g is None else g) for s, p, o, g in result.terms)
        return copy

    def __len__(self) -> int:
        return int(self._answer(_ALL_QUADS.format(projection="(COUNT(*) AS ?n)"), {}).rows[0][0])

    def close(self) -> None:
        self._closed = True

    def _post(self, url: str, body: str, content_type: str, timeout: float | None = None) -> Any:
        """POST `body`; HTTP 400 becomes `_Invalid`, other failures a one-line StoreError.

        Socket waits are bounded by the store's `timeout`, or by a query's own `timeout` when
        shorter, and running out of the latter is a QueryTimeout.
        """
        if self._closed:
            raise StoreError("the store is closed")
        where = url.split("?", 1)[0]
        request = urllib.request.Request(url, data=body.encode("utf-8"), method="POST", headers={
            "Content-Type": f"{content_type}; charset=utf-8", "Accept": self._ACCEPT})
        try:
            return self._opener.open(request, timeout=self.timeout if timeout is None else min(self.timeout, timeout))
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            if error.code == 400:
                raise _Invalid(_unshift(body)) from None
            detail = _squeeze(body)
            raise StoreError(f"{where} refused the request (HTTP {error.code}: {detail[:240]})") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if timeout is not None and isinstance(reason, TimeoutError):
                raise QueryTimeout(timeout) from None
            raise StoreError(f"cannot reach {where}: {_squeeze(str(reason))}") from None


#: how Oxigraph's server ends an answer it stopped streaming at its `--timeout-s`.
_SERVER_CANCELLED = b"The SPARQL operation has been cancelled"


def _read_until(response: Any, deadline: float | None, timeout: float | None) -> bytes:
    """The body of an HTTP response, or QueryTimeout once `deadline` (time.monotonic) is past.

    Without a deadline it is one `read`.  With one, the body is read a piece at a time (each
    socket wait already bounded by the query's timeout) and the clock checked in between.
    """
    if deadline is None or timeout is None:
        return response.read()
    pieces = []
    try:
        while piece := response.read1(1 << 16):
            pieces.append(piece)
            if time.monotonic() > deadline:
                raise QueryTimeout(timeout)
    except TimeoutError:
        raise QueryTimeout(timeout) from None
    return b"".join(pieces)


#: every quad once: the default graph is what the union holds outside the named graphs, so
#: this reads the same whether or not the endpoint serves the union as its default graph.
_ALL_QUADS = """SELECT {projection} WHERE {{
  {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?any {{ ?s ?p ?o }} }} }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }}
}}"""


#: the child process of `Store._answer_in_child`: one job (a JSON line) on stdin, then, for an
#: in-memory store, its quads; the answer on stdout after a line naming its kind; a failure as
#: JSON on stderr with exit status 2.  Only pyoxigraph is imported, so it starts in ~50 ms.
#: The alarm is a backstop: it ends the child (SIGALRM's default action) should the parent
#: die without killing it.
_CHILD_QUERY = r"""
import json, signal, sys
signal.signal(signal.SIGALRM, signal.SIG_DFL)
job = json.loads(sys.stdin.buffer.readline())
signal.alarm(job["alarm"])
import pyoxigraph as ox
try:
    if job["location"] is None:
        store = ox.Store()
        store.load(sys.stdin.buffer.read(), ox.RdfFormat.N_QUADS)
    else:
        try:
            store = ox.Store(job["location"])
        except OSError as error:  # still locked: the parent's handle outlived it (a reference kept)
            if "lock" not in str(error).lower():
                raise
            store = ox.Store.read_only(job["location"])
    substitutions = {}
    for name, term in job["substitutions"].items():
        quad = next(iter(ox.parse("<urn:s> <urn:p> " + term + " .", ox.RdfFormat.N_TRIPLES)))
        substitutions[ox.Variable(name)] = quad.object
    answer = store.query(job["query"], prefixes=job["prefixes"], use_default_graph_as_union=True,
                         substitutions=substitutions or None)
    out = sys.stdout.buffer
    if isinstance(answer, (ox.QuerySolutions, ox.QueryBoolean)):
        out.write(b"results\n")
        answer.serialize(out, ox.QueryResultsFormat.JSON)
    else:
        out.write(b"triples\n")
        answer.serialize(out, ox.RdfFormat.N_TRIPLES)
    out.flush()
except Exception as error:
    sys.stderr.write(json.dumps({"syntax": isinstance(error, SyntaxError), "message": str(error),
                                 "type": type(error).__name__}))
    sys.exit(2)
"""


def _child_answer(status: int, answer: io.BufferedIOBase, errors: bytes) -> QueryResult:
    """The QueryResult of a finished query child (see `_CHILD_QUERY`)."""
    if status != 0:
        try:
            failure = json.loads(errors)
        except ValueError:
            detail = _squeeze(errors.decode("utf-8", "replace"))[-240:] or f"exit status {status}"
            raise StoreError(f"query failed: the query process ended with {detail}") from None
        if failure["syntax"]:
            raise _Invalid(failure["message"])
        raise StoreError(f"query failed: {_squeeze(failure['message']) or failure['type']}")
    kind = answer.readline()
    try:
        if kind == b"results\n":
            return _result(ox.parse_query_results(answer, ox.QueryResultsFormat.JSON))
        if kind == b"triples\n":
            return _result(ox.parse(answer, ox.RdfFormat.N_TRIPLES))
    except (SyntaxError, ValueError, OSError) as error:
        raise StoreError(f"query failed: unreadable answer of the query process: {_one_line(error)}") from None
    raise StoreError("query failed: the query process gave no answer")


# --- opening and serving -------------------------------------------------------------------

def wait_for_server(url: str, process: subprocess.Popen | None = None, timeout: float = 10.0) -> None:
    """Wait until the SPARQL server at `url` answers queries: one just started (`process`, if
    this program started it) takes a moment to open its store. StoreError if the process exits
    first or no answer comes within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise StoreError(f"the server for {url} exited with {process.returncode}")
        try:
            RemoteStore(url).ping()
            return
        except StoreError:
            if time.monotonic() >= deadline:
                raise StoreError(f"no answer from {url} within {timeout:g} s") from None
            time.sleep(0.05)


def open_store(location: str | Path, *, read_only: bool = False) -> GraphStore:
    """Open an existing store: an http(s) URL gives a RemoteStore (checked to answer), a path a
    Store: the store folder or a build folder holding `store/`.

    Never creates one: a missing or empty folder raises StoreError telling the user to build.
    `read_only` opens a folder beside other readers (a `kg serve`), never beside a writer
    (see `kg.lock`); it means nothing for a server.
    """
    if isinstance(location, str) and _URL.match(location):
        remote = RemoteStore(location)
        remote.ping()
        return remote
    return Store(store_folder(location), read_only=read_only)


def store_folder(path: str | Path) -> Path:
    """The Oxigraph folder behind `path` (a store folder or a build folder), without opening it."""
    if isinstance(path, str) and _URL.match(path):
        raise StoreError(f"{path} is a URL, not a store folder")
    folder = Path(path)
    if (folder / STORE_DIR).is_dir():
        folder = folder / STORE_DIR
    if not (folder / "CURRENT").is_file():  # every Oxigraph (RocksDB) store has one
        raise StoreError(f"no kg store at {path} (give a store folder or a build folder "
                         f"with {STORE_DIR}/ in it; run `kg build` first)")
    return folder


def oxigraph_executable() -> str:
    """The `oxigraph` server program: beside this Python (a venv's bin/) or else on PATH."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("the oxigraph server is not installed: pip install oxigraph")
    return found


def serve_command(location: str | Path, bind: str = "127.0.0.1:7878", writable: bool = False,
                  timeout: float | None = QUERY_TIMEOUT) -> tuple[list[str], str]:
    """The command line that serves the store at `location` over HTTP, and its base URL.

    Read-only (`oxigraph serve-read-only`) unless `writable`; always with the union default
    graph, so that any SPARQL client sees what `kg query` sees.  The server cancels a query
    whose evaluation runs past `timeout` seconds (whole seconds, rounded up; None: never), so
    that one runaway query cannot keep a core busy for good.  The store must not be open
    elsewhere while served (Oxigraph locks it; read-only beside a writer is undefined).
    """
    if not _BIND.match(bind):
        raise StoreError(f"cannot bind to {bind!r}: give HOST:PORT, e.g. 127.0.0.1:7878")
    folder = store_folder(location)
    command = [oxigraph_executable(), "serve" if writable else "serve-read-only",
               "--location", str(folder), "--bind", bind, "--union-default-graph"]
    if timeout is not None:
        command += ["--timeout-s", str(max(1, math.ceil(timeout)))]
    return command, f"http://{bind}/"


def serve(command: list[str]) -> NoReturn:
    """Become the server: exec it (POSIX), so that stopping this process stops the server."""
    try:
        if os.name == "posix":
            os.execv(command[0], command)
        sys.exit(subprocess.call(command))
    except OSError as error:
        raise StoreError(f"cannot start {command[0]}: {_one_line(error)}") from None


# --- parameters and updates ----------------------------------------------------------------

def parse_param(text: str) -> tuple[str, ParamValue]:
    """`name=value` as given on the command line: integers and decimals become numbers."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not name:
        raise StoreError(f"parameter {text!r}: write NAME=VALUE")
    if _INTEGER.match(value):
        return name, int(value)
    if _FLOAT.match(value):
        return name, float(value)
    return name, value


def is_update(sparql: str) -> bool:
    """Whether `sparql` parses as a SPARQL update, decided by Oxigraph's own parser.

    pyoxigraph has no parse-only call, so the text runs on an empty scratch store behind an
    operation that always fails when run (dropping a graph that is not there): a syntax error
    means "not an update", the planted failure means "an update", and nothing the text asks
    for (not even a LOAD from the network) is ever carried out.
    """
    at = _operation_start(sparql)
    probe = f"{sparql[:at]} DROP GRAPH <urn:kg:no-such-graph> ; {sparql[at:]}"
    try:
        ox.Store().update(probe, prefixes=_PREFIXES)
    except SyntaxError:
        return False
    except Exception:  # noqa: BLE001 (the planted failure, whatever Oxigraph calls it)
        return True
    return True


def _bindings(params: Mapping[str, ParamValue]) -> dict[ox.Variable, _Term]:
    """Query parameters as Oxigraph variables and terms; bad names or values raise StoreError."""
    bindings: dict[ox.Variable, _Term] = {}
    for name, value in params.items():
        try:
            variable = ox.Variable(name.lstrip("?$"))
        except ValueError:
            raise StoreError(f"parameter {name!r} is not a SPARQL variable name") from None
        bindings[variable] = _param_term(name, value)
    return bindings


def _param_term(name: str, value: ParamValue) -> _Term:
    """One parameter value as an RDF term (see `GraphStore.query`)."""
    if isinstance(value, bool):
        return ox.Literal(value)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ox.Literal(value)
        return ox.Literal(format(Decimal(repr(value)), "f"), datatype=ox.NamedNode(_XSD + "decimal"))
    if isinstance(value, str):
        if _ABSOLUTE_IRI.match(value):
            try:
                return ox.NamedNode(value)
            except ValueError:
                raise StoreError(f"parameter {name}: {value!r} is not a valid IRI") from None
        return ox.Literal(value)
    raise StoreError(f"parameter {name}: cannot bind a {type(value).__name__} (use str, int or float)")


#: the SPARQL the VALUES placement needs to see: words and braces, with comments, strings,
#: IRIs, variables and prefixed names skipped whole (so a brace or keyword inside them is not).
_LEXEME = re.compile(r'''
    (?P<skip>
        \#[^\n]*
      | """(?:[^"\\]|\\.|"(?!""))*""" | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
      | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'
      | <[^<>"{}|^`\\\x00-\x20]*>
      | [?$]\w+
      | [\w.-]*:[\w.:%-]*
    )
  | (?P<word>[A-Za-z]+)
  | (?P<brace>[{}])''', re.X | re.S)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


#: the SPARQL `_with_values` needs to see: variables, prefixed names, words, braces, parentheses
#: and `*`, with comments, strings and IRIs skipped whole (a brace or keyword inside them is none).
_TOKEN = re.compile(r'''
    (?P<skip>
        \#[^\n]*
      | """(?:[^"\\]|\\.|"(?!""))*""" | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
      | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'
      | <[^<>"{}|^`\\\x00-\x20]*>
    )
  | (?P<var>[?$]\w+)
  | (?P<pname>[\w.-]*:[\w.:%-]*)
  | (?P<word>[A-Za-z]+)
  | (?P<punct>[{}()*])''', re.X | re.S)


def _with_values(sparql: str, bindings: dict[ox.Variable, _Term]) -> str:
    """The query with the parameters bound as Oxigraph's `substitutions` bind them locally.

    Substitution (SEP-0007) binds a variable everywhere it is the query's variable: in every
    group of the query, and inside every subquery that projects it (not in one that does not,
    whose own variable of that name is another).  A `LATERAL` right side gets the value from its
    left side (where it may not be bound again), and a group that assigns it (`BIND ... AS`) only
    after the assignment.  So a `VALUES (?a ...) { (term ...) }` closes
    every such group, inside subqueries too, before their LIMIT, rather than once after the
    whole WHERE clause (which gave other answers for a subquery with LIMIT).  The terms are
    Oxigraph's own N-Triples serialisations (quotes, newlines and backslashes escaped), and
    only their places are chosen here, so a value can never become SPARQL.
    """
    names = {str(v): str(t) for v, t in bindings.items()}
    tokens = _tokens(sparql)
    inserts: list[tuple[int, int, list[str]]] = []  # (where, where its group opened, parameters)
    stack: list[tuple[str, frozenset[str], int]] = []  # per open brace: kind, parameters bound in it, where
    form: str | None = None
    after_where = next_is_data = next_is_lateral = False
    subquery_scope: frozenset[str] | None = None  # the parameters a subquery just begun projects
    graph_variable: str | None = None  # the ?g of a `GRAPH ?g {` just read: bound outside its group
    for index, (kind, text, at) in enumerate(tokens):
        word = text.upper() if kind == "word" else ""
        if word in _FORMS and not stack and form is None:
            form = word
        elif word == "WHERE" and not stack:
            after_where = True
        elif word == "VALUES":
            next_is_data = True
        elif word == "LATERAL":
            next_is_lateral = True
        elif word == "GRAPH" and index + 1 < len(tokens) and tokens[index + 1][0] == "var":
            graph_variable = "?" + tokens[index + 1][1][1:]
        elif word == "SELECT" and stack:
            subquery_scope = _projected(tokens, index, stack[-1][1])
        elif word == "AS" and stack and stack[-1][0] == "group" and index + 1 < len(tokens):
            # BIND (... AS ?x): ?x must not be bound before it in its group, so the groups
            # nested in that group so far leave ?x to the VALUES closing the group itself
            assigned, opened = "?" + tokens[index + 1][1][1:], stack[-1][2]
            for _, group_at, bound in inserts:
                if group_at > opened and assigned in bound:
                    bound.remove(assigned)
        elif text == "{":
            outer = stack[-1] if stack else None
            following = tokens[index + 1][1].upper() if index + 1 < len(tokens) else ""
            if next_is_data or (outer and outer[0] in ("data", "template")):
                stack.append(("data", frozenset(), at))
                next_is_data = False
            elif form == "CONSTRUCT" and not stack and not after_where:
                stack.append(("template", frozenset(), at))
            elif form == "CONSTRUCT" and not stack and sum(1 for k, t, _ in tokens[:index] if t == "{") == 0:
                raise StoreError("parameters need CONSTRUCT { ... } WHERE { ... }, not CONSTRUCT WHERE")
            elif next_is_lateral:  # its right side may not bind what the left binds: left to the left
                stack.append(("wrapper" if following == "SELECT" else "group", frozenset(), at))
                next_is_lateral = False
            elif following == "SELECT":
                stack.append(("wrapper", outer[1] if outer else frozenset(names), at))
            else:
                scope = frozenset(names) if outer is None else outer[1]
                if subquery_scope is not None:
                    scope, subquery_scope = subquery_scope, None
                if graph_variable is not None:  # GRAPH ?g { }: ?g is joined outside, as substitution does
                    scope, graph_variable = scope - {graph_variable}, None
                stack.append(("group", scope, at))
        elif text == "}" and stack:
            kind_of, scope, opened = stack.pop()
            if kind_of == "group" and scope:
                inserts.append((at, opened, sorted(scope)))
    if form is None or not inserts:
        raise StoreError("cannot bind parameters: the query has no WHERE clause")
    for at, _, bound in sorted(inserts, reverse=True):
        if bound:
            block = f" VALUES ({' '.join(bound)}) {{ ({' '.join(names[b] for b in bound)}) }} "
            sparql = sparql[:at] + block + sparql[at:]
    return sparql


#: parameters that page a query's answer rather than bind a variable (see `GraphStore.query`)
PAGING_PARAMS = ("limit", "offset")
_PAGE_CLAUSE = re.compile(r"\s*(\d+)")


def _paging_params(sparql: str, params: Mapping[str, ParamValue]) -> tuple[dict[str, ParamValue], dict[str, int]]:
    """`params` split into the variables to bind and the paging (`PAGING_PARAMS` the query has no
    variable of: a listing's `--param limit=50`), each a whole number of rows, 0 or more."""
    used = {text[1:] for kind, text, _ in _tokens(sparql) if kind == "var"}
    bound, paging = {}, {}
    for name, value in params.items():
        plain = name.lstrip("?$")
        if plain not in PAGING_PARAMS or plain in used:
            bound[name] = value
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise StoreError(f"parameter {plain}: a page is given in whole rows, 0 or more, not {value!r}")
        else:
            paging[plain] = value
    return bound, paging


def _paged(sparql: str, limit: int | None, offset: int | None) -> str:
    """The query with its outermost LIMIT and OFFSET replaced by `limit` and `offset` (None: the
    query's own is kept; 0: none), written after its other solution modifiers and before a
    trailing VALUES block."""
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise StoreError(f"{name}: a page is given in whole rows, 0 or more, not {value!r}")
    depth, tail, values_at = 0, 0, len(sparql)
    clauses: dict[str, tuple[int, int, int]] = {}  # LIMIT/OFFSET -> (start, end, rows)
    for kind, text, at in _tokens(sparql):
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
            if depth == 0 and values_at == len(sparql):
                tail = at + 1  # the modifiers follow the last group (but a trailing VALUES)
        elif depth == 0 and kind == "word" and text.upper() == "VALUES" and tail:
            values_at = at
        elif depth == 0 and kind == "word" and text.upper() in ("LIMIT", "OFFSET") and at > tail:
            number = _PAGE_CLAUSE.match(sparql, at + len(text))
            if number:
                clauses[text.upper()] = (at, number.end(), int(number.group(1)))
    wanted = {"LIMIT": limit, "OFFSET": offset}
    for clause, value in wanted.items():
        if value is None and clause in clauses:
            wanted[clause] = clauses[clause][2]
    page = " ".join(f"{clause} {value}" for clause, value in wanted.items() if value)
    for start, end, _ in sorted(clauses.values(), reverse=True):
        sparql = sparql[:start] + sparql[end:]
        values_at -= (end - start) if start < values_at else 0
    return f"{sparql[:values_at].rstrip()}\n{page}\n{sparql[values_at:]}" if page else sparql


def _tokens(sparql: str) -> list[tuple[str | None, str, int]]:
    """`_TOKEN`'s tokens of a query (kind, text, offset), comments, strings and IRIs left out."""
    return [(m.lastgroup, m.group(), m.start()) for m in _TOKEN.finditer(sparql) if m.lastgroup != "skip"]


def _projected(tokens: list[tuple[str | None, str, int]], select: int, outer: frozenset[str]) -> frozenset[str]:
    """The parameters (of `outer`) a subquery starting at token `select` projects: `*`, or a
    variable named outside parentheses (not one it assigns with `(... AS ?x)`, which must be
    unbound inside it)."""
    projected: set[str] = set()
    depth = 0
    for kind, text, _ in tokens[select + 1:]:
        if text == "{" or (kind == "word" and text.upper() == "WHERE"):
            break
        if text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        elif text == "*" and depth == 0:
            return outer
        elif kind == "var" and depth == 0:
            projected.add("?" + text[1:])
    return frozenset(projected) & outer


def _operation_start(sparql: str) -> int:
    """Where the first operation of an update begins, after its BASE and PREFIX lines."""
    for lexeme in _LEXEME.finditer(sparql):
        if lexeme.lastgroup != "skip" and lexeme.group().upper() not in ("BASE", "PREFIX"):
            return lexeme.start()
    return len(sparql)


# --- results -------------------------------------------------------------------------------

_SELECT_ALL = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", re.IGNORECASE)


def _in_query_order(sparql: str, result: QueryResult) -> QueryResult:
    """A `SELECT *` result with its columns in the order the query first names them (`?s ?p ?o`),
    as other SPARQL tools print them; Oxigraph gives them sorted by name."""
    star = _SELECT_ALL.search(sparql)
    if star is None or not result.columns:
        return result
    text = sparql[star.end():]

    def first_use(column: str) -> int:
        found = re.search(rf"[?$]{re.escape(column)}\b", text)
        return found.start() if found else len(text)
    order = sorted(range(len(result.columns)), key=lambda n: first_use(result.columns[n]))
    if order == list(range(len(order))):
        return result
    return replace(result, columns=[result.columns[n] for n in order],
                   rows=[tuple(row[n] for n in order) for row in result.rows],
                   terms=[tuple(row[n] for n in order) for row in result.terms] if result.terms else result.terms)

def _result(answer: Any) -> QueryResult:
    """Oxigraph's answer (local, or parsed from an endpoint's) as a QueryResult."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        columns = [v.value for v in answer.variables]
        terms = [tuple(s[c] for c in columns) for s in answer]
        return QueryResult(columns=columns, rows=[tuple(_python(t) for t in row) for row in terms],
                           terms=terms)
    return _graph_result([t.triple if isinstance(t, ox.Quad) else t for t in answer])


def _graph_result(triples: list[ox.Triple]) -> QueryResult:
    """A CONSTRUCT/DESCRIBE answer as an rdflib Graph plus one row per triple."""
    graph = new_graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                format="nt")
    terms = [(t.subject, t.predicate, t.object) for t in triples]
    rows = [tuple(_python(t) for t in row) for row in terms]
    return QueryResult(columns=["subject", "predicate", "object"], rows=rows, graph=graph, terms=terms)


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


def _value_term(value: Value) -> _Term | None:
    """A plain Python value as the RDF term it most likely was (for hand-made results)."""
    if value is None:
        return None
    if isinstance(value, str) and value.startswith("_:"):
        return ox.BlankNode(value[2:])
    try:
        return _param_term("value", value)
    except StoreError:
        return ox.Literal(str(value))


def _json_term(term: _Term) -> dict[str, Any]:
    """One RDF term in the W3C SPARQL JSON results encoding."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    encoded: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != _XSD + "string":
        encoded["datatype"] = term.datatype.value
    return encoded


# --- export --------------------------------------------------------------------------------

def _export_format(target: Path, format: str | None) -> str:  # noqa: A002
    """The export format asked for, or the one `target`'s suffix names."""
    if format is None:
        guessed = _SUFFIXES.get(target.suffix.lower())
        if guessed is None:
            raise StoreError(f"cannot tell the export format from {target.name!r}: name the file "
                             f".trig, .nq, .jsonld, .ttl or .nt, or give a format")
        return guessed
    fmt = format.lower().lstrip(".")
    if fmt not in _EXPORTS:
        raise StoreError(f"unknown export format {format!r} (use trig, ttl, nq, nt or jsonld)")
    return fmt


#: N-Triples lines an export sorts in memory at once (about 60 MB of them). A graph, or for the
#: merged formats the whole store, with more is sorted in runs of this many, each spilled to a
#: temporary file, and the runs are merged: an external merge sort, so that the memory of an
#: export does not grow with the store.
EXPORT_RUN_LINES = 200_000
#: at most this many runs are merged at once (each an open file); more are merged into longer
#: runs first.
_MERGE_FAN_IN = 64
#: lines in a chunk of a merge's output (what is parsed or written at a time).
_CHUNK_LINES = 10_000
#: bytes of a graph's dump read back at a time.
_READ_BYTES = 1 << 22
_GraphName = Union[ox.NamedNode, ox.BlankNode, ox.DefaultGraph]


def _write_exports(store: ox.Store, targets: Sequence[tuple[IO[bytes], str]], *, run_lines: int | None = None) -> str:
    """Write `store` to each (out, fmt) of `targets`, sorted (see `GraphStore.export`), in
    bounded memory, reading the store once: at most one format that keeps every graph and one
    that merges them.

    Oxigraph's `dump` of the whole store is faster (0.48 s against 0.68 s for TriG of 100k
    quads) but its order depends on the order things were stored in, so each graph is dumped
    as N-Triples (to a temporary file: no graph is held whole), its lines sorted (which also
    groups each subject's statements for the Turtle/TriG writers) and streamed on; the merged
    formats (Turtle, N-Triples) sort the lines of every graph together and drop the duplicates
    (the lines read for the other format, as they go by). Sorting holds at most `run_lines`
    lines per format (default `EXPORT_RUN_LINES`; see `_ExternalSort`). Still far faster than a
    SPARQL DISTINCT ... ORDER BY.  Lines go through in chunks, not one by one, which Python
    would pay for per line.  JSON-LD is kg's own compact form (`kg.jsonld`: an inline @context
    of kg's prefixes), which holds one graph's node objects at a time.  Returns the store's
    fingerprint (`GraphStore.fingerprint`), of the lines read.
    """
    run_lines = run_lines or EXPORT_RUN_LINES
    by_graph = [(out, fmt) for out, fmt in targets if not _EXPORTS[fmt][0]]
    merged = [(out, fmt) for out, fmt in targets if _EXPORTS[fmt][0]]
    if not targets or len(by_graph) > 1 or len(merged) > 1:
        raise ValueError("an export reads the store once for one format by graph and one merged format at most")
    spill, fingerprint = _spill_folder(targets[0][0]), _Fingerprint()
    with _ExternalSort(run_lines, spill) as everything:
        def read(graph: _GraphName) -> Iterator[list[bytes]]:
            for chunk in fingerprint.read(store, graph, spill):
                if merged:
                    everything.add(chunk)
                yield chunk

        if by_graph:
            sections = ((graph, _sorted_chunks(read(graph), run_lines, spill)) for graph in _graphs(store))
            _write_sections(*by_graph[0], sections)
        else:
            for graph in _graphs(store):
                for _ in read(graph):
                    pass
        if merged:
            _write_merged(*merged[0], everything.sorted_chunks())
    return fingerprint.hexdigest()


def _write_merged(out: IO[bytes], fmt: str, chunks: Iterable[list[bytes]]) -> None:
    """Sorted N-Triples lines, in chunks, written in the merged format `fmt`."""
    if _EXPORTS[fmt][1] == ox.RdfFormat.N_TRIPLES:
        out.writelines(b"\n".join(chunk) + b"\n" for chunk in chunks if chunk)
    else:
        ox.serialize(_triples(chunks), out, _EXPORTS[fmt][1], prefixes=_EXPORT_PREFIXES)


def _write_sections(out: IO[bytes], fmt: str, sections: Iterable[tuple[_GraphName, Iterable[list[bytes]]]]) -> None:
    """Each graph's sorted N-Triples lines, in chunks, written in the format `fmt` that keeps graphs."""
    rdf_format = _EXPORTS[fmt][1]
    if rdf_format == ox.RdfFormat.JSON_LD:  # Oxigraph's has no @context: kg writes compact JSON-LD itself
        write_jsonld(out, ((None if isinstance(graph, ox.DefaultGraph) else graph, _triples(chunks))
                           for graph, chunks in sections))
    elif rdf_format == ox.RdfFormat.N_QUADS:
        out.writelines(_quad_lines(chunk, graph) for graph, chunks in sections for chunk in chunks)
    else:
        quads = (quad for graph, chunks in sections
                 for quad in _parsed((_quad_lines(chunk, graph) for chunk in chunks), ox.RdfFormat.N_QUADS))
        ox.serialize(quads, out, rdf_format, prefixes=_EXPORT_PREFIXES)


class _Fingerprint:
    """A store's fingerprint (`GraphStore.fingerprint`), taken from its graphs' lines as they are
    read: each graph's name and N-Triples lines (in store order), the default graph's less the
    lines that name a build (`kg.vocab.run_iri`), into one SHA-256."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()

    def read(self, store: ox.Store, graph: _GraphName, spill: Path | None) -> Iterator[list[bytes]]:
        """`_graph_chunks` of `graph`, added to the fingerprint as they go by (read them all)."""
        self.digest.update(f"\0{graph}\0".encode("utf-8"))
        builds = isinstance(graph, ox.DefaultGraph)
        for chunk in _graph_chunks(store, graph, spill):
            if builds:
                self.digest.update(b"".join(line + b"\n" for line in chunk if _RUN_IRI not in line))
            elif chunk:
                self.digest.update(b"\n".join(chunk) + b"\n")
            yield chunk

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def _graphs(store: ox.Store) -> list[_GraphName]:
    """The default graph, then the named graphs in IRI order."""
    return [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]


def _graph_chunks(store: ox.Store, graph: _GraphName, spill: Path | None) -> Iterator[list[bytes]]:
    """The triples of one graph of `store` as N-Triples lines (each ending in " .", no newline),
    in store order and in chunks: dumped by Oxigraph to a temporary file in `spill` and read
    back a few megabytes at a time."""
    with tempfile.TemporaryFile(dir=spill) as dump:
        store.dump(dump, ox.RdfFormat.N_TRIPLES, from_graph=graph)
        dump.seek(0)
        rest = b""
        while block := dump.read(_READ_BYTES):
            lines = (rest + block).split(b"\n")
            rest = lines.pop()
            yield lines
        if rest:
            yield [rest]


def _sorted_chunks(chunks: Iterable[list[bytes]], run_lines: int, spill: Path | None) -> Iterator[list[bytes]]:
    """The lines of `chunks` sorted, each once, in chunks (`_ExternalSort`)."""
    with _ExternalSort(run_lines, spill) as sorter:
        for chunk in chunks:
            sorter.add(chunk)
        yield from sorter.sorted_chunks()


class _ExternalSort:
    """Lines added in chunks, given back sorted, each once, in chunks, with at most about
    `run_lines` of them in memory: runs of that many are sorted and written to temporary files
    in `spill`, then merged (`heapq.merge`), dropping the duplicates of one line in several
    runs; a single run never leaves memory. Its temporary files go when its `with` ends."""

    def __init__(self, run_lines: int, spill: Path | None) -> None:
        self.run_lines, self.spill = run_lines, spill
        self.files: list[IO[bytes]] = []
        self.runs: list[Iterable[bytes]] = []
        self.batch: list[bytes] = []

    def add(self, chunk: list[bytes]) -> None:
        self.batch += chunk
        full = len(self.batch) - len(self.batch) % self.run_lines
        for start in range(0, full, self.run_lines):
            if len(self.runs) == _MERGE_FAN_IN:  # each run merged is an open file: merge these into one first
                self.runs = [_spilled(_merged(self.runs), self.spill, self.files)]
                for done in self.files[:-1]:
                    done.close()
                del self.files[:-1]
            self.runs.append(_spilled(sorted(set(self.batch[start:start + self.run_lines])), self.spill, self.files))
        if full:
            self.batch = self.batch[full:]

    def sorted_chunks(self) -> Iterator[list[bytes]]:
        """The lines added, sorted, each once (read them once all are added)."""
        last = sorted(set(self.batch))
        self.batch = []
        if not self.runs:  # handed on in slices: what is made of each (N-Quads lines, a document to parse) stays small
            yield from (last[start:start + _CHUNK_LINES] for start in range(0, len(last), _CHUNK_LINES))
            return
        yield from batched(_merged([*self.runs, last]), _CHUNK_LINES)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        for file in self.files:
            file.close()


T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter): `itertools.batched` of Python 3.12."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _spilled(lines: Iterable[bytes], spill: Path | None, files: list[IO[bytes]]) -> Iterator[bytes]:
    """`lines` written to a temporary file in `spill` (added to `files`, for the caller to close),
    and read back from it, a line at a time."""
    run = tempfile.TemporaryFile(dir=spill)
    files.append(run)
    run.writelines(line + b"\n" for line in lines)
    run.seek(0)
    return (line[:-1] for line in run)


def _merged(runs: list[Iterable[bytes]]) -> Iterator[bytes]:
    """Sorted runs merged into one sorted stream, each line once."""
    previous = None
    for line in heapq.merge(*runs):
        if line != previous:
            yield line
            previous = line


def _parsed(documents: Iterable[bytes], syntax: ox.RdfFormat) -> Iterator[ox.Quad]:
    """The quads of `documents`, each parsed by Oxigraph in turn (blank nodes keep their labels)."""
    for document in documents:
        yield from ox.parse(document, syntax)


def _triples(chunks: Iterable[list[bytes]]) -> Iterator[ox.Triple]:
    """The triples of chunks of N-Triples lines."""
    return (quad.triple for quad in _parsed((b"\n".join(chunk) for chunk in chunks), ox.RdfFormat.N_TRIPLES))


def _quad_lines(chunk: list[bytes], graph: _GraphName) -> bytes:
    """N-Triples lines (each ending in " .") made N-Quads lines of `graph` (none: the default
    graph), newlines included."""
    end = b" .\n" if isinstance(graph, ox.DefaultGraph) else b" " + str(graph).encode("utf-8") + b" .\n"
    return b"".join(line[:-2] + end for line in chunk)


def _spill_folder(out: io.BufferedIOBase) -> Path | None:
    """Where an export's temporary files go: beside the file it writes (the disk it is written
    to), else the system's temporary folder."""
    name = getattr(out, "name", None)
    return Path(name).parent if isinstance(name, str) else None


# --- small helpers -------------------------------------------------------------------------

def _iri(value: str) -> str:
    """An IRI checked and written by Oxigraph (`<...>`), for SPARQL that kg itself composes."""
    try:
        return str(ox.NamedNode(value))
    except ValueError:
        raise StoreError(f"not a valid IRI: {value!r}") from None


def _ntriples(graph: Graph) -> str:
    """The graph as N-Triples, which is also valid inside SPARQL `INSERT DATA`."""
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def _as_triples(graph: GraphQuads) -> str:
    """The quads of one named graph as N-Triples (valid inside SPARQL `INSERT DATA`)."""
    triples = (quad.triple for quad in ox.parse(graph.nquads, format=ox.RdfFormat.N_QUADS))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def _unshift(message: str) -> str:
    """An endpoint's "error at LINE:COLUMN" less the one line of prefixes sent before the text."""
    return re.sub(r"(?<=error at )(\d+)(?=:)", lambda m: str(max(1, int(m[1]) - 1)), message, count=1)


def _cell(value: Value, max_width: int | None) -> str:
    """One table cell: on one line, cut to `max_width`."""
    text = "" if value is None else " ".join(str(value).split())
    if max_width is not None and len(text) > max_width:
        text = text[: max_width - 1] + "…"
    return text


def _one_line(error: BaseException) -> str:
    """An exception message squeezed onto one line."""
    return _squeeze(str(error)) or type(error).__name__


def _squeeze(text: str) -> str:
    """`text` on one line, runs of white space made one space."""
    return " ".join(text.split())
