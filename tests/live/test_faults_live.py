"""Connection faults against the real server (through a fault-injecting proxy where the fault is
the network's): server down, refused key, 5xx, timeouts, a download cut half way, a user interrupt.
In every failed pull the corpus is left byte for byte as it was, and a rerun completes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimkit.errors import ConnectionFailed
from claimkit.labelstudio.client import LabelStudioClient
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.labelstudio.sync import init_project, pull_project, push_documents
from claimkit.loading import load_file
from claimkit.pseudonym import Pseudonymizer
from tests.conftest import ROOT
from tests.errors import raises_code
from tests.live.conftest import LiveServer
from tests.live.faults import FaultyProxy

pytestmark = pytest.mark.live
SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
KEY = "5f0c1b7e9a2d4c6e8f1a3b5d7c9e0f2a4b6d8c0e1f3a5b7d9c2e4f6a8b0d1c3e"  # a test key of 256 bits


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()} | {
        str(p.relative_to(folder)) + "/": b"" for p in folder.rglob("*") if p.is_dir()
    }


@pytest.fixture
def annotated_project(label_studio: LiveServer, project_title: str, tmp_path: Path) -> tuple[int, Path]:
    """A project whose one task has an annotation, and a corpus that does not have it yet."""
    client = label_studio.client()
    project, _, _ = init_project(client, project_title)
    assert project is not None
    corpus = tmp_path / "annotations"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    file = load_file(SEED).file
    assert file is not None and file.gold is not None
    push_documents(client, project, [(str(SEED), file)])
    task = next(client.tasks(project))
    client.create_annotation(task.id, annotation_to_result(file.gold), lead_time=12.0)
    return project, corpus


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    claimkit = Path(sys.executable).parent / "claimkit"
    return subprocess.run([str(claimkit), *args], capture_output=True, text=True, env={**os.environ, **env})


def test_server_down_is_a_clear_error(tmp_path: Path) -> None:
    closed = "http://127.0.0.1:9"  # discard port: nothing listens
    result = _cli(
        "ls",
        "pull",
        "--out",
        str(tmp_path),
        "--url",
        closed,
        "--api-key",
        "k" * 40,
        env={"CLAIMKIT_PSEUDONYM_KEY": KEY},
    )
    assert result.returncode == 1
    assert "cannot reach Label Studio at http://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_refused_key_is_reported_without_the_key(label_studio: LiveServer, tmp_path: Path) -> None:
    secret = "f" * 40
    result = _cli(
        "ls",
        "pull",
        "--out",
        str(tmp_path),
        "--url",
        label_studio.url,
        "--api-key",
        secret,
        env={"CLAIMKIT_PSEUDONYM_KEY": KEY},
    )
    assert result.returncode == 1
    assert "refused the API key (401)" in result.stderr
    assert secret not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_5xx_answers_are_retried(
    label_studio: LiveServer, annotated_project: tuple[int, Path], pseudonymize: Pseudonymizer
) -> None:
    project, corpus = annotated_project
    with FaultyProxy(label_studio.url) as proxy:
        client = LabelStudioClient(proxy.url, label_studio.api_key, retries=3, backoff=0.05)
        proxy.faults.unavailable = 2
        summary, _ = pull_project(client, project, corpus, pseudonymize)
    assert summary.written == [str(corpus / SEED.name)]
    assert proxy.faults.unavailable == 0
    assert len(proxy.faults.seen) > 2


def test_persistent_5xx_gives_up_and_leaves_the_corpus(
    label_studio: LiveServer, annotated_project: tuple[int, Path], pseudonymize: Pseudonymizer
) -> None:
    project, corpus = annotated_project
    before = _snapshot(corpus)
    with FaultyProxy(label_studio.url) as proxy:
        client = LabelStudioClient(proxy.url, label_studio.api_key, retries=2, backoff=0.05)
        proxy.faults.unavailable = 100
        with raises_code("E201", ConnectionFailed):
            pull_project(client, project, corpus, pseudonymize)
    assert proxy.faults.unavailable == 97
    assert _snapshot(corpus) == before


def test_timeouts_are_bounded(
    label_studio: LiveServer, annotated_project: tuple[int, Path], pseudonymize: Pseudonymizer
) -> None:
    project, corpus = annotated_project
    before = _snapshot(corpus)
    with FaultyProxy(label_studio.url) as proxy:
        proxy.faults.slow, proxy.faults.delay = 10, 2.0
        client = LabelStudioClient(proxy.url, label_studio.api_key, timeout=0.5, retries=1, backoff=0.05)
        with raises_code("E201", ConnectionFailed):
            pull_project(client, project, corpus, pseudonymize)
        proxy.faults.slow = 0
    assert _snapshot(corpus) == before


def test_download_cut_half_way_is_retried(
    label_studio: LiveServer, annotated_project: tuple[int, Path], pseudonymize: Pseudonymizer
) -> None:
    project, corpus = annotated_project
    with FaultyProxy(label_studio.url) as proxy:
        proxy.faults.cut_download = 1
        client = LabelStudioClient(proxy.url, label_studio.api_key, retries=2, backoff=0.05)
        summary, _ = pull_project(client, project, corpus, pseudonymize)
    assert proxy.faults.cut_download == 0
    assert summary.written == [str(corpus / SEED.name)]


def test_pull_cut_for_good_leaves_the_corpus_and_a_rerun_completes(
    label_studio: LiveServer, annotated_project: tuple[int, Path], pseudonymize: Pseudonymizer
) -> None:
    project, corpus = annotated_project
    before = _snapshot(corpus)
    with FaultyProxy(label_studio.url) as proxy:
        proxy.faults.cut_download = 10
        client = LabelStudioClient(proxy.url, label_studio.api_key, retries=1, backoff=0.05)
        with raises_code("E201", ConnectionFailed):
            pull_project(client, project, corpus, pseudonymize)
    assert _snapshot(corpus) == before
    summary, _ = pull_project(label_studio.client(), project, corpus, pseudonymize)
    assert summary.written == [str(corpus / SEED.name)]


def test_pull_interrupted_half_way_leaves_the_corpus_and_a_rerun_completes(
    label_studio: LiveServer, annotated_project: tuple[int, Path], pseudonymize: Pseudonymizer
) -> None:
    project, corpus = annotated_project
    client = label_studio.client()
    second = load_file(ROOT / "tests" / "cases" / "R005" / "valid" / "r005-chain.json").file
    assert second is not None
    push_documents(client, project, [("second", second)])
    task = next(t for t in client.tasks(project) if t.data["doc_id"] == "r005-chain")
    assert second.gold is not None
    client.create_annotation(task.id, annotation_to_result(second.gold))
    before = _snapshot(corpus)

    def interrupt(done: int) -> None:
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pull_project(client, project, corpus, pseudonymize, progress=interrupt)
    assert _snapshot(corpus) == before
    summary, _ = pull_project(client, project, corpus, pseudonymize)
    assert sorted(Path(p).name for p in summary.written) == ["000_f22616ff3d8ce778.json", "r005-chain.json"]
