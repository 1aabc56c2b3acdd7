"""Where the model's attribute-ruler patterns match, found through an index: spaCy's answer, faster.

The English model's `attribute_ruler` sets coarse tags, lemmas and features from about 180 token
patterns ("a TAG of VBZ and a LOWER of 'gets'"). spaCy's `Matcher` tries every pattern at every
token, which measured 25-30 ms of CPU for an article of 3,500 characters: a fifth of the whole
parse, as much as the dependency parser. Nearly every pattern asks for one tag or one lower-case
word, or a few: indexed by those, each token is tested against the few patterns that can match
it. The comparisons are spaCy's own (hashes from `Doc.to_array`, `re.search` for REGEX).

Only the ruler's `match` is replaced; spaCy still applies what matched, in its own order
(`AttributeRuler.set_annotations`: later patterns win). A ruler with any pattern this index does
not read (an operator such as "OP", another attribute, another predicate) is left as it is.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

__all__ = ["index_attribute_ruler", "IndexedMatch"]

#: The token attributes a pattern may test here, in the order of `Doc.to_array`'s columns.
_COLUMNS = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMN = {name: i for i, name in enumerate(_COLUMNS)}
_ATTRIBUTE_IDS = list(_COLUMNS.values())
#: A token's values as integers (string hashes, or 0/1 for IS_SPACE), in `_COLUMNS` order.
Row = list[int]
#: One test of one token: the column it reads, and what the value must pass.
Test = tuple[int, Callable[[int], bool]]


@dataclass(frozen=True)
class _Pattern:
    """One token sequence of one ruler entry (`attr_id`: the entry's place in the ruler)."""

    attr_id: int
    tokens: tuple[tuple[Test, ...], ...]

    def matches(self, rows: list[Row], start: int) -> bool:
        if start + len(self.tokens) > len(rows):
            return False
        for k, tests in enumerate(self.tokens):
            row = rows[start + k]
            for column, passes in tests:
                if not passes(row[column]):
                    return False
        return True


class IndexedMatch:
    """`AttributeRuler.match` for one ruler, with the same result: (attr_id, match_id, start, end)
    of every match, sorted."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self._strings = strings
        self._match_ids = [strings[str(i)] for i in range(len(ruler.attrs))]
        # per column, value -> the patterns whose first token must have it there
        self._filed: list[dict[int, list[_Pattern]]] = [{} for _ in _COLUMNS]
        self._others: list[_Pattern] = []  # the patterns no value of their first token files
        for attr_id, entry in enumerate(ruler.patterns):
            for sequence in entry["patterns"]:
                self._index(_Pattern(attr_id, tuple(self._tests(token) for token in sequence)), sequence[0])

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows: list[Row] = doc.to_array(_ATTRIBUTE_IDS).tolist()
        found: set[tuple[int, int, int]] = set()
        filed = list(enumerate(self._filed))
        for i, row in enumerate(rows):
            for column, table in filed:
                for pattern in table.get(row[column], ()):
                    if pattern.matches(rows, i):
                        found.add((pattern.attr_id, i, i + len(pattern.tokens)))
            for pattern in self._others:
                if pattern.matches(rows, i):
                    found.add((pattern.attr_id, i, i + len(pattern.tokens)))
        return [(attr_id, self._match_ids[attr_id], start, end) for attr_id, start, end in sorted(found)]

    def _index(self, pattern: _Pattern, first: dict) -> None:
        """File `pattern` under the values its first token must have in the first column of
        `_COLUMNS` that says (a lower-case word is the narrowest: it comes first)."""
        for name, column in _COLUMN.items():
            values = _required(first.get(name))
            if values is not None:
                for value in values:
                    key = int(value) if isinstance(value, bool) else self._strings[value]
                    self._filed[column].setdefault(key, []).append(pattern)
                return
        self._others.append(pattern)

    def _tests(self, token: dict) -> tuple[Test, ...]:
        """The tests of one token pattern; ValueError for what this index does not read."""
        tests = []
        for name, spec in token.items():
            if name not in _COLUMNS:
                raise ValueError(f"attribute {name!r} is not indexed")
            tests.append((_COLUMN[name], self._test(name, spec)))
        return tuple(tests)

    def _test(self, name: str, spec: object) -> Callable[[int], bool]:
        strings = self._strings
        if name == "IS_SPACE":
            if not isinstance(spec, bool):
                raise ValueError(f"IS_SPACE {spec!r} is not a boolean")
            return lambda value, wanted=int(spec): value == wanted
        if isinstance(spec, str):
            return lambda value, wanted=strings[spec]: value == wanted
        if isinstance(spec, dict) and len(spec) == 1:
            [(predicate, argument)] = spec.items()
            if predicate in ("IN", "NOT_IN") and isinstance(argument, list):
                hashes = frozenset(strings[v] for v in argument)
                return (lambda value: value in hashes) if predicate == "IN" else (lambda value: value not in hashes)
            if predicate == "REGEX" and isinstance(argument, str):
                return _Search(re.compile(argument), strings)
        raise ValueError(f"{name} {spec!r} is not indexed")


class _Search:
    """A REGEX test of a string attribute (by its hash), a string searched once (of the last
    `_SEARCHES_KEPT` strings seen)."""

    def __init__(self, regex: re.Pattern[str], strings: StringStore) -> None:
        self.regex, self.strings, self.seen = regex, strings, {}

    def __call__(self, value: int) -> bool:
        found = self.seen.get(value)
        if found is None:
            if len(self.seen) >= _SEARCHES_KEPT:
                self.seen.clear()
            found = self.seen[value] = bool(self.regex.search(self.strings[value]))
        return found


_SEARCHES_KEPT = 1 << 16


def _required(spec: object) -> list[str] | list[bool] | None:
    """The values a token pattern's test allows when it is a list of them (equality or IN)."""
    if isinstance(spec, (str, bool)):
        return [spec]
    if isinstance(spec, dict) and list(spec) == ["IN"] and isinstance(spec["IN"], list):
        return spec["IN"]
    return None


def index_attribute_ruler(ruler: AttributeRuler) -> bool:
    """Make `ruler` find its matches through `IndexedMatch`; False (the ruler unchanged) when one
    of its patterns is of a kind the index does not read."""
    try:
        indexed = IndexedMatch(ruler)
    except ValueError:
        return False
    ruler.match = indexed  # an instance attribute: `AttributeRuler.__call__` calls self.match(doc)
    return True
