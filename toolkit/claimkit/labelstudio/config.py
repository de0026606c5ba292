"""The Label Studio labeling config, generated from the taxonomy, and the names conversion relies on.

Designed for few actions per claim. One ``Labels`` control holds every span type, with hotkeys:
``1``/``2``/``3`` the claim categories, ``s`` a source mention, ``c`` a cue (pressed *before* the
mouse selection: that is the order Label Studio 1.23 accepts). Relations carry no label: their
meaning follows from what they connect (claim-source: attribution; cue-claim: the cue of the claim;
claim-claim: nested in; source-source: two mentions of one source). Per-region choices default
sensibly when left empty (certainty certain, polarity positive, quote inferred from the quotation
marks), so a typical attributed claim takes: ``1`` + select, ``s`` + select, ``c`` + select, two
relations.

Layout (checked in a real browser at 1366x768): the steps on top, then two columns: the text on the
left and, on the right, a column that stays in view while the text scrolls (CSS ``position:
sticky``) with the labels, the live-check messages (task field :data:`CHECK_FIELD`, written by
``claimkit ls watch``) and the fields of the selected region. Relation arrows are drawn faint so
they do not cover the text; hovering a relation in Label Studio's Relations tab draws it in full.
Every choice gets an explicit hotkey, the one Label Studio would otherwise assign by itself, so
that the Instructions can list them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from xml.sax.saxutils import quoteattr

from claimkit.labelstudio.instructions import ChoiceKey, SpanKey, expert_instruction, header_html
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
    "CHECK_FIELD",
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
    "choice_hotkeys",
    "instructions_html",
    "labeling_config",
    "labels_in_config",
    "span_hotkeys",
]

TEXT_OBJECT = "text"
SPAN_CONTROL = "span"
SOURCE_LABEL = "Source"
CUE_LABEL = "Cue"
ANNOTATION_COMMENT = "document_comment"
#: The task data field holding live-check messages (Markdown), shown above the region fields.
CHECK_FIELD = "claimkit_check"
GUIDELINES_URL = "https://github.com/claimkit/claimkit/blob/main/docs/guidelines.md"

SOURCE_HOTKEY, CUE_HOTKEY = "s", "c"
#: Colours for categories that declare none (matplotlib's tab10, without those Source and Cue use).
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
#: The keys Label Studio hands out to controls without a hotkey, in its order (``Hotkey.makeComb``).
_AUTO_KEYS = "1234567890qwetasdfgzxcvbyiopjklnm"
_SOURCE_AR, _CUE_AR = "المصدر", "أداة الإسناد"
_STYLE = (
    ".ck-help { direction: rtl; font-size: 14px; line-height: 1.7; background: #f4f5f8; border-radius: 6px;"
    " padding: 4px 12px; margin-bottom: 8px; }",
    ".ck-help ol { margin: 0; padding-inline-start: 1.4em; }",
    ".ck-help kbd { font-family: monospace; font-size: 12px; border: 1px solid #b8bcc8; border-radius: 3px;"
    " padding: 0 4px; background: #fff; }",
    ".ck-columns { display: flex; align-items: flex-start; gap: 16px; }",
    ".ck-text { flex: 1 1 auto; min-width: 0; direction: rtl; text-align: right; font-size: 1.15em;"
    " line-height: 1.9; }",
    ".ck-side { flex: 0 0 340px; position: sticky; top: 0; max-height: calc(100vh - 140px); overflow-y: auto; }",
    ".ck-side textarea, .ck-side input[type=text] { direction: rtl; unicode-bidi: plaintext; }",
    ".ck-check { direction: rtl; text-align: right; background: #fff1f0; border: 1px solid #ffa39e;"
    " border-radius: 6px; padding: 4px 10px; margin: 6px 0; font-size: 13px; }",
    ".ck-check:empty { display: none; }",
    ".relations-overlay [class*=relationItem] { opacity: 0.2; }",
    ".relations-overlay [class*=_highlighted] { opacity: 1; }",
)


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


def span_hotkeys() -> list[SpanKey]:
    """Every span label with its hotkey and Arabic name, in the order of the config."""
    keys = [
        SpanKey(hotkey, describe(category).title, describe(category).title_ar)
        for category, (hotkey, _) in category_styles().items()
        if hotkey
    ]
    return [*keys, SpanKey(SOURCE_HOTKEY, SOURCE_LABEL, _SOURCE_AR), SpanKey(CUE_HOTKEY, CUE_LABEL, _CUE_AR)]


def choice_hotkeys() -> list[ChoiceKey]:
    """A hotkey for every per-region choice: the keys Label Studio would assign, in its order.

    Choices beyond the available keys get none (Label Studio would not give them one either).
    """
    taken = {span.hotkey for span in span_hotkeys()}
    free = iter(key for key in _AUTO_KEYS if key not in taken)
    found = []
    for control in (*CLAIM_CHOICES, *SOURCE_CHOICES):
        for value in control.values:
            key = next(free, None)
            if key is not None:
                found.append(ChoiceKey(key, control.name, value))
    return found


def _label_tags() -> list[str]:
    tags = []
    for category, (hotkey, colour) in category_styles().items():
        term = describe(category)
        hint = quoteattr(f"{term.title_ar}: {term.definition}")
        key = f" hotkey={quoteattr(hotkey)}" if hotkey else ""
        tags.append(f"        <Label value={quoteattr(term.title)}{key} background={quoteattr(colour)} hint={hint}/>")
    tags.append(
        f'        <Label value="{SOURCE_LABEL}" hotkey="{SOURCE_HOTKEY}" background="#9467bd" '
        f'hint="{_SOURCE_AR}: من قال"/>'
    )
    tags.append(
        f'        <Label value="{CUE_LABEL}" hotkey="{CUE_HOTKEY}" background="#8c564b" '
        f'hint="{_CUE_AR}: قال، أكد، وفقاً لـ"/>'
    )
    return tags


def _choices_tag(control: ChoiceControl, hotkeys: dict[tuple[str, StrEnum], str]) -> list[str]:
    head = (
        f'      <Choices name="{control.name}" toName="{TEXT_OBJECT}" perRegion="true" '
        f'choice="single-radio" showInline="true">'
    )
    options = []
    for value in control.values:
        term = describe(value)
        key = hotkeys.get((control.name, value))
        hotkey = f" hotkey={quoteattr(key)}" if key else ""
        hint = quoteattr(f"{term.title_ar}: {term.definition}")
        options.append(f"        <Choice value={quoteattr(term.title)}{hotkey} hint={hint}/>")
    return [head, *options, "      </Choices>"]


def _textarea_tag(name: str, placeholder: str) -> str:
    return (
        f'      <TextArea name="{name}" toName="{TEXT_OBJECT}" perRegion="true" maxSubmissions="1" '
        f'editable="true" rows="1" placeholder={quoteattr(placeholder)}/>'
    )


_PLACEHOLDERS = {
    "event_date": "تاريخ الحدث YYYY-MM-DD (اختياري)",
    "claim_comment": "ملاحظة (اختياري)",
    "source_name": "الاسم الكامل للمصدر (افتراضياً: نص الإشارة)",
    "source_role": "الصفة (المحلل السياسي...)",
    "source_affiliation": "الجهة التي يمثلها",
}


def _region_panel(
    name: str, labels: list[str], header: str, choices: tuple[ChoiceControl, ...], areas: dict[str, str]
) -> list[str]:
    hotkeys = {(key.control, key.value): key.hotkey for key in choice_hotkeys()}
    when = f'visibleWhen="region-selected" whenLabelValue={quoteattr(",".join(labels))}'
    lines = [f'    <View className="ck-panel ck-{name}" {when}>']
    lines.append(f'      <Header value={quoteattr(header)} size="5"/>')
    for control in choices:
        lines += _choices_tag(control, hotkeys)
    lines += [_textarea_tag(name, _PLACEHOLDERS[name]) for name in areas]
    lines.append("    </View>")
    return lines


def labeling_config() -> str:
    """The full labeling config XML (``schema/labelstudio-config.xml``)."""
    claim_labels = [category_label(category) for category in ClaimCategory]
    lines = [
        f"<!-- claimkit labeling config, guidelines {GUIDELINES_VERSION}. "
        "Generated by `claimkit schema`; do not edit. -->",
        "<View>",
        "  <Style>",
        *(f"    {rule}" for rule in _STYLE),
        "  </Style>",
        f"  <Markdown value={quoteattr(header_html(span_hotkeys()))}/>",
        '  <View className="ck-columns">',
        '    <View className="ck-text">',
        f'      <Text name="{TEXT_OBJECT}" value="$text"/>',
        "    </View>",
        '    <View className="ck-side">',
        f'      <Labels name="{SPAN_CONTROL}" toName="{TEXT_OBJECT}" choice="single" showInline="true">',
        *_label_tags(),
        "      </Labels>",
        f'      <Markdown value="${CHECK_FIELD}" className="ck-check"/>',
        *(
            "  " + line
            for line in _region_panel("claim", claim_labels, "الادعاء · Claim", CLAIM_CHOICES, CLAIM_TEXTAREAS)
        ),
        *(
            "  " + line
            for line in _region_panel("source", [SOURCE_LABEL], "المصدر · Source", SOURCE_CHOICES, SOURCE_TEXTAREAS)
        ),
        f'      <TextArea name="{ANNOTATION_COMMENT}" toName="{TEXT_OBJECT}" rows="2" editable="true" '
        'placeholder="ملاحظة على المقال كله (اختياري)"/>',
        "    </View>",
        "  </View>",
        "</View>",
    ]
    return "\n".join(lines) + "\n"


def instructions_html() -> str:
    """The project's Instructions (``expert_instruction``): steps, decision tree, label sets, checks."""
    return expert_instruction(span_hotkeys(), choice_hotkeys(), GUIDELINES_URL)
