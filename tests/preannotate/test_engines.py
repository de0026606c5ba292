"""Both engines run the same functions and give the same outputs: Ray in local mode (2 CPUs)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimkit.cli import main
from claimkit.engines import Engine, LocalEngine
from claimkit.engines.outputs import output_rows
from claimkit.loading import load_documents
from claimkit.validate import ValidationOptions, validate_paths
from tests.conftest import CASES as RULE_CASES
from tests.conftest import ROOT
from tests.preannotate.conftest import CASES, HELDOUT


def _articles() -> list[dict[str, object]]:
    files, _ = load_documents([str(ROOT / "annotations"), str(CASES), str(HELDOUT)])
    rows: list[dict[str, object]] = []
    for _, file in files:
        document = file.document
        rows.append(
            {"id": document.id, "text": document.text, "outlet": document.outlet, "published": document.published}
        )
    return rows


def _shards(folder: Path, fmt: str) -> list[Path]:
    folder.mkdir()
    rows = _articles()
    halves = [rows[: len(rows) // 2], rows[len(rows) // 2 :]]
    paths = []
    for number, half in enumerate(halves):
        path = folder / f"shard-{number}.{fmt}"
        if fmt == "parquet":
            pq.write_table(pa.Table.from_pylist(half), path)
        else:
            lines = [json.dumps(r, ensure_ascii=False, default=str) for r in half]
            lines += ["not json", json.dumps({"id": 7})] if number else []
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize(("source", "target"), [("jsonl", "jsonl"), ("parquet", "parquet"), ("jsonl", "parquet")])
def test_local_and_ray_give_identical_proposal_rows(
    tmp_path: Path, ray_engine: Engine, source: str, target: str
) -> None:
    shards = _shards(tmp_path / "in", source)
    local = LocalEngine(jobs=2)
    try:
        local_summary = local.propose_shards(shards, tmp_path / "local", target)
    finally:
        local.close()
    ray_summary = ray_engine.propose_shards(shards, tmp_path / "ray", target)
    local_rows, ray_rows = list(output_rows(tmp_path / "local")), list(output_rows(tmp_path / "ray"))
    assert local_rows == ray_rows  # same rows, same order (Ray preserves order)
    assert (local_summary.rows, local_summary.proposals) == (ray_summary.rows, ray_summary.proposals)
    assert local_summary.proposals == len(_articles())
    assert local_summary.refused == (2 if source == "jsonl" else 0)
    outputs = (local_summary.outputs or []) + (ray_summary.outputs or [])
    assert outputs and all(p.endswith(f".proposals.{target}") for p in outputs)


def test_a_second_run_replaces_the_previous_output(tmp_path: Path, ray_engine: Engine) -> None:
    shards = _shards(tmp_path / "in", "jsonl")
    ray_engine.propose_shards(shards, tmp_path / "out", "jsonl")
    (tmp_path / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    LocalEngine(jobs=1).propose_shards(shards, tmp_path / "out", "jsonl")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["notes.txt", "shard-0.proposals.jsonl", "shard-1.proposals.jsonl"]


@pytest.mark.usefixtures("ray_engine")
def test_validate_on_ray_reports_what_validate_reports_locally() -> None:
    paths = [str(RULE_CASES / code / "invalid") for code in ("O003", "C001", "R005", "S001")]
    options = ValidationOptions()
    local = validate_paths(paths, options, jobs=2)
    on_ray = validate_paths(paths, options, jobs=2, engine="ray")
    assert local.issues and [i.to_dict() for i in local.issues] == [i.to_dict() for i in on_ray.issues]
    assert local.files_checked == on_ray.files_checked


@pytest.mark.usefixtures("ray_engine")
def test_preannotate_on_ray_writes_the_files_local_writes(tmp_path: Path) -> None:
    for name in ("local", "ray"):
        shutil.copytree(CASES, tmp_path / name)
        assert main(["preannotate", str(tmp_path / name), "--engine", name, "--jobs", "2"]) == 0
    for path in sorted((tmp_path / "local").iterdir()):
        assert path.read_bytes() == (tmp_path / "ray" / path.name).read_bytes()


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    if path.suffix == ".parquet":
        pq.write_table(pa.Table.from_pylist(rows), path)
    else:
        path.write_text("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows))
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_an_id_given_to_two_rows_is_reported(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """P006: an article id again in another shard (a re-crawl), and twice there; every row keeps its proposal."""
    first, second = _articles()[:2]
    updated = {**first, "text": str(first["text"]) + "\n\nتحديث."}
    shards = [_write(tmp_path / f"a.{fmt}", [first, second]), _write(tmp_path / f"b.{fmt}", [first, updated])]
    out = tmp_path / "out"
    assert main(["preannotate", *map(str, shards), "--out", str(out), "--jobs", "1", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["location"]["file"]) for i in found["issues"]] == [("P006", f"b.proposals.{fmt}")] * 2
    assert [row["id"] for row in output_rows(out)] == [first["id"], second["id"], first["id"], first["id"]]
    assert main(["preannotate", *map(str, shards), "--out", str(out), "--jobs", "1"]) == 0
    assert "Found 2 issues (2 warnings) among 4 rows." in capsys.readouterr().out.splitlines()


def _on_both_engines(shards: list[Path], tmp_path: Path, fmt: str, ray_engine: Engine) -> list[dict[str, object]]:
    """The proposal rows of both engines for ``shards``, which must be the same; the local engine's."""
    local = LocalEngine(jobs=2)
    try:
        local.propose_shards(shards, tmp_path / "local", fmt)
    finally:
        local.close()
    ray_engine.propose_shards(shards, tmp_path / "ray", fmt)
    local_rows, ray_rows = list(output_rows(tmp_path / "local")), list(output_rows(tmp_path / "ray"))
    assert local_rows == ray_rows
    return local_rows


def _hostile_shard(path: Path) -> tuple[list[object], list[tuple[str, int]]]:
    """A shard with what real files hold: a byte order mark, an article whose text holds U+2028 and
    U+0085 (a JSON string keeps them unescaped), a line that is not UTF-8, a blank line, a line that is
    not JSON, a row without text, CRLF line ends, nesting too deep and an integer too long for Python's
    parser. Returns the ids
    proposed for and the refusals' (code, line) pairs."""
    first, second, third = _articles()[:3]
    if path.suffix == ".parquet":
        rows = [first, {"id": "no-text", "text": None}, second, {"id": None, "text": "نص"}, third]
        pq.write_table(pa.Table.from_pylist([{k: r.get(k) for k in ("id", "text", "outlet")} for r in rows]), path)
        return [first["id"], second["id"], third["id"]], [("P003", 2), ("P003", 4)]
    separated = {**second, "text": str(second["text"]).replace("\n", "\u2028", 1).replace(" ", "\x85", 1)}

    def line(row: dict[str, object], end: str = "\n") -> bytes:
        return (json.dumps(row, ensure_ascii=False, default=str) + end).encode("utf-8")

    lines = [b"\xef\xbb\xbf" + line(first), line(separated), b'{"id": "x", "text": "\xff"}\n', b"\n"]
    lines += [b"not json\n", line({"id": 7}, "\r\n"), line(third, "\r\n")]
    lines += [b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"]  # Python's parser gives up
    lines += [b'{"id": "big", "n": 1' + b"0" * 5000 + b"}\n"]  # over Python's 4,300 digits
    lines += ['{"id": "dup", "text": "نص المقال", "text": "dup"}\n'.encode()]  # which text? neither
    path.write_bytes(b"".join(lines))
    refusals = [("P003", 3), ("P003", 5), ("P003", 6), ("P003", 8), ("P003", 9), ("P003", 10)]
    return [first["id"], second["id"], third["id"]], refusals


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_hostile_shards_give_the_same_rows_on_both_engines_and_refusals_name_their_line(
    tmp_path: Path, ray_engine: Engine, fmt: str
) -> None:
    """Lines end at \\n only on both engines (Ray's read_text also split at U+2028 and U+0085, breaking
    a valid article in two), and every refused row is located by its line or row number."""
    (tmp_path / "in").mkdir()
    ids, refusals = _hostile_shard(tmp_path / "in" / f"hostile.{fmt}")
    local_rows = _on_both_engines([tmp_path / "in" / f"hostile.{fmt}"], tmp_path, fmt, ray_engine)
    assert [row["id"] for row in local_rows if row["proposal"]] == ids
    found = [json.loads(row["issues"]) for row in local_rows if not row["proposal"]]
    assert [(i["code"], i["location"]["line"]) for issues in found for i in issues] == refusals
    assert all(i["location"]["file"] == f"hostile.{fmt}" for issues in found for i in issues)


def _damaged(path: Path) -> Path:
    """A Parquet shard whose footer is sound and whose third row group's data is not (a bad disk
    block): found only while reading."""
    rows = [{"id": f"row-{n}", "text": str(_articles()[n % 3]["text"]), "outlet": "x"} for n in range(200)]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=50, compression="zstd")
    damaged = bytearray(path.read_bytes())
    start = pq.ParquetFile(path).metadata.row_group(2).column(1).data_page_offset
    damaged[start : start + 16] = b"\xff" * 16  # the page header
    path.write_bytes(bytes(damaged))
    return path


@pytest.mark.usefixtures("ray_engine")
@pytest.mark.parametrize("engine", ["local", "ray"])
def test_shards_that_cannot_be_read_are_coded_never_an_internal_error(
    tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """P007: a file that is not Parquet (a truncated download) is left out and the other shards go on;
    damage found while reading stops the run with the code, the previous output left as it was."""
    shards = tmp_path / "in"
    shards.mkdir()
    (shards / "broken.parquet").write_bytes(b"PAR1 half a download")
    _write(shards / "good.parquet", _articles()[:2])
    out = tmp_path / "out"
    args = ["preannotate", str(shards), "--out", str(out), "--engine", engine, "--jobs", "2", "--format", "json"]
    assert main(args) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["location"]["file"]) for i in found["issues"]] == [("P007", "broken.parquet")]
    (written,) = out.iterdir()  # local names it after the shard, Ray numbers its parts
    assert written.name == ("good.proposals.parquet" if engine == "local" else "part-00000.proposals.parquet")
    assert found["summary"]["proposals"] == 2
    (shards / "broken.parquet").unlink()
    _damaged(shards / "damaged.parquet")
    before = written.read_bytes()
    assert main(args) == 1
    assert _command_error(capsys.readouterr().err) == ("P007", "damaged.parquet")
    assert list(out.iterdir()) == [written]
    assert written.read_bytes() == before


def test_a_binary_text_column_is_read_as_utf8_text_on_both_engines(tmp_path: Path, ray_engine: Engine) -> None:
    """The bytes of a binary text column were proposed for as their base64 (text_sha256 that of the
    base64); they are the article's UTF-8 text, as ingest reads them, and a row whose bytes are not
    UTF-8 (cp1256 here) is P003 at its row."""
    first, second = _articles()[:2]
    rows = [{"id": r["id"], "text": r["text"], "outlet": r["outlet"]} for r in (first, second)]
    (tmp_path / "in").mkdir()
    _write(tmp_path / "in" / "strings.parquet", rows)
    binary = [{**rows[0], "text": str(rows[0]["text"]).encode()}, {"id": "cp1256", "text": "نص".encode("cp1256")}]
    binary += [{**rows[1], "text": str(rows[1]["text"]).encode()}]
    _write(tmp_path / "in" / "bytes.parquet", binary)
    proposed = _on_both_engines(sorted((tmp_path / "in").iterdir()), tmp_path, "parquet", ray_engine)
    by_shard = [proposed[:3], proposed[3:]]  # bytes.parquet, then strings.parquet
    refusals = [(i["code"], i["location"]["line"]) for row in by_shard[0] for i in json.loads(str(row["issues"]))]
    assert refusals == [("P003", 2)]
    assert [by_shard[0][0], by_shard[0][2]] == by_shard[1]


@pytest.mark.usefixtures("ray_engine")
@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_parquet_shard_naming_a_column_twice_is_refused(
    tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two columns named text: the reader kept the last one without a word; P007 names the column, as
    ingest refuses the same file (I006), and the other shards go on."""
    shards = tmp_path / "in"
    shards.mkdir()
    first, second = _articles()[:2]
    table = pa.table({"id": [first["id"]], "text": [first["text"]], "outlet": ["x"]})
    pq.write_table(table.append_column("text", pa.array(["dup"])), shards / "twice.parquet")
    _write(shards / "good.parquet", [second])
    out = tmp_path / "out"
    args = ["preannotate", str(shards), "--out", str(out), "--engine", engine, "--jobs", "2", "--format", "json"]
    assert main(args) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["location"]["file"]) for i in found["issues"]] == [("P007", "twice.parquet")]
    assert "'text' twice" in found["issues"][0]["message"]
    assert found["summary"]["proposals"] == 1


_SHORT = "قال وزير الخارجية إن المحادثات كانت مثمرة، وأكد أن الجولة المقبلة ستعقد الشهر المقبل."


def _many(path: Path, refused: set[int], published: object, section: object) -> list[int]:
    """150 short articles with a row that is not one at each number in ``refused`` (a Parquet file in
    row groups of 50; ``published`` a timestamp in nanoseconds, as pandas writes it, or a string, and
    ``section`` a column the proposer does not read); returns the refusals' numbers."""
    rows: list[dict[str, object]] = [
        {"id": f"{path.stem}-{n}", "title": "عنوان", "text": _SHORT, "outlet": "وكالة", "published": published}
        | {"section": section}
        for n in range(1, 151)
    ]
    for n in refused:
        rows[n - 1] = {**rows[n - 1], "text": None}
    if path.suffix == ".parquet":
        table = pa.Table.from_pylist(rows)
        if isinstance(published, datetime):
            table = table.set_column(4, "published", table.column("published").cast(pa.timestamp("ns", tz="UTC")))
        pq.write_table(table, path, row_group_size=50)
    else:
        path.write_text("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows), "utf-8")
    return sorted(refused)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_batches_row_groups_and_column_types_give_the_same_rows_on_both_engines(
    tmp_path: Path, ray_engine: Engine, fmt: str
) -> None:
    """Refusals on both sides of a batch (64 rows) and of a row group (50) keep their numbers; a
    timestamp column, and a column typed differently in two shards (Ray once refused the timestamp,
    and could not merge the two), give the same rows as the local engine."""
    (tmp_path / "in").mkdir()
    stamp = datetime(2025, 10, 2, 9, 30, tzinfo=UTC)
    expected = {
        "a": _many(tmp_path / "in" / f"a.{fmt}", {1, 50, 51, 64, 65, 129, 150}, stamp, "سياسة"),
        "b": _many(tmp_path / "in" / f"b.{fmt}", {2, 100}, "2025-10-03", 7),
    }
    local_rows = _on_both_engines(sorted((tmp_path / "in").iterdir()), tmp_path, fmt, ray_engine)
    refusals: dict[str, list[int]] = {"a": [], "b": []}
    for row in local_rows:
        for issue in json.loads(row["issues"]):
            refusals[Path(issue["location"]["file"]).stem].append(issue["location"]["line"])
    assert refusals == expected
    assert sum(1 for row in local_rows if row["proposal"]) == 300 - 9


def _command_error(stderr: str) -> tuple[str, str]:
    """(code, file) of a command's coded error: ``claimkit: error: CODE name: FILE: message``."""
    line = next(line for line in stderr.splitlines() if line.startswith("claimkit: error: "))
    code, _, rest = line.removeprefix("claimkit: error: ").partition(" ")
    return code, rest.split(": ")[1]


def _not_utf8(path: Path) -> Path:
    """A Parquet file whose footer is sound and one of whose strings is not UTF-8 (a bad writer)."""
    rows = [{"id": f"row-{n}", "text": "ZZZZ نص" if n == 3 else "نص", "outlet": "x"} for n in range(5)]
    pq.write_table(pa.Table.from_pylist(rows), path, compression="none", use_dictionary=False)
    path.write_bytes(path.read_bytes().replace(b"ZZZZ", b"Z\xffZZ"))  # the value and its statistics
    return path


@pytest.mark.usefixtures("ray_engine")
@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_string_that_is_not_utf8_in_a_parquet_shard_is_p007(
    tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = _not_utf8(tmp_path / "shard.parquet")
    assert main(["preannotate", str(shard), "--out", str(tmp_path / "out"), "--engine", engine]) == 1
    assert _command_error(capsys.readouterr().err) == ("P007", "shard.parquet")


@pytest.mark.usefixtures("ray_engine")
@pytest.mark.parametrize("engine", ["local", "ray"])
def test_shards_without_a_row_are_zero_rows(tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.jsonl").write_bytes(b"")
    (tmp_path / "in" / "blank.jsonl").write_bytes(b"\n\n")
    args = ["preannotate", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", engine, "--format", "json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["rows"] == 0


def test_two_shards_of_one_name_are_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """a/x.jsonl and b/x.jsonl would both write x.proposals.jsonl: the second replaced the first."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        _write(tmp_path / folder / "x.jsonl", _articles()[:1])
    out = tmp_path / "out"
    assert main(["preannotate", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out)]) == 2
    assert "E605 shard-names-collide" in capsys.readouterr().err
    assert not out.exists()


def test_a_run_with_no_readable_shard_reports_no_earlier_issue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The output folder still holds an earlier run's refusals: they are not this run's."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.jsonl").write_text("not json\n", encoding="utf-8")
    (second / "b.parquet").write_bytes(b"PAR1 half a download")
    out = str(tmp_path / "out")
    assert main(["preannotate", str(first), "--out", out, "--format", "json"]) == 1
    assert [i["code"] for i in json.loads(capsys.readouterr().out)["issues"]] == ["P003"]
    assert main(["preannotate", str(second), "--out", out, "--format", "json"]) == 1
    assert [i["code"] for i in json.loads(capsys.readouterr().out)["issues"]] == ["P007"]


def _preannotate_in_a_process(*args: str) -> tuple[int, list[tuple[str, str]]]:
    """``claimkit preannotate`` in a process of its own, stopped after 20 s: a reader that opens a named
    pipe waits forever, and the test then fails instead of hanging. The exit code and (code, file name)
    of each issue."""
    command = [sys.executable, "-m", "claimkit", "preannotate", *args, "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    issues = json.loads(done.stdout)["issues"]
    return done.returncode, [(i["code"], Path(i["location"]["file"]).name) for i in issues]


def test_a_named_pipe_is_refused_unopened_as_a_shard_or_a_document_file(tmp_path: Path) -> None:
    """A named pipe given as a shard, or in a folder of shards, was opened and the run waited forever:
    it is P007 and the other shards are proposed for; in a folder of document files it is F001."""
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "good.jsonl").write_text(json.dumps(_articles()[0], ensure_ascii=False, default=str) + "\n")
    os.mkfifo(shards / "pipe.jsonl")
    os.mkfifo(tmp_path / "given.jsonl")
    out = tmp_path / "out"
    code, issues = _preannotate_in_a_process(str(tmp_path / "given.jsonl"), "--out", str(out))
    assert (code, issues) == (1, [("P007", "given.jsonl")])
    code, issues = _preannotate_in_a_process(str(shards), "--out", str(out))
    assert (code, issues) == (1, [("P007", "pipe.jsonl")])
    assert sorted(path.name for path in out.iterdir()) == ["good.proposals.jsonl"]
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "annotations", corpus)
    os.mkfifo(corpus / "pipe.json")
    assert _preannotate_in_a_process(str(corpus), "--dry-run") == (2, [("F001", "pipe.json")])


def test_shards_and_document_files_in_one_run_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Read as document files, the shards were reported as broken JSON (F005): E606 says what to do."""
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": "نص"}) + "\n", encoding="utf-8")
    documents = tmp_path / "docs"
    shutil.copytree(CASES, documents)
    before = {p.name: p.read_bytes() for p in documents.iterdir()}
    args = ["preannotate", str(tmp_path / "a.jsonl"), str(documents), "--out", str(tmp_path / "out")]
    assert main([*args, "--format", "json"]) == 2
    assert [i["code"] for i in json.loads(capsys.readouterr().out)["issues"]] == ["E606"]
    assert {p.name: p.read_bytes() for p in documents.iterdir()} == before
    assert not (tmp_path / "out").exists()


def test_proposals_are_never_written_among_their_shards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """preannotate sh --out sh wrote a.proposals.jsonl beside a.jsonl, and the next run proposed on
    its own output (a.proposals.proposals.jsonl; hostile review)."""
    shards = tmp_path / "sh"
    shards.mkdir()
    _write(shards / "a.jsonl", _articles()[:1])
    assert main(["preannotate", str(shards), "--out", str(shards), "--jobs", "1"]) == 2
    assert capsys.readouterr().err.split()[2] == "E005"
    assert [path.name for path in shards.iterdir()] == ["a.jsonl"]
