"""kg.store's exports in bounded memory (an external merge sort of N-Triples lines) and the
store's fingerprint, which says whether a build's outputs need writing again.

The exports are compared byte for byte with the implementation they replaced, which sorted
every graph's lines whole in memory (`_oracle`), on the fixture articles and the demo corpus,
with runs small enough that every graph, and the merged formats' whole store, is sorted in
several runs merged together."""
from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

import fixtures_rdf as fx
import kg.store
from kg import rdf
from kg.jsonld import write_jsonld
from kg.pipeline import build
from kg.store import Store, _EXPORT_PREFIXES, _EXPORTS, _write_exports, open_store
from kg.vocab import graph_iri

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _oracle(store: ox.Store, fmt: str) -> bytes:
    """The export as kg wrote it before it bounded its memory: each graph's lines (for the merged
    formats, every graph's) sorted whole in memory."""
    def graphs() -> list:
        return [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]

    def triple_lines(graph) -> set[bytes]:  # noqa: ANN001
        return set(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).splitlines()) - {b""}

    def quad_lines(graph) -> list[bytes]:  # noqa: ANN001
        end = b" .\n" if isinstance(graph, ox.DefaultGraph) else b" " + str(graph).encode("utf-8") + b" .\n"
        return [line[:-2] + end for line in sorted(triple_lines(graph))]

    out = io.BytesIO()
    merged, rdf_format = _EXPORTS[fmt]
    if rdf_format == ox.RdfFormat.JSON_LD:
        write_jsonld(out, ((None if isinstance(graph, ox.DefaultGraph) else graph,
                            (quad.triple for quad in ox.parse(b"\n".join(sorted(triple_lines(graph))),
                                                              ox.RdfFormat.N_TRIPLES)))
                           for graph in graphs()))
    elif merged:
        lines = sorted({line for graph in graphs() for line in triple_lines(graph)})
        if rdf_format == ox.RdfFormat.N_TRIPLES:
            out.writelines(line + b"\n" for line in lines)
        else:
            triples = (quad.triple for quad in ox.parse(b"\n".join(lines), ox.RdfFormat.N_TRIPLES))
            ox.serialize(triples, out, rdf_format, prefixes=_EXPORT_PREFIXES)
    elif rdf_format == ox.RdfFormat.N_QUADS:
        out.writelines(line for graph in graphs() for line in quad_lines(graph))
    else:
        quads = (quad for graph in graphs() for quad in ox.parse(b"".join(quad_lines(graph)), ox.RdfFormat.N_QUADS))
        ox.serialize(quads, out, rdf_format, prefixes=_EXPORT_PREFIXES)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus built (and resolved) into a fresh store: its folder."""
    out = tmp_path_factory.mktemp("seeds-export")
    build([str(SEEDS)], out, lambda problem: None, validate=False, outputs=())
    return out / "store"


def _fixtures(_: Path) -> Store:
    return fx.loaded_store(resolved=True)


def _seeds(path: Path) -> Store:
    return Store(path, read_only=True)


@pytest.mark.parametrize("run_lines, fan_in", [(200_000, 64), (7, 64), (7, 2), (2, 3)],
                         ids=["one-run", "runs-of-7", "runs-of-7-merged-in-pairs", "runs-of-2-merged-in-threes"])
@pytest.mark.parametrize("fmt", ["trig", "ttl", "nq", "nt", "jsonld"])
@pytest.mark.parametrize("opened", [_fixtures, _seeds], ids=["fixtures", "seeds"])
def test_export_is_byte_for_byte_what_the_whole_sort_wrote(seeds_store: Path, opened, fmt: str, run_lines: int,  # noqa: ANN001
                                                           fan_in: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """However small the runs (the merged formats: lines shared by several graphs, and so by
    several runs, written once) and however few runs are merged at once."""
    monkeypatch.setattr(kg.store, "_MERGE_FAN_IN", fan_in)
    with opened(seeds_store) as store:
        dataset = store._dataset()
        written = io.BytesIO()
        _write_exports(dataset, [(written, fmt)], run_lines=run_lines)
        assert written.getvalue() == _oracle(dataset, fmt) and len(written.getvalue()) > 1000


@pytest.mark.parametrize("run_lines", [200_000, 7], ids=["one-run", "runs-of-7"])
@pytest.mark.parametrize("pair", [("trig", "ttl"), ("nq", "nt"), ("jsonld", "ttl"), ("ttl", "trig")])
def test_two_formats_read_at_once_are_what_each_alone_writes(seeds_store: Path, pair: tuple[str, str],
                                                             run_lines: int) -> None:
    """A build's graph.trig and graph.ttl come from one read of the store (`export_many`): each
    is byte for byte the file its own export writes, and the fingerprint is the store's."""
    with _seeds(seeds_store) as store:
        dataset = store._dataset()
        written = [io.BytesIO(), io.BytesIO()]
        fingerprint = _write_exports(dataset, list(zip(written, pair)), run_lines=run_lines)
        for out, fmt in zip(written, pair):
            assert out.getvalue() == _oracle(dataset, fmt)
        assert fingerprint == store.fingerprint()


def test_an_export_reads_one_format_of_each_kind_at_once(seeds_store: Path) -> None:
    """Two formats that keep graphs (or two merged ones) would need two reads: refused."""
    with _seeds(seeds_store) as store, pytest.raises(ValueError, match="one format by graph"):
        _write_exports(store._dataset(), [(io.BytesIO(), "trig"), (io.BytesIO(), "nq")])


def test_the_merged_formats_hold_a_statement_several_graphs_make_once(tmp_path: Path) -> None:
    """Kessel's label is in both fixture articles: once in graph.ttl and all.nt, twice in all.nq."""
    label = b'<https://w3id.org/kg-news/id/actor/mira-kessel> <http://www.w3.org/2000/01/rdf-schema#label> "Mira Kessel"@en'
    with fx.loaded_store() as store:
        for name in ("all.nt", "all.nq"):
            store.export(tmp_path / name)
    assert (tmp_path / "all.nt").read_bytes().count(label + b" .\n") == 1
    assert (tmp_path / "all.nq").read_bytes().count(label + b" <") == 2


def test_an_export_spills_its_runs_beside_the_file_it_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The temporary runs go to the output's folder (the disk it writes to), and none is left."""
    folders: list[str | None] = []
    real = kg.store.tempfile.TemporaryFile

    def temporary(*args, dir=None, **kwargs):  # noqa: A002, ANN001, ANN002, ANN003, ANN202
        folders.append(None if dir is None else str(dir))
        return real(*args, dir=dir, **kwargs)
    monkeypatch.setattr(kg.store.tempfile, "TemporaryFile", temporary)
    monkeypatch.setattr(kg.store, "EXPORT_RUN_LINES", 5)
    target = tmp_path / "exports" / "all.ttl"
    with fx.loaded_store() as store:
        store.export(target)
    assert folders and set(folders) == {str(target.parent)}
    assert sorted(p.name for p in target.parent.iterdir()) == ["all.ttl"]


# --- the fingerprint -----------------------------------------------------------------------------

_T1 = graph_iri("t1")


@pytest.mark.parametrize("change, changes", [
    pytest.param(lambda store: store.add_default(rdf.run_graph(fx.RUN_ENDED, fx.RUN_ENDED, ["t1", "t2"])), False,
                 id="another-build-record"),
    pytest.param(lambda store: None, False, id="nothing"),
    pytest.param(lambda store: store.remove_article("t2"), True, id="remove"),
    pytest.param(lambda store: store.replace_article(rdf.extraction_graph(fx.meeting_extraction())), True,
                 id="replace-article"),
    pytest.param(lambda store: store.update(f"DELETE {{ GRAPH <{_T1}> {{ ?a rdfs:label 'Mira Kessel'@en }} }} "
                                            f"INSERT {{ GRAPH <{_T1}> {{ ?a rdfs:label 'Mira Kesel'@en }} }} "
                                            f"WHERE {{ GRAPH <{_T1}> {{ ?a rdfs:label 'Mira Kessel'@en }} }}"),
                 True, id="update-same-size"),
    pytest.param(lambda store: store.update("INSERT DATA { <https://example.org/a> rdfs:label 'a' }"), True,
                 id="update-default-graph"),
    pytest.param(lambda store: store.update("INSERT DATA { GRAPH <https://example.org/g> "
                                            "{ <https://example.org/a> rdfs:label 'a' } }"), True,
                 id="update-new-graph"),
])
def test_the_fingerprint_changes_with_everything_but_the_build_records(change, changes: bool) -> None:  # noqa: ANN001
    with fx.loaded_store(resolved=True) as store:
        before = store.fingerprint()
        change(store)
        assert (store.fingerprint() != before) == changes


def test_the_fingerprint_of_a_store_reopened_is_the_same(seeds_store: Path) -> None:
    with open_store(seeds_store, read_only=True) as first:
        once = first.fingerprint()
    with open_store(seeds_store, read_only=True) as again:
        assert again.fingerprint() == once



@pytest.mark.parametrize("fmt", ["trig", "ttl", "nq", "nt", "jsonld"])
def test_an_export_returns_the_fingerprint_of_what_it_read(tmp_path: Path, fmt: str) -> None:
    with fx.loaded_store(resolved=True) as store:
        assert store.export(tmp_path / f"all.{fmt}", fmt) == store.fingerprint()
