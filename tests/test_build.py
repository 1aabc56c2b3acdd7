"""`kg build` as a whole: rebuilding is idempotent and incremental builds equal one build."""
from __future__ import annotations

import shutil
from dataclasses import replace
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from click.testing import CliRunner

from kg import rdf
from kg.analytics import graph_stats
from kg.cli import main
from kg.graph import projection
from kg.pipeline import build, store_summary
from kg.records import ArticleExtraction
from kg.resolve import actor_table
from kg.store import open_store
from kg.vocab import RESOLUTION_GRAPH, graph_iri

import fixtures_rdf as fx
from store_snapshot import differences, snapshot

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


def _counting(calls: list[str], name: str, function: Callable) -> Callable:
    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(name)
        return function(*args, **kwargs)
    return counted


def test_two_workers_build_the_same_store_and_the_main_process_only_loads_it(
        five: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --workers, the worker that extracted an article also builds its graph and checks it
    against the shapes; the main process builds and checks none (the counters are its own)."""
    import kg.pipeline as pipeline

    calls: list[str] = []
    for name in ("extraction_quads", "validate_quads"):
        monkeypatch.setattr(pipeline, name, _counting(calls, name, getattr(pipeline, name)))
    out = tmp_path / "parallel"
    build([str(SEEDS)], out, _no_problem, workers=2)
    assert calls == []
    assert differences(snapshot(out / "graph.trig"), snapshot(five / "graph.trig")) == []


VIOLATION = "kgid:graph/x kgid:article/x: found where it was extracted"


@pytest.mark.parametrize("checked_where, built_here", [
    pytest.param("extracted", [], id="a checked graph is only loaded"),
    pytest.param("nowhere", ["extraction_quads", "validate_quads"], id="one the worker failed to build is built here"),
])
def test_the_storing_process_builds_only_what_the_worker_did_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked_where: str, built_here: list[str]) -> None:
    import kg.pipeline as pipeline
    from kg.rdf import extraction_graph, extraction_quads
    from kg.store import Store

    extraction = fx.t1_extraction()
    result = (pipeline.Checked(extraction, extraction_quads(extraction), (VIOLATION,))
              if checked_where == "extracted" else pipeline.Checked(extraction))
    calls: list[str] = []
    for name in ("extraction_quads", "validate_quads"):
        monkeypatch.setattr(pipeline, name, _counting(calls, name, getattr(pipeline, name)))
    summary = pipeline.BuildSummary(articles=1)
    with Store(None) as store:
        with pipeline.GraphWriter(store, summary, _no_problem) as writer:
            writer.add(result)
        stored = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri(extraction.article.id)}> "
                             "{ ?s ?p ?o } }").graph
    assert calls == built_here and summary.built == [extraction.article.id]
    assert summary.violations == ([VIOLATION] if checked_where == "extracted" else [])
    assert isomorphic(stored, extraction_graph(extraction))


def test_a_batch_of_extractions_is_checked_in_place() -> None:
    """check_extractions (a worker's work after extracting a batch): each extraction keeps its
    place; one whose graph cannot be built comes without it (the storing process builds it again
    and reports why); violations belong to the graph that has them."""
    import kg.pipeline as pipeline

    good, other = fx.t1_extraction(), fx.t2_extraction()
    meeting = next(s for s in good.statements if s.relation == "met")
    lonely = replace(good, article=replace(good.article, id="lonely"),
                     statements=(replace(meeting, article="lonely", participants=meeting.participants[:1]),))
    misquoted = replace(good, statements=(replace(meeting, sentence=replace(meeting.sentence, text="not the text")),))
    checked = pipeline.check_extractions([good, misquoted, lonely, other])
    assert [c.extraction for c in checked] == [good, misquoted, lonely, other]
    assert [c.graph is not None for c in checked] == [True, False, True, True]
    assert checked[0].violations == checked[3].violations == ()
    assert checked[2].violations and all("lonely" in line for line in checked[2].violations)
    assert [c.violations for c in pipeline.check_extractions([lonely], validate=False)] == [()]


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


@pytest.mark.parametrize("batch, refused, writes, stored", [
    pytest.param(16, None, 1, ["t1", "t2"], id="both in one write"),
    pytest.param(1, None, 2, ["t1", "t2"], id="a write each"),
    pytest.param(16, "t1", 3, ["t2"], id="a refused batch is written again one at a time"),
    pytest.param(1, "t2", 2, ["t1"], id="a refused article alone"),
])
def test_the_writer_stores_whole_batches_and_reports_the_article_at_fault(
        monkeypatch: pytest.MonkeyPatch, batch: int, refused: str | None, writes: int, stored: list[str]) -> None:
    import kg.pipeline as pipeline
    from kg.store import Store, StoreError

    real, calls = Store.replace_graphs, []

    def replace_graphs(self, graphs, first=()):  # noqa: ANN001, ANN202
        calls.append(len(graphs))
        if any(graph.name == graph_iri(refused or "none") for graph in graphs):
            raise StoreError("refused")
        return real(self, graphs, first)
    monkeypatch.setattr(Store, "replace_graphs", replace_graphs)
    problems: list = []
    summary = pipeline.BuildSummary(articles=2)
    with Store(None) as store:
        with pipeline.GraphWriter(store, summary, problems.append, batch=batch) as writer:
            for extraction in fx.extractions():
                writer.add(extraction)
        assert store.article_ids() == stored
    assert len(calls) == writes and summary.built == stored
    assert [p.source for p in problems] == ([f"{refused}.txt"] if refused else [])  # the fixtures' sources
    assert (summary.articles, summary.failed) == (len(stored), 0 if refused is None else 1)


# --- one count of each thing ---------------------------------------------------------------------

def test_every_command_counts_alike(tmp_path: Path) -> None:
    """The build summary, `kg stats`, met.rq and `kg actors` use one definition of each count
    (`StoreCounts`): a meeting is a happening however many articles tell it, a pair two actors,
    an actor a node after merges; an unchanged rebuild reports the same totals."""
    out = tmp_path / "out"
    first = build([str(SEEDS)], out, _no_problem)
    again = build([str(SEEDS)], out, _no_problem)
    assert len(again.unchanged) == 5 and not again.built
    assert first.totals == again.totals and first.lines()[1:4] == again.lines()[1:4]
    totals = first.totals
    with open_store(out) as store:
        met_rows = store.query((SEEDS.parent / "queries" / "met.rq").read_text()).rows
        graph = projection(store)
        actors = actor_table(store).rows
    stats = graph_stats(graph)
    assert totals.events["met"] < totals.reports["met"], "the seeds tell one meeting twice"
    assert totals.pairs["met"] == len(met_rows) == stats.edges["met"]
    assert {r: n for r, n in totals.events.items() if n and r in stats.events} == stats.events
    label = {node: data["label"] for node, data in graph.nodes(data=True)}
    per_pair = {frozenset((label[s], label[t])): data["events"] for s, t, data in graph.edges(data=True)
                if data["relation"] == "met"}
    assert per_pair == {frozenset((str(row[0]), str(row[1]))): int(row[3]) for row in met_rows}
    assert totals.actors == len(actors)
    summary = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out)]).stdout
    assert f"events (one per happening, however many articles tell it): met {totals.events['met']} in " \
           f"{totals.pairs['met']} pairs" in summary
    assert f"store: 5 articles, {totals.actors} actors, {totals.claims} claims" in summary


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


# --- what tells a build that its outputs are stale (kg.pipeline.store_summary) ----------------

_NOTE = "<https://example.org/note> <http://www.w3.org/2000/01/rdf-schema#comment> 'checked'"


@pytest.mark.parametrize("change, differs", [
    pytest.param(lambda store: None, False, id="nothing"),
    pytest.param(lambda store: store.replace_article(rdf.extraction_graph(fx.t1_extraction())), False,
                 id="an-article-stored-again"),
    pytest.param(lambda store: store.replace_article(rdf.extraction_graph(_edited_t1())), True,
                 id="an-article-changed"),
    pytest.param(lambda store: store.remove_article("t2"), True, id="an-article-removed"),
    pytest.param(lambda store: store.update(f"INSERT DATA {{ GRAPH <{RESOLUTION_GRAPH}> {{ {_NOTE} }} }}"), True,
                 id="the-resolution-graph-grew"),
    pytest.param(lambda store: store.update(f"INSERT DATA {{ GRAPH <https://example.org/loaded> {{ {_NOTE} }} }}"),
                 True, id="a-graph-without-hash-added"),
])
def test_the_store_summary_changes_with_what_the_graphs_hold(change, differs: bool) -> None:  # noqa: ANN001
    with fx.loaded_store(resolved=True) as store:
        before = store_summary(store)
        change(store)
        assert (store_summary(store) != before) is differs


def _edited_t1() -> ArticleExtraction:
    """t1 as if its text had changed: another content hash."""
    extraction = fx.t1_extraction()
    return replace(extraction, article=replace(extraction.article, text=extraction.article.text + " More."))
