"""Person names compared as names: when two spellings are one name, and why.

Used twice, with the same rules: within an article by the actors stage ("Vikram Misri" and
"Vikram Misry" in one story, the writer's slip) and across articles by resolution ("Bashar
al-Assad" here, "Bashar Assad" there). Each rule answers with a reason, so that a merge or a
`kg:possiblySameAs` can say why:

* **spelling**: the names are one once particles ("al", "bin", "de"), hyphens and the usual
  variations of transliteration are set aside: "Sergey"/"Sergei", "Mohamad"/"Mohammed",
  "Misri"/"Misry". A vowel at the end of a word is never set aside ("Mario" is not "Maria"),
  nor is any letter of a word shorter than four ("Jon" is not "Jan").
* **part**: the shorter name is the end of the longer, two words at least ("Lopez Obrador" of
  "Andres Manuel Lopez Obrador", "Lula da Silva"), or the start of a long one ("Mohammed bin
  Salman" of "Mohammed bin Salman bin Abdulaziz Al Saud").
* Never across generations: "Ferdinand Marcos Jr." is not "Ferdinand Marcos".
* **double-barrelled**: the same given name and the first part of a hyphenated family name
  ("Sara Duterte" of "Sara Duterte-Carpio").
* **initial**: a given name written as its first letter ("K. Aro" of "Kalle Aro").
* **given-name variant**: the same name but for a short or other form of the given name
  ("Tony Blinken" of "Antony Blinken", "Mike Pompeo" of "Michael Pompeo"; the lexicon's
  `first_name_variants`). Actors' IRIs keep the name as written, so this rule, not the key,
  makes the two one actor.

Nothing here knows roles or affiliations: the caller checks that nothing contradicts.

`suspect_reasons` says why a label does not look like an actor's name (a dateline, a weekday, a
possessive fragment, a title left in it): what `kg review` lists and what the actors stage must
never produce.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .gazetteer import fold
from .lexicon import LEXICON

_PARTICLES = LEXICON.words("name_particles")
#: Words that make a label a description, not a name ("Downing Street spokeswoman", "First Minister").
_NOT_NAME_WORDS = (LEXICON.words("title_words") | LEXICON.words("title_heads") | LEXICON.words("honorifics")
                   | LEXICON.words("unnamed_speaker_nouns") | LEXICON.words("speaking_body_nouns")
                   | LEXICON.words("definite_determiners") | {"a", "an", "of", "for"}) \
    - LEXICON.words("regnal_titles")  # "Pope Francis", "King Abdullah": known by their title
_GENERATIONS = LEXICON.words("generational_suffixes")
#: each spelling of a given name -> its group's first ("tony" -> "antony"): `first_name_variants`.
FIRST_NAME_CANON = {fold(v): group[0] for group in LEXICON.groups("first_name_variants") for v in group}
_REGNAL = LEXICON.words("regnal_titles")
_TITLE_WORDS = LEXICON.words("title_heads") | LEXICON.words("title_words")
_TITLES = (LEXICON.words("honorifics") | LEXICON.words("title_heads")) - _REGNAL
_CALENDAR = LEXICON.words("calendar_words")
_CALENDAR_NAMES = LEXICON.words("calendar_names")
_HEADLINE_VERBS = LEXICON.words("headline_verbs")
_AGENCY = re.compile(r"\((?:Reuters|AP|AFP|Xinhua|Bloomberg|ANI|PTI|IANS|dpa|EFE|Kyodo|Yonhap|TASS|Anadolu)\)")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,},|:\s*$|^\d{1,2}\s+[A-Z][a-z]+,?\s+\d{4}")
_POSSESSIVE = re.compile(r"['’]s\b")
#: Words shorter than this are compared letter for letter.
_MIN_VARIANT_LENGTH = 4
#: A name of this many words (particles aside) may be shortened to its first words: "Mohammed bin
#: Salman" of "Mohammed bin Salman bin Abdulaziz Al Saud"; a shorter one may not ("Kim Jong" of
#: "Kim Jong Un" could as well be "Kim Jong Il").
LONG_NAME = 4
_INNER_VOWELS = re.compile(r"[aeiou]+")
_DOUBLED = re.compile(r"(.)\1+")


def name_words(name: str) -> list[str]:
    """The words of a name, folded, hyphens and apostrophes read as word breaks, particles kept:
    "Nasir El - Rufai" -> ["nasir", "el", "rufai"]."""
    return [w for w in re.split(r"[\s\-‐‑–'’.]+", fold(name)) if w]


def _core(words: list[str]) -> list[str]:
    """The words that carry a name: particles and generations left out ("bashar al assad" ->
    bashar assad)."""
    core = [w for w in words if w not in _PARTICLES and w not in _GENERATIONS]
    return core or words


@lru_cache(maxsize=1)
def _given_names():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def is_given_name(word: str) -> bool:
    """Is a word a known given name ("Antonio", "Mary"), so that alone it says little of whose name
    it is? (A family name written first, "Wang" of "Wang Yi", is none.)"""
    return _given_names().get_gender(word) not in {"unknown", "andy"}


@lru_cache(maxsize=65536)
def looks_like_name(label: str) -> bool:
    """Is a label a person's name, not a description: every word that carries it capitalised
    ("Bill de Blasio", "El-Rufai"), no title, article or noun of an unnamed speaker ("a
    spokesperson for Cox", "First Minister", "Downing Street spokeswoman")."""
    words = [w for w in re.split(r"[\s\-‐‑–]+", label) if w]
    return bool(words) and all(
        w[:1].isupper() or fold(w) in _PARTICLES for w in words) and not any(
        fold(w).strip(".") in _NOT_NAME_WORDS for w in words)


def core_words(name: str) -> list[str]:
    """The folded words that carry a name ("Bill de Blasio" -> bill, blasio; "El - Rufai" -> rufai)."""
    return list(_core_words(name))


@lru_cache(maxsize=65536)
def _core_words(name: str) -> tuple[str, ...]:
    """`core_words`, remembered: resolution asks for the same labels' words again and again."""
    return tuple(_core(name_words(name)))


def _generation(words: list[str]) -> set[str]:
    return {w for w in words if w in _GENERATIONS}


def has_generation(name: str) -> bool:
    """Does a name tell a generation ("Ferdinand Marcos Jr.")? Then a namesake parent or child
    exists, and the bare surname is not this person's alone."""
    return bool(_generation(name_words(name)))


@lru_cache(maxsize=65536)
def _skeleton(word: str) -> str:
    """A word as transliterations agree on it: y read as i, doubled letters single, "ph" as "f",
    the vowels inside the word as one; its first and last letters kept as they are."""
    if len(word) < _MIN_VARIANT_LENGTH:
        return word
    w = _DOUBLED.sub(r"\1", word.replace("ph", "f").replace("y", "i"))
    if len(w) < 3:
        return w
    return w[0] + _INNER_VOWELS.sub("a", w[1:-1]) + w[-1]


def spelling_key(name: str) -> str:
    """One key for the spellings of one name ("Bashar al-Assad", "Bashar Assad" -> one key)."""
    return " ".join(_skeleton(w) for w in _core(name_words(name)))


def same_name(a: str, b: str) -> str | None:
    """Why `a` and `b` are spellings of one person's name ("spelling", "part",
    "double-barrelled", "initial", "given-name-variant"), or None. Both must be names of two words at least (a bare surname is
    resolution's own, stricter rule)."""
    words_a, words_b = name_words(a), name_words(b)
    if _generation(words_a) != _generation(words_b):
        return None  # "Ferdinand Marcos Jr." is not "Ferdinand Marcos" (nor "Sr.")
    wa, wb = _core(words_a), _core(words_b)
    if len(wa) < 2 or len(wb) < 2 or wa == wb:
        return None if wa != wb or len(wa) < 2 else "spelling"
    if [_skeleton(w) for w in wa] == [_skeleton(w) for w in wb]:
        return "spelling"
    if _initials_of(wa, wb) or _initials_of(wb, wa):
        return "initial"
    if len(wa) == len(wb) and wa[1:] == wb[1:] and wa[0] != wb[0] \
            and FIRST_NAME_CANON.get(wa[0], wa[0]) == FIRST_NAME_CANON.get(wb[0], wb[0]):
        return "given-name-variant"
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    if len(short) < len(long_) and (long_[-len(short):] == short or
                                    len(long_) >= LONG_NAME and long_[:len(short)] == short):
        return "part"
    if _double_barrelled(a, b) or _double_barrelled(b, a):
        return "double-barrelled"
    return None


def _initials_of(short: list[str], full: list[str]) -> bool:
    """"K. Aro" of "Kalle Aro", "J. R. Okafor" of "John Robert Okafor": the same words, where one
    name gives some given names by their first letter only; the last word in full in both."""
    return len(short) == len(full) and short[-1] == full[-1] and any(len(w) == 1 for w in short[:-1]) and all(
        s == f or (len(s) == 1 and len(f) > 1 and f[0] == s) for s, f in zip(short[:-1], full[:-1]))


def _double_barrelled(short: str, long_: str) -> bool:
    """"Sara Duterte" is "Sara Duterte-Carpio": the long name's last word is hyphenated and its
    first part ends the short name, the words before being the same."""
    parts = fold(long_).split()
    if len(parts) < 2 or "-" not in parts[-1]:
        return False
    first_part = parts[-1].split("-")[0]
    return _core(name_words(short)) == _core(name_words(" ".join(parts[:-1]))) + [first_part]


def suspect_reasons(label: str, kind: str = "") -> list[str]:
    """Why `label` does not look like an actor's name ([] when it does). A description of an
    unnamed actor ("the NDP leader", "Kan's diplomatic correspondent") and a title alone
    ("Taoiseach", "First Minister") are labels by design; a regnal title is part of a name ("Pope
    Francis"); a body may be its country's ("Iraq's Foreign Ministry")."""
    words = [w.strip(".,;:()[]\"'’").lower() for w in label.split()]
    reasons = []
    if _DATELINE.search(label) or _AGENCY.search(label):
        reasons.append("looks like a dateline")
    if any(w in _CALENDAR for w in words) or (any(w in _CALENDAR_NAMES for w in words) and re.search(r"\d", label)):
        reasons.append("has a weekday or a month in it")
    named = all(w[:1].isupper() or fold(w) in _PARTICLES for w in label.split() if w[:1].isalpha())
    if label.startswith(("'s", "’s")) or label.rstrip().endswith(("'s", "’s")) or (
            kind in {"Person", ""} and named and _POSSESSIVE.search(label)):
        reasons.append("has a possessive fragment ('s X) in it")
    if any(label.count(a) != label.count(b) for a, b in ("()", "[]", "{}")):
        reasons.append("has unbalanced brackets")
    title = next((w for w in label.split() if fold(w) in _TITLES or fold(w).rstrip(".") in _TITLES), None)
    if named and title and kind in {"Person", ""} and not all(w.rstrip(".") in _TITLE_WORDS for w in words):
        reasons.append(f"has the title {title!r} in it")
    if any(w[:1].isupper() and not w.isupper() and fold(w) in _HEADLINE_VERBS for w in label.split()[1:]):
        reasons.append("has a headline's verb in it")
    if re.search(r"\w - \w|\w ’ \w", label):
        reasons.append("has a word broken by spaces")
    return reasons


# --- keys to find an actor by its name ----------------------------------------------------------

def name_key(label: str) -> str:
    """A name as look-ups compare it: lower case, no accents, one space between words
    ("Recep Tayyip  Erdoğan" -> "recep tayyip erdogan")."""
    return " ".join(fold(label).split())


def lookup_keys(labels: Iterable[str]) -> set[str]:
    """The keys an actor called by `labels` is found by (written as `kg:nameKey` at resolution, so
    that a query finds an actor through the store's index instead of reading every label): each
    whole name (`name_key`) and each of its words ("blinken" finds "Antony Blinken")."""
    keys: set[str] = set()
    for label in labels:
        key = name_key(label)
        if key:
            keys.add(key)
            keys.update(key.split())
    return keys


def partition_keys(label: str, kind: str = "Person") -> set[str]:
    """The keys under which resolution may compare this name with another actor's, each marked by
    how `kg.resolve.plan_merges` looks names up: the family name (and the word before it in a
    name of three or more) and its spelling key, which names share with each other; and keys that
    only meet their counterpart (`key_partners`): a full name's first word, unless a known given
    name ("^wang" of "Wang Yi"), which a bare name looks up ("?wang" of "Wang"); a long name's
    first word ("<mohammed"), which every full name looks up by its own (">mohammed").
    Two actors whose keys never meet are never merged nor held ambiguous with each other, so an
    incremental resolution that decides again on the actors a change reaches through these keys
    decides as one over the whole corpus.

    Only names resolution compares have keys: a person's name (`looks_like_name`: not "a senior
    official"), and a one-word name of an organisation (spaCy's reading of "Novak said"); `kind`
    is the actor's class's local name."""
    words = core_words(label)
    if not words or kind not in ("Person", "Organization") or not looks_like_name(label) \
            or (kind == "Organization" and len(words) > 1):
        return set()
    keys = {words[-1], "~" + spelling_key(words[-1])}
    first_word = "?" if len(words) == 1 else "^"
    if not is_given_name(words[0]):
        keys.add(first_word + words[0])
    if len(words) >= 2:
        keys.add(">" + words[0])
    if len(words) >= 3:
        keys.add(words[-2])
    if len(words) >= LONG_NAME:
        keys.add("<" + words[0])
    return keys


#: partition keys that meet a key other than themselves (see `partition_keys`)
_PARTNER_MARKS = {"^": "?", "?": "^", "<": ">", ">": "<"}


def key_partners(keys: Iterable[str]) -> set[str]:
    """The keys another actor must have to be compared with one that has `keys`."""
    return {(_PARTNER_MARKS[key[0]] + key[1:]) if key[:1] in _PARTNER_MARKS else key for key in keys}
