"""``claimkit verify``: check a release folder against its ``manifest.json`` (codes V001-V019).

Every file the manifest lists must be there with its size and SHA-256; no other file may be there
(only ``manifest.json`` itself); every Parquet file must read to its end. ``claimkit load`` runs the
same checks before it loads anything. The manifest catches a broken or incomplete download and a
file changed after the release was built; it is not a signature (compare ``SHA256SUMS`` with the
one the publisher shows to rule out a forged folder). So ``SHA256SUMS`` must list exactly the files
and sums of the manifest: a manifest rewritten to a changed file beside the published sums is found.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from claimkit.codes import Scope, declare
from claimkit.errors import UNKNOWN_RELEASE, ReleaseError
from claimkit.issues import Issue, Report, Severity

__all__ = ["CHECKSUMS", "MANIFEST", "sha256_file", "verify_release"]

MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"


_ERROR = (Severity.ERROR, Scope.INPUT)
_AGAIN = "Download or build the release again, then verify it."
MANIFEST_MISSING = declare("V001", "manifest-missing", *_ERROR, "The release folder has no manifest.json.", _AGAIN)
MANIFEST_INVALID = declare(
    "V002",
    "manifest-invalid",
    *_ERROR,
    "manifest.json is not JSON with a `files` object of `{path: {sha256, bytes}}`.",
    _AGAIN,
)
FILE_MISSING = declare("V003", "file-missing", *_ERROR, "A file the manifest lists is not in the folder.", _AGAIN)
FILE_SIZE_CHANGED = declare(
    "V004",
    "file-size-changed",
    *_ERROR,
    """A file's size differs from the manifest's: it was cut short, or changed.

    An interrupted download leaves a shorter file; an edit leaves another size.""",
    _AGAIN,
)
FILE_CHANGED = declare(
    "V005",
    "file-changed",
    *_ERROR,
    """A file's SHA-256 differs from the manifest's: its content changed after the release was built.""",
    _AGAIN,
)
FILE_EXTRA = declare(
    "V006",
    "file-extra",
    *_ERROR,
    """A file in the release folder is not in the manifest.

    A release is exactly the files it was built with; a file added later is not part of it (and
    `datasets` may read it as data).""",
    "Remove the file, or download the release again into an empty folder.",
)
PARQUET_UNREADABLE = declare(
    "V007",
    "parquet-unreadable",
    *_ERROR,
    "A Parquet file of the release cannot be read to its end.",
    _AGAIN,
)
UNSAFE_PATH = declare(
    "V008",
    "manifest-unsafe-path",
    *_ERROR,
    "The manifest lists a path outside the release folder (absolute, or with `..`).",
    "Do not use this folder: a release built by claimkit only lists paths inside it. " + _AGAIN,
)

CHECKSUMS_DISAGREE = declare(
    "V009",
    "checksums-disagree",
    *_ERROR,
    """`SHA256SUMS` does not list exactly the files and sums of the manifest.

    A user rules out a forged folder by comparing `SHA256SUMS` with the one the publisher shows; a
    manifest rewritten to match a changed file, beside the published `SHA256SUMS`, would otherwise
    pass.""",
    "Do not use this folder: " + _AGAIN,
)
MANIFEST_CONTRADICTED = declare(
    "V010",
    "manifest-contradicted",
    *_ERROR,
    """What the manifest says of the release contradicts its checked files.

    The manifest's own facts are in no checksum: its counts are compared with the rows of the Parquet
    files, its version, corpus commit and date with the dataset card's version line, so that an
    edited manifest (a count, a version, a commit) over intact files is found.""",
    "Do not use this folder: " + _AGAIN,
)
_VERSION_LINE = re.compile(
    r"Version \*\*(?P<version>[^*]+)\*\* · .*?corpus commit `(?P<commit>[0-9a-z-]+)` · (?P<date>\S+)"
)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _entries(folder: Path) -> dict[str, dict[str, Any]] | Issue:
    """The manifest's ``files``, or the issue that says why there are none."""
    path = folder / MANIFEST
    if not path.is_file():
        return MANIFEST_MISSING.issue(f"{folder} has no {MANIFEST}", file=str(path))
    why = "is not a claimkit release manifest"
    try:
        files = json.loads(path.read_bytes(), object_pairs_hook=_unique_keys)["files"]
        valid = all(isinstance(e["sha256"], str) and isinstance(e["bytes"], int) for e in files.values())
    except _RepeatedKey as error:
        valid, why = False, f"gives the key {error.key!r} twice: which entry would count?"
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        valid = False
    if not valid:
        return MANIFEST_INVALID.issue(f"{path} {why}", file=str(path))
    return dict(files)


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _RepeatedKey(key)
        seen.add(key)
    return dict(pairs)


def _safe(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts and name != MANIFEST


def _check_file(folder: Path, name: str, entry: dict[str, Any]) -> Issue | None:
    path = folder / name
    if not _safe(name):
        return UNSAFE_PATH.issue(f"the manifest lists {name!r}", file=str(folder / MANIFEST))
    if not path.is_file():
        return FILE_MISSING.issue(f"{name} is missing", file=str(path))
    size = path.stat().st_size
    if size != entry["bytes"]:
        return FILE_SIZE_CHANGED.issue(f"{name} has {size} bytes, the manifest says {entry['bytes']}", file=str(path))
    if sha256_file(path) != entry["sha256"]:
        return FILE_CHANGED.issue(f"{name} does not have the SHA-256 the manifest gives", file=str(path))
    return None


def _extra_files(folder: Path, listed: set[str]) -> Iterator[Issue]:
    """Every entry of the folder that is not a folder of its own and not listed: a file, and also a link
    (even one that loops or points nowhere) or a named pipe."""
    for path in sorted(_entries_in(folder)):
        name = path.relative_to(folder).as_posix()
        if name not in listed and name != MANIFEST:
            yield FILE_EXTRA.issue(f"{name} is not part of the release", file=str(path))


def _entries_in(folder: Path) -> Iterator[Path]:
    for root, folders, names in os.walk(folder):  # links to folders are listed, never followed
        base = Path(root)
        yield from (base / name for name in names)
        yield from (base / name for name in folders if (base / name).is_symlink())


def _listed_sums(path: Path) -> dict[str, str] | None:
    """``SHA256SUMS`` as ``{name: sha256}`` (``sha256sum``'s text or binary mode), ``None`` when unreadable."""
    sums = {}
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            digest, separator, name = line.partition(" ")
            if not separator or name[:1] not in (" ", "*"):
                return None
            sums[name[1:]] = digest
    except (OSError, UnicodeDecodeError):
        return None
    return sums


def _checksum_problems(folder: Path, entries: dict[str, dict[str, Any]]) -> Iterator[Issue]:
    path = folder / CHECKSUMS
    if CHECKSUMS not in entries or not path.is_file():
        return  # an unlisted or a missing SHA256SUMS is already V006 or V003
    listed = _listed_sums(path)
    if listed is None:
        yield CHECKSUMS_DISAGREE.issue(f"{CHECKSUMS} is not a sha256sum file", file=str(path))
        return
    expected = {name: entry["sha256"] for name, entry in entries.items() if name != CHECKSUMS}
    for name in sorted(set(listed) | set(expected)):
        if listed.get(name) != expected.get(name):
            message = f"{name}: {CHECKSUMS} {_says(listed.get(name))}, the manifest {_says(expected.get(name))}"
            yield CHECKSUMS_DISAGREE.issue(message, file=str(path))


def _says(digest: str | None) -> str:
    return "does not list it" if digest is None else f"says {digest}"


def _parquet_problem(path: Path) -> Issue | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        for group in range(parquet.num_row_groups):
            parquet.read_row_group(group)
    except (pa.ArrowException, OSError, ValueError) as error:
        return PARQUET_UNREADABLE.issue(f"{path.name} cannot be read: {str(error)[:200]}", file=str(path))
    return None


def _manifest_facts(folder: Path, intact: set[str]) -> Iterator[Issue]:
    """V010 for each fact of the manifest that an intact file of the release contradicts."""
    manifest = json.loads((folder / MANIFEST).read_bytes())
    where = str(folder / MANIFEST)
    counts = manifest.get("counts") if isinstance(manifest.get("counts"), dict) else {}
    for config, splits in sorted(counts.items()):
        for split, said in sorted(splits.items() if isinstance(splits, dict) else ()):
            files = sorted(name for name in intact if name.startswith(f"data/{config}/{split}-"))
            if files:
                rows = sum(_rows(folder / name) for name in files)
                if rows != said:
                    message = f"counts {config}/{split}: the manifest says {said}, its Parquet files hold {rows} rows"
                    yield MANIFEST_CONTRADICTED.issue(message, file=where)
    card = folder / "README.md"
    found = _VERSION_LINE.search(card.read_text("utf-8")) if "README.md" in intact else None
    if found is None:
        return
    commit = str(manifest.get("corpus_commit", ""))
    said = {"version": str(manifest.get("version")), "date": str(manifest.get("date"))}
    wrong = [key for key in ("version", "date") if said[key] != found[key]]
    wrong += [] if commit.startswith(found["commit"]) else ["corpus_commit"]
    for key in wrong:
        yield MANIFEST_CONTRADICTED.issue(f"{key}: the manifest and the dataset card disagree", file=where)


def _rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def verify_release(folder: Path) -> Report:
    """Every problem of a release folder against its manifest (an empty report: the folder is intact)."""
    if not folder.is_dir():
        raise ReleaseError(
            UNKNOWN_RELEASE, f"{folder} is not a folder", hint="give the folder `claimkit release` built"
        )
    entries = _entries(folder)
    if isinstance(entries, Issue):
        return Report([entries], files_checked=0)
    problems = {name: _check_file(folder, name, entry) for name, entry in sorted(entries.items())}
    report = Report([issue for issue in problems.values() if issue], files_checked=len(entries))
    report.extend(_extra_files(folder, set(entries)))
    report.extend(_checksum_problems(folder, entries))
    intact = [folder / name for name, issue in problems.items() if issue is None and name.endswith(".parquet")]
    unreadable = [issue for path in intact if (issue := _parquet_problem(path)) is not None]
    report.extend(unreadable)
    if not report.issues:  # the facts are compared only with files that are all what the manifest lists
        report.extend(_manifest_facts(folder, set(entries)))
    return report
