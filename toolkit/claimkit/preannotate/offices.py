"""What a title heads before the speaker's name: an office (مدير عام فرع وزارة البيئة بمنطقة جازان …)
and a rank or an honorific (المهندس، الدكتور) before the name, and where the speaker is (بمحافظة أسوان،
بحركة النهضة): the affiliation and the description, never the name."""

from __future__ import annotations

from claimkit.preannotate.arabic import normalize
from claimkit.preannotate.lexicon import verb_forms
from claimkit.preannotate.mentions import Phrase
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.stops import ends_phrase
from claimkit.preannotate.titles import BODIES, PLACES, TITLES, bare, speaker_word

__all__ = ["office", "place_end"]


#: Units a title heads in a construct before the name (مدير فرع …، مدير مستشفى …): bodies, and more.
_UNIT_WORDS = "فرع مستشفى قسم مصنع مدرسة ميناء مطار سجن مستوصف"
_UNITS = BODIES | frozenset(bare(normalize(word)) for word in _UNIT_WORDS.split(" "))
#: Words before a name that are no office (المهندس فيصل، الشيخ علي): how a person is addressed.
_ADDRESSED_AS = frozenset(bare(normalize(word)) for word in ("مهندس", "مهندسة", "شيخ", "شيخة"))
#: The most words between a title and the rank or honorific before the name (مدير عام فرع وزارة …).
_OFFICE_WORDS = 9


def office(reader: Reader, k: int, phrase: Phrase) -> int:
    """The token after the office a title heads, when token ``k`` (no name read yet) opens it with an
    indefinite unit (فرع وزارة البيئة والمياه بمنطقة جازان), up to a rank or an honorific before a name
    (… المهندس فيصل الحازمي: past it) or the first word no office holds; else ``k``. The office is the
    speaker's affiliation, the rank part of their description."""
    if reader.tokens[k].definite or bare(reader.key(k)) not in _UNITS:
        return k
    end = _before_rank(reader, k) or _office_end(reader, k)
    phrase.affiliation += range(k, end)
    if end < len(reader.tokens) and _rank_before_name(reader, end):
        phrase.descriptor.append(end)
        end += 1
    return end


def _rank_before_name(reader: Reader, m: int) -> bool:
    """Whether token ``m`` is a title or an honorific with the article that a name follows (الدكتور علي)."""
    tokens = reader.tokens
    word = bare(reader.key(m))
    return (
        tokens[m].definite
        and (word in TITLES or word in _ADDRESSED_AS)
        and m + 1 < len(tokens)
        and not reader.broken(m + 1)
        and not tokens[m + 1].definite
    )


def _before_rank(reader: Reader, k: int) -> int | None:
    """The rank or honorific before a name a few words after ``k`` (no break, no verb between), if any."""
    for m in range(k + 1, min(k + _OFFICE_WORDS, len(reader.tokens))):
        if reader.broken(m) or ends_phrase(reader.tokens[m]) or reader.key(m) in verb_forms():
            return None
        if _rank_before_name(reader, m):
            return m
    return None


def _office_end(reader: Reader, k: int) -> int:
    """The token after a unit at ``k`` and the words that name it: units in a construct (فرع وزارة),
    words with the article (البيئة والمياه), where it is (بمنطقة جازان)."""
    tokens, m = reader.tokens, k + 1
    while m < len(tokens) and not reader.broken(m) and not ends_phrase(tokens[m]):
        if (where := place_end(reader, m)) != m:
            m = where
        elif (tokens[m].definite and not speaker_word(tokens[m].key)) or bare(reader.key(m)) in _UNITS:
            m += 1
        else:
            break
    return m


#: Nouns of a place a name follows (رئيس المجلس البلدي لمدينة بيروت، مختار بلدة …، سكان بمخيم …).
_PLACE_NOUNS = frozenset(bare(normalize(word)) for word in ("مدينة", "بلدة", "قرية", "منطقة", "مخيم", "حي"))


def place_end(reader: Reader, k: int) -> int:
    """The token after ب or لـ + a body or a place and the words of its name (بمحافظة أسوان، بحركة
    النهضة، بمركز كارنيغي، بغزة، لولاية بجاية): where the speaker is, never their name; else ``k``."""
    key = reader.key(k)
    if key.startswith(("بال", "لل")):
        word = bare(key)
    elif key[:1] in ("ب", "ل") and len(key) > 3:
        word = bare(key[1:])
    else:
        return k
    if word not in BODIES and word not in PLACES and word not in _PLACE_NOUNS:
        return k
    plain_allowed = word in BODIES or word in _PLACE_NOUNS  # بمركز كارنيغي، لمدينة بيروت: one word of a name
    tokens, m = reader.tokens, k + 1
    while m < len(tokens) and not reader.broken(m) and not ends_phrase(tokens[m]):
        if not tokens[m].definite and not (plain_allowed and m == k + 1 and reader.key(m) not in verb_forms()):
            break
        m += 1
    return m
