"""A project renamed in Label Studio, against the real server: ``ls push`` and ``ls pull`` by the old
title are refused (E109) instead of creating a second, empty project or pulling nothing; the new
title works, and ``ls init`` still creates a project of that title on purpose."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimkit.labelstudio.convert import annotation_to_result
from claimkit.loading import load_file
from claimkit.model import Origin
from claimkit.storage import document_json
from tests.conftest import ROOT
from tests.labelstudio.scenario import Http, ui_ids
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live

SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
KEY = "5f0c1b7e9a2d4c6e8f1a3b5d7c9e0f2a4b6d8c0e1f3a5b7d9c2e4f6a8b0d1c3e\n"


def _claimkit(env: dict[str, str], *args: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "claimkit", *args, "--format", "json"], capture_output=True, text=True, env=env
    )
    assert "Traceback" not in done.stderr
    return done.returncode, json.loads(done.stdout)


def _codes(outcome: tuple[int, dict[str, Any]]) -> tuple[int, list[str]]:
    return outcome[0], [issue["code"] for issue in outcome[1]["issues"]]


def _annotated_corpus(label_studio: LiveServer, title: str, tmp_path: Path) -> tuple[Path, Path, dict[str, str], int]:
    """The seed pushed to ``title``, annotated there, and pulled: its file names the project and task."""
    corpus, key = tmp_path / "annotations", tmp_path / "pseudonym.key"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    key.write_text(KEY, encoding="utf-8")
    env = {**os.environ, "LABEL_STUDIO_URL": label_studio.url, "LABEL_STUDIO_API_KEY": label_studio.api_key}
    assert _codes(_claimkit(env, "ls", "push", str(corpus), "--project", title)) == (0, [])
    client = label_studio.client()
    project = client.find_project(title)
    assert project is not None
    seed = load_file(SEED).file
    assert seed is not None and seed.gold is not None
    client.create_annotation(next(client.tasks(project)).id, ui_ids(annotation_to_result(seed.gold), 7))
    pull = ["ls", "pull", "--out", str(corpus), "--project", title, "--key-file", str(key)]
    assert _codes(_claimkit(env, *pull)) == (0, [])
    pulled = load_file(corpus / SEED.name).file
    assert pulled is not None and [a.origin.project for a in pulled.annotations if a.origin] == [project]
    return corpus, key, env, project


def test_a_renamed_project_is_not_forked_by_push_nor_lost_by_pull(
    label_studio: LiveServer, project_title: str, tmp_path: Path
) -> None:
    corpus, key, env, project = _annotated_corpus(label_studio, project_title, tmp_path)
    renamed = f"renamed {project}"  # Label Studio takes titles of up to 50 characters
    Http(label_studio.url, label_studio.api_key).call("PATCH", f"/api/projects/{project}/", json={"title": renamed})
    before = (corpus / SEED.name).read_bytes()
    client = label_studio.client()

    pushed = _claimkit(env, "ls", "push", str(corpus), "--project", project_title)
    pulled = _claimkit(env, "ls", "pull", "--out", str(corpus), "--project", project_title, "--key-file", str(key))
    assert _codes(pushed) == (2, ["E109"]) and _codes(pulled) == (2, ["E109"])
    assert client.find_project(project_title) is None  # no second, empty project
    assert renamed in pushed[1]["issues"][0]["message"]
    assert (corpus / SEED.name).read_bytes() == before

    assert _codes(_claimkit(env, "ls", "push", str(corpus), "--project", renamed)) == (0, [])
    assert client.find_project(renamed) == project
    # a project of the old title made on purpose, then pushed to: allowed
    assert _claimkit(env, "ls", "init", "--project", project_title)[0] == 0
    second = _claimkit(env, "ls", "push", str(corpus), "--project", project_title)
    assert _codes(second) == (0, []) and second[1]["summary"]["created"] == 1


def test_documents_of_another_server_do_not_stop_a_new_project(
    label_studio: LiveServer, project_title: str, tmp_path: Path
) -> None:
    """Origins name small integers: a file pulled elsewhere names ids this server gives other tasks."""
    corpus, _, env, project = _annotated_corpus(label_studio, project_title, tmp_path)
    path = corpus / SEED.name
    file = load_file(path).file
    assert file is not None
    elsewhere = [
        a.model_copy(update={"origin": Origin(project=project + 1000, task=a.origin.task)})
        for a in file.annotations
        if a.origin
    ]
    moved = tmp_path / "moved"
    moved.mkdir()
    (moved / SEED.name).write_text(document_json(file.model_copy(update={"annotations": elsewhere})), encoding="utf-8")
    fresh = f"second {project}"
    outcome = _claimkit(env, "ls", "push", str(moved), "--project", fresh)
    assert _codes(outcome) == (0, []) and outcome[1]["summary"]["created"] == 1
