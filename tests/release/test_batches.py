"""The release reads its corpus in batches (loaded together, checked together, taken together): the
batches bound memory, keep file order, and change nothing in what is released."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from benchmarks.corpus import generate_document, vocabulary

from claimkit.release import build as build_module
from claimkit.release.build import build_release
from claimkit.release.settings import DatasetSettings
from claimkit.release.source import read_corpus
from claimkit.storage import dump_json
from claimkit.validate import ValidationOptions
from tests.release.gitrepo import commit, init


def _corpus(folder: Path, count: int, annotators: int = 0) -> Path:
    corpus = init(folder)
    words = vocabulary()
    for index in range(count):
        document = generate_document(index, random.Random(index), words, claims=6, annotators=annotators)
        (corpus / f"{document['document']['id']}.json").write_text(dump_json(document), encoding="utf-8")
    commit(corpus)
    return corpus


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_batches_keep_file_order_and_their_bounds(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 7)
    (corpus / "bench-000003-broken.json").write_text("{", encoding="utf-8")
    names = sorted(p.name for p in corpus.glob("*.json"))
    sizes = {p.name: p.stat().st_size for p in corpus.glob("*.json")}
    most_bytes = max(sizes.values()) + 1  # one full file fits, two never do, the broken one joins its neighbour

    batches = list(read_corpus(corpus, ValidationOptions(), batch=3, batch_bytes=most_bytes))
    flat = [(file, issues) for batch in batches for file, issues in batch]

    assert len(flat) == len(names)
    assert all(1 <= len(batch) <= 3 for batch in batches)
    broken = names.index("bench-000003-broken.json")
    assert flat[broken][0] is None and [i.code for i in flat[broken][1]] == ["F005"]  # invalid-json
    read = [file.document.id for file, _ in flat if file is not None]
    assert read == [name.removesuffix(".json") for name in names if "broken" not in name]
    assert [len(batch) for batch in batches] == [1, 1, 2, 1, 1, 1, 1]  # the broken file sorts before bench-000003


def test_a_file_larger_than_a_batch_comes_alone(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 5)
    batches = list(read_corpus(corpus, ValidationOptions(), batch=32, batch_bytes=1))
    assert [len(batch) for batch in batches] == [1] * 5
    assert [len(batch) for batch in read_corpus(corpus, ValidationOptions(), batch=2)] == [2, 2, 1]


@pytest.mark.parametrize("annotators", [0, 3])
def test_a_release_is_the_same_whatever_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, annotators: int
) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    corpus = _corpus(tmp_path / "corpus", 9, annotators)
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
