"""Time cross-article actor resolution (`kg.resolve.plan_merges`) at 1k, 10k and 100k actor mentions.

Synthetic actors: full-named people, bare surnames that match one of them, bare surnames that
match two (left ambiguous), and organisations. Prints seconds and microseconds per mention, so
near-linear growth shows as a flat last column.

    python scripts/bench_resolve.py [--sizes 1000 10000 100000]
"""
from __future__ import annotations

import argparse
import random
import time

from kg.resolve import ActorRow, Registry, plan_merges
from kg.vocab import actor_iri


def synthetic_actors(n: int, seed: int = 7) -> dict[str, ActorRow]:
    rng = random.Random(seed)
    rows: dict[str, ActorRow] = {}
    firsts = [f"Given{i}" for i in range(500)]
    for i in range(n):
        kind = rng.random()
        surname = f"Family{rng.randrange(n // 3 + 1)}"
        if kind < 0.5:
            label = f"{rng.choice(firsts)} {surname}"
            row = ActorRow(actor_iri(label), "Person", {label}, {"foreign minister"}, set(), 1)
        elif kind < 0.85:
            row = ActorRow(actor_iri(surname), "Person", {surname}, set(), set(), 1)
        else:
            label = f"Ministry {i}"
            row = ActorRow(actor_iri(label), "Organization", {label}, set(), set(), 1)
        rows[row.iri] = row
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    print(f"{'mentions':>9} {'actors':>8} {'merges':>7} {'ambiguous':>9} {'seconds':>8} {'us/mention':>10}")
    for n in args.sizes:
        actors = synthetic_actors(n)
        started = time.perf_counter()
        merges, ambiguous = plan_merges(actors, Registry())
        took = time.perf_counter() - started
        print(f"{n:>9} {len(actors):>8} {len(merges):>7} {len(ambiguous):>9} {took:>8.3f} {took / n * 1e6:>10.1f}")


if __name__ == "__main__":
    main()
