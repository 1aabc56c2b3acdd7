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
        cwd=ROOT, capture_output=True, text=True, timeout=120,
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
