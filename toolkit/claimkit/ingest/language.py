"""Does a text fit its declared language? The share of its letters written in Arabic script."""

from __future__ import annotations

import re

__all__ = ["ARABIC_SCRIPT_LANGUAGES", "arabic_share", "language_problem"]

#: Languages written in Arabic script (primary subtags), Arabic varieties included.
ARABIC_SCRIPT_LANGUAGES = frozenset(
    {"ar", "arb", "arz", "apc", "ajp", "acm", "afb", "ary", "arq", "aeb", "ayl"}  # Arabic and its varieties
    | {"fa", "prs", "ur", "ps", "ckb", "sd", "ug"}
)
_ARABIC = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
)
_LETTER = re.compile(r"[^\W\d_]")
_MIN_LETTERS = 20  # fewer letters say nothing about a language
_THRESHOLD = 0.5


def arabic_share(text: str) -> float | None:
    """Arabic-script letters over all letters; ``None`` for a text with too few letters to tell."""
    letters = len(_LETTER.findall(text))
    if letters < _MIN_LETTERS:
        return None
    return len(_ARABIC.findall(text)) / letters


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
