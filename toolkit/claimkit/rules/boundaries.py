"""Rules about where spans begin and end in the text: not inside a letter or a word (O005-O009).

A mouse selection in the labeling UI can stop between a letter and its harakat or shadda, in
the middle of a word, or inside a sequence displayed as one character (an emoji with its
modifier, a flag, CR LF). The offsets are then valid but the span is not what the annotator
saw, and two annotators who meant the same words get different spans. These are warnings: the
fix is to move the boundary, which only a person can confirm.

Arabic attaches one-letter proclitics to the next word (و ف ب ل ك س: وأشارت، لنجار), and the
guidelines keep them out of cues and sources, so a boundary right after such a prefix is a word
boundary here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator

from claimkit.issues import Severity
from claimkit.rules.context import DocumentContext
from claimkit.rules.registry import Finding, Scope, rule
from claimkit.textutil import REGIONAL_INDICATORS as _REGIONAL
from claimkit.textutil import SKIN_TONES as _MODIFIERS
from claimkit.textutil import ZWJ as _ZWJ
from claimkit.textutil import is_mark as _is_mark
from claimkit.textutil import is_word as _is_word

__all__ = ["PROCLITICS", "inside_word", "splits_character", "splits_mark"]

#: Arabic one-letter proclitics (conjunctions, prepositions, the future prefix).
PROCLITICS = frozenset("وفبلكس")
_MAX_PREFIX = 3  # e.g. وبال is not one; وب، فل، وس are


def splits_mark(text: str, offset: int) -> bool:
    """A combining mark right after ``offset``: the boundary separates it from its letter."""
    return 0 < offset < len(text) and _is_mark(text[offset])


def _after_proclitics(text: str, offset: int) -> bool:
    """``offset`` sits right after a run of proclitics (with their marks) that starts a word."""
    start = offset
    while start > 0 and _is_word(text[start - 1]) and offset - start <= 2 * _MAX_PREFIX:
        start -= 1
    if start > 0 and _is_word(text[start - 1]):
        return False  # the word began further back: this is no prefix
    letters = [char for char in text[start:offset] if not _is_mark(char)]
    return len(letters) <= _MAX_PREFIX and all(char in PROCLITICS for char in letters)


def inside_word(text: str, offset: int) -> bool:
    """Letters on both sides of ``offset`` (marks are O005/O006), not right after a proclitic."""
    if not 0 < offset < len(text) or _is_mark(text[offset]):
        return False
    return _is_word(text[offset - 1]) and _is_word(text[offset]) and not _after_proclitics(text, offset)


def _regional_run(text: str, offset: int) -> int:
    count = 0
    while offset - count > 0 and ord(text[offset - count - 1]) in _REGIONAL:
        count += 1
    return count


def splits_character(text: str, offset: int) -> bool:
    """``offset`` falls inside CR LF, a joined emoji, a skin tone or a flag (marks excluded)."""
    if not 0 < offset < len(text):
        return False
    before, after = text[offset - 1], text[offset]
    if before == "\r" and after == "\n":
        return True
    if _ZWJ in (before, after) or ord(after) in _MODIFIERS:
        return True
    return ord(after) in _REGIONAL and _regional_run(text, offset) % 2 == 1


_SIDES = ("start", "end")


def _flagged(
    ctx: DocumentContext, test: Callable[[str, int], bool], sides: tuple[str, ...] = _SIDES
) -> Iterator[tuple[str, str, int]]:
    """``(span pointer, side, offset)`` of each boundary of a span inside the text where ``test``
    holds. Each distinct offset where a test may hold (``span_bounds``) is tested once; the spans
    are visited only when one is flagged."""
    text = ctx.document.text
    flagged = {
        side: {offset for offset in bounds if test(text, offset)}
        for side, bounds in zip(_SIDES, ctx.span_bounds, strict=True)
        if side in sides
    }
    if not any(flagged.values()):
        return
    for group, spans in ctx.span_groups:
        for index, span in enumerate(spans):
            if not 0 <= span.start < span.end <= len(text):
                continue
            for side, offsets in flagged.items():
                offset = span.start if side == "start" else span.end
                if offset in offsets:
                    yield f"{group}/{index}", side, offset


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"


@rule(
    "O005",
    "span-start-splits-mark",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Move the start back to the letter the mark belongs to.",
)
def span_start_splits_mark(ctx: DocumentContext) -> Iterator[Finding]:
    """A span starts on a combining mark (a haraka, shadda, sukun...), cut off from its letter.

    The letter is outside the span and its mark inside: the span shows a dangling diacritic and
    does not match the same words selected by another annotator.
    """
    text = ctx.document.text
    for pointer, _, offset in _flagged(ctx, splits_mark, ("start",)):
        yield Finding(f"{pointer}/start", f"span starts on {_name(text[offset])}, apart from its letter")


@rule(
    "O006",
    "span-end-splits-mark",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Move the end forward past the marks of the last letter.",
)
def span_end_splits_mark(ctx: DocumentContext) -> Iterator[Finding]:
    """A span ends between a letter and its combining mark (harakat, shadda), leaving the mark out.

    Selecting with the mouse often stops right after the base letter; the mark then belongs to
    no span.
    """
    text = ctx.document.text
    for pointer, _, offset in _flagged(ctx, splits_mark, ("end",)):
        yield Finding(f"{pointer}/end", f"span ends before {_name(text[offset])} of its last letter")


@rule(
    "O007",
    "span-starts-inside-word",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Move the start to the beginning of the word (after a proclitic such as و or ل at most).",
)
def span_starts_inside_word(ctx: DocumentContext) -> Iterator[Finding]:
    """A span starts in the middle of a word.

    Spans cover whole words; only the proclitics و ف ب ل ك س may stay outside (guidelines §3).
    """
    text = ctx.document.text
    for pointer, _, offset in _flagged(ctx, inside_word, ("start",)):
        yield Finding(f"{pointer}/start", f"span starts inside a word: {text[max(0, offset - 8) : offset + 8]!r}")


@rule(
    "O008",
    "span-ends-inside-word",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Move the end to the end of the word.",
)
def span_ends_inside_word(ctx: DocumentContext) -> Iterator[Finding]:
    """A span ends in the middle of a word.

    A selection that stops one letter short drops a suffix (a pronoun, a feminine ending) and
    changes the words the span covers.
    """
    text = ctx.document.text
    for pointer, _, offset in _flagged(ctx, inside_word, ("end",)):
        yield Finding(f"{pointer}/end", f"span ends inside a word: {text[max(0, offset - 8) : offset + 8]!r}")


@rule(
    "O009",
    "span-splits-character",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Move the boundary outside the sequence (before or after the whole emoji, flag or line break).",
)
def span_splits_character(ctx: DocumentContext) -> Iterator[Finding]:
    """A span boundary falls inside a sequence displayed as one character.

    CR LF, an emoji joined with ZWJ, an emoji with its skin tone, a flag (two regional indicators):
    several code points that people see as one, which a span must not cut.
    """
    text = ctx.document.text
    for pointer, side, offset in _flagged(ctx, splits_character):
        yield Finding(f"{pointer}/{side}", f"span {side} {offset} splits {text[offset - 1 : offset + 1]!r}")
