"""The lock kg owns on a store folder: who may write it, who may read or serve it, and when.

RocksDB's own folder lock is not enough: `oxigraph serve-read-only` and read-only opens do not
take it, so a build could write under a server (which then serves a stale or half-built store)
and a server started during a build would serve a frozen half-built snapshot.  kg therefore
keeps an advisory lock (`fcntl.flock`) on a file beside the store folder, `.STORE.kg-lock` in
the folder's parent (`out/.store.kg-lock` for `out/store`): beside it rather than inside it so
that nothing of kg's ever sits among RocksDB's files.

- a writer (`kg build`, `kg remove`, `kg query --update`, `kg merge`/`split`/`ignore`/`rename`,
  `kg serve --writable`) holds it exclusively, for as long as the store is open;
- a reader (`kg query`, `kg export`, ... and `kg serve`) holds it shared: readers go together,
  a writer waits for none of them: it is refused, naming the holder.

The holder writes who it is (command and pid) into the file, so that a refusal can say
"in use by kg serve (pid 4242)".  The lock goes with the process: a killed build frees it, and a
server started with the lock's file descriptor keeps it for as long as it runs.
"""
from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Self

__all__ = ["StoreLock", "StoreBusy", "lock_path"]

#: how often a waiting open tries the lock again, in seconds.
_POLL = 0.05


class StoreBusy(OSError):
    """The store is held by another process in a way that excludes this open; one line for the user."""


def lock_path(folder: str | Path) -> Path:
    """The lock file of the store folder `folder`: `.NAME.kg-lock` beside it."""
    folder = Path(folder).absolute()
    return folder.parent / f".{folder.name}.kg-lock"


def _this_program() -> str:
    """How this process is named in the lock file: `kg build`, `kg serve`, or the program name."""
    argv = sys.argv
    program = Path(argv[0]) if argv and argv[0] else Path("python")
    is_kg = program.name == "kg" or (program.name == "__main__.py" and program.parent.name == "kg")
    if is_kg and len(argv) > 1:
        return f"kg {argv[1]}"
    return program.parent.name if program.name == "__main__.py" else program.name


class StoreLock:
    """An advisory lock on one store folder, shared (readers) or exclusive (writers).

    `acquire` waits up to `wait` seconds (0: not at all) and then raises `StoreBusy` naming
    who holds the store.  Use it in a `with`, or `acquire`/`release`.
    """

    def __init__(self, folder: str | Path, *, exclusive: bool, wait: float = 0.0,
                 holder: str | None = None) -> None:
        self.folder = Path(folder)
        self.path = lock_path(folder)
        self.exclusive = exclusive
        self.wait = wait
        self.holder = holder or _this_program()
        self._fd: int | None = None

    @property
    def fd(self) -> int | None:
        """The lock file's descriptor while held (to hand to a server process), else None."""
        return self._fd

    def acquire(self) -> Self:
        """Take the lock, waiting at most `self.wait` seconds; StoreBusy if it stays taken."""
        if self._fd is not None:
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise StoreBusy(f"cannot lock the store at {self.folder}: {error.strerror or error} ({self.path})") from None
        mode = (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, mode)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    who = _read_holder(fd)
                    os.close(fd)
                    raise StoreBusy(self._busy_message(who)) from None
                time.sleep(_POLL)
        self._fd = fd
        self._record(fd)
        return self

    def release(self) -> None:
        """Give the lock up (closing the file releases it); nothing if not held."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def _record(self, fd: int) -> None:
        """Write who holds the store into the lock file (the last sharer's name, for a shared lock)."""
        line = f"{self.holder} (pid {os.getpid()}, {'writing' if self.exclusive else 'reading'})\n"
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, line.encode("utf-8", "replace"), 0)
        except OSError:
            pass  # the lock holds even if the note cannot be written (a full disk)

    def _busy_message(self, who: str) -> str:
        """One line: the store, who holds it, and what to do."""
        holder = who or "another process"
        if self.exclusive:
            if "serve" in holder:
                return (f"store {self.folder} is being served by {holder}: stop the server, then run this "
                        f"again (or send updates to the server's URL)")
            return f"store {self.folder} is in use by {holder}: wait for it to finish, then run this again"
        waited = f" (waited {self.wait:g} s)" if self.wait else ""
        return (f"store {self.folder} is being written by {holder}{waited}: it is not opened half-built; "
                f"run this again when that is done")

    def __enter__(self) -> Self:
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    """The holder's note in the lock file, on one line ("" if none)."""
    try:
        return " ".join(os.pread(fd, 512, 0).decode("utf-8", "replace").split())
    except OSError:
        return ""
