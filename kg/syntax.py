"""Where SPARQL text stops parsing: the line and column of a syntax error, for people.

Oxigraph's parser (rust-peg) reports the furthest position any attempt reached.  It matches a
keyword case-blind by taking as many characters as the keyword has and comparing them, so an
attempt at a keyword that fails still "reaches" that many characters further: the position it
gives runs up to 14 characters (ENCODE_FOR_URI) past the real error, and to the end of a short
query ("SELEC ?x" is reported at its end, expecting DESCRIBE).  `locate` finds the real place
by parsing probes of the text, on an empty in-memory store:

- each probe is a prefix of the text followed by white space longer than any keyword and then
  a control character that SPARQL allows nowhere (outside a string, which is then never
  closed), so a probe never parses and never runs: a `SERVICE` in it reaches nothing;
- the reported position R with the expectations listed there bounds the real place P: a
  punctuation or character class expected at R means an attempt started at R, so P = R; a
  keyword k expected at R was tried at R - len(k), so P >= R - len(k);
- cutting the text at q > P changes nothing the parser ever compares, so the probe fails the
  same way; cut at P, the character it stuck on is gone and it fails elsewhere: P is the last
  cut, counting down from R, whose failure differs.

Checks made on the whole query (a duplicated variable in SELECT, an unknown prefix, an IRI that
does not parse) are named in Oxigraph's message; they are taken from there.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Mapping

import pyoxigraph as ox

#: white space longer than any keyword Oxigraph reads ahead (ENCODE_FOR_URI: 14 characters).
_PAD = "\n" + " " * 31
#: a character no SPARQL allows outside a string or a comment (the pad's newline ends a comment).
_STOP = "\x01"
_AT = re.compile(r"\s*error at (\d+):(\d+): (.*)", re.S)
#: one item of "expected one of A, B": a quoted literal, a character class, or a bare word or message.
_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\\\']|\\.|\'(?:[^\'\\]|\\.)*\')*\]|[^,]+')
_KEYWORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_TOKEN = re.compile(r"[^\s{}()\[\];,]+|\S")
_IRI = re.compile(r"<[^<>\s\"{}|^`\\]*>")
#: Oxigraph's names of checks that fail at the end of a token: where that token starts.
_PREFIX_NOT_FOUND = "Prefix not found"
_BAD_IRI = "IRI parsing failed"


@dataclass(frozen=True)
class SyntaxLocation:
    """A syntax error: `line` and `column` (1-based, columns in characters) of the text as given,
    and what is wrong there, in one line."""

    line: int | None
    column: int | None
    detail: str


def locate(text: str, reported: str, *, update: bool = False,
           prefixes: Mapping[str, str] | None = None) -> SyntaxLocation:
    """Where `text` (a query, or an update if `update`) fails to parse, and why, given the
    message `reported` by the store that refused it (Oxigraph's "error at LINE:COLUMN: ...",
    locally or from a server, with LINE counted in `text`).  `prefixes`: those predeclared.

    When Oxigraph here finds no error inside the text while the store reported one (a server of
    another kind), the store's own message is given, with its position if it names one."""
    parse = _Parser(update, dict(prefixes or {}))
    if not text.strip():
        return SyntaxLocation(1, 1, f"the {parse.kind} is empty")
    stated = _AT.match(reported)
    try:
        found = _located(text, stated, parse)
    except Exception:  # noqa: BLE001 (a probe that went wrong: the store's own message will do)
        found = None
    if found is not None:
        return found
    if stated is not None:
        return SyntaxLocation(int(stated[1]), int(stated[2]), _cut(stated[3]))
    return SyntaxLocation(None, None, _cut(reported))


def error_inside(text: str, *, update: bool = False,
                 prefixes: Mapping[str, str] | None = None) -> SyntaxLocation | None:
    """The syntax error Oxigraph finds in `text` before its end, without running it; None when
    there is none (the text parses, or only its end is missing)."""
    if not text.strip():
        return None
    parse = _Parser(update, dict(prefixes or {}))
    try:
        found = _located(text, None, parse)
    except Exception:  # noqa: BLE001 (a probe that went wrong: no error found)
        return None
    return found


def _located(text: str, stated: re.Match | None, parse: _Parser) -> SyntaxLocation | None:
    """`locate` from Oxigraph's message and probes; None if they find no error in the text."""
    end = len(text.rstrip())
    at = None if stated is None else _offset(text, int(stated[1]), int(stated[2]))
    if stated is not None:
        checks = [i for i in _items(stated[3]) if " " in i and not i.startswith(('"', "["))]
        if checks:
            return _check(text, at, checks[0])
    place = parse.stuck_at(text)
    if place is not None and place < end:
        for iri in _IRI.finditer(text, max(0, place - 4096), place + 4096):
            if iri.start() < place < iri.end():  # stuck inside an IRI: the IRI itself is refused
                return SyntaxLocation(*_line_column(text, iri.start()), f"invalid IRI {_cut(iri[0], 60)}")
        return SyntaxLocation(*_line_column(text, place), _unexpected(text, place, parse))
    if place is not None and at is not None and at >= end:
        return SyntaxLocation(*_line_column(text, end), f"unexpected end of the {parse.kind}")
    return None


class _Parser:
    """Probes of one kind of text (query or update) on an empty store."""

    def __init__(self, update: bool, prefixes: dict[str, str]) -> None:
        self.update = update
        self.kind = "update" if update else "query"
        self.prefixes = prefixes

    def failure(self, head: str, stops: int = 1) -> tuple[int, str] | None:
        """Where and why `head`, padded and stopped, fails: (offset in the probe, expectations);
        None if Oxigraph gives no position (or, never expected, the probe parses)."""
        probe = head + _PAD + _STOP * stops
        store = ox.Store()
        try:
            if self.update:
                store.update(probe, prefixes=self.prefixes)
            else:
                store.query(probe, prefixes=self.prefixes)
        except SyntaxError as error:
            found = _AT.match(str(error))
            if found is None:
                return None
            return _offset(probe, int(found[1]), int(found[2])), found[3]
        except Exception:  # noqa: BLE001 (anything else Oxigraph raises: no position to give)
            return None
        return None

    def stuck_at(self, text: str) -> int | None:
        """The offset in `text` where parsing cannot go on (len(text) or more: at its end)."""
        failure = self.failure(text)
        if failure is None:
            return None
        reached, expected = failure
        items = _items(expected)
        keywords = [i for i in items if _KEYWORD.match(i)]
        if len(keywords) < len(items):  # punctuation or a character class was tried right there
            return reached
        low = max(reached - len(k) for k in keywords)
        for cut in range(min(reached, len(text)), low - 1, -1):
            if self.failure(text[:cut]) != failure:
                return cut
        return low

    def keywords_at(self, text: str, place: int) -> set[str]:
        """The keywords Oxigraph tries where it stuck: with n stop characters after the pad,
        a keyword of n letters tried there fails n characters on, and is named there."""
        head = text[:place]
        start = len(head) + len(_PAD)
        found: set[str] = set()
        for length in range(1, 16):
            failure = self.failure(head, length)
            if failure is not None and failure[0] == start + length:
                found.update(i for i in _items(failure[1]) if _KEYWORD.match(i) and len(i) == length)
        return found


def _unexpected(text: str, place: int, parse: _Parser) -> str:
    """What was found where parsing stuck, and the keyword it may be a slip of."""
    token = _TOKEN.match(text, place)[0]
    detail = f"unexpected '{_cut(token, 24)}'"
    if _KEYWORD.match(token):
        keywords = {k.upper(): k for k in parse.keywords_at(text, place)}
        close = difflib.get_close_matches(token.upper(), list(keywords), n=1, cutoff=0.7)
        if close and close[0] != token.upper():
            detail += f"; did you mean {keywords[close[0]]}?"
    return detail


def _check(text: str, at: int, check: str) -> SyntaxLocation:
    """A failed check Oxigraph names, at the start of the token it is about."""
    if check == _PREFIX_NOT_FOUND:
        name = re.search(r"[^\s{}()\[\];,<>\"'^|/=!&*+]+\Z", text[:at])
        if name is not None:
            prefix = name[0].split(":", 1)[0]
            return SyntaxLocation(*_line_column(text, name.start()), f"unknown prefix '{prefix}:'")
    if check == _BAD_IRI:
        start = text.rfind("<", 0, at)
        if start >= 0:
            return SyntaxLocation(*_line_column(text, start), f"invalid IRI {_cut(text[start:at], 60)}")
    return SyntaxLocation(*_line_column(text, min(at, len(text.rstrip()))), check)


def _items(expected: str) -> list[str]:
    """The expectations of Oxigraph's "expected one of A, B, C" (or "expected A")."""
    body = expected.strip()
    for lead in ("expected one of ", "expected "):
        if body.startswith(lead):
            body = body[len(lead):]
            break
    return [item.strip() for item in _ITEM.findall(body) if item.strip()]


def _offset(text: str, line: int, column: int) -> int:
    """The offset of Oxigraph's LINE:COLUMN (1-based, lines ended by \\n, columns in characters)."""
    start = 0
    for _ in range(line - 1):
        newline = text.find("\n", start)
        if newline < 0:
            return len(text)
        start = newline + 1
    return start + column - 1


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    offset = min(offset, len(text))
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _cut(text: str, width: int = 240) -> str:
    """`text` on one line, at most `width` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
