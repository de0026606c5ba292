"""What the corpus decided or changed on its own since the last pull, that a pull must not overwrite
unawares (pure).

- A gold that people decided outside the pulled projects (written by hand, by an expert, reviewed in
  another project) against the pulled ground truth: the later decision is the gold (L048, L049).
- An annotation the file holds in another form than the one the last pull wrote, while Label Studio's
  copy has not changed since (an edit made in the file): Label Studio is where annotations are made,
  so the pull takes its copy, and says so (L050).
- An annotation the export holds in an earlier version than the file (an old export imported after a
  newer pull): the file keeps its later version (L051).
- An annotation of the export with the id of another one the file holds (created at another time: a
  restored backup, another server): both are kept, the file's detached from Label Studio (L052).
"""

from __future__ import annotations

from datetime import datetime

from claimkit.issues import Issue
from claimkit.labelstudio import codes
from claimkit.labelstudio.tasks import Converted
from claimkit.model import Annotation, DocumentFile
from claimkit.review import decided_by_people

__all__ = [
    "decided_elsewhere",
    "detach_reused",
    "edited_in_file",
    "later_decision",
    "newer_in_file",
    "pull_key",
    "reused_in_export",
]


def decided_elsewhere(existing: DocumentFile | None, projects: set[object]) -> Annotation | None:
    """The file's gold when people decided it outside the pulled projects (by hand, an expert, a
    review in another project): a ground truth of these projects must not replace it unawares."""
    gold = existing.gold if existing else None
    if gold is None or not decided_by_people(gold):
        return None
    origin = gold.origin
    return None if origin is not None and origin.project in projects else gold


def _when(annotation: Annotation) -> datetime | None:
    return annotation.updated_at or annotation.created_at


def _decider(gold: Annotation) -> str:
    adjudication = gold.adjudication
    if adjudication is None:
        return "hand-made gold"
    by = f" decided by {adjudication.reviewer}" if adjudication.reviewer else ""
    return f"{adjudication.method} gold{by}"


def later_decision(local: Annotation, review: Annotation, where: str) -> tuple[Annotation, Issue | None]:
    """Between a gold people decided elsewhere and the pulled ground truth, the one saved later (the
    file's gold when either has no time), and the issue that says which; the ground truth, without a
    word, when the two decided the same (they agree: Label Studio's copy is the one to follow)."""
    if _content(local) == _content(review):
        return review, None
    local_at, review_at = _when(local), _when(review)
    number = review.origin.annotation if review.origin else None
    if local_at is not None and review_at is not None and review_at > local_at:
        message = (
            f"the ground truth, annotation {number} (saved {review_at.isoformat()}), replaces the {_decider(local)} "
            f"saved {local_at.isoformat()} (the earlier gold is in git history, if it was committed)"
        )
        return review, codes.GOLD_REPLACED_BY_GROUND_TRUTH.issue(message, file=where, pointer="/gold")
    if local_at is None or review_at is None:
        why = "one of the two has no time to compare them by"
    else:
        why = f"the ground truth was saved at {review_at.isoformat()}, the gold at {local_at.isoformat()}"
    message = f"the {_decider(local)} is kept over the ground truth, annotation {number}: {why}"
    return local, codes.GROUND_TRUTH_NOT_TAKEN.issue(message, file=where, pointer="/gold")


def pull_key(annotation: Annotation) -> tuple[object, ...] | None:
    """Which Label Studio annotation, in which saved version, a pull wrote this from."""
    origin = annotation.origin
    if origin is None or origin.annotation is None or annotation.updated_at is None:
        return None
    return origin.project, origin.annotation, annotation.updated_at


def _content(annotation: Annotation) -> tuple[object, ...]:
    """What an annotator or a reviewer decides: not the pseudonym (a new key renames everyone), the
    gold's adjudication record (made again at every pull) or the guideline version (kept from the
    first pull)."""
    return annotation.sources, annotation.cues, annotation.claims, annotation.comment


def _replaced(
    existing: DocumentFile, converted: list[Converted], gold: Annotation | None
) -> list[tuple[str, Annotation, Annotation]]:
    """(pointer, the file's annotation, Label Studio's copy) for each annotation of the file that the
    pull replaces, whose very version the export holds. The gold counts only when the pull writes
    another one: a gold kept as it is (L047, L049) replaces nothing, and its copy in Label Studio
    (an annotation whose star was taken off) is no stand-in for the annotator's annotation."""
    fresh = {key: c.annotation for c in converted if not c.failed and (key := pull_key(c.annotation))}
    held = [(f"/annotations/{i}", a) for i, a in enumerate(existing.annotations)]
    if existing.gold is not None and gold != existing.gold:
        held.append(("/gold", existing.gold))
    found = [(pointer, annotation, fresh.get(key)) for pointer, annotation in held if (key := pull_key(annotation))]
    return [(pointer, annotation, pulled) for pointer, annotation, pulled in found if pulled is not None]


def edited_in_file(
    existing: DocumentFile | None, converted: list[Converted], gold: Annotation | None, where: str
) -> list[Issue]:
    """L050 for each annotation of the file that the pull replaces (``gold``: the gold it writes)
    with the Label Studio annotation it was pulled from, although that annotation was not saved
    again since, while the two differ: the file was edited."""
    issues = []
    for pointer, annotation, pulled in _replaced(existing, converted, gold) if existing else []:
        if _content(pulled) != _content(annotation):
            number = annotation.origin.annotation if annotation.origin else None
            message = (
                f"annotation {number} by {annotation.annotator} was edited in the file since the pull that wrote "
                "it, and Label Studio's copy has not changed since: the pull writes Label Studio's copy (the edit "
                "is in git history, if it was committed)"
            )
            issues.append(codes.EDITED_IN_FILE.issue(message, file=where, pointer=pointer))
    return issues


def _by_origin(existing: DocumentFile) -> dict[tuple[int, int], Annotation]:
    """The file's annotations pulled from Label Studio (the gold too), by project and annotation id."""
    known = [*existing.annotations, *([existing.gold] if existing.gold else [])]
    return {(a.origin.project, a.origin.annotation): a for a in known if a.origin and a.origin.annotation}


def newer_in_file(existing: DocumentFile | None, converted: list[Converted], where: str) -> list[Issue]:
    """L051 for each annotation the export holds in an earlier version than the file (an old export
    imported after a newer pull): the file's version stands in for it (its adjudication record left to
    the merge), so that a pull never turns an annotation back to an earlier state."""
    held = _by_origin(existing) if existing else {}
    issues = []
    for item in converted:
        origin, saved = item.annotation.origin, item.annotation.updated_at
        mine = held.get((origin.project, origin.annotation)) if origin and origin.annotation else None
        if item.failed or mine is None or mine.updated_at is None or saved is None or mine.updated_at <= saved:
            continue
        if not same_annotation(mine, item.annotation):
            continue  # another annotation under a reused id: L052
        item.annotation = mine.model_copy(update={"adjudication": None})
        message = (
            f"the export holds annotation {origin.annotation if origin else None} as saved at {saved.isoformat()}; "
            f"the file holds a later version, saved at {mine.updated_at.isoformat()}, which is kept"
        )
        issues.append(codes.OLDER_VERSION_IN_EXPORT.issue(message, file=where))
    return issues


def same_annotation(mine: Annotation, theirs: Annotation) -> bool:
    """Whether two copies with one Label Studio id are one annotation: Label Studio never changes when
    an annotation was created (copies without that time are taken to be one, as before it was kept)."""
    return mine.created_at is None or theirs.created_at is None or mine.created_at == theirs.created_at


def detach_reused(
    existing: DocumentFile | None, projects: set[object], converted: list[Converted], where: str
) -> tuple[DocumentFile | None, list[Issue]]:
    """The file with its annotations (and gold) whose Label Studio id the export gives to another
    annotation (created at another time: a restored backup, another server) detached from Label
    Studio (no origin: the file's copy is the only one, and the pull never matches it again), and L052
    for each."""
    if existing is None:
        return None, []
    exported: dict[tuple[object, object], list[Annotation]] = {}
    for item in converted:
        if item.annotation.origin is not None:
            exported.setdefault((item.annotation.origin.project, item.ls_id), []).append(item.annotation)
    issues: list[Issue] = []

    def detached(annotation: Annotation, pointer: str) -> Annotation:
        origin = annotation.origin
        theirs = exported.get((origin.project, origin.annotation), []) if origin and origin.project in projects else []
        if not theirs or any(same_annotation(annotation, other) for other in theirs):
            return annotation
        number = origin.annotation if origin else None
        message = (
            f"annotation {number} by {annotation.annotator} (created {_created(annotation)}) is not the export's "
            f"annotation {number} by {theirs[0].annotator} (created {_created(theirs[0])}): Label Studio gave its id "
            "to another annotation; the file's copy is kept, no longer linked to Label Studio"
        )
        issues.append(codes.ANNOTATION_ID_REUSED.issue(message, file=where, pointer=pointer))
        return annotation.model_copy(update={"origin": None})

    annotations = [detached(a, f"/annotations/{i}") for i, a in enumerate(existing.annotations)]
    gold = detached(existing.gold, "/gold") if existing.gold is not None else None
    return existing.model_copy(update={"annotations": annotations, "gold": gold}), issues


def reused_in_export(converted: list[Converted], where: str) -> list[Issue]:
    """L052 for the annotations of the exports that share an id but not a creation time (an export
    of this server imported with one of another, or of a restored backup): both are kept."""
    first: dict[object, Annotation] = {}
    issues = []
    for item in converted:
        mine = first.setdefault(item.ls_id, item.annotation) if item.ls_id is not None else item.annotation
        if mine is not item.annotation and not same_annotation(mine, item.annotation):
            message = (
                f"the exports hold two annotations with id {item.ls_id}: by {mine.annotator} (created "
                f"{_created(mine)}) and by {item.annotation.annotator} (created {_created(item.annotation)}); "
                "both are kept"
            )
            issues.append(codes.ANNOTATION_ID_REUSED.issue(message, file=where))
    return issues


def _created(annotation: Annotation) -> str:
    return annotation.created_at.isoformat() if annotation.created_at else "at an unknown time"
