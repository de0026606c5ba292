"""Streaming agreement: time per document and peak memory versus corpus size.

    python benchmarks/bench_agreement.py [--sizes 1000 10000 100000]

For each size, generates a corpus with three annotators per document plus gold (benchmarks/corpus.py,
``annotators=3``), then in fresh processes, each reading every file once:

- **agreement**: load each file and feed it to :class:`claimkit.agreement.summary.AgreementSummary`
  (what the release builder does), then render the card texts: wall time and peak RSS;
- **reference, loading alone**: load each file the same way and nothing else, so the cost of
  agreement per document is the difference, and its memory growth is visible against a floor.

The target (issue 9): memory flat in the number of documents, time linear.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write_corpus  # noqa: E402
from benchmarks.process import measure  # noqa: E402
from benchmarks.results import environment_line, save_result, verdict  # noqa: E402

AGREEMENT = """
import sys
from claimkit.agreement.summary import AgreementSummary
from claimkit.loading import load_files
summary = AgreementSummary()
for loaded in load_files([sys.argv[1]]):
    summary.add(loaded.file)
texts = summary.texts()
assert texts is not None
"""
LOADING = """
import sys
from claimkit.loading import load_files
for loaded in load_files([sys.argv[1]]):
    assert loaded.file is not None
"""


def _generated(corpus: Path, size: int, annotators: int) -> float | None:
    """Seconds to generate the corpus (``None`` when a kept one of that size is reused)."""
    if corpus.is_dir() and sum(1 for _ in corpus.glob("*.json")) == size:
        return None
    started = time.perf_counter()
    write_corpus(corpus, size, annotators=annotators)
    return time.perf_counter() - started


def _warm(corpus: Path) -> None:
    """Read every file once, so that each measured run finds the corpus in the page cache."""
    for path in corpus.glob("*.json"):
        path.read_bytes()


def _measured(script: str, corpus: Path) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds of a fresh process running ``script``."""
    _warm(corpus)
    run = measure([sys.executable, "-c", script, str(corpus)])
    return run.seconds, run.peak_kib, run.cpu


def render_markdown(result: dict[str, Any]) -> list[str]:
    """This benchmark's section of docs/benchmarks.md."""
    sizes = sorted(result["sizes"], key=int)
    lines = [
        "## Streaming agreement (issue 9)",
        "",
        f"Generated corpora with {result['annotators']} annotators per document plus gold (`benchmarks/corpus.py "
        "--annotators`; 20 claims each, every annotator's reading of a claim drawn from the gold with realistic "
        "disagreements). Agreement: each file loaded once and fed to `AgreementSummary` (what the release does), "
        "then the card texts rendered. Reference: loading the same files alone. Each run is a fresh process "
        "after a read of every file (warm page cache). The machine is shared by several engineers: CPU seconds "
        "(user + system) are given beside wall time, as they depend less on what else runs.",
        "",
        "| documents | agreement s | CPU s | ms per document (CPU) | peak RSS MB | loading alone s | CPU s | its peak RSS MB | agreement's own CPU ms per document |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        r = result["sizes"][size]
        cpu, load_cpu = r.get("agreement_cpu_seconds", 0.0), r.get("loading_cpu_seconds", 0.0)
        own = (cpu - load_cpu) / int(size) * 1e3
        lines.append(
            f"| {int(size):,} | {r['agreement_seconds']:.1f} | {cpu:.1f} | {cpu / int(size) * 1e3:.2f} | "
            f"{r['agreement_peak_kib'] / 1024:.0f} | {r['loading_seconds']:.1f} | {load_cpu:.1f} | "
            f"{r['loading_peak_kib'] / 1024:.0f} | {own:.2f} |"
        )
    first, last = result["sizes"][sizes[0]], result["sizes"][sizes[-1]]
    before = result["sizes"][sizes[-2]] if len(sizes) > 1 else first
    scale = int(sizes[-1]) / int(sizes[-2] if len(sizes) > 1 else sizes[0])
    slower = last["agreement_seconds"] / before["agreement_seconds"]
    slower_cpu = last.get("agreement_cpu_seconds", 0.0) / (before.get("agreement_cpu_seconds") or 1.0)
    growth = last["agreement_peak_kib"] / first["agreement_peak_kib"]
    lines += [
        "",
        "| target | ratio | |",
        "|---|---|---|",
        f"| time linear in documents (≤ 11× for 10×) | wall {slower:.1f}×, CPU {slower_cpu:.1f}× for {scale:.0f}× the documents (two largest sizes) | "
        f"wall {verdict(slower <= 1.1 * scale)}, CPU {verdict(slower_cpu <= 1.1 * scale)} |",
        f"| peak memory flat in documents, under 1 GB at the largest | {growth:.2f}× from {int(sizes[0]):,} to {int(sizes[-1]):,} documents; "
        f"{last['agreement_peak_kib'] / 1024:.0f} MB | {verdict(growth < 1.2 and last['agreement_peak_kib'] < 1024 * 1024)} |",
        "",
        "Between documents agreement keeps only tallies: per annotator pair, counts and contingency tables; per "
        "field, a coincidence matrix and its 1,000 bootstrap replicates (Poisson weights per document); per "
        "annotator, counts. Empty annotations (G001) are listed by document id, which grows only with bad data.",
        "",
        environment_line(result),
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument(
        "--work", type=Path, help="keep generated corpora here and reuse them (default: a temporary folder)"
    )
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="claimkit-bench-agreement-") as folder:
        for size in args.sizes:
            corpus = (args.work or Path(folder)) / f"corpus-{size}-{args.annotators}"
            generated = _generated(corpus, size, args.annotators)
            agreement, loading = _measured(AGREEMENT, corpus), _measured(LOADING, corpus)
            results[str(size)] = {
                "generate_seconds": generated,
                "agreement_seconds": agreement[0],
                "agreement_peak_kib": agreement[1],
                "agreement_cpu_seconds": agreement[2],
                "loading_seconds": loading[0],
                "loading_peak_kib": loading[1],
                "loading_cpu_seconds": loading[2],
            }
            print(size, results[str(size)], flush=True)
            if args.work is None:
                shutil.rmtree(corpus, ignore_errors=True)
    command = f"python benchmarks/bench_agreement.py --sizes {' '.join(map(str, args.sizes))}"
    save_result("agreement", {"command": command, "annotators": args.annotators, "sizes": results})


if __name__ == "__main__":
    main()
