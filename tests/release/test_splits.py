"""Split ratios from the command line and from pyproject.toml: what a release records must be
rebuildable and loadable, so a NaN, a nameless split or a split named twice is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimkit.errors import ConfigError, UsageError
from claimkit.release.settings import load_settings
from claimkit.release.splits import parse_ratios
from tests.errors import raises_code


@pytest.mark.parametrize(
    "text",
    ["train=nan", "train=inf", "train=2,test=-1", "=1", "train=1,,", "train=0.5,train=0.5", "train data=1", "1a=1"],
)
def test_unusable_split_ratios_are_a_usage_error(text: str) -> None:
    with raises_code("E003", UsageError):
        parse_ratios(text)


def test_usable_split_ratios() -> None:
    assert parse_ratios("train=0.8, validation=0.1, test=0.1") == {"train": 0.8, "validation": 0.1, "test": 0.1}


@pytest.mark.parametrize("ratios", ["{ train = nan }", "{ train = 2, test = -1 }", '{ "" = 1 }', '"train=1"'])
def test_unusable_split_ratios_in_pyproject_are_a_config_error(tmp_path: Path, ratios: str) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f"[tool.claimkit.dataset]\nsplit_ratios = {ratios}\n", encoding="utf-8")
    with raises_code("E106", ConfigError):
        load_settings(pyproject)


@pytest.mark.parametrize(
    "setting",
    [
        "languages = 5",
        'languages = ["ar", 3]',
        'name = "../../outside"',
        'name = "my dataset"',
        "name = 7",
        'license = ["cc-by-4.0"]',
        "split_salt = 1e400",
        "description = { text = 'x' }",
    ],
)
def test_values_of_the_wrong_type_or_form_are_a_config_error(tmp_path: Path, setting: str) -> None:
    """Each was an internal error (a list where a license belongs), and a name with '..' put the release
    folder outside --out."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f"[tool.claimkit.dataset]\n{setting}\n", encoding="utf-8")
    with raises_code("E106", ConfigError):
        load_settings(pyproject)


def test_a_name_of_letters_digits_and_separators_is_kept(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.claimkit.dataset]\nname = "news.claims-ar_2"\nlanguages = ["ar", "en"]\n', "utf-8")
    settings = load_settings(pyproject)
    assert (settings.name, settings.languages) == ("news.claims-ar_2", ("ar", "en"))
