"""Proposals in the labeling UI: the browser starts the annotator from the prediction, and what the
annotator changes comes back as acceptance counts at pull.

The lead proposes (``claimkit preannotate``) and pushes the proposals as predictions; an annotator who
joined through the invitation link opens "Label All Tasks" and finds the proposal already drawn, with
the proposal's region ids; she deletes a proposed cue and relabels a proposed claim with the mouse and
hotkeys, and submits. The lead pulls: the annotation records what was kept, edited and deleted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from claimkit.cli import main
from claimkit.labelstudio.config import span_hotkeys
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.loading import load_file
from claimkit.preannotate import NAME, VERSION, proposal_of
from claimkit.preannotate.acceptance import regions_of
from claimkit.taxonomy import ClaimCategory, describe
from tests.live.browser import ui
from tests.live.browser.conftest import Annotator, Shot
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live

CASE = Path(__file__).resolve().parents[2] / "preannotate" / "cases" / "case-officials.json"
TITLE = "browser-predictions"


def _hotkey(label: str) -> str:
    return next(span.hotkey for span in span_hotkeys() if span.label == label)


def test_the_annotator_starts_from_the_proposal_and_acceptance_comes_back(
    label_studio: LiveServer, annotators: tuple[Annotator, Annotator], browser: Browser, shot: Shot, tmp_path: Path
) -> None:
    corpus = tmp_path / "annotations"
    corpus.mkdir()
    shutil.copy(CASE, corpus / CASE.name)
    key_file = tmp_path / "pseudonym.key"
    connection = ["--url", label_studio.url, "--api-key", label_studio.api_key, "--project", TITLE]
    assert main(["preannotate", str(corpus)]) == 0
    assert main(["ls", "init", *connection]) == 0
    assert main(["ls", "push", str(corpus), "--predictions", "preannotate", *connection]) == 0
    assert main(["ls", "keygen", "--key-file", str(key_file)]) == 0
    file = load_file(corpus / CASE.name).file
    assert file is not None
    proposal = proposal_of(file)
    assert proposal is not None
    proposed = {
        (r["id"], r["value"]["start"], r["value"]["end"])
        for r in annotation_to_result(proposal)
        if r.get("type") == "labels"
    }
    text = file.document.text
    project = label_studio.client().find_project(TITLE)

    context, page = annotators[0].log_in(browser)
    page.goto(f"{label_studio.url}/projects/{project}/data")
    page.get_by_text("Label All Tasks").click()
    page.wait_for_selector(".lsf-richtext__line")
    if page.locator(".lsf-modal-ls_visible").count():
        page.get_by_label("Close modal").click()
    page.wait_for_function(f"() => {ui.ANNOTATION}.regions.length > 0")
    shown = {(r["id"], r["start"], r["end"]) for r in ui.regions(page)}
    shot(page, "the-proposal-is-the-starting-annotation")
    assert shown == proposed  # every proposed region, with its id and offsets, before any click

    cue = next(c for c in proposal.cues if c.text == "أعلنت")
    fact = next(c for c in proposal.claims if c.category is ClaimCategory.REPORTED_FACT)
    ui.select_region(page, text, cue.start, cue.end)
    page.keyboard.press("Backspace")  # delete the proposed cue
    page.wait_for_function(f"() => {ui.ANNOTATION}.regions.length === {len(proposed) - 1}")
    ui.unselect(page)
    ui.select_region(page, text, fact.start, fact.end)
    page.keyboard.press(_hotkey(describe(ClaimCategory.ANALYST_OPINION).title))  # relabel a proposed claim
    ui.unselect(page)
    shot(page, "a-cue-deleted-a-claim-relabelled")
    page.keyboard.press("Control+Enter")
    page.get_by_text("No More Tasks Left in Queue").wait_for()
    context.close()

    assert main(["ls", "pull", "--out", str(corpus), "--key-file", str(key_file), *connection]) == 0
    pulled = load_file(corpus / CASE.name).file
    assert pulled is not None
    (annotation,) = pulled.annotations
    acceptance = annotation.acceptance
    assert acceptance is not None and acceptance.prediction == f"{NAME}@{VERSION}"
    counts = (acceptance.regions, acceptance.accepted, acceptance.edited_field, acceptance.deleted, acceptance.added)
    assert counts == (len(proposed), len(proposed) - 2, 1, 1, 0)
    assert proposal_of(pulled) == proposal  # the proposal itself stays beside the annotation
    assert set(regions_of(annotation_to_result(annotation))) <= {r[0] for r in proposed}
