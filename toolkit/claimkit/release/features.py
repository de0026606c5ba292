"""The typed schema of every release config as ``datasets.Features``, derived from the taxonomy.

Closed label sets are ``ClassLabel`` (nullable where the schema allows no value); spans are
``start``/``end``/``text``. Changing these is a change to the released dataset's contract.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from datasets import ClassLabel, Features, List, Value

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

__all__ = ["CONFIGS", "DEFAULT_CONFIG", "features_for", "label_names", "row_encoder"]

CONFIGS = ("claims", "documents", "sources", "sentences")
DEFAULT_CONFIG = "claims"


def label_names(label_set: type[StrEnum]) -> list[str]:
    return [value.value for value in label_set]


def _labels(label_set: type[StrEnum]) -> ClassLabel:
    return ClassLabel(names=label_names(label_set))


def _string() -> Value:
    return Value("string")


def _span() -> dict[str, Value]:
    return {"start": Value("int32"), "end": Value("int32"), "text": _string()}


def _claim_fields() -> dict[str, object]:
    return {
        **_span(),
        "category": _labels(ClaimCategory),
        "source": _string(),
        "cue": _string(),
        "quote": _labels(QuoteType),
        "certainty": _labels(Certainty),
        "polarity": _labels(Polarity),
        "parent": _string(),
        "content_type": _labels(ContentType),
        "event_date": _string(),
        "comment": _string(),
    }


def _source_fields() -> dict[str, object]:
    return {
        "name": _string(),
        "kind": _labels(SourceKind),
        "naming": _labels(SourceNaming),
        "role": _string(),
        "affiliation": _string(),
        "mentions": List(_span()),
    }


def _metadata() -> dict[str, Value]:
    names = ("title", "outlet", "url", "published", "language", "license")
    return {name: _string() for name in names}


def features_for(config: str) -> Features:
    """The ``Features`` of one config."""
    if config == "claims":
        return Features(
            {
                "doc_id": _string(),
                "claim_id": _string(),
                **_claim_fields(),
                "sentence": _string(),
                "sentence_start": Value("int32"),
                "sentence_end": Value("int32"),
                "source_name": _string(),
                "source_kind": _labels(SourceKind),
                "source_naming": _labels(SourceNaming),
                "cue_text": _string(),
                "cue_start": Value("int32"),
                "cue_end": Value("int32"),
                "published": _string(),
            }
        )
    if config == "documents":
        return Features(
            {
                "id": _string(),
                **_metadata(),
                "text": _string(),
                "text_sha256": _string(),
                "furniture": List({"kind": _labels(FurnitureKind), **_span()}),
                "sources": List({"id": _string(), **_source_fields()}),
                "cues": List({"id": _string(), **_span()}),
                "claims": List({"id": _string(), **_claim_fields()}),
                "guideline_version": _string(),
                "adjudication": _labels(AdjudicationMethod),
            }
        )
    if config == "sources":
        return Features({"doc_id": _string(), "source_id": _string(), **_source_fields(), "claim_ids": List(_string())})
    if config == "sentences":
        return Features(
            {
                "doc_id": _string(),
                "index": Value("int32"),
                "start": Value("int32"),
                "end": Value("int32"),
                "text": _string(),
                "categories": List(_labels(ClaimCategory)),
                "has_claim": Value("bool"),
            }
        )
    raise KeyError(config)


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


def row_encoder(config: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Encode one row of ``config`` for Arrow: what ``Features.encode_example`` does for our features,
    compiled once instead of inspected for every value (it was most of a release's build time)."""
    encode = _compile(dict(features_for(config)))
    assert encode is not None
    return encode
