"""What a release costs per document in instructions: gold only against three annotators, without noise.

    python benchmarks/bench_release_instructions.py [--sizes 100 300] [--annotators 3]

The release benchmark (``bench_release.py``) measures CPU seconds, and on this shared VM the same
release varies by a third within minutes: a target at 2.00x read 1.90, 2.01, 2.02 and 2.41 in runs of
the same code. Instructions executed do not depend on what else runs. Here each release runs under
Valgrind's ``callgrind`` (which counts every instruction of the process, Python and the C of
pydantic, jiter, NumPy and Arrow alike), on the corpora of ``bench_release.py`` at two sizes; the
cost of one document is the difference between the sizes divided by the difference in documents, so
that the start-up (imports, card, Croissant, checksums) falls out. Reference: the gold-only corpus.

Instructions are not time (a cache miss costs more than an addition), so this complements the
release benchmark's CPU seconds and does not replace them: it tells whether a change made the
per-document work smaller, and what the ratio is without the machine's drift. Valgrind makes a
process about 50 times slower; the four releases take about ten minutes on two cores. Without
Valgrind (``apt install valgrind``) the benchmark says so and writes nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write_corpus  # noqa: E402
from benchmarks.results import environment_line, save_result, verdict  # noqa: E402

TOTALS = re.compile(r"^(?:summary|totals):\s+(\d+)", re.MULTILINE)
TARGET = 2.0  # with annotators, at most this many times the cost per document of gold only


def instructions(corpus: Path, work: Path) -> int:
    """Instructions of one ``claimkit release --snapshot`` of ``corpus`` (its output discarded)."""
    claimkit = str(Path(sys.executable).parent / "claimkit")
    out, profile = work / f"dist-{corpus.name}", work / f"callgrind-{corpus.name}.out"
    release = [claimkit, "release", "--snapshot", "--corpus", str(corpus), "--out", str(out)]
    release += ["--records", str(work / f"records-{corpus.name}")]
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", *release]
    # The same hashes, so the same dict and set work each time; and one thread for OpenBLAS and OpenMP:
    # a pool's thread waiting for work spins, and under Valgrind (which runs threads one at a time)
    # its spinning counted billions of instructions, more in one run than in another.
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise SystemExit(f"release of {corpus.name} failed under valgrind:\n{done.stderr[-2000:]}")
        found = TOTALS.search(profile.read_text(errors="replace"))
        if found is None:
            raise SystemExit(f"no instruction total in {profile}")
        return int(found.group(1))
    finally:
        shutil.rmtree(out, ignore_errors=True)
        profile.unlink(missing_ok=True)


def per_document(counts: dict[int, int]) -> float:
    """Instructions per document: the difference between the largest and smallest size."""
    low, high = min(counts), max(counts)
    return (counts[high] - counts[low]) / (high - low)


def measure(sizes: list[int], annotators: int, work: Path) -> dict[str, Any]:
    corpora = [(kind, size, work / f"corpus-{kind}-{size}") for kind in ("gold", "annotated") for size in sizes]
    for kind, size, folder in corpora:
        write_corpus(folder, size, annotators=annotators if kind == "annotated" else 0)
    with ThreadPoolExecutor(max_workers=max(1, min(len(corpora), os.cpu_count() or 1))) as pool:
        totals = list(pool.map(lambda entry: instructions(entry[2], work), corpora))
    counts: dict[str, dict[int, int]] = {"gold": {}, "annotated": {}}
    for (kind, size, _), total in zip(corpora, totals, strict=True):
        counts[kind][size] = total
    gold, annotated = per_document(counts["gold"]), per_document(counts["annotated"])
    return {"annotators": annotators, "sizes": sizes, "instructions": counts, "gold": gold, "annotated": annotated}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[100, 300], metavar=("SMALL", "LARGE"))
    parser.add_argument("--annotators", type=int, default=3)
    args = parser.parse_args()
    if args.sizes[0] >= args.sizes[1] or args.sizes[0] < 1:
        parser.error("--sizes takes two sizes, the smaller first")
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind): instructions not measured, nothing written")
        return
    with tempfile.TemporaryDirectory(prefix="claimkit-bench-instructions-") as folder:
        result = measure(args.sizes, args.annotators, Path(folder))
    command = "python benchmarks/bench_release_instructions.py"
    if args.sizes != [100, 300] or args.annotators != 3:
        command += f" --sizes {args.sizes[0]} {args.sizes[1]} --annotators {args.annotators}"
    save_result("release_instructions", {**result, "command": command})


def render_markdown(result: dict[str, Any]) -> list[str]:
    small, large = result["sizes"]
    ratio = result["annotated"] / result["gold"]
    rows = [
        "| corpus | instructions, " + f"{small:,} documents | {large:,} documents | per document (millions) |",
        "|---|---:|---:|---:|",
    ]
    for kind, label in (("gold", "gold only"), ("annotated", f"gold and {result['annotators']} annotators")):
        counts = {int(size): total for size, total in result["instructions"][kind].items()}
        rows.append(f"| {label} | {counts[small]:,} | {counts[large]:,} | {result[kind] / 1e6:.2f} |")
    target = f"| with {result['annotators']} annotators at most {TARGET:g}× the instructions per document of "
    target += f"gold only | {ratio:.2f}× | {verdict(ratio <= TARGET)} |"
    return [
        "## Release cost per document in instructions (no noise)",
        "",
        "`claimkit release --snapshot` under Valgrind's callgrind, which counts the instructions the "
        "process executes (Python and the C of pydantic, jiter, NumPy and Arrow alike): they do not "
        "depend on what else runs on the machine, where CPU seconds vary by a third within minutes. The "
        "corpora are those of the release benchmark at two sizes; a document's cost is the difference "
        "between the sizes over the difference in documents (start-up falls out). Reference: the gold-only "
        "corpus. Instructions are not time (a cache miss costs more than an addition): this complements "
        "the CPU seconds above, it does not replace them.",
        "",
        *rows,
        "",
        "| target | ratio | |",
        "|---|---:|---|",
        target,
        "",
        environment_line(result),
    ]


if __name__ == "__main__":
    main()
