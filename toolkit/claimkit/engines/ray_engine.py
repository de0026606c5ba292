"""The Ray engine: Ray Data over document files or article shards, on this machine or a Ray cluster.

The only module that imports ``ray`` (the ``ray`` extra). It runs the same batch functions as the
local engine; Ray Data streams blocks through them, so memory stays flat. Order is preserved, so
both engines give the same rows in the same order. On a cluster, every node must see the paths
(a shared file system or object storage URIs that Ray Data reads).
"""

from __future__ import annotations

import json
import logging
import os
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from claimkit.engines.base import BATCH, BatchFunction, ShardSummary, cpu_count
from claimkit.engines.local import FILE_BATCH
from claimkit.engines.outputs import Staging, summarize
from claimkit.errors import ConfigError, ConnectionFailed, DataError
from claimkit.preannotate.apply import ROW_FIELDS, propose_lines, propose_rows, refused_row
from claimkit.preannotate.codes import ENGINE_FAILED, ENGINE_UNAVAILABLE, SHARD_UNREADABLE
from claimkit.release.shards import ROW_NUMBER, DamagedShardError

try:
    import ray
except ImportError:  # pragma: no cover - the extra is part of make setup
    ray = None

__all__ = ["OBJECT_STORE_BUDGET", "RayEngine"]

#: What Ray Data may hold in blocks at once (bytes). Without a cap it buffers up to about 30% of the
#: machine's memory, so its footprint grew with the input instead of staying flat. A block of proposals
#: is a few megabytes: this keeps both CPUs fed. ``CLAIMKIT_RAY_OBJECT_STORE`` overrides it.
OBJECT_STORE_BUDGET = int(os.environ.get("CLAIMKIT_RAY_OBJECT_STORE", 256 * 1024 * 1024))


def _values(column: Any) -> list[Any]:
    return column.tolist() if hasattr(column, "tolist") else list(column)


def _table(rows: list[dict[str, Any]]) -> Any:
    from claimkit.release.shards import proposal_table

    return proposal_table([{key: row.get(key) for key in ROW_FIELDS} for row in rows])


def _jsonl_batch(batch: dict[str, Any]) -> Any:
    rows = []
    for number, line, path in zip(*(_values(batch[name]) for name in ("line", "bytes", "path")), strict=True):
        rows += propose_lines([line], Path(path).name, number)
    return _table(rows)


def _numbered_lines() -> Any:
    """A Ray Data source of JSON Lines shards: a row per line, with its number (from 1) and its bytes.

    ``ray.data.read_text`` splits with ``str.splitlines``, which also breaks at U+2028, U+0085 and
    form feeds: characters a JSON string holds unescaped (``ensure_ascii=False`` writes them as they
    are). A valid article holding one became two broken rows under Ray, and a shard that was not
    UTF-8 failed as a whole. Here lines end at ``\\n`` only, as for the local engine, and each line
    is decoded on its own (:func:`~claimkit.preannotate.apply.propose_lines`)."""
    from ray.data.datasource import FileBasedDatasource

    from claimkit.release.shards import numbered_lines

    class NumberedLines(FileBasedDatasource):  # type: ignore[misc]
        def _read_stream(self, f: Any, path: str) -> Iterator[Any]:  # noqa: ARG002 - Ray's signature
            yield numbered_lines(f.readall())

    return NumberedLines


def _numbered_rows() -> Any:
    """A Ray Data source of Parquet shards: their rows, each with its number in its shard (from 1),
    which ``ray.data.read_parquet`` does not give, so a refused row is located as the local engine
    locates it. Each shard is read by one task, a record batch at a time (memory stays flat)."""
    from ray.data.datasource import FileBasedDatasource

    from claimkit.release.shards import numbered_row_tables

    class NumberedRows(FileBasedDatasource):  # type: ignore[misc]
        def _open_input_source(self, filesystem: Any, path: str, **_: Any) -> Any:
            return filesystem.open_input_file(path)  # Parquet needs random access, not a stream

        def _read_stream(self, f: Any, path: str) -> Iterator[Any]:
            yield from numbered_row_tables(f, Path(path).name, BATCH)

    return NumberedRows


def _parquet_batch(batch: Any) -> Any:
    """Proposal rows for a block of :func:`~claimkit.release.shards.numbered_row_tables` (an Arrow table)."""
    rows = []
    columns = (batch.column(name).to_pylist() for name in (ROW_NUMBER, "row", "problem", "path"))
    for number, row, problem, path in zip(*columns, strict=True):
        where = Path(path).name
        rows += [refused_row(where, problem, number)] if problem else propose_rows([json.loads(row)], where, number)
    return _table(rows)


class RayEngine:
    """Ray Data; ``address`` joins a running cluster (``ray start --head``), else a local Ray starts."""

    name = "ray"

    def __init__(self, jobs: int = 0, address: str | None = None) -> None:
        if ray is None:
            raise ConfigError(ENGINE_UNAVAILABLE, "ray is not installed")
        self.jobs = jobs if jobs > 0 else cpu_count()
        self._owned = not ray.is_initialized()
        if self._owned:
            self._start(address)
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.execution_options.resource_limits = context.execution_options.resource_limits.copy(
            object_store_memory=OBJECT_STORE_BUDGET
        )
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        logging.getLogger("ray").setLevel(logging.WARNING)
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        # Ray Data warns on every run that the progress bars are off: our choice, not news for the user.
        logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)

    def _start(self, address: str | None) -> None:
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
        address = address or os.environ.get("RAY_ADDRESS")
        try:
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(num_cpus=self.jobs, object_store_memory=2 * OBJECT_STORE_BUDGET, **options)
        except (ConnectionError, RuntimeError, ValueError) as error:
            raise ConnectionFailed(
                ENGINE_FAILED, f"could not start or join Ray ({address or 'local'}): {error}"
            ) from None

    def map_paths(self, function: BatchFunction, paths: Sequence[str]) -> Iterator[Any]:
        if not paths:
            return

        def run(batch: dict[str, Any]) -> dict[str, Any]:
            return {"result": [pickle.dumps(function([str(p) for p in _values(batch["path"])]))]}

        dataset = ray.data.from_items([{"path": path} for path in paths])
        for row in dataset.map_batches(run, batch_format="numpy", batch_size=FILE_BATCH).iter_rows():
            yield from pickle.loads(row["result"])

    def propose_shards(self, shards: Sequence[Path], out: Path, fmt: str) -> ShardSummary:
        names = [str(shard) for shard in shards]
        if all(shard.suffix == ".parquet" for shard in shards):
            dataset = ray.data.read_datasource(_numbered_rows()(names, include_paths=True))
            proposals = dataset.map_batches(_parquet_batch, batch_format="pyarrow", batch_size=BATCH)
        else:
            dataset = ray.data.read_datasource(_numbered_lines()(names, include_paths=True))
            proposals = dataset.map_batches(_jsonl_batch, batch_format="numpy", batch_size=BATCH)
        with Staging(out) as staging:
            written = staging.folder / "ray"
            try:
                if fmt == "parquet":
                    proposals.write_parquet(str(written))
                else:
                    proposals.write_json(str(written), force_ascii=False)
            except DamagedShardError as error:  # a Ray task's error is also an instance of its cause
                cause = str(error.args[0] if error.args else error)
                raise DataError(SHARD_UNREADABLE, cause.splitlines()[0]) from None
            _rename(written, staging.folder, fmt)
        return summarize(out, fmt)

    def close(self) -> None:
        if self._owned and ray.is_initialized():
            ray.shutdown()


def _rename(written: Path, folder: Path, fmt: str) -> None:
    """Ray's file names carry a run id; ours say what they hold and keep Ray's order. Shards without
    a row give Ray nothing to write, not even the folder."""
    if not written.exists():
        return
    for number, path in enumerate(sorted(written.iterdir())):
        os.replace(path, folder / f"part-{number:05d}.proposals.{fmt}")
    written.rmdir()
