"""Agreement on small cases computed by hand, and the statistics cross-checked on random cases."""

from __future__ import annotations

import json
from collections import Counter
from itertools import permutations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.agreement import agreement_report
from claimkit.agreement.matching import Match, assign, assigned, jaccard, match_claims, overlapping, units
from claimkit.agreement.render import render_agreement
from claimkit.agreement.stats import alpha, kappa, kappa_from_counts
from claimkit.cli import main
from claimkit.model import Claim
from claimkit.storage import write_document_file
from tests.agreement.builders import TEXT, annotation, document

OS, AO, RF = "official_statement", "analyst_opinion", "reported_fact"


def test_perfect_agreement() -> None:
    claims = [(0, 10, OS, "A"), (20, 30, AO, "B"), (40, 50, RF)]
    report = agreement_report([document(annotation("x", *claims), annotation("y", *claims))])
    assert report.mean("exact") == 1.0
    assert report.mean("overlap") == 1.0
    assert report.mean("source") == 1.0
    assert report.alpha["category"].value == pytest.approx(1.0)
    assert report.pairs[0].kappa("category") == pytest.approx(1.0)
    assert report.confusion[(OS, OS)] == 2


def test_total_disagreement_on_spans() -> None:
    report = agreement_report(
        [document(annotation("x", (0, 10, OS), (20, 30, AO)), annotation("y", (40, 50, OS), (60, 70, AO)))]
    )
    assert report.mean("exact") == 0.0
    assert report.mean("overlap") == 0.0
    assert report.alpha["category"].value is None  # no unit has two values: alpha is undefined
    assert report.alpha["category"].units == 0


def test_total_disagreement_on_categories() -> None:
    # By hand: observed agreement 0, expected 0.5 -> kappa = (0 - 0.5) / (1 - 0.5) = -1.
    # Alpha (nominal): 2 units of values {O, A}: D_o = 4/4 = 1, D_e = 8/12 -> alpha = 1 - 1.5 = -0.5.
    report = agreement_report(
        [document(annotation("x", (0, 10, OS), (20, 30, AO)), annotation("y", (0, 10, AO), (20, 30, OS)))]
    )
    assert report.mean("exact") == 1.0
    assert report.pairs[0].kappa("category") == pytest.approx(-1.0)
    assert report.alpha["category"].value == pytest.approx(-0.5)
    assert report.confusion[(OS, AO)] == 2


def test_missing_annotations() -> None:
    # x has three claims, y two of them: F1 = 2 * 2 / (3 + 2) = 0.8; per category OS: 2*1/(1+1)=1, RF: 0/(1+0).
    x = annotation("x", (0, 10, OS, "A"), (20, 30, AO, "B"), (40, 50, RF))
    y = annotation("y", (0, 10, OS, "A"), (20, 30, AO, "B"))
    report = agreement_report([document(x, y)])
    assert report.mean("exact") == pytest.approx(0.8)
    assert report.mean("overlap", OS) == 1.0
    assert report.mean("overlap", RF) == 0.0
    assert report.confusion[(RF, "(no claim)")] == 1


def test_overlap_counts_where_exact_does_not() -> None:
    report = agreement_report([document(annotation("x", (0, 10, OS)), annotation("y", (2, 10, OS)))])
    assert report.mean("exact") == 0.0
    assert report.mean("overlap") == 1.0


def test_one_annotator_only_is_not_agreement() -> None:
    report = agreement_report([document(annotation("x", (0, 10, OS)))])
    assert report.documents == []
    assert report.alpha == {}
    assert report.mean("overlap") is None


def test_three_annotators_pairwise_and_per_annotator() -> None:
    a = annotation("a", (0, 10, OS, "A"), (20, 30, AO, "B"), lead_time=30)
    b = annotation("b", (0, 10, OS, "A"), (20, 30, AO, "B"), lead_time=50)
    c = annotation("c", (0, 10, OS, "A"), lead_time=10)
    report = agreement_report([document(a, b, c)])
    assert [(p.a, p.b) for p in report.pairs] == [("a", "b"), ("a", "c"), ("b", "c")]
    # Pairs: a/b 1.0, a/c 2*1/3, b/c 2*1/3 -> mean (1 + 2/3 + 2/3) / 3.
    assert report.mean("exact") == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)
    assert report.annotators["a"]["mean_lead_time"] == 30
    assert report.annotators["c"]["documents"] == 1


def _reference_alpha(rows: list[list[str | None]]) -> float | None:
    """Nominal alpha from the coincidence matrix (Krippendorff 2011), written out independently."""
    coincidence: Counter[tuple[str, str]] = Counter()
    for column in zip(*rows, strict=True):
        values = [v for v in column if v is not None]
        if len(values) < 2:
            continue
        for i, j in permutations(range(len(values)), 2):
            coincidence[(values[i], values[j])] += 1 / (len(values) - 1)
    labels = sorted({v for pair in coincidence for v in pair})
    n_c = {c: sum(coincidence[(c, k)] for k in labels) for c in labels}
    n = sum(n_c.values())
    if len(labels) < 2 or n <= 1:
        return None
    observed = sum(coincidence[(c, k)] for c in labels for k in labels if c != k)
    expected = sum(n_c[c] * n_c[k] for c in labels for k in labels if c != k) / (n - 1)
    return 1 - observed / expected


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_alpha_matches_an_independent_implementation(data: st.DataObject) -> None:
    raters = data.draw(st.integers(2, 4))
    units_count = data.draw(st.integers(2, 12))
    values = st.one_of(st.none(), st.sampled_from(["O", "A", "R"]))
    rows = [[data.draw(values) for _ in range(units_count)] for _ in range(raters)]
    expected, actual = _reference_alpha(rows), alpha(rows)
    if expected is None:
        assert actual is None
    else:
        assert actual == pytest.approx(expected, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("OAR"), st.sampled_from("OAR")), min_size=1, max_size=30))
def test_kappa_matches_the_formula(pairs: list[tuple[str, str]]) -> None:
    left, right = [a for a, _ in pairs], [b for _, b in pairs]
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    expected = sum(left.count(c) * right.count(c) for c in "OAR") / n**2
    value = kappa(left, right)
    if len(set(left) | set(right)) < 2 or expected == 1:
        assert value is None
    else:
        assert value == pytest.approx((observed - expected) / (1 - expected))


COUNTS = st.dictionaries(
    st.tuples(st.sampled_from(["O", "A", "R", "none"]), st.sampled_from(["O", "A", "R", "none"])),
    st.integers(1, 10_000),
    max_size=16,
)


@settings(max_examples=300, deadline=None)
@given(COUNTS)
def test_kappa_from_counts_is_scikit_learns_to_the_last_bit(counts: dict[tuple[str, str], int]) -> None:
    """The release's kappa is computed without scikit-learn, operation for operation as it does."""
    import warnings

    from sklearn.metrics import cohen_kappa_score

    pairs = sorted(counts)
    labels = {label for pair in pairs for label in pair}
    expected = None
    if len(labels) >= 2:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            weights = [counts[p] for p in pairs]
            value = float(cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs], sample_weight=weights))
        expected = None if value != value else value
    assert kappa_from_counts(counts) == expected  # exactly: the card's figures must not move


def _claims(spans: list[tuple[int, int]]) -> list[Claim]:
    return [
        Claim(id=f"c{i}", start=s, end=e, text=TEXT[s:e], category=OS, quote="none") for i, (s, e) in enumerate(spans)
    ]


SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda p: (p[0], p[0] + p[1])), max_size=5)


@settings(max_examples=200, deadline=None)
@given(SPANS, SPANS)
def test_overlap_matching_is_optimal_and_one_to_one(
    left_spans: list[tuple[int, int]], right_spans: list[tuple[int, int]]
) -> None:
    left, right = _claims(left_spans), _claims(right_spans)
    matches = match_claims(left, right, "overlap")
    assert len({m.left for m in matches}) == len(matches) == len({m.right for m in matches})
    assert all(m.overlap > 0 for m in matches)
    best = 0.0
    small, large = (left, right) if len(left) <= len(right) else (right, left)
    for chosen in permutations(range(len(large)), len(small)):
        best = max(best, sum(jaccard(small[i], large[j]) for i, j in enumerate(chosen)))
    assert sum(m.overlap for m in matches) == pytest.approx(best)


@settings(max_examples=200, deadline=None)
@given(SPANS, SPANS)
def test_the_sweep_finds_every_overlap_and_counts_what_assign_matches(
    left: list[tuple[int, int]], right: list[tuple[int, int]]
) -> None:
    candidates = overlapping(left, right)
    every = {
        (i, j): jaccard_of(a, b) for i, a in enumerate(left) for j, b in enumerate(right) if a[0] < b[1] and b[0] < a[1]
    }
    assert candidates == every
    assert assigned(candidates, len(left), len(right)) == len(assign(candidates, len(left), len(right)))


def jaccard_of(a: tuple[int, int], b: tuple[int, int]) -> float:
    return (min(a[1], b[1]) - max(a[0], b[0])) / (max(a[1], b[1]) - min(a[0], b[0]))


def test_units_hold_one_claim_per_annotator() -> None:
    x = annotation("x", (0, 10, OS), (5, 15, OS))
    y = annotation("y", (0, 15, OS))
    found = units({"x": x, "y": y})
    assert all(len(set(u.members)) == len(u.members) for u in found)
    assert sorted(len(u.members) for u in found) == [1, 2]


def test_formats_and_heatmap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = document(
        annotation("ann-x", (0, 10, OS, "A"), (20, 30, AO)), annotation("ann-y", (0, 10, AO, "A"), (20, 30, AO))
    )
    write_document_file(tmp_path / "doc.json", file)
    report = agreement_report([file])
    assert "| claim span F1, exact | 1.000 |" in render_agreement(report, "markdown")
    assert main(["agree", str(tmp_path), "--format", "json", "--heatmap", str(tmp_path / "heat.png")]) == 0
    assert capsys.readouterr().out.startswith("{")
    assert (tmp_path / "heat.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["agree", str(tmp_path), "--format", "text"]) == 0
    assert "ann-x vs ann-y" in capsys.readouterr().out


def test_a_file_left_out_for_an_error_fails_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The figures leave out a file the model refuses (S004: a NaN lead time): exit 1, as validate."""
    file = document(annotation("ann-x", (0, 10, OS)), annotation("ann-y", (0, 10, OS)))
    write_document_file(tmp_path / "doc.json", file)
    assert main(["agree", str(tmp_path), "--format", "json"]) == 0
    raw = (tmp_path / "doc.json").read_text(encoding="utf-8")
    (tmp_path / "doc.json").write_text(raw.replace('"annotator": "ann-x"', '"lead_time": NaN, "annotator": "ann-x"'))
    capsys.readouterr()
    assert main(["agree", str(tmp_path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["files_checked"], [i["code"] for i in report["issues"]]) == (1, ["S004"])


def test_offsets_past_the_text_do_not_stop_agreement() -> None:
    """agree is no validator: a span past the end of the text (O001) is counted up to the end."""
    x = annotation("ann-x", (0, 10, OS))
    far = x.claims[0].model_copy(update={"id": "c9", "start": 110, "end": 10**30})
    report = agreement_report(
        [document(x.model_copy(update={"claims": [*x.claims, far]}), annotation("ann-y", (0, 10, OS)))]
    )
    assert report.document_count == 1


def test_units_refuse_a_match_naming_a_claim_an_annotator_does_not_have() -> None:
    x, y = annotation("x", (0, 10, OS)), annotation("y", (0, 10, OS))
    with pytest.raises(ValueError, match="names a claim"):
        units({"x": x, "y": y}, {("x", "y"): [Match(0, 1, 1.0)]})
