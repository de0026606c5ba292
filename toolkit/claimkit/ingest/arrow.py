"""Parquet files and ``datasets`` datasets as a stream of records: the one ingest module that imports
pyarrow and datasets (claimkit.release is the other), so ``import claimkit`` stays light.

Parquet is read in row batches and a ``save_to_disk`` folder through its memory map, so memory
stays flat whatever the size. A Hub id is streamed when online; offline it is a coded error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimkit.ingest.codes import HUB_UNAVAILABLE, MISSING_DEPENDENCY, IngestError
from claimkit.ingest.readers import Item, missing_fields
from claimkit.ingest.records import FieldMap, Record, json_safe

__all__ = ["is_dataset_folder", "read", "read_hub"]

_BATCH = 256
_DATASET_FILES = ("dataset_info.json", "dataset_dict.json", "state.json")


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


def _record(row: dict[str, Any], where: str, number: int) -> Record:
    return Record({key: json_safe(value) for key, value in row.items()}, where, number, number)


def _rows(batches: Iterator[Any], where: str) -> Iterator[Item]:
    number = 0
    for batch in batches:
        for row in batch.to_pylist():
            number += 1
            yield _record(row, where, number)


def _parquet(path: Path, fields: FieldMap) -> Iterator[Item]:
    parquet = _module("pyarrow")
    source = parquet.ParquetFile(path)
    where = str(path)
    problem = missing_fields(source.schema_arrow.names, fields, where)
    if problem is not None:
        yield problem
        return
    yield from _rows(source.iter_batches(batch_size=_BATCH), where)


def _splits(loaded: Any) -> list[tuple[str | None, Any]]:
    """``(split name, dataset)`` of a Dataset (no name) or every split of a DatasetDict, sorted."""
    if hasattr(loaded, "column_names") and not isinstance(loaded.column_names, dict):
        return [(None, loaded)]
    return [(name, loaded[name]) for name in sorted(loaded)]


def _dataset_rows(dataset: Any, where: str, fields: FieldMap) -> Iterator[Item]:
    problem = missing_fields(dataset.column_names or [], fields, where)
    if problem is not None:
        yield problem
        return
    table = dataset.with_format("arrow")
    batches = (table[start : start + _BATCH] for start in range(0, len(dataset), _BATCH))
    yield from _rows(batches, where)


def _dataset(path: Path, fields: FieldMap) -> Iterator[Item]:
    loaded = _module("datasets").load_from_disk(str(path))
    for split, dataset in _splits(loaded):
        yield from _dataset_rows(dataset, f"{path}[{split}]" if split else str(path), fields)


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
        problem = missing_fields(stream.column_names or [], fields, where) if stream.column_names else None
        if problem is not None:
            yield problem
            continue
        yield from (_record(row, where, number) for number, row in enumerate(stream, start=1))
