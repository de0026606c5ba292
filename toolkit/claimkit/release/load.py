"""Loading a built release back with ``datasets.load_dataset`` (offline, from the folder)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claimkit.errors import UNKNOWN_RELEASE, UNREADABLE_RELEASE, ReleaseError

__all__ = ["LoadedConfig", "card_metadata", "first_claim", "load_release"]


@dataclass(frozen=True)
class LoadedConfig:
    name: str
    rows: dict[str, int]  # split -> rows
    features: Any
    first: dict[str, Any] | None


def card_metadata(folder: Path) -> dict[str, Any]:
    """The YAML block at the top of a release's README.md."""
    try:
        text = (folder / "README.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ReleaseError(UNKNOWN_RELEASE, f"{folder} has no readable README.md: it is not a release") from None
    if not text.startswith("---\n"):
        raise ReleaseError(UNKNOWN_RELEASE, f"{folder / 'README.md'} has no YAML metadata block")
    end = text.find("\n---\n", 4)
    try:
        loaded = yaml.safe_load(text[4:end]) if end > 0 else None
    except yaml.YAMLError as error:
        raise ReleaseError(
            UNREADABLE_RELEASE, f"{folder / 'README.md'}: its metadata block is not YAML ({str(error).splitlines()[0]})"
        ) from None
    if not isinstance(loaded, dict):
        raise ReleaseError(UNREADABLE_RELEASE, f"{folder / 'README.md'}: no metadata block between two --- lines")
    return loaded


def first_claim(config: LoadedConfig) -> str | None:
    """The first claim of the ``claims`` config, as ``[category] text`` (``None`` when it has none).
    A claims table without the columns every claimkit release has is E310."""
    if config.first is None:
        return None
    category, text = config.features.get("category"), config.first.get("text")
    if not hasattr(category, "int2str") or not isinstance(text, str):
        raise ReleaseError(
            UNREADABLE_RELEASE, f"the claims table has no category labels or no text: {sorted(config.features)}"
        )
    try:
        label = category.int2str(config.first["category"])
    except (ValueError, IndexError, TypeError, KeyError) as error:  # a forged id out of the label range
        raise ReleaseError(
            UNREADABLE_RELEASE, f"the first claim's category is not one of its labels: {error}"
        ) from None
    return f"[{label}] {text[:80]}"


def _load_config(folder: Path, config: str, cache_dir: Path | None) -> LoadedConfig:
    import datasets

    dataset = datasets.load_dataset(str(folder), config, cache_dir=str(cache_dir) if cache_dir else None)
    rows = {split: dataset[split].num_rows for split in dataset}
    first_split = next(iter(dataset))
    first = dataset[first_split][0] if dataset[first_split].num_rows else None
    return LoadedConfig(config, rows, dataset[first_split].features, first)


def load_release(folder: Path, cache_dir: Path | None = None) -> list[LoadedConfig]:
    """Every config of a release, loaded with ``datasets.load_dataset`` from the folder.

    Run :func:`claimkit.release.verify.verify_release` first: this only turns what ``datasets`` raises
    on unreadable data into E310."""
    import datasets

    if cache_dir is None:  # datasets keys its cache by the folder's name, not its files: another release
        with tempfile.TemporaryDirectory(prefix="claimkit-load-") as fresh:  # built there would load stale
            return load_release(folder, Path(fresh))
    datasets.disable_progress_bars()
    configs = [entry["config_name"] for entry in card_metadata(folder).get("configs", [])]
    try:
        return [_load_config(folder, config, cache_dir) for config in configs]
    except Exception as error:  # datasets and pyarrow raise many types for unreadable data
        raise ReleaseError(
            UNREADABLE_RELEASE, f"{folder} could not be loaded: {type(error).__name__}: {str(error)[:300]}"
        ) from None
