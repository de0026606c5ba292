"""A reviewer's gold, recorded: for each gold claim, which annotators had made the same claim.

Neutral ground between the Label Studio conversion (a ground-truth annotation pulled from a server
becomes the gold) and adjudication (which merges annotators into a gold candidate): both need it,
neither should depend on the other. Two claims agree when they have the same span, category,
quote, certainty, polarity, content type and event date, the same speaker (mentions overlap) and
the same cue span; nesting is not compared (a reviewer may restructure it).
"""

from __future__ import annotations

from claimkit.agreement.matching import match_claims, same_source
from claimkit.model import Adjudication, Annotation, Claim, Decision
from claimkit.taxonomy import AdjudicationMethod

__all__ = ["COMPARED_FIELDS", "RECOMPUTABLE", "decided_by_people", "record_review"]

#: Adjudication methods whose gold can be made again from the annotations at any time.
RECOMPUTABLE = (AdjudicationMethod.UNANIMOUS, AdjudicationMethod.SINGLE_ANNOTATOR)

#: Claim fields two annotators must share for their claims to agree.
COMPARED_FIELDS = ("start", "end", "category", "quote", "certainty", "polarity", "content_type", "event_date")


def _cue_span(annotation: Annotation, claim: Claim) -> tuple[int, int] | None:
    cue = next((c for c in annotation.cues if c.id == claim.cue), None) if claim.cue else None
    return (cue.start, cue.end) if cue else None


def _agree(gold: Annotation, x: Claim, other: Annotation, y: Claim) -> bool:
    return (
        all(getattr(x, name) == getattr(y, name) for name in COMPARED_FIELDS)
        and same_source(x, {s.id: s for s in gold.sources}, y, {s.id: s for s in other.sources})
        and _cue_span(gold, x) == _cue_span(other, y)
    )


def _agreed(review: Annotation, claim: Claim, found: dict[str, Annotation]) -> list[str]:
    agreed = []
    for name, other in sorted(found.items()):
        matches = match_claims([claim], other.claims, "exact")
        if matches and _agree(review, claim, other, other.claims[matches[0].right]):
            agreed.append(name)
    return agreed


def record_review(review: Annotation, annotations: list[Annotation]) -> Adjudication:
    """How a reviewer's gold was decided: for each gold claim, who had made the same claim."""
    found = {a.annotator: a for a in annotations}
    names = sorted(found)
    decisions = []
    for claim in review.claims:
        agreed = _agreed(review, claim, found)
        dissented = [n for n in names if n not in agreed]
        decisions.append(
            Decision(claim=claim.id, method=AdjudicationMethod.REVIEWER, agreed=agreed, dissented=dissented)
        )
    return Adjudication(
        method=AdjudicationMethod.REVIEWER, reviewer=review.annotator, annotators=names, decisions=decisions
    )


def decided_by_people(gold: Annotation) -> bool:
    """Whether people decided this gold (a reviewer, or someone who wrote it): unlike a gold computed
    from unanimous annotators, it cannot be made again, so no command replaces it unawares."""
    adjudication = gold.adjudication
    return adjudication is None or adjudication.reviewer is not None or adjudication.method not in RECOMPUTABLE
