"""Damaged and ambiguous inputs, from the small files in tests/ingest/inputs: a coded issue at the right
place for each, never an internal error, and nothing the input holds dropped or changed without a word.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimkit.cli import main
from tests.ingest.conftest import BODIES, Ingest, jsonl, written

INPUTS = Path(__file__).parent / "inputs"


def found(report: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    """Every issue as (code, the name of its file, its line)."""
    return [
        (issue["code"], Path(issue["location"]["file"]).name, issue["location"]["line"]) for issue in report["issues"]
    ]


@pytest.mark.parametrize(
    ("name", "forced"),
    [("truncated.parquet", None), ("not-parquet.parquet", None), ("article.txt", "parquet")],
)
def test_a_file_that_is_no_parquet_is_f001_not_an_internal_error(ingest: Ingest, name: str, forced: str | None) -> None:
    flags = ["--input-format", forced] if forced else []
    code, report = ingest(str(INPUTS / name), *flags)
    assert (code, found(report)) == (2, [("F001", Path(name).name, None)])


def test_a_parquet_row_group_that_cannot_be_read_ends_the_file_there(
    ingest: Ingest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The footer is sound, the second row group's page is not: its rows are F001 at the first of them."""
    monkeypatch.setattr("claimkit.ingest.arrow._BATCH", 2)  # one batch per row group of the file
    code, report = ingest(str(INPUTS / "damaged-row-group.parquet"))
    assert (code, found(report)) == (1, [("F001", "damaged-row-group.parquet", 3)])
    assert sorted(written(tmp_path / "out")) == ["art-0", "art-1"]


@pytest.mark.parametrize("name", ["dataset-state-empty", "dataset-truncated-arrow"])
def test_a_damaged_datasets_folder_is_f001_not_an_internal_error(ingest: Ingest, name: str) -> None:
    code, report = ingest(str(INPUTS / name))
    assert (code, found(report)) == (2, [("F001", name, None)])


def test_nan_and_infinity_in_parquet_and_datasets_are_refused_as_in_json_lines(ingest: Ingest, tmp_path: Path) -> None:
    """A NaN or an infinity was written as null without a word; JSON Lines refuses it (S004): so do these."""
    import pyarrow.parquet as pq

    code, report = ingest(str(INPUTS / "nonfinite.parquet"), str(INPUTS / "dataset-nan"))
    expected = [("S004", "dataset-nan", 2), ("S004", "nonfinite.parquet", 1), ("S004", "nonfinite.parquet", 3)]
    assert (code, found(report)) == (1, expected)
    assert sorted(written(tmp_path / "out")) == ["art-0", "art-1"]
    rows = pq.read_table(INPUTS / "nonfinite.parquet").to_pylist()
    lines = jsonl(tmp_path / "nonfinite.jsonl", rows)  # json.dumps writes NaN and Infinity
    code, report = ingest(str(lines), out=tmp_path / "out2")
    assert (code, found(report)) == (1, [("S004", "nonfinite.jsonl", 1), ("S004", "nonfinite.jsonl", 3)])


def test_a_parquet_schema_naming_a_column_twice_is_refused_as_a_csv_header_is(ingest: Ingest, tmp_path: Path) -> None:
    """Two columns named text: the reader kept the last one ('dup') as the article; CSV refuses it (I006)."""
    code, report = ingest(str(INPUTS / "text-column-twice.parquet"))
    assert (code, found(report)) == (2, [("I006", "text-column-twice.parquet", None)])
    assert "Rename or drop one of the two columns named 'text'" in report["issues"][0]["hint"]  # no line to fix
    assert written(tmp_path / "out") == {}


def test_a_binary_text_column_is_decoded_as_utf8_never_written_as_base64(ingest: Ingest, tmp_path: Path) -> None:
    """The bytes of a binary text column became the base64 of the article; they are its UTF-8 text, and
    bytes that are not UTF-8 (cp1256 here) are F002 at their row."""
    code, report = ingest(str(INPUTS / "binary-text.parquet"))
    assert (code, found(report)) == (1, [("F002", "binary-text.parquet", 2)])
    assert {key: document["text"] for key, document in written(tmp_path / "out").items()} == {"art-0": BODIES[0]}


@pytest.mark.parametrize(
    ("name", "line", "read"), [("damaged-deflate.jsonl.gz", 39, 38), ("damaged-deflate.csv.gz", 207, 41)]
)
def test_damaged_gzip_data_is_f001_at_the_line_reached(
    ingest: Ingest, tmp_path: Path, name: str, line: int, read: int
) -> None:
    """A deflate stream damaged after a sound gzip header raised zlib.error (no OSError): an internal
    error. It is F001 at the line reached; the records before it are read."""
    code, report = ingest(str(INPUTS / name))
    assert code == 1
    assert [issue for issue in found(report) if issue[0] == "F001"] == [("F001", name, line)]
    assert sorted(written(tmp_path / "out"), key=lambda n: int(n.split("-")[1])) == [f"art-{n}" for n in range(read)]


@pytest.mark.parametrize("name", ["stray-quote.csv", "unclosed-quote.csv"])
def test_a_csv_row_with_broken_quoting_is_i006_at_its_line(ingest: Ingest, tmp_path: Path, name: str) -> None:
    """A quotation mark inside a quoted field that is not doubled was dropped from the text, and a quoted
    field never closed took the rest of the file: I006 at the row's line, the rows after it not read."""
    code, report = ingest(str(INPUTS / name))
    assert (code, found(report)) == (1, [("I006", name, 5)])  # the second row (the first is lines 2 to 4)
    assert sorted(written(tmp_path / "out")) == ["art-0"]


def test_a_sidecar_that_gives_a_key_twice_is_refused_as_a_json_lines_record_is(ingest: Ingest) -> None:
    """{"outlet": "X", "outlet": "Y"}: the last outlet was taken without a word; I002 at the sidecar."""
    code, report = ingest(str(INPUTS / "sidecars" / "key-twice.txt"))
    assert (code, found(report)) == (2, [("I002", "key-twice.txt.meta.json", None)])
    assert "Give 'outlet' once in the sidecar" in report["issues"][0]["hint"]  # not I002's hint about dates


def test_an_input_without_a_record_is_i017_and_a_run_that_writes_nothing_exits_2(
    ingest: Ingest, tmp_path: Path
) -> None:
    """An empty JSON Lines file, a CSV header, [], a Parquet file or a dataset of no rows said 'no records'
    and exited 0, though nothing was written (the exit code says 2 then); beside a good input, 1."""
    names = ["empty-array.json", "empty.jsonl", "header-only.csv", "no-rows-dataset", "no-rows.parquet"]
    code, report = ingest(*(str(INPUTS / "empty" / name) for name in names))
    assert (code, found(report)) == (2, [("I017", name, None) for name in names])
    code, report = ingest(str(INPUTS / "empty" / "empty.jsonl"), str(INPUTS / "article.txt"))
    assert (code, found(report)) == (1, [("I017", "empty.jsonl", None)])
    assert list(written(tmp_path / "out")) == ["article"]


def test_a_dataset_dict_with_an_empty_split_reads_the_others(ingest: Ingest, tmp_path: Path) -> None:
    """datasets cannot load back a split of no rows it saved (IndexError): that split has no record, the
    others are read, and the dataset as a whole has records (no I017)."""
    code, report = ingest(str(INPUTS / "dataset-empty-split"))
    assert (code, found(report)) == (0, [])
    assert list(written(tmp_path / "out")) == ["art-0"]


@pytest.mark.parametrize("name", ["gives-text.txt", "folder.txt"])
def test_a_sidecar_that_gives_a_text_or_is_a_folder_is_i002(ingest: Ingest, tmp_path: Path, name: str) -> None:
    """A sidecar's "text" was neither the document's text nor kept, and a sidecar that is a folder was
    taken as no sidecar at all: both are I002 at the sidecar, the text file not written."""
    code, report = ingest(str(INPUTS / "sidecars" / name))
    assert (code, found(report)) == (2, [("I002", f"{name}.meta.json", None)])
    assert "ISO 8601" not in report["issues"][0]["hint"]  # I002's own hint speaks of values, not of the file
    assert written(tmp_path / "out") == {}


@pytest.mark.parametrize(
    "flags",
    [
        ["--near-duplicates", "2"],
        ["--near-duplicates", "-1"],
        ["--near-duplicates", "nan"],
        ["--text-field", ""],
        ["--title-field", " "],
        ["--jobs", "-3"],
        ["--max-bytes", "0"],
    ],
)
def test_option_values_out_of_their_range_are_usage_errors(
    flags: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--near-duplicates 2 (help: 0 to 1) was taken, --text-field '' ignored: exit 2, the option named."""
    from claimkit.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", str(INPUTS / "article.txt"), "--out", str(tmp_path / "out"), *flags])
    assert (exit_info.value.code, flags[0] in capsys.readouterr().err) == (2, True)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("flag", "document_field"), [("--title-field", "title"), ("--text-field", "text")])
def test_a_field_named_for_one_document_field_is_read_for_it(
    ingest: Ingest, tmp_path: Path, flag: str, document_field: str
) -> None:
    """--title-field id gave the title nothing (the id's default took the field) and --text-field id
    said 'no text' of a field holding 'art-0': a field named on the command line is read for what it
    was named for, and still for the id; the text's own field is then kept in source_fields."""
    code, report = ingest(str(INPUTS / "two-records.jsonl"), flag, "id", "--no-furniture", "--near-duplicates", "0")
    documents = written(tmp_path / "out")
    assert (code, [issue["code"] for issue in report["issues"]]) == (0, [])
    assert {doc_id: document[document_field] for doc_id, document in documents.items()} == {
        "art-0": "art-0",
        "art-1": "art-1",
    }
    if document_field == "text":
        assert documents["art-0"]["source_fields"] == {"text": BODIES[0]}


@pytest.mark.parametrize("space", ["\t", " \t\t "])
def test_the_furniture_share_counts_spaces_alike_in_text_and_furniture(space: str) -> None:
    """A tab inside the only line (a headline) made the text 111 % furniture (I012's message)."""
    from claimkit.ingest import ingest_text
    from claimkit.ingest.furniture import furniture_share

    result = ingest_text(f"عنوان{space}الخبر", {"id": "a", "outlet": "وكالة", "language": "ar"})
    assert result.file is not None
    document = result.file.document
    assert [piece.kind.value for piece in document.furniture] == ["headline"]
    assert furniture_share(document.text, document.furniture) == 1.0


def test_records_of_a_json_array_are_located_where_they_start(ingest: Ingest) -> None:
    """A one-line array's records were 'line 2', 'line 3'... and 'a JSON NoneType': each is now at the
    line and column where it starts."""
    path = INPUTS / "array-of-values.json"
    text = path.read_text(encoding="utf-8")
    code, report = ingest(str(path))
    located = [(i["code"], i["location"]["line"], i["location"]["column"]) for i in report["issues"]]
    columns = [text.index(value, text.index("}, 5")) + 1 for value in ("5", "null", '"x"')]
    assert (code, located) == (1, [("I006", 1, column) for column in columns])


def test_a_csv_row_with_fewer_fields_than_the_header_is_i006(ingest: Ingest, tmp_path: Path) -> None:
    """A short row was taken with its missing fields absent, and said to miss metadata or text (I001/I005)."""
    code, report = ingest(str(INPUTS / "short-row.csv"))
    assert (code, found(report)) == (1, [("I006", "short-row.csv", 5)])  # the first row is lines 2 to 4
    assert sorted(written(tmp_path / "out")) == ["art-0", "art-2"]


def test_a_tsv_whose_quotation_marks_are_text_is_read_with_tsv_plain(ingest: Ingest, tmp_path: Path) -> None:
    """A title opening with a quotation mark is quoting to the CSV reader (I006, its hint naming the way
    out); with --input-format tsv-plain (IANA's TSV) the mark is text, kept in the title."""
    code, report = ingest(str(INPUTS / "lead-quote.tsv"))
    assert (code, found(report)) == (2, [("I006", "lead-quote.tsv", 2)])
    assert "--input-format tsv-plain" in report["issues"][0]["hint"]
    code, report = ingest(str(INPUTS / "lead-quote.tsv"), "--input-format", "tsv-plain")
    assert code == 0, report
    titles = {
        json.loads(path.read_text(encoding="utf-8"))["document"]["title"] for path in (tmp_path / "out").iterdir()
    }
    assert '"الوزير": الوضع مستقر' in titles


# -- named pipes: never opened (opening one waits until something writes into it) ----------------------
def _ingest_in_a_process(*inputs: Path, out: Path) -> tuple[int, list[tuple[str, str, int | None]]]:
    """``claimkit ingest`` in a process of its own, stopped after 20 s: a reader that opens a named pipe
    waits forever, and the test then fails instead of hanging. The exit code and the issues found."""
    flags = ["--out", str(out), "--format", "json", "-j", "1", "--outlet", "o", "--language", "ar"]
    command = [sys.executable, "-m", "claimkit", "ingest", *map(str, inputs), *flags]
    done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, found(json.loads(done.stdout))


def test_a_named_pipe_among_the_inputs_is_f001_and_the_others_are_read(tmp_path: Path) -> None:
    """A named pipe in an input folder, or given itself, was opened and the run waited forever."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(INPUTS / "article.txt", folder / "article.txt")
    for name in ("pipe.txt", "pipe.jsonl"):
        os.mkfifo(folder / name)
    os.mkfifo(tmp_path / "given.csv")
    code, issues = _ingest_in_a_process(folder, tmp_path / "given.csv", out=tmp_path / "out")
    assert (code, issues) == (1, [("F001", name, None) for name in ("given.csv", "pipe.jsonl", "pipe.txt")])
    assert list(written(tmp_path / "out")) == ["article"]


def test_a_named_pipe_where_a_sidecar_belongs_is_i002(tmp_path: Path) -> None:
    shutil.copy(INPUTS / "article.txt", tmp_path / "article.txt")
    os.mkfifo(tmp_path / "article.txt.meta.json")
    code, issues = _ingest_in_a_process(tmp_path / "article.txt", out=tmp_path / "out")
    assert (code, issues) == (2, [("I002", "article.txt.meta.json", None)])


@pytest.mark.parametrize("name", ["state.json", "data-00000-of-00001.arrow"])
def test_a_named_pipe_in_a_datasets_folder_is_f001(tmp_path: Path, name: str) -> None:
    shutil.copytree(INPUTS / "dataset-nan", tmp_path / "dataset")
    (tmp_path / "dataset" / name).unlink()
    os.mkfifo(tmp_path / "dataset" / name)
    code, issues = _ingest_in_a_process(tmp_path / "dataset", out=tmp_path / "out")
    assert (code, issues) == (2, [("F001", "dataset", None)])


def test_a_named_pipe_in_the_corpus_is_f001_for_its_id_alone(tmp_path: Path) -> None:
    """A named pipe in --out was opened to learn the text of the document it names: the run waited forever."""
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "art-0.json")
    code, issues = _ingest_in_a_process(INPUTS / "two-records.jsonl", out=out)
    assert (code, issues) == (1, [("F001", "art-0.json", None)])
    assert sorted(path.name for path in out.iterdir() if path.is_file()) == ["art-1.json"]  # the pipe is left
    assert (out / "art-0.json").is_fifo()


def test_documents_are_never_written_among_their_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ingest src --out src wrote a.json beside a.txt, and the next run read a.json as input (33 I006;
    hostile review)."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.txt").write_text("عنوان\n\nقال الوزير إن الوضع جيد.\n", encoding="utf-8")
    assert main(["ingest", str(source), "--out", str(source)]) == 2
    assert capsys.readouterr().err.split()[2] == "E005"
    assert [path.name for path in source.iterdir()] == ["a.txt"]
