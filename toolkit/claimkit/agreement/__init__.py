"""Inter-annotator agreement: span matching (ours), statistics (from libraries), reports."""

from claimkit.agreement.report import AgreementReport, agreement_report

__all__ = ["AgreementReport", "agreement_report"]
