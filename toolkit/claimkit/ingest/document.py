"""Turning one article's text and metadata into a document file, before any offset exists.

The text is kept exactly as given (line endings, diacritics, tatweel): offsets will refer to it and
``text_sha256`` pins it. Page furniture stays in the text and is marked (see
:mod:`claimkit.ingest.furniture`), so the text still hashes like the source and no claim can be
drawn on it unnoticed (rule C005).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from numbers import Number
from typing import Any

from pydantic import ValidationError

from claimkit.ingest.cleaning import clean
from claimkit.ingest.codes import INVALID_METADATA, INVALID_TEXT, MISSING_METADATA
from claimkit.ingest.furniture import detect_furniture, no_title_reason
from claimkit.ingest.ids import is_safe_document_id
from claimkit.issues import Issue
from claimkit.loading import EMPTY_FILE
from claimkit.model import Document, DocumentFile, Furniture, text_sha256
from claimkit.structure import structure_issues

__all__ = ["IngestResult", "ingest_text"]

_OPTIONAL = ("url", "license")


@dataclass
class IngestResult:
    """A document file, or ``None`` with the issues that refused it (issues may come with a file too)."""

    file: DocumentFile | None
    issues: list[Issue] = field(default_factory=list)


def _refused(issue: Issue) -> IngestResult:
    return IngestResult(None, [issue])


def _published(value: Any, where: str | None) -> date | Issue | None:
    """A publication date from a date, a datetime or an ISO 8601 string (a timestamp keeps its day)."""
    if value is None or (isinstance(value, str) and not value.strip()):  # an empty cell: no date
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    text = str(value).strip()
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).date()
    except ValueError:
        message = f"publication date {value!r} is not YYYY-MM-DD"
        return INVALID_METADATA.issue(message, file=where, pointer="/document/published")


def _text_problem(text: str, where: str | None, when: str = "") -> Issue | None:
    if not text.strip():
        return EMPTY_FILE.issue(" ".join(filter(None, ["the text is empty", when])), file=where)
    if not any(map(_visible, text)):
        return EMPTY_FILE.issue("the text holds only invisible characters (byte order marks, format marks)", file=where)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        message = f"a lone surrogate U+{ord(text[error.start]):04X} at offset {error.start} cannot be written as UTF-8"
        return INVALID_TEXT.issue(message, file=where, pointer="/document/text")
    return None


def _visible(char: str) -> bool:
    """Not a space, a format character (U+FEFF, U+200B, bidi marks: ``Cf``) nor a control character."""
    return not char.isspace() and unicodedata.category(char) not in ("Cf", "Cc")


def _not_text(metadata: Mapping[str, Any], where: str | None) -> Issue | None:
    """I002 for a metadata value that is a list, an object or a truth value where text belongs: written as
    text it would be made up (a title ``"['x']"``). A number is written as it reads (an id 5 is "5")."""
    for key in ("id", "title", "outlet", "language", *_OPTIONAL):
        value = metadata.get(key)
        if value is None or isinstance(value, str) or (isinstance(value, Number) and not isinstance(value, bool)):
            continue
        message = f"{key} must be text, not {type(value).__name__} {value!r}"[:200]
        return INVALID_METADATA.issue(message, file=where, pointer=f"/document/{key}")
    return None


def _metadata_problem(metadata: Mapping[str, Any], title: str | None, reason: str, where: str | None) -> Issue | None:
    if (problem := _not_text(metadata, where)) is not None:
        return problem
    missing = [name for name in ("id", "outlet", "language") if not metadata.get(name)]
    if title is None:
        missing.append(f"title ({reason})")
    if missing:
        return MISSING_METADATA.issue(f"missing metadata: {', '.join(missing)}", file=where)
    doc_id = str(metadata["id"])
    if not is_safe_document_id(doc_id):
        message = f"document id {doc_id!r} is not safe as a file name (the rule of D001)"
        return INVALID_METADATA.issue(message, file=where, pointer="/document/id")
    return None


def _document(text: str, title: str, metadata: Mapping[str, Any], **values: Any) -> Document:
    return Document(
        id=str(metadata["id"]),
        title=title,
        text=text,
        text_sha256=text_sha256(text),
        language=str(metadata["language"]),
        outlet=str(metadata["outlet"]),
        **{key: str(metadata[key]) for key in _OPTIONAL if metadata.get(key) is not None},
        **values,
    )


def _furniture(text: str, metadata: Mapping[str, Any], furniture: bool) -> tuple[list[Furniture], str | None, str]:
    """The furniture, the title, and why there is none when there is none."""
    given = str(metadata["title"]) if metadata.get("title") else None
    if not furniture:
        return [], given, "--no-furniture takes no title from the text"
    pieces, title = detect_furniture(text, given)
    return pieces, title, no_title_reason(text) if title is None else ""


def _file(text: str, title: str, metadata: Mapping[str, Any], where: str | None, **values: Any) -> IngestResult:
    try:
        document = _document(text, title, metadata, **values)
    except ValidationError as error:
        issues = structure_issues(error, where)
        return IngestResult(None, [issue.located(pointer="/document" + issue.location.pointer) for issue in issues])
    return IngestResult(DocumentFile(document=document))


def ingest_text(  # noqa: PLR0913 - keyword-only options of one ingest
    text: str,
    metadata: Mapping[str, Any],
    *,
    where: str | None = None,
    furniture: bool = True,
    html: bool = False,
    strip_bidi: bool = False,
    nfc: bool = False,
    source_fields: Mapping[str, Any] | None = None,
) -> IngestResult:
    """A new document file (without annotations) for ``text`` and its metadata.

    ``metadata`` holds ``id``, ``outlet``, ``language`` and optionally ``title``, ``published``,
    ``url``, ``license``; ``source_fields`` the source's other fields. ``where`` names the source.
    ``html``, ``strip_bidi`` and ``nfc`` clean the text first (see :func:`~claimkit.ingest.cleaning.clean`).
    """
    text, metadata = clean(text, metadata, html=html, strip_bidi=strip_bidi, nfc=nfc)
    problem = _text_problem(text, where, "once its HTML is taken out" if html else "")
    if problem is not None:
        return _refused(problem)
    pieces, title, reason = _furniture(text, metadata, furniture)
    published = _published(metadata.get("published"), where)
    problem = _metadata_problem(metadata, title, reason, where) or (published if isinstance(published, Issue) else None)
    if problem is not None or title is None:
        return _refused(problem or MISSING_METADATA.issue("missing metadata: title", file=where))
    extra = dict(source_fields or {}) or None
    return _file(text, title, metadata, where, published=published, furniture=pieces, source_fields=extra)
