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
    ("November 7", None, "--11-07"),  # no year anywhere: what is known, as xsd:gMonthDay
    ("on 27 June", None, "--06-27"),
    ("September", None, "--09"),  # ... or xsd:gMonth
    ("last week", None, None),
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


@pytest.mark.parametrize("a, b, fits", [
    ("2022-11-07", "2022-11-07", True), ("2022-11-07", "2022-11-08", False), ("2022-11-07", "--11-07", True),
    ("2022-11-07", "--11-08", False), ("2022-11", "2022-11-30", True), ("2022-11", "--12", False),
    ("2022", "--03-01", True), ("2021", "2022-03-01", False), ("--09", "--09-14", True), (None, "2022-11-07", True),
])
def test_compatible_dates(a: str | None, b: str | None, fits: bool) -> None:
    from kg.dates import compatible

    assert compatible(a, b) is fits
