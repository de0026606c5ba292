"""Writing files safely: to a temporary file in the same folder, then an atomic rename.

A reader (or a crash) never sees a half-written document file, release or export. The file gets the
mode an ordinary write would give it: an existing file keeps its mode, a new one follows the umask
(0644 under the usual 022), unless the caller asks for a mode (0600 for secrets).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import socket
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from claimkit.errors import (
    CORPUS_BUSY,
    FILE_CHANGED_MEANWHILE,
    OUTPUT_OVERWRITES_INPUT,
    TARGET_NOT_WRITABLE,
    DataError,
    UsageError,
)
from claimkit.model import DocumentFile

__all__ = [
    "abandoned",
    "alive",
    "atomic_write_bytes",
    "atomic_write_text",
    "current_umask",
    "document_json",
    "dump_json",
    "file_mode",
    "lock_folder",
    "refuse_overwrite",
    "remove_abandoned",
    "staging_prefix",
    "write_document_file",
]


_UMASK_LOCK = threading.Lock()


def refuse_overwrite(output: str | os.PathLike[str], inputs: Sequence[str | os.PathLike[str]], *, option: str) -> None:
    """E005 when ``output`` (given as ``option``) is one of ``inputs``, a folder among them or inside one,
    or a document file inside an input folder (it would be read as one next time)."""
    target = Path(os.path.realpath(output))  # Path.resolve raises on a link loop; the write reports it (E212)
    for given in inputs:
        source = Path(os.path.realpath(given))
        inside = _is_folder(source) and target.is_relative_to(source)
        if target == source or (inside and (target.suffix == ".json" or target.is_dir() or not target.suffix)):
            raise UsageError(
                OUTPUT_OVERWRITES_INPUT, f"{option} {output} would write over the input {given}", hint=None
            )


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; ``False`` when it cannot be known (an input the user may not
    read is reported by the reader, with its own code)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def current_umask() -> int:
    """The process's umask (read in the only way there is: set, then put back, under a lock)."""
    with _UMASK_LOCK:  # reading the umask means setting it: never let two threads interleave
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def file_mode(target: Path, mode: int | None = None) -> int:
    """The mode ``target`` should have after a write: ``mode``, else its current one, else 0666 & ~umask."""
    if mode is not None:
        return mode
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def _unchanged(target: Path, expected: bytes) -> None:
    """Raise E216 unless ``target`` still holds ``expected``."""
    try:
        current = target.read_bytes()
    except FileNotFoundError:
        current = None
    if current != expected:
        message = f"{target} changed since it was read; it was not overwritten"
        raise DataError(FILE_CHANGED_MEANWHILE, message)


def lock_folder(folder: Path, *, wait: float = 0.0) -> int | None:
    """An exclusive lock on ``folder`` itself (no lock file to commit or to forget): its open descriptor
    (close it to release), or ``None`` when another process held it for ``wait`` seconds.

    A pull or import holds the lock of its corpus folder from start to end; a command that replaces a
    document file there only if it still holds what it read (adjudicate, preannotate) holds it from
    that check to the rename, milliseconds: none of them can land between another's check and its write."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            os.close(descriptor)
            return None
        except OSError:  # no locks on this file system, say
            os.close(descriptor)
            raise
        return descriptor


def _replace_unchanged(temporary: str, target: Path, expected: bytes) -> None:
    """Rename ``temporary`` over ``target`` if ``target`` still holds ``expected``, under the folder's
    lock (E215 while a pull or import is writing to the folder, E216 when the file changed)."""
    try:
        held = lock_folder(target.parent, wait=_LOCK_WAIT)
    except OSError as error:
        message = f"cannot lock {target.parent}: {error.strerror or error}; {target} was not overwritten"
        raise DataError(TARGET_NOT_WRITABLE, message, hint=_LOCK_HINT) from None
    if held is None:
        message = (
            f"another claimkit command (a pull or import) is writing to {target.parent}; {target} was not overwritten"
        )
        raise DataError(CORPUS_BUSY, message, hint="Run the command again once the other one is done.")
    try:
        _unchanged(target, expected)
        os.replace(temporary, target)
    finally:
        os.close(held)


#: How long a guarded write waits for the folder: another writer's check and rename take milliseconds;
#: a pull holds it for the whole pull, and a bulk run beside a pull waits this long once per folder
#: (``busy`` of :func:`write_document_file`).
_LOCK_WAIT = 0.5
_LOCK_HINT = (
    "A document file is replaced under a lock on its folder (so that a pull cannot land meanwhile): the folder "
    "must be readable, on a file system with locks."
)


def atomic_write_bytes(
    path: str | os.PathLike[str],
    data: bytes | Iterable[bytes],
    *,
    mode: int | None = None,
    expected: bytes | None = None,
) -> None:
    """Write ``data`` to ``path`` so that the file is either the old one or the complete new one.

    ``data`` may come in pieces (an iterable of bytes), so that a large file is never whole in memory.

    With ``expected`` (the bytes the caller read and built ``data`` from), the file is replaced only
    if it still holds them, checked after the new content is on disk, just before the rename, under the
    folder's lock (:func:`lock_folder`): a file changed meanwhile (an annotator's pull landing) is
    left alone and E216 raised; while a pull or import is writing to the folder, E215."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(handle, file_mode(target, mode))
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                stream.writelines(data)
            stream.flush()
            os.fsync(stream.fileno())
        if expected is None:
            os.replace(temporary, target)
        else:
            _replace_unchanged(temporary, target, expected)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(
    path: str | os.PathLike[str], text: str | Iterable[str], *, mode: int | None = None, expected: bytes | None = None
) -> None:
    """:func:`atomic_write_bytes` of ``text`` (or of its pieces) in UTF-8."""
    data = text.encode("utf-8") if isinstance(text, str) else (piece.encode("utf-8") for piece in text)
    atomic_write_bytes(path, data, mode=mode, expected=expected)


def dump_json(data: Any) -> str:
    """Canonical JSON text: UTF-8 (not escaped), two-space indent, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def document_json(file: DocumentFile) -> str:
    """The canonical text of a document file (fields left at ``null`` are omitted).

    Serialized by pydantic's Rust serializer, which writes exactly what :func:`dump_json` writes
    (a test keeps them equal) without Python's slow indenting encoder.
    """
    return file.model_dump_json(indent=2, exclude_none=True) + "\n"


def write_document_file(
    path: str | os.PathLike[str], file: DocumentFile, *, expected: bytes | None = None, busy: set[Path] | None = None
) -> None:
    """Write a document file; with ``expected``, only over the very bytes it was made from (else E216).

    ``busy``: the folders a run already found held by a pull (E215), kept by the caller across its
    files; a file in one of them is refused at once: a pull holds its folder for minutes, and a bulk
    run that waited for it once per file would wait for hours."""
    folder = Path(path).parent
    if busy is not None and folder in busy:
        message = (
            f"a pull or import is writing to {folder}; {path} was not written (the folder was busy for an earlier file)"
        )
        raise DataError(CORPUS_BUSY, message, hint="Run the command again once the other one is done.")
    try:
        atomic_write_text(path, document_json(file), expected=expected)
    except DataError as error:
        if busy is not None and error.code is CORPUS_BUSY:
            busy.add(folder)
        raise


def staging_prefix(name: str, kind: str = "building") -> str:
    """The name a folder being made for ``name`` starts with: hidden, and saying which process on
    which machine makes it (``.NAME.building-HOST-PID-``), so that a later run can tell a folder
    abandoned by a killed process from one another process is still making."""
    return f".{name}.{kind}-{_host()}-{os.getpid()}-"


def abandoned(folder: Path, name: str, kind: str = "building") -> list[Path]:
    """The folders :func:`staging_prefix` named in ``folder`` whose process, on this machine, is gone
    (killed mid-way: ``kill -9``, a power cut). A live process's folder, or one made on another
    machine, is not one."""
    pattern = re.compile(re.escape(f".{name}.{kind}-{_host()}-") + r"(\d+)-")
    found = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        match = pattern.match(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not alive(int(match.group(1))):
            found.append(entry)
    return found


def remove_abandoned(folder: Path, name: str, kind: str = "building") -> list[Path]:
    """Remove the :func:`abandoned` folders; returns them."""
    removed = abandoned(folder, name, kind)
    for entry in removed:
        shutil.rmtree(entry, ignore_errors=True)
    return removed


def _host() -> str:
    """This machine's name as it may stand in a file name."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname())[:40] or "host"


def alive(pid: int) -> bool:
    """Whether a process of this machine with this id is running (another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
