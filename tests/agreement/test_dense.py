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
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.agreement import matching
from claimkit.agreement.matching import (
    MAX_OVERLAPS_PER_SPAN,
    _overlaps_with_rest,
    jaccard,
    spans_overlap,
    too_dense,
    units,
)
from claimkit.agreement.reading import Bounds
from claimkit.agreement.report import agreement_report
from claimkit.cli import main
from claimkit.loading import load_file
from claimkit.model import Annotation, Claim
from claimkit.taxonomy import ClaimCategory, QuoteType
from tests.agreement.builders import annotation
from tests.conftest import ROOT

RECORDED = ROOT / "tests" / "labelstudio" / "cases" / "recorded" / "1.23.2" / "pulled"
SEED = RECORDED / "000_f22616ff3d8ce778.json"
OS = "official_statement"


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


# -- what the review found under the limits: each step is now bounded by the overlapping pairs ------
_SPAN = st.tuples(st.integers(0, 110), st.integers(1, 10)).map(lambda p: (p[0], p[0] + p[1]))


def _brute_force_overlaps(group: list[tuple[str, int]], annotations: dict[str, Annotation]) -> dict[Any, float]:
    """The sums as they were made before: every other member of the component, zero or not."""
    return {
        (name, index): sum(
            jaccard(annotations[name].claims[index], annotations[n].claims[i]) for n, i in group if n != name
        )
        for name, index in group
    }


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_SPAN, min_size=1, max_size=8), min_size=2, max_size=4))
def test_overlaps_with_rest_are_the_sums_they_were_to_the_last_bit(spans: list[list[tuple[int, int]]]) -> None:
    annotations = {f"a{n}": annotation(f"a{n}", *[(s, e, OS) for s, e in own]) for n, own in enumerate(spans)}
    group = [(name, index) for name in sorted(annotations) for index in range(len(annotations[name].claims))]
    assert _overlaps_with_rest(group, annotations) == _brute_force_overlaps(group, annotations)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPAN, max_size=20), st.lists(_SPAN, max_size=20))
def test_spans_overlap_swept_or_pair_by_pair_is_the_same(left: list[Bounds], right: list[Bounds]) -> None:
    brute = any(s1 < e2 and s2 < e1 for s1, e1 in left for s2, e2 in right)
    assert spans_overlap(left, right) == brute


def test_a_chain_of_claims_is_split_by_its_overlaps_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Claims staggered so that each overlaps the next annotator's (a0-b0, b0-c0, c0-a1, ...) make one
    component of 3 × 400 claims: it was split with a Jaccard overlap of every two members (counted
    here, not timed), now from the pairs that overlap."""
    calls = []
    original = matching.jaccard
    monkeypatch.setattr(matching, "jaccard", lambda *a: calls.append(1) or original(*a))
    chained = {name: [] for name in "abc"}
    for n in range(400):
        for step, name in enumerate("abc"):
            start = n * 30 + step * 10
            chained[name].append((start, start + 15))
    text = "أ" * (400 * 30 + 30)
    found = {name: _annotation_on(text, name, spans) for name, spans in chained.items()}
    assert too_dense(found) is None
    made = units(found)
    assert sum(len(u.members) for u in made) == 1200
    assert len(calls) < 1_000  # was 6 × 400 × 400 = 960,000


def _annotation_on(text: str, name: str, spans: list[Bounds]) -> Annotation:
    claims = [
        Claim(
            id=f"c{n}", start=s, end=e, text=text[s:e], category=ClaimCategory.OFFICIAL_STATEMENT, quote=QuoteType.NONE
        )
        for n, (s, e) in enumerate(spans)
    ]
    return Annotation(annotator=name, claims=claims)


def test_the_limit_counts_every_pair_of_annotators_of_a_document() -> None:
    """Six annotators of 900 claims that each overlap one claim of the others: each pair is far from
    dense, but the document would ask for 15 assignments of 810,000 cells."""
    text = "أ" * 9_000
    spans = [(n * 10, n * 10 + 5) for n in range(900)]
    found = {f"a{n}": _annotation_on(text, f"a{n}", spans) for n in range(6)}
    assert "pairs of spans in all" in (too_dense(found) or "")
    assert too_dense({name: found[name] for name in ("a0", "a1")}) is None


def test_g002_is_said_of_the_dense_file_only_when_another_has_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dense = _write(tmp_path / "dense", _repeated(1500))
    fine = _write(tmp_path / "fine", _repeated(2))
    assert main(["agree", str(tmp_path / "dense"), str(tmp_path / "fine"), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    found = sorted((i["code"], i["location"]["file"]) for i in out["issues"])
    assert found == [("D013", str(fine)), ("G002", str(dense))]  # and two files of one document are an error
    assert out["summary"]["documents"] == 1
