"""Agreement reports as text, JSON or Markdown (the Markdown is what a release card includes),
and the category confusion matrix as a PNG heatmap."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from claimkit.agreement.codes import EMPTY_ANNOTATION, TOO_DENSE
from claimkit.agreement.report import CATEGORIES, FIELDS, AgreementReport
from claimkit.agreement.stats import Estimate
from claimkit.agreement.structure import STRUCTURE
from claimkit.storage import atomic_write_bytes

__all__ = ["REFERENCES", "notes", "plain_summary", "render_agreement", "write_heatmap"]

TOKENS = "Krippendorff's alpha, attribution tokens (source / cue / content / none, as PolNeAR)"
INTERVALS = "Intervals: 95% Poisson bootstrap over documents (1,000 replicates, seeded by document id)."

#: Published figures for comparable annotation, quoted next to ours.
REFERENCES = (
    "PolNeAR: Krippendorff's alpha 0.754 on attribution spans, 92.3% attribution agreement; "
    "NewsClaims: human F1 0.858 for the claimer and 0.866 for claim spans."
)


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _estimate(estimate: Estimate | None) -> str:
    if estimate is None or estimate.value is None:
        return "n/a (no variation or too few units)"
    interval = f" [{estimate.low:.3f}, {estimate.high:.3f}]" if estimate.low is not None else ""
    return f"{estimate.value:.3f}{interval} ({estimate.units} units)"


def _headline(report: AgreementReport) -> list[tuple[str, str]]:
    rows = [
        ("documents with 2+ annotators", str(report.document_count)),
        ("annotators", str(len(report.annotators))),
        ("claim span F1, exact", _number(report.mean("exact"))),
        ("claim span F1, overlap", _number(report.mean("overlap"))),
    ]
    rows += [(f"F1 overlap, `{c}`", _number(report.mean("overlap", c))) for c in CATEGORIES]
    rows += [(f"Krippendorff's alpha, {f}", _estimate(report.alpha.get(f))) for f in FIELDS]
    rows.append(("same source on matched claims", _number(report.mean("source"))))
    rows.append((TOKENS, _estimate(report.tokens)))
    rows.append(("gamma (pygamma-agreement), claim spans and categories, mean over documents", _gamma(report)))
    return rows


def _gamma(report: AgreementReport) -> str:
    if report.gamma is None:
        return "not computed here (`claimkit agree --gamma`)"
    if report.gamma["mean"] is None:
        return "n/a"
    return f"{report.gamma['mean']:.3f} (lowest {report.gamma['lowest']:.3f}, {report.gamma['documents']} documents)"


def _structure(report: AgreementReport) -> list[tuple[str, str]]:
    return [(label, _number(report.mean(f"structure:{key}"))) for key, label in STRUCTURE.items()]


def notes(report: AgreementReport) -> list[str]:
    """What was left out of agreement and why (one line per annotator, one per document too dense)."""
    empty = [
        f"{EMPTY_ANNOTATION.code} {EMPTY_ANNOTATION.name}: {name} submitted {len(docs)} empty annotation"
        f"{'s' if len(docs) != 1 else ''}, left out of agreement: {', '.join(docs)}"
        for name, docs in report.excluded.items()
    ]
    dense = [
        f"{TOO_DENSE.code} {TOO_DENSE.name}: {doc_id} left out of agreement: {why}"
        for doc_id, why in report.too_dense.items()
    ]
    return empty + dense


def _table(rows: list[tuple[str, str]]) -> list[str]:
    return ["| measure | value |", "|---|---|", *[f"| {k} | {v} |" for k, v in rows], ""]


def _markdown(report: AgreementReport) -> str:
    lines = _table(_headline(report))
    lines += ["Structure (mean over pairs of annotators):", "", *_table(_structure(report))]
    lines += [
        "Pairs of annotators (pseudonymous):",
        "",
        "| pair | documents | F1 exact | F1 overlap | same source | "
        "kappa category | kappa certainty | kappa source kind |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for pair in report.pairs:
        figures = pair.to_dict()
        kappas = " | ".join(_number(figures["kappa"][f]) for f in FIELDS)
        lines.append(
            f"| {pair.a} / {pair.b} | {pair.documents} | {_number(figures['f1_exact'])} | "
            f"{_number(figures['f1_overlap'])} | {_number(figures['source_agreement'])} | {kappas} |"
        )
    lines += ["", f"{INTERVALS} For comparison: {REFERENCES}"]
    lines += ["Span matching, units and every figure are defined in `docs/agreement.md`."]
    lines += [f"\n- {note}" for note in notes(report)]
    return "\n".join(lines) + "\n"


def _text(report: AgreementReport) -> str:
    lines = [f"{key}: {value}".replace("`", "") for key, value in [*_headline(report), *_structure(report)]]
    lines += notes(report)
    lines.append("")
    for pair in report.pairs:
        figures = pair.to_dict()
        lines.append(
            f"{pair.a} vs {pair.b}: {pair.documents} documents, F1 exact {_number(figures['f1_exact'])}, "
            f"overlap {_number(figures['f1_overlap'])}, kappa category {_number(figures['kappa']['category'])}"
        )
    for name, figures in report.annotators.items():
        lines.append(
            f"{name}: {figures['documents']} documents, {figures['claims']} claims, matched "
            f"{_number(figures['matched_share'])}, same category {_number(figures['category_agreement'])}"
        )
    for document in report.documents:
        lines.append(
            f"{document['doc_id']}: {', '.join(document['annotators'])}; F1 overlap "
            f"{_number(document['f1_overlap'])}, same category {_number(document['category_agreement'])}"
        )
    return "\n".join(lines) + "\n"


def render_agreement(report: AgreementReport, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return _markdown(report) if fmt == "markdown" else _text(report)


def plain_summary(report: AgreementReport) -> str:
    """One paragraph for metadata fields (Croissant's rai:dataAnnotationAnalysis)."""
    parts = [f"{key}: {value}".replace("`", "") for key, value in [*_headline(report), *_structure(report)]]
    return "; ".join([*parts, *notes(report)]) + f". {INTERVALS} {REFERENCES}"


def _write_counts(axes: Any, matrix: list[list[int]]) -> None:
    peak = max((max(row) for row in matrix), default=0)
    for i, row in enumerate(matrix):
        for j, count in enumerate(row):
            axes.text(j, i, str(count), ha="center", va="center", color="white" if count > peak / 2 else "black")


def write_heatmap(report: AgreementReport, path: Path) -> Path:
    """The category confusion matrix across annotators (both directions of every pair) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels, matrix = report.confusion_matrix()
    figure, axes = plt.subplots(figsize=(6.5, 5.5), dpi=120)
    image = axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel("other annotator")
    axes.set_ylabel("annotator")
    axes.set_title("Claim categories across annotators\n(claims matched by span overlap)", fontsize=10)
    _write_counts(axes, matrix)
    figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04)
    figure.tight_layout()
    image_bytes = io.BytesIO()
    figure.savefig(image_bytes, format="png", metadata={"Software": None})
    plt.close(figure)
    atomic_write_bytes(path, image_bytes.getvalue())  # never a half-written image
    return path
