"""Every rule against its case files: tests/cases/<code>/valid|invalid/<document id>.json.

An invalid case lists in ``<name>.expect`` every ``(code, pointer)`` it must produce, no more and no
less; a valid case must produce no issue at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimkit.rules import REGISTRY
from claimkit.validate import validate_file
from tests.conftest import CASES

INVALID = sorted(CASES.glob("*/invalid/*.json"))
VALID = sorted(CASES.glob("*/valid/*.json"))
#: Codes whose cases cannot be files in the repository (they are about paths, sizes and conversion);
#: each has its own test, named in the comment.
NOT_FILE_CASES = {
    "F001": "test_cli.py::test_not_a_regular_file",
    "F006": "test_cli.py::test_file_of_100_mb",
    "F007": "test_cli.py::test_folder_without_documents",
    "F008": "test_cli.py::test_missing_path",
    "D008": "release/test_licenses.py::test_documents_without_a_license_are_named",
    "D009": "release/test_licenses.py::test_licenses_whose_terms_are_unknown_are_named",
    "D013": "test_cli.py::test_one_document_in_two_folders_is_an_error",
}


def _expected(case: Path) -> set[tuple[str, str]]:
    lines = case.with_suffix(".expect").read_text(encoding="utf-8").splitlines()
    return {
        (parts[0], parts[1] if len(parts) > 1 else "") for parts in (line.split(" ", 1) for line in lines) if parts[0]
    }


def _found(case: Path) -> set[tuple[str, str]]:
    return {(issue.code, issue.location.pointer) for issue in validate_file(case)}


@pytest.mark.parametrize("case", INVALID, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_invalid_case_reports_exactly_what_it_expects(case: Path) -> None:
    assert _found(case) == _expected(case)


@pytest.mark.parametrize("case", VALID, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_valid_case_is_clean(case: Path) -> None:
    assert _found(case) == set()


def test_every_rule_has_a_valid_and_an_invalid_case() -> None:
    engine_codes = [code for code in REGISTRY if code[0] in "ACDFNORS"]
    missing = []
    for code in engine_codes:
        if code in NOT_FILE_CASES:
            continue
        for kind in ("valid", "invalid"):
            if not list((CASES / code / kind).glob("*.json")):
                missing.append(f"{code}/{kind}")
    assert missing == []


def test_invalid_cases_exercise_their_own_code() -> None:
    for case in INVALID:
        code = case.parent.parent.name
        assert code in {c for c, _ in _expected(case)}, case
