"""Dates as news writes them ("on Monday", "November 7", "last week"), normalised to ISO 8601.

A relative or partial date is read against the article's own publication date, preferring
the past (news reports what happened); without a publication date only a date that names
its year is normalised. The result keeps the precision the text gives: "2022-11-07",
"2022-09" (a month), "2020" (a year).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"(?:on |last |this )?(" + "|".join(_WEEKDAYS) + r")")
_FORMATS = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


@lru_cache(maxsize=64)
def _parser(base: datetime | None):
    """A parser reading relative dates against `base`; one per publication date, reused."""
    from dateparser.date import DateDataParser  # imported on first use: it takes a while to load

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def normalise(expression: str, article_date: str | None) -> str | None:
    """ISO date of `expression`, read against `article_date` (YYYY-MM-DD); None when it cannot be pinned."""
    text = expression.strip()
    if not text or (article_date is None and not _YEAR.search(text)):
        return None
    base = _parse_iso(article_date)
    weekday = _WEEKDAY.fullmatch(text.lower())
    if weekday and base is not None:  # "on Wednesday" in Wednesday's paper is that day, not a week ago
        back = (base.weekday() - _WEEKDAYS.index(weekday.group(1))) % 7
        return (base - timedelta(days=back)).strftime("%Y-%m-%d")
    data = _parser(base).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.strftime(_FORMATS.get(data.period or "day", "%Y-%m-%d"))


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10])
    except ValueError:
        return None
