"""The whole run, stage after stage: ingest -> nlp -> actors -> extract -> rdf -> store -> graph/draw.

Articles stream through: each is parsed, extracted and written to the store before the
next batch is read, so memory does not grow with the corpus. A bad input is reported
and skipped; an article that fails later in the pipeline is reported and skipped too,
and whatever the store already holds is kept.
"""
from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rdflib import Graph

from .draw import draw_relationships
from .extract import extract
from .graph import projection
from .ingest import is_notice, iter_articles
from .nlp import ParsedArticle, parse
from .rdf import extraction_graph, run_graph
from .records import Article, ArticleExtraction, Problem
from .resolve import REGISTRY, Resolution, load_registry, resolve
from .store import STORE_DIR, Store
from .validate import validate_graph
from .vocab import graph_iri, sparql_prologue

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
    violations: list[str] = field(default_factory=list)  # SHACL violations of what was stored
    resolution: Resolution | None = None

    def lines(self) -> list[str]:
        """A short human summary, one fact per line."""
        relations = ", ".join(f"{rel} {n}" for rel, n in sorted(self.statements.items())) or "none"
        out = [
            f"articles read: {self.articles} (skipped {self.skipped}, notices {self.notices})",
            f"actors: {len(self.actors)}",
            f"statements: {relations}",
        ]
        if self.resolution is not None:
            r = self.resolution
            several = sum(1 for reports in r.events if len({x.article for x in reports}) > 1)
            out.append(f"resolution: {len(r.merges)} actor merges, {len(r.ambiguous)} ambiguous names, "
                       f"{several} events reported by several articles, {len(r.conflicts)} conflicts")
        if self.violations:
            out.append(f"shape violations: {len(self.violations)} (see `kg validate`)")
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
                summary: BuildSummary | None = None, workers: int = 1) -> Iterator[ArticleExtraction]:
    """Ingest, parse and extract, streaming one article's extraction at a time.

    With `workers` > 1, batches of articles are parsed and extracted in that many processes
    (one spaCy load each), in input order; ingest stays in this process, so problems are
    reported as they are met and memory stays bounded by the batches in flight."""
    summary = summary if summary is not None else BuildSummary()
    tally = _Tally(summary, on_problem)
    articles = iter_articles(sources, tally, stdin=stdin)
    results = _in_processes(articles, workers) if workers > 1 else (_extract_one(p) for p in parse(articles))
    for result in results:
        if isinstance(result, Problem):
            tally(result)
            continue
        summary.articles += 1
        yield result


def _extract_one(parsed: ParsedArticle) -> ArticleExtraction | Problem:
    try:
        return extract(parsed)
    except Exception as error:  # one odd article must not stop a long run
        return Problem(parsed.article.source or parsed.article.id, f"extraction failed: {_one_line(error)}")


def _extract_batch(batch: list[Article]) -> list[ArticleExtraction | Problem]:
    """A worker process's job: parse and extract one batch (the pipeline is loaded once per process)."""
    return [_extract_one(parsed) for parsed in parse(batch)]


def _in_processes(articles: Iterable[Article], workers: int, batch_size: int = 8) -> Iterator[ArticleExtraction | Problem]:
    batches = _batched(articles, batch_size)
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited threads or store locks
    with context.Pool(workers) as pool:
        for results in pool.imap(_extract_batch, batches):
            yield from results


def _batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def build(sources: Iterable[str], out_dir: str | Path, on_problem: ProblemHandler, *, stdin=None,
          validate: bool = True, registry: str | Path | None = REGISTRY, workers: int = 1) -> BuildSummary:
    """Build the graph of `sources` into `out_dir`: store, TriG, Turtle and a diagram.

    With `validate`, each article graph is checked against the SHACL shapes before it is
    stored; a violation is reported (it means a bug in kg, not in the input) and the graph is
    stored all the same, so that one faulty rule does not hide an article."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary()
    started = datetime.now(timezone.utc)
    article_ids: list[str] = []
    with Store(out / STORE_DIR) as store:
        for result in extractions(sources, on_problem, stdin=stdin, summary=summary, workers=workers):
            try:
                graph = extraction_graph(result)
                if validate:
                    summary.violations += validate_graph(graph).lines()
                store.replace_article(graph)
            except Exception as error:
                summary.articles -= 1
                _Tally(summary, on_problem)(Problem(result.article.source or result.article.id,
                                                    f"could not be stored: {_one_line(error)}"))
                continue
            article_ids.append(result.article.id)
            summary.actors.update(a.key for a in result.actors)
            summary.statements.update(s.relation for s in result.statements)
        summary.resolution = resolve(store, load_registry(registry))
        _record_run(store, run_graph(started, datetime.now(timezone.utc), article_ids), article_ids)
        summary.files += _write_outputs(store, out)
    return summary


def _record_run(store: Store, run: Graph, article_ids: list[str]) -> None:
    """Point the rebuilt article graphs at this run, and forget runs that no longer made any graph,
    so that rebuilding the same articles leaves the store exactly as large as before."""
    if article_ids:
        graphs = " ".join(f"<{graph_iri(a)}>" for a in article_ids)
        store.update(sparql_prologue() + f"""DELETE {{ ?g prov:wasGeneratedBy ?run ; prov:wasDerivedFrom ?article }}
                         WHERE {{ VALUES ?g {{ {graphs} }} ?g prov:wasGeneratedBy ?run ; prov:wasDerivedFrom ?article }}""")
    store.add_default(run)
    store.update(sparql_prologue() + """DELETE { ?run ?p ?o } WHERE {
                        ?run a prov:Activity ; ?p ?o .
                        FILTER NOT EXISTS { ?g prov:wasGeneratedBy ?run } }""")


def _write_outputs(store: Store, out: Path) -> list[Path]:
    """The exports (TriG, Turtle) and the relationship views of the whole store: the diagram
    (actors.png) and the interactive page (actors.html), both titled with corpus and dates."""
    from .html import write_html  # kept here: this function is the pipeline's only use of it

    written = []
    for name, fmt in (("graph.trig", "trig"), ("graph.ttl", "ttl")):
        store.export(out / name, fmt)
        written.append(out / name)
    graph = projection(store)
    written.append(draw_relationships(graph, out / "actors.png"))
    written.append(write_html(graph, out / "actors.html"))
    written.append(out / STORE_DIR)
    return written


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]
