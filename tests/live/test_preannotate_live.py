"""Proposals as Label Studio predictions on a real server, and acceptance coming back on pull.

What the labeling UI shows is proven in a real browser by tests/live/browser/test_prediction_browser.py;
here the server side: Label Studio's own check accepts the predictions, the task that the labeling UI
loads carries them with their model version and score, and the project pre-labels with that version.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimkit.cli import main
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.labelstudio.sync import init_project, pull_project, push_documents
from claimkit.loading import load_file
from claimkit.model import DocumentFile
from claimkit.preannotate import NAME, VERSION, preannotate_file, proposal_of
from claimkit.pseudonym import Pseudonymizer
from tests.conftest import ROOT
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live

SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
MODEL = f"{NAME}@{VERSION}"


def _proposed(tmp_path: Path) -> tuple[Path, DocumentFile]:
    corpus = tmp_path / "annotations"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    assert preannotate_file(str(corpus / SEED.name)).action == "written"
    file = load_file(corpus / SEED.name).file
    assert file is not None
    return corpus, file


def test_proposals_are_accepted_as_predictions_and_loaded_with_the_task(
    label_studio: LiveServer, project_title: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, file = _proposed(tmp_path)
    proposal = proposal_of(file)
    assert proposal is not None and proposal.generator is not None
    connection = ["--url", label_studio.url, "--api-key", label_studio.api_key, "--project", project_title]
    assert main(["ls", "init", *connection]) == 0
    capsys.readouterr()
    assert main(["ls", "push", str(corpus), "--predictions", "preannotate", *connection, "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["summary"]["created"], summary["summary"]["predictions"], summary["issues"]) == (1, 1, [])
    client = label_studio.client()
    project = client.find_project(project_title)
    assert project is not None
    (task,) = list(client.tasks(project))
    loaded = client._sdk.tasks.get(task.id)  # what the labeling UI asks for when it opens the task
    (prediction,) = [item.model_dump() if hasattr(item, "model_dump") else dict(item) for item in loaded.predictions]
    assert prediction["model_version"] == MODEL
    assert prediction["score"] == pytest.approx(proposal.generator.score)
    assert prediction["result"] == annotation_to_result(proposal)
    settings = client._sdk.projects.get(project)
    assert (settings.show_collab_predictions, settings.model_version) == (True, MODEL)  # pre-label with it
    assert main(["ls", "push", str(corpus), "--predictions", "preannotate", *connection]) == 0
    assert "0 predictions" in capsys.readouterr().out  # unchanged: nothing re-sent


def test_a_newer_proposal_replaces_the_old_prediction_and_a_file_without_one_is_reported(
    label_studio: LiveServer, project_title: str, tmp_path: Path
) -> None:
    corpus, file = _proposed(tmp_path)
    client = label_studio.client()
    project, _, _ = init_project(client, project_title)
    assert project is not None
    push_documents(client, project, [(str(corpus / SEED.name), file)], "preannotate")
    proposal = proposal_of(file)
    assert proposal is not None and proposal.generator is not None
    later = f"{int(VERSION.split('.')[0]) + 1}.0.0"  # a later version of the rules
    newer = proposal.model_copy(update={"generator": proposal.generator.model_copy(update={"version": later})})
    updated = file.model_copy(update={"predictions": [newer]})
    summary, report = push_documents(client, project, [("seed", updated)], "preannotate")
    (task,) = list(client.tasks(project))
    assert summary.predictions == 1 and report.issues == []
    assert [version for _, version, _ in client.predictions(task.id)] == [f"{NAME}@{later}"]
    bare = file.model_copy(update={"predictions": []})
    _, report = push_documents(client, project, [("seed", bare)], "preannotate")
    assert [(i.code, i.location.file) for i in report.issues] == [("P004", "seed")]


def test_acceptance_comes_back_on_pull(
    label_studio: LiveServer, project_title: str, tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    """An annotation made from the prediction (as the UI does: parent_prediction set), one cue deleted."""
    corpus, file = _proposed(tmp_path)
    client = label_studio.client()
    project, _, _ = init_project(client, project_title)
    assert project is not None
    push_documents(client, project, [(str(corpus / SEED.name), file)], "preannotate")
    (task,) = list(client.tasks(project))
    (prediction_id, _, result) = client.predictions(task.id)[0]
    edited = [i for i in result if i.get("id") != "q1" and i.get("from_id") != "q1"]
    client.create_annotation(task.id, edited, parent_prediction=prediction_id, lead_time=12.5)
    summary, report = pull_project(client, project, corpus, pseudonymize)
    assert summary.blocked == 0 and not report.failed(), report.issues
    pulled = load_file(corpus / SEED.name).file
    assert pulled is not None
    (annotation,) = pulled.annotations
    assert annotation.acceptance is not None
    assert annotation.acceptance.prediction == MODEL
    regions = annotation.acceptance.regions
    assert (annotation.acceptance.deleted, annotation.acceptance.added, annotation.acceptance.edited_span) == (1, 0, 0)
    assert annotation.acceptance.accepted + annotation.acceptance.edited_field == regions - 1
    assert proposal_of(pulled) == proposal_of(file)  # the stored proposal survives the pull
