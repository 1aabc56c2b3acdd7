"""A tiny run of scripts/bench.py: it completes and writes the report's keys (no timing is checked)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import synth  # noqa: E402


def test_synthetic_corpus_is_deterministic_and_news_sized() -> None:
    first = synth.generate(3, seed=11)
    assert first == synth.generate(3, seed=11)
    assert synth.generate(5, seed=11)[:3] == first  # article i depends only on (seed, i)
    assert synth.generate(3, seed=12) != first
    for record in first:
        assert set(record) == {"id", "title", "date", "text"}
        assert 400 <= len(record["text"].split()) <= 700
        assert record["text"].startswith(record["title"] + "\n\n")
        assert 6 <= record["text"].count("\n\n") <= 10


def test_bench_smoke_run_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--articles", "5", "--out", str(out),
         "--profile", "0", "--repeat", "2", "--resolve-sizes", "200", "400"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["articles"] == 5
    for key in ("parse_s", "extract_s", "extract_over_parse", "extract_articles_per_s", "build_s",
                "load_quads_per_s", "peak_rss_mb", "workers_speedup", "extract_2_workers_s"):
        assert isinstance(report[key], (int, float)) and report[key] > 0, key
    assert [row["mentions"] for row in report["resolve_scaling"]] == [200, 400]
    assert all(row["events"] > 0 and row["contradictions"] > 0 for row in report["resolve_scaling"])
    shipped = {p.name for p in (ROOT / "queries").glob("*.rq")}
    assert shipped <= set(report["query_ms_median"])
    assert all(isinstance(v, (int, float)) and v >= 0 for v in report["query_ms_median"].values())
    assert all(q["rows"] > 0 for name, q in report["queries"].items() if name == "actor_profile.rq")
    assert report["runs"][0]["articles"] == 5 and set(report["targets"]) >= {
        "extract_within_1.25x_parse", "build_10k_under_30_min", "peak_rss_under_2gb", "memory_flat",
        "queries_under_100ms"}
    assert "extract / parse" in completed.stdout


def test_synthetic_batches_are_new_articles_about_the_same_people() -> None:
    corpus = synth.generate(60, seed=11)
    batch = synth.generate(20, seed=11, start=60)
    assert synth.generate(2, seed=11, start=3) == corpus[3:5]  # the same article i, wherever a run starts
    assert not {r["id"] for r in batch} & {r["id"] for r in corpus}
    people = {p.name for p in synth.roster(11).people}

    def named(records: list[dict]) -> list[set[str]]:
        return [{name for name in people if name in r["text"]} for r in records]

    before = set().union(*named(corpus))
    # every article of the batch names someone the corpus before it named: resolution has work
    assert all(names & before for names in named(batch))


def test_removals_are_deterministic_earlier_articles_never_removed_twice() -> None:
    import bench

    stored = [f"a{i}" for i in range(10)]
    first = bench.removal_ids(7, 1, stored, set(), 3)
    assert first == bench.removal_ids(7, 1, stored, set(), 3) and len(set(first)) == 3
    second = bench.removal_ids(7, 2, stored, set(first), 3)
    assert set(second) <= set(stored) - set(first) and len(second) == 3
    assert bench.removal_ids(7, 3, stored[:2], set(), 5) == sorted(stored[:2])


def test_bench_incremental_scenario_reports_each_batch(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--articles", "4", "--out", str(out),
         "--incremental", "2", "--batch-size", "2", "--removals", "1", "--profile", "0", "--repeat", "1",
         "--resolve-sizes", "--skip", "parse", "extract", "workers", "graph"],
        cwd=ROOT, capture_output=True, text=True, timeout=480,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["articles"] == 4 and report["parse_s"] is None and report["skipped_phases"] == [
        "extract", "graph", "parse", "workers"]
    steps = report["incremental"]
    assert steps == report["runs"][0]["incremental"]
    assert (steps["batches"], steps["batch_size"], steps["removals_per_batch"]) == (2, 2, 1)
    rows = steps["rows"]
    assert [r["batch"] for r in rows] == [1, 2] and [r["first_index"] for r in rows] == [4, 6]
    assert [(r["added"], r["removed"], r["redone"] >= 0) for r in rows] == [(2, 1, True)] * 2
    # the store grows by the batch and shrinks by the removal: 4 + 2 = 6 - 1 = 5, + 2 = 7 - 1 = 6
    assert [(r["articles_after_add"], r["store_articles"]) for r in rows] == [(6, 5), (7, 6)]
    assert all(r["quads_after_add"] > r["quads"] > 0 for r in rows)
    earlier = {f"synth-7-{i:06d}" for i in range(4)}
    assert set(rows[0]["removed_ids"]) <= earlier
    assert set(rows[1]["removed_ids"]) <= earlier | {"synth-7-000004", "synth-7-000005"}
    assert not set(rows[0]["removed_ids"]) & set(rows[1]["removed_ids"])
    for r in rows:
        assert r["add_s"] > 0 and r["remove_s"] > 0 and r["add_peak_rss_mb"] > 0 and r["remove_peak_rss_mb"] > 0
        assert abs(r["add_over_build"] - r["add_s"] / steps["full_build_s"]) < 1e-3
        assert r["add_stages_s"]["extraction_s"] > 0 and r["remove_up_to_date_s"] > 0
    assert abs(steps["add_ratio"] - rows[1]["add_s"] / rows[0]["add_s"]) < 1e-2 and steps["compared_batch"] == 2
    assert steps["final_articles"] == 6
    targets = report["targets"]
    for name in ("batch_add_under_5pct_of_build", "batch_peak_rss_under_1gb", "batch_cost_flat",
                 "queries_under_100ms_after_batches"):
        assert isinstance(targets[name]["met"], bool) and targets[name]["conclusive"] is False, name
    assert targets["batch_add_under_5pct_of_build"]["value"] == max(r["add_over_build"] for r in rows)
    # the queries, on the built store and again on the final one, with the rows they returned
    shipped = {p.name for p in (ROOT / "queries").glob("*.rq")}
    [final] = steps["query_runs"]
    assert final["after_batch"] == 2 and final["store_articles"] == 6
    assert shipped <= set(final["queries"]) and shipped <= set(report["queries"])
    assert all(isinstance(q["rows"], int) and q["median_ms"] >= 0 for q in final["queries"].values())
    assert final["queries"]["met.rq"]["rows"] > 0
    printed = completed.stdout
    assert "incremental: 2 batches of 2 new articles" in printed and "batch 2 / batch 1" in printed
    query_table = printed.split("query table", 1)[1].split("targets:", 1)[0]
    assert "4 articles" in query_table and "6 articles (batch 2)" in query_table
    assert all(name in query_table for name in shipped)
