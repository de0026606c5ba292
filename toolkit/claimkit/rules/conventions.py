"""Where a claim span starts and ends: quotation marks, punctuation, أن/إن (C008, C009, O010, O011).

Guidelines §1 (Spans): a claim runs from the first to the last word of its content. The marks that
enclose a whole quotation stay out (the gold does so, and from 1.1.0 the rule says so); the marks of a
partial quotation inside a claim stay in, both of them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from claimkit.issues import Severity
from claimkit.lexicon import normalize
from claimkit.rules.context import AnnotationContext
from claimkit.rules.registry import Finding, Scope, rule
from claimkit.taxonomy import QuoteType

__all__ = ["EDGE_PUNCTUATION", "QUOTATION_MARKS", "QuoteBalance", "balanced_quotes"]

#: Opening mark -> closing mark; the ASCII double quote opens and closes itself.
_PAIRS = {"«": "»", "“": "”", "‹": "›", '"': '"'}
QUOTATION_MARKS = frozenset(_PAIRS) | frozenset(_PAIRS.values()) | {"„"}
#: Punctuation a claim span never starts or ends with (quotation marks and brackets are not in it).
EDGE_PUNCTUATION = frozenset(".,،؛;:!?؟…-–—")
_COMPLEMENTIZERS = frozenset(normalize(word) for word in ("أن", "إن", "أنّ", "إنّ", "بأن"))


def balanced_quotes(text: str) -> bool:
    """Whether every quotation mark in ``text`` has its partner in ``text``, properly nested."""
    stack: list[str] = []
    for char in text:
        if char not in QUOTATION_MARKS:
            continue
        if stack and char == stack[-1]:
            stack.pop()
        elif char in _PAIRS:
            stack.append(_PAIRS[char])
        else:
            return False
    return not stack


_MARK = re.compile("[" + "".join(sorted(QUOTATION_MARKS)) + "]")


class QuoteBalance:
    """:func:`balanced_quotes` of any stretch of ``text[start:end]``, each answered by two bisections
    after one pass over its quotation marks. A claim that opens with thousands of marks is trimmed one
    mark at a time, and each turn scanned all the marks left: the square of their number (31 s for
    20,000 « before one word).

    Read as :func:`balanced_quotes` reads them, the marks from one on are whole quotations one after
    another, until one that is not (a closing mark, or a quotation never closed). ``partner[i]`` is the
    mark that closes the quotation mark ``i`` opens (-1: none does), found from the quotations that
    follow ``i`` (``_after``); a stretch is balanced when the quotations that follow its first mark
    end exactly where its marks end. No two marks share a partner, so two stretches whose successions
    of quotations end at the same mark are one succession: ``_after[i]``, the mark where the one from
    mark ``i`` stops, answers in one look-up."""

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        stop = len(text) if end is None else end
        self._offsets = [found.start() for found in _MARK.finditer(text, start, stop)]
        marks = [text[offset] for offset in self._offsets]
        count = len(marks)
        partner = [-1] * count
        after = [count] * (count + 1)  # where the quotations from each mark stop
        after_plain = [count] * (count + 1)  # the same, stopping at a " too (it closes a quotation of ")
        for i in range(count - 1, -1, -1):
            closing = _PAIRS.get(marks[i])
            if closing is not None:
                stop_at = (after_plain if closing == '"' else after)[i + 1]
                if stop_at < count and marks[stop_at] == closing:
                    partner[i] = stop_at
            whole = partner[i] >= 0
            after[i] = after[partner[i] + 1] if whole else i
            after_plain[i] = after_plain[partner[i] + 1] if whole and marks[i] != '"' else i
        self._after = after

    def __call__(self, start: int, end: int) -> bool:
        """Whether ``balanced_quotes(text[start:end])``, for ``start`` and ``end`` within the stretch given."""
        if end <= start:
            return True
        first, last = bisect_left(self._offsets, start), bisect_left(self._offsets, end)
        return self._after[first] == self._after[last]


def _edges(ctx: AnnotationContext, start: int, end: int) -> tuple[str, str]:
    text = ctx.document.text
    return (text[start], text[end - 1]) if 0 <= start < end <= len(text) else ("", "")


@rule(
    "C008",
    "direct-quote-span-includes-marks",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Move the span's start past the opening mark and its end before the closing mark.",
)
def direct_quote_span_includes_marks(ctx: AnnotationContext) -> Iterator[Finding]:
    """A direct quote's span starts or ends with a quotation mark.

    Since guidelines 1.1.0 the marks that enclose a quotation stay out of the claim span, as they do in
    the gold; under 1.0.0 the span "may include the marks", so older annotations are not checked.
    """
    if not ctx.follows("1.1.0") or ctx.edge_characters.isdisjoint(QUOTATION_MARKS):
        return
    for index, claim in ctx.claims_where(ctx.columns.quotes, QuoteType.DIRECT):
        first, last = _edges(ctx, claim.start, claim.end)
        if first in QUOTATION_MARKS or last in QUOTATION_MARKS:
            yield Finding(f"/claims/{index}", f"direct quote {claim.id!r} includes its quotation marks")


@rule(
    "C009",
    "partial-quotation-cut",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Keep both marks of a quotation that is part of the claim; if the whole claim is quoted, leave "
    "both out and set quote to direct.",
)
def partial_quotation_cut(ctx: AnnotationContext) -> Iterator[Finding]:
    """A claim that is not a direct quote starts or ends with a quotation mark whose partner is outside it.

    Since guidelines 1.1.0: a claim only partly in quotation marks is `indirect` and keeps the marks of
    the quoted part, both of them («وتبدي الحكومة السورية الجديدة "حسن نوايا مع الروس"» in the gold).
    A mark at the edge without its partner means the span cut the quotation.
    """
    if not ctx.follows("1.1.0") or ctx.edge_characters.isdisjoint(QUOTATION_MARKS):
        return
    text = ctx.document.text
    for index, claim in ctx.claim_items():
        if claim.quote is QuoteType.DIRECT:
            continue  # C008 covers the edges of direct quotes
        first, last = _edges(ctx, claim.start, claim.end)
        if (first in QUOTATION_MARKS or last in QUOTATION_MARKS) and not balanced_quotes(text[claim.start : claim.end]):
            yield Finding(f"/claims/{index}", f"claim {claim.id!r} cuts a quotation at its edge")


@rule(
    "O010",
    "claim-span-edge-punctuation",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Move the span's edge past the punctuation: a claim runs from its first to its last word.",
)
def claim_span_edge_punctuation(ctx: AnnotationContext) -> Iterator[Finding]:
    """A claim span starts or ends with punctuation (a full stop, a comma ، , a colon...).

    Spans run from the first to the last word, so that two annotators who chose the same words have the
    same offsets. Quotation marks are C008's and C009's business; brackets may close inside a claim.
    """
    if ctx.edge_characters.isdisjoint(EDGE_PUNCTUATION):
        return
    for index, claim in ctx.claim_items():
        first, last = _edges(ctx, claim.start, claim.end)
        if first in EDGE_PUNCTUATION or last in EDGE_PUNCTUATION:
            yield Finding(f"/claims/{index}", f"claim {claim.id!r} starts or ends with punctuation")


@rule(
    "O011",
    "claim-starts-with-complementizer",
    Severity.WARNING,
    Scope.ANNOTATION,
    fix="Start the span after أن / إن: the conjunction introduces reported speech, it is not content.",
)
def claim_starts_with_complementizer(ctx: AnnotationContext) -> Iterator[Finding]:
    """A claim span starts with the conjunction أن، إن or بأن that introduces reported speech.

    Guidelines §1: the claim leaves out the source, the cue and the conjunction. (إن meaning "if" can
    start a claim: then keep it and ignore the warning.)
    """
    firsts = ctx.claim_openings[0]
    if not any(map(_is_complementizer, firsts)):
        return
    for index, (claim, first) in enumerate(zip(ctx.annotation.claims, firsts, strict=True)):
        if _is_complementizer(first):
            yield Finding(f"/claims/{index}", f"claim {claim.id!r} starts with {first!r}")


@lru_cache(maxsize=4096)
def _is_complementizer(word: str) -> bool:
    return normalize(word) in _COMPLEMENTIZERS
