"""Hypothesis strategies for document files: Arabic with diacritics and tatweel, emoji, CRLF line
breaks, quotation marks, overlapping spans, nested claims, unnamed and multi-mention sources."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from claimkit.model import Annotation, Claim, Cue, Document, DocumentFile, Source, Span, text_sha256
from claimkit.taxonomy import Certainty, ClaimCategory, ContentType, Polarity, QuoteType, SourceKind, SourceNaming

ARABIC = [chr(c) for c in range(0x0621, 0x064B)]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0640"]  # harakat, shadda, sukun, tatweel
PIECES = st.one_of(
    st.sampled_from(ARABIC),
    st.sampled_from(ARABIC).flatmap(lambda c: st.sampled_from(DIACRITICS).map(lambda d: c + d)),
    st.sampled_from([" ", " ", "\r\n", "\n", "«", "»", '"', "،", ".", "؟", "🙂", "🇸🇾", "👩🏽‍⚕️", "7", "x"]),
)
TEXTS = st.lists(PIECES, min_size=8, max_size=120).map("".join)
FREE_TEXT = st.text(alphabet=st.sampled_from([*ARABIC[:10], " ", "x", "\n", "🙂"]), min_size=1, max_size=12).filter(
    lambda s: s.strip() != ""
)


def spans(text: str) -> st.SearchStrategy[Span]:
    return (
        st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text)))
        .filter(lambda pair: pair[0] < pair[1])
        .map(lambda pair: Span(start=pair[0], end=pair[1], text=text[pair[0] : pair[1]]))
    )


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def annotations(draw: st.DrawFn, text: str, annotator: str = "ann-test") -> Annotation:
    """An annotation whose every reference resolves (cycles and odd categories are allowed)."""
    sources = []
    for index in range(draw(st.integers(0, 3))):
        mentions = draw(st.lists(spans(text), min_size=1, max_size=3))
        name = draw(st.one_of(st.just(mentions[0].text), FREE_TEXT))
        sources.append(
            Source(
                id=f"s{index}",
                name=name,
                mentions=mentions,
                kind=draw(_optional(st.sampled_from(SourceKind))),
                naming=draw(_optional(st.sampled_from(SourceNaming))),
                role=draw(_optional(FREE_TEXT)),
                affiliation=draw(_optional(FREE_TEXT)),
            )
        )
    cues = [Cue(id=f"q{i}", **draw(spans(text)).model_dump()) for i in range(draw(st.integers(0, 3)))]
    claims: list[Claim] = []
    count = draw(st.integers(0, 5))
    for index in range(count):
        others = [f"c{i}" for i in range(count) if i != index]
        claims.append(
            Claim(
                id=f"c{index}",
                **draw(spans(text)).model_dump(),
                category=draw(st.sampled_from(ClaimCategory)),
                source=draw(_optional(st.sampled_from([s.id for s in sources]))) if sources else None,
                cue=draw(_optional(st.sampled_from([c.id for c in cues]))) if cues else None,
                quote=draw(st.sampled_from(QuoteType)),
                certainty=draw(st.sampled_from(Certainty)),
                polarity=draw(st.sampled_from(Polarity)),
                parent=draw(_optional(st.sampled_from(others))) if others else None,
                content_type=draw(_optional(st.sampled_from(ContentType))),
                event_date=draw(_optional(st.dates(date(1990, 1, 1), date(2030, 12, 31)))),
                comment=draw(_optional(FREE_TEXT)),
            )
        )
    comment = draw(_optional(FREE_TEXT))
    return Annotation(annotator=annotator, sources=sources, cues=cues, claims=claims, comment=comment)


@st.composite
def document_files(draw: st.DrawFn) -> DocumentFile:
    text = draw(TEXTS.filter(lambda t: t.strip() != ""))
    document = Document(
        id="doc-" + draw(st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=8)),
        title="عنوان",
        text=text,
        text_sha256=text_sha256(text),
        language="ar",
        outlet="موقع",
    )
    annotators = draw(st.lists(st.sampled_from(["ann-a", "ann-b", "ann-c"]), max_size=3, unique=True))
    return DocumentFile(
        document=document,
        annotations=[draw(annotations(text, name)) for name in annotators],
        gold=draw(_optional(annotations(text, "maintainers"))),
    )
