"""Span boundaries (rules O005-O009): marks, words with Arabic proclitics, emoji sequences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.rules.boundaries import inside_word, splits_character, splits_mark
from claimkit.textutil import may_split

TEXT = "وأكد الوزيرُ أنّ المحادثات"


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("الوزيرُ", 6, True),  # before the damma of the last letter
        ("أنّ", 2, True),  # between the noon and its shadda
        ("الوزيرُ", 7, False),  # at the end
        ("مُحَادَثَاتٌ", 1, True),
        ("مُحَادَثَاتٌ", 2, False),
        ("❤️", 1, True),  # the emoji's variation selector is a mark too
    ],
)
def test_splits_mark(text: str, offset: int, expected: bool) -> None:
    assert splits_mark(text, offset) is expected


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (1, False),  # after the proclitic و of وأكد (the guidelines keep it out of the cue)
        (2, True),  # inside أكد
        (4, False),  # at the space
        (6, True),  # inside الوزير after ا
        (7, True),  # after ال: the article is not a proclitic of the guidelines
        (0, False),
    ],
)
def test_inside_word(offset: int, expected: bool) -> None:
    assert inside_word(TEXT, offset) is expected


def test_inside_word_allows_up_to_three_proclitics_and_their_marks() -> None:
    assert not inside_word("وبالقلم", 2)  # و ب
    assert not inside_word("وَلَقد", 4)  # و + fatha, ل + fatha
    assert inside_word("وبكسلام", 4)  # four letters of و ف ب ل ك س are a word, not a prefix
    assert not inside_word("سامر", 1)  # the limit of a rule without a lexicon: س could be the future prefix
    assert not inside_word("لنجار", 1)  # وفقا لـ: the source starts after ل


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("a\r\nb", 2, True),
        ("a\r\nb", 1, False),
        ("👩\u200d💻", 1, True),  # before the ZWJ
        ("👩\u200d💻", 2, True),  # after the ZWJ
        ("👍🏽", 1, True),  # before the skin tone
        ("🇸🇾🇷🇺", 1, True),  # inside the first flag
        ("🇸🇾🇷🇺", 2, False),  # between two flags
        ("🇸🇾🇷🇺", 3, True),
        ("🙂 x", 1, False),
    ],
)
def test_splits_character(text: str, offset: int, expected: bool) -> None:
    assert splits_character(text, offset) is expected


#: Letters, proclitics, harakat, digits, spaces, punctuation, CR LF, a joiner, skin tones, flags, a selector.
_CHARACTERS = (
    "وفبلكساأكدنمح"
    + "\u064e\u064f\u0650\u0651\u0652"
    + "19٣"
    + " \n\r\t.،«»-"
    + "\u200d\U0001f3fb\U0001f1f8\U0001f1fe\u2764\ufe0f\U0001f468a"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_CHARACTERS, max_size=12))
def test_the_boundary_tests_hold_only_where_may_split_lets_them_run(text: str) -> None:
    """``span_bounds`` keeps only the offsets ``may_split`` gives: a test that holds elsewhere would be lost."""
    allowed = may_split(text, range(len(text) + 1))
    for offset in range(len(text) + 1):
        if splits_mark(text, offset) or inside_word(text, offset) or splits_character(text, offset):
            assert offset in allowed, (text, offset)


def test_may_split_lets_a_plain_boundary_go() -> None:
    """The point of it: a span starting after a space or ending before punctuation is not tested."""
    assert may_split(TEXT, [0, 4, 5, len(TEXT)]) == frozenset()
    assert may_split(TEXT, [2, 6]) == {2, 6}
