"""``claimkit ls init|push|pull``: the round trip between the corpus folder and a Label Studio project.

Pull is all or nothing for the corpus: converted files go to a hidden staging folder inside the
corpus and are moved into place only once the whole export was read, so an interrupted pull
leaves ``annotations/`` exactly as it was, and the next pull completes it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ijson

from claimkit.errors import MISSING_API_KEY, MISSING_SERVER_URL, ConfigError
from claimkit.issues import Issue, Report
from claimkit.labelstudio import codes
from claimkit.labelstudio.client import LabelStudioClient, config_values, prediction_problems
from claimkit.labelstudio.config import CHECK_FIELD, instructions_html, labeling_config
from claimkit.labelstudio.convert import annotation_to_result, task_data
from claimkit.labelstudio.tasks import blocking, task_to_document_file
from claimkit.loading import load_file
from claimkit.model import Annotation, DocumentFile
from claimkit.pseudonym import Pseudonymizer
from claimkit.storage import atomic_write_text, document_json
from claimkit.taxonomy import GUIDELINES_VERSION
from claimkit.validate import check_document

__all__ = ["PullSummary", "PushSummary", "connect", "init_project", "pull_project", "push_documents"]

STAGING_PREFIX = ".pull-staging-"
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
def _used_values(client: LabelStudioClient, project: int) -> dict[str, set[str]]:
    """Every control and label/choice value used by an annotation, prediction or draft."""
    used: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory(prefix="claimkit-init-") as folder:
        path = client.download_snapshot(project, Path(folder) / "export.json")
        for task in _stream_tasks(path):
            for entry in [*task.get("annotations", []), *task.get("predictions", []), *task.get("drafts", [])]:
                for item in entry.get("result") or [] if isinstance(entry, dict) else []:
                    _collect(used, item)
    return used


def _collect(used: dict[str, set[str]], item: dict[str, Any]) -> None:
    name = item.get("from_name")
    if not name:
        return
    value = item.get("value") or {}
    used.setdefault(str(name), set()).update(str(v) for v in value.get("labels", []) + value.get("choices", []))


def init_project(client: LabelStudioClient, title: str, config: str | None = None) -> tuple[int | None, str, Report]:
    """Create or update the project ``title``; refuse a config that orphans used labels (L020).

    ``config`` defaults to the one generated from the taxonomy (``schema/labelstudio-config.xml``).
    """
    config, instructions = config or labeling_config(), instructions_html()
    project = client.find_project(title)
    if project is None:
        return client.create_project(title, config, instructions), "created", Report()
    if client.project_config(project).strip() == config.strip():
        client.update_project(project, config=config, instructions=instructions)
        return project, "unchanged", Report()
    offered = config_values(config)
    report = Report()
    for control, values in sorted(_used_values(client, project).items()):
        missing = sorted(values - offered.get(control, set())) if control in offered else ["<the whole control>"]
        if missing:
            report.issues.append(
                codes.CONFIG_DROPS_USED_LABELS.issue(
                    f"{control}: {', '.join(missing)} still used", file=f"project {title!r}"
                )
            )
    problem = client.server_config_problem(project, config)
    if problem:
        report.issues.append(
            codes.CONFIG_DROPS_USED_LABELS.issue(
                f"Label Studio refused the config: {problem}", file=f"project {title!r}"
            )
        )
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


#: What pre-fills a task: ``"gold"``, ``"preannotate"`` (the stored proposal of claimkit-preannotate),
#: an annotator's pseudonym, or an annotation per document id.
Predictions = str | dict[str, Annotation] | None
PREANNOTATE = "preannotate"


def _prediction_source(file: DocumentFile, which: Predictions, where: str) -> tuple[Annotation | None, list[Issue]]:
    if which is None:
        return None, []
    if isinstance(which, dict):
        return which.get(file.document.id), []
    if which == "gold":
        return file.gold, []
    if which == PREANNOTATE:
        from claimkit.preannotate.apply import proposal_of
        from claimkit.preannotate.codes import NO_PROPOSAL

        proposal = proposal_of(file)
        return proposal, [] if proposal else [NO_PROPOSAL.issue("no proposal to push", file=where)]
    return next((a for a in file.annotations if a.annotator == which), None), []


def _prediction(
    file: DocumentFile, which: Predictions, config: str, where: str, version: str = "claimkit"
) -> tuple[dict[str, Any] | None, list[Issue]]:
    """The prediction of a task: ``result``, ``model_version`` and, for machine proposals, ``score``."""
    annotation, issues = _prediction_source(file, which, where)
    if annotation is None:
        return None, issues
    result = annotation_to_result(annotation)
    problems = prediction_problems(config, result)
    if problems:
        return None, [codes.INVALID_PREDICTION.issue("; ".join(problems[:3]), file=where)]
    generator = annotation.generator
    if generator is None:
        return {"model_version": version, "result": result}, []
    return {"model_version": f"{generator.name}@{generator.version}", "score": generator.score, "result": result}, []


def push_documents(
    client: LabelStudioClient,
    project: int,
    files: list[tuple[str, DocumentFile]],
    predictions: Predictions = None,
    model_version: str | None = None,
) -> tuple[PushSummary, Report]:
    """Documents become tasks (matched by document id); optionally an annotation pre-fills each."""
    summary, report = PushSummary(), Report(files_checked=len(files))
    config = client.project_config(project)
    version = model_version or (f"claimkit:{predictions}" if isinstance(predictions, str) else "claimkit")
    existing = {str(t.data.get("doc_id")): t for t in client.tasks(project) if t.data.get("doc_id")}
    new_tasks: list[dict[str, Any]] = []
    for path, file in files:
        prediction, issues = _prediction(file, predictions, config, path, version)
        report.extend(issues)
        task = existing.get(file.document.id)
        data = task_data(file.document)
        if task is None:
            entry: dict[str, Any] = {"data": data}
            if prediction is not None:
                entry["predictions"] = [prediction]
                summary.predictions += 1
            new_tasks.append(entry)
            continue
        if task.data.get("text") != file.document.text and task.annotations:
            report.issues.append(
                codes.ANNOTATED_TASK_TEXT_CHANGED.issue(
                    f"task {task.id} is annotated; its text is kept", file=path, pointer="/document/text"
                )
            )
            summary.refused += 1
            continue
        note = {CHECK_FIELD: task.data[CHECK_FIELD]} if CHECK_FIELD in task.data else {}
        if task.data != {**data, **note}:  # the live-check note is not the document's: keep it
            client.update_task_data(task.id, {**data, **note})
            summary.updated += 1
        else:
            summary.unchanged += 1
        if prediction is not None and _replace_prediction(client, task.id, prediction):
            summary.predictions += 1
    for start in range(0, len(new_tasks), _BATCH):
        summary.created += len(client.import_tasks(project, new_tasks[start : start + _BATCH]))
    return summary, report


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


# -- pull ----------------------------------------------------------------------------------------
@dataclass
class PullSummary:
    tasks: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    blocked: int = 0


def _stream_tasks(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        yield from ijson.items(handle, "item", use_float=True)


def _identify(emails: dict[int, str], pseudonymize: Pseudonymizer) -> Callable[[Any], str]:
    def identify(completed_by: Any) -> str:
        if isinstance(completed_by, dict):
            email = completed_by.get("email") or emails.get(int(completed_by.get("id", 0)))
        else:
            email = emails.get(int(completed_by)) if isinstance(completed_by, int) else None
        return pseudonymize(email or f"label-studio-user:{completed_by}")

    return identify


def _clear_stale_staging(corpus: Path) -> None:
    for stale in corpus.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)


def pull_project(
    client: LabelStudioClient,
    project: int,
    corpus: Path,
    pseudonymize: Pseudonymizer,
    *,
    guideline_version: str = GUIDELINES_VERSION,
    progress: Callable[[int], None] | None = None,
) -> tuple[PullSummary, Report]:
    """Export the project, convert every task, validate, then move the changed files into ``corpus``."""
    corpus.mkdir(parents=True, exist_ok=True)
    _clear_stale_staging(corpus)
    summary, report = PullSummary(), Report()
    identify = _identify(client.user_emails(), pseudonymize)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=corpus))
    try:
        with tempfile.TemporaryDirectory(prefix="claimkit-pull-") as folder:
            export = client.download_snapshot(project, Path(folder) / "export.json")
            for task in _stream_tasks(export):
                summary.tasks += 1
                _pull_task(task, corpus, staging, identify, guideline_version, summary, report)
                if progress is not None:
                    progress(summary.tasks)
        for staged in sorted(staging.iterdir()):
            os.replace(staged, corpus / staged.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.files_checked = summary.tasks
    return summary, report.sorted()


def _pull_task(
    task: dict[str, Any],
    corpus: Path,
    staging: Path,
    identify: Callable[[Any], str],
    version: str,
    summary: PullSummary,
    report: Report,
) -> None:
    doc_id = str((task.get("data") or {}).get("doc_id") or "")
    target = corpus / f"{doc_id}.json"
    existing = None
    if doc_id and target.exists():
        loaded = load_file(target)
        if loaded.file is None:
            report.extend(loaded.issues)
            summary.blocked += 1
            return
        existing = loaded.file
    file, issues = task_to_document_file(task, existing, identify, version)
    report.extend(issues)
    if file is None or blocking(issues):
        summary.blocked += 1
        return
    report.extend(check_document(file, str(target)))
    text = document_json(file)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        summary.unchanged += 1
        return
    atomic_write_text(staging / target.name, text)
    summary.written.append(str(target))
