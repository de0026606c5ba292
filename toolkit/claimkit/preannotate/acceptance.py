"""How much of a prediction an annotator kept: regions accepted, edited (span or field), deleted, added.

Counted on Label Studio result lists, where a region is a span with an id (claims, cues, source
mentions) and its per-region choices, texts and outgoing relations. Verified on Label Studio 1.23.2
in the browser: accepting a prediction keeps every region id; relabelling or changing a choice keeps
the id; deleting removes it; a new region gets a random id; a span cannot be resized in the text, so
an annotator who moves a span deletes the region and draws it again. So:

- a prediction region whose id is in the annotation is **accepted** when its label, offsets, fields
  and relations are unchanged, **edited (field)** when only those on its offsets changed, **edited
  (span)** when its offsets changed;
- a prediction region whose id is gone is **deleted**, unless a new region of the same kind (claim,
  cue or source) overlaps it with intersection over union ≥ 0.5: the pair is one **edited (span)**;
- every other new region is **added**.

So ``accepted + edited_span + edited_field + deleted`` is the number of predicted regions and
``accepted + edited_span + edited_field + added`` the number of regions in the annotation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from claimkit.issues import Issue
from claimkit.labelstudio.config import CUE_LABEL, SOURCE_LABEL
from claimkit.model import SCHEMA_VERSION, Acceptance, Annotation, DocumentFile
from claimkit.preannotate.codes import PREDICTION_UNREADABLE

__all__ = [
    "COUNTS",
    "AcceptanceTally",
    "Region",
    "acceptance_of",
    "count_acceptance",
    "regions_of",
    "schema_at_least",
    "with_acceptance",
]

COUNTS = ("regions", "accepted", "edited_span", "edited_field", "deleted", "added")
_IOU = 0.5


@dataclass(frozen=True)
class Region:
    """One region of a result list: id, what it is, where, and everything attached to it."""

    id: str
    kind: str  # "claim", "cue" or "source"
    start: int
    end: int
    label: str
    fields: frozenset[tuple[str, str]] = frozenset()
    links: frozenset[str] = frozenset()

    def same_fields(self, other: Region) -> bool:
        return (self.label, self.fields, self.links) == (other.label, other.fields, other.links)


def _kind(label: str) -> str:
    return {SOURCE_LABEL: "source", CUE_LABEL: "cue"}.get(label, "claim")


def regions_of(result: Iterable[Any]) -> dict[str, Region]:
    """The regions of a Label Studio result list, by id (items that are not regions are skipped)."""
    spans: dict[str, tuple[int, int, str]] = {}
    fields: dict[str, set[tuple[str, str]]] = {}
    links: dict[str, set[str]] = {}
    for item in result:
        if not isinstance(item, dict):
            continue
        if item.get("type") == "relation":
            links.setdefault(str(item.get("from_id")), set()).add(str(item.get("to_id")))
            continue
        value, region = item.get("value") or {}, str(item.get("id"))
        if item.get("type") == "labels" and value.get("labels"):
            spans[region] = (int(value.get("start", 0)), int(value.get("end", 0)), str(value["labels"][0]))
        elif item.get("type") in ("choices", "textarea"):
            shown = value.get("choices") if item.get("type") == "choices" else value.get("text")
            fields.setdefault(region, set()).add((str(item.get("from_name")), repr(shown)))
    return {
        region: Region(
            region, _kind(label), start, end, label, frozenset(fields.get(region, ())), frozenset(links.get(region, ()))
        )
        for region, (start, end, label) in spans.items()
    }


def _iou(a: Region, b: Region) -> float:
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared / (max(a.end, b.end) - min(a.start, b.start)) if shared > 0 else 0.0


def _pair_moved(deleted: list[Region], added: list[Region]) -> int:
    """Pairs (deleted, added) of the same kind overlapping enough: a span drawn again. Best overlaps first."""
    candidates = sorted(
        ((_iou(d, a), i, j) for i, d in enumerate(deleted) for j, a in enumerate(added) if d.kind == a.kind),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_d: set[int] = set()
    used_a: set[int] = set()
    for overlap, i, j in candidates:
        if overlap >= _IOU and i not in used_d and j not in used_a:
            used_d.add(i)
            used_a.add(j)
    return len(used_d)


def count_acceptance(predicted: Mapping[str, Region], annotated: Mapping[str, Region]) -> Counter[str]:
    """The counts (see the module docstring) of an annotation's regions against its prediction's."""
    counts: Counter[str] = Counter(regions=len(predicted))
    for region_id, before in predicted.items():
        after = annotated.get(region_id)
        if after is None:
            continue
        if (after.start, after.end) != (before.start, before.end):
            counts["edited_span"] += 1
        elif after.same_fields(before):
            counts["accepted"] += 1
        else:
            counts["edited_field"] += 1
    deleted = [r for i, r in predicted.items() if i not in annotated]
    added = [r for i, r in annotated.items() if i not in predicted]
    moved = _pair_moved(deleted, added)
    counts["edited_span"] += moved
    counts["deleted"] += len(deleted) - moved
    counts["added"] += len(added) - moved
    return counts


def acceptance_of(annotation: Mapping[str, Any]) -> Acceptance | None:
    """The acceptance of an exported annotation that started from a prediction (its ``prediction``
    copy), or ``None`` when it did not. Raises ``ValueError`` when the copy cannot be read."""
    prediction = annotation.get("prediction")
    if not prediction:
        return None
    if not isinstance(prediction, dict) or not isinstance(prediction.get("result"), list):
        raise ValueError("the prediction copy has no result list")
    counts = count_acceptance(regions_of(prediction["result"]), regions_of(annotation.get("result") or []))
    version = str(prediction.get("model_version") or f"prediction {prediction.get('id')}")
    return Acceptance(prediction=version, **{name: counts[name] for name in COUNTS})


@dataclass
class AcceptanceTally:
    """Acceptance summed per annotator, over the annotators and over the gold annotations."""

    annotators: dict[str, Counter[str]] = field(default_factory=dict)
    gold: Counter[str] = field(default_factory=Counter)

    def add(self, file: DocumentFile) -> None:
        for annotation in file.annotations:
            if annotation.acceptance is not None:
                _add(self.annotators.setdefault(annotation.annotator, Counter()), annotation.acceptance)
        if file.gold is not None and file.gold.acceptance is not None:
            _add(self.gold, file.gold.acceptance)

    def overall(self) -> Counter[str]:
        return sum(self.annotators.values(), Counter())

    def to_dict(self) -> dict[str, Any]:
        rows = {"overall": self.overall(), **self.annotators, "gold": self.gold}
        return {name: _figures(counts) for name, counts in rows.items()}

    def _rows(self) -> list[tuple[str, Counter[str]]]:
        rows = [("all annotators", self.overall()), *sorted(self.annotators.items()), ("gold", self.gold)]
        return [(name, counts) for name, counts in rows if counts]

    def markdown(self) -> str:
        if not self.annotators and not self.gold:
            return "No annotation started from a prediction.\n"
        header = "who | annotations | predicted regions | accepted | edited span | edited field | deleted | added"
        lines = [f"| {header} | kept as proposed |", "|---" * 9 + "|"]
        for name, counts in self._rows():
            share = _share(_figures(counts)["accepted_share"])
            cells = " | ".join(str(counts[c]) for c in COUNTS)
            lines.append(f"| {name} | {counts['annotations']} | {cells} | {share} |")
        return "\n".join(lines) + "\n"

    def text(self) -> str:
        if not self.annotators and not self.gold:
            return "no annotation started from a prediction\n"
        lines = []
        for name, counts in self._rows():
            lines.append(
                f"{name}: {counts['annotations']} annotations, {counts['regions']} predicted regions: "
                f"{counts['accepted']} accepted ({_share(_figures(counts)['accepted_share'])}), "
                f"{counts['edited_span']} edited span, {counts['edited_field']} edited field, "
                f"{counts['deleted']} deleted, {counts['added']} added"
            )
        return "\n".join(lines) + "\n"


def _add(counts: Counter[str], acceptance: Acceptance) -> None:
    counts["annotations"] += 1
    counts.update({name: getattr(acceptance, name) for name in COUNTS})


def _figures(counts: Counter[str]) -> dict[str, Any]:
    regions = counts["regions"]
    return {
        "annotations": counts["annotations"],
        **{name: counts[name] for name in COUNTS},
        "accepted_share": counts["accepted"] / regions if regions else None,
    }


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def with_acceptance(
    annotation: Annotation, raw: Mapping[str, Any], where: str, pointer: str
) -> tuple[Annotation, list[Issue]]:
    """The pulled annotation with its acceptance of the prediction it started from, if it did."""
    try:
        acceptance = acceptance_of(raw)
    except (TypeError, ValueError) as error:
        return annotation, [PREDICTION_UNREADABLE.issue(str(error), file=where, pointer=f"{pointer}/prediction")]
    if acceptance is None:
        return annotation, []
    return annotation.model_copy(update={"acceptance": acceptance}), []


def schema_at_least(version: str, minimum: str = SCHEMA_VERSION) -> str:
    """The newer of two schema versions (a file that uses 1.1 fields declares 1.1)."""
    return max(version, minimum, key=lambda v: tuple(int(part) for part in v.split(".")))


def with_acceptance_section(rendered: str, tally: AcceptanceTally, fmt: str) -> str:
    """An agreement report with the acceptance of predictions added (a key in JSON, a section otherwise)."""
    if fmt == "json":
        import json

        document = json.loads(rendered)
        document["acceptance"] = tally.to_dict()
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return rendered + "\n### Acceptance of pre-annotations\n\n" + tally.markdown()
    return rendered + "\npre-annotation acceptance (regions of predictions):\n" + tally.text()
