"""A progress bar for long builds, drawn only for a person watching a terminal.

`kg.pipeline.build` (and `kg.distributed.build_distributed`) tell a `progress` callback how many
more inputs they are done with; `ProgressBar.update` is such a callback.  The bar (tqdm) shows
the count, articles per second and, when the number of inputs is known beforehand (files of one
article each, see `kg.pipeline.expected_inputs`), the percentage and the time left.  On a stream
that is not a terminal (a pipe, a log file, a test) it draws nothing at all, so captured output
holds no carriage returns or half-drawn bars.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Self, TextIO

from tqdm import tqdm

__all__ = ["ProgressBar", "build_progress"]


class ProgressBar:
    """Inputs done, their rate and (with a total) the time left, on `stream` if it is a terminal."""

    def __init__(self, total: int | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream)
        self._bar = tqdm(total=total, unit="article", file=self.stream, disable=not self.enabled,
                         dynamic_ncols=True, mininterval=0.5, leave=False)

    def update(self, done: int) -> None:
        """Count `done` more inputs."""
        self._bar.update(done)

    def write(self, line: str) -> None:
        """Print one line on the stream without breaking the bar (it is redrawn below the line)."""
        if self.enabled:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        """Take the bar off the screen."""
        self._bar.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def build_progress(sources: Iterable[str], count: Callable[[Iterable[str]], int | None],
                   stream: TextIO | None = None) -> ProgressBar:
    """The bar of a build of `sources`; their inputs are counted (`count`, which walks folders)
    only when the bar will be drawn."""
    stream = stream if stream is not None else sys.stderr
    return ProgressBar(count(sources) if _is_terminal(stream) else None, stream)


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
