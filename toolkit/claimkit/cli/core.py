"""The core commands: ``validate``, and the generated files and lists (``schema``, ``docs``, ``rules``,
``labels``)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from claimkit.cli.options import add_engine, add_format, at_least
from claimkit.commands import core
from claimkit.loading import MAX_FILE_BYTES

__all__ = ["add_commands"]


def add_commands(sub: Any) -> None:
    _add_validate(sub)
    _add_generated(sub)
    _add_lists(sub)


def _codes(value: str) -> list[str]:
    return [part for part in value.replace(" ", ",").split(",") if part]


def _add_validate(sub: Any) -> None:
    p = sub.add_parser("validate", help="check document files: structure and every rule")
    p.add_argument("paths", nargs="*", default=["annotations"], help="files or folders (default: annotations/)")
    p.add_argument("--select", type=_codes, action="extend", help="only these codes or prefixes (e.g. C,O001)")
    p.add_argument("--ignore", type=_codes, action="extend", help="skip these codes or prefixes")
    p.add_argument("--strict", action="store_true", help="warnings fail the run too")
    p.add_argument("--jobs", "-j", type=at_least(0), default=0, help="processes to use (default: one per CPU)")
    p.add_argument("--max-bytes", type=at_least(1), default=MAX_FILE_BYTES, help="refuse files larger than this")
    p.add_argument(
        "--verbose", "-v", action="store_true", help="list every issue (text output summarizes a code met often)"
    )
    add_engine(p)
    add_format(p)
    p.set_defaults(run=_run_validate)


def _run_validate(a: argparse.Namespace) -> int:
    return core.validate(
        a.paths,
        select=a.select,
        ignore=a.ignore,
        strict=a.strict,
        fmt=a.fmt,
        jobs=a.jobs,
        max_bytes=a.max_bytes,
        engine=a.engine,
        address=a.address,
        out=sys.stdout,
        verbose=a.verbose,
    )


def _add_generated(sub: Any) -> None:
    p = sub.add_parser("schema", help="write the generated contracts (JSON Schema, Label Studio config)")
    p.add_argument("--out", default="schema", help="folder (default: schema/)")
    p.add_argument("--check", action="store_true", help="exit 1 if the committed files are stale")
    p.set_defaults(run=lambda a: core.schema(a.out, check=a.check, out=sys.stdout))

    p = sub.add_parser("docs", help="write the generated reference pages (rules, label sets)")
    p.add_argument("--out", default="docs", help="folder (default: docs/)")
    p.add_argument("--check", action="store_true", help="exit 1 if the committed pages are stale")
    p.set_defaults(run=lambda a: core.docs(a.out, check=a.check, out=sys.stdout))


def _add_lists(sub: Any) -> None:
    p = sub.add_parser("rules", help="list every rule code")
    add_format(p, ("text", "json"))
    p.set_defaults(run=lambda a: core.rules(fmt=a.fmt, out=sys.stdout))

    p = sub.add_parser("labels", help="list every closed label set")
    p.set_defaults(run=lambda _: core.labels(out=sys.stdout))
