"""The shipped listings page in the order their headers promise, on a store built for it.

claims.rq, condemned.rq and met.rq give their rows in order as they read them, with no sort of
every row before the page is cut (see their "Speed:" notes): the order comes from sorted
subqueries that LATERAL reads row by row.  These tests hold them to the documented order, whole
and page by page: claims and condemnations as computed here in Python from the extractions, the
meeting pairs (whose counts resolution makes) by sorting the listing's own columns.  The
articles are stored in an order that is not their identifiers' order, speakers' names sort
otherwise than their articles do, one sentence holds two condemnations, and pairs met in one,
two and three articles, so that every key of the order is needed.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest

import fixtures_rdf as fx
from kg import rdf
from kg.records import ASSERTS, CONDEMNED, MET, Actor, ArticleExtraction, Statement
from kg.resolve import Registry, resolve
from kg.store import Store

QUILL = Actor("zora quill", "Zora Quill", "person")
BALE = Actor("anton bale", "Anton Bale", "person")
MOREAU = Actor("lena moreau", "Lena Moreau", "person")
UNION = Actor("dock union", "Dock Union", "organization")
SPEAKERS = (QUILL, BALE, MOREAU, UNION)

#: article identifier -> its text; stored in this order, which is not the identifiers' order
TEXTS = {
    "k2": ("Zora Quill said prices will rise. The port is closed. Anton Bale said talks will resume. "
           "Bale condemned the raid and Quill condemned the blockade. Quill met Bale. Quill met Dock Union."),
    "a7": ("Lena Moreau said the strike is over. Dock Union said wages will rise. Schools reopen today. "
           "Dock Union condemned the lockout. Moreau met Dock Union. Quill met Dock Union."),
    "m1": ("Anton Bale said the deal is signed. Anton Bale said more ships will come. "
           "Moreau condemned the fines. Quill condemned the fines. Bale met Quill. Moreau met Bale."),
    "a10": ("The bridge opens soon. Zora Quill said nothing was agreed. Lena Moreau said a vote is due. "
            "Bale condemned the vote. Bale met Moreau. Quill met Moreau."),
    "b3": ("Trains run late. Dock Union said the union will march. Quill condemned the march ban. Quill met Bale. "
           "Dock Union met Bale."),
}
#: the day each article's meetings took place: Quill and Bale met on two days, told in three
#: articles; Bale and Moreau on two days, in two; Quill and Dock Union on two days, in two
MEETING_DAYS = {"k2": "2024-04-01", "a7": "2024-04-02", "m1": "2024-04-01", "a10": "2024-04-03", "b3": "2024-04-05"}


def _claim(article: str, text: str, claim: str, speaker: Actor | None) -> Statement:
    return Statement(article, ASSERTS, (speaker,) if speaker else (), fx.sentence(text, claim),
                     target=fx.span(text, claim), confidence=0.8, rule="test")


def _condemnation(article: str, text: str, agent: Actor, verb_phrase: str, target: str) -> Statement:
    at = text.index(verb_phrase)
    return Statement(article, CONDEMNED, (agent,), fx.sentence(text, verb_phrase),
                     target=fx.span(text, target, at), confidence=0.8, rule="test")


def _statements(article: str, text: str) -> Iterator[Statement]:
    """Each "X said C." a claim of X (by label or last name); each "X condemned T" a condemnation
    of T by X; each "X met Y." a meeting; each other sentence a claim in the article's own voice."""
    by_name = {name: actor for actor in SPEAKERS for name in (actor.label, actor.label.split()[-1])}
    for sentence in text.split(". "):
        sentence = sentence.rstrip(".")
        if " met " in sentence:
            yield Statement(article, MET, tuple(by_name[name] for name in sentence.split(" met ")),
                            fx.sentence(text, sentence), confidence=0.9, rule="test", date=MEETING_DAYS[article])
            continue
        for part in sentence.split(" and "):
            if " condemned " in part:
                name, target = part.split(" condemned ")
                yield _condemnation(article, text, by_name[name], part, target)
        if " said " in sentence:
            name, claim = sentence.split(" said ")
            yield _claim(article, text, claim, by_name[name])
        elif " condemned " not in sentence:
            yield _claim(article, text, sentence, None)


def _extractions() -> list[ArticleExtraction]:
    return [ArticleExtraction(fx.article(article, text, article, "2024-05-01"), SPEAKERS,
                              tuple(_statements(article, text)))
            for article, text in TEXTS.items()]


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    built = Store(None)
    for extraction in _extractions():
        built.replace_article(rdf.extraction_graph(extraction))
    resolve(built, Registry())
    yield built
    built.close()


def _expected(relation: str) -> list[tuple]:
    """The listing's rows in its documented order, from the extractions themselves."""
    rows = []
    for extraction in _extractions():
        for s in extraction.statements:
            if s.relation != relation:
                continue
            article = extraction.article.id
            if relation == ASSERTS:  # by speaker, article, position of the claim, claim
                speaker = s.participants[0].label if s.participants else ""
                rows.append(((speaker, article, s.target.start, s.target.text), (speaker, s.target.text, article)))
            else:  # by article, position of the sentence, actor, target
                actor = s.participants[0].label
                rows.append(((article, s.sentence.start, actor, s.target.text),
                             (actor, s.target.text, article, s.sentence.text, None)))
    return [row for _, row in sorted(rows)]


def _pages(store: Store, query: str, size: int) -> list[tuple]:
    text = (fx.QUERIES / query).read_text(encoding="utf-8")
    rows: list[tuple] = []
    while page := store.query(text, limit=size, offset=len(rows)).rows:
        rows += page
    return rows


def _meetings_in_order(rows: list[tuple]) -> list[tuple]:
    """met.rq's rows sorted as its header says: most articles, most meetings, then by names and
    dates (a missing date first, as SPARQL orders an unbound value)."""
    def key(row: tuple) -> tuple:
        actor1, actor2, articles, meetings, first, last = row
        return (-articles, -meetings, actor1, actor2, first is not None, first or "", last is not None, last or "")
    return sorted(rows, key=key)


def test_meeting_pairs_page_most_reported_first(store: Store) -> None:
    everything = _pages(store, "met.rq", 0)
    assert sorted({row[2] for row in everything}) == [1, 2, 3] and len(everything) == 6
    assert everything == _meetings_in_order(everything)
    for size in (1, 2, 3):
        assert _pages(store, "met.rq", size) == everything


@pytest.mark.parametrize("query, relation", [("claims.rq", ASSERTS), ("condemned.rq", CONDEMNED)])
def test_a_listing_is_in_its_documented_order(store: Store, query: str, relation: str) -> None:
    expected = _expected(relation)
    assert len(expected) > 5
    assert _pages(store, query, 0) == expected


@pytest.mark.parametrize("size", [1, 3, 7])
@pytest.mark.parametrize("query, relation", [("claims.rq", ASSERTS), ("condemned.rq", CONDEMNED)])
def test_its_pages_follow_one_another(store: Store, query: str, relation: str, size: int) -> None:
    assert _pages(store, query, size) == _expected(relation)


@pytest.mark.parametrize("query, parameter, column", [("claims.rq", "speaker", 0), ("condemned.rq", "actor", 0)])
def test_a_value_of_its_parameter_gives_the_listings_rows_of_it(store: Store, query: str, parameter: str,
                                                                 column: int) -> None:
    """Bound, the parameter keeps the listing's rows of that value, in the listing's order."""
    text = (fx.QUERIES / query).read_text(encoding="utf-8")
    everything = store.query(text, limit=0).rows
    for value in {row[column] for row in everything}:
        assert store.query(text, {parameter: value}, limit=0).rows == [
            row for row in everything if row[column] == value]
