"""Tiny documents for agreement tests: claims given as (start, end, category[, source name])."""

from __future__ import annotations

from claimkit.model import Annotation, Claim, Document, DocumentFile, Source, Span, text_sha256
from claimkit.taxonomy import ClaimCategory, QuoteType, SourceKind

TEXT = "أ" * 120
NAMES = {"A": (100, 105), "B": (110, 115)}  # two speakers' mention spans


def annotation(annotator: str, *claims: tuple, lead_time: float | None = None) -> Annotation:  # type: ignore[type-arg]
    sources: dict[str, Source] = {}
    built = []
    for number, (start, end, category, *speaker) in enumerate(claims):
        source_id = None
        if speaker:
            name = speaker[0]
            s, e = NAMES[name]
            kind = SourceKind.GOVERNMENT if category == "official_statement" else SourceKind.ANALYST
            sources.setdefault(
                name, Source(id=f"s{name}", name=name, kind=kind, mentions=[Span(start=s, end=e, text=TEXT[s:e])])
            )
            source_id = f"s{name}"
        built.append(
            Claim(
                id=f"c{number}",
                start=start,
                end=end,
                text=TEXT[start:end],
                category=ClaimCategory(category),
                source=source_id,
                quote=QuoteType.INDIRECT if source_id else QuoteType.NONE,
            )
        )
    return Annotation(annotator=annotator, sources=list(sources.values()), claims=built, lead_time=lead_time)


def document(*annotations: Annotation, doc_id: str = "doc") -> DocumentFile:
    doc = Document(id=doc_id, title="t", text=TEXT, text_sha256=text_sha256(TEXT), language="ar", outlet="o")
    return DocumentFile(document=doc, annotations=list(annotations))
