"""ClassLabel ids are part of the release contract: recorded, append-only, and guarded by the version bump."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimkit.errors import ReleaseError
from claimkit.release.build import build_release
from claimkit.release.diff import diff_records, render_diff
from claimkit.release.labels import Bump, assign_ids, label_changes, taxonomy_labels
from claimkit.release.settings import DatasetSettings
from claimkit.release.versions import ReleaseRecord, check_version, load_records, required_bump
from tests.conftest import ROOT
from tests.errors import raises_code

MakeCorpus = Callable[..., Path]
CATEGORIES = ["official_statement", "analyst_opinion", "reported_fact"]


def _with_categories(record: ReleaseRecord, categories: list[str], version: str) -> ReleaseRecord:
    """``record`` as a later version whose ClaimCategory ids are ``categories`` (nothing else changed)."""
    label_sets = {**record.label_sets, "ClaimCategory": categories}
    return record.model_copy(update={"version": version, "label_sets": label_sets, "categories": categories})


@pytest.fixture(scope="module")
def released() -> ReleaseRecord:
    return load_records(ROOT / "releases")["0.1.0"]


def test_the_committed_record_keeps_the_ids_it_was_released_with(released: ReleaseRecord) -> None:
    assert released.label_sets["ClaimCategory"] == CATEGORIES
    assert assign_ids(released.label_sets) == released.label_sets
    assert assign_ids(None) == taxonomy_labels()


def test_a_label_declared_first_gets_the_next_id() -> None:
    recorded = {"ClaimCategory": CATEGORIES, "Polarity": ["positive", "negative"]}
    declared = {"ClaimCategory": ["rumour", *CATEGORIES], "Polarity": ["negative", "positive"]}
    assert {name: _append_only_ids(recorded[name], values) for name, values in declared.items()} == {
        "ClaimCategory": [*CATEGORIES, "rumour"],
        "Polarity": ["positive", "negative"],  # declared in another order: the ids stay
    }


def _append_only_ids(recorded: list[str], declared: list[str]) -> list[str]:
    from claimkit.release import labels

    return labels._append_only(recorded, declared)


@pytest.mark.parametrize(
    ("change", "categories", "bump", "kinds"),
    [
        ("insert", [*CATEGORIES, "rumour"], Bump.MINOR, {("rumour", "added")}),
        (
            "rename",
            ["official_statement", "analyst_opinion", "outlet_report"],
            Bump.MAJOR,
            {("reported_fact", "removed"), ("outlet_report", "added")},
        ),
        (
            "remove",
            ["official_statement", "reported_fact"],
            Bump.MAJOR,
            {("analyst_opinion", "removed"), ("reported_fact", "moved")},
        ),
        (
            "reorder",
            ["reported_fact", "official_statement", "analyst_opinion"],
            Bump.MAJOR,
            {("reported_fact", "moved"), ("official_statement", "moved"), ("analyst_opinion", "moved")},
        ),
    ],
)
def test_each_label_change_needs_its_bump(
    released: ReleaseRecord, change: str, categories: list[str], bump: Bump, kinds: set[tuple[str, str]]
) -> None:
    current = _with_categories(released, categories, "0.2.0")
    changes = label_changes(released.label_sets, current.label_sets)
    assert {(c.label, c.kind) for c in changes} == kinds, change
    assert required_bump(released, current)[0] is bump
    records = {"0.1.0": released}
    if bump is Bump.MAJOR:
        with raises_code("E304", ReleaseError):
            check_version(records, current)
        assert check_version(records, _with_categories(released, categories, "1.0.0")) == "new"
    else:
        assert check_version(records, current) == "new"
        with raises_code("E304", ReleaseError):
            check_version(records, _with_categories(released, categories, "0.1.1"))


def test_diff_shows_label_changes_with_their_ids(released: ReleaseRecord) -> None:
    current = _with_categories(released, ["official_statement", "reported_fact", "rumour"], "1.0.0")
    diff = diff_records(released, current)
    assert [(c.label_set, c.label, c.before, c.after) for c in diff.label_changes] == [
        ("ClaimCategory", "analyst_opinion", 1, None),
        ("ClaimCategory", "reported_fact", 2, 1),
        ("ClaimCategory", "rumour", None, 2),
    ]
    text = render_diff(diff, "text")
    assert "ClaimCategory `reported_fact` moved from id 2 to id 1" in text
    assert render_diff(diff, "json").count('"change"') == 3


def test_a_release_numbers_its_labels_from_the_previous_record(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    """Ids recorded in an earlier release win over the taxonomy's declaration order."""
    records = tmp_path / "releases"
    first = build_release(make_corpus(3), "1.0.0", tmp_path / "dist", records=records, settings=settings).record
    moved = {**first.label_sets, "Polarity": ["negative", "positive"]}  # as if declared the other way first
    (records / "1.0.0.json").write_text(first.model_copy(update={"label_sets": moved}).model_dump_json(), "utf-8")
    second = build_release(make_corpus(1, start=50), "1.1.0", tmp_path / "dist", records=records, settings=settings)
    assert second.record.label_sets["Polarity"] == ["negative", "positive"]
    import pyarrow.parquet as pq

    claims = pq.read_table(next((second.folder / "data" / "claims").glob("*.parquet")))
    assert set(claims.column("polarity").to_pylist()) == {1}  # every generated claim is positive: id 1 now
