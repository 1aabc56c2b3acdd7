"""`kg build` as a whole: rebuilding is idempotent and incremental builds equal one build."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.pipeline import build
from kg.store import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _triples(out: Path) -> int:
    with open_store(out) as store:
        return store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0] + \
            store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }").rows[0][0]


def _article_graphs(out: Path) -> dict[str, Dataset]:
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    return {str(g.identifier): g for g in dataset.graphs() if "/graph/" in str(g.identifier)}


def _no_problem(problem) -> None:
    raise AssertionError(problem)


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("five")
    build([str(SEEDS)], out, _no_problem)
    return out


def test_building_twice_keeps_the_same_triples(five: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    shutil.copytree(five, again)
    before = _triples(again)
    build([str(SEEDS)], again, _no_problem)
    assert _triples(again) == before


def test_three_then_five_equals_five(five: Path, tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "incremental"
    build([str(p) for p in seeds[:3]], out, _no_problem)
    build([str(SEEDS)], out, _no_problem)
    assert _triples(out) == _triples(five)
    mine, theirs = _article_graphs(out), _article_graphs(five)
    assert mine.keys() == theirs.keys() and len(mine) == 5
    for name, graph in mine.items():
        assert isomorphic(graph, theirs[name]), name


def test_one_run_record_per_build_that_still_made_a_graph(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "runs"
    build([str(seeds[0])], out, _no_problem)
    build([str(seeds[1])], out, _no_problem)  # a second run that made another graph: both kept
    build([str(seeds[0]), str(seeds[1])], out, _no_problem)  # rebuilds both: the first two runs are gone
    with open_store(out) as store:
        runs = store.query("SELECT DISTINCT ?run WHERE { ?run a prov:Activity }").rows
    assert len(runs) == 1


def test_two_workers_build_the_same_graph(five: Path, tmp_path: Path) -> None:
    out = tmp_path / "parallel"
    build([str(SEEDS)], out, _no_problem, workers=2)
    mine, theirs = _article_graphs(out), _article_graphs(five)
    assert mine.keys() == theirs.keys()
    for name, graph in mine.items():
        assert isomorphic(graph, theirs[name]), name


def test_an_article_too_long_to_parse_keeps_its_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """extract_articles gives one result per article in input order, the too long one's a problem
    in its own place (the distributed build maps results to articles by that order)."""
    import kg.pipeline as pipeline
    from kg.records import Article, Problem

    monkeypatch.setattr(pipeline, "MAX_PARSE_CHARS", 60)
    texts = ["Ana Lopes met Rui Costa in Lisbon.", "x " * 40, "Ana Lopes met Rui Costa in Porto.", "y " * 40]
    articles = [Article(id=f"a{i}", iri=f"urn:a{i}", text=t) for i, t in enumerate(texts)]
    results = list(pipeline.extract_articles(articles))
    assert [type(r).__name__ for r in results] == ["ArticleExtraction", "Problem", "ArticleExtraction", "Problem"]
    assert [r.article.id if not isinstance(r, Problem) else r.source for r in results] == ["a0", "a1", "a2", "a3"]


def test_a_build_that_reads_nothing_removes_only_what_it_made_empty(tmp_path: Path) -> None:
    """What a build that read nothing made goes, but a store someone else filled meanwhile in the
    same new folder stays, and so does one whose lock someone else holds."""
    from kg.lock import StoreLock
    from kg.pipeline import BuildSummary, leaving_no_trace
    from kg.store import Store

    out = tmp_path / "new" / "out"
    with leaving_no_trace(out, None, BuildSummary()):
        out.mkdir(parents=True)
        Store(out / "store").close()  # opened, as a build does, and left empty
    assert not (tmp_path / "new").exists()

    with leaving_no_trace(out, None, BuildSummary()):
        with Store(out / "store") as store:  # another build, in the same new folder, wrote
            store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert (out / "store").is_dir() and (out / ".store.kg-lock").exists()

    other = tmp_path / "other"
    with leaving_no_trace(other, None, BuildSummary()):
        Store(other / "store").close()
        held = StoreLock(other / "store", exclusive=True).acquire()  # someone has it now
    try:
        assert (other / "store").is_dir()
    finally:
        held.release()
