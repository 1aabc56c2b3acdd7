"""Direct quotes and who said them.

A quote is found by its marks, not by a rule pattern: what is between “...” (or "...") is the
claim, and the speaker is the subject of a speech verb right after the quote ("“...,” A said")
or, on the same line, right before it ("A said: “...”"). Only a bounded stretch of text on either
side is read, and line breaks are looked up by binary search, so an article with many quotes
stays linear.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..actors import ActorIndex
from ..lexicon import LEXICON

_QUOTE_RE = re.compile(r"[“\"]([^“”\"\n]{8,}?)[”\"]")
#: Characters read on either side of a quote for its attribution.
_ATTRIBUTION_REACH = 200
_SPEECH_VERBS = LEXICON.words("speech_verbs")


@dataclass(frozen=True)
class Quote:
    start: int  # first character inside the quote marks
    end: int
    speaker: tuple[str, ...]
    evidence: tuple[int, int]  # quote plus its attribution


class Lines:
    """Where a text's line breaks are, found once: looking up the line of a character is then a
    binary search, not a scan of the text, so an article with many quotes stays linear."""

    def __init__(self, text: str) -> None:
        self.breaks: list[int] = [m.start() for m in re.finditer("\n", text)]
        self.length = len(text)

    def start_of(self, char: int) -> int:
        """The first character of the line holding `char` (as `text.rfind("\n", 0, char) + 1`)."""
        n = bisect_left(self.breaks, char)
        return self.breaks[n - 1] + 1 if n else 0

    def break_after(self, char: int) -> int | None:
        """The first line break at or after `char` (as `text.find("\n", char)`), or None."""
        n = bisect_left(self.breaks, char)
        return self.breaks[n] if n < len(self.breaks) else None


class QuoteIndex:
    """The direct quotes of an article, looked up by character range in logarithmic time (quotes
    never overlap, so starts and ends are both sorted), and the characters their evidence covers."""

    def __init__(self, quotes: list[Quote], length: int) -> None:
        self.quotes = quotes
        self.ends = [q.end for q in quotes]
        self.evidence = bytearray(length + 1)
        for q in quotes:
            self.evidence[q.evidence[0]:q.evidence[1]] = b"\x01" * (q.evidence[1] - q.evidence[0])

    def overlapping(self, start: int, end: int) -> list[Quote]:
        """The quotes sharing a character with [start, end)."""
        found = []
        n = bisect_right(self.ends, start)
        while n < len(self.quotes) and self.quotes[n].start < end:
            found.append(self.quotes[n])
            n += 1
        return found

    def at(self, char: int) -> Quote | None:
        """The quote whose inside holds character `char`."""
        hits = self.overlapping(char, char + 1)
        return hits[0] if hits else None

    def evidence_overlaps(self, start: int, end: int) -> bool:
        """Does the evidence (quote plus attribution) of any quote share a character with [start, end)?"""
        return self.evidence.find(1, start, end) != -1


def find_quotes(doc: Doc, index: ActorIndex, lines: Lines) -> list[Quote]:
    """Direct quotes and the actor each is attributed to ("“...,” X said" / "X said: “...”")."""
    quotes = []
    text = doc.text  # built once: `doc.text` joins every token anew
    for m in _QUOTE_RE.finditer(text):
        start, end = m.start(1), m.end(1)
        content = text[start:end].rstrip(" ,")
        end = start + len(content)
        speaker, evidence = _attribution(doc, index, lines, m.start(), m.end())
        if speaker:
            quotes.append(Quote(start, end, speaker, evidence))
    return quotes


def is_mostly_quoted(first: int, last: int, quote: Quote) -> bool:
    """Is most of [first, last) a direct quote? A that-clause holding a few quoted words
    ("relations were \"not normal\"") is still its own claim."""
    overlap = min(last, quote.end) - max(first, quote.start)
    return overlap > 0.6 * max(1, last - first)


def _attribution(doc: Doc, index: ActorIndex, lines: Lines, open_char: int,
                 close_char: int) -> tuple[tuple[str, ...], tuple[int, int]]:
    """The speaker of a quote: the subject of a speech verb right after it, else right before it."""
    after = doc.char_span(close_char, min(lines.length, close_char + _ATTRIBUTION_REACH), alignment_mode="expand")
    before = doc.char_span(max(0, open_char - _ATTRIBUTION_REACH), open_char, alignment_mode="expand")
    candidates: list[tuple[Token, int]] = []
    if after is not None:
        for t in after:
            if "\n" in t.text or t.text in {"“", '"'}:
                break
            candidates.append((t, t.idx + len(t.text)))
            if t.text == "." and t.i > after.start + 1:
                break
    for t, end in candidates:
        if _is_speech_verb(t):
            keys = _subject_of(t, index)
            if keys:
                reach = t.sent.end_char - close_char < _ATTRIBUTION_REACH
                sentence_end = max(end, t.sent.end_char if reach else end)
                return keys, (open_char, _clip_line(lines, open_char, sentence_end))
    if before is not None:
        line_start = lines.start_of(open_char)
        tokens = [t for t in before if t.idx >= line_start]
        for t in reversed(tokens):
            if _is_speech_verb(t):
                keys = _subject_of(t, index)
                if keys:
                    return keys, (t.sent.start_char, close_char)
    return (), (open_char, close_char)


def _is_speech_verb(token: Token) -> bool:
    return token.lemma_.lower() in _SPEECH_VERBS and token.pos_ in {"VERB", "AUX"}


def _clip_line(lines: Lines, start: int, end: int) -> int:
    """`end`, or the first line break after `start` when that comes sooner: evidence stays on one line."""
    newline = lines.break_after(start)
    return end if newline is None or newline > end else newline


def _subject_of(verb: Token, index: ActorIndex) -> tuple[str, ...]:
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass"}:
            m = index.at(c)
            if m is not None:
                return m.keys[:2]
    return ()
