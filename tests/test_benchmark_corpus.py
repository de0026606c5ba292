"""The benchmarks' generated corpora are valid whatever their size: a benchmark that measures a corpus
failing validation measures the wrong thing (and a release refuses it)."""

from __future__ import annotations

import random

import pytest
from benchmarks.corpus import generate_document, vocabulary

from claimkit.model import DocumentFile
from claimkit.validate import ValidationOptions, check_document


@pytest.mark.parametrize("claims", [1, 2, 3, 4, 7, 20])
def test_every_generated_document_is_valid(claims: int) -> None:
    words = vocabulary()
    for index in range(12):
        raw = generate_document(index, random.Random(index), words, claims=claims, annotators=3)
        file = DocumentFile.model_validate(raw)
        found = check_document(file, f"bench-{index:06d}.json", ValidationOptions())
        assert [(i.code, i.location.pointer) for i in found if i.severity.value == "error"] == []
