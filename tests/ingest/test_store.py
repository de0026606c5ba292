"""The on-disk store of what an ingest run remembers: the same answers as dicts, no file left behind."""

from __future__ import annotations

import tempfile
from collections.abc import Generator
from pathlib import Path

import pytest

from claimkit.ingest import IngestOptions, run, store
from claimkit.ingest.records import FieldMap
from claimkit.ingest.store import Store
from tests.ingest.conftest import BODIES, TITLES, jsonl


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temporary folder, made empty for the test."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_store_answers_like_dicts_across_transactions(temporary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "_BATCH", 3)  # many commits in between
    kept = Store()
    assert list(temporary.iterdir()) == []  # unlinked as soon as it is open
    assert kept.taken("a") is None
    kept.take("a", -5, run=False)
    kept.take("b", None, run=True)
    assert (kept.taken("a"), kept.taken("b")) == ((-5, False), (None, True))
    assert [kept.first_text(key, doc) for key, doc in [(1, "a"), (2, "b"), (1, "c")]] == ["a", "b", "a"]
    assert kept.add_signature("a", b"A", [10, 11, 12]) == []
    assert kept.add_signature("b", b"B", [20, 11, 21]) == [("a", b"A")]
    assert kept.add_signature("c", b"C", [20, 30, 12]) == [("b", b"B"), ("a", b"A")]  # in band order
    assert kept.add_signature("d", b"D", [12, 11, 10]) == [("a", b"A")]  # each earlier document once
    kept.close()


def test_a_run_stopped_early_leaves_no_file(tmp_path: Path, temporary: Path) -> None:
    rows = [{"id": f"n{n}", "title": TITLES[n % 4], "text": BODIES[n % 4]} for n in range(8)]
    options = IngestOptions(tmp_path / "out", FieldMap(id="id"), metadata={"outlet": "o", "language": "ar"})
    outcomes = run([str(jsonl(tmp_path / "news.jsonl", rows))], options)
    assert isinstance(outcomes, Generator)
    next(outcomes)
    assert list(temporary.iterdir()) == []
    outcomes.close()  # what Ctrl-C in the command does to the run
    assert list(temporary.iterdir()) == []
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["n0.json"]
