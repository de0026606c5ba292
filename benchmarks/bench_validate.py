"""Validation speed: claimkit versus jsonschema and versus bare json.loads, on the same files.

    python benchmarks/bench_validate.py [--documents 5000] [--rounds 3]

Generates a corpus of valid document files (about 3,000 characters of Arabic text and 20 claims
each, see corpus.py), then times, in interleaved rounds on the same files:

- ``json.loads``: read each file and parse it (the floor: no checking at all);
- ``jsonschema``: read, parse and ``Draft202012Validator(schema).iter_errors`` with the published
  schema (structure only);
- claimkit in-process: ``validate_paths`` (structure and every rule), with 1 process and 2;
- claimkit CLI: ``claimkit validate --jobs N`` as a user runs it (process start-up included).

Medians of the rounds are reported as ratios against the named references.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write_corpus  # noqa: E402
from benchmarks.results import save_result  # noqa: E402
from claimkit.validate import ValidationOptions, validate_paths  # noqa: E402


def _json_loads(files: list[Path]) -> None:
    for path in files:
        with path.open("rb") as handle:
            json.loads(handle.read())


def _jsonschema(files: list[Path], validator: jsonschema.protocols.Validator) -> int:
    errors = 0
    for path in files:
        with path.open("rb") as handle:
            errors += sum(1 for _ in validator.iter_errors(json.loads(handle.read())))
    return errors


def _claimkit(folder: Path, jobs: int) -> int:
    report = validate_paths([folder], ValidationOptions(), jobs=jobs)
    return len(report.issues)


def _cli(folder: Path, jobs: int) -> int:
    claimkit = Path(sys.executable).parent / "claimkit"
    return subprocess.run([str(claimkit), "validate", str(folder), "--jobs", str(jobs)], capture_output=True).returncode


def _timed(function, *args) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    outcome = function(*args)
    elapsed = time.perf_counter() - start
    if outcome:  # every generated file is valid: an issue means the benchmark is measuring the wrong thing
        raise SystemExit(f"{function.__name__} reported problems ({outcome}); the corpus should be clean")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    schema = json.loads((ROOT / "schema" / "document-file.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    with tempfile.TemporaryDirectory(prefix="claimkit-bench-") as folder:
        corpus = Path(folder) / "corpus"
        files = write_corpus(corpus, args.documents)
        size = sum(p.stat().st_size for p in files)
        timings: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for name, run in (
                ("json.loads", lambda: _timed(_json_loads, files)),
                ("jsonschema iter_errors", lambda: _timed(_jsonschema, files, validator)),
                ("claimkit, 1 process", lambda: _timed(_claimkit, corpus, 1)),
                ("claimkit, 2 processes", lambda: _timed(_claimkit, corpus, 2)),
                ("claimkit CLI --jobs 1", lambda: _timed(_cli, corpus, 1)),
                ("claimkit CLI --jobs 2", lambda: _timed(_cli, corpus, 2)),
            ):
                timings.setdefault(name, []).append(run())
    median = {name: statistics.median(values) for name, values in timings.items()}
    save_result(
        "validate",
        {
            "command": f"python benchmarks/bench_validate.py --documents {args.documents} --rounds {args.rounds}",
            "documents": args.documents,
            "bytes": size,
            "cpus": os.cpu_count(),
            "seconds": median,
            "rounds": timings,
        },
    )


if __name__ == "__main__":
    main()
