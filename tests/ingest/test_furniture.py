"""Page furniture of Arabic news: one real-looking page per pattern (docs/guidelines.md §8).

Each ``furniture/<pattern>.txt`` lists in ``<pattern>.expect`` every furniture line it holds, as
``kind<TAB>text``, no more and no less; a headline line is also the title ingest takes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimkit.ingest import detect_furniture
from claimkit.ingest.furniture import furniture_share, is_dateline, title_problem

PAGES = sorted((Path(__file__).parent / "furniture").glob("*.txt"))


def _expected(page: Path) -> list[tuple[str, str]]:
    lines = page.with_suffix(".expect").read_text(encoding="utf-8").splitlines()
    return [(kind, text) for kind, text in (line.split("\t", 1) for line in lines if line)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_each_pattern_is_marked_exactly(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    pieces, title = detect_furniture(text)
    assert [(piece.kind.value, piece.text) for piece in pieces] == _expected(page)
    assert all(text[piece.start : piece.end] == piece.text for piece in pieces)
    headlines = [line for kind, line in _expected(page) if kind == "headline"]
    assert title == (headlines[0] if headlines else title)


def test_there_is_a_page_per_pattern_of_the_guidelines() -> None:
    guidelines = (Path(__file__).parents[2] / "docs" / "guidelines.md").read_text(encoding="utf-8")
    section = guidelines.split("## 8.", 1)[1].split("\n## 9.", 1)[0]
    assert {page.stem for page in PAGES} == set(_pattern_names(section))


def _pattern_names(section: str) -> list[str]:
    """The pattern names of the table in §8: its first column, in backquotes."""
    return [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")]


@pytest.mark.parametrize(
    "line",
    ["تواصلوا عبر واتس آب 2015", "5 قتلى في غارة على حلب", "3 أكتوبر: يوم الغضب في تونس", "مارس الرياضة يومياً 2024"],
)
def test_month_names_match_as_whole_words_next_to_a_number(line: str) -> None:
    assert not is_dateline(line)


@pytest.mark.parametrize("headline", ["هل تنجح المفاوضات؟", "الحرب مستمرة!", "ماذا بعد..", "وماذا بعد…", "Why now?"])
def test_headlines_may_end_with_a_question_an_exclamation_or_a_pause(headline: str) -> None:
    assert title_problem(headline) is None


@pytest.mark.parametrize("line", ["قال الوزير إن الوضع مستقر.", "المصدر:", "x" * 201])
def test_a_sentence_or_a_long_line_is_not_a_headline(line: str) -> None:
    assert title_problem(line) is not None


def test_a_headline_only_text_is_all_furniture() -> None:
    text = "عاجل: انفجار في ميناء بيروت\n"
    pieces, _ = detect_furniture(text)
    assert furniture_share(text, pieces) == 1.0
