"""Predictions that pre-fill a task: the gold, an annotator's annotation, or a machine proposal.

Shared by ``ls push`` (a prediction per task on the server) and ``ls export`` (predictions inside
``tasks.json``). Every prediction is checked with Label Studio's own ``LabelInterface`` first,
so what the UI would refuse is reported (L019) and left out, never sent.

``--predictions preannotate`` sends the proposal ``claimkit preannotate`` stored in each document
file (its ``predictions``), with the generator's ``name@version`` as Label Studio's model version
and its score. Another named source of predictions that makes one annotation per document id can
be registered in :data:`PROVIDERS`; ``--predictions <name>`` then uses it in both commands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from claimkit.errors import UNKNOWN_PREDICTIONS, UsageError
from claimkit.issues import Issue
from claimkit.labelstudio import codes
from claimkit.labelstudio.client import prediction_problems
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.model import Annotation, DocumentFile

__all__ = ["PREANNOTATE", "PROVIDERS", "Predictions", "prediction", "resolve", "version_of"]

#: What pre-fills a task: ``"gold"``, ``"preannotate"`` (the stored proposal of claimkit-preannotate),
#: an annotator's pseudonym, or an annotation per document id.
Predictions = str | Mapping[str, Annotation] | None
PREANNOTATE = "preannotate"
#: Named machine proposals: documents in, one annotation per document id out.
PROVIDERS: dict[str, Callable[[Iterable[DocumentFile]], Mapping[str, Annotation]]] = {}


def resolve(which: str | None, files: Sequence[DocumentFile]) -> Predictions:
    """``--predictions``: a registered provider's proposals, else ``"gold"`` or a pseudonym as given
    (E007 when no document has an annotation by it)."""
    if which is not None and which in PROVIDERS:
        return PROVIDERS[which](files)
    if which in (None, "gold", PREANNOTATE):
        return which
    known = {annotation.annotator for file in files for annotation in file.annotations}
    if which not in known:
        listed = ", ".join(sorted(known)[:10]) or "none"
        message = f"--predictions {which!r}: no document has an annotation by it (annotators: {listed})"
        raise UsageError(UNKNOWN_PREDICTIONS, message)
    return which


def version_of(which: Predictions, given: str | None = None) -> str:
    """The ``model_version`` a prediction carries in Label Studio."""
    return given or (f"claimkit:{which}" if isinstance(which, str) else "claimkit")


def _source(file: DocumentFile, which: Predictions, where: str) -> tuple[Annotation | None, list[Issue]]:
    if which is None:
        return None, []
    if not isinstance(which, str):
        return which.get(file.document.id), []
    if which == "gold":
        return file.gold, []
    if which == PREANNOTATE:
        from claimkit.preannotate.apply import proposal_of
        from claimkit.preannotate.codes import NO_PROPOSAL

        proposal = proposal_of(file)
        return proposal, [] if proposal else [NO_PROPOSAL.issue("no proposal to push", file=where)]
    return next((a for a in file.annotations if a.annotator == which), None), []


def prediction(
    file: DocumentFile, which: Predictions, config: str, where: str, version: str = "claimkit"
) -> tuple[dict[str, Any] | None, list[Issue]]:
    """The prediction that pre-fills this document's task (``model_version``, ``result`` and, for a
    machine proposal, its ``score``), or ``None`` (with L019 when Label Studio would refuse it)."""
    annotation, issues = _source(file, which, where)
    if annotation is None:
        return None, issues
    result = annotation_to_result(annotation)
    problems = prediction_problems(config, result)
    if problems:
        return None, [codes.INVALID_PREDICTION.issue("; ".join(problems[:3]), file=where)]
    generator = annotation.generator
    if generator is None:
        return {"model_version": version, "result": result}, []
    return {"model_version": f"{generator.name}@{generator.version}", "score": generator.score, "result": result}, []
