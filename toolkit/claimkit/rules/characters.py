"""Rules about the characters of a document's text (D): what is invisible, not text, markup, or
written in another form of Unicode than the one readers and tools expect.

Offsets are counted on the text as it is, so none of these can be mended in an annotated document:
each says what to do before annotation, when the text is ingested.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from claimkit.issues import Severity
from claimkit.rules.context import DocumentContext
from claimkit.rules.registry import Finding, Scope, rule
from claimkit.textutil import find_bidi_controls

__all__: list[str] = []


@rule(
    "D004",
    "bidi-control-character",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Remove the character before annotation (claimkit ingest --strip-bidi), then re-ingest.",
)
def bidi_control_character(ctx: DocumentContext) -> Iterator[Finding]:
    """The text holds an invisible bidirectional control character.

    Marks, embeddings, overrides and isolates (U+200E, U+202A-U+202E, U+2066-U+2069...) are
    invisible, change how text is displayed, and make identical-looking spans differ.
    """
    for offset, name in find_bidi_controls(ctx.document.text):
        yield Finding("/document/text", f"invisible {name} at offset {offset}")


#: C0 and C1 control characters other than tab, LF and CR (U+0085, NEL, is one: a JSON Lines line ends at LF).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@rule(
    "D012",
    "control-character",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Remove the characters from the source (they are not text: a damaged file or a bad conversion), then "
    "re-ingest: offsets are counted on the text as it is, so it cannot be cleaned after annotation.",
)
def control_character(ctx: DocumentContext) -> Iterator[Finding]:
    """The text holds a control character (U+0000-U+001F other than tab, LF and CR; U+007F-U+009F).

    Control characters are not text: they come from damaged files and bad conversions (a NUL from a
    binary read, U+0085 or U+0096 from Windows-1252 read as Latin-1). Annotators cannot see them, and
    PostgreSQL, which a Label Studio server may store its tasks in, cannot hold U+0000 in text.
    Reported once per text, at the first.
    """
    found = _CONTROL.search(ctx.document.text)
    if found is not None:
        count = len(_CONTROL.findall(ctx.document.text))
        where = f"U+{ord(found.group()):04X} at offset {found.start()}"
        yield Finding("/document/text", f"a control character, {where} ({count} in all)")


#: An HTML tag (<p>, </p>, <br/>, <a href=...>) or character reference (&nbsp; &quot; &#1575;).
_MARKUP = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,200})?/?>|&(?:[A-Za-z]{2,8}|#[0-9]{2,6}|#x[0-9A-Fa-f]{2,5});"
)


@rule(
    "D011",
    "markup-in-text",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Before annotation, delete the document file and ingest the text again with `claimkit ingest --html` (tags "
    "removed, paragraphs kept, &nbsp; &quot; and the like decoded): offsets are counted on the text as it is, so it "
    "cannot be cleaned after annotation.",
)
def markup_in_text(ctx: DocumentContext) -> Iterator[Finding]:
    """The text holds HTML tags or character references (`<p>`, `<br/>`, `&nbsp;`, `&quot;`).

    A page scraped without its HTML taken out: annotators see the markup in Label Studio, and the
    pre-annotator reads `nbsp` as a word (a speaker named «nbsp»). Reported once per text, at the first.
    """
    found = _MARKUP.search(ctx.document.text)
    if found is not None:
        count = sum(1 for _ in _MARKUP.finditer(ctx.document.text))
        yield Finding(
            "/document/text", f"{found.group()!r} at offset {found.start()} ({count} pieces of markup in all)"
        )


@rule(
    "D014",
    "decomposed-letters",
    Severity.WARNING,
    Scope.DOCUMENT,
    fix="Before annotation, delete the document file and ingest the text again with `claimkit ingest --nfc` (it "
    "composes the letters: Unicode NFC); an annotated document keeps its text, since its offsets are counted on it.",
)
def decomposed_letters(ctx: DocumentContext) -> Iterator[Finding]:
    """The text writes letters as a base letter and a combining mark that Unicode composes into one.

    `ا` followed by hamza above (U+0627 U+0654) looks like `أ` (U+0623) but is another string, as
    `ا` with maddah (U+0653) is not `آ`: pages converted on some systems (macOS file names, old
    publishing software) arrive decomposed. A search for أكد does not find it, a duplicate of the
    same article in the usual form is not an exact duplicate, and a model sees other tokens.
    Marks in another order than Unicode's (shadda before fatha, as most keyboards type them) are not
    reported: they change no letter. Reported once per text, at the first.
    """
    text = ctx.document.text
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return
    found = _first_composed(text)
    if found is not None:
        offset, letters = found
        composed = _code_points(unicodedata.normalize("NFC", letters))
        written = _code_points(letters)
        yield Finding(
            "/document/text", f"letters written decomposed, the first at offset {offset}: {written} for {composed}"
        )


def _first_composed(text: str) -> tuple[int, str] | None:
    """The offset and the characters (a base and its marks) of the first cluster that NFC shortens, each
    cluster looked at once (a text of a letter and 100,000 marks stays linear); ``None`` when none does
    (marks only reordered, or a text NFC changes otherwise)."""
    offset, size = 0, len(text)
    while offset < size:
        end = offset + 1
        while end < size and unicodedata.combining(text[end]):
            end += 1
        cluster = text[offset:end]
        if end - offset > 1 and len(unicodedata.normalize("NFC", cluster)) < len(cluster):
            return offset, cluster
        offset = end
    return None


#: The most code points of a cluster a message spells out.
_SHOWN = 4


def _code_points(chars: str) -> str:
    shown = " ".join(f"U+{ord(char):04X}" for char in chars[:_SHOWN])
    more = f" … ({len(chars):,} code points)" if len(chars) > _SHOWN else f" ({chars})"
    return shown + more
