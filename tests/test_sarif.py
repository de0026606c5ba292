"""``--format sarif``: a SARIF 2.1.0 log that the official schema accepts, one result per issue."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from claimkit.cli import main
from claimkit.issues import Report
from claimkit.rules import all_codes
from claimkit.sarif import RULES_URL, sarif_log
from claimkit.validate import validate_paths
from tests.conftest import CASES, ROOT

SCHEMA_FILE = ROOT / "tests" / "sarif" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
INVALID_O003 = CASES / "O003" / "invalid" / "o003-shifted.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """SARIF file URIs are relative to the folder claimkit runs in: here, the repository root."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def _errors(validator: Draft4Validator, log: dict[str, Any]) -> list[str]:
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


def _sarif(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main([*args, "--format", "sarif"])
    return code, json.loads(capsys.readouterr().out)


def test_the_vendored_schema_is_the_official_one() -> None:
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")


def test_every_case_file_gives_a_schema_valid_log(
    capsys: pytest.CaptureFixture[str], validator: Draft4Validator
) -> None:
    code, log = _sarif(capsys, "validate", str(CASES), "--jobs", "1")
    assert code == 2  # the F cases are unreadable on purpose
    assert _errors(validator, log) == []
    assert {r["ruleId"][0] for r in log["runs"][0]["results"]} >= set("ACDFNORS")  # every family is in it


def test_one_result_per_issue_with_its_code_level_and_location(capsys: pytest.CaptureFixture[str]) -> None:
    report = validate_paths([CASES])
    _, log = _sarif(capsys, "validate", str(CASES), "--jobs", "1")
    results = log["runs"][0]["results"]
    assert len(results) == len(report.issues)
    for issue, result in zip(report.issues, results, strict=True):
        assert (result["ruleId"], result["level"]) == (issue.code, LEVELS[issue.severity.value])
        assert _where(result) == (issue.location.file, issue.location.line, issue.location.pointer)


def _where(result: dict[str, Any]) -> tuple[str | None, int | None, str]:
    location = result["locations"][0]
    physical = location.get("physicalLocation", {})
    uri = physical.get("artifactLocation", {}).get("uri")
    pointer = location.get("logicalLocations", [{}])[0].get("fullyQualifiedName", "")
    return str(ROOT / uri) if uri else None, physical.get("region", {}).get("startLine"), pointer


def test_rules_carry_name_summary_fix_and_a_link_to_their_section(capsys: pytest.CaptureFixture[str]) -> None:
    _, log = _sarif(capsys, "validate", str(INVALID_O003))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["O003", "O004"]
    anchors = set(re.findall(r"^### ([A-Z][0-9]{3})$", (ROOT / "docs" / "rules.md").read_text(), re.MULTILINE))
    for rule in rules:
        declared = all_codes()[rule["id"]]
        assert (rule["name"], rule["shortDescription"]["text"]) == (declared.name, declared.summary)
        assert rule["help"]["text"] == declared.fix
        assert rule["helpUri"] == f"{RULES_URL}#{rule['id'].lower()}"
        assert rule["id"] in anchors  # GitHub makes the anchor of `### O003` as #o003
        assert rule["defaultConfiguration"]["level"] == LEVELS[declared.severity.value]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])


def test_location_has_file_line_column_and_pointer(capsys: pytest.CaptureFixture[str]) -> None:
    _, log = _sarif(capsys, "validate", str(INVALID_O003))
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "O003")
    location = result["locations"][0]
    artifact = location["physicalLocation"]["artifactLocation"]
    assert (artifact["uri"], artifact["uriBaseId"]) == (INVALID_O003.relative_to(ROOT).as_posix(), "%SRCROOT%")
    region = location["physicalLocation"]["region"]
    assert region["startLine"] > 1
    assert region["startColumn"] > 1
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "/gold/sources/1/mentions/0/text"


def test_paths_outside_the_root_are_absolute_file_uris(tmp_path: Path) -> None:
    report = validate_paths([INVALID_O003])
    inside = sarif_log(report, root=ROOT)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    outside = sarif_log(report, root=tmp_path)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert inside["artifactLocation"]["uri"] == INVALID_O003.relative_to(ROOT).as_posix()
    assert outside["artifactLocation"] == {"uri": INVALID_O003.as_uri()}


def test_fingerprints_do_not_move_with_lines() -> None:
    report = validate_paths([INVALID_O003])
    shifted = Report([issue.located(line=(issue.location.line or 0) + 7) for issue in report.issues])
    prints = [r["partialFingerprints"] for r in sarif_log(report, root=ROOT)["runs"][0]["results"]]
    assert prints == [r["partialFingerprints"] for r in sarif_log(shifted, root=ROOT)["runs"][0]["results"]]
    assert len({json.dumps(p) for p in prints}) == len(prints)


def test_a_clean_run_is_a_valid_log_without_results(
    capsys: pytest.CaptureFixture[str], validator: Draft4Validator
) -> None:
    code, log = _sarif(capsys, "validate", str(ROOT / "annotations"))
    assert code == 0
    assert _errors(validator, log) == []
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_a_usage_error_is_a_failed_invocation(capsys: pytest.CaptureFixture[str], validator: Draft4Validator) -> None:
    code, log = _sarif(capsys, "validate", str(INVALID_O003), "--select", "Z999")
    assert code == 2
    assert _errors(validator, log) == []
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [n["descriptor"]["id"] for n in invocation["toolExecutionNotifications"]] == ["E001"]
    assert log["runs"][0]["results"] == []


def test_the_schema_check_can_fail(capsys: pytest.CaptureFixture[str], validator: Draft4Validator) -> None:
    _, log = _sarif(capsys, "validate", str(INVALID_O003))
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert len(_errors(validator, broken)) == 2


def test_ingest_prints_one_sarif_log_and_nothing_else(tmp_path: Path, validator: Draft4Validator) -> None:
    article = tmp_path / "article.txt"
    article.write_text("عنوان الخبر\nقال الوزير إن الاجتماع انتهى.\n", encoding="utf-8")
    args = ["ingest", str(article), "--out", str(tmp_path / "out"), "--format", "sarif"]  # no metadata: issues
    done = subprocess.run([sys.executable, "-m", "claimkit", *args], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2, done.stderr  # the one record refused: nothing written
    log = json.loads(done.stdout)
    assert _errors(validator, log) == []
    assert {r["ruleId"][0] for r in log["runs"][0]["results"]} == {"I"}


def test_a_hostile_file_name_is_a_percent_encoded_uri(tmp_path: Path, validator: Draft4Validator) -> None:
    hostile = os.fsencode(tmp_path) + b"/evil\x1b[2J\xe2\x80\xae\xff.json"  # escape sequence, RLO, a non-UTF-8 byte
    with open(hostile, "wb") as handle:
        handle.write(b"{")
    command = [sys.executable, "-m", "claimkit", "validate", os.fsencode(tmp_path), "--format", "sarif"]
    done = subprocess.run(command, capture_output=True, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    log = json.loads(done.stdout.decode("utf-8"))  # valid UTF-8 whatever the file name held
    assert _errors(validator, log) == []
    (result,) = log["runs"][0]["results"]
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "evil%1B%5B2J%E2%80%AE%FF.json", "uriBaseId": "%SRCROOT%"}
