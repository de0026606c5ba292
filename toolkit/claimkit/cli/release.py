"""The release commands: ``release`` builds one, ``diff`` compares two, ``verify`` and ``load`` check one."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from claimkit.cli.options import add_format
from claimkit.commands import release as release_commands

__all__ = ["add_commands"]

_RELEASE_DESCRIPTION = (
    "Build dist/<name>-<VERSION>/ (Parquet per config and split, card, schema, Croissant, "
    "changelog, SHA256SUMS, manifest) in one pass over the corpus. Versions follow semver: major when readers "
    "break (schema or guidelines major, a label removed, renamed or given another ClassLabel id, split "
    "settings changed, documents removed), minor when something is added (documents, labels: a new label "
    "gets the next id), patch for corrections. A recorded version is never rebuilt with other content, and "
    "is only built from a committed corpus (--snapshot builds the work tree as it is)."
)


def add_commands(sub: Any) -> None:
    _add_release(sub)
    _add_diff(sub)
    _add_verify(sub)
    _add_load(sub)


def _add_release(sub: Any) -> None:
    p = sub.add_parser(
        "release", help="build a versioned release of the gold annotations", description=_RELEASE_DESCRIPTION
    )
    _release_options(p)
    p.set_defaults(run=_run_release)


_RECORDS_HELP = "folder of the committed release records (default: releases/ at the top of the corpus's git repository)"
_CONFIG_HELP = "file with [tool.claimkit.dataset] (default: the repository's pyproject.toml, if there is one)"


def _release_options(p: argparse.ArgumentParser) -> None:
    """The version, the folders and files the release reads and writes, and what to do after building."""
    p.add_argument("version", nargs="?", help="MAJOR.MINOR.PATCH")
    p.add_argument("--snapshot", action="store_true", help="build an unrecorded snapshot of the corpus as it is")
    p.add_argument("--corpus", default="annotations")
    p.add_argument("--out", default="dist")
    p.add_argument("--records", help=_RECORDS_HELP)
    p.add_argument("--config", help=_CONFIG_HELP)
    p.add_argument("--splits", help="ratios, e.g. train=0.8,validation=0.1,test=0.1 (changing them is major)")
    p.add_argument("--notes", help="a line for the changelog")
    p.add_argument("--push-to-hub", metavar="REPO", help="push the built release to this Hub dataset repo and tag it")
    p.add_argument("--load", action="store_true", help="then load every config back with datasets and summarize")


def _run_release(a: argparse.Namespace) -> int:
    return release_commands.release(
        a.version,
        snapshot=a.snapshot,
        corpus=a.corpus,
        out=a.out,
        records=a.records,
        pyproject=a.config,
        splits=a.splits,
        notes=a.notes,
        push_to_hub=a.push_to_hub,
        load_back=a.load,
        out_stream=sys.stdout,
    )


def _add_diff(sub: Any) -> None:
    p = sub.add_parser("diff", help="compare two releases (or a release with `current`, the corpus now)")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--records", help=_RECORDS_HELP)
    p.add_argument("--corpus", default="annotations")
    p.add_argument("--config", help=_CONFIG_HELP)
    add_format(p, ("text", "json", "markdown"))
    p.set_defaults(run=_run_diff)


def _run_diff(a: argparse.Namespace) -> int:
    return release_commands.diff(
        a.old, a.new, records=a.records, corpus=a.corpus, pyproject=a.config, fmt=a.fmt, out=sys.stdout
    )


def _add_verify(sub: Any) -> None:
    p = sub.add_parser("verify", help="check every file of a release folder against its manifest.json")
    p.add_argument("folder")
    add_format(p)
    p.set_defaults(run=lambda a: release_commands.verify(a.folder, fmt=a.fmt, out=sys.stdout))


def _add_load(sub: Any) -> None:
    p = sub.add_parser("load", help="verify a built release, then load it with datasets.load_dataset")
    p.add_argument("folder")
    p.set_defaults(run=lambda a: release_commands.load(a.folder, out=sys.stdout))
