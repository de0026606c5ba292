"""Rules about source entities (N) and annotator provenance (A)."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.issues import Severity
from claimkit.rules.context import AnnotationContext
from claimkit.rules.registry import Finding, Scope, rule
from claimkit.taxonomy import GUIDELINES_VERSION, SourceKind, SourceNaming
from claimkit.textutil import EMAIL

__all__ = ["ANONYMOUS_KINDS"]


@rule(
    "N001",
    "source-kind-missing",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Choose the source's kind in Label Studio (or set `kind` in the file).",
)
def source_kind_missing(ctx: AnnotationContext) -> Iterator[Finding]:
    """A source has no kind.

    The kind (government, analyst, media...) decides whether its claims can be official statements.
    """
    for index, source in enumerate(ctx.annotation.sources):
        if source.kind is None:
            yield Finding(f"/sources/{index}/kind", f"source {source.id!r} ({source.name}) has no kind")


@rule(
    "N002",
    "source-naming-missing",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Choose named, unnamed_described or anonymous for the source.",
)
def source_naming_missing(ctx: AnnotationContext) -> Iterator[Finding]:
    """A source does not say whether it is named, described or anonymous."""
    for index, source in enumerate(ctx.annotation.sources):
        if source.naming is None:
            yield Finding(f"/sources/{index}/naming", f"source {source.id!r} ({source.name}) has no naming")


@rule(
    "N003",
    "anonymous-source-with-role",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="A source with a role or affiliation is unnamed_described, not anonymous.",
)
def anonymous_source_with_role(ctx: AnnotationContext) -> Iterator[Finding]:
    """A source marked anonymous is described by a role or affiliation.

    "A source in the ministry" is unnamed but described; anonymous is for "sources said".
    """
    for index, source in enumerate(ctx.annotation.sources):
        if source.naming is SourceNaming.ANONYMOUS and (source.role or source.affiliation):
            yield Finding(f"/sources/{index}/naming", f"anonymous source {source.id!r} has a role or affiliation")


#: The kinds a source can have when the text neither names it nor says where it speaks from.
ANONYMOUS_KINDS = frozenset({SourceKind.MEDIA, SourceKind.OTHER})


@rule(
    "N004",
    "anonymous-source-with-known-kind",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="If the text says where the source speaks from (مصدر في الوزارة، شهود عيان), it is unnamed_described; "
    "if it does not (مصادر، أنباء متداولة), its kind is media or other.",
)
def anonymous_source_with_known_kind(ctx: AnnotationContext) -> Iterator[Finding]:
    """An anonymous source has a kind the text could only give by describing it (government, witness...).

    Since guidelines 1.1.0 (§3): a source is anonymous when the text says neither who nor where from,
    and then only `media` (circulating news) or `other` (مصادر، قيل) fit. A source known to be inside
    a ministry is described, and its naming is `unnamed_described`.
    """
    if not ctx.follows("1.1.0"):
        return
    for index, source in enumerate(ctx.annotation.sources):
        anonymous = source.naming is SourceNaming.ANONYMOUS
        if anonymous and source.kind is not None and source.kind not in ANONYMOUS_KINDS:
            yield Finding(
                f"/sources/{index}/naming", f"anonymous source {source.id!r} has the kind {source.kind.value}"
            )


@rule(
    "N005",
    "described-source-without-description",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Write what the text says of the source in its role or affiliation (مصدر في الوزارة: affiliation الوزارة).",
)
def described_source_without_description(ctx: AnnotationContext) -> Iterator[Finding]:
    """An unnamed but described source has neither a role nor an affiliation.

    Since guidelines 1.1.0 (§3): what makes a source `unnamed_described` is the description (a source
    *in the ministry*, a *military* source, *residents of* the town); it goes in the role or the
    affiliation, where it decides, with the kind, whether the source is official.
    """
    if not ctx.follows("1.1.0"):
        return
    for index, source in enumerate(ctx.annotation.sources):
        if source.naming is SourceNaming.UNNAMED_DESCRIBED and not (source.role or source.affiliation):
            yield Finding(f"/sources/{index}", f"described source {source.id!r} has no role or affiliation")


def _annotator_fields(ctx: AnnotationContext) -> Iterator[tuple[str, str]]:
    annotation = ctx.annotation
    yield "/annotator", annotation.annotator
    adjudication = annotation.adjudication
    if adjudication is None:
        return
    for index, name in enumerate(adjudication.annotators):
        yield f"/adjudication/annotators/{index}", name
    if adjudication.reviewer is not None:
        yield "/adjudication/reviewer", adjudication.reviewer
    for d_index, decision in enumerate(adjudication.decisions):
        for field in ("agreed", "dissented"):
            for index, name in enumerate(getattr(decision, field)):
                yield f"/adjudication/decisions/{d_index}/{field}/{index}", name


@rule(
    "A001",
    "email-in-annotator-field",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Replace it with the annotator's pseudonym (`claimkit ls pull` writes pseudonyms).",
)
def email_in_annotator_field(ctx: AnnotationContext) -> Iterator[Finding]:
    """Something that looks like an e-mail address is in an annotator field.

    Annotators are pseudonymous outside Label Studio: a keyed hash stands for each person, and no
    e-mail address or user id may land in the corpus or a release.
    """
    for pointer, value in _annotator_fields(ctx):
        if EMAIL.search(value):
            yield Finding(pointer, "annotator field holds what looks like an e-mail address")


@rule(
    "A002",
    "unknown-guideline-version",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Annotate with the current guidelines, or upgrade claimkit.",
)
def unknown_guideline_version(ctx: AnnotationContext) -> Iterator[Finding]:
    """An annotation follows guidelines of another major version than this claimkit knows.

    Annotations made under different major versions of the guidelines are not comparable.
    """
    major = ctx.annotation.guideline_version.split(".", 1)[0]
    if major != GUIDELINES_VERSION.split(".", 1)[0]:
        version = ctx.annotation.guideline_version
        yield Finding("/guideline_version", f"guideline version {version} is not {GUIDELINES_VERSION}'s major")
