"""Matching claims between annotators: ours, so it is documented here and in docs/agreement.md.

**Pairs.** Two annotators' claims are matched one-to-one. In *exact* mode only claims with the same
``start`` and ``end`` may match. In *overlap* mode any two claims that share at least one
character may match, and the one-to-one assignment maximizes the total Jaccard overlap of the
matched spans (``|A ∩ B| / |A ∪ B|`` in characters), solved with SciPy's
``linear_sum_assignment``; equal totals are broken towards earlier claims, deterministically.

**Units.** For statistics over several annotators (Krippendorff's alpha), the pairwise overlap
matches of all annotator pairs are joined into units (connected components). A unit holds at most
one claim per annotator; when transitivity would put two claims of one annotator in a unit, the
unit keeps the one that overlaps the others most and the other starts a unit of its own.

**Sources.** Two matched claims are attributed to the same source when both are in the outlet's
own voice (no source), or when some mention of one annotator's source overlaps some mention of
the other's: annotators pick the same speaker, not the same id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from claimkit.model import Annotation, Claim, Source, Span

__all__ = ["Match", "Unit", "jaccard", "match_claims", "same_source", "units"]

Mode = Literal["exact", "overlap"]


def jaccard(a: Span, b: Span) -> float:
    shared = min(a.end, b.end) - max(a.start, b.start)
    if shared <= 0:
        return 0.0
    return shared / (max(a.end, b.end) - min(a.start, b.start))


@dataclass(frozen=True)
class Match:
    left: int  # index into the first annotator's claims
    right: int  # index into the second annotator's claims
    overlap: float


def match_claims(left: Sequence[Span], right: Sequence[Span], mode: Mode = "overlap") -> list[Match]:
    """One-to-one matches between two annotators' claims (see the module docstring); any spans
    (cues, source mentions) match the same way."""
    if mode == "exact":
        by_span = {(c.start, c.end): j for j, c in enumerate(right)}
        return [Match(i, by_span[(c.start, c.end)], 1.0) for i, c in enumerate(left) if (c.start, c.end) in by_span]
    import numpy as np

    weights = _weights(left, right)
    rows, cols = np.nonzero(weights)
    if not len(rows):
        return []
    pairs: Iterable[tuple[int, int]]
    if len(set(rows.tolist())) == len(rows) and len(set(cols.tolist())) == len(cols):
        pairs = zip(rows.tolist(), cols.tolist(), strict=True)  # no two candidates compete: all of them
    else:
        from scipy.optimize import linear_sum_assignment

        chosen = linear_sum_assignment(weights, maximize=True)
        pairs = ((int(i), int(j)) for i, j in zip(*chosen, strict=True) if weights[i, j] > 0)
    return [Match(i, j, jaccard(left[i], right[j])) for i, j in pairs]


def _weights(left: Sequence[Span], right: Sequence[Span]) -> Any:
    """Jaccard overlap of every pair of spans (0 where they do not overlap), plus a tiny preference
    for earlier pairs, so that equal totals resolve the same way every time."""
    import numpy as np

    if not left or not right:
        return np.zeros((len(left), len(right)))
    starts_l, ends_l = np.array([[s.start for s in left], [s.end for s in left]], dtype=np.int64)
    starts_r, ends_r = np.array([[s.start for s in right], [s.end for s in right]], dtype=np.int64)
    shared = np.minimum.outer(ends_l, ends_r) - np.maximum.outer(starts_l, starts_r)
    union = np.maximum.outer(ends_l, ends_r) - np.minimum.outer(starts_l, starts_r)
    positive = shared > 0
    score = np.where(positive, shared / np.where(positive, union, 1), 0.0)
    i, j = np.indices(score.shape)
    return np.where(positive, score + 1e-9 / (1 + i + j), 0.0)


def _mentions(source: Source | None) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in source.mentions] if source else []


def same_source(a: Claim, a_sources: dict[str, Source], b: Claim, b_sources: dict[str, Source]) -> bool:
    """Whether two claims are attributed to the same speaker (see the module docstring)."""
    if a.source is None or b.source is None:
        return a.source is None and b.source is None
    left, right = _mentions(a_sources.get(a.source)), _mentions(b_sources.get(b.source))
    return any(s1 < e2 and s2 < e1 for s1, e1 in left for s2, e2 in right)


@dataclass
class Unit:
    """Claims of several annotators that stand for the same claim: annotator -> claim index."""

    members: dict[str, int] = field(default_factory=dict)


def units(annotations: dict[str, Annotation]) -> list[Unit]:
    """Units across all annotators of one document, from pairwise overlap matches."""
    names = sorted(annotations)
    parent: dict[tuple[str, int], tuple[str, int]] = {
        (name, i): (name, i) for name in names for i in range(len(annotations[name].claims))
    }

    def root(node: tuple[str, int]) -> tuple[str, int]:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for x, a in enumerate(names):
        for b in names[x + 1 :]:
            for match in match_claims(annotations[a].claims, annotations[b].claims):
                parent[root((a, match.left))] = root((b, match.right))
    groups: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for node in sorted(parent):
        groups.setdefault(root(node), []).append(node)
    return [unit for group in groups.values() for unit in _split(group, annotations)]


def _split(group: list[tuple[str, int]], annotations: dict[str, Annotation]) -> list[Unit]:
    """Units of one component, at most one claim per annotator each."""

    def overlap_with_rest(node: tuple[str, int]) -> float:
        claim = annotations[node[0]].claims[node[1]]
        return sum(jaccard(claim, annotations[n].claims[i]) for n, i in group if n != node[0])

    main, extras = Unit(), []
    for name, index in sorted(group, key=lambda n: (-overlap_with_rest(n), n)):
        if name in main.members:
            extras.append(Unit({name: index}))
        else:
            main.members[name] = index
    return [main, *extras]
