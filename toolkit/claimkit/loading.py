"""Reading document files: bytes to a :class:`DocumentFile`, or coded issues (F, S) saying why not.

Every command that reads the corpus goes through here, so a bad file gets the same coded issue
whether it was met by ``validate``, ``release`` or ``agree``.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import jiter
from pydantic import ValidationError

from claimkit.codes import Scope, declare
from claimkit.issues import Issue, Severity
from claimkit.locate import TextIndex, duplicate_keys, has_duplicate_keys
from claimkit.model import DocumentFile
from claimkit.rules.document import DUPLICATE_DOCUMENT_ID
from claimkit.structure import structure_issues

__all__ = [
    "Loaded",
    "add_lines",
    "encoding_hint",
    "find_document_files",
    "first_document_file",
    "load_bytes",
    "load_documents",
    "load_file",
    "load_files",
    "not_regular",
]

_BOM = b"\xef\xbb\xbf"

#: Default size limit of one document file. A 3,000-word article with ten annotations is ~200 KB.
MAX_FILE_BYTES = 10 * 1024 * 1024

UNREADABLE_FILE = declare(
    "F001",
    "unreadable-file",
    Severity.ERROR,
    Scope.INPUT,
    """The file could not be opened or read.

    Permissions, a broken link or a path that is not a regular file. An input of ingest that is
    damaged or not in its format (a truncated download, a Parquet file or `datasets` folder that is
    not one) is read up to where the damage starts: the location gives the row it starts at.""",
    "Check that the path exists and is a readable file.",
)
NOT_UTF8 = declare(
    "F002",
    "not-utf8",
    Severity.ERROR,
    Scope.INPUT,
    """The file is not valid UTF-8.

    Document files are UTF-8 JSON (RFC 8259). Offsets count code points of the decoded text, so a
    file in another encoding cannot be checked at all.""",
    "Re-save the file as UTF-8 (e.g. `iconv -f cp1256 -t utf-8`).",
)
UTF8_BOM = declare(
    "F003",
    "utf8-bom",
    Severity.ERROR,
    Scope.INPUT,
    """The file starts with a UTF-8 byte order mark.

    RFC 8259 forbids a BOM in JSON that is exchanged, and some parsers reject it.""",
    "Remove the first three bytes (EF BB BF), or re-save without BOM.",
)
EMPTY_FILE = declare(
    "F004",
    "empty-file",
    Severity.ERROR,
    Scope.INPUT,
    """The file is empty or holds only whitespace.""",
    "Delete the file, or write the document into it (`claimkit ingest`).",
)
INVALID_JSON = declare(
    "F005",
    "invalid-json",
    Severity.ERROR,
    Scope.INPUT,
    """The file is not valid JSON.

    The location gives the line and column where the parser stopped. NaN and Infinity, which some
    writers put for a missing or infinite number, are not JSON: other readers refuse them.""",
    "Fix the JSON at the given line and column (a missing comma or quote is the usual cause; write null "
    "for a missing number).",
)
FILE_TOO_LARGE = declare(
    "F006",
    "file-too-large",
    Severity.ERROR,
    Scope.INPUT,
    """The file is larger than the size limit and was not read.

    A document file holds one article; anything much larger is almost certainly not one. The limit
    is 10 MB by default (`--max-bytes`).""",
    "Split the file into one file per document, or raise --max-bytes if it really is one document.",
)
NO_DOCUMENTS = declare(
    "F007",
    "no-documents",
    Severity.ERROR,
    Scope.INPUT,
    """A directory given to check holds no `*.json` document files.""",
    "Point the command at the folder that holds the document files (default: annotations/).",
)
PATH_NOT_FOUND = declare(
    "F008",
    "path-not-found",
    Severity.ERROR,
    Scope.INPUT,
    """A path given on the command line does not exist.""",
    "Check the spelling of the path.",
)
DUPLICATE_KEY = declare(
    "F009",
    "duplicate-key",
    Severity.ERROR,
    Scope.INPUT,
    """An object in the file has the same key twice.

    JSON readers silently keep the last value and drop the others: a `"gold": null` written after
    the real gold would erase it without a word. The file is not read until the key is unique.""",
    "Keep one of the two members (usually the first one is the real content) and delete the other.",
)


@dataclass
class Loaded:
    """The outcome of reading one file: the model when it could be built, and the issues met."""

    path: str | None
    file: DocumentFile | None
    issues: list[Issue] = field(default_factory=list)
    raw: bytes = b""


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def encoding_hint(head: bytes) -> str | None:
    """A hint for a file that is not UTF-8 when its first bytes say what it is (``None``: the code's)."""
    if head.startswith(_UTF16_BOMS):
        return "The file is UTF-16 (it starts with a UTF-16 byte order mark): `iconv -f utf-16 -t utf-8`."
    return None


def _json_error(raw: bytes, path: str | None, parser_message: str) -> Issue:
    """F005 where Python's parser stops, else where pydantic's strict one did (``parser_message``: its
    words, e.g. a number too long, nesting too deep, a lone surrogate, which Python's accepts or
    refuses without a place)."""
    try:
        json.loads(raw)
    except json.JSONDecodeError as error:
        return INVALID_JSON.issue(f"invalid JSON: {error.msg}", file=path, line=error.lineno, column=error.colno)
    except (RecursionError, ValueError):
        pass
    return _parser_issue(parser_message.removeprefix("Invalid JSON: "), path)


_AT = re.compile(r"^(?P<why>.*) at line (?P<line>\d+) column (?P<column>\d+)$")


def _parser_issue(message: str, path: str | None) -> Issue:
    found = _AT.match(message)
    if found is None:
        return INVALID_JSON.issue(f"invalid JSON: {message}", file=path)
    line, column = int(found["line"]), int(found["column"])
    return INVALID_JSON.issue(f"invalid JSON: {found['why']}", file=path, line=line, column=column)


def _non_finite_issues(raw: bytes, path: str | None) -> list[Issue]:
    """NaN and Infinity, which Python's and pydantic's parsers accept but JSON has not (RFC 8259): a
    file with one is refused by other readers (jq, `datasets`). Looked for only when the bytes hold one."""
    if b"NaN" not in raw and b"Infinity" not in raw:
        return []
    try:
        jiter.from_json(raw, allow_inf_nan=False)
    except ValueError as error:
        return [_parser_issue(f"NaN or Infinity is not JSON: {error}", path)]
    return []


#: An exponent of three digits or more (1e400 may be beyond any float), one pattern per case of the
#: letter: a pattern that opens with a literal byte is searched for at C speed, one that opens with a
#: class of bytes (``[eE]``) is tried at every byte, which took 270 µs of a 57 KB file (a tenth of
#: a document's cost in a release), against 55 for the two literal searches.
_BIG_EXPONENTS = (re.compile(rb"e\+?[0-9]{3}"), re.compile(rb"E\+?[0-9]{3}"))


def _overflow_issues(raw: bytes, path: str | None) -> list[Issue]:
    """A number beyond any float (1e400), which every parser reads as infinity: the next rewrite of the
    file would store null instead. Looked for only when the bytes hold such an exponent."""
    if all(exponent.search(raw) is None for exponent in _BIG_EXPONENTS):
        return []
    beyond: list[str] = []

    def number(text: str) -> float:
        value = float(text)
        if math.isinf(value):
            beyond.append(text)
        return value

    json.loads(raw, parse_float=number)
    if not beyond:
        return []
    offset = raw.find(beyond[0].encode())
    line, column = raw.count(b"\n", 0, offset) + 1, offset - raw.rfind(b"\n", 0, offset)
    message = f"invalid JSON: the number {beyond[0]} is beyond any float (every reader takes it for infinity)"
    return [INVALID_JSON.issue(message, file=path, line=line, column=column)]


def _overflow_issues_in_any_json(file: DocumentFile, raw: bytes, path: str | None) -> list[Issue]:
    """:func:`_overflow_issues` where a number beyond any float can pass the model: in the one field
    that holds any JSON (``document.source_fields``). Every field typed as a number refuses it already
    (an integer field a float, a float field infinity: S004), so files without source fields are not
    searched (55 µs of a file with three annotations)."""
    return _overflow_issues(raw, path) if file.document.source_fields else []


def _input_problem(raw: bytes, path: str | None) -> Issue | None:
    if not raw.strip():
        return EMPTY_FILE.issue("the file is empty", file=path)
    if raw.startswith(_BOM):
        return UTF8_BOM.issue("the file starts with a UTF-8 byte order mark", file=path, line=1, column=1)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = f"not UTF-8: byte 0x{raw[error.start]:02x} at byte offset {error.start}"
        return NOT_UTF8.issue(message, file=path, line=line, column=1, hint=encoding_hint(raw[:2]))
    return None


def _duplicate_key_issues(raw: bytes, path: str | None) -> list[Issue]:
    if not has_duplicate_keys(raw):
        return []
    index = TextIndex(raw.decode("utf-8"))
    issues = []
    for pointer, offset in duplicate_keys(index.text):
        line, column = index.line_column(offset)
        key = pointer.rsplit("/", 1)[-1]
        message = f"the key {key!r} appears twice in one object; a reader would keep only the last value"
        issues.append(DUPLICATE_KEY.issue(message, file=path, pointer=pointer, line=line, column=column))
    return issues


def _strict_json_issues(raw: bytes, path: str | None) -> list[Issue]:
    """A key repeated in an object, NaN or Infinity: one parse that refuses them all answers for
    almost every file; only a file it refuses is read again, to say which and where."""
    try:
        jiter.from_json(raw, catch_duplicate_keys=True, allow_inf_nan=False)
    except ValueError:
        return _duplicate_key_issues(raw, path) or _non_finite_issues(raw, path)
    return []


def load_bytes(raw: bytes, path: str | None = None) -> Loaded:
    """Parse and check the structure of one file's bytes."""
    try:
        file = DocumentFile.model_validate_json(raw, strict=True)
    except ValidationError as error:
        invalid = next((detail["msg"] for detail in error.errors() if detail["type"] == "json_invalid"), None)
        if invalid is not None:
            # Only now find out why: the strict parser already refused bad UTF-8, a BOM, nothing.
            return Loaded(path, None, [_input_problem(raw, path) or _json_error(raw, path, invalid)], raw)
        return Loaded(path, None, _duplicate_key_issues(raw, path) or structure_issues(error, path), raw)
    refused = _strict_json_issues(raw, path) or _overflow_issues_in_any_json(file, raw, path)
    return Loaded(path, None if refused else file, refused, raw)


def _what_it_is(mode: int) -> str:
    """Why a path of this mode is not read as a file (the words of F001)."""
    if stat.S_ISDIR(mode):
        what = "a folder"
    elif stat.S_ISFIFO(mode):
        what = "a named pipe"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    else:
        what = "a device"
    return f"not a regular file ({what})"


def not_regular(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` is not opened, when it is there but is no regular file: a folder, a named pipe, a
    socket or a device (the message of F001, or of the reader's own code for an unreadable input).

    Every reader of an input asks this before it opens one: opening a named pipe waits until
    something writes into it, which may be never, and reading a device may never end. ``None`` for a
    regular file (or a link to one), and for a path that cannot be looked at: the open that follows
    says why (no such file, permission denied)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return None
    return None if stat.S_ISREG(mode) else _what_it_is(mode)


def load_file(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> Loaded:
    """Read one document file; I/O problems become F issues, never exceptions."""
    name = str(path)
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            return Loaded(name, None, [UNREADABLE_FILE.issue(_what_it_is(status.st_mode), file=name)])
        size = status.st_size
        if size > max_bytes:
            message = f"the file is {size:,} bytes, over the limit of {max_bytes:,}"
            return Loaded(name, None, [FILE_TOO_LARGE.issue(message, file=name)])
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        if os.path.islink(path):
            return Loaded(name, None, [UNREADABLE_FILE.issue("broken symbolic link", file=name)])
        return Loaded(name, None, [PATH_NOT_FOUND.issue("no such file", file=name)])
    except OSError as error:
        return Loaded(name, None, [UNREADABLE_FILE.issue(f"cannot read: {error.strerror}", file=name)])
    return load_bytes(raw, name)


def _listed(folder: str) -> list[tuple[str, bool]]:
    """``(name, is a folder)`` of the entries of ``folder`` that matter, sorted by name: ``*.json``
    files and folders to enter. Only names are kept, not ``DirEntry`` objects: a corpus folder may
    hold a million files."""
    listed = []
    with os.scandir(folder) as entries:
        for entry in entries:
            is_folder = entry.is_dir(follow_symlinks=False)
            if (is_folder and not entry.name.startswith(".")) or (not is_folder and entry.name.endswith(".json")):
                listed.append((entry.name, is_folder))
    listed.sort()
    return listed


def _json_files(folder: str, problems: list[Issue]) -> Iterator[str]:
    """``*.json`` files below ``folder`` (not following linked folders) in path order: each folder's
    entries by name, its subfolders' files in their place. Dot-folders (staging areas, caches,
    quarantine) are not part of the corpus and are not entered. ``scandir`` saves a stat per file. A
    folder that cannot be listed is reported in ``problems`` and the walk goes on."""
    try:
        listed = _listed(folder)
    except OSError as error:
        problems.append(UNREADABLE_FILE.issue(f"cannot list this folder: {error.strerror}", file=folder))
        return
    for name, is_folder in listed:
        path = os.path.join(folder, name)
        if is_folder:
            yield from _json_files(path, problems)
        else:
            yield path


#: JSON files looked at by :func:`first_document_file` before it answers that a folder is no corpus.
_LOOKED_AT = 100


def first_document_file(folder: str | os.PathLike[str]) -> str | None:
    """The first ``*.json`` below ``folder`` that is a document file, among the first hundred; ``None``
    when there is none or no such folder. A document file opens as claimkit writes one (``{"schema_version"``
    or ``{"document"``, a byte order mark before it or not), or is an object with a ``document`` member."""
    if not os.path.isdir(folder):
        return None
    for path in islice(_json_files(str(folder), []), _LOOKED_AT):
        if not_regular(path) is None and _is_document_file(path):  # a named pipe would never be done opening
            return path
    return None


_OPENS_AS_DOCUMENT = re.compile(rb'\s*\{\s*"(?:schema_version|document)"\s*:')


def _is_document_file(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES).removeprefix(_BOM)
        if _OPENS_AS_DOCUMENT.match(raw):
            return True
        value = jiter.from_json(raw)
    except (OSError, ValueError):
        return False
    return isinstance(value, dict) and isinstance(value.get("document"), dict)


def _folder_files(path: Path, issues: list[Issue]) -> list[str]:
    unlistable = len(issues)
    names = list(_json_files(str(path), issues))
    if not names and len(issues) == unlistable:
        issues.append(NO_DOCUMENTS.issue("no *.json document files in this folder", file=str(path)))
    return names


def find_document_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[Issue]]:
    """Expand folders into their ``*.json`` files (recursively, sorted); report what is missing or unreadable.

    The files come as path strings, not ``Path`` objects: a corpus of a million documents is a list
    of a million paths, and a ``Path`` takes about four times the memory of its string."""
    found: list[str] = []
    issues: list[Issue] = []
    for given in paths:
        path = Path(given)
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except FileNotFoundError:
            is_folder = False
            if not os.path.islink(path):  # a broken link is reported by load_file
                issues.append(PATH_NOT_FOUND.issue("no such file or folder", file=str(path)))
                continue
        except OSError as error:
            issues.append(UNREADABLE_FILE.issue(f"cannot read: {error.strerror}", file=str(path)))
            continue
        found.extend(_folder_files(path, issues) if is_folder else [str(path)])
    found = _once_each(found)
    return found, issues + _same_names(found)


def _once_each(paths: list[str]) -> list[str]:
    """The paths without repeats of one path (given twice, or inside a folder also given), compared
    as absolute paths: string work only, no system call per file of a large corpus."""
    seen: set[str] = set()
    once = []
    for path in paths:
        absolute = os.path.abspath(path)
        if absolute not in seen:
            seen.add(absolute)
            once.append(path)
    return once


def _same_names(paths: list[str]) -> list[Issue]:
    """D013 for every file whose name an earlier file of the list has (one document id, two files)."""
    first: dict[str, str] = {}
    issues = []
    for path in paths:
        name = os.path.basename(path)
        if name in first:
            message = f"{first[name]} has the same name: two files hold document {name.removesuffix('.json')!r}"
            issues.append(DUPLICATE_DOCUMENT_ID.issue(message, file=path, pointer="/document/id"))
        else:
            first[name] = path
    return issues


def load_files(paths: Iterable[str | os.PathLike[str]], max_bytes: int = MAX_FILE_BYTES) -> Iterator[Loaded]:
    """Every document file under ``paths``, loaded; missing paths come as issue-only results."""
    files, issues = find_document_files(paths)
    for issue in issues:
        yield Loaded(issue.location.file, None, [issue])
    for path in files:
        yield load_file(path, max_bytes)


def load_documents(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[tuple[str, DocumentFile]], list[Issue]]:
    """Every readable document file under ``paths`` with its path, and the issues of the others."""
    files: list[tuple[str, DocumentFile]] = []
    issues: list[Issue] = []
    for loaded in load_files(paths):
        issues.extend(loaded.issues)
        if loaded.file is not None:
            files.append((str(loaded.path), loaded.file))
    return files, issues


def add_lines(issues: list[Issue], raw: bytes) -> list[Issue]:
    """Fill in line and column of issues that have a pointer, from the file's raw JSON (one walk)."""
    wanted = {issue.location.pointer for issue in issues if issue.location.pointer and issue.location.line is None}
    if not raw or not wanted:
        return issues
    index = TextIndex(raw.decode("utf-8", errors="replace"))
    offsets = index.offsets(wanted)
    located: list[Issue] = []
    for issue in issues:
        offset = offsets.get(issue.location.pointer) if issue.location.line is None else None
        if offset is None:
            located.append(issue)
            continue
        line, column = index.line_column(offset)
        located.append(issue.located(line=line, column=column))
    return located
