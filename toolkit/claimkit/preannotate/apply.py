"""Proposals into files: a document file gets (or replaces) its proposal; a shard row becomes a
proposal row. Both are pure functions of their input, so every engine runs exactly these."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimkit.errors import DataError
from claimkit.ingest import detect_furniture, ingest_text
from claimkit.ingest.records import json_safe
from claimkit.issues import Issue, Severity
from claimkit.loading import MAX_FILE_BYTES, load_file
from claimkit.locate import json_kind, loads_unique
from claimkit.model import Annotation, DocumentFile
from claimkit.preannotate.acceptance import schema_at_least
from claimkit.preannotate.annotate import NAME, VERSION, propose
from claimkit.preannotate.codes import PROPOSAL_INVALID, SHARD_ROW_INVALID
from claimkit.storage import document_json, write_document_file
from claimkit.validate import check_document

__all__ = [
    "ARTICLE_FIELDS",
    "ROW_FIELDS",
    "FileOutcome",
    "article_row",
    "preannotate_file",
    "preannotate_files",
    "proposal_of",
    "propose_lines",
    "propose_row",
    "propose_rows",
    "refused_row",
    "with_proposal",
]

#: Columns of a proposal row (JSON Lines or Parquet), in this order.
ROW_FIELDS = ("id", "text_sha256", "generator", "version", "score", "claims", "cues", "sources", "proposal", "issues")


def proposal_of(file: DocumentFile) -> Annotation | None:
    """The document's stored proposal from this proposer, if any."""
    return next((a for a in file.predictions if a.generator is not None and a.generator.name == NAME), None)


def with_proposal(file: DocumentFile, proposal: Annotation) -> DocumentFile:
    """The file with ``proposal`` in place of the previous one; annotators' work is never touched."""
    others = [a for a in file.predictions if a.generator is None or a.generator.name != NAME]
    version = schema_at_least(file.schema_version)
    return file.model_copy(update={"predictions": [*others, proposal], "schema_version": version})


def _invalid(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity is Severity.ERROR and i.location.pointer.startswith("/predictions")]


@dataclass
class FileOutcome:
    """What happened to one document file: ``written``, ``unchanged``, ``would-write`` or ``failed``."""

    path: str
    action: str
    claims: int = 0
    issues: list[Issue] = field(default_factory=list)


def preannotate_file(path: str, *, dry_run: bool = False, busy: set[Path] | None = None) -> FileOutcome:
    """Propose for one document file and write the proposal into it (atomically), unless unchanged
    (``busy``: see :func:`~claimkit.storage.write_document_file`)."""
    loaded = load_file(path)
    if loaded.file is None:
        return FileOutcome(path, "failed", issues=loaded.issues)
    proposal = propose(loaded.file.document)
    updated = with_proposal(loaded.file, proposal)
    failures = _invalid(check_document(updated, path))
    if failures:
        message = "; ".join(f"{i.code} {i.location.pointer}" for i in failures[:3])
        return FileOutcome(path, "failed", issues=[PROPOSAL_INVALID.issue(message, file=path, pointer="/predictions")])
    text = document_json(updated)
    if text == loaded.raw.decode("utf-8"):
        return FileOutcome(path, "unchanged", len(proposal.claims))
    if too_large := _too_large(path, text):
        return too_large
    if not dry_run:
        try:  # only over the bytes the proposal was made from: an annotator's pull may have landed
            write_document_file(path, updated, expected=loaded.raw, busy=busy)
        except DataError as error:
            return FileOutcome(path, "failed", issues=[error.code.issue(error.message, file=path, hint=error.hint)])
    return FileOutcome(path, "would-write" if dry_run else "written", len(proposal.claims))


def _too_large(path: str, text: str) -> FileOutcome | None:
    """A file the proposal would make larger than a document file may be: validate would refuse it (F006)."""
    size = len(text.encode("utf-8"))
    if size <= MAX_FILE_BYTES:
        return None
    message = f"with this proposal the file would be {size:,} bytes, over the {MAX_FILE_BYTES:,} a document file may be"
    return FileOutcome(path, "failed", issues=[PROPOSAL_INVALID.issue(message, file=path, pointer="/predictions")])


def _issues_json(issues: list[Issue], line: int | None) -> str:
    """The issues of one shard row, located at its line (a JSON Lines line, a Parquet row number)."""
    located = [i.located(line=line) if line is not None and i.location.line is None else i for i in issues]
    return json.dumps([i.to_dict() for i in located], ensure_ascii=False)


def _row_problem(where: str, message: str, line: int | None) -> dict[str, Any]:
    return {"issues": _issues_json([SHARD_ROW_INVALID.issue(message, file=where)], line)}


def propose_row(row: dict[str, Any], where: str = "", line: int | None = None) -> dict[str, Any]:
    """A proposal row (see :data:`ROW_FIELDS`) for one article row of a shard; ``line`` locates its
    issues (the line of a JSON Lines shard, the row number of a Parquet one, counted from 1)."""
    base: dict[str, Any] = dict.fromkeys(ROW_FIELDS)
    base.update(id=row.get("id") if isinstance(row.get("id"), str) else None, generator=NAME, version=VERSION)
    if not isinstance(row.get("id"), str) or not isinstance(row.get("text"), str):
        shown = json.dumps(row, ensure_ascii=False, default=str)[:60]
        return {**base, **_row_problem(where, f"the row needs a string id and a string text: {shown}", line)}
    metadata = {key: row.get(key) for key in ("id", "title", "outlet", "language", "published", "url", "license")}
    metadata["language"] = metadata["language"] or "ar"
    metadata["outlet"] = metadata["outlet"] or "unknown"
    metadata["title"] = metadata["title"] or detect_furniture(row["text"])[1] or row["id"]
    result = ingest_text(row["text"], metadata, where=where)
    if result.file is None:
        return {**base, "issues": _issues_json(result.issues, line)}
    proposal = propose(result.file.document)
    return {
        **base,
        "text_sha256": result.file.document.text_sha256,
        "score": proposal.generator.score if proposal.generator else None,
        "claims": len(proposal.claims),
        "cues": len(proposal.cues),
        "sources": len(proposal.sources),
        "proposal": proposal.model_dump_json(exclude_none=True),
        "issues": "[]",
    }


def preannotate_files(paths: list[str], dry_run: bool = False) -> list[FileOutcome]:
    """:func:`preannotate_file` over a batch of paths (the unit of work an engine ships); a folder that
    a pull holds is waited for once per batch, not once per file."""
    busy: set[Path] = set()
    return [preannotate_file(path, dry_run=dry_run, busy=busy) for path in paths]


def propose_rows(rows: list[dict[str, Any]], where: str, first: int | None = None) -> list[dict[str, Any]]:
    """Proposal rows for a batch of article rows (Parquet: see :func:`article_row`); ``first``: the row
    number of the first, when known."""
    out = []
    for n, raw in enumerate(rows):
        line = None if first is None else first + n
        row, problem = article_row(raw)
        out.append(refused_row(where, problem, line) if problem is not None else propose_row(row, where, line))
    return out


#: The fields of an article row that the proposal reads (see :func:`propose_row`).
ARTICLE_FIELDS = ("id", "text", "title", "outlet", "language", "published", "url", "license")


def article_row(row: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """A Parquet row as :func:`propose_row` reads it, as ingest reads it: the bytes of a field the
    proposal reads (a binary ``text`` column) decoded as UTF-8 (as JSON they would be base64, which no
    one reads as the article), the other values made JSON-safe (a timestamp an ISO 8601 string); or
    why the row is not an article (bytes that are not UTF-8)."""
    decoded = dict(row)
    for key in ARTICLE_FIELDS:
        value = row.get(key)
        if not isinstance(value, bytes):
            continue
        try:
            decoded[key] = value.decode("utf-8")
        except UnicodeDecodeError as error:
            byte = f"byte 0x{value[error.start]:02x} at byte offset {error.start}"
            return {}, f"the binary field {key!r} is not UTF-8 text ({byte}): store it as UTF-8 text"
    return json_safe(decoded), None


def refused_row(where: str, problem: str, line: int | None) -> dict[str, Any]:
    """The proposal row of a row that is not an article (``problem`` says why): no proposal, P003 at
    its line or row."""
    return {**dict.fromkeys(ROW_FIELDS), "generator": NAME, "version": VERSION, **_row_problem(where, problem, line)}


def propose_lines(lines: Sequence[bytes | str], where: str, first: int | None = None) -> list[dict[str, Any]]:
    """Proposal rows for a batch of JSON Lines, as read from the shard (bytes, split at ``\\n`` only:
    a U+2028 inside a JSON string is content, not a line break); a line that is not UTF-8, not JSON
    or not an object gets P003, a blank line nothing. ``first``: the number of the first line, when known."""
    out = []
    for n, raw in enumerate(lines):
        line = None if first is None else first + n
        row, problem = _parsed(raw, line)
        if problem is not None:
            out.append(refused_row(where, problem, line))
        elif row is not None:
            out.append(propose_row(row, where, line))
    return out


def _parsed(raw: bytes | str, line: int | None) -> tuple[dict[str, Any] | None, str | None]:
    """One line's row, or why it has none (not UTF-8, not JSON, not an object); neither when blank.
    A byte order mark before the first line is not content."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return None, f"not UTF-8: byte 0x{raw[error.start]:02x} at byte {error.start + 1} of the line"
    text = raw.removeprefix("\ufeff") if line == 1 else raw
    if not text.strip():
        return None, None
    try:
        row = loads_unique(text)
    except json.JSONDecodeError as error:
        return None, f"not JSON ({error.msg}): {text.strip()[:60]}"
    except ValueError as error:  # a key given twice; an integer of more than 4,300 digits (Python's limit)
        return None, f"not an article: {error}"
    except RecursionError:
        return None, "not an article: arrays or objects nested deeper than the JSON parser allows"
    if not isinstance(row, dict):
        return None, f"not an article: {json_kind(row)}, not an object: {text.strip()[:60]}"
    return row, None
