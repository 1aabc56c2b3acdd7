"""Direct quotes and who said them.

A quote is found by its marks, not by a rule pattern (`kg.quotemarks`: on one line, or over
several paragraphs of which only the last closes the quote). The speaker is the subject of a
speech verb right after the quote ("“...,” A said"), or right before it on its line ("A said:
“...”"), or at the end of the line before, which then ends with a colon ("A said:" then the
quote's paragraphs). A quote whose paragraphs carry no attribution of their own and that opens
the paragraph right after one ending in an attributed quote goes on with that quote's speaker
(the continuation of a speech). Only a bounded stretch of text on either side is read, and line
breaks are looked up by binary search, so an article with many quotes stays linear.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Token

from ..actors import PERSON, Mention
from ..lexicon import LEXICON
from ..quotemarks import MIN_QUOTE_CHARS, Segment, quote_chains
from ..records import Actor

#: Characters read on either side of a quote for its attribution.
_ATTRIBUTION_REACH = 200
_SPEECH_VERBS = LEXICON.words("speech_verbs")
_OPENING = LEXICON.words("opening_quote_marks")

class SpeakerReader(Protocol):
    """What attribution needs of `kg.extract.arguments.Arguments`: who a speech verb's subject
    is (named or not), and whom the words were said to."""

    def speaker_keys(self, verb: Token) -> list[str]: ...

    def addressees(self, verb: Token) -> list[str]: ...


@dataclass(frozen=True)
class Quote:
    start: int  # first character inside the quote marks
    end: int
    speaker: tuple[str, ...]
    evidence: tuple[int, int]  # quote plus its attribution
    turn: bool = False  # a turn of an interview transcript ("Name: words"), not words in quote marks


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


def find_quotes(doc: Doc, lines: Lines, readers: SpeakerReader) -> list[Quote]:
    """Direct quotes and the actors each is attributed to, one `Quote` per paragraph of a quote."""
    quotes: list[Quote] = []
    text = doc.text  # built once: `doc.text` joins every token anew
    last_speaker: dict[int, tuple[str, ...]] = {}  # line start -> speaker of the last quote ending on it
    for chain in quote_chains(text):
        speaker, evidence = _chain_attribution(doc, lines, chain, readers)
        if not speaker and chain[0].opens_line and _ends_line(text, lines, chain[-1]):
            speaker = last_speaker.get(_previous_line(text, lines, chain[0].open_char), ())
        last_speaker[chain[-1].line_start] = speaker
        if not speaker:
            continue
        for s in chain:
            span = evidence.get(s.open_char, (s.open_char, s.outer_end))
            quotes.append(Quote(s.start, s.end, speaker, span))
    return quotes


class TurnReader(Protocol):
    """What finding interview turns needs of the actor index: the mention covering a token, and
    an actor's kind."""

    def at(self, token: Token | int) -> Mention | None: ...

    def actor(self, key: str) -> Actor: ...


def interview_turns(doc: Doc, lines: Lines, index: TurnReader, quotes: list[Quote]) -> list[Quote]:
    """The turns of an interview transcript: lines that open with a person's name and a colon
    ("Pompeo: You know, I don't talk about ...") are that person's words, to the end of the line,
    when the same person opens two lines at least (one such line is more often a headline about
    someone: "Josh Burns: Activists smash windows ..."). A line holding a quote of its own is left
    to the quote. One pass over the sentences (every line starts one)."""
    found: dict[str, list[Quote]] = {}
    for sent in doc.sents:
        m = index.at(sent.start)
        if m is None or m.start != sent.start or m.end >= len(doc) or doc[m.end].text != ":" or len(m.keys) != 1:
            continue
        if index.actor(m.keys[0]).kind != PERSON or lines.start_of(doc[m.start].idx) != doc[m.start].idx:
            continue
        start = doc[m.end].idx + 1
        end = lines.break_after(start)
        end = lines.length if end is None else end
        text = doc.text[start:end]
        words = text.strip()
        if len(words) < MIN_QUOTE_CHARS:
            continue
        first = start + (len(text) - len(text.lstrip()))
        found.setdefault(m.keys[0], []).append(
            Quote(first, first + len(words), m.keys, (doc[m.start].idx, first + len(words)), turn=True))
    turns = [q for qs in found.values() if len(qs) >= 2 for q in qs]
    quoted = QuoteIndex(quotes, lines.length)
    return [q for q in turns if not quoted.evidence_overlaps(*q.evidence)]


def is_mostly_quoted(first: int, last: int, quote: Quote) -> bool:
    """Is most of [first, last) a direct quote? A that-clause holding a few quoted words
    ("relations were \"not normal\"") is still its own claim."""
    overlap = min(last, quote.end) - max(first, quote.start)
    return overlap > 0.6 * max(1, last - first)


def _chain_attribution(doc: Doc, lines: Lines, chain: list[Segment], readers: SpeakerReader
                       ) -> tuple[tuple[str, ...], dict[int, tuple[int, int]]]:
    """The speaker of a quote and the evidence of the segments its attribution touches: a
    speech verb after its closing mark, else before its opening mark on the same line, else at
    the end of the line before when that line ends with a colon ("A said:")."""
    last, first = chain[-1], chain[0]
    if not _opens_sentence(doc, first):  # "A called the vote “a farce,” while B said ...": A's words
        found = _attribution_before(doc, max(first.line_start, first.open_char - _ATTRIBUTION_REACH), first.open_char,
                                    readers)
        if found is not None:
            return found[0], {first.open_char: (found[1], first.outer_end)}
    if last.closed:
        found = _attribution_after(doc, lines, last.close_char + 1, readers)
        if found is not None:  # (a speaker the text does not give is no one's: not the one of the line before)
            keys, end = found
            return keys, {last.open_char: (last.open_char, _clip_line(lines, last.open_char, end))} if keys else {}
    found = _attribution_before(doc, max(first.line_start, first.open_char - _ATTRIBUTION_REACH), first.open_char,
                                readers)
    if found is not None:
        keys, start = found
        return keys, {first.open_char: (start, first.outer_end)}
    if first.opens_line:
        text = doc.text
        colon = _previous_nonblank(text, first.line_start)
        if colon >= 0 and text[colon] == ":":
            line_start = lines.start_of(colon)
            found = _attribution_before(doc, max(line_start, colon - _ATTRIBUTION_REACH), colon, readers)
            if found is not None:
                return found[0], {}
    return (), {}


def _attribution_after(doc: Doc, lines: Lines, close_end: int, readers: SpeakerReader
                       ) -> tuple[tuple[str, ...], int] | None:
    """The speaker named right after a quote's closing mark ("“...,” A said on Monday.") and where
    the attribution's sentence ends: the first speech verb of the rest of the line decides (no
    speaker when it names none kg knows: "“...,” the union leader replied")."""
    after = doc.char_span(close_end, min(lines.length, close_end + _ATTRIBUTION_REACH), alignment_mode="expand")
    if after is None:
        return None
    for t in after:
        if "\n" in t.text or t.text in _OPENING:
            return None
        if _is_speech_verb(t):
            keys = _speaker(t, readers)
            if not keys and after.start > 0 and t.sent.start > after.start - 1:
                return None  # a verb of the next sentence, with no speaker: no attribution of this quote
            end = t.idx + len(t.text)
            reach = t.sent.end_char - close_end < _ATTRIBUTION_REACH
            return keys, max(end, t.sent.end_char if reach else end)
        if t.text == "." and t.i > after.start + 1:
            return None
    return None


def _attribution_before(doc: Doc, start: int, open_char: int, readers: SpeakerReader
                        ) -> tuple[tuple[str, ...], int] | None:
    """The speaker named before a quote's opening mark on its line ("A said: “...”") and where the
    attribution's sentence starts: the nearest speech verb decides."""
    before = doc.char_span(start, open_char, alignment_mode="expand")
    if before is None:
        return None
    for t in reversed([t for t in before if t.idx >= start]):
        if _is_speech_verb(t):
            keys = _speaker(t, readers)
            return (keys, t.sent.start_char) if keys else None
    return None


def _opens_sentence(doc: Doc, segment: Segment) -> bool:
    """Does the quote open its sentence (no word of the sentence before its opening mark)?"""
    span = doc.char_span(segment.open_char, segment.start, alignment_mode="expand")
    if span is None:
        return True
    mark = span[0]
    return not any(t.is_alpha for t in doc[mark.sent.start:mark.i])


def _ends_line(text: str, lines: Lines, segment: Segment) -> bool:
    """Is the quote the end of its line, but for punctuation (no attribution of its own after it)?"""
    end = lines.break_after(segment.outer_end)
    rest = text[segment.outer_end:lines.length if end is None else end]
    return not any(c.isalnum() for c in rest)


def _previous_nonblank(text: str, line_start: int) -> int:
    """The last character before `line_start` that is not blank, or -1 (a walk over blanks only)."""
    i = line_start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i


def _previous_line(text: str, lines: Lines, open_char: int) -> int:
    """The start of the nearest line before the one holding `open_char` that is not blank, or -1."""
    i = _previous_nonblank(text, lines.start_of(open_char))
    return lines.start_of(i) if i >= 0 else -1


def _speaker(verb: Token, readers: SpeakerReader) -> tuple[str, ...]:
    """The speech verb's subject (two actors at most), unless it is also whom the words were
    said to ("“Welcome,” he told Petro": a "he" read as Petro is a misread pronoun)."""
    keys = readers.speaker_keys(verb)[:2]
    return () if set(readers.addressees(verb)) & set(keys) else tuple(keys)


def _is_speech_verb(token: Token) -> bool:
    return token.lemma_.lower() in _SPEECH_VERBS and token.pos_ in {"VERB", "AUX"}


def _clip_line(lines: Lines, start: int, end: int) -> int:
    """`end`, or the first line break after `start` when that comes sooner: evidence stays on one line."""
    newline = lines.break_after(start)
    return end if newline is None or newline > end else newline
