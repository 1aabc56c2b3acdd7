"""Phrases cut out of a sentence: a claim's text and a condemned target.

A claim is a clause or phrase without its "that" and its closing punctuation (a closing quote
mark stays when the claim opened it); a condemned target is the object's phrase, cut before
"as ..." ("condemned the attack as cowardly"), before a long relative clause, and after 24 words.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import LEXICON

#: The longest target phrase, in words (the scorer's limit: a whole sentence is not a target).
MAX_TARGET_WORDS = 24
_QUOTE_MARKS = frozenset({"“", '"'})
_CUT_PREPS = LEXICON.words("target_cut_preps")
_RELATIVE_PRONOUNS = LEXICON.words("relative_pronouns")
_COMPLEMENTIZERS = LEXICON.words("complementizers")


def trimmed(doc: Doc, subtree: list[Token]) -> tuple[int, int]:
    """A clause's token range without its "that" and trailing punctuation (a closing quote mark
    stays when the clause opened it)."""
    tokens = [t for t in subtree if not t.is_space]
    start, end = tokens[0].i, tokens[-1].i + 1
    while start < end and (doc[start].dep_ == "mark" and doc[start].lower_ in _COMPLEMENTIZERS):
        start += 1
    opened = sum(1 for t in doc[start:end] if t.text in _QUOTE_MARKS)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text in {"”", '"'} and opened % 2 == 1 and doc[end - 1].text != "“":
            break
        end -= 1
    if opened % 2 == 1 and end < len(doc) and doc[end].text in {"”", '"'}:
        end += 1  # the parser hung the closing mark on the main verb
    return start, end


def target_range(doc: Doc, head: Token, subtree: list[Token], without: Token | None = None) -> tuple[int, int]:
    """The condemned phrase headed by `head`: its subtree, cut before "as ..." and before a long
    relative clause (and before the clause `without`, the one that says it was condemned)."""
    cut = [c for c in head.children if c.dep_ == "prep" and c.lower_ in _CUT_PREPS and c.i > head.i]
    tokens = [t for t in subtree if not t.is_space and not (cut and t.i >= cut[0].i)]
    if without is not None:
        tokens = [t for t in tokens if t.i < without.left_edge.i]
        while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].lower_ in _RELATIVE_PRONOUNS):
            tokens.pop()
    end = tokens[-1].i + 1
    for t in tokens:
        if t.dep_ in {"relcl", "acl"} and t.i > head.i and (end - head.left_edge.i) > MAX_TARGET_WORDS:
            end = t.left_edge.i
            break
    start = head.left_edge.i
    end = min(end, start + MAX_TARGET_WORDS)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The characters of tokens [start, end)."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
