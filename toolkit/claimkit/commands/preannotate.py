"""``claimkit preannotate``: propose into document files, propose for shards of articles, or evaluate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from claimkit.errors import DataError, UsageError
from claimkit.issues import Issue, Report
from claimkit.loading import find_document_files, load_documents
from claimkit.reporters import emit, render

if TYPE_CHECKING:
    from claimkit.engines.base import Engine, ShardSummary

__all__ = ["evaluate", "preannotate"]


def _shards_given(paths: Sequence[str]) -> bool:
    """Whether the paths are shards of articles (all of them), not document files; both is E606."""
    from claimkit.preannotate.codes import SHARDS_AND_DOCUMENTS

    def is_shard(path: Path) -> bool:
        if path.is_dir():
            return any(p.suffix in (".jsonl", ".parquet") for p in path.iterdir())
        return path.suffix in (".jsonl", ".parquet")

    shards = [p for p in paths if is_shard(Path(p))]
    if shards and len(shards) != len(paths):
        others = [p for p in paths if p not in shards]
        raise UsageError(SHARDS_AND_DOCUMENTS, f"shards {shards} and document files {others} in one run")
    return bool(paths) and bool(shards)


def preannotate(  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    paths: Sequence[str],
    *,
    engine: str,
    jobs: int,
    address: str | None,
    out_dir: str | None,
    output_format: str | None,
    dry_run: bool,
    fmt: str,
    out: TextIO,
) -> int:
    """Proposals into document files (replacing only the previous proposal), or for article shards."""
    from claimkit.engines import get_engine

    if _shards_given(paths):
        return _shards(
            paths,
            engine=engine,
            jobs=jobs,
            address=address,
            out_dir=out_dir,
            output_format=output_format,
            fmt=fmt,
            out=out,
        )
    files, missing = find_document_files(paths)
    report = Report(list(missing), files_checked=len(files))
    actions: Counter[str] = Counter()
    runner = get_engine(engine, jobs=jobs, address=address) if files else None
    try:
        if runner is not None:
            for outcome in runner.map_paths(partial(_batch, dry_run=dry_run), files):
                actions[outcome.action] += 1
                report.extend(outcome.issues)
    finally:
        if runner is not None:
            runner.close()
    counts = {name: actions[name] for name in ("written", "would-write", "unchanged", "failed")}
    line = f"{len(files)} documents ({engine} engine): " + ", ".join(
        f"{n} {k}" for k, n in counts.items() if n or k != "would-write"
    )
    emit(out, report.sorted(), fmt if fmt != "markdown" else "text", lines=[line], summary={"engine": engine, **counts})
    return report.exit_code()


def _batch(paths: list[str], dry_run: bool) -> list[object]:
    from claimkit.preannotate.apply import preannotate_files

    return list(preannotate_files(paths, dry_run=dry_run))


def _shards(  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    paths: Sequence[str],
    *,
    engine: str,
    jobs: int,
    address: str | None,
    out_dir: str | None,
    output_format: str | None,
    fmt: str,
    out: TextIO,
) -> int:
    from claimkit.engines import find_shards, get_engine
    from claimkit.engines.base import shard_format, shard_problem
    from claimkit.engines.outputs import row_issues, rows_by_file
    from claimkit.preannotate.codes import SHARDS_NEED_OUT
    from claimkit.storage import refuse_overwrite

    if out_dir is None:
        raise UsageError(SHARDS_NEED_OUT, "shards of articles need --out DIR")
    refuse_overwrite(out_dir, paths, option="--out")  # its proposals would be read as shards next time
    shards = find_shards(paths)
    target = output_format or shard_format(shards[0])
    problems = {shard: issue for shard in shards if (issue := shard_problem(shard)) is not None}
    readable = [shard for shard in shards if shard not in problems]
    summary = _propose(readable, Path(out_dir), target, partial(get_engine, engine, jobs=jobs, address=address))
    report = Report(list(problems.values()), files_checked=summary.rows, unit="row")
    first_of: dict[str, str] = {}  # article id -> the proposal file of its first row
    written = rows_by_file(Path(out_dir), ["id", "issues"] if target == "parquet" else None) if readable else ()
    for path, row in written:  # with no shard readable, what --out holds is an earlier run's
        report.extend(row_issues(row))
        report.extend(_repeated_id(row.get("id"), path.name, first_of))
    counts = {"rows": summary.rows, "proposals": summary.proposals, "refused": summary.refused}
    line = f"{len(shards)} shards ({engine} engine): " + ", ".join(f"{n} {k}" for k, n in counts.items())
    line += f"; wrote {len(summary.outputs or [])} files under {out_dir}"
    emit(
        out,
        report.sorted(),
        fmt if fmt != "markdown" else "text",
        lines=[line],
        summary={"engine": engine, **counts, "outputs": summary.outputs},
    )
    return report.exit_code()


def _propose(shards: list[Path], out: Path, target: str, start: Callable[[], Engine]) -> ShardSummary:
    """The run of the engine ``start`` gives over the readable shards; none readable: no run, and
    ``out`` is left as it was."""
    from claimkit.engines.base import ShardSummary

    if not shards:
        return ShardSummary(outputs=[])
    runner = start()
    try:
        return runner.propose_shards(shards, out, target)
    finally:
        runner.close()


def _repeated_id(row_id: Any, where: str, first_of: dict[str, str]) -> list[Issue]:
    """P006 for a row whose article id an earlier row already gave (``first_of`` remembers them)."""
    from claimkit.preannotate.codes import DUPLICATE_ROW_ID

    if not isinstance(row_id, str):
        return []
    if row_id not in first_of:
        first_of[row_id] = where
        return []
    message = f"the id {row_id!r} was given to an earlier row too (in {first_of[row_id]}): two proposals for one id"
    return [DUPLICATE_ROW_ID.issue(message, file=where)]


def evaluate(paths: Sequence[str], *, fmt: str, out: TextIO) -> int:
    """``claimkit preannotate --evaluate``: proposals and the baseline against gold, side by side."""
    from claimkit.preannotate.codes import NOTHING_TO_EVALUATE, WITHOUT_GOLD
    from claimkit.preannotate.evaluate import evaluate_all
    from claimkit.preannotate.report import render_evaluation

    loaded, issues = load_documents(paths)
    report = Report(issues, files_checked=len(loaded))
    if report.unreadable():
        out.write(render(report.sorted(), "json" if fmt == "json" else "text"))
        return 2
    report.extend(WITHOUT_GOLD.issue("no gold annotation", file=path) for path, file in loaded if file.gold is None)
    files = [file for _, file in loaded if file.gold is not None]
    if not files:
        raise DataError(NOTHING_TO_EVALUATE, f"no document with a gold annotation in {', '.join(paths)}")
    out.write(render_evaluation(evaluate_all(files), fmt if fmt in ("json", "markdown") else "text"))
    return 0
