"""``claimkit agree`` and ``claimkit adjudicate``: each prints one result on stdout (with
``--format json``, exactly one JSON document); notes about written files go to stderr."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from claimkit import collector
from claimkit.errors import CONFLICTING_OPTIONS, REVIEWED_GOLD_KEPT, UNSUPPORTED_OUTPUT_FORMAT, DataError, UsageError
from claimkit.issues import Issue, Report, Severity
from claimkit.loading import Loaded, load_files
from claimkit.model import Annotation, DocumentFile
from claimkit.reporters import printable, render, render_json
from claimkit.storage import atomic_write_text, refuse_overwrite, write_document_file
from claimkit.validate import Check, ValidationOptions, check_document

if TYPE_CHECKING:
    from claimkit.adjudicate import Adjudicated
    from claimkit.agreement.hardcases import HardCases
    from claimkit.agreement.report import AgreementAccumulator, AgreementReport
    from claimkit.preannotate.acceptance import AcceptanceTally

__all__ = ["adjudicate", "agree"]


@dataclass
class _Agreeing:
    """What ``claimkit agree`` accumulates while it reads each file once."""

    accumulator: AgreementAccumulator
    hard_cases: HardCases | None
    acceptance: AcceptanceTally
    report: Report = field(default_factory=Report)

    def feed(self, loaded: Loaded) -> None:
        self.report.files_checked += 1
        self.report.extend(loaded.issues)
        if loaded.file is None:
            return
        self.acceptance.add(loaded.file)
        self.report.extend(_duplicate_annotators(loaded))
        dense_before = self.accumulator.dense_count
        excluded = self.accumulator.add(loaded.file)
        self.report.extend(_empty_issues(loaded, excluded))
        if self.accumulator.dense_count > dense_before:  # this file, not another of the same id
            why = self.accumulator.too_dense[loaded.file.document.id]
            self.report.extend(_dense_issues(loaded, why, "left out of agreement"))
        elif self.hard_cases is not None:
            self.hard_cases.add(loaded.file)


def _duplicate_annotators(loaded: Loaded) -> list[Issue]:
    """D006 for an annotator with two annotations of the document: agreement and adjudication take the
    first one, so the second must not pass unnoticed (two duplicate tasks both annotated, a second "+")."""
    from claimkit.rules.document import duplicate_annotator

    return _rule_issues(loaded, duplicate_annotator)


def _stale_gold(loaded: Loaded) -> list[Issue]:
    """D010 for a gold kept as it is although an annotation it was made from changed since: said where
    the decision to keep it is taken, not only by the next ``claimkit validate``."""
    from claimkit.rules.document import gold_older_than_annotation

    return _rule_issues(loaded, gold_older_than_annotation)


def _rule_issues(loaded: Loaded, check: Check) -> list[Issue]:
    """The issues of one rule on one file."""
    from claimkit.rules.registry import code_of

    assert loaded.file is not None
    return check_document(loaded.file, str(loaded.path), ValidationOptions(frozenset({code_of(check)})))


def _empty_issues(loaded: Loaded, excluded: list[str], outcome: str = "left out of agreement") -> list[Any]:
    from claimkit.agreement.codes import EMPTY_ANNOTATION

    assert loaded.file is not None
    names = [a.annotator for a in loaded.file.annotations]
    return [
        EMPTY_ANNOTATION.issue(
            f"{name}'s annotation has no region; {outcome}",
            file=str(loaded.path),
            pointer=f"/annotations/{names.index(name)}",
        )
        for name in excluded
    ]


def _dense_issues(loaded: Loaded, why: str, outcome: str) -> list[Issue]:
    """G002 for a document whose annotations overlap too densely to be matched."""
    from claimkit.agreement.codes import TOO_DENSE

    return [TOO_DENSE.issue(f"{why}; {outcome}", file=str(loaded.path))]


def _agreement_output(agreement: AgreementReport, state: _Agreeing, fmt: str) -> str:
    """The agreement, with how much of the work started from claimkit-preannotate's suggestions."""
    from claimkit.agreement.render import render_agreement
    from claimkit.preannotate.acceptance import with_acceptance_section

    report = state.report.sorted()
    if fmt == "json":
        return render_json(report, {**agreement.to_dict(), "acceptance": state.acceptance.to_dict()})
    issues = render(report, "text") if report.issues else ""
    return with_acceptance_section(render_agreement(agreement, fmt), state.acceptance, fmt) + issues


def _check_side_files(paths: Sequence[str], heatmap: str | None, hard_cases: str | None) -> None:
    """Before any work: the side files are not inputs (E005), and the heatmap is a PNG (E006)."""
    for option, output in (("--heatmap", heatmap), ("--hard-cases", hard_cases)):
        if output:
            refuse_overwrite(output, paths, option=option)
    if heatmap and hard_cases and os.path.realpath(heatmap) == os.path.realpath(hard_cases):
        message = f"--heatmap and --hard-cases both name {hard_cases}: the second would write over the first"
        raise UsageError(CONFLICTING_OPTIONS, message, hint="Give each its own file.")
    if heatmap and Path(heatmap).suffix.lower() != ".png":
        raise UsageError(UNSUPPORTED_OUTPUT_FORMAT, f"--heatmap {heatmap}: the heatmap is written as PNG (.png)")


def _side_files(agreement: AgreementReport, state: _Agreeing, heatmap: str | None, hard_cases: str | None) -> None:
    from claimkit.agreement.render import write_heatmap

    if heatmap:
        write_heatmap(agreement, Path(heatmap))
        sys.stderr.write(f"wrote {heatmap}\n")
    if hard_cases and state.hard_cases is not None:
        atomic_write_text(hard_cases, state.hard_cases.markdown())
        sys.stderr.write(f"wrote {hard_cases} ({state.hard_cases.cases} hard cases)\n")


def agree(  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    paths: Sequence[str],
    *,
    fmt: str,
    heatmap: str | None,
    out: TextIO,
    hard_cases: str | None = None,
    gamma: bool = False,
) -> int:
    """``claimkit agree``: agreement over the documents with two or more annotators, each file read once."""
    from claimkit.agreement.hardcases import HardCases
    from claimkit.agreement.report import AgreementAccumulator
    from claimkit.preannotate.acceptance import AcceptanceTally

    _check_side_files(paths, heatmap, hard_cases)
    state = _Agreeing(AgreementAccumulator(gamma=gamma), HardCases() if hard_cases else None, AcceptanceTally())
    with closing(collector.each_paused(load_files(paths))) as files:
        for loaded in files:
            state.feed(loaded)
            del loaded  # freed before the collector runs between files (see collector.each_paused)
    if state.report.unreadable():
        out.write(render(state.report.sorted(), "json" if fmt == "json" else "text"))
        return 2
    agreement = state.accumulator.report()
    _side_files(agreement, state, heatmap, hard_cases)
    out.write(_agreement_output(agreement, state, fmt))
    return state.report.exit_code()  # 1 when a file was left out of the figures for an error


@dataclass
class _Merged:
    """What adjudication did to each document."""

    results: list[dict[str, Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    to_review: dict[str, tuple[str, DocumentFile, Any]] = field(default_factory=dict)
    pushed: int | None = None
    issues: list[Issue] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # documents whose gold stays as it is
    busy: set[Path] = field(default_factory=set)  # folders a pull was found writing to (E215): not waited for again
    # golds made, written only once every document is adjudicated: (index of its line, file, gold)
    golds: list[tuple[int, Loaded, Adjudicated]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # documents that could not be adjudicated (G003)
    written: list[str] = field(default_factory=list)  # documents whose gold was written


def _conflict_lines(doc_id: str, conflicts: list[Any]) -> list[str]:
    """Each annotator's choice; what annotators typed (a source name from a multi-line text area) is
    escaped: a line of it starting with ``::`` would be a workflow command in a CI log."""
    lines = [f"{printable(doc_id)}: {len(conflicts)} conflicts"]
    for number, conflict in enumerate(conflicts, start=1):
        lines.append(f"  conflict {number}:")
        for name, choice in conflict.choices.items():
            if choice is None:
                lines.append(f"    {printable(name)}: (no claim)")
            else:
                lines.append(
                    printable(
                        f"    {name}: [{choice['category']}] {choice['text'][:60]!r} source={choice['source']} "
                        f"({choice['source_naming']}; mentions {choice['source_mentions']}) "
                        f"cue={choice['cue']} quote={choice['quote']} certainty={choice['certainty']}"
                    )
                )
    return lines


def _write_gold(merged: _Merged, loaded: Loaded, gold: Any) -> bool:
    """Write the gold over the very bytes it was made from; a file changed meanwhile is left (E216)."""
    assert loaded.file is not None
    try:
        updated = loaded.file.model_copy(update={"gold": gold})
        write_document_file(str(loaded.path), updated, expected=loaded.raw, busy=merged.busy)
    except DataError as error:
        merged.issues.append(error.code.issue(error.message, file=str(loaded.path), hint=error.hint))
        return False
    return True


def _record(merged: _Merged, loaded: Loaded, adjudicated: Adjudicated) -> None:
    """What adjudication made of one document; nothing is written yet (see :func:`_write_golds`)."""
    from claimkit.adjudicate import review_prediction

    path, file = str(loaded.path), loaded.file
    assert file is not None

    merged.results.append(
        {
            "doc_id": adjudicated.doc_id,
            "annotators": adjudicated.annotators,
            "accepted": len(adjudicated.candidate.claims),
            "conflicts": [c.choices for c in adjudicated.conflicts],
        }
    )
    if adjudicated.gold is None:
        merged.lines += _conflict_lines(adjudicated.doc_id, adjudicated.conflicts)
        if file.gold is not None:  # --force on a document whose annotators now disagree
            merged.lines.append(f"  its previous {_method(file.gold)} gold stays until the conflicts are decided")
            merged.issues += _stale_gold(loaded)
        prediction, issues = review_prediction(file, adjudicated, path)
        if prediction is None:
            merged.issues += issues
            merged.failed.append(adjudicated.doc_id)
            merged.lines.append("  not adjudicated: a variant cannot be offered to a reviewer (below)")
        else:
            merged.to_review[adjudicated.doc_id] = (path, file, prediction)
        return
    merged.golds.append((len(merged.lines), loaded, adjudicated))
    merged.lines.append("")  # said once it is known whether the gold is written


def _write_golds(merged: _Merged, dry_run: bool) -> None:
    """Write the golds made, each over the very bytes it was made from, and say so in its line; none
    when a document could not be adjudicated: the report and the files must agree, so all or nothing."""
    for line, loaded, adjudicated in merged.golds:
        file, made = loaded.file, adjudicated.candidate.adjudication
        assert file is not None
        assert made is not None
        name = printable(adjudicated.doc_id)
        if merged.failed:
            merged.lines[line] = f"{name}: gold not written: not every document could be adjudicated (below)"
            continue
        if not dry_run and not _write_gold(merged, loaded, adjudicated.gold):
            merged.lines[line] = f"{name}: gold not written (below)"
            continue
        if not dry_run:
            merged.written.append(adjudicated.doc_id)
        replaced = f", replacing the previous {_method(file.gold)} gold" if file.gold is not None else ""
        written = f"gold {'would be ' if dry_run else ''}written ({made.method}{replaced})"
        merged.lines[line] = f"{name}: {written}"
    if merged.failed:
        failed = ", ".join(printable(doc) for doc in merged.failed)
        merged.lines.append(f"nothing written or pushed: these documents could not be adjudicated: {failed}")


def _method(gold: Annotation) -> str:
    return str(gold.adjudication.method) if gold.adjudication else "hand-made"


def _keeps_gold(merged: _Merged, loaded: Loaded, force: bool) -> bool:
    """Whether the document's gold stays as it is (said so when ``--force`` asked otherwise)."""
    from claimkit.review import decided_by_people

    gold = loaded.file.gold if loaded.file else None
    if gold is None or not force:
        return gold is not None
    if not decided_by_people(gold):
        return False
    who = gold.adjudication.reviewer if gold.adjudication and gold.adjudication.reviewer else "hand"
    message = f"its {_method(gold)} gold (decided by {who}) is kept: --force replaces only computed gold"
    merged.issues.append(REVIEWED_GOLD_KEPT.issue(message, file=str(loaded.path), pointer="/gold"))
    return True


def _only_empty(merged: _Merged, loaded: Loaded) -> bool:
    """Whether every annotation of the document is empty: no gold is made from nothing (G001 each)."""
    from claimkit.agreement.report import is_empty

    assert loaded.file is not None
    annotations = loaded.file.annotations
    if not annotations or not all(is_empty(a) for a in annotations):
        return False
    names = [a.annotator for a in annotations]
    merged.issues += _empty_issues(loaded, names, "no gold made from it")
    return True


def _invalid(merged: _Merged, loaded: Loaded) -> bool:
    """Whether an annotator's annotation breaks a rule (an error): a gold made from it would carry the
    error, so none is made, and the errors say where."""
    assert loaded.file is not None
    found = check_document(loaded.file, str(loaded.path), ValidationOptions())
    errors = [
        issue
        for issue in found
        if issue.severity is Severity.ERROR and (issue.location.pointer or "").startswith("/annotations/")
    ]
    if errors:
        merged.issues += errors
        merged.lines.append(f"{loaded.file.document.id}: not adjudicated, its annotations have errors (below)")
    return bool(errors)


def _too_dense(merged: _Merged, loaded: Loaded) -> bool:
    """Whether the annotations overlap too densely to be matched (G002): no gold is made."""
    from claimkit.agreement.matching import too_dense
    from claimkit.agreement.report import annotators_of, is_empty

    assert loaded.file is not None
    found = {name: a for name, a in annotators_of(loaded.file).items() if not is_empty(a)}
    why = too_dense(found)
    if why is not None:
        merged.issues += _dense_issues(loaded, why, "no gold made from it")
        merged.lines.append(f"{loaded.file.document.id}: not adjudicated, its annotations are too dense (below)")
    return why is not None


def _merge_all(files: list[Loaded], *, force: bool, dry_run: bool) -> _Merged:
    from claimkit.adjudicate import adjudicate as merge

    merged = _Merged()
    for loaded in files:
        assert loaded.file is not None
        merged.issues += _duplicate_annotators(loaded)
        kept = _keeps_gold(merged, loaded, force)
        if kept:
            merged.kept.append(loaded.file.document.id)
            merged.issues += _stale_gold(loaded)
        skip = kept or _only_empty(merged, loaded) or _invalid(merged, loaded) or _too_dense(merged, loaded)
        adjudicated = None if skip else merge(loaded.file, made_at=datetime.now(UTC))
        if adjudicated is not None:
            _record(merged, loaded, adjudicated)
    _write_golds(merged, dry_run)
    return merged


def _push(merged: _Merged, url: str | None, api_key: str | None, project: str, report: Report) -> bool:
    """Send the conflicts to Label Studio for a reviewer; ``False`` when the project is not usable."""
    from claimkit.labelstudio.sync import connect, init_project, push_documents

    client = connect(url, api_key)
    project_id, _, init_report = init_project(client, project)
    report.extend(init_report.issues)
    if project_id is None or init_report.issues:
        return False
    predictions = {doc_id: prediction for doc_id, (_, _, prediction) in merged.to_review.items()}
    documents = [(path, file) for path, file, _ in merged.to_review.values()]
    summary, push_report = push_documents(client, project_id, documents, predictions, "claimkit:adjudication")
    merged.pushed = summary.predictions
    merged.lines.append(f"pushed {summary.predictions} conflict predictions for review to {project!r}")
    report.extend(push_report.issues)
    return True


def _adjudication_output(merged: _Merged, report: Report, fmt: str) -> str:
    if fmt == "json":
        summary = {
            "documents": merged.results,
            "to_review": sorted(merged.to_review),
            "pushed": merged.pushed,
            "gold_kept": sorted(merged.kept),
            "gold_written": sorted(merged.written),
        }
        return render_json(report.sorted(), summary)
    issues = render(report.sorted(), "text") if report.issues else ""
    kept = [f"{len(merged.kept)} documents already have a gold, kept as it is"] if merged.kept else []
    return "\n".join(merged.lines + kept) + "\n" + issues


def adjudicate(  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    paths: Sequence[str],
    *,
    force: bool,
    dry_run: bool,
    push: bool,
    url: str | None,
    api_key: str | None,
    project: str,
    fmt: str,
    out: TextIO,
) -> int:
    """``claimkit adjudicate``: write gold where the annotators agree; list (and optionally push) conflicts."""
    loaded = list(load_files(paths))  # with each file's bytes: gold is written only over those
    report = Report([issue for one in loaded for issue in one.issues], len(loaded))
    if report.unreadable():
        out.write(render(report.sorted(), "json" if fmt == "json" else "text"))
        return 2
    merged = _merge_all([one for one in loaded if one.file is not None], force=force, dry_run=dry_run)
    report.extend(merged.issues)
    pushing = push and merged.to_review and not merged.failed  # all or nothing, like the golds
    pushed = _push(merged, url, api_key, project, report) if pushing else True
    out.write(_adjudication_output(merged, report, fmt))
    return 1 if merged.to_review or not pushed else report.exit_code()
