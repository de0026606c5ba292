"""``claimkit agree`` and ``claimkit adjudicate``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from claimkit.issues import Report
from claimkit.loading import load_documents
from claimkit.model import DocumentFile
from claimkit.reporters import render
from claimkit.storage import write_document_file

__all__ = ["adjudicate", "agree"]


def _load(paths: Sequence[str], out: TextIO, fmt: str) -> tuple[list[tuple[str, DocumentFile]], Report]:
    files, issues = load_documents(paths)
    report = Report(issues)
    if report.issues:
        out.write(render(report.sorted(), "json" if fmt == "json" else "text"))
    return files, report


def agree(paths: Sequence[str], *, fmt: str, heatmap: str | None, out: TextIO) -> int:
    """``claimkit agree``: agreement over the documents with two or more annotators."""
    from claimkit.agreement import agreement_report
    from claimkit.agreement.render import render_agreement, write_heatmap
    from claimkit.preannotate.acceptance import AcceptanceTally, with_acceptance_section

    files, report = _load(paths, out, fmt)
    if report.unreadable():
        return 2
    agreement = agreement_report(file for _, file in files)
    tally = AcceptanceTally()  # how much of the work started from claimkit-preannotate's suggestions
    for _, file in files:
        tally.add(file)
    out.write(with_acceptance_section(render_agreement(agreement, fmt), tally, fmt))
    if heatmap:
        write_heatmap(agreement, Path(heatmap))
        if fmt != "json":
            out.write(f"wrote {heatmap}\n")
    return 0


def _conflict_lines(doc_id: str, conflicts: list[Any]) -> list[str]:
    lines = [f"{doc_id}: {len(conflicts)} conflicts"]
    for number, conflict in enumerate(conflicts, start=1):
        lines.append(f"  conflict {number}:")
        for name, choice in conflict.choices.items():
            if choice is None:
                lines.append(f"    {name}: (no claim)")
            else:
                lines.append(
                    f"    {name}: [{choice['category']}] {choice['text'][:60]!r} source={choice['source']} "
                    f"cue={choice['cue']} quote={choice['quote']} certainty={choice['certainty']}"
                )
    return lines


def adjudicate(
    paths: Sequence[str],
    *,
    force: bool,
    dry_run: bool,
    push: bool,
    url: str | None,
    api_key: str | None,
    project: str,
    fmt: str,
    out: TextIO,
) -> int:
    """``claimkit adjudicate``: write gold where the annotators agree; list (and optionally push) conflicts."""
    from claimkit.adjudicate import adjudicate as merge
    from claimkit.adjudicate import conflict_prediction

    files, report = _load(paths, out, fmt)
    if report.unreadable():
        return 2
    results, to_review, lines = [], {}, []
    for path, file in files:
        if file.gold is not None and not force:
            continue
        adjudicated = merge(file)
        if adjudicated is None:
            continue
        results.append(
            {
                "doc_id": adjudicated.doc_id,
                "annotators": adjudicated.annotators,
                "accepted": len(adjudicated.candidate.claims),
                "conflicts": [c.choices for c in adjudicated.conflicts],
            }
        )
        if adjudicated.gold is not None:
            if not dry_run:
                write_document_file(path, file.model_copy(update={"gold": adjudicated.gold}))
            lines.append(
                f"{adjudicated.doc_id}: gold {'would be ' if dry_run else ''}written "
                f"({adjudicated.candidate.adjudication.method if adjudicated.candidate.adjudication else ''})"
            )
        else:
            lines += _conflict_lines(adjudicated.doc_id, adjudicated.conflicts)
            to_review[adjudicated.doc_id] = (path, file, conflict_prediction(file, adjudicated))
    if push and to_review:
        from claimkit.labelstudio.sync import connect, init_project, push_documents

        client = connect(url, api_key)
        project_id, _, init_report = init_project(client, project)
        if project_id is None or init_report.issues:
            out.write(render(init_report, fmt))
            return 1
        predictions = {doc_id: prediction for doc_id, (_, _, prediction) in to_review.items()}
        documents = [(path, file) for path, file, _ in to_review.values()]
        summary, push_report = push_documents(client, project_id, documents, predictions, "claimkit:adjudication")
        lines.append(f"pushed {summary.predictions} conflict predictions for review to {project!r}")
        report.extend(push_report.issues)
    out.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else "\n".join(lines) + "\n")
    if report.issues:
        out.write(render(report.sorted(), "text"))
    return 1 if to_review else report.exit_code()
