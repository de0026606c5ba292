"""Rules about ids and the links between sources, cues and claims (R)."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.issues import Severity
from claimkit.rules.context import AnnotationContext
from claimkit.rules.registry import Finding, Scope, rule

__all__: list[str] = []


@rule(
    "R001",
    "duplicate-id",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Give every source, cue and claim of one annotation its own id.",
)
def duplicate_id(ctx: AnnotationContext) -> Iterator[Finding]:
    """Two sources, cues or claims of one annotation share an id.

    Ids are one namespace per annotation (they are Label Studio region ids), so a cue and a claim
    may not share one either.
    """
    ann = ctx.annotation
    ids = [s.id for s in ann.sources] + [c.id for c in ann.cues] + list(ctx.columns.ids)
    if len(set(ids)) == len(ids):
        return
    seen: set[str] = set()
    items = [
        *((f"/sources/{i}/id", s.id) for i, s in enumerate(ann.sources)),
        *((f"/cues/{i}/id", c.id) for i, c in enumerate(ann.cues)),
        *((f"/claims/{i}/id", c.id) for i, c in enumerate(ann.claims)),
    ]
    for pointer, item_id in items:
        if item_id in seen:
            yield Finding(pointer, f"id {item_id!r} is used twice")
        seen.add(item_id)


@rule(
    "R002",
    "unknown-source",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Point `source` at the id of a source of the same annotation, or add the source.",
)
def unknown_source(ctx: AnnotationContext) -> Iterator[Finding]:
    """A claim names a source id that the annotation does not have."""
    if not set(ctx.columns.sources).difference(ctx.sources, (None,)):
        return
    for index, claim in ctx.claim_items():
        if claim.source is not None and claim.source not in ctx.sources:
            yield Finding(f"/claims/{index}/source", f"claim {claim.id!r} names unknown source {claim.source!r}")


@rule(
    "R003",
    "unknown-cue",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Point `cue` at the id of a cue of the same annotation, or add the cue.",
)
def unknown_cue(ctx: AnnotationContext) -> Iterator[Finding]:
    """A claim names a cue id that the annotation does not have."""
    if not set(ctx.columns.cues).difference(ctx.cues, (None,)):
        return
    for index, claim in ctx.claim_items():
        if claim.cue is not None and claim.cue not in ctx.cues:
            yield Finding(f"/claims/{index}/cue", f"claim {claim.id!r} names unknown cue {claim.cue!r}")


@rule(
    "R004",
    "unknown-parent",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Point `parent` at the id of a claim of the same annotation, or remove it.",
)
def unknown_parent(ctx: AnnotationContext) -> Iterator[Finding]:
    """A claim is nested in a claim id that the annotation does not have."""
    if not set(ctx.columns.parents).difference(ctx.columns.ids, (None,)):
        return
    for index, claim in ctx.claim_items():
        if claim.parent is not None and claim.parent not in ctx.claims:
            yield Finding(f"/claims/{index}/parent", f"claim {claim.id!r} names unknown parent {claim.parent!r}")


@rule(
    "R005",
    "nesting-cycle",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Break the cycle: the outermost claim has no parent.",
)
def nesting_cycle(ctx: AnnotationContext) -> Iterator[Finding]:
    """Following `parent` links from a claim comes back to it.

    Nesting is a tree: "the agency quoted a ministry source as saying X" nests X in the agency's
    claim, never the other way round as well. Each cycle is reported once, at its first claim.
    """
    if not any(ctx.columns.parents):
        return
    reported: set[str] = set()
    for index, claim in ctx.claim_items():
        if claim.parent is None or claim.id in reported:
            continue
        cycle = _cycle_through(claim.id, ctx)
        if cycle:
            reported.update(cycle)
            path = " -> ".join([*cycle, cycle[0]])
            yield Finding(f"/claims/{index}/parent", f"nesting cycle {path}")


def _cycle_through(start: str, ctx: AnnotationContext) -> list[str]:
    path: list[str] = []
    current: str | None = start
    while current is not None and current in ctx.claims and current not in path:
        path.append(current)
        current = ctx.claims[current].parent
    return path if current == start else []


@rule(
    "R006",
    "unused-cue",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Link the cue to the claim it introduces, or delete it.",
)
def unused_cue(ctx: AnnotationContext) -> Iterator[Finding]:
    """A cue that no claim uses.

    A cue marks how content is attributed; on its own it says nothing. Usually the link from the
    cue to its claim was forgotten in Label Studio.
    """
    used = set(ctx.columns.cues)
    if used.issuperset(ctx.cues):
        return
    for index, cue in enumerate(ctx.annotation.cues):
        if cue.id not in used:
            yield Finding(f"/cues/{index}", f"cue {cue.id!r} ({cue.text}) introduces no claim")


@rule(
    "R007",
    "source-without-claims",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Link the source to the claims it makes, or delete it if it makes none.",
)
def source_without_claims(ctx: AnnotationContext) -> Iterator[Finding]:
    """A source that makes no claim.

    Sources are speakers. A person merely mentioned in the article is not a source; a source with
    no claim is usually a forgotten link.
    """
    used = set(ctx.columns.sources)
    if used.issuperset(ctx.sources):
        return
    for index, source in enumerate(ctx.annotation.sources):
        if source.id not in used:
            yield Finding(f"/sources/{index}", f"source {source.id!r} ({source.name}) makes no claim")


@rule(
    "R008",
    "unknown-decision-claim",
    Severity.ERROR,
    Scope.ANNOTATION,
    fix="Decisions refer to claims of the same (gold) annotation; remove the stale decision.",
)
def unknown_decision_claim(ctx: AnnotationContext) -> Iterator[Finding]:
    """An adjudication decision refers to a claim the annotation does not have."""
    adjudication = ctx.annotation.adjudication
    if adjudication is None:
        return
    for index, decision in enumerate(adjudication.decisions):
        if decision.claim not in ctx.claims:
            yield Finding(f"/adjudication/decisions/{index}/claim", f"decision for unknown claim {decision.claim!r}")
