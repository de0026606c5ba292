"""The CI workflows stay true: they parse, GitHub's workflow schema accepts them, and every
``claimkit`` command in them exists with the options they give (the dataset one also runs)."""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimkit.cli import build_parser, main
from tests.conftest import ROOT

CI_DOC = ROOT / "docs" / "ci.md"
OWN_WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
#: Shell words that end one command (the next word starts another), and a redirection with its target.
_SEPARATORS = {"&&", "||", ";", "|", "&", "(", ")"}
_REDIRECTION = re.compile(r"\s\d*[<>]{1,2}&?\s*[^\s;&|()]+")


def _block(marker: str) -> str:
    """The fenced YAML block that follows ``<!-- marker -->`` in docs/ci.md."""
    found = re.search(rf"<!-- {marker} -->\n```yaml\n(.*?)\n```", CI_DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert found, f"docs/ci.md has no ```yaml block after <!-- {marker} -->"
    return found.group(1) + "\n"


def _scripts(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def _commands(script: str) -> list[list[str]]:
    """Each simple command of a shell script as words, redirections (``> file``, ``2>&1``) left out."""
    commands: list[list[str]] = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(_REDIRECTION.sub(" ", line), posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        commands.extend(_split(list(lexer)))
    return [words for words in commands if words]


def _split(words: list[str]) -> list[list[str]]:
    commands: list[list[str]] = [[]]
    for word in words:
        if word in _SEPARATORS:
            commands.append([])
        else:
            commands[-1].append(word)
    return commands


def _claimkit_invocations(workflow: dict[str, Any]) -> list[list[str]]:
    commands = [words for script in _scripts(workflow) for words in _commands(script)]
    return [words[1:] for words in commands if words[0] == "claimkit"]


def _parses(args: list[str]) -> argparse.Namespace:
    try:
        return build_parser().parse_args(args)
    except SystemExit as error:  # argparse's way of saying no
        raise AssertionError(f"`claimkit {shlex.join(args)}` is not a valid command line") from error


def _schema_check(path: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).parent / "check-jsonschema"
    command = [str(tool), "--builtin-schema", "vendor.github-workflows", str(path)]
    return subprocess.run(command, capture_output=True, text=True)


def test_the_shell_splitting_finds_claimkit_commands() -> None:
    script = "pip install x && claimkit validate a --format sarif > out.sarif || [ $? -eq 1 ]\n# claimkit no\n"
    assert _commands(script) == [
        ["pip", "install", "x"],
        ["claimkit", "validate", "a", "--format", "sarif"],
        ["[", "$?", "-eq", "1", "]"],
    ]
    assert _commands("claimkit rules 2>err.txt; claimkit labels 2>&1") == [
        ["claimkit", "rules"],
        ["claimkit", "labels"],
    ]


@pytest.mark.parametrize("marker", ["dataset-workflow", "pre-commit-config"])
def test_documented_yaml_parses(marker: str) -> None:
    assert isinstance(yaml.safe_load(_block(marker)), dict)


def test_the_workflows_pass_githubs_workflow_schema(tmp_path: Path) -> None:
    documented = tmp_path / "claimkit.yml"
    documented.write_text(_block("dataset-workflow"), encoding="utf-8")
    for path in (OWN_WORKFLOW, documented):
        done = _schema_check(path)
        assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(_block("dataset-workflow").replace("runs-on:", "run-on:"), encoding="utf-8")
    assert _schema_check(broken).returncode == 1  # the check can fail


def test_this_repository_runs_ci_run() -> None:
    workflow = yaml.safe_load(OWN_WORKFLOW.read_text(encoding="utf-8"))
    commands = [words for script in _scripts(workflow) for words in _commands(script)]
    assert ["bash", ".ci/run"] in commands
    assert (ROOT / ".ci" / "run").is_file()
    assert "chromium" in {word for words in commands for word in words}


def test_the_dataset_workflow_uses_commands_that_exist() -> None:
    invocations = _claimkit_invocations(yaml.safe_load(_block("dataset-workflow")))
    formats = {_parses(args).fmt for args in invocations if args[0] == "validate"}
    assert formats == {"github", "sarif"}
    snapshot = [_parses(args) for args in invocations if args[0] == "release"]
    assert [args.snapshot for args in snapshot] == [True]


def test_the_dataset_workflow_runs_on_a_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "annotations", tmp_path / "annotations")
    monkeypatch.chdir(tmp_path)
    for args in _claimkit_invocations(yaml.safe_load(_block("dataset-workflow"))):
        assert main(args) == 0, (args, capsys.readouterr())
    assert list((tmp_path / "dist").glob("*/manifest.json"))


def test_the_documented_hook_is_the_one_this_repository_offers() -> None:
    offered = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    config = yaml.safe_load(_block("pre-commit-config"))
    assert {hook["id"] for repo in config["repos"] for hook in repo["hooks"]} <= offered
