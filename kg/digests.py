"""Digests of kg's own code and of the packages it runs with: what tells a stored result (an
article's graph, a build's outputs) from one the kg of today would make otherwise."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path


def code_digest(root: Path, files: Iterable[Path], packages: Iterable[str]) -> str:
    """A short digest of `files` (their paths below `root` and their bytes, in the order given)
    and of the installed versions of `packages` (an absent one counted as absent)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for package in packages:
        try:
            digest.update(f"{package}=={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}: absent\0".encode())
    return digest.hexdigest()[:16]
