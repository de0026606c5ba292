"""An annotation saved again in Label Studio after its gold was made: the next pull brings the change,
validation says the gold does not hold it (D010), and adjudicating again puts it into the gold; a
save that changed nothing says nothing. Before D010 the change reached the file and stopped there:
`adjudicate` kept the gold as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimkit.cli import main
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.labelstudio.sync import init_project, pull_project, push_documents
from claimkit.loading import load_file
from claimkit.model import Annotation
from claimkit.pseudonym import Pseudonymizer
from claimkit.taxonomy import ClaimCategory
from claimkit.validate import validate_file
from tests.conftest import ROOT
from tests.labelstudio.scenario import Http, ui_ids
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live
SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"


def _stale(path: Path) -> list[tuple[str, str]]:
    return [(i.code, i.location.pointer) for i in validate_file(path) if i.code == "D010"]


def _first_claim_as(gold: Annotation, category: ClaimCategory) -> Annotation:
    claims = list(gold.claims)
    claims[0] = claims[0].model_copy(update={"category": category})
    return gold.model_copy(update={"claims": claims})


def test_an_annotation_changed_after_its_gold_is_flagged_until_adjudicated_again(
    label_studio: LiveServer, project_title: str, tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    seed = load_file(SEED).file
    assert seed is not None and seed.gold is not None
    client = label_studio.client()
    project, _, _ = init_project(client, project_title)
    assert project is not None
    push_documents(client, project, [(str(SEED), seed.model_copy(update={"gold": None}))])
    task = next(client.tasks(project))
    readers = [client.create_user(f"reader.{n}@example.org", "pw-0123456789") for n in ("one", "two")]
    made = [
        client.create_annotation(task.id, ui_ids(annotation_to_result(seed.gold), n), completed_by=r, lead_time=30.0)
        for n, r in enumerate(readers)
    ]
    corpus, http = tmp_path / "annotations", Http(label_studio.url, label_studio.api_key)
    path = corpus / SEED.name
    pull_project(client, project, corpus, pseudonymize)
    assert main(["adjudicate", str(corpus)]) == 0  # both read it alike: unanimous gold
    assert _stale(path) == []

    # the second reader saves again without changing anything: Label Studio moves updated_at all the same
    same = ui_ids(annotation_to_result(seed.gold), 1)
    http.call("PATCH", f"/api/annotations/{made[1]}/", json={"result": same})
    pull_project(client, project, corpus, pseudonymize)
    file = load_file(path).file
    assert file is not None and file.gold is not None and file.gold.created_at is not None
    assert file.annotations[1].updated_at is not None and file.annotations[1].updated_at > file.gold.created_at
    assert _stale(path) == []  # adjudicating now gives the same gold: nothing to say

    # the second reader changes their mind in Label Studio: the first claim is an analyst's opinion
    changed = _first_claim_as(seed.gold, ClaimCategory.ANALYST_OPINION)
    http.call("PATCH", f"/api/annotations/{made[1]}/", json={"result": ui_ids(annotation_to_result(changed), 9)})
    pull_project(client, project, corpus, pseudonymize)
    file = load_file(path).file
    assert file is not None and file.gold is not None
    assert file.annotations[1].claims[0].category is ClaimCategory.ANALYST_OPINION  # the pull brought it
    assert file.gold.claims[0].category is seed.gold.claims[0].category  # the gold does not hold it
    assert _stale(path) == [("D010", "/annotations/1/updated_at")]

    # the first reader agrees; adjudicating again puts the change into the gold
    http.call("PATCH", f"/api/annotations/{made[0]}/", json={"result": ui_ids(annotation_to_result(changed), 8)})
    pull_project(client, project, corpus, pseudonymize)
    assert main(["adjudicate", str(corpus), "--force"]) == 0
    file = load_file(path).file
    assert file is not None and file.gold is not None
    assert file.gold.claims[0].category is ClaimCategory.ANALYST_OPINION
    assert _stale(path) == []
