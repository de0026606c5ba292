"""Writing a release folder: Parquet per config and split, then the card, schema, changelog,
Croissant metadata, ``SHA256SUMS`` and ``manifest.json``.

Parquet files are fed in buffered batches (memory is bounded by a batch, not by the corpus): rows
are turned into Arrow record batches a tenth of a row group at a time, since a row as Python objects
takes two to three times the memory of its Arrow form, and a row group is written once a config's
batch is full. The other files go through :mod:`claimkit.storage`, so every file gets the mode the umask gives (0644
for the usual 022) and never a half-written state.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from claimkit import __version__
from claimkit.contracts import document_file_schema
from claimkit.model import Annotation, Document
from claimkit.release.card import CardInputs, render_card
from claimkit.release.configs import CONFIGS
from claimkit.release.croissant import croissant
from claimkit.release.features import row_encoder
from claimkit.release.labels import LabelIds
from claimkit.release.verify import CHECKSUMS, MANIFEST, sha256_file
from claimkit.storage import atomic_write_text, dump_json

__all__ = ["CHECKSUMS", "ParquetWriters", "write_metadata"]

#: ``sha256sum -c SHA256SUMS`` checks every file but itself and the manifest, without claimkit.


#: Rows are made Arrow record batches this many times per row group.
_PIECES = 10

Key = tuple[str, str]  # (config, split)


class ParquetWriters:
    """One Parquet writer per (config, split), fed in buffered batches of rows."""

    def __init__(self, folder: Path, labels: LabelIds) -> None:
        self.folder = folder
        self.configs = {config.name: config for config in CONFIGS}
        self.features = {config.name: config.features(labels) for config in CONFIGS}
        self.encoders = {name: row_encoder(features) for name, features in self.features.items()}
        self.buffers: dict[Key, list[dict[str, Any]]] = {}  # rows as Python objects
        self.batches: dict[Key, list[pa.RecordBatch]] = {}  # rows in Arrow form, for the next row group
        self.pending: Counter[Key] = Counter()  # rows of the next row group, in both forms
        self.writers: dict[Key, pq.ParquetWriter] = {}

    def add_document(self, document: Document, gold: Annotation, split: str) -> dict[str, int]:
        """Every config's rows of one document; returns how many rows each config got."""
        counts = {}
        for name, config in self.configs.items():
            rows = config.rows(document, gold)
            counts[name] = len(rows)
            buffer = self.buffers.setdefault((name, split), [])
            buffer.extend(rows)
            self.pending[(name, split)] += len(rows)
            if self.pending[(name, split)] >= config.batch_rows:
                self._flush(name, split)
            elif len(buffer) >= max(1, config.batch_rows // _PIECES):
                self._to_arrow(name, split)
        return counts

    def _to_arrow(self, config: str, split: str) -> None:
        """The buffered rows of ``(config, split)`` as one more record batch."""
        rows = self.buffers.get((config, split)) or []
        batches = self.batches.setdefault((config, split), [])
        if rows:
            encoded = list(map(self.encoders[config], rows))
            batches.append(pa.RecordBatch.from_pylist(encoded, schema=self.features[config].arrow_schema))
            self.buffers[(config, split)] = []

    def _writer(self, config: str, split: str) -> pq.ParquetWriter:
        writer = self.writers.get((config, split))
        if writer is None:
            path = self.folder / "data" / config / f"{split}-00000-of-00001.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            schema = self.features[config].arrow_schema
            writer = pq.ParquetWriter(path, schema, compression="zstd", write_statistics=True)
            self.writers[(config, split)] = writer
        return writer

    def _flush(self, config: str, split: str) -> None:
        """Write what ``(config, split)`` holds as one row group."""
        self._to_arrow(config, split)
        batches = self.batches.pop((config, split), [])
        self.pending[(config, split)] = 0
        if batches:
            table = pa.Table.from_batches(batches, schema=self.features[config].arrow_schema)
            self._writer(config, split).write_table(table, row_group_size=table.num_rows)

    def close(self) -> dict[str, list[str]]:
        """Flush and close; returns each config's non-empty splits."""
        for config, split in list(self.buffers):
            self._flush(config, split)
        for writer in self.writers.values():
            writer.close()
        return {config: [s for (c, s) in self.writers if c == config] for config in self.configs}


def _files(folder: Path, *skip: str) -> dict[str, Path]:
    found = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
    return {name: path for name, path in found.items() if name not in skip}


def _manifest(inputs: CardInputs, files: dict[str, dict[str, Any]]) -> dict[str, Any]:
    record, stats = inputs.record, inputs.stats
    return {
        "name": inputs.settings.name,
        "version": inputs.version,
        "date": record.date.isoformat(),
        "corpus_commit": record.corpus_commit,
        "schema_version": record.schema_version,
        "guidelines_version": record.guidelines_version,
        "claimkit_version": __version__,
        "counts": {
            "documents": dict(sorted(stats.documents.items())),
            **{config: dict(sorted(rows.items())) for config, rows in sorted(stats.rows.items())},
        },
        "files": files,
    }


def _write_checksums(folder: Path) -> dict[str, dict[str, Any]]:
    """``SHA256SUMS`` of every file so far; returns what the manifest lists (with the sums file)."""
    listed = {name: {"sha256": sha256_file(p), "bytes": p.stat().st_size} for name, p in _files(folder).items()}
    atomic_write_text(folder / CHECKSUMS, "".join(f"{e['sha256']}  {name}\n" for name, e in listed.items()))
    sums = folder / CHECKSUMS
    listed[CHECKSUMS] = {"sha256": sha256_file(sums), "bytes": sums.stat().st_size}
    return dict(sorted(listed.items()))


def write_metadata(folder: Path, inputs: CardInputs, changelog: str, agreement_text: str | None) -> None:
    """Everything but the data: card, schema, changelog, Croissant, checksums and manifest (last)."""
    atomic_write_text(folder / "README.md", render_card(inputs))
    atomic_write_text(folder / "schema.json", dump_json(document_file_schema()))
    atomic_write_text(folder / "CHANGELOG.md", changelog)
    data = {name: sha256_file(p) for name, p in _files(folder).items() if name.endswith(".parquet")}
    atomic_write_text(folder / "croissant.json", dump_json(croissant(inputs, data, agreement_text)))
    files = _write_checksums(folder)
    text = json.dumps(_manifest(inputs, files), ensure_ascii=False, indent=2) + "\n"
    atomic_write_text(folder / MANIFEST, text)
