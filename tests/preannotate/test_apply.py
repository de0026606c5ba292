"""Proposals into document files: only the previous proposal is replaced, nothing else is touched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimkit.loading import load_file
from claimkit.model import Annotation, Document, Generator
from claimkit.preannotate import NAME, VERSION, apply, preannotate_file, proposal_of, propose, propose_row
from claimkit.preannotate.apply import propose_lines
from tests.conftest import ROOT

SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / SEED.name
    shutil.copy(SEED, target)
    return target


def test_a_proposal_is_written_once_and_then_left_alone(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    assert preannotate_file(str(path)).action == "written"
    first = path.read_bytes()
    assert preannotate_file(str(path)).action == "unchanged"
    assert path.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == [SEED.name]  # no temporary file left behind


def test_human_work_and_other_predictions_are_kept(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    original = load_file(path).file
    assert original is not None
    human = original.gold.model_copy(update={"annotator": "ann-1", "adjudication": None})  # type: ignore[union-attr]
    other = Annotation(annotator="other-tool", generator=Generator(name="other-tool", version="2.0.0"))
    stale = Annotation(annotator=NAME, generator=Generator(name=NAME, version="0.9.0"))
    seeded = original.model_copy(update={"annotations": [human], "predictions": [stale, other]})
    path.write_text(seeded.model_dump_json(exclude_none=True, indent=2) + "\n", encoding="utf-8")
    assert preannotate_file(str(path)).action == "written"
    after = load_file(path).file
    assert after is not None
    assert after.annotations == [human] and after.gold == original.gold
    assert [p.generator.name for p in after.predictions if p.generator] == ["other-tool", NAME]
    proposal = proposal_of(after)
    assert proposal is not None and proposal.generator is not None and proposal.generator.version == VERSION
    assert after.schema_version == "1.1.0"


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    before = path.read_bytes()
    assert preannotate_file(str(path), dry_run=True).action == "would-write"
    assert path.read_bytes() == before


def test_an_unreadable_file_is_reported_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    outcome = preannotate_file(str(path))
    assert (outcome.action, [i.code for i in outcome.issues]) == ("failed", ["F005"])
    assert path.read_text(encoding="utf-8") == "{not json"


def test_rows_become_proposal_rows_or_coded_refusals() -> None:
    text = SEED.read_text(encoding="utf-8")
    document = json.loads(text)["document"]
    row = propose_row({"id": document["id"], "text": document["text"], "outlet": document["outlet"]}, "s.jsonl")
    assert (row["claims"], row["text_sha256"], row["issues"]) == (22, document["text_sha256"], "[]")
    assert Annotation.model_validate_json(row["proposal"]).generator is not None
    refused = propose_lines(["{}", "not json", "", '{"id": "Bad Id", "text": "x"}'], "s.jsonl")
    codes = [[issue["code"] for issue in json.loads(r["issues"])] for r in refused]
    assert codes == [["P003"], ["P003"], ["I002"]]
    assert all(r["proposal"] is None and r["generator"] == NAME for r in refused)


PULLED = ROOT / "tests" / "labelstudio" / "cases" / "recorded" / "1.23.2" / "pulled"
RECORDED = PULLED / "o003-emoji-crlf-diacritics.json"


def test_a_pull_landing_while_proposing_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file as a real pull left it (two annotators) lands while the proposal of the older file
    (one annotator) is made: the proposal must not be written over it, and the failure is coded."""
    path = tmp_path / RECORDED.name
    pulled = RECORDED.read_bytes()
    older = json.loads(pulled)
    older["annotations"] = older["annotations"][:1]
    path.write_text(json.dumps(older, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def propose_while_a_pull_lands(document: Document) -> Annotation:
        path.write_bytes(pulled)
        return propose(document)

    monkeypatch.setattr(apply, "propose", propose_while_a_pull_lands)
    outcome = preannotate_file(str(path))
    assert (outcome.action, [i.code for i in outcome.issues]) == ("failed", ["E216"])
    assert path.read_bytes() == pulled
    assert [p.name for p in tmp_path.iterdir()] == [RECORDED.name]


def test_a_proposal_that_would_make_the_file_too_large_for_validate_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate refuses a file over the size limit (F006): a proposal must not make one. The limit is
    set just above the seed's size here instead of writing a 10 MB article."""
    path = _copy(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(apply, "MAX_FILE_BYTES", len(before) + 100)
    outcome = preannotate_file(str(path))
    assert (outcome.action, [(i.code, i.location.pointer) for i in outcome.issues]) == (
        "failed",
        [("P001", "/predictions")],
    )
    assert path.read_bytes() == before
