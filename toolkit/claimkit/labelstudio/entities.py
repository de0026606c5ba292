"""Regions grouped into what the model has: sources (with their mentions), cues and claims (pure).

Given the regions of a result list and what its relations say (:mod:`claimkit.labelstudio.links`),
builds the source, cue and claim dictionaries of an annotation. Fields a region cannot hold
(a note on a source or cue) and links that cannot be one (two sources for a claim) are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimkit.labelstudio import codes
from claimkit.labelstudio.config import CLAIM_CHOICES, CLAIM_TEXTAREAS, SOURCE_CHOICES, SOURCE_TEXTAREAS
from claimkit.labelstudio.links import Links, Region, Report, group_mentions
from claimkit.taxonomy import QuoteType
from claimkit.textutil import QuotedRegions

__all__ = ["Found", "claim", "cues", "sources"]


def _source(report: Report, members: list[Region]) -> dict[str, Any]:
    with_fields = [m for m in members if m.fields]
    head = with_fields[0] if with_fields else members[0]
    for other in with_fields[1:]:
        if other.fields != head.fields:
            message = f"mentions {head.id} and {other.id} describe their source differently"
            report(codes.CONFLICTING_SOURCE_FIELDS, message, other.position)
    for member in members:
        _unimported_note(report, member, "source mention")
    fields = {SOURCE_TEXTAREAS.get(k, k): v for k, v in head.fields.items()}
    choices = {control.field: fields.pop(control.name, None) for control in SOURCE_CHOICES}
    mentions = [head.span] + [m.span for m in members if m is not head]
    name = fields.pop("name", None) or head.span["text"]
    return {"id": head.id, "name": name, "mentions": mentions, **choices, **fields}


def _unimported_note(report: Report, region: Region, what: str) -> None:
    if region.note:
        message = f"note on {what} {region.id!r} was not imported: {region.note!r}"
        report(codes.REGION_NOTE_NOT_IMPORTED, message, region.position)


def _single(report: Report, claim: Region, values: set[str] | None, what: str) -> str | None:
    if not values:
        return None
    if len(values) > 1:
        message = f"claim {claim.id} has {len(values)} {what}s: {sorted(values)}"
        report(codes.AMBIGUOUS_LINK, message, claim.position)
    return sorted(values)[0]


@dataclass(frozen=True)
class Found:
    """The relations of a result list, and the source entity each mention belongs to."""

    links: Links
    entity_of: dict[str, str]
    quotes: QuotedRegions


def _claim_fields(region: Region) -> dict[str, Any]:
    fields = dict(region.fields)
    values: dict[str, Any] = {control.field: fields.pop(control.name, None) for control in CLAIM_CHOICES}
    values |= {CLAIM_TEXTAREAS[name]: value for name, value in fields.items()}
    if region.note:
        values["comment"] = "\n".join(filter(None, [values.get("comment"), region.note]))
    for key, default in (("certainty", "certain"), ("polarity", "positive")):
        values[key] = values[key] or default
    return values


def claim(report: Report, region: Region, found: Found) -> dict[str, Any]:
    """A claim region with its fields and what its relations link it to."""
    mentions = found.links.source_of.get(region.id, set())
    source = _single(report, region, {found.entity_of[m] for m in mentions}, "source")
    cue = _single(report, region, found.links.cue_of.get(region.id), "cue")
    parent = _single(report, region, found.links.parent_of.get(region.id), "parent")
    values = _claim_fields(region)
    if values["quote"] is None:
        values["quote"] = _default_quote(region.span, source, found.quotes)
    links = {"source": source, "cue": cue, "parent": parent}
    return {"id": region.id, **region.span, "category": region.category, **links, **values}


def _default_quote(span: dict[str, Any], source: str | None, quotes: QuotedRegions) -> QuoteType:
    """An unanswered quote choice: direct inside quotation marks, indirect when attributed, else none."""
    if quotes.encloses(span["start"], span["end"]):
        return QuoteType.DIRECT
    return QuoteType.INDIRECT if source is not None else QuoteType.NONE


def sources(report: Report, regions: dict[str, Region], links: Links) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Source mentions grouped into sources, and the source id of every mention."""
    groups = group_mentions(regions, links)
    found = [_source(report, members) for members in groups]
    entity_of = {m.id: s["id"] for s, members in zip(found, groups, strict=True) for m in members}
    return found, entity_of


def cues(report: Report, regions: dict[str, Region]) -> list[dict[str, Any]]:
    found = [region for region in regions.values() if region.kind == "cue"]
    for cue in found:
        _unimported_note(report, cue, "cue")
    return [{"id": cue.id, **cue.span} for cue in found]
