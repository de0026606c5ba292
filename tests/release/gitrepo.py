"""Corpora in their own git repositories (in tmp_path): a recorded release needs a committed corpus."""

from __future__ import annotations

import subprocess
from pathlib import Path

_IDENTITY = ["-c", "user.name=claimkit tests", "-c", "user.email=tests@claimkit.invalid", "-c", "commit.gpgsign=false"]


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *_IDENTITY, *args], cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def init(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q")
    return folder


def commit(folder: Path, message: str = "corpus change") -> str:
    """Commit everything in ``folder``; returns the commit id."""
    git(folder, "add", "-A", ".")
    git(folder, "commit", "-q", "--allow-empty", "-m", message)
    return git(folder, "rev-parse", "HEAD")
