"""Task files for a team that uploads through the UI: ``tasks.json`` and ``labeling-config.xml``.

``tasks.json`` is what the UI's Import button takes: a list of tasks, each with the document's
``data`` (text, ``doc_id``, metadata for pull) and optionally a prediction that pre-fills it.
``labeling-config.xml`` is the generated labeling config, pasted into the project's Labeling
Setup (Code view). Pulling or importing the annotated project gives back the same documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimkit.errors import TARGET_NOT_WRITABLE, ConfigError
from claimkit.issues import Report
from claimkit.labelstudio.config import labeling_config
from claimkit.labelstudio.convert import task_data
from claimkit.labelstudio.predictions import Predictions, prediction, version_of
from claimkit.model import DocumentFile
from claimkit.storage import atomic_write_text, dump_json

__all__ = ["CONFIG_FILE", "TASKS_FILE", "TaskFileSummary", "write_task_files"]

TASKS_FILE = "tasks.json"
CONFIG_FILE = "labeling-config.xml"


@dataclass
class TaskFileSummary:
    tasks: int = 0
    predictions: int = 0
    written: list[str] = field(default_factory=list)


def _task(file: DocumentFile, which: Predictions, config: str, where: str, report: Report) -> dict[str, Any]:
    task: dict[str, Any] = {"data": task_data(file.document)}
    predicted, issues = prediction(file, which, config, where, version_of(which))
    report.extend(issues)
    if predicted is not None:
        task["predictions"] = [predicted]
    return task


def _folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise ConfigError(TARGET_NOT_WRITABLE, f"cannot write to {out}: it is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(TARGET_NOT_WRITABLE, f"cannot write to {out}: {error.strerror or error}") from None
    return out


def write_task_files(
    files: Sequence[tuple[str, DocumentFile]], out: Path, which: Predictions = None
) -> tuple[TaskFileSummary, Report]:
    """Write ``tasks.json`` and ``labeling-config.xml`` into ``out`` (each atomically)."""
    config, report = labeling_config(), Report(files_checked=len(files))
    tasks = [_task(file, which, config, where, report) for where, file in files]
    folder = _folder(out)
    summary = TaskFileSummary(len(tasks), sum(1 for task in tasks if "predictions" in task))
    for name, text in ((TASKS_FILE, dump_json(tasks)), (CONFIG_FILE, config)):
        try:
            atomic_write_text(folder / name, text)
        except OSError as error:
            raise ConfigError(TARGET_NOT_WRITABLE, f"cannot write {folder / name}: {error.strerror or error}") from None
        summary.written.append(str(folder / name))
    return summary, report.sorted()
