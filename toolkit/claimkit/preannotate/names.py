"""A speaker's name in the text: after a title (الوزير محمد علي) or between commas after a
description (الكاتب العام لوزارة التجهيز، عبد العزيز الزروالي، …), up to the words no name holds."""

from __future__ import annotations

from claimkit.preannotate.adjuncts import STANCE_WORDS
from claimkit.preannotate.arabic import normalize
from claimkit.preannotate.lexicon import COMPLEMENTIZERS, verb_forms
from claimkit.preannotate.mentions import Phrase
from claimkit.preannotate.offices import office, place_end
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.stops import ends_phrase
from claimkit.preannotate.titles import (
    TITLES,
    addressee,
    bare,
    kind_of,
    speaker_word,
    state,
    title_kind,
)
from claimkit.taxonomy import SourceKind

__all__ = ["appositive_name", "read_name"]

#: Nouns that open what a speaker denied, confirmed or announced (نفى … وجود، أكد … صحة، أعلن … مقتل),
#: and words no name holds: they end a name read after a title.
_OBJECT_WORDS = (
    "وجود عدم صحة وقوع حدوث تعرض مقتل إصابة سقوط نية أي كل بعض جميع استعداد رفض دعم قرب "
    "أداء سياسة سياسات قرار قرارات تعامل موقف مواقف تأخر غياب استمرار ارتفاع تراجع فشل تقصير انتقادات اتهامات"
)
_OBJECT_NOUNS = frozenset(map(normalize, _OBJECT_WORDS.split()))
#: The accusative's ending written out (هجوماً، تحذيراً): an object or an adverb, never a name's word.
_TANWEEN = ("اً", "ًا")
#: Words of a description the reader may leave unread before an appositive name (في السودان، للدراسات).
_UNREAD_DESCRIPTION = 6
#: Words that open a place, a time, a manner or a counterpart between commas, never a name.
_NOT_NAMES_WORDS = (
    "شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي قرب مطلع منتصف أواخر أوائل نهاية بداية عشية قبيل بعيد إثر "
    "بحضور ردا نظيره نظيرته نظراءه موظف موظفة عدة مرة مرات مجددا مرارا تكرارا "
    "وهو وهي وهم"  # ، وهو أب لسبعة أطفال،: a description of the speaker named before, no name
)
_NOT_NAMES = frozenset(bare(normalize(word)) for word in _NOT_NAMES_WORDS.split()) | STANCE_WORDS
#: Words of a status that describe, never name (متقاعد، سابق).
_STATUS = frozenset(bare(normalize(word)) for word in ["سابق", "سابقة", "متقاعد", "متقاعدة"])
#: Occasions of a statement (في مؤتمر صحفي، في كلمة، في تغريدة): what follows them is no name.
_OCCASION_WORDS = "مؤتمر كلمة خطاب تغريدة تصريح تصريحات بيان مقابلة حديث لقاء اجتماع جلسة رسالة منشور اتصال زيارة"
_OCCASIONS = frozenset(bare(normalize(word)) for word in _OCCASION_WORDS.split())
#: Names that open with علم (علم الدين، علم الهدى): no field of study.
_NAMES_WITH_ALAM = frozenset(normalize(word) for word in ("الدين", "الهدى"))
#: Titles a field of study may follow (أستاذ علم الاجتماع، الباحث في …).
_ACADEMIC_WORDS = "أستاذ أستاذة باحث باحثة خبير خبيرة متخصص متخصصة مختص مختصة"
_ACADEMIC = frozenset(bare(normalize(word)) for word in _ACADEMIC_WORDS.split())


def _after_state(reader: Reader, k: int, phrase: Phrase) -> bool:
    """Whether a name ends before token ``k``: a state after a title is whom the verb addresses (طالب الرئيس
    اللبناني سوريا بـ …), and nothing follows a state's own name (أبلغت واشنطن حلفاءها)."""
    if phrase.descriptor and not phrase.name and state([reader.key(k)]):
        return True
    joined = reader.key(k).startswith("و") and state([reader.key(k)])  # مصر وقطر: two states speak together
    return bool(phrase.name) and state([reader.key(phrase.name[-1])]) and not joined


def read_name(reader: Reader, k: int, phrase: Phrase, limit: int = 4, *, objects: tuple[str, ...] = ()) -> int:
    tokens = reader.tokens
    if (
        not phrase.name
        and phrase.descriptor
        and _academic(reader, phrase.descriptor[-1])
        and _field_of_study(reader, k)
    ):
        end = _field_end(reader, k)
        phrase.descriptor += range(k, end)  # أستاذ علم الاجتماع سامي بلحاج: his field, then his name
        k = end
    while k < len(tokens) and len(phrase.name) < limit:
        token = tokens[k]
        if "ب" in objects and (token.key.startswith("بال") or _object_after_name(reader, k, phrase)):
            break  # رحب الرئيس بشار الأسد بالاتفاق: the verb's object, not a name
        if phrase.name and reader.in_compound_name(k):
            phrase.name += [k, k + 1]  # حسن نصر الله: one name, though نصر can be a verb
            k += 2
            continue
        if phrase.name and reader.key(k - 1) == "عبد" and not reader.broken(k):
            phrase.name.append(k)  # عبد الأمير، عبد الرحمن: one name, though الأمير is a title
            k += 1
            continue
        if _no_name_at(reader, k, phrase):
            break
        if not phrase.name and phrase.descriptor and (after := office(reader, k, phrase)) != k:
            k = after  # مدير عام فرع وزارة البيئة بمنطقة جازان المهندس فيصل الحازمي: whose office, then who
            continue
        where = place_end(reader, k)
        if where != k:  # مسؤول في وزارة الري بمحافظة أسوان، القيادي بحركة النهضة رياض الشعيبي: where, not who
            phrase.affiliation += range(k, where)
            k = where
            if phrase.name:
                break
            continue
        phrase.name.append(k)
        k += 1
    return k


def _no_name_at(reader: Reader, k: int, phrase: Phrase) -> bool:
    """Whether token ``k`` holds no word of the name being read: a break, a stop, a speaker's word, a
    verb, a preposition, whom was told, an object or an accusative."""
    token = reader.tokens[k]
    if reader.broken(k) or ends_phrase(token) or speaker_word(token.key) or _after_state(reader, k, phrase):
        return True
    if token.key.startswith("ف") and reader.key(k, "ف") in verb_forms():
        return True  # أما رئيسة الجمعية سنية القلال فقالت: the verb of the topic, not a name
    if (not phrase.name and token.definite) or token.key.startswith("لل") or addressee(token.key):
        return True  # للصحفيين، لوكالة فرانس برس: a preposition or who was told, not a name
    # نفى المتحدث باسم الحكومة وجود أي خلافات، شن النائب فؤاد شهاب هجوماً: no name
    return token.key in _OBJECT_NOUNS or token.text.endswith(_TANWEEN)


def _object_after_name(reader: Reader, k: int, phrase: Phrase) -> bool:
    """Whether token ``k``, after a name, is ب + the object of a verb that takes one (طالب النائب رامي
    سلوم بتشكيل لجنة …): a word of four letters or more with ب, more words after it; not a name that
    opens with بو (محمد بوسعيد، بوعلام), nor one before another ب-word (… بدران بتشكيل)."""
    key = reader.key(k)
    if not phrase.name or not key.startswith("ب") or key.startswith("بو") or len(key) < 4:
        return False
    following = k + 1 < len(reader.tokens) and not reader.broken(k + 1)
    return following and not reader.key(k + 1).startswith("ب") and not ends_phrase(reader.tokens[k + 1])


def _academic(reader: Reader, k: int) -> bool:
    """Whether token ``k`` is a title a field of study follows (أستاذ، الباحث، خبير، المتخصص)."""
    return bare(reader.key(k)) in _ACADEMIC


def _field_of_study(reader: Reader, k: int) -> bool:
    """Whether ``علم`` + a word with the article opens at token ``k`` (علم الاجتماع، علم النفس): a
    professor's field after his title, never his name."""
    tokens = reader.tokens
    return (
        k + 1 < len(tokens)
        and reader.key(k) == "علم"
        and tokens[k + 1].definite
        and tokens[k + 1].key not in _NAMES_WITH_ALAM
        and not reader.broken(k)
        and not reader.broken(k + 1)
    )


def _field_end(reader: Reader, k: int) -> int:
    """The token after a field of study at ``k`` and its adjectives (علم الاجتماع السياسي)."""
    end = k + 2
    while end < len(reader.tokens) and not reader.broken(end) and reader.tokens[end].definite:
        if not reader.key(end).endswith(("ي", "يه")):
            break
        end += 1
    return end


def appositive_name(reader: Reader, k: int, phrase: Phrase, *, addressed: bool = False) -> int:
    """A person's name between commas after what describes them (الكاتب العام لوزارة التجهيز والماء،
    عبد العزيز الزروالي، …; المتحدث باسم البرنامج في السودان، محمد جمال الدين، في بيان): two to four
    words, the first neither with the article nor a title, none a stop or a time, after the description
    (what of it was not read: a few words without punctuation, no verb, no أن/إن and no occasion:
    في مؤتمر صحفي …، بحضور السفراء، is no name; nothing unread when the verb ``addressed`` someone:
    دعا الرئيس نظيره الروسي، فلاديمير بوتين، إلى …); returns the token after the name."""
    tokens = reader.tokens
    start = _comma_after_description(reader, k)
    ranked = _past_rank(reader, start) if start is not None else start  # ، الملازم الأول نسيم بلقاسمي، …
    if start is None or ranked is None or tokens[ranked].definite or (addressed and start != k):
        return k
    start, rank = ranked, range(start, ranked)
    if _occasion_between(reader, k, start) or not _may_open_a_name(tokens[start].key):
        return k
    end = start
    while end < len(tokens) and end - start < 4 and (end == start or not reader.broken(end)):
        token = tokens[end]
        if ends_phrase(token) or addressee(token.key) or token.key in _OBJECT_NOUNS or bare(token.key) in _STATUS:
            return k  # ، موظف حكومي متقاعد،: a second description
        if end == start and speaker_word(token.key):
            return k  # المتحدث، رئيس الوفد، …: another description (أحمد عثمان الأمين: a name)
        end += 1
    if end - start < 2 or end >= len(tokens) or reader.gap(end).strip() not in ("،", ","):
        return k
    # What was left unread describes the speaker (في السودان). A rank before the name gives the kind
    # only when it is an office's and the description gives none (قائد الكتيبة، المقدم علي حسن:
    # military; المتحدث باسم وزارة الصحة، الدكتور أشرف القدرة: the ministry's, no analyst).
    phrase.descriptor += [m for m in range(k, start) if m not in rank]
    if _office_rank(reader, phrase, rank):
        phrase.descriptor += rank
    phrase.name = list(range(start, end))
    return end


#: Kinds of ranks that stand for an office (اللواء، السفير), not a degree or a trade (الدكتور، المحامية).
_OFFICE_KINDS = frozenset({SourceKind.MILITARY, SourceKind.DIPLOMATIC})
#: Words that complete a rank (الملازم الأول، العقيد الركن).
_RANK_WORDS = frozenset(normalize(word) for word in ("الأول", "الثاني", "الركن", "أول", "ثاني"))


def _office_rank(reader: Reader, phrase: Phrase, rank: range) -> bool:
    """Whether a rank before a name between commas gives the speaker's kind (see :func:`appositive_name`)."""
    if not rank:
        return False
    described = kind_of([reader.tokens[i].key for i in phrase.descriptor + phrase.affiliation])
    return described is None and title_kind([reader.key(rank[0])]) in _OFFICE_KINDS


def _past_rank(reader: Reader, start: int) -> int | None:
    """The token after a rank or a title that opens a name between commas (، الملازم الأول نسيم
    بلقاسمي، / ، الدكتور سامي حداد،), else ``start``; ``None`` past the end."""
    tokens = reader.tokens
    if start >= len(tokens):
        return None
    if not (tokens[start].definite and bare(tokens[start].key) in TITLES):
        return start
    after = start + 1
    if after < len(tokens) and not reader.broken(after) and reader.key(after) in _RANK_WORDS:
        after += 1
    return after if after < len(tokens) and not reader.broken(after) else start


def _occasion_between(reader: Reader, k: int, end: int) -> bool:
    """Whether an occasion word (في مؤتمر صحفي، في اجتماع) is among tokens ``[k, end)``; not a field of
    study (أستاذ علم الاجتماع: no meeting)."""
    return any(bare(reader.key(m)) in _OCCASIONS and not _field_of_study(reader, m - 1) for m in range(k, end))


def _may_open_a_name(key: str) -> bool:
    """Not a place, a time or a manner (، شمال قطاع غزة، / ، عشية الانتخابات، / ، بدوره، / ، مرتدياً
    الزي العسكري،): no name opens with these words, nor with an accusative participle (مـ…ـاً)."""
    word = bare(key)
    return word not in _NOT_NAMES and not (word.startswith("م") and word.endswith("ا") and len(word) >= 5)


def _comma_after_description(reader: Reader, k: int) -> int | None:
    """The token after the comma that ends a speaker's description at ``k`` or a few words later."""
    for m in range(k, min(k + _UNREAD_DESCRIPTION + 1, len(reader.tokens))):
        if reader.gap(m).strip() in ("،", ","):
            return m
        key = reader.key(m, "و")
        bracketed = set(reader.gap(m)) <= set(" ()")  # منظمة الأغذية والزراعة (فاو) في الصومال، …
        if (m > k and reader.broken(m) and not bracketed) or key in COMPLEMENTIZERS or key in verb_forms():
            return None
    return None
