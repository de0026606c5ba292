"""``claimkit ls export`` output through the UI's Import: a project made from labeling-config.xml
takes tasks.json through the import endpoint the Import button posts to (a file upload); the
reviewer accepts each pre-filled prediction; the pull gives back the same documents and gold."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimkit.labelstudio.sync import pull_project
from claimkit.loading import load_file
from claimkit.pseudonym import Pseudonymizer
from tests.labelstudio.scenario import CHAIN, EMOJI, SEED, Http
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live
CONTENT = {"sources", "cues", "claims", "comment"}


def test_exported_task_files_round_trip_through_the_ui_import(
    label_studio: LiveServer, project_title: str, tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for path in (SEED, EMOJI, CHAIN):
        shutil.copy(path, source / path.name)
    command = [sys.executable, "-m", "claimkit", "ls", "export", str(source), "--out", str(tmp_path / "files")]
    done = subprocess.run([*command, "--predictions", "gold"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    http = Http(label_studio.url, label_studio.api_key)
    config = (tmp_path / "files" / "labeling-config.xml").read_text(encoding="utf-8")
    project = http.call("POST", "/api/projects", json={"title": project_title, "label_config": config})["id"]
    upload = {"file": ("tasks.json", (tmp_path / "files" / "tasks.json").read_bytes(), "application/json")}
    imported = http.call("POST", f"/api/projects/{project}/import", files=upload)
    assert imported["task_count"] == 3
    tasks = http.call("GET", "/api/tasks", params={"project": project, "page_size": 10})["tasks"]
    for task in tasks:  # the reviewer submits each prediction unchanged, starred as ground truth
        [prediction] = http.call("GET", "/api/predictions/", params={"task": task["id"]})
        body = {"result": prediction["result"], "ground_truth": True, "lead_time": 20.0}
        http.call("POST", f"/api/tasks/{task['id']}/annotations/", json=body)

    summary, report = pull_project(label_studio.client(), project, tmp_path / "corpus", pseudonymize)
    assert (len(summary.written), summary.blocked) == (3, 0), report.issues
    for path in (SEED, EMOJI, CHAIN):
        back, original = load_file(tmp_path / "corpus" / path.name).file, load_file(path).file
        assert back is not None and original is not None and back.gold is not None and original.gold is not None
        assert back.document == original.document
        assert back.gold.model_dump(include=CONTENT) == original.gold.model_dump(include=CONTENT)
    assert json.loads((tmp_path / "files" / "tasks.json").read_text(encoding="utf-8"))[0]["data"]["doc_id"]
