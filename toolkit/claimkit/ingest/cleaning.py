"""What ingest may do to a text before any offset exists, each only when asked: take it out of its
HTML (``--html``), remove invisible bidi controls (``--strip-bidi``), compose its letters (``--nfc``).

Without them the text is kept exactly as given (see :mod:`claimkit.ingest.document`); validation then
says what is left (D011 markup, D004 bidi controls, D014 decomposed letters).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from html import unescape
from typing import Any

from claimkit.textutil import BIDI_CONTROLS

__all__ = ["clean", "html_to_text"]

_BIDI_TABLE = {ord(char): None for char in BIDI_CONTROLS}

#: Elements that end a paragraph: the text before and after them are paragraphs of their own.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
#: Elements whose content is no text of the article and holds no tags (scripts, styles, the page's title):
#: skipped to their end tag, or to the end of the text when it has none, as a browser does.
_RAW = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "title", "textarea")}
#: Elements whose content, tags and all, is no text of the article: embedded documents, fallbacks.
_HIDDEN = frozenset(["noscript", "template", "svg", "math", "iframe", "object", "select", "head"])
#: A start or end tag: a name, then attributes whose quoted values may hold ``>``; no ``<`` inside,
#: so that every attempt ends at the next ``<`` at the latest and the whole text is read in linear time.
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:[\s/](?:[^<>"']|"[^"<]*"|'[^'<]*')*)?>""")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def _skipped(html: str, start: int) -> int | None:
    """Where a comment, a doctype, a processing instruction or CDATA that opens at ``start`` ends (the
    end of the text when it does not), ``None`` when none opens there."""
    if html.startswith("<!--", start):
        end = html.find("-->", start + 4)
        return len(html) if end < 0 else end + 3
    if html.startswith(("<!", "<?"), start):
        end = html.find(">", start + 2)
        return len(html) if end < 0 else end + 1
    return None


class _Paragraphs:
    """Paragraphs of lines, made from the pieces of an HTML text in order (pieces are joined once, at
    the end: a line grown piece by piece would be copied again at every piece)."""

    def __init__(self) -> None:
        self.paragraphs: list[list[list[str]]] = [[[]]]  # paragraphs of lines of pieces
        self.hidden = 0

    def data(self, text: str) -> None:
        if self.hidden:
            return
        first, *others = _BLANK_LINE.split(unescape(text))  # a CMS body may part paragraphs by blank lines
        self.paragraphs[-1][-1].append(first)
        self.paragraphs.extend([[piece]] for piece in others)

    def tag(self, name: str, closing: bool) -> None:
        if name in _HIDDEN:
            self.hidden = max(0, self.hidden + (-1 if closing else 1))
        elif self.hidden:
            return
        elif name == "br":
            self.paragraphs[-1].append([])
        elif name in _BLOCKS:
            self.paragraphs.append([[]])

    def text(self) -> str:
        return "\n\n".join(filter(None, map(_paragraph, self.paragraphs)))


def _paragraph(lines: list[list[str]]) -> str:
    return "\n".join(filter(None, (" ".join("".join(pieces).split()) for pieces in lines)))


def html_to_text(html: str) -> str:
    """The text of an HTML fragment or page, as paragraphs apart by a blank line: block elements and
    blank lines part paragraphs, ``<br>`` lines, white space inside a line is one space, character
    references are decoded, comments, scripts, styles and embedded documents are left out. Read in
    linear time whatever the input (Python's ``HTMLParser`` took 9 minutes over 600 KB of ``<a<a<a``)."""
    paragraphs, position, size = _Paragraphs(), 0, len(html)
    while position < size:
        opening = html.find("<", position)
        if opening < 0:
            opening = size
        paragraphs.data(html[position:opening])
        if opening == size:
            break
        if (skipped := _skipped(html, opening)) is not None:
            position = skipped
            continue
        tag = _TAG.match(html, opening)
        if tag is None:  # a < that opens no tag is text
            paragraphs.data("<")
            position = opening + 1
            continue
        name, closing, position = tag[2].lower(), bool(tag[1]), tag.end()
        if name in _RAW and not closing and not tag[0].endswith("/>"):
            end = _RAW[name].search(html, position)
            position = size if end is None else end.end()
            continue
        paragraphs.tag(name, closing)
    return paragraphs.text()


def clean(
    text: str, metadata: Mapping[str, Any], *, html: bool = False, strip_bidi: bool = False, nfc: bool = False
) -> tuple[str, Mapping[str, Any]]:
    """The text and the metadata (a given title: the text of its HTML, composed) as asked."""
    title = metadata.get("title")
    if html:
        text = html_to_text(text)
        title = html_to_text(title) if isinstance(title, str) else title
    if strip_bidi:
        text = text.translate(_BIDI_TABLE)
    if nfc:
        text = unicodedata.normalize("NFC", text)
        title = unicodedata.normalize("NFC", title) if isinstance(title, str) else title
    return text, ({**metadata, "title": title} if title is not metadata.get("title") else metadata)
