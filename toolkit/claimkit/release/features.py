"""The typed schema of every release config as ``datasets.Features``, derived from the taxonomy.

Closed label sets are ``ClassLabel`` whose names are in the order of the release's label ids (see
:mod:`claimkit.release.labels`; nullable where the schema allows no value); spans are
``start``/``end``/``text``. Changing these is a change to the released dataset's contract.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from datasets import ClassLabel, Features, List, Value

from claimkit.release.labels import LabelIds
from claimkit.taxonomy import (
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
    "claims_features",
    "documents_features",
    "row_encoder",
    "sentences_features",
    "sources_features",
]


def _labels(ids: LabelIds, label_set: type[StrEnum]) -> ClassLabel:
    return ClassLabel(names=list(ids[label_set.__name__]))


def _string() -> Value:
    return Value("string")


def _span() -> dict[str, Value]:
    return {"start": Value("int32"), "end": Value("int32"), "text": _string()}


def _claim_fields(ids: LabelIds) -> dict[str, object]:
    return {
        **_span(),
        "category": _labels(ids, ClaimCategory),
        "source": _string(),
        "cue": _string(),
        "quote": _labels(ids, QuoteType),
        "certainty": _labels(ids, Certainty),
        "polarity": _labels(ids, Polarity),
        "parent": _string(),
        "content_type": _labels(ids, ContentType),
        "event_date": _string(),
        "comment": _string(),
    }


def _source_fields(ids: LabelIds) -> dict[str, object]:
    return {
        "name": _string(),
        "kind": _labels(ids, SourceKind),
        "naming": _labels(ids, SourceNaming),
        "role": _string(),
        "affiliation": _string(),
        "mentions": List(_span()),
    }


def _metadata() -> dict[str, Value]:
    names = ("title", "outlet", "url", "published", "language", "license")
    return {name: _string() for name in names}


def claims_features(ids: LabelIds) -> Features:
    """``claims``: one row per claim, flat, with its sentence, source and cue."""
    return Features(
        {
            "doc_id": _string(),
            "claim_id": _string(),
            **_claim_fields(ids),
            "sentence": _string(),
            "sentence_start": Value("int32"),
            "sentence_end": Value("int32"),
            "source_name": _string(),
            "source_kind": _labels(ids, SourceKind),
            "source_naming": _labels(ids, SourceNaming),
            "cue_text": _string(),
            "cue_start": Value("int32"),
            "cue_end": Value("int32"),
            "published": _string(),
        }
    )


def documents_features(ids: LabelIds) -> Features:
    """``documents``: one row per article with everything nested."""
    return Features(
        {
            "id": _string(),
            **_metadata(),
            "text": _string(),
            "text_sha256": _string(),
            "furniture": List({"kind": _labels(ids, FurnitureKind), **_span()}),
            "sources": List({"id": _string(), **_source_fields(ids)}),
            "cues": List({"id": _string(), **_span()}),
            "claims": List({"id": _string(), **_claim_fields(ids)}),
            "guideline_version": _string(),
            "adjudication": _labels(ids, AdjudicationMethod),
        }
    )


def sources_features(ids: LabelIds) -> Features:
    """``sources``: one row per source entity."""
    return Features({"doc_id": _string(), "source_id": _string(), **_source_fields(ids), "claim_ids": List(_string())})


def sentences_features(ids: LabelIds) -> Features:
    """``sentences``: one row per body sentence."""
    return Features(
        {
            "doc_id": _string(),
            "index": Value("int32"),
            "start": Value("int32"),
            "end": Value("int32"),
            "text": _string(),
            "categories": List(_labels(ids, ClaimCategory)),
            "has_claim": Value("bool"),
        }
    )


Encoder = Callable[[Any], Any]


def _compile(feature: Any) -> Encoder | None:
    """A function turning label names into ClassLabel indexes inside ``feature``; None if none inside."""
    if isinstance(feature, ClassLabel):
        index = {name: number for number, name in enumerate(feature.names)}
        return lambda value: None if value is None else index[value]
    if isinstance(feature, List):
        inner = _compile(feature.feature)
        return None if inner is None else (lambda value: None if value is None else [inner(v) for v in value])
    if isinstance(feature, dict):
        fields = {name: encoder for name, sub in feature.items() if (encoder := _compile(sub)) is not None}
        if not fields:
            return None
        return lambda value: None if value is None else {**value, **{k: e(value[k]) for k, e in fields.items()}}
    return None


def row_encoder(features: Features) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Encode one row for Arrow: what ``Features.encode_example`` does for our features, compiled
    once instead of inspected for every value (it was most of a release's build time)."""
    encode = _compile(dict(features))
    assert encode is not None
    return encode
