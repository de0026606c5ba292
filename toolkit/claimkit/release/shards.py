"""Parquet shards of article rows and of proposal rows, read and written in bounded batches.

Here because claimkit.release is where pyarrow is imported; the engines call these functions (Ray
Data reads and writes Parquet itself, and uses :func:`proposal_table` for the schema).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["PROPOSAL_SCHEMA", "ParquetRowWriter", "proposal_table", "read_parquet_rows", "read_rows_from"]

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


def read_parquet_rows(
    path: Path, batch_size: int = 256, columns: list[str] | None = None
) -> Iterator[list[dict[str, Any]]]:
    """The rows of a Parquet file, ``batch_size`` at a time (never the whole file in memory)."""
    with pq.ParquetFile(path) as parquet:
        for batch in parquet.iter_batches(batch_size=batch_size, columns=columns):
            yield batch.to_pylist()


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
