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

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from claimkit.agreement.codes import UNPLACEABLE_VARIANT
from claimkit.agreement.matching import Unit, same_source, units
from claimkit.agreement.report import annotators_of
from claimkit.issues import Issue
from claimkit.model import LOCAL_ID_PATTERN, Adjudication, Annotation, Claim, Cue, Decision, DocumentFile
from claimkit.reporters import printable
from claimkit.review import record_review  # moved there: the Label Studio conversion needs it too
from claimkit.taxonomy import AdjudicationMethod

__all__ = [
    "Adjudicated",
    "Conflict",
    "adjudicate",
    "conflict_prediction",
    "describe_claim",
    "record_review",
    "review_prediction",
    "variant_id",
]

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


def variant_id(name: str, region_id: str) -> str:
    """The id of an annotator's variant of a region in a reviewer's prediction.

    ``<name>.<id>`` when that is a valid id, as it always was; otherwise (a name with a space, Arabic,
    a control character, or so long that the id would pass 128 characters) the name is replaced by
    ``annotator-`` and 16 hex digits of its SHA-256: ``annotator-3f9a1c2e7b4d5a6c.<id>``. Kept names
    hold no ``.`` and never have the hashed form (such names are hashed too), so the prefix ends at the
    first dot and two annotators' variants never share an id. Which annotator a variant is by is not
    read from its id: its claim's comment names them in full (``variant by <name>``, a bidi or control
    character written as an escape)."""
    if _KEPT_NAME.fullmatch(name) and not _HASHED_NAME.fullmatch(name):
        kept = f"{name}.{region_id}"
        if len(kept) <= _MAX_ID:
            return kept
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{_HASHED_PREFIX}{digest[:16]}.{region_id}"


#: A name kept as the prefix of its variants' ids: what an id may hold, except the dot that ends it.
_KEPT_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_:-]*")
_HASHED_PREFIX = "annotator-"
_HASHED_NAME = re.compile(re.escape(_HASHED_PREFIX) + r"[0-9a-f]{16}")
_MAX_ID = 128  # claimkit.model.LOCAL_ID_PATTERN
_VALID_ID = re.compile(LOCAL_ID_PATTERN)


class _Variants:
    """The claims, sources and cues of a reviewer's prediction, growing variant by variant.

    A region that cannot be given an id there (its own id is too long to take the annotator's prefix,
    or the prefixed id is already another region's) is a problem of the document (G003), not skipped."""

    def __init__(self, file: DocumentFile, candidate: Annotation, path: str | None) -> None:
        self.claims, self.sources, self.cues = list(candidate.claims), list(candidate.sources), list(candidate.cues)
        # id -> the (annotator, original id) it was given to; the accepted regions keep their own ids
        taken = [r.id for r in self.claims] + [r.id for r in self.sources] + [r.id for r in self.cues]
        self.owners: dict[str, tuple[str, str] | None] = dict.fromkeys(taken)
        self.file, self.path = file, path
        self.issues: list[Issue] = []

    def _place(self, name: str, annotation: Annotation, kind: str, region_id: str) -> str | None:
        """The id of an annotator's region in the prediction; ``None`` when it cannot have one (G003)."""
        new, owner = variant_id(name, region_id), (name, region_id)
        if _VALID_ID.fullmatch(new) and self.owners.get(new, owner) == owner:
            self.owners[new] = owner
            return new
        number = next(i for i, a in enumerate(self.file.annotations) if a is annotation)
        index = next(i for i, r in enumerate(getattr(annotation, kind)) if r.id == region_id)
        pointer = f"/annotations/{number}/{kind}/{index}/id"
        if any(issue.location.pointer == pointer for issue in self.issues):
            return None  # a source or cue of several claims: said once
        if not _VALID_ID.fullmatch(new):
            why = f"its id ({len(region_id)} characters) leaves no room for the annotator's prefix ({_MAX_ID} at most)"
        else:
            taken = "another annotator's variant" if self.owners[new] else "an accepted region"
            why = f"its id there, {new!r}, is already the id of {taken}"
        self.issues.append(
            UNPLACEABLE_VARIANT.issue(
                f"{kind[:-1]} {region_id[:40]!r} of annotator {name!r} cannot be offered to a reviewer: {why}",
                file=self.path,
                pointer=pointer,
            )
        )
        return None

    def add(self, name: str, annotation: Annotation, claim: Claim) -> None:
        """One annotator's variant: ids prefixed (see :func:`variant_id`), a comment naming whose it is."""
        source = next((s for s in annotation.sources if s.id == claim.source), None)
        cue = next((q for q in annotation.cues if q.id == claim.cue), None)
        claim_id = self._place(name, annotation, "claims", claim.id)
        source_id = self._place(name, annotation, "sources", source.id) if source else None
        cue_id = self._place(name, annotation, "cues", cue.id) if cue else None
        if claim_id is None or (source and source_id is None) or (cue and cue_id is None):
            return
        # an id taken already is this very region (another claim of the annotator's with the same speaker)
        if source and not any(s.id == source_id for s in self.sources):
            self.sources.append(source.model_copy(update={"id": source_id}))
        if cue and cue_id and not any(q.id == cue_id for q in self.cues):
            self.cues.append(Cue(id=cue_id, start=cue.start, end=cue.end, text=cue.text))
        update = {
            "id": claim_id,
            "source": source_id,
            "cue": cue_id,
            "parent": None,
            # the name in full, its bidi and control characters as escapes: a reviewer reads it in Label Studio
            "comment": f"variant by {printable(name)}" + (f": {claim.comment}" if claim.comment else ""),
        }
        self.claims.append(claim.model_copy(update=update))


def review_prediction(
    file: DocumentFile, adjudicated: Adjudicated, path: str | None = None
) -> tuple[Annotation | None, list[Issue]]:
    """What a reviewer sees pre-filled: the accepted claims, plus every annotator's variant of each
    conflict (ids prefixed with the annotator, see :func:`variant_id`; a comment naming whose variant
    it is). ``None`` and the G003 issues (located in ``path``) when a variant cannot be given an id."""
    variants = _Variants(file, adjudicated.candidate, path)
    accepted = {(c.start, c.end, c.category) for c in adjudicated.candidate.claims}
    for name, annotation in annotators_of(file).items():
        for claim in annotation.claims:
            if (claim.start, claim.end, claim.category) not in accepted:
                variants.add(name, annotation, claim)
    if variants.issues:
        return None, variants.issues
    update = {
        "claims": variants.claims,
        "sources": variants.sources,
        "cues": variants.cues,
        "annotator": "adjudication",
    }
    return adjudicated.candidate.model_copy(update=update), []


def conflict_prediction(file: DocumentFile, adjudicated: Adjudicated) -> Annotation:
    """:func:`review_prediction` for a document known to fit; ``ValueError`` when a variant does not
    (the command uses :func:`review_prediction` and reports why)."""
    prediction, issues = review_prediction(file, adjudicated)
    if prediction is None:
        raise ValueError("; ".join(issue.message for issue in issues))
    return prediction
