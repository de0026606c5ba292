"""One exported Label Studio task, converted annotation by annotation (pure).

Every annotation of every annotator is converted on its own: one that cannot be converted (an
error) is set aside for the quarantine, raw and pseudonymized, and never blocks the others.
Skips (L009), empty submissions (L044) and drafts (L017) are reported with the annotator's
pseudonym; a draft's content goes to the quarantine only when the lead asks for it. What the
task's annotations become together (merged with other tasks of the same document and with the
corpus) is :mod:`claimkit.labelstudio.merge`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from claimkit.issues import Issue, Severity
from claimkit.labelstudio import codes
from claimkit.labelstudio.identity import Identities, label_studio_id
from claimkit.labelstudio.quarantine import Pending, pending_annotation, pending_draft
from claimkit.labelstudio.regions import Provenance, annotation_from_result
from claimkit.model import Annotation, Origin
from claimkit.preannotate.acceptance import with_acceptance
from claimkit.rules.document import is_safe_document_id
from claimkit.textutil import QuotedRegions

__all__ = [
    "Converted",
    "TaskOptions",
    "TaskOutcome",
    "convert_task",
    "document_id_problem",
    "task_location",
]

#: Fetches a draft that the export lists by id only (``None`` when there is no server to ask).
FetchDraft = Callable[[int], dict[str, Any] | None]


def task_location(task: dict[str, Any], base_url: str | None = None) -> str:
    """Where a lead opens the task: its Data Manager URL when the server is known."""
    if base_url and task.get("project") is not None:
        return f"{base_url.rstrip('/')}/projects/{task.get('project')}/data?task={task.get('id')}"
    return f"label-studio:task/{task.get('id')}"


def document_id_problem(doc_id: Any) -> str | None:
    """Why a task's ``doc_id`` cannot name a file (D001's rule: no path, control character or NUL)."""
    if not isinstance(doc_id, str):
        return f"doc_id {str(doc_id)[:40]!r} is not a string"
    if not is_safe_document_id(doc_id):
        return f"doc_id {doc_id[:80]!r}{'...' if len(doc_id) > 80 else ''} is not a safe document id"
    return None


@dataclass(frozen=True)
class TaskOptions:
    identities: Identities
    guideline_version: str
    base_url: str | None = None
    include_drafts: bool = False
    fetch_draft: FetchDraft | None = None


@dataclass
class Converted:
    """One annotation of a task as the model has it, with what was met converting it."""

    ls_id: int | None
    annotation: Annotation
    ground_truth: bool
    issues: list[Issue]

    @property
    def failed(self) -> bool:
        return any(issue.severity is Severity.ERROR for issue in self.issues)


@dataclass
class TaskOutcome:
    """A task converted: its document id and text, its annotations, what goes to the quarantine."""

    task_id: Any
    project: Any
    doc_id: str
    text: Any
    metadata: Any
    where: str
    updated_at: datetime | None = None  # when the server last changed the task (an annotation made or deleted)
    converted: list[Converted] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


#: Label Studio sets ``updated_at`` a few microseconds after ``created_at`` when it makes an annotation.
_SAVED_AGAIN = timedelta(seconds=1)


def _timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _aware(moment: datetime | None) -> datetime | None:
    """A time that can be compared with an annotation's (``None`` without a time zone)."""
    return moment if moment is not None and moment.tzinfo is not None else None


def _provenance(task: dict[str, Any], raw: dict[str, Any], annotator: str, version: str) -> Provenance:
    lead_time = raw.get("lead_time")
    project, task_id = label_studio_id(task.get("project")), label_studio_id(task.get("id"))
    origin = Origin(project=project or 1, task=task_id or 1, annotation=label_studio_id(raw.get("id")))
    return Provenance(
        annotator=annotator,
        guideline_version=version,
        created_at=_timestamp(raw.get("created_at")),
        updated_at=_timestamp(raw.get("updated_at")),
        lead_time=float(lead_time) if isinstance(lead_time, int | float) and lead_time >= 0 else None,
        origin=origin,
    )


def _unread(provenance: Provenance, raw: dict[str, Any], where: str | None, pointer: str) -> list[Issue]:
    """L056 for each value of the annotation's metadata its provenance could not keep (an id that is
    no positive whole number, a time that is not ISO 8601, a negative lead time): never left out unsaid."""
    kept = {
        "id": provenance.origin.annotation if provenance.origin else None,
        "created_at": provenance.created_at,
        "updated_at": provenance.updated_at,
        "lead_time": provenance.lead_time,
    }
    return [
        codes.UNREADABLE_METADATA.issue(f"{key} {raw[key]!r} cannot be read", file=where, pointer=f"{pointer}/{key}")
        for key, value in kept.items()
        if raw.get(key) is not None and value is None
    ]


def _has_regions(result: list[Any]) -> bool:
    return any(isinstance(item, dict) and item.get("type") == "labels" for item in result)


class _TaskReader:
    """Converts the annotations and drafts of one task into a :class:`TaskOutcome`."""

    def __init__(self, task: dict[str, Any], options: TaskOptions) -> None:
        self.task = task
        self.options = options
        data: dict[str, Any] = task["data"] if isinstance(task.get("data"), dict) else {}
        where = task_location(task, options.base_url)
        project = label_studio_id(task.get("project")) or 1
        self.outcome = TaskOutcome(
            task.get("id"), project, str(data.get("doc_id")), data.get("text"), data.get("claimkit"), where
        )
        self.outcome.updated_at = _aware(_timestamp(task.get("updated_at")))
        self.quotes = QuotedRegions(data["text"]) if isinstance(data.get("text"), str) else None

    def report(self, issue: Issue) -> None:
        self.outcome.issues.append(issue)

    def annotation(self, raw: Any, index: int) -> None:
        pointer = f"/annotations/{index}"
        if not isinstance(raw, dict):
            message = "an annotation is not an object"
            self.report(codes.MALFORMED_TASK.issue(message, file=self.outcome.where, pointer=pointer))
            return
        annotator = self.options.identities.annotator(raw.get("completed_by"))
        if raw.get("was_cancelled"):
            message = f"{annotator} skipped the task (annotation {raw.get('id')})"
            self.report(codes.SKIPPED_ANNOTATION.issue(message, file=self.outcome.where, pointer=pointer))
            return
        self.convert(raw, annotator, pointer)

    def convert(self, raw: dict[str, Any], annotator: str, pointer: str) -> None:
        result = raw.get("result") if isinstance(raw.get("result"), list) else None
        if result is None:
            message = f"the result of annotation {raw.get('id')} by {annotator} is not a list"
            self.report(codes.MALFORMED_TASK.issue(message, file=self.outcome.where, pointer=pointer + "/result"))
            return
        provenance = _provenance(self.task, raw, annotator, self.options.guideline_version)
        for issue in _unread(provenance, raw, self.outcome.where, pointer):
            self.report(issue)
        text = self.outcome.text
        annotation, issues = annotation_from_result(
            result, text, provenance, where=self.outcome.where, pointer=pointer, quotes=self.quotes
        )
        annotation, found = with_acceptance(annotation, raw, self.outcome.where, pointer)  # from a prediction?
        issues.extend(found)
        if not _has_regions(result):
            message = f"{annotator} submitted annotation {raw.get('id')} with no region"
            issues.append(codes.EMPTY_ANNOTATION.issue(message, file=self.outcome.where, pointer=pointer))
        issues += self.edited_by_another(raw, annotator, pointer)
        converted = Converted(label_studio_id(raw.get("id")), annotation, bool(raw.get("ground_truth")), issues)
        self.outcome.converted.append(converted)
        if converted.failed:
            self.quarantine(raw, converted, annotator, pointer)

    def edited_by_another(self, raw: dict[str, Any], annotator: str, pointer: str) -> list[Issue]:
        """L053 when someone else saved the annotation after it was made (a ground truth is the
        reviewer's to save; an annotation made on an annotator's behalf through the API is saved once)."""
        created, updated = _timestamp(raw.get("created_at")), _timestamp(raw.get("updated_at"))
        if raw.get("ground_truth") or created is None or updated is None or updated - created < _SAVED_AGAIN:
            return []
        editor = self.options.identities.editor(raw)
        if editor is None:
            return []
        message = f"annotation {raw.get('id')} by {annotator} was last saved by {editor}; it stays {annotator}'s"
        return [codes.EDITED_BY_ANOTHER.issue(message, file=self.outcome.where, pointer=pointer)]

    def quarantine(self, raw: dict[str, Any], converted: Converted, annotator: str, pointer: str) -> None:
        pending = pending_annotation(self.outcome, raw, annotator, converted.issues)
        self.outcome.pending.append(pending)
        message = f"annotation {raw.get('id')} by {annotator} kept in {pending.path}; fix it at {self.outcome.where}"
        self.report(codes.ANNOTATION_QUARANTINED.issue(message, file=self.outcome.where, pointer=pointer))

    def draft(self, entry: Any, index: int) -> None:
        draft = entry
        if not isinstance(entry, dict) and self.options.fetch_draft is not None and label_studio_id(entry) is not None:
            draft = self.options.fetch_draft(int(entry)) or entry
        author = self.options.identities.draft_author(draft)
        self.report(self.draft_issue(draft, author, f"/drafts/{index}"))
        if self.options.include_drafts and isinstance(draft, dict):
            self.outcome.pending.append(pending_draft(self.outcome, draft, author))

    def draft_issue(self, draft: Any, author: str | None, pointer: str) -> Issue:
        number = draft.get("id") if isinstance(draft, dict) else draft
        who = author or "an annotator the export does not name (it lists drafts by id only)"
        edited = draft.get("annotation") if isinstance(draft, dict) else None
        what = f"an unsubmitted edit of annotation {edited}" if edited else "an unsubmitted draft"
        message = f"{who} has {what} (draft {number}) on {self.outcome.where}"
        if self.options.include_drafts and not isinstance(draft, dict):
            message += "; its content is not in the export (pull from the server to fetch it)"
        return codes.UNSUBMITTED_DRAFT.issue(message, file=self.outcome.where, pointer=pointer)


def convert_task(task: dict[str, Any], options: TaskOptions) -> TaskOutcome:
    """Convert every annotation and draft of a task whose ``doc_id`` was already checked."""
    reader = _TaskReader(task, options)
    if not isinstance(reader.outcome.text, str):
        where = reader.outcome.where
        reader.report(codes.MALFORMED_TASK.issue("the task has no text", file=where, pointer="/data/text"))
        return reader.outcome
    for index, raw in enumerate(task.get("annotations") or []):
        reader.annotation(raw, index)
    for index, entry in enumerate(task.get("drafts") or []):
        reader.draft(entry, index)
    return reader.outcome
