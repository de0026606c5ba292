"""Release build at scale: time and peak memory versus corpus size, gold only and with three annotators.

    python benchmarks/bench_release.py [--sizes 1000 10000 100000] [--annotators 3] [--no-reference]

For each size, in one run, generates two corpora of valid documents (20 claims each): one with a gold
annotation only, one with the same gold plus ``--annotators`` annotators' annotations (each a
slightly different reading of the gold), and times in fresh processes:

- ``claimkit release --snapshot`` on each: one pass that reads every file once (validation,
  agreement, rows of every config and split), then card, Croissant, changelog, checksums, manifest;
  wall time and peak RSS;
- after the largest size, the size before it once more (annotated, then gold only): the linearity rows
  compare the largest size with the mean of that size's runs before and after it, so that the machine's
  drift between the phases weighs on both sides;
- the reference (gold only): ``datasets.Dataset.from_generator`` writing the same rows of the same
  configs to Parquet, fed by a generator that reads the files and builds rows with the same row
  functions, without our release logic; one ``from_generator`` per config, as one would write it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write_corpus  # noqa: E402
from benchmarks.process import Measured, measure  # noqa: E402
from benchmarks.results import environment_line, save_result, verdict  # noqa: E402

REFERENCE = """
import sys
from pathlib import Path
import datasets
from claimkit.loading import load_file
from claimkit.release.configs import CONFIGS
from claimkit.release.labels import taxonomy_labels
datasets.disable_progress_bars()
corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
files = sorted(corpus.glob("*.json"))

def rows(make):
    for path in files:
        file = load_file(path).file
        yield from make(file.document, file.gold)

for config in CONFIGS:
    dataset = datasets.Dataset.from_generator(
        rows, gen_kwargs={"make": config.rows}, features=config.features(taxonomy_labels()),
        cache_dir=str(out / "cache"),
    )
    dataset.to_parquet(str(out / f"{config.name}.parquet"))
"""
#: Growth of peak memory from the smallest to the largest size that still counts as flat.
FLAT = 1.5


def _release(corpus: Path, work: Path, env: dict[str, str]) -> Measured:
    claimkit = str(Path(sys.executable).parent / "claimkit")
    out, records = work / f"dist-{corpus.name}", work / "no-records"
    command = [claimkit, "release", "--snapshot", "--corpus", str(corpus), "--out", str(out), "--records", str(records)]
    try:
        return measure(command, env)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _corpus(work: Path, size: int, annotators: int) -> tuple[Path, float]:
    corpus = work / f"corpus-{size}-{annotators}"
    started = time.perf_counter()
    write_corpus(corpus, size, annotators=annotators)
    os.sync()  # the kernel writes the new files back now, not while the release is measured
    return corpus, time.perf_counter() - started


def _reference(corpus: Path, work: Path, env: dict[str, str]) -> Measured:
    out = work / f"ref-{corpus.name}"
    try:
        return measure([sys.executable, "-c", REFERENCE, str(corpus), str(out)], env)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _rounds(size: int) -> int:
    """Runs with annotators at one size: several when they are short."""
    return 3 if size <= 1000 else 2 if size <= 10000 else 1


def _size(size: int, args: argparse.Namespace, work: Path, env: dict[str, str], keep: bool = False) -> dict[str, Any]:
    """Both corpora, then their releases in turns, gold only first and last (G A G ... A G): each run with
    annotators is compared with the gold-only runs just before and after it, so that the machine's
    drift over the minutes of a run weighs on both sides of its ratio. The corpora are deleted once
    measured (100k documents take gigabytes), unless ``keep``: the size before the largest is measured
    again after it (see :func:`_after`)."""
    (gold, generated_gold), (annotated, generated_annotated) = (
        _corpus(work, size, 0),
        _corpus(work, size, args.annotators),
    )
    gold_runs, annotated_runs = [_release(gold, work, env)], []
    for _ in range(_rounds(size)):
        annotated_runs.append(_release(annotated, work, env))
        gold_runs.append(_release(gold, work, env))
    result: dict[str, Any] = {
        "gold_generate_seconds": generated_gold,
        "annotated_generate_seconds": generated_annotated,
        "gold_runs": [run._asdict() for run in gold_runs],
        "annotated_runs": [run._asdict() for run in annotated_runs],
        "ratios": [
            run.cpu / ((before.cpu + after.cpu) / 2)
            for run, before, after in zip(annotated_runs, gold_runs, gold_runs[1:], strict=False)
        ],
    }
    for kind, runs in (("gold", gold_runs), ("annotated", annotated_runs)):
        result |= {
            f"{kind}_seconds": statistics.median(run.seconds for run in runs),
            f"{kind}_cpu_seconds": statistics.median(run.cpu for run in runs),
            f"{kind}_peak_kib": max(run.peak_kib for run in runs),
        }
    if args.reference:
        reference = _reference(gold, work, env)
        result |= {"from_generator_seconds": reference.seconds, "from_generator_peak_kib": reference.peak_kib}
    if not keep:
        for corpus in (gold, annotated):
            shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(work / "hf-cache", ignore_errors=True)
    return result


def _after(size: int, work: Path, env: dict[str, str]) -> dict[str, Any]:
    """The releases of one size (its corpora kept) run again, annotated then gold only, after the largest
    size: the linearity rows compare the largest size with this size before and after it, so that the
    machine's drift over the quarter of an hour between them weighs on both sides (as the ratio rows do
    with their alternating runs). The corpora are deleted then."""
    gold, annotated = work / f"corpus-{size}-0", next(work.glob(f"corpus-{size}-[1-9]*"))
    runs = {"annotated_after": _release(annotated, work, env), "gold_after": _release(gold, work, env)}
    for corpus in (gold, annotated):
        shutil.rmtree(corpus, ignore_errors=True)
    return {name: run._asdict() for name, run in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument("--no-reference", dest="reference", action="store_false", help="skip from_generator")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="claimkit-bench-release-") as folder:
        work = Path(folder)
        env = {
            **os.environ,
            "HF_DATASETS_OFFLINE": "1",
            "HF_HUB_OFFLINE": "1",
            "HF_DATASETS_CACHE": str(work / "hf-cache"),
        }
        before = args.sizes[-2] if len(args.sizes) > 1 else None
        for size in args.sizes:
            results[str(size)] = _size(size, args, work, env, keep=size == before)
            print(size, results[str(size)], flush=True)
        if before is not None:
            results[str(before)] |= _after(before, work, env)
            print(before, "after", results[str(before)], flush=True)
    sizes = " ".join(map(str, args.sizes))
    command = f"python benchmarks/bench_release.py --sizes {sizes} --annotators {args.annotators}"
    save_result(
        "release",
        {
            "command": command + ("" if args.reference else " --no-reference"),
            "annotators": args.annotators,
            "sizes": results,
        },
    )


def _cost(r: dict[str, Any], kind: str) -> float:
    """CPU seconds (user + system) when measured, else wall seconds: on a shared machine wall time
    also measures the neighbours."""
    return float(r.get(f"{kind}_cpu_seconds", r[f"{kind}_seconds"]))


def _per_document_ms(r: dict[str, Any], kind: str, size: str) -> float:
    return _cost(r, kind) / int(size) * 1000


def _ratio(r: dict[str, Any], size: str) -> float:
    """Cost per document with annotators over gold only: the median over the runs with annotators, each
    against the gold-only runs around it, when the result has them."""
    if r.get("ratios"):
        return float(statistics.median(r["ratios"]))
    return _per_document_ms(r, "annotated", size) / _per_document_ms(r, "gold", size)


def _bracketing(r: dict[str, Any], kind: str) -> float:
    """The cost of a size the largest is compared with: the mean of its runs before the largest size
    (their median) and its run after it, when the result has one (see :func:`_after`)."""
    after = r.get(f"{kind}_after")
    return _cost(r, kind) if after is None else (_cost(r, kind) + float(after["cpu"])) / 2


def _cpu(r: dict[str, Any], kind: str) -> str:
    return f"{r[f'{kind}_cpu_seconds']:.1f}" if f"{kind}_cpu_seconds" in r else "–"


def _rows(result: dict[str, Any], sizes: list[str]) -> list[str]:
    lines = []
    for size in sizes:
        r = result["sizes"][size]
        gold, annotated = _per_document_ms(r, "gold", size), _per_document_ms(r, "annotated", size)
        runs = f" ({len(r['gold_runs'])} + {len(r['annotated_runs'])} runs)" if "gold_runs" in r else ""
        reference = (
            f"{r['from_generator_seconds']:.1f} | {r['from_generator_peak_kib'] / 1024:.0f}"
            if "from_generator_seconds" in r
            else "– | –"
        )
        lines.append(
            f"| {int(size):,} | {r['gold_seconds']:.1f} | {_cpu(r, 'gold')} | {gold:.2f} | "
            f"{r['gold_peak_kib'] / 1024:.0f} | {r['annotated_seconds']:.1f} | {_cpu(r, 'annotated')} | "
            f"{annotated:.2f} | {r['annotated_peak_kib'] / 1024:.0f} | {_ratio(r, size):.2f}{runs} | {reference} |"
        )
    return lines


def _targets(result: dict[str, Any], sizes: list[str]) -> list[str]:
    small, before, large = (
        result["sizes"][s] for s in (sizes[0], sizes[-2] if len(sizes) > 1 else sizes[0], sizes[-1])
    )
    scale = int(sizes[-1]) / int(sizes[-2] if len(sizes) > 1 else sizes[0])
    lines = ["| target | ratio | |", "|---|---|---|"]
    for kind, name in (("annotated", "with annotators"), ("gold", "gold only")):
        slower = _cost(large, kind) / _bracketing(before, kind)
        lines.append(
            f"| time linear ({name}): at most {1.1 * scale:.1f}× for {scale:.0f}× the documents | {slower:.2f}× | "
            f"{verdict(slower <= 1.1 * scale)} |"
        )
    for kind, name in (("annotated", "with annotators"), ("gold", "gold only")):
        growth, peak = large[f"{kind}_peak_kib"] / small[f"{kind}_peak_kib"], large[f"{kind}_peak_kib"] / 1024
        lines.append(
            f"| peak memory flat (at most {FLAT}× from {int(sizes[0]):,} to {int(sizes[-1]):,} documents) "
            f"and under 1 GB ({name}) | {growth:.2f}×; {peak:.0f} MB | {verdict(growth <= FLAT and peak < 1024)} |"
        )
    ratios = [_ratio(result["sizes"][s], s) for s in sizes]
    lines.append(
        f"| with {result['annotators']} annotators at most 2× the cost per document of gold only | "
        + ", ".join(f"{ratio:.2f}×" for ratio in ratios)
        + f" (at {', '.join(f'{int(s):,}' for s in sizes)}) | {verdict(max(ratios) <= 2)} |"
    )
    return lines


def _linearity_note(result: dict[str, Any]) -> str:
    """How the linearity rows were measured: bracketed by runs of the size before after the largest, or not."""
    if any("gold_after" in r for r in result["sizes"].values()):
        return (
            "The linearity rows compare the largest size with the size before it, measured both before the "
            "largest (the median of its runs) and once more after it (annotated, then gold only), as the mean of "
            "the two: the phases of the run lie a quarter of an hour apart, and a comparison with one side only "
            "carried the machine's drift between them (on 1 December the same gold-only code read 10.75×, "
            "11.03× and 11.62× so measured, in three runs)."
        )
    return (
        "The linearity rows, by contrast, compare phases of the run a quarter of an hour apart, so they carry the "
        "machine's drift between them: on 1 December the same gold-only code (agreement never sees gold-only "
        "documents) read 10.75×, 11.03× and 11.62× in three runs."
    )


def render_markdown(result: dict[str, Any]) -> list[str]:
    sizes = sorted(result["sizes"], key=int)
    annotators = result["annotators"]
    return [
        "## Release build at scale (issues 4 and 9)",
        "",
        f"Generated corpora of valid documents (20 claims each), gold only and with {annotators} annotators' "
        "annotations besides the gold (each a slightly different reading of it), all measured in one run. "
        "`claimkit release --snapshot` reads each file once: validation, agreement and the rows of the four "
        "configs per split in one pass, then card, Croissant, changelog, checksums and manifest. The files come in "
        "batches of 32 (at most 4 MiB), and each step (loading, the rules, each step of agreement, the rows) runs "
        "over a whole batch before the next starts, so that its code and data stay in the processor's caches; "
        "every tally still takes the documents in order, so the figures are those of one document at a time, "
        "to the last bit (alpha's coincidences and their bootstrap replicates are sums of whole numbers, exact "
        "in any order, so 64 documents add their replicates as one product, an einsum: see below). Reference: "
        "`datasets.Dataset.from_generator(...).to_parquet()` writing the same rows of the same four configs from "
        "the gold-only files, without our logic (one generator per config). Each run is a fresh process. "
        "Ratios are of CPU seconds (user + system of the process and its children) where they were measured: "
        "the machine is shared, and wall time also measures the neighbours.",
        "",
        f"| documents | gold only s | CPU s | CPU ms per doc | peak RSS MB | with {annotators} annotators s | CPU s | "
        "CPU ms per doc | peak RSS MB | cost per doc vs gold only | `from_generator` s (gold only) | its peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        *_rows(result, sizes),
        "",
        *_targets(result, sizes),
        "",
        "Memory is bounded by the writers' row budgets (a row group every 5,000 rows, every 200 for `documents`, "
        "whose row is a whole article; rows wait as Arrow record batches, not Python objects) and agreement "
        "accumulates counts per document instead of holding documents. The release record's entry of each "
        "document (its hash and compact claim list) waits in a scratch SQLite file with a 2 MiB page cache, and "
        "the list of files to read holds path strings: what still grows in memory with the corpus is that list "
        "(about 80 bytes per document).",
        "",
        "Runs take turns. At each size both corpora are generated first, then the releases alternate, gold only "
        "first and last (three runs with annotators at 1,000 documents, two at 10,000, one at 100,000); each run "
        "with annotators is compared with the mean of the gold-only runs just before and after it, and the ratio "
        "in the table is the median of those comparisons (the other columns are medians of the runs, peaks the "
        "largest). " + _linearity_note(result) + " Why: this shared VM's speed drifts by a third within minutes. "
        "On 1 December the same release "
        "of 10,000 annotated documents took 4.1 CPU ms per document at 13:09 and 6.3 at 14:17, and of 100,000 "
        "took 5.4 at 14:20; a gold run followed by an annotated run measured the drift as much as the code (the "
        "last run so measured, at `40f7c41`, read 1.90 at 10,000 and 2.41 at 100,000; alternating, `d174f16` "
        "read 2.01 and 2.06). The code itself is linear: "
        "sampled with py-spy at 200 Hz, releases of 10,000 and 100,000 annotated documents spent the same time "
        "per document in every function to within 2% (6.75 and 6.83 ms sampled per document in all, agreement "
        "1.56 in both).",
        "",
        "What the ratio missed until 2 December was not in any profile. The bootstrap replicates were summed "
        "with a matrix product (`counts.T @ weights`), which NumPy hands to OpenBLAS; OpenBLAS's threads then "
        "spin on the other core, waiting for the next product, and their CPU seconds count in the release's. "
        "py-spy samples the main thread only, so the profiles above never showed it: a release of 2,000 "
        "documents with three annotators took 27 to 29 CPU s with the product and 22 to 24 with an einsum "
        "(NumPy's own loop, one thread; the same replicates to the last bit), and with `OPENBLAS_NUM_THREADS=1` "
        "the product's runs read as the einsum's. Gold-only releases never reach agreement and never paid it.",
        "",
        "Where the extra cost of three annotators goes, counted in instructions (callgrind, see the next "
        "section; 100 documents, per document, at `15a0a3f`): agreement 7.0 million (pairs 3.1, token alpha 1.4, "
        "units and alphas 1.3, readings 0.9, bootstrap weights 0.2), loading three more annotations 4.0 "
        "(the duplicate-key check's second parse 1.5, pydantic the rest), the rules on them 3.6; a gold-only "
        "document costs 15.6 million in all. What is left is Python's cost per object: each step has been made "
        "cheaper in turn (batches of 32, fields read with C-level getters, unit cells memoized, fewer frames "
        "per pair).",
        "",
        *([result["note"], ""] if result.get("note") else []),
        environment_line(result),
    ]


if __name__ == "__main__":
    main()
