"""Person names compared as names (`kg.names`): one row per way two spellings are, or are not, one name."""
from __future__ import annotations

import pytest

from kg.names import core_words, has_generation, looks_like_name, same_name

#: (a name, another, why they are one name, or None)
SAME_NAME_ROWS = [
    pytest.param("Vikram Mishri", "Vikram Mishry", "spelling", id="y-for-i"),
    pytest.param("Sergey Volkov", "Sergei Volkov", "spelling", id="sergey-sergei"),
    pytest.param("Mohamad Hasan", "Mohammed Hassan", "spelling", id="vowels-and-doubled-letters"),
    pytest.param("Bashar Al Hakim", "Bashar Hakim", "spelling", id="a-particle-left-out"),
    pytest.param("Nasir El-Tayeb", "Nasir El - Tayeb", "spelling", id="a-spaced-hyphen"),
    pytest.param("Restrepo Ortega", "Juan Carlos Restrepo Ortega", "part", id="the-end-of-a-long-name"),
    pytest.param("Tuta da Costa", "Joao Carlos Tuta da Costa", "part", id="the-end-with-a-particle"),
    pytest.param("Faisal bin Rashid", "Faisal bin Rashid bin Saud Al Mansour", "part", id="the-start-of-a-long-name"),
    pytest.param("Sara Villar", "Sara Villar-Cortes", "double-barrelled", id="double-barrelled-by-hyphen"),
    pytest.param("K. Aro", "Kalle Aro", "initial", id="an-initial"),
    pytest.param("J. R. Okafor", "John Robert Okafor", "initial", id="two-initials"),
    pytest.param("J. Okafor", "Kalle Okafor", None, id="an-initial-of-another-name"),
    pytest.param("Mario Rossi", "Maria Rossi", None, id="a-final-vowel-is-a-different-name"),
    pytest.param("Jon Smith", "Jan Smith", None, id="a-short-word-letter-for-letter"),
    pytest.param("Kim Jong", "Kim Jong Un", None, id="the-start-of-a-short-name"),
    pytest.param("Paulo Reyes", "Paulo Reyes Jr.", None, id="a-parent-and-a-child"),
    pytest.param("Paulo Reyes Sr.", "Paulo Reyes Jr.", None, id="two-generations"),
    pytest.param("Kevin Curran", "Brendan Curran", None, id="two-given-names"),
    pytest.param("Ali Khan", "Imran Khan", None, id="a-shared-surname"),
    pytest.param("Tony Varga", "Antony Varga", "given-name-variant", id="a-short-form-of-the-given-name"),
    pytest.param("Mike Ostrowski", "Michael Ostrowski", "given-name-variant", id="mike-michael"),
    pytest.param("Anthony Varga", "Antony Varga", "given-name-variant", id="two-spellings-of-one-given-name"),
    pytest.param("Tony Varga", "Antony Varga Jr.", None, id="a-variant-but-another-generation"),
    pytest.param("Tony Varga", "Michael Varga", None, id="two-given-names-of-one-family"),
    pytest.param("Tony Varga", "Antony Vargas", None, id="a-variant-but-another-family-name"),
]


@pytest.mark.parametrize("a, b, why", SAME_NAME_ROWS)
def test_same_name(a: str, b: str, why: str | None) -> None:
    assert same_name(a, b) == why
    assert same_name(b, a) == why


@pytest.mark.parametrize("label, name", [
    ("Bill de Blasio", True), ("El - Rufai", True), ("Pope Clement", True),
    ("a spokesperson for Cox", False), ("First Minister", False), ("Downing Street spokeswoman", False),
    ("the journalists union", False),
])
def test_looks_like_name(label: str, name: bool) -> None:
    assert looks_like_name(label) == name


def test_core_words_leave_particles_and_generations_out() -> None:
    assert core_words("Ferdinand de Castro Jr.") == ["ferdinand", "castro"]
    assert has_generation("Ferdinand de Castro Jr.") and not has_generation("Ferdinand de Castro")
