"""Agreement over documents annotated by two or more annotators: pairwise, per annotator, per
document and corpus-wide figures, collected into one :class:`AgreementReport`."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from claimkit.agreement.matching import match_claims, same_source, units
from claimkit.agreement.stats import Estimate, alpha_with_interval, f1, kappa
from claimkit.model import Annotation, Claim, DocumentFile
from claimkit.taxonomy import ClaimCategory

__all__ = ["NO_CLAIM", "AgreementReport", "PairFigures", "agreement_report", "annotators_of"]

NO_CLAIM = "(no claim)"
FIELDS = ("category", "certainty", "source_kind")
CATEGORIES = [c.value for c in ClaimCategory]


def annotators_of(file: DocumentFile) -> dict[str, Annotation]:
    """Each annotator's annotation of a document (the first one when an annotator has two, see D006)."""
    found: dict[str, Annotation] = {}
    for annotation in file.annotations:
        found.setdefault(annotation.annotator, annotation)
    return found


def _value(annotation: Annotation, claim: Claim, field_name: str) -> str:
    if field_name == "source_kind":
        if claim.source is None:
            return "none"
        source = next((s for s in annotation.sources if s.id == claim.source), None)
        return source.kind.value if source is not None and source.kind is not None else "unspecified"
    return str(getattr(claim, field_name))


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
    labels: dict[str, tuple[list[str], list[str]]] = field(default_factory=lambda: {f: ([], []) for f in FIELDS})

    def f1(self, mode: str = "overlap") -> float | None:
        return f1(self.exact if mode == "exact" else self.overlap, self.claims_a, self.claims_b)

    def kappa(self, field_name: str) -> float | None:
        return kappa(*self.labels[field_name])

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotators": [self.a, self.b],
            "documents": self.documents,
            "claims": [self.claims_a, self.claims_b],
            "f1_exact": self.f1("exact"),
            "f1_overlap": self.f1("overlap"),
            "f1_per_category": {c: f1(m, x, y) for c, (x, y, m) in self.per_category.items()},
            "source_agreement": self.same_source / self.overlap if self.overlap else None,
            "kappa": {f: self.kappa(f) for f in FIELDS},
        }


@dataclass
class AgreementReport:
    documents: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[PairFigures] = field(default_factory=list)
    alpha: dict[str, Estimate] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    annotators: dict[str, dict[str, Any]] = field(default_factory=dict)

    def mean(self, metric: str, category: str | None = None) -> float | None:
        """The mean over annotator pairs of a pairwise figure."""
        values: list[float | None]
        if metric == "source":
            values = [p.same_source / p.overlap if p.overlap else None for p in self.pairs]
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
            "documents": len(self.documents),
            "annotators": sorted(self.annotators),
            "f1": {"exact": self.mean("exact"), "overlap": self.mean("overlap")},
            "f1_per_category": {c: self.mean("overlap", c) for c in CATEGORIES},
            "alpha": {f: e.to_dict() for f, e in self.alpha.items()},
            "source_agreement": self.mean("source"),
            "pairs": [p.to_dict() for p in self.pairs],
            "confusion": {"labels": labels, "matrix": matrix},
            "per_annotator": self.annotators,
            "per_document": self.documents,
        }


def _compare(pair: PairFigures, left: Annotation, right: Annotation, report: AgreementReport) -> tuple[int, int]:
    pair.documents += 1
    pair.claims_a += len(left.claims)
    pair.claims_b += len(right.claims)
    pair.exact += len(match_claims(left.claims, right.claims, "exact"))
    matches = match_claims(left.claims, right.claims, "overlap")
    pair.overlap += len(matches)
    sources_l, sources_r = {s.id: s for s in left.sources}, {s.id: s for s in right.sources}
    for match in matches:
        a, b = left.claims[match.left], right.claims[match.right]
        pair.same_source += same_source(a, sources_l, b, sources_r)
        for name in FIELDS:
            pair.labels[name][0].append(_value(left, a, name))
            pair.labels[name][1].append(_value(right, b, name))
        report.confusion[(str(a.category), str(b.category))] += 1
        report.confusion[(str(b.category), str(a.category))] += 1
    matched_l, matched_r = {m.left for m in matches}, {m.right for m in matches}
    unmatched = [c for i, c in enumerate(left.claims) if i not in matched_l]
    unmatched += [c for i, c in enumerate(right.claims) if i not in matched_r]
    for claim in unmatched:  # one annotator saw a claim where the other saw none: both directions
        report.confusion[(str(claim.category), NO_CLAIM)] += 1
        report.confusion[(NO_CLAIM, str(claim.category))] += 1
    for category in CATEGORIES:
        only_l = [c for c in left.claims if str(c.category) == category]
        only_r = [c for c in right.claims if str(c.category) == category]
        counts = pair.per_category[category]
        counts[0] += len(only_l)
        counts[1] += len(only_r)
        counts[2] += len(match_claims(only_l, only_r, "overlap"))
    same_category = sum(left.claims[m.left].category == right.claims[m.right].category for m in matches)
    return len(matches), same_category


def _reliability(annotations: dict[str, Annotation], rows: dict[str, dict[str, list[str | None]]]) -> None:
    """Append this document's units as columns of the annotators x units matrices (one per field)."""
    names = sorted(annotations)
    for unit in units(annotations):
        for field_name in FIELDS:
            for name in rows[field_name]:
                index = unit.members.get(name) if name in names else None
                value = (
                    None if index is None else _value(annotations[name], annotations[name].claims[index], field_name)
                )
                rows[field_name][name].append(value)


def agreement_report(files: Iterable[DocumentFile], *, seed: int = 0) -> AgreementReport:
    """Agreement over every document with two or more annotators."""
    report = AgreementReport()
    multi = [(file, annotators_of(file)) for file in files]
    multi = [(file, found) for file, found in multi if len(found) >= 2]
    everyone = sorted({name for _, found in multi for name in found})
    rows: dict[str, dict[str, list[str | None]]] = {f: {name: [] for name in everyone} for f in FIELDS}
    pairs: dict[tuple[str, str], PairFigures] = {}
    per_annotator: dict[str, Counter[str]] = defaultdict(Counter)
    for file, found in multi:
        doc: dict[str, Any] = {
            "doc_id": file.document.id,
            "annotators": sorted(found),
            "claims": {n: len(a.claims) for n, a in found.items()},
        }
        matched = total = same = 0
        for a, b in combinations(sorted(found), 2):
            pair = pairs.setdefault((a, b), PairFigures(a, b))
            m, s = _compare(pair, found[a], found[b], report)
            matched, same, total = matched + m, same + s, total + len(found[a].claims) + len(found[b].claims)
            for name in (a, b):
                per_annotator[name].update(
                    {"matched": m, "same_category": s, "claims_in_pairs": len(found[name].claims)}
                )
        doc["f1_overlap"] = 2 * matched / total if total else None  # micro over this document's pairs
        doc["category_agreement"] = same / matched if matched else None
        report.documents.append(doc)
        _reliability(found, rows)
        for name, annotation in found.items():
            per_annotator[name].update({"documents": 1, "claims": len(annotation.claims)})
            if annotation.lead_time is not None:
                per_annotator[name].update({"lead_time_total": int(annotation.lead_time), "timed": 1})
    report.pairs = [pairs[key] for key in sorted(pairs)]
    report.alpha = {f: alpha_with_interval([rows[f][n] for n in everyone], seed) for f in FIELDS} if everyone else {}
    report.annotators = {name: _annotator_figures(counts) for name, counts in sorted(per_annotator.items())}
    return report


def _annotator_figures(counts: Counter[str]) -> dict[str, Any]:
    pairs_total = counts["claims_in_pairs"]
    return {
        "documents": counts["documents"],
        "claims": counts["claims"],
        "matched_share": counts["matched"] / pairs_total if pairs_total else None,
        "category_agreement": counts["same_category"] / counts["matched"] if counts["matched"] else None,
        "mean_lead_time": counts["lead_time_total"] / counts["timed"] if counts["timed"] else None,
    }
