"""Plain typed records handed from one pipeline stage to the next.

ingest -> Article; nlp -> ParsedArticle; actors -> Actor; extract -> Statement;
the rdf stage takes an ArticleExtraction (one article with its actors and statements).
Records are immutable so that a stage can never change what an earlier stage produced.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Relation names as written by `kg extract --format jsonl` (the scorer's contract).
MET = "met"
PHONED = "phoned"
CONDEMNED = "condemned"
ASSERTS = "asserts"
RELATIONS = (MET, PHONED, CONDEMNED, ASSERTS)
# A conversation whose medium the text does not give ("A spoke with B").
SPOKE = "spoke"
# Meetings that did not take place, kept apart so they are never counted as meetings.
PLANNED_MEETING = "plannedMeeting"
CANCELLED_MEETING = "cancelledMeeting"
REFUSED_MEETING = "refusedMeeting"
DENIED_MEETING = "deniedMeeting"
UNREALISED_MEETINGS = (PLANNED_MEETING, CANCELLED_MEETING, REFUSED_MEETING, DENIED_MEETING)


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One news article as read from a source.

    `text` is the full text as read (offsets in every later record refer to it);
    `body` lists the character ranges that are the article's own body, so that page
    furniture (related-article lists, comment forms, ads) stays traceable but is
    never mined for statements.
    """

    id: str
    iri: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    url: str | None = None
    source: str | None = None  # where it was read from: a path, "path:line" or "-"
    body: tuple[tuple[int, int], ...] = ()
    origin: str | None = None  # the input file it came from (resolved) or "-": what its id belongs to
    line: int | None = None  # the line of its JSON record in that input (None: the whole input)

    def body_text(self) -> str:
        """The text with everything outside `body` blanked to spaces.

        Same length as `text`, line breaks kept, so offsets into it are offsets into `text`.
        An article with no `body` ranges is all body.
        """
        if not self.body:
            return self.text
        chars = [c if c in "\n\r" else " " for c in self.text]
        for start, end in self.body:
            chars[start:end] = self.text[start:end]
        return "".join(chars)


@dataclass(frozen=True)
class Problem:
    """An input that could not be used, reported on one line and skipped; with `failure`, an
    input kg itself failed on (extraction or storage raised: a bug to report, not a bad input)."""

    source: str
    cause: str
    failure: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.cause}"


@dataclass(frozen=True)
class Actor:
    """An actor of one article: a person, organisation, country or group, its aliases merged."""

    key: str  # stable identifier within the corpus (normalised canonical name)
    label: str  # preferred label
    kind: str  # "person" | "organization" | "country" | "group"
    alt_labels: tuple[str, ...] = ()
    role: str | None = None  # e.g. "foreign minister"
    affiliation: str | None = None  # key of the country/organisation the actor belongs to


@dataclass(frozen=True)
class Statement:
    """One extracted statement with its provenance.

    met/phoned: `participants` are everyone in the contact (two or more);
    condemned: `participants` is the one agent, `target` the condemned phrase (and `target_actors`
    the actors it names, when it names actors: "condemned Russia", not "Russia's invasion");
    asserts: `participants` is the speaker (empty for the article's own voice), `target` the claim text.
    """

    article: str  # Article.id
    relation: str
    participants: tuple[Actor, ...]
    sentence: Span
    target: Span | None = None
    confidence: float = 0.5
    rule: str = ""  # the rule that produced it, for inspection
    date: str | None = None  # ISO 8601 (day, month or year precision), read against the article's date
    place: str | None = None
    date_text: str | None = None  # the date as the text gives it ("on Monday")
    target_actors: tuple[Actor, ...] = ()  # condemned: the actors the target phrase names ("condemned Russia")


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article: the unit the rdf stage turns into a named graph."""

    article: Article
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = field(default_factory=tuple)
