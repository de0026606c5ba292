"""Commands over the corpus files: validate, schema, docs, rules, labels (ingest: commands/ingest.py)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from claimkit.contracts import stale_contracts, write_contracts
from claimkit.docgen import BLOCKS, MISSING, stale_pages, write_pages
from claimkit.errors import OUTPUT_IN_CORPUS, UsageError
from claimkit.loading import first_document_file
from claimkit.reporters import render
from claimkit.rules import all_codes
from claimkit.taxonomy import LABEL_SETS, describe
from claimkit.validate import ValidationOptions, validate_paths

__all__ = ["docs", "labels", "rules", "schema", "validate"]


def _jobs(requested: int) -> int:
    return requested if requested > 0 else (os.cpu_count() or 1)


def validate(  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    paths: Sequence[str],
    *,
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    strict: bool,
    fmt: str,
    jobs: int,
    max_bytes: int,
    out: TextIO,
    verbose: bool = True,
    engine: str = "local",
    address: str | None = None,
) -> int:
    """``claimkit validate``: every problem in the given files or folders, then the exit code."""
    options = ValidationOptions.from_selectors(select, ignore, max_bytes)
    report = validate_paths(paths, options, jobs=_jobs(jobs), engine=engine, address=address)
    out.write(render(report, fmt, verbose=verbose))
    return report.exit_code(strict=strict)


def schema(folder: str, *, check: bool, out: TextIO) -> int:
    """``claimkit schema``: write the generated contracts, or (``--check``) fail when they are stale."""
    if check:
        stale = stale_contracts(folder)
        for name in stale:
            out.write(f"{Path(folder) / name} is stale: run `claimkit schema` and commit the result\n")
        if not stale:
            out.write(f"{folder}: contracts are up to date\n")
        return 1 if stale else 0
    if (document := first_document_file(folder)) is not None:
        raise UsageError(
            OUTPUT_IN_CORPUS, f"--out {folder} holds document files ({document}): the contracts go elsewhere"
        )
    for path in write_contracts(folder):
        out.write(f"wrote {path}\n")
    return 0


def docs(folder: str, *, check: bool, out: TextIO) -> int:
    """``claimkit docs``: write the generated reference pages, or (``--check``) fail when stale."""
    if check:
        stale = stale_pages(folder)
        for name in stale:
            out.write(_stale_line(Path(folder), name))
        return 1 if stale else 0
    for path in write_pages(folder):
        out.write(f"wrote {path}\n")
    for name in BLOCKS:
        if not (Path(folder) / name).is_file():
            out.write(
                f"skipped {Path(folder) / name}: a hand-written page with generated tables; copy it there first\n"
            )
    return 0


def _stale_line(folder: Path, name: str) -> str:
    if name.endswith(MISSING):
        page = folder / name.removesuffix(MISSING)
        return f"{page} is missing: it is hand-written (generated tables inside); copy it there, then `claimkit docs`\n"
    return f"{folder / name} is stale: run `claimkit docs` and commit the result\n"


def rules(*, fmt: str, out: TextIO) -> int:
    """``claimkit rules``: the rule table."""
    ordered = sorted(all_codes().values(), key=lambda r: r.code)
    if fmt == "json":
        rows = [{"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary} for r in ordered]
        out.write(json.dumps(rows, indent=2) + "\n")
    else:
        for r in ordered:
            out.write(f"{r.code}  {r.name:<45} {r.severity.value:<8} {r.summary}\n")
    return 0


def labels(*, out: TextIO) -> int:
    """``claimkit labels``: every closed label set and its values."""
    for name, label_set in LABEL_SETS.items():
        out.write(f"{name}\n")
        for value in label_set:
            term = describe(value)
            out.write(f"  {value.value:<22} {term.title} / {term.title_ar}: {term.definition}\n")
    return 0
