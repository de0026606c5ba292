"""From a Label Studio ``result`` list to an :class:`~claimkit.model.Annotation` (pure, no network).

Offsets are taken from the result and re-checked against the task text; ``value.text`` is never
trusted (the UI rewrites line breaks and collapses spaces), it is recomputed. Per-region choices
are matched to their region by id. Relations mean what they connect (see
:mod:`claimkit.labelstudio.config`). Every item that cannot be placed is a coded ``L`` issue:
nothing an annotator did is dropped without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeGuard

from pydantic import ValidationError

from claimkit.codes import Code
from claimkit.issues import Issue
from claimkit.labelstudio import codes, entities
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
from claimkit.labelstudio.links import Region, read_relations
from claimkit.labelstudio.offsets import Utf16, display_form
from claimkit.locate import json_kind
from claimkit.model import LOCAL_ID_PATTERN, Annotation, Origin
from claimkit.taxonomy import GUIDELINES_VERSION, ClaimCategory, describe
from claimkit.textutil import QuotedRegions

__all__ = ["Provenance", "annotation_from_result"]

_CATEGORY_BY_LABEL = {category_label(category): category for category in ClaimCategory}
_CHOICES = {control.name: ("claim", control) for control in CLAIM_CHOICES} | {
    control.name: ("source", control) for control in SOURCE_CHOICES
}
_TEXTAREAS = {name: ("claim", f) for name, f in CLAIM_TEXTAREAS.items()} | {
    name: ("source", f) for name, f in SOURCE_TEXTAREAS.items()
}
_KIND = dict.fromkeys(_CATEGORY_BY_LABEL, "claim") | {SOURCE_LABEL: "source", CUE_LABEL: "cue"}
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
        self._utf16: Utf16 | None = None

    def report(self, code: Code, message: str, position: int | None = None) -> None:
        pointer = self.pointer + (f"/result/{position}" if position is not None else "")
        self.issues.append(code.issue(message, file=self.where, pointer=pointer))

    @property
    def utf16(self) -> Utf16:
        if self._utf16 is None:
            self._utf16 = Utf16(self.text)
        return self._utf16

    # -- regions -------------------------------------------------------------------------------
    def add_region(self, item: dict[str, Any], position: int) -> None:
        label = self.label(item, position)
        span = self.span(item.get("value") or {}, position) if label else None
        if label is None or span is None:
            return
        region_id = str(item.get("id"))
        if not _REGION_ID.match(region_id):
            self.report(codes.INVALID_REGION_ID, f"region id {region_id!r} is not a valid id", position)
            return
        if region_id in self.regions:
            self.report(codes.SEVERAL_LABELS, f"two regions share the id {region_id!r}", position)
            return
        region = Region(region_id, _KIND[label], _CATEGORY_BY_LABEL.get(label), span, position)
        region.note = _meta_text(item)
        self.regions[region_id] = region

    def label(self, item: dict[str, Any], position: int) -> str | None:
        """The one known label of a region item, else ``None`` (reported)."""
        labels = (item.get("value") or {}).get("labels") or []
        if len(labels) != 1:
            code = codes.SEVERAL_LABELS if labels else codes.UNKNOWN_LABEL
            self.report(code, f"region {item.get('id')!r} has labels {labels}", position)
            return None
        if labels[0] not in _KIND:
            self.report(codes.UNKNOWN_LABEL, f"unknown label {labels[0]!r}", position)
            return None
        return str(labels[0])

    def span(self, value: dict[str, Any], position: int) -> dict[str, Any] | None:
        start, end, shown = value.get("start"), value.get("end"), value.get("text")
        if not (_offset(start) and _offset(end) and 0 <= start < end <= len(self.text)):
            if not self.utf16_offsets(start, end, shown, position):
                message = f"offsets [{start}, {end}) are not inside the text ({len(self.text)})"
                self.report(codes.REGION_OUT_OF_BOUNDS, message, position)
            return None
        covered = self.text[start:end]
        if isinstance(shown, str) and shown != covered and display_form(shown) != display_form(covered):
            if self.utf16_offsets(start, end, shown, position):
                return None
            message = f"region text {shown!r} differs from the task text {covered!r}"
            self.report(codes.REGION_TEXT_DRIFT, message, position)
        return {"start": start, "end": end, "text": covered}

    def utf16_offsets(self, start: Any, end: Any, shown: Any, position: int) -> bool:
        """Report (and say) whether the offsets are UTF-16 units: the region would be shifted."""
        if not (_offset(start) and _offset(end)):
            return False
        read = self.utf16.explains(start, end, shown)
        if read is not None:
            message = f"offsets [{start}, {end}) count UTF-16 units; in code points: [{read[0]}, {read[1]})"
            self.report(codes.UTF16_OFFSETS, message, position)
        return read is not None

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
        return self.text_field(name, value, position)

    def text_field(self, name: str, value: dict[str, Any], position: int) -> tuple[str | None, Any]:
        owner, model_field = _TEXTAREAS[name]
        texts = [t for t in value.get("text") or [] if isinstance(t, str) and t.strip()]
        if len(texts) > 1:
            self.report(codes.INVALID_CHOICE, f"{name} holds {len(texts)} texts; one is allowed", position)
            return None, None
        text = texts[0] if texts else None  # kept as typed: only an all-blank entry counts as empty
        if model_field != "event_date" or text is None:
            return owner, text
        parsed = _event_date(text.strip())
        if parsed is None:
            self.report(codes.INVALID_EVENT_DATE, f"event date {text.strip()!r} is not YYYY-MM-DD", position)
            return None, None
        return owner, parsed

    def choice(self, control: ChoiceControl, chosen: list[Any], position: int) -> StrEnum | None:
        by_title = _BY_TITLE[control.name]
        if len(chosen) != 1 or not isinstance(chosen[0], str) or chosen[0] not in by_title:
            self.report(
                codes.INVALID_CHOICE, f"{control.name} has {chosen}; expected one of {sorted(by_title)}", position
            )
            return None
        return by_title[chosen[0]]


def _event_date(text: str) -> date | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _meta_text(item: dict[str, Any]) -> str | None:
    texts = (item.get("meta") or {}).get("text") or []
    joined = "\n".join(t for t in texts if isinstance(t, str) and t.strip())
    return joined or None


@dataclass
class _Items:
    """A result list sorted by what each item is; regions are read at once."""

    relations: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    fields: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    comment: str | None = None


def _is_field(kind: Any, name: Any) -> bool:
    return (kind == "choices" and name in _CHOICES) or (kind == "textarea" and name in _TEXTAREAS)


def _sort_item(reader: _Reader, items: _Items, item: dict[str, Any], position: int) -> None:
    kind, name = item.get("type"), item.get("from_name")
    if kind == "relation":
        items.relations.append((position, item))
    elif kind == "labels" and name == SPAN_CONTROL:
        reader.add_region(item, position)
    elif kind == "textarea" and name == ANNOTATION_COMMENT:
        texts = [t for t in (item.get("value") or {}).get("text") or [] if isinstance(t, str)]
        items.comment = "\n".join(texts) or None
    elif _is_field(kind, name):
        items.fields.append((position, item))
    else:
        message = f"result item from {name!r} of type {kind!r} is not in the config"
        reader.report(codes.UNKNOWN_CONTROL, message, position)


def _read_items(reader: _Reader, result: list[dict[str, Any]]) -> _Items:
    items = _Items()
    for position, item in enumerate(result):
        if not isinstance(item, dict) or not all(isinstance(item.get(key) or {}, dict) for key in ("value", "meta")):
            what = "its value or meta is not an object" if isinstance(item, dict) else json_kind(item)
            reader.report(
                codes.MALFORMED_TASK, f"result item {position} is not as Label Studio exports it: {what}", position
            )
            continue  # an error: the whole annotation is kept aside (quarantined), not converted in part
        _sort_item(reader, items, item, position)
    for position, item in items.fields:
        reader.add_field(item, position)
    return items


def _validated(reader: _Reader, provenance: Provenance, data: dict[str, Any]) -> Annotation:
    try:  # one validation of the whole annotation (cheaper than a model per region)
        return Annotation.model_validate({**provenance.__dict__, **data})
    except ValidationError as error:  # the reader checks what could fail; this is a last guard
        reader.report(codes.INVALID_REGION_ID, f"the annotation does not fit the schema: {error.errors()[0]['msg']}")
        return Annotation(annotator=provenance.annotator, guideline_version=provenance.guideline_version)


def annotation_from_result(  # noqa: PLR0913 - keyword-only: where the issues are located
    result: list[dict[str, Any]],
    text: str,
    provenance: Provenance,
    *,
    where: str | None = None,
    pointer: str = "",
    quotes: QuotedRegions | None = None,
) -> tuple[Annotation, list[Issue]]:
    """The annotation a result list describes, and every issue met (``where``/``pointer`` locate them).

    Steps: sort the items (regions are read at once, per-region fields matched to them), read the
    relations, group source mentions into entities, then build cues and claims.
    """
    reader = _Reader(text, where, pointer)
    items = _read_items(reader, result)
    links = read_relations(reader.regions, items.relations, reader.report)
    found_sources, entity_of = entities.sources(reader.report, reader.regions, links)
    found = entities.Found(links, entity_of, quotes or QuotedRegions(text))
    found_cues = entities.cues(reader.report, reader.regions)
    claims = [entities.claim(reader.report, r, found) for r in reader.regions.values() if r.kind == "claim"]
    data = {"comment": items.comment, "sources": found_sources, "cues": found_cues, "claims": claims}
    return _validated(reader, provenance, data), reader.issues


def _offset(value: object) -> TypeGuard[int]:
    """An offset is a whole number: ``true`` is not 1 (JSON's booleans are Python's ints)."""
    return isinstance(value, int) and not isinstance(value, bool)
