"""The published JSON Schema: generated from the models, committed, and in agreement with them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from claimkit.contracts import SCHEMA_ID, document_file_schema, stale_contracts
from claimkit.model import DocumentFile
from tests.conftest import CASES, ROOT

SCHEMA = json.loads((ROOT / "schema" / "document-file.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _json_cases() -> list[Path]:
    cases = []
    for path in sorted([*CASES.rglob("*.json"), *(ROOT / "annotations").glob("*.json")]):
        if path.is_relative_to(CASES) and path.relative_to(CASES).parts[0].startswith("F"):
            continue  # input that is not a JSON text (RFC 8259) at all: no structure to agree on
        cases.append(path)
    return cases


def test_committed_contracts_are_up_to_date() -> None:
    assert stale_contracts(ROOT / "schema") == []


def test_schema_is_draft_2020_12_with_an_id() -> None:
    schema = document_file_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("case", _json_cases(), ids=lambda p: str(p.relative_to(ROOT)))
def test_model_and_schema_agree(case: Path) -> None:
    raw = case.read_bytes()
    try:
        DocumentFile.model_validate_json(raw, strict=True)
        model_valid = True
    except ValidationError:
        model_valid = False
    schema_valid = VALIDATOR.is_valid(json.loads(raw))
    assert model_valid == schema_valid


def test_agreement_test_sees_both_outcomes() -> None:
    outcomes = {VALIDATOR.is_valid(json.loads(p.read_bytes())) for p in _json_cases()}
    assert outcomes == {True, False}


def test_schema_alone_validates_the_corpus_with_check_jsonschema() -> None:
    """A third party needs only the published file: check-jsonschema with --schemafile."""
    import subprocess
    import sys

    files = sorted((ROOT / "annotations").glob("*.json"))
    command = [
        sys.executable,
        "-m",
        "check_jsonschema",
        "--schemafile",
        str(ROOT / "schema" / "document-file.schema.json"),
    ]
    good = subprocess.run([*command, *map(str, files)], capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run(
        [*command, str(CASES / "S004" / "invalid" / "s004-unknown-category.json")], capture_output=True
    )
    assert bad.returncode == 1
