"""Correcting kg: finding actors by name, listing what a person should look at, and the decisions.

* `find_actors` / `one_actor`: an actor by any of its labels (any case, accents folded) or its
  IRI; `kg actor` also takes a prefix or a close spelling.
* `review`: possible merges resolution left apart (`kg:possiblySameAs`) with what speaks for and
  against them, suspect labels (a weekday or month, a possessive fragment, unbalanced brackets, a
  title still in the name, a lowercase start, a dateline), and actors typed as a person in one
  article and as something else in another.
* `merge`, `split`, `ignore`, `rename`: each checks its names against the store, then records the
  decision in the registry file (`kg.registry`), which every later resolution applies
  (`kg.pipeline.bring_up_to_date` applies it at once).
"""
from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, URIRef

from .gazetteer import fold
from .names import name_key, suspect_reasons
from .registry import Triple, append_decision, decision_graph, literal, remove_triples
from .resolve import read_actors, read_merge_records
from .store import GraphStore
from .vocab import ID, KG, OWL, RESOLUTION_GRAPH, SKOS

#: how alike two folded names must be (difflib ratio) to count as a close spelling
CLOSE_SPELLING = 0.8


class ActorLookupError(ValueError):
    """A name that designates no actor, or several; the message says which and lists them."""

    def __init__(self, message: str, candidates: list[ActorName] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


@dataclass(frozen=True)
class ActorName:
    """An actor as a person designates it: its IRI, the label it is shown by, all its labels."""

    iri: str
    label: str
    labels: frozenset[str] = frozenset()
    kind: str = ""

    def describe(self) -> str:
        others = sorted(self.labels - {self.label})
        also = f" (also {', '.join(repr(o) for o in others[:5])})" if others else ""
        return f"{self.label}{also} <{self.iri}>"


_CANONICAL = f"SELECT ?actor ?label WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?actor skos:prefLabel ?label }} }}"
_UNDER_KEY = f"SELECT ?key ?actor WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?actor kg:nameKey ?key }} }}"


def actor_names(store: GraphStore, only: set[str] | None = None) -> dict[str, ActorName]:
    """Every actor of the article graphs (or those `only` names), by IRI, shown by its canonical
    label (else its first)."""
    if only is None:
        canonical = {str(a): str(label) for a, label in store.query(_CANONICAL).rows}
    else:  # a few actors: each one's label through the index
        canonical = {str(a): str(label) for iri in only for a, label in store.query(_CANONICAL, {"actor": iri}).rows}
    return {iri: ActorName(iri, canonical.get(iri) or sorted(row.labels)[0], frozenset(row.labels), row.kind)
            for iri, row in read_actors(store, only).items() if row.labels}


def find_actors(store: GraphStore, name: str, *, loose: bool = False) -> list[ActorName]:
    """The actors `name` designates: its IRI, else those with a label equal to it (case and
    accents folded). With `loose`, when none is, those with a label it begins (or a word of which
    it begins), else those with a label or a word of one spelt closely (`CLOSE_SPELLING`).

    The actors the name's key (`kg:nameKey`) and the IRI name are read first, through the store's
    index; every actor only when none of them has the name (or a store resolved by an older kg)."""
    wanted = name_key(name)
    candidates = {str(a) for _, a in store.query(_UNDER_KEY, {"key": wanted}).rows} if wanted else set()
    candidates |= {name} if _IRI.match(name) else set()
    found = _designated(actor_names(store, candidates), name, wanted, loose=False) if candidates else []
    return found or _designated(actor_names(store), name, wanted, loose=loose)


_IRI = re.compile(r"https?://", re.IGNORECASE)


def _designated(actors: dict[str, ActorName], name: str, wanted: str, *, loose: bool) -> list[ActorName]:
    """Of `actors`, the one whose IRI is `name`, else those with a label whose folded form is
    `wanted`, else (`loose`) those a prefix or a close spelling of it fits."""
    if name in actors:
        return [actors[name]]
    folded = {iri: {name_key(label) for label in a.labels} for iri, a in actors.items()}
    tests = [lambda label: label == wanted]
    if loose and wanted:
        tests += [lambda label: label.startswith(wanted) or any(w.startswith(wanted) for w in label.split()),
                  lambda label: any(_close(part, wanted) for part in [label, *label.split()])]
    for test in tests:
        found = [actors[iri] for iri in sorted(folded) if any(test(label) for label in folded[iri])]
        if found:
            return found
    return []


def _close(spelling: str, wanted: str) -> bool:
    """Two folded names spelt alike ("lavrof" / "lavrov"); a word of the label counts too."""
    return difflib.SequenceMatcher(None, spelling, wanted).ratio() >= CLOSE_SPELLING


def one_actor(store: GraphStore, name: str, *, loose: bool = False) -> ActorName:
    """The one actor `name` designates (see `find_actors`); ActorLookupError when none or several."""
    found = find_actors(store, name, loose=loose)
    if not found:
        how = "label, prefix or close spelling" if loose else "label or IRI"
        raise ActorLookupError(f"no actor has the {how} {name!r} (`kg actors` lists them)")
    if len(found) > 1:
        raise ActorLookupError(f"{name!r} fits {len(found)} actors: "
                               + "; ".join(a.describe() for a in found[:10]) + "; give one of their IRIs", found)
    return found[0]


# --------------------------------------------------------------------------------------------
# The review
# --------------------------------------------------------------------------------------------

@dataclass
class Review:
    """What a person should look at, each item one line of `lines()`."""

    possible_merges: list[tuple[ActorName, list[ActorName], str]] = field(default_factory=list)
    suspect_labels: list[tuple[ActorName, str, list[str]]] = field(default_factory=list)
    conflicting_kinds: list[tuple[ActorName, dict[str, list[str]]]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.possible_merges) + len(self.suspect_labels) + len(self.conflicting_kinds)

    def lines(self) -> list[str]:
        out = [f"possible merges ({len(self.possible_merges)}): kg merge STORE NAME OTHER, or leave them apart"]
        for actor, candidates, evidence in self.possible_merges:
            out.append(f"  {actor.label!r} <{actor.iri}> may be: "
                       + " | ".join(f"{c.label!r} <{c.iri}>" for c in candidates) + f"  [{evidence}]")
        out.append(f"suspect labels ({len(self.suspect_labels)}): kg rename STORE NAME \"Label\", or kg ignore STORE NAME")
        for actor, label, reasons in self.suspect_labels:
            out.append(f"  {label!r} <{actor.iri}>: {'; '.join(reasons)}")
        out.append(f"conflicting kinds ({len(self.conflicting_kinds)}): one actor typed differently by its articles")
        for actor, kinds in self.conflicting_kinds:
            out.append(f"  {actor.label!r} <{actor.iri}>: "
                       + "; ".join(f"{kind} in {', '.join(graphs[:3])}{' ...' if len(graphs) > 3 else ''}"
                                   for kind, graphs in sorted(kinds.items())))
        return out


_POSSIBLY_SAME = f"""SELECT ?actor ?candidate ?why WHERE {{
  GRAPH <{RESOLUTION_GRAPH}> {{ ?actor kg:possiblySameAs ?candidate OPTIONAL {{ ?actor kg:ambiguity ?why }} }}
}} ORDER BY ?actor ?candidate"""
_KINDS = """SELECT ?actor ?kind ?g WHERE {
  GRAPH ?g { ?actor a sem:Actor, ?kind VALUES ?kind { schema:Person schema:Organization schema:Country kg:Group } }
  FILTER(STRSTARTS(STR(?g), "GRAPHS")) }""".replace("GRAPHS", str(ID["graph/"]))


def review(store: GraphStore) -> Review:
    """Possible merges, suspect labels and conflicting kinds of the actors in `store`."""
    rows = read_actors(store)
    actors = actor_names(store)
    result = Review()
    pending: dict[str, list[str]] = defaultdict(list)
    reasons: dict[str, str] = {}
    for actor, candidate, why in store.query(_POSSIBLY_SAME).rows:
        pending[str(actor)].append(str(candidate))
        if why is not None:
            reasons[str(actor)] = str(why)
    for iri, candidates in sorted(pending.items()):
        if iri in actors:
            known = [actors[c] for c in candidates if c in actors]
            evidence = _merge_evidence(rows[iri], [rows[c] for c in candidates if c in rows])
            result.possible_merges.append((actors[iri], known, f"{reasons[iri]}; {evidence}" if iri in reasons
                                           else evidence))
    for iri, actor in sorted(actors.items(), key=lambda item: item[1].label.casefold()):
        for label in sorted(actor.labels):
            reasons = suspect_reasons(label, actor.kind)
            if reasons:
                result.suspect_labels.append((actor, label, reasons))
    kinds: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for actor, kind, g in store.query(_KINDS).rows:
        kinds[str(actor)][str(kind).rsplit("/", 1)[-1].rsplit("#", 1)[-1]].append(str(g).rsplit("/", 1)[-1])
    for iri, by_kind in sorted(kinds.items()):
        if len(by_kind) > 1 and iri in actors:
            result.conflicting_kinds.append((actors[iri], {k: sorted(v) for k, v in by_kind.items()}))
    return result


def _merge_evidence(row, candidates) -> str:
    """What speaks for and against merging a name with each candidate: kinds, roles, affiliations,
    how many articles name them."""
    def facts(r) -> str:
        parts = [r.kind or "actor", *sorted(r.roles)[:2]]
        parts += [f"of {a.rsplit('/', 1)[-1]}" for a in sorted(r.affiliations)[:2]]
        return f"{', '.join(parts)}, {r.articles} article{'s' * (r.articles != 1)}"
    return f"{facts(row)} / " + " / ".join(facts(c) for c in candidates) + "; the name fits each of them"


# --------------------------------------------------------------------------------------------
# Decisions
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decision:
    """What a correction recorded, in words, and what it could not undo by itself."""

    summary: str
    notes: list[str] = field(default_factory=list)


def merge(store: GraphStore, registry: str | Path, name: str, into: str) -> Decision:
    """Record that the actor `name` is the actor `into`: every label of the first becomes a
    skos:altLabel of the second's IRI (the registry-label rule then merges them), and an earlier
    `kg split` of the two is taken back."""
    source, target = one_actor(store, name), one_actor(store, into)
    if source.iri == target.iri:
        raise ActorLookupError(f"{name!r} and {into!r} are already one actor <{target.iri}>")
    remove_triples(registry, [(URIRef(source.iri), OWL.differentFrom, URIRef(target.iri)),
                              (URIRef(target.iri), OWL.differentFrom, URIRef(source.iri))])
    triples: list[Triple] = [(URIRef(target.iri), SKOS.altLabel, literal(label)) for label in sorted(source.labels)]
    append_decision(registry, "merge", f"{source.label!r} into {target.label!r}", triples)
    return Decision(f"merged: {source.label!r} <{source.iri}> is now {target.label!r} <{target.iri}>")


def split(store: GraphStore, registry: str | Path, name: str) -> Decision:
    """Record that the actor merged away as `name` (one of its labels, or its IRI) is not the actor
    it was merged into: owl:differentFrom between the two, and the registry labels that made the
    merge are taken out (those a person wrote inside a larger entry are left, and noted)."""
    merges = [m for m in read_merge_records(store) if m.source == name
              or (m.was is not None and fold(name) in {fold(label) for label in m.was.labels})]
    if not merges:
        raise ActorLookupError(f"no merge of an actor called {name!r} is recorded (`kg actor STORE NAME` shows "
                               f"the merges into an actor)")
    if len({(m.source, m.target) for m in merges}) > 1:
        raise ActorLookupError(f"{name!r} was merged several times: "
                               + "; ".join(f"<{m.source}> into <{m.target}>" for m in merges) + "; give the IRI")
    m = merges[0]
    labels = sorted(m.was.labels) if m.was is not None else []
    removal = remove_triples(registry, [(URIRef(m.target), SKOS.altLabel, literal(label)) for label in labels]
                             + [(URIRef(m.target), SKOS.prefLabel, literal(label)) for label in labels])
    append_decision(registry, "split", f"{labels[0] if labels else m.source!r} from <{m.target}>",
                    [(URIRef(m.source), OWL.differentFrom, URIRef(m.target))])
    notes = [f"the registry still gives {t[2]!s} as a label of <{t[0]}> at line {line}; owl:differentFrom keeps "
             f"the two apart all the same" for t, line in removal.left]
    return Decision(f"split: <{m.source}> ({', '.join(labels)}) is not <{m.target}>", notes)


def ignore(store: GraphStore, registry: str | Path, name: str) -> Decision:
    """Record that `name` is not an actor (`kg:notAnActor`): a label of an actor (recorded as
    given), or an actor's IRI (each of its labels recorded)."""
    actor = one_actor(store, name)
    labels = sorted(actor.labels) if name == actor.iri else [name]
    append_decision(registry, "ignore", ", ".join(repr(label) for label in labels),
                    [(BNode(), KG.notAnActor, literal(label)) for label in labels])
    return Decision(f"ignored: {', '.join(repr(label) for label in labels)} is not an actor <{actor.iri}>")


def rename(store: GraphStore, registry: str | Path, name: str, label: str) -> Decision:
    """Record that the actor `name` is shown as `label` (skos:prefLabel in the registry, which
    becomes its skos:prefLabel across the corpus), replacing an earlier `kg rename` of it."""
    if not label.strip():
        raise ActorLookupError("the new label is empty")
    actor = one_actor(store, name)
    subject = URIRef(actor.iri)
    earlier = [(subject, SKOS.prefLabel, o) for o in _registry_objects(registry, subject, SKOS.prefLabel)]
    removal = remove_triples(registry, earlier)
    append_decision(registry, "rename", f"{actor.label!r} to {label!r}", [(subject, SKOS.prefLabel, literal(label))])
    notes = [f"the registry also gives {t[2]!s} as its preferred label at line {line}; remove it by hand"
             for t, line in removal.left]
    return Decision(f"renamed: <{actor.iri}> is shown as {label!r}", notes)


def _registry_objects(registry: str | Path, subject: URIRef, predicate: URIRef) -> list:
    return sorted(decision_graph(registry).objects(subject, predicate))
