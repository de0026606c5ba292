"""``claimkit ls watch``: check annotations while annotators work, and tell them inside Label Studio.

A small HTTP service on 127.0.0.1 receives Label Studio's webhooks for created, updated and deleted
annotations of one project, checks every annotation of the task concerned (:mod:`.feedback`: the
conversion of ``pull`` and the rules of ``validate``) and writes the problems, or clears them, in
the task's data field the labeling config shows above the region fields.

Label Studio 1.23 without Redis sends a webhook synchronously, in the request that saved the
annotation, and its editor reloads the task once that request returns. So the service answers only
after the note is written: the annotator sees it in the reloaded task, within the same second. The
server gives up waiting after ``WEBHOOK_TIMEOUT`` seconds (``scripts/labelstudio.py`` sets 10); a
note written later shows the next time the task is opened.

Requests must carry the random token the service registered with its webhook; anything else is
refused. On exit the webhook is removed from the project.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from claimkit.errors import (
    API_KEY_REFUSED,
    REQUEST_REFUSED,
    WATCH_PORT_BUSY,
    WEBHOOK_REFUSED,
    ClaimkitError,
    ConfigError,
    ConnectionFailed,
)
from claimkit.labelstudio.client import LabelStudioClient
from claimkit.labelstudio.config import CHECK_FIELD
from claimkit.labelstudio.feedback import check_annotations, data_with_note, render_note

__all__ = ["ACTIONS", "HOST", "PATH", "TOKEN_HEADER", "Watcher", "registered", "serve"]

HOST = "127.0.0.1"
PATH = "/claimkit/webhook"
TOKEN_HEADER = "X-Claimkit-Watch"
ACTIONS = ["ANNOTATION_CREATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED"]
#: Larger requests are refused: a task with its text and one annotation is far below this.
MAX_BODY = 32 * 1024 * 1024
#: Seconds a connection may stay silent: a client that stops sending must not hold a thread forever.
READ_TIMEOUT = 30.0
#: What a payload Label Studio never sends can raise while it is read: answered 400, logged, served on.
_MALFORMED = (ValueError, TypeError, RecursionError)

Log = Callable[[str], None]


class Watcher:
    """Turns webhook payloads of one project into notes on its tasks."""

    def __init__(self, client: LabelStudioClient, project: int, log: Log) -> None:
        self.client = client
        self.project = project
        self.log = log
        self._lock = threading.Lock()
        self._task_of: dict[int, int] = {}
        self._names: dict[int, str] = {}

    def name(self, user: Any) -> str:
        """How Label Studio shows a user (their e-mail): Label Studio already shows it to everyone."""
        if isinstance(user, dict):
            return str(user.get("email") or f"user {user.get('id')}")
        if not isinstance(user, int):
            return str(user)
        if user not in self._names:  # a new member: read the list again (once)
            self._names = {user: f"user {user}", **self.client.user_emails()}
        return self._names[user]

    def handle(self, payload: dict[str, Any]) -> None:
        """One webhook: recheck the task it concerns (or the tasks of deleted annotations)."""
        project = payload.get("project")
        if not isinstance(project, dict) or project.get("id") != self.project:
            return
        with self._lock:
            annotation, task = payload.get("annotation"), payload.get("task")
            if isinstance(annotation, dict) and isinstance(task, dict) and "id" in task:
                _shaped_like_task_data(task.get("data"))
                self._task_of[int(annotation.get("id") or 0)] = int(task["id"])
                self.refresh(int(task["id"]))
            for deleted in payload.get("annotations") or []:
                task_id = self._task_of.pop(int(deleted.get("id") or 0), None) if isinstance(deleted, dict) else None
                if task_id is not None:
                    self.refresh(task_id)

    def refresh(self, task: int) -> None:
        """Check every annotation of ``task`` and write, replace or clear its note.

        The task's data is read from Label Studio, not taken from the webhook: the payload's copy is
        as old as the event, and writing the note into it would put back whatever changed since (a
        push that corrected the text). It is read again just before the note is written, so that only
        the note field changes even if the task changed while its annotations were checked (Label
        Studio has no conditional update; the window left is one request long)."""
        data = self.client.task_data(task)
        annotations = self.client.task_annotations(task)
        for annotation in annotations:
            self._task_of[int(annotation.get("id") or 0)] = task
        checks = check_annotations({"id": task, "project": self.project, "data": data}, annotations, self.name)
        updated = data_with_note(self.client.task_data(task), render_note(checks))
        if updated is not None:
            self.client.update_task_data(task, updated)
        problems = sum(len(check.problems) for check in checks)
        shown = "note updated" if updated is not None else "note unchanged"
        self.log(f"task {task}: {len(annotations)} annotations, {problems} problems, {shown}")

    def sweep(self) -> None:
        """Recheck the tasks that carry a note (it may have gone stale while nobody watched)."""
        for task in self.client.tasks(self.project):
            if CHECK_FIELD in task.data:
                with self._lock:
                    self.refresh(task.id)


def _shaped_like_task_data(data: Any) -> None:
    """A payload whose task data is not an object is malformed (answered 400), even though the data
    is read again from Label Studio."""
    if data is not None and not isinstance(data, dict):
        raise TypeError("the task data of a webhook must be an object")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = READ_TIMEOUT

    def do_GET(self) -> None:
        self._answer(200 if self.path == "/health" else 404, "ok" if self.path == "/health" else "not found")

    def do_POST(self) -> None:
        if self.path != PATH or not secrets.compare_digest(self.headers.get(TOKEN_HEADER, ""), self.server.token):
            self._answer(403, "refused")
            return
        length = self.headers.get("Content-Length") or "0"
        if not length.isdigit() or not 0 < int(length) <= MAX_BODY:
            self._answer(413 if length.isdigit() else 400, "too large" if length.isdigit() else "bad length")
            return
        watcher = self.server.watcher
        if watcher is None:
            self._answer(503, "starting")
            return
        try:
            body = self.rfile.read(int(length))
        except OSError as error:  # the client went silent (READ_TIMEOUT) or away: nothing to answer
            watcher.log(f"gave up reading a webhook ({type(error).__name__})")
            self.close_connection = True
            return
        self._check(watcher, body)

    def _check(self, watcher: Watcher, body: bytes) -> None:
        try:
            payload = json.loads(body)
            watcher.handle(payload if isinstance(payload, dict) else {})
        except _MALFORMED as error:
            watcher.log(f"could not check a malformed webhook ({type(error).__name__})")
            self._answer(400, "malformed")
            return
        except ClaimkitError as error:  # a failed call to Label Studio: say so, keep serving
            watcher.log(f"could not check ({type(error).__name__}): {error}")
            self._answer(500, "not checked")
            return
        self._answer(200, "checked")

    def _answer(self, status: int, text: str) -> None:
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # every request is logged by the watcher, without the token


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, token: str) -> None:
        self.watcher: Watcher | None = None  # set once the project is known; until then: 503
        self.token = token
        super().__init__((HOST, port), _Handler)


def serve(port: int, token: str) -> _Server:
    """The HTTP service, bound to 127.0.0.1:``port`` (0: a free port), not yet serving.

    Binding comes first, so that a busy port is reported before anything is asked of Label Studio.
    """
    try:
        return _Server(port, token)
    except OSError as error:
        raise ConfigError(WATCH_PORT_BUSY, f"cannot listen on {HOST}:{port}: {error.strerror}") from None


@contextmanager
def registered(client: LabelStudioClient, project: int, url: str, token: str) -> Iterator[int]:
    """A webhook of ``project`` posting to ``url`` for as long as the block runs.

    Webhooks left at the same URL by a watcher that did not stop cleanly are removed first.
    """
    for webhook, existing in client.webhooks(project):
        if existing == url:
            client.delete_webhook(webhook)
    try:
        webhook = client.create_webhook(project, url, ACTIONS, {TOKEN_HEADER: token})
    except ConnectionFailed as error:
        if error.code not in (API_KEY_REFUSED, REQUEST_REFUSED):  # SSRF protection answers 403
            raise
        raise ConnectionFailed(
            WEBHOOK_REFUSED, f"Label Studio refused a webhook to {url} ({error.code.code})"
        ) from None
    try:
        yield webhook
    finally:
        client.delete_webhook(webhook)
