"""kg.syntax: a SPARQL syntax error's real line and column, though Oxigraph reports a place up to
a keyword's length past it (or the end of a short query), and never by running the text."""
from __future__ import annotations

from types import SimpleNamespace

import pyoxigraph as ox
import pytest

from kg import syntax
from kg.store import _PREFIXES


def located(text: str, update: bool = False) -> tuple[int | None, int | None, str]:
    try:
        (ox.Store().update if update else ox.Store().query)(text, prefixes=_PREFIXES)
    except SyntaxError as error:
        found = syntax.locate(text, str(error), update=update, prefixes=_PREFIXES)
        return found.line, found.column, found.detail
    raise AssertionError(f"parsed: {text!r}")


@pytest.mark.parametrize("text, line, column, detail", [
    ("SELEC ?x", 1, 1, "unexpected 'SELEC'; did you mean SELECT?"),  # Oxigraph: 1:9
    ("SELECT ?x\nWHERE {\n  ?x ?y ?z .\n\n\n\n  FILTER(?x = ) }\n", 7, 15, "unexpected ')'"),  # Oxigraph: 8:1
    ("SELECT ?x WHERE { ?x ?y ?z } LIMT 3", 1, 30, "unexpected 'LIMT'; did you mean LIMIT?"),
    ("SELECT ?x WHERE { ?x ?y ?z } LIMIT x", 1, 36, "unexpected 'x'"),
    ("SELECT ?x WHERE { ?x ?y ?z  }}", 1, 30, "unexpected '}'"),
    ("ASK { ?x <http://a> ?y } ;", 1, 26, "unexpected ';'"),
    ("SELECT ?x\r\nWHERE {\r\n ?x ?y ?z ) }", 3, 11, "unexpected ')'"),
    ("SELECT ?é WHERE { ?é ?y \"üü\" ) }", 1, 30, "unexpected ')'"),  # columns in characters
    ("SELECT ?x WHERE {\n ?x nope:p ?o \n}", 2, 5, "unknown prefix 'nope:'"),
    ("SELECT ?x WHERE { ?x <a b> ?z }", 1, 22, "invalid IRI <a b>"),
    ("SELECT (1 AS ?x) ?x WHERE {}", 1, 29, "Duplicated variable name in SELECT"),
    ("SELECT ?x WHERE { ?x ?y ?z ", 1, 27, "unexpected end of the query"),
    ("SELECT ?x WHERE { ?x ?y \"abc }", 1, 31, "unexpected end of the query"),
    ("SELECT ?x # a comment with ) and LIMT\nWHERE { ?x ?y ?z ) }", 2, 18, "unexpected ')'"),
])
def test_queries(text: str, line: int, column: int, detail: str) -> None:
    assert located(text) == (line, column, detail)


@pytest.mark.parametrize("text, line, column, detail", [
    ("DELETE WHERE { ?x ?y }", 1, 22, "unexpected '}'"),
    ("INSER DATA { }", 1, 1, "unexpected 'INSER'; did you mean INSERT?"),
    ("INSERT DATA { <a> }", 1, 15, "invalid IRI <a>"),
    ("DELETE DATA { _:b <http://p> <http://o> }", 1, 42, "Variables and blank nodes are not allowed in DELETE DATA"),
    ("DROP", 1, 5, "unexpected end of the update"),
    ("SELECT * WHERE { ?s ?p ?o }", 1, 1, "unexpected 'SELECT'"),
])
def test_updates(text: str, line: int, column: int, detail: str) -> None:
    assert located(text, update=True) == (line, column, detail)


def test_an_empty_text() -> None:
    assert syntax.locate("  \n", "error at 2:1: expected [_]").detail == "the query is empty"


@pytest.mark.parametrize("text, update", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } LIMT 1", False),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } # a comment\n }", False),
    ("LOAD <http://127.0.0.1:9/data.ttl> ; DROP EVERYTHING", True),
])
def test_probes_never_run_the_text(monkeypatch: pytest.MonkeyPatch, text: str, update: bool) -> None:
    """Every probe fails to parse, so a SERVICE or LOAD in a text cut short is never run."""
    parsed: list[str] = []

    class Watched:
        def __init__(self) -> None:
            self.store = ox.Store()

        def query(self, probe: str, **options):
            answer = self.store.query(probe, **options)
            parsed.append(probe)
            return answer

        def update(self, probe: str, **options) -> None:
            self.store.update(probe, **options)
            parsed.append(probe)

    with pytest.raises(SyntaxError) as refused:
        (ox.Store().update if update else ox.Store().query)(text)
    monkeypatch.setattr(syntax, "ox", SimpleNamespace(Store=Watched))
    found = syntax.locate(text, str(refused.value), update=update)
    assert found.line == 1 + text.count("\n") and parsed == []


def test_a_message_from_another_server_is_kept() -> None:
    """A text Oxigraph here parses (a server of another kind refused it): the server's word."""
    found = syntax.locate("SELECT * WHERE { ?s ?p ?o }", "Encountered \" <VAR1> \"?s\" at line 1, column 18.")
    assert (found.line, found.column) == (None, None) and found.detail.startswith("Encountered")
    assert syntax.error_inside("SELECT * WHERE { ?s ?p ?o }") is None
    assert syntax.error_inside("SELECT * WHERE { ?s ?p ?o ) }").column == 27
