"""``claimkit release``, ``claimkit diff`` and ``claimkit load``."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from claimkit.errors import CONFLICTING_OPTIONS, UNKNOWN_RELEASE, ReleaseError, UsageError

__all__ = ["diff", "load", "release"]


def release(
    version: str | None,
    *,
    snapshot: bool,
    corpus: str,
    out: str,
    records: str,
    pyproject: str,
    splits: str | None,
    notes: str | None,
    push_to_hub: str | None,
    jobs: int,
    load_back: bool = False,
    out_stream: TextIO,
) -> int:
    """``claimkit release``: build (and optionally push) a version, or an unrecorded snapshot."""
    from claimkit.release.build import build_release
    from claimkit.release.settings import load_settings
    from claimkit.release.splits import parse_ratios

    if snapshot == (version is not None):
        raise UsageError(CONFLICTING_OPTIONS, "give a VERSION (e.g. 1.0.0) or --snapshot, not both")
    if push_to_hub and snapshot:
        raise UsageError(CONFLICTING_OPTIONS, "a snapshot is not a version: --push-to-hub needs a VERSION")
    settings = load_settings(Path(pyproject)).with_ratios(parse_ratios(splits) if splits else None)
    result = build_release(
        Path(corpus),
        version,
        Path(out),
        records=Path(records),
        settings=settings,
        notes=notes,
        jobs=jobs,
    )
    stats = result.stats
    words = {"new": "built and recorded", "rebuild": "rebuilt (same content as recorded)", "snapshot": "built"}
    out_stream.write(
        f"{words[result.action]} {result.folder}: {sum(stats.documents.values())} documents, "
        f"{sum(stats.rows['claims'].values())} claims, splits {dict(sorted(stats.documents.items()))}\n"
    )
    if stats.left_out:
        out_stream.write(f"left out (no gold annotation yet): {', '.join(stats.left_out)}\n")
    if load_back:
        load(str(result.folder), out=out_stream)
    if push_to_hub:
        from claimkit.release.hub import push_to_hub as push

        out_stream.write(f"pushed: {push(result.folder, push_to_hub, result.version)}\n")
    return 0


def diff(old: str, new: str, *, records: str, corpus: str, pyproject: str, fmt: str, out: TextIO) -> int:
    """``claimkit diff V1 V2``: compare two recorded releases (``current`` is the corpus now)."""
    from claimkit.release.build import corpus_record
    from claimkit.release.diff import diff_records, render_diff
    from claimkit.release.settings import load_settings
    from claimkit.release.versions import ReleaseRecord, load_records

    known = load_records(Path(records)) if Path(records).is_dir() else {}

    def record(version: str) -> ReleaseRecord:
        if version == "current":
            return corpus_record(Path(corpus), load_settings(Path(pyproject)))
        if version not in known:
            raise ReleaseError(
                UNKNOWN_RELEASE,
                f"no release {version} in {records}/",
                hint=f"recorded: {', '.join(sorted(known)) or 'none'}",
            )
        return known[version]

    out.write(render_diff(diff_records(record(old), record(new)), fmt))
    return 0


def load(folder: str, *, out: TextIO) -> int:
    """``claimkit load``: load every config of a built release with ``datasets`` and summarize it."""
    from claimkit.release.load import load_release

    for config in load_release(Path(folder)):
        splits = ", ".join(f"{split} {rows}" for split, rows in config.rows.items())
        out.write(f"{config.name}: {splits} rows; {len(config.features)} features\n")
        if config.name == "claims" and config.first:
            first = config.first
            category = config.features["category"].int2str(first["category"])
            out.write(f"  first claim: [{category}] {first['text'][:80]}\n")
    return 0
