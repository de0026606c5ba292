"""Cleaning a text before any offset exists: ``--html`` takes it out of its HTML (``--strip-bidi`` and
``--nfc``: test_inputs.py)."""

from __future__ import annotations

import html
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from claimkit.ingest.cleaning import html_to_text
from tests.ingest.conftest import Ingest, codes, written

INPUTS = Path(__file__).parent / "inputs"
MAPPING = ["--id-field", "id", "--title-field", "headline", "--text-field", "body"]


def test_a_cms_body_becomes_paragraphs_of_text(ingest: Ingest, tmp_path: Path) -> None:
    """Without --html the markup is kept and flagged (D011); with it, each block is a paragraph, <br/>
    a line, references decoded, the script and the comment gone, the link's words kept as text."""
    code, report = ingest(str(INPUTS / "cms-html.jsonl"), *MAPPING)
    assert (code, codes(report)) == (0, ["D011"])
    code, report = ingest(str(INPUTS / "cms-html.jsonl"), *MAPPING, "--html", out=tmp_path / "clean")
    assert (code, codes(report)) == (0, [])
    document = written(tmp_path / "clean")["jazan-locusts"]
    assert document["title"] == "أسراب الجراد تصل إلى جازان & الحدود"
    assert document["text"].split("\n\n") == [
        "الرياض - أعلنت وزارة البيئة والمياه والزراعة، اليوم الثلاثاء، عن رصد أسراب من الجراد الصحراوي في منطقة جازان.",
        'وقال المتحدث باسم الوزارة إن "فرق المكافحة تعمل على مدار الساعة"، مضيفاً أن المساحات المعالجة تجاوزت '
        "12 ألف هكتار.\nوأكد أن الوضع تحت السيطرة.",
        "اقرأ أيضاً: مكافحة الجراد في اليمن",
        "وحذّر خبير زراعي من أن الأسراب قد تصل إلى المناطق الزراعية خلال أيام.",
    ]
    assert [piece["kind"] for piece in document["furniture"]] == ["boilerplate"]  # the "read also" line


def test_an_article_of_nothing_but_markup_is_an_empty_text(ingest: Ingest, tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_text("<div><script>track()</script><!-- ad --></div>", encoding="utf-8")
    code, report = ingest(str(source), "--title", "عنوان", "--html")
    assert (code, [(i["code"], i["location"]["file"]) for i in report["issues"]]) == (2, [("F004", str(source))])


def test_what_is_not_markup_stays_text() -> None:
    """A < that opens no tag, an unclosed tag, an unknown entity: as a browser shows them."""
    assert html_to_text("3 < 4 و x<y &foo; &amp") == "3 < 4 و x<y &foo; &"
    assert html_to_text("<p a='1 > 0'>قال</p><p>إن") == "قال\n\nإن"
    assert html_to_text("<a<a<a") == "<a<a<a"
    assert html_to_text("<details><summary>ملخص</summary>التفاصيل</details>") == "ملخص\n\nالتفاصيل"
    assert html_to_text("<p>البيان:</p><pre>البند الأول\nالبند الثاني</pre>") == "البيان:\n\nالبند الأول\nالبند الثاني"


def test_hidden_elements_hide_their_tags_too() -> None:
    assert html_to_text("<noscript><p>فعّل جافاسكربت</p></noscript><p>الخبر</p>") == "الخبر"
    assert html_to_text("<svg><title>x</title><text>y</text></svg>نص") == "نص"
    assert html_to_text("<html><head><title>x</title><meta charset=utf-8><body><p>الخبر</p>") == "الخبر"


def test_what_never_ends_hides_nothing() -> None:
    """A browser hides the rest of a page after an unclosed comment or script, or a self-closed iframe;
    an article's text must not go with it unsaid (independent review): only the opener is dropped, or
    the self-closed element alone."""
    assert html_to_text("<p>قال الوزير</p><iframe src='https://x' /><p>وأضاف</p>") == "قال الوزير\n\nوأضاف"
    assert html_to_text("<p>أ</p><svg width='1'/><p>ب</p>") == "أ\n\nب"
    assert html_to_text("<p>قبل</p><script>var x = 1;<p>بعد") == "قبل\n\nvar x = 1;\n\nبعد"
    assert html_to_text("<p>قبل<!-- لم يغلق <p>بعد") == "قبل<!-- لم يغلق\n\nبعد"
    assert html_to_text("<p>أ</p><!--><p>ب</p><!---><p>ج</p>") == "أ\n\nب\n\nج"  # empty comments


_WORDS = st.lists(st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1), min_size=1)


@given(st.lists(st.lists(_WORDS, min_size=1, max_size=3), max_size=5))
def test_paragraphs_written_as_html_come_back(paragraphs: list[list[list[str]]]) -> None:
    """Any words, escaped into <p> and <br>, come back as the paragraphs and lines they were."""
    written_as = "".join(
        "<p>" + "<br>".join(html.escape(" ".join(line)) for line in lines) + "</p>" for lines in paragraphs
    )
    expected = "\n\n".join("\n".join(" ".join(line) for line in lines) for lines in paragraphs)
    assert html_to_text(written_as) == expected
