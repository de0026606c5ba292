"""The lexicon as the Markdown tables of docs/guidelines.md §4 and §5 (written by ``claimkit docs``)."""

from __future__ import annotations

from claimkit.lexicon.entries import CERTAINTY_MARKERS, CUES, NOT_CUES, CueEntry
from claimkit.taxonomy import Certainty

__all__ = ["certainty_table_markdown", "cue_table_markdown", "not_cue_table_markdown"]


def _since(version: str) -> str:
    return "" if version == "1.0.0" else version


def _implies(entry: CueEntry) -> str:
    parts = []
    if entry.certainty is not None:
        parts.append(f"certainty `{entry.certainty.value}`")
    if entry.content_type is not None:
        parts.append(f"`{entry.content_type.value}`")
    return ", ".join(parts)


def cue_table_markdown() -> str:
    """§4: every attribution cue, what it usually introduces, and the guideline version that added it."""
    lines = ["| cue | gloss | usual quote | implies | notes | since |", "|---|---|---|---|---|---|"]
    for entry in CUES:
        cells = (entry.head, entry.gloss, entry.quote, _implies(entry), entry.note, _since(entry.since))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def not_cue_table_markdown() -> str:
    """§4: phrases that look like attribution but are the outlet's own voice or the setting of a quote."""
    lines = ["| not a cue | gloss | why | since |", "|---|---|---|---|"]
    lines += [f"| {item.phrase} | {item.gloss} | {item.note} | {_since(item.since)} |" for item in NOT_CUES]
    return "\n".join(lines) + "\n"


def certainty_table_markdown() -> str:
    """§5: the words that set a claim's certainty, grouped by the value they give."""
    lines = ["| certainty | words | gloss | notes | since |", "|---|---|---|---|---|"]
    for level in Certainty:
        for marker in (m for m in CERTAINTY_MARKERS if m.certainty is level):
            cells = (f"`{level.value}`", marker.head, marker.gloss, marker.note, _since(marker.since))
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
