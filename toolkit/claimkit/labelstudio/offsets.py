"""Offsets of a Label Studio region checked against the task text (pure).

Label Studio's labeling UI stores ``start``/``end`` as Unicode code points (Python ``str``
indices: an emoji counts 1), verified in a browser for 1.23.2 (docs/labelstudio.md). A tool that
writes through the API may count UTF-16 code units instead (JavaScript string indices), and after
a character outside the Basic Multilingual Plane its spans are shifted. :class:`Utf16` finds out
whether a region's ``value.text`` is explained by a UTF-16 reading of its offsets, so that the
conversion refuses such a region instead of writing a shifted span.
"""

from __future__ import annotations

import re

__all__ = ["Utf16", "display_form"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def display_form(text: str) -> str:
    """What the Label Studio UI shows of a text: escaped line breaks and space runs collapsed."""
    return re.sub(r"\s+", " ", text.replace("\\n", "\n")).strip()


class Utf16:
    """UTF-16 code units to code points, for one text (only characters outside the BMP differ)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.astral = [match.start() for match in _ASTRAL.finditer(text)]

    def code_point(self, unit: int) -> int | None:
        """The code point offset of UTF-16 offset ``unit``; ``None`` inside a surrogate pair or past the end."""
        shift = 0
        for index, position in enumerate(self.astral):
            at = position + index  # where this character starts, in UTF-16 units
            if unit <= at:
                break
            if unit == at + 1:
                return None
            shift += 1
        point = unit - shift
        return point if 0 <= point <= len(self.text) else None

    def explains(self, start: int, end: int, shown: object) -> tuple[int, int] | None:
        """The code point span a UTF-16 reading of ``[start, end)`` gives, if it is the text ``shown``."""
        if not self.astral or not isinstance(shown, str) or self.astral[0] >= end:
            return None
        first, last = self.code_point(start), self.code_point(end)
        if first is None or last is None or first >= last:
            return None
        return (first, last) if display_form(self.text[first:last]) == display_form(shown) else None
