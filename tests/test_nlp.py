"""Tests of the nlp stage's text preparation: what the parser reads, offset for offset."""
from __future__ import annotations

import pytest

from kg.nlp import parser_text, unwrapped
from kg.records import Article

#: A hard-wrapped plain-text story (an archive, an e-mail): lines of about 70 characters.
WRAPPED = (
    "Prime Minister John Marsh turned down calls for a minister of science\n"
    "after meeting a delegation of senior scientists led by the MP\n"
    "Ian Lloyd on Monday. After discussing the organisation of science,\n"
    "both sides said the meeting was encouraging, but they ruled out\n"
    "significant changes before the next general election.\n"
    "\n"
    "Marsh listened to the eight scientists for an hour and a half and\n"
    "told them he would take an active interest in science from now on.\n"
)

#: Short lines, one per paragraph: nothing to unwrap.
NOT_WRAPPED = (
    "Kenyan President William Otieno met Ugandan President Grace Namubiru on Monday.\n"
    "The two leaders discussed trade.\n"
    "They signed an accord.\n"
    "Otieno flew home on Tuesday.\n"
    "Namubiru stayed in Nairobi.\n"
)


def test_hard_wrapped_lines_are_joined_and_paragraphs_kept() -> None:
    text = unwrapped(WRAPPED)
    assert len(text) == len(WRAPPED)
    assert "led by the MP Ian Lloyd on Monday." in text
    assert "general election.\n\nMarsh listened" in text


@pytest.mark.parametrize("text", [NOT_WRAPPED, "One line only, however long it may be, is never a wrapped text at all.",
                                  ""], ids=["one-sentence-per-line", "one-line", "empty"])
def test_other_texts_are_left_alone(text: str) -> None:
    assert unwrapped(text) == text


@pytest.mark.parametrize("text, read", [
    ("Police Chief Ramanujam\u2019s refusal", "Police Chief Ramanujam's refusal"),
    ("they don\u2019t", "they don't"),
    ("\u2018barbaric\u2019 attacks", "\u2018barbaric\u2019 attacks"),  # closing quote marks stay
    ("Ward\u2018s call", "Ward's call"),  # a mistyped opening quote as apostrophe
], ids=["curly-possessive", "curly-contraction", "closing-quote-mark", "mistyped-apostrophe"])
def test_apostrophes_are_read_straight(text: str, read: str) -> None:
    parsed = parser_text(Article(id="a", iri="http://example.org/a", text=text))
    assert parsed == read and len(parsed) == len(text)


@pytest.mark.parametrize("text, read", [
    ("The ministries strongly condemned of the raid.", "The ministries strongly condemned    the raid."),
    ("They denounced of the strikes.", "They denounced    the strikes."),
    ("He was accused of the raid.", "He was accused of the raid."),  # other verbs keep their "of"
], ids=["condemned-of", "denounced-of", "accused-of"])
def test_a_stray_of_after_a_verb_of_condemnation_is_blanked(text: str, read: str) -> None:
    assert parser_text(Article(id="a", iri="http://example.org/a", text=text)) == read
