"""What an export lacks of the annotations a document file holds from the pulled projects, and what
becomes of them (pure): kept when the export's task is gone (L054) or the export predates them
(L055), removed otherwise (L046), the gold included.

Label Studio moves a task's ``updated_at`` when one of its annotations is made, saved or deleted
(one by one or with the Data Manager), and when a prediction is saved or deleted: an export whose
task last changed before an annotation's last save cannot know it (a server restored from a backup
made before it, an older export imported), while an export made after a deletion always can tell.
"""

from __future__ import annotations

from datetime import datetime

from claimkit.issues import Issue
from claimkit.labelstudio import codes
from claimkit.labelstudio.tasks import Converted, TaskOutcome
from claimkit.model import Annotation, DocumentFile

__all__ = ["TaskTimes", "gold_predated", "kept_missing", "missing_issues", "task_times"]

#: Each task of an export and when the server last changed it (``None``: the export does not say).
TaskTimes = dict[object, datetime | None]


def task_times(outcomes: list[TaskOutcome]) -> TaskTimes:
    """Each task of the export and when the server last changed it (the latest of the exports that
    hold it; ``None`` when one of them does not say)."""
    times: TaskTimes = {}
    for outcome in outcomes:
        known = outcome.task_id in times
        earlier, now = times.get(outcome.task_id), outcome.updated_at
        times[outcome.task_id] = None if (known and earlier is None) or now is None else max(earlier or now, now)
    return times


def _saved(annotation: Annotation) -> datetime | None:
    """When the annotation was last saved (made, when it never was again)."""
    return annotation.updated_at or annotation.created_at


def _predates(annotation: Annotation, tasks: TaskTimes) -> bool:
    """Whether the export's copy of the annotation's task is older than the annotation's last save."""
    changed = tasks.get(annotation.origin.task) if annotation.origin else None
    saved = _saved(annotation)
    return changed is not None and saved is not None and saved > changed


def kept_missing(annotation: Annotation, present: set[int | None], tasks: TaskTimes) -> bool:
    """Whether the file's copy of an annotation the export may not hold stays: its task is not in the
    export (L054), or is there as it was before the annotation was saved (L055)."""
    origin = annotation.origin
    if origin is None:
        return False
    return origin.task not in tasks or (origin.annotation not in present and _predates(annotation, tasks))


def _gold_missing(existing: DocumentFile | None, projects: set[object], converted: list[Converted]) -> bool:
    """Whether the file's gold came from a pulled project and the export does not hold it."""
    origin = existing.gold.origin if existing and existing.gold else None
    return origin is not None and origin.project in projects and origin.annotation not in {c.ls_id for c in converted}


def gold_predated(
    existing: DocumentFile | None, projects: set[object], converted: list[Converted], tasks: TaskTimes
) -> bool:
    """Whether the export lacks the file's gold and predates it: the gold stays (L055)."""
    gold = existing.gold if existing else None
    return gold is not None and _gold_missing(existing, projects, converted) and _predates(gold, tasks)


def missing_issues(  # noqa: PLR0913 - the parts of a merge the report needs
    existing: DocumentFile | None,
    projects: set[object],
    converted: list[Converted],
    tasks: TaskTimes,
    kept: list[Annotation],
    where: str,
) -> list[Issue]:
    """L046, L054 or L055 for every annotation of the pulled projects the file held and the export
    does not (pointers into the new file's ``kept`` annotations), then for the gold."""
    present = {c.ls_id for c in converted}
    issues = []
    for annotation in existing.annotations if existing else []:
        origin = annotation.origin
        if origin is not None and origin.project in projects and origin.annotation not in present:
            at = next((f"/annotations/{i}" for i, a in enumerate(kept) if a is annotation), "")
            issues.append(_missing(annotation, tasks, at, where))
    return issues + _gold_gone(existing, projects, converted, tasks, where)


def _missing(annotation: Annotation, tasks: TaskTimes, pointer: str, where: str) -> Issue:
    origin = annotation.origin
    assert origin is not None  # missing_issues
    number, who, task = origin.annotation, annotation.annotator, origin.task
    if task not in tasks:
        message = f"annotation {number} by {who} came from task {task}, which the export does not have; kept"
        return codes.TASK_GONE.issue(message, file=where, pointer=pointer)
    if _predates(annotation, tasks):
        saved, changed = _saved(annotation), tasks[task]
        message = (
            f"annotation {number} by {who} (saved {saved.isoformat() if saved else '?'}) is not in the export, whose "
            f"task {task} last changed at {changed.isoformat() if changed else '?'}: the export predates it; kept"
        )
        return codes.EXPORT_PREDATES_ANNOTATION.issue(message, file=where, pointer=pointer)
    message = f"annotation {number} by {who} is no longer in the export; it is removed"
    return codes.ANNOTATION_REMOVED.issue(message, file=where)


def _gold_gone(
    existing: DocumentFile | None, projects: set[object], converted: list[Converted], tasks: TaskTimes, where: str
) -> list[Issue]:
    """The file's gold from a pulled project that the export lacks: L055 when the export predates it
    (kept), L046 when a new ground truth replaces it (no deleted gold leaves without a word); with
    no ground truth, L047 says the gold is kept (:func:`claimkit.labelstudio.merge`)."""
    if existing is None or existing.gold is None or not _gold_missing(existing, projects, converted):
        return []
    gold, origin = existing.gold, existing.gold.origin
    assert origin is not None  # _gold_missing
    if _predates(gold, tasks):
        saved = _saved(gold)
        message = (
            f"the gold, annotation {origin.annotation} (saved {saved.isoformat() if saved else '?'}), is not in the "
            f"export, whose task {origin.task} last changed before it: the export predates it; kept"
        )
        return [codes.EXPORT_PREDATES_ANNOTATION.issue(message, file=where, pointer="/gold")]
    replacing = [c for c in converted if c.ground_truth and not c.failed]
    if len(replacing) != 1:
        return []  # none: the gold is kept (L047); several: the file is left as it was (L016)
    message = (
        f"the gold came from annotation {origin.annotation}, which is no longer in the export; annotation "
        f"{replacing[0].ls_id}, marked as ground truth, replaces it"
    )
    return [codes.ANNOTATION_REMOVED.issue(message, file=where, pointer="/gold")]
