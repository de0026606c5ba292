"""``claimkit preannotate``: rule-based proposals for document files or article shards, or their evaluation."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from claimkit.cli.options import add_engine, add_format, at_least
from claimkit.commands import preannotate as preannotate_commands
from claimkit.errors import CONFLICTING_OPTIONS, UsageError
from claimkit.reporters import FORMATS

__all__ = ["add_commands"]

_DESCRIPTION = (
    "Document files get a proposal in their `predictions` (the previous proposal is replaced, "
    "annotators' work is never touched). JSON Lines or Parquet shards of articles (rows with id and text) "
    "give proposal rows under --out. --evaluate compares proposals and a baseline with gold."
)


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "preannotate",
        help="propose claims, sources and cues (rule-based, offline), or evaluate the proposals",
        description=_DESCRIPTION,
    )
    p.add_argument("paths", nargs="*", default=["annotations"], help="document files or folders, or shards")
    p.add_argument("--evaluate", action="store_true", help="score proposals against gold beside the baseline")
    p.add_argument("--out", help="folder for the proposal rows of shards")
    p.add_argument("--output-format", choices=("jsonl", "parquet"), help="of the proposal rows (default: as input)")
    p.add_argument("--dry-run", action="store_true", help="say what would be written; write nothing")
    p.add_argument(
        "--jobs", "-j", type=at_least(0), default=0, help="processes (local) or CPUs (local Ray); default: all"
    )
    add_engine(p)
    add_format(p, (*FORMATS, "markdown"))
    p.set_defaults(run=_run_preannotate)


def _run_preannotate(a: argparse.Namespace) -> int:
    if a.evaluate:
        ignored = [
            flag
            for flag, given in (("--out", a.out), ("--output-format", a.output_format), ("--dry-run", a.dry_run))
            if given
        ]
        if ignored:
            raise UsageError(CONFLICTING_OPTIONS, f"--evaluate writes nothing: {', '.join(ignored)} would be ignored")
        return preannotate_commands.evaluate(a.paths, fmt=a.fmt, out=sys.stdout)
    return preannotate_commands.preannotate(
        a.paths,
        engine=a.engine,
        jobs=a.jobs,
        address=a.address,
        out_dir=a.out,
        output_format=a.output_format,
        dry_run=a.dry_run,
        fmt=a.fmt,
        out=sys.stdout,
    )
