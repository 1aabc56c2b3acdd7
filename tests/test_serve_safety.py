"""`kg serve` is safe by default: it listens on the loopback interface only, is read-only and says
so, and no write route of the SPARQL protocol or the Graph Store protocol gets through.

The server is `kg serve` itself (the CLI in a subprocess, which becomes `oxigraph
serve-read-only`) on a free loopback port, over a build folder holding the fixture articles;
after every refused write the whole dataset is exported again and compared byte for byte.
Needs the `oxigraph` program (the test extra) and Linux's /proc for the listening-socket check.
"""
from __future__ import annotations

import ipaddress
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import fixtures_rdf as fx
from kg import cli, server
from kg.server import federation_in, is_loopback
from kg.store import RemoteStore, StoreError, serve_command
from kg.vocab import graph_iri
from test_store_remote import DIRECT, free_port, needs_oxigraph, stop, wait_until_up

NT = b"<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n"
NQ = b"<https://example.org/s> <https://example.org/p> <https://example.org/o> <https://example.org/g> .\n"
UPDATE = "DROP ALL"

#: (method, path and query string, content type, body): every way a client could try to write.
WRITES = [
    pytest.param("POST", "/update", "application/sparql-update", UPDATE.encode(), id="update-post"),
    pytest.param("POST", "/update", "application/x-www-form-urlencoded", b"update=DROP%20ALL", id="update-form"),
    pytest.param("GET", "/update?update=DROP%20ALL", None, None, id="update-get"),
    pytest.param("POST", "/query", "application/sparql-update", UPDATE.encode(), id="update-to-query"),
    pytest.param("POST", "/query", "application/sparql-query", UPDATE.encode(), id="update-as-query"),
    pytest.param("GET", "/query?query=DROP%20ALL", None, None, id="update-in-query-get"),
    pytest.param("PUT", "/store?default", "application/n-triples", NT, id="gsp-put-default"),
    pytest.param("POST", "/store?graph=https://example.org/g", "application/n-triples", NT, id="gsp-post-named"),
    pytest.param("PUT", "/store?graph={graph}", "application/n-triples", NT, id="gsp-put-article"),
    pytest.param("DELETE", "/store?default", None, None, id="gsp-delete-default"),
    pytest.param("DELETE", "/store?graph={graph}", None, None, id="gsp-delete-article"),
    pytest.param("POST", "/store", "application/n-quads", NQ, id="gsp-post-dataset"),
    pytest.param("PUT", "/store", "application/n-quads", NQ, id="gsp-put-dataset"),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, str]:
    """`kg serve` (defaults but the port) on a build folder: its URL, the folder, its first line."""
    out = tmp_path_factory.mktemp("served") / "out"
    fx.loaded_store(out / "store").close()
    url = f"http://127.0.0.1:{free_port()}"
    process = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "serve", str(out),
                                "--bind", url[7:]], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        wait_until_up(url, process)
        yield url, out, process.stdout.readline()
    finally:
        stop(process)


def exported(store: RemoteStore) -> bytes:
    """The whole dataset as sorted N-Quads (the same bytes for the same content)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dump.nq"
        store.export(path, "nq")
        return path.read_bytes()


def send(method: str, url: str, content_type: str | None, body: bytes | None) -> int:
    """The HTTP status of one raw request (errors included), sent past any proxy."""
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": content_type} if content_type else {})
    try:
        with DIRECT.open(request, timeout=30) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@needs_oxigraph
def test_it_says_where_it_listens_and_that_it_is_read_only(served: tuple[str, Path, str]) -> None:
    url, out, first = served
    assert first.strip() == f"serving {out} at {url}/ (read-only); SPARQL queries at {url}/query"


@needs_oxigraph
def test_it_listens_on_the_loopback_interface_only(served: tuple[str, Path, str]) -> None:
    port = int(served[0].rsplit(":", 1)[1])
    listening = _listening(port)
    assert listening, f"nothing listens on port {port}"
    assert listening <= {"127.0.0.1", "::1"}, listening


@needs_oxigraph
@pytest.mark.parametrize("method, target, content_type, body", WRITES)
def test_every_write_is_refused_and_nothing_changes(served: tuple[str, Path, str], method: str, target: str,
                                                   content_type: str | None, body: bytes | None) -> None:
    url = served[0]
    with RemoteStore(url) as remote:
        before = exported(remote)
        status = send(method, url + target.format(graph=graph_iri("t1")), content_type, body)
        assert 400 <= status < 500, status
        assert exported(remote) == before
        assert remote.article_ids() == ["t1", "t2"]


@needs_oxigraph
def test_remote_store_update_is_refused_in_one_line(served: tuple[str, Path, str]) -> None:
    with RemoteStore(served[0]) as remote, pytest.raises(StoreError, match=r"HTTP 403") as refused:
        remote.update("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert "read-only" in str(refused.value) and "\n" not in str(refused.value)


def test_defaults_are_loopback_and_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `kg serve STORE` runs when given no option (the server itself is not started)."""
    fx.loaded_store(tmp_path / "out" / "store").close()
    command, url = serve_command(tmp_path / "out")
    assert command[1] == "serve-read-only" and url == "http://127.0.0.1:7878/"
    assert command[command.index("--bind") + 1] == "127.0.0.1:7878"
    ran: list[tuple] = []
    monkeypatch.setattr(server, "_serve_behind_proxy", lambda *args: ran.append(args) or 0)
    result = CliRunner().invoke(cli.main, ["serve", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert [(bind, writable) for _, bind, writable, *_ in ran] == [("127.0.0.1:7878", False)]
    assert result.stdout.splitlines()[0].endswith("at http://127.0.0.1:7878/ (read-only); "
                                                  "SPARQL queries at http://127.0.0.1:7878/query")
    assert "warning" not in result.stderr


def test_a_public_address_is_warned_about(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--bind 0.0.0.0:PORT` serves (read-only) but says, on stderr, that anyone may query it."""
    fx.loaded_store(tmp_path / "out" / "store").close()
    monkeypatch.setattr(server, "_serve_behind_proxy", lambda *args: 0)
    result = CliRunner().invoke(cli.main, ["serve", str(tmp_path / "out"), "--bind", "0.0.0.0:7878"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: 0.0.0.0:7878 is not a loopback address")


@pytest.mark.parametrize("bind", ["0.0.0.0:7878", "[::]:7878", "192.168.1.5:7878"])
def test_writable_on_a_public_address_needs_the_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      bind: str) -> None:
    fx.loaded_store(tmp_path / "out" / "store").close()
    ran: list[tuple] = []
    monkeypatch.setattr(server, "_serve_behind_proxy", lambda *args: ran.append(args) or 0)
    refused = CliRunner().invoke(cli.main, ["serve", str(tmp_path / "out"), "--bind", bind, "--writable"])
    assert refused.exit_code == 1 and not ran
    assert "--i-know-it-is-public" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    allowed = CliRunner().invoke(cli.main, ["serve", str(tmp_path / "out"), "--bind", bind, "--writable",
                                            "--i-know-it-is-public"])
    assert allowed.exit_code == 0 and len(ran) == 1 and "warning" in allowed.stderr


@pytest.mark.parametrize("bind, loopback", [("127.0.0.1:1", True), ("localhost:1", True), ("[::1]:1", True),
                                            ("127.8.0.1:1", True), ("0.0.0.0:1", False), ("[::]:1", False),
                                            ("example.org:1", False)])
def test_loopback_addresses(bind: str, loopback: bool) -> None:
    assert is_loopback(bind) is loopback


@pytest.mark.parametrize("sparql, update, found", [
    ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", False, "SERVICE"),
    ("SELECT * { service silent <http://x/> { ?s ?p ?o } }", False, "SERVICE"),
    ("SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", False, "SERVICE"),
    ("SELECT * { ?s ?p ?o }SERVICE<http://x/>{}", False, "SERVICE"),
    ('SELECT * { ?s ?p "SERVICE <http://x/>" }', False, None),
    ("SELECT ?service { ?service ?p <http://x/SERVICE> } # SERVICE", False, None),
    ("LOAD <http://x/data.ttl>", True, "LOAD"),
    ("INSERT DATA { <urn:a> <urn:b> 'LOAD' }", True, None),
    ("SELECT * { ?s ?p ?o }", False, None),
])
def test_what_counts_as_reaching_out(sparql: str, update: bool, found: str | None) -> None:
    assert federation_in(sparql, update=update) == found


def test_the_listening_check_can_fail() -> None:
    """`_listening` tells a socket on every interface from a loopback one (lines as Linux writes them)."""
    header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    row = "   0: {address}:1EC6 00000000:0000 {state} 00000000:00000000 00:00000000 00000000     0        0 1\n"
    tables = {
        "/proc/net/tcp": header + row.format(address="00000000", state="0A")
        + row.format(address="0100007F", state="0A") + row.format(address="0A000001", state="01"),
        "/proc/net/tcp6": header + row.format(address="00000000000000000000000001000000", state="0A"),
    }
    assert _listening(7878, tables) == {"0.0.0.0", "127.0.0.1", "::1"}
    assert _listening(7879, tables) == set()
    with socket.socket() as loopback:  # and a real socket is seen
        loopback.bind(("127.0.0.1", 0))
        loopback.listen()
        assert _listening(loopback.getsockname()[1]) == {"127.0.0.1"}


def _listening(port: int, tables: dict[str, str] | None = None) -> set[str]:
    """The local addresses of TCP sockets listening on `port`, read from /proc/net/tcp{,6}
    (or from `tables`, their text by path)."""
    found: set[str] = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            text = tables[table] if tables is not None else Path(table).read_text()
        except (OSError, KeyError):
            continue
        for line in text.splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] == "0A" and int(hex_port, 16) == port and len(address) == width:
                found.add(_address(address))
    return found


def _address(hex_address: str) -> str:
    """A /proc/net address (little-endian 32-bit words) as text."""
    raw = bytes.fromhex(hex_address)
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    return str(ipaddress.ip_address(words))
