"""Statements out: one per fact (the most confident reading wins), and as JSON lines."""
from __future__ import annotations

from ..gazetteer import fold
from ..records import ASSERTS, CONDEMNED, Span, Statement


def dedupe(statements: list[Statement]) -> list[Statement]:
    """One statement per relation, participants and evidence; the most confident wins (the first
    of equals). A claim is attributed at most one way: where one rule found its speaker, the
    unattributed reading of the same words (or of a sentence that only contains them) is dropped."""
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


def _covers(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def as_json(statement: Statement) -> dict:
    """A statement as one line of `kg extract --format jsonl` (the scorer's contract), with the id
    of the rule that made it."""
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
        if statement.target_actors:
            record["object_actors"] = [a.label for a in statement.target_actors]
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
