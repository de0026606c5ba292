"""What a made document must pass before it is written: what ``claimkit validate`` checks, and more.

Ingest never writes a file validation refuses: the document file is serialized and measured against
the size limit (F006 in validation, I013 here), and every rule validation runs is run on it; its
errors refuse the document, its warnings are reported, its notices (a new document has no gold yet)
are not. Then the checks only ingest makes: the declared language and the share of furniture.
"""

from __future__ import annotations

import functools

from claimkit.ingest.codes import DOCUMENT_TOO_LARGE, LANGUAGE_MISMATCH, MOSTLY_FURNITURE
from claimkit.ingest.furniture import furniture_share
from claimkit.ingest.language import language_problem
from claimkit.issues import Issue, Severity
from claimkit.model import DocumentFile
from claimkit.storage import document_json
from claimkit.validate import ValidationOptions, check_document

__all__ = ["MOSTLY", "serialized", "validation_issues", "warnings"]

#: From this share of furniture on, a document is mostly furniture.
MOSTLY = 0.5


def serialized(file: DocumentFile, max_bytes: int, where: str) -> tuple[bytes, Issue | None]:
    """The file's bytes as they will be written, and an issue when they are over ``max_bytes``."""
    data = document_json(file).encode("utf-8")
    if len(data) <= max_bytes:
        return data, None
    message = f"the document file would be {len(data):,} bytes, over the limit of {max_bytes:,} that validate enforces"
    return data, DOCUMENT_TOO_LARGE.issue(message, file=where, pointer="/document/text")


@functools.cache
def _every_rule() -> ValidationOptions:
    """Validation's defaults, made once per process (finding every rule costs 40 µs: more than most rules)."""
    return ValidationOptions()


def validation_issues(file: DocumentFile, target: str, where: str) -> list[Issue]:
    """The errors and warnings validation would report on the file, located at the input."""
    issues = check_document(file, target, _every_rule())
    return [issue.located(file=where) for issue in issues if issue.severity is not Severity.INFO]


def warnings(file: DocumentFile, where: str) -> list[Issue]:
    """A language that does not fit the text, and a text that is mostly furniture."""
    document = file.document
    found = []
    problem = language_problem(document.text, document.language)
    if problem is not None:
        found.append(LANGUAGE_MISMATCH.issue(problem, file=where, pointer="/document/language"))
    share = furniture_share(document.text, document.furniture)
    if share >= MOSTLY:
        kinds = ", ".join(sorted({piece.kind.value for piece in document.furniture}))
        message = f"{share:.0%} of the text is page furniture ({kinds}): little or nothing is left to annotate"
        found.append(MOSTLY_FURNITURE.issue(message, file=where, pointer="/document/furniture"))
    return found
