"""UTF-16 offsets told from code points (L043): a UTF-16 reading of a span is recognised exactly
when the text it shows is what the UTF-16 offsets cover, and converted back losslessly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimkit.labelstudio.offsets import Utf16

CHARS = st.sampled_from(["ا", "ل", "ُ", " ", "\r", "\n", "🙂", "𝐀", "👍", "a", "😀"])


def _utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


@given(st.lists(CHARS, min_size=1, max_size=40).map("".join), st.data())
def test_utf16_offsets_convert_back_to_code_points(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    reading = Utf16(text)
    assert reading.code_point(_utf16(text, start)) == start
    assert reading.code_point(_utf16(text, end)) == end
    shifted = (_utf16(text, start), _utf16(text, end))
    if shifted != (start, end) and text[start:end].strip():
        assert reading.explains(*shifted, text[start:end]) == (start, end)


def test_a_span_before_any_emoji_is_never_utf16() -> None:
    text = "قال الوزير 🙂 إن"
    assert Utf16(text).explains(0, 3, "قال") is None


def test_inside_a_surrogate_pair_is_no_offset() -> None:
    assert Utf16("🙂x").code_point(1) is None
    assert Utf16("🙂x").code_point(2) == 1
    assert Utf16("🙂x").code_point(9) is None
