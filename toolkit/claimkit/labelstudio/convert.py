"""From the model to Label Studio: task data and result lists (pure, no network).

The inverse, from Label Studio results to the model, is :mod:`claimkit.labelstudio.regions`; both
are re-exported here so that this module is the one place conversions are named.

Region ids are the model's ids: a claim's region id is the claim id, a cue's the cue id, and the
first mention of a source carries the source id (its fields live on that mention); further
mentions get ``<source id>:<n>`` and a relation to the first one.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from claimkit.labelstudio.config import (
    ANNOTATION_COMMENT,
    CLAIM_CHOICES,
    CLAIM_TEXTAREAS,
    CUE_LABEL,
    SOURCE_CHOICES,
    SOURCE_LABEL,
    SOURCE_TEXTAREAS,
    SPAN_CONTROL,
    TEXT_OBJECT,
    ChoiceControl,
    category_label,
)
from claimkit.labelstudio.regions import annotation_from_result
from claimkit.model import Annotation, Document, Span
from claimkit.taxonomy import describe

__all__ = [
    "DOCUMENT_COMMENT_ID",
    "annotation_from_result",
    "annotation_to_result",
    "mention_region_id",
    "task_data",
]

DOCUMENT_COMMENT_ID = "document-comment"
Item = dict[str, Any]


def mention_region_id(source_id: str, index: int) -> str:
    """Region id of mention ``index`` of a source: the source id itself for the first one."""
    return source_id if index == 0 else f"{source_id}:{index}"


def task_data(document: Document) -> dict[str, Any]:
    """The ``data`` of a task: the text to display, the document id, and the metadata for pull."""
    metadata = document.model_dump(mode="json", exclude_none=True, exclude={"text"})
    return {"text": document.text, "doc_id": document.id, "title": document.title, "claimkit": metadata}


def _value(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def _region(region_id: str, span: Span, label: str) -> Item:
    value = {**_value(span), "labels": [label]}
    return {"id": region_id, "from_name": SPAN_CONTROL, "to_name": TEXT_OBJECT, "type": "labels", "value": value}


def _choice(region_id: str, span: Span, control: str, value: StrEnum) -> Item:
    choice = {**_value(span), "choices": [describe(value).title]}
    return {"id": region_id, "from_name": control, "to_name": TEXT_OBJECT, "type": "choices", "value": choice}


def _textarea(region_id: str, span: Span, control: str, text: str) -> Item:
    value = {"start": span.start, "end": span.end, "text": [text]}
    return {"id": region_id, "from_name": control, "to_name": TEXT_OBJECT, "type": "textarea", "value": value}


def _relation(from_id: str, to_id: str) -> Item:
    return {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right"}


def _field_items(  # noqa: PLR0913 - a region and the two control tables of its kind
    region_id: str,
    span: Span,
    owner: Any,
    choices: tuple[ChoiceControl, ...],
    textareas: dict[str, str],
    implied_name: str | None = None,
) -> list[Item]:
    """The per-region choices and texts of a claim or a source (a name equal to its mention is implied)."""
    items = [_choice(region_id, span, c.name, v) for c in choices if (v := getattr(owner, c.field)) is not None]
    for control_name, field in textareas.items():
        value = getattr(owner, field)
        if value is not None and not (field == "name" and value == implied_name):
            items.append(_textarea(region_id, span, control_name, str(value)))
    return items


def _source_items(annotation: Annotation) -> tuple[list[Item], list[Item]]:
    items: list[Item] = []
    relations: list[Item] = []
    for source in annotation.sources:
        head = source.mentions[0]
        items.append(_region(source.id, head, SOURCE_LABEL))
        items += _field_items(source.id, head, source, SOURCE_CHOICES, SOURCE_TEXTAREAS, implied_name=head.text)
        for index, mention in enumerate(source.mentions[1:], start=1):
            items.append(_region(mention_region_id(source.id, index), mention, SOURCE_LABEL))
            relations.append(_relation(mention_region_id(source.id, index), source.id))
    return items, relations


def _claim_items(annotation: Annotation) -> tuple[list[Item], list[Item]]:
    items: list[Item] = []
    relations: list[Item] = []
    for claim in annotation.claims:
        items.append(_region(claim.id, claim, category_label(claim.category)))
        items += _field_items(claim.id, claim, claim, CLAIM_CHOICES, CLAIM_TEXTAREAS)
        if claim.source is not None:
            relations.append(_relation(claim.id, claim.source))
        if claim.cue is not None:
            relations.append(_relation(claim.cue, claim.id))
        if claim.parent is not None:
            relations.append(_relation(claim.id, claim.parent))
    return items, relations


def annotation_to_result(annotation: Annotation) -> list[Item]:
    """The Label Studio ``result`` list of one annotation, as the UI would have made it."""
    source_items, source_relations = _source_items(annotation)
    cue_items = [_region(cue.id, cue, CUE_LABEL) for cue in annotation.cues]
    claim_items, claim_relations = _claim_items(annotation)
    result = [*source_items, *cue_items, *claim_items, *source_relations, *claim_relations]
    if annotation.comment is not None:
        value = {"text": [annotation.comment]}
        result.append(
            {
                "id": DOCUMENT_COMMENT_ID,
                "from_name": ANNOTATION_COMMENT,
                "to_name": TEXT_OBJECT,
                "type": "textarea",
                "value": value,
            }
        )
    return result
