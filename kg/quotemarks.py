"""Quoted stretches of a text, found by their marks, paragraph by paragraph.

News prints a quote in one of two ways: opened and closed on one line ("“...,” A said"), or
over several paragraphs, each of which opens with a quote mark while only the last one closes
it. `quote_chains` finds both in one pass over the text's quote marks: a chain is the segments
(one per paragraph) of one quote, which one speaker said. The marks are data
(`opening_quote_marks`, `closing_quote_marks` in the lexicon; a straight '"' is both).

The actors stage reads `quoted_ranges` (a person named inside a quote is not whom a pronoun after
it stands for); the extract stage reads the chains to attribute each quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import LEXICON

_OPENING = LEXICON.words("opening_quote_marks")
_CLOSING = LEXICON.words("closing_quote_marks")
_MARK_RE = re.compile("|".join(re.escape(m) for m in sorted(_OPENING | _CLOSING)))
#: The fewest characters a quote holds (shorter ones, "“no”", are words in quote marks, not quotes).
MIN_QUOTE_CHARS = 8


@dataclass(frozen=True)
class Segment:
    """The part of a quote that lies on one line (paragraph)."""

    open_char: int  # the opening mark
    start: int  # first character inside the marks
    end: int  # one past the last character of the quoted words
    close_char: int | None  # the closing mark, None when the paragraph ends inside the quote
    line_start: int  # first character of the segment's line
    opens_line: bool  # nothing but blanks before the opening mark on its line

    @property
    def closed(self) -> bool:
        return self.close_char is not None

    @property
    def outer_end(self) -> int:
        """One past the closing mark, or the end of the quoted words of an open paragraph."""
        return self.close_char + 1 if self.close_char is not None else self.end


def quote_chains(text: str) -> list[list[Segment]]:
    """The quotes of a text in order, each as its segments: one for a quote on one line, several
    for a quote over paragraphs (an open paragraph goes on in the next one only if that one
    opens with a quote mark; blank lines between them do not matter)."""
    chains: list[list[Segment]] = []
    pending: list[Segment] | None = None
    for a, b in _lines(text):
        if not text[a:b].strip():
            continue
        segments = _line_segments(text, a, b)
        if pending is not None:
            if segments and segments[0].opens_line:
                pending.append(segments.pop(0))
                if pending[-1].closed:
                    chains.append(pending)
                    pending = None
            else:
                chains.append(pending)
                pending = None
        for s in segments:
            if s.closed:
                chains.append([s])
            else:
                pending = [s]  # an open segment is the last of its line
    if pending is not None:
        chains.append(pending)
    return chains


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """The character ranges [open mark, end) of every quote segment, in text order."""
    return [(s.open_char, s.outer_end) for chain in quote_chains(text) for s in chain]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    spans = []
    start = 0
    for m in re.finditer("\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _line_segments(text: str, a: int, b: int) -> list[Segment]:
    """The quote segments of line [a, b): marks paired left to right; a second opening mark
    before any closing one means the first was stray; an opening mark left unpaired opens a
    quote that runs to the end of the line."""
    found: list[Segment] = []
    open_at: int | None = None
    for m in _MARK_RE.finditer(text, a, b):
        mark = m.group()
        if open_at is not None and mark in _CLOSING:
            found.append(_segment(text, open_at, m.start(), m.start(), a))
            open_at = None
        elif mark in _OPENING:
            open_at = m.start()
    if open_at is not None:
        found.append(_segment(text, open_at, b, None, a))
    return [s for s in found if s.end - s.start >= MIN_QUOTE_CHARS]


def _segment(text: str, open_at: int, end: int, close: int | None, line_start: int) -> Segment:
    """A segment from its opening mark to `end`, trailing blanks and commas left out of the words."""
    start = open_at + 1
    words = text[start:end].rstrip(" ,\t\r")
    return Segment(open_at, start, start + len(words), close, line_start, not text[line_start:open_at].strip())
