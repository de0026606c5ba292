"""The canonical model of a document file: pure data, no I/O.

The models say exactly what the published JSON Schema says (they generate it): types, closed label
sets, required fields and patterns. Everything that relates one field to another (offsets inside the
text, references that resolve, the category decision) is a rule in :mod:`claimkit.rules`, so that a
file either fails structure with an ``S`` issue or is a model the rules can read.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue

from claimkit.taxonomy import (
    GUIDELINES_VERSION,
    AdjudicationMethod,
    Certainty,
    ClaimCategory,
    ContentType,
    FurnitureKind,
    Polarity,
    QuoteType,
    SourceKind,
    SourceNaming,
)

__all__ = [
    "LOCAL_ID_PATTERN",
    "SCHEMA_VERSION",
    "Acceptance",
    "Adjudication",
    "Annotation",
    "Claim",
    "Cue",
    "Decision",
    "Document",
    "DocumentFile",
    "Furniture",
    "Generator",
    "Origin",
    "Source",
    "Span",
    "text_sha256",
]

#: Version of the document-file contract. Major: readers break; minor: new optional fields.
SCHEMA_VERSION = "1.1.0"

Offset = Annotated[int, Field(ge=0, description="Unicode code point offset into document.text")]
#: Ids of sources, cues and claims (Label Studio region ids): letters, digits, ``_ . : -``.
LOCAL_ID_PATTERN = r"^[A-Za-z0-9_-][A-Za-z0-9_.:-]{0,127}$"
LocalId = Annotated[
    str,
    Field(
        pattern=LOCAL_ID_PATTERN,
        description="Id of a source, cue or claim, unique within one annotation (Label Studio region id).",
    ),
]
NonEmpty = Annotated[str, Field(min_length=1)]
SemVer = Annotated[str, Field(pattern=r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")]
IsoDate = Annotated[date, Field(json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}$"})]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Span(_Model):
    """A stretch of the document text: ``text == document.text[start:end]``."""

    start: Offset
    end: Offset
    text: str = Field(description="The covered text, for people reading the file; checked by rule O003.")


class Furniture(Span):
    """Page furniture kept in the text but outside the article: no claim may sit on it."""

    kind: FurnitureKind


class Cue(Span):
    """An attribution cue: the words that tie content to its source (قال، أكد، وفقاً لـ)."""

    id: LocalId


class Source(_Model):
    """One real-world speaker in a document, with every mention of it grouped together."""

    id: LocalId
    name: NonEmpty = Field(description="Canonical name, as the article gives it most fully.")
    kind: SourceKind | None = None
    naming: SourceNaming | None = None
    role: str | None = Field(None, description="Role or title, e.g. المحلل السياسي.")
    affiliation: str | None = Field(None, description="Institution the source speaks for.")
    mentions: list[Span] = Field(min_length=1)


class Claim(Span):
    """A span of content that asserts something, with who said it and how."""

    id: LocalId
    category: ClaimCategory
    source: LocalId | None = Field(None, description="Source id; null is the outlet's own voice.")
    cue: LocalId | None = Field(None, description="Cue id of the attribution cue, if any.")
    quote: QuoteType
    certainty: Certainty = Certainty.CERTAIN
    polarity: Polarity = Polarity.POSITIVE
    parent: LocalId | None = Field(None, description="Id of the claim this one is nested in.")
    content_type: ContentType | None = None
    event_date: IsoDate | None = None
    comment: str | None = None


class Origin(_Model):
    """Where an annotation came from in Label Studio (ids only; never a user id)."""

    system: Annotated[str, Field(pattern=r"^label-studio$")] = "label-studio"
    project: Annotated[int, Field(ge=1)]
    task: Annotated[int, Field(ge=1)]
    annotation: Annotated[int, Field(ge=1)] | None = None


class Decision(_Model):
    """How one gold claim was decided."""

    claim: LocalId
    method: AdjudicationMethod
    agreed: list[NonEmpty] = Field(default_factory=list, description="Annotators who made this claim.")
    dissented: list[NonEmpty] = Field(default_factory=list, description="Annotators who did not.")


class Adjudication(_Model):
    """How a gold annotation was made from the annotators' work."""

    method: AdjudicationMethod
    annotators: list[NonEmpty] = Field(default_factory=list)
    reviewer: NonEmpty | None = None
    decisions: list[Decision] = Field(default_factory=list)


Count = Annotated[int, Field(ge=0)]


class Generator(_Model):
    """The program that proposed an annotation (a pre-annotation), and the rule behind each region."""

    name: NonEmpty = Field(description="The program, e.g. claimkit-preannotate.")
    version: SemVer = Field(description="Its version: proposals of another version may differ.")
    score: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="Overall confidence in [0, 1] (sent to Label Studio as the prediction score)."
    )
    rules: dict[LocalId, NonEmpty] = Field(
        default_factory=dict,
        description="Region id -> the rule that proposed it. Region ids are those of Label Studio: "
        "a claim or cue id, a source id for its first mention, <source id>:<n> for mention n.",
    )


class Acceptance(_Model):
    """How an annotation that started from a prediction differs from it, region by region."""

    prediction: NonEmpty = Field(description="The model_version of the prediction the annotator started from.")
    regions: Count = Field(description="Regions (claims, cues, source mentions) the prediction proposed.")
    accepted: Count = Field(description="Proposed regions kept exactly as they were.")
    edited_span: Count = Field(description="Proposed regions kept with other offsets.")
    edited_field: Count = Field(
        description="Proposed regions kept on the same offsets with another label, field or link."
    )
    deleted: Count = Field(description="Proposed regions the annotator removed.")
    added: Count = Field(description="Regions the annotator made that were not proposed.")


class Annotation(_Model):
    """One annotator's complete reading of a document (or the gold one, or a machine proposal)."""

    annotator: NonEmpty = Field(description="Pseudonym (keyed hash); never an e-mail or user id.")
    guideline_version: SemVer = GUIDELINES_VERSION
    created_at: AwareDatetime | None = None
    updated_at: AwareDatetime | None = None
    lead_time: Annotated[float, Field(ge=0)] | None = Field(None, description="Seconds spent, from Label Studio.")
    origin: Origin | None = None
    comment: str | None = None
    adjudication: Adjudication | None = None
    generator: Generator | None = Field(None, description="Set on machine proposals only: what proposed them.")
    acceptance: Acceptance | None = Field(
        None, description="Set when the annotator started from a prediction: what they kept, changed, removed."
    )
    sources: list[Source] = Field(default_factory=list)
    cues: list[Cue] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


class Document(_Model):
    """The article: text exactly as annotated, and its metadata."""

    id: NonEmpty = Field(description="Slug safe as a file name; the file is annotations/<id>.json.")
    title: NonEmpty
    text: NonEmpty
    text_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    outlet: NonEmpty
    url: str | None = None
    published: IsoDate | None = None
    license: str | None = None
    furniture: list[Furniture] = Field(default_factory=list)
    source_fields: dict[str, JsonValue] | None = Field(
        None,
        description="Every other field of the record the document was ingested from (a JSON Lines, CSV, "
        "Parquet or datasets row, or a sidecar), kept as it came: labels, section, tags, the source's "
        "own id. Since schema 1.1.0.",
    )


class DocumentFile(_Model):
    """The content of one ``annotations/<id>.json``."""

    schema_version: Annotated[str, Field(pattern=r"^1\.\d+\.\d+$")] = SCHEMA_VERSION
    document: Document
    annotations: list[Annotation] = Field(default_factory=list)
    gold: Annotation | None = None
    predictions: list[Annotation] = Field(
        default_factory=list,
        exclude_if=lambda proposals: not proposals,  # a file without proposals reads as schema 1.0 wrote it
        description="Machine proposals (pre-annotations), each with its generator: never an annotator's work, "
        "never gold, and left out of agreement and releases.",
    )


def text_sha256(text: str) -> str:
    """The hash that pins a document text (UTF-8, no normalization)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
