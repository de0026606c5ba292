"""Relations between Label Studio regions, and source mentions grouped into entities (pure).

A relation means what it connects: claim-source (attribution, either direction), cue-claim (the
claim's cue, either direction), claim-claim (nested in: from the inner claim to the outer one;
``left`` reverses, ``bi`` is ambiguous) and source-source (two mentions of one speaker).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from claimkit.codes import Code
from claimkit.labelstudio import codes
from claimkit.taxonomy import ClaimCategory

__all__ = ["Links", "Region", "group_mentions", "read_relations"]

#: Reports an issue: code, message, position of the item in the result list.
Report = Callable[[Code, str, int | None], None]


@dataclass
class Region:
    """A labeled span of a result list, with its per-region fields once they are matched to it."""

    id: str
    kind: str  # "claim", "source" or "cue"
    category: ClaimCategory | None
    span: dict[str, Any]  # start, end and the text it covers, recomputed from the task text
    position: int
    fields: dict[str, Any] = field(default_factory=dict)
    note: str | None = None


@dataclass
class Links:
    """What the relations say, by region id."""

    source_of: dict[str, set[str]] = field(default_factory=dict)  # claim id -> mention region ids
    cue_of: dict[str, set[str]] = field(default_factory=dict)  # claim id -> cue ids
    parent_of: dict[str, set[str]] = field(default_factory=dict)  # claim id -> parent claim ids
    same: list[tuple[str, str]] = field(default_factory=list)  # pairs of source mentions


def _link(links: Links, a: Region, b: Region, direction: str, position: int, report: Report) -> None:  # noqa: PLR0913 - a relation: its two ends, direction and position, and where to report
    """Record what a relation between regions ``a`` and ``b`` (already in arrow order) means."""
    kinds = {a.kind, b.kind}
    if kinds == {"claim", "source"}:
        claim, mention = (a, b) if a.kind == "claim" else (b, a)
        links.source_of.setdefault(claim.id, set()).add(mention.id)
    elif kinds == {"claim", "cue"}:
        claim, cue = (a, b) if a.kind == "claim" else (b, a)
        links.cue_of.setdefault(claim.id, set()).add(cue.id)
    elif kinds == {"claim"} and a.id != b.id:
        if direction == "bi":
            report(codes.AMBIGUOUS_LINK, f"nesting {a.id} <-> {b.id} has no direction", position)
            return
        links.parent_of.setdefault(a.id, set()).add(b.id)
    elif kinds == {"source"}:
        links.same.append((a.id, b.id))
    else:
        report(codes.UNSUPPORTED_RELATION, f"a relation between a {a.kind} and a {b.kind} means nothing", position)


def read_relations(regions: dict[str, Region], relations: list[tuple[int, dict[str, Any]]], report: Report) -> Links:
    links = Links()
    for position, item in relations:
        a, b = regions.get(str(item.get("from_id"))), regions.get(str(item.get("to_id")))
        if a is None or b is None:
            message = f"relation {item.get('from_id')} -> {item.get('to_id')} ends at no region"
            report(codes.UNSUPPORTED_RELATION, message, position)
            continue
        direction = item.get("direction", "right")
        if direction == "left":
            a, b = b, a
        _link(links, a, b, direction, position, report)
    return links


def group_mentions(regions: dict[str, Region], links: Links) -> list[list[Region]]:
    """Source mentions grouped into entities: connected by source-source relations."""
    parent = {r.id: r.id for r in regions.values() if r.kind == "source"}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in links.same:
        parent[root(a)] = root(b)
    groups: dict[str, list[Region]] = {}
    for region in sorted(regions.values(), key=lambda r: r.position):
        if region.kind == "source":
            groups.setdefault(root(region.id), []).append(region)
    return list(groups.values())
