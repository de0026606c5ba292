"""The statistics, from well-kept libraries: Krippendorff's alpha from ``krippendorff`` (the
reference implementation by Castro, nominal level, handles missing values), Cohen's kappa from
scikit-learn (``cohen_kappa_score``); bootstrap confidence intervals resample units with NumPy."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Estimate", "alpha", "alpha_with_interval", "f1", "kappa"]

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
    if not left or len(set(left) | set(right)) < 2:
        return None  # no variation: kappa is undefined
    from sklearn.metrics import cohen_kappa_score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value = float(cohen_kappa_score(list(left), list(right)))
    return None if math.isnan(value) else value
