"""A team's real day against the real server (tests/labelstudio/scenario.py): drafts made through
the labeling UI's endpoints, a document imported twice, hostile doc_ids, a bad annotation beside a
good one, a tool's UTF-16 offsets. Pull reports every case at its task, writes only what it may,
a second pull changes nothing, and importing the snapshot pull downloads writes the same files."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

from claimkit.labelstudio.client import LabelStudioClient
from claimkit.labelstudio.sync import import_exports, pull_project
from claimkit.loading import load_file
from claimkit.pseudonym import Pseudonymizer
from tests.labelstudio.recorded import Expectation, tree
from tests.labelstudio.scenario import SEED, Http, Scenario, build
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def day(label_studio: LiveServer) -> tuple[Scenario, Http]:
    http = Http(label_studio.url, label_studio.api_key)
    people = ("day.one@example.org", "day.two@example.org")
    return build(http, "a team's day", people), http


def _snapshot(client: LabelStudioClient, project: int, folder: Path) -> list[dict[str, Any]]:
    path = client.download_snapshot(project, folder / "snapshot.json")
    loaded: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _expected(scenario: Scenario, client: LabelStudioClient, tasks: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    server = {"url": client.url, "project": scenario.project, **scenario.__dict__}
    return Expectation(server, tasks).codes()


def test_pull_reports_every_case_and_writes_only_what_it_may(
    label_studio: LiveServer, day: tuple[Scenario, Http], tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    scenario, _ = day
    client = label_studio.client()
    corpus = tmp_path / "a" / "b" / "annotations"
    summary, report = pull_project(client, scenario.project, corpus, pseudonymize, include_drafts=True)
    tasks = _snapshot(client, scenario.project, tmp_path)
    found = {(i.code, i.location.file, i.location.pointer) for i in report.issues if i.code.startswith("L")}
    assert found == _expected(scenario, client, tasks)
    assert sorted(p.name for p in corpus.glob("*.json")) == [
        "000_f22616ff3d8ce778.json",
        "o003-emoji-crlf-diacritics.json",
        "r005-chain.json",
    ]
    assert [p for p in tmp_path.rglob("*") if p.is_file() and corpus not in p.parents] == [tmp_path / "snapshot.json"]
    assert sorted(p.name for p in (corpus / ".pending").rglob("*.json")) == sorted(
        [f"annotation-{scenario.annotations[k]}.json" for k in ("two-seed-bad", "tool-utf16")]
        + [f"draft-{scenario.drafts[k]}.json" for k in ("two-emoji", "one-seed-edit")]
    )
    seed = load_file(corpus / SEED.name).file
    assert seed is not None
    assert [a.origin.annotation for a in seed.annotations if a.origin] == [scenario.annotations["one-seed"]]
    emoji = load_file(corpus / "o003-emoji-crlf-diacritics.json").file
    assert emoji is not None  # one document from two tasks: both annotators' work, once each
    assert [a.origin.annotation for a in emoji.annotations if a.origin] == [
        scenario.annotations["one-emoji"],
        scenario.annotations["two-emoji-again"],
    ]
    chain = load_file(corpus / "r005-chain.json").file
    assert chain is not None and chain.gold is not None
    assert chain.gold.annotator == pseudonymize(label_studio_admin(label_studio))
    assert summary.blocked == 3

    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus.rglob("*") if p.is_file()}
    again, _ = pull_project(client, scenario.project, corpus, pseudonymize, include_drafts=True)
    assert (again.written, again.unchanged) == ([], 3)
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus.rglob("*") if p.is_file()} == before


def label_studio_admin(server: LiveServer) -> str:
    values = dict(line.split("=", 1) for line in (server.data_dir / "claimkit.env").read_text().splitlines())
    return values["LABEL_STUDIO_ADMIN"]


def test_importing_the_snapshot_pull_downloads_writes_the_same_files(
    label_studio: LiveServer, day: tuple[Scenario, Http], tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    scenario, _ = day
    client = label_studio.client()
    _, pulled = pull_project(client, scenario.project, tmp_path / "pulled", pseudonymize, include_drafts=True)
    export = client.download_snapshot(scenario.project, tmp_path / "export.json")
    _, imported = import_exports(
        [str(export)], tmp_path / "imported", pseudonymize, server_id=client.url, include_drafts=True
    )
    assert tree(tmp_path / "imported") == tree(tmp_path / "pulled")
    assert [(i.code, i.location.pointer, i.message) for i in imported.issues if i.code.startswith("L")] == [
        (i.code, i.location.pointer, i.message) for i in pulled.issues if i.code.startswith("L")
    ]


def test_a_fixed_annotation_leaves_the_quarantine(
    label_studio: LiveServer, day: tuple[Scenario, Http], tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    scenario, http = day
    client = label_studio.client()
    corpus = tmp_path / "annotations"
    pull_project(client, scenario.project, corpus, pseudonymize)
    bad = scenario.annotations["two-seed-bad"]
    assert (corpus / ".pending" / SEED.stem / f"annotation-{bad}.json").exists()
    result = http.call("GET", f"/api/annotations/{bad}/")["result"]
    fixed = [item for item in result if item.get("to_id") != "gone000000"]  # the annotator deletes the arrow
    http.call("PATCH", f"/api/annotations/{bad}/", json={"result": fixed})
    try:
        summary, report = pull_project(client, scenario.project, corpus, pseudonymize)
    finally:
        http.call("PATCH", f"/api/annotations/{bad}/", json={"result": result})  # as it was, for the other tests
    assert not (corpus / ".pending" / SEED.stem).exists()
    seed = load_file(corpus / SEED.name).file
    assert seed is not None and bad in [a.origin.annotation for a in seed.annotations if a.origin]
    assert "L042" not in {
        i.code
        for i in report.issues
        if i.location.file == f"{client.url}/projects/{scenario.project}/data?task={scenario.tasks['seed']}"
    }
    assert summary.written == [str(corpus / SEED.name)]


def test_the_data_dir_is_private(label_studio: LiveServer) -> None:
    assert label_studio.data_dir.stat().st_mode & 0o777 == 0o700
    assert (label_studio.data_dir / "claimkit.env").stat().st_mode & 0o777 == 0o600
    assert (label_studio.data_dir / "label_studio.sqlite3").stat().st_mode & 0o077 == 0


def test_a_ui_export_imports_with_the_server_named(
    label_studio: LiveServer, day: tuple[Scenario, Http], pseudonymize: Pseudonymizer
) -> None:
    """What the Export button downloads: annotators as ids, so the server must be named (E214)."""
    scenario, http = day
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "project.json"
        export.write_bytes(http.raw(f"/api/projects/{scenario.project}/export?exportType=JSON"))
        summary, _ = import_exports([str(export)], Path(folder) / "corpus", pseudonymize, server_id=label_studio.url)
        assert len(summary.written) == 3
