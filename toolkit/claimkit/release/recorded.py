"""The documents of a release record being built, kept on disk: memory stays flat in the corpus size.

A record lists every released document: its id, the hash of its content, its split and its compact
claim list, about 0.6 KB of Python objects per document (60 MB at 100,000 documents, what made a
release's peak memory grow with the corpus). While a release is built they go into a scratch
database (:mod:`claimkit.scratch`) and are read back as a read-only mapping in the order they were
added, which is the order a record file lists them in; the record file is written from it in pieces.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping, ValuesView

from claimkit.release.versions import RecordedDocument
from claimkit.scratch import ScratchDatabase

__all__ = ["RecordedDocuments"]

#: The page cache: the entries are appended in order and looked up by id only in version checks, so a
#: small cache does (the default of scratch databases would be one more thing growing to 16 MiB).
_CACHE_KIB = 2 * 1024
_SCHEMA = (
    "CREATE TABLE documents (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
    "sha256 TEXT NOT NULL, split TEXT NOT NULL, claims TEXT NOT NULL)",
)
#: Adding a document already there replaces its entry in place, as a dict does.
_ADD = (
    "INSERT INTO documents (id, sha256, split, claims) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
    "sha256 = excluded.sha256, split = excluded.split, claims = excluded.claims"
)


class RecordedDocuments(Mapping[str, RecordedDocument]):
    """Document id → :class:`RecordedDocument`, in the order added, on disk."""

    def __init__(self) -> None:
        self._scratch = ScratchDatabase("claimkit-release-", _SCHEMA, cache_kib=_CACHE_KIB)

    def add(self, doc_id: str, document: RecordedDocument) -> None:
        self._scratch.db.execute(_ADD, (doc_id, document.sha256, document.split, document.claims))
        self._scratch.wrote()

    def __getitem__(self, doc_id: str) -> RecordedDocument:
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
