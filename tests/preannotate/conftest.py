"""Ray in local mode for the engine tests: started once per session with two CPUs, stopped at the end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimkit.engines import Engine, get_engine
from tests.conftest import ROOT

CASES = ROOT / "tests" / "preannotate" / "cases"
HELDOUT = ROOT / "tests" / "preannotate" / "heldout"


@pytest.fixture(scope="session")
def ray_engine() -> Iterator[Engine]:
    import ray

    engine = get_engine("ray", jobs=2)
    try:
        yield engine
    finally:
        ray.shutdown()


@pytest.fixture(scope="session")
def cases_dir() -> Path:
    return CASES
