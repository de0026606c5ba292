"""Running claimkit as an ordinary user, so that file permissions mean what they say.

As root (CI, containers) a read-only or unreadable folder is no obstacle at all, so a test of how
claimkit meets one would prove nothing: commands are then run as ``nobody`` with ``setpriv``, in a
folder ``nobody`` owns. As any other user they run as that user. Nothing is ever skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534


def as_user(command: list[str]) -> list[str]:
    """``command`` as an unprivileged user: ``nobody`` when running as root, else unchanged."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--", *command]


@contextmanager
def workspace() -> Iterator[Path]:
    """A scratch folder the unprivileged user owns (outside pytest's root-only temporary folder)."""
    folder = Path(tempfile.mkdtemp(prefix="claimkit-perm-", dir="/tmp"))
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:  # give write access back so that everything can go
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o700)
        shutil.rmtree(folder, ignore_errors=True)


def hand_over(folder: Path) -> None:
    """Make everything below ``folder`` the unprivileged user's (a no-op when not root)."""
    if os.geteuid() == 0:
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, NOBODY, NOBODY, follow_symlinks=False)


def claimkit_as_user(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = as_user([sys.executable, "-m", "claimkit", *args])
    environment = {**os.environ, **env, "HOME": str(cwd)}
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=environment)
