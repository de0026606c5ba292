"""Token-wise Krippendorff's alpha on attribution spans, as PolNeAR reports it (0.754).

PolNeAR's annotation is univocal: every token carries exactly one label, ``source``, ``cue``,
``content`` or ``none``, and agreement is Krippendorff's alpha over tokens. Ours, made comparable:

- **tokens** are the document's words and punctuation marks (``\\w+`` runs, and every other
  non-space character alone), for each document with two or more annotators;
- **label** of a token for an annotator: ``source`` if it overlaps one of their source mentions,
  else ``cue`` if it overlaps one of their cues, else ``content`` if it overlaps one of their
  claims, else ``none`` (our annotations nest, PolNeAR's do not: the innermost role wins);
- every annotator of the document labels every token (no missing values), nominal alpha over all
  tokens of all such documents, accumulated as one 4 × 4 coincidence matrix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from claimkit.model import Annotation

__all__ = ["LABELS", "TOKEN", "token_coincidences", "token_labels"]

LABELS = ("none", "content", "cue", "source")  # index = precedence: a higher role wins
TOKEN = re.compile(r"\w+|[^\w\s]")


@lru_cache(maxsize=4)
def _token_bounds(text: str) -> tuple[Any, Any]:
    import numpy as np

    bounds = np.array([(m.start(), m.end()) for m in TOKEN.finditer(text)], dtype=np.int64).reshape(-1, 2)
    return bounds[:, 0], bounds[:, 1]


def _character_labels(text: str, annotation: Annotation) -> Any:
    import numpy as np

    chars = np.zeros(len(text), dtype=np.int8)
    layers = (
        (1, annotation.claims),
        (2, annotation.cues),
        (3, [m for s in annotation.sources for m in s.mentions]),
    )
    for code, spans in layers:
        for span in spans:
            view = chars[span.start : span.end]
            np.maximum(view, code, out=view)
    return chars


def token_labels(text: str, annotation: Annotation) -> Any:
    """The label index (into :data:`LABELS`) of every token of ``text`` for one annotation: the
    highest role over the token's characters."""
    import numpy as np

    chars = _character_labels(text, annotation)
    starts, ends = _token_bounds(text)
    best = np.zeros(len(starts), dtype=np.int8)
    for code in range(1, len(LABELS)):
        reached = np.concatenate(([0], np.cumsum(chars >= code)))
        best[(reached[ends] - reached[starts]) > 0] = code
    return best


def token_coincidences(text: str, annotations: Mapping[str, Annotation]) -> tuple[dict[tuple[str, str], float], int]:
    """One document's coincidence cells over its tokens and its number of tokens (pairable units)."""
    import numpy as np

    labels = np.stack([token_labels(text, a) for _, a in sorted(annotations.items())], axis=1)
    raters = labels.shape[1]
    if raters < 2 or labels.shape[0] == 0:
        return {}, 0
    counts = np.stack([(labels == code).sum(axis=1) for code in range(len(LABELS))], axis=1).astype(float)
    matrix = (counts.T @ counts - np.diag(counts.sum(axis=0))) / (raters - 1)
    cells = {
        (LABELS[i], LABELS[j]): float(matrix[i, j])
        for i in range(len(LABELS))
        for j in range(len(LABELS))
        if matrix[i, j]
    }
    return cells, int(labels.shape[0])
