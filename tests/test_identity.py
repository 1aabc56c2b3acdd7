"""Article ids (issue 17): capped in length, and the same id from two inputs kept apart the same
way on every build, so that rebuilding one of the inputs never replaces the other's article."""
from __future__ import annotations

import json
from pathlib import Path

from kg.ingest import MAX_ID_CHARS, capped_id, origin_of, origin_tag
from kg.pipeline import build
from kg.store import Store

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _no_problem(problem) -> None:  # noqa: ANN001
    raise AssertionError(problem)


def _feed(path: Path, records: list[tuple[str, Path]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": seed.read_text(encoding="utf-8")}) + "\n"
                            for i, seed in records), encoding="utf-8")
    return path


def _texts(out: Path) -> dict[str, str]:
    """Article id -> the start of the text its stored graph holds."""
    with Store(out / "store") as store:
        rows = store.query("SELECT ?id ?text WHERE { ?a schema:identifier ?id . ?c nif:sourceUrl ?a ; "
                           "nif:isString ?text }").rows
    return {str(i): str(t)[:60] for i, t in rows}


def test_long_ids_are_capped_and_stay_apart() -> None:
    long_a, long_b = "a" * 100_000, "a" * 99_999 + "b"
    assert capped_id("short") == "short"
    assert capped_id("x" * MAX_ID_CHARS) == "x" * MAX_ID_CHARS
    assert len(capped_id(long_a)) == MAX_ID_CHARS and capped_id(long_a) != capped_id(long_b)
    assert capped_id(long_a) == capped_id(long_a)


def test_a_huge_id_builds_a_bounded_graph(tmp_path: Path) -> None:
    feed = _feed(tmp_path / "feed.jsonl", [("q" * 100_000, SEEDS[0])])
    summary = build([str(feed)], tmp_path / "out", _no_problem)
    [article_id] = summary.built
    assert len(article_id) == MAX_ID_CHARS and article_id.startswith("q" * 200)
    assert (tmp_path / "out" / "graph.trig").stat().st_size < 5_000_000


def test_the_same_id_in_two_files_is_kept_apart_across_incremental_rebuilds(tmp_path: Path) -> None:
    first = _feed(tmp_path / "a.jsonl", [("1", SEEDS[0])])
    second = _feed(tmp_path / "b.jsonl", [("1", SEEDS[1])])
    out = tmp_path / "out"
    build([str(first), str(second)], out, _no_problem)
    apart = f"1@{origin_tag(origin_of(str(second)))}"
    both = _texts(out)
    assert set(both) == {"1", apart}
    assert both["1"] == SEEDS[0].read_text(encoding="utf-8")[:60]
    assert both[apart] == SEEDS[1].read_text(encoding="utf-8")[:60]

    rebuilt = build([str(second)], out, _no_problem)  # only the second file: its article keeps its own id
    assert rebuilt.unchanged == [apart] and _texts(out) == both

    _feed(second, [("1", SEEDS[2])])  # the second file's article changes: its own graph follows
    rebuilt = build([str(second)], out, _no_problem)
    assert rebuilt.built == [apart]
    assert _texts(out) == {"1": both["1"], apart: SEEDS[2].read_text(encoding="utf-8")[:60]}

    rebuilt = build([str(second), str(first)], out, _no_problem)  # read in the other order: the same ids
    assert sorted(rebuilt.unchanged) == sorted(["1", apart])


def test_a_moved_file_keeps_its_ids(tmp_path: Path) -> None:
    feed = _feed(tmp_path / "a.jsonl", [("1", SEEDS[0])])
    out = tmp_path / "out"
    build([str(feed)], out, _no_problem)
    moved = feed.rename(tmp_path / "renamed.jsonl")
    rebuilt = build([str(moved)], out, _no_problem)
    assert rebuilt.unchanged == ["1"] and set(_texts(out)) == {"1"}
