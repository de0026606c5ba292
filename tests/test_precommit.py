"""The ``claimkit-validate`` pre-commit hook, run by pre-commit itself on a dataset repository.

``pre-commit try-repo`` clones this repository (its HEAD plus tracked changes), builds the hook's
environment as a user's pre-commit would (virtualenv from its bundled seed wheels, no network; then
``pip install .`` from the configured index, pinned by requirements/constraints.txt like ``make setup``)
and runs the hook on the files staged in a temporary dataset repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import CASES, ROOT

HOOK = "claimkit-validate"
VALID = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
INVALID = CASES / "O003" / "invalid" / "o003-shifted.json"
#: The first line of each issue in claimkit's text output: ``file:line:column: CODE [severity] ...``.
ISSUE_LINE = re.compile(r"^(?P<file>\S+):\d+:\d+: (?P<code>[A-Z][0-9]{3}) \[", re.MULTILINE)


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=claimkit tests", "-c", "user.email=tests@claimkit.invalid"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A dataset repository: one valid document committed, and JSON outside the corpus that is not one."""
    repo = tmp_path / "dataset"
    (repo / "annotations" / ".staging").mkdir(parents=True)
    (repo / "notes").mkdir()
    _git(repo, "init", "-q")
    shutil.copy(VALID, repo / "annotations" / VALID.name)
    (repo / "annotations" / ".staging" / "half.json").write_text("{", encoding="utf-8")  # hidden: not corpus
    (repo / "notes" / "draft.json").write_text("{", encoding="utf-8")  # outside annotations/
    return repo


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),  # nothing is written to the user's pre-commit cache
        "PIP_CONSTRAINT": str(ROOT / "requirements" / "constraints.txt"),  # the versions make setup installs
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",  # virtualenv must not look for newer seed wheels online
    }
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), HOOK, "--color", "never"]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_the_hook_passes_a_valid_corpus_then_fails_with_coded_issues(dataset: Path, tmp_path: Path) -> None:
    _git(dataset, "add", "-A")
    passed = _try_repo(dataset, tmp_path / "pre-commit")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^claimkit validate\.+Passed$", passed.stdout, re.MULTILINE), passed.stdout  # it ran
    _git(dataset, "commit", "-q", "-m", "a valid document")

    shutil.copy(INVALID, dataset / "annotations" / INVALID.name)
    _git(dataset, "add", "-A")
    failed = _try_repo(dataset, tmp_path / "pre-commit")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    found = {(m["code"], m["file"]) for m in ISSUE_LINE.finditer(failed.stdout)}
    assert found == {("O003", f"annotations/{INVALID.name}"), ("O004", f"annotations/{INVALID.name}")}


def test_the_hook_is_declared_as_documented() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks[HOOK]
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == ("claimkit validate", "python", True)
    assert re.search(hook["files"], "annotations/sub/000_x.json")
    assert not re.search(hook["files"], "notes/draft.json")
    assert re.search(hook["exclude"], "annotations/.staging/half.json")
    assert HOOK in (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
