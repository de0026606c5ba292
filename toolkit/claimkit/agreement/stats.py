"""The statistics. Cohen's kappa from a pair's contingency table, computed as scikit-learn's
``cohen_kappa_score`` computes it (the tests check the two agree to the last bit; importing
scikit-learn took longer than all the kappas of a release). Krippendorff's nominal alpha from a
coincidence matrix accumulated document by document (:class:`Coincidence`, Krippendorff 2011),
cross-checked in the tests against ``krippendorff`` (the reference implementation by Castro, which
needs every unit in memory: :func:`alpha` keeps it for that). Its 95% interval is a Poisson
bootstrap over documents: each document carries 1,000 replicate weights drawn from Poisson(1),
seeded by the document id, so replicate matrices accumulate in a single pass and memory does not
grow with the corpus."""

from __future__ import annotations

import math
import warnings
import zlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations
from typing import Any

__all__ = [
    "BOOTSTRAP_SAMPLES",
    "Coincidence",
    "Counts",
    "Estimate",
    "alpha",
    "alpha_with_interval",
    "document_weights",
    "f1",
    "kappa",
    "kappa_from_counts",
    "nominal_alpha",
    "unit_cells",
    "unit_coincidences",
    "unit_counts",
]

BOOTSTRAP_SAMPLES = 1000


@dataclass(frozen=True)
class Estimate:
    value: float | None
    low: float | None = None
    high: float | None = None
    units: int = 0

    def to_dict(self) -> dict[str, float | int | None]:
        return {"value": self.value, "low": self.low, "high": self.high, "units": self.units}


def f1(matched: int, left: int, right: int) -> float | None:
    """Symmetric F1 of two annotators: 2 * matches / (claims of one + claims of the other)."""
    total = left + right
    return None if total == 0 else 2 * matched / total


def _matrix(rows: Sequence[Sequence[str | None]]) -> tuple[list[list[float]], int]:
    labels = sorted({value for row in rows for value in row if value is not None})
    code = {label: float(i) for i, label in enumerate(labels)}
    return [[code[v] if v is not None else math.nan for v in row] for row in rows], len(labels)


def alpha(rows: Sequence[Sequence[str | None]]) -> float | None:
    """Nominal Krippendorff's alpha of reliability data (annotators x units, ``None`` = missing)."""
    import krippendorff
    import numpy as np

    matrix, labels = _matrix(rows)
    data = np.array(matrix, dtype=float)
    pairable = int((np.sum(~np.isnan(data), axis=0) >= 2).sum()) if data.size else 0
    if labels < 2 or pairable == 0:
        return None  # no variation (or nothing pairable): alpha is undefined, not perfect
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    return None if math.isnan(value) else value


def alpha_with_interval(rows: Sequence[Sequence[str | None]], seed: int = 0) -> Estimate:
    """Alpha with a 95% percentile bootstrap interval over units (columns), resampled with replacement."""
    import numpy as np

    columns = [list(column) for column in zip(*rows, strict=True)] if rows and rows[0] else []
    pairable = [c for c in columns if sum(v is not None for v in c) >= 2]
    value = alpha(rows)
    if value is None or len(pairable) < 2:
        return Estimate(value, units=len(pairable))
    rng = np.random.default_rng(seed)
    samples = []
    for _ in range(BOOTSTRAP_SAMPLES):
        picked = [pairable[i] for i in rng.integers(0, len(pairable), len(pairable))]
        estimate = alpha([list(row) for row in zip(*picked, strict=True)])
        if estimate is not None:
            samples.append(estimate)
    if not samples:
        return Estimate(value, units=len(pairable))
    low, high = np.percentile(samples, [2.5, 97.5])
    return Estimate(value, float(low), float(high), len(pairable))


def kappa(left: Sequence[str], right: Sequence[str]) -> float | None:
    """Cohen's kappa of two annotators' labels on the same items (``None`` when undefined)."""
    return kappa_from_counts(Counter(zip(left, right, strict=True)))


def kappa_from_counts(counts: Mapping[tuple[str, str], int]) -> float | None:
    """Cohen's kappa of a pair's contingency counts ``(left label, right label) -> items``
    (``None`` when undefined: no variation, or no item)."""
    labels = sorted({label for pair in counts for label in pair})
    if len(labels) < 2:
        return None  # no variation: kappa is undefined
    import numpy as np

    index = {label: number for number, label in enumerate(labels)}
    confusion = np.zeros((len(labels), len(labels)))
    for (a, b), items in counts.items():
        confusion[index[a], index[b]] += items
    return _kappa(confusion)


def _kappa(confusion: Any) -> float | None:
    """``1 - observed / expected`` disagreement of a contingency table: scikit-learn's
    ``cohen_kappa_score`` operation for operation, so the figures are the same to the last bit."""
    import numpy as np

    sum0, sum1 = confusion.sum(axis=0), confusion.sum(axis=1)
    total = np.sum(sum0)
    if total == 0:
        return None
    expected = np.outer(sum0, sum1) / total
    off_diagonal = np.ones(confusion.shape)
    np.fill_diagonal(off_diagonal, 0)
    disagreement = np.sum(off_diagonal * expected)
    if disagreement == 0:
        return None
    value = float(1 - np.sum(off_diagonal * confusion) / disagreement)
    return None if math.isnan(value) else value


def unit_coincidences(values: Sequence[str]) -> dict[tuple[str, str], float]:
    """One unit's contribution to the coincidence matrix: every ordered pair of its values,
    weighted ``1 / (m - 1)`` for ``m`` values (an unpairable unit contributes nothing)."""
    found: dict[tuple[str, str], float] = defaultdict(float)
    for cell, count in unit_counts(tuple(values)):
        found[cell] += count / (len(values) - 1)
    return found


@lru_cache(maxsize=4096)
def unit_counts(values: tuple[str, ...]) -> tuple[tuple[tuple[str, str], int], ...]:
    """How many ordered pairs of one unit's values fall in each cell (each weighs ``1 / (m - 1)``
    for ``m`` values), remembered: units repeat the same few label tuples."""
    found: Counter[tuple[str, str]] = Counter()
    for i, j in permutations(range(len(values)), 2):
        found[(values[i], values[j])] += 1
    return tuple(found.items())


def unit_cells(values: tuple[str, ...]) -> tuple[tuple[tuple[str, str], float], ...]:
    """:func:`unit_coincidences` as items."""
    return tuple(unit_coincidences(values).items())


def nominal_alpha(matrix: Any) -> Any:
    """Nominal alpha of coincidence matrices (``(..., K, K)``): NaN where undefined."""
    import numpy as np

    totals = matrix.sum(axis=-1)
    n = totals.sum(axis=-1)
    observed = n - np.trace(matrix, axis1=-2, axis2=-1)
    expected = (n * n - (totals * totals).sum(axis=-1)) / np.where(n > 1, n - 1, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected > 0, 1 - observed / expected, np.nan)


def document_weights(doc_id: str, seed: int = 0, samples: int = BOOTSTRAP_SAMPLES) -> Any:
    """A document's Poisson(1) bootstrap weights, the same whatever the order documents come in."""
    import numpy as np

    return np.random.default_rng([seed, zlib.crc32(doc_id.encode("utf-8"))]).poisson(1.0, samples).astype(float)


#: One document's coincidences as whole numbers: ``(d, left, right) -> n``, ``n`` ordered pairs of
#: values ``(left, right)`` in units of ``d + 1`` values, each pair weighing ``1 / d``.
Counts = Mapping[tuple[int, str, str], int]


class Coincidence:
    """A nominal coincidence matrix accumulated per document, with its bootstrap replicates.

    Kept exact: a unit of ``m`` values adds every ordered pair of them with weight ``1 / (m - 1)``, so
    the accumulator counts pairs per ``d = m - 1`` (:data:`Counts`), and the replicates sum those
    counts times Poisson weights, which are whole numbers too. Sums of whole numbers below 2**53 are
    exact whatever their order, so the figures are the same to the last bit however documents come:
    in another order, one by one or in batches. That lets a batch of documents add its replicates as
    one matrix product (documents × cells by documents × replicates). Each cell of the matrix is made
    only when an estimate is asked, as the sum over ``d`` (ascending) of ``count / d``, with the
    labels in sorted order.
    """

    #: Documents held before their replicates are added together.
    BATCH = 64

    def __init__(self, samples: int = BOOTSTRAP_SAMPLES) -> None:
        import numpy as np

        self.samples = samples
        self.slots: dict[tuple[int, str, str], int] = {}  # a cell of one divisor -> its row below
        self.total: Any = np.zeros(16)
        self.replicates: Any = np.zeros((16, samples))
        self.pending: list[tuple[list[int], list[int], Any]] = []  # each document's slots, counts, weights
        self.units = 0
        self.documents = 0

    def _slot(self, key: tuple[int, str, str]) -> int:
        import numpy as np

        found = self.slots.get(key)
        if found is None:
            found = self.slots[key] = len(self.slots)
            if found == len(self.total):
                self.total = np.concatenate((self.total, np.zeros_like(self.total)))
                self.replicates = np.concatenate((self.replicates, np.zeros_like(self.replicates)))
        return found

    def add(self, counts: Counts, units: int, weights: Any) -> None:
        """Add one document: its coincidences (:data:`Counts`), its pairable units, its bootstrap weights."""
        if not units:
            return
        self.units += units
        self.documents += 1
        if counts:
            self.pending.append(([self._slot(key) for key in counts], list(counts.values()), weights))
            if len(self.pending) >= self.BATCH:
                self._flush()

    def _flush(self) -> None:
        import numpy as np

        if not self.pending:
            return
        counts = np.zeros((len(self.pending), len(self.slots)))
        for row, (slots, values, _) in enumerate(self.pending):
            counts[row, slots] = values
        weights = np.stack([weights for _, _, weights in self.pending])
        self.total[: len(self.slots)] += counts.sum(axis=0)
        # Whole numbers: exact in any order. An einsum, not ``counts.T @ weights``: a matrix product
        # goes to OpenBLAS, whose threads then spin on the other cores waiting for the next one (a
        # release of 2,000 documents with three annotators spent a quarter of its CPU time in them).
        self.replicates[: len(self.slots)] += np.einsum("dc,dr->cr", counts, weights)
        self.pending.clear()

    def matrices(self) -> tuple[list[str], Any, Any]:
        """The labels (sorted), the coincidence matrix (``K × K``) and its replicates (``samples × K × K``)."""
        import numpy as np

        self._flush()
        labels = sorted({label for _, left, right in self.slots for label in (left, right)})
        index = {label: number for number, label in enumerate(labels)}
        total, replicates = np.zeros((len(labels),) * 2), np.zeros((self.samples, len(labels), len(labels)))
        for divisor in sorted({d for d, _, _ in self.slots}):
            cells = [(slot, index[left], index[right]) for (d, left, right), slot in self.slots.items() if d == divisor]
            slots, rows, columns = (list(column) for column in zip(*cells, strict=True))
            part, part_replicates = np.zeros_like(total), np.zeros_like(replicates)
            part[rows, columns] = self.total[slots]
            part_replicates[:, rows, columns] = self.replicates[slots].T
            total += part / divisor
            replicates += part_replicates / divisor
        return labels, total, replicates

    def estimate(self) -> Estimate:
        """Alpha with its 95% percentile interval (none below two documents)."""
        import numpy as np

        _, total, replicates = self.matrices()
        value = float(nominal_alpha(total)) if total.size else math.nan
        if math.isnan(value):
            return Estimate(None, units=self.units)
        samples = nominal_alpha(replicates)
        samples = samples[~np.isnan(samples)]
        if self.documents < 2 or samples.size == 0:
            return Estimate(value, units=self.units)
        low, high = np.percentile(samples, [2.5, 97.5])
        return Estimate(value, float(low), float(high), self.units)
