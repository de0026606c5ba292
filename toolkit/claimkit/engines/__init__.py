"""Where per-document work runs: ``local`` (processes on this machine, :mod:`concurrent.futures`) or
``ray`` (Ray Data, on this machine or a Ray cluster; the ``ray`` extra). Both run the same pure
functions of :mod:`claimkit.preannotate.apply` and :mod:`claimkit.validate` on the same batches."""

from __future__ import annotations

from claimkit.engines.base import ENGINES, Engine, ShardSummary, find_shards, output_path
from claimkit.engines.local import LocalEngine

__all__ = ["ENGINES", "Engine", "LocalEngine", "ShardSummary", "find_shards", "get_engine", "output_path"]


def get_engine(name: str, *, jobs: int = 0, address: str | None = None) -> Engine:
    """The engine called ``name`` (``local`` or ``ray``), started."""
    if name == "ray":
        from claimkit.engines.ray_engine import RayEngine

        return RayEngine(jobs=jobs, address=address)
    return LocalEngine(jobs=jobs)
