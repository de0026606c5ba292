"""A real Label Studio server for the live tests, started and stopped by scripts/labelstudio.py.

The server is started once per test session, on a free port of 127.0.0.1, with a fresh data dir;
it is stopped at the end of the session whatever the tests did. If it cannot start, every live
test fails (never skips): a green run must mean the round trip was exercised.
"""

from __future__ import annotations

import itertools
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimkit.labelstudio.client import LabelStudioClient
from claimkit.pseudonym import Pseudonymizer
from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "labelstudio.py"
_titles = itertools.count(1)


@dataclass(frozen=True)
class LiveServer:
    url: str
    api_key: str
    data_dir: Path

    def client(self, **options: float | int) -> LabelStudioClient:
        return LabelStudioClient(self.url, self.api_key, **options)  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("labelstudio-data")
    port = _free_port()
    command = [sys.executable, str(SCRIPT), "start", "--data-dir", str(data_dir), "--port", str(port), "--fresh"]
    started = subprocess.run(command, capture_output=True, text=True)
    try:
        if started.returncode != 0:
            pytest.fail(f"Label Studio did not start:\n{started.stdout}\n{started.stderr}", pytrace=False)
        values = dict(
            line.split("=", 1) for line in (data_dir / "claimkit.env").read_text().splitlines() if "=" in line
        )
        yield LiveServer(f"http://127.0.0.1:{port}", values["LABEL_STUDIO_API_KEY"], data_dir)
    finally:
        subprocess.run([sys.executable, str(SCRIPT), "stop", "--data-dir", str(data_dir)], capture_output=True)


@pytest.fixture
def project_title(request: pytest.FixtureRequest) -> str:
    """A project title of its own for each test, so tests never see each other's tasks."""
    return f"test-{next(_titles)}-{request.node.name[:40]}"


@pytest.fixture
def pseudonymize() -> Pseudonymizer:
    return Pseudonymizer(b"3b9e2f7a1c5d8e4f6a0b2c4d6e8f1a3c5e7b9d0f2a4c6e8b1d3f5a7c9e0b2d4f")
