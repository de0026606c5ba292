"""Problems found in data: the one ``Issue`` type, its location, and the collected ``Report``.

Data problems are issues, never exceptions. Every command that reads data (validate, pull, release,
agree) reports through these types, so all of them render the same way in text, JSON and GitHub.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

__all__ = ["INPUT_PREFIX", "Issue", "Location", "Report", "Severity"]

#: Codes under this prefix mean the input could not be read as a document at all (exit code 2).
INPUT_PREFIX = "F"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Location:
    """Where an issue is: a file, a JSON pointer (RFC 6901) into it, and the line when known."""

    file: str | None = None
    pointer: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.pointer:
            where += f" {self.pointer}"
        return where


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem: a stable code, the rule's name, how bad it is, what and where, how to fix it."""

    code: str
    rule: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    hint: str | None = None

    def located(self, **where: Any) -> Issue:
        """The same issue at a changed location (``pointer=``, ``line=``, ``column=``, ``file=``)."""
        return replace(self, location=replace(self.location, **where))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Issue:
        location = Location(**data.get("location", {}))
        return cls(
            code=data["code"],
            rule=data["rule"],
            severity=Severity(data["severity"]),
            message=data["message"],
            location=location,
            hint=data.get("hint"),
        )

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.location.file or "", self.location.line or 0, self.location.pointer, self.code)


@dataclass
class Report:
    """Everything one run found, in a stable order, with the number of files it looked at."""

    issues: list[Issue] = field(default_factory=list)
    files_checked: int = 0
    #: What ``files_checked`` counts: files, or the records (ingest) or rows (shards) read from them.
    unit: str = "file"

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    def sorted(self) -> Report:
        return Report(sorted(self.issues, key=Issue.sort_key), self.files_checked, self.unit)

    def counts(self) -> dict[str, int]:
        counted = Counter(issue.severity.value for issue in self.issues)
        return {severity.value: counted.get(severity.value, 0) for severity in Severity}

    def failed(self, *, strict: bool = False) -> bool:
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return any(issue.severity in failing for issue in self.issues)

    def unreadable(self) -> bool:
        return any(issue.code.startswith(INPUT_PREFIX) and issue.severity is Severity.ERROR for issue in self.issues)

    def exit_code(self, *, strict: bool = False) -> int:
        """0 clean, 1 problems in the data, 2 input that could not be read at all."""
        if self.unreadable():
            return 2
        return 1 if self.failed(strict=strict) else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "files_checked": self.files_checked,
            "counts": self.counts(),
            "issues": [issue.to_dict() for issue in self.issues],
        }
