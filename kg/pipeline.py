"""The whole run, stage after stage: ingest -> nlp -> actors -> extract -> rdf -> store -> graph/draw.

Articles stream through: each is parsed, extracted and written to the store before the
next batch is read, so memory does not grow with the corpus. A bad input is reported
and skipped; an article that fails later in the pipeline is reported and skipped too,
and whatever the store already holds is kept.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .draw import draw_relationships
from .extract import extract
from .graph import projection
from .ingest import is_notice, iter_articles
from .nlp import parse
from .rdf import extraction_graph, run_graph
from .records import ArticleExtraction, Problem
from .store import STORE_DIR, Store

ProblemHandler = Callable[[Problem], None]


@dataclass
class BuildSummary:
    """What a build read, skipped and wrote."""

    articles: int = 0
    skipped: int = 0
    notices: int = 0
    actors: set[str] = field(default_factory=set)
    statements: Counter = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        """A short human summary, one fact per line."""
        relations = ", ".join(f"{rel} {n}" for rel, n in sorted(self.statements.items())) or "none"
        out = [
            f"articles read: {self.articles} (skipped {self.skipped}, notices {self.notices})",
            f"actors: {len(self.actors)}",
            f"statements: {relations}",
        ]
        out += [f"wrote: {path}" for path in self.files]
        return out


class _Tally:
    """Counts problems as they are reported, and passes them on."""

    def __init__(self, summary: BuildSummary, on_problem: ProblemHandler) -> None:
        self.summary = summary
        self.on_problem = on_problem

    def __call__(self, problem: Problem) -> None:
        if is_notice(problem):
            self.summary.notices += 1
        else:
            self.summary.skipped += 1
        self.on_problem(problem)


def extractions(sources: Iterable[str], on_problem: ProblemHandler, *, stdin=None,
                summary: BuildSummary | None = None) -> Iterator[ArticleExtraction]:
    """Ingest, parse and extract, streaming one article's extraction at a time."""
    summary = summary if summary is not None else BuildSummary()
    tally = _Tally(summary, on_problem)
    for parsed in parse(iter_articles(sources, tally, stdin=stdin)):
        try:
            result = extract(parsed)
        except Exception as error:  # one odd article must not stop a long run
            tally(Problem(parsed.article.source or parsed.article.id, f"extraction failed: {_one_line(error)}"))
            continue
        summary.articles += 1
        yield result


def build(sources: Iterable[str], out_dir: str | Path, on_problem: ProblemHandler, *, stdin=None) -> BuildSummary:
    """Build the graph of `sources` into `out_dir`: store, TriG, Turtle and a diagram."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary()
    started = datetime.now(timezone.utc)
    article_ids: list[str] = []
    with Store(out / STORE_DIR) as store:
        for result in extractions(sources, on_problem, stdin=stdin, summary=summary):
            try:
                store.replace_article(extraction_graph(result))
            except Exception as error:
                summary.articles -= 1
                _Tally(summary, on_problem)(Problem(result.article.source or result.article.id,
                                                    f"could not be stored: {_one_line(error)}"))
                continue
            article_ids.append(result.article.id)
            summary.actors.update(a.key for a in result.actors)
            summary.statements.update(s.relation for s in result.statements)
        store.add_default(run_graph(started, datetime.now(timezone.utc), article_ids))
        summary.files += _write_outputs(store, out)
    return summary


def _write_outputs(store: Store, out: Path) -> list[Path]:
    written = []
    for name, fmt in (("graph.trig", "trig"), ("graph.ttl", "ttl")):
        store.export(out / name, fmt)
        written.append(out / name)
    diagram = draw_relationships(projection(store), out / "actors.png", title="Actors and their relations")
    written.append(diagram)
    written.append(out / STORE_DIR)
    return written


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]
