"""The registry file (`ontology/actors.ttl` or another): a person's decisions about actors, as Turtle.

The file stays a readable, hand-editable Turtle file: each decision `kg merge`, `kg split`,
`kg ignore` or `kg rename` takes is appended as a small block, a comment line naming the command
and the date, then one triple per line, written in full (actor IRIs, no prefixed names for them),
so that a later decision can find and take out a line an earlier one wrote:

    # kg merge "Novak" into "Karel Novak" (2024-05-01)
    <https://w3id.org/kg-news/id/actor/karel-novak> skos:altLabel "Novak"@en .

Comments and hand-written entries are never rewritten. Every change is checked by parsing the
whole new text with rdflib before the file is replaced (atomically), so a decision either lands
whole or leaves the file as it was. What the triples mean is read by `kg.resolve.load_registry`.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .vocab import KG, OWL, SKOS

#: the prefixes decision lines use, and the line that declares each
_PREFIXES = {"skos": SKOS, "owl": OWL, "kg": KG}
_HEADER = """# The actor registry: decisions about actors that the articles alone do not say.
# Written by `kg merge`, `kg split`, `kg ignore` and `kg rename` (see ontology/actors.ttl for
# what each entry means); entries may be added or removed by hand.
"""
#: a comment line that opens a block kg wrote
_DECISION = re.compile(r"^# kg (merge|split|ignore|rename)\b")

Triple = tuple[Node, URIRef, Node]


class RegistryError(ValueError):
    """A registry file that cannot be read or written; the message names the file and the cause."""


@dataclass(frozen=True)
class Removal:
    """What `remove_triples` did: the triples it took out, and those still in the file because a
    person wrote them (with the line numbers where they are), which it leaves alone."""

    removed: list[Triple]
    left: list[tuple[Triple, int]]


def append_decision(path: str | Path, command: str, description: str, triples: Sequence[Triple]) -> None:
    """Append one decision block to the registry at `path` (created with a short header if it does
    not exist): `# kg COMMAND DESCRIPTION (today)` and one line per triple. Nothing is written
    when every triple is already in the file."""
    target = Path(path)
    text = _read(target) if target.exists() else _HEADER
    present = _parse(text, target)
    triples = [t for t in triples if not _holds(present, t)]
    if not triples:
        return
    block = [f"# kg {command} {description} ({date.today().isoformat()})"]
    block += [f"PREFIX {p}: <{ns}>" for p, ns in _PREFIXES.items() if not _declares(text, p)]
    block += [_line(t) for t in triples]
    _write(target, text.rstrip("\n") + "\n\n" + "\n".join(block) + "\n")


def remove_triples(path: str | Path, triples: Iterable[Triple]) -> Removal:
    """Take `triples` out of the registry at `path` where they are lines a decision wrote (one
    triple on a line of its own), with the decision's comment when nothing of its block is left.
    A triple a person wrote in a larger statement is left in place and reported."""
    target = Path(path)
    wanted = list(triples)
    if not target.exists() or not wanted:
        return Removal([], [])
    text = _read(target)
    prefixes = "\n".join(line for line in text.splitlines() if _is_prefix(line))
    lines = text.splitlines()
    drop: set[int] = set()
    removed: list[Triple] = []
    for number, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#") or _is_prefix(line):
            continue
        found = _line_triples(prefixes, line)
        if found and all(any(_same(t, w) for w in wanted) for t in found):
            drop.add(number)
            removed += [w for w in wanted if any(_same(t, w) for t in found)]
    kept = [line for number, line in enumerate(lines) if number not in drop]
    new_text = "\n".join(_without_empty_decisions(kept)) + "\n"
    graph = _parse(new_text, target)
    left = [(t, _line_of(text, t)) for t in wanted if _holds(graph, t)]
    if drop:
        _write(target, new_text)
    return Removal(removed, left)


def decision_graph(path: str | Path) -> Graph:
    """The registry at `path` as a graph (empty when there is no file)."""
    target = Path(path)
    return _parse(_read(target), target) if target.exists() else Graph()


# --- text ---------------------------------------------------------------------------------------

def _line(triple: Triple) -> str:
    """One triple as a Turtle line: the subject in full (`[]` for a blank node), the predicate
    with its prefix, the object as N3."""
    subject, predicate, obj = triple
    prefixed = next((f"{p}:{predicate[len(str(ns)):]}" for p, ns in _PREFIXES.items() if predicate.startswith(str(ns))),
                    predicate.n3())
    return f"{'[]' if isinstance(subject, BNode) else subject.n3()} {prefixed} {obj.n3()} ."


def _without_empty_decisions(lines: list[str]) -> list[str]:
    """`lines` without the comment (and prefix lines) of a kg decision block with no statement
    left, and without the blank line before it."""
    kept: list[str] = []
    i = 0
    while i < len(lines):
        if _DECISION.match(lines[i]):
            end = i + 1
            while end < len(lines) and lines[end].strip() and not lines[end].lstrip().startswith("#"):
                end += 1
            block = lines[i:end]
            if all(_is_prefix(line) for line in block[1:]) and not _declares_for_later(block, lines[end:]):
                while kept and not kept[-1].strip():
                    kept.pop()
                i = end
                continue
        kept.append(lines[i])
        i += 1
    return kept


def _declares_for_later(block: list[str], rest: list[str]) -> bool:
    """Whether a block's prefix lines are needed by what follows it (a prefix a later line uses)."""
    return any(_is_prefix(line) for line in block) and any(line.strip() and not line.startswith("#") for line in rest)


def _is_prefix(line: str) -> bool:
    return bool(re.match(r"\s*(@prefix|PREFIX)\s", line, re.IGNORECASE))


def _declares(text: str, prefix: str) -> bool:
    return bool(re.search(rf"^\s*(@prefix|PREFIX)\s+{prefix}:", text, re.IGNORECASE | re.MULTILINE))


def _line_triples(prefixes: str, line: str) -> list[Triple]:
    """The triples one line states on its own, or [] when it is part of a larger statement."""
    graph = Graph()
    try:
        graph.parse(data=f"{prefixes}\n{line}\n", format="turtle")
    except Exception:  # a line of a statement running over several lines does not parse alone
        return []
    return list(graph)


def _line_of(text: str, triple: Triple) -> int:
    """The line number (from 1) where the triple's object is written, to point a person at it."""
    needle = str(triple[2])
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line and not line.lstrip().startswith("#"):
            return number
    return 0


def _same(found: Triple, wanted: Triple) -> bool:
    """One triple, a blank subject matching any blank subject (each parse makes new ones)."""
    if isinstance(found[0], BNode) and isinstance(wanted[0], BNode):
        return found[1:] == wanted[1:]
    return found == wanted


def _holds(graph: Graph, triple: Triple) -> bool:
    if isinstance(triple[0], BNode):
        return any(isinstance(s, BNode) for s in graph.subjects(triple[1], triple[2]))
    return triple in graph


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RegistryError(f"{path}: cannot read the registry ({error})") from None


def _parse(text: str, path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle")
    except Exception as error:  # rdflib raises several kinds; one line naming the file is what helps
        raise RegistryError(f"{path}: not valid Turtle: {' '.join(str(error).split())[:300]}") from None
    return graph


def _write(path: Path, text: str) -> None:
    """Replace the file with `text` once it parses, atomically (a temporary file renamed)."""
    _parse(text, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise RegistryError(f"{path}: cannot write the registry ({error.strerror or error})") from None


def literal(label: str) -> Literal:
    """A label as the registry writes it (English, like the labels of the article graphs)."""
    return Literal(label, lang="en")
