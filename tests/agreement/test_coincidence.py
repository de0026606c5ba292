"""The coincidence accumulator adds a document's cells at once with the figures of adding them one by one."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimkit.agreement import agreement_report
from claimkit.agreement.stats import Coincidence, Estimate, document_weights, nominal_alpha, unit_cells
from tests.agreement.builders import annotation, document

Units = list[tuple[str, ...]]
UNIT = st.lists(st.sampled_from("abcdef"), min_size=1, max_size=6).map(tuple)


def _one_by_one(documents: list[Units]) -> Estimate:
    """The straightforward accumulation: each cell in sorted order, its labels numbered as they come
    (left, then right), the replicates kept as ``samples × K × K``."""
    labels: dict[str, int] = {}
    total: Any = np.zeros((4, 4))
    replicates: Any = np.zeros((1000, 4, 4))
    count = documents_added = 0

    def index(label: str) -> int:
        nonlocal total, replicates
        if label not in labels:
            if len(labels) == total.shape[0]:
                size = len(labels)
                total = np.pad(total, ((0, size), (0, size)))
                replicates = np.pad(replicates, ((0, 0), (0, size), (0, size)))
            labels[label] = len(labels)
        return labels[label]

    for number, units in enumerate(documents):
        cells, pairable = _cells(units)
        if not pairable:
            continue
        count, documents_added = count + pairable, documents_added + 1
        weights = document_weights(f"doc-{number}")
        for (left, right), value in sorted(cells.items()):
            i, j = index(left), index(right)
            total[i, j] += value
            replicates[:, i, j] += value * weights
    return _estimate(total, replicates, count, documents_added)


def _estimate(total: Any, replicates: Any, count: int, documents: int) -> Estimate:
    value = float(nominal_alpha(total))
    if math.isnan(value):
        return Estimate(None, units=count)
    samples = nominal_alpha(replicates)
    samples = samples[~np.isnan(samples)]
    if documents < 2 or samples.size == 0:
        return Estimate(value, units=count)
    low, high = np.percentile(samples, [2.5, 97.5])
    return Estimate(value, float(low), float(high), count)


def _cells(units: Units) -> tuple[dict[tuple[str, str], float], int]:
    cells: dict[tuple[str, str], float] = defaultdict(float)
    for unit in units:
        for cell, value in unit_cells(unit):
            cells[cell] += value
    return cells, sum(len(unit) >= 2 for unit in units)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(UNIT, max_size=5), min_size=1, max_size=4))
@example([[("a", "a", "c", "c"), ("b", "b", "b", "b")]])  # labels first seen as a, c, b: not in sorted order
def test_coincidence_is_the_one_by_one_accumulation_to_the_last_bit(documents: list[Units]) -> None:
    accumulated = Coincidence()
    for number, units in enumerate(documents):
        cells, pairable = _cells(units)
        accumulated.add(cells, pairable, document_weights(f"doc-{number}"))
    assert repr(accumulated.estimate()) == repr(_one_by_one(documents))


def test_four_annotators_alpha_does_not_depend_on_how_cells_are_added() -> None:
    """Category labels met as analyst_opinion, reported_fact, official_statement (one unit splits
    2-2 between the first and the last): alpha of thirds, summed in that order."""
    ao, os_, rf = "analyst_opinion", "official_statement", "reported_fact"
    made = (annotation(n, (0, 10, c), (20, 30, os_)) for n, c in zip("wxyz", (ao, ao, rf, rf), strict=True))
    expected = _one_by_one([[(ao, ao, rf, rf), (os_,) * 4]])
    assert repr(agreement_report([document(*made)]).alpha["category"]) == repr(expected)
