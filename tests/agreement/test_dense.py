"""G002: annotations that overlap too densely to be matched are left out, in bounded time and memory.

The case is the recorded pull of the seed article (what Label Studio really exported), read by three
annotators each of whom labeled its first claim 1,500 times: before, ``claimkit agree`` took 22 s and
680 MB on this one file and ``claimkit adjudicate`` 14 s and 440 MB, and a 10 MB file of such regions
would have taken a release past the machine's memory.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from claimkit.agreement.matching import MAX_OVERLAPS_PER_SPAN, too_dense
from claimkit.agreement.report import agreement_report
from claimkit.cli import main
from claimkit.loading import load_file
from tests.conftest import ROOT

RECORDED = ROOT / "tests" / "labelstudio" / "cases" / "recorded" / "1.23.2" / "pulled"
SEED = RECORDED / "000_f22616ff3d8ce778.json"


def _repeated(times: int) -> dict[str, Any]:
    """The recorded file with three annotators, each with its first claim labeled ``times`` times."""
    recorded = json.loads(SEED.read_bytes())
    first = recorded["annotations"][0]
    annotators = []
    for number in range(3):
        annotation = copy.deepcopy(first)
        annotation["annotator"] = f"ann-{number}repeat"
        claim = {key: value for key, value in first["claims"][0].items() if key != "parent"}
        annotation["claims"] = [{**claim, "id": f"c{n}"} for n in range(times)]
        annotators.append(annotation)
    return {**recorded, "annotations": annotators}


def _write(folder: Path, data: dict[str, Any]) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / SEED.name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def test_real_annotations_are_never_too_dense() -> None:
    for path in sorted((ROOT / "tests").rglob("*.json")):
        loaded = load_file(path)
        if loaded.file is not None and len(loaded.file.annotations) >= 2:
            found = {a.annotator: a for a in loaded.file.annotations}
            assert too_dense(found) is None, path


def test_the_limit_is_per_span_on_average(tmp_path: Path) -> None:
    """Exactly 64 overlapping pairs per span (128 claims on each side) are compared; one more is not."""
    for times, dense in ((2 * MAX_OVERLAPS_PER_SPAN, False), (2 * MAX_OVERLAPS_PER_SPAN + 1, True)):
        file = load_file(_write(tmp_path / str(times), _repeated(times))).file
        assert file is not None
        why = too_dense({a.annotator: a for a in file.annotations})
        assert (why is not None, "claims overlap too densely" in (why or "")) == (dense, dense)


def test_a_dense_document_is_left_out_of_agreement_and_gets_no_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    path = _write(corpus, _repeated(1500))
    assert main(["agree", str(corpus), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["location"]["file"]) for i in out["issues"]] == [("G002", str(path))]
    assert list(out["summary"]["excluded_too_dense"]) == ["000_f22616ff3d8ce778"]
    assert out["summary"]["documents"] == 0
    before = path.read_bytes()
    assert main(["adjudicate", str(corpus), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["location"]["file"]) for i in out["issues"]] == [("G002", str(path))]
    assert out["summary"]["documents"] == [] and path.read_bytes() == before


def test_a_dense_document_leaves_the_other_figures_as_they_were(tmp_path: Path) -> None:
    others = [load_file(p).file for p in sorted(RECORDED.glob("*.json"))]
    dense = load_file(_write(tmp_path, _repeated(1500))).file
    alone = agreement_report([f for f in others if f is not None])
    together = agreement_report([f for f in [*others, dense] if f is not None])
    assert together.to_dict() | {"excluded_too_dense": {}} == alone.to_dict()
    assert list(together.too_dense) == ["000_f22616ff3d8ce778"]
