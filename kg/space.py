"""Disk full: tell it apart from other write failures, and say it in one line.

A build that runs out of disk must stop at the first write that fails: every later write fails
too, and going on (parsing the rest of the corpus, resolving, closing) only buries the cause
under more errors.  RocksDB (under Oxigraph) reports it as an OSError without an errno whose
message reads "IO error: No space left on device: ..."; Python's own writes raise OSError with
errno ENOSPC (or EDQUOT, a quota); kg's stores wrap either in a StoreError whose context keeps
the original.  `is_no_space` recognises all of these.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from .store import StoreError

__all__ = ["NoSpaceLeft", "is_no_space", "mount_point"]

_NO_SPACE_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NO_SPACE_WORDS = ("no space left on device", "disk quota exceeded")


class NoSpaceLeft(StoreError):
    """The disk filled up during a build; the message is the one line to show (a StoreError, so
    every caller that reports store failures in one line reports this one too)."""


def is_no_space(error: BaseException | None) -> bool:
    """True if `error`, or an error it was raised from or while handling, says the disk is full."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in _NO_SPACE_ERRNOS:
            return True
        if any(words in str(error).lower() for words in _NO_SPACE_WORDS):
            return True
        error = error.__cause__ or error.__context__
    return False


def mount_point(path: str | Path) -> Path:
    """The mount point of the file system `path` is on (of its nearest existing parent): the
    device a user must free space on, named the way `df` names it."""
    current = Path(os.path.abspath(path))
    while not current.exists() and current != current.parent:
        current = current.parent
    while not os.path.ismount(current) and current != current.parent:
        current = current.parent
    return current
