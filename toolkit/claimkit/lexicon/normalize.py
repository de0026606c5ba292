"""Arabic spelling variants folded away, with a map back to offsets in the exact text.

Annotated spans and the lexicon are compared after :func:`normalize`: diacritics and tatweel removed,
hamza-carrying alefs, alef maqsura, taa marbuta and Persian letter variants folded, whitespace runs
collapsed. Offsets never come from the normalized copy: :func:`normalize_with_offsets` gives, for each
normalized character, the offset of the character it came from.
"""

from __future__ import annotations

__all__ = ["REMOVED", "normalize", "normalize_with_offsets"]

#: Removed: harakat, tanween, shadda, sukun and the other combining marks (U+064B-U+065F), the
#: superscript alef (U+0670), the Quranic annotation marks (U+06D6-U+06ED) and tatweel (U+0640).
REMOVED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"] + [chr(c) for c in range(0x06D6, 0x06EE)]
)
_FOLDED = str.maketrans(
    {
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0649": "\u064a",  # ى -> ي
        "\u0629": "\u0647",  # ة -> ه
        "\u06cc": "\u064a",  # Persian ی -> ي
        "\u06a9": "\u0643",  # Persian ک -> ك
    }
)
_FOLDED_AND_REMOVED = str.maketrans({**{ord(char): None for char in REMOVED}, **_FOLDED})


def normalize(text: str) -> str:
    """The comparison form of ``text``: ``normalize("وفقاً لـ") == "وفقا ل"``."""
    return " ".join(text.translate(_FOLDED_AND_REMOVED).split())


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """``(normalized, origin)``: ``origin[i]`` is the offset in ``text`` of normalized character ``i``.

    Unlike :func:`normalize` the result is not stripped, so that a match in it maps back exactly: a
    match ``[i, j)`` of the normalized text covers ``text[origin[i] : origin[j - 1] + 1]``.
    """
    chars: list[str] = []
    origin: list[int] = []
    for offset, char in enumerate(text):
        if char in REMOVED:
            continue
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char.translate(_FOLDED))
        origin.append(offset)
    return "".join(chars), origin
