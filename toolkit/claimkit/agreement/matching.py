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

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from typing import Any, Literal, NamedTuple

from claimkit.agreement.reading import Bounds
from claimkit.model import Annotation, Claim, Source, Span

__all__ = [
    "FEW_PAIRS",
    "MAX_ASSIGNMENT_CELLS",
    "MAX_OVERLAPS_PER_SPAN",
    "Match",
    "TooDenseError",
    "Unit",
    "assign",
    "assigned",
    "competing",
    "exact_count",
    "jaccard",
    "match_claims",
    "overlap_of",
    "overlapping",
    "overlaps",
    "restricted",
    "same_source",
    "spans_overlap",
    "too_dense",
    "units",
]

Mode = Literal["exact", "overlap"]


def jaccard(a: Span, b: Span) -> float:
    return overlap_of((a.start, a.end), (b.start, b.end))


def overlap_of(a: Bounds, b: Bounds) -> float:
    """The Jaccard overlap of two ``(start, end)`` spans, in characters."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    if shared <= 0:
        return 0.0
    return shared / (max(a[1], b[1]) - min(a[0], b[0]))


class Match(NamedTuple):
    """One matched pair (a tuple: a release makes a hundred per document)."""

    left: int  # index into the first annotator's claims
    right: int  # index into the second annotator's claims
    overlap: float


#: A :class:`Match` made from a tuple in C (``Match(i, j, s)`` runs the named tuple's Python
#: ``__new__``: it took a third of the time of matching two annotations that compete nowhere).
_new = tuple.__new__


def _bounds(spans: Sequence[Span]) -> list[Bounds]:
    return [(span.start, span.end) for span in spans]


def match_claims(left: Sequence[Span], right: Sequence[Span], mode: Mode = "overlap") -> list[Match]:
    """One-to-one matches between two annotators' claims (see the module docstring); any spans
    (cues, source mentions) match the same way."""
    if mode == "exact":
        by_span = {(c.start, c.end): j for j, c in enumerate(right)}
        return [Match(i, by_span[(c.start, c.end)], 1.0) for i, c in enumerate(left) if (c.start, c.end) in by_span]
    return assign(overlapping(_bounds(left), _bounds(right)), len(left), len(right))


def exact_count(left: Sequence[Bounds], right: Sequence[Bounds]) -> int:
    """How many exact matches :func:`match_claims` finds: the left spans that some right span equals."""
    return sum(map(set(right).__contains__, left))


def assign(candidates: dict[tuple[int, int], float], left: int, right: int, compete: bool | None = None) -> list[Match]:
    """The overlap matches among ``candidates`` (:func:`overlapping` of ``left`` and ``right`` spans);
    ``compete``: :func:`competing` of the candidates, when the caller knows it."""
    if not (competing(candidates) if compete is None else compete):  # no two compete: all of them
        return [_new(Match, (i, j, score)) for (i, j), score in sorted(candidates.items())]
    from scipy.optimize import linear_sum_assignment

    weights = _weights(left, right, candidates)
    chosen = linear_sum_assignment(weights, maximize=True)
    pairs = [(int(i), int(j)) for i, j in zip(*chosen, strict=True) if weights[i, j] > 0]
    return [Match(i, j, candidates[(i, j)]) for i, j in pairs]


def assigned(candidates: dict[tuple[int, int], float], left: int, right: int) -> int:
    """How many matches :func:`assign` makes of ``candidates`` (without making them)."""
    return len(assign(candidates, left, right, True)) if competing(candidates) else len(candidates)


def competing(candidates: dict[tuple[int, int], float]) -> bool:
    """Whether two candidates share a span (then the assignment decides between them)."""
    rows, cols = {i for i, _ in candidates}, {j for _, j in candidates}
    return len(rows) < len(candidates) or len(cols) < len(candidates)


def overlaps(left: Sequence[Span], right: Sequence[Span]) -> dict[tuple[int, int], float]:
    """The Jaccard overlap of every pair of spans that share a character: ``(i, j) -> overlap``."""
    return overlapping(_bounds(left), _bounds(right))


def overlapping(
    left: Sequence[Bounds], right: Sequence[Bounds], limit: int | None = None
) -> dict[tuple[int, int], float]:
    """:func:`overlaps` of ``(start, end)`` spans. A sweep over the right spans sorted by start, so
    disjoint spans cost no comparison; :class:`TooDenseError` once more than ``limit`` pairs overlap."""
    # Columns and C-level getters: a key function or a generator runs Python code for every span.
    firsts, lasts = [start for start, _ in right], [end for _, end in right]
    order = sorted(range(len(right)), key=firsts.__getitem__)
    starts = list(map(firsts.__getitem__, order))
    reach = list(accumulate(map(lasts.__getitem__, order), max))  # furthest end so far
    found: dict[tuple[int, int], float] = {}
    for i, (a0, a1) in enumerate(left):
        k = bisect_left(starts, a1) - 1
        while k >= 0 and reach[k] > a0:
            j = order[k]
            b0, b1 = right[j]
            if b1 > a0:  # they share a character: overlap_of, inline (a release asks a million times)
                shared = (a1 if a1 < b1 else b1) - (a0 if a0 > b0 else b0)
                found[(i, j)] = shared / ((a1 if a1 > b1 else b1) - (a0 if a0 < b0 else b0)) if shared > 0 else 0.0
            k -= 1
        if limit is not None and len(found) > limit:
            raise TooDenseError(f"more than {limit:,} overlapping pairs among {len(left):,} and {len(right):,} spans")
    return found


#: Overlapping pairs per span (on average, of two annotators' spans of one kind) beyond which spans
#: were not drawn by hand: a claim overlaps one or a few claims of another annotator.
MAX_OVERLAPS_PER_SPAN = 64
#: The most pairs of spans (one annotator's × another's, every pair of annotators and every kind of
#: span together) a document may ask to match: the largest assignment, 32 MB of weights.
MAX_ASSIGNMENT_CELLS = 4_000_000


class TooDenseError(ValueError):
    """Spans that overlap too densely to be matched in bounded time and memory (see :func:`too_dense`)."""


def _kinds(annotation: Annotation) -> dict[str, list[Bounds]]:
    return {
        "claims": _bounds(annotation.claims),
        "cues": _bounds(annotation.cues),
        "source mentions": [(m.start, m.end) for s in annotation.sources for m in s.mentions],
    }


def _sizes(annotation: Annotation) -> dict[str, int]:
    """How many spans of each kind of :func:`_kinds` (counted, not read: every document pays this)."""
    mentions = sum(len(s.mentions) for s in annotation.sources)
    return {"claims": len(annotation.claims), "cues": len(annotation.cues), "source mentions": mentions}


def too_dense(annotations: Mapping[str, Annotation]) -> str | None:
    """Why the annotations of one document cannot be matched in bounded time and memory, or ``None``.

    Matching two annotators costs the number of their spans that overlap (and a full assignment,
    the product of their numbers, when candidates compete). By hand, a claim overlaps one or a few
    claims of another annotator; a region labeled thousands of times overlaps thousands, and one
    such file took a release to gigabytes. Checked before any figure is taken, in the time of the
    sizes alone for every real document (only spans numerous enough to exceed the limits are swept)."""
    sizes = {name: _sizes(a) for name, a in annotations.items()}
    names = sorted(annotations)
    cells = 0  # of every assignment the document may need, all pairs together
    for x, a in enumerate(names):
        for b in names[x + 1 :]:
            for kind, n in sizes[a].items():
                m = sizes[b][kind]
                cells += n * m
                cap = MAX_OVERLAPS_PER_SPAN * (n + m)
                if n * m > cap and (why := _denser_than(annotations[a], annotations[b], kind, cap)):
                    return f"{a} and {b}: {kind} overlap too densely ({why})"
    if cells > MAX_ASSIGNMENT_CELLS:
        return f"{len(names)} annotators, {cells:,} pairs of spans in all: over {MAX_ASSIGNMENT_CELLS:,}"
    return None


def _denser_than(left: Annotation, right: Annotation, kind: str, cap: int) -> str | None:
    try:
        overlapping(_kinds(left)[kind], _kinds(right)[kind], limit=cap)
    except TooDenseError as error:
        return str(error)
    return None


def restricted(
    candidates: dict[tuple[int, int], float], left: Sequence[int], right: Sequence[int]
) -> dict[tuple[int, int], float]:
    """The candidates between some left and some right spans, numbered within those: what
    :func:`overlapping` gives for the spans ``left`` and ``right`` pick."""
    at_l, at_r = {i: k for k, i in enumerate(left)}, {j: k for k, j in enumerate(right)}
    return {(at_l[i], at_r[j]): v for (i, j), v in candidates.items() if i in at_l and j in at_r}


def _weights(left: int, right: int, candidates: dict[tuple[int, int], float]) -> Any:
    """The assignment's weights: each candidate's overlap plus a tiny preference for earlier pairs,
    so that equal totals resolve the same way every time."""
    import numpy as np

    weights = np.zeros((left, right))
    for (i, j), score in candidates.items():
        weights[i, j] = score + 1e-9 / (1 + i + j)
    return weights


#: Up to this many pairs of mentions, two speakers are compared pair by pair (what every real case is).
FEW_PAIRS = 64


def spans_overlap(left: Sequence[Bounds], right: Sequence[Bounds]) -> bool:
    """Whether some span of ``left`` shares a character with some span of ``right``: pair by pair when
    they are few, else both sorted and swept once (a speaker of 2,000 mentions against another of
    2,000 took 4,000,000 comparisons for each claim of theirs)."""
    if len(left) * len(right) <= FEW_PAIRS:
        return any(s1 < e2 and s2 < e1 for s1, e1 in left for s2, e2 in right)
    a, b = sorted(left), sorted(right)
    i = j = 0
    while i < len(a) and j < len(b):
        (s1, e1), (s2, e2) = a[i], b[j]
        if s1 < e2 and s2 < e1:
            return True
        if e1 <= e2:  # a[i] ends first: no later span of b (they start later) can reach it
            i += 1
        else:
            j += 1
    return False


def _mentions(source: Source | None) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in source.mentions] if source else []


def same_source(a: Claim, a_sources: dict[str, Source], b: Claim, b_sources: dict[str, Source]) -> bool:
    """Whether two claims are attributed to the same speaker (see the module docstring)."""
    if a.source is None or b.source is None:
        return a.source is None and b.source is None
    return spans_overlap(_mentions(a_sources.get(a.source)), _mentions(b_sources.get(b.source)))


@dataclass
class Unit:
    """Claims of several annotators that stand for the same claim: annotator -> claim index."""

    members: dict[str, int] = field(default_factory=dict)


def units(
    annotations: dict[str, Annotation], matches: Mapping[tuple[str, str], Sequence[Match]] | None = None
) -> list[Unit]:
    """Units across all annotators of one document, from pairwise overlap matches (``matches``:
    those already computed, by pair of annotator names in sorted order)."""
    names = sorted(annotations)
    first: dict[str, int] = {}  # position of each annotator's first claim among the nodes
    nodes: list[tuple[str, int]] = []  # (annotator, claim index), in sorted order
    for name in names:
        first[name] = len(nodes)
        nodes.extend(zip(repeat(name), range(len(annotations[name].claims))))
    parent = list(range(len(nodes)))  # union-find over the nodes' positions

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for x, a in enumerate(names):
        for b in names[x + 1 :]:
            found = matches.get((a, b)) if matches is not None else None
            at_a, at_b = first[a], first[b]
            count_a, count_b = len(annotations[a].claims), len(annotations[b].claims)
            for match in found if found is not None else match_claims(annotations[a].claims, annotations[b].claims):
                if not (0 <= match.left < count_a and 0 <= match.right < count_b):
                    raise ValueError(f"match {match} of {a!r} and {b!r} names a claim they do not have")
                parent[root(at_a + match.left)] = root(at_b + match.right)
    groups: dict[int, list[tuple[str, int]]] = {}
    for position, node in enumerate(nodes):
        groups.setdefault(root(position), []).append(node)
    return [unit for group in groups.values() for unit in _split(group, annotations)]


Node = tuple[str, int]  # an annotator and the index of one of their claims


def _overlaps_with_rest(group: list[Node], annotations: dict[str, Annotation]) -> dict[Node, float]:
    """Each claim's Jaccard overlaps with the other annotators' claims of its component, summed in the
    component's order. Only overlapping claims add anything (:func:`overlapping`, a sweep): a sum over
    every other member took time by the square of the component (a chain of 2,000 claims per annotator,
    each overlapping the next annotator's, took 21 s); the sums are the same to the last bit."""
    by_name: dict[str, list[int]] = {}
    for name, index in group:
        by_name.setdefault(name, []).append(index)
    position = {node: at for at, node in enumerate(group)}
    terms: dict[Node, list[tuple[int, float]]] = {node: [] for node in group}
    names = list(by_name)
    for x, a in enumerate(names):
        for b in names[x + 1 :]:
            left = [(c.start, c.end) for c in map(annotations[a].claims.__getitem__, by_name[a])]
            right = [(c.start, c.end) for c in map(annotations[b].claims.__getitem__, by_name[b])]
            for (i, j), value in overlapping(left, right).items():
                one, other = (a, by_name[a][i]), (b, by_name[b][j])
                terms[one].append((position[other], value))
                terms[other].append((position[one], value))
    return {node: sum(value for _, value in sorted(found)) for node, found in terms.items()}


def _split(group: list[tuple[str, int]], annotations: dict[str, Annotation]) -> list[Unit]:
    """Units of one component, at most one claim per annotator each."""
    if len({name for name, _ in group}) == len(group):  # one claim per annotator: one unit
        return [Unit(dict(group))]
    overlap_with_rest = _overlaps_with_rest(group, annotations)
    main, extras = Unit(), []
    for name, index in sorted(group, key=lambda n: (-overlap_with_rest[n], n)):
        if name in main.members:
            extras.append(Unit({name: index}))
        else:
            main.members[name] = index
    return [main, *extras]
