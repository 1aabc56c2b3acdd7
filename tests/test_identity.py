"""Article ids (issues 17 and 18): where they come from (`--id-from`), capped in length, and never
taken over: the same id from two inputs with two texts is kept apart, with a note naming both,
the same way on every build, so that rebuilding one of the inputs never replaces the other's article."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.ingest import ID_FROM, MAX_ID_CHARS, capped_id, hash_id, is_notice, iter_articles, origin_of, origin_tag
from kg.pipeline import build
from kg.records import Problem
from kg.store import Store

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
#: short articles, quick to parse, each a text of its own
TEXTS = (
    "Foreign Minister Anna Kessel met Defence Minister Piotr Rundt in Vienna on Monday. "
    "Kessel said that the talks had been constructive.\n",
    "President Maria Lind phoned Prime Minister Tomas Berg on Tuesday. Lind condemned the attack on the border.\n",
    "Mayor Ruth Okafor met the transport minister, Daniel Park, in Lagos on Friday to discuss the new rail line.\n",
)
URL = "https://news.example.org/2024/03/kessel-meets-rundt"


def _no_problem(problem) -> None:  # noqa: ANN001
    raise AssertionError(problem)


def _feed(path: Path, records: list[tuple[str, Path]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": seed.read_text(encoding="utf-8")}) + "\n"
                            for i, seed in records), encoding="utf-8")
    return path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _texts(out: Path) -> dict[str, str]:
    """Article id -> the start of the text its stored graph holds."""
    with Store(out / "store") as store:
        rows = store.query("SELECT ?id ?text WHERE { ?a schema:identifier ?id . ?c nif:sourceUrl ?a ; "
                           "nif:isString ?text }").rows
    return {str(i): str(t)[:60] for i, t in rows}


# --- where ids come from: one row per kind of input and --id-from value ----------------------------

def _jsonl_with_url(root: Path) -> tuple[list[str], str | None]:
    _write(root / "corpus" / "news" / "feed.jsonl", json.dumps({"url": URL, "text": TEXTS[0]}) + "\n")
    return [str(root / "corpus")], None


def _jsonl_with_id(root: Path) -> tuple[list[str], str | None]:
    _write(root / "corpus" / "news" / "feed.jsonl", json.dumps({"id": "k1", "url": URL, "text": TEXTS[0]}) + "\n")
    return [str(root / "corpus")], None


def _same_stem_in_subfolders(root: Path) -> tuple[list[str], str | None]:
    _write(root / "corpus" / "a" / "story.txt", TEXTS[0])
    _write(root / "corpus" / "b" / "story.txt", TEXTS[1])
    return [str(root / "corpus")], None


def _html_page(root: Path) -> tuple[list[str], str | None]:
    _write(root / "corpus" / "news" / "page.html", f'<html><head><link rel="canonical" href="{URL}"></head>'
                                                   f"<body><article><p>{TEXTS[0]}</p></article></body></html>")
    return [str(root / "corpus")], None


def _stdin(root: Path) -> tuple[list[str], str | None]:
    return ["-"], TEXTS[0]


INPUTS = {"jsonl-url": _jsonl_with_url, "jsonl-id": _jsonl_with_id, "same-stem": _same_stem_in_subfolders,
          "html": _html_page, "stdin": _stdin}
#: (input, --id-from, the ids read); "#N" is the hash of TEXTS[N], "@b" the tag of corpus/b/story.txt
ROWS = [
    ("jsonl-url", "auto", [URL]), ("jsonl-url", "url", [URL]), ("jsonl-url", "path", ["news/feed-1"]),
    ("jsonl-url", "stem", ["feed-1"]), ("jsonl-url", "hash", ["#0"]),
    ("jsonl-id", "auto", ["k1"]), ("jsonl-id", "url", [URL]), ("jsonl-id", "path", ["news/feed-1"]),
    ("jsonl-id", "stem", ["feed-1"]), ("jsonl-id", "hash", ["#0"]),
    ("same-stem", "auto", ["a/story", "b/story"]), ("same-stem", "url", ["a/story", "b/story"]),
    ("same-stem", "path", ["a/story", "b/story"]), ("same-stem", "stem", ["story", "story@b"]),
    ("same-stem", "hash", ["#0", "#1"]),
    ("html", "auto", ["news/page"]), ("html", "url", [URL]), ("html", "stem", ["page"]),  # a page's url: only asked
    *[("stdin", id_from, ["#0"]) for id_from in ID_FROM],  # no url, no path: the text's hash
]


def _expected(ids: list[str], root: Path) -> list[str]:
    tag = origin_tag(origin_of(str(root / "corpus" / "b" / "story.txt")))
    return [hash_id(TEXTS[int(i[1:])]) if i.startswith("#") else i.replace("@b", f"@{tag}") for i in ids]


@pytest.mark.parametrize(("kind", "id_from", "ids"), ROWS, ids=[f"{k}-{i}" for k, i, _ in ROWS])
def test_where_ids_come_from(tmp_path: Path, kind: str, id_from: str, ids: list[str]) -> None:
    sources, stdin = INPUTS[kind](tmp_path)
    problems: list[Problem] = []
    articles = list(iter_articles(sources, problems.append, stdin=io.StringIO(stdin or ""), id_from=id_from))
    assert [a.id for a in articles] == _expected(ids, tmp_path)
    assert [a.text.strip() for a in articles] == [t.strip() for t in TEXTS[:len(ids)]]
    if any("@" in i for i in ids):  # kept apart: one note, naming both inputs
        [note] = problems
        assert is_notice(note) and note.source == str(tmp_path / "corpus" / "b" / "story.txt")
        assert str(tmp_path / "corpus" / "a" / "story.txt") in note.cause and "kept apart" in note.cause
    else:
        assert problems == []


def test_an_unknown_id_from_is_refused() -> None:
    with pytest.raises(ValueError, match="id_from must be one of auto, url, path, stem, hash"):
        list(iter_articles(["-"], _no_problem, stdin=io.StringIO(TEXTS[0]), id_from="name"))


def test_ids_are_the_same_from_any_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _same_stem_in_subfolders(tmp_path)
    monkeypatch.chdir(tmp_path)
    relative = [a.id for a in iter_articles(["corpus"], _no_problem)]
    monkeypatch.chdir(tmp_path / "corpus" / "a")
    assert [a.id for a in iter_articles([str(tmp_path / "corpus")], _no_problem)] == relative == ["a/story", "b/story"]
    assert [a.id for a in iter_articles(["../../corpus/"], _no_problem)] == relative


def test_the_same_id_with_the_same_text_is_read_once(tmp_path: Path) -> None:
    _write(tmp_path / "corpus" / "a" / "x.txt", TEXTS[0])
    _write(tmp_path / "corpus" / "b" / "x.txt", TEXTS[0])  # a copy: with --id-from hash, the same id
    problems: list[Problem] = []
    articles = list(iter_articles([str(tmp_path / "corpus")], problems.append, id_from="hash"))
    assert [a.id for a in articles] == [hash_id(TEXTS[0])]
    [note] = problems
    assert note.source == str(tmp_path / "corpus" / "b" / "x.txt") and "read once" in note.cause
    assert str(tmp_path / "corpus" / "a" / "x.txt") in note.cause


def test_a_repeated_id_in_one_feed_with_another_text_is_numbered_and_noted(tmp_path: Path) -> None:
    feed = _write(tmp_path / "feed.jsonl", "".join(json.dumps({"id": "k", "text": t}) + "\n"
                                                   for t in (TEXTS[0], TEXTS[1], TEXTS[0])))
    problems: list[Problem] = []
    assert [a.id for a in iter_articles([str(feed)], problems.append)] == ["k", "k-2"]
    assert [(p.source, p.cause) for p in problems] == [
        (str(feed), f'notice: line 2: id "k" is already that of {feed}:1, another text: kept apart as "k-2"'),
        (str(feed), f'notice: line 3: the same text as {feed}:1, under the same id "k": read once'),
    ]


# --- through builds: stdin, same stems, stored ids ----------------------------------------------------

@pytest.mark.parametrize(("second", "kept"), [(TEXTS[1], 2), (TEXTS[0], 1)], ids=["different-text", "same-text"])
def test_stdin_twice(tmp_path: Path, second: str, kept: int) -> None:
    out = tmp_path / "out"
    first = build(["-"], out, _no_problem, stdin=io.StringIO(TEXTS[0]))
    again = build(["-"], out, _no_problem, stdin=io.StringIO(second))
    assert first.built == [hash_id(TEXTS[0])]
    stored = _texts(out)
    assert len(stored) == kept and stored[hash_id(TEXTS[0])] == TEXTS[0][:60]  # the first is never replaced
    if kept == 2:
        assert again.built == [hash_id(second)] and stored[hash_id(second)] == second[:60]
    else:  # the same text: the same id, and nothing parsed
        assert again.built == [] and again.unchanged == [hash_id(TEXTS[0])]


def test_an_id_read_from_stdin_again_with_another_text_replaces_its_article_with_a_note(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(["-"], out, _no_problem, stdin=io.StringIO(json.dumps({"id": "k", "text": TEXTS[0]}) + "\n"))
    notes: list[Problem] = []
    again = build(["-"], out, notes.append, stdin=io.StringIO(json.dumps({"id": "k", "text": TEXTS[1]}) + "\n"))
    assert again.built == ["k"] and _texts(out) == {"k": TEXTS[1][:60]}  # stdin is one input: an edit
    assert [(p.source, p.cause) for p in notes] == [
        ("-", 'notice: line 1: id "k" is already that of the stored article read from stdin, another text: '
              "replaced (stdin is one input, and an id it gives again is that article edited)")]


def test_same_stems_in_subfolders_build_apart_and_rebuild_unchanged(tmp_path: Path) -> None:
    sources, _ = _same_stem_in_subfolders(tmp_path)
    out = tmp_path / "out"
    first = build(sources, out, _no_problem)
    assert sorted(first.built) == ["a/story", "b/story"]
    assert _texts(out) == {"a/story": TEXTS[0][:60], "b/story": TEXTS[1][:60]}
    again = build(sources, out, _no_problem)
    assert again.built == [] and sorted(again.unchanged) == ["a/story", "b/story"]


def test_a_stored_id_from_another_file_with_another_text_is_noted_and_kept_apart(tmp_path: Path) -> None:
    first = _write(tmp_path / "a" / "story.txt", TEXTS[0])
    second = _write(tmp_path / "b" / "story.txt", TEXTS[1])
    out = tmp_path / "out"
    build([str(first)], out, _no_problem)
    problems: list[Problem] = []
    summary = build([str(second)], out, problems.append)
    apart = f"story@{origin_tag(origin_of(str(second)))}"
    assert summary.built == [apart] and _texts(out) == {"story": TEXTS[0][:60], apart: TEXTS[1][:60]}
    [note] = problems
    assert note.source == str(second) and str(first.resolve()) in note.cause and apart in note.cause
    problems.clear()
    third = _write(tmp_path / "c" / "story.txt", TEXTS[0])  # the stored text under the same id: that article
    assert build([str(third)], out, problems.append).unchanged == ["story"] and problems == []


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
    notes: list[Problem] = []
    build([str(first), str(second)], out, notes.append)
    apart = f"1@{origin_tag(origin_of(str(second)))}"
    assert [(p.source, p.cause) for p in notes] == [
        (str(second), f'notice: line 1: id "1" is already that of {first}:1, another text: kept apart as "{apart}"')]
    both = _texts(out)
    assert set(both) == {"1", apart}
    assert both["1"] == SEEDS[0].read_text(encoding="utf-8")[:60]
    assert both[apart] == SEEDS[1].read_text(encoding="utf-8")[:60]

    rebuilt = build([str(second)], out, notes.append)  # only the second file: its article keeps its own id
    assert rebuilt.unchanged == [apart] and _texts(out) == both
    assert str(first.resolve()) in notes[-1].cause  # the stored article it is kept apart from

    _feed(second, [("1", SEEDS[2])])  # the second file's article changes: its own graph follows
    rebuilt = build([str(second)], out, notes.append)
    assert rebuilt.built == [apart]
    assert _texts(out) == {"1": both["1"], apart: SEEDS[2].read_text(encoding="utf-8")[:60]}

    before = _texts(out)
    rebuilt = build([str(second), str(first)], out, notes.append)  # read in the other order: the same ids
    # ("1" may be extracted again: the build before could not, when the seeds' merges changed)
    assert sorted(rebuilt.unchanged + rebuilt.built) == sorted(["1", apart]) and _texts(out) == before


def test_a_moved_file_keeps_its_ids(tmp_path: Path) -> None:
    feed = _feed(tmp_path / "a.jsonl", [("1", SEEDS[0])])
    out = tmp_path / "out"
    build([str(feed)], out, _no_problem)
    moved = feed.rename(tmp_path / "renamed.jsonl")
    rebuilt = build([str(moved)], out, _no_problem)
    assert rebuilt.unchanged == ["1"] and set(_texts(out)) == {"1"}


# --- through the command line --------------------------------------------------------------------------

@pytest.mark.parametrize(("second", "kept"), [(TEXTS[1], 2), (TEXTS[0], 1)], ids=["different-text", "same-text"])
def test_kg_build_from_stdin_twice(tmp_path: Path, second: str, kept: int) -> None:
    out = tmp_path / "out"
    for text in (TEXTS[0], second):
        result = CliRunner().invoke(main, ["build", "-", "-o", str(out)], input=text)
        assert result.exit_code == 0 and result.stderr == "", result.output
    assert "unchanged 1" in result.stdout if kept == 1 else "unchanged 0" in result.stdout
    assert sorted(_texts(out)) == sorted({hash_id(TEXTS[0]), hash_id(second)})


def test_kg_build_notes_a_kept_apart_id_on_one_line_naming_both_files(tmp_path: Path) -> None:
    sources, _ = _same_stem_in_subfolders(tmp_path)
    result = CliRunner().invoke(main, ["build", *sources, "-o", str(tmp_path / "out"), "--id-from", "stem"])
    assert result.exit_code == 0, result.output
    [line] = result.stderr.splitlines()
    first, second = tmp_path / "corpus" / "a" / "story.txt", tmp_path / "corpus" / "b" / "story.txt"
    assert line.startswith(f"kg: note: {second}: ") and f"already that of {first}," in line
    assert "notices 1" in result.stdout and sorted(_texts(tmp_path / "out"))[0] == "story"


@pytest.mark.parametrize(("id_from", "article"), [("auto", "k1"), ("url", URL), ("path", "news/feed-1"),
                                                  ("stem", "feed-1"), ("hash", "#0")])
def test_kg_extract_id_from(tmp_path: Path, id_from: str, article: str) -> None:
    sources, _ = _jsonl_with_id(tmp_path)
    result = CliRunner().invoke(main, ["extract", *sources, "--format", "jsonl", "--id-from", id_from])
    assert result.exit_code == 0 and result.stderr == "", result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["article"] for r in records} == set(_expected([article], tmp_path))


def test_kg_build_refuses_an_unknown_id_from(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-", "-o", str(tmp_path / "out"), "--id-from", "name"],
                                input=TEXTS[0])
    assert result.exit_code == 2 and "'name' is not one of 'auto', 'url', 'path', 'stem', 'hash'" in result.stderr
