"""Small generated corpora for release tests (every document valid, with gold), each in its own git repository."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks.corpus import generate_document, vocabulary

from claimkit.release.settings import DatasetSettings
from claimkit.storage import dump_json
from tests.release.gitrepo import commit, init


@pytest.fixture(autouse=True)
def _offline_datasets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))


@pytest.fixture
def settings() -> DatasetSettings:
    return DatasetSettings(name="test-claims", pretty_name="Test claims")


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Path]:
    """``make_corpus(count, start)`` writes documents bench-<start>... into tmp/corpus (a git repository),
    with ``annotators`` annotators' annotations besides the gold, commits them (unless
    ``commit_it=False``) and returns the folder."""
    corpus = init(tmp_path / "corpus")
    words = vocabulary()

    def make(count: int, start: int = 0, *, commit_it: bool = True, annotators: int = 0) -> Path:
        for index in range(start, start + count):
            document = generate_document(index, random.Random(index), words, claims=6, annotators=annotators)
            (corpus / f"{document['document']['id']}.json").write_text(dump_json(document), encoding="utf-8")
        if commit_it:
            commit(corpus)
        return corpus

    return make
