"""A cue's plain object, when no أنّ/إنّ, colon or quotation opens its content (تؤكد الحكومة حرصها على
…، أشار إلى الأهمية …): after an adjunct, after whom the verb addresses (دعا السلطات إلى …), or written as
one word with its ب (طالب، رحب، ندد، أشاد، تعهد، هدد، وعد … meet it as بإسقاط الحكومة، بالاتفاق)."""

from __future__ import annotations

import unicodedata

from claimkit.preannotate.adjuncts import STANCE_WORDS
from claimkit.preannotate.arabic import normalize
from claimkit.preannotate.lexicon import ADJUNCT_STARTS, COMPLEMENTIZERS, needs_preposition
from claimkit.preannotate.reader import OPENING_QUOTES, Reader
from claimkit.preannotate.titles import PLACES, bare

__all__ = ["plain_object", "swallowed_whom"]

#: Words that begin with ب but are prepositions of their own, not ب + an object.
_NOT_OBJECTS = frozenset(
    normalize(word) for word in ("بعد", "بين", "بشأن", "بسبب", "بحسب", "بدون", "برغم", "بالرغم", "بينما", "بأن", "بان")
)
#: The most words of whom a verb addresses before its preposition (دعا السلطات المغربية إلى …).
_ADDRESSEE_WORDS = 3
#: Adverbs with ب that may stand between the verb (and its speaker) and the object (ندد بشدة بالهجوم).
_ADVERBS = frozenset(normalize(word) for word in ("بشدة", "بقوة", "بحزم", "بدوري")) | STANCE_WORDS


def _after_attached_b(reader: Reader, k: int) -> int | None:
    """Where the object starts when token ``k`` (or the one after a ب-adverb) is ب + a word: after ب.
    ``None`` for a preposition of its own (بعد، بين …), a place (بغداد، بيروت) or a short word."""
    if reader.key(k) in _ADVERBS and k + 1 < len(reader.tokens) and not reader.broken(k + 1):
        k += 1
    token = reader.tokens[k]
    key = token.key
    if not key.startswith("ب") or len(key) < 4 or key in _NOT_OBJECTS or bare(key) in PLACES:
        return None
    at = token.start + 1
    while at < token.end and unicodedata.combining(reader.text[at]):
        at += 1  # بِـ: the vowel mark goes with ب
    return at


def plain_object(
    reader: Reader, k: int, objects: tuple[str, ...], prepositions: tuple[str, ...], limit: int
) -> tuple[int, str] | None:
    """Where the plain object of a cue starts from token ``k`` on (``objects``: the prepositions the
    verb takes, ``""`` for none), and its rule; ``None`` when none does before ``limit``."""
    tokens = reader.tokens
    if k >= len(tokens) or tokens[k].start >= limit or (reader.broken(k) and not _open_gap(reader, k)):
        return None
    if "ب" in prepositions and (after_b := _after_attached_b(reader, k)) is not None:
        return after_b, "claim-object"  # طالب المتظاهرون بإسقاط الحكومة
    if reader.key(k) in ADJUNCT_STARTS and reader.key(k) not in prepositions:
        k = reader.after_parenthetical(_after_adjunct(reader, k))  # أعلنت الحكومة في بيان رسمي تخصيص …
        if k >= len(tokens) or tokens[k].start >= limit or (reader.broken(k) and not reader.closes_parenthetical(k)):
            return None
    if reader.key(k) in prepositions and (after := _object_start(reader, k + 1)) is not None:
        return after, "claim-object"
    if needs_preposition(objects) and (after := _after_addressee(reader, k, prepositions)) is not None:
        return after, "claim-object"  # داعية السلطات المغربية إلى الإفراج عنه
    if "" in objects and reader.key(k) not in ADJUNCT_STARTS:
        return tokens[k].start, "claim-object"
    return None


def _open_gap(reader: Reader, k: int) -> bool:
    """A comma, or the closing bracket of an aside after the speaker (نفت الأونروا (وكالة الغوث) وجود …)."""
    return "،" in reader.gap(k) or reader.closes_parenthetical(k)


def _object_start(reader: Reader, k: int) -> int | None:
    """Where an object starting at token ``k`` starts: the word, or a quotation mark that opens a
    quotation of its first words (أعربت الوزارة عن "قلقها البالغ" إزاء …); ``None`` across other punctuation."""
    if k >= len(reader.tokens):
        return None
    gap = reader.gap(k)
    if not reader.broken(k):
        return reader.tokens[k].start
    marks = gap.strip()
    if marks and all(char in OPENING_QUOTES for char in marks):
        start = reader.tokens[k].start - len(gap) + gap.index(marks[0])
        return start if reader.quote_at(start) is not None else None
    return None


def _after_addressee(reader: Reader, k: int, prepositions: tuple[str, ...]) -> int | None:
    """Where the object starts after whom the verb addresses (دعا السلطات المغربية إلى …، حذر الحكومة
    من …): the verb's preposition within three words, in one stretch."""
    tokens = reader.tokens
    for m in range(k + 1, min(k + _ADDRESSEE_WORDS + 1, len(tokens) - 1)):
        if reader.broken(m):
            return None
        if reader.key(m) in prepositions and (after := _object_start(reader, m + 1)) is not None:
            return after
        if reader.key(m) in COMPLEMENTIZERS:
            return tokens[m].end  # أبلغت الشركة الوزارة رسمياً بأن …: the content after بأن
        if "ب" in prepositions and (after_b := _after_attached_b(reader, m)) is not None:
            return after_b  # طالبت الجمعية الجهات المانحة بزيادة التمويل
    return None


def _after_adjunct(reader: Reader, k: int) -> int:
    """The token after a short adjunct: a preposition, its noun and the noun's adjectives."""
    tokens = reader.tokens
    if k + 1 >= len(tokens) or reader.broken(k + 1):
        return k
    noun, m = tokens[k + 1], k + 2
    while m < len(tokens) and m - k < 5 and not reader.broken(m):
        token = tokens[m]
        adjective = token.definite if noun.definite else token.key.endswith(("ي", "يه")) and not token.definite
        if not adjective or token.key in _PREPOSITIONS:  # ودعت في بيان إلى …: إلى ends in ي, no adjective
            break
        m += 1
    return m


#: Prepositions a speaker's phrase may end with a noun after (المتحدث باسم …، مسؤولون في الوزارة).
_PREPOSITIONS = frozenset(normalize(word) for word in ("من", "إلى", "على", "عن", "في"))


def swallowed_whom(reader: Reader, k: int, content_start: int) -> bool:
    """Whether a speaker's phrase ending before token ``k`` took whom a verb like اتهم names before its
    ب (اتهم X Y بـ …): the content opens with that ب at ``k``, and the phrase's last word has the
    article and cannot be an adjective of the word before it, their gender or number differing
    (اتهمت الحكومة المسلحين بـ، المتظاهرون الشرطة بـ، منظمة العفو الدولية السلطات بـ): not an
    adjective of the speaker (الخارجية الهندية باكستان بـ، الجيش السوداني بارتكاب), nor a word of a
    longer phrase (قوات الدعم السريع), nor a name opening with ب."""
    if not 1 < k < len(reader.tokens) or content_start != reader.tokens[k].start:
        return False
    if _after_attached_b(reader, k) is None:
        return False
    whom, before = reader.tokens[k - 1].key, reader.tokens[k - 2].key
    if not whom.startswith("ال") or before in _PREPOSITIONS:
        return False
    mine, theirs = _agreement(whom), _agreement(before)
    # both known and different; a plural of things takes a feminine singular adjective (القوات المسلحة)
    return None not in (mine, theirs) and mine != theirs and (theirs, mine) != ("fp", "fs")


def _agreement(key: str) -> str | None:
    """A word's gender and number from its ending, where it says: ``mp`` (المسلحين، المتظاهرون), ``fp``
    (السلطات), ``fs`` (الحكومة); ``None`` for a masculine singular or a broken plural."""
    if key.endswith(("ين", "ون")):
        return "mp"
    if key.endswith("ات"):
        return "fp"
    return "fs" if key.endswith("ه") else None
