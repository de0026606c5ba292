"""Adjudication: unanimous claims become gold, conflicts are listed with every annotator's choice."""

from __future__ import annotations

import json
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimkit import adjudicate as adjudication
from claimkit.adjudicate import Adjudicated, adjudicate, conflict_prediction, record_review
from claimkit.cli import main
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.loading import load_file
from claimkit.model import DocumentFile
from claimkit.storage import write_document_file
from claimkit.taxonomy import AdjudicationMethod, SourceNaming
from claimkit.validate import check_document
from tests.agreement.builders import annotation, document

OS, AO, RF = "official_statement", "analyst_opinion", "reported_fact"
CLAIMS = [(0, 10, OS, "A"), (20, 30, AO, "B"), (40, 50, RF)]


def test_unanimous_annotators_make_the_gold() -> None:
    result = adjudicate(document(annotation("x", *CLAIMS), annotation("y", *CLAIMS)))
    assert result is not None
    assert result.conflicts == []
    gold = result.gold
    assert gold is not None
    assert gold.adjudication is not None
    assert gold.adjudication.method is AdjudicationMethod.UNANIMOUS
    assert [(c.start, c.category) for c in gold.claims] == [(0, OS), (20, AO), (40, RF)]
    assert all(d.agreed == ["x", "y"] and d.dissented == [] for d in gold.adjudication.decisions)
    assert {s.name for s in gold.sources} == {"A", "B"}


def test_a_single_annotator_is_recorded_as_such() -> None:
    result = adjudicate(document(annotation("x", *CLAIMS)))
    assert result is not None
    assert result.gold is not None
    assert result.gold.adjudication is not None
    assert result.gold.adjudication.method is AdjudicationMethod.SINGLE_ANNOTATOR


def test_conflicts_list_each_annotators_choice() -> None:
    x = annotation("x", (0, 10, OS, "A"), (20, 30, AO, "B"), (40, 50, RF))
    y = annotation("y", (0, 10, AO, "A"), (20, 30, AO, "B"))
    result = adjudicate(document(x, y))
    assert result is not None
    assert result.gold is None
    assert [(c.start, c.category) for c in result.candidate.claims] == [(20, AO)]
    choices = [conflict.choices for conflict in result.conflicts]
    assert {(name, choice["category"] if choice else None) for c in choices for name, choice in c.items()} == {
        ("x", OS),
        ("y", AO),
        ("x", RF),
        ("y", None),
    }


def test_a_source_of_another_speaker_is_a_conflict() -> None:
    result = adjudicate(document(annotation("x", (0, 10, AO, "A")), annotation("y", (0, 10, AO, "B"))))
    assert result is not None
    assert len(result.conflicts) == 1


def test_conflict_prediction_offers_every_variant() -> None:
    file = document(
        annotation("x", (0, 10, OS, "A"), (20, 30, AO, "B")), annotation("y", (0, 10, AO, "A"), (20, 30, AO, "B"))
    )
    result = adjudicate(file)
    assert result is not None
    prediction = conflict_prediction(file, result)
    assert sorted(c.id for c in prediction.claims) == ["c1", "x.c0", "y.c0"]
    checked = check_document(DocumentFile(document=file.document, gold=prediction))
    assert [i.code for i in checked if i.severity == "error"] == []
    assert annotation_to_result(prediction)  # a valid Label Studio prediction can be made of it


def test_record_review_says_who_agreed() -> None:
    x = annotation("x", (0, 10, OS, "A"), (20, 30, AO, "B"))
    y = annotation("y", (0, 10, AO, "A"), (20, 30, AO, "B"))
    review = annotation("reviewer", (0, 10, OS, "A"), (20, 30, AO, "B"))
    decided = record_review(review, [x, y])
    assert decided.method is AdjudicationMethod.REVIEWER
    assert decided.reviewer == "reviewer"
    assert [(d.agreed, d.dissented) for d in decided.decisions] == [(["x"], ["y"]), (["x", "y"], [])]


def test_cli_writes_gold_only_where_there_is_no_conflict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agreed = document(annotation("x", *CLAIMS), annotation("y", *CLAIMS), doc_id="agreed")
    disputed = document(annotation("x", (0, 10, OS, "A")), annotation("y", (0, 10, AO, "A")), doc_id="disputed")
    for file in (agreed, disputed):
        write_document_file(tmp_path / f"{file.document.id}.json", file)
    assert main(["adjudicate", str(tmp_path), "--dry-run"]) == 1
    assert load_file(tmp_path / "agreed.json").file.gold is None  # type: ignore[union-attr]
    assert main(["adjudicate", str(tmp_path)]) == 1  # a conflict is left for a reviewer
    out = capsys.readouterr().out
    assert "agreed: gold written" in out
    assert "disputed: 1 conflicts" in out
    assert load_file(tmp_path / "agreed.json").file.gold is not None  # type: ignore[union-attr]
    assert load_file(tmp_path / "disputed.json").file.gold is None  # type: ignore[union-attr]
    assert main(["validate", str(tmp_path / "agreed.json"), "--select", "R,A,D,O,S"]) == 0


@pytest.mark.parametrize(
    ("change", "code", "pointer"),
    [
        ({"text": "not what it covers"}, "O003", "/annotations/0/claims/0/text"),
        ({"parent": "c0"}, "R005", "/annotations/0/claims/0/parent"),
        ({"end": 10**6}, "O001", "/annotations/0/claims/0/end"),
    ],
    ids=["text-mismatch", "self-parent", "past-the-text"],
)
def test_no_gold_is_made_from_annotations_with_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, object], code: str, pointer: str
) -> None:
    """Both annotators agree, but on a claim that breaks a rule: the gold would carry the error."""
    x, y = annotation("x", *CLAIMS), annotation("y", *CLAIMS)
    broken = [x.claims[0].model_copy(update=change), *x.claims[1:]]
    y_broken = [y.claims[0].model_copy(update=change), *y.claims[1:]]
    file = document(x.model_copy(update={"claims": broken}), y.model_copy(update={"claims": y_broken}))
    write_document_file(tmp_path / "doc.json", file)
    assert main(["adjudicate", str(tmp_path), "--format", "json"]) == 1
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert (code, pointer) in {(i["code"], i["location"]["pointer"]) for i in issues}
    assert load_file(tmp_path / "doc.json").file.gold is None  # type: ignore[union-attr]


@pytest.mark.parametrize("change", ["merged-speakers", "naming"])
def test_annotators_who_disagree_on_the_speaker_record_are_a_conflict(change: str) -> None:
    """Overlapping mentions are one speaker for agreement; the gold's source record is published whole:
    one annotator merging two speakers (an extra mention), or naming them otherwise, is a conflict."""
    x, y = annotation("x", (0, 10, OS, "A")), annotation("y", (0, 10, OS, "A"))
    source = y.sources[0]
    if change == "merged-speakers":
        mentions = [*source.mentions, source.mentions[0].model_copy(update={"start": 110, "end": 115})]
        changed = source.model_copy(update={"mentions": mentions})
    else:
        changed = source.model_copy(update={"naming": SourceNaming.UNNAMED_DESCRIBED})
    y = y.model_copy(update={"sources": [changed]})
    adjudicated = adjudicate(document(x, y))
    assert adjudicated is not None
    assert (len(adjudicated.conflicts), adjudicated.gold) == (1, None)
    assert adjudicate(document(x, annotation("y", (0, 10, OS, "A")))).gold is not None  # type: ignore[union-attr]


def test_json_is_one_document_with_results_and_issues(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    disputed = document(annotation("x", (0, 10, OS, "A")), annotation("y", (0, 10, AO, "A")), doc_id="disputed")
    write_document_file(tmp_path / "disputed.json", disputed)
    (tmp_path / "broken.json").write_text('{"schema_version": "1.0.0"}', encoding="utf-8")  # a structure issue
    assert main(["adjudicate", str(tmp_path), "--dry-run", "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)  # trailing text would fail to parse
    assert out["summary"]["to_review"] == ["disputed"]
    assert [d["doc_id"] for d in out["summary"]["documents"]] == ["disputed"]
    assert {(i["code"][0], i["location"]["file"].endswith("broken.json")) for i in out["issues"]} == {("S", True)}


RECORDED = Path(__file__).parents[1] / "labelstudio" / "cases" / "recorded" / "1.23.2" / "pulled"


def test_a_pull_landing_while_adjudicating_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A real pull (two annotators) lands while the file read before it (one annotator) is being
    adjudicated: its single-annotator gold must not be written over the second annotator's work."""
    pulled = (RECORDED / "o003-emoji-crlf-diacritics.json").read_bytes()
    older = json.loads(pulled)
    older["annotations"] = older["annotations"][:1]
    path = tmp_path / "o003-emoji-crlf-diacritics.json"
    path.write_text(json.dumps(older, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def adjudicate_while_a_pull_lands(file: DocumentFile, made_at: datetime | None = None) -> Adjudicated | None:
        path.write_bytes(pulled)
        return adjudicate(file, made_at)

    monkeypatch.setattr(adjudication, "adjudicate", adjudicate_while_a_pull_lands)
    assert main(["adjudicate", str(tmp_path), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [(i["code"], Path(i["location"]["file"]).name) for i in out["issues"]] == [("E216", path.name)]
    assert path.read_bytes() == pulled
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_force_keeps_a_reviewers_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The recorded r005: a reviewer decided four claims in Label Studio over one annotator's empty
    annotation. ``--force`` recomputed it into an empty single-annotator gold, saying only "written"."""
    recorded = (RECORDED / "r005-chain.json").read_bytes()
    path = tmp_path / "r005-chain.json"
    path.write_bytes(recorded)
    assert main(["adjudicate", str(tmp_path), "--force", "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["location"]["pointer"]) for i in out["issues"]] == [("E217", "/gold")]
    assert path.read_bytes() == recorded


def test_force_recomputes_computed_gold_and_says_it_replaced_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "000_f22616ff3d8ce778.json"
    path.write_bytes((RECORDED / path.name).read_bytes())
    assert main(["adjudicate", str(tmp_path)]) == 0
    assert main(["adjudicate", str(tmp_path), "--force"]) == 0
    assert "replacing the previous single_annotator gold" in capsys.readouterr().out


def test_conflicts_cannot_smuggle_workflow_commands_into_a_ci_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A source name is typed in a multi-line text area: on the recorded o003, a line of it starting
    with ``::`` must not start a line of the conflict listing (GitHub would run it as a command)."""
    recorded = json.loads((RECORDED / "o003-emoji-crlf-diacritics.json").read_bytes())
    for one in recorded["annotations"]:
        for source in one["sources"]:
            source["name"] += "\n::error file=x.py::forged\r\n::add-mask::\u202e"
    (tmp_path / "o003.json").write_text(json.dumps(recorded, ensure_ascii=False), encoding="utf-8")
    assert main(["adjudicate", str(tmp_path), "--dry-run"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 7 and not [line for line in lines if line.lstrip().startswith("::") or "\u202e" in line]


def test_no_gold_is_made_from_empty_annotations_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The recorded r005 before its review: one annotator submitted it without a region. Adjudication
    wrote an empty single-annotator gold, as if the article had no claim."""
    recorded = json.loads((RECORDED / "r005-chain.json").read_bytes())
    del recorded["gold"]
    path = tmp_path / "r005-chain.json"
    path.write_text(json.dumps(recorded, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    before = path.read_bytes()
    assert main(["adjudicate", str(tmp_path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["location"]["pointer"]) for i in out["issues"]] == [("G001", "/annotations/0")]
    assert out["summary"]["documents"] == [] and path.read_bytes() == before


def test_documents_whose_gold_is_kept_are_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --force a document that has a gold is not adjudicated again: the summary names it."""
    shutil.copy(RECORDED / "r005-chain.json", tmp_path / "r005-chain.json")
    before = (tmp_path / "r005-chain.json").read_bytes()
    assert main(["adjudicate", str(tmp_path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["gold_kept"] == ["r005-chain"] and out["summary"]["documents"] == []
    assert (tmp_path / "r005-chain.json").read_bytes() == before


@pytest.mark.parametrize("command", [["agree"], ["adjudicate", "--dry-run"]])
def test_an_annotator_with_two_annotations_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """The recorded o003 was imported twice (tasks 2 and 3, merged into one document); had the first
    annotator submitted both tasks, agreement and adjudication would take the first annotation only."""
    recorded = json.loads((RECORDED / "o003-emoji-crlf-diacritics.json").read_bytes())
    second = json.loads(json.dumps(recorded["annotations"][0]))
    second["origin"] |= {"task": 3, "annotation": 15}
    recorded["annotations"].append(second)
    (tmp_path / "o003.json").write_text(json.dumps(recorded, ensure_ascii=False), encoding="utf-8")
    main([*command, str(tmp_path), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    found = {(i["code"], i["location"]["pointer"]) for i in out["issues"]}
    assert ("D006", "/annotations/2/annotator") in found


def test_the_gold_is_stamped_no_earlier_than_the_annotations_it_was_made_from() -> None:
    """``made_at`` becomes the gold's ``created_at``, raised to the newest annotation when a clock
    runs behind Label Studio's (a fresh gold must not look older than its annotations: D010)."""
    early, late = datetime(2026, 11, 1, 9, tzinfo=UTC), datetime(2026, 11, 2, 9, tzinfo=UTC)
    x = annotation("x", *CLAIMS).model_copy(update={"updated_at": early})
    y = annotation("y", *CLAIMS).model_copy(update={"updated_at": late})
    stamped = adjudicate(document(x, y), made_at=late + timedelta(hours=1))
    behind = adjudicate(document(x, y), made_at=early)
    assert stamped is not None and behind is not None and adjudicate(document(x, y)) is not None
    assert stamped.candidate.created_at == late + timedelta(hours=1)
    assert behind.candidate.created_at == late
    assert adjudicate(document(x, y)).candidate.created_at is None  # type: ignore[union-attr]  # the core reads no clock


def _stale(path: Path) -> list[tuple[str, str]]:
    file = load_file(path).file
    assert file is not None
    return [(i.code, i.location.pointer) for i in check_document(file) if i.code == "D010"]


def _saved_again(path: Path, index: int, *, drop_last_claim: bool) -> None:
    """The annotator saves in Label Studio again (a later ``updated_at``), with or without a change."""
    file = load_file(path).file
    assert file is not None and file.gold is not None and file.gold.created_at is not None
    annotation = file.annotations[index]
    claims = annotation.claims[:-1] if drop_last_claim else annotation.claims
    later = file.gold.created_at + timedelta(minutes=5)
    annotations = list(file.annotations)
    annotations[index] = annotation.model_copy(update={"updated_at": later, "claims": claims})
    write_document_file(path, file.model_copy(update={"annotations": annotations}))


def test_a_pulled_annotation_changed_after_the_gold_is_d010_until_adjudicated_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A recorded pull, adjudicated; then the annotator saves again in Label Studio. Without a change,
    nothing is said (Label Studio moves ``updated_at`` on every save); with one, the gold does not hold
    it and validation and adjudicate say so until the gold is made again."""
    path = tmp_path / "000_f22616ff3d8ce778.json"
    path.write_bytes((RECORDED / path.name).read_bytes())
    assert main(["adjudicate", str(tmp_path)]) == 0
    assert _stale(path) == []
    _saved_again(path, 0, drop_last_claim=False)
    assert _stale(path) == []
    _saved_again(path, 0, drop_last_claim=True)
    assert _stale(path) == [("D010", "/annotations/0/updated_at")]
    assert main(["adjudicate", str(tmp_path)]) == 0  # without --force the gold is kept, and said to be stale
    out = capsys.readouterr().out
    assert "kept as it is" in out and "D010" in out
    assert main(["adjudicate", str(tmp_path), "--force"]) == 0
    assert _stale(path) == []


def test_force_on_annotators_who_now_disagree_says_the_old_gold_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "o003-emoji-crlf-diacritics.json"
    path.write_bytes((RECORDED / path.name).read_bytes())  # a real pull: two annotators
    file = load_file(path).file
    assert file is not None
    same = file.annotations[0].model_copy(update={"annotator": file.annotations[1].annotator})
    write_document_file(path, file.model_copy(update={"annotations": [file.annotations[0], same]}))
    assert main(["adjudicate", str(tmp_path)]) == 0  # they agree: unanimous gold
    _saved_again(path, 1, drop_last_claim=True)
    capsys.readouterr()
    before = path.read_bytes()
    assert main(["adjudicate", str(tmp_path), "--force", "--format", "json"]) == 1  # a conflict now
    out = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["location"]["pointer"]) for i in out["issues"]] == [("D010", "/annotations/1/updated_at")]
    assert path.read_bytes() == before  # the old gold stays until a reviewer decides


def test_a_naive_clock_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        adjudicate(document(annotation("x", *CLAIMS)), made_at=datetime(2026, 11, 30, 12))


def test_without_adjudication_at_hand_d010_falls_back_to_the_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """``claimkit validate`` without the agreement extra (SciPy, when claims compete): the later save
    alone decides, rather than an internal error."""
    case = Path(__file__).parents[1] / "cases" / "D010" / "valid" / "d010-saved-again-unchanged.json"
    file = load_file(case).file
    assert file is not None
    assert [i.code for i in check_document(file) if i.code == "D010"] == []
    monkeypatch.setitem(sys.modules, "claimkit.adjudicate", None)  # importing it now raises ImportError
    found = [(i.code, i.location.pointer) for i in check_document(file) if i.code == "D010"]
    assert found == [("D010", "/annotations/1/updated_at")]
