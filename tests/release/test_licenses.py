"""The license of a release comes from its documents; a dataset license that drops their terms is refused."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks.corpus import generate_document, vocabulary

from claimkit.errors import ConfigError, ReleaseError
from claimkit.release.build import BuildResult, build_release
from claimkit.release.licenses import license_terms
from claimkit.release.load import card_metadata
from claimkit.release.settings import DatasetSettings, load_settings
from claimkit.storage import dump_json
from tests.conftest import ROOT
from tests.errors import raises_code
from tests.release.gitrepo import commit, init


@pytest.fixture
def licensed_corpus(tmp_path: Path) -> Callable[..., Path]:
    """``licensed_corpus([license or None, ...])``: one committed document per entry, with that license."""
    corpus = init(tmp_path / "corpus")

    def make(licenses: list[str | None]) -> Path:
        for index, license_id in enumerate(licenses):
            document = generate_document(index, random.Random(index), vocabulary(), claims=4)
            if license_id is not None:
                document["document"]["license"] = license_id
            (corpus / f"{document['document']['id']}.json").write_text(dump_json(document), encoding="utf-8")
        commit(corpus)
        return corpus

    return make


def _build(corpus: Path, tmp_path: Path, license_id: str | None) -> BuildResult:
    settings = DatasetSettings(name="licensed", license=license_id)
    return build_release(corpus, "1.0.0", tmp_path / "dist", records=tmp_path / "r", settings=settings)


def _codes(result: BuildResult) -> list[str]:
    return [issue.code for issue in result.report.issues]


def test_one_license_for_every_document(licensed_corpus: Callable[..., Path], tmp_path: Path) -> None:
    result = _build(licensed_corpus(["CC-BY-NC-SA-4.0", "cc-by-nc-sa-4.0"]), tmp_path, "cc-by-nc-sa-4.0")
    assert card_metadata(result.folder)["license"] == "cc-by-nc-sa-4.0"
    assert _codes(result) == []
    card = (result.folder / "README.md").read_text(encoding="utf-8")
    assert "`CC-BY-NC-SA-4.0` (2 documents)" in card
    assert "**attribution, non-commercial, share-alike**" in card
    croissant = json.loads((result.folder / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["license"] == "https://spdx.org/licenses/CC-BY-NC-SA-4.0.html"


def test_mixed_licenses_are_listed_with_the_most_restrictive_terms(
    licensed_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    result = _build(licensed_corpus(["CC-BY-4.0", "CC-BY-NC-4.0", "CC0-1.0"]), tmp_path, "CC-BY-NC-4.0")
    assert card_metadata(result.folder)["license"] == ["cc-by-4.0", "cc-by-nc-4.0", "cc0-1.0"]
    card = (result.folder / "README.md").read_text(encoding="utf-8")
    assert "**attribution, non-commercial**" in card
    assert len(json.loads((result.folder / "croissant.json").read_text())["license"]) == 3


@pytest.mark.parametrize(
    ("documents", "dataset"),
    [
        (["CC-BY-NC-SA-4.0"], "cc-by-4.0"),  # the first corpus under the old configuration
        (["CC-BY-NC-4.0", "CC-BY-4.0"], "CC-BY-4.0"),  # one non-commercial text is enough
        (["CC-BY-SA-4.0"], "CC-BY-NC-SA-4.0"),  # share-alike: only under the same license
        (["CC-BY-ND-4.0"], "CC-BY-4.0"),
        (["CC-BY-4.0"], "CC0-1.0"),  # attribution dropped
    ],
)
def test_a_dataset_license_that_drops_terms_is_refused(
    licensed_corpus: Callable[..., Path], tmp_path: Path, documents: list[str], dataset: str
) -> None:
    with raises_code("E308", ReleaseError):
        _build(licensed_corpus(documents), tmp_path, dataset)
    assert not (tmp_path / "r").exists()
    assert not list((tmp_path / "dist").iterdir())


def test_documents_without_a_license_are_named(licensed_corpus: Callable[..., Path], tmp_path: Path) -> None:
    result = _build(licensed_corpus(["CC-BY-4.0", None, None]), tmp_path, "CC-BY-4.0")
    assert _codes(result) == ["D008"]
    assert all(f"bench-00000{i}" in result.report.issues[0].message for i in (1, 2))
    assert "2 documents record no license" in (result.folder / "README.md").read_text(encoding="utf-8")


def test_licenses_whose_terms_are_unknown_are_named(licensed_corpus: Callable[..., Path], tmp_path: Path) -> None:
    result = _build(licensed_corpus(["MIT", "CC-BY-4.0"]), tmp_path, "CC-BY-4.0")
    assert _codes(result) == ["D009"]
    assert "bench-000000" in result.report.issues[0].message


def test_a_document_license_that_is_not_spdx_fails_the_corpus(
    licensed_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    with raises_code("E305", ReleaseError):
        _build(licensed_corpus(["CC BY-NC-SA 4.0"]), tmp_path, "CC-BY-NC-SA-4.0")


def test_the_dataset_license_must_be_an_spdx_id(licensed_corpus: Callable[..., Path], tmp_path: Path) -> None:
    with raises_code("E309", ConfigError):
        _build(licensed_corpus(["CC-BY-4.0"]), tmp_path, "Creative Commons")


def test_terms_of_the_licenses_claimkit_knows() -> None:
    assert license_terms("CC-BY-NC-SA-4.0") == {"attribution", "non-commercial", "share-alike"}
    assert license_terms("cc-by-nd-4.0") == {"attribution", "no-derivatives"}
    assert license_terms("CC0-1.0") == frozenset()
    assert license_terms("ODbL-1.0") == {"attribution", "share-alike"}
    assert license_terms("MIT") is None


def test_the_repository_configures_the_license_of_its_corpus() -> None:
    """The first corpus is CC BY-NC-SA 4.0 (share-alike): the dataset can only be that license too."""
    settings = load_settings(ROOT / "pyproject.toml")
    assert settings.license.upper() == "CC-BY-NC-SA-4.0"


def test_without_a_configured_license_the_documents_one_is_taken(
    licensed_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    result = _build(licensed_corpus(["CC-BY-NC-SA-4.0", "CC-BY-NC-SA-4.0"]), tmp_path, None)
    assert card_metadata(result.folder)["license"] == "cc-by-nc-sa-4.0"
    assert _codes(result) == []


def test_without_a_configured_license_several_document_licenses_are_refused(
    licensed_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    with raises_code("E311", ConfigError):
        _build(licensed_corpus(["CC-BY-NC-SA-4.0", "CC-BY-4.0"]), tmp_path, None)
    assert not (tmp_path / "r").exists()
