"""The recorded exports (``cases/recorded/<version>/``, made by ``record_exports.py``) and what the
scenario that made them says each one must produce."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from tests.labelstudio.scenario import HOSTILE_IDS, RECORDING_KEY

RECORDED = Path(__file__).parent / "cases" / "recorded"
VERSIONS = sorted(path.name for path in RECORDED.iterdir() if (path / "server.json").exists())


@dataclass(frozen=True)
class Recording:
    version: str

    @property
    def folder(self) -> Path:
        return RECORDED / self.version

    @cached_property
    def server(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads((self.folder / "server.json").read_text(encoding="utf-8"))
        return loaded

    def export(self, name: str) -> Path:
        return self.folder / f"{name}.gz"

    def tasks(self, name: str) -> list[dict[str, Any]]:
        loaded: list[dict[str, Any]] = json.loads(gzip.decompress(self.export(name).read_bytes()))
        return loaded

    def url(self, role: str) -> str:
        return Expectation(self.server, []).url(role)

    def expected(self, name: str) -> set[tuple[str, str, str]]:
        """Every L code the scenario must produce, with the task URL and pointer it must name."""
        return Expectation(self.server, self.tasks(name)).codes()


@dataclass(frozen=True)
class Expectation:
    """What the scenario (``server``: where it was made and its ids) must produce from an export's tasks."""

    server: dict[str, Any]
    tasks: list[dict[str, Any]]

    def task_id(self, role: str) -> int:
        return int(self.server["tasks"].get(role) or self.server["hostile"][role])

    def url(self, role: str) -> str:
        return f"{self.server['url']}/projects/{self.server['project']}/data?task={self.task_id(role)}"

    def at(self, role: str, key: str, field: str = "annotations") -> str:
        """The pointer of an annotation or draft (by scenario key) in its task, in this export."""
        wanted = self.server[field][key]
        task = next(t for t in self.tasks if t["id"] == self.task_id(role))
        ids = [entry["id"] if isinstance(entry, dict) else entry for entry in task[field]]
        return f"/{field}/{ids.index(wanted)}"

    def dangling(self) -> int:
        task = next(t for t in self.tasks if t["id"] == self.task_id("seed"))
        bad = next(x for x in task["annotations"] if x["id"] == self.server["annotations"]["two-seed-bad"])
        return next(i for i, item in enumerate(bad["result"]) if item.get("to_id") == "gone000000")

    def codes(self) -> set[tuple[str, str, str]]:
        url, at = self.url, self.at
        bad, tool = at("seed", "two-seed-bad"), at("emoji-again", "tool-utf16")
        found = {("L042", url("seed"), bad), ("L006", url("seed"), f"{bad}/result/{self.dangling()}")}
        found |= {("L042", url("emoji-again"), tool), ("L043", url("emoji-again"), f"{tool}/result/0")}
        found |= {("L017", url("seed"), at("seed", "one-seed-edit", "drafts"))}
        found |= {("L017", url("emoji"), at("emoji", "two-emoji", "drafts"))}
        found |= {("L009", url("chain"), at("chain", "one-chain-skip"))}
        found |= {("L044", url("chain"), at("chain", "two-chain-empty"))}
        found |= {("L041", url(role), "/data/text") for role in ("conflict-a", "conflict-b")}
        found |= {("L016", url("reviewed-a"), ""), ("L014", url("no-metadata"), "")}
        found |= {("L040", url(doc_id), "/data/doc_id") for doc_id in HOSTILE_IDS}
        return found | {("L013", url("<none>"), "")}


def claimkit(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh process, with the recording key (``timeout``: seconds after which it is
    stopped and the test fails, for a run that could wait forever)."""
    environment = {**os.environ, "CLAIMKIT_PSEUDONYM_KEY": RECORDING_KEY, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "claimkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=timeout,
    )


def ls_import(export: str, cwd: Path, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """``claimkit ls import EXPORT --out corpus`` in ``cwd``, as from the recording's server, in JSON."""
    arguments = ("ls", "import", export, "--out", "corpus", "--server-id", "http://ls.example", "--format", "json")
    return claimkit(*arguments, cwd=cwd, timeout=timeout)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (dot-folders included), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
