"""kg's word classes, read from `kg/rules/lexicon.yml`.

Every word list that decides what kg extracts lives in that one file, each class with a name,
a doc and its words; rules name a class as `$name`, and code asks for it by name
(`LEXICON.words("speech_verbs")`). An unknown name is an error that says which name, so a
typo in a rule or in the code cannot silently match nothing.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent / "rules"
LEXICON_FILE = RULES_DIR / "lexicon.yml"

_KINDS = ("words", "include", "map", "groups")


class LexiconError(ValueError):
    """A lexicon file that cannot be used, or a word class that does not exist."""


class _DataLoader(yaml.SafeLoader):
    """YAML as a linguist means it: `on`, `off`, `no` and `yes` are words, not booleans
    (YAML 1.1 reads them as booleans, which would silently turn a preposition into `True`)."""


def _unique_keys(loader: _DataLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    """A mapping whose keys are all different: YAML would silently keep the last of two entries
    of one name, and a class written twice would lose its first words."""
    loader.flatten_mapping(node)  # YAML merge keys ("<<: *verb") first
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    twice = sorted({str(k) for k in keys if keys.count(k) > 1})
    if twice:
        raise yaml.constructor.ConstructorError(None, None, f"{', '.join(twice)} defined twice", node.start_mark)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_DataLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_keys)
_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_DataLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def read_yaml(path: Path) -> Any:
    """A kg data file (lexicon or rules), with a one-line error naming the file when it is not YAML."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_DataLoader)
    except (OSError, yaml.YAMLError) as error:
        raise LexiconError(f"{path.name}: cannot read it: {error}") from None


@dataclass(frozen=True)
class Lexicon:
    """Named word classes (`words`), tables (`mapping`) and groups of one thing (`groups`)."""

    classes: Mapping[str, frozenset[str]]
    maps: Mapping[str, Mapping[str, Any]]
    groupings: Mapping[str, tuple[tuple[str, ...], ...]]
    docs: Mapping[str, str]

    def words(self, name: str) -> frozenset[str]:
        """The words of class `name`."""
        try:
            return self.classes[name]
        except KeyError:
            raise LexiconError(f"no word class {name!r} in {LEXICON_FILE.name}") from None

    def mapping(self, name: str) -> Mapping[str, Any]:
        """The table `name` (word -> value)."""
        try:
            return self.maps[name]
        except KeyError:
            raise LexiconError(f"no table {name!r} in {LEXICON_FILE.name}") from None

    def groups(self, name: str) -> tuple[tuple[str, ...], ...]:
        """The groups of `name` (each a tuple of words that are one thing)."""
        try:
            return self.groupings[name]
        except KeyError:
            raise LexiconError(f"no groups {name!r} in {LEXICON_FILE.name}") from None

    def names(self) -> set[str]:
        return set(self.docs)


def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """Read and check a lexicon file: every entry has a doc and exactly one kind of content,
    words are lower-case strings, and `include` names classes that exist (without cycles)."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise LexiconError(f"{path.name}: expected a mapping of class names to entries")
    docs: dict[str, str] = {}
    for name, entry in data.items():
        where = f"{path.name}: {name}"
        if not isinstance(entry, dict) or not isinstance(entry.get("doc"), str) or not entry["doc"].strip():
            raise LexiconError(f"{where}: an entry needs a 'doc' saying what the class is for")
        unknown = set(entry) - {"doc", *_KINDS}
        if unknown:
            raise LexiconError(f"{where}: unknown field(s) {sorted(unknown)}")
        kinds = [k for k in _KINDS if k in entry]
        if not kinds or (len(kinds) > 1 and set(kinds) != {"words", "include"}):
            raise LexiconError(f"{where}: give words (and/or include), or map, or groups")
        docs[name] = entry["doc"]
        for word in _all_strings(entry, where):
            if word != word.lower():
                raise LexiconError(f"{where}: {word!r} is not lower case")
    classes = {name: _class_words(name, data, path, ()) for name, e in data.items() if "words" in e or "include" in e}
    maps = {name: e["map"] for name, e in data.items() if "map" in e}
    groupings = {name: tuple(tuple(g) for g in e["groups"]) for name, e in data.items() if "groups" in e}
    return Lexicon(classes, maps, groupings, docs)


def _all_strings(entry: dict, where: str) -> list[str]:
    """Every word an entry holds, checked to be a string (a bare `on` or `12` in YAML is not)."""
    found: list[Any] = []
    if "words" in entry:
        found += _as_list(entry["words"], where)
    if "groups" in entry:
        for group in _as_list(entry["groups"], where):
            found += _as_list(group, where)
    if "map" in entry:
        if not isinstance(entry["map"], dict):
            raise LexiconError(f"{where}: 'map' must be a mapping")
        found += list(entry["map"])
        for value in entry["map"].values():
            found += _as_list(value, where) if isinstance(value, list) else []
    for word in found:
        if not isinstance(word, str) or not word:
            raise LexiconError(f"{where}: {word!r} is not a word (quote it in the YAML)")
    return found


def _as_list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list, got {value!r}")
    return value


def _class_words(name: str, data: dict, path: Path, seen: tuple[str, ...]) -> frozenset[str]:
    if name in seen:
        raise LexiconError(f"{path.name}: {name}: includes itself through {' -> '.join(seen)}")
    entry = data.get(name)
    if entry is None or not ("words" in entry or "include" in entry):
        raise LexiconError(f"{path.name}: {seen[-1]}: includes {name!r}, which is not a word class")
    words = set(entry.get("words", ()))
    for other in _as_list(entry.get("include", []), f"{path.name}: {name}"):
        words |= _class_words(other, data, path, (*seen, name))
    return frozenset(words)


#: The lexicon kg extracts with, read once per process.
LEXICON = load_lexicon()
