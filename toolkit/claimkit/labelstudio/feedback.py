"""Live checks of a task's annotations, written back for the annotators to read (pure, no network).

Each submitted annotation goes through the conversion ``claimkit ls pull`` uses and then every rule
``claimkit validate`` runs; the problems become a short Markdown note in the task's data field
:data:`~claimkit.labelstudio.config.CHECK_FIELD`, which the labeling config shows above the region
fields (and the data manager shows as a column). A task whose annotations are all clean has no
note: fixing the last problem clears it. Latin text is wrapped in Unicode bidi isolates (U+2066 ...
U+2069) rather than tags, so that the note reads in order in the right-to-left panel and stays plain
text in the data manager. Every piece of text that comes from an annotation or a message is
escaped (HTML entities for ``& < >``, a backslash before Markdown's emphasis and link characters),
because Label Studio renders the note as Markdown with raw HTML allowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

from claimkit.issues import Issue, Severity
from claimkit.labelstudio import codes
from claimkit.labelstudio.config import CHECK_FIELD
from claimkit.labelstudio.merge import task_to_document_file
from claimkit.model import Annotation, DocumentFile
from claimkit.taxonomy import GUIDELINES_VERSION
from claimkit.validate import check_document

__all__ = ["AnnotationCheck", "check_annotation", "check_annotations", "data_with_note", "markdown_text", "render_note"]

#: Stands for the annotator while checking: the note names people by their Label Studio name instead.
_CHECKED = "ann-live-check"
_LRI, _PDI = "\u2066", "\u2069"
_EXCERPT = 40
_POINTER = re.compile(r"^/annotations/0/(claims|cues|sources)/(\d+)")
_RESULT = re.compile(r"^/annotations/0/result/(\d+)")
_SEVERITY_AR = {Severity.ERROR: "خطأ", Severity.WARNING: "تنبيه"}
_MARKDOWN = re.compile(r"([\\`*_\[\]])")


@dataclass(frozen=True)
class AnnotationCheck:
    """The problems of one submitted annotation, each with the text of the region it is about."""

    annotation: int
    annotator: str
    problems: tuple[tuple[Issue, str], ...]


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown text: no HTML, no emphasis, no link."""
    return _MARKDOWN.sub(r"\\\1", escape(text, quote=False))


def _isolate(text: str) -> str:
    return f"{_LRI}{markdown_text(text)}{_PDI}"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[: _EXCERPT - 1] + "…"


def _region_text(issue: Issue, annotation: Annotation | None, result: list[dict[str, Any]]) -> str:
    """The text of the region an issue points at ("" when it is about the whole annotation)."""
    if found := _RESULT.match(issue.location.pointer):
        index = int(found.group(1))
        value = result[index].get("value") if index < len(result) else None
        text = value.get("text") if isinstance(value, dict) else None
        return _excerpt(text) if isinstance(text, str) else ""
    found = _POINTER.match(issue.location.pointer)
    if annotation is None or found is None:
        return ""
    group, index = getattr(annotation, found.group(1)), int(found.group(2))
    if index >= len(group):
        return ""
    item = group[index]
    return _excerpt(item.mentions[0].text if found.group(1) == "sources" else item.text)


#: What a lead must look at, not the annotator (someone else saved their annotation: L053).
_FOR_THE_LEAD = frozenset({codes.EDITED_BY_ANOTHER.code})


def _own(issue: Issue) -> bool:
    """Issues about the checked annotation (not the document), worth an annotator's attention."""
    mine = issue.location.pointer.startswith("/annotations/0") and issue.code not in _FOR_THE_LEAD
    return mine and issue.severity is not Severity.INFO


def check_annotation(task: dict[str, Any], raw: dict[str, Any]) -> list[tuple[Issue, str]]:
    """Every problem of one annotation of ``task``: conversion first, then the rules of validate."""
    if raw.get("was_cancelled"):
        return []
    alone = {**task, "annotations": [raw], "drafts": []}
    file, issues = task_to_document_file(alone, None, lambda _: _CHECKED, GUIDELINES_VERSION)
    annotation = file.annotations[0] if isinstance(file, DocumentFile) and file.annotations else None
    if isinstance(file, DocumentFile):
        issues = [*issues, *check_document(file, None)]
    result = list(raw.get("result") or [])
    return [(issue, _region_text(issue, annotation, result)) for issue in issues if _own(issue)]


def check_annotations(
    task: dict[str, Any], annotations: Iterable[dict[str, Any]], name: Callable[[Any], str]
) -> list[AnnotationCheck]:
    """The checks of every annotation of a task that has problems, in annotation order."""
    checks = []
    for raw in sorted(annotations, key=lambda item: int(item.get("id") or 0)):
        problems = check_annotation(task, raw)
        if problems:
            checks.append(AnnotationCheck(int(raw.get("id") or 0), name(raw.get("completed_by")), tuple(problems)))
    return checks


def _line(issue: Issue, region: str) -> str:
    where = f" «{markdown_text(region)}»" if region else ""
    message = _isolate(f"{issue.code} {issue.message}")
    return f"- {_SEVERITY_AR.get(issue.severity, '')}: {message}{where}"


def render_note(checks: Iterable[AnnotationCheck]) -> str | None:
    """The Markdown note for the task, or ``None`` when there is nothing to say."""
    blocks = []
    for check in checks:
        who = _isolate(f"#{check.annotation} {check.annotator}")
        head = f"**تحقق claimkit: {len(check.problems)} ملاحظة في الترميز {who}**"
        blocks.append("\n".join([head, "", *(_line(issue, region) for issue, region in check.problems)]))
    return "\n\n".join(blocks) or None


def data_with_note(data: dict[str, Any], note: str | None) -> dict[str, Any] | None:
    """The task data carrying ``note`` (no field when it is ``None``), or ``None`` if nothing changes."""
    if data.get(CHECK_FIELD) == note:
        return None
    updated = {key: value for key, value in data.items() if key != CHECK_FIELD}
    if note is not None:
        updated[CHECK_FIELD] = note
    return updated
