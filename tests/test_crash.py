"""Crash safety of `kg build` (issue 8): SIGKILL at chosen points, then reopen, check, rerun.

`kg build` runs as a subprocess over a small synthetic corpus (`scripts/synth.py`, each article
cut to its headline and first two paragraphs) and is killed with SIGKILL at points chosen
deterministically: either by the build itself, through a hook this file installs when run as a
script (`python tests/test_crash.py POINT -- build ARGS...`), which sends SIGKILL to its own
process at the N-th extraction, the N-th write of article graphs, the N-th store update of resolution, or
halfway through writing graph.ttl, actors.png or actors.html; or from outside, once the store's
write-ahead log has grown past a size (a poll on a condition, so the kill lands wherever the
writer is, possibly inside RocksDB).  SIGKILL leaves no chance to clean up, flush or close.

After each kill:
* the store reopens (`kg.store.Store`), and every article named graph in it is complete: it is
  isomorphic to that article's graph in an uninterrupted reference build, as extraction left it
  or as resolution left it (or, over an older build, as that build left it), never in between;
* every output file present is complete (graph.ttl and graph.trig parse to the end, the PNG has
  its IEND chunk, the page its </html>); one killed while being written is the old file, byte
  for byte, since outputs are written to a temporary file and renamed;
* rerunning the same build gives a store isomorphic to the uninterrupted build's (article graphs
  one by one; the default graph with the build record's run IRI and times set aside).

The kill mid-resolution found that resolution was not atomic; it now is (see POINTS).
Runs in about a minute and a half (marked `slow`: deselect with -m "not slow").
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.vocab import RESOLUTION_GRAPH

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]

#: how many articles the corpus has, and how many the older build (the B scenarios) had: chosen so
#: that resolution merges actors in both builds (articles 4 and 44 name Kostaras, 32 and 40 Lindqvist).
ARTICLES, OLDER = 45, 34
OUTPUTS = ("graph.trig", "graph.ttl", "actors.png", "actors.html")


# --- the build, run as a subprocess ------------------------------------------------------------

def corpus(folder: Path, n: int) -> Path:
    """The first `n` synthetic articles, each cut to headline and two paragraphs, as JSON lines."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    path = folder / f"corpus-{n}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for record in synth.iter_articles(n):
            record["text"] = "\n\n".join(record["text"].split("\n\n")[:3]) + "\n"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def build(source: Path, out: Path, point: str | None = None) -> subprocess.CompletedProcess:
    """`kg build SOURCE -o OUT` in a subprocess, armed to kill itself at `point` (see `_arm`)."""
    command = [sys.executable, __file__, point or "none", "--", "build", str(source), "-o", str(out)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)


def build_killed_from_outside(source: Path, out: Path, wal_bytes: int) -> int:
    """`kg build`, killed with SIGKILL by this process once the store's write-ahead log holds
    `wal_bytes` (polled; the condition, not a time, decides).  Its exit status."""
    process = subprocess.Popen([sys.executable, __file__, "none", "--", "build", str(source), "-o", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        while process.poll() is None:
            logs = (out / "store").glob("*.log")
            if sum(_size(p) for p in logs) >= wal_bytes:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        return process.wait(timeout=600)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # rotated away meanwhile
        return 0


# --- what a store holds --------------------------------------------------------------------------

@dataclass
class Snapshot:
    """A store's content: each named graph, and the default graph with run IRIs and times set aside."""

    graphs: dict[str, frozenset[str]]  # graph IRI -> its triples as N-Triples lines
    default: frozenset[str]

    def isomorphic(self, name: str, other: Snapshot) -> bool:
        """Whether graph `name` is the same in both (rdflib's isomorphism: blank nodes may differ)."""
        from rdflib.compare import isomorphic

        if name not in self.graphs or name not in other.graphs:
            return False
        if self.graphs[name] == other.graphs[name]:
            return True
        return isomorphic(_rdflib(self.graphs[name]), _rdflib(other.graphs[name]))


_RESOLVED_IN = "<https://w3id.org/kg-news/ns#resolvedIn>"


def snapshot(nquads: bytes) -> Snapshot:
    """Read an N-Quads dump (as `Store.export(..., "nq")` writes it)."""
    import pyoxigraph as ox

    graphs: dict[str, set[str]] = {}
    default: list[ox.Triple] = []
    for quad in ox.parse(nquads, ox.RdfFormat.N_QUADS):
        if isinstance(quad.graph_name, ox.DefaultGraph):
            default.append(quad.triple)
        else:
            if str(quad.predicate) != _RESOLVED_IN:  # a token the batches of a build advance
                graphs.setdefault(str(quad.graph_name), set()).add(f"{quad.triple} .")
    return Snapshot({g: frozenset(t) for g, t in graphs.items()}, _without_run_times(default))


def store_snapshot(out: Path, scratch: Path) -> Snapshot:
    """Open the store of build folder `out` (it must reopen after any kill) and read it all."""
    from kg.store import Store

    dump = scratch / "dump.nq"
    with Store(out / "store") as store:
        assert len(store) >= 0
        store.export(dump, "nq")
    return snapshot(dump.read_bytes())


def _without_run_times(triples: list) -> frozenset[str]:
    """The default graph with each build run (a prov:Activity) called <urn:run> and its times dropped."""
    prov = "http://www.w3.org/ns/prov#"
    runs = {str(t.subject) for t in triples
            if str(t.predicate) == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
            and str(t.object) == f"<{prov}Activity>"}
    lines = set()
    for t in triples:
        if str(t.predicate) in (f"<{prov}startedAtTime>", f"<{prov}endedAtTime>"):
            continue
        subject = "<urn:run>" if str(t.subject) in runs else str(t.subject)
        obj = "<urn:run>" if str(t.object) in runs else str(t.object)
        lines.add(f"{subject} {t.predicate} {obj} .")
    return frozenset(lines)


def _rdflib(lines: frozenset[str]):
    from rdflib import Graph

    return Graph().parse(data="\n".join(lines), format="nt")


# --- references: uninterrupted builds ------------------------------------------------------------

@dataclass
class Reference:
    """An uninterrupted build: its store before resolution (`pre`) and at the end (`post`), its outputs."""

    pre: Snapshot
    post: Snapshot
    outputs: dict[str, bytes]


def reference(source: Path, out: Path, scratch: Path) -> Reference:
    """Build `source` into `out` without a kill, keeping a dump of the store just before resolution."""
    dump = scratch / f"pre-{out.name}.nq"
    result = build(source, out, f"snapshot:{dump}")
    assert result.returncode == 0, result.stderr
    return Reference(snapshot(dump.read_bytes()), store_snapshot(out, scratch),
                     {name: (out / name).read_bytes() for name in OUTPUTS})


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The corpus, the older corpus, and the reference builds: A (fresh) and B (over an older build)."""
    folder = tmp_path_factory.mktemp("crash")
    scratch = folder / "scratch"
    scratch.mkdir()
    source, older = corpus(folder, ARTICLES), corpus(folder, OLDER)
    fresh = reference(source, folder / "ref-a", scratch)
    base = reference(older, folder / "base", scratch)
    shutil.copytree(folder / "base", folder / "ref-b")
    over = reference(source, folder / "ref-b", scratch)
    return {"folder": folder, "scratch": scratch, "source": source, "fresh": fresh, "base": base, "over": over}


# --- the checks ----------------------------------------------------------------------------------

def check_complete_graphs(killed: Snapshot, allowed: list[Snapshot]) -> None:
    """Every named graph of the killed store is one of the states an uninterrupted build passes
    through; but the resolution graph of a whole-corpus resolution, written a chunk at a time,
    may be part-written when it lacks its registry digest (the mark of a finished resolution,
    without which the next build resolves the whole corpus again)."""
    for name in killed.graphs:
        if name == f"<{RESOLUTION_GRAPH}>" and not any(_DIGEST in line for line in killed.graphs[name]):
            continue
        if not any(killed.isomorphic(name, state) for state in allowed):
            last = allowed[-1].graphs.get(name, frozenset())
            extra, missing = sorted(killed.graphs[name] - last)[:3], sorted(last - killed.graphs[name])[:3]
            raise AssertionError(f"graph {name} is none of the states of an uninterrupted build; against the "
                                 f"last: {len(killed.graphs[name] - last)} more triples {extra}, "
                                 f"{len(last - killed.graphs[name])} fewer {missing}")


_DIGEST = "<https://w3id.org/kg-news/ns#registryDigest>"


def check_outputs(out: Path, old: dict[str, bytes] | None, killed_in: str | None) -> None:
    """Each output present is whole; the one the build was killed writing is the old one."""
    import pyoxigraph as ox

    for name in OUTPUTS:
        path = out / name
        if not path.exists():
            assert old is None, f"{name} vanished"
            continue
        data = path.read_bytes()
        if name.endswith((".ttl", ".trig")):
            fmt = ox.RdfFormat.TURTLE if name.endswith(".ttl") else ox.RdfFormat.TRIG
            assert sum(1 for _ in ox.parse(data, fmt)) > 0, f"{name} is empty"
        elif name.endswith(".png"):
            assert data.startswith(b"\x89PNG") and data[-12:-4] == b"\x00\x00\x00\x00IEND", f"{name} is cut short"
        else:
            assert data.rstrip().endswith(b"</html>"), f"{name} is cut short"
        if name == killed_in:
            assert old is not None and data == old[name], f"{name} is not the old file"


def check_rerun(source: Path, out: Path, expected: Reference, scratch: Path) -> None:
    """Building again, uninterrupted, gives what the uninterrupted build gave."""
    result = build(source, out)
    assert result.returncode == 0, result.stderr
    got = store_snapshot(out, scratch)
    assert sorted(got.graphs) == sorted(expected.post.graphs)
    different = [g for g in got.graphs if not got.isomorphic(g, expected.post)]
    assert different == [], f"graphs that differ from the uninterrupted build: {different[:5]}"
    assert got.default == expected.post.default, (f"default graph: more {sorted(got.default - expected.post.default)[:3]}, "
                                                  f"fewer {sorted(expected.post.default - got.default)[:3]}")
    check_outputs(out, None, None)


# --- the kill points -----------------------------------------------------------------------------

#: (kill point, which build: "A" fresh or "B" over an older build, output killed while written, rerun?)
#: A kill mid-resolution (found by this file): resolution writes its merges, its record of the
#: names merged away and its own graph in one transaction; the graphs a killed build wrote are not
#: tied to a finished build record, so the rerun extracts them again and keeps the others: it
#: converges both on a fresh store (A) and over an older build (B).
POINTS = [
    pytest.param("extract:12", "A", None, False, id="A-early-in-extraction"),
    pytest.param("wal:600000", "A", None, True, id="A-mid-store-writes-from-outside"),
    pytest.param("resolve:3", "A", None, False, id="A-during-resolution"),
    pytest.param("findings:3", "A", None, True, id="A-while-resolution-writes-its-findings"),
    pytest.param("store:5", "B", None, False, id="B-between-article-writes"),
    pytest.param("resolve:3", "B", None, True, id="B-during-resolution"),
    pytest.param("export:ttl", "B", "graph.ttl", True, id="B-writing-graph.ttl"),
    pytest.param("draw", "B", "actors.png", False, id="B-writing-actors.png"),
    pytest.param("html", "B", "actors.html", False, id="B-writing-actors.html"),
]


@pytest.mark.parametrize("point, kind, killed_in, rerun", POINTS)
def test_a_killed_build_leaves_whole_graphs_and_reruns_to_the_same_store(
        world: dict, point: str, kind: str, killed_in: str | None, rerun: bool) -> None:
    folder, scratch, source = world["folder"], world["scratch"], world["source"]
    out = folder / f"killed-{kind}-{point.replace(':', '-')}"
    if kind == "B":
        shutil.copytree(folder / "base", out)
    if point.startswith("wal:"):
        status = build_killed_from_outside(source, out, int(point.split(":")[1]))
    else:
        status = build(source, out, point).returncode
    assert status == -signal.SIGKILL, f"the build was not killed at {point} (exit status {status})"

    killed = store_snapshot(out, scratch)
    expected = world["fresh"] if kind == "A" else world["over"]
    allowed = ([world["base"].post] if kind == "B" else []) + [expected.pre, expected.post]
    failures = []  # every check runs, so that a failure of one still shows what the others say
    for check in (lambda: check_complete_graphs(killed, allowed),
                  lambda: check_outputs(out, world["base"].outputs if kind == "B" else None, killed_in),
                  lambda: check_rerun(source, out, expected, scratch) if rerun else None):
        try:
            check()
        except AssertionError as failure:
            failures.append(str(failure).splitlines()[0][:600])
    assert set(killed.graphs) <= set(expected.post.graphs) | set(world["base"].post.graphs if kind == "B" else ())
    assert not failures, "\n".join(failures)


def test_a_whole_resolution_killed_while_writing_its_findings_is_redone_by_the_next_build(world: dict) -> None:
    """`kg resolve --full` over a finished build, killed once its findings are half written: the
    article graphs are as the build left them, the resolution graph has lost its digest (so it
    is seen as unfinished), and the next build resolves again to the uninterrupted build's store."""
    folder, scratch, source = world["folder"], world["scratch"], world["source"]
    out = folder / "killed-resolve-full"
    shutil.copytree(folder / "ref-a", out)
    command = [sys.executable, __file__, "findings:3", "--", "resolve", "--full", str(out / "store")]
    status = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600).returncode
    assert status == -signal.SIGKILL, f"kg resolve --full was not killed (exit status {status})"
    killed = store_snapshot(out, scratch)
    resolution = killed.graphs[f"<{RESOLUTION_GRAPH}>"]
    assert not any(_DIGEST in line for line in resolution)
    assert len(resolution) < len(world["fresh"].post.graphs[f"<{RESOLUTION_GRAPH}>"])
    check_complete_graphs(killed, [world["fresh"].post])
    check_rerun(source, out, world["fresh"], scratch)


def test_the_references_differ_where_the_checks_look(world: dict) -> None:
    """The checks can fail: resolution rewrites some graphs, and the older build's outputs differ."""
    fresh = world["fresh"]
    assert any(not fresh.pre.isomorphic(g, fresh.post) for g in fresh.pre.graphs)
    assert len(fresh.post.graphs) > ARTICLES
    assert all(world["base"].outputs[name] != world["over"].outputs[name] for name in ("graph.ttl", "actors.html"))


# --- run as a script: the armed build --------------------------------------------------------------

def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _countdown(n: int) -> Iterator[bool]:
    """True at the n-th step."""
    step = 0
    while True:
        step += 1
        yield step == n


def _arm(point: str) -> None:
    """Patch kg so that this process SIGKILLs itself at `point`, or (snapshot:PATH) dumps the store
    before resolution; "none" leaves kg alone."""
    import kg.pipeline
    import kg.store

    kind, _, arg = point.partition(":")
    if kind == "extract":
        calls, extract_one = _countdown(int(arg)), kg.pipeline._extract_one

        def counted_extract(parsed):
            if next(calls):
                _die()
            return extract_one(parsed)
        kg.pipeline._extract_one = counted_extract
    elif kind == "store":  # the build's writes of article graphs into its store folder
        kg.pipeline.WRITE_BATCH = 2  # several writes, even of the few articles a build over an older one adds
        writes, replace = _countdown(int(arg)), kg.store.Store.replace_graphs

        def counted_replace(self, graphs, *args, **kwargs):
            if next(writes):
                _die()
            return replace(self, graphs, *args, **kwargs)
        kg.store.Store.replace_graphs = counted_replace
    elif kind in ("resolve", "snapshot"):
        resolve, update = kg.pipeline.resolve, kg.store.Store.update
        updates = _countdown(int(arg) if kind == "resolve" else 0)
        resolving = []

        def watched_resolve(store, *args, **kwargs):
            if kind == "snapshot":
                store.export(arg, "nq")
            resolving.append(True)
            return resolve(store, *args, **kwargs)

        def counted_update(self, sparql):
            if resolving and next(updates):
                _die()
            return update(self, sparql)
        kg.pipeline.resolve = watched_resolve
        kg.store.Store.update = counted_update
    elif kind == "findings":  # the chunks a resolution of the whole corpus writes its findings in
        kg.store.WRITER_CHUNK = 20
        chunks, add_quads = _countdown(int(arg)), kg.store.Store.add_quads

        def counted_add_quads(self, graph):
            if next(chunks):
                _die()
            return add_quads(self, graph)
        kg.store.Store.add_quads = counted_add_quads
    elif kind == "export":
        write_exports = kg.store._write_exports

        def half_export(store, targets, **kwargs):
            if arg not in (fmt for _, fmt in targets):
                return write_exports(store, targets, **kwargs)
            import io

            wholes = [io.BytesIO() for _ in targets]
            write_exports(store, [(whole, fmt) for whole, (_, fmt) in zip(wholes, targets)], **kwargs)
            for whole, (out, fmt) in zip(wholes, targets):
                out.write(whole.getvalue()[: len(whole.getvalue()) // (2 if fmt == arg else 1)])
                out.flush()
            _die()
        kg.store._write_exports = half_export
    elif kind == "draw":
        from matplotlib.figure import Figure
        savefig = Figure.savefig

        def half_savefig(self, fname, *args, **kwargs):
            import io

            whole = io.BytesIO()
            savefig(self, whole, *args, **kwargs)
            Path(fname).write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
            _die()
        Figure.savefig = half_savefig
    elif kind == "html":
        write_text = Path.write_text

        def half_write_text(self, data, *args, **kwargs):
            if self.name.endswith(".html.part"):
                write_text(self, data[: len(data) // 2], *args, **kwargs)
                _die()
            return write_text(self, data, *args, **kwargs)
        Path.write_text = half_write_text
    elif kind != "none":
        raise SystemExit(f"unknown kill point {point!r}")


if __name__ == "__main__":
    point, separator, *arguments = sys.argv[1:]
    assert separator == "--", "usage: test_crash.py POINT -- KG-ARGUMENTS..."
    _arm(point)
    from kg.cli import main

    main(arguments, prog_name="kg")
