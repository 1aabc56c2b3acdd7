"""Benchmark kg on a synthetic corpus of controlled size: extraction against the bare parse,
end-to-end build, store load rate, memory, SPARQL latency, projection and drawing.

    .venv/bin/python scripts/bench.py                       # 100, 1,000 and 10,000 articles
    .venv/bin/python scripts/bench.py --articles 1000 --out out/bench-1k.json
    .venv/bin/python scripts/bench.py --articles 5 --profile 0      # smoke run, seconds
    .venv/bin/python scripts/bench.py --articles 10000 --incremental 10 --workers 2 \
        --skip parse extract workers graph --profile 0 --resolve-sizes     # issue 19's scenario

For each size N the corpus (scripts/synth.py, deterministic from --seed) is written as JSON lines
and each measurement runs in a fresh Python process, so that its peak RSS is its own and no
measurement warms another's caches:

  parse    ingest once (timed: `ingest_s`), then bare `kg.nlp.load().pipe` over the very texts the
           pipeline parses (each article's body text), at the pipeline's batch size: the floor.
  extract  `kg.pipeline.extractions` over the JSONL (ingest + parse + actors + rules), as
           `kg extract` runs it; `extract_over_parse` = extract_s / parse_s. The time is also split
           by stage (ingest, parse, actors, rules) by timing wrappers around the stage functions.
  workers  parse + extract (`kg.pipeline.extract_articles`) of the first --workers-articles
           articles in 1 process and in 2 (`kg build --workers 2`), for the speedup; the
           2-process time includes starting the processes and loading spaCy in each.
  build    `kg.pipeline.build` into a fresh folder (what `kg build` runs; `--workers` passes on):
           split into extraction, RDF, SHACL validation, store writes (of which N-Triples
           serialisation), corpus resolution, run record, exports, the projection of what the
           overview draws, drawing and the HTML page, by timing wrappers around those functions;
           RSS sampled along the way.
           `--no-validate-build` times a second build with validation off.
           The stages include `begin` (what the build reads from the store before its first
           article) and `counts` (the store's totals for the summary).
  graph    on the built store: projection + drawing of the whole graph, and the bulk-load rate
           of the exported TriG into a fresh store (Oxigraph's fastest path, for comparison).
  query    each `queries/*.rq` in its own process (killed after --query-timeout seconds): one
           warm-up, then --repeat runs (3 when one takes over 5 s), median ms. Required
           parameters named in a file's header ("?name (required ...") get the label of the
           most-mentioned person (a paging one, "?limit", "?offset", "?page", a number:
           `PAGING_VALUES`); optional ones are timed both unbound and bound. Rows returned are
           kept, so a listing that pages shows it.
  incremental  (with --incremental BATCHES) on the store the build left: each batch is synth's
           next --batch-size articles (new ids, the same roster of people, so resolution has work),
           built into that store by `kg.pipeline.build` in a fresh process (`kg build BATCH -o out`,
           same --workers), then --removals articles stored before the batch (drawn from the seed)
           removed in another process as `kg remove` does (`remove_article`, then
           `kg.pipeline.bring_up_to_date`). Per batch: add and removal time (the add split by step
           as the build is), peak RSS of each process (and of the add's workers), the store's
           articles and quads, and the add as a share of the full build's time (model loading
           left out of both). Then the ratio of the tenth batch (else the last) to the first, and
           the queries timed again on the final store (and every --query-every batches).
  profile  (once, on the first --profile articles of the largest corpus) cProfile of ingest, of
           the work beyond the parse (actors + rules) and of the per-article build work (RDF,
           SHACL, store), the top functions written to <out stem>.profile.txt.

Model loading (spaCy) is done before timing starts in every process and reported apart
(`model_load_s`); so is the one-off building of kg's lazy tables before the extraction timing
(`extract_warmup_s`). Nothing here asserts a time: the issue's targets are reported as met or not
(a 10,000-article build time is extrapolated linearly from a smaller run; the incremental ones,
under 5% of the build, 1 GB and ±20% from first to tenth batch, are conclusive only for 10 batches
of 100 on 10,000 articles). The JSON has the largest size's figures at its top level (the scenario
under "incremental") and every size under "runs"; it is rewritten after each size, so a long run
that is stopped keeps what finished. The printed summary ends with a table per batch and a query
table (query, parameter bound, median ms and rows at each store size) to paste into a note.
`--skip` leaves phases out (parse, extract, workers, graph, query); the build always runs.
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import inspect
import io
import json
import os
import platform
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUERIES = ROOT / "queries"
sys.path.insert(0, str(HERE))

import synth  # noqa: E402  (scripts/synth.py, next to this file)

DEFAULT_SIZES = (100, 1000, 10000)
#: targets from the issue
TARGET_EXTRACT_OVER_PARSE = 1.25
TARGET_WORKERS_SPEEDUP = 1.7
TARGET_BUILD_10K_S = 30 * 60
TARGET_PEAK_RSS_MB = 2048
TARGET_QUERY_MS = 100
TARGET_QUERY_ARTICLES = 10000
#: the incremental scenario: a batch of 100 on a 10,000-article store costs under 5% of the full
#: build, peak RSS under 1 GB, and the tenth batch no more than the first (within 20%)
TARGET_BATCH_SIZE = 100
TARGET_BATCH_SHARE = 0.05
TARGET_BATCH_RSS_MB = 1024
TARGET_BATCH_DRIFT = 0.20
#: memory is "flat" when RSS grows by less than this over the second half of a build loop
FLAT_RSS_GROWTH = 0.10

PAGE = os.sysconf("SC_PAGE_SIZE")


# ============================================================================================
# measuring helpers (used inside the phase processes)


def rss_mb() -> float:
    """Current resident set size of this process, MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE / 2**20


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size (Linux reports KB), MB."""
    return resource.getrusage(who).ru_maxrss / 1024


class Clock:
    """Accumulated seconds per named stage, filled by the wrappers below.

    A timed call made inside another (resolution writing its graph with `replace_article`) is
    counted under "OUTER>INNER", not under INNER, so that the stages add up to the whole; a `part`
    (N-Triples writing, "of which" a stage) is counted under its own key wherever it runs."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self._local = threading.local()  # each thread its own stack: the exports run in one of their own

    @property
    def stack(self) -> list[str]:
        if not hasattr(self._local, "stack"):
            self._local.stack = []
        return self._local.stack

    def _key(self, key: str) -> str:
        return f"{self.stack[-1]}>{key}" if self.stack else key

    def wrap(self, key: str, fn: Callable, part: bool = False) -> Callable:
        """`fn` timed into `key` (each call)."""
        def timed(*args: Any, **kwargs: Any) -> Any:
            name = key if part else self._key(key)
            if not part:
                self.stack.append(key)
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1
                if not part:
                    self.stack.pop()
        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed

    def wrap_iter(self, key: str, fn: Callable[..., Iterable]) -> Callable[..., Iterator]:
        """A generator function `fn` whose time inside `next()` is timed into `key`."""
        def timed(*args: Any, **kwargs: Any) -> Iterator:
            name = self._key(key)
            start = time.perf_counter()
            it = iter(fn(*args, **kwargs))
            self.seconds[name] += time.perf_counter() - start
            while True:
                self.stack.append(key)
                start = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.seconds[name] += time.perf_counter() - start
                    return
                finally:
                    self.stack.pop()
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1
                yield item
        return timed

    def rounded(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in sorted(self.seconds.items())}


def _wrap(clock: Clock, owner: Any, name: str, key: str, after: Callable[[], None] | None = None,
          part: bool = False) -> None:
    """Time `owner.name` into `key` (and call `after` once it returns), if kg still has it."""
    fn = getattr(owner, name, None)
    if fn is None:
        return
    if after is not None:
        inner = fn

        def fn(*args: Any, **kwargs: Any) -> Any:
            result = inner(*args, **kwargs)
            after()
            return result
    setattr(owner, name, clock.wrap(key, fn, part))


class RssSampler:
    """RSS every `every` items of a stream: [[items, rss_mb], ...]."""

    def __init__(self, every: int) -> None:
        self.every = max(1, every)
        self.samples: list[list[float]] = [[0, round(rss_mb(), 1)]]
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if self.count % self.every == 0:
            self.samples.append([self.count, round(rss_mb(), 1)])

    def finish(self) -> list[list[float]]:
        if self.samples[-1][0] != self.count:
            self.samples.append([self.count, round(rss_mb(), 1)])
        return self.samples


def sample_every(n: int) -> int:
    return 1000 if n >= 10000 else max(1, n // 10)


def rss_growth(samples: list[list[float]]) -> float | None:
    """Relative growth of the highest RSS of a stream's second half over that of its first half
    (the first tenth, while caches fill, left out); None with too few samples."""
    total = samples[-1][0] if samples else 0
    first = [rss for count, rss in samples if total * 0.1 < count <= total * 0.5]
    second = [rss for count, rss in samples if count > total * 0.5]
    if not first or not second:
        return None
    return round((max(second) - max(first)) / max(first), 4)


def _ignore(problem: Any) -> None:
    _PROBLEMS.append(str(problem))


_PROBLEMS: list[str] = []


def _warm_caches() -> float:
    """Build kg's lazily loaded tables (language detector, furniture cues, gazetteer, gender names,
    date parser) the way the first articles of a run would; seconds taken. Missing helpers (kg
    changes under this script) are skipped: they would only be paid once inside the timing."""
    import importlib

    calls = (("kg.ingest", "_language_detector", ()), ("kg.ingest", "_cues", ()),
             ("kg.gazetteer", "_tables", ()), ("kg.gazetteer", "_cities", ()),
             ("kg.actors", "_gender_detector", ()), ("kg.dates", "normalise", ("March 3, 2023", "2023-03-05")),
             ("kg.validate", "_prepared", ()), ("kg.validate", "_compiled", ()))
    start = time.perf_counter()
    for module, name, args in calls:
        with contextlib.suppress(Exception):
            getattr(importlib.import_module(module), name)(*args)
    return time.perf_counter() - start


def _load_model() -> float:
    from kg.nlp import load
    start = time.perf_counter()
    load()
    return time.perf_counter() - start


# ============================================================================================
# phases (each runs in its own process: `bench.py --phase NAME ...`)


def phase_parse(corpus: Path, work: Path, n: int) -> dict:
    """Ingest (timed), then the bare spaCy parse of the same body texts: the floor."""
    from kg.ingest import iter_articles
    from kg.nlp import load, parse

    bodies = work / "bodies.jsonl"
    start = time.perf_counter()
    ingest_s = 0.0
    count = 0
    with bodies.open("w", encoding="utf-8") as out:
        it = iter_articles([str(corpus)], _ignore)
        while True:
            t = time.perf_counter()
            article = next(it, None)
            ingest_s += time.perf_counter() - t
            if article is None:
                break
            out.write(json.dumps(article.body_text()) + "\n")
            count += 1
    ingest_wall = time.perf_counter() - start

    model_load_s = _load_model()
    nlp = load()
    batch_size = inspect.signature(parse).parameters["batch_size"].default

    def texts() -> Iterator[str]:
        with bodies.open(encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)

    # the pipeline reads its texts from a generator too; reading this file costs ~1 ms per 1000
    sampler = RssSampler(sample_every(n))
    tokens = words = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts(), batch_size=batch_size):
        tokens += len(doc)
        sampler.tick()
    parse_s = time.perf_counter() - start
    for text in texts():
        words += len(text.split())
    bodies.unlink()
    return {
        "articles": count, "ingest_s": ingest_s, "ingest_wall_s": ingest_wall, "model_load_s": model_load_s,
        "parse_s": parse_s, "tokens": tokens, "words": words, "batch_size": batch_size,
        "problems": len(_PROBLEMS), "rss_samples": sampler.finish(), "peak_rss_mb": peak_rss_mb(),
    }


def phase_extract(corpus: Path, work: Path, n: int) -> dict:
    """`kg.pipeline.extractions` over the corpus, split by stage."""
    import kg.extract
    import kg.pipeline

    clock = Clock()
    kg.pipeline.iter_articles = clock.wrap_iter("ingest", kg.pipeline.iter_articles)
    tokens = 0
    original_parse = kg.pipeline.parse

    def counted_parse(*args: Any, **kwargs: Any) -> Iterator:
        nonlocal tokens
        for parsed in original_parse(*args, **kwargs):
            tokens += len(parsed.doc)
            yield parsed

    kg.pipeline.parse = clock.wrap_iter("parse+ingest", counted_parse)
    kg.pipeline.extract = clock.wrap("extract", kg.pipeline.extract)
    kg.extract.find_actors = clock.wrap("actors", kg.extract.find_actors)

    model_load_s = _load_model()
    warmup_s = _warm_caches()
    sampler = RssSampler(sample_every(n))
    statements: Counter[str] = Counter()
    count = 0
    start = time.perf_counter()
    for result in kg.pipeline.extractions([str(corpus)], _ignore):
        count += 1
        statements.update(s.relation for s in result.statements)
        sampler.tick()
    extract_s = time.perf_counter() - start
    s = clock.seconds
    stages = {
        "ingest_s": s["ingest"],
        "parse_s": s["parse+ingest"] - s["ingest"],
        "actors_s": s["actors"],
        "rules_s": s["extract"] - s["actors"],
    }
    stages["other_s"] = extract_s - sum(stages.values())
    return {
        "articles": count, "model_load_s": model_load_s, "warmup_s": warmup_s, "extract_s": extract_s, "tokens": tokens,
        "stages": {k: round(v, 4) for k, v in stages.items()}, "statements": dict(statements),
        "problems": len(_PROBLEMS), "rss_samples": sampler.finish(), "peak_rss_mb": peak_rss_mb(),
    }


def _instrument_build(clock: Clock, sampler: RssSampler, mark: Callable[[str], None]) -> None:
    """Time the steps of `kg.pipeline.build` into `clock` (by wrapping the functions it calls, where
    kg still has them), tick `sampler` once per article and `mark` the RSS after the big steps."""
    import kg.pipeline
    import kg.store

    original_extractions = kg.pipeline.extractions

    def sampled_extractions(*args: Any, **kwargs: Any) -> Iterator:
        for result in original_extractions(*args, **kwargs):
            sampler.tick()
            yield result
        mark("after article loop")

    kg.pipeline.extractions = clock.wrap_iter("extraction", sampled_extractions)
    # what a build reads from the store before its first article (the hashes, ids and origins it trusts)
    for name in ("begin_build", "stored_origins", "stored_digests"):
        _wrap(clock, kg.pipeline, name, "begin")
    _wrap(clock, kg.pipeline, "extraction_quads", "rdf")
    _wrap(clock, kg.pipeline, "validate_quads", "validate")
    _wrap(clock, kg.store.Store, "replace_graphs", "store")
    _wrap(clock, kg.store.Store, "replace_article", "store")
    _wrap(clock, kg.store, "_ntriples", "store_serialise", part=True)
    _wrap(clock, kg.pipeline, "resolve", "resolution", after=lambda: mark("after resolution"))
    _wrap(clock, kg.pipeline, "_record_run", "run_record", after=lambda: mark("after run record"))
    _wrap(clock, kg.store.GraphStore, "counts", "counts")
    _wrap(clock, kg.store.GraphStore, "export", "export", after=lambda: mark("after an export"))
    # a build's exports, in a thread beside the projection, the drawing and the page: export_s
    # overlaps those (and other_s is smaller by the overlap, possibly below zero)
    _wrap(clock, kg.pipeline, "_write_exports", "export", after=lambda: mark("after the exports"))
    _wrap(clock, kg.pipeline, "projection", "projection")  # a kg that projected the whole store to draw it
    _wrap(clock, kg.pipeline, "overview_projection", "projection")  # only what the build's overview draws
    _wrap(clock, kg.pipeline, "draw_relationships", "draw", after=lambda: mark("after drawing"))
    with contextlib.suppress(ImportError):  # the interactive page, where kg writes one (imported at call time)
        import kg.html
        _wrap(clock, kg.html, "write_html", "html", after=lambda: mark("after html"))
    _wrap(clock, kg.store.Store, "close", "close")


def _build_stages(clock: Clock, build_s: float) -> dict[str, float]:
    """A build's seconds by step (see `_instrument_build`); `other_s` is what no wrapper saw."""
    s = clock.seconds
    # with --workers 1 each graph is built, checked and turned into quads inside the extraction
    # stream (`kg.pipeline.check_extractions`; with more, in the workers, unseen here): counted as
    # those stages, not as extraction
    inside = {key: s[f"extraction>{key}"] for key in ("rdf", "validate")}
    # store_serialise is the N-Triples writing inside store_s (and the run record's, in run_record_s)
    stages = {
        "begin_s": s["begin"], "extraction_s": s["extraction"] - sum(inside.values()),
        "rdf_s": s["rdf"] + inside["rdf"], "validate_s": s["validate"] + inside["validate"],
        "store_s": s["store"], "store_serialise_s": s["store_serialise"], "run_record_s": s["run_record"],
        "resolution_s": s["resolution"], "counts_s": s["counts"], "export_s": s["export"],
        "projection_s": s["projection"], "draw_s": s["draw"], "html_s": s["html"], "close_s": s["close"],
    }
    accounted = sum(v for k, v in stages.items() if k != "store_serialise_s")
    stages["other_s"] = build_s - accounted
    # a timed step inside another (resolution's own store writes: "resolution>store") is part of
    # the outer one's time; kept apart, for the record
    stages.update({f"{k}_s": v for k, v in s.items() if ">" in k})
    return {k: round(v, 4) for k, v in stages.items()}


def _build_kwargs(workers: int) -> dict:
    import kg.pipeline

    supported = "workers" in inspect.signature(kg.pipeline.build).parameters
    return {"workers": workers} if supported and workers != 1 else {}


def _timed_build(corpus: Path, out: Path, sampler: "RssSampler", workers: int, validate: bool = True,
                 outputs: list[str] | None = None) -> tuple:
    """`kg.pipeline.build` of `corpus` into `out`, instrumented (`_instrument_build`), the model
    loaded first, writing `outputs` (None: the build's default): (summary, seconds, clock, RSS
    steps, model load seconds, build keyword arguments)."""
    import kg.pipeline

    clock = Clock()
    steps: list[dict] = []

    def mark(step: str) -> None:
        steps.append({"step": step, "rss_mb": round(rss_mb(), 1), "peak_rss_mb": round(peak_rss_mb(), 1)})

    _instrument_build(clock, sampler, mark)
    model_load_s = _load_model()
    mark("model loaded")
    extra = _build_kwargs(workers)
    if outputs is not None:
        extra["outputs"] = tuple(outputs)
    start = time.perf_counter()
    summary = kg.pipeline.build([str(corpus)], out, _ignore, validate=validate, **extra)
    seconds = time.perf_counter() - start
    mark("build returned")
    return summary, seconds, clock, steps, model_load_s, extra


def phase_build(corpus: Path, work: Path, n: int, validate: bool = True, workers: int = 1) -> dict:
    """`kg.pipeline.build` into `work/out`, timed by step."""
    import kg.store

    out = work / ("out" if validate else "out-novalidate")
    shutil.rmtree(out, ignore_errors=True)
    sampler = RssSampler(sample_every(n))
    summary, build_s, clock, steps, model_load_s, extra = _timed_build(corpus, out, sampler, workers, validate)
    stages = _build_stages(clock, build_s)
    used_workers = extra.get("workers", 1)
    if not validate:  # only its time is wanted: do not leave a second store on disk
        shutil.rmtree(out, ignore_errors=True)
        return {"articles": summary.articles, "build_s": build_s, "stages": stages,
                "peak_rss_mb": peak_rss_mb(), "workers": used_workers}
    with kg.store.Store(out / kg.store.STORE_DIR) as store:
        quads = len(store)
    store_bytes = sum(f.stat().st_size for f in (out / kg.store.STORE_DIR).rglob("*") if f.is_file())
    return {
        "articles": summary.articles, "skipped": summary.skipped, "violations": len(summary.violations),
        "model_load_s": model_load_s, "build_s": build_s, "stages": stages,
        "quads": quads, "store_mb": round(store_bytes / 2**20, 1),
        "files_mb": {p.name: round(p.stat().st_size / 2**20, 2) for p in out.iterdir() if p.is_file()},
        "rss_samples": sampler.finish(), "steps": steps, "peak_rss_mb": peak_rss_mb(),
        "peak_rss_children_mb": peak_rss_mb(resource.RUSAGE_CHILDREN), "workers": used_workers,
    }


def _store_size(out: Path) -> dict:
    """Articles and quads in the store of the build folder `out` (opened and closed here)."""
    import kg.store

    with kg.store.open_store(out) as store:
        articles = len(store.article_ids())
        quads = len(store)
    folder = kg.store.store_folder(out)
    store_bytes = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return {"store_articles": articles, "quads": quads, "store_mb": round(store_bytes / 2**20, 1)}


def phase_batch(corpus: Path, work: Path, n: int, workers: int = 1, outputs: list[str] | None = None) -> dict:
    """One incremental batch: `kg.pipeline.build` of the batch's JSONL (new articles only) into
    the store already built in `work/out`, as `kg build BATCH -o out [--outputs ...]` runs it,
    timed by step."""
    summary, add_s, clock, steps, model_load_s, extra = _timed_build(corpus, work / "out", RssSampler(max(1, n // 4)),
                                                                       workers, outputs=outputs)
    resolution = summary.resolution
    return {
        "read": summary.articles, "built": len(summary.built), "unchanged": len(summary.unchanged),
        "redone": len(summary.redone), "skipped": summary.skipped, "failed": summary.failed,
        "violations": len(summary.violations), "problems": len(_PROBLEMS),
        "merges": len(resolution.merges) if resolution is not None else None,
        "model_load_s": model_load_s, "add_s": add_s, "stages": _build_stages(clock, add_s), "steps": steps,
        "peak_rss_mb": peak_rss_mb(), "peak_rss_children_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
        "workers": extra.get("workers", 1), **_store_size(work / "out"),
    }


def phase_remove(corpus: Path, work: Path, n: int, ids: list[str] | None = None, workers: int = 1) -> dict:
    """Remove the articles `ids` from the store in `work/out` as `kg remove --workers` does (each
    graph, then `kg.pipeline.bring_up_to_date`: merges, events and counts without them; the
    articles a merge undone needs extracted again in `workers` processes), timed."""
    import kg.pipeline
    from kg.store import open_store

    clock = Clock()
    _wrap(clock, kg.pipeline, "resolve", "resolution")
    removed = 0
    start = time.perf_counter()
    with open_store(work / "out") as store:
        for article_id in ids or ():
            if store.remove_article(article_id):
                removed += 1
        drop_s = time.perf_counter() - start
        if removed:  # as `kg remove`: only when something went
            supported = "workers" in inspect.signature(kg.pipeline.bring_up_to_date).parameters
            kg.pipeline.bring_up_to_date(store, **({"workers": workers} if supported and workers != 1 else {}))
        up_to_date_s = time.perf_counter() - start - drop_s
    remove_s = time.perf_counter() - start
    return {
        "asked": len(ids or ()), "removed": removed, "remove_s": remove_s, "drop_s": drop_s,
        "up_to_date_s": up_to_date_s, "resolution_s": round(clock.seconds["resolution"], 4),
        "peak_rss_mb": peak_rss_mb(), **_store_size(work / "out"),
    }


def query_parameters(text: str) -> dict[str, str]:
    """{variable: "required" | "optional"} from a query file's header comment ("Parameters: ...")."""
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lstrip("# "))
    joined = " ".join(header)
    if "Parameters:" not in joined:
        return {}
    part = joined.split("Parameters:", 1)[1]
    return {m.group(1): m.group(2) for m in re.finditer(r"\?(\w+)\s*\((required|optional)", part)}


#: parameters that page a listing get a number, not the person's name (a limit of a page, the
#: offset of the second page); every other parameter gets the most-mentioned person's label
PAGING_VALUES = {"limit": 100, "page_size": 100, "size": 100, "offset": 100, "page": 2}


def query_variants(store: Any) -> tuple[str, list[list]]:
    """The most-mentioned person's label, and each query variant to time: [name, file, params],
    a file with its required parameters bound, then once more per optional parameter bound."""
    from kg.names import looks_like_name

    top = store.query(
        "SELECT ?label (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a schema:Person ; rdfs:label ?label } }"
        " GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 50").rows
    # a name, not a descriptor ("A senior official" is the most mentioned "person" of synth's corpus)
    names = [str(label) for label, _ in top if looks_like_name(str(label))]
    value = names[0] if names else str(top[0][0]) if top else "Nobody"

    def bound(name: str) -> Any:
        return PAGING_VALUES.get(name.lower(), value)

    variants = []
    for path in sorted(QUERIES.glob("*.rq")):
        params = query_parameters(path.read_text(encoding="utf-8"))
        required = {k: bound(k) for k, kind in params.items() if kind == "required"}
        variants.append([path.name, str(path), required])
        variants += [[f"{path.name}[{k}]", str(path), {**required, k: bound(k)}]
                     for k, kind in params.items() if kind == "optional"]
    return value, variants


def phase_variants(corpus: Path, work: Path, n: int) -> dict:
    """The query variants to time on the store in `work/out` (`query_variants`), alone: the
    `graph` phase's other work (projection, drawing, bulk load) left out."""
    from kg.store import open_store

    with open_store(work / "out") as store:
        value, variants = query_variants(store)
    return {"param_value": value, "variants": variants, "peak_rss_mb": peak_rss_mb()}


def phase_graph(corpus: Path, work: Path, n: int) -> dict:
    """On the built store: the query variants to time, projection + drawing, bulk-load rate."""
    import pyoxigraph as ox

    from kg.draw import draw_relationships
    from kg.graph import projection
    from kg.store import open_store

    out = work / "out"
    result: dict[str, Any] = {}
    with open_store(out) as store:
        result["param_value"], result["variants"] = query_variants(store)
        start = time.perf_counter()
        graph = projection(store)
        result["projection_s"] = time.perf_counter() - start
        result["projection_nodes"] = graph.number_of_nodes()
        result["projection_edges"] = graph.number_of_edges()
        result["quads"] = len(store)
    start = time.perf_counter()
    draw_relationships(graph, work / "bench-actors.png", title="bench")
    result["draw_s"] = time.perf_counter() - start
    trig = out / "graph.trig"
    if trig.exists():
        fresh = work / "bulk-store"
        shutil.rmtree(fresh, ignore_errors=True)
        start = time.perf_counter()
        bulk = ox.Store(str(fresh))
        bulk.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
        loaded = len(bulk)
        del bulk
        seconds = time.perf_counter() - start
        shutil.rmtree(fresh, ignore_errors=True)
        result["bulk_load_quads"] = loaded
        result["bulk_load_quads_per_s"] = loaded / seconds if seconds else None
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def phase_query(corpus: Path, work: Path, n: int, file: str = "", params: dict | None = None,
                repeat: int = 10) -> dict:
    """One query on the built store: a warm-up run, then `repeat` timed runs (3 when one takes > 5 s)."""
    from kg.store import open_store

    text = Path(file).read_text(encoding="utf-8")
    with open_store(work / "out") as store:
        start = time.perf_counter()
        rows = len(store.query(text, params).rows)
        first_ms = (time.perf_counter() - start) * 1000
        runs = repeat if first_ms < 5000 else max(1, min(repeat, 3))
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            store.query(text, params)
            times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times), 2), "min_ms": round(min(times), 2),
            "max_ms": round(max(times), 2), "first_ms": round(first_ms, 2), "runs": runs, "rows": rows,
            "params": params or {}}


def phase_profile(corpus: Path, work: Path, n: int, report: str | None = None) -> dict:
    """cProfile of the post-parse extraction work and of the per-article build work, on n articles."""
    from kg.actors import find_actors
    from kg.extract import extract
    from kg.ingest import iter_articles
    from kg.nlp import parse
    from kg.rdf import extraction_quads
    from kg.store import Store
    from kg.validate import validate_quads

    _load_model()
    _warm_caches()
    ingest_profile = cProfile.Profile()
    ingest_profile.enable()
    articles = list(islice(iter_articles([str(corpus)], _ignore), n))
    ingest_profile.disable()
    parsed = list(parse(articles))
    # touch the lazy tables (gazetteer, gender detector) outside the profile, as a long run would
    for p in parsed[:2]:
        extract(p)

    extract_profile = cProfile.Profile()
    start = time.perf_counter()
    extract_profile.enable()
    results = [extract(p, find_actors(p)) for p in parsed]
    extract_profile.disable()
    extract_s = time.perf_counter() - start

    build_profile = cProfile.Profile()
    with Store(None) as store:
        for r in results[:2]:
            validate_quads(extraction_quads(r))
        start = time.perf_counter()
        build_profile.enable()
        for r in results:
            quads = extraction_quads(r)
            validate_quads(quads)
            store.replace_graphs([quads])
        build_profile.disable()
        build_s = time.perf_counter() - start
    sections = {"ingest": ingest_profile, "extract (actors + rules, after the parse)": extract_profile,
                "build per article (rdf + validate + store)": build_profile}
    summary: dict[str, Any] = {"articles": len(parsed), "profiled_extract_s": extract_s,
                               "profiled_build_s": build_s, "top": {}}
    text = io.StringIO()
    for title, prof in sections.items():
        stats = pstats.Stats(prof)
        total = stats.total_tt  # type: ignore[attr-defined]
        text.write(f"\n==== {title}: {len(parsed)} articles, {total:.2f} s profiled ====\n")
        for sort in ("tottime", "cumulative"):
            buffer = io.StringIO()
            pstats.Stats(prof, stream=buffer).strip_dirs().sort_stats(sort).print_stats(30)
            text.write(f"\n-- by {sort} --\n")
            text.write(buffer.getvalue().split("\n", 6)[-1] if "ncalls" in buffer.getvalue() else buffer.getvalue())
        summary["top"][title] = _top_functions(stats, 15)
    if report is not None:
        Path(report).write_text(text.getvalue(), encoding="utf-8")
        summary["report"] = report
    return summary


def _top_functions(stats: pstats.Stats, k: int) -> list[dict]:
    """The k functions with most own time, and their cumulative time."""
    rows = []
    for (filename, line, name), (cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{_short_path(filename)}:{line}({name})", "calls": nc,
                     "tottime_s": round(tt, 4), "cumtime_s": round(ct, 4)})
    rows.sort(key=lambda r: -r["tottime_s"])
    return rows[:k]


def _short_path(filename: str) -> str:
    for marker in ("site-packages/", "/work/main/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def phase_workers(corpus: Path, work: Path, n: int, counts: tuple[int, ...] = (1, 2)) -> dict:
    """`kg.pipeline.extract_articles` (parse + extract, what `kg build --workers` runs) over the
    first n articles, once per worker count: the same articles, read once beforehand. One worker
    parses here, with the model loaded before timing; several start that many processes, each
    loading spaCy, and that start-up is part of their time (as it is of a `kg build --workers`)."""
    import kg.pipeline
    from kg.ingest import iter_articles

    articles = list(islice(iter_articles([str(corpus)], _ignore), n))
    _load_model()
    _warm_caches()
    seconds = {}
    for count in counts:
        start = time.perf_counter()
        done = sum(1 for _ in kg.pipeline.extract_articles(articles, count))
        seconds[str(count)] = time.perf_counter() - start
        assert done == len(articles), (done, len(articles))
    return {"articles": len(articles), "seconds": seconds, "cpus": os.cpu_count()}


PHASES: dict[str, Callable[..., dict]] = {
    "parse": phase_parse, "extract": phase_extract, "build": phase_build, "graph": phase_graph,
    "query": phase_query, "profile": phase_profile, "workers": phase_workers, "variants": phase_variants,
    "batch": phase_batch, "remove": phase_remove,
}


# ============================================================================================
# the orchestrating process


def run_phase(name: str, corpus: Path, work: Path, n: int, options: dict | None = None,
              timeout: float | None = None) -> dict | None:
    """Run one phase in a fresh interpreter: its JSON result plus its wall time; None on timeout."""
    result_file = work / f"phase-{name}.json"
    result_file.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", name, "--corpus", str(corpus),
               "--work", str(work), "--articles", str(n), "--phase-result", str(result_file),
               "--phase-options", json.dumps(options or {})]
    start = time.perf_counter()
    try:
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    wall = time.perf_counter() - start
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr[-4000:])
        raise SystemExit(f"bench: phase {name} failed for {n} articles (exit {completed.returncode})")
    result = json.loads(result_file.read_text(encoding="utf-8"))
    result["wall_s"] = wall
    return result


#: phases `--skip` may leave out (the build is always run: every other measurement reads its store)
SKIPPABLE = ("parse", "extract", "workers", "graph", "query")


def time_queries(corpus: Path, work: Path, n: int, variants: list[list], repeat: int, query_timeout: float,
                 log: Callable[[str], None], where: str) -> dict[str, dict]:
    """Each query variant timed in its own process on the store in `work/out`."""
    timings = {}
    for name, file, params in variants:
        timing = run_phase("query", corpus, work, n, {"file": file, "params": params, "repeat": repeat},
                           timeout=query_timeout)
        timings[name] = timing or {"median_ms": None, "timed_out_after_s": query_timeout, "params": params}
        log(f"[{where}] query {name}: " + (f"{timing['median_ms']:.1f} ms, {timing['rows']} rows"
                                           if timing else f"over {query_timeout:.0f} s"))
    return timings


def removal_ids(seed: int, batch: int, candidates: list[str], removed: set[str], count: int) -> list[str]:
    """The `count` articles batch number `batch` removes: drawn (deterministically from the seed
    and the batch) among the `candidates` (every article stored before the batch) not yet removed."""
    import random

    left = [c for c in candidates if c not in removed]
    return sorted(random.Random(f"remove:{seed}:{batch}").sample(left, min(count, len(left))))


def incremental(n: int, seed: int, work: Path, build_s: float, batches: int, batch_size: int, removals: int,
                workers: int, variants: list[list] | None, repeat: int, query_timeout: float, query_every: int,
                log: Callable[[str], None], outputs: list[str] | None = None) -> dict:
    """The incremental scenario on the store built from the first n articles: `batches` times,
    build a batch of `batch_size` new articles into it (synth's articles n, n+1, ...: new ids, the
    same people; writing `outputs`, None for the build's default), each in a fresh process, then remove `removals` earlier articles in another;
    then (and every `query_every` batches) time the queries on the store as it is."""
    folder = work / "batches"
    folder.mkdir(parents=True, exist_ok=True)
    stored = [a["id"] for a in synth.iter_articles(n, seed)]
    removed: set[str] = set()
    rows: list[dict] = []
    query_runs: list[dict] = []
    for k in range(1, batches + 1):
        start_index = n + (k - 1) * batch_size
        corpus = folder / f"batch-{k:03d}.jsonl"
        synth.write_jsonl(corpus, batch_size, seed, start=start_index)
        add = run_phase("batch", corpus, work, batch_size, {"workers": workers, "outputs": outputs})
        ids = removal_ids(seed, k, stored, removed, removals)
        gone = run_phase("remove", corpus, work, batch_size, {"ids": ids, "workers": workers})
        removed.update(ids)
        stored += [a["id"] for a in synth.iter_articles(batch_size, seed, start_index)]
        slowest = top_stages(add["stages"])
        row = {
            "batch": k, "first_index": start_index, "added": add["built"], "read": add["read"],
            "redone": add["redone"], "failed": add["failed"] + add["skipped"], "removed": gone["removed"],
            "removed_ids": ids,
            "add_s": round(add["add_s"], 3), "add_wall_s": round(add["wall_s"], 3),
            "add_model_load_s": round(add["model_load_s"], 3),
            "add_over_build": round(add["add_s"] / build_s, 4) if build_s else None,
            "add_stages_s": add["stages"], "add_steps": add["steps"],
            "add_peak_rss_mb": round(add["peak_rss_mb"], 1),
            "add_peak_rss_workers_mb": round(add["peak_rss_children_mb"], 1),
            "remove_s": round(gone["remove_s"], 3), "remove_drop_s": round(gone["drop_s"], 3),
            "remove_up_to_date_s": round(gone["up_to_date_s"], 3), "remove_resolution_s": gone["resolution_s"],
            "remove_wall_s": round(gone["wall_s"], 3), "remove_peak_rss_mb": round(gone["peak_rss_mb"], 1),
            "articles_after_add": add["store_articles"], "quads_after_add": add["quads"],
            "store_articles": gone["store_articles"], "quads": gone["quads"], "store_mb": gone["store_mb"],
        }
        rows.append(row)
        log(f"[{n}] batch {k}: +{row['added']} articles in {row['add_s']:.1f} s "
            f"({100 * (row['add_over_build'] or 0):.1f}% of the build; most: "
            + ", ".join(f"{name} {v:.1f} s" for v, name in slowest)
            + f"), peak RSS {row['add_peak_rss_mb']:.0f} MB; -{row['removed']} in {row['remove_s']:.1f} s, "
            f"peak RSS {row['remove_peak_rss_mb']:.0f} MB; store {row['store_articles']} articles, {row['quads']} quads")
        if variants is not None and (k == batches or (query_every and k % query_every == 0)):
            query_runs.append({"after_batch": k, "store_articles": row["store_articles"], "quads": row["quads"],
                               "queries": time_queries(corpus, work, batch_size, variants, repeat, query_timeout,
                                                       log, f"{n} + batch {k}")})
    first, last = rows[0], rows[-1]
    compared = rows[9] if len(rows) >= 10 else last  # the issue's "tenth batch"
    return {
        "batches": batches, "batch_size": batch_size, "batch_outputs": outputs, "removals_per_batch": removals, "workers": workers,
        "full_build_s": round(build_s, 3), "full_build_articles": n, "rows": rows,
        "compared_batch": compared["batch"],
        "add_ratio": round(compared["add_s"] / first["add_s"], 3) if first["add_s"] else None,
        "remove_ratio": round(compared["remove_s"] / first["remove_s"], 3) if first["remove_s"] else None,
        "add_peak_rss_ratio": round(compared["add_peak_rss_mb"] / first["add_peak_rss_mb"], 3),
        "max_add_over_build": max(r["add_over_build"] or 0 for r in rows),
        "max_peak_rss_mb": max(max(r["add_peak_rss_mb"], r["add_peak_rss_workers_mb"], r["remove_peak_rss_mb"])
                               for r in rows),
        "final_articles": last["store_articles"], "final_quads": last["quads"],
        "query_runs": query_runs,
    }


def measure(n: int, seed: int, work: Path, repeat: int, novalidate: bool, query_timeout: float, workers: int,
            log: Callable[[str], None], workers_articles: int = 0, skip: Iterable[str] = (),
            batches: int = 0, batch_size: int = 100, removals: int = 5, query_every: int = 0,
            batch_outputs: list[str] | None = None) -> dict:
    """Every measurement for a corpus of n articles (but the phases in `skip`), then, with
    `batches`, the incremental scenario on the store the build left."""
    skip = set(skip)
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{seed}-{n}.jsonl"
    start = time.perf_counter()
    stats = synth.write_jsonl(corpus, n, seed)
    log(f"[{n}] corpus: {stats['words']} words, {stats['bytes'] / 2**20:.1f} MB ({time.perf_counter() - start:.1f} s)")
    parse = extract = scaling = None
    if "parse" not in skip:
        parse = run_phase("parse", corpus, work, n)
        log(f"[{n}] parse floor: {parse['parse_s']:.1f} s, {parse['tokens']} tokens")
    if "extract" not in skip:
        extract = run_phase("extract", corpus, work, n)
        log(f"[{n}] extraction: {extract['extract_s']:.1f} s")
    if workers_articles > 0 and "workers" not in skip:
        scaling = run_phase("workers", corpus, work, min(n, workers_articles))
        one, two = scaling["seconds"]["1"], scaling["seconds"]["2"]
        log(f"[{n}] parse + extract of {scaling['articles']} articles: {one:.1f} s in 1 process, "
            f"{two:.1f} s in 2 ({one / two:.2f}x)")
    build = run_phase("build", corpus, work, n, {"workers": workers})
    log(f"[{n}] build: {build['build_s']:.1f} s, {build['quads']} quads")
    build_nv = None
    if novalidate:
        build_nv = run_phase("build", corpus, work, n, {"validate": False, "workers": workers})
        log(f"[{n}] build --no-validate: {build_nv['build_s']:.1f} s")
    graph = run_phase("graph", corpus, work, n) if "graph" not in skip else None
    variants = None
    if "query" not in skip:
        found = graph if graph is not None else run_phase("variants", corpus, work, n)
        variants = found["variants"]
        param_value = found["param_value"]
    queries = time_queries(corpus, work, n, variants, repeat, query_timeout, log, str(n)) if variants else {}
    steps = None
    if batches > 0:
        steps = incremental(n, seed, work, build["build_s"], batches, batch_size, removals, workers, variants,
                            repeat, query_timeout, query_every, log, batch_outputs)
        log(f"[{n}] incremental: batch {steps['compared_batch']} / batch 1 = {steps['add_ratio']} (add), "
            f"{steps['remove_ratio']} (removal); the costliest add {100 * steps['max_add_over_build']:.1f}% "
            f"of the full build")

    articles = build["articles"]
    stages = build["stages"]
    load_s = stages["store_s"]

    def rounded(phase: dict | None, key: str, digits: int = 3) -> float | None:
        return round(phase[key], digits) if phase is not None and phase.get(key) is not None else None

    parse_s = parse["parse_s"] if parse else None
    row: dict[str, Any] = {
        "articles": articles,
        "skipped_phases": sorted(skip),
        "words": parse["words"] if parse else stats["words"],
        "tokens": parse["tokens"] if parse else (extract["tokens"] if extract else None),
        "corpus_mb": round(stats["bytes"] / 2**20, 2),
        "model_load_s": round(build["model_load_s"], 3),
        "ingest_s": rounded(parse, "ingest_s"),
        "parse_s": rounded(parse, "parse_s"),
        "parse_articles_per_s": _rate(articles, parse_s) if parse else None,
        "parse_tokens_per_s": _rate(parse["tokens"], parse_s) if parse else None,
        "extract_s": rounded(extract, "extract_s"),
        "extract_warmup_s": rounded(extract, "warmup_s"),
        "extract_over_parse": round(extract["extract_s"] / parse_s, 3) if extract and parse_s else None,
        "extract_articles_per_s": _rate(articles, extract["extract_s"]) if extract else None,
        "extract_tokens_per_s": _rate(extract["tokens"], extract["extract_s"]) if extract else None,
        "extract_stages_s": extract["stages"] if extract else None,
        "statements": extract["statements"] if extract else None,
        "workers_articles": scaling["articles"] if scaling else None,
        "extract_1_worker_s": round(scaling["seconds"]["1"], 3) if scaling else None,
        "extract_2_workers_s": round(scaling["seconds"]["2"], 3) if scaling else None,
        "workers_speedup": round(scaling["seconds"]["1"] / scaling["seconds"]["2"], 3) if scaling else None,
        "build_s": round(build["build_s"], 3),
        "build_wall_s": round(build["wall_s"], 3),
        "build_articles_per_s": _rate(build["articles"], build["build_s"]),
        "build_workers": build["workers"],
        "peak_rss_build_workers_mb": round(build["peak_rss_children_mb"], 1),
        "build_stages_s": stages,
        "validate_share": round(stages["validate_s"] / build["build_s"], 3) if build["build_s"] else None,
        "build_novalidate_s": round(build_nv["build_s"], 3) if build_nv else None,
        "quads": build["quads"],
        "store_mb": build["store_mb"],
        "output_files_mb": build["files_mb"],
        "violations": build["violations"],
        "load_quads_per_s": _rate(build["quads"], load_s),
        "bulk_load_quads_per_s": round(graph["bulk_load_quads_per_s"], 1)
        if graph and graph.get("bulk_load_quads_per_s") else None,
        "peak_rss_mb": round(build["peak_rss_mb"], 1),
        "peak_rss_by_phase_mb": {name: round(phase["peak_rss_mb"], 1) for name, phase in
                                 (("parse", parse), ("extract", extract), ("build", build), ("graph", graph))
                                 if phase is not None},
        "rss_samples_mb": {name: phase["rss_samples"] for name, phase in
                           (("parse", parse), ("extract", extract), ("build", build)) if phase is not None},
        "rss_growth_second_half": {"extract": rss_growth(extract["rss_samples"]) if extract else None,
                                   "build": rss_growth(build["rss_samples"])},
        "build_steps": build["steps"],
        "query_ms_median": {k: v["median_ms"] for k, v in queries.items()},
        "query_timeouts": sorted(k for k, v in queries.items() if v["median_ms"] is None),
        "queries": queries,
        "query_param_value": param_value if variants else None,
        "projection_s": rounded(graph, "projection_s"),
        "draw_s": rounded(graph, "draw_s"),
        "projection_nodes": graph["projection_nodes"] if graph else None,
        "projection_edges": graph["projection_edges"] if graph else None,
        "problems": parse["problems"] if parse else None,
        "incremental": steps,
    }
    return row


def _rate(count: float, seconds: float) -> float | None:
    return round(count / seconds, 1) if seconds else None


def targets(rows: list[dict]) -> dict:
    """Each target of the issue, measured on the largest size available (extrapolated when smaller)."""
    largest = rows[-1]
    n = largest["articles"]
    result: dict[str, Any] = {}
    result["extract_within_1.25x_parse"] = {"value": largest["extract_over_parse"], "target": TARGET_EXTRACT_OVER_PARSE,
                                            "met": largest["extract_over_parse"] is not None
                                            and largest["extract_over_parse"] <= TARGET_EXTRACT_OVER_PARSE}
    result["workers_2_speedup_1.7x"] = {"value": largest.get("workers_speedup"), "target": TARGET_WORKERS_SPEEDUP,
                                        "on_articles": largest.get("workers_articles"),
                                        "cpus": os.cpu_count(),
                                        "met": largest.get("workers_speedup") is not None
                                        and largest["workers_speedup"] >= TARGET_WORKERS_SPEEDUP}
    build_10k = largest["build_s"] * TARGET_QUERY_ARTICLES / n if n else None
    result["build_10k_under_30_min"] = {"value_s": round(build_10k, 1) if build_10k else None,
                                        "extrapolated_from": n if n != TARGET_QUERY_ARTICLES else None,
                                        "target_s": TARGET_BUILD_10K_S,
                                        "met": build_10k is not None and build_10k < TARGET_BUILD_10K_S}
    peak = max(r["peak_rss_mb"] for r in rows)
    result["peak_rss_under_2gb"] = {"value_mb": peak, "target_mb": TARGET_PEAK_RSS_MB, "met": peak < TARGET_PEAK_RSS_MB,
                                    "at_articles": n}
    growth = largest["rss_growth_second_half"]["build"]
    result["memory_flat"] = {"build_rss_growth_second_half": growth,
                             "peak_rss_by_size_mb": {r["articles"]: r["peak_rss_mb"] for r in rows},
                             "threshold": FLAT_RSS_GROWTH,
                             "met": growth is not None and growth < FLAT_RSS_GROWTH}
    result["queries_under_100ms"] = _query_target(largest["queries"], n)
    steps = largest.get("incremental")
    if steps:
        result.update(incremental_targets(steps))
    return result


def _query_target(queries: dict[str, dict], n: int) -> dict:
    """Every timed query under 100 ms (none timed: not met)."""
    slow = {k: (v["median_ms"] if v["median_ms"] is not None else f"over {v['timed_out_after_s']} s")
            for k, v in queries.items() if v["median_ms"] is None or v["median_ms"] >= TARGET_QUERY_MS}
    return {"at_articles": n, "target_ms": TARGET_QUERY_MS, "over": slow, "timed": len(queries),
            "met": bool(queries) and not slow, "conclusive": n >= TARGET_QUERY_ARTICLES}


def incremental_targets(steps: dict) -> dict:
    """The issue's targets for the incremental scenario: each batch's add under 5% of the full
    build, peak RSS of every batch process under 1 GB, the tenth (else last) batch no costlier than
    the first (within 20%), and the queries on the final store under 100 ms. Conclusive on a
    10,000-article store with batches of 100."""
    n, size = steps["full_build_articles"], steps["batch_size"]
    conclusive = n >= TARGET_QUERY_ARTICLES and size == TARGET_BATCH_SIZE
    result: dict[str, Any] = {}
    result["batch_add_under_5pct_of_build"] = {
        "value": steps["max_add_over_build"], "target": TARGET_BATCH_SHARE, "batch_size": size, "at_articles": n,
        "full_build_s": steps["full_build_s"], "met": steps["max_add_over_build"] < TARGET_BATCH_SHARE,
        "conclusive": conclusive}
    result["batch_peak_rss_under_1gb"] = {
        "value_mb": steps["max_peak_rss_mb"], "target_mb": TARGET_BATCH_RSS_MB,
        "met": steps["max_peak_rss_mb"] < TARGET_BATCH_RSS_MB, "conclusive": conclusive}
    ratio = steps["add_ratio"]
    result["batch_cost_flat"] = {
        "value": ratio, "compared": f"batch {steps['compared_batch']} / batch 1", "target": 1 + TARGET_BATCH_DRIFT,
        "removal_ratio": steps["remove_ratio"], "peak_rss_ratio": steps["add_peak_rss_ratio"],
        "met": ratio is not None and ratio <= 1 + TARGET_BATCH_DRIFT,
        "conclusive": conclusive and steps["compared_batch"] >= 10}
    if steps["query_runs"]:
        final = steps["query_runs"][-1]
        result["queries_under_100ms_after_batches"] = _query_target(final["queries"], final["store_articles"])
    return result


# ============================================================================================
# report


def table(rows: list[dict]) -> str:
    """The comparison table, one column per corpus size."""
    def fmt(value: Any, spec: str = "") -> str:
        if value is None:
            return "-"
        return format(value, spec) if spec else str(value)

    lines: list[tuple[str, Callable[[dict], str]]] = [
        ("articles", lambda r: fmt(r["articles"])),
        ("tokens", lambda r: fmt(r["tokens"], ",")),
        ("ingest s", lambda r: fmt(r["ingest_s"], ".1f")),
        ("parse (floor) s", lambda r: fmt(r["parse_s"], ".1f")),
        ("  articles/s", lambda r: fmt(r["parse_articles_per_s"], ".1f")),
        ("  tokens/s", lambda r: fmt(r["parse_tokens_per_s"], ",.0f")),
        ("extract s", lambda r: fmt(r["extract_s"], ".1f")),
        ("  articles/s", lambda r: fmt(r["extract_articles_per_s"], ".1f")),
        ("  tokens/s", lambda r: fmt(r["extract_tokens_per_s"], ",.0f")),
        ("  extract / parse", lambda r: fmt(r["extract_over_parse"], ".2f") + "x"),
        ("  - ingest s", lambda r: fmt(r["extract_stages_s"]["ingest_s"], ".1f")),
        ("  - parse s", lambda r: fmt(r["extract_stages_s"]["parse_s"], ".1f")),
        ("  - actors s", lambda r: fmt(r["extract_stages_s"]["actors_s"], ".1f")),
        ("  - rules s", lambda r: fmt(r["extract_stages_s"]["rules_s"], ".1f")),
        ("parse+extract, 1 process s", lambda r: fmt(r.get("extract_1_worker_s"), ".1f")
         + (f" ({r['workers_articles']} art.)" if r.get("workers_articles") else "")),
        ("  2 processes s", lambda r: fmt(r.get("extract_2_workers_s"), ".1f")),
        ("  speedup", lambda r: fmt(r.get("workers_speedup"), ".2f") + "x"),
        ("build s", lambda r: fmt(r["build_s"], ".1f") + (f" ({r['build_workers']} workers)"
                                                          if r.get("build_workers", 1) != 1 else "")),
        ("  articles/s", lambda r: fmt(r["build_articles_per_s"], ".1f")),
        ("  - extraction s", lambda r: fmt(r["build_stages_s"]["extraction_s"], ".1f")),
        ("  - rdf (graph as quads) s", lambda r: fmt(r["build_stages_s"]["rdf_s"], ".1f")),
        ("  - validate s", lambda r: fmt(r["build_stages_s"]["validate_s"], ".1f")),
        ("  - store s", lambda r: fmt(r["build_stages_s"]["store_s"], ".1f")),
        ("    (N-Triples out) s", lambda r: fmt(r["build_stages_s"]["store_serialise_s"], ".1f")),
        ("  - resolution s", lambda r: fmt(r["build_stages_s"].get("resolution_s"), ".1f")),
        ("  - run record s", lambda r: fmt(r["build_stages_s"]["run_record_s"], ".1f")),
        ("  - export s", lambda r: fmt(r["build_stages_s"]["export_s"], ".1f")),
        ("  - projection s", lambda r: fmt(r["build_stages_s"]["projection_s"], ".1f")),
        ("  - draw s", lambda r: fmt(r["build_stages_s"]["draw_s"], ".1f")),
        ("  - html s", lambda r: fmt(r["build_stages_s"].get("html_s"), ".1f")),
        ("  - other s", lambda r: fmt(r["build_stages_s"]["other_s"], ".1f")),
        ("  validation share", lambda r: fmt(r["validate_share"] * 100 if r["validate_share"] is not None else None, ".0f") + "%"),
        ("build --no-validate s", lambda r: fmt(r["build_novalidate_s"], ".1f")),
        ("quads", lambda r: fmt(r["quads"], ",")),
        ("store load quads/s", lambda r: fmt(r["load_quads_per_s"], ",.0f")),
        ("bulk load quads/s", lambda r: fmt(r["bulk_load_quads_per_s"], ",.0f")),
        ("peak RSS MB (build)", lambda r: fmt(r["peak_rss_mb"], ".0f")),
        ("RSS growth 2nd half", lambda r: fmt(r["rss_growth_second_half"]["build"] * 100
                                               if r["rss_growth_second_half"]["build"] is not None else None, "+.1f") + "%"),
    ]
    names = sorted({q for r in rows for q in r["query_ms_median"]})
    lines += [(f"{q} ms", lambda r, q=q: _query_cell(r, q)) for q in names]
    lines += [
        ("projection s", lambda r: fmt(r["projection_s"], ".2f")),
        ("  nodes / edges", lambda r: f"{r['projection_nodes']}/{r['projection_edges']}"
         if r["projection_nodes"] is not None else "-"),
        ("draw s", lambda r: fmt(r["draw_s"], ".2f")),
    ]
    def cell(get: Callable[[dict], str], r: dict) -> str:
        try:
            return get(r)
        except (KeyError, TypeError):  # a phase left out (--skip)
            return "-"

    width = max(len(label) for label, _ in lines) + 2
    col = max(12, *(len(cell(get, r)) + 2 for _, get in lines for r in rows))
    out = []
    for label, get in lines:
        out.append(label.ljust(width) + "".join(cell(get, r).rjust(col) for r in rows))
    return "\n".join(out)


def top_stages(stages: dict[str, float], k: int = 3) -> list[tuple[float, str]]:
    """The k costliest steps of a build (seconds, name), parts and nested steps left out."""
    return sorted(((v, name[:-2]) for name, v in stages.items()
                   if name != "store_serialise_s" and ">" not in name), reverse=True)[:k]


def incremental_table(row: dict) -> str:
    """One line per batch of the incremental scenario on the store of `row`'s size."""
    steps = row["incremental"]
    head = (f"incremental: {steps['batches']} batches of {steps['batch_size']} new articles, then "
            f"{steps['removals_per_batch']} removed, on the {steps['full_build_articles']}-article store "
            f"(full build {steps['full_build_s']:.1f} s, --workers {steps['workers']})")
    lines = [head, f"{'batch':>5} {'articles':>8} {'quads':>9} {'add s':>7} {'% build':>7} {'RSS MB':>6} "
                   f"{'remove s':>8} {'(resolve)':>9} {'RSS MB':>6}  most of the add"]
    for r in steps["rows"]:
        stages = top_stages(r["add_stages_s"])
        share = f"{100 * r['add_over_build']:.1f}%" if r["add_over_build"] is not None else "-"
        rss = max(r["add_peak_rss_mb"], r["add_peak_rss_workers_mb"])
        lines.append(f"{r['batch']:>5} {r['store_articles']:>8} {r['quads']:>9} {r['add_s']:>7.1f} {share:>7} "
                     f"{rss:>6.0f} {r['remove_s']:>8.1f} {r['remove_resolution_s']:>9.1f} "
                     f"{r['remove_peak_rss_mb']:>6.0f}  " + ", ".join(f"{k} {v:.1f}" for v, k in stages))
    lines.append(f"batch {steps['compared_batch']} / batch 1: add {steps['add_ratio']}x, removal "
                 f"{steps['remove_ratio']}x, add peak RSS {steps['add_peak_rss_ratio']}x; costliest add "
                 f"{100 * steps['max_add_over_build']:.1f}% of the full build; peak RSS of any batch process "
                 f"{steps['max_peak_rss_mb']:.0f} MB")
    return "\n".join(lines)


def query_table(row: dict) -> str:
    """The queries' median ms and rows, on the built store and after the incremental batches:
    one line per query file and parameter bound (or none), to paste into a note."""
    columns = [(f"{row['articles']} articles", row["queries"])]
    steps = row.get("incremental") or {}
    columns += [(f"{run['store_articles']} articles (batch {run['after_batch']})", run["queries"])
                for run in steps.get("query_runs", [])]
    names = list(dict.fromkeys(name for _, queries in columns for name in queries))
    if not names:
        return ""

    def entry(timing: dict | None) -> str:
        return _timing_text(timing, "{ms:.1f} ms, {rows} rows")

    def bound(name: str) -> str:
        for _, queries in columns:
            if name in queries:
                params = queries[name].get("params") or {}
                return ", ".join(f"{k}={v}" for k, v in params.items()) or "(none)"
        return "-"

    table_rows = [["query", "bound", *(title for title, _ in columns)]]
    table_rows += [[name.split("[")[0], bound(name), *(entry(queries.get(name)) for _, queries in columns)]
                   for name in names]
    widths = [max(len(r[i]) for r in table_rows) for i in range(len(table_rows[0]))]
    out = ["  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
           for r in table_rows]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "query table (median of --repeat runs; rows returned):\n" + "\n".join(out)


def _query_cell(row: dict, name: str) -> str:
    return _timing_text(row["queries"].get(name), "{ms:.1f} ({rows} rows)")


def _timing_text(timing: dict | None, shape: str) -> str:
    """One query's timing in a table: "-" when not timed, "> N s" when it timed out, else `shape`
    filled with its median milliseconds and rows."""
    if timing is None:
        return "-"
    if timing["median_ms"] is None:
        return f"> {timing['timed_out_after_s']:.0f} s"
    return shape.format(ms=timing["median_ms"], rows=timing.get("rows", "?"))


def target_lines(result: dict) -> str:
    lines = []
    for name, t in result.items():
        verdict = "met" if t["met"] else "NOT met"
        if "value" in t and t["value"] is None:  # its phase was left out (--skip, --workers-articles 0)
            verdict = "not measured"
        if name.startswith("queries_under_100ms") and not t["conclusive"]:
            verdict += f" (on {t['at_articles']} articles, not 10,000)"
        elif not t.get("conclusive", True):
            verdict += " (indicative: the issue's run is 10 batches of 100 on 10,000 articles)"
        detail = {k: v for k, v in t.items() if k not in {"met", "conclusive"}}
        lines.append(f"  {name}: {verdict}  {json.dumps(detail)}")
    return "\n".join(lines)


def machine() -> dict:
    import spacy
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "spacy": spacy.__version__}
    with contextlib.suppress(OSError):
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                info["mem_total_mb"] = int(line.split()[1]) // 1024
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    return info


# ============================================================================================
# command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--articles", type=int, nargs="+", default=list(DEFAULT_SIZES),
                        help="corpus size(s); default: 100 1000 10000")
    parser.add_argument("--out", default="out/bench.json", help="JSON report (default: out/bench.json)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default: 7)")
    parser.add_argument("--work", help="working folder (corpus, stores); kept. Default: a temporary folder, removed")
    parser.add_argument("--repeat", type=int, default=10, help="runs of each query (median); default 10")
    parser.add_argument("--profile", type=int, default=200,
                        help="articles to profile with cProfile (0: no profile); default 200")
    parser.add_argument("--query-timeout", type=float, default=120,
                        help="seconds allowed for one query's warm-up and timed runs (default 120)")
    parser.add_argument("--workers", type=int, default=1,
                        help="`kg build --workers` for the build measurements (default 1; extraction is always 1)")
    parser.add_argument("--workers-articles", type=int, default=1000,
                        help="time parse + extract of the first this many articles in 1 and in 2 processes "
                             "(the --workers speedup); 0 to skip (default 1000)")
    parser.add_argument("--no-validate-build", action="store_true",
                        help="also time a build with validation off (one more full build per size)")
    parser.add_argument("--incremental", type=int, default=0, metavar="BATCHES",
                        help="after the build of each size, add BATCHES batches of new articles to its store "
                             "(each a `kg build` in a fresh process) and remove a few after each (default 0: none)")
    parser.add_argument("--batch-size", type=int, default=100, help="new articles per batch (default 100)")
    parser.add_argument("--batch-outputs", type=lambda text: [x for x in text.split(",") if x], default=None,
                        metavar="LIST", help="what each batch's build writes besides the store, as `kg build "
                        "--outputs` (e.g. png,html: a daily batch with --no-export; '' for nothing); "
                        "default: kg build's default")
    parser.add_argument("--removals", type=int, default=5,
                        help="earlier articles removed after each batch, as `kg remove` does (default 5)")
    parser.add_argument("--query-every", type=int, default=0, metavar="K",
                        help="also time the queries after every K-th batch (default 0: after the last only)")
    parser.add_argument("--skip", nargs="+", default=[], choices=SKIPPABLE, metavar="PHASE",
                        help="phases to leave out: " + ", ".join(SKIPPABLE) + " (the build always runs)")
    # internal: run one phase in this process
    parser.add_argument("--resolve-sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000],
                        help="mention counts at which to time cross-article resolution (scripts/bench_resolve.py); "
                             "default 1000 10000 100000, none to skip")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--phase-result", help=argparse.SUPPRESS)
    parser.add_argument("--phase-options", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase:
        options = json.loads(args.phase_options)
        result = PHASES[args.phase](Path(args.corpus), Path(args.work), args.articles[0], **options)
        Path(args.phase_result).write_text(json.dumps(result), encoding="utf-8")
        return 0

    sizes = sorted(set(args.articles))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    keep = args.work is not None
    base = Path(args.work) if keep else Path(tempfile.mkdtemp(prefix="kg-bench-"))

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = datetime.now(timezone.utc)
    rows = []
    try:
        for n in sizes:
            rows.append(measure(n, args.seed, base / str(n), args.repeat, args.no_validate_build, args.query_timeout,
                                args.workers, log, args.workers_articles, args.skip, args.incremental,
                                args.batch_size, args.removals, args.query_every, args.batch_outputs))
            _write(out, rows, args, started, None)  # partial results survive an interrupted long run
        profile = None
        if args.profile > 0:
            n = sizes[-1]
            report = out.with_name(out.stem + ".profile.txt")
            profile = run_phase("profile", base / str(n) / f"corpus-{args.seed}-{n}.jsonl", base / str(n),
                                min(n, args.profile), {"report": str(report)})
            log(f"profile: {report}")
        if args.resolve_sizes:
            import bench_resolve  # beside this script

            args.resolve_scaling = bench_resolve.scaling(args.resolve_sizes)
            log(bench_resolve.table(args.resolve_scaling))
        result = _write(out, rows, args, started, profile)
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    print(table(rows))
    for row in rows:
        if row.get("incremental"):
            print("\n" + incremental_table(row))
    queries = query_table(rows[-1])
    if queries:
        print("\n" + queries)
    print("\ntargets:")
    print(target_lines(result["targets"]))
    if result.get("profile"):
        print("\nmost own time beyond the parse (cProfile, "
              f"{result['profile']['articles']} articles; see {result['profile'].get('report')}):")
        for title, top in result["profile"]["top"].items():
            print(f"  {title}:")
            for r in top[:8]:
                print(f"    {r['tottime_s']:8.3f} s own {r['cumtime_s']:8.3f} s cum  {r['calls']:>9} calls  {r['function']}")
    print(f"\nwrote {out}")
    return 0


def _write(out: Path, rows: list[dict], args: argparse.Namespace, started: datetime, profile: dict | None) -> dict:
    """The JSON report: the largest size's figures at the top level, every size under "runs"."""
    result = dict(rows[-1])
    result.update({
        "sizes": [r["articles"] for r in rows],
        "runs": rows,
        "targets": targets(rows),
        "profile": profile,
        "resolve_scaling": getattr(args, "resolve_scaling", None),
        "seed": args.seed,
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "machine": machine(),
    })
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    sys.exit(main())
