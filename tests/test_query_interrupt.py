"""`kg query --timeout` at its extremes: an infinite or enormous limit is no limit (no
OverflowError), and Ctrl-C stops a query run without a limit (exit code 130, one line, no query
process left), because locally even an unlimited query runs in a child process.

Synchronisation is on processes (the query child's appearance in /proc), never on sleeps.
"""
from __future__ import annotations

import math
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import fixtures_rdf as fx
from kg.cli import main
from kg.store import Store
from test_query_timeout import MET, RUNAWAY


@pytest.fixture
def out(tmp_path: Path) -> Path:
    fx.loaded_store(tmp_path / "out" / "store").close()
    return tmp_path / "out"


@pytest.mark.parametrize("limit", ["inf", "1e10", "Infinity", "0"])
def test_an_endless_limit_is_no_limit(out: Path, limit: str) -> None:
    result = CliRunner().invoke(main, ["query", str(out), MET, "--format", "csv", "--timeout", limit])
    assert result.exit_code == 0, result.output
    with Store(out / "store") as store:
        assert result.stdout == store.query(MET).to_csv()


@pytest.mark.parametrize("limit", [math.inf, 1e10, 1e300])
def test_the_library_takes_an_endless_limit_too(out: Path, limit: float) -> None:
    with Store(out / "store") as store:
        assert store.query(MET, timeout=limit).rows == store.query(MET).rows


def _children(pid: int) -> set[int]:
    pids: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            pids.update(int(p) for p in (task / "children").read_text().split())
        except FileNotFoundError:  # the thread ended between the listing and the read
            continue
    return pids


def _as_in_a_terminal() -> None:
    """Ctrl-C as a terminal delivers it: a child inherits an ignored or blocked SIGINT from its
    parent, and the test runner's may be either (an earlier test, a runner started in the
    background), in which case the query would never see the Ctrl-C this test sends."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def test_ctrl_c_stops_a_query_without_a_limit(out: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "kg", "query", str(out), RUNAWAY["aggregate"],
                                "--timeout", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_as_in_a_terminal)
    try:
        while not _children(process.pid):  # the query child has started: the query is running
            if process.poll() is not None:
                pytest.fail(f"kg query ended first: {process.stderr.read()}")
            threading.Event().wait(0.02)
        [child] = _children(process.pid)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130
    assert stderr.strip().splitlines() == [f"kg: query interrupted; {out} is unchanged"]
    assert not Path(f"/proc/{child}").exists() or "zombie" in Path(f"/proc/{child}/status").read_text().lower()
