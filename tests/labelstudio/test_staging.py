"""Two pulls or imports into one corpus at once: the second stops before it changes anything (E215).
A write guarded by ``expected`` (adjudicate, preannotate) and a pull exclude each other the same way."""

from __future__ import annotations

import errno
import fcntl
import os
import threading
from pathlib import Path

import pytest

from claimkit import storage
from claimkit.errors import ConfigError, DataError
from claimkit.labelstudio import staging
from claimkit.labelstudio.staging import STAGING_PREFIX, Staging
from claimkit.storage import atomic_write_text
from tests.errors import raises_code


def test_a_second_run_on_a_busy_corpus_is_refused_and_leaves_the_first_ones_staging(tmp_path: Path) -> None:
    first = Staging(tmp_path)
    first.put("a.json", "{}")
    with raises_code("E215", ConfigError):
        Staging(tmp_path)
    assert first.staged() == [first.folder / "a.json"]  # not cleared by the refused run
    first.apply()
    first.discard()
    assert (tmp_path / "a.json").read_text() == "{}"
    second = Staging(tmp_path)  # the lock went with the first run
    second.discard()
    assert not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_the_staging_of_an_interrupted_run_is_cleared_by_the_next(tmp_path: Path) -> None:
    (tmp_path / f"{STAGING_PREFIX}left").mkdir()
    staging = Staging(tmp_path)
    assert [p.name for p in tmp_path.glob(STAGING_PREFIX + "*")] == [staging.folder.name]
    staging.discard()


def test_a_file_changed_after_it_was_staged_stops_the_whole_apply(tmp_path: Path) -> None:
    """An editor saving while a pull reads its export: the pull writes nothing (E216)."""
    (tmp_path / "a.json").write_text("old")
    staging = Staging(tmp_path)
    staging.put("a.json", "from the export")
    staging.put("b.json", "new document")
    (tmp_path / "a.json").write_text("written meanwhile")
    with raises_code("E216", DataError):
        staging.apply()
    staging.discard()
    assert (tmp_path / "a.json").read_text() == "written meanwhile"
    assert not (tmp_path / "b.json").exists()


def test_a_file_changed_between_its_reading_and_its_staging_stops_the_apply(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old")
    staging = Staging(tmp_path)
    staging.reading("a.json")  # the pull reads the file to merge into it...
    (tmp_path / "a.json").write_text("written meanwhile")  # ...a proposal lands...
    staging.put("a.json", "merged from the old file")  # ...and the merge of the old content is staged
    with raises_code("E216", DataError):
        staging.apply()
    staging.discard()
    assert (tmp_path / "a.json").read_text() == "written meanwhile"


def test_a_guarded_write_cannot_land_while_a_pull_holds_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window E216 left open: adjudicate checked the file, a pull replaced it, adjudicate renamed its
    gold over the pull's file and the annotator's new work was gone. A write guarded by ``expected`` now
    waits for the pull's lock on the folder, then gives up (E215): the file stays as the pull leaves it."""
    monkeypatch.setattr(storage, "_LOCK_WAIT", 0.1)
    (tmp_path / "a.json").write_text("read by adjudicate")
    pull = Staging(tmp_path)
    pull.put("a.json", "the pull's new annotations")
    with raises_code("E215", DataError):
        atomic_write_text(tmp_path / "a.json", "gold", expected=b"read by adjudicate")
    pull.apply()
    pull.discard()
    assert (tmp_path / "a.json").read_text() == "the pull's new annotations"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]  # no temporary file left


def test_a_pull_cannot_start_between_a_guarded_writes_check_and_its_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(staging, "_WAIT", 0.1)
    (tmp_path / "a.json").write_text("read")
    refused = []
    check = storage._unchanged

    def a_pull_starts_after_the_check(target: Path, expected: bytes) -> None:
        check(target, expected)
        with raises_code("E215", ConfigError) as raised:
            Staging(tmp_path)
        refused.append(raised.value.code.code)

    monkeypatch.setattr(storage, "_unchanged", a_pull_starts_after_the_check)
    atomic_write_text(tmp_path / "a.json", "gold", expected=b"read")
    assert refused == ["E215"]
    assert (tmp_path / "a.json").read_text() == "gold"
    Staging(tmp_path).discard()  # the write's lock went with it


def test_guarded_writes_to_one_folder_wait_for_each_others_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parallel preannotate workers (or an adjudicate beside them) hold the folder for the milliseconds
    of a check and a rename: the next one waits for it instead of refusing."""
    monkeypatch.setattr(storage, "_LOCK_WAIT", 30.0)  # a loaded machine must not turn the wait into E215
    (tmp_path / "a.json").write_text("a")
    held = storage.lock_folder(tmp_path)  # another worker, between its check and its rename
    assert held is not None
    writer = threading.Thread(
        target=atomic_write_text, args=(tmp_path / "a.json", "proposal"), kwargs={"expected": b"a"}
    )
    writer.start()
    writer.join(0.3)
    assert writer.is_alive() and (tmp_path / "a.json").read_text() == "a"  # it waits for the other's lock
    os.close(held)
    writer.join(30)
    assert not writer.is_alive() and (tmp_path / "a.json").read_text() == "proposal"


def test_a_folder_that_cannot_be_locked_is_a_coded_error_and_the_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No locks on the file system (or a folder that can be written but not read): E212, not an
    internal error, and nothing is written."""

    def no_locks(*_: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    (tmp_path / "a.json").write_text("a")
    monkeypatch.setattr(fcntl, "flock", no_locks)
    with raises_code("E212", DataError):
        atomic_write_text(tmp_path / "a.json", "gold", expected=b"a")
    assert (tmp_path / "a.json").read_text() == "a"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def _counting_locks(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits of every attempt to lock a folder (the real lock, counted)."""
    waits: list[float] = []
    real = storage.lock_folder

    def counted(folder: Path, *, wait: float = 0.0) -> int | None:
        waits.append(wait)
        return real(folder, wait=wait)

    monkeypatch.setattr(storage, "lock_folder", counted)
    return waits


def test_a_bulk_preannotate_beside_a_pull_waits_for_the_folder_once_not_once_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull holds its folder for minutes: a batch of 5,000 files waiting for it file by file waited
    for 40 minutes to say E215 5,000 times. Every file is still refused (E215) and left as it was."""
    from claimkit.preannotate.apply import preannotate_files
    from tests.labelstudio.scenario import SEED

    monkeypatch.setattr(storage, "_LOCK_WAIT", 0.1)
    paths = [tmp_path / f"{name}.json" for name in ("a", "b", "c")]
    for path in paths:
        path.write_bytes(SEED.read_bytes())
    waits = _counting_locks(monkeypatch)
    pull = Staging(tmp_path)
    outcomes = preannotate_files([str(p) for p in paths])
    pull.discard()
    assert [[i.code for i in o.issues] for o in outcomes] == [["E215"]] * 3
    assert waits == [0.1]
    assert all(p.read_bytes() == SEED.read_bytes() for p in paths)


def test_a_folder_found_busy_is_refused_at_once_for_the_runs_next_files_and_only_that_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimkit.loading import load_file
    from claimkit.storage import write_document_file
    from tests.labelstudio.scenario import SEED

    monkeypatch.setattr(storage, "_LOCK_WAIT", 0.1)
    file = load_file(SEED).file
    assert file is not None
    held, free = tmp_path / "held", tmp_path / "free"
    for folder in (held, free):
        folder.mkdir()
        (folder / "a.json").write_bytes(SEED.read_bytes())
    busy: set[Path] = set()
    waits = _counting_locks(monkeypatch)
    pull = Staging(held)
    for _ in range(3):
        with raises_code("E215", DataError):
            write_document_file(held / "a.json", file, expected=SEED.read_bytes(), busy=busy)
    write_document_file(free / "a.json", file, expected=SEED.read_bytes(), busy=busy)
    pull.discard()
    assert busy == {held} and waits == [0.1, 0.1]  # the held folder once, the free one once
