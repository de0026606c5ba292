"""The changelog of a release: one section per version, from the release records."""

from __future__ import annotations

from collections import Counter

from claimkit.release.versions import ReleaseRecord, parse_version, required_bump

__all__ = ["changelog_markdown"]


def _distribution(record: ReleaseRecord) -> Counter[str]:
    counts: Counter[str] = Counter()
    for document in record.documents.values():
        for _, _, category in document.claim_spans():
            counts[record.categories[category]] += 1
    return counts


def _changes(previous: ReleaseRecord | None, record: ReleaseRecord) -> list[str]:
    if previous is None:
        count = len(record.documents)
        return [f"- First release: {count} document{'' if count == 1 else 's'}."]
    _, reasons = required_bump(previous, record)
    before, after = _distribution(previous), _distribution(record)
    lines = [f"- {reason}" for reason in reasons] or ["- No change in content."]
    moved = ", ".join(
        f"`{c}` {before[c]} → {after[c]}" for c in sorted(set(before) | set(after)) if before[c] != after[c]
    )
    if moved:
        lines.append(f"- Claims by category: {moved}")
    return lines


def changelog_markdown(records: dict[str, ReleaseRecord], current: ReleaseRecord, snapshot: bool = False) -> str:
    """The changelog up to ``current``: one section per version, newest first."""
    history = {v: r for v, r in records.items() if snapshot or parse_version(v) <= parse_version(current.version)}
    if not snapshot:
        history[current.version] = current
    ordered = sorted(history.values(), key=lambda r: parse_version(r.version))
    sections = []
    previous: ReleaseRecord | None = None
    for record in ordered:
        sections.append([f"## {record.version} ({record.date.isoformat()})", "", *_changes(previous, record)])
        if record.notes:
            sections[-1] += ["", record.notes]
        previous = record
    if snapshot:
        sections.append(["## Unreleased snapshot", "", *_changes(previous, current)])
    body = ["\n".join(section) for section in reversed(sections)]
    return "# Changelog\n\n" + "\n\n".join(body) + "\n"
