"""Quality of `claimkit preannotate` against hand-written gold, beside the every-sentence baseline.

    python benchmarks/bench_preannotate_quality.py

Three sets, measured with the same code as `claimkit preannotate --evaluate` (span matching of
claimkit.agreement): the seed article (the issue's targets), the seven pattern articles the rules
were developed on (tests/preannotate/cases), and the held-out articles, each round written with the rules frozen
(tests/preannotate/heldout; their first, frozen runs are in docs/preannotate.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.results import environment_line, save_result, verdict  # noqa: E402
from claimkit.loading import load_documents  # noqa: E402
from claimkit.preannotate.evaluate import evaluate_all  # noqa: E402
from claimkit.preannotate.report import TARGETS, render_evaluation, targets_met  # noqa: E402

SETS = {
    "seed": ["annotations"],
    "pattern cases": ["tests/preannotate/cases"],
    "held-out": ["tests/preannotate/heldout"],
}
_HEADLINE = (
    ("claims F1, IoU ≥ 0.5", "claims/overlap", "f1"),
    ("claims F1, exact", "claims/exact", "f1"),
    ("cue precision", "cues/overlap", "precision"),
    ("cue recall", "cues/overlap", "recall"),
    ("source mentions F1, IoU ≥ 0.5", "sources/overlap", "f1"),
)


def measure() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, paths in SETS.items():
        files = [file for _, file in load_documents([str(ROOT / p) for p in paths])[0]]
        results = evaluate_all(files)
        ours = next(iter(results.values()))
        found[name] = {
            "documents": ours.documents,
            "evaluation": {label: e.to_dict() for label, e in results.items()},
            "markdown": render_evaluation(results, "markdown"),
            "targets": {label: list(value) for label, value in targets_met(ours).items()},
        }
    return found


def _n(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _headline_rows(sets: dict[str, Any]) -> list[str]:
    lines = ["| measure | " + " | ".join(f"{name} ({data['documents']} docs)" for name, data in sets.items()) + " |"]
    lines.append("|---" * (len(sets) + 1) + "|")
    for label, unit, measure in _HEADLINE:
        cells = []
        for data in sets.values():
            ours, base = data["evaluation"].values()
            cells.append(f"{_n(ours['spans'][unit][measure])} (baseline {_n(base['spans'][unit][measure])})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for label, key in (
        ("category accuracy, matched claims", "category_accuracy"),
        ("right source, attributed claims", "source_on_attributed"),
    ):
        cells = []
        for data in sets.values():
            ours, base = data["evaluation"].values()
            cells.append(f"{_n(ours[key]['value'])} (baseline {_n(base[key]['value'])})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def render_markdown(result: dict[str, Any]) -> list[str]:
    sets = result["sets"]
    seed = sets["seed"]
    lines = [
        "## Pre-annotation quality (issue 13)",
        "",
        "`claimkit preannotate --evaluate`: proposals of the rule-based proposer against gold, always beside the "
        "baseline *every sentence is a reported fact* (no source, no cue). Spans are matched one to one with "
        "`claimkit.agreement.matching` (exact offsets, or intersection over union ≥ 0.5); category, quote and "
        "certainty accuracy are on matched claims; *right source* counts an attributed gold claim as right when "
        "the matched proposal's source has a mention overlapping the gold source's (unmatched claims count wrong).",
        "",
        *_headline_rows(sets),
        "",
        "Targets of the issue, on the seed's gold:",
        "",
        "| target | threshold | measured | |",
        "|---|---|---|---|",
    ]
    for label, (value, threshold, met) in seed["targets"].items():
        lines.append(f"| {label} | ≥ {threshold} | {_n(value)} | {verdict(met)} |")
    lines += [
        "",
        "The pattern cases were used to develop the rules, so their figures are optimistic; the held-out "
        "articles were written after freezing the rules (first frozen runs and what failed: "
        "[docs/preannotate.md](preannotate.md#measured-quality)). Every measure on the seed, proposer | baseline:",
        "",
        seed["markdown"].rstrip(),
        "",
        environment_line(result),
    ]
    assert len(TARGETS) == len(seed["targets"])
    return lines


def main() -> None:
    save_result("preannotate_quality", {"command": "python benchmarks/bench_preannotate_quality.py", "sets": measure()})


if __name__ == "__main__":
    main()
