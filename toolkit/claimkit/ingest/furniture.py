"""Page furniture of a news page: the text stays whole, the furniture is marked (docs/guidelines.md §8).

Only whole lines are furniture. The head of a page (its first few lines) may hold date lines,
bylines and the headline; its tail (read back from the last line) agency trailers, share, source
and promotion lines, bylines and date lines; a promotion line or a repeat of the headline may sit
anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimkit.ingest import patterns as p
from claimkit.model import Furniture
from claimkit.taxonomy import FurnitureKind

__all__ = ["Line", "detect_furniture", "furniture_share", "is_dateline", "no_title_reason", "title_problem"]

Line = tuple[int, int]
_HEAD = 4  # lines looked at for date lines, bylines and the headline
_DATELINE_CHARS = 150
_DATELINE_WORDS = 3  # words left on a date line once dates, times, weekdays and fillers are taken out
_TITLE_CHARS = 200
_PROMOTION_CHARS = 200  # furniture lines are short: a longer line (a paragraph) is not even looked at
_LINE = re.compile(r"[^\r\n]+")
_WORD = re.compile(r"[^\W\d_]+")


def _lines(text: str) -> Iterator[Line]:
    """``(start, end)`` of every non-blank line, trimmed of surrounding whitespace."""
    if "\r" in text and "\r\n" not in text:  # old Mac line ends: the slower general way
        for match in _LINE.finditer(text):
            yield from _trimmed(match.group(), match.start())
        return
    start = 0
    for line in text.split("\n"):
        yield from _trimmed(line, start)
        start += len(line) + 1


def _trimmed(line: str, start: int) -> Iterator[Line]:
    stripped = line.strip()
    if stripped:
        begin = start + len(line) - len(line.lstrip())
        yield begin, begin + len(stripped)


def is_dateline(line: str) -> bool:
    """A short line holding a date, and at most a place and an agency besides dates and times.

    ``الرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس`` is one; ``5 قتلى في غارة على حلب`` is not
    (no date), nor ``3 أكتوبر: يوم الغضب في تونس`` (four words left besides the date).
    """
    if len(line) > _DATELINE_CHARS or not p.DATE.search(line):
        return False
    rest = p.DATE_FILLER.sub(" ", p.WEEKDAY.sub(" ", p.TIME.sub(" ", p.DATE.sub(" ", line))))
    return len(_WORD.findall(rest)) <= _DATELINE_WORDS


def title_problem(line: str) -> str | None:
    """Why a first line is not taken as the headline, or ``None`` when it is one.

    A headline is short and does not end a sentence with a single ``.``, ``:`` or a comma; ``؟``,
    ``!``, ``..`` and ``…`` end headlines too.
    """
    if len(line) > _TITLE_CHARS:
        return f"the first line has {len(line)} characters; a headline has at most {_TITLE_CHARS}"
    if line.endswith((":", "،", ",", "؛")) or (line.endswith(".") and not line.endswith("..")):
        return f"the first line ends with {line[-1]!r} like a sentence, not a headline"
    return None


def _is_boilerplate(line: str) -> bool:
    return any(pattern.match(line) for pattern in (p.SHARE, p.PROMOTION, p.TRAILER, p.AGENCY_LINE)) or bool(
        p.SOCIAL_CALL.search(line)
    )


def _tail_kind(line: str) -> FurnitureKind | None:
    if len(line) > _PROMOTION_CHARS:  # a paragraph: none of these
        return None
    if _is_boilerplate(line) or p.BYLINE.match(line):
        return FurnitureKind.BOILERPLATE
    return FurnitureKind.DATELINE if is_dateline(line) else None


def _head_kind(line: str) -> FurnitureKind | None:
    if len(line) > _PROMOTION_CHARS:
        return None
    if is_dateline(line):
        return FurnitureKind.DATELINE
    if p.BYLINE.match(line) or p.AGENCY_LINE.match(line):
        return FurnitureKind.BOILERPLATE
    return None


class _Page:
    """The lines of one text and the furniture found on them so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = list(_lines(text))
        self.found: dict[Line, FurnitureKind] = {}

    def line(self, bounds: Line) -> str:
        return self.text[bounds[0] : bounds[1]]

    def head(self) -> str | None:
        """Mark date lines and bylines at the top, before and right after the headline candidate (the
        first other line); the body starts at the next other line."""
        candidate = None
        for bounds in self.lines[:_HEAD]:
            kind = _head_kind(self.line(bounds))
            if kind is not None:
                self.found[bounds] = kind
            elif candidate is None:
                candidate = self.line(bounds)
            else:
                break
        return candidate

    def tail(self) -> None:
        """Mark trailers, share, promotion, byline and date lines read back from the end."""
        for bounds in reversed(self.lines[1:]):
            kind = self.found.get(bounds) or _tail_kind(self.line(bounds))
            if kind is None:
                return
            self.found[bounds] = kind

    def anywhere(self, title: str | None) -> None:
        """Mark repeats of the headline and promotion lines wherever they are."""
        for bounds in self.lines:
            line = self.line(bounds)
            if line == title:
                self.found[bounds] = FurnitureKind.HEADLINE
            elif len(line) <= _PROMOTION_CHARS and bounds not in self.found and p.PROMOTION.match(line):
                self.found[bounds] = FurnitureKind.BOILERPLATE

    def furniture(self) -> list[Furniture]:
        return [
            Furniture(start=start, end=end, text=self.text[start:end], kind=kind)
            for (start, end), kind in sorted(self.found.items())
        ]


def detect_furniture(text: str, title: str | None = None) -> tuple[list[Furniture], str | None]:
    """Page furniture of a news page, and the title it shows when none is given.

    The first line that is not a date line or a byline is the headline when it looks like one
    (:func:`title_problem`); every line equal to the title is headline furniture.
    """
    page = _Page(text)
    candidate = page.head()
    if title is None and candidate is not None and title_problem(candidate) is None:
        title = candidate
    page.tail()
    page.anywhere(title)
    return page.furniture(), title


def no_title_reason(text: str) -> str:
    """Why no headline was found in ``text``: said in the I001 message, so the fix is obvious."""
    candidate = _Page(text).head()
    if candidate is None:
        return f"the first {_HEAD} lines are date lines or bylines"
    reason = title_problem(candidate)
    return reason.replace("the first line", f"the line {candidate[:40]!r}") if reason else "no headline line"


def furniture_share(text: str, furniture: list[Furniture]) -> float:
    """The share of the text's non-space characters that lie on furniture."""
    total = _ink(text)
    marked = sum(_ink(piece.text) for piece in furniture)
    return marked / total if total else 0.0


def _ink(text: str) -> int:
    """The characters of ``text`` that are not spaces, tabs or line breaks (counted alike on both sides
    of the share: a tab inside a headline made it 111 %)."""
    return len(text) - sum(map(text.count, " \t\r\n"))
