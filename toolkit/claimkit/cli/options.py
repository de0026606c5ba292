"""Options several commands share: the output format, the engine, the Label Studio connection."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence

from claimkit.reporters import FORMATS

__all__ = ["add_connection", "add_engine", "add_format", "at_least"]


def at_least(least: int) -> Callable[[str], int]:
    """An argument type: a whole number from ``least`` on (a negative --jobs or --max-bytes is no count)."""

    def count(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = least - 1
        if number < least:
            raise argparse.ArgumentTypeError(f"must be a whole number from {least} on, not {value!r}")
        return number

    return count


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = tuple(FORMATS)) -> None:
    """``--format``: by default the reporters' formats (every command whose outcome is a Report)."""
    parser.add_argument("--format", dest="fmt", choices=choices, default="text", help="output format")


def add_engine(parser: argparse.ArgumentParser) -> None:
    """``--engine local|ray`` and ``--address``: where the per-document work runs (see docs/ray.md)."""
    parser.add_argument("--engine", choices=("local", "ray"), default="local", help="local processes, or Ray")
    parser.add_argument("--address", help="Ray cluster address (default: $RAY_ADDRESS, else a local Ray)")


def add_connection(parser: argparse.ArgumentParser) -> None:
    """``--url``, ``--api-key`` and ``--project``: the Label Studio server and project to talk to."""
    parser.add_argument("--url", help="Label Studio URL (default: $LABEL_STUDIO_URL)")
    parser.add_argument("--api-key", help="API key or personal access token (default: $LABEL_STUDIO_API_KEY)")
    parser.add_argument(
        "--project", default=os.environ.get("CLAIMKIT_LS_PROJECT", "claimkit"), help="project title (default: claimkit)"
    )
