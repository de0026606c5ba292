"""``claimkit ls watch`` against the live server: webhooks in, notes out, loopback only.

The results are the ones the labeling UI made (tests/labelstudio/cases/watch/), created, updated and
deleted through the API as another annotator's would be: Label Studio sends the same webhooks.
"""

from __future__ import annotations

import ast
import ipaddress
import json
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from claimkit.errors import ConnectionFailed
from claimkit.labelstudio.client import LabelStudioClient
from claimkit.labelstudio.config import CHECK_FIELD
from claimkit.labelstudio.sync import init_project, push_documents
from claimkit.labelstudio.watch import PATH, Watcher, registered, serve
from claimkit.loading import load_file
from claimkit.model import DocumentFile
from tests.conftest import ROOT
from tests.errors import raises_code
from tests.live.browser.conftest import watching
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live

CASES = ROOT / "tests" / "labelstudio" / "cases" / "watch"
SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"


def _result(name: str) -> list[dict[str, Any]]:
    recorded: dict[str, Any] = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    result: list[dict[str, Any]] = recorded["annotations"][0]["result"]
    return result


class _Seeded(NamedTuple):
    client: LabelStudioClient
    project: int
    task: int
    person: int
    seed: DocumentFile


def _seeded(label_studio: LiveServer, title: str, annotator: str) -> _Seeded:
    """A project with the seed article as its one task, and an annotator who is not the admin."""
    client = label_studio.client()
    project, _, _ = init_project(client, title)
    assert project is not None
    seed = load_file(SEED).file
    assert seed is not None
    push_documents(client, project, [("seed", seed)])
    task = next(client.tasks(project)).id
    return _Seeded(client, project, task, client.create_user(annotator, "pw-0123456789"), seed)


def test_notes_follow_annotations_as_they_are_created_fixed_and_deleted(
    label_studio: LiveServer, project_title: str
) -> None:
    client, project, task, person, seed = _seeded(label_studio, project_title, "watched.annotator@example.org")
    with watching(label_studio, project_title) as watch:
        created = client.create_annotation(task, _result("official-claim-without-source"), completed_by=person)
        note = client.task_data(task).get(CHECK_FIELD, "")  # written before Label Studio answered
        assert "C001" in note and f"#{created} watched.annotator@example.org" in note
        again, _ = push_documents(client, project, [("seed", seed)])
        assert again.unchanged == 1 and client.task_data(task)[CHECK_FIELD] == note  # push keeps the note
        client._sdk.annotations.update(created, result=_result("official-claim-with-source-and-cue"))
        assert CHECK_FIELD not in client.task_data(task)  # fixed: the note is gone
        second = client.create_annotation(task, _result("official-claim-without-source"), completed_by=person)
        assert f"#{second}" in client.task_data(task)[CHECK_FIELD]
        client._sdk.annotations.delete(second)
        watch.wait_for(f"task {task}: 1 annotations, 0 problems, note updated")
        assert CHECK_FIELD not in client.task_data(task)
        address = re.search(r"http://127\.0\.0\.1:\d+/claimkit/webhook", watch.started)
        assert address is not None
        assert [url for _, url in client.webhooks(project)] == [address.group(0)]
    assert watch.process.returncode == 0
    assert client.webhooks(project) == []  # removed when the watcher stopped


class _Keeping(Watcher):
    """Keeps the webhooks Label Studio sends instead of acting on them."""

    payloads: list[dict[str, Any]]

    def handle(self, payload: dict[str, Any]) -> None:
        self.payloads.append(payload)


@contextmanager
def _kept_webhooks(label_studio: LiveServer, project: int) -> Iterator[list[dict[str, Any]]]:
    server = serve(0, "kept-token")
    keeping = _Keeping(label_studio.client(), project, lambda _line: None)
    keeping.payloads = []
    server.watcher = keeping
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}{PATH}"
    try:
        with registered(label_studio.client(), project, url, "kept-token"):
            yield keeping.payloads
    finally:
        server.shutdown()
        server.server_close()


def _first(payloads: list[dict[str, Any]], action: str) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = [payload for payload in payloads if payload.get("action") == action]
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no {action} webhook came: {[p.get('action') for p in payloads]}")


def test_a_late_webhook_does_not_put_back_task_data_changed_since(label_studio: LiveServer, project_title: str) -> None:
    client, project, task, person, seed = _seeded(label_studio, project_title, "late.webhook@example.org")
    with _kept_webhooks(label_studio, project) as payloads:
        client.create_annotation(task, _result("official-claim-without-source"), completed_by=person)
        late = _first(payloads, "ANNOTATION_CREATED")  # the payload Label Studio really sends
    assert late["task"]["data"]["title"] == seed.document.title
    corrected = {**client.task_data(task), "title": "corrected after the event"}
    client.update_task_data(task, corrected)  # e.g. a push that corrected the title meanwhile
    logged: list[str] = []
    Watcher(client, project, logged.append).handle(late)  # the webhook handled late
    data = client.task_data(task)
    assert data["title"] == "corrected after the event"  # the payload's old copy was not written back
    assert "C001" in data[CHECK_FIELD]
    assert len(logged) == 1 and logged[0].startswith(f"task {task}: 1 annotations") and "note updated" in logged[0]


def test_webhooks_may_reach_loopback_but_no_private_address(label_studio: LiveServer, project_title: str) -> None:
    client = label_studio.client()
    project, _, _ = init_project(client, project_title)
    assert project is not None
    with registered(client, project, "http://127.0.0.1:9/hook", "token"):
        assert [url for _, url in client.webhooks(project)] == ["http://127.0.0.1:9/hook"]
    assert client.webhooks(project) == []
    for url in ("http://10.0.0.1/hook", "http://192.168.1.1/hook", "http://169.254.169.254/latest", "http://0.0.0.0/"):
        with raises_code("E502", ConnectionFailed), registered(client, project, url, "token"):
            pass


def _label_studio_subnets() -> list[str]:
    """Label Studio's own default banned subnets, read from the installed server's source."""
    site = ROOT / ".venv-labelstudio" / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    source = next(site.glob("site-packages/label_studio/core/utils/io.py")).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "default_banned_subnets":
            return list(ast.literal_eval(node.value))
    raise AssertionError("default_banned_subnets not found in Label Studio's source")


def test_the_server_bans_every_default_subnet_but_loopback() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import labelstudio  # scripts/labelstudio.py
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    ours = labelstudio._BANNED_SUBNETS_BUT_LOOPBACK.split(",")
    expected = [subnet for subnet in _label_studio_subnets() if subnet != "127.0.0.0/8"]
    assert ours == expected
    assert not any(ipaddress.ip_address("127.0.0.1") in ipaddress.ip_network(subnet) for subnet in ours)
    env = labelstudio._server_env(Path("/tmp/x"), "a@b.c", "pw", "t" * 40)
    assert env["USE_DEFAULT_BANNED_SUBNETS"] == "false" and env.get("SSRF_PROTECTION_ENABLED", "true") != "false"
