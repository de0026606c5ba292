"""A :class:`Report` as a SARIF 2.1.0 log, the format code scanning (GitHub and others) reads
(``--format sarif``; :func:`claimkit.reporters.render_sarif` writes it as JSON).

One run; one result per issue, whose ``ruleId`` is the issue's code; one rule per code reported, with
its name, summary, fix and a link to its section of docs/rules.md. A result is located in its file
(line and column, counted in code points) and by its JSON pointer, as a logical location. Command
errors (codes of scope ``command``, such as a usage error) are not results about the data: they
become tool execution notifications of a run that did not succeed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from claimkit import __version__
from claimkit.codes import Code, Scope
from claimkit.issues import Issue, Location, Report, Severity

__all__ = ["PROJECT_URL", "RULES_URL", "SARIF_SCHEMA", "SARIF_VERSION", "sarif_log"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
PROJECT_URL = "https://github.com/claimkit/claimkit"
#: Every code has a section here; its anchor is the code in lower case (``#o003``).
RULES_URL = f"{PROJECT_URL}/blob/main/docs/rules.md"
#: Relative file URIs are relative to this base: the folder claimkit ran in (the repository root in CI).
SRCROOT = "%SRCROOT%"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_log(report: Report, root: Path | None = None, codes: Mapping[str, Code] | None = None) -> dict[str, Any]:
    """The SARIF log of a report; file paths are made relative to ``root`` (default: the working folder)."""
    root = Path(os.path.abspath(root or Path.cwd()))
    codes = _declared() if codes is None else codes
    failures = [issue for issue in report.issues if _is_command_error(issue, codes)]
    findings = [issue for issue in report.issues if not _is_command_error(issue, codes)]
    first: dict[str, Issue] = {}
    for issue in findings:
        first.setdefault(issue.code, issue)
    index = {code: n for n, code in enumerate(sorted(first))}
    run = {
        "tool": {"driver": _driver([_rule(first[code], codes.get(code)) for code in index])},
        "invocations": [_invocation(failures)],
        "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(issue, index[issue.code], root) for issue in findings],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _declared() -> Mapping[str, Code]:
    from claimkit.rules.registry import all_codes  # the registry imports every emitter: only when rendering

    return all_codes()


def _is_command_error(issue: Issue, codes: Mapping[str, Code]) -> bool:
    declared = codes.get(issue.code)
    return declared is not None and declared.scope is Scope.COMMAND


def _driver(rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": "claimkit", "version": __version__, "informationUri": PROJECT_URL, "rules": rules}


def _rule(first: Issue, declared: Code | None) -> dict[str, Any]:
    """A code's metadata; an undeclared code (never expected) is described from its first issue."""
    code = first.code
    name, summary = (declared.name, declared.summary) if declared else (first.rule, first.rule)
    fix = (declared.fix if declared else first.hint) or "See the rules page."
    help_uri = f"{RULES_URL}#{code.lower()}"
    rule: dict[str, Any] = {
        "id": code,
        "name": name,
        "shortDescription": {"text": summary},
        "help": {"text": fix, "markdown": f"{fix}\n\n[{code} `{name}`]({help_uri})"},
        "helpUri": help_uri,
        "defaultConfiguration": {"level": _LEVEL[declared.severity if declared else first.severity]},
    }
    if declared and declared.explanation:
        rule["fullDescription"] = {"text": declared.explanation}
    return rule


def _invocation(failures: list[Issue]) -> dict[str, Any]:
    notes = [{"level": "error", "message": {"text": _message(i)}, "descriptor": {"id": i.code}} for i in failures]
    return {"executionSuccessful": not failures, "toolExecutionNotifications": notes}


def _message(issue: Issue) -> str:
    where = f" at {issue.location.pointer}" if issue.location.pointer else ""
    fix = f" Fix: {issue.hint}" if issue.hint else ""
    return f"{issue.message}{where}.{fix}"


def _result(issue: Issue, rule_index: int, root: Path) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": issue.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[issue.severity],
        "message": {"text": _message(issue)},
        "partialFingerprints": {"claimkitIssue/v1": _identity(issue, root)},
    }
    location = _location(issue.location, root)
    if location:
        result["locations"] = [location]
    return result


def _location(where: Location, root: Path) -> dict[str, Any]:
    location: dict[str, Any] = {}
    if where.file:
        physical: dict[str, Any] = {"artifactLocation": _artifact(where.file, root)}
        if where.line is not None:
            physical["region"] = {"startLine": where.line, "startColumn": where.column or 1}
        location["physicalLocation"] = physical
    if where.pointer:
        name = where.pointer.rsplit("/", 1)[-1]
        location["logicalLocations"] = [{"name": name, "fullyQualifiedName": where.pointer, "kind": "value"}]
    return location


def _artifact(file: str, root: Path) -> dict[str, str]:
    """A path under ``root`` as a URI relative to %SRCROOT%; any other as an absolute file URI."""
    path = Path(os.path.abspath(file))
    if not path.is_relative_to(root):
        return {"uri": path.as_uri()}
    relative = PurePosixPath(*path.relative_to(root).parts).as_posix()
    return {"uri": quote(relative, errors="surrogateescape"), "uriBaseId": SRCROOT}  # a non-UTF-8 byte: %FF


def _identity(issue: Issue, root: Path) -> str:
    """Stable when lines move: the code, the file, the pointer and the message, not the line."""
    file = _artifact(issue.location.file, root)["uri"] if issue.location.file else ""
    key = "\0".join((issue.code, file, issue.location.pointer, issue.message))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
