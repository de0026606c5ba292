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
    if len(values) < 2:
        return found
    for i, j in permutations(range(len(values)), 2):
        found[(values[i], values[j])] += 1 / (len(values) - 1)
    return found


@lru_cache(maxsize=4096)
def unit_cells(values: tuple[str, ...]) -> tuple[tuple[tuple[str, str], float], ...]:
    """:func:`unit_coincidences` as items, remembered: units repeat the same few label tuples."""
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


class Coincidence:
    """A nominal coincidence matrix accumulated per document, with its bootstrap replicates.

    The replicates are kept cell by cell (``K × K × samples``), so that a document adds to each of its
    cells one contiguous row, all in one NumPy operation."""

    def __init__(self, samples: int = BOOTSTRAP_SAMPLES) -> None:
        import numpy as np

        self.labels: dict[str, int] = {}
        self.total: Any = np.zeros((4, 4))
        self.replicates: Any = np.zeros((4, 4, samples))
        self.units = 0
        self.documents = 0

    def _index(self, label: str) -> int:
        import numpy as np

        if label not in self.labels:
            size = len(self.labels)
            if size == self.total.shape[0]:
                grow = ((0, size), (0, size))
                self.total = np.pad(self.total, grow)
                self.replicates = np.pad(self.replicates, (*grow, (0, 0)))
            self.labels[label] = size
        return self.labels[label]

    def add(self, cells: Mapping[tuple[str, str], float], units: int, weights: Any) -> None:
        """Add one document: its coincidence cells, its pairable units, its bootstrap weights."""
        import numpy as np

        if not units:
            return
        self.units += units
        self.documents += 1
        if not cells:
            return
        found = sorted(cells.items())
        # New labels are numbered cell by cell, left then right, as adding the cells one by one does:
        # the numbering orders the sums of nominal_alpha, so another order moves its last bits.
        at = [(self._index(left), self._index(right)) for (left, right), _ in found]
        rows, columns = [i for i, _ in at], [j for _, j in at]
        values = np.array([value for _, value in found])
        self.total[rows, columns] += values  # the cells are distinct: one addition each, as one by one
        self.replicates[rows, columns] += np.multiply.outer(values, weights)

    def estimate(self) -> Estimate:
        """Alpha with its 95% percentile interval (none below two documents)."""
        import numpy as np

        value = float(nominal_alpha(self.total))
        if math.isnan(value):
            return Estimate(None, units=self.units)
        samples = nominal_alpha(np.ascontiguousarray(np.moveaxis(self.replicates, -1, 0)))
        samples = samples[~np.isnan(samples)]
        if self.documents < 2 or samples.size == 0:
            return Estimate(value, units=self.units)
        low, high = np.percentile(samples, [2.5, 97.5])
        return Estimate(value, float(low), float(high), self.units)
