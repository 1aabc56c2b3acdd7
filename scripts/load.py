"""Load test of `kg serve`: many concurrent SPARQL queries against the real server, every answer
checked against the embedded store's, and the throughput and latency printed.

    python scripts/load.py out                      # 1,000 queries, 8 at a time
    python scripts/load.py out --queries 5000 --concurrency 16 --json report.json

What it does, in order:
1. opens STORE (a build folder or a store folder) embedded and draws a deterministic mix of the
   shipped queries (queries/*.rq) with parameters taken from the store itself (actor labels,
   speakers, names), then computes each distinct query's answer there;
2. closes it and starts `kg serve` on it (the read-only Oxigraph server behind kg's proxy), on a
   free port of 127.0.0.1 (loopback only);
3. sends the mix with a pool of `--concurrency` threads (`kg.store.RemoteStore`), timing each
   query and comparing its answer (columns and rows, in order) with the embedded one;
4. stops the server and prints queries/s, p50/p95/p99 latency, errors and mismatches; exits
   non-zero if any query failed or answered differently.

The request count is bounded (`--queries`) and so is the run (`--deadline` seconds); traffic
never leaves the machine.  tests/test_serve_load.py runs the same functions on a small store.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from kg.server import stop_process  # noqa: E402
from kg.store import (  # noqa: E402
    GraphStore, RemoteStore, Store, StoreError, serve_command, store_folder, wait_for_server,
)

QUERIES = ROOT / "queries"

#: which parameter each shipped query takes, and the store query that lists values for it.
_PARAMETERS: dict[str, tuple[str | None, str | None]] = {
    "met.rq": (None, None),
    "corroboration.rq": (None, None),
    "condemned.rq": ("actor", "SELECT DISTINCT ?v WHERE { ?e sem:eventType kg:Condemnation ; sem:hasActor ?a . "
                              "?a rdfs:label ?v } ORDER BY ?v"),
    "claims.rq": ("speaker", "SELECT DISTINCT ?v WHERE { ?c a schema:Claim ; schema:author ?a . "
                             "?a skos:prefLabel ?v } ORDER BY ?v"),
    "actor_profile.rq": ("name", "SELECT DISTINCT ?v WHERE { ?a a sem:Actor ; rdfs:label ?v } ORDER BY ?v"),
}


@dataclass(frozen=True)
class Job:
    """One query of the mix: a shipped query's file name and its parameters."""

    name: str
    params: tuple[tuple[str, str], ...] = ()

    def label(self) -> str:
        return self.name + "".join(f" {k}={v!r}" for k, v in self.params)


@dataclass
class Report:
    """What a load run measured."""

    queries: int
    concurrency: int
    seconds: float
    per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    mix: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """A human summary, one fact a line."""
        out = [f"{self.queries} queries, {self.concurrency} at a time, in {self.seconds:.2f} s: "
               f"{self.per_second:.1f} queries/s",
               f"latency: p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, "
               f"max {self.max_ms:.1f} ms",
               "mix: " + ", ".join(f"{name} {n}" for name, n in sorted(self.mix.items())),
               f"errors: {len(self.errors)}, answers different from the embedded store's: {len(self.mismatches)}"]
        out += [f"  error: {e}" for e in self.errors[:5]] + [f"  mismatch: {m}" for m in self.mismatches[:5]]
        return out


def query_texts() -> dict[str, str]:
    """The shipped queries, by file name."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.rq"))}


#: parameter values an attacker would send: SPARQL syntax, escapes, a SERVICE clause, control
#: and bidi characters, an IRI and numbers in string form.
HOSTILE = ['say "hi" }', "a } } DROP ALL ; #", "line one\nline two # DROP ALL", "back\\slash \\u0022 é",
           "' ; DELETE WHERE { ?s ?p ?o } #", "} SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #", "",
           "?name", "<https://example.org/x>", "https://example.org/x", "42", "0.5", "\u202e\x00bidi"]


def query_mix(store: GraphStore, count: int, seed: int = 7, hostile: bool = False) -> list[Job]:
    """`count` jobs drawn (deterministically, from `seed`) over every shipped query; a query with
    a parameter gets a value read from the store half the time, or none (when optional); with
    `hostile`, the values are the store's and `HOSTILE` in equal parts."""
    rng = random.Random(seed)
    values = {}
    for name, (param, listing) in _PARAMETERS.items():
        values[name] = [str(row[0]) for row in store.query(listing).rows] if listing else []
        if hostile and param:
            values[name] = values[name] * max(1, len(HOSTILE) // max(1, len(values[name]))) + HOSTILE
    names = sorted(query_texts())
    unknown = set(names) - set(_PARAMETERS)
    if unknown:
        raise SystemExit(f"no parameters known for {sorted(unknown)}: add them to _PARAMETERS")
    jobs = []
    for _ in range(count):
        name = rng.choice(names)
        param = _PARAMETERS[name][0]
        if param and values[name] and (name == "actor_profile.rq" or rng.random() < 0.5):
            jobs.append(Job(name, ((param, rng.choice(values[name])),)))
        else:
            jobs.append(Job(name))
    return jobs


def expected_answers(store: GraphStore, jobs: Sequence[Job]) -> dict[Job, tuple]:
    """Each distinct job's answer in `store`: (columns, rows)."""
    texts = query_texts()
    answers = {}
    for job in dict.fromkeys(jobs):
        result = store.query(texts[job.name], dict(job.params))
        answers[job] = (result.columns, result.rows)
    return answers


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(location: str | Path, port: int | None = None, timeout: float = 60.0) -> Iterator[str]:
    """`kg serve`'s server (read-only, union default graph, query time limit) on 127.0.0.1: its base
    URL while the `with` lasts; stopped and reaped afterwards."""
    bind = f"127.0.0.1:{port or free_port()}"
    _, url = serve_command(location, bind)
    command = [sys.executable, "-m", "kg", "serve", str(location), "--bind", bind]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
    try:
        _wait_until_up(url.rstrip("/"), process, timeout)
        yield url.rstrip("/")
    finally:
        stop_process(process)


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float) -> None:
    """Wait for the server (kg.store.wait_for_server); RuntimeError with its last words if it exits."""
    try:
        wait_for_server(url, process, timeout)
    except StoreError as error:
        said = process.stderr.read().decode("utf-8", "replace") if process.poll() is not None and process.stderr else ""
        raise RuntimeError(f"{error}: {said.strip()[-400:]}" if said.strip() else str(error)) from None


def run_load(url: str, jobs: Sequence[Job], expected: Mapping[Job, tuple], concurrency: int = 8,
             deadline: float = 600.0, query_timeout: float = 60.0) -> Report:
    """Send `jobs` to the endpoint at `url` from `concurrency` threads; time and check each answer.

    Jobs not started when `deadline` seconds have passed are not sent (the run is bounded in time
    as well as in count); they count as errors.
    """
    texts = query_texts()
    remote = RemoteStore(url, timeout=query_timeout)
    stop_at = time.monotonic() + deadline

    def one(job: Job) -> tuple[float, str | None, str | None]:
        if time.monotonic() > stop_at:
            return 0.0, f"{job.label()}: not sent, past the deadline", None
        started = time.perf_counter()
        try:
            result = remote.query(texts[job.name], dict(job.params), timeout=query_timeout)
        except StoreError as error:
            return time.perf_counter() - started, f"{job.label()}: {error}", None
        elapsed = time.perf_counter() - started
        if (result.columns, result.rows) != expected[job]:
            return elapsed, None, f"{job.label()}: {len(result.rows)} rows, expected {len(expected[job][1])}"
        return elapsed, None, None

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        outcomes = list(pool.map(one, jobs))
    seconds = time.perf_counter() - began
    remote.close()
    latencies = sorted(ms * 1000 for ms, error, _ in outcomes if error is None)
    return Report(
        queries=len(jobs), concurrency=concurrency, seconds=seconds,
        per_second=len(jobs) / seconds if seconds else 0.0,
        p50_ms=_percentile(latencies, 50), p95_ms=_percentile(latencies, 95), p99_ms=_percentile(latencies, 99),
        max_ms=latencies[-1] if latencies else 0.0,
        errors=[e for _, e, _ in outcomes if e], mismatches=[m for _, _, m in outcomes if m],
        mix=dict(Counter(job.name for job in jobs)),
    )


def _percentile(sorted_values: Sequence[float], percent: float) -> float:
    """The `percent`th percentile (nearest rank) of sorted values; 0 for none."""
    if not sorted_values:
        return 0.0
    if len(sorted_values) == 1:
        return sorted_values[0]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[int(percent) - 1]


def load_test(location: str | Path, queries: int = 1000, concurrency: int = 8, seed: int = 7,
              deadline: float = 600.0, hostile: bool = False) -> Report:
    """The whole run on the store at `location` (see the module docstring)."""
    folder = store_folder(location)
    with Store(folder) as store:
        jobs = query_mix(store, queries, seed, hostile)
        expected = expected_answers(store, jobs)
    with served(folder) as url:
        return run_load(url, jobs, expected, concurrency, deadline)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", help="a build folder (with store/) or a store folder")
    parser.add_argument("--queries", type=int, default=1000, help="how many queries to send (default 1000)")
    parser.add_argument("--concurrency", type=int, default=8, help="queries in flight at once (default 8)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the query mix (default 7)")
    parser.add_argument("--deadline", type=float, default=600.0,
                        help="stop sending after this many seconds (default 600)")
    parser.add_argument("--json", type=Path, help="also write the report here as JSON")
    parser.add_argument("--hostile", action="store_true",
                        help="half the parameter values hostile (SPARQL syntax, escapes, SERVICE, control characters)")
    args = parser.parse_args(argv)
    report = load_test(args.store, args.queries, args.concurrency, args.seed, args.deadline, args.hostile)
    print("\n".join(report.lines()))
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
    return 1 if report.errors or report.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
