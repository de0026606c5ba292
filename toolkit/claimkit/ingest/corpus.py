"""The corpus ingest writes into: which ids it holds, with which texts, before anything is written.

An existing file is never replaced: the same text is left as it is, another text is refused (I003),
and a file that cannot be read is refused with its own issue (it may hold annotations).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from claimkit.ingest.codes import DOCUMENT_EXISTS, OUTPUT_NOT_A_FOLDER, OUTPUT_NOT_WRITABLE, IngestError
from claimkit.ingest.duplicates import DuplicateIndex, hash_key, signature
from claimkit.ingest.store import Store
from claimkit.issues import Issue
from claimkit.loading import load_file, not_regular
from claimkit.model import text_sha256

__all__ = ["Corpus"]


def _prepare(folder: Path) -> None:
    """Refuse an --out that is a file or cannot be written; a missing folder is made on the first write."""
    try:
        existing = next(path for path in (folder, *folder.absolute().parents) if path.exists())
    except OSError as error:  # a folder on the way that this user may not enter
        raise IngestError(OUTPUT_NOT_WRITABLE, f"cannot reach {folder}: {error.strerror}") from error
    if not existing.is_dir():
        raise IngestError(OUTPUT_NOT_A_FOLDER, f"{existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise IngestError(OUTPUT_NOT_WRITABLE, f"{existing} is not writable for this user")


def _text(path: Path) -> str | None:
    if not_regular(path) is not None:  # a named pipe would never be read to its end; load_file says why
        return None
    try:
        document = json.loads(path.read_bytes())["document"]
        text = document["text"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return text if isinstance(text, str) else None


def _digest(text: str | None) -> str | None:
    try:
        return text_sha256(text) if text is not None else None
    except UnicodeEncodeError:  # a lone surrogate: validate refuses the file too
        return None


def text_digest(path: Path) -> str | None:
    """The SHA-256 of the text a document file holds (not the hash it declares); ``None``: unreadable."""
    return _digest(_text(path))


class Corpus:
    """The document files already in ``folder``: their ids with the hash of their text go into ``store``."""

    def __init__(self, folder: Path, store: Store) -> None:
        _prepare(folder)
        self.folder = folder
        self.store = store
        try:
            names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".json"))
        except FileNotFoundError:
            names = []
        except OSError as error:
            raise IngestError(OUTPUT_NOT_WRITABLE, f"cannot read {folder}: {error.strerror}") from error
        self.names = [name for name in names if not name.startswith(".")]

    def index(self, duplicates: DuplicateIndex, *, signatures: bool) -> None:
        """Remember every document's text hash, and add its text to the duplicate index."""
        names, self.names = self.names, []
        for name in names:
            doc_id, text = name.removesuffix(".json"), _text(self.folder / name)
            digest = _digest(text)
            self.store.take(doc_id, None if digest is None else hash_key(digest), run=False)
            if text is not None and digest is not None:
                duplicates.check(doc_id, digest, signature(text) if signatures else None)

    def conflict(self, doc_id: str, target: Path, where: str) -> list[Issue]:
        """Why the record for ``doc_id`` cannot be written: another text, or a file that cannot be read."""
        if self.store.taken(doc_id) == (None, False):  # a file that cannot be read
            loaded = load_file(target)
            if loaded.file is None:  # never replace a file we cannot read: it may hold work
                return loaded.issues
        return [DOCUMENT_EXISTS.issue(f"{target} holds another text", file=where, pointer="/document/text")]
