"""The collector paused one file at a time (claimkit.collector): paused while the caller works on an
item, back on between items, after the last one, and as soon as the caller stops early."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import closing

import pytest

from claimkit import collector


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def _watched(seen: list[bool], count: int) -> Iterator[int]:
    for number in range(count):
        seen.append(gc.isenabled())  # while the item is made
        yield number


def test_each_item_is_made_and_used_with_the_collector_paused() -> None:
    made: list[bool] = []
    used = [gc.isenabled() for _ in collector.each_paused(_watched(made, 3))]
    assert made == [False, False, False]
    assert used == [False, False, False]
    assert gc.isenabled()


def test_the_collector_stays_paused_while_the_caller_holds_an_item() -> None:
    between = []
    items = collector.each_paused(range(3))
    for _ in range(3):
        next(items)
        between.append(gc.isenabled())
    assert between == [False, False, False]
    assert next(items, None) is None
    assert gc.isenabled()


def test_stopping_early_turns_the_collector_back_on() -> None:
    with closing(collector.each_paused(range(10))) as items:
        for number in items:
            if number == 2:
                break
    assert gc.isenabled()


def test_an_error_in_the_caller_turns_the_collector_back_on() -> None:
    def use() -> None:
        with closing(collector.each_paused(range(10))) as items:
            for number in items:
                _ = 1 / (number - 1)

    with pytest.raises(ZeroDivisionError):
        use()
    assert gc.isenabled()


def test_an_error_while_making_an_item_turns_the_collector_back_on() -> None:
    def failing() -> Iterator[int]:
        yield 1
        raise OSError("the disk went away")

    with pytest.raises(OSError, match="disk"):
        list(collector.each_paused(failing()))
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    assert list(collector.each_paused(range(2))) == [0, 1]
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_cycles_made_while_paused_are_freed_between_items() -> None:
    class Node:
        partner: object = None

    alive: weakref.WeakSet[Node] = weakref.WeakSet()

    def cycles() -> Iterator[int]:
        for number in range(3000):
            node = Node()
            node.partner = node  # a reference cycle: only the collector frees it
            alive.add(node)
            yield number

    gc.collect()
    left = 0
    for number in collector.each_paused(cycles()):
        if number == 2999:  # still paused: only passes between items can have freed the others
            left = len(alive)
    assert left < 1000


class _Item:
    """An item that can be watched with a weak reference."""


def test_an_item_the_caller_dropped_is_freed_before_the_next_is_made() -> None:
    """Between items the collector is back on: an item still held by the generator would be scanned,
    with every model it holds, by the collector's next pass (they are not garbage yet)."""
    previous: list[weakref.ref[_Item]] = []
    alive_when_asked: list[bool] = []

    def items() -> Iterator[_Item]:
        for _ in range(3):
            alive_when_asked.extend(ref() is not None for ref in previous[-1:])
            item = _Item()
            previous.append(weakref.ref(item))
            yield item
            del item

    with closing(collector.each_paused(items())) as each:
        for item in each:
            assert isinstance(item, _Item)
            del item
    assert alive_when_asked == [False, False]
