"""The release commands from the command line: exit codes and messages, never a traceback."""

from __future__ import annotations

import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks.corpus import generate_document, vocabulary

from claimkit.cli import main
from claimkit.release.build import build_release
from claimkit.release.settings import load_settings
from claimkit.release.versions import load_records, parse_version
from claimkit.storage import dump_json
from tests.conftest import ROOT
from tests.release.gitrepo import commit, git, init


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
    (tmp_path / "r").mkdir()
    code = main(
        ["release", "1.0.0", "--corpus", str(corpus), "--out", str(tmp_path / "d"), "--records", str(tmp_path / "r")]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "fails `claimkit validate`" in err
    assert "Traceback" not in err
    assert not list((tmp_path / "r").iterdir())


def test_a_records_folder_that_is_not_there_is_refused(
    tmp_path: Path,
    make_corpus: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A mistyped --records would make any version look like the first: every check skipped (E313)."""
    corpus = make_corpus(2)
    monkeypatch.chdir(tmp_path)
    code = main(["release", "1.0.0", "--corpus", str(corpus), "--out", str(tmp_path / "d"), "--records", "releses"])
    assert (code, capsys.readouterr().err.split()[2]) == (1, "E313")
    assert not (tmp_path / "d").exists() or not list((tmp_path / "d").iterdir())
    assert not (tmp_path / "releses").exists()


def test_records_and_settings_default_to_the_top_of_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from another folder of the project, a release still finds the project's releases/ and
    refuses to record 1.0.0 again with other content (E301), instead of recording it afresh."""
    project = init(tmp_path / "project")
    corpus, records = project / "annotations", project / "releases"
    corpus.mkdir()
    records.mkdir()
    words = vocabulary()
    for index in range(4):
        document = generate_document(index, random.Random(index), words, claims=6)
        (corpus / f"{document['document']['id']}.json").write_text(dump_json(document), encoding="utf-8")
    commit(project)
    (project / "docs").mkdir()
    monkeypatch.chdir(project / "docs")
    assert main(["release", "1.0.0", "--corpus", "../annotations", "--out", str(tmp_path / "d")]) == 0
    assert [path.name for path in records.iterdir()] == ["1.0.0.json"]
    (corpus / "bench-000003.json").unlink()
    commit(project)
    capsys.readouterr()
    code = main(["release", "1.0.0", "--corpus", "../annotations", "--out", str(tmp_path / "d2")])
    assert (code, capsys.readouterr().err.split()[2]) == (1, "E301")


def test_release_load_and_diff(
    tmp_path: Path, make_corpus: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(6)
    (tmp_path / "r").mkdir()
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


def test_the_latest_release_rebuilds_from_the_committed_corpus(tmp_path: Path) -> None:
    """The newest record in releases/ matches the corpus committed beside it: rebuilding it is a "rebuild"
    (same content), never a refusal. The corpus is taken from git's HEAD, so local edits do not matter."""
    records = tmp_path / "releases"
    shutil.copytree(ROOT / "releases", records)
    latest = max(load_records(records), key=parse_version)
    corpus = init(tmp_path / "annotations")
    for name in git(ROOT, "ls-tree", "--name-only", "HEAD", "annotations/").splitlines():
        (corpus / Path(name).name).write_bytes(
            subprocess.run(["git", "show", f"HEAD:{name}"], cwd=ROOT, capture_output=True, check=True).stdout
        )
    commit(corpus)
    settings = load_settings(ROOT / "pyproject.toml")
    result = build_release(corpus, latest, tmp_path / "dist", records=records, settings=settings)
    assert result.action == "rebuild"
    assert main(["diff", latest, "current", "--records", str(records), "--corpus", str(corpus)]) == 0
