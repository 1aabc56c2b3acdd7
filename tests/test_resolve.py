"""Cross-article resolution on small invented corpora: aliases, homonyms, forbidden merges,
events told by several articles, and sources that disagree."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store import open_store
from kg.vocab import RESOLUTION_GRAPH, actor_iri, actor_key


def _corpus(tmp_path: Path, articles: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"id": i, "date": d, "text": t}) + "\n" for i, d, t in articles))
    return path


def _build(tmp_path: Path, articles: list[tuple[str, str, str]], registry: Path | None = None):
    out = tmp_path / "out"
    summary = build([str(_corpus(tmp_path, articles))], out, lambda p: None, registry=registry)
    return out, summary.resolution


def _actor_labels(out: Path) -> dict[str, set[str]]:
    with open_store(out) as store:
        rows = store.query("SELECT ?a ?l WHERE { GRAPH ?g { ?a a sem:Actor ; rdfs:label|skos:altLabel ?l } }").rows
    found: dict[str, set[str]] = {}
    for actor, label in rows:
        found.setdefault(actor, set()).add(label)
    return found


@pytest.mark.parametrize("spellings", [
    pytest.param(("Tony Varga", "Antony Varga"), id="two-forms"),
    pytest.param(("Tony Varga", "Anthony Varga", "Antony Varga"), id="three-forms-in-three-articles"),
    pytest.param(("Mike Ostrowski", "Michael Ostrowski"), id="mike-michael"),
])
def test_forms_of_one_given_name_in_several_articles_are_one_actor(tmp_path: Path, spellings: tuple) -> None:
    """Each article's IRI keeps the name as written ("tony-varga"); resolution makes the forms of
    one given name one actor, the form most articles write (else the longer) taking the others."""
    articles = [(f"v{n}", f"2024-05-0{n + 1}", f"Hungarian Foreign Minister {name} met Polish Foreign Minister "
                 f"Ewa Zielinska in Warsaw on 1 May 2024.\n") for n, name in enumerate(spellings)]
    articles.append(("v9", "2024-05-09", f"Foreign Minister {spellings[-1]} said the talks would go on.\n"))
    out, resolution = _build(tmp_path, articles)
    labels = _actor_labels(out)
    holders = [a for a, names in labels.items() if names & set(spellings)]
    assert holders == [actor_iri(actor_key(spellings[-1]))], labels
    assert {m.rule for m in resolution.merges if m.target == holders[0]} == {"name-given-name-variant"}
    assert not resolution.ambiguous


def test_an_actor_iri_keeps_the_given_name_as_written(tmp_path: Path) -> None:
    out, _ = _build(tmp_path, [("m1", "2024-05-01", "US Secretary of State Mike Pompeo met British Prime Minister "
                                "Tony Blair in London on Monday.\n")])
    assert {actor_iri("mike pompeo"), actor_iri("tony blair")} <= set(_actor_labels(out))


FULL = ("a1", "2024-03-12", "Czech Foreign Minister Karel Novak met Polish Foreign Minister Ewa Zielinska in Prague "
        "on Monday. The two ministers discussed energy.\n")
SURNAME_ONLY = ("a2", "2024-03-13", "Novak said that Prague would buy more gas from Norway. Zielinska agreed.\n")


def test_surname_in_another_article_joins_the_full_name(tmp_path: Path) -> None:
    out, resolution = _build(tmp_path, [SURNAME_ONLY, FULL])  # the short form is read first
    labels = _actor_labels(out)
    novak = [a for a, names in labels.items() if "Novak" in names]
    assert novak == [actor_iri("karel novak")]
    with open_store(out) as store:  # spaCy's organisation "Novak" became the person it names
        assert not store.query(f"ASK {{ <{actor_iri('karel novak')}> a schema:Organization }}").boolean
    assert any(m.rule == "surname" and m.target == actor_iri("karel novak") for m in resolution.merges)


def test_a_homonym_stays_apart(tmp_path: Path) -> None:
    other = ("a3", "2024-03-14", "Slovak President Jana Novak met Hungarian President Gabor Nagy in Bratislava.\n")
    out, resolution = _build(tmp_path, [FULL, other, SURNAME_ONLY])
    assert not any(m.source == actor_iri("novak") for m in resolution.merges)
    assert any(source == actor_iri("novak") and len(candidates) == 2 and "several people have that surname" in why
               for source, candidates, why in resolution.ambiguous)
    assert actor_iri("novak") in _actor_labels(out)


def test_a_forbidden_merge_is_honoured(tmp_path: Path) -> None:
    registry = tmp_path / "actors.ttl"
    registry.write_text(f"<{actor_iri('novak')}> <http://www.w3.org/2002/07/owl#differentFrom> "
                        f"<{actor_iri('karel novak')}> .\n")
    out, resolution = _build(tmp_path, [FULL, SURNAME_ONLY], registry)
    assert not resolution.merges
    assert actor_iri("novak") in _actor_labels(out)


def test_a_registry_alias_names_the_actor(tmp_path: Path) -> None:
    registry = tmp_path / "actors.ttl"
    registry.write_text(f'<{actor_iri("karel novak")}> <http://www.w3.org/2004/02/skos/core#altLabel> "Charles Novak"@en .\n')
    alias = ("a4", "2024-03-15", "Czech Foreign Minister Charles Novak met Austrian Foreign Minister Lena Gruber.\n")
    out, resolution = _build(tmp_path, [FULL, alias], registry)
    assert any(m.rule == "registry-label" and m.target == actor_iri("karel novak") for m in resolution.merges)
    assert "Charles Novak" in _actor_labels(out)[actor_iri("karel novak")]


MONDAY = "Czech Foreign Minister Karel Novak met Polish Foreign Minister Ewa Zielinska in Prague on Monday.\n"


def test_one_meeting_told_by_two_articles_is_one_event(tmp_path: Path) -> None:
    again = ("b2", "2024-03-12", "Polish Foreign Minister Ewa Zielinska and Czech Foreign Minister Karel Novak met "
                                 "in Prague on Monday.\n")
    other = ("b3", "2024-03-12", "Czech Foreign Minister Karel Novak met Polish Foreign Minister Ewa Zielinska in "
                                 "Warsaw on March 1.\n")
    out, resolution = _build(tmp_path, [("b1", "2024-03-12", MONDAY), again, other])
    sizes = sorted(len({r.article for r in reports}) for reports in resolution.events
                   if reports[0].type.endswith("Meeting"))
    assert sizes == [1, 2]
    with open_store(out) as store:
        counts = store.query(f"SELECT ?n WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?e a kg:ConsolidatedEvent ; "
                             f"kg:sourceCount ?n }} }} ORDER BY ?n").rows
    assert [row[0] for row in counts] == [1, 2]


def test_met_and_cancelled_is_a_conflict(tmp_path: Path) -> None:
    cancelled = ("c2", "2024-03-13", "The meeting between Czech Foreign Minister Karel Novak and Polish Foreign "
                                     "Minister Ewa Zielinska was cancelled.\n")
    out, resolution = _build(tmp_path, [("c1", "2024-03-12", MONDAY), cancelled])
    assert [kind for kind, _, _ in resolution.conflicts] == ["took place / did not take place"]
    with open_store(out) as store:
        assert store.query("ASK { ?c a kg:Conflict ; kg:conflictKind ?k }").boolean


def test_resolution_is_idempotent(tmp_path: Path) -> None:
    out, _ = _build(tmp_path, [FULL, SURNAME_ONLY])
    with open_store(out) as store:
        before = len(store)
    build([str(tmp_path / "corpus.jsonl")], out, lambda p: None)
    with open_store(out) as store:
        assert len(store) == before


def test_tables_read_the_resolution_back(tmp_path: Path) -> None:
    from kg.resolve import actor_profile, actor_table, conflict_table

    cancelled = ("c2", "2024-03-13", "The meeting between Czech Foreign Minister Karel Novak and Polish Foreign "
                                     "Minister Ewa Zielinska was cancelled.\n")
    out, _ = _build(tmp_path, [("c1", "2024-03-12", MONDAY), cancelled, SURNAME_ONLY])
    with open_store(out) as store:
        actors = {row[0]: row for row in actor_table(store).rows}
        profile = actor_profile(store, "novak").rows
        conflicts = conflict_table(store).rows
    assert actors[actor_iri("karel novak")][2] == "Karel Novak"  # one label across the corpus
    assert actors[actor_iri("karel novak")][4] == 3  # named in all three articles
    assert ("merged" in {row[2] for row in profile}) and ("event" in {row[2] for row in profile})
    assert ("name", "Karel Novak") in {(row[2], row[3]) for row in profile}
    roles = {(row[3], str(row[5])) for row in profile if row[2] == "role"}
    assert ("foreign minister", "2024-03-12") in roles  # a role with the date it is seen
    assert [row[0] for row in conflicts] == ["took place / did not take place"]
    assert "cancelled" in conflicts[0][2] + conflicts[0][4]


# --- which reports are one event: the rule on its own, one row per situation ------------------

MET_TYPE = "https://w3id.org/kg-news/ns#Meeting"
PAIR = frozenset({"urn:a", "urn:b"})


def _report(event: str, article: str, date: str | None = None, place: str | None = None,
            published: str | None = None, people: frozenset[str] = PAIR):
    from kg.resolve import Report

    return Report(event, MET_TYPE, article, people, date, place, published)


CONSOLIDATION_ROWS = [
    pytest.param([_report("e1", "x", "2024-03-11"), _report("e2", "y", "2024-03-11")], [["e1", "e2"]],
                 id="same-day"),
    pytest.param([_report("e1", "x", "2024-03-11"), _report("e2", "y", "2024-03-12")], [["e1"], ["e2"]],
                 id="different-days"),
    pytest.param([_report("e1", "x", "2024-03-11", published="2024-03-12"), _report("e2", "y", published="2024-03-13")],
                 [["e1", "e2"]], id="undated-published-within-window"),
    pytest.param([_report("e1", "x", "2024-03-11", published="2024-03-12"), _report("e2", "y", published="2024-06-13")],
                 [["e1"], ["e2"]], id="undated-published-months-later"),
    pytest.param([_report("e1", "x", "--11-07", "Oslo"), _report("e2", "y", None, "Oslo, Norway")], [["e1", "e2"]],
                 id="no-publication-dates-same-place"),
    pytest.param([_report("e1", "x", "--11-07", "Oslo"), _report("e2", "y")], [["e1"], ["e2"]],
                 id="no-publication-dates-no-place"),
    pytest.param([_report("e1", "x", "--11-07", "Oslo"), _report("e2", "y", "--09", "Oslo")], [["e1"], ["e2"]],
                 id="yearless-dates-disagree"),
    pytest.param([_report("e1", "x", "--11-07", "Oslo"), _report("e2", "y", None, "Bergen")], [["e1"], ["e2"]],
                 id="places-disagree"),
    pytest.param([_report("e1", "x", "--11-07", "Oslo"), _report("e2", "y", "--05-02", "Oslo"),
                  _report("e3", "z", None, "Oslo")], [["e1"], ["e2"], ["e3"]], id="ambiguous-stays-apart"),
    pytest.param([_report("e1", "x", "2022-11-07"), _report("e2", "y", "--11-07", published="2022-11-08")],
                 [["e1"], ["e2"]], id="one-side-dated-nothing-ties-in-time"),
    pytest.param([_report("e1", "x", "2022-11-07", "Oslo"), _report("e2", "y", "--11-07", "Oslo")],
                 [["e1", "e2"]], id="year-known-on-one-side-same-place"),
    pytest.param([_report("e1", "x", None, "Oslo"), _report("e2", "x", None, "Oslo")], [["e1"], ["e2"]],
                 id="one-article-two-reports"),
    pytest.param([_report("e1", "x", None, "Oslo"), _report("e2", "y", None, "Oslo", people=frozenset({"urn:a"}))],
                 [["e1"], ["e2"]], id="other-participants"),
]


@pytest.mark.parametrize("reports, expected", CONSOLIDATION_ROWS)
def test_consolidation_rule(reports: list, expected: list[list[str]]) -> None:
    from kg.resolve import consolidate

    assert sorted(sorted(r.event for r in group) for group in consolidate(reports)) == expected


CLAIM_PAIRS = [
    pytest.param("We will not recognise the referendum.", "We will recognise the referendum.", True, id="not"),
    pytest.param("Our troops did not attack civilians", "our troops attacked civilians", True, id="did-not-attacked"),
    pytest.param("The army hasn't shelled the town.", "The army has shelled the town.", True, id="contraction"),
    pytest.param("We never sold weapons to them.", "We sold weapons to them.", True, id="never"),
    pytest.param("We will recognise the referendum.", "We will recognise the referendum.", False, id="same-claim"),
    pytest.param("We will not recognise the referendum.", "We will not accept the referendum.", False,
                 id="different-words"),
    pytest.param("It is not true that we did not attack.", "We attacked.", False, id="double-negation-other-words"),
]


@pytest.mark.parametrize("first, second, contradict", CLAIM_PAIRS)
def test_claim_signature_pairs_a_claim_with_its_denial(first: str, second: str, contradict: bool) -> None:
    from kg.resolve import claim_signature

    (words1, negated1), (words2, negated2) = claim_signature(first), claim_signature(second)
    assert (words1 == words2 and negated1 != negated2) == contradict


@pytest.mark.parametrize("first, second, contradict", CLAIM_PAIRS)
def test_a_claim_that_may_contradict_another_shares_its_key(first: str, second: str, contradict: bool) -> None:
    """Every pair `contradicting_claims` may find shares a `claim_key` (what an incremental
    resolution looks claims up by); one speaker's claims only."""
    from kg.resolve import claim_key

    if contradict:
        assert claim_key("actor/a", first) == claim_key("actor/a", second) is not None
    assert claim_key("actor/a", first) != claim_key("actor/b", first)


def test_a_claim_without_content_words_has_no_key() -> None:
    from kg.resolve import claim_key

    assert claim_key("actor/a", "It is not.") is None


@pytest.mark.parametrize("a, b, same", [
    ("Washington, DC", "Washington", True), ("Washington D.C.", "Washington, D.C.", True),
    ("New York City", "New York", True), ("Paris, France", "Paris", True), ("Paris", "Lyon", False),
    ("Blair House", "Blair", False),
])
def test_same_place(a: str, b: str, same: bool) -> None:
    from kg.gazetteer import same_place

    assert same_place(a, b) is same


def test_undated_articles_join_a_meeting_only_by_its_place(tmp_path: Path) -> None:
    """Pages without publication dates: one meeting told twice at the same place is one event;
    the same ministers' meeting elsewhere stays its own."""
    oslo = ("u1", None, "On November 7, Czech Foreign Minister Karel Novak and Polish Foreign Minister Ewa Zielinska "
                        "met in Oslo.\n")
    again = ("u2", None, "A session in Oslo brought together Czech Foreign Minister Karel Novak and Polish Foreign "
                         "Minister Ewa Zielinska.\n")
    elsewhere = ("u3", None, "Czech Foreign Minister Karel Novak met Polish Foreign Minister Ewa Zielinska in Vienna "
                             "in September.\n")
    out, resolution = _build(tmp_path, [oslo, again, elsewhere])
    groups = sorted(sorted(r.article.rsplit("/", 1)[-1] for r in reports) for reports in resolution.events
                    if reports[0].type.endswith("#Meeting"))
    assert groups == [["u1", "u2"], ["u3"]]
    with open_store(out) as store:
        rules = store.query(f"SELECT ?rule WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?e kg:sourceCount 2 ; kg:rule ?rule }} }}").rows
    assert rules == [("same place, articles undated",)]


def test_a_speaker_contradicting_himself_is_a_conflict(tmp_path: Path) -> None:
    from kg.resolve import conflict_table

    said = ("p1", "2024-03-12", '"We will not recognise the referendum," Czech Foreign Minister Karel Novak said.\n')
    unsaid = ("p2", "2024-04-02", '"We will recognise the referendum," Czech Foreign Minister Karel Novak said.\n')
    out, resolution = _build(tmp_path, [said, unsaid])
    assert [kind for kind, _, _ in resolution.claim_conflicts] == ["contradicting claims"]
    with open_store(out) as store:
        rows = conflict_table(store).rows
    assert [row[0] for row in rows] == ["contradicting claims"]
    assert {"not recognise" in row[2] + row[4] for row in rows} == {True}


def test_a_build_of_new_articles_keeps_the_record_of_older_merges(tmp_path: Path) -> None:
    """The surname article is merged in a first build; a second build of one more article alone
    (into the same store), about other people, does not decide that merge again (resolution is
    incremental) and the store still lists it and why."""
    out, first = _build(tmp_path, [FULL, SURNAME_ONLY])
    assert [m.source for m in first.merges] == [actor_iri("novak")]
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({"id": "a9", "date": "2024-03-20",
                                 "text": "Austrian Chancellor Lena Gruber met Swiss President Urs Keller in Bern.\n"}) + "\n")
    summary = build([str(later)], out, lambda p: None)
    assert summary.resolution.merges == [] and not summary.resolution.whole
    with open_store(out) as store:
        assert store.query(f"ASK {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?m kg:mergedFrom <{actor_iri('novak')}> ; "
                           f"kg:mergedInto <{actor_iri('karel novak')}> ; kg:rule 'surname' }} }}").boolean


def test_pair_summaries_count_each_happening_once_and_keep_the_dated_span() -> None:
    """Three-party meeting told by two articles, then two of them again, undated and yearless:
    a pair's events count happenings, its articles count reports, its dates skip the yearless."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from kg.resolve import Registry, Resolution, resolution_graph
    from kg.vocab import KG

    trio = frozenset({"urn:a", "urn:b", "urn:c"})
    events = [[_report("e1", "x", "2024-03-11", people=trio), _report("e2", "y", "2024-03-11", people=trio)],
              [_report("e3", "z", "2024-05-02")],
              [_report("e4", "w", "--06-01")],
              [_report("e5", "v")]]
    graph = resolution_graph(Resolution(events=events), Registry())
    summary = {}
    for pair in graph.subjects(KG.ofEventType, URIRef(MET_TYPE)):
        members = tuple(sorted(str(m) for m in graph.objects(pair, KG.pairMember)))
        summary[members] = (graph.value(pair, KG.eventCount).toPython(), graph.value(pair, KG.sourceCount).toPython(),
                            graph.value(pair, KG.firstDate), graph.value(pair, KG.lastDate))
    first, last = Literal("2024-03-11", datatype=XSD.date), Literal("2024-05-02", datatype=XSD.date)
    assert summary == {("urn:a", "urn:b"): (4, 5, first, last),
                       ("urn:a", "urn:c"): (1, 2, first, first),
                       ("urn:b", "urn:c"): (1, 2, first, first)}
    corroborated = set(graph.subjects(None, KG.CorroboratedEvent))
    assert len(corroborated) == 1 and len(set(graph.objects(corroborated.pop(), KG.reportedAs))) == 2


# ------------------------------------------------------------------ names across articles (plan_merges on rows)

def _row(slug: str, *labels: str, kind: str = "Person", role: str = "", graphs: tuple[str, ...] = ("g1",)):
    from kg.resolve import ActorRow
    return ActorRow(actor_iri(slug), kind, set(labels), {role} if role else set(), set(), set(graphs))


#: (actor rows of a corpus, the merges expected as (source slug, target slug, rule), the names left ambiguous)
NAME_MERGE_ROWS = [
    pytest.param([_row("bashar al hakim", "Bashar Al Hakim", role="president"),
                  _row("bashar hakim", "Bashar Hakim", "Hakim", role="president", graphs=("g2",))],
                 {("bashar hakim", "bashar al hakim", "name-spelling")}, set(), id="a-particle-left-out"),
    pytest.param([_row("juan carlos restrepo ortega", "Juan Carlos Restrepo Ortega"),
                  _row("restrepo ortega", "Restrepo Ortega", graphs=("g2",))],
                 {("restrepo ortega", "juan carlos restrepo ortega", "name-part")}, set(), id="a-two-word-surname"),
    pytest.param([_row("sara villar", "Sara Villar", role="mayor"),
                  _row("sara villar cortes", "Sara Villar-Cortes", role="mayor", graphs=("g2",))],
                 {("sara villar", "sara villar cortes", "name-double-barrelled")}, set(), id="double-barrelled"),
    pytest.param([_row("ana blasco", "Ana de Blasco"), _row("de blasco", "de Blasco", graphs=("g2",))],
                 {("de blasco", "ana blasco", "surname")}, set(), id="a-surname-with-its-particle"),
    pytest.param([_row("tuta da costa", "Tuta", "Tuta da Costa", graphs=("g1", "g2")),
                  _row("joao carlos tuta da costa", "Joao Carlos Tuta da Costa", graphs=("g3",)),
                  _row("tuta", "Tuta", graphs=("g4",))],
                 {("tuta da costa", "joao carlos tuta da costa", "name-part"),
                  ("tuta", "joao carlos tuta da costa", "surname")}, set(), id="a-chain-ends-at-the-full-name"),
    pytest.param([_row("paulo reyes sr", "Paulo Reyes Sr", role="president"),
                  _row("reyes", "Reyes", role="president", graphs=("g2",))],
                 set(), {"reyes"}, id="a-surname-of-a-namesake-generation"),
    pytest.param([_row("mario rossi", "Mario Rossi"), _row("maria rossi", "Maria Rossi", graphs=("g2",))],
                 set(), set(), id="a-different-given-name"),
    pytest.param([_row("a downing street spokesman d1", "a Downing Street spokesman"),
                  _row("downing street spokesman d2", "Downing Street spokesman", graphs=("g2",))],
                 set(), set(), id="descriptions-are-no-names"),
    pytest.param([_row("kalle aro", "Kalle Aro", role="minister"), _row("k aro", "K. Aro", graphs=("g2",))],
                 {("k aro", "kalle aro", "name-initial")}, set(), id="an-initial"),
    pytest.param([_row("kalle aro", "Kalle Aro"), _row("kirsi aro", "Kirsi Aro", graphs=("g3",)),
                  _row("k aro", "K. Aro", graphs=("g2",))], set(), {"k aro"}, id="an-initial-two-names-fit"),
    pytest.param([_row("antonio ferraz", "Antonio Ferraz"), _row("antonio", "Antonio", graphs=("g2",))],
                 set(), set(), id="a-given-name-alone-is-no-ones"),
    pytest.param([_row("zhou wen", "Zhou Wen"), _row("zhou", "Zhou", graphs=("g2",))],
                 {("zhou", "zhou wen", "surname")}, set(), id="a-family-name-written-first"),
    pytest.param([_row("karl weber", "Karl Weber", role="chancellor"),
                  _row("karl webber", "Karl Webber", role="goalkeeper", graphs=("g2",))],
                 set(), set(), id="a-role-that-contradicts"),
]


@pytest.mark.parametrize("rows, merges, ambiguous", NAME_MERGE_ROWS)
def test_names_merge_across_articles(rows: list, merges: set, ambiguous: set) -> None:
    from kg.resolve import Registry, plan_merges
    planned, left = plan_merges({r.iri: r for r in rows}, Registry())
    assert {(m.source, m.target, m.rule) for m in planned} == \
        {(actor_iri(a), actor_iri(b), rule) for a, b, rule in merges}
    assert {source for source, *_ in left} == {actor_iri(a) for a in ambiguous}


def test_a_name_spelt_two_ways_in_two_articles_is_one_actor(tmp_path: Path) -> None:
    one = ("b1", "2024-05-02", "Syrian President Bashar Al Hakim met Lebanese Prime Minister Nadim Karam in Damascus.\n")
    two = ("b2", "2024-05-03", "Syrian President Bashar Hakim met Iraqi Prime Minister Adel Jaber in Baghdad.\n")
    out, resolution = _build(tmp_path, [one, two])
    holders = [a for a, names in _actor_labels(out).items() if {"Bashar Al Hakim", "Bashar Hakim"} & names]
    assert len(holders) == 1
    assert any(m.rule == "name-spelling" for m in resolution.merges)


class _RowsInOrder:
    """A store stub whose every query answers the rows it was given, in that order: what
    `read_actors` makes of rows whatever order the store returns them in."""

    def __init__(self, rows: list[tuple]) -> None:
        self.rows = rows

    def query(self, sparql: str) -> "_RowsInOrder":
        return self


_SCHEMA = "https://schema.org/"


@pytest.mark.parametrize("kinds, expected", [
    ((("Person", "g1 g2"), ("Organization", "g3")), "Person"),  # the kind most articles give
    ((("Person", "g1"), ("Organization", "g2")), "Organization"),  # a tie: the first by name
    ((("Person", "g1"), (None, "g2 g3")), "Person"),  # an article that gives none does not count
], ids=["most-graphs", "tie", "untyped"])
@pytest.mark.parametrize("reverse", [False, True], ids=["as-read", "reversed"])
def test_an_actor_the_articles_type_differently_is_of_one_kind_in_any_read_order(kinds: tuple, expected: str,
                                                                                  reverse: bool) -> None:
    from kg.resolve import read_actors

    iri = "https://w3id.org/kg-news/id/actor/ana-lima"
    rows = [(iri, f"{_SCHEMA}{kind}" if kind else None, "Ana Lima", None, None, graphs) for kind, graphs in kinds]
    actors = read_actors(_RowsInOrder(rows[::-1] if reverse else rows))  # type: ignore[arg-type]
    assert actors[iri].kind == expected
    assert actors[iri].graphs == {g for _, graphs in kinds for g in graphs.split()}
