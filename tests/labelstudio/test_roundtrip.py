"""Model -> Label Studio result -> model is lossless (property test over generated documents)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkit.labelstudio.convert import annotation_from_result, annotation_to_result, task_data
from claimkit.labelstudio.regions import Provenance
from claimkit.model import Annotation, Document
from tests.strategies import TEXTS, annotations, document_files

CONTENT = {"sources", "cues", "claims", "comment"}


def _content(annotation: Annotation) -> dict[str, object]:
    return annotation.model_dump(include=CONTENT)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_annotation_round_trip_is_lossless(data: st.DataObject) -> None:
    text = data.draw(TEXTS)
    annotation = data.draw(annotations(text))
    result = annotation_to_result(annotation)
    back, issues = annotation_from_result(result, text, Provenance(annotator=annotation.annotator))
    assert [issue.code for issue in issues] == []
    assert _content(back) == _content(annotation)


@settings(max_examples=50)
@given(document_files())
def test_task_data_carries_the_exact_text_and_metadata(file: object) -> None:
    document = file.document  # type: ignore[attr-defined]
    data = task_data(document)
    assert data["text"] == document.text
    assert data["doc_id"] == document.id
    rebuilt = Document.model_validate({**data["claimkit"], "text": data["text"]})
    assert rebuilt == document
