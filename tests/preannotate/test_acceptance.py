"""Acceptance of predictions: on what the Label Studio UI really exported, and as properties."""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.cli import main
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.labelstudio.merge import task_to_document_file
from claimkit.loading import load_file
from claimkit.model import Annotation
from claimkit.preannotate.acceptance import AcceptanceTally, acceptance_of, count_acceptance, regions_of
from claimkit.storage import write_document_file
from tests.strategies import TEXTS, annotations

RECORDED = Path(__file__).parent / "recorded" / "ui-accept-and-edit-1.23.2.json.gz"


def _recorded() -> list[dict[str, Any]]:
    with gzip.open(RECORDED, "rt", encoding="utf-8") as handle:
        tasks: list[dict[str, Any]] = json.load(handle)
    return tasks


def test_what_annotators_did_in_the_browser_is_counted() -> None:
    """Recorded in Chromium on Label Studio 1.23.2: one task accepted as proposed; one with a cue deleted, a
    claim relabelled and a source added; one with a claim redrawn without its first word and a certainty changed."""
    found = {t["data"]["doc_id"]: acceptance_of(t["annotations"][0]) for t in _recorded()}
    counts = {
        doc: (a.regions, a.accepted, a.edited_span, a.edited_field, a.deleted, a.added) for doc, a in found.items() if a
    }
    assert counts == {
        "case-officials": (13, 13, 0, 0, 0, 0),
        "case-denials": (12, 10, 0, 1, 1, 1),
        "000_f22616ff3d8ce778": (39, 37, 1, 1, 0, 0),
    }
    assert {a.prediction for a in found.values() if a} == {"claimkit-preannotate@1.0.0"}


def test_label_studio_marks_agree_with_the_counts() -> None:
    """Label Studio tags result items with an origin; regions it calls untouched we count as accepted."""
    for task in _recorded():
        annotation = task["annotations"][0]
        untouched = {i["id"] for i in annotation["result"] if i.get("origin") == "prediction" and i.get("id")}
        changed = {i["id"] for i in annotation["result"] if i.get("origin") in ("prediction-changed", "manual")}
        predicted = regions_of(annotation["prediction"]["result"])
        after = regions_of(annotation["result"])
        kept = {r for r in predicted if r in after and after[r] == predicted[r]}
        assert kept == (untouched - changed) & set(predicted)


def test_pull_stores_acceptance_and_keeps_the_proposals() -> None:
    task = next(t for t in _recorded() if t["data"]["doc_id"] == "case-denials")
    existing = load_file(Path(__file__).parent / "cases" / "case-denials.json").file
    assert existing is not None
    proposal = Annotation(annotator="claimkit-preannotate")
    existing = existing.model_copy(update={"schema_version": "1.0.0", "predictions": [proposal]})
    merged, issues = task_to_document_file(task, existing, lambda _: "ann-1", "1.0.0")
    assert merged is not None and [i.code for i in issues] == []
    (pulled,) = merged.annotations
    assert pulled.acceptance is not None and (pulled.acceptance.deleted, pulled.acceptance.added) == (1, 1)
    assert merged.predictions == [proposal] and merged.schema_version == "1.1.0"
    broken = copy.deepcopy(task)
    broken["annotations"][0]["prediction"] = {"result": "no"}
    _, issues = task_to_document_file(broken, existing, lambda _: "ann-1", "1.0.0")
    assert [(i.code, i.location.pointer) for i in issues] == [("P005", "/annotations/0/prediction")]


def test_agree_and_the_release_card_show_acceptance(tmp_path: Path, capsys: Any) -> None:
    task = next(t for t in _recorded() if t["data"]["doc_id"] == "case-officials")
    existing = load_file(Path(__file__).parent / "cases" / "case-officials.json").file
    merged, _ = task_to_document_file(task, existing, lambda _: "ann-1", "1.0.0")
    assert merged is not None
    corpus = tmp_path / "corpus"
    write_document_file(corpus / "case-officials.json", merged)
    assert main(["agree", str(corpus), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)["summary"]["acceptance"]
    overall = shown["overall"]
    assert (overall["accepted"], shown["ann-1"]["regions"], overall["accepted_share"]) == (13, 13, 1.0)
    assert main(["agree", str(corpus)]) == 0
    assert "ann-1: 1 annotations, 13 predicted regions: 13 accepted" in capsys.readouterr().out
    tally = AcceptanceTally()
    tally.add(merged)
    assert "| all annotators | 1 | 13 | 13 | 0 | 0 | 0 | 0 | 100.0% |" in tally.markdown()


def _edit(result: list[dict[str, Any]], data: st.DataObject, text: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Random edits as the UI makes them: delete regions, relabel some, add new ones far from the others."""
    ids = sorted({i["id"] for i in result if i.get("type") == "labels"})
    deleted = set(data.draw(st.lists(st.sampled_from(ids), unique=True), "deleted")) if ids else set()
    kept_ids = [i for i in ids if i not in deleted]
    relabelled = set(data.draw(st.lists(st.sampled_from(kept_ids), unique=True), "relabelled")) if kept_ids else set()
    edited = [copy.deepcopy(i) for i in result if i.get("id") not in deleted and i.get("from_id") not in deleted]
    for item in edited:
        if item.get("id") in relabelled and item.get("type") == "labels":
            item["value"]["labels"] = ["Relabelled"]
    added = data.draw(st.integers(0, 3), "added")
    for n in range(added):
        span = {"start": len(text) + 10 * n, "end": len(text) + 10 * n + 5, "text": "x", "labels": ["Cue"]}
        edited.append({"id": f"new{n}", "type": "labels", "from_name": "span", "to_name": "text", "value": span})
    redrawn = sorted(deleted)[: data.draw(st.integers(0, len(deleted)), "redrawn")]
    for region in redrawn:  # deleted, then drawn again on the same words: a new id
        item = next(i for i in result if i.get("id") == region and i.get("type") == "labels")
        edited.append({**copy.deepcopy(item), "id": f"redrawn-{region}"})
    return edited, {"deleted": len(deleted), "added": added, "relabelled": len(relabelled), "redrawn": len(redrawn)}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_counts_add_up_and_follow_the_edits(data: st.DataObject) -> None:
    text = data.draw(TEXTS, "text")
    predicted_result = annotation_to_result(data.draw(annotations(text), "annotation"))
    edited, made = _edit(predicted_result, data, text)
    predicted, after = regions_of(predicted_result), regions_of(edited)
    counts = count_acceptance(predicted, after)
    assert counts["accepted"] + counts["edited_span"] + counts["edited_field"] + counts["deleted"] == len(predicted)
    assert counts["accepted"] + counts["edited_span"] + counts["edited_field"] + counts["added"] == len(after)
    assert (counts["deleted"], counts["added"]) == (made["deleted"] - made["redrawn"], made["added"])
    assert counts["edited_span"] == made["redrawn"]
    assert counts["edited_field"] >= made["relabelled"]
    assert count_acceptance(predicted, predicted)["accepted"] == len(predicted)
