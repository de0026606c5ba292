"""Does a text fit its declared language? The share of its letters written in Arabic script."""

from __future__ import annotations

__all__ = ["ARABIC_SCRIPT_LANGUAGES", "arabic_share", "language_problem"]

#: Languages written in Arabic script (primary subtags), Arabic varieties included.
ARABIC_SCRIPT_LANGUAGES = frozenset(
    {"ar", "arb", "arz", "apc", "ajp", "acm", "afb", "ary", "arq", "aeb", "ayl"}  # Arabic and its varieties
    | {"fa", "prs", "ur", "ps", "ckb", "sd", "ug"}
)
_MIN_LETTERS = 20  # fewer letters say nothing about a language
_THRESHOLD = 0.5


def _classes() -> bytes:
    """UTF-8 bytes -> ``A`` (lead byte of the Arabic block), ``L`` (Latin letter or lead byte of a
    Latin-1/Extended letter), ``O`` (lead byte of Greek, Cyrillic, Armenian, Hebrew), ``.`` else."""
    table = bytearray(b"." * 256)
    for byte in (*range(ord("A"), ord("Z") + 1), *range(ord("a"), ord("z") + 1), *range(0xC3, 0xCA)):
        table[byte] = ord("L")
    for byte in range(0xCE, 0xD8):
        table[byte] = ord("O")
    for byte in range(0xD8, 0xDC):
        table[byte] = ord("A")
    return bytes(table)


_CLASSES = _classes()


def arabic_share(text: str) -> float | None:
    """Characters of the Arabic block over all letters; ``None`` for a text with too few letters to tell.

    Counted on the UTF-8 bytes in two C passes (a per-character regular expression took 2 ms for
    an article): each Arabic-block character has one lead byte, each Latin, Greek, Cyrillic or
    Hebrew letter one ASCII letter or lead byte. Harakat and Arabic punctuation count as Arabic.
    """
    classes = text.encode("utf-8", "surrogatepass").translate(_CLASSES)
    arabic = classes.count(b"A")
    letters = arabic + classes.count(b"L") + classes.count(b"O")
    return arabic / letters if letters >= _MIN_LETTERS else None


def language_problem(text: str, language: str) -> str | None:
    """Why the text does not look like ``language`` (a BCP 47 tag), or ``None`` when it fits."""
    share = arabic_share(text)
    if share is None:
        return None
    subtag = language.split("-")[0].lower()
    arabic_script = subtag in ARABIC_SCRIPT_LANGUAGES or "-arab" in language.lower()
    if arabic_script and share < _THRESHOLD:
        return f"declared {language!r} but only {share:.0%} of the letters are Arabic"
    if not arabic_script and share > _THRESHOLD:
        return f"declared {language!r} but {share:.0%} of the letters are Arabic"
    return None
