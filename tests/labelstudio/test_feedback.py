"""Live-check notes from annotations made in the real labeling UI (recorded in cases/watch/)."""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimkit.labelstudio.config import CHECK_FIELD
from claimkit.labelstudio.feedback import (
    check_annotation,
    check_annotations,
    data_with_note,
    markdown_text,
    render_note,
)

CASES = sorted((Path(__file__).parent / "cases" / "watch").glob("*.json"))
INVALID = Path(__file__).parent / "cases" / "watch" / "official-claim-without-source.json"


def _load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_recorded_annotation_gets_the_problems_of_pull_and_validate(case: Path) -> None:
    data = _load(case)
    checks = check_annotations(data["task"], data["annotations"], str)
    assert [[issue.code, issue.location.pointer] for check in checks for issue, _ in check.problems] == data["expected"]


def test_note_names_the_annotation_the_code_and_the_region() -> None:
    data = _load(INVALID)
    annotation = data["annotations"][0]
    note = render_note(check_annotations(data["task"], [annotation], lambda user: f"user{user}@example.org"))
    assert note is not None
    claim = next(item for item in annotation["result"] if item["type"] == "labels")
    start, end = claim["value"]["start"], claim["value"]["end"]
    excerpt = data["task"]["data"]["text"][start:end][:20]
    assert f"\u2066#{annotation['id']} user{annotation['completed_by']}@example.org\u2069" in note
    assert "\u2066C001 " in note
    assert excerpt in note


def test_a_skipped_annotation_and_a_clean_task_have_no_note() -> None:
    data = _load(INVALID)
    skipped = {**copy.deepcopy(data["annotations"][0]), "was_cancelled": True}
    assert check_annotation(data["task"], skipped) == []
    assert render_note(check_annotations(data["task"], [skipped], str)) is None


def test_the_note_is_added_replaced_and_cleared_without_touching_other_data() -> None:
    data = {"text": "نص", "doc_id": "d1"}
    noted = data_with_note(data, "note")
    assert noted == {**data, CHECK_FIELD: "note"}
    assert data_with_note(noted, "note") is None  # unchanged: nothing to write
    assert data_with_note(noted, "other") == {**data, CHECK_FIELD: "other"}
    assert data_with_note(noted, None) == data
    assert data_with_note(data, None) is None


def _read_back(markdown: str) -> str:
    """What a Markdown renderer shows for text made by markdown_text (backslash escapes, then entities)."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


@given(st.text())
def test_text_in_a_note_is_shown_as_written_and_never_as_html_or_markup(text: str) -> None:
    escaped = markdown_text(text)
    assert _read_back(escaped) == text
    assert "<" not in escaped and ">" not in escaped
    assert re.search(r"(?<!\\)[*_`\[\]]", escaped) is None


def test_an_annotation_someone_else_saved_is_the_leads_business_not_a_note() -> None:
    """L053 (a lead updated the annotation) is for the pull report: the annotator cannot fix it, and a
    note that never clears would hide the ones they can."""
    data = _load(INVALID)
    fixed = copy.deepcopy(data["annotations"][0])
    fixed.update(updated_by=int(fixed["completed_by"]) + 1, updated_at="2099-01-01T00:00:00.000000Z")
    assert "L053" not in {issue.code for issue, _ in check_annotation(data["task"], fixed)}
    assert [issue.code for issue, _ in check_annotation(data["task"], fixed)] == [
        issue.code for issue, _ in check_annotation(data["task"], data["annotations"][0])
    ]
