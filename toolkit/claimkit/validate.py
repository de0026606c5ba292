"""The validation engine: structure, then every enabled rule, over files or models; one Report.

Collect, then report: nothing here prints or stops at the first problem.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from claimkit import collector
from claimkit.issues import Issue, Report
from claimkit.loading import MAX_FILE_BYTES, add_lines, find_document_files, load_file
from claimkit.model import DocumentFile
from claimkit.rules import DocumentContext, Finding, Rule, Scope, all_codes, select_codes

__all__ = ["ValidationOptions", "check_document", "validate_file", "validate_paths"]


@dataclass(frozen=True)
class ValidationOptions:
    """Which rules run and how files are read. Build with :meth:`from_selectors`."""

    codes: frozenset[str] = field(default_factory=lambda: frozenset(all_codes()))
    max_bytes: int = MAX_FILE_BYTES

    @classmethod
    def from_selectors(
        cls,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        max_bytes: int = MAX_FILE_BYTES,
    ) -> ValidationOptions:
        return cls(select_codes(select, ignore), max_bytes)

    def rules(self, scope: Scope) -> list[tuple[Rule, Check]]:
        """The enabled rules of a scope that the engine runs, each with its check."""
        return _enabled_rules(self.codes, scope)


Check = Callable[[Any], Iterator[Finding]]


@lru_cache(maxsize=32)
def _enabled_rules(codes: frozenset[str], scope: Scope) -> list[tuple[Rule, Check]]:
    return [
        (r, r.check)
        for code, r in sorted(all_codes().items())
        if isinstance(r, Rule) and r.scope is scope and r.check and code in codes
    ]


def _issue(entry: Rule, finding: Finding, file: str | None, prefix: str = "") -> Issue:
    return entry.issue(finding.message, file=file, pointer=prefix + finding.pointer, hint=finding.hint)


def check_document(
    file: DocumentFile, path: str | None = None, options: ValidationOptions | None = None
) -> list[Issue]:
    """Run every enabled semantic rule on a model that passed structure. No lines: see add_lines."""
    options = options or ValidationOptions()
    context = DocumentContext(file, path)
    issues = []
    for entry, check in options.rules(Scope.DOCUMENT):
        for finding in check(context):
            issues.append(_issue(entry, finding, path))
    annotation_rules = options.rules(Scope.ANNOTATION)
    for pointer, annotation_context in context.annotations():
        for entry, check in annotation_rules:
            for finding in check(annotation_context):
                issues.append(_issue(entry, finding, path, pointer))
    return issues


def validate_file(path: str | os.PathLike[str], options: ValidationOptions | None = None) -> list[Issue]:
    """All issues of one file, each located by JSON pointer and line."""
    options = options or ValidationOptions()
    with collector.paused():  # many small objects, all freed at the end
        loaded = load_file(path, options.max_bytes)
        issues = loaded.issues
        if loaded.file is not None:
            issues = check_document(loaded.file, loaded.path, options)
        issues = [issue for issue in issues if issue.code in options.codes]
        return add_lines(issues, loaded.raw)


#: Below this many files per process, starting a process pool costs more than it saves.
_MIN_FILES_PER_PROCESS = 50


def _validate_batch(paths: Sequence[str], options: ValidationOptions) -> list[Issue]:
    return [issue for path in paths for issue in validate_file(path, options)]


def _batches(paths: Sequence[str], jobs: int) -> list[list[str]]:
    size = max(1, min(256, len(paths) // (jobs * 4) or 1))
    return [list(paths[i : i + size]) for i in range(0, len(paths), size)]


def validate_paths(
    paths: Iterable[str | os.PathLike[str]],
    options: ValidationOptions | None = None,
    jobs: int = 1,
    engine: str = "local",
    address: str | None = None,
) -> Report:
    """Validate every document file under ``paths`` (files or folders) with ``jobs`` processes, or
    with ``engine="ray"`` on Ray (a local Ray, or the cluster at ``address``)."""
    options = options or ValidationOptions()
    files, missing = find_document_files(paths)
    report = Report([i for i in missing if i.code in options.codes], files_checked=len(files))
    if engine != "local":
        from claimkit.engines import get_engine

        runner = get_engine(engine, jobs=jobs, address=address)
        try:
            report.extend(runner.map_paths(partial(_validate_batch, options=options), files))
        finally:
            runner.close()
        return report.sorted()
    if jobs <= 1 or len(files) < _MIN_FILES_PER_PROCESS * 2:  # a pool costs more than it saves here
        report.extend(_validate_batch(files, options))
        return report.sorted()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        batches = _batches(files, jobs)
        for issues in pool.map(_validate_batch, batches, [options] * len(batches)):
            report.extend(issues)
    return report.sorted()
