"""Atomic writes give files the mode an ordinary write would: the umask for new files, the old mode
for replaced ones, an explicit mode for secrets."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from claimkit.storage import atomic_write_text


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(tmp_path: Path, umask: int, expected: int) -> None:
    before = os.umask(umask)
    try:
        atomic_write_text(tmp_path / "doc.json", "{}\n")
    finally:
        os.umask(before)
    assert _mode(tmp_path / "doc.json") == expected


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write_text(target, "new\n")
    assert (_mode(target), target.read_text()) == (0o640, "new\n")


def test_a_secret_gets_the_mode_it_asks_for(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "claimkit.env", "KEY=x\n", mode=0o600)
    assert _mode(tmp_path / "claimkit.env") == 0o600


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "doc.json", "{}\n")
    assert [path.name for path in tmp_path.iterdir()] == ["doc.json"]
