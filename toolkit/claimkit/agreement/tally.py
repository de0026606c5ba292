"""What two annotators agree on in one document, added to their running tallies: counts and
contingency tables only, so a pair's figures take the same memory after 10 or 100,000 documents."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import repeat
from operator import eq
from typing import Any

from claimkit.agreement.matching import (
    FEW_PAIRS,
    Match,
    assign,
    competing,
    exact_count,
    overlapping,
    restricted,
    spans_overlap,
)
from claimkit.agreement.reading import Bounds, Reading
from claimkit.agreement.stats import f1, kappa_from_counts
from claimkit.agreement.structure import Tally, structure_figures, structure_tally
from claimkit.model import Annotation, Claim
from claimkit.taxonomy import ClaimCategory

__all__ = ["CATEGORIES", "FIELDS", "NO_CLAIM", "PairFigures", "compare", "field_value", "labels_of", "source_kinds"]

NO_CLAIM = "(no claim)"
FIELDS = ("category", "certainty", "source_kind")
CATEGORIES = [c.value for c in ClaimCategory]


def field_value(annotation: Annotation, claim: Claim, field_name: str) -> str:
    """The label a claim has for one of :data:`FIELDS`."""
    if field_name == "source_kind":
        return source_kinds(annotation).get(claim.source or "", "none" if claim.source is None else "unspecified")
    return str(getattr(claim, field_name))


def source_kinds(annotation: Annotation) -> dict[str, str]:
    """Source id -> kind (``unspecified`` when the source has none) of one annotation."""
    return {s.id: s.kind.value if s.kind is not None else "unspecified" for s in annotation.sources}


def labels_of(claim: Claim, kinds: dict[str, str]) -> tuple[str, str, str]:
    """A claim's values of :data:`FIELDS` (category, certainty, source kind), given its annotation's kinds."""
    kind = "none" if claim.source is None else kinds.get(claim.source, "unspecified")
    return str(claim.category), str(claim.certainty), kind


@dataclass
class PairFigures:
    """Two annotators over the documents both annotated."""

    a: str
    b: str
    documents: int = 0
    claims_a: int = 0
    claims_b: int = 0
    exact: int = 0
    overlap: int = 0
    same_source: int = 0
    per_category: dict[str, list[int]] = field(default_factory=lambda: {c: [0, 0, 0] for c in CATEGORIES})
    labels: dict[str, Counter[tuple[str, str]]] = field(default_factory=lambda: {f: Counter() for f in FIELDS})
    structure: Tally = field(default_factory=lambda: defaultdict(float))

    def f1(self, mode: str = "overlap") -> float | None:
        return f1(self.exact if mode == "exact" else self.overlap, self.claims_a, self.claims_b)

    def kappa(self, field_name: str) -> float | None:
        return kappa_from_counts(self.labels[field_name])

    def source_agreement(self) -> float | None:
        return self.same_source / self.overlap if self.overlap else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotators": [self.a, self.b],
            "documents": self.documents,
            "claims": [self.claims_a, self.claims_b],
            "f1_exact": self.f1("exact"),
            "f1_overlap": self.f1("overlap"),
            "f1_per_category": {c: f1(m, x, y) for c, (x, y, m) in self.per_category.items()},
            "source_agreement": self.source_agreement(),
            "kappa": {f: self.kappa(f) for f in FIELDS},
            "structure": structure_figures(self.structure),
        }


Speaker = tuple[Bounds, ...] | None  # the mentions of a claim's source (None: no source)


def _same_speaker(a: Speaker, b: Speaker, memo: dict[tuple[int, int], bool]) -> bool:
    """:func:`~claimkit.agreement.matching.same_source` of two claims, given their speakers' mentions
    (one tuple per source, shared by its claims: many mentions are compared once per pair of speakers,
    remembered in ``memo`` by the tuples' identity, alive while one document is compared)."""
    if a is None or b is None:
        return a is None and b is None
    if len(a) == 1 == len(b):  # a speaker named once, the most common: no generator
        (s1, e1), (s2, e2) = a[0], b[0]
        return s1 < e2 and s2 < e1
    if len(a) * len(b) <= FEW_PAIRS:  # as spans_overlap: few pairs need no memo
        return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)
    key = (id(a), id(b))
    if key not in memo:
        memo[key] = spans_overlap(a, b)
    return memo[key]


def _matched(
    pair: PairFigures, left: Reading, right: Reading, matches: list[Match]
) -> tuple[list[tuple[str, str]], list[bool]]:
    """Labels and sources of matched claims; returns their confusion cells (both directions) and
    whether each match has the same speaker on both sides."""
    lefts, rights = [m.left for m in matches], [m.right for m in matches]
    speakers = map(left.speakers.__getitem__, lefts), map(right.speakers.__getitem__, rights)
    same_speaker = list(map(_same_speaker, *speakers, repeat({})))
    pair.same_source += sum(same_speaker)
    for position, name in enumerate(FIELDS):
        mine, theirs = left.columns[position], right.columns[position]
        pair.labels[name].update(zip(map(mine.__getitem__, lefts), map(theirs.__getitem__, rights), strict=True))
    cells = zip(map(left.categories.__getitem__, lefts), map(right.categories.__getitem__, rights), strict=True)
    return [cell for x, y in cells for cell in ((x, y), (y, x))], same_speaker


def _unmatched(left: Reading, right: Reading, matches: list[Match], confusion: list[tuple[str, str]]) -> None:
    """One annotator saw a claim where the other saw none: both directions of the confusion."""
    matched_l, matched_r = {m.left for m in matches}, {m.right for m in matches}
    unmatched = [c for i, c in enumerate(left.categories) if i not in matched_l]
    unmatched += [c for i, c in enumerate(right.categories) if i not in matched_r]
    for category in unmatched:
        confusion += ((category, NO_CLAIM), (NO_CLAIM, category))


def _per_category(
    pair: PairFigures, left: Reading, right: Reading, candidates: dict[tuple[int, int], float], compete: bool
) -> None:
    """F1 per category: the claims of one category on both sides, matched among themselves (their
    overlaps are the pair's, restricted to them). When no two candidates compete (``compete``),
    every candidate is a match, and so is every candidate of one category."""
    left_of, right_of = left.categories, right.categories
    if not compete:
        for category in left_of:
            pair.per_category[category][0] += 1
        for category in right_of:
            pair.per_category[category][1] += 1
        for i, j in candidates:
            if left_of[i] == right_of[j]:
                pair.per_category[left_of[i]][2] += 1
        return
    for category in CATEGORIES:
        only_l = [i for i, c in enumerate(left_of) if c == category]
        only_r = [j for j, c in enumerate(right_of) if c == category]
        counts = pair.per_category[category]
        counts[0] += len(only_l)
        counts[1] += len(only_r)
        if only_l and only_r:
            counts[2] += len(assign(restricted(candidates, only_l, only_r), len(only_l), len(only_r)))


def compare(pair: PairFigures, left: Reading, right: Reading) -> tuple[list[Match], int, list[tuple[str, str]]]:
    """Add one document of a pair to its tallies: (overlap matches, same-category matches, confusion
    cells: one per matched claim in each direction, and one each way per unmatched claim)."""
    pair.documents += 1
    pair.claims_a += len(left.spans)
    pair.claims_b += len(right.spans)
    pair.exact += exact_count(left.spans, right.spans)
    candidates = overlapping(left.spans, right.spans)
    compete = competing(candidates)
    matches = assign(candidates, len(left.spans), len(right.spans), compete)
    pair.overlap += len(matches)
    confusion, same_speaker = _matched(pair, left, right, matches)
    _unmatched(left, right, matches, confusion)
    _per_category(pair, left, right, candidates, compete)
    structure_tally(left, right, matches, pair.structure, same_speaker)
    lefts, rights = [m.left for m in matches], [m.right for m in matches]
    same_category = sum(map(eq, map(left.categories.__getitem__, lefts), map(right.categories.__getitem__, rights)))
    return matches, same_category, confusion
