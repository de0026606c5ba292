"""``claimkit ls init|push|pull --format json`` print exactly one JSON document, against the real server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live

SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"


def _workspace(label_studio: LiveServer, tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A corpus holding the seed, a pseudonym key file, and the environment that names the server."""
    corpus = tmp_path / "annotations"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    key = tmp_path / "pseudonym.key"
    key.write_text("5f0c1b7e9a2d4c6e8f1a3b5d7c9e0f2a4b6d8c0e1f3a5b7d9c2e4f6a8b0d1c3e\n", encoding="utf-8")
    return (
        corpus,
        key,
        {**os.environ, "LABEL_STUDIO_URL": label_studio.url, "LABEL_STUDIO_API_KEY": label_studio.api_key},
    )


def test_ls_commands_print_one_json_document(label_studio: LiveServer, project_title: str, tmp_path: Path) -> None:
    corpus, key, env = _workspace(label_studio, tmp_path)
    runs = [
        ["ls", "init", "--project", project_title],
        ["ls", "push", str(corpus), "--project", project_title, "--predictions", "gold"],
        ["ls", "pull", "--out", str(corpus), "--project", project_title, "--key-file", str(key)],
        ["ls", "pull", "--out", str(tmp_path / "empty"), "--project", "no such project", "--key-file", str(key)],
    ]
    documents = []
    for args in runs:
        done = subprocess.run(
            [sys.executable, "-m", "claimkit", *args, "--format", "json"], capture_output=True, text=True, env=env
        )
        assert "Traceback" not in done.stderr
        documents.append((done.returncode, json.loads(done.stdout)))
    assert [code for code, _ in documents] == [0, 0, 0, 2]
    assert documents[1][1]["summary"]["created"] == 1
    assert [issue["code"] for issue in documents[3][1]["issues"]] == ["E107"]


def test_a_title_two_projects_share_is_refused(label_studio: LiveServer, project_title: str, tmp_path: Path) -> None:
    """Label Studio allows it (a duplicated project): pull would take one at random, push fork the team."""
    from tests.labelstudio.scenario import Http

    http = Http(label_studio.url, label_studio.api_key)
    ids = [http.call("POST", "/api/projects", json={"title": project_title})["id"] for _ in range(2)]
    corpus, key, env = _workspace(label_studio, tmp_path)
    for args in (
        ["ls", "push", str(corpus), "--project", project_title],
        ["ls", "pull", "--out", str(corpus), "--project", project_title, "--key-file", str(key)],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "claimkit", *args, "--format", "json"], capture_output=True, text=True, env=env
        )
        assert (done.returncode, [i["code"] for i in json.loads(done.stdout)["issues"]]) == (2, ["E108"])
    assert [http.call("GET", "/api/tasks", params={"project": p})["total"] for p in ids] == [0, 0]
    assert sorted(p.name for p in corpus.iterdir()) == [SEED.name]
