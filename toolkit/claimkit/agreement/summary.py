"""The agreement summary a release card and its Croissant metadata include."""

from __future__ import annotations

from pathlib import Path

from claimkit.agreement.render import plain_summary, render_agreement
from claimkit.agreement.report import agreement_report
from claimkit.loading import load_files

__all__ = ["corpus_agreement_texts"]


def corpus_agreement_texts(corpus: Path) -> tuple[str, str] | None:
    """(Markdown, plain text) agreement of the corpus, or ``None`` when no document has 2+ annotators.

    Only files with two or more annotations are kept in memory.
    """
    files = [loaded.file for loaded in load_files([corpus]) if loaded.file and len(loaded.file.annotations) >= 2]
    report = agreement_report(files)
    if not report.documents:
        return None
    return render_agreement(report, "markdown"), plain_summary(report)
