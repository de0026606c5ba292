"""The local engine: worker processes on this machine (:mod:`concurrent.futures`), a bounded number
of batches in flight so that memory stays flat however many documents or rows there are."""

from __future__ import annotations

import json
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from claimkit.engines.base import BATCH, BatchFunction, ShardSummary, batches, cpu_count, output_path, shard_format
from claimkit.engines.outputs import Staging, summarize
from claimkit.errors import DataError
from claimkit.preannotate.apply import ROW_FIELDS, propose_lines, propose_rows
from claimkit.preannotate.codes import SHARD_UNREADABLE

__all__ = ["LocalEngine"]

T = TypeVar("T")
R = TypeVar("R")
#: Batches of document files sent to a worker at once.
FILE_BATCH = 16


def _ordered(
    pool: ProcessPoolExecutor | None, function: Callable[[T], R], items: Iterable[T], inflight: int
) -> Iterator[R]:
    """``function`` over ``items`` in worker processes, at most ``inflight`` at a time, results in order."""
    if pool is None:
        yield from map(function, items)
        return
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(pool.submit(function, item))
        if len(pending) >= inflight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _jsonl_batches(path: Path) -> Iterator[list[bytes]]:
    """The shard's lines as bytes, split at ``\\n`` only; :func:`propose_lines` decodes each."""
    with path.open("rb") as handle:
        batch: list[bytes] = []
        for line in handle:
            batch.append(line)
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch


def _numbered(batches: Iterator[list[T]], where: str) -> Iterator[tuple[list[T], str, int]]:
    """Each batch with the shard's name and the number of its first line or row (from 1)."""
    first = 1
    for batch in batches:
        yield batch, where, first
        first += len(batch)


def _parquet_batches(shard: Path) -> Iterator[list[dict[str, Any]]]:
    """The rows of a Parquet shard; damage found while reading stops the run with P007 (the previous
    output stays: see :class:`~claimkit.engines.outputs.Staging`)."""
    from claimkit.release.shards import DamagedShardError, read_parquet_rows

    try:
        yield from read_parquet_rows(shard, BATCH)
    except DamagedShardError as error:
        raise DataError(SHARD_UNREADABLE, str(error)) from None


def _propose_lines(job: tuple[list[bytes], str, int]) -> list[dict[str, Any]]:
    return propose_lines(*job)


def _propose_rows(job: tuple[list[dict[str, Any]], str, int]) -> list[dict[str, Any]]:
    return propose_rows(*job)


class _JsonLinesWriter:
    def __init__(self, path: Path) -> None:
        self._handle = path.open("w", encoding="utf-8")

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        for row in rows:
            self._handle.write(json.dumps({key: row.get(key) for key in ROW_FIELDS}, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._handle.close()


class LocalEngine:
    """Processes on this machine; ``jobs`` of them (default: one per CPU), none when ``jobs`` is 1."""

    name = "local"

    def __init__(self, jobs: int = 0) -> None:
        self.jobs = jobs if jobs > 0 else cpu_count()
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor | None:
        # Workers come from a fork server, not from forking this process: a process that runs
        # threads (Ray's, a server client's) can deadlock its forked children.
        if self.jobs > 1 and self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["claimkit.preannotate.apply", "claimkit.validate"])
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context)
        return self._pool

    def map_paths(self, function: BatchFunction, paths: Sequence[str]) -> Iterator[Any]:
        for results in _ordered(self._executor(), function, batches(paths, FILE_BATCH), 2 * self.jobs):
            yield from results

    def propose_shards(self, shards: Sequence[Path], out: Path, fmt: str) -> ShardSummary:
        with Staging(out) as staging:
            for shard in shards:
                self._propose_shard(shard, output_path(staging.folder, shard, fmt), fmt)
        return summarize(out, fmt)

    def _propose_shard(self, shard: Path, target: Path, fmt: str) -> None:
        writer: Any
        if fmt == "parquet":
            from claimkit.release.shards import ParquetRowWriter

            writer = ParquetRowWriter(target)
        else:
            writer = _JsonLinesWriter(target)
        try:
            for rows in _ordered(self._executor(), *self._jobs(shard), 2 * self.jobs):
                writer.write(rows)
        finally:
            writer.close()

    def _jobs(self, shard: Path) -> tuple[Callable[[Any], list[dict[str, Any]]], Iterator[Any]]:
        where = shard.name
        if shard_format(shard) == "parquet":
            return _propose_rows, _numbered(_parquet_batches(shard), where)
        return _propose_lines, _numbered(_jsonl_batches(shard), where)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
