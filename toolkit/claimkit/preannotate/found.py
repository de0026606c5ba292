"""What the proposer finds in one document: claims (with their category), cues and sources, before
they become an annotation."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimkit.preannotate.lexicon import Form
from claimkit.preannotate.sources import Entity
from claimkit.taxonomy import (
    OFFICIAL_SOURCE_KINDS,
    Certainty,
    ClaimCategory,
    ContentType,
    Polarity,
    SourceKind,
    SourceNaming,
)

__all__ = ["Found", "FoundClaim", "FoundCue", "content_type_of"]


@dataclass
class FoundCue:
    """A proposed cue: its span and the rule that found it."""

    start: int
    end: int
    rule: str


@dataclass
class FoundClaim:
    """A proposed claim: its span, the rule behind it, its speaker and cue, and what it says."""

    start: int
    end: int
    rule: str
    source: Entity | None = None
    cue: FoundCue | None = None
    direct: bool = False
    form: Form | None = None
    parent: FoundClaim | None = None
    certainty: Certainty = Certainty.CERTAIN
    polarity: Polarity = Polarity.POSITIVE
    content_type: ContentType | None = None

    @property
    def category(self) -> ClaimCategory:
        """The decision tree of guidelines 1.1.0 (§2): the speaker's kind, then what the claim does."""
        if self.source is None:
            return ClaimCategory.REPORTED_FACT  # the outlet's account (its evaluations are not detected)
        kind = self.source.kind
        if kind in OFFICIAL_SOURCE_KINDS:
            return ClaimCategory.OFFICIAL_STATEMENT
        if kind in (SourceKind.ANALYST, SourceKind.JOURNALIST):
            return ClaimCategory.ANALYST_OPINION
        if self.content_type in (ContentType.EVALUATION, ContentType.RECOMMENDATION) or self._forecast():
            return ClaimCategory.ANALYST_OPINION  # §2.2: opinions of organizations, witnesses, media, others
        return ClaimCategory.REPORTED_FACT

    def _forecast(self) -> bool:
        """§2.4: a judgement of what will happen, not a plan, and not an unconfirmed report of one."""
        if self.content_type is not ContentType.PREDICTION or self.rule == "claim-rumour":
            return False  # a rumour reports that an arrangement may exist: information (§2.4)
        if self.form is not None and self.form.content_type is ContentType.PREDICTION:
            return self.form.forecast
        hedged = self.certainty in (Certainty.POSSIBLE, Certainty.PROBABLE)
        return hedged and self.source is not None and self.source.naming is not SourceNaming.ANONYMOUS


@dataclass
class Found:
    """Everything proposed for one document, before it becomes an annotation."""

    claims: list[FoundClaim] = field(default_factory=list)
    cues: list[FoundCue] = field(default_factory=list)
    sources: list[Entity] = field(default_factory=list)


def content_type_of(claim: FoundClaim, form: Form | None) -> ContentType | None:
    """What the claim does, from its cue (the cue table), else from its certainty; facts by default."""
    if form is not None and form.content_type is not None:
        return form.content_type
    if claim.certainty in (Certainty.POSSIBLE, Certainty.PROBABLE):
        return ContentType.PREDICTION
    if claim.source is None or claim.source.kind not in OFFICIAL_SOURCE_KINDS | {
        SourceKind.ANALYST,
        SourceKind.JOURNALIST,
    }:
        return ContentType.FACTUAL_ASSERTION
    return None
