"""Context of an event: its medium, its date and place, and the meeting a sentence goes on telling.

Every meeting or call a rule proposes goes through the same steps here: a conversation whose
verb does not give its medium is a call or a meeting by the words around it ("by phone", "on
the sidelines", a call named earlier in the paragraph); the date and place come from the
trigger's own phrases; "during the meeting, held on June 27, ..." and "they first met alone,
then ..." take the date and place of the meeting told just before.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..dates import normalise
from ..gazetteer import fold
from ..lexicon import LEXICON
from ..records import MET, PHONED, PLANNED_MEETING, SPOKE, Article, Statement
from .quotes import Lines

#: How many sentences back a pointing noun ("the meeting") may look for the meeting it names.
ANAPHOR_REACH = 3
#: How many tokens before a conversation verb are read for a call named earlier in the paragraph.
_MEDIUM_REACH = 80

_W = LEXICON.words
_MEDIUM_PREPS = _W("medium_preps")
_PHONE_CUES = _W("phone_cues")
_IN_PERSON_CUES = _W("in_person_cues")
_PHONE_VERBS = _W("phone_verbs")
_PHONE_NOUNS = _W("phone_nouns")
_MEETING_NOUNS = _W("meeting_nouns")
_MEETING_VERBS = _W("meeting_verbs")
_SIMULTANEITY_MARKS = _W("simultaneity_marks")
_EVENT_NOUNS = _W("event_nouns")
_CALL_NOUNS = _W("call_nouns")
_OCCURRENCE_VERBS = _W("occurrence_verbs")
_ANAPHORIC_DETERMINERS = _W("anaphoric_determiners")
_DAY_POSSESSORS = _W("day_possessors")
_BACKSHIFT_CUES = _W("backshift_cues")
_PERFECT_AUXILIARIES = _W("perfect_auxiliaries")
_TEMPORAL_PREPS = _W("temporal_preps")
_PLACE_PREPS = _W("place_preps")


class EventContext:
    """The context steps of one article, over the statements emitted so far (which it may complete:
    a later "the meeting, held on June 27" dates a meeting already told)."""

    def __init__(self, article: Article, doc: Doc, lines: Lines, statements: list[Statement],
                 subtree: Callable[[Token], list[Token]], is_actor: Callable[[Token], bool],
                 call_noun: Callable[[Token], bool]) -> None:
        self.article = article
        self.doc = doc
        self.lines = lines
        self.statements = statements
        self.subtree = subtree
        self.is_actor = is_actor
        self.call_noun = call_noun  # does a phone-call rule read this noun?
        self._entities: dict[int, SpacySpan] | None = None

    # ------------------------------------------------------------------ medium
    def medium(self, trigger: Token, sent: SpacySpan) -> str:
        """Phone or in person: by the trigger's own "by phone" / "on the sidelines" phrases, else by
        a call named earlier in the same paragraph ("had several phone calls with ... I spoke with")."""
        tops = [trigger, trigger.head] if trigger.pos_ in {"NOUN", "PROPN"} else [trigger]  # "had a chat ... on the sidelines"
        own = [t for top in tops for c in top.children if c.dep_ in {"prep", "agent"} and c.lower_ in _MEDIUM_PREPS
               for p in c.children if p.dep_ == "pobj" for t in (p, *p.children) if t.dep_ in {"pobj", "compound", "amod"}]
        words = {fold(t.text) for t in own}
        if words & _PHONE_CUES:
            return PHONED
        for t in own:  # "In the meeting, A and B discussed ...": the event told before, a call or a meeting
            if t.dep_ == "pobj" and self.points_back(t):
                told = self._event_told_before(sent)
                if told is not None:
                    return told
        if words & _IN_PERSON_CUES or _serves_a_meeting(trigger):
            return MET
        paragraph_start = self.lines.start_of(sent.start_char)
        window = self.doc.char_span(paragraph_start, sent.end_char, alignment_mode="expand") or sent
        for t in self.doc[max(window.start, sent.start - _MEDIUM_REACH):trigger.i]:
            if _names_a_call(t):
                return PHONED
        return SPOKE

    # ------------------------------------------------------------------ date and place
    def when_and_where(self, relation: str, keys: list[str], trigger: Token,
                       sent: SpacySpan) -> tuple[str | None, str | None, str | None]:
        """(normalised date, date as written, place) of an event, from its own phrases or from the
        meeting it goes on telling."""
        date_text, place = self._date(trigger), self._place(trigger)
        pointer = self._pointing_phrase(trigger)
        if pointer is not None:  # "During the meeting, held on May 14, they discussed ...": that meeting
            date_text, place = date_text or self._date(pointer), place or self._place(pointer)
            earlier = self.meeting_pointed_at(pointer, sent)
            if earlier is not None:
                date_text = date_text or self.statements[earlier].date_text
                place = place or self.statements[earlier].place
        elif date_text is None and place is None and not self._backshifted(trigger):
            earlier_statement = self._told_just_before(relation, keys, sent)
            if earlier_statement is not None:  # "A and B met in Oslo on Monday. They first met alone, then ..."
                date_text, place = earlier_statement.date_text, earlier_statement.place
        date = normalise(date_text, self.article.date) if date_text else None
        return date, date_text, place

    def point_back(self, noun: Token, sent: SpacySpan) -> None:
        """A meeting noun with no participants of its own that points back to a meeting already
        told ("During the meeting, held on June 27, ..."): its date and place complete that meeting."""
        if not self.points_back(noun):
            return
        date_text, place = self._date(noun), self._place(noun)
        n = self.meeting_pointed_at(noun, sent) if date_text or place else None
        if n is not None:
            s = self.statements[n]
            date_text = s.date_text or date_text
            self.statements[n] = replace(s, date_text=date_text, place=s.place or place,
                                         date=s.date or (normalise(date_text, self.article.date) if date_text else None))

    def planned_meeting_held(self, noun: Token, sent: SpacySpan) -> list[str]:
        """The participants of a meeting told as planned, when a pointing noun says it took place:
        "A and B will hold monthly meetings. The first meeting was held yesterday." (the latest
        meeting told within `ANAPHOR_REACH` sentences must be that planned one)."""
        if not self.points_back(noun) or noun.dep_ not in {"nsubj", "nsubjpass"} or \
                noun.head.lemma_.lower() not in _OCCURRENCE_VERBS:
            return []
        earliest = self._reach_back(sent, ANAPHOR_REACH)
        for s in reversed(self.statements):
            if s.sentence.start < earliest.start_char:
                break
            if s.relation in {MET, PHONED}:
                return []  # the latest meeting told took place already: "the meeting" is that one
            if s.relation == PLANNED_MEETING and s.sentence.start < sent.start_char:
                return [a.key for a in s.participants]
        return []

    def _participle_after(self, noun: Token) -> list[Token]:
        """"The meeting, held on June 27, ...": a participle of occurrence right after the noun,
        which the parser often hangs on the main verb instead."""
        at = noun.i + 1
        if at < noun.sent.end and self.doc[at].text == ",":
            at += 1
        if at < noun.sent.end and self.doc[at].tag_ == "VBN" and self.doc[at].lemma_.lower() in _OCCURRENCE_VERBS:
            return [self.doc[at]]
        return []

    def _backshifted(self, trigger: Token) -> bool:
        """Does the trigger's clause move to another time ("had met", "met again", "previously")?"""
        verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
        words = [c for c in verb.children if c.dep_ in {"advmod", "aux", "npadvmod"}]
        perfect = any(c.lower_ in _PERFECT_AUXILIARIES and c.dep_ == "aux" for c in words) and verb.tag_ == "VBN"
        return perfect or any(c.lower_ in _BACKSHIFT_CUES for c in words)

    def _told_just_before(self, relation: str, keys: list[str], sent: SpacySpan) -> Statement | None:
        """The dated or placed meeting of the previous sentence in the same paragraph that this one
        goes on telling: same relation and at least two of the same participants."""
        previous = self._sentence_before(sent)
        if previous is None or self.lines.start_of(previous.start_char) != self.lines.start_of(sent.start_char):
            return None
        for s in reversed(self.statements):
            if s.sentence.start < previous.start_char:
                break
            shared = {a.key for a in s.participants} & set(keys)
            if s.relation == relation and s.sentence.start < sent.start_char and len(shared) >= 2 \
                    and (s.date_text or s.place):
                return s
        return None

    def _reach_back(self, sent: SpacySpan, reach: int) -> SpacySpan:
        """The sentence `reach` sentences before `sent` (the first one, if the text starts sooner)."""
        earliest = sent
        for _ in range(reach):
            before = self._sentence_before(earliest)
            if before is None:
                break
            earliest = before
        return earliest

    def _sentence_before(self, sent: SpacySpan) -> SpacySpan | None:
        if sent.start == 0:
            return None
        return self.doc[sent.start - 1].sent

    def points_back(self, noun: Token) -> bool:
        """"the meeting", "this call": a definite meeting noun that names no participant of its own."""
        if noun.lemma_.lower() not in _EVENT_NOUNS:
            return False
        doc = noun.doc
        day_before = noun.i >= 2 and doc[noun.i - 1].tag_ == "POS" and doc[noun.i - 2].lower_ in _DAY_POSSESSORS
        if not day_before and not any((c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETERMINERS)
                                      or (c.dep_ == "poss" and c.lower_ in _DAY_POSSESSORS) for c in noun.children):
            return False  # "the meeting", "this call", "yesterday's call" (however the parser hung "yesterday")
        return not any(self.is_actor(t) for c in noun.children if c.dep_ != "det" for t in self.subtree(c))

    def _pointing_phrase(self, trigger: Token) -> Token | None:
        """A pointing meeting noun in the trigger's time phrase: "during the meeting", "at the talks"."""
        if trigger.pos_ not in {"VERB", "AUX"}:
            return None
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in _TEMPORAL_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj" and self.points_back(p):
                        return p
        return None

    def participants_pointed_at(self, noun: Token) -> list[str]:
        """The participants of the meeting a pointing noun names ("attended the meeting"): the
        latest one told before, however far back (an article that tells an audience and then who
        attended it may list the guests first)."""
        n = self.meeting_pointed_at(noun, noun.sent, reach=None) if self.points_back(noun) else None
        if n is None:
            return []
        told = self.statements[n]  # with the other pairs the same words told ("on the phone with B, with C ...")
        pairs = [s for s in self.statements if s.relation == told.relation and s.rule == told.rule
                 and s.sentence == told.sentence]
        return list(dict.fromkeys(a.key for s in pairs for a in s.participants))

    def meeting_pointed_at(self, noun: Token, sent: SpacySpan, reach: int | None = ANAPHOR_REACH) -> int | None:
        """The index of the latest meeting (or call, for a call noun) told in this or the `reach`
        sentences before (None: anywhere before), which a pointing noun names."""
        relation = PHONED if self.call_noun(noun) or noun.lemma_.lower() in _CALL_NOUNS else MET  # "joined the call"
        first_char = 0 if reach is None else self._reach_back(sent, reach).start_char
        for n in range(len(self.statements) - 1, -1, -1):
            s = self.statements[n]
            if s.sentence.start < first_char:
                break
            if s.relation == relation and s.sentence.start <= sent.start_char:  # (this sentence's: told earlier in it)
                return n
        return None

    def _event_told_before(self, sent: SpacySpan) -> str | None:
        """The relation (met or phoned) of the latest meeting or call told before this sentence,
        within `ANAPHOR_REACH` sentences."""
        earliest = self._reach_back(sent, ANAPHOR_REACH)
        for s in reversed(self.statements):
            if s.sentence.start < earliest.start_char:
                break
            if s.relation in {MET, PHONED} and s.sentence.start < sent.start_char:
                return s.relation
        return None

    def _date(self, trigger: Token) -> str | None:
        for t in self._context(trigger):
            if t.ent_type_ == "DATE" and t.dep_ in {"pobj", "npadvmod", "nmod", "compound"}:
                ent = self._entity_at(t)
                if ent is not None:
                    return ent.text
        return None

    def _place(self, trigger: Token) -> str | None:
        for t in self._context(trigger):
            if t.dep_ == "pobj" and t.head.lower_ in _PLACE_PREPS and t.ent_type_ in {"GPE", "FAC", "LOC", "ORG"}:
                ent = self._entity_at(t)
                if ent is not None:
                    return ent.text
        return None

    def _entity_at(self, token: Token) -> SpacySpan | None:
        """The named entity a token is part of, from a table built once: `doc.ents` builds every
        entity of the text anew, too slow to ask for each meeting of a long article."""
        if self._entities is None:
            self._entities = {i: e for e in self.doc.ents for i in range(e.start, e.end)}
        return self._entities.get(token.i)

    def _context(self, trigger: Token) -> list[Token]:
        """Tokens in the trigger's own phrases and, for a noun, in its governing verb's phrases;
        also those of a meeting noun that is the verb's subject ("a session in Oslo brought together
        A and B") and of a clause saying when or where a meeting was held ("the talks, held in Oslo")."""
        tops = [trigger]
        if trigger.pos_ in {"NOUN", "PROPN"} and trigger.head.i != trigger.i:
            tops.append(trigger.head)
        tops += [c for c in trigger.children if c.dep_ == "dobj"]  # "met B in Lima": the parser hangs it on B
        tops += [c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in _MEETING_NOUNS]
        for top in list(tops):
            if top.lemma_.lower() in _MEETING_NOUNS:
                tops += [c for c in top.children if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in _OCCURRENCE_VERBS]
                tops += self._participle_after(top)
        tokens = []
        for top in tops:
            for c in top.children:
                if c.dep_ in {"prep", "npadvmod", "nmod", "compound"}:
                    tokens.extend(self.subtree(c))
        return tokens


def _serves_a_meeting(trigger: Token) -> bool:
    """"A and B met on Monday to discuss trade": a conversation that is a meeting's purpose; "A
    discussed politics with B when they met": one the meeting's clause times."""
    return (trigger.dep_ == "advcl" and trigger.head.lemma_.lower() in _MEETING_VERBS) or any(
        c.dep_ == "advcl" and c.lemma_.lower() in _MEETING_VERBS
        and any(m.dep_ in {"advmod", "mark"} and m.lower_ in _SIMULTANEITY_MARKS for m in c.children)
        for c in trigger.children)  # (not "spoke with B before they met")


def _names_a_call(token: Token) -> bool:
    """A word that names a telephone contact: "a phone call", "telephone conversations", "phoned"."""
    if token.lemma_.lower() in _PHONE_VERBS and token.pos_ == "VERB":
        return True
    return token.dep_ in {"compound", "amod"} and fold(token.text) in _PHONE_CUES \
        and token.head.lemma_.lower() in _PHONE_NOUNS
