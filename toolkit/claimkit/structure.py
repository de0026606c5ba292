"""Structure problems (S): a document file whose JSON does not fit the model, one issue per problem.

The model (and the JSON Schema generated from it) decides what a document file may hold; pydantic
finds every problem at once and each becomes an issue at its JSON pointer.
"""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from claimkit.codes import Code, Scope, declare
from claimkit.issues import Issue, Severity
from claimkit.locate import pointer_from_path
from claimkit.model import SCHEMA_VERSION

__all__ = ["structure_issues"]

MISSING_FIELD = declare(
    "S001",
    "missing-field",
    Severity.ERROR,
    Scope.STRUCTURE,
    """A required field is missing.""",
    "Add the field; see schema/document-file.schema.json for what it holds.",
)
UNKNOWN_FIELD = declare(
    "S002",
    "unknown-field",
    Severity.ERROR,
    Scope.STRUCTURE,
    """A field that the schema does not define.

    Unknown fields are refused rather than ignored, so that a misspelt field name is never silently
    lost.""",
    "Remove the field, or fix its spelling.",
)
WRONG_TYPE = declare(
    "S003",
    "wrong-type",
    Severity.ERROR,
    Scope.STRUCTURE,
    """A value has the wrong JSON type (a string where a number belongs, a list where an object does).""",
    "Write the value with the type the schema gives.",
)
INVALID_VALUE = declare(
    "S004",
    "invalid-value",
    Severity.ERROR,
    Scope.STRUCTURE,
    """A value of the right type is not allowed: not in a label set, not matching a pattern, out of range.""",
    "Use one of the allowed values; `claimkit labels` lists every label set.",
)
UNSUPPORTED_SCHEMA_VERSION = declare(
    "S005",
    "unsupported-schema-version",
    Severity.ERROR,
    Scope.STRUCTURE,
    """The file declares a schema version this claimkit cannot read.""",
    "Upgrade claimkit, or migrate the file to schema_version 1.x.",
)


def _structure_code(error: ErrorDetails) -> Code:
    kind = error["type"]
    if kind == "missing":
        return MISSING_FIELD
    if kind == "extra_forbidden":
        return UNKNOWN_FIELD
    if error["loc"] == ("schema_version",) and kind == "string_pattern_mismatch":
        return UNSUPPORTED_SCHEMA_VERSION
    if kind.endswith("_type") or kind in {"model_attributes_type", "none_required"}:
        return WRONG_TYPE
    return INVALID_VALUE


def _message(code: Code, detail: ErrorDetails, pointer: str) -> str:
    if code is UNSUPPORTED_SCHEMA_VERSION:
        return f"schema_version {detail['input']!r} is not supported (this claimkit reads {SCHEMA_VERSION})"
    return f"{pointer or 'the document'}: {detail['msg']}"


def structure_issues(error: ValidationError, path: str | None) -> list[Issue]:
    """One S issue per problem pydantic found, each at its JSON pointer."""
    issues = []
    for detail in error.errors(include_url=False):
        code = _structure_code(detail)
        pointer = pointer_from_path(detail["loc"])
        hint = _HINTS.get(detail["type"]) if code is INVALID_VALUE else None
        issues.append(code.issue(_message(code, detail, pointer), file=path, pointer=pointer, hint=hint))
    return issues


#: S004 hints by pydantic's error type, where "one of the allowed values" would not help.
_HINTS = {
    "finite_number": "Write a finite number: NaN and Infinity are not JSON (a tool wrote them); remove the field "
    "or give its real value.",
    "too_short": "Give at least one item (a source has at least one mention), or remove the object.",
    "string_pattern_mismatch": "Write the value in the form the schema gives (`claimkit schema` writes the JSON "
    "Schema; ids are letters, digits and _ . : -).",
    "greater_than_equal": "Use a value that is not below the minimum (offsets and counts are never negative).",
    "less_than_equal": "Use a value that is not above the maximum (a score is at most 1).",
    "string_too_short": "Write a non-empty value, or remove the field when it is optional.",
}
