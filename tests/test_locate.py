"""Lines and columns of issues point at the offending value in the file."""

from __future__ import annotations

from pathlib import Path

from claimkit.locate import line_column, locate
from claimkit.validate import validate_file
from tests.conftest import CASES


def test_pointer_resolves_to_the_value() -> None:
    text = '{\n  "a": [1, {"b": "x/y", "c~d": 2}],\n  "e": null\n}'
    assert text[locate(text, "/a/1/b") or 0 :].startswith('"x/y"')
    assert text[locate(text, "/a/1/c~0d") or 0 :].startswith("2")
    assert line_column(text, locate(text, "/e") or 0) == (3, 8)
    assert text[locate(text, "/a/1/missing") or 0 :].startswith('{"b"')  # the object that should hold it


def test_issue_lines_match_the_file(tmp_path: Path) -> None:
    case = CASES / "R002" / "invalid" / "r002-unknown-source.json"
    lines = case.read_text(encoding="utf-8").splitlines()
    for issue in validate_file(case):
        assert issue.location.line is not None
        line = lines[issue.location.line - 1]
        field = issue.location.pointer.rsplit("/", 1)[-1]
        if not field.isdigit():
            assert f'"{field}"' in line, (issue.code, line)
