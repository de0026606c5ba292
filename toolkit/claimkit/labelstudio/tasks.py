"""From one exported Label Studio task to a document file, merged with the corpus (pure).

Every annotation of every annotator is kept; skipped ones and drafts are reported (L009, L017),
not imported; the annotation marked as ground truth becomes the gold one. Annotations that did
not come from this project (imported from elsewhere, or adjudicated) are kept as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from claimkit.adjudicate import record_review
from claimkit.issues import Issue, Severity
from claimkit.labelstudio import codes
from claimkit.labelstudio.regions import Provenance, annotation_from_result
from claimkit.model import Annotation, Document, DocumentFile, Origin
from claimkit.preannotate.acceptance import schema_at_least, with_acceptance
from claimkit.textutil import QuotedRegions

__all__ = ["Identify", "task_location", "task_to_document_file"]

#: Turns a Label Studio ``completed_by`` (an id, or a user record) into a pseudonym.
Identify = Callable[[Any], str]


def task_location(task: dict[str, Any]) -> str:
    return f"label-studio:task/{task.get('id')}"


def _timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _document(task: dict[str, Any], existing: DocumentFile | None, where: str) -> Document | Issue:
    data = task.get("data") or {}
    text = data.get("text")
    if existing is not None:
        if text != existing.document.text:
            return codes.TASK_TEXT_DRIFT.issue(
                "the task text differs from the document file's text", file=where, pointer="/data/text"
            )
        return existing.document
    metadata = data.get("claimkit")
    if not isinstance(metadata, dict) or not isinstance(text, str):
        return codes.UNKNOWN_DOCUMENT.issue(
            f"no file for document {data.get('doc_id')!r} and no metadata in the task", file=where
        )
    try:
        return Document.model_validate({**metadata, "text": text})
    except ValidationError as error:
        return codes.UNKNOWN_DOCUMENT.issue(
            f"the task's document metadata is not valid: {error.errors()[0]['msg']}", file=where
        )


def _provenance(task: dict[str, Any], annotation: dict[str, Any], identify: Identify, version: str) -> Provenance:
    lead_time = annotation.get("lead_time")
    origin = Origin(project=int(task.get("project") or 1), task=int(task["id"]), annotation=annotation.get("id"))
    return Provenance(
        annotator=identify(annotation.get("completed_by")),
        guideline_version=version,
        created_at=_timestamp(annotation.get("created_at")),
        updated_at=_timestamp(annotation.get("updated_at")),
        lead_time=float(lead_time) if isinstance(lead_time, int | float) and lead_time >= 0 else None,
        origin=origin,
    )


def _gold(
    reviewed: list[Annotation], annotations: list[Annotation], existing: DocumentFile | None, where: str
) -> tuple[Annotation | None, list[Issue]]:
    if len(reviewed) > 1:
        names = ", ".join(a.annotator for a in reviewed)
        return (existing.gold if existing else None), [
            codes.SEVERAL_GROUND_TRUTHS.issue(f"ground truth marked by {names}", file=where)
        ]
    if not reviewed:
        return (existing.gold if existing else None), []
    review = reviewed[0]
    return review.model_copy(update={"adjudication": record_review(review, annotations)}), []


def task_to_document_file(
    task: dict[str, Any], existing: DocumentFile | None, identify: Identify, guideline_version: str
) -> tuple[DocumentFile | None, list[Issue]]:
    """The document file a task makes, or ``None`` with the issues that prevent it."""
    where = task_location(task)
    if not (task.get("data") or {}).get("doc_id"):
        return None, [codes.TASK_WITHOUT_DOCUMENT_ID.issue("the task has no doc_id", file=where, pointer="/data")]
    document = _document(task, existing, where)
    if isinstance(document, Issue):
        return None, [document]
    issues: list[Issue] = []
    quotes = QuotedRegions(document.text)
    annotations: list[Annotation] = []
    reviewed: list[Annotation] = []
    for index, raw in enumerate(task.get("annotations") or []):
        pointer = f"/annotations/{index}"
        annotator = identify(raw.get("completed_by"))
        if raw.get("was_cancelled"):
            issues.append(codes.SKIPPED_ANNOTATION.issue(f"{annotator} skipped the task", file=where, pointer=pointer))
            continue
        provenance = _provenance(task, raw, identify, guideline_version)
        annotation, found = annotation_from_result(
            raw.get("result") or [], document.text, provenance, where=where, pointer=pointer, quotes=quotes
        )
        issues.extend(found)
        annotation, found = with_acceptance(annotation, raw, where, pointer)  # started from a prediction?
        issues.extend(found)
        (reviewed if raw.get("ground_truth") else annotations).append(annotation)
    for index, draft in enumerate(task.get("drafts") or []):
        author = identify(draft.get("user") or draft.get("completed_by"))
        issues.append(
            codes.UNSUBMITTED_DRAFT.issue(f"{author} has an unsubmitted draft", file=where, pointer=f"/drafts/{index}")
        )
    project = task.get("project")
    kept = [a for a in (existing.annotations if existing else []) if a.origin is None or a.origin.project != project]
    gold, found = _gold(reviewed, kept + annotations, existing, where)
    issues.extend(found)
    schema_version = existing.schema_version if existing else DocumentFile.model_fields["schema_version"].default
    if any(a.acceptance is not None for a in annotations):
        schema_version = schema_at_least(schema_version)
    predictions = existing.predictions if existing else []
    merged = DocumentFile(
        schema_version=schema_version,
        document=document,
        annotations=kept + annotations,
        gold=gold,
        predictions=predictions,
    )
    return merged, issues


def blocking(issues: list[Issue]) -> bool:
    """Whether conversion issues keep a document from being written (any error does)."""
    return any(issue.severity is Severity.ERROR for issue in issues)
