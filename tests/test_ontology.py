"""ontology/kg.ttl is an OWL 2 DL ontology that declares every term kg's data uses.

Three checks: a structural one in plain rdflib (tests/owl_structure.py, always run), which also
checks that what kg writes (article graphs, the resolution graph with a registry, the build
record) uses only declared classes and properties, each with the kind of value its kind takes;
then, where owlready2 and Java are installed, the HermiT reasoner's consistency check, and the OWL
API's own OWL 2 DL profile check (tests/owl_dl_profile.java, with the OWL API that owlready2
ships) of the ontology alone and with all kg's data; each is shown to catch the ontology's old
mistake too. (HermiT itself cannot read kg's data: its dates are xsd:date, xsd:gYear, ..., outside
OWL 2's datatype map.)
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

import fixtures_rdf as fx
import owl_structure
from kg import rdf, vocab  # vocab.XSD: a bare XSD name here makes pytest warn at collection
from kg.pipeline import origin_updates
from kg.records import MET, Actor, ArticleExtraction, Statement
from kg.resolve import load_registry, resolve
from kg.store import Store
from kg.vocab import DCT, KG, SCHEMA, SEM, SKOS, actor_iri

ONTOLOGY = fx.ONTOLOGY / "kg.ttl"
PROFILE_CHECK = Path(__file__).parent / "owl_dl_profile.java"


def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


# --- the structural check ----------------------------------------------------------------------

def test_ontology_keeps_the_owl2_dl_rules() -> None:
    assert owl_structure.problems(ontology()) == []


def _changed(remove=(), add=()) -> Graph:
    """The ontology with the `remove` triples (which it must hold) taken out and `add` put in."""
    graph = ontology()
    for triple in remove:
        assert triple in graph, triple
        graph.remove(triple)
    for triple in add:
        graph.add(triple)
    return graph


#: The ontology as it was before OWL 2 DL was asked of it, as far as kg:canonicalLabel goes.
OLD_CANONICAL_LABEL = dict(remove=[(KG.canonicalLabel, RDF.type, OWL.AnnotationProperty)],
                           add=[(KG.canonicalLabel, RDF.type, OWL.DatatypeProperty)])

# Each of the ontology's old mistakes (and a few close to them), put back: the check names it.
BROKEN = {
    "a datatype property under rdfs:label (the old kg:canonicalLabel)": (
        OLD_CANONICAL_LABEL,
        "kg:canonicalLabel rdfs:subPropertyOf rdfs:label crosses kinds: data property under annotation property"),
    "a property of two kinds": (
        dict(add=[(KG.canonicalLabel, RDF.type, OWL.DatatypeProperty)]),
        "kg:canonicalLabel is declared both annotation property and data property"),
    "an undeclared class of another vocabulary (sem:Actor)": (
        dict(remove=[(SEM.Actor, RDF.type, OWL.Class)]),
        "sem:Actor is used as a class (rdfs:subClassOf) but not declared owl:Class"),
    "an undeclared class in a domain (schema:NewsArticle)": (
        dict(remove=[(SCHEMA.NewsArticle, RDF.type, OWL.Class)]),
        "schema:NewsArticle is used as a class (the rdfs:domain of kg:asserts) but not declared owl:Class"),
    "an undeclared property of another vocabulary (skos:inScheme)": (
        dict(remove=[(SKOS.inScheme, RDF.type, OWL.ObjectProperty)]),
        "skos:inScheme is used but not declared owl:ObjectProperty, owl:DatatypeProperty or owl:AnnotationProperty"),
    "an undeclared annotation property (dct:license)": (
        dict(remove=[(DCT.license, RDF.type, OWL.AnnotationProperty)]),
        "dct:license is used but not declared owl:ObjectProperty, owl:DatatypeProperty or owl:AnnotationProperty"),
    "an object property with a literal value": (
        dict(add=[(KG.Meeting, SKOS.broader, Literal("04"))]),
        'skos:broader, an object property, has a literal value: "04"'),
    "a data property with an IRI value": (
        dict(add=[(KG.Meeting, SKOS.notation, URIRef("https://w3id.org/kg-news/cameo/04"))]),
        "skos:notation, a data property, has a non-literal value: <https://w3id.org/kg-news/cameo/04>"),
    "a data property ranging over a datatype OWL 2 does not have": (
        dict(add=[(SEM.hasTimeStamp, RDFS.range, vocab.XSD.date)]),
        "sem:hasTimeStamp rdfs:range xsd:date: not a datatype of the OWL 2 datatype map"),
    "rdf:langString for rdf:PlainLiteral": (
        dict(remove=[(KG.role, RDFS.range, RDF.PlainLiteral)], add=[(KG.role, RDFS.range, RDF.langString)]),
        "kg:role rdfs:range rdf:langString: not a datatype of the OWL 2 datatype map "
        "(use rdf:PlainLiteral, OWL 2's name for it)"),
    "an annotation property ranging over a class expression": (
        dict(add=[(KG.canonicalLabel, RDFS.range, BNode())]),
        "kg:canonicalLabel rdfs:range: an annotation property's domain or range is an IRI only"),
    "a symmetric data property": (
        dict(add=[(KG.role, RDF.type, OWL.SymmetricProperty)]),
        "kg:role is an owl:SymmetricProperty but not an object property"),
    "a class only an rdfs:Class": (
        dict(add=[(KG.Extra, RDF.type, RDFS.Class), (KG.thing, RDF.type, KG.Extra)]),
        "kg:Extra is only an rdfs:Class: OWL 2 DL needs it declared as a class or property"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_structural_check_names_each_mistake(name: str) -> None:
    change, expected = BROKEN[name]
    assert expected in owl_structure.problems(_changed(**change))


# --- what kg writes uses only what the ontology declares ------------------------------------------

REGISTRY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX kg: <https://w3id.org/kg-news/ns#>
<https://w3id.org/kg-news/id/actor/ivo-stan> skos:prefLabel "Ivo Stan"@en ; skos:altLabel "President Stan"@en ;
    owl:sameAs <http://www.wikidata.org/entity/Q4115189> .
<https://w3id.org/kg-news/id/actor/ivo-stan> owl:differentFrom <https://w3id.org/kg-news/id/actor/ana-stan> .
[] kg:notAnActor "Northern Alliance"@en .
"""


def _third_article() -> ArticleExtraction:
    """An article naming "Kessel" alone (merged into Mira Kessel), "Stan" (who may be Ivo or Ana
    Stan: an ambiguity), and a meeting of Kessel and Rundt on another day than t1's (a conflict)."""
    text = "Kessel met Tomas Rundt in Oslo on March 5. Ana Stan and Stan stayed away."
    article = fx.article("t3", text, "Kessel and Rundt met earlier", "2024-03-12")
    kessel = Actor("kessel", "Kessel", "person", role="foreign minister")
    actors = (kessel, fx.RUNDT, Actor("ana stan", "Ana Stan", "person"), Actor("stan", "Stan", "person"))
    met = Statement("t3", MET, (kessel, fx.RUNDT), fx.sentence(text, "met"), confidence=0.9, rule="met-verb",
                    date="2024-03-05", place="Oslo")
    return ArticleExtraction(article, actors, (met,))


def everything_kg_writes(tmp_path: Path) -> Graph:
    """A store as a build leaves it: three article graphs, their inputs (kg:readFrom) and build
    record, and the resolution graph with a registry, a merge, a removal, an ambiguity and a conflict."""
    registry = tmp_path / "actors.ttl"
    registry.write_text(REGISTRY, encoding="utf-8")
    store = Store(None)
    extractions = [*fx.extractions(), _third_article()]
    for extraction in extractions:
        store.replace_article(rdf.extraction_graph(extraction))
        for update in origin_updates(replace(extraction.article, origin=f"/in/{extraction.article.id}.txt")):
            store.update(update)
    store.add_default(rdf.run_graph(fx.RUN_STARTED, fx.RUN_ENDED, [e.article.id for e in extractions]))
    result = resolve(store, load_registry(registry))
    assert result.merges and result.removed and result.ambiguous and result.conflicts  # all written
    store.export(tmp_path / "all.nt")  # every graph's triples together
    return Graph().parse(tmp_path / "all.nt", format="nt")


def test_kg_data_uses_only_declared_terms(tmp_path: Path) -> None:
    data = everything_kg_writes(tmp_path)
    used = set(data.predicates())
    assert {KG.readFrom, SKOS.prefLabel, RDFS.label, KG.mergedLabel, KG.removedActor, KG.ambiguity, KG.conflictKind,
            SKOS.altLabel, OWL.sameAs, KG.notAnActor} <= used
    assert owl_structure.data_problems(ontology(), data) == []


def test_data_check_names_an_undeclared_term_and_a_value_of_the_wrong_kind() -> None:
    actor = URIRef(actor_iri("mira kessel"))
    data = [(actor, RDF.type, URIRef("https://schema.org/Thing")),
            (actor, KG.role, URIRef("https://example.org/minister")),
            (actor, URIRef("https://schema.org/jobTitle"), Literal("minister"))]
    assert owl_structure.data_problems(ontology(), data) == [
        "kg:role, a data property, has a non-literal value: <https://example.org/minister>",
        "schema:Thing types data but is not declared owl:Class",
        "schema:jobTitle is used but not declared owl:ObjectProperty, owl:DatatypeProperty or owl:AnnotationProperty",
    ]


# --- a reasoner, and the OWL API's profile check -------------------------------------------------

def _java_tools() -> str | None:
    """Why the reasoner checks cannot run here (None: they can)."""
    if importlib.util.find_spec("owlready2") is None:
        return "owlready2 is not installed (pip install -e '.[test]')"
    if shutil.which("java") is None:
        return "no java on this machine (owlready2 runs HermiT and the OWL API in Java)"
    return None


needs_java = pytest.mark.skipif(_java_tools() is not None, reason=_java_tools() or "")


def _rdfxml(graph: Graph, path: Path) -> Path:
    """owlready2 and the OWL API read RDF/XML, not Turtle."""
    graph.serialize(path, format="xml")
    return path


def _hermit_verdict(path: Path) -> tuple[bool, str]:
    """(consistent, what owlready2 warned about) for the ontology at `path`, run in a child process
    so that owlready2's world and its warnings stay out of this one."""
    code = f"""
import sys
from owlready2 import World, sync_reasoner, OwlReadyInconsistentOntologyError
world = World()
world.get_ontology({path.as_uri()!r}).load()
try:
    sync_reasoner(world, infer_property_values=False, debug=0)
except OwlReadyInconsistentOntologyError:
    sys.exit(3)
sys.exit(4 if list(world.inconsistent_classes()) else 0)
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    if run.returncode not in (0, 3, 4):
        raise AssertionError(f"owlready2 failed: {run.stderr[-2000:]}")
    return run.returncode == 0, run.stderr


@needs_java
def test_hermit_finds_the_ontology_consistent_and_owlready2_finds_no_mixed_kinds(tmp_path: Path) -> None:
    consistent, warnings = _hermit_verdict(_rdfxml(ontology(), tmp_path / "kg.owl"))
    assert consistent
    assert "belongs to more than one entity types" not in warnings, warnings
    _, warnings = _hermit_verdict(_rdfxml(_changed(**OLD_CANONICAL_LABEL), tmp_path / "old.owl"))
    assert "DataProperty https://w3id.org/kg-news/ns#canonicalLabel belongs to more than one entity types" in warnings


@pytest.fixture(scope="module")
def profile_check(tmp_path_factory: pytest.TempPathFactory):
    """tests/owl_dl_profile.java compiled against the OWL API that owlready2 ships in HermiT.jar;
    returns a function running it on an RDF/XML file."""
    import owlready2

    owlapi = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    classes = tmp_path_factory.mktemp("owl-dl-profile")
    subprocess.run(["javac", "-nowarn", "-cp", str(owlapi), "-d", str(classes), str(PROFILE_CHECK)],
                   capture_output=True, text=True, timeout=300, check=True)

    def run(path: Path) -> subprocess.CompletedProcess:
        return subprocess.run(["java", "-cp", f"{owlapi}{os.pathsep}{classes}", "OwlDlProfile", str(path)],
                              capture_output=True, text=True, timeout=300, check=False)
    return run


@needs_java
@pytest.mark.skipif(shutil.which("javac") is None, reason="no JDK (javac) to compile tests/owl_dl_profile.java")
def test_owl_api_finds_the_ontology_in_the_owl2_dl_profile(profile_check, tmp_path: Path) -> None:
    run = profile_check(_rdfxml(ontology(), tmp_path / "kg.owl"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("OWL 2 DL: true")
    run = profile_check(_rdfxml(ontology() + everything_kg_writes(tmp_path), tmp_path / "kg-and-data.owl"))
    assert run.returncode == 0, run.stdout + run.stderr  # kg's data read with it: OWL 2 DL too
    run = profile_check(_rdfxml(_changed(**OLD_CANONICAL_LABEL), tmp_path / "old.owl"))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "IllegalPunning: Cannot pun between properties: <https://w3id.org/kg-news/ns#canonicalLabel>" in run.stdout
