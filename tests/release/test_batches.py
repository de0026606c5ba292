"""The release reads its corpus in batches (loaded together, checked together, taken together): the
batches bound memory, keep file order, are freed before the collector runs, and change nothing in
what is released."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from claimkit import collector
from claimkit.release import build as build_module
from claimkit.release.build import build_release
from claimkit.release.settings import DatasetSettings
from claimkit.release.source import read_corpus
from claimkit.validate import ValidationOptions
from tests.release.test_release import _files

MakeCorpus = Callable[..., Path]


def test_batches_keep_file_order_and_their_bounds(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus(9)
    (corpus / "bench-000003-broken.json").write_text("{", encoding="utf-8")
    names = sorted(p.name for p in corpus.glob("*.json"))
    sizes = [(corpus / name).stat().st_size for name in names]
    bound = max(sizes) + 1  # no file reaches it alone

    batches = list(read_corpus(corpus, ValidationOptions(), batch=3, batch_bytes=bound))
    flat = [checked for batch in batches for checked in batch]

    assert len(flat) == len(names)
    broken = names.index("bench-000003-broken.json")
    assert flat[broken][0] is None and [i.code for i in flat[broken][1]] == ["F005"]  # invalid-json
    read = [file.document.id for file, _ in flat if file is not None]
    assert read == [name.removesuffix(".json") for name in names if "broken" not in name]
    at = 0
    for number, batch in enumerate(batches):
        size = sum(sizes[at : at + len(batch)])
        assert (
            len(batch) <= 3 and size - sizes[at + len(batch) - 1] < bound
        )  # it ended with the file that had to end it
        if number < len(batches) - 1:
            assert len(batch) == 3 or size >= bound  # and not before
        at += len(batch)
    assert len(batches) > 1 and any(len(batch) < 3 for batch in batches[:-1])  # the bytes ended some batch


def test_a_file_larger_than_a_batch_comes_alone(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus(5)
    assert [len(batch) for batch in read_corpus(corpus, ValidationOptions(), batch=32, batch_bytes=1)] == [1] * 5
    assert [len(batch) for batch in read_corpus(corpus, ValidationOptions(), batch=2)] == [2, 2, 1]


@pytest.fixture
def collecting_at_once() -> Iterator[list[Callable[[str, dict[str, Any]], None]]]:
    """The collector on, running at the first allocation it may (restored afterwards)."""
    was, threshold = gc.isenabled(), gc.get_threshold()
    gc.enable()
    gc.set_threshold(1)
    try:
        yield gc.callbacks
    finally:
        gc.set_threshold(*threshold)
        if not was:
            gc.disable()


def test_a_batch_is_freed_before_the_collector_runs(
    make_corpus: MakeCorpus, collecting_at_once: list[Callable[[str, dict[str, Any]], None]]
) -> None:
    """Between batches the collector is back on: a batch the reader still held would be scanned,
    every model of it, by each of its passes."""
    corpus = make_corpus(3)
    last: list[weakref.ref[Any]] = []
    alive: list[bool] = []

    def watch(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start" and last:
            alive.append(last[-1]() is not None)

    collecting_at_once.append(watch)
    try:
        with closing(collector.each_paused(read_corpus(corpus, ValidationOptions(), batch=1))) as batches:
            for batch in batches:
                last.append(weakref.ref(batch[0][0]))
                del batch
    finally:
        collecting_at_once.remove(watch)
    assert alive and not any(alive)


@pytest.mark.parametrize("annotators", [0, 3])
def test_a_release_is_the_same_whatever_the_batch(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, annotators: int
) -> None:
    corpus = make_corpus(9, annotators=annotators)
    settings = DatasetSettings(name="test-claims", pretty_name="Test claims")
    built = {}
    for batch in (1, 4, 32):
        monkeypatch.setattr(build_module, "BATCH", batch)
        out = tmp_path / f"dist-{batch}"
        result = build_release(corpus, None, out, records=tmp_path / "records", settings=settings)
        built[batch] = _files(result.folder)
    assert built[1] == built[4] == built[32]
    if annotators:
        assert "Krippendorff" in built[4]["README.md"].decode()
