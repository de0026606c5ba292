"""The tasks of one document, merged with its file in the corpus (pure).

A document may have been imported as several tasks. Tasks with the same ``doc_id`` and the same
text are merged: every annotation of every task is kept once (by its Label Studio id) and in the
order of those ids, so the same server state always gives the same file whatever the order of the
tasks. Different texts under one ``doc_id`` are a conflict (L041) and the document is left as it
was. Annotations that did not come from the pulled projects (imported from elsewhere, adjudicated)
are kept; an annotation set aside in the quarantine keeps its earlier version, if the file had one.
An annotation of the pulled projects that the export no longer has (deleted in Label Studio) leaves
the file, and is reported (L046); one whose whole task the export does not have is kept (L054), and
so is one saved after the export's task last changed (L055: the export predates it, as a server
restored from a backup or an old export does; a deletion would have changed the task). The
ground truth of the pulled projects becomes the gold, unless the file's gold was decided by people
elsewhere: then the later of the two decisions is the gold, and either outcome is reported (L048,
L049). A pull says when it replaces an edit made in the file (L050), never turns an annotation back
to an earlier version (L051), and detaches from Label Studio an annotation whose id Label Studio gave
to another one (L052): see :mod:`~claimkit.labelstudio.local`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from claimkit.issues import Issue
from claimkit.labelstudio import codes
from claimkit.labelstudio.identity import Identities
from claimkit.labelstudio.local import (
    decided_elsewhere,
    detach_reused,
    edited_in_file,
    later_decision,
    newer_in_file,
    pull_key,
    reused_in_export,
)
from claimkit.labelstudio.missing import TaskTimes, gold_predated, kept_missing, missing_issues, task_times
from claimkit.labelstudio.quarantine import Pending
from claimkit.labelstudio.tasks import (
    Converted,
    TaskOptions,
    TaskOutcome,
    convert_task,
    document_id_problem,
    task_location,
)
from claimkit.model import Annotation, Document, DocumentFile
from claimkit.preannotate.acceptance import schema_at_least
from claimkit.review import record_review

__all__ = ["Merged", "merge_document", "task_to_document_file"]


@dataclass
class Merged:
    """The document file the tasks make (``None``: the corpus keeps what it has), and what was met."""

    file: DocumentFile | None
    issues: list[Issue] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)


def _ordered(outcomes: list[TaskOutcome]) -> list[TaskOutcome]:
    """By task id: the order of the export must not change the outcome."""
    return sorted(outcomes, key=lambda o: o.task_id if isinstance(o.task_id, int) else -1)


def _text_conflict(outcomes: list[TaskOutcome]) -> list[Issue]:
    if len({o.text for o in outcomes}) < 2:
        return []
    ids = ", ".join(str(o.task_id) for o in outcomes)
    message = f"tasks {ids} share doc_id {outcomes[0].doc_id!r} with different texts; the document is left unchanged"
    return [codes.TASK_TEXT_CONFLICT.issue(message, file=o.where, pointer="/data/text") for o in outcomes]


def _new_document(outcome: TaskOutcome) -> Document | Issue:
    metadata, text = outcome.metadata, outcome.text
    if not isinstance(metadata, dict) or not isinstance(text, str):
        message = f"no file for document {outcome.doc_id!r} and no metadata in the task"
        return codes.UNKNOWN_DOCUMENT.issue(message, file=outcome.where)
    try:
        return Document.model_validate({**metadata, "text": text})
    except ValidationError as error:
        message = f"the task's document metadata is not valid: {error.errors()[0]['msg']}"
        return codes.UNKNOWN_DOCUMENT.issue(message, file=outcome.where)


def _document(outcomes: list[TaskOutcome], existing: DocumentFile | None) -> Document | list[Issue]:
    if existing is None:
        made = _new_document(outcomes[0])
        return [made] if isinstance(made, Issue) else made
    if outcomes[0].text != existing.document.text:
        message = "the task text differs from the document file's text"
        return [codes.TASK_TEXT_DRIFT.issue(message, file=o.where, pointer="/data/text") for o in outcomes]
    return existing.document


def _edited(converted: Converted) -> float:
    updated = converted.annotation.updated_at
    return updated.timestamp() if updated is not None else float("-inf")


def _converted(outcomes: list[TaskOutcome]) -> list[Converted]:
    """Every annotation once (by Label Studio id and creation time), in the order of the ids. An
    annotation met twice (``ls import`` of two dated exports of a project) is taken in its latest
    version, whatever the order of the files: the first one met could be the older. Two annotations
    with one id but not one creation time (exports of two servers) are two annotations (L052)."""
    seen: dict[tuple[int, float], Converted] = {}
    unnamed: list[Converted] = []
    for outcome in outcomes:
        for converted in outcome.converted:
            created = converted.annotation.created_at
            key = (converted.ls_id or 0, created.timestamp() if created else float("-inf"))
            if converted.ls_id is None:
                unnamed.append(converted)
            elif key not in seen or _edited(converted) > _edited(seen[key]):
                seen[key] = converted
    return [seen[key] for key in sorted(seen)] + unnamed


def _recorded_versions(existing: DocumentFile | None, converted: list[Converted]) -> list[Converted]:
    """An annotation unchanged in Label Studio since the last pull keeps the guideline version recorded
    then: the guidelines it was made under, not those of the claimkit that pulls it again."""
    if existing is None:
        return converted
    known = [*existing.annotations, *([existing.gold] if existing.gold else [])]
    recorded = {key: a.guideline_version for a in known if (key := pull_key(a)) is not None}
    for item in converted:
        key = pull_key(item.annotation)
        version = recorded.get(key) if key is not None else None
        if version is not None and version != item.annotation.guideline_version:
            item.annotation = item.annotation.model_copy(update={"guideline_version": version})
    return converted


def _annotations(
    existing: DocumentFile | None,
    projects: set[object],
    converted: list[Converted],
    tasks: TaskTimes,
    ground_truth: bool = False,
) -> list[Annotation]:
    """The annotators' annotations of the new file: those of other origins as they were, then the
    pulled projects' in the order of their ids (an earlier version standing in for a set-aside one,
    and the file's copy of one whose task the export does not have, not in ``tasks``, or whose task
    the export holds as it was before the annotation was saved); the ground truth among them when it
    is not the gold (``ground_truth``)."""
    set_aside = {c.ls_id for c in converted if c.failed and c.ls_id is not None}
    present = {c.ls_id for c in converted}
    others, earlier = [], []
    for annotation in existing.annotations if existing else []:
        origin = annotation.origin
        if origin is None or origin.project not in projects:
            others.append(annotation)
        elif origin.annotation in set_aside or kept_missing(annotation, present, tasks):
            earlier.append(annotation)
    pulled = [c.annotation for c in converted if not c.failed and (ground_truth or not c.ground_truth)]
    return others + sorted(earlier + pulled, key=lambda a: (a.origin.annotation or 0) if a.origin else 0)


def _gold(
    reviewed: list[Converted], annotations: list[Annotation], existing: DocumentFile | None, where: str
) -> Annotation | Issue | None:
    if len(reviewed) > 1:
        which = ", ".join(f"{c.ls_id} by {c.annotation.annotator}" for c in reviewed)
        message = f"annotations {which} are all marked as ground truth; the document is left as it was"
        return codes.SEVERAL_GROUND_TRUTHS.issue(message, file=where)
    if not reviewed:
        return existing.gold if existing else None
    review = reviewed[0].annotation
    return review.model_copy(update={"adjudication": record_review(review, annotations)})


def _gold_left(
    existing: DocumentFile | None, projects: set[object], converted: list[Converted], where: str
) -> list[Issue]:
    """L047 when the kept gold came from a pulled project and the export no longer marks it."""
    origin = existing.gold.origin if existing and existing.gold else None
    if origin is None or origin.project not in projects or any(c.ground_truth for c in converted):
        return []
    found = next((c for c in converted if c.ls_id == origin.annotation), None)
    if found is not None and found.failed:
        return []  # set aside: its own issue says why
    state = "is no longer in the export" if found is None else "is no longer marked as ground truth"
    message = f"the gold came from annotation {origin.annotation}, which {state}; the gold is kept"
    return [codes.GOLD_NO_LONGER_MARKED.issue(message, file=where, pointer="/gold")]


def _file(
    document: Document, annotations: list[Annotation], gold: Annotation | None, existing: DocumentFile | None
) -> DocumentFile:
    """The merged file; its predictions stay, and it declares schema 1.1 once it records acceptance."""
    update: dict[str, Any] = {"document": document, "annotations": annotations, "gold": gold}
    if existing is None:
        return DocumentFile(**update)
    if any(a.acceptance is not None for a in [*annotations, *([gold] if gold else [])]):
        update["schema_version"] = schema_at_least(existing.schema_version)
    return existing.model_copy(update=update)


def _settled(
    existing: DocumentFile | None,
    projects: set[object],
    converted: list[Converted],
    tasks: TaskTimes,
    where: str,
) -> tuple[Annotation | None, list[Annotation], list[Issue]] | Issue:
    """The gold and the annotators' annotations of the new file, and what deciding the gold met
    (L048, L049); the issue alone when the document is left as it was (L016)."""
    kept = _annotations(existing, projects, converted, tasks)
    reviewed = [c for c in converted if c.ground_truth and not c.failed]
    if reviewed and gold_predated(existing, projects, converted, tasks):
        # the export predates the file's gold: it stays (L055), the export's ground truth is an annotation
        kept_gold = existing.gold if existing else None
        return kept_gold, _annotations(existing, projects, converted, tasks, ground_truth=True), []
    gold = _gold(reviewed, kept, existing, where)
    if isinstance(gold, Issue):
        return gold
    local = decided_elsewhere(existing, projects) if reviewed else None
    if gold is None or local is None:
        return gold, kept, []
    gold, decided = later_decision(local, gold, where)
    if gold is local:  # the ground truth is not the gold: it stays one of the annotations
        kept = _annotations(existing, projects, converted, tasks, ground_truth=True)
    return gold, kept, [decided] if decided else []


def merge_document(
    outcomes: list[TaskOutcome], existing: DocumentFile | None, pulled: set[int] | None = None
) -> Merged:
    """The document file of the tasks that share a ``doc_id``, merged with the corpus's file;
    ``pulled``: every project of the export (one may have no task of this document any more)."""
    outcomes = _ordered(outcomes)
    merged = Merged(None, [issue for o in outcomes for issue in o.issues])
    merged.issues += [issue for o in outcomes for c in o.converted for issue in c.issues]
    blocking = _text_conflict(outcomes)
    document = blocking or _document(outcomes, existing)
    if isinstance(document, list):
        merged.issues += document
        return merged
    converted = _converted(outcomes)
    merged.issues += newer_in_file(existing, converted, outcomes[0].where)
    converted = _recorded_versions(existing, converted)
    projects = {o.project for o in outcomes} | (pulled or set())
    existing, reused = detach_reused(existing, projects, converted, outcomes[0].where)
    reused += reused_in_export(converted, outcomes[0].where)
    tasks = task_times(outcomes)
    settled = _settled(existing, projects, converted, tasks, outcomes[0].where)
    if isinstance(settled, Issue):
        merged.issues.append(settled)
        return merged
    gold, kept, decided = settled
    merged.issues += reused + decided
    merged.issues += missing_issues(existing, projects, converted, tasks, kept, outcomes[0].where)
    if not gold_predated(existing, projects, converted, tasks):  # L055 said so already
        merged.issues += _gold_left(existing, projects, converted, outcomes[0].where)
    merged.issues += edited_in_file(existing, converted, gold, outcomes[0].where)
    merged.file = _file(document, kept, gold, existing)
    merged.pending = [pending for o in outcomes for pending in o.pending]
    return merged


def task_to_document_file(
    task: dict[str, Any],
    existing: DocumentFile | None,
    pseudonymize: Callable[[str], str],
    guideline_version: str,
    server_id: str = "label-studio",
) -> tuple[DocumentFile | None, list[Issue]]:
    """One task on its own: the document file it makes (``None`` when it makes none) and the issues.

    Nothing is written: an annotation that cannot be converted is left out of the file, with its issues.
    """
    data = task.get("data")
    problem = document_id_problem(data.get("doc_id") if isinstance(data, dict) else None)
    if problem:
        return None, [codes.UNSAFE_TASK_DOCUMENT_ID.issue(problem, file=task_location(task), pointer="/data/doc_id")]
    options = TaskOptions(Identities(pseudonymize, server_id=server_id), guideline_version)
    merged = merge_document([convert_task(task, options)], existing)
    kept = [issue for issue in merged.issues if issue.code != codes.ANNOTATION_QUARANTINED.code]  # nothing is written
    return merged.file, kept
