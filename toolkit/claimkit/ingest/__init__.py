"""Ingest: news articles in bulk (text files, folders, JSON Lines, CSV/TSV, Parquet, ``datasets``) become
document files, with page furniture marked, ids made safe, duplicates and language checked.

The I codes and the E8xx errors are declared in :mod:`claimkit.ingest.codes`; importing this package
registers them. The command is :func:`claimkit.commands.ingest.ingest`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from claimkit.ingest.codes import DOCUMENT_EXISTS, IngestError
from claimkit.ingest.document import IngestResult, ingest_text
from claimkit.ingest.furniture import detect_furniture
from claimkit.ingest.ids import slugify
from claimkit.ingest.pipeline import IngestOptions, Outcome, Status, run
from claimkit.ingest.readers import read_file
from claimkit.ingest.records import FieldMap, Record, Unread

__all__ = [
    "DOCUMENT_EXISTS",
    "FieldMap",
    "IngestError",
    "IngestOptions",
    "IngestResult",
    "Outcome",
    "Status",
    "detect_furniture",
    "ingest_path",
    "ingest_text",
    "run",
    "slugify",
]


def ingest_path(
    path: Path, overrides: Mapping[str, Any], *, furniture: bool = True, strip_bidi: bool = False
) -> IngestResult:
    """A document file from one UTF-8 text file, its sidecar metadata and ``overrides`` (flags win)."""
    item = next(read_file(path, FieldMap(), "text"))
    if isinstance(item, Unread):
        return IngestResult(None, [item.issue])
    assert isinstance(item, Record)
    mapped, rest = FieldMap().split(item.fields)
    text = mapped.pop("text")
    metadata = {"id": slugify(path.stem), **mapped, **{k: v for k, v in overrides.items() if v is not None}}
    return ingest_text(text, metadata, where=str(path), furniture=furniture, strip_bidi=strip_bidi, source_fields=rest)
