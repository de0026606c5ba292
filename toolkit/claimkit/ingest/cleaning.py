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
        "caption",
        "center",
        "details",
        "fieldset",
        "form",
        "legend",
        "summary",
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
#: Elements whose content, tags and all, is no text of the article (scripts, styles, the page's head,
#: embedded documents, fallbacks): skipped to their end tag (the head also to <body>). One that never
#: ends hides nothing: its start tag is dropped and what follows is read, never lost unsaid.
_SKIPPED = {
    name: re.compile(rf"</{name}\s*>" + (r"|<body\b" if name == "head" else ""), re.IGNORECASE)
    for name in (
        *("script", "style", "title", "textarea", "noscript", "template"),
        *("svg", "math", "iframe", "object", "select", "head"),
    )
}
#: A start or end tag: a name, then attributes whose quoted values may hold ``>``; no ``<`` inside,
#: so that every attempt ends at the next ``<`` at the latest and the whole text is read in linear time.
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:[\s/](?:[^<>"']|"[^"<]*"|'[^'<]*')*)?>""")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


class _Ends:
    """Where the next end of each kind is (a comment's ``-->``, a declaration's ``>``, an element's end
    tag), each searched forward once and remembered: a text of a thousand unclosed ``<script>`` or
    ``<!--`` is still read in linear time."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.found: dict[str, tuple[int, int | None]] = {}  # kind -> (searched from, end found or None)

    def after(self, kind: str, position: int) -> int | None:
        """The offset after the first end of ``kind`` at or after ``position``; ``None`` when there is none."""
        searched = self.found.get(kind)
        if searched is not None and position >= searched[0] and (searched[1] is None or searched[1] > position):
            return searched[1]
        found = self._search(kind, position)
        self.found[kind] = (position, found)
        return found

    def _search(self, kind: str, position: int) -> int | None:
        if kind in _SKIPPED:
            match = _SKIPPED[kind].search(self.html, position)
            if match is None:
                return None
            return match.start() if match.group().lower().startswith("<body") else match.end()  # <body> is read
        offset = self.html.find(kind, position)
        return None if offset < 0 else offset + len(kind)


def _declaration_end(html: str, start: int, ends: _Ends) -> int | None:
    """Where a comment, a doctype, a processing instruction or CDATA that opens at ``start`` ends;
    ``None`` when none opens there, or when it never ends (its ``<`` is then read as text)."""
    for empty in ("<!-->", "<!--->"):  # empty comments
        if html.startswith(empty, start):
            return start + len(empty)
    if html.startswith("<!--", start):
        return ends.after("-->", start + 4)
    if html.startswith(("<!", "<?"), start):
        return ends.after(">", start + 2)
    return None


class _Paragraphs:
    """Paragraphs of lines, made from the pieces of an HTML text in order (pieces are joined once, at
    the end: a line grown piece by piece would be copied again at every piece)."""

    def __init__(self) -> None:
        self.paragraphs: list[list[list[str]]] = [[[]]]  # paragraphs of lines of pieces
        self.preformatted = 0  # inside <pre>: a line break of the text is one of the article

    def data(self, text: str) -> None:
        first, *others = _BLANK_LINE.split(unescape(text))  # a CMS body may part paragraphs by blank lines
        self._lines(first)
        for piece in others:
            self.paragraphs.append([[]])
            self._lines(piece)

    def _lines(self, text: str) -> None:
        first, *others = text.split("\n") if self.preformatted else (text,)
        self.paragraphs[-1][-1].append(first)
        self.paragraphs[-1].extend([piece] for piece in others)

    def tag(self, name: str, closing: bool) -> None:
        if name == "pre":
            self.preformatted = max(0, self.preformatted + (-1 if closing else 1))
        if name == "br":
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
    references are decoded, comments, scripts, styles, the head and embedded documents are left out
    (one that never ends hides nothing). Read in linear time whatever the input (Python's
    ``HTMLParser`` took 9 minutes over 600 KB of ``<a<a<a``)."""
    paragraphs, position, size, ends = _Paragraphs(), 0, len(html), _Ends(html)
    while position < size:
        opening = html.find("<", position)
        if opening < 0:
            opening = size
        paragraphs.data(html[position:opening])
        if opening == size:
            break
        if (declared := _declaration_end(html, opening, ends)) is not None:
            position = declared
            continue
        tag = _TAG.match(html, opening)
        if tag is None:  # a < that opens no tag, or a declaration that never ends, is text
            paragraphs.data("<")
            position = opening + 1
            continue
        name, closing, position = tag[2].lower(), bool(tag[1]), tag.end()
        if name in _SKIPPED and not closing and not tag[0].endswith("/>"):
            position = ends.after(name, position) or position  # never ended: only the start tag goes
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
