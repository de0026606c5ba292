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
from claimkit.loading import Loaded, add_lines, find_document_files, load_file
from claimkit.model import DocumentFile
from claimkit.validate import ValidationOptions, check_document

__all__ = [
    "DIRTY",
    "UNKNOWN_COMMIT",
    "Checked",
    "corpus_commit",
    "not_committed",
    "project_path",
    "read_corpus",
    "refuse_uncommitted",
]

UNKNOWN_COMMIT = "unknown"
DIRTY = "-dirty"


def _git(*args: str, cwd: Path) -> str | None:
    try:
        done = subprocess.run(  # file names need not be UTF-8: decoded, not refused
            ["git", *args], cwd=cwd, capture_output=True, encoding="utf-8", errors="replace", check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def project_path(corpus: Path, name: str) -> Path:
    """``name`` at the top of the git repository that holds the corpus (the project's
    ``releases/``, ``pyproject.toml``), or in the current folder when the corpus is in none or is
    the repository itself (its records would be read as documents)."""
    top = _git("rev-parse", "--show-toplevel", cwd=corpus) if corpus.is_dir() else None
    inside = top is not None and Path(top).resolve() != corpus.resolve()
    return Path(top) / name if top and inside else Path(name)


def corpus_commit(corpus: Path) -> tuple[str, date]:
    """The last commit that touched the corpus and its date (``-dirty`` if what the release would
    read is not that commit's content: see :func:`not_committed`)."""
    found = _git("log", "-1", "--format=%H %cs", "--", ".", cwd=corpus) if corpus.is_dir() else None
    if not found:
        return UNKNOWN_COMMIT, date(1970, 1, 1)
    commit, day = found.split()
    if not_committed(corpus):
        commit += DIRTY
    return commit, date.fromisoformat(day)


def refuse_uncommitted(corpus: Path, commit: str) -> None:
    """A recorded release names the commit of its corpus: refuse one that no commit holds (E307)."""
    if commit == UNKNOWN_COMMIT:
        raise ReleaseError(CORPUS_NOT_COMMITTED, f"the corpus {corpus} is not in a git repository, or not committed")
    if commit.endswith(DIRTY):
        why = not_committed(corpus) or "it has uncommitted changes"
        message = f"the corpus {corpus} is not what its commit holds: {why}; a recorded release names its commit"
        raise ReleaseError(CORPUS_NOT_COMMITTED, message)


def _listed(*args: str, cwd: Path) -> list[str]:
    return [entry for entry in (_git(*args, "-z", "--", ".", cwd=cwd) or "").split("\0") if entry]


def _read_by_release(path: str) -> bool:
    """Whether the release would read this path of the corpus (a ``.json`` file outside hidden folders)."""
    parts = Path(path).parts
    return path.endswith(".json") and not any(part.startswith(".") for part in parts[:-1])


def not_committed(corpus: Path) -> str | None:
    """Why the files a release would read are not the content of the corpus's commit (``None``: they
    are): changes git sees, and what it does not compare: ignored files, symbolic links (git holds
    the link, the release reads what it points to), files git was told to take as unchanged."""
    if _git("status", "--porcelain", "--untracked-files=all", "--", ".", cwd=corpus):
        return "it has uncommitted changes"
    ignored = _listed("ls-files", "--others", "--ignored", "--exclude-standard", cwd=corpus)
    if found := next(filter(_read_by_release, ignored), None):
        return f"{found} is ignored by git, so no commit holds it"
    links = [entry.split("\t", 1)[1] for entry in _listed("ls-files", "--stage", cwd=corpus) if entry[:6] == "120000"]
    if found := next(filter(_read_by_release, links), None):
        return f"{found} is a symbolic link: the commit holds the link, not the file it points to"
    unchecked = [entry[2:] for entry in _listed("ls-files", "-v", cwd=corpus) if entry[0].islower() or entry[0] == "S"]
    if found := next(filter(_read_by_release, unchecked), None):
        return f"{found} is marked assume-unchanged or skip-worktree, so git does not compare it with the commit"
    return None


Checked = tuple[DocumentFile | None, list[Issue]]


def read_corpus(
    corpus: Path, options: ValidationOptions, batch: int, batch_bytes: int = 4 * 1024 * 1024
) -> Iterator[list[Checked]]:
    """Every document file of the corpus in file name order, read once, with its validation issues, in
    lists of at most ``batch`` files; a list also ends with the file that brings it to ``batch_bytes``.
    A list's files are all loaded, then all checked, so that the loading code and then the rules stay
    in the processor's caches from one file to the next."""
    files, missing = find_document_files([corpus])
    if missing:
        yield [(None, missing)]
    loaded: list[Loaded] = []
    size = 0
    for path in sorted(files, key=os.path.basename):
        loaded.append(load_file(path, options.max_bytes))
        size += len(loaded[-1].raw)
        if len(loaded) == batch or size >= batch_bytes:
            yield _check_all(loaded, options)
            size = 0
    if loaded:
        yield _check_all(loaded, options)


def _check_all(loaded: list[Loaded], options: ValidationOptions) -> list[Checked]:
    """The checked files, emptying ``loaded``: nothing in the reading frame holds a batch while the
    caller is done with it and the collector runs (see :func:`claimkit.collector.each_paused`)."""
    checked = [_checked(each, options) for each in loaded]
    loaded.clear()
    return checked


def _checked(loaded: Loaded, options: ValidationOptions) -> Checked:
    issues = loaded.issues if loaded.file is None else check_document(loaded.file, loaded.path, options)
    return loaded.file, add_lines(issues, loaded.raw) if issues else []
