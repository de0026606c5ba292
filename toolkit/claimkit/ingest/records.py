"""What every reader yields: one record (the source's fields) or one issue, and the field mapping."""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from claimkit.issues import Issue

__all__ = ["FieldMap", "Item", "Record", "Unread", "json_safe"]


@dataclass(frozen=True)
class FieldMap:
    """Which source field holds each document field (``--text-field``, ``--title-field``...)."""

    text: str = "text"
    title: str = "title"
    id: str = "id"
    published: str = "published"
    url: str = "url"
    outlet: str = "outlet"
    license: str = "license"
    language: str = "language"
    #: The document fields whose source field was named on the command line: those must exist.
    given: frozenset[str] = frozenset()

    def sources(self) -> dict[str, str]:
        """Document field name -> the source field it is read from.

        One source field may feed several document fields: with ``--title-field id`` the title and the
        id are both read from the field ``id`` (a flag changes only the document field it names).
        """
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "given"}

    def required(self) -> list[str]:
        """The source fields an input must have: the text's, and every one named on the command line."""
        return [self.text, *(getattr(self, name) for name in sorted(self.given) if name != "text")]

    def split(self, record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The mapped values by document field name, and every other field of the record as it came."""
        sources = self.sources()
        mapped = {name: record[source] for name, source in sources.items() if source in record}
        read = set(sources.values())
        return mapped, {key: value for key, value in record.items() if key not in read}

    @classmethod
    def from_options(cls, given: Mapping[str, str | None]) -> FieldMap:
        """The mapping with the source fields named on the command line (``None`` keeps the default)."""
        named = {name: value for name, value in given.items() if value}
        return cls(**named, given=frozenset(named))


@dataclass
class Record:
    """One article as read: its fields, where it came from, and the name its id derives from.

    ``number`` counts the records of a bulk input from 1 (ids derive from it); ``line`` is where the
    record starts in its file (the row number for Parquet and ``datasets``). ``name`` is the file name
    stem of a text file, which its id derives from.
    """

    fields: dict[str, Any]
    where: str
    number: int | None = None
    line: int | None = None
    name: str | None = None

    @property
    def location(self) -> str:
        return self.where if self.line is None else f"{self.where}:{self.line}"


@dataclass
class Unread:
    """A record (or a whole input) that could not be read: its issue takes its place."""

    issue: Issue


def json_safe(value: Any, *, keep_nonfinite: bool = False) -> Any:
    """A value of a source (a Parquet timestamp, bytes, a NaN) as JSON can hold it, nothing dropped.

    A NaN or an infinity becomes null, or with ``keep_nonfinite`` stays as it is: ingest keeps it so
    that the document model refuses it (S004), as it refuses a JSON Lines ``NaN``.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if keep_nonfinite or math.isfinite(value) else None
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Mapping):
        return {str(key): json_safe(item, keep_nonfinite=keep_nonfinite) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [json_safe(item, keep_nonfinite=keep_nonfinite) for item in value]
    return str(value)


#: What a reader yields in a record's place: the record, or why it could not be read.
Item = Record | Unread
