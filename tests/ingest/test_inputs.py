"""Bulk input of every kind becomes documents, with the source's other fields kept."""

from __future__ import annotations

import csv
import gzip
import json
import unicodedata
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from claimkit.ingest import ingest_text
from claimkit.ingest.duplicates import signature
from claimkit.loading import load_file
from tests.errors import raises_code
from tests.ingest.conftest import BODIES, TITLES, Ingest, codes, jsonl, written

ROWS = [
    {"id": f"art-{n}", "headline": TITLES[n], "body": BODIES[n], "date": "2024-03-1" + str(n), "section": "سياسة"}
    for n in range(3)
]
MAPPING = ["--id-field", "id", "--title-field", "headline", "--text-field", "body", "--date-field", "date"]


def _check_rows(folder: Path) -> None:
    documents = written(folder)
    assert sorted(documents) == ["art-0", "art-1", "art-2"]
    for n in range(3):
        document = documents[f"art-{n}"]
        assert (document["title"], document["text"], document["published"]) == (TITLES[n], BODIES[n], f"2024-03-1{n}")
        assert document["source_fields"] == {"section": "سياسة"}
    for path in folder.glob("*.json"):
        assert load_file(path).file is not None  # what validate reads


def test_jsonl_with_a_field_mapping(tmp_path: Path, ingest: Ingest) -> None:
    code, report = ingest(str(jsonl(tmp_path / "news.jsonl", ROWS)), *MAPPING)
    assert (code, codes(report)) == (0, [])
    assert report["summary"]["counts"]["written"] == 3
    _check_rows(tmp_path / "out")


def test_gzipped_jsonl_and_a_json_array(tmp_path: Path, ingest: Ingest) -> None:
    packed = tmp_path / "news.jsonl.gz"
    packed.write_bytes(gzip.compress(jsonl(tmp_path / "x.jsonl", ROWS).read_bytes()))
    assert ingest(str(packed), *MAPPING)[0] == 0
    _check_rows(tmp_path / "out")
    array = tmp_path / "news.json"
    array.write_text(json.dumps(ROWS, ensure_ascii=False), encoding="utf-8")
    assert ingest(str(array), *MAPPING, out=tmp_path / "out2")[0] == 0
    _check_rows(tmp_path / "out2")


def test_a_json_file_of_one_object_is_one_record(tmp_path: Path, ingest: Ingest) -> None:
    """One article saved with ``json.dump(..., indent=2)`` is one record, not a JSON Lines file whose every
    line is refused; on one line it is one record too."""
    pretty, compact = tmp_path / "pretty.json", tmp_path / "compact.json"
    pretty.write_text(json.dumps(ROWS[0], ensure_ascii=False, indent=2), encoding="utf-8")
    compact.write_text(json.dumps(ROWS[1], ensure_ascii=False) + "\n", encoding="utf-8")
    code, report = ingest(str(pretty), str(compact), *MAPPING)
    assert (code, codes(report), report["summary"]["counts"]["written"]) == (0, [], 2)
    assert sorted(written(tmp_path / "out")) == ["art-0", "art-1"]


def test_a_broken_object_over_several_lines_is_one_issue_where_it_breaks(tmp_path: Path, ingest: Ingest) -> None:
    """An object over several lines with a missing comma is refused once, at the place the parser stopped;
    a JSON Lines file under a .json name whose first line is broken still has its other lines read."""
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "id": "art-9",\n  "headline": "x"\n  "body": "y"\n}\n', encoding="utf-8")
    code, report = ingest(str(broken), *MAPPING)
    found = [(i["code"], i["location"]["line"], i["location"]["column"]) for i in report["issues"]]
    assert (code, found) == (2, [("I006", 4, 3)])
    lines = tmp_path / "lines.json"
    lines.write_text('{"id": "art-0", "body": "\n' + json.dumps(ROWS[1], ensure_ascii=False) + "\n", encoding="utf-8")
    code, report = ingest(str(lines), *MAPPING, out=tmp_path / "out2")
    assert [(i["code"], i["location"]["line"]) for i in report["issues"]] == [("I006", 1)]
    assert sorted(written(tmp_path / "out2")) == ["art-1"]


def test_json_files_of_several_objects_lose_none(tmp_path: Path, ingest: Ingest) -> None:
    """Found by review: objects one after another (``jq .`` writes them so) were one I006 for the file,
    a JSON Lines file under .json whose first two lines are broken lost every record, and an object
    after 1 KB of white space was read as JSON Lines."""
    pretty = [json.dumps(row, ensure_ascii=False, indent=2) for row in ROWS]
    (tmp_path / "jq.json").write_text("\n".join(pretty) + "\n", encoding="utf-8")
    code, report = ingest(str(tmp_path / "jq.json"), *MAPPING)
    assert (code, codes(report), sorted(written(tmp_path / "out"))) == (0, [], ["art-0", "art-1", "art-2"])
    lines = ['{"id": "cut"}}', '{"id": "x",', *(json.dumps(row, ensure_ascii=False) for row in ROWS)]
    (tmp_path / "lines.json").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report = ingest(str(tmp_path / "lines.json"), *MAPPING, out=tmp_path / "lines")
    found = [(i["code"], i["location"]["line"]) for i in report["issues"]]
    assert (code, found, len(written(tmp_path / "lines"))) == (1, [("I006", 1), ("I006", 2)], 3)
    (tmp_path / "far.json").write_text(" " * 3000 + pretty[0], encoding="utf-8")
    code, report = ingest(str(tmp_path / "far.json"), *MAPPING, out=tmp_path / "far")
    assert (code, codes(report), sorted(written(tmp_path / "far"))) == (0, [], ["art-0"])
    (tmp_path / "tail.json").write_text(pretty[0] + '\n{\n  "id": "art-9",\n', encoding="utf-8")
    code, report = ingest(str(tmp_path / "tail.json"), *MAPPING, out=tmp_path / "tail")
    found = [(i["code"], i["location"]["line"]) for i in report["issues"]]
    assert (code, found, sorted(written(tmp_path / "tail"))) == (
        1,
        [("I006", len(pretty[0].splitlines()) + 1)],
        ["art-0"],
    )


def test_decomposed_letters_are_flagged_and_composed_with_nfc(tmp_path: Path, ingest: Ingest) -> None:
    """A text whose أ and آ come as ا and a combining mark is written as it is, with D014; --nfc composes
    it (text and title) before any offset exists; the same article composed is a duplicate of it (I010 at
    1.0: the shingles are compared composed)."""
    composed = {**ROWS[0], "headline": "آراء " + TITLES[0], "body": "وأكد الوزير أن الآلاف ينتظرون. " + BODIES[0]}
    decomposed = {key: unicodedata.normalize("NFD", value) for key, value in composed.items()}
    code, report = ingest(str(jsonl(tmp_path / "nfd.jsonl", [decomposed])), *MAPPING)
    assert (code, [(i["code"], i["location"]["pointer"]) for i in report["issues"]]) == (
        0,
        [("D014", "/document/text")],
    )
    assert written(tmp_path / "out")["art-0"]["text"] == decomposed["body"]
    code, report = ingest(str(tmp_path / "nfd.jsonl"), *MAPPING, "--nfc", out=tmp_path / "nfc")
    assert (code, codes(report)) == (0, [])
    document = written(tmp_path / "nfc")["art-0"]
    assert (document["text"], document["title"]) == (composed["body"], composed["headline"])
    assert signature(decomposed["body"]) == signature(composed["body"]) != signature(BODIES[0])
    hostile = {**ROWS[1], "body": "ا" + "\u0654" * 100_000 + " " + BODIES[1]}  # D014 says where, briefly
    code, report = ingest(str(jsonl(tmp_path / "marks.jsonl", [hostile])), *MAPPING, out=tmp_path / "marks")
    assert [(i["code"], len(i["message"]) < 200) for i in report["issues"]] == [("D014", True)]
    code, report = ingest(str(jsonl(tmp_path / "again.jsonl", [{**composed, "id": "art-copy"}])), *MAPPING)
    assert codes(report) == ["I010"]  # the composed copy, into the first corpus


@pytest.mark.parametrize("packed", [False, True])
def test_a_line_not_utf8_is_located_and_ends_the_file_there(tmp_path: Path, ingest: Ingest, packed: bool) -> None:
    """A crawler's broken byte in line 2 (a BOM before line 1, a U+2028 in a text: both fine): F002 names
    the line and the column, the lines before it are written, and no line after it."""
    lines = [json.dumps({**row, "body": f"{row['body']}\u2028سطر"}, ensure_ascii=False).encode() for row in ROWS]
    broken = lines[1].replace("سياسة".encode(), b"\xff\xfe", 1)
    raw = b"\xef\xbb\xbf" + lines[0] + b"\n" + broken + b"\n" + lines[2] + b"\n"
    path = tmp_path / ("news.jsonl.gz" if packed else "news.jsonl")
    path.write_bytes(gzip.compress(raw) if packed else raw)
    code, report = ingest(str(path), *MAPPING)
    found = [(i["code"], i["location"]["line"], i["location"]["column"]) for i in report["issues"]]
    column = broken.decode("utf-8", "surrogateescape").index("\udcff") + 1
    assert (code, found) == (1, [("F002", 2, column)])
    assert sorted(written(tmp_path / "out")) == ["art-0"]
    assert written(tmp_path / "out")["art-0"]["text"] == f"{BODIES[0]}\u2028سطر"


def test_a_text_of_invisible_characters_is_refused_and_control_characters_are_flagged(
    tmp_path: Path, ingest: Ingest
) -> None:
    """A file of two byte order marks (the first is not content, the second would be the whole text), or
    of format marks only, is an empty text (F004); a NUL in a text is flagged (D012), the text kept."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "boms.txt").write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf")
    (folder / "marks.txt").write_text("\u200f\u200b\n\u2066\u2069\n", encoding="utf-8")
    (folder / "nul.txt").write_text("عنوان\n\nنص الخبر\x00 كما وصل.", encoding="utf-8")
    code, report = ingest(str(folder))
    found = sorted((i["code"], Path(i["location"]["file"]).name) for i in report["issues"])
    assert (code, found) == (1, [("D012", "nul.txt"), ("F004", "boms.txt"), ("F004", "marks.txt")])
    (document,) = written(tmp_path / "out").values()  # the id of a text file: its name and a hash
    assert document["text"] == "عنوان\n\nنص الخبر\x00 كما وصل."


@pytest.mark.parametrize(
    ("key", "value", "kept"),
    [("id", np.int64(5), "5"), ("id", 7, "7"), ("title", Decimal("2024"), "2024"), ("title", ["a", "b"], None)],
)
def test_metadata_of_numbers_is_text_and_of_lists_refused(key: str, value: object, kept: str | None) -> None:
    """Numbers from Parquet or NumPy are written as they read; a list where text belongs is I002."""
    metadata = {"id": "a1", "title": "عنوان", "outlet": "وكالة", "language": "ar", key: value}
    result = ingest_text("عنوان\n\nقال الوزير إن الاجتماع انتهى.", metadata)
    if kept is None:
        found = [(i.code, i.location.pointer) for i in result.issues]
        assert (result.file, found) == (None, [("I002", f"/document/{key}")])
    else:
        assert result.file is not None and getattr(result.file.document, key) == kept


def test_nesting_too_deep_for_the_parser_is_a_refused_record(tmp_path: Path, ingest: Ingest) -> None:
    """A line (or a JSON array, or a sidecar) nested deeper than Python's parser goes, or holding an
    integer too long for it: a coded refusal,
    never an internal error (I006 for a record, I002 for a sidecar); the others are written."""
    deep = "[" * 100_000 + "]" * 100_000
    path = jsonl(tmp_path / "news.jsonl", ROWS[:1])
    big = '{"id": "big", "body": 1' + "0" * 5000 + "}\n"  # over Python's 4,300 digits
    path.write_text(path.read_text(encoding="utf-8") + '{"id": "deep", "body": ' + deep + "}\n" + big, "utf-8")
    code, report = ingest(str(path), *MAPPING)
    found = [(i["code"], i["location"]["line"]) for i in report["issues"]]
    assert (code, found) == (1, [("I006", 2), ("I006", 3)])
    assert sorted(written(tmp_path / "out")) == ["art-0"]
    array = tmp_path / "news.json"
    array.write_text(deep, encoding="utf-8")
    assert (ingest(str(array), *MAPPING, out=tmp_path / "out2")[1]["issues"][0]["code"]) == "I006"
    text = tmp_path / "texts" / "article.txt"
    text.parent.mkdir()
    text.write_text("عنوان\n\nنص.", encoding="utf-8")
    text.with_name("article.txt.meta.json").write_text(deep, encoding="utf-8")
    assert codes(ingest(str(text.parent), out=tmp_path / "out3")[1]) == ["I002"]


def test_json_lines_named_json_with_a_bad_byte_at_the_start_is_located(tmp_path: Path, ingest: Ingest) -> None:
    """A .json file is read as an array or as JSON Lines by its first characters: a bad byte among them
    is located like any other (it was 'not UTF-8 after this point', without a line)."""
    path = tmp_path / "news.json"
    path.write_bytes(b'{"id": "art-0", "headline": "\xff"}\n')
    code, report = ingest(str(path), *MAPPING)
    found = [(i["code"], i["location"]["line"], i["location"]["column"]) for i in report["issues"]]
    assert (code, found) == (2, [("F002", 1, 30)])  # 2: no record could be read at all


def test_a_csv_row_not_utf8_is_located_and_ends_the_file_there(tmp_path: Path, ingest: Ingest) -> None:
    """The same in a CSV file: F002 at the first line of the row (a quoted field spans two lines here)."""
    path = tmp_path / "news.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows([{**ROWS[0], "body": ROWS[0]["body"] + "\nسطر ثان"}, ROWS[1], ROWS[2]])
    path.write_bytes(path.read_bytes().replace(TITLES[1].encode(), TITLES[1].encode() + b"\xe1", 1))
    code, report = ingest(str(path), *MAPPING)
    lines = path.read_bytes().split(b"\n")
    broken = next(n for n, line in enumerate(lines, start=1) if b"\xe1," in line)
    found = [(i["code"], i["location"]["line"]) for i in report["issues"]]
    assert (code, found) == (1, [("F002", broken)])
    assert lines[broken - 1].startswith(b"art-1,")  # the row's first line (the first row spans several)
    assert sorted(written(tmp_path / "out")) == ["art-0"]


@pytest.mark.parametrize(("name", "delimiter"), [("news.csv", ","), ("news.tsv", "\t")])
def test_csv_and_tsv(tmp_path: Path, ingest: Ingest, name: str, delimiter: str) -> None:
    with open(tmp_path / name, "w", encoding="utf-8-sig", newline="") as stream:  # Excel writes a BOM
        writer = csv.DictWriter(stream, fieldnames=list(ROWS[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(ROWS)
    assert ingest(str(tmp_path / name), *MAPPING)[0] == 0
    _check_rows(tmp_path / "out")


def test_parquet(tmp_path: Path, ingest: Ingest) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(ROWS), tmp_path / "news.parquet", row_group_size=2)
    assert ingest(str(tmp_path / "news.parquet"), *MAPPING)[0] == 0
    _check_rows(tmp_path / "out")


def test_a_datasets_folder_and_a_dataset_dict(tmp_path: Path, ingest: Ingest) -> None:
    import datasets

    datasets.Dataset.from_list(ROWS).save_to_disk(str(tmp_path / "saved"))
    assert ingest(str(tmp_path / "saved"), *MAPPING)[0] == 0
    _check_rows(tmp_path / "out")
    splits = datasets.DatasetDict(
        {"train": datasets.Dataset.from_list(ROWS[:2]), "test": datasets.Dataset.from_list(ROWS[2:])}
    )
    splits.save_to_disk(str(tmp_path / "splits"))
    code, report = ingest(str(tmp_path / "splits"), *MAPPING, out=tmp_path / "out2")
    assert (code, report["summary"]["counts"]["written"]) == (0, 3)


def test_a_hub_id_offline_is_a_coded_error(ingest: Ingest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    code, report = ingest("claimkit/no-such-dataset")
    assert (code, codes(report)) == (2, ["E803"])


def test_a_folder_recursively_with_a_glob_and_sidecars(tmp_path: Path, ingest: Ingest) -> None:
    (tmp_path / "in" / "2024" / "03").mkdir(parents=True)
    for n in range(3):
        (tmp_path / "in" / "2024" / "03" / f"a{n}.txt").write_text(f"{TITLES[n]}\n\n{BODIES[n]}", encoding="utf-8")
    (tmp_path / "in" / "notes.md").write_text("# not an article", encoding="utf-8")
    sidecar = {"url": "https://example.org/a0", "section": "اقتصاد", "tags": ["طاقة"]}
    (tmp_path / "in" / "2024" / "03" / "a0.txt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    code, report = ingest(str(tmp_path / "in"), "--glob", "*.txt")
    assert (code, report["summary"]["counts"]["written"]) == (0, 3)
    documents = written(tmp_path / "out")
    assert [documents[f"a{n}"]["title"] for n in range(3)] == TITLES[:3]
    assert (documents["a0"]["url"], documents["a0"]["source_fields"]) == (
        sidecar["url"],
        {"section": "اقتصاد", "tags": ["طاقة"]},
    )


def test_streaming_keeps_one_record_in_hand(tmp_path: Path) -> None:
    """The readers are generators: the first record comes before the input is read to the end."""
    from claimkit.ingest import FieldMap
    from claimkit.ingest.readers import read_file

    path = jsonl(tmp_path / "news.jsonl", ROWS)
    with open(path, "a", encoding="utf-8") as stream:
        stream.write("{not json\n")
    records = read_file(path, FieldMap(), "jsonl")
    first = next(records)
    assert first.fields["id"] == "art-0"  # type: ignore[union-attr]
    assert [type(item).__name__ for item in records] == ["Record", "Record", "Unread"]


def test_parquet_and_datasets_are_read_by_one_adapter_imported_on_demand() -> None:
    import subprocess
    import sys

    code = (
        "import sys, claimkit.ingest, claimkit.commands.ingest; "
        "print('pyarrow' in sys.modules, 'datasets' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_id_with_several_inputs_is_a_usage_error(tmp_path: Path) -> None:
    from claimkit.errors import UsageError
    from claimkit.ingest import IngestOptions, run

    options = IngestOptions(out_dir=tmp_path / "out", metadata={"id": "one"})
    with raises_code("E004", UsageError):
        list(run([str(jsonl(tmp_path / "news.jsonl", ROWS))], options))


def test_the_text_footer_counts_records_not_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One JSON Lines file of three records, one without text: the footer speaks of records."""
    from claimkit.cli import main

    options = [*MAPPING, "--outlet", "x", "--language", "ar"]
    path = jsonl(tmp_path / "news.jsonl", [{**ROWS[0], "body": ""}, *ROWS[1:]])
    assert main(["ingest", str(path), *options, "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().out.rstrip().splitlines()[-1] == "Found 1 issue (1 error) among 3 records."
