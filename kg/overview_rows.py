"""The rows a build's overview reads from each article graph, kept between builds in the out
folder (`ROWS_FILE`), so that a build reads again only the graphs that changed.

The overview (`kg.graph.overview_projection`) ranks every actor by all the events of the store,
then reads the sentences of the edges it keeps: at 10,000 articles about 40,000 events and their
sentences, 9 s of Oxigraph joins each build, most of them about articles nothing changed.

What is kept of a graph is kept while its resolution token is the same (`kg:resolvedIn`, which
changes each time a resolution records the graph, `kg.resolve`): an article graph changes only where a
resolution records it again (extracted, rewritten by a merge or a removal, or any graph after a
resolution of the whole corpus, which `kg query --update` asks for), and a build resolves before
it draws. A graph with no token (never resolved) is read every time. So is everything when the
file is missing, unreadable, or was written by queries other than the reader's (`made_by`).
Not seen: a change made past kg (a writable `kg serve`, which incremental resolution does not
see either), and articles edited in place in a store whose resolution graph was dropped too
(which starts the tokens again).
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from .store import GraphStore, side_by_side
from .vocab import ID, RESOLUTION_GRAPH

__all__ = ["ROWS_FILE", "GraphRows", "kept_graph_rows"]

#: the file, in a build's out folder, that keeps the overview's rows of each article graph
ROWS_FILE = ".kg-overview-rows.json"
_FORMAT = 1
_GRAPHS = str(ID["graph/"])
_RESOLVED_IN = f"SELECT ?g ?token WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?g kg:resolvedIn ?token }} }}"
_NAMED_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { } }"


@dataclass
class GraphRows:
    """What the overview reads from one article graph, as plain values (str, int, None)."""

    events: dict[str, list[tuple]] = field(default_factory=dict)  # relation -> its events' rows
    articles: list[tuple] = field(default_factory=list)  # (article, identifier, published)
    sentences: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # event -> (begin, text)


def kept_graph_rows(store: GraphStore, path: Path, made_by: str,
                    read: Callable[[Collection[str] | None], dict[str, GraphRows]]) -> dict[str, GraphRows]:
    """Article graph -> its rows, for every article graph of `store`: as kept in `path` where
    the graph's resolution token is the one kept with them, else by `read` (given the graphs
    to read, or None for all, when that is most of them); `path` is then written with them all.
    `made_by` names what the rows are read by: rows kept by another are read again."""
    recorded, named = side_by_side(lambda: store.query(_RESOLVED_IN).rows, lambda: store.query(_NAMED_GRAPHS).rows)
    tokens = {str(graph): str(token) for graph, token in recorded}
    graphs = {str(graph) for (graph,) in named if str(graph).startswith(_GRAPHS)}
    rows = {graph: kept for graph, (token, kept) in _load(path, made_by).items()
            if graph in graphs and tokens.get(graph) == token}
    stale = graphs - rows.keys()
    if stale:
        found = read(None if len(stale) > len(graphs) / 2 else stale)
        rows.update({graph: found.get(graph, GraphRows()) for graph in stale})
    _save(path, made_by, {graph: (tokens[graph], kept) for graph, kept in rows.items() if graph in tokens})
    return rows


def _load(path: Path, made_by: str) -> dict[str, tuple[str, GraphRows]]:
    """graph -> (token, rows) as `path` keeps them; nothing if it is missing, unreadable or
    made by another reader."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("format") != _FORMAT or kept.get("made_by") != made_by:
            return {}
        return {graph: (token, GraphRows({relation: [tuple(row) for row in found] for relation, found in events.items()},
                                       [tuple(row) for row in articles],
                                       {event: [tuple(s) for s in told] for event, told in sentences.items()}))
                for graph, (token, events, articles, sentences) in kept["graphs"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _save(path: Path, made_by: str, rows: dict[str, tuple[str, GraphRows]]) -> None:
    """Write `rows` into `path` whole or not at all; one that cannot be written is left out
    (the next build reads those graphs again)."""
    kept = {"format": _FORMAT, "made_by": made_by,
            "graphs": {graph: [token, kept.events, kept.articles, kept.sentences] for graph, (token, kept) in sorted(rows.items())}}
    temporary = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f"{path.name}.",
                                         delete=False) as file:
            temporary = Path(file.name)
            json.dump(kept, file, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
