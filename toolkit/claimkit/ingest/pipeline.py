"""An ingest run: inputs → records → documents → checks → new files in the corpus, one outcome each.

The run streams: one record is in hand at a time, plus a batch of files being written. What it
remembers of every document (ids and text hashes, and the duplicate index) is in a temporary
file (:mod:`claimkit.ingest.store`), so its memory does not grow with the number of documents.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import signal
import stat
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from claimkit.errors import CONFLICTING_OPTIONS, UsageError
from claimkit.ingest import readers
from claimkit.ingest.codes import (
    DOCUMENT_EXISTS,
    DUPLICATE_TEXT,
    ID_COLLISION,
    NEAR_DUPLICATE,
    NO_ARTICLES_FOUND,
)
from claimkit.ingest.corpus import Corpus, text_digest
from claimkit.ingest.duplicates import DuplicateIndex, Match, hash_key
from claimkit.ingest.prepare import Prepared, metadata_not_updated, prepare_all
from claimkit.ingest.records import FieldMap, Unread
from claimkit.ingest.store import Store
from claimkit.ingest.writer import BatchWriter
from claimkit.issues import Issue
from claimkit.loading import MAX_FILE_BYTES, UNREADABLE_FILE

__all__ = ["IngestOptions", "Outcome", "Status", "run"]

_HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+$")
_CHUNK = 64  # records sent to a worker at a time
_AHEAD = 2  # chunks in flight per worker
_PR_SET_PDEATHSIG = 1
Input = readers.Item | readers.Line  # a JSON line is parsed by the worker that prepares it


@dataclass(frozen=True)
class IngestOptions:
    """Everything an ingest run is told. ``metadata`` holds values given as flags: they win."""

    out_dir: Path
    fields: FieldMap = field(default_factory=FieldMap)
    metadata: Mapping[str, Any] = field(default_factory=dict)
    furniture: bool = True
    html: bool = False
    strip_bidi: bool = False
    nfc: bool = False
    near_threshold: float | None = 0.8
    skip_duplicates: bool = False
    max_bytes: int = MAX_FILE_BYTES
    glob: str | None = None
    input_format: str | None = None
    jobs: int = 1


class Status(StrEnum):
    WRITTEN = "written"
    PRESENT = "present"  # the corpus already holds this document with this text
    SKIPPED = "skipped"  # a duplicate left out with --skip-duplicates
    REFUSED = "refused"


@dataclass
class Outcome:
    """What became of one record (or of one input that could not be read at all)."""

    status: Status
    where: str
    issues: list[Issue] = field(default_factory=list)
    target: Path | None = None
    retracted: bool = False  # a file counted as written was found to exist already when linking


def _inputs(names: Sequence[str], options: IngestOptions) -> Iterator[Input]:
    for name in names:
        yield from _input(name, options)


def _input(name: str, options: IngestOptions) -> Iterator[Input]:
    path, fields, forced = Path(name), options.fields, options.input_format
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        yield from _missing(name, fields)
        return
    except OSError as error:  # a folder on the way that this user may not enter
        yield Unread(UNREADABLE_FILE.issue(f"cannot reach: {error.strerror}", file=name))
        return
    if stat.S_ISDIR(mode) and (forced == "dataset" or _dataset_folder(path)):
        yield from readers.read_file(path, fields, "dataset")
    elif stat.S_ISDIR(mode):
        yield from _folder(path, options)
    else:
        yield from readers.read_lazily(path, fields, readers.file_format(path, forced))


def _missing(name: str, fields: FieldMap) -> Iterator[Input]:
    """A Hub dataset id (``org/name``) when the name is not a path, else a path not found."""
    if _HUB_ID.match(name) and readers.file_format(Path(name)) is None:
        from claimkit.ingest import arrow

        yield from arrow.read_hub(name, fields)
    else:
        yield readers.not_found(name)


def _dataset_folder(path: Path) -> bool:
    return any((path / name).is_file() for name in ("dataset_info.json", "dataset_dict.json", "state.json"))


def _folder(folder: Path, options: IngestOptions) -> Iterator[Input]:
    found = False
    for path in readers.walk(folder, options.glob, options.input_format):
        if isinstance(path, Unread):
            yield path
            continue
        found = True
        yield from readers.read_lazily(path, options.fields, readers.file_format(path, options.input_format))
    if not found:
        pattern = options.glob or "any known format"
        yield Unread(NO_ARTICLES_FOUND.issue(f"no input file matches {pattern!r}", file=str(folder)))


def _chunks(items: Iterator[Input]) -> Iterator[list[Input]]:
    chunk: list[Input] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prepared(names: Sequence[str], options: IngestOptions, pool: ProcessPoolExecutor | None) -> Iterator[Prepared]:
    """Every record prepared, in input order; with a pool, a few chunks ahead at most (flat memory)."""
    chunks = _chunks(_inputs(names, options))
    if pool is None:
        for chunk in chunks:
            yield from prepare_all(options, chunk)
        return
    pending: deque[Future[list[Prepared]]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(prepare_all, options, chunk))
        if len(pending) > _AHEAD * options.jobs:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


class _Run:
    """The decisions that depend on the other records: ids taken, duplicates; then the writing."""

    def __init__(self, options: IngestOptions) -> None:
        self.options = options
        self.store = Store()  # ids -> text hashes of the corpus and of this run, the duplicate index
        try:
            self.corpus = Corpus(options.out_dir, self.store)
            self.duplicates = DuplicateIndex(options.near_threshold, self.store)
            self.corpus.index(self.duplicates, signatures=options.near_threshold is not None)
        except BaseException:
            self.store.close()
            raise
        self.writer = BatchWriter()

    def place(self, prepared: Prepared) -> Outcome:
        where, doc_id, digest = prepared.where, prepared.doc_id, prepared.text_sha256
        if doc_id is None or digest is None:
            return Outcome(Status.REFUSED, where, prepared.issues)
        target = self.options.out_dir / f"{doc_id}.json"
        known = self._known(doc_id, digest, target, prepared)
        if known is not None:
            known.issues[:0] = prepared.issues
            return known
        if prepared.data is None:
            return Outcome(Status.REFUSED, where, prepared.issues, target)
        return self._write(prepared, doc_id, digest, target)

    def _known(self, doc_id: str, digest: str, target: Path, prepared: Prepared) -> Outcome | None:
        """The outcome when the id is taken, in this run or in the corpus; ``None`` when it is free."""
        taken = self.store.taken(doc_id)
        if taken is None:
            return None
        key, in_this_run = taken
        if key == hash_key(digest):
            changed = [] if in_this_run else metadata_not_updated(target, prepared)
            return Outcome(Status.PRESENT, prepared.where, changed, target)
        if in_this_run:
            message = f"document id {doc_id!r} was given to another text earlier in this run"
            issues = [ID_COLLISION.issue(message, file=prepared.file, line=prepared.line, pointer="/document/id")]
        else:
            issues = [prepared.here(issue) for issue in self.corpus.conflict(doc_id, target, prepared.file)]
        return Outcome(Status.REFUSED, prepared.where, issues, target)

    def _write(self, prepared: Prepared, doc_id: str, digest: str, target: Path) -> Outcome:
        issues, where = prepared.issues, prepared.where
        match = self.duplicates.check(doc_id, digest, prepared.signature)
        if match is not None:
            issues.append(prepared.here(_duplicate_issue(match, prepared.file)))
            if self.options.skip_duplicates:
                return Outcome(Status.SKIPPED, where, issues, target)
        self.store.take(doc_id, hash_key(digest), run=True)
        assert prepared.data is not None
        self.writer.submit(target, prepared.data, (prepared, digest))
        return Outcome(Status.WRITTEN, where, issues, target)

    def close(self) -> Iterator[Outcome]:
        self.store.close()
        for target, (prepared, digest) in self.writer.close():
            if text_digest(target) == digest:  # another run ingested the same text meanwhile: as if present
                changed = metadata_not_updated(target, prepared)
                yield Outcome(Status.PRESENT, prepared.where, changed, target, retracted=True)
                continue
            message = f"{target} appeared while ingesting, with another text; it was left as it is"
            issue = DOCUMENT_EXISTS.issue(message, file=str(target), pointer="/document/text")
            yield Outcome(Status.REFUSED, str(target), [issue], target, retracted=True)


def _duplicate_issue(match: Match, where: str) -> Issue:
    if match.exact:
        return DUPLICATE_TEXT.issue(f"the same text as document {match.doc_id!r}", file=where, pointer="/document/text")
    message = f"nearly the text of document {match.doc_id!r} (estimated Jaccard similarity {match.similarity:.2f})"
    return NEAR_DUPLICATE.issue(message, file=where, pointer="/document/text")


def _check_single_id(names: Sequence[str], options: IngestOptions) -> None:
    if not options.metadata.get("id"):
        return
    single = len(names) == 1 and Path(names[0]).is_file()
    if not single or readers.file_format(Path(names[0]), options.input_format) != "text":
        raise UsageError(CONFLICTING_OPTIONS, "--id names one document: give one text file with it")


def _die_with_parent() -> None:
    """In a worker: end when the ingest process ends, even when it is killed (Linux; elsewhere a no-op)."""
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (AttributeError, OSError):
        return


def _pool(jobs: int) -> ProcessPoolExecutor | None:
    """Worker processes for :func:`prepare_all`, made before any thread starts (they are forked)."""
    if jobs <= 1:
        return None
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_die_with_parent)


def run(names: Sequence[str], options: IngestOptions) -> Iterator[Outcome]:
    """Ingest every input; one :class:`Outcome` per record, in input order, then late conflicts."""
    _check_single_id(names, options)
    pool = _pool(options.jobs)
    state = _Run(options)
    try:
        for prepared in _prepared(names, options, pool):
            yield state.place(prepared)
    finally:  # also when the caller stops early: what was decided is written
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        late = list(state.close())
    yield from late
