"""Gamma through pygamma-agreement (the real library): perfect agreement is 1, disagreement less,
and a document's value is reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimkit.agreement.gamma import document_gamma
from claimkit.cli import main
from claimkit.storage import write_document_file
from tests.agreement.builders import annotation, document

OS, AO, RF = "official_statement", "analyst_opinion", "reported_fact"
CLAIMS = [(0, 10, OS, "A"), (20, 30, AO, "B"), (40, 50, RF), (60, 70, RF)]


def test_gamma_of_identical_annotators_is_one() -> None:
    assert document_gamma({"x": annotation("x", *CLAIMS), "y": annotation("y", *CLAIMS)}) == pytest.approx(1.0)


def test_gamma_drops_with_disagreement_and_is_reproducible() -> None:
    other = [(0, 10, AO, "A"), (22, 30, AO, "B"), (80, 95, RF)]
    readings = {"x": annotation("x", *CLAIMS), "y": annotation("y", *other)}
    first, second = document_gamma(readings), document_gamma(readings)
    assert first is not None
    assert first < 0.9
    assert first == second


def test_agree_gamma_in_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_document_file(tmp_path / "doc.json", document(annotation("x", *CLAIMS), annotation("y", *CLAIMS)))
    assert main(["agree", str(tmp_path), "--gamma", "--format", "json"]) == 0
    gamma = json.loads(capsys.readouterr().out)["summary"]["gamma"]
    assert gamma["documents"] == 1
    assert gamma["mean"] == pytest.approx(1.0)
    assert main(["agree", str(tmp_path)]) == 0
    assert "not computed here" in capsys.readouterr().out
