"""The reviewer loop through a real server: conflicts go to Label Studio as a prediction, a reviewer
submits a ground-truth annotation, and the next pull makes it the gold with who agreed recorded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimkit.labelstudio.sync import pull_project
from claimkit.loading import load_file
from claimkit.pseudonym import Pseudonymizer
from claimkit.storage import write_document_file
from claimkit.taxonomy import AdjudicationMethod, ClaimCategory
from tests.conftest import ROOT
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live
SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"


def test_conflicts_reviewed_in_label_studio_become_gold(
    label_studio: LiveServer, project_title: str, tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    seed = load_file(SEED).file
    assert seed is not None and seed.gold is not None
    x = seed.gold.model_copy(update={"annotator": "ann-x", "adjudication": None})
    claims = list(seed.gold.claims)
    claims[0] = claims[0].model_copy(update={"category": ClaimCategory.ANALYST_OPINION})
    y = seed.gold.model_copy(update={"annotator": "ann-y", "adjudication": None, "claims": claims})
    corpus = tmp_path / "annotations"
    write_document_file(corpus / SEED.name, seed.model_copy(update={"annotations": [x, y], "gold": None}))

    command = [
        str(Path(sys.executable).parent / "claimkit"),
        "adjudicate",
        str(corpus),
        "--push",
        "--project",
        project_title,
    ]
    env = {**os.environ, "LABEL_STUDIO_URL": label_studio.url, "LABEL_STUDIO_API_KEY": label_studio.api_key}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == 1, done.stderr  # a conflict is waiting for the reviewer
    assert "1 conflicts" in done.stdout
    assert "pushed 1 conflict predictions" in done.stdout

    client = label_studio.client()
    project = client.find_project(project_title)
    assert project is not None
    task = next(client.tasks(project))
    [(_, version, prediction)] = client.predictions(task.id)
    assert version == "claimkit:adjudication"
    ids = {item.get("id") for item in prediction}
    assert {"ann-x.c01", "ann-y.c01"} <= ids
    # The reviewer keeps ann-x's reading of the disputed claim and deletes ann-y's, then stars it.
    kept = [
        item
        for item in prediction
        if not (
            str(item.get("id", "")).startswith("ann-y.")
            or str(item.get("from_id", "")).startswith("ann-y.")
            or str(item.get("to_id", "")).startswith("ann-y.")
        )
    ]
    reviewer = client.create_user("reviewer@example.org", "pw-0123456789")
    client.create_annotation(task.id, kept, completed_by=reviewer, ground_truth=True, lead_time=60.0)

    summary, report = pull_project(client, project, corpus, pseudonymize)
    assert summary.blocked == 0, report.issues
    file = load_file(corpus / SEED.name).file
    assert file is not None and file.gold is not None
    gold = file.gold
    assert gold.annotator == pseudonymize("reviewer@example.org")
    assert gold.adjudication is not None
    assert gold.adjudication.method is AdjudicationMethod.REVIEWER
    decisions = {d.claim: d for d in gold.adjudication.decisions}
    assert (decisions["ann-x.c01"].agreed, decisions["ann-x.c01"].dissented) == (["ann-x"], ["ann-y"])
    assert all(d.agreed == ["ann-x", "ann-y"] for claim, d in decisions.items() if claim != "ann-x.c01")
    assert {a.annotator for a in file.annotations} == {"ann-x", "ann-y"}
    assert len(gold.claims) == len(seed.gold.claims)
