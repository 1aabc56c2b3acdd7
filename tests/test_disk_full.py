"""Disk full during `kg build` (issue 17): one line, no traceback, the store usable, a rerun
that converges to the clean build, and no `.part` file left.

The disk is not filled: the failure is injected where a full disk shows itself, as the store
and the file writes report it (RocksDB's "IO error: No space left on device" through
`Store._execute`, Python's OSError(ENOSPC) from file writes), at the first article, an article
in the middle, resolution, and each output file.
"""
from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.html
import kg.pipeline
import kg.store
from kg.cli import main
from kg.space import is_no_space, mount_point
from kg.store import Store, StoreError

from store_snapshot import differences, snapshot

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OUTPUTS = ("graph.trig", "graph.ttl", "actors.png", "actors.html")
_ROCKSDB_FULL = "IO error: No space left on device: While appending to file: store/000008.log: No space left on device"


def _store_full() -> StoreError:
    """What `Store._execute` raises when RocksDB finds the disk full."""
    try:
        raise OSError(_ROCKSDB_FULL)  # RocksDB's own error: no errno
    except OSError:
        try:
            raise StoreError(f"cannot write to the store: {_ROCKSDB_FULL}") from None
        except StoreError as error:
            return error


def _file_full(path: object) -> OSError:
    return OSError(errno.ENOSPC, "No space left on device", str(path))


def _build(out: Path) -> tuple[int, str]:
    """`kg build SEEDS -o out` as the command line runs it: exit code and everything printed."""
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    assert _build(out)[0] == 0
    return out


def _fail_article(number: int) -> Callable[[pytest.MonkeyPatch], None]:
    """Injection: the store's write of the `number`-th article graph finds the disk full (written
    two at a time: the message names the first of the two, and the articles stored before them)."""
    def inject(monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(kg.pipeline, "WRITE_BATCH", 2)
        real, calls = Store.replace_graphs, []

        def replace_graphs(self, graphs, first=()):  # noqa: ANN001, ANN202
            calls.extend(graph.name for graph in graphs)
            if len(calls) >= number:
                raise _store_full()
            return real(self, graphs, first)
        monkeypatch.setattr(Store, "replace_graphs", replace_graphs)
    return inject


def _fail_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    """Injection: every store write of cross-article resolution finds the disk full."""
    real_resolve, real_execute = kg.pipeline.resolve, Store._execute
    armed: list[bool] = []

    def execute(self, update):  # noqa: ANN001, ANN202
        if armed:
            raise _store_full()
        return real_execute(self, update)

    def resolve(store, registry, **options):  # noqa: ANN001, ANN003, ANN202
        armed.append(True)
        try:
            return real_resolve(store, registry, **options)
        finally:
            armed.clear()
    monkeypatch.setattr(Store, "_execute", execute)
    monkeypatch.setattr(kg.pipeline, "resolve", resolve)


def _fail_export(suffix: str) -> Callable[[pytest.MonkeyPatch], None]:
    """Injection: the export to graph.`suffix` writes a little, then finds the disk full."""
    def inject(monkeypatch: pytest.MonkeyPatch) -> None:
        real = kg.store._write_exports

        def write_exports(dataset, targets, **kwargs):  # noqa: ANN001, ANN202
            for out, _ in targets:
                if out.name.endswith(f"{suffix}.part"):
                    out.write(b"@prefix half")
                    raise _file_full(out.name)
            return real(dataset, targets, **kwargs)
        monkeypatch.setattr(kg.store, "_write_exports", write_exports)
    return inject


def _fail_png(monkeypatch: pytest.MonkeyPatch) -> None:
    """Injection: saving actors.png writes a little, then finds the disk full."""
    from matplotlib.figure import Figure

    def savefig(self, path, **options):  # noqa: ANN001, ANN202
        Path(path).write_bytes(b"\x89PNG half")
        raise _file_full(path)
    monkeypatch.setattr(Figure, "savefig", savefig)


def _fail_html(monkeypatch: pytest.MonkeyPatch) -> None:
    """Injection: writing actors.html writes a little, then finds the disk full."""
    real = Path.write_text

    def write_text(self, data, *args, **kwargs):  # noqa: ANN001, ANN202
        if self.name == ".actors.html.part":
            real(self, data[:100], *args, **kwargs)
            raise _file_full(self)
        return real(self, data, *args, **kwargs)
    monkeypatch.setattr(Path, "write_text", write_text)


POINTS = {
    "first article": (_fail_article(1), f"while storing {SEEDS}/000_", "the 0 articles before it"),
    "middle article": (_fail_article(3), f"while storing {SEEDS}/002_", "the 2 articles before it"),
    "resolution": (_fail_resolution, "while resolving across articles", "the 5 articles, as they were before"),
    "graph.trig": (_fail_export("trig"), "while writing", "graph.trig and "),
    "graph.ttl": (_fail_export("ttl"), "while writing", "graph.ttl; the store holds the 5 articles"),
    "actors.png": (_fail_png, "while writing", "actors.png; the store holds the 5 articles"),
    "actors.html": (_fail_html, "while writing", "actors.html; the store holds the 5 articles"),
}


@pytest.mark.parametrize("point", list(POINTS))
def test_a_full_disk_stops_the_build_in_one_line_and_the_rerun_converges(
        point: str, clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inject, doing, holds = POINTS[point]
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        inject(patch)
        code, output = _build(out)
    assert code == 1
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, output
    assert errors[0].startswith(f"Error: no space left on {mount_point(out)} {doing}"), errors[0]
    assert holds in errors[0], errors[0]
    assert "could not be stored" not in output  # stopped at the first failed write, not one line per article
    assert not list(out.glob(".*.part")), "a partial output was left behind"
    with Store(out / "store") as store:  # openable, and readable
        store.article_ids()
    assert _build(out)[0] == 0  # the rerun, with room again
    assert not differences(snapshot(out / "graph.trig"), snapshot(clean / "graph.trig"))
    assert all((out / name).stat().st_size > 0 for name in OUTPUTS)


def test_a_full_disk_leaves_the_previous_outputs_whole(clean: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    shutil.copytree(clean, out)
    (out / ".kg-outputs.json").unlink()  # else the outputs of an unchanged store are kept, not written
    before = (out / "actors.png").read_bytes()
    monkeypatch.setattr(kg.store, "_write_exports", lambda dataset, targets: None)  # quick exports
    _fail_png(monkeypatch)
    code, output = _build(out)
    assert code == 1 and "actors.png" in output
    assert (out / "actors.png").read_bytes() == before
    assert not list(out.glob(".*.part"))


def test_closing_a_store_whose_flush_fails_is_one_line_and_does_not_hide_the_cause(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")

    class Full:
        def flush(self) -> None:
            raise OSError(_ROCKSDB_FULL)
    real, store._store = store._store, Full()
    with pytest.raises(StoreError, match="cannot flush the store"):
        store.close()
    del real
    store = Store(tmp_path / "store")
    real, store._store = store._store, Full()
    with pytest.raises(KeyError):  # the error on its way out, not the close it made fail
        with store:
            raise KeyError("first")


def test_disk_full_is_told_apart_from_other_failures() -> None:
    assert is_no_space(_store_full())
    assert is_no_space(_file_full("x"))
    assert is_no_space(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert not is_no_space(StoreError("cannot write to the store: Corruption: bad block"))
    assert not is_no_space(OSError(errno.EACCES, "Permission denied"))
