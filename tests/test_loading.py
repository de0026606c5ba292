"""Which files a folder holds, and in which order: the order of validation reports and of releases."""

from __future__ import annotations

import os
from pathlib import Path

from claimkit.loading import find_document_files

_TREE = [
    "b/x.json",
    "b.json",
    "a/c.json",
    "a.json",
    "a/z/y.json",
    "a/b.json",
    "c.json.d/q.json",
    ".staging/h.json",
    "x.json/inner.json",
    "Z.json",
    "é.json",
    "b/notes.txt",
    "a0.json",
]


def test_files_come_in_path_order_without_dot_folders(tmp_path: Path) -> None:
    for relative in _TREE:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", "utf-8")
    (tmp_path / ".pending.json").mkdir()  # a dot-folder, even named like a file
    files, issues = find_document_files([tmp_path])
    assert issues == []
    assert all(isinstance(path, str) for path in files)
    assert [os.path.relpath(path, tmp_path) for path in files] == [
        "Z.json",
        "a/b.json",
        "a/c.json",
        "a/z/y.json",
        "a.json",
        "a0.json",
        "b/x.json",
        "b.json",
        "c.json.d/q.json",
        "x.json/inner.json",
        "é.json",
    ]
    assert files == sorted(files, key=lambda path: path.split(os.sep))  # by components, as before


def test_a_file_given_by_name_is_kept_as_given(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text("{}", "utf-8")
    files, issues = find_document_files([tmp_path / "one.json", str(tmp_path / "one.json")])
    assert (files, issues) == ([str(tmp_path / "one.json")] * 2, [])
