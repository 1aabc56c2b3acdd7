"""Checks a rule names under `require`: each filters the parties a rule read, or rules them out.

A check takes the candidate and returns it (perhaps with fewer parties) or None. It passes a
candidate with no parties on, so that a noun naming nobody can still point back to a meeting told
before ("the meeting, held on June 27"). A rule may apply a check only `when` its trigger fits
(`{check: person_or_occurrence, when: {LEMMA: {IN: $process_nouns}}}`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Token

from ..actors import PERSON, ActorIndex
from ..lexicon import LEXICON
from .arguments import Arguments

_OCCURRENCE_VERBS = LEXICON.words("occurrence_verbs")
_CONVERSATION_PARTNER_PREPS = LEXICON.words("conversation_partner_preps")
_COUNTABLE_EVENTS = LEXICON.words("countable_event_nouns")
_SEPARATE_CUES = LEXICON.words("separate_cues")
_ANAPHORIC_DETERMINERS = LEXICON.words("anaphoric_determiners")


class Reading(Protocol):
    """What a check reads of the article: its actors and the argument readers."""

    index: ActorIndex
    args: Arguments


@dataclass
class EventCandidate:
    """The parties a rule read: `subjects` (the clause's subject) and `others` (partners); `separate`
    when the text tells one event per partner ("held separate meetings with B and C")."""

    subjects: list[str]
    others: list[str] = field(default_factory=list)
    separate: bool = False

    @property
    def participants(self) -> list[str]:
        return list(dict.fromkeys(self.subjects + self.others))


def _has_subject(x: Reading, c: EventCandidate, trigger: Token) -> EventCandidate | None:
    """The clause must name who acts: 'received B' with no subject found is no meeting."""
    return c if c.subjects else None


def _persons(x: Reading, c: EventCandidate, trigger: Token) -> EventCandidate | None:
    """Both sides are persons: partners that are not are dropped ('visited France' is a trip), and a
    subject that is not rules the candidate out ('the ministry received a letter')."""
    others = [k for k in c.others if _is_person(x, k)]
    if not others or not all(_is_person(x, k) for k in c.subjects):
        return None
    return EventCandidate(c.subjects, others)


def _person_partner(x: Reading, c: EventCandidate, trigger: Token) -> EventCandidate | None:
    """Someone visited must be a person: 'her visit to B' but not 'her visit to France'."""
    parties = c.participants
    return c if not parties or any(_is_person(x, k) for k in parties[1:]) else None


def _person_or_occurrence(x: Reading, c: EventCandidate, trigger: Token) -> EventCandidate | None:
    """A negotiation between parties that are not persons is a process, not a meeting ('the talks
    between Israel and Hamas collapsed'), unless its clause says it took place ('talks were held')."""
    parties = c.participants
    if not parties or any(_is_person(x, k) for k in parties):
        return c
    occurs = trigger.dep_ in {"nsubj", "nsubjpass", "dobj"} and trigger.head.lemma_.lower() in _OCCURRENCE_VERBS
    return c if occurs else None


def _organiser_not_party(x: Reading, c: EventCandidate, trigger: Token) -> EventCandidate:
    """'The NATO summit': one organisation or country before the noun hosts the event, it does
    not take part in it; two ('the EU-China summit') are its parties."""
    organisers = x.args.organisers(trigger)
    return EventCandidate(c.subjects, [k for k in c.others if k not in organisers]) if organisers else c


def _partner_named(x: Reading, c: EventCandidate, trigger: Token) -> EventCandidate:
    """A meeting noun in a time phrase involves the clause's subject only when it names a partner of
    its own ('during talks with B, A said': A met B), or when that subject is several and the noun
    tells a new event ('during a telephone conversation, A and B expressed ...'); 'during the
    meeting, A said' names nobody (and 'the meeting' may be a call told before)."""
    definite = any(d.dep_ == "det" and d.lower_ in _ANAPHORIC_DETERMINERS for d in trigger.children)
    return c if c.others or (len(c.subjects) >= 2 and not definite) else EventCandidate([], [])


def _reciprocal_subject(x: Reading, c: EventCandidate, trigger: Token) -> EventCandidate:
    """With no partner named and no partner phrase, a plural subject are the parties: 'A and B
    spoke by phone' (but 'A and B spoke to reporters' is no call between them)."""
    if c.others or len(c.subjects) < 2:
        return c
    if any(ch.dep_ == "prep" and ch.lower_ in _CONVERSATION_PARTNER_PREPS for ch in trigger.children):
        return c
    return EventCandidate(c.subjects[:1], c.subjects[1:])


def _separate_events(x: Reading, c: EventCandidate, trigger: Token) -> EventCandidate:
    """One event per partner, not one of everyone: a plural event noun ("held meetings with A, B and
    C", "in meetings with the CEOs of X and Y") or a word that says so ("separate talks with",
    "met A and B separately")."""
    plural = trigger.tag_ in {"NNS", "NNPS"} and trigger.lemma_.lower() in _COUNTABLE_EVENTS
    governor = trigger.head if trigger.dep_ in {"dobj", "pobj"} else trigger
    cued = any(w.lower_ in _SEPARATE_CUES for w in (*trigger.children, *governor.children)
               if w.dep_ in {"amod", "advmod"})
    return EventCandidate(c.subjects, c.others, separate=True) if plural or cued else c


def _has_speaker(x: Reading, speaker: list[str], trigger: Token) -> list[str] | None:
    """A claim only with its speaker: 'according to X' with no X found is no claim of anyone's."""
    return speaker or None


def _not_addressee(x: Reading, speaker: list[str], trigger: Token) -> list[str]:
    """A speaker is not whom the words were said to: in 'he told B that ...' a 'he' read as B is a
    misread pronoun, and the claim keeps no speaker rather than the wrong one."""
    return [] if set(speaker) & set(x.args.addressees(trigger)) else speaker


def _is_person(x: Reading, key: str) -> bool:
    return x.index.actor(key).kind == PERSON


@dataclass(frozen=True)
class CheckDef:
    """A check and the family of candidates it reads (events: parties; claims: the speaker)."""

    run: Callable[..., object]
    family: str


CHECKS: dict[str, CheckDef] = {
    "has_subject": CheckDef(_has_subject, "event"),
    "persons": CheckDef(_persons, "event"),
    "person_partner": CheckDef(_person_partner, "event"),
    "person_or_occurrence": CheckDef(_person_or_occurrence, "event"),
    "organiser_not_party": CheckDef(_organiser_not_party, "event"),
    "partner_named": CheckDef(_partner_named, "event"),
    "reciprocal_subject": CheckDef(_reciprocal_subject, "event"),
    "separate_events": CheckDef(_separate_events, "event"),
    "has_speaker": CheckDef(_has_speaker, "asserts"),
    "not_addressee": CheckDef(_not_addressee, "asserts"),
}
