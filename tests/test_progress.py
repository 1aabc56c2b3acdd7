"""The progress bar of `kg build`: drawn on a terminal, and nothing at all anywhere else."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import expected_inputs
from kg.progress import ProgressBar, build_progress

SEED = Path(__file__).resolve().parent.parent / "seeds" / "001_d0d4775d41d8c1b6.txt"


class Stream(io.StringIO):
    """A text stream that says whether it is a terminal."""

    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.mark.parametrize("total, shown", [(4, "2/4"), (None, "2article")])
def test_a_terminal_gets_count_and_rate(total: int | None, shown: str) -> None:
    stream = Stream(terminal=True)
    with ProgressBar(total, stream) as bar:
        bar.update(1)
        bar.update(1)
        bar.write("kg: skipped: x.txt: empty")
        drawn = stream.getvalue()
    assert shown in drawn.replace(" ", "") and "article/s" in drawn and "\r" in drawn
    assert "kg: skipped: x.txt: empty\n" in drawn


def test_anything_else_gets_only_the_lines_written() -> None:
    stream = Stream(terminal=False)
    with ProgressBar(4, stream) as bar:
        bar.update(3)
        bar.write("kg: skipped: x.txt: empty")
    assert stream.getvalue() == "kg: skipped: x.txt: empty\n"


def test_inputs_are_counted_only_for_a_terminal(tmp_path: Path) -> None:
    calls = []

    def count(sources):
        calls.append(list(sources))
        return 7

    assert build_progress(["a"], count, Stream(terminal=False))._bar.total is None and calls == []
    assert build_progress(["a"], count, Stream(terminal=True))._bar.total == 7 and calls == [["a"]]


def test_expected_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "image.png").write_bytes(b"x")
    assert expected_inputs([str(tmp_path)]) == 2
    assert expected_inputs([str(tmp_path), "-"]) is None
    (tmp_path / "many.jsonl").write_text("{}\n")
    assert expected_inputs([str(tmp_path)]) is None


def test_cli_build_draws_no_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"kg: skipped: {tmp_path / 'in' / 'empty.txt'}: empty\n"
    assert "\r" not in result.output and "article/s" not in result.output
