"""What every engine offers, and the shard files they share: discovery and output names."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from claimkit.errors import UsageError
from claimkit.issues import Issue
from claimkit.loading import not_regular
from claimkit.preannotate.codes import SHARD_NAMES_COLLIDE, SHARD_UNREADABLE, UNSUPPORTED_SHARD

__all__ = [
    "ENGINES",
    "FORMATS",
    "Engine",
    "ShardSummary",
    "find_shards",
    "output_path",
    "shard_format",
    "shard_problem",
]

ENGINES = ("local", "ray")
FORMATS = ("jsonl", "parquet")
#: Article rows sent to a worker at once: large enough to amortize the hop, small for flat memory.
BATCH = 64

BatchFunction = Callable[[list[str]], list[Any]]


@dataclass
class ShardSummary:
    """What a run over shards did: rows read, proposals made, rows refused, files written."""

    rows: int = 0
    proposals: int = 0
    refused: int = 0
    outputs: list[str] | None = None


class Engine(Protocol):
    name: str
    jobs: int

    def map_paths(self, function: BatchFunction, paths: Sequence[str]) -> Iterator[Any]:
        """``function`` over batches of ``paths``; yields each result, in the order of ``paths``."""
        ...

    def propose_shards(self, shards: Sequence[Path], out: Path, fmt: str) -> ShardSummary:
        """Proposal rows for every article row of the shards, written under ``out`` as ``fmt``."""
        ...

    def close(self) -> None: ...


def shard_format(path: Path) -> str:
    if path.suffix == ".jsonl":
        return "jsonl"
    if path.suffix == ".parquet":
        return "parquet"
    raise UsageError(UNSUPPORTED_SHARD, f"{path} is neither .jsonl nor .parquet")


def find_shards(paths: Iterable[str]) -> list[Path]:
    """Shard files named directly or found in folders, in a stable order; one format only."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".jsonl", ".parquet"))
        else:
            found.append(path)
    formats = {shard_format(path) for path in found}
    if len(formats) > 1:
        raise UsageError(UNSUPPORTED_SHARD, "mix of JSON Lines and Parquet shards; give one format per run")
    _distinct_names(found)
    return found


def _distinct_names(shards: list[Path]) -> None:
    """Refuse two shards of one name (``a/x.jsonl``, ``b/x.jsonl``): the second's proposals would
    replace the first's in ``x.proposals.jsonl``."""
    first: dict[str, Path] = {}
    for path in shards:
        if path.stem in first and first[path.stem] != path:
            message = f"{first[path.stem]} and {path} would both write {path.stem}.proposals.*"
            raise UsageError(SHARD_NAMES_COLLIDE, message)
        first.setdefault(path.stem, path)


def shard_problem(path: Path) -> Issue | None:
    """P007 for a shard that cannot be read (checked before a run: a Parquet file by its footer, and
    its schema for a column named twice); a named pipe is not opened: that would wait forever."""
    if (why := not_regular(path)) is not None:
        return SHARD_UNREADABLE.issue(why, file=path.name)
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        return SHARD_UNREADABLE.issue(f"cannot read: {error.strerror}", file=path.name)
    if shard_format(path) != "parquet":
        return None
    from claimkit.release.shards import parquet_problem, repeated_column

    if (problem := parquet_problem(path)) is not None:
        return SHARD_UNREADABLE.issue(f"not a readable Parquet file: {problem}", file=path.name)
    if (column := repeated_column(path)) is not None:
        message = f"the shard names the column {column!r} twice: a reader keeps only the last of the two"
        hint = "Rename or drop one of the two columns (the article is the `text` column), then run again."
        return SHARD_UNREADABLE.issue(message, file=path.name, hint=hint)
    return None


def output_path(out: Path, shard: Path, fmt: str) -> Path:
    return out / f"{shard.stem}.proposals.{fmt}"


def batches(items: Sequence[str], size: int) -> list[list[str]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
