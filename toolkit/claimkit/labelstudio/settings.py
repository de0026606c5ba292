"""Label Studio settings of a repository: ``[tool.claimkit.labelstudio]`` in ``pyproject.toml``.

[tool.claimkit.labelstudio]
overlap = 2   # annotators per task through "Label All Tasks" (agreement needs 2 or more)
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from claimkit.errors import INVALID_LABELSTUDIO_SETTINGS, ConfigError, UsageError

__all__ = ["check_overlap", "configured_overlap"]

_KNOWN = {"overlap"}


def check_overlap(value: Any, where: str) -> int:
    """``value`` as a number of annotators per task, or an error naming ``where`` it came from."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError(INVALID_LABELSTUDIO_SETTINGS, f"{where}: overlap must be a whole number >= 1, not {value!r}")
    return value


def configured_overlap(pyproject: Path) -> int | None:
    """The overlap set in ``pyproject`` (``None`` when the file, the table or the key is absent)."""
    if not pyproject.is_file():
        return None
    try:
        table: dict[str, Any] = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(INVALID_LABELSTUDIO_SETTINGS, f"{pyproject} cannot be read as TOML: {error}") from None
    values = table.get("tool", {}).get("claimkit", {}).get("labelstudio", {})
    unknown = set(values) - _KNOWN
    if unknown:
        where = f"[tool.claimkit.labelstudio] of {pyproject}"
        raise ConfigError(INVALID_LABELSTUDIO_SETTINGS, f"unknown keys in {where}: {sorted(unknown)}")
    if "overlap" not in values:
        return None
    return check_overlap(values["overlap"], f"[tool.claimkit.labelstudio] in {pyproject}")
