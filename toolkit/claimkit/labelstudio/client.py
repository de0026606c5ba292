"""The one place that talks to a Label Studio server (and the only importer of its SDK).

Every call goes through :meth:`LabelStudioClient._call`: transport errors, timeouts, 429 and 5xx
answers are retried a bounded number of times with exponential backoff; a refused key (401/403)
is reported at once. Messages name the server, never the API key.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError
from label_studio_sdk.label_interface import LabelInterface

from claimkit.errors import (
    AMBIGUOUS_PROJECT,
    API_KEY_REFUSED,
    EXPORT_FAILED,
    REQUEST_REFUSED,
    SERVER_UNREACHABLE,
    ClaimkitError,
    ConfigError,
    ConnectionFailed,
)

__all__ = ["LabelStudioClient", "TaskInfo", "config_values", "prediction_problems"]

T = TypeVar("T")
_PAGE = 100
_START_HINT = "start a local server with `python3 scripts/labelstudio.py start`, or check LABEL_STUDIO_URL"
_EXPANDED = {"drafts": {"only_id": False}, "annotations__completed_by": {"only_id": False}}
_KEY_HINT = "check LABEL_STUDIO_API_KEY (a personal access token from Account & Settings, or a legacy token)"


@dataclass(frozen=True)
class TaskInfo:
    id: int
    data: dict[str, Any]
    annotations: int  # submitted and skipped
    draft: bool = False  # someone's unsubmitted draft (the listing shows only its own user's drafts)


def _detail(error: ApiError) -> str:
    body = error.body
    if isinstance(body, dict):
        found = body.get("validation_errors") or body.get("detail") or body
        return str(found)[:500]
    return str(body)[:500]


class LabelStudioClient:
    """A Label Studio server at ``url`` (``http://127.0.0.1:8080``) used with ``api_key``."""

    def __init__(
        self, url: str, api_key: str, *, timeout: float = 30.0, retries: int = 3, backoff: float = 0.5
    ) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        try:  # a personal access token (a JWT) is checked here: an expired one is refused at once
            self._sdk = LabelStudio(base_url=self.url, api_key=api_key, timeout=timeout, max_retries=0)
        except ApiError as error:
            raise ConnectionFailed(
                API_KEY_REFUSED, f"the token for {self.url} is not usable: {_detail(error)}", hint=_KEY_HINT
            ) from None

    def __repr__(self) -> str:
        return f"LabelStudioClient({self.url!r}, api_key=<hidden>)"

    # -- the one way out ----------------------------------------------------------------------
    def _call(self, what: str, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        failure: ConnectionFailed | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                return function(*args, **kwargs)
            except (ApiError, httpx.TransportError) as error:
                failure = self._failure(error, what)
        assert failure is not None
        failure.message += f"; gave up after {self.retries + 1} attempts"
        raise failure

    def _failure(self, error: Exception, what: str) -> ConnectionFailed:
        """A failure worth retrying (5xx, 429, the network); others are raised at once."""
        if isinstance(error, ApiError):
            return self._refusal(error, what)
        if isinstance(error, httpx.TimeoutException):
            message = f"Label Studio at {self.url} did not answer within {self.timeout:g} s ({what})"
            return ConnectionFailed(SERVER_UNREACHABLE, message)
        if isinstance(error, httpx.ConnectError):
            message = f"cannot reach Label Studio at {self.url} ({what})"
            return ConnectionFailed(SERVER_UNREACHABLE, message, hint=_START_HINT)
        return ConnectionFailed(
            SERVER_UNREACHABLE, f"the connection to {self.url} broke while trying to {what}: {error}"
        )

    def _refusal(self, error: ApiError, what: str) -> ConnectionFailed:
        status = error.status_code or 0
        if status in (401, 403):
            message = f"Label Studio at {self.url} refused the API key ({status}) while trying to {what}"
            raise ConnectionFailed(API_KEY_REFUSED, message, hint=_KEY_HINT) from None
        if status != 429 and status < 500:
            raise ConnectionFailed(
                REQUEST_REFUSED, f"Label Studio could not {what}: {status} {_detail(error)}"
            ) from None
        return ConnectionFailed(
            SERVER_UNREACHABLE, f"Label Studio at {self.url} answered {status} while trying to {what}"
        )

    # -- server and projects ------------------------------------------------------------------
    def whoami(self) -> str:
        user = self._call("identify the user", self._sdk.users.whoami)
        return str(user.email)

    def find_project(self, title: str) -> int | None:
        """The id of the one project with this title (``None``: none has it; E108 when several do)."""
        found: list[int] = []
        for page in range(1, 10_000):
            pager = self._call("list projects", self._sdk.projects.list, page=page, page_size=_PAGE)
            found += [int(project.id) for project in pager.items if project.title == title]
            if page * _PAGE >= (pager.response.count or 0):
                break
        if len(found) > 1:
            ids = ", ".join(map(str, sorted(found)))
            raise ConfigError(AMBIGUOUS_PROJECT, f"projects {ids} on {self.url} are all titled {title!r}")
        return found[0] if found else None

    def create_project(self, title: str, config: str, instructions: str) -> int:
        created = self._call(
            "create the project",
            self._sdk.projects.create,
            title=title,
            label_config=config,
            expert_instruction=instructions,
            show_instruction=True,
            show_skip_button=True,
            enable_empty_annotation=True,
            show_collab_predictions=True,
        )
        return int(created.id)

    def project_config(self, project: int) -> str:
        return str(self._call("read the project", self._sdk.projects.get, project).label_config)

    def update_project(self, project: int, *, config: str, instructions: str) -> None:
        self._call(
            "update the project",
            self._sdk.projects.update,
            project,
            label_config=config,
            expert_instruction=instructions,
            show_instruction=True,
        )

    def set_overlap(self, project: int, annotators: int) -> None:
        """Give every task to ``annotators`` people through the label stream (overlap for agreement)."""
        self._call(
            "set the overlap",
            self._sdk.projects.update,
            project,
            maximum_annotations=annotators,
            overlap_cohort_percentage=100,
        )

    def overlap(self, project: int) -> int:
        return int(self._call("read the project", self._sdk.projects.get, project).maximum_annotations or 1)

    def server_config_problem(self, project: int, config: str) -> str | None:
        """What the server's own check says against ``config`` for this project, if anything."""
        try:
            self._call("check the config", self._sdk.projects.validate_label_config, project, label_config=config)
        except ClaimkitError as error:
            if isinstance(error, ConnectionFailed):
                raise
            return error.message
        return None

    # -- tasks and predictions ----------------------------------------------------------------
    def tasks(self, project: int) -> Iterator[TaskInfo]:
        """Every task of a project, paged by hand (the SDK's pager errs after the last page)."""
        page = 1
        while True:
            pager = self._call("list tasks", self._sdk.tasks.list, project=project, page=page, page_size=_PAGE)
            for task in pager.items:
                done = (task.total_annotations or 0) + (task.cancelled_annotations or 0)
                yield TaskInfo(int(task.id), dict(task.data or {}), done, bool(getattr(task, "draft_exists", False)))
            if page * _PAGE >= (pager.response.total or 0) or not pager.items:
                return
            page += 1

    def import_tasks(self, project: int, tasks: list[dict[str, Any]]) -> list[int]:
        response = self._call(
            "import tasks", self._sdk.projects.import_tasks, project, request=tasks, return_task_ids=True
        )
        return [int(task_id) for task_id in (response.task_ids or [])]

    def update_task_data(self, task: int, data: dict[str, Any]) -> None:
        self._call("update a task", self._sdk.tasks.update, str(task), data=data)

    def predictions(self, task: int) -> list[tuple[int, str, list[dict[str, Any]]]]:
        found = self._call("list predictions", self._sdk.predictions.list, task=task)
        return [(int(p.id), str(p.model_version or ""), list(p.result or [])) for p in found]

    def create_prediction(
        self, task: int, result: list[dict[str, Any]], model_version: str, score: float | None = None
    ) -> None:
        extra = {"score": score} if score is not None else {}
        self._call(
            "create a prediction",
            self._sdk.predictions.create,
            task=task,
            result=result,
            model_version=model_version,
            **extra,
        )

    def delete_prediction(self, prediction: int) -> None:
        self._call("delete a prediction", self._sdk.predictions.delete, prediction)

    # -- export -------------------------------------------------------------------------------
    def download_snapshot(self, project: int, target: Path, wait: float = 600.0) -> Path:
        """A full JSON export snapshot of the project streamed into ``target`` (never held in memory).

        Annotators are expanded to their user record (e-mail included) and drafts to their content,
        so that the export names who made each annotation and draft.
        """
        export = self._call(
            "create an export",
            self._sdk.projects.exports.create,
            project,
            title="claimkit pull",
            serialization_options=_EXPANDED,
        )
        try:
            self._wait_for_export(project, int(export.id), wait)
            self._call("download the export", self._stream_export, project, int(export.id), target)
        finally:
            with suppress(ClaimkitError):  # a leftover snapshot on the server is harmless
                self._call("delete the export", self._sdk.projects.exports.delete, project, int(export.id))
        return target

    def _wait_for_export(self, project: int, export: int, wait: float) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            status = self._call("check the export", self._sdk.projects.exports.get, project, export).status
            if status == "completed":
                return
            if status == "failed":
                raise ConnectionFailed(EXPORT_FAILED, f"Label Studio at {self.url} failed to build the export")
            time.sleep(0.3)
        raise ConnectionFailed(EXPORT_FAILED, f"the export of project {project} was not ready within {wait:g} s")

    def _stream_export(self, project: int, export: int, target: Path) -> None:
        with target.open("wb") as handle:
            for chunk in self._sdk.projects.exports.download(project, export, export_type="JSON"):
                handle.write(chunk)

    def draft(self, draft: int) -> dict[str, Any] | None:
        """A draft by id (``GET /api/drafts/{id}/``, as the labeling UI reads it); ``None`` if it is gone."""
        return self._call("read a draft", self._get_json, f"api/drafts/{draft}/")

    def task_home(self, task: int) -> tuple[int, str | None] | None:
        """The project of a task and the document id in its data; ``None`` if the server has no such task
        or does not show it to this key (403: a project of someone else's)."""
        found = self._call("read a task", self._get_json, f"api/tasks/{task}/", (403, 404))
        if found is None or not isinstance(found.get("project"), int):
            return None
        data = found.get("data")
        doc_id = data.get("doc_id") if isinstance(data, dict) else None
        return found["project"], doc_id if isinstance(doc_id, str) else None

    def project_title(self, project: int) -> str | None:
        """The title of a project by id; ``None`` if the server has no such project."""
        found = self._call("read a project", self._get_json, f"api/projects/{project}/", (403, 404))
        title = found.get("title") if found is not None else None
        return title if isinstance(title, str) else None

    def _get_json(self, path: str, absent: tuple[int, ...] = (404,)) -> dict[str, Any] | None:
        """``GET path`` as JSON; ``None`` when the server answers one of ``absent``."""
        response = self._sdk._client_wrapper.httpx_client.request(path, method="GET")
        if response.status_code in absent:
            return None
        if response.status_code >= 400:
            raise ApiError(status_code=response.status_code, headers=dict(response.headers), body=response.text)
        found = response.json()
        return found if isinstance(found, dict) else None

    # -- users --------------------------------------------------------------------------------
    def user_emails(self) -> dict[int, str]:
        """E-mail of every user, by id: the identity pseudonyms are made from."""
        users = self._call("list users", self._sdk.users.list)
        return {int(user.id): str(user.email or f"user-{user.id}") for user in users}

    def create_user(self, email: str, password: str) -> int:
        username = email.split("@", 1)[0]
        user = self._call("create a user", self._sdk.users.create, username=username, email=email, password=password)
        return int(user.id)

    # -- live checks (claimkit ls watch) -------------------------------------------------------
    def task_data(self, task: int) -> dict[str, Any]:
        return dict(self._call("read a task", self._sdk.tasks.get, str(task)).data or {})

    def task_annotations(self, task: int) -> list[dict[str, Any]]:
        """Every annotation of a task as the export writes it (``id``, ``completed_by``, ``result``...)."""
        found = self._call("list annotations", self._sdk.annotations.list, task)
        return [annotation.model_dump(mode="json") for annotation in found]

    def webhooks(self, project: int) -> list[tuple[int, str]]:
        """(id, url) of the project's webhooks."""
        found = self._call("list webhooks", self._sdk.webhooks.list, project=str(project))
        return [(int(hook.id), str(hook.url)) for hook in found if hook.project == project]

    def create_webhook(self, project: int, url: str, actions: list[str], headers: dict[str, str]) -> int:
        created = self._call(
            "create a webhook",
            self._sdk.webhooks.create,
            url=url,
            project=project,
            actions=actions,
            headers=headers,
            send_payload=True,
            send_for_all_actions=False,
            is_active=True,
        )
        return int(created.id)

    def delete_webhook(self, webhook: int) -> None:
        self._call("delete a webhook", self._sdk.webhooks.delete, webhook)

    def create_annotation(self, task: int, result: list[dict[str, Any]], **fields: Any) -> int:
        """An annotation as the UI submits it (``completed_by``, ``lead_time``, ``was_cancelled``...)."""
        created = self._call("create an annotation", self._sdk.annotations.create, task, result=result, **fields)
        return int(created.id)


def prediction_problems(config: str, result: list[dict[str, Any]]) -> list[str]:
    """Label Studio's own check of a prediction against a config (empty when it is accepted)."""
    errors = LabelInterface(config).validate_prediction({"result": result}, return_errors=True)
    return [str(error) for error in errors] if isinstance(errors, list) else []


def config_values(config: str) -> dict[str, set[str]]:
    """The controls of a config and the labels or choices each offers."""
    interface = LabelInterface(config)
    return {control.name: set(control.labels or []) for control in interface.controls}
