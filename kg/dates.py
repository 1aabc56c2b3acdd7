"""Dates as news writes them ("on Monday", "November 7", "last week"), normalised to ISO 8601.

A relative or partial date is read against the article's own publication date, preferring
the past (news reports what happened). The result keeps the precision the text gives:
"2022-11-07", "2022-09" (a month), "2020" (a year). Without a publication date, a date that
names its year is normalised as above, one that names a month but no year keeps what it says
in XML Schema's yearless forms, "--11-07" (xsd:gMonthDay) or "--09" (xsd:gMonth), and a
relative one ("on Monday", "last week") cannot be pinned.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"(?:on |last |this )?(" + "|".join(_WEEKDAYS) + r")")
_FORMATS = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
_YEARLESS_FORMATS = {"day": "--%m-%d", "month": "--%m"}
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE)
_PARTIAL = re.compile(r"(?:--(\d\d)(?:-(\d\d))?)|(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


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
    if not text:
        return None
    if article_date is None and not _YEAR.search(text):
        return _yearless(text)
    base = _parse_iso(article_date)
    weekday = _WEEKDAY.fullmatch(text.lower())
    if weekday and base is not None:  # "on Wednesday" in Wednesday's paper is that day, not a week ago
        back = (base.weekday() - _WEEKDAYS.index(weekday.group(1))) % 7
        return (base - timedelta(days=back)).strftime("%Y-%m-%d")
    data = _parser(base).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.strftime(_FORMATS.get(data.period or "day", "%Y-%m-%d"))


def _yearless(text: str) -> str | None:
    """"November 7" -> "--11-07", "September" -> "--09": what a date without its year still says."""
    if not _MONTH.search(text):
        return None
    data = _parser(None).get_date_data(text)
    if data is None or data.date_obj is None or data.period not in _YEARLESS_FORMATS:
        return None
    return data.date_obj.strftime(_YEARLESS_FORMATS[data.period])


def compatible(a: str | None, b: str | None) -> bool:
    """Can two normalised dates name the same day? Unknown parts agree with anything:
    "2022-11-07" fits "2022-11", "--11-07" and None, but not "2022-11-08" or "--09"."""
    if not a or not b:
        return True
    return all(x is None or y is None or x == y for x, y in zip(_parts(a), _parts(b)))


def _parts(value: str) -> tuple[str | None, str | None, str | None]:
    """(year, month, day) of a normalised date, None for what it does not say."""
    m = _PARTIAL.match(value)
    if m is None:
        return (None, None, None)
    if m.group(3) is None:  # yearless
        return (None, m.group(1), m.group(2))
    return (m.group(3), m.group(4), m.group(5))


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10])
    except ValueError:
        return None
