"""The rows of each release config, from one document and its gold annotation (pure Python).

Column order and meaning are the contract of the released dataset; ``features.py`` types them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from claimkit.model import Annotation, Claim, Document, Source, Span
from claimkit.textutil import sentence_bounds

__all__ = ["claim_rows", "document_row", "document_rows", "sentence_rows", "source_rows"]

Row = dict[str, Any]


def _span(span: Span) -> Row:
    return {"start": span.start, "end": span.end, "text": span.text}


def _value(value: Any) -> Any:
    return None if value is None else getattr(value, "value", value)


def _claim(claim: Claim) -> Row:
    return {
        "id": claim.id,
        **_span(claim),
        "category": claim.category.value,
        "source": claim.source,
        "cue": claim.cue,
        "quote": claim.quote.value,
        "certainty": claim.certainty.value,
        "polarity": claim.polarity.value,
        "parent": claim.parent,
        "content_type": _value(claim.content_type),
        "event_date": claim.event_date.isoformat() if claim.event_date else None,
        "comment": claim.comment,
    }


def _source(source: Source) -> Row:
    return {
        "id": source.id,
        "name": source.name,
        "kind": _value(source.kind),
        "naming": _value(source.naming),
        "role": source.role,
        "affiliation": source.affiliation,
        "mentions": [_span(m) for m in source.mentions],
    }


def _metadata(document: Document) -> Row:
    return {
        "title": document.title,
        "outlet": document.outlet,
        "url": document.url,
        "published": document.published.isoformat() if document.published else None,
        "language": document.language,
        "license": document.license,
    }


def document_row(document: Document, gold: Annotation) -> Row:
    """``documents``: the whole document with its claims, sources and cues nested."""
    return {
        "id": document.id,
        **_metadata(document),
        "text": document.text,
        "text_sha256": document.text_sha256,
        "furniture": [{"kind": f.kind.value, **_span(f)} for f in document.furniture],
        "sources": [_source(s) for s in gold.sources],
        "cues": [{"id": c.id, **_span(c)} for c in gold.cues],
        "claims": [_claim(c) for c in gold.claims],
        "guideline_version": gold.guideline_version,
        "adjudication": _value(gold.adjudication.method) if gold.adjudication else None,
    }


def document_rows(document: Document, gold: Annotation) -> list[Row]:
    """``documents``: one row, the whole document."""
    return [document_row(document, gold)]


class _Sentences:
    def __init__(self, text: str) -> None:
        self.bounds = sentence_bounds(text)
        self.starts = [start for start, _ in self.bounds]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """From the start of the sentence holding ``start`` to the end of the one holding ``end - 1``."""
        first = max(0, bisect_right(self.starts, start) - 1)
        last = max(0, bisect_right(self.starts, end - 1) - 1)
        return min(self.bounds[first][0], start), max(self.bounds[last][1], end)


def claim_rows(document: Document, gold: Annotation) -> list[Row]:
    """``claims``: one row per claim, with its sentence context and its source and cue spelled out."""
    sentences = _Sentences(document.text)
    sources = {s.id: s for s in gold.sources}
    cues = {c.id: c for c in gold.cues}
    rows = []
    for claim in gold.claims:
        source, cue = sources.get(claim.source or ""), cues.get(claim.cue or "")
        context_start, context_end = sentences.around(claim.start, claim.end)
        row = _claim(claim)
        rows.append(
            {
                "doc_id": document.id,
                "claim_id": row.pop("id"),
                **row,
                "sentence": document.text[context_start:context_end],
                "sentence_start": context_start,
                "sentence_end": context_end,
                "source_name": source.name if source else None,
                "source_kind": _value(source.kind) if source else None,
                "source_naming": _value(source.naming) if source else None,
                "cue_text": cue.text if cue else None,
                "cue_start": cue.start if cue else None,
                "cue_end": cue.end if cue else None,
                "published": document.published.isoformat() if document.published else None,
            }
        )
    return rows


def source_rows(document: Document, gold: Annotation) -> list[Row]:
    """``sources``: one row per source entity, with its mentions and the claims it makes."""
    rows = []
    for source in gold.sources:
        claims = [c.id for c in gold.claims if c.source == source.id]
        row = _source(source)
        rows.append({"doc_id": document.id, "source_id": row.pop("id"), **row, "claim_ids": claims})
    return rows


def sentence_rows(document: Document, gold: Annotation) -> list[Row]:
    """``sentences``: every sentence of the article body with the categories of the claims in it."""
    furniture = [(f.start, f.end) for f in document.furniture]
    rows = []
    for index, (start, end) in enumerate(sentence_bounds(document.text)):
        if any(f_start < end and start < f_end for f_start, f_end in furniture):
            continue
        categories = sorted({c.category.value for c in gold.claims if c.start < end and start < c.end})
        rows.append(
            {
                "doc_id": document.id,
                "index": index,
                "start": start,
                "end": end,
                "text": document.text[start:end],
                "categories": categories,
                "has_claim": bool(categories),
            }
        )
    return rows
