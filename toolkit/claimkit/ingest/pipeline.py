"""An ingest run: inputs → records → documents → checks → new files in the corpus, one outcome each.

The run streams: one record is in hand at a time, plus a batch of files being written. What it
remembers grows slowly with the number of documents (ids and text hashes, and the duplicate
index): about 0.8 KB per document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from claimkit.errors import CONFLICTING_OPTIONS, UsageError
from claimkit.ingest import readers
from claimkit.ingest.checks import serialized, validation_issues, warnings
from claimkit.ingest.codes import (
    DOCUMENT_EXISTS,
    DUPLICATE_TEXT,
    ID_COLLISION,
    MISSING_TEXT,
    NEAR_DUPLICATE,
    NO_ARTICLES_FOUND,
)
from claimkit.ingest.corpus import Corpus, hash_key
from claimkit.ingest.document import IngestResult, ingest_text
from claimkit.ingest.duplicates import DuplicateIndex, Match
from claimkit.ingest.ids import record_id, slugify
from claimkit.ingest.records import FieldMap, Record, Unread
from claimkit.ingest.writer import BatchWriter
from claimkit.issues import Issue, Severity
from claimkit.loading import MAX_FILE_BYTES
from claimkit.model import DocumentFile

__all__ = ["IngestOptions", "Outcome", "Status", "run"]

_HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+$")


@dataclass(frozen=True)
class IngestOptions:
    """Everything an ingest run is told. ``metadata`` holds values given as flags: they win."""

    out_dir: Path
    fields: FieldMap = field(default_factory=FieldMap)
    metadata: Mapping[str, Any] = field(default_factory=dict)
    furniture: bool = True
    strip_bidi: bool = False
    near_threshold: float | None = 0.8
    skip_duplicates: bool = False
    max_bytes: int = MAX_FILE_BYTES
    glob: str | None = None
    input_format: str | None = None


class Status(StrEnum):
    WRITTEN = "written"
    PRESENT = "present"  # the corpus already holds this document with this text
    SKIPPED = "skipped"  # a duplicate left out with --skip-duplicates
    REFUSED = "refused"


@dataclass
class Outcome:
    """What became of one record (or of one input that could not be read at all)."""

    status: Status
    where: str
    issues: list[Issue] = field(default_factory=list)
    target: Path | None = None
    retracted: bool = False  # a file counted as written was found to exist already when linking


def _inputs(names: Sequence[str], options: IngestOptions) -> Iterator[readers.Item]:
    for name in names:
        yield from _input(name, options)


def _input(name: str, options: IngestOptions) -> Iterator[readers.Item]:
    path, fields, forced = Path(name), options.fields, options.input_format
    if path.is_dir() and (forced == "dataset" or _dataset_folder(path)):
        yield from readers.read_file(path, fields, "dataset")
    elif path.is_dir():
        yield from _folder(path, options)
    elif path.exists():
        yield from readers.read_file(path, fields, readers.file_format(path, forced))
    elif _HUB_ID.match(name) and readers.file_format(path) is None:
        from claimkit.ingest import arrow

        yield from arrow.read_hub(name, fields)
    else:
        yield readers.not_found(name)


def _dataset_folder(path: Path) -> bool:
    return any((path / name).is_file() for name in ("dataset_info.json", "dataset_dict.json", "state.json"))


def _folder(folder: Path, options: IngestOptions) -> Iterator[readers.Item]:
    found = False
    for path in readers.walk(folder, options.glob, options.input_format):
        if isinstance(path, Unread):
            yield path
            continue
        found = True
        yield from readers.read_file(path, options.fields, readers.file_format(path, options.input_format))
    if not found:
        pattern = options.glob or "any known format"
        yield Unread(NO_ARTICLES_FOUND.issue(f"no input file matches {pattern!r}", file=str(folder)))


def _source_name(where: str) -> str:
    """``news`` for ``data/news.jsonl.gz``; ``corpus-train`` for a ``datasets`` split ``corpus[train]``."""
    base, _, split = where.rstrip("]").partition("[")
    stem = Path(base.rstrip("/")).name.split(".")[0] or "record"
    return f"{stem}-{split}" if split else stem


class _Run:
    def __init__(self, options: IngestOptions) -> None:
        self.options = options
        self.corpus = Corpus(options.out_dir)
        self.duplicates = DuplicateIndex(options.near_threshold)
        self.corpus.index(self.duplicates)
        self.seen: dict[str, int] = {}  # id -> text hash key of the documents made in this run
        self.writer = BatchWriter()

    def record(self, record: Record) -> Outcome:
        where = record.location
        result = self._build(record)
        issues = [_at_line(issue, record) for issue in result.issues]
        if result.file is None:
            return Outcome(Status.REFUSED, where, issues)
        return self._place(result.file, where, issues)

    def _build(self, record: Record) -> IngestResult:
        options = self.options
        mapped, rest = options.fields.split(record.fields)
        text = mapped.pop("text", None)
        if not isinstance(text, str):
            found = "no text field" if text is None else f"the text field holds a {type(text).__name__}, not text"
            return IngestResult(None, [MISSING_TEXT.issue(f"{found} ({options.fields.text!r})", file=record.where)])
        metadata = {**mapped, **{key: value for key, value in options.metadata.items() if value is not None}}
        if metadata.get("id") is None:
            metadata["id"] = self._derived_id(record)
        return ingest_text(
            text,
            metadata,
            where=record.where,
            furniture=options.furniture,
            strip_bidi=options.strip_bidi,
            source_fields=rest,
        )

    @staticmethod
    def _derived_id(record: Record) -> str:
        if record.name is not None:
            return slugify(record.name)
        return record_id(_source_name(record.where), record.number or 1)

    def _place(self, file: DocumentFile, where: str, issues: list[Issue]) -> Outcome:
        document = file.document
        target = self.options.out_dir / f"{document.id}.json"
        known = self._known(document.id, document.text_sha256, target, where)
        if known is not None:
            known.issues[:0] = issues
            return known
        data, too_large = serialized(file, self.options.max_bytes, where)
        checked = [*issues, *validation_issues(file, str(target), where)]
        if too_large is not None or any(issue.severity is Severity.ERROR for issue in checked):
            return Outcome(Status.REFUSED, where, [*checked, *([too_large] if too_large else [])], target)
        checked += warnings(file, where)
        return self._write(file, data, target, where, checked)

    def _known(self, doc_id: str, digest: str, target: Path, where: str) -> Outcome | None:
        """The outcome when the id is taken, in this run or in the corpus; ``None`` when it is free."""
        taken = self.seen.get(doc_id)
        taken = self.corpus.hash_of(doc_id) if taken is None else taken
        if taken is None:
            return None
        if taken == hash_key(digest):
            return Outcome(Status.PRESENT, where, [], target)
        if doc_id in self.seen:
            message = f"document id {doc_id!r} was given to another text earlier in this run"
            return Outcome(Status.REFUSED, where, [ID_COLLISION.issue(message, file=where, pointer="/document/id")])
        return Outcome(Status.REFUSED, where, self.corpus.conflict(doc_id, target, where))

    def _write(self, file: DocumentFile, data: bytes, target: Path, where: str, issues: list[Issue]) -> Outcome:
        document = file.document
        match = self.duplicates.check(document.id, document.text_sha256, document.text)
        if match is not None:
            issues.append(_duplicate_issue(match, where))
            if self.options.skip_duplicates:
                return Outcome(Status.SKIPPED, where, issues, target)
        self.seen[document.id] = hash_key(document.text_sha256)
        self.writer.submit(target, data)
        return Outcome(Status.WRITTEN, where, issues, target)

    def close(self) -> Iterator[Outcome]:
        for target in self.writer.close():
            message = f"{target} appeared while ingesting; it was left as it is"
            issue = DOCUMENT_EXISTS.issue(message, file=str(target), pointer="/document/text")
            yield Outcome(Status.REFUSED, str(target), [issue], target, retracted=True)


def _at_line(issue: Issue, record: Record) -> Issue:
    if record.line is None or issue.location.line is not None or issue.location.file != record.where:
        return issue
    return issue.located(line=record.line)


def _duplicate_issue(match: Match, where: str) -> Issue:
    if match.exact:
        return DUPLICATE_TEXT.issue(f"the same text as document {match.doc_id!r}", file=where, pointer="/document/text")
    message = f"nearly the text of document {match.doc_id!r} (estimated Jaccard similarity {match.similarity:.2f})"
    return NEAR_DUPLICATE.issue(message, file=where, pointer="/document/text")


def _check_single_id(names: Sequence[str], options: IngestOptions) -> None:
    if not options.metadata.get("id"):
        return
    single = len(names) == 1 and Path(names[0]).is_file()
    if not single or readers.file_format(Path(names[0]), options.input_format) != "text":
        raise UsageError(CONFLICTING_OPTIONS, "--id names one document: give one text file with it")


def run(names: Sequence[str], options: IngestOptions) -> Iterator[Outcome]:
    """Ingest every input; one :class:`Outcome` per record, in input order, then late conflicts."""
    _check_single_id(names, options)
    state = _Run(options)
    for item in _inputs(names, options):
        if isinstance(item, Unread):
            yield Outcome(Status.REFUSED, item.issue.location.file or "<input>", [item.issue])
        else:
            yield state.record(item)
    yield from state.close()
