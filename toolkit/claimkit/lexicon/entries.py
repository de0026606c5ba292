"""The Arabic attribution cues and certainty markers of the guidelines, as data (one home).

The tables in docs/guidelines.md §4 and §5 are generated from these entries (``claimkit docs``), the
validation rules read them (C010-C012, O012), and a pre-annotator can search a text with them
(:mod:`claimkit.lexicon.match`). Add a word here, never in the guidelines page: run ``claimkit docs``.

Forms are written as they are spelled in news copy; comparison is on :func:`~claimkit.lexicon.normalize`
forms, so vocalized, tatweel and hamza variants need no entry of their own. ``since`` is the guideline
version that added the entry: a rule checking an annotation made under an older version ignores it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimkit.taxonomy import Certainty, ContentType

__all__ = ["CERTAINTY_MARKERS", "CUES", "NOT_CUES", "CertaintyMarker", "CueEntry", "NotCue", "version_key"]


def version_key(version: str) -> tuple[int, ...]:
    """``"1.10.0"`` -> ``(1, 10, 0)``, so that versions compare as numbers."""
    return tuple(int(part) for part in version.split("."))


def _forms(text: str) -> tuple[str, ...]:
    """``"تحدث، تحدثت (عن)"`` -> ``("تحدث", "تحدثت")``: a parenthesized word is shown, not part of the cue."""
    return tuple(form for form in (re.sub(r"\(.*?\)", "", part).strip() for part in text.split("،")) if form)


@dataclass(frozen=True)
class CueEntry:
    """One attribution cue: its spellings, what it means and what it tells about the claim it introduces.

    ``head`` is what the table shows (its forms count too); all ``forms`` count as the cue.
    ``ambiguous`` forms are also common words that are not cues once unvocalized (رأى / رأي), so a
    text search skips them.
    """

    head: str
    forms: tuple[str, ...]
    gloss: str
    quote: str
    note: str = ""
    certainty: Certainty | None = None
    content_type: ContentType | None = None
    since: str = "1.0.0"
    ambiguous: tuple[str, ...] = ()

    def known_in(self, version: str) -> bool:
        """Whether the guidelines of ``version`` list this entry."""
        return version_key(self.since) <= version_key(version)


@dataclass(frozen=True)
class CertaintyMarker:
    """Words that present content as probable, possible or unknown (or, noted, as certain).

    ``before_imperfect``: the word hedges only before an imperfect verb (قد يتأخر, not قد دعوا); a
    text search then requires a following ``ي``-initial word, the one unambiguous imperfect prefix.
    """

    head: str
    forms: tuple[str, ...]
    certainty: Certainty
    gloss: str
    note: str = ""
    since: str = "1.0.0"
    before_imperfect: bool = False

    def known_in(self, version: str) -> bool:
        """Whether the guidelines of ``version`` list this entry."""
        return version_key(self.since) <= version_key(version)


@dataclass(frozen=True)
class NotCue:
    """A phrase that looks like attribution but is the outlet's own voice or the setting of a quote."""

    phrase: str
    gloss: str
    note: str
    since: str = "1.0.0"


def _cue(  # noqa: PLR0913 - one row of the lexicon table, column by column
    head: str,
    more: str,
    gloss: str,
    quote: str,
    note: str = "",
    *,
    certainty: Certainty | None = None,
    content_type: ContentType | None = None,
    since: str = "1.0.0",
    ambiguous: str = "",
) -> CueEntry:
    forms = _forms(head) + _forms(more)
    return CueEntry(head, forms, gloss, quote, note, certainty, content_type, since, _forms(ambiguous))


def _marker(  # noqa: PLR0913 - one row of the lexicon table, column by column
    head: str, more: str, certainty: Certainty, gloss: str, note: str = "", *, since: str = "1.0.0", qad: bool = False
) -> CertaintyMarker:
    return CertaintyMarker(head, _forms(head) + _forms(more), certainty, gloss, note, since, qad)


_CT, _EV, _PR, _RE, _DE = (
    ContentType.FACTUAL_ASSERTION,
    ContentType.EVALUATION,
    ContentType.PREDICTION,
    ContentType.RECOMMENDATION,
    ContentType.DENIAL,
)
_NEW = "1.1.0"

CUES: tuple[CueEntry, ...] = (
    _cue(
        "قال، يقول",
        "قالت، قالوا، تقول، يقولون، قائلا، قائلة، قيل",
        "said",
        "direct or indirect (قال إن)",
        "the most neutral; قيل (it was said) has an anonymous source",
    ),
    _cue(
        "أكد، تؤكد",
        "أكدت، أكدوا، يؤكد، يؤكدون، مؤكدا، مؤكدة",
        "affirmed, stressed",
        "indirect",
        "not a certainty marker by itself",
    ),
    _cue("أوضح، أوضحت", "أوضحوا، يوضح، توضح، موضحا، موضحة", "explained, clarified", "indirect or direct"),
    _cue(
        "أشار، أشارت، مشيراً",
        "أشاروا، يشير، تشير، مشيرة، مشيرين",
        "pointed out",
        "indirect",
        "cue without إلى; مشيراً continues the previous sentence's source",
    ),
    _cue(
        "أضاف", "أضافت، أضافوا، يضيف، تضيف، مضيفا، مضيفة", "added", "indirect or direct", "often with an implied source"
    ),
    _cue(
        "اعتبر، معتبراً",
        "اعتبرت، اعتبروا، يعتبر، تعتبر، معتبرة، معتبرين",
        "considered",
        "direct or indirect",
        "the category still follows the speaker",
        content_type=_EV,
    ),
    _cue(
        "يرى، رأى",
        "ترى، يرون، رأت، رأوا",
        "thinks, sees",
        "indirect or direct",
        "an opinion",
        content_type=_EV,
        ambiguous="رأى",
    ),
    _cue("وفقاً لـ، وفقا ل", "وفق", "according to", "indirect", "cue without the attached noun: وفقا ل + نجار"),
    _cue("بحسب، حسب", "", "according to", "indirect"),
    _cue("نقلاً عن", "", "quoting", "indirect", "introduces a nested claim (§6)"),
    _cue(
        "أعلن، صرح",
        "أعلنت، أعلنوا، يعلن، تعلن، معلنا، معلنة، صرحت، صرحوا، يصرح، تصرح",
        "announced, declared",
        "indirect",
        "typical of official statements; a body announcing its own plans: §2.4",
    ),
    _cue(
        "نفى",
        "نفت، نفوا، ينفي، تنفي، نافيا، نافية",
        "denied",
        "indirect",
        "polarity of the denied content",
        content_type=_DE,
        ambiguous="نفى",
    ),
    _cue(
        "كشف، أفاد، ذكر",
        "كشفت، كشفوا، يكشف، تكشف، كاشفا، أفادت، أفادوا، يفيد، تفيد، أفيد، ذكرت، ذكروا",
        "revealed, reported",
        "indirect",
        "ذكرت وكالة… makes the agency the source",
        ambiguous="ذكر",
    ),
    _cue(
        "بالنسبة لـ",
        "بالنسبة ل",
        "for (someone), in the view of",
        "indirect",
        "cue without the attached noun, like وفقا ل; بالنسبة للاقتصاد (as for the economy) is not a cue",
        since=_NEW,
    ),
    _cue(
        "تحدث، تحدثت (عن)",
        "تحدثوا، يتحدث، تتحدث، متحدثا، متحدثة",
        "talked about",
        "indirect",
        "cue without عن; the content is often a noun phrase (تحدثت عن انتهاكات)",
        since=_NEW,
    ),
    _cue(
        "تصرّ، أصرّ (على)",
        "أصرت، أصروا، يصر، يصرون، مصرا، مصرة",
        "insists",
        "indirect",
        "cue without على; insisting is not a certainty marker",
        since=_NEW,
    ),
    _cue(
        "شنّ هجوماً (على)",
        "شنت هجوما، شنوا هجوما، يشن هجوما، تشن هجوما، شن، شنت، شنوا، يشن، تشن",
        "attacked (verbally)",
        "indirect or direct",
        "with هجوماً when it follows the verb, the verb alone when the subject comes between (وشنّ الحزب "
        "هجوماً); على is not in the cue; a military attack is no cue",
        content_type=_EV,
        since=_NEW,
        ambiguous="شن، شنت، شنوا، يشن، تشن",
    ),
    _cue(
        "تابع، لفت (إلى)",
        "تابعت، لفتت، لافتا، لافتة، نوه، نوهت",
        "went on, drew attention to",
        "indirect or direct",
        "like أضاف: usually an implied source",
        since=_NEW,
    ),
    _cue(
        "شدد (على)",
        "شددت، شددوا، يشدد، تشدد، مشددا، مشددة",
        "stressed",
        "indirect",
        since=_NEW,
        ambiguous="مشددا، مشددة",
    ),
    _cue(
        "أعرب (عن)",
        "أعربت، أعربوا، يعرب، تعرب، معربا، معربة",
        "expressed",
        "indirect",
        "concern, hope, regret",
        content_type=_EV,
        since=_NEW,
    ),
    _cue(
        "دعا، طالب",
        "دعت، دعوا، يدعو، تدعو، داعيا، داعية، طالبت، طالبوا، يطالب، تطالب، مطالبا، مطالبة",
        "called for, demanded",
        "indirect",
        "the claim starts after إلى",
        content_type=_RE,
        since=_NEW,
        ambiguous="طالب، دعا، دعت، دعوا",
    ),
    _cue(
        "حذر (من)",
        "حذرت، حذروا، يحذر، تحذر، محذرا، محذرة",
        "warned",
        "indirect",
        "a warning of what will happen is a forecast",
        content_type=_PR,
        since=_NEW,
    ),
    _cue(
        "اتهم، انتقد، ندد، أدان",
        "اتهمت، اتهموا، يتهم، تتهم، متهما، انتقدت، ينتقد، تنتقد، منتقدا، نددت، يندد، تندد، منددا، أدانت، يدين، تدين",
        "accused, criticized, condemned",
        "indirect",
        "the claim is what the speaker holds against someone",
        content_type=_EV,
        since=_NEW,
    ),
    _cue(
        "رحب، أشاد",
        "رحبت، يرحب، ترحب، أشادت، يشيد، تشيد",
        "welcomed, praised",
        "indirect",
        "welcoming or praising evaluates",
        content_type=_EV,
        since=_NEW,
    ),
    _cue(
        "توقّع",
        "توقع، توقعت، توقعوا، يتوقع، تتوقع، يتوقعون، متوقعا",
        "predicted, expected",
        "indirect",
        "without a speaker (يُتوقع أن) it is a certainty marker (§5), not a cue",
        certainty=Certainty.PROBABLE,
        content_type=_PR,
        since=_NEW,
    ),
    _cue(
        "رجّح",
        "رجح، رجحت، رجحوا، يرجح، ترجح، مرجحا",
        "considered likely",
        "indirect",
        "without a speaker (يُرجّح أن) it is a certainty marker (§5)",
        certainty=Certainty.PROBABLE,
        since=_NEW,
    ),
    _cue(
        "تشكّ، شكك (في)",
        "تشك، يشك، شككت، يشكك، تشكك، مشككا",
        "doubts, questioned",
        "indirect",
        "doubting is not denying: a denial is نفى",
        certainty=Certainty.POSSIBLE,
        since=_NEW,
    ),
    _cue(
        "زعم، ادعى",
        "زعمت، زعموا، يزعم، تزعم، ادعت، يدعي، تدعي",
        "claimed, alleged",
        "indirect",
        "certainty as the source asserts it; the outlet's distance goes in a comment",
        since=_NEW,
    ),
    _cue(
        "هدد، تعهد",
        "هددت، هددوا، يهدد، تهدد، مهددا، تعهدت، يتعهد، تتعهد، وعد، وعدت",
        "threatened, pledged",
        "indirect",
        "a speaker's own intention: a plan (§2.4)",
        content_type=_PR,
        since=_NEW,
    ),
    _cue(
        "روى، أبلغ",
        "روت، رووا، يروي، تروي، أبلغت، أبلغوا",
        "recounted, told",
        "indirect or direct",
        "typical of witnesses",
        since=_NEW,
    ),
    _cue(
        "جاء في، ورد في",
        "",
        "it says in (a statement)",
        "indirect or direct",
        "the document (البيان، التقرير) is the source",
        since=_NEW,
    ),
    _cue("على لسان", "", "in the words of", "direct or indirect", "cue without the attached noun", since=_NEW),
    _cue(
        "أورد، نقل",
        "أوردت، نقلت، نقلوا، ينقل، تنقل",
        "carried, relayed",
        "indirect",
        "نقلت الوكالة عن مسؤول: the agency's claim nests the official's (§6)",
        since=_NEW,
    ),
    _cue(
        "أفتى",
        "أفتت، يفتي، تفتي",
        "issued a fatwa",
        "indirect",
        "a state mufti or Dar al-Ifta is `government` (§2.1)",
        since=_NEW,
    ),
    _cue(
        "تبنّى",
        "تبنى، تبنت، تبنوا، يتبنى، تتبنى",
        "claimed responsibility",
        "indirect",
        "the claim is what the speaker says it did (§2.2)",
        content_type=_CT,
        since=_NEW,
    ),
    _cue(
        "كتب",
        "كتبت، يكتب، تكتب",
        "wrote",
        "direct or indirect",
        "a columnist's view: `journalist` (§3)",
        since=_NEW,
        ambiguous="كتب",
    ),
)

CERTAINTY_MARKERS: tuple[CertaintyMarker, ...] = (
    _marker("يرجّح، على الأرجح، من المرجح", "مرجح", Certainty.PROBABLE, "likely"),
    _marker(
        "من المتوقع، يُتوقع",
        "متوقع، توقع",
        Certainty.PROBABLE,
        "is expected",
        "a forecast; when it reports a date someone set, it is a schedule (§2.4)",
        since=_NEW,
    ),
    _marker(
        "يُنتظر، من المنتظر",
        "",
        Certainty.PROBABLE,
        "is awaited, is due",
        "usually a schedule: the category follows the speaker (§2.4)",
        since=_NEW,
    ),
    _marker("يوشك، أوشك، على وشك", "توشك", Certainty.PROBABLE, "is about to", since=_NEW),
    _marker(
        "يبدو أن، غالباً، يُعتقد", "في الغالب", Certainty.PROBABLE, "it seems, most likely, it is believed", since=_NEW
    ),
    _marker(
        "قد",
        "",
        Certainty.POSSIBLE,
        "may",
        "only before an imperfect verb (قد يتأخر); before a past verb (قد دعوا، وقد استقبله) it stresses, "
        "it does not hedge: certain",
        qad=True,
    ),
    _marker("من الممكن، احتمال، من المحتمل", "يحتمل", Certainty.POSSIBLE, "possibly, possibility"),
    _marker(
        "أنباء غير رسمية، أنباء متداولة",
        "تداول غير رسمي",
        Certainty.POSSIBLE,
        "unofficial or circulating news",
        "the circulating news is the (anonymous) source",
    ),
    _marker("يمكن أن، ربما، لعل", "", Certainty.POSSIBLE, "can, perhaps", since=_NEW),
    _marker(
        "تشكّ، يشكك",
        "يشك، تشكك",
        Certainty.POSSIBLE,
        "doubts",
        "the source doubts it; a flat denial is polarity negative instead",
        since=_NEW,
    ),
    _marker("شائعات، غير مؤكد، لم يتأكد", "يشاع", Certainty.POSSIBLE, "rumours, unconfirmed", since=_NEW),
    _marker(
        "هل، ما إذا كان، لم يتضح",
        "غير واضح",
        Certainty.UNKNOWN,
        "whether, it is unclear",
        "the text leaves it open",
        since=_NEW,
    ),
    _marker(
        "من المقرر، من المزمع",
        "تقرر",
        Certainty.CERTAIN,
        "is scheduled, it was decided",
        "a schedule is presented as settled: certain (§2.4)",
        since=_NEW,
    ),
)

NOT_CUES: tuple[NotCue, ...] = (
    NotCue("يذكر أن", "it is worth noting", "the outlet's own voice: no cue, no source; the claim starts after أن"),
    NotCue("يشار إلى أن", "it is pointed out", "the outlet's own voice, like يذكر أن"),
    NotCue("تجدر الإشارة إلى أن", "it should be noted", "the outlet's own voice", since=_NEW),
    NotCue("الجدير بالذكر أن", "it is worth mentioning", "the outlet's own voice", since=_NEW),
    NotCue("من المعروف أن", "it is known that", "the outlet's own voice", since=_NEW),
    NotCue("يأتي ذلك", "this comes (amid…)", "a frame of the outlet's, not a claim: see §2.5 (وسط)", since=_NEW),
    NotCue(
        "في تصريح ل", "in a statement to", "the setting of a quotation; the verb (أوضح، قال) is the cue", since=_NEW
    ),
)
