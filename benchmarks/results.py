"""Benchmark results: one JSON file per benchmark under benchmarks/results/, rendered into
docs/benchmarks.md by ``python benchmarks/report.py``."""

from __future__ import annotations

import json
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def _machine() -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "commit": commit,
        "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def verdict(condition: bool) -> str:
    """How a target reads in docs/benchmarks.md."""
    return "met" if condition else "**not met**"


def environment_line(result: dict[str, Any]) -> str:
    """Where and how a result was measured, for the end of its section."""
    env = result["environment"]
    return (
        f"Measured {env['measured']} at commit `{env['commit']}`, Python {env['python']} ({env['machine']}). "
        f"Command: `{result['command']}`."
    )


def save_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({**data, "environment": _machine()}, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {path}")
    return path


def load_result(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None
