"""One annotation as agreement reads it, prepared once per document (:class:`Reading`).

Each annotator of a document is in a pair with every other, and in the units of the document:
the spans, labels and links of their claims, cues and mentions are read from the models once, as
plain tuples, and every comparison of the document shares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter, itemgetter

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
    columns: tuple[list[str], list[str], list[str]]  # the same labels field by field (categories, ...)
    sources: list[str | None]  # each claim's source id
    speakers: list[tuple[Bounds, ...] | None]  # the mentions of each claim's source (None: no source)
    cue_spans: list[Bounds | None]  # each claim's cue, when it names one that exists
    parents: list[int | None]  # index of each claim's parent, when it names one that exists
    cues: list[Bounds]
    mentions: list[Bounds]  # every mention of every source, in order
    owners: list[str]  # the source of each mention
    link_counts: tuple[int, int, int]  # how many claims name a source, a cue and an existing parent

    def layers(self) -> tuple[list[Bounds], list[Bounds], list[Bounds]]:
        """Claims, cues and mentions: the roles of token agreement (:mod:`claimkit.agreement.tokens`)."""
        return self.spans, self.cues, self.mentions


# Fields are read from each model's ``__dict__`` with C-level getters mapped over the models (as the
# rule contexts do): one call per model instead of a Python expression per field.
_BOUNDS = itemgetter("start", "end")
_CLAIM = itemgetter("start", "end", "category", "certainty", "source", "cue", "parent", "id")
# A member's value read as a plain attribute: ``str(member)`` and ``member.value`` of a StrEnum each
# run Python code (``Enum.__str__``, the ``value`` property) for every claim of every annotation.
_VALUE = attrgetter("_value_")


def _kinds(annotation: Annotation) -> dict[str, str]:
    return {s.id: s.kind._value_ if s.kind is not None else "unspecified" for s in annotation.sources}


def read(annotation: Annotation) -> Reading:
    """The reading of one annotation (see the module docstring)."""
    kinds, sources_of = _kinds(annotation), annotation.sources
    spoken = [(s.id, tuple(map(_BOUNDS, map(vars, s.mentions)))) for s in sources_of]
    mentions = dict(spoken)
    cue_bounds = list(map(_BOUNDS, map(vars, annotation.cues)))
    cues = {q.id: bounds for q, bounds in zip(annotation.cues, cue_bounds, strict=True)}
    columns = list(zip(*map(_CLAIM, map(vars, annotation.claims)), strict=True)) or [()] * 8
    starts, ends, categories_of, certainties, sources_t, cue_ids, parent_ids, claim_ids = columns
    ids = {claim_id: i for i, claim_id in enumerate(claim_ids)}
    sources = list(sources_t)
    parents = [ids.get(p) if p is not None else None for p in parent_ids]
    categories = list(map(_VALUE, categories_of))
    certainties_of = list(map(_VALUE, certainties))
    kinds_of = ["none" if s is None else kinds.get(s, "unspecified") for s in sources]
    return Reading(
        annotation=annotation,
        spans=list(zip(starts, ends, strict=True)),
        categories=categories,
        labels=list(zip(categories, certainties_of, kinds_of, strict=True)),
        columns=(categories, certainties_of, kinds_of),
        sources=sources,
        speakers=[None if s is None else mentions.get(s, ()) for s in sources],
        cue_spans=[cues.get(c or "") for c in cue_ids],
        parents=parents,
        cues=cue_bounds,
        mentions=[bounds for _, of_source in spoken for bounds in of_source],
        owners=[source_id for source_id, of_source in spoken for _ in of_source],
        link_counts=(
            len(sources) - sources.count(None),
            len(cue_ids) - cue_ids.count(None),
            len(parents) - parents.count(None),
        ),
    )
