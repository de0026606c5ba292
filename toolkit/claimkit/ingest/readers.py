"""Reading inputs as a stream of records: text files, folders, JSON Lines, JSON arrays, CSV and TSV.

Every reader holds one record at a time (a JSON array, or an object written over several lines, is
the exception: it is parsed whole). Parquet
and ``datasets`` folders are read by :mod:`claimkit.ingest.arrow`, the one ingest module that
imports pyarrow and datasets. A problem with one record is an :class:`Unread` in its place; the
other records are read.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path, PurePath
from typing import IO, Any, cast

from claimkit.ingest.codes import (
    FIELD_NOT_IN_SOURCE,
    INVALID_METADATA,
    NO_RECORDS,
    UNREADABLE_RECORD,
    UNSUPPORTED_INPUT,
)
from claimkit.ingest.records import FieldMap, Record, Unread
from claimkit.loading import NOT_UTF8, PATH_NOT_FOUND, UNREADABLE_FILE, encoding_hint, not_regular
from claimkit.locate import DuplicateKeyError, TextIndex, decode_unique, json_kind, loads_unique

__all__ = [
    "FORMATS",
    "Item",
    "Line",
    "column_problem",
    "file_format",
    "missing_fields",
    "read_file",
    "read_lazily",
    "read_sidecar",
    "walk",
]

Item = Record | Unread
SIDECAR_SUFFIX = ".meta.json"
#: Input formats by file name ending (a ``.gz`` ending is read through gzip).
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_EXTRA = "\0extra"  # where csv puts the fields of a row beyond the header
_ENCODING = "utf-8-sig"  # a byte order mark before the first record is not content
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # an article is longer than csv's 128 KB default


def file_format(path: Path, forced: str | None = None) -> str | None:
    """The format of an input file: ``forced`` (``--input-format``), else from its name's ending."""
    if forced:
        return forced
    name = path.name.lower().removesuffix(".gz")
    return FORMATS.get(os.path.splitext(name)[1])


def column_problem(columns: Sequence[str], fields: FieldMap, where: str, line: int | None = None) -> Unread | None:
    """An issue when an input's columns (a CSV header, a Parquet schema) name one twice (I006: a reader
    keeps only one of the two, and it would be a guess which holds the article), or lack a field (I008)."""
    if repeated := sorted({name for name in columns if columns.count(name) > 1}):
        message = f"the input names the column {repeated[0]!r} twice: a reader keeps only the last value"
        hint = f"Rename or drop one of the two columns named {repeated[0]!r}, then ingest again."
        return Unread(UNREADABLE_RECORD.issue(message, file=where, line=line, hint=hint))
    return missing_fields(columns, fields, where)


def missing_fields(columns: Iterable[str], fields: FieldMap, where: str) -> Unread | None:
    """An issue when the input lacks the text field or a field named on the command line."""
    present = set(columns)
    missing = [name for name in fields.required() if name not in present]
    if not missing:
        return None
    listed = ", ".join(sorted(present)) or "none"
    message = f"no field {', '.join(map(repr, missing))} in this input (its fields: {listed})"
    return Unread(FIELD_NOT_IN_SOURCE.issue(message, file=where))


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as stream:
            return stream.read(2)
    except OSError:
        return b""


#: What reading an input raises where its data cannot be read: a damaged deflate stream of a gzip
#: input is ``zlib.error`` (no OSError), one cut short EOFError.
_READ_ERRORS = (OSError, EOFError, zlib.error)
_GZIP_HINT = (
    "The compressed data is damaged or cut short (`gzip -t FILE` checks it): compress or download the file "
    "again, or leave it out."
)


def _read_hint(path: Path) -> str | None:
    return _GZIP_HINT if path.name.lower().endswith(".gz") else None


def _cut_short(error: BaseException, path: Path, line: int | None) -> Unread:
    """F001 where reading an input stopped (damaged gzip data): at the line reached, when known."""
    reason = getattr(error, "strerror", None) or error
    rest = f"line {line} and the rest cannot be read" if line is not None else "cannot read"
    return Unread(UNREADABLE_FILE.issue(f"{rest}: {reason}", file=str(path), line=line, hint=_read_hint(path)))


def _open_text(path: Path, errors: str = "strict") -> IO[str]:
    if path.name.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding=_ENCODING, errors=errors, newline="")
    return open(path, encoding=_ENCODING, errors=errors, newline="")


#: Why Python's JSON parser gave up (``RecursionError``): hostile input, never a crash.
_TOO_DEEP = "arrays or objects nested deeper than the JSON parser allows"

#: What ``surrogateescape`` decodes a byte that is not UTF-8 to (valid UTF-8 never decodes to these).
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _not_utf8(line: str, number: int, path: Path) -> Unread | None:
    """F002 at the first byte of a JSON Lines line (read with ``surrogateescape``) that is not UTF-8."""
    found = _ESCAPED_BYTE.search(line)
    if found is None:
        return None
    byte, column = ord(found.group()) - 0xDC00, found.start() + 1
    message = f"line {number} is not UTF-8 (byte 0x{byte:02x} at column {column}): it and the rest were not read"
    issue = NOT_UTF8.issue(message, file=str(path), line=number, column=column, hint=encoding_hint(_head(path)))
    return Unread(issue)


def _row_not_utf8(row: dict[str, Any], number: int, line: int, path: Path) -> Unread | None:
    """F002 at the first line of a CSV row (read with ``surrogateescape``) that holds a byte that is not UTF-8."""
    values = [v for value in row.values() for v in (value if isinstance(value, list) else [value]) if v]
    found = next((m for v in values if (m := _ESCAPED_BYTE.search(v)) is not None), None)
    if found is None:
        return None
    byte = ord(found.group()) - 0xDC00
    message = f"row {number} (from line {line}) is not UTF-8 (byte 0x{byte:02x}): it and the rest were not read"
    return Unread(NOT_UTF8.issue(message, file=str(path), line=line, hint=encoding_hint(_head(path))))


def _sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> tuple[dict[str, Any], Unread | None]:
    """Metadata from ``<file>.meta.json`` next to a text file, when there is one."""
    sidecar = _sidecar_path(path)
    if not sidecar.is_file():
        if os.path.lexists(sidecar):  # a folder, a named pipe, a broken link: not a file without metadata
            return {}, _bad_sidecar(f"unreadable sidecar: {not_regular(sidecar) or 'a broken link'}", sidecar)
        return {}, None
    try:
        data = loads_unique(sidecar.read_text(encoding="utf-8"))
    except DuplicateKeyError as error:  # json.loads would keep the last value without a word
        message = f"the sidecar gives the key {error.key!r} twice in one object: a reader keeps only the last value"
        hint = f"Give {error.key!r} once in the sidecar (the value you mean), then ingest again."
        return {}, _bad_sidecar(message, sidecar, hint)
    except (OSError, ValueError) as error:  # not UTF-8, not JSON, an integer of 4,300 digits and more
        return {}, _bad_sidecar(f"unreadable sidecar: {error}", sidecar)
    except RecursionError:
        return {}, _bad_sidecar(f"unreadable sidecar: {_TOO_DEEP}", sidecar)
    if not isinstance(data, dict):
        return {}, _bad_sidecar("the sidecar must hold a JSON object", sidecar)
    return data, None


#: The hint of a sidecar that is not a file of one JSON object (I002's own speaks of the values).
_SIDECAR_HINT = (
    'Make the sidecar a UTF-8 file holding one JSON object of metadata (for example {"outlet": "..."}), or remove it.'
)


def _bad_sidecar(message: str, sidecar: Path, hint: str = _SIDECAR_HINT) -> Unread:
    """I002 at a sidecar that cannot be read as metadata, with a hint about the file (not the values)."""
    return Unread(INVALID_METADATA.issue(message, file=str(sidecar), hint=hint))


def _read_text(path: Path, fields: FieldMap) -> Iterator[Item]:
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        yield Unread(UNREADABLE_FILE.issue(f"cannot read: {error.strerror}", file=where))
        return
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # a BOM is not content; no offset exists yet
    except UnicodeDecodeError as error:
        message = f"not UTF-8: byte 0x{raw[error.start]:02x} at byte offset {error.start}"
        yield Unread(NOT_UTF8.issue(message, file=where, hint=encoding_hint(raw[:2])))
        return
    sidecar, problem = read_sidecar(path)
    yield (
        problem
        or _text_in_sidecar(sidecar, path, fields)
        or Record({**sidecar, fields.text: text}, where, name=path.stem)
    )


def _text_in_sidecar(sidecar: dict[str, Any], path: Path, fields: FieldMap) -> Unread | None:
    """I002 when a sidecar gives the text field: the file is the article, and a second text would be
    neither the document's text nor kept (it is no other field)."""
    if fields.text not in sidecar:
        return None
    message = f"the sidecar gives the text field {fields.text!r}, but the article is the text of {path.name}"
    hint = f"Remove {fields.text!r} from the sidecar (keep the article in {path.name}), or ingest it as JSON Lines."
    return Unread(INVALID_METADATA.issue(message, file=str(_sidecar_path(path)), hint=hint))


def _record(value: Any, where: str, number: int, line: int, column: int | None = None) -> Item:
    """A parsed JSON value as a record (``line`` and ``column`` where it starts), I006 unless an object."""
    if isinstance(value, dict):
        return Record(value, where, number, line)
    kind = json_kind(value)
    place = f"line {line}" if column is None else f"record {number} of the array"
    message = f"{place} holds {kind}, not an object"
    return Unread(UNREADABLE_RECORD.issue(message, file=where, line=line, column=column))


@dataclass(frozen=True)
class Line:
    """A JSON Lines record read but not parsed yet: parsed where it is prepared (in a worker process)."""

    text: str
    where: str
    number: int
    line: int

    def parse(self) -> Item:
        try:
            return _record(loads_unique(self.text), self.where, self.number, self.line)
        except DuplicateKeyError as error:  # json.loads would keep the last value without a word
            message = f"line {self.line} holds {error}: a reader keeps only the last value"
            return Unread(UNREADABLE_RECORD.issue(message, file=self.where, line=self.line))
        except json.JSONDecodeError as error:
            message = f"line {self.line} is not JSON (column {error.colno}): {error.msg.removesuffix(' at')}"
            return Unread(UNREADABLE_RECORD.issue(message, file=self.where, line=self.line, column=error.colno))
        except (ValueError, RecursionError) as error:  # 4,300 digits and more; nesting
            why = _TOO_DEEP if isinstance(error, RecursionError) else str(error)
            message = f"line {self.line} is not a record: {why}"
            return Unread(UNREADABLE_RECORD.issue(message, file=self.where, line=self.line))


def _read_jsonl(path: Path, fields: FieldMap, lazy: bool = False) -> Iterator[Item | Line]:  # noqa: ARG001
    """The records of a JSON Lines file; one that is not UTF-8 ends the file at its line (F002)."""
    where = str(path)
    number = line_number = 0
    with _open_text(path, "surrogateescape") as stream:
        try:
            for line_number, line in enumerate(stream, start=1):
                if (problem := _not_utf8(line, line_number, path)) is not None:
                    yield problem
                    return
                if not line.strip():
                    continue
                number += 1
                read = Line(line, where, number, line_number)
                yield read if lazy else read.parse()
        except _READ_ERRORS as error:  # damaged gzip data: the lines before it were read
            yield _cut_short(error, path, line_number + 1)


def _read_json(path: Path, fields: FieldMap, lazy: bool = False) -> Iterator[Item | Line]:
    """A JSON array of objects, one object or several one after another (parsed whole), or JSON Lines
    under a ``.json`` name.

    A file that opens with ``{`` is JSON Lines when one of its first two lines is an object by itself
    (the first may be the broken one), else objects written over several lines, as ``json.dump(...,
    indent=2)`` or ``jq`` write them: read line by line, each of their lines would be refused."""
    first = _first_character(path)
    if first == "{":
        with _open_text(path, "surrogateescape") as stream:  # a bad byte is found, with its line, below
            firsts = list(islice((line for line in stream if line.strip()), 2))
    if first == "[" or (first == "{" and not any(map(_an_object, firsts))):
        yield from _read_whole(path, fields, lazy)
    else:
        yield from _read_jsonl(path, fields, lazy)


def _first_character(path: Path) -> str:
    """The first character of a file that is not white space ("" when there is none)."""
    with _open_text(path, "surrogateescape") as stream:
        while chunk := stream.read(65536):
            if stripped := chunk.lstrip():
                return stripped[0]
    return ""


def _an_object(line: str) -> bool:
    """Whether ``line`` is a JSON object by itself, as every line of a JSON Lines file is."""
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _read_whole(path: Path, fields: FieldMap, lazy: bool) -> Iterator[Item | Line]:
    """The records of a file parsed whole: each object of an array, or the objects it holds one after
    another. A file of objects that does not parse whole is JSON Lines after all when some line of it
    is an object by itself (its first two lines were broken): it is read line by line, losing none."""
    where = str(path)
    with _open_text(path) as stream:
        try:
            text = stream.read()
            value = loads_unique(text)
        except DuplicateKeyError as error:
            yield Unread(
                UNREADABLE_RECORD.issue(f"a record holds {error}: a reader keeps only the last value", file=where)
            )
            return
        except json.JSONDecodeError as error:
            if not text.lstrip().startswith("{"):
                message = f"not JSON: {error.msg}"
                yield Unread(UNREADABLE_RECORD.issue(message, file=where, line=error.lineno, column=error.colno))
            elif any(map(_an_object, text.splitlines())):  # in objects over several lines, none is one
                yield from _read_jsonl(path, fields, lazy)
            elif error.msg == "Extra data":
                yield from _one_after_another(text, where)
            else:
                message = f"not JSON: {error.msg}"
                yield Unread(UNREADABLE_RECORD.issue(message, file=where, line=error.lineno, column=error.colno))
            return
        except (ValueError, RecursionError) as error:  # 4,300 digits and more; nesting
            why = _TOO_DEEP if isinstance(error, RecursionError) else str(error)
            yield Unread(UNREADABLE_RECORD.issue(f"not records: {why}", file=where))
            return
    if not isinstance(value, list):
        yield from _one_after_another(text, where)
        return
    starts = _element_starts(text, len(value))
    for number, (row, (line, column)) in enumerate(zip(value, starts, strict=True), start=1):
        yield _record(row, where, number, line, column)


_JSON_SPACE = re.compile(r"[ \t\n\r]+")


def _past_space(text: str, position: int) -> int:
    """The offset of the first character at or after ``position`` that is not JSON's white space."""
    space = _JSON_SPACE.match(text, position)
    return position if space is None else space.end()


def _one_after_another(text: str, where: str) -> Iterator[Item]:
    """Each JSON value of ``text``, one after another (one object, or ``jq``'s output): a record each,
    where it starts; a value that does not parse ends the file there (I006)."""
    index, position, number = TextIndex(text), _past_space(text, 0), 0
    while position < len(text):
        line, column = index.line_column(position)
        try:
            value, end = decode_unique(text, position)
        except (ValueError, RecursionError) as error:
            why = error.msg if isinstance(error, json.JSONDecodeError) else str(error) or _TOO_DEEP
            found = f"record {number + 1} is not JSON ({why}): it and the rest of the file cannot be read"
            yield Unread(UNREADABLE_RECORD.issue(found, file=where, line=line, column=column))
            return
        number += 1
        yield _record(value, where, number, line, column)
        position = _past_space(text, end)


def _element_starts(text: str, count: int) -> list[tuple[int, int]]:
    """The line and column where each of the ``count`` elements of a JSON array starts (in one walk)."""
    index = TextIndex(text)
    offsets = index.offsets(f"/{number}" for number in range(count))
    return [index.line_column(offsets.get(f"/{number}", 0)) for number in range(count)]


def _malformed(error: csv.Error, number: int, line: int, where: str, delimiter: str = ",") -> Unread:
    """I006 where the CSV parser gave up (a stray quotation mark, a quoted field never closed)."""
    row = f"row {number} (from line {line})" if number else "the header"
    message = f"{row} is not well-formed CSV ({error}): it and the rest were not read"
    hint = 'Double a quotation mark inside a quoted field ("" for "), or close the quoted field; then ingest again.'
    if delimiter == "\t":  # IANA's TSV has no quoting: a field may open with a quotation mark
        hint += " A TSV file whose quotation marks are text: --input-format tsv-plain."
    return Unread(UNREADABLE_RECORD.issue(message, file=where, line=line, hint=hint))


def _read_delimited(path: Path, fields: FieldMap, delimiter: str, *, quoted: bool = True) -> Iterator[Item]:
    """The rows of a CSV or TSV file. The parser is strict: a lenient one drops a stray quotation mark
    from a field without a word; the rows after a malformed one are not read (they may be misaligned).
    Not ``quoted`` (``--input-format tsv-plain``, IANA's TSV): a quotation mark is text like any other."""
    where = str(path)
    with _open_text(path, "surrogateescape") as stream:
        if quoted:
            reader = csv.DictReader(stream, delimiter=delimiter, restkey=_EXTRA, strict=True)
        else:
            reader = csv.DictReader(stream, delimiter=delimiter, restkey=_EXTRA, strict=True, quoting=csv.QUOTE_NONE)
        try:
            header = list(reader.fieldnames or [])
        except csv.Error as error:
            yield _malformed(error, 0, 1, where, delimiter)
            return
        if (problem := _not_utf8(delimiter.join(header), 1, path)) is not None:
            yield problem
            return
        problem = column_problem(header, fields, where, line=1)
        if problem is not None:
            yield problem
            return
        yield from _delimited_rows(reader, path)


def _delimited_rows(reader: csv.DictReader[str], path: Path) -> Iterator[Item]:
    where, number = str(path), 0
    start = reader.line_num + 1
    try:
        for number, row in enumerate(reader, start=1):
            if (problem := _row_not_utf8(row, number, start, path)) is not None:
                yield problem
                return
            yield _row(row, where, number, start)
            start = reader.line_num + 1
    except csv.Error as error:  # the parser does not say the line; the row's first line is where to look
        yield _malformed(error, number + 1, start, where, reader.reader.dialect.delimiter)
    except _READ_ERRORS as error:  # damaged gzip data: the rows before it were read
        yield _cut_short(error, path, reader.line_num + 1)


def _row(row: dict[str, Any], where: str, number: int, line: int) -> Item:
    """A CSV row as a record; I006 when it has more fields than the header, or fewer (csv fills the
    missing ones with ``None``: taken as absent, they were reported as missing metadata or text)."""
    if _EXTRA in row:
        message = f"row {number} has {len(row) - 1 + len(row[_EXTRA])} fields, the header {len(row) - 1}"
        return Unread(UNREADABLE_RECORD.issue(message, file=where, line=line))
    if None in row.values():
        given = sum(value is not None for value in row.values())
        message = f"row {number} has {given} field{'s' * (given != 1)}, the header {len(row)}"
        return Unread(UNREADABLE_RECORD.issue(message, file=where, line=line))
    return Record(row, where, number, line)


def _read_tabular(path: Path, fields: FieldMap, fmt: str, lazy: bool = False) -> Iterator[Item | Line]:
    if fmt in ("parquet", "dataset"):
        from claimkit.ingest import arrow  # pyarrow and datasets only when such an input is given

        yield from arrow.read(path, fields, fmt)
    elif fmt in ("csv", "tsv", "tsv-plain"):
        yield from _read_delimited(path, fields, "," if fmt == "csv" else "\t", quoted=fmt != "tsv-plain")
    else:
        yield from (_read_jsonl if fmt == "jsonl" else _read_json)(path, fields, lazy)


def read_file(path: Path, fields: FieldMap, fmt: str | None) -> Iterator[Item]:
    """Every record of one input file of format ``fmt``; decoding problems end that input with an issue."""
    return cast(Iterator[Item], read_lazily(path, fields, fmt, lazy=False))


def read_lazily(path: Path, fields: FieldMap, fmt: str | None, *, lazy: bool = True) -> Iterator[Item | Line]:
    """:func:`read_file`, JSON Lines records left as :class:`Line` to parse later (in a worker process)."""
    where = str(path)
    if fmt is None:
        message = f"no reader for {path.name!r} (known endings: {', '.join(sorted(FORMATS))})"
        yield Unread(UNSUPPORTED_INPUT.issue(message, file=where))
        return
    if fmt != "dataset" and (why := not_regular(path)) is not None:  # a named pipe: opening it would wait
        yield Unread(UNREADABLE_FILE.issue(why, file=where))
        return
    try:
        items = _read_text(path, fields) if fmt == "text" else _read_tabular(path, fields, fmt, lazy)
        yield from _or_no_records(items, where)
    except UnicodeDecodeError as error:
        message = f"not UTF-8 after this point: {error.reason}"
        yield Unread(NOT_UTF8.issue(message, file=where, hint=encoding_hint(_head(path))))
    except (*_READ_ERRORS, csv.Error) as error:
        yield _cut_short(error, path, None)


def _or_no_records(items: Iterator[Item | Line], where: str) -> Iterator[Item | Line]:
    """``items``, or I017 when the input holds none: an empty input is not a run with nothing to say."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield Unread(NO_RECORDS.issue("the input holds no record", file=where))


def _unreadable_folder(error: OSError) -> Unread:
    return Unread(UNREADABLE_FILE.issue(f"cannot read the folder: {error.strerror}", file=error.filename))


def walk(folder: Path, glob: str | None, forced: str | None) -> Iterator[Path | Unread]:
    """The input files below ``folder`` (sorted, recursive, hidden files and sidecars left out).

    With ``glob``, the files whose path relative to ``folder`` matches it as ``PurePath.match`` does
    (from the right: ``*.txt`` at any depth); without, every file in a known format. A folder that
    cannot be read is an issue, not a silent gap.
    """
    errors: list[OSError] = []
    for root, folders, files in os.walk(folder, onerror=errors.append):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
                continue
            if PurePath(os.path.relpath(path, folder)).match(glob) if glob else file_format(path, forced):
                yield path
        yield from map(_unreadable_folder, errors)
        errors.clear()
    yield from map(_unreadable_folder, errors)


def not_found(path: str) -> Unread:
    return Unread(PATH_NOT_FOUND.issue("no such file or folder", file=path))
