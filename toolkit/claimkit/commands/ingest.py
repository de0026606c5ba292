"""``claimkit ingest``: articles in bulk become document files; a progress line, then one summary.

Exit codes: 0 every record written (or already in the corpus, or a duplicate skipped on request),
1 some records refused, 2 none written (or the run could not start: a coded error).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from claimkit.ingest import IngestOptions, Outcome, Status, run
from claimkit.issues import Report
from claimkit.reporters import emit

__all__ = ["ingest"]

#: Up to this many documents, each written file gets its own line without --verbose.
_LISTED = 10


class Progress:
    """A progress line on ``stream`` when it is a terminal, redrawn at most five times a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.started = self.shown = time.monotonic()

    def update(self, counts: Counter[str]) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.shown < 0.2:
            return
        self.shown = now
        done = sum(counts.values())
        rate = done / max(now - self.started, 1e-9)
        parts = ", ".join(f"{counts[status]:,} {status}" for status in Status if counts[status])
        self.stream.write(f"\r\033[Kingest: {done:,} records ({parts}) {rate:,.0f}/s")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


class _Tally:
    """Counts per status, the written files, the issues; the exit code."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.report = Report(files_checked=0, unit="record")
        self.written: list[str] = []

    def add(self, outcome: Outcome) -> None:
        self.report.extend(outcome.issues)
        if outcome.retracted:
            self.counts[Status.WRITTEN] -= 1
            self.written.remove(str(outcome.target))
        else:
            self.report.files_checked += 1
        self.counts[outcome.status] += 1
        if outcome.status is Status.WRITTEN:
            self.written.append(str(outcome.target))

    def exit_code(self) -> int:
        if not self.counts[Status.REFUSED]:
            return 0
        kept = self.counts[Status.WRITTEN] + self.counts[Status.PRESENT] + self.counts[Status.SKIPPED]
        return 1 if kept else 2

    def lines(self, out_dir: str, verbose: bool) -> list[str]:
        listed = [f"wrote {path}" for path in self.written] if verbose or len(self.written) <= _LISTED else []
        parts = [f"{self.counts[status]:,} {status}" for status in Status if self.counts[status]]
        return [*listed, f"ingest into {out_dir}: {', '.join(parts) or 'no records'}"]

    def summary(self) -> dict[str, object]:
        return {"written": self.written, "counts": {status.value: self.counts[status] for status in Status}}


def ingest(  # noqa: PLR0913 - one keyword per command-line option (the CLI adapter)
    inputs: Sequence[str], *, options: IngestOptions, fmt: str, verbose: bool, out: TextIO, progress: TextIO
) -> int:
    """``claimkit ingest``: every record of every input becomes a document file, or an issue says why not."""
    from claimkit.storage import refuse_overwrite

    refuse_overwrite(options.out_dir, inputs, option="--out")  # its documents would be read as input next time
    tally = _Tally()
    bar = Progress(progress)
    try:
        for outcome in run(inputs, options):
            tally.add(outcome)
            bar.update(tally.counts)
    finally:
        bar.close()
    report = tally.report.sorted()
    emit(out, report, fmt, lines=tally.lines(str(options.out_dir), verbose), summary=tally.summary(), verbose=verbose)
    return tally.exit_code()
