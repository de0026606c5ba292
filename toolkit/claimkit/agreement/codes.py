"""Codes of agreement and adjudication (G; exceptions of these commands use E700-E719)."""

from __future__ import annotations

from claimkit.codes import Scope, declare
from claimkit.issues import Severity

__all__ = ["EMPTY_ANNOTATION", "GAMMA_UNAVAILABLE", "TOO_DENSE", "UNPLACEABLE_VARIANT"]

EMPTY_ANNOTATION = declare(
    "G001",
    "empty-annotation-excluded",
    Severity.WARNING,
    Scope.ANNOTATION,
    """An annotator submitted an annotation without a single region; agreement leaves it out.

    An empty annotation (no claim, cue or source) would count as total disagreement with every
    other annotator of the document and drag the figures towards 0. It is excluded, counted per
    annotator and listed in the agreement report instead. Adjudication makes no gold of a document
    whose every annotation is empty: an empty gold would claim the article has no claim at all.
    Skipped tasks never reach the corpus (`claimkit ls pull` reports them, L009).""",
    "Annotate the task in Label Studio (or delete the empty annotation if it was a mistake), then pull again.",
)

TOO_DENSE = declare(
    "G002",
    "too-dense-to-compare",
    Severity.WARNING,
    Scope.DOCUMENT,
    """Two annotators' spans overlap so densely that matching them would not end; the document is left out.

    By hand, a claim overlaps one or a few claims of another annotator. When the spans of one kind
    (claims, cues or source mentions) of two annotators overlap in more than 64 pairs per span on
    average, or would need an assignment of more than 4,000,000 cells, they were not drawn by hand (a
    region labeled thousands of times: C004 lists the repeats), and matching them takes time and
    memory by the square of their number: one such file took a release to gigabytes. The document is
    left out of agreement and gets no gold, and says so with this code.""",
    "Delete the repeated regions in Label Studio (C004 lists them), pull again, and run again.",
)

UNPLACEABLE_VARIANT = declare(
    "G003",
    "unplaceable-variant",
    Severity.ERROR,
    Scope.ANNOTATION,
    """An annotator's region in a conflict cannot be given an id in the reviewer's prediction; nothing is written.

    A reviewer decides a conflict from a prediction holding every annotator's variant, each region's
    id prefixed with its annotator (`ann-a.c1`; a name that cannot be part of an id, with a space,
    Arabic or a control character, or too long, is replaced by a hash of it: `annotator-3f9a1c2e7b4d5a6c.c1`).
    A region whose own id is too long to take the prefix (ids have at most 128 characters), or whose
    prefixed id is already another region's (an accepted claim with the id `ann-a.c1` itself), cannot
    be offered: the reviewer would lose the variant or get a broken task. The document is not adjudicated,
    and, so that the report and the files agree, `claimkit adjudicate` then writes no gold and pushes
    nothing for any document of the run.""",
    "Give the region a short id of its own in the document file (Label Studio's are 10 characters), then run again.",
)

GAMMA_UNAVAILABLE = declare(
    "E700",
    "gamma-extra-missing",
    Severity.ERROR,
    Scope.COMMAND,
    """`claimkit agree --gamma` needs pygamma-agreement, which is not installed.""",
    "Install the extra: pip install 'claimkit[gamma]' (make setup installs it for development).",
)
