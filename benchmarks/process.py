"""One command in a fresh process, measured from outside: wall time, CPU time and peak memory.

A small parent script runs the command as its child and reports what ``getrusage(RUSAGE_CHILDREN)``
says of it, so the figures include the command's own children (workers) and nothing of the
benchmark that asked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import NamedTuple

__all__ = ["Measured", "measure"]

_PARENT = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{time.perf_counter() - start:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss} {code}")
"""


class Measured(NamedTuple):
    seconds: float  # wall
    cpu: float  # user + system of the command and its children
    peak_kib: int  # the largest resident set of the command or one of its children


def measure(command: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``command`` (its output discarded) and measure it; a failing command ends the benchmark."""
    done = subprocess.run(
        [sys.executable, "-c", _PARENT, *command], capture_output=True, text=True, env=env or dict(os.environ)
    )
    seconds, cpu, peak, code = done.stdout.strip().splitlines()[-1].split()
    if code != "0":
        raise SystemExit(f"{command[:3]} failed:\n{done.stderr[-2000:]}")
    return Measured(float(seconds), float(cpu), int(peak))
