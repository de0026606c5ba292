"""Reading document files: bytes to a :class:`DocumentFile`, or coded issues (F, S) saying why not.

Every command that reads the corpus goes through here, so a bad file gets the same coded issue
whether it was met by ``validate``, ``release`` or ``agree``.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from claimkit.issues import Issue, Location
from claimkit.locate import line_column, locate, pointer_from_path
from claimkit.model import SCHEMA_VERSION, DocumentFile
from claimkit.rules.declared import MAX_FILE_BYTES
from claimkit.rules.registry import REGISTRY

__all__ = [
    "Loaded",
    "add_lines",
    "find_document_files",
    "load_bytes",
    "load_documents",
    "load_file",
    "load_files",
    "make_issue",
]

_BOM = b"\xef\xbb\xbf"


@dataclass
class Loaded:
    """The outcome of reading one file: the model when it could be built, and the issues met."""

    path: str | None
    file: DocumentFile | None
    issues: list[Issue] = field(default_factory=list)
    raw: bytes = b""


def make_issue(code: str, message: str, pointer: str = "", file: str | None = None, hint: str | None = None) -> Issue:
    """An issue for a registered code, with the rule's name, severity and default fix."""
    entry = REGISTRY[code]
    return Issue(code, entry.name, entry.severity, message, Location(file, pointer), hint or entry.fix)


def _structure_code(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "missing":
        return "S001"
    if kind == "extra_forbidden":
        return "S002"
    if error["loc"] == ("schema_version",) and kind == "string_pattern_mismatch":
        return "S005"
    if kind.endswith("_type") or kind in {"model_attributes_type", "none_required"}:
        return "S003"
    return "S004"


def structure_issues(error: ValidationError, path: str | None) -> list[Issue]:
    """One S issue per problem pydantic found, each at its JSON pointer."""
    issues = []
    for detail in error.errors(include_url=False):
        code = _structure_code(detail)
        pointer = pointer_from_path(detail["loc"])
        field_name = pointer or "the document"
        if code == "S005":
            message = f"schema_version {detail['input']!r} is not supported (this claimkit reads {SCHEMA_VERSION})"
        else:
            message = f"{field_name}: {detail['msg']}"
        issues.append(make_issue(code, message, pointer, path))
    return issues


def _json_error(raw: bytes, path: str | None) -> Issue:
    try:
        json.loads(raw)
    except json.JSONDecodeError as error:
        issue = make_issue("F005", f"invalid JSON: {error.msg}", "", path)
        return _with_line(issue, error.lineno, error.colno)
    except (RecursionError, ValueError) as error:  # pragma: no cover - nesting deeper than Python allows
        return make_issue("F005", f"invalid JSON: {error}", "", path)
    return make_issue("F005", "invalid JSON (rejected by the strict parser: e.g. a lone surrogate)", "", path)


def _with_line(issue: Issue, line: int, column: int) -> Issue:
    location = Location(issue.location.file, issue.location.pointer, line, column)
    return Issue(issue.code, issue.rule, issue.severity, issue.message, location, issue.hint)


def _input_problem(raw: bytes, path: str | None) -> Issue | None:
    if not raw.strip():
        return make_issue("F004", "the file is empty", "", path)
    if raw.startswith(_BOM):
        return _with_line(make_issue("F003", "the file starts with a UTF-8 byte order mark", "", path), 1, 1)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = f"not UTF-8: byte 0x{raw[error.start]:02x} at byte offset {error.start}"
        return _with_line(make_issue("F002", message, "", path), line, 1)
    return None


def load_bytes(raw: bytes, path: str | None = None) -> Loaded:
    """Parse and check the structure of one file's bytes."""
    try:
        return Loaded(path, DocumentFile.model_validate_json(raw, strict=True), [], raw)
    except ValidationError as error:
        if any(detail["type"] == "json_invalid" for detail in error.errors()):
            # Only now find out why: the strict parser already refused bad UTF-8, a BOM, nothing.
            return Loaded(path, None, [_input_problem(raw, path) or _json_error(raw, path)], raw)
        return Loaded(path, None, structure_issues(error, path), raw)


def load_file(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> Loaded:
    """Read one document file; I/O problems become F issues, never exceptions."""
    name = str(path)
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            return Loaded(name, None, [make_issue("F001", "not a regular file", "", name)])
        size = status.st_size
        if size > max_bytes:
            message = f"the file is {size:,} bytes, over the limit of {max_bytes:,}"
            return Loaded(name, None, [make_issue("F006", message, "", name)])
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        if os.path.islink(path):
            return Loaded(name, None, [make_issue("F001", "broken symbolic link", "", name)])
        return Loaded(name, None, [make_issue("F008", "no such file", "", name)])
    except OSError as error:
        return Loaded(name, None, [make_issue("F001", f"cannot read: {error.strerror}", "", name)])
    return load_bytes(raw, name)


def _json_files(folder: str) -> Iterator[str]:
    """``*.json`` entries below ``folder`` (not following linked folders); dot-folders (staging areas,
    caches) are not part of the corpus and are not entered. ``scandir`` saves a stat per file."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    yield from _json_files(entry.path)
            elif entry.name.endswith(".json"):
                yield entry.path


def find_document_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Issue]]:
    """Expand folders into their ``*.json`` files (recursively, sorted); report what is missing."""
    found: list[Path] = []
    issues: list[Issue] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = [Path(name) for name in sorted(_json_files(str(path)), key=lambda name: name.split(os.sep))]
            if not files:
                issues.append(make_issue("F007", "no *.json document files in this folder", "", str(path)))
            found.extend(files)
        elif path.exists():
            found.append(path)
        else:
            issues.append(make_issue("F008", "no such file or folder", "", str(path)))
    return found, issues


def load_files(paths: Iterable[str | os.PathLike[str]], max_bytes: int = MAX_FILE_BYTES) -> Iterator[Loaded]:
    """Every document file under ``paths``, loaded; missing paths come as issue-only results."""
    files, issues = find_document_files(paths)
    for issue in issues:
        yield Loaded(issue.location.file, None, [issue])
    for path in files:
        yield load_file(path, max_bytes)


def load_documents(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[tuple[str, DocumentFile]], list[Issue]]:
    """Every readable document file under ``paths`` with its path, and the issues of the others."""
    files: list[tuple[str, DocumentFile]] = []
    issues: list[Issue] = []
    for loaded in load_files(paths):
        issues.extend(loaded.issues)
        if loaded.file is not None:
            files.append((str(loaded.path), loaded.file))
    return files, issues


def add_lines(issues: list[Issue], raw: bytes) -> list[Issue]:
    """Fill in line and column of issues that have a pointer, from the file's raw JSON."""
    if not raw or not any(issue.location.pointer and issue.location.line is None for issue in issues):
        return issues
    text = raw.decode("utf-8", errors="replace")
    located: list[Issue] = []
    for issue in issues:
        offset = locate(text, issue.location.pointer) if issue.location.line is None else None
        if offset is None:
            located.append(issue)
            continue
        located.append(_with_line(issue, *line_column(text, offset)))
    return located
