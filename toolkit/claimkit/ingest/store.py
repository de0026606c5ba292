"""What an ingest run remembers of every document, on disk: memory stays flat in the number of articles.

A run must remember, for each document of the corpus and of the run, the hash of its text by id
(taken ids), the first document with each text (exact duplicates), and the MinHash band keys and
signatures of near-duplicate detection. In Python dicts that is about 1.3 KB per document (337 MB
of peak memory at 100,000 articles, 1.7 times the peak at 10,000); here it is an SQLite file with a
bounded page cache: the operating system's file cache holds the rest, outside the process.

The file is a scratch database (:mod:`claimkit.scratch`): unlinked as soon as it is open, no
journal, writes grouped into transactions; each document costs a handful of statements, and the
eight band keys of a signature are inserted and looked up by one.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimkit.scratch import ScratchDatabase

__all__ = ["Store"]

#: Statements per transaction.
_BATCH = 4096

_SCHEMA = (
    "CREATE TABLE ids (id TEXT PRIMARY KEY, key INTEGER, run INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE exact (key INTEGER PRIMARY KEY, id TEXT NOT NULL)",
    "CREATE TABLE signatures (n INTEGER PRIMARY KEY, id TEXT NOT NULL, value BLOB NOT NULL)",
    "CREATE TABLE bands (key INTEGER PRIMARY KEY, n INTEGER NOT NULL)",
)


class Store:
    """Taken ids with their text hashes, first documents by text, band keys and signatures."""

    def __init__(self) -> None:
        self.scratch = ScratchDatabase("claimkit-ingest-", _SCHEMA, batch=_BATCH)
        self.db = self.scratch.db
        self._wrote = self.scratch.wrote
        self.signatures = 0

    def taken(self, doc_id: str) -> tuple[int | None, bool] | None:
        """``(text hash or None when the file cannot be read, made in this run)`` for a taken id, else None."""
        row = self.db.execute("SELECT key, run FROM ids WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else (row[0], bool(row[1]))

    def take(self, doc_id: str, key: int | None, *, run: bool) -> None:
        """Remember that ``doc_id`` holds the text with hash ``key`` (``None``: a file that cannot be read)."""
        self.db.execute("INSERT OR REPLACE INTO ids VALUES (?, ?, ?)", (doc_id, key, int(run)))
        self._wrote()

    def first_text(self, key: int, doc_id: str) -> str:
        """The first document with the text whose hash is ``key``: ``doc_id`` when it is the first."""
        sql = "INSERT INTO exact VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET id = id RETURNING id"
        (first,) = self.db.execute(sql, (key, doc_id)).fetchone()
        self._wrote()
        return str(first)

    def add_signature(self, doc_id: str, value: bytes, bands: Sequence[int]) -> list[tuple[str, bytes]]:
        """Add a signature with its band keys; the earlier documents sharing a band, in band order."""
        number = self.signatures = self.signatures + 1
        self.db.execute("INSERT INTO signatures VALUES (?, ?, ?)", (number, doc_id, value))
        marks = ", ".join("?" for _ in bands)
        owners = dict(self.db.execute(f"SELECT key, n FROM bands WHERE key IN ({marks})", bands).fetchall())
        rows = ", ".join("(?, ?)" for _ in bands)
        pairs = [item for key in bands for item in (key, number)]
        self.db.execute(f"INSERT OR IGNORE INTO bands VALUES {rows}", pairs)
        self._wrote()
        others = list(dict.fromkeys(owners[key] for key in bands if key in owners))
        if not others:
            return []
        marks = ", ".join("?" for _ in others)
        sql = f"SELECT n, id, value FROM signatures WHERE n IN ({marks})"
        found = {n: (doc, value) for n, doc, value in self.db.execute(sql, others)}
        return [found[other] for other in others]

    def close(self) -> None:
        """Close the file: its space is freed (it has no name since it was made)."""
        self.scratch.close()
