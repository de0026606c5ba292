"""Reading inputs as a stream of records: text files, folders, JSON (:mod:`claimkit.ingest.jsonfiles`),
CSV and TSV.

Every reader holds one record at a time (a ``.json`` file that is no JSON Lines is the exception: it
is parsed whole). Parquet and ``datasets`` folders are read by :mod:`claimkit.ingest.arrow`, the one
ingest module that imports pyarrow and datasets. A problem with one record is an :class:`Unread` in
its place; the other records are read.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path, PurePath
from typing import Any, cast

from claimkit.ingest.codes import (
    FIELD_NOT_IN_SOURCE,
    INVALID_METADATA,
    NO_RECORDS,
    UNREADABLE_RECORD,
    UNSUPPORTED_INPUT,
)
from claimkit.ingest.jsonfiles import Line, read_json, read_jsonl
from claimkit.ingest.opening import READ_ERRORS, TOO_DEEP, cut_short, first_bytes, not_utf8, open_text, row_not_utf8
from claimkit.ingest.records import FieldMap, Item, Record, Unread
from claimkit.loading import NOT_UTF8, PATH_NOT_FOUND, UNREADABLE_FILE, encoding_hint, not_regular
from claimkit.locate import DuplicateKeyError, loads_unique

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
        return {}, _bad_sidecar(f"unreadable sidecar: {TOO_DEEP}", sidecar)
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
    with open_text(path, "surrogateescape") as stream:
        if quoted:
            reader = csv.DictReader(stream, delimiter=delimiter, restkey=_EXTRA, strict=True)
        else:
            reader = csv.DictReader(stream, delimiter=delimiter, restkey=_EXTRA, strict=True, quoting=csv.QUOTE_NONE)
        try:
            header = list(reader.fieldnames or [])
        except csv.Error as error:
            yield _malformed(error, 0, 1, where, delimiter)
            return
        if (problem := not_utf8(delimiter.join(header), 1, path)) is not None:
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
            if (problem := row_not_utf8(row, number, start, path)) is not None:
                yield problem
                return
            yield _row(row, where, number, start)
            start = reader.line_num + 1
    except csv.Error as error:  # the parser does not say the line; the row's first line is where to look
        yield _malformed(error, number + 1, start, where, reader.reader.dialect.delimiter)
    except READ_ERRORS as error:  # damaged gzip data: the rows before it were read
        yield cut_short(error, path, reader.line_num + 1)


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
        yield from (read_jsonl if fmt == "jsonl" else read_json)(path, fields, lazy)


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
        yield Unread(NOT_UTF8.issue(message, file=where, hint=encoding_hint(first_bytes(path))))
    except (*READ_ERRORS, csv.Error) as error:
        yield cut_short(error, path, None)


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
