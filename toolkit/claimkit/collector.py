"""The cyclic garbage collector, paused while one file is worked on.

Reading, checking and releasing a document allocate many small objects (models, issues, rows) and
free them all when the document is done; reference counting frees them, not the collector. With the
collector on, its passes scan those objects again and again while they are alive, and promote the
ones alive at a pass into older generations that full passes scan once more: a tenth of the time of a
release with several annotators per document went to the collector, which found nothing to free,
and checking one large file took longer per claim the larger the file (1.6x from 1k to 16k claims).

Paused one file at a time, the collector still runs between files, so a reference cycle made while
one file was worked on is freed after it, and memory cannot grow with the corpus.
"""

from __future__ import annotations

import gc
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["each_paused", "paused"]

T = TypeVar("T")


@contextmanager
def paused() -> Iterator[None]:
    """The collector paused inside the block (left as it was after it: off stays off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def each_paused(items: Iterable[T]) -> Generator[T, None, None]:
    """``items`` one by one, the collector paused from making an item until the caller asks for the
    next: the caller's work on an item runs paused too. Use it in ``with contextlib.closing(...)`` so
    that the collector is back on as soon as the caller stops early."""
    iterator = iter(items)
    while True:
        with paused():
            try:
                item = next(iterator)
            except StopIteration:
                return
            yield item
            del item  # the caller is done with it: freed now, not scanned by the collector's next pass
