"""`GraphStore.compact`, which `kg.pipeline.finish_build` calls after a build that wrote many
graphs: the store keeps every quad, and a store with nothing to compact is left alone."""
from __future__ import annotations

from pathlib import Path

import pytest

import fixtures_rdf as fx
from kg.store import RemoteStore, Store


@pytest.mark.parametrize("on_disk", [True, False])
def test_compacting_keeps_every_quad(tmp_path: Path, on_disk: bool) -> None:
    with fx.loaded_store(tmp_path / "store" if on_disk else None, resolved=True) as store:
        before = sorted(map(str, store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows))
        store.compact()
        assert sorted(map(str, store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows)) == before


def test_a_read_only_or_remote_store_is_not_compacted(tmp_path: Path) -> None:
    fx.loaded_store(tmp_path / "store").close()
    with Store(tmp_path / "store", read_only=True) as reader:
        reader.compact()  # kg compacts only a store it writes
        assert len(reader) > 0
    RemoteStore("http://127.0.0.1:9").compact()  # nothing is sent
