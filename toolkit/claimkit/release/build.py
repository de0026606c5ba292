"""``claimkit release``: build ``dist/<name>-<version>/`` from the gold annotations of the corpus.

One pass over the documents in id order writes every config and split as Parquet through
buffered writers (memory is bounded by a batch, not by the corpus), then the card, the JSON
Schema, Croissant metadata, the changelog and a manifest with every file's SHA-256. The folder
is built next to its target and renamed into place, so no half-built release is ever visible.
Nothing depends on the clock or on file system order: building twice from the same commit gives
byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from claimkit import __version__
from claimkit.agreement.summary import agreement_texts
from claimkit.contracts import document_file_schema
from claimkit.errors import INVALID_CORPUS, NOTHING_TO_RELEASE, ReleaseError
from claimkit.issues import Report
from claimkit.loading import find_document_files, load_file
from claimkit.model import SCHEMA_VERSION, Annotation, Document
from claimkit.release.card import CardInputs, Statistics, changelog_markdown, render_card
from claimkit.release.croissant import croissant
from claimkit.release.features import CONFIGS, features_for, row_encoder
from claimkit.release.rows import claim_rows, document_row, sentence_rows, source_rows
from claimkit.release.settings import DatasetSettings
from claimkit.release.splits import assign_split
from claimkit.release.versions import (
    RecordedDocument,
    ReleaseRecord,
    check_version,
    content_hash,
    current_label_sets,
    encode_claims,
    load_records,
    write_record,
)
from claimkit.storage import dump_json
from claimkit.taxonomy import GUIDELINES_VERSION
from claimkit.validate import ValidationOptions, validate_paths

__all__ = ["BuildResult", "build_release", "corpus_record"]

SNAPSHOT = "snapshot"
#: Rows buffered per (config, split) before a row group is written: bounds memory whatever the corpus
#: size. A ``documents`` row is a whole article, so it gets a smaller budget.
_BATCH_ROWS = {"documents": 200, "claims": 5_000, "sources": 5_000, "sentences": 5_000}
_ROW_MAKERS = {
    "claims": claim_rows,
    "documents": lambda document, gold: [document_row(document, gold)],
    "sources": source_rows,
    "sentences": sentence_rows,
}


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    version: str
    action: str  # "new", "rebuild" or "snapshot"
    record: ReleaseRecord
    stats: Statistics


class _Writers:
    """One Parquet writer per (config, split), fed in buffered batches of rows."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.features = {config: features_for(config) for config in CONFIGS}
        self.encoders = {config: row_encoder(config) for config in CONFIGS}
        self.buffers: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.writers: dict[tuple[str, str], pq.ParquetWriter] = {}

    def add(self, config: str, split: str, rows: list[dict[str, Any]]) -> None:
        buffer = self.buffers.setdefault((config, split), [])
        buffer.extend(rows)
        if len(buffer) >= _BATCH_ROWS[config]:
            self._flush(config, split)

    def _flush(self, config: str, split: str) -> None:
        rows = self.buffers.get((config, split)) or []
        if not rows:
            return
        features = self.features[config]
        table = pa.Table.from_pylist(list(map(self.encoders[config], rows)), schema=features.arrow_schema)
        writer = self.writers.get((config, split))
        if writer is None:
            path = self.folder / "data" / config / f"{split}-00000-of-00001.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(path, features.arrow_schema, compression="zstd", write_statistics=True)
            self.writers[(config, split)] = writer
        writer.write_table(table)
        self.buffers[(config, split)] = []

    def close(self) -> dict[str, list[str]]:
        """Flush and close; returns each config's non-empty splits."""
        for config, split in list(self.buffers):
            self._flush(config, split)
        for writer in self.writers.values():
            writer.close()
        return {config: [s for (c, s) in self.writers if c == config] for config in CONFIGS}


def _git(*args: str, cwd: Path) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def corpus_commit(corpus: Path) -> tuple[str, date]:
    """The last commit that touched the corpus and its date (``-dirty`` if the corpus has changes)."""
    found = _git("log", "-1", "--format=%H %cs", "--", ".", cwd=corpus)
    if not found:
        return "unknown", date(1970, 1, 1)
    commit, day = found.split()
    if _git("status", "--porcelain", "--", ".", cwd=corpus):
        commit += "-dirty"
    return commit, date.fromisoformat(day)


def _checked_corpus(corpus: Path, jobs: int) -> Report:
    report = validate_paths([corpus], ValidationOptions(), jobs=jobs)
    if report.failed():
        raise ReleaseError(
            INVALID_CORPUS,
            f"the corpus in {corpus} fails `claimkit validate`; a release is only built from a valid corpus",
            hint=f"run `claimkit validate {corpus}` and fix the errors",
        )
    return report


def _gold_documents(
    corpus: Path, settings: DatasetSettings, stats: Statistics
) -> Iterator[tuple[Document, Annotation, str]]:
    """Documents with gold, in id order, with their split; the others are noted as left out."""
    files, _ = find_document_files([corpus])
    for path in sorted(files, key=lambda p: p.name):
        loaded = load_file(path)
        if loaded.file is None:  # validated just before: only a file changed meanwhile gets here
            raise ReleaseError(INVALID_CORPUS, f"{path} could not be read while building the release")
        if len(loaded.file.annotations) >= 2:  # the agreement section needs them, gold or not
            stats.multi_annotated.append(loaded.file)
        stats.acceptance.add(loaded.file)
        if loaded.file.gold is None:
            stats.left_out.append(loaded.file.document.id)
            continue
        document = loaded.file.document
        stats.guideline_versions.add(loaded.file.gold.guideline_version)
        yield document, loaded.file.gold, assign_split(document.id, settings.split_ratios, settings.split_salt)


def _recorded(document: Document, gold: Annotation, split: str) -> RecordedDocument:
    return RecordedDocument(sha256=content_hash(document, gold), split=split, claims=encode_claims(gold))


def _write_documents(
    corpus: Path, writers: _Writers, settings: DatasetSettings
) -> tuple[dict[str, RecordedDocument], Statistics]:
    stats = Statistics()
    documents: dict[str, RecordedDocument] = {}
    for document, gold, split in _gold_documents(corpus, settings, stats):
        documents[document.id] = _recorded(document, gold, split)
        _count(stats, document, gold, split)
        for config, make in _ROW_MAKERS.items():
            rows = make(document, gold)
            stats.add_rows(config, split, len(rows))
            writers.add(config, split, rows)
    return documents, stats


def _record(
    version: str,
    commit: str,
    day: date,
    settings: DatasetSettings,
    documents: dict[str, RecordedDocument],
    notes: str | None,
    stats: Statistics,
) -> ReleaseRecord:
    return ReleaseRecord(
        version=version,
        date=day,
        corpus_commit=commit,
        schema_version=SCHEMA_VERSION,
        guidelines_version=_guidelines_followed(stats),
        split_ratios=settings.split_ratios,
        split_salt=settings.split_salt,
        label_sets=current_label_sets(),
        documents=documents,
        notes=notes,
    )


def _guidelines_followed(stats: Statistics) -> str:
    """The guideline version the released gold follows: the newest among its annotations (minor versions
    of one major are compatible), or the current one when there is no gold."""
    return max(stats.guideline_versions, key=lambda v: tuple(map(int, v.split("."))), default=GUIDELINES_VERSION)


def corpus_record(corpus: Path, settings: DatasetSettings) -> ReleaseRecord:
    """The record the corpus would have if released now (version ``current``), without writing anything."""
    stats = Statistics()
    documents = {d.id: _recorded(d, g, split) for d, g, split in _gold_documents(corpus, settings, stats)}
    commit, day = corpus_commit(corpus)
    return _record("current", commit, day, settings, documents, None, stats)


def _count(stats: Statistics, document: Document, gold: Annotation, split: str) -> None:
    stats.documents[split] += 1
    kinds = {source.id: source.kind.value if source.kind else "unspecified" for source in gold.sources}
    categories = stats.categories.setdefault(split, Counter())
    for claim in gold.claims:
        categories[claim.category.value] += 1
        stats.source_kinds[kinds.get(claim.source or "", "none")] += 1


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_text(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _finish(folder: Path, inputs: CardInputs, changelog: str, agreement_text: str | None) -> None:
    _write_text(folder, "README.md", render_card(inputs))
    _write_text(folder, "schema.json", dump_json(document_file_schema()))
    _write_text(folder, "CHANGELOG.md", changelog)
    data = {str(p.relative_to(folder)): _sha256(p) for p in sorted(folder.rglob("*.parquet"))}
    _write_text(folder, "croissant.json", dump_json(croissant(inputs, data, agreement_text)))
    files = {
        str(p.relative_to(folder)): {"sha256": _sha256(p), "bytes": p.stat().st_size}
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    record = inputs.record
    manifest = {
        "name": inputs.settings.name,
        "version": inputs.version,
        "date": record.date.isoformat(),
        "corpus_commit": record.corpus_commit,
        "schema_version": record.schema_version,
        "guidelines_version": record.guidelines_version,
        "claimkit_version": __version__,
        "counts": {
            "documents": dict(sorted(inputs.stats.documents.items())),
            **{config: dict(sorted(rows.items())) for config, rows in sorted(inputs.stats.rows.items())},
        },
        "files": files,
    }
    _write_text(folder, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


def _move_into_place(built: Path, target: Path) -> None:
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
        os.replace(built, target)
        shutil.rmtree(old)
    else:
        os.replace(built, target)


def build_release(
    corpus: Path,
    version: str | None,
    out: Path,
    *,
    records: Path,
    settings: DatasetSettings,
    notes: str | None = None,
    jobs: int = 1,
) -> BuildResult:
    """Build a release (``version=None``: an unrecorded snapshot)."""
    _checked_corpus(corpus, jobs)
    commit, day = corpus_commit(corpus)
    name = f"{settings.name}-{version or SNAPSHOT}"
    out.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{name}.building-", dir=out))
    try:
        writers = _Writers(building)
        documents, stats = _write_documents(corpus, writers, settings)
        splits = writers.close()
        record = _record(version or "0.0.0", commit, day, settings, documents, notes, stats)
        if not documents:
            raise ReleaseError(
                NOTHING_TO_RELEASE, "no document of the corpus has a gold annotation; there is nothing to release"
            )
        known = load_records(records) if records.is_dir() else {}
        action = check_version(known, record) if version else SNAPSHOT
        if action == "rebuild":
            record = known[record.version]  # same content: keep the recorded date, commit and notes
        agreement = agreement_texts(stats.multi_annotated)  # from the documents this pass read, not a new read
        inputs = CardInputs(
            settings, version or f"{SNAPSHOT} (unreleased)", record, stats, splits, agreement[0] if agreement else None
        )
        changelog = changelog_markdown(known, record, snapshot=version is None)
        _finish(building, inputs, changelog, agreement[1] if agreement else None)
        target = out / name
        _move_into_place(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    if action == "new":
        write_record(records, record)
    return BuildResult(target, version or SNAPSHOT, action, record, stats)
