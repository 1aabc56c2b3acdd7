"""Score kg's own extraction against a hand-annotated gold file: overall, per extraction rule, miss by miss.

The gold file is `{"about", "actors", "docs": {ID: {...}}}` (README, "Measuring kg on your own news"; the
evaluation's ANNOTATION.md says what each list means). Predictions are `kg extract --format jsonl` records,
one statement each (`kg.extract.as_json`).

The overall numbers (`Evaluation.overall`) follow the development scorer, `score.py`, exactly, so that a
developer can trust `kg evaluate` in its place:

* actor labels resolve through the gold alias table: case and punctuation folded (every character other
  than a-z and 0-9 is a space, accented letters included), whole-word containment, the longest alias
  wins, two actors tied on the longest alias resolve to neither;
* met and phoned are scored on pairs of actors (every pair of a `participants` list). A pair is a true
  positive when required, or when it is a `contact` pair (a conversation of unknown medium, accepted as
  either relation); acceptable, never counted, when in `*_optional`, `*_group_optional` (any two of the
  names) or `contact_optional`; a false positive otherwise, and so is every pair with an actor the table
  does not know. A `contact` pair predicted as neither relation is one miss, counted under met. A pair
  in `not_*` is a violation;
* a condemnation is a hit when its agent is one of the item's agents and its target phrase (24 words at
  most) holds a keyword of every OR-group; statements matching the same item count once, unmatched ones
  (counted once per agent and target) are false positives, and those matching `not_condemned` violations;
* a claim item is found when a claim's text holds all its keys and its speaker is acceptable ("*": any
  speaker or none). One claim text given to more than two speakers is a violation;
* a `foreign_language` article is not scored: any statement from it is a violation;
* an article is matched on the last segment of the record's `article`, without extension.

On top of them, `Evaluation.rules` tells how each extraction rule (a record's `rule`) fares, and
`Evaluation.misses` lists every gold item missed and every wrong or forbidden statement, with the rule
that produced it and its sentence, so that a developer can see which construction to work on.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .records import ASSERTS, CONDEMNED, MET, PHONED

if TYPE_CHECKING:
    from .records import ArticleExtraction

#: A condemned target longer than this many words is a sentence, not a target phrase: it matches nothing.
MAX_TARGET_WORDS = 24
PAIR_RELATIONS = (MET, PHONED)
#: The relations with precision and recall, in table order; "relations" is their sum.
RELATION_SCORES = (MET, PHONED, CONDEMNED)
SCORED_RELATIONS = (MET, PHONED, CONDEMNED, ASSERTS)
#: A contact pair ("A spoke with B") is accepted as met or phoned; a contact missed is counted under met.
CONTACT = "contact"
#: The rule id shown for a record that carries none.
NO_RULE = "(none)"
#: The kinds of `Miss`.
MISSED, WRONG, TRAP = "missed", "wrong", "trap"
_MATCHED, _ACCEPTABLE = "matched", "acceptable"

Record = Mapping[str, Any]
Pair = tuple[str, str]


# --- matching primitives ------------------------------------------------------------------------

def fold(text: Any) -> str:
    """`text` lower-cased, every run of characters other than a-z and 0-9 one space (as the scorer
    folds labels and claim texts: "Erdoğan" is "erdo an", and so is the gold alias)."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", (text or "").lower()).split())


def article_id(value: Any) -> str:
    """The gold id a record's `article` names: its last path segment, without extension."""
    last = re.split(r"[/#]", str(value or "").rstrip("/"))[-1]
    return re.sub(r"\.(txt|html?|json|jsonl|md)$", "", last)


def pair(a: str, b: str) -> Pair:
    """Two names as an unordered pair."""
    return (a, b) if a <= b else (b, a)


def target_ok(cnf: Sequence[Sequence[str]], text: str | None) -> bool:
    """True when `text` holds a keyword of every OR-group of `cnf` (lower-case substrings)."""
    lowered = (text or "").lower()
    return all(any(keyword in lowered for keyword in group) for group in cnf)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1. With nothing predicted precision is 1 if nothing was missed (else 0);
    with nothing to find recall is 1."""
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class ActorTable:
    """The gold actors: canonical name -> aliases, for resolving predicted labels and finding mentions."""

    def __init__(self, table: Mapping[str, Sequence[str]]) -> None:
        self._aliases = [(fold(alias), canon) for canon, aliases in table.items() for alias in [*aliases, canon]]
        self._of: dict[str, set[str]] = defaultdict(set)
        for alias, canon in self._aliases:
            if alias:
                self._of[canon].add(alias)

    def resolve(self, label: Any) -> str | None:
        """The actor `label` names: the one whose longest alias is contained in it, word by word;
        None when no alias is, or when two actors have an alias of that length in it."""
        padded = f" {fold(label)} "
        if not padded.strip():
            return None
        found = [(len(alias), canon) for alias, canon in self._aliases if alias and f" {alias} " in padded]
        if not found:
            return None
        longest = max(length for length, _ in found)
        winners = {canon for length, canon in found if length == longest}
        return winners.pop() if len(winners) == 1 else None

    def mentioned(self, actor: str, sentence: str) -> bool:
        """True when `sentence` names `actor` by one of its aliases (by its own name if the table lacks it)."""
        padded = f" {fold(sentence)} "
        return any(f" {alias} " in padded for alias in self._of.get(actor) or {fold(actor)} if alias)


# --- results ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Score:
    """True positives, false positives and false negatives of one relation (or of all three)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]

    def to_dict(self) -> dict[str, Any]:
        """As the scorer reports it: counts, and P/R/F1 rounded to three decimals."""
        p, r, f = prf(self.tp, self.fp, self.fn)
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


@dataclass
class RuleRow:
    """How one extraction rule fares.

    Units: for met and phoned, distinct actor pairs per article (a meeting of three is three pairs;
    the same pair produced twice by the rule in one article counts once); for condemned and asserts,
    statements. A pair or statement is credited to every rule that produced it, so the rows can add
    up to more than the overall counts.

    * statements: the rule's records in the gold's articles (relations the scorer ignores included);
    * matched: met/phoned pairs required or an accepted contact; condemnations matching a required
      item; claims satisfying a gold claim item;
    * acceptable: pairs or condemnations only in `*_optional` (neither good nor bad);
    * wrong: met/phoned pairs not in the gold, unknown actors included; condemnations the scorer counts
      wrong; claims misattributed (their text holds every key of a gold item whose speaker they miss);
    * traps: of these, the pairs or statements the gold forbids (`not_*`, a claim given to three or more
      speakers, any statement from a text not in English).
    """

    rule: str
    relations: list[str] = field(default_factory=list)
    statements: int = 0
    matched: int = 0
    acceptable: int = 0
    wrong: int = 0
    traps: int = 0

    @property
    def precision(self) -> float | None:
        """matched / (matched + wrong); None when the rule produced neither."""
        judged = self.matched + self.wrong
        return self.matched / judged if judged else None


@dataclass(frozen=True)
class Miss:
    """A gold item kg missed (`kind` "missed"), or a statement that is not in the gold ("wrong") or that
    the gold forbids ("trap"). `relation` is met, phoned, contact, condemned or asserts; `rule` and
    `sentence` are the statement's; `context` holds, for a missed item, the first sentences of the
    article that mention its actors (the construction kg did not read)."""

    article: str
    relation: str
    kind: str
    what: str
    rule: str | None = None
    sentence: str | None = None
    context: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The miss for a terminal: one heading line, then its sentence or context, indented."""
        head = f"{self.article}  {self.relation:<9} {self.kind.upper():<6}  {self.what}"
        if self.rule is not None:
            head += f"  [{self.rule}]"
        quoted = [f"    sentence: {_one_line(self.sentence)}"] if self.sentence else []
        return [head, *quoted, *(f"    context: {_one_line(s)}" for s in self.context)]


@dataclass
class Evaluation:
    """The outcome of `evaluate`: the scorer's numbers, the per-rule table and the misses."""

    scores: dict[str, Score]  # met, phoned, condemned, and "relations" (their sum)
    claims_found: int
    claims_total: int
    violations: list[str]
    rules: list[RuleRow]  # most statements first
    misses: list[Miss]

    @property
    def claims_recall(self) -> float:
        return self.claims_found / self.claims_total if self.claims_total else 1.0

    def overall(self) -> dict[str, Any]:
        """The overall numbers, exactly as `score.py --json` prints them."""
        result: dict[str, Any] = {name: score.to_dict() for name, score in self.scores.items()}
        result["claims"] = {"found": self.claims_found, "total": self.claims_total,
                            "recall": round(self.claims_recall, 3) if self.claims_total else 1.0}
        result["violations"] = list(self.violations)
        return result

    def misses_of(self, rule: str | None = None) -> list[Miss]:
        """Every miss, or only the statements `rule` produced."""
        return [m for m in self.misses if rule is None or m.rule == rule]

    def to_json(self, rule: str | None = None) -> str:
        """Everything as JSON: the scorer's numbers, "rules" (with precision) and "misses" (of `rule` if given)."""
        data = self.overall()
        data["rules"] = [{**asdict(row), "precision": _rounded(row.precision)} for row in self.rules]
        data["misses"] = [asdict(m) for m in self.misses_of(rule)]
        return json.dumps(data, ensure_ascii=False, indent=2)

    def summary_line(self) -> str:
        """The scorer's last line: relations F1, P, R, claims recall, number of violations."""
        result = self.overall()
        m, claims = result["relations"], result["claims"]
        return (f"relations F1={m['f1']:.3f} P={m['precision']:.3f} R={m['recall']:.3f} "
                f"claims R={claims['recall']:.3f} violations={len(self.violations)}")

    def score_lines(self) -> list[str]:
        """The per-relation table, claims recall, the violations and the summary line, as the scorer prints them."""
        result = self.overall()
        out = [f"{'relation':<10} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
        for name in (*RELATION_SCORES, "relations"):
            m = result[name]
            out.append(f"{name:<10} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}   "
                       f"{m['tp']}/{m['fp']}/{m['fn']}")
        claims = result["claims"]
        out.append(f"claims recall {claims['recall']:.3f} ({claims['found']}/{claims['total']})")
        out += [f"VIOLATION {v}" for v in self.violations]
        return out + [self.summary_line()]

    def rule_lines(self) -> list[str]:
        """The per-rule table, most statements first."""
        width = max([len("rule"), *(len(row.rule) for row in self.rules)])
        rel_width = max([len("relations"), *(len(", ".join(row.relations)) for row in self.rules)])
        out = [f"{'rule':<{width}}  {'relations':<{rel_width}}  statements  matched  acceptable  wrong  traps  "
               "precision"]
        for row in self.rules:
            precision = "-" if row.precision is None else f"{row.precision:.3f}"
            out.append(f"{row.rule:<{width}}  {', '.join(row.relations):<{rel_width}}  {row.statements:>10}  "
                       f"{row.matched:>7}  {row.acceptable:>10}  {row.wrong:>5}  {row.traps:>5}  {precision:>9}")
        return out

    def miss_lines(self, rule: str | None = None) -> list[str]:
        """The misses (of `rule` if given) for a terminal."""
        return [line for miss in self.misses_of(rule) for line in miss.lines()]


# --- scoring ------------------------------------------------------------------------------------

def evaluate(gold: Mapping[str, Any], predictions: Iterable[Record],
             texts: Mapping[str, str] | None = None) -> Evaluation:
    """Score `predictions` (`kg extract --format jsonl` records) against `gold`.

    `texts` (article id -> the article's text) is optional: with it, each missed item comes with the
    sentences of the article that mention its actors. Records of articles the gold does not hold are
    ignored, as are relations other than met, phoned, condemned and asserts (but the per-rule table
    counts the latter among a rule's statements)."""
    actors = ActorTable(gold["actors"])
    by_doc: dict[str, list[Record]] = defaultdict(list)
    for record in predictions:
        by_doc[article_id(record.get("article"))].append(record)
    text_of = {article_id(key): text for key, text in (texts or {}).items()}
    tally = _Tally()
    for doc, entry in gold["docs"].items():
        _ArticleScorer(doc, entry, by_doc.get(doc, []), actors, text_of.get(doc), tally).score()
    return tally.evaluation()


class _Tally:
    """What the articles add up to, while they are scored one after the other."""

    def __init__(self) -> None:
        self.scores = {name: Score() for name in RELATION_SCORES}
        self.claims_found = 0
        self.claims_total = 0
        self.violations: list[str] = []
        self.rules: dict[str, RuleRow] = {}
        self.misses: list[Miss] = []

    def add(self, relation: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.scores[relation] += Score(tp, fp, fn)

    def row(self, record: Record) -> RuleRow:
        """The per-rule row of the rule that produced `record`."""
        rule = _rule(record)
        return self.rules.setdefault(rule, RuleRow(rule))

    def evaluation(self) -> Evaluation:
        scores = dict(self.scores)
        scores["relations"] = sum(self.scores.values(), Score())
        for row in self.rules.values():
            row.relations.sort()
        rules = sorted(self.rules.values(), key=lambda row: (-row.statements, row.rule))
        return Evaluation(scores, self.claims_found, self.claims_total, self.violations, rules, self.misses)


class _ArticleScorer:
    """Scores one gold article against the records predicted for it, into a `_Tally`."""

    def __init__(self, doc: str, entry: Mapping[str, Any], records: list[Record], actors: ActorTable,
                 text: str | None, tally: _Tally) -> None:
        self.doc = doc
        self.entry = entry
        self.records = records
        self.actors = actors
        self.sentences = split_sentences(text) if text else []
        self.tally = tally

    def score(self) -> None:
        """Every relation of the article, in the scorer's order (which is the order of the violations)."""
        self._count_statements()
        if self.entry.get("foreign_language"):
            self._foreign()
            return
        for relation in PAIR_RELATIONS:
            self._pairs(relation)
        self._contacts()
        self._condemned()
        self._claims()

    def _count_statements(self) -> None:
        """Every record of the article counts among its rule's statements, whatever its relation."""
        for record in self.records:
            row = self.tally.row(record)
            row.statements += 1
            relation = str(record.get("relation"))
            if relation not in row.relations:
                row.relations.append(relation)

    def _of(self, relation: str) -> list[Record]:
        return [r for r in self.records if r.get("relation") == relation]

    def _miss(self, relation: str, kind: str, what: str, record: Record | None = None,
              context: tuple[str, ...] = ()) -> None:
        rule, sentence = (_rule(record), record.get("sentence")) if record is not None else (None, None)
        self.tally.misses.append(Miss(self.doc, relation, kind, what, rule, sentence, context))

    # -- an article not in English: nothing may be extracted from it

    def _foreign(self) -> None:
        scored = [r for r in self.records if r.get("relation") in SCORED_RELATIONS]
        if scored:
            self.tally.violations.append(f"{self.doc}: {len(scored)} statements extracted from a text not in English")
        for record in scored:
            self.tally.row(record).traps += 1
            self._miss(str(record.get("relation")), TRAP, "a statement from a text not in English", record)

    # -- met and phoned: pairs of actors

    def _pair_gold(self, relation: str) -> tuple[set[Pair], set[Pair], set[Pair]]:
        """The required, acceptable and forbidden pairs of `relation` (contact pairs apart)."""
        entry = self.entry
        required = {pair(*p) for p in entry.get(relation, [])}
        optional = {pair(*p) for p in entry.get(relation + "_optional", [])}
        optional |= {pair(*p) for p in entry.get("contact_optional", [])}
        optional |= {pair(a, b) for a, b in combinations(entry.get(relation + "_group_optional", []), 2)}
        forbidden = {pair(*p) for p in entry.get("not_" + relation, [])}
        return required, optional, forbidden

    def _predicted_pairs(self, relation: str) -> tuple[dict[Pair, list[Record]], dict[Pair, list[Record]]]:
        """The resolved pairs and the pairs with an unknown actor (by the labels) of the `relation`
        records, each with the records that gave it."""
        resolved: dict[Pair, list[Record]] = defaultdict(list)
        unresolved: dict[Pair, list[Record]] = defaultdict(list)
        for record in self._of(relation):
            names = _names(record)
            canon = [self.actors.resolve(name) for name in names]
            for (name_a, a), (name_b, b) in combinations(zip(names, canon), 2):
                if a and b:
                    if a != b:
                        resolved[pair(a, b)].append(record)
                else:
                    unresolved[pair(str(name_a), str(name_b))].append(record)
        return resolved, unresolved

    def _pairs(self, relation: str) -> None:
        required, optional, forbidden = self._pair_gold(relation)
        resolved, unresolved = self._predicted_pairs(relation)
        predicted = set(resolved)
        accepted = required | {p for p in self._contact_pairs() if p in predicted}
        wrong = predicted - accepted - optional
        self.tally.add(relation, tp=len(predicted & accepted), fp=len(wrong) + len(unresolved),
                       fn=len(required - predicted))
        for p in sorted(predicted & forbidden):  # sorted: score.py lists these in a set's (hash) order
            self.tally.violations.append(f"{self.doc}: {relation} {p[0]} / {p[1]} is not in the text as a "
                                         f"{relation} that took place")
        for p in sorted(required - predicted):
            self._miss(relation, MISSED, f"{p[0]} / {p[1]}", context=self._context(p))
        for p, records in sorted(resolved.items()):
            status = _MATCHED if p in accepted else _ACCEPTABLE if p in optional else WRONG
            self._credit_pair(relation, f"{p[0]} / {p[1]}", records, status, p in forbidden)
        for p, records in sorted(unresolved.items()):
            self._credit_pair(relation, f"unknown actor: {p[0]!r} / {p[1]!r}", records, WRONG, False)

    def _credit_pair(self, relation: str, what: str, records: list[Record], status: str, trap: bool) -> None:
        """Count one predicted pair once for each rule that produced it; list it when wrong or forbidden."""
        first_of_rule: dict[str, Record] = {}
        for record in records:
            first_of_rule.setdefault(_rule(record), record)
        for record in first_of_rule.values():
            row = self.tally.row(record)
            row.matched += status == _MATCHED
            row.acceptable += status == _ACCEPTABLE
            row.wrong += status == WRONG
            row.traps += trap
            if trap:
                self._miss(relation, TRAP, f"{what}: not a {relation} that took place", record)
            elif status == WRONG:
                self._miss(relation, WRONG, what, record)

    def _contact_pairs(self) -> set[Pair]:
        return {pair(*p) for p in self.entry.get(CONTACT, [])}

    def _contacts(self) -> None:
        """A contact pair predicted as neither met nor phoned is one miss, under met."""
        for p in sorted(self._contact_pairs()):
            if not any(set(p) <= {self.actors.resolve(n) for n in _names(r)}
                       for r in self.records if r.get("relation") in PAIR_RELATIONS):
                self.tally.add(MET, fn=1)
                self._miss(CONTACT, MISSED, f"{p[0]} / {p[1]}", context=self._context(p))

    # -- condemned: agent and target phrase

    def _condemned(self) -> None:
        required = self.entry.get("condemned", [])
        matched: set[int] = set()
        wrong: set[tuple[str, str]] = set()
        for record in self._of(CONDEMNED):
            hit, flaw = self._condemnation(record, required)
            if hit is not None:
                matched.add(hit)
            if flaw is not None:
                wrong.add(flaw)
        self.tally.add(CONDEMNED, tp=len(matched), fp=len(wrong), fn=len(required) - len(matched))
        for i, item in enumerate(required):
            if i not in matched:
                self._miss(CONDEMNED, MISSED, f"{item['agent'][0]} -> {item['target']}",
                           context=self._context(item["agent"], item["target"]))

    def _condemnation(self, record: Record, required: list[dict]) -> tuple[int | None, tuple[str, str] | None]:
        """Judge one condemned statement: the index of the required item it matches (the first one), or
        else, if no optional item accepts it, its (agent, target) as the scorer counts a wrong one."""
        agent = self.actors.resolve(record.get("subject"))
        said = target = record.get("object") or ""
        if len(target.split()) > MAX_TARGET_WORDS:  # a whole sentence is not a target phrase
            target = "<too long: " + target[:40] + ">"
        row = self.tally.row(record)
        hit = next((i for i, item in enumerate(required) if _condemns(item, agent, target)), None)
        if hit is not None:
            row.matched += 1
            return hit, None
        if any(_condemns(item, agent, target) for item in self.entry.get("condemned_optional", [])):
            row.acceptable += 1
            return None, None
        row.wrong += 1
        trap = any(_condemns(item, agent, said) for item in self.entry.get("not_condemned", []))
        if trap:
            row.traps += 1
            self.tally.violations.append(f"{self.doc}: condemned by {agent}: '{target}' is not a condemnation "
                                         "in the article")
        who = agent or f"?{record.get('subject')}"
        self._miss(CONDEMNED, TRAP if trap else WRONG, f"{who} -> {target!r}", record)
        return None, (who, target.lower().strip())

    # -- claims

    def _claims(self) -> None:
        claims = self._of(ASSERTS)
        crowded = self._crowded_claims(claims)
        items = self.entry.get("claims", [])
        self.tally.claims_total += len(items)
        for item in items:
            if any(self._claim_ok(item, record) for record in claims):
                self.tally.claims_found += 1
            else:
                self._miss(ASSERTS, MISSED, f"{item['speaker'][0]}: {item['keys']}", context=self._keyed(item))
        for record in claims:
            self._credit_claim(record, items, crowded)

    def _crowded_claims(self, claims: list[Record]) -> set[str]:
        """The (folded) claim texts given to more than two speakers, each a violation."""
        speakers_of: dict[str, set[str]] = defaultdict(set)
        for record in claims:
            speaker = record.get("speaker")
            speakers_of[fold(record.get("object"))].add(self.actors.resolve(speaker) or fold(speaker))
        crowded = {text for text, speakers in speakers_of.items() if len(speakers) > 2}
        for text in (t for t in speakers_of if t in crowded):
            self.tally.violations.append(f"{self.doc}: one claim given {len(speakers_of[text])} different "
                                         f"speakers: '{text[:60]}'")
        return crowded

    def _claim_ok(self, item: Mapping[str, Any], record: Record) -> bool:
        return _has_keys(item, record) and self._speaker_ok(item, record)

    def _speaker_ok(self, item: Mapping[str, Any], record: Record) -> bool:
        return "*" in item["speaker"] or self.actors.resolve(record.get("speaker")) in item["speaker"]

    def _credit_claim(self, record: Record, items: list[dict], crowded: set[str]) -> None:
        """A claim satisfying an item is matched; one holding an item's keys without its speaker is
        misattributed (wrong); one whose text went to three speakers or more is a trap."""
        row = self.tally.row(record)
        if any(self._claim_ok(item, record) for item in items):
            row.matched += 1
        else:
            item = next((i for i in items if _has_keys(i, record)), None)
            if item is not None:
                row.wrong += 1
                speaker = record.get("speaker")
                given = f"given to {speaker!r}" if speaker else "given no speaker"
                self._miss(ASSERTS, WRONG, f"{given}, the gold's speaker is {item['speaker'][0]}: {item['keys']}",
                           record)
        if fold(record.get("object")) in crowded:
            row.traps += 1
            self._miss(ASSERTS, TRAP, f"one claim, three speakers or more: {record.get('speaker')!r}", record)

    # -- context for missed items

    def _context(self, actors: Sequence[str], cnf: Sequence[Sequence[str]] | None = None) -> tuple[str, ...]:
        """For a missed pair: the first sentence naming both actors, else each actor's first sentence.
        For a missed condemnation (`actors` are the acceptable agents, best first; `cnf` the target):
        the first sentence naming the best agent that has one with the target's keywords, else the
        first sentence naming any agent."""
        if cnf is not None:
            return self._condemnation_context(actors, cnf)
        both = next((s for s in self.sentences if all(self.actors.mentioned(a, s) for a in actors)), None)
        if both:
            return (both,)
        firsts = (next((s for s in self.sentences if self.actors.mentioned(a, s)), None) for a in actors)
        return tuple(dict.fromkeys(s for s in firsts if s))

    def _condemnation_context(self, agents: Sequence[str], cnf: Sequence[Sequence[str]]) -> tuple[str, ...]:
        for agent in agents:
            found = next((s for s in self.sentences if self.actors.mentioned(agent, s) and target_ok(cnf, s)), None)
            if found:
                return (found,)
        found = next((s for s in self.sentences if any(self.actors.mentioned(a, s) for a in agents)), None)
        return (found,) if found else ()

    def _keyed(self, item: Mapping[str, Any]) -> tuple[str, ...]:
        """For a missed claim: the first sentence holding all its keys, if one does."""
        found = next((s for s in self.sentences if all(k in s.lower() for k in item["keys"])), None)
        return (found,) if found else ()


def _rule(record: Record) -> str:
    return str(record.get("rule") or NO_RULE)


def _names(record: Record) -> list[Any]:
    """The actor labels of a met/phoned record: its participants, else subject and object."""
    return record.get("participants") or [record.get("subject"), record.get("object")]


def _condemns(item: Mapping[str, Any], agent: str | None, target: str) -> bool:
    return agent in item["agent"] and target_ok(item["target"], target)


def _has_keys(item: Mapping[str, Any], record: Record) -> bool:
    text = (record.get("object") or "").lower()
    return all(key in text for key in item["keys"])


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(\[]?[A-Z0-9])|(?<=[.!?][\"'”’)\]])\s+|\n\s*")


def split_sentences(text: str) -> list[str]:
    """`text` cut into sentences, roughly (at ., ! or ? before a capital, and at line breaks): enough
    to show a developer where an actor is named, with no parser to load."""
    return [s.strip() for s in _SENTENCE_BREAK.split(text) if s and s.strip()]


# --- inputs -------------------------------------------------------------------------------------

def load_gold(path: str | Path) -> dict[str, Any]:
    """A gold file, checked for the two keys scoring needs."""
    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(gold, dict) or not isinstance(gold.get("actors"), dict) or not isinstance(gold.get("docs"), dict):
        raise ValueError(f"{path}: not a gold file (a JSON object with 'actors' and 'docs')")
    return gold


def read_predictions(path: str | Path) -> list[dict[str, Any]]:
    """The records of a `kg extract --format jsonl` file (blank lines skipped)."""
    records = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}: line {number}: malformed JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{path}: line {number}: not a JSON object")
            records.append(record)
    return records


def predictions_of(results: Iterable[ArticleExtraction]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The `kg extract --format jsonl` records of extraction results, and their articles' texts by id."""
    from .extract import as_json  # here, not above: scoring a JSONL file loads no spaCy

    records: list[dict[str, Any]] = []
    texts: dict[str, str] = {}
    for result in results:
        texts[result.article.id] = result.article.text
        records += [as_json(statement) for statement in result.statements]
    return records, texts


def texts_of(sources: Iterable[str], on_problem: Callable[[Any], None]) -> dict[str, str]:
    """Article id -> text of `sources`, read but not parsed (the context of misses for scored predictions)."""
    from .ingest import iter_articles

    return {article.id: article.text for article in iter_articles(sources, on_problem)}
