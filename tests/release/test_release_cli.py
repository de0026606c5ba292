"""The release commands from the command line: exit codes and messages, never a traceback."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from claimkit.cli import main
from claimkit.model import SCHEMA_VERSION
from tests.conftest import ROOT
from tests.release.gitrepo import commit


def test_version_or_snapshot_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["release"]) == 2
    assert main(["release", "1.0.0", "--snapshot"]) == 2
    assert "VERSION" in capsys.readouterr().err


def test_a_version_must_be_semver(
    tmp_path: Path, make_corpus: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(2)
    code = main(
        ["release", "1.0", "--corpus", str(corpus), "--out", str(tmp_path / "d"), "--records", str(tmp_path / "r")]
    )
    assert code == 2
    assert "MAJOR.MINOR.PATCH" in capsys.readouterr().err


def test_an_invalid_corpus_is_refused(
    tmp_path: Path, make_corpus: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(1)
    (corpus / "x.json").write_text("[]", encoding="utf-8")
    commit(corpus)
    code = main(
        ["release", "1.0.0", "--corpus", str(corpus), "--out", str(tmp_path / "d"), "--records", str(tmp_path / "r")]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "fails `claimkit validate`" in err
    assert "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_release_load_and_diff(
    tmp_path: Path, make_corpus: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(6)
    common = ["--corpus", str(corpus), "--out", str(tmp_path / "d"), "--records", str(tmp_path / "r")]
    assert main(["release", "1.0.0", *common, "--load"]) == 0
    out = capsys.readouterr().out
    assert "built and recorded" in out
    assert "claims:" in out
    make_corpus(1, start=40)
    assert main(["diff", "1.0.0", "current", "--records", str(tmp_path / "r"), "--corpus", str(corpus)]) == 0
    assert "documents added: 1 (bench-000040)" in capsys.readouterr().out
    assert main(["diff", "9.9.9", "current", "--records", str(tmp_path / "r"), "--corpus", str(corpus)]) == 1
    assert "no release 9.9.9" in capsys.readouterr().err


def test_the_committed_release_rebuilds_from_the_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "releases"
    shutil.copytree(ROOT / "releases", records)
    args = [
        "release",
        "0.1.0",
        "--corpus",
        str(ROOT / "annotations"),
        "--out",
        str(tmp_path / "d"),
        "--records",
        str(records),
    ]
    # 0.1.0 was built with schema 1.0.0; the schema is 1.1.0 since (optional Document.source_fields and
    # pre-annotation fields), so the same corpus no longer rebuilds 0.1.0 byte for byte: the version stays
    # immutable, the documents unchanged.
    assert SCHEMA_VERSION == "1.1.0"
    assert main(args) == 1
    assert "E301" in capsys.readouterr().err  # version-immutable
    assert main(["diff", "0.1.0", "current", "--records", str(records), "--corpus", str(ROOT / "annotations")]) == 0
    assert "documents changed: 0" in capsys.readouterr().out
