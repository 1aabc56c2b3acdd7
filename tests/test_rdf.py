"""kg.rdf: the named graph of one article, the PROV record of a build, and the ontology behind them."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import kg
import fixtures_rdf as fx
from kg import rdf, vocab  # vocab.XSD: a bare XSD name here makes pytest warn at collection
from kg.records import ASSERTS, CONDEMNED, MET, PHONED, RELATIONS, ArticleExtraction, Span, Statement
from kg.vocab import (
    KG, NIF, PROV, RDF, RDFS, SCHEMA, SEM, SKOS,
    actor_iri, article_iri, graph_iri, span_iri, statement_iri,
)

KESSEL, RUNDT, STAN = (URIRef(actor_iri(a.key)) for a in (fx.KESSEL, fx.RUNDT, fx.STAN))


def only(extraction: ArticleExtraction, relation: str) -> ArticleExtraction:
    """The extraction with its statements of one relation only."""
    kept = tuple(s for s in extraction.statements if s.relation == relation)
    return replace(extraction, statements=kept)


def first_statement(relation: str) -> tuple[ArticleExtraction, Statement]:
    """A fixture extraction holding one statement of `relation`, and that statement."""
    source = fx.t1_extraction() if relation != PHONED else fx.t2_extraction()
    extraction = only(source, relation)
    return extraction, extraction.statements[0]


# --- the article, its text, its actors ---------------------------------------------------------

def test_graph_is_named_after_the_article() -> None:
    graph = rdf.extraction_graph(fx.t1_extraction())
    assert graph.identifier == URIRef(graph_iri("t1"))


def test_article_node_and_context() -> None:
    graph = rdf.extraction_graph(fx.t1_extraction())
    article, context = URIRef(article_iri("t1")), URIRef(span_iri("t1", 0, len(fx.T1_TEXT)))
    assert (article, RDF.type, SCHEMA.NewsArticle) in graph
    assert graph.value(article, SCHEMA.headline) == Literal("Kessel and Rundt meet in Oslo", lang="en")
    assert graph.value(article, SCHEMA.datePublished) == Literal("2024-03-11", datatype=vocab.XSD.date)
    assert graph.value(article, SCHEMA.url) == URIRef("https://news.example.org/t1")
    assert graph.value(article, SCHEMA.identifier) == Literal("t1")
    assert (context, RDF.type, NIF.Context) in graph
    assert graph.value(context, NIF.isString) == Literal(fx.T1_TEXT)
    assert graph.value(context, NIF.sourceUrl) == article


@pytest.mark.parametrize(("actor", "cls"), [
    (fx.KESSEL, SCHEMA.Person), (fx.VELMARIA, SCHEMA.Country),
    (fx.DOCKERS, KG.Group), (fx.ALLIANCE, SCHEMA.Organization),
])
def test_actor_is_typed_by_kind(actor, cls) -> None:
    graph = rdf.extraction_graph(fx.t2_extraction())
    node = URIRef(actor_iri(actor.key))
    assert set(graph.objects(node, RDF.type)) == {SEM.Actor, cls}
    assert graph.value(node, RDFS.label) == Literal(actor.label, lang="en")
    assert graph.value(node, SKOS.prefLabel) is None  # the corpus's, written by resolution


def test_actor_labels_role_and_affiliation() -> None:
    graph = rdf.extraction_graph(fx.t1_extraction())
    assert set(graph.objects(KESSEL, SKOS.altLabel)) == {
        Literal("Kessel", lang="en"), Literal("Foreign Minister Kessel", lang="en")}
    assert graph.value(KESSEL, KG.role) == Literal("foreign minister", lang="en")
    assert graph.value(KESSEL, KG.affiliation) == URIRef(actor_iri("velmaria"))


def test_participants_missing_from_actors_are_still_described() -> None:
    extraction = replace(fx.t1_extraction(), actors=())
    graph = rdf.extraction_graph(extraction)
    assert (RUNDT, RDFS.label, Literal("Tomas Rundt", lang="en")) in graph


# --- statements, one relation at a time --------------------------------------------------------

@pytest.mark.parametrize("relation", RELATIONS)
def test_statement_node_has_evidence(relation: str) -> None:
    """Every event and claim points to its sentence, with confidence and rule."""
    extraction, statement = first_statement(relation)
    graph = rdf.extraction_graph(extraction)
    article_id = extraction.article.id
    node = URIRef(statement_iri(article_id, relation, 1))
    sentence = URIRef(span_iri(article_id, statement.sentence.start, statement.sentence.end))
    assert (node, PROV.wasDerivedFrom, sentence) in graph
    assert (sentence, RDF.type, NIF.Sentence) in graph
    assert graph.value(sentence, NIF.anchorOf) == Literal(statement.sentence.text)
    confidence = graph.value(node, KG.confidence)
    assert confidence.datatype == vocab.XSD.decimal
    assert confidence.toPython() == Decimal(str(statement.confidence))
    assert graph.value(node, KG.rule) == Literal(statement.rule)


@pytest.mark.parametrize("relation", RELATIONS)
def test_statement_has_its_direct_edge(relation: str) -> None:
    extraction, statement = first_statement(relation)
    graph = rdf.extraction_graph(extraction)
    article_id = extraction.article.id
    edges = {
        MET: [(KESSEL, KG.met, RUNDT), (RUNDT, KG.met, KESSEL)],
        PHONED: [(RUNDT, KG.phoned, STAN), (STAN, KG.phoned, RUNDT)],
        CONDEMNED: [(KESSEL, KG.condemned, URIRef(statement_iri(article_id, "target", 1)))],
        ASSERTS: [(URIRef(article_iri(article_id)), KG.asserts,
                   URIRef(statement_iri(article_id, ASSERTS, 1)))],
    }[relation]
    for edge in edges:
        assert edge in graph
    other = {KG.met, KG.phoned, KG.condemned, KG.asserts} - {edges[0][1]}
    assert not any((None, p, None) in graph for p in other)


@pytest.mark.parametrize(("relation", "event_type", "participants"), [
    (MET, KG.Meeting, {KESSEL, RUNDT}),
    (PHONED, KG.PhoneCall, {RUNDT, STAN}),
])
def test_contact_event(relation: str, event_type: URIRef, participants: set) -> None:
    extraction, _ = first_statement(relation)
    graph = rdf.extraction_graph(extraction)
    node = URIRef(statement_iri(extraction.article.id, relation, 1))
    assert set(graph.objects(node, RDF.type)) == {SEM.Event, SCHEMA.Event}
    assert graph.value(node, SEM.eventType) == event_type
    assert set(graph.objects(node, SEM.hasActor)) == participants
    assert graph.value(node, SCHEMA.subjectOf) == URIRef(article_iri(extraction.article.id))


def test_meeting_time_and_place() -> None:
    extraction, _ = first_statement(MET)
    graph = rdf.extraction_graph(extraction)
    node = URIRef(statement_iri("t1", MET, 1))
    assert graph.value(node, SEM.hasTimeStamp) == Literal("2024-03-11", datatype=vocab.XSD.date)
    place = graph.value(node, SEM.hasPlace)
    assert graph.value(place, RDFS.label) == Literal("Oslo", lang="en")
    assert (place, RDF.type, SEM.Place) in graph


def test_condemnation_has_one_agent_and_a_target() -> None:
    extraction, statement = first_statement(CONDEMNED)
    graph = rdf.extraction_graph(extraction)
    node = URIRef(statement_iri("t1", CONDEMNED, 1))
    target = URIRef(statement_iri("t1", "target", 1))
    phrase = URIRef(span_iri("t1", statement.target.start, statement.target.end))
    assert set(graph.objects(node, RDF.type)) == {SEM.Event, SCHEMA.Action}
    assert graph.value(node, SEM.eventType) == KG.Condemnation
    assert list(graph.objects(node, SCHEMA.agent)) == [KESSEL]
    assert list(graph.objects(node, SCHEMA.object)) == [target]
    assert (target, RDF.type, KG.Target) in graph
    assert graph.value(target, SKOS.prefLabel) == Literal("the attack on the harbour", lang="en")
    assert graph.value(target, PROV.wasDerivedFrom) == phrase
    assert (phrase, RDF.type, NIF.Phrase) in graph


def test_claim_with_speaker() -> None:
    extraction, statement = first_statement(ASSERTS)
    graph = rdf.extraction_graph(extraction)
    node = URIRef(statement_iri("t1", ASSERTS, 1))
    phrase = URIRef(span_iri("t1", statement.target.start, statement.target.end))
    sentence = URIRef(span_iri("t1", statement.sentence.start, statement.sentence.end))
    assert (node, RDF.type, SCHEMA.Claim) in graph
    assert graph.value(node, SCHEMA.text) == Literal("Talks will continue next month", lang="en")
    assert graph.value(node, SCHEMA.appearance) == URIRef(article_iri("t1"))
    assert graph.value(node, SCHEMA.author) == RUNDT
    assert graph.value(node, PROV.wasAttributedTo) == RUNDT
    assert set(graph.objects(node, PROV.wasDerivedFrom)) == {sentence, phrase}
    assert (phrase, RDF.type, NIF.Phrase) in graph


def test_claim_in_the_article_voice_has_no_author() -> None:
    graph = rdf.extraction_graph(only(fx.t2_extraction(), ASSERTS))
    node = URIRef(statement_iri("t2", ASSERTS, 1))
    assert (node, RDF.type, SCHEMA.Claim) in graph
    assert (node, SCHEMA.author, None) not in graph
    assert (node, PROV.wasAttributedTo, None) not in graph


def test_statements_are_numbered_per_relation() -> None:
    t1 = fx.t1_extraction()
    meeting = t1.statements[0]
    extraction = replace(t1, statements=(meeting, t1.statements[1], meeting))
    graph = rdf.extraction_graph(extraction)
    for iri in (statement_iri("t1", MET, 1), statement_iri("t1", MET, 2),
                statement_iri("t1", CONDEMNED, 1)):
        assert (URIRef(iri), RDF.type, SEM.Event) in graph
    assert (URIRef(statement_iri("t1", CONDEMNED, 2)), None, None) not in graph


# --- spans -------------------------------------------------------------------------------------

@pytest.mark.parametrize("extraction", fx.extractions(), ids=lambda e: e.article.id)
def test_every_span_anchors_its_text(extraction: ArticleExtraction) -> None:
    graph = rdf.extraction_graph(extraction)
    spans = set(graph.subjects(RDF.type, NIF.Sentence)) | set(graph.subjects(RDF.type, NIF.Phrase))
    assert len(spans) >= 3
    for span in spans:
        begin, end = graph.value(span, NIF.beginIndex), graph.value(span, NIF.endIndex)
        assert begin.datatype == vocab.XSD.integer and end.datatype == vocab.XSD.integer
        text = str(graph.value(graph.value(span, NIF.referenceContext), NIF.isString))
        assert text == extraction.article.text
        assert str(graph.value(span, NIF.anchorOf)) == text[begin.toPython():end.toPython()]
        assert str(span) == span_iri(extraction.article.id, begin.toPython(), end.toPython())


def test_span_that_misquotes_the_text_is_refused() -> None:
    t1 = fx.t1_extraction()
    bad = replace(t1.statements[0], sentence=Span(0, 10, "not there!"))
    with pytest.raises(ValueError, match="reads"):
        rdf.extraction_graph(replace(t1, statements=(bad,)))


def test_condemnation_without_exactly_one_agent_is_refused() -> None:
    t1 = fx.t1_extraction()
    bad = replace(t1.statements[1], participants=(fx.KESSEL, fx.RUNDT))
    with pytest.raises(ValueError, match="one agent"):
        rdf.extraction_graph(replace(t1, statements=(bad,)))


# --- literals ----------------------------------------------------------------------------------

def test_unusable_date_and_url_do_not_make_invalid_rdf() -> None:
    t1 = fx.t1_extraction()
    article = replace(t1.article, date="last Monday", url="not a url")
    graph = rdf.extraction_graph(replace(t1, article=article))
    node = URIRef(article_iri("t1"))
    assert graph.value(node, SCHEMA.datePublished) is None
    assert graph.value(node, SCHEMA.url) == Literal("not a url", datatype=vocab.XSD.anyURI)


def test_same_records_give_the_same_graph() -> None:
    first, second = (rdf.extraction_graph(fx.t2_extraction()) for _ in range(2))
    assert sorted(first) == sorted(second)


# --- the quads a build stores ------------------------------------------------------------------

def _stored_graph(extraction: ArticleExtraction) -> Graph:
    """The graph of `rdf.extraction_quads(extraction)`, read back by rdflib from its N-Quads."""
    quads = rdf.extraction_quads(extraction)
    dataset = Dataset().parse(data=quads.nquads.decode("utf-8"), format="nquads")
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == {quads.name}
    return dataset.graph(URIRef(quads.name))


def _dated(extraction: ArticleExtraction, date: str | None, confidence: float) -> ArticleExtraction:
    """`extraction` with every statement given `date` and `confidence`."""
    return replace(extraction, statements=tuple(replace(s, date=date, confidence=confidence)
                                                for s in extraction.statements))


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
@pytest.mark.parametrize("extraction", [
    *fx.extractions(),
    _dated(fx.t1_extraction(), "2024-03-11T09:30:00+01:00", 0.123456),  # a time stamp; a long confidence
    _dated(fx.t1_extraction(), "2024-03", 1.0),
    _dated(fx.t1_extraction(), "2024", 0.5),
    _dated(fx.t2_extraction(), "--03-11", 0.85),  # year-less: text
    _dated(fx.t2_extraction(), "next week", 0.9),  # unreadable: left out
    replace(fx.t1_extraction(), article=replace(fx.t1_extraction().article, url="not a url", title="")),
], ids=lambda e: f"{e.article.id}-{e.statements[0].date}")
def test_stored_quads_are_the_graph(extraction: ArticleExtraction) -> None:
    """What a build stores (`extraction_quads`, written by Oxigraph) and what `kg extract` prints
    (`extraction_graph`, rdflib) are the same RDF: same terms, same literals, same types."""
    graph = rdf.extraction_graph(extraction)
    stored = _stored_graph(extraction)
    assert len(stored) == len(graph) > 0
    assert sorted(stored) == sorted(graph)
    assert isomorphic(stored, graph)


# --- golden files ------------------------------------------------------------------------------

GOLDEN_CASES = {"meeting": fx.meeting_extraction, "t2": fx.t2_extraction}


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_graph_matches_golden_file(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The graph equals tests/golden/<name>.trig up to blank nodes (set KG_UPDATE_GOLDEN=1 to rewrite).

    The extraction version is pinned: it fingerprints kg's own code, which the golden files must
    not have to follow."""
    monkeypatch.setattr(rdf, "EXTRACTION_VERSION", "golden")
    graph = rdf.extraction_graph(GOLDEN_CASES[name]())
    path = fx.GOLDEN / f"{name}.trig"
    if os.environ.get("KG_UPDATE_GOLDEN"):
        dataset = Dataset()
        for prefix, namespace in graph.namespaces():
            dataset.bind(prefix, namespace)
        dataset.graph(graph.identifier).__iadd__(graph)
        path.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    expected = Dataset().parse(path, format="trig").graph(graph.identifier)
    if not isomorphic(graph, expected):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(graph))
        pytest.fail(f"{name}: missing {sorted(missing)[:5]}, unexpected {sorted(extra)[:5]}")


# --- the build record --------------------------------------------------------------------------

def test_run_graph_records_the_build() -> None:
    started = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    ended = datetime(2024, 1, 2, 3, 5, 0, tzinfo=timezone.utc)
    graph = rdf.run_graph(started, ended, ["t1", "t2"])
    run = graph.value(None, RDF.type, PROV.Activity, any=False)
    assert graph.value(run, PROV.endedAtTime) == Literal(ended)
    assert graph.value(run, PROV.endedAtTime).datatype == vocab.XSD.dateTime
    assert graph.value(run, PROV.startedAtTime) == Literal(started)
    agent = graph.value(run, PROV.wasAssociatedWith)
    assert graph.value(agent, SCHEMA.softwareVersion) == Literal(kg.__version__)
    for article_id in ("t1", "t2"):
        named = URIRef(graph_iri(article_id))
        assert graph.value(named, PROV.wasGeneratedBy) == run
        assert graph.value(named, PROV.wasDerivedFrom) == URIRef(article_iri(article_id))


# --- the ontology documents every term ---------------------------------------------------------

def kg_terms(graph: Graph) -> set[URIRef]:
    """Every IRI in the kg namespace used anywhere in `graph`."""
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(str(KG))}


def test_ontology_defines_every_term_used() -> None:
    ontology = Graph().parse(fx.ONTOLOGY / "kg.ttl")
    used = set().union(*(kg_terms(rdf.extraction_graph(e)) for e in fx.extractions()))
    defined = {t for t in kg_terms(ontology) if (t, RDFS.label, None) in ontology}
    assert used <= defined, used - defined
    assert (KG.met, RDF.type, URIRef("http://www.w3.org/2002/07/owl#SymmetricProperty")) in ontology


def test_ontology_terms_have_label_comment_and_readme_entry() -> None:
    ontology = Graph().parse(fx.ONTOLOGY / "kg.ttl")
    readme = (fx.ONTOLOGY / "README.md").read_text(encoding="utf-8")
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))}
    assert {KG.Meeting, KG.PhoneCall, KG.Condemnation, KG.Target, KG.Group} <= terms
    for term in terms:
        assert (term, RDFS.label, None) in ontology, term
        assert (term, RDFS.comment, None) in ontology, term
        assert f"kg:{term[len(str(KG)):]}" in readme, term


def test_rdf_stages_do_not_need_pyshacl() -> None:
    code = ("import sys, kg.rdf, kg.store, kg.graph, kg.draw; "
            "sys.exit('pyshacl' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
def test_readme_examples_parse() -> None:
    """The TriG blocks and one-line Turtle examples of ontology/README.md are valid RDF."""
    readme = (fx.ONTOLOGY / "README.md").read_text(encoding="utf-8")
    header = ("BASE <https://w3id.org/kg-news/id/>\n"
              + "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in vocab.PREFIXES.items()))
    blocks = re.findall(r"```trig\n(.*?)```", readme, re.S)
    lines = re.findall(r"^  `(.+ \.)`$", readme, re.M)
    assert len(blocks) >= 2 and len(lines) >= 13
    for block in blocks:
        Dataset().parse(data=header + block, format="trig")
    for line in lines:
        Graph().parse(data=header + line, format="turtle")


# --- dates: a time stamp only when the year is known ----------------------------------------

@pytest.mark.parametrize(("value", "stamp", "yearless"), [
    ("2024-03-11", Literal("2024-03-11", datatype=vocab.XSD.date), None),
    ("2024-03", Literal("2024-03", datatype=vocab.XSD.gYearMonth), None),
    ("2024", Literal("2024", datatype=vocab.XSD.gYear), None),
    ("--03-11", None, Literal("--03-11")),  # "March 11", no year in the article: text, not a time stamp
    ("--03", None, Literal("--03")),  # "in March"
    ("March 11", None, None),  # unreadable: left out
    (None, None, None),
])
def test_dates_with_a_year_are_time_stamps_and_the_others_text(value, stamp, yearless) -> None:
    graph, node = Graph(), URIRef("https://example.org/event")
    rdf.add_date(graph, node, SEM.hasTimeStamp, value)
    assert graph.value(node, SEM.hasTimeStamp) == stamp
    assert graph.value(node, KG.yearlessDate) == yearless
    assert len(graph) == (stamp is not None) + (yearless is not None)
