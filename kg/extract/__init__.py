"""The extract stage: meetings, calls, condemnations and claims, proposed by declarative rules.

The rules are data (`kg/rules/*.yml`, word classes in `kg/rules/lexicon.yml`): each has an id,
the relation it proposes, a confidence, examples, and a dependency pattern anchored on a trigger
word. What truly needs code is here, in modules named for what they do:

* `rules`: reading and checking the rule files;     * `matcher`: patterns matched from their trigger;
* `engine`: candidates through the shared steps;    * `arguments`: who and what a rule is about;
* `realis`: did the event take place?;              * `context`: medium, date, place, anaphora;
* `quotes`: direct quotes and their speakers;       * `spans`: claim texts and condemned targets;
* `output`: one statement per fact, and JSON lines.

Every statement names the rule that made it (`Statement.rule`, `kg:rule` in RDF, `rule` in JSON).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..actors import ActorIndex, find_actors
from ..nlp import ParsedArticle
from ..records import ArticleExtraction
from .engine import Extractor
from .output import as_json
from .rules import Rule, RuleError, RuleSet, default_rules, load_rules

__all__ = ["extract", "extract_all", "as_json", "Rule", "RuleError", "RuleSet", "default_rules", "load_rules"]


def extract(parsed: ParsedArticle, index: ActorIndex | None = None, rules: RuleSet | None = None) -> ArticleExtraction:
    """All statements of one article, with the actors they involve."""
    index = index or find_actors(parsed)
    return Extractor(parsed, index, rules or default_rules()).run()


def extract_all(parsed_articles: Iterable[ParsedArticle]) -> Iterator[ArticleExtraction]:
    for parsed in parsed_articles:
        yield extract(parsed)
