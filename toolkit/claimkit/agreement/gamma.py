"""Mathet et al.'s gamma for overlapping claim spans, through ``pygamma-agreement`` (the ``gamma``
extra; this module is its only importer).

Per document with two or more annotators: a continuum of every annotator's claims (segments in
characters, the category as annotation), the combined categorical dissimilarity (positional and
categorical weights 1), precision level 0.05, NumPy's global generator seeded with 0 for the
random continua (restored afterwards), so a document's gamma is reproducible. The report gives the
mean over documents. At about a second per document (and a numba compilation of some seconds
the first time) gamma is opt-in: ``claimkit agree --gamma``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claimkit.agreement.codes import GAMMA_UNAVAILABLE
from claimkit.errors import ConfigError
from claimkit.model import Annotation

__all__ = ["GammaTally", "document_gamma"]

PRECISION = 0.05


def _library() -> tuple[Any, Any]:
    try:
        import pygamma_agreement
        from pyannote.core import Segment
    except ImportError as error:
        raise ConfigError(GAMMA_UNAVAILABLE, f"pygamma-agreement cannot be imported ({error})") from error
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))  # it warns about solvers
    return pygamma_agreement, Segment


def document_gamma(annotations: Mapping[str, Annotation], seed: int = 0) -> float | None:
    """Gamma of one document's annotators (``None`` with fewer than two annotators with claims)."""
    import numpy as np

    library, segment = _library()
    continuum = library.Continuum()
    for name, annotation in sorted(annotations.items()):
        for claim in annotation.claims:
            continuum.add(name, segment(claim.start, claim.end), str(claim.category))
    if sum(bool(a.claims) for a in annotations.values()) < 2:
        return None
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        dissimilarity = library.CombinedCategoricalDissimilarity(alpha=1, beta=1)
        value = float(continuum.compute_gamma(dissimilarity, precision_level=PRECISION).gamma)
    finally:
        np.random.set_state(state)
    return value


@dataclass
class GammaTally:
    """Gamma per document, summed: the mean over documents, and the lowest."""

    total: float = 0.0
    documents: int = 0
    lowest: float | None = None

    def add(self, annotations: Mapping[str, Annotation]) -> None:
        value = document_gamma(annotations)
        if value is None:
            return
        self.total += value
        self.documents += 1
        self.lowest = value if self.lowest is None else min(self.lowest, value)

    def to_dict(self) -> dict[str, float | int | None]:
        mean = self.total / self.documents if self.documents else None
        return {"mean": mean, "lowest": self.lowest, "documents": self.documents}
