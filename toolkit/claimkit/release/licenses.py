"""The license of a release, computed from its documents' licenses and checked against the configured one.

Each document records the license its publisher gives the article text (an SPDX id, rule D007). A
release redistributes those texts, so the card lists every license that applies (the documents'
and the dataset's own, for the annotations) with the most restrictive terms among them, and a
configured dataset license that drops a document's terms (non-commercial, share-alike, no
derivatives, attribution) is refused (E308). Documents without a license, or under a license whose
terms claimkit does not know, are warnings that name them (D008, D009).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from claimkit.errors import (
    DATASET_LICENSE_UNDECIDED,
    INVALID_DATASET_LICENSE,
    LICENSE_CONTRADICTS_DOCUMENTS,
    ConfigError,
    ReleaseError,
)
from claimkit.issues import Issue
from claimkit.model import Document
from claimkit.rules.release import LICENSE_MISSING, LICENSE_TERMS_UNKNOWN, spdx_id

__all__ = ["DocumentLicenses", "LicenseSummary", "dataset_license", "license_terms", "summarize_licenses"]

#: Terms in the order the card states them.
TERMS = ("attribution", "non-commercial", "share-alike", "no-derivatives")
_CC_TERMS = {"NC": "non-commercial", "SA": "share-alike", "ND": "no-derivatives"}
_NO_TERMS = frozenset({"CC0-1.0", "PDDL-1.0", "CC-PDDC"})
_KNOWN = {
    "ODBL-1.0": frozenset({"attribution", "share-alike"}),
    "ODC-BY-1.0": frozenset({"attribution"}),
    "CDLA-PERMISSIVE-1.0": frozenset({"attribution"}),
    "CDLA-PERMISSIVE-2.0": frozenset({"attribution"}),
    "CDLA-SHARING-1.0": frozenset({"attribution", "share-alike"}),
}
#: How many documents a warning names before it only counts the rest.
NAMED = 20


def license_terms(license_id: str) -> frozenset[str] | None:
    """The terms an SPDX license imposes (empty: none), or None when claimkit does not know them."""
    key = license_id.upper()
    if key in _NO_TERMS:
        return frozenset()
    if key in _KNOWN:
        return _KNOWN[key]
    if key.startswith("CC-BY"):
        parts = set(key.split("-"))
        return frozenset({"attribution"} | {term for code, term in _CC_TERMS.items() if code in parts})
    return None


def dataset_license(configured: str) -> str:
    """The configured dataset license as its SPDX id, or E309."""
    found = spdx_id(configured)
    if found is None:
        raise ConfigError(INVALID_DATASET_LICENSE, f"the dataset license {configured!r} is not an SPDX license id")
    return found


@dataclass
class DocumentLicenses:
    """The licenses of the documents a release publishes, counted while it is built."""

    counts: Counter[str] = field(default_factory=Counter)  # SPDX id -> documents
    named: dict[str, list[str]] = field(default_factory=dict)  # SPDX id or "" (none) -> first document ids
    missing: int = 0

    def add(self, document: Document) -> None:
        found = spdx_id(document.license) if document.license else None
        key = found or ""
        if found is None:
            self.missing += 1
        else:
            self.counts[found] += 1
        names = self.named.setdefault(key, [])
        if len(names) < NAMED:
            names.append(document.id)


@dataclass(frozen=True)
class LicenseSummary:
    """What the card says about licenses."""

    dataset: str  # the configured license, for the annotations
    documents: dict[str, int]  # the documents' licenses, with how many documents each
    missing: int  # documents without a license
    terms: tuple[str, ...]  # the most restrictive terms among all of them

    def card_ids(self) -> list[str]:
        """The licenses for the card's metadata, as the Hub writes them (lowercase)."""
        return sorted({license_id.lower() for license_id in [*self.documents, self.dataset]})


def _conflict(dataset: str, document: str) -> str | None:
    """Why ``dataset`` cannot carry a text under ``document``, or None."""
    needed, kept = license_terms(document), license_terms(dataset) or frozenset()
    if needed is None:
        return None
    if dropped := sorted(needed - kept, key=TERMS.index):
        return f"{document} requires {', '.join(dropped)}, which {dataset} does not"
    if "share-alike" in needed and dataset.lower() != document.lower():
        return f"{document} is share-alike: the texts can only be shared under {document} itself"
    return None


def _named(licenses: DocumentLicenses, key: str, count: int) -> str:
    shown = ", ".join(licenses.named.get(key, []))
    return shown + (f" (and {count - NAMED} more)" if count > NAMED else "")


def _warnings(licenses: DocumentLicenses) -> list[Issue]:
    issues = []
    if licenses.missing:
        issues.append(
            LICENSE_MISSING.issue(
                f"{licenses.missing} released document{'' if licenses.missing == 1 else 's'} record no license: "
                f"{_named(licenses, '', licenses.missing)}"
            )
        )
    for license_id, count in sorted(licenses.counts.items()):
        if license_terms(license_id) is None:
            message = f"{count} released documents are under {license_id}, whose terms claimkit does not know"
            issues.append(LICENSE_TERMS_UNKNOWN.issue(f"{message}: {_named(licenses, license_id, count)}"))
    return issues


def _refuse_conflicts(dataset: str, licenses: DocumentLicenses) -> None:
    conflicts = {d: reason for d in sorted(licenses.counts) if (reason := _conflict(dataset, d)) is not None}
    if conflicts:
        first, reason = next(iter(conflicts.items()))
        raise ReleaseError(
            LICENSE_CONTRADICTS_DOCUMENTS,
            f"the dataset license {dataset} contradicts the licenses of {len(conflicts)} kinds of documents: "
            f"{reason} (e.g. {_named(licenses, first, licenses.counts[first])})",
        )


#: The dataset license when none is configured and no document records one.
FALLBACK_LICENSE = "CC-BY-4.0"


def _unconfigured(licenses: DocumentLicenses) -> str:
    """The dataset license when none is configured: the documents' one license (E311 when they have several)."""
    if len(licenses.counts) > 1:
        found = ", ".join(sorted(licenses.counts))
        raise ConfigError(DATASET_LICENSE_UNDECIDED, f"no dataset license is configured and the documents use {found}")
    return next(iter(licenses.counts), FALLBACK_LICENSE)


def summarize_licenses(configured: str | None, licenses: DocumentLicenses) -> tuple[LicenseSummary, list[Issue]]:
    """The card's license summary and the warnings; E308 if the dataset license drops a document's terms."""
    dataset = dataset_license(configured) if configured is not None else _unconfigured(licenses)
    _refuse_conflicts(dataset, licenses)
    every = [dataset, *licenses.counts]
    terms = set().union(*(license_terms(license_id) or frozenset() for license_id in every))
    summary = LicenseSummary(
        dataset, dict(sorted(licenses.counts.items())), licenses.missing, tuple(t for t in TERMS if t in terms)
    )
    return summary, _warnings(licenses)
