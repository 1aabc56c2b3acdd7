"""The `kg` command through click's CliRunner: build, extract, query, and bad inputs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store import open_store

ENGLISH = (
    "Foreign Minister Anna Kessel met Defence Minister Piotr Rundt in Vienna on Monday. "
    "Kessel said that the talks had been constructive and that both sides wanted calm on the border.\n"
)
QUERIES = Path(__file__).resolve().parent.parent / "queries"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ENGLISH, encoding="utf-8")
    return folder


def test_build_writes_outputs_and_summary(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "articles read: 1" in result.output
    for name in ("graph.trig", "graph.ttl", "actors.png", "store"):
        assert (out / name).exists(), name


@pytest.mark.parametrize("name, content, cause", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary"),
    ("french.txt", ("Le ministre des affaires étrangères a rencontré son homologue à Paris lundi. "
                    "Les deux hommes ont discuté de la situation à la frontière et des échanges commerciaux.\n"
                    ).encode(), "not English"),
    ("bad.jsonl", b'{"id": "a", "text": "fine"\n', "malformed JSON"),
])
def test_bad_input_is_one_line_and_the_rest_goes_on(corpus: Path, tmp_path: Path, name: str, content: bytes,
                                                    cause: str) -> None:
    (corpus / name).write_bytes(content)
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if name in line]
    assert len(lines) == 1 and cause in lines[0]
    assert "articles read: 1 (skipped 1" in result.output


def test_strict_fails_when_anything_was_skipped(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--strict"])
    assert result.exit_code == 1


def test_latin1_file_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(("Le café: " + ENGLISH).encode("latin-1"))
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0
    assert "latin1.txt" in result.stderr and "not UTF-8" in result.stderr
    assert any(json.loads(line)["relation"] == "met" for line in result.stdout.splitlines())


def test_missing_folder_alone_exits_non_zero(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nowhere" in result.stderr and "no such file" in result.stderr


# --- a build that read nothing writes nothing ---------------------------------------------------

def _files(folder: Path) -> dict[str, int]:
    """Every file under `folder` with its modification time (ns), but the store's own files
    (RocksDB rewrites its log and manifest on any open: the store's content is compared instead)
    and its lock file (which names whoever opened the store last)."""
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")
            if p.is_file() and "store" not in p.relative_to(folder).parts and not p.name.endswith(".kg-lock")}


def _content(out: Path) -> str:
    with open_store(out, read_only=True) as store:
        return "\n".join(sorted(str(quad) for quad in store._dataset()))


@pytest.mark.parametrize("inputs, stdin, why", [
    ({}, None, "{source} holds no article"),
    ({"empty.txt": b"", "binary.txt": b"\x00\x01\x02" * 50}, None,
     "every input was skipped or failed (2 skipped, 0 failed, above)"),
    (None, "", "every input was skipped or failed (1 skipped, 0 failed, above)"),
])
def test_a_build_that_reads_nothing_makes_nothing(tmp_path: Path, inputs: dict | None, stdin: str | None,
                                                  why: str) -> None:
    source = tmp_path / "in"
    if inputs is not None:
        source.mkdir()
        for name, content in inputs.items():
            (source / name).write_bytes(content)
    out = tmp_path / "new" / "out"
    result = CliRunner().invoke(main, ["build", "-" if inputs is None else str(source), "-o", str(out)], input=stdin)
    assert result.exit_code == 1 and result.stdout.startswith("articles read: 0 (")
    assert "wrote:" not in result.stdout
    why = why.format(source=source)
    assert result.stderr.splitlines()[-1] == f"kg: nothing read: {why}; nothing written to {out}"
    assert not (tmp_path / "new").exists()  # no out folder, no store, no lock file


def test_a_build_that_reads_nothing_leaves_a_store_as_it_was(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)]).exit_code == 0
    files, content = _files(out), _content(out)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("   \n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(empty), "-o", str(out)])
    assert result.exit_code == 1 and "kg: nothing read: every input was skipped" in result.stderr
    assert _files(out) == files and _content(out) == content
    again = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])  # unchanged: read, and built
    assert again.exit_code == 0 and "unchanged 1" in again.stdout and "wrote: " in again.stdout
    assert _content(out).count("endedAtTime") == content.count("endedAtTime") == 1
    assert (out / "graph.trig").stat().st_mtime_ns > files["graph.trig"]


def test_extract_jsonl_follows_the_scorer_contract(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(corpus), "--format", "jsonl"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    met = [r for r in records if r["relation"] == "met"]
    assert met and {met[0]["subject"], met[0]["object"]} == {"Anna Kessel", "Piotr Rundt"}
    for r in records:
        assert {"article", "relation", "sentence", "start", "end"} <= r.keys()
        assert ENGLISH[r["start"]:r["end"]] == r["sentence"]


def test_extract_table_is_readable(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(corpus), "--format", "table"])
    assert "met\tAnna Kessel | Piotr Rundt\tmet-verb" in result.stdout


def test_every_statement_names_its_rule(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(corpus), "--format", "jsonl"])
    rules = {json.loads(line)["rule"] for line in result.stdout.splitlines()}
    listed = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert rules and rules <= {r["id"] for r in json.loads(listed.stdout)}


def test_rules_lists_each_rule_with_its_relation() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert ["met-verb", "met", "0.85", "meetings.yml"] in [row[:4] for row in rows]


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_shipped_met(corpus: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    result = CliRunner().invoke(main, ["query", str(out), str(QUERIES / "met.rq"), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "Anna Kessel" in result.stdout and "Piotr Rundt" in result.stdout


def test_invalid_sparql_is_one_clear_line(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    result = CliRunner().invoke(main, ["query", str(out), "SELEKT nothing"])
    assert result.exit_code != 0
    assert result.stderr.strip().splitlines() == [
        "Error: SPARQL syntax error at line 1, column 1: unexpected 'SELEKT'; did you mean SELECT?"]


def test_query_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(tmp_path / "none"), "ASK {}"])
    assert result.exit_code != 0 and "none" in result.stderr


def test_validate_a_built_store(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 article graphs and their union checked: conforms" in result.stdout


def test_validate_reports_a_broken_graph(corpus: Path, tmp_path: Path) -> None:
    from kg.store import open_store

    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    with open_store(out) as store:  # a meeting that lost a participant
        store.update("DELETE { GRAPH ?g { ?e sem:hasActor ?a } } WHERE { GRAPH ?g { ?e sem:eventType kg:Meeting ; "
                     "sem:hasActor ?a . FILTER(CONTAINS(STR(?a), 'rundt')) } }")
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 1
    assert "violations" in result.stdout and "hasActor" in result.stdout


@pytest.mark.parametrize("args, expected", [
    (["actors"], "Anna Kessel"),
    (["actor", "{out}", "kessel"], "label"),
    (["conflicts"], "(0 rows)"),
])
def test_resolution_commands(corpus: Path, tmp_path: Path, args: list[str], expected: str) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    argv = [args[0], str(out)] + [a for a in args[2:]] if len(args) > 1 else [args[0], str(out)]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    assert expected in result.stdout
