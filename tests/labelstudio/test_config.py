"""The labeling config is generated from the taxonomy and accepted by Label Studio's own parser."""

from __future__ import annotations

import pytest

from claimkit.labelstudio.client import config_values
from claimkit.labelstudio.config import (
    CLAIM_CHOICES,
    CLAIM_TEXTAREAS,
    SOURCE_CHOICES,
    SOURCE_TEXTAREAS,
    SPAN_CONTROL,
    labeling_config,
    labels_in_config,
)
from claimkit.taxonomy import describe
from tests.conftest import ROOT


def test_label_interface_sees_every_label_and_choice_of_the_taxonomy() -> None:
    controls = config_values(labeling_config())
    assert controls[SPAN_CONTROL] == set(labels_in_config())
    for control in (*CLAIM_CHOICES, *SOURCE_CHOICES):
        assert controls[control.name] == {describe(value).title for value in control.values}
    assert set(CLAIM_TEXTAREAS) | set(SOURCE_TEXTAREAS) <= set(controls)


def test_arabic_is_displayed_right_to_left_with_hotkeys() -> None:
    config = labeling_config()
    assert "direction: rtl" in config
    for hotkey in ('hotkey="1"', 'hotkey="2"', 'hotkey="3"', 'hotkey="s"', 'hotkey="c"'):
        assert hotkey in config


def test_committed_config_is_the_generated_one() -> None:
    assert (ROOT / "schema" / "labelstudio-config.xml").read_text(encoding="utf-8") == labeling_config()


def test_category_hotkeys_and_colours_come_from_the_taxonomy_or_are_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from claimkit.labelstudio import config
    from claimkit.taxonomy import ClaimCategory, describe

    declared = config.category_styles()
    assert [hotkey for hotkey, _ in declared.values()] == ["1", "2", "3"]
    bare = {category: replace(describe(category), hotkey=None, colour=None) for category in ClaimCategory}
    monkeypatch.setattr(config, "describe", lambda value: bare.get(value) or describe(value))
    derived = config.category_styles()
    hotkeys = [hotkey for hotkey, _ in derived.values()]
    assert len(set(hotkeys)) == len(hotkeys) and all(hotkeys)
    assert len({colour for _, colour in derived.values()}) == len(derived)
