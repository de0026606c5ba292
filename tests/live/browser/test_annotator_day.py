"""A day of annotation in Label Studio 1.23, in a real browser: a lead and two annotators.

The lead creates the project with ``claimkit ls init --overlap 2``, pushes the seed article and
starts ``claimkit ls watch``. Two annotators who joined through the invitation link open "Label All
Tasks" and both reach the article. The first reads the Instructions and the steps above the text,
redraws three claims of the gold annotation with hotkeys and mouse drags, fills their fields in the
panel beside the text, relates claims to their source and cues to their claims, and submits. The
second submits a claim that breaks a rule, sees the live check's note in the panel, fixes the
annotation and sees the note go. The lead pulls, and the document file holds both annotations with
the offsets, categories and links that were drawn. The tests run in this order and share the day.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from claimkit.cli import main
from claimkit.labelstudio.config import choice_hotkeys, span_hotkeys
from claimkit.loading import load_file
from claimkit.model import Annotation, Claim
from claimkit.pseudonym import load_pseudonymizer
from claimkit.taxonomy import ClaimCategory, describe
from tests.conftest import ROOT
from tests.live.browser import ui
from tests.live.browser.conftest import TIMEOUT_MS, VIEWPORT, Annotator, Shot, Watch, watching
from tests.live.conftest import LiveServer

pytestmark = pytest.mark.live

SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
TITLE = "browser-annotation-day"
#: The gold claims annotator one redraws: two official statements near the top, one at the very end.
CLAIMS_ONE = ("c03", "c04", "c22")


@dataclass(frozen=True)
class Day:
    project: int
    task: int
    text: str
    gold: Annotation
    corpus: Path
    key_file: Path
    watch: Watch


@pytest.fixture(scope="module")
def day(label_studio: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Day]:
    """The lead's morning: project with overlap 2, the seed pushed, a pseudonym key, the live checks."""
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEED, corpus / SEED.name)
    key_file = tmp_path_factory.mktemp("key") / "pseudonym.key"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("LABEL_STUDIO_URL", label_studio.url)
        env.setenv("LABEL_STUDIO_API_KEY", label_studio.api_key)
        assert main(["ls", "init", "--project", TITLE, "--overlap", "2"]) == 0
        assert main(["ls", "push", str(corpus), "--project", TITLE]) == 0
        assert main(["ls", "keygen", "--key-file", str(key_file)]) == 0
    client = label_studio.client()
    project = client.find_project(TITLE)
    assert project is not None and client.overlap(project) == 2
    task = next(client.tasks(project))
    seed = load_file(SEED).file
    assert seed is not None and seed.gold is not None
    with watching(label_studio, TITLE) as watch:
        yield Day(project, task.id, seed.document.text, seed.gold, corpus, key_file, watch)


# -- what the annotators are shown -----------------------------------------------------------------
def _hotkey(label: str) -> str:
    return next(span.hotkey for span in span_hotkeys() if span.label == label)


def _choice_key(control: str, value: str) -> str:
    return next(key.hotkey for key in choice_hotkeys() if key.control == control and key.value == value)


def _open_stream(page: Page, server: LiveServer, day: Day) -> None:
    """Projects -> the project -> "Label All Tasks": the label stream, with the Instructions first."""
    page.goto(f"{server.url}/projects/{day.project}/data")
    page.get_by_text("Label All Tasks").click()
    page.wait_for_selector(".lsf-modal-ls_visible")


def _close_instructions(page: Page) -> None:
    page.get_by_label("Close modal").click()
    page.wait_for_selector(".lsf-modal-ls_visible", state="detached")
    page.wait_for_selector(".lsf-richtext__line")


_READING_ORDER = """(selector) => Array.from(document.querySelectorAll(selector)).map(e => {
  const r = e.getBoundingClientRect();
  return {text: e.textContent, top: Math.round(r.top), right: r.right};
})"""


def _right_to_left(boxes: list[dict[str, Any]]) -> list[str]:
    """The texts in the order a reader of right-to-left text meets them: line by line, right to left."""
    lines: list[list[dict[str, Any]]] = []
    for box in sorted(boxes, key=lambda b: b["top"]):
        if lines and abs(lines[-1][0]["top"] - box["top"]) < 8:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [box["text"] for line in lines for box in sorted(line, key=lambda b: -b["right"])]


def test_instructions_and_steps_read_right_to_left(
    day: Day, label_studio: LiveServer, annotators: tuple[Annotator, Annotator], browser: Browser, shot: Shot
) -> None:
    context, page = annotators[0].log_in(browser)
    _open_stream(page, label_studio, day)
    shot(page, "instructions")
    modal = page.locator(".lsf-modal-ls__body [dir=rtl]").first
    assert modal.evaluate("e => getComputedStyle(e).direction") == "rtl"
    tree = modal.locator("ol").nth(1).locator("li > b").all_text_contents()
    assert tree == [describe(category).title_ar for category in ClaimCategory]  # the decision tree, in order
    _close_instructions(page)
    shot(page, "steps-above-the-text")
    help_box = page.locator(".ck-help")
    assert help_box.evaluate("e => getComputedStyle(e).direction") == "rtl"
    first_step = page.locator(".ck-help li").first.text_content() or ""
    assert first_step.index("أولاً") < first_step.index("ظلّل")  # the hotkey first, then the selection
    keys = page.evaluate(_READING_ORDER, ".ck-help li:first-child kbd")
    assert _right_to_left(keys) == [span.hotkey for span in span_hotkeys()]
    context.close()


# -- annotator one: the gold claims, drawn by hand --------------------------------------------------
def _span(claim: Claim) -> tuple[int, int]:
    return claim.start, claim.end


def _panel_beside_text(page: Page) -> None:
    """The selected region's fields are in view (1366x768) and beside the text, not under it."""
    panel = page.locator(".ck-side").bounding_box()
    text = page.locator(".ck-text").bounding_box()
    assert panel is not None and text is not None
    fields = page.locator(".ck-panel:visible").bounding_box()  # the panel of the selected region
    assert fields is not None and fields["y"] >= 0 and fields["y"] + fields["height"] <= VIEWPORT["height"]
    assert panel["x"] >= text["x"] + text["width"]  # a column of its own, right of the text


def test_annotator_one_draws_claims_sources_cues_and_relations(
    day: Day, label_studio: LiveServer, annotators: tuple[Annotator, Annotator], browser: Browser, shot: Shot
) -> None:
    claims = {claim.id: claim for claim in day.gold.claims}
    cues = {cue.id: (cue.start, cue.end) for cue in day.gold.cues}
    source = next(s for s in day.gold.sources if s.id == claims["c03"].source)
    mention = (source.mentions[0].start, source.mentions[0].end)
    context, page = annotators[0].log_in(browser)
    _open_stream(page, label_studio, day)
    _close_instructions(page)
    text = day.text

    for claim_id in CLAIMS_ONE[:2]:
        ui.label_span(page, text, _hotkey(describe(claims[claim_id].category).title), *_span(claims[claim_id]))
    ui.label_span(page, text, _hotkey("Source"), *mention)
    for claim_id in CLAIMS_ONE[:2]:
        ui.label_span(page, text, _hotkey("Cue"), *cues[claims[claim_id].cue or ""])
    shot(page, "hotkey-then-drag")

    ui.select_region(page, text, *_span(claims["c03"]))
    _panel_beside_text(page)
    page.keyboard.press(_choice_key("quote", claims["c03"].quote or ""))  # a choice's own hotkey
    ui.click_choice(page, describe(claims["c03"].content_type).title)  # or the mouse
    shot(page, "claim-fields-beside-the-text")
    ui.unselect(page)
    ui.select_region(page, text, *_span(claims["c04"]))
    ui.click_choice(page, describe(claims["c04"].content_type).title)
    ui.unselect(page)

    ui.select_region(page, text, *mention)
    page.keyboard.press(_choice_key("source_kind", source.kind or ""))
    ui.click_choice(page, describe(source.naming).title)
    name = page.locator("input[name=source_name]")
    name.click()
    name.fill(source.name or "")
    name.press("Enter")
    shot(page, "source-fields")
    ui.unselect(page)

    for claim_id in CLAIMS_ONE[:2]:
        ui.relate(page, text, _span(claims[claim_id]), mention)  # claim -> source
        ui.relate(page, text, cues[claims[claim_id].cue or ""], _span(claims[claim_id]))  # cue -> claim
    shot(page, "relations-drawn-faint")

    last = claims["c22"]  # at the end of the article: the panel must still be in view
    ui.label_span(page, text, _hotkey(describe(last.category).title), *_span(last))
    ui.select_region(page, text, *_span(last))
    _panel_beside_text(page)
    page.keyboard.press(_choice_key("quote", last.quote or ""))
    page.keyboard.press(_choice_key("polarity", last.polarity))
    ui.click_choice(page, describe(last.content_type).title)
    shot(page, "last-claim-fields-still-in-view")
    ui.unselect(page)

    labels = {(r["start"], r["end"]): r["labels"] for r in ui.regions(page)}
    assert labels[_span(claims["c03"])] == [describe(ClaimCategory.OFFICIAL_STATEMENT).title]  # not relabelled
    page.keyboard.press("Control+Enter")
    page.get_by_text("No More Tasks Left in Queue").wait_for()
    shot(page, "submitted")
    context.close()


# -- annotator two: the same task, a live check, a fix ----------------------------------------------
def test_annotator_two_gets_the_same_task_and_a_live_check_until_fixed(
    day: Day, label_studio: LiveServer, annotators: tuple[Annotator, Annotator], browser: Browser, shot: Shot
) -> None:
    claim = next(claim for claim in day.gold.claims if claim.id == "c03")
    source = next(s for s in day.gold.sources if s.id == claim.source)
    mention = (source.mentions[0].start, source.mentions[0].end)
    official, analyst = (describe(c).title for c in (ClaimCategory.OFFICIAL_STATEMENT, ClaimCategory.ANALYST_OPINION))
    context, page = annotators[1].log_in(browser)
    _open_stream(page, label_studio, day)
    _close_instructions(page)
    assert page.evaluate("() => window.Htx.task.id") == day.task  # overlap 2: the task annotator one did
    assert ui.regions(page) == []  # and an annotation of their own, not annotator one's
    shot(page, "same-task-own-annotation")

    ui.label_span(page, day.text, _hotkey(official), *_span(claim))
    ui.select_region(page, day.text, *_span(claim))
    page.keyboard.press(_hotkey(analyst))  # a label hotkey with a region selected relabels it...
    page.wait_for_function(f"() => {ui.ANNOTATION}.regions[0].labeling.selectedLabels[0].value === '{analyst}'")
    page.keyboard.press(_hotkey(official))  # ...as the steps warn; back to what it was
    page.wait_for_function(f"() => {ui.ANNOTATION}.regions[0].labeling.selectedLabels[0].value === '{official}'")
    ui.unselect(page)
    page.keyboard.press("Control+Enter")  # an official statement without a source: rule C001
    page.get_by_text("No More Tasks Left in Queue").wait_for()
    page.get_by_text("Go to Previous Task").click()
    note = page.locator(".ck-check")
    expect(note).to_contain_text("C001", timeout=TIMEOUT_MS)
    expect(note).to_contain_text(annotators[1].email)
    shot(page, "live-check-note")

    ui.label_span(page, day.text, _hotkey("Source"), *mention)
    ui.select_region(page, day.text, *mention)
    page.keyboard.press(_choice_key("source_kind", source.kind or ""))
    page.keyboard.press(_choice_key("source_naming", source.naming or ""))
    ui.unselect(page)
    ui.relate(page, day.text, _span(claim), mention)
    page.keyboard.press("Control+Enter")  # Update: the task reloads, checked again
    expect(note).to_have_text("", timeout=TIMEOUT_MS)
    shot(page, "note-cleared-after-the-fix")
    context.close()
    day.watch.wait_for(f"task {day.task}: 2 annotations, 0 problems, note updated")


# -- the lead: pull --------------------------------------------------------------------------------
def _canonical(annotation: Annotation) -> dict[str, Any]:
    """Content with ids replaced by the spans they stand for (the UI makes its own ids)."""
    span = {s.id: (s.mentions[0].start, s.mentions[0].end) for s in annotation.sources}
    span |= {c.id: (c.start, c.end) for c in annotation.cues}
    claims = sorted(
        (
            c.start,
            c.end,
            c.category,
            c.quote,
            c.certainty,
            c.polarity,
            c.content_type,
            span.get(c.source or ""),
            span.get(c.cue or ""),
        )
        for c in annotation.claims
    )
    sources = sorted(
        (tuple((m.start, m.end) for m in s.mentions), s.name, s.kind, s.naming) for s in annotation.sources
    )
    return {"claims": claims, "sources": sources, "cues": sorted((c.start, c.end) for c in annotation.cues)}


def _gold_part(gold: Annotation, claim_ids: tuple[str, ...]) -> Annotation:
    """The part of the gold annotation made of these claims, their sources and their cues."""
    claims = [claim for claim in gold.claims if claim.id in claim_ids]
    sources = {claim.source for claim in claims} - {None}
    cues = {claim.cue for claim in claims} - {None}
    return gold.model_copy(
        update={
            "claims": claims,
            "sources": [source for source in gold.sources if source.id in sources],
            "cues": [cue for cue in gold.cues if cue.id in cues],
        }
    )


def test_the_lead_pulls_both_annotations_as_drawn(
    day: Day, label_studio: LiveServer, annotators: tuple[Annotator, Annotator]
) -> None:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("LABEL_STUDIO_URL", label_studio.url)
        env.setenv("LABEL_STUDIO_API_KEY", label_studio.api_key)
        assert main(["ls", "pull", "--out", str(day.corpus), "--project", TITLE, "--key-file", str(day.key_file)]) == 0
    pulled = load_file(day.corpus / SEED.name).file
    assert pulled is not None and pulled.gold == day.gold
    pseudonym = load_pseudonymizer(day.key_file)
    by = {annotation.annotator: annotation for annotation in pulled.annotations}
    one, two = (by[pseudonym(person.email)] for person in annotators)
    assert _canonical(one) == _canonical(_gold_part(day.gold, CLAIMS_ONE))
    claim = next(claim for claim in day.gold.claims if claim.id == "c03")
    source = next(s for s in day.gold.sources if s.id == claim.source)
    mention = (source.mentions[0].start, source.mentions[0].end)
    assert _canonical(two) == {  # quote inferred (it has a source), name taken from the mention
        "claims": [(*_span(claim), claim.category, claim.quote, claim.certainty, claim.polarity, None, mention, None)],
        "sources": [((mention,), source.mentions[0].text, source.kind, source.naming)],
        "cues": [],
    }
    for annotation in (one, two):
        assert annotation.origin is not None and annotation.origin.project == day.project
        assert annotation.lead_time is not None and annotation.lead_time > 0
