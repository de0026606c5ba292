"""An export made before an annotation, against a real server: the annotation is kept (L055), not
removed as a deletion (L046). It rests on one fact of the server, checked here first: Label Studio
moves a task's ``updated_at`` when one of its annotations is made, deleted one by one, or deleted
with the Data Manager's "Delete annotations" action; so an export whose task last changed before an
annotation was saved cannot know that annotation (a server restored from a backup, an old export
imported), while an export made after a deletion always can tell."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from claimkit.labelstudio.convert import annotation_to_result
from claimkit.labelstudio.sync import import_exports, init_project, pull_project, push_documents
from claimkit.loading import load_file
from claimkit.model import DocumentFile
from claimkit.pseudonym import Pseudonymizer
from tests.conftest import ROOT
from tests.labelstudio.scenario import Http, ui_ids
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live
SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
REMOVAL = {"L046", "L054", "L055"}


def _file(path: Path) -> DocumentFile:
    file = load_file(path).file
    assert file is not None
    return file


def _removals(report: Any) -> set[tuple[str, str]]:
    return {(i.code, i.location.pointer) for i in report.issues if i.code in REMOVAL}


def _task_changed(http: Http, project: int, task: int) -> str:
    """The task's ``updated_at`` as the project's export gives it."""
    tasks = json.loads(http.raw(f"/api/projects/{project}/export?exportType=JSON&download_all_tasks=true"))
    return str(next(t["updated_at"] for t in tasks if t["id"] == task))


def _annotation_ids(path: Path) -> list[int | None]:
    return [a.origin.annotation if a.origin else None for a in _file(path).annotations]


def test_an_export_older_than_an_annotation_keeps_it_and_a_deletion_removes_it(
    label_studio: LiveServer, project_title: str, tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    seed = _file(SEED)
    assert seed.gold is not None
    client, http = label_studio.client(), Http(label_studio.url, label_studio.api_key)
    project, _, _ = init_project(client, project_title)
    assert project is not None
    push_documents(client, project, [(str(SEED), seed.model_copy(update={"gold": None}))])
    task = next(client.tasks(project)).id
    result = annotation_to_result(seed.gold)
    first = client.create_annotation(
        task, ui_ids(result, 1), completed_by=client.create_user("r.one@example.org", "pw-0123456789")
    )
    backup = tmp_path / "backup.json"  # the project as a backup made now holds it
    backup.write_bytes(http.raw(f"/api/projects/{project}/export?exportType=JSON"))
    before = _task_changed(http, project, task)
    time.sleep(0.01)
    second = client.create_annotation(
        task, ui_ids(result, 2), completed_by=client.create_user("r.two@example.org", "pw-0123456789")
    )
    assert _task_changed(http, project, task) > before  # the server's fact: making one moves the task

    corpus = tmp_path / "annotations"
    path = corpus / SEED.name
    pull_project(client, project, corpus, pseudonymize)
    assert _annotation_ids(path) == [first, second]

    # the backup's export (the server restored from it, or the file imported): the later work stays
    for _ in range(2):  # and every import says so
        _, report = import_exports([str(backup)], corpus, pseudonymize, server_id=label_studio.url)
        assert _removals(report) == {("L055", "/annotations/1")}
        assert _annotation_ids(path) == [first, second]

    # deleted in Label Studio: the task moves, and the pull removes it (said once)
    changed = _task_changed(http, project, task)
    http.call("DELETE", f"/api/annotations/{second}/")
    assert _task_changed(http, project, task) > changed
    _, report = pull_project(client, project, corpus, pseudonymize)
    assert _removals(report) == {("L046", "")}
    assert _annotation_ids(path) == [first]

    # the Data Manager's "Delete annotations" moves the task too: removed, not kept as predated
    changed = _task_changed(http, project, task)
    selected = {"selectedItems": {"all": False, "included": [task]}}
    http.call("POST", f"/api/dm/actions?id=delete_tasks_annotations&project={project}", json=selected)
    assert _task_changed(http, project, task) > changed
    _, report = pull_project(client, project, corpus, pseudonymize)
    assert _removals(report) == {("L046", "")}
    assert _annotation_ids(path) == []
