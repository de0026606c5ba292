"""Label Studio export files: the full JSON export read as a stream, lossy formats refused.

A full JSON export (``.json`` or ``.json.gz``) is a list of tasks, each with ``data`` and
``annotations``; it is read item by item with ijson, so its size does not matter. JSON-MIN, CSV,
TSV and CONLL drop relations and the link between per-region choices and their spans (see
docs/labelstudio.md): they are refused with a message saying which export to make instead.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ijson

from claimkit.errors import LOSSY_EXPORT_FORMAT, UNREADABLE_EXPORT, UsageError
from claimkit.loading import not_regular

__all__ = ["MAX_DEPTH", "ExportFile", "open_exports"]

_GZIP = b"\x1f\x8b"
#: Deeper than a Label Studio export goes (8 levels: tasks, a task, its annotations, one, its results,
#: one, its value, a list of labels), with room for what later versions add.
MAX_DEPTH = 64
_OPENING = frozenset({"start_map", "start_array"})
_CLOSING = frozenset({"end_map", "end_array"})
#: More digits in a row than Python turns into an int (4,300): ijson's C parser fails on such a number
#: and may crash the process; no offset or id has them, so they are refused before it reads.
_LONG_RUN = sys.get_int_max_str_digits() or 4300
_LONG_NUMBER = re.compile(rb"[:\[,][ \t\r\n]*-?[0-9]{%d}" % _LONG_RUN)  # where a value starts, not in text
_CHUNK = 1 << 20
#: What reading an export may raise: the file system, a gzip cut short, damaged deflate data (zlib's own).
_READ_ERRORS = (OSError, EOFError, zlib.error)
#: What parsing it may raise besides.
_PARSE_ERRORS = (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError, *_READ_ERRORS)
_LOSSY_SUFFIXES = {".csv": "CSV", ".tsv": "TSV", ".conll": "CONLL", ".conll2003": "CONLL", ".txt": "CONLL"}


def _refuse_lossy(path: Path, form: str) -> UsageError:
    return UsageError(LOSSY_EXPORT_FORMAT, f"{path} is a {form} export, which loses relations and per-region fields")


def _unreadable(path: Path, why: str) -> UsageError:
    return UsageError(UNREADABLE_EXPORT, f"{path}: {why}")


class ExportFile:
    """One full JSON export file, checked on opening and read as a stream of tasks."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        suffixes = "".join(self.path.suffixes[-2:]).lower().removesuffix(".gz")
        form = _LOSSY_SUFFIXES.get(suffixes) or _LOSSY_SUFFIXES.get(self.path.suffix.lower())
        if form:
            raise _refuse_lossy(self.path, form)
        self.gzipped = self._head(2) == _GZIP
        self._check_shape()

    def _head(self, size: int) -> bytes:
        if (why := not_regular(self.path)) is not None:  # a named pipe: opening it would wait forever
            raise _unreadable(self.path, "a folder, not an export file" if self.path.is_dir() else why)
        try:
            with self.path.open("rb") as handle:
                return handle.read(size)
        except IsADirectoryError:
            raise _unreadable(self.path, "a folder, not an export file") from None
        except OSError as error:
            raise _unreadable(self.path, error.strerror or str(error)) from None

    @contextmanager
    def _open(self) -> Iterator[io.BufferedIOBase]:
        try:
            with self.path.open("rb") as raw:
                yield gzip.GzipFile(fileobj=raw, mode="rb") if self.gzipped else raw
        except FileNotFoundError as error:
            raise _unreadable(self.path, error.strerror or str(error)) from None

    def _check_shape(self) -> None:
        """A list whose first item is a task (``data``/``annotations``), else refused before any work."""
        first = self._first_bytes()
        if first != b"[":
            raise self._wrong_shape(first)
        self._check_depth()
        items = self.tasks()
        try:
            item = next(items, None)
        finally:
            items.close()
        if isinstance(item, dict) and "data" not in item and "annotations" not in item:
            raise _refuse_lossy(self.path, "JSON-MIN")

    def _check_depth(self) -> None:
        """Refuse nesting deeper than any export has (:data:`MAX_DEPTH`), in one pass of the parser's
        plain events, before any item is built: ijson gives every event its path from the root, so
        building an item nested 100,000 deep took memory by the square of the depth (a 200 KB file
        was killed for want of memory), and the tasks are read only after this pass."""
        self._check_numbers()
        depth = 0
        with self._open() as handle:
            try:
                for event, _ in ijson.basic_parse(handle):
                    if event in _OPENING:
                        depth += 1
                        if depth > MAX_DEPTH:
                            raise _unreadable(self.path, f"nested deeper than {MAX_DEPTH} levels: not an export")
                    elif event in _CLOSING:
                        depth -= 1
            except _PARSE_ERRORS as error:
                raise _unreadable(self.path, f"cut short or not valid JSON ({error})") from None

    def _check_numbers(self) -> None:
        """Refuse a run of digits too long for an int (see :data:`_LONG_NUMBER`), read in chunks that
        overlap by the run's length so that none is missed at a chunk's edge."""
        tail = b""
        with self._open() as handle:
            try:
                while chunk := handle.read(_CHUNK):
                    if _LONG_NUMBER.search(tail + chunk):
                        raise _unreadable(self.path, "a number of thousands of digits: not an export")
                    tail = chunk[-(_LONG_RUN + 64) :]  # a value's start and its spaces may precede the run
            except _READ_ERRORS as error:
                raise _unreadable(self.path, f"not a readable gzip or JSON file ({error})") from None

    def _json_scalar(self) -> bool:
        """Whether the file is one JSON value that is not an object or a list (null, 5, "x", true)."""
        with self._open() as handle:
            try:
                head = handle.read(4096)
            except _READ_ERRORS:
                return False
        try:
            return not isinstance(json.loads(head), (dict, list)) if len(head) < 4096 else False
        except ValueError:
            return False

    def _first_bytes(self) -> bytes:
        with self._open() as handle:
            try:
                return handle.read(4096).lstrip()[:1]
            except _READ_ERRORS as error:
                raise _unreadable(self.path, f"not a readable gzip or JSON file ({error})") from None

    def _wrong_shape(self, first: bytes) -> UsageError:
        if first == b"{":
            return _unreadable(self.path, "a JSON object, not a Label Studio export (a list of tasks)")
        if self._json_scalar():
            return _unreadable(self.path, "a single JSON value (null, a number, a string), not a list of tasks")
        if first and first.isalnum():
            return _refuse_lossy(self.path, "CSV, TSV or CONLL")
        return _unreadable(self.path, "not JSON")

    def tasks(self) -> Generator[Any, None, None]:
        """Every item of the export, in file order (each is checked by the conversion). An object that
        gives a key twice refuses the export (E211): a reader keeps one value and drops the other
        without a word (``"id"`` twice would file an annotation under another task)."""
        repeated: list[str] = []

        class KeysOnce(dict[str, Any]):
            def __setitem__(self, key: str, value: Any) -> None:
                if key in self:
                    repeated.append(key)
                dict.__setitem__(self, key, value)

        with self._open() as handle:
            try:
                for number, task in enumerate(ijson.items(handle, "item", use_float=True, map_type=KeysOnce), 1):
                    if repeated:
                        raise _unreadable(self.path, f"an object of item {number} gives the key {repeated[0]!r} twice")
                    yield task
            except _PARSE_ERRORS as error:
                raise _unreadable(self.path, f"cut short or not valid JSON ({error})") from None


def open_exports(paths: list[str]) -> list[ExportFile]:
    """Every export file, checked before anything is converted (one bad file: nothing imported)."""
    return [ExportFile(path) for path in paths]
