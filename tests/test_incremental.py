"""Incremental builds: an article whose content hash is the one its graph carries is not parsed
again, and the store ends as a full build of the same inputs would leave it.

Parses are counted by wrapping the `parse` that `kg.pipeline` hands articles to.  Two corpora:
two seeds that no cross-article merge touches, and all five seeds, where resolution merges a bare
"Pashinyan" into "Nikol Pashinyan" and so rewrites one article graph. Either way an unchanged
rebuild parses nothing; a merge that a later build no longer makes (another Pashinyan arrives,
the registry now keeps the two apart) is undone in that build by extracting the graphs it
rewrote again, and the store ends as a fresh build of the same inputs leaves it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
import kg.pipeline
import kg.rdf
from kg.cli import main
from kg.pipeline import BuildSummary, build
from kg.vocab import actor_iri
from store_snapshot import differences, merged_articles, snapshot

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
#: two seeds with no name that resolution merges across articles.
UNMERGED = ("001_d0d4775d41d8c1b6.txt", "004_d9f82656579fc0ba.txt")
CORPORA = {"unmerged": UNMERGED, "seeds": tuple(sorted(p.name for p in SEEDS.glob("*.txt")))}
ADDED = "\n\nThe two delegations met again in Geneva on Tuesday to review the draft agreement.\n"


def _no_problem(problem) -> None:
    raise AssertionError(problem)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles `kg.pipeline` sends to spaCy, in order, as they go."""
    seen: list[str] = []
    original = kg.pipeline.parse

    def counting(articles, *args, **kwargs):
        def noted():
            for article in articles:
                seen.append(article.id)
                yield article
        return original(noted(), *args, **kwargs)

    monkeypatch.setattr(kg.pipeline, "parse", counting)
    return seen


@pytest.fixture(params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of one corpus that a test may change."""
    folder = tmp_path / request.param
    folder.mkdir()
    for name in CORPORA[request.param]:
        shutil.copy(SEEDS / name, folder / name)
    return folder


def _build(corpus: Path, out: Path, **options) -> BuildSummary:
    return build([str(corpus)], out, _no_problem, **options)


def _unmerged_built(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the unmerged seeds in `tmp_path/in`, built into `tmp_path/out`: both folders."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for seed in UNMERGED:
        shutil.copy(SEEDS / seed, corpus / seed)
    out = tmp_path / "out"
    _build(corpus, out)
    return corpus, out


def _first_build(corpus: Path, out: Path, parsed: list[str], **options) -> set[str]:
    """Build `corpus` into `out`; the ids of the graphs resolution rewrote, checked against the corpus."""
    summary = _build(corpus, out, **options)
    assert len(parsed) == summary.articles == len(CORPORA[corpus.name]) and not summary.unchanged
    merged = set(merged_articles(out))
    if corpus.name == "unmerged":
        assert not summary.resolution.merges and not merged, "these seeds must stay free of merges"
    else:
        assert summary.resolution.merges and merged, "the seeds should still hold a cross-article merge"
    parsed.clear()
    return merged


def test_unchanged_rebuild_parses_nothing(corpus: Path, tmp_path: Path, parsed: list[str]) -> None:
    out = tmp_path / "out"
    merged = _first_build(corpus, out, parsed)
    before = snapshot(out / "graph.trig")
    summary = _build(corpus, out)
    assert parsed == []  # the graphs a merge rewrote too
    assert len(summary.unchanged) == summary.articles and summary.redone == []
    assert set(merged_articles(out)) == merged
    assert differences(snapshot(out / "graph.trig"), before) == []


def test_changed_file_is_the_only_one_parsed(corpus: Path, tmp_path: Path, parsed: list[str]) -> None:
    out = tmp_path / "out"
    _first_build(corpus, out, parsed)
    changed = corpus / UNMERGED[1]
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    _build(corpus, out)
    assert parsed == [changed.stem]
    _build(corpus, tmp_path / "fresh")
    assert differences(snapshot(out / "graph.trig"), snapshot(tmp_path / "fresh" / "graph.trig")) == []


#: a second full-named Pashinyan, of no role or affiliation that rules him out: "Pashinyan" is ambiguous
NAMESAKE = "Hayk Pashinyan told reporters in Yerevan on Monday that the talks would continue.\n"
#: the registry keeps the bare name and the full-named person apart
APART = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
<https://w3id.org/kg-news/id/actor/pashinyan> owl:differentFrom <https://w3id.org/kg-news/id/actor/nikol-pashinyan> .
"""


@pytest.mark.parametrize("change", ["namesake arrives", "registry keeps apart"])
def test_a_merge_no_longer_made_is_undone_in_the_same_build(change: str, tmp_path: Path, parsed: list[str]) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus, ignore=shutil.ignore_patterns("*.md"))
    out = tmp_path / "out"
    _first_build(corpus, out, parsed, registry=None)
    merged = set(merged_articles(out, merged_from=actor_iri("pashinyan")))  # (the seeds' other merges stay)
    assert merged
    registry = None
    if change == "namesake arrives":
        (corpus / "zzz_namesake.txt").write_text(NAMESAKE, encoding="utf-8")
    else:
        registry = tmp_path / "actors.ttl"
        registry.write_text(APART, encoding="utf-8")
    summary = _build(corpus, out, registry=registry)
    assert sorted(summary.redone) == sorted(merged)
    assert sorted(parsed) == sorted(merged | ({"zzz_namesake"} if change == "namesake arrives" else set()))
    assert all(m.source != actor_iri("pashinyan") for m in summary.resolution.merges)
    assert merged_articles(out, merged_from=actor_iri("pashinyan")) == []
    _build(corpus, tmp_path / "fresh", registry=registry)
    assert differences(snapshot(out / "graph.trig"), snapshot(tmp_path / "fresh" / "graph.trig")) == []
    parsed.clear()
    _build(corpus, out, registry=registry)
    assert parsed == []


def test_force_parses_everything(corpus: Path, tmp_path: Path, parsed: list[str]) -> None:
    out = tmp_path / "out"
    _first_build(corpus, out, parsed)
    before = snapshot(out / "graph.trig")
    summary = _build(corpus, out, force=True)
    assert sorted(parsed) == sorted(Path(name).stem for name in CORPORA[corpus.name])
    assert summary.unchanged == []
    assert differences(snapshot(out / "graph.trig"), before) == []


@pytest.mark.parametrize("module, name, value", [(kg.rdf, "EXTRACTION_VERSION", 10**6),
                                                 (kg, "__version__", "99.0.0")],
                         ids=["extraction-version", "kg-release"])
def test_another_kg_extracts_again(tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch,
                                   module, name: str, value) -> None:
    corpus, out = _unmerged_built(tmp_path)
    monkeypatch.setattr(module, name, value)
    parsed.clear()
    _build(corpus, out)
    assert len(parsed) == len(UNMERGED)
    parsed.clear()
    _build(corpus, out)  # and the graphs now carry what this kg would make
    assert parsed == []


def test_cli_force_and_the_unchanged_count(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(SEEDS / UNMERGED[0], corpus / UNMERGED[0])
    out = str(tmp_path / "out")
    runner = CliRunner()
    lines = [runner.invoke(main, ["build", str(corpus), "-o", out, *extra]).output.splitlines()[0]
             for extra in ([], [], ["--force"])]
    assert lines == ["articles read: 1 (skipped 0, notices 0, failed 0, unchanged 0)",
                     "articles read: 1 (skipped 0, notices 0, failed 0, unchanged 1)",
                     "articles read: 1 (skipped 0, notices 0, failed 0, unchanged 0)"]


def test_an_interrupted_build_leaves_the_finished_graphs_trusted(tmp_path: Path, parsed: list[str]) -> None:
    """A build killed before its end leaves a build record with no end; the next build says so,
    and still parses none of the articles whose graphs an earlier, finished build made."""
    from datetime import datetime, timezone

    from kg.rdf import run_graph
    from kg.store import Store

    corpus, out = _unmerged_built(tmp_path)
    with Store(out / "store") as store:
        store.add_default(run_graph(datetime(2030, 1, 1, tzinfo=timezone.utc), None, []))
    parsed.clear()
    summary = _build(corpus, out)
    assert summary.after_interruption and parsed == []
    assert any("did not finish" in line for line in summary.lines())
    parsed.clear()
    assert not _build(corpus, out).after_interruption  # that build finished
