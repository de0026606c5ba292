"""From a JSON pointer to a line and column in the raw JSON text.

Used only for files that have issues, so it favours simplicity over speed: it walks the text along
the pointer with the standard library's own scanner. A pointer to a member that does not exist (a
missing field) resolves to the object that should hold it.
"""

from __future__ import annotations

import json
from json.decoder import scanstring  # type: ignore[attr-defined]

__all__ = ["escape_token", "line_column", "locate", "pointer_from_path"]

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


def escape_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_from_path(path: tuple[str | int, ...] | list[str | int]) -> str:
    """The JSON pointer (RFC 6901) of a path of keys and indexes."""
    return "".join("/" + escape_token(token) for token in path)


def _tokens(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WHITESPACE:
        pos += 1
    return pos


def _skip_value(text: str, pos: int) -> int:
    return int(_DECODER.raw_decode(text, pos)[1])


def _member(text: str, pos: int, token: str) -> int | None:
    """Offset of the value of member ``token`` of the object at ``pos``."""
    pos = _skip_ws(text, pos + 1)
    while pos < len(text) and text[pos] == '"':
        key, pos = scanstring(text, pos + 1)
        pos = _skip_ws(text, _skip_ws(text, pos) + 1)  # past the colon
        if key == token:
            return pos
        pos = _skip_ws(text, _skip_value(text, pos))
        pos = _skip_ws(text, pos + 1) if pos < len(text) and text[pos] == "," else pos
    return None


def _element(text: str, pos: int, token: str) -> int | None:
    """Offset of element number ``token`` of the array at ``pos``."""
    if not token.isdigit():
        return None
    wanted, index = int(token), 0
    pos = _skip_ws(text, pos + 1)
    while pos < len(text) and text[pos] != "]":
        if index == wanted:
            return pos
        pos = _skip_ws(text, _skip_value(text, pos))
        pos = _skip_ws(text, pos + 1) if pos < len(text) and text[pos] == "," else pos
        index += 1
    return None


def locate(text: str, pointer: str) -> int | None:
    """Offset in ``text`` of the value at ``pointer`` (or of its deepest existing ancestor)."""
    try:
        pos = _skip_ws(text, 0)
        for token in _tokens(pointer):
            opener = text[pos] if pos < len(text) else ""
            found = (
                _member(text, pos, token) if opener == "{" else _element(text, pos, token) if opener == "[" else None
            )
            if found is None:
                return pos
            pos = found
        return pos
    except (ValueError, IndexError):
        return None


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a code point offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
