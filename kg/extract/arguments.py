"""Arguments: who and what a matched rule is about, read off the parse.

A rule names its argument readers by role (`subject: [subject]`, `others: [objects,
with_phrases]`, `target: object`); this module holds them (`READERS`). Every reader goes
through the same expansion of a word to the actors it stands for: coordination ("A and B"),
appositions ("his counterpart B"), lists the parser broke ("between A, B and C"), relative
pronouns ("the minister, who met ..."), "I"/"we" inside a quote (its speaker), "Russia's
government" (the country). Names used as places ("met in Washington") or as someone's
affiliation ("the leaders of Armenia") are not participants.

Readers of actors return actor keys; readers of phrases (a condemned target, a claim's text)
return the token that heads the phrase, or a token range where the phrase is not one subtree.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from ..actors import (ActorIndex, Mention, dependents, organisation_pronoun_speaker, reported_speaker,
                      statement_owner, unnamed_pronoun_speaker)
from ..gazetteer import fold
from ..lexicon import LEXICON
from .quotes import QuoteIndex
from .realis import means_of_passive
from .spans import trimmed

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "acl", "csubj", "parataxis"})
#: Dependencies through which a name belongs to the phrase of its head ("in Vienna and Geneva").
_PHRASE_DEPS = frozenset({"compound", "conj", "appos"})
#: Dependencies of a noun's modifiers that can name participants ("the Lula-Macron summit", "her talks").
_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})

_W = LEXICON.words
_RELATIVE_PRONOUNS = _W("relative_pronouns")
_PLURAL_PRONOUNS = _W("plural_pronouns")
_BODY_PRONOUNS = frozenset({"it", "they"})  # what a body that spoke is called in what it said
_REACTION_NOUNS = _W("reaction_nouns")
_COPULAR_PARTNER_PREPS = frozenset({"to", "with"})  # "A's call was to B", "A's first meeting was with B"
_GOVERNMENT_NOUNS = _W("government_nouns")
_FIRST_PERSON = _W("first_person_pronouns")
_JOINING_VERBS = _W("joining_verbs")
_LOCATIVE_PREPS = _W("locative_preps")
_MEETING_NOUNS = _W("meeting_nouns")
_VERB_PARTNER_PREPS = _W("verb_partner_preps")
_NOUN_PARTNER_PREPS = _W("noun_partner_preps")
_ATTENDANCE_VERBS = _W("attendance_verbs")
_SEQUENCE_CUES = _W("sequence_cues")
_LIST_CONNECTORS = _W("list_connectors")
_LIST_COORDINATORS = _W("list_coordinators")
_ACCOMPANIMENT_PREPS = _W("accompaniment_preps")
_ACCOMPANIMENT_ADVERBS = _W("accompaniment_adverbs")
_AFFILIATION_PREPS = _W("affiliation_preps")
_LIGHT_VERBS = _W("light_verbs")
_AGENT_PREPS = _W("agent_preps")
_TITLE_HEADS = _W("title_heads")
_REPRESENTATIVES = _W("representative_nouns")
_DELEGATION_NOUNS = _W("delegation_nouns")
_LEADING_VERBS = _W("leading_verbs")
_STATEMENT_NOUNS = _W("statement_nouns")
_TIME_PHRASE_PREPS = _W("time_phrase_preps")
_ADDRESSED_OBJECT_VERBS = _W("addressed_object_verbs")
_ADDRESSED_TO_VERBS = _W("addressed_to_verbs")
_ADDRESSEE_PREPS = _W("addressee_preps")
_QUOTING_VERBS = _W("quoting_verbs")
_SPEECH_VERBS = _W("speech_verbs")
_ADDRESSING_VERBS = _W("addressing_verbs")
_DESCRIPTION_PREPS = _W("target_cut_preps")
#: Dependencies of a speech verb's addressee: "told B", "gave B the news".
_ADDRESSEE_DEPS = frozenset({"dobj", "dative"})
#: Dependencies of a reporting verb that must have a subject of its own (not shared with another verb).
_REPORTING_DEPS = frozenset({"ROOT", "ccomp", "parataxis"})
#: Marks after which a reporting verb may come before its subject ("“...”, added the FA"), and which
#: may stand between a subject and its verb ("Mr. Bassey, said ...", 'UN Security Council “reiterated').
_INVERSION_MARKS = frozenset({",", "”", '"', "“", "’"})
#: The longest bracketed acronym after a name, in tokens ("(NASA)", "(M-L)").
_ACRONYM_TOKENS = 6


@dataclass(frozen=True)
class TokenRange:
    """A phrase that is not one subtree: tokens [start, end)."""

    start: int
    end: int


class Arguments:
    """The argument readers of one article, with the walks up the parse they remember: a list of
    thousands of names is one long conj chain, and walking it anew for every name would be
    quadratic."""

    def __init__(self, doc: Doc, index: ActorIndex, quotes: QuoteIndex,
                 told: Callable[[Token], list[str]] = lambda noun: []) -> None:
        self.doc = doc
        self.index = index
        self.quotes = quotes
        self.told = told  # the participants of the meeting told before that a noun points back to
        self._phrase_heads: dict[int, Token] = {}
        self._in_clause: dict[tuple[int, int], bool] = {}
        self._list_tops: dict[int, int] = {}

    # ------------------------------------------------------------------ actors of one token
    def keys(self, token: Token) -> tuple[str, ...]:
        """Actors a token stands for: its mention, else those it stands in for (a government, the
        representatives of bodies, a statement, "we" in a quote)."""
        m = self.index.at(token)
        if m is not None:
            return m.keys
        for stand_in in (self._government, self._represented, self._leaders, self._issuer, self.quote_speaker):
            found = stand_in(token)
            if found:
                return found
        return ()

    def _government(self, token: Token) -> tuple[str, ...]:
        """"Russia's government", "the Japanese authorities": the country acting."""
        if token.lower_ in _GOVERNMENT_NOUNS:
            for c in token.children:
                owner = self.index.at(c) if c.dep_ in {"poss", "amod", "compound"} else None
                if owner is not None and all(self.index.actor(k).kind == "country" for k in owner.keys):
                    return owner.keys
        return ()

    def _represented(self, token: Token) -> tuple[str, ...]:
        """"The leaders of Armenia and Azerbaijan met", "met the CEOs of OpenAI": the people who hold
        that role for each body where the article names them, else the bodies acting through them."""
        if token.tag_ not in {"NNS", "NNPS"} or token.lemma_.lower() not in _REPRESENTATIVES:
            return ()
        return tuple(dict.fromkeys(k for c in token.children if c.dep_ == "prep" and c.lower_ in _AFFILIATION_PREPS
                                   for p in c.children if p.dep_ == "pobj" for t in (p, *p.conjuncts)
                                   for k in self.acting_for(t, self.keys(t))))

    def _leaders(self, token: Token) -> tuple[str, ...]:
        """"met a delegation of scientists led by X", "a team headed by X met B": whoever leads it."""
        if token.lemma_.lower() not in _DELEGATION_NOUNS:
            return ()
        members = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                   for p in c.children if p.dep_ == "pobj"]  # "a delegation of scientists | led by X"
        return tuple(dict.fromkeys(k for n in (token, *members) for v in n.children
                                   if v.dep_ == "acl" and v.lemma_.lower() in _LEADING_VERBS
                                   for c in v.children if c.dep_ == "agent"
                                   for p in c.children if p.dep_ == "pobj" for k in self.with_conjuncts(p)))

    def _list_top(self, token: Token) -> Token:
        """The first item of the coordination a token is in (itself when none), remembered along
        the way, so that reading every item of a long list stays linear."""
        path = []
        t = token
        while t.dep_ == "conj" and t.head.i != t.i and t.i not in self._list_tops:
            path.append(t.i)
            t = t.head
        top = self.doc[self._list_tops.get(t.i, t.i)]
        for i in path:
            self._list_tops[i] = top.i
        return top

    def acting_for(self, body: Token, keys: tuple[str, ...]) -> tuple[str, ...]:
        """The people who act for the bodies a representative noun's "of" phrase names ("the leaders
        of Armenia": Armenia's prime minister, where the article names the one), else the bodies."""
        t = self._list_top(body)
        rep = t.head.head if t.dep_ == "pobj" and t.head.lower_ in _AFFILIATION_PREPS else None
        if rep is None or rep.tag_ not in {"NNS", "NNPS"} or rep.lemma_.lower() not in _REPRESENTATIVES:
            return keys
        return tuple(self.index.holder(rep.lemma_.lower(), k) or k for k in keys)

    def _issuer(self, token: Token) -> tuple[str, ...]:
        """"A statement by ECOWAS condemned ...", "Ban's statement said ...": the statement's owner."""
        if token.lemma_.lower() not in _STATEMENT_NOUNS:
            return ()
        owner = statement_owner(token, self.index)
        return (owner,) if owner is not None else ()

    def quote_speaker(self, token: Token) -> tuple[str, ...]:
        """"I"/"we" inside a quote: its speaker, or the body the speaker speaks for."""
        if token.lower_ in _FIRST_PERSON:
            q = self.quotes.at(token.idx)
            if q and q.speaker:
                return q.speaker
        return ()

    def with_conjuncts(self, token: Token) -> list[str]:
        """Actors of a token, its coordinated tokens and their appositions ("his counterpart X"), and
        those it acts together with ("A, together with B,", "A, along with B,")."""
        keys: list[str] = []
        for t in [token, *token.conjuncts]:
            own = self.keys(t)
            keys.extend(own)
            appositions = [c for c in t.children if c.dep_ == "appos"] or self._adjacent_apposition(t)
            if not own:
                keys.extend(k for c in appositions for k in self.keys(c))
                if not appositions:
                    keys.extend(self._titled_holder(t))
            else:
                keys.extend(k for c in appositions for k in self._second_person(c, own))
            # "US President | Barack Obama and King Abdullah": the title heads, its name is an
            # apposition and the one coordinated with the name is coordinated with the whole
            keys.extend(k for c in appositions for cc in c.conjuncts for k in self.keys(cc))
            keys.extend(k for c in t.children if c.dep_ == "nmod" and self._coordinated_name(c, t)
                        for k in self._second_person(c, own))
            keys.extend(k for p in self._accompanying(t) for k in self.with_conjuncts(p))
        return list(dict.fromkeys(keys))

    def _titled_holder(self, title: Token) -> tuple[str, ...]:
        """The person a title's 'of' phrase ends in, misparsed for an apposition: "the President of
        the European Commission von der Leyen" (the name taken for the Commission's)."""
        if fold(title.lower_) not in _TITLE_HEADS:
            return ()
        for c in title.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    m = self.index.at(p) if p.dep_ == "pobj" else None
                    if m is not None and m.head == p.i and m.how == "name" and self.index.all_people(m.keys):
                        return m.keys
        return ()

    def _adjacent_apposition(self, noun: Token) -> list[Token]:
        """A person's name right after a title noun and a comma that the parser hung elsewhere
        ("a call from his Jordanian counterpart, Hany Mulki, who ..."): the apposition it is."""
        doc = self.doc
        if fold(noun.lower_) not in _TITLE_HEADS or noun.i + 2 >= len(doc) or doc[noun.i + 1].text != ",":
            return []
        m = self.index.at(noun.i + 2)
        if m is None or m.start != noun.i + 2 or m.how != "name" or not self.index.all_people(m.keys):
            return []
        head = doc[m.head]
        return [] if head.dep_ in {"nsubj", "nsubjpass"} else [head]  # not "met the envoy, Smith said"

    def _coordinated_name(self, modifier: Token, name: Token) -> bool:
        """Is a name the parser hung as a modifier of a later name in fact coordinated with it, an
        "and" between them ("Tiaty MP William Kamket and Moiben MP Silas Tiren")?"""
        if modifier.i > name.i:
            return False
        between = self.doc[modifier.i + 1:name.i]
        return any(w.lower_ == "and" and w.dep_ == "cc" for w in between) and not any(w.text == "," for w in between)

    def _second_person(self, apposition: Token, own: tuple[str, ...]) -> tuple[str, ...]:
        """A person's name hung as an apposition of another person's name is a misparsed
        coordination ("President Erdogan and the founder of Tesla Elon Musk"): the second person."""
        m = self.index.at(apposition)
        if m is None or m.head != apposition.i or m.how != "name" or set(m.keys) & set(own):
            return ()
        return m.keys if self.index.all_people((*m.keys, *own)) else ()

    @staticmethod
    def _accompanying(token: Token) -> list[Token]:
        """The objects of a "together with" / "along with" / "alongside" phrase on a token."""
        found: list[Token] = []
        for c in token.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ in _ACCOMPANIMENT_PREPS and any(a.lower_ in _ACCOMPANIMENT_ADVERBS for a in c.children):
                found += [p for p in c.children if p.dep_ == "pobj"]  # "together with B"
            elif c.lower_ in _ACCOMPANIMENT_ADVERBS:  # "along with B", "alongside B"
                found += [p for w in c.children if w.dep_ in {"prep", "pobj"}
                          for p in ([w] if w.dep_ == "pobj" else w.children) if p.dep_ == "pobj"]
        return found

    def subject_keys(self, verb: Token) -> list[str]:
        """The subject of a verb, through xcomp/conj/advcl chains when it has none of its own;
        a relative pronoun stands for the noun its clause hangs off ("the minister, who met ...")."""
        v = verb
        for _ in range(4):
            subjects = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and all(c.lower_ in _RELATIVE_PRONOUNS for c in subjects) and v.dep_ == "relcl":
                return self.with_conjuncts(v.head)
            if subjects and v.dep_ == "advcl" and all(c.lower_ in _PLURAL_PRONOUNS and self.index.at(c) is None
                                                      for c in subjects):
                return self._clause_parties(v.head)  # "A discussed politics with B when they met"
            if subjects:  # with those the verb says the subject acts along with ("A joined, along with B, ...")
                keys = [k for c in subjects for k in self.with_conjuncts(c)]
                keys += [k for p in self._accompanying(v) for k in self.with_conjuncts(p)]
                return list(dict.fromkeys(keys))
            if v.dep_ == "conj" and v.lemma_.lower() in _SPEECH_VERBS and v.head.dep_ == "ccomp" and \
                    v.head.head.lemma_.lower() in _SPEECH_VERBS:
                v = v.head.head  # "A says X threatens Y and says Z": the second "says" is A's, hung inside
                continue
            if v.dep_ in {"xcomp", "conj", "advcl", "acomp"} and v.head.i != v.i:
                v = v.head
                continue
            infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children)
            if v.dep_ == "relcl" and not (infinitive and not self.keys(v.head)):
                return self.with_conjuncts(v.head)
            if v.dep_ in {"acl", "relcl"} and (v.tag_ != "VBN" or infinitive):
                # "X, condemning ...", "issued a statement condemning ...", "the first to be received by";
                # but a past participle's noun is what it acts on: "a roundtable convened by X"
                head = v.head
                if self.keys(head):
                    return self.with_conjuncts(head)
                if head.dep_ in {"dobj", "pobj", "attr"}:  # "X became the first head of state to be ..."
                    v = head.head if head.dep_ in {"dobj", "attr"} else head.head.head
                    continue
            if v.dep_ == "pcomp" and v.head.dep_ == "prep":  # "joined B in condemning", "after meeting B"
                governor = v.head.head
                if governor.dep_ == "dobj" and governor.pos_ == "NOUN" and v.head.lower_ in _TIME_PHRASE_PREPS:
                    governor = governor.head  # "rejected the plan | on meeting B": hung on the object
                quoted = [c for c in dependents(governor) if c.dep_ == "dobj"]
                if governor.lemma_.lower() in _QUOTING_VERBS and quoted:  # "the agency quoted B as saying"
                    return list(dict.fromkeys(k for c in quoted for k in self.with_conjuncts(c)))
                keys = self.subject_keys(governor)
                if governor.lemma_.lower() in _JOINING_VERBS:
                    keys += [k for c in governor.children if c.dep_ == "dobj" for k in self.with_conjuncts(c)]
                return list(dict.fromkeys(keys))
            break
        return []

    def _clause_parties(self, verb: Token) -> list[str]:
        """Everyone a clause names as acting together: its subject, objects and 'with' phrases
        ("A discussed politics with B and C"), when that is several."""
        keys = self.subject_keys(verb)
        keys += [k for c in verb.children if c.dep_ == "dobj" for k in self.with_conjuncts(c)]
        keys += [k for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                 for p in c.children if p.dep_ == "pobj" for k in self.with_conjuncts(p)]
        keys = list(dict.fromkeys(keys))
        return keys if len(keys) >= 2 else []

    def speaker_keys(self, verb: Token) -> list[str]:
        """Who said what a speech verb reports: its subject's actors (`subject_keys`), else the
        body an 'it' stands for ('the ministry urged ... it said'), else the unnamed speaker its
        subject names ('a diplomatic source said', 'police said', 'the statement added')."""
        keys = self.subject_keys(verb)
        if keys:
            return keys
        v = verb
        for _ in range(4):
            subjects = [c for c in dependents(v) if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects:
                it = [k for c in subjects if (k := organisation_pronoun_speaker(c, self.index)
                                              or unnamed_pronoun_speaker(c, self.index))]
                return it or self.unnamed_speakers(subjects)
            if v.dep_ not in {"xcomp", "conj", "advcl"} or v.head.i == v.i:
                break
            v = v.head
        return self.misparsed_speaker(verb)

    def misparsed_speaker(self, verb: Token) -> list[str]:
        """The speaker of a reporting verb the parser left with no subject at all: the name after
        it when it follows a quote or a comma ("“...”, added the FA": the inverted subject, read as
        an object), else the name that ends right before it, past a bracketed acronym, a quote mark
        or a comma ("..., the National Aeronautics and Space Administration (NASA) said"). A verb
        of a clause that shares its subject (conjoined, controlled, a participle) has none to find."""
        if not self._subjectless(verb):
            return []
        keys = [k for c in self._inverted_subjects(verb) for k in self.with_conjuncts(c)]
        if keys:
            return keys
        before = self._previous_word(verb.i)
        if before is not None and before.text == ")":
            opening = next((t for t in reversed(self.doc[max(0, before.i - _ACRONYM_TOKENS):before.i])
                            if t.text == "("), None)
            before = None if opening is None else self._previous_word(opening.i)
        if before is not None and before.text in _INVERSION_MARKS:
            before = self._previous_word(before.i)
        m = None if before is None else self.index.at(before)
        return list(m.keys) if m is not None and m.how != "pronoun" and m.end == before.i + 1 else []

    @staticmethod
    def _subjectless(verb: Token) -> bool:
        """A reporting verb with no subject, though its clause needs one of its own."""
        return verb.dep_ in _REPORTING_DEPS and not any(c.dep_ in SUBJECT_DEPS | {"expl"} for c in dependents(verb))

    def _inverted_subjects(self, verb: Token) -> list[Token]:
        """The subject of a subjectless reporting verb after a quote or a comma, which the parser
        read as its object: "“...”, added the FA"."""
        if not self._subjectless(verb) or verb.lemma_.lower() in _ADDRESSING_VERBS:
            return []
        before = self._previous_word(verb.i)
        if before is None or before.text not in _INVERSION_MARKS:
            return []
        return [c for c in dependents(verb) if c.dep_ in {"dobj", "attr"} and c.i > verb.i]

    def _previous_word(self, i: int) -> Token | None:
        """The token before token i that is not blank, in i's sentence."""
        j = i - 1
        while j >= self.doc[i].sent.start and self.doc[j].is_space:
            j -= 1
        return self.doc[j] if j >= self.doc[i].sent.start else None

    def unnamed_speakers(self, nouns: list[Token], acting: bool = False) -> list[str]:
        """The unnamed speakers some nouns and their conjuncts name (`ActorIndex.unnamed_speaker`);
        `acting`: the nouns are a verb's agents, whatever the verb."""
        found = (self.index.unnamed_speaker(t, acting) for n in nouns for t in [n, *n.conjuncts])
        return list(dict.fromkeys(k for k in found if k))

    def addressees(self, verb: Token) -> list[str]:
        """Whom a speech verb's words were said to: 'told B', 'said to B' (not an inverted subject
        the parser read as an object: "“...”, added the FA")."""
        inverted = {c.i for c in self._inverted_subjects(verb)}
        keys = [k for c in dependents(verb) if c.dep_ in _ADDRESSEE_DEPS and c.i not in inverted
                for k in self.with_conjuncts(c)]
        keys += [k for c in dependents(verb) if c.dep_ == "prep" and c.lower_ in _ADDRESSEE_PREPS
                 for p in dependents(c) if p.dep_ == "pobj" for k in self.with_conjuncts(p)]
        return keys

    # ------------------------------------------------------------------ phrases and lists
    def subtree(self, token: Token) -> list[Token]:
        """`token.subtree`, in the same order, in time linear in its size. spaCy's nests one
        generator per level of the tree and scans a token's whole extent for its children, which
        is quadratic down a chain of thousands of coordinated names."""
        found: list[Token] = []
        stack: list[tuple[Token, bool]] = [(token, False)]
        while stack:
            t, ready = stack.pop()
            if ready:
                found.append(t)
                continue
            kids = dependents(t)
            stack.extend((k, False) for k in reversed(kids) if k.i > t.i)  # right dependents, last first
            stack.append((t, True))
            stack.extend((k, False) for k in reversed(kids) if k.i < t.i)  # then the left ones
        return found

    def is_place(self, token: Token) -> bool:
        """A name used as the place of something ("in Washington"), not as a participant (nor a person
        the parser coordinated with a place: "A from the United States and B from India")."""
        m = self.index.at(token)
        if token.dep_ == "conj" and m is not None and self.index.all_people(m.keys):
            return False
        head = self._phrase_head(token)
        return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS

    def _phrase_head(self, token: Token) -> Token:
        """The token heading the phrase a token is part of, up through compounds, conjuncts and
        appositions; remembered for every token passed on the way (linear over a whole list)."""
        path: list[int] = []
        t = token
        while t.i not in self._phrase_heads and t.dep_ in _PHRASE_DEPS and t.head.i != t.i:
            path.append(t.i)
            t = t.head
        head = self._phrase_heads.get(t.i, t)
        for i in path:
            self._phrase_heads[i] = head
        return head

    def inside_clause(self, token: Token, top: Token) -> bool:
        """Is a token inside a clause of its own below `top` (a relative or complement clause),
        whose names are not `top`'s arguments? Answers are remembered for every token on the
        path up, so asking for each name of a long list stays linear."""
        path: list[int] = []
        t = token
        answer = False
        while t.i != top.i and t.head.i != t.i:
            known = self._in_clause.get((top.i, t.i))
            if known is not None:
                answer = known
                break
            if t.dep_ in CLAUSE_DEPS:
                answer = True
                break
            path.append(t.i)
            t = t.head
        for i in path:
            self._in_clause[(top.i, i)] = answer
        return answer

    def is_affiliation(self, token: Token) -> bool:
        """A name that says whose someone is, not who takes part: "the leaders of Armenia", "Saudi
        Arabia's crown prince", "US Ambassador X", "IOC honorary member X", "GMB union General
        Secretary X" (a role the article does not resolve to a person names no one)."""
        if token.dep_ == "nmod" and self._coordinated_name(token, token.head):
            return False  # "received by Tiaty MP William Kamket and Moiben MP Silas Tiren": both
        if token.dep_ in _MODIFIER_DEPS:
            return self._modifies_a_person(token, self.index.at(token))
        if token.dep_ != "pobj" or token.head.lower_ not in _AFFILIATION_PREPS:
            return False
        holder = token.head.head
        if holder.tag_ in {"NNS", "NNPS"} and holder.lemma_.lower() in _REPRESENTATIVES:
            return False  # "met the CEOs of OpenAI and Anthropic": the bodies, through their people
        own = self.index.at(token)
        if fold(holder.lower_) in _TITLE_HEADS and own is not None and \
                self.index.all_people(own.keys):
            return False  # "the leader of the Venezuelan opposition Henrique Capriles": the leader himself
        return self.index.at(holder) is None and fold(holder.text) not in _MEETING_NOUNS and (
            holder.pos_ == "NOUN" or fold(holder.lower_) in _TITLE_HEADS)  # "the President of Venezuela @X"

    def _modifies_a_person(self, token: Token, own: Mention | None) -> bool:
        """Does a modifier (possessor, compound) belong to a title, or to another actor's name, up
        its chain of heads through the noun phrase ("IOC -> member -> Nikolaou")?"""
        t = token
        for _ in range(8):
            head = t.head
            if head.i == t.i:
                return False
            m = self.index.at(head)
            if m is not None and m is not own:
                return self.index.all_people(m.keys)
            if head.lower_ in _TITLE_HEADS or head.lemma_.lower() in _TITLE_HEADS:
                return m is None and head.dep_ not in _MODIFIER_DEPS or self._modifies_a_person(head, own)
            if t.dep_ == "pobj" and head.lower_ == "of" and t is not token:  # "the President of | Venezuela @X"
                holder = self.index.at(head.head)
                return holder is not None and holder is not own and \
                    self.index.all_people(holder.keys)
            if t.dep_ not in _MODIFIER_DEPS:
                return False
            t = head
        return False

    def mention_heads(self, top: Token) -> list[str]:
        """Actors whose mention is headed inside `top`'s subtree, affiliations left out."""
        keys: list[str] = []
        for t in self.subtree(top):
            m = self.index.at(t)
            if m is not None and m.head == t.i and not self.is_affiliation(t):
                keys.extend(self.acting_for(t, m.keys))
        return keys

    def list_after(self, token: Token) -> list[str]:
        """Actors in a coordinated list right after a token ("between A, B and C"): robust to misparses."""
        keys: list[str] = []
        i = token.i + 1
        sent_end = token.sent.end
        in_title = False  # after an affiliation, the title it modifies runs on to the name
        whose = False  # after a person's "of": the body that person is of ("Tim Cook of Apple")
        while i < sent_end:
            t = self.doc[i]
            m = self.index.at(t)
            if m is not None:
                in_title = self.is_affiliation(self.doc[m.head])  # "with GMB union General Secretary X": X
                if not in_title and not whose:
                    keys.extend(self.acting_for(self.doc[m.head], m.keys))
                whose = False
                i = max(m.end, i + 1)
                continue
            if t.lower_ == "of" and keys and i > token.i + 1 and self.index.at(i - 1) is not None:
                whose = True  # "with CEOs Tim Cook of Apple, Albert Bourla of Pfizer and ..."
                i += 1
                continue
            if whose and t.pos_ == "PROPN":
                i += 1  # a body's name kg did not tag ("Jakob Stausholm of | Rio Tinto |")
                continue
            if not keys and t.tag_ in {"NNS", "NNPS"} and fold(t.lemma_) in _REPRESENTATIVES:
                i += 1  # "with CEOs Tim Cook ...": the names follow
                continue
            if in_title and t.dep_ in _MODIFIER_DEPS | {"compound"}:
                i += 1
                continue
            if t.lower_ == "," and not self._list_goes_on(i, sent_end):
                break  # "with B, the Kremlin said": the comma ends the list
            if t.lower_ in _LIST_CONNECTORS or t.tag_ == "POS":
                whose = whose and t.tag_ == "POS"  # a separator ends the body's name
                i += 1
                continue
            break
        return list(dict.fromkeys(keys))

    def _list_goes_on(self, comma: int, end: int) -> bool:
        """Does a coordinator ("and", "&", "as well as") follow this comma before the next verb?"""
        for t in self.doc[comma + 1:end]:
            if t.lower_ in _LIST_COORDINATORS:
                return True
            if t.pos_ in {"VERB", "AUX"} and self.index.at(t) is None:
                return False
        return False

    def with_stages(self, verb: Token) -> list[list[str]]:
        """Participants in "with X" phrases that follow the verb in its clause, however they were
        attached by the parser, grouped by the stages a sequence word opens: "met bilaterally,
        then with A, and then with B" gives [[], [A], [B]]; "met with A and B" gives [[A, B]]."""
        stages: list[list[str]] = [[]]
        for t in self.doc[verb.i + 1:verb.sent.end]:
            if t.pos_ in {"VERB", "AUX"} and self.index.at(t) is None:
                break
            if t.lower_ in {";", ":"} or t.text in {"“", "”", '"'}:
                break
            if t.lower_ in _SEQUENCE_CUES and t.dep_ == "advmod":
                stages.append([])
            elif t.lower_ in _ACCOMPANIMENT_PREPS and not _is_meeting_noun(t.head):
                stages[-1].extend(self.list_after(t))  # (not "... after a meeting with B": the meeting's)
        stages = [stage for i, stage in enumerate(stages) if stage or i == 0]
        return stages if len(stages) > 1 else [stages[0]]

    def modifier_keys(self, modifier: Token) -> list[str]:
        """Actors named in a noun's modifier, hyphenated pairs included ("the Lula-Macron summit")."""
        keys: list[str] = []
        for t in self.subtree(modifier):
            m = self.index.at(t)
            if m is not None and m.head == t.i:
                keys.extend(m.keys)
        return keys + self.with_conjuncts(modifier)

    def organisers(self, noun: Token) -> list[str]:
        """"The NATO summit", "a UN session": the one organisation or country before the noun that
        hosts the event; two ("the EU-China summit") are its parties, and a person always is one."""
        modifiers = [k for c in noun.children if c.dep_ in {"compound", "nmod"} and c.i < noun.i
                     for k in self.modifier_keys(c)]
        modifiers = list(dict.fromkeys(modifiers))
        if len(modifiers) == 1 and self.index.actor(modifiers[0]).kind != "person":
            return modifiers
        return []


def _is_meeting_noun(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and token.lemma_.lower() in _MEETING_NOUNS


# ====================================================================================== readers
# Each reader: (arguments, trigger, nodes bound by the pattern, parameter) -> keys or a phrase.

ActorReader = Callable[[Arguments, Token, dict[str, Token], Any], list[str]]
PhraseReader = Callable[[Arguments, Token, dict[str, Token], Any], "Token | TokenRange | None"]


@dataclass(frozen=True)
class ReaderDef:
    read: Callable[..., Any]
    roles: frozenset[str]
    takes: str | None = None  # None | "node" (a pattern node's name) | "words" (a $class)
    doc: str = ""


def _subject(a: Arguments, trigger: Token, nodes: dict, _: Any) -> list[str]:
    return a.subject_keys(trigger)


def _unnamed_subject(a: Arguments, trigger: Token, nodes: dict, _: Any) -> list[str]:
    """A group or body the subject names by what it is, when it names no actor: "European leaders
    condemned ...", "the interior ministry also condemned ..."."""
    if a.subject_keys(trigger):
        return []
    subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
    if len(subjects) == 1 and subjects[0].lower_ in _BODY_PRONOUNS:
        speaker = reported_speaker(subjects[0])
        if speaker is not None:  # "the AU's peace and security council said that it condemned ..."
            return a.unnamed_speakers([speaker])
    return a.unnamed_speakers(subjects, acting=True)


def _unnamed_agents(a: Arguments, trigger: Token, nodes: dict, _: Any) -> list[str]:
    """Groups or bodies a passive's agent names by what they are: "was condemned by Melbourne MPs"."""
    agents = [p for c in trigger.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if any(k for p in agents for k in a.with_conjuncts(p)):
        return []
    return a.unnamed_speakers(agents, acting=True)


def _speaker(a: Arguments, trigger: Token, nodes: dict, _: Any) -> list[str]:
    return a.speaker_keys(trigger)


def _speakers_of(a: Arguments, trigger: Token, nodes: dict, node: str) -> list[str]:
    """The objects of a pattern node's preposition, or the unnamed speakers they name ('according to police')."""
    prep = nodes.get(node)
    objects = [] if prep is None else [p for p in prep.children if p.dep_ == "pobj"]
    return [k for p in objects for k in a.with_conjuncts(p)] or a.unnamed_speakers(objects)


def _subject_of(a: Arguments, trigger: Token, nodes: dict, node: str) -> list[str]:
    return a.subject_keys(nodes[node]) if node in nodes else []


def _governor_subject(a: Arguments, noun: Token, nodes: dict, _: Any) -> list[str]:
    """The subject of the verb that governs an event noun: a light verb it is the object of ("A held
    talks with B", "A paid a courtesy call on B"), or the verb of the time phrase it is in ("during
    talks with B, A said"; the noun must name a partner of its own: rules check `partner_named`)."""
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in _LIGHT_VERBS:
        return a.subject_keys(head)
    governor = _time_phrase_governor(noun)
    if governor is not None:
        return a.subject_keys(governor) or _main_clause_subject(a, governor, noun)
    passive = means_of_passive(noun)
    if passive is not None:
        return a.subject_keys(passive)
    return _time_phrase_holder(a, noun)


def _main_clause_subject(a: Arguments, governor: Token, noun: Token) -> list[str]:
    """The subject of the main verb, for a time phrase at the end of a sentence that the parser
    hung on a subjectless clause inside it ("A offered condolences after an attack that killed
    95 people | during a call with B": the call is A's)."""
    root = noun.sent.root
    if root.i == governor.i or root.pos_ not in {"VERB", "AUX"} or root.i > noun.i or governor.dep_ not in {"relcl", "acl"}:
        return []
    return a.subject_keys(root)


def _time_phrase_holder(a: Arguments, noun: Token) -> list[str]:
    """The people a headline's time phrase hangs on, with those they act along with: "Meloni after
    the meeting with Saied, together with von der Leyen: ..." (no verb to take a subject from)."""
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ not in _TIME_PHRASE_PREPS:
        return []
    holder = head.head
    if holder.pos_ not in {"NOUN", "PROPN"} or holder.dep_ in {"dobj", "compound"}:
        return []
    if holder.dep_ == "pobj" and holder.head.dep_ != "ROOT":  # "As the premier, M, after ..." (no verb)
        return []
    keys = a.with_conjuncts(holder)
    return keys if keys and a.index.all_people(keys) else []


def _governor_partners(a: Arguments, noun: Token, nodes: dict, _: Any) -> list[str]:
    """The partners the light verb of an event noun names itself: "received a call this evening from
    B", "paid B a visit", "was paid a visit by B", "held talks on Monday with B"."""
    head = noun.head
    if noun.dep_ != "dobj" or head.lemma_.lower() not in _LIGHT_VERBS:
        return []
    passive = any(c.dep_ == "nsubjpass" for c in head.children)
    phrases = [c for c in head.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in _NOUN_PARTNER_PREPS)]
    if passive:  # the parser often hangs the agent on the noun: "was paid a visit by B"
        phrases += [c for c in noun.children if c.dep_ in {"agent", "prep"} and c.lower_ in _AGENT_PREPS]
    keys = [k for c in head.children if c.dep_ == "dative" for k in a.with_conjuncts(c)]
    return keys + [k for c in phrases for p in c.children if p.dep_ == "pobj" for k in a.with_conjuncts(p)]


def _time_phrase_governor(noun: Token) -> Token | None:
    """The verb whose time phrase an event noun is in ("during talks with B, A said", "A delivered
    a message in meetings with B": hung on the verb's object), if any."""
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ not in _TIME_PHRASE_PREPS:
        return None
    if head.i > 0 and noun.doc[head.i - 1].lemma_.lower() in _REACTION_NOUNS:
        return None  # "resigned in protest at the talks with B": the talks are what he reacts to
    governor = head.head
    if governor.dep_ == "dobj" and governor.pos_ in {"NOUN", "PROPN"}:
        governor = governor.head
    if governor.pos_ == "ADJ" and governor.dep_ in {"acomp", "ccomp", "oprd", "xcomp"}:
        governor = governor.head  # "made it clear in a phone call to B"
    return governor if governor.pos_ in {"VERB", "AUX"} else None


def _governor_with(a: Arguments, noun: Token, nodes: dict, _: Any) -> list[str]:
    """The 'with' phrase the parser hung on the verb of an event noun's time phrase, after the noun:
    "A delivered a message in meetings in March with B and C"."""
    governor = _time_phrase_governor(noun)
    if governor is None or any(c.dep_ == "prep" and c.lower_ in _NOUN_PARTNER_PREPS for c in noun.children):
        return []
    phrases = [c for c in governor.children if c.dep_ == "prep" and c.lower_ == "with" and c.i > noun.i]
    keys = [k for c in phrases for p in c.children if p.dep_ == "pobj" for k in a.with_conjuncts(p)]
    return list(dict.fromkeys(keys + [k for c in phrases for k in a.list_after(c)]))  # (however the list is parsed)


def _meetings_host_before(a: Arguments, trigger: Token, nodes: dict, _: Any) -> list[str]:
    """Who had the plural meetings the sentence before told with a light verb ("X has received a
    number of visits from foreign dignitaries"), for a list that follows ("These include A and B")."""
    sent = trigger.sent
    if sent.start == 0:
        return []
    for noun in a.doc[sent.start - 1].sent:
        if noun.tag_ not in {"NNS", "NNPS"} or not _is_meeting_noun(noun):
            continue
        held = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun  # "a number of visits"
        if held.dep_ == "dobj" and held.head.lemma_.lower() in _LIGHT_VERBS:
            return a.subject_keys(held.head)
    return []


def _copular_partners(a: Arguments, noun: Token, nodes: dict, _: Any) -> list[str]:
    """Whom a call or meeting 'was to' or 'was with': "A's first call was to B", "A's final phone
    call as president was to B" (the parser may hang the copula on the noun)."""
    copulas = [noun.head] if noun.dep_ == "nsubj" else []
    copulas += [c for c in noun.children if c.dep_ in {"advcl", "relcl"}]
    return [k for v in copulas if v.lemma_ == "be" for c in v.children
            if c.dep_ == "prep" and c.lower_ in _COPULAR_PARTNER_PREPS
            for p in c.children if p.dep_ == "pobj" for k in a.with_conjuncts(p)]


def _addressees(a: Arguments, noun: Token, nodes: dict, _: Any) -> list[str]:
    """Whom the verb of an event noun's time phrase addresses, when the noun names no partner of its
    own: "in a call on Tuesday, A thanked B", "A made the same offer to B in a call", "A told B
    during the meeting that ..." (the object of a verb of addressing, or the "to" phrase of a verb
    of giving words)."""
    verb = _time_phrase_governor(noun)
    if verb is None or any(c.dep_ == "prep" and c.lower_ in _NOUN_PARTNER_PREPS for c in noun.children):
        return []  # "offered condolences to Iran during a call with its minister": the minister
    lemma = verb.lemma_.lower()
    addressed = [c for c in verb.children if c.dep_ == "dative"]
    if lemma in _ADDRESSED_OBJECT_VERBS:
        addressed += [c for c in verb.children if c.dep_ == "dobj"]
    if lemma in _ADDRESSED_TO_VERBS | _ADDRESSED_OBJECT_VERBS:  # "made an offer to B", "made B an offer"
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        addressed += [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "to"
                      for p in c.children if p.dep_ == "pobj"]
    return [k for t in addressed for k in a.with_conjuncts(t)]


def _objects(a: Arguments, head: Token, nodes: dict, _: Any) -> list[str]:
    """Actors among the arguments of a predicate: its objects and partner phrases, the subject's
    words, clauses, places and affiliations left out."""
    exclude = {t.i for c in head.children if c.dep_ in SUBJECT_DEPS for t in a.subtree(c)}
    keys: list[str] = []
    for child in head.children:
        if child.i in exclude or child.dep_ in SUBJECT_DEPS or child.dep_ in CLAUSE_DEPS or child.dep_ == "punct":
            continue
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
            continue  # "received B and attended his meeting with C": another predicate's arguments
        if child.dep_ == "prep" and child.lower_ not in _VERB_PARTNER_PREPS:
            continue
        for t in a.subtree(child):
            if t.i in exclude:
                continue
            m = a.index.at(t)
            if m is None and not a.inside_clause(t, head):
                keys.extend(a._leaders(t))  # "met a delegation led by X"
                keys.extend(a.quote_speaker(t))  # "“X met me,” said B"
            title_of_name = m is not None and t.i == child.i and child.dep_ == "dobj" and m.how == "name"
            if m is None or (m.head != t.i and not title_of_name) or a.is_place(t) or a.inside_clause(t, head) \
                    or a.is_affiliation(t):
                continue  # (the object may be the title of a name the parser hung elsewhere: "received
            keys.extend(a.acting_for(t, m.keys))  # Minister of State | for African Affairs Ahmed Kattan")
        if child.dep_ == "mark" and child.lower_ in _ACCOMPANIMENT_PREPS:  # misparsed "with X": X heads a clause
            keys.extend(a.keys(child.head))
    return list(dict.fromkeys(keys))


def _objects_of_node(a: Arguments, trigger: Token, nodes: dict, node: str) -> list[str]:
    """The objects of a pattern node's verb: "Participants were A, B and C" (the verb "were")."""
    return _objects(a, nodes[node], nodes, None) if node in nodes else []


def _with_phrases(a: Arguments, trigger: Token, nodes: dict, _: Any) -> list[str]:
    return [k for stage in a.with_stages(trigger) for k in stage]


def _gathered(a: Arguments, verb: Token, nodes: dict, _: Any) -> list[str]:
    keys: list[str] = []
    for o in (c for c in verb.children if c.dep_ == "dobj"):
        keys.extend(a.with_conjuncts(o))
        keys.extend(a.list_after(a.doc[o.left_edge.i - 1]) if o.left_edge.i > 0 else [])
    return keys


def _partners_in(a: Arguments, trigger: Token, nodes: dict, preps: frozenset[str]) -> list[str]:
    return [k for c in trigger.children if c.dep_ == "prep" and c.lower_ in preps for k in a.mention_heads(c)]


def _phrase_objects(a: Arguments, trigger: Token, nodes: dict, preps: frozenset[str]) -> list[str]:
    """The actors a trigger's phrases of these prepositions have as objects ('a phone call to B',
    not 'a call to an MLS Cup-winning coach')."""
    return [k for c in trigger.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj" for k in a.with_conjuncts(p)]


def _direct_objects(a: Arguments, trigger: Token, nodes: dict, _: Any) -> list[str]:
    return [k for c in trigger.children if c.dep_ == "dobj" for k in a.mention_heads(c)]


def _modifiers(a: Arguments, noun: Token, nodes: dict, _: Any) -> list[str]:
    return [k for c in noun.children if c.dep_ in _MODIFIER_DEPS and c.i < noun.i for k in a.modifier_keys(c)]


def _partner_phrases(a: Arguments, noun: Token, nodes: dict, _: Any) -> list[str]:
    keys: list[str] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in _NOUN_PARTNER_PREPS:
            keys.extend(a.list_after(c))
            keys.extend(k for p in c.children if p.dep_ == "pobj" for k in a.with_conjuncts(p))
    return keys


def _objects_of(a: Arguments, trigger: Token, nodes: dict, node: str) -> list[str]:
    prep = nodes.get(node)
    return [] if prep is None else [k for p in prep.children if p.dep_ == "pobj" for k in a.with_conjuncts(p)]


def _node(a: Arguments, trigger: Token, nodes: dict, node: str) -> list[str]:
    return a.with_conjuncts(nodes[node]) if node in nodes else []


def _told_participants(a: Arguments, trigger: Token, nodes: dict, node: str) -> list[str]:
    """The participants of the meeting told before that a node's noun points back to ("A attended
    the meeting"): a definite meeting noun that names no one of its own."""
    return a.told(nodes[node]) if node in nodes else []


def _attendees(a: Arguments, noun: Token, nodes: dict, _: Any) -> list[str]:
    return [k for c in noun.children if c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in _ATTENDANCE_VERBS
            for ag in c.children if ag.dep_ == "agent" for p in ag.children for k in a.with_conjuncts(p)]


def _passive_agents(a: Arguments, verb: Token, nodes: dict, _: Any) -> list[str]:
    return [k for c in verb.children if c.dep_ == "agent" for p in c.children for k in a.with_conjuncts(p)]


def _possessors(a: Arguments, noun: Token, nodes: dict, _: Any) -> list[str]:
    return [k for c in noun.children if c.dep_ == "poss" for k in a.with_conjuncts(c)]


# -- phrases


def _first_child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _object_phrase(a: Arguments, verb: Token, nodes: dict, _: Any) -> Token | None:
    return _first_child(verb, "dobj")


def _free_relative(a: Arguments, verb: Token, nodes: dict, node: str) -> TokenRange | None:
    """A free relative as the object: "condemned what it called an attempted coup" (the parser makes
    "what it called ..." a clause of the verb, "what" its object): the whole relative."""
    clause = nodes.get(node)
    if clause is None:
        return None
    start = min(t.i for t in clause.children if t.tag_ in {"WP", "WDT"})
    return TokenRange(start, clause.right_edge.i + 1)


def _passive_subject_phrase(a: Arguments, verb: Token, nodes: dict, _: Any) -> Token | None:
    return _first_child(verb, "nsubjpass")


def _relative_head_phrase(a: Arguments, verb: Token, nodes: dict, _: Any) -> Token:
    return verb.head  # "the attack, which was condemned by X": the phrase is cut before the clause


def _clause_phrase(a: Arguments, trigger: Token, nodes: dict, node: str) -> Token | None:
    return nodes.get(node)


def _pobj_phrase(a: Arguments, trigger: Token, nodes: dict, node: str) -> Token | None:
    prep = nodes.get(node)
    return None if prep is None else _first_child(prep, "pobj")


def _pobj_described(a: Arguments, verb: Token, nodes: dict, node: str) -> TokenRange | None:
    """"referred to the meeting as a total failure": the object of a pattern node's preposition, and
    what the verb's 'as' phrase after it calls it."""
    obj = _pobj_phrase(a, verb, nodes, node)
    if obj is None:
        return None
    start, end = _trimmed_range(a, obj)
    for x in verb.children:
        if x.dep_ == "prep" and x.lower_ in _DESCRIPTION_PREPS and x.i >= end:
            end = max(end, _trimmed_range(a, x)[1])
    return TokenRange(start, end)


def _object_and_complement(a: Arguments, verb: Token, nodes: dict, _: Any) -> TokenRange | None:
    """"urged Azerbaijan to refrain from ...", "accused B of ...", "branded the vote a farce": the
    object and what follows it (a second object too)."""
    obj = _first_child(verb, "dobj")
    if obj is None:
        return None
    start, end = _trimmed_range(a, obj)
    for x in verb.children:
        if x.dep_ in {"xcomp", "prep", "oprd"} and x.i > obj.i or x.dep_ == "dobj" and x.i > obj.i:  # "branded X a Y"
            end = max(end, x.right_edge.i + 1)
    return TokenRange(start, end)


def _appeal(a: Arguments, verb: Token, nodes: dict, node: str) -> TokenRange | None:
    """"called on Azerbaijan to refrain from ...", "appealed to B to ...": from after the preposition
    to the end of the appeal (an infinitive, as a complement or an adverbial clause)."""
    on = nodes.get(node)
    ends = [x.right_edge.i for x in verb.children if x.dep_ == "xcomp" or x.dep_ == "advcl" and x.tag_ == "VB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)]
    return None if on is None or not ends else TokenRange(on.i + 1, max(ends) + 1)


def _rest_of_sentence(a: Arguments, trigger: Token, nodes: dict, _: Any) -> TokenRange | None:
    """"According to X, Y" / "Y, according to X": the longer side of the sentence around the phrase."""
    to = a.doc[trigger.i + 1] if trigger.i + 1 < len(a.doc) else trigger
    phrase_end = max(t.i for t in [trigger, *a.subtree(trigger), *a.subtree(to)]) + 1
    content = [t for t in trigger.sent if not t.is_space and not t.is_punct and not (trigger.i <= t.i < phrase_end)]
    before = [t for t in content if t.i < trigger.i]
    after = [t for t in content if t.i >= phrase_end]
    part = after if len(after) >= len(before) else before
    return TokenRange(part[0].i, part[-1].i + 1) if part else None


def _trimmed_range(a: Arguments, head: Token) -> tuple[int, int]:
    return trimmed(a.doc, a.subtree(head))


_EVENT = frozenset({"subject", "others"})
_PEOPLE = frozenset({"subject", "others", "agent", "speaker"})
READERS: dict[str, ReaderDef] = {
    "subject": ReaderDef(_subject, _PEOPLE, doc="the trigger's subject, through control and relative clauses"),
    "subject_of": ReaderDef(_subject_of, _PEOPLE, "node", "the subject of a pattern node's verb"),
    "speaker": ReaderDef(_speaker, frozenset({"speaker"}), doc="the speech verb's subject, named or not ('police said')"),
    "speakers_of": ReaderDef(_speakers_of, frozenset({"speaker"}), "node",
                             "the objects of a pattern node's preposition, named or not ('according to police')"),
    "governor_subject": ReaderDef(_governor_subject, _PEOPLE, doc="the subject of the verb governing an event noun"),
    "governor_partners": ReaderDef(_governor_partners, _EVENT, doc="partners named by an event noun's light verb"),
    "addressees": ReaderDef(_addressees, _EVENT, doc="whom the verb of an event noun's time phrase addresses"),
    "meetings_host_before": ReaderDef(_meetings_host_before, _PEOPLE,
                                      doc="who had the plural meetings the sentence before told ('These include ...')"),
    "copular_partners": ReaderDef(_copular_partners, _EVENT, doc="whom an event noun 'was to' or 'was with'"),
    "governor_with": ReaderDef(_governor_with, _EVENT, doc="'with' phrases hung on the verb of an event noun's time phrase"),
    "objects": ReaderDef(_objects, _EVENT, doc="the trigger's objects and partner phrases ('met B', 'met with B')"),
    "with_phrases": ReaderDef(_with_phrases, _EVENT, doc="'with' phrases after the trigger in its clause"),
    "objects_of_node": ReaderDef(_objects_of_node, _EVENT, "node", "the objects of a pattern node's verb"),
    "gathered": ReaderDef(_gathered, _EVENT, doc="the object list of a gathering verb"),
    "partners_in": ReaderDef(_partners_in, _EVENT, "words", "names inside the trigger's phrases of these prepositions"),
    "phrase_objects": ReaderDef(_phrase_objects, _EVENT, "words", "the objects of the trigger's phrases of these prepositions"),
    "direct_objects": ReaderDef(_direct_objects, _EVENT, doc="names inside the trigger's direct object"),
    "modifiers": ReaderDef(_modifiers, _PEOPLE, doc="names in a noun's modifiers ('the Lula-Macron summit')"),
    "partner_phrases": ReaderDef(_partner_phrases, _EVENT, doc="a noun's partner phrases ('talks with B')"),
    "objects_of": ReaderDef(_objects_of, _PEOPLE, "node", "the objects of a pattern node's preposition"),
    "node": ReaderDef(_node, _PEOPLE, "node", "the actors a pattern node stands for"),
    "attendees": ReaderDef(_attendees, _EVENT, doc="'a meeting attended by A and B'"),
    "told_participants": ReaderDef(_told_participants, _EVENT, "node",
                                   "the participants of the meeting told before that a node points back to"),
    "passive_agents": ReaderDef(_passive_agents, _PEOPLE, doc="'by' agents of a passive verb"),
    "unnamed_subject": ReaderDef(_unnamed_subject, _PEOPLE,
                                 doc="a group or body the subject names by what it is ('European leaders')"),
    "unnamed_agents": ReaderDef(_unnamed_agents, _PEOPLE,
                                doc="groups or bodies a passive's agent names by what they are"),
    "possessors": ReaderDef(_possessors, _PEOPLE, doc="a noun's possessors ('A's condemnation')"),
    "object": ReaderDef(_object_phrase, frozenset({"target", "content"}), doc="the trigger's direct object"),
    "free_relative": ReaderDef(_free_relative, frozenset({"target"}), "node",
                               "a pattern node's clause opened by 'what': 'condemned what it called a coup'"),
    "passive_subject": ReaderDef(_passive_subject_phrase, frozenset({"target"}), doc="a passive verb's subject"),
    "relative_head": ReaderDef(_relative_head_phrase, frozenset({"target"}), doc="the noun a relative clause hangs off"),
    "clause": ReaderDef(_clause_phrase, frozenset({"content"}), "node", "a pattern node's clause"),
    "pobj_of": ReaderDef(_pobj_phrase, frozenset({"target", "content"}), "node", "the object of a pattern node's preposition"),
    "object_and_complement": ReaderDef(_object_and_complement, frozenset({"content"}), doc="the object and what follows it"),
    "pobj_described": ReaderDef(_pobj_described, frozenset({"content"}), "node",
                                "the object of a pattern node's preposition, and the verb's 'as' phrase after it"),
    "appeal": ReaderDef(_appeal, frozenset({"content"}), "node", "after 'called on' to the end of the appeal"),
    "rest_of_sentence": ReaderDef(_rest_of_sentence, frozenset({"content"}), doc="the longer side of the sentence"),
}
