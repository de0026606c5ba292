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
from typing import Any

from claimkit.issues import Issue, Location
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
from claimkit.model import Annotation, Claim, Cue, Origin, Source, Span
from claimkit.rules.registry import REGISTRY
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


@dataclass
class _Region:
    id: str
    kind: str  # "claim", "source" or "cue"
    category: ClaimCategory | None
    span: Span
    position: int
    fields: dict[str, Any] = field(default_factory=dict)
    note: str | None = None


class _Reader:
    """Reads one result list; collects issues located at ``<where> <pointer>/result/<n>``."""

    def __init__(self, text: str, where: str | None, pointer: str) -> None:
        self.text = text
        self.where = where
        self.pointer = pointer
        self.issues: list[Issue] = []
        self.regions: dict[str, _Region] = {}

    def report(self, code: str, message: str, position: int | None = None) -> None:
        entry = REGISTRY[code]
        pointer = self.pointer + (f"/result/{position}" if position is not None else "")
        self.issues.append(Issue(code, entry.name, entry.severity, message, Location(self.where, pointer), entry.fix))

    # -- regions -------------------------------------------------------------------------------
    def add_region(self, item: dict[str, Any], position: int) -> None:
        value = item.get("value") or {}
        labels = value.get("labels") or []
        if len(labels) != 1:
            self.report("L015" if labels else "L001", f"region {item.get('id')!r} has labels {labels}", position)
            return
        label = labels[0]
        kind = "claim" if label in _CATEGORY_BY_LABEL else {SOURCE_LABEL: "source", CUE_LABEL: "cue"}.get(label)
        if kind is None:
            self.report("L001", f"unknown label {label!r}", position)
            return
        span = self.span(value, position)
        if span is None:
            return
        region_id = str(item.get("id"))
        if region_id in self.regions:
            self.report("L015", f"two regions share the id {region_id!r}", position)
            return
        region = _Region(region_id, kind, _CATEGORY_BY_LABEL.get(label), span, position)
        region.note = _meta_text(item)
        self.regions[region_id] = region

    def span(self, value: dict[str, Any], position: int) -> Span | None:
        start, end = value.get("start"), value.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.text)):
            self.report("L003", f"offsets [{start}, {end}) are not inside the text ({len(self.text)})", position)
            return None
        covered = self.text[start:end]
        shown = value.get("text")
        if isinstance(shown, str) and shown != covered and _display_form(shown) != _display_form(covered):
            self.report("L004", f"region text {shown!r} differs from the task text {covered!r}", position)
        return Span(start=start, end=end, text=covered)

    # -- per-region fields ----------------------------------------------------------------------
    def add_field(self, item: dict[str, Any], position: int) -> None:
        name = item.get("from_name")
        owner_kind, parsed = self.parse_field(item, position)
        if owner_kind is None:
            return
        region = self.regions.get(str(item.get("id")))
        if region is None or region.kind != owner_kind:
            where_to = f"a {region.kind}" if region else "no region"
            self.report("L010", f"{name} belongs to {where_to} (id {item.get('id')!r})", position)
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
            self.report("L011", f"{name} holds {len(texts)} texts; one is allowed", position)
            return None, None
        text = texts[0] if texts else None  # kept as typed: only an all-blank entry counts as empty
        if model_field == "event_date" and text is not None:
            text = text.strip()
            if not _ISO_DATE.match(text) or not _is_date(text):
                self.report("L012", f"event date {text!r} is not YYYY-MM-DD", position)
                return None, None
            return owner, date.fromisoformat(text)
        return owner, text

    def choice(self, control: ChoiceControl, chosen: list[Any], position: int) -> StrEnum | None:
        by_title = _BY_TITLE[control.name]
        if len(chosen) != 1 or chosen[0] not in by_title:
            self.report("L011", f"{control.name} has {chosen}; expected one of {sorted(by_title)}", position)
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


@dataclass
class _Links:
    source_of: dict[str, set[str]] = field(default_factory=dict)  # claim id -> mention region ids
    cue_of: dict[str, set[str]] = field(default_factory=dict)  # claim id -> cue ids
    parent_of: dict[str, set[str]] = field(default_factory=dict)  # claim id -> parent claim ids
    same: list[tuple[str, str]] = field(default_factory=list)  # pairs of source mentions


def _read_relations(reader: _Reader, relations: list[tuple[int, dict[str, Any]]]) -> _Links:
    links = _Links()
    for position, item in relations:
        a, b = reader.regions.get(str(item.get("from_id"))), reader.regions.get(str(item.get("to_id")))
        if a is None or b is None:
            reader.report("L006", f"relation {item.get('from_id')} -> {item.get('to_id')} ends at no region", position)
            continue
        direction = item.get("direction", "right")
        if direction == "left":
            a, b = b, a
        kinds = {a.kind, b.kind}
        if kinds == {"claim", "source"}:
            claim, mention = (a, b) if a.kind == "claim" else (b, a)
            links.source_of.setdefault(claim.id, set()).add(mention.id)
        elif kinds == {"claim", "cue"}:
            claim, cue = (a, b) if a.kind == "claim" else (b, a)
            links.cue_of.setdefault(claim.id, set()).add(cue.id)
        elif kinds == {"claim"} and a.id != b.id:
            if direction == "bi":
                reader.report("L007", f"nesting {a.id} <-> {b.id} has no direction", position)
                continue
            links.parent_of.setdefault(a.id, set()).add(b.id)
        elif kinds == {"source"}:
            links.same.append((a.id, b.id))
        else:
            reader.report("L006", f"a relation between a {a.kind} and a {b.kind} means nothing", position)
    return links


def _groups(reader: _Reader, links: _Links) -> list[list[_Region]]:
    """Source mentions grouped into entities: connected by source-source relations."""
    parent = {r.id: r.id for r in reader.regions.values() if r.kind == "source"}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in links.same:
        parent[root(a)] = root(b)
    groups: dict[str, list[_Region]] = {}
    for region in sorted(reader.regions.values(), key=lambda r: r.position):
        if region.kind == "source":
            groups.setdefault(root(region.id), []).append(region)
    return list(groups.values())


def _source(reader: _Reader, members: list[_Region]) -> Source:
    with_fields = [m for m in members if m.fields]
    head = with_fields[0] if with_fields else members[0]
    for other in with_fields[1:]:
        if other.fields != head.fields:
            reader.report(
                "L008", f"mentions {head.id} and {other.id} describe their source differently", other.position
            )
    for member in members:
        if member.note:
            reader.report(
                "L021", f"note on source mention {member.id!r} was not imported: {member.note!r}", member.position
            )
    fields = {SOURCE_TEXTAREAS.get(k, k): v for k, v in head.fields.items()}
    choices = {control.field: fields.pop(control.name, None) for control in SOURCE_CHOICES}
    mentions = [head.span] + [m.span for m in members if m is not head]
    name = fields.pop("name", None) or head.span.text
    return Source(id=head.id, name=name, mentions=mentions, **choices, **fields)


def _single(reader: _Reader, claim: _Region, values: set[str] | None, what: str) -> str | None:
    if not values:
        return None
    if len(values) > 1:
        reader.report("L007", f"claim {claim.id} has {len(values)} {what}s: {sorted(values)}", claim.position)
    return sorted(values)[0]


def _claim(reader: _Reader, region: _Region, links: _Links, entity_of: dict[str, str], quotes: QuotedRegions) -> Claim:
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
    assert region.category is not None
    span = region.span
    return Claim(
        id=region.id,
        start=span.start,
        end=span.end,
        text=span.text,
        category=region.category,
        source=source,
        cue=cue,
        parent=parent,
        **values,
    )


def _default_quote(span: Span, source: str | None, quotes: QuotedRegions) -> QuoteType:
    """An unanswered quote choice: direct inside quotation marks, indirect when attributed, else none."""
    if quotes.encloses(span.start, span.end):
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
            reader.report("L002", f"result item from {name!r} of type {kind!r} is not in the config", position)
    for position, item in fields:
        reader.add_field(item, position)
    links = _read_relations(reader, relations)
    sources = [_source(reader, members) for members in _groups(reader, links)]
    entity_of = {m.id: s.id for s, members in zip(sources, _groups(reader, links), strict=True) for m in members}
    cues = []
    for region in reader.regions.values():
        if region.kind == "cue":
            if region.note:
                reader.report("L021", f"note on cue {region.id!r} was not imported: {region.note!r}", region.position)
            cues.append(Cue(id=region.id, start=region.span.start, end=region.span.end, text=region.span.text))
    quotes = quotes or QuotedRegions(text)
    claims = [_claim(reader, r, links, entity_of, quotes) for r in reader.regions.values() if r.kind == "claim"]
    annotation = Annotation(
        annotator=provenance.annotator,
        guideline_version=provenance.guideline_version,
        created_at=provenance.created_at,
        updated_at=provenance.updated_at,
        lead_time=provenance.lead_time,
        origin=provenance.origin,
        comment=comment,
        sources=sources,
        cues=cues,
        claims=claims,
    )
    return annotation, reader.issues
