"""Realis: did the event a trigger names take place?

One policy for every meeting, call and condemnation, read along the chain of words that govern
the trigger: negation ("did not meet"), modal verbs ("will meet", "could meet"), predicates
of planning, cancelling, refusing and denying ("plans to meet", "called off the talks",
"refused to meet", "denied meeting"), conditionals ("if they meet") and appeals ("urged B to
condemn", "demanded that they meet"). An event named in a time phrase ("during a call with B,
A offered ...") takes the tense of the clause it dates, not the modality of what that clause
says. A speech act under "would like to" is performed, not wished: "we would like to condemn"
condemns (rules of such verbs say `performative: true`). A purpose infinitive ("issued a statement
to condemn X", "held a reception to welcome B") is as real as the verb it serves.

The verdict is one of `REALIS`; only "asserted" is a fact. What the engine does with the
others is in one place too (`kg.extract.engine`): a meeting that did not take place is kept
under its own relation (`plannedMeeting`, ...), anything else is dropped.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import LEXICON

ASSERTED = "asserted"
REALIS = (ASSERTED, "planned", "cancelled", "refused", "denied", "negated", "hypothetical")

_W = LEXICON.words
_MODALS = _W("modal_auxiliaries")
_FUTURE = _W("future_modals")
_PLANNED = _W("planned_cues")
_PLANNED_MODIFIERS = _PLANNED - _W("unplanning_modifier_lemmas")
_CANCELLED = _W("cancelled_cues")
_CANCELLING_PARTICLES = _W("cancelling_particles")
_REFUSED = _W("refused_cues")
_DENIED = _W("denied_cues")
_HEARSAY = _W("hearsay_verbs")
_UNCERTAINTY = _W("uncertainty_cues")
_ATTRIBUTIONS = _W("attribution_words")
_HABITUAL_ADVERBS = _W("habitual_adverbs")
_RANKS = _W("ranking_words")
_NEGATIONS = _W("negation_words")
_CONDITIONALS = _W("conditional_marks")
_PENDING_VERBS = _W("pending_verbs")
_PENDING_ADVERBS = _W("pending_adverbs")
_ANTICIPATION_PREPS = _W("anticipation_preps")
_ANTICIPATION_ADVERBS = _W("anticipation_adverbs")
_EVENT_PREDICATES = _W("event_predicates")
_TEMPORAL_PREPS = _W("temporal_preps")
_GERUND_TIME_PREPS = _W("gerund_time_preps")
_PARTICIPATION_VERBS = _W("participation_verbs")
_APPEAL_VERBS = _W("appeal_verbs")
_WISH_VERBS = _W("wish_verbs")
_PERFORMATIVE_MODALS = _W("performative_modals")
#: Cues checked on each governor, in this order: the first that fits gives the verdict.
_GOVERNOR_CUES = ((_CANCELLED, "cancelled"), (_REFUSED, "refused"), (_DENIED, "denied"), (_PLANNED, "planned"))
#: Dependencies along which the realis of a governor reaches the word it governs.
_CHAIN_DEPS = frozenset({"xcomp", "dobj", "nsubjpass", "nsubj", "pobj", "prep", "acomp", "amod", "compound", "conj",
                         "attr", "oprd", "ccomp", "pcomp"})
#: How many governors up the chain is read.
_REACH = 6


def realis(trigger: Token, performative: bool = False) -> str:
    """The realis of the event `trigger` names (one of `REALIS`)."""
    if _is_appeal(trigger):
        return "planned"
    purpose_of = _purpose_of(trigger)
    if purpose_of is not None:  # "issued a statement to condemn X": as real as the issuing
        return _chain_realis(purpose_of, trigger=False)  # ("sought a chance to meet B": not at all)
    if _anticipated_in_text(trigger):
        return "planned"
    verdict = _temporal_realis(trigger) or _means_realis(trigger) or _chain_realis(trigger)
    if performative and verdict in {"planned", "hypothetical"} and _performed(trigger):
        return ASSERTED
    return verdict


#: Word classes of the noun phrase material between "ahead of" and the event noun it anticipates.
_NOUN_PHRASE_POS = frozenset({"ADJ", "DET", "NOUN", "NUM", "PART", "PROPN"})
#: How many tokens left of an event noun "ahead of" is looked for.
_ANTICIPATION_REACH = 15


def _anticipated_in_text(noun: Token) -> bool:
    """"Ahead of Pakistan's army chief, Asim Munir's meeting with B": an event noun whose noun
    phrase an anticipation word opens, read off the words when the parser has lost the phrase."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    doc, start = noun.doc, noun.sent.start
    i = noun.i - 1
    while i > start and noun.i - i <= _ANTICIPATION_REACH:
        t = doc[i]
        if t.lower_ == "of" and doc[i - 1].lower_ in _ANTICIPATION_ADVERBS:
            return True  # "ahead of"
        if t.lower_ in _ANTICIPATION_PREPS and t.pos_ == "ADP":
            return True  # "before"
        if not (t.pos_ in _NOUN_PHRASE_POS or t.tag_ == "POS" or t.text == "," or t.lower_ == "of"):
            return False
        i -= 1
    return False


def word_forms(token: Token) -> set[str]:
    """A word's lemma, its form and its form without inflection: the lemmatiser reads "hopes" as "hop"."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for suffix in ("s", "es", "ed", "d", "ing"):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            forms.add(lower[: -len(suffix)])
    return forms


def _purpose_of(trigger: Token) -> Token | None:
    """The verb a purpose infinitive serves ("held a reception to welcome B", "issued a statement to
    condemn X", "closed ranks to condemn the violence"): a to-infinitive adverbial clause, or one
    hanging off the verb's object, takes place when its verb does."""
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children) or trigger.head.i == trigger.i:
        return None
    head = trigger.head
    if trigger.dep_ == "acl" and head.dep_ == "dobj":  # "issued a statement to condemn X"
        head = head.head
    elif trigger.dep_ != "advcl":
        return None
    return head if head.pos_ in {"VERB", "AUX"} else None


def means_of_passive(noun: Token) -> Token | None:
    """The passive verb an event noun is the means of, whose subject is the other party: "he had
    been dis-invited by a phone call from B", "A was told of the decision by a call from B"."""
    by = noun.head
    if noun.dep_ != "pobj" or by.lower_ != "by":
        return None
    verb = by.head
    for _ in range(2):  # the parser may hang "by" on the verb's object ("told of the decision | by ...")
        if verb.pos_ in {"VERB", "AUX"}:
            break
        verb = verb.head.head if verb.dep_ == "pobj" else verb.head
    passive = verb.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    participle = verb.tag_ == "VBN" and verb.dep_ == "acomp" and verb.head.lemma_ == "be"  # 'had been "dis-invited"'
    return verb if passive or participle else None


def _habitual(verb: Token) -> bool:
    """A verb of repeated events: 'every week', 'each month', 'often', 'regularly'."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in _HABITUAL_ADVERBS:
            return True
        if c.dep_ in {"npadvmod", "advmod"} and any(d.dep_ == "det" and d.lower_ in {"every", "each"} for d in c.children):
            return True
    return False


def _unconfirmed(child: Token) -> bool:
    """An adverb or an attribution that withholds confirmation: 'allegedly', 'according to
    unconfirmed reports'."""
    if child.dep_ == "advmod" and child.lower_ in _UNCERTAINTY:
        return True
    if child.dep_ == "prep" and child.lower_ in _ATTRIBUTIONS:
        return any(t.lower_ in _UNCERTAINTY for p in child.children for t in p.subtree)
    return False


def _ranked(infinitive: Token) -> bool:
    """"the first head of state to be received by the Pope", "the only leader to visit Kyiv": an
    infinitive after a ranked noun tells what happened, not what is planned."""
    head = infinitive.head
    return infinitive.dep_ in {"acl", "relcl"} and any(c.lower_ in _RANKS for c in head.children
                                                       if c.dep_ in {"amod", "advmod", "nummod"})


def _is_appeal(trigger: Token) -> bool:
    """"urged B to condemn", "demanded that B condemn": an appeal to act, not the act."""
    return trigger.dep_ in {"xcomp", "ccomp"} and trigger.head.lemma_.lower() in _APPEAL_VERBS


def _performed(trigger: Token) -> bool:
    """"We would like to condemn": the wish to perform a speech act performs it."""
    head = trigger.head
    return head.lemma_ in _WISH_VERBS and any(c.dep_ == "aux" and c.lower_ in _PERFORMATIVE_MODALS
                                              for c in head.children)


def _chain_realis(start: Token, trigger: bool = True) -> str:
    """The first verdict along the chain of governors from `start` (itself the trigger, or a verb
    the trigger serves, whose own meaning then counts as a governor's)."""
    t = start
    first = trigger
    for _ in range(_REACH):
        verdict = _realis_at(t, first)
        if verdict:
            return verdict
        first = False
        if (t.dep_ in _CHAIN_DEPS or _ranked(t)) and t.head.i != t.i:  # "wants to be the first to meet B"
            if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"}:
                break
            if t.dep_ == "ccomp" and word_forms(t.head) & _HEARSAY:
                return "hypothetical"  # "claimed that A flew to Neom to meet B": not the article's word
            if t.dep_ == "ccomp" and not (word_forms(t.head) & _DENIED):
                break
            if t.dep_ == "nsubj" and t.head.lemma_ not in _EVENT_PREDICATES:
                break
            t = t.head
            continue
        break
    return ASSERTED


def _temporal_realis(noun: Token) -> str | None:
    """Realis of an event named in a time phrase ("during a call with B", "after meeting B"): its
    own modifiers and the tense of the clause it dates, not the modality of what that clause says
    ("rejected the plan after meeting B": the meeting took place)."""
    named = noun.pos_ in {"NOUN", "PROPN"} and noun.dep_ == "pobj" and noun.head.lower_ in _TEMPORAL_PREPS
    done = noun.tag_ == "VBG" and noun.dep_ == "pcomp" and noun.head.lower_ in _GERUND_TIME_PREPS
    if not (named or done):
        return None
    if noun.head.head.lemma_.lower() in _PARTICIPATION_VERBS:
        return None  # "have not engaged in discussions with B": the verb says whether they took place
    own = _realis_at(noun, True)
    if own:
        return own
    clause = noun.head.head
    if clause.pos_ in {"NOUN", "PROPN"} and clause.dep_ != "dobj":
        return ASSERTED  # a headline's "Meloni after the meeting with Saied: ..." (no clause to take a tense from)
    for v in (clause, clause.head):
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in v.children):
            return "planned"
    return ASSERTED


def _means_realis(noun: Token) -> str | None:
    """Realis of an event noun that is the means of a passive verb ("dis-invited by a phone call
    from B"): its own modifiers; the call took place whatever it brought about."""
    if noun.pos_ not in {"NOUN", "PROPN"} or means_of_passive(noun) is None:
        return None
    return _realis_at(noun, True) or ASSERTED


def _realis_at(t: Token, is_trigger: bool) -> str | None:
    """The realis one word gives what it governs (or, for the trigger, itself), if it says any."""
    if not is_trigger:
        if any(c.dep_ == "prt" and c.lower_ in _CANCELLING_PARTICLES for c in t.children):
            return "cancelled"  # "called off", "put off"
        forms = word_forms(t)
        for cues, verdict in _GOVERNOR_CUES:
            if forms & cues:
                return verdict
        if t.lemma_.lower() in _PENDING_VERBS and any(c.lower_ in _PENDING_ADVERBS for c in t.children):
            return "negated"  # "has yet to meet"
        if t.dep_ == "acl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children):
            return "planned"  # "efforts to host the summit", "a bid to hold talks"
    if is_trigger and t.dep_ in {"relcl", "acl"} and t.tag_ in {"VBZ", "VBP"}:
        return "hypothetical"  # generic: "the grouping that brings together X and Y", "a forum which gathers ..."
    if is_trigger and _habitual(t):
        return "hypothetical"  # "A calls B every week", "they often meet": a habit, no one event
    for c in t.children:
        w = c.lower_
        if c.dep_ == "neg" or (w in _NEGATIONS and c.dep_ in {"det", "advmod", "neg", "preconj"}):
            return "negated"
        if _unconfirmed(c):
            return "hypothetical"  # "according to unconfirmed reports, they met", "allegedly met"
        if c.dep_ == "aux" and w in _MODALS:
            return "planned" if w in _FUTURE else "hypothetical"
        if c.dep_ == "aux" and c.tag_ == "TO" and is_trigger and t.dep_ not in {"xcomp"} and not _ranked(t):
            return "planned"
        if c.dep_ == "mark" and w in _CONDITIONALS:
            return "hypothetical"
        if c.dep_ in {"amod", "compound", "advmod"} and (c.lemma_.lower() in _PLANNED_MODIFIERS or w in _PLANNED):
            if t.pos_ in {"NOUN", "PROPN"}:
                return "planned"
        if c.dep_ in {"amod", "compound"} and (w in _CANCELLED or c.lemma_ in _CANCELLED):
            return "cancelled"
    if t.dep_ == "pobj" and t.head.lower_ in _ANTICIPATION_PREPS and t.head.dep_ == "prep":
        return "planned"
    if t.lower_ in _ANTICIPATION_ADVERBS:
        return "planned"
    return None
