"""Cross-article resolution: one actor per person, one event per happening, and where sources disagree.

Runs over the store after a build, so that every article is known (an article that names
only "Pashinyan" is read before or after the one that says "Nikol Pashinyan"):

* **Actors.** A name is linked to another actor only by a strong rule: a label listed in the
  registry (`ontology/actors.ttl`, editable), or a bare surname that matches exactly one
  full-named person of compatible role and affiliation. Ambiguous names stay apart and are
  listed with a note; merges never chain (the target of a merge is never itself merged), and a
  pair the registry forbids (`owl:differentFrom`) is never merged. Each merge is rewritten into
  the article graphs (so every query sees one actor) and recorded with its rule, its evidence,
  the graphs it rewrote and what the name merged away was (labels, kind, roles, affiliations).
  The graphs keep their content hash, so an unchanged rebuild parses nothing: the next
  resolution decides again on the recorded names, and a merge it no longer makes (a second
  "Blinken" has come, the registry now keeps the two apart) is undone by extracting the
  graphs it rewrote again (`Resolution.reextract`).
  Each article keeps its own spelling as `rdfs:label`; the corpus shows one, the actor's
  `skos:prefLabel` written here (the registry's, else the one most articles use, else the
  fullest), with the articles' other spellings as its `skos:altLabel`s, so that the merged
  view has one preferred label per language, as SKOS requires, and every name it goes by.
* **Events.** Reports of the same type with the same participants are one event when they
  give the same day, or when their dates and places do not contradict each other
  ("2022-11-07", "--11-07" and no date at all fit together; "Washington" and "Washington, DC"
  are one place) and something else ties them in time: their articles were published within
  `WINDOW_DAYS` of each other, or, where the articles carry no publication date, both reports
  name the same place. A report joins an event only when exactly one event fits it, so an
  ambiguous report stays on its own. Each consolidated event lists its source articles (their
  number is `kg:sourceCount`) and the rule that tied them (`kg:rule`); it is
  `prov:wasDerivedFrom` its reports and its `kg:confidence` is the highest of theirs
  (corroboration shows in `kg:sourceCount`, not folded into that number).
* **Conflicts.** Two reports of one participant set, published within the window, that give
  different dates or places, or where one says the meeting took place and another that it was
  cancelled or denied, are recorded as a `kg:Conflict`; so are two claims of one speaker that
  say the same words but for a negation ("will recognise" / "will not recognise").

Everything derived here lives in one named graph (`vocab.RESOLUTION_GRAPH`), rebuilt whole by
each run, so resolution is idempotent.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Collection, Container, Iterable, Iterator
from typing import NamedTuple
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from .lexicon import LEXICON
from .dates import compatible
from .gazetteer import fold, same_place
from .names import (
    FIRST_NAME_CANON, LONG_NAME as _LONG_NAME, core_words, has_generation, is_given_name, looks_like_name,
    lookup_keys, partition_keys, same_name, spelling_key,
)
from .changes import Scope, changed_scope, registry_digest, unhashed_graphs
from .rdf import add_date, date_literal, decimal_literal, is_yearless, text_literal
from .registry import RegistryError
from .store import GraphStore, GraphWriter, answers, side_by_side, value_chunks, values
from .vocab import ID, KG, PROV, RDF, RESOLUTION_GRAPH, SCHEMA, SEM, SKOS, actor_iri, actor_key

#: Reports this many days apart (by publication date) may tell of the same event.
WINDOW_DAYS = 7
#: Event types whose reports contradict a meeting that took place.
UNREALISED = {str(KG.CancelledMeeting), str(KG.DeniedMeeting), str(KG.RefusedMeeting)}
REGISTRY = Path(__file__).resolve().parent.parent / "ontology" / "actors.ttl"
_NEGATION_CUES = LEXICON.words("negation_cues")
_CLAIM_STOPWORDS = LEXICON.words("claim_stopwords")


@dataclass
class ActorRow:
    """One actor as the store knows it, over all articles."""

    iri: str
    kind: str = ""
    labels: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)  # the article graphs naming it

    @property
    def articles(self) -> int:
        return len(self.graphs)

    @property
    def full_names(self) -> list[str]:
        """Labels that are names of two words at least, particles aside ("de Blasio" is a bare
        surname, "a Downing Street spokesman" no name)."""
        return sorted(label for label in self.labels if len(core_words(label)) >= 2 and looks_like_name(label))


@dataclass(frozen=True)
class Merge:
    source: str  # actor IRI merged away
    target: str  # actor IRI it became
    rule: str
    evidence: str
    was: ActorRow | None = field(default=None, compare=False)  # the actor merged away, as the graphs had it


@dataclass
class Registry:
    """The user's actor table: labels that name an actor, pairs never to merge, and labels that
    name no actor at all (`kg:notAnActor`)."""

    labels: dict[str, str] = field(default_factory=dict)  # folded label -> actor IRI
    preferred: dict[str, str] = field(default_factory=dict)  # actor IRI -> its skos:prefLabel
    different: set[frozenset[str]] = field(default_factory=set)
    not_actors: set[str] = field(default_factory=set)  # folded labels that are not actors
    graph: Graph = field(default_factory=Graph)

    def is_not_an_actor(self, row: ActorRow) -> bool:
        """Whether the registry says `row` is no actor: its IRI is the one a `kg:notAnActor`
        label names (the IRI extraction mints for that label), or every label it has is listed.
        A real actor into which a listed name was merged keeps its other labels, so it stays."""
        if not self.not_actors:
            return False
        if row.iri in {actor_iri(actor_key(label)) for label in self.not_actors}:
            return True
        return bool(row.labels) and all(fold(label) in self.not_actors for label in row.labels)


class Ambiguity(NamedTuple):
    """A name left apart because several actors fit it, each kept as a kg:possiblySameAs."""

    source: str
    candidates: list[str]
    reason: str


@dataclass(frozen=True)
class Report:
    """One article's account of an event."""

    event: str
    type: str
    article: str
    participants: frozenset[str]
    date: str | None
    place: str | None
    published: str | None
    target: str | None = None  # what a condemnation is of, folded: reports of other targets are other events
    confidence: float = 1.0  # the extractor's, for the consolidated event's own


@dataclass
class Resolution:
    merges: list[Merge] = field(default_factory=list)
    undone: list[Merge] = field(default_factory=list)  # earlier merges resolution no longer makes
    ambiguous: list[Ambiguity] = field(default_factory=list)
    events: list[list[Report]] = field(default_factory=list)
    conflicts: list[tuple[str, Report, Report]] = field(default_factory=list)
    claim_conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, claim IRI, claim IRI)
    labels: dict[str, str] = field(default_factory=dict)  # actor IRI -> its one label across the corpus
    removed: list[ActorRow] = field(default_factory=list)  # actors the registry says are not actors
    restored: list[ActorRow] = field(default_factory=list)  # earlier removals the registry no longer asks for
    other_labels: dict[str, list[str]] = field(default_factory=dict)  # actor IRI -> its articles' other spellings
    whole: bool = True  # decided over the whole corpus; False: only where the corpus changed (`kg.changes`)
    unhashed: set[str] = field(default_factory=set)  # graphs an earlier run wanted extracted again, still not

    @property
    def reextract(self) -> set[str]:
        """The article graphs to extract again (`_extracted_again`), with those an earlier
        resolution wanted extracted again and that still are not (`kg.changes.unhashed_graphs`)."""
        return _extracted_again(self.undone, self.restored) | self.unhashed


def _extracted_again(undone: Iterable[Merge], restored: Iterable[ActorRow]) -> set[str]:
    """The article graphs to extract again: those the `undone` merges rewrote, and those an
    earlier removal rewrote when the registry no longer names that actor as no actor (`restored`)."""
    return ({g for m in undone if m.was is not None for g in m.was.graphs}
            | {g for row in restored for g in row.graphs})


# --------------------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------------------


def load_registry(path: str | Path | None = REGISTRY) -> Registry:
    """Read `ontology/actors.ttl` (or another file); a missing file is an empty registry."""
    registry = Registry()
    if path is None or not Path(path).exists():
        return registry
    try:
        registry.graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises several kinds; the user needs the file and the cause
        raise RegistryError(f"{path}: not valid Turtle: {' '.join(str(error).split())[:300]}") from None
    for actor, _, label in registry.graph.triples((None, SKOS.prefLabel, None)):
        registry.labels[fold(str(label))] = str(actor)
        registry.preferred[str(actor)] = str(label)
    for actor, _, label in registry.graph.triples((None, SKOS.altLabel, None)):
        registry.labels.setdefault(fold(str(label)), str(actor))
    for a, _, b in registry.graph.triples((None, OWL.differentFrom, None)):
        registry.different.add(frozenset((str(a), str(b))))
    for _, _, label in registry.graph.triples((None, KG.notAnActor, None)):
        registry.not_actors.add(fold(str(label)))
    return registry


# --------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------

_ARTICLE_GRAPHS = f'FILTER(STRSTARTS(STR(?g), "{ID["graph/"]}"))'
#: every actor's names, kind, roles and affiliations, by graph. The restriction (ONLY) goes inside
#: the GRAPH block, with the OPTIONALs: outside it, Oxigraph read every actor of the store once
#: per VALUES block.
_ACTORS = """
SELECT ?actor ?kind ?label ?role ?aff (GROUP_CONCAT(DISTINCT STR(?g)) AS ?graphs) WHERE {
  GRAPH ?g { ONLY ?actor a sem:Actor ; rdfs:label|skos:altLabel ?label .
             OPTIONAL { ?actor a ?kind FILTER(?kind != sem:Actor) }
             OPTIONAL { ?actor kg:role ?role } OPTIONAL { ?actor kg:affiliation ?aff } }
  ARTICLE_GRAPHS
} GROUP BY ?actor ?kind ?label ?role ?aff""".replace("ARTICLE_GRAPHS", _ARTICLE_GRAPHS)


def read_actors(store: GraphStore, only: Collection[str] | None = None) -> dict[str, ActorRow]:
    """Every actor of every article graph (or the actors `only` names), labels, roles and
    affiliations pooled, sorted by IRI. An actor the articles type differently (a Person here,
    an Organization there) is of the kind the most graphs give it, ties to the first by name:
    never of the kind the store happens to return first, which changes with the query's plan
    (a whole-corpus read against an incremental one by VALUES blocks) and would change merges."""
    rows: dict[str, ActorRow] = {}
    kinds: dict[str, dict[str, set[str]]] = {}  # actor -> kind -> the graphs that give it
    for actor, kind, label, role, aff, graphs in _rows(store, _ACTORS, "actor", only):
        row = rows.setdefault(actor, ActorRow(actor))
        if kind:
            kinds.setdefault(actor, {}).setdefault(kind.rsplit("/", 1)[-1].rsplit("#", 1)[-1], set()).update(graphs.split())
        row.labels.add(label)
        if role:
            row.roles.add(role)
        if aff:
            row.affiliations.add(aff)
        row.graphs.update(graphs.split())
    for actor, given in kinds.items():
        rows[actor].kind = min(given, key=lambda name: (-len(given[name]), name))
    return dict(sorted(rows.items()))


def with_merged_away(actors: dict[str, ActorRow], earlier: Iterable[Merge]) -> dict[str, ActorRow]:
    """`actors` as they were before the `earlier` merges rewrote the graphs: each name merged away
    is back, from its merge record (pooled with what new graphs say of it), so that resolution
    decides on every name the articles used, whether or not an earlier build merged it."""
    pooled = dict(actors)
    for m in earlier:
        if m.was is None:
            continue
        now = pooled.get(m.source)
        pooled[m.source] = row = ActorRow(m.source, (now.kind if now else "") or m.was.kind)
        for part in ("labels", "roles", "affiliations", "graphs"):
            getattr(row, part).update(getattr(m.was, part), getattr(now, part) if now else ())
    return pooled


def plan_merges(actors: dict[str, ActorRow], registry: Registry) -> tuple[list[Merge], list[Ambiguity]]:
    """Which actors are another actor, by the registry, by another spelling of a full name
    (`names.same_name`), or by a unique full name a bare surname is part of; and which names
    stay apart because several actors fit them (their candidates are kept as kg:possiblySameAs).
    Full names are decided first, so that a bare surname whose candidates are all one person
    ("Lula": "Lula da Silva" and "Luiz Inácio Lula da Silva") is merged, not left ambiguous."""
    merges: list[Merge] = []
    ambiguous: list[Ambiguity] = []
    by_part = _name_part_index(actors)
    rows = sorted(actors.values(), key=lambda r: r.iri)
    registered = {row.iri: _registry_target(row, registry) for row in rows}
    for row in rows:
        target = registered[row.iri]
        if target and target != row.iri and frozenset((row.iri, target)) not in registry.different:
            merges.append(Merge(row.iri, target, "registry-label", f"label {sorted(row.labels)[0]!r} in the registry",
                                row))
        elif not target and row.kind == "Person" and row.full_names:
            found = _spelling_candidates(row, by_part, registry)
            if len(found) > 1 and _spellings_of_one_name([other for other, *_ in found], registry):
                # "Tony", "Anthony" and "Antony Blinken" in three articles: one name, each
                # spelling into the one that absorbs them all, instead of three ambiguities
                found = [max(found, key=lambda f: _weight(f[0]))]
            if len(found) == 1 and _absorbed_by(row, found[0][0]):
                other, why, name, full = found[0]
                merges.append(Merge(row.iri, other.iri, f"name-{why}", _name_evidence(name, full, why), row))
            elif len(found) > 1:
                ambiguous.append(Ambiguity(row.iri, [other.iri for other, *_ in found],
                                           f"{row.full_names[0]!r} may be another spelling of "
                                           + " or ".join(repr(full) for *_, full in found)))
    into = {m.source: m.target for m in _closed(merges, registry)}
    for row in rows:
        if registered[row.iri] or not _bare_name(row):
            continue
        candidates = _full_name_candidates(row, by_part, registry)
        people = {into.get(c.iri, c.iri) for c in candidates}
        if len(people) == 1 and not any(has_generation(n) for c in candidates for n in c.full_names):
            other = min(candidates, key=lambda c: c.iri != next(iter(people)))
            merges.append(Merge(row.iri, next(iter(people)), "surname",
                                f"{sorted(row.labels)[0]!r} is the surname of {other.full_names[0]!r}, the only "
                                f"person of that name and a compatible role", row))
        elif candidates:  # several, or a "Jr." or "Sr." of whom there is a namesake
            names = " or ".join(repr(c.full_names[0]) for c in candidates)
            why = "several people have that surname" if len(people) > 1 else "a parent or child has the same name"
            ambiguous.append(Ambiguity(row.iri, [c.iri for c in candidates],
                                       f"{sorted(row.labels)[0]!r} may be {names}: {why}"))
    return _closed(merges, registry), ambiguous


def _closed(merges: list[Merge], registry: Registry) -> list[Merge]:
    """Each merge pointed at the end of its chain ("Lula" into "Lula da Silva", itself into "Luiz
    Inácio Lula da Silva": both into the last), so that no target is itself merged away. A chain
    that comes back on itself, or ends at an actor the registry keeps apart from the source, is
    no merge."""
    into = {m.source: m.target for m in merges}
    closed = []
    for m in merges:
        target, seen = m.target, {m.source}
        while target in into and target not in seen:
            seen.add(target)
            target = into[target]
        if target in seen or frozenset((m.source, target)) in registry.different:
            continue
        closed.append(m if target == m.target else replace(m, target=target))
    return closed


def _spelling_candidates(row: ActorRow, by_part: dict[str, list[ActorRow]],
                         registry: Registry) -> list[tuple[ActorRow, str, str, str]]:
    """The other persons one of whose full names is another spelling or a part of one of this
    row's (`names.same_name`), each with the reason and the two names; looked up by the names'
    family name (or its spelling key) and, for a long name's start, by the first word: a row
    meets only the persons who share its family name, so resolution stays linear."""
    found: dict[str, tuple[ActorRow, str, str, str]] = {}
    for name in row.full_names:
        words = core_words(name)
        for part in {words[-1], _SPELT + spelling_key(words[-1]), _LONG + words[0]}:
            for other in by_part.get(part, ()):
                if other.iri == row.iri or other.iri in found or frozenset((row.iri, other.iri)) in registry.different \
                        or not _compatible(row, other):
                    continue
                matches = [(w, n) for n in other.full_names if (w := same_name(name, n))]
                if matches:  # (the pair of two spellings, not a label a merge already copied over)
                    # the other's own name (its IRI's) before what earlier merges copied onto it
                    why, full = min(matches, key=lambda m: (fold(m[1]) == fold(name), not _own_name(other, m[1])))
                    found[other.iri] = (other, why, name, full)
    return [found[k] for k in sorted(found)]


def _absorbed_by(row: ActorRow, other: ActorRow) -> bool:
    """Of two spellings of one name, which actor is merged into which: the shorter name into the
    longer (particles counted last: "Bashar Hakim" into "Bashar Al Hakim"), then a short form of
    the given name into its full form ("Tony" into "Antony"), then by IRI, so that the two never
    merge into each other. Decided on each actor's own name (the one its IRI was minted from),
    never on what earlier merges added to it or on article counts, so that a corpus built in
    batches merges as one built at once; the label shown is still the one most articles use."""
    return _weight(row) < _weight(other)


def _own_name(row: ActorRow, name: str) -> bool:
    """Whether `name` is the one `row`'s IRI was minted from (not one an earlier merge copied onto it)."""
    return actor_iri(actor_key(name)) == row.iri


def _weight(r: ActorRow) -> tuple[int, int, bool, str]:
    names = [n for n in r.full_names if _own_name(r, n)] or r.full_names
    return (max(len(core_words(n)) for n in names), max(len(n.split()) for n in names),
            any(FIRST_NAME_CANON.get(w, w) == w for n in names for w in core_words(n)[:1]), r.iri)


def _spellings_of_one_name(rows: list[ActorRow], registry: Registry) -> bool:
    """Whether the candidates a name fits are themselves spellings of one name, pairwise, with
    nothing the registry or their roles say against it: then they are one person, not a choice."""
    return all(frozenset((a.iri, b.iri)) not in registry.different and _compatible(a, b)
               and any(same_name(x, y) for x in a.full_names for y in b.full_names)
               for i, a in enumerate(rows) for b in rows[i + 1:])


def _name_evidence(name: str, full: str, why: str) -> str:
    return {"spelling": f"{name!r} is another spelling of {full!r}",
            "part": f"{name!r} is part of the name {full!r}",
            "double-barrelled": f"{name!r} is {full!r} without the second part of a double-barrelled name",
            "initial": f"{name!r} gives a given name of {full!r} by its initial",
            "given-name-variant": f"{name!r} is {full!r} with another form of the given name",
            }[why] + ", the only person of that name and a compatible role"


def _bare_name(row: ActorRow) -> bool:
    """A one-word person name, or a one-word name spaCy took for an organisation ("Novak said")."""
    if row.full_names or not row.labels:
        return False
    if row.kind == "Person":
        return True
    return row.kind == "Organization" and all(label[:1].isupper() and not label.isupper() for label in row.labels)


def _registry_target(row: ActorRow, registry: Registry) -> str | None:
    hits = {registry.labels[fold(label)] for label in row.labels if fold(label) in registry.labels}
    return hits.pop() if len(hits) == 1 else None


#: Marks an index key that is a family name's spelling key (`names.spelling_key`), one that is a
#: name's first word (its family name where that is written first: "Wang Yi"), and one that is
#: the first word of a long name (whose start may stand for it: "Mohammed bin Salman").
_SPELT, _FIRST, _LONG = "~", "^", "<"


def _name_part_index(actors: dict[str, ActorRow]) -> dict[str, list[ActorRow]]:
    """Full-named persons by their family names (particles aside: the last word, and the one
    before it in a name of three words or more, a first family name or the first part of a
    double-barrelled one: "Restrepo" of "Juan Carlos Restrepo Ortega", "Duterte" of "Sara
    Duterte-Carpio"), by the family name's spelling key, and by the first word: one pass, so
    resolution grows linearly with the number of actors."""
    index: dict[str, list[ActorRow]] = defaultdict(list)
    for row in actors.values():
        if row.kind == "Person" and row.full_names:
            parts: set[str] = set()
            for words in (core_words(n) for n in row.full_names):
                parts |= {words[-1], _SPELT + spelling_key(words[-1]), _FIRST + words[0]}
                if len(words) >= 3:
                    parts.add(words[-2])
                if len(words) >= _LONG_NAME:
                    parts.add(_LONG + words[0])
            for part in parts:
                index[part].append(row)
    return index


def _full_name_candidates(row: ActorRow, by_part: dict[str, list[ActorRow]], registry: Registry) -> list[ActorRow]:
    """The full-named persons whose surname a bare name is, or whose family name written first
    ("Wang" of "Wang Yi"; a known given name alone, "Antonio", is no one's in particular)."""
    names = {words[-1] for label in row.labels if len(words := core_words(label)) == 1 and looks_like_name(label)}
    keys = names | {_FIRST + name for name in names if not is_given_name(name)}
    found = {other.iri: other for name in keys for other in by_part.get(name, ())
             if other.iri != row.iri and frozenset((row.iri, other.iri)) not in registry.different
             and _compatible(row, other)}
    return [found[k] for k in sorted(found)]


def _compatible(a: ActorRow, b: ActorRow) -> bool:
    """No contradicting affiliation, and roles that can be the same post."""
    if a.affiliations and b.affiliations and not a.affiliations & b.affiliations:
        return False
    if a.roles and b.roles:
        heads_a = {r.split(" of ")[0].split()[-1] for r in a.roles}
        heads_b = {r.split(" of ")[0].split()[-1] for r in b.roles}
        return bool(heads_a & heads_b)
    return True


_LABEL_USE = """
SELECT ?actor ?label (COUNT(DISTINCT ?g) AS ?articles) WHERE { ONLY
  GRAPH ?g { ?actor a sem:Actor ; rdfs:label ?label } ARTICLE_GRAPHS
} GROUP BY ?actor ?label""".replace("ARTICLE_GRAPHS", _ARTICLE_GRAPHS)


def label_uses(store: GraphStore, into: dict[str, str] | None = None,
               only: Collection[str] | None = None) -> dict[str, dict[str, int]]:
    """Every actor's names as the articles write them (their rdfs:label), each with the number
    of articles that use it. `into` renames the actors merged away (source IRI -> target IRI)
    when the merges are not yet written; `only` restricts the reading to those actors."""
    into = into or {}
    uses: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for actor, label, articles in _rows(store, _LABEL_USE, "actor", only):
        uses[into.get(str(actor), str(actor))][str(label)] += int(articles)
    return uses


def canonical_labels(store: GraphStore, registry: Registry, into: dict[str, str] | None = None,
                     uses: dict[str, dict[str, int]] | None = None) -> dict[str, str]:
    """One label per actor across the corpus, where each article keeps its own spelling: the
    registry's skos:prefLabel if it has one, else the label most articles use, then the fullest
    name ("Antony Blinken" over "Blinken"), then the alphabetically first. `uses` is
    `label_uses(store, into)` when the caller has it already."""
    uses = uses if uses is not None else label_uses(store, into)
    chosen = {}
    for actor, labels in uses.items():
        chosen[actor] = registry.preferred.get(actor) or min(
            labels, key=lambda label: (-labels[label], -len(label.split()), -len(label), label))
    return chosen


def merge_operations(merges: Iterable[Merge], present: Container[str], reextract: Iterable[str] = ()) -> list[str]:
    """The SPARQL update operations that apply `merges` to the article graphs: for each merge
    whose name is `present` in a graph, a name spaCy typed as an organisation takes the type of
    the person it turned out to be, then the actor's IRI is rewritten into its target's. The
    graphs keep their content hash (the merge record says what they were); the graphs to
    `reextract` lose theirs, so that a build extracts them again even if it stops before it
    can. `resolve` sends them with the resolution graph in one update."""
    operations = [f"""DELETE {{ GRAPH <{g}> {{ ?doc kg:contentHash ?hash }} }} WHERE {{ GRAPH <{g}> {{ ?doc kg:contentHash ?hash }} }}"""
                  for g in sorted(reextract)]
    for m in merges:
        if m.source not in present:
            continue
        operations += [
            f"""DELETE {{ GRAPH ?g {{ <{m.source}> a schema:Organization }} }} INSERT {{ GRAPH ?g {{ <{m.source}> a ?kind }} }}
            WHERE {{ GRAPH ?g {{ <{m.source}> a schema:Organization }} GRAPH ?h {{ <{m.target}> a ?kind }}
                     FILTER(?kind = schema:Person) }}""",
            f"""DELETE {{ GRAPH ?g {{ <{m.source}> ?p ?o }} }} INSERT {{ GRAPH ?g {{ <{m.target}> ?p ?o }} }}
            WHERE {{ GRAPH ?g {{ <{m.source}> ?p ?o }} }}""",
            f"""DELETE {{ GRAPH ?g {{ ?s ?p <{m.source}> }} }} INSERT {{ GRAPH ?g {{ ?s ?p <{m.target}> }} }}
            WHERE {{ GRAPH ?g {{ ?s ?p <{m.source}> }} }}""",
        ]
    return operations


# --------------------------------------------------------------------------------------
# Events and conflicts
# --------------------------------------------------------------------------------------

_EVENTS = """
SELECT ?event ?type ?article ?date ?place ?published ?target ?confidence (GROUP_CONCAT(STR(?actor); separator=" ") AS ?actors)
WHERE {
  GRAPH ?g { ONLY ?event a sem:Event ; sem:eventType ?type ; schema:subjectOf ?article ; sem:hasActor ?actor .
             OPTIONAL { ?event sem:hasTimeStamp|kg:yearlessDate ?date }
             OPTIONAL { ?event sem:hasPlace/rdfs:label ?place }
             OPTIONAL { ?event schema:object/skos:prefLabel ?target }
             OPTIONAL { ?article schema:datePublished ?published }
             OPTIONAL { ?event kg:confidence ?confidence } }
  ARTICLE_GRAPHS
} GROUP BY ?event ?type ?article ?date ?place ?published ?target ?confidence""".replace("ARTICLE_GRAPHS", _ARTICLE_GRAPHS)


#: the events one of some actors takes part in (`read_reports` then reads all their participants).
#: Each selection is its own query, and the events it finds restrict `_EVENTS` inside its GRAPH
#: block: joined with `_EVENTS` as a subquery, Oxigraph read every event of the store first.
_EVENTS_OF = "SELECT DISTINCT ?event WHERE { GRAPH ?h { VALUES ?who { IRIS } ?event sem:hasActor ?who } }"


def read_reports(store: GraphStore, only: Collection[str | tuple[str, str]] | None = None,
                 selection: str = _EVENTS_OF) -> list[Report]:
    """Every event node of every article graph (condemnations with their target's wording), or
    those of the events one of the actors `only` names takes part in; or, with another
    `selection`, the events it selects by the VALUES rows `only` gives (`_values_row`)."""
    return reports_of(store, None if only is None else _selected(store, selection, only))


def reports_of(store: GraphStore, events: Collection[str] | None) -> list[Report]:
    """The reports of `events` (event IRIs), or of every event of every article graph."""
    reports = set()
    for event, type_, article, day, place, published, target, confidence, actors in _rows(
            store, _EVENTS, "event", events):
        reports.add(Report(event, type_, article, frozenset(actors.split()), _text(day), _text(place),
                              _text(published), target_words(target) if target else None,
                              1.0 if confidence is None else float(confidence)))
    return sorted(reports, key=lambda r: (r.event, repr(r)))


def target_words(label: object) -> str:
    """A condemnation's target as resolution compares it: folded, spaces collapsed."""
    return " ".join(fold(str(label)).split())


def _selected(store: GraphStore, selection: str, rows: Collection) -> set[str]:
    """The events the SELECT `selection` finds, its IRIS filled in by chunks of `rows`."""
    return {str(event) for (event,) in _filled(store, selection, rows)}


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def consolidate(reports: list[Report]) -> list[list[Report]]:
    """Group the reports that tell of one event (see the module docstring for the rule).

    The most precisely dated reports are placed first, so that a vaguer report is matched
    against events whose dates are already known."""
    groups: dict[tuple[str, frozenset[str], str | None], list[Report]] = defaultdict(list)
    for r in reports:
        groups[(r.type, r.participants, r.target)].append(r)
    events: list[list[Report]] = []
    for members in groups.values():
        clusters: list[list[Report]] = []
        for r in sorted(members, key=lambda r: (-_precision(r.date), r.event)):
            fits = [c for c in clusters if all(link_rule(r, other) for other in c)]
            if len(fits) == 1:
                fits[0].append(r)
            else:
                clusters.append([r])
        events += clusters
    return sorted(events, key=lambda c: sorted(r.event for r in c)[0])


def _precision(day: str | None) -> int:
    """How much of a date is known: 3 for a full day with its year, 0 for none."""
    if not day:
        return 0
    return sum(1 for part in day.lstrip("-").split("-") if part) - (1 if day.startswith("--") else 0)


def link_rule(a: Report, b: Report) -> str | None:
    """Why two reports tell of one event (a rule name), or None when nothing says they do."""
    if not compatible(a.date, b.date):
        return None
    if a.place and b.place and not same_place(a.place, b.place):
        return None
    if a.date and a.date == b.date and _precision(a.date) == 3:
        return "same day"
    if a.article == b.article:
        return None  # one article telling two meetings of the same people: two meetings
    if a.published and b.published:
        return "published within the window" if _within_window(a.published, b.published) else None
    if a.place and b.place:
        return "same place, articles undated"
    return None


def _within_window(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False  # with no publication dates, an undated report cannot be placed in time
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= WINDOW_DAYS
    except ValueError:
        return False


def find_conflicts(reports: list[Report]) -> list[tuple[str, Report, Report]]:
    """Reports of one participant set, close in time, that disagree."""
    by_people: dict[frozenset[str], list[Report]] = defaultdict(list)
    for r in reports:
        if r.type != str(KG.Condemnation):  # who condemned what when is no meeting to disagree about
            by_people[r.participants].append(r)
    conflicts = []
    for members in by_people.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a.article == b.article or not _within_window(a.published, b.published):
                    continue
                kind = _disagreement(a, b)
                if kind:
                    conflicts.append((kind, a, b))
    return conflicts


def _disagreement(a: Report, b: Report) -> str | None:
    took_place = {str(KG.Meeting), str(KG.PhoneCall)}
    if (a.type in took_place and b.type in UNREALISED) or (b.type in took_place and a.type in UNREALISED):
        return "took place / did not take place"
    if a.type != b.type:
        return None
    if not compatible(a.date, b.date):
        return "different dates"
    if a.place and b.place and not same_place(a.place, b.place):
        return "different places"
    return None


_CLAIMS = """
SELECT ?g ?claim ?speaker ?text WHERE { ONLY
  GRAPH ?g { ?claim a schema:Claim ; prov:wasAttributedTo ?speaker ; schema:text ?text }
  ARTICLE_GRAPHS
}""".replace("ARTICLE_GRAPHS", _ARTICLE_GRAPHS)
#: the article graphs that hold a claim of one of some keys (`claim_key`), by the last resolution's record
_GRAPHS_WITH_CLAIM_KEYS = f"""SELECT ?g ?key WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ VALUES (?key) {{ IRIS }}
  ?g kg:claimKey ?key }} }}"""
#: the claims of one speaker in one graph, for (graph, speaker) rows
_SPEAKERS_CLAIMS = """SELECT ?g ?claim ?speaker ?text WHERE { VALUES (?g ?speaker) { IRIS }
  GRAPH ?g { ?claim prov:wasAttributedTo ?speaker ; a schema:Claim ; schema:text ?text } }"""


class _Claim(NamedTuple):
    graph: str
    claim: str
    speaker: str  # as it is once the merges are written
    text: str
    key: str | None  # `claim_key`, None for a claim with no content words (never in a conflict)


def claim_key(speaker: str, text: str) -> str | None:
    """What two claims share when one may contradict the other: their speaker and their words
    but for negation (`claim_signature`), as a short digest; None for a claim with no words."""
    words, _ = claim_signature(text)
    return _digest(speaker, *sorted(words)) if words else None


def _read_claims(store: GraphStore, graphs: Collection[str] | None, into: dict[str, str],
                 removed: Container[str]) -> list[_Claim]:
    """The claims to compare (those of removed speakers left out, the others' speakers renamed
    by `into`): every claim (`graphs` None); or those of `graphs` and every claim elsewhere of
    the same speaker and words (`claim_key`), found by the keys the last resolution recorded for
    each graph: the only claims one of `graphs`' can start or stop contradicting."""
    def claims_of(rows: Iterable[tuple]) -> list[_Claim]:
        found = []
        for g, claim, who, text in rows:
            if str(who) not in removed:
                speaker = into.get(str(who), str(who))
                found.append(_Claim(str(g), str(claim), speaker, str(text), claim_key(speaker, str(text))))
        return found

    if graphs is None:
        return claims_of(store.query(_CLAIMS.replace("ONLY", "")).rows)
    claims = claims_of(_rows(store, _CLAIMS, "g", graphs))
    speaker_of = {c.key: c.speaker for c in claims if c.key is not None}
    # a graph not rewritten names its speakers as the record of its keys does
    elsewhere = {(str(g), speaker_of[str(key)]) for g, key in _filled(store, _GRAPHS_WITH_CLAIM_KEYS,
                                                                      {(Literal(k),) for k in speaker_of})
                 if str(g) not in graphs}
    return claims + [c for c in claims_of(_filled(store, _SPEAKERS_CLAIMS, elsewhere)) if c.key in speaker_of]


def contradicting_claims(claims: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Pairs of (claim IRI, speaker IRI, text) claims by one speaker that say the same words but
    for a negation: ("contradicting claims", claim IRI, claim IRI). Claims are grouped by speaker
    and by their words without negation cues, so the work grows with the number of claims, not
    its square."""
    groups: dict[tuple[str, frozenset[str]], dict[bool, list[str]]] = defaultdict(lambda: defaultdict(list))
    for claim, speaker, text in claims:
        words, negated = claim_signature(str(text))
        if words:
            groups[(str(speaker), words)][negated].append(str(claim))
    pairs = []
    for by_polarity in groups.values():
        for yes in sorted(by_polarity[False]):
            for no in sorted(by_polarity[True]):
                pairs.append(("contradicting claims", yes, no))
    return pairs


def claim_signature(text: str) -> tuple[frozenset[str], bool]:
    """The content words of a claim (crudely stemmed) and whether it is negated (an odd number
    of negation cues): "We will not recognise it" -> ({"recognis", ...}, True)."""
    tokens = [t for t in _WORD.findall(fold(text).replace("n't", " not"))]
    negations = sum(1 for t in tokens if t in _NEGATION_CUES)
    words = frozenset(_stem(t) for t in tokens if t not in _NEGATION_CUES and t not in _CLAIM_STOPWORDS)
    return words, negations % 2 == 1


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _stem(word: str) -> str:
    """"attacked", "attacks", "attacking" -> "attack": enough to pair a claim with its denial."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


# --------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------


def resolve(store: GraphStore, registry: Registry | None = None, *, full: bool = False,
            rewritten: Iterable[str] = ()) -> Resolution:
    """Merge actors, consolidate events, find conflicts, and store it all in the resolution graph.

    Merges are decided on every name the articles used, those earlier merges rewrote included
    (`with_merged_away`); an earlier merge no longer made is undone by extracting the graphs it
    rewrote again: they are listed in `Resolution.reextract` and lose their content hash.
    An actor the registry says is no actor (`kg:notAnActor`) is removed from the article graphs
    with what needs it (`removal_operations`), and recorded, so that taking the entry out of the
    registry later extracts those graphs again.

    Incremental (`kg.changes`): only what the article graphs added, changed or removed since the
    last resolution can reach is read and decided again, and the resolution graph is changed
    there; the result equals a resolution of the whole corpus, which `full` asks for (and which
    a new registry, or a store no resolution has recorded, gets anyway). `rewritten` names the
    article graphs the caller wrote again whatever their hash (`kg build --force`, an
    interrupted build's articles): they are changed too. The returned `Resolution` holds what
    was decided in this run."""
    registry = registry if registry is not None else load_registry()
    digest = registry_digest(registry.graph)
    scope = None if full else changed_scope(store, digest, rewritten)
    if scope is not None and scope.is_empty:
        return Resolution(whole=False)
    actors = None if scope is None else scope.actors
    earlier, present = side_by_side(lambda: read_merge_records(store, actors), lambda: read_actors(store, actors))
    stale = _stale_merges(store, earlier, scope)
    pooled = with_merged_away(present, [m for m in earlier if (m.source, m.target) not in stale])
    removed, restored = plan_removals(pooled, read_removal_records(store, actors), registry)
    merges, ambiguous = plan_merges({iri: row for iri, row in pooled.items() if iri not in removed}, registry)
    merges = [m for m in merges if m.target not in removed]
    planned = {(m.source, m.target) for m in merges}
    undone = [stale.get((m.source, m.target), m) for m in earlier
              if (m.source, m.target) not in planned or (m.source, m.target) in stale]
    into = {m.source: m.target for m in merges}  # read before the merges are written: renamed here
    reading = None if scope is None else _touched(scope, merges, earlier, undone, removed, restored, into)
    rewriting = None if scope is None else _rewritten_graphs(scope, present, into, removed, undone, restored)
    regrouping, claims, uses = side_by_side(  # three reads that do not depend on one another
        lambda: None if scope is None else regroup_events(store, scope, merges, earlier, present, removed, into),
        lambda: _read_claims(store, rewriting, into, removed),
        lambda: label_uses(store, into, reading))
    if regrouping is None:
        reports = [kept for r in read_reports(store) if (kept := _without(_renamed(r, into), removed)) is not None]
    else:
        reports = regrouping.reports
    labels = {a: label for a, label in canonical_labels(store, registry, uses=uses).items()
              if a not in removed and (scope is None or a in scope.touched)}
    result = Resolution(merges, undone, ambiguous, consolidate(reports), find_conflicts(reports),
                        contradicting_claims((c.claim, c.speaker, c.text) for c in claims), labels,
                        sorted(removed.values(), key=lambda r: r.iri),
                        restored, {a: sorted(set(uses[a]) - {label}) for a, label in labels.items()},
                        whole=scope is None, unhashed=unhashed_graphs(store) if scope is None else scope.unhashed)
    operations = merge_operations(merges, present, result.reextract)
    operations += [op for iri in sorted(removed) if iri in present for op in removal_operations(iri)]
    claim_keys: dict[str, set[str]] = defaultdict(set)  # graph -> the keys of its claims, once the merges are written
    for c in claims:
        if c.key is not None and (rewriting is None or c.graph in rewriting):
            claim_keys[c.graph].add(c.key)
    if scope is None:
        _write_whole(store, result, registry, operations, digest, pooled, present, into, removed, claim_keys)
        return result
    graph = resolution_graph(result, registry, only=scope.touched, pairs=_merged_tallies(regrouping, result.events))
    _add_name_index(graph, pooled, into, removed)
    recorded = _add_records(graph, store, rewriting, into, removed, result.reextract, claim_keys)
    forget = _forget_operations(store, scope, recorded, regrouping, {c.claim for c in claims})
    # one transaction: a build killed here leaves the merges and their record all written, or none
    store.change_graph(graph, first=[*operations, *forget])
    return result


def _write_whole(store: GraphStore, result: Resolution, registry: Registry, operations: list[str], digest: str,
                 pooled: dict[str, ActorRow], present: dict[str, ActorRow], into: dict[str, str],
                 removed: Container[str], claim_keys: dict[str, set[str]]) -> None:
    """Store a resolution of the whole corpus in bounded memory (its graph has about a hundred
    triples per article: 1.1 million at 10,000 articles, too many for one rdflib `Graph` or one
    transaction). Four steps, so that a build killed at any point loses nothing:
    1. one transaction rewrites the article graphs (`operations`), replaces the merge and
       removal records with this run's, and withdraws the registry digest: the merges and
       their record are all written, or none;
    2. the rest of the previous resolution graph goes, a chunk of subjects at a time;
    3. this run's findings are written a chunk at a time (`GraphWriter`);
    4. the registry digest, written last, says the resolution is complete.
    A build killed before 4 leaves no digest, so the next one resolves the whole corpus again,
    from the records step 1 wrote."""
    records = _Triples()  # read before step 1 rewrites the graphs they record (the actors each named)
    _add_records(records, store, None, into, removed, result.reextract, claim_keys)
    decisions = Graph(identifier=URIRef(RESOLUTION_GRAPH))
    _add_decisions(decisions, result)
    store.change_graph(decisions, first=[*operations, *_WITHDRAW_DECISIONS])
    for number, update in enumerate(_clear_findings(store), 1):
        store.update(update)
        if number % 10 == 0:  # deletions are little text, much memory (`GraphStore.flush`)
            store.flush()
    store.flush()
    with store.writer(RESOLUTION_GRAPH) as graph:
        _add_findings(graph, result, registry)
        _add_name_index(graph, pooled, into, removed)
        for triple in records:
            graph.add(triple)
    store.update(f"INSERT DATA {{ GRAPH <{RESOLUTION_GRAPH}> {{ <{RESOLUTION_GRAPH}> kg:registryDigest "
                 f"{Literal(digest).n3()} }} }}")


class _Triples(list):
    """Triples kept in a list, added as to an rdflib `Graph`."""

    add = list.append


_WITHDRAW_DECISIONS = [
    f"DELETE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?m ?p ?o }} }} WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?m a {kind} ; ?p ?o }} }}"
    for kind in ("kg:Merge", "kg:Removal")] + [
    f"DELETE WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ <{RESOLUTION_GRAPH}> kg:registryDigest ?digest }} }}"]
_FINDING_SUBJECTS = f"""SELECT DISTINCT ?s (isBlank(?s) AS ?blank) WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?s a ?kind FILTER(?kind IN (kg:Merge, kg:Removal)) }} }} }}"""


def _clear_findings(store: GraphStore) -> Iterator[str]:
    """The updates that take out of the resolution graph all but its merge and removal records,
    by chunks of subjects (a blank node, as a registry may have, in one last update)."""
    subjects = store.query(_FINDING_SUBJECTS).rows
    iris = {str(s) for s, blank in subjects if not blank}
    yield from _forget_subjects(iris)
    if len(iris) < len(subjects):
        yield (f"DELETE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?s ?p ?o }} }} "
               f"WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?s ?p ?o FILTER(isBlank(?s)) }} }}")


def _forget_subjects(iris: Collection[str]) -> list[str]:
    """The updates that take out of the resolution graph all it says of `iris`, by chunks."""
    r = f"<{RESOLUTION_GRAPH}>"
    return [f"DELETE {{ GRAPH {r} {{ ?s ?p ?o }} }} WHERE {{ {values('s', chunk)} GRAPH {r} {{ ?s ?p ?o }} }}"
            for chunk in value_chunks(iris)]


def _stale_merges(store: GraphStore, earlier: list[Merge], scope: Scope | None) -> dict[tuple[str, str], Merge]:
    """The earlier merges one of whose graphs has changed or gone since it was recorded (source,
    target -> the merge, less those graphs): what the record keeps of the name merged away
    (labels, roles, affiliations) mixes in what that graph said, and cannot be told apart again.
    Such a merge is undone (its other graphs extracted again) and decided afresh, as a
    resolution of the corpus as it is now would decide it. Without a scope (a whole resolution)
    only graphs that are gone can be seen."""
    if scope is None:
        existing = {str(g) for (g,) in store.query(_ALL_GRAPHS).rows}
        gone = {g for m in earlier if m.was is not None for g in m.was.graphs} - existing
    else:
        gone = scope.graphs
    return {(m.source, m.target): replace(m, was=replace(m.was, graphs=m.was.graphs - gone))
            for m in earlier if m.was is not None and m.was.graphs & gone}


_ALL_GRAPHS = f"""SELECT ?g WHERE {{ GRAPH ?g {{ ?doc a schema:NewsArticle }} FILTER(STRSTARTS(STR(?g), "{ID["graph/"]}")) }}"""


def _touched(scope: Scope, merges: list[Merge], earlier: list[Merge], undone: list[Merge], removed: Container[str],
             restored: list[ActorRow], into: dict[str, str]) -> set[str]:
    """Fill in `scope.touched`: the actors whose events and labels are decided again (those of
    the changed graphs, both ends of each merge made or undone, the actors removed or restored,
    and what they are merged into); return the actors whose reports to read for them (those and
    the actors still to be merged into them)."""
    changed = ({(m.source, m.target) for m in merges} ^ {(m.source, m.target) for m in earlier}) \
        | {(m.source, m.target) for m in undone}
    touched = set(scope.seeds) | {iri for pair in changed for iri in pair}
    touched |= {iri for iri in scope.actors if iri in removed} | {row.iri for row in restored}
    touched |= {into.get(iri, iri) for iri in touched}
    scope.touched = touched
    return touched | {source for source, target in into.items() if target in touched}


def _add_name_index(graph: Graph | GraphWriter, pooled: dict[str, ActorRow], into: dict[str, str], removed: Container[str]) -> None:
    """The partition keys of each actor that remains (its own names and those merged into it),
    by which the next incremental resolution finds the actors a change may concern."""
    keys: dict[str, set[str]] = defaultdict(set)
    for iri, row in pooled.items():
        if iri not in removed:
            for label in row.labels:
                keys[into.get(iri, iri)] |= partition_keys(label, row.kind)
    for actor, found in keys.items():
        for key in sorted(found):
            graph.add((URIRef(actor), KG.partitionKey, Literal(key)))


def _rewritten_graphs(scope: Scope, present: dict[str, ActorRow], into: dict[str, str], removed: Container[str],
                      undone: list[Merge], restored: list[ActorRow]) -> set[str]:
    """The article graphs whose record an incremental run writes again: the changed ones, those
    the merges and removals it writes rewrite, and those to extract again."""
    graphs = set(scope.graphs)
    graphs |= {g for iri, row in present.items() if iri in into or iri in removed for g in row.graphs}
    return graphs | _extracted_again(undone, restored)


def _add_records(graph: Graph | GraphWriter | _Triples, store: GraphStore, graphs: set[str] | None, into: dict[str, str],
                 removed: Container[str], reextract: set[str], claim_keys: dict[str, set[str]]) -> set[str]:
    """Record each article graph this run resolved (`graphs`, None: all), by its content hash,
    the actors it names once the merges are written (what the next resolution compares and
    starts from), the keys of its claims (`claim_key`, by which the next one finds the claims
    a new claim may contradict) and a token new at each recording (`kg:resolvedIn`, `_next_token`:
    `graphs` are all those whose content this run and the build before it may have changed, so
    what a reader derived from a graph keeps while its token does); return the graphs recorded.
    The graphs to extract again get no hash: the next resolution sees them as changed, and
    decides again on the actors they named (as it does for a graph an earlier run asked to
    extract again, which has no hash to record but its actors)."""
    hashes = {str(g): str(h) for g, h in _rows(store, _GRAPH_HASHES, "g", graphs)}
    tokens = {str(g): str(t) for g, t in _rows(store, _GRAPH_TOKENS, "g", graphs)}
    actors: dict[str, set[str]] = defaultdict(set)
    for g, actor in _rows(store, _GRAPH_ACTORS, "g", graphs):
        if str(actor) not in removed:
            actors[str(g)].add(into.get(str(actor), str(actor)))
    for g in sorted(hashes.keys() | actors.keys()):
        if g in hashes and g not in reextract:  # (one to extract again keeps its actors, to start from, but no hash)
            graph.add((URIRef(g), KG.resolvedHash, Literal(hashes[g])))
        for actor in sorted(actors[g]):
            graph.add((URIRef(g), KG.resolvedActor, URIRef(actor)))
        for key in sorted(claim_keys.get(g, ())):
            graph.add((URIRef(g), KG.claimKey, Literal(key)))
        graph.add((URIRef(g), KG.resolvedIn, Literal(_next_token(tokens.get(g), hashes.get(g), actors[g]))))
    return graphs or set()


def _next_token(token: str | None, content_hash: str | None, actors: Iterable[str]) -> str:
    """The token of a graph recorded again (`kg:resolvedIn`): a digest of its last token and of
    what is recorded now, so that it differs from every token the graph had (each is a digest
    of the one before), and two stores resolved alike hold the same tokens. A store that lost its
    resolution graph starts its graphs' tokens again."""
    return _digest(token or "", content_hash or "", *sorted(actors))


_GRAPH_HASHES = f"""SELECT ?g ?hash WHERE {{ ONLY GRAPH ?g {{ ?doc kg:contentHash ?hash }}
  FILTER(STRSTARTS(STR(?g), "{ID["graph/"]}")) }}"""
_GRAPH_TOKENS = f"""SELECT ?g ?token WHERE {{ ONLY GRAPH <{RESOLUTION_GRAPH}> {{ ?g kg:resolvedIn ?token }} }}"""
_GRAPH_ACTORS = f"""SELECT DISTINCT ?g ?actor WHERE {{ ONLY GRAPH ?g {{ ?actor a sem:Actor }}
  FILTER(STRSTARTS(STR(?g), "{ID["graph/"]}")) }}"""


def _forget_operations(store: GraphStore, scope: Scope, graphs: set[str], regrouping: Regrouping,
                       claims: set[str]) -> list[str]:
    """The SPARQL updates that take out of the resolution graph what this incremental run decides
    again: the merge, removal and ambiguity records and name keys of the actors it reached; the
    labels of those it touched; the consolidated events and pair summaries it regrouped; the
    conflicts between the reports and claims it read, or that no longer exist; the records of
    the graphs it resolved or that are gone."""
    r = f"<{RESOLUTION_GRAPH}>"
    ops = []
    for chunk in value_chunks(scope.actors):
        v = values("a", chunk)
        ops += [f"DELETE {{ GRAPH {r} {{ ?m ?p ?o }} }} WHERE {{ {v} GRAPH {r} {{ ?m kg:mergedFrom ?a ; ?p ?o }} }}",
                f"DELETE {{ GRAPH {r} {{ ?m ?p ?o }} }} WHERE {{ {v} GRAPH {r} {{ ?m kg:removedActor ?a ; ?p ?o }} }}",
                f"DELETE {{ GRAPH {r} {{ ?a ?p ?o }} }} WHERE {{ {v} GRAPH {r} {{ ?a ?p ?o "
                f"FILTER(?p IN (kg:possiblySameAs, kg:ambiguity, kg:partitionKey)) }} }}"]
    for chunk in value_chunks(scope.touched):
        v = values("a", chunk)
        ops.append(f"DELETE {{ GRAPH {r} {{ ?a ?p ?o }} }} WHERE {{ {v} GRAPH {r} {{ ?a ?p ?o "
                   f"FILTER(?p IN (skos:prefLabel, skos:altLabel, kg:nameKey)) }} }}")
    ops += _forget_subjects(regrouping.forget)
    ops += [f"DELETE {{ GRAPH {r} {{ ?s ?p ?o }} }} WHERE {{ VALUES (?x ?y) {{ {' '.join(map(_values_row, chunk))} }} "
            f"GRAPH {r} {{ ?s a kg:PairSummary ; kg:pairMember ?x, ?y ; ?p ?o }} }}" for chunk in value_chunks(regrouping.pair_keys)]
    read = {x.event for x in regrouping.reports} | claims
    ops += _forget_subjects(_stale_conflicts(store, read))
    ops += [f"DELETE {{ GRAPH {r} {{ ?g ?p ?o }} }} WHERE {{ {values('g', chunk)} GRAPH {r} {{ ?g ?p ?o "
            f"FILTER(?p IN (kg:resolvedHash, kg:resolvedActor, kg:claimKey, kg:resolvedIn)) }} }}" for chunk in value_chunks(graphs | scope.graphs)]
    return ops


_CONFLICTS = f"""SELECT ?c ?x (EXISTS {{ GRAPH ?g {{ ?x a ?type }} FILTER(?g != <{RESOLUTION_GRAPH}>) }} AS ?exists)
WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?c a kg:Conflict ; kg:between ?x }} }}"""


def _stale_conflicts(store: GraphStore, read: set[str]) -> set[str]:
    """The recorded conflicts between a report or claim read again (they are found again if they
    still hold) or one that no longer exists. Conflicts are few: all are looked at."""
    return {str(c) for c, x, exists in store.query(_CONFLICTS).rows if str(x) in read or not exists}


def _rows(store: GraphStore, query: str, variable: str, only: Collection[str] | None,
          restriction: str | None = None) -> Iterator[tuple]:
    """The rows of `query`, whose "ONLY" marks where a restriction goes: over the whole store,
    or (by chunks of IRIs, as `VALUES ?variable` or as `restriction` with IRIS in it) for the
    IRIs (or tuples of IRIs) `only` lists."""
    if only is None:
        yield from store.query(query.replace("ONLY", "")).rows
        return
    yield from _filled(store, query.replace("ONLY", restriction or f"VALUES ?{variable} {{ IRIS }}"), only)


def _filled(store: GraphStore, template: str, rows: Collection) -> Iterator[tuple]:
    """The rows of `template` with its IRIS filled in by chunks of `rows` (`_values_row`), the
    chunks read side by side (`answers`)."""
    for answer in answers(store, (template.replace("IRIS", " ".join(map(_values_row, chunk)))
                                  for chunk in value_chunks(rows))):
        yield from answer.rows


def _values_row(row: str | tuple[str | Literal, ...]) -> str:
    """One row of a VALUES block: `<iri>`, or `(<iri> <iri>)` for a tuple of IRIs (and literals)."""
    return f"<{row}>" if isinstance(row, str) else "(" + " ".join(map(_values_term, row)) + ")"


def _values_term(term: str | Literal) -> str:
    return term.n3() if isinstance(term, Literal) else f"<{term}>"


def plan_removals(actors: dict[str, ActorRow], earlier: Iterable[ActorRow],
                  registry: Registry) -> tuple[dict[str, ActorRow], list[ActorRow]]:
    """The actors to remove (IRI -> what they were, over this and earlier resolutions) because the
    registry says they are no actors; and the earlier removals it no longer asks for."""
    removed = {iri: row for iri, row in actors.items() if registry.is_not_an_actor(row)}
    restored = []
    for was in earlier:
        if not registry.is_not_an_actor(was):
            restored.append(was)
            continue
        row = removed.setdefault(was.iri, ActorRow(was.iri, was.kind))
        row.labels |= was.labels
        row.graphs |= was.graphs
    return removed, restored


def removal_operations(actor: str) -> list[str]:
    """The SPARQL update operations that take `actor` out of every article graph: an event with at
    least two other participants only loses it; the other events, condemnations and claims it
    takes part in go whole (with a condemnation's target node), then the actor and every link to
    it (kg:met shortcuts, affiliations of others). The graphs keep their content hash, as with a
    merge: the removal record says which graphs it rewrote."""
    x = f"<{actor}>"
    return [
        f"""DELETE {{ GRAPH ?g {{ ?e sem:hasActor {x} }} }}
        WHERE {{ GRAPH ?g {{ ?e sem:hasActor {x}, ?a, ?b FILTER(?a != {x} && ?b != {x} && STR(?a) < STR(?b)) }} }}""",
        f"""DELETE {{ GRAPH ?g {{ ?t ?p ?o }} }}
        WHERE {{ GRAPH ?g {{ ?e sem:hasActor|schema:author {x} ; schema:object ?t . ?t a kg:Target ; ?p ?o }} }}""",
        f"""DELETE {{ GRAPH ?g {{ ?s ?p ?e }} }} WHERE {{ GRAPH ?g {{ ?e sem:hasActor|schema:author {x} . ?s ?p ?e }} }}""",
        f"""DELETE {{ GRAPH ?g {{ ?e ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?e sem:hasActor|schema:author {x} ; ?p ?o }} }}""",
        f"""DELETE {{ GRAPH ?g {{ {x} ?p ?o }} }} WHERE {{ GRAPH ?g {{ {x} ?p ?o }} }}""",
        f"""DELETE {{ GRAPH ?g {{ ?s ?p {x} }} }} WHERE {{ GRAPH ?g {{ ?s ?p {x} }} }}""",
    ]


def _without(report: Report, removed: Container[str]) -> Report | None:
    """A report without the removed actors: kept while two participants are left (as
    `removal_operations` keeps its event), else None."""
    if not any(a in removed for a in report.participants):
        return report
    rest = frozenset(a for a in report.participants if a not in removed)
    return replace(report, participants=rest) if len(rest) >= 2 else None


def _renamed(report: Report, into: dict[str, str]) -> Report:
    """A report with its participants as they are once the merges are applied."""
    return replace(report, participants=frozenset(into.get(a, a) for a in report.participants))


_MERGE_RECORDS = f"""
SELECT ?m ?p ?o WHERE {{ ONLY GRAPH <{RESOLUTION_GRAPH}> {{ ?m a kg:Merge ; kg:mergedFrom ?source ; ?p ?o }} }}"""
#: what a merge record keeps of the actor merged away: ActorRow field -> property
_MERGED_AWAY = {"labels": KG.mergedLabel, "roles": KG.mergedRole, "affiliations": KG.mergedAffiliation,
                "graphs": KG.appliedIn}


def read_merge_records(store: GraphStore, only: Collection[str] | None = None) -> list[Merge]:
    """The merges the last resolution recorded (before this one replaces its graph), each with
    what the actor merged away was; `only`: the merges of those actors merged away."""
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for node, prop, value in _rows(store, _MERGE_RECORDS, "source", only):
        facts[node][prop].add(value)
    records = []
    for fact in facts.values():
        one = {prop: min(values) for prop, values in fact.items()}
        if not {str(KG.mergedFrom), str(KG.mergedInto)} <= one.keys():
            continue
        source = one[str(KG.mergedFrom)]
        was = ActorRow(source, one.get(str(KG.mergedKind), ""),
                       **{part: set(fact.get(str(prop), ())) for part, prop in _MERGED_AWAY.items()})
        records.append(Merge(source, one[str(KG.mergedInto)], one.get(str(KG.rule), ""),
                             one.get(str(KG.evidence), ""), was if was.labels else None))
    return sorted(records, key=lambda m: (m.source, m.target))


_REMOVAL_RECORDS = f"""
SELECT ?actor ?p ?o WHERE {{ ONLY GRAPH <{RESOLUTION_GRAPH}> {{ ?m a kg:Removal ; kg:removedActor ?actor ; ?p ?o }} }}"""


def read_removal_records(store: GraphStore, only: Collection[str] | None = None) -> list[ActorRow]:
    """The actors the last resolution removed as no actors (or those of `only`), with their
    labels and the graphs it rewrote (so that the next resolution decides again, and can
    restore them)."""
    rows: dict[str, ActorRow] = {}
    for actor, prop, value in _rows(store, _REMOVAL_RECORDS, "actor", only):
        row = rows.setdefault(str(actor), ActorRow(str(actor)))
        if prop == str(KG.removedLabel):
            row.labels.add(str(value))
        elif prop == str(KG.appliedIn):
            row.graphs.add(str(value))
    return [rows[iri] for iri in sorted(rows)]


def resolution_graph(result: Resolution, registry: Registry, only: Container[str] | None = None,
                     pairs: dict[tuple[str, str, str], _Pair] | None = None) -> Graph:
    """The corpus-level graph: the registry, merge and removal records, consolidated events,
    conflicts, pair summaries, each actor's labels and the keys it is looked up by
    (`kg:nameKey`). With `only` (an incremental resolution's touched actors), of the registry
    only what it says of those actors' labels: the rest is as it was; `pairs` are the pair
    tallies to write, by default those of `result.events`."""
    graph = Graph(identifier=URIRef(RESOLUTION_GRAPH))
    _add_decisions(graph, result)
    _add_findings(graph, result, registry, only, pairs)
    return graph


def _add_decisions(graph: Graph | GraphWriter, result: Resolution) -> None:
    """The merge and removal records: what was done to the article graphs, and how to undo it
    (written in the same transaction as the rewrite of the article graphs they record)."""
    for m in result.merges:
        node = URIRef(ID[f"merge/{_digest(m.source, m.target)}"])
        graph.add((node, RDF.type, KG.Merge))
        graph.add((node, KG.mergedFrom, URIRef(m.source)))
        graph.add((node, KG.mergedInto, URIRef(m.target)))
        graph.add((node, KG.rule, Literal(m.rule)))
        graph.add((node, KG.evidence, Literal(m.evidence)))
        if m.was is not None:
            if m.was.kind:
                graph.add((node, KG.mergedKind, Literal(m.was.kind)))
            for part, prop in _MERGED_AWAY.items():
                for value in sorted(getattr(m.was, part)):
                    graph.add((node, prop, URIRef(value) if part in ("affiliations", "graphs") else Literal(value)))
    for row in result.removed:
        node = URIRef(ID[f"removal/{_digest(row.iri)}"])
        graph.add((node, RDF.type, KG.Removal))
        graph.add((node, KG.removedActor, URIRef(row.iri)))
        graph.add((node, KG.rule, Literal("registry-not-an-actor")))
        for label in sorted(row.labels):
            graph.add((node, KG.removedLabel, Literal(label)))
        for g in sorted(row.graphs):
            graph.add((node, KG.appliedIn, URIRef(g)))


def _add_findings(graph: Graph | GraphWriter, result: Resolution, registry: Registry,
                  only: Container[str] | None = None,
                  pairs: dict[tuple[str, str, str], _Pair] | None = None) -> None:
    """What resolution derives from the article graphs and the registry (`resolution_graph`
    less the merge and removal records): a resolution of the whole corpus can write it a chunk
    at a time."""
    for triple in registry.graph:
        if only is None or (str(triple[0]) in only and triple[1] in (SKOS.prefLabel, SKOS.altLabel)):
            graph.add(triple)
    for actor, label in sorted(result.labels.items()):
        if actor not in registry.preferred:  # else the registry's own skos:prefLabel, copied above
            graph.add((URIRef(actor), SKOS.prefLabel, text_literal(label)))
        for other in result.other_labels.get(actor, ()):  # the corpus's names for it: SKOS's view
            graph.add((URIRef(actor), SKOS.altLabel, text_literal(other)))
        names = {label, *result.other_labels.get(actor, ()),
                 *(str(o) for o in registry.graph.objects(URIRef(actor), SKOS.prefLabel | SKOS.altLabel))}
        for key in sorted(lookup_keys(names)):
            graph.add((URIRef(actor), KG.nameKey, Literal(key)))
    for source, candidates, reason in result.ambiguous:
        for candidate in candidates:
            graph.add((URIRef(source), KG.possiblySameAs, URIRef(candidate)))
        graph.add((URIRef(source), KG.ambiguity, Literal(reason)))
    for reports in result.events:
        _add_consolidated(graph, reports)
    _add_pair_summaries(graph, pair_tallies(result.events) if pairs is None else pairs)
    pairs = [(kind, a.event, b.event) for kind, a, b in result.conflicts] + result.claim_conflicts
    for kind, a, b in pairs:
        node = URIRef(ID[f"conflict/{_digest(a, b)}"])
        graph.add((node, RDF.type, KG.Conflict))
        graph.add((node, KG.conflictKind, Literal(kind)))
        graph.add((node, KG.between, URIRef(a)))
        graph.add((node, KG.between, URIRef(b)))


def _add_consolidated(graph: Graph | GraphWriter, reports: list[Report]) -> None:
    first = reports[0]
    node = URIRef(ID[f"event/{_digest(*sorted(r.event for r in reports))}"])
    graph.add((node, RDF.type, KG.ConsolidatedEvent))
    graph.add((node, RDF.type, SEM.Event))
    graph.add((node, SEM.eventType, URIRef(first.type)))
    for actor in sorted(first.participants):
        graph.add((node, SEM.hasActor, URIRef(actor)))
    for r in reports:
        graph.add((node, KG.reportedAs, URIRef(r.event)))
        graph.add((node, PROV.wasDerivedFrom, URIRef(r.event)))
        graph.add((node, SCHEMA.subjectOf, URIRef(r.article)))
    graph.add((node, KG.confidence, decimal_literal(max(r.confidence for r in reports))))
    graph.add((node, KG.sourceCount, Literal(len({r.article for r in reports}))))
    if len({r.article for r in reports}) > 1:
        graph.add((node, RDF.type, KG.CorroboratedEvent))
    for rule in sorted({link_rule(a, b) for i, a in enumerate(reports) for b in reports[i + 1:]} - {None}):
        graph.add((node, KG.rule, Literal(rule)))
    if first.target:
        graph.add((node, KG.targetText, text_literal(first.target)))  # words, in the articles' language
    add_date(graph, node, SEM.hasTimeStamp, _agreed_date(reports))


def _agreed_date(reports: list[Report]) -> str | None:
    """The date of one happening: its reports' dates agree, so the most precise of them."""
    dated = sorted({r.date for r in reports if r.date}, key=lambda day: (-_precision(day), day))
    return dated[0] if dated else None


@dataclass
class _Pair:
    events: int = 0
    articles: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)


def pair_tallies(events: list[list[Report]],
                 pairs: Container[tuple[str, str]] | None = None) -> dict[tuple[str, str, str], _Pair]:
    """Per event type and pair of its participants (sorted): how many happenings and articles,
    and their dates (of those dated with their year). With `pairs`, those pairs only (every
    event of theirs must be in `events`)."""
    tallies: dict[tuple[str, str, str], _Pair] = defaultdict(_Pair)
    for reports in events:
        day = _agreed_date(reports)
        for a, b in _pairs_of(reports[0].participants):
            if pairs is not None and (a, b) not in pairs:
                continue
            _count(tallies[(reports[0].type, a, b)], {r.article for r in reports}, day)
    return tallies


def _count(pair: _Pair, articles: Iterable[str], day: str | None) -> None:
    pair.events += 1
    pair.articles.update(articles)
    if day and not is_yearless(day):
        pair.dates.add(day)


def _pairs_of(participants: Iterable[str]) -> Iterator[tuple[str, str]]:
    ordered = sorted(participants)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            yield a, b


def _add_pair_summaries(graph: Graph | GraphWriter, tallies: dict[tuple[str, str, str], _Pair]) -> None:
    """One kg:PairSummary per event type and pair of its participants (`pair_tallies`): how many
    happenings and articles, the first and last date. Queries such as met.rq read these instead
    of joining every event's participants with each other at query time."""
    for (kind, a, b), pair in tallies.items():
        node = URIRef(ID[f"pair/{_digest(kind, a, b)}"])
        graph.add((node, RDF.type, KG.PairSummary))
        graph.add((node, KG.ofEventType, URIRef(kind)))
        graph.add((node, KG.pairMember, URIRef(a)))
        graph.add((node, KG.pairMember, URIRef(b)))
        graph.add((node, KG.eventCount, Literal(pair.events)))
        graph.add((node, KG.sourceCount, Literal(len(pair.articles))))
        if pair.dates:
            graph.add((node, KG.firstDate, date_literal(min(pair.dates))))
            graph.add((node, KG.lastDate, date_literal(max(pair.dates))))


# --------------------------------------------------------------------------------------
# Events decided again where the corpus changed
# --------------------------------------------------------------------------------------

#: What consolidation and conflict finding decide within: a participant set, as it is once the
#: merges are applied, and a condemnation's target (its folded words). Reports of two units are
#: never one event nor a conflict, so a change decides again only the units it touches.
Unit = tuple[frozenset[str], "str | None"]


def _unit(report: Report) -> Unit:
    return report.participants, report.target


@dataclass
class Regrouping:
    """What an incremental resolution decides again of the events: the units the change touches,
    every report now in them, the consolidated events recorded for them (to replace), and the
    pair summaries of their participants counted over the events kept (the new ones are added
    by `_merged_tallies`)."""

    units: set[Unit]
    reports: list[Report]
    forget: set[str]  # the consolidated events recorded for `units`
    pairs: dict[tuple[str, str, str], _Pair]  # the kept events' tallies, for every pair in `units`

    @property
    def pair_keys(self) -> set[tuple[str, str]]:
        return {pair for participants, _ in self.units for pair in _pairs_of(participants)}


# (The VALUES rows go inside the GRAPH block, before the patterns they bind: placed before it,
# Oxigraph matched the patterns over the whole graph first, 25 s instead of 0.14 s at 1,200 articles.)
_ARTICLE_EVENTS = "SELECT DISTINCT ?event WHERE { VALUES ?h { IRIS } GRAPH ?h { ?event a sem:Event } }"
_EVENTS_OF_TWO = "SELECT DISTINCT ?event WHERE { GRAPH ?h { VALUES (?x ?y) { IRIS } ?event sem:hasActor ?x . ?event sem:hasActor ?y } }"
_RECORDED_OF_ARTICLES = f"""SELECT ?e ?member ?target WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ONLY
  ?e schema:subjectOf ?article . ?e a kg:ConsolidatedEvent ; sem:hasActor ?member OPTIONAL {{ ?e kg:targetText ?target }} }} }}"""
_RECORDED_OF_TWO = f"""SELECT ?e ?member ?target WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ONLY
  ?e sem:hasActor ?x . ?e sem:hasActor ?y . ?e a kg:ConsolidatedEvent ; sem:hasActor ?member
  OPTIONAL {{ ?e kg:targetText ?target }} }} }}"""
_RECORDED_OF_ONE = f"""SELECT ?e ?member ?target WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ VALUES (?x ?target) {{ IRIS }}
  ?e sem:hasActor ?x ; kg:targetText ?target . ?e a kg:ConsolidatedEvent ; sem:hasActor ?member }} }}"""
_RECORDED_PAIRS = f"""SELECT ?x ?y ?e ?type ?day ?article WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ONLY
  ?e sem:hasActor ?x . ?e sem:hasActor ?y . ?e a kg:ConsolidatedEvent ; sem:eventType ?type ; schema:subjectOf ?article
  OPTIONAL {{ ?e sem:hasTimeStamp ?day }} }} }}"""
_TWO = "VALUES (?x ?y) { IRIS }"


def regroup_events(store: GraphStore, scope: Scope, merges: list[Merge], earlier: list[Merge],
                   present: Container[str], removed: Container[str], into: dict[str, str]) -> Regrouping:
    """The events an incremental resolution decides again, by unit (`Unit`): the units of the
    reports in the changed graphs (as they are now, and as the last resolution recorded them),
    and those of the reports of every actor whose identity this run changes (a name merged away
    for the first time, an actor removed), before and after. A busy actor's other events are
    neither read nor written again, so adding or removing an article costs what it touches, not
    everything its actors ever did."""
    def settled(report: Report) -> Report | None:
        return _without(_renamed(report, into), removed)

    kept = {(m.source, m.target) for m in earlier}
    changing = {iri for iri in {m.source for m in merges if (m.source, m.target) not in kept} | set(removed)
                if iri in present}
    articles = {_article_of(g) for g in scope.graphs}
    in_graphs, recorded_there, of_changing = side_by_side(
        lambda: read_reports(store, scope.graphs, _ARTICLE_EVENTS),
        lambda: _recorded_units(store, _RECORDED_OF_ARTICLES, "article", articles),
        lambda: read_reports(store, changing) if changing else [])
    units = {_unit(now) for r in in_graphs if (now := settled(r))} | set(recorded_there.values())
    for report in of_changing:
        units |= {_unit(report)} | ({_unit(now)} if (now := settled(report)) else set())
    carried: dict[str, set[str]] = defaultdict(set)  # actor -> IRIs its events still carry until the merges are written
    for source, target in into.items():
        carried[target].add(source)
    regrouping = Regrouping(units, [], set(), {})
    reports, (regrouping.forget, regrouping.pairs) = side_by_side(  # the reports now, and what was recorded of them
        lambda: reports_of(store, _unit_events(store, units, carried)), lambda: _recorded_events(store, regrouping))
    regrouping.reports = [now for r in reports if (now := settled(r)) and _unit(now) in units]
    return regrouping


def _recorded_events(store: GraphStore, regrouping: Regrouping) -> tuple[set[str], dict[tuple[str, str, str], _Pair]]:
    """The consolidated events recorded for `regrouping.units` (to forget), and the tallies of
    the events recorded for their pairs that are kept (`_kept_tallies`)."""
    units = regrouping.units
    recorded, aimed = side_by_side(
        lambda: _recorded_units(store, _RECORDED_OF_TWO, "", _two_members(_unaimed(units), {}), _TWO),
        lambda: _recorded_units(store, _RECORDED_OF_ONE, "", _aimed(units)))
    forget = {event for event, unit in {**recorded, **aimed}.items() if unit in units}
    return forget, _kept_tallies(store, regrouping.pair_keys, forget)


def _merged_tallies(regrouping: Regrouping, events: list[list[Report]]) -> dict[tuple[str, str, str], _Pair]:
    """The pair tallies to write: those of the kept events (`Regrouping.pairs`) with the
    regrouped `events` counted in, for the pairs the regrouping touches."""
    tallies = regrouping.pairs
    for key, pair in pair_tallies(events, pairs=regrouping.pair_keys).items():
        total = tallies.setdefault(key, _Pair())
        total.events += pair.events
        total.articles |= pair.articles
        total.dates |= pair.dates
    return tallies


def _article_of(graph: str) -> str:
    """The article whose statements the article graph `graph` holds (see `vocab.graph_iri`)."""
    return str(ID["article/"]) + graph[len(str(ID["graph/"])):]


def _unit_events(store: GraphStore, units: set[Unit], carried: dict[str, set[str]]) -> set[str]:
    """The events that may be in `units` (a superset, each checked once read): those two
    members of a unit take part in; for a one-actor unit (a condemnation), that actor's
    condemnations of that target, told apart by the target's words rather than read whole, so
    that a busy actor's other condemnations are not read."""
    wanted: dict[str, set[str | None]] = defaultdict(set)  # an IRI events carry -> the targets sought
    for participants, target in units:
        if len(participants) == 1:
            for iri in set(participants) | carried.get(next(iter(participants)), set()):
                wanted[iri].add(target)
    of_two, of_one, condemnations = side_by_side(
        lambda: _selected(store, _EVENTS_OF_TWO, _two_members([u for u in units if len(u[0]) > 1], carried)),
        lambda: _selected(store, _EVENTS_OF, {iri for iri, targets in wanted.items() if None in targets}),
        lambda: list(_filled(store, _CONDEMNATIONS_OF, wanted)))
    return of_two | of_one | {str(event) for event, actor, label in condemnations if target_words(label) in wanted[str(actor)]}


_CONDEMNATIONS_OF = """SELECT ?event ?x ?label WHERE { GRAPH ?h { VALUES ?x { IRIS }
  ?event sem:hasActor ?x ; schema:object ?target . ?target skos:prefLabel ?label } }"""


def _aimed(units: Iterable[Unit]) -> set[tuple[str, Literal]]:
    """(actor, target words as stored) of each one-actor unit with a target (a condemnation):
    its consolidated events are found by their target, not among all the actor's events."""
    return {(next(iter(participants)), text_literal(target)) for participants, target in units
            if len(participants) == 1 and target is not None}


def _unaimed(units: Iterable[Unit]) -> list[Unit]:
    """The units `_aimed` leaves out."""
    return [unit for unit in units if len(unit[0]) > 1 or unit[1] is None]


def _two_members(units: Iterable[Unit], carried: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Two participants of each unit (the one of a one-actor unit twice), under every IRI
    `carried` says its events may still name it by: rows that find every event of `units`."""
    rows = set()
    for participants, _target in units:
        first, *rest = sorted(participants)
        second = rest[0] if rest else first
        rows |= {(x, y) for x in {first} | carried.get(first, set()) for y in {second} | carried.get(second, set())}
    return rows


def _recorded_units(store: GraphStore, query: str, variable: str, only: Collection,
                    restriction: str | None = None) -> dict[str, Unit]:
    """The consolidated events the resolution graph holds that `query` finds for `only`, each with
    its unit."""
    members: dict[str, set[str]] = defaultdict(set)
    targets: dict[str, str | None] = {}
    for event, member, target in _rows(store, query, variable, only, restriction=restriction) if only else ():
        members[str(event)].add(str(member))
        targets[str(event)] = str(target) if target is not None else None
    return {event: (frozenset(found), targets[event]) for event, found in members.items()}


def _kept_tallies(store: GraphStore, pairs: Collection[tuple[str, str]],
                  forget: Container[str]) -> dict[tuple[str, str, str], _Pair]:
    """The pair tallies (`pair_tallies`) of `pairs` over the consolidated events recorded for
    them that are kept (not in `forget`)."""
    events: dict[tuple[str, str, str], dict[str, tuple[set[str], str | None]]] = defaultdict(dict)
    for x, y, event, kind, day, article in _rows(store, _RECORDED_PAIRS, "", pairs, restriction=_TWO) if pairs else ():
        if str(event) not in forget:
            articles, _ = events[(str(kind), str(x), str(y))].setdefault(str(event), (set(), _text(day)))
            articles.add(str(article))
    tallies: dict[tuple[str, str, str], _Pair] = defaultdict(_Pair)
    for key, found in events.items():
        for articles, day in found.values():
            _count(tallies[key], articles, day)
    return tallies


def _digest(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:16]


# --------------------------------------------------------------------------------------
# Reading the resolution back
# --------------------------------------------------------------------------------------

_ACTOR_LIST = """
SELECT ?actor ?kind ?name (GROUP_CONCAT(DISTINCT ?label; separator=" | ") AS ?labels)
       (COUNT(DISTINCT ?g) AS ?articles) (COUNT(DISTINCT ?merge) AS ?merged) WHERE {
  GRAPH ?g { ?actor a sem:Actor, ?type ; rdfs:label|skos:altLabel ?label FILTER(?type != sem:Actor) }
  BIND(REPLACE(STR(?type), "^.*[/#]", "") AS ?kind)
  OPTIONAL { GRAPH <RESOLUTION> { ?actor skos:prefLabel ?name } }
  OPTIONAL { GRAPH <RESOLUTION> { ?merge kg:mergedInto ?actor } }
  FILTER(STRSTARTS(STR(?g), "GRAPHS"))
} GROUP BY ?actor ?kind ?name ORDER BY DESC(?articles) ?actor"""


def actor_table(store: GraphStore):
    """Every actor with its kind, all its labels, the articles naming it and merges into it."""
    return store.query(_ACTOR_LIST.replace("GRAPHS", str(ID["graph/"])).replace("RESOLUTION", RESOLUTION_GRAPH))


def actor_profile(store: GraphStore, name: str):
    """One actor (by its IRI, or by any label, case folded): its canonical label, labels, roles
    (with the articles and publication dates they are seen in), affiliation, events (with whom,
    or of what, each other party by its canonical label), merges and why, registry links.
    An IRI is looked up as itself (what `kg actor` passes, once it has found the actor), not
    among every label of the store."""
    query = """
    SELECT DISTINCT ?name ?actor ?field ?value ?article ?published WHERE {
      CANDIDATES
      LATERAL {
      { GRAPH <RESOLUTION> { ?actor skos:prefLabel ?value } BIND("name" AS ?field) }
      UNION { GRAPH ?r { ?actor owl:sameAs ?value } BIND("same as" AS ?field) }
      UNION { GRAPH ?g { ?actor rdfs:label|skos:altLabel ?value } BIND("label" AS ?field) }
      UNION { GRAPH ?g { ?actor kg:role ?value . ?article a schema:NewsArticle
                         OPTIONAL { ?article schema:datePublished ?published } } BIND("role" AS ?field) }
      UNION { GRAPH ?g { ?actor kg:affiliation/rdfs:label ?value } BIND("affiliation" AS ?field) }
      UNION { GRAPH ?g { ?e sem:hasActor ?actor ; sem:eventType ?t ; schema:subjectOf ?article
                         OPTIONAL { ?e sem:hasActor ?other FILTER(?other != ?actor)
                                    OPTIONAL { ?other rdfs:label ?spelt }
                                    OPTIONAL { GRAPH <RESOLUTION> { ?other skos:prefLabel ?otherName } } }
                         OPTIONAL { ?e schema:object/skos:prefLabel ?target } }
              BIND(CONCAT(REPLACE(STR(?t), "^.*[/#]", ""),
                          COALESCE(CONCAT(" with ", STR(COALESCE(?otherName, ?spelt))), ""),
                          COALESCE(CONCAT(" of ", STR(?target)), "")) AS ?value)
              BIND("event" AS ?field) }
      UNION { GRAPH ?r { ?m kg:mergedInto ?actor ; kg:rule ?rule ; kg:evidence ?why } BIND("merged" AS ?field)
              BIND(CONCAT(?rule, ": ", ?why) AS ?value) }
      }
    } ORDER BY ?actor ?field ?value ?article""".replace("RESOLUTION", RESOLUTION_GRAPH)
    by_iri = name.startswith(str(ID["actor/"])) and re.fullmatch(r'[^\s<>"{}|^`\\]+', name)
    return store.query(query.replace("CANDIDATES", _BY_IRI.replace("IRI", name) if by_iri else _BY_LABEL),
                       params={"name": name})


#: `actor_profile`'s actor: any whose label is the name, case folded (a scan of every label) ...
_BY_LABEL = """{ SELECT DISTINCT ?name ?actor WHERE {
          { GRAPH ?g { ?actor rdfs:label ?l } } UNION { GRAPH ?g { ?actor skos:altLabel ?l } }
          FILTER(LCASE(STR(?l)) = LCASE(STR(?name)) || STR(?actor) = STR(?name))
          FILTER EXISTS { GRAPH ?g { ?actor a sem:Actor } } } }"""
#: ... or the one whose IRI it is (an index lookup)
_BY_IRI = """{ SELECT DISTINCT ?name ?actor WHERE { VALUES ?actor { <IRI> } FILTER EXISTS { GRAPH ?g { ?actor a sem:Actor } } } }"""


def conflict_table(store: GraphStore):
    """Every recorded disagreement between articles, with both reports' articles and sentences."""
    return store.query(f"""
    SELECT ?kind ?article1 ?sentence1 ?article2 ?sentence2 WHERE {{
      GRAPH <{RESOLUTION_GRAPH}> {{ ?c a kg:Conflict ; kg:conflictKind ?kind ; kg:between ?e1, ?e2 }}
      FILTER(STR(?e1) < STR(?e2))
      GRAPH ?g1 {{ ?e1 schema:subjectOf|schema:appearance ?article1 ; prov:wasDerivedFrom ?s1 .
                   ?s1 a nif:Sentence ; nif:anchorOf ?sentence1 }}
      GRAPH ?g2 {{ ?e2 schema:subjectOf|schema:appearance ?article2 ; prov:wasDerivedFrom ?s2 .
                   ?s2 a nif:Sentence ; nif:anchorOf ?sentence2 }}
    }} ORDER BY ?kind ?article1 ?article2""")
