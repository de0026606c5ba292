"""The documents of a release record, kept on disk: memory stays flat in the corpus size.

A record lists every released document: its id, the hash of its content, its split and its compact
claim list, about 0.6 KB of Python objects per document (60 MB at 100,000 documents, what made a
release's peak memory grow with the corpus; a record file parsed whole took 120 MB). While a release
is built, and when a record file is read (member by member, :func:`read_documents`), they go into a
scratch database (:mod:`claimkit.scratch`) and are read back as a read-only mapping in the order they
were added, which is the order a record file lists them in; a record file is written from it in pieces.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from collections.abc import Callable, ItemsView, Iterator, Mapping, ValuesView
from operator import itemgetter
from typing import Annotated, Any

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

from claimkit.scratch import ScratchDatabase, scratch_failure

__all__ = [
    "DocumentChanges",
    "RecordedDocument",
    "RecordedDocuments",
    "by_id",
    "compare_documents",
    "read_documents",
    "scan_value",
    "skip_space",
    "walk_object",
]


@dataclass(slots=True, frozen=True, config=ConfigDict(extra="forbid"))
class RecordedDocument:
    """One released document in a record. A slotted dataclass, not a model: a record holds one per
    document of the release, and this takes half the memory (the record file is the same)."""

    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    split: Annotated[str, Field(min_length=1)]
    #: Every gold claim as ``start:end:category id`` (index into ``ReleaseRecord.categories``),
    #: space-separated: compact, because a record holds every document of a release.
    claims: Annotated[str, Field(pattern=r"^(\d+:\d+:\d+( \d+:\d+:\d+)*)?$")]

    def claim_spans(self) -> list[tuple[int, int, int]]:
        spans = []
        for item in self.claims.split():
            start, end, category = item.split(":")
            spans.append((int(start), int(end), int(category)))
        return spans


#: The page cache: the entries are appended in order and looked up by id only in version checks, so a
#: small cache does (the default of scratch databases would be one more thing growing to 16 MiB).
_CACHE_KIB = 2 * 1024
_SCHEMA = (
    "CREATE TABLE documents (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
    "sha256 TEXT NOT NULL, split TEXT NOT NULL, claims TEXT NOT NULL)",
)
_INSERT = "INSERT INTO documents (id, sha256, split, claims) VALUES (?, ?, ?, ?)"
#: Adding a document already there replaces its entry in place, as a dict does.
_ADD = _INSERT + (
    " ON CONFLICT (id) DO UPDATE SET sha256 = excluded.sha256, split = excluded.split, claims = excluded.claims"
)


class RecordedDocuments(Mapping[str, RecordedDocument]):
    """Document id → :class:`RecordedDocument`, in the order added, on disk."""

    def __init__(self) -> None:
        self._scratch = ScratchDatabase("claimkit-release-", _SCHEMA, cache_kib=_CACHE_KIB)

    def add(self, doc_id: str, document: RecordedDocument, *, new: bool = False) -> None:
        """Add (or, as a dict does, replace in place) ``doc_id``'s entry; ``new=True`` refuses an id
        already there with a KeyError (a record file never lists an id twice)."""
        values = (doc_id, document.sha256, document.split, document.claims)
        try:
            self._scratch.db.execute(_INSERT if new else _ADD, values)
        except sqlite3.IntegrityError:
            raise KeyError(doc_id) from None
        except sqlite3.Error as error:  # the temporary folder filled up
            raise scratch_failure(error) from None
        self._scratch.wrote()

    def close(self) -> None:
        """Free the scratch file now rather than when the mapping is collected."""
        self._scratch.close()

    def __reduce__(self) -> tuple[type[dict[str, RecordedDocument]], tuple[list[tuple[str, RecordedDocument]]]]:
        """Copied or pickled as the dict it stands for (a connection cannot be)."""
        return dict, (list(self.entries()),)

    def __getitem__(self, doc_id: str) -> RecordedDocument:
        if not isinstance(doc_id, str):  # SQLite would match 5 to "5"
            raise KeyError(doc_id)
        sql = "SELECT sha256, split, claims FROM documents WHERE id = ?"
        row = self._scratch.db.execute(sql, (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return RecordedDocument(*row)

    def __iter__(self) -> Iterator[str]:
        for (doc_id,) in self._scratch.db.execute("SELECT id FROM documents ORDER BY n"):
            yield doc_id

    def __len__(self) -> int:
        (count,) = self._scratch.db.execute("SELECT count(*) FROM documents").fetchone()
        return int(count)

    def entries(self) -> Iterator[tuple[str, RecordedDocument]]:
        """Every ``(id, document)`` in order, read in one query."""
        for doc_id, *fields in self._scratch.db.execute("SELECT id, sha256, split, claims FROM documents ORDER BY n"):
            yield doc_id, RecordedDocument(*fields)

    def in_id_order(self) -> Iterator[tuple[str, RecordedDocument]]:
        """Every ``(id, document)`` sorted by id, in one query (the ids' UTF-8 bytes sort as their code
        points do, so this is the order ``sorted`` gives)."""
        for doc_id, *fields in self._scratch.db.execute("SELECT id, sha256, split, claims FROM documents ORDER BY id"):
            yield doc_id, RecordedDocument(*fields)

    def items(self) -> ItemsView[str, RecordedDocument]:
        return _Items(self)

    def values(self) -> ValuesView[RecordedDocument]:
        return _Values(self)


class _Items(ItemsView[str, RecordedDocument]):
    """``items()`` in one query instead of a lookup per id (what ``Mapping`` would do)."""

    _mapping: RecordedDocuments

    def __iter__(self) -> Iterator[tuple[str, RecordedDocument]]:
        return self._mapping.entries()


class _Values(ValuesView[RecordedDocument]):
    _mapping: RecordedDocuments

    def __iter__(self) -> Iterator[RecordedDocument]:
        return (document for _, document in self._mapping.entries())


def by_id(documents: Mapping[str, RecordedDocument]) -> Iterator[tuple[str, RecordedDocument]]:
    """Every ``(id, document)`` of a record's documents, sorted by id."""
    if isinstance(documents, RecordedDocuments):
        return documents.in_id_order()
    return iter(sorted(documents.items(), key=itemgetter(0)))


@dataclasses.dataclass(frozen=True)
class DocumentChanges:
    """The documents of one record against another's, each list sorted by id."""

    added: list[str]
    removed: list[str]
    changed: list[str]  # in both, with another content hash


def compare_documents(before: Mapping[str, RecordedDocument], after: Mapping[str, RecordedDocument]) -> DocumentChanges:
    """Documents added, removed and changed from ``before`` to ``after``: both walked once in id
    order, side by side, rather than every id looked up in the other (a query each, when on disk)."""
    changes = DocumentChanges([], [], [])
    old, new = by_id(before), by_id(after)
    left, right = next(old, None), next(new, None)
    while left is not None and right is not None:
        if left[0] < right[0]:
            changes.removed.append(left[0])
            left = next(old, None)
        elif right[0] < left[0]:
            changes.added.append(right[0])
            right = next(new, None)
        else:
            if left[1].sha256 != right[1].sha256:
                changes.changed.append(left[0])
            left, right = next(old, None), next(new, None)
    if left is not None:
        changes.removed.extend([left[0], *(doc_id for doc_id, _ in old)])
    if right is not None:
        changes.added.extend([right[0], *(doc_id for doc_id, _ in new)])
    return changes


_SPACE = re.compile(r"[ \t\n\r]*")
#: The C scanner of the json module: one value at a position, without parsing the rest of the text.
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def skip_space(text: str, position: int) -> int:
    """Where the JSON white space (space, tab, CR, LF: nothing else) at ``position`` ends."""
    return _SPACE.match(text, position).end()  # type: ignore[union-attr]  # matches the empty string


def scan_value(text: str, position: int) -> tuple[Any, int]:
    """The JSON value at ``position`` (after any white space) and where it ends."""
    position = skip_space(text, position)
    try:
        return _SCAN(text, position)
    except StopIteration:
        raise json.JSONDecodeError("expected a value", text, position) from None


def _expect(text: str, position: int, characters: str) -> tuple[str, int]:
    position = skip_space(text, position)
    found = text[position : position + 1]
    if not found or found not in characters:
        raise json.JSONDecodeError(f"expected one of {characters!r}", text, position)
    return found, position + 1


def walk_object(text: str, position: int, take: Callable[[str, int], int]) -> int:
    """Walk the JSON object at ``position`` member by member: ``take(key, where its value starts)``
    reads the value and returns where it ends. Returns where the object ends. A large member can so
    be read piece by piece instead of as one Python object."""
    _, position = _expect(text, position, "{")
    if text[skip_space(text, position) : skip_space(text, position) + 1] == "}":
        return skip_space(text, position) + 1
    while True:
        key, position = scan_value(text, position)
        if not isinstance(key, str):
            raise json.JSONDecodeError("expected a key", text, position)
        _, position = _expect(text, position, ":")
        found, position = _expect(text, take(key, position), ",}")
        if found == "}":
            return position


def read_documents(text: str, position: int, into: RecordedDocuments) -> int:
    """Add the record entries of the JSON object at ``position`` to ``into``, one at a time; returns
    where the object ends. Memory holds one entry, not the 100,000 of a large release."""

    def take(doc_id: str, start: int) -> int:
        value, end = scan_value(text, start)
        if not isinstance(value, dict):
            raise json.JSONDecodeError(f"the entry of document {doc_id!r} is not an object", text, start)
        try:
            entry = RecordedDocument(**value)
        except (ValueError, TypeError) as error:  # pydantic's ValidationError is a ValueError
            lines = str(error).splitlines()  # pydantic: a title line, then the field and the problem
            reason = " ".join(line.strip() for line in lines[1:3]) or lines[0]
            raise json.JSONDecodeError(f"the entry of document {doc_id!r}: {reason}", text, start) from None
        try:
            into.add(doc_id, entry, new=True)
        except KeyError:
            raise json.JSONDecodeError(f"document {doc_id!r} is listed twice", text, start) from None
        return end

    return walk_object(text, position, take)
