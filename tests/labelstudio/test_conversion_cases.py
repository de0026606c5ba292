"""Label Studio results and tasks as the UI and the export make them (files in cases/), converted:
every item that cannot be placed is a coded issue at its pointer, and nothing else is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimkit.labelstudio.regions import Provenance, annotation_from_result
from claimkit.labelstudio.tasks import task_to_document_file
from claimkit.model import Document, DocumentFile, text_sha256
from claimkit.taxonomy import Certainty, ClaimCategory, QuoteType, SourceKind, SourceNaming

CASES = Path(__file__).parent / "cases"
RESULTS = sorted((CASES / "results").glob("*.json"))
TASKS = sorted((CASES / "tasks").glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _pairs(issues: list[Any]) -> set[tuple[str, str]]:
    return {(issue.code, issue.location.pointer) for issue in issues}


@pytest.mark.parametrize("case", RESULTS, ids=lambda p: p.stem)
def test_result_case(case: Path) -> None:
    data = _load(case)
    _, issues = annotation_from_result(data["result"], data["text"], Provenance(annotator="ann-t"))
    assert _pairs(issues) == {tuple(pair) for pair in data["expected"]}


def test_ui_like_result_is_read_as_the_annotator_meant_it() -> None:
    data = _load(CASES / "results" / "valid-ui-like.json")
    annotation, _ = annotation_from_result(data["result"], data["text"], Provenance(annotator="ann-t"))
    sources = {s.id: s for s in annotation.sources}
    assert sources["Xk2_9aQ-1z"].kind is SourceKind.GOVERNMENT
    assert sources["dd91LLq0aa"].naming is SourceNaming.UNNAMED_DESCRIBED
    claims = {c.id: c for c in annotation.claims}
    official = claims["Zq81nB_s0e"]
    assert (official.source, official.cue, official.quote) == ("Xk2_9aQ-1z", "p0Lm7Yt3Rw", QuoteType.DIRECT)
    opinion = claims["c2c2c2c2c2"]
    assert (opinion.source, opinion.cue, opinion.quote) == ("dd91LLq0aa", None, QuoteType.INDIRECT)
    assert (opinion.certainty, str(opinion.event_date)) == (Certainty.POSSIBLE, "2025-10-03")
    fact = claims["b1b1b1b1b1"]
    assert fact.text == "🙂\r\nوأكد"  # recomputed from the task text, never taken from value.text
    assert (fact.category, fact.quote, fact.source) == (ClaimCategory.REPORTED_FACT, QuoteType.NONE, None)


def _existing(text: str) -> DocumentFile:
    document = Document(id="o003-doc", title="t", text=text, text_sha256=text_sha256(text), language="ar", outlet="o")
    return DocumentFile(document=document)


@pytest.mark.parametrize("case", TASKS, ids=lambda p: p.stem)
def test_task_case(case: Path) -> None:
    data = _load(case)
    text = _load(CASES / "results" / "valid-ui-like.json")["text"]
    existing = _existing(text) if data["file_exists"] else None
    file, issues = task_to_document_file(data["task"], existing, lambda user: f"ann-{user}", "1.0.0")
    assert _pairs(issues) == {tuple(pair) for pair in data["expected"]}
    if not data["expected"]:
        assert file is not None
        assert [(a.annotator, a.origin.annotation if a.origin else None) for a in file.annotations] == [
            ("ann-2", 8),
            ("ann-3", 9),
        ]
        assert file.annotations[0].lead_time == 12.5
        assert file.annotations[0].created_at is not None


def test_an_annotation_the_project_config_rejects_is_not_pushed() -> None:
    from claimkit.labelstudio.config import labeling_config
    from claimkit.labelstudio.sync import _prediction
    from claimkit.loading import load_file
    from tests.conftest import ROOT

    file = load_file(ROOT / "annotations" / "000_f22616ff3d8ce778.json").file
    assert file is not None
    older = labeling_config().replace('<Label value="Cue"', '<Label value="Attribution"')
    result, issues = _prediction(file, "gold", older, "seed")
    assert result is None
    assert [(i.code, i.location.file) for i in issues] == [("L019", "seed")]
    accepted, none = _prediction(file, "gold", labeling_config(), "seed")
    assert accepted is not None
    assert none == []


#: L codes whose cases need a server; each is asserted in the named live test file.
LIVE_CASES = {"L018": "test_roundtrip_live.py", "L020": "test_roundtrip_live.py"}


def test_every_conversion_code_has_a_case() -> None:
    from claimkit.rules import REGISTRY

    named = {path.stem.split("-")[0] for path in [*RESULTS, *TASKS]}
    this_file = Path(__file__).read_text(encoding="utf-8")
    for code in (c for c in REGISTRY if c.startswith("L")):
        if code in LIVE_CASES:
            assert f'"{code}"' in (Path(__file__).parents[1] / "live" / LIVE_CASES[code]).read_text(encoding="utf-8")
        else:
            assert code in named or f'"{code}"' in this_file, code
