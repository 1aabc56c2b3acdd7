"""The actors of a build of the shared development corpus (real news nobody here wrote) have clean
labels: no dateline, weekday, possessive fragment, title or headline verb left in them
(`kg.names.suspect_reasons`), and one node per real actor by the corpus's own gold table (the
shared `actors.py`). Skipped where the shared corpus is not beside this checkout."""
from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib

from kg.names import suspect_reasons
from kg.pipeline import build

SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
DEV_DOCS = SHARED_EVAL / "dev" / "docs"
DEV_GOLD = SHARED_EVAL / "dev" / "gold.json"
ACTORS_SCRIPT = SHARED_EVAL / "actors.py"
pytestmark = [pytest.mark.skipif(not DEV_DOCS.exists(), reason="the shared dev set is not beside this checkout"),
              pytest.mark.slow]

SKOS = "http://www.w3.org/2004/02/skos/core#"
ACTOR = "http://semanticweb.cs.vu.nl/2009/11/sem/Actor"


@pytest.fixture(scope="module")
def dev_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev") / "out"
    build([str(DEV_DOCS)], out, lambda problem: None, registry=None, workers=2)
    return out


def _actor_labels(trig: Path) -> dict[str, tuple[str, set[str]]]:
    """Every actor node of the build: its kind and its labels, over all graphs."""
    dataset = rdflib.Dataset()
    dataset.parse(trig, format="trig")
    kinds: dict[str, str] = {}
    labels: dict[str, set[str]] = defaultdict(set)
    actors = set()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        if p == rdflib.RDF.type:
            if str(o) == ACTOR:
                actors.add(str(s))
            else:
                kinds.setdefault(str(s), str(o).rsplit("/", 1)[-1].rsplit("#", 1)[-1])
        elif str(p) in {SKOS + "prefLabel", SKOS + "altLabel"}:
            labels[str(s)].add(str(o))
    return {a: (kinds.get(a, ""), labels[a]) for a in actors}


def test_no_actor_label_of_the_development_build_is_suspect(dev_build: Path) -> None:
    suspect = {label: reasons for kind, labels in _actor_labels(dev_build / "graph.trig").values()
               for label in labels if (reasons := suspect_reasons(label, kind))}
    assert not suspect, suspect


@pytest.mark.skipif(not ACTORS_SCRIPT.exists(), reason="the shared actors.py is not beside this checkout")
def test_no_node_of_the_development_build_mixes_real_actors_but_where_the_gold_does(dev_build: Path) -> None:
    """`actors.py`'s mixed nodes: only the one its gold table makes (a bare "Curran" given to one
    of two Currans of different articles, though both articles call their own man so)."""
    result = subprocess.run([sys.executable, str(ACTORS_SCRIPT), str(DEV_GOLD), str(dev_build / "graph.trig"),
                             "--verbose"], capture_output=True, text=True, check=True)
    mixed = [line for line in result.stdout.splitlines() if line.startswith("MIXED")]
    assert all("Kevin Curran" in line and "Brendan Curran" in line for line in mixed), mixed
    summary = result.stdout.splitlines()[-1]
    split = int(summary.split("split=")[1].split()[0])
    assert split <= 17, summary
