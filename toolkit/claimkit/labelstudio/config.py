"""The Label Studio labeling config, generated from the taxonomy, and the names conversion relies on.

Designed for few actions per claim. One ``Labels`` control holds every span type, with hotkeys:
``1``/``2``/``3`` the claim categories, ``s`` a source mention, ``c`` a cue. Relations carry no label:
their meaning follows from what they connect (claim-source: attribution; cue-claim: the cue of the
claim; claim-claim: nested in; source-source: two mentions of one source). Per-region choices
default sensibly when left empty (certainty certain, polarity positive, quote inferred from the
quotation marks), so a typical attributed claim takes: select + ``1``, select + ``s``, select +
``c``, two relations.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from xml.sax.saxutils import quoteattr

from claimkit.taxonomy import (
    GUIDELINES_VERSION,
    Certainty,
    ClaimCategory,
    ContentType,
    Polarity,
    QuoteType,
    SourceKind,
    SourceNaming,
    describe,
)

__all__ = [
    "ANNOTATION_COMMENT",
    "CLAIM_CHOICES",
    "CLAIM_TEXTAREAS",
    "CUE_LABEL",
    "GUIDELINES_URL",
    "SOURCE_CHOICES",
    "SOURCE_LABEL",
    "SOURCE_TEXTAREAS",
    "SPAN_CONTROL",
    "TEXT_OBJECT",
    "ChoiceControl",
    "category_label",
    "instructions_html",
    "labeling_config",
    "labels_in_config",
]

TEXT_OBJECT = "text"
SPAN_CONTROL = "span"
SOURCE_LABEL = "Source"
CUE_LABEL = "Cue"
ANNOTATION_COMMENT = "document_comment"
GUIDELINES_URL = "https://github.com/claimkit/claimkit/blob/main/docs/guidelines.md"

SOURCE_HOTKEY, CUE_HOTKEY = "s", "c"
#: Colours for categories that declare none (matplotlib's tab10, without those Source and Cue use).
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


@dataclass(frozen=True)
class ChoiceControl:
    """A per-region ``Choices`` control: its name, the field it fills and the label set it offers."""

    name: str
    field: str
    values: type[StrEnum]


CLAIM_CHOICES = (
    ChoiceControl("quote", "quote", QuoteType),
    ChoiceControl("certainty", "certainty", Certainty),
    ChoiceControl("polarity", "polarity", Polarity),
    ChoiceControl("content_type", "content_type", ContentType),
)
SOURCE_CHOICES = (
    ChoiceControl("source_kind", "kind", SourceKind),
    ChoiceControl("source_naming", "naming", SourceNaming),
)
#: Per-region text areas: control name -> model field.
CLAIM_TEXTAREAS = {"event_date": "event_date", "claim_comment": "comment"}
SOURCE_TEXTAREAS = {"source_name": "name", "source_role": "role", "source_affiliation": "affiliation"}


def category_label(category: ClaimCategory) -> str:
    """The label a claim of this category carries in Label Studio."""
    return describe(category).title


def labels_in_config() -> list[str]:
    """Every span label, in the order of the config."""
    return [category_label(category) for category in ClaimCategory] + [SOURCE_LABEL, CUE_LABEL]


def category_styles() -> dict[ClaimCategory, tuple[str, str]]:
    """(hotkey, colour) of each category: as declared in the taxonomy, else derived from its position.

    Derived hotkeys are the digits not declared by another category, in order; derived colours cycle
    through a palette. Two categories never share a hotkey.
    """
    terms = {category: describe(category) for category in ClaimCategory}
    taken = {term.hotkey for term in terms.values() if term.hotkey}
    free = iter(key for key in "1234567890" if key not in taken)
    styles = {}
    for position, (category, term) in enumerate(terms.items()):
        hotkey = term.hotkey or next(free, "")
        styles[category] = (hotkey, term.colour or _PALETTE[position % len(_PALETTE)])
    return styles


def _label_tags() -> list[str]:
    tags = []
    for category, (hotkey, colour) in category_styles().items():
        term = describe(category)
        hint = quoteattr(f"{term.title_ar}: {term.definition}")
        key = f" hotkey={quoteattr(hotkey)}" if hotkey else ""
        tags.append(f"      <Label value={quoteattr(term.title)}{key} background={quoteattr(colour)} hint={hint}/>")
    tags.append(
        f'      <Label value="{SOURCE_LABEL}" hotkey="{SOURCE_HOTKEY}" background="#9467bd" hint="المصدر: من قال"/>'
    )
    tags.append(
        f'      <Label value="{CUE_LABEL}" hotkey="{CUE_HOTKEY}" background="#8c564b" '
        'hint="أداة الإسناد: قال، أكد، وفقاً لـ"/>'
    )
    return tags


def _choices_tag(control: ChoiceControl) -> list[str]:
    head = (
        f'    <Choices name="{control.name}" toName="{TEXT_OBJECT}" perRegion="true" '
        f'choice="single-radio" showInline="true">'
    )
    options = []
    for value in control.values:
        term = describe(value)
        options.append(
            f"      <Choice value={quoteattr(term.title)} hint={quoteattr(f'{term.title_ar}: {term.definition}')}/>"
        )
    return [head, *options, "    </Choices>"]


def _textarea_tag(name: str, placeholder: str) -> str:
    return (
        f'    <TextArea name="{name}" toName="{TEXT_OBJECT}" perRegion="true" maxSubmissions="1" '
        f'editable="true" rows="1" placeholder={quoteattr(placeholder)}/>'
    )


def _region_panel(
    labels: list[str], header: str, choices: tuple[ChoiceControl, ...], areas: dict[str, str]
) -> list[str]:
    placeholders = {
        "event_date": "تاريخ الحدث YYYY-MM-DD (اختياري)",
        "claim_comment": "ملاحظة (اختياري)",
        "source_name": "الاسم الكامل للمصدر (افتراضياً: نص الإشارة)",
        "source_role": "الصفة (المحلل السياسي...)",
        "source_affiliation": "الجهة التي يمثلها",
    }
    lines = [f'  <View visibleWhen="region-selected" whenLabelValue={quoteattr(",".join(labels))}>']
    lines.append(f'    <Header value={quoteattr(header)} size="5"/>')
    for control in choices:
        lines += _choices_tag(control)
    lines += [_textarea_tag(name, placeholders[name]) for name in areas]
    lines.append("  </View>")
    return lines


def labeling_config() -> str:
    """The full labeling config XML (``schema/labelstudio-config.xml``)."""
    claim_labels = [category_label(category) for category in ClaimCategory]
    lines = [
        f"<!-- claimkit labeling config, guidelines {GUIDELINES_VERSION}. "
        "Generated by `claimkit schema`; do not edit. -->",
        "<View>",
        '  <Header value="ظلّل الادعاء ثم اضغط 1 (تصريح رسمي) أو 2 (رأي محلل) أو 3 (خبر)، والمصدر s، وأداة الإسناد c؛ '
        'ثم اربط الادعاء بمصدره وأداة الإسناد بالادعاء." size="6"/>',
        f'  <Labels name="{SPAN_CONTROL}" toName="{TEXT_OBJECT}" choice="single" showInline="true">',
        *_label_tags(),
        "  </Labels>",
        '  <View style="direction: rtl; text-align: right; font-size: 1.15em; line-height: 1.9">',
        f'    <Text name="{TEXT_OBJECT}" value="$text"/>',
        "  </View>",
        *_region_panel(claim_labels, "الادعاء · Claim", CLAIM_CHOICES, CLAIM_TEXTAREAS),
        *_region_panel([SOURCE_LABEL], "المصدر · Source", SOURCE_CHOICES, SOURCE_TEXTAREAS),
        f'  <TextArea name="{ANNOTATION_COMMENT}" toName="{TEXT_OBJECT}" rows="2" editable="true" '
        'placeholder="ملاحظة على المقال كله (اختياري)"/>',
        "</View>",
    ]
    return "\n".join(lines) + "\n"


def instructions_html() -> str:
    """The project instructions shown to annotators, linking to the full guidelines."""
    rows = "".join(
        f"<li><b>{describe(c).title_ar}</b> ({describe(c).title}): {describe(c).definition}</li>" for c in ClaimCategory
    )
    return (
        f'<div dir="rtl"><p>دليل الترميز (الإصدار {GUIDELINES_VERSION}): '
        f'<a href="{GUIDELINES_URL}" target="_blank">docs/guidelines.md</a></p><ul>{rows}</ul>'
        "<p>اربط كل ادعاء بمصدره (إن وجد) وكل أداة إسناد بادعائها، والادعاء المتضمن بالادعاء الأكبر.</p></div>"
    )
