"""Stable splits: a document's split is a function of its id (and the split settings) alone.

A document therefore never moves between splits from one version to the next, whatever else is
added or removed. Changing the ratios or the salt moves documents, so it requires a major version.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from typing import Any

from claimkit.errors import INVALID_SPLIT_RATIOS, UsageError

__all__ = ["DEFAULT_RATIOS", "assign_split", "parse_ratios", "ratios_problem"]

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
    parts = [p.strip() for p in text.split(",")]
    for part in parts:
        name, _, value = part.partition("=")
        try:
            ratios[name.strip()] = float(value)
        except ValueError:
            raise UsageError(INVALID_SPLIT_RATIOS, f"split ratio {part!r} is not name=number") from None
    if len(ratios) != len(parts):
        raise UsageError(INVALID_SPLIT_RATIOS, f"split ratios {text!r} name a split twice")
    problem = ratios_problem(ratios)
    if problem:
        raise UsageError(INVALID_SPLIT_RATIOS, f"split ratios {text!r}: {problem}")
    return ratios


#: A split name as ``datasets`` accepts it (and as a file name of every system).
_SPLIT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")


def ratios_problem(ratios: Any) -> str | None:
    """Why these split ratios cannot be used (``None`` when they can): names are ``datasets`` split
    names, ratios finite numbers from 0 to 1 that sum to 1. A NaN would be recorded as it is, and a
    release record with NaN could never be rebuilt (NaN equals nothing)."""
    if not isinstance(ratios, dict) or not ratios:
        return "give at least one split as name=number"
    for name, value in ratios.items():
        if not isinstance(name, str) or not _SPLIT_NAME.fullmatch(name):
            return f"{name!r} is not a split name (a letter, then letters, digits or _)"
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return f"the ratio of {name!r} is not a number"
        if not 0 <= value <= 1:
            return f"the ratio of {name!r} is not between 0 and 1"
    if abs(sum(ratios.values()) - 1.0) > 1e-9:
        return "the ratios must sum to 1"
    return None
