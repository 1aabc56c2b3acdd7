"""The actors stage: who is mentioned in an article, under which names, titles and roles.

Mentions come from spaCy's named entities, repaired where news style trips it up
("Foreign Minister of Armenia Ararat Mirzoyan" tagged as the person "Armenia Ararat
Mirzoyan"), extended over the title in front of a name, and merged within the article
("Blinken", "Secretary Blinken", "Tony Blinken"). Definite role phrases ("the Armenian
diplomat", "the Secretary of State") and personal pronouns are resolved to a person only
when the article's own earlier mentions leave exactly one candidate; otherwise they stay
unresolved rather than guessed.
"""
from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from . import gazetteer
from .gazetteer import fold
from .names import core_words, is_given_name, same_name
from .lexicon import LEXICON
from .nlp import ParsedArticle, dateline_at, line_starts
from .quotemarks import quoted_ranges
from .records import Actor
from .vocab import actor_key

PERSON, ORGANIZATION, COUNTRY, GROUP = "person", "organization", "country", "group"

_NAME_PARTICLES = LEXICON.words("name_particles")
_GENERATIONS = LEXICON.words("generational_suffixes")
_SURNAME_OPENERS = LEXICON.words("surname_openers")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Dependencies of a speaker: the subject of a speech verb, the object of "according to".
_SPEAKER_DEPS = _SUBJECT_DEPS | {"pobj"}
_THIRD_PERSON = LEXICON.mapping("third_person_pronouns")
_TITLE_HEADS = LEXICON.words("title_heads")
_TITLE_WORDS = LEXICON.words("title_words")
_TITLE_CONNECTORS = LEXICON.words("title_connectors")
_HONORIFICS = LEXICON.words("honorifics")
_MINISTRY_NOUNS = LEXICON.words("ministry_nouns")
_GOVERNMENT_NOUNS = LEXICON.words("government_nouns")
_NOT_ACTORS = LEXICON.words("not_actors")
_ROLE_CLASSES = LEXICON.mapping("role_classes")
_SPOKESPERSON_TITLES = LEXICON.words("spokesperson_titles")
_CONSTITUENCY_TITLES = LEXICON.words("constituency_titles")
_POST_NOMINAL_TITLES = LEXICON.words("post_nominal_titles")
_SUBORDINATE_ROLE_WORDS = LEXICON.words("subordinate_role_words")
_RANK_WORDS = LEXICON.words("rank_words")
_SPEECH_VERBS = LEXICON.words("speech_verbs")
_ATTRIBUTION_WORDS = LEXICON.words("attribution_words")
_SPEAKING_BODIES = LEXICON.words("speaking_body_nouns")
#: Nouns of a body of any kind: no person's name holds one ("Interior Ministry", "Victoria Police").
_BODY_NOUNS = _SPEAKING_BODIES | _MINISTRY_NOUNS | _GOVERNMENT_NOUNS
_UNNAMED_SPEAKERS = LEXICON.words("unnamed_speaker_nouns")
_KIN_NOUNS = LEXICON.words("kin_nouns")
_VOICE_NOUNS = LEXICON.words("voice_nouns")
_DEFINITE_DETERMINERS = LEXICON.words("definite_determiners")
_STATEMENT_NOUNS = LEXICON.words("statement_nouns")
_SOURCE_PREPS = LEXICON.words("source_preps")
_ORGANISATION_PRONOUNS = LEXICON.words("organisation_pronouns")
_NOUN_GENDERS = LEXICON.mapping("speaker_noun_genders")
_ANY_KIND = frozenset({PERSON, ORGANIZATION, COUNTRY, GROUP})
_BODY_KINDS = frozenset({ORGANIZATION, COUNTRY, GROUP})
#: How many paragraphs back "the statement" looks for the statement it points back to.
_STATEMENT_REACH = 4
#: How many mentions back a definite "the ministry" looks for the actor it points back to.
_ANTECEDENT_REACH = 200
_REGNAL_TITLES = LEXICON.words("regnal_titles")
_HONORIFIC_ROLES = LEXICON.mapping("honorific_roles")
_FORMER_WORDS = LEXICON.words("former_words")
_RELATIVE_PRONOUNS = LEXICON.words("relative_pronouns")
#: The longest sentence, in tokens, whose noun chunks are read for role phrases ("the minister").
#: spaCy's English noun-chunk iterator walks a whole chain of coordinated words for each word in
#: it, so a "sentence" listing thousands of names costs quadratic time; real news sentences stay
#: far under this (the longest in the seed articles has 61 tokens), and a longer one is a list,
#: a table or run-on text glued together without full stops.
MAX_CHUNKED_SENTENCE_TOKENS = 250


@dataclass(frozen=True)
class Mention:
    """A stretch of tokens that refers to one or more actors (several for "the two ministers")."""

    start: int  # first token, title included
    end: int  # one past the last token
    head: int  # the token that carries the mention's syntax (the name's last token, the pronoun)
    keys: tuple[str, ...]
    how: str = "name"  # name | title | role | pronoun


@dataclass
class ActorIndex:
    """The actors of one article and where each is mentioned."""

    actors: dict[str, Actor]
    mentions: list[Mention]
    article_id: str = ""
    quoted: bytearray = field(default_factory=bytearray)  # 1 for each token inside a direct quote
    _by_token: dict[int, Mention] = field(default_factory=dict, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for m in self.mentions:
            for i in range(m.start, m.end):
                self._by_token.setdefault(i, m)
        self._starts = [m.start for m in self.mentions]

    def at(self, token: Token | int) -> Mention | None:
        """The mention covering a token, if any."""
        return self._by_token.get(token if isinstance(token, int) else token.i)

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions whose head lies in [start, end), in text order."""
        return [m for m in self.mentions if start <= m.head < end]

    def actor(self, key: str) -> Actor:
        return self.actors[key]

    def all_people(self, keys: Iterable[str]) -> bool:
        """Are all these actors people (true of none)?"""
        return all(self.actors[k].kind == PERSON for k in keys)

    def holder(self, role: str, body: str) -> str | None:
        """The one person of the article who holds a role for a body ("the leader of Armenia": its
        prime minister, named elsewhere as "Armenian Prime Minister X"), if there is exactly one."""
        label = fold(self.actors[body].label)
        found = [a.key for a in self.actors.values() if a.kind == PERSON and a.affiliation
                 and fold(a.affiliation) == label and _role_fits(role, a.role) and not _held_formerly(a)]
        return found[0] if len(found) == 1 else None

    def unnamed_speaker(self, token: Token, acting: bool = False) -> str | None:
        """The key of the speaker a noun names by what it is, not by name (`unnamed_speaker`),
        made an actor of this article when first asked for; None if it names none. Claims ask,
        and condemnations for their agent (`acting`: the noun is known to be the verb's agent,
        'European leaders condemned ...'); an unnamed actor takes part in no meeting or call and
        is no pronoun's antecedent."""
        if self.at(token) is not None:
            return None
        found = unnamed_speaker(token, self, acting)
        if isinstance(found, Actor):
            self.actors.setdefault(found.key, found)
            return found.key
        return found

    def last_speaker(self, doc: Doc, before: int, kinds: frozenset[str]) -> str | None:
        """The actor of the nearest mention before token `before` that is the subject of a speech
        verb, of one of `kinds` ("The ministry urged ... “...,” it said"; "A wrote in a statement
        ... “...,” the statement added"), in this paragraph or the one before."""
        n = bisect_left(self._starts, before)
        floor = _paragraph_start(doc, before, 1)
        for m in reversed(self.mentions[max(0, n - _ANTECEDENT_REACH):n]):
            if m.start < floor:
                break
            root = mention_root(doc, m)
            if m.how != "pronoun" and _speaker_position(root) and all(self.actors[k].kind in kinds for k in m.keys):
                return m.keys[0]
        return None

    def body_named_by(self, words: list[Token], head: Token, before: int) -> str | None:
        """The organisation named before token `before` that a body's description is: its very
        name ("The Malta Football Referees Association"), or, after "the", the one organisation
        whose name holds the description's noun or a word before it ("the journalists union":
        the Union of Iraqi Correspondents; "the referees' body": the Malta Football Referees
        Association)."""
        name = fold(" ".join(w.text for w in words if _word(w) not in _DEFINITE_DETERMINERS))
        n = bisect_left(self._starts, before)
        bodies = {k for m in self.mentions[:n] for k in m.keys if self.actors[k].kind == ORGANIZATION}
        same = [k for k in bodies if name in {fold(self.actors[k].label), *map(fold, self.actors[k].alt_labels)}]
        if same:
            return same[0]
        if not words or _word(words[0]) != "the":
            return None
        clues = {_word(w).rstrip("s") for w in words[1:] if w.pos_ in {"NOUN", "PROPN"} or w.i == head.i}
        names = {_word(w).rstrip("s") for w in words[1:] if w.text[:1].isupper() and w.i != head.i}

        def label_words(k: str) -> set[str]:
            return {w.rstrip("s") for w in fold(self.actors[k].label).replace("’", " ").split()}
        # every name in the description is in the body's ("the African Union mission" is no UN mission)
        fits = [k for k in bodies if clues & label_words(k) and names <= label_words(k)]
        return fits[0] if len(fits) == 1 else None

    def last_bearing(self, word: str, before: int) -> str | None:
        """The actor of the nearest mention before token `before` whose label holds `word` ("the
        ministry" after "China's Commerce Ministry"), looking back a bounded number of mentions."""
        n = bisect_left(self._starts, before)
        for m in reversed(self.mentions[max(0, n - _ANTECEDENT_REACH):n]):
            for k in m.keys:
                if word in fold(self.actors[k].label).split():
                    return k
        return None


# --------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------


def _word(token: Token) -> str:
    return fold(token.text)


def _is_honorific(token: Token) -> bool:
    """"Mr", "Mr.", "Dr", "H.E.": a courtesy title, written with its full stop or without."""
    w = _word(token)
    return w in _HONORIFICS or w.rstrip(".") in _HONORIFICS


def is_title_word(token: Token) -> bool:
    w = _word(token)
    return w in _TITLE_HEADS or w in _TITLE_WORDS


def is_country_token(token: Token) -> bool:
    """A token naming a country or its people ("Armenia", "Armenian", "US")."""
    if not (token.text[:1].isupper() or token.text in {"U.S.", "US"}):
        return False
    return bool(gazetteer.country(token.text) or gazetteer.demonym(token.text))


def _country_of_tokens(tokens: list[Token]) -> str | None:
    """The first country named in a run of tokens, multi-word names included."""
    words = [t.text for t in tokens]
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            text = " ".join(words[i:i + size])
            hit = gazetteer.country(text) or gazetteer.demonym(text)
            if hit and tokens[i].text[:1].isupper():
                return hit
    return None


def _before_for(tokens: list[Token]) -> list[Token]:
    """Title tokens before a "for ..." portfolio, which names a field, not an affiliation."""
    for n, t in enumerate(tokens):
        if _word(t) == "for":
            return tokens[:n]
    return tokens


def _role_from_title(tokens: list[Token], of_a_name: bool = False) -> str | None:
    """The role named by title tokens, countries and connectors at the edges removed; in the title
    of a name, the body named before it too (it is the affiliation: "WRF | Secretary General X"),
    where in a role phrase it says whose role it is ("the UN top official")."""
    first_head = next((n for n, t in enumerate(tokens) if _word(t) in _TITLE_HEADS), len(tokens))
    # a body named before the title is the affiliation ("WRF | Secretary General"), unless one entity
    # runs on into the title ("Moiben MP Silas Ruto": a constituency, part of the role)
    separate_body = of_a_name and first_head < len(tokens) and not (tokens[first_head].ent_type_ == "ORG"
                                                      and tokens[first_head].ent_iob_ == "I")
    words = [_word(t) for n, t in enumerate(tokens) if not is_country_token(t) and not t.is_punct and t.tag_ != "POS"
             and t.ent_type_ not in {"GPE", "NORP"}
             and not (n < first_head and t.ent_type_ == "ORG" and not is_title_word(t) and separate_body)]
    while words and words[0] in _TITLE_CONNECTORS:
        words.pop(0)
    while words and words[-1] in _TITLE_CONNECTORS:
        words.pop()
    words = [w for w in words if w != "counterpart"]  # "his Jordanian counterpart": a role held elsewhere
    if not any(w in _TITLE_HEADS for w in words):
        return None
    return " ".join(words) or None


def _title_before(doc: Doc, start: int) -> int:
    """Where a title in front of the name at `start` begins ("US Secretary of State | Antony Blinken")."""
    i = start
    limit = _sentence_start_within(doc, start, 12)
    while i - 1 >= limit:
        t = doc[i - 1]
        w = _word(t)
        if t.is_space or "\n" in t.whitespace_:
            break
        if w in _TITLE_CONNECTORS and i - 2 >= limit and _word(doc[i - 2]) in _SPOKESPERSON_TITLES:
            break  # "a spokesman for | President X": the spokesman is someone else
        if is_title_word(t) or is_country_token(t) or (w in _TITLE_CONNECTORS and i - 2 >= limit and w != "the") \
                or (t.text == "-" and i - 2 >= limit and is_title_word(doc[i - 2])):  # "Director-General"
            i -= 1
            continue
        if i - 2 >= limit and gazetteer.demonym(f"{doc[i - 2].text} {t.text}"):  # "South Korean"
            i -= 2
            continue
        if t.tag_ == "POS" and i - 2 >= limit and is_country_token(doc[i - 2]):
            i -= 1
            continue
        if t.ent_type_ in {"GPE", "ORG", "NORP"} and t.text[:1].isupper() and i - 1 > limit and (
                is_title_word(doc[i]) or (doc[i].ent_iob_ == "I" and doc[i].ent_type_ == t.ent_type_)):
            i -= 1
            continue
        break
    while i < start and (_word(doc[i]) in _TITLE_CONNECTORS or doc[i].tag_ == "POS"):
        i += 1
    title = list(doc[i:start])
    return i if any(_word(t) in _TITLE_HEADS for t in title) else start


def _title_then_comma(doc: Doc, name_start: int) -> bool:
    """Is a name set off from the title before it by a comma ("the state Youth Congress chief,
    Shadab Khan, said"): a title that is no subject or object of its own (the name is its
    apposition, or the title a determinerless label)?"""
    if name_start < 2 or doc[name_start - 1].text != "," or _word(doc[name_start - 2]) not in _TITLE_HEADS:
        return False
    title_head = doc[name_start - 2]
    if any(_word(c) in {"a", "an"} for c in title_head.children):
        return False  # ("a minister, Ana Rojas and ..." lists)
    if title_head.dep_ in {"pobj", "dobj", "nsubj", "nsubjpass", "attr", "conj"}:  # the title is an argument of its
        # own ("the visit to the Pope, | Ciampi was received"), unless the name is its apposition
        return any(t.dep_ == "appos" and t.head.i == title_head.i for t in doc[name_start:name_start + 5])
    return True


def _body_of_title(doc: Doc, title_start: int, name_start: int) -> str | None:
    """The key of the organisation whose title a name carries, named right before the title or
    inside it ("FIFA President | Gianni Infantino", "Safaricom CEO | Ann Wanjiru", "NDP Leader |
    Jagmeet Singh"): the person's affiliation, as a country is ("French Foreign Minister")."""
    if title_start >= name_start or title_start > 0 and _word(doc[title_start - 1]) in {"of", "for", "the"}:
        return None  # (the end of a longer title: "Minister of the | National Guard Prince X")
    if doc[name_start].ent_type_ == "ORG" and doc[name_start].ent_iob_ == "I":
        return None  # one entity glues a place, a title and the name ("Moiben MP Silas Ruto"): no body named
    heads = [t.i for t in doc[title_start:name_start] if _word(t) in _TITLE_HEADS]
    inside = [t for t in doc[title_start:heads[0] if heads else name_start]
              if t.ent_type_ == "ORG" and not is_title_word(t)]  # (not "Minister of the | National Guard")
    last = inside[-1] if inside else doc[title_start - 1] if title_start > 0 else None
    if last is None or last.ent_type_ != "ORG" or "\n" in last.whitespace_ or is_title_word(last) \
            or is_country_token(last) or not last.text[:1].isupper():
        return None
    first = last.i
    while first > 0 and doc[first].ent_iob_ == "I" and doc[first - 1].ent_type_ == "ORG":
        first -= 1
    words = [t.text for t in doc[first:last.i + 1] if not is_title_word(t)]
    return _org_key(_Draft(first, first, last.i + 1, ORGANIZATION, words)) if words else None


def _sentence_start_within(doc: Doc, i: int, reach: int) -> int:
    """The first token of token i's sentence, or i - reach when that is nearer: a walk of at most
    `reach` tokens (`Token.sent` scans the whole sentence, which is slow when asked of every name
    in a sentence of thousands)."""
    j = i
    while j > max(0, i - reach) and not doc[j].is_sent_start:
        j -= 1
    return j


#: Each parsed text's table of dependents (see `dependents`), dropped with the text.
_DEPENDENTS: weakref.WeakKeyDictionary[Doc, dict[int, list[int]]] = weakref.WeakKeyDictionary()


def dependents(token: Token) -> list[Token]:
    """`token.children`, in text order, from a table of the whole text built once. spaCy finds a
    token's children by scanning every token its subtree spans: asked of each name in a list of
    thousands of coordinated names, that is quadratic."""
    doc = token.doc
    table = _DEPENDENTS.get(doc)
    if table is None:
        table = _DEPENDENTS[doc] = _dependents_table(doc)
    return [doc[i] for i in table.get(token.i, ())]


def _dependents_table(doc: Doc) -> dict[int, list[int]]:
    """Token index -> indices of its dependents, in text order, for tokens that have any."""
    table: dict[int, list[int]] = {}
    for t in doc:
        if t.head.i != t.i:
            table.setdefault(t.head.i, []).append(t.i)
    return table


def span_root(span: Span) -> Token:
    """`span.root`, found by looking at the span's own tokens when one alone has its head outside
    the span (a name, a phrase); spaCy measures each such token's depth in the whole tree, which
    is long down a chain of thousands of coordinated names. Otherwise spaCy's answer."""
    outside = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    return outside[0] if len(outside) == 1 else span.root


def _extend_name(span: Span) -> Span:
    """Take in the rest of a name the entity stopped short of ("Amir Khan | Muttaqi"): proper nouns
    that the name's last token modifies as a compound."""
    doc = span.doc
    end = span.end
    while end < len(doc) and end - span.start < 5 and _is_name_token(doc[end]) and doc[end - 1].dep_ == "compound" \
            and doc[end - 1].head.i >= end and _unknown_word(doc[end]):
        end += 1
    return doc[span.start:end]


def _unknown_word(token: Token) -> bool:
    """Not tagged, or tagged alone as a place no gazetteer knows (spaCy's "Muttaqi" as GPE)."""
    if not token.ent_type_:
        return True
    alone = token.ent_iob_ == "B" and (token.i + 1 >= len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
    return alone and not gazetteer.place_country(token.text) and not gazetteer.is_city(token.text)


#: Word classes a name never starts with, whatever its capital letter.
_NOT_NAME_POS = frozenset({"ADV", "ADP", "AUX", "CCONJ", "DET", "INTJ", "PART", "PRON", "SCONJ", "VERB"})


def _clean_name(span: Span) -> Span | None:
    """The proper name inside an entity span: no leading title, country, article or trailing 's."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_space or doc[start].is_punct or _word(doc[start]) in ("the",)
                           or (doc[start].is_sent_start and doc[start].pos_ in _NOT_NAME_POS)):
        start += 1  # (a sentence's first word is capitalised: "Later Mehta said")
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    for i in range(start, end):  # a line break inside an entity ends it
        if "\n" in doc[i].whitespace_ or doc[i].is_space:
            end = i + (0 if doc[i].is_space else 1)
            break
    cut = next((i for i in range(start + 1, end) if doc[i].text in {":", "(", "["} or (
        _word(doc[i]) in _CAPTION_WORDS and doc[i].text[:1].isupper())), None)
    if cut is not None:  # "Modi - Trump Phone Call | : India", "Teachers’ Union | ( SADTU", "Modi | Photo"
        end = cut
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    verbs = [i for i in range(start, end) if _headline_verb(doc[i])]
    if verbs:  # "Alia | Meets Buhari", "Held | Secret Meeting": a headline's verb is no name
        start, end = (start, verbs[0]) if verbs[0] > start else (verbs[0] + 1, verbs[1] if len(verbs) > 1 else end)
        while start < end and (doc[start].is_punct or _word(doc[start]) in _NOT_NAME_STARTS):
            start += 1
    return doc[start:end] if end > start else None


_HEADLINE_VERBS = LEXICON.words("headline_verbs")
_CAPTION_WORDS = LEXICON.words("caption_words")
#: Words a name does not start with once a headline's verb is cut off ("Held | Secret Meeting").
_NOT_NAME_STARTS = frozenset({"secret", "talks", "meeting", "with", "in", "on", "at", "the", "a"})


def _headline_verb(token: Token) -> bool:
    """A verb written with a capital, as title-case headlines do ("Meets", "Held")."""
    return token.text[:1].isupper() and not token.is_upper and _word(token) in _HEADLINE_VERBS


def _is_post_nominal(t: Token) -> bool:
    """A title written after a name, in capitals: "Ian Murray | MP"."""
    return _word(t) in _POST_NOMINAL_TITLES and t.text.isupper()


def _person_name(span: Span) -> Span | None:
    """Strip titles, honorifics and countries from the front of a PERSON entity."""
    doc = span.doc
    start = span.start
    while start < span.end - 1 and (is_title_word(doc[start]) or is_country_token(doc[start])
                                     or _is_honorific(doc[start])
                                     or _word(doc[start]) in _TITLE_CONNECTORS):
        start += 1
    inner = [t.i for t in doc[start + 1:span.end - 1] if is_title_word(t) and t.text[:1].isupper()]
    if inner and all(_is_name_token(t) for t in doc[inner[-1] + 1:span.end]):
        start = inner[-1] + 1  # "Moiben MP Silas Ruto": a constituency and a title glued to the name
    end = span.end
    while end - 1 > start and _is_post_nominal(doc[end - 1]):
        end -= 1  # "Ian Murray MP"
    name = doc[start:end]
    words = [t for t in name if not t.is_punct]
    if not words or all(_is_honorific(t) for t in words):
        return None  # "His Majesty" alone is a role, resolved with the others (`_role_mentions`)
    if any(t.text[:1].islower() and _word(t) not in _NAME_PARTICLES and doc[t.i - 1].text != "-" for t in words):
        return None
    if all(is_title_word(t) or is_country_token(t) for t in words):
        return None
    return name


def _name_key(words: list[str]) -> str:
    """A person's name as written, made a key as the actor's IRI is (`vocab.actor_key`:
    "Anna-Kessel" is "anna kessel"). Variant given names are not folded: "Tony Blair" keeps
    his IRI; "Tony" and "Antony" of one family name are one person by `names.same_name`."""
    return actor_key(" ".join(fold(w) for w in words))


# --------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------


@dataclass
class _Draft:
    """A name mention before aliases are merged."""

    start: int
    name_start: int
    end: int
    kind: str
    words: list[str]
    text: str = ""  # the name as written
    role: str | None = None
    affiliation: str | None = None
    shared_head: int | None = None  # the plural noun several countries share: "the British and French governments"
    last: int | None = None  # the name's last token, where tokens and words differ (a nickname between them)


def find_actors(parsed: ParsedArticle) -> ActorIndex:
    """All actors of one article with their mentions."""
    doc = parsed.doc
    dateline = _dateline_tokens(doc)
    drafts = _join_split_names(doc, [d for d in _name_drafts(doc) if d.start not in dateline])
    actors, mentions = _merge(drafts)
    actors = _counterpart_roles(doc, actors, mentions)
    mentions = _drop_affiliations(mentions, actors)
    mentions += _surname_mentions(doc, actors, mentions)
    text = doc.text  # built once: `doc.text` joins every token
    mentions += _repeated_body_names(doc, text, actors, mentions)
    mentions = _with_acronyms(doc, text, actors, mentions)
    mentions = _initialisms(actors, mentions)
    mentions = _short_body_names(actors, mentions)
    mentions = _drop_affiliations(mentions + _role_mentions(doc, actors, mentions, parsed.article.id), actors)
    mentions.sort(key=lambda m: m.start)
    quoted = _quoted_tokens(doc)
    mentions += _pronoun_mentions(doc, actors, mentions, quoted)
    mentions.sort(key=lambda m: m.start)
    return ActorIndex(actors, mentions, parsed.article.id, quoted)


def _dateline_tokens(doc: Doc) -> set[int]:
    """The tokens of the datelines that open lines ("WASHINGTON, Nov 7 (Reuters) -", "Lagos:",
    "NAIROBI, Kenya —"): a place, a date and an agency, none of them an actor of the story. A
    line opened by a name and a colon ("Ana Rojas: we agreed") is a dateline only when a place,
    a word in capitals or an agency in brackets says so."""
    found: set[int] = set()
    for start in line_starts(doc):
        separator = dateline_at(doc, start)
        if separator is None:
            continue
        words = doc[start:separator + 1]
        if any(t.text == "(" for t in words) or any(t.is_upper and len(t) >= 3 for t in words) or any(
                gazetteer.is_city(t.text) or gazetteer.capital_of(t.text) or gazetteer.country(t.text) for t in words):
            found.update(range(start, separator + 1))
    return found


def _name_drafts(doc: Doc) -> list[_Draft]:
    """Every name mention of the text: entities, then names, capitals and governments spaCy missed.
    A "name" of invisible characters only (no key, see `vocab.actor_key`) names no one."""
    drafts: list[_Draft] = []
    for ent in doc.ents:
        draft = _draft_for(ent)
        if draft is not None:
            drafts.append(draft)
    persons = {i for d in drafts if d.kind == PERSON for i in range(d.name_start, d.end)}
    drafts = _particle_names(doc, drafts)
    persons = {i for d in drafts if d.kind == PERSON for i in range(d.name_start, d.end)}
    untagged = _untagged_names(doc, persons)
    named = {i for d in untagged for i in range(d.name_start, d.end)}  # "First Lady Brigitte" tagged ORG: a person
    drafts = [d for d in drafts if d.kind == PERSON or not named.intersection(range(d.start, d.end))] + untagged
    covered = {i for d in drafts for i in range(d.start, d.end)}
    drafts += _coordinated_bodies(doc, drafts, covered)
    covered = {i for d in drafts for i in range(d.start, d.end)}
    drafts += _untagged_capitals(doc, covered)
    drafts += _government_phrases(doc, covered)
    covered = {i for d in drafts for i in range(d.start, d.end)}
    drafts += _seats_of_government(doc, covered)
    return [d for d in drafts if actor_key(" ".join(d.words))]


_SEATS = LEXICON.mapping("seats_of_government")
_SEAT_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s*") for k in
                                                 sorted(_SEATS, key=len, reverse=True)) + r")(?![\w])", re.IGNORECASE)


def _seat_draft(doc: Doc, start: int, end: int, place: str) -> _Draft | None:
    """The government office a seat's name stands for ("Downing Street", "No 10": the office of the
    United Kingdom's prime minister), labelled by the office's name."""
    office, country = _SEATS[place]
    label = " ".join(w[:1].upper() + w[1:] for w in office.split())
    return _Draft(start, start, end, ORGANIZATION, label.split(), label, affiliation=gazetteer.country(country))


def _seats_of_government(doc: Doc, covered: set[int]) -> list[_Draft]:
    """Seats of government written with capitals and not taken for another name ("a Downing Street
    spokeswoman", "a spokesman for No 10"), found in the text by one regular expression."""
    drafts = []
    for match in _SEAT_PATTERN.finditer(doc.text):
        if not match.group(0)[:1].isupper():
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        place = " ".join(fold(match.group(0)).split())
        if span is not None and place in _SEATS and not covered.intersection(range(span.start, span.end)):
            drafts.append(_seat_draft(doc, span.start, span.end, place))
    return drafts


def _is_name_token(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.text[:1].isupper() and not is_title_word(t) and not is_country_token(t) \
        and t.is_alpha and _word(t) not in _HONORIFICS and not _headline_verb(t)


def _untagged_names(doc: Doc, persons: set[int]) -> list[_Draft]:
    """Names spaCy missed: proper nouns right after a title ("President Emeka Obi", "Prime Minister
    of India Rajesh Kumar"), followed by a titled apposition ("Ana Rojas, the Foreign Minister"), or
    one themselves ("his Jordanian counterpart, Hany Mulki")."""
    found = []
    i = 0
    while i < len(doc):
        t = doc[i]
        if i in persons or not _is_name_token(t) or (i > 0 and _is_name_token(doc[i - 1]) and i - 1 not in persons):
            i += 1
            continue
        end = i
        while end < len(doc) and end - i < 4 and end not in persons and (
                _is_name_token(doc[end]) or (doc[end].text == "-" and end + 1 < len(doc) and doc[end + 1].is_alpha)):
            end += 1 if doc[end].text != "-" else 2
        run = doc[i:end]
        start = _title_before(doc, i)
        titled = start < i and _word(doc[i - 1]) not in {"of"} | _TITLE_CONNECTORS or (
            start < i and is_country_token(doc[i - 1]))
        root = span_root(run)
        appos = any(c.dep_ == "appos" and _word(c) in _TITLE_HEADS for c in dependents(root)) or (
            root.dep_ == "appos" and _word(root.head) in _TITLE_HEADS)  # "his Jordanian counterpart, Hany Mulki"
        if (titled or appos) and len(run) >= 1 and not (len(run) == 1 and not titled):
            draft = _Draft(start, i, end, PERSON, _name_words(run), run.text)
            title = list(doc[start:i])
            draft.role = _role_from_title(title, of_a_name=True)
            if titled and start < i and title[-1].i == i - 1:
                _known_with_regnal_title(draft, title)  # "Pope Clement", not "the Pope, | Ciampi"
            draft.affiliation = _country_of_tokens(_before_for(title)) or _of_country_after(run) \
                or _body_of_title(doc, start, i)
            draft.end = max(draft.end, _of_country_end(run))
            _apposition(run, draft)
            found.append(draft)
        i = max(end, i + 1)
    return found


def _particle_names(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Names with lower-case particles that spaCy cut up ("Ursula von" + "der" + "Leyen" as a
    place) or missed ("with von der Leyen and Rutte"): one person, the pieces' drafts dropped."""
    particles = [t.i for t in doc if t.lower_ in _NAME_PARTICLES and t.text.islower()]
    if not particles:
        return drafts
    person_ending = {d.end: d for d in drafts if d.kind == PERSON}
    found: list[_Draft] = []
    done = -1
    for i in particles:
        if i <= done:
            continue  # inside the particle run already read ("von | der")
        j = i
        while j < len(doc) and doc[j].text.islower() and doc[j].lower_ in _NAME_PARTICLES:
            j += 1
        done = j
        if j >= len(doc) or not (doc[j].text[:1].isupper() and doc[j].is_alpha) or is_country_token(doc[j]):
            continue
        before = next((person_ending[k] for k in range(i, j + 1) if k in person_ending
                       and person_ending[k].name_start < i), None)  # "Ursula von" + "der Leyen"
        titled = i > 0 and is_title_word(doc[i - 1])
        opens = doc[i].lower_ in _SURNAME_OPENERS and (i == 0 or not _is_name_token(doc[i - 1]) or j - i >= 2)
        if before is None and not titled and not opens:
            continue
        start = before.start if before else _title_before(doc, i)
        name_start = before.name_start if before else i
        words = [t.text for t in doc[name_start:j + 1]]
        draft = _Draft(start, name_start, j + 1, PERSON, words, doc[name_start:j + 1].text)
        if before:
            draft.role, draft.affiliation = before.role, before.affiliation
        else:
            title = list(doc[start:i])
            draft.role = _role_from_title(title, of_a_name=True)
            draft.affiliation = _country_of_tokens(_before_for(title))
        found.append(draft)
    if not found:
        return drafts
    taken = {k for d in found for k in range(d.start, d.end)}
    return [d for d in drafts if not taken.intersection(range(d.start, d.end))] + found


def _coordinated_bodies(doc: Doc, drafts: list[_Draft], covered: set[int]) -> list[_Draft]:
    """Proper names spaCy left untagged in a list with an organisation's name: organisations too
    ("the CEOs of OpenAI, Google Deepmind and Anthropic")."""
    found = []
    for d in drafts:
        if d.kind != ORGANIZATION or d.shared_head is not None:
            continue
        head = span_root(doc[d.start:d.end])
        for conj in head.conjuncts:
            if conj.i in covered or conj.pos_ != "PROPN" or not conj.text[:1].isupper() or is_title_word(conj):
                continue
            start = conj.i
            while start - 1 >= 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == conj.i \
                    and doc[start - 1].pos_ == "PROPN" and start - 1 not in covered:
                start -= 1
            name = doc[start:conj.i + 1]
            if gazetteer.country(name.text) or gazetteer.is_city(name.text):
                continue
            found.append(_Draft(start, start, conj.i + 1, ORGANIZATION, [t.text for t in name], name.text))
            covered.update(range(start, conj.i + 1))
    return found


def _untagged_capitals(doc: Doc, covered: set[int]) -> list[_Draft]:
    """A capital spaCy did not tag, standing for its government as a subject ("Kyiv said ...")."""
    found = []
    for t in doc:
        subject = t.dep_ in _SUBJECT_DEPS or (t.dep_ == "conj" and t.head.dep_ in _SUBJECT_DEPS)
        if t.i in covered or t.pos_ != "PROPN" or not subject:
            continue
        country = gazetteer.capital_of(t.text)
        if country:
            found.append(_Draft(t.i, t.i, t.i + 1, COUNTRY, [country], t.text))
    return found


def _ministry(doc: Doc, noun: Token) -> _Draft | None:
    """"Egypt's foreign ministry", "the Egyptian Foreign Ministry": an organisation of that country,
    labelled as the text names it (without "the")."""
    owner = next((c for c in noun.children if c.dep_ in {"poss", "amod", "compound", "nmod"}
                  and (gazetteer.country(c.text) or gazetteer.demonym(c.text)) and c.text[:1].isupper()), None)
    if owner is None:
        return None
    start = min([owner.i] + [c.i for c in noun.children if c.dep_ in {"amod", "compound"} and c.i > owner.i])
    span = doc[start:noun.i + 1]
    words = [t.text if t.tag_ == "POS" else t.text[:1].upper() + t.text[1:] for t in span]
    label = " ".join(words).replace(" 's", "'s").replace(" ’s", "’s")
    country = gazetteer.country(owner.text) or gazetteer.demonym(owner.text)
    return _Draft(start, start, noun.i + 1, ORGANIZATION, [label], label, affiliation=country)


def _coordinated_owners(noun: Token) -> list[tuple[Token, str]]:
    """The countries of a plural body noun with several ("the Jordanian, Lebanese and Tunisian
    foreign ministries", "the US and British embassies"), each with its country; [] for one."""
    if noun.tag_ != "NNS":
        return []
    owners = []
    for c in noun.children:
        if c.dep_ not in {"amod", "compound", "nmod"}:
            continue
        for o in [c, *(x for x in c.subtree if x.dep_ == "conj")]:
            country = gazetteer.demonym(o.text) or gazetteer.country(o.text)
            if country and o.text[:1].isupper():
                owners.append((o, country))
    return owners if len({country for _, country in owners}) >= 2 else []


def _body_noun(t: Token, nouns: frozenset[str]) -> bool:
    """A noun of the class, singular or plural ("ministry", "ministries")."""
    return _word(t) in nouns or (t.tag_ == "NNS" and t.lemma_.lower() in nouns)


def _shared_bodies(doc: Doc, noun: Token, kind: str) -> list[_Draft]:
    """One draft per country of a plural body noun several countries share: the countries
    themselves for governments, "<Demonym> Foreign Ministry" for ministries."""
    owners = _coordinated_owners(noun)
    if not owners:
        return []
    last = max(o.i for o, _ in owners)
    between = [c.text[:1].upper() + c.text[1:] for c in noun.children if c.dep_ in {"amod", "compound"} and c.i > last]
    body = noun.lemma_[:1].upper() + noun.lemma_[1:]
    drafts = []
    for owner, country in owners:
        if kind == COUNTRY:
            drafts.append(_Draft(owner.i, owner.i, owner.i + 1, COUNTRY, [country], owner.text, shared_head=noun.i))
        else:
            label = " ".join([owner.text, *between, body])
            drafts.append(_Draft(owner.i, owner.i, owner.i + 1, ORGANIZATION, [label], label, affiliation=country,
                                 shared_head=noun.i))
    return drafts


def _government_phrases(doc: Doc, covered: set[int]) -> list[_Draft]:
    """"The Japanese government", "Russian authorities": the country acting through its government;
    "the British and French governments": each country."""
    found = []
    for t in doc:
        if t.i in covered:
            continue
        if _body_noun(t, _MINISTRY_NOUNS) or _body_noun(t, _GOVERNMENT_NOUNS):
            shared = _shared_bodies(doc, t, ORGANIZATION if _body_noun(t, _MINISTRY_NOUNS) else COUNTRY)
            if shared:
                found += shared
                continue
        if _word(t) in _MINISTRY_NOUNS:
            ministry = _ministry(doc, t)
            if ministry is not None:
                found.append(ministry)
            continue
        if _word(t) not in _GOVERNMENT_NOUNS:
            continue
        for c in t.children:
            country = gazetteer.demonym(c.text) if c.dep_ in {"amod", "compound", "nmod"} else None
            if c.dep_ == "poss" and c.i not in covered:  # "Russia's government"
                country = gazetteer.country(c.text) or gazetteer.capital_of(c.text)
            if country and c.text[:1].isupper():
                found.append(_Draft(c.i, c.i, t.i + 1, COUNTRY, [country], doc[c.i:t.i + 1].text))
                break
    return found


def _draft_for(ent: Span) -> _Draft | None:
    label = ent.label_
    span = _clean_name(ent)
    if span is None:
        return None
    text = span.text
    if fold(text) in _NOT_ACTORS:
        return None
    if label in {"PERSON", "ORG"} and all(is_title_word(t) or gazetteer.demonym(t.text) or t.is_punct for t in span):
        return None  # "Slovak", "Indian External Affairs": a demonym or a title, not a name
    if label in {"PERSON", "ORG"} and gazetteer.is_city(text) and not gazetteer.capital_of(text) \
            and not gazetteer.country(text):
        return None  # "Oulu", "Monterrey": a place
    if label == "PERSON" and (gazetteer.country(text) or gazetteer.capital_of(text)):
        return _country_draft(span)
    if label == "ORG" and len(span) >= 3 and is_country_token(span[0]) and _title_before(span.doc, span.start) < span.start:
        label = "PERSON"  # "President of | Uganda Grace Namubiru": a country glued to a titled name
    if label == "ORG" and _after_title_head(span) and all(_is_name_token(t) or t.text == "-" for t in span):
        label = "PERSON"  # "Chancellor | Olaf Scholz", "his counterpart, | Hany Mulki" tagged as an organisation
    if label in {"PERSON", "ORG"} and _portfolio_word(span):
        return None  # "Power, | Coal |, New and Renewable Energy and Mines Minister Piyush Goyal"
    if label == "ORG" and _title_then_name(span):
        label = "PERSON"  # "PM Modi", "Tun Dr Mahathir" tagged as an organisation
    if label == "ORG" and _person_taken_for_body(span):
        label = "PERSON"  # "Uganda's Grace Namubiru" tagged as an organisation
    if label == "ORG" and _glued_title_name(span):
        label = "PERSON"  # "Moiben MP Silas Ruto", "Bank of England Governor Andrew Bailey"
    if label == "PERSON" and _constituency(span):
        return None  # "the MP for | Edinburgh South"
    if label == "PERSON":
        span = _extend_name(span)
        name = _person_name(span)
        if name is None:
            return _country_draft(span) or _title_only_person(span)
        start = _title_before(span.doc, name.start)
        title_end = name.start
        if start == name.start and _title_then_comma(span.doc, name.start):  # "state Youth Congress chief, | Shadab Khan"
            title_end = name.start - 1
            start = _title_before(span.doc, title_end)
            start = start if start < title_end else name.start
        title = list(span.doc[start:title_end])
        draft = _Draft(start if title_end == name.start else name.start, name.start, name.end, PERSON,
                       *_without_nickname(name))  # (a title set off by a comma is no part of the mention)
        draft.role = _role_from_title(title, of_a_name=True)
        _known_with_regnal_title(draft, title)
        draft.affiliation = _country_of_tokens(_before_for(title)) or _of_country_after(name) \
            or _body_of_title(span.doc, start, title_end)
        draft.end = max(draft.end, _of_country_end(name))
        post = name.end
        while post < len(span.doc) and _is_post_nominal(span.doc[post]):
            post += 1
        draft.end = max(draft.end, post)  # "Ian Murray MP": the title is part of the mention, not of the name
        if post > name.end and draft.role is None:
            draft.role = _word(span.doc[post - 1])
        _apposition(name, draft)
        return draft
    if label in {"GPE", "NORP"}:
        return _country_draft(span) or _surname_taken_for_place(span)
    if label in {"ORG", "FAC", "GPE"} and (place := " ".join(fold(re.sub(r"^the\s+", "", text, flags=re.I)).split())) in _SEATS:
        return _seat_draft(span.doc, span.start, span.end, place)  # "the Kremlin", "No 10" as spaCy tags them
    if label == "ORG":
        if all(is_title_word(t) for t in span) or len(text) < 2 or _pair_before_event(span):
            return None
        if gazetteer.country(text) or gazetteer.capital_of(text):
            return _country_draft(span)  # ("Baku said" tagged as an organisation: Azerbaijan's government)
        if _titled_apposition(span):
            return _Draft(span.start, span.start, span.end, PERSON, _name_words(span), span.text)
        return _Draft(span.start, span.start, span.end, ORGANIZATION, [t.text for t in span], span.text,
                      affiliation=_country_of_tokens(list(span)))
    return None


#: How far after a word a portfolio list may run before its title head.
_PORTFOLIO_REACH = 10


def _portfolio_word(span: Span) -> bool:
    """Is a one-word entity an item of a title's list of portfolios ("Power, | Coal |, New and
    Renewable Energy and Mines Minister X"): followed, through commas, "and" and capitalised words
    that no entity claims, by a title head?"""
    doc = span.doc
    if len(span) != 1 or span.end >= len(doc) or doc[span.end].text not in {",", "and", "&"}:
        return False
    if span.start > 0 and (is_title_word(doc[span.start - 1]) or _word(doc[span.start - 1]) in _HONORIFICS):
        return False  # "King | Abdullah | and Crown Prince X": a name under its title
    for t in doc[span.end:span.end + _PORTFOLIO_REACH]:
        if is_country_token(t):
            return False  # "... and Saudi Crown Prince X": someone else's title
        if _word(t) in _TITLE_HEADS:
            return True
        in_long_entity = t.ent_iob_ == "I" or (t.ent_type_ and t.i + 1 < len(doc) and doc[t.i + 1].ent_iob_ == "I")
        if in_long_entity or not (t.text in {",", "&"} or _word(t) == "and" or (t.text[:1].isupper() and t.is_alpha)):
            return False  # (a name of two words or more is someone listed: "A, Anna Berg and Minister X")
    return False


def _constituency(span: Span) -> bool:
    """Is an entity the place after an elected member's "for" ("the MP for | Edinburgh South")?"""
    doc = span.doc
    return span.start >= 2 and _word(doc[span.start - 1]) == "for" and _word(doc[span.start - 2]) in _CONSTITUENCY_TITLES


def _glued_title_name(span: Span) -> bool:
    """Does an entity end in a title and a name of two words at least ("Moiben MP | Silas Ruto")?"""
    titles = [t.i for t in span[1:-2] if is_title_word(t) and t.text[:1].isupper()]
    return bool(titles) and all(_is_name_token(t) and not is_title_word(t) for t in span.doc[titles[-1] + 1:span.end])


def _known_with_regnal_title(draft: _Draft, title: list[Token]) -> None:
    """"King Abdullah", "Pope Francis": one given name under a regnal title is known with it."""
    if len(draft.words) == 1 and title and _word(title[-1]) in _REGNAL_TITLES:
        draft.words = [title[-1].text, *draft.words]
        draft.text = f"{title[-1].text} {draft.text}"


_EVENT_NOUNS = LEXICON.words("event_nouns")


def _pair_before_event(span: Span) -> bool:
    """"Modi-Trump Phone Call", "the Ruto-Raila Talks": two names joined by a hyphen before an event
    noun name the event's parties, not an organisation."""
    return len(span) >= 4 and span[1].text in {"-", "–"} and span[0].text[:1].isupper() \
        and any(_word(t) in _EVENT_NOUNS for t in span[3:])


def _person_taken_for_body(span: Span) -> bool:
    """Is an "organisation" a person's name: a given name and a surname or two ("Grace Namubiru"),
    where the sentence treats it as a person: a country's ("Uganda's Grace Namubiru"), beside a
    person ("Otieno and Grace Namubiru"), or the subject of what people do ("Grace Namubiru said")?"""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(_is_name_token(t) for t in words) or not is_given_name(words[0].text) \
            or any(_body_noun(t, _BODY_NOUNS) or _word(t) in _ORGANISATION_SUFFIXES for t in words):
        return False
    root = span.root
    owned = any(c.dep_ == "poss" and is_country_token(c) for c in root.children)
    return owned or _beside_a_person(root) or _subject_of_what_people_do(root)


def _title_then_name(span: Span) -> bool:
    """Does an entity open with a person's title or honorific and go on with a name only ("PM |
    Modi", "Tun Dr | Mahathir Mohamed"), no body's noun among them ("Interior Ministry")?"""
    i = span.start
    while i < span.end and (_is_honorific(span.doc[i]) or is_title_word(span.doc[i])):
        i += 1
    head = span.doc[span.start]
    return i > span.start and i < span.end and (_word(head) in _TITLE_HEADS or _is_honorific(head)) \
        and all(t.is_alpha and t.text[:1].isupper() and not is_title_word(t) and not is_country_token(t)
                and not _headline_verb(t) and not _body_noun(t, _BODY_NOUNS)
                for t in span.doc[i:span.end])  # (whatever the tagger made of it: "PM | Modi" as a verb)


def _after_title_head(span: Span) -> bool:
    """A span right after a title's head noun, or after it and a comma ("his counterpart, X")."""
    doc, i = span.doc, span.start - 1
    if i >= 1 and doc[i].text == ",":
        i -= 1
    return i >= 0 and _word(doc[i]) in _TITLE_HEADS


def _title_only_person(span: Span) -> _Draft | None:
    return None


def _without_nickname(name: Span) -> tuple[list[str], str]:
    """A name's words and text without the nickname in quotes inside it (Roberto "Bobby" Alcantara)."""
    inner = [t.i for t in name if _quoted_word(name.doc, t.i, t.i + 1) and name.start < t.i - 1 and t.i + 1 < name.end - 1]
    if not inner:
        return _name_words(name), name.text
    nick = inner[0]
    doc = name.doc
    text = f"{doc[name.start:nick - 1].text} {doc[nick + 2:name.end].text}"
    return re.sub(r"\s*-\s*", "-", text).split(), text


def _name_words(name: Span) -> list[str]:
    """Name parts, hyphenated parts kept together ("Kassym-Jomart")."""
    return re.sub(r"\s*-\s*", "-", name.text).split()


def _titled_apposition(span: Span) -> bool:
    """An entity in apposition with a title is a person ("X, the President of Kazakhstan")."""
    head = span_root(span)
    if any(c.dep_ == "appos" and _word(c) in _TITLE_HEADS for c in dependents(head)):
        return len(span) >= 2 and all(t.text[:1].isupper() or t.is_punct for t in span)
    return False


_HUMAN_VERBS = LEXICON.words("human_agent_verbs")


def _surname_taken_for_place(span: Span) -> _Draft | None:
    """A one-word "place" no gazetteer knows that acts like a person: coordinated with a person
    ("Macron and Scholz met") or the subject of meeting, speaking or condemning ("Blinken is
    scheduled to meet ..."). spaCy often tags bare surnames as GPE."""
    if len(span) != 1 or not _is_name_token(span[0]) or span[0].is_upper or gazetteer.is_city(span.text):
        return None
    t = span[0]
    acts = _subject_of_what_people_do(t) or t.dep_ in _SUBJECT_DEPS and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in _HUMAN_VERBS for c in t.head.children)  # "is scheduled to meet"
    if not (_beside_a_person(t) or acts):
        return None
    return _Draft(span.start, span.start, span.end, PERSON, [t.text], t.text)


def _beside_a_person(t: Token) -> bool:
    """Is a name coordinated with a person spaCy tagged ("Macron and Scholz", "Otieno and Grace Namubiru")?"""
    return any(c.ent_type_ == "PERSON" for c in [t.head, *t.conjuncts] if c.i != t.i) and \
        (t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children))


def _subject_of_what_people_do(t: Token) -> bool:
    """Is a name the subject of a verb of meeting, speaking or condemning ("Namubiru said")?"""
    return t.dep_ in _SUBJECT_DEPS and t.head.lemma_.lower() in _HUMAN_VERBS


def _country_draft(span: Span) -> _Draft | None:
    """A country named directly or by its capital; a demonym used as a noun names its people."""
    text = span.text
    name = gazetteer.country(text) or gazetteer.capital_of(text)
    if name:
        return _Draft(span.start, span.start, span.end, COUNTRY, [name])
    head = span.root
    if gazetteer.demonym(text) and head.pos_ in {"NOUN", "PROPN"} and head.dep_ not in {"amod", "compound", "nmod"} \
            and text.endswith("s"):
        return _Draft(span.start, span.start, span.end, GROUP, [text], affiliation=gazetteer.demonym(text.rstrip("s")))
    return None


def _of_country_end(name: Span) -> int:
    doc = name.doc
    if name.end + 1 < len(doc) and _word(doc[name.end]) == "of" and is_country_token(doc[name.end + 1]):
        return name.end + 2
    return name.end


def _of_country_after(name: Span) -> str | None:
    end = _of_country_end(name)
    return gazetteer.country(name.doc[end - 1].text) if end > name.end else None


def _apposition(name: Span, draft: _Draft) -> None:
    """Take role and affiliation from an apposition: "Tokayev, the President of Kazakhstan"."""
    head = span_root(name)
    for child in dependents(head):
        if child.dep_ == "appos" and _word(child) in _TITLE_HEADS:
            tokens = [t for t in child.subtree if t.i > head.i]
            draft.role = draft.role or _role_from_title(tokens)
            draft.affiliation = draft.affiliation or _country_of_tokens(tokens)
    if head.dep_ == "appos" and _word(head.head) in _TITLE_HEADS:
        tokens = [t for t in head.head.subtree if t.i < name.start]
        draft.role = draft.role or _role_from_title(tokens)
        draft.affiliation = draft.affiliation or _country_of_tokens(tokens)


def _join_split_names(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """One person whose name spaCy cut in two adjacent entities ("Bilawal Bhutto" + "Zardari"), or
    in two around a nickname in quotes (Ferdinand "Bongbong" Marcos Jr.: the nickname, tagged
    or not, is no part of the name)."""
    joined: list[_Draft] = []
    taken_to = -1  # where the last name read on after a nickname ends
    for d in sorted(drafts, key=lambda d: d.start):
        if _quoted_word(doc, d.start, d.end) or d.start < taken_to:
            continue  # a nickname tagged on its own, or a part of a name already taken in
        prev = joined[-1] if joined else None
        if prev is not None and prev.kind == PERSON and _after_nickname(doc, prev.end) > prev.end + 3 \
                and d.start > prev.end + 3:  # the rest of the name after the nickname, untagged
            end = _after_nickname(doc, prev.end)
            prev.words = prev.words + [t.text for t in doc[prev.end + 3:end]]
            prev.text = f"{prev.text} {doc[prev.end + 3:end].text}"
            prev.end = taken_to = end
            prev.last = end - 1
            if d.start < end:
                continue
        if prev is not None and prev.kind == PERSON and d.kind == PERSON and d.start == d.name_start \
                and (prev.end == d.name_start or d.start - prev.end == 3 and _quoted_word(doc, prev.end + 1, d.start - 1)) \
                and len(prev.words) - _is_regnal_short(prev) + len(d.words) <= 5:
            prev.last = _last_name_token(d)
            if _is_regnal_short(prev):  # "Prince | Abdulaziz" + "bin Salman": a full name, the title its role
                prev.words, prev.text = prev.words[1:], prev.text.split(" ", 1)[-1]
            prev.words = prev.words + d.words
            prev.text = f"{prev.text} {d.text}"
            prev.end = d.end
            prev.affiliation = prev.affiliation or d.affiliation
            continue
        joined.append(d)
    return joined


_QUOTES = frozenset('"\'“”‘’')


def _after_nickname(doc: Doc, end: int) -> int:
    """Where a name goes on after a nickname in quotes at token `end` ("Ferdinand | "Bongbong"
    Marcos Jr. |"): the end of the name words after it, or `end` when there is none."""
    if end + 3 >= len(doc) or not _quoted_word(doc, end + 1, end + 2):
        return end
    i = end + 3
    while i < len(doc) and i - end < 7 and (_is_name_token(doc[i]) or fold(doc[i].text).rstrip(".") in _GENERATIONS
                                            and i > end + 3):
        i += 1
    return i if i > end + 3 else end


def _quoted_word(doc: Doc, start: int, end: int) -> bool:
    """Is doc[start:end] one capitalised word between quotes ("Bongbong", ‘Bongbong’)?"""
    return end - start == 1 and 0 < start and end < len(doc) and doc[start - 1].text in _QUOTES \
        and doc[end].text in _QUOTES and doc[start].is_alpha and doc[start].text[:1].isupper()


def _merge(drafts: list[_Draft]) -> tuple[dict[str, Actor], list[Mention]]:
    """Group drafts into actors: full names first, then single names by surname."""
    groups: dict[str, list[_Draft]] = defaultdict(list)
    regnal = [d for d in drafts if _is_regnal_short(d)]
    particle_surnames = [d for d in drafts if d.kind == PERSON and d.words and d.words[0].islower()
                         and fold(d.words[0]) in _NAME_PARTICLES]  # "von der Leyen", "bin Salman"
    surname_generations = [d for d in drafts if d.kind == PERSON and len(d.words) == 2
                           and fold(d.words[1]).rstrip(".") in _GENERATIONS]  # "Marcos Jr."
    persons_full = [d for d in drafts if d.kind == PERSON and len(d.words) >= 2 and d not in regnal
                    and d not in particle_surnames and d not in surname_generations]
    for d in persons_full:
        groups[_name_key(d.words)].append(d)
    spelt = _other_spellings(groups)
    surname_index: dict[str, set[str]] = defaultdict(set)
    given_index: dict[str, set[str]] = defaultdict(set)  # family name first: "Wang Yi" ... "Wang"
    for d in persons_full:
        key = _name_key(d.words)
        if key in spelt:  # "Vikram Misry" of "Vikram Misri", "Lopez Obrador" of "Andres Manuel Lopez Obrador"
            groups[spelt[key]].extend(groups.pop(key, []))
            key = spelt[key]
        surname_index[_surname_key(d.words)].add(key)
        given_index[fold(d.words[0])].add(key)
    for d in regnal:  # "Crown Prince Mohammed" is the crown prince "Mohammed bin Salman" named in full
        same = [k for k in given_index.get(fold(d.words[1]), set())
                if any(m.role and (m.role == d.role or fold(d.words[0]) in m.role.split()) for m in groups[k])]
        groups[same[0] if len(same) == 1 else _name_key(d.words)].append(d)
    middle_index: dict[str, set[str]] = defaultdict(set)  # a name's inner words: "Lula" of "Luiz Inácio Lula da Silva"
    for key, members in groups.items():
        for d in members:
            for word in core_words(" ".join(d.words))[1:-1]:
                middle_index[word].add(key)
    regnal_index: dict[str, set[str]] = defaultdict(set)
    for key, members in list(groups.items()):
        for d in members:
            if _is_regnal_short(d):
                regnal_index[fold(d.words[1])].add(key)
    for d in particle_surnames:  # the one full name that ends so
        tail = [fold(w) for w in d.words]
        same = {_name_key(f.words) for f in persons_full if [fold(w) for w in f.words[-len(tail):]] == tail}
        groups[next(iter(same)) if len(same) == 1 else _name_key(d.words)].append(d)
    for d in drafts:
        if d in particle_surnames:
            continue
        if d in surname_generations:  # the one full name of that surname and generation
            generation = fold(d.words[1]).rstrip(".")
            keys = {k for k in surname_index.get(fold(d.words[0]), set())
                    if any(fold(w).rstrip(".") == generation for m in groups[k] for w in m.words)}
            groups[next(iter(keys)) if len(keys) == 1 else _name_key(d.words)].append(d)
        elif d.kind == PERSON and len(d.words) == 1:
            keys = surname_index.get(_surname_key(d.words), set()) or given_index.get(fold(d.words[0]), set()) \
                or regnal_index.get(fold(d.words[0]), set()) \
                or middle_index.get(fold(d.words[0]), set())  # "Francis" of "Pope Francis", "Lula" of "Luiz Inácio Lula da Silva"
            if len(keys) == 1:
                groups[next(iter(keys))].append(d)
            elif not keys:
                groups[_name_key(d.words)].append(d)
        elif d.kind == ORGANIZATION and _one_name_word(d.words) and (
                person_keys := surname_index.get(_surname_key(d.words)) or given_index.get(fold(d.words[0]))
                or middle_index.get(fold(d.words[0])) or ()):
            d.kind = PERSON  # spaCy's "Dupont" (ORG) after "Jean Dupont" (PERSON), "El - Rufai" after "Nasir El-Rufai"
            if len(person_keys) == 1:  # (several share the name: whose it is, the text does not say, as for a PERSON)
                groups[next(iter(person_keys))].append(d)
        elif d.kind != PERSON:
            groups[_org_key(d)].append(d)
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    shared: dict[int, list[tuple[_Draft, str]]] = defaultdict(list)
    for key, members in groups.items():
        actors[key] = _actor_from(key, members)
        for d in members:
            if d.shared_head is not None:
                shared[d.shared_head].append((d, key))
                continue
            mentions.append(Mention(d.start, d.end, d.end - 1 if d.kind != PERSON else _last_name_token(d), (key,), "name"))
    for head, parts in shared.items():  # "the British and French governments": one mention of both
        keys = tuple(dict.fromkeys(key for _, key in sorted(parts, key=lambda p: p[0].start)))
        mentions.append(Mention(min(d.start for d, _ in parts), head + 1, head, keys, "name"))
    return actors, mentions


def _other_spellings(groups: dict[str, list[_Draft]]) -> dict[str, str]:
    """Full names of the article that are one person's name spelt another way or shortened
    (`names.same_name`: "Vikram Misry" and "Vikram Misri", "Lopez Obrador" and "Andres Manuel
    Lopez Obrador"), each to the one it is: the more often written, else the longer, else the
    first written. A name that
    fits two others, or whose holders' roles differ, stays apart."""
    names = {key: " ".join(members[0].words) for key, members in groups.items()}
    roles = {key: {d.role.split()[-1] for d in members if d.role} for key, members in groups.items()}
    partners: dict[str, list[str]] = defaultdict(list)
    keys = sorted(names)
    for n, a in enumerate(keys):
        for b in keys[n + 1:]:
            if same_name(names[a], names[b]) and not (roles[a] and roles[b] and not roles[a] & roles[b]):
                partners[a].append(b)
                partners[b].append(a)

    def weight(key: str) -> tuple[int, int, int]:
        return len(groups[key]), len(names[key].split()), -min(d.start for d in groups[key])
    return {a: ps[0] for a, ps in partners.items()
            if len(ps) == 1 and len(partners[ps[0]]) == 1 and weight(a) < weight(ps[0])}


def _surname_key(words: list[str]) -> str:
    """The word a person is called by alone: the last of the name, particles and generations
    aside ("Marcos" of "Ferdinand Marcos Jr.", "Rufai" of "Nasir El-Rufai" and of "El - Rufai")."""
    return core_words(" ".join(words))[-1]


def _one_name_word(words: list[str]) -> bool:
    """Is an organisation's name one capitalised name word, particles and hyphens aside ("Dupont",
    "El - Rufai"), as a surname is?"""
    return len(core_words(" ".join(words))) == 1 and all(
        w[:1].isupper() or w == "-" or fold(w) in _NAME_PARTICLES for w in words) and not " ".join(words).isupper()


def _counterpart_roles(doc: Doc, actors: dict[str, Actor], mentions: list[Mention]) -> dict[str, Actor]:
    """"Indian Prime Minister A and his Pakistani counterpart B": B holds A's role (for his own
    country), the role of the nearest person named before him in the sentence."""
    people = sorted((m for m in mentions if all(actors[k].kind == PERSON for k in m.keys)), key=lambda m: m.start)
    for n, m in enumerate(people):
        key = m.keys[0]
        words = doc[max(0, m.start - 3):m.head]  # ("his Jordanian counterpart, | Hany Mulki")
        counterpart = next((t for t in words if _word(t) == "counterpart"), None)
        if actors[key].role or counterpart is None:
            continue
        sentence_start = doc[m.start].sent.start
        before = [p for p in people[:n] if p.start >= sentence_start and actors[p.keys[0]].role]
        if before:
            country = actors[key].affiliation or _country_of_tokens(list(doc[max(sentence_start, counterpart.i - 3):
                                                                             counterpart.i]))
            actors[key] = replace(actors[key], role=actors[before[-1].keys[0]].role, affiliation=country)
    return actors


def _word_is_regnal(word: str) -> bool:
    return fold(word) in _REGNAL_TITLES


def _is_regnal_short(d: _Draft) -> bool:
    """A person's one given name under a regnal title ("King Abdullah", "Crown Prince Mohammed")."""
    return d.kind == PERSON and len(d.words) == 2 and _word_is_regnal(d.words[0])


def _drop_affiliations(mentions: list[Mention], actors: dict[str, Actor]) -> list[Mention]:
    """Countries and organisations inside a person's title are affiliations, not mentions of their own."""
    person_extents = [(m.start, m.end) for m in mentions if all(actors[k].kind == PERSON for k in m.keys)]
    kept = []
    for m in mentions:
        is_person = all(actors[k].kind == PERSON for k in m.keys)
        if not is_person and any(s <= m.head < e for s, e in person_extents):
            continue
        kept.append(m)
    return kept


def _last_name_token(d: _Draft) -> int:
    if d.last is not None:
        return d.last
    return d.name_start + len(d.words) - 1 if d.name_start + len(d.words) - 1 < d.end else d.end - 1


def _org_key(d: _Draft) -> str:
    """The key of an organisation, country or group: its name without "the", made a key as the
    actor's IRI is (`vocab.actor_key`)."""
    text = " ".join(d.words)
    text = re.sub(r"^(the|The)\s+", "", text)
    return actor_key(fold(text) if d.kind != COUNTRY else fold(d.words[0]))


def _actor_from(key: str, members: list[_Draft]) -> Actor:
    kind = Counter(d.kind for d in members).most_common(1)[0][0]
    labels = [re.sub(r"\s*-\s*", "-", d.text or " ".join(d.words)) if d.kind == PERSON
              else " ".join(d.text.split()) if d.kind == ORGANIZATION and d.text else " ".join(d.words)
              for d in members]  # (an organisation as the text spaces it: "Teachers’ Union", not "Teachers ’ Union")
    full = [lab for d, lab in zip(members, labels) if len(core_words(lab)) >= 2 and not _is_regnal_short(d)] \
        or [lab for lab in labels if len(lab.split()) >= 2] or labels  # "Mohammed bin Salman" over "Prince Mohammed"
    label = Counter(full).most_common(1)[0][0]
    if kind in {ORGANIZATION}:
        label = re.sub(r"^(the|The)\s+", "", label)
    roles = [d.role for d in members if d.role]
    affiliations = [d.affiliation for d in members if d.affiliation]
    alt = tuple(sorted(set(labels) - {label}))
    return Actor(
        key=key, label=label, kind=kind, alt_labels=alt,
        role=Counter(roles).most_common(1)[0][0] if roles else None,
        affiliation=Counter(affiliations).most_common(1)[0][0] if affiliations else None,
    )


def _surname_mentions(doc: Doc, actors: dict[str, Actor], mentions: list[Mention]) -> list[Mention]:
    """Bare surnames spaCy did not tag ("the Pashinyan-Aliyev meeting", "Secretary Blinken")."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_family_first: dict[str, set[str]] = defaultdict(set)  # "Wang" of "Wang Yi"
    for a in actors.values():
        if a.kind == PERSON:
            by_surname[_surname_key(a.label.split())].add(a.key)
            if len(a.label.split()) >= 2:
                by_family_first[fold(a.label.split()[0])].add(a.key)
    found = []
    for t in doc:
        if t.i in covered or t.pos_ not in {"PROPN", "NOUN", "VERB", "ADJ"} or not t.text[:1].isupper():
            continue
        keys = by_surname.get(_word(t), set()) or (by_family_first.get(_word(t), set()) if t.pos_ == "PROPN" else set())
        if len(keys) == 1:
            start = _title_before(doc, t.i)
            found.append(Mention(start, t.i + 1, t.i, (next(iter(keys)),), "name"))
    return found


def _repeated_body_names(doc: Doc, text: str, actors: dict[str, Actor], mentions: list[Mention]) -> list[Mention]:
    """One-word names of organisations ("ODM", "BCA") spaCy tagged in one place but not in another
    ("• ODM statement says ..."): the same proper noun elsewhere is the same body. The names are
    looked for in the text (one regular expression), not token by token."""
    names = {a.label: a.key for a in actors.values() if a.kind == ORGANIZATION and len(a.label.split()) == 1
             and a.label[:1].isupper() and a.label.isalnum()}
    if not names:
        return []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for t in _words_in_text(doc, text, names):
        if t.i not in covered and _alone_as_name(t):
            found.append(Mention(t.i, t.i + 1, t.i, (names[t.text],), "name"))
    return found


#: A short name in brackets: "(AMLO)", "(SPA)", "(ECOWAS)".
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")


def _with_acronyms(doc: Doc, text: str, actors: dict[str, Actor], mentions: list[Mention]) -> list[Mention]:
    """Short names an article gives in brackets after a name ("Andres Manuel Lopez Obrador (AMLO)",
    "the Saudi Press Agency (SPA)") and then uses alone ("AMLO said"): every use, tagged as a name
    of its own ("AMLO" as an organisation) or not tagged at all, is a mention of that actor. An
    acronym the article gives to two actors names neither. Brackets and uses are found in the
    text by regular expressions; most articles have none."""
    by_end = {m.end: m for m in mentions if m.how == "name" and len(m.keys) == 1}
    given: dict[str, set[str]] = defaultdict(set)
    for match in _BRACKETED_ACRONYM.finditer(text):
        span = doc.char_span(match.start(), match.end())
        if span is None or len(span) != 3:
            continue
        m = by_end.get(span.start)
        if m is not None and fold(actors[m.keys[0]].label)[:1] == fold(match.group(1))[:1]:
            given[match.group(1)].add(m.keys[0])  # (the name it shortens starts as it does: not "Somalia (UNSOM)")
    alias = {word: next(iter(keys)) for word, keys in given.items() if len(keys) == 1}
    if not alias:
        return mentions
    for word, key in alias.items():  # the actor is known by its short name too
        if word not in actors[key].alt_labels and word != actors[key].label:
            actors[key] = replace(actors[key], alt_labels=(*actors[key].alt_labels, word))
    kept: list[Mention] = []
    for m in mentions:  # "AMLO" tagged as a name of its own
        word = doc[m.start:m.end].text if len(m.keys) == 1 else ""
        if word in alias and actors[m.keys[0]].label == word and m.keys[0] != alias[word]:
            m = Mention(m.start, m.end, m.head, (alias[word],), m.how)
        kept.append(m)
    covered = {i for m in kept for i in range(m.start, m.end)}
    return kept + [Mention(t.i, t.i + 1, t.i, (alias[t.text],), "name") for t in _words_in_text(doc, text, alias)
                   if t.i not in covered]  # (the bracketed form too: "X (RFEF) condemned" hangs on it)


#: Words an initialism leaves out: "ANC" of "African National Congress", "UoA" aside.
_INITIALISM_SKIPS = frozenset({"of", "the", "and", "for", "&"})


def _initialisms(actors: dict[str, Actor], mentions: list[Mention]) -> list[Mention]:
    """An organisation named by capitals that are the initials of exactly one other organisation
    of the article ("ANC" beside "African National Congress", "NBA" beside "Nigerian Bar
    Association") is that organisation, whether or not the article gave it in brackets."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for a in actors.values():
        words = [w for w in re.split(r"[\s\-]+", a.label) if w and fold(w) not in _INITIALISM_SKIPS]
        if a.kind == ORGANIZATION and len(words) >= 2 and all(w[:1].isupper() for w in words):
            by_initials["".join(w[0] for w in words)].add(a.key)
    into = {}
    for a in actors.values():
        full = by_initials.get(a.label, set())
        if a.kind == ORGANIZATION and a.label.isupper() and len(full) == 1 and a.key not in full:
            into[a.key] = next(iter(full))
    return _merged_into(actors, mentions, into)


_ORGANISATION_SUFFIXES = LEXICON.words("organisation_suffixes")


def _short_body_names(actors: dict[str, Actor], mentions: list[Mention]) -> list[Mention]:
    """An organisation named without the word its full name ends in ("Kan" of "Kan Radio",
    "Labour" of "the Labour Party"), where exactly one organisation of the article is so named,
    is that organisation."""
    by_short: dict[str, set[str]] = defaultdict(set)
    for a in actors.values():
        words = a.label.split()
        if a.kind == ORGANIZATION and len(words) >= 2 and fold(words[-1]) in _ORGANISATION_SUFFIXES:
            by_short[fold(" ".join(words[:-1]))].add(a.key)
    into = {a.key: next(iter(full)) for a in actors.values()
            if a.kind == ORGANIZATION and len(full := by_short.get(fold(a.label), set())) == 1 and a.key not in full}
    return _merged_into(actors, mentions, into)


def _merged_into(actors: dict[str, Actor], mentions: list[Mention], into: dict[str, str]) -> list[Mention]:
    """Each actor of `into` merged into its target: its label an alternative label of the target,
    its mentions the target's."""
    for short, key in into.items():
        label = actors.pop(short).label
        if label not in actors[key].alt_labels:
            actors[key] = replace(actors[key], alt_labels=(*actors[key].alt_labels, label))
    return [replace(m, keys=tuple(dict.fromkeys(into.get(k, k) for k in m.keys))) if set(m.keys) & into.keys() else m
            for m in mentions]


def _words_in_text(doc: Doc, text: str, words: Collection[str]) -> list[Token]:
    """The tokens that are one of `words` exactly, found in the text (`doc.text`) by one regular expression."""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
    found = []
    for match in pattern.finditer(text):
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) == 1:
            found.append(span[0])
    return found


def _alone_as_name(t: Token) -> bool:
    """A proper noun that is a name by itself, not a part of a longer one ("Google" in "Google
    DeepMind", "the Google Deepmind CEO")."""
    doc = t.doc
    if t.pos_ != "PROPN" or t.ent_iob_ == "I" or (t.i + 1 < len(doc) and doc[t.i + 1].ent_iob_ == "I"):
        return False
    return not any(n.pos_ == "PROPN" for n in (doc[t.i - 1] if t.i else t, doc[t.i + 1] if t.i + 1 < len(doc) else t)
                   if n.i != t.i)


def _role_mentions(doc: Doc, actors: dict[str, Actor], mentions: list[Mention], article_id: str = "") -> list[Mention]:
    """Definite role phrases resolved to the one person who holds that role in the article; an
    office the article never names a holder of ("the First Minister") becomes an actor of its own
    (added to `actors`)."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    persons = [a for a in actors.values() if a.kind == PERSON and (a.role or a.affiliation)]
    first_seen = {}
    for m in mentions:
        for k in m.keys:
            first_seen[k] = min(first_seen.get(k, m.start), m.start)  # (mentions are not in text order yet)
    found = []
    body_at = {i: m.keys[0] for m in mentions if m.how == "name" and len(m.keys) == 1
               and actors[m.keys[0]].kind == ORGANIZATION for i in range(m.start, m.end)}
    for chunk in _noun_chunks(doc):
        head = chunk.root
        honorific = _HONORIFIC_ROLES.get(_word(head))  # "His Majesty": the king or queen
        if head.i in covered or honorific is None and _word(head) not in _TITLE_HEADS \
                and _word(head).rstrip("s") not in _TITLE_HEADS:
            continue
        if not any(_word(t) in {"the", "this", "these", "both"} or t.tag_ == "POS" or (honorific and t.tag_ == "PRP$")
                   for t in chunk):
            continue
        former = any(_word(t) in _FORMER_WORDS for t in chunk)  # "the former prime minister" is not the prime minister
        if any(c.dep_ == "appos" and c.i in covered for c in dependents(head)) or \
                (head.dep_ == "appos" and head.head.i in covered):
            continue  # "the former prime minister, George Papandreou": the name says who
        body = _body_of_role(head, actors, mentions)
        if body == "":
            continue  # "the leader of the Venezuelan opposition": a role in a body the article does not name
        plural = head.tag_ in {"NNS", "NNPS"}
        tokens = [t for t in chunk if t.i <= head.i]
        owners = _owner_bodies(tokens, head, actors, body_at)
        if owners and not plural and not former:  # "the FIFA chief", "the NDP leader": the one who leads that body
            holders = _holders_in(owners, _word(head), persons)
            if len(holders) == 1:
                found.append(Mention(chunk.start, chunk.end, head.i, (holders[0].key,), "role"))
                continue
        roles = honorific or [_role_from_title([t for t in tokens if _word(t) not in {"the", "this", "these", "two",
                                                                                     "both"}]) or _word(head).rstrip("s")]
        country = _country_of_tokens(tokens) or body
        fitting = [a for a in persons if any(_role_fits(role, a.role) for role in roles) and former == _held_formerly(a)]
        cands = [a for a in fitting if (country is None or a.affiliation == country)
                 and first_seen.get(a.key, 10**9) < chunk.start]
        if not cands and not honorific and not plural:  # "the ODM leader" after "ODM leader Raila Odinga"
            cands = _introduced_as(doc, persons, mentions, tokens, first_seen, chunk.start)
        if not cands and not plural and len(fitting) == 1 and roles[0] in _ONE_HOLDER_OFFICES:
            cands = fitting  # a lede's "the Tánaiste", named with the title further on
        if not cands and country is not None and not honorific and not plural:
            # a lede's "a call with Iran's foreign minister", named further on: the one such person
            cands = [a for a in fitting if a.affiliation in {country, None}]  # ("The commerce minister, Wang Wentao, said")
            cands = cands if len(cands) == 1 else []
        if not cands and not honorific and not plural and not former and body is None:
            office = _unnamed_office(tokens, roles[0], country, actors, persons, article_id)
            if office is not None:  # "The Prime Minister, Sir Keir Starmer, visited the First Minister"
                actors[office.key] = office
                persons.append(office)
                first_seen[office.key] = chunk.start
                cands = [office]
        if honorific and len(cands) > 1:  # the one the article introduced with it: "His Majesty King Abdullah"
            styled = {k for m in mentions if any(_word(t) == _word(head) for t in doc[max(0, m.start - 2):m.end])
                      for k in m.keys}
            cands = [a for a in cands if a.key in styled]
        if not plural and len(cands) == 1:
            found.append(Mention(chunk.start, chunk.end, head.i, (cands[0].key,), "role"))
        elif plural and len(cands) == _count(chunk) and len(cands) >= 2:
            found.append(Mention(chunk.start, chunk.end, head.i, tuple(a.key for a in cands), "role"))
        elif plural and len(cands) > _count(chunk) >= 2:
            last = _last_named_together(doc, mentions + found, {a.key for a in cands}, chunk.start)
            if len(last) == _count(chunk):  # "Both leaders": the two the text last named together
                found.append(Mention(chunk.start, chunk.end, head.i, tuple(last), "role"))
    return found


def _owner_bodies(tokens: list[Token], head: Token, actors: dict[str, Actor], body_at: dict[int, str]) -> dict[str, int]:
    """The organisations a role phrase names as whose the role is ("the FIFA chief", "the NDP's
    leader"): each body's key, with the token naming it."""
    return {body_at[t.i]: t.i for t in tokens if t.i != head.i and t.i in body_at}


def _holders_in(owners: dict[str, int], head: str, persons: list[Actor]) -> list[Actor]:
    """The persons of the article affiliated with one of `owners` whose role the head noun of a
    role phrase stands for ("chief": a president, a chairman, a head)."""
    def belongs(affiliation: str | None) -> bool:  # ("Youth Congress" read as "Congress" in the person's title)
        return bool(affiliation) and any(affiliation == o or set(affiliation.split()) < set(o.split()) for o in owners)
    return [a for a in persons if belongs(a.affiliation) and _role_fits(head.rstrip("s"), a.role)]


def _held_formerly(actor: Actor) -> bool:
    """Is an actor's role one held in the past ("former prime minister")?"""
    return any(w in (actor.role or "").split() for w in _FORMER_WORDS)


def _unnamed_office(tokens: list[Token], role: str, country: str | None, actors: dict[str, Actor],
                    persons: list[Actor], article_id: str) -> Actor | None:
    """An office written as a title ("the First Minister", "the Scottish First Minister": two
    capitalised words, or one that has one holder: "the Taoiseach") whose holder the article never
    names with it: a person of this article only, keyed with the article's id (two articles'
    unnamed First Ministers are not one actor: offices change hands)."""
    words = [t for t in tokens if _word(t) not in {"the", "this"} and not t.is_punct]
    if not words or len(words) < 2 and _word(words[0]) not in _ONE_HOLDER_OFFICES or \
            not all(t.text[:1].isupper() and t.is_alpha for t in words) or \
            not all(is_title_word(t) or is_country_token(t) for t in words):
        return None
    if any(_role_fits(role, a.role) for a in persons):
        return None  # a holder is named somewhere: resolution is theirs to make, or no one's
    if len(words) > 1 and any(a.kind == PERSON and not a.role for a in actors.values()):
        return None  # someone named without a title may hold it ("the Prime Minister" of "David Cameron")
    label = " ".join(t.text for t in words)
    key = actor_key(f"{label} {article_id}")
    return Actor(key=key, label=label, kind=PERSON, role=role, affiliation=country) if key else None


_ONE_HOLDER_OFFICES = LEXICON.words("one_holder_offices")


def _introduced_as(doc: Doc, persons: list[Actor], mentions: list[Mention], tokens: list[Token],
                   first_seen: dict[str, int], before: int) -> list[Actor]:
    """The people named earlier right after the very words of a role phrase whose own modifiers
    say whose role it is ("the ODM leader" after "ODM leader Raila Odinga", "the union boss" after
    "union boss Ann Lee"), where the role alone does not decide."""
    words = [_word(t) for t in tokens if _word(t) not in {"the", "this"}]
    if len(words) < 2:
        return []
    names = {_word(t) for t in tokens[:-1] if t.text[:1].isupper() and _word(t) not in {"the", "this"}
             and not is_title_word(t) and not is_country_token(t)}  # "the WHO high official": WHO
    keys = {a.key for a in persons if first_seen.get(a.key, 10**9) < before and _role_fits(words[-1], a.role)}
    found = set()
    for m in mentions:
        if m.end > before or m.how != "name" or not set(m.keys) & keys:
            continue
        window = max(0, min(m.start, m.head - len(words)) - 3)
        if _words_run(doc, window, m.head, words) or names and names <= {_word(t) for t in doc[window:m.head]}:
            found.update(k for k in m.keys if k in keys)
    return [a for a in persons if a.key in found]


def _words_run(doc: Doc, start: int, end: int, words: list[str]) -> bool:
    """Do `words` follow one another in doc[start:end]?"""
    seen = [_word(t) for t in doc[start:end]]
    return any(seen[i:i + len(words)] == words for i in range(len(seen) - len(words) + 1))


def _body_of_role(head: Token, actors: dict[str, Actor], mentions: list[Mention]) -> str | None:
    """The country a role phrase's "of" names ("the President of Kenya": Kenya); "" for a common
    noun or a person ("the leader of the opposition": no actor's role); None otherwise ("the
    Secretary of State" is one title; "the Director-General of WHO" is matched by role)."""
    for c in head.children:
        if c.dep_ != "prep" or _word(c) != "of":
            continue
        for p in c.children:
            if p.dep_ != "pobj" or is_title_word(p):
                continue
            if is_country_token(p):
                return gazetteer.country(p.text) or gazetteer.demonym(p.text)
            m = next((m for m in mentions if m.start <= p.i < m.end), None)
            if m is not None:
                return "" if all(actors[k].kind == PERSON for k in m.keys) else None
            return "" if p.pos_ == "NOUN" else None  # a name the article has not recognised may be its body
    return None


def _last_named_together(doc: Doc, mentions: list[Mention], keys: set[str], before: int) -> list[str]:
    """The actors among `keys` named in the last sentence before token `before` that names any."""
    named = [m for m in mentions if m.end <= before and set(m.keys) & keys]
    if not named:
        return []
    sentence = doc[named[-1].start].sent
    in_it = [k for m in named if sentence.start <= m.start < sentence.end for k in m.keys if k in keys]
    return list(dict.fromkeys(in_it))


def unnamed_speaker(t: Token, index: ActorIndex, acting: bool = False) -> Actor | str | None:
    """The speaker a noun names by what it is, not by name, when it is the subject of a speech
    verb (or the one 'according to' whom): a source, an official, a spokesperson, a body or an
    outlet ('a diplomatic source said', 'police said', 'the journalists union said', 'a
    spokesperson for Cox said'), or a role its words tell ('the Youth Congress leader said'). A bare or definite noun with nothing that says whose it
    is ('the ministry said', 'the source said') points back to the nearest actor whose label
    holds it (its key is returned); a definite one with none is no one. Otherwise a new actor
    of this article only (its key holds the article's id: the 'sources' of two articles are not
    one actor), labelled as the text writes it."""
    if t.pos_ not in {"NOUN", "PROPN"} or not (acting or _speaker_position(t)):
        return None
    if _word(t) in _STATEMENT_NOUNS or t.lemma_.lower() in _STATEMENT_NOUNS:
        return _issuer(t, index)
    kind = _unnamed_speaker_kind(t)
    if kind is None:
        return None
    start, end = _unnamed_speaker_extent(t)
    words = [w for w in t.doc[start:end] if not w.is_punct]
    bare = all(_word(w) in _DEFINITE_DETERMINERS or w.i == t.i for w in words)  # "the ministry", "police"
    if bare and acting:  # "officials condemned": no one to draw as a node of its own
        return index.last_bearing(_word(t), start) if words[0].i != t.i else None
    if bare:
        antecedent = index.last_bearing(_word(t), start)
        if antecedent is None and words[0].i != t.i and kind != ORGANIZATION:  # "the source said"
            antecedent = _last_unnamed_speaker(t, index, t.tag_ in {"NNS", "NNPS"})
        if antecedent is not None or words[0].i != t.i:
            return antecedent
    if _word(t) in _VOICE_NOUNS or t.lemma_.lower() in _VOICE_NOUNS:
        bodies = {k for m in index.within(start, end) if m.head != t.i for k in m.keys
                  if index.actors[k].kind in _BODY_KINDS - {GROUP}}
        if len(bodies) == 1:  # "a Downing Street spokeswoman said", "a correspondent of Al Arabiya said"
            return bodies.pop()
    label = " ".join(t.doc[start:end].text.split())
    if kind == ORGANIZATION and (known := index.body_named_by(words, t, start)) is not None:
        return known  # "The Malta Football Referees Association said", "the journalists union said"
    key = actor_key(f"{label} {index.article_id}")
    return Actor(key=key, label=label, kind=kind) if label and key else None


def _paragraph_start(doc: Doc, i: int, back: int) -> int:
    """The first token of the paragraph `back` paragraphs before token i's (0: its own), found by
    walking back over that stretch only."""
    j = i
    while j > 0:
        t = doc[j - 1]
        if "\n" in t.whitespace_ or (t.is_space and "\n" in t.text):
            if back == 0:
                return j
            back -= 1
        j -= 1
    return 0


def _issuer(statement: Token, index: ActorIndex) -> str | None:
    """Who a statement that speaks is from: the actor it is said to be of ("Ban's statement said",
    "a Royal Court statement said", "according to a statement from B"); for "the statement" or "the report", the issuer of the one
    told just before ("A wrote in a statement ... “...,” the statement added"; none for "a joint
    statement said ... the joint statement said"), else the nearest speaker named before ("SPA
    reported ... The report added"); "a statement said" with no owner is no one's the text gives."""
    owner = statement_owner(statement, index)
    if owner is not None:
        return owner
    doc = statement.doc
    start = statement.left_edge.i
    if _word(doc[start]) not in _DEFINITE_DETERMINERS:
        return None
    for j in range(start - 1, _paragraph_start(doc, start, _STATEMENT_REACH) - 1, -1):  # the statement told before
        if doc[j].pos_ == "NOUN" and doc[j].lemma_.lower() == statement.lemma_.lower():
            return _issuer_of_told(doc[j], index)
    return index.last_speaker(doc, start, _ANY_KIND)


def statement_owner(statement: Token, index: ActorIndex) -> str | None:
    """The actor a statement noun names as its own: "Ban's statement", "a Royal Court statement",
    "a statement from B", "a statement by the chairman, B"; None if it names none."""
    for c in dependents(statement):
        m = index.at(c) if c.dep_ in {"poss", "compound", "nmod"} else None
        if m is not None and m.how != "pronoun":
            return m.keys[0]
    for c in dependents(statement):
        if c.dep_ == "prep" and _word(c) in _SOURCE_PREPS:
            for p in (p for p in dependents(c) if p.dep_ == "pobj"):  # "by the chairman, X": X
                m = index.at(p) or next((index.at(a) for a in dependents(p) if a.dep_ == "appos" and index.at(a)), None)
                if m is not None:
                    return m.keys[0]
    return None


def _issuer_of_told(statement: Token, index: ActorIndex) -> str | None:
    """The issuer of a statement told before: its owner ("Ban's statement"), or the subject of the
    verb it hangs on ("A wrote in a statement", "A issued a statement"); None for one of nobody's."""
    owner = next((index.at(c) for c in dependents(statement) if c.dep_ in {"poss", "compound", "nmod"}
                  and index.at(c) is not None), None)
    if owner is not None:
        return owner.keys[0]
    verb = statement.head.head if statement.dep_ == "pobj" else statement.head if statement.dep_ == "dobj" else None
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in dependents(verb) if c.dep_ in _SUBJECT_DEPS), None)
    m = index.at(subject) if subject is not None else None
    return m.keys[0] if m is not None else None


def organisation_pronoun_speaker(pronoun: Token, index: ActorIndex) -> str | None:
    """Who 'it' is as the subject of a speech verb: the nearest organisation, country or group
    named before as a speaker ("The ministry urged restraint ... “...,” it said")."""
    if _word(pronoun) not in _ORGANISATION_PRONOUNS or not _speaker_position(pronoun):
        return None
    return index.last_speaker(pronoun.doc, pronoun.i, _BODY_KINDS)


def unnamed_pronoun_speaker(pronoun: Token, index: ActorIndex) -> str | None:
    """Who 'he', 'she' or 'they' is as the subject of a speech verb when it stands for no named
    actor: the unnamed speaker who spoke last, if the nearest speaker before it is one ("A police
    spokeswoman said ... “...,” she said"; "Officials said ... They added ...")."""
    number = _THIRD_PERSON.get(_word(pronoun))
    if number not in {"sg", "pl"} or index.at(pronoun) is not None or not _speaker_position(pronoun):
        return None
    return _last_unnamed_speaker(pronoun, index, number == "pl", _PRONOUN_GENDER.get(_word(pronoun)))


def _last_unnamed_speaker(t: Token, index: ActorIndex, plural: bool, gender: str | None = None) -> str | None:
    """The unnamed person (or people) who is the nearest speaker before token t, in its paragraph
    or the one before: the subject of a speech verb (or the one 'according to' whom) that names a
    speaker by what it is ("an anonymous official told ...", "according to a source close to
    the talks, ...") and agrees with t in number and
    gender. A named actor, a pronoun or a body speaking in between is nearer: then no one."""
    doc = t.doc
    for j in range(t.left_edge.i - 1, _paragraph_start(doc, t.i, 1) - 1, -1):
        w = doc[j]
        if w.dep_ not in _SPEAKER_DEPS or (j < len(index.quoted) and index.quoted[j]) or not _speaker_position(w):
            continue  # (the subjects of a quote are the speaker's words)
        kind = None if index.at(w) is not None or w.pos_ == "PRON" else _unnamed_speaker_kind(w)
        if kind is None or kind == ORGANIZATION or (w.tag_ in {"NNS", "NNPS"}) != plural:
            return None
        if gender is not None and _NOUN_GENDERS.get(_word(w), gender) != gender:
            return None
        return index.unnamed_speaker(w)
    return None


def _speaker_position(t: Token) -> bool:
    """Is the noun the subject of a speech verb (its own, or one conjoined to the verb it is the
    subject of: "police arrested two men and said ..."), or the object of 'according to'?"""
    head = t.head
    if t.dep_ in _SUBJECT_DEPS and any(_is_speech_verb(v) for v in (head, *_conjoined_verbs(head))):
        return True
    return t.dep_ == "pobj" and head.i > 0 and _word(t.doc[head.i - 1]) in _ATTRIBUTION_WORDS  # "according to X"


def _is_speech_verb(t: Token) -> bool:
    return t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in _SPEECH_VERBS


def _conjoined_verbs(verb: Token) -> list[Token]:
    """The predicates that share a verb's subject, having none of their own: those conjoined to it
    ("condemned the attack and said ...") and its participle clauses ("condemned the attack,
    saying ...", "..., vowing to ...")."""
    shared = [c for c in verb.conjuncts if c.i > verb.i]
    shared += [c for c in dependents(verb) if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > verb.i]
    return [c for c in shared if c.pos_ in {"VERB", "AUX"} and not any(d.dep_ in _SUBJECT_DEPS for d in dependents(c))]


_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")


def _unnamed_speaker_kind(t: Token) -> str | None:
    """The kind of actor an unnamed speaker is, by its head noun: a body (or a name the text calls
    one, 'the news site Ynet'), a person, people; a
    title (that the article's named persons did not take, see `_role_mentions`) only with a word
    that is no title word and says whose it is ('the Youth Congress leader', not 'the prime
    minister', which points back to someone the role resolution could not tell)."""
    word, lemma = _word(t), t.lemma_.lower()
    plural = t.tag_ in {"NNS", "NNPS"} or _ACRONYM_PLURAL.fullmatch(t.text) is not None  # "MPs" tagged NN
    if word in _SPEAKING_BODIES or lemma in _SPEAKING_BODIES:
        return ORGANIZATION
    if t.pos_ == "PROPN" and any(c.dep_ == "compound" and c.i < t.i and _word(c) in _SPEAKING_BODIES
                                 for c in dependents(t)):
        return ORGANIZATION  # a name kg does not know, said to be a body's: "television channel Alsumaria"
    if word in _UNNAMED_SPEAKERS or lemma in _UNNAMED_SPEAKERS:
        return GROUP if plural else PERSON
    if word not in _TITLE_HEADS and lemma not in _TITLE_HEADS and not (plural and word.rstrip("s") in _TITLE_HEADS):
        return None  # ("MPs": the lemmatiser keeps "mps")
    if not any(c.dep_ in {"amod", "compound", "poss", "nmod"} and c.i < t.i and c.is_alpha
               and (not is_title_word(c) or (plural and c.ent_type_ in {"NORP", "GPE"})) for c in dependents(t)):
        return None  # (a people or place says whose several: "European leaders"; "the Jordanian premier" is someone)
    return GROUP if plural else PERSON


def _unnamed_speaker_extent(t: Token) -> tuple[int, int]:
    """The words that name an unnamed speaker: the noun with what precedes it in its phrase and
    the phrases after it that say whose it is ('a spokesperson for Cox', 'a source close to the
    residence'), without a relative clause or an apposition."""
    doc = t.doc
    start = t.left_edge.i
    while start < t.i and (doc[start].is_punct or doc[start].tag_ in {"WDT", "WP", "WP$"}):
        start += 1  # "what student groups have called ..."
    end = t.i + 1
    for c in dependents(t):
        if c.i > t.i and c.dep_ in {"prep", "amod"} and c.i == end:
            end = c.right_edge.i + 1
            clauses = [d.left_edge.i for d in c.subtree if d.dep_ in {"relcl", "acl"} and d.left_edge.i > c.i]
            commas = [d.i for d in c.subtree if d.text == ","]
            end = min([end, *clauses, *commas])  # "the mission to Somalia | in which troops ..."
    while end > t.i + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _noun_chunks(doc: Doc) -> Iterator[Span]:
    """spaCy's noun chunks (`doc.noun_chunks`), sentence by sentence, leaving out sentences longer
    than `MAX_CHUNKED_SENTENCE_TOKENS`: spaCy's chunker is quadratic in a long coordinated
    list, and such a sentence is no news prose whose role phrases matter. The language's chunker is
    called on each sentence (`Span.noun_chunks` would chunk the whole text for every sentence)."""
    chunker = doc.noun_chunks_iterator
    if chunker is None:
        raise NotImplementedError(f"no noun chunker for language {doc.lang_!r}")
    for sent in doc.sents:
        if len(sent) <= MAX_CHUNKED_SENTENCE_TOKENS:
            for start, end, label in list(chunker(sent)):
                yield Span(doc, start, end, label=label)


def _count(chunk: Span) -> int:
    numbers = {"two": 2, "three": 3, "four": 4, "both": 2}
    for t in chunk:
        if _word(t) in numbers:
            return numbers[_word(t)]
    return -1


def _role_fits(phrase_role: str, actor_role: str | None) -> bool:
    """Does a role phrase ("diplomat", "secretary of state") describe an actor's role?"""
    if not actor_role:
        return False
    phrase_role, actor_role = phrase_role.strip(), actor_role.strip()
    if phrase_role != actor_role and any(w in _SUBORDINATE_ROLE_WORDS for w in actor_role.split()) and \
            not any(w in _SUBORDINATE_ROLE_WORDS for w in phrase_role.split()):
        return False  # "the First Minister" is not the Deputy First Minister
    if phrase_role == actor_role or actor_role.endswith(" " + phrase_role) or actor_role.startswith(phrase_role + " of"):
        return True
    if phrase_role in (part.strip() for part in actor_role.split(" and ")):
        return True  # "the Tánaiste" of "Tánaiste and Minister for Foreign Affairs X"
    if phrase_role in actor_role.split(" for ")[0] and len(phrase_role.split()) >= 2:
        return True
    *modifiers, head = phrase_role.split()
    if any(w not in _TITLE_WORDS and w not in _TITLE_HEADS for w in modifiers):
        return False  # "the union leader" is no prime minister: a word of its own says whose leader
    if any(w not in _RANK_WORDS and w not in actor_role.split() for w in modifiers):
        return False  # "the commerce minister" is not the industry minister ("the top diplomat" may be any)
    return any(actor_role.startswith(r) or actor_role.endswith(r) for r in _ROLE_CLASSES.get(head, ()))


def mention_root(doc: Doc, mention: Mention) -> Token:
    """The token of a mention whose syntactic head lies outside it: where the mention attaches."""
    for i in range(mention.start, mention.end):
        head = doc[i].head.i
        if head == i or not (mention.start <= head < mention.end):
            return doc[i]
    return doc[mention.head]


def _quoted_tokens(doc: Doc) -> bytearray:
    """1 for every token inside a direct quote (`kg.quotemarks`), 0 elsewhere."""
    quoted = bytearray(len(doc))
    for start, end in quoted_ranges(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            quoted[span.start:span.end] = b"\x01" * len(span)
    return quoted


def _narrative_sentence_numbers(doc: Doc, quoted: bytearray) -> list[int]:
    """The number of each token's sentence, counting only sentences with words outside quotes:
    the sentences of a long quote do not put its speaker out of a pronoun's reach."""
    numbers = [0] * len(doc)
    n = 0
    for sent in doc.sents:
        if not all(quoted[sent.start:sent.end]):
            n += 1
        numbers[sent.start:sent.end] = [n] * len(sent)
    return numbers


def _subject_position(doc: Doc, m: Mention, by_token: dict[int, Mention]) -> tuple[Token, bool]:
    """The token of a mention in its clause, and whether the clause is about it as its subject:
    the subject itself, its apposition ("The country's envoy, Jane Doe, said ..."), the possessor
    of a main clause's subject thing ("President Bach's first visit was to Greece. He ..."), or a
    name right before a main verb the parser left with no subject ("At City Hall, the Mayor,
    Costas Bakoyiannis, presented ...": parsed inside the "At" phrase)."""
    tok = mention_root(doc, m)
    if tok.dep_ in _SUBJECT_DEPS:
        return tok, True
    if tok.dep_ == "appos" and tok.head.dep_ in _SUBJECT_DEPS:
        return tok.head, True
    if _possesses_the_subject(tok, by_token) and tok.head.head.dep_ == "ROOT":
        return tok.head, True
    return tok, _subjectless_verb_after(doc, m)


def _subjectless_verb_after(doc: Doc, m: Mention) -> bool:
    """Is the token after a name (and its comma) a finite main verb with no subject?"""
    i = m.end + (1 if m.end < len(doc) and doc[m.end].text == "," else 0)
    if i >= len(doc):
        return False
    verb = doc[i]
    return verb.dep_ == "ROOT" and verb.tag_ in {"VBD", "VBZ", "VBP"} and \
        not any(c.dep_ in _SUBJECT_DEPS or c.dep_ == "expl" for c in verb.children)


def _possesses_the_subject(tok: Token, by_token: dict[int, Mention]) -> bool:
    """Is a name the possessor of its clause's subject, a thing rather than a person ("Bach's
    first official visit was ...", not "Bach's spokesman said ..." nor "Merkel's husband ...")?"""
    head = tok.head
    if tok.dep_ != "poss" or head.dep_ not in _SUBJECT_DEPS or head.i in by_token or head.ent_type_:
        return False
    lemma = head.lemma_.lower()
    return lemma not in _TITLE_HEADS and lemma not in _UNNAMED_SPEAKERS and lemma not in _KIN_NOUNS \
        and head.pos_ == "NOUN"


def _pronoun_mentions(doc: Doc, actors: dict[str, Actor], mentions: list[Mention], quoted: bytearray) -> list[Mention]:
    """He/she/they resolved to the most recent subject person(s) in the last two sentences. A
    pronoun outside quotes ("“...,” he said") does not stand for a subject inside one: the
    quote's words are the speaker's, whose subjects are the people the speaker talks about."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    sentence_of = _narrative_sentence_numbers(doc, quoted)
    subjects: list[tuple[int, int, tuple[str, ...]]] = []  # (sentence number, token, keys)
    others: list[tuple[int, int, tuple[str, ...]]] = []  # persons named in other roles
    named_subjects: list[int] = []  # where a name other than a country's is a subject, outside quotes
    for m in mentions:
        tok, is_subject = _subject_position(doc, m, by_token)
        if not is_subject and len(m.keys) == 1 and actors[m.keys[0]].kind == PERSON:
            others.append((sentence_of[tok.i], m.head, m.keys))
        if is_subject and not quoted[m.head] and not all(actors[k].kind == COUNTRY for k in m.keys) \
                and not (m.keys and all(actors[k].kind != PERSON for k in m.keys) and _reporting_subject(tok)):
            named_subjects.append(m.head)  # (a body named in what someone reports does not take over: "He said BCA was ...")
        if is_subject and all(actors[k].kind == PERSON for k in m.keys):
            keys = m.keys + tuple(k for c in tok.conjuncts if c.i in by_token for k in by_token[c.i].keys)
            subjects.append((sentence_of[tok.i], m.head, tuple(dict.fromkeys(keys))))
    named_subjects.sort()
    found = []
    chained: dict[int, str] = {}  # subject pronouns resolved so far, which later ones of the same form may follow
    for t in doc:
        number = _THIRD_PERSON.get(t.lower_)
        if number is None or t.pos_ != "PRON":
            continue
        speaker = reported_speaker(t)
        bound = by_token.get(speaker.i) if speaker is not None else None
        if bound is not None and _pronoun_fits(t.lower_, number, bound.keys, actors):
            found.append(Mention(t.i, t.i + 1, t.i, bound.keys, "pronoun"))  # "X said (that) he/it ...": X
            continue
        if speaker is not None and bound is None and speaker.pos_ != "PRON":
            continue  # "The secretary-general said he ...": a speaker kg does not know; never guess
        if number == "it":
            continue  # "it" refers back only as a reported speaker: too often it stands for nothing
        n = sentence_of[t.i]
        # a reported speaker the pronoun does not fit is someone else ("Grace said he ...")
        recent = [s for s in subjects if s[1] < t.i and n - s[0] <= 2 and (bound is None or s[2] != bound.keys)
                  and (quoted[t.i] or not quoted[s[1]])
                  and (s[1] not in chained or _chain_holds(chained[s[1]], s[1], t, named_subjects))]
        if t.tag_ == "PRP$":  # "Hu denounced the attack in his meeting with Singh": this sentence's subject only
            recent = [s for s in recent if t.sent.start <= s[1] < t.i]
        if number == "sg":
            recent = [s for s in recent if len(s[2]) == 1]
            agreeing = [s for s in recent if _gender_agrees(t.lower_, actors[s[2][0]])]
            if len(agreeing) < len(recent) and not agreeing:  # the subject is of the other gender: an object?
                agreeing = [s for s in others if s[1] < t.i and n - s[0] <= 1 and (quoted[t.i] or not quoted[s[1]])
                            and _gender_agrees(t.lower_, actors[s[2][0]], strict=True)]
            recent = agreeing or recent  # a name the gender table gets wrong must not lose its pronoun
        else:
            recent = [s for s in recent if len(s[2]) >= 2]
        if recent and _reported_rival(doc, recent):
            continue  # "A said that B insulted them. He appealed ...": A or B? never guess
        if recent:
            keys = max(recent, key=lambda s: s[1])[2]
            found.append(Mention(t.i, t.i + 1, t.i, keys, "pronoun"))
            if t.dep_ in _SUBJECT_DEPS:  # "A said ... He added ... he said": the chain goes on, by the same pronoun
                subjects.append((n, t.i, keys))
                chained[t.i] = t.lower_
    return _unbound(doc, found)


def _unbound(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Pronouns resolved without breaking English binding: a verb's subject pronoun and its object
    pronoun are two people ("he told him", "she thanked her"), so one resolved to the same actor
    as the other is a guess: neither is kept."""
    by_verb: dict[int, list[Mention]] = defaultdict(list)
    for m in found:
        t = doc[m.head]
        if t.dep_ in _SUBJECT_DEPS or t.dep_ in {"dobj", "dative"}:
            by_verb[t.head.i].append(m)
    clashing = {id(a) for ms in by_verb.values() for a in ms for b in ms
                if a is not b and a.keys == b.keys and (doc[a.head].dep_ in _SUBJECT_DEPS) != (doc[b.head].dep_ in _SUBJECT_DEPS)}
    return [m for m in found if id(m) not in clashing]


def _reported_rival(doc: Doc, recent: list[tuple[int, int, tuple[str, ...]]]) -> bool:
    """Is the nearest candidate the subject of a clause that another candidate of its sentence
    reports ("Mishra said that Ramanujam insulted them")? A pronoun after it may stand for either."""
    best = max(recent, key=lambda s: s[1])
    reporter = _reporting_subject(doc[best[1]])
    return reporter is not None and any(s[1] == reporter.i and s[2] != best[2] for s in recent)


def _reporting_subject(token: Token) -> Token | None:
    """The subject of the speech verb whose reported clause the subject `token` is in, if any."""
    v = token.head if token.dep_ in _SUBJECT_DEPS else token
    for _ in range(4):
        if v.dep_ == "ccomp" and v.head.i != v.i and v.head.lemma_.lower() in _SPEECH_VERBS:
            subject = next((c for c in v.head.children if c.dep_ in _SUBJECT_DEPS), None)
            return subject
        if v.dep_ not in {"conj", "xcomp", "advcl"} or v.head.i == v.i:
            return None
        v = v.head
    return None


def reported_speaker(pronoun: Token) -> Token | None:
    """"The ministry said (that) it condemned ...", "Kay said he had spoken with ...": the subject
    pronoun of a clause reported by a speech verb is bound to that verb's subject, which is how
    English reads it: that subject's token, or None when the pronoun is not in that position."""
    clause = pronoun.head
    if pronoun.dep_ not in _SUBJECT_DEPS or clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return None
    verb = clause.head
    if verb.lemma_.lower() not in _SPEECH_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is not None and subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head  # "Matviyenko, who said he had spoken with ..."
    return subject


def _pronoun_fits(pronoun: str, number: str, keys: tuple[str, ...], actors: dict[str, Actor]) -> bool:
    """He/she: one person of that gender; it: one organisation, country or group; they: several
    actors, or one organisation or group."""
    kinds = [actors[k].kind for k in keys]
    if number == "sg":
        return kinds == [PERSON] and _gender_agrees(pronoun, actors[keys[0]])
    if number == "it":
        return len(kinds) == 1 and kinds[0] != PERSON
    return len(kinds) >= 2 or (len(kinds) == 1 and kinds[0] != PERSON and kinds[0] != "country")


def _chain_holds(pronoun: str, at: int, t: Token, named_subjects: list[int]) -> bool:
    """May pronoun `t` follow the pronoun at `at` to its antecedent? Only the same pronoun, with
    no name but a country's made a subject in between ("He condemned ... “...,” he said" goes on;
    a new subject ends the chain, even one the tagger took for an organisation)."""
    return pronoun == t.lower_ and bisect_left(named_subjects, t.i) == bisect_left(named_subjects, at + 1)


_PRONOUN_GENDER = LEXICON.mapping("pronoun_genders")


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def _gender_agrees(pronoun: str, actor: Actor, strict: bool = False) -> bool:
    """False when the actor's first name is known to be of the other gender; with `strict`,
    True only when it is known to be of the pronoun's gender."""
    wanted = _PRONOUN_GENDER.get(pronoun)
    parts = actor.label.split()
    if wanted is None or len(parts) < 2:
        return not strict
    guess = _gender_detector().get_gender(parts[0].split("-")[0])
    if strict:
        return guess in {wanted, f"mostly_{wanted}"}
    other = "female" if wanted == "male" else "male"
    return guess not in {other, f"mostly_{other}"}
