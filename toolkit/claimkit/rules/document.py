"""Rules about the document itself: its id, its text and who annotated it (D)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from claimkit.codes import declare
from claimkit.issues import Severity
from claimkit.model import Annotation, DocumentFile, text_sha256
from claimkit.rules.context import DocumentContext
from claimkit.rules.registry import Finding, Scope, rule
from claimkit.taxonomy import AdjudicationMethod

__all__ = ["DOCUMENT_ID", "DUPLICATE_DOCUMENT_ID", "is_safe_document_id"]

#: A document id: lowercase ASCII letters, digits, ``_`` and ``-``, at most 128 characters.
DOCUMENT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,127}$")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$")


def is_safe_document_id(doc_id: str) -> bool:
    """Whether an id passes D001 (the whole id: ``$`` alone would let a trailing newline through)."""
    return DOCUMENT_ID.fullmatch(doc_id) is not None and _WINDOWS_RESERVED.fullmatch(doc_id) is None


@rule(
    "D001",
    "unsafe-document-id",
    Severity.ERROR,
    Scope.DOCUMENT,
    fix="Use lowercase ASCII letters, digits, '_' and '-' only, starting with a letter or digit.",
)
def unsafe_document_id(ctx: DocumentContext) -> Iterator[Finding]:
    """The document id is not safe as a file name on every system.

    The id is the key across Label Studio, the file name and every release, so it must survive
    case-insensitive file systems, URLs and shells: lowercase ASCII, digits, `_` and `-`, at most
    128 characters, and not a name Windows reserves (`con`, `nul`, `com1`...).
    """
    doc_id = ctx.document.id
    if not is_safe_document_id(doc_id):
        yield Finding("/document/id", f"document id {doc_id!r} is not safe as a file name")


@rule(
    "D002",
    "document-id-file-mismatch",
    Severity.ERROR,
    Scope.DOCUMENT,
    fix="Rename the file to <document id>.json, or correct the id.",
)
def document_id_file_mismatch(ctx: DocumentContext) -> Iterator[Finding]:
    """The file name is not `<document id>.json`.

    Tools find a document by its id; a file under another name is a document nobody will find.
    """
    if ctx.path is None:
        return
    stem = os.path.basename(ctx.path).removesuffix(".json")
    if stem != ctx.document.id:
        yield Finding("/document/id", f"document id {ctx.document.id!r} does not match file name {stem!r}")


DUPLICATE_DOCUMENT_ID = declare(
    "D013",
    "duplicate-document-id",
    Severity.ERROR,
    Scope.DOCUMENT,
    """Two files of the corpus hold the same document id.

    A document's file is named for its id (D002), so two files of one name in different folders
    are two versions of one document: a release would publish both as rows while its record, its
    changelog and `claimkit diff` keep only one, and the other's claims would vanish from them
    without a word. Every command that reads a corpus reports it (the first file of the name, in
    path order, is the one named in the message); the same path given twice is one file, read once.""",
    "Keep one file per document id: merge the annotations into one file and delete the other.",
)


@rule(
    "D003",
    "text-hash-mismatch",
    Severity.ERROR,
    Scope.DOCUMENT,
    fix="If the text was changed on purpose, re-annotate it; otherwise restore the original text.",
)
def text_hash_mismatch(ctx: DocumentContext) -> Iterator[Finding]:
    """`text_sha256` is not the SHA-256 of the UTF-8 text.

    The hash pins the text that every offset refers to. A mismatch means the text was edited after
    annotation (normalized, re-encoded, line endings changed), and every span may now be shifted.
    """
    actual = text_sha256(ctx.document.text)
    if actual != ctx.document.text_sha256:
        yield Finding("/document/text_sha256", f"text_sha256 does not match the text (it hashes to {actual})")


@rule(
    "D005",
    "gold-missing",
    Severity.INFO,
    Scope.DOCUMENT,
    fix="Adjudicate the annotations (`claimkit adjudicate`) or mark a reviewed annotation as ground truth.",
)
def gold_missing(ctx: DocumentContext) -> Iterator[Finding]:
    """The document has no gold annotation yet, so a release leaves it out."""
    if ctx.file.gold is None:
        yield Finding("/gold", "document has no gold annotation; releases leave it out")


@rule(
    "D006",
    "duplicate-annotator",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Keep one annotation per annotator; agreement counts each annotator once.",
)
def duplicate_annotator(ctx: DocumentContext) -> Iterator[Finding]:
    """Two annotations of one document come from the same annotator."""
    seen: set[str] = set()
    for index, annotation in enumerate(ctx.file.annotations):
        if annotation.annotator in seen:
            yield Finding(f"/annotations/{index}/annotator", f"annotator {annotation.annotator!r} appears twice")
        seen.add(annotation.annotator)


_COMPUTED_FIX = (
    "Run `claimkit adjudicate --force FILE`: it makes the gold again from the annotations as they are now "
    "(add `--push` when they now disagree, to send the conflicts to a reviewer)."
)
_REVIEWED_FIX = (
    "Have the reviewer open the task in Label Studio, take the change into the ground-truth annotation (or "
    "leave it out) and save it; the next `claimkit ls pull` (or `ls import`) brings that gold. Removing the gold "
    "here does not help: the pull puts Label Studio's ground truth back."
)


@rule(
    "D010",
    "gold-older-than-annotation",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="A computed gold: `claimkit adjudicate --force FILE` (with `--push` when the annotators now disagree). "
    "A reviewer's gold: the reviewer updates the ground-truth annotation in Label Studio; the next pull brings it.",
)
def gold_older_than_annotation(ctx: DocumentContext) -> Iterator[Finding]:
    """An annotation was saved after the gold was made, and the gold may not hold it.

    A gold names the annotators it was adjudicated from (`adjudication.annotators`) and carries the time
    it was made (`updated_at`, else `created_at`; `claimkit adjudicate` sets it, Label Studio sets a
    reviewer's). An annotation saved later (its `updated_at`, which Label Studio moves on every save)
    may hold work the gold does not: a correction made after adjudication, or a new annotator's
    reading, would otherwise never reach a release, and nobody would know. A computed gold (`unanimous`,
    `single_annotator`) is flagged only when adjudicating the annotations as they are now gives another
    gold (other claims, sources or cues, or other annotators): a save that changed nothing is not. A
    reviewer's gold is flagged on the later save alone (what the reviewer left out is not recorded). A
    gold without a time (written by hand, or by claimkit before it recorded one) and annotations without
    a time are not judged.
    """
    gold = ctx.file.gold
    made = gold.updated_at or gold.created_at if gold is not None else None
    if gold is None or gold.adjudication is None or made is None:
        return
    sources = set(gold.adjudication.annotators)
    later = [
        (index, annotation, saved)
        for index, annotation in enumerate(ctx.file.annotations)
        if (saved := annotation.updated_at or annotation.created_at) is not None and saved > made
        if annotation.annotator in sources or _holds_work(annotation)
    ]
    computed = _computed(gold)
    if not later or (computed and _made_again_alike(ctx.file, gold)):
        return
    for index, annotation, saved in later:
        field = "updated_at" if annotation.updated_at is not None else "created_at"
        whose = "gold" if computed else "reviewer's gold"
        if annotation.annotator in sources:
            what = f"saved their annotation again at {_utc(saved)}, after the {whose} was made from it"
            missing = "what they changed is not in the gold"
        else:
            what = f"annotated at {_utc(saved)}, after the {whose} was made without them"
            missing = "their annotation is not in the gold"
        yield Finding(
            f"/annotations/{index}/{field}",
            f"annotator {annotation.annotator!r} {what} at {_utc(made)}: {missing}",
            hint=_COMPUTED_FIX if computed else _REVIEWED_FIX,
        )


def _holds_work(annotation: Annotation) -> bool:
    return bool(annotation.claims or annotation.cues or annotation.sources)


def _computed(gold: Annotation) -> bool:
    """Whether ``claimkit adjudicate`` made the gold (no person decided it)."""
    adjudication = gold.adjudication
    return adjudication is not None and adjudication.reviewer is None and adjudication.method in _COMPUTED


_COMPUTED = (AdjudicationMethod.UNANIMOUS, AdjudicationMethod.SINGLE_ANNOTATOR)


def _made_again_alike(file: DocumentFile, gold: Annotation) -> bool:
    """Whether adjudicating the annotations as they are now gives the same gold: the same claims,
    sources and cues, by the same method from the same annotators. Without the agreement extra
    (SciPy, when claims compete), the later save alone decides."""
    try:
        from claimkit.adjudicate import adjudicate  # the rules do not otherwise need adjudication

        again = adjudicate(file)
    except ImportError:
        return False
    return again is not None and again.gold is not None and _essence(again.gold) == _essence(gold)


def _essence(gold: Annotation) -> tuple[object, ...]:
    """What a gold says, apart from when and how it was written down."""
    adjudication = gold.adjudication
    how = (adjudication.method, sorted(adjudication.annotators)) if adjudication is not None else None
    return gold.model_dump(include={"sources", "cues", "claims"}), how


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
