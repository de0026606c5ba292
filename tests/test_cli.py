"""The validate command as CI uses it: exit codes, formats, selection, unreadable input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimkit.cli import main
from claimkit.reporters import COLLAPSE_AT, GITHUB_CAP
from tests.conftest import CASES, ROOT

INVALID_O003 = CASES / "O003" / "invalid" / "o003-shifted.json"
WARNING_ONLY = CASES / "N001" / "invalid" / "n001-no-kind.json"
CLEAN = CASES / "D004" / "valid" / "d004-no-bidi.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def issues_of(output: str) -> set[tuple[str, str]]:
    return {(i["code"], i["location"]["pointer"]) for i in json.loads(output)["issues"]}


def test_clean_corpus_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "validate", str(ROOT / "annotations"))
    assert code == 0
    assert "All checks passed" in out


def test_errors_exit_1_and_report_all_problems(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "validate", str(INVALID_O003), str(CASES / "R002" / "invalid"), "--format", "json")
    assert code == 1
    found = issues_of(out)
    assert ("O003", "/gold/sources/1/mentions/0/text") in found
    assert ("R002", "/gold/claims/1/source") in found
    assert ("R007", "/gold/sources/1") in found


def test_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", str(WARNING_ONLY))[0] == 0
    assert run(capsys, "validate", "--strict", str(WARNING_ONLY))[0] == 1


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--select", "O003"], {"O003"}),
        (["--select", "O"], {"O003", "O004"}),
        (["--ignore", "O004"], {"O003"}),
        (["--select", "R,O003"], {"O003"}),
        (["--select", "O", "--ignore", "O003"], {"O004"}),
    ],
)
def test_select_and_ignore_take_codes_and_prefixes(
    capsys: pytest.CaptureFixture[str], flags: list[str], expected: set[str]
) -> None:
    _, out = run(capsys, "validate", str(INVALID_O003), "--format", "json", *flags)
    assert {code for code, _ in issues_of(out)} == expected


def test_unknown_selector_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(CLEAN), "--select", "Z999"])
    assert code == 2
    assert "Z999" in capsys.readouterr().err


def test_bad_option_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "xml"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("code", ["F002", "F003", "F004", "F005"])
def test_unreadable_input_exits_2_with_a_coded_issue(capsys: pytest.CaptureFixture[str], code: str) -> None:
    exit_code, out = run(capsys, "validate", str(CASES / code / "invalid"), "--format", "json")
    assert exit_code == 2
    assert {c for c, _ in issues_of(out)} == {code}


def test_invalid_json_is_located_by_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "validate", str(CASES / "F005" / "invalid" / "f005-trailing-comma.json"), "--format", "json")
    location = json.loads(out)["issues"][0]["location"]
    assert location["line"] > 1
    assert location["column"] > 1


def test_file_of_100_mb(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: the size is real, the disk is not used
    code, out = run(capsys, "validate", str(big), "--format", "json")
    assert code == 2
    assert issues_of(out) == {("F006", "")}


def test_folder_without_documents(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a document", encoding="utf-8")
    code, out = run(capsys, "validate", str(tmp_path), "--format", "json")
    assert code == 2
    assert issues_of(out) == {("F007", "")}


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out = run(capsys, "validate", str(tmp_path / "nowhere.json"), "--format", "json")
    assert code == 2
    assert issues_of(out) == {("F008", "")}


def test_not_a_regular_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")  # opening it would block: it must be refused unread
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone.json")
    code, out = run(capsys, "validate", str(tmp_path), "--format", "json")
    assert code == 2
    assert issues_of(out) == {("F001", "")}
    assert len(json.loads(out)["issues"]) == 2


#: One document id in two folders of one corpus (D013): the hostile review's silent loss.
ONE_DOCUMENT_TWICE = CASES / "D013" / "corpus"


def test_one_document_in_two_folders_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "validate", str(ONE_DOCUMENT_TWICE), "--format", "json")
    later = str(ONE_DOCUMENT_TWICE / "later" / "d013-same-id.json")
    found = [(i["code"], i["location"]["file"], i["location"]["pointer"]) for i in json.loads(out)["issues"]]
    assert (code, found) == (1, [("D013", later, "/document/id")])


def test_a_release_refuses_one_document_in_two_folders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    args = ("--corpus", str(ONE_DOCUMENT_TWICE), "--out", str(tmp_path / "out"), "--records", str(tmp_path / "r"))
    code = main(["release", "--snapshot", *args])
    assert (code, "E305" in capsys.readouterr().err) == (1, True)  # invalid corpus, naming D013
    assert not list((tmp_path / "out").glob("*"))  # nothing built, nothing left half-made


def test_one_path_given_twice_is_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    one = str(ONE_DOCUMENT_TWICE / "d013-same-id.json")
    code, out = run(capsys, "validate", one, one, "--format", "json")
    assert (code, json.loads(out)["files_checked"]) == (0, 1)


def test_hidden_folders_are_not_part_of_the_corpus(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / CLEAN.name)
    (tmp_path / ".staging").mkdir()
    (tmp_path / ".staging" / "half.json").write_text("{", encoding="utf-8")
    assert run(capsys, "validate", str(tmp_path))[0] == 0


def test_text_format_names_file_line_code_and_fix(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "validate", str(INVALID_O003))
    first = next(line for line in out.splitlines() if ": O003 " in line)
    path, line, column, rest = first.split(":", 3)
    assert path == str(INVALID_O003)
    assert int(line) > 1
    assert int(column) >= 1
    assert rest.strip().startswith("O003 [error]")
    assert "hint:" in out
    assert out.rstrip().splitlines()[-1].startswith("Found 2 issues")


def test_github_format_emits_workflow_commands(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "validate", str(INVALID_O003), "--format", "github")
    lines = out.splitlines()
    assert lines[0].startswith(f"::error file={INVALID_O003},line=")  # errors come first
    assert "title=O003 span-text-mismatch::" in lines[0]
    assert any(line.startswith("::warning ") and "O004" in line for line in lines)
    assert lines[-1].startswith("Found 2 issues")


def test_github_format_is_capped_with_errors_first(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = json.loads(WARNING_ONLY.read_text(encoding="utf-8"))
    for index in range(GITHUB_CAP + 10):
        data["document"]["id"] = f"doc-{index:03d}"
        (tmp_path / f"doc-{index:03d}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shutil.copy(INVALID_O003, tmp_path / INVALID_O003.name)
    _, out = run(capsys, "validate", str(tmp_path), "--format", "github")
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == GITHUB_CAP + 1
    assert commands[0].startswith("::error ")
    assert commands[-1].startswith("::notice::")
    assert "not shown" in commands[-1]


def test_json_format_is_a_report(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "validate", str(INVALID_O003), "--format", "json")
    report = json.loads(out)
    assert report["files_checked"] == 1
    assert report["counts"] == {"error": 1, "warning": 1, "info": 0}
    issue = report["issues"][0]
    assert set(issue) == {"code", "rule", "severity", "message", "location", "hint"}


def test_jobs_give_the_same_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(CASES, tmp_path / "cases")
    data = json.loads(CLEAN.read_text(encoding="utf-8"))
    for index in range(120):  # enough files for a process pool to be used
        data["document"]["id"] = f"copy-{index:03d}"
        (tmp_path / f"copy-{index:03d}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, one = run(capsys, "validate", str(tmp_path), "--format", "json", "--jobs", "1")
    _, two = run(capsys, "validate", str(tmp_path), "--format", "json", "--jobs", "2")
    assert json.loads(one) == json.loads(two)
    assert json.loads(one)["files_checked"] > 200


def test_console_script_and_module_exit_codes() -> None:
    claimkit = Path(sys.executable).parent / "claimkit"
    clean = subprocess.run([str(claimkit), "validate", str(CLEAN)], capture_output=True)
    assert clean.returncode == 0
    bad = subprocess.run([sys.executable, "-m", "claimkit", "validate", str(INVALID_O003)], capture_output=True)
    assert bad.returncode == 1
    assert b"Traceback" not in bad.stderr + bad.stdout


@pytest.mark.parametrize("command", [["claimkit", "rules"], [sys.executable, "-m", "claimkit", "validate", "CASES"]])
def test_a_reader_gone_is_not_a_crash(command: list[str]) -> None:
    """`claimkit rules | head -1`: the pipe is closed before anything is written (deterministic)."""
    program = Path(sys.executable).parent / command[0] if command[0] == "claimkit" else Path(command[0])
    read, write = os.pipe()
    os.close(read)
    try:
        args = [str(program), *(str(CASES) if a == "CASES" else a for a in command[1:])]
        done = subprocess.run(args, stdout=write, stderr=subprocess.PIPE, check=False)
    finally:
        os.close(write)
    assert done.returncode == 141
    assert done.stderr == b""


@pytest.mark.parametrize("option", ["--heatmap", "--hard-cases"])
def test_a_file_where_an_output_folder_should_be_is_a_coded_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str
) -> None:
    (tmp_path / "taken").write_text("a file", encoding="utf-8")
    args = ["agree", str(CASES / "C004"), option, str(tmp_path / "taken" / "out.png"), "--format", "json"]
    assert main(args) == 2
    report = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["severity"]) for i in report["issues"]] == [("E212", "error")]


@pytest.mark.parametrize("output", ["the-input-file", "a-document-in-the-input-folder"])
def test_agree_never_writes_its_side_files_over_its_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output: str
) -> None:
    """`agree --hard-cases doc.json corpus/` once replaced a document file by Markdown (E005 now)."""
    source = next((CASES / "C004" / "valid").glob("*.json"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(source, corpus / source.name)
    target = corpus / (source.name if output == "the-input-file" else "hard-cases.json")
    assert main(["agree", str(corpus), "--hard-cases", str(target), "--format", "json"]) == 2
    assert [i["code"] for i in json.loads(capsys.readouterr().out)["issues"]] == ["E005"]
    assert sorted(p.name for p in corpus.iterdir()) == [source.name]
    assert (corpus / source.name).read_bytes() == source.read_bytes()


def test_a_heatmap_is_a_png(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    args = ["agree", str(CASES / "C004"), "--heatmap", str(tmp_path / "confusion.txt"), "--format", "json"]
    assert main(args) == 2
    assert [i["code"] for i in json.loads(capsys.readouterr().out)["issues"]] == ["E006"]
    assert not (tmp_path / "confusion.txt").exists()


def test_schema_check_fails_on_a_stale_contract(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "schema", "--out", str(tmp_path))[0] == 0
    assert run(capsys, "schema", "--check", "--out", str(tmp_path))[0] == 0
    (tmp_path / "document-file.schema.json").write_text("{}", encoding="utf-8")
    code, out = run(capsys, "schema", "--check", "--out", str(tmp_path))
    assert code == 1
    assert "document-file.schema.json is stale" in out


def test_schema_is_not_written_among_documents(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`schema --out annotations` would put a JSON file that is no document into the corpus (E008); a
    folder of other JSON, or the contracts' own folder, is written as before."""
    corpus = tmp_path / "annotations"
    (corpus / "2025").mkdir(parents=True)
    shutil.copy(ROOT / "annotations" / "000_f22616ff3d8ce778.json", corpus / "2025")
    assert main(["schema", "--out", str(corpus)]) == 2
    assert capsys.readouterr().err.startswith("claimkit: error: E008")
    assert sorted(p.name for p in corpus.rglob("*") if p.is_file()) == ["000_f22616ff3d8ce778.json"]
    other = tmp_path / "other"
    other.mkdir()
    (other / "settings.json").write_text('{"theme": "dark"}', encoding="utf-8")
    assert main(["schema", "--out", str(other)]) == 0
    assert main(["schema", "--out", str(other)]) == 0
    marked = tmp_path / "marked"  # a document saved by an editor that writes a byte order mark (review)
    marked.mkdir()
    source = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
    (marked / source.name).write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    assert main(["schema", "--out", str(marked)]) == 2


def test_canonical_serialization_is_plain_json_with_two_space_indent() -> None:
    from claimkit.loading import load_file
    from claimkit.storage import document_json, dump_json

    for path in [*(ROOT / "annotations").glob("*.json"), *CASES.glob("*/valid/*.json")]:
        file = load_file(path).file
        assert file is not None
        assert document_json(file) == dump_json(file.model_dump(mode="json", exclude_none=True))


def test_issues_serialize_and_come_back_equal() -> None:
    from claimkit.issues import Issue
    from claimkit.validate import validate_file

    issues = validate_file(INVALID_O003)
    assert issues
    assert [Issue.from_dict(json.loads(json.dumps(issue.to_dict()))) for issue in issues] == issues


def test_invisible_characters_are_shown_as_escapes_and_arabic_as_it_is() -> None:
    """Two annotators ``ali`` and ``ali`` + U+200B would look one in a report or a reviewer's comment."""
    from claimkit.reporters import printable

    assert printable("ali\u200b، أحمد\u202e\ufeff\x1b") == "ali\\u200b، أحمد\\u202e\\ufeff\\x1b"
    assert printable("قالت الوزارة: «نعم»") == "قالت الوزارة: «نعم»"


def test_control_characters_and_bad_bytes_in_paths_never_reach_the_terminal(tmp_path: Path) -> None:

    hostile = os.fsencode(tmp_path) + b"/evil\x1b[2J\xe2\x80\xae\xff.json"  # escape sequence, RLO, a non-UTF-8 byte
    with open(hostile, "wb") as handle:
        handle.write(b"{")
    for fmt in ("text", "github", "json"):
        done = subprocess.run(
            [sys.executable, "-m", "claimkit", "validate", os.fsencode(tmp_path), "--format", fmt], capture_output=True
        )
        assert done.returncode == 2
        assert b"\x1b" not in done.stdout
        text = done.stdout.decode("utf-8")  # valid UTF-8 whatever the file name held
        if fmt == "json":  # JSON keeps the name (escaping controls itself); only the bad byte is spelled out
            (issue,) = json.loads(text)["issues"]
            assert issue["code"] == "F005"
            assert issue["location"]["file"].endswith("/evil\x1b[2J\u202e\\xff.json")
        else:  # a terminal or a CI log shows escapes, never the characters themselves
            assert "\u202e" not in text
            assert "\\x1b" in text and "\\u202e" in text and "\\xff" in text


def test_a_folder_that_cannot_be_listed_is_a_coded_input_error() -> None:
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="claimkit-locked-"))  # under /tmp: reachable by an ordinary user
    try:
        base.chmod(0o755)
        corpus = base / "annotations"
        (corpus / "locked").mkdir(parents=True)
        shutil.copy(CLEAN, corpus / CLEAN.name)
        (corpus / CLEAN.name).chmod(0o644)
        (corpus / "locked").chmod(0o000)
        command = [sys.executable, "-m", "claimkit", "validate", str(corpus), "--format", "json"]
        if os.geteuid() == 0:  # root reads everything: check as an ordinary user
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "HOME": str(base)})
    finally:
        (base / "annotations" / "locked").chmod(0o755)
        shutil.rmtree(base)
    assert done.returncode == 2, done.stderr
    found = [(i["code"], i["location"]["file"]) for i in json.loads(done.stdout)["issues"]]
    assert found == [("F001", str(corpus / "locked"))]


def test_a_summarized_code_is_escaped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Text output summarizes a code met often, naming its first file: a name with a line starting
    ``::`` must not become a line a CI log runs as a workflow command, nor reorder it (bidi)."""
    data = json.loads(WARNING_ONLY.read_text(encoding="utf-8"))
    for index in range(COLLAPSE_AT + 2):
        data["document"]["id"] = f"doc-{index:03d}"
        name = f"doc-{index:03d}\n::error file=x.py::forged\u202e.json"
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, out = run(capsys, "validate", str(tmp_path))
    assert "(--verbose lists them all)" in out
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::") or "\u202e" in line]


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--max-bytes", "-1"],
        ["validate", "--jobs", "-3"],
        ["preannotate", "--jobs", "-1"],
        ["ingest", "x.txt", "--jobs", "-2"],
    ],
    ids=["max-bytes", "validate-jobs", "preannotate-jobs", "ingest-jobs"],
)
def test_a_count_below_its_range_is_a_usage_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    assert "must be a whole number" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["preannotate", "--evaluate", "--dry-run", str(CASES)],
        ["preannotate", "--evaluate", "--out", "somewhere", str(CASES)],
        ["adjudicate", "--url", "http://127.0.0.1:1", str(CASES)],
    ],
    ids=["evaluate-dry-run", "evaluate-out", "adjudicate-url-without-push"],
)
def test_an_option_that_would_be_ignored_is_refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*args, "--format", "json"]) == 2
    assert [i["code"] for i in json.loads(capsys.readouterr().out)["issues"]] == ["E004"]
