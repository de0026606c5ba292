"""Text facts the rules and the release need: quotation marks, sentences, invisible characters.

All functions work on code point offsets into the exact text, never on a normalized copy.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

__all__ = [
    "BIDI_CONTROLS",
    "EMAIL",
    "REGIONAL_INDICATORS",
    "SKIN_TONES",
    "ZWJ",
    "QuotedRegions",
    "find_bidi_controls",
    "is_mark",
    "is_word",
    "may_split",
    "sentence_bounds",
]

#: Invisible characters that change the display order of text (embeddings, overrides, isolates, marks).
BIDI_CONTROLS = {
    "\u061c": "ARABIC LETTER MARK",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
_BIDI_RE = re.compile("[" + "".join(BIDI_CONTROLS) + "]")

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")

# Opening mark -> closing mark. The ASCII double quote opens and closes itself.
_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", "\u2039": "\u203a", '"': '"'}
_MARKS = sorted(set(_PAIRS) | set(_PAIRS.values()) | {"\n"})
#: A run of stops (closing quotation marks and brackets kept with it) before a space or the end, or line breaks.
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u2026]+[\"\u201d\u00bb)\]]*(?=\s|$)|\n+")
_PAUSE = re.compile(r"(?:\.{2,}|\u2026)[.\u2026]*")  # ".." "..." "…": a pause in Arabic news, not an end
#: A word before a full stop that makes it an abbreviation: one letter (initials, د. م. أ.), or a title.
_ABBREVIATION = re.compile(
    r"(?:^|[\s(«\"“])(?:[^\W\d_]|(?:[^\W\d_]\.)+[^\W\d_]|Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|No|Vol|etc|vs|"
    r"ص\.ب|ت\.م|ق\.م)$"
)
_ERA = re.compile(r"[0-9\u0660-\u0669]\s*(?:م|هـ|ه)$")  # "عام 1950 م." ends a sentence: an era, not a title
_LONG_SENTENCE = 600  # characters: a longer sentence is split after each Arabic semicolon outside quotations
_SEMICOLON = re.compile("\u061b")


def find_bidi_controls(text: str) -> Iterator[tuple[int, str]]:
    """Offsets and names of every invisible bidirectional control character."""
    if not any(char in text for char in BIDI_CONTROLS):  # fast path: substring search is C-speed
        return
    for match in _BIDI_RE.finditer(text):
        yield match.start(), BIDI_CONTROLS[match.group()]


class QuotedRegions:
    """The stretches of a text between paired quotation marks, marks included, within a paragraph.

    An opening mark without its closing mark runs to the end of its paragraph, as quotes that
    continue over a line are left open in news copy.
    """

    def __init__(self, text: str) -> None:
        self.regions = list(_scan_quotes(text))
        self._starts = [start for start, _ in self.regions]

    def encloses(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one quoted region (its marks may be included)."""
        index = bisect_right(self._starts, start) - 1  # regions never overlap: one candidate
        return index >= 0 and self.regions[index][1] >= end


def _mark_positions(text: str) -> list[int]:
    """Offsets of every quotation mark and line break, found with C-speed ``str.find``."""
    positions = []
    for mark in _MARKS:
        index = text.find(mark)
        while index != -1:
            positions.append(index)
            index = text.find(mark, index + 1)
    positions.sort()
    return positions


def _scan_quotes(text: str) -> Iterator[tuple[int, int]]:
    closing: str | None = None
    opened_at = 0
    for index in _mark_positions(text):
        char = text[index]
        if char == "\n":
            if closing is not None:
                yield opened_at, index
            closing = None
        elif closing is None and char in _PAIRS:
            closing, opened_at = _PAIRS[char], index
        elif char == closing:
            yield opened_at, index + 1
            closing = None
    if closing is not None:
        yield opened_at, len(text)


@lru_cache(maxsize=4)  # the claims and sentences configs of a release both ask, one after the other
def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """Sentences as ``(start, end)`` offsets, trimmed of surrounding whitespace, for Arabic news.

    A sentence ends at ``.``, ``!``, ``?``, ``؟`` or ``۔`` before a space or the end of the text (a
    closing quotation mark or bracket right after the stop stays in the sentence), and at every
    line break. Not at: ``..``, ``...`` or ``…`` (a pause in Arabic news copy; a line break after
    them still ends the sentence); a full stop after one letter or a title (``د.``, ``م.``, ``أ.``,
    initials, ``Dr.``); a stop inside a quotation in ``«»``, ``""`` or ``“”`` (the quotation stays
    whole). A sentence longer than 600 characters is split after each ``؛`` outside quotations.
    """
    quotes = QuotedRegions(text)
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith("\n"):
            _append_split(bounds, text, start, match.start(), quotes)
            start = match.end()
        elif _ends_sentence(text, match, quotes):
            _append_split(bounds, text, start, match.end(), quotes)
            start = match.end()
    _append_split(bounds, text, start, len(text), quotes)
    return tuple(bounds)


def _ends_sentence(text: str, match: re.Match[str], quotes: QuotedRegions) -> bool:
    stop = match.group().rstrip('"\u201d\u00bb)]')
    if _PAUSE.fullmatch(stop):
        return False
    before = text[max(0, match.start() - 12) : match.start()]
    if stop == "." and _ABBREVIATION.search(before) and not _ERA.search(before):
        return False
    return not quotes.encloses(match.start(), match.end() + 1)  # inside, unless its closing mark is in the match


def _append_split(bounds: list[tuple[int, int]], text: str, start: int, end: int, quotes: QuotedRegions) -> None:
    """Add the sentence ``[start, end)``, cut after each ``؛`` outside quotations when it is long."""
    if end - start > _LONG_SENTENCE:
        for semicolon in _SEMICOLON.finditer(text, start, end):
            if not quotes.encloses(semicolon.start(), semicolon.end()):
                _append_trimmed(bounds, text, start, semicolon.end())
                start = semicolon.end()
    _append_trimmed(bounds, text, start, end)


def _append_trimmed(bounds: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        bounds.append((start, end))


#: What a span boundary must not separate from its neighbours (the O rules of claimkit.rules.boundaries).
ZWJ = "\u200d"
SKIN_TONES = range(0x1F3FB, 0x1F400)  # emoji skin tone modifiers
REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)  # regional indicator letters: two make a flag
_OTHER, _WORD, _SPECIAL = 0, 1, 2


def is_mark(char: str) -> bool:
    """A combining mark (harakat, shadda, sukun...): Unicode categories Mn, Mc, Me."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me")


def is_word(char: str) -> bool:
    """A letter, a mark or a digit (Unicode categories L, M, N)."""
    return unicodedata.category(char)[0] in "LMN"


@lru_cache(maxsize=4096)
def _kind(char: str) -> int:
    """A word character that is no mark, one a boundary test looks at by itself (a mark, the zero
    width joiner, a skin tone, a regional indicator, CR), or neither."""
    point = ord(char)
    if is_mark(char) or char in ("\r", ZWJ) or point in SKIN_TONES or point in REGIONAL_INDICATORS:
        return _SPECIAL
    return _WORD if is_word(char) else _OTHER


def may_split(text: str, offsets: Iterable[int]) -> frozenset[int]:
    """The offsets inside ``text`` where a span boundary could split a mark from its letter, a word or
    a character displayed as one: word characters on both sides, or a special one on either side.
    The boundary rules' own tests can hold nowhere else (a test checks it), so they run only here:
    at most boundaries of a document, a space or a punctuation mark is on one side."""
    size, found = len(text), []
    for offset in offsets:
        if 0 < offset < size:
            before, after = _kind(text[offset - 1]), _kind(text[offset])
            if before == _SPECIAL or after == _SPECIAL or before == after == _WORD:
                found.append(offset)
    return frozenset(found)
