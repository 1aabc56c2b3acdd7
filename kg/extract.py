"""The extract stage: meetings, calls, condemnations and claims from dependency parses.

Each rule starts from a trigger word listed in `kg.patterns` and reads its arguments off
the parse: the subject, the objects, "with"/"between" phrases, coordinated lists. Before a
meeting or call becomes a statement, its realis is checked along the chain of words that
govern it (negation, modal verbs, "planned", "cancelled", "refused"), so that an event
that did not take place is never emitted as one that did: it is kept under its own
relation name (for example `plannedMeeting`) or dropped.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span as SpacySpan, Token

from . import patterns
from .actors import PERSON, ActorIndex, dependents, find_actors
from .dates import normalise
from .gazetteer import fold
from .nlp import ParsedArticle
from .records import (
    ASSERTS, CANCELLED_MEETING, CONDEMNED, DENIED_MEETING, MET, PHONED, PLANNED_MEETING, REFUSED_MEETING, SPOKE,
    ArticleExtraction, Span, Statement,
)

_NOT_REALIS = {"planned": PLANNED_MEETING, "cancelled": CANCELLED_MEETING, "refused": REFUSED_MEETING,
               "denied": DENIED_MEETING}
_LOCATIVE_PREPS = frozenset({"in", "at", "to", "from", "across", "near", "inside", "outside", "into", "on", "for",
                             "over", "toward", "towards", "against", "about", "after", "before"})
_CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "acl", "csubj", "parataxis"})
#: Dependencies through which a name belongs to the phrase of its head ("in Vienna and Geneva").
_PHRASE_DEPS = frozenset({"compound", "conj", "appos"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_MAX_TARGET_WORDS = 24


def _word_forms(token: Token) -> set[str]:
    """A word's lemma, its form and its form without inflection: the lemmatiser reads "hopes" as "hop"."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for suffix in ("s", "es", "ed", "d", "ing"):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            forms.add(lower[: -len(suffix)])
    return forms
_QUOTE_RE = re.compile(r"[“\"]([^“”\"\n]{8,}?)[”\"]")


@dataclass(frozen=True)
class _Quote:
    start: int  # first character inside the quote marks
    end: int
    speaker: tuple[str, ...]
    evidence: tuple[int, int]  # quote plus its attribution


class _Lines:
    """Where a text's line breaks are, found once: looking up the line of a character is then a
    binary search, not a scan of the text, so an article with many quotes stays linear."""

    def __init__(self, text: str) -> None:
        self.breaks: list[int] = [m.start() for m in re.finditer("\n", text)]
        self.length = len(text)

    def start_of(self, char: int) -> int:
        """The first character of the line holding `char` (as `text.rfind("\n", 0, char) + 1`)."""
        n = bisect_left(self.breaks, char)
        return self.breaks[n - 1] + 1 if n else 0

    def break_after(self, char: int) -> int | None:
        """The first line break at or after `char` (as `text.find("\n", char)`), or None."""
        n = bisect_left(self.breaks, char)
        return self.breaks[n] if n < len(self.breaks) else None


class _QuoteIndex:
    """The direct quotes of an article, looked up by character range in logarithmic time (quotes
    never overlap, so starts and ends are both sorted), and the characters their evidence covers."""

    def __init__(self, quotes: list[_Quote], length: int) -> None:
        self.quotes = quotes
        self.ends = [q.end for q in quotes]
        self.evidence = bytearray(length + 1)
        for q in quotes:
            self.evidence[q.evidence[0]:q.evidence[1]] = b"\x01" * (q.evidence[1] - q.evidence[0])

    def overlapping(self, start: int, end: int) -> list[_Quote]:
        """The quotes sharing a character with [start, end)."""
        found = []
        n = bisect_right(self.ends, start)
        while n < len(self.quotes) and self.quotes[n].start < end:
            found.append(self.quotes[n])
            n += 1
        return found

    def at(self, char: int) -> _Quote | None:
        """The quote whose inside holds character `char`."""
        hits = self.overlapping(char, char + 1)
        return hits[0] if hits else None

    def evidence_overlaps(self, start: int, end: int) -> bool:
        """Does the evidence (quote plus attribution) of any quote share a character with [start, end)?"""
        return self.evidence.find(1, start, end) != -1


def extract(parsed: ParsedArticle, index: ActorIndex | None = None) -> ArticleExtraction:
    """All statements of one article, with the actors they involve."""
    index = index or find_actors(parsed)
    return _Extractor(parsed, index).run()


def extract_all(parsed_articles: Iterable[ParsedArticle]) -> Iterator[ArticleExtraction]:
    for parsed in parsed_articles:
        yield extract(parsed)


class _Extractor:
    """Walks one parsed article once and collects its statements."""

    def __init__(self, parsed: ParsedArticle, index: ActorIndex) -> None:
        self.article = parsed.article
        self.doc: Doc = parsed.doc
        self.index = index
        self.statements: list[Statement] = []
        self.lines = _Lines(self.doc.text)
        self.quotes = _find_quotes(self.doc, index, self.lines)
        self.quote_index = _QuoteIndex(self.quotes, self.lines.length)
        # Walks up the parse, remembered per token: a list of thousands of names is one long
        # conj chain, and walking it anew for every name would be quadratic.
        self._phrase_heads: dict[int, Token] = {}
        self._in_clause: dict[tuple[int, int], bool] = {}
        self._entities: dict[int, SpacySpan] | None = None

    # ------------------------------------------------------------------ running
    def run(self) -> ArticleExtraction:
        for sent in self.doc.sents:
            if not sent.text.strip():
                continue
            before = len(self.statements)
            for token in sent:
                self._trigger(token, sent)
            if len(self.statements) == before and not self._overlaps_quote(sent):
                self._article_voice(sent)
        for q in self.quotes:
            self._emit(ASSERTS, q.speaker, self._span(*q.evidence), self._span(q.start, q.end), 0.8, "direct-quote")
        statements = _dedupe(self.statements)
        used = {k for s in statements for a in s.participants for k in [a.key]}
        actors = tuple(a for k, a in self.index.actors.items() if k in used)
        return ArticleExtraction(self.article, actors, tuple(statements))

    def _trigger(self, token: Token, sent: SpacySpan) -> None:
        lemma = token.lemma_.lower()
        if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "NOUN" and token.dep_ == "ROOT" and token.tag_.startswith("VB")):
            if lemma in patterns.MEETING_VERBS or self._phrasal_meeting(token):
                self._meeting_verb(token, sent)
            elif lemma in patterns.GATHERING_VERBS and self._gathering(token):
                self._gathering_verb(token, sent)
            elif lemma in patterns.CONVERSATION_VERBS or lemma in patterns.PHONE_VERBS:
                self._conversation_verb(token, sent)
            if lemma in patterns.CONDEMN_VERBS:
                self._condemn_verb(token, sent)
            if lemma in patterns.SPEECH_VERBS:
                self._speech_verb(token, sent)
        elif token.pos_ in {"NOUN", "PROPN"}:
            if lemma in patterns.MEETING_NOUNS or lemma in patterns.PHONE_NOUNS:
                self._event_noun(token, sent)
            if lemma in patterns.CONDEMN_NOUNS:
                self._condemn_noun(token, sent)
        if lemma == "accord" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
            self._according_to(token, sent)

    # ------------------------------------------------------------------ helpers
    def _span(self, start: int, end: int) -> Span:
        return Span(start, end, self.article.text[start:end])

    def _sentence_span(self, sent: SpacySpan) -> Span:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        return self._span(start, end)

    def _overlaps_quote(self, sent: SpacySpan) -> bool:
        return self.quote_index.evidence_overlaps(sent.start_char, sent.end_char)

    def _in_quote(self, token: Token) -> _Quote | None:
        return self.quote_index.at(token.idx)

    def _subtree(self, token: Token) -> list[Token]:
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

    def _keys(self, token: Token) -> tuple[str, ...]:
        """Actors a token stands for, "I"/"we" in a quote standing for its speaker."""
        m = self.index.at(token)
        if m is not None:
            return m.keys
        if token.lower_ in patterns.GOVERNMENT_NOUNS:  # "Russia's government": the country acting
            for c in token.children:
                owner = self.index.at(c) if c.dep_ in {"poss", "amod", "compound"} else None
                if owner is not None and all(self.index.actor(k).kind == "country" for k in owner.keys):
                    return owner.keys
        if token.lower_ in {"i", "me", "we", "us"}:  # the speaker, or the body the speaker speaks for
            q = self._in_quote(token)
            if q and q.speaker:
                return q.speaker
        return ()

    def _with_conjuncts(self, token: Token) -> list[str]:
        """Actors of a token, its coordinated tokens and their appositions ("his counterpart X")."""
        keys: list[str] = []
        for t in [token, *token.conjuncts]:
            own = self._keys(t)
            keys.extend(own)
            if not own:
                keys.extend(k for c in t.children if c.dep_ == "appos" for k in self._keys(c))
        return list(dict.fromkeys(keys))

    def _subject_keys(self, verb: Token) -> list[str]:
        """The subject of a verb, through xcomp/conj/advcl chains when it has none of its own;
        a relative pronoun stands for the noun its clause hangs off ("the minister, who met ...")."""
        v = verb
        for _ in range(4):
            subjects = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and all(c.lower_ in patterns.RELATIVE_PRONOUNS for c in subjects) and v.dep_ == "relcl":
                return self._with_conjuncts(v.head)
            if subjects:
                return list(dict.fromkeys(k for c in subjects for k in self._with_conjuncts(c)))
            if v.dep_ in {"xcomp", "conj", "advcl", "acomp"} and v.head.i != v.i:
                v = v.head
                continue
            if v.dep_ == "relcl":
                return self._with_conjuncts(v.head)
            if v.dep_ == "acl":  # "X, condemning ...", "issued a statement condemning ..."
                head = v.head
                if self._keys(head):
                    return self._with_conjuncts(head)
                if head.dep_ in {"dobj", "pobj"}:
                    v = head.head if head.dep_ == "dobj" else head.head.head
                    continue
            if v.dep_ == "pcomp" and v.head.dep_ == "prep":  # "joined B in condemning", "after meeting B"
                governor = v.head.head
                keys = self._subject_keys(governor)
                if governor.lemma_.lower() in patterns.JOINING_VERBS:
                    keys += [k for c in governor.children if c.dep_ == "dobj" for k in self._with_conjuncts(c)]
                return list(dict.fromkeys(keys))
            break
        return []

    def _is_place(self, token: Token) -> bool:
        """A name used as the place of something ("in Washington"), not as a participant."""
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

    def _argument_keys(self, head: Token, exclude: set[int]) -> list[str]:
        """Actors among the arguments of a predicate: its objects and participant phrases."""
        keys: list[str] = []
        for child in head.children:
            if child.i in exclude or child.dep_ in _SUBJECTS or child.dep_ in _CLAUSE_DEPS or child.dep_ == "punct":
                continue
            if child.dep_ == "prep" and child.lower_ not in patterns.PARTICIPANT_PREPS and child.lower_ != "by":
                continue
            for t in self._subtree(child):
                if t.i in exclude:
                    continue
                m = self.index.at(t)
                if m is None or m.head != t.i or self._is_place(t) or self._inside_clause(t, head):
                    continue
                if self._is_affiliation(t):
                    continue
                keys.extend(m.keys)
            if child.dep_ == "mark" and child.lower_ == "with":  # misparsed "with X": X heads a clause
                keys.extend(self._keys(child.head))
        return list(dict.fromkeys(keys))

    def _inside_clause(self, token: Token, top: Token) -> bool:
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
            if t.dep_ in _CLAUSE_DEPS:
                answer = True
                break
            path.append(t.i)
            t = t.head
        for i in path:
            self._in_clause[(top.i, i)] = answer
        return answer

    def _is_affiliation(self, token: Token) -> bool:
        """A country named as someone's affiliation ("the leaders of Armenia")."""
        return token.dep_ == "pobj" and token.head.lower_ == "of" and self.index.at(token.head.head) is None \
            and token.head.head.pos_ == "NOUN" and fold(token.head.head.text) not in patterns.MEETING_NOUNS

    def _list_after(self, token: Token) -> list[str]:
        """Actors in a coordinated list right after a token ("between A, B and C"): robust to misparses."""
        keys: list[str] = []
        i = token.i + 1
        sent_end = token.sent.end
        while i < sent_end:
            t = self.doc[i]
            m = self.index.at(t)
            if m is not None:
                keys.extend(m.keys)
                i = max(m.end, i + 1)
                continue
            if t.lower_ == "," and not self._list_goes_on(i, sent_end):
                break  # "with B, the Kremlin said": the comma ends the list
            if t.lower_ in {",", "and", "&", "as", "well", "the"} or t.tag_ == "POS":
                i += 1
                continue
            break
        return list(dict.fromkeys(keys))

    def _list_goes_on(self, comma: int, end: int) -> bool:
        """Does a coordinator ("and", "&", "as well as") follow this comma before the next verb?"""
        for t in self.doc[comma + 1:end]:
            if t.lower_ in {"and", "&", "well"}:
                return True
            if t.pos_ in {"VERB", "AUX"} and self.index.at(t) is None:
                return False
        return False

    # ------------------------------------------------------------------ realis
    def _realis(self, trigger: Token) -> str:
        """asserted | planned | cancelled | refused | denied | negated | hypothetical."""
        t = trigger
        first = True
        for _ in range(6):
            verdict = self._realis_at(t, first)
            if verdict:
                return verdict
            first = False
            if t.dep_ in {"xcomp", "dobj", "nsubjpass", "nsubj", "pobj", "prep", "acomp", "amod", "compound", "conj",
                          "attr", "oprd", "ccomp", "pcomp"} and t.head.i != t.i:
                if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"}:
                    break
                if t.dep_ == "ccomp" and not (_word_forms(t.head) & patterns.DENIED_CUES):
                    break
                if t.dep_ == "nsubj" and t.head.lemma_ not in {"take", "be", "happen", "occur", "begin", "start", "end",
                                                                "follow", "last", "conclude", "go"}:
                    break
                t = t.head
                continue
            break
        return "asserted"

    def _temporal_realis(self, noun: Token) -> str | None:
        """Realis of an event named in a time phrase ("during a call with B"): its own modifiers and
        the tense of the clause it dates, not the modality of what that clause says."""
        if noun.pos_ not in {"NOUN", "PROPN"} or noun.dep_ != "pobj" or noun.head.lower_ not in patterns.TEMPORAL_PREPS:
            return None
        own = self._realis_at(noun, True)
        if own:
            return own
        clause = noun.head.head
        for v in (clause, clause.head):
            if any(c.dep_ == "aux" and c.lower_ in patterns.MODAL_AUX for c in v.children):
                return "planned"
        return "asserted"

    def _realis_at(self, t: Token, is_trigger: bool) -> str | None:
        lemma = t.lemma_.lower()
        if not is_trigger and any(c.dep_ == "prt" and c.lower_ in patterns.CANCELLED_PARTICLES for c in t.children):
            return "cancelled"  # "called off", "put off"
        if not is_trigger:
            forms = _word_forms(t)
            for cue, verdict in ((patterns.CANCELLED_CUES, "cancelled"), (patterns.REFUSED_CUES, "refused"),
                                 (patterns.DENIED_CUES, "denied"), (patterns.PLANNED_CUES, "planned")):
                if forms & cue:
                    return verdict
            if lemma in {"have", "be"} and any(c.lower_ == "yet" for c in t.children):
                return "negated"  # "has yet to meet"
        for c in t.children:
            w = c.lower_
            if c.dep_ == "neg" or (w in patterns.NEGATION_WORDS and c.dep_ in {"det", "advmod", "neg", "preconj"}):
                return "negated"
            if c.dep_ == "aux" and w in patterns.MODAL_AUX:
                return "planned" if w in {"will", "'ll", "shall", "wo"} else "hypothetical"
            if c.dep_ == "aux" and c.tag_ == "TO" and is_trigger and t.dep_ not in {"xcomp"}:
                return "planned"
            if c.dep_ == "mark" and w in patterns.CONDITIONAL_MARKS:
                return "hypothetical"
            if c.dep_ in {"amod", "compound", "advmod"} and (c.lemma_.lower() in patterns.PLANNED_CUES - {"call", "push", "set", "discuss"}
                                                              or w in patterns.PLANNED_CUES):
                if t.pos_ in {"NOUN", "PROPN"}:
                    return "planned"
            if c.dep_ in {"amod", "compound"} and (w in patterns.CANCELLED_CUES or c.lemma_ in patterns.CANCELLED_CUES):
                return "cancelled"
        if t.dep_ == "pobj" and t.head.lower_ in {"ahead", "before"} and t.head.dep_ == "prep":
            return "planned"
        if t.lower_ == "ahead":
            return "planned"
        return None

    # ------------------------------------------------------------------ meetings and calls
    def _phrasal_meeting(self, verb: Token) -> bool:
        particle = patterns.MEETING_PHRASAL.get(verb.lemma_.lower())
        if particle is None:
            return False
        if any(c.dep_ == "xcomp" for c in verb.children):  # "called on X to do Y" is an appeal
            return False
        return any(c.lower_ == particle and c.dep_ in {"prt", "prep", "advmod"} for c in verb.children)

    def _gathering(self, verb: Token) -> bool:
        particle = patterns.GATHERING_VERBS[verb.lemma_.lower()]
        return particle is None or any(c.lower_ == particle for c in verb.children)

    def _meeting_verb(self, verb: Token, sent: SpacySpan) -> None:
        lemma = verb.lemma_.lower()
        subjects = self._subject_keys(verb)
        exclude = {t.i for c in verb.children if c.dep_ in _SUBJECTS for t in self._subtree(c)}
        stages = self._with_stages(verb)
        if len(stages) > 1 and lemma == "meet":  # "met bilaterally, then with A, and later with B"
            staged = {k for stage in stages for k in stage}
            base = [k for k in self._argument_keys(verb, exclude) if k not in staged and k not in subjects]
            for stage in stages:
                participants = list(dict.fromkeys(subjects + base + stage))
                if len(participants) >= 2:
                    self._event(MET, participants, verb, sent, 0.85, "verb:meet-stages")
            return
        others = [k for k in self._argument_keys(verb, exclude) + [k for st in stages for k in st] if k not in subjects]
        others = list(dict.fromkeys(others))
        if lemma in {"receive"} and any(c.dep_ == "dobj" and c.lemma_.lower() in patterns.PHONE_NOUNS for c in verb.children):
            return  # "received a call from X": the noun rule handles it
        if lemma != "meet":
            others = [k for k in others if self.index.actor(k).kind == PERSON]
            if not others or not all(self.index.actor(k).kind == PERSON for k in subjects):
                return
        participants = list(dict.fromkeys(subjects + others))
        if len(participants) < 2 or not subjects and lemma != "meet":
            return
        confidence = 0.85 if subjects and others else 0.7
        self._event(MET, participants, verb, sent, confidence, f"verb:{lemma}")

    def _with_stages(self, verb: Token) -> list[list[str]]:
        """Participants in "with X" phrases that follow the verb in its clause, however they were
        attached by the parser, grouped by the stages a sequence word opens: "met bilaterally,
        then with A, and then with B" gives [[], [A], [B]]; "met with A and B" gives [[A, B]]."""
        stages: list[list[str]] = [[]]
        for t in self.doc[verb.i + 1:verb.sent.end]:
            if t.pos_ in {"VERB", "AUX"} and self.index.at(t) is None:
                break
            if t.lower_ in {";", ":"} or t.text in {"“", "”", '"'}:
                break
            if t.lower_ in patterns.SEQUENCE_CUES and t.dep_ == "advmod":
                stages.append([])
            elif t.lower_ == "with":
                stages[-1].extend(self._list_after(t))
        stages = [stage for i, stage in enumerate(stages) if stage or i == 0]
        return stages if len(stages) > 1 else [stages[0]]

    def _gathering_verb(self, verb: Token, sent: SpacySpan) -> None:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        keys: list[str] = []
        for o in objects:
            keys.extend(self._with_conjuncts(o))
            keys.extend(self._list_after(self.doc[o.left_edge.i - 1]) if o.left_edge.i > 0 else [])
        keys = list(dict.fromkeys(keys))
        if len(keys) >= 2:
            self._event(MET, keys, verb, sent, 0.8, f"verb:{verb.lemma_.lower()}-together")

    def _conversation_verb(self, verb: Token, sent: SpacySpan) -> None:
        subjects = self._subject_keys(verb)
        phone_verb = verb.lemma_.lower() in patterns.PHONE_VERBS
        others = [c for c in verb.children if (c.dep_ == "prep" and c.lower_ in {"with", "to"})
                  or (c.dep_ == "dobj" and phone_verb)]  # "telephoned B"; but "discussed Ukraine" is a topic
        keys: list[str] = []
        for o in others:
            for t in self._subtree(o):
                m = self.index.at(t)
                if m is not None and m.head == t.i and not self._is_affiliation(t):
                    keys.extend(m.keys)
        keys = [k for k in dict.fromkeys(keys) if k not in subjects]
        lemma = verb.lemma_.lower()
        if not keys and len(subjects) >= 2 and not [c for c in verb.children if c.dep_ in {"dobj", "prep"}
                                                    and c.lower_ in {"to", "with"}]:
            subjects, keys = subjects[:1], subjects[1:]  # "A and B spoke by phone"
        if not subjects or not keys:
            return
        relation = PHONED if lemma in patterns.PHONE_VERBS else self._medium(verb, sent)
        for subject in subjects:  # calls are one to one: "spoke with A and B" is two calls
            for other in keys:
                self._event(relation, [subject, other], verb, sent, 0.75, f"verb:{lemma}")

    def _medium(self, trigger: Token, sent: SpacySpan) -> str:
        """Phone or in person: by the trigger's own "by phone" / "on the sidelines" phrases, else by
        a call named earlier in the same paragraph ("had several phone calls with ... I spoke with")."""
        own = [t for c in trigger.children if c.dep_ == "prep" and c.lower_ in patterns.MEDIUM_PREPS
               for p in c.children if p.dep_ == "pobj" for t in (p, *p.children) if t.dep_ in {"pobj", "compound", "amod"}]
        words = {fold(t.text) for t in own}
        if words & patterns.PHONE_CUES:
            return PHONED
        if words & patterns.IN_PERSON_CUES:
            return MET
        paragraph_start = self.lines.start_of(sent.start_char)
        window = self.doc.char_span(paragraph_start, sent.end_char, alignment_mode="expand") or sent
        for t in self.doc[max(window.start, sent.start - 80):trigger.i]:
            if self._names_a_call(t):
                return PHONED
        return SPOKE

    def _names_a_call(self, token: Token) -> bool:
        """A word that names a telephone contact: "a phone call", "telephone conversations", "phoned"."""
        if token.lemma_.lower() in patterns.PHONE_VERBS and token.pos_ == "VERB":
            return True
        return token.dep_ in {"compound", "amod"} and fold(token.text) in patterns.PHONE_CUES \
            and token.head.lemma_.lower() in patterns.PHONE_NOUNS

    def _event_noun(self, noun: Token, sent: SpacySpan) -> None:
        lemma = noun.lemma_.lower()
        if noun.dep_ == "pobj" and noun.head.lower_ == "in" and lemma in patterns.ONGOING_CONTACT_NOUNS:
            return
        phone = self._is_phone_noun(noun)
        if lemma in patterns.PHONE_NOUNS and not phone and lemma not in patterns.MEETING_NOUNS \
                and lemma not in patterns.COURTESY_NOUNS and lemma != "conversation":
            return
        courtesy = lemma in patterns.COURTESY_NOUNS and any(
            c.dep_ == "prep" and c.lower_ in patterns.COURTESY_NOUNS[lemma] for c in noun.children)
        if lemma in patterns.COURTESY_NOUNS and not courtesy and not phone and lemma not in patterns.MEETING_NOUNS:
            return
        keys: list[str] = []
        for c in noun.children:
            if courtesy and c.dep_ == "prep" and c.lower_ in patterns.COURTESY_NOUNS[lemma]:
                keys.extend(k for p in c.children if p.dep_ == "pobj" for k in self._with_conjuncts(p))
            if c.dep_ in {"poss", "compound", "nmod", "amod"} and c.i < noun.i:
                keys.extend(self._modifier_keys(c))
            if c.dep_ == "prep" and c.lower_ in patterns.PARTICIPANT_PREPS | {"from"}:
                keys.extend(self._list_after(c))
                for p in c.children:
                    if p.dep_ == "pobj":
                        keys.extend(self._with_conjuncts(p))
        for c in noun.children:  # "the meeting, which was attended by A and B"
            if c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in patterns.ATTENDANCE_VERBS:
                keys.extend(k for a in c.children if a.dep_ == "agent" for p in a.children for k in self._with_conjuncts(p))
        keys = self._without_lone_organiser(noun, keys)
        governor = self._governing_verb(noun)
        if governor is not None and noun.dep_ == "pobj" and \
                governor.lemma_.lower() in patterns.MEETING_VERBS | patterns.CONVERSATION_VERBS:
            governor = None  # "met B during the summit": the verb's own rule tells that meeting
        if governor is not None and (keys or noun.dep_ == "dobj"):
            keys = self._subject_keys(governor) + keys
        keys = [k for k in dict.fromkeys(keys)]
        if not keys:
            self._point_back(noun, sent)
        if len(keys) < 2:
            return
        if phone:
            relation = PHONED
        elif courtesy:
            relation = MET
        elif lemma == "conversation":
            relation = self._medium(noun, sent)
        else:
            relation = MET
        if lemma == "visit" and not any(self.index.actor(k).kind == PERSON for k in keys[1:]):
            return
        if lemma in patterns.PROCESS_NOUNS and not any(self.index.actor(k).kind == PERSON for k in keys) \
                and not self._said_to_occur(noun):
            return  # "the talks between Israel and Hamas collapsed": a process, not a meeting
        self._event(relation, keys, noun, sent, 0.75 if governor is None else 0.8, f"noun:{lemma}")

    def _without_lone_organiser(self, noun: Token, keys: list[str]) -> list[str]:
        """"The NATO summit", "a UN session": one organisation or country before the noun hosts the
        event, it does not take part in it; two ("the EU-China summit") are its parties."""
        modifiers = [k for c in noun.children if c.dep_ in {"compound", "nmod"} and c.i < noun.i
                     for k in self._modifier_keys(c)]
        modifiers = list(dict.fromkeys(modifiers))
        if len(modifiers) == 1 and self.index.actor(modifiers[0]).kind != PERSON:
            return [k for k in keys if k != modifiers[0]]
        return keys

    def _modifier_keys(self, modifier: Token) -> list[str]:
        """Actors named in a noun's modifier, hyphenated pairs included ("the Lula-Macron summit")."""
        keys: list[str] = []
        for t in self._subtree(modifier):
            m = self.index.at(t)
            if m is not None and m.head == t.i:
                keys.extend(m.keys)
        return keys + self._with_conjuncts(modifier)

    def _said_to_occur(self, noun: Token) -> bool:
        """Is the noun the subject or object of a verb saying it happened ("talks took place")?"""
        return noun.dep_ in {"nsubj", "nsubjpass", "dobj"} and noun.head.lemma_.lower() in patterns.OCCURRENCE_VERBS

    def _is_phone_noun(self, noun: Token) -> bool:
        """A call by its modifiers ("phone call", "telephonic conversation") or, for a bare "call",
        by who is on the other end ("a call from B", "a call with B")."""
        near = {fold(c.text) for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}}
        if near & patterns.PHONE_CUES or noun.lemma_.lower() in {"phonecall", "videoconference", "teleconference"}:
            return True
        return noun.lemma_.lower() == "call" and any(
            c.dep_ == "prep" and c.lower_ in {"from", "with", "between"} for c in noun.children)

    def _governing_verb(self, noun: Token) -> Token | None:
        """The verb whose subject takes part in the event a noun names ("A held talks with B",
        "A offered help during a call with B")."""
        head = noun.head
        if noun.dep_ == "dobj" and (head.lemma_.lower() in patterns.LIGHT_VERBS | {"receive", "pay", "make"}):
            return head
        if noun.dep_ == "pobj" and head.lower_ in {"during", "in", "at", "after", "on"} and head.head.pos_ in {"VERB", "AUX"}:
            return head.head
        return None

    def _event(self, relation: str, keys: list[str], trigger: Token, sent: SpacySpan, confidence: float, rule: str) -> None:
        """Emit a meeting or call, as its realis and context have it. A contact takes two: one
        whose participants are fewer once names of one actor are merged is no statement."""
        if len(set(keys)) < 2:
            return
        realis = self._temporal_realis(trigger) or self._realis(trigger)
        if realis != "asserted":
            if relation != MET or realis not in _NOT_REALIS:
                return
            relation = _NOT_REALIS[realis]
        date_text, place = self._date(trigger), self._place(trigger)
        pointer = self._pointing_phrase(trigger)
        if pointer is not None:  # "During the meeting, held on May 14, they discussed ...": that meeting
            date_text, place = date_text or self._date(pointer), place or self._place(pointer)
            earlier = self._meeting_pointed_at(pointer, sent)
            if earlier is not None:
                date_text, place = date_text or self.statements[earlier].date_text, place or self.statements[earlier].place
        elif date_text is None and place is None and not self._backshifted(trigger):
            earlier_statement = self._told_just_before(relation, keys, sent)
            if earlier_statement is not None:  # "A and B met in Oslo on Monday. They first met alone, then ..."
                date_text, place = earlier_statement.date_text, earlier_statement.place
        self._emit(relation, tuple(keys), self._sentence_span(sent), None, confidence, rule,
                   date=normalise(date_text, self.article.date) if date_text else None, place=place,
                   date_text=date_text)

    def _participle_after(self, noun: Token) -> list[Token]:
        """"The meeting, held on June 27, ...": a participle of occurrence right after the noun,
        which the parser often hangs on the main verb instead."""
        at = noun.i + 1
        if at < noun.sent.end and self.doc[at].text == ",":
            at += 1
        if at < noun.sent.end and self.doc[at].tag_ == "VBN" and self.doc[at].lemma_.lower() in patterns.OCCURRENCE_VERBS:
            return [self.doc[at]]
        return []

    def _backshifted(self, trigger: Token) -> bool:
        """Does the trigger's clause move to another time ("had met", "met again", "previously")?"""
        verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
        words = [c for c in verb.children if c.dep_ in {"advmod", "aux", "npadvmod"}]
        perfect = any(c.lower_ == "had" and c.dep_ == "aux" for c in words) and verb.tag_ == "VBN"
        return perfect or any(c.lower_ in patterns.BACKSHIFT_CUES for c in words)

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

    def _sentence_before(self, sent: SpacySpan) -> SpacySpan | None:
        if sent.start == 0:
            return None
        return self.doc[sent.start - 1].sent

    def _point_back(self, noun: Token, sent: SpacySpan) -> None:
        """A meeting noun with no participants of its own that points back to a meeting already
        told ("During the meeting, held on June 27, ..."): its date and place complete that meeting."""
        if not self._points_back(noun):
            return
        date_text, place = self._date(noun), self._place(noun)
        n = self._meeting_pointed_at(noun, sent) if date_text or place else None
        if n is not None:
            s = self.statements[n]
            date_text = s.date_text or date_text
            self.statements[n] = replace(s, date_text=date_text, place=s.place or place,
                                         date=s.date or (normalise(date_text, self.article.date) if date_text else None))

    def _points_back(self, noun: Token) -> bool:
        """"the meeting", "this call": a definite meeting noun that names no participant of its own."""
        if noun.lemma_.lower() not in patterns.MEETING_NOUNS | patterns.PHONE_NOUNS:
            return False
        if not any(c.dep_ == "det" and c.lower_ in patterns.ANAPHORIC_DETERMINERS for c in noun.children):
            return False
        return not any(self.index.at(t) is not None for c in noun.children if c.dep_ != "det" for t in self._subtree(c))

    def _pointing_phrase(self, trigger: Token) -> Token | None:
        """A pointing meeting noun in the trigger's time phrase: "during the meeting", "at the talks"."""
        verb = trigger if trigger.pos_ in {"VERB", "AUX"} else None
        if verb is None:
            return None
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in patterns.TEMPORAL_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj" and self._points_back(p):
                        return p
        return None

    def _meeting_pointed_at(self, noun: Token, sent: SpacySpan) -> int | None:
        """The index of the latest meeting (or call, for a call noun) told in this or the
        `ANAPHOR_REACH` sentences before, which a pointing noun names."""
        relation = PHONED if self._is_phone_noun(noun) else MET
        earliest = sent
        for _ in range(patterns.ANAPHOR_REACH):
            before = self._sentence_before(earliest)
            if before is None:
                break
            earliest = before
        for n in range(len(self.statements) - 1, -1, -1):
            s = self.statements[n]
            if s.sentence.start < earliest.start_char:
                break
            if s.relation == relation and s.sentence.start < sent.start_char:
                return n
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
            if t.dep_ == "pobj" and t.head.lower_ in {"in", "at"} and t.ent_type_ in {"GPE", "FAC", "LOC", "ORG"}:
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
        tops += [c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"}
                 and c.lemma_.lower() in patterns.MEETING_NOUNS]
        for top in list(tops):
            if top.lemma_.lower() in patterns.MEETING_NOUNS:
                tops += [c for c in top.children if c.dep_ in {"acl", "relcl"}
                         and c.lemma_.lower() in patterns.OCCURRENCE_VERBS]
                tops += self._participle_after(top)
        tokens = []
        for top in tops:
            for c in top.children:
                if c.dep_ in {"prep", "npadvmod", "nmod", "compound"}:
                    tokens.extend(self._subtree(c))
        return tokens

    # ------------------------------------------------------------------ condemnations
    def _condemn_verb(self, verb: Token, sent: SpacySpan) -> None:
        if verb.dep_ in {"xcomp", "ccomp"} and verb.head.lemma_.lower() in patterns.APPEAL_VERBS:
            return  # "urged B to condemn", "demanded that B condemn": an appeal, not a condemnation
        realis = self._realis(verb)
        performative = realis in {"hypothetical", "planned"} and any(
            c.dep_ == "aux" and c.lower_ == "would" for c in verb.head.children) and verb.head.lemma_ in {"like", "want", "wish"}
        if realis != "asserted" and not performative:
            return
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        if passive:
            agents = [k for c in verb.children if c.dep_ == "agent" for p in c.children for k in self._with_conjuncts(p)]
            targets = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if targets and targets[0].lower_ in patterns.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                targets = [verb.head]  # "the attack, which was condemned by X"
                target = self._target_span(verb.head, without=verb)
                for agent in agents:
                    self._emit(CONDEMNED, (agent,), self._sentence_span(sent), target, 0.8, "verb:condemn-relative")
                return
        else:
            agents = self._subject_keys(verb)
            targets = [c for c in verb.children if c.dep_ == "dobj"]
        if not targets or len(agents) == 0:
            return
        target = self._target_span(targets[0])
        for agent in agents:
            self._emit(CONDEMNED, (agent,), self._sentence_span(sent), target, 0.85, f"verb:{verb.lemma_.lower()}")

    def _condemn_noun(self, noun: Token, sent: SpacySpan) -> None:
        agents = [k for c in noun.children if c.dep_ == "poss" for k in self._with_conjuncts(c)]
        if not agents and noun.head.lemma_.lower() in {"express", "voice", "issue", "reiterate"}:
            agents = self._subject_keys(noun.head)
        targets = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if not agents or not targets or self._realis(noun) not in {"asserted"}:
            return
        target = self._target_span(targets[0])
        for agent in agents:
            self._emit(CONDEMNED, (agent,), self._sentence_span(sent), target, 0.75, "noun:condemnation")

    def _target_span(self, head: Token, without: Token | None = None) -> Span:
        """The condemned phrase: the object's subtree, cut before a long relative clause (and
        before the clause `without`, the one that says it was condemned)."""
        cut = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > head.i]
        tokens = [t for t in self._subtree(head) if not t.is_space and not (cut and t.i >= cut[0].i)]  # "X as illegal"
        if without is not None:
            tokens = [t for t in tokens if t.i < without.left_edge.i]
            while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].lower_ in patterns.RELATIVE_PRONOUNS):
                tokens.pop()
        end = tokens[-1].i + 1
        for t in tokens:
            if t.dep_ in {"relcl", "acl"} and t.i > head.i and (end - head.left_edge.i) > _MAX_TARGET_WORDS:
                end = t.left_edge.i
                break
        start = head.left_edge.i
        end = min(end, start + _MAX_TARGET_WORDS)
        while end > start + 1 and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        return self._span(self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text))

    # ------------------------------------------------------------------ claims
    def _speech_verb(self, verb: Token, sent: SpacySpan) -> None:
        if self._in_quote(verb) or any(c.dep_ == "neg" for c in verb.children):
            return
        content = self._content(verb)
        if content is None:
            return
        start, end = content
        first, last = self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)
        if end - start < 3 or any(_mostly_quoted(first, last, q) for q in self.quote_index.overlapping(first, last)):
            return  # a direct quote is claimed once, by the quote rule
        speaker = self._speaker(verb)
        claim = self._span(self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text))
        self._emit(ASSERTS, speaker, self._sentence_span(sent), claim, 0.75 if speaker else 0.5,
                   f"speech:{verb.lemma_.lower()}")

    def _content(self, verb: Token) -> tuple[int, int] | None:
        """Token range of what a speech verb reports: its that-clause, object or "for" phrase."""
        lemma = verb.lemma_.lower()
        for c in verb.children:
            if c.dep_ == "ccomp":  # "said that X" and "X, A said"
                return self._trimmed(c)
        for c in verb.children:  # "said in a statement that X": the clause hangs off the noun
            if c.dep_ == "prep":
                for p in c.children:
                    for x in p.children:
                        if x.dep_ in {"acl", "relcl", "ccomp"} and any(m.lower_ == "that" and m.dep_ == "mark" for m in x.children):
                            return self._trimmed(x)
        if lemma == "describe" and not any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
            return None
        for c in verb.children:
            if c.dep_ == "dobj" and lemma in patterns.OBJECT_CONTENT_VERBS:
                if self.index.at(c) is not None and not any(x.dep_ in {"xcomp", "oprd"} or x.lower_ == "as"
                                                            for x in verb.children):
                    return None  # "welcomed President X": a person is not a claim
                start, end = self._trimmed(c)
                for x in verb.children:  # "urged Azerbaijan to refrain from ..."
                    if x.dep_ in {"xcomp", "prep", "oprd"} and x.i > c.i and lemma in {"urge", "describe", "accuse", "blame", "praise", "hail"}:
                        end = max(end, x.right_edge.i + 1)
                return start, end
        if lemma in patterns.APPEAL_VERBS:  # "called on Azerbaijan to refrain from ..."
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ == "on" and any(x.dep_ == "xcomp" for x in verb.children):
                    end = max(x.right_edge.i for x in verb.children if x.dep_ == "xcomp") + 1
                    return c.i + 1, end
        prep = patterns.PREP_CONTENT.get(lemma)
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == prep:
                objs = [p for p in c.children if p.dep_ == "pobj"]
                if objs:
                    return self._trimmed(objs[0])
        return None

    def _trimmed(self, head: Token) -> tuple[int, int]:
        """A clause's tokens without its "that" and trailing punctuation (a closing quote mark stays
        when the clause opened it)."""
        tokens = [t for t in self._subtree(head) if not t.is_space]
        start, end = tokens[0].i, tokens[-1].i + 1
        while start < end and (self.doc[start].dep_ == "mark" and self.doc[start].lower_ == "that"):
            start += 1
        opened = sum(1 for t in self.doc[start:end] if t.text in {"“", '"'})
        while end > start + 1 and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            if self.doc[end - 1].text in {"”", '"'} and opened % 2 == 1 and self.doc[end - 1].text != "“":
                break
            end -= 1
        if opened % 2 == 1 and end < len(self.doc) and self.doc[end].text in {"”", '"'}:
            end += 1  # the parser hung the closing mark on the main verb
        return start, end

    def _speaker(self, verb: Token) -> tuple[str, ...]:
        keys = self._subject_keys(verb)
        return tuple(keys[:2])

    def _according_to(self, token: Token, sent: SpacySpan) -> None:
        """"According to X, Y" / "Y, according to X": Y is X's claim."""
        to = self.doc[token.i + 1]
        keys = [k for c in to.children if c.dep_ == "pobj" for k in self._with_conjuncts(c)]
        if not keys:
            return
        phrase_end = max(t.i for t in [token, *self._subtree(token), *self._subtree(to)]) + 1
        content = [t for t in sent if not t.is_space and not t.is_punct and not (token.i <= t.i < phrase_end)]
        before = [t for t in content if t.i < token.i]
        after = [t for t in content if t.i >= phrase_end]
        part = after if len(after) >= len(before) else before
        if len(part) < 3:
            return
        claim = self._span(part[0].idx, part[-1].idx + len(part[-1].text))
        self._emit(ASSERTS, tuple(keys[:2]), self._sentence_span(sent), claim, 0.7, "according-to")

    def _article_voice(self, sent: SpacySpan) -> None:
        """A declarative sentence of the article's own: a claim with no speaker."""
        words = [t for t in sent if t.is_alpha]
        root = sent.root
        if len(words) < 8 or sent.text.rstrip()[-1:] not in {".", "!"} or root.pos_ not in {"VERB", "AUX"}:
            return
        if not any(c.dep_ in _SUBJECTS for c in root.children):
            return
        span = self._sentence_span(sent)
        self._emit(ASSERTS, (), span, span, 0.3, "article-voice")

    # ------------------------------------------------------------------ output
    def _emit(self, relation: str, keys: Iterable[str], sentence: Span, target: Span | None, confidence: float,
              rule: str, date: str | None = None, place: str | None = None, date_text: str | None = None) -> None:
        actors = tuple(self.index.actor(k) for k in dict.fromkeys(keys))
        self.statements.append(Statement(self.article.id, relation, actors, sentence, target, confidence, rule, date,
                                         place, date_text))


def _find_quotes(doc: Doc, index: ActorIndex, lines: _Lines) -> list[_Quote]:
    """Direct quotes and the actor each is attributed to ("“...,” X said" / "X said: “...”")."""
    quotes = []
    text = doc.text  # built once: `doc.text` joins every token anew
    for m in _QUOTE_RE.finditer(text):
        start, end = m.start(1), m.end(1)
        content = text[start:end].rstrip(" ,")
        end = start + len(content)
        speaker, evidence = _attribution(doc, index, lines, m.start(), m.end())
        if speaker:
            quotes.append(_Quote(start, end, speaker, evidence))
    return quotes


def _attribution(doc: Doc, index: ActorIndex, lines: _Lines, open_char: int,
                 close_char: int) -> tuple[tuple[str, ...], tuple[int, int]]:
    """The speaker of a quote: the subject of a speech verb right after it, else right before it.
    Only the 200 characters on either side are read, and `lines` answers where lines break, so
    the cost per quote does not grow with the article."""
    after = doc.char_span(close_char, min(lines.length, close_char + 200), alignment_mode="expand")
    before = doc.char_span(max(0, open_char - 200), open_char, alignment_mode="expand")
    candidates: list[tuple[Token, int]] = []
    if after is not None:
        for t in after:
            if "\n" in t.text or t.text in {"“", '"'}:
                break
            candidates.append((t, t.idx + len(t.text)))
            if t.text == "." and t.i > after.start + 1:
                break
    for t, end in candidates:
        if t.lemma_.lower() in patterns.SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}:
            keys = _subject_of(t, index)
            if keys:
                sentence_end = max(end, t.sent.end_char if t.sent.end_char - close_char < 200 else end)
                return keys, (open_char, _clip_line(lines, open_char, sentence_end))
    if before is not None:
        line_start = lines.start_of(open_char)
        tokens = [t for t in before if t.idx >= line_start]
        for t in reversed(tokens):
            if t.lemma_.lower() in patterns.SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}:
                keys = _subject_of(t, index)
                if keys:
                    return keys, (t.sent.start_char, close_char)
    return (), (open_char, close_char)


def _clip_line(lines: _Lines, start: int, end: int) -> int:
    """`end`, or the first line break after `start` when that comes sooner: evidence stays on one line."""
    newline = lines.break_after(start)
    return end if newline is None or newline > end else newline


def _subject_of(verb: Token, index: ActorIndex) -> tuple[str, ...]:
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass"}:
            m = index.at(c)
            if m is not None:
                return m.keys[:2]
    return ()


def _dedupe(statements: list[Statement]) -> list[Statement]:
    """One statement per relation, participants and evidence; the most confident wins. A claim
    is attributed at most one way: where one rule found its speaker, the unattributed reading of
    the same words (or of a sentence that only contains them) is dropped."""
    best: dict[tuple, Statement] = {}
    for s in statements:
        who = frozenset(a.key for a in s.participants)
        what = fold(s.target.text) if s.target else ""
        key = (s.relation, who, s.sentence.start, what)
        if key not in best or s.confidence > best[key].confidence:
            best[key] = s
    kept = list(best.values())
    attributed = [s.target for s in kept if s.relation == ASSERTS and s.participants and s.target]
    return [s for s in kept if not (s.relation == ASSERTS and not s.participants and s.target
                                    and any(_covers(s.target, t) for t in attributed))]


def _mostly_quoted(first: int, last: int, quote: _Quote) -> bool:
    """Is most of [first, last) a direct quote? A that-clause holding a few quoted words
    ("relations were \"not normal\"") is still its own claim."""
    overlap = min(last, quote.end) - max(first, quote.start)
    return overlap > 0.6 * max(1, last - first)


def _covers(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def as_json(statement: Statement) -> dict:
    """A statement as one line of `kg extract --format jsonl` (the scorer's contract)."""
    labels = [a.label for a in statement.participants]
    record: dict = {"article": statement.article, "relation": statement.relation}
    if statement.relation == ASSERTS:
        record["speaker"] = labels[0] if labels else None
        if len(labels) > 1:
            record["speakers"] = labels
        record["object"] = statement.target.text if statement.target else statement.sentence.text
    elif statement.relation == CONDEMNED:
        record["subject"] = labels[0]
        record["object"] = statement.target.text if statement.target else ""
    else:
        record["subject"] = labels[0]
        record["object"] = labels[1] if len(labels) > 1 else None
        if len(labels) > 2:
            record["participants"] = labels
    if statement.date:
        record["date"] = statement.date
    if statement.date_text:
        record["date_text"] = statement.date_text
    if statement.place:
        record["place"] = statement.place
    record.update(sentence=statement.sentence.text, start=statement.sentence.start, end=statement.sentence.end,
                  confidence=statement.confidence, rule=statement.rule)
    if statement.target is not None:
        record["object_start"], record["object_end"] = statement.target.start, statement.target.end
    return record
