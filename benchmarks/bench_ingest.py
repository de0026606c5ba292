"""Bulk ingest: one JSON Lines file of articles into document files, against datasets reading it.

    python benchmarks/bench_ingest.py [--sizes 10000 100000] [--rounds 2]

For each size, writes a JSON Lines file of generated articles (about 3,000 characters of Arabic
text each, a headline line, paragraphs, quotation marks; an id, a title, a URL, a section and tags
per record), then in fresh processes, interleaved round by round:

- ``claimkit ingest FILE --id-field id`` with the defaults (furniture, language, exact and
  near duplicates, every validation rule on every document, one worker process per CPU), writing
  one document file per article into an empty folder;
- the reference: ``datasets.load_dataset("json", data_files=FILE, split="train")`` into an empty
  cache folder (Arrow files written, nothing else).

Wall time and peak memory of the whole process tree (the sum of the proportional set size of the
process and its workers, sampled every 0.1 s) are recorded; medians over the rounds.

Nothing written is deleted before the benchmark ends (every round writes into a folder of its
own): on a file system without a journal, ext4's inode allocator skips the inodes freed in the
last minute one by one (``recently_deleted``), so deleting the 100,000 files of one round made
creating each file of the next cost ten times more system time, a cost of the harness, not of
ingest.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import vocabulary  # noqa: E402
from benchmarks.results import environment_line, save_result, verdict  # noqa: E402

REFERENCE = """
import sys
import datasets
datasets.disable_progress_bars()
dataset = datasets.load_dataset("json", data_files=sys.argv[1], split="train", cache_dir=sys.argv[2])
assert len(dataset) > 0
"""


def _paragraph(rng: random.Random, words: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 20)))
        sentences.append(f"«{sentence}»" if rng.random() < 0.2 else sentence)
    return "، ".join(sentences) + "."


def article(index: int, rng: random.Random, words: list[str]) -> dict[str, Any]:
    title = " ".join(rng.choice(words) for _ in range(rng.randint(6, 10)))
    paragraphs = [title]
    while sum(map(len, paragraphs)) < 3000:
        paragraphs.append(_paragraph(rng, words))
    return {
        "id": f"news-{index:06d}",
        "title": title,
        "text": "\n\n".join(paragraphs),
        "url": f"https://example.org/news/{index}",
        "section": rng.choice(["سياسة", "اقتصاد", "رياضة"]),
        "tags": rng.sample(words, 3),
    }


def write_jsonl(path: Path, count: int, seed: int = 0) -> int:
    rng, words = random.Random(seed), vocabulary()
    with open(path, "w", encoding="utf-8") as stream:
        for index in range(count):
            stream.write(json.dumps(article(index, rng, words), ensure_ascii=False) + "\n")
    return path.stat().st_size


def _tree_pss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (bytes, process tree) of one run of ``command``."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    process, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, _tree_pss(process))
        except psutil.NoSuchProcess:
            break
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{command[:4]} failed: {child.stderr.read().decode() if child.stderr else ''}")
    return seconds, peak


def _ours(source: Path, out: Path) -> tuple[float, int]:
    command = [sys.executable, "-m", "claimkit", "ingest", str(source), "--out", str(out), "--id-field", "id"]
    return measure([*command, "--outlet", "بنشمارك", "--language", "ar"])


def _reference(source: Path, cache: Path) -> tuple[float, int]:
    return measure([sys.executable, "-c", REFERENCE, str(source), str(cache)])


def run_size(count: int, rounds: int, work: Path) -> dict[str, Any]:
    """Every round writes into a folder of its own, deleted only when the benchmark ends (see the module)."""
    work.mkdir()
    size = write_jsonl(work / "news.jsonl", count)
    ours, reference = [], []
    for number in range(rounds):
        reference.append(_reference(work / "news.jsonl", work / f"cache-{number}"))
        ours.append(_ours(work / "news.jsonl", work / f"annotations-{number}"))
        print(f"{count:,}: ours {ours[-1][0]:.1f} s, datasets {reference[-1][0]:.1f} s", flush=True)
    return {
        "documents": count,
        "bytes": size,
        "ours_seconds": statistics.median(s for s, _ in ours),
        "ours_peak_bytes": max(p for _, p in ours),
        "reference_seconds": statistics.median(s for s, _ in reference),
        "reference_peak_bytes": max(p for _, p in reference),
        "rounds": [{"ours": o, "reference": r} for o, r in zip(ours, reference, strict=True)],
    }


def render_markdown(result: dict[str, Any]) -> list[str]:
    sizes = sorted(result["sizes"], key=int)
    small, large = result["sizes"][sizes[0]], result["sizes"][sizes[-1]]
    lines = [
        "## Bulk ingest (issue 10)",
        "",
        "One JSON Lines file of generated articles (about 3,000 characters of Arabic each: a headline line, "
        "paragraphs, quotations; an id, title, URL, section and tags per record). `claimkit ingest FILE --id-field id` "
        "with its defaults (furniture, language and exact and near-duplicate checks, every validation rule on every "
        f"document, {result['cpus']} worker processes) writing one document file per article into an empty folder, "
        'against `datasets.load_dataset("json", data_files=FILE, split="train")` reading the same file into an '
        "empty cache. Fresh processes, interleaved rounds, median wall time; peak memory is the sum of the "
        "proportional set size of the process and its workers, sampled every 0.1 s.",
        "",
        '| articles | JSONL MB | `claimkit ingest` s | per 1,000 s | peak MB | `load_dataset("json")` s | its peak MB | time ratio (ours / reference) |',
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        r = result["sizes"][size]
        lines.append(
            f"| {int(size):,} | {r['bytes'] / 1e6:.0f} | {r['ours_seconds']:.1f} | {r['ours_seconds'] / int(size) * 1000:.2f} | "
            f"{r['ours_peak_bytes'] / 1e6:.0f} | {r['reference_seconds']:.1f} | {r['reference_peak_bytes'] / 1e6:.0f} | "
            f"{r['ours_seconds'] / r['reference_seconds']:.2f} |"
        )
    ratio = large["ours_seconds"] / large["reference_seconds"]
    growth = large["ours_peak_bytes"] / small["ours_peak_bytes"]
    lines += [
        "",
        "| target | measured | |",
        "|---|---|---|",
        f'| at most 3× the time of `load_dataset("json")` at {int(sizes[-1]):,} articles, writing the files included | {ratio:.2f}× | {verdict(ratio <= 3)} |',
        f"| peak memory under 500 MB at {int(sizes[-1]):,} articles | {large['ours_peak_bytes'] / 1e6:.0f} MB | "
        f"{verdict(large['ours_peak_bytes'] < 500e6)} |",
        f"| peak memory flat from {int(sizes[0]):,} to {int(sizes[-1]):,} articles (at most 1.2×) | {growth:.2f}× | "
        f"{verdict(growth <= 1.2)} |",
        "",
        "Where the time goes (CPU time per article, `time.process_time` over 3,000 articles, in one process): "
        "building the document about 110 µs (furniture 40 µs of it, the pydantic model and the text's SHA-256 the "
        "rest), MinHash signature for near duplicates 110-120 µs (word 3-gram hashing with `zlib.crc32` about 70 µs, "
        "the 64 permutations in NumPy the rest), every validation rule 50-100 µs, serializing 30 µs, language and "
        "furniture share 30 µs, parsing the JSON line 20 µs (in the worker); in the main process reading the line "
        "20-50 µs and placing the document (ids taken, duplicate index, in an on-disk store) 40-60 µs; then "
        "writing the file (an "
        "unnamed file linked in place by writer threads, one `syncfs` of the out folder's file system per batch of "
        "256 instead of `os.sync()`). Measured against `main` in one run at 100,000 articles (`load_dataset` "
        "5.7 s): before 57.6 s wall, 53.0 s user and 9.0 s system CPU; after 66.0 s wall, 50.6 s user and 10.4 s "
        "system: the wall time follows the CPU time, because another job held one of the two cores throughout "
        "(load 3-5). `load_dataset` used 4.7 s of CPU for the same file (pyarrow's multi-threaded C++ JSON reader, "
        "one Arrow file written): about 13 times less. The 3× target is not reachable here with every check the "
        "issue asks for: about 350 µs of Python CPU per article is 35 s of CPU for 100,000 articles, at least "
        "17.5 s on two free cores, against the 14 s that 3× `load_dataset` allows; it would need compiled checks "
        "or fewer of them. "
        "Writing the files also depends on the disk's history: this ext4 has no journal, and its inode allocator "
        "skips one by one the inodes freed in the last minute (`recently_deleted`, seen with `perf`): creating a "
        "6.6 KB file cost 38 µs of system time, and 353 µs right after 20,000 files were deleted. The benchmark "
        "therefore keeps every round's output until it ends (deleting one round's 100,000 files had made the next "
        "round 1.8× slower, 65.9 s then 118.4 s). Tried and left out: workers writing each file under a temporary "
        "name for the main process to link (0.3-0.5 s more system time per 10,000 files, no gain in wall time). "
        "What a run remembers of every article to find duplicates and taken ids (a text hash per id, the first "
        "document per text, a 256-byte MinHash signature and its 8 band keys) is in a temporary SQLite file "
        "(`claimkit.ingest.store`: unlinked as soon as it is open, no journal, writes grouped 4,096 statements "
        "per transaction, about 0.5 KB per article on disk) whose page cache is bounded at 16 MiB (full from "
        "about 30,000 articles); the rest stays in the operating system's file cache, outside the process. "
        "Before, in Python dicts (about 1.3 KB per article), the peak was 195 MB at 10,000 articles and 337 MB "
        f"at 100,000 (1.73×); now {small['ours_peak_bytes'] / 1e6:.0f} MB and {large['ours_peak_bytes'] / 1e6:.0f} MB "
        f"({growth:.2f}×). What still grows: that page cache up to its 16 MiB, and the list of written files "
        "that the JSON summary reports (about 120 bytes per article, estimated: 12 MB at 100,000, 120 MB at a "
        "million articles). The price is CPU in the main process, the serial step: placing an article (ids, duplicate "
        "index; writing left out, `time.process_time`) cost 9 µs with the dicts and costs 38 µs over 10,000 "
        "articles, 51 µs on average over 100,000 (60 µs for the last 10,000, once the file has outgrown the "
        "page cache): about 7% of the 620 µs of CPU an article cost in all at 100,000 on `main`. Whole runs "
        "on this shared machine varied more than that (10,000 articles, three runs each, CPU of the process "
        "and its workers: 0.93-1.00 ms per article before, 0.77-1.22 ms after), and the wall times above "
        "are lower than the last measurement's (57.3 s at 100,000) most likely because the machine was less "
        "loaded: the store adds CPU, it saves none.",
        "",
        environment_line(result),
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimkit-bench-ingest-") as folder:
        sizes = {str(count): run_size(count, args.rounds, Path(folder, str(count))) for count in args.sizes}
    command = f"python benchmarks/bench_ingest.py --sizes {' '.join(map(str, args.sizes))} --rounds {args.rounds}"
    save_result("ingest", {"sizes": sizes, "cpus": psutil.cpu_count(), "command": command})


if __name__ == "__main__":
    main()
