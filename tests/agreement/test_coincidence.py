"""The coincidence accumulator: exact whole-number sums, so its figures are those of the plain
accumulation, and the same to the last bit whatever the order or grouping of the documents."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimkit.agreement import agreement_report
from claimkit.agreement.stats import (
    Coincidence,
    Counts,
    Estimate,
    document_weights,
    nominal_alpha,
    unit_cells,
    unit_counts,
)
from tests.agreement.builders import annotation, document

Units = list[tuple[str, ...]]
UNIT = st.lists(st.sampled_from("abcdef"), min_size=1, max_size=6).map(tuple)
DOCUMENTS = st.lists(st.lists(UNIT, max_size=5), min_size=1, max_size=6)


def _plain(documents: list[Units]) -> Estimate:
    """The textbook accumulation in floating point: each unit's cells ``1 / (m - 1)`` added in
    turn, document after document, replicates kept as ``samples × K × K``."""
    labels = sorted({value for units in documents for unit in units for value in unit})
    index = {label: number for number, label in enumerate(labels)}
    total: Any = np.zeros((len(labels), len(labels)))
    replicates: Any = np.zeros((1000, len(labels), len(labels)))
    count = documents_added = 0
    for number, units in enumerate(documents):
        pairable = sum(len(unit) >= 2 for unit in units)
        if not pairable:
            continue
        count, documents_added = count + pairable, documents_added + 1
        weights = document_weights(f"doc-{number}")
        for unit in units:
            for (left, right), value in unit_cells(unit):
                total[index[left], index[right]] += value
                replicates[:, index[left], index[right]] += value * weights
    value = float(nominal_alpha(total)) if total.size else math.nan
    if math.isnan(value):
        return Estimate(None, units=count)
    samples = nominal_alpha(replicates)
    samples = samples[~np.isnan(samples)]
    if documents_added < 2 or samples.size == 0:
        return Estimate(value, units=count)
    low, high = np.percentile(samples, [2.5, 97.5])
    return Estimate(value, float(low), float(high), count)


def _counts(units: Units) -> tuple[Counts, int]:
    counts: dict[tuple[int, str, str], int] = defaultdict(int)
    for unit in units:
        for (left, right), count in unit_counts(unit):
            counts[(len(unit) - 1, left, right)] += count
    return counts, sum(len(unit) >= 2 for unit in units)


def _accumulated(documents: list[tuple[int, Units]], batch: int = Coincidence.BATCH) -> Coincidence:
    accumulated = Coincidence()
    accumulated.BATCH = batch
    for number, units in documents:
        counts, pairable = _counts(units)
        accumulated.add(counts, pairable, document_weights(f"doc-{number}"))
    return accumulated


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS)
@example([[("a", "a", "c", "c"), ("b", "b", "b", "b")]])  # labels first seen as a, c, b: not in sorted order
def test_coincidence_is_the_plain_accumulation(documents: list[Units]) -> None:
    ours, plain = _accumulated(list(enumerate(documents))).estimate(), _plain(documents)
    assert ours.units == plain.units
    for mine, theirs in ((ours.value, plain.value), (ours.low, plain.low), (ours.high, plain.high)):
        assert (mine is None) == (theirs is None)
        if theirs is not None:
            assert mine == pytest.approx(theirs, rel=1e-12, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(DOCUMENTS)
def test_the_matrix_is_the_exact_sum(documents: list[Units]) -> None:
    exact: dict[tuple[str, str], Fraction] = defaultdict(Fraction)
    for units in documents:
        for unit in units:
            for cell, count in unit_counts(unit):
                exact[cell] += Fraction(count, len(unit) - 1)
    labels, total, _ = _accumulated(list(enumerate(documents))).matrices()
    assert labels == sorted({label for cell in exact for label in cell})
    for (left, right), value in exact.items():
        # One rounding per divisor at most (thirds, quarters...), of exactly summed whole numbers.
        assert total[labels.index(left), labels.index(right)] == pytest.approx(float(value), rel=1e-15)


@settings(max_examples=60, deadline=None)
@given(DOCUMENTS, st.integers(0, 2**32), st.integers(1, 7))
def test_order_and_batches_change_nothing_to_the_last_bit(documents: list[Units], seed: int, batch: int) -> None:
    numbered = list(enumerate(documents))
    shuffled = random.Random(seed).sample(numbered, len(numbered))
    first, second = _accumulated(numbered), _accumulated(shuffled, batch)
    assert repr(first.estimate()) == repr(second.estimate())
    for mine, theirs in zip(first.matrices()[1:], second.matrices()[1:], strict=True):
        assert mine.tobytes() == theirs.tobytes()


def test_four_annotators_alpha_is_the_plain_figure() -> None:
    """Category labels met as analyst_opinion, reported_fact, official_statement (one unit splits
    2-2 between the first and the last): a matrix of thirds."""
    ao, os_, rf = "analyst_opinion", "official_statement", "reported_fact"
    made = (annotation(n, (0, 10, c), (20, 30, os_)) for n, c in zip("wxyz", (ao, ao, rf, rf), strict=True))
    expected = _plain([[(ao, ao, rf, rf), (os_,) * 4]])
    found = agreement_report([document(*made)]).alpha["category"]
    assert found.value == pytest.approx(expected.value, rel=1e-15)
    assert (found.low, found.high, found.units) == (None, None, 2)


def test_nothing_pairable_is_no_figure() -> None:
    accumulated = Coincidence()
    accumulated.add({}, 0, document_weights("doc"))
    assert accumulated.estimate() == Estimate(None, units=0)
    assert accumulated.documents == 0
