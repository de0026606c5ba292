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
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from claimkit.agreement.reading import Bounds
from claimkit.model import Annotation

__all__ = [
    "LABELS",
    "TOKEN",
    "Layers",
    "layers",
    "role_coincidences",
    "role_counts",
    "token_coincidences",
    "token_labels",
]

LABELS = ("none", "content", "cue", "source")  # index = precedence: a higher role wins
TOKEN = re.compile(r"\w+|[^\w\s]")


@lru_cache(maxsize=4)
def _token_bounds(text: str) -> tuple[Any, Any]:
    """Start and end offsets of the :data:`TOKEN` matches of ``text``, found with NumPy: a token is a
    maximal run of word characters (what ``\\w`` matches: ``str.isalnum`` or ``_``) or any other
    character that is not a space (``str.isspace``). The tests compare it with the regular expression."""
    import numpy as np

    kinds = _kinds(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
    word, other = kinds == 1, kinds == 2
    before = np.concatenate(([False], word[:-1]))
    after = np.concatenate((word[1:], [False]))
    starts = np.flatnonzero(other | (word & ~before))
    ends = np.flatnonzero(other | (word & ~after)) + 1
    return starts, ends


def _kind(char: str) -> int:
    """0 a space, 1 a word character, 2 anything else (a token of its own)."""
    return 1 if char.isalnum() or char == "_" else 0 if char.isspace() else 2


@lru_cache(maxsize=1)
def _plane_kinds() -> Any:
    """:func:`_kind` of every character of the Basic Multilingual Plane (64 KB, made once)."""
    import numpy as np

    return np.array([_kind(chr(point)) for point in range(0x10000)], dtype=np.int8)


def _kinds(points: Any) -> Any:
    import numpy as np

    beyond = points > 0xFFFF
    kinds = _plane_kinds()[np.where(beyond, 0, points)]
    if beyond.any():
        kinds[beyond] = [_kind(chr(point)) for point in points[beyond].tolist()]
    return kinds


Layers = tuple[Sequence[Bounds], Sequence[Bounds], Sequence[Bounds]]  # claims, cues, mentions


def layers(annotation: Annotation) -> Layers:
    """The spans of each role of one annotation, in the order of :data:`LABELS` after ``none``."""
    return (
        [(c.start, c.end) for c in annotation.claims],
        [(q.start, q.end) for q in annotation.cues],
        [(m.start, m.end) for s in annotation.sources for m in s.mentions],
    )


def _token_roles(text: str, annotations: Sequence[Layers]) -> Any:
    """The label index of every token (rows) for each annotation (columns): the highest role over
    the token's characters."""
    import numpy as np

    starts, ends = _token_bounds(text)
    width = len(starts) + 1  # a row per annotation, and a column past the last token
    size = len(annotations) * width
    spans = _spans(annotations, len(text))
    if not spans[0]:
        return np.zeros((width - 1, len(annotations)), dtype=np.int8)
    touched = _touched(np.array(spans, dtype=np.int64), (starts, ends), width, size)
    codes = np.arange(len(LABELS), dtype=np.int8)[:, None]
    roles = (touched * codes).max(axis=0).astype(np.int8)  # the highest role that touches the cell
    return roles.reshape(len(annotations), width)[:, :-1].T


def _spans(annotations: Sequence[Layers], length: int) -> tuple[list[int], list[int], list[int], list[int]]:
    """Every span of every annotation as columns: role code (index into :data:`LABELS`), annotation
    row, start, end (plain lists: NumPy makes one array of four lists faster than of many tuples).
    Offsets past the text (an invalid file: O001) count up to its end."""
    codes: list[int] = []
    rows: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    for code in range(1, len(LABELS)):
        for row, layers in enumerate(annotations):
            if bounds := layers[code - 1]:
                codes += [code] * len(bounds)
                rows += [row] * len(bounds)
                starts += [start for start, _ in bounds]
                ends += [end for _, end in bounds]
    if starts and max(max(starts), max(ends)) > length:
        starts, ends = [min(start, length) for start in starts], [min(end, length) for end in ends]
    return codes, rows, starts, ends


def _touched(spans: Any, tokens: tuple[Any, Any], width: int, size: int) -> Any:
    """Which cells (annotation row × token) the spans (codes, rows, starts, ends) of each code touch,
    one row of cells per code (:data:`LABELS`). A span touches tokens ``[first, last)``: those ending
    after it starts and starting before it ends; the tokens touched are counted with a difference
    array."""
    import numpy as np

    codes, rows, lows, highs = spans
    first = rows * width + np.searchsorted(tokens[1], lows, side="right")
    last = rows * width + np.searchsorted(tokens[0], highs, side="left")
    kept = (first < last) & (highs > lows)  # an empty or reversed span covers no character
    first, last, at = first[kept], last[kept], codes[kept] * size
    cells = len(LABELS) * size
    edges = np.bincount(at + first, minlength=cells) - np.bincount(at + last, minlength=cells)
    return np.cumsum(edges.reshape(len(LABELS), size), axis=1) > 0


def token_labels(text: str, annotation: Annotation) -> Any:
    """The label index (into :data:`LABELS`) of every token of ``text`` for one annotation: the
    highest role over the token's characters."""
    return _token_roles(text, [layers(annotation)])[:, 0]


def token_coincidences(text: str, annotations: Mapping[str, Annotation]) -> tuple[dict[tuple[str, str], float], int]:
    """One document's coincidence cells over its tokens and its number of tokens (pairable units)."""
    return role_coincidences(text, [layers(a) for _, a in sorted(annotations.items())])


def role_coincidences(text: str, annotations: Sequence[Layers]) -> tuple[dict[tuple[str, str], float], int]:
    """:func:`token_coincidences` of annotations given by their :func:`layers` (in annotator order)."""
    counts, tokens = role_counts(text, annotations)
    return {(left, right): count / pairs for (pairs, left, right), count in counts.items()}, tokens


def role_counts(text: str, annotations: Sequence[Layers]) -> tuple[dict[tuple[int, str, str], int], int]:
    """:func:`role_coincidences` as whole numbers (:data:`~claimkit.agreement.stats.Counts`): how
    many ordered pairs of one token's ratings fall in each cell, each weighing ``1 / (m - 1)`` for
    ``m`` annotators; and the number of tokens."""
    import numpy as np

    labels = _token_roles(text, annotations)
    raters = labels.shape[1]
    if raters < 2 or labels.shape[0] == 0:
        return {}, 0
    cells_of = np.arange(labels.shape[0])[:, None] * len(LABELS) + labels  # (token, label) of each rating
    counts = np.bincount(cells_of.ravel(), minlength=labels.shape[0] * len(LABELS)).reshape(-1, len(LABELS))
    matrix = (counts.T @ counts - np.diag(counts.sum(axis=0))).tolist()
    pairs = raters - 1
    cells = {
        (pairs, LABELS[i], LABELS[j]): value for i, row in enumerate(matrix) for j, value in enumerate(row) if value
    }
    return cells, int(labels.shape[0])
