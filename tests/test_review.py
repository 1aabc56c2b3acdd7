"""Correcting kg from the command line: `kg review` lists what to look at; `kg merge`, `kg split`,
`kg ignore` and `kg rename` record the decision in a registry file, apply it to the store at once,
and a rebuild with the same registry applies it again; `kg actor` finds an actor by any label, a
prefix or a close spelling."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.registry import append_decision, remove_triples
from kg.names import suspect_reasons
from kg.store import open_store
from kg.vocab import RESOLUTION_GRAPH, SKOS, actor_iri
from rdflib import Literal, URIRef

ARTICLES = [
    ("a1", "2024-03-12", "Czech Foreign Minister Karel Novak met Polish Foreign Minister Ewa Zielinska in Prague "
                         "on Monday.\n"),
    ("a2", "2024-03-13", "Novak said that Prague would buy more gas from Norway.\n"),
    ("a3", "2024-03-14", "Slovak President Jana Novak met Hungarian President Gabor Nagy in Bratislava.\n"),
    ("a4", "2024-03-15", "Finnish Trade Minister Tomas Rundt met Ewa Zielinska in Helsinki on Friday.\n"),
    ("a5", "2024-03-16", "Rundt said that the talks in Helsinki had gone well.\n"),
]
NOVAK, KAREL, JANA = actor_iri("novak"), actor_iri("karel novak"), actor_iri("jana novak")
RUNDT, TOMAS, NAGY = actor_iri("rundt"), actor_iri("tomas rundt"), actor_iri("gabor nagy")


def kg(*args: str | Path) -> tuple[int, str]:
    """Run `kg ARGS` in this process; (exit code, stdout and stderr together)."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five articles built once, with an empty registry (spaCy costs seconds per build)."""
    folder = tmp_path_factory.mktemp("review")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "date": d, "text": t}) + "\n" for i, d, t in ARTICLES))
    code, output = kg("build", corpus, "-o", folder / "out", "--registry", folder / "none.ttl")
    assert code == 0, output
    return folder


@pytest.fixture()
def work(built: Path, tmp_path: Path) -> Path:
    """A copy of the built store for one test to change, with the corpus beside it."""
    shutil.copytree(built / "out" / "store", tmp_path / "out" / "store")
    shutil.copy(built / "corpus.jsonl", tmp_path / "corpus.jsonl")
    return tmp_path


def rebuild(work: Path, registry: Path, *extra: str) -> None:
    code, output = kg("build", work / "corpus.jsonl", "-o", work / "out", "--registry", registry, *extra)
    assert code == 0, output


def labels_of(work: Path) -> dict[str, set[str]]:
    """Actor IRI -> its labels in the article graphs."""
    with open_store(work / "out") as store:
        rows = store.query('SELECT ?a ?l WHERE { GRAPH ?g { ?a a sem:Actor ; rdfs:label|skos:altLabel ?l } '
                           'FILTER(STRSTARTS(STR(?g), "https://w3id.org/kg-news/id/graph/")) }').rows
    found: dict[str, set[str]] = {}
    for actor, label in rows:
        found.setdefault(str(actor), set()).add(str(label))
    return found


def canonical(work: Path, actor: str) -> str | None:
    with open_store(work / "out") as store:
        rows = store.query(f"SELECT ?l WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ <{actor}> skos:prefLabel ?l }} }}").rows
    return str(rows[0][0]) if rows else None


# --- kg review ---------------------------------------------------------------------------------

def test_review_lists_a_possible_merge_with_its_evidence(built: Path) -> None:
    code, output = kg("review", built / "out")
    assert code == 0
    line = next(line for line in output.splitlines() if f"<{NOVAK}> may be" in line)
    assert f"<{KAREL}>" in line and f"<{JANA}>" in line
    assert "foreign minister" in line and "president" in line  # what tells the candidates apart
    assert "several people have that surname" in line  # why resolution left the name apart


def test_review_lists_suspect_labels_and_conflicting_kinds(work: Path) -> None:
    dateline, graph = actor_iri("washington nov 7"), "https://w3id.org/kg-news/id/graph/a5"
    with open_store(work / "out") as store:
        store.update(f"""INSERT DATA {{ GRAPH <{graph}> {{
            <{dateline}> a sem:Actor, schema:Organization ; rdfs:label "WASHINGTON, Nov 7"@en .
            <{TOMAS}> a schema:Organization . }} }}""")
    code, output = kg("review", work / "out")
    assert code == 0
    assert any("'WASHINGTON, Nov 7'" in line and "dateline" in line for line in output.splitlines())
    kinds = output[output.index("conflicting kinds"):]
    assert f"<{TOMAS}>" in kinds and "Organization in a5" in kinds and "Person in a4" in kinds


@pytest.mark.parametrize(("label", "reason"), [
    ("Monday Karel Novak", "weekday"),
    ("WASHINGTON, Nov 7", "dateline"),
    ("Lagos:", "dateline"),
    ("12 June, 2019", "month"),
    ("Nigeria’s Buhari", "possessive"),
    ("Tun Dr Mahathir (Malaysia", "brackets"),
    ("PM Khan", "title 'PM'"),
    ("H.E. Sheikh Tamim", "title 'H.E.'"),
    ("Mr. Smith", "title 'Mr.'"),
    ("Tobacco Firm CEO Ana Lind", "title 'CEO'"),
    ("Alia Meets Buhari", "headline"),
    ("El - Rufai", "broken by spaces"),
])
def test_suspect_labels(label: str, reason: str) -> None:
    assert any(reason in r for r in suspect_reasons(label)), suspect_reasons(label)


@pytest.mark.parametrize("label", ["Karel Novak", "Theresa May", "Taoiseach", "African National Congress", "ANC",
                                   "El-Rufai", "Jan Kowalski", "Pope Clement", "King Hamid", "First Minister",
                                   "the NDP leader", "Kan's diplomatic correspondent", "Ramon Villareal Jr."])
def test_names_are_not_suspect(label: str) -> None:
    assert suspect_reasons(label, "Person") == []
    assert suspect_reasons("dock workers", "Group") == []  # a group is named by what its people are
    assert suspect_reasons("Iraq's Foreign Ministry", "Organization") == []  # a body may be its country's


# --- kg merge ----------------------------------------------------------------------------------

def test_merge_is_recorded_applied_and_survives_a_rebuild(work: Path) -> None:
    registry = work / "actors.ttl"
    code, output = kg("merge", work / "out", "novak", "Karel Novak", "--registry", registry)
    assert code == 0, output
    text = registry.read_text(encoding="utf-8")
    assert "# kg merge 'Novak' into 'Karel Novak'" in text
    assert f'<{KAREL}> skos:altLabel "Novak"@en .' in text
    assert NOVAK not in labels_of(work) and "Novak" in labels_of(work)[KAREL]  # applied at once
    rebuild(work, registry, "--force")  # every article extracted again: the registry merges again
    assert NOVAK not in labels_of(work) and "Novak" in labels_of(work)[KAREL]
    code, output = kg("actor", work / "out", "Novak")
    assert code == 0 and "registry-label" in output


def test_merge_of_an_unknown_or_same_actor_is_refused_and_the_registry_unchanged(work: Path) -> None:
    registry = work / "actors.ttl"
    registry.write_text("# mine\n", encoding="utf-8")
    code, output = kg("merge", work / "out", "Nobody Here", "Karel Novak", "--registry", registry)
    assert code != 0 and "no actor has the label or IRI 'Nobody Here'" in output
    assert len(output.strip().splitlines()) == 1
    code, output = kg("merge", work / "out", "karel novak", KAREL, "--registry", registry)
    assert code != 0 and "already one actor" in output
    assert registry.read_text(encoding="utf-8") == "# mine\n"


# --- kg split ----------------------------------------------------------------------------------

def test_split_undoes_a_merge_and_survives_a_rebuild(work: Path) -> None:
    registry = work / "actors.ttl"
    assert "Rundt" in labels_of(work)[TOMAS]  # the surname rule merged "Rundt" into Tomas Rundt
    code, output = kg("split", work / "out", "Rundt", "--registry", registry)
    assert code == 0, output
    assert f"<{RUNDT}> owl:differentFrom <{TOMAS}> ." in registry.read_text(encoding="utf-8")
    assert labels_of(work)[RUNDT] == {"Rundt"} and "Rundt" not in labels_of(work)[TOMAS]
    rebuild(work, registry)
    assert labels_of(work)[RUNDT] == {"Rundt"}
    rebuild(work, registry, "--force")
    assert labels_of(work)[RUNDT] == {"Rundt"}
    code, output = kg("validate", work / "out")
    assert code == 0, output


def test_split_takes_back_the_merge_a_registry_label_made(work: Path) -> None:
    registry = work / "actors.ttl"
    assert kg("merge", work / "out", "Novak", "Jana Novak", "--registry", registry)[0] == 0
    assert "Novak" in labels_of(work)[JANA]
    code, output = kg("split", work / "out", "Novak", "--registry", registry)
    assert code == 0, output
    text = registry.read_text(encoding="utf-8")
    assert "skos:altLabel" not in text and "# kg merge" not in text  # the merge's block is gone
    assert f"<{NOVAK}> owl:differentFrom <{JANA}> ." in text
    assert "Novak" not in labels_of(work)[JANA]


@pytest.mark.parametrize(("command", "name", "said"), [
    ("split", "Gabor Nagy", "no merge of an actor called 'Gabor Nagy'"),  # a name never merged
    ("ignore", "Tuesday", "'Tuesday'"),  # a label no actor has
    ("rename", "Nobody Here", "'Nobody Here'"),
])
def test_a_decision_on_no_such_actor_is_refused_and_nothing_recorded(work: Path, command: str, name: str,
                                                                      said: str) -> None:
    registry = work / "actors.ttl"
    code, output = kg(command, work / "out", name, *(["New Label"] if command == "rename" else []),
                      "--registry", registry)
    assert code != 0 and said in output, output
    assert not registry.exists()


# --- kg ignore ---------------------------------------------------------------------------------

def test_ignore_removes_the_actor_and_its_events_and_survives_a_rebuild(work: Path) -> None:
    registry = work / "actors.ttl"
    code, output = kg("ignore", work / "out", "gabor nagy", "--registry", registry)
    assert code == 0, output
    assert '[] kg:notAnActor "gabor nagy"@en .' in registry.read_text(encoding="utf-8")

    def gone() -> None:
        assert NAGY not in labels_of(work)
        assert kg("actor", work / "out", "Gabor Nagy")[0] != 0
        code, actors = kg("actors", work / "out")
        assert "Gabor Nagy" not in actors and "Jana Novak" in actors
        code, met = kg("query", work / "out", "SELECT ?e WHERE { ?e sem:hasActor ?a FILTER(?a = <%s>) }" % JANA)
        assert "(0 rows)" in met  # Jana Novak's meeting needed Gabor Nagy
        code, report = kg("validate", work / "out")
        assert code == 0, report

    gone()
    rebuild(work, registry, "--force")
    gone()
    registry.write_text("", encoding="utf-8")  # the decision taken back by hand: the actor returns
    rebuild(work, registry)
    assert labels_of(work)[NAGY] == {"Gabor Nagy"}


# --- kg rename ---------------------------------------------------------------------------------

def test_rename_shows_the_label_everywhere_and_survives_a_rebuild(work: Path) -> None:
    registry = work / "actors.ttl"
    assert kg("rename", work / "out", "Karel Novak", "Karel Novák", "--registry", registry)[0] == 0
    assert kg("rename", work / "out", KAREL, "K. Novak", "--registry", registry)[0] == 0  # replaces it
    text = registry.read_text(encoding="utf-8")
    assert text.count("skos:prefLabel") == 1 and f'<{KAREL}> skos:prefLabel "K. Novak"@en .' in text
    assert canonical(work, KAREL) == "K. Novak"
    rebuild(work, registry, "--force")
    assert canonical(work, KAREL) == "K. Novak"
    code, output = kg("actor", work / "out", "karel novak")
    assert code == 0 and "K. Novak" in output
    code, output = kg("query", work / "out", "queries/actor_profile.rq", "--param", "name=Ewa Zielinska")
    assert "Meeting with K. Novak" in output  # the other party by the label it is shown by


# --- one label everywhere ------------------------------------------------------------------------

def test_claims_group_by_actor_under_its_canonical_label(built: Path) -> None:
    code, output = kg("query", built / "out", "queries/claims.rq", "--format", "csv")
    rows = [line.split(",")[0] for line in output.splitlines()[1:]]
    assert "Tomas Rundt" in rows and "Rundt" not in rows  # a5 spells him "Rundt"


@pytest.mark.parametrize(("name", "found"), [
    ("ewa zielinska", "Ewa Zielinska"),  # a label, any case
    (TOMAS, "Tomas Rundt"),  # an IRI
    ("Rundt", "Tomas Rundt"),  # another label of the actor
    ("Gab", "Gabor Nagy"),  # a prefix
    ("Zielin", "Ewa Zielinska"),  # a prefix of a word
    ("Ewa Zielinsca", "Ewa Zielinska"),  # a close spelling
    ("Zielinsca", "Ewa Zielinska"),  # a close spelling of one word
])
def test_actor_finds_by_label_prefix_or_close_spelling(built: Path, name: str, found: str) -> None:
    code, output = kg("actor", built / "out", name)
    assert code == 0, output
    assert output.splitlines()[0].startswith(f"{found} <"), output  # who was found, then the profile
    assert any(line.split()[:2] == ["name", found.split()[0]] for line in output.splitlines()[1:]), output


def test_actor_shows_the_other_party_of_each_event(built: Path) -> None:
    code, output = kg("actor", built / "out", "Ewa Zielinska")
    assert code == 0
    assert "Meeting with Karel Novak" in output and "Meeting with Tomas Rundt" in output


def test_actor_ambiguous_lists_the_candidates(built: Path) -> None:
    code, output = kg("actor", built / "out", "nova")  # Novak, Karel Novak, Jana Novak
    assert code == 1
    assert "several actors fit" in output
    assert all(f"<{iri}>" in output for iri in (NOVAK, KAREL, JANA))


def test_actor_unknown_says_so(built: Path) -> None:
    code, output = kg("actor", built / "out", "Qwxyz")
    assert code == 1 and "no actor has the label, prefix or close spelling 'Qwxyz'" in output


# --- the registry file -------------------------------------------------------------------------

def test_registry_keeps_hand_written_entries_and_comments(tmp_path: Path) -> None:
    registry = tmp_path / "actors.ttl"
    hand = ("# my notes\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            f'<{KAREL}> skos:altLabel "Charles Novak"@en, "K. Novak"@en .\n')
    registry.write_text(hand, encoding="utf-8")
    triple = (URIRef(KAREL), SKOS.altLabel, Literal("Novak", lang="en"))
    append_decision(registry, "merge", "'Novak' into 'Karel Novak'", [triple])
    assert registry.read_text(encoding="utf-8").startswith(hand)
    removal = remove_triples(registry, [triple, (URIRef(KAREL), SKOS.altLabel, Literal("K. Novak", lang="en"))])
    assert removal.removed == [triple]
    assert [line for _, line in removal.left] == [3]  # the hand-written one is left, and pointed at
    assert registry.read_text(encoding="utf-8") == hand
