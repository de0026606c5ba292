"""What a rule is given: one document file, or one annotation of it, with indexes built once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from claimkit.model import Annotation, Claim, Cue, Document, DocumentFile, Source, Span
from claimkit.textutil import QuotedRegions

__all__ = ["AnnotationContext", "DocumentContext", "annotation_pointers"]


def annotation_pointers(file: DocumentFile) -> Iterator[tuple[str, Annotation]]:
    """Every annotation of a file with its JSON pointer: the annotators' first, then the gold."""
    for index, annotation in enumerate(file.annotations):
        yield f"/annotations/{index}", annotation
    if file.gold is not None:
        yield "/gold", file.gold


@dataclass(eq=False)
class DocumentContext:
    """A whole document file. ``path`` is the file it was read from, when there is one."""

    file: DocumentFile
    path: str | None = None

    @property
    def document(self) -> Document:
        return self.file.document

    @cached_property
    def quotes(self) -> QuotedRegions:
        return QuotedRegions(self.document.text)

    def annotations(self) -> Iterator[tuple[str, AnnotationContext]]:
        """A context for each annotation, with its pointer, sharing this document's indexes."""
        for pointer, annotation in annotation_pointers(self.file):
            yield pointer, AnnotationContext(self, annotation)

    @cached_property
    def span_groups(self) -> list[tuple[str, list[Span]]]:
        """Every list of spans in the file with the pointer of the list: furniture, mentions, cues, claims.

        The pointer of one span is ``f"{group_pointer}/{index}"``, formatted only when a rule reports it.
        """
        groups: list[tuple[str, list[Span]]] = [("/document/furniture", list(self.document.furniture))]
        for pointer, annotation in annotation_pointers(self.file):
            for s_index, source in enumerate(annotation.sources):
                groups.append((f"{pointer}/sources/{s_index}/mentions", source.mentions))
            groups.append((f"{pointer}/cues", list(annotation.cues)))
            groups.append((f"{pointer}/claims", list(annotation.claims)))
        return groups

    @cached_property
    def suspect_spans(self) -> list[tuple[str, Span]]:
        """Spans whose ``text`` is not exactly the non-empty text they cover, with their pointers.

        ``text[start:end] == span.text`` with ``len(span.text) == end - start > 0`` implies that the
        span is inside the text, in order and matches, so rules O001-O003 only look at these.
        """
        return self._classify_spans[0]

    @cached_property
    def padded_spans(self) -> list[tuple[str, Span]]:
        """Spans inside the text whose covered text starts or ends with whitespace."""
        return self._classify_spans[1]

    @cached_property
    def _classify_spans(self) -> tuple[list[tuple[str, Span]], list[tuple[str, Span]]]:
        text = self.document.text
        starts_with = text.startswith
        suspects, padded = [], []
        for group, spans in self.span_groups:
            for index, span in enumerate(spans):
                covered, start, end = span.text, span.start, span.end
                if not (starts_with(covered, start) and 0 < len(covered) == end - start):
                    suspects.append((f"{group}/{index}", span))
                    if not start < end <= len(text):
                        continue
                    covered = text[start:end]
                if covered.strip() != covered:
                    padded.append((f"{group}/{index}", span))
        return suspects, padded


class AnnotationContext:
    """One annotation and the document it belongs to; pointers of findings are relative to it."""

    def __init__(self, parent: DocumentContext, annotation: Annotation) -> None:
        self.parent = parent
        self.document: Document = parent.document
        self.annotation = annotation

    @property
    def quotes(self) -> QuotedRegions:
        return self.parent.quotes

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {source.id: source for source in self.annotation.sources}

    @cached_property
    def cues(self) -> dict[str, Cue]:
        return {cue.id: cue for cue in self.annotation.cues}

    @cached_property
    def claims(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.annotation.claims}

    def claim_items(self) -> Iterator[tuple[int, Claim]]:
        """Claims with their index in the annotation, in file order."""
        return enumerate(self.annotation.claims)
