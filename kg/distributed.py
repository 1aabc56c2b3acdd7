"""A build whose ingest and extraction run as a dask.distributed computation.

The driver (this process) lists the input files, folders walked as `kg.ingest` walks them, and
cuts the list, in that order, into partitions of a few files.  Each partition is one task: a
worker reads its files, leaves out the articles whose content hash the store already holds (the
stored hashes are sent to every worker once), parses and extracts the others, checks each graph
against the SHACL shapes, and returns the extraction records with their graphs (as quads) and
violations (`kg.pipeline.Checked`), the unchanged articles and the problems it met, in input
order.  The driver takes the partitions' results in partition order, so that problems are
reported and article ids claimed as in a local build, writes each article graph the worker built into the store (a folder, or a SPARQL server
through `kg.store.RemoteStore`), and then runs resolution, the build record and the
outputs exactly as `kg.pipeline.build` does (`kg.pipeline.finish_build`).

Ids: each partition reads its files with its own reader, so an id that an earlier partition
already took (two feeds whose records share an id) is only settled here, kept apart, numbered
or read once as `kg.ingest.IdRegistry` decides, with its notes (the partitions and the files in
them keep the folder each file was found in, `kg.ingest.InputFile`, so that a worker's ids are
a local build's).  That is why extraction records travel back with the graphs: an article
whose id the driver numbers (a repeat) has its graph built again there under its final id; the
others are stored as the worker built and checked them.  And it is why a worker skips an article
whose hash the store holds under any id: the driver keeps it as unchanged if its final id's
graph carries that hash, and has it extracted by a second, small task otherwise.

Workers need kg at the driver's version (checked before any task is sent), the input files at
the same paths (a shared file system), and one thread each (`dask worker --nthreads 1`): a
spaCy pipeline is not made for concurrent threads, so a worker process parses one task at a
time whatever its threads.  dask is imported only when a distributed build runs.
"""
from __future__ import annotations

import math
import threading
from collections.abc import Collection, Iterator, Mapping, Sequence, Set as AbstractSet
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import kg

from .ingest import MAX_CHARS, Claim, IdRegistry, Source, id_notice, input_files, iter_articles, text_digest
from .pipeline import (
    OUTPUTS, BuildSummary, Checked, GraphWriter, ProblemHandler, ProgressHandler, StoreLocation, Tally, begin_build,
    check_extractions, check_outputs, extract_articles, finish_build, leaving_no_trace, open_build_store,
    stored_digests, stored_origins,
)
from .rdf import EXTRACTION_VERSION, content_hash
from .records import Article, ArticleExtraction, Problem
from .resolve import REGISTRY
from .store import GraphStore
from .vocab import article_iri

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["DistributedError", "LOCAL", "Checked", "Read", "Partition", "build_distributed",
           "extract_partition", "partition_size"]

#: the `scheduler` that asks for a cluster of local processes, made for the build.
LOCAL = "local"
#: at most this many files a task, so that results flow back (and the progress bar moves) early.
MAX_FILES_PER_TASK = 64
#: at least this many tasks per worker thread when there are files enough: the load stays even.
TASKS_PER_THREAD = 4
#: how long to wait for the scheduler, and for its first worker.
CONNECT_TIMEOUT_S = 60
#: how long a local worker process may take to exit before its nanny kills it.  One that loaded
#: spaCy takes a few seconds to free it (4.3 s measured on a busy 2-core machine, against the
#: nanny's default 4 s, which killed every worker with a warning on every build).
WORKER_EXIT_S = 30
#: how long closing the client, or the rest of a local cluster, may take.
CLOSE_TIMEOUT_S = 30


class DistributedError(Exception):
    """A distributed build that cannot run (no scheduler, another kg on the workers, stdin)."""


@dataclass(frozen=True)
class Read:
    """One article of a partition: where it came in the partition's reading, its id as read
    (repeats not yet numbered), its content hash, and what became of it (None: left out, its
    hash being in the store)."""

    position: int
    article_id: str
    content_hash: str
    result: Checked | Problem | None
    origin: str | None = None  # the input it was read from: who owns its id (`kg.ingest.IdRegistry`)
    text_digest: str | None = None  # of its text: the same article as one read before (`kg.ingest.IdRegistry`)
    source: str | None = None  # where it was read (`Article.source`), and the line of its record
    line: int | None = None


#: what a task returns: its articles and the input problems met, in reading order.
Partition = list[Read | Problem]
#: position in a partition -> final article id, of the articles a second task must extract.
_Misses = dict[int, str]


def build_distributed(sources: Sequence[str], out_dir: str | Path, on_problem: ProblemHandler, *,
                      scheduler: str = LOCAL, workers: int = 2, validate: bool = True,
                      registry: str | Path | None = REGISTRY, force: bool = False, store: StoreLocation = None,
                      progress: ProgressHandler | None = None, files_per_task: int | None = None,
                      max_chars: int = MAX_CHARS, id_from: str = "auto",
                      outputs: Collection[str] = OUTPUTS) -> BuildSummary:
    """Build the graph of `sources` into `out_dir` as `kg.pipeline.build` does, with ingest and
    extraction on the Dask cluster whose scheduler is at `scheduler` (tcp://HOST:8786), or, for
    "local", on `workers` processes of this machine started for the build.

    `store` is where the graphs go (see `kg.pipeline.open_build_store`; default `out_dir/store`).  Raises
    DistributedError when the cluster cannot be used; ValueError names an unknown output (`outputs`, as
    `kg.pipeline.build` takes them)."""
    outputs = check_outputs(outputs)
    if "-" in sources:
        raise DistributedError("stdin (-) cannot be read on a cluster: save it to a file and build that")
    out = Path(out_dir)
    summary = BuildSummary()
    tally = Tally(summary, on_problem, progress)
    started = datetime.now(timezone.utc)
    files = list(input_files(sources, tally))
    with leaving_no_trace(out, store, summary):
        if not files:  # nothing to read: no cluster, and nothing written (`BuildSummary.wrote_nothing`)
            return summary
        out.mkdir(parents=True, exist_ok=True)
        with _client(scheduler, workers) as client, open_build_store(out, store) as graphs:
            _check_versions(client)
            known = begin_build(graphs, started, summary, force)
            size = files_per_task or partition_size(len(files), sum(client.nthreads().values()))
            parts = [files[start:start + size] for start in range(0, len(files), size)]
            _extract_all(client, parts, graphs, summary, tally, known, validate, max_chars, id_from)
            if not summary.wrote_nothing:
                finish_build(graphs, summary, started, out, registry, outputs=outputs)
    return summary


def partition_size(files: int, threads: int) -> int:
    """Files per task: TASKS_PER_THREAD tasks per worker thread, at most MAX_FILES_PER_TASK files each."""
    return max(1, min(MAX_FILES_PER_TASK, math.ceil(files / (TASKS_PER_THREAD * max(1, threads)))))


# --- on a worker -------------------------------------------------------------------------------

_PARSING = threading.Lock()


def extract_partition(files: list[Source], stored: AbstractSet[str], validate: bool,
                      only: AbstractSet[int] | None = None, max_chars: int = MAX_CHARS,
                      id_from: str = "auto") -> Partition:
    """A worker's task: read `files` keeping ids as read, leave out the articles whose content
    hash is `stored`, parse and extract the others and check their graphs (if `validate`).

    With `only`, extract just the articles at those positions of the reading, whatever their
    hash, and report no input problem: the first task over these files did."""
    partition: Partition = []
    tally = Tally(BuildSummary(), partition.append if only is None else lambda problem: None)
    sent: list[int] = []  # where in `partition` each article sent to parse is to go

    def to_parse() -> Iterator[Article]:
        for position, article in enumerate(iter_articles(files, tally, ids=_AsRead(), max_chars=max_chars,
                                                         id_from=id_from)):
            if only is not None and position not in only:
                continue
            digest = content_hash(article)
            partition.append(Read(position, article.id, digest, None, article.origin, text_digest(article.text),
                                  article.source, article.line))
            if only is not None or digest not in stored:
                sent.append(len(partition) - 1)
                yield article

    with _PARSING:
        checked = extract_articles(to_parse(), then=partial(check_extractions, validate=validate))
        for number, result in enumerate(checked):
            partition[sent[number]] = replace(partition[sent[number]], result=result)
    return partition


class _AsRead(IdRegistry):
    """Keeps every id as read: the driver numbers repeats, over all partitions in order."""

    def claim(self, wanted: str, origin: str | None = None, *, digest: str | None = None,
              source: str | None = None) -> Claim:
        return Claim(wanted)


def _versions() -> tuple[str, int]:
    """The kg release and extraction version of this process."""
    return kg.__version__, EXTRACTION_VERSION


# --- on the driver -----------------------------------------------------------------------------

@contextmanager
def _client(scheduler: str, workers: int) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a local cluster of `workers` processes; on
    the way out the client is closed, then the local cluster (`_close_local`)."""
    from distributed import Client, LocalCluster

    with ExitStack() as stack:  # closes in reverse: the client, then the cluster
        try:
            if scheduler == LOCAL:
                # no dashboard; the scheduler's HTTP server (which it starts all the same) on any free
                # port, not on 8787, which another cluster may hold ("Port 8787 is already in use")
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"})
                stack.callback(_close_local, cluster)
                client = Client(cluster)
            else:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
            stack.callback(client.close, timeout=CLOSE_TIMEOUT_S)
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as error:
            raise DistributedError(f"cannot use the Dask cluster at {scheduler}: {_one_line(error)}") from None
        yield client


def _close_local(cluster) -> None:
    """Close a local cluster: its workers first, each given `WORKER_EXIT_S` to exit (the cluster
    would give them 4 s, then kill them with a warning), then the scheduler.  A worker that
    outlasts its time is killed with its nanny's warning; the build, done, does not fail for it."""
    import asyncio

    async def close_workers() -> None:
        await asyncio.gather(*(worker.close(timeout=WORKER_EXIT_S) for worker in list(cluster.workers.values())),
                             return_exceptions=True)

    try:
        cluster.sync(close_workers, callback_timeout=2 * WORKER_EXIT_S)
    finally:
        cluster.close(timeout=CLOSE_TIMEOUT_S)


def _check_versions(client: Client) -> None:
    """Refuse workers whose kg would extract differently from this one."""
    mine = _versions()
    others = {worker: tuple(found) for worker, found in client.run(_versions).items() if tuple(found) != mine}
    if others:
        worker, (release, extraction) = sorted(others.items())[0]
        raise DistributedError(f"{len(others)} Dask worker(s) run another kg (e.g. {worker}: kg {release}, "
                               f"extraction {extraction}; here: kg {mine[0]}, extraction {mine[1]})")


def _extract_all(client: Client, parts: list[list[Source]], store: GraphStore, summary: BuildSummary, tally: Tally,
                 known: Mapping[str, str], validate: bool, max_chars: int = MAX_CHARS, id_from: str = "auto") -> None:
    """Run a task per part and store what each gives, in part order; then, with a second task
    per part concerned, extract the articles left out under an id whose graph was another's."""
    # as a local build: an id belongs to the input that first stored it, and the same text is the same article
    ids = IdRegistry(stored_origins(store), stored_digests(store))
    with GraphWriter(store, summary, tally.on_problem, validate=validate) as writer:
        misses = [_take(partition, writer, tally, ids, known)
                  for partition in _results(client, parts, set(known.values()), validate, max_chars=max_chars,
                                            id_from=id_from)]
        missed = [(part, positions) for part, positions in zip(parts, misses) if positions]
        again = _results(client, [part for part, _ in missed], set(), validate, [frozenset(m) for _, m in missed],
                         max_chars, id_from)
        for (_, positions), partition in zip(missed, again):
            _take_missed(partition, positions, writer, tally)


def _results(client: Client, parts: list[list[Source]], stored: AbstractSet[str], validate: bool,
             only: list[AbstractSet[int]] | None = None, max_chars: int = MAX_CHARS,
             id_from: str = "auto") -> Iterator[Partition]:
    """Submit one task per part (with `only`, the positions to extract of each) and yield their
    results in that order, each let go once taken, so that finished ones wait on the workers."""
    if not parts:
        return
    [everywhere] = client.scatter([frozenset(stored)], broadcast=True)  # sent once, not once per task
    tasks = [client.submit(extract_partition, files, everywhere, validate, positions, max_chars, id_from, pure=False)
             for files, positions in zip(parts, only or [None] * len(parts))]
    for task in tasks:
        try:
            yield task.result()
        except Exception as error:  # noqa: BLE001 (a worker that died, or a bug in a task)
            raise DistributedError(f"a task failed on the Dask cluster: {_one_line(error)}") from None
        task.release()


def _take(partition: Partition, writer: GraphWriter, tally: Tally, ids: IdRegistry,
          known: Mapping[str, str]) -> _Misses:
    """Store one partition's results and count them, numbering repeated ids as `kg.ingest` does
    (and noting it, and leaving out the same article read twice, as it does); return the articles
    left out whose final id's graph in the store carries another hash."""
    misses: _Misses = {}
    summary = tally.summary
    for item in partition:
        if isinstance(item, Problem):
            tally(item)
            continue
        claim = ids.claim(item.article_id, item.origin, digest=item.text_digest, source=item.source)
        if claim.note is not None:
            tally(id_notice(item.source or item.article_id, item.line, claim.note))
        if claim.id is None:
            continue
        article_id = claim.id
        if item.result is not None:
            _settle(item.result, article_id, writer, tally, claim.owner)
        elif known.get(article_id) == item.content_hash:
            summary.articles += 1
            summary.unchanged.append(article_id)
            tally.tick()
        else:
            misses[item.position] = article_id
    return misses


def _take_missed(partition: Partition, misses: _Misses, writer: GraphWriter, tally: Tally) -> None:
    """Store the articles a second task extracted, under the ids claimed for them."""
    for item in partition:
        if isinstance(item, Read) and item.result is not None:
            _settle(item.result, misses[item.position], writer, tally)


def _settle(result: Checked | Problem, article_id: str, writer: GraphWriter, tally: Tally,
            owner: str | None = None) -> None:
    """Report an article whose extraction failed, or count and store it under `article_id`
    (recorded as read from `owner`, when the id belongs to another input with this text)."""
    if isinstance(result, Problem):
        tally(result)
        return
    extraction = _with_id(result.extraction, article_id)
    if owner is not None and extraction.article.origin != owner:
        extraction = replace(extraction, article=replace(extraction.article, origin=owner))
    renamed = extraction.article.id != result.extraction.article.id  # its IRIs too: built and checked again here
    tally.summary.articles += 1
    writer.add(Checked(extraction) if renamed else replace(result, extraction=extraction))
    tally.tick()


def _with_id(extraction: ArticleExtraction, article_id: str) -> ArticleExtraction:
    """The extraction under another article id (itself when the id is the same)."""
    if article_id == extraction.article.id:
        return extraction
    article = replace(extraction.article, id=article_id, iri=article_iri(article_id))
    statements = tuple(replace(s, article=article_id) for s in extraction.statements)
    return replace(extraction, article=article, statements=statements)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:240] or type(error).__name__
