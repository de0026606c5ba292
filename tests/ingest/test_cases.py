"""Every ingest code against its case files: tests/cases/I<nnn>/valid|invalid/<input>.

An input is a file or a folder; ``<input stem>.expect`` lists every ``CODE pointer`` the ingest of it
reports, no more and no less (a valid input reports nothing); ``<input stem>.args`` holds extra
flags. Every file an ingest writes must pass ``claimkit validate`` without an error.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from claimkit.cli import main
from claimkit.issues import Severity
from claimkit.rules import all_codes
from claimkit.validate import validate_file
from tests.conftest import CASES

_NOT_INPUTS = (".expect", ".args", ".meta.json")
#: Ingest codes whose cases need a corpus or a second run; each has its own test, named here.
NOT_FILE_CASES = {
    "I003": "tests/test_ingest.py::test_unreadable_text_and_a_changed_text_are_refused",
    "I016": "tests/ingest/test_run.py::test_metadata_corrected_in_the_input_is_said_not_silently_ignored",
}


def _inputs(kind: str) -> list[Path]:
    return sorted(
        path
        for path in CASES.glob(f"I*/{kind}/*")
        if not path.name.endswith(_NOT_INPUTS) and not path.name.startswith(".")
    )


def _stem(case: Path) -> Path:
    return case.with_suffix("") if case.is_file() else case


def _expected(case: Path) -> set[tuple[str, str]]:
    expect = _stem(case).with_suffix(".expect")
    if not expect.exists():
        return set()
    pairs = (line.split(" ", 1) for line in expect.read_text(encoding="utf-8").splitlines() if line.strip())
    return {(parts[0], parts[1] if len(parts) > 1 else "") for parts in pairs}


def _ingest(case: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> set[tuple[str, str]]:
    args_file = _stem(case).with_suffix(".args")
    extra = shlex.split(args_file.read_text(encoding="utf-8")) if args_file.exists() else []
    flags = ["--outlet", "عين اليوم", "--language", "ar", *extra]
    main(["ingest", str(case), "--out", str(out), "--format", "json", "-j", "1", *flags])
    issues = json.loads(capsys.readouterr().out)["issues"]
    return {(issue["code"], issue["location"]["pointer"]) for issue in issues}


def _assert_written_files_validate(out: Path) -> None:
    for path in out.glob("*.json"):
        errors = [issue for issue in validate_file(path) if issue.severity is Severity.ERROR]
        assert errors == [], path


@pytest.mark.parametrize("case", _inputs("invalid"), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_invalid_case_reports_exactly_what_it_expects(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _expected(case)
    assert case.parent.parent.name in {code for code, _ in expected}
    assert _ingest(case, tmp_path / "out", capsys) == expected
    _assert_written_files_validate(tmp_path / "out")


@pytest.mark.parametrize("case", _inputs("valid"), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_valid_case_is_clean(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _ingest(case, tmp_path / "out", capsys) == set()
    assert list((tmp_path / "out").glob("*.json"))
    _assert_written_files_validate(tmp_path / "out")


def test_every_ingest_code_has_a_valid_and_an_invalid_case() -> None:
    missing = [
        f"{code}/{kind}"
        for code in all_codes()
        if code.startswith("I") and code not in NOT_FILE_CASES
        for kind in ("valid", "invalid")
        if not [case for case in _inputs(kind) if case.parent.parent.name == code]
    ]
    assert missing == []
