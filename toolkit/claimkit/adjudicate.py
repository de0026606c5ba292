"""Adjudication: merging the annotators of a document into a gold candidate.

Claims are grouped into units across annotators (see :mod:`claimkit.agreement.matching`). A unit
is *accepted* when every annotator of the document has a claim in it and all those claims agree:
same span, category, quote, certainty, polarity, content type and event date, the same speaker
(the same mentions, kind and naming), the same cue span, and parents in the same unit. Everything
else is a *conflict*, listed with each annotator's choice. A document without conflicts gets its
gold written (``unanimous``, or ``single_annotator`` when one person annotated it); a document
with conflicts gets a candidate that a reviewer finishes in Label Studio (``reviewer``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from claimkit.agreement.matching import Unit, same_source, units
from claimkit.agreement.report import annotators_of
from claimkit.model import Adjudication, Annotation, Claim, Cue, Decision, DocumentFile
from claimkit.review import record_review  # moved there: the Label Studio conversion needs it too
from claimkit.taxonomy import AdjudicationMethod

__all__ = ["Adjudicated", "Conflict", "adjudicate", "conflict_prediction", "describe_claim", "record_review"]

_COMPARED = ("start", "end", "category", "quote", "certainty", "polarity", "content_type", "event_date")


@dataclass(frozen=True)
class Conflict:
    """A unit the annotators did not agree on: each annotator's choice (``None``: no claim there)."""

    choices: dict[str, dict[str, Any] | None]


@dataclass
class Adjudicated:
    doc_id: str
    annotators: list[str]
    candidate: Annotation
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def gold(self) -> Annotation | None:
        """The gold annotation, when nothing is left for a reviewer."""
        return None if self.conflicts else self.candidate


class _Reading:
    """One annotator's annotation with the unit of each of its claims."""

    def __init__(self, name: str, annotation: Annotation, unit_of: dict[int, int]) -> None:
        self.name = name
        self.annotation = annotation
        self.unit_of = unit_of
        self.sources = {s.id: s for s in annotation.sources}
        self.cues = {c.id: c for c in annotation.cues}
        self.index = {c.id: i for i, c in enumerate(annotation.claims)}

    def parent_unit(self, claim: Claim) -> int | None:
        return self.unit_of.get(self.index[claim.parent]) if claim.parent in self.index else None

    def cue_span(self, claim: Claim) -> tuple[int, int] | None:
        cue = self.cues.get(claim.cue or "")
        return (cue.start, cue.end) if cue else None

    def source_kind(self, claim: Claim) -> str | None:
        source = self.sources.get(claim.source or "")
        return str(source.kind) if source and source.kind else None

    def speaker(self, claim: Claim) -> tuple[object, ...] | None:
        """What the gold's source says of who made a claim, besides the free-text name, role and
        affiliation (their spelling is the first annotator's): kind, naming, and every mention."""
        source = self.sources.get(claim.source or "")
        if source is None:
            return None
        return source.kind, source.naming, frozenset((m.start, m.end) for m in source.mentions)

    def describe(self, claim: Claim) -> dict[str, Any]:
        source = self.sources.get(claim.source or "")
        cue = self.cues.get(claim.cue or "")
        return {
            "span": [claim.start, claim.end],
            "text": claim.text,
            "category": str(claim.category),
            "source": source.name if source else None,
            "source_kind": self.source_kind(claim),
            "source_naming": str(source.naming) if source and source.naming else None,
            "source_mentions": ", ".join(f"{m.start}-{m.end}" for m in source.mentions) if source else None,
            "cue": cue.text if cue else None,
            "quote": str(claim.quote),
            "certainty": str(claim.certainty),
            "polarity": str(claim.polarity),
        }


def describe_claim(annotation: Annotation, claim: Claim) -> dict[str, Any]:
    """An annotator's choices for one claim, as conflicts list them (span, text, category, source...)."""
    return _Reading(annotation.annotator, annotation, {}).describe(claim)


def _agree(a: _Reading, x: Claim, b: _Reading, y: Claim) -> bool:
    return (
        all(getattr(x, name) == getattr(y, name) for name in _COMPARED)
        and same_source(x, a.sources, y, b.sources)
        and a.speaker(x) == b.speaker(y)  # one speaker merged by one annotator, two by the other: a conflict
        and a.cue_span(x) == b.cue_span(y)
        and a.parent_unit(x) == b.parent_unit(y)
    )


def _readings(found: dict[str, Annotation]) -> tuple[list[_Reading], list[Unit]]:
    all_units = units(found)
    unit_of: dict[str, dict[int, int]] = {name: {} for name in found}
    for number, unit in enumerate(all_units):
        for name, index in unit.members.items():
            unit_of[name][index] = number
    return [_Reading(name, found[name], unit_of[name]) for name in sorted(found)], all_units


def _made_at(clock: datetime | None, annotations: Iterable[Annotation]) -> datetime | None:
    """When a gold is made: the clock, or the newest annotation it was made from when that is later (a
    clock behind Label Studio's must not make a fresh gold look older than its annotations, D010)."""
    if clock is None:
        return None
    times = [a.updated_at or a.created_at for a in annotations]
    return max([clock, *(t for t in times if t is not None)])


def _candidate(
    base: _Reading, accepted: list[int], names: list[str], method: AdjudicationMethod, made: datetime | None
) -> Annotation:
    claims = [base.annotation.claims[i] for i in accepted]
    kept = {c.id for c in claims}
    claims = [c if c.parent in kept else c.model_copy(update={"parent": None}) for c in claims]
    sources = [s for s in base.annotation.sources if s.id in {c.source for c in claims}]
    cues = [q for q in base.annotation.cues if q.id in {c.cue for c in claims}]
    decisions = [Decision(claim=c.id, method=method, agreed=list(names)) for c in claims]
    adjudication = Adjudication(method=method, annotators=list(names), decisions=decisions)
    return Annotation(
        annotator="adjudication",
        guideline_version=base.annotation.guideline_version,
        created_at=made,
        adjudication=adjudication,
        sources=sources,
        cues=cues,
        claims=claims,
    )


def _unanimous(readings: list[_Reading], unit: Unit) -> bool:
    """Every annotator has a claim in the unit and all agree with the first one's."""
    if len(unit.members) != len(readings):
        return False
    base = readings[0]
    first = base.annotation.claims[unit.members[base.name]]
    return all(_agree(base, first, r, r.annotation.claims[unit.members[r.name]]) for r in readings[1:])


def _conflict(readings: list[_Reading], unit: Unit) -> Conflict:
    return Conflict(
        {
            r.name: r.describe(r.annotation.claims[unit.members[r.name]]) if r.name in unit.members else None
            for r in readings
        }
    )


def adjudicate(file: DocumentFile, made_at: datetime | None = None) -> Adjudicated | None:
    """The gold candidate of a document and its conflicts; ``None`` when nobody annotated it.

    ``made_at`` (the command passes the clock; the core reads none) becomes the candidate's
    ``created_at``, so that a later change to one of its annotations shows (D010)."""
    if made_at is not None and made_at.utcoffset() is None:
        raise ValueError("made_at must be timezone-aware (datetime.now(UTC)): a gold's times are compared across zones")
    found = annotators_of(file)
    if not found:
        return None
    readings, all_units = _readings(found)
    base = readings[0]
    accepted = [unit.members[base.name] for unit in all_units if _unanimous(readings, unit)]
    conflicts = [_conflict(readings, unit) for unit in all_units if not _unanimous(readings, unit)]
    method = AdjudicationMethod.SINGLE_ANNOTATOR if len(readings) == 1 else AdjudicationMethod.UNANIMOUS
    if conflicts:
        method = AdjudicationMethod.REVIEWER
    names = [r.name for r in readings]
    candidate = _candidate(base, sorted(accepted), names, method, _made_at(made_at, found.values()))
    return Adjudicated(file.document.id, names, candidate, conflicts)


class _Variants:
    """The claims, sources and cues of a reviewer's prediction, growing variant by variant."""

    def __init__(self, candidate: Annotation) -> None:
        self.claims, self.sources, self.cues = list(candidate.claims), list(candidate.sources), list(candidate.cues)

    def add(self, name: str, annotation: Annotation, claim: Claim) -> None:
        """One annotator's variant: ids prefixed with the annotator, a comment naming whose it is."""
        prefix = f"{name}."
        source = next((s for s in annotation.sources if s.id == claim.source), None)
        cue = next((q for q in annotation.cues if q.id == claim.cue), None)
        if source and not any(s.id == prefix + source.id for s in self.sources):
            self.sources.append(source.model_copy(update={"id": prefix + source.id}))
        if cue and not any(q.id == prefix + cue.id for q in self.cues):
            self.cues.append(Cue(id=prefix + cue.id, start=cue.start, end=cue.end, text=cue.text))
        update = {
            "id": prefix + claim.id,
            "source": prefix + source.id if source else None,
            "cue": prefix + cue.id if cue else None,
            "parent": None,
            "comment": f"variant by {name}" + (f": {claim.comment}" if claim.comment else ""),
        }
        self.claims.append(claim.model_copy(update=update))


def conflict_prediction(file: DocumentFile, adjudicated: Adjudicated) -> Annotation:
    """What a reviewer sees pre-filled: the accepted claims, plus every annotator's variant of each
    conflict (ids prefixed with the annotator, a comment naming whose variant it is)."""
    variants = _Variants(adjudicated.candidate)
    accepted = {(c.start, c.end, c.category) for c in adjudicated.candidate.claims}
    for name, annotation in annotators_of(file).items():
        for claim in annotation.claims:
            if (claim.start, claim.end, claim.category) not in accepted:
                variants.add(name, annotation, claim)
    update = {
        "claims": variants.claims,
        "sources": variants.sources,
        "cues": variants.cues,
        "annotator": "adjudication",
    }
    return adjudicated.candidate.model_copy(update=update)
