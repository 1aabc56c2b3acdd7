"""Dates as news writes them, read against the article's publication date."""
from __future__ import annotations

import pytest

from kg.dates import normalise

PUBLISHED = "2023-06-28"  # a Wednesday


@pytest.mark.parametrize("text, published, expected", [
    ("Monday", PUBLISHED, "2023-06-26"),
    ("Wednesday", PUBLISHED, "2023-06-28"),  # the day the article appeared, not a week before
    ("on Tuesday", PUBLISHED, "2023-06-27"),
    ("November 7", PUBLISHED, "2022-11-07"),  # news reports the past: last November
    ("June 27", PUBLISHED, "2023-06-27"),
    ("last week", PUBLISHED, "2023-06-21"),
    ("yesterday", PUBLISHED, "2023-06-27"),
    ("September", PUBLISHED, "2022-09"),  # a month keeps month precision
    ("2020", PUBLISHED, "2020"),
    ("May 3, 2021", None, "2021-05-03"),  # a date that names its year needs no publication date
    ("Monday", None, None),  # a relative date without a publication date cannot be pinned
    ("these days", PUBLISHED, None),
])
def test_normalise(text: str, published: str | None, expected: str | None) -> None:
    assert normalise(text, published) == expected


def test_meeting_date_is_normalised_against_the_article() -> None:
    from kg.extract import extract
    from kg.nlp import parse
    from kg.records import Article, MET

    text = "Chilean President Ana Rojas met Peruvian President Diego Vargas in Lima on Monday.\n"
    result = extract(next(parse([Article("d", "urn:d", text, date=PUBLISHED)])))
    met = [s for s in result.statements if s.relation == MET]
    assert [(s.date, s.date_text, s.place) for s in met] == [("2023-06-26", "Monday", "Lima")]
