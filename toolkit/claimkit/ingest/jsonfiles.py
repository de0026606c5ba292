"""JSON inputs: JSON Lines (a record per line, parsed where it is prepared), and ``.json`` files: an
array of records, objects one after another (one, or ``jq``'s output), or JSON Lines under that name.
Every record keeps the line and column where it starts; a repeated key is refused, never kept last."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from claimkit.ingest.codes import UNREADABLE_RECORD
from claimkit.ingest.opening import READ_ERRORS, TOO_DEEP, cut_short, not_utf8, open_text
from claimkit.ingest.records import FieldMap, Item, Record, Unread
from claimkit.locate import DuplicateKeyError, TextIndex, decode_unique, json_kind, loads_unique

__all__ = ["Line", "read_json", "read_jsonl"]


def _record(value: Any, where: str, number: int, line: int, column: int | None = None) -> Item:
    """A parsed JSON value as a record (``line`` and ``column`` where it starts), I006 unless an object."""
    if isinstance(value, dict):
        return Record(value, where, number, line)
    kind = json_kind(value)
    place = f"line {line}" if column is None else f"record {number}"
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
            why = TOO_DEEP if isinstance(error, RecursionError) else str(error)
            message = f"line {self.line} is not a record: {why}"
            return Unread(UNREADABLE_RECORD.issue(message, file=self.where, line=self.line))


def read_jsonl(path: Path, fields: FieldMap, lazy: bool = False) -> Iterator[Item | Line]:  # noqa: ARG001
    """The records of a JSON Lines file; one that is not UTF-8 ends the file at its line (F002)."""
    where = str(path)
    number = line_number = 0
    with open_text(path, "surrogateescape") as stream:
        try:
            for line_number, line in enumerate(stream, start=1):
                if (problem := not_utf8(line, line_number, path)) is not None:
                    yield problem
                    return
                if not line.strip():
                    continue
                number += 1
                read = Line(line, where, number, line_number)
                yield read if lazy else read.parse()
        except READ_ERRORS as error:  # damaged gzip data: the lines before it were read
            yield cut_short(error, path, line_number + 1)


def read_json(path: Path, fields: FieldMap, lazy: bool = False) -> Iterator[Item | Line]:
    """A JSON array of objects, one object or several one after another (parsed whole), or JSON Lines
    under a ``.json`` name.

    A file that opens with ``{`` is JSON Lines when one of its first two lines is an object by itself
    (the first may be the broken one), else objects written over several lines, as ``json.dump(...,
    indent=2)`` or ``jq`` write them: read line by line, each of their lines would be refused."""
    first = _first_character(path)
    if first == "{":
        with open_text(path, "surrogateescape") as stream:  # a bad byte is found, with its line, below
            firsts = list(islice((line for line in stream if line.strip()), 2))
    if first == "[" or (first == "{" and not any(map(_an_object, firsts))):
        yield from _read_whole(path, fields, lazy)
    else:
        yield from read_jsonl(path, fields, lazy)


def _first_character(path: Path) -> str:
    """The first character of a file that is not white space ("" when there is none)."""
    with open_text(path, "surrogateescape") as stream:
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
    with open_text(path) as stream:
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
                yield from read_jsonl(path, fields, lazy)
            elif error.msg == "Extra data":
                yield from _one_after_another(text, where)
            else:
                message = f"not JSON: {error.msg}"
                yield Unread(UNREADABLE_RECORD.issue(message, file=where, line=error.lineno, column=error.colno))
            return
        except (ValueError, RecursionError) as error:  # 4,300 digits and more; nesting
            why = TOO_DEEP if isinstance(error, RecursionError) else str(error)
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
            why = error.msg if isinstance(error, json.JSONDecodeError) else str(error) or TOO_DEEP
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
