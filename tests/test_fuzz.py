"""The validator never raises on structurally valid files, whatever their content."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkit.loading import load_bytes
from claimkit.model import DocumentFile
from claimkit.storage import document_json
from claimkit.validate import check_document
from tests.strategies import document_files


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(document_files())
def test_rules_never_raise(file: DocumentFile) -> None:
    issues = check_document(file, f"{file.document.id}.json")
    assert all(issue.code[0] in "ACDNOR" for issue in issues)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(document_files(), st.data())
def test_corrupted_files_give_coded_issues(file: DocumentFile, data: st.DataObject) -> None:
    raw = document_json(file).encode("utf-8")
    cut = data.draw(st.integers(0, len(raw)))
    mutated = raw[:cut] + data.draw(st.binary(max_size=4)) + raw[cut + data.draw(st.integers(0, 3)) :]
    loaded = load_bytes(mutated, "x.json")
    if loaded.file is None:
        assert loaded.issues
        assert all(issue.code[0] in "FS" for issue in loaded.issues)
    else:
        check_document(loaded.file, "x.json")
        json.loads(mutated)
