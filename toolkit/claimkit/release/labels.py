"""ClassLabel ids: part of the release contract.

Every closed label set of the taxonomy is a ``ClassLabel`` in some release config, and a model trained
on a release stores the integer ids, not the names. So the ids are recorded in every release record
(``label_sets``: the position of a label in its list is its id) and are **append-only**:

- a label keeps the id the previous release gave it, wherever the taxonomy declares it now;
- a new label gets the next free id of its set (its place in the taxonomy does not matter);
- a removed label (a rename is a removal and an addition) leaves the set, and the labels after it
  move up one id. Removing and moving are major changes; adding is a minor one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from claimkit.taxonomy import LABEL_SETS

__all__ = ["Bump", "LabelChange", "LabelIds", "assign_ids", "label_changes", "taxonomy_labels"]

#: Label set name -> label names; the position of a name is its ClassLabel id.
LabelIds = dict[str, list[str]]


class Bump(IntEnum):
    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3


def taxonomy_labels() -> LabelIds:
    """The label sets as the taxonomy declares them now (ids in declaration order: a first release)."""
    return {name: [value.value for value in label_set] for name, label_set in LABEL_SETS.items()}


def _append_only(recorded: list[str], declared: list[str]) -> list[str]:
    kept = [name for name in recorded if name in declared]
    return kept + [name for name in declared if name not in kept]


def assign_ids(recorded: LabelIds | None) -> LabelIds:
    """The ids of the taxonomy's labels given the ids a previous release ``recorded`` (None: none)."""
    declared = taxonomy_labels()
    if recorded is None:
        return declared
    return {name: _append_only(recorded.get(name, []), values) for name, values in declared.items()}


@dataclass(frozen=True)
class LabelChange:
    """One label whose id changed between two releases (``None``: absent on that side)."""

    label_set: str
    label: str
    before: int | None
    after: int | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "moved"

    @property
    def bump(self) -> Bump:
        return Bump.MINOR if self.kind == "added" else Bump.MAJOR

    def describe(self) -> str:
        if self.kind == "added":
            return f"{self.label_set} gained `{self.label}` (id {self.after})"
        if self.kind == "removed":
            return f"{self.label_set} lost `{self.label}` (id {self.before})"
        return f"{self.label_set} `{self.label}` moved from id {self.before} to id {self.after}"


def _set_changes(name: str, before: list[str], after: list[str]) -> list[LabelChange]:
    old, new = {label: i for i, label in enumerate(before)}, {label: i for i, label in enumerate(after)}
    labels = before + [label for label in after if label not in old]
    return [
        LabelChange(name, label, old.get(label), new.get(label)) for label in labels if old.get(label) != new.get(label)
    ]


def label_changes(before: LabelIds, after: LabelIds) -> list[LabelChange]:
    """Every label added, removed or given another id, set by set."""
    names = list(before) + [name for name in after if name not in before]
    return [change for name in names for change in _set_changes(name, before.get(name, []), after.get(name, []))]
