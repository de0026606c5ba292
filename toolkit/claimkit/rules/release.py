"""Rules about what may ship in a release: document licenses (D007-D009) and gold on furniture (C020).

D007 and C020 are rules ``claimkit validate`` runs. D008 and D009 are about a release as a whole (the
documents it publishes), so ``claimkit release`` emits them, naming the documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from claimkit.codes import Scope, declare
from claimkit.issues import Severity
from claimkit.rules.claims import furniture_overlaps
from claimkit.rules.context import AnnotationContext, DocumentContext
from claimkit.rules.registry import Finding, rule

__all__ = ["LICENSE_MISSING", "LICENSE_TERMS_UNKNOWN", "spdx_id"]


@lru_cache(maxsize=1)
def _spdx_ids() -> dict[str, str]:
    """Every SPDX license id (not exceptions, not LicenseRef), by its lowercase form."""
    from license_expression import get_license_index

    ids: dict[str, str] = {}
    for entry in get_license_index():
        if entry.get("is_exception"):
            continue
        for key in [entry.get("spdx_license_key"), *entry.get("other_spdx_license_keys", [])]:
            if key and not key.startswith("LicenseRef-"):
                ids.setdefault(key.lower(), key)
    return ids


def spdx_id(value: str) -> str | None:
    """The SPDX license id ``value`` names (matched case-insensitively, as SPDX says), or None."""
    return _spdx_ids().get(value.strip().lower())


def _suggestion(value: str) -> str | None:
    """An SPDX id that free text like ``CC BY-NC-SA 4.0`` probably means."""
    return spdx_id(re.sub(r"[\s_]+", "-", value.strip()))


@rule(
    "D007",
    "invalid-license",
    Severity.ERROR,
    Scope.DOCUMENT,
    fix="Write the document's license as an SPDX license id (https://spdx.org/licenses/), e.g. CC-BY-NC-SA-4.0.",
)
def invalid_license(ctx: DocumentContext) -> Iterator[Finding]:
    """The document's license is not an SPDX license id.

    A release computes its license from its documents' licenses and refuses a dataset license that
    drops their terms; it can only do that with licenses it can identify. SPDX ids are matched
    without regard to case (`cc-by-4.0` is `CC-BY-4.0`).
    """
    value = ctx.document.license
    if value is None or spdx_id(value):
        return
    suggestion = _suggestion(value)
    hint = f"write {suggestion!r}" if suggestion else None
    yield Finding("/document/license", f"license {value!r} is not an SPDX license id", hint=hint)


LICENSE_MISSING = declare(
    "D008",
    "license-missing",
    Severity.WARNING,
    Scope.DOCUMENT,
    """A released document records no license.

    The card states the terms under which each article text is shared; for a document without a
    license it can only say that its terms are unknown. `claimkit release` names these documents.""",
    "Record the license the publisher gives the text (`claimkit ingest --license`, an SPDX id).",
)
LICENSE_TERMS_UNKNOWN = declare(
    "D009",
    "license-terms-unknown",
    Severity.WARNING,
    Scope.DOCUMENT,
    """A released document's license is an SPDX id whose terms claimkit does not know.

    claimkit knows the terms (attribution, non-commercial, share-alike, no derivatives) of the
    Creative Commons, Open Data Commons and CDLA licenses; for another license it cannot check that
    the dataset license keeps them. `claimkit release` names these documents.""",
    "Check by hand that the dataset license keeps this license's terms.",
)


@rule(
    "C020",
    "gold-claim-on-furniture",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Move the claim into the article body, or remove it; page furniture is not content.",
)
def gold_claim_on_furniture(ctx: AnnotationContext) -> Iterator[Finding]:
    """A gold claim overlaps page furniture (the date line, a repeated title, a share line).

    The gold annotation is what a release publishes: a claim drawn across the date line would be
    released as a claim of the article. The same problem in an annotator's annotation is the
    warning C005, left for adjudication to correct.
    """
    if ctx.is_gold:
        yield from furniture_overlaps(ctx)
