"""Proposing on one sentence of wire copy, and what the tests compare of a proposal."""

from __future__ import annotations

from claimkit.model import Annotation, Document, text_sha256
from claimkit.preannotate import propose
from claimkit.taxonomy import SourceKind

__all__ = ["kinds_and_claims", "proposal"]


def proposal(text: str) -> Annotation:
    """The proposal for ``text`` as a whole document."""
    document = Document(id="wire", title="t", text=text, text_sha256=text_sha256(text), language="ar", outlet="o")
    return propose(document)


def kinds_and_claims(annotation: Annotation) -> list[tuple[str, SourceKind | None, str]]:
    """(first mention, kind, claim text) of each claim that has a source."""
    sources = {s.id: (s.mentions[0].text, s.kind) for s in annotation.sources}
    return [(*sources[c.source], c.text) for c in annotation.claims if c.source]
