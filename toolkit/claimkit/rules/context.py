"""What a rule is given: one document file, or one annotation of it, with indexes built once.

Validation runs on every file in CI, so the contexts also offer *columns*: the fields rules read,
extracted once per annotation with C-level ``itemgetter``/``zip``. A rule first asks a cheap
whole-annotation question of the columns (a set difference, a membership test) and loops over
claims in Python only when there is something to report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from operator import eq, getitem, itemgetter, methodcaller, sub
from typing import Any, Generic, TypeVar, overload

from claimkit.model import Annotation, Claim, Cue, Document, DocumentFile, Source, Span
from claimkit.textutil import QuotedRegions, may_split

__all__ = ["AnnotationContext", "ClaimColumns", "DocumentContext", "annotation_pointers", "cached"]

T = TypeVar("T")


class cached(Generic[T]):
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first access,
    which costs more than most rules here; contexts are never shared between threads)."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> cached[T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object | None, owner: type) -> T | cached[T]:
        if instance is None:
            return self
        value = self.compute(instance)
        instance.__dict__[self.name] = value
        return value


# Fields are read from each model's ``__dict__`` (where pydantic keeps them): BaseModel defines
# ``__getattr__``, which sends every attribute read through CPython's slow lookup hook.
_SPAN_FIELDS = itemgetter("text", "start", "end")
_CLAIM_FIELDS = itemgetter("id", "source", "cue", "parent", "category", "quote", "start", "end")


def annotation_pointers(file: DocumentFile) -> Iterator[tuple[str, Annotation]]:
    """Every annotation of a file with its JSON pointer: the annotators', the gold, then the predictions."""
    for index, annotation in enumerate(file.annotations):
        yield f"/annotations/{index}", annotation
    if file.gold is not None:
        yield "/gold", file.gold
    for index, annotation in enumerate(file.predictions):
        yield f"/predictions/{index}", annotation


def _all_exact(text: str, spans: list[Span]) -> tuple[bool, bool]:
    """(every span covers exactly its non-empty ``text``, no such span has surrounding whitespace)."""
    if not spans:
        return True, True
    texts, starts, ends = zip(*map(_SPAN_FIELDS, map(vars, spans)), strict=True)
    exact = (
        all(texts)
        and all(map(text.startswith, texts, starts))
        and all(map(eq, map(len, texts), map(sub, ends, starts)))
    )
    return exact, list(map(str.strip, texts)) == list(texts)


@lru_cache(maxsize=64)
def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


_TEXT = itemgetter("text")
_OPENING = slice(0, 48)  # enough for two words
_SPLIT_TWO = methodcaller("split", None, 2)


@dataclass(eq=False)
class DocumentContext:
    """A whole document file. ``path`` is the file it was read from, when there is one."""

    file: DocumentFile
    path: str | None = None

    @property
    def document(self) -> Document:
        return self.file.document

    @cached
    def quotes(self) -> QuotedRegions:
        return QuotedRegions(self.document.text)

    def annotations(self) -> Iterator[tuple[str, AnnotationContext]]:
        """A context for each annotation, with its pointer, sharing this document's indexes."""
        for pointer, annotation in annotation_pointers(self.file):
            yield pointer, AnnotationContext(self, annotation)

    @cached
    def span_groups(self) -> list[tuple[str, list[Span]]]:
        """Every list of spans in the file with the pointer of the list: furniture, mentions, cues, claims.

        The pointer of one span is ``f"{group_pointer}/{index}"``, formatted only when a rule reports it.
        """
        groups: list[tuple[str, list[Span]]] = [("/document/furniture", list(self.document.furniture))]
        for pointer, annotation in annotation_pointers(self.file):
            for s_index, source in enumerate(annotation.sources):
                groups.append((f"{pointer}/sources/{s_index}/mentions", list(source.mentions)))
            groups.append((f"{pointer}/cues", list(annotation.cues)))
            groups.append((f"{pointer}/claims", list(annotation.claims)))
        return groups

    @cached
    def span_bounds(self) -> tuple[frozenset[int], frozenset[int]]:
        """The distinct start and end offsets of the spans that lie inside the text, in order, where
        a boundary could split a mark, a word or a character (:func:`~claimkit.textutil.may_split`).

        Annotators of one document mostly share their boundaries: a boundary rule tests each
        offset once here, then looks for the spans only when one offset is flagged.
        """
        text = self.document.text
        size = len(text)
        inside = [s for _, spans in self.span_groups for s in spans if 0 <= s.start < s.end <= size]
        return may_split(text, {s.start for s in inside}), may_split(text, {s.end for s in inside})

    @cached
    def _spans_clean(self) -> tuple[bool, bool]:
        spans = list(chain.from_iterable(spans for _, spans in self.span_groups))
        return _all_exact(self.document.text, spans)

    @cached
    def suspect_spans(self) -> list[tuple[str, Span]]:
        """Spans whose ``text`` is not exactly the non-empty text they cover, with their pointers.

        ``text[start:end] == span.text`` with ``len(span.text) == end - start > 0`` implies that the
        span is inside the text, in order and matches, so rules O001-O003 only look at these.
        """
        if self._spans_clean[0]:
            return []
        starts_with = self.document.text.startswith
        return [
            (f"{group}/{index}", span)
            for group, spans in self.span_groups
            for index, span in enumerate(spans)
            if not (starts_with(span.text, span.start) and 0 < len(span.text) == span.end - span.start)
        ]

    @cached
    def padded_spans(self) -> list[tuple[str, Span]]:
        """Spans inside the text whose covered text starts or ends with whitespace."""
        if all(self._spans_clean):
            return []
        text = self.document.text
        found = []
        for group, spans in self.span_groups:
            for index, span in enumerate(spans):
                if not 0 <= span.start < span.end <= len(text):
                    continue
                covered = text[span.start : span.end]
                if covered.strip() != covered:
                    found.append((f"{group}/{index}", span))
        return found


@dataclass(frozen=True)
class ClaimColumns:
    """The fields of an annotation's claims, one tuple per field, in claim order."""

    ids: tuple[str, ...]
    sources: tuple[str | None, ...]
    cues: tuple[str | None, ...]
    parents: tuple[str | None, ...]
    categories: tuple[Any, ...]
    quotes: tuple[Any, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


class AnnotationContext:
    """One annotation and the document it belongs to; pointers of findings are relative to it."""

    def __init__(self, parent: DocumentContext, annotation: Annotation) -> None:
        self.parent = parent
        self.document: Document = parent.document
        self.annotation = annotation

    @property
    def quotes(self) -> QuotedRegions:
        return self.parent.quotes

    @property
    def is_gold(self) -> bool:
        """Whether this is the file's gold annotation (what a release publishes)."""
        return self.annotation is self.parent.file.gold

    @cached
    def columns(self) -> ClaimColumns:
        claims = self.annotation.claims
        if not claims:
            return ClaimColumns((), (), (), (), (), (), (), ())
        return ClaimColumns(*zip(*map(_CLAIM_FIELDS, map(vars, claims)), strict=True))

    @cached
    def sources(self) -> dict[str, Source]:
        return {source.id: source for source in self.annotation.sources}

    @cached
    def cues(self) -> dict[str, Cue]:
        return {cue.id: cue for cue in self.annotation.cues}

    @cached
    def claims(self) -> dict[str, Claim]:
        return dict(zip(self.columns.ids, self.annotation.claims, strict=True))

    @cached
    def edge_characters(self) -> frozenset[str]:
        """The first and last characters of every claim span inside the text (a fast-path question)."""
        text, columns = self.document.text, self.columns
        if not columns.ids or max(columns.ends) > len(text) or min(map(sub, columns.ends, columns.starts)) <= 0:
            return frozenset(text[s] for s, e in zip(columns.starts, columns.ends, strict=True) if s < e <= len(text))
        ends = map(sub, columns.ends, repeat(1))
        return frozenset(map(text.__getitem__, columns.starts)) | frozenset(map(text.__getitem__, ends))

    @cached
    def claim_openings(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The first words and the second words of the claim spans ("" where there is none), in claim order."""
        openings = map(getitem, map(_TEXT, map(vars, self.annotation.claims)), repeat(_OPENING))
        words = list(map(_SPLIT_TWO, openings))
        return tuple(w[0] if w else "" for w in words), tuple(w[1] if len(w) > 1 else "" for w in words)

    def follows(self, version: str) -> bool:
        """Whether the annotation was made under guidelines ``version`` or a later one.

        Rules for conventions a guideline version introduced ask this, so that older annotations are
        judged by the guidelines they followed.
        """
        return _version_key(self.annotation.guideline_version) >= _version_key(version)

    def claim_items(self) -> Iterator[tuple[int, Claim]]:
        """Claims with their index in the annotation, in file order."""
        return enumerate(self.annotation.claims)

    def claims_where(self, values: tuple[Any, ...], wanted: Any) -> Iterator[tuple[int, Claim]]:
        """Claims whose column value is ``wanted`` (found by identity-first comparison)."""
        claims = self.annotation.claims
        return ((i, claims[i]) for i, value in enumerate(values) if value == wanted)
