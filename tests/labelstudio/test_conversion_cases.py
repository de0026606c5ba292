"""Label Studio result lists (files in cases/results/), converted: every item that cannot be placed
is a coded issue at its pointer, and nothing else is. Whole tasks are tested on exports recorded
from real servers (test_recorded_exports.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimkit.labelstudio.regions import Provenance, annotation_from_result
from claimkit.taxonomy import Certainty, ClaimCategory, QuoteType, SourceKind, SourceNaming

CASES = Path(__file__).parent / "cases"
RESULTS = sorted((CASES / "results").glob("*.json"))


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


def test_an_annotation_the_project_config_rejects_is_not_pushed() -> None:
    from claimkit.labelstudio.config import labeling_config
    from claimkit.labelstudio.predictions import prediction as _prediction
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


#: L codes whose cases are whole tasks: each is asserted in the named test file.
TASK_CASES = {
    "L005": "test_recorded_exports.py",
    "L009": "recorded.py",
    "L013": "recorded.py",
    "L014": "recorded.py",
    "L016": "recorded.py",
    "L017": "recorded.py",
    "L018": "../live/test_roundtrip_live.py",
    "L020": "../live/test_roundtrip_live.py",
    "L040": "recorded.py",
    "L041": "recorded.py",
    "L042": "recorded.py",
    "L043": "recorded.py",
    "L044": "recorded.py",
    "L045": "test_import_cli.py",
    "L046": "test_recorded_exports.py",
    "L047": "test_recorded_exports.py",
    "L048": "test_recorded_exports.py",
    "L049": "test_recorded_exports.py",
    "L050": "test_recorded_exports.py",
    "L051": "test_recorded_exports.py",
    "L052": "test_recorded_exports.py",
    "L053": "test_recorded_exports.py",
    "L054": "test_recorded_exports.py",
    "L055": "test_recorded_exports.py",
    "L056": "test_import_hostile_values.py",
}


def test_every_conversion_code_has_a_case() -> None:
    from claimkit.rules import all_codes

    named = {path.stem.split("-")[0] for path in RESULTS}
    this_file = Path(__file__).read_text(encoding="utf-8")
    for code in (c for c in all_codes() if c.startswith("L")):
        if code in TASK_CASES:
            assert f'"{code}"' in (Path(__file__).parent / TASK_CASES[code]).read_text(encoding="utf-8"), code
        else:
            assert code in named or f'"{code}"' in this_file, code
