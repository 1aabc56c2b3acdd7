"""Dependency patterns in spaCy's `DependencyMatcher` format, matched from their trigger word.

A pattern is a list of nodes. The first node is the trigger (`RIGHT_ID: trigger`); each later
node names a node already placed (`LEFT_ID`), a relation to it (`REL_OP`) and the attributes
of its own token (`RIGHT_ATTRS`):

    - {RIGHT_ID: trigger, RIGHT_ATTRS: {LEMMA: {IN: $meeting_nouns}, POS: {IN: [NOUN, PROPN]}}}
    - {LEFT_ID: trigger, REL_OP: ">", RIGHT_ID: partner_prep, RIGHT_ATTRS: {DEP: prep, LOWER: with}}

spaCy's own matcher runs every node's token test over the whole document; kg anchors each pattern
on the word of its trigger instead (its `LEMMA` or `LOWER`), so a document costs one dictionary
look-up per token plus a walk around the few tokens that are triggers, linear in the text
(`scripts/bench.py` holds extraction within 1.25x of the bare parse). The format is spaCy's,
and every pattern is also handed to spaCy's `DependencyMatcher` when rules are loaded, which
validates it. What kg reads differently, on purpose:

* `LEMMA` is compared in lower case ("Summit" tagged as a proper noun has the lemma "Summit");
* `_: {actor: true}` (or `false`) asks whether the token is part of a name kg found as an actor
  (or "I"/"we" in a quote whose speaker kg knows);
* the relation operators are the ones a rule can use without walking the whole tree:
  `>` (child), `<` (head), `.` (next token), `;` (previous token), `$+` / `$-` (the sibling
  right after / before), `$++` / `$--` (a sibling after / before).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from spacy.tokens import Token

#: Token attributes a pattern may test, and how kg reads them off a token.
ATTRIBUTES: dict[str, Callable[[Token], str]] = {
    "LEMMA": lambda t: t.lemma_.lower(),
    "LOWER": lambda t: t.lower_,
    "ORTH": lambda t: t.text,
    "TEXT": lambda t: t.text,
    "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "ENT_TYPE": lambda t: t.ent_type_,
}
OPERATORS = frozenset({">", "<", ".", ";", "$+", "$-", "$++", "$--"})
#: What a node may say under `_`: questions about the article that spaCy's token does not answer.
PREDICATES = frozenset({"actor"})
TRIGGER = "trigger"


class PatternError(ValueError):
    """A pattern kg cannot match: the message says which node and why."""


class Context(Protocol):
    """What matching needs from the article beyond the parse."""

    def dependents(self, token: Token) -> list[Token]: ...

    def is_actor(self, token: Token) -> bool: ...


TokenTest = Callable[[Token, Context], bool]


@dataclass(frozen=True)
class Node:
    name: str
    left: str | None  # the node this one is placed against (None for the trigger)
    op: str | None
    test: TokenTest


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern: its nodes in order, and the words its trigger is anchored on."""

    nodes: tuple[Node, ...]
    anchor_attr: str  # "LEMMA" or "LOWER"
    anchor_words: frozenset[str]

    def match(self, trigger: Token, context: Context) -> dict[str, Token] | None:
        """The tokens of the first way this pattern matches with `trigger` as its trigger, by node name."""
        if not self.nodes[0].test(trigger, context):
            return None
        return _bind(self.nodes, 1, {TRIGGER: trigger}, context)


def compile_pattern(nodes: list[dict[str, Any]], anchored: bool = True) -> Pattern:
    """A pattern from spaCy's format (with lexicon names already replaced by their words). An
    `unless` pattern is tried only at a trigger already found, so it need not be `anchored`."""
    if not isinstance(nodes, list) or not nodes:
        raise PatternError("a pattern is a non-empty list of nodes")
    first = nodes[0]
    if not isinstance(first, dict) or first.get("RIGHT_ID") != TRIGGER or set(first) - {"RIGHT_ID", "RIGHT_ATTRS"}:
        raise PatternError(f"the first node must be {{RIGHT_ID: {TRIGGER}, RIGHT_ATTRS: ...}}")
    attrs = first.get("RIGHT_ATTRS") or {}
    anchor_attr, anchor_words = _anchor(attrs) if anchored else ("", frozenset())
    compiled = [Node(TRIGGER, None, None, token_test(attrs, TRIGGER))]
    names = {TRIGGER}
    for node in nodes[1:]:
        if not isinstance(node, dict) or set(node) != {"LEFT_ID", "REL_OP", "RIGHT_ID", "RIGHT_ATTRS"}:
            raise PatternError(f"node {node!r}: needs exactly LEFT_ID, REL_OP, RIGHT_ID and RIGHT_ATTRS")
        name, left, op = node["RIGHT_ID"], node["LEFT_ID"], node["REL_OP"]
        if left not in names:
            raise PatternError(f"node {name!r}: LEFT_ID {left!r} is not a node placed before it")
        if name in names:
            raise PatternError(f"node {name!r}: the name is used twice")
        if op not in OPERATORS:
            raise PatternError(f"node {name!r}: REL_OP {op!r} is not one of {' '.join(sorted(OPERATORS))}")
        compiled.append(Node(name, left, op, token_test(node["RIGHT_ATTRS"] or {}, name)))
        names.add(name)
    return Pattern(tuple(compiled), anchor_attr, anchor_words)


def _anchor(attrs: dict[str, Any]) -> tuple[str, frozenset[str]]:
    """The words a trigger is found by: its LEMMA, else its LOWER, as one word or an IN list."""
    for attr in ("LEMMA", "LOWER"):
        value = attrs.get(attr)
        if isinstance(value, str):
            return attr, frozenset({value.lower()})
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return attr, frozenset(str(w).lower() for w in value["IN"])
    raise PatternError("the trigger must name its words: LEMMA or LOWER, a word or {IN: [...]}")


def token_test(attrs: dict[str, Any], node: str) -> TokenTest:
    """One function testing every attribute a node asks of its token."""
    if not isinstance(attrs, dict):
        raise PatternError(f"node {node!r}: RIGHT_ATTRS must be a mapping")
    tests: list[TokenTest] = []
    for attr, value in attrs.items():
        if attr == "_":
            tests.extend(_predicate_tests(value, node))
            continue
        read = ATTRIBUTES.get(attr)
        if read is None:
            raise PatternError(f"node {node!r}: kg does not read the attribute {attr!r} (it reads "
                               f"{', '.join(ATTRIBUTES)} and _)")
        tests.append(_value_test(read, value, f"node {node!r} {attr}", lower=attr == "LEMMA"))
    return lambda token, context: all(test(token, context) for test in tests)


def _value_test(read: Callable[[Token], str], value: Any, where: str, lower: bool) -> TokenTest:
    norm = (lambda w: str(w).lower()) if lower else str
    if isinstance(value, str):
        wanted = norm(value)
        return lambda token, _: read(token) == wanted
    if not isinstance(value, dict) or not value or set(value) - {"IN", "NOT_IN", "REGEX"}:
        raise PatternError(f"{where}: give a value, or {{IN: [...]}}, {{NOT_IN: [...]}} or {{REGEX: ...}}")
    tests: list[TokenTest] = []
    for op, operand in value.items():
        if op == "REGEX":
            regex = re.compile(str(operand))
            tests.append(lambda token, _, r=regex: r.search(read(token)) is not None)
            continue
        if not isinstance(operand, list) or not all(isinstance(w, str) for w in operand):
            raise PatternError(f"{where}: {op} takes a list of words (or a $class), got {operand!r}")
        words = frozenset(norm(w) for w in operand)
        inside = op == "IN"
        tests.append(lambda token, _, ws=words, inside=inside: (read(token) in ws) == inside)
    return lambda token, context: all(test(token, context) for test in tests)


def _predicate_tests(value: Any, node: str) -> list[TokenTest]:
    if not isinstance(value, dict) or set(value) - PREDICATES or not all(isinstance(v, bool) for v in value.values()):
        raise PatternError(f"node {node!r}: _ takes {{actor: true}} or {{actor: false}}")
    return [lambda token, context, want=want: context.is_actor(token) == want for want in value.values()]


def _bind(nodes: tuple[Node, ...], at: int, bound: dict[str, Token], context: Context) -> dict[str, Token] | None:
    """Place nodes[at:] given the tokens already bound, trying candidates in document order."""
    if at == len(nodes):
        return bound
    node = nodes[at]
    for candidate in _candidates(node.op, bound[node.left], context):
        if node.test(candidate, context):
            found = _bind(nodes, at + 1, {**bound, node.name: candidate}, context)
            if found is not None:
                return found
    return None


def _candidates(op: str | None, left: Token, context: Context) -> Iterator[Token]:
    doc = left.doc
    if op == ">":
        yield from context.dependents(left)
    elif op == "<":
        if left.head.i != left.i:
            yield left.head
    elif op == ".":
        if left.i + 1 < len(doc):
            yield doc[left.i + 1]
    elif op == ";":
        if left.i > 0:
            yield doc[left.i - 1]
    elif op in {"$+", "$-", "$++", "$--"} and left.head.i != left.i:
        siblings = [s for s in context.dependents(left.head) if s.i != left.i]
        if op == "$+":
            yield from (s for s in siblings if s.i == left.i + 1)
        elif op == "$-":
            yield from (s for s in siblings if s.i == left.i - 1)
        elif op == "$++":
            yield from (s for s in siblings if s.i > left.i)
        else:
            yield from (s for s in siblings if s.i < left.i)
