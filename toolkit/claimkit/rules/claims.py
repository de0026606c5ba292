"""Rules that check the consequences of the category decision and of quoting (C)."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.issues import Severity
from claimkit.model import Claim
from claimkit.rules.context import AnnotationContext
from claimkit.rules.registry import Finding, Scope, rule
from claimkit.taxonomy import OFFICIAL_SOURCE_KINDS, ClaimCategory, QuoteType, SourceKind

__all__ = ["furniture_overlaps"]


@rule(
    "C001",
    "official-statement-without-official-source",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Link the claim to its official source (kind government, military, diplomatic, "
    "intergovernmental or official_document), or change its category.",
)
def official_without_official_source(ctx: AnnotationContext) -> Iterator[Finding]:
    """An official statement whose source is missing or not of an official kind.

    Guideline rule 1: a claim is an official statement because an official actor made it in an
    official capacity. Without such a source, it is a reported fact or an analyst opinion.
    """
    for index, claim in ctx.claims_where(ctx.columns.categories, ClaimCategory.OFFICIAL_STATEMENT):
        source = ctx.sources.get(claim.source) if claim.source else None
        if claim.source is None:
            yield Finding(f"/claims/{index}/source", f"official statement {claim.id!r} has no source")
        elif source is not None and source.kind not in OFFICIAL_SOURCE_KINDS:
            kind = source.kind.value if source.kind else "no kind"
            yield Finding(
                f"/claims/{index}/source",
                f"official statement {claim.id!r} is attributed to {source.name!r} ({kind})",
            )


@rule(
    "C002",
    "cue-without-source",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Link the claim to the source the cue attributes it to.",
)
def cue_without_source(ctx: AnnotationContext) -> Iterator[Finding]:
    """A claim has an attribution cue but no source.

    A cue (قال، أكد، وفقاً لـ) attributes content to someone; that someone is the source.
    """
    columns = ctx.columns
    if all(cue is None or source is not None for cue, source in zip(columns.cues, columns.sources, strict=True)):
        return
    for index, claim in ctx.claim_items():
        if claim.cue is not None and claim.source is None:
            yield Finding(f"/claims/{index}/cue", f"claim {claim.id!r} has a cue but no source")


@rule(
    "C003",
    "direct-quote-outside-quotation-marks",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Set quote to indirect, or fit the span inside the quotation marks.",
)
def direct_quote_outside_marks(ctx: AnnotationContext) -> Iterator[Finding]:
    """A claim marked as a direct quote is not inside quotation marks.

    A direct quote is the source's own words, between "...", “...” or «...» within one paragraph.
    The span may include the marks themselves.
    """
    for index, claim in ctx.claims_where(ctx.columns.quotes, QuoteType.DIRECT):
        if not ctx.quotes.encloses(claim.start, claim.end):
            yield Finding(f"/claims/{index}/quote", f"claim {claim.id!r} is a direct quote outside quotation marks")


@rule(
    "C004",
    "duplicate-claim",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Delete one of the two claims, or make their spans disjoint.",
)
def duplicate_claim(ctx: AnnotationContext) -> Iterator[Finding]:
    """Two claims overlap and say the same thing: same category, same source, same parent.

    Usually one span was labeled twice. Nested claims (one the parent of the other) never count.
    """
    if not _any_overlap(ctx.columns.starts, ctx.columns.ends):
        return
    groups: dict[tuple[object, ...], list[tuple[int, Claim]]] = {}
    for index, claim in enumerate(ctx.annotation.claims):
        groups.setdefault((claim.category, claim.source, claim.parent), []).append((index, claim))
    for group in groups.values():
        if len(group) > 1:
            yield from _overlaps_in_group(group)


def _any_overlap(starts: tuple[int, ...], ends: tuple[int, ...]) -> bool:
    furthest = -1
    for start, end in sorted(zip(starts, ends, strict=True)):
        if start < furthest:
            return True
        furthest = max(furthest, end)
    return False


def _overlaps_in_group(group: list[tuple[int, Claim]]) -> Iterator[Finding]:
    """Sweep one group of same-reading claims by start offset; report each claim overlapping an earlier one."""
    group.sort(key=lambda item: item[1].start)
    reach: Claim | None = None  # the earlier claim that reaches furthest
    for index, claim in group:
        if reach is not None and reach.end > claim.start and reach.parent != claim.id and claim.parent != reach.id:
            yield Finding(f"/claims/{index}", f"claim {claim.id!r} duplicates claim {reach.id!r}")
        if reach is None or claim.end > reach.end:
            reach = claim


def furniture_overlaps(ctx: AnnotationContext) -> Iterator[Finding]:
    """A finding for each claim of the annotation that overlaps page furniture (C005 and C020)."""
    furniture = ctx.document.furniture
    columns = ctx.columns
    if not furniture or not columns.ids:
        return
    first, last = min(columns.starts), max(columns.ends)
    if all(piece.end <= first or piece.start >= last for piece in furniture):  # the usual: before or after all
        return
    for index, claim in ctx.claim_items():
        for piece in furniture:
            if piece.start < claim.end and claim.start < piece.end:
                yield Finding(
                    f"/claims/{index}", f"claim {claim.id!r} overlaps the {piece.kind.value} at {piece.start}"
                )
                break


@rule(
    "C005",
    "claim-on-furniture",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Move the claim into the article body; page furniture (date line, title, share line) is not content.",
)
def claim_on_furniture(ctx: AnnotationContext) -> Iterator[Finding]:
    """An annotator's claim overlaps page furniture (the date line, a repeated title, a share line).

    A warning for annotators' annotations, which adjudication can still correct; the same claim in
    the gold annotation, which is what a release publishes, is the error C020.
    """
    if not ctx.is_gold:
        yield from furniture_overlaps(ctx)


_EXPECTED_CATEGORY = {
    **dict.fromkeys(OFFICIAL_SOURCE_KINDS, ClaimCategory.OFFICIAL_STATEMENT),
    SourceKind.ANALYST: ClaimCategory.ANALYST_OPINION,
}
#: From guidelines 1.1.0 on, a journalist giving a view is a commentator (a reporting correspondent is media).
_EXPECTED_SINCE_1_1 = {**_EXPECTED_CATEGORY, SourceKind.JOURNALIST: ClaimCategory.ANALYST_OPINION}


@rule(
    "C006",
    "category-contradicts-source",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Check the category against the decision tree in docs/guidelines.md.",
)
def category_contradicts_source(ctx: AnnotationContext) -> Iterator[Finding]:
    """The category is not the one the source's kind implies.

    Rules 1 and 2 of the decision tree: what an official says in an official capacity is an official
    statement, and what an analyst says (factual remarks included) is an analyst opinion; from
    guidelines 1.1.0 on, so is what a `journalist` says (a correspondent reporting news is `media`).
    Flagged as a warning because an official can speak in a personal capacity.
    """
    expected_by_kind = _EXPECTED_SINCE_1_1 if ctx.follows("1.1.0") else _EXPECTED_CATEGORY
    expected_for = {
        source.id: expected_by_kind[source.kind] for source in ctx.annotation.sources if source.kind in expected_by_kind
    }
    columns = ctx.columns
    pairs = zip(columns.sources, columns.categories, strict=True)
    if all(expected_for.get(source or "", category) is category for source, category in pairs):
        return
    for index, claim in ctx.claim_items():
        expected = expected_for.get(claim.source or "")
        official = claim.category is ClaimCategory.OFFICIAL_STATEMENT  # C001 covers that case
        if expected is not None and claim.category is not expected and not official:
            kind = ctx.sources[claim.source or ""].kind
            yield Finding(
                f"/claims/{index}/category",
                f"claim {claim.id!r} is {claim.category.value} but its source is {kind}",
                hint=f"Expected {expected.value} (or explain in the claim's comment).",
            )
