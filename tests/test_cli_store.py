"""`kg query`, `kg remove`, `kg export` and `kg serve` on a store of the fixture articles.

`kg serve` runs in a subprocess (it becomes the oxigraph server) on a free loopback port,
is queried over HTTP and stopped; it and `kg query URL` need the `oxigraph` program (the
test extra) and are skipped without it.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

import fixtures_rdf as fx
from kg import rdf
from kg.cli import main
from kg.store import RemoteStore, StoreError, open_store
from test_store_remote import free_port, needs_oxigraph, server, stop, wait_until_up  # noqa: F401 (server: a fixture)

QUERIES = fx.QUERIES


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A build folder whose store/ holds both fixture articles, a run record and their resolution."""
    fx.loaded_store(tmp_path / "out" / "store", resolved=True).close()
    return tmp_path / "out"


def kg(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line_error(result) -> str:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- kg query ----------------------------------------------------------------------------------

def test_query_with_a_parameter(out: Path) -> None:
    result = kg("query", out, QUERIES / "condemned.rq", "--param", "actor=dock workers")
    assert result.exit_code == 0, result.output
    assert "the closure of the port" in result.stdout and "Kessel" not in result.stdout
    assert result.stdout.rstrip().endswith("(1 row)")


def test_query_with_a_typed_parameter(out: Path) -> None:
    result = kg("query", out, "SELECT ?e ?c WHERE { ?e kg:confidence ?c FILTER NOT EXISTS { ?e a kg:ConsolidatedEvent } }", "--param", "c=0.75", "--format", "csv")
    assert result.stdout.splitlines() == ["e,c", "https://w3id.org/kg-news/id/phoned/t2/1,0.75"]


def test_query_json_is_the_w3c_format(out: Path) -> None:
    result = kg("query", out, QUERIES / "met.rq", "--format", "json")
    answer = json.loads(result.stdout)
    assert answer["head"]["vars"] == ["actor1", "actor2", "articles", "meetings", "first", "last"]
    [binding] = answer["results"]["bindings"]
    assert binding["actor1"] == {"type": "literal", "value": "Mira Kessel", "xml:lang": "en"}
    assert binding["first"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"


def test_query_tsv(out: Path) -> None:
    result = kg("query", out, QUERIES / "claims.rq", "--format", "tsv")
    assert result.stdout.splitlines() == [
        "?speaker\t?claim\t?article",
        '""\t"The harbour will reopen in May"@en\t"t2"',  # the claim's words keep their language
        '"Tomas Rundt"\t"Talks will continue next month"@en\t"t1"',
    ]


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
def test_query_construct_as_jsonld_has_its_context(out: Path) -> None:
    """A CONSTRUCT answer in JSON-LD is compact, with kg's prefixes as its inline @context."""
    construct = "CONSTRUCT { ?a kg:met ?b } WHERE { ?a kg:met ?b }"
    result = kg("query", out, construct, "--format", "jsonld")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["@context"]["kg"] == "https://w3id.org/kg-news/ns#"
    assert all("kg:met" in node for node in document["@graph"]) and len(document["@graph"]) >= 1
    turtle = kg("query", out, construct)
    assert isomorphic(Graph().parse(data=result.stdout, format="json-ld"), Graph().parse(data=turtle.stdout))


def test_query_refuses_an_update_without_the_flag(out: Path) -> None:
    line = one_line_error(kg("query", out, "DROP ALL"))
    assert "this is a SPARQL update" in line and "--update" in line
    with open_store(out) as store:
        assert store.article_ids() == ["t1", "t2"]


def test_query_runs_an_update_with_the_flag(out: Path) -> None:
    with open_store(out, read_only=True) as store:
        before = len(store)
    result = kg("query", out, "DELETE WHERE { GRAPH ?g { ?a kg:met ?b } }", "--update")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"update done: 4 statements removed ({before:,} -> {before - 4:,} in the store)"
    assert kg("query", out, "ASK { ?a kg:met ?b }").stdout.strip() == "false"


def test_an_update_that_changes_nothing_says_so(out: Path) -> None:
    result = kg("query", out, 'DELETE WHERE { GRAPH ?g { ?e kg:rule "no-such-rule" } }', "--update")
    assert result.exit_code == 0
    assert "as many statements as before" in result.stdout and "matched nothing" in result.stdout


def test_a_syntax_error_names_the_file_line_and_column(out: Path, tmp_path: Path) -> None:
    query = tmp_path / "query.rq"
    query.write_text("# who met whom\nPREFIX kg: <https://w3id.org/kg-news/ns#>\n\nSELECT ?a ?b\nWHERE {\n"
                     "  ?a kg:met ?b .\n  FILTER(?a != )\n}\n", encoding="utf-8")
    line = one_line_error(kg("query", out, query))
    assert line == f"Error: {query}: SPARQL syntax error at line 7, column 16: unexpected ')'"
    stdin = CliRunner().invoke(main, ["query", str(out), "-"], input=query.read_text(encoding="utf-8"))
    assert one_line_error(stdin) == "Error: stdin: SPARQL syntax error at line 7, column 16: unexpected ')'"


def test_a_syntax_error_in_an_update_changes_nothing(out: Path) -> None:
    with open_store(out, read_only=True) as store:
        before = len(store)
    line = one_line_error(kg("query", out, "DELETE WHERE {\n  GRAPH ?g { ?a kg:met }\n}", "--update"))
    assert line == "Error: SPARQL update syntax error at line 2, column 24: unexpected '}'"
    with open_store(out, read_only=True) as store:
        assert len(store) == before


@pytest.mark.parametrize("args, message", [
    (["--param", "novalue"], "NAME=VALUE"),
    (["--param", "bad name=1"], "not a SPARQL variable name"),
    (["--param", "x=1", "--update"], "cannot be used with --update"),
])
def test_query_bad_parameters(out: Path, args: list[str], message: str) -> None:
    assert message in one_line_error(kg("query", out, "SELECT ?x WHERE { ?x ?p ?o }", *args))


def test_query_file_that_is_not_there(out: Path) -> None:
    assert "nothing.rq: cannot read the query file" in one_line_error(kg("query", out, "nothing.rq"))


# --- kg remove ---------------------------------------------------------------------------------

def test_remove(out: Path) -> None:
    result = kg("remove", out, "t1", "t9")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["removed: t1"]
    assert result.stderr.strip() == "kg: not in the store: t9"
    with open_store(out) as store:
        assert store.article_ids() == ["t2"]


def test_remove_nothing_there_fails(out: Path) -> None:
    result = kg("remove", out, "t9", "t1x")
    assert result.exit_code == 1 and result.stdout == ""


def test_remove_from_a_missing_store(tmp_path: Path) -> None:
    assert "no kg store" in one_line_error(kg("remove", tmp_path / "none", "t1"))


# --- kg export ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name, fmt, syntax, graphs", [
    ("all.trig", None, ox.RdfFormat.TRIG, 4), ("all.nq", None, ox.RdfFormat.N_QUADS, 4),
    ("all.jsonld", None, ox.RdfFormat.JSON_LD, 4), ("all.ttl", None, ox.RdfFormat.TURTLE, 1),
    ("all.nt", None, ox.RdfFormat.N_TRIPLES, 1), ("all.txt", "nquads", ox.RdfFormat.N_QUADS, 4),
    ("all.rdf", "turtle", ox.RdfFormat.TURTLE, 1),
])
def test_export(out: Path, tmp_path: Path, name: str, fmt: str | None, syntax: ox.RdfFormat, graphs: int) -> None:
    """Graph-keeping formats hold the default graph and one per article; the others one graph."""
    target = tmp_path / name
    result = kg("export", out, "-o", target, *(["--format", fmt] if fmt else []))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wrote: {target}"
    assert len({quad.graph_name for quad in ox.parse(path=target, format=syntax)}) == graphs


def test_export_is_what_the_store_exports(out: Path, tmp_path: Path) -> None:
    kg("export", out, "-o", tmp_path / "cli.trig")
    with open_store(out) as store:
        store.export(tmp_path / "api.trig")
    assert (tmp_path / "cli.trig").read_bytes() == (tmp_path / "api.trig").read_bytes()


def test_export_unknown_suffix(out: Path, tmp_path: Path) -> None:
    assert "cannot tell the export format" in one_line_error(kg("export", out, "-o", tmp_path / "x.xml"))


# --- kg serve ----------------------------------------------------------------------------------

def serve(out: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """`kg serve` through the CLI function, in a subprocess; its URL once it answers."""
    url = f"http://127.0.0.1:{free_port()}"
    process = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", str(out), "--bind", url[7:], *options],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    wait_until_up(url, process)
    return process, url


@needs_oxigraph
def test_serve_read_only(out: Path) -> None:
    process, url = serve(out)
    try:
        with RemoteStore(url) as remote:
            met = (QUERIES / "met.rq").read_text(encoding="utf-8")
            with fx.loaded_store(resolved=True) as local:
                assert remote.query(met).rows == local.query(met).rows
            assert remote.query("ASK { ?a kg:met ?b }").boolean  # the union default graph, also for others
            with pytest.raises(StoreError, match="HTTP 403") as refused:
                remote.update("DROP ALL")
            assert "\n" not in str(refused.value)
            assert remote.article_ids() == ["t1", "t2"]
    finally:
        stop(process)
    first = process.stdout.read().splitlines()[0]
    assert f"at {url}/ (read-only)" in first and f"{url}/query" in first


@needs_oxigraph
def test_serve_writable(out: Path) -> None:
    process, url = serve(out, "--writable")
    try:
        with RemoteStore(url) as remote:
            assert remote.remove_article("t1") and remote.article_ids() == ["t2"]
    finally:
        stop(process)
    assert "(read-write)" in process.stdout.read()
    with open_store(out) as store:  # written to the folder
        assert store.article_ids() == ["t2"]


@needs_oxigraph
def test_syntax_errors_and_updates_against_kg_serve(out: Path, tmp_path: Path) -> None:
    """Through kg's proxy and Oxigraph's server, an error is placed in the text as given (the
    server counts kg's prefix line and reads past the error) and an update reports its count."""
    query = tmp_path / "query.rq"
    query.write_text("SELECT ?a\nWHERE {\n\n\n\n\n  ?a kg:met ?b ) }\n", encoding="utf-8")
    local = one_line_error(kg("query", out, query))
    process, url = serve(out, "--writable")
    try:
        assert one_line_error(kg("query", url, query)) == local == (
            f"Error: {query}: SPARQL syntax error at line 7, column 16: unexpected ')'")
        assert one_line_error(kg("query", url, "INSERT DATA { <urn:a> <urn:b> }", "--update")) == (
            "Error: SPARQL update syntax error at line 1, column 31: unexpected '}'")
        removed = kg("query", url, "DELETE WHERE { GRAPH ?g { ?a kg:met ?b } }", "--update")
        assert removed.exit_code == 0 and removed.stdout.startswith("update done: 4 statements removed (")
    finally:
        stop(process)


@needs_oxigraph
def test_query_a_url(server: str) -> None:
    with RemoteStore(server) as remote:
        remote.update("DROP ALL")
        for extraction in fx.extractions():
            remote.replace_article(rdf.extraction_graph(extraction))
    result = kg("query", server, QUERIES / "condemned.rq", "--param", "actor=Mira Kessel", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("Mira Kessel,the attack on the harbour,t1,")


def test_serve_without_the_oxigraph_program(out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert "pip install oxigraph" in one_line_error(kg("serve", out))


@pytest.mark.parametrize("target, options, message", [
    ("missing", [], "no kg store"),
    ("http://127.0.0.1:7878", [], "is a URL"),
    ("out", ["--bind", "7878"], "give HOST:PORT"),
])
def test_serve_bad_input(out: Path, target: str, options: list[str], message: str) -> None:
    location = out if target == "out" else out.parent / target if target == "missing" else target
    assert message in one_line_error(kg("serve", location, *options))
