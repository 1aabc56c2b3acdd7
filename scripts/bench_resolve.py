"""Time the in-memory work of cross-article resolution at 1k, 10k and 100k mentions.

Three parts of `kg.resolve`, each on synthetic records of the size asked for:

* actors: `plan_merges` over full-named people, bare surnames that match one of them, bare
  surnames that match two (left ambiguous), and organisations;
* events: `consolidate` over meeting reports, each meeting told by one to four articles, some
  dated, some with only month and day, some undated, some from undated articles;
* claims: `contradicting_claims` over attributed claims, a few of them a speaker's own denial.

Prints seconds and microseconds per mention for each part, so near-linear growth shows as a flat
column. `scripts/bench.py --resolve-sizes ...` runs the same and keeps it in its JSON.

    python scripts/bench_resolve.py [--sizes 1000 10000 100000]
"""
from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

from kg.resolve import ActorRow, Registry, Report, consolidate, contradicting_claims, plan_merges
from kg.vocab import actor_iri

MEETING = "https://w3id.org/kg-news/ns#Meeting"
PLACES = ["Oslo", "Lima", "Accra", "Hanoi", "Quito", "Riga", "Dakar", "Perth"]


def synthetic_actors(n: int, seed: int = 7) -> dict[str, ActorRow]:
    rng = random.Random(seed)
    rows: dict[str, ActorRow] = {}
    firsts = [f"Given{i}" for i in range(500)]
    for i in range(n):
        kind = rng.random()
        surname = f"Family{rng.randrange(n // 3 + 1)}"
        if kind < 0.5:
            label = f"{rng.choice(firsts)} {surname}"
            row = ActorRow(actor_iri(label), "Person", {label}, {"foreign minister"}, set(), {f"graph/{i}"})
        elif kind < 0.85:
            row = ActorRow(actor_iri(surname), "Person", {surname}, set(), set(), {f"graph/{i}"})
        else:
            label = f"Ministry {i}"
            row = ActorRow(actor_iri(label), "Organization", {label}, set(), set(), {f"graph/{i}"})
        rows[row.iri] = row
    return rows


def synthetic_reports(n: int, seed: int = 7) -> list[Report]:
    """n meeting reports: each meeting (of about n/5 actors, in pairs) is told by one to four
    articles, each giving its day, only its month and day, or no date, and a place or none."""
    rng = random.Random(seed)
    people = [f"urn:actor:{i}" for i in range(max(10, n // 5))]
    reports: list[Report] = []
    meeting = 0
    while len(reports) < n:
        pair = frozenset(rng.sample(people, 2))
        day = f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        place = rng.choice(PLACES)
        for _ in range(min(rng.randrange(1, 5), n - len(reports))):
            date = rng.choice([day, day, "--" + day[5:], None])
            published = day if rng.random() < 0.8 else None
            reports.append(Report(f"urn:event:{len(reports)}", MEETING, f"urn:article:{len(reports)}", pair, date,
                                  place if rng.random() < 0.7 else None, published))
        meeting += 1
    return reports


def synthetic_claims(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """n attributed claims by n/20 speakers; one in ten is its speaker's denial of an earlier claim."""
    rng = random.Random(seed)
    speakers = [f"urn:actor:{i}" for i in range(max(5, n // 20))]
    claims: list[tuple[str, str, str]] = []
    for i in range(n):
        if claims and rng.random() < 0.1:
            _, speaker, text = rng.choice(claims[-50:])
            claims.append((f"urn:claim:{i}", speaker, text.replace("we did ", "we did not ", 1)))
            continue
        words = " ".join(f"w{rng.randrange(5000)}" for _ in range(rng.randrange(6, 20)))
        claims.append((f"urn:claim:{i}", rng.choice(speakers), f"we did {words}"))
    return claims


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def scaling(sizes: list[int]) -> list[dict]:
    """For each size: seconds and microseconds per mention of each part of resolution."""
    rows = []
    for n in sizes:
        actors, reports, claims = synthetic_actors(n), synthetic_reports(n), synthetic_claims(n)
        actors_s, (merges, ambiguous) = _timed(lambda: plan_merges(actors, Registry()))
        events_s, events = _timed(lambda: consolidate(reports))
        claims_s, pairs = _timed(lambda: contradicting_claims(claims))
        rows.append({"mentions": n, "merges": len(merges), "ambiguous": len(ambiguous), "events": len(events),
                     "contradictions": len(pairs),
                     "actors_s": round(actors_s, 4), "events_s": round(events_s, 4), "claims_s": round(claims_s, 4),
                     "actors_us_per_mention": round(actors_s / n * 1e6, 2),
                     "events_us_per_mention": round(events_s / n * 1e6, 2),
                     "claims_us_per_mention": round(claims_s / n * 1e6, 2)})
    return rows


def table(rows: list[dict]) -> str:
    lines = [f"{'mentions':>9} {'merges':>7} {'events':>7} {'contra':>7} "
             f"{'actors us':>10} {'events us':>10} {'claims us':>10}   (microseconds per mention)"]
    for r in rows:
        lines.append(f"{r['mentions']:>9} {r['merges']:>7} {r['events']:>7} {r['contradictions']:>7} "
                     f"{r['actors_us_per_mention']:>10.1f} {r['events_us_per_mention']:>10.1f} "
                     f"{r['claims_us_per_mention']:>10.1f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    print(table(scaling(parser.parse_args().sizes)))


if __name__ == "__main__":
    main()
