"""Values a real Label Studio never exports, but a hand-edited or forged export may hold: each is
refused or reported, never read as something else (hostile review). Built on the recorded export."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from tests.labelstudio.recorded import VERSIONS, Recording, ls_import

RECORDING = Recording(VERSIONS[-1])


def _import(tmp_path: Path, export_text: str) -> tuple[int, list[dict[str, Any]]]:
    (tmp_path / "export.json").write_text(export_text, encoding="utf-8")
    done = ls_import("export.json", tmp_path, timeout=120)
    assert "Traceback" not in done.stderr
    return done.returncode, json.loads(done.stdout)["issues"]


def _tasks() -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = json.loads(gzip.decompress(RECORDING.export("pull-snapshot.json").read_bytes()))
    return tasks


def test_a_key_given_twice_refuses_the_export(tmp_path: Path) -> None:
    """ "id" twice: a reader keeps the last and files the annotations under another task."""
    tasks = _tasks()
    texts = [json.dumps(task, ensure_ascii=False) for task in tasks]
    texts[0] = texts[0].replace('{"id": ', '{"id": 999999, "id": ', 1)
    code, issues = _import(tmp_path, "[" + ",".join(texts) + "]")
    assert (code, [issue["code"] for issue in issues]) == (2, ["E211"])
    assert not (tmp_path / "corpus").exists()


def test_an_offset_of_true_is_no_offset_of_1(tmp_path: Path) -> None:
    tasks = _tasks()
    task = next(t for t in tasks if any(not a["was_cancelled"] and a["result"] for a in t["annotations"]))
    annotation = next(a for a in task["annotations"] if not a["was_cancelled"] and a["result"])
    region = next(r for r in annotation["result"] if "start" in r.get("value", {}))
    region["value"]["start"] = True
    code, issues = _import(tmp_path, json.dumps(tasks, ensure_ascii=False))
    found = {(issue["code"], issue["location"]["file"]) for issue in issues}
    assert ("L003", f"http://ls.example/projects/{task['project']}/data?task={task['id']}") in found
    assert code == 1


@pytest.mark.parametrize(
    ("key", "value"),
    [("id", "abc"), ("id", -1), ("created_at", "yesterday"), ("updated_at", 5), ("lead_time", -5.0)],
)
def test_metadata_that_cannot_be_read_is_said_not_dropped(tmp_path: Path, key: str, value: object) -> None:
    tasks = _tasks()
    task = next(t for t in tasks if any(not a["was_cancelled"] and a["result"] for a in t["annotations"]))
    index, annotation = next(
        (i, a) for i, a in enumerate(task["annotations"]) if not a["was_cancelled"] and a["result"]
    )
    annotation[key] = value
    _, issues = _import(tmp_path, json.dumps(tasks, ensure_ascii=False))
    where = f"http://ls.example/projects/{task['project']}/data?task={task['id']}"
    found = {(i["code"], i["location"]["file"], i["location"]["pointer"]) for i in issues if i["code"] == "L056"}
    assert found == {("L056", where, f"/annotations/{index}/{key}")}
