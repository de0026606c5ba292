"""``claimkit release``, ``claimkit diff``, ``claimkit verify`` and ``claimkit load``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from claimkit.errors import CONFLICTING_OPTIONS, RECORDS_FOLDER_MISSING, UNKNOWN_RELEASE, ReleaseError, UsageError
from claimkit.reporters import emit, render

if TYPE_CHECKING:
    from claimkit.release.build import BuildResult

__all__ = ["diff", "load", "release", "verify"]

_WORDS = {"new": "built and recorded", "rebuild": "rebuilt (same content as recorded)", "snapshot": "built"}


def _built_lines(result: BuildResult) -> list[str]:
    stats = result.stats
    lines = [
        f"{_WORDS[result.action]} {result.folder}: {sum(stats.documents.values())} documents, "
        f"{sum(stats.rows['claims'].values())} claims, splits {dict(sorted(stats.documents.items()))}"
    ]
    if stats.left_out:
        lines.append(f"left out (no gold annotation yet): {', '.join(stats.left_out)}")
    return lines


def _config(given: str | None, corpus: str) -> tuple[Path, bool]:
    """The settings file and whether it was named (then it must exist and hold the table); unnamed,
    the project's ``pyproject.toml`` (at the top of the corpus's repository)."""
    from claimkit.release.source import project_path

    return (Path(given), True) if given else (project_path(Path(corpus), "pyproject.toml"), False)


def _records(given: str | None, corpus: str, version: str | None) -> Path:
    """The folder of release records: as given, else the project's ``releases/``. A recorded version
    needs it to exist: a missing one would pass for a first release and skip every check (E313)."""
    from claimkit.release.source import project_path
    from claimkit.release.versions import parse_version

    folder = Path(given) if given else project_path(Path(corpus), "releases")
    if version is not None and parse_version(version) and not folder.is_dir():  # a usage error first
        raise ReleaseError(RECORDS_FOLDER_MISSING, f"there is no folder of release records at {folder}")
    return folder


def release(  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    version: str | None,
    *,
    snapshot: bool,
    corpus: str,
    out: str,
    records: str | None,
    pyproject: str | None,
    splits: str | None,
    notes: str | None,
    push_to_hub: str | None,
    load_back: bool = False,
    out_stream: TextIO,
) -> int:
    """``claimkit release``: build (and optionally push) a version, or an unrecorded snapshot."""
    from claimkit.release.build import build_release
    from claimkit.release.settings import load_settings
    from claimkit.release.splits import parse_ratios
    from claimkit.storage import refuse_overwrite

    if snapshot == (version is not None):
        raise UsageError(CONFLICTING_OPTIONS, "give a VERSION (e.g. 1.0.0) or --snapshot, not both")
    if push_to_hub and snapshot:
        raise UsageError(CONFLICTING_OPTIONS, "a snapshot is not a version: --push-to-hub needs a VERSION")
    refuse_overwrite(out, [corpus], option="--out")
    folder = _records(records, corpus, version)
    if version is not None or records is not None:  # (a snapshot writes no record: its default is moot)
        refuse_overwrite(folder, [corpus], option="--records")
    settings = load_settings(*_config(pyproject, corpus)).with_ratios(parse_ratios(splits) if splits else None)
    result = build_release(Path(corpus), version, Path(out), records=folder, settings=settings, notes=notes)
    emit(out_stream, result.report, "text", lines=_built_lines(result), summary={})
    if load_back:
        load(str(result.folder), out=out_stream)
    if push_to_hub:
        from claimkit.release.hub import push_to_hub as push

        out_stream.write(f"pushed: {push(result.folder, push_to_hub, result.version)}\n")
    return 0


def diff(old: str, new: str, *, records: str | None, corpus: str, pyproject: str | None, fmt: str, out: TextIO) -> int:  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    """``claimkit diff V1 V2``: compare two recorded releases (``current`` is the corpus now)."""
    from claimkit.release.build import corpus_record
    from claimkit.release.diff import diff_records, render_diff
    from claimkit.release.settings import load_settings
    from claimkit.release.versions import ReleaseRecord, load_records

    folder = _records(records, corpus, None)
    known = load_records(folder) if folder.is_dir() else {}

    def record(version: str) -> ReleaseRecord:
        if version == "current":
            return corpus_record(Path(corpus), load_settings(*_config(pyproject, corpus)), known)
        if version not in known:
            raise ReleaseError(
                UNKNOWN_RELEASE,
                f"no release {version} in {folder}/",
                hint=f"recorded: {', '.join(sorted(known)) or 'none'}",
            )
        return known[version]

    out.write(render_diff(diff_records(record(old), record(new)), fmt))
    return 0


def verify(folder: str, *, fmt: str, out: TextIO) -> int:
    """``claimkit verify``: every file of a release folder against its manifest (exit 1 on a mismatch)."""
    from claimkit.release.verify import verify_release

    report = verify_release(Path(folder))
    intact = not report.failed()
    line = f"{folder}: {report.files_checked} files match manifest.json" if intact else f"{folder}: not intact"
    emit(out, report, fmt, lines=[line], summary={"folder": folder, "intact": intact})
    return report.exit_code()


def load(folder: str, *, out: TextIO) -> int:
    """``claimkit load``: verify a built release, then load every config with ``datasets`` and summarize it."""
    from claimkit.release.load import first_claim, load_release
    from claimkit.release.verify import verify_release

    report = verify_release(Path(folder))
    if report.failed():
        out.write(render(report, "text") + f"not loaded: {folder} does not match its manifest\n")
        return 1
    for config in load_release(Path(folder)):
        splits = ", ".join(f"{split} {rows}" for split, rows in config.rows.items())
        out.write(f"{config.name}: {splits} rows; {len(config.features)} features\n")
        if config.name == "claims" and (claim := first_claim(config)) is not None:
            out.write(f"  first claim: {claim}\n")
    return 0
