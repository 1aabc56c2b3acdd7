"""The whole run, stage after stage: ingest -> nlp -> actors -> extract -> rdf -> store -> graph/draw.

Articles stream through: each is parsed, extracted and written to the store before the
next batch is read, so memory does not grow with the corpus. A bad input is reported
and skipped; an article that fails later in the pipeline is reported and skipped too,
and whatever the store already holds is kept.

Builds are incremental: each article graph carries the hash of the content it was extracted
from (`kg.rdf.content_hash`, kg:contentHash), the hashes are read once when a build starts, and
an article whose hash is unchanged is not parsed again: its graph stays as it is and is only
re-pointed to the new build record. A graph that cross-article resolution rewrites (an actor
merged into another) keeps its hash: the merge record keeps the name merged away, and each
resolution decides again on it. When it no longer makes an earlier merge, the graphs that
merge rewrote are extracted again at once (`extract_again`), which undoes it, and resolved again.

`build` runs everything in this process (or `workers` processes); `kg.distributed` runs ingest
and extraction on a Dask cluster and shares the rest with `build` (`check_extractions` on its
workers, `GraphWriter`, `finish_build`).
"""
from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import shutil
import traceback
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Union
from urllib.parse import urlsplit

from rdflib import Graph, Literal

import kg

from . import budget as budgets
from .changes import graph_hashes
from .digests import code_digest
from .draw import draw_relationships
from .extract import extract
from .graph import overview_projection
from .overview_rows import ROWS_FILE
from .ingest import (
    MAX_CHARS, IdRegistry, Source, body_ranges, file_kind, input_files, is_notice, iter_articles, text_digest,
)
from .nlp import MAX_PARSE_CHARS, ParsedArticle, load, parse
from .rdf import GraphQuads, content_hash, extraction_quads, run_graph
from .records import Article, ArticleExtraction, Problem
from .resolve import REGISTRY, Resolution, load_registry, resolve
from .lock import StoreBusy, StoreLock, lock_path
from .space import NoSpaceLeft, is_no_space, mount_point
from .store import STORE_DIR, GraphStore, RemoteStore, Store, StoreCounts, batched, open_store, rows_for_each, side_by_side, value_chunks, values
from .validate import validate_batch, validate_quads
from .vocab import article_iri, graph_iri, sparql_prologue

#: at most this many nodes in the diagram and page a build writes (`kg.graph.overview`)
OVERVIEW_NODES = 300
#: what a build may write besides the store (`build(..., outputs=...)`): output -> file in the out folder.
OUTPUT_FILES = {"trig": "graph.trig", "ttl": "graph.ttl", "png": "actors.png", "html": "actors.html"}
#: every output, in the order a build writes them: a build writes them all unless told otherwise.
OUTPUTS = tuple(OUTPUT_FILES)
#: the file in the out folder that records what each output was made from (`OutputStamp`).
OUTPUT_STAMP = ".kg-outputs.json"
ProblemHandler = Callable[[Problem], None]
#: where a build writes: a store folder, a SPARQL server's base URL, an open store, or None (out/store).
StoreLocation = Union[str, Path, GraphStore, None]
#: told how many more inputs a build is done with (articles stored or unchanged, inputs skipped).
ProgressHandler = Callable[[int], None]


@dataclass(frozen=True)
class Checked:
    """One article's extraction with its graph, built and checked against the shapes where it was
    extracted (a worker process with `--workers`, a Dask worker), so that the process that stores
    it only loads the quads (`check_extractions`). `graph` None: it could not be built there, and
    the storing process builds it again, to report why (`GraphWriter`)."""

    extraction: ArticleExtraction
    graph: GraphQuads | None = None
    violations: tuple[str, ...] = ()  # SHACL violations of the graph (none looked for without validation)


def check_extractions(extractions: list[ArticleExtraction], validate: bool = True) -> list[Checked]:
    """Each extraction with its graph as quads and, when `validate`, that graph's shape violations:
    the work that follows extraction, done in the process that extracted (see `Checked`). The
    graphs are checked together (`kg.validate.validate_batch`); if that fails, one at a time."""
    built: list[Checked] = []
    for extraction in extractions:
        try:
            built.append(Checked(extraction, extraction_quads(extraction)))
        except Exception:  # noqa: BLE001 (the storing process builds it again and reports the failure)
            built.append(Checked(extraction))
    if not validate:
        return built
    graphs = [checked for checked in built if checked.graph is not None]
    try:
        reports = validate_batch([checked.graph for checked in graphs])
    except Exception:  # noqa: BLE001 (one graph the check cannot read: found one at a time below)
        return [_checked_alone(checked) for checked in built]
    lines = {id(checked): tuple(report.lines()) for checked, report in zip(graphs, reports)}
    return [replace(checked, violations=lines[id(checked)]) if id(checked) in lines else checked
            for checked in built]


def _checked_alone(checked: Checked) -> Checked:
    """`checked` with the violations of its graph, or without its graph when checking it fails."""
    if checked.graph is None:
        return checked
    try:
        return replace(checked, violations=tuple(validate_quads(checked.graph).lines()))
    except Exception:  # noqa: BLE001 (the storing process builds it again and reports the failure)
        return Checked(checked.extraction)


def _built(extraction: ArticleExtraction, validate: bool) -> Checked:
    """One extraction's `Checked`, raising what building or checking the graph raises."""
    quads = extraction_quads(extraction)
    violations = tuple(validate_quads(quads).lines()) if validate else ()
    return Checked(extraction, quads, violations)


#: what `extract_articles` may do to each batch of extractions in the process that made them
#: (picklable; one result per extraction, in order).
AfterExtraction = Callable[[list[ArticleExtraction]], list[Checked]]


@dataclass
class BuildSummary:
    """What a build read, skipped and wrote."""

    articles: int = 0  # read and stored, or read and found unchanged
    skipped: int = 0  # unusable inputs
    failed: int = 0  # usable inputs kg failed on (extraction or storage raised)
    notices: int = 0
    built: list[str] = field(default_factory=list)  # ids of the article graphs written
    unchanged: list[str] = field(default_factory=list)  # ids of the articles not parsed again
    redone: list[str] = field(default_factory=list)  # ids extracted again to undo a merge resolution no longer makes
    totals: StoreCounts | None = None  # the whole store's, once the build is done (none if it read nothing)
    files: list[Path | str] = field(default_factory=list)  # written: outputs, then where the store is
    kept: list[Path] = field(default_factory=list)  # outputs left as they were: the store had not changed
    violations: list[str] = field(default_factory=list)  # SHACL violations of what was stored
    resolution: Resolution | None = None
    after_interruption: bool = False  # an earlier build was killed: what it wrote was extracted again
    not_drawn: list[str] = field(default_factory=list)  # pictures that failed to draw: "NAME: cause"
    started: datetime | None = None  # when the build began (`begin_build`)
    under_way: bool = False  # its record is in the store: it has written (`record_start`)

    @property
    def wrote_nothing(self) -> bool:
        """True when the build read no article (every input skipped or failed, or none given) and
        so wrote nothing: no store, graph.trig or picture was made, an existing store is as it was."""
        return self.articles == 0 and not self.under_way

    def lines(self) -> list[str]:
        """A short human summary, one fact per line."""
        out = [
            f"articles read: {self.articles} (skipped {self.skipped}, notices {self.notices}, "
            f"failed {self.failed}, unchanged {len(self.unchanged)})",
        ]
        if self.totals is not None:  # what the store holds, as `kg stats` and met.rq count it
            out += self.totals.lines()
        if self.resolution is not None:
            r = self.resolution
            several = sum(1 for reports in r.events if len({x.article for x in reports}) > 1)
            out.append(f"resolution: {len(r.merges)} actor merges, {len(r.ambiguous)} ambiguous names, "
                       f"{several} events reported by several articles, {len(r.conflicts)} conflicts"
                       + ("" if r.whole else " (decided again where this build changed the corpus)"))
        if self.redone:
            out.append(f"extracted again: {len(self.redone)} articles, to undo merges resolution no longer makes")
        if self.after_interruption:
            out.append("an earlier build into this store did not finish: the articles it wrote were extracted again")
        if self.violations:
            out.append(f"shape violations: {len(self.violations)} (see `kg validate`)")
        out += [f"not drawn: {failure}" for failure in self.not_drawn]
        out += [f"kept (store unchanged): {path}" for path in self.kept]
        out += [f"wrote: {path}" for path in self.files]
        return out


class Tally:
    """Counts problems as they are reported and passes them on; tells `progress` how far the run is."""

    def __init__(self, summary: BuildSummary, on_problem: ProblemHandler,
                 progress: ProgressHandler | None = None) -> None:
        self.summary = summary
        self.on_problem = on_problem
        self.progress = progress
        self._done = 0

    def __call__(self, problem: Problem) -> None:
        if is_notice(problem):
            self.summary.notices += 1
        elif problem.failure:
            self.summary.failed += 1
        else:
            self.summary.skipped += 1
        self.on_problem(problem)
        self.tick()

    def tick(self) -> None:
        """Report the inputs done since the last tick: articles read (stored or unchanged) and
        inputs skipped, which together reach the number of input files when each holds one article."""
        done = self.summary.articles + self.summary.skipped + self.summary.failed
        if self.progress is not None and done > self._done:
            self.progress(done - self._done)
            self._done = done


def extractions(sources: Iterable[Source], on_problem: ProblemHandler, *, stdin=None,
                summary: BuildSummary | None = None, workers: int = 1, known: Mapping[str, str] | None = None,
                progress: ProgressHandler | None = None, max_chars: int = MAX_CHARS,
                ids: IdRegistry | None = None, id_from: str = "auto",
                then: AfterExtraction | None = None) -> Iterator[ArticleExtraction | Checked]:
    """Ingest, parse and extract, streaming one article's extraction at a time (`id_from`: where
    ids come from, see `kg.ingest.ID_FROM`; `ids`: who owns which id, see `stored_origins`;
    `then`: see `extract_articles`).

    With `workers` > 1, batches of articles are parsed and extracted in that many processes
    (one spaCy load each), in input order; ingest stays in this process, so problems are
    reported as they are met and memory stays bounded by the batches in flight.  With `known`
    (article id -> content hash of its graph in the store, see `stored_hashes`), an article
    whose hash is the same is not parsed: it is counted as read and its id listed in
    `summary.unchanged`."""
    summary = summary if summary is not None else BuildSummary()
    tally = Tally(summary, on_problem, progress)

    def unchanged(article: Article) -> None:
        summary.articles += 1
        summary.unchanged.append(article.id)
        tally.tick()

    articles = iter_articles(sources, tally, stdin=stdin, max_chars=max_chars, ids=ids, id_from=id_from)
    for result in extract_articles(changed_articles(articles, known or {}, unchanged), workers, then=then):
        if isinstance(result, Problem):
            tally(result)
            continue
        summary.articles += 1
        tally.tick()
        yield result


def changed_articles(articles: Iterable[Article], known: Mapping[str, str],
                     on_unchanged: Callable[[Article], None]) -> Iterator[Article]:
    """The articles whose content hash is not the one their graph in the store carries (`known`:
    article id -> hash); each of the others goes to `on_unchanged`, after ingest and before parsing."""
    for article in articles:
        if known and known.get(article.id) == content_hash(article):
            on_unchanged(article)
        else:
            yield article


def extract_articles(articles: Iterable[Article], workers: int = 1, budget: float | None = None, *,
                     then: AfterExtraction | None = None) -> Iterator[ArticleExtraction | Checked | Problem]:
    """Parse and extract `articles`: one result per article, in input order, its extraction or the
    problem that stopped it (in `workers` processes when more than one, see `extractions`). An
    article whose text is longer than the parser takes is reported as such and left out, and so is
    one that takes longer than `budget` seconds (default `kg.budget.ARTICLE_SECONDS`; 0: none).
    `then` (e.g. `check_extractions`) is applied to each batch of extractions in the process that
    made them, outside the budget, and its results come instead."""
    budget = budgets.ARTICLE_SECONDS if budget is None else budget
    slots: deque[Problem | None] = deque()  # per article read: its problem, or None once sent to parse
    fit = _fit_for_parser(articles, slots)
    results = (_in_processes(fit, workers, budget, then) if workers > 1
               else (result for batch in batched(fit, PARSE_BATCH) for result in _extract_batch(budget, batch, then)))
    for result in results:  # the parser reads ahead: the results' own slots come in input order
        while slots[0] is not None:
            yield slots.popleft()
        slots.popleft()
        yield result
    yield from (problem for problem in slots if problem is not None)


def _fit_for_parser(articles: Iterable[Article], slots: deque[Problem | None]) -> Iterator[Article]:
    """The articles whose text the parser accepts; for each article read, its slot in `slots`:
    None for those, the problem for the others. (Ingest caps a whole input file at 5,000,000
    characters; the parser takes at most `MAX_PARSE_CHARS`, and a longer text would stop the run.)"""
    for article in articles:
        if len(article.text) > MAX_PARSE_CHARS:  # the parser reads the whole text, furniture blanked
            slots.append(Problem(article.source or article.id, f"too long to parse: {len(article.text):,} "
                                                               f"characters (the parser takes {MAX_PARSE_CHARS:,})"))
        else:
            slots.append(None)
            yield article


def _extract_one(parsed: ParsedArticle) -> ArticleExtraction | Problem:
    try:
        return extract(parsed)
    except Exception as error:  # one odd article must not stop a long run
        return Problem(parsed.article.source or parsed.article.id, f"extraction failed: {_one_line(error)}",
                       failure=True)


def _extract_within(budget: float, article: Article) -> ArticleExtraction | Problem:
    """Parse and extract one article in at most `budget` seconds, else the problem saying so (one
    article parsed at a time, so that the time is its own)."""
    load()  # loading the pipeline, once per process, is no article's time
    try:
        with budgets.time_limit(budget):
            [parsed] = parse([article])
            return _extract_one(parsed)
    except budgets.OverBudget:
        return Problem(article.source or article.id, f"left out: parsing and extraction took longer than "
                                                     f"{budget:g} s, the time budget of one article", failure=True)


#: Articles parsed together: spaCy parses a batch some 7% faster than one article at a time.
PARSE_BATCH = 16


def _extract_batch(budget: float, batch: list[Article],
                   then: AfterExtraction | None = None) -> list[ArticleExtraction | Checked | Problem]:
    """Parse and extract one batch (in a build's process or a worker's; the pipeline is loaded
    once per process) within one article's budget: an honest batch takes seconds. A batch that
    runs past it is done again one article at a time, each with its own budget, so that the
    article that stalls is the one reported. Then `then`, if any, on the batch's extractions."""
    load()  # loading the pipeline, once per process, is no article's time
    try:
        with budgets.time_limit(budget):
            results = [_extract_one(parsed) for parsed in parse(batch)]
    except budgets.OverBudget:
        results = [_extract_within(budget, article) for article in batch]
    if then is None:
        return results
    checked = iter(then([r for r in results if not isinstance(r, Problem)]))
    return [r if isinstance(r, Problem) else next(checked) for r in results]


def _in_processes(articles: Iterable[Article], workers: int, budget: float, then: AfterExtraction | None = None,
                  batch_size: int = 8) -> Iterator[ArticleExtraction | Checked | Problem]:
    batches = batched(articles, batch_size)
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited threads or store locks
    with context.Pool(workers) as pool:
        for results in pool.imap(functools.partial(_extract_batch, budget, then=then), batches):
            yield from results


def build(sources: Iterable[str], out_dir: str | Path, on_problem: ProblemHandler, *, stdin=None,
          validate: bool = True, registry: str | Path | None = REGISTRY, workers: int = 1, force: bool = False,
          store: StoreLocation = None, progress: ProgressHandler | None = None,
          max_chars: int = MAX_CHARS, id_from: str = "auto", outputs: Collection[str] = OUTPUTS) -> BuildSummary:
    """Build the graph of `sources` into `out_dir`: store, TriG, Turtle and a diagram.

    With `validate`, each article graph is checked against the SHACL shapes before it is
    stored (where it was extracted: in the worker processes with `workers`); a violation is
    reported (it means a bug in kg, not in the input) and the graph is stored all the same, so
    that one faulty rule does not hide an article.  An article whose graph is up to date is not
    extracted again unless `force`.  `store` is where the graphs go (see `open_build_store`;
    default `out_dir/store`); `progress` hears of every input done; an input file of more than
    `max_chars` characters is skipped as too large; `id_from` says where article ids come from
    (`kg.ingest.ID_FROM`); `outputs` which files to write besides the store (`OUTPUTS`; each
    only when the store changed since it was written: `write_outputs`)."""
    outputs = check_outputs(outputs)
    sources = list(sources)  # read twice when resolution undoes a merge (`extract_again`)
    out = Path(out_dir)
    summary = BuildSummary()
    started = datetime.now(timezone.utc)
    with leaving_no_trace(out, store, summary):
        out.mkdir(parents=True, exist_ok=True)
        with open_build_store(out, store) as graphs:
            known = begin_build(graphs, started, summary, force)
            owners, digests = stored_origins(graphs), stored_digests(graphs)
            then = functools.partial(check_extractions, validate=validate)
            with GraphWriter(graphs, summary, on_problem, validate=validate) as writer:
                for result in extractions(sources, on_problem, stdin=stdin, summary=summary, workers=workers,
                                          known=known, progress=progress, max_chars=max_chars,
                                          ids=IdRegistry(owners, digests), id_from=id_from, then=then):
                    writer.add(result)

            def again(wanted: Container[str]) -> Iterator[ArticleExtraction | Checked]:
                return extract_again(sources, wanted, workers=workers, max_chars=max_chars,
                                     ids=IdRegistry(owners, digests), id_from=id_from, then=then)

            if not summary.wrote_nothing:
                finish_build(graphs, summary, started, out, registry, again=None if "-" in sources else again,
                             validate=validate, outputs=outputs, workers=workers)
    return summary


def extract_again(sources: Iterable[Source], graphs: Container[str], *, workers: int = 1,
                  max_chars: int = MAX_CHARS, ids: IdRegistry | None = None,
                  id_from: str = "auto", then: AfterExtraction | None = None) -> Iterator[ArticleExtraction | Checked]:
    """Read `sources` again and extract the articles whose graph IRI is in `graphs` (their
    problems, if any, were reported on the first reading; `ids` and `id_from` as on the first
    reading; `then` as `extract_articles` has it)."""
    quiet = Tally(BuildSummary(), lambda problem: None)
    wanted = (article for article in iter_articles(sources, quiet, max_chars=max_chars, ids=ids, id_from=id_from)
              if str(graph_iri(article.id)) in graphs)
    return (result for result in extract_articles(wanted, workers, then=then) if not isinstance(result, Problem))


def open_build_store(out: Path, location: StoreLocation = None) -> AbstractContextManager[GraphStore]:
    """The store a build writes into, to use in a `with`: `location`, a SPARQL server's base URL
    (which must answer) or a store folder (created if need be), by default the folder
    `out/store`; or an open store (a `RemoteStore` with its own endpoints), left open."""
    if isinstance(location, GraphStore):
        return nullcontext(location)
    if location is None:
        return Store(out / STORE_DIR)
    if urlsplit(str(location)).scheme.lower() in ("http", "https"):
        return open_store(str(location))
    return Store(location)


def expected_inputs(sources: Iterable[str]) -> int | None:
    """How many inputs a build of `sources` will be done with, when that is known before reading
    them: the number of files, if each holds one article; None if stdin or a JSON (lines) file,
    which hold any number, is among them."""
    total = 0
    for source in input_files(sources, lambda problem: None):
        if file_kind(source) in ("stdin", "json", "jsonl"):
            return None
        total += 1
    return total


_UNFINISHED = "ASK { ?run a prov:Activity ; prov:startedAtTime ?t FILTER NOT EXISTS { ?run prov:endedAtTime ?end } }"


def begin_build(store: GraphStore, started: datetime, summary: BuildSummary, force: bool = False) -> dict[str, str]:
    """Begin a build at `started`, and return the stored content hashes it may trust (see
    `stored_hashes`; none with `force`).  Nothing is written yet: the build is marked as under
    way (a build record with no end yet) just before it first writes (`record_start`), so that
    a build that reads nothing leaves the store as it was.

    An earlier build that was interrupted (killed before it finished) is noted in `summary`; the
    hashes are trusted all the same. Each graph is written whole, carrying the hash of what it
    was extracted from, and resolution rewrites graphs in one transaction with its record of the
    names merged away, so every graph is as extraction or a finished resolution left it, and this
    build's resolution decides on them all. (A graph the killed build added is not yet tied to a
    build record, so it is extracted again.)"""
    summary.after_interruption = store.query(sparql_prologue() + _UNFINISHED).boolean
    summary.started = started
    return {} if force else stored_hashes(store)


def record_start(store: GraphStore, summary: BuildSummary) -> None:
    """Write the record of the build under way (begun with `begin_build`), once, before anything
    else it writes: an article graph, or what follows the articles (`finish_build`)."""
    if summary.started is None or summary.under_way:
        return
    with stop_if_disk_full(store, "starting the build"):
        store.add_default(run_graph(summary.started, None, []))
    summary.under_way = True


@contextmanager
def leaving_no_trace(out: Path, location: StoreLocation, summary: BuildSummary) -> Iterator[None]:
    """Around a build into `out` and the store at `location`: when it wrote nothing
    (`BuildSummary.wrote_nothing`: it read no article, or stopped before it wrote), remove the
    folders it made (`out`, the store folder, their parents) and the store's lock file if it
    made them, so that it leaves nothing behind; what was there before is kept."""
    folder = None
    if location is None:
        folder = out / STORE_DIR
    elif isinstance(location, (str, Path)) and urlsplit(str(location)).scheme.lower() not in ("http", "https"):
        folder = Path(location)
    made = _missing(out) + ([] if folder is None else _missing(folder))
    lock = None if folder is None or lock_path(folder).exists() else lock_path(folder)
    try:
        yield
    finally:
        if summary.wrote_nothing:
            _remove(made, folder, lock)


def _remove(made: list[Path], folder: Path | None, lock: Path | None) -> None:
    """Remove the store folder, its lock file and the other folders a build made (`made`).

    The store folder goes only while kg's lock on it is held again and only if it is empty: a
    build that started meanwhile into the same new folder keeps its store (and its lock file)."""
    if folder is not None and (folder in made or lock is not None):
        try:
            held = StoreLock(folder, exclusive=True).acquire()
        except StoreBusy:
            return  # another build has it now: it is theirs
        try:
            if folder in made:
                if not _empty_store(folder):
                    return
                shutil.rmtree(folder, ignore_errors=True)  # the empty store this build opened
            if lock is not None:
                lock.unlink(missing_ok=True)
        finally:
            held.release()
    for path in sorted(set(made), key=lambda p: len(p.parts), reverse=True):
        try:
            path.rmdir()  # only if empty: never anything someone else put there
        except OSError:
            pass


def _empty_store(folder: Path) -> bool:
    """Whether the store folder holds no quad (kg's lock on it held); one Oxigraph cannot open is
    kept."""
    import pyoxigraph as ox

    if not folder.exists():
        return True
    try:
        return len(ox.Store.read_only(str(folder))) == 0
    except Exception:  # noqa: BLE001 (anything unreadable is kept)
        return False


def _missing(path: Path) -> list[Path]:
    """`path` and its parents that do not exist yet, deepest first."""
    missing = []
    for level in (path, *path.parents):
        if level.exists() or level == level.parent:
            break
        missing.append(level)
    return missing


_STORED_HASHES = """SELECT ?id ?hash ?version WHERE {
  GRAPH ?g { ?article kg:contentHash ?hash ; schema:identifier ?id }
  ?g prov:wasGeneratedBy/prov:wasAssociatedWith/schema:softwareVersion ?version
}"""


def stored_hashes(store: GraphStore) -> dict[str, str]:
    """Article id -> content hash of its graph, for the graphs this version of kg made (the
    build record says which), read with one query at the start of a build."""
    return {str(article_id): str(digest) for article_id, digest, version in store.query(_STORED_HASHES).rows
            if version == kg.__version__}


_STORED_ORIGINS = "SELECT ?id ?origin WHERE { ?g kg:readFrom ?origin . GRAPH ?g { ?a schema:identifier ?id } }"


def stored_origins(store: GraphStore) -> dict[str, str]:
    """Article id -> the input its stored graph was read from (`Article.origin`, kept in the default
    graph as `GRAPH kg:readFrom ORIGIN`): who owns each id, so that the same id from another input
    is kept apart on every build (`kg.ingest.IdRegistry`)."""
    return {str(article_id): str(origin) for article_id, origin in store.query(_STORED_ORIGINS).rows}


_STORED_TEXT = "SELECT ?g ?text WHERE { GRAPH ?g { ?context nif:isString ?text } }"


def stored_digests(store: GraphStore) -> Callable[[str], str | None]:
    """Article id -> `kg.ingest.text_digest` of the text its stored graph holds (None: no such
    graph), looked up when asked (for an id another input, or stdin, holds), each id once: what
    tells `kg.ingest.IdRegistry` whether an article under another input's id is that article."""

    @functools.lru_cache(maxsize=None)
    def digest(article_id: str) -> str | None:
        rows = store.query(_STORED_TEXT, {"g": graph_iri(article_id)}).rows
        return text_digest(str(rows[0][1])) if rows else None

    return digest


def origin_updates(article: Article) -> list[str]:
    """The updates that record where `article` was read from, run in the transaction that stores
    its graph (none for an article that does not say)."""
    if article.origin is None:
        return []
    name = f"<{graph_iri(article.id)}>"
    return [f"DELETE WHERE {{ {name} kg:readFrom ?origin }}",
            f"INSERT DATA {{ {name} kg:readFrom {Literal(article.origin).n3()} }}"]


#: Article graphs a build writes together: one update (where each was read from, the old graphs
#: dropped) and one load of their quads (`kg.store.GraphStore.replace_graphs`), so that the
#: store's per-transaction work is paid once per batch.
WRITE_BATCH = 16


class GraphWriter:
    """Writes articles' graphs into a store in batches of `WRITE_BATCH` (the last when the writer
    is closed, as a `with` block ends without an error), counting each in `summary` (already
    counted as read) once it is stored.

    A `Checked` result brings its graph and violations, found where it was extracted; otherwise
    (or when it could not be built there) the graph is built here, and checked against the shapes
    when `validate`.  A graph that cannot be built or stored is reported, and the article counted
    as failed instead: a batch that fails is written again one article at a time, so that the
    article reported is the one at fault.  A full disk stops the build (`NoSpaceLeft`)."""

    def __init__(self, store: GraphStore, summary: BuildSummary, on_problem: ProblemHandler, *,
                 validate: bool = True, batch: int | None = None) -> None:
        self.store, self.summary, self.validate = store, summary, validate
        self.tally = Tally(summary, on_problem)
        self.batch = batch or WRITE_BATCH
        self.pending: list[tuple[Article, GraphQuads]] = []

    def add(self, result: ArticleExtraction | Checked) -> None:
        """Take one article's graph, to write with the next batch."""
        record_start(self.store, self.summary)
        extraction = result.extraction if isinstance(result, Checked) else result
        try:
            checked = (result if isinstance(result, Checked) and result.graph is not None
                       else _built(extraction, self.validate))
        except Exception as error:  # one odd article must not stop a long run
            self._failed(extraction.article, error)
            return
        self.summary.violations += checked.violations
        self.pending.append((extraction.article, checked.graph))
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Write the graphs taken so far."""
        pending, self.pending = self.pending, []
        try:
            if pending:
                self.store.replace_graphs([graph for _, graph in pending],
                                          first=[op for article, _ in pending for op in origin_updates(article)])
        except Exception as error:
            if is_no_space(error):  # a full disk stops the build: every later write would fail the same way
                first = pending[0][0]
                raise NoSpaceLeft(no_space_line(self.store, f"storing {first.source or first.id}",
                                                " before it")) from None
            if len(pending) == 1:
                self._failed(pending[0][0], error)
                return
            for one in pending:  # again one at a time: the article at fault is the one reported
                self.pending = [one]
                self.flush()
            return
        self.summary.built += [article.id for article, _ in pending]

    def _failed(self, article: Article, error: Exception) -> None:
        self.summary.articles -= 1
        self.tally(Problem(article.source or article.id, f"could not be stored: {_one_line(error)}", failure=True))

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.flush()


#: a build that wrote this many article graphs compacts the store before it reads it back
#: (`GraphStore.compact`): seconds, against slower reads until RocksDB gets round to it.
COMPACT_AFTER = 500


def finish_build(store: GraphStore, summary: BuildSummary, started: datetime, out: Path,
                 registry: str | Path | None = REGISTRY, *,
                 again: Callable[[Container[str]], Iterable[ArticleExtraction | Checked]] | None = None,
                 validate: bool = True, outputs: Collection[str] = OUTPUTS, workers: int = 1) -> None:
    """What follows the articles in every build: cross-article resolution, the build record of
    the graphs built or found unchanged, and the `outputs` in `out` (`write_outputs`).

    When resolution no longer makes a merge an earlier build wrote into some graphs, those
    articles are extracted again (`extract_graphs_again`: by `again`, given the graph IRIs, from
    this build's inputs, else from the text the store holds, in `workers` processes), stored,
    and resolution runs once more."""
    record_start(store, summary)
    loaded = load_registry(registry)

    def resolving(rewritten: Iterable[str]) -> Resolution:
        with stop_if_disk_full(store, "resolving across articles", ", as they were before resolution"):
            return resolve(store, loaded, rewritten=[graph_iri(a) for a in rewritten])

    redo = BuildSummary()
    summary.resolution = _extract_again_while_asked(store, resolving(summary.built), resolving, redo, again,
                                                    validate=validate, workers=workers)
    summary.redone += redo.built
    summary.violations += redo.violations
    article_ids = list(dict.fromkeys(summary.built + summary.unchanged + summary.redone))
    with stop_if_disk_full(store, "recording the build"):
        _record_run(store, run_graph(started, datetime.now(timezone.utc), article_ids), article_ids)
    if len(summary.built) + len(summary.redone) >= COMPACT_AFTER:
        store.compact()
    # the totals (Oxigraph counting, most of it) beside the outputs (much of it Python drawing)
    summary.totals, _ = side_by_side(store.counts, lambda: write_outputs(store, out, summary, outputs))


#: articles `stored_articles` reads at a time: their texts, not the store's, are in memory at once
STORED_ARTICLES_CHUNK = 50
_STORED_ARTICLES = """SELECT ?g ?id ?text ?title ?published ?url WHERE { {values}
  GRAPH ?g { ?article a schema:NewsArticle ; schema:identifier ?id . ?context nif:sourceUrl ?article ; nif:isString ?text
             OPTIONAL { ?article schema:headline ?title } OPTIONAL { ?article schema:datePublished ?published }
             OPTIONAL { ?article schema:url ?url } } }"""


def stored_articles(store: GraphStore, graphs: Iterable[str]) -> Iterator[Article]:
    """The articles whose graph IRI is in `graphs`, as the store holds them (text, title, date,
    url), their body found again by ingest's own rules (`body_ranges` of the text read): what a
    correction re-extracts when it has no source files to read, the same article ingest gave.
    Only those graphs are read (a VALUES block of them), not every article's text."""
    for chunk in value_chunks(graphs, STORED_ARTICLES_CHUNK):
        query = sparql_prologue() + _STORED_ARTICLES.replace("{values}", values("g", chunk))
        for _, article_id, text, title, published, url in store.query(query).rows:
            yield Article(str(article_id), article_iri(str(article_id)), str(text), _str(title),
                          _str(published)[:10] if published is not None else None, _str(url),
                          body=body_ranges(str(text)))


def extract_graphs_again(store: GraphStore, graphs: Container[str], done: BuildSummary,
                         again: Callable[[Container[str]], Iterable[ArticleExtraction | Checked]] | None = None, *,
                         validate: bool = True, workers: int = 1) -> None:
    """Extract the article graphs `graphs` again and store them (counted in `done.built`): those
    `again` finds in the build's own inputs from there, the others (an earlier build's articles,
    a build from stdin or on Dask) from the text the store holds (`stored_articles`), in
    `workers` processes, each checking what it extracted, as the build's own articles are."""
    wanted = set(graphs)
    with GraphWriter(store, done, lambda problem: None, validate=validate) as writer:
        for result in again(wanted) if again is not None else ():
            writer.add(result)
            wanted.discard(graph_iri((result.extraction if isinstance(result, Checked) else result).article.id))
        then = functools.partial(check_extractions, validate=validate)
        for result in extract_articles(stored_articles(store, wanted), workers, then=then) if wanted else ():
            if not isinstance(result, Problem):
                writer.add(result)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def bring_up_to_date(store: GraphStore, registry: str | Path | None = REGISTRY, *,
                     validate: bool = True, full: bool = False, workers: int = 1) -> Resolution:
    """The one answer to "the store changed": bring what is derived from the article graphs
    (the resolution graph: merges, canonical labels, consolidated events, pair summaries,
    conflicts) up to date with them, as `kg build` does at its end. Every command that changes
    a store calls it before it returns (`kg remove`, `kg query --update`, and the corrections
    `kg merge`, `kg split`, `kg ignore`, `kg rename`, whose registry it applies), so no answer is
    stale. A merge or removal the registry now undoes is undone by extracting its graphs again
    from the text the store holds (`stored_articles`), then resolving once more.

    Resolution is incremental (`kg.changes`: what changed since the last one, found by the
    graphs' content hashes); `full` resolves the whole corpus, which a change that keeps every
    hash needs (`kg query --update`). The graphs to extract again are extracted in `workers`
    processes, as a build's articles are."""
    loaded = load_registry(registry)
    return _extract_again_while_asked(store, resolve(store, loaded, full=full),
                                      lambda rewritten: resolve(store, loaded, rewritten=[graph_iri(a) for a in rewritten]),
                                      BuildSummary(), validate=validate, workers=workers)


#: at most this many rounds of extracting articles again and resolving once more, in one build
EXTRACT_AGAIN_ROUNDS = 3


def _extract_again_while_asked(store: GraphStore, resolution: Resolution, resolving: Callable[[list[str]], Resolution],
                               done: BuildSummary,
                               again: Callable[[Container[str]], Iterable[ArticleExtraction | Checked]] | None = None, *,
                               validate: bool = True, workers: int = 1) -> Resolution:
    """While `resolution` asks for article graphs to be extracted again (`Resolution.reextract`:
    a merge it no longer makes, or graphs an earlier run asked for and did not get), extract
    them (`extract_graphs_again`, counted in `done`) and resolve once more (`resolving`, given
    the ids of the articles extracted): the new merges can undo others in turn. Each graph is
    tried once, in at most `EXTRACT_AGAIN_ROUNDS` rounds; one left (an article that fails) keeps
    no content hash, so the next resolution asks for it again. The last resolution."""
    tried: set[str] = set()
    for _ in range(EXTRACT_AGAIN_ROUNDS):
        wanted = resolution.reextract - tried
        if not wanted:
            break
        tried |= wanted
        redo = BuildSummary()
        extract_graphs_again(store, wanted, redo, again, validate=validate, workers=workers)
        done.built += redo.built
        done.violations += redo.violations
        resolution = resolving(redo.built)
    return resolution


def _record_run(store: GraphStore, run: Graph, article_ids: list[str]) -> None:
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


def check_outputs(outputs: Iterable[str]) -> tuple[str, ...]:
    """`outputs` checked and put in the order a build writes them; ValueError names an unknown one."""
    chosen = set(outputs)
    unknown = sorted(chosen - set(OUTPUTS))
    if unknown:
        raise ValueError(f"unknown output(s) {', '.join(unknown)} (known: {', '.join(OUTPUTS)})")
    return tuple(name for name in OUTPUTS if name in chosen)


def write_outputs(store: GraphStore, out: Path, summary: BuildSummary, outputs: Collection[str] = OUTPUTS) -> None:
    """The `outputs` of the whole store in `out`: the exports (TriG, Turtle) and the relationship
    views, the diagram (actors.png) and the interactive page (actors.html) of its most connected
    actors (`kg.graph.overview_projection`), both titled with corpus and dates; then where the
    store is (its folder, or its server's URL).  Each goes to `summary.files`, or to
    `summary.kept` when it is kept as it was: the file is there as the last build wrote it, from
    a store with the same content (build records apart) and by the same kg (`OutputStamp`).  A
    diagram that fails to draw is added to `summary.not_drawn` and the rest is written all the
    same: the store is already built. The exports are written in a thread beside the pictures:
    most of their time is Oxigraph's own, which lets other Python code run."""
    with stop_if_disk_full(store, "comparing the outputs with the store", "; only the outputs are missing"):
        stamp = OutputStamp(out, store if outputs else None)
        stale = [name for name in outputs if not stamp.current(name)]
    summary.kept += [out / OUTPUT_FILES[name] for name in outputs if name not in stale]
    exports = [name for name in ("trig", "ttl") if name in stale]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-export") as pool:
        # the exports (mostly Oxigraph's dump, which lets go of the GIL) beside the pictures
        exporting = pool.submit(_write_exports, store, out, exports) if exports else None
        pictures = _write_pictures(store, out, summary, [name for name in ("png", "html") if name in stale])
        if exporting is not None:
            summary.files += [out / OUTPUT_FILES[name] for name in exports]
            for name in exports:
                stamp.record(name, exporting.result())
    for name, path in pictures:
        summary.files.append(path)
        stamp.record(name)
    summary.files.append(store.url if isinstance(store, RemoteStore) else store.path)


def _write_exports(store: GraphStore, out: Path, exports: list[str]) -> str | None:
    """Write the `exports` (of "trig", "ttl") of the whole store into `out`, reading it once;
    the store's fingerprint."""
    paths = [out / OUTPUT_FILES[name] for name in exports]
    with stop_if_disk_full(store, f"writing {' and '.join(map(str, paths))}", "; only the outputs are missing", out):
        return store.export_many([(path, name) for path, name in zip(paths, exports)])


def _write_pictures(store: GraphStore, out: Path, summary: BuildSummary, pictures: list[str]) -> list[tuple[str, Path]]:
    """Draw the `pictures` (of "png", "html") of the build's overview (`overview_projection`)
    into `out`; the (name, file) of each written. A diagram that fails to draw is added to
    `summary.not_drawn`: the store is already built."""
    from .html import write_html  # kept here: this function is the pipeline's only use of it

    if not pictures:
        return []
    graph = overview_projection(store, OVERVIEW_NODES, out / ROWS_FILE)
    written = []
    if "png" in pictures:
        try:
            with _writing(store, out / OUTPUT_FILES["png"]):
                written.append(("png", draw_relationships(graph, out / OUTPUT_FILES["png"])))
        except NoSpaceLeft:
            raise  # a full disk stops the build; any other failure of the picture never fails it
        except Exception as error:
            summary.not_drawn.append(f"{out / OUTPUT_FILES['png']}: {_one_line(error)}")
    if "html" in pictures:
        with _writing(store, out / OUTPUT_FILES["html"]):
            written.append(("html", write_html(graph, out / OUTPUT_FILES["html"])))
    return written


def _writing(store: GraphStore, path: Path) -> AbstractContextManager[None]:
    """Around the writing of the output `path`: a full disk ends the build in one line."""
    return stop_if_disk_full(store, f"writing {path}", "; only the outputs are missing", path.parent)


#: every named graph
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
#: the number of statements in each of the graphs of a VALUES block
_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { {values} GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def store_summary(store: GraphStore) -> str:
    """A digest that tells, in a few index reads, most changes to what the store's named graphs
    hold (`OutputStamp`): each article graph by the content hash it holds (kg writes an article's
    graph from the article with that hash, by the code the stamp records as well), every other
    graph (cross-article resolution, a graph loaded from elsewhere) by its number of statements.

    Counting every graph's statements read the whole store (9 s at 10,000 articles, each batch);
    this reads the hashes and the few graphs without one (1 s, most of it the resolution graph).
    A change it cannot see (a graph edited in place, its hash kept) leaves the same digest, and
    the stamp then compares the store's fingerprint."""
    hashes, graphs = side_by_side(lambda: graph_hashes(store), lambda: store.query(_GRAPHS))
    others = [str(graph) for (graph,) in graphs.rows if str(graph) not in hashes]
    sizes = {str(graph): int(size) for graph, size in rows_for_each(store, _GRAPH_SIZES, "g", others)}
    return _digest(sorted([*(f"{g}\thash\t{h}" for g, h in hashes.items()),
                           *(f"{g}\tsize\t{sizes.get(g, 0)}" for g in others)]))


class OutputStamp:
    """What each output in a build's out folder was made from, kept in `OUTPUT_STAMP` there:
    kg's version and code (`outputs_code`); the store, told by its summary (`store_summary`:
    each article graph's content hash, each other graph's number of statements) and by its
    fingerprint (`GraphStore.fingerprint`: all it holds but the build records); and the file's
    size and modification time as written.  An output is current when all of these still hold.
    The summary, a few quick reads, tells most changes at once; only when it is the same is the
    fingerprint, one dump of the store, taken to compare.
    An output is recorded with the fingerprint an export took on the way, or one taken to
    compare; else with none, so that a build that changed the store and writes no export does
    not dump the whole store (17 s of a 50-article batch into 1,200 articles): an output with
    no fingerprint, its store of the same summary, is written again once, with one.  Deleting the
    stamp makes the next build write every output again."""

    def __init__(self, out: Path, store: GraphStore | None) -> None:
        """The stamp in `out`, against `store` as it is now (None: nothing to compare with, no
        output is current)."""
        self.path, self.out, self.store = out / OUTPUT_STAMP, out, store
        self.made_by = {"kg": kg.__version__, "code": outputs_code()}
        self.summary = None if store is None else store_summary(store)
        self.fingerprint: str | None = None  # the store's, once taken
        try:
            recorded = json.loads(self.path.read_text(encoding="utf-8"))
            self.files: dict[str, dict] = recorded["files"] if isinstance(recorded.get("files"), dict) else {}
        except (OSError, ValueError, AttributeError):
            self.files = {}

    def current(self, name: str) -> bool:
        """Whether the output `name` is there as this stamp says it was written, by the same kg,
        from a store that held what the store holds now."""
        entry = self.files.get(OUTPUT_FILES[name])
        if (self.store is None or not isinstance(entry, dict) or entry.get("made_by") != self.made_by
                or entry.get("summary") != self.summary or entry.get("file") != self._file(name)):
            return False
        if entry.get("fingerprint") is None:  # written by a build whose store was summed up otherwise: unsure,
            self._fingerprint()  # so written again, this time with the fingerprint to compare with later
            return False
        return entry.get("fingerprint") == self._fingerprint()

    def record(self, name: str, fingerprint: str | None = None) -> None:
        """Record that the output `name` was just written from the store as it is, whose
        `fingerprint` an export may have taken already (the stamp is written to a hidden file
        renamed into place)."""
        self.fingerprint = fingerprint or self.fingerprint
        self.files[OUTPUT_FILES[name]] = {"made_by": self.made_by, "summary": self.summary,
                                          "fingerprint": self.fingerprint, "file": self._file(name)}
        partial = self.path.with_name(self.path.name + ".part")
        partial.write_text(json.dumps({"files": self.files}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        partial.replace(self.path)

    def _fingerprint(self) -> str | None:
        """The store's fingerprint, taken once."""
        if self.fingerprint is None and self.store is not None:
            self.fingerprint = self.store.fingerprint()
        return self.fingerprint

    def _file(self, name: str) -> list[int] | None:
        """The output's size and modification time (ns), or None when it is missing."""
        try:
            found = (self.out / OUTPUT_FILES[name]).stat()
        except OSError:
            return None
        return [found.st_size, found.st_mtime_ns]


def _digest(lines: Iterable[str]) -> str:
    """SHA-256 of `lines`, each ended by a newline."""
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


#: the packages besides kg whose version changes what an output holds.
_OUTPUT_PACKAGES = ("pyoxigraph", "networkx", "matplotlib")


@functools.cache
def outputs_code() -> str:
    """A digest of kg's code (every module of the package) and of the packages that write the
    outputs: a kg that may write them otherwise writes them again."""
    here = Path(__file__).resolve().parent
    return code_digest(here, sorted(here.rglob("*.py")), _OUTPUT_PACKAGES)


@contextmanager
def stop_if_disk_full(store: GraphStore, doing: str, state: str = "", on: Path | None = None) -> Iterator[None]:
    """Turn a full disk met while `doing` into `NoSpaceLeft`, one line (`no_space_line`) that ends
    the build with no traceback; any other error passes unchanged.  `on` is where the failed write
    went, when not into the store."""
    try:
        yield
    except NoSpaceLeft:
        raise
    except Exception as error:
        if not is_no_space(error):
            raise
        _release_frames(error)
        raise NoSpaceLeft(no_space_line(store, doing, state, on)) from None


def _release_frames(error: BaseException | None) -> None:
    """Clear the locals of the frames `error` (and the errors behind it) went through: one of them
    may hold the Oxigraph store itself (an export's dataset), which would keep the folder locked
    after the build has closed it, for as long as the error is kept (a caller that builds again)."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__


def no_space_line(store: GraphStore, doing: str, state: str = "", on: Path | None = None) -> str:
    """"no space left on DEVICE while DOING; the store holds the N articles STATE": the device
    (mount point, or the server) to free space on, what failed, and what the store still holds,
    which the next build, once there is room, starts from."""
    if on is not None:
        device = str(mount_point(on))
    else:
        device = f"the server {store.url}" if isinstance(store, RemoteStore) else str(mount_point(store.path or "."))
    try:
        held = f"the {len(store.article_ids()):,} articles"
    except Exception:  # noqa: BLE001 (a store too broken to count still gets its one line)
        held = "the articles"
    return f"no space left on {device} while {doing}; the store holds {held}{state}"


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]
