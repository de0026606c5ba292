"""Lines and columns of issues point at the offending value in the file."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.locate import (
    DuplicateKeyError,
    TextIndex,
    duplicate_keys,
    has_duplicate_keys,
    line_column,
    loads_unique,
    locate,
)
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


def _render(value: object, ascii_keys: bool) -> str:
    """JSON text of ``value``, where a tuple of pairs is an object (so that keys may repeat)."""
    if isinstance(value, tuple):
        pairs = (f"{json.dumps(k, ensure_ascii=ascii_keys)}: {_render(v, ascii_keys)}" for k, v in value)
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_render(v, ascii_keys) for v in value) + "]"
    return json.dumps(value)  # a lone surrogate stays an escape: the text is valid UTF-8


def _object(pairs: list[tuple[str, object]]) -> object:
    return tuple(pairs)


def _nested(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    arrays: st.SearchStrategy[object] = st.lists(inner, max_size=3)
    keys = st.sampled_from(["a", "b", "é", "ع", "e\u0301"])  # é twice: composed and not, two keys
    return arrays | st.lists(st.tuples(keys, inner), max_size=3).map(_object)


_LEAVES: st.SearchStrategy[object] = st.none() | st.integers() | st.text(max_size=3) | st.just("\ud800")
_WITH_REPEATS: st.SearchStrategy[object] = st.recursive(_LEAVES, _nested, max_leaves=12)


def _python_only(text: str) -> bool:
    try:
        loads_unique(text)
    except DuplicateKeyError:
        return True
    return False


@given(value=_WITH_REPEATS, ascii_keys=st.booleans())
def test_the_fast_duplicate_key_check_answers_as_pythons_parser(value: object, ascii_keys: bool) -> None:
    """jiter answers first; what it refuses (a repeated key, escaped or not; a lone surrogate) Python decides."""
    text = _render(value, ascii_keys)
    assert has_duplicate_keys(text) == _python_only(text)
    assert has_duplicate_keys(text.encode("utf-8")) == _python_only(text)
