"""Hand-made extraction records shared by the rdf, store and draw tests (plain functions).

Two invented articles about invented people:
  t1: Kessel met Rundt in Oslo; Kessel condemned an attack; Rundt made a claim.
  t2: Rundt met Kessel again (so the pair is seen in two articles); Rundt phoned Stan;
      dock workers condemned a closure; the article itself asserts a claim (no speaker).
Offsets are computed from the text, never typed by hand.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from kg import rdf
from kg.records import (
    ASSERTS, CONDEMNED, MET, PHONED, Actor, Article, ArticleExtraction, Span, Statement,
)
from kg.store import Store
from kg.vocab import article_iri

GOLDEN = Path(__file__).parent / "golden"
QUERIES = Path(__file__).parent.parent / "queries"
ONTOLOGY = Path(__file__).parent.parent / "ontology"

VELMARIA = Actor("velmaria", "Velmaria", "country")
KESSEL = Actor("mira kessel", "Mira Kessel", "person", ("Kessel", "Foreign Minister Kessel"),
               role="foreign minister", affiliation="velmaria")
RUNDT = Actor("tomas rundt", "Tomas Rundt", "person", ("Rundt",), role="prime minister")
STAN = Actor("ivo stan", "Ivo Stan", "person", ("Stan",), role="president", affiliation="velmaria")
DOCKERS = Actor("dock workers", "dock workers", "group")
ALLIANCE = Actor("northern alliance", "Northern Alliance", "organization")

T1_TEXT = ("Velmarian Foreign Minister Mira Kessel met Prime Minister Tomas Rundt in Oslo on Monday. "
           "Kessel condemned the attack on the harbour. "
           "\"Talks will continue next month,\" Rundt said.")
T2_TEXT = ("Tomas Rundt met Mira Kessel again in Bergen on Friday. "
           "Rundt later phoned the Velmarian president, Ivo Stan. "
           "Dock workers condemned the closure of the port. "
           "The harbour will reopen in May.")


def span(text: str, phrase: str, after: int = 0) -> Span:
    """The first occurrence of `phrase` in `text` at or after `after`, as a Span."""
    start = text.index(phrase, after)
    return Span(start, start + len(phrase), phrase)


def sentence(text: str, phrase: str) -> Span:
    """The sentence of `text` that contains `phrase` (sentences end with '. ' or at the end)."""
    at = text.index(phrase)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", at)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def article(article_id: str, text: str, title: str, date: str) -> Article:
    """An article record as ingest would make it."""
    return Article(id=article_id, iri=article_iri(article_id), text=text, title=title, date=date,
                   url=f"https://news.example.org/{article_id}", source=f"{article_id}.txt")


def meeting_extraction() -> ArticleExtraction:
    """t1 with its meeting only: the subject of the golden file `meeting.trig`."""
    full = t1_extraction()
    return ArticleExtraction(full.article, (KESSEL, RUNDT, VELMARIA),
                             tuple(s for s in full.statements if s.relation == MET))


def t1_extraction() -> ArticleExtraction:
    """Article t1: met (Kessel, Rundt), condemned (Kessel), asserts (Rundt)."""
    a = article("t1", T1_TEXT, "Kessel and Rundt meet in Oslo", "2024-03-11")
    statements = (
        Statement("t1", MET, (KESSEL, RUNDT), sentence(T1_TEXT, "met"), confidence=0.9,
                  rule="met-verb", date="2024-03-11", place="Oslo"),
        Statement("t1", CONDEMNED, (KESSEL,), sentence(T1_TEXT, "condemned"),
                  target=span(T1_TEXT, "the attack on the harbour"), confidence=0.85,
                  rule="condemn-verb"),
        Statement("t1", ASSERTS, (RUNDT,), sentence(T1_TEXT, "Talks"),
                  target=span(T1_TEXT, "Talks will continue next month"), confidence=0.8,
                  rule="quote-said"),
    )
    return ArticleExtraction(a, (KESSEL, RUNDT, VELMARIA), statements)


def t2_extraction() -> ArticleExtraction:
    """Article t2: met (Rundt, Kessel), phoned (Rundt, Stan), condemned (dock workers), asserts."""
    a = article("t2", T2_TEXT, "Rundt and Kessel meet again", "2024-03-15")
    statements = (
        Statement("t2", MET, (RUNDT, KESSEL), sentence(T2_TEXT, "again"), confidence=0.9,
                  rule="met-verb", place="Bergen"),
        Statement("t2", PHONED, (RUNDT, STAN), sentence(T2_TEXT, "phoned"), confidence=0.75,
                  rule="phone-verb"),
        Statement("t2", CONDEMNED, (DOCKERS,), sentence(T2_TEXT, "Dock workers"),
                  target=span(T2_TEXT, "the closure of the port"), confidence=0.7,
                  rule="condemn-verb"),
        Statement("t2", ASSERTS, (), sentence(T2_TEXT, "reopen"),
                  target=span(T2_TEXT, "The harbour will reopen in May"), confidence=0.6,
                  rule="article-voice"),
    )
    return ArticleExtraction(a, (RUNDT, KESSEL, STAN, VELMARIA, DOCKERS, ALLIANCE), statements)


def extractions() -> list[ArticleExtraction]:
    """Both fixture articles."""
    return [t1_extraction(), t2_extraction()]


RUN_STARTED = datetime(2024, 3, 16, 9, 0, 0, tzinfo=timezone.utc)
RUN_ENDED = datetime(2024, 3, 16, 9, 0, 5, tzinfo=timezone.utc)


def loaded_store(path: Path | None = None, resolved: bool = False) -> Store:
    """A store (in memory unless `path`) holding both fixture articles and a run record; with
    `resolved`, also the resolution graph a build writes (which met.rq and corroboration.rq read)."""
    store = Store(path)
    load(store, resolved)
    return store


def load(store, resolved: bool = False) -> None:
    """Both fixture articles and a run record into `store` (any GraphStore), resolved if asked."""
    from kg.resolve import Registry, resolve

    for extraction in extractions():
        store.replace_article(rdf.extraction_graph(extraction))
    store.add_default(rdf.run_graph(RUN_STARTED, RUN_ENDED, [e.article.id for e in extractions()]))
    if resolved:
        resolve(store, Registry())
