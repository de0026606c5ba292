"""``claimkit diff V1 V2``: what changed between two releases, from their committed records alone:
documents, claims whose category changed, and labels added, removed or given another ClassLabel id."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from claimkit.release.labels import LabelChange, label_changes
from claimkit.release.recorded import compare_documents
from claimkit.release.versions import ReleaseRecord

__all__ = ["CategoryChange", "ReleaseDiff", "diff_records"]


@dataclass(frozen=True)
class CategoryChange:
    doc_id: str
    start: int
    end: int
    before: str
    after: str


@dataclass
class ReleaseDiff:
    old: str
    new: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    category_changes: list[CategoryChange] = field(default_factory=list)
    label_changes: list[LabelChange] = field(default_factory=list)
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "category_changes": [change.__dict__ for change in self.category_changes],
            "label_changes": [change.__dict__ | {"change": change.kind} for change in self.label_changes],
            "distribution": {c: {"before": self.before[c], "after": self.after[c]} for c in self.categories()},
        }

    def categories(self) -> list[str]:
        return sorted(set(self.before) | set(self.after))


def _claims(record: ReleaseRecord, doc_id: str) -> dict[tuple[int, int], str]:
    """Span -> category of a document's claims; two claims on one span (nested readings of one
    sentence) are one entry, ``category + category`` in id order."""
    found: dict[tuple[int, int], list[int]] = {}
    for start, end, category in record.documents[doc_id].claim_spans():
        found.setdefault((start, end), []).append(category)
    return {span: " + ".join(record.categories[c] for c in sorted(ids)) for span, ids in found.items()}


def _distribution(record: ReleaseRecord) -> Counter[str]:
    counts: Counter[str] = Counter()
    for document in record.documents.values():  # in one pass, not a lookup per id; every claim counts
        counts.update(record.categories[category] for _, _, category in document.claim_spans())
    return counts


def diff_records(old: ReleaseRecord, new: ReleaseRecord) -> ReleaseDiff:
    """Documents added, removed and changed; claims (matched by span) whose category changed; labels."""
    result = ReleaseDiff(old.version, new.version, before=_distribution(old), after=_distribution(new))
    result.label_changes = label_changes(old.label_sets, new.label_sets)
    changes = compare_documents(old.documents, new.documents)
    result.added, result.removed, result.changed = changes.added, changes.removed, changes.changed
    for doc_id in changes.changed:
        before, after = _claims(old, doc_id), _claims(new, doc_id)
        for span in sorted(set(before) & set(after)):
            if before[span] != after[span]:
                result.category_changes.append(CategoryChange(doc_id, *span, before[span], after[span]))
    return result


def render_diff(diff: ReleaseDiff, fmt: str) -> str:
    if fmt == "json":
        import json

        return json.dumps(diff.to_dict(), ensure_ascii=False, indent=2) + "\n"
    markdown = fmt == "markdown"
    lines = [f"{'## ' if markdown else ''}{diff.old} -> {diff.new}", ""]
    for label, ids in (("added", diff.added), ("removed", diff.removed), ("changed", diff.changed)):
        shown = ", ".join(ids[:20]) + (f" (+{len(ids) - 20} more)" if len(ids) > 20 else "")
        lines.append(f"- documents {label}: {len(ids)}" + (f" ({shown})" if ids else ""))
    lines.append(f"- labels added, removed or given another id: {len(diff.label_changes)}")
    lines += [f"  - {change.describe()}" for change in diff.label_changes]
    lines.append(f"- claims whose category changed: {len(diff.category_changes)}")
    lines += [f"  - {c.doc_id} [{c.start}, {c.end}): {c.before} -> {c.after}" for c in diff.category_changes[:50]]
    lines += ["", "| category | before | after |", "|---|---|---|"]
    lines += [f"| {c} | {diff.before[c]} | {diff.after[c]} |" for c in diff.categories()]
    return "\n".join(lines) + "\n"
