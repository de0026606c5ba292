"""Lines and columns of issues point at the offending value in the file."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.locate import TextIndex, duplicate_keys, has_duplicate_keys, line_column, locate
from claimkit.validate import validate_file
from tests.conftest import CASES


def test_pointer_resolves_to_the_value() -> None:
    text = '{\n  "a": [1, {"b": "x/y", "c~d": 2}],\n  "e": null\n}'
    assert text[locate(text, "/a/1/b") or 0 :].startswith('"x/y"')
    assert text[locate(text, "/a/1/c~0d") or 0 :].startswith("2")
    assert line_column(text, locate(text, "/e") or 0) == (3, 8)
    assert text[locate(text, "/a/1/missing") or 0 :].startswith('{"b"')  # the object that should hold it


def test_issue_lines_match_the_file() -> None:
    case = CASES / "R002" / "invalid" / "r002-unknown-source.json"
    lines = case.read_text(encoding="utf-8").splitlines()
    for issue in validate_file(case):
        assert issue.location.line is not None
        line = lines[issue.location.line - 1]
        field = issue.location.pointer.rsplit("/", 1)[-1]
        if not field.isdigit():
            assert f'"{field}"' in line, (issue.code, line)


def _pointers(value: object, prefix: str = "") -> dict[str, object]:
    """Every JSON pointer of ``value`` with the value it points at."""
    from claimkit.locate import escape_token

    found: dict[str, object] = {prefix: value}
    if isinstance(value, dict):
        for key, item in value.items():
            found |= _pointers(item, f"{prefix}/{escape_token(key)}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found |= _pointers(item, f"{prefix}/{index}")
    return found


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(value=_JSON, indent=st.sampled_from([None, 0, 2]))
def test_one_walk_resolves_every_pointer_to_its_value(value: object, indent: int | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    expected = _pointers(value)
    index = TextIndex(text)
    offsets = index.offsets(expected)
    assert set(offsets) == set(expected)
    for pointer, offset in offsets.items():
        assert json.JSONDecoder().raw_decode(text, offset)[0] == expected[pointer], pointer
        line, column = index.line_column(offset)
        assert text.split("\n")[line - 1][column - 1] == text[offset]


def test_duplicate_keys_are_found_at_every_depth() -> None:
    text = '{"a": 1, "b": {"c": [1, {"d": 1, "d": 2}], "c": 3}, "a": {"x": 0}}'
    assert [(pointer, text[offset : offset + 1]) for pointer, offset in duplicate_keys(text)] == [
        ("/b/c/1/d", "2"),
        ("/b/c", "3"),
        ("/a", "{"),
    ]
    assert has_duplicate_keys(text)
    assert not has_duplicate_keys('{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}')
