"""The Parquet writers hold rows in Arrow form between row groups: the files must hold exactly the rows,
in order, with row groups cut where the configured batch size says."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from benchmarks.corpus import generate_document, vocabulary

from claimkit.model import DocumentFile
from claimkit.release import writers
from claimkit.release.configs import CONFIGS
from claimkit.release.labels import assign_ids
from claimkit.release.writers import ParquetWriters


def _files(count: int) -> list[DocumentFile]:
    words = vocabulary()
    made = (generate_document(index, random.Random(index), words, claims=6) for index in range(count))
    return [DocumentFile.model_validate(document) for document in made]


def _split(file: DocumentFile) -> str:
    return "train" if int(file.document.id[-1]) % 3 else "test"


def _write(folder: Path, files: list[DocumentFile]) -> dict[str, list[str]]:
    parquet = ParquetWriters(folder, assign_ids(None))
    for file in files:
        assert file.gold is not None
        parquet.add_document(file.document, file.gold, _split(file))
    return parquet.close()


def _cuts(rows_per_document: list[int], batch_rows: int) -> list[int]:
    """The row groups a writer must cut: one as soon as a batch is full, at a document's end."""
    sizes, pending = [], 0
    for rows in rows_per_document:
        pending += rows
        if pending >= batch_rows:
            sizes, pending = [*sizes, pending], 0
    return sizes + ([pending] if pending else [])


@pytest.mark.parametrize("batch_rows", [1, 7, 40])
def test_row_groups_are_cut_at_the_batch_size_and_hold_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_rows: int
) -> None:
    files = _files(30)
    whole = _write(tmp_path / "whole", files)  # the configured sizes: one row group per file here
    small = [dataclasses.replace(config, batch_rows=batch_rows) for config in CONFIGS]
    monkeypatch.setattr(writers, "CONFIGS", tuple(small))
    cut_splits = _write(tmp_path / "cut", files)
    assert {name: sorted(splits) for name, splits in cut_splits.items()} == {
        name: sorted(splits) for name, splits in whole.items()
    }
    for config in CONFIGS:
        for split in whole[config.name]:
            name = f"data/{config.name}/{split}-00000-of-00001.parquet"
            cut, expected = pq.ParquetFile(tmp_path / "cut" / name), pq.read_table(tmp_path / "whole" / name)
            assert cut.read().to_pylist() == expected.to_pylist()
            sizes = [cut.metadata.row_group(n).num_rows for n in range(cut.metadata.num_row_groups)]
            rows = [len(config.rows(f.document, f.gold)) for f in files if f.gold and _split(f) == split]
            assert sizes == _cuts(rows, batch_rows)
