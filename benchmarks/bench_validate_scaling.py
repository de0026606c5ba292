"""Validation cost per claim as one file grows: 1k, 4k and 16k overlapping claims in one document.

    python benchmarks/bench_validate_scaling.py [--claims 1000,4000,16000] [--rounds 5]

Every claim overlaps the one before it with the same reading, so rule C004 reports a warning for
each: the file has as many issues as claims, each located by JSON pointer, line and column. The
target is a cost linear in the file size and the number of issues: time per claim at 16k within
1.3x of time per claim at 1k. The named reference is ``json.loads`` of the same file in the same
run (the floor: parsing without checking), so the ratio of the two shows what the checks cost.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate_document, vocabulary  # noqa: E402
from benchmarks.results import environment_line, save_result, verdict  # noqa: E402
from claimkit.storage import dump_json  # noqa: E402
from claimkit.validate import validate_file  # noqa: E402

_SPAN = 60


def overlapping_document(claims: int) -> dict[str, object]:
    """A valid document whose gold has ``claims`` claims, each overlapping the previous one."""
    import random

    document = generate_document(0, random.Random(0), vocabulary(), claims=1)
    text = str(document["document"]["text"])  # type: ignore[index]
    step = max(1, (len(text) - _SPAN) // max(claims, 1))
    rows = []
    for index in range(claims):
        start = (index * step) % (len(text) - _SPAN)
        rows.append(
            {
                "id": f"c{index}",
                "start": start,
                "end": start + _SPAN,
                "text": text[start : start + _SPAN],
                "category": "reported_fact",
                "quote": "none",
            }
        )
    document["gold"] = {"annotator": "bench", "guideline_version": "1.0.0", "claims": rows}
    return document


def _median_seconds(action: object, rounds: int) -> float:
    """Median CPU time of this process (the machine is shared: wall time would measure the neighbours)."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        action()  # type: ignore[operator]
        times.append(time.process_time() - started)
    return statistics.median(times)


def measure(sizes: list[int], rounds: int) -> list[dict[str, float]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="claimkit-scaling-") as folder:
        for claims in sizes:
            path = Path(folder) / str(claims) / "bench-000000.json"  # the file name is the document id
            path.parent.mkdir()
            path.write_text(dump_json(overlapping_document(claims)), encoding="utf-8")
            issues = len(validate_file(path))
            validate = _median_seconds(lambda p=path: validate_file(p), rounds)
            parse = _median_seconds(lambda p=path: json.loads(p.read_bytes()), rounds)
            rows.append(
                {
                    "claims": claims,
                    "bytes": path.stat().st_size,
                    "issues": issues,
                    "validate": validate,
                    "json.loads": parse,
                }
            )
            print(f"{claims} claims: {validate:.2f} s, {issues} issues, json.loads {parse:.3f} s", flush=True)
    return rows


def render_markdown(result: dict[str, Any]) -> list[str]:
    rows = result["rows"]
    per_claim = [row["validate"] / row["claims"] * 1e6 for row in rows]
    growth = per_claim[-1] / per_claim[0]
    lines = [
        "## Validation cost as one file grows (issue 8)",
        "",
        "One document whose gold has N claims, each overlapping the previous one with the same reading, so "
        "rule C004 reports one warning per claim (plus O004 where a span cuts a word): every issue is located "
        "by JSON pointer, line and column. CPU time of the process (the VM is shared), median of the rounds.",
        "",
        "| claims | file MB | issues | `validate_file` s | µs per claim | `json.loads` s (reference) | ratio to `json.loads` |",
        "|---|---|---|---|---|---|---|",
    ]
    for row, micro in zip(rows, per_claim, strict=True):
        lines.append(
            f"| {row['claims']:,} | {row['bytes'] / 1e6:.1f} | {row['issues']:,} | {row['validate']:.2f} | {micro:.1f} | "
            f"{row['json.loads']:.3f} | {row['validate'] / row['json.loads']:.0f}× |"
        )
    lines += [
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| time per claim flat: at most 1.3× from {rows[0]['claims']:,} to {rows[-1]['claims']:,} claims | "
        f"{growth:.2f}× | {verdict(growth <= 1.3)} |",
        "",
        "Before: every issue re-scanned the file from the start to find its line (1,000 / 2,000 / 4,000 claims "
        "took 2.8 / 10.5 / 60 s). Now all pointers of a file are resolved in one walk (values nobody points "
        "into are skipped by the C scanner), lines come from one index of line starts, and the cyclic garbage "
        "collector is paused while a file is checked (its full passes grew with the number of live objects).",
        "",
        environment_line(result),
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", default="1000,4000,16000")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(part) for part in args.claims.split(",")]
    rows = measure(sizes, args.rounds)
    command = f"python benchmarks/bench_validate_scaling.py --claims {args.claims} --rounds {args.rounds}"
    save_result("validate_scaling", {"command": command, "rows": rows})


if __name__ == "__main__":
    main()
