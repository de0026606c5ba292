"""Driving the Label Studio 1.23 labeling UI as an annotator does: mouse drags, hotkeys, clicks.

Positions on screen come from the rendered text: the character at a code-point offset of the task
text is found in its line (``.lsf-richtext__line``, one per text line), scrolled into view and
measured with ``Range.getClientRects()``. In right-to-left text a selection is a drag from the right
edge of the first letter to the left edge of the last one. The editor's state is read from
``window.Htx`` only to wait for the UI and to assert; every change is made with the mouse and keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

__all__ = [
    "ANNOTATION",
    "Box",
    "char_box",
    "choices_of",
    "click_choice",
    "drag_select",
    "label_span",
    "regions",
    "relate",
    "relations",
    "select_region",
    "unselect",
]

_CHAR_BOX = """([line, column]) => {
  const span = document.querySelectorAll('.lsf-richtext__line')[line];
  if (!span) return null;
  const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
  let node, seen = 0;
  while ((node = walker.nextNode())) {
    if (column < seen + node.data.length) break;
    seen += node.data.length;
  }
  if (!node) return null;
  const range = document.createRange();
  range.setStart(node, column - seen);
  range.setEnd(node, column - seen + 1);
  const measure = () => Array.from(range.getClientRects()).find(r => r.width > 0) || range.getBoundingClientRect();
  let box = measure();
  let scroller = span.parentElement;
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight + 1 &&
         /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
  if (scroller) {
    const view = scroller.getBoundingClientRect();
    if (box.top < view.top + 40 || box.bottom > view.bottom - 40) {
      scroller.scrollTop += box.top - (view.top + view.height / 3);
      box = measure();
    }
  }
  return {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
}"""

ANNOTATION = "window.Htx.annotationStore.selected"
_REGIONS = f"""() => {ANNOTATION}.regions.map(r => ({{
  id: r.cleanId, start: (r.globalOffsets || {{}}).start, end: (r.globalOffsets || {{}}).end,
  labels: r.labeling ? r.labeling.selectedLabels.map(l => l.value) : [], selected: r.selected}}))"""
_RELATIONS = (
    f"""() => {ANNOTATION}.relationStore.relations.map(r => ({{from: r.node1.cleanId, to: r.node2.cleanId}}))"""
)
_COUNT = f"([path, n]) => path.split('.').reduce((o, k) => o[k], {ANNOTATION}).length === n"
_SELECTED = f"""([start, end]) => {{
  const s = {ANNOTATION}.selectedRegions;
  return s.length === 1 && s[0].globalOffsets.start === start && s[0].globalOffsets.end === end;
}}"""
_CHOICES = f"""([start, end]) => {ANNOTATION}.serializeAnnotation()
  .filter(r => r.type === 'choices' && r.value.start === start && r.value.end === end)
  .map(r => [r.from_name, r.value.choices[0]])"""


@dataclass(frozen=True)
class Box:
    left: float
    right: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def _position(text: str, offset: int) -> list[int]:
    """[line, UTF-16 column] of the code point at ``offset``: what the DOM counts in."""
    line_start = text.rfind("\n", 0, offset) + 1
    return [text.count("\n", 0, offset), len(text[line_start:offset].encode("utf-16-le")) // 2]


def char_box(page: Page, text: str, offset: int) -> Box:
    """Where the character at code-point ``offset`` of the task text is drawn (scrolled into view)."""
    found: Any = page.evaluate(_CHAR_BOX, _position(text, offset))
    if found is None:
        raise AssertionError(f"no rendered character at offset {offset}")
    return Box(**found)


def regions(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(_REGIONS)
    return found


def relations(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(_RELATIONS)
    return found


def choices_of(page: Page, start: int, end: int) -> dict[str, str]:
    """The per-region choices set on the region at ``start``-``end`` (control name -> choice)."""
    return dict(page.evaluate(_CHOICES, [start, end]))


def drag_select(page: Page, text: str, start: int, end: int) -> None:
    """Select ``text[start:end]`` with a mouse drag, right to left (the text is Arabic)."""
    first = char_box(page, text, start)
    last = char_box(page, text, end - 1)
    page.mouse.move(first.right - 1, first.middle)
    page.mouse.down()
    page.mouse.move(last.left + 1, last.middle, steps=8)
    page.mouse.up()


def label_span(page: Page, text: str, hotkey: str, start: int, end: int) -> None:
    """The order that works in Label Studio 1.23: the label's hotkey first, then the selection."""
    count = len(regions(page))
    page.keyboard.press(hotkey)
    drag_select(page, text, start, end)
    page.wait_for_function(_COUNT, arg=["regions", count + 1])


def select_region(page: Page, text: str, start: int, end: int) -> None:
    """Click a region (in the middle of its text) and wait until it is the selected one."""
    box = char_box(page, text, (start + end) // 2)
    page.mouse.click(box.centre, box.middle)
    page.wait_for_function(_SELECTED, arg=[start, end])


def unselect(page: Page) -> None:
    """Esc: leaves the region (and relation mode), so that the next label hotkey relabels nothing."""
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => {ANNOTATION}.selectedRegions.length === 0")


def relate(page: Page, text: str, source: tuple[int, int], target: tuple[int, int]) -> None:
    """Click the first region, Alt+R, click the second: a relation from one to the other."""
    count = len(relations(page))
    select_region(page, text, *source)
    page.keyboard.press("Alt+r")
    box = char_box(page, text, sum(target) // 2)
    page.mouse.click(box.centre, box.middle)
    page.wait_for_function(_COUNT, arg=["relationStore.relations", count + 1])
    unselect(page)


def click_choice(page: Page, title: str) -> None:
    """Click a choice of the visible region panel with the mouse."""
    page.locator(f'.ck-panel:visible label:has(input[name="{title}"])').click()
    page.wait_for_function('t => document.querySelector(`.ck-panel input[name="${t}"]`).checked', arg=title)
