"""kg.store.RemoteStore against a real `oxigraph serve` on the loopback interface.

The server is the `oxigraph` program of the `oxigraph` package (the test extra), found beside
this Python; without it these tests are skipped.  It is started with a fresh folder on a free
port, polled until it answers, and terminated when the module's tests are done.  Every answer
is compared with what the embedded store gives for the same fixture articles.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

import fixtures_rdf as fx
from kg import rdf
from kg.pipeline import bring_up_to_date
from kg.store import RemoteStore, Store, StoreError, UpdateRefused, open_store, wait_for_server
from kg.vocab import actor_iri, graph_iri

OXIGRAPH = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
needs_oxigraph = pytest.mark.skipif(
    not OXIGRAPH.is_file(),
    reason=f"no oxigraph server program at {OXIGRAPH} (pip install oxigraph==0.5.13, the test extra)")
pytestmark = needs_oxigraph


#: an opener that ignores proxies set in the environment: the server is on this machine.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    """Wait until the server this test started answers (kg.store.wait_for_server); if it never
    does, stop it (no server outlives a failed start) and raise RuntimeError."""
    try:
        wait_for_server(url, process, timeout=20)
    except StoreError as error:
        stop(process)
        raise RuntimeError(str(error)) from None


def stop(process: subprocess.Popen) -> None:
    """Terminate a server this test started, and reap it."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> str:
    """The base URL of a fresh `oxigraph serve` (without --union-default-graph: kg asks per query)."""
    folder = tmp_path_factory.mktemp("remote") / "store"
    url = f"http://127.0.0.1:{free_port()}"
    process = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(folder), "--bind", url[7:]],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    request.addfinalizer(lambda: stop(process))
    wait_until_up(url, process)
    return url


@pytest.fixture
def remote(server: str):
    """The server emptied, then loaded with both fixture articles, a run record and their resolution."""
    with RemoteStore(server) as store:
        store.update("DROP ALL")
        fx.load(store, resolved=True)
        yield store


@pytest.fixture(scope="module")
def local():
    with fx.loaded_store(resolved=True) as store:
        yield store


SHIPPED = [("met.rq", {}), ("condemned.rq", {}), ("condemned.rq", {"actor": "Mira Kessel"}),
           ("claims.rq", {}), ("claims.rq", {"speaker": ""}), ("actor_profile.rq", {"name": "kessel"}),
           ("actor_profile.rq", {}), ("corroboration.rq", {})]


@pytest.mark.parametrize("name, params", SHIPPED)
def test_shipped_queries_answer_as_locally(remote: RemoteStore, local: Store, name: str, params: dict) -> None:
    text = (fx.QUERIES / name).read_text(encoding="utf-8")
    answer, expected = remote.query(text, params), local.query(text, params)
    assert (answer.columns, answer.rows) == (expected.columns, expected.rows)
    # no profile without a name; and t1's meeting in Oslo and t2's in Bergen are no one event
    assert answer.rows or (name == "actor_profile.rq" and not params) or name == "corroboration.rq"


def test_every_shipped_query_runs_remotely() -> None:
    assert {name for name, _ in SHIPPED} == {p.name for p in fx.QUERIES.glob("*.rq")}


def test_queries_see_the_union_of_all_graphs(remote: RemoteStore, local: Store) -> None:
    sparql = "SELECT DISTINCT ?a ?b WHERE { ?a kg:met ?b } ORDER BY ?a"
    assert remote.query(sparql).rows == local.query(sparql).rows != []
    assert remote.query("SELECT ?run WHERE { ?run a prov:Activity }").rows  # and the default graph


def test_without_the_union_only_graph_queries_see_articles(server: str, remote: RemoteStore,
                                                           local: Store) -> None:
    with RemoteStore(server, union_default_graph=False) as plain:
        assert plain.query("ASK { ?a kg:met ?b }").boolean is False
        met = (fx.QUERIES / "met.rq").read_text(encoding="utf-8")
        assert plain.query(met).rows == local.query(met).rows


@pytest.mark.parametrize("value", ['say "hi" }', "a } } DROP ALL ; #", "line one\nline two # DROP ALL",
                                   "back\\slash \\u0022 é", "' ; DELETE WHERE { ?s ?p ?o } #"])
def test_parameter_values_are_only_data(remote: RemoteStore, value: str) -> None:
    remote.update("INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/x> skos:prefLabel "
                  f"{json.dumps(value)} }} }}")
    before = len(remote)
    assert remote.query("SELECT ?who ?label WHERE { ?who skos:prefLabel ?label }",
                        {"label": value}).rows == [("https://example.org/x", value)]
    assert remote.query("SELECT ?v WHERE { }", {"v": value}).rows == [(value,)]
    assert len(remote) == before and remote.article_ids() == ["t1", "t2"]


def test_parameters_of_every_type(remote: RemoteStore, local: Store) -> None:
    sparql = "SELECT ?event ?c ?who WHERE { ?event kg:confidence ?c ; sem:hasActor ?who } ORDER BY ?event ?who"
    for params in ({"c": 0.9}, {"c": 1}, {"who": actor_iri("ivo stan")}, {"c": 0.75, "who": actor_iri("ivo stan")}):
        assert remote.query(sparql, params).rows == local.query(sparql, params).rows


def test_replacing_again_changes_nothing(remote: RemoteStore, local: Store) -> None:
    before = len(remote)
    for extraction in fx.extractions():
        remote.replace_article(rdf.extraction_graph(extraction))
    assert len(remote) == before == len(local)
    assert remote.counts() == local.counts()


def test_graphs_given_as_quads_are_written_as_locally(remote: RemoteStore) -> None:
    """A server is sent the quads as one SPARQL update, a local store loads them: the same store."""
    graphs = [rdf.graph_quads(rdf.extraction_graph(e)) for e in (fx.meeting_extraction(), fx.t2_extraction())]
    with fx.loaded_store(resolved=True) as local:
        for store in (remote, local):
            store.replace_graphs(graphs, first=[f"INSERT DATA {{ <{graphs[0].name}> kg:readFrom \"x\" }}"])
        assert set(remote._dataset()) == set(local._dataset())


def test_replacing_drops_what_the_old_version_said(remote: RemoteStore) -> None:
    remote.replace_article(rdf.extraction_graph(fx.meeting_extraction()))
    assert remote.counts().reports["condemned"] == 1 and remote.counts().reports["met"] == 2


def test_remove_article(remote: RemoteStore) -> None:
    assert remote.article_ids() == ["t1", "t2"]
    assert remote.remove_article("t1") is True
    assert remote.remove_article("t1") is False
    assert remote.article_ids() == ["t2"]
    bring_up_to_date(remote)  # as `kg remove` does: resolution forgets its record of the graph too
    assert not remote.query(f"ASK {{ <{graph_iri('t1')}> ?p ?o }}").boolean
    assert remote.counts().articles == 1


@pytest.mark.parametrize("fmt", ["trig", "ttl", "nq", "jsonld"])
def test_export_is_the_same_as_the_local_one(remote: RemoteStore, local: Store, tmp_path: Path, fmt: str) -> None:
    remote.export(tmp_path / f"remote.{fmt}")
    local.export(tmp_path / f"local.{fmt}")
    assert (tmp_path / f"remote.{fmt}").read_bytes() == (tmp_path / f"local.{fmt}").read_bytes()


def test_ask_and_construct(remote: RemoteStore, local: Store) -> None:
    assert remote.query("ASK { ?a kg:phoned ?b }").boolean is True
    construct = "CONSTRUCT { ?a kg:met ?b } WHERE { ?a kg:met ?b }"
    answer = remote.query(construct)
    assert sorted(answer.rows) == sorted(local.query(construct).rows) and len(answer.graph) == 2


def test_an_update_given_as_a_query_is_refused(remote: RemoteStore) -> None:
    before = len(remote)
    with pytest.raises(UpdateRefused):
        remote.query("DROP ALL")
    assert len(remote) == before


def test_invalid_sparql_is_reported_where_it_is(remote: RemoteStore, local: Store) -> None:
    sparql = "SELECT ?x WHERE {\n  ?x nope:p ?o \n}"
    with pytest.raises(StoreError) as remote_error:
        remote.query(sparql)
    with pytest.raises(StoreError) as local_error:
        local.query(sparql)
    assert str(remote_error.value) == str(local_error.value)
    assert str(remote_error.value) == "SPARQL syntax error at line 2, column 6: unknown prefix 'nope:'"
    with pytest.raises(StoreError, match="SPARQL update syntax error at line 1, column 6: unexpected 'EVERYTHING'"):
        remote.update("DROP EVERYTHING")


@pytest.mark.parametrize("sparql, message", [
    ("SELECT ?x\nWHERE {\n  ?x ?y ?z .\n\n\n\n  FILTER(?x = ) }\n", "line 7, column 15: unexpected ')'"),
    ("SELEC ?x", "line 1, column 1: unexpected 'SELEC'; did you mean SELECT?"),
])
def test_a_syntax_error_is_placed_the_same_against_a_server(remote: RemoteStore, local: Store, sparql: str,
                                                            message: str) -> None:
    """The server counts lines after kg's prefix line and reads ahead past the error as Oxigraph
    does: kg places the error in the text as given, the same as locally, parameters or not."""
    for params in ({}, {"x": 1}):
        with pytest.raises(StoreError) as remote_error:
            remote.query(sparql, params)
        with pytest.raises(StoreError) as local_error:
            local.query(sparql, params)
        assert str(remote_error.value) == str(local_error.value) == f"SPARQL syntax error at {message}"


def test_open_store_gives_a_remote_store(server: str, remote: RemoteStore) -> None:
    with open_store(server + "/") as opened:
        assert isinstance(opened, RemoteStore) and opened.article_ids() == ["t1", "t2"]


def test_refused_request_is_one_line(server: str) -> None:
    with RemoteStore(server, update_url=server + "/nowhere") as wrong, pytest.raises(StoreError) as caught:
        wrong.update("DROP ALL")
    assert "refused the request (HTTP 404" in str(caught.value) and "\n" not in str(caught.value)


def test_closed_remote_store_refuses(server: str) -> None:
    store = RemoteStore(server)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.query("ASK { }")
