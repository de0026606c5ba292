"""Stable splits: a document's split is a function of its id (and the split settings) alone.

A document therefore never moves between splits from one version to the next, whatever else is
added or removed. Changing the ratios or the salt moves documents, so it requires a major version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from claimkit.errors import INVALID_SPLIT_RATIOS, UsageError

__all__ = ["DEFAULT_RATIOS", "assign_split", "parse_ratios"]

DEFAULT_RATIOS: dict[str, float] = {"train": 0.8, "validation": 0.1, "test": 0.1}


def _unit(doc_id: str, salt: str) -> float:
    digest = hashlib.sha256(f"{salt}\x00{doc_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_split(doc_id: str, ratios: Mapping[str, float] = DEFAULT_RATIOS, salt: str = "claimkit") -> str:
    """The split of a document: the id's hash falls in one split's share of [0, 1)."""
    point, cumulative = _unit(doc_id, salt), 0.0
    names = list(ratios)
    for name in names:
        cumulative += ratios[name]
        if point < cumulative:
            return name
    return names[-1]


def parse_ratios(text: str) -> dict[str, float]:
    """``train=0.8,validation=0.1,test=0.1`` -> ratios that sum to 1."""
    ratios: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        try:
            ratios[name.strip()] = float(value)
        except ValueError:
            raise UsageError(INVALID_SPLIT_RATIOS, f"split ratio {part!r} is not name=number") from None
    if not ratios or abs(sum(ratios.values()) - 1.0) > 1e-9 or min(ratios.values()) < 0:
        raise UsageError(INVALID_SPLIT_RATIOS, f"split ratios {text!r} must be non-negative and sum to 1")
    return ratios
