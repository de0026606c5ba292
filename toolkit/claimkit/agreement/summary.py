"""The agreement summary a release card and its Croissant metadata include, accumulated while the
release reads each document once (:class:`AgreementSummary`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claimkit.agreement.render import plain_summary, render_agreement
from claimkit.agreement.report import AgreementAccumulator
from claimkit.model import DocumentFile

__all__ = ["AgreementSummary", "agreement_texts"]


class AgreementSummary:
    """Agreement of a release's documents, fed one document at a time; memory stays flat.

    ``add`` every document the release reads (cheap for documents with fewer than two
    annotators), then ``texts()`` once at the end. ``gamma=True`` adds gamma (about a second per
    document, needs the ``gamma`` extra).
    """

    def __init__(self, *, seed: int = 0, gamma: bool = False) -> None:
        self._accumulator = AgreementAccumulator(seed=seed, keep_documents=False, gamma=gamma)

    def add(self, file: DocumentFile) -> None:
        """Count one document (ignored unless two or more annotators annotated it)."""
        self._accumulator.add(file)

    def add_all(self, files: Sequence[DocumentFile]) -> None:
        """Count several documents, in order: the same figures as one by one, in less time
        (:meth:`~claimkit.agreement.report.AgreementAccumulator.add_all`)."""
        self._accumulator.add_all(files)

    def texts(self) -> tuple[str, str] | None:
        """(Markdown for the card, plain text for Croissant), or ``None`` when no document has 2+ annotators."""
        report = self._accumulator.report()
        if not report.document_count and not report.excluded and not report.too_dense:
            return None
        return render_agreement(report, "markdown"), plain_summary(report)


def agreement_texts(files: Iterable[DocumentFile]) -> tuple[str, str] | None:
    """(Markdown, plain text) agreement of these documents, or ``None`` when none has 2+ annotators."""
    summary = AgreementSummary()
    for file in files:
        summary.add(file)
    return summary.texts()
