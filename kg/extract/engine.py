"""The rule engine: rules propose candidates, and every candidate goes through the same steps.

For each token of a sentence, the rules whose trigger word it is are tried in priority order;
in each family (events, condemnations, claims) the first rule whose pattern matches applies.
Its candidate then goes through the shared steps, in this order:

1. arguments: the rule's readers, by role (`kg.extract.arguments`);
2. checks: the rule's named checks (`kg.extract.checks`), each filtering or ruling out the candidate;
3. events: a noun that names nobody may complete a meeting told before ("the meeting, held on
   June 27"); then two parties at least, the medium of a conversation (`kg.extract.context`),
   realis (`kg.extract.realis`), date and place;
   condemnations: realis, the target phrase; claims: not inside a quote nor negated, the text;
4. the statement, with the rule's id and confidence and its provenance (sentence, offsets).

Finder rules (direct quotes, the article's own voice) propose their statements from code.
"""
from __future__ import annotations

from typing import TypeVar

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..actors import ActorIndex, dependents
from ..nlp import ParsedArticle
from ..records import (
    ASSERTS, CANCELLED_MEETING, CONDEMNED, DENIED_MEETING, MET, PHONED, PLANNED_MEETING, REFUSED_MEETING, SPOKE,
    Actor, ArticleExtraction, Span, Statement,
)
from .arguments import READERS, Arguments, TokenRange
from .checks import CHECKS, EventCandidate
from .context import EventContext
from .finders import FINDERS, SENTENCE_FINDERS
from .output import dedupe
from .quotes import Lines, QuoteIndex, find_quotes, interview_turns, is_mostly_quoted
from .realis import ASSERTED, realis
from .rules import Rule, RuleSet
from .spans import char_range, target_range, trimmed

#: Meetings that did not take place keep their own relation; other unrealised events are dropped.
UNREALISED_RELATION = {"planned": PLANNED_MEETING, "cancelled": CANCELLED_MEETING, "refused": REFUSED_MEETING,
                       "denied": DENIED_MEETING}
#: A claim whose speaker could not be found is this much less certain than its rule says.
UNATTRIBUTED_FACTOR = 2 / 3
#: The shortest claim, in tokens.
MIN_CLAIM_TOKENS = 3

T = TypeVar("T")


class Extractor:
    """Runs the rules over one parsed article and collects its statements."""

    def __init__(self, parsed: ParsedArticle, index: ActorIndex, rules: RuleSet) -> None:
        self.article = parsed.article
        self.doc: Doc = parsed.doc
        self.index = index
        self.rules = rules
        self.statements: list[Statement] = []
        self.text = self.doc.text  # the parsed text (furniture blanked), built once: `doc.text` joins every token
        lines = Lines(self.text)
        attribution = Arguments(self.doc, index, QuoteIndex([], lines.length))  # speakers stand outside quotes
        quotes = find_quotes(self.doc, lines, attribution)
        quotes = sorted(quotes + interview_turns(self.doc, lines, index, quotes), key=lambda q: q.start)
        self.quotes = QuoteIndex(quotes, lines.length)
        self.args = Arguments(self.doc, index, self.quotes)
        self.context = EventContext(self.article, self.doc, lines, self.statements, self.args.subtree,
                                    self.is_actor, self._read_as_call)
        self.args.told = self.context.participants_pointed_at

    # ------------------------------------------------------------------ what the matcher asks
    def dependents(self, token: Token) -> list[Token]:
        return dependents(token)

    def is_actor(self, token: Token) -> bool:
        """A token of a name kg found as an actor, or "I"/"we" in a quote whose speaker kg knows
        ("“President X called me,” said B")."""
        return self.index.at(token) is not None or self.args.quote_speaker(token) != ()

    # ------------------------------------------------------------------ running
    def run(self) -> ArticleExtraction:
        per_sentence = [r for r in self.rules.finders() if r.finder in SENTENCE_FINDERS]
        for sent in self.doc.sents:
            if not self.text[sent.start_char:sent.end_char].strip():
                continue
            before = len(self.statements)
            for token in sent:
                self._apply_rules(token, sent)
            if not any(s.relation == ASSERTS for s in self.statements[before:]):
                for rule in per_sentence:
                    FINDERS[rule.finder](self, rule, sent)
        for rule in self.rules.finders():
            if rule.finder not in SENTENCE_FINDERS:
                FINDERS[rule.finder](self, rule)
        statements = dedupe(self.statements)
        used = {a.key for s in statements for a in s.participants}
        actors = tuple(a for k, a in self.index.actors.items() if k in used)
        return ArticleExtraction(self.article, actors, tuple(statements))

    def _apply_rules(self, token: Token, sent: SpacySpan) -> None:
        """In each family, the first rule (by priority) whose pattern matches at `token` applies."""
        candidates = self.rules.candidates(token)
        if not candidates:
            return
        applied: set[str] = set()
        for rule in candidates:
            if rule.family in applied:
                continue
            nodes = rule.match(token, self)
            if nodes is None:
                continue
            applied.add(rule.family)
            _HANDLERS[rule.family](self, rule, token, nodes, sent)

    def _read_as_call(self, noun: Token) -> bool:
        """Does the event rule that applies to this noun propose a phone call?"""
        for rule in self.rules.candidates(noun):
            if rule.family == "event" and rule.match(noun, self) is not None:
                return rule.relation == PHONED
        return False

    # ------------------------------------------------------------------ reading arguments
    def read_actors(self, rule: Rule, role: str, trigger: Token, nodes: dict[str, Token]) -> list[str]:
        keys: list[str] = []
        for reader in rule.roles[role]:
            keys.extend(READERS[reader.name].read(self.args, trigger, nodes, reader.param))
        return list(dict.fromkeys(keys))

    def read_phrase(self, rule: Rule, role: str, trigger: Token, nodes: dict[str, Token]) -> Token | TokenRange | None:
        reader = rule.roles[role]
        return READERS[reader.name].read(self.args, trigger, nodes, reader.param)

    # ------------------------------------------------------------------ output
    def sentence_span(self, sent: SpacySpan) -> Span:
        text = self.text[sent.start_char:sent.end_char]
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        return self.span(start, end)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.article.text[start:end])

    def emit(self, relation: str, keys: list[str] | tuple[str, ...], sentence: Span, target: Span | None,
             confidence: float, rule: str, date: str | None = None, place: str | None = None,
             date_text: str | None = None, target_actors: tuple[Actor, ...] = ()) -> None:
        actors = tuple(self.index.actor(k) for k in dict.fromkeys(keys))
        self.statements.append(Statement(self.article.id, relation, actors, sentence, target, confidence, rule, date,
                                         place, date_text, target_actors))


def _checked(x: Extractor, rule: Rule, candidate: T, trigger: Token) -> T | None:
    """The candidate after the rule's checks (those whose `when` the trigger fits), or None."""
    for check in rule.checks:
        if candidate is None:
            return None
        if check.applies(trigger, x):
            candidate = CHECKS[check.name].run(x, candidate, trigger)
    return candidate


# ====================================================================================== events

def _event(x: Extractor, rule: Rule, trigger: Token, nodes: dict[str, Token], sent: SpacySpan) -> None:
    subjects = x.read_actors(rule, "subject", trigger, nodes)
    others = [k for k in x.read_actors(rule, "others", trigger, nodes) if k not in subjects]
    candidate = _checked(x, rule, EventCandidate(subjects, others), trigger)
    if candidate is None:
        return
    if not candidate.participants and trigger.pos_ in {"NOUN", "PROPN"}:
        x.context.point_back(trigger, sent)
        held = x.context.planned_meeting_held(trigger, sent) if rule.relation == MET else []
        if held:  # "... will hold monthly meetings. The first meeting was held yesterday."
            _emit_event(x, rule, MET, held, trigger, sent)
        return
    relation = rule.relation
    if relation == SPOKE and len(candidate.participants) >= 2:
        relation = x.context.medium(trigger, sent)
    for parties in _statements_of(x, rule, candidate, trigger):
        _emit_event(x, rule, relation, parties, trigger, sent)


def _statements_of(x: Extractor, rule: Rule, candidate: EventCandidate, trigger: Token) -> list[list[str]]:
    """The parties of each statement a candidate makes, by the rule's `emit`: one `group`; `pairs`
    of a subject and a partner (calls are one to one: "spoke with A and B" is two calls, and so are
    events the text tells apart: "held separate meetings with A and B"); or `stages` of a visit
    ("met bilaterally, then with A, and later with B": one meeting per stage)."""
    if rule.emit == "pairs" or (candidate.separate and candidate.others):
        return [[s, o] for s in candidate.subjects for o in candidate.others]
    if rule.emit == "stages":
        stages = x.args.with_stages(trigger)
        if len(stages) > 1:
            staged = {k for stage in stages for k in stage}
            base = [k for k in candidate.others if k not in staged]
            return [list(dict.fromkeys(candidate.subjects + base + stage)) for stage in stages]
    return [candidate.participants]


def _emit_event(x: Extractor, rule: Rule, relation: str, keys: list[str], trigger: Token, sent: SpacySpan) -> None:
    """A meeting or call, as its realis and context have it. A contact takes two: one whose
    participants are fewer once names of one actor are merged is no statement."""
    if len(set(keys)) < 2:
        return
    verdict = realis(trigger, rule.performative)
    if verdict != ASSERTED:
        if relation != MET or verdict not in UNREALISED_RELATION:
            return
        relation = UNREALISED_RELATION[verdict]
    date, date_text, place = x.context.when_and_where(relation, keys, trigger, sent)
    x.emit(relation, keys, x.sentence_span(sent), None, rule.confidence, rule.id, date=date, place=place,
           date_text=date_text)


# ====================================================================================== condemnations

def _condemnation(x: Extractor, rule: Rule, trigger: Token, nodes: dict[str, Token], sent: SpacySpan) -> None:
    if realis(trigger, rule.performative) != ASSERTED:
        return
    agents = x.read_actors(rule, "agent", trigger, nodes)
    phrase = x.read_phrase(rule, "target", trigger, nodes)
    if not agents or phrase is None:
        return
    if isinstance(phrase, Token):
        inside = phrase.left_edge.i <= trigger.i <= phrase.right_edge.i
        start, end = target_range(x.doc, phrase, x.args.subtree(phrase), without=trigger if inside else None)
    else:
        start, end = phrase.start, phrase.end
    target = x.span(*char_range(x.doc, start, end))
    named = tuple(x.index.actor(k) for k in _named_targets(x, phrase, start, end))
    for agent in agents:
        x.emit(CONDEMNED, (agent,), x.sentence_span(sent), target, rule.confidence, rule.id,
               target_actors=tuple(a for a in named if a.key != agent))


def _named_targets(x: Extractor, phrase: Token | TokenRange, start: int, end: int) -> list[str]:
    """The actors a condemned phrase is ("condemned Russia", "denounced Hamas and Hezbollah"): those
    whose mention heads the phrase or a conjunct of its head, not those it only mentions
    ("Russia's invasion" is an invasion)."""
    heads = [t for t in x.doc[start:end] if not start <= t.head.i < end or t.head.i == t.i] \
        if not isinstance(phrase, Token) else [phrase]
    tops = {t.i for h in heads for t in (h, *h.conjuncts) if start <= t.i < end}
    keys = [k for m in x.index.within(start, end) if m.head in tops for k in m.keys]
    return list(dict.fromkeys(keys))


# ====================================================================================== claims

def _claim(x: Extractor, rule: Rule, trigger: Token, nodes: dict[str, Token], sent: SpacySpan) -> None:
    """A reported statement. Speech inside a quote is the quote's, and a negated speech verb
    ("did not say that ...") reports no claim."""
    if x.quotes.at(trigger.idx) is not None or any(c.dep_ == "neg" for c in trigger.children):
        return
    phrase = x.read_phrase(rule, "content", trigger, nodes)
    if phrase is None:
        return
    start, end = trimmed(x.doc, x.args.subtree(phrase)) if isinstance(phrase, Token) else (phrase.start, phrase.end)
    first, last = char_range(x.doc, start, end)
    if end - start < MIN_CLAIM_TOKENS or any(is_mostly_quoted(first, last, q) for q in x.quotes.overlapping(first, last)):
        return  # a direct quote is claimed once, by the quote finder
    speaker = _checked(x, rule, x.read_actors(rule, "speaker", trigger, nodes)[:2], trigger)
    if speaker is None:
        return
    confidence = rule.confidence if speaker else round(rule.confidence * UNATTRIBUTED_FACTOR, 2)
    x.emit(ASSERTS, speaker, x.sentence_span(sent), x.span(first, last), confidence, rule.id)


_HANDLERS = {"event": _event, "condemned": _condemnation, "asserts": _claim}
