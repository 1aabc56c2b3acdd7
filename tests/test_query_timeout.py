"""Query time limits: `query(..., timeout=)` on both kinds of store, `kg query --timeout`, and the
limit `kg serve` gives its server.

A runaway query is a cross join of the store with itself: the fixture store holds ~200 quads,
so four copies make ~2e9 solutions, far more than any limit here lets through, whether they
are streamed out (SELECT *) or counted inside the engine (COUNT, which yields nothing until
it is done).  No test measures time: each checks that the query is stopped (QueryTimeout,
the child process gone) and that the store then answers exactly as before.
"""
from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import fixtures_rdf as fx
from kg.cli import main
from kg.store import (
    QUERY_TIMEOUT, QueryTimeout, RemoteStore, Store, StoreError, UpdateRefused, serve_command,
)
from test_store_remote import OXIGRAPH, free_port, needs_oxigraph, stop, wait_until_up

CROSS = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l"
RUNAWAY = {
    "streamed": f"SELECT * WHERE {{ {CROSS} }}",
    "aggregate": f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS} }}",
    "ask": f"ASK {{ {CROSS} FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), STR(?l), \"!\")) }}",
    "construct": f"CONSTRUCT {{ ?a ?b ?l }} WHERE {{ {CROSS} }}",
}
#: a query whose answer has rows in the fixture store (met.rq reads the resolution graph, which it lacks)
MET = "SELECT ?a ?b ?label WHERE { ?a kg:met ?b . ?a rdfs:label ?label } ORDER BY ?a ?b ?label"


def children() -> set[int]:
    """The process ids of this process's children (Linux), to see that no query child is left."""
    pids: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        pids.update(int(p) for p in (task / "children").read_text().split())
    return pids


def snapshot(store) -> tuple:
    """What a store answers, to compare before and after a stopped query."""
    return len(store), store.counts(), store.query(MET).rows


@pytest.fixture(params=["folder", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    """The fixture articles in an on-disk store (queried by a read-only child) or in memory."""
    with fx.loaded_store(tmp_path / "store" if request.param == "folder" else None) as opened:
        yield opened


# --- the embedded store --------------------------------------------------------------------------

@pytest.mark.parametrize("kind", RUNAWAY)
def test_a_runaway_query_is_stopped_and_the_store_stays_usable(store: Store, kind: str) -> None:
    before, others = snapshot(store), children()
    with pytest.raises(QueryTimeout, match=r"query stopped: it ran longer than 0.5 s") as stopped:
        store.query(RUNAWAY[kind], timeout=0.5)
    assert stopped.value.seconds == 0.5 and "\n" not in str(stopped.value)
    assert children() == others  # the query's process was killed and reaped
    assert snapshot(store) == before
    store.update("INSERT DATA { GRAPH <https://w3id.org/kg-news/id/graph/x> { <https://example.org/x> a sem:Actor } }")
    assert store.counts().actors == before[1].actors + 1  # and still writable


QUERIES = [
    pytest.param(MET, {}, id="met"),
    pytest.param((fx.QUERIES / "claims.rq").read_text(encoding="utf-8"), {"speaker": "Tomas Rundt"}, id="claims-param"),
    pytest.param((fx.QUERIES / "condemned.rq").read_text(encoding="utf-8"), {"actor": "Mira Kessel"},
                 id="condemned-param"),
    pytest.param("SELECT ?e ?c WHERE { ?e kg:confidence ?c }", {"c": 0.75}, id="decimal-param"),
    pytest.param("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", {},
                 id="graphs"),
    pytest.param("ASK { ?a kg:phoned ?b }", {}, id="ask"),
    pytest.param("SELECT ?x ?label WHERE { ?x rdfs:label ?label } ORDER BY ?x ?label", {}, id="lang-literals"),
]


@pytest.mark.parametrize("sparql, params", QUERIES)
def test_a_query_within_its_limit_answers_as_without_one(store: Store, sparql: str, params: dict) -> None:
    limited, free = store.query(sparql, params, timeout=60), store.query(sparql, params)
    assert (limited.columns, limited.rows, limited.boolean) == (free.columns, free.rows, free.boolean)
    assert limited.to_sparql_json() == free.to_sparql_json()


def test_construct_within_its_limit(store: Store) -> None:
    sparql = "CONSTRUCT { ?a kg:met ?b } WHERE { ?a kg:met ?b }"
    limited, free = store.query(sparql, timeout=60), store.query(sparql)
    assert sorted(limited.rows) == sorted(free.rows) and len(limited.graph) == len(free.graph) == 2


def test_the_query_process_sees_writes_not_yet_flushed(tmp_path: Path) -> None:
    with fx.loaded_store(tmp_path / "store") as store:
        store.remove_article("t1")
        assert store.query("SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g", timeout=60).rows == \
            store.query("SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g").rows


@pytest.mark.parametrize("attempt", range(4))
def test_the_folder_is_handed_to_the_query_process(tmp_path: Path, attempt: int) -> None:
    """Right after a reopen (RocksDB then compacts in the background), a read-only open beside the
    writer failed most times ("Corruption: ... No such file"): the query process must be the only
    one holding the folder, and this process must get it back."""
    fx.loaded_store(tmp_path / "store").close()
    with Store(tmp_path / "store") as store:
        store.update("DELETE WHERE { GRAPH ?g { ?a kg:met ?b } }")
    with Store(tmp_path / "store") as store:
        assert store.query("ASK { ?a kg:met ?b }", timeout=60).boolean is False
        assert store.query("ASK { ?a kg:phoned ?b }", timeout=60).boolean is True
        store.remove_article("t2")  # and it is writable again
        assert store.article_ids() == ["t1"]


def test_a_handle_held_elsewhere_is_kept(tmp_path: Path) -> None:
    """If something else still holds the Oxigraph handle, it cannot be closed: the query still runs
    (the child falls back to a read-only open) and the store keeps its handle."""
    with fx.loaded_store(tmp_path / "store") as store:
        held = store._store
        assert store.query(MET, timeout=60).rows == store.query(MET).rows
        assert store._store is held


@pytest.mark.parametrize("sparql, error, message", [
    ("SELEKT ?x", StoreError, "SPARQL syntax error at line 1, column 1: unexpected 'SELEKT'; did you mean SELECT"),
    ("DROP ALL", UpdateRefused, "this is a SPARQL update"),
])
def test_errors_are_the_same_with_a_limit(store: Store, sparql: str, error: type, message: str) -> None:
    with pytest.raises(error, match=message) as limited:
        store.query(sparql, timeout=60)
    with pytest.raises(error) as free:
        store.query(sparql)
    assert str(limited.value) == str(free.value)
    assert store.article_ids() == ["t1", "t2"]


@pytest.mark.parametrize("timeout", [0, -1.0, float("nan")])
def test_a_limit_must_be_positive(store: Store, timeout: float) -> None:
    with pytest.raises(StoreError, match="positive number of seconds"):
        store.query("ASK { }", timeout=timeout)


# --- kg query --timeout --------------------------------------------------------------------------

@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A build folder holding the fixture articles."""
    fx.loaded_store(tmp_path / "out" / "store").close()
    return tmp_path / "out"


def test_cli_stops_a_runaway_query_with_one_line(out: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(out), RUNAWAY["aggregate"], "--timeout", "0.5"])
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line == ("Error: query stopped: it ran longer than 0.5 s; the store is unchanged "
                    "(raise --timeout to wait longer)")
    after = CliRunner().invoke(main, ["query", str(out), MET, "--format", "csv"])
    assert after.exit_code == 0 and "Mira Kessel" in after.stdout


@pytest.mark.parametrize("timeout", [None, "0", "120"])
def test_cli_query_within_the_limit(out: Path, timeout: str | None) -> None:
    options = [] if timeout is None else ["--timeout", timeout]
    result = CliRunner().invoke(main, ["query", str(out), MET, "--format", "csv", *options])
    assert result.exit_code == 0, result.output
    with Store(out / "store") as store:
        assert result.stdout == store.query(MET).to_csv()


def test_cli_default_and_bad_limit(out: Path) -> None:
    assert f"default: {QUERY_TIMEOUT}" in CliRunner().invoke(main, ["query", "--help"]).stdout
    result = CliRunner().invoke(main, ["query", str(out), "ASK {}", "--timeout", "-1"])
    assert result.exit_code == 2 and "--timeout" in result.stderr


# --- over HTTP -----------------------------------------------------------------------------------

@contextmanager
def served(folder: Path, kg_serve: bool = False, timeout: float | None = None) -> Iterator[RemoteStore]:
    """A read-only oxigraph server on `folder`, as a RemoteStore, stopped on leaving: started as
    `kg serve` would with `kg_serve` (its limit `timeout`), else plain, without any time limit."""
    bind = f"127.0.0.1:{free_port()}"
    command = (serve_command(folder, bind, timeout=timeout)[0] if kg_serve else
               [str(OXIGRAPH), "serve-read-only", "--location", str(folder), "--bind", bind])
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(f"http://{bind}", process)
    try:
        with RemoteStore(f"http://{bind}") as remote:
            yield remote
    finally:
        stop(process)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    fx.loaded_store(tmp_path / "store").close()
    return tmp_path / "store"


@needs_oxigraph
def test_remote_streamed_runaway_is_cut_by_the_client(folder: Path) -> None:
    """A server without a limit streams a cross join for ever: the client's deadline ends it."""
    with served(folder) as remote:
        before = snapshot(remote)
        with pytest.raises(QueryTimeout, match="ran longer than 0.5 s"):
            remote.query(RUNAWAY["streamed"], timeout=0.5)
        assert snapshot(remote) == before


@needs_oxigraph
def test_kg_serve_gives_the_server_a_limit(folder: Path) -> None:
    """`kg serve`'s server cancels a query evaluating past its limit and goes on answering."""
    command, _ = serve_command(folder, timeout=0.2)
    assert command[1] == "serve-read-only" and command[-2:] == ["--timeout-s", "1"]
    assert serve_command(folder)[0][-2:] == ["--timeout-s", str(int(QUERY_TIMEOUT))]
    assert "--timeout-s" not in serve_command(folder, timeout=None)[0]
    with served(folder, kg_serve=True, timeout=1) as remote:
        before = snapshot(remote)
        with pytest.raises(QueryTimeout, match="stopped by the server") as stopped:
            remote.query(RUNAWAY["aggregate"])
        assert stopped.value.seconds is None
        with pytest.raises(QueryTimeout, match="ran longer than|stopped by the server"):
            remote.query(RUNAWAY["aggregate"], timeout=30)
        assert snapshot(remote) == before


@needs_oxigraph
def test_remote_query_within_the_limit_answers_as_locally(folder: Path) -> None:
    with Store(folder) as local:
        expected = [local.query(sparql, params) for sparql, params in (p.values for p in QUERIES)]
    with served(folder) as remote:
        for (sparql, params), answer in zip((p.values for p in QUERIES), expected):
            got = remote.query(sparql, params, timeout=60)
            assert (got.columns, got.rows, got.boolean) == (answer.columns, answer.rows, answer.boolean)


def test_children_helper_sees_a_child() -> None:
    """The check that no query child is left behind can see a child at all."""
    process = subprocess.Popen(["sleep", "30"])
    try:
        assert process.pid in children()
    finally:
        process.kill()
        process.wait()
    assert process.pid not in children() and os.getpid() not in children()
