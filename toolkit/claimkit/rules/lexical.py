"""Rules that read the attribution lexicon (C010-C012, O012): cues and certainty words.

The lexicon (:mod:`claimkit.lexicon`) is the one home of the tables in guidelines §4-§5. Each rule
judges an annotation by the entries its guideline version lists (``since``), except C011, which only
asks for the table to grow.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, count

from claimkit.issues import Severity
from claimkit.lexicon import (
    find_not_cues,
    leading_marker,
    lookup_cue,
    may_be_look_alike,
    may_open_with_marker,
    split_cue,
)
from claimkit.model import Cue
from claimkit.rules.context import AnnotationContext
from claimkit.rules.registry import Finding, Scope, rule
from claimkit.taxonomy import Certainty

__all__: list[str] = []


def _hedging_cues(ctx: AnnotationContext) -> dict[str, tuple[str, Certainty]]:
    """Cue id -> (cue text, certainty) for the cues that imply a certainty, by the annotation's version."""
    version = ctx.annotation.guideline_version
    found = {}
    for cue in ctx.annotation.cues:
        entry = lookup_cue(cue.text)
        if entry is not None and entry.certainty is not None and entry.known_in(version):
            found[cue.id] = (cue.text, entry.certainty)
    return found


def _hedge(text: str, version: str, cue: tuple[str, Certainty] | None) -> str | None:
    """What hedges a claim: its opening words, or its cue."""
    marker = leading_marker(text, version)
    if marker is not None and marker.entry.certainty is not Certainty.CERTAIN:
        return f"opens with {text[marker.start : marker.end]!r} ({marker.entry.certainty.value})"
    if cue is not None:
        return f"its cue {cue[0]!r} makes it {cue[1].value}"
    return None


@rule(
    "C010",
    "hedged-claim-marked-certain",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Set the certainty the words give (the certainty table, guidelines §5), or explain in a comment.",
)
def hedged_claim_marked_certain(ctx: AnnotationContext) -> Iterator[Finding]:
    """A claim marked `certain` opens with a hedge (من الممكن، قد يـ، يرجح...) or has a hedging cue (توقّع).

    Certainty follows the main assertion: a hedge that opens the claim, or a cue that implies a
    certainty (توقّع: probable, تشكّ: possible), is the main assertion's. A hedge further in, in a
    subordinate clause, does not change the certainty and is not checked. قد hedges only before an
    imperfect verb; before a past verb (وقد استقبله) it stresses.
    """
    cues = _hedging_cues(ctx) if any(map(_implies_certainty, _cue_texts(ctx))) else {}
    suspects = set(compress(count(), map(may_open_with_marker, *ctx.claim_openings)))
    suspects.update(index for index, cue in enumerate(ctx.columns.cues) if cue in cues)
    claims, version = ctx.annotation.claims, ctx.annotation.guideline_version
    for index in sorted(suspects):
        claim = claims[index]
        if claim.certainty is Certainty.CERTAIN:
            why = _hedge(claim.text, version, cues.get(claim.cue or ""))
            if why is not None:
                yield Finding(f"/claims/{index}/certainty", f"claim {claim.id!r} is certain but {why}")


def _implies_certainty(cue_text: str) -> bool:
    entry = lookup_cue(cue_text)
    return entry is not None and entry.certainty is not None


def _cue_texts(ctx: AnnotationContext) -> list[str]:
    return [vars(cue)["text"] for cue in ctx.annotation.cues]


@rule(
    "C011",
    "cue-not-in-lexicon",
    Severity.INFO,
    Scope.ANNOTATION,
    fix="If it is an attribution cue, add it to claimkit/lexicon/entries.py (the guidelines' table is "
    "generated from it); if not, remove the cue.",
)
def cue_not_in_lexicon(ctx: AnnotationContext) -> Iterator[Finding]:
    """A cue that the cue table (guidelines §4) does not list.

    Not a mistake: news Arabic has more cues than any table. Reported so that the table grows, and so
    that a pre-annotator built on it learns the cue. A verb of the table carrying its object as a
    pronoun is that verb (أبلغه، أبلغتهم: whom it tells, which stays in the word and the cue). Cues that
    are a known cue plus an attached و/ف or a following إلى، عن، أن are O012's business, and words of
    the outlet's own voice (يذكر أن) C012's.
    """
    if all(map(lookup_cue, _cue_texts(ctx))):
        return
    text = ctx.document.text
    for index, cue in enumerate(ctx.annotation.cues):
        if lookup_cue(cue.text) is None and split_cue(cue.text) is None and _look_alike(text, cue) is None:
            yield Finding(f"/cues/{index}", f"cue {cue.text!r} is not in the cue table")


def _look_alike(text: str, cue: Cue) -> str | None:
    """The phrase of the outlet's own voice (يذكر أن...) that holds the cue span, if any."""
    if not may_be_look_alike(cue.text):
        return None
    window = text.rfind(" ", 0, max(0, cue.start - 24)) + 1  # from a word start, so boundaries hold
    for found in find_not_cues(text[window : cue.end + 24]):
        if found.start + window <= cue.start and cue.end <= found.end + window:
            return found.entry.phrase
    return None


@rule(
    "C012",
    "outlet-voice-marked-as-cue",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Delete the cue and the claim's source: the phrase is the outlet's own voice (guidelines §4).",
)
def outlet_voice_marked_as_cue(ctx: AnnotationContext) -> Iterator[Finding]:
    """A cue inside a phrase of the outlet's own voice (يذكر أن، يشار إلى أن، في تصريح لـ...).

    These phrases look like attribution but attribute nothing: يذكر أن introduces the outlet's own
    background, في تصريح لـ the setting of a quotation whose cue is the verb.
    """
    if not any(map(may_be_look_alike, _cue_texts(ctx))):
        return
    text = ctx.document.text
    for index, cue in enumerate(ctx.annotation.cues):
        phrase = _look_alike(text, cue)
        if phrase is not None:
            yield Finding(f"/cues/{index}", f"cue {cue.text!r} is part of {phrase!r}")


@rule(
    "O012",
    "cue-span-extra-words",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Leave the attached و/ف and the following إلى، عن، على، أن out of the cue span.",
)
def cue_span_extra_words(ctx: AnnotationContext) -> Iterator[Finding]:
    """A cue span holds a known cue plus an attached conjunction (وأشارت) or a following word (أشار إلى).

    Guidelines §1: in وأشارت the cue is أشارت; in أشار إلى أن the cue is أشار. Only the prepositions
    that belong to the source stay in a cue (وفقا ل، نقلاً عن، بالنسبة ل).
    """
    if not any(map(split_cue, _cue_texts(ctx))):
        return
    for index, cue in enumerate(ctx.annotation.cues):
        parts = split_cue(cue.text)
        if parts is not None:
            extra = " and ".join(repr(part) for part in (parts[0], parts[2]) if part)
            yield Finding(f"/cues/{index}", f"cue {cue.text!r} includes {extra}")
