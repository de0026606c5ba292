"""Commands over the corpus files: validate, schema, docs, rules, labels, ingest."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from claimkit.contracts import stale_contracts, write_contracts
from claimkit.docgen import stale_pages, write_pages
from claimkit.errors import CONFLICTING_OPTIONS, UsageError
from claimkit.ingest import DOCUMENT_EXISTS, ingest_path
from claimkit.issues import Report
from claimkit.loading import load_file
from claimkit.reporters import emit, render
from claimkit.rules import all_codes
from claimkit.storage import write_document_file
from claimkit.taxonomy import LABEL_SETS, describe
from claimkit.validate import ValidationOptions, validate_paths

__all__ = ["docs", "ingest", "labels", "rules", "schema", "validate"]


def _jobs(requested: int) -> int:
    return requested if requested > 0 else (os.cpu_count() or 1)


def validate(
    paths: Sequence[str],
    *,
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    strict: bool,
    fmt: str,
    jobs: int,
    max_bytes: int,
    out: TextIO,
    engine: str = "local",
    address: str | None = None,
) -> int:
    """``claimkit validate``: every problem in the given files or folders, then the exit code."""
    options = ValidationOptions.from_selectors(select, ignore, max_bytes)
    report = validate_paths(paths, options, jobs=_jobs(jobs), engine=engine, address=address)
    out.write(render(report, fmt))
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
    for path in write_contracts(folder):
        out.write(f"wrote {path}\n")
    return 0


def docs(folder: str, *, check: bool, out: TextIO) -> int:
    """``claimkit docs``: write the generated reference pages, or (``--check``) fail when stale."""
    if check:
        stale = stale_pages(folder)
        for name in stale:
            out.write(f"{Path(folder) / name} is stale: run `claimkit docs` and commit the result\n")
        return 1 if stale else 0
    for path in write_pages(folder):
        out.write(f"wrote {path}\n")
    return 0


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


def ingest(
    files: Sequence[str],
    *,
    metadata: dict[str, Any],
    out_dir: str,
    furniture: bool,
    strip_bidi: bool,
    fmt: str,
    out: TextIO,
) -> int:
    """``claimkit ingest``: raw UTF-8 articles become document files under ``out_dir``."""
    if metadata.get("id") and len(files) > 1:
        raise UsageError(CONFLICTING_OPTIONS, "--id names one document; give one file with it")
    report = Report(files_checked=len(files))
    lines: list[str] = []
    written: list[str] = []
    for name in files:
        result = ingest_path(Path(name), metadata, furniture=furniture, strip_bidi=strip_bidi)
        report.extend(result.issues)
        if result.file is None:
            continue
        target = Path(out_dir) / f"{result.file.document.id}.json"
        loaded = load_file(target) if target.exists() else None
        if loaded is not None and loaded.file is None:  # never replace a file we cannot read: it may hold work
            report.extend(loaded.issues)
            continue
        existing = loaded.file if loaded is not None else None
        if existing is not None and existing.document.text_sha256 != result.file.document.text_sha256:
            report.extend([DOCUMENT_EXISTS.issue(f"{target} holds another text", file=name, pointer="/document/text")])
            continue
        if existing is not None:
            lines.append(f"{target} already holds this text; left as it is")
            continue
        write_document_file(target, result.file)
        written.append(str(target))
        lines.append(f"wrote {target}")
    emit(out, report.sorted(), fmt, lines=lines, summary={"written": written})
    return report.exit_code()
