"""Two pulls or imports into one corpus at once: the second stops before it changes anything (E215)."""

from __future__ import annotations

from pathlib import Path

from claimkit.errors import ConfigError
from claimkit.labelstudio.staging import STAGING_PREFIX, Staging
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
    """A preannotate or adjudicate landing while a pull reads its export: the pull writes nothing (E216)."""
    from claimkit.errors import DataError

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
    from claimkit.errors import DataError

    (tmp_path / "a.json").write_text("old")
    staging = Staging(tmp_path)
    staging.reading("a.json")  # the pull reads the file to merge into it...
    (tmp_path / "a.json").write_text("written meanwhile")  # ...a proposal lands...
    staging.put("a.json", "merged from the old file")  # ...and the merge of the old content is staged
    with raises_code("E216", DataError):
        staging.apply()
    staging.discard()
    assert (tmp_path / "a.json").read_text() == "written meanwhile"
