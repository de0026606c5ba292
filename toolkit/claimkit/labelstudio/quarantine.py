"""The quarantine: annotations that could not be converted, and drafts the lead asked for (pure).

They are kept in ``<corpus>/.pending/<doc_id>/`` as JSON files, raw as Label Studio exported them
but pseudonymized: the annotator's pseudonym replaces every user id, e-mail and name, and only the
fields a lead needs are kept. Validate and release never read a dot-folder, so nothing there is
part of the corpus; the next pull removes a file once its annotation converts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimkit.issues import Issue
from claimkit.labelstudio.identity import label_studio_id
from claimkit.storage import dump_json

if TYPE_CHECKING:
    from claimkit.labelstudio.tasks import TaskOutcome

__all__ = ["PENDING", "Pending", "pending_annotation", "pending_draft"]

#: The quarantine folder, inside the corpus folder.
PENDING = ".pending"
#: Fields of an exported annotation or draft that say nothing about who made it.
_KEPT = (
    "id",
    "result",
    "was_cancelled",
    "ground_truth",
    "lead_time",
    "created_at",
    "updated_at",
    "draft_created_at",
    "was_postponed",
    "annotation",
    "task",
    "project",
)


@dataclass(frozen=True)
class Pending:
    """One file of the quarantine: its path relative to the corpus, and its JSON text."""

    path: str
    text: str


def _kept(raw: dict[str, Any]) -> dict[str, Any]:
    return {key: raw[key] for key in _KEPT if key in raw}


def _json(content: dict[str, Any]) -> str:
    """Canonical JSON; escaped when the export held text that is not valid Unicode (lone surrogates)."""
    text = dump_json(content)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(content, ensure_ascii=True, indent=2) + "\n"
    return text


def _issue(issue: Issue) -> dict[str, Any]:
    return {"code": issue.code, "rule": issue.rule, "message": issue.message, "pointer": issue.location.pointer}


def _name(value: Any, outcome: TaskOutcome) -> str:
    """A file name from a Label Studio id; only numbers, whatever a hand-edited export holds."""
    number = label_studio_id(value)
    return str(number) if number is not None else f"task{label_studio_id(outcome.task_id)}-{len(outcome.pending)}"


def pending_annotation(outcome: TaskOutcome, raw: dict[str, Any], annotator: str, issues: list[Issue]) -> Pending:
    """An annotation that could not be converted, with why and where to fix it."""
    name = _name(raw.get("id"), outcome)
    content = {
        "kind": "annotation",
        "document": outcome.doc_id,
        "task": outcome.task_id,
        "fix_at": outcome.where,
        "annotator": annotator,
        "issues": [_issue(issue) for issue in issues],
        "annotation": _kept(raw),
    }
    return Pending(f"{PENDING}/{outcome.doc_id}/annotation-{name}.json", _json(content))


def pending_draft(outcome: TaskOutcome, draft: dict[str, Any], author: str | None) -> Pending:
    """A draft's content, for the lead to look at (never imported)."""
    name = _name(draft.get("id"), outcome)
    content = {
        "kind": "draft",
        "document": outcome.doc_id,
        "task": outcome.task_id,
        "fix_at": outcome.where,
        "annotator": author,
        "draft": _kept(draft),
    }
    return Pending(f"{PENDING}/{outcome.doc_id}/draft-{name}.json", _json(content))
