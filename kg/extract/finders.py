"""Finder rules: statements that code proposes, not a pattern (a rule names them as `finder:`).

Direct quotes are found by their marks, interview turns by the name and colon that open their
line (`kg.extract.quotes`); the article's own voice is a
declarative sentence in which no rule found a claim (a meeting it tells is still the article's word).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Span as SpacySpan

from ..records import ASSERTS, Span
from .arguments import SUBJECT_DEPS
from .quotes import QuoteIndex


class Emitter(Protocol):
    """What a finder needs of the engine: the article's quotes, spans, and a way to emit."""

    quotes: QuoteIndex

    def span(self, start: int, end: int) -> Span: ...

    def sentence_span(self, sent: SpacySpan) -> Span: ...

    def emit(self, relation: str, keys: Sequence[str], sentence: Span, target: Span | None, confidence: float,
             rule: str) -> None: ...


class FinderRule(Protocol):
    id: str
    confidence: float

#: The shortest sentence, in words, that counts as the article's own claim.
MIN_VOICE_WORDS = 8


def direct_quotes(x: Emitter, rule: FinderRule) -> None:
    """Every attributed quote: the quoted words are the claim, quote and attribution the evidence."""
    for q in x.quotes.quotes:
        if not q.turn:
            x.emit(ASSERTS, q.speaker, x.span(*q.evidence), x.span(q.start, q.end), rule.confidence, rule.id)


def interview_turns(x: Emitter, rule: FinderRule) -> None:
    """Every turn of an interview transcript ("Pompeo: ..."): its words are the claim, the line the evidence."""
    for q in x.quotes.quotes:
        if q.turn:
            x.emit(ASSERTS, q.speaker, x.span(*q.evidence), x.span(q.start, q.end), rule.confidence, rule.id)


def article_voice(x: Emitter, rule: FinderRule, sent: SpacySpan) -> None:
    """A declarative sentence of the article's own, outside any quote: a claim with no speaker."""
    if x.quotes.evidence_overlaps(sent.start_char, sent.end_char):
        return
    span = x.sentence_span(sent)
    if span.text[-1:] not in {".", "!"}:
        return
    root = sent.root
    if root.pos_ not in {"VERB", "AUX"} or not any(c.dep_ in SUBJECT_DEPS for c in root.children):
        return
    if sum(1 for t in sent if t.is_alpha) < MIN_VOICE_WORDS:
        return
    x.emit(ASSERTS, (), span, span, rule.confidence, rule.id)


#: Finders by the name a rule gives them: per article (quotes), or per sentence in which no rule found a claim.
FINDERS = {"quotes": direct_quotes, "turns": interview_turns, "article_voice": article_voice}
SENTENCE_FINDERS = frozenset({"article_voice"})
