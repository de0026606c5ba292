"""What the proposer knows of one document while it reads it: words, sentences, quotations,
page furniture, and the stretches already explained by an attribution."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimkit.model import Document
from claimkit.preannotate.arabic import Token, detach_lam, strip_clitic, tokenize
from claimkit.preannotate.lexicon import LAM_WORDS
from claimkit.textutil import QuotedRegions, sentence_bounds

__all__ = ["OPENING_QUOTES", "PUNCTUATION", "Reader"]

OPENING_QUOTES = '"«“„'
#: Characters between two words that end a phrase.
PUNCTUATION = set('،,.:؛;!?؟()[]«»"“”„-–—\n')


@dataclass
class Reader:
    """One document, read once: every proposer step asks it about words and stretches of text."""

    document: Document
    tokens: list[Token] = field(init=False)
    sentences: tuple[tuple[int, int], ...] = field(init=False)
    quotes: QuotedRegions = field(init=False)
    consumed: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.document.text
        self.tokens = detach_lam(tokenize(self.text), LAM_WORDS)
        self.sentences = sentence_bounds(self.text)
        self.quotes = QuotedRegions(self.text)
        self._starts = [token.start for token in self.tokens]
        self._sentence_starts = [start for start, _ in self.sentences]
        self._furniture = [(f.start, f.end) for f in self.document.furniture]

    # -- words -------------------------------------------------------------------------------
    def key(self, index: int, clitics: str = "") -> str:
        """The look-up key of token ``index`` (without one leading و/ف when ``clitics`` allows)."""
        if not 0 <= index < len(self.tokens):
            return ""
        token = self.tokens[index]
        stripped = strip_clitic(token, clitics) if clitics else None
        return stripped[0] if stripped else token.key

    def gap(self, index: int) -> str:
        """Text between token ``index - 1`` and token ``index``."""
        start = self.tokens[index - 1].end if index > 0 else 0
        end = self.tokens[index].start if index < len(self.tokens) else len(self.text)
        return self.text[start:end]

    def broken(self, index: int) -> bool:
        """Whether punctuation separates token ``index`` from the one before."""
        return any(char in PUNCTUATION for char in self.gap(index))

    def token_at(self, offset: int) -> int:
        """Index of the first token that starts at or after ``offset``."""
        return bisect_right(self._starts, offset - 1)

    # -- stretches -----------------------------------------------------------------------------
    def sentence_of(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._sentence_starts, offset) - 1
        if index < 0:
            return (0, 0)
        return self.sentences[index]

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        """The quotation region that opens at ``offset``, if one does."""
        for start, end in self.quotes.regions:
            if start == offset:
                return start, end
            if start > offset:
                return None
        return None

    def in_furniture(self, start: int, end: int) -> bool:
        return any(start < f_end and f_start < end for f_start, f_end in self._furniture)

    def is_consumed(self, start: int, end: int) -> bool:
        return any(start < c_end and c_start < end for c_start, c_end in self.consumed)

    def consume(self, start: int, end: int) -> None:
        self.consumed.append((start, end))

    def words(self, start: int, end: int) -> Iterable[Token]:
        """Tokens wholly inside ``[start, end)``."""
        for index in range(self.token_at(start), len(self.tokens)):
            token = self.tokens[index]
            if token.end > end:
                return
            yield token
