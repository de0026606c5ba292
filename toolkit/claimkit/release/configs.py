"""The configs of a release, as one declarative table: adding a config is one entry here.

Each entry says what the config is (its ``datasets.Features``, built from the release's label ids),
how its rows are made from one document and its gold annotation, and how the card describes it.
The builder, the card, Croissant and the tests all read this table; nothing else lists configs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from datasets import Features

from claimkit.model import Annotation, Document
from claimkit.release.features import claims_features, documents_features, sentences_features, sources_features
from claimkit.release.labels import LabelIds
from claimkit.release.rows import claim_rows, document_rows, sentence_rows, source_rows

__all__ = ["CONFIGS", "DEFAULT_CONFIG", "ReleaseConfig", "config_named"]

Row = dict[str, Any]


@dataclass(frozen=True)
class ReleaseConfig:
    """One config of a release: its schema, its rows and its line in the card."""

    name: str
    features: Callable[[LabelIds], Features]
    rows: Callable[[Document, Annotation], list[Row]]
    card: str  # what one row is, for the card's list of configs
    #: Rows buffered before a Parquet row group is written: bounds memory whatever the corpus size.
    batch_rows: int = 5_000
    default: bool = False
    in_statistics: bool = True  # a row count in the card's statistics table


CONFIGS: tuple[ReleaseConfig, ...] = (
    ReleaseConfig(
        "claims",
        claims_features,
        claim_rows,
        "one row per claim, with its sentence, source and cue; the default",
        default=True,
    ),
    ReleaseConfig(
        "documents",
        documents_features,
        document_rows,
        "whole articles with nested claims, sources and cues",
        batch_rows=200,  # a row is a whole article
        in_statistics=False,
    ),
    ReleaseConfig("sources", sources_features, source_rows, "one row per source entity, with the claims it makes"),
    ReleaseConfig(
        "sentences",
        sentences_features,
        sentence_rows,
        "every body sentence with the categories of the claims in it, for sentence classifiers",
    ),
)

DEFAULT_CONFIG = next(config.name for config in CONFIGS if config.default)


def config_named(name: str) -> ReleaseConfig:
    """The config called ``name`` (a KeyError for another name is a programming error)."""
    return {config.name: config for config in CONFIGS}[name]
