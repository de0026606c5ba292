"""``claimkit ls import`` and ``ls export`` from the command line: hostile and unreadable input,
folders it may not write (as an unprivileged user), one JSON document on stdout, and task files that
carry each document whole (their round trip through the UI's Import is tests/live/test_taskfile_live.py)."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkit.errors import ClaimkitError
from claimkit.labelstudio.config import labeling_config
from claimkit.labelstudio.sync import import_exports
from claimkit.loading import load_file
from claimkit.model import Document
from claimkit.pseudonym import Pseudonymizer
from tests.labelstudio.recorded import VERSIONS, Recording, claimkit, ls_import
from tests.labelstudio.scenario import CHAIN, EMOJI, RECORDING_KEY, SEED
from tests.labelstudio.unprivileged import claimkit_as_user, hand_over, workspace

RECORDING = Recording(VERSIONS[-1])
KEY = {"CLAIMKIT_PSEUDONYM_KEY": RECORDING_KEY}


def _plain_export(folder: Path) -> Path:
    export = folder / "export.json"
    export.write_bytes(gzip.decompress(RECORDING.export("pull-snapshot.json").read_bytes()))
    return export


def _json(done: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(done.stdout)  # exactly one document, nothing around it
    return document


def test_a_hand_edited_export_is_converted_where_it_can_be(tmp_path: Path) -> None:
    chain = load_file(CHAIN).file
    assert chain is not None
    good = RECORDING.tasks("pull-snapshot.json")[3]  # the chain document's task, as recorded
    submitted = next(a for a in good["annotations"] if not a["was_cancelled"])
    hostile = [
        5,
        {"id": 90, "project": 1, "data": "not an object"},
        {**good, "id": 91, "annotations": ["nope", {**submitted, "id": 92, "result": "nope"}]},
        {"id": 93, "project": 1, "data": {"doc_id": "no-text"}, "annotations": []},
        {**good, "id": "../../evil"},  # ids that would name files: only numbers ever do
        {
            **good,
            "id": 94,
            "data": {**good["data"], "doc_id": "evil-doc", "claimkit": {**good["data"]["claimkit"], "id": "evil-doc"}},
            "annotations": [
                {**submitted, "id": "../../../x", "result": [{"type": "labels", "value": {"labels": ["?"]}}]}
            ],
        },
    ]
    export = tmp_path / "hostile.json"
    export.write_text(json.dumps(hostile), encoding="utf-8")
    done = ls_import(str(export), tmp_path)
    assert done.returncode == 1, done.stderr
    found = {
        (i["code"], i["location"]["file"], i["location"]["pointer"])
        for i in _json(done)["issues"]
        if i["code"].startswith("L")
    }
    task = "http://ls.example/projects/1/data?task="
    assert {
        ("L045", None, ""),
        ("L045", f"{task}90", ""),
        ("L045", f"{task}91", "/annotations/0"),
        ("L045", f"{task}91", "/annotations/1/result"),
        ("L045", f"{task}93", "/data/text"),
        ("L045", f"{task}../../evil", ""),
    } <= found
    assert "Traceback" not in done.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == [
        "corpus/.pending/evil-doc/annotation-task94-0.json",
        "corpus/evil-doc.json",
        "corpus/r005-chain.json",
        "hostile.json",
    ]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"not json at all {", "broken.json"),
        (b'{"id": 1, "data": {}}', "object.json"),
        (b"", "empty.json"),
        (b"\x1f\x8b\x08\x00garbage", "garbage.json.gz"),
        # ijson gives each event its path: an item so nested took memory by the square of the depth
        (b"[" * 20_000 + b"]" * 20_000, "nested.json"),
    ],
    ids=["not-json", "an-object", "empty", "bad-gzip", "nested-too-deep"],
)
def test_an_unreadable_export_is_refused_and_nothing_written(content: bytes, name: str, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(content)
    done = claimkit("ls", "import", name, "--out", "corpus", "--format", "json", cwd=tmp_path, env=KEY)
    assert done.returncode == 2, done.stderr
    assert [issue["code"] for issue in _json(done)["issues"]] in (["E211"], ["E210"])
    assert not (tmp_path / "corpus").exists()


def _import_as_user(folder: Path) -> Any:
    """``claimkit ls import export.json --out corpus`` in ``folder``, as a user without root's rights."""
    return claimkit_as_user(
        "ls", "import", "export.json", "--out", "corpus", "--server-id", "x", "--format", "json", cwd=folder, env=KEY
    )


def test_an_export_cut_short_changes_nothing(tmp_path: Path) -> None:
    raw = _plain_export(tmp_path).read_bytes()
    (tmp_path / "cut.json").write_bytes(raw[: len(raw) // 2])
    (tmp_path / "corpus").mkdir()
    shutil.copy(SEED, tmp_path / "corpus" / SEED.name)
    done = claimkit("ls", "import", "cut.json", "--out", "corpus", "--server-id", "x", cwd=tmp_path)
    assert done.returncode == 2
    assert "E211" in done.stderr
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == [SEED.name]
    assert (tmp_path / "corpus" / SEED.name).read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize("missing", ["nowhere.json", "."], ids=["missing", "a-folder"])
def test_a_missing_export_is_a_usage_error(missing: str, tmp_path: Path) -> None:
    done = claimkit("ls", "import", missing, "--out", "corpus", cwd=tmp_path)
    assert (done.returncode, "E211" in done.stderr, "Traceback" in done.stderr) == (2, True, False)


def test_an_export_that_is_a_named_pipe_is_refused_unopened(tmp_path: Path) -> None:
    """Opening a named pipe waits until something writes into it: the import waited forever."""
    os.mkfifo(tmp_path / "pipe.json")
    done = claimkit("ls", "import", "pipe.json", "--out", "corpus", "--format", "json", cwd=tmp_path, timeout=20)
    assert (done.returncode, [issue["code"] for issue in _json(done)["issues"]]) == (2, ["E211"])
    assert "not a regular file (a named pipe)" in _json(done)["issues"][0]["message"]
    assert not (tmp_path / "corpus").exists()


@pytest.mark.parametrize(
    ("pipe", "code"),
    [
        ("o003-emoji-crlf-diacritics.json", "F001"),  # a document file: refused, the others are written
        (".pending/o003-emoji-crlf-diacritics/annotation-10.json", "E213"),  # where a set-aside one goes
        (".pending/000_f22616ff3d8ce778/annotation-99.json", "L054"),  # a set-aside one the export has not
    ],
    ids=["document", "set-aside", "stale-set-aside"],
)
def test_a_named_pipe_in_the_corpus_is_never_opened(pipe: str, code: str, tmp_path: Path) -> None:
    """The import read a named pipe in the corpus where a file set aside from a task goes, and waited
    forever; it is unreadable like a damaged file (a document file: F001, that document not written)."""
    _plain_export(tmp_path)
    (tmp_path / "corpus" / pipe).parent.mkdir(parents=True)
    os.mkfifo(tmp_path / "corpus" / pipe)
    done = claimkit("ls", "import", "export.json", "--out", "corpus", "--server-id", "x", cwd=tmp_path, timeout=20)
    assert "Traceback" not in done.stderr
    assert code in done.stdout + done.stderr
    assert (tmp_path / "corpus" / pipe).is_fifo()


# -- folders claimkit may not write, as an unprivileged user ------------------------------------
def test_a_read_only_corpus_is_a_coded_error() -> None:
    with workspace() as folder:
        _plain_export(folder)
        corpus = folder / "corpus"
        corpus.mkdir()
        shutil.copy(SEED, corpus / SEED.name)
        hand_over(folder)
        corpus.chmod(0o555)
        done = _import_as_user(folder)
        assert done.returncode == 2, done.stderr
        assert [issue["code"] for issue in _json(done)["issues"]] == ["E212"]
        assert sorted(p.name for p in corpus.iterdir()) == [SEED.name]


def test_an_unreadable_corpus_is_a_coded_error() -> None:
    with workspace() as folder:
        _plain_export(folder)
        (folder / "corpus").mkdir()
        hand_over(folder)
        (folder / "corpus").chmod(0o300)  # may write, may not list
        done = _import_as_user(folder)
        assert done.returncode == 2, done.stderr
        assert [issue["code"] for issue in _json(done)["issues"]] == ["E213"]


def test_an_unreadable_document_file_is_reported_and_the_others_written() -> None:
    with workspace() as folder:
        _plain_export(folder)
        corpus = folder / "corpus"
        corpus.mkdir()
        shutil.copy(SEED, corpus / SEED.name)
        hand_over(folder)
        (corpus / SEED.name).chmod(0o000)
        done = _import_as_user(folder)
        assert done.returncode == 2, done.stderr
        assert ("F001", f"corpus/{SEED.name}") in {(i["code"], i["location"]["file"]) for i in _json(done)["issues"]}
        assert {"r005-chain.json", "o003-emoji-crlf-diacritics.json"} <= {p.name for p in corpus.iterdir()}


def test_a_file_where_the_corpus_should_be_is_a_coded_error(tmp_path: Path) -> None:
    _plain_export(tmp_path)
    (tmp_path / "corpus").write_text("a file", encoding="utf-8")
    done = claimkit("ls", "import", "export.json", "--out", "corpus", "--server-id", "x", cwd=tmp_path, env=KEY)
    assert (done.returncode, "E212" in done.stderr) == (2, True)


# -- ls export -----------------------------------------------------------------------------------
def test_export_writes_tasks_that_carry_the_documents_whole(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for path in (SEED, EMOJI, CHAIN):
        shutil.copy(path, source / path.name)
    done = claimkit(
        "ls", "export", "source", "--out", "files", "--predictions", "gold", "--format", "json", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert _json(done)["summary"] | {"written": None} == {
        "exported": True,
        "tasks": 3,
        "predictions": 3,
        "written": None,
    }
    tasks = json.loads((tmp_path / "files" / "tasks.json").read_text(encoding="utf-8"))
    assert all(task["predictions"][0]["model_version"] == "claimkit:gold" for task in tasks)
    assert (tmp_path / "files" / "labeling-config.xml").read_text(encoding="utf-8") == labeling_config()
    for path, task in zip((SEED, EMOJI, CHAIN), sorted(tasks, key=lambda t: t["data"]["doc_id"]), strict=True):
        original = load_file(path).file
        assert original is not None  # what pull rebuilds a document from: the task's text and metadata
        assert Document.model_validate({**task["data"]["claimkit"], "text": task["data"]["text"]}) == original.document


def test_export_refuses_a_file_as_its_folder(tmp_path: Path) -> None:
    (tmp_path / "files").write_text("x", encoding="utf-8")
    done = claimkit("ls", "export", str(SEED), "--out", "files", "--format", "json", cwd=tmp_path)
    assert done.returncode == 2
    assert [issue["code"] for issue in _json(done)["issues"]] == ["E212"]


# -- any export file: never a crash --------------------------------------------------------------
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "data",
                    "doc_id",
                    "text",
                    "annotations",
                    "result",
                    "completed_by",
                    "drafts",
                    "type",
                    "value",
                    "start",
                    "end",
                    "labels",
                    "project",
                    "was_cancelled",
                    "ground_truth",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tasks=st.lists(_JSON, max_size=4))
def test_any_json_export_is_converted_or_refused_with_a_code(tasks: list[Any], tmp_path: Path) -> None:
    export = tmp_path / "fuzz.json"
    export.write_text(json.dumps(tasks), encoding="utf-8")
    with contextlib.suppress(ClaimkitError):
        import_exports([str(export)], tmp_path / "corpus", Pseudonymizer(RECORDING_KEY.encode()), server_id="x")


@pytest.mark.parametrize("where", ["in-an-offset", "alone"])
def test_a_number_of_thousands_of_digits_is_refused_before_the_parser_reads_it(where: str, tmp_path: Path) -> None:
    """ijson's C parser fails on an integer over Python's 4,300 digits, and in a real export's nesting
    crashed the process (a segmentation fault, exit 139): such a number is refused first (E211)."""
    digits = b"9" * 5000
    if where == "alone":
        content = b'[{"id": ' + digits + b"}]"
    else:
        raw = _plain_export(tmp_path).read_bytes()
        content, replaced = re.subn(rb'"start": \d+', b'"start": ' + digits, raw, count=1)
        assert replaced == 1
    (tmp_path / "huge.json").write_bytes(content)
    done = claimkit("ls", "import", "huge.json", "--out", "corpus", "--format", "json", cwd=tmp_path, env=KEY)
    assert done.returncode == 2, done.stderr
    assert [issue["code"] for issue in _json(done)["issues"]] == ["E211"]
    assert not (tmp_path / "corpus").exists()


@pytest.mark.parametrize("bad", [None, 5, "value-not-an-object"], ids=["null", "a-number", "value-not-an-object"])
def test_a_result_item_that_is_not_an_object_keeps_the_annotation_aside(bad: Any, tmp_path: Path) -> None:
    """A result item of another shape than Label Studio's is L045 at its place, and the annotation is
    kept aside whole (L042), never converted in part nor an internal error."""
    good = RECORDING.tasks("pull-snapshot.json")[3]
    submitted = next(a for a in good["annotations"] if not a["was_cancelled"])
    region = {"id": "r1", "from_name": "span", "to_name": "text", "type": "labels", "value": [{"start": 0}]}
    item = region if bad == "value-not-an-object" else bad
    result = [*submitted["result"], item]
    (tmp_path / "export.json").write_text(json.dumps([{**good, "annotations": [{**submitted, "result": result}]}]))
    done = claimkit(
        "ls", "import", "export.json", "--out", "corpus", "--server-id", "x", "--format", "json", cwd=tmp_path, env=KEY
    )
    assert done.returncode == 1, done.stderr
    found = {(i["code"], i["location"]["pointer"]) for i in _json(done)["issues"]}
    assert {("L045", f"/annotations/0/result/{len(result) - 1}"), ("L042", "/annotations/0")} <= found
    assert list((tmp_path / "corpus" / ".pending").rglob("annotation-*.json"))


#: A gzip file whose header is right and whose compressed data is damaged: zlib.error, not an OSError.
_DAMAGED_GZIP = bytes(
    byte ^ 0xFF if 30 <= index < 60 else byte
    for index, byte in enumerate(gzip.compress(b"[" + b'{"id": 1, "data": {"text": "abc"}},' * 200 + b"{}]"))
)


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"null", "null.json"), (b"5", "five.json"), (_DAMAGED_GZIP, "bad.json.gz")],
    ids=["null", "a-number", "a-damaged-deflate-stream"],
)
def test_json_that_is_no_export_is_not_called_a_csv_export(content: bytes, name: str, tmp_path: Path) -> None:
    """E210 says which export to make instead of a lossy one; a JSON value or a mislabelled file is E211."""
    (tmp_path / name).write_bytes(content)
    done = claimkit("ls", "import", name, "--out", "corpus", "--format", "json", cwd=tmp_path, env=KEY)
    assert done.returncode == 2, done.stderr
    assert [issue["code"] for issue in _json(done)["issues"]] == ["E211"]


def test_what_looks_odd_but_is_an_export_is_imported(tmp_path: Path) -> None:
    """An export a browser saved decompressed under its .gz name, and digits by the thousand in a text
    (not a number: the scan for numbers too long for the parser looks where values start)."""
    tasks = json.loads(_plain_export(tmp_path).read_bytes())
    tasks[0]["meta"] = {"note": "1" * 5000}
    (tmp_path / "export.json.gz").write_text(json.dumps(tasks), encoding="utf-8")
    done = claimkit("ls", "import", "export.json.gz", "--out", "corpus", "--server-id", "x", cwd=tmp_path, env=KEY)
    assert done.returncode in (0, 1), done.stderr
    assert "E211" not in done.stderr
    assert list((tmp_path / "corpus").glob("*.json"))


@pytest.mark.parametrize(
    ("member", "value", "pointer", "codes"),
    [
        ("annotations", 1, "/annotations", {"L045"}),
        ("drafts", 1, "/drafts", {"L045"}),
        ("text", [1], "/data/text", {"L045"}),
        ("choices", [[1]], "/annotations/0/result/0", {"L011", "L042"}),
        ("meta", "a note", "/annotations/0/result/0", {"L045", "L042"}),
    ],
)
def test_members_of_another_shape_than_label_studios_are_coded(
    tmp_path: Path, member: str, value: Any, pointer: str, codes: set[str]
) -> None:
    """Each was an internal error (unhashable, not iterable, no .get): a coded issue at its place, the
    task or the annotation left out (an annotation kept aside, L042), never converted in part."""
    good = RECORDING.tasks("pull-snapshot.json")[3]
    submitted = next(a for a in good["annotations"] if not a["was_cancelled"])
    field = {"id": "f1", "from_name": "source_kind", "to_name": "text", "type": "choices", "value": {"choices": ["?"]}}
    task: dict[str, Any] = {**good}
    if member in ("annotations", "drafts"):
        task[member] = value
    elif member == "text":
        task["data"] = {**good["data"], "text": value}
    elif member == "choices":
        task["annotations"] = [{**submitted, "result": [{**field, "value": {"choices": value}}]}]
    else:
        task["annotations"] = [{**submitted, "result": [{**field, "meta": value}]}]
    (tmp_path / "export.json").write_text(json.dumps([task]), encoding="utf-8")
    done = claimkit(
        "ls", "import", "export.json", "--out", "corpus", "--server-id", "x", "--format", "json", cwd=tmp_path, env=KEY
    )
    assert done.returncode == 1, done.stderr
    found = {(i["code"], i["location"]["pointer"]) for i in _json(done)["issues"]}
    assert {(code, pointer if code != "L042" else "/annotations/0") for code in codes} <= found
