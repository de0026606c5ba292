"""What annotators read in Label Studio: generated from the taxonomy and the codes, bidi-safe."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimkit.cli import main
from claimkit.labelstudio.config import (
    CLAIM_CHOICES,
    SOURCE_CHOICES,
    choice_hotkeys,
    instructions_html,
    labeling_config,
    span_hotkeys,
)
from claimkit.labelstudio.instructions import header_html
from claimkit.labelstudio.settings import configured_overlap
from claimkit.rules.registry import all_codes
from claimkit.taxonomy import ClaimCategory, describe
from tests.errors import raises_code

#: The keys Label Studio 1.23 hands out to controls without a hotkey, in its order (Hotkey.makeComb).
LABEL_STUDIO_KEYS = "1234567890qwetasdfgzxcvbyiopjklnm"


class _Reader(HTMLParser):
    """Collects the text of every <kbd> with the elements it sits in, and the <ol> items' bold texts."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, dict[str, str | None]]] = []
        self.keys: list[tuple[str, list[tuple[str, dict[str, str | None]]]]] = []
        self.bold: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        tags = [tag for tag, _ in self.open]
        if tags and tags[-1] == "kbd":
            self.keys.append((data, list(self.open)))
        if tags[-2:] == ["li", "b"]:
            self.bold.append(data)


def _read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    return reader


def test_every_choice_has_its_own_key_the_one_label_studio_would_give() -> None:
    keys = choice_hotkeys()
    taken = [span.hotkey for span in span_hotkeys()]
    assert len({key.hotkey for key in keys}) == len(keys)
    assert not {key.hotkey for key in keys} & set(taken)
    assert [key.hotkey for key in keys] == [k for k in LABEL_STUDIO_KEYS if k not in taken][: len(keys)]
    choices = sum(len(control.values) for control in (*CLAIM_CHOICES, *SOURCE_CHOICES))
    assert len(keys) == min(choices, len(LABEL_STUDIO_KEYS) - len(taken))
    config = labeling_config()
    for key in keys:
        assert f'<Choice value="{describe(key.value).title}" hotkey="{key.hotkey}"' in config


def test_the_steps_are_right_to_left_with_every_key_isolated_left_to_right() -> None:
    html = header_html(span_hotkeys())
    reader = _read(html)
    assert html.startswith('<div dir="rtl"')
    assert [text for text, _ in reader.keys][:5] == [span.hotkey for span in span_hotkeys()]
    for _, around in reader.keys:
        assert ("bdi", {"dir": "ltr"}) in around
    first = html.split("</li>")[0]
    assert first.index("أولاً") < first.index("ظلّل")  # the hotkey first, then the selection


def test_the_instructions_carry_the_decision_tree_the_checks_and_the_choice_keys() -> None:
    html = instructions_html()
    reader = _read(html)
    titles = [describe(category).title_ar for category in ClaimCategory]
    assert [text for text in reader.bold if text in titles] == titles  # the tree, in the taxonomy's order
    codes = [code for code in all_codes() if code.startswith(("C", "N"))]
    assert codes and all(f">{code}<" in html for code in codes)
    keys = [text for text, _ in reader.keys]
    assert all(key.hotkey in keys for key in choice_hotkeys())
    assert all(("bdi", {"dir": "ltr"}) in around for _, around in reader.keys)


def test_overlap_is_read_from_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    assert configured_overlap(pyproject) is None
    pyproject.write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert configured_overlap(pyproject) is None
    pyproject.write_text("[tool.claimkit.labelstudio]\noverlap = 3\n", encoding="utf-8")
    assert configured_overlap(pyproject) == 3
    for bad in ("overlap = 0", 'overlap = "2"', "overlap = true", "overlaps = 2", "overlap ="):
        pyproject.write_text(f"[tool.claimkit.labelstudio]\n{bad}\n", encoding="utf-8")
        with raises_code("E501"):
            configured_overlap(pyproject)


def test_init_refuses_an_overlap_below_one_before_calling_the_server(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ls", "init", "--overlap", "0", "--url", "http://127.0.0.1:9", "--api-key", "k"]) == 2
    assert "E501" in capsys.readouterr().err
