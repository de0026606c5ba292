"""The corpus a release is built from: the commit it comes from, and one pass over its files.

Each document file is read once: loaded, validated (structure and every rule) and handed on, so
validation and building share one read of the corpus.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from claimkit.errors import CORPUS_NOT_COMMITTED, ReleaseError
from claimkit.issues import Issue
from claimkit.loading import add_lines, find_document_files, load_file
from claimkit.model import DocumentFile
from claimkit.validate import ValidationOptions, check_document

__all__ = ["DIRTY", "UNKNOWN_COMMIT", "corpus_commit", "read_corpus", "refuse_uncommitted"]

UNKNOWN_COMMIT = "unknown"
DIRTY = "-dirty"


def _git(*args: str, cwd: Path) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def corpus_commit(corpus: Path) -> tuple[str, date]:
    """The last commit that touched the corpus and its date (``-dirty`` if the corpus has changes)."""
    found = _git("log", "-1", "--format=%H %cs", "--", ".", cwd=corpus) if corpus.is_dir() else None
    if not found:
        return UNKNOWN_COMMIT, date(1970, 1, 1)
    commit, day = found.split()
    if _git("status", "--porcelain", "--untracked-files=all", "--", ".", cwd=corpus):
        commit += DIRTY
    return commit, date.fromisoformat(day)


def refuse_uncommitted(corpus: Path, commit: str) -> None:
    """A recorded release names the commit of its corpus: refuse one that no commit holds (E307)."""
    if commit == UNKNOWN_COMMIT:
        raise ReleaseError(CORPUS_NOT_COMMITTED, f"the corpus {corpus} is not in a git repository, or not committed")
    if commit.endswith(DIRTY):
        raise ReleaseError(
            CORPUS_NOT_COMMITTED,
            f"the corpus {corpus} has uncommitted changes; a recorded release names the commit it was built from",
        )


def read_corpus(corpus: Path, options: ValidationOptions) -> Iterator[tuple[DocumentFile | None, list[Issue]]]:
    """Every document file of the corpus in file name order, read once, with its validation issues."""
    files, missing = find_document_files([corpus])
    if missing:
        yield None, missing
    for path in sorted(files, key=os.path.basename):
        loaded = load_file(path, options.max_bytes)
        issues = loaded.issues if loaded.file is None else check_document(loaded.file, loaded.path, options)
        yield loaded.file, add_lines(issues, loaded.raw) if issues else []
