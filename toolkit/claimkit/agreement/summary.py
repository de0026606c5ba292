"""The agreement summary a release card and its Croissant metadata include."""

from __future__ import annotations

from collections.abc import Iterable

from claimkit.agreement.render import plain_summary, render_agreement
from claimkit.agreement.report import agreement_report
from claimkit.model import DocumentFile

__all__ = ["agreement_texts"]


def agreement_texts(files: Iterable[DocumentFile]) -> tuple[str, str] | None:
    """(Markdown, plain text) agreement of these documents, or ``None`` when none has 2+ annotators."""
    report = agreement_report(files)
    if not report.documents:
        return None
    return render_agreement(report, "markdown"), plain_summary(report)
