"""Round trips of ingest's conversions: a text into a document file and back, a record through a reader."""

from __future__ import annotations

import json
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.ingest import FieldMap, ingest_text
from claimkit.ingest.readers import read_file
from claimkit.ingest.records import Record, Unread
from claimkit.loading import load_bytes
from claimkit.storage import document_json
from tests.strategies import TEXTS

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, extra=st.dictionaries(st.text(min_size=1, max_size=10), JSON_VALUES, max_size=4))
def test_a_text_becomes_a_file_that_loads_back_the_same(text: str, extra: dict[str, Any]) -> None:
    metadata = {"id": "doc-1", "outlet": "عين اليوم", "language": "ar", "title": "عنوان"}
    result = ingest_text(text, metadata, source_fields=extra)
    if not text.strip():
        assert result.file is None
        return
    assert result.file is not None
    document = result.file.document
    assert document.text == text  # byte for byte: line ends, harakat, tatweel, emoji
    assert all(text[piece.start : piece.end] == piece.text for piece in document.furniture)
    assert document.source_fields == (extra or None)
    loaded = load_bytes(document_json(result.file).encode("utf-8"))
    assert loaded.file == result.file


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.dictionaries(st.text(min_size=1, max_size=10), JSON_VALUES, max_size=4), max_size=5))
def test_json_lines_records_come_back_as_written(rows: list[dict[str, Any]]) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "rows.jsonl"
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        records = list(read_file(path, FieldMap(), "jsonl"))
    if not rows:  # an input of no record is said (I017), not a run with nothing to say
        assert [record.issue.code for record in records if isinstance(record, Unread)] == ["I017"]
        return
    assert all(isinstance(record, Record) for record in records)
    assert [record.fields for record in records if isinstance(record, Record)] == rows
