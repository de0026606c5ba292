"""Where documents came from in Label Studio: their project is found by the origins of their
annotations, so that a push or a pull by a title it does not have (renamed, mistyped) is refused
(E109) instead of creating a second, empty project or pulling nothing.

An annotation pulled from Label Studio names the project and task it came from (:class:`Origin`).
The origin is taken as this server's only when the server still has that task, in that project,
holding the same document: project and task ids of another server are small integers too.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimkit.errors import PROJECT_TITLE_MISMATCH, ConfigError
from claimkit.labelstudio.client import LabelStudioClient
from claimkit.model import DocumentFile, Origin

__all__ = ["pulled_from", "refuse_title_mismatch"]

#: At most this many origins are looked up (a request each): those of other servers cost a look each.
LOOKUPS = 5


def _origins(files: Iterable[DocumentFile]) -> Iterable[tuple[str, Origin]]:
    for file in files:
        for annotation in (*file.annotations, *([file.gold] if file.gold else [])):
            if annotation.origin is not None:
                yield file.document.id, annotation.origin


def pulled_from(client: LabelStudioClient, files: Iterable[DocumentFile]) -> tuple[int, str] | None:
    """The project of this server (id, current title) that these documents were pulled from, if any:
    the first origin whose task is in that project and holds that document, among at most
    :data:`LOOKUPS` origins (one per project found to be another's)."""
    looked, foreign = 0, set()
    for doc_id, origin in _origins(files):
        if origin.project in foreign:
            continue
        if looked == LOOKUPS:
            return None
        looked += 1
        found = client.task_home(origin.task)
        if found is None:  # deleted since, or a task of another server that this one never had
            continue
        if found != (origin.project, doc_id):  # a task of this server, but not that one: another server's ids
            foreign.add(origin.project)
            continue
        title = client.project_title(origin.project)
        return (origin.project, title) if title is not None else None
    return None


def refuse_title_mismatch(client: LabelStudioClient, title: str, files: Iterable[DocumentFile]) -> None:
    """E109 when no project is titled ``title`` but these documents came from one that is titled otherwise."""
    found = pulled_from(client, files)
    if found is not None and found[1] != title:
        project, now = found
        raise ConfigError(
            PROJECT_TITLE_MISMATCH,
            f"no project on {client.url} is titled {title!r}, but these documents came from its project {project}, "
            f"titled {now!r} (renamed in Label Studio, or not the title meant)",
            hint=f"pass --project {now!r} (or set CLAIMKIT_LS_PROJECT), or rename the project back in Label Studio; "
            f"for a separate project, create it first with `claimkit ls init --project {title!r}`",
        )
