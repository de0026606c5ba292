"""Issue codes: one ``Code`` type, one factory, one registry. The bottom layer of claimkit.

Every code is declared once, as a constant next to the code that emits it: reading files (F, S) in
:mod:`claimkit.loading`, ingesting (I) in :mod:`claimkit.ingest`, Label Studio conversion (L) in
:mod:`claimkit.labelstudio.codes`, semantic rules where they are checked (:mod:`claimkit.rules`), and
command errors (E) that exceptions carry in :mod:`claimkit.errors`. An emitter turns its constant into
an issue with :meth:`Code.issue`, so an undeclared code cannot be emitted: there is no string to mistype.

Codes are a letter plus three digits and a kebab-case name; a code is never reused (see :data:`RETIRED`).
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from claimkit.issues import Issue, Location, Severity

__all__ = ["CODES", "RETIRED", "Code", "Scope", "declare", "declare_command", "register"]

_CODE = re.compile(r"^[A-Z][0-9]{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_C = TypeVar("_C", bound="Code")


class Scope(StrEnum):
    """What a code looks at: where its emitter meets the problem."""

    INPUT = "input"  # reading bytes into JSON, or raw text into a document
    STRUCTURE = "structure"  # the model / JSON Schema
    DOCUMENT = "document"  # one whole document file (a semantic rule)
    ANNOTATION = "annotation"  # each annotation and the gold one (a semantic rule)
    CONVERSION = "conversion"  # a Label Studio task being converted
    COMMAND = "command"  # a command that cannot do what it was asked (carried by an exception)


@dataclass(frozen=True)
class Code:
    """A stable code with its name, severity, scope, documentation and default fix."""

    code: str
    name: str
    severity: Severity
    scope: Scope
    summary: str
    explanation: str
    fix: str

    def issue(  # noqa: PLR0913 - keyword-only location fields of an issue
        self,
        message: str,
        *,
        file: str | None = None,
        pointer: str = "",
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> Issue:
        """An issue of this code at a location; the hint defaults to the code's fix."""
        return Issue(
            self.code, self.name, self.severity, message, Location(file, pointer, line, column), hint or self.fix
        )


#: Every declared code, by code. Emitting modules fill it when imported; see
#: :func:`claimkit.rules.registry.all_codes` for the complete set.
CODES: dict[str, Code] = {}

#: Codes that were retired, with why. They are never given to another code.
RETIRED: dict[str, str] = {}


def register(entry: _C) -> _C:
    """Add a code to the registry; a malformed, taken or retired code is a programming error."""
    if not _CODE.match(entry.code) or not _NAME.match(entry.name):
        raise ValueError(f"bad code or name: {entry.code} {entry.name}")
    if entry.code in CODES or entry.code in RETIRED:
        raise ValueError(f"code {entry.code} is already taken")
    if any(existing.name == entry.name for existing in CODES.values()):
        raise ValueError(f"code name {entry.name} is already taken")
    CODES[entry.code] = entry
    return entry


def split_doc(doc: str | None) -> tuple[str, str]:
    """A docstring's summary (its first paragraph, on one line however it is wrapped) and the rest
    (the explanation)."""
    text = inspect.cleandoc(doc or "")
    summary, _, rest = text.partition("\n\n")
    return " ".join(summary.split()), rest.strip()


def declare(code: str, name: str, severity: Severity, scope: Scope, doc: str, fix: str) -> Code:  # noqa: PLR0913 - the six documented fields of a code
    """Declare a code: ``doc`` is a summary line, then why; ``fix`` says how to repair the problem."""
    summary, explanation = split_doc(doc)
    return register(Code(code, name, severity, scope, summary, explanation, fix))


def declare_command(code: str, name: str, doc: str, fix: str) -> Code:
    """Declare the code of an error that stops a command (an exception's code, E...)."""
    return declare(code, name, Severity.ERROR, Scope.COMMAND, doc, fix)
