"""Writing the corpus all at once: files are staged in a hidden folder, then moved into place.

Converted files go to ``<corpus>/.pull-staging-*/`` (same file system, so a move is a rename) and
are moved into place only once the whole export was read; files to delete are deleted then too. An
interrupted pull or import leaves the corpus exactly as it was, and the next run completes it. A
folder that cannot be written is a coded error (exit 2), never an internal error.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import suppress
from pathlib import Path

from claimkit.errors import (
    CORPUS_BUSY,
    CORPUS_UNREADABLE,
    FILE_CHANGED_MEANWHILE,
    TARGET_NOT_WRITABLE,
    ConfigError,
    DataError,
)
from claimkit.loading import not_regular
from claimkit.storage import atomic_write_text, file_mode, lock_folder

__all__ = ["STAGING_PREFIX", "Staging", "check_corpus"]

STAGING_PREFIX = ".pull-staging-"


def _not_writable(path: Path, why: str) -> ConfigError:
    return ConfigError(TARGET_NOT_WRITABLE, f"cannot write to {path}: {why}")


def check_corpus(corpus: Path) -> None:
    """The corpus folder exists (it is created when missing), can be read and written."""
    if corpus.exists() and not corpus.is_dir():
        raise _not_writable(corpus, "it is a file, not a folder")
    try:
        corpus.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _not_writable(corpus, error.strerror or str(error)) from None
    if not os.access(corpus, os.R_OK | os.X_OK):
        raise ConfigError(CORPUS_UNREADABLE, f"cannot read the corpus folder {corpus}: permission denied")
    if not os.access(corpus, os.W_OK):
        raise _not_writable(corpus, "the folder is read-only")


class Staging:
    """Files to write and delete inside ``corpus``, applied together by :meth:`apply`."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = corpus
        self.removals: set[Path] = set()
        self.seen: dict[Path, tuple[int, int, int] | None] = {}  # each target as it was when staged
        self._lock = _lock(corpus)  # held until discard(): staging folders left now are stale
        for stale in corpus.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
        try:
            self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=corpus))
        except OSError as error:
            os.close(self._lock)
            raise _not_writable(corpus, error.strerror or str(error)) from None

    def put(self, relative: str, text: str) -> bool:
        """Stage ``text`` for ``corpus/relative``; ``False`` when the file already holds exactly it."""
        target = self.corpus / relative
        self.removals.discard(target)
        if _holds(target, text):
            return False
        self.seen.setdefault(target, _fingerprint(target))
        try:  # the file keeps its mode when replaced; a new one follows the umask
            atomic_write_text(self.folder / relative, text, mode=file_mode(target))
        except OSError as error:
            raise _not_writable(self.folder, error.strerror or str(error)) from None
        return True

    def reading(self, relative: str) -> None:
        """Remember ``corpus/relative`` as it is before it is read: a change from then on stops apply."""
        target = self.corpus / relative
        self.seen.setdefault(target, _fingerprint(target))

    def remove(self, relative: str) -> None:
        self.removals.add(self.corpus / relative)

    def staged(self) -> list[Path]:
        return sorted(path for path in self.folder.rglob("*") if path.is_file())

    def apply(self) -> None:
        """Move every staged file into place, then delete what is to be deleted; nothing at all when a
        target changed since it was staged (E216: a preannotate or adjudicate landing meanwhile)."""
        changed = sorted(str(target) for target, before in self.seen.items() if _fingerprint(target) != before)
        if changed:
            more = f" (and {len(changed) - 1} more)" if len(changed) > 1 else ""
            message = f"{changed[0]} changed while the export was read{more}; nothing was written"
            raise DataError(FILE_CHANGED_MEANWHILE, message)
        try:
            for staged in self.staged():
                target = self.corpus / staged.relative_to(self.folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, target)
            for path in sorted(self.removals):
                path.unlink(missing_ok=True)
                for folder in (path.parent, path.parent.parent):
                    if folder != self.corpus:
                        _remove_if_empty(folder)
        except OSError as error:
            raise _not_writable(self.corpus, error.strerror or str(error)) from None

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        os.close(self._lock)  # releases the lock


def _lock(corpus: Path) -> int:
    """The exclusive lock on the corpus folder (:func:`~claimkit.storage.lock_folder`), or E215. It
    waits a moment: an adjudicate or preannotate holds it for the milliseconds of a check and a rename."""
    try:
        held = lock_folder(corpus, wait=_WAIT)
    except OSError as error:
        raise ConfigError(CORPUS_UNREADABLE, f"cannot open the corpus folder {corpus}: {error.strerror}") from None
    if held is None:
        raise ConfigError(CORPUS_BUSY, f"another pull or import is writing to {corpus}")
    return held


#: Seconds a pull or import waits for the corpus lock: longer than any single replace, shorter than a pull.
_WAIT = 2.0


def _fingerprint(path: Path) -> tuple[int, int, int] | None:
    """Inode, size and modification time: a file replaced or rewritten since has another."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


def _holds(path: Path, text: str) -> bool:
    if (why := not_regular(path)) is not None:  # a named pipe: reading it would wait forever
        raise ConfigError(CORPUS_UNREADABLE, f"cannot read {path}: {why}")
    try:
        return path.read_bytes() == text.encode("utf-8")
    except FileNotFoundError:
        return False
    except OSError as error:
        raise ConfigError(CORPUS_UNREADABLE, f"cannot read {path}: {error.strerror or error}") from None


def _remove_if_empty(folder: Path) -> None:
    with suppress(OSError):  # not empty, or already gone
        folder.rmdir()
