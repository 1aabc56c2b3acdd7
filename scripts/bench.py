"""Benchmark kg on a synthetic corpus of controlled size: extraction against the bare parse,
end-to-end build, store load rate, memory, SPARQL latency, projection and drawing.

    .venv/bin/python scripts/bench.py                       # 100, 1,000 and 10,000 articles
    .venv/bin/python scripts/bench.py --articles 1000 --out out/bench-1k.json
    .venv/bin/python scripts/bench.py --articles 5 --profile 0      # smoke run, seconds

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
           serialisation), corpus resolution, run record, exports, projection, drawing and the
           HTML page, by timing wrappers around those functions; RSS sampled along the way.
           `--no-validate-build` times a second build with validation off.
  graph    on the built store: projection + drawing of the whole graph, and the bulk-load rate
           of the exported TriG into a fresh store (Oxigraph's fastest path, for comparison).
  query    each `queries/*.rq` in its own process (killed after --query-timeout seconds): one
           warm-up, then --repeat runs (3 when one takes over 5 s), median ms. Required
           parameters named in a file's header ("?name (required ...") get the label of the
           most-mentioned person; optional ones are timed both unbound and bound.
  profile  (once, on the first --profile articles of the largest corpus) cProfile of ingest, of
           the work beyond the parse (actors + rules) and of the per-article build work (RDF,
           SHACL, store), the top functions written to <out stem>.profile.txt.

Model loading (spaCy) is done before timing starts in every process and reported apart
(`model_load_s`); so is the one-off building of kg's lazy tables before the extraction timing
(`extract_warmup_s`). Nothing here asserts a time: the issue's targets are reported as met or not
(a 10,000-article build time is extrapolated linearly from a smaller run). The JSON has the
largest size's figures at its top level and every size under "runs"; it is rewritten after each
size, so a long run that is stopped keeps what finished.
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
    """Accumulated seconds per named stage, filled by the wrappers below."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()

    def wrap(self, key: str, fn: Callable) -> Callable:
        """`fn` timed into `key` (each call)."""
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[key] += time.perf_counter() - start
                self.calls[key] += 1
        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed

    def wrap_iter(self, key: str, fn: Callable[..., Iterable]) -> Callable[..., Iterator]:
        """A generator function `fn` whose time inside `next()` is timed into `key`."""
        def timed(*args: Any, **kwargs: Any) -> Iterator:
            start = time.perf_counter()
            it = iter(fn(*args, **kwargs))
            self.seconds[key] += time.perf_counter() - start
            while True:
                start = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.seconds[key] += time.perf_counter() - start
                    return
                self.seconds[key] += time.perf_counter() - start
                self.calls[key] += 1
                yield item
        return timed

    def rounded(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in sorted(self.seconds.items())}


def _wrap(clock: Clock, owner: Any, name: str, key: str, after: Callable[[], None] | None = None) -> None:
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
    setattr(owner, name, clock.wrap(key, fn))


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
             ("kg.validate", "_prepared", ()))
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


def phase_build(corpus: Path, work: Path, n: int, validate: bool = True, workers: int = 1) -> dict:
    """`kg.pipeline.build` into `work/out`, timed by step."""
    import kg.pipeline
    import kg.store

    out = work / ("out" if validate else "out-novalidate")
    shutil.rmtree(out, ignore_errors=True)
    clock = Clock()
    sampler = RssSampler(sample_every(n))
    steps: list[dict] = []

    def mark(step: str) -> None:
        steps.append({"step": step, "rss_mb": round(rss_mb(), 1), "peak_rss_mb": round(peak_rss_mb(), 1)})

    original_extractions = kg.pipeline.extractions
    workers_supported = "workers" in inspect.signature(kg.pipeline.build).parameters

    def sampled_extractions(*args: Any, **kwargs: Any) -> Iterator:
        for result in original_extractions(*args, **kwargs):
            sampler.tick()
            yield result
        mark("after article loop")

    kg.pipeline.extractions = clock.wrap_iter("extraction", sampled_extractions)
    _wrap(clock, kg.pipeline, "extraction_graph", "rdf")
    _wrap(clock, kg.pipeline, "validate_graph", "validate")
    _wrap(clock, kg.store.Store, "replace_article", "store")
    _wrap(clock, kg.store, "_ntriples", "store_serialise")
    _wrap(clock, kg.pipeline, "resolve", "resolution", after=lambda: mark("after resolution"))
    _wrap(clock, kg.pipeline, "_record_run", "run_record", after=lambda: mark("after run record"))
    _wrap(clock, kg.store.GraphStore, "export", "export", after=lambda: mark("after an export"))
    _wrap(clock, kg.pipeline, "projection", "projection")
    _wrap(clock, kg.pipeline, "draw_relationships", "draw", after=lambda: mark("after drawing"))
    with contextlib.suppress(ImportError):  # the interactive page, where kg writes one (imported at call time)
        import kg.html
        _wrap(clock, kg.html, "write_html", "html", after=lambda: mark("after html"))
    _wrap(clock, kg.store.Store, "close", "close")

    model_load_s = _load_model()
    mark("model loaded")
    start = time.perf_counter()
    extra = {"workers": workers} if workers_supported and workers != 1 else {}
    summary = kg.pipeline.build([str(corpus)], out, _ignore, validate=validate, **extra)
    build_s = time.perf_counter() - start
    mark("build returned")
    s = clock.seconds
    # store_serialise is the N-Triples writing inside store_s (and the run record's, in run_record_s)
    stages = {
        "extraction_s": s["extraction"], "rdf_s": s["rdf"], "validate_s": s["validate"],
        "store_s": s["store"], "store_serialise_s": s["store_serialise"], "run_record_s": s["run_record"],
        "resolution_s": s["resolution"], "export_s": s["export"], "projection_s": s["projection"],
        "draw_s": s["draw"], "html_s": s["html"], "close_s": s["close"],
    }
    accounted = sum(v for k, v in stages.items() if k != "store_serialise_s")
    stages["other_s"] = build_s - accounted
    if not validate:  # only its time is wanted: do not leave a second store on disk
        shutil.rmtree(out, ignore_errors=True)
        return {"articles": summary.articles, "build_s": build_s, "stages": {k: round(v, 4) for k, v in stages.items()},
                "peak_rss_mb": peak_rss_mb(), "workers": workers if workers_supported else 1}
    with kg.store.Store(out / kg.store.STORE_DIR) as store:
        quads = len(store)
    store_bytes = sum(f.stat().st_size for f in (out / kg.store.STORE_DIR).rglob("*") if f.is_file())
    return {
        "articles": summary.articles, "skipped": summary.skipped, "violations": len(summary.violations),
        "model_load_s": model_load_s, "build_s": build_s, "stages": {k: round(v, 4) for k, v in stages.items()},
        "quads": quads, "store_mb": round(store_bytes / 2**20, 1),
        "files_mb": {p.name: round(p.stat().st_size / 2**20, 2) for p in out.iterdir() if p.is_file()},
        "rss_samples": sampler.finish(), "steps": steps, "peak_rss_mb": peak_rss_mb(),
        "peak_rss_children_mb": peak_rss_mb(resource.RUSAGE_CHILDREN), "workers": workers if workers_supported else 1,
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


def phase_graph(corpus: Path, work: Path, n: int) -> dict:
    """On the built store: the query variants to time, projection + drawing, bulk-load rate."""
    import pyoxigraph as ox

    from kg.draw import draw_relationships
    from kg.graph import projection
    from kg.store import open_store

    out = work / "out"
    result: dict[str, Any] = {}
    with open_store(out) as store:
        top = store.query(
            "SELECT ?label (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a schema:Person ; rdfs:label ?label } }"
            " GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1").rows
        value = str(top[0][0]) if top else "Nobody"
        result["param_value"] = value
        variants = []
        for path in sorted(QUERIES.glob("*.rq")):
            params = query_parameters(path.read_text(encoding="utf-8"))
            required = {k: value for k, kind in params.items() if kind == "required"}
            variants.append([path.name, str(path), required])
            variants += [[f"{path.name}[{k}]", str(path), {**required, k: value}]
                         for k, kind in params.items() if kind == "optional"]
        result["variants"] = variants
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
    from kg.rdf import extraction_graph
    from kg.store import Store
    from kg.validate import validate_graph

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
            validate_graph(extraction_graph(r))
        start = time.perf_counter()
        build_profile.enable()
        for r in results:
            graph = extraction_graph(r)
            validate_graph(graph)
            store.replace_article(graph)
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
    "query": phase_query, "profile": phase_profile, "workers": phase_workers,
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


def measure(n: int, seed: int, work: Path, repeat: int, novalidate: bool, query_timeout: float, workers: int,
            log: Callable[[str], None], workers_articles: int = 0) -> dict:
    """Every measurement for a corpus of n articles."""
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{seed}-{n}.jsonl"
    start = time.perf_counter()
    stats = synth.write_jsonl(corpus, n, seed)
    log(f"[{n}] corpus: {stats['words']} words, {stats['bytes'] / 2**20:.1f} MB ({time.perf_counter() - start:.1f} s)")
    parse = run_phase("parse", corpus, work, n)
    log(f"[{n}] parse floor: {parse['parse_s']:.1f} s, {parse['tokens']} tokens")
    extract = run_phase("extract", corpus, work, n)
    log(f"[{n}] extraction: {extract['extract_s']:.1f} s")
    scaling = None
    if workers_articles > 0:
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
    query = run_phase("graph", corpus, work, n)
    query["queries"] = {}
    for name, file, params in query["variants"]:
        timing = run_phase("query", corpus, work, n, {"file": file, "params": params, "repeat": repeat},
                           timeout=query_timeout)
        query["queries"][name] = timing or {"median_ms": None, "timed_out_after_s": query_timeout, "params": params}
        log(f"[{n}] query {name}: " + (f"{timing['median_ms']:.1f} ms" if timing else f"over {query_timeout:.0f} s"))

    articles = extract["articles"]
    stages = build["stages"]
    load_s = stages["store_s"]
    row: dict[str, Any] = {
        "articles": articles,
        "words": parse["words"],
        "tokens": parse["tokens"],
        "corpus_mb": round(stats["bytes"] / 2**20, 2),
        "model_load_s": round(parse["model_load_s"], 3),
        "ingest_s": round(parse["ingest_s"], 3),
        "parse_s": round(parse["parse_s"], 3),
        "parse_articles_per_s": _rate(articles, parse["parse_s"]),
        "parse_tokens_per_s": _rate(parse["tokens"], parse["parse_s"]),
        "extract_s": round(extract["extract_s"], 3),
        "extract_warmup_s": round(extract["warmup_s"], 3),
        "extract_over_parse": round(extract["extract_s"] / parse["parse_s"], 3) if parse["parse_s"] else None,
        "extract_articles_per_s": _rate(articles, extract["extract_s"]),
        "extract_tokens_per_s": _rate(extract["tokens"], extract["extract_s"]),
        "extract_stages_s": extract["stages"],
        "statements": extract["statements"],
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
        "bulk_load_quads_per_s": round(query["bulk_load_quads_per_s"], 1) if query.get("bulk_load_quads_per_s") else None,
        "peak_rss_mb": round(build["peak_rss_mb"], 1),
        "peak_rss_by_phase_mb": {"parse": round(parse["peak_rss_mb"], 1), "extract": round(extract["peak_rss_mb"], 1),
                                 "build": round(build["peak_rss_mb"], 1), "graph": round(query["peak_rss_mb"], 1)},
        "rss_samples_mb": {"parse": parse["rss_samples"], "extract": extract["rss_samples"],
                           "build": build["rss_samples"]},
        "rss_growth_second_half": {"extract": rss_growth(extract["rss_samples"]),
                                   "build": rss_growth(build["rss_samples"])},
        "build_steps": build["steps"],
        "query_ms_median": {k: v["median_ms"] for k, v in query["queries"].items()},
        "query_timeouts": sorted(k for k, v in query["queries"].items() if v["median_ms"] is None),
        "queries": query["queries"],
        "query_param_value": query["param_value"],
        "projection_s": round(query["projection_s"], 3),
        "draw_s": round(query["draw_s"], 3),
        "projection_nodes": query["projection_nodes"],
        "projection_edges": query["projection_edges"],
        "problems": parse["problems"],
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
    slow = {k: (v if v is not None else f"over {largest['queries'][k]['timed_out_after_s']} s")
            for k, v in largest["query_ms_median"].items() if v is None or v >= TARGET_QUERY_MS}
    result["queries_under_100ms"] = {"at_articles": n, "target_ms": TARGET_QUERY_MS, "over": slow,
                                     "met": not slow, "conclusive": n >= TARGET_QUERY_ARTICLES}
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
        ("  - rdf s", lambda r: fmt(r["build_stages_s"]["rdf_s"], ".1f")),
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
        ("  nodes / edges", lambda r: f"{r['projection_nodes']}/{r['projection_edges']}"),
        ("draw s", lambda r: fmt(r["draw_s"], ".2f")),
    ]
    width = max(len(label) for label, _ in lines) + 2
    col = max(12, *(len(get(r)) + 2 for _, get in lines for r in rows))
    out = []
    for label, get in lines:
        out.append(label.ljust(width) + "".join(get(r).rjust(col) for r in rows))
    return "\n".join(out)


def _query_cell(row: dict, name: str) -> str:
    timing = row["queries"].get(name)
    if timing is None:
        return "-"
    if timing["median_ms"] is None:
        return f"> {timing['timed_out_after_s']:.0f} s"
    return f"{timing['median_ms']:.1f} ({timing.get('rows', '?')} rows)"


def target_lines(result: dict) -> str:
    lines = []
    for name, t in result.items():
        verdict = "met" if t["met"] else "NOT met"
        if name == "queries_under_100ms" and not t["conclusive"]:
            verdict += f" (on {t['at_articles']} articles, not 10,000)"
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
                                args.workers, log, args.workers_articles))
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
