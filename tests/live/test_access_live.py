"""Who may pull, and where: a personal access token (the JWT refresh flow hosted and Enterprise
servers use) works and a revoked one is refused (E202); a read-only or unreadable corpus is a coded
error with exit 2, checked as an unprivileged user (as root, permissions would not apply)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from claimkit.labelstudio.client import LabelStudioClient
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.labelstudio.sync import init_project, push_documents
from claimkit.loading import load_file
from tests.labelstudio.scenario import SEED, Annotator, Http
from tests.labelstudio.unprivileged import claimkit_as_user, hand_over, workspace
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live
KEY = "7d1e3c5a9b2f4d6e8a0c1e3f5b7d9a2c4e6f8b0d1a3c5e7f9b2d4a6c8e0f1b3d"


@pytest.fixture
def annotated(label_studio: LiveServer, project_title: str) -> str:
    client = label_studio.client()
    project, _, _ = init_project(client, project_title)
    assert project is not None
    seed = load_file(SEED).file
    assert seed is not None and seed.gold is not None
    push_documents(client, project, [(str(SEED), seed)])
    client.create_annotation(next(client.tasks(project)).id, annotation_to_result(seed.gold), lead_time=5.0)
    return project_title


def _pull(server: LiveServer, title: str, token: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {"LABEL_STUDIO_URL": server.url, "LABEL_STUDIO_API_KEY": token, "CLAIMKIT_PSEUDONYM_KEY": KEY}
    return claimkit_as_user(
        "ls", "pull", "--project", title, "--out", "corpus", "--format", "json", cwd=folder, env=env
    )


def test_a_personal_access_token_pulls_and_a_revoked_one_is_refused(label_studio: LiveServer, annotated: str) -> None:
    http = Http(label_studio.url, label_studio.api_key)
    lead = Annotator(label_studio.url, http.call("GET", "/api/invite")["invite_url"], "lead.pat@example.org")
    token = lead.call("POST", "/api/token/")["token"]  # Account & Settings > Personal Access Token
    assert LabelStudioClient(label_studio.url, token).whoami() == "lead.pat@example.org"
    with workspace() as folder:
        hand_over(folder)
        done = _pull(label_studio, annotated, token, folder)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["summary"]["written"] == [f"corpus/{SEED.name}"]
        lead.call("POST", "/api/token/blacklist/", json={"refresh": token})  # revoked
        refused = _pull(label_studio, annotated, token, folder)
        assert refused.returncode == 1
        assert [i["code"] for i in json.loads(refused.stdout)["issues"]] == ["E202"]


@pytest.mark.parametrize(("mode", "code"), [(0o555, "E212"), (0o300, "E213")], ids=["read-only", "unreadable"])
def test_a_corpus_claimkit_may_not_use_is_a_coded_error(
    label_studio: LiveServer, annotated: str, mode: int, code: str
) -> None:
    with workspace() as folder:
        corpus = folder / "corpus"
        corpus.mkdir()
        shutil.copy(SEED, corpus / SEED.name)
        hand_over(folder)
        corpus.chmod(mode)
        done = _pull(label_studio, annotated, label_studio.api_key, folder)
        assert done.returncode == 2, done.stderr
        assert [i["code"] for i in json.loads(done.stdout)["issues"]] == [code]
        assert "internal error" not in done.stderr
        corpus.chmod(0o700)
        assert sorted(p.name for p in corpus.iterdir()) == [SEED.name]
        assert (corpus / SEED.name).read_bytes() == SEED.read_bytes()
