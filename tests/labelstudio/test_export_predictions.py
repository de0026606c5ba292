"""``--predictions`` must name something the documents have: a pseudonym no document has was a
silent export of tasks without any prediction (hostile review)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.labelstudio.recorded import claimkit
from tests.labelstudio.scenario import SEED


def test_a_pseudonym_no_document_has_is_refused(tmp_path: Path) -> None:
    done = claimkit(
        "ls", "export", str(SEED), "--out", "files", "--predictions", "ann-nobody", "--format", "json", cwd=tmp_path
    )
    assert done.returncode == 2
    assert [issue["code"] for issue in json.loads(done.stdout)["issues"]] == ["E007"]
    assert not (tmp_path / "files").exists()


def test_gold_is_always_a_source_of_predictions(tmp_path: Path) -> None:
    done = claimkit("ls", "export", str(SEED), "--out", "files", "--predictions", "gold", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    tasks = json.loads((tmp_path / "files" / "tasks.json").read_text(encoding="utf-8"))
    assert [task["predictions"][0]["model_version"] for task in tasks] == ["claimkit:gold"]
