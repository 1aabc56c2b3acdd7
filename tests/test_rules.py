"""Tests of the rule files and the rule engine.

* every rule's examples produce its statement, by that rule, and its not_examples do not;
* every rule file entry is checked when loaded: a bad pattern, an unknown word class, reader or
  check, a rule without an example are each a `RuleError` naming the file and the rule;
* every word class of the lexicon is read by a rule or by kg's code, and every class named exists;
* kg's anchored matcher finds what spaCy's own `DependencyMatcher` finds for the same pattern.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from spacy.matcher import DependencyMatcher

from kg.extract import RuleError, default_rules, extract, load_rules
from kg.extract.matcher import PatternError, compile_pattern
from kg.extract.rules import _expand
from kg.lexicon import LEXICON, LEXICON_FILE, RULES_DIR, LexiconError, load_lexicon
from kg.nlp import load, parse
from kg.records import ASSERTS, CONDEMNED, Article, ArticleExtraction

RULES = default_rules()
KG = Path(__file__).resolve().parent.parent / "kg"


@lru_cache(maxsize=None)
def _extracted(text: str) -> ArticleExtraction:
    article = Article(id="t", iri="http://example.org/article/t", text=text)
    return extract(next(parse([article])))


def _describe(result: ArticleExtraction) -> str:
    return "\n".join(f"  {s.relation} {[a.label for a in s.participants]} "
                     f"{s.target.text if s.target else ''!r} ({s.rule})" for s in result.statements) or "  (nothing)"


def _produces(rule, example) -> bool:
    expect = example.expect
    for s in _extracted(example.text).statements:
        if s.rule != rule.id:
            continue
        labels = [a.label for a in s.participants]
        if rule.family == "event":
            if s.relation == expect.get("relation", rule.relation) and set(labels) == set(expect["participants"]):
                return True
        elif rule.family == "condemned":
            if s.relation == CONDEMNED and labels == [expect["agent"]] and expect["target"] in s.target.text:
                return True
        elif s.relation == ASSERTS and (labels[:1] or [None])[0] == expect["speaker"] and expect["claim"] in s.target.text:
            return True
    return False


EXAMPLES = [pytest.param(rule, ex, id=f"{rule.id}:{n}") for rule in RULES.rules for n, ex in enumerate(rule.examples)]
NOT_EXAMPLES = [pytest.param(rule, text, id=f"{rule.id}:not{n}") for rule in RULES.rules
                for n, text in enumerate(rule.not_examples)]


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_rule_example_produces_its_statement(rule, example) -> None:
    assert _produces(rule, example), \
        f"{rule.id} did not read {dict(example.expect)} from {example.text!r}; kg read:\n{_describe(_extracted(example.text))}"


@pytest.mark.parametrize("rule, text", NOT_EXAMPLES)
def test_rule_not_example_produces_nothing(rule, text) -> None:
    made = [s for s in _extracted(text).statements if s.rule == rule.id and s.relation == rule.relation]
    assert not made, f"{rule.id} read a {rule.relation} from {text!r}:\n{_describe(_extracted(text))}"


def test_every_rule_has_an_example() -> None:
    assert all(rule.examples for rule in RULES.rules)
    assert len({rule.id for rule in RULES.rules}) == len(RULES.rules)


# ====================================================================================== loading

GOOD = """
- id: test-rule
  relation: met
  confidence: 0.8
  doc: A test rule.
  pattern:
    - {RIGHT_ID: trigger, RIGHT_ATTRS: {LEMMA: {IN: $symmetric_meeting_verbs}}}
  subject: [subject]
  others: [objects]
  examples:
    - {text: "A met B.", participants: [A, B]}
"""

BAD_RULES = [
    pytest.param(GOOD.replace("$symmetric_meeting_verbs", "$no_such_class"), "no word class 'no_such_class'",
                 id="unknown-class"),
    pytest.param(GOOD.replace("RIGHT_ATTRS: {LEMMA", "RIGHT_ATTRS: {LEMMAX"), "LEMMAX", id="unknown-attribute"),
    pytest.param(GOOD.replace("{IN: $symmetric_meeting_verbs}", "{IN: meet}"), "Input should be a valid list", id="in-not-a-list"),
    pytest.param(GOOD.replace("RIGHT_ID: trigger", "RIGHT_ID: verb"), "first node must be", id="no-trigger"),
    pytest.param(GOOD.replace("LEMMA: {IN: $symmetric_meeting_verbs}", "POS: VERB"), "trigger must name its words",
                 id="unanchored"),
    pytest.param(GOOD.replace("}}}\n  subject", "}}}\n    - {LEFT_ID: trigger, REL_OP: '>>', RIGHT_ID: x, RIGHT_ATTRS: {}}\n"
                                                 "  subject"), "REL_OP '>>'", id="unsupported-operator"),
    pytest.param(GOOD.replace("}}}\n  subject", "}}}\n    - {LEFT_ID: nowhere, REL_OP: '>', RIGHT_ID: x, RIGHT_ATTRS: {}}\n"
                                                 "  subject"), "LEFT_ID should already have", id="unknown-left-node"),
    pytest.param(GOOD.replace("others: [objects]", "others: [everyone]"), "no reader 'everyone'", id="unknown-reader"),
    pytest.param(GOOD.replace("others: [objects]", "others: [objects]\n  require: [luck]"), "no check 'luck'",
                 id="unknown-check"),
    pytest.param(GOOD.replace("others: [objects]", "others: [objects]\n  require: [has_speaker]"),
                 "no check 'has_speaker' for event rules", id="check-of-another-family"),
    pytest.param(GOOD.replace("others: [objects]", "others: [{objects_of: nowhere}]"), "needs a node of the pattern",
                 id="reader-node-not-in-pattern"),
    pytest.param(GOOD.split("  examples:")[0], "at least one example", id="no-example"),
    pytest.param(GOOD.replace("relation: met", "relation: hugged"), "relation 'hugged'", id="unknown-relation"),
    pytest.param(GOOD.replace("confidence: 0.8", "confidence: 3"), "confidence", id="bad-confidence"),
    pytest.param(GOOD.replace("  doc: A test rule.\n", ""), "needs 'doc'", id="no-doc"),
    pytest.param(GOOD.replace("others: [objects]", "target: object"), "has no role 'target'", id="role-of-another-family"),
    pytest.param(GOOD + GOOD.replace("- id: test-rule", "- id: test-rule"), "already used", id="duplicate-id"),
    pytest.param(GOOD.replace("relation: met", "relation: met\n  emit: everywhere"), "emit 'everywhere'", id="bad-emit"),
    pytest.param(GOOD.replace("{text: \"A met B.\", participants: [A, B]}", "{text: \"A met B.\", speaker: A}"),
                 "an example is", id="example-of-another-family"),
]


@pytest.mark.parametrize("text, message", BAD_RULES)
def test_a_bad_rule_is_refused_with_its_file_and_id(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "mine.yml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load_rules(tmp_path)
    assert str(error.value).startswith("mine.yml: test-rule") or str(error.value).startswith("mine.yml: rule 1")
    assert message in str(error.value)


def test_a_good_rule_file_loads_and_reads_its_example(tmp_path: Path) -> None:
    (tmp_path / "mine.yml").write_text(GOOD, encoding="utf-8")
    rules = load_rules(tmp_path)
    assert [r.id for r in rules.rules] == ["test-rule"]
    text = "Italian Prime Minister Giulia Moretti met Canadian Prime Minister Daniel Fournier in Rome."
    result = extract(next(parse([Article(id="t", iri="http://example.org/t", text=text)])), rules=rules)
    assert [(s.rule, {a.label for a in s.participants}) for s in result.statements if s.relation == "met"] == \
        [("test-rule", {"Giulia Moretti", "Daniel Fournier"})]


BAD_LEXICONS = [
    pytest.param("verbs:\n  words: [meet]\n", "needs a 'doc'", id="no-doc"),
    pytest.param("verbs:\n  doc: Verbs.\n  words: [Meet]\n", "not lower case", id="upper-case"),
    pytest.param("verbs:\n  doc: Verbs.\n  words: [meet, 12]\n", "12 is not a word", id="number"),
    pytest.param("verbs:\n  doc: Verbs.\n  words: [meet, null]\n", "None is not a word", id="null"),
    pytest.param("a:\n  doc: A.\n  include: [b]\nb:\n  doc: B.\n  include: [a]\n", "includes itself", id="cycle"),
    pytest.param("a:\n  doc: A.\n  include: [c]\n", "which is not a word class", id="missing-include"),
    pytest.param("a:\n  doc: A.\n  words: [x]\n  map: {x: y}\n", "give words", id="two-kinds"),
    pytest.param("a:\n  doc: A.\n  words: [x]\na:\n  doc: B.\n  words: [y]\n", "a defined twice", id="class-twice"),
]


@pytest.mark.parametrize("text, message", BAD_LEXICONS)
def test_a_bad_lexicon_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "lexicon.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(message)):
        load_lexicon(path)


def test_yaml_words_that_look_like_booleans_stay_words(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yml"
    path.write_text("preps:\n  doc: Prepositions.\n  words: [on, off, no, yes]\n", encoding="utf-8")
    assert load_lexicon(path).words("preps") == {"on", "off", "no", "yes"}


def test_unknown_class_asked_by_code_is_an_error() -> None:
    with pytest.raises(LexiconError, match="no word class 'meeting_verb'"):
        LEXICON.words("meeting_verb")


def test_every_lexicon_class_is_read_and_every_named_class_exists() -> None:
    rule_text = "\n".join(p.read_text(encoding="utf-8") for p in RULES_DIR.glob("*.yml") if p != LEXICON_FILE)
    code = "\n".join(p.read_text(encoding="utf-8") for p in KG.rglob("*.py"))
    in_rules = set(re.findall(r"\$([a-z_]+)", rule_text))
    in_code = set(re.findall(r"""(?:words|mapping|groups|_W)\(["']([a-z_]+)["']\)""", code))
    included = {c for entry in _lexicon_entries().values() for c in entry.get("include", [])}
    assert in_rules <= LEXICON.names(), in_rules - LEXICON.names()
    assert in_code <= LEXICON.names(), in_code - LEXICON.names()
    assert LEXICON.names() - in_rules - in_code - included == set()


def _lexicon_entries() -> dict:
    from kg.lexicon import read_yaml
    return read_yaml(LEXICON_FILE)


# ====================================================================================== matcher

MATCHER_TEXTS = [
    "Kenyan President William Otieno met with Tanzanian President Amina Mwakyusa at State House in Nairobi.",
    "The border talks will resume in March, Dutch Foreign Minister Pieter de Vries told reporters on Monday.",
    "Dutch Foreign Minister Pieter de Vries called on both sides to refrain from violence, and called for talks.",
    "The shelling of the hospital was condemned by Swiss Foreign Minister Anna Keller on Monday.",
]


class _NoActors:
    """The matcher's view of an article where no token is an actor."""

    @staticmethod
    def dependents(token):
        return list(token.children)

    @staticmethod
    def is_actor(token) -> bool:
        return False


def _spacy_matches(doc, pattern: list) -> set[tuple[int, ...]]:
    matcher = DependencyMatcher(load().vocab)
    matcher.add("p", [pattern])
    return {tuple(ids) for _, ids in matcher(doc)}


def _first_matches(doc, pattern: list) -> set[tuple[int, ...]]:
    compiled = compile_pattern(pattern)
    names = [node["RIGHT_ID"] for node in pattern]
    found = set()
    for token in doc:
        if compiled.anchor_words and token.lemma_.lower() not in compiled.anchor_words \
                and token.lower_ not in compiled.anchor_words:
            continue
        nodes = compiled.match(token, _NoActors())
        if nodes is not None:
            found.add(tuple(nodes[n].i for n in names))
    return found


def _raw_patterns(rule_id: str) -> list:
    from kg.lexicon import read_yaml
    for path in RULES_DIR.glob("*.yml"):
        if path == LEXICON_FILE:
            continue
        data = read_yaml(path)
        for entry in data["rules"] if isinstance(data, dict) else data:
            if entry["id"] == rule_id:
                return [entry["pattern"]] if "pattern" in entry else entry.get("patterns", [])
    return []


SPACY_PATTERNS = [pytest.param(rule.id, n, _expand(p, LEXICON), id=f"{rule.id}:{n}")
                  for rule in RULES.rules for n, p in enumerate(_raw_patterns(rule.id))
                  if not any("_" in node.get("RIGHT_ATTRS", {}) for node in p)]


@pytest.mark.parametrize("rule_id, n, pattern", SPACY_PATTERNS)
def test_kg_matcher_finds_what_spacy_finds(rule_id: str, n: int, pattern: list) -> None:
    """The first match kg binds at each trigger is one of spaCy's matches there, and kg finds a
    match at every trigger where spaCy finds one (texts where triggers are lower case)."""
    for text in MATCHER_TEXTS + [ex.text for ex in RULES[rule_id].examples]:
        doc = load()(text)
        ours = _first_matches(doc, pattern)
        theirs = _spacy_matches(doc, pattern)
        assert ours <= theirs, (text, ours, theirs)
        assert {m[0] for m in ours} == {m[0] for m in theirs}, (text, ours, theirs)


OPERATOR_ROWS = [
    pytest.param("Otieno met with Mwakyusa in Nairobi.", ">", "met", "with", True, id="child"),
    pytest.param("Otieno met with Mwakyusa in Nairobi.", "<", "with", "met", True, id="head"),
    pytest.param("Otieno met with Mwakyusa in Nairobi.", ".", "met", "with", True, id="next-token"),
    pytest.param("Otieno met with Mwakyusa in Nairobi.", ";", "with", "met", True, id="previous-token"),
    pytest.param("Otieno met with Mwakyusa in Nairobi.", ".", "with", "met", False, id="next-token-not-previous"),
    pytest.param("Otieno met with Mwakyusa in Nairobi.", "$++", "Otieno", "with", True, id="right-sibling"),
    pytest.param("Otieno met with Mwakyusa in Nairobi.", "$--", "with", "Otieno", True, id="left-sibling"),
    pytest.param("Otieno met with Mwakyusa in Nairobi.", "$+", "Otieno", "with", False, id="sibling-not-next"),
    pytest.param("Otieno and Mwakyusa met.", "$+", "and", "Mwakyusa", True, id="immediate-right-sibling"),
    pytest.param("Otieno and Mwakyusa met.", "$-", "Mwakyusa", "and", True, id="immediate-left-sibling"),
]


@pytest.mark.parametrize("text, op, left, right, expected", OPERATOR_ROWS)
def test_operator(text: str, op: str, left: str, right: str, expected: bool) -> None:
    doc = load()(text)
    pattern = [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LOWER": left.lower()}},
               {"LEFT_ID": "trigger", "REL_OP": op, "RIGHT_ID": "x", "RIGHT_ATTRS": {"LOWER": right.lower()}}]
    trigger = next(t for t in doc if t.lower_ == left.lower())
    assert (compile_pattern(pattern).match(trigger, _NoActors()) is not None) == expected
    assert bool(_spacy_matches(doc, pattern)) == expected


def test_lemma_is_matched_in_lower_case() -> None:
    """spaCy keeps the case of a proper noun's lemma ("Summit"); kg's rules read it in lower case."""
    doc = load()("The Summit between Putin and Biden.")
    pattern = compile_pattern([{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": "summit"}}])
    assert pattern.match(doc[1], _NoActors()) is not None


def test_pattern_errors_say_which_node() -> None:
    with pytest.raises(PatternError, match="node 'x'"):
        compile_pattern([{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LOWER": "met"}},
                         {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": {"LOWER": {"IN": "with"}}}])
