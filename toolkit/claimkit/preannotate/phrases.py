"""Reading a speaker's noun phrase in the text: titles and descriptions, an affiliation, a name
(الكاتب السوري حسام نجار، مصدر في الوزارة، منظمة أطباء بلا حدود), up to the words that end it."""

from __future__ import annotations

from claimkit.preannotate.arabic import Token, normalize
from claimkit.preannotate.lexicon import needs_preposition, time_at
from claimkit.preannotate.mentions import Mention, Phrase, head_kind, mention_from
from claimkit.preannotate.names import appositive_name, read_name
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.stops import ends_phrase
from claimkit.preannotate.titles import (
    AFFILIATION_PREPOSITIONS,
    BODIES,
    DESCRIBED_HEADS,
    HONORIFICS,
    IN_WHOSE_NAME,
    NAMED_AS,
    PLACES,
    QUANTIFIERS,
    TITLES,
    VAGUE_HEADS,
    WITNESS_TRADES,
    addressee,
    bare,
    lam_body,
    speaker_word,
)

__all__ = ["read_mention"]

#: A document "issued" by a body (بيان صادر عن الجيش).
_ISSUED = frozenset(["صادر", "صادره"])

#: Documents a body speaks in (أعلنت الوزارة في بيان): never the body's affiliation.
_DOCUMENTS = frozenset(normalize(word) for word in ("بيان", "تقرير", "تصريح", "رسالة", "مؤتمر", "منشور", "تغريدة"))
#: Whom a call or a demand is addressed to (دعت … الحكومة إلى، طالبت … الجهات المانحة بـ).
_ADDRESSEES = frozenset(
    bare(normalize(word))
    for word in ("السلطات", "الحكومة", "الجهات", "الأطراف", "المجتمع", "المواطنين", "الدول", "المانحين")
)
_MAX_DESCRIPTOR = 7
#: Media whose name ends with اليوم (today) after a paper's or a channel's word: صحيفة المصري اليوم،
#: قناة روسيا اليوم. Without that word اليوم is the day (قال الوزير المصري اليوم، قالت روسيا اليوم).
_MEDIA_WORDS = frozenset(bare(normalize(word)) for word in ("صحيفة", "جريدة", "قناة", "موقع", "شبكة", "تلفزيون"))
_NAMED_FOR_TODAY = frozenset(bare(normalize(word)) for word in ("المصري", "الإمارات", "روسيا", "فلسطين", "اليمن"))
_TODAY = normalize("اليوم")
#: A field before a definite noun (الخبير في شؤون الطاقة، الباحث في مجال المياه): part of an affiliation.
_FIELDS = frozenset(normalize(word) for word in ("شؤون", "مجال", "قضايا"))
#: "In the name of" a body, or of one named before (المتحدث باسم الجيش، المتحدثة باسمها): a spokesperson's.
_IN_THE_NAME_OF = frozenset({"باسم", *IN_WHOSE_NAME})
#: Members of a parliament, who sit for a place, a party or a bloc (النائب عن بيروت، النائبة عن كتلة …).
_MEMBERS = frozenset(bare(normalize(word)) for word in ("النائب", "النائبة", "نائب", "نائبة"))
#: "One of" before a definite plural (مصدر في إحدى المنظمات الإغاثية): part of an affiliation.
_ONE_OF = frozenset({"احد", "احدي"})


def _descriptive(token: Token) -> bool:
    return speaker_word(token.key)


def _read_descriptor(reader: Reader, j: int, phrase: Phrase, *, objects: tuple[str, ...] = ()) -> int:
    tokens, k = reader.tokens, j
    while k < len(tokens) and len(phrase.descriptor) < _MAX_DESCRIPTOR:
        token = tokens[k]
        if _guarded_against(reader, k, phrase):
            phrase.descriptor += [k, k + 1]  # المركز الوطني للوقاية من الآفات: من is of the body's name
            k += 2
            continue
        ended = ends_phrase(token) and not _named_for_today(reader, k)
        if (k > j and reader.broken(k)) or ended or (k > j and _object_of(reader, k, objects)):
            break  # رحب الوزير بالاتفاق، طالبت الجمعية الجهات المانحة بـ: the verb's object or addressee
        if _continues_descriptor(reader, k, phrase):
            phrase.descriptor.append(k)
            k += 1
            continue
        break
    return k


def _named_for_today(reader: Reader, k: int) -> bool:
    """Whether token ``k`` is the اليوم of a medium's name (:data:`_NAMED_FOR_TODAY`)."""
    if k < 2 or reader.key(k) != _TODAY or reader.broken(k) or reader.broken(k - 1):
        return False
    return bare(reader.key(k - 2)) in _MEDIA_WORDS and bare(reader.key(k - 1)) in _NAMED_FOR_TODAY


def _object_of(reader: Reader, k: int, objects: tuple[str, ...]) -> bool:
    """Whether token ``k`` opens the object of the verb before (``objects``: its prepositions): a
    definite word with ب (بالاتفاق) when it takes ب, or, when it needs a preposition, whom it addresses
    after a definite word (طالبت جمعية المستهلك المصري الحكومة بـ …; رئيس الحكومة is one phrase)."""
    key = reader.tokens[k].key
    if "ب" in objects and key.startswith("بال"):
        return True
    if "" in objects and _no_adjective_of(reader.tokens[k - 1], reader.tokens[k]):
        return True  # وأعلنت النقابة الإضراب التحذيري: what it announced, not more of the union
    return needs_preposition(objects) and reader.tokens[k - 1].definite and bare(key) in _ADDRESSEES


#: Endings of a definite word that may agree with a feminine singular before it: feminine (العامة،
#: العليا، الخضراء), a nisba (الفلسطيني…), a dual or a plural.
_MAY_AGREE = tuple(normalize(e) for e in ("ة", "ي", "ات", "ين", "ون", "ان", "ا", "اء", "ى"))


def _no_adjective_of(previous: Token, token: Token) -> bool:
    """Whether a definite word cannot be an adjective of the definite feminine singular before it: a
    masculine singular (النقابة الإضراب، الحكومة الاتفاق) opens a noun phrase of its own."""
    return previous.definite and token.definite and previous.key.endswith("ه") and not token.key.endswith(_MAY_AGREE)


#: What a body is for, taking من (للوقاية من …، للحد من …): what follows is still the body's name.
_GUARDING = frozenset(normalize(word) for word in ("للوقاية", "للحد", "للتخفيف", "للتقليل"))


def _guarded_against(reader: Reader, k: int, phrase: Phrase) -> bool:
    """Whether token ``k`` is the من of what a body guards against (للوقاية من الآفات، للحد من الفقر),
    with the article after it."""
    if not phrase.descriptor or reader.key(k) != "من" or reader.broken(k) or reader.key(k - 1) not in _GUARDING:
        return False
    following = k + 1 < len(reader.tokens) and not reader.broken(k + 1) and reader.tokens[k + 1].definite
    return following and bare(reader.key(phrase.descriptor[0])) in BODIES


#: "General" after a title without the article: part of the title (مدير عام الدفاع المدني).
_GENERAL = frozenset({"عام", "عامه"})


def _continues_descriptor(reader: Reader, k: int, phrase: Phrase) -> bool:
    token = reader.tokens[k]
    if addressee(token.key) and phrase.descriptor:
        return False  # مسؤول لوكالة فرانس برس: who was told, not more of the speaker
    if phrase.descriptor and _second_body(reader, k):
        return False  # حذرت المنظمة الحكومة من …: whom she warned, not more of the speaker
    if phrase.descriptor and bare(token.key) in QUANTIFIERS:
        return False  # أعلنت البلدية الحداد ثلاثة أيام: how many opens a phrase, never continues one
    if _descriptive(token) or token.definite or token.key in _IN_THE_NAME_OF:
        return True
    if not phrase.descriptor:
        return False
    first = reader.tokens[phrase.descriptor[0]]
    head = bare(first.key)
    previous = bare(reader.tokens[k - 1].key)
    if head in VAGUE_HEADS | DESCRIBED_HEADS and len(phrase.descriptor) < 3 and not first.definite:
        return True  # مصدر عسكري، مسؤولون روس، أحد سكان حي (الضابط أحمد علي: a name follows)
    if head in WITNESS_TRADES and len(phrase.descriptor) < 3 and _goods(reader, k, first):
        return True  # تاجر خضار، سائق سيارة أجرة: what the trade deals in, not a name
    if bare(token.key) in PLACES and (previous in TITLES or previous in BODIES):
        return True  # محافظ حمص
    if bare(token.key) in _GENERAL and previous in TITLES and not reader.tokens[k - 1].definite:
        return True  # مدير عام، أمين عام: one title (المدير العام is definite, read as such)
    if head in BODIES and (_coordinated(reader, k) or _another_body(reader, k)):
        return True  # لإغاثة وتشغيل اللاجئين، نقابة عمال ومستخدمي مؤسسة …
    if previous in BODIES and not reader.tokens[k - 1].definite and k >= 2 and reader.key(k - 2) == "باسم":
        return not reader.broken(k) and not addressee(token.key)  # الناطق باسم حركة حماس: the body's name
    # لحقوق الإنسان: a noun joined by ل to a body (رئيس النقابة العامة لأصحاب الشاحنات: the body after a
    # title), completed by a definite noun
    nxt = reader.tokens[k + 1] if k + 1 < len(reader.tokens) else None
    completed = nxt is not None and (nxt.definite or _coordinated(reader, k + 1))
    body = any(bare(reader.key(i)) in BODIES for i in phrase.descriptor)
    return token.key.startswith("ل") and body and completed and not reader.broken(k + 1)


def _coordinated(reader: Reader, k: int) -> bool:
    """Whether token ``k`` is a second noun joined by و to the noun in construct before it, sharing
    what follows (وتشغيل in لإغاثة وتشغيل اللاجئين، ومستخدمي in نقابة عمال ومستخدمي مؤسسة الكهرباء):
    after a noun with ل when a definite noun follows, or a plural in construct after a speaker's word."""
    tokens = reader.tokens
    if not 0 < k < len(tokens) - 1 or reader.broken(k) or reader.broken(k + 1) or ends_phrase(tokens[k + 1]):
        return False
    key, previous = tokens[k].key, tokens[k - 1]
    word = key[1:]
    if not key.startswith("و") or len(word) < 4 or word.startswith("ال"):
        return False
    if previous.key.startswith("ل"):
        return tokens[k + 1].definite
    return word.endswith("ي") and speaker_word(previous.key)


def _goods(reader: Reader, k: int, trade: Token) -> bool:
    """Whether token ``k`` after a trade without the article is what it deals in (تاجر خضار، سائق سيارة
    أجرة) rather than a name: not after a definite word (تاجر الحبوب محمد عبدي), nor before one (تاجر
    أحمد السيد), nor a word that introduces the name (مزارع يدعى)."""
    if trade.definite or reader.tokens[k - 1].definite or reader.tokens[k].key in NAMED_AS:
        return False
    after = k + 1
    return after >= len(reader.tokens) or reader.broken(after) or not reader.tokens[after].definite


def _second_body(reader: Reader, k: int) -> bool:
    """A definite body right after another: two noun phrases (المنظمة الحكومة), not one; joined by و
    they speak together (الحكومة والمعارضة)."""
    token, previous = reader.tokens[k], reader.tokens[k - 1]
    joined = token.key.startswith("وال")
    return (
        token.definite
        and previous.definite
        and bare(token.key) in BODIES
        and bare(previous.key) in BODIES
        and not joined
    )


def _another_body(reader: Reader, k: int) -> bool:
    """A second body joined by و, with its name after it, to the body the phrase names (نقابة المعلمين
    ونقابة الأطباء، الأمم المتحدة ومنظمة الصحة العالمية): two that speak together, one source."""
    key = reader.tokens[k].key
    if not key.startswith("و") or bare(key[1:]) not in BODIES or k + 1 >= len(reader.tokens):
        return False
    return not reader.broken(k + 1) and reader.tokens[k + 1].definite


def _read_affiliation(reader: Reader, k: int, phrase: Phrase) -> int:
    """في الوزارة after مصدر, في مركز جسور للدراسات after الباحث, لحزب الله after الأمين العام, عن بيروت
    after النائب: where a described speaker belongs (عن الأزمة after تحدث النائب is read so too, and
    given back when no content is left: see ``_shorter_speaker`` in attribution)."""
    tokens = reader.tokens
    if head_kind(reader, phrase) not in ("vague", "title", "body") or k >= len(tokens) or reader.broken(k):
        return k
    key = tokens[k].key
    for_a_seat = key == "عن" and bare(reader.key(phrase.descriptor[-1])) in _MEMBERS
    if key not in AFFILIATION_PREPOSITIONS and not lam_body(key) and not for_a_seat:
        return k  # (لحزب الله، لوزارة الخارجية: a body with its لـ, then its name)
    if head_kind(reader, phrase) == "body" and (key != "في" or bare(reader.key(k + 1)) in _DOCUMENTS):
        return k  # وزارة الداخلية في حكومة الوحدة: its government; في بيان: where it said so
    taken, m = [k], k + 1
    while m < len(tokens) and len(taken) < 6 and not reader.broken(m) and not ends_phrase(tokens[m]):
        token = tokens[m]
        previous = tokens[m - 1]  # مركز جسور: an indefinite body takes its name; وزارة الخارجية is whole
        after_body = bare(previous.key) in BODIES and not previous.definite and m - 1 != k
        one_of = m == k + 1 and token.key in _ONE_OF and m + 1 < len(tokens) and tokens[m + 1].definite
        field = m == k + 1 and token.key in _FIELDS and m + 1 < len(tokens) and tokens[m + 1].definite
        if not (token.definite or _descriptive(token) or after_body or one_of or field or bare(token.key) in PLACES):
            break
        if bare(token.key) in HONORIFICS:
            break  # لوزارة الصحة الدكتور فهد العتيبي: the name's honorific, no more of the ministry
        taken.append(m)
        m += 1
    if len(taken) == 1:
        return k
    phrase.affiliation = taken
    return m


def _issued_by(reader: Reader, k: int, phrase: Phrase) -> int:
    """بيان صادر عن الجيش، تقرير صادر عن الأمم المتحدة: who issued the document belongs to the phrase."""
    tokens = reader.tokens
    if bare(reader.key(k)) not in _ISSUED or reader.key(k + 1) not in ("عن", "من") or reader.broken(k + 1):
        return k
    end = k + 2
    while end < len(tokens) and end - k < 6 and not reader.broken(end) and _continues_issuer(reader, end, k + 2):
        end += 1
    if end == k + 2:
        return k
    phrase.descriptor += list(range(k, end))
    return end


def _continues_issuer(reader: Reader, k: int, first: int) -> bool:
    """The issuer from token ``first`` on: definite nouns and bodies (عن وزارة الدفاع، عن الجيش), and
    the own name right after an indefinite body (عن حركة حماس)."""
    token, previous = reader.tokens[k], reader.tokens[k - 1]
    if token.definite or _descriptive(token):
        return True
    named = k == first + 1 and bare(previous.key) in BODIES and not previous.definite
    return named and not ends_phrase(token)


def _read_body_name(reader: Reader, k: int, phrase: Phrase) -> int:
    """منظمة أطباء بلا حدود، وكالة سانا: a body whose name follows it, undefined."""
    tokens, taken = reader.tokens, 0
    issued = _issued_by(reader, k, phrase)
    if issued != k:
        return issued
    while k < len(tokens) and taken < 3 and not reader.broken(k) and not ends_phrase(tokens[k]):
        phrase.descriptor.append(k)
        k, taken = k + 1, taken + 1
        if bare(tokens[k - 1].key) in PLACES:
            break  # مديرية صحة إدلب: a place ends the name
    if k < len(tokens) and _named_for_today(reader, k):
        phrase.descriptor.append(k)  # قناة روسيا اليوم: the place and اليوم are its name
        k += 1
    while k < len(tokens) and taken and _agreeing_adjective(reader, k):
        phrase.descriptor.append(k)  # سلطة منطقة العقبة الاقتصادية الخاصة: adjectives after its three words
        k += 1
    return k


def _agreeing_adjective(reader: Reader, k: int) -> bool:
    """Whether token ``k`` may be an adjective of the definite word before it: definite, with an ending
    that agrees (الخاصة، الوطني), no break before it (not الأرباح: what was announced)."""
    token, previous = reader.tokens[k], reader.tokens[k - 1]
    if reader.broken(k) or ends_phrase(token) or not (token.definite and previous.definite):
        return False
    return token.key.endswith(_MAY_AGREE) and not _no_adjective_of(previous, token)


_OPENING_MARKS, _CLOSING_MARKS = frozenset('"«“'), frozenset('"»”')


def _quoted_name(reader: Reader, k: int, phrase: Phrase) -> tuple[int, int] | None:
    """صحيفة "هآرتس"، قناة «الجزيرة»: a body's name in quotation marks (up to four words). Returns the
    token after it and the end of its closing mark."""
    tokens = reader.tokens
    if k >= len(tokens) or reader.gap(k).strip() not in _OPENING_MARKS:
        return None
    for m in range(k, min(k + 4, len(tokens))):
        after = reader.gap(m + 1) if m + 1 < len(tokens) else reader.text[tokens[m].end :]
        closing = after.lstrip()[:1]
        if closing in _CLOSING_MARKS:
            phrase.descriptor += list(range(k, m + 1))
            return m + 1, tokens[m].end + after.index(closing) + 1
        if m > k and reader.broken(m):
            return None
    return None


def _adjectives(reader: Reader, k: int, phrase: Phrase) -> int:
    """صحيفة "واشنطن بوست" الأمريكية: definite adjectives after a quoted name belong to the phrase."""
    while k < len(reader.tokens) and reader.tokens[k].definite and not ends_phrase(reader.tokens[k]):
        if reader.gap(k).strip() not in _CLOSING_MARKS | {""}:
            break
        phrase.descriptor.append(k)
        k += 1
    return k


def read_mention(  # noqa: PLR0913 - keyword-only: how the phrase may end
    reader: Reader,
    j: int,
    rule: str,
    *,
    bare_name: bool = True,
    objects: tuple[str, ...] = (),
    until: int | None = None,
) -> Mention | None:
    """The speaker's noun phrase starting at token ``j``, or ``None`` when none starts there.
    ``objects``: the prepositions of the verb before (:attr:`~claimkit.preannotate.lexicon.Verb.object_after`):
    the phrase ends before its object with ب and the article (رحب الوزير بالاتفاق; a name may open with
    ب: بشار، بنيامين) and before whom a verb that needs its preposition addresses (دعت الجمعية الحكومة إلى).
    ``until``: the phrase ends before that token."""
    if j >= len(reader.tokens) or ends_phrase(reader.tokens[j]) or time_at((reader.key(j), reader.key(j + 1))):
        return None  # وكان قد أعلن العام الماضي أن …: when, not who
    phrase = Phrase()
    k = _read_descriptor(reader, j, phrase, objects=objects)
    k = _read_affiliation(reader, k, phrase)
    if phrase.affiliation and bare(reader.key(k)) in HONORIFICS and not reader.broken(k):
        phrase.descriptor.append(k)  # المتحدث الرسمي لوزارة الصحة الدكتور فهد العتيبي: then the name
        k += 1
    titled = any(bare(reader.tokens[i].key) in TITLES for i in phrase.descriptor)
    if phrase.descriptor and reader.key(k) in NAMED_AS and not reader.broken(k):
        k, titled = k + 1, True
    elif phrase.descriptor and reader.key(k, "و") in NAMED_AS and reader.gap(k).strip() in ("،", ","):
        k, titled = k + 1, True  # أحد سكان المخيم، ويدعى أبو محمد، …: the name between commas
    elif phrase.descriptor and head_kind(reader, phrase) != "body":
        k = appositive_name(reader, k, phrase, addressed=needs_preposition(objects))  # الباحث …، أحمد عثمان، أن
    if not phrase.name and (titled or (not phrase.descriptor and bare_name)):
        k = read_name(reader, k, phrase, 4 if titled else 3, objects=objects)
    quoted = None
    if phrase.descriptor and _open_body(reader, phrase) and not phrase.name:
        quoted = _quoted_name(reader, k, phrase)
        k = _adjectives(reader, quoted[0], phrase) if quoted is not None else _read_body_name(reader, k, phrase)
    if until is not None:
        k = _cut(phrase, until, k)
    if not phrase.descriptor and not phrase.name:
        return None
    mention = mention_from(reader, phrase, rule, reader.after_parenthetical(k))
    if quoted is not None and mention.end_token == quoted[0]:
        mention.end = quoted[1]  # صحيفة "هآرتس": the closing mark too
    return mention


def _cut(phrase: Phrase, until: int, k: int) -> int:
    """The phrase without its words from token ``until`` on; returns the token after it."""
    phrase.descriptor = [i for i in phrase.descriptor if i < until]
    affiliation = [i for i in phrase.affiliation if i < until]
    phrase.affiliation = affiliation if len(affiliation) > 1 else []  # its preposition alone is none
    phrase.name = [i for i in phrase.name if i < until]
    return min(k, until)


def _open_body(reader: Reader, phrase: Phrase) -> bool:
    """Whether a body's name follows the phrase: it is a body's word without the article (شركة، مركز)
    or a chain of such words opened by one (جمعية تجار، نقابة عمال ومستخدمي مؤسسة)."""
    words = [reader.tokens[i] for i in phrase.descriptor]
    if any(word.definite for word in words) or bare(words[0].key) not in BODIES:
        return False
    return len(words) == 1 or not reader.broken(phrase.descriptor[-1] + 1)
