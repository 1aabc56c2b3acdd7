"""Time budgets: how long one article may take to parse and extract before it is left out.

A build must not stall on one input. The inputs known to stall (a tag with 300,000 attributes, a
line of 10,000 ")") are cut down before the HTML parser and spaCy see them (`kg.ingest.bounded_tags`,
`kg.nlp.cut_symbol_runs`); the budget is the net under whatever else is slow: the article is
reported in one line and the build goes on with the next.

The budget is a timer signal (SIGALRM), so it is checked whenever Python code runs: between
spaCy's pipeline components and throughout extraction, but not inside one long call into compiled
code (which the cuts above keep short). It applies in the main thread of a process (a build, and
each `--workers` process); elsewhere (a thread, a Dask worker, Windows) there is no budget.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ARTICLE_SECONDS", "OverBudget", "time_limit"]

#: Seconds one article may take to parse and extract. The longest text the parser takes
#: (1,000,000 characters) needs about a minute on one busy core; five times that is no article's
#: honest cost, and a stalled one costs a build at most this much.
ARTICLE_SECONDS = 300.0


class OverBudget(BaseException):
    """Raised in the code that ran past its time budget. A BaseException, like KeyboardInterrupt,
    so that the `except Exception` of code that handles one article's errors lets it through."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def _can_time() -> bool:
    """Whether a timer signal can interrupt this thread (the main thread, on a system with SIGALRM)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `OverBudget` in the body when it runs longer than `seconds` (None or 0: no limit).
    Whatever timer and handler were set before are put back afterwards."""
    if not seconds or seconds <= 0 or not _can_time():
        yield
        return

    expired = False

    def expire(signum: int, frame: object) -> None:
        nonlocal expired
        expired = True
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:  # the raise landed where Python swallows exceptions (a weakref callback, a __del__)
        raise OverBudget(seconds)
