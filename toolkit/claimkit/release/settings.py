"""Dataset settings: ``[tool.claimkit.dataset]`` in ``pyproject.toml``, with defaults."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from claimkit.errors import INVALID_DATASET_CONFIG, ConfigError
from claimkit.release.splits import DEFAULT_RATIOS, ratios_problem

__all__ = ["DatasetSettings", "load_settings"]


@dataclass(frozen=True)
class DatasetSettings:
    name: str = "claimkit-dataset"
    pretty_name: str = "claimkit claims and sources"
    description: str = "News articles annotated with claims, their sources and attribution cues."
    license: str | None = None  # None: the documents' own license (see claimkit.release.licenses)
    homepage: str = ""
    citation: str = ""
    languages: tuple[str, ...] = ("ar",)
    split_ratios: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RATIOS))
    split_salt: str = "claimkit"

    def with_ratios(self, ratios: dict[str, float] | None) -> DatasetSettings:
        return self if ratios is None else replace(self, split_ratios=ratios)


_TEXTS = ("name", "pretty_name", "description", "license", "homepage", "citation", "split_salt")
#: A name the release folder and the Hub repository are made of: no path, no space.
_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!\.)){0,95}")


def _value_problem(values: dict[str, Any]) -> str | None:
    """What is wrong with a value's type or form (the TOML may hold a number where a text belongs)."""
    for key in _TEXTS:
        if key in values and not isinstance(values[key], str):
            return f"{key} must be a string, not {type(values[key]).__name__}"
    if "name" in values and not _NAME.fullmatch(values["name"]):
        return (
            f"name {values['name']!r} must be letters, digits, '-', '_' or '.' (it names the release folder; "
            "a Hub repository such as org/name is given with --push-to-hub)"
        )
    languages = values.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(code, str) and code for code in languages):
        return "languages must be a list of language codes (strings)"
    return None


def _dataset_table(table: dict[str, Any]) -> Any:
    """``tool.claimkit.dataset`` (``None`` when absent); a ``tool`` or ``tool.claimkit`` that is not a
    table holds none."""
    found: Any = table
    for key in ("tool", "claimkit", "dataset"):
        if not isinstance(found, dict) or key not in found:
            return None
        found = found[key]
    return found


def load_settings(pyproject: Path, named: bool = False) -> DatasetSettings:
    """The settings of the dataset built from this repository (defaults when the table is absent).
    A file ``named`` by the user (``--config``) must exist and hold the table: else E106, never defaults."""
    if not pyproject.is_file():
        if named:
            raise ConfigError(INVALID_DATASET_CONFIG, f"--config {pyproject} is not a file")
        return DatasetSettings()
    try:
        table: dict[str, Any] = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(INVALID_DATASET_CONFIG, f"{pyproject} is not valid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(INVALID_DATASET_CONFIG, f"{pyproject} cannot be read: {error}") from None
    values = _dataset_table(table)
    if values is None and named:
        raise ConfigError(INVALID_DATASET_CONFIG, f"--config {pyproject} has no [tool.claimkit.dataset] table")
    if values is not None and not isinstance(values, dict):
        raise ConfigError(INVALID_DATASET_CONFIG, f"{pyproject}: tool.claimkit.dataset is not a table")
    values = values or {}
    known = set(DatasetSettings.__dataclass_fields__)
    unknown = set(values) - known
    if unknown:
        raise ConfigError(
            INVALID_DATASET_CONFIG,
            f"unknown keys in [tool.claimkit.dataset]: {sorted(unknown)}",
            hint=f"known: {sorted(known)}",
        )
    if problem := _value_problem(values):
        raise ConfigError(INVALID_DATASET_CONFIG, f"{problem} in [tool.claimkit.dataset]")
    if "languages" in values:
        values["languages"] = tuple(values["languages"])
    if "split_ratios" in values and (problem := ratios_problem(values["split_ratios"])):
        raise ConfigError(INVALID_DATASET_CONFIG, f"split_ratios in [tool.claimkit.dataset]: {problem}")
    return DatasetSettings(**values)
