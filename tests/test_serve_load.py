"""Load on the real server: 1,000 queries, 8 at a time, every answer the embedded store's.

A small store is built from the demo corpus (seeds/), then served as `kg serve` serves it
(`oxigraph serve-read-only`, union default graph, on a free port of 127.0.0.1); the query mix
is every shipped query in queries/ with parameters read from the store (scripts/load.py, which
also prints throughput; nothing here measures time).  Needs the `oxigraph` program (the test
extra).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import load  # noqa: E402

from kg.pipeline import build  # noqa: E402
from kg.store import Store  # noqa: E402
from test_store_remote import needs_oxigraph  # noqa: E402

pytestmark = needs_oxigraph


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder of seeds/ (five articles; a resolution graph too, which met.rq reads)."""
    out = tmp_path_factory.mktemp("load") / "out"
    summary = build([str(ROOT / "seeds")], out, lambda problem: None)
    assert summary.articles == 5
    return out


def test_a_thousand_concurrent_queries_answer_as_the_embedded_store(built: Path) -> None:
    report = load.load_test(built, queries=1000, concurrency=8)
    assert report.errors == []
    assert report.mismatches == []
    assert report.queries == 1000 and sum(report.mix.values()) == 1000
    assert set(report.mix) == {path.name for path in (ROOT / "queries").glob("*.rq")}


def test_the_mix_has_parameters_and_answers_with_rows(built: Path) -> None:
    """The mix is not trivial: parametrised queries with values from the store, and answers with rows."""
    with Store(built / "store") as store:
        jobs = load.query_mix(store, 200)
        answers = load.expected_answers(store, jobs)
    with_params = {job.name for job in jobs if job.params}
    assert {"actor_profile.rq", "claims.rq"} <= with_params
    assert all(job.params for job in jobs if job.name == "actor_profile.rq")
    assert sum(1 for columns, rows in answers.values() if rows) >= len(answers) // 2


def test_the_mix_is_deterministic(built: Path) -> None:
    with Store(built / "store") as store:
        assert load.query_mix(store, 50, seed=3) == load.query_mix(store, 50, seed=3)
        assert load.query_mix(store, 50, seed=3) != load.query_mix(store, 50, seed=4)


def test_a_wrong_answer_is_caught(built: Path) -> None:
    """The check can fail: an expected answer tampered with is reported as a mismatch, only that one."""
    with Store(built / "store") as store:
        jobs = load.query_mix(store, 40)
        expected = load.expected_answers(store, jobs)
    victim = next(job for job in jobs if expected[job][1])
    expected[victim] = (expected[victim][0], expected[victim][1][:-1])
    with load.served(built) as url:
        report = load.run_load(url, jobs, expected, concurrency=4)
    assert report.errors == []
    assert len(report.mismatches) == jobs.count(victim)
    assert all(m.startswith(victim.label()) for m in report.mismatches)


def test_the_script_prints_throughput_and_exits_zero(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert load.main([str(built), "--queries", "100", "--concurrency", "4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("100 queries, 4 at a time, in ") and lines[0].endswith(" queries/s")
    assert lines[1].startswith("latency: p50 ") and " p95 " in lines[1]
    assert lines[-1] == "errors: 0, answers different from the embedded store's: 0"
