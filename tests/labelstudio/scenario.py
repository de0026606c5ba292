"""A team's day in Label Studio, made on a real server through the endpoints its web UI uses.

Used by the live tests (against the session's server) and by ``record_exports.py`` (against a
server of each supported version, to record the exports the unit tests read). Only plain HTTP:
the same code drives Label Studio 1.23 and 1.13.

Annotators join through the organization's invite link and work in their own logged-in session,
as in a browser: they submit annotations (``POST /api/tasks/{id}/annotations/``), skip, submit
nothing, and leave drafts behind (``POST /api/tasks/{id}/drafts``, and
``/api/tasks/{id}/annotations/{aid}/drafts`` when they reopen a submitted annotation). A reviewer
stars a ground truth. A tool writes an annotation through the API with UTF-16 offsets. The lead
imported some documents twice, and some tasks carry hostile ``doc_id``s.
"""

from __future__ import annotations

import copy
import random
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from claimkit.labelstudio.config import SPAN_CONTROL, TEXT_OBJECT, category_label, labeling_config
from claimkit.labelstudio.convert import annotation_to_result, task_data
from claimkit.loading import load_file
from claimkit.model import Annotation, DocumentFile
from claimkit.taxonomy import Certainty, ClaimCategory

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
EMOJI = ROOT / "tests" / "cases" / "O003" / "valid" / "o003-emoji-crlf-diacritics.json"
CHAIN = ROOT / "tests" / "cases" / "R005" / "valid" / "r005-chain.json"
PASSWORD = "pw-Claimkit-0123456789"
#: The pseudonym key recordings are pulled with (a test key: 32 random bytes, hex).
RECORDING_KEY = "9c2f4e1a7b3d5f60812a4c6e8f0b2d4f6a8c0e1f3b5d7a9c2e4f6b8d0a1c3e5f"
#: doc_ids that must never name a file: path-like, control characters, NUL, too long, reserved.
HOSTILE_IDS = ["../../x", "/etc/passwd", ".", "a\u0000b", "x" * 300, "abc\n", "nul"]


def document(path: Path) -> DocumentFile:
    file = load_file(path).file
    assert file is not None, path
    return file


def ui_ids(result: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """The same result with region ids as the UI makes them (random, 10 characters) and mixed directions."""
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + "_-"
    ids = {item["id"]: "".join(rng.choice(alphabet) for _ in range(10)) for item in result if "id" in item}
    renamed = []
    for item in copy.deepcopy(result):
        if item.get("type") == "relation":
            item["from_id"], item["to_id"] = ids[item["from_id"]], ids[item["to_id"]]
            if rng.random() < 0.5:  # drawn from the other end: the arrow points back
                item["from_id"], item["to_id"], item["direction"] = item["to_id"], item["from_id"], "left"
        elif "id" in item:
            item["id"] = ids[item["id"]]
        renamed.append(item)
    return renamed


def disagreeing(gold: Annotation) -> Annotation:
    """Another annotator's reading: one claim recategorized, the last one left out, a comment."""
    claims = list(gold.claims)
    first = claims[0]
    other = ClaimCategory.ANALYST_OPINION if first.category != ClaimCategory.ANALYST_OPINION else "reported_fact"
    claims[0] = first.model_copy(update={"category": other, "certainty": "probable", "comment": "ملاحظة 🙂"})
    return gold.model_copy(update={"claims": claims[:-1], "comment": "تعليق على المقال"})


def recertified(annotation: Annotation) -> Annotation:
    """The annotation with its first claim's certainty changed: the smallest edit a lead makes in a file."""
    first = annotation.claims[0]
    other = Certainty.POSSIBLE if first.certainty is not Certainty.POSSIBLE else Certainty.PROBABLE
    return annotation.model_copy(
        update={"claims": [first.model_copy(update={"certainty": other}), *annotation.claims[1:]]}
    )


class Http:
    """Calls to the server's API with the admin's legacy token."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url.rstrip("/")
        self.client = httpx.Client(base_url=self.url, headers={"Authorization": f"Token {token}"}, timeout=120)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.client.request(method, path, **kwargs)
        assert response.status_code < 400, f"{method} {path}: {response.status_code} {response.text[:500]}"
        return response.json() if response.content and "json" in response.headers.get("content-type", "") else None

    def raw(self, path: str) -> bytes:
        response = self.client.get(path)
        assert response.status_code == 200, f"GET {path}: {response.status_code} {response.text[:300]}"
        return response.content


class Annotator:
    """A person in a browser session: joined through the invite link, works with CSRF like the UI."""

    def __init__(self, url: str, invite: str, email: str) -> None:
        self.email = email
        self.session = httpx.Client(base_url=url, timeout=120, follow_redirects=False)
        self.session.get("/user/signup/")
        form = {"email": email, "password": PASSWORD, "csrfmiddlewaretoken": self.session.cookies["csrftoken"]}
        joined = self.session.post(invite, data=form, headers={"Referer": f"{url}/user/signup/"})
        assert joined.status_code == 302, f"sign-up of {email} failed: {joined.status_code}"
        self.id = int(self.call("GET", "/api/current-user/whoami")["id"])

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"X-CSRFToken": self.session.cookies.get("csrftoken") or "", "Referer": str(self.session.base_url)}
        response = self.session.request(method, path, headers=headers, **kwargs)
        assert response.status_code < 400, f"{self.email} {method} {path}: {response.status_code} {response.text[:300]}"
        return response.json() if response.content else None

    def submit(self, task: int, result: list[Any], **fields: Any) -> int:
        body = {"result": result, "lead_time": fields.pop("lead_time", 30.0), **fields}
        return int(self.call("POST", f"/api/tasks/{task}/annotations/", json=body)["id"])

    def draft(self, task: int, result: list[Any], annotation: int | None = None) -> int:
        path = f"/api/tasks/{task}/annotations/{annotation}/drafts" if annotation else f"/api/tasks/{task}/drafts"
        return int(self.call("POST", path, json={"result": result, "lead_time": 12.0})["id"])


@dataclass
class Scenario:
    """What was made: the project, task ids by role, annotators' e-mails."""

    project: int
    tasks: dict[str, int] = field(default_factory=dict)
    hostile: dict[str, int] = field(default_factory=dict)
    annotators: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, int] = field(default_factory=dict)
    drafts: dict[str, int] = field(default_factory=dict)


def _utf16_result(text: str) -> list[dict[str, Any]]:
    """A claim drawn by a tool that counts UTF-16 units: after the emoji every offset is one too far."""
    start = text.index("مُحَادَثَاتٌ")
    end = start + len("مُحَادَثَاتٌ")
    shift = sum(1 for char in text[:start] if ord(char) > 0xFFFF)
    value = {"start": start + shift, "end": end + shift, "text": text[start:end]}
    label = category_label(ClaimCategory.REPORTED_FACT)
    item = {"id": "tool-1", "from_name": SPAN_CONTROL, "to_name": TEXT_OBJECT, "type": "labels"}
    return [{**item, "value": {**value, "labels": [label]}}]


def _dangling(result: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A result with one relation that ends at no region (deleted after the arrow was drawn)."""
    first = next(item["id"] for item in result if "id" in item)
    return [*result, {"from_id": first, "to_id": "gone000000", "type": "relation", "direction": "right"}]


def _tasks(http: Http, project: int) -> list[dict[str, Any]]:
    tasks = http.call("GET", "/api/tasks", params={"project": project, "page_size": 1000})
    found = tasks["tasks"] if isinstance(tasks, dict) else tasks
    return sorted(found, key=lambda task: task["id"])


def _import(http: Http, project: int) -> dict[str, Any]:
    seed, emoji, chain = document(SEED), document(EMOJI), document(CHAIN)
    conflict = chain.document.model_copy(update={"id": "conflict-doc"})
    twice = chain.document.model_copy(update={"id": "reviewed-twice"})
    data = [task_data(seed.document), task_data(emoji.document), task_data(emoji.document), task_data(chain.document)]
    data += [task_data(conflict), {**task_data(conflict), "text": conflict.text + " (نسخة أخرى)"}]
    data += [task_data(twice), task_data(twice), {"text": chain.document.text, "doc_id": "no-metadata"}]
    for doc_id in HOSTILE_IDS:
        data.append({**task_data(chain.document), "doc_id": doc_id})
    data.append({key: value for key, value in task_data(chain.document).items() if key != "doc_id"})
    http.call("POST", f"/api/projects/{project}/import", json=[{"data": d} for d in data])
    return {"seed": seed, "emoji": emoji, "chain": chain}


def build(
    http: Http, title: str, people: tuple[str, str] = ("annotator.one@example.org", "annotator.two@example.org")
) -> Scenario:
    """Make the whole day on the server; returns where everything is."""
    project = int(http.call("POST", "/api/projects", json={"title": title, "label_config": labeling_config()})["id"])
    files = _import(http, project)
    tasks = _tasks(http, project)
    roles = [
        "seed",
        "emoji",
        "emoji-again",
        "chain",
        "conflict-a",
        "conflict-b",
        "reviewed-a",
        "reviewed-b",
        "no-metadata",
    ]
    scenario = Scenario(project, {role: task["id"] for role, task in zip(roles, tasks, strict=False)})
    scenario.hostile = {
        doc_id: task["id"] for doc_id, task in zip([*HOSTILE_IDS, "<none>"], tasks[len(roles) :], strict=True)
    }
    invite = http.call("GET", "/api/invite")["invite_url"]
    one, two = (Annotator(http.url, invite, email) for email in people)
    scenario.annotators = {"one": one.email, "two": two.email}
    _annotate(http, scenario, files, one, two)
    return scenario


def _annotate(http: Http, s: Scenario, files: dict[str, DocumentFile], one: Annotator, two: Annotator) -> None:
    seed, emoji, chain = (files[name].gold for name in ("seed", "emoji", "chain"))
    assert seed is not None and emoji is not None and chain is not None
    t = s.tasks
    s.annotations["one-seed"] = one.submit(t["seed"], ui_ids(annotation_to_result(seed), 1), lead_time=91.5)
    s.annotations["two-seed-bad"] = two.submit(t["seed"], _dangling(ui_ids(annotation_to_result(seed), 2)))
    s.annotations["one-emoji"] = one.submit(t["emoji"], ui_ids(annotation_to_result(emoji), 3))
    s.annotations["two-emoji-again"] = two.submit(t["emoji-again"], ui_ids(annotation_to_result(disagreeing(emoji)), 4))
    s.annotations["one-chain-skip"] = one.submit(t["chain"], [], was_cancelled=True, lead_time=4.0)
    s.annotations["two-chain-empty"] = two.submit(t["chain"], [], lead_time=2.0)
    s.annotations["one-conflict-a"] = one.submit(t["conflict-a"], ui_ids(annotation_to_result(chain), 5))
    s.annotations["one-conflict-b"] = one.submit(t["conflict-b"], ui_ids(annotation_to_result(chain), 6))
    s.annotations["one-hostile"] = one.submit(s.hostile["../../x"], ui_ids(annotation_to_result(chain), 7))
    s.drafts["two-emoji"] = two.draft(t["emoji"], ui_ids(annotation_to_result(emoji), 8)[:3])
    s.drafts["one-seed-edit"] = one.draft(
        t["seed"], ui_ids(annotation_to_result(seed), 9)[:2], s.annotations["one-seed"]
    )
    tool = http.call(
        "POST",
        f"/api/tasks/{t['emoji-again']}/annotations/",
        json={"result": _utf16_result(files["emoji"].document.text), "lead_time": 1.0},
    )
    s.annotations["tool-utf16"] = int(tool["id"])
    s.annotations["reviewer-chain"] = _ground_truth(http, t["chain"], chain, 10)
    s.annotations["reviewer-a"] = _ground_truth(http, t["reviewed-a"], chain, 11)
    s.annotations["reviewer-b"] = _ground_truth(http, t["reviewed-b"], disagreeing(chain), 12)
    s.annotations["one-no-metadata"] = one.submit(t["no-metadata"], ui_ids(annotation_to_result(chain), 13))


def _ground_truth(http: Http, task: int, annotation: Annotation, seed: int) -> int:
    """A reviewer's annotation starred as ground truth."""
    body = {"result": ui_ids(annotation_to_result(annotation), seed), "ground_truth": True, "lead_time": 60.0}
    return int(http.call("POST", f"/api/tasks/{task}/annotations/", json=body)["id"])


def save_exports(http: Http, project: int, folder: Path, *, snapshots: bool = True) -> None:
    """Everything the server can export of the project, as the UI's Export button and the API give it."""
    folder.mkdir(parents=True, exist_ok=True)
    for export_type, name in (
        ("JSON", "ui-export.json"),
        ("JSON_MIN", "ui-export-min.json"),
        ("CSV", "ui-export.csv"),
        ("TSV", "ui-export.tsv"),
        ("CONLL2003", "ui-export.conll"),
    ):
        (folder / name).write_bytes(http.raw(f"/api/projects/{project}/export?exportType={export_type}"))
    if snapshots:
        (folder / "snapshot.json").write_bytes(_snapshot(http, project, None))
        options = {"drafts": {"only_id": False}, "annotations__completed_by": {"only_id": False}}
        (folder / "pull-snapshot.json").write_bytes(_snapshot(http, project, options))


def _snapshot(http: Http, project: int, options: dict[str, Any] | None) -> bytes:
    import time

    body: dict[str, Any] = {"title": "recorded"} | ({"serialization_options": options} if options else {})
    export = http.call("POST", f"/api/projects/{project}/exports/", json=body)
    for _ in range(600):
        if http.call("GET", f"/api/projects/{project}/exports/{export['id']}")["status"] == "completed":
            break
        time.sleep(0.2)
    return http.raw(f"/api/projects/{project}/exports/{export['id']}/download?exportType=JSON")
