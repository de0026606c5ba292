"""Where a release folder goes: it is built in a hidden folder next to its target and renamed into
place, so that no half-built release is ever visible, and only a folder a release built is ever
replaced. What a killed build left (``kill -9``, a power cut) is cleared up by the next one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimkit.errors import TARGET_NOT_WRITABLE, ConfigError
from claimkit.storage import abandoned, alive, current_umask, remove_abandoned, staging_prefix

__all__ = ["building_folder", "move_into_place", "put_back_replaced", "refuse_target"]


@contextmanager
def building_folder(out: Path, name: str) -> Iterator[Path]:
    """A fresh folder next to the target (with the mode the umask gives), removed if the build fails."""
    out.mkdir(parents=True, exist_ok=True)
    remove_abandoned(out, name)  # what a killed build left
    building = Path(tempfile.mkdtemp(prefix=staging_prefix(name), dir=out))
    try:
        building.chmod(0o777 & ~current_umask())
        yield building
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def refuse_target(target: Path) -> None:
    """A release replaces only a release folder it built: refuse a symbolic link, a file, or a folder
    without a manifest at its place (E212), before building and again just before the move."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        what = "a symbolic link" if target.is_symlink() else "a file"
        why = f"{target} is {what}, not a release folder: a release replaces only a folder it built"
        raise ConfigError(TARGET_NOT_WRITABLE, why, hint="Move it away, or choose another --out.")
    if target.is_dir() and not (target / "manifest.json").is_file():
        why = f"{target} is a folder without a manifest.json, not a release: a release replaces only a folder it built"
        raise ConfigError(TARGET_NOT_WRITABLE, why, hint="Move it away, or choose another --out.")


#: What the release a build replaces is called between the two renames of :func:`move_into_place`.
_REPLACED = "replaced"


def put_back_replaced(out: Path, name: str) -> None:
    """A build killed between the two renames of :func:`move_into_place` left the release it was
    replacing under a hidden name, and nothing in its place: it goes back there. Killed after the
    second rename, a release stands in its place and the old one is removed. Anything else at the
    place (a link, a file: refused next, E212) leaves it where it is: it may be the only copy.
    What the swap was called before (``.NAME.old-PID``) is put back the same way."""
    target = out / name
    for old in [*abandoned(out, name, _REPLACED), *_legacy_leftovers(out, name)]:
        if not target.exists() and not target.is_symlink():
            os.replace(old, target)
        elif _is_release(target):
            shutil.rmtree(old, ignore_errors=True)


def _is_release(folder: Path) -> bool:
    return folder.is_dir() and not folder.is_symlink() and (folder / "manifest.json").is_file()


def _legacy_leftovers(out: Path, name: str) -> list[Path]:
    """``.NAME.old-PID`` folders whose process is gone (what the swap was called before)."""
    prefix = f".{name}.old-"
    found = []
    for entry in sorted(out.iterdir()) if out.is_dir() else ():
        pid = entry.name.removeprefix(prefix)
        if entry.name.startswith(prefix) and pid.isdigit() and _is_release(entry) and not alive(int(pid)):
            found.append(entry)
    return found


def move_into_place(built: Path, target: Path) -> None:
    refuse_target(target)
    if target.exists():
        old = target.with_name(staging_prefix(target.name, _REPLACED) + "0")
        os.replace(target, old)
        os.replace(built, target)
        shutil.rmtree(old)
    else:
        os.replace(built, target)
