"""Parquet shards of article rows and of proposal rows, read and written in bounded batches.

Here because claimkit.release is where pyarrow is imported; the engines call these functions (Ray
Data reads and writes Parquet itself, and uses :func:`proposal_table` for the schema).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = [
    "PROPOSAL_SCHEMA",
    "ROW_NUMBER",
    "DamagedShardError",
    "ParquetRowWriter",
    "numbered_lines",
    "numbered_row_tables",
    "parquet_problem",
    "proposal_table",
    "read_parquet_rows",
    "read_rows_from",
    "repeated_column",
]

#: The column :func:`numbered_row_tables` adds to each row: its number in its shard (from 1).
ROW_NUMBER = "\x00claimkit row number"


class DamagedShardError(Exception):
    """A Parquet file whose footer is sound and whose data is not, found while reading it (one
    message argument: it crosses process boundaries, as a Ray task's error does)."""


#: The columns of a proposal row (see claimkit.preannotate.apply.ROW_FIELDS), typed once for every writer.
PROPOSAL_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("text_sha256", pa.string()),
        ("generator", pa.string()),
        ("version", pa.string()),
        ("score", pa.float64()),
        ("claims", pa.int64()),
        ("cues", pa.int64()),
        ("sources", pa.int64()),
        ("proposal", pa.large_string()),
        ("issues", pa.string()),
    ]
)


def proposal_table(rows: Sequence[dict[str, Any]]) -> Any:
    """Proposal rows as an Arrow table with :data:`PROPOSAL_SCHEMA`."""
    return pa.Table.from_pylist(list(rows), schema=PROPOSAL_SCHEMA)


def parquet_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as Parquet (its footer and schema), or ``None`` when it can."""
    try:
        with pq.ParquetFile(path) as parquet:
            parquet.schema_arrow  # noqa: B018 - reading the schema is the check
    except (OSError, pa.ArrowException) as error:
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    return None


def repeated_column(path: Path) -> str | None:
    """A column the schema of a readable Parquet file names twice (the first such, by name), or ``None``:
    a reader keeps only one of the two, and it would be a guess which holds the article."""
    with pq.ParquetFile(path) as parquet:
        names = parquet.schema_arrow.names
    return min((name for name in names if names.count(name) > 1), default=None)


def read_parquet_rows(
    path: Path, batch_size: int = 256, columns: list[str] | None = None
) -> Iterator[list[dict[str, Any]]]:
    """The rows of a Parquet file, ``batch_size`` at a time (never the whole file in memory);
    :class:`DamagedShardError` for data found damaged."""
    with pq.ParquetFile(path) as parquet:
        yield from _rows_of(parquet.iter_batches(batch_size=batch_size, columns=columns), path.name)


def _rows_of(batches: Iterator[Any], name: str) -> Iterator[list[dict[str, Any]]]:
    """Record batches as Python rows; damage found on the way (a bad page, a string that is not
    UTF-8) is :class:`DamagedShardError`."""
    try:
        for batch in batches:
            yield batch.to_pylist()
    except (OSError, pa.ArrowException, UnicodeDecodeError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DamagedShardError(f"{name}: damaged Parquet data: {reason}") from None


def numbered_row_tables(source: Any, name: str, batch_size: int) -> Iterator[Any]:
    """The rows of a Parquet file (``source``: an open random-access file) as Arrow tables of
    ``batch_size`` rows: each row's number in the file (column :data:`ROW_NUMBER`), the row as JSON
    (``row``, as :func:`~claimkit.preannotate.apply.article_row` makes it: a binary text decoded,
    values JSON-safe) and why it is not an article (``problem``: a binary text that is not UTF-8), or
    null. One schema for every shard, whatever its columns' types: a read task may put the rows of two
    shards in one block, and Arrow cannot merge a string column with an integer one."""
    from claimkit.preannotate.apply import article_row

    first = 1
    for rows in _rows_of(pq.ParquetFile(source).iter_batches(batch_size=batch_size), name):
        numbers = pa.array(range(first, first + len(rows)), pa.int64())
        read = [article_row(row) for row in rows]
        texts = pa.array([json.dumps(row, ensure_ascii=False) for row, _ in read], pa.large_string())
        problems = pa.array([problem for _, problem in read], pa.string())
        yield pa.table({ROW_NUMBER: numbers, "row": texts, "problem": problems})
        first += len(rows)


def numbered_lines(data: bytes) -> Any:
    """The lines of a JSON Lines file as an Arrow table: ``line`` (its number, from 1) and ``bytes``.
    Lines end at ``\\n`` only: U+2028, U+0085 and form feeds are content (``str.splitlines`` would
    break there), and each line is decoded on its own later."""
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()  # the end of the last line, not a line
    return pa.table({"line": pa.array(range(1, len(lines) + 1), pa.int64()), "bytes": pa.array(lines, pa.binary())})


def read_rows_from(path: Path) -> list[dict[str, Any]]:
    """Every row of a Parquet file or of a folder of them (for tests and small outputs)."""
    files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
    return [row for file in files for batch in read_parquet_rows(file) for row in batch]


class ParquetRowWriter:
    """Appends proposal rows to one Parquet file, one row group per call; close() finishes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer = pq.ParquetWriter(path, PROPOSAL_SCHEMA, compression="zstd")

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self._writer.write_table(proposal_table(rows))

    def close(self) -> None:
        self._writer.close()
