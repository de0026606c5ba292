"""Output folders of proposal shards: written to a staging folder and moved into place only when
complete (a crash never leaves a half-written output), then summarized the same way for every engine."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from claimkit.engines.base import ShardSummary
from claimkit.issues import Issue

__all__ = ["Staging", "output_rows", "row_issues", "rows_by_file", "summarize"]


class Staging:
    """A hidden folder next to ``out``; on success its files replace ``out``'s proposal files."""

    def __init__(self, out: Path) -> None:
        self.out = out

    def __enter__(self) -> Staging:
        self.out.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=".proposals-staging-", dir=self.out))
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if kind is None:
                for stale in self.out.glob("*.proposals.*"):  # the previous run's output, and only that
                    stale.unlink()
                for made in sorted(self.folder.iterdir()):
                    os.replace(made, self.out / made.name)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _files(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("*.proposals.*") if p.is_file())


def output_rows(out: Path, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every proposal row under ``out`` (either engine's files, JSON Lines or Parquet)."""
    for _, row in rows_by_file(out, columns):
        yield row


def rows_by_file(out: Path, columns: list[str] | None = None) -> Iterator[tuple[Path, dict[str, Any]]]:
    """:func:`output_rows`, each with the proposal file it is in."""
    for path in _files(out):
        if path.suffix == ".parquet":
            from claimkit.release.shards import read_parquet_rows

            for batch in read_parquet_rows(path, columns=columns):
                for row in batch:
                    yield path, row
        else:
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    if line.strip():
                        yield path, json.loads(line)


def row_issues(row: dict[str, Any]) -> list[Issue]:
    return [Issue.from_dict(data) for data in json.loads(row.get("issues") or "[]")]


def summarize(out: Path, fmt: str) -> ShardSummary:
    summary = ShardSummary(outputs=[str(p) for p in _files(out)])
    for row in output_rows(out, ["id", "proposal"] if fmt == "parquet" else None):
        summary.rows += 1
        if row.get("proposal"):
            summary.proposals += 1
        else:
            summary.refused += 1
    return summary
