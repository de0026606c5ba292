"""``claimkit ls ...``: the Label Studio round trip from the command line."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from claimkit.errors import UNKNOWN_PROJECT, ConfigError
from claimkit.issues import Report
from claimkit.loading import load_documents, load_files
from claimkit.model import DocumentFile
from claimkit.pseudonym import create_key_file, load_pseudonymizer
from claimkit.reporters import emit

if TYPE_CHECKING:
    from claimkit.labelstudio.corpus import CorpusSummary

__all__ = ["export", "import_exports", "init", "keygen", "pull", "push", "watch"]

_PROGRESS_EVERY = 1000
#: Files of the corpus a pull from an unknown project reads, to find it renamed (E109).
_SAMPLE = 200


def keygen(key_file: str, *, out: TextIO) -> int:
    """``claimkit ls keygen``: create the secret key pseudonyms are made with."""
    path = create_key_file(key_file)
    out.write(f"wrote {path} (keep it out of the repository; losing it changes every pseudonym)\n")
    return 0


def init(url: str | None, api_key: str | None, title: str, *, overlap: int | None, fmt: str, out: TextIO) -> int:  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    """``claimkit ls init``: create or update the project with the generated config (and its overlap)."""
    from claimkit.labelstudio.settings import check_overlap, configured_overlap
    from claimkit.labelstudio.sync import connect, init_project

    overlap = configured_overlap(Path("pyproject.toml")) if overlap is None else check_overlap(overlap, "--overlap")
    client = connect(url, api_key)
    project, action, report = init_project(client, title)
    updated = not report.issues
    if updated and project is not None and overlap is not None:
        client.set_overlap(project, overlap)
    line = f"project {title!r}: {action} (id {project})" if updated else f"project {title!r}: config NOT updated"
    if updated and overlap is not None:
        line += f"; each task goes to {overlap} annotator{'s' if overlap > 1 else ''}"
    summary = {"project": project, "action": action if updated else "refused", "overlap": overlap}
    emit(out, report, fmt, lines=[line], summary=summary)
    return 0 if updated else 1


def push(  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    paths: Sequence[str],
    url: str | None,
    api_key: str | None,
    title: str,
    *,
    predictions: str | None,
    fmt: str,
    out: TextIO,
) -> int:
    """``claimkit ls push``: document files become tasks; an annotation can pre-fill them."""
    from claimkit.labelstudio.predictions import resolve
    from claimkit.labelstudio.sync import connect, init_project, push_documents

    files, issues = load_documents(paths)
    report = Report(issues, files_checked=len(files) + len(issues))
    if report.issues:  # unreadable input: push nothing rather than half the corpus
        emit(out, report.sorted(), fmt, lines=["nothing pushed: fix the files first"], summary={"pushed": False})
        return report.exit_code()
    client = connect(url, api_key)
    project, action, init_report = init_project(client, title, documents=[file for _, file in files])
    if init_report.issues or project is None:
        emit(out, init_report, fmt, lines=["nothing pushed: the project config"], summary={"pushed": False})
        return 1
    which = resolve(predictions, [file for _, file in files])
    summary, push_report = push_documents(client, project, files, which)
    counts = {name: getattr(summary, name) for name in ("created", "updated", "unchanged", "refused", "predictions")}
    line = f"project {title!r} (id {project}, {action}): " + ", ".join(f"{n} {k}" for k, n in counts.items())
    emit(out, push_report.sorted(), fmt, lines=[line], summary={"project": project, "action": action, **counts})
    return push_report.exit_code()


def _corpus_sample(folder: Path) -> Iterator[DocumentFile]:
    """The readable document files among the first of the corpus folder (none when it is missing)."""
    if folder.is_dir():
        for loaded in islice(load_files([folder]), _SAMPLE):
            if loaded.file is not None:
                yield loaded.file


def _progress(stream: TextIO) -> Callable[[int], None]:
    def say(done: int) -> None:
        if done % _PROGRESS_EVERY == 0:
            stream.write(f"claimkit: {done} tasks converted\n")
            stream.flush()

    return say


def _corpus_outcome(summary: CorpusSummary, report: Report, head: str, fmt: str, out: TextIO, **facts: object) -> int:
    line = (
        f"{head}: {len(summary.written)} files written, {summary.unchanged} unchanged, "
        f"{summary.blocked} not written, {len(summary.pending)} annotations or drafts in .pending/ (see below)"
    )
    counts = {"tasks": summary.tasks, "documents": summary.documents, "written": summary.written}
    counts |= {"unchanged": summary.unchanged, "blocked": summary.blocked, "pending": summary.pending}
    emit(out, report, fmt, lines=[line], summary={**facts, **counts})
    return summary.exit_code(report)


def pull(  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    out_dir: str,
    url: str | None,
    api_key: str | None,
    title: str,
    *,
    key_file: str | None,
    include_drafts: bool = False,
    fmt: str,
    out: TextIO,
) -> int:
    """``claimkit ls pull``: export, convert, validate and write the corpus atomically."""
    from claimkit.labelstudio.origins import refuse_title_mismatch
    from claimkit.labelstudio.sync import connect, pull_project

    pseudonymize = load_pseudonymizer(key_file)
    client = connect(url, api_key)
    project = client.find_project(title)
    if project is None:
        refuse_title_mismatch(client, title, _corpus_sample(Path(out_dir)))
        hint = "create it with `claimkit ls init`"
        raise ConfigError(UNKNOWN_PROJECT, f"no project titled {title!r} on {client.url}", hint=hint)
    summary, report = pull_project(
        client, project, Path(out_dir), pseudonymize, include_drafts=include_drafts, progress=_progress(sys.stderr)
    )
    head = f"pulled {summary.tasks} tasks from {title!r}"
    return _corpus_outcome(summary, report, head, fmt, out, project=project)


def import_exports(  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    paths: Sequence[str],
    out_dir: str,
    *,
    key_file: str | None,
    server_id: str | None,
    include_drafts: bool = False,
    fmt: str,
    out: TextIO,
) -> int:
    """``claimkit ls import``: full JSON export files into the corpus, converted as a pull would."""
    from claimkit.labelstudio.sync import import_exports as run

    pseudonymize = load_pseudonymizer(key_file)
    summary, report = run(
        list(paths),
        Path(out_dir),
        pseudonymize,
        server_id=server_id,
        include_drafts=include_drafts,
        progress=_progress(sys.stderr),
    )
    head = f"imported {summary.tasks} tasks from {len(paths)} export file(s)"
    return _corpus_outcome(summary, report, head, fmt, out, exports=list(paths))


def export(paths: Sequence[str], out_dir: str, *, predictions: str | None, fmt: str, out: TextIO) -> int:
    """``claimkit ls export``: tasks.json and labeling-config.xml for the UI's Import button."""
    from claimkit.labelstudio.predictions import resolve
    from claimkit.labelstudio.taskfile import write_task_files

    files, issues = load_documents(paths)
    if issues:  # unreadable input: write nothing rather than half the corpus
        report = Report(issues, files_checked=len(files) + len(issues)).sorted()
        emit(out, report, fmt, lines=["nothing exported: fix the files first"], summary={"exported": False})
        return report.exit_code()
    which = resolve(predictions, [file for _, file in files])
    summary, report = write_task_files(files, Path(out_dir), which)
    line = f"wrote {summary.tasks} tasks ({summary.predictions} with a prediction) and the labeling config to {out_dir}"
    facts = {"exported": True, "tasks": summary.tasks, "predictions": summary.predictions, "written": summary.written}
    emit(out, report, fmt, lines=[line], summary=facts)
    return report.exit_code()


def watch(url: str | None, api_key: str | None, title: str, *, port: int, out: TextIO) -> int:
    """``claimkit ls watch``: serve live checks until interrupted (Ctrl-C or SIGTERM)."""
    import secrets
    import signal

    from claimkit.labelstudio.sync import connect
    from claimkit.labelstudio.watch import HOST, PATH, Watcher, registered, serve

    def log(line: str) -> None:
        out.write(f"watch: {line}\n")
        out.flush()

    with serve(port, secrets.token_urlsafe(24)) as server:
        client = connect(url, api_key)
        project = client.find_project(title)
        if project is None:
            raise ConfigError(UNKNOWN_PROJECT, f"no project titled {title!r} on {client.url}")
        server.watcher = watcher = Watcher(client, project, log)
        address = f"http://{HOST}:{server.server_port}{PATH}"
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop like Ctrl-C: the webhook is removed
        with registered(client, project, address, server.token):
            watcher.sweep()
            log(f"watching project {title!r} (id {project}) at {address}; Ctrl-C stops")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                log("stopping")
    return 0
