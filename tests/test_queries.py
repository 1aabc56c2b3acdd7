"""The shipped queries (queries/*.rq): their rows on the fixture articles, and their parameters.

Two stores: the two fixture articles of fixtures_rdf (t1, t2), and the same plus two more
reports (t3, t4) of a three-party meeting, so that corroboration must tell a meeting of three
from a meeting of two of them, and t3 repeats t1's condemnation in other capitals.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import fixtures_rdf as fx
from kg import rdf
from kg.gazetteer import fold
from kg.names import name_key
from kg.records import CONDEMNED, MET, Actor, ArticleExtraction, Statement
from kg.resolve import Registry, resolve
from kg.pipeline import build
from kg.store import Store, StoreError, open_store

T3_TEXT = ("Mira Kessel, Tomas Rundt and Ivo Stan met in Oslo on 2 April. "
           "Kessel condemned The Attack on the harbour.")
T4_TEXT = "Ivo Stan met Mira Kessel and Tomas Rundt in Oslo."
T5_TEXT = "Mira Kessel condemned the attack on the harbour."


def t3_extraction() -> ArticleExtraction:
    """t3: a dated meeting of three; Kessel condemns t1's target, worded with capitals."""
    a = fx.article("t3", T3_TEXT, "Three meet in Oslo", "2024-04-03")
    statements = (
        Statement("t3", MET, (fx.KESSEL, fx.RUNDT, fx.STAN), fx.sentence(T3_TEXT, "met"),
                  confidence=0.9, rule="met-verb", date="2024-04-02", place="Oslo"),
        Statement("t3", CONDEMNED, (fx.KESSEL,), fx.sentence(T3_TEXT, "condemned"),
                  target=fx.span(T3_TEXT, "The Attack on the harbour"), confidence=0.85,
                  rule="condemn-verb"),
    )
    return ArticleExtraction(a, (fx.KESSEL, fx.RUNDT, fx.STAN, fx.VELMARIA), statements)


def t4_extraction() -> ArticleExtraction:
    """t4: the same three meet, undated."""
    a = fx.article("t4", T4_TEXT, "Stan meets Kessel and Rundt", "2024-04-05")
    statements = (Statement("t4", MET, (fx.STAN, fx.KESSEL, fx.RUNDT), fx.sentence(T4_TEXT, "met"),
                            confidence=0.9, rule="met-verb", place="Oslo"),)
    return ArticleExtraction(a, (fx.STAN, fx.KESSEL, fx.RUNDT, fx.VELMARIA), statements)


def t5_extraction() -> ArticleExtraction:
    """t5: Kessel's condemnation of t1, told again the next day."""
    a = fx.article("t5", T5_TEXT, "Kessel condemns", "2024-03-12")
    statements = (Statement("t5", CONDEMNED, (fx.KESSEL,), fx.sentence(T5_TEXT, "condemned"),
                            target=fx.span(T5_TEXT, "the attack on the harbour"), confidence=0.85,
                            rule="condemn-verb"),)
    return ArticleExtraction(a, (fx.KESSEL,), statements)


@pytest.fixture(scope="module")
def store():
    """t1 and t2 with a run record, resolved as `kg build` leaves a store."""
    with fx.loaded_store() as loaded:
        resolve(loaded, Registry())
        yield loaded


@pytest.fixture(scope="module")
def four():
    """t1 to t4, resolved."""
    with fx.loaded_store() as loaded:
        for extraction in (t3_extraction(), t4_extraction()):
            loaded.replace_article(rdf.extraction_graph(extraction))
        resolve(loaded, Registry())
        yield loaded


def only(extraction: ArticleExtraction) -> Store:
    """A store of one article, resolved."""
    alone = Store(None)
    alone.replace_article(rdf.extraction_graph(extraction))
    resolve(alone, Registry())
    return alone


def run(store: Store, query: str, /, **params: str | int | float) -> tuple[list[str], list[tuple]]:
    result = store.query((fx.QUERIES / query).read_text(encoding="utf-8"), params)
    return result.columns, result.rows


def test_every_query_says_what_it_answers_and_its_parameters() -> None:
    names = sorted(p.name for p in fx.QUERIES.glob("*.rq"))
    assert names == ["actor_profile.rq", "claims.rq", "condemned.rq", "corroboration.rq", "met.rq"]
    for name in names:
        text = (fx.QUERIES / name).read_text(encoding="utf-8")
        assert text.startswith(f"# {name}:"), name
        assert "Parameters:" in text, name


# --- met.rq ------------------------------------------------------------------------------------

MET_COLUMNS = ["actor1", "actor2", "articles", "meetings", "first", "last"]


def test_met(store: Store) -> None:
    """t1 (Oslo) and t2 (Bergen) tell two meetings."""
    assert run(store, "met.rq") == (MET_COLUMNS, [
        ("Mira Kessel", "Tomas Rundt", 2, 2, "2024-03-11", "2024-03-11")])


def test_met_counts_meetings_once_and_dates_span_them(four: Store) -> None:
    """t3 and t4 tell one meeting of three (t4 undated, published two days later, same place)."""
    assert run(four, "met.rq")[1] == [
        ("Mira Kessel", "Tomas Rundt", 4, 3, "2024-03-11", "2024-04-02"),
        ("Ivo Stan", "Mira Kessel", 2, 1, "2024-04-02", "2024-04-02"),
        ("Ivo Stan", "Tomas Rundt", 2, 1, "2024-04-02", "2024-04-02"),
    ]


def test_met_without_any_date() -> None:
    with only(fx.t2_extraction()) as alone:
        assert run(alone, "met.rq")[1] == [("Mira Kessel", "Tomas Rundt", 1, 1, None, None)]


def test_met_needs_the_resolution_graph() -> None:
    with Store(None) as unresolved:
        unresolved.replace_article(rdf.extraction_graph(fx.t2_extraction()))
        assert run(unresolved, "met.rq")[1] == []


# --- condemned.rq ------------------------------------------------------------------------------

CONDEMNED_ROWS = [
    ("Mira Kessel", "the attack on the harbour", "t1", "Kessel condemned the attack on the harbour.", None),
    ("dock workers", "the closure of the port", "t2", "Dock workers condemned the closure of the port.", None),
]


def test_condemned(store: Store) -> None:
    assert run(store, "condemned.rq") == (["actor", "target", "article", "sentence", "targetActor"], CONDEMNED_ROWS)


def test_a_condemned_actor_is_named_by_its_label(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Kenya condemned Russia on Monday.\n", encoding="utf-8")
    build([str(source)], tmp_path / "out", lambda problem: None)
    with open_store(tmp_path / "out") as opened:
        assert [(r[0], r[1], r[4]) for r in run(opened, "condemned.rq")[1]] == [("Kenya", "Russia", "Russia")]


def test_condemned_by_one_actor(store: Store) -> None:
    assert run(store, "condemned.rq", actor="dock workers")[1] == CONDEMNED_ROWS[1:]
    assert run(store, "condemned.rq", actor="Mira Kessel")[1] == CONDEMNED_ROWS[:1]
    assert run(store, "condemned.rq", actor="Nobody")[1] == []


# --- claims.rq ---------------------------------------------------------------------------------

def test_claims_by_speaker(store: Store) -> None:
    assert run(store, "claims.rq") == (["speaker", "claim", "article"], [
        ("", "The harbour will reopen in May", "t2"),
        ("Tomas Rundt", "Talks will continue next month", "t1"),
    ])


def test_claims_of_one_speaker(store: Store) -> None:
    assert run(store, "claims.rq", speaker="Tomas Rundt")[1] == [
        ("Tomas Rundt", "Talks will continue next month", "t1")]
    assert run(store, "claims.rq", speaker="")[1] == [("", "The harbour will reopen in May", "t2")]


@pytest.mark.parametrize("query, parameter", [("claims.rq", "speaker"), ("condemned.rq", "actor")])
def test_a_listing_bound_to_each_of_its_values_gives_its_rows(four: Store, query: str, parameter: str) -> None:
    """The parameter's index look-up finds what the whole listing shows under that value."""
    columns, rows = run(four, query, limit=0)
    column = columns.index(parameter)
    assert len(rows) > 1
    for value in {row[column] or "" for row in rows}:
        assert run(four, query, **{parameter: value})[1] == [row for row in rows if (row[column] or "") == value]


# --- actor_profile.rq --------------------------------------------------------------------------

def test_actor_profile(store: Store) -> None:
    columns, rows = run(store, "actor_profile.rq", name="kessel")  # an alternative label, any case
    assert columns == ["name", "actor", "field", "value", "article"]
    assert rows == [
        ("kessel", "Mira Kessel", "kind", "person", None),
        ("kessel", "Mira Kessel", "label", "Foreign Minister Kessel", None),
        ("kessel", "Mira Kessel", "label", "Kessel", None),
        ("kessel", "Mira Kessel", "label", "Mira Kessel", None),
        ("kessel", "Mira Kessel", "role", "foreign minister", None),
        ("kessel", "Mira Kessel", "affiliation", "Velmaria", None),
        ("kessel", "Mira Kessel", "event", "Condemnation of the attack on the harbour", "t1"),
        ("kessel", "Mira Kessel", "event", "Meeting with Tomas Rundt", "t1"),
        ("kessel", "Mira Kessel", "event", "Meeting with Tomas Rundt", "t2"),
    ]


def test_actor_profile_of_a_group_and_of_nobody(store: Store) -> None:
    assert run(store, "actor_profile.rq", name="Dock Workers")[1] == [
        ("Dock Workers", "dock workers", "kind", "group", None),
        ("Dock Workers", "dock workers", "label", "dock workers", None),
        ("Dock Workers", "dock workers", "event", "Condemnation of the closure of the port", "t2"),
    ]
    assert run(store, "actor_profile.rq", name="Nobody")[1] == []
    assert run(store, "actor_profile.rq")[1] == []  # ?name is required


def test_actor_profile_lists_every_other_participant(four: Store) -> None:
    events = [row[3:] for row in run(four, "actor_profile.rq", name="Ivo Stan")[1] if row[2] == "event"]
    assert events == [
        ("PhoneCall with Tomas Rundt", "t2"),
        ("Meeting with Mira Kessel", "t3"), ("Meeting with Tomas Rundt", "t3"),
        ("Meeting with Mira Kessel", "t4"), ("Meeting with Tomas Rundt", "t4"),
    ]


# --- looking an actor up by name (actor_profile.rq's ?name, through kg:nameKey) ----------------

T6_TEXT = "Zoë Brönn met Mira Kessel in Tromsø."
BRONN = Actor("zoe bronn", "Zoë Brönn", "person", ("Brönn",))


def t6_extraction() -> ArticleExtraction:
    """t6: a person whose name has accents meets Kessel."""
    a = fx.article("t6", T6_TEXT, "Brönn meets Kessel", "2024-05-02")
    statements = (Statement("t6", MET, (BRONN, fx.KESSEL), fx.sentence(T6_TEXT, "met"), confidence=0.9,
                            rule="met-verb"),)
    return ArticleExtraction(a, (BRONN, fx.KESSEL), statements)


@pytest.fixture(scope="module")
def accented():
    """t1, t2 and t6, resolved."""
    with fx.loaded_store() as loaded:
        loaded.replace_article(rdf.extraction_graph(t6_extraction()))
        resolve(loaded, Registry())
        yield loaded


@pytest.mark.parametrize("name, actor", [
    ("Zoë Brönn", "Zoë Brönn"),  # as written
    ("zoë BRÖNN", "Zoë Brönn"),  # another case
    ("Zoe Bronn", "Zoë Brönn"),  # without its accents
    ("  zoe   bronn ", "Zoë Brönn"),  # spaced otherwise
    ("Brönn", "Zoë Brönn"),  # a one-word label
    ("brönn", "Zoë Brönn"),
    ("Kessel", "Mira Kessel"),
    ("foreign minister KESSEL", "Mira Kessel"),  # a label of the article only, any case
    ("Mïra Kessel", "Mira Kessel"),  # accents the label has not
    ("Zoë", None),  # a word of a name, but no name
    ("Mira", None),
    ("Bronn Zoe", None),
    ("Nobody", None),
    ("", None),
])
def test_an_actor_is_found_by_any_of_its_names(accented: Store, name: str, actor: str | None) -> None:
    assert {row[1] for row in run(accented, "actor_profile.rq", name=name)[1]} == ({actor} if actor else set())


def _key_subquery() -> str:
    """The subquery of actor_profile.rq that folds ?name into ?key."""
    text = (fx.QUERIES / "actor_profile.rq").read_text(encoding="utf-8")
    start = text.index("{ SELECT ?name ?lower ?key ?last ?written")
    depth = 0
    for end, char in enumerate(text[start:], start):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return text[start:end + 1]
    raise AssertionError("unbalanced braces")


#: every letter of the Latin blocks that kg folds to a letter of a to z, in either case
LATIN = "".join(c for block in ((0xC0, 0x24F), (0x1E00, 0x1EFF)) for c in map(chr, range(block[0], block[1] + 1))
                if len(fold(c)) == 1 and "a" <= fold(c) <= "z" and fold(c) != c.lower())


@pytest.mark.parametrize("name", ["Recep Tayyip Erdoğan", "  Zoë\tBRÖNN ", "Ngozi Okonjo-Iweala",
                                  "Seán Ó Fearghaíl", "O’Brien", "Nguyễn Phú Trọng", LATIN])
def test_the_query_folds_a_name_as_kg_keys_it(name: str) -> None:
    """actor_profile.rq computes the key kg.names.name_key computes (for Latin letters)."""
    with Store(None) as empty:
        rows = empty.query(f"SELECT ?name ?key ?last WHERE {_key_subquery()}", {"name": name}).rows
    assert [row[1:] for row in rows] == [(name_key(name), name_key(name).split()[-1])]


# --- corroboration.rq --------------------------------------------------------------------------

CORROBORATION_COLUMNS = ["type", "participants", "target", "articles", "reported_in", "date", "rule"]


def test_corroboration(store: Store) -> None:
    """t1's meeting in Oslo and t2's in Bergen are two meetings: nothing is told twice."""
    assert run(store, "corroboration.rq") == (CORROBORATION_COLUMNS, [])


def test_corroboration_needs_the_same_participants_and_target() -> None:
    """t3 and t4 tell one meeting of three; t3 repeats t1's condemnation three weeks later (another
    condemnation), t5 the next day (the same one)."""
    with fx.loaded_store() as five:
        for extraction in (t3_extraction(), t4_extraction(), t5_extraction()):
            five.replace_article(rdf.extraction_graph(extraction))
        resolve(five, Registry())
        assert run(five, "corroboration.rq")[1] == [
            ("Condemnation", "Mira Kessel", "the attack on the harbour", 2, "t1 t5", None, "published within the window"),
            ("Meeting", "Ivo Stan, Mira Kessel, Tomas Rundt", "", 2, "t3 t4", "2024-04-02",
             "published within the window"),
        ]


def test_one_article_corroborates_nothing() -> None:
    with only(fx.t1_extraction()) as alone:
        assert run(alone, "corroboration.rq")[1] == []


# --- parameters --------------------------------------------------------------------------------

def test_parameter_that_the_query_does_not_select_is_refused(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        run(store, "met.rq", actor="Mira Kessel")
    assert "\n" not in str(caught.value)


# --- kg.resolve.actor_profile (what `kg actor` shows) -------------------------------------------

@pytest.mark.parametrize("label", ["Mira Kessel", "kessel", "Dock Workers"])
def test_the_profile_by_iri_is_the_profile_by_label(store: Store, label: str) -> None:
    """`kg actor` passes the IRI of the actor it found: looked up as itself, not among every label,
    with the same rows."""
    from kg.resolve import actor_profile

    by_label = actor_profile(store, label)
    [iri] = {row[1] for row in by_label.rows}
    by_iri = actor_profile(store, str(iri))
    assert by_iri.columns == by_label.columns
    assert [row[1:] for row in by_iri.rows] == [row[1:] for row in by_label.rows]
    assert {row[0] for row in by_iri.rows} == {str(iri)}
