"""kg's lock on a store folder (kg.lock), interleaving by interleaving: a writer beside a reader
or a server is refused naming it, a reader or server beside a writer never opens a half-built
store, the timed query keeps the lock while its child has the store, and `kg serve` never
reaches out (SERVICE refused unless --allow-federation).

Processes synchronise on files and pipes (a ready file, a closed stdin), never on sleeps.
"""
from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import fixtures_rdf as fx
from kg import cli
from kg import store as store_module
from kg.lock import lock_path
from kg.store import Store, StoreError, open_store
from test_store_remote import DIRECT, free_port, needs_oxigraph, stop, wait_until_up

#: a child that opens a store (read-only or to write), says so in a file, and holds it until its
#: stdin is closed.
HOLDER = """
import sys
from pathlib import Path
from kg.store import Store
store = Store(sys.argv[1], read_only=sys.argv[2] == "read")
Path(sys.argv[3]).write_text("open")
sys.stdin.read()
store.close()
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A store folder holding the two fixture articles, closed."""
    path = tmp_path / "out" / "store"
    fx.loaded_store(path).close()
    return path


def hold(folder: Path, mode: str, tmp_path: Path) -> subprocess.Popen:
    """Another process holding `folder` (mode "read" or "write") until its stdin is closed."""
    ready = tmp_path / f"ready-{mode}"
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder), mode, str(ready)],
                               stdin=subprocess.PIPE)
    while not ready.exists():
        if process.poll() is not None:
            raise RuntimeError(f"the holder exited with {process.returncode}")
        threading.Event().wait(0.02)  # polling for the file, not timing anything
    return process


def release(process: subprocess.Popen) -> None:
    process.stdin.close()
    process.wait(timeout=30)


def kg(*args: object):
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def test_the_lock_file_is_beside_the_store(folder: Path) -> None:
    with Store(folder):
        assert lock_path(folder) == folder.parent / ".store.kg-lock"
        assert "writing" in lock_path(folder).read_text()
    assert not any(p.name.endswith("kg-lock") for p in folder.iterdir())


def test_a_writer_beside_a_reader_is_refused_naming_it(folder: Path, tmp_path: Path) -> None:
    reader = hold(folder, "read", tmp_path)
    try:
        with pytest.raises(StoreError, match=rf"is in use by .*pid {reader.pid}, reading") as refused:
            Store(folder)
        assert "\n" not in str(refused.value)
        result = kg("remove", folder, "t1")
        assert result.exit_code == 1 and f"pid {reader.pid}" in result.stderr
        with open_store(folder, read_only=True) as beside:  # readers go together
            assert beside.article_ids() == ["t1", "t2"]
    finally:
        release(reader)
    with Store(folder) as store:  # and once the reader is gone, the writer gets in
        assert store.remove_article("t1")


def test_a_reader_during_a_build_is_refused_in_one_line(folder: Path, tmp_path: Path) -> None:
    writer = hold(folder, "write", tmp_path)
    try:
        with pytest.raises(StoreError, match=rf"is being written by .*pid {writer.pid}.*not opened half-built"):
            Store(folder, read_only=True)
        result = kg("query", folder.parent, "ASK { ?s ?p ?o }")
        assert result.exit_code == 1 and "being written" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    finally:
        release(writer)


def test_a_reader_that_may_wait_opens_once_the_writer_is_done(folder: Path) -> None:
    writer = Store(folder)
    opened: list[list[str]] = []

    def read() -> None:
        with Store(folder, read_only=True, lock_wait=60) as reader:
            opened.append(reader.article_ids())

    thread = threading.Thread(target=read)
    thread.start()
    writer.remove_article("t2")
    writer.close()
    thread.join(timeout=60)
    assert opened == [["t1"]]  # what the finished write left, never a store half-written


def test_a_read_only_store_refuses_to_write(folder: Path) -> None:
    with Store(folder, read_only=True) as reader, pytest.raises(StoreError, match="opened read-only"):
        reader.remove_article("t1")


def test_the_timed_query_keeps_the_lock_while_its_child_has_the_store(folder: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Between the parent's closing its handle and the child's opening the folder, and all the
    while the child runs, another writer is refused (it used to get in and lose the answer)."""
    seen: list[str] = []
    start = subprocess.Popen

    def popen_then_try_to_write(*args, **kwargs):
        child = start(*args, **kwargs)
        try:
            Store(folder).close()
            seen.append("a writer got in")
        except StoreError as error:
            seen.append(str(error))
        return child

    with Store(folder) as store:
        monkeypatch.setattr(store_module.subprocess, "Popen", popen_then_try_to_write)
        assert store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", timeout=30).rows[0][0] > 0
        monkeypatch.undo()
        assert store.article_ids() == ["t1", "t2"]
    assert len(seen) == 1 and "is in use by" in seen[0]


# --- kg serve and the lock ------------------------------------------------------------------------

def serve(out: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """`kg serve` (the CLI, in a subprocess) on a free loopback port, once it answers."""
    url = f"http://127.0.0.1:{free_port()}"
    process = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "serve", str(out),
                                "--bind", url[7:], *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_until_up(url, process)
    return process, url


@needs_oxigraph
def test_a_build_into_a_served_store_is_refused_naming_the_server(folder: Path, tmp_path: Path) -> None:
    process, url = serve(folder)
    try:
        article = tmp_path / "a.txt"
        article.write_text("Mira Kessel met Tomas Rundt in Oslo on Monday.\n", encoding="utf-8")
        result = kg("build", article, "-o", folder.parent)
        assert result.exit_code == 1
        line = result.stderr.strip()
        assert "\n" not in line and f"being served by kg serve at {url}/ (pid {process.pid}" in line
        assert kg("query", folder, "ASK { ?s ?p ?o }").exit_code == 0  # reading beside it is fine
    finally:
        stop(process)
    assert kg("remove", folder, "t1").exit_code == 0  # the server gone, the lock is free


@needs_oxigraph
def test_a_store_being_built_is_not_served(folder: Path, tmp_path: Path) -> None:
    writer = hold(folder, "write", tmp_path)
    try:
        result = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "serve", str(folder),
                                 "--bind", f"127.0.0.1:{free_port()}"], capture_output=True, text=True, timeout=60)
        assert result.returncode == 1
        assert "being written" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    finally:
        release(writer)


# --- the server never reaches out -------------------------------------------------------------------

def _service_query(port: int) -> bytes:
    return f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}".encode()


def _post(url: str, body: bytes) -> int:
    request = urllib.request.Request(url + "/query", data=body, method="POST",
                                     headers={"Content-Type": "application/sparql-query"})
    try:
        with DIRECT.open(request, timeout=30) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, http.client.HTTPException):  # the server stopped while a federated query waited
        return 0


@needs_oxigraph
def test_service_is_refused_and_nothing_is_contacted(folder: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        process, url = serve(folder)
        try:
            assert _post(url, _service_query(listener.getsockname()[1])) == 403
            with pytest.raises(BlockingIOError):  # the refusal came before any request went out
                listener.accept()
        finally:
            stop(process)


@needs_oxigraph
def test_with_allow_federation_the_server_does_reach_out(folder: Path) -> None:
    """The check above can fail: the same query, allowed, makes the server connect."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(30)
        process, url = serve(folder, "--allow-federation")
        try:
            sender = threading.Thread(target=_post, args=(url, _service_query(listener.getsockname()[1])),
                                      daemon=True)
            sender.start()
            connection, _ = listener.accept()
            connection.close()
        finally:
            stop(process)
