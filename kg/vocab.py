"""The one place Python names RDF terms and mints IRIs.

The terms themselves are defined and documented in `ontology/kg.ttl`; code refers to them
as `KG.met`, `SCHEMA.NewsArticle`, ... and to instances through the `*_iri` functions below,
never by building IRI strings elsewhere.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

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
    "PREFIXES", "sparql_prologue", "slug", "article_iri", "actor_iri", "graph_iri",
    "statement_iri", "span_iri", "context_iri", "run_iri", "software_iri", "place_iri", "RESOLUTION_GRAPH",
]


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, to put before a SPARQL query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def slug(text: str) -> str:
    """A readable, IRI-safe path segment: ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return s or quote(text, safe="")


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


def actor_iri(actor_key: str) -> str:
    return str(ID[f"actor/{slug(actor_key)}"])


def statement_iri(article_id: str, relation: str, number: int) -> str:
    return str(ID[f"{relation}/{quote(article_id, safe='')}/{number}"])


def context_iri(article_id: str, text_length: int) -> str:
    """The NIF context: the article's whole text."""
    return span_iri(article_id, 0, text_length)


def span_iri(article_id: str, start: int, end: int) -> str:
    """A stretch of an article's text, named RFC 5147-style as NIF does."""
    return f"{article_iri(article_id)}#char={start},{end}"
