"""Agreement over documents annotated by two or more annotators: pairwise, per annotator, per
document and corpus-wide figures, accumulated one document at a time (:class:`AgreementAccumulator`)
into one :class:`AgreementReport`. Nothing but tallies is kept between documents (and, for
``claimkit agree``, one small row per document), so memory is flat in the number of documents."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

from claimkit.agreement.gamma import GammaTally
from claimkit.agreement.matching import Match, too_dense, units
from claimkit.agreement.reading import Reading, read
from claimkit.agreement.stats import Coincidence, Estimate, document_weights, f1, unit_counts
from claimkit.agreement.structure import STRUCTURE
from claimkit.agreement.tally import CATEGORIES, FIELDS, NO_CLAIM, PairFigures, compare
from claimkit.agreement.tokens import role_counts
from claimkit.model import Annotation, DocumentFile

__all__ = [
    "CATEGORIES",
    "FIELDS",
    "NO_CLAIM",
    "AgreementAccumulator",
    "AgreementReport",
    "PairFigures",
    "agreement_report",
    "annotators_of",
    "is_empty",
]


def annotators_of(file: DocumentFile) -> dict[str, Annotation]:
    """Each annotator's annotation of a document (the first one when an annotator has two, see D006)."""
    found: dict[str, Annotation] = {}
    for annotation in file.annotations:
        found.setdefault(annotation.annotator, annotation)
    return found


def is_empty(annotation: Annotation) -> bool:
    """Submitted without a single region: no claim, cue or source (excluded from agreement)."""
    return not (annotation.claims or annotation.cues or annotation.sources)


@dataclass
class AgreementReport:
    documents: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[PairFigures] = field(default_factory=list)
    alpha: dict[str, Estimate] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    annotators: dict[str, dict[str, Any]] = field(default_factory=dict)
    document_count: int = 0
    tokens: Estimate | None = None
    excluded: dict[str, list[str]] = field(default_factory=dict)  # annotator -> documents left empty
    too_dense: dict[str, str] = field(default_factory=dict)  # document -> why it was left out (G002)
    gamma: dict[str, float | int | None] | None = None  # computed on request (claimkit agree --gamma)

    def mean(self, metric: str, category: str | None = None) -> float | None:
        """The mean over annotator pairs of a pairwise figure (``structure:<key>`` for structure)."""
        values: list[float | None]
        if metric == "source":
            values = [p.source_agreement() for p in self.pairs]
        elif metric.startswith("structure:"):
            values = [p.to_dict()["structure"][metric.split(":", 1)[1]] for p in self.pairs]
        elif category is not None:
            values = [f1(m, x, y) for p in self.pairs for x, y, m in [p.per_category[category]]]
        else:
            values = [p.f1(metric) for p in self.pairs]
        present = [v for v in values if v is not None]
        return sum(present) / len(present) if present else None

    def confusion_matrix(self) -> tuple[list[str], list[list[int]]]:
        labels = [*CATEGORIES, NO_CLAIM]
        return labels, [[self.confusion[(row, col)] for col in labels] for row in labels]

    def to_dict(self) -> dict[str, Any]:
        labels, matrix = self.confusion_matrix()
        return {
            "documents": self.document_count,
            "annotators": sorted(self.annotators),
            "f1": {"exact": self.mean("exact"), "overlap": self.mean("overlap")},
            "f1_per_category": {c: self.mean("overlap", c) for c in CATEGORIES},
            "alpha": {f: e.to_dict() for f, e in self.alpha.items()},
            "source_agreement": self.mean("source"),
            "structure": {key: self.mean(f"structure:{key}") for key in STRUCTURE},
            "alpha_attribution_tokens": self.tokens.to_dict() if self.tokens else None,
            "gamma": self.gamma,
            "excluded_empty": self.excluded,
            "excluded_too_dense": self.too_dense,
            "pairs": [p.to_dict() for p in self.pairs],
            "confusion": {"labels": labels, "matrix": matrix},
            "per_annotator": self.annotators,
            "per_document": self.documents,
        }


class AgreementAccumulator:
    """Agreement statistics accumulated document by document (see the module docstring)."""

    def __init__(self, *, seed: int = 0, keep_documents: bool = True, gamma: bool = False) -> None:
        self.seed = seed
        self.gamma = GammaTally() if gamma else None
        self.keep_documents = keep_documents
        self.rows: list[dict[str, Any]] = []
        self.count = 0
        self.pairs: dict[tuple[str, str], PairFigures] = {}
        self.confusion: Counter[tuple[str, str]] = Counter()
        self.per_annotator: dict[str, Counter[str]] = defaultdict(Counter)
        self.coincidence = {name: Coincidence() for name in FIELDS}
        self.tokens = Coincidence()
        self.excluded: dict[str, list[str]] = defaultdict(list)
        self.too_dense: dict[str, str] = {}  # document -> why (G002)
        self.dense_count = 0  # documents left out as too dense, two files of one id counted apart

    def add(self, file: DocumentFile) -> list[str]:
        """Add one document (cheap when fewer than two annotators annotated it); returns the
        annotators whose empty annotation was left out."""
        return self.add_all([file])[0]

    def add_all(self, files: Sequence[DocumentFile]) -> list[list[str]]:
        """Add several documents, in order, with the same figures as adding them one by one; returns
        each document's annotators left out for an empty annotation. Each step of the figures runs over
        all of them before the next step starts (see :meth:`_documents`)."""
        left_out: list[list[str]] = []
        compared: list[tuple[DocumentFile, dict[str, Annotation]]] = []
        for file in files:
            if len(file.annotations) < 2:
                left_out.append([])
                continue
            found = annotators_of(file)
            empty = sorted(n for n, a in found.items() if is_empty(a))
            for name in empty:
                self.excluded[name].append(file.document.id)
            left_out.append(empty)
            found = {name: a for name, a in found.items() if name not in empty}
            if len(found) >= 2 and (why := too_dense(found)) is not None:
                self.too_dense[file.document.id] = why  # left out before any figure is taken
                self.dense_count += 1
            elif len(found) >= 2:
                compared.append((file, found))
        if compared:
            self._documents(compared)
        return left_out

    def _documents(self, compared: list[tuple[DocumentFile, dict[str, Annotation]]]) -> None:
        """The figures of these documents, step by step: the readings of all, then their pairs, their
        bootstrap weights, units, tokens, and rows. Every tally still takes the documents in their
        order, so the sums are the same to the last bit as one document at a time; but each step's code
        and data stay in the processor's caches from one document to the next, where a document
        taken through every step in turn found them evicted by the others (agreement took a fifth
        less time in a release of 2,000 documents with three annotators)."""
        self.count += len(compared)
        readings = [{name: read(annotation) for name, annotation in found.items()} for _, found in compared]
        paired = [self._pairs(found) for found in readings]
        weights = [document_weights(file.document.id, self.seed) for file, _ in compared]
        for (_, found), reading, (matches, _, _), weight in zip(compared, readings, paired, weights, strict=True):
            self._reliability(found, reading, matches, weight)
        for (file, _), reading, weight in zip(compared, readings, weights, strict=True):
            counts, tokens = role_counts(file.document.text, [reading[n].layers() for n in sorted(reading)])
            self.tokens.add(counts, tokens, weight)
        for (file, found), (matches, same, total) in zip(compared, paired, strict=True):
            self._annotators(found)
            if self.gamma is not None:
                self.gamma.add(found)
            if self.keep_documents:
                matched = sum(len(m) for m in matches.values())
                self.rows.append(_row(file.document.id, found, matched, same, total))

    def _pairs(self, found: dict[str, Reading]) -> tuple[dict[tuple[str, str], list[Match]], int, int]:
        """Every pair's tallies; returns their overlap matches, same-category matches and claims."""
        matches: dict[tuple[str, str], list[Match]] = {}
        same = total = 0
        for a, b in combinations(sorted(found), 2):
            pair = self.pairs.get((a, b)) or self.pairs.setdefault((a, b), PairFigures(a, b))
            matches[(a, b)], s, confusion = compare(pair, found[a], found[b])
            self.confusion.update(confusion)
            m = len(matches[(a, b)])
            same, total = same + s, total + len(found[a].spans) + len(found[b].spans)
            for name in (a, b):
                counts = self.per_annotator[name]
                counts["matched"] += m
                counts["same_category"] += s
                counts["claims_in_pairs"] += len(found[name].spans)
        return matches, same, total

    def _reliability(
        self,
        found: dict[str, Annotation],
        readings: dict[str, Reading],
        matches: dict[tuple[str, str], list[Match]],
        weights: Any,
    ) -> None:
        """This document's units as coincidences of each field (units with 2+ values only)."""
        cells: list[dict[tuple[int, str, str], int]] = [defaultdict(int) for _ in FIELDS]
        pairable = 0
        labels = {name: reading.labels for name, reading in readings.items()}
        for unit in units(found, matches):
            if len(unit.members) < 2:
                continue
            pairable += 1
            for position, cell, value in _field_cells(tuple([labels[n][i] for n, i in sorted(unit.members.items())])):
                cells[position][cell] += value
        for position, name in enumerate(FIELDS):
            self.coincidence[name].add(cells[position], pairable, weights)

    def _annotators(self, found: dict[str, Annotation]) -> None:
        for name, annotation in found.items():
            counts = self.per_annotator[name]
            counts["documents"] += 1
            counts["claims"] += len(annotation.claims)
            if annotation.lead_time is not None:
                counts["lead_time_total"] += int(annotation.lead_time)
                counts["timed"] += 1

    def report(self) -> AgreementReport:
        """The figures of every document added so far."""
        return AgreementReport(
            documents=list(self.rows),
            pairs=[self.pairs[key] for key in sorted(self.pairs)],
            alpha={f: self.coincidence[f].estimate() for f in FIELDS} if self.count else {},
            confusion=Counter(self.confusion),
            annotators={name: _annotator_figures(c) for name, c in sorted(self.per_annotator.items())},
            document_count=self.count,
            tokens=self.tokens.estimate() if self.count else None,
            excluded={name: sorted(docs) for name, docs in sorted(self.excluded.items())},
            too_dense=dict(sorted(self.too_dense.items())),
            gamma=self.gamma.to_dict() if self.gamma is not None else None,
        )


@lru_cache(maxsize=4096)
def _field_cells(labels: tuple[tuple[str, str, str], ...]) -> tuple[tuple[int, tuple[int, str, str], int], ...]:
    """The coincidences of one unit (:data:`~claimkit.agreement.stats.Counts`), field by field
    (position in :data:`FIELDS`), given each member's labels; remembered: units repeat the same few
    label tuples."""
    pairs = len(labels) - 1
    return tuple(
        (position, (pairs, *cell), count)
        for position in range(len(FIELDS))
        for cell, count in unit_counts(tuple(row[position] for row in labels))
    )


def _row(doc_id: str, found: dict[str, Annotation], matched: int, same: int, total: int) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "annotators": sorted(found),
        "claims": {n: len(a.claims) for n, a in found.items()},
        "f1_overlap": 2 * matched / total if total else None,  # micro over this document's pairs
        "category_agreement": same / matched if matched else None,
    }


def agreement_report(
    files: Iterable[DocumentFile], *, seed: int = 0, keep_documents: bool = True, gamma: bool = False
) -> AgreementReport:
    """Agreement over every document with two or more annotators."""
    accumulator = AgreementAccumulator(seed=seed, keep_documents=keep_documents, gamma=gamma)
    for file in files:
        accumulator.add(file)
    return accumulator.report()


def _annotator_figures(counts: Counter[str]) -> dict[str, Any]:
    pairs_total = counts["claims_in_pairs"]
    return {
        "documents": counts["documents"],
        "claims": counts["claims"],
        "matched_share": counts["matched"] / pairs_total if pairs_total else None,
        "category_agreement": counts["same_category"] / counts["matched"] if counts["matched"] else None,
        "mean_lead_time": counts["lead_time_total"] / counts["timed"] if counts["timed"] else None,
    }
