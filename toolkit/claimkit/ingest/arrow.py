"""Parquet files and ``datasets`` datasets as a stream of records: the one ingest module that imports
pyarrow and datasets (claimkit.release is the other), so ``import claimkit`` stays light.

Parquet is read in row batches and a ``save_to_disk`` folder through its memory map, so memory
stays flat whatever the size. A Hub id is streamed when online; offline it is a coded error. A file
or folder that is damaged or not what it claims to be (a truncated download) is F001 where it is
met: before the first row, or at the row where reading stopped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimkit.ingest.codes import HUB_UNAVAILABLE, MISSING_DEPENDENCY, IngestError
from claimkit.ingest.readers import Item, column_problem
from claimkit.ingest.records import FieldMap, Record, Unread, json_safe
from claimkit.loading import NOT_UTF8, UNREADABLE_FILE, not_regular

__all__ = ["is_dataset_folder", "read", "read_hub"]

_BATCH = 256
_DATASET_FILES = ("dataset_info.json", "dataset_dict.json", "state.json")
_PARQUET_HINT = "Download or export the file again (a Parquet file ends with the bytes `PAR1`), or leave it out."
_DATASET_HINT = "Write the folder again with `save_to_disk`, or leave it out."


def is_dataset_folder(path: Path) -> bool:
    """Whether a folder was written by ``Dataset.save_to_disk`` or ``DatasetDict.save_to_disk``."""
    return any((path / name).is_file() for name in _DATASET_FILES)


def _module(name: str) -> Any:
    try:
        if name == "datasets":
            import datasets

            datasets.disable_progress_bars()
            return datasets
        import pyarrow.parquet

        return pyarrow.parquet
    except ImportError as error:
        raise IngestError(MISSING_DEPENDENCY, f"reading this input needs {name} ({error})") from error


def _read_errors() -> tuple[type[BaseException], ...]:
    """What pyarrow and datasets raise on a damaged input: ``load_from_disk`` alone raises KeyError,
    TypeError or AttributeError on a ``state.json`` or ``dataset_info.json`` of the wrong shape."""
    import pyarrow

    return (OSError, ValueError, LookupError, TypeError, AttributeError, pyarrow.ArrowException)


def _unreadable(where: str, what: str, error: BaseException, hint: str, *, midway: bool = False) -> Unread:
    """F001 for an input that cannot be read (``midway``: from a row on, located at it by :func:`_records`)."""
    rest = "the rows from this one on cannot be read: " if midway else ""
    message = f"{rest}not a readable {what} (damaged, or another format): {type(error).__name__}: {error}"
    return Unread(UNREADABLE_FILE.issue(message, file=where, hint=hint))


def _not_utf8(key: str, value: bytes, error: UnicodeDecodeError, where: str) -> Unread:
    byte = f"byte 0x{value[error.start]:02x} at byte offset {error.start}"
    message = f"the binary field {key!r} is not UTF-8 text ({byte}): the row was not read"
    hint = "Store the column as UTF-8 text (a string column), or decode it to text before ingest."
    return Unread(NOT_UTF8.issue(message, file=where, hint=hint))


def _decoded(row: dict[str, Any], fields: FieldMap, where: str) -> dict[str, Any] | Unread:
    """The row with the bytes of a field mapped to the document (a binary text column) decoded as UTF-8.

    Written as JSON they would be base64, which no one reads as the article; bytes in the other
    fields stay base64 in ``source_fields``, as they came."""
    decoded = dict(row)
    for key in set(fields.sources().values()) & row.keys():
        value = row[key]
        if not isinstance(value, bytes):
            continue
        try:
            decoded[key] = value.decode("utf-8")
        except UnicodeDecodeError as error:
            return _not_utf8(key, value, error, where)
    return decoded


def _record(row: dict[str, Any] | Unread, where: str, number: int, fields: FieldMap) -> Item:
    """A row as a record at its row number; a NaN stays a NaN, to be refused as in JSON Lines (not null)."""
    row = row if isinstance(row, Unread) else _decoded(row, fields, where)
    if isinstance(row, Unread):
        return Unread(row.issue.located(line=number))
    return Record({key: json_safe(value, keep_nonfinite=True) for key, value in row.items()}, where, number, number)


def _records(rows: Iterable[dict[str, Any] | Unread], where: str, fields: FieldMap) -> Iterator[Item]:
    return (_record(row, where, number, fields) for number, row in enumerate(rows, start=1))


def _next_rows(batches: Iterator[Any]) -> list[dict[str, Any]] | None:
    batch = next(batches, None)
    return None if batch is None else batch.to_pylist()


def _rows(batches: Iterator[Any], where: str, what: str, hint: str) -> Iterator[dict[str, Any] | Unread]:
    """The rows of ``batches``; a batch that cannot be read ends them with F001 in its first row's place."""
    while True:
        try:
            rows = _next_rows(batches)
        except _read_errors() as error:  # a Parquet file whose footer is sound but whose data is not
            yield _unreadable(where, what, error, hint, midway=True)
            return
        if rows is None:
            return
        yield from rows


def _parquet(path: Path, fields: FieldMap) -> Iterator[Item]:
    parquet = _module("pyarrow")
    where = str(path)
    try:
        source = parquet.ParquetFile(path)
        columns = source.schema_arrow.names
    except _read_errors() as error:
        yield _unreadable(where, "Parquet file", error, _PARQUET_HINT)
        return
    problem = column_problem(columns, fields, where)
    if problem is not None:
        yield problem
        return
    rows = _rows(source.iter_batches(batch_size=_BATCH), where, "Parquet file", _PARQUET_HINT)
    yield from _records(rows, where, fields)


def _split_folders(path: Path) -> list[tuple[str | None, Path]]:
    """The folder of a Dataset (no split name), or of every split a DatasetDict's ``dataset_dict.json``
    lists, sorted: each split is loaded on its own, so one that cannot be is F001 and the others are read."""
    listed = path / "dataset_dict.json"
    if (path / "state.json").is_file() or not listed.is_file():  # the order load_from_disk tells them apart
        return [(None, path)]
    splits = json.loads(listed.read_text(encoding="utf-8"))["splits"]
    return [(str(name), path / str(name)) for name in sorted(splits)]


def _saved_without_rows(folder: Path) -> bool:
    """Whether ``save_to_disk`` wrote this split with no rows (no data file): ``datasets`` cannot load
    such a split back (IndexError), and it has no record to give."""
    try:
        state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
        return bool(state.get("_data_files") == [])
    except (OSError, ValueError, AttributeError):
        return False  # loading it says what is wrong


def _dataset_rows(dataset: Any, where: str, fields: FieldMap) -> Iterator[Item]:
    problem = column_problem(dataset.column_names or [], fields, where)
    if problem is not None:
        yield problem
        return
    table = dataset.with_format("arrow")
    batches = (table[start : start + _BATCH] for start in range(0, len(dataset), _BATCH))
    yield from _records(_rows(batches, where, "datasets folder", _DATASET_HINT), where, fields)


def _not_regular_within(folder: Path, where: str) -> Unread | None:
    """F001 for a ``save_to_disk`` folder holding a named pipe (or a socket, a device) where a file
    belongs: reading it would wait forever. A folder that cannot be listed is left to loading it."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    for name in names:
        why = not_regular(folder / name)
        if why is not None and not (folder / name).is_dir():
            message = f"not a readable datasets folder: {name} is {why}"
            return Unread(UNREADABLE_FILE.issue(message, file=where, hint=_DATASET_HINT))
    return None


def _dataset(path: Path, fields: FieldMap) -> Iterator[Item]:
    datasets = _module("datasets")
    if (problem := _not_regular_within(path, str(path))) is not None:
        yield problem
        return
    try:
        splits = _split_folders(path)
    except _read_errors() as error:
        yield _unreadable(str(path), "datasets folder", error, _DATASET_HINT)
        return
    for split, folder in splits:
        where = f"{path}[{split}]" if split else str(path)
        if split and (problem := _not_regular_within(folder, where)) is not None:
            yield problem
            continue
        if _saved_without_rows(folder):
            continue
        try:
            dataset = datasets.Dataset.load_from_disk(str(folder))
        except _read_errors() as error:
            yield _unreadable(where, "datasets folder", error, _DATASET_HINT)
            continue
        yield from _dataset_rows(dataset, where, fields)


def read(path: Path, fields: FieldMap, fmt: str) -> Iterator[Item]:
    """Every row of a Parquet file or of a ``save_to_disk`` folder, as records."""
    yield from _parquet(path, fields) if fmt == "parquet" else _dataset(path, fields)


def _hub_dataset(name: str) -> Any:
    datasets = _module("datasets")
    if os.environ.get("HF_HUB_OFFLINE") or os.environ.get("HF_DATASETS_OFFLINE"):
        raise IngestError(HUB_UNAVAILABLE, f"{name!r} is a Hub dataset id and the Hub is offline (HF_HUB_OFFLINE)")
    try:
        return datasets.load_dataset(name, streaming=True)
    except Exception as error:  # the Hub client raises many kinds: all mean "not reachable or not there"
        raise IngestError(HUB_UNAVAILABLE, f"cannot stream {name!r} from the Hub: {error}") from error


def read_hub(name: str, fields: FieldMap) -> Iterator[Item]:
    """Every row of every split of a Hub dataset, streamed (online only)."""
    for split in sorted(loaded := _hub_dataset(name)):
        where = f"hf://datasets/{name}[{split}]"
        stream = loaded[split]
        problem = column_problem(stream.column_names or [], fields, where) if stream.column_names else None
        if problem is not None:
            yield problem
            continue
        yield from _records(stream, where, fields)
