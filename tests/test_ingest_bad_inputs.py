"""More bad inputs for ingest (issue 8, input robustness), beside the table in test_ingest.py.

Each class of bad input is reported once, as (file, cause), and skipped, and the run goes on:
the input over the default size cap, a megabyte on one line, HTML fragments, a half-written last
JSON line, a UTF-8 file cut short in the middle of a character, NULs in JSON text, UTF-16/32
files; and `kg build`'s summary and exit status for a corpus with such files in it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.ingest import MAX_CHARS, NOTICE, is_notice
from kg.records import Problem
from test_ingest import GOOD_TEXT, run, write

ACCENTED = (
    "The new café on the harbour front opened on Monday, and its owner, Renée Dubois, said the "
    "menu would change every week. Visitors praised the crème brûlée, said José"
)


def around(tmp_path: Path, bad: Path, **kwargs: object) -> tuple[list[str], list[Problem]]:
    """Ingest a good file, `bad`, and another good file: the ids read and the problems."""
    before = write(tmp_path / "before.txt", GOOD_TEXT)
    after = write(tmp_path / "zafter.txt", GOOD_TEXT)
    articles, problems = run([before, bad, after], **kwargs)
    return [a.id for a in articles], problems


# --- size -----------------------------------------------------------------------------------------

def test_the_default_cap_is_five_million_characters(tmp_path: Path) -> None:
    assert MAX_CHARS == 5_000_000
    bad = write(tmp_path / "huge.txt", "a" * (MAX_CHARS + 1))
    ids, problems = around(tmp_path, bad)
    assert ids == ["before", "zafter"]
    assert problems == [Problem(str(bad), f"too large: {MAX_CHARS + 1} characters")]


def test_multibyte_text_is_capped_in_characters_not_bytes(tmp_path: Path) -> None:
    """2 bytes a character: over the cap in bytes, within it in characters, so it is read."""
    text = GOOD_TEXT + "é" * 150
    path = write(tmp_path / "accents.txt", text)
    assert len(text.encode("utf-8")) > len(text) + 100
    articles, problems = run([path], max_chars=len(text))
    assert problems == [] and [a.text for a in articles] == [text]


def test_a_megabyte_on_one_line_is_one_article(tmp_path: Path) -> None:
    line = GOOD_TEXT.replace("\n", " ") * (1_000_000 // len(GOOD_TEXT))
    bad = write(tmp_path / "one-line.txt", line)
    articles, problems = run([write(tmp_path / "a.txt", GOOD_TEXT), bad, write(tmp_path / "z.txt", GOOD_TEXT)])
    assert problems == []
    assert [a.id for a in articles] == ["a", "one-line", "z"]
    assert len(articles[1].text) >= 990_000 and articles[1].body == ((0, len(line.rstrip())),)


def test_an_article_over_spacys_limit_does_not_stop_the_build(tmp_path: Path) -> None:
    from kg.pipeline import build

    corpus = tmp_path / "in"
    write(corpus / "a.txt", GOOD_TEXT)
    write(corpus / "b-long.txt", GOOD_TEXT.replace("\n", " ") * (1_000_100 // len(GOOD_TEXT) + 1))
    write(corpus / "c.txt", GOOD_TEXT)
    problems: list[Problem] = []
    summary = build([str(corpus)], tmp_path / "out", problems.append, validate=False)
    assert summary.articles >= 2 and summary.articles + summary.skipped == 3
    [long] = [p for p in problems if not is_notice(p)]
    assert long.source.endswith("b-long.txt") and long.cause.startswith("too long to parse: ")


def test_a_megabyte_without_spaces_is_no_article_text_or_an_article(tmp_path: Path) -> None:
    """One 'word' of a million letters: read or reported, once, and the run goes on."""
    ids, problems = around(tmp_path, write(tmp_path / "blob.txt", "x" * 1_000_000))
    assert ids[0] == "before" and ids[-1] == "zafter"
    assert len(ids) + len(problems) == 3


# --- HTML fragments ---------------------------------------------------------------------------------

SENTENCES = " ".join(GOOD_TEXT.split())
FRAGMENTS = [
    pytest.param(f"<p>{SENTENCES}</p>", id="one-paragraph"),
    pytest.param(f"<div><b>Council</b> news: {SENTENCES}", id="unclosed-tags"),
    pytest.param(f"<p>{SENTENCES}</p><script>document.write('<p>ad</p>')</script>", id="with-script"),
    pytest.param(f"<html><body><article><p>{SENTENCES}", id="cut-off-page"),
    pytest.param("<p>", id="lone-tag"),
    pytest.param("<!-- only a comment -->", id="comment-only"),
]


@pytest.mark.parametrize("html", FRAGMENTS)
def test_an_html_fragment_is_read_or_reported_once(tmp_path: Path, html: str) -> None:
    bad = write(tmp_path / "fragment.html", html)
    articles, problems = run([write(tmp_path / "a.txt", GOOD_TEXT), bad, write(tmp_path / "z.txt", GOOD_TEXT)])
    ids = [a.id for a in articles]
    assert ids[0] == "a" and ids[-1] == "z"
    if ids == ["a", "z"]:
        assert problems == [Problem(str(bad), "no article text found")]
    else:
        [fragment] = articles[1:-1]
        assert problems == [] and "<" not in fragment.text and "Kelby" in fragment.text


@pytest.mark.parametrize("html", FRAGMENTS)
def test_an_html_fragment_in_a_json_record(tmp_path: Path, html: str) -> None:
    path = write(tmp_path / "pages.jsonl", json.dumps({"id": "p", "html": html}) + "\n"
                 + json.dumps({"id": "q", "text": GOOD_TEXT}) + "\n")
    articles, problems = run([path])
    assert [a.id for a in articles][-1] == "q"
    assert len(articles) + len(problems) == 2
    assert all(p.cause == "line 1: no article text found" for p in problems)


# --- half-written files -----------------------------------------------------------------------------

RECORD = json.dumps({"id": "second", "text": ACCENTED, "title": "Café"}, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("cut", [
    pytest.param(RECORD[:1], id="just-a-brace"),
    pytest.param(RECORD[:5], id="in-a-key"),
    pytest.param(RECORD[:RECORD.index(b":") + 1], id="after-a-colon"),
    pytest.param(RECORD[:RECORD.index("é".encode(), RECORD.index("é".encode()) + 2) + 1], id="in-a-character"),
    pytest.param(RECORD[:-1], id="last-brace-missing"),
    pytest.param(RECORD[:-1] + b",", id="trailing-comma"),
])
@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_a_half_written_last_json_line_is_one_problem(tmp_path: Path, cut: bytes, suffix: str) -> None:
    first = json.dumps({"id": "first", "text": GOOD_TEXT}).encode()
    path = write(tmp_path / f"feed{suffix}", first + b"\n" + cut)  # no newline: the writer stopped there
    articles, problems = run([path])
    assert [a.id for a in articles] == ["first"]
    assert len(problems) == 1 and problems[0].source == str(path)
    assert problems[0].cause.startswith("line 2: malformed JSON: "), problems


def test_a_json_line_cut_in_its_first_accent_is_one_problem(tmp_path: Path) -> None:
    """Nothing but ASCII before the cut: still one problem, no decoding notice (JSON lines)."""
    first = json.dumps({"id": "first", "text": GOOD_TEXT}).encode()
    path = write(tmp_path / "feed.jsonl", first + b"\n" + RECORD[:RECORD.index("é".encode()) + 1])
    articles, problems = run([path])
    assert [a.id for a in articles] == ["first"]
    assert [p.cause.split(":")[:2] for p in problems] == [["line 2", " malformed JSON"]]


def test_a_utf8_file_cut_short_mid_character_stays_utf8(tmp_path: Path) -> None:
    """A half-written file ends in part of a character: the rest is still UTF-8, accents intact."""
    data = ACCENTED.encode("utf-8")[:-1]  # half of the final "é"
    path = write(tmp_path / "cut.txt", data)
    [article], problems = run([path])
    assert problems == []
    assert article.text == ACCENTED[:-1] and "café" in article.text and "Renée" in article.text


def test_a_legacy_file_ending_in_an_accent_is_still_decoded_as_cp1252(tmp_path: Path) -> None:
    """The cut-short rule needs UTF-8 before the cut: a cp1252 text whose only accent ends it is cp1252."""
    text = "The mayor spoke at the harbour on Monday about the new ferry timetable, said José"
    path = write(tmp_path / "legacy.txt", text.encode("cp1252"))
    [article], problems = run([path])
    assert article.text == text
    assert problems == [Problem(str(path), f"{NOTICE}not UTF-8: decoded as cp1252")]


# --- NULs, other encodings --------------------------------------------------------------------------

def test_a_nul_in_json_text_is_kept_but_many_make_it_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "nul.jsonl", json.dumps({"id": "one", "text": GOOD_TEXT.replace(" ", "\u0000", 1)})
                 + "\n" + json.dumps({"id": "many", "text": "\u0000" * 40 + GOOD_TEXT[:200]}) + "\n")
    articles, problems = run([path])
    assert [a.id for a in articles] == ["one"] and "\u0000" in articles[0].text
    assert problems == [Problem(str(path), "line 2: binary file, not text")]


LONE = "\ud83d"  # the first half of an emoji's surrogate pair: JSON can escape it, UTF-8 cannot hold it


@pytest.mark.parametrize("record", [
    pytest.param({"id": "s", "text": GOOD_TEXT.replace("Friday", f"Friday {LONE}")}, id="in-text"),
    pytest.param({"id": f"s{LONE}", "text": GOOD_TEXT, "title": f"Barrier {LONE}", "url": f"https://x.org/{LONE}"},
                 id="in-id-title-url"),
    pytest.param({"id": "s", "html": f"<html><body><article><p>{GOOD_TEXT}{LONE}</p></article></body></html>"},
                 id="in-html"),
])
def test_lone_surrogates_in_json_become_replacement_characters(tmp_path: Path, record: dict) -> None:
    """A lone surrogate used to pass ingest and crash spaCy's tokenizer (UnicodeEncodeError), ending
    the whole build: now it is U+FFFD, one character for one, and the article goes all the way."""
    from kg.extract import extract
    from kg.nlp import parse
    from kg.rdf import extraction_graph
    from kg.store import Store
    from kg.validate import validate_graph

    path = write(tmp_path / "feed.jsonl", json.dumps(record) + "\n")  # ensure_ascii: the escape "\ud83d"
    [article], problems = run([path])
    assert problems == []
    fields = [article.id, article.text, article.title or "", article.url or ""]
    assert not any("\ud800" <= c <= "\udfff" for f in fields for c in f)
    assert "\ufffd" in article.text + article.id
    graph = extraction_graph(extract(next(parse([article]))))
    assert validate_graph(graph).conforms
    with Store(None) as store:
        store.replace_article(graph)
        assert store.article_ids() == [article.id]


def test_a_lone_surrogate_in_stdin_text_keeps_the_offsets() -> None:
    import io

    text = GOOD_TEXT.replace("Friday", f"Friday{LONE}")
    [article], problems = run(["-"], stdin=io.StringIO(text))
    assert problems == [] and article.text == text.replace(LONE, "\ufffd") and len(article.text) == len(text)


@pytest.mark.parametrize("codec, name", [("utf-16", "utf_16"), ("utf-16-be", "utf_16"), ("utf-32", "utf_32")])
def test_utf16_and_utf32_with_a_byte_order_mark(tmp_path: Path, codec: str, name: str) -> None:
    data = ("\ufeff" + GOOD_TEXT).encode(codec) if codec.endswith("be") else GOOD_TEXT.encode(codec)
    path = write(tmp_path / "wide.txt", data)
    [article], problems = run([path])
    assert article.text == GOOD_TEXT
    assert problems == [Problem(str(path), f"{NOTICE}not UTF-8: decoded as {name}")] and is_notice(problems[0])


def test_a_byte_order_mark_with_broken_text_is_binary(tmp_path: Path) -> None:
    ids, problems = around(tmp_path, write(tmp_path / "broken.txt", b"\xff\xfe" + b"\x00\xd8" * 3))
    assert ids == ["before", "zafter"] and [p.cause for p in problems] == ["binary file, not text"]


# --- kg build: summary and exit status --------------------------------------------------------------

ENGLISH = ("Foreign Minister Anna Kessel met Defence Minister Piotr Rundt in Vienna on Monday. "
           "Kessel said that the talks had been constructive.\n")


@pytest.mark.parametrize("good, strict, status", [
    (True, False, 0), (True, True, 1), (False, False, 1), (False, True, 1),
])
def test_build_summary_and_exit_status(tmp_path: Path, good: bool, strict: bool, status: int) -> None:
    corpus = tmp_path / "in"
    write(corpus / "empty.txt", b"")
    write(corpus / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    write(corpus / "feed.jsonl", b'{"id": "x", "te')
    if good:
        write(corpus / "good.txt", ENGLISH)
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"),
                                       *(["--strict"] if strict else [])])
    assert result.exit_code == status, result.output
    reports = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped: ")]
    assert sorted(line.split(": ")[2].rsplit("/", 1)[1] for line in reports) == ["empty.txt", "feed.jsonl",
                                                                                 "image.txt"]
    assert result.stdout.startswith(f"articles read: {int(good)} (skipped 3, notices 0")


# --- mojibake ---------------------------------------------------------------------------------------

MOJIBAKE_ROWS = [  # (clean text, the codec it was wrongly decoded with upstream before being saved as UTF-8)
    pytest.param(ACCENTED, "cp1252", id="cp1252-accents"),
    pytest.param("The minister’s visit to Montréal “went well”, aides said. " + GOOD_TEXT, "latin-1",
                 id="latin1-curly-quotes"),
]


@pytest.mark.parametrize("clean, codec", MOJIBAKE_ROWS)
def test_mojibake_is_repaired_with_a_notice(tmp_path: Path, clean: str, codec: str) -> None:
    garbled = clean.encode("utf-8").decode(codec)
    assert garbled != clean
    articles, problems = run([write(tmp_path / "m.txt", garbled + "\n\n" + GOOD_TEXT)])
    [article] = articles
    assert article.text == clean + "\n\n" + GOOD_TEXT
    assert [p.cause for p in problems] == [f"{NOTICE}mojibake repaired (text decoded with the wrong encoding upstream)"]


def test_clean_text_with_accents_and_curly_quotes_is_left_alone(tmp_path: Path) -> None:
    text = "Renée said “the crème brûlée is naïve” — José agreed.\n\n" + GOOD_TEXT
    articles, problems = run([write(tmp_path / "c.txt", text)])
    assert articles[0].text == text and problems == []


def test_the_size_cap_is_an_option_of_kg_build(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    write(corpus / "short.txt", ENGLISH)
    write(corpus / "long.txt", ENGLISH * 20)
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"),
                                       "--max-chars", str(len(ENGLISH) * 5), "--no-validate"])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped: ")]
    assert line.split(": ")[2].endswith("long.txt") and "too large" in line


def test_an_article_kg_fails_on_is_counted_as_failed_not_skipped(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in kg on one usable input is its own count (and line), not a bad input."""
    import kg.pipeline

    real = kg.pipeline.extract

    def fragile(parsed):  # noqa: ANN001, ANN202
        if parsed.article.id == "broken":
            raise RuntimeError("a rule tripped")
        return real(parsed)

    monkeypatch.setattr(kg.pipeline, "extract", fragile)
    corpus = tmp_path / "in"
    write(corpus / "broken.txt", ENGLISH)
    write(corpus / "fine.txt", ENGLISH)
    write(corpus / "empty.txt", b"")
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("articles read: 1 (skipped 1, notices 0, failed 1, unchanged 0)")
    [failed] = [line for line in result.stderr.splitlines() if line.startswith("kg: failed: ")]
    assert "broken.txt: extraction failed: a rule tripped" in failed
    strict = CliRunner().invoke(main, ["build", str(corpus / "broken.txt"), str(corpus / "fine.txt"),
                                       "-o", str(tmp_path / "out2"), "--no-validate", "--strict"])
    assert strict.exit_code == 1


def test_a_json_error_says_where_on_its_line(tmp_path: Path) -> None:
    """The decoder's message alone may end on "at" ("invalid control character at"): the column is said."""
    path = write(tmp_path / "feed.jsonl", b'{"id": "a", "text": "bad\x01control"}\n')
    _, problems = run([path])
    assert [p.cause for p in problems] == ["line 1: malformed JSON: invalid control character at column 25"]
