"""``claimkit release``: build ``dist/<name>-<version>/`` from the gold annotations of the corpus.

One pass over the document files in name order reads each file once: it is validated, counted for
agreement and licenses, and its gold annotation becomes the rows of every config and split (see
:mod:`claimkit.release.configs`), written as Parquet through buffered writers. If any file fails
validation nothing is published. Then come the card, the JSON Schema, Croissant metadata, the
changelog, ``SHA256SUMS`` and a manifest with every file's size and SHA-256. The folder is built
next to its target and renamed into place, so no half-built release is ever visible. Nothing
depends on the clock or on file system order: building twice from the same commit gives
byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from claimkit import collector
from claimkit.agreement.summary import AgreementSummary
from claimkit.errors import INVALID_CORPUS, NOTHING_TO_RELEASE, ReleaseError
from claimkit.issues import Issue, Report, Severity
from claimkit.model import SCHEMA_VERSION, Annotation, Document, DocumentFile
from claimkit.release.card import CardInputs, Statistics
from claimkit.release.changelog import changelog_markdown
from claimkit.release.labels import LabelIds, assign_ids
from claimkit.release.licenses import DocumentLicenses, dataset_license, summarize_licenses
from claimkit.release.place import building_folder, move_into_place, put_back_replaced, refuse_target
from claimkit.release.recorded import RecordedDocuments
from claimkit.release.settings import DatasetSettings
from claimkit.release.source import Checked, corpus_commit, read_corpus, refuse_uncommitted
from claimkit.release.splits import assign_split
from claimkit.release.versions import (
    RecordedDocument,
    ReleaseRecord,
    base_record,
    check_published_files,
    check_version,
    content_hash,
    encode_claims,
    load_records,
    parse_version,
    write_record,
)
from claimkit.release.writers import ParquetWriters, write_metadata
from claimkit.taxonomy import GUIDELINES_VERSION
from claimkit.validate import ValidationOptions

__all__ = ["BuildResult", "build_release", "corpus_record"]

SNAPSHOT = "snapshot"
#: Documents read, checked and taken together (see :meth:`_Pass.take_checked`); a few megabytes of models.
BATCH = 32


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    version: str
    action: str  # "new", "rebuild" or "snapshot"
    record: ReleaseRecord
    stats: Statistics
    report: Report  # warnings of the corpus and of the release (licenses)


@dataclass
class _Pass:
    """What one pass over the corpus gathers while it writes the rows."""

    labels: LabelIds
    settings: DatasetSettings
    writers: ParquetWriters
    report: Report = field(default_factory=Report)
    stats: Statistics = field(default_factory=Statistics)
    documents: RecordedDocuments = field(default_factory=RecordedDocuments)  # on disk, not in memory
    licenses: DocumentLicenses = field(default_factory=DocumentLicenses)
    agreement: AgreementSummary = field(default_factory=AgreementSummary)  # counts, not documents

    def take_checked(self, batch: list[Checked]) -> None:
        """Count a batch of checked files, and take those without an error, in order (agreement over
        all of them at once, step by step)."""
        passed = []
        for file, issues in batch:
            self.report.extend(issues)
            if file is not None and not any(issue.severity is Severity.ERROR for issue in issues):
                passed.append(file)
            self.report.files_checked += file is not None
        self.agreement.add_all(passed)
        for file in passed:
            self._take(file)

    def _take(self, file: DocumentFile) -> None:
        self.stats.acceptance.add(file)
        if file.gold is None:
            self.stats.left_out.append(file.document.id)
            return
        document, gold = file.document, file.gold
        split = assign_split(document.id, self.settings.split_ratios, self.settings.split_salt)
        self.documents.add(document.id, _recorded(document, gold, split, self.labels))
        self.licenses.add(document)
        self.stats.guideline_versions.add(gold.guideline_version)
        _count(self.stats, gold, split)
        self.stats.add_rows(split, self.writers.add_document(document, gold, split))


def _recorded(document: Document, gold: Annotation, split: str, labels: LabelIds) -> RecordedDocument:
    claims = encode_claims(gold, labels["ClaimCategory"])
    return RecordedDocument(sha256=content_hash(document, gold), split=split, claims=claims)


def _count(stats: Statistics, gold: Annotation, split: str) -> None:
    stats.documents[split] += 1
    kinds = {source.id: source.kind.value if source.kind else "unspecified" for source in gold.sources}
    categories = stats.categories.setdefault(split, Counter())
    for claim in gold.claims:
        categories[claim.category.value] += 1
        stats.source_kinds[kinds.get(claim.source or "", "none")] += 1


def _first_error(report: Report) -> Issue:
    return next(issue for issue in report.issues if issue.severity is Severity.ERROR)


def _read(corpus: Path, state: _Pass) -> None:
    """The pass: every file read once, validated, and taken into the release when it has no error.
    Files come in batches (:data:`BATCH`), the collector paused over each: see :meth:`_Pass.take_checked`."""
    with closing(collector.each_paused(read_corpus(corpus, ValidationOptions(), BATCH))) as batches:
        for batch in batches:
            state.take_checked(batch)
            del batch  # freed before the collector runs between batches (see collector.each_paused)
    if state.report.failed():
        first = _first_error(state.report)
        raise ReleaseError(
            INVALID_CORPUS,
            f"the corpus in {corpus} fails `claimkit validate` ({state.report.counts()['error']} errors; the first: "
            f"{first.code} {first.message} in {first.location})",
            hint=f"run `claimkit validate {corpus}` and fix the errors",
        )


def _guidelines_followed(versions: set[str]) -> str:
    """The guideline version the released gold follows: the newest among its annotations (minor versions
    of one major are compatible), or the current one when there is no gold."""
    return max(versions, key=lambda v: tuple(map(int, v.split("."))), default=GUIDELINES_VERSION)


def _record(  # noqa: PLR0913 - the parts of a release record
    version: str,
    commit: tuple[str, date],
    settings: DatasetSettings,
    labels: LabelIds,
    documents: Mapping[str, RecordedDocument],
    guidelines: set[str],
) -> ReleaseRecord:
    record = ReleaseRecord(
        version=version,
        date=commit[1],
        corpus_commit=commit[0],
        schema_version=SCHEMA_VERSION,
        guidelines_version=_guidelines_followed(guidelines),
        split_ratios=settings.split_ratios,
        split_salt=settings.split_salt,
        label_sets=labels,
        categories=labels["ClaimCategory"],
        documents={},
    )
    # not validated again: that would copy every document into memory (they were made as RecordedDocuments)
    return record.model_copy(update={"documents": documents})


def corpus_record(corpus: Path, settings: DatasetSettings, records: dict[str, ReleaseRecord]) -> ReleaseRecord:
    """The record the corpus would have if released now (version ``current``), without writing anything.

    Label ids continue those of the latest recorded release, as a release built now would."""
    base = base_record(records, None)
    labels = assign_ids(base.label_sets if base else None)
    documents, guidelines = RecordedDocuments(), set()
    with closing(collector.each_paused(read_corpus(corpus, ValidationOptions(codes=frozenset()), BATCH))) as batches:
        for batch in batches:
            guidelines.update(_record_gold(batch, settings, labels, documents))
            del batch  # freed before the collector runs between batches (see collector.each_paused)
    return _record("current", corpus_commit(corpus), settings, labels, documents, guidelines)


def _record_gold(
    batch: list[Checked], settings: DatasetSettings, labels: LabelIds, documents: RecordedDocuments
) -> set[str]:
    """Record the gold documents of a batch; returns the guideline versions they follow."""
    guidelines = set()
    for file, report in batch:
        if file is None:  # a diff against the corpus now must not read a missing file as a removed document
            first = next((issue for issue in report if issue.severity is Severity.ERROR), report[0])
            raise ReleaseError(
                INVALID_CORPUS,
                f"the corpus cannot be read: {first.code} {first.message} in {first.location}",
                hint="Fix the path (--corpus) or the file; `claimkit validate` on the corpus lists every problem.",
            )
        if file.gold is not None:
            split = assign_split(file.document.id, settings.split_ratios, settings.split_salt)
            documents.add(file.document.id, _recorded(file.document, file.gold, split, labels))
            guidelines.add(file.gold.guideline_version)
    return guidelines


def _published(folder: Path) -> dict[str, str]:
    """File -> SHA-256 of a built release folder: those its manifest lists, and the manifest's own."""
    raw = (folder / "manifest.json").read_bytes()
    listed = {name: entry["sha256"] for name, entry in json.loads(raw)["files"].items()}
    return dict(sorted({**listed, "manifest.json": hashlib.sha256(raw).hexdigest()}.items()))


def _tools() -> dict[str, str]:
    """The versions that decide the bytes of a release: claimkit's (the card, the metadata), pyarrow's
    (the Parquet files name the writer)."""
    import pyarrow

    from claimkit import __version__

    return {"claimkit": __version__, "pyarrow": pyarrow.__version__}


def _versioned(
    known: dict[str, ReleaseRecord], record: ReleaseRecord, version: str | None
) -> tuple[str, ReleaseRecord]:
    """The action (new, rebuild, snapshot) and the record to publish; refuses a wrong version."""
    if not record.documents:
        raise ReleaseError(
            NOTHING_TO_RELEASE, "no document of the corpus has a gold annotation; there is nothing to release"
        )
    if version is None:
        return SNAPSHOT, record
    action = check_version(known, record)
    # a rebuild keeps the recorded date, commit and notes: the content is the same
    return action, known[version] if action == "rebuild" else record


def _check_before_building(corpus: Path, version: str | None, settings: DatasetSettings) -> tuple[str, date]:
    """What can be refused without reading the corpus: the version, the corpus commit, the license."""
    if version is not None:
        parse_version(version)
    commit, day = corpus_commit(corpus)
    if version is not None:
        refuse_uncommitted(corpus, commit)
    if settings.license is not None:
        dataset_license(settings.license)
    return commit, day


def _finish(
    building: Path, state: _Pass, known: dict[str, ReleaseRecord], record: ReleaseRecord, snapshot: bool
) -> None:
    """The license check (E308) and every file but the data."""
    licenses, warnings = summarize_licenses(state.settings.license, state.licenses)
    state.report.extend(warnings)
    agreement = state.agreement.texts()
    label = f"{SNAPSHOT} (unreleased)" if snapshot else record.version
    splits = state.writers.close()
    inputs = CardInputs(
        state.settings, label, record, state.stats, splits, licenses, agreement[0] if agreement else None
    )
    changelog = changelog_markdown(known, record, snapshot=snapshot)
    write_metadata(building, inputs, changelog, agreement[1] if agreement else None)


def build_release(  # noqa: PLR0913 - keyword-only options of a build
    corpus: Path,
    version: str | None,
    out: Path,
    *,
    records: Path,
    settings: DatasetSettings,
    notes: str | None = None,
) -> BuildResult:
    """Build a release (``version=None``: an unrecorded snapshot)."""
    name = f"{settings.name}-{version or SNAPSHOT}"
    put_back_replaced(out, name)
    commit = _check_before_building(corpus, version, settings)
    known = load_records(records) if records.is_dir() else {}
    base = base_record(known, version)
    labels = assign_ids(base.label_sets if base else None)
    refuse_target(out / name)
    with building_folder(out, name) as building:
        state = _Pass(labels, settings, ParquetWriters(building, labels))
        _read(corpus, state)
        built = _record(version or "0.0.0", commit, settings, labels, state.documents, state.stats.guideline_versions)
        built = built.model_copy(update={"notes": notes})
        action, record = _versioned(known, built, version)
        _finish(building, state, known, record, snapshot=version is None)
        published, tools = _published(building), _tools()
        if action == "rebuild":
            check_published_files(record, published, tools)
        if action == "new":  # the record first: a folder is never left in place without its record
            record = record.model_copy(update={"files": published, "built_with": tools})
            write_record(records, record)  # (and a record without its folder is rebuilt by the next run)
        move_into_place(building, out / name)
    return BuildResult(out / name, version or SNAPSHOT, action, record, state.stats, state.report.sorted())
