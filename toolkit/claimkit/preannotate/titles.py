"""Who speaks: titles and roles before names, bodies, vague sources, and the source kind they imply.

Words are compared as normalized keys without the article (وزير matches الوزير and والوزير).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from claimkit.preannotate.arabic import normalize
from claimkit.taxonomy import OFFICIAL_SOURCE_KINDS, SourceKind

__all__ = [
    "AFFILIATION_PREPOSITIONS",
    "BODIES",
    "CORRESPONDENTS",
    "DESCRIBED_HEADS",
    "HONORIFICS",
    "IN_WHOSE_NAME",
    "NAMED_AS",
    "PLACES",
    "QUANTIFIERS",
    "RUMOUR_WORDS",
    "SHARED_TITLES",
    "STATES",
    "TITLES",
    "VAGUE_HEADS",
    "WITNESS_TRADES",
    "bare",
    "kind_of",
    "speaker_word",
    "state",
    "title_kind",
    "told",
]


def _keys(words: str) -> frozenset[str]:
    return frozenset(normalize(word) for word in words.split())


@lru_cache(maxsize=65536)  # words repeat across a corpus: after warm-up a dict look-up
def bare(key: str) -> str:
    """A normalized key without a leading conjunction and article: والمحلل → محلل, للوزارة → وزاره."""
    for prefix in ("وال", "فال", "بال", "كال", "ولل", "ال", "لل"):
        if key.startswith(prefix) and len(key) - len(prefix) >= 2:
            return key[len(prefix) :]
    return key


#: Trades and conditions of people who speak of what they see and live, one person each.
_WITNESS_TRADES = "تاجر تاجرة بائع بائعة سائق سائقة صياد صيادة مزارعة نازحة لاجئ لاجئة متظاهر متظاهرة ممرضة معلمة"
#: The same people, several at once (تجار، أحد الصيادين): heads that describe witnesses.
#: The trades, as keys: one without the article may take what it trades in (تاجر خضار، سائق أجرة).
WITNESS_TRADES = _keys(_WITNESS_TRADES)
_WITNESS_GROUPS = (
    "تجار باعة سائقون سائقين صيادون صيادين عمال مزارعون مزارعين نازحون نازحين لاجئون لاجئين متظاهرون متظاهرين "
    "متداولون متداولين حجاج"
)

#: A worker or a trader on a market tells what they live (guidelines §2: witness) when the phrase
#: opens with the word: after another it is an adjective (المنظمات العاملة في المجال الإنساني: the
#: organizations working in …; الأسهم المتداولة: the shares traded).
_WORKER_WORDS = "عامل عاملة متداول متداولة"

#: Honorifics before a name (الدكتور فهد العتيبي): an analyst's alone, nothing after an office's title
#: (المتحدث الرسمي لوزارة الصحة الدكتور فهد العتيبي speaks for the ministry).
_HONORIFIC_WORDS = "دكتور دكتورة"

#: Titles and roles of a person; a name usually follows (الكاتب الصحفي والمحلل السياسي حسام نجار).
TITLES: dict[str, SourceKind | None] = {
    **dict.fromkeys(_keys("وزير وزيرة رئيس رئيسة نائب نائبة ناطق ناطقة متحدث متحدثة محافظ مسؤول مسؤولة"), None),
    **dict.fromkeys(_keys("مستشار مستشارة مدير مديرة أمين عضو قيادي زعيم قائد مندوب حاكم ملك أمير وكيل"), None),
    # A crown prince (ولي العهد): ولي alone is a guardian (ولي الأمر, a pupil's parent) and says no kind.
    **dict.fromkeys(_keys("ولي"), None),
    **dict.fromkeys(_keys("ممثل ممثلة منسق منسقة مفوض رئيسة عمدة قاض قاضي محام محامي نقيب مدعي مدعية"), None),
    **dict.fromkeys(_keys("ضابط"), None),  # الضابط أحمد علي: named; ضابط رفيع: described (DESCRIBED_HEADS)
    **dict.fromkeys(_keys(_WORKER_WORDS), None),  # as ضابط; a witness as the phrase's head (_WORKERS)
    **dict.fromkeys(_keys("مكلف مكلفة"), None),  # المكلف بالإعلام في المديرية …: its press officer
    **dict.fromkeys(_keys("سفير سفيرة مبعوث مبعوثة قنصل دبلوماسي"), SourceKind.DIPLOMATIC),
    **dict.fromkeys(_keys("لواء عميد عقيد جنرال عماد مقدم رائد نقيب مشير ملازم"), SourceKind.MILITARY),
    **dict.fromkeys(_keys("محلل محللة خبير خبيرة باحث باحثة أستاذ أستاذة أكاديمي أكاديمية"), SourceKind.ANALYST),
    **dict.fromkeys(_keys(_HONORIFIC_WORDS), SourceKind.ANALYST),  # the doctor alone; an office's title comes first
    **dict.fromkeys(_keys("صحفي صحفية صحافي صحافية إعلامي إعلامية كاتب كاتبة"), SourceKind.JOURNALIST),
    # A correspondent reports the news (أفاد مراسلنا، قال مراسل الجزيرة): media, not a journalist's view (§3).
    **dict.fromkeys(_keys("مراسل مراسلة مراسلنا مراسلتنا"), SourceKind.MEDIA),
    **dict.fromkeys(_keys("ناشط ناشطة شاهد مواطن مواطنة مزارع نازح طبيب طبيبة ممرض معلم حاج حاجة"), SourceKind.WITNESS),
    # People on the ground who tell what they live (guidelines §2: witness): trades and the displaced.
    **dict.fromkeys(_keys(_WITNESS_TRADES), SourceKind.WITNESS),
    **dict.fromkeys(_keys("محام محامي محامية مدرب مدربة لاعب لاعبة فنان فنانة"), SourceKind.OTHER),
}

#: What a cue's addressee is, after لـ (قال للصحفيين، لوكالة فرانس برس، لقناة الجزيرة، لرويترز).
ADDRESSEES = _keys(
    "وكالة قناة صحيفة موقع إذاعة تلفزيون مجلة شبكة رويترز فرانس أسوشيتد بي سكاي جزيرة عربية صحفيين "
    "صحافيين صحافة مراسل مراسلي مراسلين"
)


#: Whom a cue tells, as a pronoun (قال لها إن، أكد لهم أن، أوضح لنا أن).
_TOLD_PRONOUNS = frozenset({"له", "لها", "لهم", "لهما", "لهن", "لنا", "لي", "لك", "لكم"})


def addressee(key: str) -> bool:
    """Whether a word is the addressee of a cue (للصحفيين، لوكالة، لقناة، لها): not the speaker, not the
    content. Other words with لل belong to a body's name (الوكالة الدولية للطاقة الذرية)."""
    if key in _TOLD_PRONOUNS:
        return True
    if key.startswith("لل"):
        return key[2:] in ADDRESSEES
    return key.startswith("ل") and key[1:] in ADDRESSEES


#: Whom one tells besides speakers, bodies and media (أبلغ الوزير النواب، أبلغت الوزارة نظيرتها).
_TOLD = _keys(
    "نواب مواطنين أهالي وفد وفود نظير نظيره نظيرته نظراءه صحفيين صحافيين مستشفيات مصارف بنوك شركات "
    "مدارس بلديات سفارات وزارات مؤسسات هيئات دول حكومات عائلات عائلة أسر موظفين طلاب مستوردين"
)


def told(key: str) -> bool:
    """Whether a word opens whom a speaker tells (أبلغت الشركة الوزارة بأن …): a title, a body, a
    described head, a medium, a counterpart (نظيره)."""
    word = bare(key)
    return speaker_word(key) or word in ADDRESSEES or word in _TOLD


def lam_body(key: str) -> bool:
    """Whether a word is لـ + a body (لحزب الله، لوزارة الخارجية): the affiliation of the title before it,
    unless the body is a medium that was told (لصحيفة الشرق الأوسط: an :func:`addressee`)."""
    return key.startswith("ل") and bare(key[1:]) in BODIES and not addressee(key)


#: "In the name of" one named before, with the pronoun's gender (``None``: a plural or a dual):
#: المتحدثة باسمها is a spokeswoman of the latest speaker that is feminine (phrases, sources).
IN_WHOSE_NAME: dict[str, bool | None] = {"باسمه": False, "باسمها": True, "باسمهم": None, "باسمهما": None}

#: Institutions that speak (a ministry, a government, an observatory, an agency).
BODIES = _keys(
    "وزارة حكومة رئاسة جيش قوات هيئة مجلس منظمة مرصد وكالة صحيفة قناة موقع جمعية حزب شركة أمم اتحاد "
    "جامعة برلمان سفارة خارجية داخلية دفاع إدارة مفوضية لجنة ائتلاف مديرية محافظة بلدية شرطة كرملين "
    "بيان مرسوم شبكة إذاعة تلفزيون حركة فصيل نقابة هلال صليب مركز معهد مكتب مؤسسة دائرة مصرف بنك غرفة "
    "صندوق تقرير دراسة بعثة قيادة ديوان ولاية سلطة "
    "معارضة"  # إلا أن المعارضة قالت: the opposition, one body
)

_QUANTIFIERS = "ثلاثة ثلاث أربعة أربع خمسة خمس عدة بعض"
#: How many speakers, before the head that says who they are (ثلاثة مصادر مطلعة: مصادر is the head).
QUANTIFIERS = _keys(_QUANTIFIERS)
#: Heads of unnamed sources; with a description they are unnamed-described, else anonymous.
VAGUE_HEADS = _keys("مصدر مصادر أنباء أخبار تقارير معلومات تسريبات")
#: Heads that describe the speaker without naming them (شهود عيان، مسؤولون روس، أحد السكان).
DESCRIBED_HEADS = _keys(
    "مسؤول مسؤولون مسؤولين شهود شاهد سكان أهالي ناشطون ناشطين مراقبون مراقبين محللون محللين خبراء "
    "دبلوماسيون دبلوماسي مصدر مصادر أحد عناصر ضباط ضابط عيان حقوقيون حقوقيين "
    # Bodies several at once (غير أن منظمات إغاثة حذرت), employees (موظف في الوزارة: its kind),
    # workers (عاملة في مصنع: a witness, see _WORKERS) and how many before the head (ثلاثة مصادر
    # مطلعة، عدة مسؤولين، بعض السكان), as أحد before it.
    "منظمات أحزاب فصائل حركات موظف موظفة موظفون موظفين عامل عاملة " + _QUANTIFIERS + " " + _WITNESS_GROUPS
)
#: Titles many people hold at once: even made definite by what follows (مراسل الجزيرة) they say where
#: the speaker is from, not who (guidelines §3: unnamed_described), unless a name follows.
SHARED_TITLES = _keys("مراسل مراسلة")
#: A correspondent's title: the outlet after it is the affiliation, and في + a place after that is
#: where they report from (مراسلة قناة العربية في بيروت), not whom they belong to.
CORRESPONDENTS = _keys("مراسل مراسلة مراسلنا مراسلتنا")
#: Places that complete a title or an affiliation (محافظ حمص، أحد سكان حي الشعار في حلب).
PLACES = _keys(
    "سوريا سورية دمشق حلب حمص حماة إدلب اللاذقية طرطوس درعا السويداء القنيطرة الرقة دير الزور الحسكة "
    "القامشلي منبج عفرين الباب جرابلس تدمر لبنان بيروت الأردن عمان العراق بغداد الموصل مصر القاهرة "
    "السعودية الرياض قطر الدوحة تركيا أنقرة إسطنبول إيران طهران روسيا موسكو واشنطن باريس لندن برلين "
    "فلسطين غزة القدس الإمارات أبوظبي الكويت اليمن صنعاء ليبيا طرابلس تونس الجزائر المغرب الرباط"
)
#: Words that introduce a person's name after a description (شاهد عيان يدعى أبو محمد).
NAMED_AS = _keys("يدعى تدعى يسمى تسمى اسمه اسمها")
#: Words of unconfirmed reports (the seed's تداول غير رسمي لأخبار).
RUMOUR_WORDS = _keys("تداول أنباء أخبار شائعات تسريبات معلومات تقارير")
#: Prepositions that attach an affiliation to a vague head (مصدر في الوزارة، مصادر من داخل الحزب).
AFFILIATION_PREPOSITIONS = _keys("في من داخل لدى ب")

# Keywords of the source kinds, by priority: the first kind with a keyword in the mention wins.
_KINDS: tuple[tuple[SourceKind, frozenset[str]], ...] = (
    (SourceKind.OFFICIAL_DOCUMENT, _keys("بيان مرسوم قرار وثيقة")),
    (SourceKind.INTERGOVERNMENTAL, _keys("أمم أممي أممية يونيسف مفوضية ناتو حلف أوروبي عالمية عالمي نقد")),
    (
        SourceKind.ORGANIZATION,
        _keys(
            "مدني هلال صليب مرصد منظمة منظمات جمعية جمعيات حزب أحزاب شركة شركات نقابة نقابات ائتلاف حركة فصيل "
            "حركات معارضة "
            "فصائل اتحاد غرف غرفة "
            "تصنيف ائتماني موديز فيتش"  # وكالة موديز للتصنيف الائتماني: a rating agency, no news agency
        ),
    ),
    (SourceKind.DIPLOMATIC, _keys("خارجية سفارة سفير مبعوث قنصل دبلوماسي دبلوماسية دبلوماسيون")),
    (
        SourceKind.MILITARY,
        _keys("دفاع جيش قوات أركان عسكري عسكرية حربية جوية لواء عميد عقيد جنرال عماد ضابط ضباط كتيبة فوج"),
    ),
    (
        SourceKind.MEDIA,
        _keys(
            "وكالة صحيفة قناة موقع مواقع صفحات شبكة إذاعة تلفزيون إعلام إعلامية سانا رويترز الأناضول تداول أنباء أخبار "
            "مراسل مراسلة مراسلنا مراسلتنا قناتنا صحيفتنا موقعنا بث"  # هيئة البث الإسرائيلية: a broadcaster
        ),
    ),
    (SourceKind.ANALYST, _keys("محلل محللون محللين خبير خبراء باحث أستاذ أكاديمي مراقبون مراقبين")),
    (SourceKind.JOURNALIST, _keys("صحفي صحافي إعلامي كاتب")),
    (
        SourceKind.WITNESS,
        _keys(f"شاهد شهود سكان أهالي مواطن مواطنون ناشط ناشطون نازح عيان {_WITNESS_TRADES} {_WITNESS_GROUPS}"),
    ),
    (
        SourceKind.GOVERNMENT,
        _keys(
            "وزارة وزير حكومة حكومي حكومية رئاسة رئيس محافظ محافظة داخلية برلمان شرطة أمن أمني أمنية بلدية كرملين "
            "مسؤول مسؤولون مصرف مركزي حاكم مدعي نيابة محكمة قضاء قاض قاضي نواب برلماني برلمانية مديرية "
            "وزيرة رئيسة مسؤولة مسؤولين سلطة سلطات حكوميين حكوميون رئاسي رئاسية"
        ),
    ),
)
#: Intergovernmental bodies named by several words, none of which says so alone (guidelines §2: the
#: Arab League, the EU, the UN's agencies): the World Bank, the African Union, the OIC, the GCC, the
#: IAEA (its وكالة would make it media), the international courts (a national court is government).
#: Seats of government named for it in news copy (البيت الأبيض، الكرملين، الإليزيه، قصر بعبدا).
#: Defence counsel (هيئة الدفاع، فريق الدفاع): lawyers, not the military that دفاع otherwise names.
_DEFENCE_COUNSEL = tuple(_keys(name) for name in ("هيئة دفاع", "فريق دفاع", "محامو دفاع", "محامي دفاع"))
_GOVERNMENT_SEATS = tuple(
    _keys(name)
    for name in ("بيت أبيض", "كرملين", "إليزيه", "داونينغ ستريت", "قصر بعبدا", "سراي حكومي", "قصر مرادية", "مجلس وزراء")
)
#: States named for their governments, by their names or their capitals (قالت إيران، أعلنت دمشق،
#: أبلغت واشنطن): a phrase that is only such a name speaks for the state (guidelines §2.1). Keys as
#: written, article included: الرياض is the capital, رياض a man's name.
_STATE_NAMES = _keys(
    "سوريا سورية لبنان الأردن العراق مصر السعودية قطر تركيا إيران روسيا الإمارات الكويت اليمن ليبيا تونس "
    "الجزائر المغرب موريتانيا السودان البحرين عمان إسرائيل الصين فرنسا ألمانيا بريطانيا أمريكا أميركا "
    "إسبانيا إيطاليا أوكرانيا باكستان الهند اليابان دمشق بيروت بغداد القاهرة الرياض الدوحة أنقرة طهران "
    "موسكو واشنطن باريس لندن برلين أبوظبي صنعاء طرابلس الرباط الخرطوم نواكشوط مسقط المنامة بكين كييف"
)
#: States whose names take a masculine verb (أعلن العراق); the others and every capital take a feminine one.
_MASCULINE_STATES = _keys("لبنان الأردن العراق المغرب السودان اليمن")
STATES = frozenset(frozenset({name}) for name in _STATE_NAMES) | {
    _keys("الولايات المتحدة"),
    _keys("كوريا الشمالية"),
    _keys("كوريا الجنوبية"),
}
_INTERGOVERNMENTAL_NAMES = tuple(
    _keys(name)
    for name in (
        "بنك دولي",
        "جامعة دول عربية",
        "اتحاد أفريقي",
        "اتحاد إفريقي",
        "تعاون إسلامي",
        "تعاون خليجي",
        "طاقة ذرية",
        "محكمة جنائية دولية",
        "محكمة عدل دولية",
        "منظمة أغذية",  # منظمة الأغذية والزراعة (فاو); not فاو alone: الفاو is also an Iraqi port town
        "أونروا",
        "منظمة عمل دولية",
        "منظمة دولية هجرة",
    )
)
#: Civil services whose names hold words of other kinds (جوية، مدنية): government offices.
_CIVIL_SERVICES = tuple(
    _keys(name)
    for name in (
        *("أرصاد", "حماية مدنية", "مديرية دفاع مدني", "مركز وطني", "هيئة وطنية", "لجنة وطنية", "برنامج وطني"),
        *("سلطة نقد", "مؤسسة نقد"),  # a monetary authority (سلطة النقد الفلسطينية), no IMF (صندوق النقد)
        "طيران مدني",  # هيئة الطيران المدني، سلطة الطيران المدني: no civil society
    )
)  # not الدفاع المدني السوري, an NGO: the directorate of civil defence (المديرية العامة للدفاع المدني) is the
# state's; a national centre, authority, committee or programme (المركز الوطني للوقاية من الآفات) is the state's
# (a national movement, front or party is none of these)
_WORKERS = _keys(_WORKER_WORDS)
#: Rulers named by a title of two words (ولي العهد), neither of which says so alone.
_RULERS = (_keys("ولي عهد"),)
#: Titles of an officer charged with a matter (المكلف بالإعلام): the matter says nothing of the kind.
_CHARGED = _keys("مكلف مكلفة")
#: A title held no more (الوزير السابق، اللواء المتقاعد): not official, an analyst when he comments.
_FORMER = _keys("سابق سابقة متقاعد متقاعدة")
_PERSONAL = {SourceKind.ANALYST, SourceKind.JOURNALIST, SourceKind.WITNESS, SourceKind.OTHER}


#: A title word that names an office when عام follows it: الكاتب العام (the secretary-general, in the
#: Maghreb) is no writer; his kind is his body's (الكاتب العام لوزارة التجهيز).
_OFFICE_BEFORE_GENERAL = _keys("كاتب كاتبة")
#: An office's press office (المكتب الإعلامي للمحافظ): its kind is whose office, no journalist's.
_PRESS = _keys("إعلامي")
_OFFICE = _keys("مكتب")
_GENERAL = _keys("عام عامة")
_DEPUTIES = _keys("نائب نائبة")
HONORIFICS = _keys(_HONORIFIC_WORDS)
_CLERICAL = _keys("بطريركي بطريركية رسولي أسقفي كنيسة مطران أبرشية")


def _titles(keys: Sequence[str]) -> list[str]:
    """The words of ``keys`` (bare) without those that only name an office with the next (الكاتب العام)."""
    words = [bare(key) for key in keys]
    following, before = [*words[1:], ""], ["", *words[:-1]]
    return [
        word
        for word, after, previous in zip(words, following, before, strict=True)
        if not (word in _OFFICE_BEFORE_GENERAL and after in _GENERAL)
        and previous not in _CHARGED
        and not (word in _PRESS and previous in _OFFICE)
    ]


def _member_of_parliament(words: set[str]) -> bool:
    """النائب المستقل سامر علي: نائب with no other title (نائب المدير: a deputy, the office decides) and
    not a church's (النائب البطريركي، الرسولي) is a member of parliament (guidelines §2: government)."""
    return bool(words & _DEPUTIES) and not (words & (TITLES.keys() - _DEPUTIES)) and not words & _CLERICAL


def title_kind(keys: Sequence[str]) -> SourceKind | None:
    """The kind given by the last personal title (المحلل in الكاتب الصحفي والمحلل السياسي); an honorific
    only when no other title comes before it (المتحدث … الدكتور فهد العتيبي: the office decides)."""
    words = _titles(keys)
    if any(word in TITLES and word not in HONORIFICS for word in words):
        words = [word for word in words if word not in HONORIFICS]
    for word in reversed(words):
        kind = TITLES.get(word)
        if kind is not None:
            return kind
    return None


def state(keys: Sequence[str], feminine: bool | None = None) -> bool:
    """Whether a phrase is only the name of a state or its capital, or of several (إيران، دمشق،
    الولايات المتحدة، مصر وقطر); with ``feminine``, one a verb of that gender agrees with (قالت
    إيران، أعلن العراق; not طالب موريتانيا بـ …, whom he called on)."""
    words = frozenset(_state_word(normalize(key)) for key in keys)  # a source's name comes unnormalized
    named = bool(words) and (words in STATES or all(frozenset({word}) in STATES for word in words))
    return named and (feminine is None or feminine != (words <= _MASCULINE_STATES))


def _state_word(key: str) -> str:
    """The key without the و that joins a second state (مصر وقطر)."""
    return key[1:] if key[:1] == "و" and key[1:] in _STATE_NAMES else key


def speaker_word(key: str) -> bool:
    """Whether a word (its key) names or describes a speaker: a title, a body, a vague or described head."""
    word = bare(key)
    return word in TITLES or word in BODIES or word in VAGUE_HEADS or word in DESCRIBED_HEADS


def kind_of(keys: Sequence[str]) -> SourceKind | None:
    """The kind of a source from the words that name or describe it (``None`` when nothing says)."""
    personal = title_kind(keys)
    reports = bool(keys) and bare(keys[0]) in VAGUE_HEADS  # تقارير صحفية: press reports, not a journalist
    if personal in _PERSONAL and not reports:
        return None if reports else personal
    words = set(_titles(keys))
    if words & _FORMER and words & TITLES.keys():
        return SourceKind.ANALYST  # a former official or a retired officer comments (guidelines §2)
    if any(name <= words for name in _INTERGOVERNMENTAL_NAMES):
        return SourceKind.INTERGOVERNMENTAL
    if any(name <= words for name in _DEFENCE_COUNSEL):
        return SourceKind.OTHER
    if any(name <= words for name in _GOVERNMENT_SEATS + _CIVIL_SERVICES + _RULERS) or state(keys):
        return SourceKind.GOVERNMENT  # المتحدث باسم البيت الأبيض: the seat stands for the government
    if bare(keys[0]) in _WORKERS:
        return SourceKind.WITNESS  # عامل في شركة: a worker, not the company
    heads = {bare(key) for key in keys[:2]}  # witnesses are the phrase's head: أحد سكان الحي، شهود عيان
    found = next(
        (kind for kind, keywords in _KINDS if (heads if kind is SourceKind.WITNESS else words) & keywords), None
    )  # وزارة الصحة العامة والسكان: سكان inside a body's name says nothing of witnesses
    if found is None and _member_of_parliament(words):
        return SourceKind.GOVERNMENT
    if found is None:
        return None if reports else personal
    if found is SourceKind.OFFICIAL_DOCUMENT:  # بيان صادر عن حركة حماس: the movement's, not an official one
        issuer = next((kind for kind, keywords in _KINDS[1:] if words & keywords), None)
        return found if issuer is None or issuer in OFFICIAL_SOURCE_KINDS else issuer
    return found
