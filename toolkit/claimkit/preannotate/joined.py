"""Clauses joined to a sentence with their own certainty (…، فيما يُتوقع أن …، بينما من المرجح أن …).

A connective (فيما، بينما) after a comma that opens with a certainty marker of the guidelines' table
(§5) joins a second assertion, hedged on its own: it is a claim of its own (the same speaker's, or the
outlet's in its own sentences), without the connective, not the end of the claim before. Not كما, which
also means "as" (…، كما توقع صندوق النقد الدولي), and not inside a quotation (the speaker's own words).
"""

from __future__ import annotations

import itertools
import re

from claimkit.lexicon import leading_marker
from claimkit.preannotate.arabic import strip_clitic
from claimkit.preannotate.lexicon import WHILE
from claimkit.preannotate.reader import Reader

__all__ = ["after_connective", "before_separator", "hedged_pieces"]

#: أنّ after a certainty marker (its marks and spaces before it).
_THAT = re.compile(r"\s*[أإا][\u064B-\u065F]*ن[\u064B-\u065F]*(?=\s|$)")
#: ما after a marker makes a frequency (غالباً ما، كثيراً ما), no hedge.
_MA = re.compile(r"\s*ما(?=\s|$)")
#: Quotation marks of both scripts.
_MARKS = '"«»“”„'


def before_separator(text: str, offset: int) -> int:
    """``offset`` moved back past the spaces and commas before it."""
    end = offset
    while end > 0 and text[end - 1] in " ،,":
        end -= 1
    return end


def _joined_hedge(reader: Reader, start: int, limit: int) -> tuple[int, int] | None:
    """Where the first joined hedged clause in ``[start, limit)`` begins, and where its own words
    begin: after فيما/بينما (…، فيما يُتوقع أن …), or after the و written with the marker (…،
    ويُتوقع أن …، ومن المرجح أن …)."""
    tokens = reader.tokens
    for k in range(reader.token_at(start), len(tokens) - 1):
        if tokens[k].start >= limit:
            break
        if "،" not in reader.gap(k):
            continue
        if reader.key(k) in WHILE and not reader.broken(k + 1):
            if leading_marker(reader.text[tokens[k + 1].start : limit]) is not None:
                return tokens[k].start, tokens[k + 1].start
        elif (words := _after_wa(reader, k)) is not None and _opens_hedge(reader.text[words:limit]):
            return tokens[k].start, words
    return None


def _opens_hedge(text: str) -> bool:
    """Whether ``text`` opens with a certainty marker (قد يرتفع، ربما تستأنف، من المرجح أن، يُتوقع أن),
    not a frequency (غالباً ما …) nor a verb with its subject (ينتظر الناخبون …: a verb-like marker
    hedges only before أنّ)."""
    match = leading_marker(text)
    if match is None or _MA.match(text, match.end) is not None:
        return False
    words = text[match.start : match.end].split()
    if len(words) == 1 and words[0][:1] in "يت":
        return _THAT.match(text, match.end) is not None
    return True


def _after_wa(reader: Reader, k: int) -> int | None:
    """The offset after the conjunction و that token ``k`` opens with, when it is one (ويُتوقع، ومن)."""
    token = reader.tokens[k]
    stripped = strip_clitic(token, "و")
    return token.start + stripped[1] if stripped is not None else None


def hedged_pieces(reader: Reader, span: tuple[int, int]) -> list[tuple[int, int]]:
    """``span`` split before each joined hedged clause, the connectives left out: one claim each (a
    quotation, or a span with a quotation mark, stays whole: the speaker's words are one claim)."""
    if any(mark in reader.text[span[0] : span[1]] for mark in _MARKS) or reader.quotes.encloses(*span):
        return [span]
    pieces, start = [], span[0]
    while (found := _joined_hedge(reader, start, span[1])) is not None:
        end = before_separator(reader.text, found[0])
        if end > start:  # a span may open with the connective itself
            pieces.append((start, end))
        start = found[1]
    return [*pieces, (start, span[1])]


def after_connective(reader: Reader, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` without the connective it opens with, when it is a joined hedged clause (not فيما
    يتعلق بـ …, where فيما is no connective)."""
    words = list(itertools.islice(reader.words(*span), 2))
    joined = len(words) == 2 and reader.key(words[0].index) in WHILE
    if joined and leading_marker(reader.text[words[1].start : span[1]]) is not None:
        return words[1].start, span[1]
    return span
