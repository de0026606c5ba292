"""Writing many new document files fast, each either absent or complete, never replacing a file.

A file is first written under a hidden temporary name of the run in the out folder (by the worker
process that made it: its bytes never travel back to the main process), then queued here with its
final name. A background thread takes the queue in batches: it makes the batch durable with one
``syncfs`` of the out folder's file system (one ``fsync`` per file costs 1.7 ms on the machine
measured; ``os.sync()`` would flush every disk of a shared machine), then links each file to its
final name and removes the temporary name, while the caller goes on. Linking (rather than renaming)
fails when the name exists, so a file that appeared meanwhile is never replaced, and a reader never
sees a half-written file. The folder itself is synced once at the end, for the names. Files are
created with mode 0666 less the umask, like any file a user writes. Temporary files the run did not
link (a record refused after it was written, a run stopped early) are removed by
:meth:`Staging.sweep`.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import queue
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from claimkit.ingest.codes import OUTPUT_NOT_WRITABLE, IngestError

__all__ = ["BatchWriter", "Staging"]

_BATCH_FILES = 1024
_BATCH_BYTES = 32 * 1024 * 1024
_QUEUED = 2  # batches waiting to be committed: bounds what is unsynced when the disk is slow
_NUMBERS = itertools.count()
_SUFFIX = ".tmp"
Batch = list[tuple[Path, Path]]  # (final name, temporary name)


@dataclass(frozen=True)
class Staging:
    """Where the files of one run are written before they are named: ``folder/<prefix>.<pid>.<n>.tmp``."""

    folder: Path
    prefix: str

    @classmethod
    def new(cls, folder: Path) -> Staging:
        return cls(folder, f".claimkit-ingest.{os.getpid()}.{secrets.token_hex(4)}")

    def write(self, data: bytes) -> Path:
        """A new temporary file holding ``data``; OSError when it cannot be written."""
        try:
            return self._write(data)
        except FileNotFoundError:  # the out folder is made on the first write
            self.folder.mkdir(parents=True, exist_ok=True)
            return self._write(data)

    def _write(self, data: bytes) -> Path:
        path = self.folder / f"{self.prefix}.{os.getpid()}.{next(_NUMBERS)}{_SUFFIX}"
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        except OSError:
            os.unlink(path)
            raise
        finally:
            os.close(handle)
        return path

    def sweep(self) -> None:
        """Remove every temporary file of this run that is left (none is named: they are copies)."""
        try:
            with os.scandir(self.folder) as entries:
                left = [entry.path for entry in entries if entry.name.startswith(self.prefix + ".")]
        except OSError:
            return
        for path in left:
            discard(Path(path))


def discard(path: Path) -> None:
    """Remove a temporary file that will not be named."""
    try:
        os.unlink(path)
    except OSError:
        return


def _not_writable(folder: Path, error: OSError) -> IngestError:
    return IngestError(OUTPUT_NOT_WRITABLE, f"cannot write in {folder}: {error.strerror}")


def _syncfs(folder: int) -> None:
    """Make every file written on the file system of ``folder`` durable (``os.sync`` where no syncfs)."""
    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (AttributeError, OSError):
        os.sync()
        return
    if syncfs(folder) != 0:
        os.sync()


class BatchWriter:
    """Queue ``(target, temporary file)``; :meth:`close` names what is left and returns the targets that existed."""

    def __init__(self, staging: Staging) -> None:
        self.staging = staging
        self.pending: Batch = []
        self.size = 0
        self.existed: list[Path] = []
        self.error: IngestError | None = None
        self.queue: queue.Queue[Batch | None] = queue.Queue(_QUEUED)
        self.committer = threading.Thread(target=self._commit_all, name="claimkit-ingest-commit", daemon=True)
        self.committer.start()

    def submit(self, target: Path, data: Path | bytes, size: int) -> None:
        """Name the file ``target``: a temporary file written already, or bytes to write here."""
        if isinstance(data, bytes):  # the worker could not write it: try here, and say why not
            data = self._stage(data)
        self.pending.append((target, data))
        self.size += size
        if len(self.pending) >= _BATCH_FILES or self.size >= _BATCH_BYTES:
            self._hand_over()

    def _stage(self, data: bytes) -> Path:
        try:
            return self.staging.write(data)
        except OSError as error:
            raise _not_writable(self.staging.folder, error) from error

    def _hand_over(self) -> None:
        if self.error is not None:
            raise self.error
        if self.pending:
            self.queue.put(self.pending)
        self.pending, self.size = [], 0

    def close(self) -> list[Path]:
        """Name every queued file and wait; raises the first error (E801)."""
        try:
            self._hand_over()
        finally:
            self.queue.put(None)
            self.committer.join()
        if self.error is not None:
            raise self.error
        return self.existed

    def _commit_all(self) -> None:
        committed = False
        while (batch := self.queue.get()) is not None:
            if self.error is None:
                try:
                    self._commit(batch)
                    committed = True
                except OSError as error:
                    self.error = _not_writable(self.staging.folder, error)
        if committed and self.error is None:
            self._sync_names()

    def _commit(self, batch: Batch) -> None:
        folder = os.open(self.staging.folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            _syncfs(folder)
            for target, temporary in batch:
                try:
                    os.link(temporary, target)
                except FileExistsError:
                    self.existed.append(target)
                os.unlink(temporary)
        finally:
            os.close(folder)

    def _sync_names(self) -> None:
        try:
            folder = os.open(self.staging.folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(folder)
        except OSError:
            pass
        finally:
            os.close(folder)
