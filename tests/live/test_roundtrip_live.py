"""The round trip through a real Label Studio server: init, push, annotate as the UI does, pull."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from claimkit.labelstudio.client import LabelStudioClient
from claimkit.labelstudio.config import labeling_config
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.labelstudio.sync import init_project, pull_project, push_documents
from claimkit.loading import load_file
from claimkit.model import Annotation, DocumentFile
from claimkit.pseudonym import Pseudonymizer
from claimkit.validate import validate_paths
from tests.conftest import CASES, ROOT
from tests.labelstudio.scenario import Annotator, Http, disagreeing, ui_ids
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live

DOCUMENTS = [
    ROOT / "annotations" / "000_f22616ff3d8ce778.json",
    CASES / "O003" / "valid" / "o003-emoji-crlf-diacritics.json",  # emoji, CRLF, diacritics, tatweel
    CASES / "R005" / "valid" / "r005-chain.json",  # nested claims
]


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "annotations"
    corpus.mkdir()
    for path in DOCUMENTS:
        shutil.copy(path, corpus / path.name)
    return corpus


def _files(corpus: Path) -> list[tuple[str, DocumentFile]]:
    loaded = [load_file(path) for path in sorted(corpus.glob("*.json"))]
    return [(str(item.path), item.file) for item in loaded if item.file is not None]


def _canonical(annotation: Annotation) -> dict[str, Any]:
    """Annotation content with ids replaced by the spans they stand for (UI ids are random)."""
    span = {s.id: (s.mentions[0].start, s.mentions[0].end) for s in annotation.sources}
    span |= {c.id: (c.start, c.end) for c in annotation.cues} | {c.id: (c.start, c.end) for c in annotation.claims}
    sources = sorted(
        (tuple((m.start, m.end) for m in s.mentions), s.name, s.kind, s.naming, s.role, s.affiliation)
        for s in annotation.sources
    )
    claims = sorted(
        (
            (c.start, c.end, c.text),
            c.category,
            c.quote,
            c.certainty,
            c.polarity,
            c.content_type,
            c.event_date,
            c.comment,
            span.get(c.source or ""),
            span.get(c.cue or ""),
            span.get(c.parent or ""),
        )
        for c in annotation.claims
    )
    return {"sources": sources, "cues": sorted(span[c.id] for c in annotation.cues), "claims": claims}


def test_init_is_idempotent(label_studio: LiveServer, project_title: str) -> None:
    client = label_studio.client()
    created, action, _ = init_project(client, project_title)
    assert action == "created"
    again, action, report = init_project(client, project_title)
    assert (again, action, report.issues) == (created, "unchanged", [])


def test_init_refuses_a_config_that_orphans_used_labels(label_studio: LiveServer, project_title: str) -> None:
    client = label_studio.client()
    project, _, _ = init_project(client, project_title)
    assert project is not None
    file = load_file(DOCUMENTS[2]).file
    assert file is not None and file.gold is not None
    push_documents(client, project, [("doc", file)])
    task = next(client.tasks(project))
    client.create_annotation(task.id, annotation_to_result(file.gold), lead_time=3.0)
    without_cue = labeling_config().replace('<Label value="Cue"', '<Label value="Cue-renamed"')
    _, action, report = init_project(client, project_title, without_cue)
    assert action == "refused"
    assert {issue.code for issue in report.issues} == {"L020"}
    assert client.project_config(project).strip() == labeling_config().strip()  # left as it was
    unused = labeling_config().replace('<Choice value="Denial"', '<Choice value="Rebuttal"')
    assert init_project(client, project_title, unused)[1] == "updated"


def test_push_twice_creates_no_duplicates_and_keeps_annotated_text(
    label_studio: LiveServer, project_title: str, tmp_path: Path
) -> None:
    client = label_studio.client()
    project, _, _ = init_project(client, project_title)
    assert project is not None
    corpus = _corpus(tmp_path)
    first, report = push_documents(client, project, _files(corpus), predictions="gold")
    assert (first.created, first.predictions, report.issues) == (3, 3, [])
    second, _ = push_documents(client, project, _files(corpus), predictions="gold")
    assert (second.created, second.unchanged, second.predictions) == (0, 3, 0)
    assert len(list(client.tasks(project))) == 3

    tasks = {t.data["doc_id"]: t for t in client.tasks(project)}
    annotated = tasks["000_f22616ff3d8ce778"]
    client.create_annotation(annotated.id, [], was_cancelled=True)
    changed = []
    for path, file in _files(corpus):
        text = file.document.text + " "
        changed.append((path, file.model_copy(update={"document": file.document.model_copy(update={"text": text})})))
    third, report = push_documents(client, project, changed)
    assert (third.refused, third.updated) == (1, 2)
    assert [(i.code, i.location.pointer) for i in report.issues] == [("L018", "/document/text")]
    assert (
        next(t for t in client.tasks(project) if t.id == annotated.id).data["text"]
        == _files(corpus)[0][1].document.text
    )


def test_push_keeps_the_text_under_an_annotators_draft(
    label_studio: LiveServer, project_title: str, tmp_path: Path
) -> None:
    """An annotator's autosaved draft (which the task listing shows only to its author) holds offsets
    into the task text: a push that changed the text would shift every span of it once submitted."""
    client, http = label_studio.client(), Http(label_studio.url, label_studio.api_key)
    project, _, _ = init_project(client, project_title)
    assert project is not None
    corpus = _corpus(tmp_path)
    push_documents(client, project, _files(corpus))
    task = next(t for t in client.tasks(project) if t.data["doc_id"] == "000_f22616ff3d8ce778")
    salma = Annotator(label_studio.url, http.call("GET", "/api/invite")["invite_url"], "salma.draft@example.org")
    seed = _files(corpus)[0][1]
    assert seed.gold is not None
    salma.draft(task.id, ui_ids(annotation_to_result(seed.gold), 3))
    changed = [
        (
            path,
            file.model_copy(update={"document": file.document.model_copy(update={"text": "« " + file.document.text})}),
        )
        for path, file in _files(corpus)
    ]
    summary, report = push_documents(client, project, changed)
    assert (summary.refused, summary.updated) == (1, 2)
    assert [(i.code, i.location.pointer) for i in report.issues] == [("L018", "/document/text")]
    assert next(t for t in client.tasks(project) if t.id == task.id).data["text"] == seed.document.text


def _annotate_like_the_ui(client: LabelStudioClient, project: int, corpus: Path) -> dict[str, dict[str, Annotation]]:
    """Two annotators per task, one of them skipping one task; returns what each annotator sent."""
    rng = random.Random(7)
    one = client.create_user("annotator.one@example.org", "pw-0123456789")
    two = client.create_user("annotator.two@example.org", "pw-0123456789")
    sent: dict[str, dict[str, Annotation]] = {}
    files = {f.document.id: f for _, f in _files(corpus)}
    for task in client.tasks(project):
        file = files[task.data["doc_id"]]
        assert file.gold is not None
        variant = disagreeing(file.gold)
        client.create_annotation(
            task.id, ui_ids(annotation_to_result(file.gold), rng.randrange(2**32)), completed_by=one, lead_time=91.5
        )
        sent.setdefault(file.document.id, {})["one"] = file.gold
        if file.document.id == "r005-chain":
            client.create_annotation(task.id, [], completed_by=two, was_cancelled=True, lead_time=4.0)
            continue
        client.create_annotation(
            task.id, ui_ids(annotation_to_result(variant), rng.randrange(2**32)), completed_by=two, lead_time=40
        )
        sent[file.document.id]["two"] = variant
    return sent


def test_round_trip_through_the_server(
    label_studio: LiveServer, project_title: str, tmp_path: Path, pseudonymize: Pseudonymizer
) -> None:
    client = label_studio.client()
    project, _, _ = init_project(client, project_title)
    assert project is not None
    corpus = _corpus(tmp_path)
    push_documents(client, project, _files(corpus), predictions="gold")
    sent = _annotate_like_the_ui(client, project, corpus)

    summary, report = pull_project(client, project, corpus, pseudonymize)
    assert summary.tasks == 3
    assert summary.blocked == 0
    assert [(i.code, i.location.pointer) for i in report.issues if i.code.startswith("L")] == [
        ("L009", "/annotations/1")
    ]

    one, two = pseudonymize("annotator.one@example.org"), pseudonymize("annotator.two@example.org")
    for _, file in _files(corpus):
        pulled = {a.annotator: a for a in file.annotations}
        expected = sent[file.document.id]
        assert set(pulled) == ({one, two} if "two" in expected else {one})
        assert _canonical(pulled[one]) == _canonical(expected["one"])
        assert pulled[one].lead_time == 91.5
        assert pulled[one].origin is not None and pulled[one].origin.project == project
        if "two" in expected:
            assert _canonical(pulled[two]) == _canonical(expected["two"])
            assert pulled[two].comment == expected["two"].comment
        assert file.gold == load_file(next(p for p in DOCUMENTS if p.stem == file.document.id)).file.gold  # type: ignore[union-attr]
    assert validate_paths([corpus]).exit_code() == 0
    assert "example.org" not in "".join(p.read_text(encoding="utf-8") for p in corpus.glob("*.json"))

    again, _ = pull_project(client, project, corpus, pseudonymize)
    assert (again.written, again.unchanged) == ([], 3)
