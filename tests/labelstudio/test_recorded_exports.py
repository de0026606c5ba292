"""``claimkit ls import`` on exports recorded from real servers (Label Studio 1.23.2 and 1.13.1):
the same files as ``ls pull`` wrote from the same server state, every problem of the scenario coded
at its task, deterministic whatever the task order, idempotent, lossy formats refused."""

from __future__ import annotations

import gzip
import json
import random
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from claimkit.errors import ClaimkitError
from claimkit.labelstudio.quarantine import PENDING
from claimkit.labelstudio.sync import import_exports
from claimkit.loading import load_file
from claimkit.model import Adjudication, Annotation, DocumentFile, Origin
from claimkit.pseudonym import Pseudonymizer
from claimkit.storage import document_json
from claimkit.taxonomy import GUIDELINES_VERSION, AdjudicationMethod
from tests.errors import raises_code
from tests.labelstudio.recorded import VERSIONS, Recording, claimkit, tree
from tests.labelstudio.scenario import RECORDING_KEY, SEED, recertified

PSEUDONYMIZE = Pseudonymizer(RECORDING_KEY.encode())
ALL = [Recording(version) for version in VERSIONS]


def _import(recording: Recording, export: Path, corpus: Path, **options: Any) -> tuple[Any, Any]:
    options.setdefault("server_id", recording.server["url"])
    return import_exports([str(export)], corpus, PSEUDONYMIZE, **options)


def _l_codes(report: Any) -> set[tuple[str, str, str]]:
    return {(i.code, i.location.file, i.location.pointer) for i in report.issues if i.code.startswith("L")}


def test_both_versions_are_recorded() -> None:
    assert {"1.13.1", "1.23.2"} <= set(VERSIONS)


def _content(folder: Path) -> dict[str, Any]:
    """What the files below ``folder`` say: documents as the model reads them (whatever the version of the
    file format they were written in), quarantine files as JSON."""
    found: dict[str, Any] = {}
    for name, raw in tree(folder).items():
        if name.startswith(PENDING):
            found[name] = json.loads(raw)
        else:
            found[name] = DocumentFile.model_validate_json(raw).model_dump(exclude={"schema_version"})
    return found


def _guidelines(recording: Recording) -> str:
    """The guideline version the recorded pull stamped (the toolkit's own at recording time)."""
    file = load_file(recording.folder / "pulled" / SEED.name).file
    assert file is not None
    return file.annotations[0].guideline_version


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_import_writes_what_pull_wrote_from_the_same_server_state(recording: Recording, tmp_path: Path) -> None:
    """The recorded ``pulled/`` is what ``claimkit ls pull`` wrote from the server that made the export."""
    _, report = _import(
        recording,
        recording.export("pull-snapshot.json"),
        tmp_path,
        include_drafts=True,
        guideline_version=_guidelines(recording),
    )
    assert _content(tmp_path) == _content(recording.folder / "pulled")
    pulled = json.loads((recording.folder / "pull-report.json").read_text(encoding="utf-8"))
    conversion = [i for i in pulled["issues"] if i["code"].startswith("L")]
    assert [i.to_dict() for i in report.issues if i.code.startswith("L")] == conversion
    assert len(conversion) == len(recording.expected("pull-snapshot.json"))


def test_the_command_line_imports_as_the_library_does(tmp_path: Path) -> None:
    recording = ALL[-1]
    done = claimkit("ls", "import", str(recording.export("pull-snapshot.json")), "--out", "cli", "--include-drafts",
                    "--server-id", recording.server["url"], "--format", "json", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 1, done.stderr  # the scenario has errors to report
    _, report = _import(recording, recording.export("pull-snapshot.json"), tmp_path / "library", include_drafts=True)
    assert tree(tmp_path / "cli") == tree(tmp_path / "library")
    assert json.loads(done.stdout)["summary"]["pending"] == sorted(
        f"cli/{p.relative_to(tmp_path / 'library')}" for p in (tmp_path / "library" / PENDING).rglob("*.json")
    )
    assert len(report.issues) == len(json.loads(done.stdout)["issues"])


@pytest.mark.parametrize("name", ["pull-snapshot.json", "snapshot.json"])
@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_every_problem_is_coded_at_its_task(recording: Recording, name: str, tmp_path: Path) -> None:
    summary, report = _import(recording, recording.export(name), tmp_path / "corpus")
    assert _l_codes(report) == recording.expected(name)
    assert sorted(Path(p).name for p in summary.written) == [
        "000_f22616ff3d8ce778.json",
        "o003-emoji-crlf-diacritics.json",
        "r005-chain.json",
    ]
    assert summary.blocked == 3  # the conflicting texts, the two ground truths, the task without metadata
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == [
        ".pending",
        *[Path(p).name for p in summary.written],
    ]


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_no_file_outside_the_corpus_and_no_personal_data(recording: Recording, tmp_path: Path) -> None:
    corpus = tmp_path / "deep" / "er" / "corpus"
    _import(recording, recording.export("pull-snapshot.json"), corpus, include_drafts=True)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file() and corpus not in p.parents) == []
    written = "".join(text.decode("utf-8") for text in tree(corpus).values())
    for email in recording.server["annotators"].values():
        assert email not in written
        assert PSEUDONYMIZE(email) in written


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_second_import_changes_nothing(recording: Recording, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _import(recording, recording.export("pull-snapshot.json"), corpus, include_drafts=True)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus.rglob("*") if p.is_file()}
    summary, _ = _import(recording, recording.export("pull-snapshot.json"), corpus, include_drafts=True)
    assert (summary.written, summary.unchanged) == ([], 3)
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_the_order_of_tasks_does_not_matter(recording: Recording, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    _, first = _import(recording, recording.export("pull-snapshot.json"), reference, include_drafts=True)
    tasks = recording.tasks("pull-snapshot.json")
    for seed in range(3):
        random.Random(seed).shuffle(tasks)
        shuffled = tmp_path / f"shuffled-{seed}.json"
        shuffled.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
        _, report = _import(recording, shuffled, tmp_path / f"corpus-{seed}", include_drafts=True)
        assert tree(tmp_path / f"corpus-{seed}") == tree(reference)
        assert [(i.code, i.location.file, i.location.pointer) for i in report.issues if i.code.startswith("L")] == [
            (i.code, i.location.file, i.location.pointer) for i in first.issues if i.code.startswith("L")
        ]


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_plain_and_gzipped_exports_import_the_same(recording: Recording, tmp_path: Path) -> None:
    plain = tmp_path / "export.json"
    plain.write_bytes(gzip.decompress(recording.export("snapshot.json").read_bytes()))
    _import(recording, plain, tmp_path / "plain")
    _import(recording, recording.export("snapshot.json"), tmp_path / "gzipped")
    assert tree(tmp_path / "plain") == tree(tmp_path / "gzipped")


@pytest.mark.parametrize("name", ["ui-export-min.json", "ui-export.csv", "ui-export.tsv", "ui-export.conll"])
@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_lossy_formats_are_refused_and_nothing_is_written(recording: Recording, name: str, tmp_path: Path) -> None:
    good = recording.export("pull-snapshot.json")
    done = claimkit("ls", "import", str(good), str(recording.export(name)), "--out", "corpus", "--format", "json",
                    "--server-id", recording.server["url"], cwd=tmp_path)  # fmt: skip
    assert done.returncode == 2
    assert [issue["code"] for issue in json.loads(done.stdout)["issues"]] == ["E210"]
    assert not (tmp_path / "corpus").exists()
    plain = tmp_path / name.replace("ui-export", "export")  # without the .gz, as downloaded
    plain.write_bytes(gzip.decompress(recording.export(name).read_bytes()))
    with raises_code("E210", ClaimkitError):
        _import(recording, plain, tmp_path / "corpus")


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_the_ui_export_names_annotators_by_id_and_needs_the_server(recording: Recording, tmp_path: Path) -> None:
    with raises_code("E214", ClaimkitError):
        _import(recording, recording.export("ui-export.json"), tmp_path / "corpus", server_id=None)
    assert not (tmp_path / "corpus").exists() or not any((tmp_path / "corpus").iterdir())
    _import(recording, recording.export("ui-export.json"), tmp_path / "corpus", include_drafts=True)
    _import(recording, recording.export("pull-snapshot.json"), tmp_path / "pulled", include_drafts=True)
    for path in sorted((tmp_path / "pulled").glob("*.json")):
        by_id, by_email = load_file(tmp_path / "corpus" / path.name).file, load_file(path).file
        assert by_id is not None and by_email is not None
        content = [a.model_dump(include={"sources", "cues", "claims", "comment", "origin"}) for a in by_id.annotations]
        assert content == [
            a.model_dump(include={"sources", "cues", "claims", "comment", "origin"}) for a in by_email.annotations
        ]
        assert {a.annotator for a in by_id.annotations}.isdisjoint({a.annotator for a in by_email.annotations})
    # The UI's export carries each draft whole, with its author's e-mail: the same pseudonym as a pull.
    drafts = sorted((tmp_path / "corpus" / ".pending").rglob("draft-*.json"))
    assert [p.read_bytes() for p in drafts] == [
        (tmp_path / "pulled" / p.relative_to(tmp_path / "corpus")).read_bytes() for p in drafts
    ]
    assert len(drafts) == 2


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_drafts_listed_by_id_are_reported_without_content(recording: Recording, tmp_path: Path) -> None:
    _, report = _import(recording, recording.export("snapshot.json"), tmp_path / "corpus", include_drafts=True)
    drafts = [i for i in report.issues if i.code == "L017"]
    assert len(drafts) == 2
    assert list((tmp_path / "corpus" / ".pending").rglob("draft-*")) == []


def _canonical(folder: Path) -> dict[str, Any]:
    found = {}
    for path in sorted(folder.glob("*.json")):
        file = load_file(path).file
        assert file is not None
        found[path.name] = [
            a.model_dump(mode="json", exclude={"created_at", "updated_at", "lead_time"}) for a in file.annotations
        ]
    return found


def test_both_versions_give_the_same_documents(tmp_path: Path) -> None:
    for recording in ALL:
        _import(recording, recording.export("pull-snapshot.json"), tmp_path / recording.version)
    first, *others = (_canonical(tmp_path / r.version) for r in ALL)
    assert first and all(other == first for other in others)


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_task_whose_text_differs_from_the_file_is_left_alone(recording: Recording, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = load_file(SEED).file
    assert seed is not None
    edited = seed.document.model_copy(update={"text": seed.document.text.replace("موسكو", "موسكوو", 1)})
    (corpus / SEED.name).write_text(document_json(seed.model_copy(update={"document": edited})), encoding="utf-8")
    before = (corpus / SEED.name).read_bytes()
    _, report = _import(recording, recording.export("pull-snapshot.json"), corpus)
    assert ("L005", recording.url("seed"), "/data/text") in _l_codes(report)
    assert (corpus / SEED.name).read_bytes() == before
    assert not (corpus / ".pending" / SEED.stem).exists()


def _replace_annotation(recording: Recording, name: str, annotation: int, result: list[Any] | None) -> list[Any]:
    """The export as it would be after the annotator changed one annotation (``None``: deleted it)."""
    tasks = recording.tasks(name)
    if result is None:
        return _deleted(tasks, annotation)
    for task in tasks:
        for entry in task["annotations"]:
            if entry["id"] == annotation:
                entry["result"] = result
    return tasks


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _without(tasks: list[Any], annotation: int, task_changed: Callable[[datetime], datetime]) -> list[Any]:
    """``tasks`` without ``annotation``, its task's ``updated_at`` set by ``task_changed`` from the
    annotation's last save."""
    for task in tasks:
        entry = next((a for a in task["annotations"] if a["id"] == annotation), None)
        if entry is not None:
            task["annotations"].remove(entry)
            task["updated_at"] = _stamp(task_changed(datetime.fromisoformat(entry["updated_at"])))
    return tasks


def _deleted(tasks: list[Any], annotation: int) -> list[Any]:
    """The export after ``annotation`` was deleted in Label Studio: the deletion moves its task's
    ``updated_at`` past the annotation's (the server's fact, tests/live/test_restored_export_live.py)."""
    return _without(tasks, annotation, lambda saved: saved + timedelta(seconds=1))


def _restored(tasks: list[Any], annotation: int) -> list[Any]:
    """The export of a server restored from a backup made before ``annotation``: the task as it was
    then, last changed before the annotation was made (making it moved the task: the live test)."""
    return _without(tasks, annotation, lambda saved: saved - timedelta(seconds=1))


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_set_aside_annotation_keeps_its_earlier_version_until_fixed(recording: Recording, tmp_path: Path) -> None:
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    bad, good = recording.server["annotations"]["two-seed-bad"], recording.server["annotations"]["one-seed"]
    good_result = next(a["result"] for t in recording.tasks(name) for a in t["annotations"] if a["id"] == good)
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps(_replace_annotation(recording, name, bad, good_result)), encoding="utf-8")
    _import(recording, earlier, corpus)
    before = load_file(corpus / SEED.name).file
    assert before is not None and bad in [a.origin.annotation for a in before.annotations if a.origin]
    _import(recording, recording.export(name), corpus)  # the annotator broke it
    after = load_file(corpus / SEED.name).file
    assert after is not None and after.annotations == before.annotations
    pending = corpus / ".pending" / SEED.stem / f"annotation-{bad}.json"
    assert json.loads(pending.read_text(encoding="utf-8"))["annotation"]["id"] == bad
    _import(recording, earlier, corpus)  # fixed in Label Studio: its quarantine is emptied
    assert not (corpus / ".pending" / SEED.stem).exists()
    assert (corpus / ".pending" / "o003-emoji-crlf-diacritics").is_dir()  # the tool's UTF-16 annotation is not fixed


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_quarantine_file_says_who_what_and_where(recording: Recording, tmp_path: Path) -> None:
    _import(recording, recording.export("pull-snapshot.json"), tmp_path / "corpus")
    bad = recording.server["annotations"]["two-seed-bad"]
    held = json.loads((tmp_path / "corpus" / ".pending" / SEED.stem / f"annotation-{bad}.json").read_text())
    assert held["annotator"] == PSEUDONYMIZE(recording.server["annotators"]["two"])
    assert held["fix_at"] == recording.url("seed")
    assert [issue["code"] for issue in held["issues"]] == ["L006"]
    assert set(held["annotation"]) <= {"id", "result", "was_cancelled", "ground_truth", "lead_time", "created_at",
                                       "updated_at", "draft_created_at", "task", "project"}  # fmt: skip


def test_release_and_validate_ignore_the_quarantine(tmp_path: Path) -> None:
    from claimkit.loading import find_document_files

    recording = ALL[-1]
    shutil.copytree(recording.folder / "pulled", tmp_path / "corpus")
    files, issues = find_document_files([tmp_path / "corpus"])
    assert issues == []
    assert sorted(Path(p).name for p in files) == sorted(p.name for p in (tmp_path / "corpus").glob("*.json"))
    assert (tmp_path / "corpus" / ".pending").is_dir()


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    recording, corpus = ALL[-1], tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    (corpus / SEED.name).chmod(0o604)
    previous = os.umask(0o027)
    try:
        _import(recording, recording.export("pull-snapshot.json"), corpus)
    finally:
        os.umask(previous)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in corpus.glob("*.json")}
    assert modes == {SEED.name: 0o604, "o003-emoji-crlf-diacritics.json": 0o640, "r005-chain.json": 0o640}


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_unchanged_annotation_keeps_the_guideline_version_it_was_pulled_under(
    recording: Recording, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    _import(recording, recording.export("pull-snapshot.json"), corpus)
    path = next(p for p in sorted(corpus.glob("*.json")) if len(_annotations_of(p)) >= 2)
    file = load_file(path).file
    assert file is not None
    older = [a.model_copy(update={"guideline_version": "1.0.0"}) for a in file.annotations]
    path.write_text(document_json(file.model_copy(update={"annotations": older})), encoding="utf-8")
    tasks = recording.tasks("pull-snapshot.json")
    edited = next(
        annotation
        for task in tasks
        if task["data"].get("doc_id") == file.document.id
        for annotation in task["annotations"]
        if annotation["id"] in _annotations_of(path)
    )
    edited["updated_at"] = "2099-01-01T00:00:00.000000Z"  # edited in Label Studio since the last pull
    export = tmp_path / "export.json"
    export.write_text(json.dumps(tasks), encoding="utf-8")
    _import(recording, export, corpus)
    versions = _annotations_of(path)
    assert versions.pop(edited["id"]) == GUIDELINES_VERSION  # made under today's guidelines
    assert set(versions.values()) == {"1.0.0"}  # unchanged: the version they were pulled under


def _annotations_of(path: Path) -> dict[int, str]:
    file = load_file(path).file
    assert file is not None
    return {a.origin.annotation: a.guideline_version for a in file.annotations if a.origin and a.origin.annotation}


def _saved_in(path: Path, annotation: int) -> int | None:
    """The year the file's copy of Label Studio annotation ``annotation`` was saved in."""
    file = load_file(path).file
    assert file is not None
    held = next(a for a in file.annotations if a.origin and a.origin.annotation == annotation)
    return held.updated_at.year if held.updated_at else None


def _edited_later(
    recording: Recording, name: str, annotation: int, saved: str = "2099-01-01T00:00:00.000000Z"
) -> list[Any]:
    """The export as it would be after the annotator edited ``annotation`` again (a claim removed) at
    ``saved`` (an earlier time: an export made before the one recorded, while the claim was not there yet)."""
    tasks = recording.tasks(name)
    entry = next(a for t in tasks for a in t["annotations"] if a["id"] == annotation)
    region = next(item["id"] for item in entry["result"] if item.get("from_name") == "span" and item.get("id"))
    entry["result"] = [
        item for item in entry["result"] if region not in (item.get("id"), item.get("from_id"), item.get("to_id"))
    ]
    entry["updated_at"] = saved
    return tasks


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_of_two_exports_with_one_annotation_the_newer_version_wins_whatever_their_order(
    recording: Recording, tmp_path: Path
) -> None:
    """``ls import old.json new.json`` (dated exports of one project): the annotator's latest edit is kept."""
    name, annotation = "pull-snapshot.json", recording.server["annotations"]["one-seed"]
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(_edited_later(recording, name, annotation)), encoding="utf-8")
    older = recording.export(name)
    for order, corpus in (([older, newer], tmp_path / "a"), ([newer, older], tmp_path / "b")):
        import_exports([str(p) for p in order], corpus, PSEUDONYMIZE, server_id=recording.server["url"])
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert _saved_in(tmp_path / "a" / SEED.name, annotation) == 2099


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_annotation_deleted_in_label_studio_leaves_the_file_and_is_reported(
    recording: Recording, tmp_path: Path
) -> None:
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    deleted = recording.server["annotations"]["two-emoji-again"]
    _, first = _import(recording, recording.export(name), corpus)
    assert "L046" not in {issue.code for issue in first.issues}
    after = tmp_path / "after.json"
    after.write_text(json.dumps(_replace_annotation(recording, name, deleted, None)), encoding="utf-8")
    _, report = _import(recording, after, corpus)
    assert {(c, f) for c, f, _ in _l_codes(report) if c == "L046"} == {("L046", recording.url("emoji"))}
    assert deleted not in _annotations_of(corpus / "o003-emoji-crlf-diacritics.json")
    _, again = _import(recording, after, corpus)
    assert "L046" not in {issue.code for issue in again.issues}  # reported once, when it leaves


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_export_older_than_an_annotation_keeps_it(recording: Recording, tmp_path: Path) -> None:
    """A server restored from a backup made before an annotation (or that backup's export imported)
    does not have it: the file's copy, maybe the only one left, is kept and said at every import
    (L055); deleted on the server afterwards, it leaves the file (L046)."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    later = recording.server["annotations"]["two-emoji-again"]
    path = corpus / "o003-emoji-crlf-diacritics.json"
    _import(recording, recording.export(name), corpus)
    held = load_file(path).file
    assert held is not None
    index = next(i for i, a in enumerate(held.annotations) if a.origin and a.origin.annotation == later)
    restored = _written(_restored(recording.tasks(name), later), tmp_path / "restored.json")
    for _ in range(2):
        _, report = _import(recording, restored, corpus)
        assert {c for c in _l_codes(report) if c[0] in {"L046", "L054", "L055"}} == {
            ("L055", recording.url("emoji"), f"/annotations/{index}")
        }
        assert load_file(path).file == held
    deleted = _written(_deleted(recording.tasks(name), later), tmp_path / "deleted.json")
    _, report = _import(recording, deleted, corpus)
    assert {c for c, _, _ in _l_codes(report) if c in {"L046", "L054", "L055"}} == {"L046"}
    assert later not in _annotations_of(path)


_MISSING = {"L046", "L047", "L054", "L055"}


def _missing_codes(report: Any) -> set[tuple[str, str, str]]:
    return {c for c in _l_codes(report) if c[0] in _MISSING}


def _untimed(tasks: list[Any], task: int, value: str | None) -> list[Any]:
    """``tasks`` with the ``updated_at`` of one task removed (``None``) or replaced."""
    entry = next(t for t in tasks if t["id"] == task)
    if value is None:
        entry.pop("updated_at")
    else:
        entry["updated_at"] = value
    return tasks


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_export_that_cannot_tell_when_its_task_changed_removes_as_before(
    recording: Recording, tmp_path: Path
) -> None:
    """No time, a time without a zone, or a later export of the same task beside the backup's: the
    export may know of a deletion, so the annotation leaves the file as L046 says (in either order)."""
    name, later = "pull-snapshot.json", recording.server["annotations"]["two-emoji-again"]
    task = recording.server["tasks"]["emoji-again"]
    restored = _restored(recording.tasks(name), later)
    cases = {
        "no-time": [_untimed(restored, task, None)],
        "no-zone": [_untimed(_restored(recording.tasks(name), later), task, "2020-01-01T00:00:00")],
        "with-deleted": [_restored(recording.tasks(name), later), _deleted(recording.tasks(name), later)],
    }
    for case, exports in cases.items():
        for order in (exports, exports[::-1]):
            corpus = tmp_path / f"{case}-{len(order)}-{order is exports}"
            _import(recording, recording.export(name), corpus)
            paths = [str(_written(tasks, tmp_path / f"{case}-{i}.json")) for i, tasks in enumerate(order)]
            report = import_exports(paths, corpus, PSEUDONYMIZE, server_id=recording.server["url"])[1]
            assert {c for c, _, _ in _missing_codes(report)} == {"L046"}, case
            assert later not in _annotations_of(corpus / "o003-emoji-crlf-diacritics.json"), case


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_gold_the_export_predates_stays_the_gold(recording: Recording, tmp_path: Path) -> None:
    """The reviewer's ground truth G is the file's gold; a backup made before G, whose export stars an
    older annotation H, keeps G as the gold (L055 at /gold, H among the annotations); deleted on the
    server while H gets the star, G gives way to H and says so (L046 at /gold)."""
    corpus, name, ids = tmp_path / "corpus", "pull-snapshot.json", recording.server["annotations"]
    gold_id, other = ids["reviewer-chain"], ids["two-chain-empty"]
    path = corpus / "r005-chain.json"
    _import(recording, recording.export(name), corpus)
    held = load_file(path).file
    assert held is not None and held.gold is not None and held.gold.origin is not None
    assert held.gold.origin.annotation == gold_id

    def starred(tasks: list[Any]) -> list[Any]:
        next(a for t in tasks for a in t["annotations"] if a["id"] == other)["ground_truth"] = True
        return tasks

    for tasks, kept in (
        (_restored(recording.tasks(name), gold_id), held.gold),
        (starred(_restored(recording.tasks(name), gold_id)), held.gold),
    ):
        _, report = _import(recording, _written(tasks, tmp_path / "restored.json"), corpus)
        assert _missing_codes(report) == {("L055", recording.url("chain"), "/gold")}
        file = load_file(path).file
        assert file is not None and file.gold == kept
    _, report = _import(
        recording, _written(starred(_deleted(recording.tasks(name), gold_id)), tmp_path / "d.json"), corpus
    )
    assert _missing_codes(report) == {("L046", recording.url("chain"), "/gold")}
    file = load_file(path).file
    assert file is not None and file.gold is not None and file.gold.origin is not None
    assert file.gold.origin.annotation == other


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_annotation_never_saved_again_counts_from_when_it_was_made(recording: Recording, tmp_path: Path) -> None:
    """A file's annotation without ``updated_at`` (written by an older claimkit) is compared by its
    ``created_at``: making it moved its task too."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    later = recording.server["annotations"]["two-emoji-again"]
    path = corpus / "o003-emoji-crlf-diacritics.json"
    _import(recording, recording.export(name), corpus)
    held = load_file(path).file
    assert held is not None
    index, annotation = next(
        (i, a) for i, a in enumerate(held.annotations) if a.origin and a.origin.annotation == later
    )
    untimed = annotation.model_copy(update={"updated_at": None})
    path.write_text(
        document_json(
            held.model_copy(
                update={"annotations": [*held.annotations[:index], untimed, *held.annotations[index + 1 :]]}
            )
        ),
        "utf-8",
    )
    _, report = _import(recording, _written(_restored(recording.tasks(name), later), tmp_path / "r.json"), corpus)
    assert _missing_codes(report) == {("L055", recording.url("emoji"), f"/annotations/{index}")}


def _id_given_to_another(recording: Recording, name: str, annotation: int, author: int, year: int) -> list[Any]:
    """The export of a server restored from a backup made before ``annotation`` (or of another server):
    an annotation by the author of ``author``, without one region, made in ``year``, has its id."""
    tasks = _edited_later(recording, name, annotation, saved=f"{year}-01-02T00:00:00.000000Z")
    entry = next(a for t in tasks for a in t["annotations"] if a["id"] == annotation)
    other = next(a for t in tasks for a in t["annotations"] if a["id"] == author)
    entry.update(created_at=f"{year}-01-01T00:00:00.000000Z", completed_by=other["completed_by"])
    return tasks


def _written(tasks: list[Any], path: Path) -> Path:
    path.write_text(json.dumps(tasks), "utf-8")
    return path


_REPORTED = {"L046", "L047", "L048", "L050", "L051", "L052"}


@pytest.mark.parametrize("year", [2099, 2000], ids=["made-later", "made-earlier"])
@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_annotation_id_given_to_another_annotation_keeps_both(
    recording: Recording, tmp_path: Path, year: int
) -> None:
    """A restored backup, another server or a partner's export reuses Label Studio's ids: the file's
    annotation (perhaps the only copy of someone's work) is never replaced by another person's. It is
    kept, detached from Label Studio (said once), and stays when the other annotation is deleted."""
    corpus, name, ids = tmp_path / "corpus", "pull-snapshot.json", recording.server["annotations"]
    reused = ids["one-seed"]
    _import(recording, recording.export(name), corpus)
    first = load_file(corpus / SEED.name).file
    assert first is not None
    index, mine = next((i, a) for i, a in enumerate(first.annotations) if a.origin and a.origin.annotation == reused)
    tasks = _id_given_to_another(recording, name, reused, ids["two-emoji-again"], year)
    restored = _written(tasks, tmp_path / "restored.json")
    for expected in ({("L052", recording.url("seed"), f"/annotations/{index}")}, set()):
        _, report = _import(recording, restored, corpus)
        assert {(c, f, p) for c, f, p in _l_codes(report) if c in _REPORTED} == expected
        file = load_file(corpus / SEED.name).file
        assert file is not None
        assert mine.model_copy(update={"origin": None}) in file.annotations
        theirs = [a for a in file.annotations if a.origin and a.origin.annotation == reused]
        assert [(a.annotator != mine.annotator, a.created_at and a.created_at.year) for a in theirs] == [(True, year)]
    tasks = _deleted(tasks, reused)  # the other annotation is deleted in Label Studio: the file's copy stays
    _, report = _import(recording, _written(tasks, tmp_path / "deleted.json"), corpus)
    assert {c for c, _, _ in _l_codes(report) if c in _REPORTED} == {"L046"}
    file = load_file(corpus / SEED.name).file
    assert file is not None and mine.model_copy(update={"origin": None}) in file.annotations


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_two_exports_with_one_id_for_two_annotations_keep_both(recording: Recording, tmp_path: Path) -> None:
    """One import of this server's export and another's (or a restored backup's): whatever the order."""
    name, ids = "pull-snapshot.json", recording.server["annotations"]
    reused = ids["one-seed"]
    other = _written(_id_given_to_another(recording, name, reused, ids["two-emoji-again"], 2099), tmp_path / "o")
    mine = recording.export(name)
    for order, corpus in (([mine, other], tmp_path / "a"), ([other, mine], tmp_path / "b")):
        _, report = import_exports([str(p) for p in order], corpus, PSEUDONYMIZE, server_id=recording.server["url"])
        assert {(c, f) for c, f, _ in _l_codes(report) if c in _REPORTED} == {("L052", recording.url("seed"))}
        file = load_file(corpus / SEED.name).file
        assert file is not None
        assert len([a for a in file.annotations if a.origin and a.origin.annotation == reused]) == 2
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


@pytest.mark.parametrize("starred", [True, False], ids=["starred", "not-starred"])
@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_gold_whose_id_is_given_to_another_annotation_is_detached_and_said(
    recording: Recording, tmp_path: Path, starred: bool
) -> None:
    """The reviewer's ground truth became the gold; a restored server gives its id to a new annotation.
    Starred, the new one is a later decision (L048 replaces the gold, in git history); not starred, the
    gold stays. Either way L052 says the gold is no longer linked to Label Studio."""
    corpus, name, ids = tmp_path / "corpus", "pull-snapshot.json", recording.server["annotations"]
    reused = ids["reviewer-chain"]
    _import(recording, recording.export(name), corpus)
    path = corpus / "r005-chain.json"
    before = load_file(path).file
    assert before is not None and before.gold is not None and before.gold.origin is not None
    tasks = _id_given_to_another(recording, name, reused, ids["two-emoji-again"], 2099)
    next(a for t in tasks for a in t["annotations"] if a["id"] == reused)["ground_truth"] = starred
    _, report = _import(recording, _written(tasks, tmp_path / "restored.json"), corpus)
    found = {(c, p) for c, _, p in _l_codes(report) if c in _REPORTED}
    assert found == ({("L052", "/gold"), ("L048", "/gold")} if starred else {("L052", "/gold")})
    after = load_file(path).file
    assert after is not None and after.gold is not None
    if starred:
        assert after.gold.origin is not None and after.gold.created_at and after.gold.created_at.year == 2099
    else:
        assert after.gold == before.gold.model_copy(update={"origin": None})


@pytest.mark.parametrize("saved_again", [True, False], ids=["edited", "made-on-behalf"])
@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_annotation_saved_by_another_user_is_reported_at_every_pull(
    recording: Recording, tmp_path: Path, saved_again: bool
) -> None:
    """A lead (or a second annotator) updated an annotator's annotation: its content is no longer
    only its annotator's. Not reported: a ground truth saved by the reviewer (the recording has one),
    an annotation an administrator made for an annotator through the API (saved once)."""
    corpus, name, ids = tmp_path / "corpus", "pull-snapshot.json", recording.server["annotations"]
    tasks = recording.tasks(name)
    other = next(a for t in tasks for a in t["annotations"] if a["id"] == ids["two-emoji-again"])["completed_by"]
    edited = next(a for t in tasks for a in t["annotations"] if a["id"] == ids["one-seed"])
    edited["updated_by"] = other["id"] if isinstance(other, dict) else other
    if saved_again:
        edited["updated_at"] = "2099-01-01T00:00:00.000000Z"  # long after it was made
    export = tmp_path / "edited.json"
    export.write_text(json.dumps(tasks), encoding="utf-8")
    for _ in range(2):
        _, report = _import(recording, export, corpus)
        assert {(c, f, p) for c, f, p in _l_codes(report) if c == "L053"} == (
            {("L053", recording.url("seed"), f"/annotations/{_index_in_task(tasks, ids['one-seed'])}")}
            if saved_again
            else set()
        )


def _index_in_task(tasks: list[Any], annotation: int) -> int:
    return next(i for t in tasks for i, a in enumerate(t["annotations"]) if a["id"] == annotation)


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_annotation_whose_task_is_gone_is_kept_and_reported_at_every_pull(
    recording: Recording, tmp_path: Path
) -> None:
    """The Data Manager deletes a task with its annotations (one of the two tasks of o003 here; a
    re-pushed document's new task is the same case): the file's copy may be the last one."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    gone = recording.server["annotations"]["two-emoji-again"]
    _import(recording, recording.export(name), corpus)
    path = corpus / "o003-emoji-crlf-diacritics.json"
    before = load_file(path).file
    assert before is not None
    index = next(i for i, a in enumerate(before.annotations) if a.origin and a.origin.annotation == gone)
    task = recording.server["tasks"]["emoji-again"]
    after = tmp_path / "after.json"
    after.write_text(json.dumps([t for t in recording.tasks(name) if t["id"] != task]), encoding="utf-8")
    set_aside = corpus / PENDING / path.stem / f"annotation-{recording.server['annotations']['tool-utf16']}.json"
    held = set_aside.read_bytes()  # task 3's annotation that could not be converted: in the quarantine only
    for _ in range(2):
        _, report = _import(recording, after, corpus)
        assert {(c, f, p) for c, f, p in _l_codes(report) if c in {"L046", "L054"}} == {
            ("L054", recording.url("emoji"), f"/annotations/{index}"),
            ("L054", recording.url("emoji"), ""),
        }
        assert load_file(path).file == before
        assert set_aside.read_bytes() == held


def _second_project(tasks: list[Any], project: int = 2) -> list[Any]:
    """The same tasks as a second project of the server would export them: other task, annotation and
    draft ids."""
    for task in tasks:
        task["id"] += 1000
        task["project"] = project
        for entry in task.get("annotations", []):
            entry["id"] += 1000
            entry["task"], entry["project"] = task["id"], project
        task["drafts"] = []
    return tasks


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_project_whose_tasks_of_a_document_are_all_gone_is_said_in_an_import_of_two(
    recording: Recording, tmp_path: Path
) -> None:
    """``ls import one.json two.json`` (two projects): the second project's tasks of o003 were deleted.
    Its annotations stay in the file, and the import says so as for one project (L054)."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    second = _written(_second_project(recording.tasks(name)), tmp_path / "second.json")
    import_exports([str(recording.export(name)), str(second)], corpus, PSEUDONYMIZE, server_id=recording.server["url"])
    path = corpus / "o003-emoji-crlf-diacritics.json"
    before = load_file(path).file
    assert before is not None
    emoji = {recording.server["tasks"]["emoji"] + 1000, recording.server["tasks"]["emoji-again"] + 1000}
    left = _written([t for t in _second_project(recording.tasks(name)) if t["id"] not in emoji], tmp_path / "left.json")
    exports = [str(recording.export(name)), str(left)]
    _, report = import_exports(exports, corpus, PSEUDONYMIZE, server_id=recording.server["url"])
    gone = [i for i, a in enumerate(before.annotations) if a.origin and a.origin.project == 2]
    found = {(c, p) for c, _, p in _l_codes(report) if c in {"L046", "L054"}}
    assert gone and found - {("L054", "")} == {("L054", f"/annotations/{i}") for i in gone}  # "": the quarantine
    assert load_file(path).file == before


def _ground_truth_changed(recording: Recording, name: str, annotation: int, *, deleted: bool) -> list[Any]:
    """The export after the reviewer took the ground-truth star off ``annotation`` (or deleted it)."""
    tasks = recording.tasks(name)
    for task in tasks:
        for entry in list(task["annotations"]):
            if entry["id"] == annotation:
                if deleted:
                    task["annotations"].remove(entry)
                else:
                    entry["ground_truth"] = False
    return tasks


@pytest.mark.parametrize("deleted", [False, True], ids=["unmarked", "deleted"])
@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_gold_no_longer_marked_in_label_studio_is_kept_and_reported_at_every_pull(
    recording: Recording, tmp_path: Path, deleted: bool
) -> None:
    """The gold is what a release publishes: a pull never drops it silently, nor keeps it silently."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    reviewed = recording.server["annotations"]["reviewer-chain"]
    _, first = _import(recording, recording.export(name), corpus)
    assert "L047" not in {issue.code for issue in first.issues}
    gold = load_file(corpus / "r005-chain.json").file.gold  # type: ignore[union-attr]
    assert gold is not None and gold.origin is not None and gold.origin.annotation == reviewed
    after = tmp_path / "after.json"
    after.write_text(json.dumps(_ground_truth_changed(recording, name, reviewed, deleted=deleted)), encoding="utf-8")
    for _ in range(2):
        _, report = _import(recording, after, corpus)
        assert {(c, f, p) for c, f, p in _l_codes(report) if c in {"L046", "L047"}} == {
            ("L047", recording.url("chain"), "/gold")
        }
        assert load_file(corpus / "r005-chain.json").file.gold == gold  # type: ignore[union-attr]
    assert (reviewed in _annotations_of(corpus / "r005-chain.json")) is not deleted


def _gold_decided_here(
    corpus: Path, adjudication: Adjudication | None, shift: timedelta | None, *, change: bool = True, **update: Any
) -> Annotation:
    """Replace the pulled gold of the chain document by one decided outside the project (a claim's
    certainty changed, unless not ``change``), saved ``shift`` after the ground truth (no time: ``None``);
    returns it."""
    path = corpus / "r005-chain.json"
    file = load_file(path).file
    assert file is not None and file.gold is not None and file.gold.updated_at is not None
    pulled = recertified(file.gold) if change else file.gold
    when = None if shift is None else file.gold.updated_at + shift
    gold = pulled.model_copy(
        update={"origin": None, "adjudication": adjudication, "created_at": None, "updated_at": when, **update}
    )
    path.write_text(document_json(file.model_copy(update={"gold": gold})), encoding="utf-8")
    return gold


EXPERT = Adjudication(method=AdjudicationMethod.EXPERT, reviewer="lead")
ELSEWHERE = {"origin": Origin(project=999, task=1, annotation=1)}


@pytest.mark.parametrize(
    ("adjudication", "shift", "update"),
    [
        (EXPERT, timedelta(days=1), {}),
        (EXPERT, None, {}),
        (Adjudication(method=AdjudicationMethod.REVIEWER, reviewer="x"), timedelta(days=1), ELSEWHERE),
        (None, None, {}),
    ],
    ids=["expert-later", "expert-untimed", "reviewed-in-another-project", "hand-made"],
)
@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_gold_decided_elsewhere_and_later_is_kept_over_the_ground_truth_and_reported_at_every_pull(
    recording: Recording,
    tmp_path: Path,
    adjudication: Adjudication | None,
    shift: timedelta | None,
    update: dict[str, Any],
) -> None:
    """A pull never replaces a later decision by people with an earlier one (L049, at every pull)."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    _import(recording, recording.export(name), corpus)
    local = _gold_decided_here(corpus, adjudication, shift, **update)
    for _ in range(2):
        _, report = _import(recording, recording.export(name), corpus)
        assert {(c, f, p) for c, f, p in _l_codes(report) if c in {"L047", "L048", "L049"}} == {
            ("L049", recording.url("chain"), "/gold")
        }
        assert load_file(corpus / "r005-chain.json").file.gold == local  # type: ignore[union-attr]
        # the ground truth is not the gold: it is one of the annotations, not dropped
        assert recording.server["annotations"]["reviewer-chain"] in _annotations_of(corpus / "r005-chain.json")


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_gold_decided_elsewhere_that_agrees_with_the_ground_truth_gives_way_to_it_without_a_word(
    recording: Recording, tmp_path: Path
) -> None:
    """The same claims, sources and cues: the two decisions agree, and Label Studio's copy is followed."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    _import(recording, recording.export(name), corpus)
    pulled = tree(corpus)
    _gold_decided_here(corpus, EXPERT, timedelta(days=1), change=False)
    _, report = _import(recording, recording.export(name), corpus)
    assert not {c for c, _, _ in _l_codes(report)} & {"L047", "L048", "L049", "L050"}
    assert tree(corpus) == pulled


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_ground_truth_saved_after_a_gold_decided_elsewhere_replaces_it_and_says_so_once(
    recording: Recording, tmp_path: Path
) -> None:
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    reviewed = recording.server["annotations"]["reviewer-chain"]
    _import(recording, recording.export(name), corpus)
    pulled = load_file(corpus / "r005-chain.json").file.gold  # type: ignore[union-attr]
    _gold_decided_here(corpus, EXPERT, timedelta(days=-1))
    _, report = _import(recording, recording.export(name), corpus)
    assert {(c, f, p) for c, f, p in _l_codes(report) if c in {"L047", "L048", "L049"}} == {
        ("L048", recording.url("chain"), "/gold")
    }
    gold = load_file(corpus / "r005-chain.json").file.gold  # type: ignore[union-attr]
    assert gold == pulled and gold is not None and gold.origin is not None and gold.origin.annotation == reviewed
    _, again = _import(recording, recording.export(name), corpus)
    assert not {c for c, _, _ in _l_codes(again)} & {"L047", "L048", "L049"}


@pytest.mark.parametrize("shift", [timedelta(days=1), timedelta(days=-1)], ids=["later", "earlier"])
@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_computed_gold_gives_way_to_the_ground_truth_without_a_word(
    recording: Recording, tmp_path: Path, shift: timedelta
) -> None:
    """A unanimous gold can be computed again at any time: the reviewer's ground truth takes its place."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    _import(recording, recording.export(name), corpus)
    pulled = load_file(corpus / "r005-chain.json").file.gold  # type: ignore[union-attr]
    _gold_decided_here(corpus, Adjudication(method=AdjudicationMethod.UNANIMOUS, annotators=["a", "b"]), shift)
    _, report = _import(recording, recording.export(name), corpus)
    assert not {c for c, _, _ in _l_codes(report)} & {"L047", "L048", "L049"}
    assert load_file(corpus / "r005-chain.json").file.gold == pulled  # type: ignore[union-attr]


def _edit_in_file(path: Path, annotation: int) -> None:
    """What a lead might do in an editor: change the certainty of a claim of the annotation pulled from
    Label Studio annotation ``annotation`` (an annotator's, or the gold)."""
    file = load_file(path).file
    assert file is not None

    def edited(held: Annotation) -> Annotation:
        return recertified(held) if held.origin and held.origin.annotation == annotation else held

    gold = edited(file.gold) if file.gold is not None else None
    changed = file.model_copy(update={"annotations": [edited(a) for a in file.annotations], "gold": gold})
    assert changed != file
    path.write_text(document_json(changed), encoding="utf-8")


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_edit_made_in_the_file_gives_way_to_label_studios_unchanged_copy_and_is_reported_once(
    recording: Recording, tmp_path: Path
) -> None:
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    _import(recording, recording.export(name), corpus)
    pulled = tree(corpus)
    annotation = recording.server["annotations"]["one-seed"]
    _edit_in_file(corpus / SEED.name, annotation)
    _edit_in_file(corpus / "r005-chain.json", recording.server["annotations"]["reviewer-chain"])
    _, report = _import(recording, recording.export(name), corpus)
    assert {(c, f, p) for c, f, p in _l_codes(report) if c == "L050"} == {
        ("L050", recording.url("chain"), "/gold"),
        ("L050", recording.url("seed"), "/annotations/0"),
    }
    assert tree(corpus) == pulled  # Label Studio's copies are back, byte for byte
    _, again = _import(recording, recording.export(name), corpus)
    assert "L050" not in {issue.code for issue in again.issues}


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_annotation_saved_again_in_label_studio_replaces_the_files_copy_without_l050(
    recording: Recording, tmp_path: Path
) -> None:
    """Label Studio's newer version is what the pull is for: not an edit being overwritten."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    annotation = recording.server["annotations"]["one-seed"]
    _import(recording, recording.export(name), corpus)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(_edited_later(recording, name, annotation)), encoding="utf-8")
    _, report = _import(recording, newer, corpus)
    assert "L050" not in {issue.code for issue in report.issues}
    assert _saved_in(corpus / SEED.name, annotation) == 2099


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_an_older_export_imported_after_a_newer_pull_never_turns_an_annotation_back(
    recording: Recording, tmp_path: Path
) -> None:
    """``ls import backup.json`` after a pull: the file keeps the later version, and says so at every import."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    _import(recording, recording.export(name), corpus)
    pulled = tree(corpus)
    older = tmp_path / "older.json"
    annotation = recording.server["annotations"]["one-seed"]
    older.write_text(
        json.dumps(_edited_later(recording, name, annotation, "2020-01-01T00:00:00.000000Z")), encoding="utf-8"
    )
    for _ in range(2):
        _, report = _import(recording, older, corpus)
        assert {(c, f) for c, f, _ in _l_codes(report) if c in {"L046", "L050", "L051"}} == {
            ("L051", recording.url("seed"))
        }
        assert tree(corpus) == pulled
    _, again = _import(recording, recording.export(name), corpus)
    assert not {c for c, _, _ in _l_codes(again)} & {"L046", "L050", "L051"}


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.version)
def test_a_kept_gold_edited_in_the_file_is_no_edit_of_the_annotation_it_came_from(
    recording: Recording, tmp_path: Path
) -> None:
    """The star taken off, the gold stays (L047) and its annotation joins the annotators': a lead's fix
    in that gold is kept, and is no L050 about the annotation, which nobody edited."""
    corpus, name = tmp_path / "corpus", "pull-snapshot.json"
    reviewed = recording.server["annotations"]["reviewer-chain"]
    _import(recording, recording.export(name), corpus)
    after = tmp_path / "after.json"
    after.write_text(json.dumps(_ground_truth_changed(recording, name, reviewed, deleted=False)), encoding="utf-8")
    _import(recording, after, corpus)
    pulled = load_file(corpus / "r005-chain.json").file.gold  # type: ignore[union-attr]
    assert pulled is not None
    kept = {"origin": pulled.origin, "created_at": pulled.created_at}
    fixed = _gold_decided_here(corpus, pulled.adjudication, timedelta(0), **kept)
    for _ in range(2):
        _, report = _import(recording, after, corpus)
        assert {(c, f, p) for c, f, p in _l_codes(report) if c in {"L047", "L050"}} == {
            ("L047", recording.url("chain"), "/gold")
        }
        assert load_file(corpus / "r005-chain.json").file.gold == fixed  # type: ignore[union-attr]
