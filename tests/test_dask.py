"""`kg.distributed`: a build on a Dask cluster, into a SPARQL server, leaves the same graphs as a
build in one process into a folder.

The cluster is a `LocalCluster` of two worker processes with one thread each; the server the real
`oxigraph serve` on the loopback interface of tests/test_store_remote.py (its `server` fixture;
skipped like those tests without the `oxigraph` program), emptied before each test.  Tasks of a
file or two, so that the articles are spread over both workers and come back in several parts.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.distributed
from kg.distributed import DistributedError, build_distributed
from kg.cli import main
from kg.pipeline import build
from kg.store import RemoteStore
from store_snapshot import differences, snapshot
from test_store_remote import OXIGRAPH, free_port, server  # noqa: F401 (server: the served store's fixture)

pytestmark = [
    pytest.mark.skipif(not OXIGRAPH.is_file(), reason=f"no oxigraph server program at {OXIGRAPH}"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib"),
]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEXTS = (
    "Foreign Minister Anna Kessel met Defence Minister Piotr Rundt in Vienna on Monday. "
    "Kessel said that the talks had been constructive and that both sides wanted calm on the border.\n",
    "Prime Minister Tomas Berg met President Ivo Stan in Oslo on Friday. "
    "Berg said that the two governments would sign a trade agreement before the end of the year.\n",
)


def _no_problem(problem) -> None:
    raise AssertionError(problem)


@pytest.fixture
def empty_server(server: str) -> str:
    with RemoteStore(server) as store:
        store.update("DROP ALL")
    return server


@pytest.fixture(scope="module")
def scheduler() -> str:
    """The address of a cluster of two worker processes, one thread each."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _same_stores(mine: Path, theirs: Path) -> None:
    assert differences(snapshot(mine / "graph.trig"), snapshot(theirs / "graph.trig")) == []


def test_seeds_on_a_cluster_into_a_server_equal_a_local_build(scheduler: str, empty_server: str,
                                                              tmp_path: Path) -> None:
    build([str(SEEDS)], tmp_path / "local", _no_problem)
    summary = build_distributed([str(SEEDS)], tmp_path / "dask", _no_problem, scheduler=scheduler,
                                store=empty_server, files_per_task=1)
    assert summary.articles == 5 and summary.files[-1] == empty_server
    _same_stores(tmp_path / "dask", tmp_path / "local")
    again = build_distributed([str(SEEDS)], tmp_path / "dask", _no_problem, scheduler=scheduler,
                              store=empty_server, files_per_task=1)
    assert again.built == [] and len(again.unchanged) == 5  # merged graphs too: they keep their hash
    _same_stores(tmp_path / "dask", tmp_path / "local")


def test_the_driver_stores_the_graphs_the_workers_built(scheduler: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers build and check each graph; the driver builds none (its counter stays empty)
    and stores the same as a build in one process."""
    import kg.pipeline

    build([str(SEEDS)], tmp_path / "local", _no_problem)
    built: list[str] = []
    real = kg.pipeline.extraction_quads
    monkeypatch.setattr(kg.pipeline, "extraction_quads", lambda extraction: built.append(extraction) or real(extraction))
    summary = build_distributed([str(SEEDS)], tmp_path / "dask", _no_problem, scheduler=scheduler, files_per_task=2)
    assert len(summary.built) == 5 and built == []
    _same_stores(tmp_path / "dask", tmp_path / "local")


def _corpus(folder: Path, texts: dict[str, str]) -> Path:
    """Files named `x.txt` (so all read with the id "x" with --id-from stem) in the given subfolders."""
    for sub, text in texts.items():
        (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / sub / "x.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("files_per_task", [1, 2])
def test_repeated_ids_are_kept_apart_as_locally(scheduler: str, empty_server: str, tmp_path: Path,
                                               files_per_task: int) -> None:
    corpus = _corpus(tmp_path / "in", {"a": TEXTS[0], "b": TEXTS[1], "c": TEXTS[0]})  # c: a copy of a
    notes: list = []
    local = build([str(corpus)], tmp_path / "local", notes.append, id_from="stem")
    # b's "x" is kept apart, c's (a's text) is a's article, read once (kg.ingest.IdRegistry), each with a note
    assert local.built[0] == "x" and len(set(local.built)) == 2 and len(notes) == 2
    options = {"scheduler": scheduler, "store": empty_server, "files_per_task": files_per_task, "id_from": "stem"}
    dask_notes: list = []
    summary = build_distributed([str(corpus)], tmp_path / "dask", dask_notes.append, **options)
    assert summary.built == local.built and dask_notes == notes
    _same_stores(tmp_path / "dask", tmp_path / "local")
    again = build_distributed([str(corpus)], tmp_path / "dask", lambda problem: None, **options)
    assert again.unchanged == local.built and again.built == []
    _same_stores(tmp_path / "dask", tmp_path / "local")


def test_an_input_read_first_takes_no_stored_article_s_id(scheduler: str, empty_server: str, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", {"b": TEXTS[0], "c": TEXTS[1]})
    options = {"scheduler": scheduler, "store": empty_server, "files_per_task": 1, "id_from": "stem"}
    first = build_distributed([str(corpus)], tmp_path / "dask", lambda problem: None, **options)
    _corpus(corpus, {"a": TEXTS[1]})  # read first, with the same id "x": it gets an id of its own
    summary = build_distributed([str(corpus)], tmp_path / "dask", lambda problem: None, **options)
    assert summary.unchanged == first.built and len(summary.built) == 1 and summary.built[0] not in first.built


def test_problems_come_back_in_input_order(scheduler: str, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("1.txt", "3.txt"):
        (corpus / name).write_text(TEXTS[0], encoding="utf-8")
    for name in ("0.txt", "2.txt", "4.txt"):
        (corpus / name).write_text("", encoding="utf-8")
    problems = []
    summary = build_distributed([str(corpus)], tmp_path / "out", problems.append, scheduler=scheduler,
                                files_per_task=2)
    assert [Path(p.source).name for p in problems] == ["0.txt", "2.txt", "4.txt"]
    assert (summary.articles, summary.skipped, sorted(summary.built)) == (2, 3, ["1", "3"])
    assert (tmp_path / "out" / "store").is_dir()


def test_stdin_cannot_be_distributed(tmp_path: Path) -> None:
    with pytest.raises(DistributedError, match="stdin"):
        build_distributed(["-"], tmp_path, _no_problem, scheduler="tcp://127.0.0.1:1")


def test_an_unreachable_scheduler_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.distributed, "CONNECT_TIMEOUT_S", 1)
    with pytest.raises(DistributedError, match="cannot use the Dask cluster"):
        build_distributed([str(SEEDS)], tmp_path, _no_problem, scheduler=f"tcp://127.0.0.1:{free_port()}")


@pytest.mark.parametrize("arguments, code, says", [
    (["-", "--dask", "local"], 1, "stdin (-) cannot be read on a cluster"),
    ([str(SEEDS), "-o", "http://127.0.0.1:1"], 2, "a SPARQL server goes to --store"),
    ([str(SEEDS), "--update-url", "http://127.0.0.1:1/update"], 2, "--update-url goes with --store"),
])
def test_cli_refuses_what_cannot_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str],
                                      code: int, says: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", *arguments])
    assert result.exit_code == code and says in result.output


def test_nothing_to_read_starts_no_cluster_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    summary = build_distributed([str(tmp_path / "in")], tmp_path / "out", _no_problem,
                                scheduler=f"tcp://127.0.0.1:{free_port()}")  # never reached
    assert summary.wrote_nothing and not (tmp_path / "out").exists()


def _local_build(tmp_path: Path, worker_exit_s: float) -> subprocess.CompletedProcess:
    """`kg build --dask local --workers 2` of two articles in a process of its own (the nannies log
    to the stderr they found), with `kg.distributed.WORKER_EXIT_S` set."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for number, text in enumerate(TEXTS):
        (corpus / f"{number}.txt").write_text(text, encoding="utf-8")
    program = ("import sys, kg.distributed; from kg.cli import main; "
               f"kg.distributed.WORKER_EXIT_S = {worker_exit_s}; sys.exit(main())")
    command = [sys.executable, "-c", program, "build", str(corpus), "-o", str(tmp_path / "out"),
               "--dask", "local", "--workers", "2"]
    return subprocess.run(command, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)


def test_a_local_cluster_shuts_down_without_noise(tmp_path: Path) -> None:
    """Each worker that loaded spaCy is given the time it takes to exit (its nanny's 4 s were too
    few: "Worker process still alive after 4.0 seconds, killing" on every build), and another
    cluster on this machine (here: something on Dask's port 8787) is no matter either."""
    with socket.socket() as taken:
        with contextlib.suppress(OSError):  # already taken: by another cluster, so much the better
            taken.bind(("127.0.0.1", 8787))
            taken.listen()
        result = _local_build(tmp_path, kg.distributed.WORKER_EXIT_S)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "articles read: 2" in result.stdout


def test_a_worker_that_will_not_exit_is_still_told(tmp_path: Path) -> None:
    """Nothing is silenced: a worker that outlasts its time is killed with the nanny's warning."""
    result = _local_build(tmp_path, 0.5)  # a worker that loaded spaCy takes over a second to exit
    assert result.returncode == 0, result.stderr
    assert "Worker process still alive after 0.4 seconds, killing" in result.stderr
