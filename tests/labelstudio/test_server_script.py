"""``scripts/labelstudio.py stop`` signals only the server it started: never a process that now
holds a stale PID (here a ``sleep``, in every form the pid file can take)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "labelstudio.py"


@pytest.fixture
def bystander() -> Iterator[subprocess.Popen[bytes]]:
    """An unrelated process, in a process group of its own, that a careless stop would kill."""
    process = subprocess.Popen(["sleep", "300"], start_new_session=True)
    yield process
    process.kill()
    process.wait()


def _start_time(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]


def _stop(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "stop", "--data-dir", str(data_dir)], capture_output=True, text=True
    )


def _records(pid: int, data_dir: Path) -> dict[str, str]:
    label_studio = [str(ROOT / ".venv-labelstudio" / "bin" / "label-studio"), "start", "--data-dir", str(data_dir)]
    return {
        "pid only (older pid file)": f"{pid}\n",
        "right command, other start time": json.dumps({"pid": pid, "start_time": "1", "command": label_studio}),
        "right start time, other command": json.dumps(
            {"pid": pid, "start_time": _start_time(pid), "command": label_studio}
        ),
    }


@pytest.mark.parametrize("form", range(3), ids=["pid-only", "other-start-time", "other-command"])
def test_a_stale_pid_never_kills_another_process(form: int, tmp_path: Path, bystander: subprocess.Popen[bytes]) -> None:
    content = list(_records(bystander.pid, tmp_path).values())[form]
    (tmp_path / "labelstudio.pid").write_text(content)
    done = _stop(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "left alone" in done.stdout
    assert bystander.poll() is None  # still running
    assert not (tmp_path / "labelstudio.pid").exists()


def test_the_recorded_process_is_stopped(tmp_path: Path, bystander: subprocess.Popen[bytes]) -> None:
    """The check is not a refusal to stop anything: a record that matches is stopped (a sleep stands in)."""
    record = {"pid": bystander.pid, "start_time": _start_time(bystander.pid), "command": ["sleep", "300"]}
    (tmp_path / "labelstudio.pid").write_text(json.dumps(record))
    reaper = threading.Thread(target=bystander.wait)  # the test is its parent: reap it as soon as it dies
    reaper.start()
    assert _stop(tmp_path).returncode == 0
    reaper.join(timeout=30)
    assert bystander.returncode is not None
