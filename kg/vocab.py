"""The one place Python names RDF terms and mints IRIs.

The terms themselves are defined and documented in `ontology/kg.ttl`; code refers to them
as `KG.met`, `SCHEMA.NewsArticle`, ... and to instances through the `*_iri` functions below,
never by building IRI strings elsewhere.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

#: kg's own terms (classes, properties, concepts). Stable: do not change.
KG = Namespace("https://w3id.org/kg-news/ns#")
#: base of the instances kg mints (articles, actors, events, claims, spans).
ID = Namespace("https://w3id.org/kg-news/id/")

#: The corpus-level named graph of cross-article resolution (merges, consolidated events, conflicts).
RESOLUTION_GRAPH = str(ID["corpus/resolution"])

SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
DCT = Namespace("http://purl.org/dc/terms/")

PREFIXES = {
    "kg": KG,
    "kgid": ID,
    "schema": SCHEMA,
    "sem": SEM,
    "nif": NIF,
    "prov": PROV,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "dct": DCT,
}

__all__ = [
    "KG", "ID", "SCHEMA", "SEM", "NIF", "PROV", "SKOS", "OWL", "RDF", "RDFS", "XSD", "DCT",
    "PREFIXES", "OX", "OxigraphNamespace", "jsonld_context", "sparql_prologue", "slug", "actor_key", "article_iri", "actor_iri",
    "graph_iri", "statement_iri", "span_iri", "context_iri", "run_iri", "software_iri", "place_iri", "RESOLUTION_GRAPH",
]


class OxigraphNamespace:
    """A namespace's terms as Oxigraph `NamedNode`s (`OX.SCHEMA.NewsArticle`), for code that hands
    quads to the store without rdflib in between (`kg.rdf.extraction_quads`): each term is made
    on first use and kept, so naming it again costs an attribute lookup."""

    def __init__(self, namespace: Namespace) -> None:
        self._base = str(namespace)

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):  # copy, pickle and the like ask for these: not terms
            raise AttributeError(name)
        term = ox.NamedNode(self._base + name)
        setattr(self, name, term)
        return term


class OX:
    """kg's namespaces with Oxigraph terms: `OX.KG.met` is `KG.met` as an `ox.NamedNode`."""

    KG, ID, SCHEMA, SEM, NIF = (OxigraphNamespace(n) for n in (KG, ID, SCHEMA, SEM, NIF))
    PROV, SKOS, RDF, RDFS, XSD = (OxigraphNamespace(n) for n in (PROV, SKOS, RDF, RDFS, XSD))


def jsonld_context() -> dict[str, str]:
    """The JSON-LD @context of kg's JSON-LD files: each prefix above for its namespace, written
    inline (a reader never fetches a remote context)."""
    return {p: str(ns) for p, ns in PREFIXES.items()}


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, to put before a SPARQL query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def slug(text: str) -> str:
    """A readable, IRI-safe path segment: ASCII letters, digits and hyphens (the text
    percent-encoded when it has no ASCII letter or digit at all)."""
    return _ascii_words(text) or quote(text, safe="")


def _ascii_words(text: str) -> str:
    """The ASCII letters and digits of a text (accents taken off), lower case, each run of
    anything else one hyphen; empty when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()


def actor_key(name: str) -> str:
    r"""The key of an actor, from its name as the text writes it: what the actor's IRI slug keeps
    of the name (its ASCII words, space-separated), so that two keys differ exactly when their
    IRIs do. "Anna-Kessel", "A\u200dnna Kessel" (a zero-width joiner), "\u202eAnna Kessel"
    (a right-to-left override) and "Anna Kessel" are one key, "anna kessel", and one actor.
    A name with no ASCII letter or digit ("王毅") keeps its own letters, lower case, without
    accents or invisible format characters (Unicode category Cf), dashes read as spaces: its
    slug percent-encodes it whole. Labels are not keys: they keep what the text says."""
    words = _ascii_words(name)
    if words:
        return words.replace("-", " ")
    kept = "".join(" " if unicodedata.category(c) == "Pd" else c for c in unicodedata.normalize("NFKD", name)
                   if unicodedata.category(c) != "Cf" and not unicodedata.combining(c))
    return " ".join(kept.lower().split())


def place_iri(name: str) -> str:
    """A place as the text names it ("Oslo", "Blair House")."""
    return str(ID[f"place/{slug(name)}"])


def run_iri(started: str) -> str:
    """One build (a prov:Activity), named by its start time (ISO 8601)."""
    return str(ID[f"run/{quote(started, safe='')}"])


def software_iri(version: str) -> str:
    """kg itself at one version (a prov:SoftwareAgent)."""
    return str(ID[f"software/kg-{quote(version, safe='')}"])


def article_iri(article_id: str) -> str:
    return str(ID[f"article/{quote(article_id, safe='')}"])


def graph_iri(article_id: str) -> str:
    """The named graph holding what one article states."""
    return str(ID[f"graph/{quote(article_id, safe='')}"])


def actor_iri(key: str) -> str:
    """An actor, by its key (`actor_key`): one key, one IRI, and the other way round."""
    return str(ID[f"actor/{slug(key)}"])


def statement_iri(article_id: str, relation: str, number: int) -> str:
    return str(ID[f"{relation}/{quote(article_id, safe='')}/{number}"])


def context_iri(article_id: str, text_length: int) -> str:
    """The NIF context: the article's whole text."""
    return span_iri(article_id, 0, text_length)


def span_iri(article_id: str, start: int, end: int) -> str:
    """A stretch of an article's text, named RFC 5147-style as NIF does."""
    return f"{article_iri(article_id)}#char={start},{end}"
