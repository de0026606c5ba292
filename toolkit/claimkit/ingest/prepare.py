"""The work on one record that needs nothing but the record: run in worker processes.

A record becomes a document, its file's bytes, the issues validation and ingest's own checks find,
and its MinHash signature. What depends on the other records (ids taken, duplicates, writing) is
decided afterwards, in order, by :mod:`claimkit.ingest.pipeline`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimkit.ingest.checks import serialized, validation_issues, warnings
from claimkit.ingest.codes import METADATA_NOT_UPDATED, MISSING_TEXT
from claimkit.ingest.document import IngestResult, ingest_text
from claimkit.ingest.duplicates import signature
from claimkit.ingest.ids import record_id, slugify
from claimkit.ingest.readers import Line
from claimkit.ingest.records import Record, Unread
from claimkit.issues import Issue, Severity
from claimkit.loading import not_regular
from claimkit.model import DocumentFile

if TYPE_CHECKING:
    from claimkit.ingest.pipeline import IngestOptions

__all__ = ["Prepared", "metadata_not_updated", "prepare", "prepare_all"]


@dataclass
class Prepared:
    """One record made ready: ``data`` is ``None`` when the record is refused whatever the corpus holds."""

    where: str
    file: str
    line: int | None = None
    issues: list[Issue] = field(default_factory=list)
    doc_id: str | None = None
    text_sha256: str | None = None
    data: bytes | None = None
    signature: bytes | None = None

    def here(self, issue: Issue) -> Issue:
        """``issue`` located at this record's line when it is about this record's file."""
        if self.line is None or issue.location.line is not None or issue.location.file != self.file:
            return issue
        return issue.located(line=self.line)


def _source_name(where: str) -> str:
    """``news`` for ``data/news.jsonl.gz``; ``corpus-train`` for a ``datasets`` split ``corpus[train]``."""
    base, _, split = where.rstrip("]").partition("[")
    stem = Path(base.rstrip("/")).name.split(".")[0] or "record"
    return f"{stem}-{split}" if split else stem


def _derived_id(record: Record) -> str:
    if record.name is not None:
        return slugify(record.name)
    return record_id(_source_name(record.where), record.number or 1)


def _no_text(value: Any) -> str:
    """Why a record's text field gives no article (a null in a Parquet column is a field without a value)."""
    if value is None:
        return "no text in the text field"
    if isinstance(value, str):
        return "the text field is empty"
    return f"the text field holds a {type(value).__name__}, not text"


def _build(record: Record, options: IngestOptions) -> IngestResult:
    mapped, rest = options.fields.split(record.fields)
    text = mapped.pop("text", None)
    if not isinstance(text, str) or not text.strip():
        hint = "Give the record its article's text, or leave the record out." if isinstance(text, str) else None
        message = f"{_no_text(text)} ({options.fields.text!r})"
        return IngestResult(None, [MISSING_TEXT.issue(message, file=record.where, hint=hint)])
    metadata = {**mapped, **{key: value for key, value in options.metadata.items() if value is not None}}
    if metadata.get("id") is None:
        metadata["id"] = _derived_id(record)
    return ingest_text(
        text,
        metadata,
        where=record.where,
        furniture=options.furniture,
        html=options.html,
        strip_bidi=options.strip_bidi,
        nfc=options.nfc,
        source_fields=rest,
    )


def _checked(file: DocumentFile, record: Record, options: IngestOptions, issues: list[Issue]) -> Prepared:
    document, where = file.document, record.where
    prepared = Prepared(record.location, where, record.line, issues, document.id, document.text_sha256)
    target = options.out_dir / f"{document.id}.json"
    data, too_large = serialized(file, options.max_bytes, where)
    prepared.issues += validation_issues(file, str(target), where) + ([too_large] if too_large else [])
    if any(issue.severity is Severity.ERROR for issue in prepared.issues):
        return prepared
    prepared.issues += warnings(file, where)
    prepared.data = data
    if options.near_threshold is not None:
        prepared.signature = signature(document.text)
    return prepared


def prepare(item: Record | Unread | Line, options: IngestOptions) -> Prepared:
    """A record made ready to be placed in the corpus, or refused with its issues."""
    if isinstance(item, Line):
        item = item.parse()
    if isinstance(item, Unread):
        where = item.issue.location.file or "<input>"
        return Prepared(where, where, issues=[item.issue])
    result = _build(item, options)
    prepared = (
        _checked(result.file, item, options, result.issues)
        if result.file is not None
        else Prepared(item.location, item.where, item.line, result.issues)
    )
    prepared.issues = [prepared.here(issue) for issue in prepared.issues]
    return prepared


def prepare_all(options: IngestOptions, items: Sequence[Record | Unread | Line]) -> list[Prepared]:
    """:func:`prepare` over a chunk of records: what a worker process is given."""
    return [prepare(item, options) for item in items]


#: The metadata a record gives that a document file that is there keeps as it is.
_METADATA = ("title", "outlet", "language", "published", "url", "license")


def metadata_not_updated(target: Path, prepared: Prepared) -> list[Issue]:
    """I016 when the corpus's file of this very text has other metadata than the record gives."""
    if prepared.data is None or not_regular(target) is not None:  # replaced by a named pipe meanwhile
        return []
    try:
        held = json.loads(target.read_bytes())["document"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return []  # the corpus's own file is validate's business
    given = json.loads(prepared.data)["document"]
    changed = [name for name in _METADATA if name in given and given.get(name) != held.get(name)]
    if not changed:
        return []
    differences = ", ".join(f"{name} {held.get(name)!r} (the input: {given[name]!r})" for name in changed)
    message = f"the corpus keeps the document's {differences}"
    return [prepared.here(METADATA_NOT_UPDATED.issue(message, file=prepared.file, pointer="/document"))]
