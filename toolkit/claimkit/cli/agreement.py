"""The agreement commands: ``agree`` measures it, ``adjudicate`` merges annotators into gold."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from claimkit.cli.options import add_connection, add_format
from claimkit.commands import agreement as agreement_commands
from claimkit.errors import CONFLICTING_OPTIONS, UsageError

__all__ = ["add_commands"]


def add_commands(sub: Any) -> None:
    _add_agree(sub)
    _add_adjudicate(sub)


def _add_agree(sub: Any) -> None:
    p = sub.add_parser("agree", help="inter-annotator agreement over documents with 2+ annotators")
    p.add_argument("paths", nargs="*", default=["annotations"])
    p.add_argument("--heatmap", metavar="PNG", help="also write the category confusion matrix as a PNG")
    p.add_argument("--hard-cases", metavar="MD", help="also write the hard cases (conflicts, decisions) as Markdown")
    p.add_argument("--gamma", action="store_true", help="also gamma per document (pygamma-agreement; ~1 s each)")
    add_format(p, ("text", "json", "markdown"))
    p.set_defaults(run=_run_agree)


def _run_agree(a: argparse.Namespace) -> int:
    return agreement_commands.agree(
        a.paths, fmt=a.fmt, heatmap=a.heatmap, hard_cases=a.hard_cases, gamma=a.gamma, out=sys.stdout
    )


def _add_adjudicate(sub: Any) -> None:
    p = sub.add_parser("adjudicate", help="merge annotators into gold; list conflicts (and push them for review)")
    p.add_argument("paths", nargs="*", default=["annotations"])
    p.add_argument("--force", action="store_true", help="also documents that already have gold")
    p.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    p.add_argument("--push", action="store_true", help="send conflicts to Label Studio as predictions for a reviewer")
    add_connection(p)
    add_format(p, ("text", "json"))
    p.set_defaults(run=_run_adjudicate)


def _run_adjudicate(a: argparse.Namespace) -> int:
    if (a.url or a.api_key) and not a.push:
        raise UsageError(CONFLICTING_OPTIONS, "--url and --api-key are for --push; without it nothing is sent")
    return agreement_commands.adjudicate(
        a.paths,
        force=a.force,
        dry_run=a.dry_run,
        push=a.push,
        url=a.url,
        api_key=a.api_key,
        project=a.project,
        fmt=a.fmt,
        out=sys.stdout,
    )
