"""Shared fixtures. Live Label Studio fixtures are in tests/live/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

#: Hypothesis on a shared 2-core machine and in CI: time is not what these tests check, so no
#: deadline and no health check on slow data generation (examples stay as many as each test asks).
settings.register_profile("claimkit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("claimkit")

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return ROOT / "annotations" / "000_f22616ff3d8ce778.json"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A skipped test is not a passing test: fail the run unless CLAIMKIT_ALLOW_SKIPS=1 says otherwise."""
    import os

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter is not None else 0
    if skipped and exitstatus == 0 and not os.environ.get("CLAIMKIT_ALLOW_SKIPS"):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if reporter is not None:
            reporter.write_line(f"{skipped} test(s) skipped: failing the run (set CLAIMKIT_ALLOW_SKIPS=1 to allow)")
