"""The category decision for speakers who are neither officials nor analysts, and for the outlet (C007).

Guidelines 1.1.0 §2.2-§2.3: when the speaker is an organization, a witness, the media, another kind
of speaker, or the outlet itself, the category follows what the claim does: an evaluation or a
recommendation is an opinion, a factual assertion, a denial or a non-comment is a reported fact. A
prediction is either (a forecast is an opinion, a plan or schedule is a fact: §2.4), so it is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.issues import Severity
from claimkit.rules.context import AnnotationContext
from claimkit.rules.registry import Finding, Scope, rule
from claimkit.taxonomy import ClaimCategory, ContentType, SourceKind

__all__ = ["CONTENT_DECIDES_KINDS", "EXPECTED_BY_CONTENT"]

#: Source kinds whose claims take their category from their content (as the outlet's own claims do).
CONTENT_DECIDES_KINDS = frozenset({SourceKind.ORGANIZATION, SourceKind.WITNESS, SourceKind.MEDIA, SourceKind.OTHER})

#: The category a content type implies for those speakers. Predictions are absent: they go either way.
EXPECTED_BY_CONTENT = {
    ContentType.EVALUATION: ClaimCategory.ANALYST_OPINION,
    ContentType.RECOMMENDATION: ClaimCategory.ANALYST_OPINION,
    ContentType.FACTUAL_ASSERTION: ClaimCategory.REPORTED_FACT,
    ContentType.DENIAL: ClaimCategory.REPORTED_FACT,
    ContentType.NON_COMMENT: ClaimCategory.REPORTED_FACT,
}


def _speaker(ctx: AnnotationContext, source_id: str | None) -> str | None:
    """Who the content-decides rule applies to: "the outlet", a source's name, or None (not applicable)."""
    if source_id is None:
        return "the outlet"
    source = ctx.sources.get(source_id)
    if source is None or source.kind not in CONTENT_DECIDES_KINDS:
        return None
    return f"{source.name} ({source.kind.value})"


@rule(
    "C007",
    "category-contradicts-content",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="An evaluation or recommendation of a non-official speaker (or of the outlet) is analyst_opinion; "
    "its factual assertion, denial or non-comment is reported_fact. Change the category or the content type.",
)
def category_contradicts_content(ctx: AnnotationContext) -> Iterator[Finding]:
    """A claim of the outlet or of a non-official, non-analyst speaker whose category contradicts its content type.

    Since guidelines 1.1.0. For an organization, a witness, the media, another speaker and the outlet's
    own voice, the decision tree falls through to the content: evaluations and recommendations are
    opinions (question 2), factual assertions, denials and non-comments are reported facts (question 3).
    Official statements are C001's business, analysts' and journalists' claims C006's.
    """
    if not ctx.follows("1.1.0"):
        return
    for index, claim in ctx.claim_items():
        expected = EXPECTED_BY_CONTENT.get(claim.content_type) if claim.content_type else None
        if expected is None or claim.category in (expected, ClaimCategory.OFFICIAL_STATEMENT):
            continue
        speaker = _speaker(ctx, claim.source)
        if speaker is not None:
            content = claim.content_type.value if claim.content_type else ""
            yield Finding(
                f"/claims/{index}/category",
                f"claim {claim.id!r} of {speaker} is {claim.category.value} but its content is {content}",
                hint=f"Expected {expected.value} (§2.3 of the guidelines), or another content type.",
            )
