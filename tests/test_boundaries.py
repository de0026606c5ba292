"""Span boundaries (rules O005-O009): marks, words with Arabic proclitics, emoji sequences."""

from __future__ import annotations

import pytest

from claimkit.rules.boundaries import inside_word, splits_character, splits_mark

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
