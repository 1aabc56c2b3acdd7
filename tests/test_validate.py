"""kg.validate and ontology/shapes.ttl: conforming graphs pass, and each shape catches what it guards."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

import fixtures_rdf as fx
from kg import rdf, vocab  # vocab.XSD: a bare XSD name here makes pytest warn at collection
from kg.pipeline import build, extractions
from kg.records import (
    ASSERTS, CANCELLED_MEETING, CONDEMNED, DENIED_MEETING, MET, PHONED, PLANNED_MEETING, REFUSED_MEETING, SPOKE,
    ArticleExtraction,
)
from kg.store import Store, open_store
from kg.validate import (
    UNION, ValidationReport, Violation, load_shapes, validate_batch, validate_graph, validate_quads, validate_store,
    validate_union,
)
from kg.vocab import (
    KG, NIF, PROV, RDF, RDFS, RESOLUTION_GRAPH, SCHEMA, SEM, SKOS,
    actor_iri, article_iri, graph_iri, place_iri, span_iri, statement_iri,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ARTICLE = URIRef(article_iri("t1"))
CONTEXT = URIRef(span_iri("t1", 0, len(fx.T1_TEXT)))
MET_SENTENCE = fx.sentence(fx.T1_TEXT, "met")
SENTENCE = URIRef(span_iri("t1", MET_SENTENCE.start, MET_SENTENCE.end))
MEETING = URIRef(statement_iri("t1", MET, 1))
CONDEMNATION = URIRef(statement_iri("t1", CONDEMNED, 1))
TARGET = URIRef(statement_iri("t1", "target", 1))
CLAIM = URIRef(statement_iri("t1", ASSERTS, 1))
KESSEL, RUNDT, VELMARIA = (URIRef(actor_iri(a.key)) for a in (fx.KESSEL, fx.RUNDT, fx.VELMARIA))
PLACE = URIRef(place_iri("Oslo"))


def t1() -> Graph:
    return rdf.extraction_graph(fx.t1_extraction())


def found(report: ValidationReport) -> set[tuple[str, str | None, str | None]]:
    """(focus, path, shape) of every violation."""
    return {(v.focus, v.path, v.shape) for v in report.violations}


# --- the shapes file and conforming graphs -----------------------------------------------------

def test_shapes_parse_and_document_themselves() -> None:
    shapes = Graph().parse(Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl")
    named = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert {KG.ArticleShape, KG.ActorShape, KG.MeetingShape, KG.CondemnationShape, KG.ClaimShape,
            KG.EvidenceShape, KG.SpanShape} <= named
    every = named | set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql))
    for shape in every:
        assert shapes.value(shape, RDFS.comment) is not None, shape
        assert shapes.value(shape, SH.message) is not None, shape
    assert all(isinstance(s, URIRef) and s.startswith(str(KG)) for s in named)
    assert load_shapes() is load_shapes()  # parsed once


@pytest.mark.parametrize("extraction", [fx.t1_extraction, fx.t2_extraction, fx.meeting_extraction])
def test_fixture_graphs_conform(extraction: Callable[[], ArticleExtraction]) -> None:
    report = validate_graph(rdf.extraction_graph(extraction()))
    assert report.conforms, report.lines()
    assert report.violations == [] and report.graphs_checked == 1


@pytest.mark.parametrize("relation", [SPOKE, PLANNED_MEETING, CANCELLED_MEETING, REFUSED_MEETING, DENIED_MEETING])
def test_other_event_types_conform(relation: str) -> None:
    graph = rdf.extraction_graph(with_meeting_as(relation, participants=(fx.KESSEL, fx.RUNDT)))
    assert validate_graph(graph).conforms


@pytest.fixture(scope="module")
def seed_graphs() -> list[Graph]:
    graphs = [rdf.extraction_graph(e) for e in extractions([str(SEEDS)], print)]
    assert len(graphs) == 5
    return graphs


def test_seed_article_graphs_conform(seed_graphs: list[Graph]) -> None:
    for graph in seed_graphs:
        report = validate_graph(graph)
        assert report.conforms, report.lines()


def test_unmodified_shapes_agree_under_plain_pyshacl() -> None:
    """pyshacl running the shapes file as is (its SPARQL constraint included) agrees with kg.validate."""
    def sparql_failures(graph: Graph) -> set:
        conforms, results, _ = pyshacl.validate(graph, shacl_graph=load_shapes(), advanced=True, inference="none")
        return set(results.subjects(SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))

    graph = t1()
    assert not sparql_failures(graph)
    graph.set((SENTENCE, NIF.anchorOf, Literal("Velmarian Foreign Minister Mira Kessel met nobody.")))
    assert len(sparql_failures(graph)) == 1
    assert found(validate_graph(graph)) == {(str(SENTENCE), str(NIF.anchorOf), str(KG.SpanShape))}
    assert validate_quads(rdf.graph_quads(graph)) == validate_graph(graph)  # as the build checks


# --- each shape catches what it guards ---------------------------------------------------------

def with_meeting_as(relation: str, participants: tuple = (fx.KESSEL,)) -> ArticleExtraction:
    """t1 holding only its meeting, turned into `relation` with the given participants."""
    base = fx.t1_extraction()
    meeting = next(s for s in base.statements if s.relation == MET)
    return replace(base, statements=(replace(meeting, relation=relation, participants=participants),))


def drop(subject: URIRef, predicate: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((subject, predicate, None))


def put(subject: URIRef, predicate: URIRef, value) -> Callable[[Graph], None]:
    """Replace every value of subject/predicate with `value`."""
    return lambda g: g.set((subject, predicate, value))


def add(subject: URIRef, predicate: URIRef, value) -> Callable[[Graph], None]:
    return lambda g: g.add((subject, predicate, value))


def remove(triple: tuple) -> Callable[[Graph], None]:
    return lambda g: g.remove(triple)


BROKEN = [
    pytest.param(drop(ARTICLE, SCHEMA.identifier), ARTICLE, SCHEMA.identifier, KG.ArticleShape, id="article-no-id"),
    pytest.param(drop(CONTEXT, NIF.isString), CONTEXT, NIF.isString, KG.ContextShape, id="context-no-text"),
    pytest.param(remove((KESSEL, RDF.type, SCHEMA.Person)), KESSEL, None, KG.ActorShape, id="actor-no-kind"),
    pytest.param(drop(KESSEL, RDFS.label), KESSEL, None, KG.ActorNameShape, id="actor-no-name"),
    pytest.param(lambda g: [g.add((KESSEL, SKOS.prefLabel, Literal(n, lang="en"))) for n in ("Mira Kessel", "M. Kessel")],
                 KESSEL, SKOS.prefLabel, KG.ActorShape, id="actor-two-preflabels-en"),
    pytest.param(put(KESSEL, SKOS.prefLabel, Literal("Mira Kessel")), KESSEL, SKOS.prefLabel, KG.ActorShape,
                 id="actor-untagged-preflabel"),
    pytest.param(put(MEETING, SEM.eventType, KG.Party), MEETING, SEM.eventType, KG.EventShape, id="event-unknown-type"),
    pytest.param(add(MEETING, SEM.hasActor, URIRef(actor_iri("nobody"))), MEETING, SEM.hasActor, KG.EventShape,
                 id="event-actor-not-an-actor"),
    pytest.param(drop(MEETING, SCHEMA.subjectOf), MEETING, SCHEMA.subjectOf, KG.EventShape, id="event-no-article"),
    pytest.param(lambda g: g.add((MEETING, SCHEMA.subjectOf, URIRef(article_iri("t9")))) or g.add(
                     (URIRef(article_iri("t9")), RDF.type, SCHEMA.NewsArticle)),
                 MEETING, None, KG.ReportShape, id="article-event-two-articles"),
    pytest.param(add(MEETING, RDF.type, KG.ConsolidatedEvent), MEETING, KG.reportedAs, KG.ConsolidatedEventShape,
                 id="consolidated-event-no-reports"),
    pytest.param(remove((MEETING, SEM.hasActor, RUNDT)), MEETING, None, KG.MeetingShape, id="meeting-one-actor"),
    pytest.param(remove((CONDEMNATION, RDF.type, SCHEMA.Action)), CONDEMNATION, None, KG.CondemnationTypeShape,
                 id="condemnation-not-an-action"),
    pytest.param(add(CONDEMNATION, SCHEMA.agent, RUNDT), CONDEMNATION, SCHEMA.agent, KG.CondemnationShape,
                 id="condemnation-two-agents"),
    pytest.param(drop(CONDEMNATION, SCHEMA.agent), CONDEMNATION, SCHEMA.agent, KG.CondemnationShape,
                 id="condemnation-no-agent"),
    pytest.param(drop(CONDEMNATION, SCHEMA.object), CONDEMNATION, SCHEMA.object, KG.CondemnationShape,
                 id="condemnation-no-object"),
    pytest.param(drop(TARGET, PROV.wasDerivedFrom), TARGET, PROV.wasDerivedFrom, KG.TargetShape,
                 id="target-no-phrase"),
    pytest.param(drop(CLAIM, SCHEMA.text), CLAIM, SCHEMA.text, KG.ClaimShape, id="claim-no-text"),
    pytest.param(add(CLAIM, SCHEMA.text, Literal("Talks will end", lang="en")), CLAIM, SCHEMA.text, KG.ClaimShape,
                 id="claim-two-texts"),
    pytest.param(put(CLAIM, SCHEMA.text, Literal("Talks will continue next month")), CLAIM, SCHEMA.text,
                 KG.ClaimShape, id="claim-untagged-text"),
    pytest.param(put(ARTICLE, SCHEMA.headline, Literal("Kessel and Rundt meet in Oslo")), ARTICLE, SCHEMA.headline,
                 KG.ArticleShape, id="article-untagged-headline"),
    pytest.param(add(ARTICLE, SCHEMA.headline, Literal("Kessel meets Rundt", lang="en")), ARTICLE, SCHEMA.headline,
                 KG.ArticleShape, id="article-two-headlines"),
    pytest.param(put(KESSEL, KG.role, Literal("foreign minister")), KESSEL, KG.role, KG.ActorShape,
                 id="actor-untagged-role"),
    pytest.param(add(KESSEL, SKOS.altLabel, Literal("Mrs Kessel")), KESSEL, SKOS.altLabel, KG.ActorShape,
                 id="actor-untagged-altlabel"),
    pytest.param(put(KESSEL, RDFS.label, Literal("Mira Kessel")), KESSEL, RDFS.label, KG.ActorShape,
                 id="actor-untagged-label"),
    pytest.param(put(TARGET, SKOS.prefLabel, Literal("the attack on the harbour")), TARGET, SKOS.prefLabel,
                 KG.TargetShape, id="target-untagged-phrase"),
    pytest.param(drop(PLACE, RDFS.label), PLACE, RDFS.label, KG.PlaceShape, id="place-no-label"),
    pytest.param(put(PLACE, RDFS.label, Literal("Oslo")), PLACE, RDFS.label, KG.PlaceShape,
                 id="place-untagged-label"),
    pytest.param(drop(CLAIM, SCHEMA.appearance), CLAIM, SCHEMA.appearance, KG.ClaimShape, id="claim-no-article"),
    pytest.param(lambda g: [g.add((CLAIM, SCHEMA.author, a)) for a in (KESSEL, VELMARIA)], CLAIM, SCHEMA.author,
                 KG.ClaimShape, id="claim-three-authors"),
    pytest.param(drop(MEETING, PROV.wasDerivedFrom), MEETING, PROV.wasDerivedFrom, KG.EvidenceShape,
                 id="event-no-evidence"),
    pytest.param(drop(CLAIM, PROV.wasDerivedFrom), CLAIM, PROV.wasDerivedFrom, KG.EvidenceShape,
                 id="claim-no-evidence"),
    pytest.param(add(MEETING, PROV.wasDerivedFrom, ARTICLE), MEETING, None, KG.SourceSpanShape,
                 id="evidence-not-a-span"),
    pytest.param(put(MEETING, KG.confidence, Literal(Decimal("1.5"))), MEETING, KG.confidence, KG.EvidenceShape,
                 id="confidence-above-1"),
    pytest.param(put(CLAIM, KG.confidence, Literal(Decimal("-0.1"))), CLAIM, KG.confidence, KG.EvidenceShape,
                 id="confidence-below-0"),
    pytest.param(put(MEETING, KG.confidence, Literal(0.5, datatype=vocab.XSD.double)), MEETING, KG.confidence,
                 KG.EvidenceShape, id="confidence-not-decimal"),
    pytest.param(add(MEETING, KG.confidence, Literal(Decimal("0.2"))), MEETING, KG.confidence, KG.EvidenceShape,
                 id="confidence-twice"),
    pytest.param(drop(CLAIM, KG.confidence), CLAIM, KG.confidence, KG.EvidenceShape, id="confidence-missing"),
    pytest.param(put(SENTENCE, NIF.anchorOf, Literal("Velmarian Foreign Minister Mira Kessel met someone.")),
                 SENTENCE, NIF.anchorOf, KG.SpanShape, id="anchor-not-the-text"),
    pytest.param(lambda g: [g.set((SENTENCE, p, Literal(int(g.value(SENTENCE, p)) + 1)))
                            for p in (NIF.beginIndex, NIF.endIndex)],
                 SENTENCE, NIF.anchorOf, KG.SpanShape, id="offsets-shifted"),
    pytest.param(put(SENTENCE, NIF.beginIndex, Literal(MET_SENTENCE.end)), SENTENCE, NIF.beginIndex, KG.SpanShape,
                 id="begin-not-before-end"),
    pytest.param(put(SENTENCE, NIF.endIndex, Literal(str(MET_SENTENCE.end))), SENTENCE, NIF.endIndex, KG.SpanShape,
                 id="offset-not-integer"),
    pytest.param(drop(SENTENCE, NIF.referenceContext), SENTENCE, NIF.referenceContext, KG.SpanShape,
                 id="span-no-context"),
    pytest.param(put(SENTENCE, NIF.referenceContext, ARTICLE), SENTENCE, NIF.referenceContext, KG.SpanShape,
                 id="span-context-not-a-context"),
]


def validate_as_quads(graph: Graph) -> ValidationReport:
    """`validate_quads`, a build's check, of `graph` as the quads a worker hands over."""
    return validate_quads(rdf.graph_quads(graph))


@pytest.mark.parametrize("validate", [validate_graph, validate_as_quads])
@pytest.mark.parametrize(("breaks", "focus", "path", "shape"), BROKEN)
def test_shape_catches_broken_graph(breaks: Callable[[Graph], None], focus: URIRef, path: URIRef | None,
                                    shape: URIRef, validate: Callable[[Graph], ValidationReport]) -> None:
    graph = t1()
    breaks(graph)
    report = validate(graph)
    assert report == validate_graph(graph)  # the build's check and kg validate's find the same
    assert not report.conforms
    assert (str(focus), str(path) if path else None, str(shape)) in found(report), report.lines()
    assert {v.graph for v in report.violations} == {graph_iri("t1")}
    assert all(v.message for v in report.violations)


def test_a_batch_is_checked_graph_by_graph() -> None:
    """`validate_batch` (a build checks a worker's batch so) finds in each graph what it finds in
    that graph alone: the broken copies of t1 share their actors with each other and with the
    conforming t1 and t2, and nothing one graph holds mends or breaks another."""
    graphs = []
    for param in BROKEN:
        graph = t1()
        param.values[0](graph)
        graphs.append(graph)
    graphs += [t1(), rdf.extraction_graph(fx.t2_extraction()), rdf.extraction_graph(with_meeting_as(MET))]
    batch = [rdf.triples_quads(f"https://example.org/graph/{i}", graph) for i, graph in enumerate(graphs)]
    reports = validate_batch(batch)
    assert len(reports) == len(graphs)
    for quads, graph, report in zip(batch, graphs, reports):
        alone = validate_graph(graph)
        assert report.violations == [replace(v, graph=quads.name) for v in alone.violations]
        assert report.conforms == alone.conforms
    assert sum(r.conforms for r in reports) == 2  # t1 and t2 as extracted


def test_a_batch_with_one_graph_twice_checks_each_alone() -> None:
    graph = t1()
    broken = t1()
    broken.remove((KESSEL, RDFS.label, None))
    reports = validate_batch([rdf.graph_quads(graph), rdf.graph_quads(broken)])
    assert [r.conforms for r in reports] == [True, False]


@pytest.mark.parametrize("relation", [MET, PHONED, SPOKE, PLANNED_MEETING, CANCELLED_MEETING, REFUSED_MEETING,
                                      DENIED_MEETING])
def test_meeting_types_need_two_actors(relation: str) -> None:
    report = validate_graph(rdf.extraction_graph(with_meeting_as(relation)))
    assert found(report) == {(statement_iri("t1", relation, 1), None, str(KG.MeetingShape))}


def test_every_named_shape_has_a_breaking_test() -> None:
    tested = {p.values[3] for p in BROKEN}
    assert set(load_shapes().subjects(RDF.type, SH.NodeShape)) <= tested


# --- the union of the graphs: one preferred label, derived nodes with their provenance ----------

def test_actor_spelled_differently_by_two_articles() -> None:
    """Each article names Kessel its own way (rdfs:label); their union is still SKOS-clean,
    because only resolution writes the one skos:prefLabel."""
    renamed = replace(fx.KESSEL, label="Foreign Minister Kessel", alt_labels=("Kessel",))
    t2 = fx.t2_extraction()
    t2 = replace(t2, actors=tuple(renamed if a.key == fx.KESSEL.key else a for a in t2.actors))
    graphs = [t1(), rdf.extraction_graph(t2)]
    assert all(validate_graph(g).conforms for g in graphs)
    union = Graph()
    for graph in graphs:
        union += graph
    assert validate_graph(union).conforms
    assert len(set(union.objects(KESSEL, RDFS.label))) == 2
    store = Store(None)
    for graph in graphs:
        store.replace_article(graph)
    assert validate_store(store).conforms


def _store_of(*graphs: Graph) -> Store:
    store = Store(None)
    for graph in graphs:
        store.replace_article(graph)
    return store


def _resolution(*triples: tuple) -> Graph:
    graph = Graph(identifier=URIRef(RESOLUTION_GRAPH))
    for triple in triples:
        graph.add(triple)
    return graph


CONSOLIDATED = URIRef(vocab.ID["event/consolidated"])
GOOD_CONSOLIDATED = (
    (CONSOLIDATED, RDF.type, KG.ConsolidatedEvent), (CONSOLIDATED, RDF.type, SEM.Event),
    (CONSOLIDATED, SEM.eventType, KG.Meeting), (CONSOLIDATED, SEM.hasActor, KESSEL), (CONSOLIDATED, SEM.hasActor, RUNDT),
    (CONSOLIDATED, KG.reportedAs, MEETING), (CONSOLIDATED, PROV.wasDerivedFrom, MEETING),
    (CONSOLIDATED, SCHEMA.subjectOf, ARTICLE), (CONSOLIDATED, KG.sourceCount, Literal(1)),
    (CONSOLIDATED, KG.confidence, Literal(Decimal("0.9"))),
    (KESSEL, SKOS.prefLabel, Literal("Mira Kessel", lang="en")),
)


def _without(triples: tuple, *dropped: tuple) -> tuple:
    return tuple(t for t in triples if t not in dropped)


@pytest.mark.parametrize(("resolution", "focus", "path", "shape"), [
    pytest.param(GOOD_CONSOLIDATED, None, None, None, id="consolidated-event-conforms"),
    pytest.param(_without(GOOD_CONSOLIDATED, (CONSOLIDATED, KG.confidence, Literal(Decimal("0.9")))),
                 CONSOLIDATED, KG.confidence, KG.EvidenceShape, id="consolidated-event-no-confidence"),
    pytest.param(_without(GOOD_CONSOLIDATED, (CONSOLIDATED, PROV.wasDerivedFrom, MEETING)),
                 CONSOLIDATED, PROV.wasDerivedFrom, KG.EvidenceShape, id="consolidated-event-no-provenance"),
    pytest.param(_without(GOOD_CONSOLIDATED, (CONSOLIDATED, KG.sourceCount, Literal(1))),
                 CONSOLIDATED, KG.sourceCount, KG.ConsolidatedEventShape, id="consolidated-event-no-source-count"),
    pytest.param(GOOD_CONSOLIDATED + ((CONSOLIDATED, PROV.wasDerivedFrom, SENTENCE),),
                 CONSOLIDATED, PROV.wasDerivedFrom, KG.ConsolidatedEventShape, id="consolidated-event-other-source"),
    pytest.param(GOOD_CONSOLIDATED + ((KESSEL, SKOS.prefLabel, Literal("Minister Kessel", lang="en")),),
                 KESSEL, SKOS.prefLabel, KG.ActorShape, id="resolution-two-preflabels"),
])
def test_union_check_of_the_resolution_graph(resolution, focus, path, shape) -> None:
    """`kg validate` checks resolution's nodes with the types they have in the article graphs."""
    report = validate_union(_store_of(t1(), _resolution(*resolution)))
    if focus is None:
        assert report.conforms, report.lines()
        return
    assert (str(focus), str(path) if path else None, str(shape)) in found(report), report.lines()
    assert {v.graph for v in report.violations} == {UNION}


def test_union_check_finds_a_second_preferred_label_in_an_article_graph() -> None:
    """A preferred label written into an article graph (an update, a graph loaded from
    elsewhere) beside resolution's is caught in the union, though each graph conforms alone."""
    article = t1()
    article.add((KESSEL, SKOS.prefLabel, Literal("Foreign Minister Kessel", lang="en")))
    store = _store_of(article, _resolution((KESSEL, SKOS.prefLabel, Literal("Mira Kessel", lang="en"))))
    assert validate_graph(article).conforms
    report = validate_store(store)
    assert not report.conforms
    assert [(v.graph, v.focus, v.path) for v in report.violations] == [(UNION, str(KESSEL), str(SKOS.prefLabel))]
    assert "Foreign Minister Kessel | Mira Kessel" in report.violations[0].message


THREE_ARTICLES = {  # written for this test: two merges ("Ms Lindqvist" is Anna Lindqvist) and one meeting told twice
    "a.txt": "Swedish Foreign Minister Anna Lindqvist met German Chancellor Peter Hartmann in Berlin on 11 March 2024.\n",
    "b.txt": "Ms Lindqvist met Mr Hartmann in Berlin on 11 March 2024, a spokesman said.\n",
    "c.txt": "Anna Lindqvist condemned the attack on the harbour in Gothenburg on Tuesday.\n",
}


@pytest.mark.parametrize("corpus", ["seeds", "three-with-a-merge"])
def test_merged_export_conforms_to_the_shapes(corpus: str, tmp_path: Path) -> None:
    """graph.ttl, the union of every graph in one file, passes the shapes as pyshacl itself
    runs them (`pyshacl -s ontology/shapes.ttl out/graph.ttl`), and `kg validate` agrees."""
    source = SEEDS
    if corpus != "seeds":
        source = tmp_path / "in"
        source.mkdir()
        for name, text in THREE_ARTICLES.items():
            (source / name).write_text(text, encoding="utf-8")
    build([str(source)], tmp_path / "out", on_problem=lambda problem: None)
    merged = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    if corpus != "seeds":
        assert (None, KG.mergedInto, None) in merged, "the corpus should make a merge"
        assert (None, RDF.type, KG.CorroboratedEvent) in merged, "the corpus should tell one meeting twice"
    conforms, _, text = pyshacl.validate(merged, shacl_graph=load_shapes(), advanced=True, inference="none")
    assert conforms, text
    for actor in set(merged.subjects(RDF.type, SEM.Actor)):
        languages = [label.language for label in merged.objects(actor, SKOS.prefLabel)]
        assert len(languages) == len(set(languages)) == 1, actor
    with open_store(tmp_path / "out", read_only=True) as store:
        assert validate_store(store).conforms


# --- the store and the report ------------------------------------------------------------------

def test_validate_store_checks_each_article_graph() -> None:
    store = fx.loaded_store()
    report = validate_store(store)
    assert report.conforms and report.graphs_checked == 2 and report.lines() == []
    broken = t1()
    broken.remove((MEETING, SEM.hasActor, RUNDT))
    store.replace_article(broken)
    report = validate_store(store)
    assert not report.conforms and report.graphs_checked == 2
    assert [(v.graph, v.focus, v.shape) for v in report.violations] == [
        (graph_iri("t1"), str(MEETING), str(KG.MeetingShape))]


def test_validate_empty_store() -> None:
    report = validate_store(Store(None))
    assert report.conforms and report.graphs_checked == 0


def test_report_lines() -> None:
    graph = t1()
    graph.set((MEETING, KG.confidence, Literal(Decimal("1.5"))))
    graph.remove((MEETING, SEM.hasActor, RUNDT))
    report = validate_graph(graph)
    assert len(report.lines()) == len(report.violations) == 2
    messages = {v.shape: v.message for v in report.violations}
    assert report.lines() == [  # sorted by graph, focus, path (none first), message
        f"{graph_iri('t1')} {MEETING}: {messages[str(KG.MeetingShape)]}",
        f"{graph_iri('t1')} {MEETING} kg:confidence: {messages[str(KG.EvidenceShape)]}",
    ]
    assert "[0, 1]" in messages[str(KG.EvidenceShape)]


def test_report_line_without_graph_or_path() -> None:
    report = ValidationReport(False, [Violation("https://x/a", None, "broken", None, None)], 1)
    assert report.lines() == ["- https://x/a: broken"]
