"""Opening an input as text, and what says where reading it stopped: gzip read through, a byte
order mark before the first record skipped, a byte that is not UTF-8 found with its line (F002), a
damaged compressed stream cut short at the line reached (F001)."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from pathlib import Path
from typing import IO, Any

from claimkit.ingest.records import Unread
from claimkit.loading import NOT_UTF8, UNREADABLE_FILE, encoding_hint

__all__ = ["READ_ERRORS", "TOO_DEEP", "cut_short", "first_bytes", "not_utf8", "open_text", "row_not_utf8"]

_ENCODING = "utf-8-sig"  # a byte order mark before the first record is not content


def first_bytes(path: Path) -> bytes:
    """The first two bytes of a file (what a byte order mark would be), empty when it cannot be read."""
    try:
        with open(path, "rb") as stream:
            return stream.read(2)
    except OSError:
        return b""


#: What reading an input raises where its data cannot be read: a damaged deflate stream of a gzip
#: input is ``zlib.error`` (no OSError), one cut short EOFError.
READ_ERRORS = (OSError, EOFError, zlib.error)
_GZIP_HINT = (
    "The compressed data is damaged or cut short (`gzip -t FILE` checks it): compress or download the file "
    "again, or leave it out."
)


def _read_hint(path: Path) -> str | None:
    return _GZIP_HINT if path.name.lower().endswith(".gz") else None


def cut_short(error: BaseException, path: Path, line: int | None) -> Unread:
    """F001 where reading an input stopped (damaged gzip data): at the line reached, when known."""
    reason = getattr(error, "strerror", None) or error
    rest = f"line {line} and the rest cannot be read" if line is not None else "cannot read"
    return Unread(UNREADABLE_FILE.issue(f"{rest}: {reason}", file=str(path), line=line, hint=_read_hint(path)))


def open_text(path: Path, errors: str = "strict") -> IO[str]:
    if path.name.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding=_ENCODING, errors=errors, newline="")
    return open(path, encoding=_ENCODING, errors=errors, newline="")


#: Why Python's JSON parser gave up (``RecursionError``): hostile input, never a crash.
TOO_DEEP = "arrays or objects nested deeper than the JSON parser allows"

#: What ``surrogateescape`` decodes a byte that is not UTF-8 to (valid UTF-8 never decodes to these).
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def not_utf8(line: str, number: int, path: Path) -> Unread | None:
    """F002 at the first byte of a JSON Lines line (read with ``surrogateescape``) that is not UTF-8."""
    found = _ESCAPED_BYTE.search(line)
    if found is None:
        return None
    byte, column = ord(found.group()) - 0xDC00, found.start() + 1
    message = f"line {number} is not UTF-8 (byte 0x{byte:02x} at column {column}): it and the rest were not read"
    issue = NOT_UTF8.issue(message, file=str(path), line=number, column=column, hint=encoding_hint(first_bytes(path)))
    return Unread(issue)


def row_not_utf8(row: dict[str, Any], number: int, line: int, path: Path) -> Unread | None:
    """F002 at the first line of a CSV row (read with ``surrogateescape``) that holds a byte that is not UTF-8."""
    values = [v for value in row.values() for v in (value if isinstance(value, list) else [value]) if v]
    found = next((m for v in values if (m := _ESCAPED_BYTE.search(v)) is not None), None)
    if found is None:
        return None
    byte = ord(found.group()) - 0xDC00
    message = f"row {number} (from line {line}) is not UTF-8 (byte 0x{byte:02x}): it and the rest were not read"
    return Unread(NOT_UTF8.issue(message, file=str(path), line=line, hint=encoding_hint(first_bytes(path))))
