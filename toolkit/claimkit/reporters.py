"""Rendering a :class:`Report` as text for people, JSON for programs, GitHub workflow commands, or
SARIF for code scanning (:mod:`claimkit.sarif`).

Reporters return strings; only the CLI writes them out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any, TextIO

from claimkit import __version__
from claimkit.issues import Issue, Report, Severity
from claimkit.sarif import sarif_log

__all__ = [
    "DOCUMENT_FORMATS",
    "FORMATS",
    "GITHUB_CAP",
    "emit",
    "printable",
    "render",
    "render_github",
    "render_json",
    "render_sarif",
    "render_text",
]

#: GitHub shows at most 10 error and 10 warning annotations per step and 50 per job; more is noise.
GITHUB_CAP = 50
#: In text output (without --verbose), a code with more issues than this is summarized in one line.
COLLAPSE_AT = 10


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


#: Categories written as escapes: controls, surrogates (bytes not UTF-8), format characters (bidi
#: controls, zero-width spaces and joiners, the byte order mark, the soft hyphen).
_UNSEEN = frozenset({"Cc", "Cs", "Cf"})


def printable(text: str) -> str:
    """``text`` safe to show on a terminal or in a CI log: control, bidi and other invisible format
    characters (a zero-width space would make two names look one) and bytes that were not UTF-8 are
    written as escapes (``\\x1b``, ``\\u202e``, ``\\u200b``, ``\\xff``); Arabic stays as it is."""
    if text.isprintable():
        return text
    return "".join(_escape(char) if unicodedata.category(char) in _UNSEEN else char for char in text)


def _utf8(value: Any) -> Any:
    """A JSON-able value whose strings encode as UTF-8 (lone surrogates from file names escaped)."""
    if isinstance(value, str):
        return _SURROGATE.sub(lambda match: _escape(match.group()), value)
    if isinstance(value, dict):
        return {key: _utf8(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_utf8(item) for item in value]
    return value


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    checked = _plural(report.files_checked, report.unit)
    if not report.issues:
        return f"All checks passed: {checked}."
    counts = report.counts()
    parts = [_plural(n, s.value) for s in Severity if (n := counts[s.value])]
    found = f"Found {_plural(len(report.issues), 'issue')} ({', '.join(parts)})"
    if report.unit != "file":  # issues name files, not records or rows: no "in 1 of 3"
        return f"{found} among {checked}."
    return f"{found} in {len({issue.location.file for issue in report.issues})} of {checked}."


def _text_issue(issue: Issue) -> str:
    where = issue.location
    position = printable(where.file or "<input>")
    if where.line is not None:
        position += f":{where.line}:{where.column or 1}"
    lines = [f"{position}: {issue.code} [{issue.severity.value}] {printable(issue.message)} ({issue.rule})"]
    if where.pointer:
        lines.append(f"    at {printable(where.pointer)}")
    if issue.hint:
        lines.append(f"    hint: {printable(issue.hint)}")
    return "\n".join(lines)


def _collapsed(issues: list[Issue]) -> str:
    first, where = issues[0], issues[0].location
    files = len({issue.location.file for issue in issues})
    return (
        f"{first.code} [{first.severity.value}] ({first.rule}) {_plural(len(issues), 'time')} in "
        f"{_plural(files, 'file')}, first {printable(where.file or '<input>')}: {printable(first.message)}\n"
        f"    hint: {printable(str(first.hint))} (--verbose lists them all)"
    )


def render_text(report: Report, verbose: bool = True) -> str:
    """Each issue; without ``verbose``, a code met more than COLLAPSE_AT times is one summary line."""
    by_code: dict[str, list[Issue]] = {}
    for issue in report.issues:
        by_code.setdefault(issue.code, []).append(issue)
    many = set() if verbose else {code for code, issues in by_code.items() if len(issues) > COLLAPSE_AT}
    body = [_text_issue(issue) for issue in report.issues if issue.code not in many]
    body += [_collapsed(by_code[code]) for code in sorted(many)]
    return "\n".join([*body, summary_line(report)]) + "\n"


def render_json(report: Report, summary: Mapping[str, Any] | None = None) -> str:
    """One JSON document: claimkit's version, the command's summary (when it has one), the report."""
    document = {"claimkit": __version__, **({"summary": dict(summary)} if summary else {}), **report.to_dict()}
    return json.dumps(_utf8(document), ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return printable(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github_issue(issue: Issue) -> str:
    where = issue.location
    props = [f"file={_escape_property(where.file)}"] if where.file else []
    if where.line is not None:
        props += [f"line={where.line}", f"col={where.column or 1}"]
    props.append(f"title={_escape_property(f'{issue.code} {issue.rule}')}")
    message = issue.message + (f" at {where.pointer}" if where.pointer else "")
    message += f". Fix: {issue.hint}" if issue.hint else ""
    return f"::{_GITHUB_LEVEL[issue.severity]} {','.join(props)}::{_escape_data(message)}"


def render_github(report: Report, cap: int = GITHUB_CAP) -> str:
    """Workflow commands; errors first so that the cap never hides an error behind warnings."""
    ranked = sorted(report.issues, key=lambda i: list(Severity).index(i.severity))
    lines = [_github_issue(issue) for issue in ranked[:cap]]
    if len(ranked) > cap:
        lines.append(f"::notice::{len(ranked) - cap} more issues not shown; run with --format text to see all")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def render_sarif(report: Report) -> str:
    """One SARIF 2.1.0 log for code scanning (see :mod:`claimkit.sarif`)."""
    return json.dumps(_utf8(sarif_log(report)), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}

#: Formats whose output is one document for a program: nothing else may be written next to it.
DOCUMENT_FORMATS = frozenset({"json", "sarif"})


def render(report: Report, fmt: str, *, verbose: bool = True) -> str:
    return render_text(report, verbose) if fmt == "text" else FORMATS[fmt](report)


def emit(  # noqa: PLR0913 - keyword-only: what a command says besides its report
    out: TextIO, report: Report, fmt: str, *, lines: list[str], summary: Mapping[str, Any], verbose: bool = True
) -> None:
    """Write a command's outcome: for people, its summary ``lines`` then the issues; with ``--format
    json``, exactly one JSON document holding ``summary`` and the report, nothing else on ``out`` (with
    ``--format sarif``, the SARIF log of the report alone)."""
    if fmt in DOCUMENT_FORMATS:
        out.write(render_json(report, summary) if fmt == "json" else render(report, fmt))
        return
    out.writelines(line + "\n" for line in lines)
    if report.issues:
        out.write(render(report, fmt, verbose=verbose))
