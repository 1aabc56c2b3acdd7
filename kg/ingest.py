"""Ingest: read news articles from files, folders, JSON(L), HTML pages or stdin into `Article`s.

Sources (`iter_articles`):
  * a file: by extension, `.txt`/`.text`/`.md`/no extension = plain text, `.html`/`.htm` = a web
    page (main text extracted with trafilatura), `.jsonl`/`.ndjson` = one JSON record a line,
    `.json` = one record, a list of records, or JSON lines. A file named explicitly with any
    other extension is read as plain text (the binary check still guards it);
  * a folder: walked recursively in sorted name order; hidden files and folders (".name") are
    skipped, and so, silently, are files whose extension is none of the above (a corpus folder
    often holds READMEs in other formats, images, archives); symlinked folders are not followed,
    and a link that cannot be followed (a loop, a link to nowhere) is reported;
  * a file that is no regular file (a FIFO, a device) is refused: reading it could block or never
    end ("-" reads stdin); a file name that is not UTF-8 is read under its name with the odd bytes
    escaped ("bad\\xff.txt", with a notice), which is then its source and id;
  * "-": stdin, one plain-text article, or JSON lines when its first non-blank line starts with "{".

HTML: a tag with more than `MAX_TAG_ATTRIBUTES` attributes, or longer than `MAX_TAG_CHARS`, loses
its attributes before the HTML parser sees it (`bounded_tags`), which would take minutes on one.

A JSON record has `text` (required, or else `html`, run through the HTML extraction) and optional
`id`, `url`, `title`, `date`. Its `source` field, if any, is not `Article.source` (that always says
where the record was read from, "path:LINE"); it is used as the url when it is an http(s) address
and no `url` is given.

Ids (`ID_FROM`, `kg build --id-from`), by default ("auto"): a JSON record's `id`, else its `url`,
else where it was read: the file's path below the folder named as a source, without its suffix
("a/story" for corpus/a/story.txt read as `corpus`; a file named itself is its stem), "-<line>"
after it for a record; stdin, which has no path, gives a hash of the text (`hash_id`). "url",
"path" and "stem" take the id from that alone, and an article that has none gets its "auto" id;
"hash" takes every id from the text. `IdRegistry` keeps ids apart: an id another input holds
(in this run, or in the store) is given to another text as "<id>@STEM-HASH8", a repeat in one
input as "<id>-2", ..., each with a notice naming both sources; the same id with the same text
is the same article, read once.

Problems: every input that cannot be used is reported once through `on_problem(Problem(source,
cause))` and skipped; the run goes on. Causes are short and lower-case ("empty", "binary file, not
text", "line 3: malformed JSON: expecting value", "not English (detected: French)", ...); for JSON
records the source is the file and the cause starts with "line N: ". A cause starting with
`NOTICE` ("notice: ") is not a failure: the input WAS used (e.g. "notice: not UTF-8: decoded as
cp1252"), so callers can count notices as warnings (`is_notice`).

Page furniture: `body_ranges` marks the article's own body in the text (see its docstring and
kg/data/furniture.toml); `Article.text` is never cut or cleaned, so offsets point into the text
as decoded. The one rewrite is the repair of mojibake (text decoded with the wrong encoding
before it reached kg, "MontrÃ©al"), with a notice; offsets then point into the repaired text,
which is what the graph stores as the article's text.
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import os
import re
import stat
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, TextIO, Union

from .records import Article, Problem
from .vocab import article_iri

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["MAX_CHARS", "NOTICE", "iter_articles", "input_files", "file_kind", "IdRegistry", "Claim", "capped_id",
           "MAX_ID_CHARS", "ID_FROM", "InputFile", "Source", "hash_id", "text_digest", "id_notice", "body_ranges",
           "detect_language", "is_notice"]

#: Default cap on one input's size, in characters.
MAX_CHARS = 5_000_000
#: Prefix of the cause of a problem that is only a notice: the input was still used.
NOTICE = "notice: "

_KINDS = {
    "": "text", ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}
_BINARY = "binary file, not text"
_SNIFF = 8192  # bytes/characters looked at to tell text from binary
_MAX_CONTROL_SHARE = 0.05  # more control characters than this and it is not text
_UTF_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf_32"), (b"\x00\x00\xfe\xff", "utf_32"),
    (b"\xff\xfe", "utf_16"), (b"\xfe\xff", "utf_16"),
)


def is_notice(problem: Problem) -> bool:
    """True when `problem` is only a notice (the input was used), not a skipped input."""
    return problem.cause.startswith(NOTICE)


def iter_articles(
    sources: Iterable[Source],
    on_problem: Callable[[Problem], None],
    *,
    stdin: TextIO | None = None,
    max_chars: int = MAX_CHARS,
    ids: IdRegistry | None = None,
    id_from: str = "auto",
) -> Iterator[Article]:
    """Yield the articles of `sources` one at a time; report each unusable input to `on_problem`.

    `sources` are file paths, folders or "-" (read `stdin`, default `sys.stdin`). Nothing is
    held beyond the article being read, so a corpus of any size streams through. Inputs over
    `max_chars` characters are skipped ("too large: ..."). See the module docstring for formats,
    ids and problem causes. `id_from` (one of `ID_FROM`) says where ids come from; `ids` makes
    them unique (by default a new `IdRegistry`); a caller that reads a corpus in parts and
    numbers repeats itself passes one that keeps ids as read.
    """
    if id_from not in ID_FROM:
        raise ValueError(f"id_from must be one of {', '.join(ID_FROM)}, not {id_from!r}")
    reader = _Reader(on_problem, max_chars, stdin if stdin is not None else sys.stdin, ids, id_from)
    for source in sources:
        yield from reader.read(source)


def input_files(sources: Iterable[Source], on_problem: Callable[[Problem], None]) -> Iterator[Source]:
    """The inputs `iter_articles(sources, ...)` reads, one at a time and in its order: each file of
    a folder (walked as it walks them) as an `InputFile`, anything else ("-", a file, a missing
    path) as given.

    `iter_articles` over these reads the same articles, with the same ids and problems, as over
    `sources` (only an unreadable folder, or a link in a folder that cannot be followed, is
    reported here instead). For callers that count or hand out the inputs: a progress total, a
    distributed build.
    """
    reader = _Reader(on_problem, MAX_CHARS, sys.stdin, None, "auto")
    for source in sources:
        if isinstance(source, str) and source != "-" and Path(source).is_dir():
            yield from (InputFile(str(file), source) for file in reader._walk(Path(source)))
        else:
            yield source


def file_kind(source: Source) -> str:
    """How `iter_articles` reads one input: "stdin" for "-", else "text", "html", "json" or "jsonl"."""
    if isinstance(source, InputFile):
        source = source.path
    return "stdin" if source == "-" else _kind(Path(source)) or "text"


def id_notice(source: str, line: int | None, note: str) -> Problem:
    """The notice of `IdRegistry.claim`'s `note` about the article read at `source` (a record:
    "path:LINE", reported as the file's "line LINE: ..." as every problem of a record is)."""
    if line is None:
        return Problem(source, NOTICE + note)
    return Problem(source.removesuffix(f":{line}"), f"{NOTICE}line {line}: {note}")


# --------------------------------------------------------------------------------------------
# Reading sources


class _Skip(Exception):
    """This input cannot be used; `cause` says why (a Problem cause)."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


class _Place(NamedTuple):
    """Where an article was read, as its "path" and "stem" ids: the file's path below the folder
    named as a source ("a/story") and its stem ("story"), without suffix; "-LINE" after each for
    a record (`at`). stdin has none."""

    path: str
    stem: str

    def at(self, line: int) -> _Place:
        return _Place(f"{self.path}-{line}", f"{self.stem}-{line}")


@dataclass(frozen=True)
class _Draft:
    """An article read but not yet checked (furniture, language) nor given its unique id."""

    text: str
    source: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    needs_prose: bool = False  # HTML: extraction can return menus; demand a real paragraph
    where: tuple[str, str] | None = None  # a JSON record's (file, "line N: "), for its notices
    line: int | None = None  # a JSON record's line
    given_id: str | None = None  # a JSON record's own `id`
    place: _Place | None = None  # None: read from stdin


@dataclass(frozen=True)
class InputFile:
    """A file of a folder named as a source (`input_files`), for `iter_articles` to read as it reads
    the folder: its id is its path below `root`, the folder."""

    path: str
    root: str


#: what `iter_articles` reads: a file, a folder or "-" (stdin), or a file of a folder.
Source = Union[str, InputFile]


#: an article id longer than this is cut, with a hash of the whole (`capped_id`).
MAX_ID_CHARS = 256
#: `Article.origin` of what is read from stdin.
STDIN_ORIGIN = "-"
#: how many hex digits of the text's SHA-256 a "hash" id keeps (`hash_id`): 64 bits.
HASH_ID_CHARS = 16
#: where article ids can come from (`kg build --id-from`); the first is the default.
ID_FROM = ("auto", "url", "path", "stem", "hash")


def capped_id(wanted: str) -> str:
    """`wanted`, or when longer than `MAX_ID_CHARS`, its start and a hash of the whole: two long
    ids stay apart, and the IRIs made of an id stay bounded (an id of 100,000 characters was in
    every IRI of its graph: 1 GB of memory, 270 MB on disk)."""
    if len(wanted) <= MAX_ID_CHARS:
        return wanted
    digest = hashlib.sha256(wanted.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{wanted[:MAX_ID_CHARS - len(digest) - 1]}-{digest}"


def origin_of(source: str) -> str:
    """The input an article's id belongs to: the file's resolved path (the same from any working
    directory), or `STDIN_ORIGIN`."""
    return STDIN_ORIGIN if source == "-" else str(Path(source).resolve())


def origin_tag(origin: str) -> str:
    """A short, stable name of an input for the ids of its articles: "STEM-HASH8"."""
    return f"{Path(origin).stem[:40]}-{hashlib.sha256(origin.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def text_digest(text: str) -> str:
    """SHA-256 (hex) of an article's text: what tells the same article from another one under
    one id (`IdRegistry`), and what "hash" ids are cut from (`hash_id`)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def hash_id(text: str) -> str:
    """The id `--id-from hash` gives, and stdin's by default: 16 hex digits of the text's SHA-256,
    the same for the same text wherever and whenever it is read."""
    return text_digest(text)[:HASH_ID_CHARS]


@dataclass(frozen=True)
class Claim:
    """What `IdRegistry.claim` decided: the article's id, or None for the same article (same id,
    same text) as one read before in this run, which is read once; and a note to report, if any."""

    id: str | None
    note: str | None = None
    owner: str | None = None  # the input an id already belongs to, kept as its owner: the same text read from elsewhere


@dataclass(frozen=True)
class _Holder:
    """An article that wants or holds an id: its input, the digest of its text, where it was read
    ("dir/a.txt", "feed.jsonl:3", "-") or, for a stored article, None."""

    origin: str | None
    digest: str | None
    source: str | None

    def shown(self) -> str:
        """How a note names it: "a/x.txt", "feed.jsonl:3", "stdin:3", "the stored article read from ..."."""
        from_stdin = self.origin == STDIN_ORIGIN
        if self.source is None:
            return f"the stored article read from {'stdin' if from_stdin else self.origin}"
        return "stdin" + self.source.removeprefix(STDIN_ORIGIN) if from_stdin else self.source


class IdRegistry:
    """Hands out article ids unique within one run, and says when it had to keep one apart.

    An id belongs to the input that first gave it, in the store (`owners`: article id ->
    `Article.origin` of its stored graph) or else in this run.  Another input's article under
    that id is the same article when its text is the same (`stored_digest(id)`: the
    `text_digest` of the stored text, or None), and otherwise is kept apart as "x@STEM-HASH8"
    (`origin_tag`), the same on every build whichever inputs it reads, so that rebuilding one of
    two files that share an id never replaces the other's article.  A stored owner whose file no
    longer exists was moved or renamed: the id goes with its articles.  Within the run, an id
    already given to another text becomes "x-2", "x-3", ..., and an article with the id and text
    of one given before is not given one (`Claim.id` None): it is read once.  Each decision that
    leaves an article without the id it wanted comes with a note naming both sources; so does
    an id read from stdin again with another text (stdin is one input: the stored article is
    replaced, as an edited file's is).  Without a `digest`, texts are not compared."""

    def __init__(self, owners: dict[str, str] | None = None,
                 stored_digest: Callable[[str], str | None] | None = None) -> None:
        self._owners: dict[str, str] = dict(owners or {})
        self._stored_digest = stored_digest or (lambda article_id: None)
        self._holders: dict[str, _Holder] = {}  # id given in this run -> the article it was given to
        self._first: dict[str, _Holder] = {}  # id wanted in this run -> the first article of an input that wanted it

    def claim(self, wanted: str, origin: str | None = None, *, digest: str | None = None,
              source: str | None = None) -> Claim:
        """The id of an article that wants `wanted`, read from `origin` (`origin_of`) at `source`,
        its text's `text_digest` being `digest`."""
        wanted = capped_id(wanted)
        me = _Holder(origin, digest, source)
        base, blocker = wanted, self._rival(wanted, me)
        owner = None
        if blocker is not None and (digest is None or blocker.digest != digest):
            base = capped_id(f"{wanted}@{origin_tag(origin or '')}")
        else:
            # the same text as the id's owner (another input): that article, which stays the
            # owner's, whether this build finds it unchanged or (after an interrupted build)
            # stores it again
            owner = blocker.origin if blocker is not None else None
            blocker = None
        candidate, number = base, 1
        while candidate in self._holders:
            holder = self._holders[candidate]
            if digest is not None and holder.digest == digest:
                return Claim(None, f'the same text as {holder.shown()}, under the same id "{candidate}": read once')
            blocker = blocker or holder
            number += 1
            candidate = f"{base}-{number}"
        self._holders[candidate] = me
        if origin is not None:
            self._first.setdefault(wanted, me)
        if blocker is not None:
            return Claim(candidate, f'id "{wanted}" is already that of {blocker.shown()}, another text: '
                                    f'kept apart as "{candidate}"')
        return Claim(candidate, self._replacing(candidate, me), owner)

    def _rival(self, wanted: str, me: _Holder) -> _Holder | None:
        """Another input's article under `wanted`: the stored one, if its file is still there (or it
        came from stdin), else the first one of this run."""
        if me.origin is None:
            return None
        owner = self._owners.get(wanted)
        if owner is not None and owner != me.origin and (owner == STDIN_ORIGIN or Path(owner).exists()):
            return _Holder(owner, self._stored_digest(wanted) if me.digest is not None else None, None)
        first = self._first.get(wanted)
        return first if first is not None and first.origin != me.origin and owner != me.origin else None

    def _replacing(self, article_id: str, me: _Holder) -> str | None:
        """The note for stdin giving again, with another text, an id its stored article has."""
        if me.origin != STDIN_ORIGIN or me.digest is None or self._owners.get(article_id) != STDIN_ORIGIN:
            return None
        stored = self._stored_digest(article_id)
        if stored is None or stored == me.digest:
            return None
        return (f'id "{article_id}" is already that of {_Holder(STDIN_ORIGIN, stored, None).shown()}, another text: '
                f"replaced (stdin is one input, and an id it gives again is that article edited)")


class _Reader:
    """Reads sources into articles for one run, reporting problems and keeping ids unique."""

    def __init__(self, on_problem: Callable[[Problem], None], max_chars: int, stdin: TextIO,
                 ids: IdRegistry | None, id_from: str) -> None:
        self._on_problem = on_problem
        self._max_chars = max_chars
        self._stdin = stdin
        self._ids = ids if ids is not None else IdRegistry()
        self._id_from = id_from

    def read(self, source: Source) -> Iterator[Article]:
        """Articles of one source: stdin, a folder (recursively) or a file."""
        if isinstance(source, InputFile):
            yield from self._read_file(Path(source.path), Path(source.root))
            return
        if source == "-":
            yield from self._read_stdin()
            return
        path = Path(source)
        if path.is_dir():
            for file in self._walk(path):
                yield from self._read_file(file, path)
        elif path.exists() or path.is_symlink():  # a link that leads nowhere is reported as such
            yield from self._read_file(path, path.parent)
        else:
            self._problem(shown_path(source), "no such file or folder")

    def _problem(self, source: str, cause: str) -> None:
        self._on_problem(Problem(source, cause))

    def _walk(self, folder: Path) -> Iterator[Path]:
        """Files of known kinds under `folder`, in sorted order, hidden entries skipped; a link that
        cannot be followed (a loop, a link to nowhere) among them is reported, and the walk goes on."""
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as err:
            self._problem(shown_path(folder), _os_cause(err))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    yield from self._walk(Path(entry.path))
                elif _kind(Path(entry.name)) is None:
                    continue
                elif entry.is_symlink() and not os.path.exists(entry.path):
                    os.stat(entry.path)  # raises why: a loop of links, or nothing at the other end
                elif entry.is_file():
                    yield Path(entry.path)
            except OSError as err:
                self._problem(shown_path(entry.path), _os_cause(err))

    def _read_file(self, path: Path, root: Path) -> Iterator[Article]:
        """Articles of one file, read as part of the folder `root` (a file named as a source: its
        own folder); a whole-file problem is reported with the file as source. A file name that
        is not UTF-8 is read under its name with the odd bytes escaped ("bad\\xff.txt"), with a
        notice: that name is the source and the id everywhere kg shows or stores them."""
        kind = _kind(path) or "text"
        name = shown_path(path)
        if name != str(path):
            self._problem(name, f"{NOTICE}file name is not UTF-8: its odd bytes are escaped (\\xNN) in the article id")
        below = Path(shown_path(os.path.relpath(path, root)))
        place = _Place((below.parent / below.stem).as_posix(), Path(name).stem)
        try:
            _check_regular(path)
            if kind == "jsonl":
                yield from self._read_json_lines(path, name, place)
            elif kind == "json":
                yield from self._read_json(path, name, place)
            else:
                text = self._load_text(path, name)
                draft = _html_draft(text, name) if kind == "html" else _Draft(text, name)
                yield from self._emit(replace(draft, place=place))
        except _Skip as skip:
            self._problem(name, skip.cause)
        except OSError as err:
            self._problem(name, _os_cause(err))

    def _load_text(self, path: Path, name: str) -> str:
        """The decoded text of a whole file, within the size cap; a non-UTF-8 file gets a notice."""
        size = path.stat().st_size
        if size > 4 * self._max_chars:  # UTF-8 needs at most 4 bytes a character
            raise _Skip(f"too large: over {self._max_chars} characters ({size} bytes)")
        text, encoding = _decode(path.read_bytes())
        self._check_size(text)
        if encoding:
            self._problem(name, f"{NOTICE}not UTF-8: decoded as {encoding}")
        return text

    def _check_size(self, text: str) -> None:
        if len(text) > self._max_chars:
            raise _Skip(f"too large: {len(text)} characters")

    def _read_stdin(self) -> Iterator[Article]:
        """stdin: JSON lines if its first non-blank line starts with "{", else one article.

        A real stdin is read as bytes (its `buffer`), so that text in another encoding is
        decoded like a file's; a text-only stream (io.StringIO) is taken as it is.
        """
        stream: IO[Any] = getattr(self._stdin, "buffer", None) or self._stdin
        try:
            head = [stream.readline()]
            while head[-1] and not head[-1].strip():
                head.append(stream.readline())
            if head[-1].lstrip()[:1] in ("{", b"{"):
                lines = chain(head, iter(stream.readline, head[0][:0]))
                yield from self._json_lines("-", None, enumerate(lines, 1))
                return
            text = self._stdin_text(head[0][:0].join(head) + stream.read())
            yield from self._emit(_Draft(text, "-"))
        except _Skip as skip:
            self._problem("-", skip.cause)
        except (OSError, UnicodeDecodeError) as err:
            self._problem("-", f"cannot read: {str(err).lower()}")

    def _stdin_text(self, data: str | bytes) -> str:
        """The checked text of stdin's content; bytes not in UTF-8 get a notice."""
        if isinstance(data, str):
            text = _no_surrogates(data)
            _check_text(text)
        else:
            text, encoding = _decode(data)
            if encoding:
                self._problem("-", f"{NOTICE}not UTF-8: decoded as {encoding}")
        self._check_size(text)
        return text

    def _read_json_lines(self, path: Path, name: str, place: _Place) -> Iterator[Article]:
        """A JSON-lines file, streamed line by line."""
        with path.open("rb") as handle:
            yield from self._json_lines(name, place, enumerate(handle, 1))

    def _read_json(self, path: Path, name: str, place: _Place) -> Iterator[Article]:
        """A .json file: one record, a list of records, or JSON lines."""
        text = self._load_text(path, name)
        records = _json_document(text)
        if records is None:
            yield from self._json_lines(name, place, enumerate(text.splitlines(), 1))
            return
        for line, value in records:
            yield from self._record(name, place, line, value)

    def _json_lines(
        self, source: str, place: _Place | None, numbered: Iterable[tuple[int, str | bytes]]
    ) -> Iterator[Article]:
        """Records of JSON lines; a bad line is reported ("line N: ...") and skipped."""
        seen = False
        for number, raw in numbered:
            if not raw.strip():
                continue
            seen = True
            try:
                value = json.loads(self._json_line_text(source, number, raw))
            except _Skip as skip:
                self._problem(source, f"line {number}: {skip.cause}")
                continue
            except json.JSONDecodeError as err:
                self._problem(source, f"line {number}: malformed JSON: {_json_error(err)}")
                continue
            yield from self._record(source, place, number, value)
        if not seen:
            self._problem(source, "empty")

    def _json_line_text(self, source: str, number: int, raw: str | bytes) -> str:
        """One JSON line as text; bytes that are not UTF-8 are decoded anyway, with a notice."""
        if isinstance(raw, str):
            return raw
        if not raw.rstrip().endswith(b"}"):  # cannot be a whole record (e.g. a half-written last line):
            return raw.decode("utf-8", "replace")  # the JSON error says so; a decoding notice would be noise
        text, encoding = _decode(raw)
        if encoding:
            self._problem(source, f"{NOTICE}line {number}: not UTF-8: decoded as {encoding}")
        return text

    def _record(self, source: str, place: _Place | None, line: int, value: Any) -> Iterator[Article]:
        """The article of one JSON record; its problems are reported as "line N: ..."."""
        try:
            draft = self._record_draft(_no_surrogates(value), f"{source}:{line}")
            yield from self._emit(replace(draft, where=(source, f"line {line}: "), line=line,
                                          place=place.at(line) if place is not None else None))
        except _Skip as skip:
            self._problem(source, f"line {line}: {skip.cause}")

    def _record_draft(self, value: Any, source: str) -> _Draft:
        """A draft from a JSON record, checking its `text` (or `html`) field."""
        if not isinstance(value, dict):
            raise _Skip("not a JSON object")
        text, html = value.get("text"), value.get("html")
        if text is None and html is None:
            raise _Skip("no 'text' field")
        body = text if text is not None else html
        if not isinstance(body, str):
            raise _Skip(f"'{'text' if text is not None else 'html'}' is not a string")
        _check_text(body)
        self._check_size(body)
        record_id = value.get("id")
        usable_id = isinstance(record_id, (str, int)) and not isinstance(record_id, bool)
        draft = _html_draft(body, source) if text is None else _Draft(body, source)
        return _Draft(
            given_id=(str(record_id).strip() or None) if usable_id else None,
            text=draft.text,
            source=source,
            title=_str_or_none(value.get("title")) or draft.title,
            date=_iso_date(value.get("date")) or draft.date,
            url=_str_or_none(value.get("url")) or _http_url(value.get("source")) or draft.url,
            needs_prose=draft.needs_prose,
        )

    def _emit(self, draft: _Draft) -> Iterator[Article]:
        """The finished article of a draft, or `_Skip` when it has no body or is not English;
        text that was decoded with the wrong encoding somewhere upstream ("MontrÃ©al") is
        repaired first, with a notice."""
        repaired = _repair_mojibake(draft.text)
        if repaired != draft.text:
            source, line = draft.where or (draft.source, "")
            self._problem(source, f"{NOTICE}{line}mojibake repaired (text decoded with the wrong encoding upstream)")
            draft = replace(draft, text=repaired)
        layout = _analyse(draft.text)
        if not layout.ranges or (draft.needs_prose and not layout.has_prose):
            raise _Skip("no article text found")
        language = detect_language(_body_sample(draft.text, layout.ranges))
        if language is not None and language != "English":
            raise _Skip(f"not English (detected: {language})")
        origin = origin_of(draft.where[0] if draft.where else draft.source)
        claim = self._ids.claim(self._wanted_id(draft), origin, digest=text_digest(draft.text), source=draft.source)
        if claim.note is not None:
            self._on_problem(id_notice(draft.source, draft.line, claim.note))
        if claim.id is None:
            return
        yield Article(
            id=claim.id,
            iri=article_iri(claim.id),
            text=draft.text,
            title=draft.title or layout.title,
            date=draft.date,
            url=draft.url,
            source=draft.source,
            body=layout.ranges,
            origin=claim.owner or origin,
            line=draft.line,
        )

    def _wanted_id(self, draft: _Draft) -> str:
        """The id `draft` asks for under `--id-from` (see the module docstring): "hash" always the
        text's; "url", "path" and "stem" that, when the draft has it; else, and for "auto", its
        record's id, its record's url, the path it was read from, or (stdin) the text's hash."""
        if self._id_from == "hash":
            return hash_id(draft.text)
        place = draft.place
        chosen = {"url": draft.url, "path": place and place.path, "stem": place and place.stem}.get(self._id_from)
        return (chosen or draft.given_id or (draft.url if draft.where is not None else None)
                or (place.path if place is not None else None) or hash_id(draft.text))


def _repair_mojibake(text: str) -> str:
    """`text` with mojibake undone ("MontrÃ©al" -> "Montréal", "itâ€™s" -> "it’s"), by ftfy's
    `fix_encoding`, which changes nothing else (quotes, entities and line breaks stay as read);
    only called where ftfy's detector sees the marks of it, so clean text costs one scan."""
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    return fix_encoding(text) if is_bad(text) else text


def shown_path(path: str | os.PathLike[str]) -> str:
    """`path` as text that can be printed and stored: bytes of a file name that are not UTF-8
    (which Python keeps as lone surrogates, and no writer, IRI or store accepts) escaped as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _check_regular(path: Path) -> None:
    """Raise `_Skip` unless `path` is a regular file: a FIFO or a device named as an input would
    block the build (a FIFO without a writer never ends) or never end (/dev/zero); stdin is "-"."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise _Skip(f"not a regular file ({kind}): give - to read from stdin")


def _kind(path: Path) -> str | None:
    """The format of a file from its extension, None when unknown."""
    return _KINDS.get(path.suffix.lower())


def _os_cause(err: OSError) -> str:
    reason = (err.strerror or err.__class__.__name__).lower()
    return f"cannot read: {reason}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(value: Any) -> Any:
    """`value` (a string, or a JSON record's fields) with each lone UTF-16 surrogate made U+FFFD.

    JSON may escape half a character ("\\ud83d": an emoji cut short), which `json.loads` keeps as
    a lone surrogate that no UTF-8 writer accepts: spaCy's tokenizer, RDF serialisers and the store
    all raise on it.  One character for one, so offsets into the text are unchanged.
    """
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {key: _no_surrogates(item) for key, item in value.items()}
    return value


def _json_error(err: json.JSONDecodeError) -> str:
    """What is wrong with a JSON text, and where on its line ("invalid control character at
    column 25", "expecting value (column 1)"): the decoder's message alone may end on "at"."""
    message = _lower_first(err.msg.rstrip())
    return f"{message} column {err.colno}" if message.endswith(" at") else f"{message} (column {err.colno})"


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:]


def _str_or_none(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _http_url(value: Any) -> str | None:
    text = _str_or_none(value)
    return text if text and re.match(r"https?://", text) else None


# --------------------------------------------------------------------------------------------
# Decoding


def _decode(data: bytes) -> tuple[str, str | None]:
    """Bytes to text, and the encoding used when it was not UTF-8 (None for UTF-8).

    A UTF-16/32 byte-order mark decides first; then UTF-8 (with or without BOM); then
    charset-normalizer's best guess. Raises `_Skip` for empty and binary input.
    """
    if not data.strip():
        raise _Skip("empty")
    text, encoding = _decode_bom(data)
    if text is None:
        if b"\x00" in data[:_SNIFF]:
            raise _Skip(_BINARY)
        try:
            text, encoding = data.decode("utf-8-sig"), None
        except UnicodeDecodeError as err:
            if _cut_short_utf8(data, err):
                text, encoding = data[:err.start].decode("utf-8-sig"), None
            else:
                text, encoding = _guess_decode(data)
    _check_text(text)
    return text, encoding


def _cut_short_utf8(data: bytes, err: UnicodeDecodeError) -> bool:
    """Whether `data` is UTF-8 cut short in the middle of its last character (a half-written
    file or line): only the end is incomplete, and what comes before holds UTF-8 multibyte
    characters (so it is not a legacy single-byte text that merely ends in an accented letter).
    Without this, charset-normalizer guesses another encoding and garbles every accent."""
    return err.reason == "unexpected end of data" and not data[:err.start].isascii()


def _decode_bom(data: bytes) -> tuple[str | None, str | None]:
    """Text of UTF-16/32 data marked by a byte-order mark, else (None, None)."""
    for bom, encoding in _UTF_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise _Skip(_BINARY) from None
    return None, None


def _guess_decode(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes with charset-normalizer.

    Single-byte Western encodings often tie (cp1250 and cp1252 read plain English equally well);
    ties go to cp1252, the web's default legacy encoding (WHATWG reads "latin-1" as cp1252).
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise _Skip(_BINARY)
    for match in matches:
        tied = match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.01
        if tied and "cp1252" in match.could_be_from_charset:
            return str(match), "cp1252"
    return str(best), best.encoding


def _check_text(text: str) -> None:
    """Raise `_Skip` unless `text` is non-blank text (few control characters)."""
    if not text.strip():
        raise _Skip("empty")
    sample = text[:_SNIFF]
    control = len(_CONTROL.findall(sample))
    if control > _MAX_CONTROL_SHARE * len(sample):
        raise _Skip(_BINARY)


#: Characters that do not occur in text: control characters (Unicode category Cc) but the white
#: space ones, lone surrogates (Cs), private-use characters (Co) and the replacement character.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                      "\U000f0000-\U000ffffd\U00100000-\U0010fffd\ufffd]")


# --------------------------------------------------------------------------------------------
# JSON


def _json_document(text: str) -> list[tuple[int, Any]] | None:
    """The records of a JSON document with their line numbers; None when it is JSON lines.

    One object gives one record, a list gives one per item. A document that does not parse as
    one value but whose first line is a whole object is taken for JSON lines.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data" or _first_line_is_object(text):
            return None
        raise _Skip(f"line {err.lineno}: malformed JSON: {_json_error(err)}") from None
    first = _first_content_line(text)
    if isinstance(value, list):
        return list(zip(_list_item_lines(text, first), value))
    return [(first, value)]


def _first_content_line(text: str) -> int:
    stripped = text.lstrip()
    return text.count("\n", 0, len(text) - len(stripped)) + 1


def _first_line_is_object(text: str) -> bool:
    line = text.lstrip().split("\n", 1)[0].strip()
    return line.startswith("{") and line.endswith("}")


def _list_item_lines(text: str, line: int) -> list[int]:
    """Line on which each item of the (valid) top-level JSON list in `text` starts."""
    decoder = json.JSONDecoder()
    gap = re.compile(r"[\s,]*")
    pos = text.index("[") + 1  # `line` is the line of this "["
    last, lines = pos, []
    while True:
        pos = gap.match(text, pos).end()  # type: ignore[union-attr]  # always matches
        if pos >= len(text) or text[pos] == "]":
            return lines
        line += text.count("\n", last, pos)
        lines.append(line)
        _, end = decoder.raw_decode(text, pos)
        line += text.count("\n", pos, end)
        last = pos = end


# --------------------------------------------------------------------------------------------
# HTML


def _html_draft(html: str, source: str) -> _Draft:
    """A draft from a web page: trafilatura's main text, title, date and canonical url.

    Precision is favoured and comments left out: a missed paragraph costs less than a menu or
    a reader's comment mined as if the newspaper had said it. The date is looked for in the
    page's markup only (no guessing from its text).
    """
    import trafilatura  # slow to import; only HTML inputs need it

    document = trafilatura.bare_extraction(
        bounded_tags(html),
        output_format="python",  # in 2.3.1 "txt" leaves `.text` unset; this `.text` is extract()'s txt
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": date.today().isoformat(),
        },
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise _Skip("no article text found")
    return _Draft(
        text=text,
        source=source,
        title=_str_or_none(document.title),
        date=_iso_date(document.date),
        url=_http_url(document.url),
        needs_prose=True,
    )


#: The most attributes a tag keeps: lxml's parser checks each new attribute against those before
#: it, so a tag with 300,000 attributes (4.9 MB, under the size cap) took longer than 5 minutes;
#: real pages stay far below (a few dozen at most).
MAX_TAG_ATTRIBUTES = 256
#: The longest tag kept whole, in characters (an inline image or a JSON blob in an attribute can
#: be long; past this, a tag's attributes cost more than any page's markup is worth).
MAX_TAG_CHARS = 100_000
#: A start tag: its name and what follows it up to the next ">" (no "<" inside, so every
#: character is scanned by at most one match attempt: linear in the page).
_START_TAG = re.compile(r"<([A-Za-z][^\s/<>]*)([^<>]*)>")
_ATTRIBUTE = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]*))?""")


def bounded_tags(html: str) -> str:
    """`html` with the attributes of every tag that has more than `MAX_TAG_ATTRIBUTES` of them, or
    is longer than `MAX_TAG_CHARS`, dropped (`<div a0=1 a1=1 ...>` becomes `<div>`): one linear
    pass, so that no single tag can make the HTML parser's work quadratic."""
    return _START_TAG.sub(_bounded_tag, html)


def _bounded_tag(match: re.Match[str]) -> str:
    tag, attributes = match.group(0), match.group(2)
    if len(tag) > MAX_TAG_CHARS or _too_many_attributes(attributes):
        return f"<{match.group(1)}>"
    return tag


def _too_many_attributes(attributes: str) -> bool:
    """Whether `attributes` (a start tag's text after its name) holds more than `MAX_TAG_ATTRIBUTES`."""
    if len(attributes) < 2 * MAX_TAG_ATTRIBUTES:  # each attribute takes a space and a letter at least
        return False
    return any(n > MAX_TAG_ATTRIBUTES for n, _ in enumerate(_ATTRIBUTE.finditer(attributes), 1))


# --------------------------------------------------------------------------------------------
# Dates

_ISO_DATE = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")
_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y%m%d")


def _iso_date(value: Any) -> str | None:
    """`value` as an ISO date YYYY-MM-DD, or None when it is not a date we can read.

    Takes ISO dates and datetimes (the date part as written), "2023/05/14", RFC 2822 dates,
    "14 May 2023", "May 14, 2023" and Unix timestamps (seconds or milliseconds, UTC).
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return _timestamp_date(value)
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_DATE.match(value)
    if match:
        return _valid_date(*(int(part) for part in match.groups()))
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return None


def _valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _timestamp_date(value: float) -> str | None:
    seconds = value / 1000 if value > 1e11 else value
    try:
        return datetime.fromtimestamp(seconds, timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


# --------------------------------------------------------------------------------------------
# Language

#: Languages the detector chooses among: the most used languages of the world's news, plus
#: those of the demo corpus's region. Fewer languages make detection faster and surer.
_LANGUAGES = (
    "ENGLISH", "FRENCH", "GERMAN", "SPANISH", "PORTUGUESE", "ITALIAN", "DUTCH", "RUSSIAN",
    "UKRAINIAN", "POLISH", "TURKISH", "ARABIC", "PERSIAN", "URDU", "HINDI", "BENGALI",
    "CHINESE", "JAPANESE", "KOREAN", "INDONESIAN", "VIETNAMESE", "SWEDISH", "DANISH", "BOKMAL",
    "FINNISH", "CZECH", "ROMANIAN", "HUNGARIAN", "GREEK", "HEBREW", "ARMENIAN", "AZERBAIJANI",
    "GEORGIAN",
)
_LANGUAGE_SAMPLE = 1500  # characters of body text the decision is made on (lingua: 2.3 ms, against 5.2 ms for 3,000)
_MIN_LANGUAGE_UNITS = 20  # fewer words than this: too short to judge, taken as English
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")  # CJK, Thai


@lru_cache(maxsize=1)
def _language_detector() -> LanguageDetector:
    """lingua's detector, built once on first use.

    Low-accuracy mode (trigram models only) answers the same on paragraph-length text, loads
    in about 0.2 s and uses about 45 MB, against about 530 MB for the high-accuracy models.
    """
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """The language of `text` ("English", "French", ...), or None when too short or unsure.

    Only the first few thousand characters are read. Words are runs of letters; in scripts
    written without spaces (Chinese, Japanese, Thai) each character counts as a word.
    """
    sample = text[:_LANGUAGE_SAMPLE]
    units = len(_LETTER_RUN.findall(sample)) + len(_UNSPACED.findall(sample))
    if units < _MIN_LANGUAGE_UNITS:
        return None
    language = _language_detector().detect_language_of(sample)
    return language.name.title() if language is not None else None


def _body_sample(text: str, ranges: tuple[tuple[int, int], ...]) -> str:
    """The start of the body text: what the language is decided on."""
    parts, size = [], 0
    for start, end in ranges:
        parts.append(text[start:end])
        size += end - start
        if size >= _LANGUAGE_SAMPLE:
            break
    return "\n".join(parts)


# --------------------------------------------------------------------------------------------
# Page furniture
#
# Layout rules (the cue phrases are data, in kg/data/furniture.toml):
#   1. a line matching a `line` cue is dropped wherever it is;
#   2. an `end_of_article` cue cuts the rest of the page when the layout agrees: at least
#      _TAIL_SHARE of the prose comes before it (_STRONG_TAIL_SHARE for `strong` cues, which
#      open a comment section), or what follows (up to the next cut) is mostly headline/teaser
#      fragments. Cues are tried from the last one back, so "0 comments ... Leave a Reply ...
#      You May Also Like" cuts at the first of them;
#   3. an end cue that does not cut drops its own line and, below the first paragraph, the
#      headline-like lines right after it (an inline "Related" box);
#   4. above the first paragraph (the header): header cues, lines repeated further down the
#      header (a breadcrumb repeating the title) and short lines (site, section, date, byline:
#      at most _SITE_MAX_WORDS words, unless right above the body) are dropped; the remaining
#      heading is kept, as body and as the title;
#   5. short non-sentence lines at the very end of the body (a signature, an agency credit) go.
# A "fragment" is a line with no sentence-final punctuation and at most _FRAGMENT_MAX_WORDS
# words (a headline, a button, a name), or a teaser cut off by an ellipsis.

_FRAGMENT_MAX_WORDS = 16
_SITE_MAX_WORDS = 4
_HEADLINE_MIN_WORDS = 3  # a header line this long right above the body is kept as the headline
_SIGNATURE_MAX_WORDS = 5
_MIN_PROSE_WORDS = 6  # an HTML page's body needs one sentence of at least this many words
_TAIL_SHARE = 0.75
_STRONG_TAIL_SHARE = 0.25  # comment-section cues: a reader thread may outgrow the article
_FURNITURE_SHARE = 0.6

_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = re.compile(rf"[.!?][{re.escape(_CLOSERS)}]*$")
_ELLIPSIS_END = re.compile(rf"(?:…|\.\.\.)[{re.escape(_CLOSERS)}]*$")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_LEADING_JUNK = re.compile(r"^(?:[^\w©]|_)+")
#: Punctuation, digits and counts at a line's start (`_without_edge_junk` strips them at both ends).
_EDGE_JUNK = re.compile(r"(?:[^\w©]|[\d_])+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_CUE_BOUNDARY = r"(?![\w\-'])"


def _fold(text: str) -> str:
    """Lower case, straight quotes, single spaces: the form lines and cues are compared in."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return " ".join(folded.split())


@dataclass(frozen=True)
class _Line:
    """One non-blank line of a text, with what the furniture rules look at."""

    start: int  # offset of its first non-space character
    end: int  # offset after its last non-space character
    text: str
    folded: str  # _fold(text)
    head: str  # folded, leading bullets/punctuation removed: what prefix cues match
    norm: str  # folded, leading/trailing punctuation and counts removed: what exact cues match
    words: int
    sentence: bool  # ends with . ! ? (not an ellipsis)
    teaser: bool  # ends with an ellipsis

    @property
    def fragment(self) -> bool:
        return self.teaser or (not self.sentence and self.words <= _FRAGMENT_MAX_WORDS)

    @property
    def prose_chars(self) -> int:
        return 0 if self.fragment else len(self.text)


def _split_lines(text: str) -> list[_Line]:
    """The non-blank lines of `text`, with offsets into it."""
    lines = []
    for match in re.finditer(r"[^\n\r]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + len(raw) - len(raw.lstrip())
        folded = _fold(stripped)
        teaser = bool(_ELLIPSIS_END.search(stripped))
        lines.append(_Line(
            start=start,
            end=start + len(stripped),
            text=stripped,
            folded=folded,
            head=_LEADING_JUNK.sub("", folded),
            norm=_without_edge_junk(folded),
            words=len(_WORD.findall(stripped)),
            sentence=not teaser and bool(_SENTENCE_END.search(stripped)),
            teaser=teaser,
        ))
    return lines


@dataclass(frozen=True)
class _CueSet:
    """The cues of one kind (see kg/data/furniture.toml for how each list matches)."""

    max_words: int
    exact: frozenset[str]
    strong: frozenset[str]  # end cues that open a comment section (exact match)
    prefix: re.Pattern[str] | None
    lead: re.Pattern[str] | None
    contains: re.Pattern[str] | None

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> _CueSet:
        return cls(
            max_words=int(table.get("max_words", 12)),
            exact=_exact_set(table.get("exact", [])) | _exact_set(table.get("strong", [])),
            strong=_exact_set(table.get("strong", [])),
            prefix=_cue_pattern(table.get("prefix", []), "^"),
            lead=_cue_pattern(table.get("lead", []), "^"),
            contains=_cue_pattern(table.get("contains", []), r"(?<!\w)"),
        )

    def matches(self, line: _Line) -> bool:
        if line.norm and line.norm in self.exact:
            return True
        if line.words > self.max_words:
            return False
        if self.lead and self.lead.match(line.head):
            return True
        if self.contains and self.contains.search(line.folded):
            return True
        return bool(self.prefix and not line.sentence and self.prefix.match(line.head))


def _exact_set(cues: list[str]) -> frozenset[str]:
    return frozenset(_without_edge_junk(_fold(cue)) for cue in cues)


def _without_edge_junk(text: str) -> str:
    """`text` without the punctuation, digits and counts at its start and end, in linear time: a
    regex for the end ("...+$") tries each position again, and a line of 20,000 ")" between
    two letters took 10 s (a page of them, minutes). The end is stripped as the reversed start."""
    start = _EDGE_JUNK.match(text)
    text = text[start.end():] if start else text
    end = _EDGE_JUNK.match(text[::-1])
    return text[:len(text) - end.end()] if end else text


def _cue_pattern(cues: list[str], anchor: str) -> re.Pattern[str] | None:
    """One regex for a list of cues; a cue ending in a letter must end a word."""
    if not cues:
        return None
    parts = []
    for cue in sorted({_fold(cue) for cue in cues}, key=len, reverse=True):
        boundary = _CUE_BOUNDARY if cue[-1].isalnum() else ""
        parts.append(re.escape(cue) + boundary)
    return re.compile(anchor + "(?:" + "|".join(parts) + ")")


@dataclass(frozen=True)
class _Cues:
    end: _CueSet
    line: _CueSet
    header: _CueSet


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    """The cue table kg/data/furniture.toml, loaded once."""
    data = tomllib.loads(resources.files("kg").joinpath("data/furniture.toml").read_text("utf-8"))
    return _Cues(
        end=_CueSet.from_table(data["end_of_article"]),
        line=_CueSet.from_table(data["line"]),
        header=_CueSet.from_table(data["header"]),
    )


@dataclass(frozen=True)
class _Layout:
    ranges: tuple[tuple[int, int], ...]
    title: str | None
    has_prose: bool


def body_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of `text` that are the article's own body, in order.

    Everything else is page furniture: site and section names, bylines, captions, ads,
    share/newsletter boxes, related-article lists, comments. An empty tuple means no body was
    found (note that `Article.body == ()` means "all body"; ingest skips such texts instead).
    The rules are listed above `_FRAGMENT_MAX_WORDS` in kg/ingest.py; the cue phrases are in
    kg/data/furniture.toml.
    """
    return _analyse(text).ranges


def _analyse(text: str) -> _Layout:
    """Apply the furniture rules to `text`: its body ranges, its title line, whether it has prose."""
    lines = _split_lines(text)
    cues = _cues()
    keep = [not cues.line.matches(line) for line in lines]
    ends = [i for i, line in enumerate(lines) if keep[i] and cues.end.matches(line)]
    first_prose = _first_prose(lines, keep, set(ends))
    cut = _cut_point(lines, keep, ends, cues.end.strong)
    keep[cut:] = [False] * (len(lines) - cut)
    for i in ends:
        if i < cut:
            _drop_block(lines, keep, i, first_prose)
    title = _clean_header(lines, keep, first_prose, cues.header)
    _drop_signature(lines, keep)
    kept = [line for line, k in zip(lines, keep) if k]
    return _Layout(
        ranges=_merge(lines, keep),
        title=title,
        has_prose=any(not line.fragment and line.words >= _MIN_PROSE_WORDS for line in kept),
    )


def _first_prose(lines: list[_Line], keep: list[bool], ends: set[int]) -> int:
    """Index of the first kept paragraph (not a fragment, not a cue); 0 when there is none."""
    for i, line in enumerate(lines):
        if keep[i] and i not in ends and not line.fragment:
            return i
    return 0


def _cut_point(lines: list[_Line], keep: list[bool], ends: list[int], strong: frozenset[str]) -> int:
    """Index of the line from which the rest of the page is furniture (len(lines): none)."""
    cut = len(lines)
    for i in reversed(ends):
        share = _STRONG_TAIL_SHARE if lines[i].norm in strong else _TAIL_SHARE
        if _ends_article(lines, keep, i, cut, share):
            cut = i
    return cut


def _ends_article(lines: list[_Line], keep: list[bool], cue: int, stop: int, share: float) -> bool:
    """Whether the end cue at `cue` ends the article, given that `stop` onwards is furniture.

    Yes when at least `share` of the prose comes before it, or when the lines between it and
    `stop` are mostly fragments (headlines, teasers); never when no prose comes before it.
    """
    before = sum(line.prose_chars for line, k in zip(lines[:cue], keep) if k)
    if before == 0:
        return False
    after = [line for line, k in zip(lines[cue + 1:stop], keep[cue + 1:stop]) if k]
    after_prose = sum(line.prose_chars for line in after)
    if before >= share * (before + after_prose):
        return True
    after_chars = sum(len(line.text) for line in after)
    return after_prose <= (1 - _FURNITURE_SHARE) * after_chars


def _drop_block(lines: list[_Line], keep: list[bool], cue: int, first_prose: int) -> None:
    """Drop an end cue that did not cut, and below the first paragraph the fragments after it."""
    keep[cue] = False
    if cue < first_prose:
        return
    i = cue + 1
    while i < len(lines) and (lines[i].fragment or not keep[i]):
        keep[i] = False
        i += 1


def _clean_header(lines: list[_Line], keep: list[bool], first_prose: int, header: _CueSet) -> str | None:
    """Drop the furniture above the first paragraph; return the heading kept there, if any.

    Header cues (bylines, datelines) and lines repeated lower in the header (a breadcrumb or
    slug repeating the headline) go first. Then short lines (site, section) go, except the one
    right above the body when it has a few words: that is where a short headline sits.
    """
    zone = [i for i in range(first_prose) if keep[i]]
    for n, i in enumerate(zone):
        line = lines[i]
        if header.matches(line) or any(lines[j].norm == line.norm for j in zone[n + 1:]):
            keep[i] = False
    zone = [i for i in zone if keep[i]]
    for n, i in enumerate(zone):
        line = lines[i]
        headline = n == len(zone) - 1 and line.words >= _HEADLINE_MIN_WORDS
        if line.words <= _SITE_MAX_WORDS and not headline:
            keep[i] = False
    return next((lines[i].text for i in zone if keep[i]), None)


def _drop_signature(lines: list[_Line], keep: list[bool]) -> None:
    """Drop short non-sentence lines ending the body (signature, credit), if prose precedes them."""
    kept = [i for i in range(len(lines)) if keep[i]]
    if not any(not lines[i].fragment for i in kept):
        return
    for i in reversed(kept):
        line = lines[i]
        if not (line.fragment and not line.teaser and line.words <= _SIGNATURE_MAX_WORDS):
            return
        keep[i] = False


def _merge(lines: list[_Line], keep: list[bool]) -> tuple[tuple[int, int], ...]:
    """Ranges covering runs of kept lines (blank lines between kept lines stay inside a range)."""
    ranges: list[tuple[int, int]] = []
    previous_kept = False
    for line, k in zip(lines, keep):
        if k and previous_kept:
            ranges[-1] = (ranges[-1][0], line.end)
        elif k:
            ranges.append((line.start, line.end))
        previous_kept = k
    return tuple(ranges)
