"""Extraction rules, read from the YAML files in `kg/rules/` and checked when they are loaded.

A rule file is a list of rules. A rule says which statement it proposes and where:

    - id: met-verb                        # unique; every statement names the rule that made it
      relation: met                       # met | phoned | spoke | condemned | asserts
      confidence: 0.85
      doc: A meeting verb: its subject meets its objects.
      priority: 10                        # on one trigger, the rule of highest priority applies
      pattern:                            # spaCy DependencyMatcher format, see kg.extract.matcher
        - {RIGHT_ID: trigger, RIGHT_ATTRS: {LEMMA: {IN: $symmetric_meeting_verbs}, TAG: {REGEX: ^VB}}}
      unless:                             # patterns that, matched at the same trigger, rule it out
        - [...]
      subject: [subject]                  # argument readers (kg.extract.arguments), by role
      others: [objects, with_phrases]
      require: [subject_is_person]        # named checks, each optionally `when` the trigger matches
      emit: stages                        # how participants become statements (events only)
      examples:                           # each must produce the statement (tests/test_rules.py)
        - {text: "A met B in Oslo.", participants: [A, B]}
      not_examples: ["A did not meet B."] # each must not produce it

Words in patterns are lexicon classes (`$name`, kg/rules/lexicon.yml) or single literal words.
The roles of a rule depend on its relation: events (met, phoned, spoke) have `subject` and
`others`; condemned has `agent` and `target`; asserts has `speaker` and `content`. A rule with
`finder:` instead of a pattern names code that proposes its statements (quotes, the article's own
voice): what truly needs code stays code, but it is still a rule with an id and examples.
Any mistake (an unknown class, reader or check, a malformed pattern, a rule without an example)
is a `RuleError` naming the file and the rule.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.matcher import DependencyMatcher
from spacy.tokens import Token
from spacy.vocab import Vocab

from ..lexicon import LEXICON, RULES_DIR, Lexicon, LexiconError, read_yaml
from ..records import ASSERTS, CONDEMNED, MET, PHONED, SPOKE
from .arguments import READERS
from .checks import CHECKS
from .finders import FINDERS
from .matcher import Context, Pattern, PatternError, TokenTest, compile_pattern, token_test

#: The statement families: on one trigger word, at most one rule of each family applies.
FAMILIES = {MET: "event", PHONED: "event", SPOKE: "event", CONDEMNED: "condemned", ASSERTS: "asserts"}
#: The argument roles of each family, and whether a role takes a list of readers or one.
ROLES = {"event": {"subject": list, "others": list}, "condemned": {"agent": list, "target": str},
         "asserts": {"speaker": list, "content": str}}
EMIT_MODES = frozenset({"group", "pairs", "stages"})
_FIELDS = frozenset({"id", "relation", "confidence", "doc", "priority", "pattern", "patterns", "unless", "require",
                     "emit", "performative", "examples", "not_examples", "finder", "subject", "others", "agent",
                     "target", "speaker", "content"})
_EXAMPLE_FIELDS = {"event": {"text", "participants", "relation"}, "condemned": {"text", "agent", "target"},
                   "asserts": {"text", "speaker", "claim"}}


class RuleError(ValueError):
    """A rule file entry kg cannot use; the message starts with the file and the rule id."""


@dataclass(frozen=True)
class Reader:
    """An argument reader named in a rule, with its parameter (a node name or a word list)."""

    name: str
    param: Any = None


@dataclass(frozen=True)
class Check:
    """A named check a candidate must pass, only for triggers that pass `when` (if given)."""

    name: str
    when: TokenTest | None = None

    def applies(self, trigger: Token, context: Context) -> bool:
        return self.when is None or self.when(trigger, context)


@dataclass(frozen=True)
class Example:
    """A sentence a rule must read, and what it must read from it."""

    text: str
    expect: Mapping[str, Any]


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    relation: str
    confidence: float
    doc: str
    source: str  # the rule file
    priority: int = 0
    patterns: tuple[Pattern, ...] = ()
    unless: tuple[Pattern, ...] = ()
    roles: Mapping[str, Any] = field(default_factory=dict)  # role -> tuple[Reader, ...] or Reader
    checks: tuple[Check, ...] = ()
    emit: str = "group"
    performative: bool = False
    finder: str | None = None
    examples: tuple[Example, ...] = ()
    not_examples: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        return FAMILIES[self.relation]

    def match(self, trigger: Token, context: Context) -> dict[str, Token] | None:
        """The nodes of the first of this rule's patterns that matches at `trigger`, unless one
        of its `unless` patterns matches there too."""
        for pattern in self.patterns:
            nodes = pattern.match(trigger, context)
            if nodes is not None:
                if any(u.match(trigger, context) is not None for u in self.unless):
                    return None
                return nodes
        return None


@dataclass(frozen=True)
class RuleSet:
    """The rules kg extracts with, highest priority first, indexed by the words of their triggers."""

    rules: tuple[Rule, ...]
    by_lemma: Mapping[str, tuple[Rule, ...]]
    by_lower: Mapping[str, tuple[Rule, ...]]

    def candidates(self, token: Token) -> tuple[Rule, ...]:
        """Rules whose trigger word this token is, in priority order (a dictionary look-up)."""
        by_lemma = self.by_lemma.get(token.lemma_.lower(), ())
        by_lower = self.by_lower.get(token.lower_, ()) if self.by_lower else ()
        if not by_lower:
            return by_lemma
        return tuple(r for r in self.rules if r in by_lemma or r in by_lower)

    def finders(self) -> list[Rule]:
        return [r for r in self.rules if r.finder]

    def __getitem__(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def load_rules(directory: Path = RULES_DIR, lexicon: Lexicon = LEXICON) -> RuleSet:
    """Every rule of every `*.yml` file in `directory` but the lexicon, checked."""
    rules: list[tuple[int, int, Rule]] = []
    seen: dict[str, str] = {}
    validator = DependencyMatcher(Vocab(), validate=True)
    files = sorted(p for p in directory.glob("*.yml") if p.name != "lexicon.yml")
    for file_no, path in enumerate(files):
        entries = read_yaml(path)
        if isinstance(entries, dict) and set(entries) <= {"shapes", "rules"}:
            entries = entries.get("rules")  # `shapes` only holds YAML anchors the rules reuse
        if not isinstance(entries, list):
            raise RuleError(f"{path.name}: a rule file is a list of rules (or {{shapes: ..., rules: [...]}})")
        for n, entry in enumerate(entries):
            rule = _rule(entry, path.name, n, lexicon, validator, READERS, CHECKS, FINDERS)
            if rule.id in seen:
                raise RuleError(f"{path.name}: {rule.id}: the id is already used in {seen[rule.id]}")
            seen[rule.id] = path.name
            rules.append((-rule.priority, file_no * 10_000 + n, rule))
    ordered = tuple(r for _, _, r in sorted(rules, key=lambda x: x[:2]))
    return RuleSet(ordered, *_trigger_index(ordered))


def _trigger_index(rules: tuple[Rule, ...]) -> tuple[dict, dict]:
    by: dict[str, dict[str, list[Rule]]] = {"LEMMA": defaultdict(list), "LOWER": defaultdict(list)}
    for rule in rules:
        for pattern in rule.patterns:
            for word in pattern.anchor_words:
                if rule not in by[pattern.anchor_attr][word]:
                    by[pattern.anchor_attr][word].append(rule)
    return ({w: tuple(rs) for w, rs in by["LEMMA"].items()}, {w: tuple(rs) for w, rs in by["LOWER"].items()})


def _rule(entry: Any, source: str, n: int, lexicon: Lexicon, validator: DependencyMatcher,
          readers: Mapping[str, Any], checks: Mapping[str, Any], finders: Mapping[str, Any]) -> Rule:
    rule_id = entry.get("id") if isinstance(entry, dict) else None
    where = f"{source}: {rule_id or f'rule {n + 1}'}"
    try:
        return _build(entry, where, source, lexicon, validator, readers, checks, finders)
    except (PatternError, LexiconError) as error:
        raise RuleError(f"{where}: {error}") from None


def _build(entry: Any, where: str, source: str, lexicon: Lexicon, validator: DependencyMatcher,
           readers: Mapping[str, Any], checks: Mapping[str, Any], finders: Mapping[str, Any]) -> Rule:
    if not isinstance(entry, dict):
        raise RuleError(f"{where}: a rule is a mapping")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {sorted(unknown)}")
    for required in ("id", "relation", "confidence", "doc"):
        if required not in entry:
            raise RuleError(f"{where}: a rule needs '{required}'")
    relation = entry["relation"]
    if relation not in FAMILIES:
        raise RuleError(f"{where}: relation {relation!r} is not one of {', '.join(FAMILIES)}")
    confidence = entry["confidence"]
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise RuleError(f"{where}: confidence must be a number in (0, 1]")
    family = FAMILIES[relation]
    finder = entry.get("finder")
    raw_patterns = _raw_patterns(entry, where, finder)
    if finder is not None and finder not in finders:
        raise RuleError(f"{where}: no finder {finder!r} (there are: {', '.join(sorted(finders))})")
    expanded = [_expand(p, lexicon) for p in raw_patterns]
    unless = [_expand(p, lexicon) for p in _pattern_list(entry.get("unless", []), where, "unless")]
    for p in expanded + unless:
        _validate_with_spacy(validator, p, where)
    patterns = tuple(compile_pattern(p) for p in expanded)
    nodes = {node["RIGHT_ID"] for p in expanded for node in p}
    roles = {} if finder else _roles(entry, family, where, readers, nodes, lexicon)
    emit = entry.get("emit", "group")
    if emit not in EMIT_MODES or (emit != "group" and family != "event"):
        raise RuleError(f"{where}: emit {emit!r} is not one of {', '.join(sorted(EMIT_MODES))} (events only)")
    examples = _examples(entry, family, where)
    return Rule(
        id=str(entry["id"]), relation=relation, confidence=float(confidence), doc=str(entry["doc"]), source=source,
        priority=int(entry.get("priority", 0)), patterns=patterns,
        unless=tuple(compile_pattern(p, anchored=False) for p in unless), roles=roles,
        checks=tuple(_check(c, where, family, checks, lexicon) for c in entry.get("require", [])),
        emit=emit,
        performative=bool(entry.get("performative", False)), finder=finder, examples=examples,
        not_examples=tuple(str(t) for t in entry.get("not_examples", [])),
    )


def _raw_patterns(entry: dict, where: str, finder: str | None) -> list[list]:
    if finder is not None:
        if "pattern" in entry or "patterns" in entry:
            raise RuleError(f"{where}: a finder rule has no pattern")
        return []
    if ("pattern" in entry) == ("patterns" in entry):
        raise RuleError(f"{where}: give either 'pattern' (one) or 'patterns' (a list), or a 'finder'")
    return [entry["pattern"]] if "pattern" in entry else _pattern_list(entry["patterns"], where, "patterns")


def _pattern_list(value: Any, where: str, name: str) -> list[list]:
    if not isinstance(value, list) or not all(isinstance(p, list) for p in value):
        raise RuleError(f"{where}: '{name}' is a list of patterns (each a list of nodes)")
    return value


def _expand(value: Any, lexicon: Lexicon) -> Any:
    """A pattern with every `$class` replaced by the class's words (sorted, for a stable pattern);
    REL_OP values are operators, "$+" and "$++" among them, never classes."""
    if isinstance(value, str) and value.startswith("$"):
        return sorted(lexicon.words(value[1:]))
    if isinstance(value, list):
        return [_expand(v, lexicon) for v in value]
    if isinstance(value, dict):  # a sibling operator ("$+", "$++") is no class
        return {k: v if k == "REL_OP" else _expand(v, lexicon) for k, v in value.items()}
    return value


def _validate_with_spacy(validator: DependencyMatcher, pattern: list, where: str) -> None:
    try:
        validator.add("check", [pattern])
    except Exception as error:  # spaCy raises ValueError or its MatchPatternError
        message = " ".join(str(error).split())
        raise RuleError(f"{where}: spaCy rejects the pattern: {message}") from None
    validator.remove("check")


def _roles(entry: dict, family: str, where: str, readers: Mapping[str, Any], nodes: set[str],
           lexicon: Lexicon) -> dict[str, Any]:
    roles: dict[str, Any] = {}
    for role, shape in ROLES[family].items():
        value = entry.get(role)
        if value is None:
            if family != "event":
                raise RuleError(f"{where}: a {family} rule needs '{role}'")
            roles[role] = ()
            continue
        specs = value if shape is list else [value]
        if shape is list and not isinstance(value, list):
            raise RuleError(f"{where}: '{role}' is a list of readers")
        parsed = tuple(_reader(s, role, where, readers, nodes, lexicon) for s in specs)
        roles[role] = parsed if shape is list else parsed[0]
    for role in set(entry) & {r for shapes in ROLES.values() for r in shapes} - set(ROLES[family]):
        raise RuleError(f"{where}: a {family} rule has no role '{role}'")
    return roles


def _reader(spec: Any, role: str, where: str, readers: Mapping[str, Any], nodes: set[str],
            lexicon: Lexicon) -> Reader:
    if isinstance(spec, str):
        name, param = spec, None
    elif isinstance(spec, dict) and len(spec) == 1:
        (name, param), = spec.items()
    else:
        raise RuleError(f"{where}: {role}: a reader is a name or {{name: parameter}}, got {spec!r}")
    reader = readers.get(name)
    if reader is None or role not in reader.roles:
        known = sorted(n for n, r in readers.items() if role in r.roles)
        raise RuleError(f"{where}: {role}: no reader {name!r} (for {role}: {', '.join(known)})")
    if reader.takes == "node":
        if param not in nodes:
            raise RuleError(f"{where}: {role}: {name} needs a node of the pattern, got {param!r}")
    elif reader.takes == "words":
        if not (isinstance(param, str) and param.startswith("$")):
            raise RuleError(f"{where}: {role}: {name} takes a $class of words, got {param!r}")
        param = lexicon.words(param[1:])
    elif param is not None:
        raise RuleError(f"{where}: {role}: {name} takes no parameter")
    return Reader(name, param)


def _check(spec: Any, where: str, family: str, checks: Mapping[str, Any], lexicon: Lexicon) -> Check:
    if isinstance(spec, str):
        name, when = spec, None
    elif isinstance(spec, dict) and set(spec) == {"check", "when"}:
        name, when = spec["check"], token_test(_expand(spec["when"], lexicon), "when")
    else:
        raise RuleError(f"{where}: require: a check is a name or {{check: NAME, when: ATTRS}}, got {spec!r}")
    if name not in checks or checks[name].family != family:
        known = sorted(n for n, c in checks.items() if c.family == family)
        raise RuleError(f"{where}: require: no check {name!r} for {family} rules (there are: {', '.join(known)})")
    return Check(name, when)


def _examples(entry: dict, family: str, where: str) -> tuple[Example, ...]:
    raw = entry.get("examples")
    if not isinstance(raw, list) or not raw:
        raise RuleError(f"{where}: a rule needs at least one example")
    examples = []
    for ex in raw:
        if not isinstance(ex, dict) or not isinstance(ex.get("text"), str) or set(ex) - _EXAMPLE_FIELDS[family]:
            raise RuleError(f"{where}: an example is {{text: ..., {', '.join(sorted(_EXAMPLE_FIELDS[family] - {'text'}))}}}")
        examples.append(Example(ex["text"], {k: v for k, v in ex.items() if k != "text"}))
    return tuple(examples)


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The rules shipped in `kg/rules/`, loaded once per process."""
    return load_rules()
