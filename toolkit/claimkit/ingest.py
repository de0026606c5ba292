"""Turning raw article text into a document file, before any offset exists.

The text is kept exactly as given (line endings, diacritics, tatweel): offsets will refer to it and
``text_sha256`` pins it. Page furniture (the date line, a repeated title, a share line) stays in
the text and is marked as :class:`~claimkit.model.Furniture`, so the text still hashes like the
source file and no claim can be drawn on it unnoticed (rule C005).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from claimkit.codes import Code, Scope, declare
from claimkit.issues import Issue, Severity
from claimkit.loading import EMPTY_FILE, NOT_UTF8, UNREADABLE_FILE
from claimkit.model import Document, DocumentFile, Furniture, text_sha256
from claimkit.rules.document import DOCUMENT_ID
from claimkit.structure import structure_issues
from claimkit.taxonomy import FurnitureKind
from claimkit.textutil import BIDI_CONTROLS

__all__ = ["DOCUMENT_EXISTS", "IngestResult", "detect_furniture", "ingest_path", "ingest_text", "slugify"]

MISSING_METADATA = declare(
    "I001",
    "missing-metadata",
    Severity.ERROR,
    Scope.INPUT,
    """A document cannot be made from a text file because required metadata is missing.

    A document needs an outlet and a language; the title is taken from the first line when not given.""",
    "Pass the value as a flag (--outlet, --language...) or in the sidecar <file>.meta.json.",
)
INVALID_METADATA = declare(
    "I002",
    "invalid-metadata",
    Severity.ERROR,
    Scope.INPUT,
    """A metadata value given for a text file is not valid (a date not in YYYY-MM-DD, an unsafe id...).""",
    "Correct the value; dates are ISO 8601 (2025-10-03), ids lowercase ASCII slugs.",
)
DOCUMENT_EXISTS = declare(
    "I003",
    "document-exists",
    Severity.ERROR,
    Scope.INPUT,
    """A document file with this id already exists with a different text.

    Replacing the text of an annotated document would shift every offset in it.""",
    "Ingest the new text under another id, or delete the old file if it holds no annotation you need.",
)

_SIDECAR_SUFFIX = ".meta.json"
_MONTHS = (
    "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|"
    "كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|"
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DATELINE = re.compile(rf"(\d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}).*|.*({_MONTHS}).*\d{{4}}.*")
_BOILERPLATE = re.compile(
    r"^(مشاركة المقال|شارك المقال|شارك|اقرأ أيضاً?|المصدر|Share( this)?( article)?|Read more)\s*:?\s*$",
    re.IGNORECASE,
)
_BIDI_TABLE = {ord(char): None for char in BIDI_CONTROLS}


def slugify(name: str) -> str:
    """A document id from a file name: lowercase, runs of other characters become ``-``."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")
    return slug[:128] or "document"


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, trimmed of surrounding whitespace."""
    for match in re.finditer(r"[^\r\n]+", text):
        start, line = match.start(), match.group()
        stripped = line.strip()
        if stripped:
            offset = line.index(stripped)
            yield start + offset, start + offset + len(stripped)


def detect_furniture(text: str, title: str | None = None) -> tuple[list[Furniture], str | None]:
    """Page furniture of a news page, and the title it shows when none is given.

    A short first line with a year or a month name is the date line; the first line after it that
    does not end a sentence is the title, and every line equal to the title is headline furniture;
    trailing share/read-more lines are boilerplate.
    """
    lines = list(_lines(text))
    furniture: list[Furniture] = []
    if lines and len(text[slice(*lines[0])]) <= 80 and _DATELINE.fullmatch(text[slice(*lines[0])]):
        furniture.append(_furniture(text, lines[0], FurnitureKind.DATELINE))
        lines = lines[1:]
    if title is None and lines and _looks_like_title(text[slice(*lines[0])]):
        title = text[slice(*lines[0])]
    for bounds in lines:
        if title is not None and text[slice(*bounds)] == title:
            furniture.append(_furniture(text, bounds, FurnitureKind.HEADLINE))
    for bounds in reversed(lines):
        if not _BOILERPLATE.match(text[slice(*bounds)]):
            break
        furniture.append(_furniture(text, bounds, FurnitureKind.BOILERPLATE))
    return sorted(furniture, key=lambda piece: piece.start), title


def _looks_like_title(line: str) -> bool:
    return len(line) <= 200 and not line.endswith((".", "؟", "!", "?", ":"))


def _furniture(text: str, bounds: tuple[int, int], kind: FurnitureKind) -> Furniture:
    start, end = bounds
    return Furniture(start=start, end=end, text=text[start:end], kind=kind)


@dataclass
class IngestResult:
    file: DocumentFile | None
    issues: list[Issue]


def _problem(code: Code, message: str, where: str | None, pointer: str = "") -> IngestResult:
    return IngestResult(None, [code.issue(message, file=where, pointer=pointer)])


def _published(value: Any, where: str | None) -> tuple[date | None, IngestResult | None]:
    if value is None or isinstance(value, date):
        return value, None
    try:
        return date.fromisoformat(str(value)), None
    except ValueError:
        return None, _problem(
            INVALID_METADATA, f"publication date {value!r} is not YYYY-MM-DD", where, "/document/published"
        )


def ingest_text(
    text: str,
    metadata: Mapping[str, Any],
    *,
    where: str | None = None,
    furniture: bool = True,
    strip_bidi: bool = False,
) -> IngestResult:
    """A new document file (without annotations) for ``text`` and its metadata.

    ``metadata`` holds ``id``, ``outlet``, ``language`` and optionally ``title``, ``published``,
    ``url``, ``license``. ``where`` names the source file in issues.
    """
    if strip_bidi:
        text = text.translate(_BIDI_TABLE)
    if not text.strip():
        return _problem(EMPTY_FILE, "the text is empty", where)
    pieces, title = detect_furniture(text, metadata.get("title")) if furniture else ([], metadata.get("title"))
    missing = [name for name in ("id", "outlet", "language") if not metadata.get(name)]
    if title is None:
        missing.append("title")
    if missing:
        return _problem(MISSING_METADATA, f"missing metadata: {', '.join(missing)}", where)
    if not DOCUMENT_ID.match(str(metadata["id"])):
        return _problem(
            INVALID_METADATA, f"document id {metadata['id']!r} is not a lowercase slug", where, "/document/id"
        )
    published, problem = _published(metadata.get("published"), where)
    if problem is not None:
        return problem
    fields = {key: metadata.get(key) for key in ("url", "license")}
    try:
        document = Document(
            id=metadata["id"],
            title=title,
            text=text,
            text_sha256=text_sha256(text),
            language=metadata["language"],
            outlet=metadata["outlet"],
            published=published,
            furniture=pieces,
            **fields,
        )
    except ValidationError as error:
        issues = structure_issues(error, where)
        return IngestResult(None, [_relocate(issue, "/document") for issue in issues])
    return IngestResult(DocumentFile(document=document), [])


def _relocate(issue: Issue, prefix: str) -> Issue:
    return issue.located(pointer=prefix + issue.location.pointer)


def read_sidecar(path: Path) -> tuple[dict[str, Any], list[Issue]]:
    """Metadata from ``<file>.meta.json`` next to a text file, when there is one."""
    sidecar = path.with_name(path.name + _SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}, []
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, [INVALID_METADATA.issue(f"unreadable sidecar: {error}", file=str(sidecar))]
    if not isinstance(data, dict):
        return {}, [INVALID_METADATA.issue("the sidecar must hold a JSON object", file=str(sidecar))]
    return data, []


def ingest_path(
    path: Path, overrides: Mapping[str, Any], *, furniture: bool = True, strip_bidi: bool = False
) -> IngestResult:
    """A document file from a UTF-8 text file, its sidecar metadata and ``overrides`` (flags win)."""
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return _problem(UNREADABLE_FILE, f"cannot read: {error.strerror}", where)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return _problem(NOT_UTF8, f"not UTF-8: byte 0x{raw[error.start]:02x} at byte offset {error.start}", where)
    text = text.removeprefix("\ufeff")  # a BOM is not content; no offset exists yet
    sidecar, issues = read_sidecar(path)
    if issues:
        return IngestResult(None, issues)
    metadata = {"id": slugify(path.stem), **sidecar, **{k: v for k, v in overrides.items() if v is not None}}
    return ingest_text(text, metadata, where=where, furniture=furniture, strip_bidi=strip_bidi)
