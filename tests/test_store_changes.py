"""A store is never stale: after any command that changes it (`kg remove`, `kg query --update`),
what is derived from the article graphs (merges, consolidated events, pair summaries, canonical
labels) answers as a fresh build of what is left would (`kg.pipeline.bring_up_to_date`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.vocab import graph_iri

QUERIES = Path(__file__).resolve().parent.parent / "queries"
MEETING = ("a1", "2024-03-12", "Czech Foreign Minister Karel Novak met Polish Foreign Minister Ewa Zielinska in "
                               "Prague on Monday.\n")
SAME_MEETING = ("a2", "2024-03-13", "Karel Novak met Ewa Zielinska in Prague on Monday to discuss gas supplies.\n")
SURNAME = ("a3", "2024-03-14", "Novak said that Prague would buy more gas from Norway.\n")
#: what each answer is compared on: the shipped queries, and the actors with their merges
ANSWERS = [["query", "{out}", str(QUERIES / "met.rq"), "--format", "csv"],
           ["query", "{out}", str(QUERIES / "corroboration.rq"), "--format", "csv"],
           ["actors", "{out}"],
           ["query", "{out}", "SELECT ?from ?into WHERE { GRAPH ?r { ?m kg:mergedFrom ?from ; kg:mergedInto ?into } } "
                              "ORDER BY ?from", "--format", "csv"]]


def kg(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def built(folder: Path, articles: list[tuple[str, str, str]], registry: Path) -> Path:
    source = folder / "in.jsonl"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text("".join(json.dumps({"id": i, "date": d, "text": t}) + "\n" for i, d, t in articles))
    kg("build", source, "-o", folder / "out", "--registry", registry)
    return folder / "out"


def filled(command: list[str], **values: Path) -> list[str]:
    """`command` with its {out} and {registry} placeholders filled (SPARQL braces left alone)."""
    for name, value in values.items():
        command = [a.replace("{" + name + "}", str(value)) for a in command]
    return command


def answers(out: Path) -> list[str]:
    return [kg(*filled(command, out=out)) for command in ANSWERS]


@pytest.fixture()
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "actors.ttl"
    path.write_text("", encoding="utf-8")
    return path


@pytest.mark.parametrize("change", [
    ["remove", "{out}", "a2", "--registry", "{registry}"],
    ["query", "{out}", "DELETE WHERE { GRAPH <" + str(graph_iri("a2")) + "> { ?s ?p ?o } }", "--update",
     "--registry", "{registry}"],
], ids=["kg-remove", "kg-query-update"])
def test_after_a_change_the_store_answers_as_a_fresh_build(tmp_path: Path, registry: Path, change: list[str]) -> None:
    out = built(tmp_path / "changed", [MEETING, SAME_MEETING, SURNAME], registry)
    before = answers(out)
    assert "2" in before[1]  # two articles report the meeting: corroborated, before the change
    kg(*filled(change, out=out, registry=registry))
    fresh = built(tmp_path / "fresh", [MEETING, SURNAME], registry)
    assert answers(out) == answers(fresh)
    assert answers(out) != before


# --- kg query behaves like its neighbours (rdfpipe, Oxigraph's CLI, sqlite-utils) ----------------

@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    registry = folder / "actors.ttl"
    registry.write_text("", encoding="utf-8")
    return built(folder, [MEETING], registry)


def test_a_construct_prints_rdf(small: Path) -> None:
    import rdflib

    construct = "CONSTRUCT { ?a skos:prefLabel ?l } WHERE { ?a a sem:Actor ; skos:prefLabel ?l }"
    turtle = rdflib.Graph().parse(data=kg("query", small, construct), format="turtle")
    assert (None, rdflib.SKOS.prefLabel, rdflib.Literal("Karel Novak", lang="en")) in turtle
    lines = kg("query", small, construct, "--format", "nt").strip().splitlines()
    assert len(lines) == len(turtle) and all(line.endswith(" .") for line in lines)


def test_a_query_from_stdin_and_uncut_cells(small: Path) -> None:
    long_value = "x" * 100
    result = CliRunner().invoke(main, ["query", str(small), "-", "--max-width", "0"],
                                input=f'SELECT ?v WHERE {{ BIND("{long_value}" AS ?v) }}')
    assert result.exit_code == 0 and long_value in result.output, result.output
    assert long_value not in kg("query", small, f'SELECT ?v WHERE {{ BIND("{long_value}" AS ?v) }}')  # cut at 60


def test_rows_asked_as_rdf_are_one_error_line(small: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(small), "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "nt"])
    assert result.exit_code != 0 and "CONSTRUCT and DESCRIBE" in result.output


def test_an_export_to_stdout(small: Path) -> None:
    import rdflib

    dataset = rdflib.Dataset()
    dataset.parse(data=CliRunner().invoke(main, ["export", str(small), "-o", "-"]).stdout_bytes, format="trig")
    kg("export", small, "-o", small / "all.nq")
    exported = rdflib.Dataset()
    exported.parse(small / "all.nq", format="nquads")
    quads = len(list(dataset.quads((None, None, None, None))))
    assert quads > 0 and quads == len(list(exported.quads((None, None, None, None))))
    assert not (Path.cwd() / "-").exists()  # no file named "-"


@pytest.mark.parametrize("query, header", [
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "s,p,o"),
    ("SELECT DISTINCT * WHERE { ?zeta a sem:Actor ; skos:prefLabel ?alpha } LIMIT 1", "zeta,alpha"),
])
def test_select_star_columns_come_in_the_query_s_order(small: Path, query: str, header: str) -> None:
    assert kg("query", small, query, "--format", "csv").splitlines()[0] == header
