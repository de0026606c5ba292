"""One annotation as agreement reads it, prepared once per document (:class:`Reading`).

Each annotator of a document is in a pair with every other, and in the units of the document:
the spans, labels and links of their claims, cues and mentions are read from the models once, as
plain tuples, and every comparison of the document shares them.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimkit.model import Annotation

__all__ = ["Bounds", "Reading", "read"]

Bounds = tuple[int, int]


@dataclass(frozen=True, eq=False)
class Reading:
    """An annotation's claims (by index), cues and source mentions, as agreement compares them."""

    annotation: Annotation
    spans: list[Bounds]  # of each claim
    categories: list[str]
    labels: list[tuple[str, str, str]]  # category, certainty, source kind (agreement FIELDS)
    sources: list[str | None]  # each claim's source id
    speakers: list[tuple[Bounds, ...] | None]  # the mentions of each claim's source (None: no source)
    cue_spans: list[Bounds | None]  # each claim's cue, when it names one that exists
    parents: list[int | None]  # index of each claim's parent, when it names one that exists
    cues: list[Bounds]
    mentions: list[Bounds]  # every mention of every source, in order
    owners: list[str]  # the source of each mention

    def layers(self) -> tuple[list[Bounds], list[Bounds], list[Bounds]]:
        """Claims, cues and mentions: the roles of token agreement (:mod:`claimkit.agreement.tokens`)."""
        return self.spans, self.cues, self.mentions

    def links(self) -> tuple[int, int, int]:
        """How many claims name a source, a cue and an existing parent."""
        return (
            sum(source is not None for source in self.sources),
            sum(claim.cue is not None for claim in self.annotation.claims),
            sum(parent is not None for parent in self.parents),
        )


def _kinds(annotation: Annotation) -> dict[str, str]:
    return {s.id: s.kind.value if s.kind is not None else "unspecified" for s in annotation.sources}


def read(annotation: Annotation) -> Reading:
    """The reading of one annotation (see the module docstring)."""
    claims, kinds = annotation.claims, _kinds(annotation)
    mentions = {s.id: tuple((m.start, m.end) for m in s.mentions) for s in annotation.sources}
    cues = {q.id: (q.start, q.end) for q in annotation.cues}
    ids = {c.id: i for i, c in enumerate(claims)}
    sources = [c.source for c in claims]
    return Reading(
        annotation=annotation,
        spans=[(c.start, c.end) for c in claims],
        categories=[str(c.category) for c in claims],
        labels=[
            (str(c.category), str(c.certainty), "none" if s is None else kinds.get(s, "unspecified"))
            for c, s in zip(claims, sources, strict=True)
        ],
        sources=sources,
        speakers=[None if s is None else mentions.get(s, ()) for s in sources],
        cue_spans=[cues.get(c.cue or "") for c in claims],
        parents=[ids.get(c.parent) if c.parent is not None else None for c in claims],
        cues=[(q.start, q.end) for q in annotation.cues],
        mentions=[(m.start, m.end) for s in annotation.sources for m in s.mentions],
        owners=[s.id for s in annotation.sources for _ in s.mentions],
    )
