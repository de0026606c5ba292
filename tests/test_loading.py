"""Which files a folder holds, and in which order: the order of validation reports and of releases."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from claimkit.loading import find_document_files

_TREE = [
    "b/x.json",
    "b.json",
    "a/c.json",
    "a.json",
    "a/z/y.json",
    "a/b.json",
    "c.json.d/q.json",
    ".staging/h.json",
    "x.json/inner.json",
    "Z.json",
    "é.json",
    "b/notes.txt",
    "a0.json",
]


def test_files_come_in_path_order_without_dot_folders(tmp_path: Path) -> None:
    for relative in _TREE:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", "utf-8")
    (tmp_path / ".pending.json").mkdir()  # a dot-folder, even named like a file
    files, issues = find_document_files([tmp_path])
    # b.json after a/b.json: one document id in two files (D013), the later one named
    assert [(i.code, os.path.relpath(str(i.location.file), tmp_path)) for i in issues] == [("D013", "b.json")]
    assert all(isinstance(path, str) for path in files)
    assert [os.path.relpath(path, tmp_path) for path in files] == [
        "Z.json",
        "a/b.json",
        "a/c.json",
        "a/z/y.json",
        "a.json",
        "a0.json",
        "b/x.json",
        "b.json",
        "c.json.d/q.json",
        "x.json/inner.json",
        "é.json",
    ]
    assert files == sorted(files, key=lambda path: path.split(os.sep))  # by components, as before


def test_a_file_given_by_name_is_kept_as_given(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text("{}", "utf-8")
    files, issues = find_document_files([tmp_path / "one.json", str(tmp_path / "one.json")])
    assert (files, issues) == ([str(tmp_path / "one.json")], [])  # as given, and once: one file, one document


def test_a_value_no_label_set_would_fix_gets_its_own_hint() -> None:
    """S004 for a NaN or an empty mention list: "use one of the allowed values" would send the user to
    `claimkit labels` for nothing."""
    from claimkit.loading import load_bytes
    from claimkit.structure import INVALID_VALUE

    seed = (Path(__file__).resolve().parents[1] / "annotations" / "000_f22616ff3d8ce778.json").read_text("utf-8")
    cases = {
        "/gold/lead_time": seed.replace('"gold": {', '"gold": {"lead_time": NaN,', 1),
        "/gold/sources/0/mentions": seed.replace('"mentions": [', '"mentions": [], "x": [', 1),
        "/gold/claims/0/certainty": seed.replace('"certainty": "certain"', '"certainty": "sure"', 1),
    }
    hints = {}
    for pointer, text in cases.items():
        found = [i for i in load_bytes(text.encode()).issues if i.location.pointer == pointer]
        assert [i.code for i in found] == ["S004"], pointer
        hints[pointer] = found[0].hint
    assert hints["/gold/claims/0/certainty"] == INVALID_VALUE.fix  # a label set: `claimkit labels` helps
    assert INVALID_VALUE.fix not in {hints["/gold/lead_time"], hints["/gold/sources/0/mentions"]}


def test_a_utf16_file_gets_the_conversion_that_fits_it() -> None:
    """F002's hint names cp1256 (the usual Arabic legacy encoding); a UTF-16 file says what it is."""
    from claimkit.loading import NOT_UTF8, load_bytes

    utf16 = load_bytes("\ufeff{}".encode("utf-16")).issues
    cp1256 = load_bytes('{"text": "قال"}'.encode("cp1256")).issues
    assert [(i.code, i.hint != NOT_UTF8.fix) for i in utf16 + cp1256] == [("F002", True), ("F002", False)]


def test_nan_and_infinity_are_not_json_even_where_any_value_goes() -> None:
    """`source_fields` takes any JSON value; Python's and pydantic's parsers take NaN too, other readers
    (jq, `datasets`) refuse the file: F005 at the place, and a string "NaN" is no number."""
    from claimkit.loading import load_bytes

    seed = (Path(__file__).resolve().parents[1] / "annotations" / "000_f22616ff3d8ce778.json").read_text("utf-8")
    for literal in ("NaN", "Infinity", "-Infinity"):
        text = seed.replace('"document": {', '"document": {"source_fields": {"score": ' + literal + "},", 1)
        loaded = load_bytes(text.encode())
        assert loaded.file is None
        assert [(i.code, i.location.line) for i in loaded.issues] == [("F005", 3)], literal
    text = seed.replace('"document": {', '"document": {"source_fields": {"score": "NaN"},', 1)
    assert load_bytes(text.encode()).file is not None


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        (b'{\n"a": ' + b"[" * 5000 + b"]" * 5000 + b"}", 2, 206),
        (b'{\n"a": ' + b"1" * 5000 + b"}", 2, 4307),
        (b'{\n"a": "\\ud800"}', 2, 13),
    ],
    ids=["nested-too-deep", "a-number-too-long", "a-lone-surrogate"],
)
def test_json_the_strict_parser_refuses_is_located(raw: bytes, line: int, column: int) -> None:
    """Python's parser refuses these without a place, or accepts them: the place is the strict parser's."""
    from claimkit.loading import load_bytes

    issues = load_bytes(raw).issues
    assert [(i.code, i.location.line, i.location.column) for i in issues] == [("F005", line, column)]


def test_only_source_fields_hold_any_json_and_number_fields_refuse_a_number_beyond_any_float() -> None:
    """Loading looks for a number beyond any float only in files with source fields: the one field of
    the model that takes any JSON. A field typed as a number refuses such a number itself (S004)."""
    from claimkit.loading import load_bytes
    from claimkit.model import DocumentFile

    def any_json(model: type[BaseModel], where: str) -> Iterator[str]:
        for name, info in model.model_fields.items():
            if "JsonValue" in repr(info.annotation):
                yield f"{where}/{name}"
            for inner in _models_in(info.annotation):
                yield from any_json(inner, f"{where}/{name}")

    assert sorted(set(any_json(DocumentFile, ""))) == ["/document/source_fields"]
    seed = (Path(__file__).resolve().parents[1] / "annotations" / "000_f22616ff3d8ce778.json").read_text("utf-8")
    text = seed.replace('"gold": {', '"gold": {"lead_time": 1e400,', 1)
    assert [(i.code, i.location.pointer) for i in load_bytes(text.encode()).issues] == [("S004", "/gold/lead_time")]


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    """The pydantic models an annotation names (inside lists, unions and optionals)."""
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in get_args(annotation):
        yield from _models_in(argument)


def test_a_number_beyond_any_float_is_refused_where_it_is() -> None:
    """1e400 is valid JSON syntax, but every reader takes it for infinity, and the next rewrite of the
    file stored null in its place: F005 at the number, while 1e300 is a number like any other."""
    from claimkit.loading import load_bytes

    seed = (Path(__file__).resolve().parents[1] / "annotations" / "000_f22616ff3d8ce778.json").read_text("utf-8")
    cases = (("1e400", True), ("-1E+999", True), ("2.5E400", True), ("7e0400", True))
    cases += (("1e300", False), ("1e-400", False))
    for literal, refused in cases:
        text = seed.replace('"document": {', '"document": {"source_fields": {"n": ' + literal + "},", 1)
        loaded = load_bytes(text.encode())
        assert [(i.code, i.location.line) for i in loaded.issues] == ([("F005", 3)] if refused else []), literal
