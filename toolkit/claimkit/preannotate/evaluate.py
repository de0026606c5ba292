"""How good the proposals are against gold, always beside a baseline, with the agreement code's
span matching (:mod:`claimkit.agreement.matching`): exact spans, and one-to-one overlap matches
kept when their overlap (intersection over union, in characters) is at least 0.5.

Measured per document and summed: span precision, recall and F1 of claims, source mentions and
cues; the category of matched claims; whether a matched attributed claim has the right speaker
(``same_source``: some mention of each overlaps); per-category figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimkit.agreement.matching import Match, match_claims, same_source
from claimkit.model import Annotation, Claim, Document, DocumentFile, Span
from claimkit.preannotate.annotate import propose
from claimkit.preannotate.claims import trim
from claimkit.taxonomy import ClaimCategory, QuoteType
from claimkit.textutil import sentence_bounds

__all__ = ["IOU", "Evaluation", "Scores", "baseline", "evaluate", "evaluate_all"]

#: Overlap needed for two spans to count as the same (intersection over union).
IOU = 0.5
CATEGORIES = [c.value for c in ClaimCategory]
Proposer = Callable[[Document], Annotation]
_UNITS = ("claims", "sources", "cues")
_MODES = ("exact", "overlap")


@dataclass
class Scores:
    """Span counts: precision, recall and F1 of proposed against gold."""

    gold: int = 0
    proposed: int = 0
    matched: int = 0

    def add(self, gold: int, proposed: int, matched: int) -> None:
        self.gold, self.proposed, self.matched = self.gold + gold, self.proposed + proposed, self.matched + matched

    @property
    def precision(self) -> float | None:
        return self.matched / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        total = self.gold + self.proposed
        return 2 * self.matched / total if total else None

    def to_dict(self) -> dict[str, Any]:
        return {**vars(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "value": self.value}


@dataclass
class Evaluation:
    """Everything measured for one proposer over a set of documents."""

    documents: int = 0
    spans: dict[str, Scores] = field(default_factory=lambda: {f"{u}/{m}": Scores() for u in _UNITS for m in _MODES})
    per_category: dict[str, Scores] = field(default_factory=lambda: {c: Scores() for c in CATEGORIES})
    category: Ratio = field(default_factory=Ratio)
    category_of: dict[str, Ratio] = field(default_factory=lambda: {c: Ratio() for c in CATEGORIES})
    source_matched: Ratio = field(default_factory=Ratio)  # matched attributed gold claims with the right speaker
    source_all: Ratio = field(default_factory=Ratio)  # every attributed gold claim (unmatched ones count wrong)
    quote: Ratio = field(default_factory=Ratio)
    certainty: Ratio = field(default_factory=Ratio)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "spans": {name: scores.to_dict() for name, scores in self.spans.items()},
            "per_category": {name: scores.to_dict() for name, scores in self.per_category.items()},
            "category_accuracy": self.category.to_dict(),
            "category_accuracy_by_gold": {name: ratio.to_dict() for name, ratio in self.category_of.items()},
            "source_on_matched": self.source_matched.to_dict(),
            "source_on_attributed": self.source_all.to_dict(),
            "quote_accuracy": self.quote.to_dict(),
            "certainty_accuracy": self.certainty.to_dict(),
        }


def _as_claims(spans: Sequence[Span]) -> list[Claim]:
    """Spans as claims for the matcher, which reads only their offsets (built without validation)."""
    return [
        Claim.model_construct(
            start=s.start, end=s.end, text=s.text, id="span", category=ClaimCategory.REPORTED_FACT, quote=QuoteType.NONE
        )
        for s in spans
    ]


def _matches(gold: Sequence[Span], proposed: Sequence[Span], mode: str) -> list[Match]:
    found = match_claims(_as_claims(gold), _as_claims(proposed), "exact" if mode == "exact" else "overlap")
    return found if mode == "exact" else [m for m in found if m.overlap >= IOU]


def _units(annotation: Annotation) -> dict[str, list[Span]]:
    mentions = [mention for source in annotation.sources for mention in source.mentions]
    return {"claims": list(annotation.claims), "sources": mentions, "cues": list(annotation.cues)}


def _score(evaluation: Evaluation, gold: Annotation, proposed: Annotation) -> list[Match]:
    gold_units, proposed_units = _units(gold), _units(proposed)
    overlap: list[Match] = []
    for unit in _UNITS:
        for mode in _MODES:
            found = _matches(gold_units[unit], proposed_units[unit], mode)
            evaluation.spans[f"{unit}/{mode}"].add(len(gold_units[unit]), len(proposed_units[unit]), len(found))
            if unit == "claims" and mode == "overlap":
                overlap = found
    for category in CATEGORIES:
        gold_c = [c for c in gold.claims if c.category == category]
        proposed_c = [c for c in proposed.claims if c.category == category]
        evaluation.per_category[category].add(
            len(gold_c), len(proposed_c), len(_matches(gold_c, proposed_c, "overlap"))
        )
    return overlap


def _fields(evaluation: Evaluation, gold: Annotation, proposed: Annotation, matches: list[Match]) -> None:
    gold_sources = {s.id: s for s in gold.sources}
    proposed_sources = {s.id: s for s in proposed.sources}
    matched_gold = set()
    for match in matches:
        g, p = gold.claims[match.left], proposed.claims[match.right]
        matched_gold.add(match.left)
        right_category = g.category == p.category
        evaluation.category.right += right_category
        evaluation.category.total += 1
        evaluation.category_of[g.category.value].right += right_category
        evaluation.category_of[g.category.value].total += 1
        evaluation.quote.right += g.quote == p.quote
        evaluation.quote.total += 1
        evaluation.certainty.right += g.certainty == p.certainty
        evaluation.certainty.total += 1
        if g.source is not None:
            right = same_source(g, gold_sources, p, proposed_sources)
            evaluation.source_matched.right += right
            evaluation.source_matched.total += 1
            evaluation.source_all.right += right
    evaluation.source_all.total += sum(1 for c in gold.claims if c.source is not None)


def evaluate(files: Iterable[DocumentFile], proposer: Proposer = propose) -> Evaluation:
    """Score ``proposer`` against the gold annotation of every file that has one."""
    evaluation = Evaluation()
    for file in files:
        if file.gold is None:
            continue
        proposed = proposer(file.document)
        evaluation.documents += 1
        matches = _score(evaluation, file.gold, proposed)
        _fields(evaluation, file.gold, proposed, matches)
    return evaluation


def baseline(document: Document) -> Annotation:
    """The baseline: every sentence outside page furniture is a reported fact in the outlet's voice."""
    furniture = [(f.start, f.end) for f in document.furniture]
    claims: list[Claim] = []
    for start, end in sentence_bounds(document.text):
        if any(start < f_end and f_start < end for f_start, f_end in furniture):
            continue
        start, end = trim(document.text, start, end)  # the same span edges as the proposer's (§1)
        if end > start:
            claims.append(
                Claim(
                    id=f"b{len(claims) + 1}",
                    start=start,
                    end=end,
                    text=document.text[start:end],
                    category=ClaimCategory.REPORTED_FACT,
                    quote=QuoteType.NONE,
                )
            )
    return Annotation(annotator="baseline-every-sentence", claims=claims)


def evaluate_all(files: Sequence[DocumentFile]) -> dict[str, Evaluation]:
    """The proposer and the baseline over the same documents."""
    return {
        "claimkit-preannotate": evaluate(files),
        "baseline: every sentence is a reported fact": evaluate(files, baseline),
    }
