"""Every `kg` example of README.md runs as written on the demo corpus.

The convention, in README.md:

- an example is a line starting with `kg ` in a ```sh block; they run in README order, through
  click's CliRunner, in a scratch folder holding `seeds/` and `queries/` (links to the
  repository's) and `out/`, a copy of the store built once from seeds/, so that an example that
  changes the store (an update, `kg remove`, the corrections) changes it for those after it;
- `# ...` ends an example, as in the shell; `> FILE` saves what it prints into FILE;
- `<!-- readme-test: skip (WHY) -->` on the line before a block: none of its examples runs;
  `<!-- readme-test: skip "kg serve" "kg query http://" (WHY) -->`: only those starting so;
- `<!-- readme-test: gold.json -->` on the line before a ```json block: saved as gold.json;
- each example must exit with 0 and print something; one that prints a table of no rows must
  say why in its comment ("none in seeds/").

A command that takes --registry is given a scratch copy of ontology/actors.ttl, so that the
corrections (kg merge, split, ignore, rename) write nothing into the repository.
"""
from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.resolve import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
_MARKER = re.compile(r"<!--\s*readme-test:\s*(.*?)\s*-->")
_NO_ROWS = "(0 rows)"
#: what an example's comment says when it rightly prints no rows on the demo corpus.
_NONE_IN_SEEDS = "none in seeds/"


@dataclass(frozen=True)
class Example:
    """One `kg` line of README.md: where it is, what it says, and why it is not run (if so)."""

    line: int
    text: str
    skip: str | None = None


def read_readme(path: Path = README) -> tuple[list[Example], dict[str, str]]:
    """The examples of `path` in order, and the files its marked blocks give (name -> text)."""
    examples: list[Example] = []
    files: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    block: str | None = None  # the language of the block we are in
    marker: str | None = None
    body: list[str] = []
    for number, line in enumerate(lines, 1):
        if block is None:
            if line.startswith("```"):
                block, body = line[3:].strip(), []
                found = _MARKER.fullmatch(lines[number - 2].strip()) if number > 1 else None
                marker = found[1] if found else None
            continue
        if line.startswith("```"):
            if marker is not None and not marker.startswith("skip"):
                files[marker] = "\n".join(body) + "\n"
            block = None
            continue
        body.append(line)
        if block == "sh" and line.startswith("kg "):
            examples.append(Example(number, line, _skipped(line, marker)))
    return examples, files


def _skipped(line: str, marker: str | None) -> str | None:
    """Why the marker of its block says not to run `line`, or None."""
    if marker is None or not marker.startswith("skip"):
        return None
    prefixes = re.findall(r'"([^"]+)"', marker)
    why = re.search(r"\(([^)]*)\)\s*$", marker)
    if prefixes and not any(line.startswith(p) for p in prefixes):
        return None
    return why[1] if why else "marked in README.md"


EXAMPLES, FILES = read_readme()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`out/` built once from seeds/ (with a scratch registry)."""
    folder = tmp_path_factory.mktemp("built")
    registry = folder / "actors.ttl"
    shutil.copyfile(REGISTRY, registry)
    result = CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "-o", str(folder / "out"),
                                       "--registry", str(registry)])
    assert result.exit_code == 0, result.output
    return folder / "out"


@pytest.fixture(scope="module")
def workspace(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the examples run in: seeds/ and queries/, a copy of out/, a scratch registry
    and the files README.md gives (gold.json)."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(built, folder / "out")
    for name in ("seeds", "queries"):
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copyfile(REGISTRY, folder / "actors.ttl")
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_readme_has_its_examples_and_its_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "```sh\nmake run    #" in text and "\nmake test   #" in text
    assert len([e for e in EXAMPLES if e.skip is None]) >= 40 and "gold.json" in FILES
    assert all("ARTICLES" not in e.text.split("#")[0] for e in EXAMPLES if e.skip is None)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"README.md:{e.line}: {e.text.split('#')[0].strip()}")
def test_example_runs_as_written(example: Example, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if example.skip is not None:
        pytest.skip(f"README.md says: {example.skip}")
    words = shlex.split(example.text, comments=True)
    into = None
    if ">" in words:
        at = words.index(">")
        words, into = words[:at], words[at + 1]
    assert words[0] == "kg"
    command = main.commands[words[1]]
    if any(param.name == "registry" for param in command.params):
        words += ["--registry", str(workspace / "actors.ttl")]
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(main, words[1:])
    assert result.exit_code == 0, f"{example.text}\n{result.output}"
    assert result.stdout.strip(), f"{example.text}: printed nothing\n{result.stderr}"
    if into is not None:
        (workspace / into).write_text(result.stdout, encoding="utf-8")
    if result.stdout.rstrip().endswith(_NO_ROWS):
        assert _NONE_IN_SEEDS in example.text, f"{example.text}: no rows, and the README does not say why"
