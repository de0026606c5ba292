"""Every command with ``--format json`` prints exactly one JSON document on stdout, whatever happens."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimkit.cli import build_parser
from tests.conftest import CASES, ROOT

SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
#: Commands that need a Label Studio server: run with JSON in tests/live/test_json_output_live.py.
LIVE = {"ls init", "ls push", "ls pull", "adjudicate --push"}
RECORDED = ROOT / "tests" / "labelstudio" / "cases" / "recorded" / "1.23.2" / "pull-snapshot.json.gz"
KEY = {"CLAIMKIT_PSEUDONYM_KEY": "2c4e6f8a0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a1c3e5b7d9f0a2c4e6b8d0f1a"}


def _json_commands(parser: argparse.ArgumentParser, prefix: str = "") -> set[str]:
    found = set()
    for action in parser._actions:  # argparse keeps subcommands here
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _json_commands(sub, f"{prefix}{name} ")
        elif action.dest == "fmt" and "json" in (action.choices or ()):
            found.add(prefix.strip())
    return found


def _run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "claimkit", *args], capture_output=True, text=True, cwd=cwd, env=environment
    )


def _offline_cases(tmp_path: Path) -> dict[str, list[list[str]]]:
    article = tmp_path / "article.txt"
    article.write_text("عنوان الخبر\nقال الوزير إن الاجتماع انتهى.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    (tmp_path / "shard.jsonl").write_text('{"id": "a-1", "text": "قال الوزير إن الاجتماع انتهى."}\nnot json\n')
    return {
        "validate": [["validate", str(SEED)], ["validate", str(CASES / "O003" / "invalid")], ["validate", "nope/"]],
        "rules": [["rules"]],
        "ingest": [
            ["ingest", str(article), "--out", str(tmp_path / "out"), "--outlet", "x", "--language", "ar"],
            ["ingest", str(article), "--out", str(tmp_path / "out2")],  # missing metadata: coded issues
        ],
        "diff": [["diff", "0.1.0", "current", "--records", str(ROOT / "releases"), "--corpus", str(corpus)]],
        "verify": [["verify", str(tmp_path)], ["verify", str(tmp_path / "nope")]],  # not a release: V001, E306
        "agree": [["agree", str(corpus)]],
        "adjudicate": [["adjudicate", str(corpus), "--dry-run"]],
        "ls push": [["ls", "push", str(corpus), "--url", "http://127.0.0.1:9", "--api-key", "x"]],  # refused: E201
        "ls export": [
            ["ls", "export", str(corpus), "--out", str(tmp_path / "files")],
            ["ls", "export", "nope/", "--out", "x"],
        ],
        "ls import": [
            ["ls", "import", str(RECORDED), "--out", str(tmp_path / "imported"), "--server-id", "http://ls.example"],
            ["ls", "import", str(article), "--out", str(tmp_path / "imported")],  # not an export: E210
        ],
        "preannotate": [
            ["preannotate", str(corpus)],
            ["preannotate", str(corpus), "--evaluate"],
            ["preannotate", str(tmp_path / "shard.jsonl"), "--out", str(tmp_path / "proposals")],
            ["preannotate", str(tmp_path / "shard.jsonl")],  # no --out: E602
        ],
    }


def test_every_json_command_has_a_case(tmp_path: Path) -> None:
    covered = set(_offline_cases(tmp_path)) | LIVE
    assert _json_commands(build_parser()) <= covered


OFFLINE = [
    "validate",
    "rules",
    "ingest",
    "diff",
    "verify",
    "agree",
    "adjudicate",
    "ls push",
    "ls export",
    "ls import",
    "preannotate",
]


@pytest.mark.parametrize("command", OFFLINE, ids=str)
def test_stdout_is_one_json_document(command: str, tmp_path: Path) -> None:
    for args in _offline_cases(tmp_path)[command]:
        done = _run(*args, "--format", "json", env=KEY)
        assert done.returncode in (0, 1, 2), done.stderr
        json.loads(done.stdout)  # exactly one document: trailing text would fail to parse
        assert "Traceback" not in done.stderr
