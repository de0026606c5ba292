"""Streaming agreement gives the figures of the all-at-once computation it replaced, on random corpora."""

from __future__ import annotations

import random
from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.agreement import agreement_report
from claimkit.agreement.matching import match_claims, units
from claimkit.agreement.render import render_agreement
from claimkit.agreement.report import FIELDS, AgreementAccumulator, annotators_of, is_empty
from claimkit.agreement.stats import alpha, kappa
from claimkit.agreement.summary import AgreementSummary, agreement_texts
from claimkit.agreement.tally import field_value
from claimkit.model import DocumentFile
from tests.agreement.builders import annotation, document

CATEGORY = ["official_statement", "analyst_opinion", "reported_fact"]


def _random_corpus(seed: int, documents: int) -> list[DocumentFile]:
    rng = random.Random(seed)
    files = []
    for number in range(documents):
        names = rng.sample(["a", "b", "c", "d"], rng.randint(1, 4))
        made = []
        for name in names:
            claims = []
            for slot in range(rng.randint(0, 5)):
                start = slot * 18 + rng.randint(0, 4)
                category = rng.choice(CATEGORY)
                speaker = [rng.choice("AB")] if category == "official_statement" or rng.random() < 0.5 else []
                claims.append((start, start + rng.randint(3, 12), category, *speaker))
            made.append(annotation(name, *claims, lead_time=rng.choice([None, 10.0, 35.5])))
        files.append(document(*made, doc_id=f"doc-{number}"))
    return files


def _all_at_once(
    files: list[DocumentFile],
) -> tuple[dict[str, float | None], dict[tuple[str, str], list[float | None]]]:
    """The previous implementation's way: every unit of every document kept as reliability data,
    alpha from the ``krippendorff`` library, kappa from label lists. Empty annotations are left
    out as agreement now does (G001); the previous implementation counted them."""
    multi = [{n: a for n, a in annotators_of(f).items() if not is_empty(a)} for f in files]
    multi = [found for found in multi if len(found) >= 2]
    everyone = sorted({n for found in multi for n in found})
    rows: dict[str, dict[str, list[str | None]]] = {f: {n: [] for n in everyone} for f in FIELDS}
    labels: dict[tuple[str, str], dict[str, tuple[list[str], list[str]]]] = {}
    for found in multi:
        for unit in units(found):
            for name in FIELDS:
                for who in everyone:
                    index = unit.members.get(who)
                    value = None if index is None else field_value(found[who], found[who].claims[index], name)
                    rows[name][who].append(value)
        for a, b in combinations(sorted(found), 2):
            pair = labels.setdefault((a, b), {f: ([], []) for f in FIELDS})
            for m in match_claims(found[a].claims, found[b].claims):
                for name in FIELDS:
                    pair[name][0].append(field_value(found[a], found[a].claims[m.left], name))
                    pair[name][1].append(field_value(found[b], found[b].claims[m.right], name))
    alphas = {f: alpha([rows[f][n] for n in everyone]) for f in FIELDS} if everyone else {}
    kappas = {key: [kappa(*pair[f]) for f in FIELDS] for key, pair in labels.items()}
    return alphas, kappas


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 12))
def test_streaming_equals_all_at_once(seed: int, documents: int) -> None:
    files = _random_corpus(seed, documents)
    report = agreement_report(files)
    alphas, kappas = _all_at_once(files)
    assert {f: e.value for f, e in report.alpha.items()} == pytest.approx(alphas, abs=1e-9)
    streamed = {(p.a, p.b): [p.kappa(f) for f in FIELDS] for p in report.pairs}
    assert streamed.keys() == kappas.keys()
    for key, values in kappas.items():
        assert streamed[key] == pytest.approx(values, abs=1e-9)


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000))
def test_the_order_of_documents_changes_nothing(seed: int) -> None:
    files = _random_corpus(seed, 8)
    shuffled = random.Random(seed).sample(files, len(files))
    first, second = agreement_report(files), agreement_report(shuffled)
    # Intervals included: bootstrap weights are seeded by document id (sums may differ in the last bit).
    assert render_agreement(first, "markdown") == render_agreement(second, "markdown")


def test_the_summary_adds_documents_one_at_a_time() -> None:
    files = _random_corpus(7, 10)
    summary = AgreementSummary()
    for file in files:
        summary.add(file)
    assert summary.texts() == agreement_texts(files)
    assert AgreementSummary().texts() is None


def test_the_summary_keeps_no_document() -> None:
    files = _random_corpus(3, 30)
    assert agreement_report(files, keep_documents=False).documents == []
    assert agreement_report(files, keep_documents=False).document_count == agreement_report(files).document_count


def test_a_single_document_has_no_interval_but_a_value() -> None:
    x = annotation("x", (0, 10, "official_statement", "A"), (20, 30, "analyst_opinion"), (40, 50, "reported_fact"))
    y = annotation("y", (0, 10, "analyst_opinion", "A"), (20, 30, "analyst_opinion"), (40, 50, "reported_fact"))
    estimate = agreement_report([document(x, y)]).alpha["category"]
    assert estimate.value is not None
    assert (estimate.low, estimate.high) == (None, None)
    assert Counter(estimate.to_dict()) == Counter({"value": estimate.value, "low": None, "high": None, "units": 3})


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 14), st.lists(st.integers(1, 6), min_size=1, max_size=8))
def test_adding_documents_together_gives_the_same_figures(seed: int, documents: int, sizes: list[int]) -> None:
    """``add_all`` takes each step over all its documents before the next: every figure, interval and
    row must still be the same to the last bit as adding the documents one by one."""
    files = _random_corpus(seed, documents)
    one = AgreementAccumulator(seed=seed)
    left_one = [one.add(file) for file in files]
    together, left_together, at = AgreementAccumulator(seed=seed), [], 0
    while at < len(files):
        size = sizes[at % len(sizes)]
        left_together += together.add_all(files[at : at + size])
        at += size
    assert left_together == left_one
    assert together.report().to_dict() == one.report().to_dict()
    assert together.add_all([]) == []
