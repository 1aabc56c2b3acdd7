"""Incremental resolution (`kg.changes`): a build decides again only where the corpus changed, and
the store ends exactly as one resolution of the whole corpus leaves it.

The articles are written here: Blinken under three spellings (a full name, a given-name variant,
a bare surname), two Pashinyans (so that a bare "Pashinyan" is ambiguous while both are in the
corpus), meetings told twice, a claim and its denial, condemnations of one target by two actors.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.changes
import kg.graph
import kg.pipeline
import kg.resolve
from kg.cli import main
from kg.graph import overview_projection
from kg.names import key_partners, lookup_keys, partition_keys
from kg.pipeline import bring_up_to_date, build
from kg.overview_rows import ROWS_FILE
from kg.store import Store
import kg.vocab
from kg.vocab import RESOLUTION_GRAPH, actor_iri as _iri, actor_key


def actor_iri(name: str) -> str:
    return _iri(actor_key(name))
from store_snapshot import differences, snapshot

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ARTICLES = {
    "a1": ("2024-03-04", "Secretary of State Antony Blinken met Armenian Prime Minister Nikol Pashinyan in Yerevan "
                         "on Monday. Blinken said the talks were productive. Pashinyan said Armenia will recognise "
                         "the agreement."),
    "a2": ("2024-03-05", "Blinken and Pashinyan met in Yerevan on Monday, officials said. Pashinyan said Armenia will "
                         "not recognise the agreement. The European Union condemned the shelling of the border "
                         "villages."),
    "a3": ("2024-03-06", "Tony Blinken held talks with Ilham Aliyev in Baku on Tuesday. Aliyev said the border must "
                         "be settled soon."),
    "a4": ("2024-03-06", "Azerbaijani President Ilham Aliyev met Secretary of State Antony Blinken in Baku on "
                         "Tuesday. Aliyev condemned the attack on the convoy."),
    "a5": ("2024-03-07", "Opposition activist Anna Pashinyan met Ilham Aliyev in Baku on Wednesday. Anna Pashinyan "
                         "said the opposition would keep protesting."),
    "a6": ("2024-03-08", "Nikol Pashinyan spoke by phone with Charles Michel on Thursday. Michel said the European "
                         "Union supports Armenia."),
    "a7": ("2024-03-08", "European Council President Charles Michel met Pashinyan in Brussels on Friday. Michel "
                         "condemned the shelling of the border villages."),
    "a8": ("2024-03-09", "Aliyev met Michel in Brussels on Saturday. Aliyev said Azerbaijan wants peace."),
    "far": ("2024-03-09", "Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Saturday."),
}


def _no_problem(problem) -> None:
    raise AssertionError(problem)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for article_id, (day, text) in ARTICLES.items():
        record = {"id": article_id, "date": day, "text": text, "url": f"https://example.org/{article_id}"}
        (folder / f"{article_id}.json").write_text(json.dumps(record) + "\n")
    return folder


def _article_files(folder: Path, articles: dict[str, tuple[str, str]]) -> Path:
    """`folder`, made, with one JSON file per article (id -> its date and text)."""
    folder.mkdir()
    for article_id, (day, text) in articles.items():
        (folder / f"{article_id}.json").write_text(json.dumps({"id": article_id, "date": day, "text": text}) + "\n")
    return folder


def _built(corpus: Path, out: Path, batches: list[list[str]], removals: dict[int, list[str]]) -> dict:
    """Build the batches one after the other into `out`, removing articles after some (as
    `kg remove` does); the snapshot of the store at the end. On the way, the overview the
    builds' kept rows give is checked against the one read afresh."""
    for i, names in enumerate(batches):
        build([str(corpus / f"{name}.json") for name in names], out, _no_problem)
        if removals.get(i):
            with Store(out / "store") as store:
                for article_id in removals[i]:
                    assert store.remove_article(article_id)
                bring_up_to_date(store)
    with Store(out / "store") as store:
        assert _overview(overview_projection(store, 3, out / ROWS_FILE)) == _overview(overview_projection(store, 3))
        store.export(out / "all.nq")
    return snapshot(out / "all.nq")


def _overview(graph) -> tuple:
    """An overview's nodes, edges and graph attributes, for comparing two."""
    return list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)), graph.graph


@pytest.fixture(scope="module")
def whole(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The corpus less a5 (Anna Pashinyan), built at once."""
    return _built(corpus, tmp_path_factory.mktemp("whole"), [[a for a in ARTICLES if a not in ("a5", "far")]], {})


@pytest.mark.parametrize("batches, removals", [
    ([["a1", "a5", "a8"], ["a3", "a6"], ["a2", "a4", "a7"]], {1: ["a5"]}),
    ([["a1", "a2", "a5"], ["a3", "a6", "a8"], ["a4", "a7"]], {2: ["a5"]}),  # the ambiguity undone last
    ([["a7", "a8"], ["a4", "a5", "far"], ["a1", "a2", "a3", "a6"]], {1: ["far"], 2: ["a5"]}),
], ids=["removed-midway", "removed-last", "surnames-first"])
def test_three_batches_with_removals_equal_one_build(corpus: Path, tmp_path: Path, whole: dict,
                                                     batches: list[list[str]], removals: dict[int, list[str]]) -> None:
    assert differences(whole, _built(corpus, tmp_path / "out", batches, removals)) == []


#: a bare "Dvorak" is the president while the article calling him "President Dvorak" is in the
#: corpus, and ambiguous (Karel or Jana Dvorak) once it is removed
DVORAKS = {
    "d1": ("2024-05-06", "President Karel Dvorak met Prime Minister Ana Lopes in Lisbon on Monday."),
    "d2": ("2024-05-07", "First Lady Jana Dvorak met Health Minister Rui Costa in Porto on Tuesday."),
    "d3": ("2024-05-08", "President Dvorak met Foreign Minister Eva Lind in Stockholm on Wednesday."),
    "d4": ("2024-05-09", "Dvorak said the visit had gone well, the officials said."),
}


@pytest.mark.parametrize("batches, removals", [
    # the merge record of a name merged away keeps what every graph said of it; once one of those
    # graphs is gone it can no longer be told apart, so the merge is decided afresh
    ([["d1", "d2", "d3"], ["d4"]], {1: ["d3"]}),
    # a namesake in a later build undoes a merge written into an earlier build's article, which
    # that build does not read: it is extracted again from the text the store holds
    ([["d1", "d4"], ["d2"]], {}),
], ids=["the-article-it-rested-on-removed", "undone-in-an-earlier-batch's-article"])
def test_a_merge_undone_later_leaves_the_store_as_one_build(tmp_path: Path, batches: list[list[str]],
                                                            removals: dict[int, list[str]]) -> None:
    folder = _article_files(tmp_path / "articles", DVORAKS)
    whole = _built(folder, tmp_path / "whole", [["d1", "d2", "d4"]], {})
    assert differences(whole, _built(folder, tmp_path / "batches", batches, removals)) == []


def test_kg_remove_extracts_the_articles_of_an_undone_merge_in_its_workers(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Removing d3 undoes the merge of d4's bare "Dvorak" (now Karel or Jana): `kg remove
    --workers 2` extracts d4 again in two processes, and the store is a build's without d3."""
    folder = _article_files(tmp_path / "articles", DVORAKS)
    whole = _built(folder, tmp_path / "whole", [["d1", "d2", "d4"]], {})
    _built(folder, tmp_path / "batches", [list(DVORAKS)], {})
    asked: list[int] = []
    original = kg.pipeline.extract_articles

    def noted(articles, workers=1, *args, **kwargs):
        asked.append(workers)
        return original(articles, workers, *args, **kwargs)

    monkeypatch.setattr(kg.pipeline, "extract_articles", noted)
    result = CliRunner().invoke(main, ["remove", str(tmp_path / "batches" / "store"), "d3", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert asked == [2]
    with Store(tmp_path / "batches" / "store") as store:
        store.export(tmp_path / "after.nq")
    assert differences(whole, snapshot(tmp_path / "after.nq")) == []


@pytest.mark.parametrize("then", ["build", "bring_up_to_date"])
def test_an_article_whose_extraction_again_did_not_happen_is_extracted_by_the_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, then: str) -> None:
    """d2's Jana Dvorak undoes the merge of d4's bare "Dvorak" into Karel, which asks for d4 to be
    extracted again; a build that stops before it does (here the extraction does nothing) leaves
    d4 as the merge rewrote it, without its content hash. The next build, or the next command
    that brings the store up to date, extracts it: the store ends as one build's."""
    folder = _article_files(tmp_path / "articles", DVORAKS)
    whole = _built(folder, tmp_path / "whole", [["d1", "d2", "d4"]], {})
    out = tmp_path / "batches"
    build([str(folder / f"{name}.json") for name in ("d1", "d4")], out, _no_problem)
    with monkeypatch.context() as patched:
        patched.setattr(kg.pipeline, "extract_graphs_again", lambda *args, **kwargs: None)
        build([str(folder / "d2.json")], out, _no_problem)
    with Store(out / "store") as store:
        assert kg.changes.unhashed_graphs(store) == {str(kg.vocab.graph_iri("d4"))}
        if then == "bring_up_to_date":
            bring_up_to_date(store)
    if then == "build":
        build([str(folder / "d2.json")], out, _no_problem)
    with Store(out / "store") as store:
        assert kg.changes.unhashed_graphs(store) == set()
        store.export(tmp_path / "after.nq")
    assert differences(whole, snapshot(tmp_path / "after.nq")) == []


#: one actor's condemnation of one target, told in two articles two days apart, beside its
#: condemnation of another target and another actor's of the same target
CONDEMNATIONS = {
    "c1": ("2024-06-03", "The European Union condemned the shelling of the border villages on Monday. "
                         "Ilham Aliyev condemned the attack on the convoy."),
    "c2": ("2024-06-05", "The European Union condemned the shelling of the border villages, the bloc said."),
    "c3": ("2024-06-05", "The European Union condemned the attack on the convoy. Charles Michel condemned "
                         "the shelling of the border villages."),
}


@pytest.mark.parametrize("batches", [[["c1"], ["c2"], ["c3"]], [["c2", "c3"], ["c1"]], [["c3"], ["c1", "c2"]]],
                         ids=["one-at-a-time", "the-first-told-last", "other-targets-first"])
def test_a_condemnation_told_again_later_is_one_event_as_in_one_build(tmp_path: Path, batches: list[list[str]]) -> None:
    """A one-actor event is regrouped by its actor and target: the event an earlier build
    recorded for it is found (by its target's words) and replaced, not left beside the new one."""
    folder = _article_files(tmp_path / "articles", CONDEMNATIONS)
    whole = _built(folder, tmp_path / "whole", [list(CONDEMNATIONS)], {})
    assert differences(whole, _built(folder, tmp_path / "batches", batches, {})) == []


#: a claim and its denial by one man, who is the bare "Dvorak" of the denial only once the
#: article naming another Dvorak has gone
DENIALS = {
    "p1": ("2024-05-06", "President Karel Dvorak said the border will open next week."),
    "p2": ("2024-05-07", "First Lady Jana Dvorak met Health Minister Rui Costa in Porto on Tuesday."),
    "p3": ("2024-05-08", "Dvorak said the border will not open next week."),
    "p4": ("2024-05-09", "Karel Dvorak said the border will not open next week, his office said."),
}


@pytest.mark.parametrize("articles, batches, removals", [
    # removing p2 changes no graph that holds a claim; the merge it allows makes p1's claim and
    # p3's denial one speaker's
    (["p1", "p3"], [["p1", "p2", "p3"]], {0: ["p2"]}),
    # the denial comes in a later build, its speaker's claim was stored by an earlier one
    (["p1", "p4"], [["p1"], ["p4"]], {}),
    (["p1", "p4"], [["p4", "p2"], ["p1"]], {1: ["p2"]}),
], ids=["brought-together-by-a-merge", "denied-later", "claimed-later"])
def test_a_claim_and_its_denial_in_two_builds_conflict_as_in_one(tmp_path: Path, articles: list[str],
                                                                 batches: list[list[str]], removals: dict[int, list[str]]) -> None:
    folder = _article_files(tmp_path / "articles", DENIALS)
    whole = _built(folder, tmp_path / "whole", [articles], {})
    kinds = {str(kind) for kind in whole[RESOLUTION_GRAPH].objects(None, kg.vocab.KG.conflictKind)}
    assert kinds == {"contradicting claims"}
    assert differences(whole, _built(folder, tmp_path / "batches", batches, removals)) == []


def _scopes(monkeypatch: pytest.MonkeyPatch) -> list:
    """The scope each resolution decides on (None: the whole corpus), as it goes."""
    seen: list = []
    original = kg.resolve.changed_scope

    def noted(store, digest, rewritten=()):
        scope = original(store, digest, rewritten)
        seen.append(scope)
        return scope

    monkeypatch.setattr(kg.resolve, "changed_scope", noted)
    return seen


def test_an_article_about_others_reaches_only_its_own_actors(corpus: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build([str(corpus / f"{name}.json") for name in ("a1", "a3", "a4")], out, _no_problem)
    scopes = _scopes(monkeypatch)
    build([str(corpus / "far.json")], out, _no_problem)
    [scope] = scopes
    assert scope.graphs == {str(kg.vocab.graph_iri("far"))}
    assert scope.actors == {actor_iri("olaf scholz"), actor_iri("emmanuel macron")}
    assert scope.touched == scope.actors


def test_a_build_reads_again_the_overview_rows_of_the_graphs_it_changed_only(corpus: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's overview keeps what it read of each article graph (`kg.overview_rows`): the
    next build reads the graph it added; one that adds nothing reads nothing; a store resolved
    whole again (as after `kg query --update`) is read again whole."""
    out = tmp_path / "out"
    build([str(corpus / f"{name}.json") for name in ("a1", "a3", "a4")], out, _no_problem)
    assert (out / ROWS_FILE).exists()
    read: list[list[str] | None] = []
    original = kg.graph._graph_rows

    def noted(store, relations, only):
        read.append(None if only is None else sorted(only))
        return original(store, relations, only)

    monkeypatch.setattr(kg.graph, "_graph_rows", noted)
    build([str(corpus / "far.json")], out, _no_problem)
    assert read == [[str(kg.vocab.graph_iri("far"))]]
    build([str(corpus / "far.json")], out, _no_problem, force=True)
    assert read[1:] == [[str(kg.vocab.graph_iri("far"))]]
    with Store(out / "store") as store:
        bring_up_to_date(store, full=True)
    build([str(corpus / "far.json")], out, _no_problem)
    assert read[2:] == [None]


def test_a_new_spelling_reaches_the_actors_it_may_be(corpus: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build([str(corpus / f"{name}.json") for name in ("a1", "far")], out, _no_problem)
    scopes = _scopes(monkeypatch)
    build([str(corpus / "a3.json")], out, _no_problem)  # "Tony Blinken": a spelling of Antony Blinken's
    [scope] = scopes
    assert actor_iri("antony blinken") in scope.actors and actor_iri("tony blinken") in scope.actors
    assert actor_iri("olaf scholz") not in scope.actors


def test_a_new_meeting_of_a_busy_actor_regroups_only_its_own_pair(corpus: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Aliyev meets Blinken (a3, a4) and Anna Pashinyan (a5); a8 adds his meeting with Michel: only
    the Aliyev-Michel unit is decided again (a8 names them "Aliyev" and "Michel", merged into the
    full names), not his meetings with Blinken, which a8 does not touch."""
    out = tmp_path / "out"
    build([str(corpus / f"{name}.json") for name in ("a3", "a4", "a5", "a7")], out, _no_problem)
    regroupings: list = []
    original = kg.resolve.regroup_events

    def noted(*args, **kwargs):
        regroupings.append(original(*args, **kwargs))
        return regroupings[-1]

    monkeypatch.setattr(kg.resolve, "regroup_events", noted)
    build([str(corpus / "a8.json")], out, _no_problem)
    [regrouping] = regroupings
    aliyev, michel = actor_iri("ilham aliyev"), actor_iri("charles michel")
    units = {participants for participants, _ in regrouping.units}
    assert frozenset({aliyev, michel}) in units
    assert frozenset({aliyev, actor_iri("antony blinken")}) not in units
    assert {r.article for r in regrouping.reports} == {str(kg.vocab.article_iri("a8"))}


def test_an_unchanged_store_is_not_resolved_again_and_a_new_registry_is_resolved_whole(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build([str(corpus / f"{name}.json") for name in ("a1", "a2")], out, _no_problem)
    scopes = _scopes(monkeypatch)
    with Store(out / "store") as store:
        before = len(store)
        assert not bring_up_to_date(store).whole
        assert len(store) == before and scopes[-1].is_empty
        registry = tmp_path / "actors.ttl"
        registry.write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                            f'<{actor_iri("antony blinken")}> skos:prefLabel "Tony Blinken"@en .\n')
        assert bring_up_to_date(store, registry).whole and scopes[-1] is None
        label = store.query(f"SELECT ?l WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ <{actor_iri('antony blinken')}> "
                            "skos:prefLabel ?l } }").rows
        assert label == [("Tony Blinken",)]


def test_a_store_resolved_with_another_record_format_is_resolved_whole_once(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store an older kg resolved lacks records an incremental resolution starts from (the
    claim keys): the next resolution is of the whole corpus, and the one after is incremental."""
    out = tmp_path / "out"
    build([str(corpus / f"{name}.json") for name in ("a1", "a2")], out, _no_problem)
    scopes = _scopes(monkeypatch)
    monkeypatch.setattr(kg.changes, "RESOLUTION_FORMAT", kg.changes.RESOLUTION_FORMAT + 1)
    with Store(out / "store") as store:
        assert bring_up_to_date(store).whole and scopes[-1] is None
        assert not bring_up_to_date(store).whole and scopes[-1].is_empty


def test_kg_resolve_full_leaves_an_incrementally_built_store_as_it_is(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built = _built(corpus, out, [["a1", "a5"], ["a2", "a3"]], {1: ["a5"]})
    result = CliRunner().invoke(main, ["resolve", str(out), "--full"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("resolved the whole corpus: ")
    with Store(out / "store") as store:
        store.export(out / "again.nq")
    assert differences(built, snapshot(out / "again.nq")) == []
    result = CliRunner().invoke(main, ["resolve", str(out)])
    assert result.output.startswith("resolved what changed since the last resolution: 0 merges")


@pytest.mark.parametrize("label, keys", [
    ("Antony Blinken", {"blinken", "~blankan", ">antony"}),  # a given name: no first-word key
    ("Blinken", {"blinken", "~blankan", "?blinken"}),
    ("Wang Yi", {"yi", "~yi", "^wang", ">wang"}),
    ("Juan Carlos Restrepo Ortega", {"ortega", "~ortaga", "restrepo", ">juan", "<juan"}),
    ("Mohammed bin Salman", {"salman", "~salman", ">mohammed"}),
    ("Bashar al-Assad", {"assad", "~asad", ">bashar"}),
    ("", set()),
    ("A senior official", set()),  # a descriptor, no name: never compared, so no key
    ("Novak", {"novak", "~navak"}),  # also a given name (Novak Djokovic): no first-word key
])
def test_partition_keys(label: str, keys: set[str]) -> None:
    assert partition_keys(label) == keys


@pytest.mark.parametrize("label, kind, has_keys", [
    ("Novak", "Organization", True),  # "Novak said": spaCy's organisation may be a bare surname
    ("Foreign Ministry", "Organization", False),  # an organisation's full name is compared with no one
    ("Karel Novak", "Person", True),
    ("Karel Novak", "Group", False),
    ("residents", "Group", False),
])
def test_only_names_resolution_compares_have_keys(label: str, kind: str, has_keys: bool) -> None:
    assert bool(partition_keys(label, kind)) is has_keys


@pytest.mark.parametrize("short, long_, meet", [
    ("Wang", "Wang Yi", True),  # a family name written first
    ("Wang Wenbin", "Wang Yi", False),  # two full names with one first word are not compared
    ("Mohammed bin Salman", "Mohammed bin Salman bin Abdulaziz Al Saud", True),  # a long name's start
    ("Mohammed Ali", "Mohammed bin Salman", False),
    ("Blinken", "Antony Blinken", True),
    ("Antonio", "Antonio Guterres", False),  # a known given name alone is no one's in particular
])
def test_keys_meet_where_resolution_compares_names(short: str, long_: str, meet: bool) -> None:
    assert bool(key_partners(partition_keys(short)) & partition_keys(long_)) is meet
    assert bool(key_partners(partition_keys(long_)) & partition_keys(short)) is meet


@pytest.mark.parametrize("labels, keys", [
    (["Antony Blinken"], {"antony blinken", "antony", "blinken"}),
    (["Recep Tayyip  Erdoğan", "Erdogan"], {"recep tayyip erdogan", "recep", "tayyip", "erdogan"}),
    (["  "], set()),
])
def test_lookup_keys(labels: list[str], keys: set[str]) -> None:
    assert lookup_keys(labels) == keys
