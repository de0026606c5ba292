"""From a stream of exported tasks to the corpus folder: what ``ls pull`` and ``ls import`` share.

Two passes over the export (a file on disk either way). The first counts the tasks of each
document and checks that every annotator can be named, so that nothing is written when the
export cannot be used. The second converts task by task and finishes a document as soon as its
last task was read (a document usually has one task): the tasks are merged
(:mod:`~claimkit.labelstudio.merge`), validated, and the changed files staged. Each task is
isolated: one with an unsafe ``doc_id`` (L040) or one that cannot be converted is reported and
the run goes on. Nothing reaches the corpus before the whole export was read (:class:`Staging`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimkit.issues import Report
from claimkit.labelstudio import codes
from claimkit.labelstudio.identity import label_studio_id
from claimkit.labelstudio.merge import merge_document
from claimkit.labelstudio.quarantine import PENDING
from claimkit.labelstudio.staging import Staging, check_corpus
from claimkit.labelstudio.tasks import (
    TaskOptions,
    TaskOutcome,
    convert_task,
    document_id_problem,
    task_location,
)
from claimkit.loading import load_file, not_regular
from claimkit.model import DocumentFile
from claimkit.storage import document_json
from claimkit.validate import check_document

__all__ = ["CorpusSummary", "Tasks", "write_corpus"]

#: Opens the export again for each pass: an iterator over its tasks.
Tasks = Callable[[], Iterable[Any]]


@dataclass
class CorpusSummary:
    tasks: int = 0
    documents: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    blocked: int = 0
    pending: list[str] = field(default_factory=list)

    def exit_code(self, report: Report) -> int:
        """2 unreadable input, 1 a document not written or an error, else 0."""
        return report.exit_code() or (1 if self.blocked else 0)


def _data(task: Any) -> dict[str, Any]:
    data = task.get("data") if isinstance(task, dict) else None
    return data if isinstance(data, dict) else {}


#: Tasks per document id, and the projects of an export.
_Index = tuple[Counter[str], set[int]]


def _index(tasks: Iterable[Any], options: TaskOptions) -> _Index:
    """Tasks per usable document id, and the projects of the export; refuses at once an export whose
    annotators cannot be named."""
    counts: Counter[str] = Counter()
    projects: set[int] = set()
    for task in tasks:
        doc_id = _data(task).get("doc_id")
        if document_id_problem(doc_id) is None:
            counts[str(doc_id)] += 1
            projects.add(label_studio_id(task.get("project")) or 1)
            _check_annotators(task, options)
    return counts, projects


def _check_annotators(task: dict[str, Any], options: TaskOptions) -> None:
    annotations = task.get("annotations")
    for raw in annotations if isinstance(annotations, list) else []:
        if isinstance(raw, dict):
            options.identities.annotator(raw.get("completed_by"))  # raises E214 when it cannot


def _misshapen(task: dict[str, Any]) -> tuple[str, str] | None:
    """What in a task is not as Label Studio exports it (the message and where), beyond its data and id:
    its text not a string, its annotations or drafts not a list."""
    if "text" in task["data"] and not isinstance(task["data"]["text"], str):
        return "the task's text is not a string", "/data/text"
    for member in ("annotations", "drafts"):
        if task.get(member) is not None and not isinstance(task[member], list):
            return f"the task's {member} are not a list", f"/{member}"
    return None


class _Run:
    """One pass of conversion: tasks in, staged files and a report out."""

    def __init__(
        self, corpus: Path, options: TaskOptions, index: tuple[Counter[str], set[int]], staging: Staging
    ) -> None:
        self.corpus = corpus
        self.options = options
        self.counts, self.projects = index
        self.staging = staging
        self.summary = CorpusSummary()
        self.report = Report()
        self.waiting: dict[str, list[TaskOutcome]] = {}

    def task(self, task: Any) -> None:
        self.summary.tasks += 1
        doc_id = self.usable_id(task)
        if doc_id is None:
            return
        outcomes = self.waiting.setdefault(doc_id, [])
        outcomes.append(convert_task(task, self.options))
        if len(outcomes) == self.counts[doc_id]:
            self.document(doc_id, self.waiting.pop(doc_id))

    def usable_id(self, task: Any) -> str | None:
        if not isinstance(task, dict):
            self.report.issues.append(codes.MALFORMED_TASK.issue("an item of the export is not a task object"))
            return None
        where, doc_id = task_location(task, self.options.base_url), _data(task).get("doc_id")
        if not isinstance(task.get("data"), dict) or label_studio_id(task.get("id")) is None:
            message = (
                "the task has no numeric id" if isinstance(task.get("data"), dict) else "its data is not an object"
            )
            self.report.issues.append(codes.MALFORMED_TASK.issue(message, file=where))
            return None
        if (misshapen := _misshapen(task)) is not None:
            self.report.issues.append(codes.MALFORMED_TASK.issue(misshapen[0], file=where, pointer=misshapen[1]))
            return None
        if not doc_id:
            self.report.issues.append(codes.TASK_WITHOUT_DOCUMENT_ID.issue("the task has no doc_id", file=where))
            return None
        problem = document_id_problem(doc_id)
        if problem:
            self.report.issues.append(codes.UNSAFE_TASK_DOCUMENT_ID.issue(problem, file=where, pointer="/data/doc_id"))
            return None
        return str(doc_id)

    def existing(self, doc_id: str) -> tuple[bool, DocumentFile | None]:
        target = self.corpus / f"{doc_id}.json"
        self.staging.reading(target.name)
        if not target.exists() and not target.is_symlink():
            return True, None
        loaded = load_file(target)
        self.report.extend(loaded.issues)
        return loaded.file is not None, loaded.file

    def document(self, doc_id: str, outcomes: list[TaskOutcome]) -> None:
        self.summary.documents += 1
        readable, existing = self.existing(doc_id)
        merged = merge_document(outcomes, existing, self.projects) if readable else None
        self.report.extend(merged.issues if merged else [i for o in outcomes for i in o.issues])
        if merged is None or merged.file is None:
            self.summary.blocked += 1
            return
        self.report.extend(check_document(merged.file, str(self.corpus / f"{doc_id}.json")))
        self.stage(doc_id, document_json(merged.file))
        tasks = {o.task_id for o in outcomes}
        self.stage_pending(doc_id, {pending.path: pending.text for pending in merged.pending}, tasks, outcomes[0].where)

    def stage(self, doc_id: str, text: str) -> None:
        if self.staging.put(f"{doc_id}.json", text):
            self.summary.written.append(str(self.corpus / f"{doc_id}.json"))
        else:
            self.summary.unchanged += 1

    def stage_pending(self, doc_id: str, files: dict[str, str], tasks: set[Any], where: str) -> None:
        """The quarantine of a document: new files staged, files no longer pending removed, but not
        those of a task the export does not have (the file may be the last copy: L054)."""
        for relative, text in sorted(files.items()):
            self.staging.put(relative, text)
            self.summary.pending.append(str(self.corpus / relative))
        for stale in self.stale_pending(doc_id, set(files)):
            task = _pending_task(self.corpus / stale)
            if task in tasks:
                self.staging.remove(stale)
            else:
                message = f"{stale} was set aside from task {task}, which the export does not have; kept"
                self.report.issues.append(codes.TASK_GONE.issue(message, file=where))

    def stale_pending(self, doc_id: str, current: set[str]) -> Iterator[str]:
        managed = ("annotation-", "draft-") if self.options.include_drafts else ("annotation-",)
        folder = self.corpus / PENDING / doc_id
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            relative = f"{PENDING}/{doc_id}/{path.name}"
            if path.name.startswith(managed) and relative not in current:
                yield relative


def _pending_task(path: Path) -> Any:
    """The task a quarantine file was set aside from (``None`` when it does not say, or is no file)."""
    if not_regular(path) is not None:  # a named pipe: reading it would wait forever
        return None
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return found.get("task") if isinstance(found, dict) else None


def write_corpus(
    tasks: Tasks, corpus: Path, options: TaskOptions, progress: Callable[[int], None] | None = None
) -> tuple[CorpusSummary, Report]:
    """Convert every task of the export into ``corpus`` (all changed files at once, or none)."""
    check_corpus(corpus)
    index = _index(tasks(), options)
    staging = Staging(corpus)
    try:
        run = _Run(corpus, options, index, staging)
        for task in tasks():
            run.task(task)
            if progress is not None:
                progress(run.summary.tasks)
        for doc_id, outcomes in sorted(run.waiting.items()):  # only if the export changed between passes
            run.document(doc_id, outcomes)
        staging.apply()
    finally:
        staging.discard()
    run.report.files_checked = run.summary.tasks + run.summary.documents  # issues name a task or a document file
    return run.summary, run.report.sorted()
