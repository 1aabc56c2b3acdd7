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
    assert f"kept (store unchanged): {out / 'graph.trig'}" in again.stdout  # the store changed in its build record only


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


# --- outputs: which, and only when the store changed ---------------------------------------------

OUTPUT_FILES = ("graph.trig", "graph.ttl", "actors.png", "actors.html")
SECOND = "Prime Minister Lena Varga phoned President Omar Haddad on Tuesday about the border talks.\n"


def _build(corpus: Path, out: Path, *options: str) -> str:
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def _outputs(out: Path) -> dict[str, int]:
    """Each output file there is, with its modification time (ns)."""
    return {name: (out / name).stat().st_mtime_ns for name in OUTPUT_FILES if (out / name).exists()}


def test_an_unchanged_rebuild_keeps_every_output(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(corpus, out)
    before = _outputs(out)
    printed = _build(corpus, out)
    assert _outputs(out) == before and len(before) == 4
    assert [line for line in printed.splitlines() if line.startswith(("kept", "wrote"))] == [
        *(f"kept (store unchanged): {out / name}" for name in OUTPUT_FILES), f"wrote: {out / 'store'}"]


ALL = set(OUTPUT_FILES)


@pytest.mark.parametrize("change, rewritten", [
    pytest.param(lambda corpus, out: (corpus / "third.txt").write_text(ENGLISH.replace("Vienna", "Graz"), encoding="utf-8"),
                 ALL, id="new-article"),
    pytest.param(lambda corpus, out: (CliRunner().invoke(main, ["remove", str(out), "second"]),
                                      (corpus / "second.txt").unlink()), ALL, id="kg-remove"),
    pytest.param(lambda corpus, out: CliRunner().invoke(main, ["query", str(out), "--update",
                 "INSERT DATA { <https://example.org/note> rdfs:comment 'checked by hand' }"]), ALL, id="kg-query-update"),
    pytest.param(lambda corpus, out: CliRunner().invoke(main, ["rename", str(out), "Anna Kessel", "Anna Kessel-Berg",
                                                               "--registry", str(out / "actors.ttl")]),
                 ALL, id="kg-rename"),
    pytest.param(lambda corpus, out: (out / "graph.ttl").write_text("edited by hand", encoding="utf-8"),
                 {"graph.ttl"}, id="output-edited"),
    pytest.param(lambda corpus, out: (out / "actors.png").unlink(), {"actors.png"}, id="output-deleted"),
    pytest.param(lambda corpus, out: (out / ".kg-outputs.json").unlink(), ALL, id="stamp-deleted"),
])
def test_a_rebuild_after_a_change_writes_the_outputs_again(corpus: Path, tmp_path: Path, change,  # noqa: ANN001
                                                           rewritten: set[str]) -> None:
    """A change to the store, whatever made it, rewrites every output; a change to an output
    (or to the record of what they were made from) rewrites what it touched."""
    out = tmp_path / "out"
    (corpus / "second.txt").write_text(SECOND, encoding="utf-8")
    registry = ["--registry", str(out / "actors.ttl")]
    _build(corpus, out, *registry)
    before = _outputs(out)
    change(corpus, out)
    printed = _build(corpus, out, *registry)
    assert {name for name in OUTPUT_FILES if f"wrote: {out / name}" in printed} == rewritten
    assert {name for name in OUTPUT_FILES if f"kept (store unchanged): {out / name}" in printed} == ALL - rewritten
    assert {name for name, mtime in _outputs(out).items() if mtime != before.get(name)} == rewritten


@pytest.mark.parametrize("options, written", [
    (["--outputs", "trig"], {"graph.trig"}),
    (["--outputs", "png,ttl"], {"graph.ttl", "actors.png"}),
    (["--no-export"], {"actors.png", "actors.html"}),
    (["--outputs", "trig,html", "--no-export"], {"actors.html"}),
    (["--outputs", ""], set()),
])
def test_outputs_chooses_what_a_build_writes(corpus: Path, tmp_path: Path, options: list[str],
                                             written: set[str]) -> None:
    out = tmp_path / "out"
    printed = _build(corpus, out, *options)
    assert set(_outputs(out)) == written and (out / "store").is_dir()
    assert {line.removeprefix(f"wrote: {out}/") for line in printed.splitlines() if line.startswith("wrote")} \
        == written | {"store"}


def test_without_exports_a_build_that_changed_the_store_takes_no_fingerprint(corpus: Path, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A build with no export records its pictures with no fingerprint of the store (taking one is a
    dump of the whole store); the next unchanged build, unsure, writes them again once with one,
    and the one after keeps them."""
    from kg.store import Store

    taken: list[int] = []
    original = Store.fingerprint
    monkeypatch.setattr(Store, "fingerprint", lambda self: (taken.append(1), original(self))[1])
    out = tmp_path / "out"
    kept = [f"kept (store unchanged): {out / name}" for name in ("actors.png", "actors.html")]
    first = _build(corpus, out, "--no-export")
    assert taken == [] and not any(line in first for line in kept)
    second = _build(corpus, out, "--no-export")
    assert taken == [1] and not any(line in second for line in kept)
    third = _build(corpus, out, "--no-export")
    assert taken == [1, 1] and all(line in third for line in kept)


def test_an_unknown_output_is_refused_before_anything_is_read(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--outputs", "trig,svg"])
    assert result.exit_code == 2 and "unknown output(s) svg (known: trig, ttl, png, html)" in result.output
    assert not (tmp_path / "out").exists()
