"""The proposer against hand-written gold: the issue's targets on the seed, and the case articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimkit.loading import load_documents
from claimkit.model import DocumentFile
from claimkit.preannotate import propose
from claimkit.preannotate.evaluate import baseline, evaluate, evaluate_all
from claimkit.preannotate.report import targets_met
from claimkit.validate import check_document
from tests.preannotate.conftest import CASES, HELDOUT


def _files(*paths: Path) -> list[DocumentFile]:
    files, issues = load_documents([str(p) for p in paths])
    assert issues == []
    return [file for _, file in files]


def test_the_seed_meets_every_target_of_the_issue(seed_path: Path) -> None:
    found = targets_met(evaluate(_files(seed_path)))
    assert {label: met for label, (_, _, met) in found.items()} == dict.fromkeys(found, True), found


def test_the_proposer_beats_the_baseline_everywhere(seed_path: Path) -> None:
    results = evaluate_all(_files(seed_path, CASES, HELDOUT))
    ours, base = results.values()
    assert ours.spans["claims/overlap"].f1 > base.spans["claims/overlap"].f1
    assert ours.category.value > base.category.value
    assert base.spans["cues/overlap"].matched == 0 and base.source_all.right == 0


@pytest.mark.parametrize("path", sorted(CASES.glob("*.json")) + sorted(HELDOUT.glob("*.json")), ids=lambda p: p.stem)
def test_each_article_is_mostly_found(path: Path) -> None:
    """Per article: most claims found with the right category, every proposed cue a gold cue."""
    evaluation = evaluate(_files(path))
    assert evaluation.spans["claims/overlap"].recall >= 0.6
    assert evaluation.spans["cues/overlap"].precision in (None, 1.0)
    assert evaluation.category.value is not None and evaluation.category.value >= 0.6


@pytest.mark.parametrize("path", sorted(CASES.glob("*.json")), ids=lambda p: p.stem)
def test_pattern_cases_are_found_exactly(path: Path) -> None:
    """The pattern articles (officials, analysts, NGOs, witnesses, rumours, denials, nested quotes)."""
    evaluation = evaluate(_files(path))
    for unit in ("claims", "sources", "cues"):
        assert evaluation.spans[f"{unit}/overlap"].f1 == 1.0, unit
    assert (evaluation.category.value, evaluation.source_all.value) == (1.0, 1.0)


def test_proposals_are_valid_and_deterministic(seed_path: Path) -> None:
    for file in _files(seed_path, CASES, HELDOUT):
        first, second = propose(file.document), propose(file.document)
        assert first == second
        issues = check_document(file.model_copy(update={"predictions": [first]}))
        assert [i for i in issues if i.location.pointer.startswith("/predictions") and i.severity != "info"] == []


def test_the_baseline_is_every_sentence_outside_furniture(seed_path: Path) -> None:
    (file,) = _files(seed_path)
    claims = baseline(file.document).claims
    assert claims[0].text.startswith("وصل وفد رسمي") and claims[-1].text.endswith("تلك الدعوات")
    assert all(c.category == "reported_fact" and c.source is None for c in claims)
    issues = check_document(file.model_copy(update={"predictions": [baseline(file.document)]}))
    assert [i for i in issues if i.location.pointer.startswith("/predictions")] == []
