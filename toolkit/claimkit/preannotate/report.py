"""The evaluation as text, Markdown (what docs/benchmarks.md shows) or JSON: the proposer beside
the baseline, span scores per unit and mode, field accuracies, per category."""

from __future__ import annotations

import json
from collections.abc import Mapping

from claimkit.preannotate.evaluate import CATEGORIES, IOU, Evaluation

__all__ = ["TARGETS", "render_evaluation", "targets_met"]

#: The issue's targets on the seed's gold: (label, how to read it from an evaluation, threshold).
TARGETS: tuple[tuple[str, str, float], ...] = (
    ("cue recall", "cues/overlap.recall", 0.9),
    ("cue precision", "cues/overlap.precision", 0.8),
    ("claim span F1 (IoU ≥ 0.5)", "claims/overlap.f1", 0.8),
    ("category accuracy on matched claims", "category", 0.8),
    ("right source of attributed claims", "source_all", 0.8),
)


def _read(evaluation: Evaluation, path: str) -> float | None:
    if "/" in path:
        unit, measure = path.split(".")
        value: float | None = getattr(evaluation.spans[unit], measure)
        return value
    ratio = getattr(evaluation, path)
    return ratio.value  # type: ignore[no-any-return]


def targets_met(evaluation: Evaluation) -> dict[str, tuple[float | None, float, bool]]:
    """Each target with the value reached, the threshold and whether it is met."""
    found = {}
    for label, path, threshold in TARGETS:
        value = _read(evaluation, path)
        found[label] = (value, threshold, value is not None and value >= threshold)
    return found


def _n(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _rows(results: Mapping[str, Evaluation]) -> list[tuple[str, list[str]]]:
    names = list(results)
    rows: list[tuple[str, list[str]]] = []
    for unit in ("claims", "sources", "cues"):
        for mode in ("exact", "overlap"):
            for measure in ("precision", "recall", "f1"):
                label = f"{unit} {measure}, {'exact spans' if mode == 'exact' else f'IoU ≥ {IOU}'}"
                rows.append((label, [_n(getattr(results[n].spans[f"{unit}/{mode}"], measure)) for n in names]))
    for label, path in (
        ("category accuracy (matched claims)", "category"),
        ("right source (matched attributed claims)", "source_matched"),
        ("right source (all attributed claims)", "source_all"),
        ("quote type accuracy (matched claims)", "quote"),
        ("certainty accuracy (matched claims)", "certainty"),
    ):
        rows.append((label, [_n(getattr(results[n], path).value) for n in names]))
    for category in CATEGORIES:
        rows.append((f"F1 IoU ≥ {IOU}, `{category}`", [_n(results[n].per_category[category].f1) for n in names]))
        rows.append(
            (f"category accuracy, gold `{category}`", [_n(results[n].category_of[category].value) for n in names])
        )
    return rows


def render_evaluation(results: Mapping[str, Evaluation], fmt: str) -> str:
    names = list(results)
    if fmt == "json":
        return json.dumps({name: e.to_dict() for name, e in results.items()}, ensure_ascii=False, indent=2) + "\n"
    documents = next(iter(results.values())).documents if results else 0
    if fmt == "markdown":
        lines = [f"| measure ({documents} documents) | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
        lines += [f"| {label} | " + " | ".join(values) + " |" for label, values in _rows(results)]
        return "\n".join(lines) + "\n"
    width = max(len(label) for label, _ in _rows(results))
    lines = [f"{documents} documents with gold; columns: " + "; ".join(names)]
    lines += [
        f"{label.replace('`', ''):<{width}}  " + "  ".join(f"{v:>6}" for v in values)
        for label, values in _rows(results)
    ]
    return "\n".join(lines) + "\n"
