"""What annotators read inside Label Studio: the working steps and the short guidelines (pure HTML).

Arabic reads right to left, hotkeys and English label names left to right. Every piece of Latin text
is isolated (``<bdi dir="ltr">``) inside a ``dir="rtl"`` block, so the bidi algorithm never reorders
the parts of a sentence: the header reads «اضغط 1 ثم ظلّل» in that order, whatever surrounds it.

The steps give the order Label Studio 1.23 needs: the label's hotkey first, then the mouse selection
(a selection made first ignores the hotkey), and Esc before the next hotkey once a region was
clicked (a label hotkey with a region selected relabels that region). The decision tree, the label
sets and the checks come from the taxonomy and the code registry, never from a second copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from html import escape

from claimkit.rules.registry import all_codes
from claimkit.taxonomy import GUIDELINES_VERSION, OFFICIAL_SOURCE_KINDS, ClaimCategory, SourceKind, describe

__all__ = ["ChoiceKey", "SpanKey", "expert_instruction", "header_html", "kbd", "ltr"]

#: Codes listed in the instructions: the checks of claims (C) and sources (N).
CHECKED_PREFIXES = ("C", "N")


@dataclass(frozen=True)
class SpanKey:
    """A span label as the annotator meets it: hotkey, Label Studio label, Arabic name."""

    hotkey: str
    label: str
    title_ar: str


@dataclass(frozen=True)
class ChoiceKey:
    """A per-region choice and the hotkey that toggles it while its region is selected."""

    hotkey: str
    control: str
    value: StrEnum


def ltr(text: str) -> str:
    """Latin text isolated inside right-to-left text."""
    return f'<bdi dir="ltr">{escape(text)}</bdi>'


def kbd(*keys: str) -> str:
    """A key or key combination (``kbd("Alt", "R")``), isolated left to right."""
    return '<bdi dir="ltr">' + "+".join(f"<kbd>{escape(key)}</kbd>" for key in keys) + "</bdi>"


def _steps(spans: Sequence[SpanKey]) -> list[str]:
    keys = "، ".join(f"{kbd(span.hotkey)} {escape(span.title_ar)}" for span in spans)
    return [
        f"اضغط مفتاح التسمية <b>أولاً</b>، ثم ظلّل الكلمات بالفأرة: {keys}.",
        f"انقر مقطعاً لتعبئة خاناته في اللوحة، ثم {kbd('Esc')} قبل التسمية التالية. "
        "<b>تنبيه:</b> مفتاح تسمية يُضغط والمقطع محدد يغيّر تسميته.",
        f"الربط: انقر الادعاء، ثم {kbd('Alt', 'R')}، ثم انقر مصدره؛ وانقر أداة الإسناد، ثم {kbd('Alt', 'R')}، "
        "ثم انقر ادعاءها.",
        f"أرسل بـ {kbd('Ctrl', 'Enter')}. تظهر ملاحظات التحقق فوق اللوحة بعد الإرسال.",
    ]


def _list(items: Iterable[str], tag: str = "ol") -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def header_html(spans: Sequence[SpanKey]) -> str:
    """The steps shown above the text in the labeling view (one line of HTML)."""
    return f'<div dir="rtl" lang="ar" class="ck-help">{_list(_steps(spans))}</div>'


def _decision_tree(spans: Sequence[SpanKey]) -> str:
    keys = {span.label: span.hotkey for span in spans}
    items = []
    for category in ClaimCategory:
        term = describe(category)
        english = ltr(f"{term.title}: {term.definition}")
        items.append(f"<b>{escape(term.title_ar)}</b> {kbd(keys[term.title])} {english}")
    return "<p>اسأل بالترتيب؛ أول «نعم» تحسم الفئة:</p>" + _list(items)


def _source_kinds() -> str:
    def names(kinds: Iterable[SourceKind]) -> str:
        return "، ".join(f"{escape(describe(kind).title_ar)} {ltr(describe(kind).title)}" for kind in kinds)

    official = [kind for kind in SourceKind if kind in OFFICIAL_SOURCE_KINDS]
    other = [kind for kind in SourceKind if kind not in OFFICIAL_SOURCE_KINDS]
    return _list([f"<b>رسمية:</b> {names(official)}", f"<b>غير رسمية:</b> {names(other)}"], "ul")


def _choice_keys(choices: Sequence[ChoiceKey]) -> str:
    rows = "".join(
        f"<tr><td>{ltr(choice.control)}</td><td>{escape(describe(choice.value).title_ar)} "
        f"{ltr(describe(choice.value).title)}</td><td>{kbd(choice.hotkey)}</td></tr>"
        for choice in choices
    )
    return f"<table><tr><th>الخانة</th><th>الخيار</th><th>المفتاح</th></tr>{rows}</table>"


def _checks() -> str:
    codes = all_codes()
    checked = sorted(code for code in codes if code.startswith(CHECKED_PREFIXES))
    return _list((f"{ltr(code)} {ltr(codes[code].summary)}" for code in checked), "ul")


def expert_instruction(spans: Sequence[SpanKey], choices: Sequence[ChoiceKey], guidelines_url: str) -> str:
    """The project's Instructions (Label Studio's ``expert_instruction``): a short RTL guide."""
    parts = [
        f"<h3>دليل الترميز المختصر {ltr('(' + GUIDELINES_VERSION + ')')}</h3>",
        f'<p>الدليل الكامل بالأمثلة: <a href="{escape(guidelines_url)}" target="_blank">'
        f"{ltr('docs/guidelines.md')}</a></p>",
        "<h4>طريقة العمل</h4>",
        _list(_steps(spans)),
        "<h4>شجرة القرار: فئة الادعاء</h4>",
        _decision_tree(spans),
        "<h4>أنواع المصادر</h4>",
        _source_kinds(),
        "<h4>ما يفحصه claimkit</h4>",
        _checks(),
        "<h4>مفاتيح الخيارات (والمقطع محدد)</h4>",
        _choice_keys(choices),
    ]
    return f'<div dir="rtl" lang="ar" style="text-align: right">{"".join(parts)}</div>'
