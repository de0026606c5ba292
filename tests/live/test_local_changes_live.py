"""What the corpus holds that Label Studio does not, against a real server: an edit made in the file
(L050), a gold decided outside the project before and after the reviewer's star (L048, L049), and an
old export imported after a newer pull (L051). They rest on one fact of the server, checked here first:
Label Studio moves an annotation's ``updated_at`` when its result changes and when its ground-truth
star is set."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from claimkit.labelstudio.convert import annotation_to_result
from claimkit.labelstudio.sync import import_exports, init_project, pull_project, push_documents
from claimkit.loading import load_file
from claimkit.model import Adjudication, DocumentFile
from claimkit.pseudonym import Pseudonymizer
from claimkit.storage import document_json
from claimkit.taxonomy import AdjudicationMethod
from tests.conftest import ROOT
from tests.labelstudio.scenario import Annotator, Http, recertified, ui_ids
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live
SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
EXPERT = Adjudication(method=AdjudicationMethod.EXPERT, reviewer="lead")


def _codes(report: Any) -> set[tuple[str, str]]:
    return {(i.code, i.location.pointer) for i in report.issues if i.code in {"L047", "L048", "L049", "L050", "L051"}}


def _write(path: Path, file: DocumentFile) -> None:
    path.write_text(document_json(file), encoding="utf-8")


def _file(path: Path) -> DocumentFile:
    file = load_file(path).file
    assert file is not None
    return file


def _seed_task(label_studio: LiveServer, project_title: str) -> tuple[DocumentFile, Any, Http, int, Any]:
    """A project of its own holding the seed article as one task, without its gold."""
    seed = _file(SEED)
    client, http = label_studio.client(), Http(label_studio.url, label_studio.api_key)
    project, _, _ = init_project(client, project_title)
    assert project is not None
    push_documents(client, project, [(str(SEED), seed.model_copy(update={"gold": None}))])
    return seed, client, http, project, next(client.tasks(project))


def test_the_corpus_own_changes_meet_a_real_servers_annotations(
    label_studio: LiveServer, project_title: str, tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    seed, client, http, project, task = _seed_task(label_studio, project_title)
    assert seed.gold is not None
    reader = client.create_user("local.reader@example.org", "pw-0123456789")
    made = client.create_annotation(task.id, ui_ids(annotation_to_result(seed.gold), 1), completed_by=reader)
    corpus = tmp_path / "annotations"
    path = corpus / SEED.name
    pull_project(client, project, corpus, pseudonymize)
    first = _file(path).annotations[0]
    old_export = tmp_path / "old.json"
    old_export.write_bytes(http.raw(f"/api/projects/{project}/export?exportType=JSON"))

    # the server's fact: saving a result and setting the star both move updated_at
    http.call("PATCH", f"/api/annotations/{made}/", json={"result": ui_ids(annotation_to_result(seed.gold), 2)})
    saved = http.call("GET", f"/api/annotations/{made}/")["updated_at"]
    assert saved > http.call("GET", f"/api/annotations/{made}/")["created_at"]

    # an edit in the file, Label Studio's copy unchanged since the pull: replaced, and said (once)
    _, report = pull_project(client, project, corpus, pseudonymize)
    assert _codes(report) == set()
    pulled = _file(path)
    _write(path, pulled.model_copy(update={"annotations": [recertified(pulled.annotations[0])]}))
    _, report = pull_project(client, project, corpus, pseudonymize)
    assert _codes(report) == {("L050", "/annotations/0")}
    assert _file(path) == pulled
    assert _codes(pull_project(client, project, corpus, pseudonymize)[1]) == set()

    # the old export (made before the save) imported now: the file keeps the later version
    _, report = import_exports([str(old_export)], corpus, pseudonymize, server_id=label_studio.url)
    assert _codes(report) == {("L051", "")}
    assert _file(path) == pulled and first != pulled.annotations[0]

    # an expert's gold, then the reviewer's star: the star is the later decision (L048)
    pulled_at = pulled.annotations[0].updated_at
    assert pulled_at is not None
    expert = recertified(pulled.annotations[0]).model_copy(
        update={"origin": None, "adjudication": EXPERT, "updated_at": pulled_at}
    )
    _write(path, pulled.model_copy(update={"gold": expert}))
    starred = http.call("PATCH", f"/api/annotations/{made}/", json={"ground_truth": True})
    assert starred["updated_at"] > saved  # setting the star moved it
    _, report = pull_project(client, project, corpus, pseudonymize)
    assert _codes(report) == {("L048", "/gold")}
    reviewed = _file(path)
    assert reviewed.gold is not None and reviewed.gold.origin is not None and reviewed.gold.origin.annotation == made

    # an expert's gold saved after the star: kept (L049), the ground truth stays one of the annotations
    assert reviewed.gold.updated_at is not None
    later = expert.model_copy(update={"updated_at": reviewed.gold.updated_at + timedelta(minutes=1)})
    _write(path, reviewed.model_copy(update={"gold": later}))
    for _ in range(2):
        _, report = pull_project(client, project, corpus, pseudonymize)
        assert _codes(report) == {("L049", "/gold")}
        kept = _file(path)
        assert kept.gold == later
        assert [a.origin.annotation for a in kept.annotations if a.origin] == [made]


def test_an_edit_by_another_user_is_told_apart_from_a_reviewers_star(
    label_studio: LiveServer, project_title: str, tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    """The server's facts: a lead's update of an annotator's annotation and the reviewer's star both
    make the lead ``updated_by``. L053 names the first only."""
    seed, client, http, project, task = _seed_task(label_studio, project_title)
    assert seed.gold is not None
    invite = http.call("GET", "/api/invite")["invite_url"]
    salma, karim = (Annotator(label_studio.url, invite, f"{n}.l053@example.org") for n in ("salma", "karim"))
    edited = salma.submit(task.id, ui_ids(annotation_to_result(seed.gold), 5))
    starred = karim.submit(task.id, ui_ids(annotation_to_result(seed.gold), 6))
    time.sleep(1.2)  # a person edits later: more than the second L053 allows for the server's own save
    http.call("PATCH", f"/api/annotations/{edited}/", json={"result": ui_ids(annotation_to_result(seed.gold), 7)})
    http.call("PATCH", f"/api/annotations/{starred}/", json={"ground_truth": True})
    lead = http.call("GET", "/api/current-user/whoami")["id"]
    assert {http.call("GET", f"/api/annotations/{a}/")["updated_by"] for a in (edited, starred)} == {lead}
    corpus = tmp_path / "annotations"
    for _ in range(2):
        _, report = pull_project(client, project, corpus, pseudonymize)
        assert [(i.code, i.location.pointer) for i in report.issues if i.code == "L053"] == [("L053", "/annotations/0")]
