"""Predictions that pre-fill a task: the gold, an annotator's annotation, or a machine proposal.

Shared by ``ls push`` (a prediction per task on the server) and ``ls export`` (predictions inside
``tasks.json``). Every prediction is checked with Label Studio's own ``LabelInterface`` first,
so what the UI would refuse is reported (L019) and left out, never sent.

Hook for pre-annotation (``claimkit preannotate``): a named source of predictions that makes one
annotation per document id is registered in :data:`PROVIDERS`; ``--predictions <name>`` then
uses it in both commands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from claimkit.issues import Issue
from claimkit.labelstudio import codes
from claimkit.labelstudio.client import prediction_problems
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.model import Annotation, DocumentFile

__all__ = ["PROVIDERS", "Predictions", "prediction", "resolve", "version_of"]

#: What pre-fills a task: ``"gold"``, an annotator's pseudonym, or an annotation per document id.
Predictions = str | Mapping[str, Annotation] | None
#: Named machine proposals: documents in, one annotation per document id out.
PROVIDERS: dict[str, Callable[[Iterable[DocumentFile]], Mapping[str, Annotation]]] = {}


def resolve(which: str | None, files: Iterable[DocumentFile]) -> Predictions:
    """``--predictions``: a registered provider's proposals, else ``"gold"`` or a pseudonym as given."""
    if which is not None and which in PROVIDERS:
        return PROVIDERS[which](files)
    return which


def version_of(which: Predictions, given: str | None = None) -> str:
    """The ``model_version`` a prediction carries in Label Studio."""
    return given or (f"claimkit:{which}" if isinstance(which, str) else "claimkit")


def _source(file: DocumentFile, which: Predictions) -> Annotation | None:
    if which is None:
        return None
    if not isinstance(which, str):
        return which.get(file.document.id)
    if which == "gold":
        return file.gold
    return next((a for a in file.annotations if a.annotator == which), None)


def prediction(file: DocumentFile, which: Predictions, config: str, where: str) -> tuple[list[Any] | None, list[Issue]]:
    """The result list that pre-fills this document's task, or ``None`` (with L019 when refused)."""
    annotation = _source(file, which)
    if annotation is None:
        return None, []
    result = annotation_to_result(annotation)
    problems = prediction_problems(config, result)
    if problems:
        return None, [codes.INVALID_PREDICTION.issue("; ".join(problems[:3]), file=where)]
    return result, []
