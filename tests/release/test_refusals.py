"""What should not ship is refused: an uncommitted corpus, gold claims on page furniture; and release
files get the modes the umask gives."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claimkit.errors import ReleaseError
from claimkit.loading import load_file
from claimkit.model import Furniture
from claimkit.release.build import build_release
from claimkit.release.settings import DatasetSettings
from claimkit.storage import write_document_file
from tests.errors import raises_code
from tests.release.gitrepo import commit, git

MakeCorpus = Callable[..., Path]


def _build(corpus: Path, version: str | None, tmp_path: Path, settings: DatasetSettings):  # type: ignore[no-untyped-def]
    return build_release(corpus, version, tmp_path / "dist", records=tmp_path / "releases", settings=settings)


@pytest.mark.parametrize("change", ["modified", "untracked", "deleted"])
def test_a_recorded_release_from_a_dirty_tree_is_refused(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings, change: str
) -> None:
    corpus = make_corpus(3)
    first = sorted(corpus.glob("*.json"))[0]
    if change == "modified":
        first.write_text(first.read_text(encoding="utf-8").replace('"bench"', '"someone"'), encoding="utf-8")
    elif change == "untracked":
        make_corpus(1, start=40, commit_it=False)
    else:
        first.unlink()
    with raises_code("E307", ReleaseError):
        _build(corpus, "1.0.0", tmp_path, settings)
    assert not (tmp_path / "releases").exists()
    snapshot = _build(corpus, None, tmp_path, settings)  # --snapshot still builds the tree as it is
    assert snapshot.record.corpus_commit.endswith("-dirty")
    commit(corpus)
    assert _build(corpus, "1.0.0", tmp_path, settings).action == "new"


@pytest.mark.parametrize("blind", ["ignored", "symlinked", "skip-worktree", "assume-unchanged"])
def test_content_git_does_not_compare_is_not_released_as_a_commit(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings, blind: str
) -> None:
    """`git status` is clean, yet what the release would read is not the commit's content."""
    corpus = make_corpus(3)
    first = sorted(corpus.glob("*.json"))[0]
    if blind == "ignored":
        make_corpus(1, start=40, commit_it=False)
        (corpus / ".git" / "info").mkdir(parents=True, exist_ok=True)
        (corpus / ".git" / "info" / "exclude").write_text("bench-000040.json\n", encoding="utf-8")
    elif blind == "symlinked":  # committed as a link: its target changes outside git
        outside = tmp_path / "outside.json"
        first.rename(outside)
        first.symlink_to(outside)
        commit(corpus)
    else:
        git(corpus, "update-index", f"--{blind}", first.name)
        first.write_text(first.read_text(encoding="utf-8").replace('"bench"', '"someone"'), encoding="utf-8")
    assert git(corpus, "status", "--porcelain") == ""
    with raises_code("E307", ReleaseError):
        _build(corpus, "1.0.0", tmp_path, settings)
    assert not (tmp_path / "releases").exists()
    assert _build(corpus, None, tmp_path, settings).record.corpus_commit.endswith("-dirty")


def test_links_and_odd_names_the_release_never_reads_are_no_reason_to_refuse(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    """A linked README, a linked folder (not followed), a file name that is not UTF-8: committed, clean."""
    corpus = make_corpus(2)
    (tmp_path / "elsewhere").mkdir()
    (corpus / "README.md").symlink_to(tmp_path / "notes.md")
    (corpus / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (corpus / os.fsdecode(b"note-\xe9.txt")).write_text("x", encoding="utf-8")
    commit(corpus)
    assert _build(corpus, "1.0.0", tmp_path, settings).action == "new"


def test_a_recorded_release_needs_a_corpus_in_git(tmp_path: Path, settings: DatasetSettings) -> None:
    corpus = tmp_path / "loose"
    corpus.mkdir()
    seed = Path(__file__).resolve().parents[2] / "annotations" / "000_f22616ff3d8ce778.json"
    (corpus / seed.name).write_bytes(seed.read_bytes())
    settings = dataclasses.replace(settings, license="CC-BY-NC-SA-4.0")  # the seed's own terms
    with raises_code("E307", ReleaseError):
        _build(corpus, "1.0.0", tmp_path, settings)
    assert _build(corpus, None, tmp_path, settings).record.corpus_commit == "unknown"


def _claim_on_dateline(corpus: Path) -> Path:
    """Mark the first words of the first document as a date line, under its first gold claim."""
    path = sorted(corpus.glob("*.json"))[0]
    file = load_file(path).file
    assert file is not None and file.gold is not None
    claim = file.gold.claims[0]
    dateline = {"start": claim.start, "end": claim.start + 4, "text": file.document.text[claim.start : claim.start + 4]}
    document = file.document.model_copy(
        update={"furniture": [Furniture.model_validate({"kind": "dateline", **dateline})]}
    )
    write_document_file(path, file.model_copy(update={"document": document}))
    return path


def test_a_gold_claim_on_furniture_is_not_released(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    corpus = make_corpus(2)
    _claim_on_dateline(corpus)
    commit(corpus)
    with raises_code("E305", ReleaseError) as raised:
        _build(corpus, "1.0.0", tmp_path, settings)
    assert "C020" in raised.value.message
    assert not (tmp_path / "releases").exists()


def test_an_annotators_claim_on_furniture_is_only_a_warning(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    corpus = make_corpus(2)
    path = _claim_on_dateline(corpus)
    file = load_file(path).file
    assert file is not None and file.gold is not None
    annotator = file.gold.model_copy(update={"annotator": "ann-1"})
    gold = file.gold.model_copy(update={"claims": [c for c in file.gold.claims[1:] if c.parent is None]})
    write_document_file(path, file.model_copy(update={"annotations": [annotator], "gold": gold}))
    commit(corpus)
    result = _build(corpus, "1.0.0", tmp_path, settings)
    assert {(i.code, i.location.pointer) for i in result.report.issues if i.code.startswith("C")} == {
        ("C005", "/annotations/0/claims/0")
    }


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    previous = os.umask(0o022)
    os.umask(previous)
    yield lambda mask: os.umask(mask)
    os.umask(previous)


def _modes(folder: Path) -> set[tuple[str, int]]:
    kinds = {"dir": folder, **{p.name: p for p in folder.rglob("*")}}
    return {("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode)) for p in kinds.values()}


@pytest.mark.parametrize(("mask", "file_mode", "dir_mode"), [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)])
def test_release_files_follow_the_umask(
    make_corpus: MakeCorpus,
    tmp_path: Path,
    settings: DatasetSettings,
    umask: Callable[[int], None],
    mask: int,
    file_mode: int,
    dir_mode: int,
) -> None:
    corpus = make_corpus(12)
    umask(mask)
    result = _build(corpus, "1.0.0", tmp_path, settings)
    assert _modes(result.folder) == {("dir", dir_mode), ("file", file_mode)}
    record = tmp_path / "releases" / "1.0.0.json"
    assert stat.S_IMODE(record.stat().st_mode) == file_mode
    assert json.loads(record.read_text())["version"] == "1.0.0"
