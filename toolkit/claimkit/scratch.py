"""Scratch databases: what a long run must remember of every document, on disk instead of in memory.

A run over a corpus that remembers something of each document (ingest: ids, text hashes and MinHash
bands; release: the record entry of each released document) grows in memory with the corpus. A
scratch database is an SQLite file with a bounded page cache instead: the operating system's file
cache holds the rest, outside the process, and memory stays flat in the number of documents.

The file is made in the system's temporary folder and unlinked as soon as it is open, so nothing is
left behind, whatever ends the run (an error, Ctrl-C, a kill): its space is freed when it is closed.
It has no journal and is never synced, since it is never read by anything else. Writes are grouped
into transactions of a few thousand statements: a commit per statement would cost more than the
statements.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Sequence

from claimkit.errors import SCRATCH_UNAVAILABLE, ConfigError

__all__ = ["ScratchDatabase", "scratch_failure"]

#: The page cache (SQLite's ``cache_size`` in KiB when negative): what stays in memory.
CACHE_KIB = 16 * 1024


def _connect(prefix: str, schema: Sequence[str], cache_kib: int) -> sqlite3.Connection:
    handle, path = tempfile.mkstemp(prefix=prefix, suffix=".sqlite")
    os.close(handle)
    try:
        connection = sqlite3.connect(path, isolation_level=None)
    finally:
        os.unlink(path)
    for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{cache_kib}", "temp_store = FILE"):
        connection.execute(f"PRAGMA {pragma}")
    for statement in schema:
        connection.execute(statement)
    connection.execute("BEGIN")
    return connection


def scratch_failure(error: OSError | sqlite3.Error) -> ConfigError:
    """The coded error for a temporary folder that cannot hold a scratch database (E218)."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    folder = tempfile.gettempdir()
    return ConfigError(SCRATCH_UNAVAILABLE, f"cannot keep a scratch database in {folder}: {reason}")


class ScratchDatabase:
    """An unlinked SQLite file with ``schema``; ``wrote()`` after each write groups them into transactions."""

    def __init__(self, prefix: str, schema: Sequence[str], *, batch: int = 4096, cache_kib: int = CACHE_KIB) -> None:
        try:
            self.db = _connect(prefix, schema, cache_kib)
        except (OSError, sqlite3.Error) as error:
            raise scratch_failure(error) from None
        self.batch = batch
        self.statements = 0

    def wrote(self) -> None:
        self.statements += 1
        if self.statements % self.batch == 0:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")

    def close(self) -> None:
        """Close the file: its space is freed (it has no name since it was made)."""
        self.db.close()
