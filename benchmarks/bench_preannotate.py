"""Pre-annotation at archive scale: JSON Lines shards of ~3,000-character articles, local processes
against Ray Data on the same machine, the same command.

    python benchmarks/bench_preannotate.py [--articles 100000] [--small 10000] [--shard-size 5000]

Articles are built from the paragraphs of the seed and of the case articles (so every rule fires as on
news copy), about 3,000 characters each, in shards of ``--shard-size`` rows. Each run is a fresh
``claimkit preannotate SHARDS --out OUT --engine E --jobs N`` process; the harness samples the whole
process tree (workers, Ray's raylet and workers) every half second for CPU time and resident memory.
CPU seconds, not wall seconds, are the per-core measure: the VM is shared, wall time also measures the
neighbours. Outputs of both engines are compared row by row.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.results import environment_line, save_result, verdict  # noqa: E402
from claimkit.loading import load_documents  # noqa: E402

ARTICLE_CHARS = 3000


def paragraphs() -> list[str]:
    """Paragraphs of the seed, pattern and held-out articles, outside page furniture."""
    files, _ = load_documents(
        [str(ROOT / p) for p in ("annotations", "tests/preannotate/cases", "tests/preannotate/heldout")]
    )
    found = []
    for _, file in files:
        text = file.document.text
        furniture = [text[f.start : f.end] for f in file.document.furniture]
        found += [p.strip() for p in text.split("\n\n") if p.strip() and p.strip() not in furniture]
    return found


def write_shards(folder: Path, articles: int, shard_size: int) -> list[Path]:
    rng, pool = random.Random(13), paragraphs()
    shards, index = [], 0
    for number in range((articles + shard_size - 1) // shard_size):
        path = folder / f"articles-{number:04d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for _ in range(min(shard_size, articles - index)):
                chosen: list[str] = []
                while sum(len(p) + 2 for p in chosen) < ARTICLE_CHARS:
                    chosen.append(rng.choice(pool))
                row = {"id": f"a-{index:07d}", "text": "\n\n".join(chosen), "outlet": "bench", "language": "ar"}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                index += 1
        shards.append(path)
    return shards


def _tree(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return []


def run(shards: list[Path], out: Path, engine: str, jobs: int) -> dict[str, Any]:
    """One command, its wall time, the CPU time and peak resident memory of its process tree."""
    command = [sys.executable, "-m", "claimkit", "preannotate", *map(str, shards), "--out", str(out)]
    command += ["--engine", engine, "--jobs", str(jobs), "--format", "json"]
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    root = psutil.Process(child.pid)
    cpu: dict[int, float] = {}
    peak = 0
    while child.poll() is None:
        rss = 0
        for process in _tree(root):
            try:
                times = process.cpu_times()
                cpu[process.pid] = times.user + times.system
                rss += process.memory_info().rss
            except psutil.Error:
                continue
        peak = max(peak, rss)
        time.sleep(0.5)
    wall = time.monotonic() - started
    output = json.loads(child.stdout.read() if child.stdout else "{}")
    output.get("summary", {}).pop("outputs", None)
    return {
        "engine": engine,
        "jobs": jobs,
        "wall_seconds": wall,
        "cpu_seconds": sum(cpu.values()),
        "peak_rss_kib": peak // 1024,
        "summary": output.get("summary", {}),
        "exit": child.returncode,
    }


def _rows(out: Path) -> list[str]:
    from claimkit.engines.outputs import output_rows

    return [json.dumps(row, sort_keys=True) for row in output_rows(out)]


def measure(articles: int, small: int, shard_size: int) -> dict[str, Any]:
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="claimkit-preannotate-bench-") as folder:
        base = Path(folder)
        shards = write_shards(base, articles, shard_size)
        small_shards = shards[: max(1, small // shard_size)]
        plan = [
            (small_shards, "local", 1),
            (small_shards, "local", 2),
            (small_shards, "ray", 2),
            (shards, "local", 2),
            (shards, "ray", 2),
        ]
        identical: dict[int, bool] = {}
        for number, (chosen, engine, jobs) in enumerate(plan):
            out = base / f"out-{number}"
            result = run(chosen, out, engine, jobs)
            result["articles"] = result["summary"].get("rows", 0)
            print(
                f"{engine} x{jobs}, {result['articles']:,} articles: {result['wall_seconds']:.0f} s wall, "
                f"{result['cpu_seconds']:.0f} s CPU, peak {result['peak_rss_kib'] / 1024:.0f} MB",
                flush=True,
            )
            runs.append(result)
            if engine == "ray":  # compare with the local run of the same size, then free the disk
                local_out = base / f"out-{number - 1}"
                identical[result["articles"]] = _rows(local_out) == _rows(out)
        chars = sum(len(json.loads(line)["text"]) for line in shards[0].open(encoding="utf-8"))
    return {"runs": runs, "identical": identical, "mean_chars": chars / min(shard_size, articles)}


def render_markdown(result: dict[str, Any]) -> list[str]:
    runs = result["runs"]
    lines = [
        "## Pre-annotation at scale, local processes and Ray (issue 13)",
        "",
        f"`claimkit preannotate SHARDS --out OUT --engine E --jobs N` on JSON Lines shards of generated articles "
        f"({result['mean_chars']:,.0f} characters on average, built from the seed's and the case articles' "
        "paragraphs), JSON Lines out. Each run is a fresh process; CPU time and resident memory are sampled over "
        "the whole process tree (pool workers; Ray's GCS, raylet and workers). *Per core* is articles per CPU "
        "second: the VM is shared, so wall time also measures the neighbours.",
        "",
        "| engine | CPUs | articles | wall s | articles/s | CPU s | articles per CPU s (per core) | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        lines.append(
            f"| {run['engine']} | {run['jobs']} | {run['articles']:,} | {run['wall_seconds']:.0f} | "
            f"{run['articles'] / run['wall_seconds']:.0f} | {run['cpu_seconds']:.0f} | "
            f"{run['articles'] / run['cpu_seconds']:.0f} | {run['peak_rss_kib'] / 1024:.0f} |"
        )
    by = {(r["engine"], r["jobs"], r["articles"]): r for r in runs}
    big = max(r["articles"] for r in runs)
    small = min(r["articles"] for r in runs)
    local_big, ray_big = by[("local", 2, big)], by[("ray", 2, big)]
    local_small, ray_small = by[("local", 2, small)], by[("ray", 2, small)]
    cpu_overhead = ray_big["cpu_seconds"] / local_big["cpu_seconds"] - 1
    wall_overhead = ray_big["wall_seconds"] / local_big["wall_seconds"] - 1
    growth_local = local_big["peak_rss_kib"] / local_small["peak_rss_kib"]
    growth_ray = ray_big["peak_rss_kib"] / ray_small["peak_rss_kib"]
    same = all(result["identical"].values())
    lines += [
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| peak memory flat: at most 1.2× from {small:,} to {big:,} articles ({big // small}× the rows) | "
        f"local {growth_local:.2f}×, Ray {growth_ray:.2f}× | {verdict(max(growth_local, growth_ray) <= 1.2)} |",
        f"| both engines give the same proposal rows | {', '.join(f'{int(n):,} rows identical: {s}' for n, s in result['identical'].items())} | {verdict(same)} |",
        f"| Ray overhead against local processes, same machine, same CPUs, {big:,} articles (stated) | "
        f"CPU {cpu_overhead:+.0%}, wall {wall_overhead:+.0%} | stated |",
        "",
        "How to read it. Per core (articles per CPU second) the local engine is the cheaper one: Ray adds its "
        "start-up (a GCS, a raylet, worker processes: about ten seconds here) and Arrow blocks through its object "
        "store between the read, the proposer and the write. Wall time is the neighbours' as much as ours on this "
        f"shared 2-core VM: the local pool kept {local_big['cpu_seconds'] / local_big['wall_seconds']:.2f} cores busy "
        f"on average, Ray's many processes {ray_big['cpu_seconds'] / ray_big['wall_seconds']:.2f}. Memory: the local engine holds a bounded number of batches, whatever the number of rows; "
        "Ray's figure is the resident memory summed over its processes (GCS, raylet, workers with the proposer "
        "loaded), shared object-store pages counted once per process that maps them. Ray Data buffers blocks up to "
        "the budget claimkit gives it (256 MB of blocks, `CLAIMKIT_RAY_OBJECT_STORE` to change it; the local Ray "
        "claimkit starts gets twice that as its object store), so its memory is bounded by that budget whatever "
        "the number of rows; without the cap it buffered up to about 30% of the machine's memory and grew with "
        "the input (1.36× from 10,000 to 100,000 articles in the previous measurement). On a cluster, size the "
        "store with `ray start --object-store-memory`; the same command scales out with the nodes "
        "([docs/ray.md](ray.md)).",
        "",
        environment_line(result),
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--shard-size", type=int, default=5_000)
    args = parser.parse_args()
    result = measure(args.articles, args.small, args.shard_size)
    command = f"python benchmarks/bench_preannotate.py --articles {args.articles} --small {args.small} --shard-size {args.shard_size}"
    save_result("preannotate", {"command": command, **result})


if __name__ == "__main__":
    main()
