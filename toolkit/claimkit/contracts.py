"""The generated, committed contracts under ``schema/``: written by ``claimkit schema``, never by hand.

``claimkit schema --check`` fails when a committed file differs from what the code generates, so a
model change cannot land without its published schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimkit.model import SCHEMA_VERSION, DocumentFile
from claimkit.storage import atomic_write_text, dump_json
from claimkit.taxonomy import LABEL_SETS, describe

__all__ = ["CONTRACTS", "SCHEMA_ID", "Contract", "document_file_schema", "stale_contracts", "write_contracts"]

SCHEMA_ID = f"https://claimkit.github.io/schema/{SCHEMA_VERSION}/document-file.schema.json"


def _describe_label_sets(defs: dict[str, Any]) -> None:
    for name, label_set in LABEL_SETS.items():
        if name in defs:
            lines = [f"- `{value.value}`: {describe(value).definition}" for value in label_set]
            defs[name]["description"] = "\n".join(lines)


def document_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a document file, generated from the pydantic models."""
    generated = DocumentFile.model_json_schema(mode="validation")
    _describe_label_sets(generated.get("$defs", {}))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "claimkit document file",
        "description": (
            f"One annotated news article (schema {SCHEMA_VERSION}): the text, its metadata, every "
            "annotator's annotation and the gold annotation. Offsets are Unicode code points. "
            "One difference with claimkit's own check: JSON Schema counts 1.0 as an integer, claimkit "
            "does not (write offsets as 1, not 1.0). Generated from claimkit.model; do not edit."
        ),
        **{key: value for key, value in generated.items() if key not in {"title", "description"}},
    }


def _labeling_config() -> str:
    from claimkit.labelstudio.config import labeling_config

    return labeling_config()


@dataclass(frozen=True)
class Contract:
    path: str
    render: Callable[[], str]


CONTRACTS = [
    Contract("document-file.schema.json", lambda: dump_json(document_file_schema())),
    Contract("labelstudio-config.xml", _labeling_config),
]


def write_contracts(folder: str | Path) -> list[Path]:
    """Write every contract into ``folder``; returns the paths written."""
    written = []
    for contract in CONTRACTS:
        target = Path(folder) / contract.path
        atomic_write_text(target, contract.render())
        written.append(target)
    return written


def stale_contracts(folder: str | Path) -> list[str]:
    """Contracts whose committed file is missing or differs from what the code generates."""
    stale = []
    for contract in CONTRACTS:
        target = Path(folder) / contract.path
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != contract.render():
            stale.append(contract.path)
    return stale
