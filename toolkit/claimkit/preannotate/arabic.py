"""Arabic words with their offsets: tokens, a normalized key for lexicon look-ups, and clitics.

Offsets always point into the exact document text; only the *keys* are normalized (diacritics and
tatweel removed, hamza seats and alef variants folded, ى to ي, ة to ه, Persian ی ک to ي ك), so that a lexicon written
without diacritics finds أوضحَت, اوضحت and أوضحت alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Token", "detach_lam", "normalize", "plain", "strip_clitic", "tokenize"]

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
    | {"\u06cc": "ي", "\u06a9": "ك", "\u06be": "ه"}  # Persian ی and ک, and ھ, typed on Persian or Urdu keyboards
)
# A word: Arabic letters with their marks, or a run of other letters and digits.
_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u064b-\u065f\u0670\u0640]+|[^\W_]+")


def plain(word: str) -> str:
    """The word without diacritics and tatweel (letters as written)."""
    return _MARKS.sub("", word)


@lru_cache(maxsize=262144)
def normalize(word: str) -> str:
    """The look-up key of a word: no diacritics, folded hamza seats and alef variants, ى→ي, ة→ه."""
    return plain(word).translate(_FOLD)


@dataclass(frozen=True, slots=True)
class Token:
    """One word: its place in the token list, its offsets, its text and its look-up key."""

    index: int
    start: int
    end: int
    text: str
    key: str

    @property
    def plain(self) -> str:
        return plain(self.text)

    @property
    def definite(self) -> bool:
        """Whether the word carries the article (ال، وال، بال، لل...). The article is written with a
        bare alef: إلياس and ألمانيا, whose keys also start with ال, do not carry it."""
        key = self.key
        return (
            key.startswith(("ال", "وال", "فال", "بال", "كال", "لل", "ولل"))
            and len(key) > 3
            and self.text.lstrip("وفبك")[:1] not in "أإآ"
        )


def tokenize(text: str) -> list[Token]:
    """Every word of ``text`` in order."""
    return [
        Token(index, match.start(), match.end(), match.group(), normalize(match.group()))
        for index, match in enumerate(_WORD.finditer(text))
    ]


def detach_lam(tokens: list[Token], after: frozenset[str]) -> list[Token]:
    """Split the preposition ل off the word after an "according to" word (وفقاً لنجار → ل + نجار).

    The rest keeps its own offsets; للوزارة becomes ل + لوزارة, whose key is the definite الوزاره.
    """
    result: list[Token] = []
    for token in tokens:
        previous = result[-1] if result else None
        if previous is None or len(token.key) < 3 or token.key[0] != "ل" or not _is_one_of(previous, after):
            result.append(_renumber(token, len(result)))
            continue
        cut = 1
        while cut < len(token.text) and _MARKS.match(token.text[cut]):
            cut += 1
        rest = token.key[1:]
        key = "ا" + rest if rest.startswith("ل") else rest
        result.append(Token(len(result), token.start, token.start + cut, token.text[:cut], "ل"))
        result.append(Token(len(result), token.start + cut, token.end, token.text[cut:], key))
    return result


def _is_one_of(token: Token, words: frozenset[str]) -> bool:
    """Whether the word is one of ``words``, as it is or after a leading و."""
    stripped = strip_clitic(token, "و")
    return token.key in words or (stripped is not None and stripped[0] in words)


def _renumber(token: Token, index: int) -> Token:
    return token if token.index == index else Token(index, token.start, token.end, token.text, token.key)


def strip_clitic(token: Token, letters: str = "وف") -> tuple[str, int] | None:
    """The key without one leading conjunction (و or ف), and the length of that clitic in the text.

    The clitic's length counts its diacritics (وَ is two code points), so ``token.start + length``
    is where the word proper begins. ``None`` when the word does not start with such a letter or
    would be too short without it.
    """
    if len(token.key) < 3 or token.key[0] not in letters:
        return None
    length = 1
    while length < len(token.text) and _MARKS.match(token.text[length]):
        length += 1
    return token.key[1:], length
