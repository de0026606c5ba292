"""The reporting verbs in every inflection, and the fixed phrases the proposer recognizes.

Which words are cues, and what they tell about the claim (an evaluation, a denial, a probable
forecast...), comes from the guidelines' cue table, :mod:`claimkit.lexicon` (one home for the words).
That table lists the usual forms; here each verb of it is also given as a root and a pattern (وزن),
and *all* its third-person active forms (past and present, singular, dual, plural, both genders) and
its active participles are generated with ``mazini`` (Wiktionary's Arabic conjugation engine, CC BY
4.0), then normalized like the text (:func:`claimkit.preannotate.arabic.normalize`). A test checks that
every verb form of the table is generated. Passive forms are left out on purpose: يُضاف ("is added") and
يُشار إلى أن ("it is pointed out that") are not attributions. Conjunctions (و، ف) are handled when the
text is read, not generated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimkit.lexicon import NOT_CUES, CueEntry, lookup_cue
from claimkit.preannotate.arabic import normalize
from claimkit.taxonomy import Certainty, ContentType

__all__ = [
    "ACCORDING_TO",
    "ADJUNCT_STARTS",
    "ANONYMITY_ENDS",
    "ANONYMITY_VERBS",
    "COMMENT_VERBS",
    "COMPLEMENTIZERS",
    "CONNECTIVES",
    "LAM_WORDS",
    "LEFT_OUT",
    "OUTLET_FORMULAS",
    "RELATIVES",
    "TIMES",
    "TIME_QUALIFIERS",
    "VERBS",
    "WEEKDAYS",
    "Form",
    "Verb",
    "comment_forms",
    "entry_of",
    "needs_preposition",
    "time_at",
    "verb_forms",
]


@dataclass(frozen=True)
class Verb:
    """A reporting verb of the cue table: root and pattern to conjugate, and how it behaves in news copy."""

    root: str
    pattern: str
    head: str  # a form the cue table lists: the verb's meaning comes from that entry
    object_after: tuple[str, ...] = ()  # prepositions that may introduce a plain noun-phrase content
    needs: tuple[str, ...] = ()  # a word that must follow within a few words (نقل ... عن)
    participle: bool = True  # whether its accusative participle (مضيفاً) is a cue too (مصر is Egypt)
    present: bool = True  # whether its present forms are cues (يُدعى "is called" looks like يدّعي)
    names_whom: bool = False  # its object names whom it concerns, then ب (اتهم الجيش المسلحين بـ …)
    tells_whom: bool = False  # whom it tells comes before the content (أبلغ الوزير النواب بأن …)


def needs_preposition(objects: tuple[str, ...]) -> bool:
    """Whether a verb with these :attr:`Verb.object_after` takes its object only after a preposition
    (طالب ب، دعا إلى، حذر من): then a noun right after it (and its speaker) is whom it addresses, not
    the object, as in أكد حرصها على …."""
    return any(objects) and "" not in objects


#: Prepositions that introduce a plain object.
_TO, _ON, _OF, _FROM = "الي", "علي", "عن", "من"

VERBS: tuple[Verb, ...] = (
    Verb("قول", "فعَل يفعُل", "قال"),
    Verb("أكد", "فعّل", "أكد", object_after=("", _ON)),
    Verb("وضح", "أفعل", "أوضح"),
    Verb("شور", "أفعل", "أشار", object_after=(_TO,)),
    Verb("ضيف", "أفعل", "أضاف"),
    Verb("عبر", "افتعل", "اعتبر"),
    Verb("رأي", "فعَل يفعَل", "رأى", participle=False),
    Verb("علن", "أفعل", "أعلن", object_after=("", _OF)),
    Verb("صرح", "فعّل", "صرح"),
    Verb("نفي", "فعَل يفعِل", "نفى", object_after=("",)),
    Verb("كشف", "فعَل يفعِل", "كشف", object_after=(_OF,)),
    Verb("فيد", "أفعل", "أفاد", participle=False),
    Verb("ذكر", "فعَل يفعُل", "ذكر", participle=False),
    Verb("تبع", "فاعل", "تابع", participle=False),
    Verb("لفت", "فعَل يفعِل", "لفت", object_after=(_TO,), needs=(_TO,)),
    Verb("نوه", "فعّل", "نوه", object_after=(_TO, "ب"), needs=(_TO, "ب", "بان")),
    Verb("شدد", "فعّل", "شدد", object_after=(_ON,)),
    Verb("عرب", "أفعل", "أعرب", object_after=(_OF,), needs=(_OF,)),
    Verb("دعو", "فعَل يفعُل", "دعا", object_after=(_TO,), needs=(_TO,)),
    Verb("طلب", "فاعل", "طالب", object_after=("ب",), needs=("ب", "بان")),  # طالب المحتجون بأن …
    Verb("حذر", "فعّل", "حذر", object_after=(_FROM,), needs=(_FROM, "ان")),
    Verb("وهم", "افتعل", "اتهم", object_after=("",), participle=False, names_whom=True),
    Verb("نقد", "افتعل", "انتقد", object_after=("",)),
    Verb("ندد", "فعّل", "ندد", object_after=("ب",)),
    Verb("دين", "أفعل", "أدان", object_after=("",), participle=False),
    Verb("رحب", "فعّل", "رحب", object_after=("ب",)),
    Verb("شيد", "أفعل", "أشاد", object_after=("ب",)),
    Verb("وقع", "تفعّل", "توقع", object_after=("",)),
    Verb("رجح", "فعّل", "رجح", object_after=("",)),
    Verb("شكك", "فعّل", "شكك", object_after=("في",)),
    Verb("زعم", "فعَل يفعُل", "زعم", participle=False),
    Verb("دعو", "افتعل", "ادعى", participle=False, present=False),
    Verb("هدد", "فعّل", "هدد", object_after=("ب",), needs=("ب",), participle=False),  # not من يهدد أمن البلاد
    Verb("عهد", "تفعّل", "تعهد", object_after=("ب",), participle=False),
    Verb("روي", "فعَل يفعِل", "روى", participle=False),
    # يُبلغ (informs) is written as يَبلغ (reaches: يبلغ عدد السكان، في حين يبلغ الإنتاج), far more common; أبلغ X بأن …
    Verb("بلغ", "أفعل", "أبلغ", object_after=("ب",), participle=False, present=False, tells_whom=True),
    Verb("ورد", "أفعل", "أورد", participle=False),
    Verb("نقل", "فعَل يفعُل", "نقل", needs=(_OF,), participle=False),
    Verb("حدث", "تفعّل", "تحدث", object_after=(_OF,), needs=(_OF,), participle=False),
    Verb("صرر", "أفعل", "أصر", object_after=(_ON,), needs=(_ON,), participle=False),
    Verb("فتي", "أفعل", "أفتى", participle=False),
    Verb("بني", "تفعّل", "تبنى", object_after=("",), participle=False),
    Verb("شكك", "فعَل يفعُل", "تشك", object_after=("في",), needs=("في",), participle=False),
    # يَعِد (promises) is written as يُعدّ (is considered: ويعد المترو أحد أكبر المشاريع), far more common
    Verb("وعد", "فعَل يفعِل", "وعد", object_after=("ب",), participle=False, present=False),
)

#: Forms of the cue table that are not proposed as cues, and why: each is also a common word that is
#: no attribution once unvocalized, or a passive without a speaker.
LEFT_OUT: dict[str, str] = {
    "قيل": "passive (it was said): no speaker to link",
    "أفيد": "passive (it was reported): no speaker to link",
    "متحدثا": "participle of تحدث; متحدثة is also a spokeswoman",
    "متحدثة": "a spokeswoman (متحدثة باسم) more often than a participle",
    "مصرا": "participle of أصر; مصر is Egypt",
    "مصرة": "participle of أصر; مصر is Egypt",
    "متهما": "participle of اتهم; متهم is also the accused",
    "مهددا": "participle of هدد; مهدد is also threatened",
    "يدعي": "present of ادعى; unvocalized it is يُدعى, is called",
    "تدعي": "present of ادعى; unvocalized it is تُدعى, is called",
    "شن": "a military attack as often as a verbal one",
    "شنت": "a military attack as often as a verbal one",
    "شنوا": "a military attack as often as a verbal one",
    "يشن": "a military attack as often as a verbal one",
    "تشن": "a military attack as often as a verbal one",
    "كتب": "also books (كُتُب)",
    "كتبت": "wrote, but also books",
    "يكتب": "wrote: a columnist's byline more often than attribution",
    "تكتب": "wrote: a columnist's byline more often than attribution",
}

#: Cues of the table whose prediction is the speaker's own plan, not a forecast (guidelines §2.4).
_PLANS = frozenset({"هدد", "تعهد"})


@cache
def entry_of(verb: Verb) -> CueEntry:
    """The cue-table entry of a verb (a verb outside the table is a programming error)."""
    entry = lookup_cue(verb.head)
    if entry is None:
        raise ValueError(f"{verb.head} is not in the cue table (claimkit/lexicon/entries.py)")
    return entry


_SLOTS = {
    "past": ("past_3ms", "past_3fs", "past_3md", "past_3fd", "past_3mp", "past_3fp"),
    "present": ("ind_3ms", "ind_3fs", "ind_3md", "ind_3fd", "ind_3mp", "ind_3fp"),
}
_FEMININE = {"past_3fs", "past_3fd", "past_3fp", "ind_3fs", "ind_3fd", "ind_3fp"}


@dataclass(frozen=True)
class Form:
    """One inflected form: which verb, past or present, participle or not, and its gender."""

    verb: Verb
    tense: str  # "past", "present" or "participle"
    feminine: bool

    @property
    def content_type(self) -> ContentType | None:
        return entry_of(self.verb).content_type

    @property
    def certainty(self) -> Certainty | None:
        return entry_of(self.verb).certainty

    @property
    def forecast(self) -> bool:
        """A judgement of what will happen (توقّع، حذّر), not the speaker's own plan (هدد، تعهد)."""
        return self.content_type is ContentType.PREDICTION and self.verb.head not in _PLANS


def _conjugate(verb: Verb) -> dict[str, list[str]]:
    from mazini import conjugate

    slots = conjugate(verb.root, verb.pattern).slots
    return {name: [normalize(form.form) for form in forms] for name, forms in slots.items()}


def _participles(participle: str, root: str) -> dict[str, bool]:
    """Accusative participles (حال): مضيفاً، مضيفةً، مضيفين; of a defective root ناف → نافياً, داع → داعياً.
    Not the feminine plural in ـات: news writes it as a noun (للتعليق على مطالبات النحالين: their demands,
    no cue; مضيفات الطيران)."""
    stem = participle + "ي" if root[-1] in "يوى" and not participle.endswith("ي") else participle
    return {stem + "ا": False, stem + "ه": True, stem + "ين": False}


@cache
def verb_forms() -> dict[str, Form]:
    """Normalized key -> form, for every reporting verb (generated once per process)."""
    forms: dict[str, Form] = {}
    for verb in VERBS:
        slots = _conjugate(verb)
        for tense, names in _SLOTS.items():
            if tense == "present" and not verb.present:
                continue
            for name in names:
                for key in slots.get(name, []):
                    forms.setdefault(key, Form(verb, tense, name in _FEMININE))
        if verb.participle:
            for participle in slots.get("ap", []):
                for key, feminine in _participles(participle, verb.root).items():
                    forms.setdefault(key, Form(verb, "participle", feminine))
    return forms


#: Verbs of commenting: negated, they make a "did not comment" fact (لم تعلق دمشق).
COMMENT_VERBS: tuple[tuple[str, str], ...] = (("علق", "فعّل"), ("ردد", "فعَل يفعُل"), ("عقب", "فعّل"))


@cache
def comment_forms() -> frozenset[str]:
    from mazini import conjugate

    found: set[str] = set()
    for root, pattern in COMMENT_VERBS:
        slots = conjugate(root, pattern).slots
        for name in (*_SLOTS["past"], *_SLOTS["present"], "juss_3ms", "juss_3fs", "juss_3mp"):
            found.update(normalize(form.form) for form in slots.get(name, []))
    return frozenset(found | {"التعليق", "تعليق"})


#: "According to" phrases: normalized words, and whether the last word takes ل as a clitic (وفقاً لـ).
ACCORDING_TO: tuple[tuple[tuple[str, ...], bool], ...] = (
    (("وفقا",), True),
    (("طبقا",), True),
    (("تبعا",), True),
    (("وفق",), False),
    (("بحسب",), False),
    (("حسب",), False),
    (("نقلا", "عن"), False),
    (("علي", "لسان"), False),
    (("جاء", "في"), False),
    (("ورد", "في"), False),
    (("بالنسبه",), True),
)

#: The words of ACCORDING_TO after which ل is split off the next word.
LAM_WORDS = frozenset(words[-1] for words, lam in ACCORDING_TO if lam)

#: Words that introduce reported content (أنّ، إنّ and their forms with pronouns).
COMPLEMENTIZERS = frozenset(
    {"ان", "بان", "انه", "انها", "انهم", "انهما", "انهن", "بانه", "بانها", "بانهم", "انما", "انني", "اننا"}
)


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(normalize(word) for word in phrase.split())


#: The outlet's own voice (يذكر أن، يشار إلى أن ...; guidelines §4: not cues), from the lexicon, and the
#: frame يأتي ذلك with what joins it to the rest (§2.5); a claim starts after them.
OUTLET_FORMULAS: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        {_phrase_keys(item.phrase) for item in NOT_CUES if item.phrase.endswith("أن")}
        | {_phrase_keys(f"يأتي ذلك {frame}") for frame in ("وسط", "في ظل", "في إطار", "بعد", "عقب")},
        key=len,
        reverse=True,
    )
)

#: Words after a comma that start a new assertion (the claim is split there).
CONNECTIVES = frozenset({"كذلك", "كما", "فيما", "بينما", "لكن", "لكنه", "لكنها", "غير", "الا", "بيد"})
#: Connectives that join a second clause to a sentence (…، فيما نفت الحركة أن …، بينما يُتوقع أن …).
JOINING = frozenset({"فيما", "بينما", "كما"})
#: Of those, the ones that open a clause of its own with a certainty marker (…، فيما يُتوقع أن …);
#: not كما, which also means "as" (…، كما توقع صندوق النقد).
WHILE = frozenset({"فيما", "بينما"})

#: Relative pronouns: "... لنجار الذي يرى أن" makes the preceding source the speaker.
RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})
#: The days of the week, normalized (a dateline or an adjunct: "قال الوزير الخميس إن ...").
WEEKDAYS = frozenset({"الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"})
#: Words of a time after a cue (أكد الوزير أمس أن …، أعلنت الوزارة الشهر الماضي أن …): neither its
#: speaker nor its content. (العام only with الماضي, المقبل …: الأمين العام is a title.)
TIMES = frozenset({"اليوم", "امس", "يوم", "مساء", "صباح", "الاسبوع", "الشهر", "الليله"})
#: A source's request for anonymity (مسؤول طلب عدم الكشف عن هويته): its verbs (never part of the
#: speaker's phrase), and the words it ends with.
ANONYMITY_VERBS = frozenset(normalize(word) for word in ("طلب", "طالبا", "فضل", "مفضلا", "رفض", "رافضا"))
ANONYMITY_ENDS = frozenset(normalize(word) for word in ("اسمه", "اسمها", "هويته", "هويتها", "اسمهم", "هويتهم"))
#: What makes العام or السنة a time (العام الماضي، السنة المقبلة).
TIME_QUALIFIERS = frozenset({"الماضي", "الماضيه", "المقبل", "المقبله", "الجاري", "الحالي", "الحاليه"})
_YEARS = frozenset({"العام", "السنه"})


def time_at(keys: tuple[str, str]) -> bool:
    """Whether a token (its key and the next token's key) opens a time: أمس، الشهر، العام الماضي."""
    return keys[0] in TIMES or (keys[0] in _YEARS and keys[1] in TIME_QUALIFIERS)


#: Words that open an adjunct between a cue (and its speaker) and the content (في بيان، اليوم، أمس).
ADJUNCT_STARTS = (
    frozenset(
        [
            "في",
            "خلال",
            "ل",
            "عبر",
            "امام",
            "علي",
            "العام",  # أعلنت الوزارة العام الماضي أن … (a title's العام is read with the speaker)
            "اثناء",
            "عقب",
            "بعد",
            "ضمن",
            "لدي",
            "منذ",
        ]
    )
    | WEEKDAYS
    | TIMES
)
