"""From a Label Studio ``result`` list to an :class:`~claimkit.model.Annotation` (pure, no network).

Offsets are taken from the result and re-checked against the task text; ``value.text`` is never
trusted (the UI rewrites line breaks and collapses spaces), it is recomputed. Per-region choices
are matched to their region by id. Relations mean what they connect (see
:mod:`claimkit.labelstudio.config`). Every item that cannot be placed is a coded ``L`` issue:
nothing an annotator did is dropped without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from claimkit.codes import Code
from claimkit.issues import Issue
from claimkit.labelstudio import codes
from claimkit.labelstudio.config import (
    ANNOTATION_COMMENT,
    CLAIM_CHOICES,
    CLAIM_TEXTAREAS,
    CUE_LABEL,
    SOURCE_CHOICES,
    SOURCE_LABEL,
    SOURCE_TEXTAREAS,
    SPAN_CONTROL,
    ChoiceControl,
    category_label,
)
from claimkit.labelstudio.links import Links, Region, group_mentions, read_relations
from claimkit.model import LOCAL_ID_PATTERN, Annotation, Origin
from claimkit.taxonomy import GUIDELINES_VERSION, ClaimCategory, QuoteType, describe
from claimkit.textutil import QuotedRegions

__all__ = ["Provenance", "annotation_from_result"]

_CATEGORY_BY_LABEL = {category_label(category): category for category in ClaimCategory}
_CHOICES = {control.name: ("claim", control) for control in CLAIM_CHOICES} | {
    control.name: ("source", control) for control in SOURCE_CHOICES
}
_TEXTAREAS = {name: ("claim", f) for name, f in CLAIM_TEXTAREAS.items()} | {
    name: ("source", f) for name, f in SOURCE_TEXTAREAS.items()
}
_REGION_ID = re.compile(LOCAL_ID_PATTERN)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BY_TITLE = {
    control.name: {describe(value).title: value for value in control.values}
    for control in (*CLAIM_CHOICES, *SOURCE_CHOICES)
}


@dataclass(frozen=True)
class Provenance:
    """Who made an annotation and where it came from; the result list itself does not say."""

    annotator: str
    guideline_version: str = GUIDELINES_VERSION
    created_at: datetime | None = None
    updated_at: datetime | None = None
    lead_time: float | None = None
    origin: Origin | None = None


class _Reader:
    """Reads one result list; collects issues located at ``<where> <pointer>/result/<n>``."""

    def __init__(self, text: str, where: str | None, pointer: str) -> None:
        self.text = text
        self.where = where
        self.pointer = pointer
        self.issues: list[Issue] = []
        self.regions: dict[str, Region] = {}

    def report(self, code: Code, message: str, position: int | None = None) -> None:
        pointer = self.pointer + (f"/result/{position}" if position is not None else "")
        self.issues.append(code.issue(message, file=self.where, pointer=pointer))

    # -- regions -------------------------------------------------------------------------------
    def add_region(self, item: dict[str, Any], position: int) -> None:
        value = item.get("value") or {}
        labels = value.get("labels") or []
        if len(labels) != 1:
            self.report(
                codes.SEVERAL_LABELS if labels else codes.UNKNOWN_LABEL,
                f"region {item.get('id')!r} has labels {labels}",
                position,
            )
            return
        label = labels[0]
        kind = "claim" if label in _CATEGORY_BY_LABEL else {SOURCE_LABEL: "source", CUE_LABEL: "cue"}.get(label)
        if kind is None:
            self.report(codes.UNKNOWN_LABEL, f"unknown label {label!r}", position)
            return
        span = self.span(value, position)
        if span is None:
            return
        region_id = str(item.get("id"))
        if not _REGION_ID.match(region_id):
            self.report(codes.INVALID_REGION_ID, f"region id {region_id!r} is not a valid id", position)
            return
        if region_id in self.regions:
            self.report(codes.SEVERAL_LABELS, f"two regions share the id {region_id!r}", position)
            return
        region = Region(region_id, kind, _CATEGORY_BY_LABEL.get(label), span, position)
        region.note = _meta_text(item)
        self.regions[region_id] = region

    def span(self, value: dict[str, Any], position: int) -> dict[str, Any] | None:
        start, end = value.get("start"), value.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.text)):
            self.report(
                codes.REGION_OUT_OF_BOUNDS,
                f"offsets [{start}, {end}) are not inside the text ({len(self.text)})",
                position,
            )
            return None
        covered = self.text[start:end]
        shown = value.get("text")
        if isinstance(shown, str) and shown != covered and _display_form(shown) != _display_form(covered):
            self.report(
                codes.REGION_TEXT_DRIFT, f"region text {shown!r} differs from the task text {covered!r}", position
            )
        return {"start": start, "end": end, "text": covered}

    # -- per-region fields ----------------------------------------------------------------------
    def add_field(self, item: dict[str, Any], position: int) -> None:
        name = item.get("from_name")
        owner_kind, parsed = self.parse_field(item, position)
        if owner_kind is None:
            return
        region = self.regions.get(str(item.get("id")))
        if region is None or region.kind != owner_kind:
            where_to = f"a {region.kind}" if region else "no region"
            self.report(codes.ORPHAN_REGION_FIELD, f"{name} belongs to {where_to} (id {item.get('id')!r})", position)
            return
        if parsed is not None:
            region.fields[str(name)] = parsed

    def parse_field(self, item: dict[str, Any], position: int) -> tuple[str | None, Any]:
        name = str(item.get("from_name"))
        value = item.get("value") or {}
        if name in _CHOICES:
            owner, control = _CHOICES[name]
            return owner, self.choice(control, value.get("choices") or [], position)
        owner, model_field = _TEXTAREAS[name]
        texts = [t for t in value.get("text") or [] if isinstance(t, str) and t.strip()]
        if len(texts) > 1:
            self.report(codes.INVALID_CHOICE, f"{name} holds {len(texts)} texts; one is allowed", position)
            return None, None
        text = texts[0] if texts else None  # kept as typed: only an all-blank entry counts as empty
        if model_field == "event_date" and text is not None:
            text = text.strip()
            if not _ISO_DATE.match(text) or not _is_date(text):
                self.report(codes.INVALID_EVENT_DATE, f"event date {text!r} is not YYYY-MM-DD", position)
                return None, None
            return owner, date.fromisoformat(text)
        return owner, text

    def choice(self, control: ChoiceControl, chosen: list[Any], position: int) -> StrEnum | None:
        by_title = _BY_TITLE[control.name]
        if len(chosen) != 1 or chosen[0] not in by_title:
            self.report(
                codes.INVALID_CHOICE, f"{control.name} has {chosen}; expected one of {sorted(by_title)}", position
            )
            return None
        return by_title[chosen[0]]


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _meta_text(item: dict[str, Any]) -> str | None:
    texts = (item.get("meta") or {}).get("text") or []
    joined = "\n".join(t for t in texts if isinstance(t, str) and t.strip())
    return joined or None


def _display_form(text: str) -> str:
    """What the Label Studio UI shows of a text: escaped line breaks and space runs collapsed."""
    return re.sub(r"\s+", " ", text.replace("\\n", "\n")).strip()


def _source(reader: _Reader, members: list[Region]) -> dict[str, Any]:
    with_fields = [m for m in members if m.fields]
    head = with_fields[0] if with_fields else members[0]
    for other in with_fields[1:]:
        if other.fields != head.fields:
            reader.report(
                codes.CONFLICTING_SOURCE_FIELDS,
                f"mentions {head.id} and {other.id} describe their source differently",
                other.position,
            )
    for member in members:
        if member.note:
            reader.report(
                codes.REGION_NOTE_NOT_IMPORTED,
                f"note on source mention {member.id!r} was not imported: {member.note!r}",
                member.position,
            )
    fields = {SOURCE_TEXTAREAS.get(k, k): v for k, v in head.fields.items()}
    choices = {control.field: fields.pop(control.name, None) for control in SOURCE_CHOICES}
    mentions = [head.span] + [m.span for m in members if m is not head]
    name = fields.pop("name", None) or head.span["text"]
    return {"id": head.id, "name": name, "mentions": mentions, **choices, **fields}


def _single(reader: _Reader, claim: Region, values: set[str] | None, what: str) -> str | None:
    if not values:
        return None
    if len(values) > 1:
        reader.report(
            codes.AMBIGUOUS_LINK, f"claim {claim.id} has {len(values)} {what}s: {sorted(values)}", claim.position
        )
    return sorted(values)[0]


def _claim(
    reader: _Reader, region: Region, links: Links, entity_of: dict[str, str], quotes: QuotedRegions
) -> dict[str, Any]:
    mentions = links.source_of.get(region.id, set())
    source = _single(reader, region, {entity_of[m] for m in mentions}, "source")
    cue = _single(reader, region, links.cue_of.get(region.id), "cue")
    parent = _single(reader, region, links.parent_of.get(region.id), "parent")
    fields = dict(region.fields)
    values: dict[str, Any] = {control.field: fields.pop(control.name, None) for control in CLAIM_CHOICES}
    values |= {CLAIM_TEXTAREAS[name]: value for name, value in fields.items()}
    if region.note:
        values["comment"] = "\n".join(filter(None, [values.get("comment"), region.note]))
    if values["quote"] is None:
        values["quote"] = _default_quote(region.span, source, quotes)
    for key, default in (("certainty", "certain"), ("polarity", "positive")):
        values[key] = values[key] or default
    return {
        "id": region.id,
        **region.span,
        "category": region.category,
        "source": source,
        "cue": cue,
        "parent": parent,
        **values,
    }


def _default_quote(span: dict[str, Any], source: str | None, quotes: QuotedRegions) -> QuoteType:
    """An unanswered quote choice: direct inside quotation marks, indirect when attributed, else none."""
    if quotes.encloses(span["start"], span["end"]):
        return QuoteType.DIRECT
    return QuoteType.INDIRECT if source is not None else QuoteType.NONE


def annotation_from_result(
    result: list[dict[str, Any]],
    text: str,
    provenance: Provenance,
    *,
    where: str | None = None,
    pointer: str = "",
    quotes: QuotedRegions | None = None,
) -> tuple[Annotation, list[Issue]]:
    """The annotation a result list describes, and every issue met (``where``/``pointer`` locate them)."""
    reader = _Reader(text, where, pointer)
    relations: list[tuple[int, dict[str, Any]]] = []
    fields: list[tuple[int, dict[str, Any]]] = []
    comment: str | None = None
    for position, item in enumerate(result):
        kind, name = item.get("type"), item.get("from_name")
        if kind == "relation":
            relations.append((position, item))
        elif kind == "labels" and name == SPAN_CONTROL:
            reader.add_region(item, position)
        elif name == ANNOTATION_COMMENT and kind == "textarea":
            texts = [t for t in (item.get("value") or {}).get("text") or [] if isinstance(t, str)]
            comment = "\n".join(texts) or None
        elif (kind == "choices" and name in _CHOICES) or (kind == "textarea" and name in _TEXTAREAS):
            fields.append((position, item))
        else:
            reader.report(
                codes.UNKNOWN_CONTROL, f"result item from {name!r} of type {kind!r} is not in the config", position
            )
    for position, item in fields:
        reader.add_field(item, position)
    links = read_relations(reader.regions, relations, reader.report)
    entities = group_mentions(reader.regions, links)
    sources = [_source(reader, members) for members in entities]
    entity_of = {m.id: s["id"] for s, members in zip(sources, entities, strict=True) for m in members}
    cues = []
    for region in reader.regions.values():
        if region.kind == "cue":
            if region.note:
                reader.report(
                    codes.REGION_NOTE_NOT_IMPORTED,
                    f"note on cue {region.id!r} was not imported: {region.note!r}",
                    region.position,
                )
            cues.append({"id": region.id, **region.span})
    quotes = quotes or QuotedRegions(text)
    claims = [_claim(reader, r, links, entity_of, quotes) for r in reader.regions.values() if r.kind == "claim"]
    data = {**provenance.__dict__, "comment": comment, "sources": sources, "cues": cues, "claims": claims}
    try:  # one validation of the whole annotation (cheaper than a model per region)
        annotation = Annotation.model_validate(data)
    except ValidationError as error:  # the reader checks what could fail; this is a last guard
        reader.report(codes.INVALID_REGION_ID, f"the annotation does not fit the schema: {error.errors()[0]['msg']}")
        annotation = Annotation(annotator=provenance.annotator, guideline_version=provenance.guideline_version)
    return annotation, reader.issues
