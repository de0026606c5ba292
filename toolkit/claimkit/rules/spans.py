"""Rules about spans: offsets inside the text and in order, and the text they cover (O).

They apply to every span of a file: page furniture, source mentions, cues and claims.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.issues import Severity
from claimkit.rules.context import DocumentContext
from claimkit.rules.registry import Finding, Scope, rule

__all__: list[str] = []


def _in_bounds(start: int, end: int, length: int) -> bool:
    return start < end <= length


@rule(
    "O001",
    "span-out-of-bounds",
    Severity.ERROR,
    Scope.DOCUMENT,
    fix="Recompute the offsets against document.text (code points, not bytes or UTF-16 units).",
)
def span_out_of_bounds(ctx: DocumentContext) -> Iterator[Finding]:
    """A span ends after the end of the text.

    Offsets are Unicode code points into `document.text`. An offset past the end usually means
    offsets were counted in bytes or UTF-16 units, or the text was shortened after annotation.
    """
    length = len(ctx.document.text)
    for pointer, span in ctx.suspect_spans:
        if span.end > length:
            yield Finding(f"{pointer}/end", f"span ends at {span.end}, after the end of the text ({length})")


@rule(
    "O002",
    "span-empty-or-reversed",
    Severity.ERROR,
    Scope.DOCUMENT,
    fix="Make start smaller than end; a span covers at least one character.",
)
def span_empty_or_reversed(ctx: DocumentContext) -> Iterator[Finding]:
    """A span's start is not before its end."""
    for pointer, span in ctx.suspect_spans:
        if span.start >= span.end:
            yield Finding(f"{pointer}/start", f"span start {span.start} is not before its end {span.end}")


@rule(
    "O003",
    "span-text-mismatch",
    Severity.ERROR,
    Scope.DOCUMENT,
    fix="Set text to document.text[start:end]; if the offsets are wrong, fix them instead.",
)
def span_text_mismatch(ctx: DocumentContext) -> Iterator[Finding]:
    """A span's `text` is not `document.text[start:end]`.

    The offsets are the truth and `text` is there for people reading the file. A mismatch means one
    of them was edited by hand, or the offsets are shifted.
    """
    text = ctx.document.text
    length = len(text)
    for pointer, span in ctx.suspect_spans:
        if _in_bounds(span.start, span.end, length) and text[span.start : span.end] != span.text:
            covered = text[span.start : span.end]
            yield Finding(f"{pointer}/text", f"span text {span.text!r} differs from the text it covers {covered!r}")


@rule(
    "O004",
    "span-surrounding-whitespace",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Move start forward / end back past the whitespace.",
)
def span_surrounding_whitespace(ctx: DocumentContext) -> Iterator[Finding]:
    """A span starts or ends with whitespace.

    Spans are trimmed so that two annotators who selected the same words have the same offsets.
    """
    for pointer, span in ctx.padded_spans:
        yield Finding(pointer, f"span [{span.start}, {span.end}) starts or ends with whitespace")
