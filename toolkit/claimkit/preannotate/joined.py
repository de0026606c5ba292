"""Clauses joined to a sentence with their own certainty (…، فيما يُتوقع أن …، بينما من المرجح أن …).

A connective (فيما، بينما) after a comma that opens with a certainty marker of the guidelines' table
(§5) joins a second assertion, hedged on its own: it is a claim of its own (the same speaker's, or the
outlet's in its own sentences), without the connective, not the end of the claim before. Not كما, which
also means "as" (…، كما توقع صندوق النقد الدولي), and not inside a quotation (the speaker's own words).
"""

from __future__ import annotations

import itertools

from claimkit.lexicon import leading_marker
from claimkit.preannotate.lexicon import WHILE
from claimkit.preannotate.reader import Reader

__all__ = ["after_connective", "before_separator", "hedged_pieces"]

#: Quotation marks of both scripts.
_MARKS = '"«»“”„'


def before_separator(text: str, offset: int) -> int:
    """``offset`` moved back past the spaces and commas before it."""
    end = offset
    while end > 0 and text[end - 1] in " ،,":
        end -= 1
    return end


def _joined_hedge(reader: Reader, start: int, limit: int) -> int | None:
    """The connective (token) of the first joined hedged clause in ``[start, limit)``."""
    for k in range(reader.token_at(start), len(reader.tokens) - 1):
        if reader.tokens[k].start >= limit:
            break
        joined = reader.key(k) in WHILE and "،" in reader.gap(k) and not reader.broken(k + 1)
        if joined and leading_marker(reader.text[reader.tokens[k + 1].start : limit]) is not None:
            return k
    return None


def hedged_pieces(reader: Reader, span: tuple[int, int]) -> list[tuple[int, int]]:
    """``span`` split before each joined hedged clause, the connectives left out: one claim each (a
    quotation, or a span with a quotation mark, stays whole: the speaker's words are one claim)."""
    if any(mark in reader.text[span[0] : span[1]] for mark in _MARKS) or reader.quotes.encloses(*span):
        return [span]
    pieces, start = [], span[0]
    while (k := _joined_hedge(reader, start, span[1])) is not None:
        end = before_separator(reader.text, reader.tokens[k].start)
        if end > start:  # a span may open with the connective itself
            pieces.append((start, end))
        start = reader.tokens[k + 1].start
    return [*pieces, (start, span[1])]


def after_connective(reader: Reader, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` without the connective it opens with, when it is a joined hedged clause (not فيما
    يتعلق بـ …, where فيما is no connective)."""
    words = list(itertools.islice(reader.words(*span), 2))
    joined = len(words) == 2 and reader.key(words[0].index) in WHILE
    if joined and leading_marker(reader.text[words[1].start : span[1]]) is not None:
        return words[1].start, span[1]
    return span
