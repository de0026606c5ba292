"""``claimkit ls ...``: the Label Studio round trip from the command line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from claimkit.errors import UNKNOWN_PROJECT, ConfigError
from claimkit.issues import Report
from claimkit.loading import load_documents
from claimkit.pseudonym import create_key_file, load_pseudonymizer
from claimkit.reporters import emit

__all__ = ["init", "keygen", "pull", "push", "watch"]


def keygen(key_file: str, *, out: TextIO) -> int:
    """``claimkit ls keygen``: create the secret key pseudonyms are made with."""
    path = create_key_file(key_file)
    out.write(f"wrote {path} (keep it out of the repository; losing it changes every pseudonym)\n")
    return 0


def init(url: str | None, api_key: str | None, title: str, *, overlap: int | None, fmt: str, out: TextIO) -> int:
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


def push(
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
    from claimkit.labelstudio.sync import connect, init_project, push_documents

    files, issues = load_documents(paths)
    report = Report(issues, files_checked=len(files) + len(issues))
    if report.issues:  # unreadable input: push nothing rather than half the corpus
        emit(out, report.sorted(), fmt, lines=["nothing pushed: fix the files first"], summary={"pushed": False})
        return report.exit_code()
    client = connect(url, api_key)
    project, action, init_report = init_project(client, title)
    if init_report.issues or project is None:
        emit(out, init_report, fmt, lines=["nothing pushed: the project config"], summary={"pushed": False})
        return 1
    summary, push_report = push_documents(client, project, files, predictions)
    counts = {name: getattr(summary, name) for name in ("created", "updated", "unchanged", "refused", "predictions")}
    line = f"project {title!r} (id {project}, {action}): " + ", ".join(f"{n} {k}" for k, n in counts.items())
    emit(out, push_report.sorted(), fmt, lines=[line], summary={"project": project, "action": action, **counts})
    return push_report.exit_code()


def pull(
    out_dir: str, url: str | None, api_key: str | None, title: str, *, key_file: str | None, fmt: str, out: TextIO
) -> int:
    """``claimkit ls pull``: export, convert, validate and write the corpus atomically."""
    from claimkit.labelstudio.sync import connect, pull_project

    pseudonymize = load_pseudonymizer(key_file)
    client = connect(url, api_key)
    project = client.find_project(title)
    if project is None:
        raise ConfigError(
            UNKNOWN_PROJECT, f"no project titled {title!r} on {client.url}", hint="create it with `claimkit ls init`"
        )
    summary, report = pull_project(client, project, Path(out_dir), pseudonymize)
    line = (
        f"pulled {summary.tasks} tasks from {title!r}: {len(summary.written)} files written, "
        f"{summary.unchanged} unchanged, {summary.blocked} not written (see below)"
    )
    facts = {"tasks": summary.tasks, "written": summary.written, "unchanged": summary.unchanged}
    emit(out, report, fmt, lines=[line], summary={"project": project, **facts, "blocked": summary.blocked})
    return 1 if summary.blocked or report.failed() else 0


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
