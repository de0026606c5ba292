"""The ``claimkit`` argument parser: each family of commands adds its subcommands, in this order."""

from __future__ import annotations

import argparse

from claimkit import __version__
from claimkit.cli import agreement, core, ingest, labelstudio, preannotate, release

__all__ = ["build_parser"]

#: The families of commands, in the order ``claimkit --help`` lists them.
_FAMILIES = (core, ingest, labelstudio, release, agreement, preannotate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimkit", description="Annotate news articles with claims and their sources."
    )
    parser.add_argument("--version", action="version", version=f"claimkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for family in _FAMILIES:
        family.add_commands(sub)
    return parser
