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
