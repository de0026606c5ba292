"""``claimkit ls init|push|pull|import``: the round trip between the corpus folder and Label Studio.

Pull downloads a full export snapshot to a temporary file and hands it to the same conversion as
``ls import`` (:mod:`claimkit.labelstudio.corpus`): the corpus is written all at once or not at
all, so an interrupted pull leaves ``annotations/`` exactly as it was, and the next pull
completes it.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimkit.errors import MISSING_API_KEY, MISSING_SERVER_URL, ConfigError
from claimkit.issues import Issue, Report
from claimkit.labelstudio import codes
from claimkit.labelstudio.client import LabelStudioClient, TaskInfo, config_values
from claimkit.labelstudio.config import CHECK_FIELD, instructions_html, labeling_config
from claimkit.labelstudio.convert import task_data
from claimkit.labelstudio.corpus import CorpusSummary, write_corpus
from claimkit.labelstudio.exports import ExportFile, open_exports
from claimkit.labelstudio.identity import Identities
from claimkit.labelstudio.origins import refuse_title_mismatch
from claimkit.labelstudio.predictions import Predictions, prediction, version_of
from claimkit.labelstudio.tasks import TaskOptions
from claimkit.model import DocumentFile
from claimkit.pseudonym import Pseudonymizer
from claimkit.taxonomy import GUIDELINES_VERSION

__all__ = [
    "CorpusSummary",
    "PushSummary",
    "connect",
    "import_exports",
    "init_project",
    "pull_project",
    "push_documents",
]

_BATCH = 250


def connect(url: str | None, api_key: str | None, **options: Any) -> LabelStudioClient:
    """A client from flags, else ``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``."""
    url = url or os.environ.get("LABEL_STUDIO_URL")
    api_key = api_key or os.environ.get("LABEL_STUDIO_API_KEY")
    if not url:
        raise ConfigError(MISSING_SERVER_URL, "no Label Studio URL: pass --url or set LABEL_STUDIO_URL")
    if not api_key:
        raise ConfigError(MISSING_API_KEY, "no API key: pass --api-key or set LABEL_STUDIO_API_KEY")
    return LabelStudioClient(url, api_key, **options)


# -- init ----------------------------------------------------------------------------------------
def _collect(used: dict[str, set[str]], item: Any) -> None:
    name = item.get("from_name") if isinstance(item, dict) else None
    if not name:
        return
    value = item.get("value") or {}
    used.setdefault(str(name), set()).update(str(v) for v in value.get("labels", []) + value.get("choices", []))


def _used_values(client: LabelStudioClient, project: int) -> dict[str, set[str]]:
    """Every control and label/choice value used by an annotation, prediction or draft."""
    used: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory(prefix="claimkit-init-") as folder:
        export = ExportFile(client.download_snapshot(project, Path(folder) / "export.json"))
        for task in export.tasks():
            for entry in [*task.get("annotations", []), *task.get("predictions", []), *task.get("drafts", [])]:
                for item in (entry.get("result") or []) if isinstance(entry, dict) else []:
                    _collect(used, item)
    return used


def _orphaned(client: LabelStudioClient, project: int, config: str, title: str) -> list[Issue]:
    """L020 for every used label, choice or control the new config drops, and the server's own refusal."""
    offered, issues = config_values(config), []
    for control, values in sorted(_used_values(client, project).items()):
        missing = sorted(values - offered.get(control, set())) if control in offered else ["<the whole control>"]
        if missing:
            message = f"{control}: {', '.join(missing)} still used"
            issues.append(codes.CONFIG_DROPS_USED_LABELS.issue(message, file=f"project {title!r}"))
    problem = client.server_config_problem(project, config)
    if problem:
        message = f"Label Studio refused the config: {problem}"
        issues.append(codes.CONFIG_DROPS_USED_LABELS.issue(message, file=f"project {title!r}"))
    return issues


def init_project(
    client: LabelStudioClient, title: str, config: str | None = None, documents: Iterable[DocumentFile] = ()
) -> tuple[int | None, str, Report]:
    """Create or update the project ``title``; refuse a config that orphans used labels (L020).

    ``config`` defaults to the one generated from the taxonomy (``schema/labelstudio-config.xml``).
    ``documents``: those about to be pushed; no project is created for them when they came from a
    project of this server that has another title (E109: renamed, or not the title meant).
    """
    config, instructions = config or labeling_config(), instructions_html()
    project = client.find_project(title)
    if project is None:
        refuse_title_mismatch(client, title, documents)
        return client.create_project(title, config, instructions), "created", Report()
    if client.project_config(project).strip() == config.strip():
        client.update_project(project, config=config, instructions=instructions)
        return project, "unchanged", Report()
    report = Report(_orphaned(client, project, config, title))
    if report.issues:
        return project, "refused", report
    client.update_project(project, config=config, instructions=instructions)
    return project, "updated", report


# -- push ----------------------------------------------------------------------------------------
@dataclass
class PushSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    predictions: int = 0


@dataclass
class _Push:
    """One push: the project, its config, how tasks are pre-filled, what was done."""

    client: LabelStudioClient
    project: int
    predictions: Predictions
    version: str
    config: str
    summary: PushSummary
    report: Report

    def new_task(self, file: DocumentFile, predicted: dict[str, Any] | None) -> dict[str, Any]:
        entry: dict[str, Any] = {"data": task_data(file.document)}
        if predicted is not None:
            entry["predictions"] = [predicted]
            self.summary.predictions += 1
        return entry

    def existing_task(self, task: TaskInfo, path: str, file: DocumentFile, predicted: dict[str, Any] | None) -> None:
        data = task_data(file.document)
        if task.data.get("text") != file.document.text and (task.annotations or task.draft):
            held = "is annotated" if task.annotations else "holds an annotator's unsubmitted draft"
            message = f"task {task.id} {held}; its text is kept (the offsets refer to it)"
            self.report.issues.append(
                codes.ANNOTATED_TASK_TEXT_CHANGED.issue(message, file=path, pointer="/document/text")
            )
            self.summary.refused += 1
            return
        note = {CHECK_FIELD: task.data[CHECK_FIELD]} if CHECK_FIELD in task.data else {}
        if task.data != {**data, **note}:  # the live-check note is not the document's: keep it
            self.client.update_task_data(task.id, {**data, **note})
            self.summary.updated += 1
        else:
            self.summary.unchanged += 1
        if predicted is not None and _replace_prediction(self.client, task.id, predicted):
            self.summary.predictions += 1

    def create(self, tasks: list[dict[str, Any]]) -> None:
        for start in range(0, len(tasks), _BATCH):
            self.summary.created += len(self.client.import_tasks(self.project, tasks[start : start + _BATCH]))


def push_documents(
    client: LabelStudioClient,
    project: int,
    files: list[tuple[str, DocumentFile]],
    predictions: Predictions = None,
    model_version: str | None = None,
) -> tuple[PushSummary, Report]:
    """Documents become tasks (matched by document id); optionally an annotation pre-fills each."""
    version = version_of(predictions, model_version)
    push = _Push(client, project, predictions, version, client.project_config(project), PushSummary(), Report())
    push.report.files_checked = len(files)
    existing = {str(t.data.get("doc_id")): t for t in client.tasks(project) if t.data.get("doc_id")}
    new_tasks: list[dict[str, Any]] = []
    for path, file in files:
        predicted, issues = prediction(file, predictions, push.config, path, version)
        push.report.extend(issues)
        task = existing.get(file.document.id)
        if task is None:
            new_tasks.append(push.new_task(file, predicted))
        else:
            push.existing_task(task, path, file, predicted)
    push.create(new_tasks)
    return push.summary, push.report


def _replace_prediction(client: LabelStudioClient, task: int, prediction: dict[str, Any]) -> bool:
    """Set the task's prediction of the same model (name before any ``@version``) to ``prediction``;
    False when it already was exactly that."""
    version, result = prediction["model_version"], prediction["result"]
    model = version.split("@", 1)[0]
    same = [(pid, ver, res) for pid, ver, res in client.predictions(task) if ver.split("@", 1)[0] == model]
    if len(same) == 1 and same[0][1:] == (version, result):
        return False
    for pid, _, _ in same:
        client.delete_prediction(pid)
    client.create_prediction(task, result, version, score=prediction.get("score"))
    return True


# -- pull and import -----------------------------------------------------------------------------
def pull_project(  # noqa: PLR0913 - keyword-only options of a pull or an import
    client: LabelStudioClient,
    project: int,
    corpus: Path,
    pseudonymize: Pseudonymizer,
    *,
    guideline_version: str = GUIDELINES_VERSION,
    include_drafts: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tuple[CorpusSummary, Report]:
    """Export the project, convert every task, validate, then move the changed files into ``corpus``."""
    identities = Identities(pseudonymize, server_id=client.url, emails=client.user_emails())
    options = TaskOptions(identities, guideline_version, client.url, include_drafts, client.draft)
    with tempfile.TemporaryDirectory(prefix="claimkit-pull-") as folder:
        export = ExportFile(client.download_snapshot(project, Path(folder) / "export.json"))
        return write_corpus(export.tasks, corpus, options, progress)


def import_exports(  # noqa: PLR0913 - keyword-only options of a pull or an import
    paths: list[str],
    corpus: Path,
    pseudonymize: Pseudonymizer,
    *,
    server_id: str | None = None,
    guideline_version: str = GUIDELINES_VERSION,
    include_drafts: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tuple[CorpusSummary, Report]:
    """Export files (full JSON, ``.json`` or ``.json.gz``) into ``corpus``, as a pull would convert them."""
    exports = open_exports(paths)

    def tasks() -> Iterable[Any]:
        return itertools.chain.from_iterable(export.tasks() for export in exports)

    site = server_id if server_id and server_id.startswith(("http://", "https://")) else None
    options = TaskOptions(Identities(pseudonymize, server_id=server_id), guideline_version, site, include_drafts)
    return write_corpus(tasks, corpus, options, progress)
