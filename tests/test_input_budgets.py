"""Issue 17, inputs that stalled or crashed a build: each reproduction, kept as a regression test.

No test times anything: "does not stall" is asserted as bounded work (the text the HTML parser
or spaCy is given holds no tag or run past its limit), and a per-article budget is shown to
stop an article with a budget far below any article's cost.
"""
from __future__ import annotations

import io
import os
import re
import sys
import threading
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg.budget
import kg.pipeline
from kg.cli import main
from kg.draw import draw_relationships, draw_timeline
from kg.ingest import MAX_TAG_ATTRIBUTES, MAX_TAG_CHARS, _without_edge_junk, bounded_tags, iter_articles
from kg.nlp import MAX_SYMBOL_RUN, cut_symbol_runs, parser_text
from kg.pipeline import extract_articles
from kg.records import Article, Problem
from test_ingest import GOOD_TEXT, write

LEAD = "Foreign Minister Anna Kessel met President Ivo Stan in Vienna on Monday to discuss the harbour.\n"
PARAGRAPH = f"<p>{LEAD}</p><p>{GOOD_TEXT}</p>"


def build(tmp_path: Path, *sources: Path | str) -> tuple[int, list[str], list[str]]:
    """`kg build SOURCES` into tmp_path/out: exit code, stdout lines, stderr lines."""
    result = CliRunner().invoke(main, ["build", *map(str, sources), "-o", str(tmp_path / "out"), "--no-validate"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def longest_symbol_run(text: str) -> int:
    """The longest run of characters that are neither letters, digits nor spaces."""
    longest = run = 0
    for char in text:
        run = run + 1 if not (char.isalnum() or char.isspace()) else 0
        longest = max(longest, run)
    return longest


# --- an HTML tag with 300,000 attributes ----------------------------------------------------------

def attribute_heavy_page(attributes: int) -> str:
    return ("<html><body><article><div " + " ".join(f'attr{i:06d}="v"' for i in range(attributes)) + ">"
            + PARAGRAPH + "</div></article></body></html>")


def test_a_tag_with_300000_attributes_reaches_the_html_parser_without_them(tmp_path: Path) -> None:
    page = attribute_heavy_page(300_000)  # 4.5 MB: under the size cap
    bounded = bounded_tags(page)
    assert len(bounded) < 5_000 and "<div>" in bounded
    path = write(tmp_path / "attributes.html", page.encode())
    problems: list[Problem] = []
    [article] = iter_articles([str(path)], problems.append)
    assert "Anna Kessel met President Ivo Stan" in article.text and problems == []


@pytest.mark.parametrize("tag", [
    '<p class="lead" id=x data-n=\'1\'>', '<a href="x>y">', "<img src=a.png alt>", "<br/>",
    "<div " + " ".join(f"a{i}=1" for i in range(MAX_TAG_ATTRIBUTES)) + ">",
    '<meta content="' + "x" * (MAX_TAG_CHARS - 20) + '">',
])
def test_ordinary_tags_are_left_as_they_are(tag: str) -> None:
    assert bounded_tags(f"<html>{tag}text</html>") == f"<html>{tag}text</html>"


def test_a_tag_too_long_or_with_too_many_attributes_keeps_only_its_name() -> None:
    many = "<div " + " ".join(f"a{i}" for i in range(MAX_TAG_ATTRIBUTES + 1)) + ">"
    assert bounded_tags(f"{many}x</div>") == "<div>x</div>"
    assert bounded_tags(f'<span title="{"y" * MAX_TAG_CHARS}">x') == "<span>x"


# --- runs of punctuation before spaCy --------------------------------------------------------------

@pytest.mark.parametrize("run", [")" * 10_000, "&" * 20_000, "(\"" * 5_000, "_" * 8_000, "🇺🇦" * 3_000])
def test_the_parser_gets_no_long_run_of_punctuation_and_offsets_stay(run: str) -> None:
    text = LEAD + run + "\n" + LEAD
    seen = parser_text(Article("runs", "urn:x", text))
    assert len(seen) == len(text) and seen.count("\n") == text.count("\n")
    assert longest_symbol_run(seen) <= MAX_SYMBOL_RUN
    assert seen.startswith(LEAD) and seen.endswith(LEAD)


def test_short_runs_of_punctuation_are_left_alone() -> None:
    text = "Kessel said: \"No!!!\" ... (see p. 3) -- " + "=" * MAX_SYMBOL_RUN + " https://x.org/a?b=c&d=e"
    assert cut_symbol_runs(text) == text


def test_a_line_of_10000_parentheses_builds_like_any_article(tmp_path: Path) -> None:
    path = write(tmp_path / "parens.txt", (LEAD + ")" * 10_000 + "\n" + GOOD_TEXT).encode())
    status, out, err = build(tmp_path, path)
    assert status == 0 and err == [] and out[0].startswith("articles read: 1 (skipped 0")


# --- files that are no ordinary file --------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_loop_in_a_folder_is_one_line_each_and_the_build_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    write(corpus / "good.txt", GOOD_TEXT.encode())
    (corpus / "self.txt").symlink_to("self.txt")
    (corpus / "a.txt").symlink_to("b.txt")
    (corpus / "b.txt").symlink_to("a.txt")
    (corpus / "nowhere.txt").symlink_to("missing.txt")
    status, out, err = build(tmp_path, corpus, corpus / "self.txt")
    assert status == 0 and out[0].startswith("articles read: 1 (skipped 5")
    assert len(err) == 5 and all(line.startswith("kg: skipped: ") for line in err), err
    assert sum("too many levels of symbolic links" in line for line in err) == 4
    assert any(line.endswith("nowhere.txt: cannot read: no such file or directory") for line in err), err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_on_the_command_line_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)  # no writer: reading it would block for ever
    good = write(tmp_path / "good.txt", GOOD_TEXT.encode())
    status, out, err = build(tmp_path, fifo, good)
    assert status == 0 and out[0].startswith("articles read: 1 (skipped 1")
    assert err == [f"kg: skipped: {fifo}: not a regular file (a FIFO): give - to read from stdin"]


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="file names must be bytes on this system")
def test_a_file_name_that_is_not_utf8_is_read_under_an_escaped_name(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (Path(os.fsdecode(bytes(corpus) + b"/bad\xff\xfe.txt"))).write_text(GOOD_TEXT, encoding="utf-8")
    write(corpus / "good.txt", (LEAD + GOOD_TEXT).encode())
    status, out, err = build(tmp_path, corpus)
    assert status == 0 and out[0].startswith("articles read: 2 (skipped 0, notices 1")
    assert err == [f"kg: note: {corpus}/bad\\xff\\xfe.txt: file name is not UTF-8: its odd bytes are escaped "
                   "(\\xNN) in the article id"]
    ids = CliRunner().invoke(main, ["query", str(tmp_path / "out"), "--format", "csv",
                                    "SELECT ?id WHERE { ?a schema:identifier ?id } ORDER BY ?id"]).stdout
    assert "bad\\xff\\xfe" in ids


def test_an_unreadable_file_is_one_line_and_the_build_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(Run as root, chmod 000 still reads: the refusal is made by the file system call itself.)"""
    corpus = tmp_path / "in"
    secret = write(corpus / "secret.txt", GOOD_TEXT.encode())
    write(corpus / "good.txt", GOOD_TEXT.encode())
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    status, out, err = build(tmp_path, corpus)
    assert status == 0 and out[0].startswith("articles read: 1 (skipped 1")
    assert err == [f"kg: skipped: {secret}: cannot read: permission denied"]


# --- math markup in labels ---------------------------------------------------------------------------

def dollar_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("a", label="Anna $\\frac{x}{$ Kessel", kind="person")
    graph.add_node("b", label="the $\\frac{x}{$ attack", kind="target")
    graph.add_edge("a", "b", key="condemned", relation="condemned", events=1, articles=1, dates=["2024-03-01"])
    return graph


@pytest.mark.parametrize("draw", [draw_relationships, draw_timeline])
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_labels_with_dollar_signs_are_drawn_as_plain_text(draw, suffix: str, tmp_path: Path) -> None:  # noqa: ANN001
    written = draw(dollar_graph(), tmp_path / f"picture{suffix}")
    assert written.stat().st_size > 0
    if suffix == ".svg":
        assert "$\\frac{x}{$" in written.read_text(encoding="utf-8")


def test_a_dollar_label_from_an_article_draws_and_every_rebuild_succeeds(tmp_path: Path) -> None:
    article = write(tmp_path / "in" / "dollar.txt", (
        "Foreign Minister Anna Kessel condemned the $\\frac{x}{$ attack in Vienna on Monday, officials said.\n"
        + LEAD).encode())
    for _ in range(2):
        status, out, err = build(tmp_path, article)
        assert status == 0 and err == [] and not any(line.startswith("not drawn") for line in out), out
        assert (tmp_path / "out" / "actors.png").stat().st_size > 0


def test_a_picture_that_fails_to_draw_never_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(graph, path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise ValueError("the renderer\nfell over")

    monkeypatch.setattr(kg.pipeline, "draw_relationships", broken)
    article = write(tmp_path / "in" / "a.txt", (LEAD + GOOD_TEXT).encode())
    status, out, err = build(tmp_path, article)
    assert status == 0 and err == []
    assert f"not drawn: {tmp_path / 'out' / 'actors.png'}: the renderer fell over" in out
    for name in ("graph.trig", "graph.ttl", "actors.html", "store"):
        assert (tmp_path / "out" / name).exists(), name
    assert not (tmp_path / "out" / "actors.png").exists()
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.endswith(".part")] == []


# --- a time budget per article ----------------------------------------------------------------------

def articles(*texts: str) -> list[Article]:
    return [Article(f"a{i}", f"urn:a{i}", text, source=f"a{i}.txt") for i, text in enumerate(texts)]


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_over_its_time_budget_is_reported_and_the_next_goes_on(workers: int) -> None:
    """A budget of a millisecond stops any article's parse; one of none lets the same ones through,
    in one process and in several."""
    corpus = articles(LEAD * 200, LEAD)
    stopped = list(extract_articles(corpus, workers=workers, budget=0.001))
    assert [type(r) for r in stopped] == [Problem, Problem]
    assert all(r.failure and r.cause.startswith("left out: parsing and extraction took longer than 0.001 s")
               for r in stopped)
    assert [r.source for r in stopped] == ["a0.txt", "a1.txt"]
    done = list(extract_articles(corpus, workers=workers, budget=0))
    assert [r.article.id for r in done] == ["a0", "a1"]


class _SwallowsOnce:
    """Runs a loop that ends when the budget's exception arrives and drops it, as Python drops an
    exception raised inside a weakref callback or a `__del__`."""

    def __call__(self) -> None:
        try:
            while True:
                pass
        except kg.budget.OverBudget:
            pass


def test_a_budget_exception_swallowed_where_it_landed_is_raised_when_the_body_ends() -> None:
    with pytest.raises(kg.budget.OverBudget):
        with kg.budget.time_limit(0.01):
            _SwallowsOnce()()


def test_a_body_within_its_budget_raises_nothing() -> None:
    with kg.budget.time_limit(5.0):
        total = sum(range(1000))
    assert total == 499500


def test_the_budget_stops_a_stalled_extraction_in_a_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article whose extraction never ends is one line, counted as failed; the others are built."""
    real = kg.pipeline.extract

    def stalls(parsed):  # noqa: ANN001, ANN202
        while parsed.article.id == "stalls":
            pass
        return real(parsed)

    monkeypatch.setattr(kg.pipeline, "extract", stalls)
    monkeypatch.setattr(kg.budget, "ARTICLE_SECONDS", 2.0)
    corpus = tmp_path / "in"
    write(corpus / "stalls.txt", (LEAD + GOOD_TEXT).encode())
    write(corpus / "zfine.txt", (LEAD + GOOD_TEXT).encode())
    status, out, err = build(tmp_path, corpus)
    assert status == 0 and out[0].startswith("articles read: 1 (skipped 0, notices 0, failed 1")
    assert err == [f"kg: failed: {corpus / 'stalls.txt'}: left out: parsing and extraction took longer than 2 s, "
                   "the time budget of one article"]


# --- page furniture of a punctuation-heavy page -----------------------------------------------------

def finishes(work, seconds: float = 60.0) -> bool:  # noqa: ANN001
    """Whether `work()` returns within `seconds` (a guard against a hang, far above its real cost)."""
    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(seconds)
    return not worker.is_alive()


def test_a_line_of_200000_parentheses_between_letters_is_read_in_linear_time() -> None:
    """The furniture rules stripped a line's punctuation at its end with a regex that tried every
    position again: 20,000 ")" between two letters took 10 s, a 4.75 MB page ran past 600 s."""
    line = "x" + ")" * 200_000 + "x"
    assert _without_edge_junk(line) == line
    read: list[Article] = []
    assert finishes(lambda: read.extend(iter_articles(["-"], print, stdin=io.StringIO(LEAD + line + "\n" + GOOD_TEXT))))
    assert len(read) == 1


@pytest.mark.parametrize("text", ["", "—", "12. Related stories »", "© 2024 Acme", "(x)", "...", "a", " 3 comments ",
                                  "»»»x", "_a_", "5", "x" + ")" * 100 + "x", ")" * 50])
def test_edge_junk_is_stripped_as_before(text: str) -> None:
    before = re.compile(r"^(?:[^\w©]|[\d_])+|(?:[^\w©]|[\d_])+$")
    assert _without_edge_junk(text) == before.sub("", text)
