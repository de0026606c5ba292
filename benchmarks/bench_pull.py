"""Pull speed and memory against a real Label Studio server with annotated tasks.

    python benchmarks/bench_pull.py [--tasks 2000] [--small 500]

Starts a throwaway server (scripts/labelstudio.py), creates two projects of ``--small`` and
``--tasks`` tasks seeded through import with embedded annotations (20 claims each, as the UI
shapes them), then measures:

- ``claimkit ls pull`` end to end (export snapshot, stream, convert, validate, write): wall time
  and peak RSS of the process, for both project sizes;
- the conversion alone on the same export file: claimkit's lossless conversion (stream the export,
  convert every task to a document file and serialize it) versus
  ``label_studio_sdk.converter.Converter`` writing JSON_MIN (which drops relations and per-region
  choices), each in a fresh process so that peak RSS is its own.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate_document, vocabulary  # noqa: E402
from benchmarks.process import measure  # noqa: E402
from benchmarks.results import environment_line, save_result, verdict  # noqa: E402
from claimkit.labelstudio.client import LabelStudioClient  # noqa: E402
from claimkit.labelstudio.convert import annotation_to_result, task_data  # noqa: E402
from claimkit.labelstudio.sync import init_project  # noqa: E402
from claimkit.model import DocumentFile  # noqa: E402

SCRIPT = ROOT / "scripts" / "labelstudio.py"
INNER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
inner = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "nan"
print(f"{inner} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss} {done.returncode}")
"""
CONVERT_OURS = """
import sys, time, ijson
from claimkit.labelstudio.merge import task_to_document_file
from claimkit.storage import document_json
started = time.perf_counter()
written = 0
with open(sys.argv[1], "rb") as handle:
    for task in ijson.items(handle, "item", use_float=True):
        file, issues = task_to_document_file(task, None, lambda user: f"ann-{user}", "1.0.0")
        assert file is not None and not issues, issues
        written += len(document_json(file))
print(f"{time.perf_counter() - started:.4f}")
"""
CONVERT_SDK = """
import sys, time
from label_studio_sdk.converter import Converter
from claimkit.labelstudio.config import labeling_config
started = time.perf_counter()
converter = Converter(config=labeling_config(), project_dir=sys.argv[2], download_resources=False)
converter.convert_to_json_min(sys.argv[1], sys.argv[2], is_dir=False)
print(f"{time.perf_counter() - started:.4f}")
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of ``command`` run in a fresh process."""
    run = measure(command, env)
    return run.seconds, run.peak_kib


def _inner(command: list[str]) -> tuple[float, int]:
    """Seconds the command measured itself (after its imports) and its peak RSS (KiB)."""
    done = subprocess.run([sys.executable, "-c", INNER, *command], capture_output=True, text=True)
    seconds, peak, code = done.stdout.strip().splitlines()[-1].split()
    if code != "0":
        raise SystemExit(f"{command[:3]} failed: {done.stderr[-2000:]}")
    return float(seconds), int(peak)


def _seed(client: LabelStudioClient, title: str, count: int) -> int:
    project, _, _ = init_project(client, title)
    assert project is not None
    words = vocabulary()
    batch = []
    for index in range(count):
        file = DocumentFile.model_validate(generate_document(index, random.Random(index), words, claims=20))
        assert file.gold is not None
        result = annotation_to_result(file.gold)
        batch.append({"data": task_data(file.document), "annotations": [{"result": result, "lead_time": 30.0}]})
        if len(batch) == 500:
            client.import_tasks(project, batch)
            batch = []
    if batch:
        client.import_tasks(project, batch)
    return project


def render_markdown(result: dict[str, Any]) -> list[str]:
    sizes = sorted(result["sizes"], key=int)
    small, large = result["sizes"][sizes[0]], result["sizes"][sizes[-1]]
    count = int(sizes[-1])
    ours = large["convert_seconds"] / count * 1e3
    sdk = large["sdk_json_min_seconds"] / count * 1e3
    lines = [
        "## Label Studio pull (issue 3)",
        "",
        "A real Label Studio 1.23.2 server (SQLite) with projects of "
        + " and ".join(f"{int(s):,}" for s in sizes)
        + " tasks seeded through import with embedded annotations (20 claims, 16 cues, 4 sources each, "
        "about 100 result items per task).",
        "",
        "| tasks | export MB | `claimkit ls pull` s | pull peak RSS MB | conversion alone s | its peak RSS MB | SDK `Converter` JSON_MIN s | its peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        r = result["sizes"][size]
        lines.append(
            f"| {int(size):,} | {r['export_bytes'] / 1e6:.0f} | {r['pull_seconds']:.1f} | {r['pull_peak_kib'] / 1024:.0f} | "
            f"{r['convert_seconds']:.2f} | {r['convert_peak_kib'] / 1024:.0f} | {r['sdk_json_min_seconds']:.2f} | "
            f"{r['sdk_json_min_peak_kib'] / 1024:.0f} |"
        )
    lines += [
        "",
        "| target | reference | ratio | |",
        "|---|---|---|---|",
        f"| lossless conversion at least as fast as the SDK's lossy JSON_MIN | `label_studio_sdk.converter.Converter.convert_to_json_min` on the same export file | "
        f"{sdk / ours:.2f}× at {count:,} tasks ({sdk:.2f} ms per task for the SDK, {ours:.2f} ms for ours; each timed inside its own process, after imports) | {verdict(sdk / ours >= 1)} |",
        f"| peak memory not growing with the number of tasks | the same pull at {int(sizes[0]):,} tasks | "
        f"pull {large['pull_peak_kib'] / small['pull_peak_kib']:.2f}×, conversion {large['convert_peak_kib'] / small['convert_peak_kib']:.2f}× for {int(sizes[-1]) // int(sizes[0])}× the tasks | "
        f"{verdict(large['pull_peak_kib'] / small['pull_peak_kib'] < 1.2)} |",
        "",
        "Our conversion streams the export (ijson) and holds one task at a time; it builds a validated "
        "document file per task and serializes it. The SDK converter loads the whole export and writes JSON_MIN, "
        "which drops relations and the link between per-region choices and their spans. End-to-end pull time "
        "is dominated by the server building the export snapshot and by validating every written file.",
        "",
        environment_line(result),
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--small", type=int, default=500)
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="claimkit-bench-pull-") as folder:
        work = Path(folder)
        port = _free_port()
        subprocess.run(
            [sys.executable, str(SCRIPT), "start", "--data-dir", str(work / "ls"), "--port", str(port), "--fresh"],
            check=True,
        )
        try:
            values = dict(line.split("=", 1) for line in (work / "ls" / "claimkit.env").read_text().splitlines())
            url, key = f"http://127.0.0.1:{port}", values["LABEL_STUDIO_API_KEY"]
            client = LabelStudioClient(url, key, timeout=300)
            env = {
                **os.environ,
                "LABEL_STUDIO_URL": url,
                "LABEL_STUDIO_API_KEY": key,
                "CLAIMKIT_PSEUDONYM_KEY": "bench-key-0123456789abcdef",
            }
            claimkit = str(Path(sys.executable).parent / "claimkit")
            for size in (args.small, args.tasks):
                started = time.perf_counter()
                project = _seed(client, f"bench-{size}", size)
                seeding = time.perf_counter() - started
                seconds, peak = _measured(
                    [
                        claimkit,
                        "ls",
                        "pull",
                        "--project",
                        f"bench-{size}",
                        "--out",
                        str(work / f"corpus-{size}"),
                        "--format",
                        "json",
                    ],
                    env,
                )
                export = client.download_snapshot(project, work / f"export-{size}.json")
                ours = _inner([sys.executable, "-c", CONVERT_OURS, str(export)])
                (work / f"min-{size}").mkdir()
                sdk = _inner([sys.executable, "-c", CONVERT_SDK, str(export), str(work / f"min-{size}")])
                results[str(size)] = {
                    "seed_seconds": seeding,
                    "pull_seconds": seconds,
                    "pull_peak_kib": peak,
                    "export_bytes": export.stat().st_size,
                    "convert_seconds": ours[0],
                    "convert_peak_kib": ours[1],
                    "sdk_json_min_seconds": sdk[0],
                    "sdk_json_min_peak_kib": sdk[1],
                }
                print(size, results[str(size)], flush=True)
        finally:
            subprocess.run([sys.executable, str(SCRIPT), "stop", "--data-dir", str(work / "ls")])
    save_result(
        "pull",
        {"command": f"python benchmarks/bench_pull.py --tasks {args.tasks} --small {args.small}", "sizes": results},
    )


if __name__ == "__main__":
    main()
