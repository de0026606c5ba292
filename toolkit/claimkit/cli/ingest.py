"""``claimkit ingest``: articles in many formats become document files."""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimkit.cli.options import add_format, at_least
from claimkit.loading import MAX_FILE_BYTES

if TYPE_CHECKING:
    from claimkit.ingest import IngestOptions

__all__ = ["add_commands"]

#: The document's metadata an option can set (``--title``...), wins over the input's fields.
_METADATA = ("id", "title", "outlet", "language", "published", "url", "license")
#: The input fields an option can name (``--title-field``...).
_FIELDS = ("text", "title", "id", "date", "url", "outlet", "license")
_DESCRIPTION = (
    "Each text file, JSON Lines line, CSV/TSV row, Parquet row or datasets row becomes a document "
    "file. Fields not mapped to the document are kept under document.source_fields. Exit 0 when every "
    "record was written (or was already there), 1 when some were refused, 2 when none was written."
)


def _fraction(value: str) -> float:
    """A Jaccard threshold from 0 to 1 (``nan`` and ``inf`` are not numbers from 0 to 1)."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1 (0 turns it off), not {value!r}")
    return number


def _field_name(value: str) -> str:
    """A field of the input: an empty name would be dropped and the default field read instead."""
    if not value.strip():
        raise argparse.ArgumentTypeError("must name a field of the input, not be empty")
    return value


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "ingest",
        help="turn articles (text files, folders, JSONL, CSV/TSV, Parquet, datasets) into document files",
        description=_DESCRIPTION,
    )
    _input_options(p)
    _processing_options(p)
    add_format(p)
    p.set_defaults(run=_run_ingest)


def _input_options(p: argparse.ArgumentParser) -> None:
    """What to read, where to write, and what the documents are told about themselves."""
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, save_to_disk folders or Hub ids")
    p.add_argument("--out", default="annotations", help="folder for the document files (default: annotations/)")
    for name in _METADATA:
        p.add_argument(f"--{name}", default=None, help=f"the document's {name} (wins over the input's fields)")
    for name in _FIELDS:
        p.add_argument(f"--{name}-field", type=_field_name, metavar="FIELD", help=f"the input field holding the {name}")
    p.add_argument(
        "--input-format",
        choices=["text", "jsonl", "json", "csv", "tsv", "tsv-plain", "parquet", "dataset"],
        help="the format of every input (default: from each name's ending); tsv-plain: tab-separated with no "
        "quoting, a quotation mark is text (IANA's TSV)",
    )
    p.add_argument("--glob", help="in folders, only files matching this pattern (default: every known format)")


def _processing_options(p: argparse.ArgumentParser) -> None:
    """Duplicates, size limit, page furniture, HTML, bidi controls, composed letters, processes and verbosity."""
    p.add_argument("--near-duplicates", type=_fraction, default=0.8, metavar="JACCARD", help="0 to 1; 0 turns it off")
    p.add_argument("--skip-duplicates", action="store_true", help="do not write exact or near duplicates")
    p.add_argument("--max-bytes", type=at_least(1), default=MAX_FILE_BYTES, help="refuse documents larger than this")
    p.add_argument("--no-furniture", action="store_true", help="do not detect page furniture")
    p.add_argument("--html", action="store_true", help="the texts are HTML: take the text out first")
    p.add_argument("--strip-bidi", action="store_true", help="remove invisible bidi control characters first")
    p.add_argument("--nfc", action="store_true", help="compose letters first (Unicode NFC: ا + hamza above is أ)")
    p.add_argument("--jobs", "-j", type=at_least(0), default=0, help="processes to use (default: one per CPU)")
    p.add_argument("--verbose", "-v", action="store_true", help="list every file and every issue")


def _run_ingest(a: argparse.Namespace) -> int:
    from claimkit.commands.ingest import ingest

    options = _ingest_options(a)
    return ingest(a.inputs, options=options, fmt=a.fmt, verbose=a.verbose, out=sys.stdout, progress=sys.stderr)


def _ingest_options(a: argparse.Namespace) -> IngestOptions:
    from claimkit.ingest import FieldMap, IngestOptions

    fields = {"published" if name == "date" else name: getattr(a, f"{name}_field") for name in _FIELDS}
    return IngestOptions(
        out_dir=Path(a.out),
        fields=FieldMap.from_options(fields),
        metadata={key: getattr(a, key) for key in _METADATA},
        furniture=not a.no_furniture,
        html=a.html,
        strip_bidi=a.strip_bidi,
        nfc=a.nfc,
        near_threshold=a.near_duplicates or None,
        skip_duplicates=a.skip_duplicates,
        max_bytes=a.max_bytes,
        glob=a.glob,
        input_format=a.input_format,
        jobs=a.jobs or (os.cpu_count() or 1),
    )
